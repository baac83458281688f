//! The HTML report: one self-contained page (styles inline, charts as inline SVG, nothing
//! fetched: a Content-Security-Policy forbids any load) that prints on A4. For one report:
//! its ratings grid, a chart of each case-based standard's key questions, every finding
//! with its evidence, and what was read. For several: an overview table first (sortable
//! when scripts run, readable without), then each report's section.
//!
//! Report text is untrusted: every interpolated string goes through [`esc`], in text and
//! in attributes alike.

mod chart;
mod report;

pub(crate) use report::other_notes;

use crate::analysis::Analysis;
use crate::extract::{self, Document};
use crate::model::Rating;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// An input that could not be read, listed on the page.
#[derive(Debug, Clone)]
pub struct Failure {
    pub name: String,
    pub error: String,
}

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page title; by default the service (one report) or "hmip report".
    pub title: Option<String>,
    /// Include the small script that sorts the overview by a column.
    pub script: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            title: None,
            script: true,
        }
    }
}

/// Escapes text for HTML content and (quoted) attribute values alike.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A page break of pdftotext text: a space keeps the columns of the evidence.
            '\u{c}' => out.push(' '),
            c if c.is_control() && !matches!(c, '\t' | '\n') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A rating's colours as HMIP reports print them: (background, text). Each pair has a
/// contrast ratio of at least 4.5:1 (WCAG AA; tested).
pub fn colours(r: Rating) -> (&'static str, &'static str) {
    match r {
        // Dark green, white text (6.2:1).
        Rating::Outstanding => ("#00703c", "#ffffff"),
        // Light green, near-black text (9.9:1).
        Rating::Good => ("#8cc63f", "#0b0c0c"),
        // Amber, near-black text (10.0:1).
        Rating::RequiresImprovement => ("#f5a623", "#0b0c0c"),
        // Red, white text (5.6:1).
        Rating::Inadequate => ("#c62828", "#ffffff"),
    }
}

/// The CSS class of a rating (`r-good`).
fn class(r: Rating) -> &'static str {
    match r {
        Rating::Outstanding => "r-outstanding",
        Rating::Good => "r-good",
        Rating::RequiresImprovement => "r-ri",
        Rating::Inadequate => "r-inadequate",
    }
}

/// A rating in its colours, or a grey "not read".
fn badge(r: Option<Rating>) -> String {
    match r {
        Some(r) => format!(
            "<span class=\"rating {}\">{}</span>",
            class(r),
            esc(r.as_str())
        ),
        None => "<span class=\"rating none\">not read</span>".to_string(),
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The page of `reports` (and of the inputs that could not be read).
pub fn render(reports: &[Analysis], failures: &[Failure], opts: &Options) -> String {
    let docs: Vec<Document> = reports.iter().map(extract::document).collect();
    let title = opts.title.clone().unwrap_or_else(|| match docs.as_slice() {
        [d] => format!(
            "hmip report: {}",
            d.service.clone().unwrap_or_else(|| d.file.clone())
        ),
        _ => format!("hmip report: {}", plural(docs.len(), "report")),
    });
    let script = opts.script.then_some(SORT_SCRIPT);
    let mut body = String::new();
    let _ = write!(body, "<header class=\"page\"><h1>{}</h1>", esc(&title));
    let _ = write!(
        body,
        "<p class=\"meta\">Made by hmip {} from the report text: each rating is as the report states it, beside the rating the published rules give where they differ.</p></header>",
        esc(env!("CARGO_PKG_VERSION"))
    );
    if docs.len() > 1 || !failures.is_empty() {
        body.push_str(&overview(&docs, failures));
    }
    for (i, (a, d)) in reports.iter().zip(&docs).enumerate() {
        body.push_str(&report::section(i + 1, a, d, docs.len() > 1));
    }
    page(&title, &body, script)
}

/// The overview: one row per report, linked to its section; the inputs not read below.
/// Reports of different frameworks (or variants) get a table each: their standard ids
/// name different standards (youth 2.1 is "Assessment", probation 2.1 is not), so no
/// column is ever shared between them.
fn overview(docs: &[Document], failures: &[Failure]) -> String {
    // (framework key, the docs' global indexes), in the order the reports come.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let key = match &d.framework_variant {
            Some(v) => format!("{}:{v}", d.framework),
            None => d.framework.clone(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    let mut s = String::from("<section id=\"overview\"><h2>Overview</h2>");
    for (key, members) in &groups {
        if groups.len() > 1 {
            let _ = write!(
                s,
                "<h3 class=\"framework\">{}: {}</h3>",
                esc(key),
                plural(members.len(), "report")
            );
        }
        let group: Vec<(usize, &Document)> = members
            .iter()
            .filter_map(|&i| docs.get(i).map(|d| (i, d)))
            .collect();
        s.push_str(&overview_table(&group));
    }
    if !docs.is_empty() {
        s.push_str("<p class=\"hint\">Each row links to the report's section. Standard cells show the stated rating; a cell marked \u{2260} has a computed rating that differs.</p>");
    }
    if !failures.is_empty() {
        s.push_str("<h3>Inputs not read</h3><ul class=\"failures\">");
        for f in failures {
            let _ = write!(
                s,
                "<li><strong>{}</strong>: {}</li>",
                esc(&f.name),
                esc(&f.error)
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>");
    s
}

/// One overview table: reports of one framework (each with its index in the page), one
/// column per standard any of them lists.
fn overview_table(docs: &[(usize, &Document)]) -> String {
    let mut ids: Vec<(String, String)> = Vec::new();
    for (_, d) in docs {
        for st in &d.standards {
            if !ids.iter().any(|(id, _)| *id == st.id) {
                ids.push((st.id.clone(), st.name.clone()));
            }
        }
    }
    let mut s =
        String::from("<div class=\"scroll\"><table class=\"overview sortable\"><thead><tr>");
    for h in [
        "Service",
        "Published",
        "Framework",
        "Stated overall",
        "Computed overall",
        "Score",
        "Errors",
        "Warnings",
    ] {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(h));
    }
    for (id, name) in &ids {
        let _ = write!(
            s,
            "<th scope=\"col\" class=\"std\" title=\"{}\">{}</th>",
            esc(name),
            esc(id)
        );
    }
    s.push_str("</tr></thead><tbody>");
    for (i, d) in docs {
        s.push_str(&overview_row(i + 1, d, &ids));
    }
    s.push_str("</tbody></table></div>");
    s
}

fn rank(r: Option<Rating>) -> i32 {
    r.map_or(-1, Rating::rank)
}

fn overview_row(n: usize, d: &Document, ids: &[(String, String)]) -> String {
    let o = &d.overall;
    let name = d.service.clone().unwrap_or_else(|| d.file.clone());
    let max = o
        .max_score
        .map_or_else(|| "?".to_string(), |m| m.to_string());
    let score = match (o.stated_score, o.computed_score) {
        (Some(st), Some(c)) if st != c => {
            format!("{st}/{max}<br><span class=\"file\">computed {c}</span>")
        }
        (Some(st), _) => format!("{st}/{max}"),
        (None, Some(c)) => format!("{c}/{max}<br><span class=\"file\">computed</span>"),
        (None, None) => "not read".to_string(),
    };
    let score_key = o.computed_score.or(o.stated_score).map_or(-1, i64::from);
    let base = d.file.rsplit(['/', '\\']).next().unwrap_or(&d.file);
    let mut s = format!(
        "<tr><th scope=\"row\" data-sort=\"{}\"><a href=\"#r{n}\">{}</a><br><span class=\"file\" title=\"{}\">{}</span></th>",
        esc(&name.to_lowercase()),
        esc(&name),
        esc(&d.file),
        esc(base)
    );
    let _ = write!(
        s,
        "<td>{}</td><td>{}</td><td data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td><td data-sort=\"{score_key}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        esc(d.published.as_deref().unwrap_or("")),
        esc(&d.framework),
        rank(o.stated),
        badge(o.stated),
        rank(o.computed),
        badge(o.computed),
        score,
        d.errors,
        d.warnings
    );
    for (id, _) in ids {
        match d.standards.iter().find(|st| st.id == *id) {
            Some(st) => {
                let differs = st.computed.is_some() && st.computed != st.stated;
                let (cls, label) = match st.stated {
                    Some(r) => (class(r), r.as_str()),
                    None => ("none", "not read"),
                };
                let mark = if differs { " \u{2260}" } else { "" };
                let title = match (differs, st.computed) {
                    (true, Some(c)) => format!("{id}: {label}; computed {}", c.as_str()),
                    _ => format!("{id}: {label}"),
                };
                let _ = write!(
                    s,
                    "<td class=\"cell {cls}\" data-sort=\"{}\" title=\"{}\">{}{mark}</td>",
                    rank(st.stated),
                    esc(&title),
                    esc(short(st.stated))
                );
            }
            None => s.push_str("<td class=\"cell none\" data-sort=\"-1\">\u{2013}</td>"),
        }
    }
    s.push_str("</tr>");
    s
}

/// A rating in a narrow cell.
fn short(r: Option<Rating>) -> &'static str {
    match r {
        Some(Rating::Outstanding) => "O",
        Some(Rating::Good) => "G",
        Some(Rating::RequiresImprovement) => "RI",
        Some(Rating::Inadequate) => "I",
        None => "?",
    }
}

/// The whole page around `body`.
fn page(title: &str, body: &str, script: Option<&str>) -> String {
    let script_src = match script {
        Some(js) => {
            let hash = Sha256::digest(js.as_bytes());
            format!("'sha256-{}'", base64(&hash))
        }
        None => "'none'".to_string(),
    };
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script_src}; base-uri 'none'; form-action 'none'"
    );
    let mut s = String::with_capacity(body.len() + STYLE.len() + 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        s,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        esc(&csp)
    );
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = write!(
        s,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        esc(title)
    );
    s.push_str(body);
    if let Some(js) = script {
        let _ = write!(s, "<script>{js}</script>");
    }
    s.push_str("</body></html>\n");
    s
}

/// Standard base64 (for the script's hash in the Content-Security-Policy).
fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let idx = usize::try_from((n >> shift) & 63).unwrap_or(0);
                out.push(char::from(T.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Sorts a `table.sortable` by the clicked column (numbers by `data-sort`, else text).
const SORT_SCRIPT: &str = r#"(function(){function key(c){var v=c.getAttribute('data-sort');if(v===null){v=c.textContent.trim().toLowerCase();}var n=parseFloat(v);return isNaN(n)?v:n;}
document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(th,i){th.tabIndex=0;th.classList.add('sorter');function sort(){var asc=th.getAttribute('aria-sort')!=='ascending';var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]);if(typeof a!==typeof c){a=String(a);c=String(c);}return (a<c?-1:a>c?1:0)*(asc?1:-1);});Array.prototype.forEach.call(hs,function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',asc?'ascending':'descending');rows.forEach(function(r){b.appendChild(r);});}th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});});});})();"#;

const STYLE: &str = r#"
@page{size:A4;margin:14mm}
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,"Liberation Sans",sans-serif;color:#0b0c0c;background:#fff;margin:0 auto;max-width:1200px;padding:20px;line-height:1.4;font-size:15px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:28px 0 8px;border-bottom:2px solid #0b0c0c;padding-bottom:4px}h3{font-size:17px;margin:20px 0 6px}
.meta,.hint,.file{color:#505a5f;font-size:13px}
table{border-collapse:collapse;margin:6px 0 12px}
th,td{border:1px solid #b1b4b6;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}
.num{text-align:right}
.scroll{overflow-x:auto}
table.overview{font-size:12px}table.overview th,table.overview td{padding:3px 4px}table.overview .rating{white-space:normal;padding:1px 4px}table.overview th[scope=row]{min-width:150px;font-weight:normal}table.overview td.cell{min-width:28px}table.overview th[scope=row] a{font-weight:bold}
.rating{display:inline-block;padding:2px 8px;border-radius:3px;font-weight:bold;white-space:nowrap}
.r-outstanding{background:#00703c;color:#fff}.r-good{background:#8cc63f;color:#0b0c0c}.r-ri{background:#f5a623;color:#0b0c0c}.r-inadequate{background:#c62828;color:#fff}
.none{background:#f3f2f1;color:#505a5f}
td.cell{text-align:center;font-weight:bold;min-width:34px}
.r-outstanding,.r-good,.r-ri,.r-inadequate,.none,thead th,.sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.sorter{cursor:pointer}.sorter[aria-sort=ascending]::after{content:" \25B2"}.sorter[aria-sort=descending]::after{content:" \25BC"}
.summary-panel{display:flex;flex-wrap:wrap;gap:12px 28px;align-items:center;margin:8px 0 12px;padding:10px 12px;border:1px solid #b1b4b6;background:#fafafa}
.summary-panel .k{display:block;font-size:12px;color:#505a5f;text-transform:uppercase;letter-spacing:.04em}
.summary-panel .big{font-size:18px;font-weight:bold}
table.grid td.name{min-width:260px}table.grid tr.domain th{background:#e8e8e8}
.differs{font-weight:bold;color:#0b0c0c}.places{font-size:12px;color:#505a5f}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{margin:0;border:1px solid #b1b4b6;padding:8px;break-inside:avoid;width:340px}
figure.chart figcaption{font-size:13px;margin-bottom:4px}
figure.chart svg{display:block;max-width:100%;height:auto}
details{font-size:13px;margin-top:4px}
article.finding{border-left:6px solid #b1b4b6;padding:6px 12px;margin:10px 0;background:#fafafa;break-inside:avoid}
article.finding.error{border-left-color:#c62828}article.finding.warning{border-left-color:#f5a623}
.sev{display:inline-block;padding:1px 6px;border-radius:3px;font-size:12px;font-weight:bold;text-transform:uppercase}
.sev.error{background:#c62828;color:#fff}.sev.warning{background:#f5a623;color:#0b0c0c}
.rule{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:13px}
.loc{color:#505a5f;font-size:13px}
p.msg{margin:4px 0;font-weight:bold}
pre.evidence{background:#fff;border:1px solid #d8d8d8;padding:4px 6px;margin:4px 0;white-space:pre-wrap;word-break:break-word;font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12.5px;tab-size:4}
pre.evidence .ln{color:#505a5f;user-select:none}
mark{background:#ffdd00;color:#0b0c0c}
dl.about{margin:4px 0;font-size:13.5px}dl.about dt{font-weight:bold;float:left;clear:left;width:110px}dl.about dd{margin:0 0 2px 116px}
.ok{color:#00703c;font-weight:bold}.gap{color:#c62828;font-weight:bold}
h2,h3{break-after:avoid}
@media print{body{max-width:none;padding:0;font-size:11pt}table.overview{font-size:7.5pt}.scroll{overflow:visible}#overview~section.report,section.report~section.report{break-before:page}a{color:inherit;text-decoration:none}figure.chart{width:31%}}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
        let ch = |s: u32| {
            let c = f64::from((v >> s) & 255) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
    }

    #[test]
    fn rating_colours_are_readable() {
        for r in Rating::ALL {
            let (bg, fg) = colours(r);
            let (a, b) = (luminance(bg), luminance(fg));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 4.5, "{r}: {bg} on {fg} is {ratio:.1}:1");
            // The stylesheet uses the same pair.
            assert!(
                STYLE.contains(&format!(
                    "{{background:{bg};color:{}}}",
                    fg.replace("#ffffff", "#fff")
                )),
                "{r}"
            );
        }
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            esc("<script>alert(1)</script> \"'&"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
        assert_eq!(esc("\u{c}3.4"), " 3.4");
    }

    #[test]
    fn base64_of_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
