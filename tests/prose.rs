//! Prose cross-checks (issue 14): what each standard's narrative says against what its
//! tables say. `prose-figure` and the narrative ratings of `rating-mismatch` give no false
//! finding on any fixture (every text, PDF, Word and shape fixture), and faults planted
//! into copies of the real reports' texts are each caught by the right rule and nothing
//! else.

mod common;
use common::*;
use hmip::model::ClaimValue;
use hmip::{analyse, Analysis, ReadOptions};
use std::collections::BTreeSet;

/// Every claim of a report, tied or not, one per line (for review by eye).
fn listing(a: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for c in &a.report.claims {
        let table = c.key_question.as_deref().and_then(|kq| {
            a.report
                .results_for(&c.standard)?
                .key_questions
                .iter()
                .find(|k| k.id.value == kq && !k.is_prompt())?
                .percent()
        });
        let v = match c.value.value {
            ClaimValue::Rating(r) => r.to_string(),
            ClaimValue::Percent(p) => format!("{p}%"),
            ClaimValue::Count(n, m) => format!("{n} of {m}"),
        };
        let _ = writeln!(
            s,
            "{}:{} [{}] {} -> {} (table {:?}) | {}",
            c.value.span.line,
            c.value.span.column,
            c.standard,
            v,
            c.key_question.as_deref().unwrap_or("-"),
            table,
            c.sentence
        );
    }
    s
}

#[test]
#[ignore = "listing for review: cargo test --release --test prose -- --ignored --nocapture"]
fn list_claims() {
    for name in [
        "text/lancashire-yot-2019.txt",
        "text/leeds-yjs-2019.txt",
        "text/hartlepool-yjs-2020.txt",
    ] {
        let a = run(name, &fixture(name));
        println!("== {name}\n{}", listing(&a));
    }
}

/// A finding of these rules: (rule, standard, key question). A `rating-mismatch` finding
/// counts only when it points at a narrative rating (the other places are other tests').
type Key = (String, Option<String>, Option<String>);

fn prose_findings(a: &Analysis) -> Vec<Key> {
    let rated: BTreeSet<_> = a
        .report
        .claims
        .iter()
        .filter(|c| matches!(c.value.value, ClaimValue::Rating(_)))
        .map(|c| c.value.span)
        .collect();
    a.findings
        .iter()
        .filter(|f| {
            f.rule == "prose-figure" || (f.rule == "rating-mismatch" && rated.contains(&f.span))
        })
        .map(|f| {
            (
                f.rule.to_string(),
                f.standard.clone(),
                f.key_question.clone(),
            )
        })
        .collect()
}

fn key(rule: &str, standard: &str, kq: Option<&str>) -> Key {
    (
        rule.to_string(),
        Some(standard.to_string()),
        kq.map(str::to_string),
    )
}

/// Every fixture a user could hand over: texts, PDFs, Word documents, extraction shapes.
fn all_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["text", "pdf", "docx", "frameworks"] {
        for e in std::fs::read_dir(fixture_path(dir)).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let name = e.unwrap_or_else(|e| panic!("{e}")).file_name();
            let name = name.to_string_lossy().into_owned();
            if [".txt", ".pdf", ".docx"].iter().any(|x| name.ends_with(x)) {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    for tool in std::fs::read_dir(fixture_path("shapes")).unwrap_or_else(|e| panic!("{e}")) {
        let tool = tool.unwrap_or_else(|e| panic!("{e}"));
        if !tool.path().is_dir() {
            continue;
        }
        for e in std::fs::read_dir(tool.path()).unwrap_or_else(|e| panic!("{e}")) {
            let name = e.unwrap_or_else(|e| panic!("{e}")).file_name();
            let name = name.to_string_lossy().into_owned();
            if name.ends_with(".txt") {
                out.push(format!(
                    "shapes/{}/{name}",
                    tool.file_name().to_string_lossy()
                ));
            }
        }
    }
    out.sort();
    out
}

/// The one real inconsistency the narratives hold: Leeds 2019, section 3.2, "Planning
/// focused on supporting the child or young person's desistance in 71 per cent of cases"
/// where the annex prints 3.2.1 at 68% (reviewed by eye against the text).
fn leeds_3_2_1() -> Key {
    key("prose-figure", "3.2", Some("3.2.1"))
}

#[test]
fn no_false_finding_on_any_fixture() {
    let files = all_fixtures();
    assert!(files.len() >= 22 + 20, "{} fixtures", files.len());
    let mut read = 0;
    let mut leeds_caught = 0;
    for rel in &files {
        let bytes = std::fs::read(fixture_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let Ok(a) = analyse(rel, &bytes, &ReadOptions::default(), None) else {
            continue; // not a report with ratings (a shape that lost them): nothing to check
        };
        read += 1;
        let got = prose_findings(&a);
        let tied_3_2_1 = a.report.claims.iter().any(|c| {
            c.key_question.as_deref() == Some("3.2.1") && c.value.value == ClaimValue::Percent(71.0)
        });
        let want = if rel.contains("leeds") && tied_3_2_1 {
            leeds_caught += 1;
            vec![leeds_3_2_1()]
        } else {
            Vec::new()
        };
        assert_eq!(got, want, "{rel}:\n{}", listing(&a));
    }
    assert!(read >= 60, "only {read} fixtures read");
    // Every faithful form of Leeds (text, PDFs, Word, most shapes) shows the real one.
    assert!(
        leeds_caught >= 20,
        "Leeds 3.2.1 caught in {leeds_caught} fixtures"
    );
}

/// The findings a planted fault adds, as (rule, standard, key question).
fn added(name: &str, original: &str, planted: &str) -> Vec<Key> {
    let before: Vec<Key> = run(name, original)
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.standard.clone(),
                f.key_question.clone(),
            )
        })
        .collect();
    let mut after: Vec<Key> = run(name, planted)
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.standard.clone(),
                f.key_question.clone(),
            )
        })
        .collect();
    for b in &before {
        if let Some(i) = after.iter().position(|a| a == b) {
            after.remove(i);
        }
    }
    after
}

#[test]
fn planted_figures_2019_court_and_out_of_court() {
    let (lancs, leeds) = (lancashire(), leeds());
    // (report, its text, the sentence as printed, as planted, standard, key question)
    let planted = [
        (
            "lancashire.txt",
            &lancs,
            "in 84 per cent of cases the assessment sufficiently analysed",
            "in 74 per cent of cases the assessment sufficiently analysed",
            "2.1",
            "2.1.1",
        ),
        (
            "lancashire.txt",
            &lancs,
            "implementing the out-of-court disposal in 86 per cent of cases",
            "implementing the out-of-court disposal in 96 per cent of cases",
            "3.4",
            "3.4.2",
        ),
        (
            "leeds.txt",
            &leeds,
            "done sufficiently well in only 61 per cent of cases",
            "done sufficiently well in only 66 per cent of cases",
            "2.4",
            "2.4.2",
        ),
        (
            "leeds.txt",
            &leeds,
            "Inspectors found just 30 per cent of cases where planning",
            "Inspectors found just 40 per cent of cases where planning",
            "3.2",
            "3.2.3",
        ),
    ];
    for (name, text, from, to, standard, kq) in planted {
        assert_eq!(
            added(name, text, &replace_once(text, from, to)),
            [key("prose-figure", standard, Some(kq))],
            "{to}"
        );
    }
}

/// The same change, hedged or negated, is no longer a restatement: not checked.
#[test]
fn hedged_or_negated_figures_are_not_checked() {
    let lancs = lancashire();
    for to in [
        "in over 74 per cent of cases the assessment sufficiently analysed",
        "in 74 per cent of cases the assessment did not sufficiently analyse",
    ] {
        let planted = replace_once(
            &lancs,
            "in 84 per cent of cases the assessment sufficiently analysed",
            to,
        );
        assert_eq!(added("lancashire.txt", &lancs, &planted), [], "{to}");
    }
}

/// Hartlepool's narrative restates no key question in figures ("in every case"): a
/// sentence that does is written in, to the counts (2.2.1 is 6 'Yes' of 6).
#[test]
fn planted_figure_2020_layout() {
    let hart = fixture("text/hartlepool-yjs-2020.txt");
    let sentence = "Planning to support desistance was done well in every case inspected but was less \nstrong for safety and wellbeing, and risk of harm to others.";
    let with = |figure: &str| {
        replace_once(
            &hart,
            sentence,
            &format!(
                "Planning focused sufficiently on supporting the child's desistance in \n{figure}."
            ),
        )
    };
    let cases = [
        (
            "5 of the 6 cases inspected",
            vec![key("prose-figure", "2.2", Some("2.2.1"))],
        ),
        (
            "83 per cent of cases",
            vec![key("prose-figure", "2.2", Some("2.2.1"))],
        ),
        ("6 of the 6 cases inspected", vec![]),
        ("100 per cent of cases", vec![]),
    ];
    for (figure, want) in cases {
        let planted = with(figure);
        assert_eq!(added("hartlepool.txt", &hart, &planted), want, "{figure}");
        let a = run("hartlepool.txt", &planted);
        let tied: Vec<_> = a
            .report
            .claims
            .iter()
            .filter_map(|c| c.key_question.as_deref())
            .collect();
        assert_eq!(tied, ["2.2.1"], "{figure}");
    }
}

#[test]
fn planted_rating_in_a_we_rated_sentence() {
    let hart = fixture("text/hartlepool-yjs-2020.txt");
    let planted = replace_once(
        &hart,
        "We rated assessment of cases as \u{2018}Outstanding\u{2019}.",
        "We rated assessment of cases as \u{2018}Good\u{2019}.",
    );
    assert_eq!(
        added("hartlepool.txt", &hart, &planted),
        [key("rating-mismatch", "2.1", None)]
    );
    let a = run("hartlepool.txt", &planted);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "rating-mismatch")
        .unwrap_or_else(|| panic!("a finding"));
    assert_eq!(f.span.line, 821);
    assert!(
        f.message
            .contains("'Good' in its narrative but 'Outstanding'"),
        "{}",
        f.message
    );
    let leeds = leeds();
    let planted = replace_once(
        &leeds,
        "We rated this standard as requiring improvement.",
        "We rated this standard as good.",
    );
    assert_eq!(
        added("leeds.txt", &leeds, &planted),
        [key("rating-mismatch", "2.2", None)]
    );
}

/// `extract` lists the claims it checked, with what the tables give.
#[test]
fn extract_lists_checked_claims() {
    let d = hmip::extract::document(&run("lancashire.txt", &lancashire()));
    let got: Vec<String> = d
        .claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {:?} {}",
                c.kind,
                c.standard,
                c.key_question.as_deref().unwrap_or("-"),
                c.value,
                c.table,
                c.line
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "percent 2.1 2.1.1 84 Some(Number(84)) 377",
            "percent 2.3 2.3.2 72 Some(Number(72)) 419",
            "percent 2.4 2.4.2 64 Some(Number(64)) 438",
            "percent 3.4 3.4.2 86 Some(Number(86)) 525",
        ]
    );
    let d = hmip::extract::document(&run(
        "hartlepool.txt",
        &fixture("text/hartlepool-yjs-2020.txt"),
    ));
    let got: Vec<String> = d
        .claims
        .iter()
        .map(|c| format!("{} {} {} {:?}", c.kind, c.standard, c.value, c.table))
        .collect();
    assert_eq!(
        got,
        [
            "rating 2.1 \"Outstanding\" Some(String(\"Outstanding\"))",
            "rating 2.4 \"Good\" Some(String(\"Good\"))",
            "rating 3.4 \"Outstanding\" Some(String(\"Outstanding\"))",
        ]
    );
}
