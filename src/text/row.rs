//! Rows of cells of paragraphs: the normaliser's output, one row per original line (or per
//! table row, when a table row spans several lines).

use super::seg::Seg;
use crate::model::Span;
use smallvec::SmallVec;
use std::borrow::Cow;

/// One table cell (or the whole line, outside tables): one or more paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell<'a> {
    /// Most cells hold one paragraph: kept inline.
    pub paras: SmallVec<[Seg<'a>; 1]>,
}

impl<'a> Cell<'a> {
    /// The cell's paragraphs joined by one space.
    pub fn text(&self) -> String {
        join(self.paras.iter().map(|p| &*p.text), " ")
    }

    pub fn span(&self) -> Span {
        self.paras.first().map(Seg::span).unwrap_or_default()
    }

    /// The paragraph of a one-paragraph cell.
    pub fn single(&self) -> Option<&Seg<'a>> {
        match self.paras.as_slice() {
            [p] => Some(p),
            _ => None,
        }
    }

    /// Where byte `byte` of [`Cell::text`] came from.
    pub fn span_at(&self, byte: usize) -> Span {
        span_in(self.paras.iter(), byte).unwrap_or_else(|| self.span())
    }
}

/// Where byte `byte` of the segments joined by one space came from.
fn span_in<'r, 's: 'r>(segs: impl Iterator<Item = &'r Seg<'s>>, byte: usize) -> Option<Span> {
    let mut off = 0;
    let mut last = None;
    for seg in segs {
        let end = off + seg.text.len();
        if byte <= end {
            return Some(seg.span_at(byte - off));
        }
        off = end + 1;
        last = Some(seg);
    }
    last.map(|s| s.span_at(s.text.len()))
}

/// One row of the input after normalisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row<'a> {
    /// 1-based original line number (the first, for a row over several lines).
    pub line: u32,
    /// Most rows are one cell: kept inline.
    pub cells: SmallVec<[Cell<'a>; 1]>,
    /// The line started with a bullet.
    pub bullet: bool,
    /// A page break (form feed) came just before this row.
    pub page_break: bool,
    flat_text: Option<Box<str>>,
}

impl<'a> Row<'a> {
    pub fn new(line: u32) -> Row<'a> {
        Row {
            line,
            ..Row::default()
        }
    }

    pub fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cells joined by a tab, paragraphs by a space.
    #[cfg(test)]
    pub fn text(&self) -> String {
        join(self.cells.iter().map(Cell::text), "\t")
    }

    /// The whole row as one string with cells and paragraphs joined by a space. Computed
    /// once by the normaliser; rows built otherwise compute it on demand.
    pub fn flat(&self) -> Cow<'_, str> {
        match (&self.flat_text, self.single()) {
            (Some(t), _) => Cow::Borrowed(t),
            (None, Some(p)) => Cow::Borrowed(&*p.text),
            (None, None) => Cow::Owned(join(self.cells.iter().map(Cell::text), " ")),
        }
    }

    /// Computes [`Row::flat`] once; a row of one paragraph is its own flat text, and a blank
    /// row's is empty.
    pub fn cache_flat(&mut self) {
        if self.single().is_some() || self.cells.is_empty() {
            self.flat_text = None;
            return;
        }
        let mut t = String::with_capacity(self.segs().map(|p| p.text.len() + 1).sum());
        for p in self.segs() {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(&p.text);
        }
        self.flat_text = Some(t.into_boxed_str());
    }

    /// All paragraphs of all cells, in order.
    pub fn segs(&self) -> impl Iterator<Item = &Seg<'a>> {
        self.cells.iter().flat_map(|c| c.paras.iter())
    }

    /// The single paragraph of a one-cell, one-paragraph row.
    pub fn single(&self) -> Option<&Seg<'a>> {
        match self.cells.as_slice() {
            [c] => c.single(),
            _ => None,
        }
    }

    pub fn span(&self) -> Span {
        self.cells.first().map(Cell::span).unwrap_or(Span {
            line: self.line,
            column: 1,
        })
    }

    /// Where byte `byte` of [`Row::flat`] came from.
    pub fn flat_span(&self, byte: usize) -> Span {
        span_in(self.segs(), byte).unwrap_or_else(|| self.span())
    }
}

pub fn join<S: AsRef<str>>(parts: impl Iterator<Item = S>, sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}
