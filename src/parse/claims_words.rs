//! The vocabulary of the claims parser (`claims.rs`): the words by which a sentence names
//! a key question's subject, negates or hedges a figure, gives a prompt's result rather
//! than a key question's, or judges the work. Youth wording (2018 framework reports).

pub(super) const DESISTANCE: &[&str] = &["desist"];
pub(super) const OTHERS: &[&str] = &[
    "risk of harm",
    "risk of serious harm",
    "harm to others",
    "other people",
    "others safe",
    "safety of others",
    "public protection",
    "protect the public",
];
pub(super) const CHILD: &[&str] = &[
    "wellbeing",
    "well-being",
    "child safe",
    "children safe",
    "young person safe",
    "young people safe",
    "safety of the child",
    "safety of a child",
    "safety of children",
    "safety of the young",
    "child's safety",
    "children's safety",
];
pub(super) const RECOMMENDATIONS: &[&str] = &["recommendation"];
pub(super) const POLICE: &[&str] = &["police"];

/// Words that turn a figure into its complement or a failure ("in 30 per cent of cases
/// there was no assessment"): the sentence is not restating a key question's result.
pub(super) const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "none",
    "never",
    "nor",
    "neither",
    "without",
    "insufficient",
    "insufficiently",
    "lack",
    "lacks",
    "lacked",
    "lacking",
    "absence",
    "absent",
    "fail",
    "fails",
    "failed",
    "failing",
    "disagree",
    "disagreed",
    "missing",
    "missed",
    "underestimated",
    "overestimated",
    "unclear",
    "inappropriate",
    "inappropriately",
    "poor",
    "poorly",
    "weak",
    "weaker",
];

/// The wording of prompts (the questions under a key question) and of other measures: a
/// sentence with one of these (as a word start) gives a prompt's result, not a key
/// question's.
pub(super) const PROMPT_MARKERS: &[&str] = &[
    "strength",
    "protective",
    "diversity",
    "familial",
    "contingenc",
    "victim",
    "restorative",
    "agenc",
    "partner",
    "maturity",
    "motivation",
    "engag",
    "complian",
    "enforc",
    "sequenc",
    "timescale",
    "most likely",
    "timely",
    "appropriate period",
    "start of",
    "agreed",
    "agreement",
    "level of",
    "levels of",
    "offending behaviour",
    "meaningful",
    "involv",
    "parent",
    "carer",
    "oversight",
    "integration",
    "barrier",
    "input",
    "adjust",
    "informed by",
    "sources of information",
    "control",
    "addressing",
    "identif",
    "proportionate",
    "understanding",
    "record",
    "written",
    "classif",
    "quality assurance",
    "gatekeep",
];

/// A word of judgement: key-question results are stated as sufficient or effective work.
pub(super) const CUES: &[&str] = &[
    "sufficient",
    "effective",
    "focus",
    "satisf",
    "good enough",
    "good quality",
    "high quality",
    "high-quality",
];

/// Words before a figure that make it approximate ("over 80 per cent").
pub(super) const HEDGES: &[&str] = &[
    "over",
    "under",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "below",
    "above",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "up to",
];

/// Adverbs allowed between "we" and "rated" ("we therefore rated").
pub(super) const ADVERBS: &[&str] = &[
    "therefore",
    "have",
    "also",
    "thus",
    "then",
    "consequently",
    "accordingly",
    "overall",
];
