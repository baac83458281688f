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

use quick_xml::events::BytesStart;

mod changes;
mod fields;
mod numbering;
mod package;
mod xml;

use changes::{Buf, ChangeCtx};
use fields::Fields;
use numbering::{Counters, Numberer};
use package::{Package, DOCUMENT_PART, ENDNOTES_PART, FOOTNOTES_PART};
use xml::{attr, on_off, visit, Ns, Visitor};

#[cfg(test)]
mod test_support;
#[cfg(test)]
pub(crate) mod testkit;

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

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub origin: Origin,
    pub changes: Vec<Change>,
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

    let mut out = Extracted::default();
    let mut counters = Counters::new();
    let mut run_part = |pkg: &mut Package<'_>,
                        part: &'static str,
                        notes: bool,
                        out: &mut Extracted|
     -> Result<bool, DocxError> {
        let label = if notes { "notes" } else { DOCUMENT_PART };
        let numberer = Numberer::new(numbering.as_ref(), &mut counters);
        let mut parser = Parser::new(opts, numberer);
        let found = pkg.parse(part, |reader, limits| {
            visit(reader, label, limits, &mut parser)
        })?;
        out.lines.append(&mut parser.lines);
        out.warnings.append(&mut parser.warnings);
        Ok(found.is_some())
    };
    if !run_part(&mut pkg, DOCUMENT_PART, false, &mut out)? {
        return Err(DocxError::MissingPart(DOCUMENT_PART));
    }
    run_part(&mut pkg, FOOTNOTES_PART, true, &mut out)?;
    run_part(&mut pkg, ENDNOTES_PART, true, &mut out)?;
    Ok(out)
}

// ---------------------------------------------------------------------------
// Main document parser

#[derive(Debug, Default)]
struct Run {
    text: String,
    superscript: bool,
    hidden: bool,
    change: Option<ChangeCtx>,
}

#[derive(Debug, Default)]
struct Para {
    buf: Buf,
    run: Option<Run>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Cell {
    buf: Buf,
    continuation: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    dropped: bool,
}

#[derive(Debug, Default)]
struct Table {
    number: usize,
    rows: usize,
    row: Option<Row>,
    cell: Option<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum PropKind {
    Para,
    Run,
    Cell,
    Row,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tag {
    Other,
    Para,
    Run,
    Text,
    Instr,
    Table,
    Row,
    Cell,
    Change,
    FieldSimple,
    Prop(PropKind),
    Note,
}

struct Parser<'a> {
    opts: &'a Options,
    numberer: Numberer<'a>,
    lines: Vec<Line>,
    warnings: Vec<String>,
    /// Innermost property container being read, if any.
    prop: Option<PropKind>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    fields: Fields,
    changes: Vec<ChangeCtx>,
    note_id: Option<String>,
    para_count: usize,
    table_count: usize,
    warned_nested_table: bool,
}

impl Visitor for Parser<'_> {
    type Tag = Tag;

    /// Handles an element start; returns the tag to push, or None to skip
    /// the element's whole subtree.
    fn start(&mut self, e: &BytesStart<'_>, ns: Ns) -> Option<Tag> {
        let local = e.local_name();
        let name = local.as_ref();
        match ns {
            Ns::Mc => {
                return if name == "Fallback" {
                    None
                } else {
                    Some(Tag::Other)
                }
            }
            Ns::Other => return Some(Tag::Other),
            Ns::W => {}
        }

        if name.ends_with("Change") {
            // Formatting changes (rPrChange, pPrChange, ...) hold old properties.
            return None;
        }

        if let Some(kind) = self.prop {
            self.property(e, name, kind);
            return Some(Tag::Other);
        }

        if name.ends_with("Pr") || name.ends_with("PrEx") {
            let kind = match name {
                "pPr" if self.cur_para().is_some_and(|p| p.run.is_none()) => PropKind::Para,
                "rPr" if self.cur_para().is_some_and(|p| p.run.is_some()) => PropKind::Run,
                "tcPr" if self.tables.last().is_some_and(|t| t.cell.is_some()) => PropKind::Cell,
                "trPr" if self.tables.last().is_some_and(|t| t.row.is_some()) => PropKind::Row,
                _ => PropKind::Other,
            };
            self.prop = Some(kind);
            return Some(Tag::Prop(kind));
        }

        match name {
            "p" => {
                self.paras.push(Para::default());
                Some(Tag::Para)
            }
            "r" => {
                let change = self.changes.last().cloned();
                if let Some(p) = self.cur_para() {
                    p.run = Some(Run {
                        change,
                        ..Run::default()
                    });
                }
                Some(Tag::Run)
            }
            "t" => Some(Tag::Text),
            "delText" => {
                if self.opts.as_original {
                    Some(Tag::Text)
                } else {
                    None
                }
            }
            "instrText" => Some(Tag::Instr),
            "tab" | "ptab" => {
                self.push_text("\t");
                Some(Tag::Other)
            }
            "br" | "cr" => {
                self.push_break();
                Some(Tag::Other)
            }
            "noBreakHyphen" => {
                self.push_text("-");
                Some(Tag::Other)
            }
            "sym" => {
                if let Some(c) = attr(e, "char")
                    .and_then(|v| u32::from_str_radix(&v, 16).ok())
                    .and_then(char::from_u32)
                {
                    let mut tmp = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut tmp));
                }
                Some(Tag::Other)
            }
            "tbl" => {
                let number = if self.tables.is_empty() {
                    self.table_count += 1;
                    self.table_count
                } else {
                    if !self.warned_nested_table {
                        self.warned_nested_table = true;
                        self.warnings
                            .push("nested table flattened into its enclosing cell".to_string());
                    }
                    0
                };
                self.tables.push(Table {
                    number,
                    ..Table::default()
                });
                Some(Tag::Table)
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows += 1;
                    t.row = Some(Row::default());
                    t.cell = None;
                }
                Some(Tag::Row)
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell::default());
                }
                Some(Tag::Cell)
            }
            "ins" | "del" | "moveTo" | "moveFrom" => {
                let kind = ChangeKind::of_wrapper(name);
                if !kind.kept(self.opts.as_original) {
                    return None;
                }
                self.changes.push(ChangeCtx::of(e, kind));
                Some(Tag::Change)
            }
            "fldSimple" => {
                self.fields
                    .begin_simple(attr(e, "instr").unwrap_or_default());
                Some(Tag::FieldSimple)
            }
            "fldChar" => {
                self.fields.fld_char(attr(e, "fldCharType").as_deref());
                Some(Tag::Other)
            }
            "footnote" | "endnote" => {
                let kind = attr(e, "type");
                if matches!(
                    kind.as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) {
                    return None;
                }
                let id = attr(e, "id").unwrap_or_default();
                self.note_id = Some(if name == "endnote" {
                    format!("e{id}")
                } else {
                    id
                });
                Some(Tag::Note)
            }
            _ => Some(Tag::Other),
        }
    }

    fn end(&mut self, tag: Tag) {
        match tag {
            Tag::Other | Tag::Text | Tag::Instr => {}
            Tag::Prop(_) => self.prop = None,
            Tag::Run => self.end_run(),
            Tag::Para => self.end_para(),
            Tag::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        row.cells.push(cell);
                    }
                }
            }
            Tag::Row => self.end_row(),
            Tag::Table => {
                self.tables.pop();
            }
            Tag::Change => {
                self.changes.pop();
            }
            Tag::FieldSimple => self.fields.end_simple(),
            Tag::Note => self.note_id = None,
        }
    }

    fn text(&mut self, top: Option<&Tag>, s: &str) {
        match top {
            Some(Tag::Instr) => self.fields.instruction(s),
            Some(Tag::Text) => self.push_text(s),
            // Whitespace between elements and text of other elements.
            _ => {}
        }
    }
}

impl<'a> Parser<'a> {
    fn new(opts: &'a Options, numberer: Numberer<'a>) -> Self {
        Parser {
            opts,
            numberer,
            lines: Vec::new(),
            warnings: Vec::new(),
            prop: None,
            paras: Vec::new(),
            tables: Vec::new(),
            fields: Fields::default(),
            changes: Vec::new(),
            note_id: None,
            para_count: 0,
            table_count: 0,
            warned_nested_table: false,
        }
    }

    fn property(&mut self, e: &BytesStart<'_>, name: &str, kind: PropKind) {
        match (kind, name) {
            (PropKind::Para, "pStyle") => {
                if let Some(p) = self.cur_para() {
                    p.style = attr(e, "val");
                }
            }
            (PropKind::Para, "numId") => {
                let v = attr(e, "val");
                if let Some(p) = self.cur_para() {
                    p.num_id = v;
                }
            }
            (PropKind::Para, "ilvl") => {
                let v = attr(e, "val").and_then(|v| v.parse().ok());
                if let Some(p) = self.cur_para() {
                    p.ilvl = v;
                }
            }
            (PropKind::Run, "vertAlign") => {
                let sup = attr(e, "val").as_deref() == Some("superscript");
                if let Some(r) = self.cur_para().and_then(|p| p.run.as_mut()) {
                    r.superscript = sup;
                }
            }
            (PropKind::Run, "vanish") => {
                let hidden = on_off(e);
                if let Some(r) = self.cur_para().and_then(|p| p.run.as_mut()) {
                    r.hidden = hidden;
                }
            }
            (PropKind::Cell, "vMerge") => {
                let cont = attr(e, "val").as_deref() != Some("restart");
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.continuation = cont;
                }
            }
            (PropKind::Row, "ins" | "del")
                if !ChangeKind::of_wrapper(name).kept(self.opts.as_original) =>
            {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    r.dropped = true;
                }
            }
            _ => {}
        }
    }

    fn cur_para(&mut self) -> Option<&mut Para> {
        self.paras.last_mut()
    }

    /// A line break inside a paragraph reads as a space (not doubled).
    fn push_break(&mut self) {
        let ends_blank = self.paras.last().is_some_and(|p| {
            let tail = p.run.as_ref().map_or("", |r| r.text.as_str());
            let tail = if tail.is_empty() {
                p.buf.text.as_str()
            } else {
                tail
            };
            tail.is_empty() || tail.ends_with([' ', '\t'])
        });
        if !ends_blank {
            self.push_text(" ");
        }
    }

    /// Adds document text at the current position (inside the current run).
    fn push_text(&mut self, s: &str) {
        if self.fields.hiding() {
            return;
        }
        let change = self.changes.last().cloned();
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let clean;
        let s = if s.contains(['\n', '\r']) {
            clean = s.replace(['\n', '\r'], " ");
            clean.as_str()
        } else {
            s
        };
        match p.run.as_mut() {
            Some(run) => run.text.push_str(s),
            None => p.buf.push(s, change.as_ref()),
        }
    }

    fn end_run(&mut self) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let Some(run) = p.run.take() else {
            return;
        };
        if run.hidden {
            return;
        }
        if run.superscript
            && run.text.chars().any(|c| c.is_ascii_digit())
            && run
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
        {
            return;
        }
        p.buf.push(&run.text, run.change.as_ref());
    }

    fn end_para(&mut self) {
        let Some(mut para) = self.paras.pop() else {
            return;
        };
        // A run left open by malformed input still counts.
        if let Some(run) = para.run.take() {
            para.buf.push(&run.text, run.change.as_ref());
        }
        let prefix = self.numberer.prefix(
            para.num_id.as_deref(),
            para.ilvl,
            para.style.as_deref(),
            &mut self.warnings,
        );
        let mut buf = para.buf;
        buf.finish_line();
        if buf.text.is_empty() {
            return;
        }
        if let Some(prefix) = prefix {
            buf.replace_start(0, &prefix);
        }

        // Nested paragraph (text box inside a run): fold into the parent.
        if let Some(parent) = self.paras.last_mut() {
            parent.buf.append(buf, " ");
            return;
        }
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            buf.tabs_to_spaces();
            cell.buf.append(buf, " ");
            return;
        }
        let origin = match &self.note_id {
            Some(id) => Origin::Footnote { id: id.clone() },
            None => {
                self.para_count += 1;
                Origin::Paragraph {
                    index: self.para_count,
                }
            }
        };
        self.lines.push(Line {
            text: buf.text,
            origin,
            changes: buf.changes,
        });
    }

    fn end_row(&mut self) {
        let nested = self.tables.len() > 1;
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = table.row.take() else {
            return;
        };
        if row.dropped
            || row
                .cells
                .iter()
                .all(|c| c.continuation || c.buf.text.is_empty())
        {
            return;
        }
        let (number, row_no) = (table.number, table.rows);
        let sep = if nested { " " } else { "\t" };
        let mut line = Buf::default();
        for (i, cell) in row.cells.into_iter().enumerate() {
            if i > 0 {
                line.text.push_str(sep);
            }
            if !cell.continuation {
                // Cells are never empty-separated: push separators explicitly.
                let shift = line.text.len();
                line.text.push_str(&cell.buf.text);
                for mut c in cell.buf.changes {
                    c.start += shift;
                    c.end += shift;
                    line.changes.push(c);
                }
            }
        }
        if nested {
            let len = self.tables.len();
            if let Some(cell) = self
                .tables
                .get_mut(len.wrapping_sub(2))
                .and_then(|t| t.cell.as_mut())
            {
                let trimmed = line.text.trim_end().len();
                line.truncate(trimmed);
                cell.buf.append(line, " ");
            }
            return;
        }
        self.lines.push(Line {
            text: line.text,
            origin: Origin::TableRow {
                table: number,
                row: row_no,
            },
            changes: line.changes,
        });
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::test_support::{p, run, texts, W};
    use super::*;

    #[test]
    fn plain_paragraphs_tabs_breaks_and_entities() {
        let body = format!(
            "{}<w:p/>{}<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C &amp; D&#8217;s</w:t></w:r></w:p>",
            p("First"),
            p("  Second  ")
        );
        let x = run(&body, &[], &Options::default());
        assert_eq!(texts(&x), ["First", "Second", "A\tB C & D\u{2019}s"]);
        assert_eq!(x.lines[2].origin, Origin::Paragraph { index: 3 });
    }

    #[test]
    fn footnote_references_and_superscript_digits_are_dropped() {
        let body = concat!(
            "<w:p><w:r><w:t>Most YOTs are statutory.</w:t></w:r>",
            "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>",
            "<w:r><w:t xml:space=\"preserve\"> Next sentence</w:t></w:r>",
            "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>12</w:t></w:r>",
            "<w:r><w:t>.</w:t></w:r>",
            "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>st</w:t></w:r></w:p>",
        );
        let notes = format!(
            r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> The Crime and Disorder Act 1998.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let x = run(body, &[("word/footnotes.xml", &notes)], &Options::default());
        assert_eq!(
            texts(&x),
            [
                "Most YOTs are statutory. Next sentence.st",
                "The Crime and Disorder Act 1998."
            ]
        );
        assert_eq!(x.lines[1].origin, Origin::Footnote { id: "1".into() });
    }

    fn cell(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn grid_span_and_vertical_merge() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("Domain", "<w:gridSpan w:val=\"2\"/>"),
            cell("Rating", ""),
            cell("A", "<w:vMerge w:val=\"restart\"/>"),
            cell("B", ""),
            cell("X", "<w:vMerge w:val=\"restart\"/>"),
            cell("", "<w:vMerge/>"),
            cell("D", ""),
            cell("ignored", "<w:vMerge w:val=\"continue\"/>"),
            cell("", "<w:vMerge/>"),
            cell("F", ""),
            cell("", "<w:vMerge/>"),
        );
        let x = run(&body, &[], &Options::default());
        assert_eq!(texts(&x), ["Domain\tRating", "A\tB\tX", "\tD\t", "\tF\t"]);
        assert_eq!(x.lines[3].origin, Origin::TableRow { table: 1, row: 4 });
    }

    #[test]
    fn cell_paragraphs_joined_by_space_and_nested_table_flattened() {
        let body = format!(
            "{}<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc><w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>",
            p("before"),
            p("2.2. Planning"),
            p("Planning is good."),
            cell("in1", ""),
            cell("in2", ""),
            cell("in3", ""),
            p("after inner"),
        )
        .replace("is good.</w:t>", "is </w:t><w:br/><w:t>x</w:t></w:r><w:r><w:br/><w:t>good.</w:t>");
        let x = run(&body, &[], &Options::default());
        assert_eq!(
            texts(&x),
            [
                "before",
                "2.2. Planning Planning is x good.\tin1 in2 in3 after inner"
            ]
        );
        assert_eq!(x.lines[1].origin, Origin::TableRow { table: 1, row: 1 });
        assert!(!x.warnings.is_empty());
    }

    #[test]
    fn bullet_glyphs_hidden_text_and_fallback() {
        let body = format!(
            "{}{}<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>shown</w:t></w:r></w:p>\
             <w:p><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:t>box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>box again</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
            p("\u{F0B7}\tfirst point"),
            p("\u{2022} second point"),
        );
        let x = run(&body, &[], &Options::default());
        assert_eq!(
            texts(&x),
            ["- first point", "- second point", "shown", "box"]
        );
    }
}
