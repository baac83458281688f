//! The recommendations section: the stated count ("we have made six recommendations"),
//! the addressee blocks ("Lancashire YOT Manager should:") and the numbered items, whose
//! text may wrap over several lines.

use super::common::PResult;
use super::phrase::{count, word_end, Prose};
use super::sections::{annex_heading, heading, Sections};
use crate::model::{Recommendation, Recommendations, Spanned};
use crate::text::{Doc, Row};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of, space1};
use nom::combinator::opt;
use nom::{IResult, Parser};

pub struct RecommendationsOut {
    pub recommendations: Recommendations,
    /// Row index just after the section (0 when there is none).
    pub end: usize,
}

/// `stated_count_sentence := "we " ["have "] "made " count " " ["key " | "further "] "recommendation" ["s"]`
/// (lower case, inside a sentence). Returns the count and the offset of its word in `i`.
pub fn stated_count_sentence(i: &str) -> PResult<'_, (u32, usize)> {
    let (after, _) = (tag("we "), opt(tag("have ")), tag("made ")).parse(i)?;
    let (rest, ((n, _), _, _, _, _, _)) = (
        count,
        char(' '),
        opt(alt((tag("key "), tag("further ")))),
        tag("recommendation"),
        opt(char('s')),
        word_end,
    )
        .parse(after)?;
    Ok((rest, (n, i.len() - after.len())))
}

/// Headings that end the section even without a blank line before them.
const NEXT_SECTIONS: &[&str] = &[
    "introduction",
    "background",
    "contextual facts",
    "foreword",
    "overall findings",
    "the role of hm inspectorate of probation",
    "contents",
];

/// `recommendation_item := digits ("." | ")") ws+ text`
pub fn recommendation_item(i: &str) -> IResult<&str, u32> {
    let (rest, (digits, _, _)) = (
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        one_of(".)"),
        space1,
    )
        .parse(i)?;
    let n = digits
        .parse::<u32>()
        .map_err(|_| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)))?;
    Ok((rest, n))
}

/// `addressee := words "should" ":"`
pub fn addressee(row: &Row) -> Option<&str> {
    let seg = row.single()?;
    let t = seg.text.trim();
    let head = t.strip_suffix(':')?.trim_end();
    let who = head.strip_suffix(" should")?;
    (who.split_whitespace().count() <= 14).then_some(who.trim())
}

fn ends_section(row: &Row, blank_before: bool) -> bool {
    if annex_heading(row).is_some() {
        return true;
    }
    let Some(h) = heading(row) else { return false };
    let lower = h.to_ascii_lowercase();
    if NEXT_SECTIONS.contains(&lower.as_str()) {
        return true;
    }
    // A short capitalised line with no closing punctuation after a blank line: a heading.
    blank_before
        && h.split_whitespace().count() <= 6
        && h.starts_with(|c: char| c.is_uppercase())
        && !h.ends_with(['.', ':', ';', ','])
        && recommendation_item(h).is_err()
}

/// `recommendations_section := "Recommendations" NL intro (addressee | item | continuation)*`
pub fn recommendations_section(doc: &Doc, secs: &Sections) -> RecommendationsOut {
    let mut out = RecommendationsOut {
        recommendations: Recommendations::default(),
        end: 0,
    };
    let Some(start) = secs.recommendations else {
        return out;
    };
    let recs = &mut out.recommendations;
    let mut current_addressee: Option<String> = None;
    let mut blank_before = false;
    let mut end = start + 1;
    let mut last_item_open = false;
    for (k, row) in doc.rows.iter().enumerate().skip(start + 1) {
        if row.is_blank() {
            blank_before = true;
            continue;
        }
        if ends_section(row, blank_before) {
            break;
        }
        end = k + 1;
        let flat = row.flat();
        if recs.stated_count.is_none() {
            let prose = Prose::new(&flat);
            let stated = prose.hits("we ").find_map(|(at, rest)| {
                stated_count_sentence(rest)
                    .ok()
                    .map(|(_, (n, word))| (n, at + word))
            });
            if let Some((n, at)) = stated {
                recs.stated_count = Some(Spanned::new(n, row.flat_span(at)));
            }
        }
        if let Some(who) = addressee(row) {
            current_addressee = Some(who.to_string());
            recs.addressees
                .push(Spanned::new(who.to_string(), row.span()));
            last_item_open = false;
            blank_before = false;
            continue;
        }
        if let Ok((text, n)) = recommendation_item(&flat) {
            recs.items.push(Recommendation {
                number: Spanned::new(n, row.span()),
                addressee: current_addressee.clone(),
                text: text.trim().to_string(),
            });
            last_item_open = true;
            blank_before = false;
            continue;
        }
        if row.bullet && current_addressee.is_some() {
            // Unnumbered items under an addressee: numbered in order of appearance.
            let n = u32::try_from(recs.items.len() + 1).unwrap_or(u32::MAX);
            recs.items.push(Recommendation {
                number: Spanned::new(n, row.span()),
                addressee: current_addressee.clone(),
                text: flat.trim().to_string(),
            });
            last_item_open = true;
            blank_before = false;
            continue;
        }
        // A wrapped line of the previous item (2020+ layout), if it reads as a continuation.
        if last_item_open && !blank_before {
            if let Some(item) = recs.items.last_mut() {
                if !item.text.ends_with('-') {
                    item.text.push(' ');
                }
                item.text.push_str(flat.trim());
                continue;
            }
        }
        if last_item_open && blank_before && flat.starts_with(|c: char| c.is_lowercase()) {
            if let Some(item) = recs.items.last_mut() {
                if !item.text.ends_with('-') {
                    item.text.push(' ');
                }
                item.text.push_str(flat.trim());
                blank_before = false;
                continue;
            }
        }
        if !recs.items.is_empty() {
            // Prose after the list: the section is over.
            end = k;
            break;
        }
        blank_before = false;
    }
    out.end = end;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::sections::locate;
    use crate::text::normalise;

    #[test]
    fn items_and_addressees() {
        let doc = normalise("Recommendations\n\nAs a result, we have made three recommendations that we believe.\n\nThe Manager should:\n\n1. do a\n2. do b\n\nThe Board should:\n\n3. do c.\n\nIntroduction\n\nYOTs supervise.\n");
        let out = recommendations_section(&doc, &locate(&doc));
        let r = out.recommendations;
        assert_eq!(r.stated_count.as_ref().unwrap().value, 3);
        assert_eq!(r.addressees.len(), 2);
        let got: Vec<_> = r
            .items
            .iter()
            .map(|i| (i.number.value, i.addressee.clone().unwrap(), i.text.clone()))
            .collect();
        assert_eq!(got[2], (3, "The Board".to_string(), "do c.".to_string()));
        assert_eq!(out.end, 12);
    }

    #[test]
    fn wrapped_items() {
        let doc = normalise("Recommendations \n\nwe have made five recommendations \n\nThe Board should: \n\n1. ensure that the priorities correspond to the needs of \nthe children supervised \n\n2. work with partners \n\n3. develop a process with children's social \ncare services \n Background  \n");
        let r = recommendations_section(&doc, &locate(&doc)).recommendations;
        assert_eq!(r.items.len(), 3);
        assert_eq!(
            r.items[0].text,
            "ensure that the priorities correspond to the needs of the children supervised"
        );
        assert_eq!(
            r.items[2].text,
            "develop a process with children's social care services"
        );
    }

    #[test]
    fn items_need_a_number_and_space() {
        assert!(recommendation_item("2019 was a year").is_err());
        assert_eq!(recommendation_item("12. x").map(|(_, n)| n), Ok(12));
    }
}
