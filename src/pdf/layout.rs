//! Layout: positioned glyphs and rules of a page to logical lines.
//!
//! 1. Glyphs are grouped into baseline lines; a line of small glyphs just above another
//!    line is its superscripts (footnote digits are dropped).
//! 2. Each line is cut into pieces at large gaps and at vertical rules.
//! 3. A piece between two horizontal rules belongs to that band; a band whose rules show
//!    column separators (vertical rules, or horizontal rule segments ending inside it) is a
//!    table row: its pieces are grouped into cells, a cell's lines joined by spaces, the
//!    cells by TAB.
//! 4. Other lines flow into paragraphs (vertical gap, style, list markers, indentation),
//!    headers and footers repeated in the page margins are dropped, and rows or paragraphs
//!    cut by a page break are joined again ([`assemble`]).

use std::collections::HashMap;

use super::interp::{Glyph, PageContent, Rule};
use super::Line;

/// Pages with more rules than this are laid out without table detection.
const MAX_RULES: usize = 2_000;

/// One logical item of a page before the document-level pass.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub row: bool,
    /// Top of the item (band top for rows).
    pub top: f32,
    /// Baseline of the (last) line.
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    pub bold: bool,
    /// Flow: the line text. Row: cells joined by TAB.
    pub text: String,
    /// Row cells: (left edge, text).
    pub cells: Vec<(f32, String)>,
    /// Row: left edges of all its columns, empty ones included.
    pub columns: Vec<f32>,
    /// Width of the first word (paragraph-end test).
    pub first_word_w: f32,
}

/// The items of one page.
#[derive(Debug, Default)]
pub(super) struct PageLines {
    pub page_no: u32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// A baseline line: glyph indices sorted by x.
struct TLine {
    y: f32,
    size: f32,
    glyphs: Vec<usize>,
    /// Parallel to `glyphs`: superscript flag.
    sup: Vec<bool>,
}

/// A run of a line's glyphs: `line`, range `a..b` of `TLine::glyphs`.
#[derive(Clone, Copy)]
struct Piece {
    line: usize,
    a: usize,
    b: usize,
    x0: f32,
    x1: f32,
}

fn is_space_text(t: &str) -> bool {
    t.chars().all(|c| c.is_whitespace() || c == '\u{a0}')
}

fn dominant_size(gl: &[Glyph], idx: &[usize]) -> f32 {
    // Size carrying the most glyphs (sizes bucketed to 0.5pt).
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for &i in idx {
        if let Some(g) = gl.get(i) {
            let k = (g.size * 2.0).round() as i32;
            match counts.iter_mut().find(|c| c.0 == k) {
                Some(c) => c.1 += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|c| c.0 as f32 / 2.0)
        .unwrap_or(10.0)
        .max(1.0)
}

fn build_lines(c: &PageContent) -> Vec<TLine> {
    let gl = &c.glyphs;
    let mut idx: Vec<usize> = (0..gl.len())
        .filter(|&i| {
            gl.get(i)
                .is_some_and(|g| g.size > 0.5 && g.size < 500.0 && !is_space_text(c.glyph_text(g)))
        })
        .collect();
    idx.sort_by(|&a, &b| {
        let (ga, gb) = (gl.get(a), gl.get(b));
        let ya = ga.map_or(0.0, |g| g.y);
        let yb = gb.map_or(0.0, |g| g.y);
        ya.total_cmp(&yb)
    });
    let mut lines: Vec<TLine> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut cur_y = f32::NAN;
    let mut cur_size = 0.0f32;
    for i in idx {
        let Some(g) = gl.get(i) else { continue };
        if !cur.is_empty() && (g.y - cur_y).abs() <= 0.25 * cur_size.min(g.size).max(1.0) {
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
    // Superscripts: a line of small glyphs whose baseline sits a little above a line of
    // larger glyphs that it overlaps horizontally joins that line, flagged.
    let is_sup_of = |a: &TLine, b: &TLine| {
        let (ax0, ax1) = extent(gl, &a.glyphs);
        let (bx0, bx1) = extent(gl, &b.glyphs);
        a.size <= 0.92 * b.size
            && b.y - a.y >= 0.2 * b.size
            && b.y - a.y <= 0.7 * b.size
            && ax1 >= bx0 - b.size
            && ax0 <= bx1 + b.size
            && a.glyphs.len() <= 8
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

fn make_line(gl: &[Glyph], mut glyphs: Vec<usize>) -> TLine {
    glyphs.sort_by(|&a, &b| {
        let xa = gl.get(a).map_or(0.0, |g| g.x);
        let xb = gl.get(b).map_or(0.0, |g| g.x);
        xa.total_cmp(&xb)
    });
    let size = dominant_size(gl, &glyphs);
    // Baseline of the dominant-size glyphs, and glyphs raised above it marked superscript.
    let y = glyphs
        .iter()
        .filter_map(|&i| gl.get(i))
        .filter(|g| (g.size - size).abs() < 0.5)
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
            gl.get(i)
                .is_some_and(|g| g.size <= 0.92 * size && y - g.y > 0.15 * size)
        })
        .collect();
    TLine {
        y,
        size,
        glyphs,
        sup,
    }
}

fn extent(gl: &[Glyph], idx: &[usize]) -> (f32, f32) {
    idx.iter()
        .filter_map(|&i| gl.get(i))
        .fold((f32::MAX, f32::MIN), |(a, b), g| {
            (a.min(g.x), b.max(g.x + g.w))
        })
}

/// A band between two horizontal rule clusters: (above, below) cluster indices, outer x
/// range, column separators, enclosed by vertical rules.
type BandInfo = ((usize, usize), (f32, f32), Vec<f32>, bool);

/// Horizontal rules at one y.
struct HCluster {
    y: f32,
    segs: Vec<(f32, f32)>,
    /// Added where a table was cut by the page edge (no rule drawn).
    synthetic: bool,
}

fn cluster_rules(rules: &[Rule]) -> (Vec<HCluster>, Vec<Rule>) {
    let mut h: Vec<&Rule> = rules.iter().filter(|r| r.horizontal).collect();
    h.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut hc: Vec<HCluster> = Vec::new();
    for r in h {
        match hc.last_mut() {
            Some(c) if r.pos - c.y <= 2.0 => {
                if c.segs.len() < 1000 {
                    c.segs.push((r.from, r.to));
                }
            }
            _ => hc.push(HCluster {
                y: r.pos,
                segs: vec![(r.from, r.to)],
                synthetic: false,
            }),
        }
    }
    // Vertical rules: merge collinear pieces that touch.
    let mut v: Vec<Rule> = rules.iter().filter(|r| !r.horizontal).copied().collect();
    v.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.from.total_cmp(&b.from)));
    let mut vm: Vec<Rule> = Vec::new();
    for r in v {
        if let Some(last) =
            vm.iter_mut().rev().take(50).find(|m| {
                (m.pos - r.pos).abs() <= 1.5 && r.from <= m.to + 1.5 && r.to >= m.from - 1.5
            })
        {
            last.to = last.to.max(r.to);
            last.from = last.from.min(r.from);
        } else if vm.len() < 20_000 {
            vm.push(r);
        }
    }
    close_open_cells(&mut hc, &vm);
    (hc, vm)
}

/// A table row cut by a page break has no rule along the cut. Where two or more vertical
/// rules end at the same height and no horizontal rule meets them there, add one.
fn close_open_cells(hc: &mut Vec<HCluster>, vr: &[Rule]) {
    let mut ends: Vec<(f32, f32)> = Vec::new(); // (y, x)
    for r in vr {
        for y in [r.from, r.to] {
            let met = hc.iter().any(|c| {
                (c.y - y).abs() <= 2.0
                    && c.segs
                        .iter()
                        .any(|s| s.0 - 2.0 <= r.pos && r.pos <= s.1 + 2.0)
            });
            if !met && ends.len() < 10_000 {
                ends.push((y, r.pos));
            }
        }
    }
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut i = 0;
    while i < ends.len() {
        let y0 = ends.get(i).map_or(0.0, |e| e.0);
        let group: Vec<f32> = ends
            .iter()
            .skip(i)
            .take_while(|e| e.0 - y0 <= 2.0)
            .map(|e| e.1)
            .collect();
        i += group.len().max(1);
        let (lo, hi) = group
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        if group.len() >= 2 && hi - lo > 10.0 {
            hc.push(HCluster {
                y: y0,
                segs: vec![(lo, hi)],
                synthetic: true,
            });
        }
    }
    hc.sort_by(|a, b| a.y.total_cmp(&b.y));
}

/// Compose the text of glyphs `a..b` of a line. Returns (text, first word width).
fn compose(c: &PageContent, line: &TLine, a: usize, b: usize, out: &mut String) -> f32 {
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
            continue;
        }
        // The same glyph drawn twice (fake bold, shadows) is kept once.
        if t == prev_text && (g.x - prev_x).abs() < 0.3 * g.w.max(0.5) {
            continue;
        }
        let gap_end = prev_end.filter(|pe| g.x - pe > 0.18 * line.size && !out.ends_with(' '));
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
    first_word_end.unwrap_or(last_end) - start_x
}

/// Group a page's glyphs and rules into items (flow lines and table rows).
pub(super) fn layout_page(c: &PageContent) -> PageLines {
    let gl = &c.glyphs;
    let lines = build_lines(c);
    // Pathological pages (thousands of rules) are read without table detection, which is
    // quadratic in the number of rules.
    let (hc, vr) = if c.rules.len() <= MAX_RULES {
        cluster_rules(&c.rules)
    } else {
        (Vec::new(), Vec::new())
    };

    // 2. Pieces: cut lines at wide gaps and at vertical rules crossing them.
    let mut pieces: Vec<Piece> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let crossing: Vec<f32> = vr
            .iter()
            .filter(|r| r.from <= line.y - 0.5 * line.size && r.to >= line.y - 1.0)
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
                if gap > 1.0 * line.size || rule_between {
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

    // 3. Bands between horizontal rules.
    let covers = |cl: &HCluster, x: f32| cl.segs.iter().any(|s| s.0 - 2.0 <= x && x <= s.1 + 2.0);
    let mut band_of: Vec<Option<(usize, usize)>> = Vec::with_capacity(pieces.len());
    for p in &pieces {
        let Some(line) = lines.get(p.line) else {
            band_of.push(None);
            continue;
        };
        let cx = (p.x0 + p.x1) / 2.0;
        let top = line.y - 0.75 * line.size;
        let bottom = line.y + 0.1 * line.size;
        // `hc` is sorted by y: look a bounded number of clusters up and down.
        let split = hc.partition_point(|cl| cl.y <= top + 1.0);
        let above = (0..split)
            .rev()
            .take(200)
            .find(|&i| hc.get(i).is_some_and(|cl| covers(cl, cx)));
        let from = hc.partition_point(|cl| cl.y < bottom);
        let below = (from..hc.len())
            .take(200)
            .find(|&i| hc.get(i).is_some_and(|cl| covers(cl, cx)));
        band_of.push(above.zip(below));
    }
    // Separators of each band.
    let mut bands: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (pi, b) in band_of.iter().enumerate() {
        if let Some(b) = b {
            bands.entry(*b).or_default().push(pi);
        }
    }
    let mut items: Vec<Item> = Vec::new();
    let mut in_row = vec![false; pieces.len()];
    let mut band_keys: Vec<(usize, usize)> = bands.keys().copied().collect();
    band_keys.sort_unstable();
    // First the separators of every band, then which bands are table rows: bands with
    // separators, and one-cell bands enclosed by vertical rules (or, on pages drawn without
    // vertical rules, lying between two table rows).
    let mut infos: Vec<BandInfo> = Vec::new();
    for key in band_keys {
        let Some(members) = bands.get(&key) else {
            continue;
        };
        let (Some(top), Some(bot)) = (hc.get(key.0), hc.get(key.1)) else {
            continue;
        };
        let (minx, maxx) = members
            .iter()
            .filter_map(|&pi| pieces.get(pi))
            .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.x0), b.max(p.x1)));
        let overlapping = |s: &&(f32, f32)| s.1 >= minx && s.0 <= maxx;
        let outer = top
            .segs
            .iter()
            .filter(overlapping)
            .fold((f32::MAX, f32::MIN), |(a, b), s| (a.min(s.0), b.max(s.1)));
        if outer.0 >= outer.1 {
            continue;
        }
        let h = bot.y - top.y;
        // Column separators: vertical rules spanning the band, and places where both the
        // rule above and the rule below are cut (tables drawn with horizontal rules only).
        let ends = |cl: &HCluster| -> Vec<f32> {
            cl.segs
                .iter()
                .filter(|s| s.1 >= minx && s.0 <= maxx)
                .flat_map(|s| [s.0, s.1])
                .collect()
        };
        let bot_ends = ends(bot);
        let mut seps: Vec<f32> = vr
            .iter()
            .filter(|r| r.from <= top.y + 0.1 * h + 1.0 && r.to >= bot.y - 0.1 * h - 1.0)
            .map(|r| r.pos)
            .chain(
                ends(top)
                    .into_iter()
                    .filter(|x| bot_ends.iter().any(|b| (b - x).abs() <= 2.0)),
            )
            .filter(|&x| x > outer.0 + 3.0 && x < outer.1 - 3.0)
            .collect();
        seps.sort_by(f32::total_cmp);
        seps.dedup_by(|a, b| (*a - *b).abs() < 3.0);
        let spans = |x: f32| {
            vr.iter().any(|r| {
                (r.pos - x).abs() <= 3.0
                    && r.from <= top.y + 0.1 * h + 1.0
                    && r.to >= bot.y - 0.1 * h - 1.0
            })
        };
        let enclosed = spans(outer.0) && spans(outer.1);
        infos.push((key, outer, seps, enclosed));
    }
    let table_clusters: Vec<usize> = infos
        .iter()
        .filter(|i| !i.2.is_empty())
        .flat_map(|i| [i.0 .0, i.0 .1])
        .collect();
    let page_has_vertical = !vr.is_empty();
    for (key, outer, seps, enclosed) in infos {
        let one_cell_row = seps.is_empty()
            && if page_has_vertical {
                enclosed
            } else {
                table_clusters.contains(&key.0) && table_clusters.contains(&key.1)
            };
        if seps.is_empty() && !one_cell_row {
            continue;
        }
        let Some(members) = bands.get(&key) else {
            continue;
        };
        let (Some(top), Some(bot)) = (hc.get(key.0), hc.get(key.1)) else {
            continue;
        };
        // Cut pieces that straddle a separator, then sort them into columns.
        let mut cells: Vec<Vec<Piece>> = vec![Vec::new(); seps.len() + 1];
        for &pi in members {
            let Some(&p) = pieces.get(pi) else { continue };
            if let Some(f) = in_row.get_mut(pi) {
                *f = true;
            }
            let Some(line) = lines.get(p.line) else {
                continue;
            };
            let mut start = p.a;
            for k in p.a..p.b {
                let Some(g) = line.glyphs.get(k).and_then(|&i| gl.get(i)) else {
                    continue;
                };
                let center = g.x + g.w / 2.0;
                let col_start = line
                    .glyphs
                    .get(start)
                    .and_then(|&i| gl.get(i))
                    .map_or(0, |s| column(&seps, s.x + s.w / 2.0));
                if k > start && column(&seps, center) != col_start {
                    if let Some(cell) = cells.get_mut(col_start) {
                        cell.push(piece(gl, p.line, line, start, k));
                    }
                    start = k;
                }
            }
            let col = line
                .glyphs
                .get(start)
                .and_then(|&i| gl.get(i))
                .map_or(0, |s| column(&seps, s.x + s.w / 2.0));
            if let Some(cell) = cells.get_mut(col) {
                cell.push(piece(gl, p.line, line, start, p.b));
            }
        }
        let mut row_cells: Vec<(f32, String)> = Vec::new();
        let mut size = 0.0f32;
        let mut bold_votes = (0usize, 0usize);
        for (ci, cell) in cells.iter_mut().enumerate() {
            if cell.is_empty() {
                continue;
            }
            cell.sort_by(|p, q| {
                let yp = lines.get(p.line).map_or(0.0, |l| l.y);
                let yq = lines.get(q.line).map_or(0.0, |l| l.y);
                yp.total_cmp(&yq).then(p.x0.total_cmp(&q.x0))
            });
            let mut text = String::new();
            let mut last_line = usize::MAX;
            // Cell edges, for words broken without a hyphen because they did not fit.
            let cell_left = if ci == 0 {
                outer.0
            } else {
                seps.get(ci - 1).copied().unwrap_or(outer.0)
            };
            let cell_right = seps.get(ci).copied().unwrap_or(outer.1);
            let padding = cell
                .iter()
                .map(|p| p.x0 - cell_left)
                .fold(f32::MAX, f32::min)
                .clamp(0.0, 20.0);
            let mut prev_end: Option<(f32, bool)> = None;
            for p in cell.iter() {
                let Some(line) = lines.get(p.line) else {
                    continue;
                };
                size = size.max(line.size);
                count_bold(gl, line, p, &mut bold_votes);
                let mut t = String::new();
                compose(c, line, p.a, p.b, &mut t);
                let t = normalize_start(t.trim());
                if t.is_empty() {
                    continue;
                }
                let first_w = line
                    .glyphs
                    .get(p.a)
                    .and_then(|&i| gl.get(i))
                    .map_or(0.0, |g| g.w);
                if p.line == last_line {
                    text.push(' ');
                    text.push_str(&t);
                } else if prev_end.is_some_and(|(x1, single)| {
                    single
                        && t.chars().next().is_some_and(char::is_lowercase)
                        && x1 + first_w > cell_right - padding - 0.5
                }) {
                    // "improveme" / "nt": the word may have been cut at the cell edge;
                    // decided in `resolve_cuts` once all the document's words are known.
                    text.push(CUT);
                    text.push_str(&t);
                } else {
                    join_line(&mut text, &t);
                }
                let single = !t.contains(' ') && (p.line != last_line || prev_end.is_none());
                prev_end = Some((p.x1, single));
                last_line = p.line;
            }
            if !text.is_empty() {
                let left = if ci == 0 {
                    outer.0
                } else {
                    seps.get(ci - 1).copied().unwrap_or(outer.0)
                };
                row_cells.push((left, text));
            }
        }
        if row_cells.is_empty() {
            continue;
        }
        let text = row_cells
            .iter()
            .map(|c| c.1.as_str())
            .collect::<Vec<_>>()
            .join("\t");
        items.push(Item {
            row: true,
            top: top.y,
            y: bot.y,
            x0: outer.0,
            x1: outer.1,
            size,
            bold: bold_votes.0 > bold_votes.1,
            text,
            cells: row_cells,
            columns: std::iter::once(outer.0)
                .chain(seps.iter().copied())
                .collect(),
            first_word_w: 0.0,
        });
    }

    // 4. Flow lines: the remaining pieces of each line.
    let mut by_line: Vec<Vec<Piece>> = vec![Vec::new(); lines.len()];
    for (pi, p) in pieces.iter().enumerate() {
        if !in_row.get(pi).copied().unwrap_or(false) {
            if let Some(v) = by_line.get_mut(p.line) {
                v.push(*p);
            }
        }
    }
    for (li, ps) in by_line.iter().enumerate() {
        let (Some(line), Some(first)) = (lines.get(li), ps.first()) else {
            continue;
        };
        let mut text = String::new();
        let mut first_word_w = 0.0;
        let mut bold_votes = (0usize, 0usize);
        let mut prev_x1: Option<f32> = None;
        for p in ps {
            count_bold(gl, line, p, &mut bold_votes);
            let mut t = String::new();
            let w = compose(c, line, p.a, p.b, &mut t);
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            match prev_x1 {
                None => first_word_w = w,
                Some(px) => {
                    // A very wide gap after something other than a list marker keeps
                    // the columns apart.
                    if p.x0 - px > 4.0 * line.size && !is_marker(&normalize_start(&text)) {
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
        items.push(Item {
            row: false,
            top: line.y - 0.75 * line.size,
            y: line.y,
            x0: first.x0,
            x1,
            size: line.size,
            bold: bold_votes.0 > bold_votes.1,
            text,
            cells: Vec::new(),
            columns: Vec::new(),
            first_word_w,
        });
    }
    // A row cut by the page break before any of its text: an empty row below the last
    // one, bounded by a synthetic rule, so that the next page's part joins it.
    let last_row_bottom = items
        .iter()
        .filter(|it| it.row)
        .map(|it| it.y)
        .fold(f32::MIN, f32::max);
    let cut_row = hc
        .iter()
        .rev()
        .find(|c| c.synthetic && c.y > last_row_bottom + 2.0)
        .and_then(|cut| {
            hc.iter()
                .rev()
                .find(|c| !c.synthetic && c.y < cut.y && c.y >= last_row_bottom - 2.0)
                .map(|top| (top, cut))
        });
    if let Some((top, cut)) = cut_row {
        let mut cols: Vec<f32> = vr
            .iter()
            .filter(|r| r.from <= top.y + 2.0 && (r.to - cut.y).abs() <= 2.0)
            .map(|r| r.pos)
            .collect();
        cols.sort_by(f32::total_cmp);
        cols.dedup_by(|a, b| (*a - *b).abs() < 3.0);
        let no_text = lines.iter().all(|l| l.y < top.y || l.y > cut.y);
        if cols.len() >= 2 && no_text {
            cols.pop();
            items.push(Item {
                row: true,
                top: top.y,
                y: cut.y,
                x0: cols.first().copied().unwrap_or(0.0),
                x1: cols.last().copied().unwrap_or(0.0),
                size: 0.0,
                bold: false,
                text: String::new(),
                cells: Vec::new(),
                columns: cols,
                first_word_w: 0.0,
            });
        }
    }
    items.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    PageLines {
        page_no: c.page_no,
        height: c.height,
        items,
    }
}

fn count_bold(gl: &[Glyph], line: &TLine, p: &Piece, votes: &mut (usize, usize)) {
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

fn column(seps: &[f32], x: f32) -> usize {
    seps.iter().filter(|&&s| s < x).count()
}

fn piece(gl: &[Glyph], line: usize, l: &TLine, a: usize, b: usize) -> Piece {
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

const BULLETS: &[char] = &[
    '\u{F0B7}', '\u{2022}', '\u{F0A7}', '\u{25AA}', '\u{25CF}', '\u{F0FC}', '\u{F076}', '\u{F0D8}',
    '\u{25E6}', '\u{2023}', '\u{2043}', '\u{25A0}', '\u{F0A8}',
];

/// Bullet glyphs at the start of a line become "- ".
fn normalize_start(t: &str) -> String {
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
fn is_marker(t: &str) -> bool {
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

/// Append a wrapped line to a paragraph or cell: a hard hyphen at the end is kept and
/// joined without a space; a soft hyphen is removed.
fn join_line(acc: &mut String, next: &str) {
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
        acc.push_str(next);
        return;
    }
    acc.push(' ');
    acc.push_str(next);
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['’', '”', '"', '\'', ')']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// A table row's first cell that starts a new row rather than continuing one.
fn starts_with_section_number(t: &str) -> bool {
    let word = t.split([' ', '\t']).next().unwrap_or("");
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Key for repeated header/footer lines: lowercase, digits removed.
fn margin_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_ascii_digit())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let core: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = core.split(" of ");
    let ok = |s: Option<&str>| {
        s.is_some_and(|s| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
    };
    match (parts.next(), parts.next(), parts.next()) {
        (a, None, _) => {
            ok(a)
                || a.is_some_and(|a| {
                    let a = a.trim_matches(['-', '–', ' ']);
                    ok(Some(a))
                })
        }
        (a, b, None) => ok(a) && ok(b),
        _ => false,
    }
}

/// Document-level pass: drop running headers/footers, then emit rows and paragraphs,
/// joining what page breaks cut.
pub(super) fn assemble(mut pages: Vec<PageLines>) -> Vec<Line> {
    // Repeated margin lines.
    let n_pages = pages.len();
    let in_margin = |it: &Item, h: f32| h > 0.0 && (it.y < 0.1 * h || it.top > 0.9 * h);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in &pages {
        let mut keys: Vec<String> = p
            .items
            .iter()
            .filter(|it| !it.row && in_margin(it, p.height))
            .map(|it| margin_key(&it.text))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let threshold = n_pages.div_ceil(2).max(2);
    for p in &mut pages {
        let h = p.height;
        p.items.retain(|it| {
            if it.row || !in_margin(it, h) {
                return true;
            }
            if is_page_number(&it.text) {
                return false;
            }
            // "Running title<TAB>12" or "12<TAB>Running title" in a margin.
            let mut cells = it.text.split('\t');
            let (first, last) = (cells.next(), it.text.rsplit('\t').next());
            if it.text.contains('\t')
                && (first.is_some_and(is_page_number) || last.is_some_and(is_page_number))
            {
                return false;
            }
            let k = margin_key(&it.text);
            k.is_empty() || seen.get(&k).copied().unwrap_or(0) < threshold
        });
    }

    let mut out: Vec<Line> = Vec::new();
    // The item the next one may continue: (index into out, item), for flow or row.
    let mut last: Option<(usize, Item)> = None;
    for p in pages {
        let page = p.page_no;
        // Right edge of the text column: a high percentile of the flow lines' right ends
        // (a single wide line, such as a URL, must not move it).
        let mut ends: Vec<f32> = p
            .items
            .iter()
            .filter(|it| !it.row)
            .map(|it| it.x1)
            .collect();
        ends.sort_by(f32::total_cmp);
        let right_margin = ends
            .get(ends.len().saturating_mul(8) / 10)
            .copied()
            .unwrap_or(0.0);
        for (k, it) in p.items.into_iter().enumerate() {
            let first_on_page = k == 0;
            if it.row {
                // A row at the top of a page that does not start a numbered row continues
                // the row cut by the page break.
                let continues = first_on_page
                    && last.as_ref().is_some_and(|(_, prev)| {
                        prev.row
                            && prev.columns.len() == it.columns.len()
                            && prev
                                .columns
                                .iter()
                                .zip(it.columns.iter())
                                .all(|(a, b)| (a - b).abs() < 6.0)
                    })
                    && !it
                        .cells
                        .first()
                        .is_some_and(|c| starts_with_section_number(&c.1));
                if let (true, Some((li, prev))) = (continues, last.as_mut()) {
                    for (left, t) in &it.cells {
                        let slot = prev
                            .cells
                            .iter()
                            .position(|c| (c.0 - left).abs() < 6.0)
                            .or_else(|| prev.cells.iter().rposition(|c| c.0 <= *left + 6.0));
                        match slot.and_then(|s| prev.cells.get_mut(s)) {
                            Some(cell)
                                if cell.1.ends_with(char::is_alphabetic)
                                    && t.starts_with(char::is_lowercase) =>
                            {
                                // Possibly a word cut by the page break ("improveme" / "nt").
                                cell.1.push(CUT);
                                cell.1.push_str(t);
                            }
                            Some(cell) => join_line(&mut cell.1, t),
                            None => prev.cells.push((*left, t.clone())),
                        }
                    }
                    if let Some(line) = out.get_mut(*li) {
                        line.text = prev
                            .cells
                            .iter()
                            .map(|c| c.1.as_str())
                            .collect::<Vec<_>>()
                            .join("\t");
                    }
                    continue;
                }
                if it.cells.is_empty() {
                    // An empty row cut by the page break: only a target for the next page.
                    if !last.as_ref().is_some_and(|l| l.1.row) {
                        push_blank(&mut out, page);
                    }
                    out.push(Line {
                        page,
                        text: String::new(),
                    });
                    last = Some((out.len() - 1, it));
                    continue;
                }
                if !last.as_ref().is_some_and(|l| l.1.row) {
                    push_blank(&mut out, page);
                }
                out.push(Line {
                    page,
                    text: it.text.clone(),
                });
                last = Some((out.len() - 1, it));
                continue;
            }
            // Flow line: continue the previous paragraph?
            let join = match &last {
                Some((_, prev)) if !prev.row => {
                    // An unfinished sentence continued in lower case, across a page break
                    // or a gap.
                    let unfinished = !ends_sentence(&prev.text)
                        && it.text.chars().next().is_some_and(char::is_lowercase)
                        && (prev.size - it.size).abs() < 0.6
                        && prev.bold == it.bold
                        && !prev.text.contains('\t')
                        && !it.text.contains('\t');
                    if first_on_page {
                        unfinished
                    } else {
                        continues_paragraph(prev, &it, right_margin)
                            || (unfinished
                                && it.y > prev.y
                                && it.y - prev.y < 3.0 * it.size
                                && (it.x0 - prev.x0).abs() < 2.0)
                    }
                }
                _ => false,
            };
            if let (true, Some((li, prev))) = (join, last.as_mut()) {
                if let Some(line) = out.get_mut(*li) {
                    join_line(&mut line.text, &it.text);
                }
                prev.y = it.y;
                prev.x1 = it.x1;
                prev.x0 = it.x0;
                prev.text = it.text;
                prev.first_word_w = it.first_word_w;
                continue;
            }
            push_blank(&mut out, page);
            out.push(Line {
                page,
                text: it.text.clone(),
            });
            let mut it = it;
            // Keep the first line's x0 as the paragraph's start (hanging indents).
            it.x1 = it.x1.max(0.0);
            last = Some((out.len() - 1, it));
        }
    }
    // Empty rows that nothing continued leave blank lines: keep one between items.
    out.dedup_by(|b, a| a.text.is_empty() && b.text.is_empty());
    while out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    if out.first().is_some_and(|l| l.text.is_empty()) {
        out.remove(0);
    }
    resolve_cuts(&mut out);
    out
}

/// Marks a line break inside a table cell where a too-long word may have been cut.
const CUT: char = '\u{1}';

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Join the two sides of a [`CUT`] when together they make a word used elsewhere in the
/// document and one side alone is not a word; otherwise the cut becomes a space.
fn resolve_cuts(out: &mut [Line]) {
    if !out.iter().any(|l| l.text.contains(CUT)) {
        return;
    }
    let mut words: std::collections::HashSet<String> = std::collections::HashSet::new();
    for l in out.iter() {
        for w in l.text.split(char::is_whitespace) {
            if w.contains(CUT) {
                continue;
            }
            let k = word_key(w);
            if !k.is_empty() {
                words.insert(k);
            }
        }
    }
    for l in out.iter_mut() {
        if !l.text.contains(CUT) {
            continue;
        }
        let mut result = String::with_capacity(l.text.len());
        let mut parts = l.text.split(CUT);
        if let Some(first) = parts.next() {
            result.push_str(first);
        }
        for next in parts {
            let left = result
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let right = next.split(|c: char| c.is_whitespace()).next().unwrap_or("");
            let (lk, rk) = (word_key(left), word_key(right));
            let joined = word_key(&format!("{left}{right}"));
            let join = !lk.is_empty()
                && !rk.is_empty()
                && words.contains(&joined)
                && (!words.contains(&lk) || !words.contains(&rk));
            if !join {
                result.push(' ');
            }
            result.push_str(next);
        }
        l.text = result;
    }
}

fn push_blank(out: &mut Vec<Line>, page: u32) {
    if out.last().is_some_and(|l| !l.text.is_empty()) {
        out.push(Line {
            page,
            text: String::new(),
        });
    }
}

/// Does flow line `b` continue the paragraph whose last line is `a` (same page)?
fn continues_paragraph(a: &Item, b: &Item, right_margin: f32) -> bool {
    let size = a.size.max(b.size);
    let gap = b.y - a.y;
    if gap <= 0.0 || gap > 1.6 * size {
        return false;
    }
    if (a.size - b.size).abs() > 0.6 || a.bold != b.bold {
        return false;
    }
    if a.text.contains('\t') || b.text.contains('\t') || is_marker(&b.text) {
        return false;
    }
    // Outdented: a new paragraph after an indented continuation line.
    if b.x0 < a.x0 - 2.0 {
        return false;
    }
    // Indented further than the paragraph's text: a block of its own.
    if b.x0 > a.x0 + 2.0 * size && !is_marker(&a.text) {
        return false;
    }
    // The previous line ended early although the next word would have fitted.
    let hyphen = a.text.ends_with('-') || a.text.ends_with('\u{ad}');
    if !hyphen && a.x1 + b.first_word_w + 1.5 * size < right_margin {
        return false;
    }
    true
}
