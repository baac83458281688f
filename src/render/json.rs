//! `--format json`: one JSON object per input file per line (JSON Lines).

use crate::analysis::Analysis;
use crate::extract::{finding_doc, FindingDoc};
use serde::Serialize;

#[derive(Serialize)]
struct CheckLine<'a> {
    file: &'a str,
    framework: &'a str,
    findings: Vec<FindingDoc>,
    errors: usize,
    warnings: usize,
    /// The rules that did not run because the framework publishes no number for them.
    unchecked: Vec<crate::framework::Unchecked>,
}

/// One line (without the newline) for `check --format json`.
pub fn check_line(a: &Analysis) -> String {
    let line = CheckLine {
        file: &a.source.name,
        framework: &a.framework.id,
        findings: a.findings.iter().map(|f| finding_doc(a, f)).collect(),
        errors: a.errors(),
        warnings: a.warnings(),
        unchecked: a.framework.unchecked(),
    };
    serde_json::to_string(&line).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The line for a file that could not be read, so a JSON consumer sees every input.
pub fn error_line(file: &str, message: &str) -> String {
    serde_json::json!({ "file": file, "error": message }).to_string()
}
