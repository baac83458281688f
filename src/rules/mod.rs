//! The rule catalogue. Each rule lives in its own file with a stable kebab-case id, a
//! one-paragraph doc stating the published rule it enforces, a default severity and a
//! `check` function that compares what the report states with what the framework gives.

mod band_rule;
mod count_range;
mod duplicate_standard;
mod incomplete_read;
mod methodology_text;
mod missing_standard;
mod percent_range;
mod percent_vs_counts;
mod prose_figure;
mod rating_mismatch;
mod recommendation_count;
mod recommendation_numbering;
mod sample_size;
mod score_band;
mod standard_name;
mod stated_score;

use crate::diagnostic::{Finding, Severity};
use crate::framework::Framework;
use crate::model::{Part, ReadIssue, Report};

/// What a rule sees.
pub(crate) struct Ctx<'a> {
    pub report: &'a Report,
    pub fw: &'a Framework,
    /// What could not be read: a rule that compares a part skips what was not read,
    /// so a gap in the reading is never reported as a defect of the report.
    pub issues: &'a [ReadIssue],
    /// What was read of each place.
    pub coverage: Vec<crate::coverage::PartCoverage>,
}

impl Ctx<'_> {
    /// The part was found and read without issues: what it lacks is a defect of the
    /// report, not a gap in the reading.
    pub fn clean(&self, part: Part) -> bool {
        self.coverage
            .iter()
            .find(|c| c.part == part)
            .is_none_or(crate::coverage::PartCoverage::clean)
    }

    /// The standard's results table could not be read: its values are a gap in the
    /// reading (`incomplete-read`), never a defect to report.
    pub fn results_unread(&self, standard: &str) -> bool {
        self.issues
            .iter()
            .any(|i| i.part == Part::Results && i.standard.as_deref() == Some(standard))
    }

    /// " Assessment" for "2.1": the framework's name of a standard, to follow its id in a
    /// message; empty for a standard the framework does not define.
    pub fn name_after_id(&self, standard: &str) -> String {
        self.fw
            .standard(standard)
            .map_or(String::new(), |s| format!(" {}", s.name))
    }
}

/// A rule's metadata and its check.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The published rule it enforces, with its source.
    pub doc: &'static str,
    pub(crate) check: fn(&Ctx) -> Vec<Finding>,
}

/// Every rule, in the order findings are reported.
pub const ALL: &[&Rule] = &[
    &band_rule::RULE,
    &score_band::RULE,
    &stated_score::RULE,
    &rating_mismatch::RULE,
    &standard_name::RULE,
    &missing_standard::RULE,
    &duplicate_standard::RULE,
    &percent_range::RULE,
    &count_range::RULE,
    &percent_vs_counts::RULE,
    &prose_figure::RULE,
    &recommendation_count::RULE,
    &recommendation_numbering::RULE,
    &methodology_text::RULE,
    &sample_size::RULE,
    &incomplete_read::RULE,
];

pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// Fails on the first id that names no rule, so a typo never silences a check.
pub fn known<'a>(ids: impl IntoIterator<Item = &'a String>) -> Result<(), crate::error::Error> {
    for id in ids {
        if by_id(id).is_none() {
            return Err(crate::error::Error::UnknownRule(id.clone()));
        }
    }
    Ok(())
}

/// Runs every rule and returns the findings sorted by position.
pub(crate) fn check(report: &Report, fw: &Framework, issues: &[ReadIssue]) -> Vec<Finding> {
    let ctx = Ctx {
        report,
        fw,
        issues,
        coverage: crate::coverage::coverage(report, fw, issues),
    };
    let mut out: Vec<Finding> = ALL.iter().flat_map(|r| (r.check)(&ctx)).collect();
    out.sort_by(|a, b| (a.span, a.rule).cmp(&(b.span, b.rule)));
    out
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' own tests: parse a fixture and run one rule.
    use super::*;

    pub fn run(rule: &Rule, text: &str) -> Vec<Finding> {
        let fw = Framework::detect(text).unwrap_or_else(|| panic!("no framework"));
        let doc = crate::text::normalise(text);
        let parsed = crate::parse::parse(&doc, fw);
        (rule.check)(&Ctx {
            report: &parsed.report,
            fw,
            issues: &parsed.issues,
            coverage: crate::coverage::coverage(&parsed.report, fw, &parsed.issues),
        })
    }

    /// Each finding's severity, standard and key question: what a rule's unit test pins
    /// down (the snapshots in `tests/rules.rs` carry the text).
    pub fn keys(got: &[Finding]) -> Vec<(Severity, Option<&str>, Option<&str>)> {
        got.iter()
            .map(|f| (f.severity, f.standard.as_deref(), f.key_question.as_deref()))
            .collect()
    }

    /// Asserts that `fires` gives at least one finding of the rule and `clean` none.
    pub fn fires_and_clean(rule: &Rule, fires: &str, clean: &str) -> Vec<Finding> {
        let got = run(rule, fires);
        assert!(!got.is_empty(), "{} should fire", rule.id);
        assert!(got.iter().all(|f| f.rule == rule.id));
        let none = run(rule, clean);
        assert!(none.is_empty(), "{} should stay quiet: {none:#?}", rule.id);
        got
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
            assert!(r.doc.len() > 80, "{} needs a doc", r.id);
            assert!(!r.summary.is_empty());
        }
    }
}
