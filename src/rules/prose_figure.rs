//! `prose-figure`: a figure in a standard's narrative that restates one of its key
//! questions must agree with the results table.

use super::{Ctx, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::model::{Claim, ClaimValue, KeyQuestion, Span};
use crate::rating::fmt_num;

pub const RULE: Rule = Rule {
    id: "prose-figure",
    severity: Severity::Error,
    summary:
        "a figure in a standard's narrative differs from its key question's result in the tables",
    doc: "Each case-based standard's section restates its key questions' results in prose \
(\"Overall, we were satisfied that in 84 per cent of cases the assessment sufficiently \
analysed how to support the child or young person's desistance\", 2018-19 and 2020 report \
template); the result is the share of relevant cases answered 'Yes' (consultation 2017 \
s4.9), printed in the results tables as a whole percentage (2018-19) or as counts (2020). A \
sentence is tied to a key question only when it plainly restates one: one figure, not \
hedged or negated, no prompt's wording, a word of judgement, the standard's activity and \
exactly one key question's subject (desistance, the safety and wellbeing of the child, the \
risk of harm to others; the recommendations or the police for joint working). A tied \
percentage that no rounding of the table's result gives (a difference of one point or more) \
is an error. \"N of the M cases\" is held to the counts when M is the key question's \
relevant cases, and to the printed percentage when M is fewer than the cases inspected \
(then M is a sub-sample, the key question's own); any other base is not compared. Figures \
that restate a prompt are never checked.",
    check,
};

/// The key question a claim is tied to, in the standard's results table.
fn key_question<'a>(ctx: &Ctx<'a>, c: &Claim) -> Option<&'a KeyQuestion> {
    ctx.report
        .results_for(&c.standard)?
        .key_question(c.key_question.as_deref()?)
}

/// Where the table's result is printed.
fn table_span(kq: &KeyQuestion) -> Span {
    kq.yes
        .as_ref()
        .map(|y| y.span)
        .or_else(|| kq.printed_percent.as_ref().map(|p| p.span))
        .unwrap_or(kq.id.span)
}

/// The table's result as a reader sees it: "84%" or "4 of 6 (66.7%)".
fn table_text(kq: &KeyQuestion) -> Option<String> {
    let p = kq.percent()?;
    let pct = fmt_num((p * 10.0).round() / 10.0);
    Some(match (&kq.yes, &kq.relevant) {
        (Some(y), Some(n)) => format!("{} of {} ({pct}%)", y.value, n.value),
        _ => format!("{pct}%"),
    })
}

/// Does a stated percentage differ from the exact result by more than any rounding to a
/// whole number (down, up or to the nearest) could explain?
fn off_percent(stated: f64, exact: f64) -> bool {
    (stated - exact).abs() >= 1.0 - 1e-9
}

/// Is "n of the m cases" at odds with the table? `None` when the bases differ.
fn off_count(ctx: &Ctx, c: &Claim, kq: &KeyQuestion, n: u32, m: u32) -> Option<bool> {
    if let (Some(y), Some(r)) = (&kq.yes, &kq.relevant) {
        return (r.value == m).then_some(y.value != n);
    }
    let printed = kq.printed_percent.as_ref()?.value;
    let key = ctx.fw.sample_key(&c.standard)?;
    let samples = ctx.report.samples.for_key(key);
    let sub_sample = !samples.is_empty() && samples.iter().all(|s| m < s.value);
    sub_sample.then(|| off_percent(f64::from(n) * 100.0 / f64::from(m), printed))
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &ctx.report.claims {
        let Some(kq) = key_question(ctx, c) else {
            continue;
        };
        if ctx.results_unread(&c.standard) {
            continue;
        }
        let (Some(exact), Some(table)) = (kq.percent(), table_text(kq)) else {
            continue;
        };
        let (off, said) = match c.value.value {
            ClaimValue::Percent(p) => (off_percent(p, exact), format!("{}%", fmt_num(p))),
            ClaimValue::Count(n, m) => (
                off_count(ctx, c, kq, n, m).unwrap_or(false),
                format!("{n} of {m} cases"),
            ),
            ClaimValue::Rating(_) => continue,
        };
        if !off {
            continue;
        }
        let name = ctx.name_after_id(&c.standard);
        out.push(
            Finding::new(
                RULE.id,
                RULE.severity,
                c.value.span,
                format!(
                    "the narrative of {}{name} gives {} as {said}, but the results table gives {table}",
                    c.standard, kq.id.value
                ),
            )
            .standard(&c.standard)
            .key_question(&kq.id.value)
            .label(table_span(kq), format!("{}: {table}", kq.id.value)),
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
            include_str!("../../fixtures/rules/prose-figure/fires.txt"),
            include_str!("../../fixtures/rules/prose-figure/clean.txt"),
        );
        assert_eq!(
            keys(&got),
            [(Error, Some("2.1"), Some("2.1.1"))],
            "{got:#?}"
        );
        assert!(got[0]
            .message
            .contains("as 75%, but the results table gives 85%"));
    }

    #[test]
    fn rounding_is_not_a_difference() {
        assert!(!off_percent(66.0, 200.0 / 3.0));
        assert!(!off_percent(67.0, 200.0 / 3.0));
        assert!(off_percent(65.0, 200.0 / 3.0));
        assert!(!off_percent(84.0, 84.0));
        assert!(off_percent(83.0, 84.0));
    }

    /// The 2020 layout's counts: "N of the M cases" is held to the counts when M is the
    /// relevant cases, and not compared at all on another base.
    #[test]
    fn counts_on_the_same_base_only() {
        let base = include_str!("../../fixtures/rules/percent-vs-counts/clean.txt");
        let with = |sentence: &str| {
            base.replace(
                "Planning was good for desistance.",
                &format!("Planning was good for desistance. {sentence}"),
            )
        };
        let said = "Planning focused sufficiently on keeping the child safe in";
        let fires = run(&RULE, &with(&format!("{said} 4 of the 6 cases.")));
        assert_eq!(
            keys(&fires),
            [(Error, Some("2.2"), Some("2.2.2"))],
            "{fires:#?}"
        );
        assert!(run(&RULE, &with(&format!("{said} 3 of the 6 cases."))).is_empty());
        assert!(run(&RULE, &with(&format!("{said} 50 per cent of cases."))).is_empty());
        let pct = run(&RULE, &with(&format!("{said} 60 per cent of cases.")));
        assert_eq!(
            keys(&pct),
            [(Error, Some("2.2"), Some("2.2.2"))],
            "{pct:#?}"
        );
        // 2.2.3 has 5 relevant cases: "4 of the 6" is on another base.
        let others = "Planning focused sufficiently on keeping other people safe in";
        assert!(run(&RULE, &with(&format!("{others} 4 of the 6 cases."))).is_empty());
    }
}
