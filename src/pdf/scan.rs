//! Cheap linear checks on raw bytes before any parser sees them, and bounded stream
//! decoding.

use std::io::Read;

use lopdf::{Object, Stream};

use super::PdfError;

/// True when `%PDF-` occurs in the first 1024 bytes (readers accept leading junk).
pub(super) fn has_pdf_header(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(&[]);
    find(head, b"%PDF-").is_some()
}

/// What the pre-scan of a whole file found.
pub(super) struct FileScan {
    /// Number of `/ObjStm` names (object streams lopdf will decompress while loading).
    pub object_streams: usize,
}

/// Reject files whose array/dictionary nesting exceeds `max_depth` (lopdf's recursive
/// parser must never see them) and count object streams. Stream bodies, strings and
/// comments are skipped; `endobj` resets the depth so junk cannot accumulate.
pub(super) fn prescan_file(bytes: &[u8], max_depth: usize) -> Result<FileScan, PdfError> {
    let mut s = Scanner::new(bytes, max_depth);
    s.run().map_err(|_| PdfError::LimitExceeded {
        what: "object nesting depth",
        limit: max_depth as u64,
    })?;
    Ok(FileScan {
        object_streams: s.object_streams,
    })
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
    max_depth: usize,
    object_streams: usize,
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | 0
            | 12
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'/'
            | b'%'
            | b'{'
            | b'}'
    )
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8], max_depth: usize) -> Self {
        Scanner {
            b,
            i: 0,
            depth: 0,
            max_depth,
            object_streams: 0,
        }
    }

    fn at(&self, k: usize) -> Option<u8> {
        self.b.get(self.i.checked_add(k)?).copied()
    }

    fn starts_with(&self, pat: &[u8]) -> bool {
        self.b
            .get(self.i..)
            .is_some_and(|rest| rest.starts_with(pat))
    }

    fn prev_is_delim(&self) -> bool {
        self.i == 0
            || self
                .i
                .checked_sub(1)
                .and_then(|p| self.b.get(p))
                .is_none_or(|&c| is_delim(c))
    }

    fn push(&mut self) -> Result<(), ()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            Err(())
        } else {
            Ok(())
        }
    }

    fn skip_to(&mut self, pat: &[u8]) {
        match self.b.get(self.i..).and_then(|rest| find(rest, pat)) {
            Some(p) => self.i += p + pat.len(),
            None => self.i = self.b.len(),
        }
    }

    fn run(&mut self) -> Result<(), ()> {
        while let Some(c) = self.at(0) {
            match c {
                b'%' => {
                    while let Some(c) = self.at(0) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b'(' => {
                    // Literal string: balanced parentheses, backslash escapes.
                    let mut level = 0usize;
                    while let Some(c) = self.at(0) {
                        self.i += 1;
                        match c {
                            b'\\' => self.i += 1,
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
                b'<' if self.at(1) == Some(b'<') => {
                    self.i += 2;
                    self.push()?;
                }
                b'<' => self.skip_to(b">"),
                b'>' if self.at(1) == Some(b'>') => {
                    self.i += 2;
                    self.depth = self.depth.saturating_sub(1);
                }
                b'[' => {
                    self.i += 1;
                    self.push()?;
                }
                b']' => {
                    self.i += 1;
                    self.depth = self.depth.saturating_sub(1);
                }
                b's' if self.prev_is_delim() && self.starts_with(b"stream") => {
                    self.i += 6;
                    if matches!(self.at(0), Some(b'\r' | b'\n')) {
                        self.skip_to(b"endstream");
                    }
                }
                b'e' if self.prev_is_delim() && self.starts_with(b"endobj") => {
                    self.i += 6;
                    self.depth = 0;
                }
                b'/' if self.starts_with(b"/ObjStm") => {
                    self.i += 7;
                    self.object_streams += 1;
                }
                _ => self.i += 1,
            }
        }
        Ok(())
    }
}

/// Position of `needle` in `hay`.
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut start = 0usize;
    while let Some(rest) = hay.get(start..) {
        let p = rest.iter().position(|&c| c == first)?;
        let at = start + p;
        if hay.get(at..)?.starts_with(needle) {
            return Some(at);
        }
        start = at + 1;
    }
    None
}

pub(super) enum DecodeError {
    TooBig,
    Bad(String),
}

/// Decode a stream's filters with at most `cap` bytes of output. FlateDecode without a
/// predictor is decoded here through `take(cap + 1)` (a truncated or corrupt stream keeps
/// what decoded); other filters go through lopdf's bounded decoder.
pub(super) fn decode_stream(stream: &Stream, cap: u64) -> Result<Vec<u8>, DecodeError> {
    let filters: Vec<&[u8]> = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| match o {
                Object::Name(n) => Some(n.as_slice()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let has_params = match stream.dict.get(b"DecodeParms") {
        Ok(Object::Dictionary(d)) => d.has(b"Predictor"),
        Ok(Object::Array(a)) => !a.is_empty(),
        _ => false,
    };
    match filters.as_slice() {
        [] => {
            if stream.content.len() as u64 > cap {
                return Err(DecodeError::TooBig);
            }
            Ok(stream.content.clone())
        }
        [f] if (*f == b"FlateDecode" || *f == b"Fl") && !has_params => {
            inflate(&stream.content, cap)
        }
        _ => {
            let cap_usize = usize::try_from(cap).unwrap_or(usize::MAX);
            match stream.decompressed_content_with_limit(cap_usize) {
                Ok(v) => Ok(v),
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => Err(DecodeError::TooBig),
                Err(e) => Err(DecodeError::Bad(e.to_string().to_lowercase())),
            }
        }
    }
}

/// zlib (or, failing that, raw deflate) with bounded output.
pub(super) fn inflate(data: &[u8], cap: u64) -> Result<Vec<u8>, DecodeError> {
    fn run<R: Read>(r: R, cap: u64) -> (Vec<u8>, bool) {
        let mut out = Vec::with_capacity(4096);
        let mut limited = r.take(cap.saturating_add(1));
        let mut buf = [0u8; 16 * 1024];
        let mut ok = true;
        loop {
            match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(buf.get(..n).unwrap_or(&[])),
                Err(_) => {
                    ok = false;
                    break;
                }
            }
        }
        (out, ok)
    }
    let (out, ok) = run(flate2::read::ZlibDecoder::new(data), cap);
    let out = if !ok && out.is_empty() {
        run(flate2::read::DeflateDecoder::new(data), cap).0
    } else {
        out
    };
    if out.len() as u64 > cap {
        return Err(DecodeError::TooBig);
    }
    if out.is_empty() && !data.is_empty() && !ok {
        return Err(DecodeError::Bad("flate stream does not decode".into()));
    }
    Ok(out)
}
