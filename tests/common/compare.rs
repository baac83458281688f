//! Field-by-field comparison of two extract documents: every value a reader relies on
//! (ratings in each place, percentages, counts, the overall rating and score, each
//! recommendation, the stated count, sample sizes, the service and dates, and the findings
//! other than reading gaps), keyed by what it is, so a shape of a report can be scored
//! against its faithful text. Line numbers are never compared.

use hmip::extract::Document;
use std::collections::BTreeMap;

/// Letters and digits only, lower case: wording compared whatever a tool did with spaces,
/// hyphens, quotes or line breaks.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn put(m: &mut BTreeMap<String, String>, k: String, v: Option<String>) {
    if let Some(v) = v {
        m.insert(k, v);
    }
}

/// The values of a document, keyed ("2.1 summary", "2.1.1 percent", "rec 3").
pub fn values(d: &Document) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let s = |v: &dyn std::fmt::Display| v.to_string();
    put(&mut m, "framework".into(), Some(d.framework.clone()));
    put(&mut m, "service".into(), d.service.clone());
    put(&mut m, "published".into(), d.published.clone());
    put(&mut m, "fieldwork_start".into(), d.fieldwork_start.clone());
    let o = &d.overall;
    put(&mut m, "overall stated".into(), o.stated.map(|r| s(&r)));
    put(&mut m, "overall computed".into(), o.computed.map(|r| s(&r)));
    put(&mut m, "score stated".into(), o.stated_score.map(|v| s(&v)));
    put(
        &mut m,
        "score computed".into(),
        o.computed_score.map(|v| s(&v)),
    );
    for st in &d.standards {
        let id = &st.id;
        put(
            &mut m,
            format!("{id} summary"),
            st.ratings.summary.map(|r| s(&r)),
        );
        put(&mut m, format!("{id} body"), st.ratings.body.map(|r| s(&r)));
        put(
            &mut m,
            format!("{id} annex"),
            st.ratings.annex.map(|r| s(&r)),
        );
        put(&mut m, format!("{id} computed"), st.computed.map(|r| s(&r)));
        for k in &st.key_questions {
            let kid = k.prompt.clone().unwrap_or_else(|| k.id.clone());
            put(
                &mut m,
                format!("{kid} percent"),
                k.percent.as_ref().map(|p| s(p)),
            );
            put(&mut m, format!("{kid} relevant"), k.relevant.map(|v| s(&v)));
            put(&mut m, format!("{kid} yes"), k.yes.map(|v| s(&v)));
            put(&mut m, format!("{kid} text"), Some(squash(&k.text)));
        }
    }
    for (i, r) in d.recommendations.iter().enumerate() {
        let who = r.addressee.as_deref().map(squash).unwrap_or_default();
        put(
            &mut m,
            format!("rec {:02}", i + 1),
            Some(format!("{} {who} {}", r.number, squash(&r.text))),
        );
    }
    put(
        &mut m,
        "recs stated".into(),
        d.stated_recommendation_count.map(|v| s(&v)),
    );
    put(
        &mut m,
        "sample court".into(),
        d.samples.court.map(|v| s(&v)),
    );
    put(
        &mut m,
        "sample out_of_court".into(),
        d.samples.out_of_court.map(|v| s(&v)),
    );
    for f in d.findings.iter().filter(|f| f.rule != "incomplete-read") {
        let key = format!(
            "finding {} {} {}",
            f.rule,
            f.standard.as_deref().unwrap_or("-"),
            f.key_question.as_deref().unwrap_or("-")
        );
        let n = m.keys().filter(|k| k.starts_with(&key)).count();
        m.insert(format!("{key} #{n}"), format!("{:?}", f.severity));
    }
    m
}

/// How a shape's values compare with the faithful text's.
#[derive(Debug, Default)]
pub struct Diff {
    pub right: usize,
    /// (key, expected, got)
    pub wrong: Vec<(String, String, String)>,
    pub lost: Vec<String>,
    pub extra: Vec<(String, String)>,
}

impl Diff {
    pub fn total(&self) -> usize {
        self.right + self.wrong.len() + self.lost.len()
    }

    pub fn exact(&self) -> bool {
        self.wrong.is_empty() && self.lost.is_empty() && self.extra.is_empty()
    }
}

pub fn diff(want: &BTreeMap<String, String>, got: &BTreeMap<String, String>) -> Diff {
    let mut d = Diff::default();
    for (k, v) in want {
        match got.get(k) {
            Some(g) if g == v => d.right += 1,
            Some(g) => d.wrong.push((k.clone(), v.clone(), g.clone())),
            None => d.lost.push(k.clone()),
        }
    }
    for (k, v) in got {
        if !want.contains_key(k) {
            d.extra.push((k.clone(), v.clone()));
        }
    }
    d
}
