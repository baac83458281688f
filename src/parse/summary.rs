//! The ratings summary block: the overall rating, a printed score where there is one, and
//! one row per standard. It starts at "Overall rating" (2018-19) or "Ratings" (2020+), so
//! the contents page ("1.1 Governance and leadership⇥12") is never read as ratings.

use super::align::{pair, Placed};
use super::common::split_trailing_rating;
use super::phrase::{score_phrase, Prose};
use super::sections::Sections;
use super::tokens::{name_like, tokens, Kind, Read, Token};
use crate::model::{Part, Place, ReadIssue, Spanned, StandardRow, Summary};
use crate::text::Doc;

pub struct SummaryOut {
    pub summary: Summary,
    /// Row index just after the block.
    pub end: usize,
    /// Service name printed before the score (2020+ layout).
    pub service: Option<Spanned<String>>,
    pub issues: Vec<ReadIssue>,
}

/// The first "Score N/M" in a row: its byte offset in the flat text, and (N, M).
fn score_in(flat: &str) -> Option<(usize, (u32, u32))> {
    let prose = Prose::new(flat);
    let found = prose
        .hits("score")
        .find_map(|(at, rest)| score_phrase(rest).ok().map(|(_, v)| (at, v)));
    found
}

/// `domain_heading := digit "." ws+ words` (no rating), e.g. "2. Court disposals".
pub fn domain_heading(text: &str) -> bool {
    let mut ch = text.chars();
    matches!((ch.next(), ch.next(), ch.next()), (Some(d), Some('.'), Some(' ')) if d.is_ascii_digit())
        && split_trailing_rating(text).is_none()
}

/// Headings that end the summary block.
const AFTER_SUMMARY: &[&str] = &[
    "recommendations",
    "introduction",
    "contents",
    "foreword",
    "overall findings",
    "background",
];

/// Where the summary block ends: at the next section heading, an annex, or prose.
fn block_end(doc: &Doc, start: usize) -> usize {
    let limit = doc.rows.len().min(start + 400);
    for i in start + 1..limit {
        let Some(row) = doc.rows.get(i) else { break };
        if row.is_blank() {
            continue;
        }
        let flat = row.flat();
        let t = flat.trim().trim_end_matches(['.', ' ']);
        if AFTER_SUMMARY.iter().any(|h| t.eq_ignore_ascii_case(h))
            || super::sections::annex_heading(row).is_some()
        {
            return i;
        }
        let prose = t.split_whitespace().count() >= 10 && t.contains(['.', ',']);
        if prose && score_in(&flat).is_none() {
            return i;
        }
    }
    limit
}

/// Labels inside the block that are no standard's name.
fn label(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    domain_heading(text)
        || [
            "overall rating",
            "ratings",
            "score",
            "service:",
            "fieldwork",
        ]
        .iter()
        .any(|l| lower.starts_with(l))
}

/// `summary_block := ("Overall rating" [loose_rating] | "Ratings" NL score_line NL "Overall rating" [loose_rating]) { domain_heading | standard_id | name | loose_rating | blank }`
/// read as tokens, so rows, one cell per line and column blocks (all ids, then all names,
/// then all ratings) give the same rows; see [`super::align`].
pub fn summary_block(doc: &Doc, secs: &Sections) -> SummaryOut {
    let mut out = SummaryOut {
        summary: Summary::default(),
        end: 0,
        service: None,
        issues: Vec::new(),
    };
    let Some(start) = secs.summary_start else {
        return out;
    };
    let end = block_end(doc, start);
    out.end = end;
    let block = doc.rows.get(start..end).unwrap_or(&[]);
    for (k, row) in block.iter().enumerate() {
        let flat = row.flat();
        if let Some((at, score)) = score_in(&flat) {
            out.summary.score = Some(Spanned::new(score, row.flat_span(at)));
            let service = flat.get(..at).unwrap_or("").trim();
            if !service.is_empty() {
                out.service = Some(Spanned::new(service.to_string(), row.flat_span(0)));
            } else {
                // The service's name on the line before the score (one cell per line).
                out.service = block
                    .get(..k)
                    .unwrap_or(&[])
                    .iter()
                    .rev()
                    .find(|r| !r.is_blank())
                    .filter(|r| {
                        let f = r.flat();
                        name_like(f.trim()) && !label(f.trim()) && f.split_whitespace().count() >= 2
                    })
                    .map(|r| Spanned::new(r.flat().trim().to_string(), r.span()));
            }
            break;
        }
    }
    let toks = tokens(doc, start..end, Read::default());
    let first_id = toks
        .iter()
        .position(|t| matches!(t.kind, Kind::Standard(_)))
        .unwrap_or(toks.len());
    out.summary.overall = toks
        .get(..first_id)
        .unwrap_or(&[])
        .iter()
        .find_map(|t| t.rating().map(|r| Spanned::new(r, t.span)));
    let (rows, issues) = standard_rows(&toks, first_id);
    out.summary.rows = rows;
    out.issues = issues;
    out
}

/// The standards, names and ratings from the first standard token on.
fn standard_rows(toks: &[Token], from: usize) -> (Vec<StandardRow>, Vec<ReadIssue>) {
    let mut ids: Vec<&Token> = Vec::new();
    let mut ratings: Vec<(Placed, &Token)> = Vec::new();
    let mut names: Vec<(Placed, &Token)> = Vec::new();
    for t in toks.iter().skip(from) {
        let after = Placed {
            after_entry: ids.len().checked_sub(1),
        };
        match &t.kind {
            Kind::Standard(_) => ids.push(t),
            Kind::Rating(_) => ratings.push((after, t)),
            Kind::Text if name_like(&t.text) && !label(&t.text) => names.push((after, t)),
            _ => {}
        }
    }
    let mut issues = Vec::new();
    let placed = |v: &[(Placed, &Token)]| v.iter().map(|(p, _)| *p).collect::<Vec<_>>();
    let by_rating = pair(ids.len(), &placed(&ratings), |_| true);
    let inline_name = |e: usize| ids.get(e).is_some_and(|t| !t.text.trim().is_empty());
    let by_name = pair(ids.len(), &placed(&names), |e| !inline_name(e));
    if let Some((entries, values)) = by_rating.unpaired {
        issues.push(unpaired(ids.first(), entries, values, "ratings"));
    }
    if let Some((entries, values)) = by_name.unpaired {
        issues.push(unpaired(ids.first(), entries, values, "names"));
    }
    let rows = ids
        .iter()
        .enumerate()
        .map(|(e, t)| {
            let id = match &t.kind {
                Kind::Standard(id) => id.to_string(),
                _ => String::new(),
            };
            let rating = by_rating
                .value_of
                .get(e)
                .copied()
                .flatten()
                .and_then(|v| ratings.get(v))
                .and_then(|(_, r)| r.rating().map(|x| Spanned::new(x, r.span)));
            let name = if inline_name(e) {
                Some(Spanned::new(t.text.trim().to_string(), t.text_span))
            } else {
                by_name
                    .value_of
                    .get(e)
                    .copied()
                    .flatten()
                    .and_then(|v| names.get(v))
                    .map(|(_, n)| Spanned::new(n.text.to_string(), n.span))
            };
            StandardRow {
                id: Spanned::new(id, t.span),
                name,
                rating,
                place: Place::Summary,
            }
        })
        .collect();
    (rows, issues)
}

fn unpaired(first: Option<&&Token>, entries: usize, values: usize, what: &str) -> ReadIssue {
    ReadIssue {
        part: Part::Summary,
        span: first.map(|t| t.span).unwrap_or_default(),
        message: format!(
            "the ratings summary could not be read as a table: {entries} standards wait for {what} and {values} {what} are left, in an order that cannot be paired"
        ),
        standard: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::parse::sections::locate;
    use crate::text::normalise;

    fn rows(text: &str) -> Vec<(String, Option<String>, Option<Rating>)> {
        let doc = normalise(text);
        let out = summary_block(&doc, &locate(&doc));
        assert!(out.issues.is_empty(), "{:?}", out.issues);
        out.summary
            .rows
            .into_iter()
            .map(|r| {
                (
                    r.id.value,
                    r.name.map(|n| n.value),
                    r.rating.map(|r| r.value),
                )
            })
            .collect()
    }

    fn want(list: &[(&str, &str, Rating)]) -> Vec<(String, Option<String>, Option<Rating>)> {
        list.iter()
            .map(|(i, n, r)| (i.to_string(), Some(n.to_string()), Some(*r)))
            .collect()
    }

    #[test]
    fn rows_cells_and_column_blocks_read_alike() {
        use Rating::*;
        let expected = want(&[
            ("1.1", "Governance and leadership", RequiresImprovement),
            ("1.2", "Staff", Good),
        ]);
        for text in [
            "Overall rating\nGood\n1.1\tGovernance and leadership\tRequires improvement\t\n1.2\tStaff\tGood\n\nRecommendations\n",
            "Overall rating\nGood\n1.1  Governance and leadership Requires improvement \n1.2 Staff Good\nRecommendations\n",
            "Overall rating\nGood\n1.1\nGovernance and leadership\nRequires improvement\n1.2\nStaff\nGood\nRecommendations\n",
            "Overall rating\nGood\n1. Organisational delivery\n1.1\n1.2\nGovernance and leadership\nStaff\nRequires\nimprovement\nGood\nRecommendations\n",
            "### Overall rating\nGood\n| 1.1 | Governance and leadership | Requires improvement |\n|---|---|---|\n| 1.2 | Staff |  | Good |\n# Recommendations\n",
        ] {
            assert_eq!(rows(text), expected, "{text:?}");
        }
    }

    #[test]
    fn unpairable_blocks_are_an_issue_not_a_guess() {
        let doc = normalise("Overall rating\nGood\n1.1\n1.2\n1.3\nGovernance and leadership\nStaff\nPartnerships and services\nGood\nGood\nRecommendations\n");
        let out = summary_block(&doc, &locate(&doc));
        assert_eq!(out.issues.len(), 1, "{:?}", out.issues);
        assert!(out.summary.rows.iter().all(|r| r.rating.is_none()));
        assert_eq!(out.summary.rows.len(), 3);
    }

    #[test]
    fn contents_rows_are_not_ratings() {
        let doc = normalise("Contents\n1.1 Governance and leadership\t12\n\nOverall rating\nGood\n1.1\tGovernance and leadership\tGood\n");
        let out = summary_block(&doc, &locate(&doc));
        assert_eq!(out.summary.rows.len(), 1);
        assert_eq!(out.summary.rows[0].id.span.line, 6);
    }

    #[test]
    fn block_2019() {
        let doc = normalise("Service: X\n\nOverall rating\n\nGood\n\n1. Organisational delivery\n\n1.1\tGovernance and leadership\tGood\t\n1.2\tStaff\tInadequate\t\n\nRecommendations\n");
        let out = summary_block(&doc, &locate(&doc));
        assert_eq!(out.summary.overall.as_ref().unwrap().value, Rating::Good);
        assert_eq!(out.summary.overall.unwrap().span.line, 5);
        assert_eq!(out.summary.rows.len(), 2);
        assert_eq!(out.summary.rows[1].rating.as_ref().unwrap().span.column, 11);
        assert_eq!(out.end, 11, "the block ends at the next heading");
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
        let r = &out.summary.rows[0];
        assert_eq!(r.rating.as_ref().unwrap().span.column, 32);
        assert_eq!(r.name.as_ref().unwrap().span.column, 6);
    }
}
