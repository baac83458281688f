//! The tables of `hmip dataset`, as data: every table's columns (name, type, meaning) are
//! declared once here. The CSV header rows, the SQLite `CREATE TABLE` statements,
//! `schema.md` and the order of the values in every row all come from these definitions,
//! so the documentation cannot drift from what is written.

use serde_json::Number;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Text,
    Integer,
    /// A number as printed in the extract document (no needless ".0", at most two decimals).
    Number,
    /// `true` or `false`.
    Bool,
}

impl Ty {
    pub fn sql(self) -> &'static str {
        match self {
            Ty::Text => "TEXT",
            Ty::Integer | Ty::Bool => "INTEGER",
            Ty::Number => "REAL",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            Ty::Text => "text",
            Ty::Integer => "integer",
            Ty::Number => "number",
            Ty::Bool => "true/false",
        }
    }
}

/// One column: its name (a contract), type and meaning.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Ty,
    pub about: &'static str,
}

const fn col(name: &'static str, ty: Ty, about: &'static str) -> Column {
    Column { name, ty, about }
}

/// One table: a CSV file in the output folder and a table of the same name in SQLite.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub about: &'static str,
    pub columns: &'static [Column],
    /// SQLite primary key; empty where no set of columns is unique in every report (SQLite
    /// then keeps its own rowid and an index on `report`).
    pub primary_key: &'static [&'static str],
}

impl Table {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn header(&self) -> impl Iterator<Item = &'static str> {
        self.columns.iter().map(|c| c.name)
    }
}

const REPORT_COL: Column = col(
    "report",
    Ty::Text,
    "The input path as given on the command line (folders joined with the file's path under them).",
);

/// The framework on every row that depends on it: a standard id ("3.1") names a
/// different standard in each framework, so no table is read without it.
const FRAMEWORK_COL: Column = col(
    "framework",
    Ty::Text,
    "The framework the report was checked against (as in reports.csv), so rows of different frameworks are never pooled by standard id alone.",
);

pub const REPORTS_COLUMNS: [Column; 21] = [
    REPORT_COL,
    col("sha256", Ty::Text, "SHA-256 of the file's bytes, lowercase hex (empty when the file could not be read at all)."),
    col("service", Ty::Text, "The inspected service as named on the report's cover."),
    col("framework", Ty::Text, "The inspection framework the report was checked against (youth-2018, youth-2021, youth-2025, probation-2018, probation-pdu-2021, probation-2023), detected from the report or given by --framework."),
    col("framework_variant", Ty::Text, "The framework's variant: nps (National Probation Service division) or crc (Community Rehabilitation Company) for probation-2018; empty otherwise."),
    col("published", Ty::Text, "Publication month, YYYY-MM."),
    col("fieldwork_start", Ty::Text, "Month fieldwork started, YYYY-MM."),
    col("stated_overall", Ty::Text, "The overall rating the report states (Outstanding, Good, Requires improvement, Inadequate)."),
    col("computed_overall", Ty::Text, "The overall rating recomputed from the standards' ratings by the framework's rules."),
    col("stated_score", Ty::Integer, "The total score the report states, if it states one."),
    col("computed_score", Ty::Integer, "The total score recomputed from the standards' stated ratings; empty where the framework publishes no scoring."),
    col("max_score", Ty::Integer, "The framework's maximum score (36 youth to 2025, 30 probation 2018, 27 PDU 2021); empty where the framework publishes no scoring."),
    col("court_sample", Ty::Integer, "Number of court disposal cases inspected, as stated."),
    col("out_of_court_sample", Ty::Integer, "Number of out-of-court disposal cases inspected, as stated."),
    col("stated_recommendations", Ty::Integer, "The number of recommendations the report says it makes."),
    col("listed_recommendations", Ty::Integer, "The number of recommendations actually listed (rows in recommendations.csv)."),
    col("errors", Ty::Integer, "Number of error findings (rows in findings.csv with severity error)."),
    col("warnings", Ty::Integer, "Number of warning findings."),
    col("incomplete_reads", Ty::Integer, "Number of incomplete-read findings: places of the report (ratings summary, section headings, results, recommendations, sample sizes) that were not read from the file, or not read whole, so the checks on them did not run; the rows of findings.csv with that rule say which. 0 means every place was read."),
    col("status", Ty::Text, "ok, or unreadable when the file could not be read or holds no recognisable ratings (then every extracted column is empty)."),
    col("reason", Ty::Text, "Why the file is unreadable (one line); empty when status is ok."),
];

pub const STANDARDS_COLUMNS: [Column; 12] = [
    REPORT_COL,
    FRAMEWORK_COL,
    col("standard", Ty::Text, "Standard id, e.g. 2.1."),
    col("name", Ty::Text, "The standard's name (the framework's, else as printed)."),
    col("domain", Ty::Text, "The domain the standard belongs to, e.g. 2."),
    col("kind", Ty::Text, "judged (rated by inspectors' judgement) or case (rated from case-assessment percentages); empty for a standard the framework does not define."),
    col("stated", Ty::Text, "The rating the report states for the standard (as `stated` in the extract document)."),
    col("summary_rating", Ty::Text, "The rating printed in the ratings summary table."),
    col("body_rating", Ty::Text, "The rating printed in the standard's section of the report body."),
    col("annex_rating", Ty::Text, "The rating printed in the annex results table."),
    col("computed", Ty::Text, "For case standards, the rating the lowest key-question percentage gives under the framework's bands."),
    col("lowest_percent", Ty::Number, "The lowest key-question percentage that sets the computed rating."),
];

pub const KEY_QUESTIONS_COLUMNS: [Column; 10] = [
    REPORT_COL,
    FRAMEWORK_COL,
    col(
        "standard",
        Ty::Text,
        "The standard the key question belongs to, e.g. 2.1.",
    ),
    col("key_question", Ty::Text, "Key question id, e.g. 2.1.1."),
    col(
        "prompt",
        Ty::Text,
        "Prompt id (e.g. 2.1.1.a) on a prompt's row; empty on the key question's own row.",
    ),
    col("text", Ty::Text, "The question as printed."),
    col(
        "percent",
        Ty::Number,
        "% of relevant cases answered Yes: as printed, or from the counts (two decimals).",
    ),
    col(
        "relevant",
        Ty::Integer,
        "Number of relevant cases, where the report gives counts.",
    ),
    col(
        "yes",
        Ty::Integer,
        "Number of cases answered Yes, where the report gives counts.",
    ),
    col(
        "line",
        Ty::Integer,
        "Line of the key question in the report's text.",
    ),
];

pub const RECOMMENDATIONS_COLUMNS: [Column; 5] = [
    REPORT_COL,
    col(
        "number",
        Ty::Integer,
        "The recommendation's number as printed.",
    ),
    col(
        "addressee",
        Ty::Text,
        "Who the recommendation is addressed to, when stated.",
    ),
    col("text", Ty::Text, "The recommendation's text."),
    col(
        "line",
        Ty::Integer,
        "Line of the recommendation in the report's text.",
    ),
];

pub const FINDINGS_COLUMNS: [Column; 12] = [
    REPORT_COL,
    FRAMEWORK_COL,
    col(
        "rule",
        Ty::Text,
        "The rule's id (`hmip rule ID` documents it).",
    ),
    col("severity", Ty::Text, "error or warning."),
    col(
        "standard",
        Ty::Text,
        "The standard the finding concerns, if any.",
    ),
    col(
        "key_question",
        Ty::Text,
        "The key question the finding concerns, if any.",
    ),
    col(
        "line",
        Ty::Integer,
        "Line of the primary evidence (0: the report as a whole).",
    ),
    col("column", Ty::Integer, "Column of the primary evidence."),
    col(
        "page",
        Ty::Integer,
        "PDF page of the evidence, when the input was a PDF.",
    ),
    col(
        "discretion",
        Ty::Bool,
        "true when professional discretion could explain the departure.",
    ),
    col(
        "provisional",
        Ty::Bool,
        "true when the check rests on a derived or uncertain number of the framework (e.g. the adult overall bands): then a warning at most, its help starting \"provisional: \".",
    ),
    col("message", Ty::Text, "The finding's one-line message."),
];

pub const REPORTS: Table = Table {
    name: "reports",
    about: "One row per input file, readable or not.",
    columns: &REPORTS_COLUMNS,
    primary_key: &["report"],
};

pub const STANDARDS: Table = Table {
    name: "standards",
    about: "One row per standard per readable report: every standard of the framework, plus any other the report prints.",
    columns: &STANDARDS_COLUMNS,
    primary_key: &["report", "standard"],
};

pub const KEY_QUESTIONS: Table = Table {
    name: "key_questions",
    about: "One row per key question (and per prompt, where the report tabulates prompts) in each standard's results table.",
    columns: &KEY_QUESTIONS_COLUMNS,
    primary_key: &[],
};

pub const RECOMMENDATIONS: Table = Table {
    name: "recommendations",
    about: "One row per recommendation listed in a readable report, in the report's order.",
    columns: &RECOMMENDATIONS_COLUMNS,
    primary_key: &[],
};

pub const FINDINGS: Table = Table {
    name: "findings",
    about: "One row per finding of `hmip check` on a readable report.",
    columns: &FINDINGS_COLUMNS,
    primary_key: &[],
};

/// Every table, in the order they are documented and created.
pub const TABLES: [&Table; 5] = [
    &REPORTS,
    &STANDARDS,
    &KEY_QUESTIONS,
    &RECOMMENDATIONS,
    &FINDINGS,
];

/// One value in a row. `Null` is an empty CSV field and SQL NULL.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Int(i64),
    Num(Number),
    Bool(bool),
}

impl Cell {
    /// The CSV field: the same spelling as the value in the extract document.
    pub fn csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Num(n) => Cow::Owned(n.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<u32> for Cell {
    fn from(v: u32) -> Self {
        Cell::Int(i64::from(v))
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Cell::Bool(v)
    }
}
impl From<Number> for Cell {
    fn from(v: Number) -> Self {
        Cell::Num(v)
    }
}
impl From<crate::model::Rating> for Cell {
    fn from(v: crate::model::Rating) -> Self {
        Cell::Text(v.as_str().to_string())
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Null, Into::into)
    }
}

/// A row: its values in the table's column order.
pub type Row = Vec<Cell>;

/// Builds a row from `(column, value)` pairs that must name the table's columns in order;
/// the array length is checked by the compiler and the names by a debug assertion (and
/// the unit tests), so a row can never shift under its header.
pub fn row<const N: usize>(columns: &[Column; N], pairs: [(&'static str, Cell); N]) -> Row {
    debug_assert!(
        columns.iter().zip(&pairs).all(|(c, (n, _))| c.name == *n),
        "row columns out of order"
    );
    pairs.into_iter().map(|(_, v)| v).collect()
}

/// `schema.md`: every column of every table, from the same definitions as the files.
pub fn markdown(sqlite: bool) -> String {
    let mut s = String::from(
        "# hmip dataset schema\n\n\
         Written by `hmip dataset`. Every table is a CSV file (RFC 4180: a header row, fields \
         with commas, quotes or line breaks quoted, quotes doubled; UTF-8) and, with \
         `--sqlite`, a table of the same name. An empty CSV field is a missing value (SQL \
         NULL). Rows are sorted by `report` (the input path), then in the report's order. \
         `dataset.jsonl` holds one `hmip extract` document per readable report, one per \
         line, in the same order.\n\n\
         Every value equals the corresponding value in the report's `hmip extract` \
         document. Ratings are spelled Outstanding, Good, Requires improvement, \
         Inadequate.\n",
    );
    for t in TABLES {
        let _ = write!(s, "\n## {}\n\n{}\n\n", t.file_name(), t.about);
        if t.primary_key.is_empty() {
            let _ = writeln!(
                s,
                "Key: none unique (SQLite: rowid, indexed on `report`; `report` references \
                 `reports`).\n"
            );
        } else if t.name == REPORTS.name {
            let _ = writeln!(s, "Key: `{}`.\n", t.primary_key.join("`, `"));
        } else {
            let _ = writeln!(
                s,
                "Key: `{}` (`report` references `reports`).\n",
                t.primary_key.join("`, `")
            );
        }
        s.push_str("| column | type | description |\n| --- | --- | --- |\n");
        for c in t.columns {
            let _ = writeln!(s, "| `{}` | {} | {} |", c.name, c.ty.doc(), c.about);
        }
    }
    if sqlite {
        s.push_str("\nThe SQLite file written with `--sqlite` holds these tables, with the types above (true/false as 1/0).\n");
    }
    s
}

/// SQL statements creating every table.
pub fn create_sql() -> String {
    let mut s = String::new();
    for t in TABLES {
        let mut parts: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("\"{}\" {}", c.name, c.ty.sql()))
            .collect();
        if t.name == REPORTS.name {
            if let Some(first) = parts.first_mut() {
                first.push_str(" NOT NULL");
            }
        } else {
            parts.push("FOREIGN KEY (\"report\") REFERENCES reports (\"report\")".to_string());
        }
        if !t.primary_key.is_empty() {
            let key: Vec<String> = t.primary_key.iter().map(|k| format!("\"{k}\"")).collect();
            parts.push(format!("PRIMARY KEY ({})", key.join(", ")));
        }
        let _ = writeln!(
            s,
            "CREATE TABLE {} (\n  {}\n);",
            t.name,
            parts.join(",\n  ")
        );
        if t.primary_key.is_empty() {
            let _ = writeln!(s, "CREATE INDEX {0}_report ON {0} (\"report\");", t.name);
        }
    }
    s
}

/// `INSERT INTO table (columns) VALUES (?1, ...)`.
pub fn insert_sql(t: &Table) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let params: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        t.name,
        cols.join(", "),
        params.join(", ")
    )
}
