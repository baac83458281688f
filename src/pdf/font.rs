//! Fonts: code splitting, glyph widths and Unicode decoding.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use lopdf::{Dictionary, Document, Object};

use super::cmap::{be, parse_cmap, CMap};
use super::{deref, deref_dict, num, tables, Budget, PdfError};

/// How a font's strings split into character codes.
#[derive(Debug, Clone)]
enum Codes {
    /// One byte per code (simple fonts, Type3).
    Single,
    /// Codespace ranges: (byte length, low, high). Identity-H is `[(2, 0, 0xFFFF)]`.
    Ranges(Vec<(u8, u32, u32)>),
}

/// Unicode for a glyph name: the AGL names of the standard encodings, `uniXXXX`,
/// `uXXXX[XX]`, ligature names joined by `_` map to their first... (see `name_text`).
pub(super) fn glyph_name_to_char(name: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(name).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by(|(n, _)| (*n).cmp(s)) {
        return tables::GLYPH_NAMES
            .get(i)
            .and_then(|(_, u)| char::from_u32(u32::from(*u)));
    }
    let hex = s
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4)
        .map(|h| h.get(..4).unwrap_or(h))
        .or_else(|| s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())));
    let v = u32::from_str_radix(hex?, 16).ok()?;
    char::from_u32(v).filter(|c| !c.is_control())
}

/// Which standard-14 metrics to use for a font without /Widths.
fn standard_widths(base: &str) -> Option<&'static [(u16, u16)]> {
    let b = base.to_ascii_lowercase();
    let bold = b.contains("bold") || b.contains("black") || b.contains("heavy");
    let italic = b.contains("italic") || b.contains("oblique");
    if b.contains("courier") || b.contains("mono") {
        return None;
    }
    if b.contains("times") || b.contains("serif") && !b.contains("sans") {
        return Some(match (bold, italic) {
            (true, true) => tables::TIMES_BOLD_ITALIC_WIDTHS,
            (true, false) => tables::TIMES_BOLD_WIDTHS,
            (false, true) => tables::TIMES_ITALIC_WIDTHS,
            (false, false) => tables::TIMES_ROMAN_WIDTHS,
        });
    }
    Some(if bold {
        tables::HELVETICA_BOLD_WIDTHS
    } else {
        tables::HELVETICA_WIDTHS
    })
}

/// A font as the interpreter needs it.
#[derive(Debug)]
pub(super) struct Font {
    pub base_name: String,
    codes: Codes,
    /// Simple fonts: width per code in text space units for a font size of 1.
    simple_widths: Vec<f32>,
    /// CID fonts: (first, last, width) sorted by first, width already scaled.
    cid_widths: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// Standard-14 metrics (1/1000 em) by Unicode for fonts without /Widths.
    std_widths: Option<&'static [(u16, u16)]>,
    /// Fixed pitch fallback (Courier): 0.6 em.
    monospace: bool,
    to_unicode: Option<CMap>,
    /// Simple fonts: code -> Unicode (0 = unknown).
    encoding: Vec<u16>,
    /// Multiplier from glyph units to text space (0.001, or FontMatrix[0] for Type3).
    pub scale: f32,
    pub bold: bool,
    /// No usable way to map codes to text.
    pub undecodable: bool,
}

impl Font {
    /// Split the next character code off `bytes`: (code, byte length).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.codes {
            Codes::Single => (u32::from(bytes.first().copied().unwrap_or(0)), 1),
            Codes::Ranges(ranges) => {
                for len in 1..=4u8 {
                    let Some(prefix) = bytes.get(..len as usize) else {
                        break;
                    };
                    let v = be(prefix);
                    if ranges
                        .iter()
                        .any(|&(l, lo, hi)| l == len && v >= lo && v <= hi)
                    {
                        return (v, len as usize);
                    }
                }
                // Not in any range: take the shortest declared length.
                let len = ranges
                    .iter()
                    .map(|r| r.0 as usize)
                    .min()
                    .unwrap_or(1)
                    .min(bytes.len())
                    .max(1);
                (be(bytes.get(..len).unwrap_or(&[])), len)
            }
        }
    }

    /// Append the Unicode text of `code` to `out`; false if it could not be decoded.
    pub fn decode(&self, code: u32, out: &mut String) -> bool {
        if self
            .to_unicode
            .as_ref()
            .is_some_and(|cm| cm.lookup(code, out))
        {
            return true;
        }
        if let Codes::Single = self.codes {
            let c = self
                .encoding
                .get(code as usize)
                .filter(|&&u| u != 0)
                .and_then(|&u| char::from_u32(u32::from(u)));
            if let Some(c) = c {
                out.push(c);
                return true;
            }
        }
        false
    }

    /// Advance width of `code` in text space for font size 1; `ch` is its decoded first
    /// character (used with standard-14 metrics).
    pub fn width(&self, code: u32, ch: Option<char>) -> f64 {
        let w = match &self.codes {
            Codes::Single => match self.simple_widths.get(code as usize) {
                Some(&w) if w > 0.0 => w,
                _ => self.fallback_width(ch),
            },
            Codes::Ranges(_) => {
                let i = self.cid_widths.partition_point(|r| r.0 <= code);
                match i.checked_sub(1).and_then(|j| self.cid_widths.get(j)) {
                    Some(&(lo, hi, w)) if code >= lo && code <= hi => w,
                    _ => self.default_width,
                }
            }
        };
        f64::from(w)
    }

    fn fallback_width(&self, ch: Option<char>) -> f32 {
        if self.monospace {
            return 0.6;
        }
        let std = self.std_widths.zip(ch).and_then(|(t, c)| {
            let u = u16::try_from(c as u32).ok()?;
            let i = t.binary_search_by_key(&u, |e| e.0).ok()?;
            t.get(i).map(|e| e.1)
        });
        if let Some(w) = std {
            return f32::from(w) * 0.001;
        }
        if self.default_width > 0.0 {
            self.default_width
        } else {
            0.5
        }
    }

    /// Word spacing (Tw) applies to single-byte code 32.
    pub fn is_word_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }
}

fn name_of<'a>(d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match d.get(key).ok()? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// Most fonts kept in the cache (further ones are loaded each time they are set).
const MAX_FONTS: usize = 10_000;

/// Fonts loaded once per document, keyed by object id (or dictionary address for
/// direct dictionaries), shared by the threads reading pages. A font is loaded under the
/// lock, so each is loaded (and its streams counted against the budget) exactly once.
#[derive(Default)]
pub(super) struct FontCache {
    fonts: Mutex<HashMap<FontKey, Arc<Font>>>,
}

/// A font's cache key: object number and generation, or the address of a direct dictionary.
pub(super) type FontKey = (u32, u16, usize);

/// The cache key of the `/Font` resource `obj`.
pub(super) fn font_key(obj: &Object) -> FontKey {
    match obj {
        Object::Reference(id) => (id.0, id.1, 0),
        other => (0, 0, other as *const Object as usize),
    }
}

impl FontCache {
    /// The font that `/Font` resource `obj` names, loaded and cached.
    pub fn get(
        &self,
        doc: &Document,
        obj: &Object,
        budget: &Budget,
    ) -> Result<Option<Arc<Font>>, PdfError> {
        let key = font_key(obj);
        let mut fonts = self.fonts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(f) = fonts.get(&key) {
            return Ok(Some(Arc::clone(f)));
        }
        let Some(dict) = deref_dict(doc, obj) else {
            return Ok(None);
        };
        let font = Arc::new(load_font(doc, dict, budget)?);
        if fonts.len() < MAX_FONTS {
            fonts.insert(key, Arc::clone(&font));
        }
        Ok(Some(font))
    }
}

fn stream_data(doc: &Document, obj: &Object, budget: &Budget) -> Result<Option<Vec<u8>>, PdfError> {
    match deref(doc, obj) {
        Some(Object::Stream(s)) => match budget.stream_bytes(s) {
            Ok(v) => Ok(Some(v)),
            Err(e @ PdfError::LimitExceeded { .. }) => Err(e),
            Err(_) => Ok(None),
        },
        _ => Ok(None),
    }
}

fn load_font(doc: &Document, dict: &Dictionary, budget: &Budget) -> Result<Font, PdfError> {
    let subtype = name_of(dict, b"Subtype").unwrap_or(b"Type1");
    let base_name = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| match o {
            Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
            _ => None,
        })
        .unwrap_or_else(|| "(unnamed)".to_string());
    let plain_name = base_name
        .split_once('+')
        .map(|(_, b)| b.to_string())
        .unwrap_or_else(|| base_name.clone());

    let to_unicode = match dict.get(b"ToUnicode") {
        Ok(o) => stream_data(doc, o, budget)?
            .map(|d| parse_cmap(&d))
            .filter(|c| !c.is_empty()),
        Err(_) => None,
    };

    let descriptor = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref_dict(doc, o));
    let mut font = Font {
        base_name: plain_name.clone(),
        codes: Codes::Single,
        simple_widths: Vec::new(),
        cid_widths: Vec::new(),
        default_width: 0.0,
        std_widths: None,
        monospace: false,
        to_unicode,
        encoding: Vec::new(),
        scale: 0.001,
        bold: false,
        undecodable: false,
    };

    let descriptor = if subtype == b"Type0" {
        load_type0(doc, dict, &mut font, descriptor, budget)?
    } else {
        load_simple(doc, dict, &mut font, descriptor, subtype == b"Type3");
        descriptor
    };
    font.bold = is_bold(doc, &plain_name, descriptor);
    Ok(font)
}

/// A composite font: code lengths from its encoding CMap, widths from its descendant CID
/// font. Returns the font descriptor (the descendant's when the font has none).
fn load_type0<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    font: &mut Font,
    descriptor: Option<&'a Dictionary>,
    budget: &Budget,
) -> Result<Option<&'a Dictionary>, PdfError> {
    let mut descriptor = descriptor;
    let cid = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| match o {
            Object::Array(a) => a.first(),
            _ => None,
        })
        .and_then(|o| deref_dict(doc, o));
    // Code lengths from the /Encoding CMap.
    let ranges = match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
        Some(Object::Stream(_)) => {
            let enc = dict.get(b"Encoding").ok();
            let data = match enc {
                Some(o) => stream_data(doc, o, budget)?,
                None => None,
            };
            data.map(|d| parse_cmap(&d).codespace)
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| vec![(2, 0, 0xFFFF)])
        }
        _ => vec![(2, 0, 0xFFFF)],
    };
    font.codes = Codes::Ranges(ranges);
    font.default_width = 1.0;
    if let Some(cid) = cid {
        if descriptor.is_none() {
            descriptor = cid
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| deref_dict(doc, o));
        }
        if let Some(dw) = cid
            .get(b"DW")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(num)
        {
            font.default_width = (dw * 0.001) as f32;
        }
        if let Some(Object::Array(w)) = cid.get(b"W").ok().and_then(|o| deref(doc, o)) {
            font.cid_widths = parse_cid_widths(doc, w);
        }
    }
    font.undecodable = font.to_unicode.is_none();
    Ok(descriptor)
}

/// A simple font (Type1, TrueType, Type3): one byte per code, `/Widths` or standard-14
/// metrics, a base encoding with `/Differences`.
fn load_simple(
    doc: &Document,
    dict: &Dictionary,
    font: &mut Font,
    descriptor: Option<&Dictionary>,
    type3: bool,
) {
    if type3 {
        let a = match dict.get(b"FontMatrix").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Array(m)) => m.first().and_then(num),
            _ => None,
        };
        if let Some(a) = a.filter(|a| a.abs() > 1e-9 && a.abs() < 1e3) {
            font.scale = a.abs() as f32;
        }
    }
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .unwrap_or(0.0)
        .clamp(0.0, 255.0) as usize;
    if let Some(Object::Array(ws)) = dict.get(b"Widths").ok().and_then(|o| deref(doc, o)) {
        let mut widths = vec![0.0f32; 256];
        for (k, w) in ws.iter().enumerate() {
            if let (Some(slot), Some(v)) = (
                widths.get_mut(first.saturating_add(k)),
                deref(doc, w).and_then(num),
            ) {
                *slot = (v * f64::from(font.scale)) as f32;
            }
        }
        font.simple_widths = widths;
    } else {
        font.std_widths = standard_widths(&font.base_name);
        font.monospace = font.base_name.to_ascii_lowercase().contains("courier");
    }
    if let Some(mw) = descriptor
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| deref(doc, o))
        .and_then(num)
    {
        font.default_width = (mw * f64::from(font.scale)) as f32;
    }
    let lower = font.base_name.to_ascii_lowercase();
    let symbolic_name = lower.contains("symbol") || lower.contains("dingbat");
    let (table, has_encoding) = simple_encoding(doc, dict, lower == "symbol");
    font.encoding = table;
    // A symbolic embedded font with neither map nor encoding has codes that mean
    // nothing without its built-in cmap.
    let flags = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .unwrap_or(0.0) as i64;
    let embedded = descriptor
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
    if font.to_unicode.is_none() && !has_encoding && embedded && (flags & 4 != 0) && !symbolic_name
    {
        font.undecodable = true;
    }
}

/// A simple font's code-to-Unicode table: its base encoding (Standard, or Symbol for the
/// Symbol font, unless `/Encoding` names another) with `/Differences` applied by glyph
/// name; and whether the font has an `/Encoding` at all.
fn simple_encoding(doc: &Document, dict: &Dictionary, symbol: bool) -> (Vec<u16>, bool) {
    let mut table: Vec<u16> = if symbol {
        tables::SYMBOL.to_vec()
    } else {
        tables::STANDARD.to_vec()
    };
    let mut has_encoding = false;
    match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
        Some(Object::Name(n)) => {
            has_encoding = true;
            if let Some(t) = base_table(n) {
                table = t.to_vec();
            }
        }
        Some(Object::Dictionary(e)) => {
            has_encoding = true;
            if let Some(t) = name_of(e, b"BaseEncoding").and_then(base_table) {
                table = t.to_vec();
            }
            if let Some(Object::Array(diffs)) =
                e.get(b"Differences").ok().and_then(|o| deref(doc, o))
            {
                let mut code: i64 = 0;
                for d in diffs {
                    match deref(doc, d) {
                        Some(Object::Integer(c)) => code = *c,
                        Some(Object::Name(n)) => {
                            if let Some(slot) =
                                usize::try_from(code).ok().and_then(|c| table.get_mut(c))
                            {
                                *slot = glyph_name_to_char(n)
                                    .and_then(|ch| u16::try_from(ch as u32).ok())
                                    .unwrap_or(0);
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    (table, has_encoding)
}

/// Bold by name, by `/FontWeight` or by the ForceBold flag.
fn is_bold(doc: &Document, plain_name: &str, descriptor: Option<&Dictionary>) -> bool {
    let lower = plain_name.to_ascii_lowercase();
    let weight = descriptor
        .and_then(|d| d.get(b"FontWeight").ok())
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .unwrap_or(0.0);
    let flags = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .unwrap_or(0.0) as i64;
    lower.contains("bold")
        || lower.contains("black")
        || lower.contains("heavy")
        || lower.contains("semibold")
        || weight >= 600.0
        || flags & 0x40000 != 0
}

fn base_table(name: &[u8]) -> Option<&'static [u16; 256]> {
    match name {
        b"WinAnsiEncoding" => Some(&tables::WIN_ANSI),
        b"MacRomanEncoding" => Some(&tables::MAC_ROMAN),
        b"StandardEncoding" => Some(&tables::STANDARD),
        _ => None,
    }
}

/// CID `/W`: `c [w1 w2 ...]` and `c_first c_last w`, as sorted ranges (scaled to 1/1000).
fn parse_cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let as_u32 = |o: Option<&Object>| {
        o.and_then(|o| deref(doc, o))
            .and_then(num)
            .filter(|v| *v >= 0.0 && *v <= f64::from(u32::MAX))
            .map(|v| v as u32)
    };
    while let Some(first) = as_u32(w.get(i)) {
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let (Some(v), Ok(k)) = (deref(doc, v).and_then(num), u32::try_from(k)) {
                        let c = first.saturating_add(k);
                        out.push((c, c, (v * 0.001) as f32));
                    }
                }
                i += 2;
            }
            Some(_) => {
                let (Some(last), Some(v)) = (
                    as_u32(w.get(i + 1)),
                    w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num),
                ) else {
                    break;
                };
                out.push((first, last.max(first), (v * 0.001) as f32));
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|r| r.0);
    out
}
