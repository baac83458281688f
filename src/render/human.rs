//! Human diagnostics: `file:line:col`, rule id, message, the quoted evidence lines and help,
//! drawn with annotate-snippets in the style of rustc and ruff.

use crate::analysis::Analysis;
use crate::diagnostic::{Finding, Severity};
use crate::model::Span;
use crate::source::Source;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The byte range of the evidence token at `span` in `line`: up to the next tab, at most
/// 60 characters, trailing spaces excluded.
pub(crate) fn token_range(line: &str, span: Span) -> std::ops::Range<usize> {
    let col = usize::try_from(span.column.saturating_sub(1)).unwrap_or(0);
    let start = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
    let rest = line.get(start..).unwrap_or("");
    let mut end = rest.find('\t').unwrap_or(rest.len());
    if let Some((b, _)) = rest.char_indices().nth(60) {
        end = end.min(b);
    }
    let token = rest.get(..end).unwrap_or("").trim_end();
    start..start + token.len().max(usize::from(start < line.len()))
}

fn snippet<'a>(
    source: &'a Source,
    span: Span,
    label: &'a str,
    primary: bool,
) -> Option<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let line = source.line(span.line)?;
    let range = token_range(line, span);
    let kind = if primary {
        AnnotationKind::Primary
    } else {
        AnnotationKind::Context
    };
    let mut ann = kind.span(range);
    if !label.is_empty() {
        ann = ann.label(label);
    }
    Some(
        Snippet::source(line)
            .line_start(usize::try_from(span.line).unwrap_or(1))
            .path(source.name.as_str())
            .annotation(ann),
    )
}

/// Renders every finding of an analysis, then a one-line tally.
pub fn render(a: &Analysis, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in &a.findings {
        out.push_str(&render_one(&renderer, &a.source, f));
        out.push_str("\n\n");
    }
    if let Some(n) = unchecked_note(a) {
        out.push_str(&n);
        out.push('\n');
    }
    out.push_str(&tally(a));
    out.push('\n');
    out
}

/// "note: FILE: the youth-2025 framework gives these rules nothing to check against, so
/// they did not run: score-band, ..." where the framework publishes no number a rule needs
/// (its bands, scoring, full standard list or samples); `None` where every rule could run.
pub fn unchecked_note(a: &Analysis) -> Option<String> {
    let rules: Vec<&str> = a.framework.unchecked().iter().map(|u| u.rule).collect();
    if rules.is_empty() {
        return None;
    }
    Some(format!(
        "note: {}: the {} framework gives these rules nothing to check against, so they did not run: {} (`hmip extract` gives each reason)",
        a.source.name,
        a.framework.key(),
        rules.join(", ")
    ))
}

fn render_one(renderer: &Renderer, source: &Source, f: &Finding) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = if f.discretion {
        format!("{} (discretion could apply)", f.message)
    } else {
        f.message.clone()
    };
    let mut group = Group::with_title(level.primary_title(title).id(f.rule));
    if let Some(s) = snippet(source, f.span, "", true) {
        group = group.element(s);
    } else {
        group = group.element(annotate_snippets::Origin::path(source.name.as_str()));
    }
    for l in &f.labels {
        if let Some(s) = snippet(source, l.span, &l.message, false) {
            group = group.element(s);
        }
    }
    for n in &f.notes {
        group = group.element(Level::NOTE.message(n.as_str()));
    }
    if let Some(h) = &f.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let report: [Group; 1] = [group];
    renderer.render(&report)
}

/// "lancashire.txt: 1 error, 0 warnings (youth-2018)"
pub fn tally(a: &Analysis) -> String {
    let (e, w) = (a.errors(), a.warnings());
    format!(
        "{}: {e} error{}, {w} warning{} ({})",
        a.source.name,
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" },
        a.framework.id
    )
}
