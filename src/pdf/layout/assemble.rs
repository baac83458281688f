//! Pages to lines: running lines dropped, then rows and paragraphs emitted in order,
//! joining what page breaks cut (a row continued at the top of the next page, a sentence
//! continued in lower case), and words cut at a cell edge joined again.

use std::collections::HashSet;

use super::super::tolerance as tol;
use super::super::Line;
use super::flow::{continues_paragraph, ends_sentence, join_line};
use super::{margins, Item, PageLines, CUT};

/// The item the next one may continue: (index into the output, the item).
type Last = Option<(usize, Item)>;

/// Document-level pass: drop running headers/footers, then emit rows and paragraphs,
/// joining what page breaks cut.
pub(in super::super) fn assemble(mut pages: Vec<PageLines>) -> Vec<Line> {
    margins::drop_running_lines(&mut pages);
    let mut out: Vec<Line> = Vec::new();
    let mut last: Last = None;
    for p in pages {
        let page = p.page_no;
        let right_margin = right_margin(&p.items);
        for (k, it) in p.items.into_iter().enumerate() {
            let first_on_page = k == 0;
            if it.row {
                place_row(&mut out, &mut last, it, first_on_page, page);
            } else {
                place_flow(&mut out, &mut last, it, first_on_page, page, right_margin);
            }
        }
    }
    // Empty rows that nothing continued leave blank lines: keep one between items.
    out.dedup_by(|b, a| a.text.is_empty() && b.text.is_empty());
    while out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    if out.first().is_some_and(|l| l.text.is_empty()) {
        out.remove(0);
    }
    resolve_cuts(&mut out);
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

/// A table row's first cell that starts a new row rather than continuing one.
fn starts_with_section_number(t: &str) -> bool {
    let word = t.split([' ', '\t']).next().unwrap_or("");
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Emit a table row, or join it to the row the page break cut.
fn place_row(out: &mut Vec<Line>, last: &mut Last, it: Item, first_on_page: bool, page: u32) {
    // A row at the top of a page that does not start a numbered row continues the row cut
    // by the page break.
    let continues = first_on_page
        && last.as_ref().is_some_and(|(_, prev)| {
            prev.row
                && prev.columns.len() == it.columns.len()
                && prev
                    .columns
                    .iter()
                    .zip(it.columns.iter())
                    .all(|(a, b)| (a - b).abs() < tol::COLUMN_MATCH_PT)
        })
        && !it
            .cells
            .first()
            .is_some_and(|c| starts_with_section_number(&c.1));
    if let (true, Some((li, prev))) = (continues, last.as_mut()) {
        continue_row(prev, &it);
        if let Some(line) = out.get_mut(*li) {
            line.text = prev
                .cells
                .iter()
                .map(|c| c.1.as_str())
                .collect::<Vec<_>>()
                .join("\t");
        }
        return;
    }
    if !last.as_ref().is_some_and(|l| l.1.row) {
        push_blank(out, page);
    }
    // An empty row cut by the page break is only a target for the next page.
    let text = if it.cells.is_empty() {
        String::new()
    } else {
        it.text.clone()
    };
    out.push(Line { page, text });
    *last = Some((out.len() - 1, it));
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
            None => prev.cells.push((*left, t.clone())),
        }
    }
}

/// Emit a flow line, or join it to the paragraph it continues.
fn place_flow(
    out: &mut Vec<Line>,
    last: &mut Last,
    it: Item,
    first_on_page: bool,
    page: u32,
    right_margin: f32,
) {
    let join = match &*last {
        Some((_, prev)) if !prev.row => {
            // An unfinished sentence continued in lower case, across a page break or a gap.
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
    if let (true, Some((li, prev))) = (join, last.as_mut()) {
        if let Some(line) = out.get_mut(*li) {
            join_line(&mut line.text, &it.text);
        }
        prev.y = it.y;
        prev.x1 = it.x1;
        prev.x0 = it.x0;
        prev.text = it.text;
        prev.first_word_w = it.first_word_w;
        return;
    }
    push_blank(out, page);
    out.push(Line {
        page,
        text: it.text.clone(),
    });
    let mut it = it;
    // Keep the first line's x0 as the paragraph's start (hanging indents).
    it.x1 = it.x1.max(0.0);
    *last = Some((out.len() - 1, it));
}

fn push_blank(out: &mut Vec<Line>, page: u32) {
    if out.last().is_some_and(|l| !l.text.is_empty()) {
        out.push(Line {
            page,
            text: String::new(),
        });
    }
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Join the two sides of a [`CUT`] when together they make a word used elsewhere in the
/// document and one side alone is not a word; otherwise the cut becomes a space.
fn resolve_cuts(out: &mut [Line]) {
    if !out.iter().any(|l| l.text.contains(CUT)) {
        return;
    }
    let mut words: HashSet<String> = HashSet::new();
    for l in out.iter() {
        for w in l.text.split(char::is_whitespace) {
            if w.contains(CUT) {
                continue;
            }
            let k = word_key(w);
            if !k.is_empty() {
                words.insert(k);
            }
        }
    }
    for l in out.iter_mut() {
        if !l.text.contains(CUT) {
            continue;
        }
        let mut result = String::with_capacity(l.text.len());
        let mut parts = l.text.split(CUT);
        if let Some(first) = parts.next() {
            result.push_str(first);
        }
        for next in parts {
            let left = result
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let right = next.split(|c: char| c.is_whitespace()).next().unwrap_or("");
            let (lk, rk) = (word_key(left), word_key(right));
            let joined = word_key(&format!("{left}{right}"));
            let join = !lk.is_empty()
                && !rk.is_empty()
                && words.contains(&joined)
                && (!words.contains(&lk) || !words.contains(&rk));
            if !join {
                result.push(' ');
            }
            result.push_str(next);
        }
        l.text = result;
    }
}
