//! Reading the pages: each page interpreted and laid out on its own (in parallel, on
//! rayon's pool), then the pages assembled in order with their warnings.
//!
//! Output is deterministic: results are kept in page order whatever the order the pages
//! were read in, and a font's warning names the first page that uses it, not the page
//! that happened to load it. Memory stays bounded: a page's glyphs are dropped once it is
//! laid out, so at most one page's glyphs per thread are held at a time.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::Document;
use rayon::prelude::*;

use super::font::FontCache;
use super::{interp, layout, Budget, Extracted, Limits, PageRef, PdfError, Warning};

/// What one page gave.
struct PageResult {
    lines: layout::PageLines,
    warnings: Vec<String>,
    undecoded: u64,
    /// Glyphs that decoded to text.
    decoded: u64,
    images: u64,
    undecodable_fonts: Vec<String>,
}

impl PageResult {
    fn empty(page_no: u32, warning: String) -> PageResult {
        PageResult {
            lines: layout::PageLines {
                page_no,
                ..Default::default()
            },
            warnings: vec![warning],
            undecoded: 0,
            decoded: 0,
            images: 0,
            undecodable_fonts: Vec::new(),
        }
    }
}

/// Read one page: interpret, then lay out. A limit error ends the document; any other
/// failure leaves the page empty with a warning.
fn read_page(
    doc: &Document,
    page: &PageRef<'_>,
    page_no: u32,
    fonts: &FontCache,
    budget: &Budget,
    limits: &Limits,
) -> Result<PageResult, PdfError> {
    let content = match catch_unwind(AssertUnwindSafe(|| {
        interp::run_page(doc, page, page_no, fonts, budget, limits)
    })) {
        Ok(Ok(content)) => content,
        Ok(Err(e @ PdfError::LimitExceeded { .. })) => return Err(e),
        Ok(Err(e)) => return Ok(PageResult::empty(page_no, format!("{e}; page left empty"))),
        Err(_) => {
            return Ok(PageResult::empty(
                page_no,
                "internal error while reading the page; page left empty".into(),
            ))
        }
    };
    let mut warnings = content.warnings.clone();
    let lines =
        catch_unwind(AssertUnwindSafe(|| layout::layout_page(&content))).unwrap_or_else(|_| {
            warnings.push("layout failed; page left empty".into());
            layout::PageLines {
                page_no,
                ..Default::default()
            }
        });
    warnings.extend(lines.notes.iter().cloned());
    Ok(PageResult {
        lines,
        warnings,
        undecoded: content.undecoded,
        decoded: content.shown.saturating_sub(content.undecoded),
        images: content.images,
        undecodable_fonts: content.undecodable_fonts,
    })
}

/// Read every page and assemble the document's lines.
pub(super) fn read_pages(
    doc: &Document,
    pages: &[PageRef<'_>],
    limits: &Limits,
) -> Result<Extracted, PdfError> {
    let budget = Budget::new(limits);
    let fonts = FontCache::default();
    let results: Vec<Result<PageResult, PdfError>> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            read_page(doc, page, page_no, &fonts, &budget, limits)
        })
        .collect();
    let mut out = Extracted {
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        ..Default::default()
    };
    let mut page_lines = Vec::with_capacity(results.len());
    let mut reported_fonts: HashSet<String> = HashSet::new();
    let (mut decoded, mut images) = (0u64, 0u64);
    // The first error in page order, so that the outcome does not depend on timing.
    for (i, r) in results.into_iter().enumerate() {
        let r = r?;
        let page = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let note = |message: String| Warning { page, message };
        out.warnings.extend(r.warnings.into_iter().map(note));
        for f in r.undecodable_fonts {
            if reported_fonts.insert(f.clone()) {
                out.warnings.push(note(format!(
                    "font {} has no ToUnicode map or usable encoding; its text is undecoded",
                    crate::foreign::clean(&f)
                )));
            }
        }
        if r.undecoded > 0 {
            out.warnings.push(note(format!(
                "{} glyphs could not be decoded to text (shown as U+FFFD)",
                r.undecoded
            )));
        }
        if r.decoded == 0 && r.images > 0 {
            out.warnings.push(note(
                "the page has images but no text (a scanned page?); it was not read".into(),
            ));
        }
        out.undecoded_glyphs = out.undecoded_glyphs.saturating_add(r.undecoded);
        decoded = decoded.saturating_add(r.decoded);
        images = images.saturating_add(r.images);
        page_lines.push(r.lines);
    }
    if decoded == 0 && images > 0 {
        return Err(PdfError::NoTextLayer);
    }
    out.lines = layout::assemble(page_lines);
    Ok(out)
}
