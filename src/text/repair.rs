//! Repairs across rows: running headers and footers dropped, ratings that a narrow cell
//! wrapped over rows joined again.

use super::row::Row;

/// Rejoins a rating that a narrow table cell wrapped: a row whose last cell is "Requires"
/// and, within the next four rows, last cells that spell "improvement" alone or in
/// pieces ("improveme" / "nt"), or a last cell that starts with it (pdftotext, wrapped
/// 2020+ texts).
pub fn join_split_ratings(rows: &mut [Row]) {
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
                last.truncate(keep);
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
            let col = p.end_col() + 1;
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
pub fn drop_running_lines(rows: &mut [Row]) {
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
