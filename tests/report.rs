//! `hmip report`: the HTML page, parsed with an HTML parser. On every fixture (text, PDF,
//! Word) the page has every standard with its stated and computed rating, the overall
//! rating and score, a chart per case-based standard, every finding of `check` with its
//! evidence, and the coverage; nothing in it loads from anywhere; report text is escaped.
//! Several inputs give an overview with one row per report. Headless Chromium renders one
//! page to a PNG that must not be blank: without `chromium` that test says so and skips,
//! unless `HMIP_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

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

/// Every report fixture: the texts, every PDF and the Word documents.
fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["text", "pdf", "docx"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_path(dir))
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                (name.ends_with(".pdf")
                    || name.ends_with(".docx")
                    || (dir == "text" && name.ends_with(".txt")))
                    && !name.contains("excerpt")
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    assert!(out.len() >= 12, "{out:?}");
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
    if let Some(c) = d.overall.computed_score {
        assert!(
            panel.contains(&format!("{c}/{}", d.overall.max_score.unwrap_or(0)))
                || panel.contains(&format!("computed {c}")),
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
    // Every finding with its message, its rule's summary and its evidence.
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
    // What was read.
    let cov = section.select(&sel("table.coverage tbody tr")).count();
    assert_eq!(cov, d.coverage.len(), "{name}: coverage rows");
}

#[test]
fn every_fixture_gives_a_complete_page() {
    for path in fixtures() {
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

#[test]
fn several_inputs_give_an_overview_row_each() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("all.html");
    let o = report_cmd(
        &[
            fixture_path("text"),
            fixture_path("docx"),
            fixture_path("pdf"),
            dir.path().join("missing.pdf"),
        ],
        &out,
    );
    // An input that could not be read: exit 2, named on stderr and on the page.
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.pdf"));
    let page = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    let html = Html::parse_document(&page);
    assert_self_contained(&html, "overview");
    let walked = hmip::walk::expand(
        &[
            fixture_path("text"),
            fixture_path("docx"),
            fixture_path("pdf"),
        ]
        .map(|p| p.display().to_string()),
        None,
    );
    let analyses: Vec<Analysis> = walked
        .iter()
        .filter_map(|f| {
            analyse(
                &f.name,
                &std::fs::read(&f.path).ok()?,
                &ReadOptions::default(),
                None,
            )
            .ok()
        })
        .collect();
    let rows: Vec<ElementRef<'_>> = html.select(&sel("table.overview tbody tr")).collect();
    assert_eq!(rows.len(), analyses.len(), "one row per report");
    assert_eq!(html.select(&sel("section.report")).count(), analyses.len());
    let heads: Vec<String> = html
        .select(&sel("table.overview thead th"))
        .map(text)
        .collect();
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
        assert!(heads.iter().any(|x| x == h), "no column {h}: {heads:?}");
    }
    for (row, a) in rows.iter().zip(&analyses) {
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
            .and_then(|f| f.value().attr("title"));
        assert_eq!(file, Some(a.source.name.as_str()), "{cells:?}");
        assert_eq!(cells.get(6), Some(&a.errors().to_string()));
        assert_eq!(cells.get(7), Some(&a.warnings().to_string()));
        let d = hmip::extract::document(a);
        assert_eq!(row.select(&sel("td.cell")).count(), heads.len() - 8);
        assert!(
            row.select(&sel("td.cell:not(.none)")).count()
                >= d.standards.iter().filter(|s| s.stated.is_some()).count()
        );
    }
    let failures: Vec<String> = html.select(&sel("ul.failures li")).map(text).collect();
    assert!(
        failures.len() == 1 && failures[0].contains("missing.pdf"),
        "{failures:?}"
    );
    // The sort script is inline and allowed by the page's policy, by its hash only.
    assert_eq!(html.select(&sel("script")).count(), 1);
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

#[test]
fn chromium_renders_a_page_that_is_not_blank() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let html = dir.path().join("report.html");
    let o = report_cmd(&[fixture_path("docx/lancashire-yot-2019.docx")], &html);
    assert_eq!(o.status.code(), Some(1));
    let shot = |name: &str, page: &Path| {
        let png = dir.path().join(name);
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
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg("--window-size=1240,1754")
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            o.status.success() && png.exists(),
            "chromium: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        if let Ok(keep) = std::env::var("HMIP_KEEP_SCREENSHOTS") {
            let _ = std::fs::copy(&png, Path::new(&keep).join(name));
        }
        ink(&png)
    };
    let share = shot("report.png", &html);
    assert!(
        share > 0.04,
        "the page is nearly blank: {:.1}% ink",
        share * 100.0
    );
    // The overview of every report fixture.
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
    let share = shot("overview.png", &all);
    assert!(share > 0.04, "the overview is blank: {:.1}%", share * 100.0);
    // The check itself can fail: an empty page is blank.
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(shot("empty.png", &empty) < 0.01);
}
