//! One original line (or the slice of one that a table cell holds) to cells of paragraphs,
//! character by character, every kept character noting the original column it came from.
//!
//! Handled here: tabs and runs of three or more spaces as cell breaks (tab rows,
//! `pdftotext -layout`); HTML fragments (`<p>`, `<br>` paragraph breaks, `<td>`/`<th>` cell
//! breaks, inline and table tags dropped, `<sup>…</sup>` footnote markers dropped);
//! Markdown (`#` headings, `**`/`__`/`*` emphasis, backslash escapes, `[text](url)` links,
//! footnote references `[7]`, `[^7]`, `[[7]](#…)`); a leading bullet; quotes and dashes made
//! ASCII; spaces collapsed; superscript digits, soft hyphens and zero-width characters
//! dropped; ligatures expanded; U+FFFE (a line-end hyphen as pdfium copies it) made `-`.

use super::row::{Cell, Row};
use super::seg::Seg;

/// How cell breaks are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// A tab, a run of three or more spaces, or a `<td>` ends a cell.
    Layout,
    /// The text is one table cell (from a pipe or grid table): only `<td>` splits it.
    Cell,
}

enum Mapped {
    One(char),
    Str(&'static str),
    Space,
    Drop,
}

fn map_char(ch: char) -> Mapped {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Mapped::One('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Mapped::One('"'),
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}'
        | '\u{FFFE}' => Mapped::One('-'),
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

/// Printable ASCII that normalisation keeps as it is and that starts no markup.
fn is_plain(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'<' | b'`' | b'\\' | b'*' | b'_' | b'[' | b'#')
}

/// The length of the run of plain ASCII at the start of `s`, single spaces between plain
/// characters included: such a space only ever becomes the one space between two words
/// of the paragraph (the run's first character is already text), so the run is pushed in
/// one go instead of word by word.
fn plain_run(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    loop {
        // A word of plain bytes, then the one space that joins it to the next.
        n += b
            .get(n..)
            .map_or(0, |r| r.iter().take_while(|&&c| is_plain(c)).count());
        let joins = n > 0 && b.get(n) == Some(&b' ') && b.get(n + 1).is_some_and(|&c| is_plain(c));
        if !joins {
            return n;
        }
        n += 1;
    }
}

pub fn is_bullet(ch: char) -> bool {
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

/// What an HTML tag does to the text.
enum Tag {
    Para,
    Cell,
    /// `<sup>`: its content is a footnote marker, dropped with it.
    Sup,
    Drop,
}

const PARA_TAGS: &[&str] = &["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"];
/// `<mark>` is how a Markdown converter keeps a coloured cell (a rating): a cell of its own.
const CELL_TAGS: &[&str] = &["td", "th", "mark"];
const DROP_TAGS: &[&str] = &[
    "i",
    "b",
    "em",
    "strong",
    "u",
    "span",
    "mark",
    "a",
    "sub",
    "s",
    "del",
    "ins",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "colgroup",
    "col",
    "ul",
    "ol",
    "blockquote",
    "small",
];

/// An HTML tag at the start of `s` (`<td>`, `</p>`, `<br />`, `<tr class="odd">`): what it
/// does and its length in bytes. Only known tag names count; anything else is text.
fn tag_at(s: &str) -> Option<(Tag, usize)> {
    let body = s.strip_prefix('<')?;
    let closing = body.starts_with('/');
    let name_start = usize::from(closing);
    let name: &str = body
        .get(name_start..)?
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()?;
    let after = body.get(name_start + name.len()..)?;
    if !(after.starts_with('>') || after.starts_with(' ') || after.starts_with('/')) {
        return None;
    }
    let end = after.get(..after.len().min(300))?.find('>')?;
    let len = 1 + name_start + name.len() + end + 1;
    let lower = name.to_ascii_lowercase();
    let kind = if lower == "sup" && !closing {
        Tag::Sup
    } else if PARA_TAGS.contains(&lower.as_str()) {
        Tag::Para
    } else if CELL_TAGS.contains(&lower.as_str()) {
        Tag::Cell
    } else if DROP_TAGS.contains(&lower.as_str()) || lower == "sup" {
        Tag::Drop
    } else {
        return None;
    };
    Some((kind, len))
}

/// A footnote reference at the start of `s`: `[7]`, `[^7]`, `[[7]](#footnote-7)`,
/// `[\[7\]](\#footnote\-7)`; its length in bytes.
fn footnote_ref_len(s: &str) -> Option<usize> {
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s.strip_prefix('[')?;
    let (inner, close) = if let Some(r) = rest.strip_prefix("\\[") {
        (r, "\\]]")
    } else if let Some(r) = rest.strip_prefix('[') {
        (r, "]]")
    } else if let Some(r) = rest.strip_prefix('^') {
        (r, "]")
    } else {
        (rest, "]")
    };
    let n = digits(inner);
    if n == 0 || n > 3 {
        return None;
    }
    let after = inner.get(n..)?.strip_prefix(close)?;
    let mut len = s.len() - after.len();
    if let Some(link) = after.strip_prefix('(') {
        let end = link.get(..link.len().min(120))?.find(')')?;
        len += end + 2;
    }
    Some(len)
}

/// A Markdown link `[text](url)` at the start of `s`: the byte range of its `](url)` part.
fn link_tail(s: &str) -> Option<(usize, usize)> {
    let close = s.get(..s.len().min(400))?.find("](")?;
    if s.get(1..close)?.contains(['[', ']']) {
        return None;
    }
    let url = s.get(close + 2..)?;
    let end = url.get(..url.len().min(300))?.find(')')?;
    let target = url.get(..end)?;
    (!target.contains(char::is_whitespace)).then_some((close, close + 2 + end + 1))
}

/// Builds one row from one line, or from several (an HTML table row over lines).
/// Its text is its own: a row built here borrows nothing, and so is of any lifetime.
pub struct Builder<'a> {
    row: Row<'a>,
    cell: Cell<'a>,
    para: Seg<'a>,
    pending_space: Option<u32>,
    spaces: u32,
    line: u32,
    split: Split,
    in_sup: bool,
    /// Inside a bold run that is a cell of its own.
    bold_cell: bool,
}

impl<'a> Builder<'a> {
    pub fn new(line: u32, split: Split) -> Self {
        Builder {
            row: Row::new(line),
            cell: Cell::default(),
            para: Seg::new(line),
            pending_space: None,
            spaces: 0,
            line,
            split,
            in_sup: false,
            bold_cell: false,
        }
    }

    fn end_para(&mut self) {
        self.para.trim_end();
        let para = std::mem::replace(&mut self.para, Seg::new(self.line));
        if !para.text.is_empty() {
            self.cell.paras.push(para);
        }
        self.pending_space = None;
        self.spaces = 0;
    }

    pub fn end_cell(&mut self) {
        self.end_para();
        let cell = std::mem::take(&mut self.cell);
        if !cell.paras.is_empty() {
            self.row.cells.push(cell);
        }
    }

    fn before_text(&mut self) {
        if let Some(sc) = self.pending_space.take() {
            if self.spaces >= 3 && self.split == Split::Layout && !self.para.text.is_empty() {
                self.end_cell();
            } else if !self.para.text.is_empty() {
                self.para.push(' ', sc);
            }
        }
        self.spaces = 0;
    }

    fn push(&mut self, ch: char, col: u32) {
        self.before_text();
        self.para.push(ch, col);
    }

    fn push_ascii(&mut self, run: &str, col: u32) {
        self.before_text();
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

    fn last_char(&self) -> Option<char> {
        self.para.text.chars().next_back()
    }

    /// Feeds `text`, which starts at original column `first_col` of line `line`. A second
    /// feed starts a new paragraph (its text is on another line).
    pub fn feed(&mut self, line: u32, text: &str, first_col: u32) {
        if !self.para.text.is_empty() {
            self.end_para();
        }
        self.line = line;
        self.para.line = line;
        // Most lines are one paragraph of about their own length: one allocation.
        self.para.text.to_mut().reserve(text.len());
        let mut col = first_col.saturating_sub(1);
        let mut i = 0usize;
        let mut skip: Option<(usize, usize)> = None;
        while let Some(here) = text.get(i..) {
            let Some(ch) = here.chars().next() else { break };
            if let Some((from, to)) = skip {
                if i == from {
                    col += u32::try_from(text.get(from..to).map_or(0, |s| s.chars().count()))
                        .unwrap_or(0);
                    i = to;
                    skip = None;
                    continue;
                }
            }
            col += 1;
            i += ch.len_utf8();
            if self.in_sup {
                if here.starts_with("</sup>") || here.starts_with("</SUP>") {
                    self.in_sup = false;
                    i += 5;
                    col += 5;
                }
                continue;
            }
            let consumed = self.markup(here, ch, col, &mut skip, i - ch.len_utf8());
            if let Some(extra) = consumed {
                i += extra;
                col += u32::try_from(here.get(1..1 + extra).map_or(extra, |s| s.chars().count()))
                    .unwrap_or(0);
                continue;
            }
            if ch.is_ascii() && is_plain(ch as u8) {
                let start = i - 1;
                let limit = skip.map_or(usize::MAX, |(from, _)| from.saturating_sub(start));
                let len = plain_run(here).min(limit).max(1);
                let len = here
                    .get(..len)
                    .map_or(len, |r| r.trim_end_matches(' ').len());
                if let Some(run) = here.get(..len) {
                    self.push_ascii(run, col);
                    col += u32::try_from(len - 1).unwrap_or(0);
                    i += len - 1;
                    continue;
                }
            }
            match map_char(ch) {
                Mapped::One(c) => self.push(c, col),
                Mapped::Str(s) => s.chars().for_each(|c| self.push(c, col)),
                Mapped::Space => self.space(col),
                Mapped::Drop => {}
            }
        }
    }

    /// Handles markup starting at `here` (whose first char `ch` is at column `col`, byte
    /// `at` of the fed text). Returns the number of further bytes consumed, or `None` when
    /// `ch` is text.
    fn markup(
        &mut self,
        here: &str,
        ch: char,
        col: u32,
        skip: &mut Option<(usize, usize)>,
        at: usize,
    ) -> Option<usize> {
        let next = here.get(ch.len_utf8()..).and_then(|s| s.chars().next());
        match ch {
            '<' => {
                let (tag, len) = tag_at(here)?;
                match tag {
                    Tag::Para => self.end_para(),
                    Tag::Cell => self.end_cell(),
                    Tag::Sup => self.in_sup = true,
                    Tag::Drop => {}
                }
                Some(len - 1)
            }
            '\t' if self.split == Split::Layout => {
                self.end_cell();
                Some(0)
            }
            '\\' => {
                let n = next.filter(char::is_ascii_punctuation)?;
                self.push(n, col + 1);
                Some(1)
            }
            '*' | '_' if next == Some(ch) => {
                // A bold run that opens the row, or that starts with a number, is a cell
                // of its own: a heading ("**1.2 Staff** Good …", "… people. **1.3.
                // Partnerships** Requires …"). Bold inside prose is only emphasis.
                if self.split == Split::Layout {
                    if self.bold_cell {
                        self.bold_cell = false;
                        self.end_cell();
                    } else {
                        let after = here.get(2..).unwrap_or("");
                        if self.at_start() || after.starts_with(|c: char| c.is_ascii_digit()) {
                            self.end_cell();
                            self.bold_cell = true;
                        }
                    }
                }
                Some(1)
            }
            '*' if !self.at_start()
                && (next.is_some_and(char::is_alphanumeric)
                    || (self.pending_space.is_none()
                        && self.last_char().is_some_and(char::is_alphanumeric))) =>
            {
                Some(0)
            }
            '#' if self.at_start() => {
                let hashes = here.bytes().take_while(|b| *b == b'#').count();
                let heading = hashes <= 6 && here.as_bytes().get(hashes) == Some(&b' ');
                heading.then_some(hashes)
            }
            '[' => {
                if let Some(len) = footnote_ref_len(here) {
                    return Some(len - 1);
                }
                let (from, to) = link_tail(here)?;
                *skip = Some((at + from, at + to));
                Some(0)
            }
            c if is_bullet(c) && !self.row.bullet && self.at_start() => {
                let spaced = next.is_some_and(|n| n == ' ' || n == '\t' || n == '\u{A0}');
                if spaced {
                    self.row.bullet = true;
                    self.pending_space = None;
                    Some(0)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    pub fn finish(mut self) -> Row<'a> {
        self.end_cell();
        if self.row.cells.is_empty() {
            // A bullet with nothing after it is no list item.
            self.row.bullet = false;
        }
        self.row.cache_flat();
        self.row
    }
}

/// A line of prose that normalisation copies as it is: printable ASCII that starts no
/// markup ([`is_plain`], and no `|` of a pipe table), words joined by single spaces, with a
/// letter or digit (no rule) and no leading `-` (a bullet). Its row is one cell of one
/// paragraph, the line without its outer spaces: what [`normalise_line`] makes of it,
/// without the builder (most lines of wrapped prose are like this).
pub fn plain_line(line_no: u32, line: &str) -> Option<Row<'_>> {
    let b = line.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    let t = line.get(lead..)?.trim_end_matches(' ');
    let tb = t.as_bytes();
    if tb.first().is_none_or(|&c| c == b'-') {
        return None;
    }
    // Every byte plain or a space: one branch-free pass the compiler vectorises (a byte
    // loop with early exits cost 25 instructions a byte); never two spaces together
    // (the same, over pairs); a letter or digit, found at once in prose.
    let allowed = tb.iter().fold(true, |ok, &c| {
        ok & (c == b' ' || (is_plain(c) && c != b'|'))
    });
    let doubled = tb
        .iter()
        .zip(tb.iter().skip(1))
        .fold(false, |d, (&a, &b)| d | (a == b' ' && b == b' '));
    if !allowed || doubled || !tb.iter().any(u8::is_ascii_alphanumeric) {
        return None;
    }
    let col = u32::try_from(lead + 1).ok()?;
    let mut row = Row::new(line_no);
    let mut cell = Cell::default();
    cell.paras.push(Seg::plain(line_no, t, col));
    row.cells.push(cell);
    Some(row)
}

/// Normalises one original line into a row.
pub fn normalise_line<'a>(line_no: u32, line: &str) -> Row<'a> {
    let mut b = Builder::new(line_no, Split::Layout);
    b.feed(line_no, line, 1);
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::texts;

    #[test]
    fn markdown_and_html_markup_is_dropped() {
        let r = normalise_line(1, "#### **Overall rating** ");
        assert_eq!(r.text(), "Overall rating");
        let r = normalise_line(1, "2\\.1\\.1\\. Does it work\\-well \\(ICT\\)?");
        assert_eq!(r.text(), "2.1.1. Does it work-well (ICT)?");
        let r = normalise_line(
            1,
            "Our rating[7] for x, rating[^7] y, z[[7]](#footnote-7) w",
        );
        assert_eq!(r.text(), "Our rating for x, rating y, z w");
        let r = normalise_line(
            1,
            "rating<a id=\"footnote-ref-7\"></a>[\\[7\\]](\\#footnote\\-7) for",
        );
        assert_eq!(r.text(), "rating for");
        let r = normalise_line(
            1,
            "see [the site](https://example.org/x) now, *Crime Act* and __Rating__",
        );
        assert_eq!(r.text(), "see the site now, Crime Act and Rating");
        let r = normalise_line(
            1,
            "<td><p><strong>2.1. Assessment</strong></p></td><td>Good</td>",
        );
        assert_eq!(
            texts(&r),
            vec![
                vec!["2.1. Assessment".to_string()],
                vec!["Good".to_string()]
            ]
        );
        let r = normalise_line(1, "a<br>b <mark>Good</mark> x<sup>12</sup> y");
        assert_eq!(
            texts(&r),
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["Good".to_string()],
                vec!["x y".to_string()]
            ]
        );
        let r = normalise_line(1, "high\u{FFFE}quality a < b and 3 * 4");
        assert_eq!(r.text(), "high-quality a < b and 3 * 4");
    }

    /// Every fixture text's lines: the fast path gives the builder's row wherever it
    /// takes a line, and it takes most lines of prose.
    #[test]
    fn a_plain_line_is_the_row_the_builder_makes() {
        let (mut taken, mut lines) = (0usize, 0usize);
        for (path, text) in crate::fixtures::texts() {
            for (n, line) in text.split('\n').enumerate() {
                lines += 1;
                if let Some(row) = plain_line(n as u32 + 1, line) {
                    taken += 1;
                    // Its text is the input's, not a copy.
                    let borrowed = row.single().map(|p| &p.text);
                    assert!(
                        matches!(borrowed, Some(std::borrow::Cow::Borrowed(_))),
                        "{path:?}: {line:?}"
                    );
                    assert_eq!(
                        row,
                        normalise_line(n as u32 + 1, line),
                        "{path:?}: {line:?}"
                    );
                }
            }
        }
        assert!(lines > 50_000 && taken * 3 > lines, "{taken} of {lines}");
        for line in [
            "  Plain words, one space apart.",
            "x",
            "+ plus then words",
            "1.1 Governance",
        ] {
            assert_eq!(
                plain_line(4, line),
                Some(normalise_line(4, line)),
                "{line:?}"
            );
        }
        for line in [
            "two  spaces",
            "- a bullet",
            "a | b",
            "<p>x</p>",
            "---",
            "tab\there",
            "caf\u{e9}",
            "**bold**",
            "\u{c}page",
            "   ",
        ] {
            assert_eq!(plain_line(4, line), None, "{line:?}");
        }
    }

    #[test]
    fn columns_survive_markup() {
        // A bold run opening the row is a heading cell of its own.
        let r = normalise_line(1, "**2\\.1\\. Assessment** Good");
        assert_eq!(
            texts(&r),
            vec![
                vec!["2.1. Assessment".to_string()],
                vec!["Good".to_string()]
            ]
        );
        // "Good" starts at column 23 of the original.
        assert_eq!(r.cells[1].span().column, 23);
        let r = normalise_line(1, "x[1] Good");
        let seg = &r.cells[0].paras[0];
        assert_eq!(seg.span_at(seg.text.find("Good").unwrap()).column, 6);
    }
}
