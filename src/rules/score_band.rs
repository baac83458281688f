//! `score-band`: the overall rating must be the band of the total score.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::rating;

pub const RULE: Rule = Rule {
    id: "score-band",
    severity: Severity::Error,
    summary: "the overall rating differs from the band of the total score",
    doc: "Each scored standard earns points (Inadequate 0, Requires improvement 1, Good 2, \
Outstanding 3); the total (0-36 for youth inspections) is banded into the overall rating: \
0-6 Inadequate, 7-18 Requires improvement, 19-30 Good, 31-36 Outstanding (consultation 2017 \
s4.22-4.23; Annex 2 of the 2018-19 reports). The reports' annexes describe no discretion over \
the overall rating, and every published report checked follows the bands, so a stated \
overall rating that differs from the band of the total of the stated standard ratings is an \
error. Where the framework's bands are not published (the 2025 youth and 2023 probation \
frameworks) the rule does not run; where they are derived rather than published (the \
adult frameworks' bands, worked out from the tipping-point principle: 0-5 / 6-15 / 16-25 / \
26-30 for 2018 CRCs and NPS divisions, 0-4 / 5-13 / 14-22 / 23-27 for 2021 PDUs) a \
departure is a provisional warning.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let Some(stated) = &report.summary.overall else {
        return Vec::new();
    };
    let Some(total) = crate::rating::total_score(report, fw) else {
        return Vec::new();
    };
    let (Some(computed), Some(bands), Some(scores)) = (
        rating::overall_from_total(fw, total),
        &fw.overall_bands,
        &fw.scores,
    ) else {
        return Vec::new();
    };
    if computed == stated.value {
        return Vec::new();
    }
    let band = bands
        .iter()
        .find(|b| b.rating == computed)
        .map(|b| format!("{}-{}", b.from, b.to - 1))
        .unwrap_or_default();
    vec![Finding::new(
        RULE.id,
        RULE.severity,
        stated.span,
        format!(
            "the overall rating is '{}' but the standards' total score of {total} gives '{computed}' ({band})",
            stated.value
        ),
    )
    .help("the overall rating follows the total of the standard scores; check the standard ratings and the overall rating")
    .provisional_on(&[
        (bands.confidence, "these bands are"),
        (scores.confidence, "the points per rating are"),
    ])]
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
            include_str!("../../fixtures/rules/score-band/fires.txt"),
            include_str!("../../fixtures/rules/score-band/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
    }
}
