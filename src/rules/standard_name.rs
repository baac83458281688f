//! `standard-name`: each standard's number and name must match the framework.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::framework::detect::norm;
use crate::framework::{Confidence, StandardDef};

pub const RULE: Rule = Rule {
    id: "standard-name",
    severity: Severity::Error,
    summary: "a standard's number and name disagree with the framework",
    doc: "Each framework fixes its standards' numbers and names; for youth inspections from \
2018: 1.1 Governance and leadership, 1.2 Staff, 1.3 Partnerships and services, 1.4 \
Information and facilities, 2.1 and 3.1 Assessment, 2.2 and 3.2 Planning, 2.3 and 3.3 \
Implementation and delivery, 2.4 Reviewing, 3.4 Joint working (consultation 2017; Annex 2 \
of the 2018-19 reports). A standard listed under a number the framework does not have, or \
under another standard's name (the 2019 reports' summaries print \"3.4 Reviewing\"), is an \
error, wherever it is listed. Case, spacing and '&' for 'and' are ignored. Names are held \
as exactly as the framework's sources allow: a confirmed name must match (an error); a \
derived one too, but as a provisional warning; an uncertain one (the adult frameworks' \
names, which no report read here prints) only needs a word in common with it, and a name \
with none is a provisional warning. An id the framework does not list is an error only \
where its list is confirmed complete, a provisional warning where the list is derived, and \
is not checked where the list is unpublished (2025 youth, 2023 probation).",
    check,
};

/// Words that say nothing about which standard a name is.
const COMMON: [&str; 8] = ["and", "the", "of", "for", "with", "work", "to", "in"];

fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 2 && !COMMON.contains(&w.as_str()))
}

/// Whether a printed name (normalised) is the standard's, as exactly as its confidence asks.
fn accepted(def: &StandardDef, got: &str) -> bool {
    if got == norm(&def.name) || def.aliases.iter().any(|a| norm(a) == got) {
        return true;
    }
    if def.confidence != Confidence::Uncertain {
        return false;
    }
    let known: Vec<String> = std::iter::once(def.name.as_str())
        .chain(def.aliases.iter().map(String::as_str))
        .flat_map(words)
        .collect();
    let mut printed = words(got);
    printed.any(|w| known.contains(&w))
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let list = &fw.standard_list;
    let mut out = Vec::new();
    for row in report.all_rows() {
        let id = row.id.value.as_str();
        let Some(def) = fw.standard(id) else {
            if list.complete {
                out.push(
                    Finding::new(
                        RULE.id,
                        RULE.severity,
                        row.id.span,
                        format!(
                            "the {} lists standard {id}, which the {} framework does not have",
                            row.place.describe(),
                            fw.id
                        ),
                    )
                    .standard(id)
                    .provisional_on(&[(list.confidence, "the framework's standard ids are")]),
                );
            }
            continue;
        };
        let Some(name) = &row.name else { continue };
        let got = norm(&name.value);
        if accepted(def, &got) {
            continue;
        }
        let mut f = Finding::new(
            RULE.id,
            RULE.severity,
            name.span,
            format!(
                "the {} names {id} '{}', but the framework's {id} is '{}'",
                row.place.describe(),
                name.value,
                def.name
            ),
        )
        .standard(id);
        let others: Vec<&str> = fw
            .standards
            .iter()
            .filter(|s| s.id != id && norm(&s.name) == got)
            .map(|s| s.id.as_str())
            .collect();
        if !others.is_empty() {
            f.help = Some(format!(
                "'{}' is the name of {}",
                name.value,
                others.join(" and ")
            ));
        }
        out.push(f.provisional_on(&[(def.confidence, "the framework's name for it is")]));
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
            include_str!("../../fixtures/rules/standard-name/fires.txt"),
            include_str!("../../fixtures/rules/standard-name/clean.txt"),
        );
        assert_eq!(keys(&got), [(Error, Some("3.4"), None)], "{got:#?}");
    }

    fn def(name: &str, confidence: Confidence) -> StandardDef {
        let fw = crate::framework::Framework::by_id("probation-2018:crc").unwrap();
        let mut d = fw.standard("3.2").unwrap().clone();
        d.name = name.to_string();
        d.aliases.clear();
        d.confidence = confidence;
        d
    }

    #[test]
    fn names_are_held_as_exactly_as_their_confidence_allows() {
        let got = norm("Through the gate resettlement");
        // Confirmed and derived names must match exactly; an uncertain one needs a word.
        assert!(!accepted(
            &def("Through the Gate", Confidence::Confirmed),
            &got
        ));
        assert!(!accepted(
            &def("Through the Gate", Confidence::Derived),
            &got
        ));
        assert!(accepted(
            &def("Through the Gate", Confidence::Uncertain),
            &got
        ));
        // "work" and "the" say nothing: "Victim work" shares no word with it.
        assert!(!accepted(
            &def("Victim work", Confidence::Uncertain),
            &norm("Unpaid work")
        ));
    }
}
