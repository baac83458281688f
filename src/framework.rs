//! Inspection frameworks as data. Each framework lives in `grammars/frameworks/<id>.toml`
//! and is embedded in the binary, so the tool runs anywhere. No rule or rating function
//! knows a standard, a band or a score: they all read them from a [`Framework`].

use crate::model::{Rating, Report};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The embedded framework files, in detection order (the first is the default).
const SOURCES: &[(&str, &str)] = &[
    (
        "youth-2018",
        include_str!("../grammars/frameworks/youth-2018.toml"),
    ),
    (
        "youth-2021",
        include_str!("../grammars/frameworks/youth-2021.toml"),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A single judgement by inspectors (domain one): valid and summed, never recomputed.
    Judged,
    /// Computed from key-question percentages by the lowest-band rule.
    Case,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyQuestionDef {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardDef {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub kind: Kind,
    /// Counts in the total score.
    pub scored: bool,
    /// May be absent or "not rated" without a finding.
    #[serde(default)]
    pub optional: bool,
    /// Other spellings accepted as this standard's name.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub key_questions: Vec<KeyQuestionDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainDef {
    pub id: String,
    pub name: String,
    /// Which sample the domain's cases come from ("court", "out_of_court"), if case-based.
    #[serde(default)]
    pub sample: Option<String>,
}

/// A half-open band `[from, to)` of percentages or scores.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: u32,
    pub to: u32,
    #[serde(deserialize_with = "de_rating")]
    pub rating: Rating,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discretion {
    pub near_boundary_points: u32,
    pub one_case_flip: bool,
    pub small_sample_max: u32,
    pub max_departure_bands: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub signals: Vec<String>,
    scores: BTreeMap<String, u32>,
    pub score_range: Range,
    pub case_bands: Vec<Band>,
    pub overall_bands: Vec<Band>,
    pub discretion: Discretion,
    pub domains: Vec<DomainDef>,
    pub standards: Vec<StandardDef>,
}

fn de_rating<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Rating, D::Error> {
    let s = String::deserialize(d)?;
    Rating::from_name(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown rating {s:?}")))
}

impl Framework {
    /// Parses a framework file and checks that it is complete and consistent.
    pub fn from_toml(text: &str) -> Result<Framework, String> {
        let fw: Framework = toml::from_str(text).map_err(|e| e.to_string())?;
        for r in Rating::ALL {
            if !fw.scores.contains_key(r.as_str()) {
                return Err(format!("{}: no score for {r}", fw.id));
            }
        }
        if fw.scores.len() != 4 {
            return Err(format!("{}: scores must name the four ratings", fw.id));
        }
        for (what, bands) in [
            ("case_bands", &fw.case_bands),
            ("overall_bands", &fw.overall_bands),
        ] {
            let mut prev: Option<&Band> = None;
            for b in bands {
                if b.from >= b.to {
                    return Err(format!(
                        "{}: {what} band {}..{} is empty",
                        fw.id, b.from, b.to
                    ));
                }
                if let Some(p) = prev {
                    if p.to != b.from || p.rating.rank() >= b.rating.rank() {
                        return Err(format!(
                            "{}: {what} bands must be contiguous and rising",
                            fw.id
                        ));
                    }
                }
                prev = Some(b);
            }
            if bands.is_empty() {
                return Err(format!("{}: {what} is empty", fw.id));
            }
        }
        for s in &fw.standards {
            if !fw.domains.iter().any(|d| d.id == s.domain) {
                return Err(format!(
                    "{}: standard {} names unknown domain {}",
                    fw.id, s.id, s.domain
                ));
            }
        }
        Ok(fw)
    }

    /// All embedded frameworks, parsed once.
    pub fn all() -> &'static [Framework] {
        static ALL: OnceLock<Vec<Framework>> = OnceLock::new();
        ALL.get_or_init(|| {
            SOURCES
                .iter()
                // The embedded files are tested (`tests` below); a broken one is skipped
                // rather than taking the tool down.
                .filter_map(|(_, text)| Framework::from_toml(text).ok())
                .collect()
        })
    }

    pub fn by_id(id: &str) -> Option<&'static Framework> {
        Self::all().iter().find(|f| f.id == id)
    }

    pub fn ids() -> Vec<&'static str> {
        Self::all().iter().map(|f| f.id.as_str()).collect()
    }

    /// The framework a report's text belongs to: the last framework (newest) whose
    /// signal phrase appears, else the first (default).
    pub fn detect(text: &str) -> Option<&'static Framework> {
        let all = Self::all();
        all.iter()
            .rev()
            .find(|f| f.signals.iter().any(|s| text.contains(s.as_str())))
            .or_else(|| all.first())
    }

    pub fn score(&self, rating: Rating) -> u32 {
        self.scores.get(rating.as_str()).copied().unwrap_or(0)
    }

    pub fn standard(&self, id: &str) -> Option<&StandardDef> {
        self.standards.iter().find(|s| s.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&DomainDef> {
        self.domains.iter().find(|d| d.id == id)
    }

    /// The number of standards that count in the total.
    pub fn scored_count(&self) -> usize {
        self.standards.iter().filter(|s| s.scored).count()
    }

    /// Top score of one standard (3 on the four-point scale).
    pub fn standard_scale(&self) -> (u32, u32) {
        let lo = Rating::ALL
            .iter()
            .map(|r| self.score(*r))
            .min()
            .unwrap_or(0);
        let hi = Rating::ALL
            .iter()
            .map(|r| self.score(*r))
            .max()
            .unwrap_or(0);
        (lo, hi)
    }

    /// The sample ("court" / "out_of_court") the domain of a standard draws on.
    pub fn sample_key(&self, standard_id: &str) -> Option<&str> {
        let s = self.standard(standard_id)?;
        self.domain(&s.domain)?.sample.as_deref()
    }

    /// The framework's standard ids in order, then any other id the report lists.
    pub fn standard_ids<'a>(&'a self, report: &'a Report) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self.standards.iter().map(|s| s.id.as_str()).collect();
        for r in report.all_rows() {
            if !ids.contains(&r.id.value.as_str()) {
                ids.push(&r.id.value);
            }
        }
        ids
    }

    /// Ids of every key question the framework lists.
    pub fn key_question(&self, id: &str) -> Option<&KeyQuestionDef> {
        self.standards
            .iter()
            .flat_map(|s| s.key_questions.iter())
            .find(|k| k.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_framework_parses() {
        for (id, text) in SOURCES {
            let fw = Framework::from_toml(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&fw.id, id);
        }
        assert_eq!(Framework::all().len(), SOURCES.len());
    }

    #[test]
    fn youth_2018_is_the_published_framework() {
        let fw = Framework::by_id("youth-2018").unwrap();
        assert_eq!(fw.standards.len(), 12);
        assert_eq!(fw.scored_count(), 12);
        assert_eq!((fw.score_range.min, fw.score_range.max), (0, 36));
        assert_eq!(fw.standard_scale(), (0, 3));
        let kq: usize = fw.standards.iter().map(|s| s.key_questions.len()).sum();
        assert_eq!(kq, 14 + 23);
        assert_eq!(fw.standard("3.4").unwrap().name, "Joint working");
        assert_eq!(fw.sample_key("2.3"), Some("court"));
        assert_eq!(fw.sample_key("1.1"), None);
    }

    #[test]
    fn youth_2021_has_an_unscored_optional_standard() {
        let fw = Framework::by_id("youth-2021").unwrap();
        let s = fw.standard("4.1").unwrap();
        assert!(!s.scored && s.optional);
        assert_eq!(fw.scored_count(), 12);
    }

    #[test]
    fn detection_uses_signals() {
        assert_eq!(
            Framework::detect("3.4 Joint working").unwrap().id,
            "youth-2018"
        );
        assert_eq!(
            Framework::detect("4.1 Resettlement policy and provision")
                .unwrap()
                .id,
            "youth-2021"
        );
        assert_eq!(Framework::detect("nothing").unwrap().id, "youth-2018");
    }

    #[test]
    fn rejects_gapped_bands() {
        let text = SOURCES[0].1.replacen("from = 50", "from = 51", 1);
        assert!(Framework::from_toml(&text).is_err());
    }
}
