//! Word input: `extract` and `check` on each .docx fixture equal the report's text, field by
//! field; a tracked change that alters a key-question percentage is read as accepted by
//! default (and the finding names the change), as rejected with `--as-original`.

mod common;
use assert_cmd::Command;
use common::*;
use hmip::extract::document;
use hmip::{analyse, ReadOptions};
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
    let opts = ReadOptions {
        as_original,
        ..ReadOptions::default()
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

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn para(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

/// A Word document built from a text report the way an editor would write it: tab rows as
/// real tables (domain headings as merged cells across the table), recommendations as an
/// auto-numbered list (the numbers are not in the text), and a real footnote reference.
fn as_word(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let mut table: Vec<Vec<&str>> = Vec::new();
    let flush = |table: &mut Vec<Vec<&str>>, body: &mut String| {
        if table.is_empty() {
            return;
        }
        body.push_str("<w:tbl>");
        let width = table.iter().map(Vec::len).max().unwrap_or(1);
        for (i, row) in table.iter().enumerate() {
            if i == 0 && row.len() == width {
                // A merged title row above the first table row.
                body.push_str(&format!(
                    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"{width}\"/></w:tcPr>{}</w:tc></w:tr>",
                    para("")
                ));
            }
            body.push_str("<w:tr>");
            for c in row {
                body.push_str(&format!("<w:tc>{}</w:tc>", para(c)));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
        table.clear();
    };
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').filter(|c| !c.is_empty()).collect();
        if cells.len() >= 2 {
            table.push(cells);
            continue;
        }
        flush(&mut table, &mut body);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let numbered = t
            .split_once(". ")
            .filter(|(n, _)| n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()));
        if let Some((_, rest)) = numbered.filter(|_| {
            !t.contains("Organisational") && !t.contains("disposals") && !t.contains("Domain")
        }) {
            body.push_str(&format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(rest)
            ));
        } else if let Some(rest) = t.strip_prefix("Service: ") {
            body.push_str(&format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">Service: {}</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
                xml_escape(rest)
            ));
        } else {
            body.push_str(&para(t));
        }
    }
    flush(&mut table, &mut body);
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let numbering = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    let footnotes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:footnote w:id=\"1\"><w:p><w:r><w:t>The service's formal name.</w:t></w:r></w:p></w:footnote></w:footnotes>";
    testkit::build_test_docx(
        &document,
        &[
            ("word/numbering.xml", numbering),
            ("word/footnotes.xml", footnotes),
        ],
    )
}

#[test]
fn a_word_built_report_with_auto_numbering_footnotes_and_merged_cells() {
    let text = fixture("rules/recommendation-count/clean.txt");
    let bytes = as_word(&text);
    let from_word = document(&doc_of_bytes("built.docx", &bytes, false));
    let from_text = document(&run("built.txt", &text));
    assert_eq!(fields(&from_word), fields(&from_text));
    let nums: Vec<u32> = from_word.recommendations.iter().map(|r| r.number).collect();
    assert_eq!(nums, vec![1, 2, 3]);
    assert_eq!(
        from_word.service.as_deref(),
        Some("Testshire Youth Offending Team")
    );
    assert_eq!(
        from_word
            .standards
            .iter()
            .filter(|s| s.ratings.summary.is_some())
            .count(),
        12
    );
}
