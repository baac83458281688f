//! Prose paragraphs: consecutive one-cell rows joined, so a sentence wrapped over lines is
//! searched whole and every byte of it maps back to its line and column.

use super::row::Row;
use super::seg::Seg;
use super::Doc;
use crate::model::Span;
use smallvec::{smallvec, SmallVec};
use std::borrow::Cow;

/// A prose paragraph: consecutive one-cell rows joined by a space (a hard hyphen at a
/// line end joins without one), so sentences wrapped over lines can be searched whole.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// A one-line paragraph (most of them) borrows its line's text.
    pub text: Cow<'a, str>,
    /// Index of the paragraph's first row.
    pub first_row: usize,
    /// (offset in `text`, segment) for each joined piece.
    parts: SmallVec<[(usize, &'a Seg<'a>); 1]>,
}

impl Para<'_> {
    /// Where byte `byte` of `text` came from.
    pub fn span_at(&self, byte: usize) -> Span {
        let idx = self
            .parts
            .partition_point(|(off, _)| *off <= byte)
            .saturating_sub(1);
        match self.parts.get(idx) {
            Some((off, seg)) => seg.span_at(byte.saturating_sub(*off)),
            None => Span::default(),
        }
    }
}

/// Does this row open a new paragraph even without a blank line before it? Headings such
/// as "3. Out-of-court disposals" or "2.1. Assessment" do.
fn starts_block(row: &Row) -> bool {
    let Some(seg) = row.single() else { return true };
    let b = seg.text.as_bytes();
    let numbered = matches!(b, [d, b'.', b' ', ..] if d.is_ascii_digit())
        || matches!(b, [d, b'.', e, ..] if d.is_ascii_digit() && e.is_ascii_digit());
    row.bullet || numbered
}

/// The document's paragraphs, in order. Rows with several cells or paragraphs (tables)
/// are paragraphs of their own, one per cell paragraph.
pub fn paragraphs<'a>(doc: &'a Doc<'_>) -> Vec<Para<'a>> {
    // At most a paragraph a row: room for them at once (untouched room costs nothing).
    let mut out: Vec<Para<'_>> = Vec::with_capacity(doc.rows.len());
    let mut cur: Option<Para<'_>> = None;
    for (i, row) in doc.rows.iter().enumerate() {
        if row.is_blank() {
            out.extend(cur.take());
            continue;
        }
        let Some(seg) = row.single() else {
            out.extend(cur.take());
            for seg in row.segs() {
                out.push(Para {
                    text: Cow::Borrowed(&*seg.text),
                    first_row: i,
                    parts: smallvec![(0, seg)],
                });
            }
            continue;
        };
        if starts_block(row) {
            out.extend(cur.take());
        }
        match cur.as_mut() {
            Some(p) => {
                if let Cow::Borrowed(first) = p.text {
                    // The paragraph's second line: room for the rest of it at once, not a
                    // doubling series (a wrapped text has paragraphs of ten lines).
                    let (lines, rest) = doc
                        .rows
                        .get(i..)
                        .unwrap_or_default()
                        .iter()
                        .map_while(|r| r.single().filter(|_| !starts_block(r)))
                        .fold((0, 0), |(n, len), s| (n + 1, len + s.text.len() + 1));
                    let mut owned = String::with_capacity(first.len() + rest);
                    owned.push_str(first);
                    p.text = Cow::Owned(owned);
                    p.parts.reserve(lines);
                }
                let text = p.text.to_mut();
                if !text.ends_with('-') {
                    text.push(' ');
                }
                p.parts.push((text.len(), seg));
                text.push_str(&seg.text);
            }
            None => {
                cur = Some(Para {
                    text: Cow::Borrowed(&*seg.text),
                    first_row: i,
                    parts: smallvec![(0, seg)],
                });
            }
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn wrapped_lines_join_and_map_back() {
        let doc = normalise("Straightforward rules are used. Each \nof the 10 standards will be scored \non a 0-3 scale.\n\n3. Out-of-court \nNext");
        let p = paragraphs(&doc);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "Straightforward rules are used. Each of the 10 standards will be scored on a 0-3 scale.");
        let at = p[0].text.find("10").unwrap();
        assert_eq!(p[0].span_at(at), Span { line: 2, column: 8 });
        assert_eq!(p[1].text, "3. Out-of-court Next");
        assert_eq!(p[1].first_row, 4);
    }
}
