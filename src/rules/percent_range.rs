//! `percent-range`: a key-question percentage lies between 0 and 100.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::rating::fmt_num;

pub const RULE: Rule = Rule {
    id: "percent-range",
    severity: Severity::Error,
    summary: "a key-question percentage is outside 0-100",
    doc: "A key question's result is the percentage of relevant cases answered 'Yes' \
(consultation 2017 s4.9; Annex 2 of the 2018-19 reports, \"Rating and % yes\"), so it lies \
between 0% and 100%. A printed percentage outside that range is a typing error and makes \
the standard's band unreadable; it is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.results {
        for k in &t.key_questions {
            let Some(p) = &k.printed_percent else {
                continue;
            };
            if p.value.is_finite() && (0.0..=100.0).contains(&p.value) {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.id,
                    RULE.severity,
                    p.span,
                    format!(
                        "key question {} is given as {}%, outside 0-100%",
                        k.id.value,
                        fmt_num(p.value)
                    ),
                )
                .standard(&t.row.id.value)
                .key_question(&k.id.value),
            );
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
            include_str!("../../fixtures/rules/percent-range/fires.txt"),
            include_str!("../../fixtures/rules/percent-range/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [(Error, Some("2.1"), Some("2.1.1"))],
            "{got:#?}"
        );
    }
}
