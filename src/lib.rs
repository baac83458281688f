//! `hmip` reads HM Inspectorate of Probation inspection reports (text, PDF, Word), pulls
//! out their ratings, recomputes them from the published rules and reports every place
//! where a report disagrees with itself or with the rules.
//!
//! ```
//! let text = "Overall rating\tGood\n\n1.1\tGovernance and leadership\tGood\n";
//! let analysis = hmip::analyse("draft.txt", text.as_bytes(), &hmip::ReadOptions::default(), None)?;
//! assert_eq!(analysis.framework.id, "youth-2018");
//! // The summary lists one standard of twelve: too little to tell a report that omits
//! // eleven standards from a text that lost its table, so the check says what it could
//! // not read instead of staying silent.
//! assert!(analysis.findings.iter().any(|f| f.rule == "incomplete-read"));
//! assert!(!analysis.findings.iter().any(|f| f.rule == "missing-standard"));
//! for f in &analysis.findings {
//!     println!("{}:{}: {} [{}]", f.span.line, f.span.column, f.message, f.rule);
//! }
//! # Ok::<(), hmip::Error>(())
//! ```
//!
//! The flow is one way: [`read`] (bytes → [`Source`]: the PDF and Word readers) →
//! normalising (text → cells with spans) → parsing (one module per report part →
//! [`Report`]) → [`rules`] (→ [`Finding`]s, reading every band and score from a
//! [`Framework`]) → [`render`] and [`extract`] (the JSON document). The library never
//! prints; the `hmip` binary (`src/main.rs`, `src/app/`) owns the command line.

#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

mod analysis;
pub mod coverage;
pub mod dataset;
pub mod extract;
pub mod framework;
pub mod model;
pub mod render;
pub mod review;
pub mod rules;
pub mod walk;

mod diagnostic;
mod docx;
mod error;
#[cfg(test)]
mod fixtures;
mod foreign;
mod input;
mod parse;
mod pdf;
mod rating;
mod source;
mod text;

pub use analysis::{analyse, analyse_source, check_bytes, check_owned, Analysis, CheckOptions};
pub use diagnostic::{Finding, Label, Severity};
pub use error::Error;
pub use framework::Framework;
pub use input::{read, read_bounded, read_file, read_owned, sniff, Options as ReadOptions};
pub use model::{Rating, Report, Span};
pub use source::{Kind as SourceKind, LineOrigin, ReaderNote, Source, XmlPiece};
