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
count (consultation 2017 s4.22; Portsmouth 2022 footnote). Either difference is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let Some(score) = &report.summary.score else {
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
                .help("recount the standard scores: Inadequate 0, Requires improvement 1, Good 2, Outstanding 3"),
            );
        }
    }
    if m != fw.score_range.max {
        out.push(Finding::new(
            RULE.id,
            RULE.severity,
            score.span,
            format!(
                "the printed score is out of {m} but the {} framework's maximum is {}",
                fw.id, fw.score_range.max
            ),
        ));
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
            include_str!("../../fixtures/rules/stated-score/fires.txt"),
            include_str!("../../fixtures/rules/stated-score/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
    }
}
