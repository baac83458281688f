//! Words broken over two lines, decided once the whole document is known: a word cut at a
//! cell edge without a hyphen ([`CUT`]), and a word hyphenated at a line end ([`HYPH`]).

use std::collections::HashSet;

use super::{CUT, HYPH};

/// Rating words: joined when hyphenated even if the report never prints them whole.
const RATING_WORDS: [&str; 5] = [
    "outstanding",
    "good",
    "requires",
    "improvement",
    "inadequate",
];

/// Does `s` hold a [`CUT`] or [`HYPH`] (both ASCII control bytes: a byte scan)?
fn has_mark(s: &str) -> bool {
    s.bytes().any(|b| b == CUT as u8 || b == HYPH as u8)
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The words on either side of each mark in `line`: (left, right), as printed.
fn sides(line: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut consumed = 0;
    while let Some(at) = rest.find([CUT, HYPH]) {
        let head = line.get(..consumed + at).unwrap_or("");
        let left = head
            .rsplit(|c: char| c.is_whitespace() || c == CUT || c == HYPH)
            .next()
            .unwrap_or("");
        let mark_len = rest
            .get(at..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        let next = rest.get(at + mark_len..).unwrap_or("");
        let right = next
            .split(|c: char| c.is_whitespace() || c == CUT || c == HYPH)
            .next()
            .unwrap_or("");
        out.push((left, right));
        consumed += at + mark_len;
        rest = next;
    }
    out
}

/// Which of the words `wanted` the document prints whole on a line (hyphenated words with
/// their hyphens), lower case.
fn vocabulary(lines: &[String], wanted: &HashSet<String>) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut key = String::new();
    // Most words have a length no wanted word has: skip them before lower-casing.
    let max_len = wanted.iter().map(String::len).max().unwrap_or(0);
    let mut lengths = vec![false; max_len + 1];
    for w in wanted {
        if let Some(l) = lengths.get_mut(w.len()) {
            *l = true;
        }
    }
    for l in lines {
        // Words of ASCII letters and digits (most of them) are trimmed and lower-cased on
        // bytes; others go the way of `word_key`.
        for w in l.as_bytes().split(u8::is_ascii_whitespace) {
            let ascii = w.is_ascii();
            let trimmed: &[u8] = if ascii {
                let start = w
                    .iter()
                    .position(u8::is_ascii_alphanumeric)
                    .unwrap_or(w.len());
                let end = w
                    .iter()
                    .rposition(u8::is_ascii_alphanumeric)
                    .map_or(start, |e| e + 1);
                w.get(start..end.max(start)).unwrap_or(&[])
            } else {
                w
            };
            if ascii && !lengths.get(trimmed.len()).copied().unwrap_or(false) {
                continue;
            }
            if w.contains(&(CUT as u8)) || w.contains(&(HYPH as u8)) {
                continue;
            }
            key.clear();
            if ascii {
                key.extend(trimmed.iter().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                let Ok(word) = std::str::from_utf8(w) else {
                    continue;
                };
                key.push_str(&word_key(word));
            }
            if !key.is_empty() && wanted.contains(key.as_str()) && !found.contains(key.as_str()) {
                found.insert(key.clone());
            }
        }
    }
    found
}

/// Resolve every [`CUT`] and [`HYPH`] in `lines` against the document's vocabulary.
pub(super) fn resolve(lines: &mut [String]) {
    if !lines.iter().any(|l| has_mark(l)) {
        return;
    }
    // Only the words a mark could make, or that its sides are, need looking up.
    let mut wanted: HashSet<String> = HashSet::new();
    for l in lines.iter().filter(|l| has_mark(l)) {
        for (left, right) in sides(l) {
            wanted.insert(word_key(left));
            wanted.insert(word_key(right));
            wanted.insert(word_key(&format!("{left}{right}")));
            wanted.insert(word_key(&format!("{left}-{right}")));
        }
    }
    let words = vocabulary(lines, &wanted);
    for l in lines.iter_mut() {
        if has_mark(l) {
            *l = resolve_line(l, &words);
        }
    }
}

/// `line` with each mark decided: the two sides it separates are the words next to it in
/// the line as printed.
fn resolve_line(line: &str, words: &HashSet<String>) -> String {
    let mut result = String::with_capacity(line.len());
    let mut marks = sides(line).into_iter();
    for c in line.chars() {
        if c != CUT && c != HYPH {
            result.push(c);
            continue;
        }
        let (left, right) = marks.next().unwrap_or(("", ""));
        let (lk, rk) = (word_key(left), word_key(right));
        let joined = word_key(&format!("{left}{right}"));
        if c == CUT {
            // Join when the two sides make a word used elsewhere and one side alone is not
            // a word; otherwise the cut was a line break between words.
            let join = !lk.is_empty()
                && !rk.is_empty()
                && words.contains(&joined)
                && (!words.contains(&lk) || !words.contains(&rk));
            if !join {
                result.push(' ');
            }
        } else {
            // "im-" / "provement": the hyphen goes when the whole word is a rating or is
            // printed whole elsewhere, and not when the report prints it hyphenated
            // ("out-of-" / "court" keeps it).
            let hyphenated = word_key(&format!("{left}-{right}"));
            let whole = words.contains(&joined) || RATING_WORDS.contains(&joined.as_str());
            if !whole || words.contains(&hyphenated) {
                result.push('-');
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        resolve(&mut v);
        v
    }

    #[test]
    fn hyphens_go_only_where_the_word_is_known_whole() {
        let h = HYPH;
        let got = run(&[
            &format!("rated Requires im{h}provement"),
            &format!("out-of{h}court work and co{h}ordinated plans"),
            &format!("well{h}informed and a nov{h}elty"),
            "improvement was needed, well-informed, coordinated",
        ]);
        assert_eq!(got[0], "rated Requires improvement");
        assert_eq!(got[1], "out-of-court work and coordinated plans");
        assert_eq!(got[2], "well-informed and a nov-elty");
    }

    #[test]
    fn cuts_join_words_known_elsewhere() {
        let c = CUT;
        let got = run(&[
            &format!("Requires improveme{c}nt"),
            &format!("Relevant{c}cases"),
            "improvement relevant cases",
        ]);
        assert_eq!(got[0], "Requires improvement");
        assert_eq!(got[1], "Relevant cases");
    }
}
