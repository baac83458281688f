//! PDF input: `extract` on each fixture PDF equals `extract` on the text `pdftotext -layout`
//! gives for it (committed once as `fixtures/pdf/*.pdftotext.txt`; poppler is never run
//! here), field by field, and equals the report's faithful text where the PDF prints the
//! same thing. Line numbers differ between the shapes and are not compared.

mod common;
use common::*;
use hmip::extract::{document, Document};
use hmip::{analyse, ReadOptions};
use serde_json::{json, Value};

const FULL: [&str; 7] = [
    "lancashire-yot-2019",
    "lancashire-yot-2019.calibri",
    "lancashire-yot-2019.chromium",
    "lancashire-yot-2019.serif",
    "lancashire-yot-2019.latex",
    "leeds-yjs-2019",
    "leeds-yjs-2019.weasy",
];

fn doc_of(path: &str) -> Document {
    let bytes = std::fs::read(fixture_path(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let a = analyse(path, &bytes, &ReadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    document(&a)
}

/// The fields compared: everything but line numbers and the file name.
fn fields(d: &Document) -> Value {
    json!({
        "framework": d.framework,
        "service": d.service,
        "published": d.published,
        "fieldwork_start": d.fieldwork_start,
        "overall": [d.overall.stated, d.overall.computed, d.overall.stated_score, d.overall.computed_score],
        "standards": d.standards.iter().map(|s| json!({
            "id": s.id, "stated": s.stated, "computed": s.computed,
            "summary": s.ratings.summary, "body": s.ratings.body, "annex": s.ratings.annex,
            "key_questions": s.key_questions.iter().map(|k| json!([k.id, k.prompt, k.text, k.percent])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "recommendations": d.recommendations.iter().map(|r| json!([r.number, r.addressee, r.text])).collect::<Vec<_>>(),
        "stated_recommendation_count": d.stated_recommendation_count,
        "samples": [d.samples.court, d.samples.out_of_court],
        "findings": d.findings.iter().map(|f| json!([f.rule, f.severity, f.standard, f.key_question, f.message])).collect::<Vec<_>>(),
    })
}

fn assert_same(a: &Value, b: &Value, what: &str) {
    if a != b {
        let (Some(ao), Some(bo)) = (a.as_object(), b.as_object()) else {
            panic!("{what}")
        };
        for (k, v) in ao {
            assert_eq!(Some(v), bo.get(k), "{what}: field {k} differs");
        }
    }
}

#[test]
fn pdf_equals_its_pdftotext_text() {
    for stem in FULL
        .iter()
        .chain(["lancashire-yot-2019.winansi-excerpt"].iter())
    {
        let pdf = fields(&doc_of(&format!("pdf/{stem}.pdf")));
        let txt = fields(&doc_of(&format!("pdf/{stem}.pdftotext.txt")));
        assert_same(&pdf, &txt, stem);
    }
}

#[test]
fn pdf_equals_the_report_text() {
    for stem in FULL {
        let report = stem.split('.').next().unwrap_or(stem);
        let pdf = doc_of(&format!("pdf/{stem}.pdf"));
        let text = doc_of(&format!("text/{report}.txt"));
        let (mut p, t) = (fields(&pdf), fields(&text));
        if stem.ends_with("weasy") {
            // WeasyPrint set each recommendation as its own list, so the PDF prints "1."
            // eight times: recommendation-numbering rightly reports it. Everything else,
            // including the texts and addressees, must match.
            let nums: Vec<u32> = pdf.recommendations.iter().map(|r| r.number).collect();
            assert_eq!(nums, vec![1; 8]);
            let numbering = pdf
                .findings
                .iter()
                .filter(|f| f.rule == "recommendation-numbering")
                .count();
            assert_eq!(numbering, 7);
            p["recommendations"] = t["recommendations"].clone();
            p["findings"] = t["findings"].clone();
            let texts: Vec<&str> = pdf
                .recommendations
                .iter()
                .map(|r| r.text.as_str())
                .collect();
            let want: Vec<&str> = text
                .recommendations
                .iter()
                .map(|r| r.text.as_str())
                .collect();
            assert_eq!(texts, want);
        }
        assert_same(&p, &t, stem);
    }
}

#[test]
fn every_rating_and_percentage_is_read_from_each_pdf() {
    for stem in FULL {
        let d = doc_of(&format!("pdf/{stem}.pdf"));
        assert_eq!(d.standards.len(), 12, "{stem}");
        for s in &d.standards {
            assert!(
                s.ratings.summary.is_some()
                    && s.ratings.body.is_some()
                    && s.ratings.annex.is_some(),
                "{stem} {}",
                s.id
            );
        }
        let pct = d
            .standards
            .iter()
            .flat_map(|s| &s.key_questions)
            .filter(|k| k.percent.is_some())
            .count();
        assert_eq!(pct, 23, "{stem}");
        assert!(
            d.overall.stated.is_some() && d.overall.computed_score.is_some(),
            "{stem}"
        );
    }
}

#[test]
fn no_footer_text_leaks_into_values() {
    for stem in FULL {
        let d = doc_of(&format!("pdf/{stem}.pdf"));
        let all = serde_json::to_string(&fields(&d)).unwrap_or_default();
        assert!(
            !all.contains("Inspection of youth offending services"),
            "{stem}"
        );
        for r in &d.recommendations {
            assert!(
                !r.text.chars().last().is_some_and(|c| c.is_ascii_digit()),
                "{stem}: {}",
                r.text
            );
        }
    }
}

#[test]
fn findings_on_a_pdf_name_the_page() {
    let bytes = std::fs::read(fixture_path("pdf/lancashire-yot-2019.pdf")).unwrap_or_default();
    let a =
        analyse("l.pdf", &bytes, &ReadOptions::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "standard-name")
        .unwrap_or_else(|| panic!("no finding"));
    assert!(
        f.notes.iter().any(|n| n.starts_with("page ")),
        "{:?}",
        f.notes
    );
    let d = document(&a);
    assert!(d.findings.iter().all(|f| f.page.is_some()));
}

/// A PDF of raw content streams with font /F1 (Helvetica) and image /Im1 in the resources.
fn small_pdf(pages: &[&str]) -> Vec<u8> {
    use lopdf::{dictionary, Document as Pdf, Object, Stream};
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0],
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
        "XObject" => dictionary! { "Im1" => image },
    });
    let mut kids: Vec<Object> = Vec::new();
    for content in pages {
        let c = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let p = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(p.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

#[test]
fn the_readers_notes_reach_the_source_with_their_page() {
    let pdf = small_pdf(&[
        "BT /F1 12 Tf 72 700 Td (Overall rating) Tj ET",
        "BT /F9 12 Tf 72 700 Td (lost words) Tj ET",
        "q 500 0 0 700 40 60 cm /Im1 Do Q",
    ]);
    let src = hmip::read("n.pdf", &pdf, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let on = |p: u32| -> Vec<&str> {
        src.reader_notes
            .iter()
            .filter(|n| n.page == Some(p))
            .map(|n| n.message.as_str())
            .collect()
    };
    assert!(on(1).is_empty(), "{:?}", src.reader_notes);
    let two = on(2);
    assert!(
        two.iter()
            .any(|m| m.contains("font /F9 is not in the page resources")),
        "{two:?}"
    );
    assert!(
        two.contains(&"10 glyphs could not be decoded to text (shown as U+FFFD)"),
        "{two:?}"
    );
    assert!(
        on(3).iter().any(|m| m.contains("images but no text")),
        "{:?}",
        on(3)
    );
    assert!(src.reader_notes.iter().all(|n| n.page.is_some()));
}

#[test]
fn a_scanned_pdf_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("scan.pdf");
    let page = "q 500 0 0 700 40 60 cm /Im1 Do Q";
    std::fs::write(&path, small_pdf(&[page, page])).unwrap_or_else(|e| panic!("{e}"));
    let out = assert_cmd::Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no text layer (scanned images?): run OCR first"),
        "{err}"
    );
}

/// A report's text laid out as a PDF of `Tj` lines in Helvetica (WinAnsi; characters
/// outside ASCII replaced), 50 lines a page, with `extra` appended as pages of their own.
fn report_pdf(text: &str, extra: &[&str]) -> Vec<u8> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c if c.is_ascii() && c != '\t' => c,
            _ => ' ',
        })
        .collect();
    let mut pages: Vec<String> = ascii
        .lines()
        .collect::<Vec<_>>()
        .chunks(50)
        .map(|chunk| {
            let mut s = String::from("BT /F1 9 Tf 14 TL 40 800 Td\n");
            for l in chunk {
                let esc = l
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                s.push_str(&format!("({esc}) Tj T*\n"));
            }
            s.push_str("ET");
            s
        })
        .collect();
    pages.extend(extra.iter().map(|p| p.to_string()));
    let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
    small_pdf(&refs)
}

#[test]
fn a_page_the_reader_could_not_decode_is_an_incomplete_read_naming_the_page() {
    let text = std::fs::read_to_string(fixture_path("text/lancashire-yot-2019.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = "BT /F9 12 Tf 72 700 Td (lost words) Tj ET";
    let clean = report_pdf(&text, &[]);
    let broken = report_pdf(&text, &[bad]);
    let pages = text.lines().count().div_ceil(50) as u32;
    let incomplete = |pdf: &[u8]| -> Vec<String> {
        let a =
            analyse("r.pdf", pdf, &ReadOptions::default(), None).unwrap_or_else(|e| panic!("{e}"));
        document(&a)
            .findings
            .iter()
            .filter(|f| f.rule == "incomplete-read")
            .map(|f| f.message.clone())
            .collect()
    };
    // The report itself reads whole: no reading gap is reported.
    assert_eq!(incomplete(&clean), Vec::<String>::new());
    let got = incomplete(&broken);
    let page = format!("page {}: ", pages + 1);
    assert!(
        got.iter()
            .any(|m| m.starts_with(&page) && m.contains("font /F9 is not in the page resources")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|m| m.starts_with(&page) && m.contains("could not be decoded")),
        "{got:?}"
    );
    assert!(got.iter().all(|m| m.starts_with(&page)), "{got:?}");
}

#[test]
fn a_page_that_cannot_be_read_is_an_incomplete_read_naming_the_page() {
    let text = std::fs::read_to_string(fixture_path("text/lancashire-yot-2019.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    // An image-only page in a report with a text layer: that page was not read.
    let scan = "q 500 0 0 700 40 60 cm /Im1 Do Q";
    let pdf = report_pdf(&text, &[scan]);
    let pages = text.lines().count().div_ceil(50) as u32;
    let a = analyse("r.pdf", &pdf, &ReadOptions::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let d = document(&a);
    let f = d
        .findings
        .iter()
        .find(|f| f.rule == "incomplete-read")
        .unwrap_or_else(|| panic!("no incomplete-read"));
    assert!(
        f.message.starts_with(&format!(
            "page {}: the page has images but no text",
            pages + 1
        )),
        "{}",
        f.message
    );
}
