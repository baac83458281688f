//! Messages quoted from other libraries' errors (lopdf, zip, quick-xml) and names read
//! from a file (PDF font names). Such text may hold bytes of the input, so it is cleaned
//! before it reaches an error line. A leaf: it imports nothing of the crate.

/// The longest a message quoted from a library's error may be, in characters.
const MAX_FOREIGN_CHARS: usize = 200;

/// A message taken from a library's error (lopdf, zip, quick-xml), which may quote bytes
/// of the input: made one line, with control characters escaped (`\n`, `\u{1b}`, so a
/// hostile file cannot break a log line or send escape sequences to a terminal), and cut
/// at 200 characters on a character boundary.
pub(crate) fn clean(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn messages_are_one_clean_line() {
        // The message quick-xml gave for a fuzzed document: input bytes inside it.
        let m = clean("expected `</w:r>`, but `</wi\0\u{8}\n/w:p>` was found\u{1b}[31m");
        assert!(!m.chars().any(char::is_control), "{m:?}");
        assert_eq!(
            m,
            "expected `</w:r>`, but `</wi\\u{0}\\u{8}\\n/w:p>` was found\\u{1b}[31m"
        );
    }

    #[test]
    fn messages_are_cut_on_a_character_boundary() {
        let long = "é".repeat(500);
        let m = clean(&long);
        assert_eq!(m.chars().count(), 203);
        assert!(m.ends_with("..."));
        assert_eq!(clean("short"), "short");
    }
}
