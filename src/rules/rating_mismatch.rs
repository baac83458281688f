//! `rating-mismatch`: the summary, the body and the annex must give a standard the same
//! rating, and every statement of the overall rating must agree.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::{ClaimValue, Place, Rating, Report, Spanned};

pub const RULE: Rule = Rule {
    id: "rating-mismatch",
    severity: Severity::Error,
    summary: "the summary, body, annex or narrative rate a standard (or the service) differently",
    doc: "A report states each standard's rating up to three times: in the ratings summary, \
in the standard's heading in the body, and in the inspection results annex; the standard's \
narrative may state it again (\"We rated assessment of cases as 'Outstanding'\", \"We rated \
this standard as requiring improvement\", 2019 and 2020 reports). All are the one rating \
ratified by the ratings panel (Annexe 1, 'Ratings explained'), so they must agree; so must \
every statement of the overall rating (the summary's \"Overall rating\" and sentences such \
as \"Overall, X is rated as: Good\"). Each place that disagrees with the rating taken as \
stated (the annex's, else the body's, else the summary's) is an error. A narrative sentence \
counts only when it rates the standard as a whole: its activity or \"this standard\", no \
other standard's, and either none or all of its key questions' subjects (\"reviewing for \
desistance, safety and wellbeing, and risk of harm to others\").",
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
        let stated_place = place_of(report, id, stated);
        let name = ctx.name_after_id(id);
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
    out.extend(narrative(ctx));
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

/// The place whose row gives the rating taken as stated.
fn place_of(report: &Report, id: &str, stated: &Spanned<Rating>) -> Place {
    report
        .rows_for(id)
        .find(|r| r.rating.as_ref().is_some_and(|x| x.span == stated.span))
        .map_or(Place::Annex, |r| r.place)
}

/// Each standard's rating as its section's narrative states it ("We rated assessment of
/// cases as 'Outstanding'") against the rating taken as stated.
fn narrative(ctx: &Ctx) -> Vec<Finding> {
    let report = ctx.report;
    let mut out = Vec::new();
    for c in &report.claims {
        let ClaimValue::Rating(said) = c.value.value else {
            continue;
        };
        let Some(stated) = report.stated_rating(&c.standard) else {
            continue;
        };
        if said == stated.value {
            continue;
        }
        let place = place_of(report, &c.standard, stated);
        let name = ctx.name_after_id(&c.standard);
        out.push(
            Finding::new(
                RULE.id,
                RULE.severity,
                c.value.span,
                format!(
                    "{}{name} is rated '{said}' in its narrative but '{}' in the {}",
                    c.standard,
                    stated.value,
                    place.describe()
                ),
            )
            .standard(&c.standard)
            .label(stated.span, format!("rated '{}' here", stated.value)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fires_and_clean, keys, run};
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

    /// A "We rated ..." sentence in a standard's section is one more place.
    #[test]
    fn narrative_rating() {
        let clean = include_str!("../../fixtures/rules/rating-mismatch/clean.txt");
        let with = |s: &str| {
            clean.replacen(
                "2.4 Reviewing\tGood\n",
                &format!("2.4 Reviewing\tGood\n\n{s}\n\n"),
                1,
            )
        };
        let all = "We rated reviewing for desistance, safety and wellbeing, and risk of harm to others as";
        let got = run(&RULE, &with(&format!("{all} 'Requires improvement'.")));
        assert_eq!(keys(&got), [(Error, Some("2.4"), None)], "{got:#?}");
        assert!(got[0]
            .message
            .contains("'Requires improvement' in its narrative but 'Good'"));
        assert!(run(&RULE, &with(&format!("{all} 'Good'."))).is_empty());
        let passive = run(
            &RULE,
            &with("As a result, this standard was judged as requiring improvement."),
        );
        assert_eq!(keys(&passive), [(Error, Some("2.4"), None)], "{passive:#?}");
        // Not the standard as a whole: one aspect, another standard, someone else's view.
        for s in [
            "We rated reviewing for desistance as 'Outstanding'.",
            "We rated planning as 'Outstanding'.",
            "Staff rated the quality of their supervision as good.",
            "We rated the work as 'Outstanding'.",
        ] {
            assert!(run(&RULE, &with(s)).is_empty(), "{s}");
        }
    }
}
