//! Every subcommand's output and exit code as a snapshot (`insta-cmd`): `check` in human
//! and JSON form on each kind of input, standard input and the failures, `extract`,
//! `rule`, `dataset`, and bad arguments. `tests/cli.rs` checks specific facts; these catch
//! any change in what a user sees. Commands run in the crate folder with relative paths,
//! so the snapshots hold no machine's paths; temporary paths and timings are filtered
//! (`[TMP]`, `[TIME]`).

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use std::fs::File;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `hmip` run in `dir`, with no colour forced on by the environment.
fn hmip_in(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(get_cargo_bin("hmip"));
    c.current_dir(dir)
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    c
}

fn hmip(args: &[&str]) -> Command {
    hmip_in(Path::new(ROOT), args)
}

/// The reports `check` is snapshotted on, one per reader, and the snapshot name of each.
const REPORTS: [(&str, &str); 4] = [
    ("fixtures/text/lancashire-yot-2019.txt", "lancashire_txt"),
    ("fixtures/text/hartlepool-yjs-2020.txt", "hartlepool_txt"),
    ("fixtures/pdf/lancashire-yot-2019.pdf", "lancashire_pdf"),
    ("fixtures/docx/leeds-yjs-2019.docx", "leeds_docx"),
];

#[test]
fn check_human_and_json() {
    for (path, name) in REPORTS {
        assert_cmd_snapshot!(
            format!("check_human_{name}"),
            hmip(&["check", "--color", "never", path])
        );
        assert_cmd_snapshot!(
            format!("check_json_{name}"),
            hmip(&["check", "--format", "json", path])
        );
    }
}

#[test]
fn check_stdin() {
    let mut c = hmip(&["check", "--color", "never", "-"]);
    c.stdin(File::open(Path::new(ROOT).join("fixtures/rules/standard-name/fires.txt")).unwrap());
    insta::with_settings!({ description => "stdin: fixtures/rules/standard-name/fires.txt" }, {
        assert_cmd_snapshot!("check_stdin_human", c);
    });
    let mut c = hmip(&["check", "--format", "json", "-"]);
    c.stdin(File::open(Path::new(ROOT).join("fixtures/rules/standard-name/clean.txt")).unwrap());
    insta::with_settings!({ description => "stdin: fixtures/rules/standard-name/clean.txt" }, {
        assert_cmd_snapshot!("check_stdin_json", c);
    });
}

#[test]
fn check_failures() {
    assert_cmd_snapshot!(
        "check_missing_file",
        hmip(&["check", "fixtures/text/no-such-report.txt"])
    );
    assert_cmd_snapshot!(
        "check_no_ratings",
        hmip(&["check", "--color", "never", "fixtures/README.md"])
    );
    assert_cmd_snapshot!("check_no_input", hmip(&["check"]));
    assert_cmd_snapshot!(
        "check_unknown_rule",
        hmip(&[
            "check",
            "--select",
            "no-such-rule",
            "fixtures/text/leeds-yjs-2019.txt"
        ])
    );
}

#[test]
fn extract_and_rule() {
    assert_cmd_snapshot!(
        "extract_leeds_txt",
        hmip(&["extract", "fixtures/text/leeds-yjs-2019.txt"])
    );
    assert_cmd_snapshot!("rule_list", hmip(&["rule"]));
    assert_cmd_snapshot!("rule_band_rule", hmip(&["rule", "band-rule"]));
}

#[test]
fn dataset() {
    // A scratch folder holding a copy of fixtures/text, so the command's paths (and the
    // `report` column) are relative and the same on every machine.
    let tmp = tempfile::tempdir().unwrap();
    let text = tmp.path().join("fixtures/text");
    std::fs::create_dir_all(&text).unwrap();
    let mut copied = 0;
    for e in std::fs::read_dir(Path::new(ROOT).join("fixtures/text")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, text.join(p.file_name().unwrap())).unwrap();
        copied += 1;
    }
    assert_eq!(copied, 3, "fixtures/text changed: update this snapshot");
    let mut c = hmip_in(
        tmp.path(),
        &["dataset", "fixtures/text", "--out", "out", "--summary"],
    );
    let tmp_path = regex_escape(&tmp.path().display().to_string());
    insta::with_settings!({ filters => vec![
        (tmp_path.as_str(), "[TMP]"),
        (r"in \d+\.\d+s", "in [TIME]"),
    ]}, {
        assert_cmd_snapshot!("dataset_stderr", c);
    });
    let out = tmp.path().join("out");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let reports = std::fs::read_to_string(out.join("reports.csv")).unwrap();
    insta::assert_snapshot!(
        "dataset_files",
        format!(
            "files in OUT:\n{}\n\nreports.csv:\n{reports}",
            names.join("\n")
        )
    );
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}
