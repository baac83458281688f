//! The body's standard headings with their ratings: "2.1 Assessment⇥Good" (2018-19), a
//! heading "2.2. Planning" with the rating below its one-line description (2020+), or the
//! rating split over lines ("Requires" / "improvement"), read as tokens.

use super::tokens::{name_like, tokens, Cache, Kind, Read, Token};
use crate::model::{Place, Spanned, StandardRow};
use crate::text::Doc;

/// How many tokens after a heading its rating may come (a description sentence between).
const RATING_LOOKAHEAD: usize = 6;

/// `body_heading := standard_start name [rating] {text}0..3 rating`: a standard's id and
/// name opening a row (at most seven words, no sentence punctuation, capitalised), and the
/// first rating within the next few tokens before any other heading.
pub fn body_heading(toks: &[Token], i: usize) -> Option<StandardRow> {
    let t = toks.get(i)?;
    let Kind::Standard(id) = &t.kind else {
        return None;
    };
    let name = t.text.trim();
    if !t.new_row || !name_like(name) || !name.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let rating = toks
        .iter()
        .skip(i + 1)
        .take(RATING_LOOKAHEAD)
        .take_while(|n| !matches!(n.kind, Kind::Standard(_) | Kind::KeyQuestion(_)))
        .find_map(|n| {
            n.rating()
                .map(|r| Spanned::new(r, n.span))
                .or_else(|| box_rating(n))
        })?;
    Some(StandardRow {
        id: Spanned::new(id.to_string(), t.span),
        name: Some(Spanned::new(name.to_string(), t.text_span)),
        rating: Some(rating),
        place: Place::Body,
    })
}

/// The rating a standard's box prints beside its description, joined to the line by a
/// tool that kept only two spaces between them ("Reviewing of progress is well informed,
/// analytical  Good"): the rating as printed, capitalised, ending the line.
fn box_rating(t: &Token) -> Option<Spanned<crate::model::Rating>> {
    if !t.is_text() {
        return None;
    }
    crate::model::Rating::ALL.iter().find_map(|r| {
        let head = t.text.strip_suffix(r.as_str())?;
        head.ends_with(' ').then(|| {
            let mut span = t.span;
            span.column += u32::try_from(head.chars().count()).unwrap_or(0);
            Spanned::new(*r, span)
        })
    })
}

/// `body_headings := { body_heading | text }`
pub fn body_headings(doc: &Doc, start: usize, end: usize) -> Vec<StandardRow> {
    headings_in(&tokens(
        doc,
        start..end.min(doc.rows.len()),
        Read::default(),
    ))
}

/// [`body_headings`] reading rows through a cache shared with the count tables.
pub fn body_headings_with(cache: &mut Cache<'_, '_>, start: usize, end: usize) -> Vec<StandardRow> {
    let end = end.min(cache.doc().rows.len());
    cache.with_tokens(start..end, Read::default(), headings_in)
}

fn headings_in(toks: &[Token]) -> Vec<StandardRow> {
    (0..toks.len())
        .filter_map(|i| body_heading(toks, i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::text::normalise;

    fn headings(text: &str) -> Vec<(String, Rating, u32)> {
        let doc = normalise(text);
        body_headings(&doc, 0, doc.rows.len())
            .into_iter()
            .map(|h| {
                let r = h.rating.unwrap_or_else(|| panic!("a rating"));
                (h.id.value, r.value, r.span.line)
            })
            .collect()
    }

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
        assert_eq!(
            headings("2.2. Planning \n\nPlanning is well-informed.\n\nGood \n"),
            vec![("2.2".to_string(), Rating::Good, 5)]
        );
        assert_eq!(
            headings("1.1 Governance and leadership Requires\nimprovement\nThe governance and leadership supports.\n"),
            vec![("1.1".to_string(), Rating::RequiresImprovement, 1)]
        );
        assert_eq!(
            headings("**1.1 Governance and leadership** Requires improvement \n"),
            vec![("1.1".to_string(), Rating::RequiresImprovement, 1)]
        );
    }

    #[test]
    fn sentences_are_not_headings() {
        let doc = normalise(
            "2.1 In this inspection we found it was Good\n1.1 Governance and leadership\t12\n",
        );
        assert!(body_headings(&doc, 0, doc.rows.len()).is_empty());
    }
}
