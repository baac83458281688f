//! The Word draft back with the findings in it: a copy of the `.docx` in which each
//! finding is a Word comment anchored on the characters of its evidence, with one summary
//! comment on the first paragraph. Everything else is kept: `word/document.xml` changes
//! only by the comment marks (and the runs they split), `word/comments.xml` keeps its
//! comments, and every other entry of the package is copied byte for byte (its
//! compressed data as it was).
//!
//! The evidence is found through the reader's record of where each piece of a line was
//! read ([`crate::source::XmlPiece`]): the `w:t` (or `w:tab`, ...) element and the offset
//! in its text. A finding whose evidence has no such place (the report as a whole, a
//! footnote) is listed in the summary comment.

mod index;
mod marks;
mod parts;

use crate::analysis::Analysis;
use crate::diagnostic::{Finding, Severity};
use crate::docx::package::{Package, DOCUMENT_PART};
use crate::docx::Limits;
use crate::error::Error;
use crate::source::Kind;
use parts::{Comment, Stamp};
use std::io::{Cursor, Write};

const RELS_PART: &str = "word/_rels/document.xml.rels";
const TYPES_PART: &str = "[Content_Types].xml";

/// Who the comments are by, and when.
#[derive(Debug, Clone)]
pub struct Options {
    pub author: String,
    pub initials: String,
    /// `w:date` of every comment (ISO 8601, `2024-05-01T12:00:00Z`); none if `None`.
    pub date: Option<String>,
    /// Limits on reading the package.
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            author: "hmip".to_string(),
            initials: "hmip".to_string(),
            date: None,
            limits: Limits::default(),
        }
    }
}

/// What a review wrote: how many findings were anchored on their evidence and how many
/// went into the summary comment only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reviewed {
    pub anchored: usize,
    pub summary_only: usize,
}

/// Text for XML content and attribute values: `&`, `<`, `>`, `"` escaped, and the
/// characters XML 1.0 cannot hold dropped.
pub(crate) fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// "hmip: 1 error, 2 warnings; rules standard-name (1), methodology-text (2)"
fn headline(a: &Analysis) -> String {
    let mut rules: Vec<(&str, usize)> = Vec::new();
    for f in &a.findings {
        match rules.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, n)) => *n += 1,
            None => rules.push((f.rule, 1)),
        }
    }
    let rules = if rules.is_empty() {
        "no findings".to_string()
    } else {
        let list: Vec<String> = rules.iter().map(|(r, n)| format!("{r} ({n})")).collect();
        format!("rules {}", list.join(", "))
    };
    format!(
        "hmip: {}, {}; {rules}",
        plural(a.errors(), "error"),
        plural(a.warnings(), "warning")
    )
}

/// The paragraphs of one finding's comment.
fn finding_text(a: &Analysis, f: &Finding) -> Vec<String> {
    let sev = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = vec![format!("hmip {sev} [{}]: {}", f.rule, f.message)];
    if let Some(rule) = crate::rules::by_id(f.rule) {
        out.push(format!("Rule: {}.", rule.summary));
    }
    if f.discretion {
        out.push("Professional discretion could apply.".to_string());
    }
    if let Some(h) = &f.help {
        out.push(format!("Help: {h}"));
    }
    for l in &f.labels {
        let quote = a
            .source
            .line(l.span.line)
            .map(|line| {
                let r = crate::render::human::token_range(line, l.span);
                line.get(r).unwrap_or_default().to_string()
            })
            .unwrap_or_default();
        let place = a
            .source
            .origin(l.span.line)
            .and_then(|o| o.place.clone())
            .unwrap_or_else(|| format!("line {}", l.span.line));
        out.push(format!(
            "See also ({place}): {} \u{2014} \u{201c}{quote}\u{201d}",
            l.message
        ));
    }
    // Where the finding is goes without saying in a comment on it.
    for n in crate::render::html::other_notes(a, f) {
        out.push(format!("Note: {n}"));
    }
    out
}

/// A copy of the Word document `docx` (the bytes `a` was read from) with a comment per
/// finding of `a` and a summary comment.
pub fn review(docx: &[u8], a: &Analysis, opts: &Options) -> Result<(Vec<u8>, Reviewed), Error> {
    if a.source.kind != Kind::Docx {
        return Err(Error::Review(format!(
            "{} was not read as a Word document",
            a.source.name
        )));
    }
    let mut pkg = Package::open(docx, &opts.limits)?;
    let document =
        pkg.bytes(DOCUMENT_PART)?
            .ok_or(Error::Docx(crate::docx::DocxError::MissingPart(
                DOCUMENT_PART,
            )))?;
    let rels = pkg.bytes(RELS_PART)?;
    let types = pkg
        .bytes(TYPES_PART)?
        .ok_or_else(|| Error::Review(format!("the package has no {TYPES_PART}")))?;
    let target = rels.as_deref().and_then(parts::comments_target);
    let existing = match &target {
        Some(t) => pkg.bytes(t)?,
        None => None,
    };
    let comments_name = target.unwrap_or_else(|| "word/comments.xml".to_string());
    let ix = index::Index::build(&document).map_err(Error::Review)?;

    let used = ix
        .comment_ids
        .iter()
        .chain(
            existing
                .as_deref()
                .map(parts::comment_ids)
                .unwrap_or_default()
                .iter(),
        )
        .copied()
        .max();
    let mut next = u32::try_from(used.map_or(0, |m| m.saturating_add(1)).max(0)).unwrap_or(0);
    let mut plan = marks::Plan::new(&ix, &document);
    let summary_id = next;
    next += 1;
    let mut comments = Vec::new();
    let mut unanchored = Vec::new();
    for f in &a.findings {
        let range = std::iter::once(f.span)
            .chain(f.labels.iter().map(|l| l.span))
            .filter(|s| s.line > 0)
            .find_map(|s| marks::evidence(&a.source, s));
        if range.is_some_and(|r| plan.comment(next, r)) {
            comments.push(Comment {
                id: next,
                paragraphs: finding_text(a, f),
            });
            next += 1;
        } else {
            unanchored.push(f);
        }
    }
    if !plan.on_first_paragraph(summary_id) {
        return Err(Error::Review("the document has no paragraph".to_string()));
    }
    let mut summary = vec![headline(a)];
    summary.push(format!(
        "Checked against the {} framework; each finding is a comment on its evidence.",
        a.framework.id
    ));
    for f in &unanchored {
        summary.push(format!(
            "{} [{}] (no place in the text): {}",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
    }
    let reviewed = Reviewed {
        anchored: comments.len(),
        summary_only: unanchored.len(),
    };
    comments.insert(
        0,
        Comment {
            id: summary_id,
            paragraphs: summary,
        },
    );
    let stamp = Stamp {
        author: &opts.author,
        initials: &opts.initials,
        date: opts.date.as_deref(),
    };
    let new_document = plan.apply();
    let new_comments =
        parts::comments_part(existing.as_deref(), &comments, &stamp).map_err(Error::Review)?;
    let mut replaced: Vec<(String, Vec<u8>)> = vec![
        (DOCUMENT_PART.to_string(), new_document),
        (comments_name.clone(), new_comments),
    ];
    if rels.as_deref().and_then(parts::comments_target).is_none() {
        replaced.push((
            RELS_PART.to_string(),
            parts::add_comments_relationship(rels.as_deref()).map_err(Error::Review)?,
        ));
    }
    replaced.push((
        TYPES_PART.to_string(),
        parts::add_content_type(&types, &comments_name).map_err(Error::Review)?,
    ));
    Ok((repack(docx, replaced)?, reviewed))
}

/// The package with the entries of `replaced` written anew (in their place, or at the
/// end for new ones) and every other entry copied as it was.
fn repack(docx: &[u8], mut replaced: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, Error> {
    let zip_err = |e: zip::result::ZipError| Error::Review(crate::foreign::clean(&e.to_string()));
    let io_err = |e: std::io::Error| Error::Review(crate::foreign::clean(&e.to_string()));
    let mut zin = zip::ZipArchive::new(Cursor::new(docx)).map_err(zip_err)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let file = zin.by_index_raw(i).map_err(zip_err)?;
        let name = file.name().map_err(zip_err)?.to_string();
        match replaced.iter().position(|(n, _)| *n == name) {
            Some(k) => {
                let (name, data) = replaced.remove(k);
                drop(file);
                out.start_file(name, deflate).map_err(zip_err)?;
                out.write_all(&data).map_err(io_err)?;
            }
            None => out.raw_copy_file(file).map_err(zip_err)?,
        }
    }
    for (name, data) in replaced {
        out.start_file(name, deflate).map_err(zip_err)?;
        out.write_all(&data).map_err(io_err)?;
    }
    Ok(out.finish().map_err(zip_err)?.into_inner())
}
