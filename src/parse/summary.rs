//! The ratings summary block: the overall rating, a printed score where there is one, and
//! one row per standard. It starts at "Overall rating" (2018-19) or "Ratings" (2020+), so
//! the contents page ("1.1 Governance and leadership⇥12") is never read as ratings.

use super::common::{rating_cell, split_trailing_rating, standard_id, standard_start};
use super::phrase::{score_phrase, Prose};
use super::sections::{overall_rating_row, Sections};
use crate::model::{Place, Rating, Spanned, StandardRow, Summary};
use crate::text::{Doc, Row};

pub struct SummaryOut {
    pub summary: Summary,
    /// Row index just after the block.
    pub end: usize,
    /// Service name printed before the score (2020+ layout).
    pub service: Option<Spanned<String>>,
}

/// The first "Score N/M" in a row: its byte offset in the flat text, and (N, M).
fn score_in(flat: &str) -> Option<(usize, (u32, u32))> {
    let prose = Prose::new(flat);
    let found = prose
        .hits("score")
        .find_map(|(at, rest)| score_phrase(rest).ok().map(|(_, v)| (at, v)));
    found
}

/// `summary_row := standard_id TAB name TAB rating | standard_id ws+ name ws+ rating`
pub fn summary_row(row: &Row) -> Option<StandardRow> {
    let cells = &row.cells;
    if cells.len() >= 3 {
        let first = cells.first()?;
        let last = cells.last()?;
        let id_text = first.text();
        let (rest, id) = standard_id(id_text.trim()).ok()?;
        let rating = rating_cell(&last.text())?;
        if !rest.trim().is_empty() {
            return None;
        }
        let name_cells = cells.get(1..cells.len() - 1)?;
        let name = name_cells
            .iter()
            .map(|c| c.text())
            .collect::<Vec<_>>()
            .join(" ");
        return Some(StandardRow {
            id: Spanned::new(id.to_string(), first.span()),
            name: name_cells
                .first()
                .map(|c| Spanned::new(name.trim().to_string(), c.span())),
            rating: Some(Spanned::new(rating, last.span())),
            place: Place::Summary,
        });
    }
    standard_line(row, Place::Summary)
}

/// `standard_line := standard_id ws+ name (ws+ | TAB) rating`: one standard, name and
/// rating read from the flattened row.
pub fn standard_line(row: &Row, place: Place) -> Option<StandardRow> {
    let flat = row.flat();
    let (rest, id) = standard_start(&flat).ok()?;
    let (name, rating, _) = split_trailing_rating(rest)?;
    let name = name.trim();
    if name.is_empty() || name.split_whitespace().count() > 6 || name.contains(['.', ':', ';']) {
        return None;
    }
    let name_at = flat.len() - rest.len() + (rest.len() - rest.trim_start().len());
    let rating_at = flat.trim_end().len() - rating.as_str().len();
    Some(StandardRow {
        id: Spanned::new(id.to_string(), row.flat_span(0)),
        name: Some(Spanned::new(name.to_string(), row.flat_span(name_at))),
        rating: Some(Spanned::new(rating, row.flat_span(rating_at))),
        place,
    })
}

/// `domain_heading := digit "." ws+ words` (no rating), e.g. "2. Court disposals".
fn domain_heading(row: &Row) -> bool {
    let flat = row.flat();
    let mut ch = flat.chars();
    matches!((ch.next(), ch.next(), ch.next()), (Some(d), Some('.'), Some(' ')) if d.is_ascii_digit())
        && split_trailing_rating(&flat).is_none()
}

fn rating_row(row: &Row) -> Option<Spanned<Rating>> {
    let flat = row.flat();
    rating_cell(&flat).map(|r| Spanned::new(r, row.span()))
}

/// `summary_block := ("Overall rating" rating? | "Ratings" score_line) rows`
pub fn summary_block(doc: &Doc, secs: &Sections) -> SummaryOut {
    let mut out = SummaryOut {
        summary: Summary::default(),
        end: 0,
        service: None,
    };
    let Some(start) = secs.summary_start else {
        return out;
    };
    let mut expect_overall = false;
    let mut junk = 0;
    let mut end = start + 1;
    let rows = doc.rows.get(start..).unwrap_or(&[]);
    for (k, row) in rows.iter().enumerate() {
        let i = start + k;
        if row.is_blank() {
            continue;
        }
        if out.summary.overall.is_none() {
            if let Some(r) = overall_rating_row(row) {
                match r {
                    Some(r) => {
                        let flat = row.flat();
                        let at = flat.trim_end().len().saturating_sub(r.as_str().len());
                        out.summary.overall = Some(Spanned::new(r, row.flat_span(at)));
                    }
                    None => expect_overall = true,
                }
                end = i + 1;
                continue;
            }
            if expect_overall {
                if let Some(r) = rating_row(row) {
                    out.summary.overall = Some(r);
                    expect_overall = false;
                    end = i + 1;
                    continue;
                }
            }
        }
        if out.summary.score.is_none() {
            let flat = row.flat();
            if let Some((at, score)) = score_in(&flat) {
                out.summary.score = Some(Spanned::new(score, row.flat_span(at)));
                let service = flat.get(..at).unwrap_or("").trim();
                if !service.is_empty() {
                    out.service = Some(Spanned::new(service.to_string(), row.flat_span(0)));
                }
                end = i + 1;
                continue;
            }
        }
        if let Some(r) = summary_row(row) {
            out.summary.rows.push(r);
            end = i + 1;
            junk = 0;
            continue;
        }
        if domain_heading(row) {
            end = i + 1;
            continue;
        }
        // Anything else: tolerate a few stray rows (a page header, a logo caption) before
        // the first standard or between standards; stop at the first run of them.
        junk += 1;
        if k > 0 && (junk > 3 || (!out.summary.rows.is_empty() && junk > 1)) {
            break;
        }
    }
    out.end = end;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::sections::locate;
    use crate::text::{normalise, normalise_line};

    #[test]
    fn tab_row() {
        let r = summary_row(&normalise_line(
            3,
            "1.1\tGovernance and leadership\tRequires improvement\t",
        ))
        .unwrap();
        assert_eq!(r.id.value, "1.1");
        assert_eq!(r.name.unwrap().value, "Governance and leadership");
        assert_eq!(r.rating.unwrap().value, Rating::RequiresImprovement);
    }

    #[test]
    fn one_line_row() {
        let r = summary_row(&normalise_line(
            3,
            "1.1  Governance and leadership Requires improvement ",
        ))
        .unwrap();
        assert_eq!(r.name.unwrap().value, "Governance and leadership");
        let rating = r.rating.unwrap();
        assert_eq!(rating.value, Rating::RequiresImprovement);
        assert_eq!(rating.span.column, 32);
    }

    #[test]
    fn contents_rows_are_not_ratings() {
        assert!(summary_row(&normalise_line(1, "1.1 Governance and leadership\t12")).is_none());
        assert!(summary_row(&normalise_line(1, "1.1 Governance and leadership 12")).is_none());
    }

    #[test]
    fn block_2019() {
        let doc = normalise("Service: X\n\nOverall rating\n\nGood\n\n1. Organisational delivery\n\n1.1\tGovernance and leadership\tGood\t\n1.2\tStaff\tInadequate\t\n\nRecommendations\n");
        let out = summary_block(&doc, &locate(&doc));
        assert_eq!(out.summary.overall.as_ref().unwrap().value, Rating::Good);
        assert_eq!(out.summary.overall.unwrap().span.line, 5);
        assert_eq!(out.summary.rows.len(), 2);
        assert_eq!(out.end, 10);
    }

    #[test]
    fn block_2020() {
        let doc = normalise(" Ratings \n\nHartlepool Youth Offending Service Score 26/36 \n\nOverall rating Good \n \n1.  Organisational delivery   \n\n1.1  Governance and leadership Requires improvement \n \n1.2 Staff Good  \n Recommendations \n");
        let out = summary_block(&doc, &locate(&doc));
        assert_eq!(out.summary.score.unwrap().value, (26, 36));
        assert_eq!(
            out.service.unwrap().value,
            "Hartlepool Youth Offending Service"
        );
        assert_eq!(out.summary.overall.unwrap().value, Rating::Good);
        assert_eq!(out.summary.rows.len(), 2);
    }
}
