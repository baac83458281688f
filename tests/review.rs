//! `hmip review`: the Word draft back with a comment per finding. The reviewed copy of each
//! Word fixture, and of a draft with a tracked change on the evidence and a comment of its
//! own, is read back with our reader (same findings, also by `hmip check --format json`;
//! one comment per finding with a place plus the summary; every comment anchored by a
//! range start, end and reference, its range covering exactly the characters of its
//! evidence; every other entry unchanged) and opened by LibreOffice (PDF and ODT; in the
//! ODT every comment is there, on the same characters). Without `soffice` the LibreOffice
//! test says so and skips, unless `HMIP_REQUIRE_SOFFICE=1` (set by `.ci/run`) makes that a
//! failure.

mod common;
use assert_cmd::Command;
use common::*;
use hmip::{analyse, Analysis, ReadOptions};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

const WORD_FIXTURES: [&str; 3] = [
    "lancashire-yot-2019",
    "leeds-yjs-2019",
    "hartlepool-yjs-2020",
];

fn docx_fixture(stem: &str) -> Vec<u8> {
    std::fs::read(fixture_path(&format!("docx/{stem}.docx"))).unwrap_or_else(|e| panic!("{e}"))
}

fn analysed(name: &str, bytes: &[u8]) -> Analysis {
    analyse(name, bytes, &ReadOptions::default(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn keys(a: &Analysis) -> Vec<(String, String, u32, u32, String)> {
    a.findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity.as_str().to_string(),
                f.span.line,
                f.span.column,
                f.message.clone(),
            )
        })
        .collect()
}

/// Every entry: name → (decompressed bytes, CRC, compressed size, method).
type Entries = BTreeMap<String, (Vec<u8>, u32, u64, String)>;

fn entries(bytes: &[u8]) -> (Vec<String>, Entries) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut order = Vec::new();
    let mut out = Entries::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let name = f.name().unwrap_or_else(|e| panic!("{e}")).to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
        order.push(name.clone());
        let meta = (
            f.crc32(),
            f.compressed_size(),
            format!("{:?}", f.compression()),
        );
        out.insert(name, (data, meta.0, meta.1, meta.2));
    }
    (order, out)
}

fn text_of(e: &Entries, name: &str) -> String {
    String::from_utf8(e.get(name).map(|x| x.0.clone()).unwrap_or_default()).unwrap_or_default()
}

/// The ids of the `w:comment` elements of a comments part, in order.
fn comment_ids(comments: &str) -> Vec<u32> {
    comments
        .split("<w:comment ")
        .skip(1)
        .map(|c| {
            let v = c.split("w:id=\"").nth(1).and_then(|r| r.split('"').next());
            v.and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no id in {c:.80}"))
        })
        .collect()
}

fn once(doc: &str, what: &str) -> usize {
    let n = doc.matches(what).count();
    assert_eq!(n, 1, "{what} should occur once, occurs {n} times");
    doc.find(what).unwrap_or(0)
}

/// The text a comment's range covers in `doc`: the `w:t` contents between its range start
/// and end (a `w:tab` as a space), entities decoded, whitespace squashed.
fn range_text(doc: &str, id: u32) -> String {
    let start = format!("<w:commentRangeStart w:id=\"{id}\"/>");
    let end = format!("<w:commentRangeEnd w:id=\"{id}\"/>");
    let from = doc.find(&start).map_or(0, |i| i + start.len());
    let to = doc.find(&end).unwrap_or(from);
    let mut out = String::new();
    let mut in_t = false;
    for seg in doc.get(from..to).unwrap_or_default().split('<').skip(1) {
        let (tag, text) = seg.split_once('>').unwrap_or((seg, ""));
        if tag == "w:t" || tag.starts_with("w:t ") {
            in_t = true;
        } else if tag == "/w:t" {
            in_t = false;
        } else if tag.starts_with("w:tab") && tag.ends_with('/') {
            out.push(' ');
        }
        if in_t {
            out.push_str(text);
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The comment ids whose text has `what` (already escaped for XML).
fn comments_with(comments: &str, what: &str) -> Vec<u32> {
    comments
        .split("<w:comment ")
        .skip(1)
        .filter(|c| c.contains(what))
        .filter_map(|c| c.split("w:id=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect()
}

/// Each finding with a place is a comment whose range covers exactly the characters the
/// finding points at (its token, as `hmip check` underlines it).
fn assert_on_evidence(name: &str, a: &Analysis, comments: &str, doc: &str) {
    for f in a.findings.iter().filter(|f| f.span.line > 0) {
        let head = xml_escape(&format!(
            "hmip {} [{}]: {}",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
        let ids = comments_with(comments, &head);
        assert!(!ids.is_empty(), "{name}: no comment {head}");
        let line = a.source.line(f.span.line).unwrap_or_default();
        let token = token(line, f.span.column);
        assert!(!token.is_empty(), "{name}: {} has no token", f.message);
        let covered: Vec<String> = ids.iter().map(|&id| range_text(doc, id)).collect();
        assert!(
            covered.contains(&token),
            "{name}: {} [{}] covers {covered:?}, its evidence is {token:?}",
            f.rule,
            f.message
        );
    }
}

/// The token `hmip check` underlines at `column` of `line`: up to the next tab, at most 60
/// characters, trailing spaces excluded (whitespace squashed, as [`range_text`] does).
fn token(line: &str, column: u32) -> String {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
    let rest: String = line.chars().skip(skip).collect();
    let t: String = rest
        .split('\t')
        .next()
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Reviews `draft` and checks the copy; gives the copy and its entries.
fn review_and_check(name: &str, draft: &[u8]) -> (Vec<u8>, Entries) {
    let a = analysed(name, draft);
    let opts = hmip::review::Options {
        date: Some("2024-05-01T12:00:00Z".to_string()),
        ..hmip::review::Options::default()
    };
    let (copy, done) = hmip::review::review(draft, &a, &opts).unwrap_or_else(|e| panic!("{e}"));
    // The reviewed copy reads as the draft did: the same findings, exactly.
    let b = analysed(name, &copy);
    assert_eq!(keys(&a), keys(&b), "{name}: findings changed");
    assert_eq!(a.source.text, b.source.text, "{name}: text changed");

    let (order_in, before) = entries(draft);
    let (order_out, after) = entries(&copy);
    // Every findings with a place in the text is a comment; the rest are in the summary.
    let placed = a.findings.iter().filter(|f| f.span.line > 0).count();
    assert_eq!(
        done.anchored + done.summary_only,
        a.findings.len(),
        "{name}"
    );
    assert_eq!(
        done.anchored, placed,
        "{name}: a finding with a place was not anchored"
    );
    let comments = text_of(&after, "word/comments.xml");
    let old_ids = comment_ids(&text_of(&before, "word/comments.xml"));
    let ids = comment_ids(&comments);
    assert_eq!(
        ids.len(),
        old_ids.len() + done.anchored + 1,
        "{name}: comments"
    );
    let new_ids: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|i| !old_ids.contains(i))
        .collect();
    assert_eq!(new_ids.len(), done.anchored + 1, "{name}: ids not unique");
    assert_eq!(comments.matches("w:author=\"hmip\"").count(), new_ids.len());
    assert!(comments.contains("w:date=\"2024-05-01T12:00:00Z\""));
    let summary = format!(
        "hmip: {} error{}, {} warning{}",
        a.errors(),
        if a.errors() == 1 { "" } else { "s" },
        a.warnings(),
        if a.warnings() == 1 { "" } else { "s" }
    );
    assert!(
        comments.contains(&summary),
        "{name}: no summary {summary:?}"
    );
    for f in &a.findings {
        let msg = f
            .message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(
            comments.contains(&msg),
            "{name}: {} not in a comment",
            f.message
        );
    }
    // Every new comment is anchored: a range start, a range end and a reference, in order.
    let doc = text_of(&after, "word/document.xml");
    for id in &new_ids {
        let s = once(&doc, &format!("<w:commentRangeStart w:id=\"{id}\"/>"));
        let e = once(&doc, &format!("<w:commentRangeEnd w:id=\"{id}\"/>"));
        let r = once(&doc, &format!("<w:commentReference w:id=\"{id}\"/>"));
        assert!(s < e && e < r, "{name}: comment {id} marks out of order");
    }
    assert_on_evidence(name, &a, &comments, &doc);
    // The comment part is declared; everything else is as it was, byte for byte.
    assert!(text_of(&after, "word/_rels/document.xml.rels").contains("relationships/comments\""));
    assert!(text_of(&after, "[Content_Types].xml").contains("PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\""));
    let changed = [
        "word/document.xml",
        "word/comments.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    for (n, entry) in &before {
        if !changed.contains(&n.as_str()) {
            assert_eq!(after.get(n), Some(entry), "{name}: {n} changed");
        }
    }
    assert_eq!(
        &order_out[..order_in.len()],
        &order_in[..],
        "{name}: entries reordered"
    );
    (copy, after)
}

#[test]
fn word_fixtures_come_back_with_a_comment_per_finding() {
    let mut split = false;
    for stem in WORD_FIXTURES {
        let draft = docx_fixture(stem);
        let a = analysed(stem, &draft);
        assert!(!a.findings.is_empty(), "{stem}: the test needs findings");
        let (_, after) = review_and_check(stem, &draft);
        let (_, before) = entries(&draft);
        let runs = |e: &Entries| {
            let d = text_of(e, "word/document.xml");
            d.matches("<w:r>").count() + d.matches("<w:r ").count()
        };
        // A comment ending mid-run splits the run: more runs than the references add.
        split |= runs(&after) > runs(&before) + a.findings.len() + 1;
    }
    assert!(
        split,
        "no fixture had evidence inside a run: the split is untested"
    );
}

/// The Lancashire draft with 3.4's name changed by a tracked change (the evidence of the
/// standard-name finding is the insertion) and a comment of its own on the title.
fn tracked_draft_with_comment() -> Vec<u8> {
    let draft = docx_fixture("lancashire-yot-2019");
    let (order, e) = entries(&draft);
    let doc = text_of(&e, "word/document.xml");
    let old = "<w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>Reviewing</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type=\"dxa\" w:w=\"3094\"/>";
    let new = "<w:del w:id=\"901\" w:author=\"Editor\" w:date=\"2019-06-01T00:00:00Z\"><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:delText>Joint working</w:delText></w:r></w:del><w:ins w:id=\"902\" w:author=\"Editor\" w:date=\"2019-06-01T00:00:00Z\"><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>Review</w:t></w:r><w:r><w:rPr><w:sz w:val=\"22\"/><w:i/></w:rPr><w:t>ing</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type=\"dxa\" w:w=\"3094\"/>";
    let doc = replace_once(&doc, old, new);
    let title = "<w:r><w:rPr/><w:t>An inspection of youth offending services in</w:t></w:r>";
    let doc = replace_once(
        &doc,
        title,
        &format!("<w:commentRangeStart w:id=\"0\"/>{title}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>"),
    );
    let comments = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:comment w:id=\"0\" w:author=\"Editor\" w:date=\"2019-06-02T00:00:00Z\" w:initials=\"E\"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Check the title against the cover.</w:t></w:r></w:p></w:comment></w:comments>";
    let rels = replace_once(
        &text_of(&e, "word/_rels/document.xml.rels"),
        "</Relationships>",
        "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>",
    );
    let types = replace_once(
        &text_of(&e, "[Content_Types].xml"),
        "</Types>",
        "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>",
    );
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in &order {
        let data = match name.as_str() {
            "word/document.xml" => doc.clone().into_bytes(),
            "word/_rels/document.xml.rels" => rels.clone().into_bytes(),
            "[Content_Types].xml" => types.clone().into_bytes(),
            n => e.get(n).map(|x| x.0.clone()).unwrap_or_default(),
        };
        out.start_file(name.as_str(), opts)
            .unwrap_or_else(|e| panic!("{e}"));
        out.write_all(&data).unwrap_or_else(|e| panic!("{e}"));
    }
    out.start_file("word/comments.xml", opts)
        .unwrap_or_else(|e| panic!("{e}"));
    out.write_all(comments.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    out.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

#[test]
fn a_tracked_change_and_an_existing_comment_are_kept() {
    let draft = tracked_draft_with_comment();
    let a = analysed("tracked", &draft);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "standard-name")
        .unwrap_or_else(|| panic!("no standard-name finding: {:?}", keys(&a)));
    assert!(
        f.notes
            .iter()
            .any(|n| n.contains("tracked insertion by Editor")),
        "{:?}",
        f.notes
    );
    let (_, after) = review_and_check("tracked", &draft);
    let comments = text_of(&after, "word/comments.xml");
    assert!(comments.contains("<w:comment w:id=\"0\" w:author=\"Editor\" w:date=\"2019-06-02T00:00:00Z\" w:initials=\"E\"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Check the title against the cover.</w:t></w:r></w:p></w:comment>"));
    assert!(!comment_ids(&comments).iter().skip(1).any(|&i| i == 0));
    assert!(comments.contains("Note: in a tracked insertion by Editor"));
    let doc = text_of(&after, "word/document.xml");
    // The draft's own marks and the tracked change are still there.
    for kept in [
        "<w:commentRangeStart w:id=\"0\"/>",
        "<w:commentReference w:id=\"0\"/>",
        "<w:del w:id=\"901\" w:author=\"Editor\" w:date=\"2019-06-01T00:00:00Z\"><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:delText>Joint working</w:delText></w:r></w:del>",
        "<w:ins w:id=\"902\" w:author=\"Editor\" w:date=\"2019-06-01T00:00:00Z\">",
    ] {
        once(&doc, kept);
    }
    // The comment's range is inside the insertion, its reference after it: the reference
    // is not itself a tracked insertion.
    let ins = once(&doc, "<w:ins w:id=\"902\"");
    let ins_end = ins + doc[ins..].find("</w:ins>").unwrap_or(0);
    let ids = comment_ids(&comments);
    let id = ids.iter().find(|&&i| i != 0 && doc.contains(&format!("<w:commentRangeStart w:id=\"{i}\"/><w:r><w:rPr><w:sz w:val=\"22\"/></w:rPr><w:t>Review"))).unwrap_or_else(|| panic!("no comment on the insertion"));
    let start = once(&doc, &format!("<w:commentRangeStart w:id=\"{id}\"/>"));
    let end = once(&doc, &format!("<w:commentRangeEnd w:id=\"{id}\"/>"));
    let reference = once(
        &doc,
        &format!("<w:r><w:commentReference w:id=\"{id}\"/></w:r>"),
    );
    assert!(
        ins < start && end < ins_end && reference == ins_end + "</w:ins>".len(),
        "{}",
        &doc[ins..ins_end + 80]
    );
    // The range covers both runs of the insertion ("Review" + italic "ing").
    assert!(
        doc[start..end].contains("<w:t>ing</w:t>"),
        "{}",
        &doc[start..end]
    );
}

#[test]
fn the_command_writes_a_copy_and_never_its_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = dir.path().join("draft.docx");
    std::fs::write(&draft, docx_fixture("leeds-yjs-2019")).unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read(&draft).unwrap_or_default();
    // --out naming the draft, directly or by another path, is refused.
    for out in [draft.clone(), dir.path().join(".").join("draft.docx")] {
        let o = review_cmd(&draft, &out);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("is the input"));
    }
    let out = dir.path().join("reviewed.docx");
    let o = review_cmd(&draft, &out);
    // Leeds has an error finding: exit code 1, as for check.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&draft).unwrap_or_default(), original);
    let copy = std::fs::read(&out).unwrap_or_default();
    let (_, e) = entries(&copy);
    assert!(text_of(&e, "word/comments.xml").contains("w:date=\"2024-05-01T12:00:00Z\""));
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    // A text report is refused: there is no Word document to comment.
    let txt = dir.path().join("r.txt");
    std::fs::write(&txt, leeds()).unwrap_or_else(|e| panic!("{e}"));
    let o = review_cmd(&txt, &dir.path().join("x.docx"));
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("x.docx").exists());
}

/// `hmip check --format json FILE`: its one line.
fn check_json(file: &Path) -> serde_json::Value {
    let o = Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--format", "json"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// On the command line: `hmip review` of each Word fixture and of the draft with a tracked
/// change and a comment, then `hmip check --format json` of the draft and of its copy
/// give the same findings, field for field.
#[test]
fn check_gives_the_same_findings_on_the_reviewed_copy() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let drafts = WORD_FIXTURES
        .iter()
        .map(|s| (s.to_string(), docx_fixture(s)))
        .chain(std::iter::once((
            "tracked".to_string(),
            tracked_draft_with_comment(),
        )));
    for (name, bytes) in drafts {
        let draft = dir.path().join(format!("{name}.docx"));
        std::fs::write(&draft, bytes).unwrap_or_else(|e| panic!("{e}"));
        let copy = dir.path().join(format!("{name}.reviewed.docx"));
        let before = check_json(&draft);
        let o = review_cmd(&draft, &copy);
        let want = if before["errors"].as_u64().unwrap_or(0) > 0 {
            1
        } else {
            0
        };
        assert_eq!(
            o.status.code(),
            Some(want),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let after = check_json(&copy);
        let findings = before["findings"].as_array().map_or(0, Vec::len);
        assert!(findings > 0, "{name}: the test needs findings");
        for key in ["framework", "findings", "errors", "warnings"] {
            assert_eq!(before[key], after[key], "{name}: {key}");
        }
    }
}

/// `hmip review DRAFT --out OUT`, the comments dated 2024-05-01 12:00 UTC.
fn review_cmd(draft: &Path, out: &Path) -> std::process::Output {
    Command::cargo_bin("hmip")
        .unwrap_or_else(|e| panic!("{e}"))
        .env("SOURCE_DATE_EPOCH", "1714564800")
        .arg("review")
        .arg(draft)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `soffice` on PATH, or a skip (a failure when `HMIP_REQUIRE_SOFFICE=1`).
fn soffice() -> Option<&'static str> {
    let found = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some("soffice");
    }
    assert!(
        std::env::var("HMIP_REQUIRE_SOFFICE").as_deref() != Ok("1"),
        "HMIP_REQUIRE_SOFFICE=1 but soffice (LibreOffice) is not installed"
    );
    eprintln!("SKIPPED: soffice (LibreOffice) not found; install libreoffice-writer-nogui or set HMIP_REQUIRE_SOFFICE=1 to make this a failure");
    None
}

fn convert(soffice: &str, to: &str, dir: &Path, files: &[std::path::PathBuf]) {
    let profile = dir.join("profile");
    let o = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        o.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn libreoffice_opens_the_reviewed_copies() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut files = Vec::new();
    let mut expected = Vec::new();
    let drafts: Vec<(String, Vec<u8>)> = WORD_FIXTURES
        .iter()
        .map(|s| (s.to_string(), docx_fixture(s)))
        .chain(std::iter::once((
            "tracked".to_string(),
            tracked_draft_with_comment(),
        )))
        .collect();
    for (name, draft) in &drafts {
        let (copy, after) = review_and_check(name, draft);
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, copy).unwrap_or_else(|e| panic!("{e}"));
        files.push(path);
        expected.push((
            name.clone(),
            comment_ids(&text_of(&after, "word/comments.xml")).len(),
        ));
    }
    convert(soffice, "pdf", dir.path(), &files);
    convert(soffice, "odt", dir.path(), &files);
    for (name, comments) in expected {
        let pdf = std::fs::read(dir.path().join(format!("{name}.pdf"))).unwrap_or_default();
        assert!(
            pdf.starts_with(b"%PDF-") && pdf.len() > 10_000,
            "{name}: no PDF"
        );
        let odt = std::fs::read(dir.path().join(format!("{name}.odt"))).unwrap_or_default();
        let (_, e) = entries(&odt);
        let content = text_of(&e, "content.xml");
        // LibreOffice read every comment, each with its range.
        let notes = content.matches("<office:annotation ").count()
            + content.matches("<office:annotation>").count();
        assert_eq!(notes, comments, "{name}: LibreOffice sees {notes} comments");
        assert_eq!(
            content.matches("<office:annotation-end ").count(),
            comments,
            "{name}"
        );
        assert!(content.contains("hmip: "), "{name}: no summary comment");
        // Each finding LibreOffice shows is on the characters of its evidence.
        let draft = drafts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| d.clone())
            .unwrap_or_default();
        let a = analysed(&name, &draft);
        let notes = odt_annotations(&content);
        for f in a.findings.iter().filter(|f| f.span.line > 0) {
            let head = format!("hmip {} [{}]: {}", f.severity.as_str(), f.rule, f.message);
            let want = token(
                a.source.line(f.span.line).unwrap_or_default(),
                f.span.column,
            );
            assert!(
                notes.iter().any(|(t, on)| t.contains(&head) && *on == want),
                "{name}: LibreOffice has no comment {head:?} on {want:?}: {notes:?}"
            );
        }
        // The body is there too: the text of the draft's first heading.
        assert!(
            plain(&content).contains("Inspectorate of Probation"),
            "{name}"
        );
    }
}

/// Text of ODT XML: comments' bodies left out, tags dropped (a tab, a space element or a
/// line break as a space), entities decoded, whitespace squashed.
fn plain(xml: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for (i, seg) in xml.split('<').enumerate() {
        let (tag, text) = match seg.split_once('>') {
            Some(x) if i > 0 => x,
            _ => ("", seg),
        };
        if tag.starts_with("office:annotation ") || tag == "office:annotation" {
            depth += 1;
        } else if tag == "/office:annotation" {
            depth = depth.saturating_sub(1);
        } else if ["text:tab", "text:s", "text:line-break"]
            .iter()
            .any(|t| tag == format!("{t}/") || tag.starts_with(&format!("{t} ")))
        {
            out.push(' ');
        }
        if depth == 0 {
            out.push_str(text);
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The comments LibreOffice made of the copy (`content` is the ODT's content.xml): each
/// one's text and the text of the range it is on.
fn odt_annotations(content: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in content.match_indices("<office:annotation ") {
        let part = content.get(at..).unwrap_or_default();
        let name = part
            .split("office:name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_default();
        let (body, after) = part
            .split_once("</office:annotation>")
            .unwrap_or((part, ""));
        let body = body.split_once('>').map_or("", |(_, b)| b);
        let end = format!("<office:annotation-end office:name=\"{name}\"/>");
        // The range runs to the comment's end mark (other comments inside it are dropped by
        // `plain`); a comment without one is on no text.
        let on = after.split_once(&end).map_or("", |(on, _)| on);
        out.push((plain(body), plain(on)));
    }
    out
}
