//! Running headers, footers and page numbers: flow lines in the top or bottom margin that
//! repeat on many pages (digits aside), or that are a page number.

use std::collections::HashMap;

use super::super::tolerance as tol;
use super::{Item, PageLines};

/// Is the item in the top or bottom margin of a page `h` points high?
fn in_margin(it: &Item, h: f32) -> bool {
    h > 0.0 && (it.y < tol::MARGIN_FRACTION * h || it.top > (1.0 - tol::MARGIN_FRACTION) * h)
}

/// Drop every page's running headers, footers and page numbers.
pub(super) fn drop_running_lines(pages: &mut [PageLines]) {
    let n_pages = pages.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut keys: Vec<String> = p
            .items
            .iter()
            .filter(|it| !it.row && in_margin(it, p.height))
            .map(|it| margin_key(&it.text))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    // A line repeated on half the pages (and on at least two) is a running line.
    let threshold = n_pages.div_ceil(2).max(2);
    for p in pages.iter_mut() {
        let h = p.height;
        p.items.retain(|it| {
            if it.row || !in_margin(it, h) {
                return true;
            }
            if is_page_number(&it.text) {
                return false;
            }
            // "Running title<TAB>12" or "12<TAB>Running title" in a margin.
            let mut cells = it.text.split('\t');
            let (first, last) = (cells.next(), it.text.rsplit('\t').next());
            if it.text.contains('\t')
                && (first.is_some_and(is_page_number) || last.is_some_and(is_page_number))
            {
                return false;
            }
            let k = margin_key(&it.text);
            k.is_empty() || seen.get(&k).copied().unwrap_or(0) < threshold
        });
    }
}

/// Key for repeated header/footer lines: lowercase, digits removed.
fn margin_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_ascii_digit())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "12", "- 12 -", "Page 12", "12 of 30", "Page 12 of 30".
pub(super) fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let core: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = core.split(" of ");
    let ok = |s: Option<&str>| {
        s.is_some_and(|s| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
    };
    match (parts.next(), parts.next(), parts.next()) {
        (a, None, _) => {
            ok(a)
                || a.is_some_and(|a| {
                    let a = a.trim_matches(['-', '–', ' ']);
                    ok(Some(a))
                })
        }
        (a, b, None) => ok(a) && ok(b),
        _ => false,
    }
}
