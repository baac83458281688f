//! Comment marks in `word/document.xml`: from a finding's evidence (a line and column of
//! the text read) to the characters of the document it was read from, and the edits that
//! put `w:commentRangeStart`, `w:commentRangeEnd` and a `w:commentReference` run around
//! them, splitting a run (its properties copied) where a range starts or ends inside it.
//! Every other byte of the part stays as it was.

use super::index::{decoded, slice, Index};
use super::xml_text;
use crate::model::Span;
use crate::source::Source;
use std::collections::BTreeMap;

/// A place between two characters of the document: the element the reader read a piece
/// of text from (by its offset in the part) and a byte offset in its decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    pub xml: u64,
    pub offset: usize,
}

/// Where a comment's range starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub start: Point,
    pub end: Point,
}

/// The document characters of the evidence at `span`: the token a finding points at (as
/// the terminal output underlines it), as far as it was read from the main part.
pub(crate) fn evidence(source: &Source, span: Span) -> Option<Range> {
    let line = source.line(span.line)?;
    let origin = source.origin(span.line)?;
    let r = crate::render::human::token_range(line, span);
    let (from, to) = (r.start, r.end.max(r.start + 1));
    let mut inside = origin
        .pieces
        .iter()
        .filter(|p| p.end > from && p.start < to);
    let first = inside.next()?;
    let last = inside.next_back().unwrap_or(first);
    Some(Range {
        start: Point {
            xml: first.xml,
            offset: first.offset + from.saturating_sub(first.start),
        },
        end: Point {
            xml: last.xml,
            offset: last.offset + to.min(last.end).saturating_sub(last.start),
        },
    })
}

/// Where marks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Site {
    /// Between two elements, at this byte offset: nothing to split.
    At(u64),
    /// Inside run `run`, before the child starting at `at`: the run is split there.
    Split { at: u64, run: usize },
    /// Inside a text element (run `run`, child `child`), before byte `offset` of its text.
    Text {
        start: u64,
        run: usize,
        child: usize,
        offset: usize,
    },
}

/// What goes at one site: ends first, then references, then starts.
#[derive(Debug, Default)]
struct Marks {
    ends: Vec<u32>,
    refs: Vec<u32>,
    starts: Vec<u32>,
}

/// The marks of a set of comments, to be applied to one part.
pub(crate) struct Plan<'a> {
    ix: &'a Index,
    xml: &'a [u8],
    sites: BTreeMap<Site, Marks>,
}

impl<'a> Plan<'a> {
    pub(crate) fn new(ix: &'a Index, xml: &'a [u8]) -> Self {
        Plan {
            ix,
            xml,
            sites: BTreeMap::new(),
        }
    }

    /// The site of the place before `p`, if `p` is a place the index knows.
    fn site(&self, p: Point) -> Option<Site> {
        let &(run, child) = self.ix.at.get(&p.xml)?;
        let r = self.ix.runs.get(run)?;
        let c = r.children.get(child)?;
        if p.offset == 0 {
            return self.before(run, child);
        }
        if c.is_text() {
            let len = decoded(self.xml, c).len();
            if p.offset < len {
                return Some(Site::Text {
                    start: c.start,
                    run,
                    child,
                    offset: p.offset,
                });
            }
            if p.offset > len {
                return None;
            }
        }
        self.before(run, child + 1)
    }

    /// The site before child `child` of run `run` (after the last one: after the run).
    fn before(&self, run: usize, child: usize) -> Option<Site> {
        let r = self.ix.runs.get(run)?;
        Some(match r.children.get(child) {
            _ if child == 0 => Site::At(r.start),
            None => Site::At(r.end),
            Some(c) => Site::Split { at: c.start, run },
        })
    }

    /// The site of a comment's reference for a range ending at `end`: beside the range's
    /// end, or after the tracked change or field the end is inside.
    fn reference(&self, end: Site) -> Site {
        let run = match end {
            Site::At(at) => self.ix.runs.iter().find(|r| r.end == at),
            Site::Split { run, .. } | Site::Text { run, .. } => self.ix.runs.get(run),
        };
        run.and_then(|r| r.wrapper_end).map_or(end, Site::At)
    }

    /// Adds comment `id` on `range`; false (nothing added) if the range is not in the part.
    pub(crate) fn comment(&mut self, id: u32, range: Range) -> bool {
        let (Some(start), Some(end)) = (self.site(range.start), self.site(range.end)) else {
            return false;
        };
        let reference = self.reference(end);
        self.sites.entry(start).or_default().starts.push(id);
        self.sites.entry(end).or_default().ends.push(id);
        self.sites.entry(reference).or_default().refs.push(id);
        true
    }

    /// Adds comment `id` on the whole first paragraph; false if the part has none.
    pub(crate) fn on_first_paragraph(&mut self, id: u32) -> bool {
        let Some(p) = self.ix.first_para else {
            return false;
        };
        self.sites
            .entry(Site::At(p.content))
            .or_default()
            .starts
            .push(id);
        let end = self.sites.entry(Site::At(p.end)).or_default();
        end.ends.push(id);
        end.refs.push(id);
        true
    }

    /// The part with every mark in place.
    pub(crate) fn apply(&self) -> Vec<u8> {
        let w = self.ix.prefix.as_str();
        let mut edits: Vec<(u64, u64, String)> = Vec::new();
        let mut texts: BTreeMap<(usize, usize), Vec<(usize, String)>> = BTreeMap::new();
        for (site, marks) in &self.sites {
            let m = marks.xml(w);
            match *site {
                Site::At(at) => edits.push((at, at, m)),
                Site::Split { at, run } => {
                    if let Some(r) = self.ix.runs.get(run) {
                        edits.push((at, at, format!("</{}>{m}{}{}", r.qname, r.open, r.props)));
                    }
                }
                Site::Text {
                    run, child, offset, ..
                } => texts.entry((run, child)).or_default().push((offset, m)),
            }
        }
        for ((run, child), cuts) in texts {
            if let Some(e) = self.split_text(run, child, &cuts) {
                edits.push(e);
            }
        }
        edits.sort_by_key(|(from, to, _)| (*from, *to));
        let mut out = Vec::with_capacity(self.xml.len() + edits.len() * 120);
        let mut pos = 0u64;
        for (from, to, text) in edits {
            if from < pos {
                continue;
            }
            out.extend_from_slice(slice(self.xml, pos, from));
            out.extend_from_slice(text.as_bytes());
            pos = to;
        }
        out.extend_from_slice(slice(self.xml, pos, self.xml.len() as u64));
        out
    }

    /// The text element `child` of run `run` rewritten as pieces of itself cut at
    /// `cuts` (sorted), each cut closing the run and opening it again around its marks.
    fn split_text(
        &self,
        run: usize,
        child: usize,
        cuts: &[(usize, String)],
    ) -> Option<(u64, u64, String)> {
        let r = self.ix.runs.get(run)?;
        let c = r.children.get(child)?;
        let text = decoded(self.xml, c);
        let open = format!("<{} xml:space=\"preserve\">", c.qname);
        let mut out = open.clone();
        let mut from = 0;
        for (at, marks) in cuts {
            out.push_str(&xml_text(text.get(from..*at)?));
            out.push_str(&format!(
                "</{}></{}>{marks}{}{}{open}",
                c.qname, r.qname, r.open, r.props
            ));
            from = *at;
        }
        out.push_str(&xml_text(text.get(from..)?));
        out.push_str(&format!("</{}>", c.qname));
        Some((c.start, c.end, out))
    }
}

impl Marks {
    fn xml(&self, w: &str) -> String {
        let mut s = String::new();
        for id in &self.ends {
            s.push_str(&format!("<{w}:commentRangeEnd {w}:id=\"{id}\"/>"));
        }
        for id in &self.refs {
            s.push_str(&format!(
                "<{w}:r><{w}:commentReference {w}:id=\"{id}\"/></{w}:r>"
            ));
        }
        for id in &self.starts {
            s.push_str(&format!("<{w}:commentRangeStart {w}:id=\"{id}\"/>"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{read, Options};

    fn blank(s: &str) -> String {
        s.replace(['\t', '\n', '\r'], " ")
    }

    /// Every piece the reader recorded names an element inside a run whose text, at the
    /// recorded offset, is the piece's text: the reader's record is exact.
    #[test]
    fn every_piece_points_at_its_text() {
        for (name, bytes) in [
            (
                "lancashire",
                &include_bytes!("../../fixtures/docx/lancashire-yot-2019.docx")[..],
            ),
            (
                "leeds",
                &include_bytes!("../../fixtures/docx/leeds-yjs-2019.docx")[..],
            ),
            (
                "hartlepool",
                &include_bytes!("../../fixtures/docx/hartlepool-yjs-2020.docx")[..],
            ),
        ] {
            let source = read(name, bytes, &Options::default()).unwrap();
            let limits = crate::docx::Limits::default();
            let mut pkg = crate::docx::package::Package::open(bytes, &limits).unwrap();
            let xml = pkg
                .bytes(crate::docx::package::DOCUMENT_PART)
                .unwrap()
                .unwrap();
            let ix = Index::build(&xml).unwrap();
            let (mut checked, mut lines) = (0, 0);
            for (n, origin) in source.origins.iter().enumerate() {
                let line = source.line(u32::try_from(n + 1).unwrap()).unwrap();
                lines += usize::from(!origin.pieces.is_empty());
                for p in &origin.pieces {
                    let (run, child) = ix.at[&p.xml];
                    let c = &ix.runs[run].children[child];
                    let got = &line[p.start..p.end];
                    if c.is_text() {
                        let text = decoded(&xml, c);
                        let want = &text[p.offset..p.offset + got.len()];
                        assert_eq!(blank(got), blank(want), "{name} line {}", n + 1);
                    } else {
                        assert_eq!(p.offset, 0);
                        assert_eq!(got.chars().count(), 1, "{name} line {}: {got:?}", n + 1);
                    }
                    checked += 1;
                }
            }
            assert!(
                lines > 150 && checked > lines,
                "{name}: {lines} lines, {checked} pieces"
            );
        }
    }

    #[test]
    fn a_range_inside_a_run_splits_it_keeping_its_properties() {
        let xml = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>Say A &amp; B</w:t><w:tab/><w:t>end</w:t></w:r></w:p></w:body></w:document>"#;
        let ix = Index::build(xml).unwrap();
        let t = ix.runs[0].children[0].start;
        let mut plan = Plan::new(&ix, xml);
        // "A & B": bytes 4..9 of the decoded text.
        let r = Range {
            start: Point { xml: t, offset: 4 },
            end: Point { xml: t, offset: 9 },
        };
        assert!(plan.comment(7, r));
        assert!(plan.on_first_paragraph(6));
        // A point past the element's text is not in the part.
        assert!(!plan.comment(
            8,
            Range {
                start: r.start,
                end: Point { xml: t, offset: 99 }
            }
        ));
        let out = String::from_utf8(plan.apply()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:commentRangeStart w:id="6"/>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Say </w:t></w:r><w:commentRangeStart w:id="7"/>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">A &amp; B</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:tab/><w:t>end</w:t></w:r>"#,
                r#"<w:commentRangeEnd w:id="6"/><w:r><w:commentReference w:id="6"/></w:r></w:p></w:body></w:document>"#
            )
        );
    }
}
