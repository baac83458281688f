//! ToUnicode CMaps (and the codespace ranges of encoding CMaps): a small tokenizer and
//! the `bfchar`/`bfrange`/`codespacerange` sections, bounded in size.

use std::collections::HashMap;

use super::font::glyph_name_to_char;

/// A decoded ToUnicode CMap.
#[derive(Debug, Default, Clone)]
pub(super) struct CMap {
    /// Dense table for codes < 65536: 0 = unmapped, otherwise `char as u32 + 1`, or
    /// `MULTI | index` into `multi`.
    dense: Vec<u32>,
    /// Codes >= 65536.
    sparse: HashMap<u32, u32>,
    /// Multi-character targets (ligatures), stored as (start, len) into `strings`.
    multi: Vec<(u32, u32)>,
    strings: String,
    pub(super) codespace: Vec<(u8, u32, u32)>,
}

const MULTI: u32 = 0x8000_0000;

impl CMap {
    fn set(&mut self, code: u32, target: &[u16]) {
        let s: String = char::decode_utf16(target.iter().copied())
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
        let mut chars = s.chars();
        let value = match (chars.next(), chars.next()) {
            (None, _) => return,
            (Some(c), None) => c as u32 + 1,
            (Some(_), Some(_)) => {
                let start = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
                self.strings.push_str(&s);
                let idx = u32::try_from(self.multi.len()).unwrap_or(0) & !MULTI;
                self.multi
                    .push((start, u32::try_from(s.len()).unwrap_or(0)));
                MULTI | idx
            }
        };
        if code < 0x10000 {
            let i = code as usize;
            if self.dense.len() <= i {
                self.dense.resize(i + 1, 0);
            }
            if let Some(slot) = self.dense.get_mut(i) {
                *slot = value;
            }
        } else if self.sparse.len() < 1_000_000 {
            self.sparse.insert(code, value);
        }
    }

    /// Append the text of `code`; false when unmapped.
    pub(super) fn lookup(&self, code: u32, out: &mut String) -> bool {
        let v = if code < 0x10000 {
            self.dense.get(code as usize).copied().unwrap_or(0)
        } else {
            self.sparse.get(&code).copied().unwrap_or(0)
        };
        if v == 0 {
            return false;
        }
        if v & MULTI != 0 {
            let Some(&(start, len)) = self.multi.get((v & !MULTI) as usize) else {
                return false;
            };
            let (start, len) = (start as usize, len as usize);
            match self.strings.get(start..start.saturating_add(len)) {
                Some(s) => out.push_str(s),
                None => return false,
            }
            return true;
        }
        match char::from_u32(v - 1) {
            // A map to U+0000 or another control character is a broken entry.
            Some(c) if !c.is_control() || c == '\t' => {
                out.push(c);
                true
            }
            _ => false,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.dense.is_empty() && self.sparse.is_empty()
    }

    #[cfg(test)]
    pub(super) fn lookup_for_test(&self, code: u32, out: &mut String) -> bool {
        self.lookup(code, out)
    }
}

/// Tokens of a CMap file.
enum Tok<'a> {
    Hex(Vec<u8>),
    Name(&'a [u8]),
    Word(&'a [u8]),
    Int,
    Open,
    Close,
}

fn cmap_tokens(b: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |k: usize| b.get(k).copied();
    while let Some(c) = at(i) {
        match c {
            b'%' => {
                while let Some(c) = at(i) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    i += 1;
                }
            }
            b'<' if at(i + 1) == Some(b'<') => i += 2,
            b'>' if at(i + 1) == Some(b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut bytes = Vec::new();
                let mut hi: Option<u8> = None;
                while let Some(c) = at(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    let v = match c {
                        b'0'..=b'9' => c - b'0',
                        b'a'..=b'f' => c - b'a' + 10,
                        b'A'..=b'F' => c - b'A' + 10,
                        _ => continue,
                    };
                    match hi.take() {
                        Some(h) => bytes.push(h << 4 | v),
                        None => hi = Some(v),
                    }
                }
                if let Some(h) = hi {
                    bytes.push(h << 4);
                }
                out.push(Tok::Hex(bytes));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings only occur in headers we ignore.
                let mut level = 0usize;
                while let Some(c) = at(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level = level.saturating_sub(1);
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' | 0 | 12 | b'{' | b'}' | b')' | b'>' => i += 1,
            _ => {
                let start = i;
                let is_name = c == b'/';
                i += 1;
                while let Some(c) = at(i) {
                    if matches!(
                        c,
                        b' ' | b'\t'
                            | b'\r'
                            | b'\n'
                            | 0
                            | 12
                            | b'<'
                            | b'>'
                            | b'['
                            | b']'
                            | b'('
                            | b')'
                            | b'/'
                            | b'%'
                            | b'{'
                            | b'}'
                    ) {
                        break;
                    }
                    i += 1;
                }
                let word = b.get(start..i).unwrap_or(&[]);
                if is_name {
                    out.push(Tok::Name(word.get(1..).unwrap_or(&[])));
                } else if let Some(n) = std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    let _ = n;
                    out.push(Tok::Int);
                } else {
                    out.push(Tok::Word(word));
                }
            }
        }
    }
    out
}

pub(super) fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from(*a) << 8 | u16::from(*b),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

/// Most codes one bfrange may define (a range may name up to 2^32 codes).
const MAX_RANGE: u32 = 65_536;

/// Parse a ToUnicode (or encoding) CMap: codespace ranges, bfchar, bfrange (both forms).
pub(super) fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cm = CMap::default();
    let mut i = 0usize;
    let hex = |t: Option<&Tok>| match t {
        Some(Tok::Hex(h)) => Some(h.clone()),
        _ => None,
    };
    let mut total: u64 = 0;
    while let Some(t) = toks.get(i) {
        i += 1;
        let Tok::Word(w) = t else { continue };
        match *w {
            b"begincodespacerange" => {
                while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
                    i += 2;
                    let len = u8::try_from(lo.len().clamp(1, 4)).unwrap_or(1);
                    cm.codespace.push((len, be(&lo), be(&hi)));
                }
            }
            b"beginbfchar" | b"begincidchar" => {
                let cid = *w == b"begincidchar";
                while let Some(src) = hex(toks.get(i)) {
                    let code = be(&src);
                    match toks.get(i + 1) {
                        Some(Tok::Hex(dst)) if !cid => cm.set(code, &utf16_units(dst)),
                        Some(Tok::Name(n)) if !cid => {
                            if let Some(c) = glyph_name_to_char(n) {
                                let mut buf = [0u16; 2];
                                cm.set(code, c.encode_utf16(&mut buf));
                            }
                        }
                        Some(_) => {}
                        None => break,
                    }
                    i += 2;
                }
            }
            b"beginbfrange" => {
                while let (Some(lo), Some(hi)) = (hex(toks.get(i)), hex(toks.get(i + 1))) {
                    let (lo, hi) = (be(&lo), be(&hi));
                    let count = hi.saturating_sub(lo).min(MAX_RANGE);
                    i += 2;
                    match toks.get(i) {
                        Some(Tok::Hex(dst)) => {
                            let base = utf16_units(dst);
                            total += u64::from(count);
                            if total < 4_000_000 {
                                let mut cur = base;
                                for k in 0..=count {
                                    let last_base = cur.last().copied().unwrap_or(0);
                                    cm.set(lo.saturating_add(k), &cur);
                                    // Increment the last UTF-16 unit for the next code.
                                    if let Some(last) = cur.last_mut() {
                                        *last = last_base.wrapping_add(1);
                                    }
                                }
                            }
                            i += 1;
                        }
                        Some(Tok::Open) => {
                            i += 1;
                            let mut k = 0u32;
                            while let Some(t) = toks.get(i) {
                                i += 1;
                                match t {
                                    Tok::Close => break,
                                    Tok::Hex(dst) if k <= count => {
                                        cm.set(lo.saturating_add(k), &utf16_units(dst));
                                        k += 1;
                                    }
                                    _ => k += 1,
                                }
                            }
                        }
                        _ => i += 1,
                    }
                }
            }
            _ => {}
        }
    }
    cm
}
