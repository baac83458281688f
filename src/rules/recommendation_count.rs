//! `recommendation-count`: "we have made six recommendations" above a list of six.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};

pub const RULE: Rule = Rule {
    id: "recommendation-count",
    severity: Severity::Error,
    summary: "the stated number of recommendations differs from the number listed",
    doc: "The recommendations section opens by stating how many recommendations the \
inspectorate has made (\"we have made six recommendations that we believe, if implemented, \
will have a positive impact\", 2018-19 and 2020 report template) and then lists them. A \
stated count that differs from the number of items listed is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let recs = &ctx.report.recommendations;
    let Some(stated) = &recs.stated_count else {
        return Vec::new();
    };
    if !ctx.clean(crate::model::Part::Recommendations) {
        return Vec::new();
    }
    let listed = recs.items.len();
    if u32::try_from(listed).ok() == Some(stated.value) {
        return Vec::new();
    }
    let mut f = Finding::new(
        RULE.id,
        RULE.severity,
        stated.span,
        format!(
            "the report says it makes {} recommendations but lists {listed}",
            stated.value
        ),
    );
    if let Some(last) = recs.items.last() {
        f = f.label(
            last.number.span,
            format!("last recommendation listed ({})", last.number.value),
        );
    }
    vec![f]
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
            include_str!("../../fixtures/rules/recommendation-count/fires.txt"),
            include_str!("../../fixtures/rules/recommendation-count/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, None, None)], "{got:#?}");
    }
}
