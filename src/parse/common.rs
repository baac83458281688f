//! Shared nom primitives: ratings, percentages, standard and key-question ids, number words.
//! Each parser's doc comment is its production in `grammars/report.ebnf`.

use crate::model::Rating;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{map, map_res, not, opt, peek, recognize, value};
use nom::{IResult, Parser};

pub type PResult<'a, T> = IResult<&'a str, T>;

/// `rating := "Outstanding" | "Good" | "Requires" ws+ "improvement" | "Inadequate"` (any case)
pub fn rating(i: &str) -> PResult<'_, Rating> {
    alt((
        value(Rating::Outstanding, tag_no_case("outstanding")),
        value(Rating::Good, tag_no_case("good")),
        value(
            Rating::RequiresImprovement,
            (tag_no_case("requires"), space1, tag_no_case("improvement")),
        ),
        value(Rating::Inadequate, tag_no_case("inadequate")),
    ))
    .parse(i)
}

/// `rating_cell := quote? "**"? rating "**"? quote? decoration?` where decoration is a
/// trailing symbol such as "☆" or "." and nothing else.
pub fn rating_cell(i: &str) -> Option<Rating> {
    let t = i.trim().trim_matches(|c| c == '*' || c == '\'' || c == '"');
    let (rest, r) = rating(t).ok()?;
    let rest = rest.trim_matches(|c: char| c == '*' || c == '\'' || c == '"' || c == '.');
    // Allow one decorative symbol (a star) but no words.
    if rest.chars().all(|c| !c.is_alphanumeric()) {
        Some(r)
    } else {
        None
    }
}

/// Does `s` hold an ASCII digit? By 16-byte blocks ([`any_byte`](crate::text::scan::any_byte)),
/// each tested without an early exit: a line of prose has none, a table row one near its
/// start.
pub fn has_digit(s: &str) -> bool {
    crate::text::scan::any_byte(s.as_bytes(), |b| b.is_ascii_digit())
}

/// `percent := digits ("." digits)? ws? "%"`
pub fn percent(i: &str) -> PResult<'_, f64> {
    map_res(
        (
            recognize((digit1, opt((char('.'), digit1)))),
            space0,
            char('%'),
        ),
        |(n, _, _): (&str, &str, char)| n.parse::<f64>(),
    )
    .parse(i)
}

/// `percent_cell := percent`: a whole cell that is just a percentage.
pub fn percent_cell(i: &str) -> Option<f64> {
    match percent(i.trim()) {
        Ok(("", p)) => Some(p),
        _ => None,
    }
}

fn digit(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)
}

/// `standard_id := (digit "." digit | "V" digit) "."?` not followed by another `"." digit`.
/// Returns the id without the trailing dot ("2.1"; "V1", the 2025 youth victims' standard).
pub fn standard_id(i: &str) -> PResult<'_, &str> {
    let (rest, id) = alt((
        recognize((digit, char('.'), digit)),
        recognize((char('V'), digit)),
    ))
    .parse(i)?;
    let (rest, _) = not((char('.'), take_while1(|c: char| c.is_ascii_digit()))).parse(rest)?;
    let (rest, _) = opt(char('.')).parse(rest)?;
    Ok((rest, id))
}

/// `key_question_id := digit "." digit "." digit "."?` returning "2.1.1".
pub fn key_question_id(i: &str) -> PResult<'_, &str> {
    let (rest, id) = recognize((digit, char('.'), digit, char('.'), digit)).parse(i)?;
    let (rest, _) = not((char('.'), take_while1(|c: char| c.is_ascii_digit()))).parse(rest)?;
    let (rest, _) = opt(char('.')).parse(rest)?;
    Ok((rest, id))
}

/// `standard_start := standard_id (ws+ | end)`: a standard id that opens a line.
pub fn standard_start(i: &str) -> PResult<'_, &str> {
    let (rest, id) = standard_id(i)?;
    let (rest, _) = alt((space1, map(peek(nom::combinator::eof), |_| ""))).parse(rest)?;
    Ok((rest, id))
}

/// `key_question_start := key_question_id ws+`
pub fn key_question_start(i: &str) -> PResult<'_, &str> {
    let (rest, id) = key_question_id(i)?;
    let (rest, _) = space1(rest)?;
    Ok((rest, id))
}

const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// `count_word := digits | "one" | ... | "twenty"`
pub fn count_word(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    NUMBER_WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(s))
        .and_then(|p| u32::try_from(p).ok())
}

/// `number := digits` as u32 (fails on overflow).
pub fn number(i: &str) -> PResult<'_, u32> {
    map_res(digit1, |d: &str| d.parse::<u32>()).parse(i)
}

/// `range := number ws? "-" ws? number`
pub fn range(i: &str) -> PResult<'_, (u32, u32)> {
    map(
        (number, space0, tag("-"), space0, number),
        |(a, _, _, _, b)| (a, b),
    )
    .parse(i)
}

/// Strips a rating from the end of a string: "Governance and leadership Requires
/// improvement" → ("Governance and leadership", RequiresImprovement).
pub fn split_trailing_rating(s: &str) -> Option<(&str, Rating, usize)> {
    let t = s.trim_end();
    // Every rating ends in one of these words: most texts are ruled out by their end.
    let ends_like = |w: &str| {
        t.len()
            .checked_sub(w.len())
            .and_then(|cut| t.get(cut..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
    };
    if !["good", "outstanding", "improvement", "inadequate"]
        .iter()
        .any(|w| ends_like(w))
    {
        return None;
    }
    for r in Rating::ALL {
        let name = r.as_str();
        // Compare word by word so "Requires  improvement" (two spaces) still matches.
        let mut rest = t;
        let mut ok = true;
        for w in name.rsplit(' ') {
            let trimmed = rest.trim_end();
            let Some(cut) = trimmed.len().checked_sub(w.len()) else {
                ok = false;
                break;
            };
            match trimmed.get(cut..) {
                Some(tail) if tail.eq_ignore_ascii_case(w) => {
                    rest = trimmed.get(..cut).unwrap_or("")
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && (rest.is_empty() || rest.ends_with(' ')) {
            let head = rest.trim_end();
            return Some((head, r, rest.len()));
        }
    }
    None
}

/// Month name to number.
pub fn month(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let s = s.trim().to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == s || (s.len() >= 3 && m.starts_with(&s) && s.len() == 3))
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// `month_year := month ws+ year` → "2019-07".
pub fn month_year(i: &str) -> Option<String> {
    let mut it = i.split_whitespace();
    let m = month(it.next()?)?;
    let y: u32 = it.next()?.trim_end_matches(['.', ',']).parse().ok()?;
    if it.next().is_some() || !(1990..=2100).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_digit_finds_a_digit_anywhere() {
        for len in [0, 1, 31, 32, 33, 64, 95] {
            let prose = "x".repeat(len);
            assert!(!has_digit(&prose), "{len}");
            for at in 0..len {
                let mut t = prose.clone().into_bytes();
                t[at] = b'7';
                assert!(has_digit(std::str::from_utf8(&t).unwrap()), "{len} {at}");
            }
        }
        assert!(!has_digit("caf\u{e9} \u{663}"));
    }

    #[test]
    fn ratings() {
        assert_eq!(rating("Good"), Ok(("", Rating::Good)));
        assert_eq!(
            rating("requires   improvement x"),
            Ok((" x", Rating::RequiresImprovement))
        );
        assert_eq!(rating_cell("**Good**."), Some(Rating::Good));
        assert_eq!(
            rating_cell("Outstanding \u{2606}"),
            Some(Rating::Outstanding)
        );
        assert_eq!(rating_cell("Good work"), None);
        assert_eq!(rating_cell("'Inadequate'"), Some(Rating::Inadequate));
    }

    #[test]
    fn percents() {
        assert_eq!(percent_cell("84%"), Some(84.0));
        assert_eq!(percent_cell("67.5 %"), Some(67.5));
        assert_eq!(percent_cell("84"), None);
        assert_eq!(percent_cell("84% of"), None);
    }

    #[test]
    fn ids() {
        assert_eq!(standard_id("2.1. Assessment"), Ok((" Assessment", "2.1")));
        assert_eq!(standard_id("2.1 Assessment"), Ok((" Assessment", "2.1")));
        assert!(standard_id("2.1.1. Does").is_err());
        assert_eq!(
            standard_id("V1. Work with victims"),
            Ok((" Work with victims", "V1"))
        );
        assert!(standard_id("V1.1 Is work").is_err());
        assert!(standard_id("Victims").is_err());
        assert_eq!(key_question_id("2.1.1. Does"), Ok((" Does", "2.1.1")));
        assert!(key_question_id("2.1.1.1 x").is_err());
        assert!(standard_start("1.1").is_ok());
        assert!(standard_start("2017).3").is_err());
    }

    #[test]
    fn trailing_rating() {
        let (name, r, _) =
            split_trailing_rating("Governance and leadership Requires improvement").unwrap();
        assert_eq!(
            (name, r),
            ("Governance and leadership", Rating::RequiresImprovement)
        );
        assert!(split_trailing_rating("Staff 13").is_none());
        assert!(split_trailing_rating("Verygood").is_none());
    }

    #[test]
    fn words_and_months() {
        assert_eq!(count_word("six"), Some(6));
        assert_eq!(count_word("12"), Some(12));
        assert_eq!(count_word("many"), None);
        assert_eq!(month_year("JULY 2019").as_deref(), Some("2019-07"));
        assert_eq!(month_year("June 2019").as_deref(), Some("2019-06"));
        assert_eq!(month_year("June 2019 x"), None);
    }
}
