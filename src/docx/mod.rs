//! Word (.docx) reader: turns a WordprocessingML package into plain text lines.
//!
//! The main document part (`word/document.xml`) is read with a streaming XML
//! reader (no DOM of the whole part is built):
//!
//! * one [`Line`] per body paragraph (empty paragraphs are skipped);
//! * one [`Line`] per table row, cells joined by a single TAB, paragraphs inside
//!   a cell joined by a single space; a `w:gridSpan` cell is one cell, a
//!   `w:vMerge` continuation cell is emitted empty so that columns stay aligned;
//!   nested tables are flattened into the enclosing cell (cells and rows joined
//!   by spaces);
//! * list numbering (`w:numPr`, directly or through the paragraph style) is
//!   rendered as a text prefix (`"1. "`, `"a) "`), bullets as `"- "`;
//! * footnote/endnote references and superscript runs made only of digits
//!   (footnote markers typed by hand) are dropped;
//! * field instructions are dropped, field results kept except for page
//!   number fields (`PAGE`, `NUMPAGES`, `SECTIONPAGES`);
//! * tracked changes are read as accepted (default) or rejected
//!   ([`Options::as_original`]); kept text that came from a tracked change is
//!   recorded as a [`Change`] on its line;
//! * the texts of footnotes and endnotes (`word/footnotes.xml`,
//!   `word/endnotes.xml`) are appended after the body as [`Origin::Footnote`]
//!   lines; running headers and footers are not read.
//!
//! Every zip entry read is capped in size (through `Read::take`, the declared
//! size is not trusted), as are the total bytes read, the number of entries and
//! the XML element depth (see [`Limits`]).

mod body;
mod changes;
mod fields;
mod numbering;
pub(crate) mod package;
mod paragraph;
mod tables;
pub(crate) mod xml;

#[cfg(test)]
mod test_support;
#[cfg(test)]
pub(crate) mod testkit;

use package::{Package, DOCUMENT_PART, ENDNOTES_PART, FOOTNOTES_PART};

/// Resource limits applied while reading a package.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Maximum uncompressed size of one zip entry that is read.
    pub max_entry_bytes: u64,
    /// Maximum uncompressed bytes read over all entries.
    pub max_total_bytes: u64,
    /// Maximum number of entries in the zip archive.
    pub max_entries: usize,
    /// Maximum XML element nesting depth.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_entries: 10_000,
            max_xml_depth: 256,
        }
    }
}

/// Extraction options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read the document as if every tracked change were rejected (the
    /// default reads it as if every change were accepted).
    pub as_original: bool,
    /// Resource limits.
    pub limits: Limits,
}

/// Where a line comes from. Paragraph, table and row numbers are 1-based.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The `index`-th non-empty body paragraph outside tables.
    Paragraph { index: usize },
    /// Row `row` of the `table`-th top-level table.
    TableRow { table: usize, row: usize },
    /// A footnote (`id` as in the file) or an endnote (`id` prefixed `e`).
    Footnote { id: String },
    /// A running header (not produced at present).
    #[allow(dead_code)]
    Header,
    /// A running footer (not produced at present).
    #[allow(dead_code)]
    Footer,
}

/// Kind of a tracked change.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    Insertion,
    Deletion,
    MoveTo,
    MoveFrom,
}

/// A piece of a line's text that came from inside a tracked change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Byte offset in [`Line::text`] where the piece starts.
    pub start: usize,
    /// Byte offset in [`Line::text`] just past the piece.
    pub end: usize,
    pub kind: ChangeKind,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Where a piece of a line's text was read in `word/document.xml`: the element holding it
/// (a `w:t`, or a `w:tab`, `w:br`, ... read as one character) and where in that element's
/// decoded text. What a writer needs to put a mark at an exact character of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in [`Line::text`] where the piece starts.
    pub start: usize,
    /// Byte offset in [`Line::text`] just past the piece.
    pub end: usize,
    /// Byte offset of the element's `<` in the part, as decompressed.
    pub xml: u64,
    /// Byte offset, in the element's decoded text, of the piece's first byte.
    pub offset: usize,
}

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub origin: Origin,
    pub changes: Vec<Change>,
    /// Where the text came from in `word/document.xml` (empty for notes); bytes added by
    /// the reader (list numbers, cell separators) have no piece.
    pub pieces: Vec<Piece>,
}

/// The result of [`extract`].
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub lines: Vec<Line>,
    pub warnings: Vec<String>,
}

/// Why a package could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a zip archive: {0}")]
    NotZip(String),
    #[error("the document is password-protected (encrypted)")]
    Encrypted,
    #[error("missing part {0}")]
    MissingPart(&'static str),
    #[error("corrupt zip entry: {0}")]
    Zip(String),
    #[error("malformed xml: {0}")]
    Xml(String),
    #[error("limit exceeded: {what} over {limit}")]
    LimitExceeded { what: &'static str, limit: u64 },
}

/// Extracts the text lines of a .docx file held in memory.
pub fn extract(bytes: &[u8], opts: &Options) -> Result<Extracted, DocxError> {
    let mut pkg = Package::open(bytes, &opts.limits)?;
    let numbering = numbering::read(&mut pkg)?;
    let mut reader = body::Reader::new(opts, numbering.as_ref());
    if !reader.read(&mut pkg, DOCUMENT_PART, false)? {
        return Err(DocxError::MissingPart(DOCUMENT_PART));
    }
    reader.read(&mut pkg, FOOTNOTES_PART, true)?;
    reader.read(&mut pkg, ENDNOTES_PART, true)?;
    Ok(reader.finish())
}
