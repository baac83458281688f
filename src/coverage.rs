//! What was read and what was not: for each place the framework expects in a report (the
//! ratings summary, the standards' headings, the results, the recommendations, the sample
//! sizes), what was found, what was expected and what is missing, and whether reading it
//! raised issues. A clean check means the report is consistent only when every expected
//! place was read; `incomplete-read` says which were not.

use crate::framework::{Framework, Kind};
use crate::model::{Layout, Part, Place, ReadIssue, Report};
use serde::Serialize;

/// How one place of the report was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartCoverage {
    pub part: Part,
    /// The place was found in the text at all.
    pub found: bool,
    /// Values the framework expects there (ratings, percentages or counts, items).
    pub expected: usize,
    /// Of those, how many were read.
    pub read: usize,
    /// What is missing: standard or key-question ids, "overall rating", "score".
    pub missing: Vec<String>,
    /// Reading issues in the place (a table that could not be paired).
    pub issues: usize,
    /// A note on how the place was read ("not numbered in this text").
    pub note: Option<String>,
    /// Read without issues and for the most part, so what it lacks is the report's to
    /// answer for: the rules that compare the place run on it. A place of which less than
    /// half could be read (a table the conversion dropped, the text around it kept) is a
    /// gap in the reading, not a report that omits most of its standards.
    pub reliable: bool,
}

impl PartCoverage {
    fn new(part: Part, found: bool) -> Self {
        PartCoverage {
            part,
            found,
            expected: 0,
            read: 0,
            missing: Vec::new(),
            issues: 0,
            note: None,
            reliable: false,
        }
    }

    fn expect(&mut self, what: impl Into<String>, read: bool) {
        self.expected += 1;
        if read {
            self.read += 1;
        } else {
            self.missing.push(what.into());
        }
    }

    /// Read whole, without issues.
    pub fn complete(&self) -> bool {
        self.found && self.missing.is_empty() && self.issues == 0
    }

    /// See [`PartCoverage::reliable`].
    pub fn clean(&self) -> bool {
        self.reliable
    }
}

/// The coverage of every place, in the order of [`Part::ALL`].
pub fn coverage(report: &Report, fw: &Framework, issues: &[ReadIssue]) -> Vec<PartCoverage> {
    Part::ALL
        .iter()
        .filter_map(|part| {
            let mut c = match part {
                Part::Summary => summary(report, fw),
                Part::Body => places(report, fw, Place::Body, Part::Body),
                Part::Results => results(report, fw),
                Part::Recommendations => recommendations(report),
                Part::Samples => samples(report, fw),
                Part::Methodology | Part::Document => return None,
            };
            // A place the framework expects nothing of (no sampled domains, no case-based
            // standard it is sure of) is no gap when the report lacks it.
            if c.expected == 0 {
                return None;
            }
            c.issues = issues.iter().filter(|i| i.part == *part).count();
            // A place whose heading is there but none of whose values are (a table the
            // conversion to text dropped) was not read.
            c.found = c.found && c.read > 0;
            c.reliable = c.found && c.issues == 0 && c.read * 2 >= c.expected;
            Some(c)
        })
        .collect()
}

fn summary(report: &Report, fw: &Framework) -> PartCoverage {
    let s = &report.summary;
    let mut c = places(report, fw, Place::Summary, Part::Summary);
    // The summary's table of standards is what makes it read; an overall rating alone
    // (its table dropped) is not enough.
    c.found = c.read > 0;
    c.expect("overall rating", s.overall.is_some());
    if report.layout == Layout::Counts2020 {
        c.expect("score", s.score.is_some());
    }
    c
}

/// Every non-optional standard with a rating, in one place. Where the framework's list is
/// not published in full (youth-2025, probation-2023), each standard the place itself lists
/// is expected with a rating too.
fn places(report: &Report, fw: &Framework, place: Place, part: Part) -> PartCoverage {
    let rows: Vec<_> = report.all_rows().filter(|r| r.place == place).collect();
    let mut c = PartCoverage::new(part, !rows.is_empty());
    let mut ids: Vec<&str> = fw
        .standards
        .iter()
        .filter(|s| !s.optional)
        .map(|s| s.id.as_str())
        .collect();
    if !fw.standard_list.complete {
        for r in &rows {
            if !ids.contains(&r.id.value.as_str()) {
                ids.push(&r.id.value);
            }
        }
    }
    for id in ids {
        let rated = rows.iter().any(|r| r.id.value == id && r.rating.is_some());
        c.expect(id, rated);
    }
    c.found = c.read > 0;
    c
}

/// The results: each standard's rating in the annex (2018-19), and each case-based key
/// question's percentage or counts.
fn results(report: &Report, fw: &Framework) -> PartCoverage {
    let mut c = PartCoverage::new(Part::Results, !report.results.is_empty());
    if report.layout == Layout::Percent2019 {
        let annex = places(report, fw, Place::Annex, Part::Results);
        c.expected += annex.expected;
        c.read += annex.read;
        c.missing.extend(annex.missing);
    }
    for def in fw
        .standards
        .iter()
        .filter(|s| s.kind == Kind::Case && !s.optional)
    {
        let read: Vec<&str> = report
            .results
            .iter()
            .filter(|t| t.row.id.value == def.id)
            .flat_map(|t| t.key_questions.iter())
            .filter(|k| !k.is_prompt() && k.percent().is_some())
            .map(|k| k.id.value.as_str())
            .collect();
        for kq in &def.key_questions {
            c.expect(kq.id.clone(), read.contains(&kq.id.as_str()));
        }
        // The framework does not list this standard's key questions: its table gives
        // at least one.
        if def.key_questions.is_empty() {
            c.expect(format!("{} key questions", def.id), !read.is_empty());
        }
    }
    c
}

fn recommendations(report: &Report) -> PartCoverage {
    let r = &report.recommendations;
    let mut c = PartCoverage::new(
        Part::Recommendations,
        !r.items.is_empty() || r.stated_count.is_some(),
    );
    c.expect("recommendations", !r.items.is_empty());
    c.expect("stated number of recommendations", r.stated_count.is_some());
    c.note = r.numbering.note().map(str::to_string);
    c
}

fn samples(report: &Report, fw: &Framework) -> PartCoverage {
    let s = &report.samples;
    let mut c = PartCoverage::new(
        Part::Samples,
        !s.court.is_empty() || !s.out_of_court.is_empty(),
    );
    for d in fw.domains.iter().filter_map(|d| d.sample.as_deref()) {
        c.expect(d.replace('_', "-"), !s.for_key(d).is_empty());
    }
    c
}
