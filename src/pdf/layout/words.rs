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

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The document's vocabulary: every word as printed whole on a line (hyphenated words
/// kept with their hyphens), lower case.
fn vocabulary(lines: &[String]) -> HashSet<String> {
    let mut words = HashSet::new();
    for l in lines {
        for w in l.split(char::is_whitespace) {
            if w.contains([CUT, HYPH]) {
                continue;
            }
            let k = word_key(w);
            if !k.is_empty() {
                words.insert(k);
            }
        }
    }
    words
}

/// Resolve every [`CUT`] and [`HYPH`] in `lines` against the document's vocabulary.
pub(super) fn resolve(lines: &mut [String]) {
    if !lines.iter().any(|l| l.contains([CUT, HYPH])) {
        return;
    }
    let words = vocabulary(lines);
    for l in lines.iter_mut() {
        if l.contains([CUT, HYPH]) {
            *l = resolve_line(l, &words);
        }
    }
}

fn resolve_line(line: &str, words: &HashSet<String>) -> String {
    let mut result = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find([CUT, HYPH]) {
        let (head, tail) = rest.split_at(at);
        result.push_str(head);
        let mark = tail.chars().next().unwrap_or(CUT);
        let next = tail.get(mark.len_utf8()..).unwrap_or("");
        let left = result
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let right = next
            .split(|c: char| c.is_whitespace() || c == CUT || c == HYPH)
            .next()
            .unwrap_or("");
        let (lk, rk) = (word_key(left), word_key(right));
        let joined = word_key(&format!("{left}{right}"));
        if mark == CUT {
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
        rest = next;
    }
    result.push_str(rest);
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
