//! Turning input bytes into a [`Source`]: detects PDF, Word and text by content (not by
//! file name), decodes text (UTF-8 with or without BOM; UTF-16 with BOM) and bounds size.

use crate::docx;
use crate::error::Error;
use crate::source::{Kind, LineOrigin, ReaderNote, Revision, RevisionKind, Source, XmlPiece};

/// Limits and reading options for every input kind.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest input file accepted, in bytes (default 256 MiB).
    pub max_input_bytes: u64,
    /// Largest number of lines the text of an input may have, after decoding or extraction
    /// (default 1,000,000; real reports have a few thousand). Every line costs the
    /// normaliser a row, so this bounds its memory where the byte limit alone does not
    /// (10 MB of newlines is 10 million rows).
    pub max_lines: usize,
    /// Word documents: read as if every tracked change were rejected.
    pub as_original: bool,
    pub docx: docx::Limits,
    pub pdf: crate::pdf::Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 256 * 1024 * 1024,
            max_lines: 1_000_000,
            as_original: false,
            docx: docx::Limits::default(),
            pdf: crate::pdf::Limits::default(),
        }
    }
}

/// What the bytes are.
pub fn sniff(bytes: &[u8]) -> Kind {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        Kind::Docx
    } else {
        Kind::Text
    }
}

/// Decodes text: UTF-8 (a BOM is dropped), UTF-16 LE/BE with a BOM. Anything else that is
/// not valid UTF-8 is refused with the offset of the first bad byte.
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| Error::NotText {
                offset: e.valid_up_to() + 3,
            });
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|c| match c {
            [a, b] if le => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, false));
    }
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| Error::NotText {
            offset: e.valid_up_to(),
        })
}

/// Number of lines as the normaliser splits them: on `\n`, `\r\n` and a lone `\r`.
pub fn count_lines(text: &str) -> usize {
    // Line feeds, and carriage returns not before one, found by memchr (SIMD) rather
    // than byte by byte: every text input is counted before it is read.
    let b = text.as_bytes();
    let feeds = memchr::memchr_iter(b'\n', b).count();
    let lone_returns = memchr::memchr_iter(b'\r', b)
        .filter(|&i| b.get(i + 1) != Some(&b'\n'))
        .count();
    1 + feeds + lone_returns
}

/// Refuses text with more lines than the limit.
fn check_lines(source: Source, opts: &Options) -> Result<Source, Error> {
    let lines = count_lines(&source.text);
    if lines > opts.max_lines {
        return Err(Error::TooManyLines {
            lines,
            limit: opts.max_lines,
        });
    }
    Ok(source)
}

/// The PDF reader's warnings, each with its page (the reader gives them structured).
fn pdf_notes(warnings: Vec<crate::pdf::Warning>) -> Vec<ReaderNote> {
    warnings
        .into_iter()
        .map(|w| ReaderNote {
            page: w.page,
            message: w.message,
        })
        .collect()
}

/// A Word tracked change in the source's own terms.
fn revision(c: docx::Change) -> Revision {
    Revision {
        start: c.start,
        end: c.end,
        kind: match c.kind {
            docx::ChangeKind::Insertion => RevisionKind::Insertion,
            docx::ChangeKind::Deletion => RevisionKind::Deletion,
            docx::ChangeKind::MoveTo => RevisionKind::MoveTo,
            docx::ChangeKind::MoveFrom => RevisionKind::MoveFrom,
        },
        author: c.author,
        date: c.date,
    }
}

/// Reads a file's bytes, refusing one larger than `limit` without reading past it.
pub fn read_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, Error> {
    let file = std::fs::File::open(path)?;
    // The size the file says it has, as a hint: one buffer instead of a doubling series.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    read_bounded_sized(file, limit, usize::try_from(size).unwrap_or(0))
}

/// Reads everything from `r`, refusing more than `limit` bytes without reading past it.
pub fn read_bounded(r: impl std::io::Read, limit: u64) -> Result<Vec<u8>, Error> {
    read_bounded_sized(r, limit, 0)
}

/// [`read_bounded`] into a buffer with room for `size` bytes (and one more, so reading
/// the end costs no growth).
fn read_bounded_sized(r: impl std::io::Read, limit: u64, size: usize) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let mut buf = Vec::with_capacity(size.saturating_add(1));
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(Error::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

/// Reads any supported input (PDF, Word or text, told apart by content) into a [`Source`].
pub fn read(name: &str, bytes: &[u8], opts: &Options) -> Result<Source, Error> {
    read_unchecked(name, bytes, opts).and_then(|s| check_lines(s, opts))
}

/// [`read`] of bytes the caller no longer needs: a UTF-8 text without a byte-order mark
/// becomes the source's text without a copy.
pub fn read_owned(name: &str, bytes: Vec<u8>, opts: &Options) -> Result<Source, Error> {
    let plain_text = bytes.len() as u64 <= opts.max_input_bytes
        && sniff(&bytes) == Kind::Text
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF]);
    if !plain_text {
        return read(name, &bytes, opts);
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::NotText {
        offset: e.utf8_error().valid_up_to(),
    })?;
    check_lines(Source::text(name, text), opts)
}

fn read_unchecked(name: &str, bytes: &[u8], opts: &Options) -> Result<Source, Error> {
    let size = bytes.len() as u64;
    if size > opts.max_input_bytes {
        return Err(Error::TooLarge {
            size,
            limit: opts.max_input_bytes,
        });
    }
    match sniff(bytes) {
        Kind::Text => Ok(Source::text(name, decode_text(bytes)?)),
        Kind::Docx => {
            let ex = docx::extract(
                bytes,
                &docx::Options {
                    as_original: opts.as_original,
                    limits: opts.docx.clone(),
                },
            )?;
            let mut text = String::new();
            let mut origins = Vec::with_capacity(ex.lines.len());
            for line in ex.lines {
                let paragraph = !matches!(line.origin, docx::Origin::TableRow { .. });
                text.push_str(&line.text);
                text.push('\n');
                let place = match line.origin {
                    docx::Origin::Paragraph { index } => format!("paragraph {index}"),
                    docx::Origin::TableRow { table, row } => format!("table {table}, row {row}"),
                    docx::Origin::Footnote { id } => format!("footnote {id}"),
                    docx::Origin::Header => "header".to_string(),
                    docx::Origin::Footer => "footer".to_string(),
                };
                origins.push(LineOrigin {
                    page: None,
                    place: Some(place),
                    revisions: line.changes.into_iter().map(revision).collect(),
                    pieces: line
                        .pieces
                        .iter()
                        .map(|p| XmlPiece {
                            start: p.start,
                            end: p.end,
                            xml: p.xml,
                            offset: p.offset,
                        })
                        .collect(),
                });
                // A Word paragraph ends with a blank line, as in report texts, so wrapped
                // prose is never joined across paragraphs.
                if paragraph {
                    text.push('\n');
                    origins.push(LineOrigin::default());
                }
            }
            Ok(Source {
                name: name.to_string(),
                kind: Kind::Docx,
                text,
                origins,
                pages: None,
                reader_notes: ex
                    .warnings
                    .into_iter()
                    .map(|message| ReaderNote {
                        page: None,
                        message,
                    })
                    .collect(),
            })
        }
        Kind::Pdf => {
            let ex = crate::pdf::extract(bytes, &opts.pdf).map_err(|e| match e {
                crate::pdf::PdfError::Encrypted => Error::Encrypted,
                crate::pdf::PdfError::NoTextLayer => Error::NoTextLayer,
                e => Error::Pdf(e.to_string()),
            })?;
            let mut text = String::new();
            let mut origins = Vec::with_capacity(ex.lines.len());
            for line in ex.lines {
                text.push_str(&line.text);
                text.push('\n');
                origins.push(LineOrigin {
                    page: Some(line.page),
                    ..LineOrigin::default()
                });
            }
            Ok(Source {
                name: name.to_string(),
                kind: Kind::Pdf,
                text,
                origins,
                pages: Some(ex.pages),
                reader_notes: pdf_notes(ex.warnings),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_refuses_binary() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFab").unwrap(), "ab");
        assert_eq!(decode_text(b"\xFF\xFEa\0b\0").unwrap(), "ab");
        assert_eq!(decode_text(b"\xFE\xFF\0a\0b").unwrap(), "ab");
        assert!(matches!(
            decode_text(b"ab\xFFcd"),
            Err(Error::NotText { offset: 2 })
        ));
    }

    #[test]
    fn counts_lines_like_the_normaliser() {
        assert_eq!(count_lines(""), 1);
        assert_eq!(count_lines("a\nb"), 2);
        assert_eq!(count_lines("a\r\nb\rc\n"), 4);
        let opts = Options {
            max_lines: 3,
            ..Options::default()
        };
        assert!(read("x", b"a\nb\nc", &opts).is_ok());
        assert!(matches!(
            read("x", b"a\nb\nc\n", &opts),
            Err(Error::TooManyLines { lines: 4, limit: 3 })
        ));
    }

    #[test]
    fn owned_bytes_read_as_borrowed_ones() {
        let opts = Options::default();
        for bytes in [
            &b"Service: X\nline two"[..],
            b"\xEF\xBB\xBFwith a mark",
            b"\xFF\xFEa\x00b\x00",
            b"bad \xFF byte",
            b"",
        ] {
            let owned = read_owned("t", bytes.to_vec(), &opts);
            let borrowed = read("t", bytes, &opts);
            assert_eq!(
                owned
                    .as_ref()
                    .map(|s| s.text.clone())
                    .map_err(ToString::to_string),
                borrowed
                    .as_ref()
                    .map(|s| s.text.clone())
                    .map_err(ToString::to_string),
                "{bytes:?}"
            );
        }
        let small = Options {
            max_input_bytes: 3,
            ..Options::default()
        };
        assert!(matches!(
            read_owned("t", b"four".to_vec(), &small),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Docx);
        assert_eq!(sniff(b"Service: X"), Kind::Text);
    }
}
