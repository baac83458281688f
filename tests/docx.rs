//! Word input: `extract` and `check` on each .docx fixture equal the report's text, field by
//! field; a tracked change that alters a key-question percentage is read as accepted by
//! default (and the finding names the change), as rejected with `--as-original`.

mod common;
use assert_cmd::Command;
use common::*;
use hmip::extract::document;
use hmip::{analyse, input};
use std::io::{Read, Write};

fn fields(d: &hmip::extract::Document) -> serde_json::Value {
    serde_json::json!({
        "service": d.service, "published": d.published, "fieldwork_start": d.fieldwork_start,
        "overall": [d.overall.stated, d.overall.computed, d.overall.stated_score, d.overall.computed_score],
        "standards": d.standards.iter().map(|s| serde_json::json!([s.id, s.stated, s.computed, s.ratings.summary, s.ratings.body, s.ratings.annex,
            s.key_questions.iter().map(|k| serde_json::json!([k.id, k.text, k.percent])).collect::<Vec<_>>()])).collect::<Vec<_>>(),
        "recommendations": d.recommendations.iter().map(|r| serde_json::json!([r.number, r.addressee, r.text])).collect::<Vec<_>>(),
        "count": d.stated_recommendation_count,
        "samples": [d.samples.court, d.samples.out_of_court],
        "findings": d.findings.iter().map(|f| serde_json::json!([f.rule, f.severity, f.standard, f.message])).collect::<Vec<_>>(),
    })
}

fn doc_of_bytes(name: &str, bytes: &[u8], as_original: bool) -> hmip::Analysis {
    let opts = input::Options {
        as_original,
        ..input::Options::default()
    };
    analyse(name, bytes, &opts, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn docx_equals_the_report_text() {
    for stem in ["lancashire-yot-2019", "leeds-yjs-2019"] {
        let bytes = std::fs::read(fixture_path(&format!("docx/{stem}.docx"))).unwrap_or_default();
        let d = document(&doc_of_bytes(stem, &bytes, false));
        let t = document(&run(stem, &fixture(&format!("text/{stem}.txt"))));
        assert_eq!(fields(&d), fields(&t), "{stem}");
    }
}

/// The Lancashire docx with 2.2.3's "61%" changed by a tracked deletion and insertion.
fn with_tracked_change(new_pct: &str) -> Vec<u8> {
    let bytes = std::fs::read(fixture_path("docx/lancashire-yot-2019.docx")).unwrap_or_default();
    let mut zin =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let name = f.name().unwrap_or_else(|e| panic!("{e}")).to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap_or_default();
            let old = "<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>61%</w:t></w:r>";
            assert_eq!(xml.matches(old).count(), 1);
            let new = format!(
                "<w:del w:id=\"901\" w:author=\"A. Editor\" w:date=\"2026-11-20T10:00:00Z\"><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:delText>61%</w:delText></w:r></w:del>\
                 <w:ins w:id=\"902\" w:author=\"A. Editor\" w:date=\"2026-11-20T10:00:00Z\"><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>{new_pct}</w:t></w:r></w:ins>"
            );
            data = xml.replace(old, &new).into_bytes();
        }
        out.start_file(name, opts).unwrap_or_else(|e| panic!("{e}"));
        out.write_all(&data).unwrap_or_else(|e| panic!("{e}"));
    }
    out.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

#[test]
fn tracked_change_is_read_as_accepted_and_named() {
    let bytes = with_tracked_change("41%");
    let a = doc_of_bytes("draft.docx", &bytes, false);
    let d = document(&a);
    let kq = d.standards[5]
        .key_questions
        .iter()
        .find(|k| k.id == "2.2.3")
        .map(|k| k.percent.clone());
    assert_eq!(
        kq,
        Some(serde_json::Number::from_f64(41.0).map(|_| serde_json::Number::from(41)))
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "band-rule")
        .unwrap_or_else(|| panic!("no band-rule finding: {:#?}", a.findings));
    assert_eq!(f.severity, hmip::Severity::Error);
    assert!(
        f.notes
            .iter()
            .any(|n| n.contains("tracked insertion by A. Editor")),
        "{:?}",
        f.notes
    );
    assert!(
        f.notes.iter().any(|n| n.starts_with("table ")),
        "{:?}",
        f.notes
    );
}

#[test]
fn as_original_reads_the_rejected_version() {
    let bytes = with_tracked_change("41%");
    let a = doc_of_bytes("draft.docx", &bytes, true);
    let d = document(&a);
    let pct = d.standards[5]
        .key_questions
        .iter()
        .find(|k| k.id == "2.2.3")
        .and_then(|k| k.percent.as_ref()?.as_i64());
    assert_eq!(pct, Some(61));
    assert!(a.findings.iter().all(|f| f.rule != "band-rule"));

    // The same through the CLI.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("draft.docx");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("band-rule") && s.contains("tracked insertion by A. Editor"),
        "{s}"
    );
    let out = Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--format", "json", "--as-original"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("band-rule"));
}

#[test]
fn corrupt_docx_is_a_clear_error() {
    let out = Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "-"])
        .write_stdin(b"PK\x03\x04 this is not really a zip".to_vec())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains("<stdin>") && err.contains("Word document"),
        "{err}"
    );
}
