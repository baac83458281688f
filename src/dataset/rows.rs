//! One input file → its rows in every table and its `dataset.jsonl` line. Every value is
//! taken from the `hmip extract` document, so CSV and JSON cannot disagree.

use super::schema::{
    row, Cell, Row, FINDINGS_COLUMNS, KEY_QUESTIONS_COLUMNS, RECOMMENDATIONS_COLUMNS,
    REPORTS_COLUMNS, STANDARDS_COLUMNS,
};
use crate::extract::Document;
use crate::model::Rating;

/// What the summary needs from one report (kept small: the rows are dropped once written).
#[derive(Debug, Default)]
pub struct Stats {
    /// The framework's id, with its variant ("probation-2018:crc"): standard ids are
    /// counted per framework.
    pub framework: String,
    pub stated_overall: Option<Rating>,
    pub computed_overall: Option<Rating>,
    /// (standard id, name, stated rating)
    pub standards: Vec<(String, String, Option<Rating>)>,
    /// (rule, severity, provisional)
    pub findings: Vec<(&'static str, &'static str, bool)>,
}

/// Everything written for one input file.
#[derive(Debug, Default)]
pub struct Processed {
    pub report: Row,
    pub standards: Vec<Row>,
    pub key_questions: Vec<Row>,
    pub recommendations: Vec<Row>,
    pub findings: Vec<Row>,
    /// The compact extract document, for readable reports.
    pub json: Option<String>,
    /// Why the file is unreadable.
    pub unreadable: Option<String>,
    pub errors: usize,
    pub stats: Stats,
}

/// The row of a file that could not be read or analysed.
pub fn unreadable(report: &str, sha256: Option<String>, reason: &str) -> Processed {
    // One line, whatever the error said.
    let reason: String = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let null = || Cell::Null;
    Processed {
        report: row(
            &REPORTS_COLUMNS,
            [
                ("report", report.into()),
                ("sha256", sha256.into()),
                ("service", null()),
                ("framework", null()),
                ("framework_variant", null()),
                ("published", null()),
                ("fieldwork_start", null()),
                ("stated_overall", null()),
                ("computed_overall", null()),
                ("stated_score", null()),
                ("computed_score", null()),
                ("max_score", null()),
                ("court_sample", null()),
                ("out_of_court_sample", null()),
                ("stated_recommendations", null()),
                ("listed_recommendations", null()),
                ("errors", null()),
                ("warnings", null()),
                ("incomplete_reads", null()),
                ("status", "unreadable".into()),
                ("reason", reason.clone().into()),
            ],
        ),
        unreadable: Some(reason),
        ..Processed::default()
    }
}

/// The `reports.csv` row of a readable report.
fn report_row(report: &str, sha256: String, doc: &Document) -> Row {
    let o = &doc.overall;
    row(
        &REPORTS_COLUMNS,
        [
            ("report", report.into()),
            ("sha256", sha256.into()),
            ("service", doc.service.clone().into()),
            ("framework", doc.framework.clone().into()),
            ("framework_variant", doc.framework_variant.clone().into()),
            ("published", doc.published.clone().into()),
            ("fieldwork_start", doc.fieldwork_start.clone().into()),
            ("stated_overall", o.stated.into()),
            ("computed_overall", o.computed.into()),
            ("stated_score", o.stated_score.into()),
            ("computed_score", o.computed_score.into()),
            ("max_score", o.max_score.into()),
            ("court_sample", doc.samples.court.into()),
            ("out_of_court_sample", doc.samples.out_of_court.into()),
            (
                "stated_recommendations",
                doc.stated_recommendation_count.into(),
            ),
            ("listed_recommendations", doc.recommendations.len().into()),
            ("errors", doc.errors.into()),
            ("warnings", doc.warnings.into()),
            (
                "incomplete_reads",
                doc.findings
                    .iter()
                    .filter(|f| f.rule == "incomplete-read")
                    .count()
                    .into(),
            ),
            ("status", "ok".into()),
            ("reason", Cell::Null),
        ],
    )
}

/// The rows of a readable report. `json` is the document serialised compactly.
pub fn readable(report: &str, sha256: String, doc: &Document, json: String) -> Processed {
    let o = &doc.overall;
    let report_row = report_row(report, sha256, doc);
    let fw = || Cell::from(doc.framework.as_str());
    let mut standards = Vec::with_capacity(doc.standards.len());
    let mut key_questions = Vec::new();
    for s in &doc.standards {
        standards.push(row(
            &STANDARDS_COLUMNS,
            [
                ("report", report.into()),
                ("framework", fw()),
                ("standard", s.id.as_str().into()),
                ("name", s.name.as_str().into()),
                ("domain", s.domain.as_str().into()),
                ("kind", s.kind.into()),
                ("stated", s.stated.into()),
                ("summary_rating", s.ratings.summary.into()),
                ("body_rating", s.ratings.body.into()),
                ("annex_rating", s.ratings.annex.into()),
                ("computed", s.computed.into()),
                ("lowest_percent", s.lowest_percent.clone().into()),
            ],
        ));
        for k in &s.key_questions {
            key_questions.push(row(
                &KEY_QUESTIONS_COLUMNS,
                [
                    ("report", report.into()),
                    ("framework", fw()),
                    ("standard", s.id.as_str().into()),
                    ("key_question", k.id.as_str().into()),
                    ("prompt", k.prompt.clone().into()),
                    ("text", k.text.as_str().into()),
                    ("percent", k.percent.clone().into()),
                    ("relevant", k.relevant.into()),
                    ("yes", k.yes.into()),
                    ("line", k.line.into()),
                ],
            ));
        }
    }
    let recommendations = doc
        .recommendations
        .iter()
        .map(|r| {
            row(
                &RECOMMENDATIONS_COLUMNS,
                [
                    ("report", report.into()),
                    ("number", r.number.into()),
                    ("addressee", r.addressee.clone().into()),
                    ("text", r.text.as_str().into()),
                    ("line", r.line.into()),
                ],
            )
        })
        .collect();
    let findings = doc
        .findings
        .iter()
        .map(|f| {
            row(
                &FINDINGS_COLUMNS,
                [
                    ("report", report.into()),
                    ("framework", fw()),
                    ("rule", f.rule.into()),
                    ("severity", f.severity.as_str().into()),
                    ("standard", f.standard.clone().into()),
                    ("key_question", f.key_question.clone().into()),
                    ("line", f.line.into()),
                    ("column", f.column.into()),
                    ("page", f.page.into()),
                    ("discretion", f.discretion.into()),
                    ("provisional", f.provisional.into()),
                    ("message", f.message.as_str().into()),
                ],
            )
        })
        .collect();
    Processed {
        report: report_row,
        standards,
        key_questions,
        recommendations,
        findings,
        json: Some(json),
        unreadable: None,
        errors: doc.errors,
        stats: Stats {
            framework: match &doc.framework_variant {
                Some(v) => format!("{}:{v}", doc.framework),
                None => doc.framework.clone(),
            },
            stated_overall: o.stated,
            computed_overall: o.computed,
            standards: doc
                .standards
                .iter()
                .map(|s| (s.id.clone(), s.name.clone(), s.stated))
                .collect(),
            findings: doc
                .findings
                .iter()
                .map(|f| (f.rule, f.severity.as_str(), f.provisional))
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_row_is_one_line_and_fits_the_header() {
        let p = unreadable("a.pdf", None, "bad\n  thing");
        assert_eq!(p.report.len(), REPORTS_COLUMNS.len());
        assert_eq!(p.unreadable.as_deref(), Some("bad thing"));
    }

    #[test]
    fn readable_rows_fit_their_headers() {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/text/leeds-yjs-2019.txt"
        ))
        .unwrap();
        let a = crate::analysis::analyse("leeds.txt", &text, &Default::default(), None).unwrap();
        let doc = crate::extract::document(&a);
        let p = readable("leeds.txt", String::new(), &doc, String::new());
        assert_eq!(p.report.len(), REPORTS_COLUMNS.len());
        assert!(p
            .standards
            .iter()
            .all(|r| r.len() == STANDARDS_COLUMNS.len()));
        assert!(p
            .key_questions
            .iter()
            .all(|r| r.len() == KEY_QUESTIONS_COLUMNS.len()));
        assert!(!p.standards.is_empty() && !p.key_questions.is_empty());
    }
}
