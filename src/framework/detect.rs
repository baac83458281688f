//! Which framework a report is of, from what the report says about itself: its title and
//! the framework's own wording (each framework's `[detect]` phrases), the standards it
//! lists (id and name), the denominator of its "Score N/M" and its publication month.
//!
//! Every framework is scored on the same evidence and the best wins:
//!
//! | evidence | points |
//! |---|---|
//! | a phrase of the framework (title, service type, its own wording) | its weight (1-4), once |
//! | a listed standard whose id and name are the framework's | +1 |
//! | ... and no framework of another id has that id and name ("3.4 Joint working") | +2 more |
//! | a listed standard whose id the framework gives another name | -1 |
//! | a listed standard id a framework with a complete list does not have | -1 |
//! | "Score N/M" with M the framework's maximum / another maximum | +2 / -3 |
//! | published within the framework's period | +1 |
//!
//! A framework needs a positive score. Frameworks that tie are told apart only within one
//! family (youth or probation), by how much of each is confirmed (a bare youth ratings
//! table fits youth-2018 and youth-2021 alike; youth-2018's rules are all confirmed); a tie
//! across families, or between equally confirmed frameworks (NPS and CRC), is no match. No
//! match is an error naming what was seen, never a check against the nearest framework.

use super::Framework;
use crate::model::{Rating, Report};
use serde::Serialize;
use std::collections::BTreeSet;

/// A standard as a report lists it: id, name, line.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedRow {
    pub id: String,
    pub name: String,
    pub line: u32,
}

/// What a report says about itself, the input of detection.
#[derive(Debug, Clone, Default)]
pub struct Observed<'a> {
    pub text: &'a str,
    pub rows: Vec<ObservedRow>,
    /// (N, M, line) of "Score N/M".
    pub score: Option<(u32, u32, u32)>,
    /// Publication month "YYYY-MM" and its line.
    pub published: Option<(String, u32)>,
}

/// A standard name compared as the rules do: case, spacing, "&" for "and" and a trailing
/// stop or colon ignored, and a trailing "Not rated" (2021's resettlement standard with
/// no cases), which the ratings summary parser leaves in the name, dropped.
pub fn norm(s: &str) -> String {
    if s.is_ascii() {
        norm_ascii(s)
    } else {
        norm_any(s)
    }
}

fn norm_any(s: &str) -> String {
    let n = s
        .replace('&', "and")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let n = n.trim_end_matches(['.', ':']);
    n.strip_suffix(" not rated").unwrap_or(n).to_string()
}

/// [`norm`] of ASCII text in one pass and one allocation (names are compared with it for
/// every standard of every framework).
fn norm_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for b in word.bytes() {
            match b {
                b'&' => out.push_str("and"),
                _ => out.push(char::from(b.to_ascii_lowercase())),
            }
        }
    }
    let keep = out.trim_end_matches(['.', ':']).len();
    out.truncate(keep);
    if out.ends_with(" not rated") {
        out.truncate(out.len() - " not rated".len());
    }
    out
}

impl<'a> Observed<'a> {
    /// From a parsed report: the standards of its ratings summary and body headings (read
    /// alike under every framework), its score line and publication month.
    pub fn from_report(report: &Report, text: &'a str) -> Self {
        let rows = report
            .summary
            .rows
            .iter()
            .chain(report.body.iter())
            .filter_map(|r| {
                r.name.as_ref().map(|n| ObservedRow {
                    id: r.id.value.clone(),
                    name: n.value.clone(),
                    line: r.id.span.line,
                })
            })
            .collect();
        Observed {
            text,
            rows,
            score: report
                .summary
                .score
                .as_ref()
                .map(|s| (s.value.0, s.value.1, s.span.line)),
            published: report
                .published
                .as_ref()
                .map(|p| (p.value.clone(), p.span.line)),
        }
    }

    /// From the text alone: each line that opens with a standard id and a short name, and
    /// the first "Score N/M".
    pub fn from_text(text: &'a str) -> Self {
        let mut obs = Observed {
            text,
            ..Observed::default()
        };
        for (n, line) in text.lines().enumerate() {
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            if let Some((id, name)) = row_in_line(line) {
                obs.rows.push(ObservedRow {
                    id,
                    name,
                    line: line_no,
                });
            }
            if obs.score.is_none() {
                obs.score = score_in_line(line).map(|(a, b)| (a, b, line_no));
            }
        }
        obs
    }
}

/// "1.1⇥Governance and leadership⇥Good" → ("1.1", "Governance and leadership").
fn row_in_line(line: &str) -> Option<(String, String)> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '*' | '#'));
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let a = digits(t);
    let rest = t.get(a..)?.strip_prefix('.')?;
    let b = digits(rest);
    if !(1..=2).contains(&a) || !(1..=2).contains(&b) {
        return None;
    }
    let id = t.get(..a + 1 + b)?.to_string();
    let mut rest = rest.get(b..)?;
    if rest.starts_with('.')
        && rest
            .get(1..2)
            .is_some_and(|c| c.chars().all(|c| c.is_ascii_digit()))
    {
        return None; // a key question "2.1.1"
    }
    rest = rest.strip_prefix('.').unwrap_or(rest);
    if !rest.starts_with(|c: char| c.is_whitespace() || c == '|') {
        return None;
    }
    let mut name = rest
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '*'))
        .to_string();
    for r in Rating::ALL {
        let lower = name.to_ascii_lowercase();
        if let Some(head) = lower.strip_suffix(&r.as_str().to_ascii_lowercase()) {
            let cut = head.len();
            name = name.get(..cut).unwrap_or("").to_string();
        }
    }
    let name = name
        .trim_end_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_digit() || matches!(c, '|' | '*' | '%' | '.')
        })
        .trim()
        .replace(['\t', '|', '*'], " ");
    let words = name.split_whitespace().count();
    if words == 0 || words > 7 || name.contains([',', ';', ':', '?']) {
        return None;
    }
    Some((id, name.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// "Score 26/36" anywhere in a line.
fn score_in_line(line: &str) -> Option<(u32, u32)> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("score ")?;
    let rest = lower.get(at + "score ".len()..)?.trim_start();
    let (n, rest) = rest.split_once('/')?;
    let m: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((n.trim().parse().ok()?, m.parse().ok()?))
}

/// One piece of evidence for or against a framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Points it adds (negative: against).
    pub weight: i32,
    /// Where it was seen; `None` for evidence from several places.
    pub line: Option<u32>,
    pub what: String,
}

/// How the framework of an analysis was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChosenBy {
    /// The best evidence.
    Detected,
    /// `--framework` (a variant, if the id has several, by the evidence).
    Override,
}

/// The framework of a report and why.
#[derive(Debug, Clone)]
pub struct Detection {
    pub framework: &'static Framework,
    pub chosen_by: ChosenBy,
    pub score: i32,
    pub evidence: Vec<Evidence>,
    /// The best framework of another key, with its score.
    pub runner_up: Option<(&'static Framework, i32)>,
}

/// One framework's score on the evidence.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub framework: &'static Framework,
    pub score: i32,
    pub evidence: Vec<Evidence>,
}

/// Every framework's score, best first (ties: the more confirmed first).
pub fn candidates(obs: &Observed) -> Vec<Candidate> {
    candidates_among(obs, Framework::all().iter().collect())
}

fn candidates_among(obs: &Observed, frameworks: Vec<&'static Framework>) -> Vec<Candidate> {
    let lower = obs.text.to_ascii_lowercase();
    let rows = distinct_rows(&obs.rows);
    let fits = fits(&rows);
    let mut found = Found::new();
    let mut out: Vec<Candidate> = frameworks
        .into_iter()
        .map(|fw| {
            let mut evidence = phrases(fw, &lower, &mut found);
            evidence.extend(standards(fw, &rows, &fits));
            evidence.extend(score(fw, obs.score));
            evidence.extend(published(fw, obs.published.as_ref()));
            Candidate {
                framework: fw,
                score: evidence.iter().map(|e| e.weight).sum(),
                evidence,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score.cmp(&a.score).then(
            b.framework
                .confirmed_parts()
                .cmp(&a.framework.confirmed_parts()),
        )
    });
    out
}

/// The framework the evidence points to, or what was seen when none fits.
pub fn detect(obs: &Observed) -> Result<Detection, String> {
    let all = candidates(obs);
    let Some(best) = all.first() else {
        return Err(seen(obs));
    };
    if best.score <= 0 {
        return Err(seen(obs));
    }
    let tied: Vec<&Candidate> = all.iter().filter(|c| c.score == best.score).collect();
    let mut evidence = best.evidence.clone();
    if tied.len() > 1 {
        let names = || {
            tied.iter()
                .map(|c| c.framework.key())
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let families: BTreeSet<&str> = tied.iter().map(|c| c.framework.family()).collect();
        let top = best.framework.confirmed_parts();
        let equally_sure = tied
            .iter()
            .filter(|c| c.framework.confirmed_parts() == top)
            .count();
        if families.len() > 1 || equally_sure > 1 {
            return Err(format!(
                "{}; {} fit equally, choose one with --framework",
                seen(obs),
                names()
            ));
        }
        evidence.push(Evidence {
            weight: 0,
            line: None,
            what: format!(
                "{} fit equally; {} is taken as the one with more of its rules confirmed ({top} confirmed parts)",
                names(),
                best.framework.key()
            ),
        });
    }
    Ok(Detection {
        framework: best.framework,
        chosen_by: ChosenBy::Detected,
        score: best.score,
        evidence,
        runner_up: all
            .iter()
            .find(|c| c.framework.key() != best.framework.key())
            .map(|c| (c.framework, c.score)),
    })
}

/// The framework `--framework id` names, its variant (if it has several) chosen by the
/// evidence, the first on a tie; `None` for an unknown id.
pub fn select(id: &str, obs: &Observed) -> Option<Detection> {
    let variants = Framework::variants(id);
    let all = candidates_among(obs, variants.clone());
    let first = variants.first()?;
    let best = all
        .iter()
        .find(|c| c.score == all.first().map_or(0, |b| b.score) && c.score > 0)
        .or_else(|| all.iter().find(|c| c.framework.key() == first.key()))?;
    let mut evidence = best.evidence.clone();
    if variants.len() > 1 {
        evidence.push(Evidence {
            weight: 0,
            line: None,
            what: format!(
                "--framework {id}: of its variants, {} fits best",
                best.framework.key()
            ),
        });
    }
    Some(Detection {
        framework: best.framework,
        chosen_by: ChosenBy::Override,
        score: best.score,
        evidence,
        runner_up: None,
    })
}

/// The rows with distinct (id, name), first occurrence kept.
fn distinct_rows(rows: &[ObservedRow]) -> Vec<(&ObservedRow, String)> {
    let mut seen = BTreeSet::new();
    rows.iter()
        .filter_map(|r| {
            let n = norm(&r.name);
            seen.insert((r.id.clone(), n.clone())).then_some((r, n))
        })
        .collect()
}

/// The first whole-word occurrence of `needle` (lower case) in `hay` (lower case).
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    // memchr's memmem (SIMD, a well-kept crate already in the tree through regex and
    // csv): std's two-way search was a tenth of a whole check, one scan of the text per
    // phrase of every framework. Byte offsets are the same: a match of UTF-8 in UTF-8
    // starts at a character boundary.
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    while let Some(i) = finder.find(hay.as_bytes().get(from..)?) {
        let at = from + i;
        let before = hay.get(..at).and_then(|s| s.chars().next_back());
        let after = hay.get(at + needle.len()..).and_then(|s| s.chars().next());
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(at);
        }
        from = at + needle.len().max(1);
    }
    None
}

fn line_at(lower: &str, at: usize) -> u32 {
    let n = lower
        .get(..at)
        .map_or(0, |s| memchr::memchr_iter(b'\n', s.as_bytes()).count());
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// The line of text around a byte offset.
fn line_around(lower: &str, at: usize) -> &str {
    let start = lower
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = lower
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(lower.len(), |i| at + i);
    lower.get(start..end).unwrap_or("")
}

/// Where each phrase (and its near word) was first found, for the frameworks that share
/// a phrase: "inspection of probation services" is in four of them, and each search
/// of a phrase that is absent reads the whole text.
type Found = Vec<((String, Option<String>), Option<usize>)>;

/// The first place `needle` stands as a whole word with `near` on its line.
fn first_at(lower: &str, needle: &str, near: Option<&str>) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = lower
        .get(from..)
        .and_then(|h| find_word(h, needle))
        .map(|i| from + i)
    {
        if near.is_none_or(|n| find_word(line_around(lower, at), n).is_some()) {
            return Some(at);
        }
        from = at + needle.len().max(1);
    }
    None
}

fn phrases(fw: &Framework, lower: &str, found: &mut Found) -> Vec<Evidence> {
    let mut out = Vec::new();
    for p in &fw.detect.phrases {
        let key = (
            p.text.to_ascii_lowercase(),
            p.near.as_ref().map(|n| n.to_ascii_lowercase()),
        );
        let at = match found.iter().find(|(k, _)| *k == key) {
            Some((_, at)) => *at,
            None => {
                let at = first_at(lower, &key.0, key.1.as_deref());
                found.push((key, at));
                at
            }
        };
        if let Some(at) = at {
            let what = match &p.near {
                Some(n) => format!("the text says \"{}\" with \"{n}\"", p.text),
                None => format!("the text says \"{}\"", p.text),
            };
            out.push(Evidence {
                weight: p.weight,
                line: Some(line_at(lower, at)),
                what,
            });
        }
    }
    out
}

/// For each row: which embedded frameworks (by index in [`Framework::all`]) have its id
/// and name, and how many frameworks that is (variants counted once). Worked out once
/// for all candidates, not per candidate and row.
struct Fits {
    of: Vec<(Vec<bool>, usize)>,
}

fn fits(rows: &[(&ObservedRow, String)]) -> Fits {
    let all = Framework::all();
    let of = rows
        .iter()
        .map(|(row, name)| {
            let fit: Vec<bool> = all
                .iter()
                .map(|f| f.standard(&row.id).is_some_and(|s| names_match(s, name)))
                .collect();
            let holders: BTreeSet<&str> = all
                .iter()
                .zip(&fit)
                .filter(|(_, fit)| **fit)
                .map(|(f, _)| f.id.as_str())
                .collect();
            (fit, holders.len())
        })
        .collect();
    Fits { of }
}

impl Fits {
    /// Does row `i` have `fw`'s id and name (`None` for a framework not embedded), and
    /// how many embedded frameworks have them?
    fn get(&self, i: usize, fw: &Framework) -> (Option<bool>, usize) {
        let at = Framework::all().iter().position(|f| std::ptr::eq(f, fw));
        let Some((fit, held)) = self.of.get(i) else {
            return (None, 0);
        };
        (at.and_then(|at| fit.get(at).copied()), *held)
    }
}

fn names_match(def: &super::StandardDef, name: &str) -> bool {
    norm(&def.name) == name || def.aliases.iter().any(|a| norm(a) == name)
}

fn ids(rows: &[&ObservedRow]) -> String {
    rows.iter()
        .map(|r| r.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn standards(fw: &Framework, rows: &[(&ObservedRow, String)], fits: &Fits) -> Vec<Evidence> {
    let mut matched: Vec<&ObservedRow> = Vec::new();
    let mut out = Vec::new();
    let mut against = Vec::new();
    for (i, (row, name)) in rows.iter().enumerate() {
        let (fit, held) = fits.get(i, fw);
        // A framework not embedded (a test's own) is matched here.
        let fit = fit.unwrap_or_else(|| fw.standard(&row.id).is_some_and(|s| names_match(s, name)));
        match fw.standard(&row.id) {
            Some(_) if fit => {
                matched.push(row);
                if held == 1 {
                    out.push(Evidence {
                        weight: 2,
                        line: Some(row.line),
                        what: format!(
                            "standard {} '{}' belongs to no other framework",
                            row.id, row.name
                        ),
                    });
                }
            }
            Some(def) => against.push(Evidence {
                weight: -1,
                line: Some(row.line),
                what: format!(
                    "standard {} is listed as '{}', not the framework's '{}'",
                    row.id, row.name, def.name
                ),
            }),
            None if fw.standard_list.complete => against.push(Evidence {
                weight: -1,
                line: Some(row.line),
                what: format!("standard {} '{}' is not in the framework", row.id, row.name),
            }),
            None => {}
        }
    }
    if !matched.is_empty() {
        out.insert(
            0,
            Evidence {
                weight: i32::try_from(matched.len()).unwrap_or(i32::MAX),
                line: matched.first().map(|r| r.line),
                what: format!(
                    "{} listed standards have the framework's ids and names ({})",
                    matched.len(),
                    ids(&matched)
                ),
            },
        );
    }
    out.extend(against);
    out
}

fn score(fw: &Framework, score: Option<(u32, u32, u32)>) -> Option<Evidence> {
    let (n, m, line) = score?;
    let max = fw.score_range.as_ref()?.max;
    Some(if m == max {
        Evidence {
            weight: 2,
            line: Some(line),
            what: format!("\"Score {n}/{m}\" is out of the framework's maximum, {max}"),
        }
    } else {
        Evidence {
            weight: -3,
            line: Some(line),
            what: format!("\"Score {n}/{m}\" is not out of the framework's maximum, {max}"),
        }
    })
}

fn published(fw: &Framework, month: Option<&(String, u32)>) -> Option<Evidence> {
    let (month, line) = month?;
    let period = fw.detect.published.as_ref()?;
    period.contains(month).then(|| Evidence {
        weight: 1,
        line: Some(*line),
        what: format!(
            "published {month}, within the framework's period ({} to {})",
            period.from.as_deref().unwrap_or("its start"),
            period.to.as_deref().unwrap_or("now")
        ),
    })
}

/// What the report shows of itself, for the error when no framework matches.
fn seen(obs: &Observed) -> String {
    let lower = obs.text.to_ascii_lowercase();
    let mut parts: Vec<String> = Vec::new();
    let mut phrases_seen: Vec<String> = Vec::new();
    let mut found = Found::new();
    for fw in Framework::all() {
        for e in phrases(fw, &lower, &mut found) {
            if !phrases_seen.contains(&e.what) {
                phrases_seen.push(e.what);
            }
        }
    }
    for p in phrases_seen {
        parts.push(p.replacen("the text says ", "", 1));
    }
    let rows = distinct_rows(&obs.rows);
    if !rows.is_empty() {
        const SHOWN: usize = 6;
        let mut list: Vec<String> = rows
            .iter()
            .take(SHOWN)
            .map(|(r, _)| format!("{} {}", r.id, r.name))
            .collect();
        if rows.len() > SHOWN {
            list.push(format!("and {} more", rows.len() - SHOWN));
        }
        parts.push(format!("standards {}", list.join(", ")));
    }
    if let Some((n, m, _)) = obs.score {
        parts.push(format!("\"Score {n}/{m}\""));
    }
    if let Some((month, _)) = &obs.published {
        parts.push(format!("published {month}"));
    }
    if parts.is_empty() {
        "no title, standard list, score or date of a known framework".to_string()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Result<String, String> {
        detect(&Observed::from_text(text)).map(|d| d.framework.key())
    }

    #[test]
    fn norm_of_ascii_is_norm_of_any_text() {
        for s in [
            "Governance & leadership",
            "  Implementation\tand   delivery.: ",
            "Out-of-court disposals NOT RATED",
            "A&B\x0bC\x0c D:",
            "Reviewing not rated.",
            "",
            " . ",
        ] {
            assert_eq!(norm_ascii(s), norm_any(s), "{s:?}");
        }
        assert_eq!(
            norm("Governance & Leadership."),
            "governance and leadership"
        );
    }

    #[test]
    fn rows_are_read_from_lines() {
        assert_eq!(
            row_in_line("1.1\tGovernance and leadership\tRequires improvement\t"),
            Some(("1.1".into(), "Governance and leadership".into()))
        );
        assert_eq!(
            row_in_line("| 3.4 | Joint working | Outstanding |"),
            Some(("3.4".into(), "Joint working".into()))
        );
        assert_eq!(
            row_in_line("2.1.1. Does assessment sufficiently analyse?\t85%"),
            None
        );
        assert_eq!(
            row_in_line("2.1 In this inspection, we found that it was good, overall."),
            None
        );
        assert_eq!(score_in_line("Hartlepool YOS Score 26/36 "), Some((26, 36)));
    }

    #[test]
    fn a_distinctive_standard_decides() {
        assert_eq!(key("3.4 Joint working Good").as_deref(), Ok("youth-2018"));
        assert_eq!(
            key("4.1 Resettlement policy and provision Good").as_deref(),
            Ok("youth-2021")
        );
        assert_eq!(
            key("3.1 Unpaid work Good").as_deref(),
            Ok("probation-2018:crc")
        );
        assert_eq!(
            key("3.2 Victim work Good").as_deref(),
            Ok("probation-2018:nps")
        );
        assert_eq!(
            key("2.5 Reviewing Good").as_deref(),
            Ok("probation-pdu-2021")
        );
    }

    #[test]
    fn a_youth_table_without_3_4_is_youth_2018_by_confidence() {
        let d = detect(&Observed::from_text(
            "1.1\tGovernance and leadership\tGood\n",
        ))
        .unwrap();
        assert_eq!(d.framework.key(), "youth-2018");
        assert!(d.evidence.iter().any(|e| e.what.contains("fit equally")));
    }

    #[test]
    fn no_evidence_or_a_cross_family_tie_is_no_match() {
        let e = key("Nothing here.\nOverall rating Good\n").unwrap_err();
        assert!(e.contains("no title, standard list, score or date"), "{e}");
        // "1.2 Staff" is a standard of youth and probation frameworks alike.
        let e = key("1.2 Staff Good").unwrap_err();
        assert!(e.contains("fit equally") && e.contains("1.2 Staff"), "{e}");
        // NPS and CRC share their first eight standards.
        let e = key("1.1 Leadership Good\n1.3 Services Good\nScore 20/30").unwrap_err();
        assert!(
            e.contains("probation-2018:nps and probation-2018:crc"),
            "{e}"
        );
    }

    #[test]
    fn the_denominator_counts() {
        // /27 is the PDU framework's maximum.
        assert_eq!(
            key("1.1 Leadership Good\nScore 14/27").as_deref(),
            Ok("probation-pdu-2021")
        );
        // /36 against /30: a youth table stays youth.
        let d = detect(&Observed::from_text("2.1 Assessment Good\nScore 20/36")).unwrap();
        assert_eq!(d.framework.family(), "youth");
    }

    #[test]
    fn probation_template_text_in_a_youth_report_does_not_make_it_probation() {
        let text = "Inspection of youth offending services: Hartlepool YJS\n\
                    Hartlepool Youth Offending Service Score 26/36\n\
                    3.4 Joint working Outstanding\n\
                    Each of the 10 standards will be scored on a 0-3 scale, which produces the overall rating on a 0-30 scale.\n\
                    the police, the National Probation Service and local health services\n";
        assert_eq!(key(text).as_deref(), Ok("youth-2018"));
    }

    #[test]
    fn phrases_are_whole_words_and_near_words_share_the_line() {
        let lower = "the pdus and national probation service\ndivision";
        assert_eq!(find_word(lower, "pdu"), None);
        let fw = Framework::by_id("probation-2018:nps").unwrap();
        assert!(phrases(fw, lower, &mut Found::new()).is_empty());
        let lower = "national probation service london division";
        let mut found = Found::new();
        assert_eq!(phrases(fw, lower, &mut found).len(), 1);
        // A framework that shares the phrase is told where it is without a search.
        assert_eq!(found.len(), fw.detect.phrases.len());
        assert_eq!(phrases(fw, lower, &mut found).len(), 1);
    }

    #[test]
    fn override_picks_the_variant_the_evidence_fits() {
        let obs = Observed::from_text("3.1 Unpaid work Good\n");
        assert_eq!(
            select("probation-2018", &obs).unwrap().framework.key(),
            "probation-2018:crc"
        );
        let obs = Observed::from_text("3.4 Joint working Good\n");
        assert_eq!(
            select("probation-2018", &obs).unwrap().framework.key(),
            "probation-2018:nps"
        );
        assert_eq!(
            select("youth-2021", &obs).unwrap().framework.key(),
            "youth-2021"
        );
        assert!(select("nope", &obs).is_none());
    }
}
