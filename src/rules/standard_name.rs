//! `standard-name`: each standard's number and name must match the framework.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};

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
error, wherever it is listed. Case, spacing and '&' for 'and' are ignored.",
    check,
};

fn norm(s: &str) -> String {
    s.replace('&', "and")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':'])
        .to_string()
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let (report, fw) = (ctx.report, ctx.fw);
    let mut out = Vec::new();
    let rows = report.all_rows();
    for row in rows {
        let id = row.id.value.as_str();
        let Some(def) = fw.standard(id) else {
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
                .standard(id),
            );
            continue;
        };
        let Some(name) = &row.name else { continue };
        let got = norm(&name.value);
        if got == norm(&def.name) || def.aliases.iter().any(|a| norm(a) == got) {
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
        out.push(f);
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
}
