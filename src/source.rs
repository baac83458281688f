//! The text a report was read as, with a map from its lines back to the document: the PDF
//! page of each line, or the Word paragraph / table row and any tracked change in it.
//! Plain data of its own: the readers' types are translated into it by [`crate::input`].

use crate::model::Span;

/// What kind of file the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Text,
    Pdf,
    Docx,
}

/// Where a line of extracted text came from in the original document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineOrigin {
    /// 1-based PDF page.
    pub page: Option<u32>,
    /// "paragraph 12", "table 5, row 3".
    pub place: Option<String>,
    /// Tracked changes in the line (Word): byte ranges into the line's text.
    pub revisions: Vec<Revision>,
    /// Where each piece of the line was read in `word/document.xml` (Word body lines), so
    /// a writer can mark an exact character of the document.
    pub pieces: Vec<XmlPiece>,
}

/// A byte range of a line read from one element of a Word document's main part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlPiece {
    /// Byte range in the line's text.
    pub start: usize,
    pub end: usize,
    /// Byte offset of the element's `<` in the decompressed `word/document.xml`.
    pub xml: u64,
    /// Byte offset of the range's first byte in the element's decoded text.
    pub offset: usize,
}

/// What a tracked change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionKind {
    Insertion,
    Deletion,
    MoveTo,
    MoveFrom,
}

impl RevisionKind {
    fn describe(self) -> &'static str {
        match self {
            RevisionKind::Insertion => "a tracked insertion",
            RevisionKind::Deletion => "a tracked deletion",
            RevisionKind::MoveTo => "text moved here (tracked)",
            RevisionKind::MoveFrom => "text moved away (tracked)",
        }
    }
}

/// A piece of a line that came from inside a tracked change: byte range, who and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub start: usize,
    pub end: usize,
    pub kind: RevisionKind,
    pub author: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub kind: Kind,
    pub text: String,
    /// One entry per line for PDF and Word input; empty for text.
    pub origins: Vec<LineOrigin>,
    /// Pages of a PDF.
    pub pages: Option<u32>,
    /// What the reader could not read well (an unreadable page, undecodable glyphs, a Word
    /// part it skipped): the rules report each as a reading gap, never silently.
    pub reader_notes: Vec<ReaderNote>,
}

/// A problem the PDF or Word reader met, with the page it concerns when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderNote {
    pub page: Option<u32>,
    pub message: String,
}

/// Where the `k`-th (from 0) line feed of `b` is. Line feeds are counted 64 bytes at a
/// time by a loop the compiler vectorises (a memchr call per line cost 70 instructions a
/// line), and looked for one by one only in the block that holds it.
fn nth_newline(b: &[u8], k: usize) -> Option<usize> {
    let mut seen = 0;
    let mut base = 0;
    for block in b.chunks(64) {
        // A byte-wide sum (at most 64) of byte compares: what vectorises best.
        let n = usize::from(block.iter().fold(0u8, |a, &c| a + u8::from(c == b'\n')));
        if seen + n > k {
            let at = block
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == b'\n')
                .nth(k - seen)?
                .0;
            return Some(base + at);
        }
        seen += n;
        base += block.len();
    }
    None
}

impl Source {
    pub fn text(name: &str, text: String) -> Source {
        Source {
            name: name.to_string(),
            kind: Kind::Text,
            text,
            origins: Vec::new(),
            pages: None,
            reader_notes: Vec::new(),
        }
    }

    /// The original line `n` (1-based).
    pub fn line(&self, n: u32) -> Option<&str> {
        let n = usize::try_from(n).ok()?.checked_sub(1)?;
        // As `split('\n').nth(n)`: a report's findings each look up their line.
        let start = match n.checked_sub(1) {
            None => 0,
            Some(k) => nth_newline(self.text.as_bytes(), k)? + 1,
        };
        let rest = self.text.get(start..)?;
        let l = rest.split('\n').next()?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    pub fn origin(&self, line: u32) -> Option<&LineOrigin> {
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        self.origins.get(i)
    }

    /// Notes for a finding at `span`: the PDF page, the Word place, a tracked change.
    pub fn notes_for(&self, span: Span) -> Vec<String> {
        let mut out = Vec::new();
        let Some(o) = self.origin(span.line) else {
            return out;
        };
        if let Some(p) = o.page {
            out.push(format!("page {p}"));
        }
        if let Some(place) = &o.place {
            out.push(place.clone());
        }
        if o.revisions.is_empty() {
            return out;
        }
        let Some(line) = self.line(span.line) else {
            return out;
        };
        // Column (characters, 1-based) to byte offset.
        let col = usize::try_from(span.column.saturating_sub(1)).unwrap_or(0);
        let byte = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        // The evidence is the token at the span: the change must overlap it.
        let token_end = line
            .get(byte..)
            .and_then(|t| t.find('\t'))
            .map_or(line.len(), |e| byte + e);
        for c in &o.revisions {
            if c.start < token_end.max(byte + 1) && c.end > byte {
                let kind = c.kind.describe();
                let by = c
                    .author
                    .as_deref()
                    .map_or(String::new(), |a| format!(" by {a}"));
                let when = c
                    .date
                    .as_deref()
                    .map_or(String::new(), |d| format!(" on {d}"));
                out.push(format!("in {kind}{by}{when}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_as_split_finds_them() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&"x".repeat(i % 70));
            text.push_str(if i % 7 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("last");
        let src = Source::text("t", text.clone());
        for n in 0..305u32 {
            let want = if n == 0 {
                None
            } else {
                text.split('\n')
                    .nth(n as usize - 1)
                    .map(|l| l.strip_suffix('\r').unwrap_or(l))
            };
            assert_eq!(src.line(n), want, "{n}");
        }
        assert_eq!(nth_newline(b"", 0), None);
        assert_eq!(nth_newline(b"\n", 0), Some(0));
        assert_eq!(nth_newline(b"\n", 1), None);
    }
}
