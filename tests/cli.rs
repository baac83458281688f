//! The CLI contract, run as a black box: exit codes, JSON shapes, stdin, rule docs.

mod common;
use assert_cmd::Command;
use common::*;

fn hmip() -> Command {
    Command::cargo_bin("hmip").unwrap_or_else(|e| panic!("{e}"))
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn check_real_reports_reports_the_known_defect_and_exits_1() {
    let out = hmip()
        .args(["check", "--format", "json"])
        .arg(fixture_path("text/lancashire-yot-2019.txt"))
        .arg(fixture_path("text/leeds-yjs-2019.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        assert_eq!(l["framework"], "youth-2018");
        // Leeds also restates 3.2.1 as 71% in its narrative, where its annex prints 68%.
        let leeds = l["file"].as_str().is_some_and(|f| f.contains("leeds"));
        assert_eq!(l["errors"], if leeds { 2 } else { 1 });
        assert_eq!(l["warnings"], 0);
        let f = &l["findings"][0];
        assert_eq!(f["rule"], "standard-name");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["standard"], "3.4");
        assert_eq!(f["key_question"], serde_json::Value::Null);
        assert_eq!(f["discretion"], false);
        assert!(f["line"].as_u64().unwrap() > 100);
        assert!(f["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn human_output_points_at_the_line() {
    let out = hmip()
        .args(["check", "--color", "never"])
        .arg(fixture_path("text/lancashire-yot-2019.txt"))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("error[standard-name]"), "{s}");
    assert!(s.contains("lancashire-yot-2019.txt:157:5"), "{s}");
    assert!(
        s.contains("3.4\tReviewing") || s.contains("3.4    Reviewing"),
        "{s}"
    );
    assert!(s.contains("help: 'Reviewing' is the name of 2.4"), "{s}");
    assert!(s.contains("1 error, 0 warnings"), "{s}");
}

#[test]
fn clean_report_exits_0_and_stdin_works() {
    let text = replace_once(
        &lancashire(),
        "3.4\tReviewing\tOutstanding",
        "3.4\tJoint working\tOutstanding",
    );
    let out = hmip()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let l = &json_lines(&out.stdout)[0];
    assert_eq!(l["file"], "<stdin>");
    assert_eq!(l["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn warnings_alone_exit_0() {
    let text = replace_once(
        &lancashire(),
        "3.4\tReviewing\tOutstanding",
        "3.4\tJoint working\tOutstanding",
    );
    let text = replace_once(
        &text,
        "Each of the 12 standards",
        "Each of the 10 standards",
    );
    let out = hmip()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out.stdout)[0]["warnings"], 1);
}

#[test]
fn unreadable_and_ratingless_files_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "Just some prose.\nNo ratings here.\n").unwrap();
    let out = hmip().arg("check").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("empty.txt") && err.contains("no recognisable ratings"),
        "{err}"
    );

    let missing = dir.path().join("nope.txt");
    let out = hmip().arg("check").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));

    // In a batch, the bad file is reported and the good one still checked.
    let out = hmip()
        .args(["check", "--format", "json"])
        .arg(&empty)
        .arg(fixture_path("text/leeds-yjs-2019.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_string());
    assert_eq!(
        lines[1]["errors"], 2,
        "Leeds: standard-name and prose-figure"
    );
}

#[test]
fn check_walks_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), leeds()).unwrap();
    std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
    let out = hmip()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

#[test]
fn extract_prints_the_contract() {
    let out = hmip()
        .arg("extract")
        .arg(fixture_path("text/leeds-yjs-2019.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "file",
        "framework",
        "service",
        "published",
        "overall",
        "standards",
        "recommendations",
        "stated_recommendation_count",
        "samples",
        "findings",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    for key in ["stated", "computed", "stated_score", "computed_score"] {
        assert!(d["overall"].get(key).is_some(), "missing overall.{key}");
    }
    let s = &d["standards"][4];
    for key in [
        "id",
        "name",
        "domain",
        "stated",
        "computed",
        "key_questions",
        "line",
    ] {
        assert!(s.get(key).is_some(), "missing standards[].{key}");
    }
    for key in ["id", "text", "percent", "relevant", "yes", "line"] {
        assert!(
            s["key_questions"][0].get(key).is_some(),
            "missing key_questions[].{key}"
        );
    }
    for key in ["number", "addressee", "text", "line"] {
        assert!(
            d["recommendations"][0].get(key).is_some(),
            "missing recommendations[].{key}"
        );
    }
    assert_eq!(d["overall"]["stated"], "Requires improvement");
    assert_eq!(d["overall"]["stated_score"], serde_json::Value::Null);
}

#[test]
fn framework_override_and_unknown_framework() {
    let f = fixture_path("text/leeds-yjs-2019.txt");
    let out = hmip()
        .args(["check", "--format", "json", "--framework", "youth-2018"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = hmip()
        .args(["check", "--framework", "nope"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown framework"));
}

#[test]
fn rule_lists_and_documents() {
    let out = hmip().arg("rule").output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    for id in [
        "band-rule",
        "score-band",
        "stated-score",
        "rating-mismatch",
        "standard-name",
        "missing-standard",
        "duplicate-standard",
        "percent-range",
        "recommendation-count",
        "recommendation-numbering",
        "methodology-text",
        "sample-size",
    ] {
        assert!(s.contains(id), "{id} not listed");
    }
    let out = hmip().args(["rule", "band-rule"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("lowest band"));
    let out = hmip().args(["rule", "no-such-rule"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn select_and_ignore_rules() {
    let f = fixture_path("text/leeds-yjs-2019.txt");
    let out = hmip()
        .args([
            "check",
            "--format",
            "json",
            "--ignore",
            "standard-name,prose-figure",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = hmip()
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "band-rule,score-band",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(
        json_lines(&out.stdout)[0]["findings"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let out = hmip()
        .args(["check", "--select", "band-rul"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule"));
}
