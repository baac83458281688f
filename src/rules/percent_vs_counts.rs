//! `percent-vs-counts`: a printed percentage agrees with the counts printed beside it.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::rating::fmt_num;

pub const RULE: Rule = Rule {
    id: "percent-vs-counts",
    severity: Severity::Error,
    summary: "a printed % 'Yes' disagrees with its relevant / 'Yes' counts by more than rounding",
    doc: "A key question's result is the share of relevant cases answered 'Yes' (consultation \
2017 s4.9). Where a report prints both the counts and the percentage (the \"% 'Yes'\" column \
of later reports), the percentage must be 100 x yes / relevant rounded to a whole number. The \
rounding rule is not published, so half-up and half-even are both accepted: only a difference \
of more than half a point is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.results {
        for k in &t.key_questions {
            let (Some(n), Some(y), Some(p)) = (&k.relevant, &k.yes, &k.printed_percent) else {
                continue;
            };
            if n.value == 0 {
                continue;
            }
            let exact = f64::from(y.value) * 100.0 / f64::from(n.value);
            if (exact - p.value).abs() > 0.5 + 1e-9 {
                let name = k.prompt.as_deref().unwrap_or(&k.id.value);
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        p.span,
                        format!(
                            "{name} prints {}% but {} of {} is {}%",
                            fmt_num(p.value),
                            y.value,
                            n.value,
                            fmt_num((exact * 10.0).round() / 10.0)
                        ),
                    )
                    .standard(&t.row.id.value)
                    .key_question(&k.id.value)
                    .label(y.span, "the counts"),
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
            include_str!("../../fixtures/rules/percent-vs-counts/fires.txt"),
            include_str!("../../fixtures/rules/percent-vs-counts/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [(Error, Some("2.2"), Some("2.2.2"))],
            "{got:#?}"
        );
        assert!(
            got[0].message.contains("prints 80% but 3 of 6 is 50%"),
            "{}",
            got[0].message
        );
    }
}
