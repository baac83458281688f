//! Layout: positioned glyphs and rules of a page to logical lines.
//!
//! 1. [`lines`]: glyphs are grouped into baseline lines; a line of small glyphs just above
//!    another line is its superscripts (footnote digits are dropped). Each line is cut into
//!    pieces at large gaps and at vertical rules.
//! 2. [`rulings`]: the drawn rules, clustered; a row cut open by the page edge is closed.
//! 3. [`bands`]: a piece between two horizontal rules belongs to that band; a band whose
//!    rules show column separators (vertical rules, or horizontal rule segments ending
//!    inside it) is a table row: its pieces are grouped into cells, a cell's lines joined
//!    by spaces, the cells by TAB.
//! 4. [`flow`]: other lines flow into paragraphs (vertical gap, style, list markers,
//!    indentation); [`columns`] first finds tables drawn without rules among them, by the
//!    white space their columns leave.
//! 5. [`margins`] and [`assemble`]: headers and footers repeated in the page margins are
//!    dropped, and rows or paragraphs cut by a page break are joined again.
//!
//! Every tolerance is in [`super::tolerance`].

mod assemble;
mod bands;
mod columns;
mod flow;
mod lines;
mod margins;
mod rulings;
mod words;

pub(super) use assemble::assemble;

use super::interp::PageContent;
#[cfg(test)]
use super::tolerance;

/// Pages with more rules than this are laid out without table detection.
const MAX_RULES: usize = 2_000;

/// Marks a line break inside a table cell where a too-long word may have been cut; the
/// document-level pass decides whether it joins the word or becomes a space.
const CUT: char = '\u{1}';

/// Marks a hyphen at the end of a line followed by a word in lower case: the document-level
/// pass decides whether it is a hyphenation point (dropped) or a real hyphen (kept).
const HYPH: char = '\u{2}';

/// One logical item of a page before the document-level pass.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub row: bool,
    /// Top of the item (band top for rows).
    pub top: f32,
    /// Baseline of the (last) line.
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    pub bold: bool,
    /// Flow: the line text. Row: cells joined by TAB.
    pub text: String,
    /// Row cells: (left edge, text).
    pub cells: Vec<(f32, String)>,
    /// Row: left edges of all its columns, empty ones included.
    pub columns: Vec<f32>,
    /// Width of the first word (paragraph-end test).
    pub first_word_w: f32,
    /// Row: the rest of the row above it in its table, kept apart because that row, at
    /// the top of a page, may be a header the producer repeated.
    pub part: bool,
}

/// The items of one page.
#[derive(Debug, Default)]
pub(super) struct PageLines {
    pub page_no: u32,
    pub height: f32,
    pub items: Vec<Item>,
    /// Where the layout gave up on something (no page prefix).
    pub notes: Vec<String>,
}

/// Group a page's glyphs and rules into items (flow lines and table rows), top to bottom.
pub(super) fn layout_page(c: &PageContent) -> PageLines {
    let lines = lines::build_lines(c);
    // Pathological pages (thousands of rules) are read without table detection, which is
    // quadratic in the number of rules.
    let mut notes = Vec::new();
    let (hc, vr) = if c.rules.len() <= MAX_RULES {
        rulings::cluster_rules(&c.rules)
    } else {
        notes.push(format!(
            "the page draws {} rules (over {MAX_RULES}); its tables were read as plain text",
            c.rules.len()
        ));
        (Vec::new(), Vec::new())
    };
    let pieces = lines::cut_pieces(c, &lines, &vr);
    let rows = bands::table_rows(c, &lines, &pieces, &hc, &vr);
    let mut items = rows.items;
    let flow = flow::flow_items(c, &lines, &pieces, &rows.in_row);
    let page_top = items
        .iter()
        .chain(flow.iter().map(|l| &l.item))
        .map(|it| it.top)
        .fold(f32::MAX, f32::min);
    items.extend(columns::tables(flow, page_top));
    if let Some(cut) = bands::cut_row(&lines, &hc, &vr, &items) {
        items.push(cut);
    }
    items.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    PageLines {
        page_no: c.page_no,
        height: c.height,
        items,
        notes,
    }
}

/// Test-only debugging aid: each baseline line with its words and their x extents.
#[cfg(test)]
pub(super) fn debug_words(c: &PageContent) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for line in lines::build_lines(c) {
        let _ = write!(s, "y={:.1} sz={:.1}:", line.y, line.size);
        let mut word = String::new();
        let (mut x0, mut x1) = (f32::NAN, f32::NAN);
        for &gi in &line.glyphs {
            let Some(g) = c.glyphs.get(gi) else { continue };
            if !word.is_empty() && g.x - x1 > tolerance::WORD_GAP_EM * line.size {
                let _ = write!(s, " [{x0:.1}-{x1:.1} {word:?}]");
                word.clear();
            }
            if word.is_empty() {
                x0 = g.x;
            }
            word.push_str(c.glyph_text(g));
            x1 = g.x + g.w;
        }
        let _ = writeln!(s, " [{x0:.1}-{x1:.1} {word:?}]");
    }
    s
}
