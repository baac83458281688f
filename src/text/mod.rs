//! Text normalisation: one pass over the input that turns every extraction shape into
//! rows of cells of paragraphs ([`Row`] / [`Cell`] / [`Seg`]), keeping for every character
//! a way back to its original line and column.
//!
//! Shapes handled (all seen in real report texts):
//! - table rows as tab-separated cells (`1.1⇥Governance and leadership⇥Good⇥`);
//! - `<p>…</p> <p>…</p>` HTML cell fragments (each `<p>` becomes a paragraph of the cell),
//!   plus inline `<i>`, `<b>`, `<em>`, `<strong>`, `<u>`, `<span>`, `<br>`; `<sup>…</sup>`
//!   is dropped (footnote markers);
//! - columns laid out with runs of three or more spaces (`pdftotext -layout`);
//! - bullets (`- `, `• `, U+F0B7, U+F0A7, `▪`, `◦`) at the start of a paragraph: removed and
//!   recorded on the row;
//! - curly quotes → `'` and `"`; en/em dashes and minus → `-`; no-break and other spaces →
//!   one space, runs collapsed, ends trimmed; superscript digits (`¹`), soft hyphens,
//!   zero-width characters and NUL dropped; ligatures (`ﬁ`) expanded.

use crate::model::Span;

/// A run of normalised text from one original line, with a map back to its columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seg {
    pub text: String,
    pub line: u32,
    /// Original 1-based column (in characters) of the first character.
    start_col: u32,
    /// `(char index, delta)`: from that char on, original column = start_col + index + delta.
    shifts: Vec<(u32, i32)>,
    nchars: u32,
}

impl Seg {
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

    /// Records that the next character came from original column `col`.
    fn note_col(&mut self, col: u32) {
        if self.text.is_empty() {
            self.start_col = col;
        } else {
            let expected = i64::from(self.start_col) + i64::from(self.nchars) + self.delta();
            if i64::from(col) != expected {
                let d = i64::from(col) - i64::from(self.start_col) - i64::from(self.nchars);
                self.shifts.push((self.nchars, d as i32));
            }
        }
    }

    fn push(&mut self, ch: char, col: u32) {
        self.note_col(col);
        self.text.push(ch);
        self.nchars += 1;
    }

    /// Appends a run of plain ASCII characters that stood at consecutive columns from `col`.
    fn push_ascii(&mut self, run: &str, col: u32) {
        let n = u32::try_from(run.len()).unwrap_or(u32::MAX);
        self.note_col(col);
        self.text.push_str(run);
        self.nchars += n;
    }

    fn delta(&self) -> i64 {
        self.shifts.last().map_or(0, |(_, d)| i64::from(*d))
    }

    fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
            self.nchars -= 1;
        }
        let n = self.nchars;
        self.shifts.retain(|(i, _)| *i < n);
    }

    /// The segment from byte `cut` of its text on, with its columns.
    pub fn tail(&self, cut: usize) -> Seg {
        let mut out = Seg {
            line: self.line,
            ..Seg::default()
        };
        let Some(rest) = self.text.get(cut..) else {
            return out;
        };
        for (i, ch) in rest.char_indices() {
            out.push(ch, self.span_at(cut + i).column);
        }
        out
    }
}

/// One table cell (or the whole line, outside tables): one or more paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub paras: Vec<Seg>,
}

impl Cell {
    /// The cell's paragraphs joined by one space.
    pub fn text(&self) -> String {
        join(self.paras.iter().map(|p| p.text.as_str()), " ")
    }

    pub fn first(&self) -> Option<&Seg> {
        self.paras.first()
    }

    pub fn span(&self) -> Span {
        self.paras.first().map(Seg::span).unwrap_or_default()
    }
}

/// One line of the input after normalisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// 1-based original line number.
    pub line: u32,
    pub cells: Vec<Cell>,
    /// The line started with a bullet.
    pub bullet: bool,
    flat_text: Option<String>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cells joined by a tab, paragraphs by a space.
    #[cfg(test)]
    pub fn text(&self) -> String {
        join(self.cells.iter().map(Cell::text), "\t")
    }

    /// The whole row as one string with cells and paragraphs joined by a space. Computed
    /// once by [`normalise`]; rows built otherwise compute it on demand.
    pub fn flat(&self) -> std::borrow::Cow<'_, str> {
        match &self.flat_text {
            Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
            None => std::borrow::Cow::Owned(join(self.cells.iter().map(Cell::text), " ")),
        }
    }

    fn cache_flat(&mut self) {
        let mut t = String::with_capacity(self.segs().map(|p| p.text.len() + 1).sum());
        for p in self.cells.iter().flat_map(|c| c.paras.iter()) {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(&p.text);
        }
        self.flat_text = Some(t);
    }

    /// All paragraphs of all cells, in order.
    pub fn segs(&self) -> impl Iterator<Item = &Seg> {
        self.cells.iter().flat_map(|c| c.paras.iter())
    }

    /// The single paragraph of a one-cell, one-paragraph row.
    pub fn single(&self) -> Option<&Seg> {
        match self.cells.as_slice() {
            [c] => match c.paras.as_slice() {
                [p] => Some(p),
                _ => None,
            },
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
        let mut off = 0;
        let mut last = None;
        for seg in self.segs() {
            let end = off + seg.text.len();
            if byte <= end {
                return seg.span_at(byte - off);
            }
            off = end + 1;
            last = Some(seg);
        }
        last.map_or_else(|| self.span(), |s| s.span_at(s.text.len()))
    }
}

fn join<S: AsRef<str>>(parts: impl Iterator<Item = S>, sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

/// The normalised document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub rows: Vec<Row>,
}

const INLINE_TAGS: &[&str] = &[
    "<i>",
    "</i>",
    "<b>",
    "</b>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<u>",
    "</u>",
    "<span>",
    "</span>",
    "<br>",
    "<br/>",
    "<br />",
];

fn map_char(ch: char) -> Mapped {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Mapped::One('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Mapped::One('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Mapped::One('-')
        }
        '\u{00B9}' | '\u{00B2}' | '\u{00B3}' | '\u{2070}' | '\u{2074}'..='\u{2079}' => Mapped::Drop,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\0' => Mapped::Drop,
        '\u{FB00}' => Mapped::Str("ff"),
        '\u{FB01}' => Mapped::Str("fi"),
        '\u{FB02}' => Mapped::Str("fl"),
        '\u{FB03}' => Mapped::Str("ffi"),
        '\u{FB04}' => Mapped::Str("ffl"),
        '\u{FB05}' | '\u{FB06}' => Mapped::Str("st"),
        c if c.is_whitespace() || c.is_control() => Mapped::Space,
        c => Mapped::One(c),
    }
}

enum Mapped {
    One(char),
    Str(&'static str),
    Space,
    Drop,
}

/// Printable ASCII that normalisation keeps as it is and that starts no markup.
fn is_plain(ch: char) -> bool {
    ch.is_ascii_graphic() && ch != '<' && ch != '`'
}

fn is_bullet(ch: char) -> bool {
    matches!(
        ch,
        '-' | '\u{2022}'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{25AA}'
            | '\u{25E6}'
            | '\u{00B7}'
            | '*'
            | '\u{2013}'
            | '\u{25CF}'
            | '\u{2023}'
    )
}

/// Builds one row from one original line.
struct LineBuilder {
    row: Row,
    cell: Cell,
    para: Seg,
    pending_space: Option<u32>,
    spaces: u32,
    line: u32,
}

impl LineBuilder {
    fn new(line: u32) -> Self {
        LineBuilder {
            row: Row {
                line,
                ..Row::default()
            },
            cell: Cell::default(),
            para: Seg {
                line,
                ..Seg::default()
            },
            pending_space: None,
            spaces: 0,
            line,
        }
    }

    fn end_para(&mut self) {
        self.para.trim_end();
        let para = std::mem::replace(
            &mut self.para,
            Seg {
                line: self.line,
                ..Seg::default()
            },
        );
        if !para.text.is_empty() {
            self.cell.paras.push(para);
        }
        self.pending_space = None;
        self.spaces = 0;
    }

    fn end_cell(&mut self) {
        self.end_para();
        let cell = std::mem::take(&mut self.cell);
        if !cell.paras.is_empty() {
            self.row.cells.push(cell);
        }
    }

    fn push(&mut self, ch: char, col: u32) {
        if let Some(sc) = self.pending_space.take() {
            if self.spaces >= 3 && !self.para.text.is_empty() {
                self.end_cell();
            } else if !self.para.text.is_empty() {
                self.para.push(' ', sc);
            }
        }
        self.spaces = 0;
        self.para.push(ch, col);
    }

    fn push_ascii(&mut self, run: &str, col: u32) {
        if let Some(sc) = self.pending_space.take() {
            if self.spaces >= 3 && !self.para.text.is_empty() {
                self.end_cell();
            } else if !self.para.text.is_empty() {
                self.para.push(' ', sc);
            }
        }
        self.spaces = 0;
        self.para.push_ascii(run, col);
    }

    fn at_start(&self) -> bool {
        self.para.text.is_empty() && self.cell.paras.is_empty() && self.row.cells.is_empty()
    }

    fn space(&mut self, col: u32) {
        if self.pending_space.is_none() {
            self.pending_space = Some(col);
        }
        self.spaces += 1;
    }

    fn finish(mut self) -> Row {
        self.end_cell();
        if self.row.cells.is_empty() {
            // A bullet with nothing after it is no list item.
            self.row.bullet = false;
        }
        self.row.cache_flat();
        self.row
    }
}

/// Normalises one original line.
pub fn normalise_line(line_no: u32, line: &str) -> Row {
    let mut b = LineBuilder::new(line_no);
    let mut col: u32 = 0;
    let mut i: usize = 0;
    let mut skip_until: Option<&'static str> = None;
    while let Some(here) = line.get(i..) {
        let Some(ch) = here.chars().next() else { break };
        col += 1;
        i += ch.len_utf8();
        // Tags are ASCII: skipping one moves `i` and `col` by its length.
        let skip_tag = |tag: &str, i: &mut usize, col: &mut u32| {
            *i += tag.len() - 1;
            *col += tag.len() as u32 - 1;
        };
        if let Some(end) = skip_until {
            if here.starts_with(end) {
                skip_until = None;
                skip_tag(end, &mut i, &mut col);
            }
            continue;
        }
        if ch == '<' {
            if let Some(tag) = ["<p>", "</p>"].into_iter().find(|t| here.starts_with(t)) {
                b.end_para();
                skip_tag(tag, &mut i, &mut col);
                continue;
            }
            if here.starts_with("<sup>") {
                skip_until = Some("</sup>");
                skip_tag("<sup>", &mut i, &mut col);
                continue;
            }
            if let Some(tag) = INLINE_TAGS.iter().find(|t| here.starts_with(**t)) {
                skip_tag(tag, &mut i, &mut col);
                continue;
            }
        }
        if ch == '\t' {
            b.end_cell();
            continue;
        }
        if !b.row.bullet && b.at_start() && is_bullet(ch) {
            let next = line.get(i..).and_then(|s| s.chars().next());
            if next.is_some_and(|c| c == ' ' || c == '\t' || c == '\u{A0}') {
                b.row.bullet = true;
                b.pending_space = None;
                continue;
            }
        }
        // Fast path: a run of plain ASCII (no space, tab, tag or other markup) is copied
        // as it is.
        if is_plain(ch) {
            let start = i - 1;
            let len = line.get(start..).map_or(1, |r| {
                r.bytes().take_while(|c| is_plain(char::from(*c))).count()
            });
            if let Some(run) = line.get(start..start + len) {
                b.push_ascii(run, col);
                let extra = u32::try_from(len - 1).unwrap_or(0);
                col += extra;
                i = start + len;
                continue;
            }
        }
        match map_char(ch) {
            Mapped::One(c) => b.push(c, col),
            Mapped::Str(s) => {
                for c in s.chars() {
                    b.push(c, col);
                }
            }
            Mapped::Space => b.space(col),
            Mapped::Drop => {}
        }
    }
    b.finish()
}

/// Rejoins a rating that a narrow table cell wrapped: a row whose last cell is "Requires"
/// and, within the next four rows, last cells that spell "improvement" alone or in
/// pieces ("improveme" / "nt"), or a last cell that starts with it (pdftotext, wrapped
/// 2020+ texts).
fn join_split_ratings(rows: &mut [Row]) {
    const WORD: &str = "improvement";
    let last_para = |r: &Row| {
        r.cells
            .last()
            .and_then(|c| c.paras.first())
            .map(|p| p.text.to_ascii_lowercase())
    };
    for i in 0..rows.len() {
        let is_requires = rows
            .get(i)
            .and_then(|r| r.cells.last())
            .and_then(|c| c.paras.last())
            .is_some_and(|p| p.text.eq_ignore_ascii_case("requires"));
        if !is_requires {
            continue;
        }
        // Collect the pieces.
        let mut acc = String::new();
        let mut pieces: Vec<usize> = Vec::new();
        let mut whole_prefix: Option<usize> = None;
        let mut whole_suffix: Option<usize> = None;
        let mut seen = 0;
        for j in i + 1..rows.len().min(i + 12) {
            let Some(r) = rows.get(j) else { break };
            if r.is_blank() {
                continue;
            }
            seen += 1;
            if seen > 4 {
                break;
            }
            let Some(t) = last_para(r) else { break };
            if acc.is_empty() && t.len() > WORD.len() && t.starts_with("improvement ") {
                whole_prefix = Some(j);
                break;
            }
            // Set so close to the text column that only one space separates them.
            if acc.is_empty() && t.len() > WORD.len() && t.ends_with(" improvement") {
                whole_suffix = Some(j);
                break;
            }
            let joined = format!("{acc}{t}");
            if WORD.starts_with(&joined) {
                acc = joined;
                pieces.push(j);
                if acc == WORD {
                    break;
                }
            } else {
                break;
            }
        }
        if let Some(j) = whole_prefix {
            if let Some(first) = rows
                .get_mut(j)
                .and_then(|r| r.cells.last_mut())
                .and_then(|c| c.paras.first_mut())
            {
                let rest = first
                    .text
                    .get(WORD.len()..)
                    .unwrap_or("")
                    .trim_start()
                    .to_string();
                let cut = first.text.len() - rest.len();
                *first = first.tail(cut);
            }
        } else if let Some(j) = whole_suffix {
            if let Some(last) = rows
                .get_mut(j)
                .and_then(|r| r.cells.last_mut())
                .and_then(|c| c.paras.first_mut())
            {
                let keep = last.text.len() - WORD.len() - 1;
                last.text.truncate(keep);
                last.trim_end();
                last.nchars = u32::try_from(last.text.chars().count()).unwrap_or(0);
            }
        } else if acc == WORD {
            for j in pieces {
                if let Some(r) = rows.get_mut(j) {
                    let single = r.cells.last().is_some_and(|c| c.paras.len() == 1);
                    if single {
                        r.cells.pop();
                    } else if let Some(c) = r.cells.last_mut() {
                        c.paras.remove(0);
                    }
                }
            }
        } else {
            continue;
        }
        if let Some(p) = rows
            .get_mut(i)
            .and_then(|r| r.cells.last_mut())
            .and_then(|c| c.paras.last_mut())
        {
            let col = p.start_col + p.nchars + 1;
            for ch in " improvement".chars() {
                p.push(ch, col);
            }
        }
        // The rows changed: refresh their cached flat text.
        for r in rows.iter_mut().skip(i).take(12) {
            r.cache_flat();
        }
    }
}

/// Blanks running headers and footers that text extraction left in: a line ending in a
/// page number whose text before the number recurs on three or more lines
/// ("Inspection of youth offending services: Hartlepool YJS 11").
fn drop_running_lines(rows: &mut [Row]) {
    fn key(r: &Row) -> Option<String> {
        let ends_digit = r
            .cells
            .last()
            .and_then(|c| c.paras.last())
            .is_some_and(|p| p.text.ends_with(|c: char| c.is_ascii_digit()));
        if r.cells.len() > 2 || !ends_digit {
            return None;
        }
        let flat = r.flat();
        let t = flat.trim_end();
        let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
        (head.len() < t.len() && head.ends_with(' ') && head.len() >= 12)
            .then(|| head.trim_end().to_string())
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in rows.iter() {
        if let Some(k) = key(r) {
            *counts.entry(k).or_default() += 1;
        }
    }
    if counts.values().all(|c| *c < 3) {
        return;
    }
    for r in rows.iter_mut() {
        if key(r).is_some_and(|k| counts.get(&k).copied().unwrap_or(0) >= 3) {
            r.cells.clear();
            r.bullet = false;
            r.cache_flat();
        }
    }
}

/// Normalises a whole text: strips a byte-order mark, splits lines on `\n`, `\r\n` or `\r`.
pub fn normalise(text: &str) -> Doc {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::with_capacity(text.len() / 40 + 1);
    for (i, line) in text.split('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            // Old Mac line ends inside: treat each piece as its own row, same line number.
            for piece in line.split('\r') {
                rows.push(normalise_line(line_no, piece));
            }
        } else {
            rows.push(normalise_line(line_no, line));
        }
    }
    drop_running_lines(&mut rows);
    join_split_ratings(&mut rows);
    Doc { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<Vec<String>> {
        row.cells
            .iter()
            .map(|c| c.paras.iter().map(|p| p.text.clone()).collect())
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

/// A prose paragraph: consecutive one-cell rows joined by a space (a hard hyphen at a
/// line end joins without one), so sentences wrapped over lines can be searched whole.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    pub text: String,
    /// Index of the paragraph's first row.
    pub first_row: usize,
    /// (offset in `text`, segment) for each joined piece.
    parts: Vec<(usize, &'a Seg)>,
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
pub fn paragraphs(doc: &Doc) -> Vec<Para<'_>> {
    let mut out: Vec<Para<'_>> = Vec::new();
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
                    text: seg.text.clone(),
                    first_row: i,
                    parts: vec![(0, seg)],
                });
            }
            continue;
        };
        if starts_block(row) {
            out.extend(cur.take());
        }
        match cur.as_mut() {
            Some(p) => {
                if !p.text.ends_with('-') {
                    p.text.push(' ');
                }
                p.parts.push((p.text.len(), seg));
                p.text.push_str(&seg.text);
            }
            None => {
                cur = Some(Para {
                    text: seg.text.clone(),
                    first_row: i,
                    parts: vec![(0, seg)],
                });
            }
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod para_tests {
    use super::*;

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
