//! Paragraphs and runs: the open paragraphs (a text box nests one paragraph in another),
//! their properties (style, numbering; superscript and hidden runs), and their text.

use super::changes::{Buf, ChangeCtx};
use super::xml::{attr, on_off};
use super::Piece;
use quick_xml::events::BytesStart;

#[derive(Debug, Default)]
struct Run {
    text: String,
    /// Where `text` was read (ranges into it).
    pieces: Vec<Piece>,
    superscript: bool,
    hidden: bool,
    change: Option<ChangeCtx>,
}

impl Run {
    /// A superscript run made only of digits (with commas and spaces): a footnote
    /// marker typed by hand.
    fn is_hand_marker(&self) -> bool {
        self.superscript
            && self.text.chars().any(|c| c.is_ascii_digit())
            && self
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
pub(crate) struct Para {
    pub(crate) buf: Buf,
    run: Option<Run>,
    pub(crate) num_id: Option<String>,
    pub(crate) ilvl: Option<usize>,
    pub(crate) style: Option<String>,
}

/// The open paragraphs, innermost last, and the count of body paragraphs emitted.
#[derive(Debug, Default)]
pub(crate) struct Paras {
    open: Vec<Para>,
    count: usize,
}

impl Paras {
    /// `w:p` start.
    pub(crate) fn open(&mut self) {
        self.open.push(Para::default());
    }

    /// `w:r` start, inside the tracked change `change` if any.
    pub(crate) fn open_run(&mut self, change: Option<ChangeCtx>) {
        if let Some(p) = self.open.last_mut() {
            p.run = Some(Run {
                change,
                ..Run::default()
            });
        }
    }

    /// Whether a paragraph is open and no run in it.
    pub(crate) fn outside_run(&self) -> bool {
        self.open.last().is_some_and(|p| p.run.is_none())
    }

    /// Whether a run is open in the innermost paragraph.
    pub(crate) fn inside_run(&self) -> bool {
        self.open.last().is_some_and(|p| p.run.is_some())
    }

    /// Property `name` (element `e`) inside a `w:pPr`.
    pub(crate) fn para_property(&mut self, e: &BytesStart<'_>, name: &str) {
        match name {
            "pStyle" => {
                if let Some(p) = self.open.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            "numId" => {
                let v = attr(e, "val");
                if let Some(p) = self.open.last_mut() {
                    p.num_id = v;
                }
            }
            "ilvl" => {
                let v = attr(e, "val").and_then(|v| v.parse().ok());
                if let Some(p) = self.open.last_mut() {
                    p.ilvl = v;
                }
            }
            _ => {}
        }
    }

    /// Property `name` (element `e`) inside a run's `w:rPr`.
    pub(crate) fn run_property(&mut self, e: &BytesStart<'_>, name: &str) {
        match name {
            "vertAlign" => {
                let sup = attr(e, "val").as_deref() == Some("superscript");
                if let Some(r) = self.open.last_mut().and_then(|p| p.run.as_mut()) {
                    r.superscript = sup;
                }
            }
            "vanish" => {
                let hidden = on_off(e);
                if let Some(r) = self.open.last_mut().and_then(|p| p.run.as_mut()) {
                    r.hidden = hidden;
                }
            }
            _ => {}
        }
    }

    /// Whether the text so far (of the open run, else of the paragraph) is empty or
    /// ends blank; false outside paragraphs.
    pub(crate) fn ends_blank(&self) -> bool {
        self.open.last().is_some_and(|p| {
            let tail = p.run.as_ref().map_or("", |r| r.text.as_str());
            let tail = if tail.is_empty() {
                p.buf.text.as_str()
            } else {
                tail
            };
            tail.is_empty() || tail.ends_with([' ', '\t'])
        })
    }

    /// Adds document text to the open run (else to the paragraph, inside the tracked
    /// change `change` if any); line ends read as spaces. `at` is where it was read:
    /// the element's offset in the part and the offset of `s` in the element's text.
    pub(crate) fn push(&mut self, s: &str, change: Option<&ChangeCtx>, at: Option<(u64, usize)>) {
        let Some(p) = self.open.last_mut() else {
            return;
        };
        let clean;
        let s = if s.contains(['\n', '\r']) {
            clean = s.replace(['\n', '\r'], " ");
            clean.as_str()
        } else {
            s
        };
        let piece = |start: usize| {
            at.map(|(xml, offset)| Piece {
                start,
                end: start + s.len(),
                xml,
                offset,
            })
        };
        match p.run.as_mut() {
            Some(run) => {
                if let Some(piece) = piece(run.text.len()) {
                    match run.pieces.last_mut() {
                        Some(last)
                            if last.end == piece.start
                                && last.xml == piece.xml
                                && last.offset + (last.end - last.start) == piece.offset =>
                        {
                            last.end = piece.end;
                        }
                        _ => run.pieces.push(piece),
                    }
                }
                run.text.push_str(s);
            }
            None => {
                let pieces: Vec<Piece> = piece(0).into_iter().collect();
                p.buf.push(s, change, &pieces);
            }
        }
    }

    /// `w:r` end: the run's text joins its paragraph unless hidden or a hand-typed
    /// footnote marker.
    pub(crate) fn close_run(&mut self) {
        let Some(p) = self.open.last_mut() else {
            return;
        };
        let Some(run) = p.run.take() else {
            return;
        };
        if run.hidden || run.is_hand_marker() {
            return;
        }
        p.buf.push(&run.text, run.change.as_ref(), &run.pieces);
    }

    /// `w:p` end: the paragraph, with a run left open (by malformed input) in it.
    pub(crate) fn close(&mut self) -> Option<Para> {
        let mut para = self.open.pop()?;
        if let Some(run) = para.run.take() {
            para.buf.push(&run.text, run.change.as_ref(), &run.pieces);
        }
        Some(para)
    }

    /// A finished paragraph's text: folded into the enclosing paragraph if there is one
    /// (a text box inside a run), else given back.
    pub(crate) fn absorb(&mut self, buf: Buf) -> Option<Buf> {
        match self.open.last_mut() {
            Some(parent) => {
                parent.buf.append(buf, " ");
                None
            }
            None => Some(buf),
        }
    }

    /// The 1-based index of the next body paragraph emitted.
    pub(crate) fn next_index(&mut self) -> usize {
        self.count += 1;
        self.count
    }
}
