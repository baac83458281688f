//! `duplicate-standard`: no standard (or key question) is listed twice in one place.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::StandardRow;

pub const RULE: Rule = Rule {
    id: "duplicate-standard",
    severity: Severity::Error,
    summary: "a standard or key question is listed twice in the same place",
    doc: "Each standard has one rating (consultation 2017 s4.8: every standard is rated on the \
four-point scale, once). A ratings summary, body or results annex that lists the same \
standard number twice, or a results table that gives the same key question twice, states \
two answers where the framework has one; the second listing is an error.",
    check,
};

fn dupes<'a>(rows: impl Iterator<Item = &'a StandardRow>) -> Vec<&'a StandardRow> {
    let mut seen = std::collections::HashSet::new();
    rows.filter(|r| !seen.insert(r.id.value.as_str())).collect()
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let report = ctx.report;
    let mut out = Vec::new();
    let annex = report
        .results
        .iter()
        .map(|t| &t.row)
        .filter(|r| r.place == crate::model::Place::Annex);
    for row in dupes(report.summary.rows.iter())
        .into_iter()
        .chain(dupes(report.body.iter()))
        .chain(dupes(annex))
    {
        out.push(
            Finding::new(
                RULE.id,
                RULE.severity,
                row.id.span,
                format!(
                    "{} is listed twice in the {}",
                    row.id.value,
                    row.place.describe()
                ),
            )
            .standard(&row.id.value),
        );
    }
    for t in &report.results {
        let mut seen = std::collections::HashSet::new();
        for k in t.key_questions.iter().filter(|k| !k.is_prompt()) {
            if !seen.insert(k.id.value.as_str()) {
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        k.id.span,
                        format!("key question {} is listed twice", k.id.value),
                    )
                    .standard(&t.row.id.value)
                    .key_question(&k.id.value),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fires_and_clean, keys};
    use crate::Severity::Error;

    #[test]
    fn fires_and_stays_clean() {
        let got = fires_and_clean(
            &RULE,
            include_str!("../../fixtures/rules/duplicate-standard/fires.txt"),
            include_str!("../../fixtures/rules/duplicate-standard/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, Some("2.1"), None)], "{got:#?}");
    }
}
