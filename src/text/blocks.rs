//! Tables whose rows carry their own delimiters or span several lines: Markdown pipe tables
//! (`| a | b |`, the `|---|` row dropped), pandoc grid tables (`+----+` borders, a row's
//! cells continued over lines), HTML table rows (`<tr>` … `</tr>` over lines), and the
//! dash rules of pandoc simple tables (dropped). Each table row becomes one [`Row`] whose
//! cells keep, paragraph by paragraph, the line and columns they came from.

use super::line::{Builder, Split};
use super::row::Row;

/// A line of the input: its 1-based number and its text.
pub type Line<'a> = (u32, &'a str);

/// A rule of dashes, equals signs, plus signs, colons and bars only (`-----  ----`,
/// `+====+====+`, `|---|:--:|`, `---`).
pub fn is_rule(line: &str) -> bool {
    let t = line.trim();
    // The byte test first: it fails at the first letter of an ordinary line.
    t.len() >= 3
        && t.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'+' | b':' | b'|' | b' '))
        && (t.contains("---") || t.contains("==="))
}

fn is_pipe_row(line: &str) -> bool {
    // Most lines have no bar at all: found by memchr before any trimming.
    if memchr::memchr(b'|', line.as_bytes()).is_none() {
        return false;
    }
    let t = line.trim();
    t.len() >= 3 && t.starts_with('|') && t.ends_with('|')
}

/// The pieces of `line` between unescaped `|`, each with its starting column (1-based,
/// in characters); the pieces before the first and after the last bar are left out.
fn pipe_cells(line: &str) -> Vec<(&str, u32)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, u32)> = None;
    let mut prev = '\0';
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c == '|' && prev != '\\' {
            if let Some((s, scol)) = start {
                if let Some(piece) = line.get(s..i) {
                    out.push((piece, scol));
                }
            }
            start = Some((i + 1, u32::try_from(col + 2).unwrap_or(u32::MAX)));
        }
        prev = c;
    }
    out
}

/// A table starting at line `i`: its rows and the number of lines it used.
pub fn table_at<'a>(lines: &[Line<'_>], i: usize) -> Option<(Vec<Row<'a>>, usize)> {
    let &(_, text) = lines.get(i)?;
    let t = text.trim_start();
    if t.starts_with('+') && is_rule(t) {
        return Some(grid(lines, i));
    }
    if is_pipe_row(text) {
        return Some(pipe(lines, i));
    }
    if contains_ci(text, "<tr") {
        return Some(html_row(lines, i));
    }
    None
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    // A needle opening with a byte that has no case ("<tr"): only where memchr finds it.
    if let Some(&first) = needle
        .as_bytes()
        .first()
        .filter(|b| !b.is_ascii_alphabetic())
    {
        let h = hay.as_bytes();
        return memchr::memchr_iter(first, h).any(|i| {
            h.get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        });
    }
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A grid table: content lines between `+---+` borders are one row; each column's pieces
/// over those lines are the paragraphs of its cell.
fn grid<'a>(lines: &[Line<'_>], start: usize) -> (Vec<Row<'a>>, usize) {
    let mut rows = Vec::new();
    let mut pending: Vec<Line<'_>> = Vec::new();
    let mut k = start;
    while let Some(&(n, text)) = lines.get(k) {
        let t = text.trim_start();
        if t.starts_with('+') && is_rule(t) {
            rows.extend(grid_row(&pending));
            pending.clear();
        } else if t.starts_with('|') {
            pending.push((n, text));
        } else {
            break;
        }
        k += 1;
    }
    rows.extend(grid_row(&pending));
    (rows, k - start)
}

fn grid_row<'a>(lines: &[Line<'_>]) -> Option<Row<'a>> {
    let &(first, _) = lines.first()?;
    let split: Vec<Vec<(&str, u32)>> = lines.iter().map(|(_, t)| pipe_cells(t)).collect();
    let columns = split.iter().map(Vec::len).max().unwrap_or(0);
    let mut b = Builder::new(first, Split::Cell);
    for c in 0..columns {
        for ((n, _), cells) in lines.iter().zip(&split) {
            if let Some((piece, col)) = cells.get(c) {
                if !piece.trim().is_empty() {
                    b.feed(*n, piece, *col);
                }
            }
        }
        b.end_cell();
    }
    let row = b.finish();
    (!row.is_blank()).then_some(row)
}

/// A Markdown pipe table: one row per line, the separator rows dropped.
fn pipe<'a>(lines: &[Line<'_>], start: usize) -> (Vec<Row<'a>>, usize) {
    let mut rows = Vec::new();
    let mut k = start;
    while let Some(&(n, text)) = lines.get(k) {
        if !is_pipe_row(text) {
            break;
        }
        k += 1;
        if is_rule(text) {
            continue;
        }
        let mut b = Builder::new(n, Split::Cell);
        for (piece, col) in pipe_cells(text) {
            b.feed(n, piece, col);
            b.end_cell();
        }
        let row = b.finish();
        if !row.is_blank() {
            rows.push(row);
        }
    }
    (rows, k - start)
}

/// An HTML table row from `<tr>` to `</tr>`, over as many lines as it takes (at most 200).
fn html_row<'a>(lines: &[Line<'_>], start: usize) -> (Vec<Row<'a>>, usize) {
    let first = lines.get(start).map_or(1, |l| l.0);
    let mut b = Builder::new(first, Split::Layout);
    let mut k = start;
    while let Some(&(n, text)) = lines.get(k) {
        b.feed(n, text, 1);
        k += 1;
        if contains_ci(text, "</tr>") || k - start >= 200 {
            break;
        }
    }
    let row = b.finish();
    (
        if row.is_blank() {
            Vec::new()
        } else {
            vec![row]
        },
        k - start,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, l))
            .collect();
        let (rows, used) = table_at(&lines, 0).unwrap();
        assert_eq!(used, lines.len(), "the whole table is used");
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text()).collect())
            .collect()
    }

    #[test]
    fn grid_rows_span_lines() {
        let got = rows("+------------------+---------+\n| 1.1. Governance  | R       |\n|                  | equires |\n| The governance   | impr    |\n|                  | ovement |\n+==================+=========+\n| 1.1.1. Is there  | 84%     |\n| a vision?        |         |\n+------------------+---------+");
        assert_eq!(
            got,
            vec![
                vec![
                    "1.1. Governance The governance".to_string(),
                    "R equires impr ovement".to_string()
                ],
                vec!["1.1.1. Is there a vision?".to_string(), "84%".to_string()],
            ]
        );
    }

    #[test]
    fn pipe_rows_drop_separators_and_empty_cells() {
        let got = rows("|  |  |  |\n| --- | --- | --- |\n| 1.2 | Staff |  | Good |\n|2.1.1. Does it<br>work?|84%|");
        assert_eq!(
            got,
            vec![
                vec!["1.2".to_string(), "Staff".to_string(), "Good".to_string()],
                vec!["2.1.1. Does it work?".to_string(), "84%".to_string()],
            ]
        );
    }

    #[test]
    fn html_rows_span_lines() {
        let got = rows("<tr class=\"odd\">\n<td><p><strong>2.1. Assessment</strong></p>\n<p>Assessment is well-informed, actively\ninvolving the child.</p></td>\n<td>Good</td>\n</tr>");
        assert_eq!(
            got,
            vec![vec![
                "2.1. Assessment Assessment is well-informed, actively involving the child."
                    .to_string(),
                "Good".to_string()
            ]]
        );
    }

    #[test]
    fn rules() {
        assert!(is_rule("  -------------- -------------"));
        assert!(is_rule("+====+====+"));
        assert!(is_rule("|---|:--:|"));
        assert!(!is_rule("- 7-18 = 'Requires improvement'"));
        assert!(!is_rule("--"));
    }
}
