//! An index of `word/document.xml` for placing marks in it: every run with its start tag,
//! its properties and the elements directly inside it (each found by the byte offset the
//! reader recorded), the tracked change or simple field around it, the first paragraph,
//! and the comment ids already used.

use crate::docx::xml::{attr, resolve_ref};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::HashMap;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// An element directly inside a run.
#[derive(Debug, Clone)]
pub(crate) struct Child {
    pub start: u64,
    pub end: u64,
    /// Between the start and end tags (`None` for an empty element).
    pub inner: Option<(u64, u64)>,
    pub local: String,
    /// The name as written (`w:t`).
    pub qname: String,
}

impl Child {
    /// A text element, whose text may be cut anywhere.
    pub(crate) fn is_text(&self) -> bool {
        matches!(self.local.as_str(), "t" | "delText")
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    pub start: u64,
    pub end: u64,
    /// The start tag as written.
    pub open: String,
    /// The name as written (`w:r`).
    pub qname: String,
    /// Its `w:rPr` as written, empty if none.
    pub props: String,
    /// The content elements (the properties excluded), in order.
    pub children: Vec<Child>,
    /// The end of the outermost tracked change (`w:ins`, ...) or simple field around the
    /// run inside its paragraph: a comment's reference goes after it, not inside it.
    pub wrapper_end: Option<u64>,
}

/// The first paragraph: where its content starts (after its properties) and where its
/// end tag starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Para {
    pub content: u64,
    pub end: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    pub runs: Vec<Run>,
    /// The start offset of each element directly inside a run: (run, child).
    pub at: HashMap<u64, (usize, usize)>,
    pub first_para: Option<Para>,
    /// Comment ids used by the ranges and references in the text.
    pub comment_ids: Vec<i64>,
    /// The prefix of the WordprocessingML namespace (`w`).
    pub prefix: String,
}

/// Where an element's start tag (or the whole empty element) is.
#[derive(Clone, Copy)]
struct Span<'a> {
    before: u64,
    after: u64,
    raw: &'a [u8],
    empty: bool,
}

/// An open element while indexing.
struct Frame {
    local: String,
    start: u64,
    /// Index of the run, for `w:r`.
    run: Option<usize>,
    /// Index into the wrapper table, for `w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`,
    /// `w:fldSimple`.
    wrapper: Option<usize>,
    /// The first paragraph's frame.
    first_para: bool,
    /// Children seen so far.
    children: usize,
}

fn local_of(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

pub(crate) fn qname_of(e: &BytesStart<'_>) -> String {
    e.name().as_ref().to_string()
}

/// The prefix an element declares for the WordprocessingML namespace, if any.
pub(crate) fn w_prefix(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let prefix = key.strip_prefix("xmlns:")?;
        (a.value == W_NS || a.value == W_NS_STRICT).then(|| prefix.to_string())
    })
}

pub(crate) fn slice(xml: &[u8], from: u64, to: u64) -> &[u8] {
    let (from, to) = (
        usize::try_from(from).unwrap_or(usize::MAX),
        usize::try_from(to).unwrap_or(usize::MAX),
    );
    xml.get(from..to).unwrap_or_default()
}

/// The text of a text element as the reader decodes it (line ends normalised, entity
/// and character references resolved).
pub(crate) fn decoded(xml: &[u8], child: &Child) -> String {
    let Some((from, to)) = child.inner else {
        return String::new();
    };
    let mut r = Reader::from_reader(slice(xml, from, to));
    let mut out = String::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Text(t)) => out.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Ok(Event::CData(t)) => out.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Ok(Event::GeneralRef(g)) => {
                if let Some(c) = resolve_ref(&g) {
                    out.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

impl Index {
    /// Indexes the part; fails on XML the reader would also refuse.
    pub(crate) fn build(xml: &[u8]) -> Result<Index, String> {
        let mut ix = Index {
            prefix: "w".to_string(),
            ..Index::default()
        };
        let mut stack: Vec<Frame> = Vec::new();
        let mut wrappers: Vec<u64> = Vec::new();
        let mut run_wrappers: Vec<(usize, usize)> = Vec::new();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut root = true;
        loop {
            buf.clear();
            let before = reader.buffer_position();
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| format!("word/document.xml: {e}"))?;
            let after = reader.buffer_position();
            match ev {
                Event::Start(e) => {
                    if std::mem::take(&mut root) {
                        if let Some(p) = w_prefix(&e) {
                            ix.prefix = p;
                        }
                    }
                    let at = Span {
                        before,
                        after,
                        raw: slice(xml, before, after),
                        empty: false,
                    };
                    let frame = ix.open(&e, at, &mut stack, &mut wrappers);
                    if let (Some(run), Some(w)) = (frame.run, outer_wrapper(&stack)) {
                        run_wrappers.push((run, w));
                    }
                    stack.push(frame);
                }
                Event::Empty(e) => {
                    root = false;
                    let at = Span {
                        before,
                        after,
                        raw: slice(xml, before, after),
                        empty: true,
                    };
                    let frame = ix.open(&e, at, &mut stack, &mut wrappers);
                    ix.close(frame, xml, before, after, &mut stack, &mut wrappers);
                }
                Event::End(_) => {
                    if let Some(frame) = stack.pop() {
                        ix.close(frame, xml, before, after, &mut stack, &mut wrappers);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        for (run, w) in run_wrappers {
            if let (Some(r), Some(end)) = (ix.runs.get_mut(run), wrappers.get(w)) {
                r.wrapper_end = Some(*end);
            }
        }
        Ok(ix)
    }

    /// An element starts: its start tag (or the empty element) is `at`.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        at: Span<'_>,
        stack: &mut [Frame],
        wrappers: &mut Vec<u64>,
    ) -> Frame {
        let Span { before, after, .. } = at;
        let local = local_of(e);
        let mut frame = Frame {
            local: local.clone(),
            start: before,
            run: None,
            wrapper: None,
            first_para: false,
            children: 0,
        };
        if let Some(parent) = stack.last_mut() {
            parent.children += 1;
        }
        match local.as_str() {
            "r" => {
                frame.run = Some(self.runs.len());
                self.runs.push(Run {
                    start: before,
                    open: String::from_utf8_lossy(at.raw).into_owned(),
                    qname: qname_of(e),
                    ..Run::default()
                });
            }
            "ins" | "del" | "moveTo" | "moveFrom" | "fldSimple" => {
                frame.wrapper = Some(wrappers.len());
                wrappers.push(0);
            }
            "p" if self.first_para.is_none() && !at.empty => {
                frame.first_para = true;
                self.first_para = Some(Para {
                    content: after,
                    end: after,
                });
            }
            "commentRangeStart" | "commentRangeEnd" | "commentReference" => {
                if let Some(id) = attr(e, "id").and_then(|v| v.trim().parse().ok()) {
                    self.comment_ids.push(id);
                }
            }
            _ => {}
        }
        if let Some(parent) = stack.last() {
            if let Some(run) = parent.run {
                if local != "rPr" {
                    if let Some(r) = self.runs.get_mut(run) {
                        self.at.insert(before, (run, r.children.len()));
                        r.children.push(Child {
                            start: before,
                            end: after,
                            inner: None,
                            local,
                            qname: qname_of(e),
                        });
                    }
                }
            }
        }
        frame
    }

    /// The element of `frame` ends: its end tag is `before..after` (for an empty
    /// element, `before..after` is the element).
    fn close(
        &mut self,
        frame: Frame,
        xml: &[u8],
        before: u64,
        after: u64,
        stack: &mut [Frame],
        wrappers: &mut [u64],
    ) {
        if let Some(slot) = frame.wrapper.and_then(|w| wrappers.get_mut(w)) {
            *slot = after;
        }
        if let Some(r) = frame.run.and_then(|i| self.runs.get_mut(i)) {
            r.end = after;
        }
        if frame.first_para {
            if let Some(p) = self.first_para.as_mut() {
                p.end = before;
            }
        }
        let Some(parent) = stack.last() else { return };
        if frame.local == "pPr" && parent.first_para && parent.children == 1 {
            if let Some(p) = self.first_para.as_mut() {
                p.content = after;
            }
        }
        let Some(r) = parent.run.and_then(|i| self.runs.get_mut(i)) else {
            return;
        };
        if frame.local == "rPr" {
            r.props = String::from_utf8_lossy(slice(xml, frame.start, after)).into_owned();
        } else if let Some(c) = r.children.last_mut().filter(|c| c.start == frame.start) {
            if c.end < before {
                c.inner = Some((c.end, before));
            }
            c.end = after;
        }
    }
}

/// The outermost wrapper between the innermost paragraph on `stack` and its top.
fn outer_wrapper(stack: &[Frame]) -> Option<usize> {
    let para = stack.iter().rposition(|f| f.local == "p")?;
    stack.get(para + 1..)?.iter().find_map(|f| f.wrapper)
}
