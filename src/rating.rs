//! The rating engine: pure functions that recompute ratings from numbers, reading every
//! band, score and discretion parameter from a [`Framework`]. They return values, never
//! findings, so rules and the dataset can share them.

use crate::framework::{Band, Framework};
use crate::model::{Rating, Report};

/// A fraction of cases: `yes` of `relevant`, or a printed percentage when counts are absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Share {
    Counts { yes: u32, relevant: u32 },
    Percent(f64),
}

impl Share {
    pub fn percent(self) -> Option<f64> {
        match self {
            Share::Counts { relevant: 0, .. } => None,
            Share::Counts { yes, relevant } => Some(f64::from(yes) * 100.0 / f64::from(relevant)),
            Share::Percent(p) => Some(p),
        }
    }
}

fn band_index_in(bands: &[Band], value_times_n: u64, n: u64) -> Option<usize> {
    // value/n in [from, to)  <=>  from*n <= value < to*n  (exact integer arithmetic).
    bands
        .iter()
        .position(|b| u64::from(b.from) * n <= value_times_n && value_times_n < u64::from(b.to) * n)
}

/// The key-question band of a share of cases. Counts are compared exactly
/// (`yes*100 < 50*relevant`); a printed percentage as printed. `None` for a zero
/// denominator or a value outside every band (e.g. 120%).
pub fn case_band(fw: &Framework, share: Share) -> Option<Rating> {
    let bands = &fw.case_bands.as_ref()?.bands;
    case_band_index(bands, share).and_then(|i| bands.get(i).map(|b| b.rating))
}

fn case_band_index(bands: &[Band], share: Share) -> Option<usize> {
    match share {
        Share::Counts { yes, relevant } if relevant > 0 && yes <= relevant => {
            band_index_in(bands, u64::from(yes) * 100, u64::from(relevant))
        }
        Share::Counts { .. } => None,
        Share::Percent(p) if p.is_finite() && p >= 0.0 => {
            // Percentages may carry decimals ("67.5%"): compare in thousandths.
            let milli = (p * 1000.0).round();
            if milli > u64::MAX as f64 {
                return None;
            }
            band_index_in(bands, milli as u64, 1000)
        }
        Share::Percent(_) => None,
    }
}

/// The lowest band among a standard's key questions, and the index of the key question
/// that gives it (the lowest percentage).
pub fn lowest_band(fw: &Framework, shares: &[Share]) -> Option<(Rating, usize)> {
    let mut best: Option<(f64, usize)> = None;
    for (i, s) in shares.iter().enumerate() {
        if let Some(p) = s.percent() {
            if best.is_none_or(|(bp, _)| p < bp) {
                best = Some((p, i));
            }
        }
    }
    let (_, i) = best?;
    let rating = case_band(fw, *shares.get(i)?)?;
    Some((rating, i))
}

/// The scored total of the stated ratings, when every scored standard has one; `None`
/// also where the framework publishes no scores. An unscored standard (2021's
/// resettlement) never counts, rated or not.
pub fn total_score(report: &Report, fw: &Framework) -> Option<u32> {
    fw.scores.as_ref()?;
    let mut total = 0;
    for s in fw.standards.iter().filter(|s| s.scored) {
        total += fw.score(report.stated_rating(&s.id)?.value)?;
    }
    Some(total)
}

/// The overall rating a total score gives; `None` where the framework publishes no bands.
pub fn overall_from_total(fw: &Framework, total: u32) -> Option<Rating> {
    let bands = &fw.overall_bands.as_ref()?.bands;
    band_index_in(bands, u64::from(total), 1).and_then(|i| bands.get(i).map(|b| b.rating))
}

/// Which of the published conditions could let the ratings panel depart from the band rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Discretion {
    /// (a) the lowest % is within N points of the boundary the departure crosses.
    pub near_boundary: Option<NearBoundary>,
    /// (b) one case judged differently would change the band towards the stated rating,
    /// reaching or passing it.
    pub one_case_flip: Option<OneCase>,
    /// (c) the rating rests on a sample or sub-sample of N cases or fewer.
    pub small_sample: Option<u32>,
    /// The departure spans more bands than discretion is taken to allow.
    pub too_far: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NearBoundary {
    pub boundary: u32,
    pub distance: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneCase {
    /// The share after flipping one case.
    pub yes: u32,
    pub relevant: u32,
    /// Whether `relevant` is the domain sample standing in for an unprinted count.
    pub estimated: bool,
    /// The band after the flip: the stated rating, or one beyond it (3 of 5 is 60%,
    /// 'Requires improvement'; 4 of 5 is 80%, 'Outstanding': a stated 'Good' lies between).
    pub band: Rating,
}

impl Discretion {
    /// True when at least one condition holds and the departure is not too far.
    pub fn eligible(&self) -> bool {
        !self.too_far
            && (self.near_boundary.is_some()
                || self.one_case_flip.is_some()
                || self.small_sample.is_some())
    }

    /// The conditions that apply, in the report's own terms.
    pub fn reasons(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(n) = &self.near_boundary {
            out.push(format!(
                "the lowest percentage is {} points from the {}% boundary",
                fmt_num(n.distance),
                n.boundary
            ));
        }
        if let Some(c) = &self.one_case_flip {
            let est = if c.estimated {
                " (counts estimated from the domain sample)"
            } else {
                ""
            };
            out.push(format!(
                "one case judged differently ({} of {}) would give {}{est}",
                c.yes, c.relevant, c.band
            ));
        }
        if let Some(n) = self.small_sample {
            out.push(format!("sub-sample of {n} cases"));
        }
        out
    }
}

/// Formats a percentage or distance without a needless ".0".
pub fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Evaluates discretion for a standard stated as `stated` whose lowest key question has
/// `share` (band `computed`). `domain_sample` stands in for the relevant count when only a
/// percentage is printed.
pub fn discretion(
    fw: &Framework,
    stated: Rating,
    computed: Rating,
    share: Share,
    domain_sample: Option<u32>,
) -> Discretion {
    let mut d = Discretion::default();
    // Without published discretion rules no condition can apply.
    let Some(p) = fw.discretion.clone() else {
        return d;
    };
    let departure = (stated.rank() - computed.rank()).unsigned_abs();
    d.too_far = departure > p.max_departure_bands;
    if stated == computed {
        return d;
    }
    // (a) distance to the boundary the departure crosses: the edge of the computed band
    // on the stated side.
    let band = fw
        .case_bands
        .iter()
        .flat_map(|s| s.iter())
        .find(|b| b.rating == computed);
    if let (Some(band), Some(pct)) = (band, share.percent()) {
        let boundary = if stated > computed {
            band.to
        } else {
            band.from
        };
        let distance = (pct - f64::from(boundary)).abs();
        // Going up, the value sits below `to`: a value of 61 is 4 points from 65.
        if distance <= f64::from(p.near_boundary_points) + 1e-9 {
            d.near_boundary = Some(NearBoundary { boundary, distance });
        }
    }
    // (b) one case judged differently.
    if p.one_case_flip {
        let counts = match share {
            Share::Counts { yes, relevant } => Some((yes, relevant, false)),
            Share::Percent(pct) => domain_sample.filter(|n| *n > 0).map(|n| {
                let yes = (pct * f64::from(n) / 100.0)
                    .round()
                    .clamp(0.0, f64::from(n));
                (yes as u32, n, true)
            }),
        };
        if let Some((yes, relevant, estimated)) = counts {
            let flipped = if stated > computed {
                yes.checked_add(1).filter(|y| *y <= relevant)
            } else {
                yes.checked_sub(1)
            };
            // The published condition is "a differing judgement in one case would result
            // in a change in rating"; it explains the departure when that change goes the
            // departure's way and reaches the stated rating (or passes it: with 5 cases one
            // case is 20 points, more than a band).
            let band = flipped
                .and_then(|fy| case_band(fw, Share::Counts { yes: fy, relevant }).map(|b| (fy, b)));
            if let Some((fy, band)) = band {
                let reaches = if stated > computed {
                    band >= stated
                } else {
                    band <= stated
                };
                if reaches {
                    d.one_case_flip = Some(OneCase {
                        yes: fy,
                        relevant,
                        estimated,
                        band,
                    });
                }
            }
        }
    }
    // (c) small sample or sub-sample.
    let n = match share {
        Share::Counts { relevant, .. } => Some(relevant),
        Share::Percent(_) => domain_sample,
    };
    if let Some(n) = n.filter(|n| *n <= p.small_sample_max) {
        d.small_sample = Some(n);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> &'static Framework {
        Framework::by_id("youth-2018").unwrap()
    }

    #[test]
    fn case_band_boundaries() {
        use Rating::*;
        let cases = [
            (0.0, Inadequate),
            (49.0, Inadequate),
            (49.9, Inadequate),
            (50.0, RequiresImprovement),
            (64.0, RequiresImprovement),
            (65.0, Good),
            (79.0, Good),
            (80.0, Outstanding),
            (100.0, Outstanding),
        ];
        for (p, r) in cases {
            assert_eq!(case_band(fw(), Share::Percent(p)), Some(r), "{p}%");
        }
        assert_eq!(case_band(fw(), Share::Percent(101.0)), None);
        assert_eq!(case_band(fw(), Share::Percent(-1.0)), None);
        assert_eq!(case_band(fw(), Share::Percent(f64::NAN)), None);
    }

    #[test]
    fn counts_use_the_exact_fraction() {
        // 31/48 = 64.58% prints as 65% but is 'Requires improvement'.
        let s = Share::Counts {
            yes: 31,
            relevant: 48,
        };
        assert_eq!(case_band(fw(), s), Some(Rating::RequiresImprovement));
        // 13/20 = 65% exactly is Good.
        let s = Share::Counts {
            yes: 13,
            relevant: 20,
        };
        assert_eq!(case_band(fw(), s), Some(Rating::Good));
        // 4/5 = 80% is Outstanding; 1/2 = 50% is RI.
        assert_eq!(
            case_band(
                fw(),
                Share::Counts {
                    yes: 4,
                    relevant: 5
                }
            ),
            Some(Rating::Outstanding)
        );
        assert_eq!(
            case_band(
                fw(),
                Share::Counts {
                    yes: 1,
                    relevant: 2
                }
            ),
            Some(Rating::RequiresImprovement)
        );
        assert_eq!(
            case_band(
                fw(),
                Share::Counts {
                    yes: 1,
                    relevant: 0
                }
            ),
            None
        );
        assert_eq!(
            case_band(
                fw(),
                Share::Counts {
                    yes: 7,
                    relevant: 6
                }
            ),
            None
        );
    }

    #[test]
    fn lowest_band_takes_the_lowest_key_question() {
        let shares = [
            Share::Percent(84.0),
            Share::Percent(61.0),
            Share::Percent(74.0),
        ];
        assert_eq!(
            lowest_band(fw(), &shares),
            Some((Rating::RequiresImprovement, 1))
        );
        assert_eq!(lowest_band(fw(), &[]), None);
    }

    #[test]
    fn overall_boundaries() {
        use Rating::*;
        let cases = [
            (0, Inadequate),
            (6, Inadequate),
            (7, RequiresImprovement),
            (18, RequiresImprovement),
            (19, Good),
            (30, Good),
            (31, Outstanding),
            (36, Outstanding),
        ];
        for (t, r) in cases {
            assert_eq!(overall_from_total(fw(), t), Some(r), "total {t}");
        }
        assert_eq!(overall_from_total(fw(), 37), None);
    }

    #[test]
    fn scores() {
        assert_eq!(fw().score(Rating::Inadequate), Some(0));
        assert_eq!(fw().score(Rating::RequiresImprovement), Some(1));
        assert_eq!(fw().score(Rating::Good), Some(2));
        assert_eq!(fw().score(Rating::Outstanding), Some(3));
    }

    #[test]
    fn discretion_near_boundary_edges() {
        use Rating::*;
        // Stated Good, lowest 60% (RI): 5 points below 65 -> eligible.
        let d = discretion(
            fw(),
            Good,
            RequiresImprovement,
            Share::Percent(60.0),
            Some(50),
        );
        assert!(d.near_boundary.is_some() && d.eligible());
        // Lowest 59%: 6 points -> not near; one case of 50 is 2 points -> no flip.
        let d = discretion(
            fw(),
            Good,
            RequiresImprovement,
            Share::Percent(59.0),
            Some(50),
        );
        assert!(d.near_boundary.is_none());
        assert!(d.one_case_flip.is_none());
        assert!(!d.eligible());
        // Stated RI, lowest 70% (Good): 5 points above 65 -> eligible.
        let d = discretion(
            fw(),
            RequiresImprovement,
            Good,
            Share::Percent(70.0),
            Some(50),
        );
        assert_eq!(d.near_boundary.as_ref().map(|n| n.boundary), Some(65));
        // 71%: 6 points -> not eligible.
        let d = discretion(
            fw(),
            RequiresImprovement,
            Good,
            Share::Percent(71.0),
            Some(50),
        );
        assert!(!d.eligible());
    }

    #[test]
    fn discretion_at_each_band_edge() {
        use Rating::*;
        // 49 stated RI (boundary 50); 64 stated Good (65); 79 stated Outstanding (80).
        for (p, stated, computed, boundary) in [
            (49.0, RequiresImprovement, Inadequate, 50),
            (64.0, Good, RequiresImprovement, 65),
            (79.0, Outstanding, Good, 80),
            (50.0, Inadequate, RequiresImprovement, 50),
            (65.0, RequiresImprovement, Good, 65),
            (80.0, Good, Outstanding, 80),
        ] {
            let d = discretion(fw(), stated, computed, Share::Percent(p), Some(50));
            assert_eq!(d.near_boundary.map(|n| n.boundary), Some(boundary), "{p}");
        }
    }

    #[test]
    fn discretion_one_case_flip_and_small_sample() {
        use Rating::*;
        // 4 of 7 = 57% (RI); 5 of 7 = 71% (Good): one case flips it.
        let s = Share::Counts {
            yes: 4,
            relevant: 7,
        };
        let d = discretion(fw(), Good, RequiresImprovement, s, None);
        assert_eq!(
            d.one_case_flip,
            Some(OneCase {
                yes: 5,
                relevant: 7,
                estimated: false,
                band: Good,
            })
        );
        assert_eq!(d.small_sample, None);
        // 3 of 5 = 60% (RI) stated Good: 4 of 5 = 80% jumps to Outstanding, past Good, so
        // the one-case condition holds (and names the band it gives).
        let d = discretion(
            fw(),
            Good,
            RequiresImprovement,
            Share::Counts {
                yes: 3,
                relevant: 5,
            },
            None,
        );
        assert_eq!(d.one_case_flip.as_ref().map(|c| c.band), Some(Outstanding));
        assert!(d
            .reasons()
            .contains(&"one case judged differently (4 of 5) would give Outstanding".to_string()));
        // 4 of 7 = 57% (RI) stated Inadequate: one case fewer (3 of 7 = 43%) is Inadequate.
        let d = discretion(
            fw(),
            Inadequate,
            RequiresImprovement,
            Share::Counts {
                yes: 4,
                relevant: 7,
            },
            None,
        );
        assert_eq!(d.one_case_flip.as_ref().map(|c| c.band), Some(Inadequate));
        // 5 of 7 = 71% (Good) stated RI: one case *more* (6 of 7 = 86%) moves away from
        // the stated rating; one case fewer (4 of 7 = 57%) reaches it.
        let d = discretion(
            fw(),
            RequiresImprovement,
            Good,
            Share::Counts {
                yes: 5,
                relevant: 7,
            },
            None,
        );
        assert_eq!(d.one_case_flip.as_ref().map(|c| c.yes), Some(4));
        // 3 of 5: sub-sample of 5.
        let d = discretion(
            fw(),
            Good,
            RequiresImprovement,
            Share::Counts {
                yes: 3,
                relevant: 5,
            },
            None,
        );
        assert_eq!(d.small_sample, Some(5));
        // 10 of 30 = 33% stated Good: two bands away -> too far, not eligible.
        let d = discretion(
            fw(),
            Good,
            Inadequate,
            Share::Counts {
                yes: 10,
                relevant: 30,
            },
            None,
        );
        assert!(d.too_far && !d.eligible());
        // 20 of 40 = 50% stated Good: 15 points away, one case gives 52.5% -> not eligible.
        let d = discretion(
            fw(),
            Good,
            RequiresImprovement,
            Share::Counts {
                yes: 20,
                relevant: 40,
            },
            None,
        );
        assert!(!d.eligible());
    }
}
