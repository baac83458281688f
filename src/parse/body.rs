//! The body's standard headings with their ratings: "2.1 Assessment⇥Good" (2018-19) or a
//! heading "2.2. Planning" with the rating on a line of its own just below (2020+).

use super::common::{rating_cell, standard_start};
use super::summary::standard_line;
use crate::model::{Place, Spanned, StandardRow};
use crate::text::Doc;

/// How many rows below a bare heading its rating may appear (wrapped headings, blank lines).
const RATING_LOOKAHEAD: usize = 4;

/// `body_headings := { standard_line | bare_heading NL (blank | prose){0,4} rating_cell }`
pub fn body_headings(doc: &Doc, start: usize, end: usize) -> Vec<StandardRow> {
    let mut out: Vec<StandardRow> = Vec::new();
    let rows = doc.rows.get(start..end.min(doc.rows.len())).unwrap_or(&[]);
    for (k, row) in rows.iter().enumerate() {
        if let Some(r) = standard_line(row, Place::Body) {
            out.push(r);
            continue;
        }
        // A bare heading: "2.2. Planning", its rating a few rows below.
        let Some(seg) = row.single() else { continue };
        let Ok((rest, id)) = standard_start(&seg.text) else {
            continue;
        };
        let name = rest.trim();
        if name.is_empty()
            || name.split_whitespace().count() > 6
            || name.contains(['.', ',', ':', ';', '?'])
            || !name.starts_with(|c: char| c.is_uppercase())
        {
            continue;
        }
        let rating = rows
            .iter()
            .skip(k + 1)
            .filter(|r| !r.is_blank())
            .take(RATING_LOOKAHEAD)
            .find_map(|r| rating_cell(&r.flat()).map(|v| Spanned::new(v, r.span())));
        if let Some(rating) = rating {
            out.push(StandardRow {
                id: Spanned::new(id.to_string(), seg.span()),
                name: Some(Spanned::new(name.to_string(), seg.span_of(name))),
                rating: Some(rating),
                place: Place::Body,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::text::normalise;

    #[test]
    fn tab_heading() {
        let doc =
            normalise("1.1 Governance and leadership\tRequires improvement\nThe governance.\t\n");
        let h = body_headings(&doc, 0, doc.rows.len());
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].rating.as_ref().unwrap().value,
            Rating::RequiresImprovement
        );
        assert_eq!(h[0].rating.as_ref().unwrap().span.column, 31);
    }

    #[test]
    fn bare_heading_then_rating() {
        let doc = normalise("2.2. Planning \n\nPlanning is well-informed.\n\nGood \n");
        let h = body_headings(&doc, 0, doc.rows.len());
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].rating.as_ref().unwrap().span.line, 5);
    }

    #[test]
    fn sentences_are_not_headings() {
        let doc = normalise(
            "2.1 In this inspection we found it was Good\n1.1 Governance and leadership\t12\n",
        );
        assert!(body_headings(&doc, 0, doc.rows.len()).is_empty());
    }
}
