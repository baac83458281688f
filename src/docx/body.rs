//! The reader of the story parts (`word/document.xml`, the footnotes and endnotes): a
//! [`Visitor`] that sends each element group to its handler (paragraphs and runs,
//! properties, tables, tracked-change wrappers, fields, notes) and collects the lines.

use super::changes::ChangeCtx;
use super::fields::Fields;
use super::numbering::{Counters, Numberer, Numbering};
use super::package::{Package, DOCUMENT_PART};
use super::paragraph::Paras;
use super::tables::Tables;
use super::xml::{attr, visit, Ns, Visitor};
use super::{ChangeKind, DocxError, Extracted, Line, Options, Origin};
use quick_xml::events::BytesStart;

/// Reads the story parts of one package, in order, into one [`Extracted`]; list
/// counters go on from one part to the next.
pub(crate) struct Reader<'a> {
    opts: &'a Options,
    numbering: Option<&'a Numbering>,
    counters: Counters,
    out: Extracted,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(opts: &'a Options, numbering: Option<&'a Numbering>) -> Self {
        Reader {
            opts,
            numbering,
            counters: Counters::new(),
            out: Extracted::default(),
        }
    }

    /// Reads part `name` (a notes part if `notes`); false if the package has no such
    /// part.
    pub(crate) fn read(
        &mut self,
        pkg: &mut Package<'_>,
        name: &'static str,
        notes: bool,
    ) -> Result<bool, DocxError> {
        let label = if notes { "notes" } else { DOCUMENT_PART };
        let mut parser = Parser {
            as_original: self.opts.as_original,
            out: &mut self.out,
            numberer: Numberer::new(self.numbering, &mut self.counters),
            prop: None,
            paras: Paras::default(),
            tables: Tables::default(),
            fields: Fields::default(),
            changes: Vec::new(),
            note_id: None,
            record: !notes,
            at: 0,
            text_at: None,
        };
        let found = pkg.parse(name, |reader, limits| {
            visit(reader, label, limits, &mut parser)
        })?;
        Ok(found.is_some())
    }

    pub(crate) fn finish(self) -> Extracted {
        self.out
    }
}

/// Which properties a property container (`w:pPr`, `w:rPr`, ...) holds for the reader.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PropKind {
    Para,
    Run,
    Cell,
    Row,
    Other,
}

/// What an open element is to the reader.
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
    Prop,
    Note,
}

/// The reader of one story part.
struct Parser<'a> {
    as_original: bool,
    out: &'a mut Extracted,
    numberer: Numberer<'a>,
    /// Innermost property container being read, if any.
    prop: Option<PropKind>,
    paras: Paras,
    tables: Tables,
    fields: Fields,
    /// The tracked changes the current position is inside, innermost last.
    changes: Vec<ChangeCtx>,
    /// The footnote or endnote being read.
    note_id: Option<String>,
    /// Whether to record where text was read ([`super::Piece`]): in the document part.
    record: bool,
    /// Byte offset of the element being started.
    at: u64,
    /// The text element being read: its offset, and the bytes of its text read so far.
    text_at: Option<(u64, usize)>,
}

impl Visitor for Parser<'_> {
    type Tag = Tag;

    fn start(&mut self, e: &BytesStart<'_>, ns: Ns, at: u64) -> Option<Tag> {
        self.at = at;
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
            return Some(self.open_props(name));
        }
        self.element(e, name)
    }

    fn end(&mut self, tag: Tag) {
        match tag {
            Tag::Other | Tag::Instr => {}
            Tag::Text => self.text_at = None,
            Tag::Prop => self.prop = None,
            Tag::Run => self.paras.close_run(),
            Tag::Para => self.end_para(),
            Tag::Cell => self.tables.close_cell(),
            Tag::Row => {
                if let Some(line) = self.tables.close_row() {
                    self.out.lines.push(line);
                }
            }
            Tag::Table => self.tables.close_table(),
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

impl Parser<'_> {
    /// A W element outside property containers: the tag to push, or None to skip the
    /// element's whole subtree.
    fn element(&mut self, e: &BytesStart<'_>, name: &str) -> Option<Tag> {
        match name {
            "p" => {
                self.paras.open();
                Some(Tag::Para)
            }
            "r" => {
                self.paras.open_run(self.changes.last().cloned());
                Some(Tag::Run)
            }
            "t" => self.open_text(),
            "delText" => self.as_original.then(|| self.open_text())?,
            "instrText" => Some(Tag::Instr),
            "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" | "sym" => {
                self.inline(e, name);
                Some(Tag::Other)
            }
            "tbl" => {
                self.tables.open_table(&mut self.out.warnings);
                Some(Tag::Table)
            }
            "tr" => {
                self.tables.open_row();
                Some(Tag::Row)
            }
            "tc" => {
                self.tables.open_cell();
                Some(Tag::Cell)
            }
            "ins" | "del" | "moveTo" | "moveFrom" => self.open_change(e, name),
            "fldSimple" => {
                self.fields
                    .begin_simple(attr(e, "instr").unwrap_or_default());
                Some(Tag::FieldSimple)
            }
            "fldChar" => {
                self.fields.fld_char(attr(e, "fldCharType").as_deref());
                Some(Tag::Other)
            }
            "footnote" | "endnote" => self.open_note(e, name),
            _ => Some(Tag::Other),
        }
    }

    /// A property container starts: which properties the reader takes from it.
    fn open_props(&mut self, name: &str) -> Tag {
        let kind = match name {
            "pPr" if self.paras.outside_run() => PropKind::Para,
            "rPr" if self.paras.inside_run() => PropKind::Run,
            "tcPr" if self.tables.in_cell() => PropKind::Cell,
            "trPr" if self.tables.in_row() => PropKind::Row,
            _ => PropKind::Other,
        };
        self.prop = Some(kind);
        Tag::Prop
    }

    /// An element inside a property container of kind `kind`.
    fn property(&mut self, e: &BytesStart<'_>, name: &str, kind: PropKind) {
        match kind {
            PropKind::Para => self.paras.para_property(e, name),
            PropKind::Run => self.paras.run_property(e, name),
            PropKind::Cell => self.tables.cell_property(e, name),
            PropKind::Row => self.tables.row_property(name, self.as_original),
            PropKind::Other => {}
        }
    }

    /// Tabs, breaks, non-breaking hyphens and symbols inside a run.
    fn inline(&mut self, e: &BytesStart<'_>, name: &str) {
        match name {
            "tab" | "ptab" => self.push_text("\t"),
            // A line break inside a paragraph reads as a space (not doubled).
            "br" | "cr" => {
                if !self.paras.ends_blank() {
                    self.push_text(" ");
                }
            }
            "noBreakHyphen" => self.push_text("-"),
            _ => {
                if let Some(c) = attr(e, "char")
                    .and_then(|v| u32::from_str_radix(&v, 16).ok())
                    .and_then(char::from_u32)
                {
                    let mut tmp = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut tmp));
                }
            }
        }
    }

    /// A text element (`w:t`, `w:delText`) starts.
    fn open_text(&mut self) -> Option<Tag> {
        self.text_at = Some((self.at, 0));
        Some(Tag::Text)
    }

    /// A tracked-change wrapper: its content is read inside the change, or skipped
    /// when the change is not read.
    fn open_change(&mut self, e: &BytesStart<'_>, name: &str) -> Option<Tag> {
        let kind = ChangeKind::of_wrapper(name);
        if !kind.kept(self.as_original) {
            return None;
        }
        self.changes.push(ChangeCtx::of(e, kind));
        Some(Tag::Change)
    }

    /// A footnote or endnote (separators are skipped).
    fn open_note(&mut self, e: &BytesStart<'_>, name: &str) -> Option<Tag> {
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

    /// Adds document text at the current position (inside the current run), unless a
    /// field hides it: text of the open text element, else one inline element's.
    fn push_text(&mut self, s: &str) {
        let at = match self.text_at.as_mut() {
            Some((xml, read)) => {
                let at = (*xml, *read);
                *read += s.len();
                at
            }
            None => (self.at, 0),
        };
        if self.fields.hiding() {
            return;
        }
        let at = self.record.then_some(at);
        self.paras.push(s, self.changes.last(), at);
    }

    /// `w:p` end: the paragraph's line, with its number prefix, unless it is empty or
    /// goes into an enclosing paragraph or table cell.
    fn end_para(&mut self) {
        let Some(para) = self.paras.close() else {
            return;
        };
        let prefix = self.numberer.prefix(
            para.num_id.as_deref(),
            para.ilvl,
            para.style.as_deref(),
            &mut self.out.warnings,
        );
        let mut buf = para.buf;
        buf.finish_line();
        if buf.text.is_empty() {
            return;
        }
        if let Some(prefix) = prefix {
            buf.replace_start(0, &prefix);
        }
        let Some(buf) = self.paras.absorb(buf) else {
            return;
        };
        let Some(buf) = self.tables.absorb(buf) else {
            return;
        };
        let origin = match &self.note_id {
            Some(id) => Origin::Footnote { id: id.clone() },
            None => Origin::Paragraph {
                index: self.paras.next_index(),
            },
        };
        self.out.lines.push(Line {
            text: buf.text,
            origin,
            changes: buf.changes,
            pieces: buf.pieces,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::docx::test_support::{p, run, texts, W};
    use crate::docx::{Options, Origin};

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
