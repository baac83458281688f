//! Mutation tests: a copy of a real report with one planted fault is caught by exactly the
//! rule meant to catch it (the real reports' own finding, 3.4 named "Reviewing", is the
//! baseline), and band-rule's boundary cases come out as warning or error as the
//! discretion rules say.

mod common;
use common::*;
use hmip::{Finding, Severity};

fn new_findings(base: &str, mutated: &str) -> Vec<Finding> {
    let before = run("base.txt", base).findings;
    let after = run("mutant.txt", mutated).findings;
    after
        .into_iter()
        .filter(|f| {
            !before
                .iter()
                .any(|b| b.rule == f.rule && b.message == f.message)
        })
        .collect()
}

/// The planted fault is caught, and only by `rule`.
fn caught_by(rule: &str, base: &str, mutated: String) -> Vec<Finding> {
    let got = new_findings(base, &mutated);
    assert!(!got.is_empty(), "{rule}: the planted fault was not caught");
    let rules: Vec<&str> = got.iter().map(|f| f.rule).collect();
    assert!(
        rules.iter().all(|r| *r == rule),
        "{rule}: caught by {rules:?}: {got:#?}"
    );
    got
}

#[test]
fn baseline_real_reports_have_only_the_known_defects() {
    let name = ("standard-name", Some("3.4"));
    // Leeds restates 3.2.1 as 71% in its narrative; its annex prints 68%.
    let leeds_3_2_1 = ("prose-figure", Some("3.2"));
    for (text, want) in [
        (lancashire(), vec![name]),
        (leeds(), vec![name, leeds_3_2_1]),
    ] {
        let a = run("r.txt", &text);
        let got: Vec<(&str, Option<&str>)> = a
            .findings
            .iter()
            .map(|f| (f.rule, f.standard.as_deref()))
            .collect();
        assert_eq!(got, want);
    }
}

#[test]
fn band_rule_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "keeping other people safe?\t61%",
        "keeping other people safe?\t41%",
    );
    let got = caught_by("band-rule", &base, m);
    assert_eq!(got[0].severity, Severity::Error);
    assert_eq!(got[0].standard.as_deref(), Some("2.2"));
    assert_eq!(got[0].key_question.as_deref(), Some("2.2.3"));
    assert!(!got[0].discretion);
}

#[test]
fn score_band_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "Overall rating\n\nGood",
        "Overall rating\n\nOutstanding",
    );
    let m = replace_once(&m, "rated as: **Good**", "rated as: **Outstanding**");
    let m = replace_once(
        &m,
        "an overall rating of 'Good'",
        "an overall rating of 'Outstanding'",
    );
    caught_by("score-band", &base, m);
}

#[test]
fn stated_score_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "Overall rating\n\nGood\n",
        "Overall rating\n\nGood\n\nLancashire Youth Offending Team Score 21/36\n",
    );
    let got = caught_by("stated-score", &base, m);
    assert!(got[0].message.contains("add up to 22"));
}

#[test]
fn rating_mismatch_planted() {
    let base = leeds();
    let m = replace_once(
        &base,
        "2.3 Implementation and delivery\tGood",
        "2.3 Implementation and delivery\tOutstanding",
    );
    let got = caught_by("rating-mismatch", &base, m);
    assert_eq!(got[0].standard.as_deref(), Some("2.3"));
}

#[test]
fn rating_mismatch_overall_mention_planted() {
    let base = lancashire();
    let m = replace_once(&base, "rated as: **Good**", "rated as: **Outstanding**");
    caught_by("rating-mismatch", &base, m);
}

#[test]
fn standard_name_planted() {
    let base = lancashire();
    let m = replace_once(&base, "1.2 Staff\tGood", "1.2 Staffing\tGood");
    let got = caught_by("standard-name", &base, m);
    assert_eq!(got[0].standard.as_deref(), Some("1.2"));
}

#[test]
fn missing_standard_planted() {
    let base = leeds();
    let m = replace_once(&base, "1.3\tPartnerships and services\tGood\t\n", "");
    let got = caught_by("missing-standard", &base, m);
    assert_eq!(got[0].standard.as_deref(), Some("1.3"));
}

#[test]
fn missing_key_question_planted() {
    let base = lancashire();
    let m = replace_once(&base, "2.3.2. Does the implementation and delivery of services effectively support the safety of the child or young person?\t72%\n", "");
    let got = caught_by("missing-standard", &base, m);
    assert_eq!(got[0].key_question.as_deref(), Some("2.3.2"));
}

#[test]
fn duplicate_standard_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "2.1\tAssessment\tGood\t\n",
        "2.1\tAssessment\tGood\t\n2.1\tAssessment\tGood\t\n",
    );
    caught_by("duplicate-standard", &base, m);
}

#[test]
fn percent_range_planted() {
    let base = leeds();
    let m = replace_once(&base, "</p>\t<p>90%</p>", "</p>\t<p>190%</p>");
    let got = caught_by("percent-range", &base, m);
    assert_eq!(got[0].key_question.as_deref(), Some("2.3.1"));
}

#[test]
fn recommendation_count_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "we have made six recommendations",
        "we have made seven recommendations",
    );
    caught_by("recommendation-count", &base, m);
}

#[test]
fn recommendation_numbering_planted() {
    let base = leeds();
    let m = replace_once(&base, "\n5. address and act", "\n6. address and act");
    let got = caught_by("recommendation-numbering", &base, m);
    assert_eq!(got.len(), 2, "{got:#?}"); // 5 is missing, then 6 repeats
}

#[test]
fn methodology_text_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "Each of the 12 standards",
        "Each of the 10 standards",
    );
    let got = caught_by("methodology-text", &base, m);
    assert_eq!(got[0].severity, Severity::Warning);
}

#[test]
fn sample_size_planted() {
    let base = lancashire();
    let m = replace_once(
        &base,
        "We examined 32 out-of-court disposals",
        "We examined 30 out-of-court disposals",
    );
    caught_by("sample-size", &base, m);
}

/// Band-rule at the band edges (Lancashire 2.4 Reviewing: RI, lowest 2.4.2 = 64%, 50 cases).
fn reviewing_with(pct: &str, stated: &str) -> Vec<Finding> {
    let base = lancashire();
    let m = replace_once(
        &base,
        "keeping the child or young person safe?\t64%",
        &format!("keeping the child or young person safe?\t{pct}"),
    );
    let m = replace_once(
        &m,
        "2.4\tReviewing\tRequires improvement",
        &format!("2.4\tReviewing\t{stated}"),
    );
    let m = replace_once(
        &m,
        "2.4 Reviewing\tRequires improvement",
        &format!("2.4 Reviewing\t{stated}"),
    );
    let m = replace_once(
        &m,
        "2.4. Reviewing\tRequires improvement",
        &format!("2.4. Reviewing\t{stated}"),
    );
    new_findings(&base, &m)
        .into_iter()
        .filter(|f| f.rule == "band-rule")
        .collect()
}

fn outcome(f: &[Finding]) -> Option<(Severity, bool)> {
    assert!(f.len() <= 1);
    f.first().map(|f| (f.severity, f.discretion))
}

#[test]
fn band_rule_boundaries() {
    use Severity::*;
    let cases = [
        // (2.4.2 %, stated, expected) — 2.4.1 is 70%, 2.4.3 67%.
        ("64%", "Requires improvement", None),
        ("64%", "Good", Some((Warning, true))), // 1 point under 65
        ("60%", "Good", Some((Warning, true))), // 5 points under 65
        ("59%", "Good", Some((Error, false))),  // 6 points, one case of 50 is 2 points
        ("65%", "Requires improvement", Some((Warning, true))), // 65 is Good, at the edge
        ("49%", "Requires improvement", Some((Warning, true))), // 1 under 50
        ("50%", "Requires improvement", None),
        ("44%", "Requires improvement", Some((Error, false))), // 6 under 50
        ("45%", "Requires improvement", Some((Warning, true))), // 5 under 50
        ("40%", "Good", Some((Error, false))),                 // two bands: never discretion
    ];
    for (pct, stated, want) in cases {
        assert_eq!(
            outcome(&reviewing_with(pct, stated)),
            want,
            "2.4.2 = {pct}, stated {stated}"
        );
    }
}

#[test]
fn band_rule_upper_edges() {
    use Severity::*;
    // Lancashire 3.2 Planning: Outstanding, lowest 3.2.3 = 81%.
    let base = lancashire();
    for (pct, want) in [
        ("80%", None),
        ("79%", Some((Warning, true))),
        ("74%", Some((Error, false))),
        ("75%", Some((Warning, true))),
    ] {
        let m = replace_once(
            &base,
            "keeping other people safe?\t81%",
            &format!("keeping other people safe?\t{pct}"),
        );
        let got: Vec<Finding> = new_findings(&base, &m)
            .into_iter()
            .filter(|f| f.rule == "band-rule")
            .collect();
        assert_eq!(outcome(&got), want, "3.2.3 = {pct}");
    }
}
