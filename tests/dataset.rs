//! `hmip dataset` as a black box: every table against `hmip extract`, the column contract,
//! RFC 4180 round-trips, determinism across thread counts, and failure modes.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn hmip() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hmip"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The column contract (the list), table by table.
/// `framework` is on every table whose rows depend on it (a standard id names another
/// standard in each framework); `provisional` marks findings resting on unconfirmed numbers.
const CONTRACT: [(&str, &[&str]); 5] = [
    (
        "reports",
        &[
            "report",
            "sha256",
            "service",
            "framework",
            "framework_variant",
            "published",
            "fieldwork_start",
            "stated_overall",
            "computed_overall",
            "stated_score",
            "computed_score",
            "max_score",
            "court_sample",
            "out_of_court_sample",
            "stated_recommendations",
            "listed_recommendations",
            "errors",
            "warnings",
            "incomplete_reads",
            "status",
            "reason",
        ],
    ),
    (
        "standards",
        &[
            "report",
            "framework",
            "standard",
            "name",
            "domain",
            "kind",
            "stated",
            "summary_rating",
            "body_rating",
            "annex_rating",
            "computed",
            "lowest_percent",
        ],
    ),
    (
        "key_questions",
        &[
            "report",
            "framework",
            "standard",
            "key_question",
            "prompt",
            "text",
            "percent",
            "relevant",
            "yes",
            "line",
        ],
    ),
    (
        "recommendations",
        &["report", "number", "addressee", "text", "line"],
    ),
    (
        "findings",
        &[
            "report",
            "framework",
            "rule",
            "severity",
            "standard",
            "key_question",
            "line",
            "column",
            "page",
            "discretion",
            "provisional",
            "message",
        ],
    ),
];

/// A name that needs every kind of CSV quoting.
const AWKWARD: &str = "we\"ird, name\nwith newline.txt";

/// A folder with a copy of every fixture report, a corrupt PDF and a report whose file
/// name holds a comma, a quote and a newline.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures();
    let mut n = 0;
    for (sub, ext) in [("text", "txt"), ("docx", "docx"), ("pdf", "pdf")] {
        for e in std::fs::read_dir(f.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().and_then(|x| x.to_str()) == Some(ext) {
                std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
                n += 1;
            }
        }
    }
    assert!(n >= 5, "fixtures not found");
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.7 garbage").unwrap();
    let nested = dir.path().join("nested");
    std::fs::create_dir(&nested).unwrap();
    std::fs::copy(f.join("text/leeds-yjs-2019.txt"), nested.join(AWKWARD)).unwrap();
    dir
}

struct Table {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

fn read_table(path: &Path) -> Table {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), header.len(), "{}: ragged row", path.display());
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    Table { header, rows }
}

/// The CSV spelling of a JSON value from the extract document.
fn csv_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => panic!("not a scalar: {other}"),
    }
}

fn extract(path: &str) -> Option<Value> {
    let out = hmip().arg("extract").arg(path).output().unwrap();
    match out.status.code() {
        Some(0) => Some(serde_json::from_slice(&out.stdout).unwrap()),
        Some(2) => None,
        c => panic!("hmip extract {path}: exit {c:?}"),
    }
}

fn run_dataset(inputs: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    hmip()
        .arg("dataset")
        .arg(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Rows of a table for one report, in order.
fn rows_of<'a>(t: &'a Table, report: &str) -> Vec<&'a BTreeMap<String, String>> {
    t.rows.iter().filter(|r| r["report"] == report).collect()
}

/// One report's row of `reports.csv` against its extract document.
fn check_report_row(file: &str, row: &BTreeMap<String, String>, doc: &Value) {
    let o = &doc["overall"];
    for (col, v) in [
        ("service", &doc["service"]),
        ("framework", &doc["framework"]),
        ("framework_variant", &doc["framework_variant"]),
        ("published", &doc["published"]),
        ("fieldwork_start", &doc["fieldwork_start"]),
        ("stated_overall", &o["stated"]),
        ("computed_overall", &o["computed"]),
        ("stated_score", &o["stated_score"]),
        ("computed_score", &o["computed_score"]),
        ("max_score", &o["max_score"]),
        ("court_sample", &doc["samples"]["court"]),
        ("out_of_court_sample", &doc["samples"]["out_of_court"]),
        (
            "stated_recommendations",
            &doc["stated_recommendation_count"],
        ),
        ("errors", &doc["errors"]),
        ("warnings", &doc["warnings"]),
    ] {
        assert_eq!(row[col], csv_of(v), "{file}: reports.{col}");
    }
    let recs = doc["recommendations"].as_array().unwrap();
    assert_eq!(row["listed_recommendations"], recs.len().to_string());
    let unread = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "incomplete-read")
        .count();
    assert_eq!(row["incomplete_reads"], unread.to_string(), "{file}");
    assert_eq!(row["sha256"].len(), 64);
}

/// One report's rows of `findings.csv` against its extract document: how many.
fn check_findings(file: &str, doc: &Value, tables: &BTreeMap<&str, Table>) -> usize {
    let finds = doc["findings"].as_array().unwrap();
    let frows = rows_of(&tables["findings"], file);
    assert_eq!(frows.len(), finds.len());
    for (f, r) in finds.iter().zip(&frows) {
        for col in [
            "rule",
            "severity",
            "standard",
            "key_question",
            "line",
            "column",
            "page",
            "discretion",
            "provisional",
            "message",
        ] {
            assert_eq!(r[col], csv_of(&f[col]), "{file}: findings.{col}");
        }
        assert_eq!(r["framework"], csv_of(&doc["framework"]));
    }
    finds.len()
}

/// The standards and key-question rows of one report against its extract document:
/// (standards, key questions) compared.
fn check_standards(file: &str, doc: &Value, tables: &BTreeMap<&str, Table>) -> (usize, usize) {
    let mut n_kq = 0;
    let stds = doc["standards"].as_array().unwrap();
    let srows = rows_of(&tables["standards"], file);
    assert_eq!(srows.len(), stds.len(), "{file}: standards");
    let mut kq_rows = rows_of(&tables["key_questions"], file).into_iter();
    for (s, r) in stds.iter().zip(&srows) {
        for (col, v) in [
            ("framework", &doc["framework"]),
            ("standard", &s["id"]),
            ("name", &s["name"]),
            ("domain", &s["domain"]),
            ("kind", &s["kind"]),
            ("stated", &s["stated"]),
            ("summary_rating", &s["ratings"]["summary"]),
            ("body_rating", &s["ratings"]["body"]),
            ("annex_rating", &s["ratings"]["annex"]),
            ("computed", &s["computed"]),
            ("lowest_percent", &s["lowest_percent"]),
        ] {
            assert_eq!(r[col], csv_of(v), "{file} {}: standards.{col}", s["id"]);
        }
        for k in s["key_questions"].as_array().unwrap() {
            let r = kq_rows.next().expect("missing key question row");
            n_kq += 1;
            assert_eq!(r["standard"], csv_of(&s["id"]));
            assert_eq!(r["framework"], csv_of(&doc["framework"]));
            for (col, v) in [
                ("key_question", &k["id"]),
                ("prompt", &k["prompt"]),
                ("text", &k["text"]),
                ("percent", &k["percent"]),
                ("relevant", &k["relevant"]),
                ("yes", &k["yes"]),
                ("line", &k["line"]),
            ] {
                assert_eq!(r[col], csv_of(v), "{file} {}: key_questions.{col}", k["id"]);
            }
        }
    }
    assert!(kq_rows.next().is_none(), "{file}: extra key question rows");
    (stds.len(), n_kq)
}

#[test]
fn every_table_matches_hmip_extract() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let o = run_dataset(input.path(), out.path(), &["--summary"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The corrupt file makes the run exit 2, after writing everything.
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unreadable"), "{stderr}");

    let tables: BTreeMap<&str, Table> = CONTRACT
        .iter()
        .map(|(name, cols)| {
            let t = read_table(&out.path().join(format!("{name}.csv")));
            assert_eq!(&t.header, cols, "{name}.csv header");
            (*name, t)
        })
        .collect();
    let reports = &tables["reports"];

    // Inputs in path order, one row each.
    let mut files: Vec<String> = Vec::new();
    fn walk(d: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p.to_string_lossy().into_owned());
            }
        }
    }
    walk(input.path(), &mut files);
    files.sort();
    let listed: Vec<&str> = reports.rows.iter().map(|r| r["report"].as_str()).collect();
    assert_eq!(listed, files, "one row per input, sorted by path");

    let broken = input
        .path()
        .join("broken.pdf")
        .to_string_lossy()
        .into_owned();
    let row = rows_of(reports, &broken)[0];
    assert_eq!(row["status"], "unreadable");
    assert_eq!(row["incomplete_reads"], "");
    // The two-page excerpt lacks most of a report: its row says so.
    let excerpt = rows_of(
        reports,
        &input
            .path()
            .join("lancashire-yot-2019.winansi-excerpt.pdf")
            .to_string_lossy(),
    )[0];
    assert!(
        excerpt["incomplete_reads"]
            .parse::<u32>()
            .is_ok_and(|n| n > 0),
        "{excerpt:?}"
    );
    assert!(!row["reason"].is_empty() && !row["reason"].contains('\n'));

    let jsonl = std::fs::read_to_string(out.path().join("dataset.jsonl")).unwrap();
    let mut docs_in_jsonl = jsonl.lines();
    let (mut n_std, mut n_kq, mut n_rec, mut n_find, mut n_ok) = (0, 0, 0, 0, 0);
    for file in &files {
        let row = rows_of(reports, file)[0];
        let Some(doc) = extract(file) else {
            assert_eq!(row["status"], "unreadable", "{file}");
            assert!(!row["reason"].is_empty());
            assert!(rows_of(&tables["standards"], file).is_empty());
            continue;
        };
        n_ok += 1;
        assert_eq!(row["status"], "ok", "{file}: {}", row["reason"]);
        assert_eq!(row["reason"], "");
        // dataset.jsonl: the same document, compact, in the same order.
        let line: Value = serde_json::from_str(docs_in_jsonl.next().unwrap()).unwrap();
        assert_eq!(line, doc, "{file}: dataset.jsonl");
        assert_eq!(doc["file"].as_str(), Some(file.as_str()));

        check_report_row(file, row, &doc);
        let recs = doc["recommendations"].as_array().unwrap();

        let (stds, kqs) = check_standards(file, &doc, &tables);
        n_std += stds;
        n_kq += kqs;

        let rrows = rows_of(&tables["recommendations"], file);
        assert_eq!(rrows.len(), recs.len());
        for (rec, r) in recs.iter().zip(&rrows) {
            for col in ["number", "addressee", "text", "line"] {
                assert_eq!(r[col], csv_of(&rec[col]), "{file}: recommendations.{col}");
            }
        }
        n_rec += recs.len();

        n_find += check_findings(file, &doc, &tables);
    }
    assert!(docs_in_jsonl.next().is_none(), "extra dataset.jsonl lines");
    assert!(n_ok >= 3, "the text and Word fixtures are readable");
    assert!(n_kq > 0 && n_rec > 0);
    assert_eq!(tables["standards"].rows.len(), n_std);
    assert_eq!(tables["key_questions"].rows.len(), n_kq);
    assert_eq!(tables["recommendations"].rows.len(), n_rec);
    assert_eq!(tables["findings"].rows.len(), n_find);

    // The awkward name (comma, quote, newline) round-trips through RFC 4180 quoting.
    let awkward = input.path().join("nested").join(AWKWARD);
    let awkward = awkward.to_string_lossy();
    assert_eq!(rows_of(reports, &awkward)[0]["status"], "ok");
    assert!(!rows_of(&tables["key_questions"], &awkward).is_empty());
    let raw = std::fs::read_to_string(out.path().join("reports.csv")).unwrap();
    assert!(raw.contains(&format!("\"{}\"", awkward.replace('"', "\"\""))));

    // schema.md documents every column of every table; summary.md was written.
    let schema = std::fs::read_to_string(out.path().join("schema.md")).unwrap();
    for (name, cols) in CONTRACT {
        assert!(
            schema.contains(&format!("## {name}.csv")),
            "schema.md: {name}"
        );
        for c in cols {
            assert!(
                schema.contains(&format!("| `{c}` |")),
                "schema.md: {name}.{c}"
            );
        }
    }
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("## Overall ratings") && summary.contains("| 2.1 |"));
    // Nothing temporary left behind.
    for e in std::fs::read_dir(out.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "left behind: {name}");
    }
}

#[test]
fn sqlite_holds_the_same_tables_with_keys() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let db = out.path().join("hmip.sqlite");
    let o = run_dataset(
        input.path(),
        out.path(),
        &["--quiet", "--sqlite", db.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stderr.is_empty(),
        "--quiet: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (name, cols) in CONTRACT {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {name}"), [], |r| r.get(0))
            .unwrap();
        let t = read_table(&out.path().join(format!("{name}.csv")));
        assert_eq!(n as usize, t.rows.len(), "{name}");
        let stmt = conn.prepare(&format!("SELECT * FROM {name}")).unwrap();
        let names: Vec<&str> = stmt.column_names();
        assert_eq!(&names, cols);
    }
    // Cross-report queries join on the keys.
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM key_questions k JOIN reports r USING (report) WHERE r.status = 'ok'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n > 0);
    let fk: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(fk.is_empty(), "{fk:?}");
    let dup = conn.execute(
        "INSERT INTO standards (report, standard) SELECT report, standard FROM standards LIMIT 1",
        [],
    );
    assert!(dup.is_err(), "standards (report, standard) is a key");
}

#[test]
fn output_does_not_depend_on_thread_count() {
    // More files than one chunk, so chunking and ordering are exercised.
    let input = tempfile::tempdir().unwrap();
    let f = fixtures();
    for i in 0..150 {
        let src = match i % 4 {
            0 => f.join("text/leeds-yjs-2019.txt"),
            1 => f.join("text/lancashire-yot-2019.txt"),
            2 => f.join("docx/leeds-yjs-2019.docx"),
            _ => f.join("text/hartlepool-yjs-2020.txt"),
        };
        let name = format!("r{i:03}.{}", src.extension().unwrap().to_str().unwrap());
        std::fs::copy(src, input.path().join(name)).unwrap();
    }
    std::fs::write(input.path().join("r050.pdf"), b"%PDF-1.7 garbage").unwrap();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let common = ["--summary", "--quiet"];
    let oa = run_dataset(
        input.path(),
        a.path(),
        &[&common[..], &["--jobs", "1"]].concat(),
    );
    let ob = run_dataset(
        input.path(),
        b.path(),
        &[&common[..], &["--jobs", "2"]].concat(),
    );
    assert_eq!(oa.status.code(), Some(2));
    assert_eq!(ob.status.code(), Some(2));
    let mut names: Vec<String> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "dataset.jsonl",
            "findings.csv",
            "key_questions.csv",
            "recommendations.csv",
            "reports.csv",
            "schema.md",
            "standards.csv",
            "summary.md"
        ]
    );
    for n in &names {
        let x = std::fs::read(a.path().join(n)).unwrap();
        let y = std::fs::read(b.path().join(n)).unwrap();
        assert!(x == y, "{n} differs between --jobs 1 and --jobs 2");
    }
    let t = read_table(&a.path().join("reports.csv"));
    assert_eq!(t.rows.len(), 151);
}

#[test]
fn glob_filters_folder_contents() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let o = run_dataset(
        input.path(),
        out.path(),
        &["--glob", "*.txt", "--jobs", "2"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let t = read_table(&out.path().join("reports.csv"));
    assert!(!t.rows.is_empty());
    assert!(t
        .rows
        .iter()
        .all(|r| r["report"].ends_with(".txt") && r["status"] == "ok"));
}

#[test]
fn output_folder_that_is_a_file_is_a_clear_error() {
    let input = corpus();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let o = run_dataset(input.path(), &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not a folder"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");

    // Under a file: cannot be created.
    let o = run_dataset(input.path(), &file.join("sub"), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot create the output folder"), "{err}");
}

#[test]
fn a_failed_run_leaves_no_tables_behind() {
    let input = corpus();
    let out = tempfile::tempdir().unwrap();
    let o = run_dataset(
        input.path(),
        out.path(),
        &["--sqlite", "/nonexistent-hmip-dir/x/db.sqlite"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn no_report_files_is_an_error() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("notes.csv"), "a,b").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = run_dataset(input.path(), &out.path().join("o"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no report files"));
}
