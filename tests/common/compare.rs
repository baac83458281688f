//! Field-by-field comparison of two extract documents: every value a reader relies on
//! (ratings in each place, percentages, counts, the overall rating and score, each
//! recommendation, the stated count, sample sizes, the service and dates, and the findings
//! other than reading gaps), keyed by what it is, so a shape of a report can be scored
//! against its faithful text. Line numbers are never compared, nor the wording of key
//! questions (a tool may reflow a question round a page footer; what the rules use is the
//! question's id and its result).

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

/// The place a value is read from, and the id coverage lists it under.
fn place_of(key: &str) -> Option<(&'static str, String)> {
    let (id, what) = key.split_once(' ')?;
    let kq = |s: &str| s.split('.').take(3).collect::<Vec<_>>().join(".");
    Some(match (id, what) {
        ("overall", "stated") => ("summary", "overall rating".into()),
        ("score", "stated") => ("summary", "score".into()),
        (_, "summary") => ("summary", id.into()),
        (_, "body") => ("body", id.into()),
        (_, "annex") => ("results", id.into()),
        (_, "percent" | "relevant" | "yes") => ("results", kq(id)),
        ("rec" | "recs", _) => ("recommendations", String::new()),
        ("sample", _) => ("samples", what.replace('_', "-")),
        _ => return None,
    })
}

/// Is a value the faithful text has and this text lost declared as a reading gap? The
/// place it belongs to was reported not found, or not read whole with the value's id
/// among the missing, or read with a note on what the text lost.
pub fn declared(d: &Document, key: &str) -> bool {
    let gap = |part: &str, id: &str| {
        d.coverage.iter().any(|c| {
            let name = serde_json::to_value(c.part).ok();
            name.as_ref().and_then(|v| v.as_str()) == Some(part)
                && (!c.found
                    || c.note.is_some()
                    || (c.issues == 0 && !c.reliable)
                    || (c.issues > 0 && (id.is_empty() || c.missing.iter().any(|m| m == id))))
        })
    };
    match place_of(key) {
        Some((part, id)) => gap(part, &id),
        // Values computed from others, and findings, rest on what was read.
        None => d.coverage.iter().any(|c| !c.reliable || c.note.is_some()),
    }
}

/// How a shape's values compare with the faithful text's.
#[derive(Debug, Default)]
pub struct Diff {
    pub right: usize,
    /// (key, expected, got)
    pub wrong: Vec<(String, String, String)>,
    pub lost: Vec<String>,
    /// Lost, and declared as a reading gap.
    pub declared: Vec<String>,
    pub extra: Vec<(String, String)>,
}

impl Diff {
    pub fn total(&self) -> usize {
        self.right + self.wrong.len() + self.lost.len() + self.declared.len()
    }

    pub fn exact(&self) -> bool {
        self.wrong.is_empty() && self.lost.is_empty() && self.extra.is_empty()
    }
}

pub fn diff(want: &BTreeMap<String, String>, doc: &Document) -> Diff {
    let got = values(doc);
    let mut d = Diff::default();
    for (k, v) in want {
        match got.get(k) {
            Some(g) if g == v => d.right += 1,
            Some(g) => d.wrong.push((k.clone(), v.clone(), g.clone())),
            None if declared(doc, k) => d.declared.push(k.clone()),
            None => d.lost.push(k.clone()),
        }
    }
    for (k, v) in &got {
        if !want.contains_key(k) {
            d.extra.push((k.clone(), v.clone()));
        }
    }
    d
}
