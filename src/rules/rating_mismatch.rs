//! `rating-mismatch`: the summary, the body and the annex must give a standard the same
//! rating, and every statement of the overall rating must agree.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::Place;

pub const RULE: Rule = Rule {
    id: "rating-mismatch",
    severity: Severity::Error,
    summary: "the summary, body and annex rate a standard (or the service) differently",
    doc: "A report states each standard's rating up to three times: in the ratings summary, \
in the standard's heading in the body, and in the inspection results annex. All are the \
one rating ratified by the ratings panel (Annexe 1, 'Ratings explained'), so they must \
agree; so must every statement of the overall rating (the summary's \"Overall rating\" and \
sentences such as \"Overall, X is rated as: Good\"). Each place that disagrees with the \
rating taken as stated (the annex's, else the body's, else the summary's) is an error.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let mut out = Vec::new();
    let ids = fw.standard_ids(report);
    for id in ids {
        let Some(stated) = report.stated_rating(id) else {
            continue;
        };
        let stated_place = report
            .rows_for(id)
            .find(|r| r.rating.as_ref().is_some_and(|x| x.span == stated.span))
            .map_or(Place::Annex, |r| r.place);
        let name = fw
            .standard(id)
            .map_or(String::new(), |s| format!(" {}", s.name));
        for row in report.rows_for(id) {
            let Some(r) = &row.rating else { continue };
            if r.value == stated.value {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.id,
                    RULE.severity,
                    r.span,
                    format!(
                        "{id}{name} is rated '{}' in the {} but '{}' in the {}",
                        r.value,
                        row.place.describe(),
                        stated.value,
                        stated_place.describe()
                    ),
                )
                .standard(id)
                .label(stated.span, format!("rated '{}' here", stated.value)),
            );
        }
    }
    if let Some(overall) = &report.summary.overall {
        for m in &report.overall_mentions {
            if m.value != overall.value {
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        m.span,
                        format!(
                            "the text gives the overall rating as '{}' but the ratings summary says '{}'",
                            m.value, overall.value
                        ),
                    )
                    .label(overall.span, "overall rating in the summary"),
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
            include_str!("../../fixtures/rules/rating-mismatch/fires.txt"),
            include_str!("../../fixtures/rules/rating-mismatch/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, Some("2.1"), None)], "{got:#?}");
    }
}
