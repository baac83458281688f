//! The report's own statement of the rating rules: the key-question band table, "Each of
//! the 12 standards", the 0-3 scale, the 0-36 total and the four overall bands. Read so
//! that the `methodology-text` rule can compare them with the framework.

use super::common::{has_digit, range, rating_cell, PResult};
use crate::model::{Methodology, Spanned, StatedBand};
use crate::text::{Doc, Para, Row};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit1, space0};
use nom::combinator::{map, map_res, opt};
use nom::Parser;

use super::phrase::{count, dash_range, word_end, Lowered, Needle, Prose};

/// `standard_count := "each of " ("the" | "our") " " count " standards"`: returns the count
/// and its offset in `i`.
pub fn standard_count(i: &str) -> PResult<'_, (u32, usize)> {
    let (after, _) = (tag("each of "), alt((tag("the "), tag("our ")))).parse(i)?;
    let (rest, ((n, _), _, _)) = (count, tag(" standards"), word_end).parse(after)?;
    Ok((rest, (n, i.len() - after.len())))
}

/// `scale_sentence := "scored on a " dash_range " scale"`
pub fn scale_sentence(i: &str) -> PResult<'_, ((u32, u32), usize)> {
    let (after, _) = tag("scored on a ").parse(i)?;
    let (rest, (v, _)) = (dash_range, tag(" scale")).parse(after)?;
    Ok((rest, (v, i.len() - after.len())))
}

/// `total_sentence := ("total score ranging from" | "overall rating on a" | "total score of" | "score range of") " " dash_range`
pub fn total_sentence(i: &str) -> PResult<'_, ((u32, u32), usize)> {
    let (after, _) = (
        alt((
            tag("total score ranging from"),
            tag("overall rating on a"),
            tag("total score of"),
            tag("score range of"),
        )),
        tag(" "),
    )
        .parse(i)?;
    let (rest, (v, _)) = (dash_range, word_end).parse(after)?;
    Ok((rest, (v, i.len() - after.len())))
}

/// `band_range := "<" number "%" | number "-" number "%" | number "%+"` → (from, to)
fn band_range(i: &str) -> PResult<'_, (u32, Option<u32>)> {
    let num = || map_res(digit1, |d: &str| d.parse::<u32>());
    alt((
        map(
            (char('<'), space0, num(), opt(char('%'))),
            |(_, _, n, _)| (0, Some(n.saturating_sub(1))),
        ),
        map((range, opt(char('%'))), |((a, b), _)| (a, Some(b))),
        map((num(), opt(char('%')), char('+')), |(a, _, _)| (a, None)),
    ))
    .parse(i)
}

/// `case_band_row := label ":" ws* band_range (TAB | ws+) rating_cell`
/// ("Too few: 50-64%⇥Requires improvement", "Minority: <50% Inadequate")
///
/// `flat` is the row's [`Row::flat`], worked out once by the caller.
pub fn case_band_row(flat: &str, row: &Row) -> Option<StatedBand> {
    // `split_once(':')` by memchr: every row is tried.
    let colon = memchr::memchr(b':', flat.as_bytes())?;
    let (label, rest) = (flat.get(..colon)?, flat.get(colon + 1..)?);
    if label.is_empty() || label.len() > 40 || label.contains(['.', ',']) {
        return None;
    }
    let rest = rest.trim_start();
    let (tail, (from, to)) = band_range(rest).ok()?;
    let r = rating_cell(tail)?;
    Some(StatedBand {
        from,
        to,
        rating: r,
        span: row.span(),
    })
}

/// `overall_band_row := range ws* ("=" ws*)? rating_cell` ("- 7-18 = 'Requires
/// improvement'", "7-18 Requires improvement")
///
/// `flat` is the row's [`Row::flat`], worked out once by the caller.
pub fn overall_band_row(flat: &str, row: &Row) -> Option<StatedBand> {
    let (rest, ((from, to), _, _, _)) = (range, space0, opt(char('=')), space0).parse(flat).ok()?;
    let r = rating_cell(rest)?;
    Some(StatedBand {
        from,
        to: Some(to),
        rating: r,
        span: row.span(),
    })
}

/// Reads every statement of the rules in the document.
pub fn methodology(doc: &Doc, paras: &[Para<'_>], lowered: &Lowered) -> Methodology {
    let mut m = Methodology::default();
    for row in &doc.rows {
        if row.is_blank() || row.cells.len() > 2 {
            continue;
        }
        // Both kinds of band row hold a number: rows of prose without one are not parsed.
        let flat = row.flat();
        if !has_digit(&flat) {
            continue;
        }
        if let Some(b) = case_band_row(&flat, row) {
            m.case_bands.push(b);
        } else if let Some(b) = overall_band_row(&flat, row) {
            m.overall_bands.push(b);
        }
    }
    // Sentences may wrap ("Each \nof the 10 standards"): search whole paragraphs, only
    // those that name standards, a scale or a score in any case (every statement read
    // here does), found with one pass per word over the lower-cased text.
    static WORDS: [Needle; 3] = [
        Needle::new("standards"),
        Needle::new("scale"),
        Needle::new("score"),
    ];
    let wanted = lowered.holding(&WORDS);
    for (i, para) in paras.iter().enumerate() {
        if !wanted.get(i).copied().unwrap_or(true) {
            continue;
        }
        let prose = Prose::lowered(lowered.get(i));
        if m.standard_count.is_none() {
            m.standard_count = first(&prose, "each of ", standard_count, para);
        }
        if m.standard_scale.is_none() {
            m.standard_scale = first(&prose, "scored on a ", scale_sentence, para);
        }
        if m.total_range.is_none() {
            m.total_range = ["total score", "overall rating on", "score range"]
                .iter()
                .find_map(|a| first(&prose, a, total_sentence, para));
        }
    }
    m
}

/// The first match of `parser` at an `anchor` in the paragraph, spanned at its value.
fn first<T>(
    prose: &Prose,
    anchor: &str,
    parser: impl Fn(&str) -> PResult<'_, (T, usize)>,
    para: &Para<'_>,
) -> Option<Spanned<T>> {
    prose.hits(anchor).find_map(|(hit, rest)| {
        let (_, (v, off)) = parser(rest).ok()?;
        Some(Spanned::new(v, para.span_at(hit + off)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::text::{normalise, normalise_line};

    /// A band parser of a row, given its flat text as `methodology` gives it.
    fn with_flat(
        parse: fn(&str, &crate::text::Row) -> Option<StatedBand>,
        row: &crate::text::Row,
    ) -> Option<StatedBand> {
        parse(&row.flat(), row)
    }

    #[test]
    fn band_rows() {
        let b = with_flat(
            case_band_row,
            &normalise_line(1, "Too few: 50-64%\tRequires improvement"),
        )
        .unwrap();
        assert_eq!(
            (b.from, b.to, b.rating),
            (50, Some(64), Rating::RequiresImprovement)
        );
        let b = with_flat(
            case_band_row,
            &normalise_line(1, "Minority: <50%\tInadequate"),
        )
        .unwrap();
        assert_eq!((b.from, b.to), (0, Some(49)));
        let b = with_flat(
            case_band_row,
            &normalise_line(1, "Large majority: 80%+\tOutstanding \u{2606}"),
        )
        .unwrap();
        assert_eq!((b.from, b.to), (80, None));
        let b = with_flat(
            overall_band_row,
            &normalise_line(1, "- 7-18 = 'Requires improvement'"),
        )
        .unwrap();
        assert_eq!(
            (b.from, b.to, b.rating),
            (7, Some(18), Rating::RequiresImprovement)
        );
        assert!(with_flat(overall_band_row, &normalise_line(1, "Age\t10-14\t15-17")).is_none());
        let b = with_flat(
            case_band_row,
            &normalise_line(1, "Minority: <50% Inadequate "),
        )
        .unwrap();
        assert_eq!((b.from, b.to, b.rating), (0, Some(49), Rating::Inadequate));
        let b = with_flat(overall_band_row, &normalise_line(1, "31-36 Outstanding  ")).unwrap();
        assert_eq!((b.from, b.to), (31, Some(36)));
        assert!(with_flat(
            case_band_row,
            &normalise_line(1, "Note: 50-64% of cases were good")
        )
        .is_none());
    }

    #[test]
    fn prose_statements() {
        let doc = normalise("Each \nof the 10 standards will be scored on a 0\u{2013}3 scale.\n\nThis gives an overall rating on a 0-30 \nscale.\n");
        let paras = crate::text::paragraphs(&doc);
        let m = methodology(&doc, &paras, &Lowered::new(&paras));
        assert_eq!(m.standard_count.unwrap().value, 10);
        assert_eq!(m.standard_scale.unwrap().value, (0, 3));
        assert_eq!(m.total_range.unwrap().value, (0, 30));
    }
}
