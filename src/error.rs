//! Failures to read or run: never findings about a report (those are [`crate::diagnostic::Finding`]).

use thiserror::Error;

/// The longest a message quoted from a library's error may be, in characters.
const MAX_FOREIGN_CHARS: usize = 200;

/// A message taken from a library's error (lopdf, zip, quick-xml), which may quote bytes
/// of the input: made one line, with control characters escaped (`\n`, `\u{1b}`, so a
/// hostile file cannot break a log line or send escape sequences to a terminal), and cut
/// at 200 characters on a character boundary.
pub fn foreign_message(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_FOREIGN_CHARS + 3));
    for (i, c) in s.chars().enumerate() {
        if i == MAX_FOREIGN_CHARS {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

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
    #[error("not a readable Word document: {0}")]
    Docx(#[from] crate::docx::DocxError),
    #[error("no recognisable ratings (no ratings summary, standard headings or results table)")]
    NoRatings,
    #[error("unknown rule {0:?} (`hmip rule` lists them)")]
    UnknownRule(String),
    #[error("unknown framework {0:?} (known: {1})")]
    UnknownFramework(String, String),
}

#[cfg(test)]
mod tests {
    use super::foreign_message;

    #[test]
    fn foreign_messages_are_one_clean_line() {
        // The message quick-xml gave for a fuzzed document: input bytes inside it.
        let m = foreign_message("expected `</w:r>`, but `</wi\0\u{8}\n/w:p>` was found\u{1b}[31m");
        assert!(!m.chars().any(char::is_control), "{m:?}");
        assert_eq!(
            m,
            "expected `</w:r>`, but `</wi\\u{0}\\u{8}\\n/w:p>` was found\\u{1b}[31m"
        );
    }

    #[test]
    fn foreign_messages_are_cut_on_a_character_boundary() {
        let long = "é".repeat(500);
        let m = foreign_message(&long);
        assert_eq!(m.chars().count(), 203);
        assert!(m.ends_with("..."));
        assert_eq!(foreign_message("short"), "short");
    }
}
