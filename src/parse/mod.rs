//! Parsers: one module per report part. [`parse`] finds the parts ([`sections`]) and parses
//! each on its own, so a broken annex still leaves a usable summary.
//!
//! The grammar these parsers accept is `grammars/report.ebnf`; production names there
//! are the function names here.

pub mod align;
pub mod annex;
pub mod body;
pub mod claims;
pub mod common;
pub mod counts;
pub mod metadata;
pub mod methodology;
pub mod phrase;
pub mod recommendations;
pub mod sections;
pub mod summary;
pub mod tokens;

use crate::framework::Framework;
use crate::model::{Layout, ReadIssue, Report};
use crate::text::Doc;

/// A report and what could not be read of it (taplo's `Parse { green_node, errors }`):
/// every part is parsed on its own, and a part that fails leaves an issue with a span,
/// never silence.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub report: Report,
    pub issues: Vec<ReadIssue>,
}

/// Parses a normalised document into a [`Report`] and its reading issues.
pub fn parse(doc: &Doc, fw: &Framework) -> Parsed {
    let secs = sections::locate(doc);
    let layout = sections::layout(doc);
    let mut summary = summary::summary_block(doc, &secs);
    let mut issues = std::mem::take(&mut summary.issues);
    let mut recommendations = recommendations::recommendations_section(doc, &secs);
    issues.append(&mut recommendations.issues);
    let body_start = secs.body_start(summary.end, recommendations.end);
    let body_end = secs.first_annex.unwrap_or(doc.rows.len());
    // Where count tables are read too, the body's rows are tokenised once for both.
    let mut rows = tokens::Cache::new(doc);
    let body = if layout == Layout::Counts2020 {
        body::body_headings_with(&mut rows, body_start, body_end)
    } else {
        body::body_headings(doc, body_start, body_end)
    };
    let annex = annex::results_tables(doc, &secs, fw);
    issues.extend(annex.issues);
    let mut results = annex.tables;
    if layout == Layout::Counts2020 {
        // Count tables live only in case-based standards' sections: read from the end of
        // the summary, whatever the recommendations parser took as its end.
        let counted = counts::count_tables(&mut rows, fw, summary.end, body_end);
        issues.extend(counted.issues);
        results.extend(counted.tables);
    }
    // Prose is read sentence by sentence across wrapped lines; build the paragraphs once.
    let paras = crate::text::paragraphs(doc);
    let lowered = phrase::Lowered::new(&paras);
    let meta = metadata::metadata(doc, &secs, summary.service.clone(), &paras, &lowered);
    let methodology = methodology::methodology(doc, &paras, &lowered);
    let claims = claims::claims(doc, &paras, fw, &body, &results, body_end, &lowered);
    issues.sort_by_key(|i| i.span);
    let report = Report {
        layout,
        service: meta.service,
        published: meta.published,
        fieldwork_start: meta.fieldwork_start,
        summary: summary.summary,
        overall_mentions: meta.overall_mentions,
        body,
        results,
        recommendations: recommendations.recommendations,
        samples: meta.samples,
        methodology,
        claims,
    };
    Parsed { report, issues }
}
