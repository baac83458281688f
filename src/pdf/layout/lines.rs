//! Glyphs to baseline lines: a line of small glyphs just above another line is its
//! superscripts (footnote digits are dropped when the text is composed); lines are cut
//! into pieces at wide gaps and at vertical rules.

use super::super::interp::{Glyph, PageContent, Rule};
use super::super::tolerance as tol;

/// A baseline line: glyph indices sorted by x.
pub(super) struct TLine {
    pub y: f32,
    pub size: f32,
    pub glyphs: Vec<usize>,
    /// Parallel to `glyphs`: superscript flag.
    pub sup: Vec<bool>,
}

/// A run of a line's glyphs: `line`, range `a..b` of `TLine::glyphs`.
#[derive(Clone, Copy)]
pub(super) struct Piece {
    pub line: usize,
    pub a: usize,
    pub b: usize,
    pub x0: f32,
    pub x1: f32,
}

fn is_space_text(t: &str) -> bool {
    t.chars().all(|c| c.is_whitespace() || c == '\u{a0}')
}

fn dominant_size(gl: &[Glyph], idx: &[usize]) -> f32 {
    // Size carrying the most glyphs (sizes bucketed).
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for &i in idx {
        if let Some(g) = gl.get(i) {
            let k = (g.size * tol::SIZE_BUCKETS_PER_PT).round() as i32;
            match counts.iter_mut().find(|c| c.0 == k) {
                Some(c) => c.1 += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|c| c.0 as f32 / tol::SIZE_BUCKETS_PER_PT)
        .unwrap_or(tol::DEFAULT_SIZE_PT)
        .max(1.0)
}

/// The page's visible glyphs as baseline lines, top to bottom, superscript lines merged
/// into the line they belong to.
pub(super) fn build_lines(c: &PageContent) -> Vec<TLine> {
    let gl = &c.glyphs;
    // By baseline, then drawing order (a stable sort by y on keys: the glyphs mostly come
    // in reading order, which a stable sort runs through fast).
    let mut idx: Vec<(f32, usize)> = gl
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            g.size > tol::MIN_GLYPH_SIZE_PT
                && g.size < tol::MAX_GLYPH_SIZE_PT
                && !is_space_text(c.glyph_text(g))
        })
        .map(|(i, g)| (g.y, i))
        .collect();
    idx.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<TLine> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut cur_y = f32::NAN;
    let mut cur_size = 0.0f32;
    for (_, i) in idx {
        let Some(g) = gl.get(i) else { continue };
        if !cur.is_empty()
            && (g.y - cur_y).abs() <= tol::SAME_BASELINE_EM * cur_size.min(g.size).max(1.0)
        {
            cur.push(i);
            cur_size = cur_size.max(g.size);
        } else {
            if !cur.is_empty() {
                lines.push(make_line(gl, std::mem::take(&mut cur)));
            }
            cur.push(i);
            cur_y = g.y;
            cur_size = g.size;
        }
    }
    if !cur.is_empty() {
        lines.push(make_line(gl, cur));
    }
    merge_superscript_lines(gl, lines)
}

/// A line of small glyphs whose baseline sits a little above a line of larger glyphs that
/// it overlaps horizontally joins that line, flagged as superscript.
fn merge_superscript_lines(gl: &[Glyph], lines: Vec<TLine>) -> Vec<TLine> {
    let is_sup_of = |a: &TLine, b: &TLine| {
        let overlap = tol::SUPERSCRIPT_LINE_OVERLAP_EM * b.size;
        a.size <= tol::SUPERSCRIPT_MAX_SIZE_RATIO * b.size
            && b.y - a.y >= tol::SUPERSCRIPT_LINE_MIN_RISE_EM * b.size
            && b.y - a.y <= tol::SUPERSCRIPT_LINE_MAX_RISE_EM * b.size
            && a.glyphs.len() <= tol::SUPERSCRIPT_LINE_MAX_GLYPHS
            && {
                let (ax0, ax1) = extent(gl, &a.glyphs);
                let (bx0, bx1) = extent(gl, &b.glyphs);
                ax1 >= bx0 - overlap && ax0 <= bx1 + overlap
            }
    };
    let mut merged: Vec<TLine> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(a) = iter.next() {
        match iter.peek_mut() {
            Some(b) if is_sup_of(&a, b) => {
                let mut all: Vec<(usize, bool)> = b
                    .glyphs
                    .iter()
                    .copied()
                    .zip(b.sup.iter().copied())
                    .collect();
                all.extend(a.glyphs.iter().map(|&i| (i, true)));
                all.sort_by(|x, y| {
                    let gx = gl.get(x.0).map_or(0.0, |g| g.x);
                    let gy = gl.get(y.0).map_or(0.0, |g| g.x);
                    gx.total_cmp(&gy)
                });
                b.glyphs = all.iter().map(|p| p.0).collect();
                b.sup = all.iter().map(|p| p.1).collect();
            }
            _ => merged.push(a),
        }
    }
    merged
}

fn make_line(gl: &[Glyph], glyphs: Vec<usize>) -> TLine {
    // By x, then the order they came in (a stable sort on keys).
    let mut keyed: Vec<(f32, usize, usize)> = glyphs
        .iter()
        .enumerate()
        .map(|(pos, &i)| (gl.get(i).map_or(0.0, |g| g.x), pos, i))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let glyphs: Vec<usize> = keyed.into_iter().map(|k| k.2).collect();
    let size = dominant_size(gl, &glyphs);
    // Baseline of the dominant-size glyphs, and glyphs raised above it marked superscript.
    let y = glyphs
        .iter()
        .filter_map(|&i| gl.get(i))
        .filter(|g| (g.size - size).abs() < tol::SAME_SIZE_PT)
        .map(|g| g.y)
        .fold(f32::NAN, f32::max);
    let y = if y.is_nan() {
        gl.get(glyphs.first().copied().unwrap_or(0))
            .map_or(0.0, |g| g.y)
    } else {
        y
    };
    let sup = glyphs
        .iter()
        .map(|&i| {
            gl.get(i).is_some_and(|g| {
                g.size <= tol::SUPERSCRIPT_MAX_SIZE_RATIO * size
                    && y - g.y > tol::SUPERSCRIPT_GLYPH_RISE_EM * size
            })
        })
        .collect();
    TLine {
        y,
        size,
        glyphs,
        sup,
    }
}

/// Left and right ends of glyphs `idx`.
pub(super) fn extent(gl: &[Glyph], idx: &[usize]) -> (f32, f32) {
    idx.iter()
        .filter_map(|&i| gl.get(i))
        .fold((f32::MAX, f32::MIN), |(a, b), g| {
            (a.min(g.x), b.max(g.x + g.w))
        })
}

/// Compose the text of glyphs `a..b` of a line into `out`. Returns the first word's width.
pub(super) fn compose(c: &PageContent, line: &TLine, a: usize, b: usize, out: &mut String) -> f32 {
    let gl = &c.glyphs;
    let mut prev_end: Option<f32> = None;
    let mut prev_x = f32::NAN;
    let mut prev_text = "";
    let mut first_word_end: Option<f32> = None;
    let start_x = line
        .glyphs
        .get(a)
        .and_then(|&i| gl.get(i))
        .map_or(0.0, |g| g.x);
    let mut last_end = start_x;
    // Footnote digits at the start of the line are kept: only before its first glyph
    // that is not one.
    let mut leads_line = a == 0;
    let lead_len = out.len();
    let mut lead_digits = false;
    for k in a..b {
        let (Some(&gi), Some(&sup)) = (line.glyphs.get(k), line.sup.get(k)) else {
            continue;
        };
        let Some(g) = gl.get(gi) else { continue };
        let t = c.glyph_text(g);
        if sup
            && t.chars()
                .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '*')
        {
            // Digits raised at the start of a line number the footnote the line begins
            // ("11 The rating for …", as a report's text has it); elsewhere they are a
            // marker in the text, dropped.
            if leads_line && t.chars().all(|ch| ch.is_ascii_digit()) {
                out.push_str(t);
                lead_digits = true;
            }
            continue;
        }
        if std::mem::take(&mut lead_digits) {
            out.push(' ');
        }
        leads_line = false;
        // The same glyph drawn twice (fake bold, shadows) is kept once.
        if t == prev_text
            && (g.x - prev_x).abs()
                < tol::DUPLICATE_GLYPH_DX_EM * g.w.max(tol::DUPLICATE_MIN_WIDTH_PT)
        {
            continue;
        }
        let gap_end =
            prev_end.filter(|pe| g.x - pe > tol::WORD_GAP_EM * line.size && !out.ends_with(' '));
        if let Some(pe) = gap_end {
            if first_word_end.is_none() {
                first_word_end = Some(pe);
            }
            out.push(' ');
        }
        for ch in t.chars() {
            match ch {
                '\t' | '\u{a0}' | '\n' | '\r' => out.push(' '),
                ch if ch.is_control() => {}
                ch => out.push(ch),
            }
        }
        prev_end = Some(g.x + g.w);
        prev_x = g.x;
        prev_text = t;
        last_end = last_end.max(g.x + g.w);
    }
    if lead_digits {
        // Nothing but the digits: a marker after all.
        out.truncate(lead_len);
    }
    first_word_end.unwrap_or(last_end) - start_x
}

/// Cut every line into pieces at wide gaps and at vertical rules crossing it.
pub(super) fn cut_pieces(c: &PageContent, lines: &[TLine], vr: &[Rule]) -> Vec<Piece> {
    let gl = &c.glyphs;
    let mut pieces: Vec<Piece> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let crossing: Vec<f32> = vr
            .iter()
            .filter(|r| {
                r.from <= line.y - tol::CROSSING_RULE_ABOVE_EM * line.size
                    && r.to >= line.y - tol::CROSSING_RULE_BELOW_PT
            })
            .map(|r| r.pos)
            .collect();
        let mut a = 0usize;
        let mut prev: Option<&Glyph> = None;
        for (k, &gi) in line.glyphs.iter().enumerate() {
            let Some(g) = gl.get(gi) else { continue };
            if let Some(p) = prev {
                let pe = p.x + p.w;
                let gap = g.x - pe;
                let rule_between = crossing
                    .iter()
                    .any(|&x| x > p.x + p.w * 0.5 && x < g.x + g.w * 0.5);
                if gap > tol::PIECE_GAP_EM * line.size || rule_between {
                    pieces.push(piece(gl, li, line, a, k));
                    a = k;
                }
            }
            prev = Some(g);
        }
        if a < line.glyphs.len() {
            pieces.push(piece(gl, li, line, a, line.glyphs.len()));
        }
    }
    pieces
}

/// The piece of glyphs `a..b` of line `l` (number `line`).
pub(super) fn piece(gl: &[Glyph], line: usize, l: &TLine, a: usize, b: usize) -> Piece {
    let first = l.glyphs.get(a).and_then(|&i| gl.get(i));
    let (x0, x1) = extent(gl, l.glyphs.get(a..b).unwrap_or(&[]));
    Piece {
        line,
        a,
        b,
        x0: first.map_or(x0, |g| g.x),
        x1,
    }
}

/// Count a piece's glyphs as bold or not: `votes` is (bold, regular).
pub(super) fn count_bold(gl: &[Glyph], line: &TLine, p: &Piece, votes: &mut (usize, usize)) {
    for k in p.a..p.b {
        if let Some(g) = line.glyphs.get(k).and_then(|&i| gl.get(i)) {
            if g.bold {
                votes.0 += 1;
            } else {
                votes.1 += 1;
            }
        }
    }
}
