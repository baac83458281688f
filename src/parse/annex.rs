//! The inspection results annex (Annex 2 in 2018-19 reports): per standard its rating and
//! each key question's id, wording and "% yes".
//!
//! Read as tokens ([`super::tokens`]), so every shape gives the same tables: a row per line
//! (`2.1.1. Does assessment …?⇥84%`), `<p>` cells holding a standard with its description
//! and key questions, the percentage on the line after a wrapped question or in the middle
//! of it, one cell per line, Markdown and grid tables, and column blocks (every question
//! of a table first, then its rating and percentages). Entries and values are paired by
//! [`super::align`]; a table whose values cannot be paired is a reading issue.

use super::align::{pair, Placed};
use super::sections::Sections;
use super::tokens::{tokens, Kind, Read, Token};
use crate::framework::{Framework, Kind as StandardKind};
use crate::model::{KeyQuestion, Part, Place, ReadIssue, ResultsTable, Spanned, StandardRow};
use crate::text::Doc;

/// The standard name at the start of an annex cell, which may run on into the standard's
/// description ("Assessment Assessment is well-informed, …"). Known names (of any
/// standard in the framework, so a wrong name is still read as written) are preferred.
pub fn split_name<'a>(rest: &'a str, fw: &Framework) -> &'a str {
    let rest = rest.trim();
    let mut names: Vec<&str> = fw
        .standards
        .iter()
        .flat_map(|s| std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str)))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        if let Some(head) = rest.get(..n.len()) {
            let next = rest.get(n.len()..).and_then(|t| t.chars().next());
            if head.eq_ignore_ascii_case(n) && next.is_none_or(|c| c == ' ') {
                return head;
            }
        }
    }
    // Unknown name: up to the first sentence break, at most six words.
    let mut end = rest.len();
    for (count, (i, _)) in rest.match_indices(' ').enumerate() {
        if count + 1 >= 6 {
            end = i;
            break;
        }
    }
    let head = rest.get(..end).unwrap_or(rest);
    head.split(['.', ',', ';']).next().unwrap_or(head).trim()
}

/// A standard or key question of the annex, with its text so far.
struct Entry<'t> {
    token: &'t Token<'t>,
    text: String,
    /// Text still runs on into the next rows (a question not yet ended by "?").
    open: bool,
}

impl Entry<'_> {
    fn id(&self) -> &str {
        match &self.token.kind {
            Kind::Standard(id) | Kind::KeyQuestion(id) => id,
            _ => "",
        }
    }

    fn is_standard(&self) -> bool {
        matches!(self.token.kind, Kind::Standard(_))
    }
}

/// The annex's results tables and what could not be read of them.
pub struct AnnexOut {
    pub tables: Vec<ResultsTable>,
    pub issues: Vec<ReadIssue>,
}

/// `results_tables := annex_heading(results) { standard_entry | key_question_entry | rating | percent | text }`
pub fn results_tables(doc: &Doc, secs: &Sections, fw: &Framework) -> AnnexOut {
    let mut out = AnnexOut {
        tables: Vec::new(),
        issues: Vec::new(),
    };
    let Some(start) = secs.annex_results else {
        return out;
    };
    let end = secs.annex_results_end.unwrap_or(doc.rows.len());
    let toks = tokens(doc, start + 1..end, Read::default());
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut ratings: Vec<(Placed, &Token)> = Vec::new();
    let mut percents: Vec<(Placed, &Token)> = Vec::new();
    for t in &toks {
        let after = Placed {
            after_entry: entries.len().checked_sub(1),
        };
        match &t.kind {
            Kind::Standard(_) | Kind::KeyQuestion(_) => entries.push(Entry {
                token: t,
                text: t.text.to_string(),
                open: !t.text.trim_end().ends_with('?'),
            }),
            Kind::Rating(_) if after.after_entry.is_some() => ratings.push((after, t)),
            Kind::Percent(_) if after.after_entry.is_some() => percents.push((after, t)),
            Kind::Text => {
                if let Some(e) = entries.last_mut().filter(|e| e.open) {
                    if !e.text.ends_with('-') {
                        e.text.push(' ');
                    }
                    e.text.push_str(&t.text);
                    e.open = !e.is_standard() && !t.text.trim_end().ends_with('?');
                }
            }
            _ => {}
        }
    }
    // "Requires" left over: a rating whose second word this text put out of reach.
    let dangling = toks
        .iter()
        .filter(|t| t.is_text() && (t.text == "Requires" || t.text.starts_with("Requires ")))
        .count();
    if dangling > 0 {
        out.issues.push(ReadIssue {
            part: Part::Results,
            span: toks.iter().find(|t| t.is_text() && t.text.starts_with("Requires")).map(|t| t.span).unwrap_or_default(),
            message: format!(
                "{dangling} rating(s) of the results annex could not be read: 'Requires' stands apart from 'improvement' in this text"
            ),
            standard: None,
        });
    }
    let placed = |v: &[(Placed, &Token)]| v.iter().map(|(p, _)| *p).collect::<Vec<_>>();
    let by_rating = pair(entries.len(), &placed(&ratings), |e| {
        entries.get(e).is_some_and(Entry::is_standard)
    });
    let takes_percent = |e: usize| {
        entries.get(e).is_some_and(|en| {
            !en.is_standard()
                && fw
                    .standard(owner(en.id()))
                    .is_some_and(|s| s.kind == StandardKind::Case)
        })
    };
    let by_percent = pair(entries.len(), &placed(&percents), takes_percent);
    let first = entries.first().map(|e| e.token.span).unwrap_or_default();
    for (p, what) in [(&by_rating, "ratings"), (&by_percent, "percentages")] {
        if let Some((n, v)) = p.unpaired {
            out.issues.push(ReadIssue {
                part: Part::Results,
                span: first,
                message: format!(
                    "the results annex could not be read as tables: {n} rows wait for {what} and {v} {what} are left, in an order that cannot be paired"
                ),
                standard: None,
            });
        }
    }
    for (e, entry) in entries.iter().enumerate() {
        if entry.is_standard() {
            let rating = paired(&by_rating, &ratings, e)
                .and_then(|t| t.rating().map(|r| Spanned::new(r, t.span)));
            add_standard(&mut out.tables, entry, rating, fw);
        } else {
            let pct = paired(&by_percent, &percents, e).and_then(|t| match t.kind {
                Kind::Percent(p) => Some(Spanned::new(p, t.span)),
                _ => None,
            });
            add_key_question(&mut out.tables, entry, pct);
        }
    }
    out
}

/// The value paired with entry `e`.
fn paired<'t>(
    p: &super::align::Pairing,
    list: &[(Placed, &'t Token<'t>)],
    e: usize,
) -> Option<&'t Token<'t>> {
    p.value_of
        .get(e)
        .copied()
        .flatten()
        .and_then(|v| list.get(v))
        .map(|(_, t)| *t)
}

/// The standard a key question belongs to: "2.1.3" → "2.1".
fn owner(kq: &str) -> &str {
    kq.rsplit_once('.').map_or(kq, |(s, _)| s)
}

fn new_table(id: &str, at: crate::model::Span) -> ResultsTable {
    ResultsTable {
        row: StandardRow {
            id: Spanned::new(id.to_string(), at),
            name: None,
            rating: None,
            place: Place::Annex,
        },
        key_questions: Vec::new(),
        cases_inspected: None,
    }
}

fn add_standard(
    tables: &mut Vec<ResultsTable>,
    e: &Entry<'_>,
    rating: Option<Spanned<crate::model::Rating>>,
    fw: &Framework,
) {
    let id = e.id();
    // A table opened by its key questions (no row of its own yet) takes the row; a
    // second row for the same standard is kept apart so duplicates can be reported.
    let t = match tables.iter().position(|t| t.row.id.value == id) {
        Some(i)
            if tables
                .get(i)
                .is_some_and(|t| t.row.rating.is_none() && t.row.name.is_none()) =>
        {
            i
        }
        _ => {
            tables.push(new_table(id, e.token.span));
            tables.len() - 1
        }
    };
    if let Some(table) = tables.get_mut(t) {
        let name = split_name(&e.text, fw);
        table.row.id.span = e.token.span;
        table.row.name =
            (!name.is_empty()).then(|| Spanned::new(name.to_string(), e.token.text_span));
        table.row.rating = rating;
    }
}

fn add_key_question(tables: &mut Vec<ResultsTable>, e: &Entry<'_>, pct: Option<Spanned<f64>>) {
    let id = e.id();
    let standard = owner(id);
    let t = match tables.iter().rposition(|t| t.row.id.value == standard) {
        Some(t) => t,
        None => {
            tables.push(new_table(standard, e.token.span));
            tables.len() - 1
        }
    };
    if let Some(table) = tables.get_mut(t) {
        table.key_questions.push(KeyQuestion {
            id: Spanned::new(id.to_string(), e.token.span),
            prompt: None,
            text: e.text.trim().to_string(),
            printed_percent: pct,
            relevant: None,
            yes: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::parse::sections::locate;
    use crate::text::normalise;

    fn fw() -> &'static Framework {
        Framework::by_id("youth-2018").unwrap()
    }

    #[test]
    fn names_run_into_descriptions() {
        assert_eq!(
            split_name("Assessment Assessment is well-informed, analytical", fw()),
            "Assessment"
        );
        assert_eq!(
            split_name(
                "Implementation and delivery High-quality, well-focused",
                fw()
            ),
            "Implementation and delivery"
        );
        assert_eq!(split_name("Reviewing", fw()), "Reviewing");
        assert_eq!(split_name("Custody work. Custody is", fw()), "Custody work");
    }

    fn read(text: &str) -> Vec<(String, Option<Rating>, Vec<Option<f64>>)> {
        let doc = normalise(text);
        let out = results_tables(&doc, &locate(&doc), fw());
        assert!(out.issues.is_empty(), "{:?}", out.issues);
        out.tables
            .iter()
            .map(|t| {
                (
                    t.row.id.value.clone(),
                    t.row.rating.as_ref().map(|r| r.value),
                    t.key_questions
                        .iter()
                        .map(|k| k.printed_percent.as_ref().map(|p| p.value))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn shapes() {
        let text = "Annex 2 - Inspection results\n\
<p>1.1. Governance and leadership</p> <p>The governance.</p> <p>1.1.1. Is there a vision?</p>\tGood\n\
- 1.1.2. Do arrangements support delivery?\n\
1.4. Information and facilities\n\nRequires improvement\n\n\
2.1. Assessment Assessment is well-informed.\tGood\n\
2.1.1. Does assessment analyse desistance?\t84%\n\
<p>2.1.2. Does assessment keep the child safe?</p>\t<p>74%</p>\n\
2.1.3. Does assessment keep others safe?\n84%\n\
Annex 3 - Glossary\n2.2. Planning\tGood\n";
        let got = read(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].2.len(), 2);
        assert_eq!(got[1].1, Some(Rating::RequiresImprovement));
        assert_eq!(got[2].2, vec![Some(84.0), Some(74.0), Some(84.0)]);
        let doc = normalise(text);
        let t = results_tables(&doc, &locate(&doc), fw()).tables;
        assert_eq!(t[1].row.rating.as_ref().unwrap().span.line, 6);
        assert_eq!(t[2].row.name.as_ref().unwrap().value, "Assessment");
    }

    #[test]
    fn column_blocks_and_values_inside_wrapped_questions() {
        let want = vec![(
            "2.1".to_string(),
            Some(Rating::Good),
            vec![Some(84.0), Some(74.0), Some(61.0)],
        )];
        // Every question first, then the values (pdftotext's reading order).
        let blocks = "Annex 2 - Inspection results\n2.1. Assessment\nAssessment is well-informed.\n2.1.1. Does it support the child or\nyoung person's desistance?\n2.1.2. Does it keep the child safe?\n2.1.3. Does it keep others safe?\nRating and % yes\nGood\n84%\n74%\n61%\n";
        assert_eq!(read(blocks), want);
        // The value on the first line of a wrapped question (pdfplumber).
        let inside = "Annex 2 - Inspection results\n2.1. Assessment Good\n2.1.1. Does it support the child or 84%\nyoung person's desistance?\n2.1.2. Does it keep the child safe? 74%\n2.1.3. Does it keep\nothers safe?\n61%\n";
        assert_eq!(read(inside), want);
    }
}
