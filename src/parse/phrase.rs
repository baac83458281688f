//! Phrases in prose: "we have made six recommendations", "Score 26/36", "each of the 12
//! standards". Matched without compiling anything: each phrase has an anchor word, found by
//! a substring search on word boundaries, and a nom parser run from there on the
//! paragraph's lower-cased text (ASCII lower-casing keeps every byte offset, so a match
//! maps straight back to the original text and its span).

use super::common::{count_word, PResult};
use crate::text::Para;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, space0};
use nom::combinator::{map_res, opt};
use nom::Parser;

/// A piece of prose, lower-cased (same byte offsets as the original).
pub struct Prose<'a> {
    lower: std::borrow::Cow<'a, str>,
}

impl<'a> Prose<'a> {
    pub fn new(text: &str) -> Self {
        Prose {
            lower: std::borrow::Cow::Owned(text.to_ascii_lowercase()),
        }
    }

    /// Prose already lower-cased (a paragraph of [`Lowered`]).
    pub fn lowered(lower: &'a str) -> Self {
        Prose {
            lower: std::borrow::Cow::Borrowed(lower),
        }
    }

    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// Every place where `anchor` (lower case) starts a word: its byte offset and the
    /// lower-cased text from there on.
    pub fn hits<'s>(&'s self, anchor: &'s str) -> impl Iterator<Item = (usize, &'s str)> + 's {
        let lower: &str = &self.lower;
        word_starts(lower, anchor).map(move |at| (at, lower.get(at..).unwrap_or("")))
    }
}

/// Every paragraph of a document lower-cased once, one after another in one string (each
/// followed by a line feed, so no phrase runs from one into the next): the parts that
/// read prose search it with one SIMD pass per phrase instead of lower-casing and
/// searching each paragraph.
pub struct Lowered {
    text: String,
    /// Where each paragraph starts in `text`, and the end.
    starts: Vec<usize>,
}

impl Lowered {
    pub fn new(paras: &[Para<'_>]) -> Self {
        let mut text = String::with_capacity(paras.iter().map(|p| p.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(paras.len() + 1);
        for p in paras {
            starts.push(text.len());
            text.push_str(&p.text);
            text.push('\n');
        }
        starts.push(text.len());
        text.make_ascii_lowercase();
        Lowered { text, starts }
    }

    /// Paragraph `i`, lower-cased.
    pub fn get(&self, i: usize) -> &str {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        self.text.get(a..b.saturating_sub(1)).unwrap_or("")
    }

    /// For each paragraph, whether any of `needles` occurs in it.
    pub fn holding<'n>(&self, needles: impl IntoIterator<Item = &'n Needle>) -> Vec<bool> {
        let mut marks = vec![false; self.starts.len().saturating_sub(1)];
        for n in needles {
            for at in n.finder().find_iter(self.text.as_bytes()) {
                // The paragraph whose span holds `at`.
                let i = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
                if let Some(m) = marks.get_mut(i) {
                    *m = true;
                }
            }
        }
        marks
    }
}

/// Where `needle` occurs in `hay` at the start of a word (no letter or digit before it),
/// left to right, without overlaps.
pub(crate) fn word_starts<'s>(hay: &'s str, needle: &'s str) -> impl Iterator<Item = usize> + 's {
    match_starts(hay, needle).filter(move |&at| {
        hay.get(..at)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Where `needle` occurs in `hay`, left to right, without overlaps (as `match_indices`):
/// each candidate found with memchr by the needle's rarest byte in English text ("x" of
/// "we examined"), so a search costs one memchr call and a check per real candidate.
/// Paragraphs are short and searched for several anchors each; building a two-way or SIMD
/// searcher per search cost more than it saved, and anchoring on the first byte ("w", "s")
/// stopped at every other word.
pub(crate) fn match_starts<'s>(hay: &'s str, needle: &'s str) -> impl Iterator<Item = usize> + 's {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    // The offset in the needle of its rarest byte.
    let k = (0..n.len())
        .min_by_key(|&i| n.get(i).map_or(u8::MAX, |&b| frequency_rank(b)))
        .unwrap_or(0);
    let mut from = 0usize;
    std::iter::from_fn(move || {
        let rare = *n.get(k)?;
        loop {
            let p = from + k + memchr::memchr(rare, h.get(from + k..)?)?;
            let at = p - k;
            if h.get(at..)?.starts_with(n) {
                from = at + n.len();
                return Some(at);
            }
            from = at + 1;
        }
    })
}

/// How common a byte is in English prose, lower-cased: higher is commoner (a space and
/// "e" the commonest, "z" and bytes outside ASCII letters and digits the rarest).
fn frequency_rank(b: u8) -> u8 {
    RANKS.get(usize::from(b)).copied().unwrap_or(0)
}

/// [`frequency_rank`] of every byte, worked out when the crate is compiled (an index out
/// of range here fails the build, never a run, hence the indexing).
#[allow(clippy::indexing_slicing)]
const RANKS: [u8; 256] = {
    const COMMONEST_FIRST: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";
    let mut ranks = [10u8; 256];
    let mut d = b'0';
    // Digits and punctuation: rarer than letters in prose.
    while d <= b'9' {
        ranks[d as usize] = 50;
        d += 1;
    }
    let mut i = 0;
    while i < COMMONEST_FIRST.len() {
        ranks[COMMONEST_FIRST[i] as usize] = (COMMONEST_FIRST.len() - i) as u8 + 100;
        i += 1;
    }
    ranks
};

/// A fixed needle whose SIMD searcher is built once per process, on its first search:
/// building one costs about as much as searching a sentence with it, and the claims
/// parser searches every sentence for the same few words.
pub(crate) struct Needle {
    text: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Needle {
    pub(crate) const fn new(text: &'static str) -> Self {
        Needle {
            text,
            finder: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn finder(&self) -> &memchr::memmem::Finder<'static> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.text.as_bytes()))
    }

    pub(crate) fn is_in(&self, hay: &str) -> bool {
        self.finder().find(hay.as_bytes()).is_some()
    }
}

/// `word_end := ? no letter or digit next ?`: succeeds where a word ends.
pub fn word_end(i: &str) -> PResult<'_, ()> {
    match i.chars().next() {
        Some(c) if c.is_alphanumeric() => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
        _ => Ok((i, ())),
    }
}

/// `small_number := digit{1,3}`
pub fn small_number(i: &str) -> PResult<'_, u32> {
    map_res(
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        |d: &str| d.parse::<u32>(),
    )
    .parse(i)
}

/// `count := digit{1,4} | number_word`: a count of cases, standards or recommendations, in
/// figures or words ("six", "12"). Returns the value and the text that gave it.
pub fn count(i: &str) -> PResult<'_, (u32, &str)> {
    let (rest, w) = take_while1(|c: char| c.is_ascii_alphanumeric()).parse(i)?;
    let (rest, _) = word_end(rest)?;
    match count_word(w) {
        Some(n) if w.len() <= 9 => Ok((rest, (n, w))),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

/// `dash_range := small_number " "? "-" " "? small_number`
pub fn dash_range(i: &str) -> PResult<'_, (u32, u32)> {
    let (rest, (a, _, _, _, b)) = (
        small_number,
        opt(char(' ')),
        char('-'),
        opt(char(' ')),
        small_number,
    )
        .parse(i)?;
    Ok((rest, (a, b)))
}

/// `score_phrase := "score" ":"? " "* small_number " "* "/" " "* small_number`
/// ("Score 26/36"). Returns (score, out of).
pub fn score_phrase(i: &str) -> PResult<'_, (u32, u32)> {
    let (rest, (_, _, _, n, _, _, _, m, _)) = (
        tag("score"),
        opt(char(':')),
        space0,
        small_number,
        space0,
        char('/'),
        space0,
        small_number,
        word_end,
    )
        .parse(i)?;
    Ok((rest, (n, m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowered_paragraphs_are_the_paragraphs_lower_cased() {
        let doc = crate::text::normalise(
            "We Examined 50\npost-court cases.\n\nTook place\n\n| a | b |\n\nlast WE EXAMINED",
        );
        let paras = crate::text::paragraphs(&doc);
        let lowered = Lowered::new(&paras);
        for (i, p) in paras.iter().enumerate() {
            assert_eq!(lowered.get(i), p.text.to_ascii_lowercase());
        }
        assert_eq!(lowered.get(paras.len()), "");
        static EXAMINED: Needle = Needle::new("we examined");
        static PLACE: Needle = Needle::new("took place");
        let marks = lowered.holding([&EXAMINED]);
        let want: Vec<bool> = paras
            .iter()
            .map(|p| p.text.to_ascii_lowercase().contains("we examined"))
            .collect();
        assert_eq!(marks, want);
        assert_eq!(marks.iter().filter(|m| **m).count(), 2);
        let marks = lowered.holding([&EXAMINED, &PLACE]);
        assert_eq!(marks.iter().filter(|m| **m).count(), 3);
    }

    #[test]
    fn rarer_bytes_rank_lower() {
        let r = frequency_rank;
        assert!(r(b' ') > r(b'e') && r(b'e') > r(b'w') && r(b'w') > r(b'x'));
        assert!(r(b'z') > r(b'7') && r(b'7') > r(b'\''));
        assert_eq!(r(0xE2), r(b'%'));
    }

    #[test]
    fn match_starts_is_match_indices() {
        let cases = [
            ("we examined 50 cases; we examined", "we examined "),
            ("aaaa", "aa"),
            ("xaxax", "xax"),
            ("the sample of 6 and sample of", "sample of "),
            ("caf\u{e9} of caf\u{e9}", "\u{e9} of"),
            ("rated", "rated"),
            ("", "x"),
            ("short", "a longer needle"),
        ];
        for (hay, needle) in cases {
            let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(
                match_starts(hay, needle).collect::<Vec<_>>(),
                want,
                "{hay:?} {needle:?}"
            );
        }
    }

    #[test]
    fn hits_are_on_word_starts() {
        let p = Prose::new("Scores: the Score 26/36; underscore 1/2");
        let at: Vec<usize> = p.hits("score").map(|(a, _)| a).collect();
        assert_eq!(at, vec![0, 12]);
        let (_, rest) = p.hits("score").nth(1).unwrap();
        assert_eq!(score_phrase(rest).map(|(_, v)| v), Ok((26, 36)));
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(count("six cases").map(|(_, v)| v.0), Ok(6));
        assert_eq!(count("12 of").map(|(_, v)| v.0), Ok(12));
        assert!(count("sixty").is_err());
        assert!(count("12a").is_err());
        assert_eq!(dash_range("0 - 36 x").map(|(_, v)| v), Ok((0, 36)));
        assert_eq!(dash_range("0-30").map(|(_, v)| v), Ok((0, 30)));
        assert!(score_phrase("score 26/365").is_ok());
        assert!(score_phrase("score 26/3650").is_err());
        assert_eq!(score_phrase("score: 26 / 36").map(|(_, v)| v), Ok((26, 36)));
    }
}
