//! `sample-size`: every statement of a domain's sample size gives the same number.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::Spanned;

pub const RULE: Rule = Rule {
    id: "sample-size",
    severity: Severity::Error,
    summary: "a domain's sample size is stated differently in two places",
    doc: "The case samples of domain two (court disposals) and domain three (out-of-court \
disposals) are stated in the body (\"we looked at a sample of 50 of these cases\"), in the \
methodology annex (\"We examined 50 post-court cases\") and in the results annex (\"a sample \
of 50 post court cases and 32 out-of-court disposals\"); every percentage rests on them \
(Annex 1 and 2 of the 2018-19 reports). Two statements of the same sample that give \
different numbers are an error. The samples are the youth frameworks' court and \
out-of-court ones: the rule compares only the samples the framework's domains draw on, so \
an adult report (whose samples are other) is not held to them.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let s = &ctx.report.samples;
    let fw = ctx.fw;
    let mut out = Vec::new();
    for (key, what, list) in [
        ("court", "post-court", &s.court),
        ("out_of_court", "out-of-court", &s.out_of_court),
    ] {
        if !fw.domains.iter().any(|d| d.sample.as_deref() == Some(key)) {
            continue;
        }
        let Some(first) = list.first() else { continue };
        for other in list.iter().filter(|o| o.value != first.value) {
            out.push(mismatch(what, first, other));
        }
    }
    out
}

fn mismatch(what: &str, first: &Spanned<u32>, other: &Spanned<u32>) -> Finding {
    Finding::new(
        RULE.id,
        RULE.severity,
        other.span,
        format!(
            "the {what} sample is given as {} here but as {} at line {}",
            other.value, first.value, first.span.line
        ),
    )
    .label(first.span, format!("{} cases", first.value))
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
            include_str!("../../fixtures/rules/sample-size/fires.txt"),
            include_str!("../../fixtures/rules/sample-size/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
    }
}
