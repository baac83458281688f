//! PDF text extraction on top of `lopdf`.
//!
//! [`extract`] turns the bytes of a PDF into logical lines in reading order: one line per
//! paragraph, table rows with their cells joined by a TAB, `""` lines between paragraphs.
//! It never panics on input (no `unwrap`/indexing on input-derived data), bounds every
//! decompression and every loop by [`Limits`], and reports a bad page as a warning with an
//! empty page rather than failing the document.
//!
//! Layers: `scan` (cheap pre-checks on raw bytes), `font` and `cmap` (widths and Unicode
//! decoding), `interp` (content-stream interpreter producing positioned glyphs and ruling
//! lines), `layout` (glyphs to lines, paragraphs and table rows), `tolerance` (every
//! numeric tolerance of the layout), `tables` (generated from `tables/*.txt` by
//! `tests/pdf_tables_codegen.rs`).

mod budget;
mod cmap;
mod content;
mod font;
mod interp;
mod layout;
mod pages;
mod scan;
mod tables;
mod tolerance;

pub(crate) use budget::Budget;

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Resource limits for one [`extract`] call. Every field can be changed; `Default` gives
/// values far above what real inspection reports need (the fixtures use < 1 MiB of
/// decompressed data and < 10,000 operators per page).
#[derive(Debug, Clone)]
pub struct Limits {
    /// Decompressed bytes allowed for any single stream (content, form, font CMap, object
    /// stream); a page's content streams count as one. Default 16 MiB.
    pub max_stream_bytes: u64,
    /// Decompressed bytes allowed for the whole document, all streams this module
    /// decompresses added up. Default 256 MiB.
    pub max_document_bytes: u64,
    /// Content-stream operators interpreted per page, including those of Form XObjects.
    /// Default 2,000,000.
    pub max_ops_per_page: u64,
    /// Nesting depth of arrays/dictionaries in the raw file and in content streams,
    /// checked before any parsing. Default 256.
    pub max_depth: usize,
    /// Nesting depth of Form XObjects (a form drawing a form ...) and of the page tree.
    /// Default 64.
    pub max_form_depth: usize,
    /// Pages processed; a document with more pages fails with `LimitExceeded`. Default 2,000.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 16 * 1024 * 1024,
            max_document_bytes: 256 * 1024 * 1024,
            max_ops_per_page: 2_000_000,
            max_depth: 256,
            max_form_depth: 64,
            max_pages: 2_000,
        }
    }
}

/// One logical output line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based page number the line starts on.
    pub page: u32,
    /// The text; empty for a paragraph break.
    pub text: String,
}

/// A problem met while reading, with the page it concerns when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based page number; `None` for the document as a whole.
    pub page: Option<u32>,
    /// What happened, without the page ("content stream skipped: ...").
    pub message: String,
}

/// The result of [`extract`].
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The document's lines, page after page.
    pub lines: Vec<Line>,
    /// Number of pages in the document.
    pub pages: u32,
    /// Glyphs that could not be mapped to Unicode (each became U+FFFD), all pages.
    pub undecoded_glyphs: u64,
    /// Non-fatal problems, in page order: an unreadable page, a page left empty,
    /// undecodable glyphs and fonts, damaged content, a table read without its rules.
    pub warnings: Vec<Warning>,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes do not start with a PDF header.
    #[error("not a pdf file (no %PDF- header)")]
    NotPdf,
    /// Encrypted with a password we do not have (the empty user password failed).
    #[error("pdf is encrypted and cannot be opened without a password")]
    Encrypted,
    /// The file is damaged beyond what the reader can recover.
    #[error("malformed pdf: {0}")]
    Malformed(String),
    /// A resource limit from [`Limits`] was exceeded.
    #[error("pdf exceeds limit on {what} ({limit})")]
    LimitExceeded {
        /// Which limit.
        what: &'static str,
        /// The configured value.
        limit: u64,
    },
    /// The document has no pages.
    #[error("pdf has no pages")]
    NoPages,
    /// The pages draw images but no text: a scan without OCR.
    #[error("no text layer (scanned images?): run OCR first")]
    NoTextLayer,
}

/// Extract the text of a PDF as logical lines. See the module docs.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, PdfError> {
    if !scan::has_pdf_header(bytes) {
        return Err(PdfError::NotPdf);
    }
    let scan_info = scan::prescan_file(bytes, limits.max_depth)?;
    // lopdf decompresses object and xref streams while loading; bound each of them so
    // that all of them together stay within the document budget.
    let per_stream = limits
        .max_stream_bytes
        .min(limits.max_document_bytes / (scan_info.object_streams.max(1) as u64));
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(usize::try_from(per_stream).unwrap_or(usize::MAX)),
        ..Default::default()
    };
    let doc = match catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    })) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(map_lopdf_error(e, per_stream)),
        Err(_) => return Err(PdfError::Malformed("pdf parser failed".into())),
    };
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let pages = collect_pages(&doc, limits)?;
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    pages::read_pages(&doc, &pages, limits)
}

fn map_lopdf_error(e: lopdf::Error, per_stream: u64) -> PdfError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::LimitExceeded {
                what: "decompressed bytes per object stream",
                limit: per_stream,
            }
        }
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
        // lopdf's messages may quote the input; `String::truncate` at a byte count could
        // also split a character.
        other => PdfError::Malformed(crate::foreign::clean(&other.to_string().to_lowercase())),
    }
}

/// A page with the attributes it inherits from the page tree.
pub(crate) struct PageRef<'a> {
    pub id: ObjectId,
    pub dict: &'a Dictionary,
    pub resources: Option<&'a Dictionary>,
    /// x0, y0, x1, y1
    pub media_box: [f64; 4],
}

/// Follow references (bounded) to the object they point to.
pub(crate) fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..32 {
        match obj {
            Object::Reference(id) => obj = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

pub(crate) fn deref_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn num(obj: &Object) -> Option<f64> {
    let v = match obj {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => return None,
    };
    v.is_finite().then_some(v)
}

fn rect(doc: &Document, obj: &Object) -> Option<[f64; 4]> {
    let Object::Array(a) = deref(doc, obj)? else {
        return None;
    };
    let mut v = [0.0; 4];
    for (slot, o) in v.iter_mut().zip(a.iter()) {
        *slot = num(deref(doc, o)?)?;
    }
    if a.len() < 4 {
        return None;
    }
    let [x0, y0, x1, y1] = v;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// Walk the page tree from the catalog, with cycle and depth guards.
fn collect_pages<'a>(doc: &'a Document, limits: &Limits) -> Result<Vec<PageRef<'a>>, PdfError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|o| deref_dict(doc, o))
        .ok_or_else(|| PdfError::Malformed("no document catalog".into()))?;
    let pages_obj = root
        .get(b"Pages")
        .map_err(|_| PdfError::Malformed("no page tree".into()))?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Explicit stack: (node object, inherited resources, inherited media box, depth).
    let mut stack: Vec<(&Object, Option<&Dictionary>, [f64; 4], usize)> =
        vec![(pages_obj, None, [0.0, 0.0, 612.0, 792.0], 0)];
    while let Some((node_obj, res, mbox, depth)) = stack.pop() {
        if depth > limits.max_form_depth.max(1) * 4 {
            return Err(PdfError::Malformed("page tree too deep".into()));
        }
        if let Object::Reference(id) = node_obj {
            if !seen.insert(*id) {
                return Err(PdfError::Malformed("cycle in page tree".into()));
            }
        }
        let id = match node_obj {
            Object::Reference(id) => *id,
            _ => (0, 0),
        };
        let Some(node) = deref_dict(doc, node_obj) else {
            continue;
        };
        let res = match node.get(b"Resources").ok().and_then(|o| deref_dict(doc, o)) {
            Some(r) => Some(r),
            None => res,
        };
        let mbox = node
            .get(b"MediaBox")
            .ok()
            .and_then(|o| rect(doc, o))
            .unwrap_or(mbox);
        let is_pages = matches!(node.get(b"Type"), Ok(Object::Name(n)) if n == b"Pages")
            || (node.has(b"Kids") && !node.has(b"Contents"));
        if is_pages {
            if let Some(Object::Array(kids)) = node.get(b"Kids").ok().and_then(|k| deref(doc, k)) {
                // Push in reverse so pages come out in order.
                for kid in kids.iter().rev() {
                    stack.push((kid, res, mbox, depth + 1));
                }
            }
        } else {
            if out.len() >= limits.max_pages {
                return Err(PdfError::LimitExceeded {
                    what: "pages",
                    limit: limits.max_pages as u64,
                });
            }
            let crop = node.get(b"CropBox").ok().and_then(|o| rect(doc, o));
            out.push(PageRef {
                id,
                dict: node,
                resources: res,
                media_box: crop.unwrap_or(mbox),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod dump;
#[cfg(test)]
mod tests;
