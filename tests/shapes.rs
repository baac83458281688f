//! The text 22 extraction tools give of our reports (`fixtures/shapes/<tool>/<report>.txt`,
//! made by `fixtures/shapes/make.sh`), each read as a user would hand it over, against the
//! report's faithful text (`fixtures/text/<report>.txt`): field by field the same values,
//! the same findings, and where a tool lost something, a reading-gap finding naming what
//! could not be checked instead of a silent gap or a false defect.

mod common;
use common::compare::{diff, values, Diff};
use common::*;
use hmip::extract::{document, Document};
use hmip::{analyse, ReadOptions};

const REPORTS: [&str; 3] = [
    "lancashire-yot-2019",
    "leeds-yjs-2019",
    "hartlepool-yjs-2020",
];

fn tools() -> Vec<String> {
    let dir = fixture_path("shapes");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            (e.path().is_dir() && !name.starts_with('.')).then_some(name)
        })
        .collect();
    out.sort();
    out
}

fn doc(rel: &str) -> Result<Document, String> {
    let bytes = std::fs::read(fixture_path(rel)).map_err(|e| format!("{rel}: {e}"))?;
    analyse(rel, &bytes, &ReadOptions::default(), None)
        .map(|a| document(&a))
        .map_err(|e| format!("{rel}: {e}"))
}

struct Score {
    tool: String,
    report: &'static str,
    diff: Result<Diff, String>,
    gaps: Vec<String>,
}

fn score_all() -> Vec<Score> {
    let mut out = Vec::new();
    for report in REPORTS {
        let faithful =
            values(&doc(&format!("text/{report}.txt")).unwrap_or_else(|e| panic!("{e}")));
        for tool in tools() {
            let got = doc(&format!("shapes/{tool}/{report}.txt"));
            let gaps = got
                .as_ref()
                .map(|d| {
                    d.findings
                        .iter()
                        .filter(|f| f.rule == "incomplete-read")
                        .map(|f| f.message.clone())
                        .collect()
                })
                .unwrap_or_default();
            out.push(Score {
                tool: tool.clone(),
                report,
                diff: got.map(|d| diff(&faithful, &d)),
                gaps,
            });
        }
    }
    out
}

/// Runs whose tool really lost part of the report, and what it lost. Every other run must
/// read every value; each of these must still lose something (so the list stays true), and
/// say so.
const LOSSES: &[(&str, &str, &str)] = &[
    (
        "python-docx-paras",
        "lancashire-yot-2019",
        "python-docx's paragraphs leave out every table",
    ),
    (
        "python-docx-paras",
        "leeds-yjs-2019",
        "python-docx's paragraphs leave out every table",
    ),
    (
        "pdfminer",
        "leeds-yjs-2019",
        "pdfminer puts two recommendation numbers apart from their text",
    ),
    (
        "pdfminer",
        "hartlepool-yjs-2020",
        "pdfminer gives the count columns as blocks of unequal length",
    ),
    (
        "pdftotext",
        "hartlepool-yjs-2020",
        "pdftotext's reading order gives the count columns as blocks of unequal length",
    ),
    (
        "pymupdf4llm",
        "lancashire-yot-2019",
        "pymupdf4llm puts 'Requires' and 'improvement' of two annex ratings in different cells",
    ),
    (
        "pymupdf4llm",
        "leeds-yjs-2019",
        "pymupdf4llm puts 'Requires' and 'improvement' of an annex rating in different cells",
    ),
    (
        "pymupdf4llm",
        "hartlepool-yjs-2020",
        "pymupdf4llm drops the ratings of the standards' heading boxes",
    ),
];

/// Runs that are refused: the tool kept nothing that holds a rating.
const REFUSED: &[(&str, &str)] = &[("python-docx-paras", "hartlepool-yjs-2020")];

#[test]
fn every_shape_reads_as_the_faithful_text_or_says_what_it_lost() {
    let scores = score_all();
    assert!(
        scores.len() >= 60,
        "the shapes are missing: {} runs",
        scores.len()
    );
    let mut failures = Vec::new();
    for s in &scores {
        let run = (s.tool.as_str(), s.report);
        let loses = LOSSES.iter().any(|(t, r, _)| (*t, *r) == run);
        match &s.diff {
            Err(e) => {
                if !(REFUSED.contains(&run) && e.contains("no recognisable ratings")) {
                    failures.push(format!("{} {}: {e}", s.tool, s.report));
                }
            }
            Ok(d) => {
                let mut say =
                    |what: String| failures.push(format!("{} {}: {what}", s.tool, s.report));
                if REFUSED.contains(&run) {
                    say("is read now: take it off REFUSED".into());
                }
                for (k, w, g) in &d.wrong {
                    say(format!("{k} is {g:?}, the faithful text has {w:?}"));
                }
                for k in &d.lost {
                    say(format!("{k} lost with no finding saying so"));
                }
                for (k, g) in &d.extra {
                    say(format!(
                        "{k} ({g}) is not in the faithful text (a false finding or value)"
                    ));
                }
                if loses && d.declared.is_empty() {
                    say("loses nothing now: take it off LOSSES".into());
                }
                if !loses && !d.declared.is_empty() {
                    say(format!(
                        "declares {} values unread: {:?}",
                        d.declared.len(),
                        d.declared
                    ));
                }
                if !d.declared.is_empty() && s.gaps.is_empty() {
                    say("lost values but no incomplete-read finding says so".into());
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "scoreboard for development: cargo test --test shapes -- --ignored --nocapture"]
fn scoreboard() {
    let scores = score_all();
    let (mut right, mut total, mut exact, mut silent) = (0, 0, 0, 0);
    for s in &scores {
        match &s.diff {
            Ok(d) => {
                right += d.right;
                total += d.total();
                exact += usize::from(d.exact());
                silent += usize::from(!d.lost.is_empty());
                println!(
                    "{:<22} {:<22} {:>4}/{:<4} wrong {:>3} lost {:>3} declared {:>3} extra {:>3} gaps {:>2}",
                    s.tool,
                    s.report,
                    d.right,
                    d.total(),
                    d.wrong.len(),
                    d.lost.len(),
                    d.declared.len(),
                    d.extra.len(),
                    s.gaps.len()
                );
                if std::env::var_os("SHAPES_DETAIL").is_some() {
                    for (k, w, g) in &d.wrong {
                        println!("    wrong {k}: want {w:?} got {g:?}");
                    }
                    for k in &d.lost {
                        println!("    lost  {k}");
                    }
                    for (k, g) in &d.extra {
                        println!("    extra {k}: {g:?}");
                    }
                    for g in &s.gaps {
                        println!("    gap   {g}");
                    }
                }
            }
            Err(e) => println!("{:<22} {:<22} ERROR {e}", s.tool, s.report),
        }
    }
    println!(
        "exact {exact}/{} runs ({silent} with values lost silently); values right {right}/{total} ({:.1}%)",
        scores.len(),
        100.0 * right as f64 / total.max(1) as f64
    );
}
