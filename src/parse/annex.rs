//! The inspection results annex (Annex 2 in 2018-19 reports): per standard its rating and
//! each key question's id, wording and "% yes".
//!
//! Row shapes accepted (all seen in real reports):
//! - `2.1.1. Does assessment …?⇥84%`
//! - `2.1. Assessment⇥Good` and `2.1. Assessment Assessment is well-informed, …⇥Good`
//! - `<p>2.2. Planning</p> <p>Planning is …</p>⇥<p>Requires improvement</p>`
//! - domain one: `<p>1.1. Governance …</p> <p>…</p> <p>1.1.1. Is there …?</p>⇥Good`, and
//!   key questions as bullets `- 1.3.3. Are arrangements …?`
//! - a standard row whose rating sits alone on a later line (`1.4. Information and
//!   facilities` … `Requires improvement`), or a key question whose "%" does.

use super::common::{key_question_start, percent_cell, rating_cell, standard_start};
use super::sections::Sections;
use crate::framework::Framework;
use crate::model::{KeyQuestion, Place, ResultsTable, Spanned, StandardRow};
use crate::text::{Doc, Seg};

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

/// `results_tables := annex_heading(results) { results_row }`
pub fn results_tables(doc: &Doc, secs: &Sections, fw: &Framework) -> Vec<ResultsTable> {
    let Some(start) = secs.annex_results else {
        return Vec::new();
    };
    let end = secs.annex_results_end.unwrap_or(doc.rows.len());
    let rows = doc.rows.get(start + 1..end).unwrap_or(&[]);
    let mut tables: Vec<ResultsTable> = Vec::new();
    // A standard row still waiting for its rating, or a key question for its "%".
    let mut want_rating: Option<usize> = None;
    let mut want_percent: Option<(usize, usize)> = None;
    let mut want_text: Option<(usize, usize)> = None;

    for row in rows {
        let Some(first_cell) = row.cells.first() else {
            continue;
        };
        let Some(first) = first_cell.paras.first() else {
            continue;
        };
        let last_cell = row.cells.last().filter(|_| row.cells.len() >= 2);

        if let Ok((rest, id)) = standard_start(&first.text) {
            let more_paras = first_cell.paras.len() > 1;
            // One long cell may hold the title, the description and the key questions.
            let (head, inline_kqs) = if more_paras {
                (rest, Vec::new())
            } else {
                inline_key_questions(rest, id)
            };
            let name = if more_paras {
                rest.trim()
            } else {
                split_name(head, fw)
            };
            let rating =
                last_cell.and_then(|c| rating_cell(&c.text()).map(|r| Spanned::new(r, c.span())));
            let t = table_for(&mut tables, id, first);
            if let Some(table) = tables.get_mut(t) {
                table.row.name =
                    (!name.is_empty()).then(|| Spanned::new(name.to_string(), first.span_of(name)));
                table.row.id.span = first.span();
                want_rating = if rating.is_none() { Some(t) } else { None };
                table.row.rating = rating;
            }
            // Domain one: the key questions are further paragraphs of the same cell, or
            // run on in the one cell.
            for para in first_cell.paras.iter().skip(1) {
                if let Ok((text, kq)) = key_question_start(&para.text) {
                    push_kq(&mut tables, kq, text, para, None);
                }
            }
            for (kq, text) in inline_kqs {
                let at = first.tail(first.text.len() - text.len() - kq.len() - 2);
                push_kq(&mut tables, kq, text, &at, None);
            }
            want_percent = None;
            want_text = None;
            continue;
        }

        if let Ok((rest, kq)) = key_question_start(&first.text) {
            let mut text = rest.trim().to_string();
            for para in first_cell.paras.iter().skip(1) {
                text.push(' ');
                text.push_str(&para.text);
            }
            let pct =
                last_cell.and_then(|c| percent_cell(&c.text()).map(|p| Spanned::new(p, c.span())));
            let has_pct = pct.is_some();
            let ends = text.trim_end().ends_with('?');
            let at = push_kq(&mut tables, kq, &text, first, pct);
            want_percent = if has_pct || row.bullet { None } else { at };
            want_text = if ends { None } else { at };
            continue;
        }

        let flat = row.flat();
        // A wrapped key question: its text goes on in a row of its own.
        if let Some((t, k)) = want_text {
            if row.cells.len() == 1 && rating_cell(&flat).is_none() && percent_cell(&flat).is_none()
            {
                if let Some(kq) = tables.get_mut(t).and_then(|t| t.key_questions.get_mut(k)) {
                    // A hard hyphen at a line end joins without a space ("high-" "quality").
                    if !kq.text.ends_with('-') {
                        kq.text.push(' ');
                    }
                    kq.text.push_str(flat.trim());
                    if kq.text.ends_with('?') {
                        want_text = None;
                    }
                }
                continue;
            }
            want_text = None;
        }
        if let Some(t) = want_rating {
            if let Some(r) = rating_cell(&flat) {
                if let Some(table) = tables.get_mut(t) {
                    table.row.rating = Some(Spanned::new(r, row.span()));
                }
                want_rating = None;
                continue;
            }
        }
        if let Some((t, k)) = want_percent {
            if let Some(p) = percent_cell(&flat) {
                if let Some(kq) = tables.get_mut(t).and_then(|t| t.key_questions.get_mut(k)) {
                    kq.printed_percent = Some(Spanned::new(p, row.span()));
                }
                want_percent = None;
                continue;
            }
        }
    }
    tables
}

/// Splits "Governance … people. 1.1.1. Is there …? 1.1.2. Do …?" into the text before the
/// first key question of standard `id` and each key question's (id, text).
fn inline_key_questions<'a>(rest: &'a str, id: &str) -> (&'a str, Vec<(&'a str, &'a str)>) {
    let mut starts: Vec<(usize, &'a str, usize)> = Vec::new();
    let bytes = rest.as_bytes();
    for (i, _) in rest.match_indices(id) {
        let before_ok = i == 0 || bytes.get(i - 1) == Some(&b' ');
        if !before_ok {
            continue;
        }
        let Some(tail) = rest.get(i..) else { continue };
        if let Ok((after, kq)) = key_question_start(tail) {
            if kq.len() > id.len() {
                starts.push((i, kq, rest.len() - after.len()));
            }
        }
    }
    let Some(&(first, _, _)) = starts.first() else {
        return (rest, Vec::new());
    };
    let mut out = Vec::new();
    for (n, &(_, kq, text_start)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(rest.len(), |s| s.0);
        if let Some(text) = rest.get(text_start..end) {
            out.push((kq, text.trim_end()));
        }
    }
    (rest.get(..first).unwrap_or(rest), out)
}

/// Index of the table for standard `id`, created if the annex has none yet.
fn table_for(tables: &mut Vec<ResultsTable>, id: &str, at: &Seg) -> usize {
    if let Some(i) = tables.iter().position(|t| t.row.id.value == id) {
        // A second row for the same standard is kept apart so duplicates can be reported.
        if tables
            .get(i)
            .is_some_and(|t| t.row.rating.is_some() || t.row.name.is_some())
        {
            tables.push(new_table(id, at));
            return tables.len() - 1;
        }
        return i;
    }
    tables.push(new_table(id, at));
    tables.len() - 1
}

fn new_table(id: &str, at: &Seg) -> ResultsTable {
    ResultsTable {
        row: StandardRow {
            id: Spanned::new(id.to_string(), at.span()),
            name: None,
            rating: None,
            place: Place::Annex,
        },
        key_questions: Vec::new(),
        cases_inspected: None,
    }
}

fn push_kq(
    tables: &mut Vec<ResultsTable>,
    kq: &str,
    text: &str,
    at: &Seg,
    pct: Option<Spanned<f64>>,
) -> Option<(usize, usize)> {
    let standard = kq.rsplit_once('.').map_or(kq, |(s, _)| s);
    let t = match tables.iter().rposition(|t| t.row.id.value == standard) {
        Some(t) => t,
        None => {
            tables.push(new_table(standard, at));
            tables.len() - 1
        }
    };
    let table = tables.get_mut(t)?;
    table.key_questions.push(KeyQuestion {
        id: Spanned::new(kq.to_string(), at.span()),
        prompt: None,
        text: text.trim().to_string(),
        printed_percent: pct,
        relevant: None,
        yes: None,
    });
    Some((t, table.key_questions.len() - 1))
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
        let doc = normalise(text);
        let t = results_tables(&doc, &locate(&doc), fw());
        assert_eq!(t.len(), 3, "{t:#?}");
        assert_eq!(t[0].key_questions.len(), 2);
        assert_eq!(
            t[1].row.rating.as_ref().unwrap().value,
            Rating::RequiresImprovement
        );
        assert_eq!(t[1].row.rating.as_ref().unwrap().span.line, 6);
        assert_eq!(t[2].row.name.as_ref().unwrap().value, "Assessment");
        let pcts: Vec<_> = t[2]
            .key_questions
            .iter()
            .map(|k| k.printed_percent.as_ref().map(|p| p.value))
            .collect();
        assert_eq!(pcts, vec![Some(84.0), Some(74.0), Some(84.0)]);
    }
}
