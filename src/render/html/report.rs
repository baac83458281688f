//! One report's section: the overall panel, the ratings grid as the published summary
//! shows it, the key-question charts, every finding with its evidence, and the coverage.

use super::{badge, chart, esc, plural};
use crate::analysis::Analysis;
use crate::diagnostic::{Finding, Severity};
use crate::extract::{Document, Standard};
use crate::model::Span;
use std::fmt::Write as _;

/// "26/36", "26/36 (computed 25)", "computed 22/36", or "not read".
pub(super) fn score_text(d: &Document) -> String {
    let o = &d.overall;
    let max = o
        .max_score
        .map_or_else(|| "?".to_string(), |m| m.to_string());
    match (o.stated_score, o.computed_score) {
        (Some(s), Some(c)) if s != c => format!("{s}/{max} (computed {c})"),
        (Some(s), _) => format!("{s}/{max}"),
        (None, Some(c)) => format!("computed {c}/{max}"),
        (None, None) => "not read".to_string(),
    }
}

pub(super) fn section(n: usize, a: &Analysis, d: &Document, many: bool) -> String {
    let name = d.service.clone().unwrap_or_else(|| d.file.clone());
    let mut s = format!("<section class=\"report\" id=\"r{n}\">");
    let _ = write!(s, "<h2>{}</h2>", esc(&name));
    let mut meta = vec![format!("File {}", d.file)];
    if let Some(p) = &d.published {
        meta.push(format!("published {p}"));
    }
    if let Some(f) = &d.fieldwork_start {
        meta.push(format!("fieldwork from {f}"));
    }
    meta.push(format!("framework {}", a.framework.name));
    if let Some(p) = a.source.pages {
        meta.push(plural(usize::try_from(p).unwrap_or(0), "page"));
    }
    let _ = write!(s, "<p class=\"meta\">{}</p>", esc(&meta.join(" \u{b7} ")));
    if many {
        s.push_str("<p class=\"meta\"><a href=\"#overview\">Back to the overview</a></p>");
    }
    s.push_str(&panel(d));
    s.push_str(&grid(a, d));
    s.push_str(&charts(a, d));
    s.push_str(&findings(a));
    s.push_str(&coverage(a, d));
    s.push_str("</section>");
    s
}

fn panel(d: &Document) -> String {
    let o = &d.overall;
    let computed = if o.computed.is_some() && o.computed != o.stated {
        format!(
            "<div><span class=\"k\">Computed overall</span>{}</div>",
            badge(o.computed)
        )
    } else {
        format!(
            "<div><span class=\"k\">Computed overall</span><span class=\"big\">{}</span></div>",
            if o.computed.is_some() {
                "same"
            } else {
                "not computed"
            }
        )
    };
    format!(
        "<div class=\"summary-panel\"><div><span class=\"k\">Overall rating (stated)</span>{}</div>{computed}<div><span class=\"k\">Score</span><span class=\"big\">{}</span></div><div><span class=\"k\">Findings</span><span class=\"big\">{}, {}</span></div></div>",
        badge(o.stated),
        esc(&score_text(d)),
        esc(&plural(d.errors, "error")),
        esc(&plural(d.warnings, "warning"))
    )
}

/// The ratings grid: one row per standard under its domain, the stated rating in its
/// colour and the computed one beside it where they differ.
fn grid(a: &Analysis, d: &Document) -> String {
    let mut s = String::from("<h3>Ratings</h3><table class=\"grid\"><thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Name</th><th scope=\"col\">Rating</th><th scope=\"col\">Computed, where it differs</th></tr></thead><tbody>");
    let mut domain: Option<&str> = None;
    for st in &d.standards {
        if domain != Some(st.domain.as_str()) {
            domain = Some(st.domain.as_str());
            let title = a
                .framework
                .domain(&st.domain)
                .map_or(format!("Domain {}", st.domain), |dd| {
                    format!("{}. {}", dd.id, dd.name)
                });
            let _ = write!(
                s,
                "<tr class=\"domain\"><th colspan=\"4\" scope=\"rowgroup\">{}</th></tr>",
                esc(&title)
            );
        }
        let computed = match st.computed {
            Some(c) if Some(c) != st.stated => {
                format!("<span class=\"differs\">\u{2260}</span> {}", badge(Some(c)))
            }
            _ => String::new(),
        };
        let _ = write!(
            s,
            "<tr id=\"{}\"><th scope=\"row\">{}</th><td class=\"name\">{}{}</td><td>{}</td><td>{computed}</td></tr>",
            esc(&format!("s{}-{}", anchor_key(&d.file), st.id)),
            esc(&st.id),
            esc(&st.name),
            printed_name(a, st) + &places(st),
            badge(st.stated)
        );
    }
    s.push_str("</tbody></table>");
    s
}

/// A key for ids made of a file name: letters and digits only.
fn anchor_key(file: &str) -> String {
    file.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The name the report prints for a standard, when it is not the framework's.
fn printed_name(a: &Analysis, st: &Standard) -> String {
    let norm = |s: &str| s.trim().trim_end_matches('.').to_lowercase();
    a.report
        .rows_for(&st.id)
        .filter_map(|r| r.name.as_ref())
        .find(|n| norm(&n.value) != norm(&st.name))
        .map_or(String::new(), |n| {
            format!(
                "<br><span class=\"places\">printed as \u{201c}{}\u{201d}</span>",
                esc(&n.value)
            )
        })
}

/// The places that state a rating, when they disagree.
fn places(st: &Standard) -> String {
    let p = &st.ratings;
    let all: Vec<(&str, crate::model::Rating)> =
        [("summary", p.summary), ("body", p.body), ("annex", p.annex)]
            .into_iter()
            .filter_map(|(k, r)| r.map(|r| (k, r)))
            .collect();
    if all.windows(2).all(|w| matches!(w, [x, y] if x.1 == y.1)) {
        return String::new();
    }
    let text: Vec<String> = all.iter().map(|(k, r)| format!("{k}: {r}")).collect();
    format!(
        "<br><span class=\"places\">stated as {}</span>",
        esc(&text.join("; "))
    )
}

fn charts(a: &Analysis, d: &Document) -> String {
    let mut figs = String::new();
    for st in d.standards.iter().filter(|s| s.kind == Some("case")) {
        let Some(svg) = chart::svg(a.framework, st) else {
            continue;
        };
        let lowest = st
            .lowest_percent
            .as_ref()
            .map_or(String::new(), |p| format!("; lowest key question {p}%"));
        let _ = write!(
            figs,
            "<figure class=\"chart\"><figcaption><strong>{} {}</strong>: rated {}{}</figcaption>{svg}{}</figure>",
            esc(&st.id),
            esc(&st.name),
            esc(st.stated.map_or("(not read)", |r| r.as_str())),
            esc(&lowest),
            kq_table(st)
        );
    }
    if figs.is_empty() {
        return "<h3>Key questions</h3><p>No key-question results were read.</p>".to_string();
    }
    format!("<h3>Key questions</h3><p class=\"hint\">% of relevant cases answered \u{2018}Yes\u{2019} per key question (counts as yes/relevant where the report prints them). Dashed lines: the band boundaries. Prompts are not drawn; they are listed under each chart.</p><div class=\"charts\">{figs}</div>")
}

fn kq_table(st: &Standard) -> String {
    let mut s = String::from("<details><summary>Key questions and prompts</summary><table><tbody>");
    for k in &st.key_questions {
        let value = match (&k.percent, k.yes, k.relevant) {
            (Some(p), Some(y), Some(n)) => format!("{p}% ({y}/{n})"),
            (Some(p), _, _) => format!("{p}%"),
            (None, _, _) => "not read".to_string(),
        };
        let id = k.prompt.as_deref().unwrap_or(&k.id);
        let _ = write!(
            s,
            "<tr{}><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td></tr>",
            if k.prompt.is_some() {
                " class=\"prompt\""
            } else {
                ""
            },
            esc(id),
            esc(&k.text),
            esc(&value)
        );
    }
    s.push_str("</tbody></table></details>");
    s
}

/// Where a span is: "line 194, column 5 · table 3, row 4 · page 2".
fn location(a: &Analysis, span: Span) -> String {
    if span.line == 0 {
        return "the report as a whole".to_string();
    }
    let mut parts = vec![format!("line {}, column {}", span.line, span.column)];
    if let Some(o) = a.source.origin(span.line) {
        if let Some(p) = &o.place {
            parts.push(p.clone());
        }
        if let Some(p) = o.page {
            parts.push(format!("page {p}"));
        }
    }
    parts.join(" \u{b7} ")
}

/// The evidence line at `span` with its token marked, or nothing for no line.
fn evidence(a: &Analysis, span: Span, label: Option<&str>) -> String {
    let Some(line) = a.source.line(span.line) else {
        return String::new();
    };
    let r = crate::render::human::token_range(line, span);
    let (before, mark, after) = (
        line.get(..r.start).unwrap_or(""),
        line.get(r.clone()).unwrap_or(""),
        line.get(r.end..).unwrap_or(""),
    );
    let label = label.map_or(String::new(), |l| {
        format!(
            "<div class=\"loc\">{} \u{2014} {}</div>",
            esc(l),
            esc(&location(a, span))
        )
    });
    format!(
        "{label}<pre class=\"evidence\"><span class=\"ln\">{:>5} \u{2502} </span>{}<mark>{}</mark>{}</pre>",
        span.line,
        esc(before),
        esc(mark),
        esc(after)
    )
}

fn findings(a: &Analysis) -> String {
    let mut s = format!("<h3>Findings ({})</h3>", a.findings.len());
    if a.findings.is_empty() {
        s.push_str("<p class=\"ok\">No findings: every rule that ran agrees with the report.</p>");
    }
    for f in &a.findings {
        s.push_str(&finding(a, f));
    }
    s
}

fn finding(a: &Analysis, f: &Finding) -> String {
    let sev = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut s = format!(
        "<article class=\"finding {sev}\"><div><span class=\"sev {sev}\">{sev}</span> <span class=\"rule\">{}</span> <span class=\"loc\">{}</span></div><p class=\"msg\">{}</p>",
        esc(f.rule),
        esc(&location(a, f.span)),
        esc(&f.message)
    );
    s.push_str(&evidence(a, f.span, None));
    for l in &f.labels {
        s.push_str(&evidence(a, l.span, Some(&l.message)));
    }
    s.push_str("<dl class=\"about\">");
    if let Some(rule) = crate::rules::by_id(f.rule) {
        let _ = write!(s, "<dt>Rule</dt><dd>{}</dd>", esc(rule.summary));
    }
    if f.rule == "band-rule" {
        let text = match (f.discretion, &f.help) {
            (true, Some(h)) => format!("could apply: {h}"),
            (true, None) => "could apply".to_string(),
            (false, Some(h)) => h.clone(),
            (false, None) => "no discretion condition applies".to_string(),
        };
        let _ = write!(s, "<dt>Discretion</dt><dd>{}</dd>", esc(&text));
    } else if let Some(h) = &f.help {
        let _ = write!(s, "<dt>Help</dt><dd>{}</dd>", esc(h));
    }
    for n in other_notes(a, f) {
        let _ = write!(s, "<dt>Note</dt><dd>{}</dd>", esc(n));
    }
    s.push_str("</dl></article>");
    s
}

/// A finding's notes but those saying where it is (its place, its page), which a report
/// shows beside it anyway: what is left is news (a tracked change).
pub(crate) fn other_notes<'a>(a: &Analysis, f: &'a Finding) -> impl Iterator<Item = &'a String> {
    let origin = a.source.origin(f.span.line);
    let place = origin.and_then(|o| o.place.clone());
    let page = origin.and_then(|o| o.page).map(|p| format!("page {p}"));
    f.notes
        .iter()
        .filter(move |n| Some(*n) != place.as_ref() && Some(*n) != page.as_ref())
}

fn coverage(a: &Analysis, d: &Document) -> String {
    let mut s = String::from("<h3>What was read</h3><table class=\"coverage\"><thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Found</th><th scope=\"col\">Read</th><th scope=\"col\">Not read</th><th scope=\"col\">Issues</th><th scope=\"col\">Note</th></tr></thead><tbody>");
    for c in &d.coverage {
        let (cls, found) = if c.complete() {
            ("ok", "yes, whole")
        } else if c.found {
            ("gap", "yes, in part")
        } else {
            ("gap", "no")
        };
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"{cls}\">{found}</td><td class=\"num\">{} of {}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(c.part.describe()),
            c.read,
            c.expected,
            esc(&c.missing.join(", ")),
            c.issues,
            esc(c.note.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody></table>");
    if !a.issues.is_empty() {
        s.push_str("<p>Not read, with where:</p><ul class=\"issues\">");
        for i in &a.issues {
            let _ = write!(
                s,
                "<li>{}: {}</li>",
                esc(&location(a, i.span)),
                esc(&i.message)
            );
        }
        s.push_str("</ul>");
    }
    s
}
