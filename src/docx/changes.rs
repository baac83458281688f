//! Tracked changes: which wrappers (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`) are read
//! in the chosen view, and the text buffer that records, as byte ranges, the kept text
//! that came from inside one.

use super::numbering::is_bullet_glyph;
use super::xml::attr;
use super::{Change, ChangeKind, Piece};
use quick_xml::events::BytesStart;

impl ChangeKind {
    /// The kind of the wrapper element `name` (`ins`, `del`, `moveTo` or `moveFrom`).
    pub(crate) fn of_wrapper(name: &str) -> ChangeKind {
        match name {
            "ins" => ChangeKind::Insertion,
            "del" => ChangeKind::Deletion,
            "moveTo" => ChangeKind::MoveTo,
            _ => ChangeKind::MoveFrom,
        }
    }

    /// Whether content of this kind is read: added content when every change is
    /// accepted, removed content when every change is rejected (`as_original`).
    pub(crate) fn kept(&self, as_original: bool) -> bool {
        let added = matches!(self, ChangeKind::Insertion | ChangeKind::MoveTo);
        added != as_original
    }
}

/// The tracked change that the text being read is inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChangeCtx {
    kind: ChangeKind,
    author: Option<String>,
    date: Option<String>,
}

impl ChangeCtx {
    /// The change of wrapper element `e`, of kind `kind`.
    pub(crate) fn of(e: &BytesStart<'_>, kind: ChangeKind) -> Self {
        ChangeCtx {
            kind,
            author: attr(e, "author"),
            date: attr(e, "date"),
        }
    }
}

/// A byte range of a buffer's text that moves with it when text is cut or joined.
trait Ranged {
    fn range(&mut self) -> (&mut usize, &mut usize);
    /// `n` bytes are cut from the front of the range.
    fn cut_front(&mut self, _n: usize) {}
}

impl Ranged for Change {
    fn range(&mut self) -> (&mut usize, &mut usize) {
        (&mut self.start, &mut self.end)
    }
}

impl Ranged for Piece {
    fn range(&mut self) -> (&mut usize, &mut usize) {
        (&mut self.start, &mut self.end)
    }

    fn cut_front(&mut self, n: usize) {
        self.offset += n;
    }
}

/// Moves every range `by` bytes on.
fn shift<T: Ranged>(items: &mut [T], by: usize) {
    for it in items {
        let (s, e) = it.range();
        *s += by;
        *e += by;
    }
}

/// The first `remove` bytes became `plen` others: ranges in them are clipped.
fn replace_front<T: Ranged>(items: &mut Vec<T>, remove: usize, plen: usize) {
    items.retain_mut(|it| {
        let start = *it.range().0;
        if start < remove {
            it.cut_front(remove - start);
        }
        let (s, e) = it.range();
        let (ns, ne) = ((*s).max(remove), (*e).max(remove));
        *s = ns - remove + plen;
        *e = ne - remove + plen;
        *e > *s
    });
}

/// The text is cut to `len` bytes.
fn cut_back<T: Ranged>(items: &mut Vec<T>, len: usize) {
    items.retain_mut(|it| {
        let (s, e) = it.range();
        *e = (*e).min(len);
        *e > *s
    });
}

/// Text with change records and the pieces of `word/document.xml` it was read from
/// (byte ranges into `text`).
#[derive(Debug, Default)]
pub(crate) struct Buf {
    pub(crate) text: String,
    pub(crate) changes: Vec<Change>,
    pub(crate) pieces: Vec<Piece>,
}

impl Buf {
    /// Adds `s`, read inside `change` if any, from `pieces` (ranges into `s`).
    pub(crate) fn push(&mut self, s: &str, change: Option<&ChangeCtx>, pieces: &[Piece]) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        let mut pieces = pieces.to_vec();
        shift(&mut pieces, start);
        self.pieces.extend(pieces);
        if let Some(c) = change {
            if let Some(last) = self.changes.last_mut() {
                if last.end == start
                    && last.kind == c.kind
                    && last.author == c.author
                    && last.date == c.date
                {
                    last.end = end;
                    return;
                }
            }
            self.changes.push(Change {
                start,
                end,
                kind: c.kind.clone(),
                author: c.author.clone(),
                date: c.date.clone(),
            });
        }
    }

    /// Appends another buffer (with its changes), separated by `sep` when both
    /// sides are non-empty.
    pub(crate) fn append(&mut self, other: Buf, sep: &str) {
        if other.text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(sep);
        }
        self.put(other);
    }

    /// Appends another buffer as it is, its ranges moved to where it lands.
    pub(crate) fn put(&mut self, other: Buf) {
        let shift_by = self.text.len();
        self.text.push_str(&other.text);
        let mut pieces = other.pieces;
        shift(&mut pieces, shift_by);
        self.pieces.extend(pieces);
        let mut changes = other.changes;
        shift(&mut changes, shift_by);
        for c in changes {
            match self.changes.last_mut() {
                Some(last)
                    if last.end == c.start
                        && last.kind == c.kind
                        && last.author == c.author
                        && last.date == c.date =>
                {
                    last.end = c.end
                }
                _ => self.changes.push(c),
            }
        }
    }

    /// Replaces the first `remove` bytes with `prefix`, keeping change
    /// offsets right (changes inside the removed range are clipped).
    pub(crate) fn replace_start(&mut self, remove: usize, prefix: &str) {
        let remove = remove.min(self.text.len());
        if !self.text.is_char_boundary(remove) {
            return;
        }
        self.text.replace_range(..remove, prefix);
        replace_front(&mut self.changes, remove, prefix.len());
        replace_front(&mut self.pieces, remove, prefix.len());
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        if len >= self.text.len() || !self.text.is_char_boundary(len) {
            return;
        }
        self.text.truncate(len);
        cut_back(&mut self.changes, len);
        cut_back(&mut self.pieces, len);
    }

    /// Trims, turns a leading bullet glyph into "- ".
    pub(crate) fn finish_line(&mut self) {
        let trimmed_start = self.text.len() - self.text.trim_start().len();
        self.replace_start(trimmed_start, "");
        let end = self.text.trim_end().len();
        self.truncate(end);
        let mut chars = self.text.char_indices();
        if let Some((_, c)) = chars.next() {
            if is_bullet_glyph(c) {
                let rest = &self.text[c.len_utf8()..];
                let skip = c.len_utf8() + (rest.len() - rest.trim_start().len());
                self.replace_start(skip, "- ");
            }
        }
    }

    pub(crate) fn tabs_to_spaces(&mut self) {
        if self.text.contains('\t') {
            // Same byte length: offsets stay valid.
            self.text = self.text.replace('\t', " ");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::docx::test_support::{run, texts, tracked_table};
    use crate::docx::{ChangeKind, Options, Origin};

    #[test]
    fn tracked_changes_in_table_cell_accepted_by_default() {
        let x = run(&tracked_table(), &[], &Options::default());
        assert_eq!(texts(&x), ["1.1\tRated Requires improvement"]);
        let line = &x.lines[0];
        assert_eq!(line.origin, Origin::TableRow { table: 1, row: 1 });
        assert_eq!(line.changes.len(), 1, "adjacent runs of one change merged");
        let c = &line.changes[0];
        assert_eq!(&line.text[c.start..c.end], "Requires improvement");
        assert_eq!(c.kind, ChangeKind::Insertion);
        assert_eq!(c.author.as_deref(), Some("Bob"));
        assert_eq!(c.date.as_deref(), Some("2019-07-02T00:00:00Z"));
    }

    #[test]
    fn tracked_changes_in_table_cell_as_original() {
        let opts = Options {
            as_original: true,
            ..Options::default()
        };
        let x = run(&tracked_table(), &[], &opts);
        assert_eq!(texts(&x), ["1.1\tRated Good"]);
        let line = &x.lines[0];
        assert_eq!(line.changes.len(), 1);
        let c = &line.changes[0];
        assert_eq!(&line.text[c.start..c.end], "Good");
        assert_eq!(c.kind, ChangeKind::Deletion);
        assert_eq!(c.author.as_deref(), Some("Ann"));
    }

    #[test]
    fn moves_and_paragraph_mark_changes() {
        let body = concat!(
            "<w:p><w:pPr><w:rPr><w:ins w:id=\"9\" w:author=\"C\"/></w:rPr></w:pPr>",
            "<w:moveFrom w:id=\"3\" w:author=\"C\"><w:r><w:t>old place </w:t></w:r></w:moveFrom>",
            "<w:r><w:t xml:space=\"preserve\">kept </w:t></w:r>",
            "<w:moveTo w:id=\"4\" w:author=\"C\"><w:r><w:t>new place</w:t></w:r></w:moveTo>",
            "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"5\" w:author=\"C\"><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:rPrChange></w:rPr><w:t>7</w:t></w:r></w:p>",
        );
        let x = run(body, &[], &Options::default());
        assert_eq!(texts(&x), ["kept new place7"]);
        assert_eq!(x.lines[0].changes[0].kind, ChangeKind::MoveTo);
        let opts = Options {
            as_original: true,
            ..Options::default()
        };
        let x = run(body, &[], &opts);
        assert_eq!(texts(&x), ["old place kept 7"]);
        assert_eq!(x.lines[0].changes[0].kind, ChangeKind::MoveFrom);
        assert_eq!(x.lines[0].changes[0].start, 0);
    }
}
