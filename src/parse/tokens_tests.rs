//! Unit tests of `parse::tokens`.

use super::*;
use crate::text::normalise;

fn kinds<'d>(doc: &'d Doc<'_>, read: Read) -> Vec<(Kind<'d>, String)> {
    tokens(doc, 0..doc.rows.len(), read)
        .into_iter()
        .map(|t| (t.kind, t.text.into_owned()))
        .collect()
}

#[test]
fn cells_split_by_content() {
    use Kind::*;
    let doc = normalise(
        "1.1 Governance and leadership Requires improvement\n2.1.1. Does it support the child or 84%\nyoung person's desistance?\nR equires impr ovement\n",
    );
    let got = kinds(&doc, Read::default());
    assert_eq!(
        got,
        vec![
            (Standard("1.1"), "Governance and leadership".into()),
            (
                Rating(crate::model::Rating::RequiresImprovement),
                "Requires improvement".into()
            ),
            (KeyQuestion("2.1.1"), "Does it support the child or".into()),
            (Percent(84.0), "84%".into()),
            (Text, "young person's desistance?".into()),
            (
                Rating(crate::model::Rating::RequiresImprovement),
                "R equires impr ovement".into()
            ),
        ]
    );
}

#[test]
fn counts_only_where_asked() {
    use Kind::*;
    let text = "Does assessment support the 6 6\nchild's desistance?\n6\n4\nWe examined 50\n";
    let doc = normalise(text);
    let got = kinds(&doc, Read { counts: true });
    assert_eq!(got[0], (Text, "Does assessment support the".into()));
    assert_eq!((got[1].0.clone(), got[2].0.clone()), (Number(6), Number(6)));
    assert_eq!((got[4].0.clone(), got[5].0.clone()), (Number(6), Number(4)));
    assert_eq!(got[6], (Text, "We examined 50".into()));
    let got = kinds(&doc, Read::default());
    assert_eq!(got[0], (Text, "Does assessment support the 6 6".into()));
}

#[test]
fn a_rating_split_over_rows_and_glued_to_prose() {
    use Kind::*;
    let text = "2.2. Planning Requires\nPlanning is well-informed, actively involving improvement\n\n1.1. Governance Requires\nThe governance promotes the improveme\nInspection footer\nfor all children nt\n";
    let doc = normalise(text);
    let got = kinds(&doc, Read::default());
    assert_eq!(got[1].0, Rating(crate::model::Rating::RequiresImprovement));
    assert_eq!(
        got[2],
        (Text, "Planning is well-informed, actively involving".into())
    );
    assert_eq!(got[4].0, Rating(crate::model::Rating::RequiresImprovement));
    assert_eq!(got[5], (Text, "The governance promotes the".into()));
    assert_eq!(got[7], (Text, "for all children".into()));
    assert_eq!(loose_rating("**Good**."), Some(crate::model::Rating::Good));
    assert_eq!(
        loose_rating("Outstanding \u{2606}"),
        Some(crate::model::Rating::Outstanding)
    );
    assert_eq!(loose_rating("Good work"), None);
    assert_eq!(
        loose_rating("Re quires impro vement"),
        Some(crate::model::Rating::RequiresImprovement)
    );
}

#[test]
fn a_token_is_72_bytes() {
    assert!(std::mem::size_of::<Token<'_>>() <= 72);
}

/// The shortcut for prose gives the general path's tokens on every row of every
/// fixture text, in both modes, and takes most rows of a wrapped body.
#[test]
fn a_prose_row_gives_the_general_tokens() {
    let (mut taken, mut rows) = (0usize, 0usize);
    for (path, text) in crate::fixtures::texts() {
        let doc = normalise(&text);
        for (i, row) in doc.rows.iter().enumerate() {
            rows += 1;
            taken += usize::from(prose_token(row, i, &mut Vec::new()));
            for read in [Read::default(), Read { counts: true }] {
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                row_tokens(row, i, read, &mut fast);
                row_tokens_general(row, i, read, &mut general);
                assert_eq!(fast, general, "{path:?} row {i}");
            }
        }
    }
    assert!(rows > 50_000 && taken * 4 > rows, "{taken} of {rows}");
    assert!(prose_line("We inspected the work of the service in depth."));
    assert!(!prose_line("Governance and leadership"));
    assert!(!prose_line("In 84 per cent of cases the work was good."));
    assert!(!prose_line("R e q u i r e s   i m p r o v e m e n t."));
    assert_eq!(
        numbers("6  12 2019").map(|n| n.map(|w| w.map(|(n, _)| n))),
        Some([Some(6), Some(12), Some(2019)])
    );
    assert!(numbers("6 6 6 6").is_none() && numbers("6 6%").is_none() && numbers("").is_none());
    assert!(numbers("12345").is_none() && numbers("6 six").is_none());
    assert!(prose_line(
        "Caf\u{e9} staff know the children and their families well."
    ));
    assert!(!prose_line(
        "Caf\u{e9} staff know the children and their families well"
    ));
    assert!(prose_line(
        "Staff know the children and their families well in the area"
    ));
}

#[test]
fn prose_is_one_token_but_a_long_name_still_loses_its_rating() {
    use Kind::*;
    let line = "Staff know the children well and work hard to keep them safe and well";
    let text =
        format!("  {line}  \nGovernance and leadership arrangements everywhere Outstanding\n");
    let doc = normalise(&text);
    let got = kinds(&doc, Read { counts: true });
    assert_eq!(
        got,
        vec![
            (Text, line.to_string()),
            (
                Text,
                "Governance and leadership arrangements everywhere".into()
            ),
            (
                Rating(crate::model::Rating::Outstanding),
                "Outstanding".into()
            ),
        ]
    );
    let toks = tokens(&doc, 0..doc.rows.len(), Read::default());
    assert!(
        matches!(toks[0].text, Cow::Borrowed(_)),
        "prose borrows the document"
    );
    assert_eq!(toks[0].span.column, 3);
}
