//! Splits a report into its parts by their headings, without interpreting the parts.
//! A contents page is never taken for a heading: a contents entry carries a page number
//! (`Recommendations⇥8`, `Annex 2 - Inspection results ..... 30`).

use super::common::rating_cell;
use crate::model::Layout;
use crate::text::{Doc, Row};

/// Row indices of the parts found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sections {
    /// "Overall rating" (2019) or "Ratings" (2020+) row that opens the ratings summary.
    pub summary_start: Option<usize>,
    /// The "Recommendations" heading.
    pub recommendations: Option<usize>,
    /// The first annex heading.
    pub first_annex: Option<usize>,
    /// The "Annex 2 - Inspection results" heading.
    pub annex_results: Option<usize>,
    /// The heading after the results annex.
    pub annex_results_end: Option<usize>,
}

impl Sections {
    /// Where the body starts: after the summary and the recommendations.
    pub fn body_start(&self, summary_end: usize, recommendations_end: usize) -> usize {
        summary_end.max(recommendations_end)
    }
}

/// `heading := text` alone on its row, not ending in a page number. A heading that a tool
/// spread with runs of spaces ("Annex    2 –  Inspection    results") is one heading.
pub fn heading<'r>(row: &'r Row<'_>) -> Option<std::borrow::Cow<'r, str>> {
    use std::borrow::Cow;
    let text: Cow<'_, str> = match row.single() {
        Some(seg) => Cow::Borrowed(&*seg.text),
        None => {
            // A cell's one paragraph is its text (no joined copy).
            let last_is_number = row.cells.last().is_some_and(|c| {
                let t = c
                    .single()
                    .map_or_else(|| Cow::Owned(c.text()), |p| Cow::Borrowed(&*p.text));
                let t = t.trim();
                t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
            });
            let spread = row.cells.len() <= 5
                && !last_is_number
                && row.cells.iter().all(|c| {
                    c.single()
                        .is_some_and(|p| p.text.split_whitespace().count() <= 4)
                });
            let flat = row.flat();
            if !spread || flat.split_whitespace().count() > 8 || row.cells.is_empty() {
                return None;
            }
            flat
        }
    };
    // Borrowed where the row's text is: every row is tried as a heading, several times.
    let cut = |t: &str| -> Option<usize> {
        let t = t.trim_end_matches(['.', ' ']);
        let bad = t.is_empty() || t.ends_with(|c: char| c.is_ascii_digit()) && t.contains("..");
        (!bad).then_some(t.len())
    };
    match text {
        Cow::Borrowed(t) => t.get(..cut(t)?).map(Cow::Borrowed),
        Cow::Owned(t) => t.get(..cut(&t)?).map(|h| Cow::Owned(h.to_string())),
    }
}

/// `annex_heading := ("Annex" | "Annexe") ws+ digit+ (ws* "-" ws* title)?`
pub fn annex_heading(row: &Row) -> Option<(u32, String)> {
    // A heading's text starts where the row's does: most rows are ruled out unread.
    if !opens_annex(&row.flat()) {
        return None;
    }
    let t = heading(row)?;
    let t = t.as_ref();
    let rest = t
        .strip_prefix("Annexe ")
        .or_else(|| t.strip_prefix("Annex "))
        .or_else(|| t.strip_prefix("ANNEX "))?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let title = rest
        .get(digits.len()..)?
        .trim_start_matches([' ', '-', ':'])
        .trim();
    // "Annex 2 - Inspection results 30" is a contents line.
    if title.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((n, title.to_string()))
}

/// `overall_rating_row := "Overall rating" (ws | tab)* rating?`
pub fn overall_rating_row(row: &Row) -> Option<Option<crate::model::Rating>> {
    let flat = row.flat();
    let rest = flat
        .get(..14)
        .filter(|h| h.eq_ignore_ascii_case("overall rating"))
        .and_then(|_| flat.get(14..))?;
    let rest = rest.trim().trim_start_matches(':').trim();
    if rest.is_empty() {
        return Some(None);
    }
    rating_cell(rest).map(Some)
}

/// A contents entry whose page number a tool put on the next line ("Annex 2 - Inspection
/// results" / "30", one cell per line): the next non-blank row is a bare page number.
fn page_number_follows(doc: &Doc, i: usize) -> bool {
    doc.rows
        .iter()
        .skip(i + 1)
        .find(|r| !r.is_blank())
        .is_some_and(bare_page_number)
}

fn bare_page_number(r: &Row) -> bool {
    let t = r.flat();
    let t = t.trim();
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// The rows of a contents page whose page numbers a tool wrote as a column of their own
/// after all the entries ("Recommendations" ... "Annex 2 - Inspection results", then "4",
/// "8", ... "30"): from the "Contents" heading to the end of that column of numbers.
fn contents_block(doc: &Doc) -> std::ops::Range<usize> {
    let Some(start) = doc.rows.iter().take(400).position(|r| {
        opens_with(&r.flat(), "contents")
            && heading(r).is_some_and(|h| h.eq_ignore_ascii_case("contents"))
    }) else {
        return 0..0;
    };
    let mut run = 0;
    let mut end = None;
    for (i, r) in doc.rows.iter().enumerate().skip(start + 1).take(150) {
        if r.is_blank() {
            continue;
        }
        if bare_page_number(r) {
            run += 1;
            if run >= 3 {
                end = Some(i + 1);
            }
        } else if run >= 3 {
            break;
        } else {
            run = 0;
        }
    }
    end.map_or(0..0, |e| start..e)
}

/// Can a row with this text be an annex heading? Its text starts where the row's does.
fn opens_annex(flat: &str) -> bool {
    flat.starts_with("Annex") || flat.starts_with("ANNEX ")
}

/// Does `text` open with `word` (lower case) in any ASCII case?
fn opens_with(text: &str, word: &str) -> bool {
    text.as_bytes()
        .get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word.as_bytes()))
}

/// Finds the parts.
pub fn locate(doc: &Doc) -> Sections {
    let mut s = Sections::default();
    let contents = contents_block(doc);
    for (i, row) in doc.rows.iter().enumerate() {
        if contents.contains(&i) {
            continue;
        }
        if s.summary_start.is_none() && overall_rating_row(row).is_some() {
            s.summary_start = Some(i);
        }
        // A heading is a prefix of its row's text: only a row opening with
        // "Recommendations" or "Annex" can be one of these.
        let flat = row.flat();
        let recommendations_row =
            s.recommendations.is_none() && opens_with(&flat, "recommendations");
        if !recommendations_row && !opens_annex(&flat) {
            continue;
        }
        let Some(h) = heading(row) else { continue };
        let recommendations =
            s.recommendations.is_none() && h.eq_ignore_ascii_case("recommendations");
        let annex = annex_heading(row);
        // A contents entry with its page number on the next line.
        if (recommendations || annex.is_some()) && page_number_follows(doc, i) {
            continue;
        }
        if recommendations {
            s.recommendations = Some(i);
        }
        if let Some((n, title)) = annex {
            s.first_annex.get_or_insert(i);
            let lower = title.to_ascii_lowercase();
            if s.annex_results.is_none()
                && (lower.contains("inspection results") || (n == 2 && lower.contains("result")))
            {
                s.annex_results = Some(i);
            } else if s.annex_results.is_some() && s.annex_results_end.is_none() {
                s.annex_results_end = Some(i);
            }
        }
    }
    // A "Ratings" heading opens the 2020+ summary block when it comes first.
    if let Some(r) = doc.rows.iter().position(|row| {
        // Only a row that trims to seven bytes can be the heading "Ratings".
        row.flat().trim_end_matches(['.', ' ']).len() == "ratings".len()
            && heading(row).is_some_and(|h| h.eq_ignore_ascii_case("ratings"))
    }) {
        if s.summary_start.is_none_or(|o| r < o && o - r < 12) {
            s.summary_start = Some(r);
        }
    }
    s
}

/// The layout: count tables ("Relevant cases" / "Number 'Yes'") mark the 2020+ layout.
pub fn layout(doc: &Doc) -> Layout {
    let counts = doc.rows.iter().any(|r| {
        let flat = r.flat();
        static NUMBER_YES: super::phrase::Needle = super::phrase::Needle::new("Number 'Yes'");
        NUMBER_YES.is_in(&flat)
            || flat.starts_with("Relevant cases")
            || super::counts::cases_line(&flat).is_some()
    });
    if counts {
        Layout::Counts2020
    } else {
        Layout::Percent2019
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalise, normalise_line};

    #[test]
    fn contents_lines_are_not_headings() {
        assert!(annex_heading(&normalise_line(
            1,
            "Annex 2 \u{2013} Inspection results\t30"
        ))
        .is_none());
        assert!(
            annex_heading(&normalise_line(1, "Annex 2 - Inspection results ...... 30")).is_none()
        );
        assert_eq!(
            annex_heading(&normalise_line(1, "Annex 2 \u{2013} Inspection results")),
            Some((2, "Inspection results".to_string()))
        );
        assert_eq!(
            annex_heading(&normalise_line(1, "Annexe 1: Methodology")),
            Some((1, "Methodology".to_string()))
        );
        assert!(heading(&normalise_line(1, "Recommendations\t8")).is_none());
    }

    #[test]
    fn locates_parts() {
        let doc = normalise(
            "Contents\nRecommendations\t8\nAnnex 2 \u{2013} Inspection results\t30\n\nOverall rating\nGood\nRecommendations\nx\nAnnex 1 \u{2013} Methodology\nAnnex 2 \u{2013} Inspection results\nAnnex 3 \u{2013} Glossary\n",
        );
        let s = locate(&doc);
        assert_eq!(s.summary_start, Some(4));
        assert_eq!(s.recommendations, Some(6));
        assert_eq!(s.first_annex, Some(8));
        assert_eq!(s.annex_results, Some(9));
        assert_eq!(s.annex_results_end, Some(10));
    }

    #[test]
    fn overall_rating_rows() {
        use crate::model::Rating;
        assert_eq!(
            overall_rating_row(&normalise_line(1, "Overall rating")),
            Some(None)
        );
        assert_eq!(
            overall_rating_row(&normalise_line(1, "Overall rating Good ")),
            Some(Some(Rating::Good))
        );
        assert_eq!(
            overall_rating_row(&normalise_line(1, "Overall rating is good news")),
            None
        );
    }
}
