//! `summary.md`: counts gathered while the rows stream past (bounded by the number of
//! distinct ratings, standards and rules, not by the number of reports).

use super::rows::Stats;
use crate::model::Rating;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Index of a rating in the summary's columns; the last column is "none".
fn slot(r: Option<Rating>) -> usize {
    match r {
        Some(Rating::Outstanding) => 0,
        Some(Rating::Good) => 1,
        Some(Rating::RequiresImprovement) => 2,
        Some(Rating::Inadequate) => 3,
        None => 4,
    }
}

const HEADS: [&str; 5] = [
    "Outstanding",
    "Good",
    "Requires improvement",
    "Inadequate",
    "none",
];

#[derive(Debug, Default)]
pub struct Summary {
    files: usize,
    readable: usize,
    unreadable: usize,
    with_errors: usize,
    stated: [usize; 5],
    computed: [usize; 5],
    /// framework → (reports, with error findings, provisional findings)
    frameworks: BTreeMap<String, (usize, usize, usize)>,
    /// (framework, standard id) → (name, counts by stated rating): "3.1" is another
    /// standard in each framework, so it is never counted across them.
    standards: BTreeMap<(String, String), (String, [usize; 5])>,
    /// rule → (severity, findings, reports)
    rules: BTreeMap<&'static str, (&'static str, usize, usize)>,
}

fn bump(a: &mut [usize; 5], i: usize) {
    if let Some(v) = a.get_mut(i) {
        *v += 1;
    }
}

impl Summary {
    pub fn add_unreadable(&mut self) {
        self.files += 1;
        self.unreadable += 1;
    }

    pub fn add(&mut self, s: &Stats, errors: usize) {
        self.files += 1;
        self.readable += 1;
        if errors > 0 {
            self.with_errors += 1;
        }
        bump(&mut self.stated, slot(s.stated_overall));
        bump(&mut self.computed, slot(s.computed_overall));
        let f = self.frameworks.entry(s.framework.clone()).or_default();
        f.0 += 1;
        f.1 += usize::from(errors > 0);
        f.2 += s.findings.iter().filter(|x| x.2).count();
        for (id, name, rating) in &s.standards {
            let e = self
                .standards
                .entry((s.framework.clone(), id.clone()))
                .or_insert_with(|| (name.clone(), [0; 5]));
            bump(&mut e.1, slot(*rating));
        }
        let mut seen: Vec<&str> = Vec::new();
        for (rule, severity, _) in &s.findings {
            let e = self.rules.entry(rule).or_insert((severity, 0, 0));
            e.1 += 1;
            if !seen.contains(rule) {
                seen.push(rule);
                e.2 += 1;
            }
        }
    }

    pub fn markdown(&self) -> String {
        let mut s = String::from("# hmip dataset summary\n\n");
        let _ = writeln!(
            s,
            "{} files: {} readable reports, {} unreadable, {} with error findings.\n",
            self.files, self.readable, self.unreadable, self.with_errors
        );
        s.push_str("## Overall ratings\n\n| rating | stated | computed |\n| --- | ---: | ---: |\n");
        for (i, h) in HEADS.iter().enumerate() {
            let _ = writeln!(
                s,
                "| {h} | {} | {} |",
                self.stated.get(i).copied().unwrap_or(0),
                self.computed.get(i).copied().unwrap_or(0)
            );
        }
        s.push_str("\n## Frameworks\n\n| framework | reports | with error findings | provisional findings |\n| --- | ---: | ---: | ---: |\n");
        for (fw, (n, e, p)) in &self.frameworks {
            let _ = writeln!(s, "| {} | {n} | {e} | {p} |", cell(fw));
        }
        s.push_str("\n## Standards (stated ratings)\n\n| framework | standard | name |");
        for h in HEADS {
            let _ = write!(s, " {h} |");
        }
        s.push_str("\n| --- | --- | --- |");
        for _ in HEADS {
            s.push_str(" ---: |");
        }
        s.push('\n');
        let mut ids: Vec<&(String, String)> = self.standards.keys().collect();
        ids.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(natural(&a.1).cmp(&natural(&b.1)))
                .then(a.1.cmp(&b.1))
        });
        for key in ids {
            if let Some((name, counts)) = self.standards.get(key) {
                let _ = write!(
                    s,
                    "| {} | {} | {} |",
                    cell(&key.0),
                    cell(&key.1),
                    cell(name)
                );
                for c in counts {
                    let _ = write!(s, " {c} |");
                }
                s.push('\n');
            }
        }
        s.push_str("\n## Most common findings\n\n");
        if self.rules.is_empty() {
            s.push_str("No findings.\n");
        } else {
            s.push_str("| rule | severity | findings | reports |\n| --- | --- | ---: | ---: |\n");
            let mut rules: Vec<_> = self.rules.iter().collect();
            rules.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
            for (rule, (sev, n, r)) in rules.into_iter().take(20) {
                let _ = writeln!(s, "| {rule} | {sev} | {n} | {r} |");
            }
        }
        s
    }
}

/// "2.10" after "2.9": numeric parts compared as numbers.
fn natural(id: &str) -> Vec<u64> {
    id.split('.')
        .map(|p| p.parse().unwrap_or(u64::MAX))
        .collect()
}

/// Text safe inside a markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
