//! A zero-copy tokenizer for content streams: operators with their operands, borrowed
//! from the decompressed bytes wherever no escape has to be decoded.
//!
//! It replaces `lopdf::content::Content::decode_iter`, which builds an owned `Object` per
//! operand and stops at the first byte it does not expect. Numbers are read as lopdf reads
//! them (integers as `i64`, reals as `f32`), so positions are the same to the last bit.
//! Unlike lopdf it skips a stray delimiter and goes on, noting that the stream is damaged.

use std::borrow::Cow;

/// Most operands kept for one operator; further ones are dropped (a real operator takes
/// at most a few, a `TJ` array counts as one).
const MAX_OPERANDS: usize = 1_024;
/// Most elements kept in one array (a `TJ` array of one glyph each can be long).
const MAX_ARRAY: usize = 65_536;
/// Nesting of literal-string parentheses kept as text (as lopdf: 100).
const MAX_PARENS: usize = 100;

/// One operand. Dictionaries, booleans and `null` are read past but not kept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand<'a> {
    Num(f64),
    Name(Cow<'a, [u8]>),
    /// A literal string, escapes decoded.
    Str(Cow<'a, [u8]>),
    /// A hex string as written between `<` and `>` (decoded by [`decode_hex`] when shown).
    Hex(&'a [u8]),
    Array(Vec<Operand<'a>>),
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(v) if v.is_finite() => Some(*v),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The bytes of a string operand: a literal string's own, or a hex string decoded
    /// into `buf`.
    pub fn bytes<'s>(&'s self, buf: &'s mut Vec<u8>) -> Option<&'s [u8]> {
        match self {
            Operand::Str(s) => Some(s),
            Operand::Hex(h) => {
                decode_hex(h, buf);
                Some(buf)
            }
            _ => None,
        }
    }
}

/// Decode the digits of a hex string into `out` (cleared first): white space and other
/// bytes ignored, an odd last digit padded with 0.
pub(super) fn decode_hex(h: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut hi: Option<u8> = None;
    for &c in h {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0 | 12)
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delim(c)
}

/// The tokenizer over one decompressed content stream.
pub(super) struct Lexer<'a> {
    b: &'a [u8],
    i: usize,
    max_depth: usize,
    /// Bytes were skipped that fit no token (a stray `)`, an unterminated array ...).
    pub damaged: bool,
    /// Arrays or dictionaries were nested deeper than allowed (read past, not parsed).
    pub too_deep: bool,
}

/// What [`Lexer::token`] read.
enum Token<'a> {
    Operand(Operand<'a>),
    /// A bare word: an operator, or `true`/`false`/`null`.
    Word(&'a [u8]),
    /// `]` or `>>`: the end of the enclosing array or dictionary.
    Close,
}

impl<'a> Lexer<'a> {
    pub fn new(b: &'a [u8], max_depth: usize) -> Self {
        Lexer {
            b,
            i: 0,
            max_depth,
            damaged: false,
            too_deep: false,
        }
    }

    fn at(&self, k: usize) -> Option<u8> {
        self.b.get(self.i.checked_add(k)?).copied()
    }

    /// Skip white space and comments.
    fn skip_space(&mut self) {
        while let Some(c) = self.at(0) {
            if is_white(c) {
                self.i += 1;
            } else if c == b'%' {
                while self.at(0).is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operator and its operands (into `operands`, cleared first); `None` at the
    /// end of the stream. Inline images are read past and returned as `BI` with no operands.
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_space();
            self.at(0)?;
            match self.token(0) {
                Some(Token::Operand(o)) => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(o);
                    } else {
                        self.damaged = true;
                    }
                }
                Some(Token::Word(w)) if w == b"true" || w == b"false" || w == b"null" => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(Operand::Other);
                    }
                }
                Some(Token::Word(b"BI")) => {
                    self.skip_inline_image();
                    operands.clear();
                    return Some(b"BI");
                }
                Some(Token::Word(w)) => return Some(w),
                Some(Token::Close) | None => self.damaged = true,
            }
        }
    }

    /// One token at `depth` levels of arrays and dictionaries; `None` for a byte that
    /// starts no token (skipped).
    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        let c = self.at(0)?;
        match c {
            b'/' => {
                self.i += 1;
                Some(Token::Operand(Operand::Name(self.name())))
            }
            b'(' => {
                self.i += 1;
                Some(Token::Operand(Operand::Str(self.literal())))
            }
            b'<' if self.at(1) == Some(b'<') => {
                self.i += 2;
                self.skip_dict(depth + 1);
                Some(Token::Operand(Operand::Other))
            }
            b'<' => {
                self.i += 1;
                Some(Token::Operand(Operand::Hex(self.hex())))
            }
            b'[' => {
                self.i += 1;
                Some(Token::Operand(Operand::Array(self.array(depth + 1))))
            }
            b']' => {
                self.i += 1;
                Some(Token::Close)
            }
            b'>' if self.at(1) == Some(b'>') => {
                self.i += 2;
                Some(Token::Close)
            }
            c if is_regular(c) => {
                let start = self.i;
                while self.at(0).is_some_and(is_regular) {
                    self.i += 1;
                }
                let word = self.b.get(start..self.i).unwrap_or(&[]);
                Some(match number(word) {
                    Some(v) => Token::Operand(Operand::Num(v)),
                    None => Token::Word(word),
                })
            }
            _ => {
                // `)`, a lone `>`, `{`, `}`: nothing starts here.
                self.i += 1;
                None
            }
        }
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.i;
        while self.at(0).is_some_and(is_regular) {
            self.i += 1;
        }
        let raw = self.b.get(start..self.i).unwrap_or(&[]);
        if !raw.contains(&b'#') {
            return Cow::Borrowed(raw);
        }
        // `#` and two hex digits stand for one byte; any other `#` ends the name (lopdf).
        let mut out = Vec::with_capacity(raw.len());
        let mut k = 0;
        while let Some(&c) = raw.get(k) {
            if c == b'#' {
                let hex = raw
                    .get(k + 1..k + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        k += 3;
                    }
                    None => break,
                }
            } else {
                out.push(c);
                k += 1;
            }
        }
        Cow::Owned(out)
    }

    /// A literal string after its `(`: balanced parentheses, escapes decoded, end of line
    /// markers read as `\n` (as lopdf does).
    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.i;
        let mut level = 0usize;
        // Fast path: no escape and no CR.
        while let Some(c) = self.at(0) {
            match c {
                b'\\' | b'\r' => break,
                b'(' => level += 1,
                b')' if level == 0 => {
                    let s = self.b.get(start..self.i).unwrap_or(&[]);
                    self.i += 1;
                    return Cow::Borrowed(s);
                }
                b')' => level -= 1,
                _ => {}
            }
            self.i += 1;
        }
        let mut out: Vec<u8> = self.b.get(start..self.i).unwrap_or(&[]).to_vec();
        while let Some(c) = self.at(0) {
            self.i += 1;
            match c {
                b'\\' => self.escape(&mut out),
                b'\r' => {
                    if self.at(0) == Some(b'\n') {
                        self.i += 1;
                    }
                    out.push(b'\n');
                }
                b'(' => {
                    level += 1;
                    if level > MAX_PARENS {
                        self.damaged = true;
                    }
                    out.push(c);
                }
                b')' if level == 0 => return Cow::Owned(out),
                b')' => {
                    level -= 1;
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        // Unterminated: keep what was read.
        self.damaged = true;
        Cow::Owned(out)
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(c) = self.at(0) else { return };
        self.i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if self.at(0) == Some(b'\n') {
                    self.i += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut v = u16::from(c - b'0');
                for _ in 0..2 {
                    match self.at(0) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + u16::from(d - b'0');
                            self.i += 1;
                        }
                        _ => break,
                    }
                }
                // Overflow is ignored (the spec), as lopdf does.
                out.push(v as u8);
            }
            c => out.push(c),
        }
    }

    /// A hex string after its `<`: its raw digits, up to the `>`.
    fn hex(&mut self) -> &'a [u8] {
        let start = self.i;
        while let Some(c) = self.at(0) {
            if c == b'>' {
                break;
            }
            if !c.is_ascii_hexdigit() && !is_white(c) {
                self.damaged = true;
            }
            self.i += 1;
        }
        let raw = self.b.get(start..self.i).unwrap_or(&[]);
        if self.at(0) == Some(b'>') {
            self.i += 1;
        } else {
            self.damaged = true;
        }
        raw
    }

    fn array(&mut self, depth: usize) -> Vec<Operand<'a>> {
        let mut out = Vec::with_capacity(16);
        if depth > self.max_depth {
            self.too_deep = true;
            self.skip_nested(b'[', b']');
            return out;
        }
        loop {
            self.skip_space();
            if self.at(0).is_none() {
                self.damaged = true;
                return out;
            }
            match self.token(depth) {
                Some(Token::Close) => return out,
                Some(Token::Operand(o)) => {
                    if out.len() < MAX_ARRAY {
                        out.push(o);
                    } else {
                        self.damaged = true;
                    }
                }
                Some(Token::Word(_)) => {
                    if out.len() < MAX_ARRAY {
                        out.push(Operand::Other);
                    }
                }
                None => self.damaged = true,
            }
        }
    }

    fn skip_dict(&mut self, depth: usize) {
        if depth > self.max_depth {
            self.too_deep = true;
            self.skip_nested(b'<', b'>');
            return;
        }
        loop {
            self.skip_space();
            if self.at(0).is_none() {
                self.damaged = true;
                return;
            }
            match self.token(depth) {
                Some(Token::Close) => return,
                Some(_) => {}
                None => self.damaged = true,
            }
        }
    }

    /// Past the bracket that closes an over-deep one (strings are not told apart here).
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while let Some(c) = self.at(0) {
            self.i += 1;
            if c == open {
                level += 1;
            } else if c == close {
                level -= 1;
                if level == 0 {
                    return;
                }
            }
        }
    }

    /// Past an inline image: its dictionary up to `ID`, one white-space byte, then the data
    /// up to an `EI` with white space before it and white space, a delimiter or the end
    /// after it.
    fn skip_inline_image(&mut self) {
        loop {
            self.skip_space();
            if self.at(0).is_none() {
                return;
            }
            if let Some(Token::Word(b"ID")) = self.token(1) {
                break;
            }
        }
        if self.at(0) == Some(b'\r') && self.at(1) == Some(b'\n') {
            self.i += 2;
        } else if self.at(0).is_some_and(is_white) {
            self.i += 1;
        }
        while self.i < self.b.len() {
            let here = self.at(0) == Some(b'E') && self.at(1) == Some(b'I');
            let before = self
                .i
                .checked_sub(1)
                .and_then(|p| self.b.get(p))
                .is_some_and(|&c| is_white(c));
            let after = self.at(2).is_none_or(|c| is_white(c) || is_delim(c));
            if here && before && after {
                self.i += 2;
                return;
            }
            self.i += 1;
        }
    }
}

/// A number as lopdf reads one: an integer (`i64`), or a real (`f32`, with a stray `-`
/// inside the fraction ignored); `None` for a word that is not a number.
fn number(w: &[u8]) -> Option<f64> {
    let (neg, digits) = match w.split_first() {
        Some((b'+', rest)) => (false, rest),
        Some((b'-', rest)) => (true, rest),
        _ => (false, w),
    };
    let int_len = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = digits.get(int_len..).unwrap_or(&[]);
    if rest.is_empty() {
        if int_len == 0 {
            return None;
        }
        let mut v: i64 = 0;
        for &d in digits {
            v = v.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
        }
        return Some(if neg { -v } else { v } as f64);
    }
    let frac = rest.strip_prefix(b".")?;
    if int_len == 0 && frac.first().is_none_or(|c| !c.is_ascii_digit()) {
        return None;
    }
    if !frac.iter().all(|&c| c.is_ascii_digit() || c == b'-') {
        return None;
    }
    if !frac.contains(&b'-') {
        return std::str::from_utf8(w)
            .ok()?
            .parse::<f32>()
            .ok()
            .map(f64::from);
    }
    let mut s = String::with_capacity(w.len());
    if neg {
        s.push('-');
    }
    for &c in digits.iter().filter(|&&c| c != b'-') {
        s.push(char::from(c));
    }
    s.parse::<f32>().ok().map(f64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(src, 16);
        let mut v = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut v) {
            out.push((String::from_utf8_lossy(op).into_owned(), v.clone()));
        }
        out
    }

    #[test]
    fn operators_operands_and_escapes() {
        let got =
            ops(b"BT /F1 12 Tf 72.5 -.5 Td (a\\(b\\)c\\101\\\nd) Tj [(x) -250 <4142 4>] TJ ET");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Td", "Tj", "TJ", "ET"]);
        assert_eq!(
            got[1].1,
            vec![Operand::Name(Cow::Borrowed(b"F1")), Operand::Num(12.0)]
        );
        assert_eq!(got[2].1, vec![Operand::Num(72.5), Operand::Num(-0.5)]);
        let mut buf = Vec::new();
        assert_eq!(got[3].1[0].bytes(&mut buf), Some(&b"a(b)cAd"[..]));
        let Operand::Array(a) = &got[4].1[0] else {
            panic!("{:?}", got[4])
        };
        assert_eq!(a[1].num(), Some(-250.0));
        assert_eq!(a[2].bytes(&mut buf), Some(&b"AB@"[..]));
    }

    #[test]
    fn reals_are_read_as_lopdf_reads_them() {
        // 0.1 as f32, widened: not the f64 0.1.
        assert_eq!(number(b"0.1"), Some(f64::from(0.1f32)));
        assert_eq!(number(b"5."), Some(5.0));
        assert_eq!(number(b"0.00-4142502"), Some(f64::from(0.004_142_502_f32)));
        assert_eq!(number(b"12"), Some(12.0));
        assert_eq!(number(b"T*"), None);
        assert_eq!(number(b"-"), None);
        assert_eq!(number(b"."), None);
    }

    #[test]
    fn inline_images_dictionaries_and_junk_are_read_past() {
        let got = ops(b"q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xff EI Q /P <</MCID 3>> BDC ) EMC");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q", "BDC", "EMC"]);
        assert_eq!(got[3].1.len(), 2);
        let mut lx = Lexer::new(b"(unterminated", 4);
        let mut v = Vec::new();
        assert_eq!(lx.next_op(&mut v), None);
        assert!(lx.damaged);
    }
}
