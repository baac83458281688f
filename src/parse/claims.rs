//! Claims in the standards' narratives: what each standard's section says in prose about
//! its rating ("We rated assessment of cases as 'Outstanding'") and its key questions ("in
//! 84 per cent of cases the assessment sufficiently analysed how to support ... desistance",
//! "4 of the 6 cases"), so the rules can hold the sentences to the tables.
//!
//! A figure is tied to a key question only when the sentence plainly restates one: one
//! figure, not hedged ("over 80 per cent"), no negation, no wording of a prompt (strengths,
//! victims, contingency, other agencies ...), a word of judgement ("sufficiently",
//! "effectively", "well"), the standard's own activity (assessment, planning, ...) and
//! exactly one subject (desistance; the safety and wellbeing of the child; the risk of
//! harm to others; for joint working, the recommendations or the police) that exactly one
//! of the standard's key questions has. Any other figure is left untied (prompt-level) and
//! is never checked: a missed claim is better than a false error.

use super::common::{has_digit, rating, PResult};
use super::phrase::{count, match_starts, word_end, word_starts, Lowered, Needle};
use crate::framework::{Framework, Kind};
use crate::model::{Claim, ClaimValue, Rating, ResultsTable, Span, Spanned, StandardRow};
use crate::text::{Doc, Para};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space1};
use nom::combinator::{map_opt, map_res, opt, recognize, value, verify};
use nom::multi::many_m_n;
use nom::Parser;

/// What a key question is about, read from its wording or from a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Desistance,
    /// The safety and wellbeing of the child.
    Child,
    /// The risk of harm to others.
    Others,
    /// Joint working: the YOT's recommendations for out-of-court disposals.
    Recommendations,
    /// Joint working: work with the police.
    Police,
}

#[path = "claims_words.rs"]
mod words;
use words::{
    ADVERBS, CHILD, CUES, DESISTANCE, HEDGES, NEGATIONS, OTHERS, POLICE, PROMPT_MARKERS,
    RECOMMENDATIONS,
};

/// Does a word start with `p` (a word or phrase, lower case) somewhere in `s`?
fn has_prefix(s: &str, p: &str) -> bool {
    word_starts(s, p).next().is_some()
}

/// Is `w` a whole word of `s`?
fn has_word(s: &str, w: &str) -> bool {
    match_starts(s, w).any(|at| {
        let before = s.get(..at).and_then(|b| b.chars().next_back());
        let after = s.get(at + w.len()..).and_then(|a| a.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric() && c != '-')
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
    })
}

/// The subjects a piece of text names.
fn subjects(s: &str) -> Vec<Subject> {
    [
        (Subject::Desistance, DESISTANCE),
        (Subject::Others, OTHERS),
        (Subject::Child, CHILD),
        (Subject::Recommendations, RECOMMENDATIONS),
        (Subject::Police, POLICE),
    ]
    .into_iter()
    .filter(|(_, words)| words.iter().any(|w| has_prefix(s, w)))
    .map(|(subject, _)| subject)
    .collect()
}

/// A key question's subject, from its wording: the first that it names, in the order
/// desistance, others, the child, recommendations, the police ("... personalised to the
/// child ..., supporting joint decision-making" is about the recommendations).
fn key_question_subject(text: &str) -> Option<Subject> {
    let lower = text.to_ascii_lowercase();
    if has_prefix(&lower, "desist") {
        return Some(Subject::Desistance);
    }
    if has_prefix(&lower, "other people") || has_prefix(&lower, "others") {
        return Some(Subject::Others);
    }
    let child = has_prefix(&lower, "child") || has_prefix(&lower, "young person");
    let safe = has_prefix(&lower, "safe") || has_prefix(&lower, "wellbeing");
    if child && safe {
        return Some(Subject::Child);
    }
    if has_prefix(&lower, "recommendation") {
        return Some(Subject::Recommendations);
    }
    has_prefix(&lower, "police").then_some(Subject::Police)
}

/// The activity a standard's name names, as word stems: "Assessment" gives "assess",
/// "Planning" "plan", "Implementation and delivery" "implement" and "deliver".
fn stems(name: &str) -> Vec<String> {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(|w| {
            let cut = ["ation", "ment", "ing", "y", "s"]
                .iter()
                .find_map(|suffix| w.strip_suffix(suffix).filter(|r| r.len() >= 4));
            match cut {
                Some(r) => {
                    let b = r.as_bytes();
                    let doubled = matches!(b, [.., x, y] if x == y && !b"aeiouls".contains(x));
                    let r = if doubled {
                        r.get(..r.len() - 1).unwrap_or(r)
                    } else {
                        r
                    };
                    r.to_string()
                }
                None => w.to_string(),
            }
        })
        .collect()
}

/// What the sentences of one standard's section are checked against.
struct Standard<'a> {
    id: &'a str,
    /// Computed from key questions: figures may be tied.
    case: bool,
    stems: Vec<String>,
    /// The other standards of the same domain: their activities' stems.
    others: Vec<String>,
    /// Key questions with a subject.
    kqs: Vec<(String, Subject)>,
}

impl<'a> Standard<'a> {
    fn new(id: &'a str, printed: Option<&str>, fw: &Framework, results: &[ResultsTable]) -> Self {
        let def = fw.standard(id);
        let name = def.map(|d| d.name.as_str()).or(printed).unwrap_or("");
        let domain = def.map_or_else(|| id.split('.').next().unwrap_or(""), |d| d.domain.as_str());
        let others = fw
            .standards
            .iter()
            .filter(|s| s.domain == domain && s.id != id)
            .flat_map(|s| stems(&s.name))
            .collect();
        let mut kqs: Vec<(String, Subject)> = Vec::new();
        let defined = def.map(|d| d.key_questions.as_slice()).unwrap_or_default();
        let printed_kqs = results
            .iter()
            .filter(|t| t.row.id.value == id)
            .flat_map(|t| t.key_questions.iter())
            .filter(|k| !k.is_prompt())
            .map(|k| (k.id.value.as_str(), k.text.as_str()));
        for (kid, text) in defined
            .iter()
            .map(|k| (k.id.as_str(), k.text.as_str()))
            .chain(printed_kqs)
        {
            if kqs.iter().any(|(k, _)| k == kid) {
                continue;
            }
            if let Some(s) = key_question_subject(text) {
                kqs.push((kid.to_string(), s));
            }
        }
        Standard {
            id,
            case: def.is_some_and(|d| d.kind == Kind::Case),
            stems: stems(name),
            others,
            kqs,
        }
    }

    fn names_activity(&self, s: &str) -> bool {
        self.stems.iter().any(|st| has_prefix(s, st))
    }

    /// The key question a sentence restates, when exactly one fits.
    fn tie(&self, lower: &str) -> Option<String> {
        if !self.case || lower.contains('?') || lower.contains("n't") {
            return None;
        }
        if NEGATIONS.iter().any(|w| has_word(lower, w))
            || PROMPT_MARKERS.iter().any(|w| has_prefix(lower, w))
            || !(CUES.iter().any(|w| has_prefix(lower, w)) || has_word(lower, "well"))
        {
            return None;
        }
        // "We assessed that reviewing ...": the inspectors' verb, not the activity.
        let own = lower.replace("we assessed", "we found");
        if !self.names_activity(&own) {
            return None;
        }
        let subjects = subjects(lower);
        let [subject] = subjects.as_slice() else {
            return None;
        };
        let mut fits = self.kqs.iter().filter(|(_, s)| s == subject);
        match (fits.next(), fits.next()) {
            (Some((id, _)), None) => Some(id.clone()),
            _ => None,
        }
    }

    /// Does the text a rating sentence rates ("assessment of cases", "this standard",
    /// "reviewing for desistance, safety and wellbeing, and risk of harm to others") name
    /// this standard as a whole? Its own activity (or "this standard"), no other
    /// standard's, and either no subject or every subject of its key questions.
    fn rates_whole(&self, aspects: &str) -> bool {
        if aspects.split_whitespace().count() > 25
            || aspects.contains(|c: char| c.is_ascii_digit())
            || has_word(aspects, "not")
        {
            return false;
        }
        let this = has_prefix(aspects, "this standard") || has_prefix(aspects, "the standard");
        if !this && !self.names_activity(aspects) {
            return false;
        }
        if self
            .others
            .iter()
            .any(|o| has_prefix(aspects, o) && !self.stems.contains(o))
        {
            return false;
        }
        let named = subjects(aspects);
        named.is_empty() || (self.kqs.len() >= 2 && self.kqs.iter().all(|(_, s)| named.contains(s)))
    }
}

/// `rating_phrase := quote_marks{0,3} (rating | "requiring" ws+ "improvement") word_end`
fn rating_phrase(i: &str) -> PResult<'_, (Rating, usize)> {
    let (rest, _) =
        take_while_m_n(0, 3, |c: char| matches!(c, '\'' | '"' | '*' | ':' | ' ')).parse(i)?;
    let at = i.len() - rest.len();
    let requiring = value(
        Rating::RequiresImprovement,
        (tag("requiring"), space1, tag("improvement")),
    );
    let (rest, (r, _)) = (alt((rating, requiring)), word_end).parse(rest)?;
    Ok((rest, (r, at)))
}

/// `rating_sentence := "we " [adverb " "] ("rated" | "judged") " " aspects (" as " | " to be ") rating_phrase`
/// where `i` starts at "we". Returns the aspects rated, the rating and its offset in `i`.
fn rating_sentence(i: &str) -> PResult<'_, (&str, Rating, usize)> {
    let adverb = map_opt(
        take_while1(|c: char| c.is_ascii_alphabetic() || c == ','),
        |w: &str| ADVERBS.contains(&w.trim_end_matches(',')).then_some(()),
    );
    let (rest, _) = (
        tag("we "),
        opt((adverb, char(' '))),
        alt((tag("rated "), tag("judged "))),
    )
        .parse(i)?;
    let seps = [" as ", " to be "];
    for (at, sep) in seps
        .iter()
        .flat_map(|sep| match_starts(rest, sep).map(move |at| (at, *sep)))
    {
        let Some(after) = rest.get(at + sep.len()..) else {
            continue;
        };
        if let Ok((tail, (r, off))) = rating_phrase(after) {
            let aspects = rest.get(..at).unwrap_or("");
            let base = i.len() - after.len();
            return Ok((tail, (aspects, r, base + off)));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// `passive_rating := ("was " | "is " | "were " | "has been ") ("rated" | "judged") (" as " | " to be ") rating_phrase`
/// where `i` starts at the verb and `before` is the sentence before it (the aspects).
fn passive_rating<'a>(before: &str, i: &'a str) -> PResult<'a, (Rating, usize)> {
    let aux = ["was ", "is ", "were ", "has been "];
    if !aux.iter().any(|a| before.ends_with(a)) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, _) = (
        alt((tag("rated"), tag("judged"))),
        alt((tag(" as "), tag(" to be "))),
    )
        .parse(i)?;
    let (tail, (r, off)) = rating_phrase(rest)?;
    Ok((tail, (r, i.len() - rest.len() + off)))
}

/// The standard's rating a sentence states, and its offset.
fn rating_claim(std: &Standard<'_>, lower: &str) -> Option<(Rating, usize)> {
    // Both forms need the verb: most sentences have neither.
    static RATED: Needle = Needle::new("rated");
    static JUDGED: Needle = Needle::new("judged");
    if !RATED.is_in(lower) && !JUDGED.is_in(lower) {
        return None;
    }
    for at in word_starts(lower, "we ") {
        let Some(rest) = lower.get(at..) else {
            continue;
        };
        if let Ok((_, (aspects, r, off))) = rating_sentence(rest) {
            if std.rates_whole(aspects) {
                return Some((r, at + off));
            }
        }
    }
    for verb in ["rated", "judged"] {
        for at in match_starts(lower, verb) {
            let before = lower.get(..at).unwrap_or("");
            let Some(rest) = lower.get(at..) else {
                continue;
            };
            if let Ok((_, (r, off))) = passive_rating(before, rest) {
                if std.rates_whole(before) {
                    return Some((r, at + off));
                }
            }
        }
    }
    None
}

/// `percent_figure := digit{1,3} ["." digit+] (" "? "%" | " per cent" | " percent")`
fn percent_figure(i: &str) -> PResult<'_, f64> {
    let number = map_res(
        recognize((
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            opt((char('.'), digit1)),
        )),
        |n: &str| n.parse::<f64>(),
    );
    let sign = alt((
        tag("%"),
        tag(" %"),
        tag(" per cent"),
        tag(" per-cent"),
        tag(" percent"),
    ));
    let (rest, (p, _)) = (number, sign).parse(i)?;
    let (rest, _) = word_end(rest)?;
    Ok((rest, p))
}

/// `cases_figure := count [" out"] " of " ["the "] count " " {word " "}0..2 ("cases" | "case")`
/// ("11 of the 50 cases", "four out of six post-court cases"). Returns (N, M).
fn cases_figure(i: &str) -> PResult<'_, (u32, u32)> {
    let (rest, ((n, _), _, _, _, (m, _), _)) = (
        count,
        opt(tag(" out")),
        tag(" of "),
        opt(tag("the ")),
        count,
        char(' '),
    )
        .parse(i)?;
    let word = take_while1(|c: char| c.is_ascii_alphabetic() || c == '-');
    let not_cases = verify(word, |w: &str| !w.starts_with("case"));
    let (rest, _) = many_m_n(0, 2, (not_cases, char(' '))).parse(rest)?;
    let (rest, _) = (alt((tag("cases"), tag("case"))), word_end).parse(rest)?;
    Ok((rest, (n, m)))
}

/// A figure in a sentence.
struct Figure {
    at: usize,
    value: ClaimValue,
    /// Hedged ("over 80 per cent"): never checked.
    approx: bool,
}

/// Where " of " starts in `b`, left to right without overlaps (as a substring search
/// gives them): found by memchr at its "f", rare in English, instead of a searcher set up
/// for every sentence.
fn of_positions(b: &[u8]) -> smallvec::SmallVec<[usize; 8]> {
    let mut out = smallvec::SmallVec::new();
    let mut free_from = 0;
    for f in memchr::memchr_iter(b'f', b) {
        let Some(at) = f.checked_sub(2) else { continue };
        if at >= free_from && b.get(at..at + 4) == Some(b" of ") {
            out.push(at);
            free_from = at + 4;
        }
    }
    out
}

/// Can a figure open with the digit at `at`? Both kinds say what follows the number: a
/// percentage's digits (and decimals) then "%", " %" or " per…" (`percent_figure`), a
/// count's word then " of" or " out of" (`cases_figure`). So the run of letters, digits
/// and points from `at` must end at "%" or at a space before "%", "p" or "o"; the
/// numbers of a count table, dates and ids mostly do not, and are passed over without
/// the parsers.
fn figure_may_follow(b: &[u8], at: usize) -> bool {
    let run = b.get(at..).unwrap_or_default();
    let len = run
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'.'))
        .unwrap_or(run.len());
    matches!(
        run.get(len..),
        Some([b'%', ..] | [b' ', b'%' | b'p' | b'o', ..])
    )
}

/// Every figure in a lower-cased sentence.
fn figures(lower: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    // Where " of " stands: a figure that opens with a number word ends its first word
    // there, within 24 bytes of its start ("two of the six").
    let bytes = lower.as_bytes();
    let ofs = of_positions(bytes);
    let mut next_of = 0usize;
    let mut pos = 0usize;
    // A figure opens with a digit, or with a number word a few words before " of ": the
    // bytes up to 20 before each " of " are all tried, and between them only digits.
    while pos < bytes.len() {
        while ofs.get(next_of).is_some_and(|&p| p < pos) {
            next_of += 1;
        }
        let near_from = ofs
            .get(next_of)
            .map_or(bytes.len(), |&p| p.saturating_sub(20));
        if pos < near_from {
            let gap = bytes.get(pos..near_from).unwrap_or_default();
            match gap.iter().position(u8::is_ascii_digit) {
                Some(d) => pos += d,
                None => {
                    pos = near_from;
                    continue;
                }
            }
        }
        let at = pos;
        pos += 1;
        if bytes.get(at).is_some_and(u8::is_ascii_digit) {
            // A digit inside a number or word ("2020", "x2", "1.5") opens no figure (the
            // test on characters below says so too; this one is by byte), and one that
            // opens a number does only when what a figure needs follows it.
            let prev = at.checked_sub(1).and_then(|p| bytes.get(p));
            if prev.is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'.')
                || !figure_may_follow(bytes, at)
            {
                continue;
            }
        }
        let c = match lower.get(at..).and_then(|r| r.chars().next()) {
            Some(c) => c,
            None => continue,
        };
        let before = lower.get(..at).unwrap_or("");
        let prev = before.chars().next_back();
        if !c.is_alphanumeric() || prev.is_some_and(|p| p.is_alphanumeric() || p == '.') {
            continue;
        }
        let Some(rest) = lower.get(at..) else {
            continue;
        };
        // Hedged ("over 80 per cent"): looked at only where a figure starts.
        let approx = || {
            let mut last = before.split_whitespace().rev();
            let last1 = last.next().unwrap_or("");
            let last2 = format!("{} {last1}", last.next().unwrap_or(""));
            HEDGES.contains(&last1) || HEDGES.contains(&last2.as_str())
        };
        if let Ok((_, p)) = percent_figure(rest) {
            if p <= 100.0 {
                out.push(Figure {
                    at,
                    value: ClaimValue::Percent(p),
                    approx: approx(),
                });
            }
        } else if let Ok((_, (n, m))) = cases_figure(rest) {
            // "all but 2 of the 28 cases" is 26 of 28.
            let all_but = before.ends_with("all but ");
            let n = if all_but { m.checked_sub(n) } else { Some(n) };
            if let Some(n) = n.filter(|n| m > 0 && *n <= m) {
                out.push(Figure {
                    at,
                    value: ClaimValue::Count(n, m),
                    approx: approx(),
                });
            }
        }
    }
    out
}

/// The sentences of a paragraph, with their byte offsets: split after ".", "?" or "!"
/// followed by a space and a capital, a digit or an opening quote.
fn sentences(text: &str) -> smallvec::SmallVec<[(usize, &str); 8]> {
    let mut out = smallvec::SmallVec::new();
    let mut start = 0;
    // The three stops are ASCII: found by byte, never inside a character.
    for i in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
        let next = text.get(i + 1..).unwrap_or("");
        let after = next.trim_start();
        let opens = after.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\'' | '(')
        });
        if next.starts_with(' ') && opens {
            if let Some(s) = text.get(start..=i) {
                out.push((start, s));
            }
            start = i + 1 + (next.len() - after.len());
        }
    }
    if let Some(s) = text.get(start..).filter(|s| !s.trim().is_empty()) {
        out.push((start, s));
    }
    out
}

/// Could `lower` (lower-cased text) hold a claim? A rating claim needs "rated" or
/// "judged"; a figure opens with a digit, or is a count in words of "case(s)". Text with
/// none of them (most prose) is not searched further.
fn may_claim(lower: &str) -> bool {
    static CASE: Needle = Needle::new("case");
    static RATED: Needle = Needle::new("rated");
    static JUDGED: Needle = Needle::new("judged");
    has_digit(lower) || CASE.is_in(lower) || RATED.is_in(lower) || JUDGED.is_in(lower)
}

/// The claims of one sentence of a standard's section, given with its lower-cased copy.
fn sentence_claims(
    std: &Standard<'_>,
    sentence: &str,
    lower: &str,
    at: impl Fn(usize) -> Span,
) -> Vec<Claim> {
    if !may_claim(lower) {
        return Vec::new();
    }
    let claim = |key_question: Option<String>, value: ClaimValue, off: usize| Claim {
        standard: std.id.to_string(),
        key_question,
        value: Spanned::new(value, at(off)),
        sentence: sentence.trim().to_string(),
    };
    let mut out = Vec::new();
    if let Some((r, off)) = rating_claim(std, lower) {
        out.push(claim(None, ClaimValue::Rating(r), off));
    }
    let figs = figures(lower);
    let tie = match figs.as_slice() {
        [one] if !one.approx => std.tie(lower),
        _ => None,
    };
    for f in figs {
        out.push(claim(tie.clone(), f.value, f.at));
    }
    out
}

/// Is this row a heading that closes a standard's section: a domain heading ("3.
/// Out-of-court disposals") or the domain's "Summary" / "Strengths:"?
fn closes_section(row: &crate::text::Row) -> bool {
    let Some(seg) = row.single() else {
        return false;
    };
    let t = seg.text.trim().trim_end_matches(':');
    if t.eq_ignore_ascii_case("summary") || t.eq_ignore_ascii_case("strengths") {
        return true;
    }
    let b = t.as_bytes();
    let numbered =
        matches!(b, [d, b'.', b' ', c, ..] if d.is_ascii_digit() && c.is_ascii_uppercase());
    numbered && t.split_whitespace().count() <= 6 && !t.ends_with('.')
}

/// The index of the row a line starts (or the first row after it). The normaliser's rows
/// are in line order, so a binary search; linear when they are not.
fn row_of(doc: &Doc, sorted: bool, line: u32) -> Option<usize> {
    if sorted {
        let i = doc.rows.partition_point(|r| r.line < line);
        return (i < doc.rows.len()).then_some(i);
    }
    doc.rows
        .iter()
        .position(|r| r.line == line)
        .or_else(|| doc.rows.iter().position(|r| r.line > line))
}

/// Each standard's section in the body: from its heading to the next heading, domain
/// heading or domain summary, and at most to `end`. A standard headed twice is left out.
fn sections<'a>(
    doc: &Doc,
    body: &'a [StandardRow],
    end: usize,
) -> Vec<(&'a StandardRow, usize, usize)> {
    let sorted = doc
        .rows
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.line <= b.line));
    let mut starts: Vec<(&StandardRow, usize)> = body
        .iter()
        .filter(|r| body.iter().filter(|o| o.id.value == r.id.value).count() == 1)
        .filter_map(|r| Some((r, row_of(doc, sorted, r.id.span.line)?)))
        .collect();
    starts.sort_by_key(|(_, at)| *at);
    let heads: Vec<usize> = body
        .iter()
        .filter_map(|r| row_of(doc, sorted, r.id.span.line))
        .collect();
    starts
        .iter()
        .map(|(row, at)| {
            let next_head = heads
                .iter()
                .copied()
                .filter(|h| h > at)
                .min()
                .unwrap_or(end);
            let close = (at + 1..next_head.min(end))
                .find(|&i| doc.rows.get(i).is_some_and(closes_section))
                .unwrap_or(next_head);
            (*row, *at, close.min(end))
        })
        .collect()
}

/// `claims := { standard_heading { rating_sentence | passive_rating | percent_figure | cases_figure | prose } }`:
/// the claims of every standard's section, in the order of the text.
pub fn claims(
    doc: &Doc,
    paras: &[Para<'_>],
    fw: &Framework,
    body: &[StandardRow],
    results: &[ResultsTable],
    end: usize,
    lowered: &Lowered,
) -> Vec<Claim> {
    let secs: Vec<(Standard<'_>, usize, usize)> = sections(doc, body, end)
        .into_iter()
        .map(|(row, start, stop)| {
            let printed = row.name.as_ref().map(|n| n.value.as_str());
            (
                Standard::new(&row.id.value, printed, fw, results),
                start,
                stop,
            )
        })
        .collect();
    let mut out = Vec::new();
    for (i, para) in paras.iter().enumerate() {
        let Some((std, _, _)) = secs
            .iter()
            .find(|(_, start, stop)| (*start..*stop).contains(&para.first_row))
        else {
            continue;
        };
        // Table rows (several cells) are not narrative.
        if doc
            .rows
            .get(para.first_row)
            .is_none_or(|r| r.cells.len() != 1)
        {
            continue;
        }
        // The paragraph lower-cased (ASCII: the same byte offsets), its sentences
        // searched in slices of it.
        let lower = lowered.get(i);
        if !may_claim(lower) {
            continue;
        }
        for (off, sentence) in sentences(&para.text) {
            let low = lower.get(off..off + sentence.len()).unwrap_or("");
            out.extend(sentence_claims(std, sentence, low, |b| {
                para.span_at(off + b)
            }));
        }
    }
    out
}

#[cfg(test)]
#[path = "claims_tests.rs"]
mod tests;
