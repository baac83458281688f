//! Pages to lines: running lines dropped, then rows and paragraphs emitted in order,
//! joining what page breaks cut. A table that continues on the next page stays one table:
//! a header row the producer repeated there is dropped, a row split by the break is joined
//! (the page's footnotes, emitted in between, do not interrupt it), and a line continuing
//! the row's first cell joins it. Words broken over lines are decided in [`super::words`].

use super::super::tolerance as tol;
use super::super::Line;
use super::flow::{continues_paragraph, ends_sentence, join_line};
use super::{margins, words, Item, PageLines, CUT};

/// The document being assembled.
#[derive(Default)]
struct Assembly {
    out: Vec<Line>,
    /// The item the next one may continue: (index into `out`, the item).
    last: Option<(usize, Item)>,
    /// The first row of the table being emitted, to recognise it repeated on a new page.
    header: Option<String>,
    /// The footnote last emitted, while nothing else followed it: (index into `out`, page).
    footnote: Option<(usize, u32)>,
}

/// Document-level pass: drop running headers/footers, then emit rows and paragraphs,
/// joining what page breaks cut.
pub(in super::super) fn assemble(mut pages: Vec<PageLines>) -> Vec<Line> {
    margins::drop_running_lines(&mut pages);
    let mut a = Assembly::default();
    for p in pages {
        let page = p.page_no;
        let right_margin = right_margin(&p.items);
        let notes_from = footnotes_start(&p.items);
        let mut first_on_page = true;
        for (k, it) in p.items.into_iter().enumerate() {
            if k >= notes_from {
                a.place_footnote(it, page);
                continue;
            }
            if it.row {
                if first_on_page && a.repeats_header(&it) {
                    continue;
                }
                a.place_row(it, first_on_page, page);
            } else {
                a.place_flow(it, first_on_page, page, right_margin);
            }
            first_on_page = false;
        }
    }
    let mut out = a.out;
    // Empty rows that nothing continued leave blank lines: keep one between items.
    out.dedup_by(|b, a| a.text.is_empty() && b.text.is_empty());
    while out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    if out.first().is_some_and(|l| l.text.is_empty()) {
        out.remove(0);
    }
    let mut texts: Vec<String> = out
        .iter_mut()
        .map(|l| std::mem::take(&mut l.text))
        .collect();
    words::resolve(&mut texts);
    for (l, t) in out.iter_mut().zip(texts) {
        l.text = t;
    }
    out
}

/// Right edge of the text column: a high percentile of the flow lines' right ends (a
/// single wide line, such as a URL, must not move it).
fn right_margin(items: &[Item]) -> f32 {
    let mut ends: Vec<f32> = items.iter().filter(|it| !it.row).map(|it| it.x1).collect();
    ends.sort_by(f32::total_cmp);
    ends.get(ends.len().saturating_mul(tol::RIGHT_MARGIN_TENTHS) / 10)
        .copied()
        .unwrap_or(0.0)
}

/// The size most of a page's text is set in (by characters).
fn body_size(items: &[Item]) -> f32 {
    let mut by_size: Vec<(i32, usize)> = Vec::new();
    for it in items {
        let k = (it.size * 2.0).round() as i32;
        match by_size.iter_mut().find(|e| e.0 == k) {
            Some(e) => e.1 += it.text.len(),
            None => by_size.push((k, it.text.len())),
        }
    }
    by_size
        .iter()
        .max_by_key(|e| (e.1, e.0))
        .map_or(0.0, |e| e.0 as f32 / 2.0)
}

/// Where the page's footnotes start: the trailing flow lines set smaller than the body
/// text, below everything else. `items.len()` when there are none.
fn footnotes_start(items: &[Item]) -> usize {
    let body = body_size(items);
    let n = items
        .iter()
        .rev()
        .take_while(|it| !it.row && it.size > 0.0 && it.size <= body - tol::FOOTNOTE_SMALLER_PT)
        .count();
    if n == items.len() {
        items.len()
    } else {
        items.len() - n
    }
}

/// Does a footnote line start with its number ("11 The rating …")?
fn numbers_footnote(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && t.as_bytes().get(digits) == Some(&b' ')
}

/// A table row's first cell that starts a new row rather than continuing one.
pub(super) fn starts_with_section_number(t: &str) -> bool {
    let word = t.split([' ', '\t']).next().unwrap_or("");
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Row text compared for a repeated header: words only.
fn header_key(t: &str) -> String {
    t.split(|c: char| c.is_whitespace() || c == CUT)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn same_columns(a: &Item, b: &Item) -> bool {
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(b.columns.iter())
            .all(|(x, y)| (x - y).abs() < tol::COLUMN_MATCH_PT)
}

fn cells_text(it: &Item) -> String {
    it.cells
        .iter()
        .map(|c| c.1.as_str())
        .collect::<Vec<_>>()
        .join("\t")
}

impl Assembly {
    /// Is `it`, at the top of a page, the first row of the table the last page ended in,
    /// or the last line of that page again (a one-row table is not seen as a table when
    /// drawn without rules)?
    fn repeats_header(&self, it: &Item) -> bool {
        let key = header_key(&it.text);
        self.last.as_ref().is_some_and(|(_, prev)| {
            (prev.row && self.header.as_ref() == Some(&key))
                || (!prev.row && header_key(&prev.text) == key)
        })
    }

    /// Is the last line out the row `last` holds (nothing emitted after it)?
    fn last_row_is_last_line(&self) -> bool {
        self.last
            .as_ref()
            .is_some_and(|(li, prev)| prev.row && li + 1 == self.out.len())
    }

    fn push_blank(&mut self, page: u32) {
        if self.out.last().is_some_and(|l| !l.text.is_empty()) {
            self.out.push(Line {
                page,
                text: String::new(),
            });
        }
    }

    /// A footnote: emitted where it is, but nothing continues it and it interrupts
    /// neither a table nor a paragraph cut by the page break.
    /// A line that does not start with a footnote number continues the footnote above it.
    fn place_footnote(&mut self, it: Item, page: u32) {
        let open = self
            .footnote
            .filter(|&(li, p)| p == page && li + 1 == self.out.len())
            .and_then(|(li, _)| self.out.get_mut(li));
        let continues = |above: &Line| {
            !numbers_footnote(&it.text)
                && (!ends_sentence(&above.text) || it.text.starts_with(|c: char| c.is_lowercase()))
        };
        if let Some(line) = open.filter(|l| continues(l)) {
            join_line(&mut line.text, &it.text);
            return;
        }
        self.push_blank(page);
        self.out.push(Line {
            page,
            text: it.text,
        });
        self.footnote = Some((self.out.len() - 1, page));
    }

    /// Emit a table row, or join it to the row the page break cut.
    fn place_row(&mut self, it: Item, first_on_page: bool, page: u32) {
        if it.part {
            if let Some((li, prev)) = self.last.as_mut().filter(|(_, p)| p.row) {
                continue_row(prev, &it);
                if let Some(line) = self.out.get_mut(*li) {
                    line.text = cells_text(prev);
                }
                return;
            }
        }
        // A row at the top of a page continues the row cut by the page break when it has
        // the same columns, does not start a numbered row, and is a part of a row: fewer
        // cells than the row above, or text continued in lower case.
        let continues = first_on_page
            && self.last.as_ref().is_some_and(|(_, prev)| {
                prev.row
                    && same_columns(prev, &it)
                    && (prev.cells.is_empty()
                        || it.cells.len() < prev.cells.len()
                        || it
                            .cells
                            .first()
                            .is_some_and(|c| c.1.starts_with(char::is_lowercase)))
            })
            && !it
                .cells
                .first()
                .is_some_and(|c| starts_with_section_number(&c.1));
        if let (true, Some((li, prev))) = (continues, self.last.as_mut()) {
            continue_row(prev, &it);
            if let Some(line) = self.out.get_mut(*li) {
                line.text = cells_text(prev);
            }
            return;
        }
        let in_table = self.last.as_ref().is_some_and(|l| l.1.row);
        if !in_table || self.header.is_none() {
            self.header = Some(header_key(&it.text));
        }
        if !self.last_row_is_last_line() {
            self.push_blank(page);
        }
        // An empty row cut by the page break is only a target for the next page.
        let text = if it.cells.is_empty() {
            String::new()
        } else {
            it.text.clone()
        };
        self.out.push(Line { page, text });
        self.last = Some((self.out.len() - 1, it));
    }

    /// Emit a flow line, or join it to the paragraph (or the table row) it continues.
    fn place_flow(&mut self, it: Item, first_on_page: bool, page: u32, right_margin: f32) {
        if first_on_page && self.continue_cell(&it) {
            return;
        }
        let join = match &self.last {
            Some((_, prev)) if !prev.row => {
                // An unfinished sentence continued in lower case, across a page break
                // or a gap.
                let unfinished = !ends_sentence(&prev.text)
                    && it.text.chars().next().is_some_and(char::is_lowercase)
                    && (prev.size - it.size).abs() < tol::SAME_STYLE_SIZE_PT
                    && prev.bold == it.bold
                    && !prev.text.contains('\t')
                    && !it.text.contains('\t');
                if first_on_page {
                    unfinished
                } else {
                    continues_paragraph(prev, &it, right_margin)
                        || (unfinished
                            && it.y > prev.y
                            && it.y - prev.y < tol::MAX_SENTENCE_GAP_EM * it.size
                            && (it.x0 - prev.x0).abs() < tol::SAME_LEFT_PT)
                }
            }
            _ => false,
        };
        if let (true, Some((li, prev))) = (join, self.last.as_mut()) {
            if let Some(line) = self.out.get_mut(*li) {
                join_line(&mut line.text, &it.text);
            }
            prev.y = it.y;
            prev.x1 = it.x1;
            prev.x0 = it.x0;
            prev.text = it.text;
            prev.first_word_w = it.first_word_w;
            return;
        }
        self.header = None;
        self.push_blank(page);
        self.out.push(Line {
            page,
            text: it.text.clone(),
        });
        let mut it = it;
        // Keep the first line's x0 as the paragraph's start (hanging indents).
        it.x1 = it.x1.max(0.0);
        self.last = Some((self.out.len() - 1, it));
    }

    /// A flow line at the top of a page that continues, in lower case, the text of the
    /// cell it lies under in the row the page break cut (a table drawn without rules).
    fn continue_cell(&mut self, it: &Item) -> bool {
        let Some((li, prev)) = self.last.as_mut() else {
            return false;
        };
        if !prev.row || !it.text.starts_with(char::is_lowercase) || it.text.contains('\t') {
            return false;
        }
        let col = prev
            .columns
            .iter()
            .rposition(|&x| x <= it.x0 + tol::COLUMN_MATCH_PT);
        let within = col.is_some_and(|c| {
            prev.columns
                .get(c + 1)
                .is_none_or(|&next| it.x1 <= next + tol::COLUMN_MATCH_PT)
        });
        let Some(left) = col.and_then(|c| prev.columns.get(c)).copied() else {
            return false;
        };
        if !within {
            return false;
        }
        let piece = Item {
            cells: vec![(left, it.text.clone())],
            ..it.clone()
        };
        continue_row(prev, &piece);
        if let Some(line) = self.out.get_mut(*li) {
            line.text = cells_text(prev);
        }
        true
    }
}

/// Join the cells of `it` to the cells of `prev`, the row it continues.
fn continue_row(prev: &mut Item, it: &Item) {
    for (left, t) in &it.cells {
        let slot = prev
            .cells
            .iter()
            .position(|c| (c.0 - left).abs() < tol::COLUMN_MATCH_PT)
            .or_else(|| {
                prev.cells
                    .iter()
                    .rposition(|c| c.0 <= *left + tol::COLUMN_MATCH_PT)
            });
        match slot.and_then(|s| prev.cells.get_mut(s)) {
            Some(cell)
                if cell.1.ends_with(char::is_alphabetic) && t.starts_with(char::is_lowercase) =>
            {
                // Possibly a word cut by the page break ("improveme" / "nt").
                cell.1.push(CUT);
                cell.1.push_str(t);
            }
            Some(cell) => join_line(&mut cell.1, t),
            None => {
                let at = prev
                    .cells
                    .iter()
                    .position(|c| c.0 > *left)
                    .unwrap_or(prev.cells.len());
                prev.cells.insert(at, (*left, t.clone()));
            }
        }
    }
}
