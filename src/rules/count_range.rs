//! `count-range`: case counts are possible: 'Yes' no more than the relevant cases, the
//! relevant cases no more than the cases inspected, and never a zero denominator.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};

pub const RULE: Rule = Rule {
    id: "count-range",
    severity: Severity::Error,
    summary:
        "a case count is impossible (yes > relevant, relevant > cases inspected, or 0 relevant)",
    doc: "From 2020 reports print, per key question and prompt, the number of relevant cases \
and the number answered 'Yes' (\"Of the 6 cases inspected: Relevant cases / Number 'Yes'\"). A \
key question's relevant cases are the cases inspected or a sub-sample of them (Annexe 1 of the \
2020 reports: \"We use case sub-samples for some of the key questions\"), so 0 <= yes <= \
relevant <= cases inspected; and a question with no relevant case has no percentage to band \
(consultation 2017 s4.9). A count that breaks any of these is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let report = ctx.report;
    let mut out = Vec::new();
    for t in &report.results {
        let sid = t.row.id.value.as_str();
        let domain_sample = ctx
            .fw
            .sample_key(sid)
            .and_then(|k| report.samples.for_key(k).first())
            .map(|s| s.value);
        let inspected = t
            .cases_inspected
            .as_ref()
            .map(|c| c.value)
            .or(domain_sample);
        for k in &t.key_questions {
            let (Some(n), Some(y)) = (&k.relevant, &k.yes) else {
                continue;
            };
            let name = k.prompt.as_deref().unwrap_or(&k.id.value);
            let mut f = |span, msg: String| {
                out.push(
                    Finding::new(RULE.id, RULE.severity, span, msg)
                        .standard(sid)
                        .key_question(&k.id.value),
                );
            };
            if n.value == 0 {
                f(
                    n.span,
                    format!("{name} has 0 relevant cases: there is no percentage to rate"),
                );
            }
            if y.value > n.value {
                f(
                    y.span,
                    format!(
                        "{name} has {} 'Yes' answers out of only {} relevant cases",
                        y.value, n.value
                    ),
                );
            }
            if let Some(cases) = inspected {
                if n.value > cases {
                    f(n.span, format!("{name} counts {} relevant cases, more than the {cases} cases inspected", n.value));
                }
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
            include_str!("../../fixtures/rules/count-range/fires.txt"),
            include_str!("../../fixtures/rules/count-range/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [
                (Error, Some("2.2"), Some("2.2.2")),
                (Error, Some("2.2"), Some("2.2.3"))
            ],
            "{got:#?}"
        );
    }
}
