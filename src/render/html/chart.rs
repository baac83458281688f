//! The key-question chart of a case-based standard, as inline SVG: one bar per key
//! question (% of relevant cases answered 'Yes'; prompts are not drawn, they are listed
//! in the table under the chart), dashed lines at the framework's band boundaries
//! (50 / 65 / 80 %), the value above each bar and the key question's number (and its
//! counts, "yes/relevant") below it. Each bar is in the colour of its band.

use super::{colours, esc};
use crate::extract::Standard;
use crate::framework::Framework;
use crate::model::Rating;
use std::fmt::Write as _;

const TOP: f64 = 18.0;
const PLOT: f64 = 130.0;
const LEFT: f64 = 34.0;
const BAR: f64 = 34.0;
const STEP: f64 = 58.0;
/// Drawn size over the viewBox: every chart at one scale, whatever its number of bars.
const SCALE: f64 = 1.25;

fn y(percent: f64) -> f64 {
    TOP + PLOT * (1.0 - percent.clamp(0.0, 100.0) / 100.0)
}

/// The band of a percentage.
fn band(fw: &Framework, percent: f64) -> Option<Rating> {
    fw.case_bands
        .as_ref()?
        .iter()
        .rev()
        .find(|b| percent >= f64::from(b.from))
        .map(|b| b.rating)
}

fn fmt(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The chart of standard `s`, or none if it has no key question with a value.
pub(super) fn svg(fw: &Framework, s: &Standard) -> Option<String> {
    let kqs: Vec<_> = s
        .key_questions
        .iter()
        .filter(|k| k.prompt.is_none())
        .collect();
    if !kqs.iter().any(|k| k.percent.is_some()) {
        return None;
    }
    // Room for at least three bars, so charts of two or three draw at one scale.
    let n = kqs.len().max(3) as f64;
    let width = LEFT + STEP * n + 40.0;
    let height = TOP + PLOT + 40.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{:.0}\" height=\"{:.0}\" role=\"img\" aria-label=\"{}\">",
        width * SCALE,
        height * SCALE,
        esc(&format!("Key questions of {} {}: % of relevant cases answered yes", s.id, s.name))
    );
    // Axis and frame.
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{:.1}\" stroke=\"#505a5f\"/><line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#505a5f\"/>",
        y(0.0),
        y(0.0),
        width - 30.0,
        y(0.0)
    );
    for v in [0.0, 100.0] {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#505a5f\">{}%</text>",
            LEFT - 4.0,
            y(v) + 3.5,
            fmt(v)
        );
    }
    // Value labels go over the band lines, on a white halo.
    let mut labels = String::new();
    for (i, k) in kqs.iter().enumerate() {
        let x = LEFT + 12.0 + STEP * i as f64;
        let pct = k.percent.as_ref().and_then(serde_json::Number::as_f64);
        let counts = match (k.yes, k.relevant) {
            (Some(yes), Some(rel)) => format!("{yes}/{rel}"),
            _ => String::new(),
        };
        let tip = esc(&format!(
            "{} {}: {}",
            k.id,
            k.text,
            pct.map_or("not read".to_string(), |p| format!("{}%", fmt(p)))
        ));
        match pct {
            Some(p) => {
                let (fill, _) = band(fw, p).map_or(("#b1b4b6", ""), colours);
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{BAR}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"><title>{tip}</title></rect>",
                    y(p),
                    y(0.0) - y(p),
                );
                let _ = write!(
                    labels,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#0b0c0c\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}%</text>",
                    x + BAR / 2.0,
                    y(p) - 3.0,
                    fmt(p)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#505a5f\"><title>{tip}</title>n/a</text>",
                    x + BAR / 2.0,
                    y(0.0) - 4.0
                );
            }
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
            x + BAR / 2.0,
            y(0.0) + 13.0,
            esc(&k.id)
        );
        if !counts.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#505a5f\">{}</text>",
                x + BAR / 2.0,
                y(0.0) + 25.0,
                esc(&counts)
            );
        }
    }
    // Band lines last, over the bars.
    for b in fw
        .case_bands
        .iter()
        .flat_map(|s| s.iter())
        .filter(|b| b.from > 0)
    {
        let v = f64::from(b.from);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#0b0c0c\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#0b0c0c\">{}%</text>",
            y(v),
            width - 30.0,
            y(v),
            width - 28.0,
            y(v) + 3.5,
            b.from
        );
    }
    out.push_str(&labels);
    out.push_str("</svg>");
    Some(out)
}
