//! Inspection frameworks as data. Each framework lives in `grammars/frameworks/<id>.toml`
//! and is embedded in the binary, so the tool runs anywhere. No rule or rating function
//! knows a standard, a band or a score: they all read them from a [`Framework`].
//!
//! Every number carries a [`Confidence`] (confirmed, derived, uncertain) as the rules notes
//! give it, and a number nobody has published is absent (`None`), never guessed: a check
//! that needs an absent number does not run, and one that rests on a derived or uncertain
//! number is at most a provisional warning. [`detect`] tells a report's framework from
//! what the report says about itself.

pub mod detect;
mod lit;

use crate::model::{Rating, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use detect::{Detection, Evidence, Observed};

/// The embedded frameworks, oldest first within each family: for each id, the Rust
/// statics that `build.rs` writes `grammars/frameworks/<id>.toml` as (`EMBEDDED`, read at
/// start without parsing any text) and, for the tests, the TOML itself (`SOURCES`).
macro_rules! frameworks {
    ($($id:literal),* $(,)?) => {
        static EMBEDDED: &[(&str, lit::Lit)] = {
            use lit::Lit;
            &[$(($id, include!(concat!(env!("OUT_DIR"), "/", $id, ".lit.rs")))),*]
        };
        #[cfg(test)]
        const SOURCES: &[(&str, &str)] =
            &[$(($id, include_str!(concat!("../grammars/frameworks/", $id, ".toml")))),*];
    };
}

frameworks!(
    "youth-2018",
    "youth-2021",
    "youth-2025",
    "probation-2018",
    "probation-pdu-2021",
    "probation-2023",
);

/// How sure a number (or a name) is, as the rules notes label it. Ordered weakest first,
/// so `min` of several is the confidence of a check that uses them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Plausible, not verified.
    Uncertain,
    /// Worked out from a confirmed principle, never seen printed.
    Derived,
    /// Read in a named source.
    Confirmed,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Uncertain => "uncertain",
            Confidence::Derived => "derived",
            Confidence::Confirmed => "confirmed",
        }
    }

    pub fn is_confirmed(self) -> bool {
        self == Confidence::Confirmed
    }
}

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
    /// How sure the id and name are: how exactly `standard-name` may hold a report to them.
    pub confidence: Confidence,
    pub domain: String,
    pub kind: Kind,
    /// How sure the kind is; the name's confidence when not given.
    #[serde(default)]
    kind_confidence: Option<Confidence>,
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

impl StandardDef {
    pub fn kind_confidence(&self) -> Confidence {
        self.kind_confidence.unwrap_or(self.confidence)
    }
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

/// A set of contiguous rising bands and how sure they are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSet {
    pub confidence: Confidence,
    pub bands: Vec<Band>,
}

impl BandSet {
    pub fn iter(&self) -> std::slice::Iter<'_, Band> {
        self.bands.iter()
    }

    pub fn last(&self) -> Option<&Band> {
        self.bands.last()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub confidence: Confidence,
    pub min: u32,
    pub max: u32,
}

/// Points per rating.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub confidence: Confidence,
    points: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discretion {
    /// Of the three conditions (near a boundary, one case, small sample).
    pub confidence: Confidence,
    pub near_boundary_points: u32,
    pub one_case_flip: bool,
    pub small_sample_max: u32,
    pub max_departure_bands: u32,
    pub max_departure_confidence: Confidence,
}

/// Whether the listed standards are all the framework has.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardList {
    /// How sure the ids (and their number) are.
    pub confidence: Confidence,
    /// A report listing an id not here lists one the framework does not have.
    pub complete: bool,
}

/// A phrase by which a report says it is of this framework.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub text: String,
    pub weight: i32,
    /// Counts only on a line that also holds this word ("division").
    #[serde(default)]
    pub near: Option<String>,
}

/// The months in which the framework's reports were published ("YYYY-MM", inclusive).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    pub confidence: Confidence,
}

impl Period {
    pub fn contains(&self, month: &str) -> bool {
        self.from.as_deref().is_none_or(|f| f <= month)
            && self.to.as_deref().is_none_or(|t| month <= t)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    #[serde(default)]
    pub published: Option<Period>,
}

/// A variant of a framework (NPS or CRC of `probation-2018`): its own standards, added to
/// the framework's, and its own detection phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantDef {
    id: String,
    name: String,
    #[serde(default)]
    detect: Detect,
    #[serde(default)]
    domains: Vec<DomainDef>,
    standards: Vec<StandardDef>,
}

/// A framework file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    id: String,
    name: String,
    #[serde(default)]
    detect: Detect,
    standard_list: StandardList,
    #[serde(default)]
    scores: Option<Scores>,
    #[serde(default)]
    score_range: Option<Range>,
    #[serde(default)]
    case_bands: Option<BandSet>,
    #[serde(default)]
    overall_bands: Option<BandSet>,
    #[serde(default)]
    discretion: Option<Discretion>,
    domains: Vec<DomainDef>,
    #[serde(default)]
    standards: Vec<StandardDef>,
    #[serde(default)]
    variants: Vec<VariantDef>,
}

/// One framework (one variant of it, where it has variants).
#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    /// "nps" or "crc" for `probation-2018`.
    pub variant: Option<String>,
    pub name: String,
    pub detect: Detect,
    pub standard_list: StandardList,
    /// Points per rating; `None` where unpublished.
    pub scores: Option<Scores>,
    /// `None` where unpublished.
    pub score_range: Option<Range>,
    /// Key-question bands; `None` where unpublished.
    pub case_bands: Option<BandSet>,
    /// Overall bands of the total score; `None` where unpublished.
    pub overall_bands: Option<BandSet>,
    pub discretion: Option<Discretion>,
    pub domains: Vec<DomainDef>,
    pub standards: Vec<StandardDef>,
}

fn de_rating<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Rating, D::Error> {
    let s = String::deserialize(d)?;
    Rating::from_name(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown rating {s:?}")))
}

fn check_bands(id: &str, what: &str, set: &BandSet) -> Result<(), String> {
    if set.bands.is_empty() {
        return Err(format!("{id}: {what} is empty"));
    }
    let mut prev: Option<&Band> = None;
    for b in &set.bands {
        if b.from >= b.to {
            return Err(format!("{id}: {what} band {}..{} is empty", b.from, b.to));
        }
        if let Some(p) = prev {
            if p.to != b.from || p.rating.rank() >= b.rating.rank() {
                return Err(format!("{id}: {what} bands must be contiguous and rising"));
            }
        }
        prev = Some(b);
    }
    Ok(())
}

impl Framework {
    /// Parses a framework file and checks that it is complete and consistent; a file with
    /// variants gives one framework per variant.
    pub fn from_toml_all(text: &str) -> Result<Vec<Framework>, String> {
        let file: FrameworkFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Self::from_file(file)
    }

    /// [`Framework::from_toml_all`] of a file `build.rs` wrote as statics.
    fn from_lit_all(tree: &'static lit::Lit) -> Result<Vec<Framework>, String> {
        let file = FrameworkFile::deserialize(lit::LitDe(tree)).map_err(|e| e.to_string())?;
        Self::from_file(file)
    }

    fn from_file(file: FrameworkFile) -> Result<Vec<Framework>, String> {
        // Moved, not copied: every start reads every framework.
        let variants = file.variants;
        let base = Framework {
            id: file.id,
            variant: None,
            name: file.name,
            detect: file.detect,
            standard_list: file.standard_list,
            scores: file.scores,
            score_range: file.score_range,
            case_bands: file.case_bands,
            overall_bands: file.overall_bands,
            discretion: file.discretion,
            domains: file.domains,
            standards: file.standards,
        };
        let out: Vec<Framework> = if variants.is_empty() {
            vec![base]
        } else {
            variants
                .into_iter()
                .map(|v| {
                    let mut fw = base.clone();
                    fw.variant = Some(v.id);
                    fw.name = format!("{} ({})", base.name, v.name);
                    fw.detect.phrases.extend(v.detect.phrases);
                    if v.detect.published.is_some() {
                        fw.detect.published = v.detect.published;
                    }
                    fw.domains.extend(v.domains);
                    fw.standards.extend(v.standards);
                    fw
                })
                .collect()
        };
        for fw in &out {
            fw.validate()?;
        }
        Ok(out)
    }

    /// Parses a framework file that has no variants.
    pub fn from_toml(text: &str) -> Result<Framework, String> {
        let mut all = Self::from_toml_all(text)?;
        match all.len() {
            1 => all.pop().ok_or_else(|| "no framework".to_string()),
            n => Err(format!("the file has {n} variants; use from_toml_all")),
        }
    }

    fn validate(&self) -> Result<(), String> {
        let id = self.key();
        if let Some(s) = &self.scores {
            for r in Rating::ALL {
                if !s.points.contains_key(r.as_str()) {
                    return Err(format!("{id}: no score for {r}"));
                }
            }
            if s.points.len() != 4 {
                return Err(format!("{id}: scores must name the four ratings"));
            }
        }
        for (what, set) in [
            ("case_bands", &self.case_bands),
            ("overall_bands", &self.overall_bands),
        ] {
            if let Some(set) = set {
                check_bands(&id, what, set)?;
            }
        }
        if self.overall_bands.is_some() && (self.scores.is_none() || self.score_range.is_none()) {
            return Err(format!("{id}: overall bands need scores and a score range"));
        }
        for s in &self.standards {
            if !self.domains.iter().any(|d| d.id == s.domain) {
                return Err(format!(
                    "{id}: standard {} names unknown domain {}",
                    s.id, s.domain
                ));
            }
            if self.standards.iter().filter(|o| o.id == s.id).count() > 1 {
                return Err(format!("{id}: standard {} is listed twice", s.id));
            }
        }
        Ok(())
    }

    /// All embedded frameworks (each variant on its own), parsed once.
    pub fn all() -> &'static [Framework] {
        static ALL: OnceLock<Vec<Framework>> = OnceLock::new();
        ALL.get_or_init(|| {
            EMBEDDED
                .iter()
                // The embedded files are tested (`tests` below); a broken one is skipped
                // rather than taking the tool down.
                .filter_map(|(_, tree)| Framework::from_lit_all(tree).ok())
                .flatten()
                .collect()
        })
    }

    /// The id with its variant: "probation-2018:crc", else the id.
    pub fn key(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}:{v}", self.id),
            None => self.id.clone(),
        }
    }

    /// "youth" or "probation": the kind of service inspected.
    pub fn family(&self) -> &str {
        self.id.split('-').next().unwrap_or(&self.id)
    }

    /// The framework of a key ("probation-2018:crc") or id; for an id with variants, the
    /// first variant ([`Framework::variants`] gives them all).
    pub fn by_id(id: &str) -> Option<&'static Framework> {
        let all = Self::all();
        all.iter()
            .find(|f| f.key() == id)
            .or_else(|| all.iter().find(|f| f.id == id))
    }

    /// Every framework a key or id names: one, or each variant of an id.
    pub fn variants(id: &str) -> Vec<&'static Framework> {
        let all = Self::all();
        if let Some(f) = all.iter().find(|f| f.key() == id && f.variant.is_some()) {
            return vec![f];
        }
        all.iter().filter(|f| f.id == id).collect()
    }

    /// The ids `--framework` takes: every id, and every id:variant.
    pub fn ids() -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in Self::all() {
            if !out.contains(&f.id) {
                out.push(f.id.clone());
            }
            if f.variant.is_some() {
                out.push(f.key());
            }
        }
        out
    }

    /// The framework a report's text belongs to, from the text alone (its lines read as
    /// standard rows, its score line, its phrases), for callers without a parsed report;
    /// `None` when no framework matches. [`detect::detect`] is the full form.
    pub fn detect(text: &str) -> Option<&'static Framework> {
        detect::detect(&Observed::from_text(text))
            .ok()
            .map(|d| d.framework)
    }

    /// Points a rating earns; `None` where the framework publishes no scores.
    pub fn score(&self, rating: Rating) -> Option<u32> {
        self.scores
            .as_ref()
            .and_then(|s| s.points.get(rating.as_str()).copied())
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

    /// Lowest and top score of one standard (0 and 3 on the four-point scale); `None`
    /// where the framework publishes no scores.
    pub fn standard_scale(&self) -> Option<(u32, u32)> {
        let points: Vec<u32> = Rating::ALL.iter().filter_map(|r| self.score(*r)).collect();
        Some((*points.iter().min()?, *points.iter().max()?))
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

    /// How much of the framework is confirmed: the number of its confirmed parts (scores,
    /// range, each band set, discretion, the standard list, each standard's name and kind).
    /// Breaks a tie between frameworks of one family that a report fits equally.
    pub fn confirmed_parts(&self) -> usize {
        let parts = [
            self.scores.as_ref().map(|s| s.confidence),
            self.score_range.as_ref().map(|r| r.confidence),
            self.case_bands.as_ref().map(|b| b.confidence),
            self.overall_bands.as_ref().map(|b| b.confidence),
            self.discretion.as_ref().map(|d| d.confidence),
            Some(self.standard_list.confidence),
        ];
        let standards = self
            .standards
            .iter()
            .flat_map(|s| [s.confidence, s.kind_confidence()]);
        parts
            .into_iter()
            .flatten()
            .chain(standards)
            .filter(|c| c.is_confirmed())
            .count()
    }

    /// The checks this framework cannot support, and why: each a rule id and a sentence,
    /// for the extract document (and for coverage to report).
    pub fn unchecked(&self) -> Vec<Unchecked> {
        let mut out = Vec::new();
        let id = self.key();
        let mut add = |rule: &'static str, reason: String| out.push(Unchecked { rule, reason });
        if self.overall_bands.is_none() {
            add(
                "score-band",
                format!("the {id} framework's overall bands are not published, so the overall rating was not checked against the standards' total"),
            );
        }
        if self.scores.is_none() || self.score_range.is_none() {
            add(
                "stated-score",
                format!("the {id} framework's scoring (points per rating, score range) is not published, so no total was computed or checked"),
            );
        }
        if self.case_bands.is_none() {
            add(
                "band-rule",
                format!("the {id} framework's key-question bands are not published, so no standard was recomputed from its key questions"),
            );
        }
        if !self.standard_list.complete {
            add(
                "standard-name",
                format!("the {id} framework's standard list is not published in full, so a standard id it does not list was not reported"),
            );
        }
        if !self.domains.iter().any(|d| d.sample.is_some()) {
            add(
                "sample-size",
                format!("the {id} framework has no court and out-of-court case samples, so sample sizes were not compared"),
            );
        }
        out
    }
}

/// A check a framework cannot support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unchecked {
    pub rule: &'static str,
    pub reason: String,
}

#[cfg(test)]
mod tests;
