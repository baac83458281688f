//! `methodology-text`: the report's own statement of the rules matches the framework.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::framework::Band;
use crate::model::StatedBand;

pub const RULE: Rule = Rule {
    id: "methodology-text",
    severity: Severity::Warning,
    summary: "the report's statement of the bands, standard count or score range differs from the framework",
    doc: "Reports restate the rating rules in an annex: the key-question bands (<50%, 50-64%, \
65-79%, 80%+), \"Each of the 12 standards are scored on a 0-3 scale\", \"a total score \
ranging from 0-36\" and the overall bands 0-6 / 7-18 / 19-30 / 31-36 (Annex 2 of the 2018-19 \
reports; consultation 2017 s4.22). Text copied from another template can state other values: \
the 2020 Hartlepool report says \"Each of the 10 standards\" and \"a 0-30 scale\" while \
printing the 36-point bands. Any stated value that differs from the framework is a warning: \
it misleads readers but does not change a rating. A value the framework does not publish \
(2025 youth, 2023 probation scoring) is not compared; one it only derives (the adult \
overall bands) makes the warning provisional.",
    check,
};

fn band_matches(stated: &StatedBand, bands: &[Band]) -> bool {
    let Some(b) = bands.iter().find(|b| b.rating == stated.rating) else {
        return false;
    };
    let top = bands.last().is_some_and(|l| l.rating == b.rating);
    let to_ok = match stated.to {
        Some(t) => t + 1 == b.to || (top && t + 1 >= b.to.saturating_sub(1)),
        None => top,
    };
    stated.from == b.from && to_ok
}

fn fmt_band(b: &StatedBand) -> String {
    match b.to {
        Some(t) => format!("{}-{}", b.from, t),
        None => format!("{}+", b.from),
    }
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (m, fw) = (&ctx.report.methodology, ctx.fw);
    let mut out = Vec::new();
    // Each comparison runs only where the framework has the value, and is provisional
    // where the value is not confirmed.
    let f = |span, msg: String, confidence, subject: &str| {
        Finding::new(RULE.id, RULE.severity, span, msg).provisional_on(&[(confidence, subject)])
    };
    if let (Some(c), Some(scores)) = (&m.standard_count, &fw.scores) {
        let want = fw.scored_count();
        if usize::try_from(c.value).ok() != Some(want) {
            out.push(f(
                c.span,
                format!(
                    "the text says {} standards are scored; the {} framework scores {want}",
                    c.value, fw.id
                ),
                fw.standard_list.confidence.min(scores.confidence),
                "the number of scored standards is",
            ));
        }
    }
    if let (Some(s), Some(want), Some(scores)) =
        (&m.standard_scale, fw.standard_scale(), &fw.scores)
    {
        if s.value != want {
            out.push(f(
                s.span,
                format!(
                    "the text gives each standard a {}-{} scale; the framework's is {}-{}",
                    s.value.0, s.value.1, want.0, want.1
                ),
                scores.confidence,
                "the points per rating are",
            ));
        }
    }
    if let (Some(r), Some(range)) = (&m.total_range, &fw.score_range) {
        let want = (range.min, range.max);
        if r.value != want {
            out.push(f(
                r.span,
                format!(
                    "the text gives the total score range as {}-{}; the framework's is {}-{}",
                    r.value.0, r.value.1, want.0, want.1
                ),
                range.confidence,
                "the score range is",
            ));
        }
    }
    type Describe = fn(&StatedBand) -> String;
    let stated_bands: [(&[StatedBand], _, Describe); 2] = [
        (&m.case_bands, &fw.case_bands, |b| {
            format!(
                "the text puts '{}' at {}%; the framework's band differs",
                b.rating,
                fmt_band(b)
            )
        }),
        (&m.overall_bands, &fw.overall_bands, |b| {
            format!(
                "the text puts an overall '{}' at a total of {}; the framework's band differs",
                b.rating,
                fmt_band(b)
            )
        }),
    ];
    for (stated, bands, message) in stated_bands {
        let Some(bands) = bands else { continue };
        for b in stated.iter().filter(|b| !band_matches(b, &bands.bands)) {
            out.push(f(b.span, message(b), bands.confidence, "these bands are"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fires_and_clean, keys};
    use crate::Severity::Warning;

    #[test]
    fn fires_and_stays_clean() {
        let got = fires_and_clean(
            &RULE,
            include_str!("../../fixtures/rules/methodology-text/fires.txt"),
            include_str!("../../fixtures/rules/methodology-text/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [(Warning, None, None), (Warning, None, None)],
            "{got:#?}"
        );
    }
}
