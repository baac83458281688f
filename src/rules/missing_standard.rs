//! `missing-standard`: a place that lists every standard must list them all.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::framework::Kind;
use crate::model::{Part, Place, Span, StandardRow};

pub const RULE: Rule = Rule {
    id: "missing-standard",
    severity: Severity::Error,
    summary: "a framework standard (or key question) is absent from a place that lists them all",
    doc: "The ratings summary, the body of the report and the inspection results annex each \
cover every standard of the framework (twelve for youth inspections from 2018: consultation \
2017; Annex 2 of the 2018-19 reports), and the annex gives each case-based standard a \
percentage for every one of its key questions. A place that lists some standards but not a \
required one, a standard without a rating there, or a framework key question missing from \
its standard's results, is an error. Optional standards (2021's resettlement) are exempt.",
    check,
};

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let mut out = Vec::new();
    let annex_rows: Vec<StandardRow> = report
        .results
        .iter()
        .filter(|t| t.row.place == Place::Annex)
        .map(|t| t.row.clone())
        .collect();
    let places: [(Place, &[StandardRow], Part); 3] = [
        (Place::Summary, &report.summary.rows, Part::Summary),
        (Place::Body, &report.body, Part::Body),
        (Place::Annex, &annex_rows, Part::Results),
    ];
    for (place, rows, part) in places {
        // A place not read whole is incomplete-read's to report, not a defect.
        if rows.is_empty() || !ctx.clean(part) {
            continue;
        }
        for def in fw.standards.iter().filter(|s| !s.optional) {
            let found: Vec<&StandardRow> = rows.iter().filter(|r| r.id.value == def.id).collect();
            let at = anchor(rows, &def.id);
            if found.is_empty() {
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        at,
                        match place {
                            Place::Body => format!(
                                "the report body has no section heading for {} {}",
                                def.id, def.name
                            ),
                            _ => format!(
                                "the {} does not list {} {}",
                                place.describe(),
                                def.id,
                                def.name
                            ),
                        },
                    )
                    .standard(&def.id),
                );
            } else if found.iter().all(|r| r.rating.is_none()) {
                let span = found.first().map_or(at, |r| r.id.span);
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        span,
                        format!(
                            "the {} lists {} {} without a rating",
                            place.describe(),
                            def.id,
                            def.name
                        ),
                    )
                    .standard(&def.id),
                );
            }
        }
    }
    for table in report.results.iter().filter(|_| ctx.clean(Part::Results)) {
        let Some(def) = fw.standard(&table.row.id.value) else {
            continue;
        };
        if def.kind != Kind::Case {
            continue;
        }
        for kq in &def.key_questions {
            let row = table.key_question(&kq.id);
            // A row without its value is a gap in the reading (`incomplete-read`).
            if row.is_none() {
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        table.row.id.span,
                        format!(
                            "the results for {} {} do not include key question {}",
                            def.id, def.name, kq.id
                        ),
                    )
                    .standard(&def.id)
                    .key_question(&kq.id),
                );
            }
        }
    }
    out
}

/// Where to point for an absent standard: the row listed just before where it belongs.
fn anchor(rows: &[StandardRow], id: &str) -> Span {
    rows.iter()
        .filter(|r| r.id.value.as_str() < id)
        .max_by(|a, b| a.id.value.cmp(&b.id.value))
        .or_else(|| rows.first())
        .map(|r| r.id.span)
        .unwrap_or_default()
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
            include_str!("../../fixtures/rules/missing-standard/fires.txt"),
            include_str!("../../fixtures/rules/missing-standard/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, Some("1.3"), None)], "{got:#?}");
    }
}
