//! Drawn table rules: horizontal rules clustered by height, vertical rules merged, and
//! rows cut open by a page break closed with a synthetic rule.

use super::super::interp::Rule;
use super::super::tolerance as tol;

/// Most segments kept per horizontal rule line.
const MAX_SEGMENTS_PER_CLUSTER: usize = 1_000;
/// Most merged vertical rules kept per page.
const MAX_VERTICAL_RULES: usize = 20_000;
/// How many previous vertical rules a piece is tried against for merging.
const VERTICAL_MERGE_LOOKBACK: usize = 50;
/// Most unmet vertical rule ends considered per page.
const MAX_OPEN_ENDS: usize = 10_000;

/// Horizontal rules at one y.
pub(super) struct HCluster {
    pub y: f32,
    pub segs: Vec<(f32, f32)>,
    /// Added where a table was cut by the page edge (no rule drawn).
    pub synthetic: bool,
}

impl HCluster {
    /// Does one of the segments reach `x`?
    pub fn covers(&self, x: f32) -> bool {
        self.segs
            .iter()
            .any(|s| s.0 - tol::RULE_MEET_PT <= x && x <= s.1 + tol::RULE_MEET_PT)
    }
}

/// The page's horizontal rule lines (sorted by y) and merged vertical rules.
pub(super) fn cluster_rules(rules: &[Rule]) -> (Vec<HCluster>, Vec<Rule>) {
    let mut h: Vec<&Rule> = rules.iter().filter(|r| r.horizontal).collect();
    h.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut hc: Vec<HCluster> = Vec::new();
    for r in h {
        match hc.last_mut() {
            Some(c) if r.pos - c.y <= tol::RULE_CLUSTER_DY_PT => {
                if c.segs.len() < MAX_SEGMENTS_PER_CLUSTER {
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
    let near = tol::VERTICAL_MERGE_PT;
    for r in v {
        if let Some(last) = vm.iter_mut().rev().take(VERTICAL_MERGE_LOOKBACK).find(|m| {
            (m.pos - r.pos).abs() <= near && r.from <= m.to + near && r.to >= m.from - near
        }) {
            last.to = last.to.max(r.to);
            last.from = last.from.min(r.from);
        } else if vm.len() < MAX_VERTICAL_RULES {
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
            let met = hc
                .iter()
                .any(|c| (c.y - y).abs() <= tol::RULE_MEET_PT && c.covers(r.pos));
            if !met && ends.len() < MAX_OPEN_ENDS {
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
            .take_while(|e| e.0 - y0 <= tol::RULE_ENDS_DY_PT)
            .map(|e| e.1)
            .collect();
        i += group.len().max(1);
        let (lo, hi) = group
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        if group.len() >= 2 && hi - lo > tol::MIN_CUT_WIDTH_PT {
            hc.push(HCluster {
                y: y0,
                segs: vec![(lo, hi)],
                synthetic: true,
            });
        }
    }
    hc.sort_by(|a, b| a.y.total_cmp(&b.y));
}
