//! List numbering: `word/numbering.xml` (abstract numberings, their levels, the
//! numbering instances with their overrides), the numbering carried by paragraph styles
//! in `word/styles.xml`, and the rendering of a paragraph's number prefix (decimal,
//! letters, roman numerals, ordinals; bullets as `"- "`).

use super::package::{Package, NUMBERING_PART, STYLES_PART};
use super::xml::{attr, on_off, walk};
use super::{DocxError, Limits};
use std::collections::HashMap;

use quick_xml::events::BytesStart;
use quick_xml::reader::NsReader;

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    fmt: String,
    text: Option<String>,
    suffix_space: bool,
    legal: bool,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".to_string(),
            text: None,
            suffix_space: true,
            legal: false,
            style: None,
        }
    }
}

impl Level {
    /// Reads property `prop` (element `e`) of a `w:lvl`.
    fn set(&mut self, prop: &str, e: &BytesStart<'_>) {
        match prop {
            "start" => {
                if let Some(v) = attr(e, "val").and_then(|v| v.parse().ok()) {
                    self.start = v;
                }
            }
            "numFmt" => {
                if let Some(v) = attr(e, "val") {
                    self.fmt = v;
                }
            }
            "lvlText" => self.text = attr(e, "val"),
            "suff" => self.suffix_space = attr(e, "val").as_deref() != Some("nothing"),
            "isLgl" => self.legal = on_off(e),
            "pStyle" => self.style = attr(e, "val"),
            _ => {}
        }
    }
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, i64>,
    level_overrides: HashMap<usize, Level>,
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
    /// styleId -> (basedOn, numId, ilvl)
    styles: HashMap<String, StyleNum>,
}

#[derive(Debug, Default, Clone)]
struct StyleNum {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

const MAX_LEVELS: usize = 9;

/// Reads the numbering part and, when there is one, the styles part (styles only matter
/// for numbering: a style may carry a numPr); `None` without a numbering part.
// The closures are needed: a generic fn item is not general over the zip entry's
// lifetime.
#[allow(clippy::redundant_closure)]
pub(crate) fn read(pkg: &mut Package<'_>) -> Result<Option<Numbering>, DocxError> {
    let Some(mut numbering) = pkg.parse(NUMBERING_PART, |r, l| parse_numbering(r, l))? else {
        return Ok(None);
    };
    if let Some(styles) = pkg.parse(STYLES_PART, |r, l| parse_styles(r, l))? {
        numbering.styles = styles;
    }
    Ok(Some(numbering))
}

fn parse_numbering<R: std::io::BufRead>(
    reader: &mut NsReader<R>,
    limits: &Limits,
) -> Result<Numbering, DocxError> {
    let mut n = Numbering::default();
    let mut cur_abstract: Option<String> = None;
    let mut cur_num: Option<String> = None;
    let mut cur_override: Option<usize> = None;
    let mut cur_level: Option<(usize, Level)> = None;
    walk(reader, NUMBERING_PART, limits, |name, elem| {
        match (name, elem) {
            ("abstractNum", Some(e)) => cur_abstract = attr(e, "abstractNumId"),
            ("abstractNum", None) => cur_abstract = None,
            ("num", Some(e)) => {
                cur_num = attr(e, "numId");
                if let Some(id) = &cur_num {
                    n.nums.insert(id.clone(), Num::default());
                }
            }
            ("num", None) => cur_num = None,
            ("abstractNumId", Some(e)) => {
                if let (Some(num), Some(v)) = (&cur_num, attr(e, "val")) {
                    if let Some(num) = n.nums.get_mut(num) {
                        num.abstract_id = v;
                    }
                }
            }
            ("lvlOverride", Some(e)) => {
                cur_override = attr(e, "ilvl").and_then(|v| v.parse().ok());
            }
            ("lvlOverride", None) => cur_override = None,
            ("startOverride", Some(e)) => {
                if let (Some(num), Some(lvl), Some(v)) = (
                    &cur_num,
                    cur_override,
                    attr(e, "val").and_then(|v| v.parse().ok()),
                ) {
                    if let Some(num) = n.nums.get_mut(num) {
                        num.start_overrides.insert(lvl, v);
                    }
                }
            }
            ("lvl", Some(e)) => {
                let ilvl = attr(e, "ilvl")
                    .and_then(|v| v.parse().ok())
                    .or(cur_override)
                    .unwrap_or(0);
                cur_level = Some((ilvl, Level::default()));
            }
            ("lvl", None) => {
                if let Some((ilvl, level)) = cur_level.take() {
                    if let Some(num) = cur_num.as_ref().and_then(|id| n.nums.get_mut(id)) {
                        num.level_overrides.insert(ilvl, level);
                    } else if let Some(abs) = &cur_abstract {
                        n.abstracts
                            .entry(abs.clone())
                            .or_default()
                            .insert(ilvl, level);
                    }
                }
            }
            (prop, Some(e)) => {
                if let Some((_, level)) = cur_level.as_mut() {
                    level.set(prop, e);
                }
            }
            _ => {}
        }
    })?;
    Ok(n)
}

fn parse_styles<R: std::io::BufRead>(
    reader: &mut NsReader<R>,
    limits: &Limits,
) -> Result<HashMap<String, StyleNum>, DocxError> {
    let mut styles = HashMap::new();
    let mut cur: Option<(String, StyleNum)> = None;
    walk(reader, STYLES_PART, limits, |name, elem| {
        match (name, elem) {
            ("style", Some(e)) => {
                cur = attr(e, "styleId").map(|id| (id, StyleNum::default()));
            }
            ("style", None) => {
                if let Some((id, s)) = cur.take() {
                    if s.num_id.is_some() || s.based_on.is_some() {
                        styles.insert(id, s);
                    }
                }
            }
            ("basedOn", Some(e)) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.based_on = attr(e, "val");
                }
            }
            ("numId", Some(e)) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.num_id = attr(e, "val");
                }
            }
            ("ilvl", Some(e)) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            _ => {}
        }
    })?;
    Ok(styles)
}

impl Numbering {
    /// numId and level of a paragraph style, following `basedOn` links.
    fn style_numbering(&self, style: &str) -> Option<(String, Option<usize>)> {
        let mut id = style;
        for _ in 0..16 {
            let s = self.styles.get(id)?;
            if let Some(num) = &s.num_id {
                return Some((num.clone(), s.ilvl));
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    fn level(&self, num: &Num, ilvl: usize) -> Option<Level> {
        if let Some(l) = num.level_overrides.get(&ilvl) {
            return Some(l.clone());
        }
        self.abstracts.get(&num.abstract_id)?.get(&ilvl).cloned()
    }

    /// The level of a paragraph without `w:ilvl`: the level linked to its style
    /// (`w:lvl/w:pStyle`), or level 0.
    fn style_level(&self, num: &Num, style: Option<&str>) -> usize {
        let abs = self.abstracts.get(&num.abstract_id);
        style
            .and_then(|s| {
                abs.and_then(|levels| {
                    levels
                        .iter()
                        .find(|(_, l)| l.style.as_deref() == Some(s))
                        .map(|(i, _)| *i)
                })
            })
            .unwrap_or(0)
    }

    /// The number level `i` of `num` starts at.
    fn start_of(&self, num: &Num, i: usize) -> i64 {
        num.start_overrides
            .get(&i)
            .copied()
            .or_else(|| self.level(num, i).map(|l| l.start))
            .unwrap_or(1)
    }
}

/// The current number of each level of each numbering (numId).
pub(crate) type Counters = HashMap<String, [Option<i64>; MAX_LEVELS]>;

/// Renders the number prefixes of one part's paragraphs; the counters go on from one
/// part to the next.
pub(crate) struct Numberer<'a> {
    numbering: Option<&'a Numbering>,
    counters: &'a mut Counters,
    warned_unknown: bool,
}

impl<'a> Numberer<'a> {
    pub(crate) fn new(numbering: Option<&'a Numbering>, counters: &'a mut Counters) -> Self {
        Numberer {
            numbering,
            counters,
            warned_unknown: false,
        }
    }

    /// The prefix of a paragraph with `w:numId` `num_id`, `w:ilvl` `ilvl` and style
    /// `style` (the numbering may come through the style); warns once (per part) of a
    /// numbering that is not defined.
    pub(crate) fn prefix(
        &mut self,
        num_id: Option<&str>,
        ilvl: Option<usize>,
        style: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Option<String> {
        let numbering = self.numbering?;
        let (num_id, ilvl) = match (num_id, style) {
            (Some(id), _) => (id.to_string(), ilvl),
            (None, Some(style)) => {
                let (id, lvl) = numbering.style_numbering(style)?;
                (id, ilvl.or(lvl))
            }
            (None, None) => return None,
        };
        if num_id == "0" {
            return None;
        }
        if !numbering.nums.contains_key(&num_id) && !self.warned_unknown {
            self.warned_unknown = true;
            warnings.push(format!("paragraph uses undefined numbering {num_id}"));
        }
        number_prefix(numbering, self.counters, &num_id, ilvl, style)
    }
}

/// Advances the counter of (num_id, ilvl) and renders the paragraph's prefix.
fn number_prefix(
    numbering: &Numbering,
    counters: &mut Counters,
    num_id: &str,
    ilvl: Option<usize>,
    style: Option<&str>,
) -> Option<String> {
    let num = numbering.nums.get(num_id)?;
    let ilvl = ilvl.unwrap_or_else(|| numbering.style_level(num, style));
    if ilvl >= MAX_LEVELS {
        return None;
    }
    let level = numbering.level(num, ilvl)?;
    let counts = counters
        .entry(num_id.to_string())
        .or_insert([None; MAX_LEVELS]);
    let next = match counts.get(ilvl).copied().flatten() {
        Some(c) => c.saturating_add(1),
        None => numbering.start_of(num, ilvl),
    };
    if let Some(slot) = counts.get_mut(ilvl) {
        *slot = Some(next);
    }
    for slot in counts.iter_mut().skip(ilvl + 1) {
        *slot = None;
    }
    if level.fmt == "bullet" {
        return Some("- ".to_string());
    }
    let out = render_level_text(numbering, num, &level, counts);
    let out = out.trim().to_string();
    if out.is_empty() {
        return None;
    }
    if out.chars().all(is_bullet_glyph) {
        return Some("- ".to_string());
    }
    Some(if level.suffix_space { out + " " } else { out })
}

/// The level's `w:lvlText` with each `%N` replaced by the number of level N.
fn render_level_text(
    numbering: &Numbering,
    num: &Num,
    level: &Level,
    counts: &[Option<i64>; MAX_LEVELS],
) -> String {
    let template = level.text.clone().unwrap_or_default();
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                let i = (d as usize).saturating_sub(1);
                if i < MAX_LEVELS {
                    let value = counts
                        .get(i)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| numbering.start_of(num, i));
                    let fmt = if level.legal {
                        "decimal".to_string()
                    } else {
                        numbering
                            .level(num, i)
                            .map(|l| l.fmt)
                            .unwrap_or_else(|| "decimal".to_string())
                    };
                    out.push_str(&format_number(value, &fmt));
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn format_number(n: i64, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "ordinal" => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        _ => n.to_string(),
    }
}

/// a..z, aa..zz, ... as Word does.
fn letters(n: i64, upper: bool) -> String {
    if n < 1 {
        return n.to_string();
    }
    let idx = (n - 1) % 26;
    let reps = ((n - 1) / 26 + 1).min(64) as usize;
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + idx as u8);
    std::iter::repeat_n(c, reps).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A glyph Word uses for a bullet (Symbol-font private-use code points included).
pub(crate) fn is_bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '\u{F0B7}' | '\u{2022}' | '\u{F0A7}' | '\u{25AA}' | '\u{25CF}' | '\u{F0FC}' | '\u{2023}'
    )
}

#[cfg(test)]
mod tests {
    use crate::docx::test_support::{p, run, texts, W};
    use crate::docx::Options;

    fn numbered(text: &str, num: u32, ilvl: u32) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn auto_numbered_list_gets_number_prefixes() {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W}">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let body = [
            numbered("make sure that plans are good", 1, 0),
            numbered("first sub", 1, 1),
            numbered("second sub", 1, 1),
            numbered("review cases", 1, 0),
            numbered("restarted sub", 1, 1),
            numbered("a bullet", 2, 0),
            numbered("from five", 3, 0),
            numbered("six", 3, 0),
            p("not numbered"),
        ]
        .concat();
        let x = run(
            &body,
            &[("word/numbering.xml", &numbering)],
            &Options::default(),
        );
        assert_eq!(
            texts(&x),
            [
                "1. make sure that plans are good",
                "a) first sub",
                "b) second sub",
                "2. review cases",
                "a) restarted sub",
                "- a bullet",
                "5. from five",
                "6. six",
                "not numbered",
            ]
        );
    }

    #[test]
    fn style_linked_numbering() {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListNumber"><w:basedOn w:val="Base"/></w:style></w:styles>"#
        );
        let para = |t: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"ListNumber\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let body = [para("one"), para("two"), para("three")].concat();
        let x = run(
            &body,
            &[
                ("word/numbering.xml", &numbering),
                ("word/styles.xml", &styles),
            ],
            &Options::default(),
        );
        assert_eq!(texts(&x), ["I. one", "II. two", "III. three"]);
    }
}
