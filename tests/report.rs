//! `hmip report`: the HTML page, parsed with an HTML parser. On every report fixture
//! (texts, PDFs and their texts, Word) the page `hmip report FILE` writes has every
//! standard with its stated and computed rating, the overall rating and score, a chart per
//! case-based standard, every finding of `hmip check --format json` with its evidence, and
//! the coverage of `hmip extract`; nothing in it loads from anywhere; report text is
//! escaped. Headless Chromium loads each page (its DOM shows the same) and paints it (the
//! screenshot is not blank). The whole fixtures folder, with damaged files among it, gives
//! an overview with one row per report read and one line per input not read. Without
//! `chromium` the browser checks say so and are skipped, unless `HMIP_REQUIRE_BROWSER=1`
//! (set by `.ci/run`) makes that a failure.

mod common;
use assert_cmd::Command;
use common::*;
use hmip::render::html::{render, Failure, Options};
use hmip::{analyse, Analysis, ReadOptions};
use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The files of `dir` (under fixtures/, recursively) that are reports: .txt, .pdf, .docx.
fn reports_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            reports_under(&p, out);
        } else if name.ends_with(".pdf") || name.ends_with(".docx") || name.ends_with(".txt") {
            out.push(p);
        }
    }
}

/// Every report fixture: the texts (fixtures/text, and the report and pdftotext texts
/// beside the PDFs), every PDF and the Word documents.
fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["text", "pdf", "docx"] {
        let before = out.len();
        reports_under(&fixture_path(dir), &mut out);
        assert!(out.len() > before, "no reports in fixtures/{dir}");
    }
    assert!(out.len() >= 28, "{out:?}");
    out
}

fn analysed(path: &Path) -> Analysis {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let name = path.display().to_string();
    analyse(&name, &bytes, &ReadOptions::default(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Nothing on the page refers outside it: no external element, no URL but `#...` links.
fn assert_self_contained(html: &Html, name: &str) {
    for tag in [
        "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base", "form",
    ] {
        assert!(
            html.select(&sel(tag)).next().is_none(),
            "{name}: has <{tag}>"
        );
    }
    for e in html.select(&sel("[src], [href], [action], [srcset], [xlink\\:href]")) {
        for (k, v) in e.value().attrs() {
            if matches!(k, "src" | "href" | "action" | "srcset" | "xlink:href") {
                assert!(v.starts_with('#'), "{name}: {k}={v:?}");
            }
        }
    }
    let csp = html
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default();
    assert!(csp.contains("default-src 'none'"), "{name}: CSP {csp:?}");
    for style in html.select(&sel("style")) {
        let css = text(style);
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "{name}: CSS loads something"
        );
    }
}

/// The page of one analysis shows everything `check` and `extract` give.
fn assert_complete(a: &Analysis, page: &str) {
    let name = &a.source.name;
    let html = Html::parse_document(page);
    assert!(
        html.errors.is_empty() || !html.errors.iter().any(|e| e.contains("Unexpected token")),
        "{name}: {:?}",
        html.errors
    );
    assert_self_contained(&html, name);
    let d = hmip::extract::document(a);
    let section = html
        .select(&sel("section.report"))
        .next()
        .unwrap_or_else(|| panic!("{name}: no section"));
    // Every standard, with its stated rating and its computed one where they differ.
    let rows: Vec<ElementRef<'_>> = section
        .select(&sel("table.grid tbody tr:not(.domain)"))
        .collect();
    assert_eq!(rows.len(), d.standards.len(), "{name}: grid rows");
    for (st, row) in d.standards.iter().zip(&rows) {
        let cells: Vec<String> = row.select(&sel("th, td")).map(text).collect();
        assert_eq!(
            cells.first().map(String::as_str),
            Some(st.id.as_str()),
            "{name}"
        );
        assert!(
            cells.get(1).is_some_and(|c| c.starts_with(&st.name)),
            "{name}: {cells:?}"
        );
        let stated = st.stated.map_or("not read", |r| r.as_str());
        assert_eq!(
            cells.get(2).map(String::as_str),
            Some(stated),
            "{name} {}",
            st.id
        );
        let computed = match st.computed {
            Some(c) if Some(c) != st.stated => format!("\u{2260} {c}"),
            _ => String::new(),
        };
        assert_eq!(cells.get(3), Some(&computed), "{name} {}", st.id);
        if let Some(r) = st.stated {
            let badge = row
                .select(&sel("td .rating"))
                .next()
                .unwrap_or_else(|| panic!("no badge"));
            let (bg, _) = hmip::render::html::colours(r);
            let class = badge.value().attr("class").unwrap_or_default();
            assert!(
                page.contains(&format!(
                    ".{}{{background:{bg}",
                    class.trim_start_matches("rating ")
                )),
                "{name}: {class}"
            );
        }
    }
    // The overall rating and the score.
    let panel = text(
        section
            .select(&sel(".summary-panel"))
            .next()
            .unwrap_or_else(|| panic!("no panel")),
    );
    assert!(
        panel.contains(d.overall.stated.map_or("not read", |r| r.as_str())),
        "{name}: {panel}"
    );
    // The score: stated over the framework's maximum ("?" for a framework without one),
    // and the computed one beside it.
    let max = d
        .overall
        .max_score
        .map_or_else(|| "?".to_string(), |m| m.to_string());
    if let Some(s) = d.overall.stated_score {
        assert!(panel.contains(&format!("{s}/{max}")), "{name}: {panel}");
    }
    if let Some(c) = d.overall.computed_score {
        assert!(
            panel.contains(&format!("{c}/{max}")) || panel.contains(&format!("computed {c}")),
            "{name}: {panel}"
        );
    }
    assert!(
        panel.contains(&format!("{} error", a.errors())),
        "{name}: {panel}"
    );
    // A chart per case-based standard with results, one bar per key question read.
    for st in d.standards.iter().filter(|s| s.kind == Some("case")) {
        let kqs = st
            .key_questions
            .iter()
            .filter(|k| k.prompt.is_none() && k.percent.is_some())
            .count();
        if kqs == 0 {
            continue;
        }
        let fig = section
            .select(&sel("figure.chart"))
            .find(|f| text(*f).starts_with(&format!("{} {}", st.id, st.name)))
            .unwrap_or_else(|| panic!("{name}: no chart of {}", st.id));
        assert_eq!(
            fig.select(&sel("svg rect")).count(),
            kqs,
            "{name}: bars of {}",
            st.id
        );
        let lines = fig.select(&sel("svg line[stroke-dasharray]")).count();
        assert_eq!(lines, 3, "{name}: band lines of {}", st.id);
        for v in ["50%", "65%", "80%"] {
            assert!(text(fig).contains(v), "{name}: {v} line of {}", st.id);
        }
    }
    assert_findings(a, section);
    // What was read.
    let cov = section.select(&sel("table.coverage tbody tr")).count();
    assert_eq!(cov, d.coverage.len(), "{name}: coverage rows");
}

/// Every finding of `a` in `section`, in order, with its message, its rule and the rule's
/// summary, its severity, its evidence line with the token marked, and for band-rule the
/// discretion.
fn assert_findings(a: &Analysis, section: ElementRef<'_>) {
    let name = &a.source.name;
    let arts: Vec<ElementRef<'_>> = section.select(&sel("article.finding")).collect();
    assert_eq!(arts.len(), a.findings.len(), "{name}: findings");
    for (f, art) in a.findings.iter().zip(&arts) {
        let t = text(*art);
        assert!(t.contains(&f.message), "{name}: {}", f.message);
        assert!(t.contains(f.rule), "{name}");
        let summary = hmip::rules::by_id(f.rule)
            .map(|r| r.summary)
            .unwrap_or_default();
        assert!(t.contains(summary), "{name}: {} summary", f.rule);
        assert!(art
            .value()
            .attr("class")
            .is_some_and(|c| c.contains(f.severity.as_str())));
        if f.span.line > 0 {
            let line = a.source.line(f.span.line).unwrap_or_default();
            let pre = art
                .select(&sel("pre.evidence"))
                .next()
                .unwrap_or_else(|| panic!("{name}: no evidence"));
            // As the page shows text: a page break as a space, other controls as U+FFFD.
            let line: String = line
                .chars()
                .map(|c| match c {
                    '\u{c}' => ' ',
                    c if c.is_control() && c != '\t' => '\u{FFFD}',
                    c => c,
                })
                .collect();
            assert!(
                text(pre).contains(line.trim_end()),
                "{name}: evidence {line:?}"
            );
            assert!(pre.select(&sel("mark")).next().is_some());
        }
        if f.rule == "band-rule" {
            assert!(
                t.contains("Discretion"),
                "{name}: band-rule without discretion"
            );
        }
    }
}

#[test]
fn every_fixture_gives_a_complete_page() {
    // The report fixtures, and the texts of the rule and framework tests: every rule fires
    // in one of those (band-rule with its discretion), and every framework is read.
    let mut all = fixtures();
    reports_under(&fixture_path("rules"), &mut all);
    reports_under(&fixture_path("frameworks"), &mut all);
    let rules: std::collections::BTreeSet<&str> = all
        .iter()
        .map(|p| analysed(p))
        .flat_map(|a| a.findings.into_iter().map(|f| f.rule))
        .collect();
    for r in [
        "band-rule",
        "incomplete-read",
        "rating-mismatch",
        "standard-name",
    ] {
        assert!(rules.contains(r), "no fixture has a {r} finding: {rules:?}");
    }
    for path in all {
        let a = analysed(&path);
        let page = render(std::slice::from_ref(&a), &[], &Options::default());
        assert_complete(&a, &page);
        // One report: no overview.
        assert!(!page.contains("id=\"overview\""));
    }
}

#[test]
fn report_text_is_escaped() {
    let evil_service = "<script>alert(1)</script>";
    let evil_name = "\"><img onerror=alert(2) src=x>";
    let report = replace_once(
        &lancashire(),
        "Service: Lancashire Youth Offending Team",
        &format!("Service: {evil_service}"),
    );
    let report = replace_once(&report, "3.4\tReviewing", &format!("3.4\t{evil_name}"));
    let a = analyse("evil.txt", report.as_bytes(), &ReadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        a.report.service.as_ref().map(|s| s.value.as_str()),
        Some(evil_service)
    );
    assert!(
        a.findings.iter().any(|f| f.message.contains(evil_name)),
        "{:?}",
        a.findings
    );
    let failures = [Failure {
        name: "<b>bad</b>.pdf".into(),
        error: "\"'<i>".into(),
    }];
    let page = render(std::slice::from_ref(&a), &failures, &Options::default());
    let html = Html::parse_document(&page);
    // Our one script, no other; no image; the strings shown as text.
    let scripts: Vec<String> = html.select(&sel("script")).map(text).collect();
    assert_eq!(scripts.len(), 1);
    assert!(!scripts.iter().any(|s| s.contains("alert")));
    assert!(html.select(&sel("img, b, i")).next().is_none());
    for e in html.select(&sel("*")) {
        assert!(e.value().attr("onerror").is_none());
    }
    let body = text(
        html.select(&sel("body"))
            .next()
            .unwrap_or_else(|| panic!("no body")),
    );
    assert!(
        body.contains(evil_service) && body.contains(evil_name) && body.contains("<b>bad</b>.pdf")
    );
    let title = html
        .select(&sel("title"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(title.contains(evil_service));
    assert_complete(&a, &page);
}

fn hmip() -> Command {
    Command::cargo_bin("hmip").unwrap_or_else(|e| panic!("{e}"))
}

/// `hmip report INPUTS... --out OUT`.
fn report_cmd(inputs: &[PathBuf], out: &Path) -> std::process::Output {
    hmip()
        .arg("report")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Damaged copies of the fixtures, as a folder of them would hold: a PDF cut short, a Word
/// file cut short, a Word file whose text is not XML, a file of noise named .docx.
fn corrupt_files(dir: &Path) -> Vec<PathBuf> {
    let pdf = std::fs::read(fixture_path("pdf/leeds-yjs-2019.pdf")).unwrap_or_default();
    let docx = std::fs::read(fixture_path("docx/leeds-yjs-2019.docx")).unwrap_or_default();
    let mut bad_xml = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let name = f.name().unwrap_or_default().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap_or_else(|e| panic!("{e}"));
        if name == "word/document.xml" {
            data.truncate(data.len() / 2);
        }
        bad_xml
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        std::io::Write::write_all(&mut bad_xml, &data).unwrap_or_else(|e| panic!("{e}"));
    }
    let bad_xml = bad_xml
        .finish()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    let files: [(&str, &[u8]); 4] = [
        (
            "cut-short.pdf",
            pdf.get(..pdf.len() / 3).unwrap_or_default(),
        ),
        (
            "cut-short.docx",
            docx.get(..docx.len() / 3).unwrap_or_default(),
        ),
        ("broken-text.docx", &bad_xml),
        ("noise.docx", b"PK\x03\x04 not a zip at all"),
    ];
    files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
            p
        })
        .collect()
}

/// `hmip report` over the whole fixtures folder, a folder of damaged files and a missing
/// file: one overview row (and one section) per report read, one line per input that was
/// not, naming it and why; no crash, exit 2.
#[test]
fn the_fixtures_folder_gives_an_overview_row_per_report_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let damaged = dir.path().join("damaged");
    std::fs::create_dir(&damaged).unwrap_or_else(|e| panic!("{e}"));
    let corrupt = corrupt_files(&damaged);
    let missing = dir.path().join("missing.pdf");
    let out = dir.path().join("all.html");
    let o = report_cmd(&[fixture_path(""), damaged.clone(), missing.clone()], &out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    // What should be read: every report file under the folders, each analysed here.
    let mut inputs = Vec::new();
    reports_under(&fixture_path(""), &mut inputs);
    reports_under(&damaged, &mut inputs);
    inputs.push(missing.clone());
    let (mut read, mut unread) = (Vec::new(), Vec::new());
    for p in &inputs {
        let name = p.display().to_string().replace("//", "/");
        match std::fs::read(p).map_err(|e| e.to_string()).and_then(|b| {
            analyse(&name, &b, &ReadOptions::default(), None).map_err(|e| e.to_string())
        }) {
            Ok(a) => read.push(a),
            Err(_) => unread.push(name),
        }
    }
    assert!(read.len() >= 60, "{} reports read", read.len());
    for c in corrupt.iter().chain([&missing]) {
        assert!(
            unread.contains(&c.display().to_string()),
            "{} was read",
            c.display()
        );
    }
    let page = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    let html = Html::parse_document(&page);
    assert_self_contained(&html, "overview");
    let rows: Vec<ElementRef<'_>> = html.select(&sel("table.overview tbody tr")).collect();
    assert_eq!(rows.len(), read.len(), "one row per report read");
    assert_eq!(html.select(&sel("section.report")).count(), read.len());
    let title = html.select(&sel("h1")).next().map(text).unwrap_or_default();
    assert_eq!(title, format!("hmip report: {} reports", read.len()));
    // One line per input not read, naming it, on the page and on standard error.
    let failures: Vec<String> = html.select(&sel("ul.failures li")).map(text).collect();
    assert_eq!(failures.len(), unread.len(), "{failures:?}");
    for name in &unread {
        assert!(
            failures.iter().any(|f| f.starts_with(&format!("{name}: "))),
            "{name}"
        );
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("hmip: {name}: "))),
            "{name}"
        );
    }
    for c in &corrupt {
        let line = failures
            .iter()
            .find(|f| f.contains(&c.display().to_string()));
        assert!(
            line.is_some_and(|l| l.contains("not a readable")),
            "{line:?}"
        );
    }
    // One table per framework (and variant): every row of a table is of its framework, no
    // framework has two tables, and each row has one cell per standard column of its own
    // table, so youth and probation standards never share a column.
    let tables: Vec<ElementRef<'_>> = html.select(&sel("table.overview")).collect();
    let mut keys: Vec<String> = Vec::new();
    let mut all_heads: Vec<String> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for table in &tables {
        let heads: Vec<String> = table.select(&sel("thead th")).map(text).collect();
        let mut table_keys: Vec<String> = Vec::new();
        for row in table.select(&sel("tbody tr")) {
            let file = assert_overview_row(&html, row, &read, heads.len() - 8);
            names.push(file);
            let a = read.iter().find(|a| a.source.name == file);
            let d = a.map(hmip::extract::document);
            let key = d.map(|d| format!("{}:{:?}", d.framework, d.framework_variant));
            table_keys.extend(key);
        }
        table_keys.dedup();
        assert_eq!(
            table_keys.len(),
            1,
            "one framework per table: {table_keys:?}"
        );
        keys.extend(table_keys);
        all_heads.extend(heads);
    }
    let n_keys = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), n_keys, "a framework has two tables");
    assert!(tables.len() >= 3, "{} overview tables", tables.len());
    assert_eq!(
        html.select(&sel("#overview h3.framework")).count(),
        tables.len()
    );
    for h in [
        "Service",
        "Published",
        "Framework",
        "Stated overall",
        "Computed overall",
        "Score",
        "Errors",
        "Warnings",
        "1.1",
        "3.4",
    ] {
        assert!(
            all_heads.iter().any(|x| x == h),
            "no column {h}: {all_heads:?}"
        );
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), read.len(), "a report has two rows");
    // The sort script is inline and allowed by the page's policy, by its hash only.
    assert_eq!(html.select(&sel("script")).count(), 1);
}

/// One row of the overview: it links to its report's section, names a file that was read
/// (gives it), and shows its framework, stated overall, error and warning counts and one
/// cell per standard column (`columns`), each of its standards' with its rating.
fn assert_overview_row<'a>(
    html: &Html,
    row: ElementRef<'a>,
    read: &[Analysis],
    columns: usize,
) -> &'a str {
    // Each row links to its report's section, which is there.
    let href = row
        .select(&sel("a"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .unwrap_or_default();
    let target = sel(&format!("section{href}"));
    assert!(html.select(&target).next().is_some(), "{href}");
    let cells: Vec<String> = row.select(&sel("th, td")).map(text).collect();
    let file = row
        .select(&sel("span.file"))
        .next()
        .and_then(|f| f.value().attr("title"))
        .unwrap_or_default();
    let a = read
        .iter()
        .find(|a| a.source.name == file)
        .unwrap_or_else(|| panic!("row of {file}, which was not read: {cells:?}"));
    let d = hmip::extract::document(a);
    assert_eq!(cells.get(2), Some(&d.framework), "{file}");
    let overall = d.overall.stated.map_or("not read", |r| r.as_str());
    assert_eq!(cells.get(3).map(String::as_str), Some(overall), "{file}");
    assert_eq!(cells.get(6), Some(&a.errors().to_string()), "{file}");
    assert_eq!(cells.get(7), Some(&a.warnings().to_string()), "{file}");
    // One cell per standard column; each of the report's standards says its rating.
    let std_cells: Vec<&str> = row
        .select(&sel("td.cell"))
        .filter_map(|c| c.value().attr("title"))
        .collect();
    assert_eq!(row.select(&sel("td.cell")).count(), columns);
    for st in &d.standards {
        let want = format!(
            "{}: {}",
            st.id,
            st.stated.map_or("not read", |r| r.as_str())
        );
        assert!(
            std_cells.iter().any(|t| t.starts_with(&want)),
            "{file}: {want}"
        );
    }
    file
}

#[test]
fn the_command_exits_as_check_does() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("r.html");
    // Lancashire has an error finding: 1.
    let o = report_cmd(&[fixture_path("text/lancashire-yot-2019.txt")], &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read_to_string(&out).is_ok_and(|p| p.starts_with("<!DOCTYPE html>")));
    // Hartlepool has warnings only: 0.
    let o = report_cmd(&[fixture_path("text/hartlepool-yjs-2020.txt")], &out);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The output is never an input.
    let txt = dir.path().join("in.txt");
    std::fs::write(&txt, leeds()).unwrap_or_else(|e| panic!("{e}"));
    let o = report_cmd(std::slice::from_ref(&txt), &txt);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&txt).unwrap_or_default(), leeds());
}

/// `chromium` on PATH, or a skip (a failure when `HMIP_REQUIRE_BROWSER=1`).
fn chromium() -> Option<&'static str> {
    for c in ["chromium", "chromium-browser"] {
        if std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(c);
        }
    }
    assert!(
        std::env::var("HMIP_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "HMIP_REQUIRE_BROWSER=1 but chromium is not installed"
    );
    eprintln!("SKIPPED: chromium not found; install Debian's chromium or set HMIP_REQUIRE_BROWSER=1 to make this a failure");
    None
}

/// The share of pixels of a PNG that are not (near) white.
fn ink(png_path: &Path) -> f64 {
    let file =
        std::fs::File::open(png_path).unwrap_or_else(|e| panic!("{}: {e}", png_path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{e}"));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        info.width >= 1000 && info.height >= 1400,
        "{}x{}",
        info.width,
        info.height
    );
    let channels = info.color_type.samples();
    let px = buf[..info.buffer_size()].chunks(channels);
    let (mut all, mut dark) = (0usize, 0usize);
    for p in px {
        all += 1;
        if p.iter().take(3).any(|&c| c < 235) {
            dark += 1;
        }
    }
    dark as f64 / all.max(1) as f64
}

/// Loads `page` in headless Chromium at A4 size (1240x1754 px, A4 at 150 dpi): its
/// screenshot in `png`, and the DOM as Chromium has it once loaded.
fn chromium_load(chromium: &str, page: &Path, png: &Path) -> String {
    let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let o = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1240,1754")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        o.status.success() && png.exists(),
        "chromium on {}: {}",
        page.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    if let Ok(keep) = std::env::var("HMIP_KEEP_SCREENSHOTS") {
        if let Some(name) = png.file_name() {
            let _ = std::fs::copy(png, Path::new(&keep).join(name));
        }
    }
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `f` of each item, on two threads (the machines this runs on have two cores).
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(i, item);
                done.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A JSON string, or "" for anything else.
fn js(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The page `hmip report` wrote (or the DOM Chromium made of it) shows what `hmip check
/// --format json` (`check`) and `hmip extract` (`doc`) give: every standard with its
/// stated and computed rating, the overall rating, every finding with its place, help,
/// notes and secondary evidence, and every row of the coverage.
fn assert_page_shows(page: &str, check: &serde_json::Value, doc: &serde_json::Value) {
    let name = js(&check["file"]);
    let html = Html::parse_document(page);
    assert_self_contained(&html, name);
    let sections: Vec<ElementRef<'_>> = html.select(&sel("section.report")).collect();
    let [section] = sections.as_slice() else {
        panic!("{name}: {} sections", sections.len())
    };
    let standards = doc["standards"].as_array().cloned().unwrap_or_default();
    let rows: Vec<ElementRef<'_>> = section
        .select(&sel("table.grid tbody tr:not(.domain)"))
        .collect();
    assert_eq!(rows.len(), standards.len(), "{name}: grid rows");
    assert!(!rows.is_empty(), "{name}: no standards");
    for (st, row) in standards.iter().zip(&rows) {
        let cells: Vec<String> = row.select(&sel("th, td")).map(text).collect();
        let stated = st["stated"].as_str().unwrap_or("not read");
        let computed = match st["computed"].as_str() {
            Some(c) if c != stated => format!("\u{2260} {c}"),
            _ => String::new(),
        };
        assert_eq!(
            cells.first().map(String::as_str),
            Some(js(&st["id"])),
            "{name}"
        );
        assert!(cells.get(1).is_some_and(|c| c.starts_with(js(&st["name"]))));
        assert_eq!(
            cells.get(2).map(String::as_str),
            Some(stated),
            "{name} {}",
            st["id"]
        );
        assert_eq!(cells.get(3), Some(&computed), "{name} {}", st["id"]);
    }
    let panel = section
        .select(&sel(".summary-panel"))
        .next()
        .map(text)
        .unwrap_or_default();
    let overall = doc["overall"]["stated"].as_str().unwrap_or("not read");
    assert!(panel.contains(overall), "{name}: {panel}");
    let counts = format!(
        "{} error{}, {} warning{}",
        check["errors"],
        if check["errors"] == 1 { "" } else { "s" },
        check["warnings"],
        if check["warnings"] == 1 { "" } else { "s" }
    );
    assert!(panel.contains(&counts), "{name}: {panel} vs {counts}");
    let findings = check["findings"].as_array().cloned().unwrap_or_default();
    let arts: Vec<ElementRef<'_>> = section.select(&sel("article.finding")).collect();
    assert_eq!(arts.len(), findings.len(), "{name}: findings");
    for (f, art) in findings.iter().zip(&arts) {
        let t = text(*art);
        let class = art.value().attr("class").unwrap_or_default();
        assert!(class.contains(js(&f["severity"])), "{name}: {class}");
        for part in [&f["rule"], &f["message"], &f["help"]] {
            assert!(t.contains(js(part)), "{name}: no {part} in {t}");
        }
        if f["line"].as_u64().unwrap_or(0) > 0 {
            let at = format!("line {}, column {}", f["line"], f["column"]);
            assert!(t.contains(&at), "{name}: {at} not in {t}");
            assert!(art.select(&sel("pre.evidence mark")).next().is_some());
        }
        if let Some(p) = f["page"].as_u64() {
            assert!(t.contains(&format!("page {p}")), "{name}: page {p}");
        }
        for note in f["notes"].as_array().into_iter().flatten() {
            assert!(t.contains(js(note)), "{name}: note {note}");
        }
        for e in f["evidence"].as_array().into_iter().flatten() {
            let at = format!(
                "{} \u{2014} line {}, column {}",
                js(&e["message"]),
                e["line"],
                e["column"]
            );
            assert!(t.contains(&at), "{name}: {at} not in {t}");
        }
    }
    let coverage = doc["coverage"].as_array().cloned().unwrap_or_default();
    let rows: Vec<Vec<String>> = section
        .select(&sel("table.coverage tbody tr"))
        .map(|r| r.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(rows.len(), coverage.len(), "{name}: coverage rows");
    for (c, row) in coverage.iter().zip(&rows) {
        let read = format!("{} of {}", c["read"], c["expected"]);
        let missing: Vec<&str> = c["missing"]
            .as_array()
            .into_iter()
            .flatten()
            .map(js)
            .collect();
        assert_eq!(row.get(2), Some(&read), "{name}: {row:?}");
        assert_eq!(row.get(3), Some(&missing.join(", ")), "{name}: {row:?}");
        assert_eq!(
            row.get(4),
            Some(&c["issues"].to_string()),
            "{name}: {row:?}"
        );
    }
}

/// On every report fixture: `hmip report FILE` writes one page, offline, showing every
/// standard, rating, finding and coverage row that `hmip check --format json` and `hmip
/// extract` give for the file; the exit code is check's; and headless Chromium loads it
/// (the DOM it makes shows all of that again) and paints it (the screenshot has ink).
#[test]
fn each_fixture_page_shows_what_check_gives_and_chromium_renders_it() {
    let files = fixtures();
    let o = hmip()
        .args(["check", "--format", "json"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let checks = json_lines(&o.stdout);
    assert_eq!(
        checks.len(),
        files.len(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let browser = chromium();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    par_map(&files, |i, file| {
        let check = checks
            .iter()
            .find(|c| js(&c["file"]) == file.display().to_string())
            .unwrap_or_else(|| panic!("{}: no check line", file.display()));
        let o = hmip()
            .arg("extract")
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let doc: serde_json::Value =
            serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let out = dir.path().join(format!("{i}.html"));
        let o = report_cmd(std::slice::from_ref(file), &out);
        let want = if check["errors"].as_u64().unwrap_or(0) > 0 {
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
        let page = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_page_shows(&page, check, &doc);
        if let Some(chromium) = browser {
            let stem = file.file_name().and_then(|n| n.to_str()).unwrap_or("page");
            let png = dir.path().join(format!("{stem}.png"));
            let dom = chromium_load(chromium, &out, &png);
            assert_page_shows(&dom, check, &doc);
            let share = ink(&png);
            assert!(
                share > 0.04,
                "{}: nearly blank, {:.1}% ink",
                file.display(),
                share * 100.0
            );
        }
    });
}

#[test]
fn chromium_renders_the_overview_and_a_blank_page_is_caught() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The overview of every report fixture: Chromium's DOM has a row per report.
    let all = dir.path().join("all.html");
    let o = report_cmd(
        &[
            fixture_path("text"),
            fixture_path("docx"),
            fixture_path("pdf"),
        ],
        &all,
    );
    assert!(o.status.code() == Some(1) && all.exists());
    let dom = chromium_load(chromium, &all, &dir.path().join("overview.png"));
    let rows = Html::parse_document(&dom)
        .select(&sel("table.overview tbody tr"))
        .count();
    assert_eq!(rows, fixtures().len());
    // The sort script ran (the page's policy allows it by its hash): it makes each heading
    // of the overview a sorter, which the page as written has none of.
    let heads = |page: &str| {
        let html = Html::parse_document(page);
        let all = html.select(&sel("table.overview thead th")).count();
        let sorters = html.select(&sel("table.overview thead th.sorter")).count();
        (all, sorters)
    };
    let written = std::fs::read_to_string(&all).unwrap_or_default();
    let (n, sorters) = heads(&written);
    assert!(
        n > 8 && sorters == 0,
        "{n} headings, {sorters} sorters as written"
    );
    assert_eq!(
        heads(&dom),
        (n, n),
        "the sort script did not run in Chromium"
    );
    let share = ink(&dir.path().join("overview.png"));
    assert!(share > 0.04, "the overview is blank: {:.1}%", share * 100.0);
    // The check itself can fail: an empty page is blank.
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>")
        .unwrap_or_else(|e| panic!("{e}"));
    chromium_load(chromium, &empty, &dir.path().join("empty.png"));
    assert!(ink(&dir.path().join("empty.png")) < 0.01);
}
