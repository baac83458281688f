//! Failures to read or run: never findings about a report (those are [`crate::diagnostic::Finding`]).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("input is {size} bytes, over the limit of {limit} bytes (--max-input-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("not UTF-8 or UTF-16 text (invalid byte at offset {offset})")]
    NotText { offset: usize },
    #[error("input has {lines} lines, over the limit of {limit} lines")]
    TooManyLines { lines: usize, limit: usize },
    #[error("encrypted PDF: it does not open with an empty password, and hmip takes no password")]
    Encrypted,
    #[error("not a readable PDF: {0}")]
    Pdf(String),
    #[error("no text layer (scanned images?): run OCR first")]
    NoTextLayer,
    #[error("not a readable Word document: {0}")]
    Docx(#[from] crate::docx::DocxError),
    #[error("no recognisable ratings (no ratings summary, standard headings or results table)")]
    NoRatings,
    #[error("unknown rule {0:?} (`hmip rule` lists them)")]
    UnknownRule(String),
    #[error("unknown framework {0:?} (known: {1})")]
    UnknownFramework(String, String),
    #[error("cannot write the reviewed copy: {0}")]
    Review(String),
    /// No framework fits what the report says about itself; the text says what was seen.
    #[error("no known inspection framework matches this report (saw: {0})")]
    NoFramework(String),
}
