//! Tables drawn without rules (pdfLaTeX, plain layouts): columns found, as `pdftotext
//! -layout` finds them, where the words of consecutive lines leave a vertical corridor of
//! white space. The lines of such a block become table rows, with the same cells and TABs
//! as a ruled table.

use super::super::tolerance as tol;
use super::assemble::starts_with_section_number;
use super::flow::{is_marker, join_line, FlowLine};
use super::Item;

/// A vertical strip free of ink across a block of lines.
#[derive(Clone, Copy)]
struct Corridor {
    /// Left edge: the rightmost ink to its left.
    a: f32,
    /// Right edge: the leftmost ink to its right.
    b: f32,
    /// Lines with words on both sides.
    two_sided: usize,
    /// Two-sided lines whose first word right of the corridor starts at its right edge.
    aligned: usize,
}

/// The page's flow lines, those in blocks with column corridors turned into table rows.
/// `page_top` is the top of the page's first item.
pub(super) fn tables(lines: Vec<FlowLine>, page_top: f32) -> Vec<Item> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        match block_at(&lines, i) {
            Some((end, corridors)) => {
                let block = lines.get(i..end).unwrap_or(&[]);
                let at_top = block.first().is_some_and(|l| l.item.top <= page_top);
                out.extend(rows(block, &corridors, at_top));
                i = end;
            }
            None => {
                if let Some(l) = lines.get(i) {
                    out.push(l.item.clone());
                }
                i += 1;
            }
        }
    }
    out
}

/// Narrow `c` by the line's `words`: a word starting at its right edge (give or take
/// [`tol::COLUMN_ALIGN_PT`]) or beyond is in the column to the right and may move that edge
/// left; a word ending at least `clear` before that edge is in the column to the left and
/// moves the left edge. A word in between crosses the corridor and closes it, and so does
/// a line with words on both sides less than `min` apart.
fn narrow(c: Corridor, words: &[(f32, f32)], min: f32, clear: f32) -> Option<Corridor> {
    let mut left_end: Option<f32> = None;
    let mut right_start: Option<f32> = None;
    for &(x0, x1) in words {
        if x0 >= c.b - tol::COLUMN_ALIGN_PT {
            right_start = Some(right_start.map_or(x0, |s| s.min(x0)));
        } else if x1 <= c.b - clear {
            left_end = Some(left_end.map_or(x1, |e| e.max(x1)));
        } else {
            return None;
        }
    }
    if let (Some(l), Some(r)) = (left_end, right_start) {
        if r - l < min {
            return None;
        }
    }
    let c = Corridor {
        a: left_end.map_or(c.a, |l| c.a.max(l)),
        b: right_start.map_or(c.b, |r| c.b.min(r)),
        ..c
    };
    (c.b - c.a >= clear).then_some(c)
}

/// Count line `words` for corridor `c`: two-sided, and starting its right side at `c.b`.
fn count(c: &mut Corridor, words: &[(f32, f32)]) {
    let left = words.iter().any(|w| w.1 <= c.a);
    let right = words.iter().find(|w| w.0 >= c.b);
    if let (true, Some(r)) = (left, right) {
        c.two_sided += 1;
        if (r.0 - c.b).abs() <= tol::COLUMN_ALIGN_PT {
            c.aligned += 1;
        }
    }
}

/// Is `c` the gap after the markers of a list rather than a column: bullets on every line
/// with text on both sides, or item numbers ("1.", "a)") with the items wrapped to lines
/// that start right of the gap?
fn list_markers(block: &[FlowLine], c: &Corridor) -> bool {
    let lefts: Vec<String> = block
        .iter()
        .filter(|l| l.words.iter().any(|w| w.1 <= c.a) && l.words.iter().any(|w| w.0 >= c.b))
        .map(|l| {
            l.pieces
                .iter()
                .filter(|p| p.1 <= c.a + 0.5)
                .map(|p| p.2.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let bullets = lefts.iter().all(|t| t.trim() == "-");
    let numbers = lefts
        .iter()
        .all(|t| !t.trim().contains(' ') && is_marker(t.trim()));
    let hanging = block
        .iter()
        .any(|l| l.words.first().is_some_and(|w| w.0 >= c.b));
    bullets || (numbers && hanging)
}

/// Does `l` have words right of the first corridor?
fn reaches_right(l: &FlowLine, corridors: &[Corridor]) -> bool {
    corridors
        .first()
        .is_some_and(|c| l.words.iter().any(|w| w.0 >= c.a))
}

/// The block of lines starting at `i` that share at least one corridor, and its
/// corridors: (end of the block, corridors left to right).
fn block_at(lines: &[FlowLine], i: usize) -> Option<(usize, Vec<(f32, f32)>)> {
    let first = lines.get(i)?;
    let size = first.item.size;
    let min = tol::CORRIDOR_MIN_EM * size;
    let clear = tol::CORRIDOR_CLEAR_EM * size;
    let mut cands: Vec<Corridor> = first
        .words
        .windows(2)
        .filter_map(|w| match w {
            [l, r] if r.0 - l.1 >= min => Some(Corridor {
                a: l.1,
                b: r.0,
                two_sided: 0,
                aligned: 0,
            }),
            _ => None,
        })
        .collect();
    if cands.is_empty() {
        return None;
    }
    let mut end = i + 1;
    let mut prev = first;
    while let Some(l) = lines.get(end) {
        let dy = l.item.y - prev.item.y;
        let max_dy = tol::TABLE_ROW_ADVANCE_EM * size;
        if dy <= 0.0 || dy > max_dy || (l.item.size - size).abs() > tol::SAME_STYLE_SIZE_PT {
            break;
        }
        let next: Vec<Corridor> = cands
            .iter()
            .filter_map(|&c| narrow(c, &l.words, min, clear))
            .collect();
        if next.is_empty() {
            break;
        }
        cands = next;
        prev = l;
        end += 1;
    }
    // A line in the first column alone, well below the table's last line, is the text
    // after the table (a heading, a short paragraph), not a row of it.
    while end > i + 1 {
        let (Some(l), Some(p)) = (lines.get(end - 1), lines.get(end - 2)) else {
            break;
        };
        let gap = l.item.y - p.item.y > tol::MAX_LINE_ADVANCE_EM * size;
        if gap && !reaches_right(l, &cands) {
            end -= 1;
        } else {
            break;
        }
    }
    for c in &mut cands {
        for l in lines.get(i..end).unwrap_or(&[]) {
            count(c, &l.words);
        }
    }
    let block = lines.get(i..end).unwrap_or(&[]);
    let kept: Vec<(f32, f32)> = cands
        .iter()
        .filter(|c| c.two_sided >= 2 && c.aligned >= 2 && !list_markers(block, c))
        .map(|c| (c.a, c.b))
        .collect();
    (!kept.is_empty()).then_some((end, kept))
}

/// A line's text per column (empty where it has none).
fn cells_of(l: &FlowLine, corridors: &[(f32, f32)]) -> Vec<String> {
    let mut cells = vec![String::new(); corridors.len() + 1];
    for (x0, _, text) in &l.pieces {
        let col = corridors.iter().filter(|c| c.1 <= *x0 + 0.5).count();
        if let Some(cell) = cells.get_mut(col) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        }
    }
    cells
}

/// The block's lines as table rows. A line starts a row when its first cell starts with
/// a section number ("2.1.1.") or it has text in a later column that does not continue
/// in lower case ("improvement"); other lines continue the row above (a wrapped first
/// cell, a rating wrapped in its cell).
///
/// At the top of a page the first row may be a header the producer repeated: lines that
/// continue a row after a gap below it are kept as a row of their own marked
/// [`Item::part`], for the document-level pass to join to the right row.
fn rows(block: &[FlowLine], corridors: &[(f32, f32)], at_top: bool) -> Vec<Item> {
    let cells: Vec<Vec<String>> = block.iter().map(|l| cells_of(l, corridors)).collect();
    let left = block.iter().map(|l| l.item.x0).fold(f32::MAX, f32::min);
    let right = block.iter().map(|l| l.item.x1).fold(f32::MIN, f32::max);
    let columns: Vec<f32> = std::iter::once(left)
        .chain(corridors.iter().map(|c| c.1))
        .collect();
    let mut out: Vec<(Item, Vec<String>)> = Vec::new();
    let mut prev_y = f32::NAN;
    for (l, cs) in block.iter().zip(cells) {
        // Below the first row by more than a line: not its wrapped text but the rest of
        // the row the page break cut, after a header repeated at the top of the page.
        let after_gap = l.item.y - prev_y > tol::ROW_GAP_EM * l.item.size;
        prev_y = l.item.y;
        let numbered = cs.first().is_some_and(|t| starts_with_section_number(t));
        let new_later = cs
            .iter()
            .skip(1)
            .any(|t| !t.is_empty() && !t.starts_with(char::is_lowercase));
        let starts = numbered || new_later;
        let split_first = at_top && !starts && after_gap && out.len() == 1;
        match out.last_mut() {
            Some((item, acc)) if !starts && !split_first => {
                for (a, t) in acc.iter_mut().zip(&cs) {
                    if !t.is_empty() {
                        join_line(a, t);
                    }
                }
                item.y = l.item.y;
                item.size = item.size.max(l.item.size);
            }
            _ => {
                let mut item = l.item.clone();
                item.row = true;
                item.part = split_first;
                item.x0 = left;
                item.x1 = right;
                item.columns.clone_from(&columns);
                out.push((item, cs));
            }
        }
    }
    out.into_iter()
        .filter_map(|(mut item, cs)| {
            item.cells = columns
                .iter()
                .zip(cs)
                .filter(|(_, t)| !t.is_empty())
                .map(|(&x, t)| (x, t))
                .collect();
            item.text = item
                .cells
                .iter()
                .map(|c| c.1.as_str())
                .collect::<Vec<_>>()
                .join("\t");
            (!item.cells.is_empty()).then_some(item)
        })
        .collect()
}
