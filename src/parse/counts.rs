//! The results part in the 2020+ layout: each case-based standard's section in the body
//! prints its key questions with case counts instead of an annex of percentages:
//!
//! ```text
//! Our rating7 for assessment is based on the following key questions:
//! Of the 6 cases inspected:   Relevant
//! cases
//!  Number
//! 'Yes'
//! Does assessment sufficiently analyse how to support the
//! child's desistance?
//! 6 6
//! ```
//!
//! then, after some prose, a prompt-level table per key question, headed by the key
//! question's wording and "Of the 6 cases with factors related to keeping the child safe:".
//! Lines are wrapped, table cells land on lines of their own and footnote numbers are glued
//! to words ("rating7", "safe?12"); none of that may leak into values.

use super::common::{key_question_start, standard_start};
use crate::framework::{Framework, Kind};
use crate::model::{KeyQuestion, Place, ResultsTable, Spanned, StandardRow};
use crate::text::{Doc, Row, Seg};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Outside any count table.
    Idle,
    /// After "Our rating for X is based on the following key questions:".
    ExpectKeyQuestions,
    /// Inside the key-question table.
    KeyQuestions,
    /// Inside a prompt table of key question `usize` (index in the table).
    Prompts(usize),
}

/// `cases_line := "Of the" number ("case" | "cases") text ":"` → the number. The text may
/// wrap, so the colon can be on a following line.
pub fn cases_line(flat: &str) -> Option<u32> {
    let rest = flat.strip_prefix("Of the ")?;
    let (n, rest) = rest.split_once(' ')?;
    let n: u32 = n.parse().ok()?;
    let rest = rest.trim_end();
    // "Of the 5 with factors related to …" (the word "cases" is sometimes missing).
    let head = rest.split(':').next().unwrap_or(rest);
    let prose = head.contains(['.', ',', ';']) || head.split_whitespace().count() > 12;
    (!prose).then_some(n)
}

/// `count_row := [text ws+] number ws+ number [ws+ percent]` → (text before, relevant, yes).
pub fn count_row(row: &Row) -> Option<(String, Spanned<u32>, Spanned<u32>)> {
    let flat = row.flat();
    let t = strip_percent(flat.trim_end());
    let (head, b) = t.rsplit_once(' ')?;
    let head = head.trim_end();
    let (pre, a) = head.rsplit_once(' ').unwrap_or(("", head));
    if a.len() > 4 || b.len() > 4 {
        return None;
    }
    let (an, bn): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let a_at = head.len() - a.len();
    let b_at = t.len() - b.len();
    Some((
        pre.trim().to_string(),
        Spanned::new(an, row.flat_span(a_at)),
        Spanned::new(bn, row.flat_span(b_at)),
    ))
}

/// The row without a trailing "67%" column.
fn strip_percent(t: &str) -> &str {
    match t.rsplit_once(' ') {
        Some((head, last)) if super::common::percent_cell(last).is_some() => head.trim_end(),
        _ => t,
    }
}

/// The "% 'Yes'" printed at the end of a count row, if any.
fn trailing_percent(row: &Row) -> Option<Spanned<f64>> {
    let flat = row.flat();
    let t = flat.trim_end();
    let (_, last) = t.rsplit_once(' ')?;
    let p = super::common::percent_cell(last)?;
    Some(Spanned::new(p, row.flat_span(t.len() - last.len())))
}

/// Column headings of a count table, whole or in pieces.
fn is_column_heading(flat: &str) -> bool {
    let t = flat.trim().trim_matches('\'').to_ascii_lowercase();
    matches!(
        t.as_str(),
        "relevant"
            | "cases"
            | "number"
            | "yes"
            | "relevant cases"
            | "number 'yes"
            | "% 'yes"
            | "relevant cases number 'yes"
    ) || t.starts_with("relevant cases number")
}

/// `section_heading := standard_start name`: a standard's heading in this layout,
/// "2.1. Assessment" alone on its line.
fn section_heading(row: &Row) -> Option<&str> {
    let seg = row.single()?;
    let (rest, id) = standard_start(&seg.text).ok()?;
    if key_question_start(&seg.text).is_ok() {
        return None;
    }
    let name = rest.trim();
    let ok = !name.is_empty()
        && name.split_whitespace().count() <= 6
        && name.starts_with(|c: char| c.is_uppercase())
        && !name.contains(['?', ':', ';']);
    ok.then_some(id)
}

/// Removes footnote numbers glued after a question mark or colon ("safe?12" → "safe?").
fn strip_footnote_digits(s: &str) -> &str {
    let t = s.trim_end();
    let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if head.len() < t.len() && head.ends_with(['?', ':', '.']) {
        head
    } else {
        t
    }
}

/// The question a text block ends with: the text after the last sentence end before the
/// final question mark (so a footnote or prose paragraph before it is left out).
pub fn question_from(block: &[String]) -> String {
    let mut joined = String::new();
    for piece in block {
        let p = strip_footnote_digits(piece.trim());
        if p.is_empty() {
            continue;
        }
        if !joined.is_empty() && !joined.ends_with('-') {
            joined.push(' ');
        }
        joined.push_str(p);
    }
    let end = joined.rfind('?').map_or(joined.len(), |q| q + 1);
    let body = joined.get(..end).unwrap_or(&joined);
    let search = body.get(..body.len().saturating_sub(1)).unwrap_or(body);
    let start = [". ", "? ", ": ", "! "]
        .iter()
        .filter_map(|p| search.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    body.get(start..).unwrap_or(body).trim().to_string()
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `count_tables := { section_heading { our_rating_line cases_line column_heading*
///                    (question count_row)+ | prose | prompt_table } }`
pub fn count_tables(doc: &Doc, fw: &Framework, start: usize, end: usize) -> Vec<ResultsTable> {
    let rows = doc.rows.get(start..end.min(doc.rows.len())).unwrap_or(&[]);
    let mut tables: Vec<ResultsTable> = Vec::new();
    let mut cur: Option<usize> = None;
    let mut mode = Mode::Idle;
    let mut block: Vec<String> = Vec::new();
    let mut block_seg: Option<Seg> = None;
    let mut letters: Vec<u8> = Vec::new();
    let mut next_prompt_kq = 0usize;
    let mut heading_tail: Option<u8> = None;
    let mut rows_in_table = 0usize;
    let mut open_text: Option<(usize, usize)> = None;

    for row in rows {
        if row.is_blank() {
            continue;
        }
        let flat = row.flat();
        if let Some(id) = section_heading(row) {
            cur = None;
            mode = Mode::Idle;
            block.clear();
            if fw.standard(id).is_some_and(|s| s.kind == Kind::Case) {
                tables.push(ResultsTable {
                    row: StandardRow {
                        id: Spanned::new(id.to_string(), row.span()),
                        name: None,
                        rating: None,
                        place: Place::Body,
                    },
                    key_questions: Vec::new(),
                    cases_inspected: None,
                });
                cur = Some(tables.len() - 1);
                letters.clear();
                next_prompt_kq = 0;
            }
            continue;
        }
        let Some(t) = cur else { continue };
        if flat.starts_with("Our rating") && flat.contains("key question") {
            mode = Mode::ExpectKeyQuestions;
            block.clear();
            continue;
        }
        if let Some(rest) = heading_tail.take() {
            // The wrapped end of an "Of the N cases with …" line.
            if rest > 0 && !flat.trim_end().ends_with(':') {
                heading_tail = Some(rest - 1);
            }
            if flat.len() < 80 && !flat.contains('?') {
                continue;
            }
        }
        if let Some(n) = cases_line(&flat) {
            if !flat.contains(':') {
                heading_tail = Some(1);
            }
            rows_in_table = 0;
            match mode {
                Mode::ExpectKeyQuestions => {
                    mode = Mode::KeyQuestions;
                    if let Some(table) = tables.get_mut(t) {
                        table
                            .cases_inspected
                            .get_or_insert(Spanned::new(n, row.span()));
                    }
                }
                Mode::KeyQuestions | Mode::Prompts(_) => {
                    let (k, m) = prompt_table_for(&tables, t, &block, next_prompt_kq);
                    next_prompt_kq = k + 1;
                    mode = m;
                }
                Mode::Idle => {}
            }
            block.clear();
            continue;
        }
        if is_column_heading(&flat) {
            // A new table whose "Of the N cases" line is missing: its headings follow rows.
            let fresh = flat.trim().to_ascii_lowercase().starts_with("relevant");
            if fresh && rows_in_table > 0 && matches!(mode, Mode::KeyQuestions | Mode::Prompts(_)) {
                let (k, m) = prompt_table_for(&tables, t, &block, next_prompt_kq);
                next_prompt_kq = k + 1;
                mode = m;
                rows_in_table = 0;
                block.clear();
            }
            continue;
        }
        if matches!(mode, Mode::KeyQuestions | Mode::Prompts(_)) {
            if let Some((pre, relevant, yes)) = count_row(row) {
                if !pre.is_empty() {
                    block.push(pre);
                }
                rows_in_table += 1;
                let text = question_from(&block);
                let at = block_seg.take().unwrap_or_else(|| {
                    row.cells
                        .first()
                        .and_then(|c| c.first())
                        .cloned()
                        .unwrap_or_default()
                });
                block.clear();
                let Some(table) = tables.get_mut(t) else {
                    continue;
                };
                let sid = table.row.id.value.clone();
                let own: Vec<usize> = table
                    .key_questions
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| !k.is_prompt())
                    .map(|(i, _)| i)
                    .collect();
                let (id, prompt) = match mode {
                    Mode::KeyQuestions => (format!("{sid}.{}", own.len() + 1), None),
                    Mode::Prompts(k) => {
                        let kq_id = own
                            .get(k)
                            .and_then(|i| table.key_questions.get(*i))
                            .map_or_else(|| format!("{sid}.{}", k + 1), |q| q.id.value.clone());
                        if letters.len() <= k {
                            letters.resize(k + 1, 0);
                        }
                        let n = letters.get(k).copied().unwrap_or(0);
                        if let Some(l) = letters.get_mut(k) {
                            *l = n.saturating_add(1);
                        }
                        let letter = char::from(b'a'.saturating_add(n.min(25)));
                        (kq_id.clone(), Some(format!("{kq_id}.{letter}")))
                    }
                    _ => continue,
                };
                open_text = (!text.ends_with('?')).then_some((t, table.key_questions.len()));
                table.key_questions.push(KeyQuestion {
                    id: Spanned::new(id, at.span()),
                    prompt,
                    text,
                    printed_percent: trailing_percent(row),
                    relevant: Some(relevant),
                    yes: Some(yes),
                });
                continue;
            }
        } // A question cut by a page break: its end comes after the counts and the page's
          // footnotes, starting in lower case ("services following … work?").
        if let Some((ti, ki)) = open_text {
            let footnote = flat
                .split_once(' ')
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
            if !footnote {
                if flat.starts_with(|c: char| c.is_lowercase()) {
                    if let Some(kq) = tables
                        .get_mut(ti)
                        .and_then(|tb| tb.key_questions.get_mut(ki))
                    {
                        kq.text.push(' ');
                        kq.text.push_str(strip_footnote_digits(flat.trim()));
                        if kq.text.ends_with('?') {
                            open_text = None;
                        }
                    }
                } else {
                    open_text = None;
                }
            }
        }
        if block_seg.is_none() {
            block_seg = row.cells.first().and_then(|c| c.first()).cloned();
        }
        // Keep the block bounded: only the text since the last sentence matters.
        if block.len() > 40 {
            block.drain(..20);
        }
        block.push(flat.into_owned());
        if flat_ends_sentence(block.last()) {
            block_seg = None;
        }
    }
    tables
}

/// Which key question a prompt table belongs to: the one whose wording the text before
/// the table restates, else the next one in order.
fn prompt_table_for(
    tables: &[ResultsTable],
    t: usize,
    block: &[String],
    next: usize,
) -> (usize, Mode) {
    let q = norm(&question_from(block));
    let found = tables.get(t).and_then(|tb| {
        tb.key_questions
            .iter()
            .filter(|k| !k.is_prompt())
            .map(|k| norm(&k.text))
            .position(|x| !q.is_empty() && (x == q || x.contains(&q) || q.contains(x.as_str())))
    });
    let k = found.unwrap_or(next);
    (k, Mode::Prompts(k))
}

/// After a full stop the next line starts a new block: its first row is where a question
/// would begin.
fn flat_ends_sentence(last: Option<&String>) -> bool {
    last.is_some_and(|s| s.trim_end().ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn pieces() {
        assert_eq!(cases_line("Of the 6 cases inspected: Relevant"), Some(6));
        assert_eq!(
            cases_line("Of the 1 case with youth conditional cautions:"),
            Some(1)
        );
        assert_eq!(cases_line("Of the cases inspected, most"), None);
        let r = crate::text::normalise_line(3, "6 4 ");
        let (pre, a, b) = count_row(&r).unwrap();
        assert_eq!((pre.as_str(), a.value, b.value), ("", 6, 4));
        assert_eq!(b.span.column, 3);
        assert_eq!(
            question_from(&[
                "placed in a rating band. See Annexe 1 for a more detailed explanation.".into(),
                " Does assessment give attention to the".into(),
                "victim?12".into()
            ]),
            "Does assessment give attention to the victim?"
        );
        assert_eq!(strip_footnote_digits("inspected:15"), "inspected:");
    }

    #[test]
    fn a_section() {
        let text = "2.3. Implementation and delivery \n\nHigh-quality services are delivered. \n\nRequires \nimprovement \n\nOur rating11 for implementation and delivery is based on the following key questions: \n\nOf the 5 cases inspected: \nRelevant \n\ncases \nNumber \n\n\u{2018}Yes\u{2019} \n\nDoes the implementation support the child\u{2019}s desistance? \n\n5 5 \n\nDoes the implementation support the safety \nof the child?12 \n\n5 3 \n\nSome prose follows. \n Does the implementation support the child\u{2019}s \ndesistance? \n\nOf the 5 cases inspected: \nRelevant \n\nIs the work sequenced? \n\n5 4 \n\nIs it timely?\n\n3 2 \n";
        let doc = normalise(text);
        let fw = Framework::by_id("youth-2018").unwrap();
        let t = count_tables(&doc, fw, 0, doc.rows.len());
        assert_eq!(t.len(), 1);
        let k: Vec<_> = t[0]
            .key_questions
            .iter()
            .map(|k| {
                (
                    k.id.value.as_str(),
                    k.prompt.as_deref(),
                    k.text.as_str(),
                    k.relevant.as_ref().unwrap().value,
                    k.yes.as_ref().unwrap().value,
                )
            })
            .collect();
        assert_eq!(
            k,
            vec![
                (
                    "2.3.1",
                    None,
                    "Does the implementation support the child's desistance?",
                    5,
                    5
                ),
                (
                    "2.3.2",
                    None,
                    "Does the implementation support the safety of the child?",
                    5,
                    3
                ),
                ("2.3.1", Some("2.3.1.a"), "Is the work sequenced?", 5, 4),
                ("2.3.1", Some("2.3.1.b"), "Is it timely?", 3, 2),
            ]
        );
        assert_eq!(t[0].cases_inspected.as_ref().unwrap().value, 5);
    }
}
