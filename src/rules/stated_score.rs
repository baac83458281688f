//! `stated-score`: a printed "Score N/M" must be the sum of the standard scores out of the
//! framework's maximum.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};

pub const RULE: Rule = Rule {
    id: "stated-score",
    severity: Severity::Error,
    summary: "a printed \"Score N/M\" differs from the sum of the standard scores or the maximum",
    doc: "From 2020 the ratings summary prints the total as \"Score N/M\" (for example \
\"Score 26/36\"). N must be the sum of the scores of the scored standards (Inadequate 0, \
Requires improvement 1, Good 2, Outstanding 3) and M the framework's maximum, 36 for youth \
inspections, where an unscored standard such as 2021's resettlement standard does not \
count (consultation 2017 s4.22; Portsmouth 2022 footnote): a score out of 39 counts it. \
The maximum is 30 for the 2018 adult probation frameworks (ten standards) and 27 for 2021 \
PDUs (nine). Either difference is an error; a sum that rests on unconfirmed points per \
rating (2021 PDUs) is a provisional warning. Where the framework publishes no scoring \
(2025 youth, 2023 probation) the rule does not run.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let Some(score) = &report.summary.score else {
        return Vec::new();
    };
    let (Some(scores), Some(range)) = (&fw.scores, &fw.score_range) else {
        return Vec::new();
    };
    let (n, m) = score.value;
    let mut out = Vec::new();
    if let Some(total) = crate::rating::total_score(report, fw) {
        if total != n {
            out.push(
                Finding::new(
                    RULE.id,
                    RULE.severity,
                    score.span,
                    format!("the printed score is {n}/{m} but the standard ratings add up to {total}"),
                )
                .help(counted_unscored(ctx, total, n).unwrap_or_else(|| {
                    "recount the standard scores: Inadequate 0, Requires improvement 1, Good 2, Outstanding 3".to_string()
                }))
                .provisional_on(&[(scores.confidence, "the points per rating are")]),
            );
        }
    }
    if m != range.max {
        let unscored: Vec<&str> = fw
            .standards
            .iter()
            .filter(|s| !s.scored)
            .map(|s| s.id.as_str())
            .collect();
        let mut f = Finding::new(
            RULE.id,
            RULE.severity,
            score.span,
            format!(
                "the printed score is out of {m} but the {} framework's maximum is {}",
                fw.id, range.max
            ),
        );
        if let Some(points) = fw.standard_scale().map(|s| s.1) {
            if !unscored.is_empty()
                && m == range.max + points * u32::try_from(unscored.len()).unwrap_or(0)
            {
                f = f.help(format!(
                    "{} does not count in the total score",
                    unscored.join(" and ")
                ));
            }
        }
        out.push(f.provisional_on(&[(range.confidence, "the maximum is")]));
    }
    out
}

/// The help when the printed score is the total with the unscored standards counted in.
fn counted_unscored(ctx: &Ctx, total: u32, printed: u32) -> Option<String> {
    let mut with = total;
    let mut ids = Vec::new();
    for s in ctx.fw.standards.iter().filter(|s| !s.scored) {
        if let Some(r) = ctx.report.stated_rating(&s.id) {
            with += ctx.fw.score(r.value)?;
            ids.push(format!("{} {}", s.id, s.name));
        }
    }
    (with == printed && !ids.is_empty()).then(|| {
        format!(
            "{} does not count in the total score; counted in, the ratings add up to {with}",
            ids.join(" and ")
        )
    })
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
            include_str!("../../fixtures/rules/stated-score/fires.txt"),
            include_str!("../../fixtures/rules/stated-score/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
    }
}
