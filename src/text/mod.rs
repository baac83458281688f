//! Text normalisation: one pass over the input that turns every extraction shape into
//! rows of cells of paragraphs ([`Row`] / [`Cell`] / [`Seg`]), keeping for every character
//! a way back to its original line and column.
//!
//! Shapes handled (all seen in real report texts and in what common extraction tools
//! give of them, `fixtures/shapes/`):
//! - table rows as tab-separated cells (`1.1⇥Governance and leadership⇥Good⇥`), and
//!   columns laid out with runs of three or more spaces (`pdftotext -layout`);
//! - Markdown pipe tables, pandoc grid tables over several lines, HTML table rows, the
//!   dash rules of pandoc simple tables ([`blocks`]);
//! - HTML and Markdown inline markup, footnote references, bullets, typographic quotes
//!   and dashes, ligatures, invisible characters ([`line`]);
//! - running headers and footers, and ratings a narrow cell wrapped over rows
//!   ([`repair`]); a form feed marks the row after it as the start of a page.
//!
//! Prose is read as [`paragraphs`] of rows joined across line breaks.

mod blocks;
mod line;
mod para;
mod repair;
mod row;
pub(crate) mod scan;
mod seg;

pub use line::normalise_line;
use line::plain_line;
pub use para::{paragraphs, Para};
pub use row::{Cell, Row};

/// The normalised document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc<'a> {
    pub rows: Vec<Row<'a>>,
}

/// The input's lines, numbered from 1: split on `\n` or `\r\n`; a lone `\r` inside a
/// line (old Mac line ends) splits it into pieces with the same number.
fn lines(text: &str) -> Vec<blocks::Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    // Line ends by memchr (SIMD); the same pieces as `split('\n')`.
    let mut start = 0;
    // Lone carriage returns are looked for line by line only in a text that has one.
    let has_cr = memchr::memchr(b'\r', text.as_bytes()).is_some();
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for (i, end) in ends.enumerate() {
        let line = text.get(start..end).unwrap_or("");
        start = end + 1;
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if has_cr && memchr::memchr(b'\r', line.as_bytes()).is_some() {
            out.extend(line.split('\r').map(|piece| (n, piece)));
        } else {
            out.push((n, line));
        }
    }
    out
}

/// Only spaces, tabs and form feeds: what [`normalise_line`] makes a blank row of.
fn blank(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
}

/// Normalises a whole text (a byte-order mark is dropped).
pub fn normalise(text: &str) -> Doc<'_> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines = lines(text);
    let mut rows = Vec::with_capacity(lines.len());
    let mut i = 0;
    while let Some(&(n, line)) = lines.get(i) {
        // A line of plain prose (no bar, no tag, no rule) starts no table.
        if let Some(row) = plain_line(n, line) {
            rows.push(row);
            i += 1;
            continue;
        }
        if let Some((table, used)) = blocks::table_at(&lines, i) {
            rows.extend(table);
            i += used.max(1);
            continue;
        }
        i += 1;
        // Blank lines (a third of some texts) need no builder: no table, rule or text.
        let mut row = if blank(line) || blocks::is_rule(line) {
            Row::new(n)
        } else {
            normalise_line(n, line)
        };
        row.page_break = line.starts_with('\u{c}');
        rows.push(row);
    }
    repair::drop_running_lines(&mut rows);
    repair::join_split_ratings(&mut rows);
    Doc { rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    /// The paragraphs of each cell of a row (shared by the line tests).
    pub(super) fn texts(row: &Row) -> Vec<Vec<String>> {
        row.cells
            .iter()
            .map(|c| c.paras.iter().map(|p| p.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn tab_separated_row() {
        let r = normalise_line(7, "1.1\tGovernance and leadership\tRequires improvement\t");
        assert_eq!(
            texts(&r),
            vec![
                vec!["1.1".to_string()],
                vec!["Governance and leadership".to_string()],
                vec!["Requires improvement".to_string()]
            ]
        );
        assert_eq!(
            r.cells[2].span(),
            Span {
                line: 7,
                column: 31
            }
        );
    }

    #[test]
    fn html_cell_fragments() {
        let r = normalise_line(
            1,
            "<p>2.2. Planning</p> <p>Planning is well-informed.</p>\t<p>Requires improvement</p>",
        );
        assert_eq!(
            texts(&r),
            vec![
                vec![
                    "2.2. Planning".to_string(),
                    "Planning is well-informed.".to_string()
                ],
                vec!["Requires improvement".to_string()]
            ]
        );
        // "Planning is" starts at column 25 of the original line.
        assert_eq!(r.cells[0].paras[1].span().column, 25);
    }

    #[test]
    fn quotes_dashes_spaces_and_superscripts() {
        let r = normalise_line(
            1,
            "Annex 1 \u{2013} Methodology  of \u{2018}Good\u{2019}\u{00A0}YOT \u{00B3}",
        );
        assert_eq!(r.text(), "Annex 1 - Methodology of 'Good' YOT");
        // Column of 'G' in the original is 28 (1-based, counted in characters).
        let seg = &r.cells[0].paras[0];
        let g = seg.text.find('G').unwrap();
        assert_eq!(seg.span_at(g).column, 28);
    }

    #[test]
    fn bullets_are_recorded_and_removed() {
        let r = normalise_line(1, "- 1.3.3. Are arrangements with statutory partners?");
        assert!(r.bullet);
        assert_eq!(r.text(), "1.3.3. Are arrangements with statutory partners?");
        let r = normalise_line(1, "\u{F0B7}\tThere is a plan");
        assert!(r.bullet);
        assert_eq!(r.text(), "There is a plan");
        let r = normalise_line(1, "---\t---");
        assert!(!r.bullet || r.text() == "--");
        let r = normalise_line(1, "-5 degrees");
        assert!(!r.bullet);
    }

    #[test]
    fn layout_columns_split_on_three_spaces() {
        let r = normalise_line(1, "  2.1.1. Does assessment analyse        84%");
        assert_eq!(r.cells.len(), 2);
        assert_eq!(r.cells[1].text(), "84%");
        let r = normalise_line(1, "two  spaces stay");
        assert_eq!(r.cells.len(), 1);
        assert_eq!(r.text(), "two spaces stay");
    }

    #[test]
    fn inline_tags_and_sup_are_dropped() {
        let r = normalise_line(1, "the <i>Crime and Disorder Act</i> set<sup>12</sup> out");
        assert_eq!(r.text(), "the Crime and Disorder Act set out");
    }

    #[test]
    fn a_blank_line_is_the_row_the_builder_makes() {
        for line in ["", "   ", " \t\x0c ", "\x0c"] {
            assert!(blank(line));
            assert_eq!(normalise_line(3, line), Row::new(3), "{line:?}");
        }
        assert!(!blank(" x "));
    }

    #[test]
    fn bom_crlf_and_blank_lines() {
        let d = normalise("\u{FEFF}a\r\n\r\n b \r\n");
        assert_eq!(d.rows.len(), 4);
        assert_eq!(d.rows[0].text(), "a");
        assert!(d.rows[1].is_blank());
        assert_eq!(d.rows[2].text(), "b");
        assert_eq!(d.rows[2].span().column, 2);
    }

    #[test]
    fn split_ratings_are_rejoined() {
        let d = normalise(" 2.4. Reviewing            Requires\n                          improvement\n Reviewing of progress     improvement x\n");
        assert_eq!(d.rows[0].text(), "2.4. Reviewing\tRequires improvement");
        assert!(d.rows[1].is_blank());
        assert_eq!(d.rows[2].text(), "Reviewing of progress\timprovement x");
        let d = normalise("  1.3. Partnerships      Requires\n  A range of            improveme\n  personalised and         nt\n");
        assert_eq!(d.rows[0].text(), "1.3. Partnerships\tRequires improvement");
        assert_eq!(d.rows[1].text(), "A range of");
        assert_eq!(d.rows[2].text(), "personalised and");
        let d = normalise(
            "  1.1. Governance     Requires\n  The governance supports the delivery improvement\n",
        );
        assert_eq!(d.rows[0].text(), "1.1. Governance\tRequires improvement");
        assert_eq!(d.rows[1].text(), "The governance supports the delivery");
        let d = normalise("Requires \n\nimprovement \n\nOur rating");
        assert_eq!(d.rows[0].text(), "Requires improvement");
        assert!(d.rows[2].is_blank());
    }

    #[test]
    fn running_footers_are_dropped() {
        let text = "a\nInspection of youth services: X 3\nb\nInspection of youth services: X 4\nc\nInspection of youth services: X 5\n2. Court disposals\n";
        let d = normalise(text);
        assert!(d.rows[1].is_blank() && d.rows[3].is_blank() && d.rows[5].is_blank());
        assert_eq!(d.rows[6].text(), "2. Court disposals");
    }

    #[test]
    fn ligatures_keep_columns_monotone() {
        let r = normalise_line(1, "e\u{FB03}cient x");
        assert_eq!(r.text(), "efficient x");
        let s = &r.cells[0].paras[0];
        assert_eq!(s.span_at(s.text.find('x').unwrap()).column, 9);
    }
}
