//! The token cache: rows read once for the parts that read the same rows (the body's
//! headings and its count tables), their tokens kept for the second reader.

use super::{has_digit, region_into, row_tokens, Read, Token};
use crate::text::{Doc, Row};

/// Rows read once for parts that read the same rows: the body's headings and its count
/// tables both read the whole body. A row's tokens depend only on the row and the
/// [`Read`] mode, and the mode matters only where a space stands before a digit (a count
/// split off text), so other rows are shared by both modes.
/// `'d` is the borrow of the document, `'s` that of the text its rows borrow.
pub struct Cache<'d, 's> {
    doc: &'d Doc<'s>,
    /// Every row read so far, its tokens one after another.
    store: Vec<Token<'d>>,
    /// Per row: where in `store` its tokens read by default are, and those read for counts
    /// when they differ ([`UNREAD`] until read; 8 bytes a slot, as a report has thousands
    /// of rows).
    rows: Vec<[(u32, u32); 2]>,
    /// The last call's tokens, cleared: their memory for the next.
    scratch: Vec<Token<'d>>,
}

/// A row not read yet in that mode.
const UNREAD: (u32, u32) = (u32::MAX, u32::MAX);

impl<'d, 's> Cache<'d, 's> {
    pub fn new(doc: &'d Doc<'s>) -> Self {
        Cache {
            doc,
            store: Vec::new(),
            rows: Vec::new(),
            scratch: Vec::new(),
        }
    }

    pub fn doc(&self) -> &'d Doc<'s> {
        self.doc
    }

    /// `f` of what [`tokens`] gives, each row read at most once per mode; the tokens'
    /// memory is kept for the next call (the body's headings, then its count tables).
    pub fn with_tokens<R>(
        &mut self,
        rows: std::ops::Range<usize>,
        read: Read,
        f: impl FnOnce(&[Token<'d>]) -> R,
    ) -> R {
        let doc = self.doc;
        if self.rows.len() < rows.end.min(doc.rows.len()) {
            self.rows
                .resize(rows.end.min(doc.rows.len()), [UNREAD, UNREAD]);
        }
        let mut out = std::mem::take(&mut self.scratch);
        let Cache {
            store, rows: index, ..
        } = self;
        // About a token a row: one allocation rather than a doubling series of copies
        // (a later call reads rows mostly read already).
        if store.is_empty() {
            store.reserve(rows.len());
        }
        region_into(
            doc,
            rows,
            |i, row, out| {
                let slot = usize::from(read.counts && space_before_digit(row));
                let Some(entry) = index.get_mut(i).and_then(|e| e.get_mut(slot)) else {
                    return row_tokens(row, i, read, out);
                };
                if *entry == UNREAD {
                    let start = store.len();
                    row_tokens(row, i, read, store);
                    match (u32::try_from(start), u32::try_from(store.len())) {
                        (Ok(a), Ok(b)) if b != u32::MAX => *entry = (a, b),
                        // Beyond what the index holds: read, not kept.
                        _ => {
                            out.extend(store.drain(start..));
                            return;
                        }
                    }
                }
                let (a, b) = *entry;
                let range = usize::try_from(a).unwrap_or(0)..usize::try_from(b).unwrap_or(0);
                out.extend(store.get(range).unwrap_or_default().iter().cloned());
            },
            &mut out,
        );
        let r = f(&out);
        out.clear();
        self.scratch = out;
        r
    }
}

/// A space then a digit somewhere in the row: where reading for counts can differ.
fn space_before_digit(row: &Row) -> bool {
    let flat = row.flat();
    // From the end: where a row has one, it is mostly its trailing counts ("… safe? 6 6").
    has_digit(&flat)
        && flat
            .as_bytes()
            .windows(2)
            .rev()
            .any(|w| matches!(w, [b' ', d] if d.is_ascii_digit()))
}
