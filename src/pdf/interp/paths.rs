//! Paths: enough construction and painting to see table rules and clip boxes.

use super::{apply, f, Interp, Rule, MAX_PATH_POINTS, MAX_RULES};
use crate::pdf::content::Operand;
use crate::pdf::tolerance as tol;

impl Interp<'_, '_> {
    /// Path construction and painting: enough to see table rules and clip boxes.
    pub(super) fn path_op(&mut self, operator: &[u8], ops: &[Operand<'_>]) {
        match operator {
            b"m" => {
                if let (Some(x), Some(y)) = (f(ops, 0), f(ops, 1)) {
                    let p = apply(&self.gs.ctm, x, y);
                    if self.path.len() < MAX_PATH_POINTS {
                        self.path.push((vec![p], false));
                    }
                }
            }
            b"l" => {
                if let (Some(x), Some(y)) = (f(ops, 0), f(ops, 1)) {
                    let p = apply(&self.gs.ctm, x, y);
                    match self.path.last_mut() {
                        Some((pts, _)) if pts.len() < MAX_PATH_POINTS => pts.push(p),
                        Some(_) => {}
                        None => self.path.push((vec![p], false)),
                    }
                }
            }
            b"c" | b"v" | b"y" => {
                // Curves are never table rules: end the subpath at the curve's end.
                let n = ops.len();
                if let (Some(x), Some(y), true) = (
                    n.checked_sub(2).and_then(|i| f(ops, i)),
                    n.checked_sub(1).and_then(|i| f(ops, i)),
                    self.path.len() < MAX_PATH_POINTS,
                ) {
                    let p = apply(&self.gs.ctm, x, y);
                    self.path.push((vec![p], false));
                }
            }
            b"re" => {
                if let (Some(x), Some(y), Some(w), Some(h), true) = (
                    f(ops, 0),
                    f(ops, 1),
                    f(ops, 2),
                    f(ops, 3),
                    self.path.len() < MAX_PATH_POINTS,
                ) {
                    let c = &self.gs.ctm;
                    let pts = vec![
                        apply(c, x, y),
                        apply(c, x + w, y),
                        apply(c, x + w, y + h),
                        apply(c, x, y + h),
                    ];
                    self.path.push((pts, true));
                }
            }
            b"h" => {
                if let Some(last) = self.path.last_mut() {
                    last.1 = true;
                }
            }
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                let path = std::mem::take(&mut self.path);
                self.rules_from_path(&path);
                self.apply_clip(&path);
            }
            b"n" => {
                let path = std::mem::take(&mut self.path);
                self.apply_clip(&path);
            }
            b"W" | b"W*" => self.pending_clip = true,
            _ => {}
        }
    }

    fn rules_from_path(&mut self, path: &[(Vec<(f64, f64)>, bool)]) {
        let thin = f64::from(tol::RULE_MAX_THICKNESS_PT);
        let straight = f64::from(tol::SEGMENT_STRAIGHT_PT);
        let long = f64::from(tol::SEGMENT_MIN_LENGTH_PT);
        for (pts, closed) in path {
            // A thin rectangle is a rule along its long side.
            if *closed && pts.len() == 4 {
                let (minx, maxx, miny, maxy) = pts.iter().fold(
                    (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
                    |(a, b, c, d), &(x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
                );
                let (w, h) = (maxx - minx, maxy - miny);
                if h <= thin && w > h {
                    self.push_rule(true, (miny + maxy) / 2.0, minx, maxx);
                    continue;
                }
                if w <= thin && h > w {
                    self.push_rule(false, (minx + maxx) / 2.0, miny, maxy);
                    continue;
                }
                if w > thin && h > thin {
                    // A box (cell background or border): its four edges.
                    self.push_rule(true, miny, minx, maxx);
                    self.push_rule(true, maxy, minx, maxx);
                    self.push_rule(false, minx, miny, maxy);
                    self.push_rule(false, maxx, miny, maxy);
                    continue;
                }
            }
            let first = pts.first().copied();
            let segs = pts
                .windows(2)
                .filter_map(|w| match w {
                    [a, b] => Some((*a, *b)),
                    _ => None,
                })
                .chain(if *closed {
                    first.zip(pts.last().copied()).map(|(f, l)| (l, f))
                } else {
                    None
                });
            let segs: Vec<_> = segs.collect();
            for ((ax, ay), (bx, by)) in segs {
                if (ay - by).abs() < straight && (ax - bx).abs() >= long {
                    self.push_rule(true, (ay + by) / 2.0, ax.min(bx), ax.max(bx));
                } else if (ax - bx).abs() < straight && (ay - by).abs() >= long {
                    self.push_rule(false, (ax + bx) / 2.0, ay.min(by), ay.max(by));
                }
            }
        }
    }

    /// Intersect the clip box with the bounding box of `path` after a pending W/W*.
    fn apply_clip(&mut self, path: &[(Vec<(f64, f64)>, bool)]) {
        if !std::mem::take(&mut self.pending_clip) {
            return;
        }
        let bb = path.iter().flat_map(|p| p.0.iter()).fold(
            [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
            |[a, b, c, d], &(x, y)| [a.min(x), b.min(y), c.max(x), d.max(y)],
        );
        if bb[0] > bb[2] {
            return;
        }
        self.gs.clip = Some(match self.gs.clip {
            Some([a, b, c, d]) => [a.max(bb[0]), b.max(bb[1]), c.min(bb[2]), d.min(bb[3])],
            None => bb,
        });
    }

    /// Record a rule given in device space, cut to the clip box.
    fn push_rule(&mut self, horizontal: bool, pos: f64, a: f64, b: f64) {
        if self.out.rules.len() >= MAX_RULES || ![pos, a, b].iter().all(|v| v.is_finite()) {
            return;
        }
        let (mut a, mut b) = (a, b);
        if let Some([cx0, cy0, cx1, cy1]) = self.gs.clip {
            let (lo, hi, plo, phi) = if horizontal {
                (cx0, cx1, cy0, cy1)
            } else {
                (cy0, cy1, cx0, cx1)
            };
            let slack = f64::from(tol::CLIP_SLACK_PT);
            if pos < plo - slack || pos > phi + slack {
                return;
            }
            a = a.max(lo);
            b = b.min(hi);
            if b - a < f64::from(tol::MIN_CLIPPED_RULE_PT) {
                return;
            }
        }
        let rule = if horizontal {
            Rule {
                horizontal,
                pos: (self.y1 - pos) as f32,
                from: (a - self.x0) as f32,
                to: (b - self.x0) as f32,
            }
        } else {
            let (p, q) = (self.y1 - a, self.y1 - b);
            Rule {
                horizontal,
                pos: (pos - self.x0) as f32,
                from: p.min(q) as f32,
                to: p.max(q) as f32,
            }
        };
        self.out.rules.push(rule);
    }
}
