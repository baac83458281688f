//! The `hmip extract` document: one JSON object per report. Its field names are a contract
//! (README "JSON contract"); scripts depend on them.

use crate::analysis::Analysis;
use crate::diagnostic::{Finding, Severity};
use crate::framework::Kind;
use crate::model::{Place, Rating};
use crate::rating::{self, Share};
use serde::Serialize;
use serde_json::Number;

#[derive(Debug, Serialize)]
pub struct Document {
    pub file: String,
    pub framework: String,
    /// "nps" or "crc" for `probation-2018`, else null.
    pub framework_variant: Option<String>,
    /// Why this framework: how it was chosen and the evidence seen.
    pub framework_evidence: FrameworkEvidence,
    pub layout: crate::model::Layout,
    pub service: Option<String>,
    /// "YYYY-MM"
    pub published: Option<String>,
    /// "YYYY-MM"
    pub fieldwork_start: Option<String>,
    pub overall: Overall,
    pub standards: Vec<Standard>,
    /// What the standards' narratives state that was checked against the tables: each
    /// standard's rating stated in its section, and each figure tied to a key question.
    pub claims: Vec<ClaimDoc>,
    pub recommendations: Vec<Recommendation>,
    pub stated_recommendation_count: Option<u32>,
    pub samples: Samples,
    /// What was read of each place the framework expects, and what was not.
    pub coverage: Vec<crate::coverage::PartCoverage>,
    /// The checks the framework cannot support (its numbers are unpublished), and why.
    pub unchecked: Vec<crate::framework::Unchecked>,
    pub findings: Vec<FindingDoc>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct Overall {
    pub stated: Option<Rating>,
    pub computed: Option<Rating>,
    pub stated_score: Option<u32>,
    pub computed_score: Option<u32>,
    /// The framework's maximum score; null where the framework publishes no scoring.
    pub max_score: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct Standard {
    pub id: String,
    pub name: String,
    pub domain: String,
    /// "judged" or "case"
    pub kind: Option<&'static str>,
    pub stated: Option<Rating>,
    pub computed: Option<Rating>,
    /// The rating in each place that states one.
    pub ratings: Places,
    pub lowest_percent: Option<Number>,
    pub key_questions: Vec<KeyQuestion>,
    pub line: Option<u32>,
}

#[derive(Debug, Default, Serialize)]
pub struct Places {
    pub summary: Option<Rating>,
    pub body: Option<Rating>,
    pub annex: Option<Rating>,
}

#[derive(Debug, Serialize)]
pub struct KeyQuestion {
    pub id: String,
    /// Prompt id ("2.2.1.a") on prompt rows, null on a key question's own row.
    pub prompt: Option<String>,
    pub text: String,
    /// % of relevant cases answered 'Yes': as printed, or from the counts (two decimals).
    pub percent: Option<Number>,
    pub relevant: Option<u32>,
    pub yes: Option<u32>,
    pub line: u32,
}

/// A claim of a standard's narrative (`parse::claims`).
#[derive(Debug, Serialize)]
pub struct ClaimDoc {
    /// "rating", "percent" or "count"
    pub kind: &'static str,
    pub standard: String,
    /// The key question a figure restates; null for a rating.
    pub key_question: Option<String>,
    /// The rating, the percentage, or N of "N of the M cases".
    pub value: serde_json::Value,
    /// M of "N of the M cases"; null otherwise.
    pub of: Option<u32>,
    /// What the tables give: the standard's stated rating, or the key question's % 'Yes'
    /// (as printed, or from the counts, two decimals).
    pub table: Option<serde_json::Value>,
    pub line: u32,
}

#[derive(Debug, Serialize)]
pub struct Recommendation {
    pub number: u32,
    pub addressee: Option<String>,
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Serialize)]
pub struct Samples {
    pub court: Option<u32>,
    pub out_of_court: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct FindingDoc {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    pub column: u32,
    /// PDF page of the line, when the input was a PDF.
    pub page: Option<u32>,
    pub standard: Option<String>,
    pub key_question: Option<String>,
    pub discretion: bool,
    /// The check rests on a derived or uncertain number (then a warning at most).
    pub provisional: bool,
    pub help: Option<String>,
    pub notes: Vec<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize)]
pub struct FrameworkEvidence {
    /// "detected", or "override" for `--framework`.
    pub chosen_by: crate::framework::detect::ChosenBy,
    /// The sum of the evidence's weights.
    pub score: i32,
    /// Each piece of evidence, for (positive weight) or against (negative) the framework.
    pub reasons: Vec<crate::framework::Evidence>,
    /// The best other framework and its score, when detected.
    pub runner_up: Option<RunnerUp>,
}

#[derive(Debug, Serialize)]
pub struct RunnerUp {
    pub framework: String,
    pub score: i32,
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A JSON number without a needless ".0"; `None` for NaN or infinity.
pub fn number(v: f64) -> Option<Number> {
    if (v - v.round()).abs() < 1e-9 && v.abs() < 9.0e15 {
        Some(Number::from(v.round() as i64))
    } else {
        Number::from_f64((v * 100.0).round() / 100.0)
    }
}

pub fn finding_doc(a: &Analysis, f: &Finding) -> FindingDoc {
    FindingDoc {
        rule: f.rule,
        severity: f.severity,
        message: f.message.clone(),
        line: f.span.line,
        column: f.span.column,
        page: a.source.origin(f.span.line).and_then(|o| o.page),
        standard: f.standard.clone(),
        key_question: f.key_question.clone(),
        discretion: f.discretion,
        provisional: f.provisional,
        help: f.help.clone(),
        notes: f.notes.clone(),
        evidence: f
            .labels
            .iter()
            .map(|l| Evidence {
                line: l.span.line,
                column: l.span.column,
                message: l.message.clone(),
            })
            .collect(),
    }
}

/// The rating in each place that states one (the first, where a place states several).
fn places(report: &crate::model::Report, id: &str) -> Places {
    let mut places = Places::default();
    for row in report.rows_for(id) {
        let slot = match row.place {
            Place::Summary => &mut places.summary,
            Place::Body => &mut places.body,
            Place::Annex => &mut places.annex,
        };
        if slot.is_none() {
            *slot = row.rating.as_ref().map(|r| r.value);
        }
    }
    places
}

fn framework_evidence(a: &Analysis) -> FrameworkEvidence {
    FrameworkEvidence {
        chosen_by: a.detection.chosen_by,
        score: a.detection.score,
        reasons: a.detection.evidence.clone(),
        runner_up: a.detection.runner_up.map(|(f, score)| RunnerUp {
            framework: f.key(),
            score,
        }),
    }
}

/// The checked claims of the narrative, with what the tables give for each.
fn claims(report: &crate::model::Report) -> Vec<ClaimDoc> {
    use crate::model::ClaimValue;
    use serde_json::Value;
    report
        .claims
        .iter()
        .filter(|c| c.is_checked())
        .map(|c| {
            let kq_percent = || {
                report
                    .results_for(&c.standard)?
                    .key_question(c.key_question.as_deref()?)?
                    .percent()
                    .and_then(number)
                    .map(Value::Number)
            };
            let (value, of, table) = match c.value.value {
                ClaimValue::Rating(r) => (
                    Value::from(r.as_str()),
                    None,
                    report
                        .stated_rating(&c.standard)
                        .map(|s| Value::from(s.value.as_str())),
                ),
                ClaimValue::Percent(p) => (
                    number(p).map_or(Value::Null, Value::Number),
                    None,
                    kq_percent(),
                ),
                ClaimValue::Count(n, m) => (Value::from(n), Some(m), kq_percent()),
            };
            ClaimDoc {
                kind: c.value.value.kind(),
                standard: c.standard.clone(),
                key_question: c.key_question.clone(),
                value,
                of,
                table,
                line: c.value.span.line,
            }
        })
        .collect()
}

/// Builds the extract document of an analysis.
pub fn document(a: &Analysis) -> Document {
    let (report, fw) = (&a.report, a.framework);
    let ids = fw.standard_ids(report);
    let standards = ids
        .iter()
        .map(|id| {
            let def = fw.standard(id);
            let table = report.results_for(id);
            let places = places(report, id);
            let kqs: Vec<KeyQuestion> = table
                .map(|t| {
                    t.key_questions
                        .iter()
                        .map(|k| KeyQuestion {
                            id: k.id.value.clone(),
                            prompt: k.prompt.clone(),
                            text: k.text.clone(),
                            percent: k.percent().and_then(number),
                            relevant: k.relevant.as_ref().map(|v| v.value),
                            yes: k.yes.as_ref().map(|v| v.value),
                            line: k.id.span.line,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let shares: Vec<Share> = table
                .map(|t| {
                    t.key_questions
                        .iter()
                        .filter(|k| !k.is_prompt())
                        .filter_map(|k| match (&k.relevant, &k.yes) {
                            (Some(n), Some(y)) => Some(Share::Counts {
                                yes: y.value,
                                relevant: n.value,
                            }),
                            _ => k.printed_percent.as_ref().map(|p| Share::Percent(p.value)),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let lowest = rating::lowest_band(fw, &shares);
            let computed = match def.map(|d| d.kind) {
                Some(Kind::Case) => lowest.map(|(r, _)| r),
                _ => None,
            };
            let lowest_percent = lowest
                .and_then(|(_, i)| shares.get(i))
                .and_then(|s| s.percent())
                .and_then(number);
            let stated = report.stated_rating(id);
            let printed_name = report
                .rows_for(id)
                .find_map(|r| r.name.as_ref().map(|n| n.value.clone()));
            Standard {
                id: id.to_string(),
                name: def
                    .map(|d| d.name.clone())
                    .or(printed_name)
                    .unwrap_or_default(),
                domain: def
                    .map(|d| d.domain.clone())
                    .unwrap_or_else(|| id.split('.').next().unwrap_or("").to_string()),
                kind: def.map(|d| match d.kind {
                    Kind::Judged => "judged",
                    Kind::Case => "case",
                }),
                stated: stated.map(|s| s.value),
                computed,
                ratings: places,
                lowest_percent,
                key_questions: kqs,
                line: stated.map(|s| s.span.line),
            }
        })
        .collect();
    let computed_score = rating::total_score(report, fw);
    let recs = &report.recommendations;
    Document {
        file: a.source.name.clone(),
        framework: fw.id.clone(),
        framework_variant: fw.variant.clone(),
        framework_evidence: framework_evidence(a),
        layout: report.layout,
        service: report.service.as_ref().map(|s| s.value.clone()),
        published: report.published.as_ref().map(|s| s.value.clone()),
        fieldwork_start: report.fieldwork_start.as_ref().map(|s| s.value.clone()),
        overall: Overall {
            stated: report.summary.overall.as_ref().map(|o| o.value),
            computed: computed_score.and_then(|t| rating::overall_from_total(fw, t)),
            stated_score: report.summary.score.as_ref().map(|s| s.value.0),
            computed_score,
            max_score: fw.score_range.as_ref().map(|r| r.max),
            line: report.summary.overall.as_ref().map(|o| o.span.line),
        },
        standards,
        claims: claims(report),
        recommendations: recs
            .items
            .iter()
            .map(|r| Recommendation {
                number: r.number.value,
                addressee: r.addressee.clone(),
                text: r.text.clone(),
                line: r.number.span.line,
            })
            .collect(),
        stated_recommendation_count: recs.stated_count.as_ref().map(|c| c.value),
        samples: Samples {
            court: report.samples.court.first().map(|s| s.value),
            out_of_court: report.samples.out_of_court.first().map(|s| s.value),
        },
        coverage: crate::coverage::coverage(report, fw, &a.issues),
        unchecked: fw.unchecked(),
        findings: a.findings.iter().map(|f| finding_doc(a, f)).collect(),
        errors: a.errors(),
        warnings: a.warnings(),
    }
}
