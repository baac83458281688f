//! `recommendation-numbering`: recommendations are numbered 1, 2, 3 … with no gap,
//! repeat or reordering, across addressee blocks.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};

pub const RULE: Rule = Rule {
    id: "recommendation-numbering",
    severity: Severity::Error,
    summary: "recommendation numbers have a gap, a repeat or are out of order",
    doc: "Recommendations are numbered consecutively from 1 through every addressee block \
(\"Lancashire YOT Manager should: 1. … 3.\", \"The Director of Children's Services should: \
4. … 6.\" in the 2018-19 template), and action plans and later inspections refer to them by \
number. A number that repeats an earlier one, skips one or goes backwards is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    // Numbers the text does not show as the report printed them are not checked
    // (incomplete-read says so).
    let recs = &ctx.report.recommendations;
    if recs.numbering != crate::model::Numbering::Printed
        || !ctx.clean(crate::model::Part::Recommendations)
    {
        return out;
    }
    let mut expected = 1u32;
    let mut seen = std::collections::HashSet::new();
    for item in &ctx.report.recommendations.items {
        let n = item.number.value;
        let problem = if !seen.insert(n) {
            Some(format!("recommendation {n} is numbered twice"))
        } else if n < expected {
            Some(format!("recommendation {n} comes after {}", expected - 1))
        } else if n > expected {
            Some(if n == expected + 1 {
                format!(
                    "recommendation {expected} is missing: the list goes from {} to {n}",
                    expected - 1
                )
            } else {
                format!(
                    "recommendations {expected}-{} are missing: the list goes from {} to {n}",
                    n - 1,
                    expected - 1
                )
            })
        } else {
            None
        };
        if let Some(msg) = problem {
            out.push(Finding::new(RULE.id, RULE.severity, item.number.span, msg));
        }
        expected = expected.max(n.saturating_add(1));
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
            include_str!("../../fixtures/rules/recommendation-numbering/fires.txt"),
            include_str!("../../fixtures/rules/recommendation-numbering/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
        assert!(got[0].message.contains("recommendation 3 is missing"));
    }
}
