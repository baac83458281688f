//! One input's analysis: read, normalised, parsed, checked. The one entry point the
//! command line, the dataset and a library user share.

use crate::diagnostic::{Finding, Severity};
use crate::error::Error;
use crate::framework::{detect, Detection, Framework, Observed};
use crate::input::{self, Options as ReadOptions};
use crate::model::{Part, ReadIssue, Report, Span};
use crate::source::Source;
use crate::{parse, rules, text};

/// Everything known about one input after checking.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub source: Source,
    pub framework: &'static Framework,
    /// How the framework was chosen, with the evidence for it.
    pub detection: Detection,
    pub report: Report,
    /// What could not be read: parts of the text the parsers found but could not read,
    /// and what the PDF or Word reader could not.
    pub issues: Vec<ReadIssue>,
    pub findings: Vec<Finding>,
}

impl Analysis {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Keeps only the findings of `select` (all when empty) that are not in `ignore`.
    /// Unknown rule ids are an error, so a typo never silences a check.
    pub fn filter_rules(&mut self, select: &[String], ignore: &[String]) -> Result<(), Error> {
        rules::known(select.iter().chain(ignore))?;
        self.findings.retain(|f| {
            (select.is_empty() || select.iter().any(|s| s == f.rule))
                && !ignore.iter().any(|s| s == f.rule)
        });
        Ok(())
    }
}

/// How to read and check one input: the reading options, a framework that overrides
/// detection, and the rules to report.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub read: ReadOptions,
    /// A framework id (`youth-2018`); `None` detects it from the report.
    pub framework: Option<String>,
    /// Report only these rules (all when empty).
    pub select: Vec<String>,
    /// Never report these rules.
    pub ignore: Vec<String>,
}

/// Reads, parses and checks one input. `framework` overrides detection.
pub fn analyse(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    framework: Option<&str>,
) -> Result<Analysis, Error> {
    let source = input::read(name, bytes, opts)?;
    analyse_source(source, framework)
}

/// [`analyse`] with the rule selection of `opts` applied.
pub fn check_bytes(name: &str, bytes: &[u8], opts: &CheckOptions) -> Result<Analysis, Error> {
    let mut a = analyse(name, bytes, &opts.read, opts.framework.as_deref())?;
    a.filter_rules(&opts.select, &opts.ignore)?;
    Ok(a)
}

/// [`check_bytes`] of bytes the caller no longer needs (a text is not copied).
pub fn check_owned(name: &str, bytes: Vec<u8>, opts: &CheckOptions) -> Result<Analysis, Error> {
    let source = input::read_owned(name, bytes, &opts.read)?;
    let mut a = analyse_source(source, opts.framework.as_deref())?;
    a.filter_rules(&opts.select, &opts.ignore)?;
    Ok(a)
}

/// Parses and checks text already read. `framework` overrides detection (an id with
/// variants, `probation-2018`, still takes the variant the evidence fits).
pub fn analyse_source(source: Source, framework: Option<&str>) -> Result<Analysis, Error> {
    let unknown = |id: &str| Error::UnknownFramework(id.to_string(), Framework::ids().join(", "));
    if let Some(id) = framework {
        if Framework::variants(id).is_empty() {
            return Err(unknown(id));
        }
    }
    // The summary and body headings read alike under every framework: parse with the
    // first, tell the framework from what the report says, and parse again (the results
    // tables depend on the standards' names and kinds) when it is another.
    let first = Framework::all()
        .first()
        .ok_or_else(|| unknown("(none embedded)"))?;
    let doc = text::normalise(&source.text);
    let mut parsed = parse::parse(&doc, first);
    if !parsed.report.has_ratings() {
        return Err(Error::NoRatings);
    }
    let detection = {
        let obs = observe(&parsed.report, &source.text);
        match framework {
            Some(id) => detect::select(id, &obs).ok_or_else(|| unknown(id))?,
            None => detect::detect(&obs).map_err(Error::NoFramework)?,
        }
    };
    let fw = detection.framework;
    if fw.key() != first.key() {
        parsed = parse::parse(&doc, fw);
    }
    // The rows borrow the source's text; the source moves into the analysis below.
    drop(doc);
    let parse::Parsed { report, mut issues } = parsed;
    issues.extend(source.reader_notes.iter().map(|n| ReadIssue {
        part: Part::Document,
        span: Span::default(),
        message: match n.page {
            Some(p) if !n.message.starts_with("page ") => format!("page {p}: {}", n.message),
            _ => n.message.clone(),
        },
        standard: None,
    }));
    let mut findings = rules::check(&report, fw, &issues);
    for f in &mut findings {
        f.notes.extend(source.notes_for(f.span));
        for l in &f.labels {
            for n in source.notes_for(l.span) {
                if n.starts_with("in ") && !f.notes.contains(&n) {
                    f.notes.push(n);
                }
            }
        }
    }
    Ok(Analysis {
        source,
        framework: fw,
        detection,
        report,
        issues,
        findings,
    })
}

/// What the report says about itself: its summary and body headings, or, when it has
/// neither, its results tables' standards.
fn observe<'a>(report: &Report, text: &'a str) -> Observed<'a> {
    let mut obs = Observed::from_report(report, text);
    if obs.rows.is_empty() {
        obs.rows = report
            .results
            .iter()
            .filter_map(|t| {
                t.row.name.as_ref().map(|n| detect::ObservedRow {
                    id: t.row.id.value.clone(),
                    name: n.value.clone(),
                    line: t.row.id.span.line,
                })
            })
            .collect();
    }
    obs
}
