//! The 2020+ layout (Hartlepool, pdftotext-style text): wrapped lines, footnote digits glued
//! to words, "Relevant cases / Number 'Yes'" count tables with prompt rows. Extraction is
//! snapshotted (reviewed by eye against the text), checking gives no false errors, and
//! planted faults are caught by the right rule.

mod common;
use common::*;
use hmip::extract::document;
use hmip::{Finding, Rating, Severity};

fn hartlepool() -> String {
    fixture("text/hartlepool-yjs-2020.txt")
}

fn counts(d: &hmip::extract::Document, id: &str) -> Option<(u32, u32)> {
    d.standards
        .iter()
        .flat_map(|s| &s.key_questions)
        .find(|k| k.id == id && k.prompt.is_none())
        .and_then(|k| Some((k.yes?, k.relevant?)))
}

#[test]
fn extracts_everything() {
    let a = run("hartlepool-yjs-2020.txt", &hartlepool());
    let d = document(&a);
    use Rating::*;
    let stated: Vec<Option<Rating>> = d.standards.iter().map(|s| s.stated).collect();
    assert_eq!(
        stated,
        [
            RequiresImprovement,
            Good,
            Good,
            Good,
            Outstanding,
            Good,
            RequiresImprovement,
            Good,
            Outstanding,
            Outstanding,
            Good,
            Outstanding
        ]
        .map(Some)
    );
    for s in &d.standards {
        assert_eq!(s.ratings.summary, s.stated, "{}", s.id);
        assert_eq!(s.ratings.body, s.stated, "{}", s.id);
    }
    assert_eq!(d.overall.stated_score, Some(26));
    assert_eq!(d.overall.computed_score, Some(26));
    assert_eq!(d.overall.stated, Some(Good));
    assert_eq!(d.overall.computed, Some(Good));
    assert_eq!(counts(&d, "2.2.2"), Some((4, 6)));
    assert_eq!(counts(&d, "3.4.2"), Some((1, 1)));
    assert_eq!(counts(&d, "2.3.2"), Some((3, 5)));
    // Every case-based standard has its key questions, none has stray ones.
    let kq_count: Vec<usize> = d
        .standards
        .iter()
        .map(|s| {
            s.key_questions
                .iter()
                .filter(|k| k.prompt.is_none())
                .count()
        })
        .collect();
    assert_eq!(kq_count, vec![0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 2]);
    // Prompt rows are kept, ided in the order printed.
    let prompts: Vec<&str> = d.standards[5]
        .key_questions
        .iter()
        .filter_map(|k| k.prompt.as_deref())
        .collect();
    assert_eq!(prompts.first().copied(), Some("2.2.1.a"));
    assert!(prompts.contains(&"2.2.3.e"));
    assert_eq!(prompts.len(), 15);
    // No footnote digits or footnote bodies in values.
    for k in d.standards.iter().flat_map(|s| &s.key_questions) {
        assert!(
            !k.text.ends_with(|c: char| c.is_ascii_digit()),
            "{}",
            k.text
        );
        assert!(
            !k.text.contains("The rating for the standard"),
            "{}",
            k.text
        );
        assert!(
            k.text.ends_with('?'),
            "{}: {}",
            k.prompt.as_deref().unwrap_or(&k.id),
            k.text
        );
    }
    assert_eq!(d.recommendations.len(), 5);
    assert_eq!(d.stated_recommendation_count, Some(5));
    let addressees: Vec<&str> = d
        .recommendations
        .iter()
        .filter_map(|r| r.addressee.as_deref())
        .collect();
    assert_eq!(
        addressees,
        ["The Hartlepool Youth Justice Service Management Board"; 4]
            .iter()
            .copied()
            .chain(["The Hartlepool Youth Justice Service"])
            .collect::<Vec<_>>()
    );
    assert_eq!(
        (d.samples.court, d.samples.out_of_court),
        (Some(6), Some(4))
    );
    assert_eq!(d.fieldwork_start.as_deref(), Some("2020-10"));
    assert_eq!(
        d.service.as_deref(),
        Some("Hartlepool Youth Offending Service")
    );
}

#[test]
fn snapshot() {
    let a = run("hartlepool-yjs-2020.txt", &hartlepool());
    insta::assert_json_snapshot!(document(&a));
}

#[test]
fn check_has_no_false_errors_and_reports_the_methodology_text() {
    let a = run("hartlepool-yjs-2020.txt", &hartlepool());
    assert_eq!(a.errors(), 0, "{:#?}", a.findings);
    let rules: Vec<&str> = a.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["methodology-text", "methodology-text"]);
    assert!(a
        .findings
        .iter()
        .any(|f| f.message.contains("10 standards")));
    assert!(a.findings.iter().any(|f| f.message.contains("0-30")));
}

fn new_findings(mutated: &str) -> Vec<Finding> {
    let before = run("base.txt", &hartlepool()).findings;
    run("mutant.txt", mutated)
        .findings
        .into_iter()
        .filter(|f| {
            !before
                .iter()
                .any(|b| b.rule == f.rule && b.message == f.message)
        })
        .collect()
}

#[test]
fn planted_changed_stated_score() {
    let m = replace_once(&hartlepool(), "Score 26/36", "Score 25/36");
    let got = new_findings(&m);
    assert_eq!(
        got.iter().map(|f| f.rule).collect::<Vec<_>>(),
        ["stated-score"]
    );
}

#[test]
fn planted_yes_above_relevant() {
    // 2.2.2 "6 4" becomes "6 7".
    let m = replace_once(
        &hartlepool(),
        "keeping the child \nsafe?9 \n\n6 4 ",
        "keeping the child \nsafe?9 \n\n6 7 ",
    );
    let got = new_findings(&m);
    let rules: Vec<&str> = got.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"count-range"), "{got:#?}");
    assert!(
        rules
            .iter()
            .all(|r| *r == "count-range" || *r == "band-rule"),
        "{got:#?}"
    );
    let f = got
        .iter()
        .find(|f| f.rule == "count-range")
        .unwrap_or_else(|| panic!());
    assert_eq!(f.key_question.as_deref(), Some("2.2.2"));
}

#[test]
fn planted_rating_against_counts_on_a_small_sample_is_a_warning() {
    // 2.3 (5 cases; lowest 3 of 5 = 60%, Requires improvement) stated Good everywhere,
    // with the score kept consistent (26 -> 27).
    let t = hartlepool();
    let m = replace_once(
        &t,
        "2.3 Implementation and delivery Requires improvement",
        "2.3 Implementation and delivery Good",
    );
    let m = replace_once(
        &m,
        "services are delivered, engaging and assisting the child. \n\nRequires \nimprovement",
        "services are delivered, engaging and assisting the child. \n\nGood",
    );
    let m = replace_once(&m, "Score 26/36", "Score 27/36");
    let got = new_findings(&m);
    assert_eq!(got.len(), 1, "{got:#?}");
    let f = &got[0];
    assert_eq!(
        (f.rule, f.severity, f.discretion),
        ("band-rule", Severity::Warning, true)
    );
    let help = f.help.clone().unwrap_or_default();
    assert!(help.contains("sub-sample of 5 cases"), "{help}");
    // One case more (4 of 5 = 80%) jumps past Good to Outstanding: a one-case change of
    // rating in the departure's direction, named with the band it gives.
    assert!(
        help.contains("one case judged differently (4 of 5) would give Outstanding"),
        "{help}"
    );
}

#[test]
fn planted_rating_against_counts_on_a_large_sample_is_an_error() {
    // 2.2 Planning (stated Good) with 40 cases: 2.2.2 at 20 of 40 (50%).
    let t = hartlepool();
    let m = replace_once(&t, "Our rating8 for planning is based on the following key questions: \n\nOf the 6 cases inspected:", "Our rating8 for planning is based on the following key questions: \n\nOf the 40 cases inspected:");
    let m = replace_once(&m, "desistance? \n\n6 6 \n\nDoes planning focus sufficiently on keeping the child \nsafe?9 \n\n6 4 \n\nDoes planning focus sufficiently on keeping other people \nsafe?10 \n\n6 4 ",
        "desistance? \n\n40 40 \n\nDoes planning focus sufficiently on keeping the child \nsafe?9 \n\n40 20 \n\nDoes planning focus sufficiently on keeping other people \nsafe?10 \n\n40 30 ");
    let got = new_findings(&m);
    assert_eq!(got.len(), 1, "{got:#?}");
    let f = &got[0];
    assert_eq!(
        (f.rule, f.severity, f.discretion),
        ("band-rule", Severity::Error, false)
    );
    assert_eq!(f.key_question.as_deref(), Some("2.2.2"));
}

#[test]
fn percent_vs_counts_when_both_are_printed() {
    // Reports that print "% 'Yes'" beside the counts: 4 of 6 is 67%, not 80%.
    let m = replace_once(
        &hartlepool(),
        "keeping the child \nsafe?9 \n\n6 4 ",
        "keeping the child \nsafe?9 \n\n6 4 80% ",
    );
    let got = new_findings(&m);
    assert_eq!(
        got.iter().map(|f| f.rule).collect::<Vec<_>>(),
        ["percent-vs-counts"],
        "{got:#?}"
    );
    let ok = replace_once(
        &hartlepool(),
        "keeping the child \nsafe?9 \n\n6 4 ",
        "keeping the child \nsafe?9 \n\n6 4 67% ",
    );
    assert!(new_findings(&ok).is_empty());
}
