//! Table bands: the pieces between two horizontal rule lines. A band whose rules show
//! column separators (vertical rules, or horizontal rule segments ending inside it) is a
//! table row: its pieces are grouped into cells, a cell's lines joined by spaces, the cells
//! by TAB.

use std::collections::HashMap;

use super::super::interp::{PageContent, Rule};
use super::super::tolerance as tol;
use super::flow::{join_line, normalize_start};
use super::lines::{compose, count_bold, piece, Piece, TLine};
use super::rulings::HCluster;
use super::{Item, CUT};

/// How many rule lines above and below a piece are tried for its band.
const BAND_LOOKUP: usize = 200;

/// A band between two horizontal rule lines, and what its rules say about its columns.
struct Band {
    /// Index (into the page's rule lines) of the rule line above.
    above: usize,
    /// Index of the rule line below.
    below: usize,
    /// y of the rule lines above and below.
    top: f32,
    bottom: f32,
    /// Left and right ends of the rule above, where it overlaps the band's text.
    left: f32,
    right: f32,
    /// Column separators (x), sorted: vertical rules spanning the band, and places where
    /// both the rule above and the rule below are cut.
    seps: Vec<f32>,
    /// Vertical rules run down both outer edges.
    enclosed: bool,
    /// The pieces in the band (indices into the page's pieces).
    members: Vec<usize>,
}

/// What a page's table detection looks at.
struct Geometry<'a> {
    c: &'a PageContent,
    lines: &'a [TLine],
    pieces: &'a [Piece],
    hc: &'a [HCluster],
    vr: &'a [Rule],
}

/// Does a glyph of the band's pieces `members` lie across `x`?
fn crossed(page: &Geometry<'_>, members: &[usize], x: f32) -> bool {
    let slack = tol::SEPARATOR_CROSS_PT;
    members
        .iter()
        .filter_map(|&pi| page.pieces.get(pi))
        .any(|p| {
            page.lines.get(p.line).is_some_and(|line| {
                line.glyphs
                    .get(p.a..p.b)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|&gi| page.c.glyphs.get(gi))
                    .any(|g| g.x + slack < x && g.x + g.w - slack > x)
            })
        })
}

/// The page's items and what became of each piece.
pub(super) struct Rows {
    /// Table rows found on the page.
    pub items: Vec<Item>,
    /// Parallel to the pieces: the piece belongs to a table row.
    pub in_row: Vec<bool>,
}

/// The band (rule line above, rule line below) of each piece, if it lies between two.
fn band_of_pieces(
    lines: &[TLine],
    pieces: &[Piece],
    hc: &[HCluster],
) -> Vec<Option<(usize, usize)>> {
    let mut band_of: Vec<Option<(usize, usize)>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let Some(line) = lines.get(p.line) else {
            band_of.push(None);
            continue;
        };
        let cx = (p.x0 + p.x1) / 2.0;
        let top = line.y - tol::ASCENT_EM * line.size;
        let bottom = line.y + tol::DESCENT_EM * line.size;
        // `hc` is sorted by y: look a bounded number of clusters up and down.
        let split = hc.partition_point(|cl| cl.y <= top + tol::BAND_TOP_SLACK_PT);
        let above = (0..split)
            .rev()
            .take(BAND_LOOKUP)
            .find(|&i| hc.get(i).is_some_and(|cl| cl.covers(cx)));
        let from = hc.partition_point(|cl| cl.y < bottom);
        let below = (from..hc.len())
            .take(BAND_LOOKUP)
            .find(|&i| hc.get(i).is_some_and(|cl| cl.covers(cx)));
        band_of.push(above.zip(below));
    }
    band_of
}

/// The bands of the page in order (by rule line above, then below), with their columns.
fn bands(page: &Geometry<'_>, band_of: &[Option<(usize, usize)>]) -> Vec<Band> {
    let hc = page.hc;
    let mut groups: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (pi, b) in band_of.iter().enumerate() {
        if let Some(b) = b {
            groups.entry(*b).or_default().push(pi);
        }
    }
    let mut keys: Vec<(usize, usize)> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    for key in keys {
        let Some(members) = groups.remove(&key) else {
            continue;
        };
        let (Some(top), Some(bot)) = (hc.get(key.0), hc.get(key.1)) else {
            continue;
        };
        if let Some(band) = band(page, key, top, bot, members) {
            out.push(band);
        }
    }
    out
}

/// A band's outer edges and column separators; `None` when its rule above does not reach
/// over its text.
fn band(
    page: &Geometry<'_>,
    key: (usize, usize),
    top: &HCluster,
    bot: &HCluster,
    members: Vec<usize>,
) -> Option<Band> {
    let (pieces, vr) = (page.pieces, page.vr);
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
        return None;
    }
    let h = bot.y - top.y;
    // Does vertical rule `r` run from the rule above to the rule below, give or take?
    let spans_band = |r: &Rule| {
        r.from <= top.y + tol::BAND_SPAN_SLACK * h + tol::BAND_SPAN_SLACK_PT
            && r.to >= bot.y - tol::BAND_SPAN_SLACK * h - tol::BAND_SPAN_SLACK_PT
    };
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
    let inside =
        |x: &f32| *x > outer.0 + tol::SEPARATOR_EDGE_PT && *x < outer.1 - tol::SEPARATOR_EDGE_PT;
    let mut seps: Vec<f32> = vr
        .iter()
        .filter(|r| spans_band(r))
        .map(|r| r.pos)
        .filter(inside)
        .collect();
    let cuts: Vec<f32> = ends(top)
        .into_iter()
        .filter(|x| {
            bot_ends
                .iter()
                .any(|b| (b - x).abs() <= tol::SEPARATOR_ENDS_PT)
        })
        .filter(inside)
        .collect();
    // Text drawn across a place where both rules are cut shows that the rules above and
    // below belong to two tables that happen to share their columns, with prose between
    // them: then none of their cuts is a column (prose may leave a word gap at another).
    if !cuts.iter().any(|&x| crossed(page, &members, x)) {
        seps.extend(cuts);
    }
    seps.sort_by(f32::total_cmp);
    seps.dedup_by(|a, b| (*a - *b).abs() < tol::SEPARATOR_MERGE_PT);
    seps.retain(|&x| !crossed(page, &members, x));
    let spans = |x: f32| {
        vr.iter()
            .any(|r| (r.pos - x).abs() <= tol::ENCLOSING_RULE_PT && spans_band(r))
    };
    let enclosed = spans(outer.0) && spans(outer.1);
    Some(Band {
        above: key.0,
        below: key.1,
        top: top.y,
        bottom: bot.y,
        left: outer.0,
        right: outer.1,
        seps,
        enclosed,
        members,
    })
}

/// The page's table rows: bands with separators, and one-cell bands enclosed by vertical
/// rules (or, on pages drawn without vertical rules, lying between two table rows).
pub(super) fn table_rows(
    c: &PageContent,
    lines: &[TLine],
    pieces: &[Piece],
    hc: &[HCluster],
    vr: &[Rule],
) -> Rows {
    let page = Geometry {
        c,
        lines,
        pieces,
        hc,
        vr,
    };
    let band_of = band_of_pieces(lines, pieces, hc);
    let bands = bands(&page, &band_of);
    let table_clusters: Vec<usize> = bands
        .iter()
        .filter(|b| !b.seps.is_empty())
        .flat_map(|b| [b.above, b.below])
        .collect();
    let page_has_vertical = !vr.is_empty();
    let mut rows = Rows {
        items: Vec::new(),
        in_row: vec![false; pieces.len()],
    };
    for band in &bands {
        let one_cell_row = band.seps.is_empty()
            && if page_has_vertical {
                band.enclosed
            } else {
                table_clusters.contains(&band.above) && table_clusters.contains(&band.below)
            };
        if band.seps.is_empty() && !one_cell_row {
            continue;
        }
        if let Some(item) = row_item(c, lines, pieces, band, &mut rows.in_row) {
            rows.items.push(item);
        }
    }
    rows
}

fn column(seps: &[f32], x: f32) -> usize {
    seps.iter().filter(|&&s| s < x).count()
}

/// The band's pieces sorted into its columns, pieces that straddle a separator cut; each
/// piece is flagged in `in_row`.
fn cells_of(
    c: &PageContent,
    lines: &[TLine],
    pieces: &[Piece],
    band: &Band,
    in_row: &mut [bool],
) -> Vec<Vec<Piece>> {
    let gl = &c.glyphs;
    let seps = &band.seps;
    let mut cells: Vec<Vec<Piece>> = vec![Vec::new(); seps.len() + 1];
    for &pi in &band.members {
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
                .map_or(0, |s| column(seps, s.x + s.w / 2.0));
            if k > start && column(seps, center) != col_start {
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
            .map_or(0, |s| column(seps, s.x + s.w / 2.0));
        if let Some(cell) = cells.get_mut(col) {
            cell.push(piece(gl, p.line, line, start, p.b));
        }
    }
    cells
}

/// Size and bold votes of the glyphs of a row.
#[derive(Default)]
struct RowStyle {
    size: f32,
    bold_votes: (usize, usize),
}

/// One table row from a band, or `None` when it holds no text.
fn row_item(
    c: &PageContent,
    lines: &[TLine],
    pieces: &[Piece],
    band: &Band,
    in_row: &mut [bool],
) -> Option<Item> {
    let mut cells = cells_of(c, lines, pieces, band, in_row);
    let mut row_cells: Vec<(f32, String)> = Vec::new();
    let mut style = RowStyle::default();
    for (ci, cell) in cells.iter_mut().enumerate() {
        if cell.is_empty() {
            continue;
        }
        cell.sort_by(|p, q| {
            let yp = lines.get(p.line).map_or(0.0, |l| l.y);
            let yq = lines.get(q.line).map_or(0.0, |l| l.y);
            yp.total_cmp(&yq).then(p.x0.total_cmp(&q.x0))
        });
        // Cell edges, for words broken without a hyphen because they did not fit.
        let cell_left = if ci == 0 {
            band.left
        } else {
            band.seps.get(ci - 1).copied().unwrap_or(band.left)
        };
        let cell_right = band.seps.get(ci).copied().unwrap_or(band.right);
        let text = cell_text(c, lines, cell, (cell_left, cell_right), &mut style);
        if !text.is_empty() {
            row_cells.push((cell_left, text));
        }
    }
    if row_cells.is_empty() {
        return None;
    }
    let text = row_cells
        .iter()
        .map(|c| c.1.as_str())
        .collect::<Vec<_>>()
        .join("\t");
    Some(Item {
        row: true,
        top: band.top,
        y: band.bottom,
        x0: band.left,
        x1: band.right,
        size: style.size,
        bold: style.bold_votes.0 > style.bold_votes.1,
        text,
        cells: row_cells,
        columns: std::iter::once(band.left)
            .chain(band.seps.iter().copied())
            .collect(),
        first_word_w: 0.0,
        part: false,
    })
}

/// The text of one cell: its pieces (sorted top to bottom) joined, a word that may have
/// been cut at the cell's right edge marked with [`CUT`].
fn cell_text(
    c: &PageContent,
    lines: &[TLine],
    cell: &[Piece],
    (cell_left, cell_right): (f32, f32),
    style: &mut RowStyle,
) -> String {
    let gl = &c.glyphs;
    let mut text = String::new();
    let mut last_line = usize::MAX;
    let padding = cell
        .iter()
        .map(|p| p.x0 - cell_left)
        .fold(f32::MAX, f32::min)
        .clamp(0.0, tol::MAX_CELL_PADDING_PT);
    let mut prev_end: Option<(f32, bool)> = None;
    for p in cell {
        let Some(line) = lines.get(p.line) else {
            continue;
        };
        style.size = style.size.max(line.size);
        count_bold(gl, line, p, &mut style.bold_votes);
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
                && x1 + first_w > cell_right - padding - tol::CELL_FULL_PT
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
    text
}

/// A row cut by the page break before any of its text: an empty row below the last one,
/// bounded by a synthetic rule, so that the next page's part joins it.
pub(super) fn cut_row(
    lines: &[TLine],
    hc: &[HCluster],
    vr: &[Rule],
    items: &[Item],
) -> Option<Item> {
    let last_row_bottom = items
        .iter()
        .filter(|it| it.row)
        .map(|it| it.y)
        .fold(f32::MIN, f32::max);
    let (top, cut) = hc
        .iter()
        .rev()
        .find(|c| c.synthetic && c.y > last_row_bottom + tol::CUT_ROW_PT)
        .and_then(|cut| {
            hc.iter()
                .rev()
                .find(|c| !c.synthetic && c.y < cut.y && c.y >= last_row_bottom - tol::CUT_ROW_PT)
                .map(|top| (top, cut))
        })?;
    let mut cols: Vec<f32> = vr
        .iter()
        .filter(|r| r.from <= top.y + tol::CUT_ROW_PT && (r.to - cut.y).abs() <= tol::CUT_ROW_PT)
        .map(|r| r.pos)
        .collect();
    cols.sort_by(f32::total_cmp);
    cols.dedup_by(|a, b| (*a - *b).abs() < tol::SEPARATOR_MERGE_PT);
    let no_text = lines.iter().all(|l| l.y < top.y || l.y > cut.y);
    if cols.len() < 2 || !no_text {
        return None;
    }
    cols.pop();
    Some(Item {
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
        part: false,
    })
}
