//! `hmip`: reads HM Inspectorate of Probation inspection reports (text, PDF, Word), pulls
//! out their ratings, recomputes them from the published rules and reports every place
//! where a report disagrees with itself or with the rules.
//!
//! Pipeline: [`input::read`] (bytes → [`source::Source`]) → [`text::normalise`] →
//! [`parse::parse`] (→ [`model::Report`]) → [`rules::check`] (→ [`diagnostic::Finding`]s)
//! → [`render`]. Frameworks are data: [`framework::Framework`].

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

pub mod cli;
pub mod dataset;
pub mod diagnostic;
pub mod docx;
pub mod error;
pub mod extract;
pub mod framework;
pub mod input;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod rating;
pub mod render;
pub mod rules;
pub mod source;
pub mod text;
pub mod walk;

pub use diagnostic::{Finding, Severity};
pub use error::Error;
pub use framework::Framework;
pub use model::{Rating, Report};

/// Everything known about one input after checking.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub source: source::Source,
    pub framework: &'static Framework,
    pub report: Report,
    pub findings: Vec<Finding>,
}

impl Analysis {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }

    /// Keeps only the findings of `select` (all when empty) that are not in `ignore`.
    /// Unknown rule ids are an error, so a typo never silences a check.
    pub fn filter_rules(&mut self, select: &[String], ignore: &[String]) -> Result<(), Error> {
        for id in select.iter().chain(ignore) {
            if rules::by_id(id).is_none() {
                return Err(Error::UnknownRule(id.clone()));
            }
        }
        self.findings.retain(|f| {
            (select.is_empty() || select.iter().any(|s| s == f.rule))
                && !ignore.iter().any(|s| s == f.rule)
        });
        Ok(())
    }
}

/// Reads, parses and checks one input. `framework` overrides detection.
pub fn analyse(
    name: &str,
    bytes: &[u8],
    opts: &input::Options,
    framework: Option<&str>,
) -> Result<Analysis, Error> {
    let source = input::read(name, bytes, opts)?;
    analyse_source(source, framework)
}

/// Parses and checks text already read.
pub fn analyse_source(source: source::Source, framework: Option<&str>) -> Result<Analysis, Error> {
    let fw = match framework {
        Some(id) => Framework::by_id(id)
            .ok_or_else(|| Error::UnknownFramework(id.to_string(), Framework::ids().join(", ")))?,
        None => Framework::detect(&source.text)
            .ok_or_else(|| Error::UnknownFramework("(none embedded)".into(), String::new()))?,
    };
    let doc = text::normalise(&source.text);
    let report = parse::parse(&doc, fw);
    if !report.has_ratings() {
        return Err(Error::NoRatings);
    }
    let mut findings = rules::check(&report, fw);
    for f in &mut findings {
        f.notes.extend(source.notes_for(f.span));
        for l in &f.labels {
            for n in source.notes_for(l.span) {
                if n.starts_with("in ") && !f.notes.contains(&n) {
                    f.notes.push(n);
                }
            }
        }
    }
    Ok(Analysis {
        source,
        framework: fw,
        report,
        findings,
    })
}
