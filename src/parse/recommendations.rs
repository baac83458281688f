//! The recommendations section: the stated count ("we have made six recommendations"),
//! the addressee blocks ("Lancashire YOT Manager should:") and the numbered items, whose
//! text may wrap over several lines.

use super::common::PResult;
use super::phrase::{count, word_end, Prose};
use super::sections::{annex_heading, heading, Sections};
use crate::model::{Numbering, Part, ReadIssue, Recommendation, Recommendations, Spanned};
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
    pub issues: Vec<ReadIssue>,
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
pub fn addressee<'r>(row: &'r Row<'_>) -> Option<&'r str> {
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
        && recommendation_item(&h).is_err()
}

/// `detached_number := digit{1,2} ("." | ")")`: a recommendation number alone on its line,
/// its text elsewhere (a tool that read the number column on its own).
pub fn detached_number(t: &str) -> bool {
    let t = t.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && t.len() == digits + 1 && t.ends_with(['.', ')'])
}

/// What one row of the section is.
enum Line<'a> {
    Addressee(&'a str),
    Numbered(u32, &'a str),
    Detached,
    Bullet,
    Text,
}

/// `recommendations_section := "Recommendations" NL intro { addressee | recommendation_item | detached_number | continuation }`
///
/// Items are numbered in the text, or (a Word list whose numbers the conversion dropped)
/// each paragraph under an addressee is one; numbers that restart under each addressee
/// are a converter's, and numbers standing apart from their text cannot be paired.
pub fn recommendations_section(doc: &Doc, secs: &Sections) -> RecommendationsOut {
    let mut out = RecommendationsOut {
        recommendations: Recommendations::default(),
        end: 0,
        issues: Vec::new(),
    };
    let Some(start) = secs.recommendations else {
        return out;
    };
    let rows = section_rows(doc, start);
    out.end = rows.last().map_or(start + 1, |(k, _)| k + 1);
    let recs = &mut out.recommendations;
    // The sentence may wrap: each row is read with the next one joined on.
    for (i, (_, row)) in rows.iter().enumerate() {
        let flat = row.flat();
        let mut text = flat.to_string();
        if let Some((_, next)) = rows.get(i + 1) {
            text.push(' ');
            text.push_str(&next.flat());
        }
        let prose = Prose::new(&text);
        let stated = prose
            .hits("we ")
            .filter(|(at, _)| *at < flat.len())
            .find_map(|(at, rest)| {
                stated_count_sentence(rest)
                    .ok()
                    .map(|(_, (n, word))| (n, at + word))
            });
        if let Some((n, at)) = stated {
            let span = if at < flat.len() {
                row.flat_span(at)
            } else {
                rows.get(i + 1)
                    .map_or(row.span(), |(_, r)| r.flat_span(at - flat.len() - 1))
            };
            recs.stated_count = Some(Spanned::new(n, span));
            break;
        }
    }
    let lines: Vec<(bool, Line<'_>)> = rows
        .iter()
        .map(|(k, row)| {
            let blank_before = k
                .checked_sub(1)
                .and_then(|p| doc.rows.get(p))
                .is_some_and(Row::is_blank);
            (blank_before, classify(row))
        })
        .collect();
    let numbered = lines.iter().any(|(_, l)| matches!(l, Line::Numbered(..)));
    let detached = lines
        .iter()
        .filter(|(_, l)| matches!(l, Line::Detached))
        .count();
    if detached > 0 {
        out.issues.push(ReadIssue {
            part: Part::Recommendations,
            span: rows.first().map(|(_, r)| r.span()).unwrap_or_default(),
            message: format!(
                "the recommendations could not be read: {detached} of their numbers stand apart from their text in this text, so which text is whose cannot be told"
            ),
            standard: None,
        });
        return out;
    }
    let mut addressee: Option<String> = None;
    let mut open = false;
    for ((blank_before, line), (_, row)) in lines.iter().zip(&rows) {
        let flat = row.flat();
        match line {
            Line::Addressee(who) => {
                addressee = Some(who.to_string());
                recs.addressees
                    .push(Spanned::new(who.to_string(), row.span()));
                open = false;
            }
            Line::Numbered(n, text) => {
                push_item(recs, Some(*n), &addressee, text, row);
                open = true;
            }
            Line::Bullet if addressee.is_some() => {
                push_item(recs, None, &addressee, flat.trim(), row);
                open = true;
            }
            _ if !numbered && addressee.is_some() => {
                // A Word list without its numbers: each paragraph is an item.
                push_item(recs, None, &addressee, flat.trim(), row);
                recs.numbering = Numbering::Absent;
                open = true;
            }
            _ if open && (!blank_before || flat.starts_with(|c: char| c.is_lowercase())) => {
                if let Some(item) = recs.items.last_mut() {
                    if !item.text.ends_with('-') {
                        item.text.push(' ');
                    }
                    item.text.push_str(flat.trim());
                }
            }
            _ => open = false,
        }
    }
    if numbered && restarts_per_addressee(recs) {
        recs.numbering = Numbering::PerAddressee;
        for (i, item) in recs.items.iter_mut().enumerate() {
            item.number.value = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    out
}

/// The rows of the section, from the heading to where it ends.
fn section_rows<'d, 's>(doc: &'d Doc<'s>, start: usize) -> Vec<(usize, &'d Row<'s>)> {
    let mut out = Vec::new();
    let mut blank_before = false;
    let mut items = false;
    for (k, row) in doc.rows.iter().enumerate().skip(start + 1) {
        if row.is_blank() {
            blank_before = true;
            continue;
        }
        if ends_section(row, blank_before) {
            break;
        }
        let is_item = recommendation_item(&row.flat()).is_ok() || addressee(row).is_some();
        // Prose after a blank line once the list has begun: the section is over.
        if items && blank_before && !is_item && !row.bullet && looks_like_prose(row) {
            break;
        }
        items |= is_item;
        out.push((k, row));
        blank_before = false;
    }
    out
}

/// A paragraph of prose: long, capitalised, a sentence.
fn looks_like_prose(row: &Row) -> bool {
    let flat = row.flat();
    flat.starts_with(|c: char| c.is_uppercase()) && flat.split_whitespace().count() > 14
}

fn classify<'r>(row: &'r Row<'_>) -> Line<'r> {
    if let Some(who) = addressee(row) {
        return Line::Addressee(who);
    }
    let Some(seg) = row.cells.first().and_then(|c| c.paras.first()) else {
        return Line::Text;
    };
    if row.cells.len() == 1 && detached_number(&seg.text) {
        return Line::Detached;
    }
    if let Ok((text, n)) = recommendation_item(&seg.text) {
        return Line::Numbered(n, text);
    }
    if row.bullet {
        return Line::Bullet;
    }
    Line::Text
}

fn push_item(
    recs: &mut Recommendations,
    n: Option<u32>,
    who: &Option<String>,
    text: &str,
    row: &Row,
) {
    let n = n.unwrap_or_else(|| u32::try_from(recs.items.len() + 1).unwrap_or(u32::MAX));
    recs.items.push(Recommendation {
        number: Spanned::new(n, row.span()),
        addressee: who.clone(),
        text: text.trim().to_string(),
    });
}

/// Numbers that start at 1 under each of two or more addressees and run on within each:
/// a converter numbering each Word list afresh.
fn restarts_per_addressee(recs: &Recommendations) -> bool {
    let mut blocks: Vec<Vec<u32>> = Vec::new();
    let mut last: Option<&Option<String>> = None;
    for item in &recs.items {
        if last != Some(&item.addressee) {
            blocks.push(Vec::new());
            last = Some(&item.addressee);
        }
        if let Some(b) = blocks.last_mut() {
            b.push(item.number.value);
        }
    }
    blocks.len() >= 2
        && blocks
            .iter()
            .all(|b| b.iter().zip(1u32..).all(|(n, want)| *n == want))
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
