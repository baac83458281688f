//! The results part in the 2020+ layout: each case-based standard's section in the body
//! prints its key questions with case counts instead of an annex of percentages:
//!
//! ```text
//! Our rating7 for assessment is based on the following key questions:
//! Of the 6 cases inspected:   Relevant cases   Number 'Yes'
//! Does assessment sufficiently analyse how to support the
//! child's desistance?
//! 6 6
//! ```
//!
//! then, after some prose, a prompt-level table per key question, headed by the key
//! question's wording and "Of the 6 cases with factors related to keeping the child safe:".
//! Read as tokens: a question runs from its first words to its question mark, and the two
//! counts it owns are the ones inside that run or right after it, wherever a tool put the
//! line breaks (before the question, on its first line, after it, one cell per line, in a
//! Markdown table). A table whose counts are not beside their questions (a tool that wrote
//! the columns one after the other) is a reading issue: the order of the counts cannot be
//! told. Footnote numbers glued to words ("rating7", "safe?12") and footnote texts that a
//! page break put inside a table never leak into values.

use super::common::has_digit;
use super::tokens::{name_like, Cache, Kind, Read, Token};
use crate::framework::{Framework, Kind as StandardKind};
use crate::model::{KeyQuestion, Part, Place, ReadIssue, ResultsTable, Span, Spanned, StandardRow};

/// `cases_line := "Of the" number ("case" | "cases") text ":"` → the number. The text may
/// wrap, so the colon can be on a following line.
pub fn cases_line(flat: &str) -> Option<u32> {
    let rest = flat.strip_prefix("Of the ")?;
    let (n, rest) = rest.split_once(' ')?;
    let n: u32 = n.parse().ok()?;
    let rest = rest.trim_end();
    // "Of the 5 with factors related to …" (the word "cases" is sometimes missing).
    let head = rest.split(':').next().unwrap_or(rest);
    let prose = head.contains(['.', ',', ';']) || head.split_whitespace().count() > 20;
    (!prose).then_some(n)
}

/// `column_heading := "Key question" | "Relevant" | "cases" | "Number" | "'Yes'" | "Relevant cases" | "Number 'Yes'" | "% 'Yes'"`
/// (a table from HTML may head its question column "Key question").
pub fn column_heading(text: &str) -> bool {
    let t = text.trim().trim_matches(['\'', '"']);
    // No heading is longer than "relevant cases"; a longer text is compared only at its
    // start. Both in place, without a lowered copy (every text row of a count table is
    // tried).
    const HEADINGS: [&str; 8] = [
        "key question",
        "relevant",
        "cases",
        "number",
        "yes",
        "relevant cases",
        "number 'yes",
        "% 'yes",
    ];
    let short =
        t.len() <= "relevant cases".len() && HEADINGS.iter().any(|h| t.eq_ignore_ascii_case(h));
    let starts = |p: &str| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    short || starts("relevant cases number") || starts("key question relevant cases")
}

/// `our_rating_line := "Our rating" [digits] "for" text "key questions:"` (the line may wrap
/// before "key questions").
pub fn our_rating_line(text: &str) -> bool {
    let rest = text.strip_prefix("Our rating").unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    text.starts_with("Our rating") && (rest.is_empty() || rest.starts_with(" for "))
}

/// Footnote numbers glued to the end of a word ("rating7", "inspected:15", "safe?12").
fn glued_marker(text: &str) -> Vec<u32> {
    if !has_digit(text) {
        return Vec::new();
    }
    text.split_whitespace()
        // Only a word that ends in a digit can carry one (most words are passed over by
        // their last byte).
        .filter(|w| w.as_bytes().last().is_some_and(u8::is_ascii_digit))
        .filter_map(|w| {
            let head = w.trim_end_matches(|c: char| c.is_ascii_digit());
            let digits = w.get(head.len()..)?;
            let glued = !head.is_empty()
                && head.ends_with(|c: char| c.is_alphabetic() || "?:.)".contains(c));
            (glued && (1..=2).contains(&digits.len()))
                .then(|| digits.parse().ok())
                .flatten()
        })
        .collect()
}

/// Removes footnote numbers glued after a question mark or colon ("safe?12" → "safe?").
fn strip_footnote_digits(s: &str) -> &str {
    let t = s.trim_end();
    let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if head.len() < t.len() && head.ends_with(['?', ':', '.']) {
        head
    } else {
        t
    }
}

/// A sentence, not a question: it ends with a full stop, or one stands inside it.
fn prose(text: &str) -> bool {
    let t = text.trim_end();
    (t.ends_with('.') && !t.ends_with("etc.")) || t.contains(". ")
}

/// A footnote's text: its number, a space, a capital ("7 The rating for the standard …").
fn footnote_text(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && text.as_bytes().get(digits) == Some(&b' ')
        && text
            .get(digits + 1..)
            .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
}

/// The letters and digits of `s`, lower-cased (ASCII without the Unicode tables).
fn norm(s: &str) -> String {
    if s.is_ascii() {
        // Bytes, without decoding characters: the text since the last table is long.
        let mut out = Vec::with_capacity(s.len());
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A question of a count table, with what was read for it.
#[derive(Debug, Default)]
struct Question {
    text: String,
    span: Span,
    counts: Vec<(u32, Span)>,
    percent: Option<Spanned<f64>>,
    open: bool,
}

/// Which table is being read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Table {
    /// The key questions' own table.
    KeyQuestions,
    /// The prompt table of key question `usize` (index among the key questions).
    Prompts(usize),
}

/// The state of reading one standard's section.
struct Reader<'f> {
    fw: &'f Framework,
    tables: Vec<ResultsTable>,
    issues: Vec<ReadIssue>,
    /// The case-based standard whose section is being read.
    current: Option<usize>,
    expect_key_questions: bool,
    table: Option<Table>,
    header_open: bool,
    in_footnote: bool,
    questions: Vec<Question>,
    /// Counts with no question to take them.
    stray: usize,
    /// The last token was a count with no question to take it (a footnote's number?).
    last_stray: bool,
    /// Text since the last table: the key question a prompt table restates.
    restated: String,
    next_prompts: usize,
    markers: Vec<u32>,
}

/// The count tables of the body and what could not be read of them.
pub struct CountsOut {
    pub tables: Vec<ResultsTable>,
    pub issues: Vec<ReadIssue>,
}

/// `count_tables := { section_heading { our_rating_line cases_line column_heading* { question count count } | prose | cases_line ... } }`
///
/// Rows are read through a cache shared with the body's headings.
pub fn count_tables(
    cache: &mut Cache<'_, '_>,
    fw: &Framework,
    start: usize,
    end: usize,
) -> CountsOut {
    let end = end.min(cache.doc().rows.len());
    cache.with_tokens(start..end, Read { counts: true }, |toks| {
        read_counts(toks, fw)
    })
}

/// The count tables in the body's tokens.
fn read_counts(toks: &[Token<'_>], fw: &Framework) -> CountsOut {
    let mut r = Reader {
        fw,
        tables: Vec::new(),
        issues: Vec::new(),
        current: None,
        expect_key_questions: false,
        table: None,
        header_open: false,
        in_footnote: false,
        questions: Vec::new(),
        stray: 0,
        last_stray: false,
        restated: String::new(),
        next_prompts: 0,
        markers: Vec::new(),
    };
    for t in toks {
        r.token(t);
    }
    r.finish_table();
    CountsOut {
        tables: r.tables,
        issues: r.issues,
    }
}

impl Reader<'_> {
    fn token(&mut self, t: &Token) {
        let last_stray = std::mem::take(&mut self.last_stray);
        if last_stray && t.is_text() && !strip_footnote_digits(&t.text).ends_with('?') {
            // "14" on a line of its own, then "The rating for the standard …": a footnote,
            // whose lines run on until its full stop.
            self.stray = self.stray.saturating_sub(1);
            self.in_footnote = !t.text.trim_end().ends_with('.');
            return;
        }
        if let Kind::Standard(id) = &t.kind {
            if t.new_row && name_like(&t.text) {
                return self.section(id, t.span);
            }
        }
        if self.current.is_none() {
            return;
        }
        match &t.kind {
            Kind::Text => self.text(t),
            Kind::Number(n) => self.number(*n, t.span),
            Kind::Percent(p) if self.table.is_some() => {
                if let Some(q) = self.questions.last_mut() {
                    q.percent = Some(Spanned::new(*p, t.span));
                }
            }
            _ => {}
        }
    }

    fn section(&mut self, id: &str, span: Span) {
        self.finish_table();
        self.current = None;
        self.expect_key_questions = false;
        self.restated.clear();
        self.next_prompts = 0;
        if self
            .fw
            .standard(id)
            .is_some_and(|s| s.kind == StandardKind::Case)
        {
            self.tables.push(ResultsTable {
                row: StandardRow {
                    id: Spanned::new(id.to_string(), span),
                    name: None,
                    rating: None,
                    place: Place::Body,
                },
                key_questions: Vec::new(),
                cases_inspected: None,
            });
            self.current = Some(self.tables.len() - 1);
        }
    }

    fn text(&mut self, t: &Token) {
        let text = t.text.trim();
        self.markers.extend(glued_marker(text));
        if our_rating_line(text) {
            self.finish_table();
            self.expect_key_questions = true;
            return;
        }
        if let Some(n) = cases_line(text) {
            return self.open_table(n, t.span, text.contains(':'));
        }
        if column_heading(text) {
            return;
        }
        if self.table.is_none() {
            self.restated.push(' ');
            self.restated.push_str(text);
            return;
        }
        if self.header_open {
            // "Of the 6 cases where there were changes in factors" / "related to desistance:"
            self.header_open = false;
            if text.starts_with(|c: char| c.is_lowercase()) {
                self.header_open = !text.contains(':');
                return;
            }
        }
        if footnote_text(text) {
            // "7 The rating for the standard …": its lines run on until its full stop.
            self.in_footnote = !text.trim_end().ends_with('.');
            return;
        }
        let open = self.questions.last().is_some_and(|q| q.open);
        let ends_question = strip_footnote_digits(text).ends_with('?');
        if self.in_footnote {
            let lower = text.starts_with(|c: char| c.is_lowercase());
            if lower && open && ends_question {
                // The end of a question that a page break cut: "… keep other" / footnote /
                // "people safe?".
                self.in_footnote = false;
                return self.append(text);
            }
            if lower {
                self.in_footnote = !text.trim_end().ends_with('.');
                return;
            }
            self.in_footnote = false;
        }
        if !open {
            self.questions.push(Question {
                text: String::new(),
                span: t.span,
                open: true,
                ..Question::default()
            });
        }
        self.append(text);
        if self.questions.last().is_some_and(|q| prose(&q.text)) {
            // Prose after the table ("We rated …. In every case …"): the table is over.
            if let Some(q) = self.questions.pop() {
                self.finish_table();
                self.restated = q.text;
            }
        }
    }

    fn append(&mut self, text: &str) {
        let Some(q) = self.questions.last_mut() else {
            return;
        };
        let piece = strip_footnote_digits(text);
        if !q.text.is_empty() && !q.text.ends_with('-') {
            q.text.push(' ');
        }
        q.text.push_str(piece);
        if piece.ends_with('?') {
            q.open = false;
        }
        // A line of prose that never ends in a question is no question.
        if q.text.len() > 600 {
            q.open = false;
        }
    }

    fn number(&mut self, n: u32, span: Span) {
        if self.table.is_none() || self.in_footnote {
            return;
        }
        let full = self.questions.last().is_none_or(|q| q.counts.len() >= 2);
        if full {
            // A footnote's number on a line of its own is no count.
            if let Some(i) = self.markers.iter().position(|m| *m == n) {
                self.markers.remove(i);
                // Its text follows: treated as a footnote like a stray number's.
                self.last_stray = true;
                self.stray += 1;
                return;
            }
            self.stray += 1;
            self.last_stray = true;
            return;
        }
        if let Some(q) = self.questions.last_mut() {
            q.counts.push((n, span));
        }
    }

    fn open_table(&mut self, cases: u32, span: Span, complete: bool) {
        // A question without counts just before a table's heading is the key question
        // the next table restates, not a row of this one.
        if self.questions.last().is_some_and(|q| q.counts.is_empty()) {
            if let Some(q) = self.questions.pop() {
                self.restated = q.text;
            }
        }
        let restated = std::mem::take(&mut self.restated);
        self.finish_table();
        self.restated = restated;
        let table = if self.expect_key_questions {
            self.expect_key_questions = false;
            if let Some(t) = self.current.and_then(|c| self.tables.get_mut(c)) {
                t.cases_inspected.get_or_insert(Spanned::new(cases, span));
            }
            Table::KeyQuestions
        } else {
            let k = self.restated_key_question().unwrap_or(self.next_prompts);
            self.next_prompts = k + 1;
            Table::Prompts(k)
        };
        self.restated.clear();
        self.table = Some(table);
        self.header_open = !complete;
    }

    /// The key question whose wording the text before a prompt table restates.
    fn restated_key_question(&self) -> Option<usize> {
        let q = norm(&self.restated);
        let table = self.current.and_then(|c| self.tables.get(c))?;
        table
            .key_questions
            .iter()
            .filter(|k| !k.is_prompt())
            .map(|k| norm(&k.text))
            .position(|x| !q.is_empty() && !x.is_empty() && (q.ends_with(&x) || x.contains(&q)))
    }

    fn finish_table(&mut self) {
        let Some(kind) = self.table.take() else {
            return;
        };
        self.header_open = false;
        self.in_footnote = false;
        let questions = std::mem::take(&mut self.questions);
        let stray = std::mem::take(&mut self.stray);
        let Some(ti) = self.current else { return };
        let paired = stray == 0 && questions.iter().all(|q| q.counts.len() == 2);
        if !paired {
            let sid = self.tables.get(ti).map(|t| t.row.id.value.clone());
            let at = questions.first().map(|q| q.span).unwrap_or_default();
            self.issues.push(ReadIssue {
                part: Part::Results,
                span: at,
                message: format!(
                    "a count table of {} could not be read: its counts are not beside its {} questions in this text, so which count is whose cannot be told",
                    sid.as_deref().unwrap_or("a standard"),
                    questions.len()
                ),
                standard: sid,
            });
        }
        let Some(table) = self.tables.get_mut(ti) else {
            return;
        };
        let sid = table.row.id.value.clone();
        let own = table
            .key_questions
            .iter()
            .filter(|k| !k.is_prompt())
            .count();
        let mut letter = 0u8;
        for (i, q) in questions.into_iter().enumerate() {
            let (id, prompt) = match kind {
                Table::KeyQuestions => (format!("{sid}.{}", own + i + 1), None),
                Table::Prompts(k) => {
                    let kq = format!("{sid}.{}", k + 1);
                    let p = format!("{kq}.{}", char::from(b'a' + letter.min(25)));
                    letter = letter.saturating_add(1);
                    (kq, Some(p))
                }
            };
            let counts = match (paired, q.counts.as_slice()) {
                (true, [(n, ns), (y, ys)]) => Some((Spanned::new(*n, *ns), Spanned::new(*y, *ys))),
                _ => None,
            };
            table.key_questions.push(KeyQuestion {
                id: Spanned::new(id, q.span),
                prompt,
                text: q.text,
                printed_percent: q.percent.filter(|_| paired),
                relevant: counts.as_ref().map(|c| c.0.clone()),
                yes: counts.map(|c| c.1),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn norm_of_ascii_is_norm_of_any_text() {
        let general = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        for s in ["Does the 6.6 Plan?", "", "A-B c_D 12", "Ünïcode Café 7"] {
            assert_eq!(norm(s), general(s), "{s:?}");
        }
    }

    #[test]
    fn pieces() {
        assert_eq!(cases_line("Of the 6 cases inspected: Relevant"), Some(6));
        assert_eq!(
            cases_line("Of the 1 case with youth conditional cautions:"),
            Some(1)
        );
        assert_eq!(cases_line("Of the cases inspected, most"), None);
        assert_eq!(strip_footnote_digits("inspected:15"), "inspected:");
        assert_eq!(
            glued_marker("Our rating7 for x safe?12 and 2019"),
            vec![7, 12]
        );
        assert!(footnote_text("7 The rating for the standard"));
        assert!(!footnote_text("6 4"));
    }

    /// (key question, prompt, relevant, yes) of each row read.
    type Rows = Vec<(String, Option<String>, u32, u32)>;

    fn read(text: &str) -> (Rows, usize) {
        let doc = normalise(text);
        let fw = Framework::by_id("youth-2018").unwrap();
        let out = count_tables(&mut Cache::new(&doc), fw, 0, doc.rows.len());
        let k = out
            .tables
            .iter()
            .flat_map(|t| t.key_questions.iter())
            .filter_map(|k| {
                Some((
                    k.id.value.clone(),
                    k.prompt.clone(),
                    k.relevant.as_ref()?.value,
                    k.yes.as_ref()?.value,
                ))
            })
            .collect();
        (k, out.issues.len())
    }

    const SECTION: &str = "2.3. Implementation and delivery \n\nHigh-quality services are delivered. \n\nRequires \nimprovement \n\nOur rating11 for implementation and delivery is based on the following key questions: \n\nOf the 5 cases inspected: \nRelevant \n\ncases \nNumber \n\n\u{2018}Yes\u{2019} \n\nDoes the implementation support the child\u{2019}s desistance? \n\n5 5 \n\nDoes the implementation support the safety \nof the child?12 \n\n5 3 \n\nSome prose follows. \n Does the implementation support the child\u{2019}s \ndesistance? \n\nOf the 5 cases inspected: \nRelevant \n\nIs the work sequenced? \n\n5 4 \n\nIs it timely?\n\n3 2 \n";

    fn want() -> Vec<(String, Option<String>, u32, u32)> {
        vec![
            ("2.3.1".into(), None, 5, 5),
            ("2.3.2".into(), None, 5, 3),
            ("2.3.1".into(), Some("2.3.1.a".into()), 5, 4),
            ("2.3.1".into(), Some("2.3.1.b".into()), 3, 2),
        ]
    }

    #[test]
    fn a_section() {
        assert_eq!(read(SECTION), (want(), 0));
    }

    #[test]
    fn counts_on_the_first_line_of_a_question_and_footnotes_inside() {
        let text = SECTION
            .replace("Does the implementation support the safety \nof the child?12 \n\n5 3 \n", "Does the implementation support the safety      5     3\n12\nThe rating for the standard is driven by the lowest score, placed in a rating\nband. See Annexe 1.\nof the child?\n")
            .replace("Is the work sequenced? \n\n5 4 \n", "| Is the work sequenced? | 5 | 4 |\n");
        assert_eq!(read(&text), (want(), 0));
    }

    #[test]
    fn a_key_question_column_heading_is_no_question() {
        let text = SECTION
            .replace(
                "Of the 5 cases inspected: \nRelevant \n\ncases \nNumber \n\n\u{2018}Yes\u{2019} \n\nDoes the implementation support the child\u{2019}s desistance? \n\n5 5 \n",
                "Of the 5 cases inspected:\n\nKey question\tRelevant cases\tNumber \u{2018}Yes\u{2019}\nDoes the implementation support the child\u{2019}s desistance?\t5\t5\n",
            );
        assert_ne!(text, SECTION);
        let doc = normalise(&text);
        let fw = Framework::by_id("youth-2018").unwrap();
        let out = count_tables(&mut Cache::new(&doc), fw, 0, doc.rows.len());
        let first = out
            .tables
            .iter()
            .flat_map(|t| t.key_questions.iter())
            .next();
        assert_eq!(
            first.map(|k| k.text.as_str()),
            Some("Does the implementation support the child's desistance?")
        );
        assert_eq!(read(&text), (want(), 0));
    }

    #[test]
    fn counts_in_a_column_block_are_not_guessed() {
        let text = SECTION.replace(
            "Does the implementation support the child\u{2019}s desistance? \n\n5 5 \n\nDoes the implementation support the safety \nof the child?12 \n\n5 3 \n",
            "Does the implementation support the child\u{2019}s desistance? \nDoes the implementation support the safety \nof the child?12 \n5\n5\n5\n3\n",
        );
        let (got, issues) = read(&text);
        assert_eq!(issues, 1);
        assert!(got.iter().all(|k| k.1.is_some()), "{got:?}");
    }
}
