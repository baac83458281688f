//! Flow text: the lines outside table rows, list markers (bullets, numbered items), and
//! how wrapped lines join into paragraphs.

use super::super::interp::PageContent;
use super::super::tolerance as tol;
use super::lines::{compose, count_bold, Piece, TLine};
use super::{Item, HYPH};

/// A flow line with where its ink is, for finding columns drawn without rules.
pub(super) struct FlowLine {
    pub item: Item,
    /// The line's pieces (cut at wide gaps): left edge, right edge, text.
    pub pieces: Vec<(f32, f32, String)>,
    /// The line's words: left and right edges, left to right.
    pub words: Vec<(f32, f32)>,
}

/// The flow lines of a page: each line's pieces that are not in a table row.
pub(super) fn flow_items(
    c: &PageContent,
    lines: &[TLine],
    pieces: &[Piece],
    in_row: &[bool],
) -> Vec<FlowLine> {
    let gl = &c.glyphs;
    let mut by_line: Vec<Vec<Piece>> = vec![Vec::new(); lines.len()];
    for (pi, p) in pieces.iter().enumerate() {
        if !in_row.get(pi).copied().unwrap_or(false) {
            if let Some(v) = by_line.get_mut(p.line) {
                v.push(*p);
            }
        }
    }
    let mut items = Vec::new();
    for (li, ps) in by_line.iter().enumerate() {
        let (Some(line), Some(first)) = (lines.get(li), ps.first()) else {
            continue;
        };
        let mut text = String::new();
        let mut first_word_w = 0.0;
        let mut bold_votes = (0usize, 0usize);
        let mut prev_x1: Option<f32> = None;
        let mut spans = Vec::with_capacity(ps.len());
        let mut words = Vec::new();
        for p in ps {
            count_bold(gl, line, p, &mut bold_votes);
            let mut t = String::new();
            let w = compose(c, line, p.a, p.b, &mut t);
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            spans.push((p.x0, p.x1, normalize_start(t)));
            word_extents(c, line, p, &mut words);
            match prev_x1 {
                None => first_word_w = w,
                Some(px) => {
                    // A very wide gap after something other than a list marker keeps
                    // the columns apart.
                    let marker_only = {
                        let so_far = normalize_start(&text);
                        !so_far.trim().contains(' ') && is_marker(so_far.trim())
                            || so_far.trim() == "-"
                    };
                    if p.x0 - px > tol::COLUMN_GAP_EM * line.size && !marker_only {
                        text.push('\t');
                    } else {
                        text.push(' ');
                    }
                }
            }
            text.push_str(t);
            prev_x1 = Some(p.x1);
        }
        let text = normalize_start(text.trim());
        if text.is_empty() {
            continue;
        }
        let x1 = ps.last().map_or(first.x1, |p| p.x1);
        let item = Item {
            row: false,
            top: line.y - tol::ASCENT_EM * line.size,
            y: line.y,
            x0: first.x0,
            x1,
            size: line.size,
            bold: bold_votes.0 > bold_votes.1,
            text,
            cells: Vec::new(),
            columns: Vec::new(),
            first_word_w,
            part: false,
        };
        items.push(FlowLine {
            item,
            pieces: spans,
            words,
        });
    }
    items
}

/// The words of piece `p`: runs of glyphs without a word gap between them.
fn word_extents(c: &PageContent, line: &TLine, p: &Piece, out: &mut Vec<(f32, f32)>) {
    let mut cur: Option<(f32, f32)> = None;
    for g in line
        .glyphs
        .get(p.a..p.b)
        .unwrap_or(&[])
        .iter()
        .filter_map(|&gi| c.glyphs.get(gi))
    {
        cur = match cur {
            Some((x0, x1)) if g.x - x1 <= tol::WORD_GAP_EM * line.size => {
                Some((x0, x1.max(g.x + g.w)))
            }
            Some(w) => {
                out.push(w);
                Some((g.x, g.x + g.w))
            }
            None => Some((g.x, g.x + g.w)),
        };
    }
    out.extend(cur);
}

const BULLETS: &[char] = &[
    '\u{F0B7}', '\u{2022}', '\u{F0A7}', '\u{25AA}', '\u{25CF}', '\u{F0FC}', '\u{F076}', '\u{F0D8}',
    '\u{25E6}', '\u{2023}', '\u{2043}', '\u{25A0}', '\u{F0A8}',
];

/// Bullet glyphs at the start of a line become "- ".
pub(super) fn normalize_start(t: &str) -> String {
    let t = t.trim_start();
    match t.chars().next() {
        Some(c) if BULLETS.contains(&c) => {
            let rest = t.get(c.len_utf8()..).unwrap_or("").trim_start();
            format!("- {rest}")
        }
        _ => t.to_string(),
    }
}

/// A line that starts a list item: "- ", "1. ", "2.1.1. ", "1.1 ", "(a) ", "a) ".
pub(super) fn is_marker(t: &str) -> bool {
    if t.starts_with("- ") || t == "-" {
        return true;
    }
    let word = t.split(' ').next().unwrap_or("");
    let digits_dots = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
        && word.contains('.')
        && word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !word.contains("..")
        && word.split('.').all(|p| p.len() <= 3);
    if digits_dots {
        return true;
    }
    let b = word.as_bytes();
    matches!(b, [b'(', x, b')'] | [x, b')'] if x.is_ascii_alphanumeric())
}

/// Append a wrapped line to a paragraph or cell: a soft hyphen at the end is removed; a
/// hyphen before a word in lower case is marked [`HYPH`] for the document-level pass; any
/// other hyphen is kept and joined without a space.
pub(super) fn join_line(acc: &mut String, next: &str) {
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    if acc.ends_with('\u{ad}') {
        acc.pop();
        acc.push_str(next);
        return;
    }
    let mut rev = acc.chars().rev();
    let last = rev.next();
    let before = rev.next();
    if matches!(last, Some('-' | '\u{2010}'))
        && before.is_some_and(char::is_alphanumeric)
        && next.chars().next().is_some_and(char::is_alphanumeric)
    {
        if last == Some('-') && next.starts_with(char::is_lowercase) {
            // "im-" / "provement" or "out-of-" / "court": decided with the vocabulary.
            acc.pop();
            acc.push(HYPH);
        }
        acc.push_str(next);
        return;
    }
    acc.push(' ');
    acc.push_str(next);
}

/// Does the text end a sentence (before closing quotes and brackets)?
pub(super) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['’', '”', '"', '\'', ')']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Does flow line `b` continue the paragraph whose last line is `a` (same page)?
pub(super) fn continues_paragraph(a: &Item, b: &Item, right_margin: f32) -> bool {
    let size = a.size.max(b.size);
    let gap = b.y - a.y;
    if gap <= 0.0 || gap > tol::MAX_LINE_ADVANCE_EM * size {
        return false;
    }
    if (a.size - b.size).abs() > tol::SAME_STYLE_SIZE_PT || a.bold != b.bold {
        return false;
    }
    if a.text.contains('\t') || b.text.contains('\t') || is_marker(&b.text) {
        return false;
    }
    // Outdented: a new paragraph after an indented continuation line.
    if b.x0 < a.x0 - tol::OUTDENT_PT {
        return false;
    }
    // Indented further than the paragraph's text: a block of its own.
    if b.x0 > a.x0 + tol::INDENT_EM * size && !is_marker(&a.text) {
        return false;
    }
    // The previous line ended early although the next word would have fitted.
    let hyphen = a.text.ends_with('-') || a.text.ends_with('\u{ad}');
    if !hyphen && a.x1 + b.first_word_w + tol::SHORT_LINE_EM * size < right_margin {
        return false;
    }
    true
}
