//! `incomplete-read`: a place the framework expects in a report was not read from this
//! text, or not read whole, so the checks that rest on it did not run there.

use super::{Ctx, Rule};
use crate::coverage::PartCoverage;
use crate::diagnostic::{Finding, Severity};
use crate::framework::Kind;
use crate::model::{Part, Span};

pub const RULE: Rule = Rule {
    id: "incomplete-read",
    severity: Severity::Warning,
    summary: "part of the report was not read from this text, so the checks on it did not run",
    doc: "A clean result must mean that the report is consistent, never that part of it was \
not read. Every report of a framework has the same places: the ratings summary (the overall \
rating, a score from 2020, one row per standard), the standards' section headings with their \
ratings, the results (the annex of percentages in 2018-19 reports, the count tables in each \
standard's section from 2020), the recommendations and the sample sizes. This rule says, as a \
warning, which place was not found in the text or could not be read whole (a table whose \
entries and values could not be paired, a PDF page that could not be read, recommendations \
whose numbers the conversion to text lost), and which checks therefore did not run there. It \
is about the text, never the report: a defect of the report is the other rules' finding.",
    check,
};

/// The rules that compare or check each place.
fn rules_of(part: Part) -> &'static str {
    match part {
        Part::Summary => "rating-mismatch, standard-name, missing-standard, score-band and stated-score",
        Part::Body => "rating-mismatch, standard-name and missing-standard",
        Part::Results => {
            "band-rule, percent-range, count-range, percent-vs-counts, rating-mismatch and missing-standard"
        }
        Part::Recommendations => "recommendation-count and recommendation-numbering",
        Part::Samples => "sample-size and the sample-size condition of band-rule's discretion",
        Part::Methodology => "methodology-text",
        Part::Document => "every rule",
    }
}

fn list(ids: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for issue in ctx.issues {
        let mut f =
            Finding::new(RULE.id, RULE.severity, issue.span, issue.message.clone()).help(format!(
                "{} did not run on what was not read; check the {} in the original document",
                rules_of(issue.part),
                issue.part.describe()
            ));
        f.standard = issue.standard.clone();
        out.push(f);
    }
    for c in &ctx.coverage {
        out.extend(gap(c));
    }
    out.extend(valueless(ctx));
    out
}

/// Key questions whose row was read without its percentage or counts: the question is
/// there, its value is not (a cell the conversion to text dropped, or one a draft left
/// empty), so the band of that key question was not checked.
fn valueless(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in &ctx.report.results {
        let Some(def) = ctx.fw.standard(&table.row.id.value) else {
            continue;
        };
        // Judged standards have no values to read.
        if def.kind != Kind::Case {
            continue;
        }
        // A table that could not be read at all is its own finding.
        if ctx.results_unread(&def.id) {
            continue;
        }
        for k in table.key_questions.iter().filter(|k| !k.is_prompt()) {
            if k.percent().is_some() || !def.key_questions.iter().any(|d| d.id == k.id.value) {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.id,
                    RULE.severity,
                    k.id.span,
                    format!("key question {} has no value in this text", k.id.value),
                )
                .help(format!(
                    "band-rule judged {} without {}; if the report prints a percentage or counts there, check that cell of the original document",
                    def.id, k.id.value
                ))
                .standard(&def.id)
                .key_question(&k.id.value),
            );
        }
    }
    out
}

/// The finding for a place that was not found, or whose reading left a note.
fn gap(c: &PartCoverage) -> Option<Finding> {
    let what = c.part.describe();
    if !c.found {
        let pronoun = if c.part.verb() == "was" { "it" } else { "them" };
        let message = if c.issues > 0 {
            format!(
                "none of the values of the {what} could be read from this text; the rules that compare {pronoun} did not run"
            )
        } else {
            format!(
                "the {what} {} not found in this text; the rules that compare {pronoun} did not run",
                c.part.verb()
            )
        };
        return Some(
            Finding::new(RULE.id, RULE.severity, Span::default(), message).help(format!(
                "not read: {}; {} did not run on them",
                list(&c.missing),
                rules_of(c.part)
            )),
        );
    }
    if let Some(note) = &c.note {
        return Some(
            Finding::new(RULE.id, RULE.severity, Span::default(), note.clone()).help(format!(
                "{} did not check what the text lost",
                rules_of(c.part)
            )),
        );
    }
    if !c.reliable && c.issues == 0 {
        let message = format!(
            "only {} of the {} values of the {what} expected could be read from this text (its tables may be missing from it)",
            c.read, c.expected
        );
        return Some(
            Finding::new(RULE.id, RULE.severity, Span::default(), message).help(format!(
                "not read: {}; {} did not run on the {what}",
                list(&c.missing),
                rules_of(c.part)
            )),
        );
    }
    if c.issues > 0 && !c.missing.is_empty() {
        // The whole place unread ("recommendations" of the recommendations): say so once.
        let message = if c.missing.iter().map(String::as_str).eq([what]) {
            format!(
                "the {what} {} found in this text but could not be read",
                c.part.verb()
            )
        } else {
            format!(
                "the {what} could not be read whole from this text: {} not read",
                list(&c.missing)
            )
        };
        return Some(
            Finding::new(RULE.id, RULE.severity, Span::default(), message)
                .help(format!("{} did not run on them", rules_of(c.part))),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(missing: &[&str]) -> PartCoverage {
        PartCoverage {
            part: Part::Recommendations,
            found: true,
            expected: 2,
            read: 2 - missing.len(),
            missing: missing.iter().map(|m| m.to_string()).collect(),
            issues: 1,
            note: None,
            reliable: true,
        }
    }

    #[test]
    fn a_part_left_unread_is_named_once() {
        let f = gap(&coverage(&["recommendations"])).unwrap();
        assert_eq!(
            f.message,
            "the recommendations were found in this text but could not be read"
        );
        let f = gap(&coverage(&["stated number of recommendations"])).unwrap();
        assert_eq!(
            f.message,
            "the recommendations could not be read whole from this text: stated number of recommendations not read"
        );
        let mut read = coverage(&[]);
        read.issues = 0;
        assert!(gap(&read).is_none());
    }
}
