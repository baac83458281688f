//! The report model: plain data extracted from one report, each value with the place
//! in the text it came from. No parsing and no I/O here; `parse` fills it, `rules` reads it.

use serde::{Serialize, Serializer};
use std::fmt;

/// A position in the normalised source: 1-based line and 1-based character column of the
/// original text (before normalisation), so a finding can quote the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
}

/// A value and where it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// The four-point scale used for every standard and every overall rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    Inadequate,
    RequiresImprovement,
    Good,
    Outstanding,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Inadequate,
        Rating::RequiresImprovement,
        Rating::Good,
        Rating::Outstanding,
    ];

    /// The spelling the inspectorate prints and the JSON contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Inadequate => "Inadequate",
            Rating::RequiresImprovement => "Requires improvement",
            Rating::Good => "Good",
            Rating::Outstanding => "Outstanding",
        }
    }

    /// Parses the exact printed spelling, ignoring case and surrounding space.
    pub fn from_name(s: &str) -> Option<Rating> {
        let s = s.trim();
        Rating::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    /// Position on the scale, 0 (Inadequate) to 3 (Outstanding).
    pub fn rank(self) -> i32 {
        self as i32
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which part of a report a standard's rating was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The ratings summary table near the front.
    Summary,
    /// The standard's heading in the body of the report.
    Body,
    /// The inspection results annex (Annex 2 in 2018-19 reports).
    Annex,
}

impl Place {
    pub fn describe(self) -> &'static str {
        match self {
            Place::Summary => "ratings summary",
            Place::Body => "body heading",
            Place::Annex => "annex table",
        }
    }
}

/// A part of a report that the rules read, for saying what was and was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The ratings summary near the front: overall rating, score, one row per standard.
    Summary,
    /// The standards' headings with their ratings in the body of the report.
    Body,
    /// The results: the annex tables of percentages (2018-19) or the count tables in each
    /// standard's section (2020+), with the key questions' values.
    Results,
    Recommendations,
    /// The report's own statement of the rating rules.
    Methodology,
    /// The sample sizes stated in prose.
    Samples,
    /// The document as a whole: what the PDF or Word reader could not read.
    Document,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Summary,
        Part::Body,
        Part::Results,
        Part::Recommendations,
        Part::Methodology,
        Part::Samples,
    ];

    /// "was" or "were", after [`Part::describe`].
    pub fn verb(self) -> &'static str {
        match self {
            Part::Summary | Part::Methodology | Part::Document => "was",
            _ => "were",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Part::Summary => "ratings summary",
            Part::Body => "standards' section headings",
            Part::Results => "results tables",
            Part::Recommendations => "recommendations",
            Part::Methodology => "statement of the rating rules",
            Part::Samples => "sample sizes",
            Part::Document => "document",
        }
    }
}

/// Something the parser found but could not read: a table whose entries and values it
/// could not pair, a value it could not place. A gap in the reading, never a defect of
/// the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadIssue {
    pub part: Part,
    pub span: Span,
    pub message: String,
    pub standard: Option<String>,
}

/// One standard as one place in the report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StandardRow {
    pub id: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub rating: Option<Spanned<Rating>>,
    pub place: Place,
}

/// A key question (or a prompt under one) with its case results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyQuestion {
    /// "2.1.1"
    pub id: Spanned<String>,
    /// Prompt id ("2.2.1.a") for prompt-level rows, `None` for the key question itself.
    pub prompt: Option<String>,
    pub text: String,
    /// The printed percentage, when the report prints one.
    pub printed_percent: Option<Spanned<f64>>,
    /// Relevant cases (the denominator), when printed.
    pub relevant: Option<Spanned<u32>>,
    /// Cases answered 'Yes', when printed.
    pub yes: Option<Spanned<u32>>,
}

impl KeyQuestion {
    /// The percentage the rules use: exact from counts when both are printed, else the
    /// printed whole number.
    pub fn percent(&self) -> Option<f64> {
        match (&self.relevant, &self.yes) {
            (Some(n), Some(y)) if n.value > 0 => {
                Some(f64::from(y.value) * 100.0 / f64::from(n.value))
            }
            _ => self.printed_percent.as_ref().map(|p| p.value),
        }
    }

    /// The percentage as a report would print it: counts rounded half up, else as printed.
    pub fn display_percent(&self) -> Option<f64> {
        match (&self.relevant, &self.yes) {
            (Some(n), Some(y)) if n.value > 0 => {
                // Integer half-up rounding: floor((200*y + n) / (2*n)).
                let (y, n) = (u64::from(y.value), u64::from(n.value));
                Some(((200 * y + n) / (2 * n)) as f64)
            }
            _ => self.printed_percent.as_ref().map(|p| p.value),
        }
    }

    pub fn is_prompt(&self) -> bool {
        self.prompt.is_some()
    }
}

/// A standard's results table in the annex (or, in later layouts, in the body).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultsTable {
    pub row: StandardRow,
    pub key_questions: Vec<KeyQuestion>,
    /// "Of the 6 cases inspected" printed above a count table.
    pub cases_inspected: Option<Spanned<u32>>,
}

impl ResultsTable {
    /// The key question `id` (not one of its prompts), if the table has it.
    pub fn key_question(&self, id: &str) -> Option<&KeyQuestion> {
        self.key_questions
            .iter()
            .find(|k| k.id.value == id && !k.is_prompt())
    }
}

/// A recommendation item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub number: Spanned<u32>,
    pub addressee: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recommendations {
    /// "we have made six recommendations"
    pub stated_count: Option<Spanned<u32>>,
    pub addressees: Vec<Spanned<String>>,
    pub items: Vec<Recommendation>,
    /// Where the items' numbers come from.
    pub numbering: Numbering,
}

/// Where recommendation numbers come from. Word numbers a list itself, so a tool that
/// extracts the text may drop the numbers or restart them per list: the text then no
/// longer shows the report's numbering, and it is not checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// As printed in the text.
    #[default]
    Printed,
    /// The text has no numbers: items are numbered in order.
    Absent,
    /// The numbers restart at 1 under each addressee: items are numbered in order.
    PerAddressee,
}

impl Numbering {
    /// What a reader should know about the numbering of this text, if anything.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Numbering::Printed => None,
            Numbering::Absent => Some("the recommendations are not numbered in this text (list numbering is lost when a Word document is converted to text), so their numbering was not checked"),
            Numbering::PerAddressee => Some("the recommendation numbers restart at 1 under each addressee in this text (a converter numbering each Word list afresh), so their numbering was not checked"),
        }
    }
}

/// Sample sizes: every statement found, per domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Samples {
    pub court: Vec<Spanned<u32>>,
    pub out_of_court: Vec<Spanned<u32>>,
}

impl Samples {
    pub fn for_key(&self, key: &str) -> &[Spanned<u32>] {
        match key {
            "court" => &self.court,
            "out_of_court" => &self.out_of_court,
            _ => &[],
        }
    }
}

/// A banding statement printed by the report: "Too few: 50-64%" or "7-18 = 'Requires improvement'".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedBand {
    /// Inclusive lower bound as printed.
    pub from: u32,
    /// Inclusive upper bound as printed (`None` for "80%+").
    pub to: Option<u32>,
    pub rating: Rating,
    pub span: Span,
}

/// The report's own statement of the rating rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Methodology {
    /// "Each of the 12 standards"
    pub standard_count: Option<Spanned<u32>>,
    /// "scored on a 0-3 scale"
    pub standard_scale: Option<Spanned<(u32, u32)>>,
    /// "total score ranging from 0-36" / "overall rating on a 0-30 scale"
    pub total_range: Option<Spanned<(u32, u32)>>,
    /// The key-question band table.
    pub case_bands: Vec<StatedBand>,
    /// The overall score bands.
    pub overall_bands: Vec<StatedBand>,
}

/// The ratings summary block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub overall: Option<Spanned<Rating>>,
    /// "Score 26/36": (26, 36)
    pub score: Option<Spanned<(u32, u32)>>,
    pub rows: Vec<StandardRow>,
}

/// What a sentence of a standard's narrative states.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ClaimValue {
    /// "We rated assessment of cases as 'Outstanding'"
    Rating(Rating),
    /// "in 84 per cent of cases"
    Percent(f64),
    /// "4 of the 6 cases": (4, 6)
    Count(u32, u32),
}

impl ClaimValue {
    /// "rating", "percent" or "count".
    pub fn kind(&self) -> &'static str {
        match self {
            ClaimValue::Rating(_) => "rating",
            ClaimValue::Percent(_) => "percent",
            ClaimValue::Count(..) => "count",
        }
    }
}

/// A claim in the narrative of a standard's section: a rating of the standard, or a
/// figure (a percentage, "N of the M cases"), tied to one key question of the standard
/// when exactly one fits the sentence, else left untied (prompt-level: never checked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The standard whose section the sentence is in.
    pub standard: String,
    /// The key question the figure restates; `None` for a rating or an untied figure.
    pub key_question: Option<String>,
    /// Where the figure or rating is printed.
    pub value: Spanned<ClaimValue>,
    /// The sentence, as normalised.
    pub sentence: String,
}

impl Claim {
    /// A rating of the standard, or a figure tied to a key question: what is checked.
    pub fn is_checked(&self) -> bool {
        self.key_question.is_some() || matches!(self.value.value, ClaimValue::Rating(_))
    }
}

/// The text layout a report was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// 2018-19: tab-separated rows, `<p>` cells, Annex 2 "% yes" tables.
    Percent2019,
    /// 2020+: wrapped lines, "Relevant cases / Number 'Yes'" count tables.
    Counts2020,
}

/// Everything extracted from one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub layout: Layout,
    pub service: Option<Spanned<String>>,
    /// "2019-07"
    pub published: Option<Spanned<String>>,
    /// "2019-04"
    pub fieldwork_start: Option<Spanned<String>>,
    pub summary: Summary,
    /// Other statements of the overall rating ("Overall, X is rated as: Good").
    pub overall_mentions: Vec<Spanned<Rating>>,
    pub body: Vec<StandardRow>,
    pub results: Vec<ResultsTable>,
    pub recommendations: Recommendations,
    pub samples: Samples,
    pub methodology: Methodology,
    /// What the standards' narratives state: ratings and figures (`parse::claims`).
    pub claims: Vec<Claim>,
}

impl Report {
    /// Every standard row the report states, in every place.
    pub fn all_rows(&self) -> impl Iterator<Item = &StandardRow> {
        self.summary
            .rows
            .iter()
            .chain(self.body.iter())
            .chain(self.results.iter().map(|t| &t.row))
    }

    /// Every stated row for a standard id, from every place.
    pub fn rows_for<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a StandardRow> + 'a {
        self.all_rows().filter(move |r| r.id.value == id)
    }

    /// The results table of a standard, if the report has one.
    pub fn results_for(&self, id: &str) -> Option<&ResultsTable> {
        self.results.iter().find(|t| t.row.id.value == id)
    }

    /// The rating taken as "stated" for a standard: the annex's, else the body's, else
    /// the summary's.
    pub fn stated_rating<'a>(&'a self, id: &'a str) -> Option<&'a Spanned<Rating>> {
        // The place (an enum) before the id (a string): most rows are of another place.
        let pick = |place: Place| {
            self.all_rows()
                .filter(|r| r.place == place && r.id.value == id)
                .find_map(|r| r.rating.as_ref())
        };
        pick(Place::Annex)
            .or_else(|| pick(Place::Body))
            .or_else(|| pick(Place::Summary))
    }

    /// True when nothing that looks like ratings was found.
    pub fn has_ratings(&self) -> bool {
        self.summary.overall.is_some()
            || self.summary.rows.iter().any(|r| r.rating.is_some())
            || self.body.iter().any(|r| r.rating.is_some())
            || self.results.iter().any(|t| t.row.rating.is_some())
    }
}
