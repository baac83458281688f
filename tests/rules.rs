//! Every rule on its own fixtures (`fixtures/rules/<rule>/fires.txt` and `clean.txt`,
//! written by `fixtures/rules/make.py`), through the public API, as snapshots of the
//! rule's findings: one line per finding `line:col severity[rule] message`, then, indented,
//! its help, its evidence (`= line:col message`) and notes. `clean.txt` gives none.

use hmip::{Finding, ReadOptions};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixture(rule: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(rule)
        .join(format!("{kind}.txt"))
}

/// The findings in the snapshot format.
fn render(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let _ = writeln!(
            s,
            "{}:{} {}[{}] {}",
            f.span.line,
            f.span.column,
            f.severity.as_str(),
            f.rule,
            f.message
        );
        if let Some(h) = &f.help {
            let _ = writeln!(s, "  help: {h}");
        }
        for l in &f.labels {
            let _ = writeln!(s, "  = {}:{} {}", l.span.line, l.span.column, l.message);
        }
        for n in &f.notes {
            let _ = writeln!(s, "  note: {n}");
        }
    }
    s
}

/// One rule's findings on one of its fixtures.
fn findings(rule: &str, kind: &str) -> Vec<Finding> {
    let path = fixture(rule, kind);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "every rule has fires.txt and clean.txt: {}: {e}",
            path.display()
        )
    });
    let name = format!("{rule}/{kind}.txt");
    let mut a = hmip::analyse(&name, &bytes, &ReadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    a.filter_rules(&[rule.to_string()], &[]).unwrap();
    a.findings
}

#[test]
fn every_rule_has_fires_and_clean_and_every_fixture_a_rule() {
    for r in hmip::rules::ALL {
        for kind in ["fires", "clean"] {
            assert!(
                fixture(r.id, kind).is_file(),
                "every rule has fires.txt and clean.txt: {} has no {kind}.txt",
                r.id
            );
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(hmip::rules::by_id(&name).is_some(), "no rule {name}");
        }
    }
}

#[test]
fn rule_findings_on_their_fixtures() {
    for r in hmip::rules::ALL {
        for kind in ["fires", "clean"] {
            let got = findings(r.id, kind);
            assert!(got.iter().all(|f| f.rule == r.id));
            if kind == "clean" {
                assert!(
                    got.is_empty(),
                    "{} fires on clean.txt:\n{}",
                    r.id,
                    render(&got)
                );
            } else {
                assert!(!got.is_empty(), "{} does not fire on fires.txt", r.id);
            }
            insta::with_settings!({
                description => format!("{} on fixtures/rules/{}/{kind}.txt", r.id, r.id),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{}_{kind}", r.id), render(&got));
            });
        }
    }
}
