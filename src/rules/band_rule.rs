//! `band-rule`: a case-based standard's rating must be the lowest band of its key questions.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::framework::{Confidence, Kind};
use crate::model::KeyQuestion;
use crate::rating::{self, fmt_num, Share};

pub const RULE: Rule = Rule {
    id: "band-rule",
    severity: Severity::Error,
    summary: "a case-based standard's rating differs from the lowest band of its key questions",
    doc: "A case-based standard (domains two and three) takes the lowest band of its key \
questions: under 50% of relevant cases 'Yes' is Inadequate, 50-64% Requires improvement, \
65-79% Good, 80% or more Outstanding (consultation 2017 s4.10; Annex 2 of the 2018-19 \
reports: \"The rating at the standard level is aligned to the lowest banding at the key \
question level\"). The ratings panel may use professional discretion when the lowest \
percentage is within five points of the boundary, when one case judged differently would \
change the band, or when the sample or sub-sample is five cases or fewer (Annexe 1 of the \
2020 reports). A departure that one of these conditions could explain is a warning with \
\"discretion\": true and names the condition; any other departure, or one of more than one \
band, is an error. With counts the band uses the exact fraction; with a printed whole \
percentage, the percentage as printed. The rule runs only where the framework publishes \
key-question bands; where the bands, the discretion conditions or the standard's kind are \
not confirmed (2021 youth discretion, presumed from 2020's wording; the adult frameworks, \
presumed to follow the youth rules) a departure is a provisional warning.",
    check,
};

fn share(kq: &KeyQuestion) -> Option<Share> {
    match (&kq.relevant, &kq.yes) {
        (Some(n), Some(y)) => Some(Share::Counts {
            yes: y.value,
            relevant: n.value,
        }),
        _ => kq.printed_percent.as_ref().map(|p| Share::Percent(p.value)),
    }
}

/// Where the lowest key question's result is printed: its "%", else its counts, else its id.
fn evidence_span(kq: &KeyQuestion) -> crate::model::Span {
    kq.printed_percent
        .as_ref()
        .map(|p| p.span)
        .or_else(|| kq.yes.as_ref().map(|y| y.span))
        .unwrap_or(kq.id.span)
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let Some(bands) = &fw.case_bands else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for table in &report.results {
        let id = table.row.id.value.as_str();
        if !seen.insert(id) {
            continue;
        }
        let Some(def) = fw.standard(id) else { continue };
        if def.kind != Kind::Case {
            continue;
        }
        let Some(stated) = report.stated_rating(id) else {
            continue;
        };
        let kqs: Vec<&KeyQuestion> = table
            .key_questions
            .iter()
            .filter(|k| !k.is_prompt() && share(k).and_then(|s| s.percent()).is_some())
            .collect();
        let shares: Vec<Share> = kqs.iter().filter_map(|k| share(k)).collect();
        let Some((computed, idx)) = rating::lowest_band(fw, &shares) else {
            continue;
        };
        if computed == stated.value {
            continue;
        }
        let (Some(kq), Some(sh)) = (kqs.get(idx), shares.get(idx)) else {
            continue;
        };
        let domain_sample = fw
            .sample_key(id)
            .and_then(|k| report.samples.for_key(k).first())
            .map(|s| s.value)
            .or_else(|| table.cases_inspected.as_ref().map(|c| c.value));
        let d = rating::discretion(fw, stated.value, computed, *sh, domain_sample);
        let pct = kq.display_percent().map(fmt_num).unwrap_or_default();
        let counts = match (&kq.yes, &kq.relevant) {
            (Some(y), Some(n)) => format!("{} of {}, {pct}%", y.value, n.value),
            _ => format!("{pct}%"),
        };
        let band = bands.iter().find(|b| b.rating == computed);
        let band_text = band
            .map(|b| match bands.last() {
                Some(last) if last.rating == b.rating => format!("{}% or more", b.from),
                _ if b.from == 0 => format!("under {}%", b.to),
                _ => format!("{}-{}%", b.from, b.to - 1),
            })
            .unwrap_or_default();
        let message = format!(
            "{id} {} is rated '{}' but its lowest key question, {} ({counts}), is in the '{computed}' band ({band_text})",
            def.name, stated.value, kq.id.value
        );
        let mut f = Finding::new(RULE.id, RULE.severity, stated.span, message)
            .standard(id)
            .key_question(&kq.id.value)
            .label(evidence_span(kq), format!("lowest key question: {counts}"));
        let rules = fw.discretion.as_ref();
        let discretion_confidence = rules.map_or(Confidence::Uncertain, |r| r.confidence);
        // What the verdict rests on: the bands and the standard's kind always; the
        // discretion conditions unless the departure is too far for any of them.
        let mut rests_on = vec![
            (bands.confidence, "the key-question bands are"),
            (def.kind_confidence(), "that this standard is case-based is"),
        ];
        if d.eligible() {
            f.severity = Severity::Warning;
            f.discretion = true;
            f.help = Some(format!(
                "professional discretion could explain this: {}; the ratings panel's reason should be on record",
                d.reasons().join("; ")
            ));
            rests_on.push((discretion_confidence, "the discretion conditions are"));
        } else if d.too_far {
            f.help = Some(format!(
                "the rating departs from the lowest-band rule by more than {} band; discretion does not stretch that far",
                rules.map_or(0, |r| r.max_departure_bands)
            ));
        } else {
            let n = domain_sample.map_or(String::new(), |n| format!(", sample of {n}"));
            f.help = Some(match rules {
                Some(r) => format!(
                    "no discretion condition applies (not within {} points of the boundary, no one-case flip{n}): the lowest-band rule gives '{computed}'",
                    r.near_boundary_points
                ),
                None => format!("the framework publishes no discretion conditions: the lowest-band rule gives '{computed}'"),
            });
            rests_on.push((discretion_confidence, "the discretion conditions are"));
        }
        out.push(f.provisional_on(&rests_on));
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
            include_str!("../../fixtures/rules/band-rule/fires.txt"),
            include_str!("../../fixtures/rules/band-rule/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [(Error, Some("2.2"), Some("2.2.2"))],
            "{got:#?}"
        );
    }

    #[test]
    fn discretion_gives_a_warning() {
        let text = include_str!("../../fixtures/rules/band-rule/clean.txt")
            .replace("2.2. Planning\tRequires improvement", "2.2. Planning\tGood");
        let got = run(&RULE, &text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].severity, Severity::Warning);
        assert!(got[0].discretion);
    }
}
