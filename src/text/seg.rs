//! A run of normalised text from one original line, with a map back to its columns.

use crate::model::Span;
use std::borrow::Cow;
use thin_vec::ThinVec;

/// Normalised text from one original line. Every character knows the original column it
/// came from (columns shift where characters were dropped, expanded or collapsed).
/// A line of plain ASCII prose (most lines) borrows its text from the input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seg<'a> {
    pub text: Cow<'a, str>,
    pub line: u32,
    /// Original 1-based column (in characters) of the first character.
    start_col: u32,
    /// `(char index, delta)`: from that char on, original column = start_col + index + delta.
    /// Empty for most segments: a pointer, not three words, as a report has thousands.
    shifts: ThinVec<(u32, i32)>,
    nchars: u32,
}

impl<'a> Seg<'a> {
    pub fn new(line: u32) -> Seg<'a> {
        Seg {
            line,
            ..Seg::default()
        }
    }

    /// A segment whose characters stood at consecutive columns from `start_col` (plain
    /// ASCII copied as it is).
    pub fn plain(line: u32, text: &'a str, start_col: u32) -> Seg<'a> {
        Seg {
            text: Cow::Borrowed(text),
            line,
            start_col,
            shifts: ThinVec::new(),
            nchars: u32::try_from(text.len()).unwrap_or(u32::MAX),
        }
    }

    /// Where the segment starts.
    pub fn span(&self) -> Span {
        Span {
            line: self.line,
            column: self.start_col.max(1),
        }
    }

    /// Where the character at byte offset `byte` of `text` came from.
    pub fn span_at(&self, byte: usize) -> Span {
        let idx = self
            .text
            .get(..byte)
            .map(|s| s.chars().count())
            .unwrap_or_else(|| self.text.chars().count()) as u32;
        let delta = self
            .shifts
            .iter()
            .take_while(|(i, _)| *i <= idx)
            .last()
            .map_or(0, |(_, d)| *d);
        let col = i64::from(self.start_col) + i64::from(idx) + i64::from(delta);
        Span {
            line: self.line,
            column: u32::try_from(col.max(1)).unwrap_or(1),
        }
    }

    /// Span of a sub-slice of `text` (which must point into it).
    pub fn span_of(&self, sub: &str) -> Span {
        let base = self.text.as_ptr() as usize;
        let p = sub.as_ptr() as usize;
        if p >= base && p <= base + self.text.len() {
            self.span_at(p - base)
        } else {
            self.span()
        }
    }

    /// The column just after the last character.
    pub fn end_col(&self) -> u32 {
        self.span_at(self.text.len()).column
    }

    /// Records that the next character came from original column `col`.
    fn note_col(&mut self, col: u32) {
        if self.text.is_empty() {
            self.start_col = col;
        } else {
            let expected = i64::from(self.start_col) + i64::from(self.nchars) + self.delta();
            if i64::from(col) != expected {
                let d = i64::from(col) - i64::from(self.start_col) - i64::from(self.nchars);
                self.shifts
                    .push((self.nchars, i32::try_from(d).unwrap_or(i32::MAX)));
            }
        }
    }

    pub fn push(&mut self, ch: char, col: u32) {
        self.note_col(col);
        self.text.to_mut().push(ch);
        self.nchars += 1;
    }

    /// Appends a run of plain ASCII characters that stood at consecutive columns from `col`.
    pub fn push_ascii(&mut self, run: &str, col: u32) {
        let n = u32::try_from(run.len()).unwrap_or(u32::MAX);
        self.note_col(col);
        self.text.to_mut().push_str(run);
        self.nchars += n;
    }

    fn delta(&self) -> i64 {
        self.shifts.last().map_or(0, |(_, d)| i64::from(*d))
    }

    pub fn trim_end(&mut self) {
        let kept = self.text.trim_end_matches(' ').len();
        let cut = u32::try_from(self.text.len() - kept).unwrap_or(0);
        self.keep_bytes(kept);
        self.nchars = self.nchars.saturating_sub(cut);
        let n = self.nchars;
        self.shifts.retain(|(i, _)| *i < n);
    }

    /// The text's first `keep` bytes (a character boundary), borrowed text staying borrowed.
    fn keep_bytes(&mut self, keep: usize) {
        match &mut self.text {
            Cow::Borrowed(t) => {
                let s: &'a str = t;
                *t = s.get(..keep).unwrap_or(s);
            }
            Cow::Owned(t) => t.truncate(keep),
        }
    }

    /// Cuts the text to its first `keep` bytes (on a character boundary), then trims.
    pub fn truncate(&mut self, keep: usize) {
        if self.text.is_char_boundary(keep) {
            self.keep_bytes(keep);
        }
        self.nchars = u32::try_from(self.text.chars().count()).unwrap_or(0);
        self.trim_end();
    }

    /// The segment from byte `cut` of its text on, with its columns.
    pub fn tail(&self, cut: usize) -> Seg<'a> {
        let mut out = Seg::new(self.line);
        let Some(rest) = self.text.get(cut..) else {
            return out;
        };
        for (i, ch) in rest.char_indices() {
            out.push(ch, self.span_at(cut + i).column);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A segment borrowing its text and one owning it are cut and trimmed alike.
    #[test]
    fn borrowed_and_owned_text_trim_alike() {
        for (text, keep) in [
            ("a plain line   ", 20),
            ("cut here, then more  ", 9),
            ("", 0),
        ] {
            let mut borrowed = Seg::plain(3, text, 5);
            let mut owned = Seg::new(3);
            owned.push_ascii(text, 5);
            assert!(matches!(borrowed.text, Cow::Borrowed(_)));
            assert_eq!(borrowed, owned, "{text:?}");
            borrowed.trim_end();
            owned.trim_end();
            assert_eq!(borrowed, owned, "{text:?}");
            assert_eq!(borrowed.text, text.trim_end());
            assert_eq!(borrowed.end_col(), owned.end_col());
            borrowed.truncate(keep);
            owned.truncate(keep);
            assert_eq!(borrowed, owned, "{text:?}");
            assert!(matches!(borrowed.text, Cow::Borrowed(_)));
        }
    }
}
