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

/// The text of a row that may be a running header or footer: at most two cells, at least
/// twelve characters once a trailing page number is cut off, no full stop at the end.
/// "Inspection of youth offending services: Hartlepool YJS 11" and the same text without
/// its number (the number on a line of its own, or glued: "…Hartlepool YJS16").
fn running_key<'r>(r: &'r Row<'_>) -> Option<std::borrow::Cow<'r, str>> {
    use std::borrow::Cow;
    if r.cells.is_empty() || r.cells.len() > 2 {
        return None;
    }
    // Borrowed from the row's cached text: most rows are tried and few are running lines.
    match r.flat() {
        Cow::Borrowed(flat) => running_head(flat).map(Cow::Borrowed),
        Cow::Owned(flat) => running_head(&flat).map(|h| Cow::Owned(h.to_string())),
    }
}

fn running_head(flat: &str) -> Option<&str> {
    // The head is no longer than the row (most rows of prose are ruled out by length or
    // their full stop before any trimming).
    if flat.len() < 12 {
        return None;
    }
    let head = flat
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    // A space is found within the first words: a byte loop that stops there.
    let ok = head.len() >= 12
        && head.len() <= 120
        && !head.ends_with(['.', '?'])
        && head.bytes().any(|b| b == b' ');
    ok.then_some(head)
}

/// A row holding only a page number.
fn page_number(r: &Row) -> Option<u32> {
    let flat = r.flat();
    let t = flat.trim();
    (t.len() <= 3 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// The page number printed with row `i`: at its end after a space or a letter ("… YJS 11",
/// "…YJS16", not "inspected:15"), else on a line of its own within three rows.
fn page_of(rows: &[Row], i: usize) -> Option<u32> {
    let own = rows.get(i).and_then(|r| {
        let flat = r.flat();
        let t = flat.trim_end();
        let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
        let glued_ok = head.ends_with(|c: char| c == ' ' || c.is_alphabetic());
        (head.len() < t.len() && glued_ok && t.len() - head.len() <= 3)
            .then(|| t.get(head.len()..).and_then(|d| d.parse().ok()))
            .flatten()
    });
    own.or_else(|| {
        (i + 1..rows.len().min(i + 4))
            .chain((i.saturating_sub(3)..i).rev())
            .find_map(|j| rows.get(j).and_then(page_number))
    })
}

fn blank(r: &mut Row) {
    r.cells.clear();
    r.bullet = false;
    r.cache_flat();
}

/// The rows of each key seen three times or more, in row order, from (hash of key, row)
/// pairs: sorted, cut where the hash changes, and rows whose keys only share a hash told
/// apart by `key`.
fn recurring<'r>(
    mut keyed: Vec<(u64, usize)>,
    key: impl Fn(usize) -> Option<std::borrow::Cow<'r, str>>,
) -> Vec<Vec<usize>> {
    keyed.sort_unstable();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for same_hash in keyed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() >= 3) {
        let mut split: Vec<(std::borrow::Cow<'_, str>, Vec<usize>)> = Vec::new();
        for &(_, i) in same_hash {
            let Some(k) = key(i) else { continue };
            match split.iter_mut().find(|(known, _)| *known == k) {
                Some((_, at)) => at.push(i),
                None => split.push((k, vec![i])),
            }
        }
        groups.extend(
            split
                .into_iter()
                .map(|(_, at)| at)
                .filter(|at| at.len() >= 3),
        );
    }
    groups
}

/// Blanks running headers and footers that text extraction left in: a line whose text
/// (without a page number) recurs on three or more lines, and the page number a tool put
/// on a line of its own next to it. Page numbers rise from page to page: of the numbers
/// just after and just before a footer, the one that continues the count is taken.
pub fn drop_running_lines(rows: &mut [Row]) {
    // The rows of each key. Most rows are a key once (a line of prose), so keys are
    // grouped by sorting (hash, row) pairs, 16 bytes a row, rather than in a table of
    // every key (a tenth of the pages a whole check touched); pages are looked for only
    // beside keys that recur.
    use std::hash::BuildHasher;
    let hasher = foldhash::fast::FixedState::default();
    let keyed: Vec<(u64, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| running_key(r).map(|k| (hasher.hash_one(&*k), i)))
        .collect();
    let groups = recurring(keyed, |i| rows.get(i).and_then(running_key));
    // A running line recurs with rising page numbers (in the row, or on a line of its
    // own beside it); a heading that recurs ("3. Out-of-court disposals") or a table
    // heading with a footnote mark ("Of the 6 cases inspected:15") has none, or no run
    // of them.
    let mut running: Vec<usize> = groups
        .into_iter()
        .filter(|at| at.len() >= 3)
        .filter(|at| {
            let pages: Vec<u32> = at.iter().filter_map(|&i| page_of(rows, i)).collect();
            let next_page = |w: &[u32]| matches!(w, [a, b] if *b > *a && *b - *a <= 3);
            let up = pages.windows(2).filter(|w| next_page(w)).count();
            let other = pages.windows(2).count() - up;
            up >= 2 && other * 4 <= up
        })
        .flatten()
        .collect();
    if running.is_empty() {
        return;
    }
    running.sort_unstable();
    let mut last_page: Option<u32> = None;
    for i in running {
        let own = rows.get(i).and_then(|r| {
            let flat = r.flat();
            let digits: String = flat
                .trim_end()
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.chars().rev().collect::<String>().parse::<u32>().ok()
        });
        if let Some(r) = rows.get_mut(i) {
            blank(r);
        }
        if own.is_some() {
            last_page = own;
            continue;
        }
        let near = |range: &mut dyn Iterator<Item = usize>, rows: &[Row]| {
            range
                .filter(|j| rows.get(*j).is_some_and(|r| !r.is_blank()))
                .take(1)
                .find_map(|j| rows.get(j).and_then(page_number).map(|n| (j, n)))
        };
        let after = near(&mut (i + 1..rows.len().min(i + 4)), rows);
        let before = near(&mut (i.saturating_sub(3)..i).rev(), rows);
        let continues = |n: u32| last_page.is_none_or(|p| n > p && n <= p + 3);
        let pick = match (after, before) {
            (Some(a), _) if continues(a.1) => Some(a),
            (_, Some(b)) if continues(b.1) => Some(b),
            _ => None,
        };
        if let Some((j, n)) = pick {
            if let Some(r) = rows.get_mut(j) {
                blank(r);
            }
            last_page = Some(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_grouped_by_text_even_when_hashes_collide() {
        let keys = ["a", "b", "a", "c", "a", "b", "b", "a"];
        let key = |i: usize| keys.get(i).map(|k| std::borrow::Cow::Borrowed(*k));
        let want = vec![vec![0, 2, 4, 7], vec![1, 5, 6]];
        // Every key one hash: told apart by their text.
        let same: Vec<(u64, usize)> = (0..keys.len()).map(|i| (7, i)).collect();
        assert_eq!(recurring(same, key), want);
        // Hashes in a different order than the rows.
        let hashed: Vec<(u64, usize)> = (0..keys.len())
            .rev()
            .map(|i| (u64::from(keys[i].as_bytes()[0]), i))
            .collect();
        assert_eq!(recurring(hashed, key), want);
    }
}
