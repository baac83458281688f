//! Cells to tokens: what each piece of a table means, read from its content, not from where
//! a tool put its line breaks. A cell "2.1.1. Does assessment … or 84%" is a key question
//! and a percentage; "1.1 Governance and leadership Requires improvement" a standard, its
//! name and a rating; "6 6" two counts; "Requires" … "improvement" over three rows (or
//! "R equires impr ovement" in one) a rating. The part parsers then pair entries with
//! values whatever the order the tool wrote them in.

use super::common::{has_digit, key_question_start, percent_cell, standard_start, PResult};
use crate::model::{Rating, Span};
use crate::text::scan::any_byte;
use crate::text::{Cell, Doc, Row};
use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'d> {
    /// A standard id opening a cell ("2.1"); the token's text is what follows it.
    Standard(&'d str),
    /// A key-question id opening a cell ("2.1.1"); the token's text is the question.
    KeyQuestion(&'d str),
    Rating(Rating),
    Percent(f64),
    /// A bare whole number of at most four digits (a case count, a page number).
    Number(u32),
    Text,
}

#[derive(Debug, Clone, PartialEq)]
/// A token borrows the document's text; only a rating read across a multi-paragraph cell
/// owns its text.
pub struct Token<'d> {
    pub kind: Kind<'d>,
    pub text: Cow<'d, str>,
    pub span: Span,
    /// Where `text` starts: after the id for a standard or key question, else `span`.
    pub text_span: Span,
    /// Index of the row the token came from (a u32 keeps a token to 72 bytes).
    pub row: u32,
    /// The token opens its row.
    pub new_row: bool,
    /// A blank row (or the start of a page) came before the token's row.
    pub blank_before: bool,
}

impl Token<'_> {
    pub fn is_text(&self) -> bool {
        self.kind == Kind::Text
    }

    pub fn rating(&self) -> Option<Rating> {
        match self.kind {
            Kind::Rating(r) => Some(r),
            _ => None,
        }
    }
}

/// Options for reading a region's cells.
#[derive(Debug, Clone, Copy, Default)]
pub struct Read {
    /// Split trailing case counts off text ("… support the 6 6"): only where count tables
    /// are read.
    pub counts: bool,
}

/// The four ratings, squashed to letters: a rating whatever spaces, hyphens or line
/// breaks a tool put inside it ("R equires impr ovement", "Requires im-provement").
const SQUASHED: [(&str, Rating); 4] = [
    ("outstanding", Rating::Outstanding),
    ("good", Rating::Good),
    ("requiresimprovement", Rating::RequiresImprovement),
    ("inadequate", Rating::Inadequate),
];

/// `loose_rating := rating` with any spaces, hyphens, quotes, emphasis marks or a
/// decorative symbol around or inside it: a whole cell that is a rating.
pub fn loose_rating(s: &str) -> Option<Rating> {
    if s.len() > 60 {
        return None;
    }
    // The letters, lowered, into a buffer the length of the longest rating: a longer run
    // of letters, or a letter that lowers to anything but ASCII, matches none of them.
    const LONGEST: usize = 19;
    let mut letters = [0u8; LONGEST];
    let mut n = 0usize;
    let mut keep = |b: u8| -> Option<()> {
        *letters.get_mut(n)? = b;
        n += 1;
        Some(())
    };
    for c in s.chars() {
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphabetic() {
                keep(b.to_ascii_lowercase())?;
            } else if b.is_ascii_digit() {
                return None;
            }
        } else if c.is_alphabetic() {
            for l in c.to_lowercase() {
                keep(u8::try_from(l).ok().filter(u8::is_ascii)?)?;
            }
        }
    }
    let letters = letters.get(..n)?;
    SQUASHED
        .iter()
        .find(|(w, _)| w.as_bytes() == letters)
        .map(|(_, r)| *r)
}

/// Is this text short enough to be a standard's name (or a label in a table), not prose?
pub fn name_like(s: &str) -> bool {
    // One pass that stops at the seventh word or the first stop: prose is long.
    let mut words = 0;
    let mut in_word = false;
    for c in s.chars() {
        if matches!(c, '.' | ';' | ':' | '?' | ',' | '!') {
            return false;
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > 6 {
                return false;
            }
        }
    }
    words >= 1
}

/// `tokens := { table_token }`: the non-blank rows of `rows` as tokens, each cell cut by
/// its content.
pub fn tokens<'d>(doc: &'d Doc<'_>, rows: std::ops::Range<usize>, read: Read) -> Vec<Token<'d>> {
    region(doc, rows, |i, row, out| row_tokens(row, i, read, out))
}

#[path = "tokens_cache.rs"]
mod cache;
pub use cache::Cache;

/// The tokens of the non-blank rows of `rows`, each row's from `row_tokens`, with the
/// blank row or page break before each row noted and ratings split over rows joined.
fn region<'d>(
    doc: &'d Doc,
    rows: std::ops::Range<usize>,
    row_tokens: impl FnMut(usize, &'d Row, &mut Vec<Token<'d>>),
) -> Vec<Token<'d>> {
    let mut out = Vec::with_capacity(rows.len() + rows.len() / 4);
    region_into(doc, rows, row_tokens, &mut out);
    out
}

/// [`region`] into `out` (cleared first), whose memory is reused.
fn region_into<'d>(
    doc: &'d Doc,
    rows: std::ops::Range<usize>,
    mut row_tokens: impl FnMut(usize, &'d Row, &mut Vec<Token<'d>>),
    out: &mut Vec<Token<'d>>,
) {
    out.clear();
    out.reserve(rows.len() + rows.len() / 4);
    let mut blank = false;
    for i in rows {
        let Some(row) = doc.rows.get(i) else { break };
        if row.is_blank() {
            blank = true;
            continue;
        }
        let first = out.len();
        row_tokens(i, row, out);
        if let Some(t) = out.get_mut(first) {
            t.blank_before = blank || row.page_break;
        }
        blank = false;
    }
    join_split_ratings(out);
}

/// A row of one paragraph of prose, which the general path makes one text token: no
/// digit (no id, percentage or count), twenty ASCII letters or more (no rating, however
/// spaced), and a stop, or more than six words (no name). Words are counted by bytes, so
/// a text beyond ASCII needs its stop (a space beyond ASCII never reaches here, the
/// normaliser makes every one a plain space, but the word count does not rely on it).
/// Checked with passes the compiler vectorises; most rows of a wrapped body are like this.
fn prose_line(t: &str) -> bool {
    let b = t.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    // A digit anywhere, by blocks ([`any_byte`]); the stops and bytes beyond ASCII below
    // by or-reductions over the whole line (vector code: blocks measured slower there).
    let digit = any_byte(b, |c| c.is_ascii_digit());
    // A line of prose has its twenty letters and seven words within its first 32 and 64
    // bytes: counted there as fixed blocks (vector code, no early exit), and through the
    // whole line, only as far as they matter, when they fall short there.
    let letters = |head: &[u8; 32]| {
        head.iter()
            .fold(0u8, |a, &c| a + u8::from(c.is_ascii_alphabetic()))
    };
    if digit
        || (b.first_chunk::<32>().is_none_or(|h| letters(h) < 20)
            && b.iter()
                .filter(|c| c.is_ascii_alphabetic())
                .take(20)
                .count()
                < 20)
    {
        return false;
    }
    let stop = b.iter().fold(false, |a, &c| {
        a | matches!(c, b'.' | b';' | b':' | b'?' | b',' | b'!')
    });
    if stop {
        return true;
    }
    if b.iter().fold(0u8, |a, &c| a | c) >= 0x80 {
        return false;
    }
    // Words: a byte that is no space after one that is (or at the start).
    if let Some(head) = b.first_chunk::<64>() {
        if let (Some(prev), Some(cur)) = (head.first_chunk::<63>(), head.last_chunk::<63>()) {
            let inner = prev
                .iter()
                .zip(cur)
                .fold(0u8, |a, (&p, &c)| a + u8::from(space(p) & !space(c)));
            if inner + u8::from(!head.first().is_some_and(|&c| space(c))) > 6 {
                return true;
            }
        }
    }
    let starts = std::iter::once(&b' ')
        .chain(b.iter())
        .zip(b.iter())
        .filter(|(&p, &c)| space(p) && !space(c));
    starts.take(7).count() > 6
}

/// One row's tokens (row `i` of the document), pushed onto `out`; the first opens the row.
fn row_tokens<'d>(row: &'d Row, i: usize, read: Read, out: &mut Vec<Token<'d>>) {
    if !prose_token(row, i, out) {
        row_tokens_general(row, i, read, out);
    }
}

/// Pushes the tokens of a row the general path needs no parsers for, or nothing; says
/// which. Two kinds of row: one paragraph of prose ([`prose_line`], one text token) and a
/// row of one to three small numbers ("6 6", a count table's counts, most of the other
/// rows of a 2020+ body), one number token each.
fn prose_token<'d>(row: &'d Row, i: usize, out: &mut Vec<Token<'d>>) -> bool {
    let Some(p) = row.single() else {
        return false;
    };
    let first = out.len();
    if prose_line(&p.text) {
        let t = p.text.trim();
        push(out, Kind::Text, Cow::Borrowed(t), p.span_of(t), i);
    } else if let Some(ns) = numbers(&p.text) {
        for (n, w) in ns.into_iter().flatten() {
            push(out, Kind::Number(n), Cow::Borrowed(w), p.span_of(w), i);
        }
    } else {
        return false;
    }
    if let Some(tok) = out.get_mut(first) {
        tok.new_row = true;
    }
    true
}

/// One to three words, each a [`small_number`]: the numbers and their words.
fn numbers(t: &str) -> Option<[Option<(u32, &str)>; 3]> {
    // Most rows that reach here open with a word: told by their first byte.
    if !t
        .trim_start()
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut out = [None; 3];
    let mut words = t.split_whitespace();
    for slot in &mut out {
        let Some(w) = words.next() else { break };
        *slot = Some((small_number(w)?, w));
    }
    (words.next().is_none() && out.first().is_some_and(Option::is_some)).then_some(out)
}

/// [`row_tokens`] without the shortcut for prose.
fn row_tokens_general<'d>(row: &'d Row, i: usize, read: Read, out: &mut Vec<Token<'d>>) {
    let first = out.len();
    for cell in &row.cells {
        cell_tokens(cell, i, read, out);
    }
    for k in (first..out.len()).rev() {
        split_leading_rating(out, k);
    }
    if read.counts {
        split_count_before_count(out, first);
    }
    if let Some(t) = out.get_mut(first) {
        t.new_row = true;
    }
}

/// A count at the end of a cell of text whose row goes on with another count, the two
/// columns closer than a cell break ("… keep other 6   6"): the pair of counts.
fn split_count_before_count<'d>(out: &mut Vec<Token<'d>>, row_start: usize) {
    let mut k = row_start;
    while k + 1 < out.len() {
        let next_is_count = out
            .get(k + 1)
            .is_some_and(|t| matches!(t.kind, Kind::Number(_)));
        let split = out
            .get(k)
            .filter(|t| t.is_text() && next_is_count)
            .and_then(|t| {
                let (head, last) = t.text.rsplit_once(' ')?;
                let n = small_number(last)?;
                let head = head.trim_end();
                Some((sub(&t.text, head), n, sub(&t.text, last)))
            });
        if let Some((head, n, word)) = split {
            if let Some(t) = out.get_mut(k) {
                t.text = head;
            }
            let mut count = out.get(k).cloned().unwrap_or_else(unreachable_token);
            count.kind = Kind::Number(n);
            count.text = word;
            count.new_row = false;
            count.blank_before = false;
            out.insert(k + 1, count);
        }
        k += 1;
    }
}

/// A placeholder never reached (the index was just checked).
fn unreachable_token<'d>() -> Token<'d> {
    Token {
        kind: Kind::Text,
        text: Cow::Borrowed(""),
        span: Span::default(),
        text_span: Span::default(),
        row: 0,
        new_row: false,
        blank_before: false,
    }
}

/// A heading's rating at the start of the description that shares its row ("**1.4
/// Information and facilities** Requires improvement Timely and relevant …"): the
/// rating, then a capitalised sentence. `row_start` is the heading's index.
fn split_leading_rating(out: &mut Vec<Token<'_>>, row_start: usize) {
    let heading = out
        .get(row_start)
        .is_some_and(|t| matches!(t.kind, Kind::Standard(_)));
    let Some(next) = out.get(row_start + 1).filter(|t| heading && t.is_text()) else {
        return;
    };
    for (word, r) in Rating::ALL.iter().map(|r| (r.as_str(), *r)) {
        let Some(rest) = next.text.strip_prefix(word) else {
            continue;
        };
        if !rest.starts_with(' ') || !rest.trim_start().starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let mut rating = next.clone();
        rating.kind = Kind::Rating(r);
        rating.text = Cow::Borrowed(word);
        let mut text = next.clone();
        text.text = sub(&next.text, rest.trim_start());
        text.new_row = false;
        text.blank_before = false;
        if let Some(slot) = out.get_mut(row_start + 1) {
            *slot = rating;
        }
        out.insert(row_start + 2, text);
        return;
    }
}

/// `part` (a slice of `text`) as text of the same lifetime: borrowed from the document
/// when `text` is.
fn sub<'d>(text: &Cow<'d, str>, part: &str) -> Cow<'d, str> {
    match text {
        Cow::Borrowed(t) => {
            let start = (part.as_ptr() as usize).wrapping_sub(t.as_ptr() as usize);
            let end = start.checked_add(part.len());
            match end.and_then(|end| t.get(start..end)) {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(part.to_string()),
            }
        }
        Cow::Owned(_) => Cow::Owned(part.to_string()),
    }
}

fn push<'d>(out: &mut Vec<Token<'d>>, kind: Kind<'d>, text: Cow<'d, str>, span: Span, row: usize) {
    out.push(Token {
        kind,
        text,
        span,
        text_span: span,
        row: u32::try_from(row).unwrap_or(u32::MAX),
        new_row: false,
        blank_before: false,
    });
}

/// Small whole numbers only: counts of cases, never years or long figures.
fn small_number(w: &str) -> Option<u32> {
    (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// One cell's tokens: the whole cell when it is a value (a rating may be split over the
/// cell's lines), else each paragraph's, and each key question run on in a paragraph
/// ("… people. 1.1.1. Is there …? 1.1.2. Do …?") on its own.
fn cell_tokens<'d>(cell: &'d Cell, row: usize, read: Read, out: &mut Vec<Token<'d>>) {
    // Most cells are one paragraph: their text, not a joined copy.
    let text: Cow<'d, str> = match cell.single() {
        Some(p) => Cow::Borrowed(&*p.text),
        None => Cow::Owned(cell.text()),
    };
    let t = text.trim();
    if let Some(r) = loose_rating(t) {
        let at = cell.span_at(text.len() - text.trim_start().len());
        let t = sub(&text, t);
        return push(out, Kind::Rating(r), t, at, row);
    }
    for para in &cell.paras {
        let at = |s: &str| para.span_of(s);
        // Every id, percentage and count has a digit: a paragraph without one is one piece.
        if !has_digit(&para.text) {
            // The cell's only paragraph was just tried as a rating.
            let tried = cell.paras.len() == 1;
            piece_tokens(&para.text, !tried, &at, row, read, out);
            continue;
        }
        for piece in run_on_questions(&para.text) {
            piece_tokens(piece, true, &at, row, read, out);
        }
    }
}

/// No digit and not [`name_like`]: one pass over the bytes for digits and stops (a stop
/// anywhere makes a text no name), the words counted only when there is no stop.
fn prose(s: &str) -> bool {
    const DIGIT: u8 = 1;
    const STOP: u8 = 2;
    let class = |b: u8| match b {
        b'0'..=b'9' => DIGIT,
        b'.' | b';' | b':' | b'?' | b',' | b'!' => STOP,
        _ => 0,
    };
    let seen = s.bytes().fold(0u8, |acc, b| acc | class(b));
    seen & DIGIT == 0 && (seen & STOP != 0 || !name_like(s))
}

/// A paragraph cut before each key-question id that follows the end of a sentence (most
/// paragraphs are one piece: kept inline).
fn run_on_questions(text: &str) -> smallvec::SmallVec<[&str; 2]> {
    let mut out = smallvec::SmallVec::new();
    let mut start = 0;
    let b = text.as_bytes();
    // Spaces are every few bytes: a byte loop, not a memchr call per space.
    for i in b
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == b' ')
        .map(|(i, _)| i)
    {
        let before = b.get(i.wrapping_sub(1)).copied();
        let ends = matches!(before, Some(b'.' | b'?' | b':'));
        if ends
            && text
                .get(i + 1..)
                .is_some_and(|r| key_question_start(r).is_ok())
        {
            out.extend(text.get(start..i + 1));
            start = i + 1;
        }
    }
    out.extend(text.get(start..));
    out
}

/// One piece of a paragraph's tokens; `may_be_rating` is false when the piece was
/// already tried as a whole-cell rating.
fn piece_tokens<'d>(
    s: &'d str,
    may_be_rating: bool,
    at: &dyn Fn(&str) -> Span,
    row: usize,
    read: Read,
    out: &mut Vec<Token<'d>>,
) {
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    if let Some(r) = may_be_rating.then(|| loose_rating(t)).flatten() {
        return push(out, Kind::Rating(r), Cow::Borrowed(t), at(t), row);
    }
    // Prose: not a name that could end in a rating, and no digit for an id, a percentage
    // or a count. One token of text.
    if prose(t) {
        return push(out, Kind::Text, Cow::Borrowed(t), at(t), row);
    }
    // Every value opens with a digit.
    let digit_first = t.starts_with(|c: char| c.is_ascii_digit());
    if let Some(p) = digit_first.then(|| percent_cell(t)).flatten() {
        return push(out, Kind::Percent(p), Cow::Borrowed(t), at(t), row);
    }
    // At most three words, all values (checked without collecting prose's words).
    let value = |w: &str| small_number(w).is_some() || percent_cell(w).is_some();
    if digit_first && t.split_whitespace().take(4).count() <= 3 && t.split_whitespace().all(value) {
        for w in t.split_whitespace() {
            let kind = match small_number(w) {
                Some(n) => Kind::Number(n),
                None => Kind::Percent(percent_cell(w).unwrap_or(0.0)),
            };
            push(out, kind, Cow::Borrowed(w), at(w), row);
        }
        return;
    }
    let (lead, rest) = leading_id(t);
    let (body, tail) = trailing_values(rest, lead.is_some(), read);
    match lead {
        Some(kind) => {
            push(out, kind, Cow::Borrowed(body.trim()), at(t), row);
            if let Some(tok) = out.last_mut() {
                tok.text_span = at(body.trim_start());
            }
        }
        None if !body.trim().is_empty() => {
            let body = body.trim();
            push(out, Kind::Text, Cow::Borrowed(body), at(body), row)
        }
        None => {}
    }
    for (kind, piece) in tail {
        push(out, kind, Cow::Borrowed(piece), at(piece), row);
    }
}

/// A standard or key-question id opening the text, and the text after it.
fn leading_id(t: &str) -> (Option<Kind<'_>>, &str) {
    // Ids open with a digit, or the "V" of a victims' standard.
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == 'V') {
        return (None, t);
    }
    let kq: PResult<'_, &str> = key_question_start(t);
    if let Ok((rest, id)) = kq {
        return (Some(Kind::KeyQuestion(id)), rest);
    }
    match standard_start(t) {
        Ok((rest, id)) => (Some(Kind::Standard(id)), rest),
        Err(_) => (None, t),
    }
}

/// Splits values off the end of a cell's text: a percentage, case counts (when reading
/// count tables), a rating or a dangling "Requires" after a name. Returns the text before
/// them and the values in order.
fn trailing_values(s: &str, after_id: bool, read: Read) -> (&str, Vec<(Kind<'static>, &str)>) {
    let mut body = s.trim_end();
    let mut tail: Vec<(Kind<'static>, &str)> = Vec::new();
    // A percentage, then counts before it.
    for _ in 0..3 {
        let Some((head, last)) = body.rsplit_once(' ') else {
            break;
        };
        let kind = if let Some(p) = percent_cell(last) {
            Kind::Percent(p)
        } else if read.counts && small_number(last).is_some() && counts_follow(head, &tail) {
            Kind::Number(small_number(last).unwrap_or(0))
        } else {
            break;
        };
        tail.insert(0, (kind, last));
        body = head.trim_end();
    }
    if !tail.is_empty() {
        return (body, tail);
    }
    if after_id || name_like(body) {
        let split = super::common::split_trailing_rating(body).filter(|(h, _, _)| name_like(h));
        if let Some((head, r, _)) = split {
            let at = body.len() - body.trim_end().len();
            let word = body.get(head.len()..body.len() - at).unwrap_or("").trim();
            return (head, vec![(Kind::Rating(r), word)]);
        }
        if let Some(head) = body.strip_suffix(" Requires") {
            let word = body.get(head.len() + 1..).unwrap_or("");
            return (head, vec![(Kind::Text, word)]);
        }
    }
    (body, tail)
}

/// Counts trail a line of a question in pairs ("… support the 6 6"), or one after the
/// question mark; a lone number after words is prose ("we examined 50").
fn counts_follow(head: &str, after: &[(Kind<'_>, &str)]) -> bool {
    let before = head.rsplit(' ').next().unwrap_or("");
    let pair =
        small_number(before).is_some() || after.iter().any(|(k, _)| matches!(k, Kind::Number(_)));
    pair || head.ends_with('?')
}

/// "Requires" then, within the next tokens, "improvement" alone, in pieces ("improveme" /
/// "nt", "impr" / "ovement"), or as the last or first word of a line of text it shares
/// (pdfplumber: "… actively involving improvement"): one rating.
fn join_split_ratings(tokens: &mut Vec<Token<'_>>) {
    const WORD: &str = "improvement";
    let mut i = 0;
    while i < tokens.len() {
        // "Requires", or "Requires im-" hyphenated at the line end.
        let start = tokens.get(i).filter(|t| t.is_text()).and_then(|t| {
            // Lowered only where the text opens with "requires" (no copy of every token).
            if !t.text.get(..8)?.eq_ignore_ascii_case("requires") {
                return None;
            }
            let lower = t.text.to_ascii_lowercase();
            let lower = lower.trim_end_matches('-');
            if lower == "requires" {
                return Some(String::new());
            }
            let piece = lower.strip_prefix("requires ")?;
            (!piece.is_empty() && WORD.starts_with(piece)).then(|| piece.to_string())
        });
        if let Some(acc) = start {
            if let Some(pieces) = improvement_pieces(tokens, i + 1, acc) {
                for (k, kept) in pieces.into_iter().rev() {
                    match kept {
                        Some(rest) => {
                            if let Some(t) = tokens.get_mut(k) {
                                t.text = rest;
                            }
                        }
                        None => {
                            tokens.remove(k);
                        }
                    }
                }
                if let Some(t) = tokens.get_mut(i) {
                    t.kind = Kind::Rating(Rating::RequiresImprovement);
                    t.text = Cow::Borrowed("Requires improvement");
                }
            }
        }
        i += 1;
    }
}

/// The tokens from `from` on that spell "improvement": (index, what is left of the token's
/// text, or `None` when the whole token is a piece).
fn improvement_pieces<'d>(
    tokens: &[Token<'d>],
    from: usize,
    mut acc: String,
) -> Option<Vec<(usize, Option<Cow<'d, str>>)>> {
    const WORD: &str = "improvement";
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate().skip(from).take(8) {
        if !t.is_text() {
            continue;
        }
        let lower = t.text.to_ascii_lowercase();
        let lower = lower.trim_end_matches('-').to_string();
        let want = WORD.get(acc.len()..).unwrap_or("");
        if want.starts_with(&lower) && !lower.is_empty() {
            acc.push_str(&lower);
            out.push((k, None));
        } else if let Some((head, last)) =
            lower.rsplit_once(' ').filter(|(_, l)| want.starts_with(l))
        {
            acc.push_str(last);
            out.push((
                k,
                Some(sub(&t.text, t.text.get(..head.len()).unwrap_or(""))),
            ));
        } else if let Some((first, _)) = lower.split_once(' ').filter(|(f, _)| *f == want) {
            acc.push_str(first);
            let rest = t.text.get(first.len() + 1..).unwrap_or("");
            out.push((k, Some(sub(&t.text, rest))));
        } else {
            continue;
        }
        if acc == WORD {
            return Some(out);
        }
    }
    // "Requires" / "improveme" and the rest far away (a page break inside the cell): no
    // other rating starts so, and four letters of "improvement" settle it.
    (acc.len() >= 4).then_some(out)
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
