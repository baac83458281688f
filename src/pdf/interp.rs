//! Content-stream interpreter: graphics and text state, text showing, Form XObjects,
//! marked content and enough path handling to see table rules.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Lexer, Operand};
use super::font::{font_key, Font, FontCache, FontKey};
use super::{deref, deref_dict, num, Budget, Limits, PageRef, PdfError};

mod paths;

/// Most saved graphics states (`q` without `Q`).
const MAX_GS_STACK: usize = 4096;
/// Most open marked-content sequences tracked.
const MAX_MARKED_DEPTH: usize = 4096;
/// Most subpaths in a path, and points in a subpath.
const MAX_PATH_POINTS: usize = 100_000;
/// Most glyphs kept per page.
const MAX_GLYPHS: usize = 5_000_000;
/// Most rules kept per page.
const MAX_RULES: usize = 200_000;
/// Most warnings kept per page.
const MAX_WARNINGS: usize = 50;

/// Affine matrix `[a b c d e f]` (row-vector convention, as in the PDF spec).
type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &M, n: &M) -> M {
    let [a, b, c, d, e, f] = *m;
    let [a2, b2, c2, d2, e2, f2] = *n;
    [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    let [a, b, c, d, e, f] = *m;
    (x * a + y * c + e, x * b + y * d + f)
}

/// A positioned glyph in page space: origin top-left, y down, points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    /// Left edge of the glyph origin.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width (without char/word spacing).
    pub w: f32,
    /// Effective font size (vertical scale of the text rendering matrix).
    pub size: f32,
    /// Byte range of the glyph's text in [`PageContent::text`].
    pub start: u32,
    pub len: u16,
    pub bold: bool,
}

/// An axis-aligned ruling line in page space.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub pos: f32,
    /// Extent along the rule: x0..x1 or y0..y1.
    pub from: f32,
    pub to: f32,
}

/// What one page drew.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    pub page_no: u32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub rules: Vec<Rule>,
    /// Glyphs that could not be mapped to Unicode (each became U+FFFD).
    pub undecoded: u64,
    /// Glyphs drawn, decoded or not, artifacts included.
    pub shown: u64,
    /// Images drawn (image XObjects and inline images).
    pub images: u64,
    /// Fonts without a usable map to Unicode that the page used, by name, first use first.
    pub undecodable_fonts: Vec<String>,
    /// Non-fatal problems on this page (no page prefix: the page is `page_no`).
    pub warnings: Vec<String>,
}

impl PageContent {
    pub fn glyph_text(&self, g: &Glyph) -> &str {
        let s = g.start as usize;
        self.text.get(s..s + g.len as usize).unwrap_or("")
    }
}

#[derive(Clone)]
struct Gs {
    ctm: M,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    ts: f64,
    fs: f64,
    font: Option<Arc<Font>>,
    /// Bounding box of the clip path in device space (minx, miny, maxx, maxy).
    clip: Option<[f64; 4]>,
}

struct Interp<'a, 'b> {
    doc: &'a Document,
    fonts: &'b FontCache,
    budget: &'b Budget,
    limits: &'b Limits,
    ops: u64,
    out: PageContent,
    gs: Gs,
    stack: Vec<Gs>,
    tm: M,
    tlm: M,
    /// One entry per open marked-content sequence: is it an artifact.
    marked: Vec<bool>,
    artifact_depth: usize,
    /// Current path: subpaths of device-space points; `closed` flags.
    path: Vec<(Vec<(f64, f64)>, bool)>,
    forms: Vec<ObjectId>,
    /// Device to page space: x - x0, y1 - y.
    x0: f64,
    y1: f64,
    bad_fonts: Vec<Vec<u8>>,
    /// Fonts this page has used, in front of the shared cache.
    local_fonts: HashMap<FontKey, Arc<Font>>,
    pending_clip: bool,
    /// The glyph limit was reached (and said).
    capped: bool,
    /// Reused for decoding hex strings.
    scratch: Vec<u8>,
}

/// Interpret one page.
pub(super) fn run_page(
    doc: &Document,
    page: &PageRef<'_>,
    page_no: u32,
    fonts: &FontCache,
    budget: &Budget,
    limits: &Limits,
) -> Result<PageContent, PdfError> {
    let [x0, y0, _, y1] = page.media_box;
    let mut it = Interp {
        doc,
        fonts,
        budget,
        limits,
        ops: 0,
        out: PageContent {
            page_no,
            height: (y1 - y0) as f32,
            ..Default::default()
        },
        gs: Gs {
            ctm: ID,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            ts: 0.0,
            fs: 0.0,
            font: None,
            clip: None,
        },
        stack: Vec::new(),
        tm: ID,
        tlm: ID,
        marked: Vec::new(),
        artifact_depth: 0,
        path: Vec::new(),
        forms: Vec::new(),
        x0,
        y1,
        bad_fonts: Vec::new(),
        local_fonts: HashMap::new(),
        pending_clip: false,
        capped: false,
        scratch: Vec::new(),
    };
    // Content: one stream or an array of streams, concatenated.
    let mut data = Vec::new();
    let contents = page.dict.get(b"Contents").ok();
    let streams: Vec<&Object> = match contents.and_then(|o| deref(doc, o)) {
        Some(Object::Array(a)) => a.iter().collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    for s in streams {
        if let Some(Object::Stream(st)) = deref(doc, s) {
            let room = limits.max_stream_bytes.saturating_sub(data.len() as u64);
            match it.budget.stream_bytes_within(st, room) {
                Ok(d) => {
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
                Err(e @ PdfError::LimitExceeded { .. }) => return Err(e),
                Err(e) => it.warn(format!("content stream skipped: {e}")),
            }
        }
    }
    let _ = page.id;
    it.run(&data, page.resources, 0)?;
    Ok(it.out)
}

fn name(o: Option<&Object>) -> Option<&[u8]> {
    match o {
        Some(Object::Name(n)) => Some(n.as_slice()),
        _ => None,
    }
}

fn f(ops: &[Operand<'_>], i: usize) -> Option<f64> {
    ops.get(i).and_then(Operand::num)
}

fn op_name<'o>(ops: &'o [Operand<'_>]) -> Option<&'o [u8]> {
    ops.first().and_then(Operand::name)
}

impl Interp<'_, '_> {
    fn warn(&mut self, msg: String) {
        if self.out.warnings.len() < MAX_WARNINGS {
            self.out.warnings.push(msg);
        }
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: Option<&Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        let mut lexer = Lexer::new(data, self.limits.max_depth);
        let mut operands: Vec<Operand<'_>> = Vec::new();
        while let Some(operator) = lexer.next_op(&mut operands) {
            self.ops += 1;
            if self.ops > self.limits.max_ops_per_page {
                return Err(PdfError::LimitExceeded {
                    what: "operators per page",
                    limit: self.limits.max_ops_per_page,
                });
            }
            self.op(operator, &operands, resources, depth)?;
        }
        if lexer.too_deep {
            return Err(PdfError::LimitExceeded {
                what: "content stream nesting depth",
                limit: self.limits.max_depth as u64,
            });
        }
        if lexer.damaged {
            self.warn("content stream is damaged; what could not be read was skipped".into());
        }
        Ok(())
    }

    fn op(
        &mut self,
        operator: &[u8],
        ops: &[Operand<'_>],
        resources: Option<&Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        match operator {
            b"q" if self.stack.len() < MAX_GS_STACK => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = matrix((0..6).map(|i| f(ops, i))) {
                    self.gs.ctm = mul(&m, &self.gs.ctm);
                }
            }
            b"BDC" | b"BMC" => {
                let art = op_name(ops) == Some(&b"Artifact"[..]);
                if self.marked.len() < MAX_MARKED_DEPTH {
                    self.marked.push(art);
                    if art {
                        self.artifact_depth += 1;
                    }
                }
            }
            b"EMC" => {
                let closes_artifact = usize::from(self.marked.pop() == Some(true));
                self.artifact_depth = self.artifact_depth.saturating_sub(closes_artifact);
            }
            b"BI" => self.out.images += 1,
            b"Do" => {
                if let Some(n) = op_name(ops) {
                    self.do_xobject(resources, n, depth)?;
                }
            }
            b"m" | b"l" | b"c" | b"v" | b"y" | b"re" | b"h" | b"S" | b"s" | b"f" | b"F" | b"f*"
            | b"B" | b"B*" | b"b" | b"b*" | b"n" | b"W" | b"W*" => self.path_op(operator, ops),
            _ => self.text_op(operator, ops, resources)?,
        }
        Ok(())
    }

    /// Text state, positioning and showing operators (others are ignored).
    fn text_op(
        &mut self,
        operator: &[u8],
        ops: &[Operand<'_>],
        resources: Option<&Dictionary>,
    ) -> Result<(), PdfError> {
        match operator {
            b"BT" => {
                self.tm = ID;
                self.tlm = ID;
            }
            b"Tc" => set(&mut self.gs.tc, f(ops, 0)),
            b"Tw" => set(&mut self.gs.tw, f(ops, 0)),
            b"Tz" => set(&mut self.gs.th, f(ops, 0).map(|v| v / 100.0)),
            b"TL" => set(&mut self.gs.tl, f(ops, 0)),
            b"Ts" => set(&mut self.gs.ts, f(ops, 0)),
            b"Tf" => {
                set(&mut self.gs.fs, f(ops, 1));
                self.gs.font = None;
                if let Some(n) = op_name(ops) {
                    self.gs.font = self.lookup_font(resources, n)?;
                }
            }
            b"Td" => {
                if let (Some(tx), Some(ty)) = (f(ops, 0), f(ops, 1)) {
                    self.td(tx, ty);
                }
            }
            b"TD" => {
                if let (Some(tx), Some(ty)) = (f(ops, 0), f(ops, 1)) {
                    self.gs.tl = -ty;
                    self.td(tx, ty);
                }
            }
            b"Tm" => {
                if let Some(m) = matrix((0..6).map(|i| f(ops, i))) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.td(0.0, -self.gs.tl),
            b"Tj" => {
                self.show_operand(ops.first());
            }
            b"'" => {
                self.td(0.0, -self.gs.tl);
                self.show_operand(ops.first());
            }
            b"\"" => {
                set(&mut self.gs.tw, f(ops, 0));
                set(&mut self.gs.tc, f(ops, 1));
                self.td(0.0, -self.gs.tl);
                self.show_operand(ops.get(2));
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = ops.first() {
                    for item in items {
                        match item {
                            Operand::Str(_) | Operand::Hex(_) => self.show_operand(Some(item)),
                            other => {
                                if let Some(n) = other.num() {
                                    let tx = -n / 1000.0 * self.gs.fs * self.gs.th;
                                    self.advance(tx);
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn lookup_font(
        &mut self,
        resources: Option<&Dictionary>,
        n: &[u8],
    ) -> Result<Option<Arc<Font>>, PdfError> {
        let doc = self.doc;
        let obj = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|o| deref_dict(doc, o))
            .and_then(|d| d.get(n).ok());
        let Some(obj) = obj else {
            if !self.bad_fonts.iter().any(|b| b == n) {
                self.bad_fonts.push(n.to_vec());
                self.warn(format!(
                    "font /{} is not in the page resources; its text is undecoded",
                    crate::foreign::clean(&String::from_utf8_lossy(n))
                ));
            }
            return Ok(None);
        };
        let key = font_key(obj);
        let font = match self.local_fonts.get(&key) {
            Some(f) => Some(Arc::clone(f)),
            None => {
                let f = self.fonts.get(doc, obj, self.budget)?;
                if let Some(f) = &f {
                    self.local_fonts.insert(key, Arc::clone(f));
                }
                f
            }
        };
        if let Some(f) = font.as_ref().filter(|f| f.undecodable) {
            if !self.out.undecodable_fonts.contains(&f.base_name) {
                self.out.undecodable_fonts.push(f.base_name.clone());
            }
        }
        Ok(font)
    }

    fn td(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    /// Move the text position `tx` along the baseline (as `mul` of a translation with tm,
    /// without its zero terms).
    fn advance(&mut self, tx: f64) {
        if tx.is_finite() {
            let [a, b, c, d, e, f] = self.tm;
            self.tm = [a, b, c, d, tx * a + 0.0 * c + e, tx * b + 0.0 * d + f];
        }
    }

    /// Show a string operand (decoding a hex string in a reused buffer).
    fn show_operand(&mut self, op: Option<&Operand<'_>>) {
        let mut buf = std::mem::take(&mut self.scratch);
        if let Some(bytes) = op.and_then(|o| o.bytes(&mut buf)) {
            self.show(bytes);
        }
        self.scratch = buf;
    }

    fn show(&mut self, bytes: &[u8]) {
        let font = self.gs.font.clone();
        let scales = self.scales();
        let gs_fs = self.gs.fs;
        let th = self.gs.th;
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len, w0, decoded_ok, text_start) = {
                let start = self.out.text.len();
                match &font {
                    Some(font) => {
                        let (code, len) = font.next_code(rest);
                        let ok = font.decode(code, &mut self.out.text);
                        let first = self.out.text.get(start..).and_then(|s| s.chars().next());
                        (code, len, font.width(code, first), ok, start)
                    }
                    None => (
                        u32::from(rest.first().copied().unwrap_or(0)),
                        1,
                        0.5,
                        false,
                        start,
                    ),
                }
            };
            rest = rest.get(len.max(1)..).unwrap_or(&[]);
            self.out.shown += 1;
            if !decoded_ok {
                self.out.text.truncate(text_start);
                self.out.text.push('\u{FFFD}');
                self.out.undecoded += 1;
            }
            let word_space = font.as_ref().is_some_and(|f| f.is_word_space(code, len));
            let tx = (w0 * gs_fs + self.gs.tc + if word_space { self.gs.tw } else { 0.0 }) * th;
            if self.artifact_depth == 0 {
                self.emit(w0 * gs_fs * th, text_start, font.as_deref(), scales);
            } else {
                self.out.text.truncate(text_start);
            }
            self.advance(tx);
        }
    }

    /// The text space to device space scales of the current state: the linear part of
    /// `tm × ctm` (computed as `mul` does), and the lengths of its rows. They stay the same
    /// through one string: showing glyphs moves only the translation.
    fn scales(&self) -> ([f64; 4], f64, f64) {
        let [a, b, c, d, _, _] = self.tm;
        let [a2, b2, c2, d2, _, _] = self.gs.ctm;
        let lin = [
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
        ];
        let [m0, m1, m2, m3] = lin;
        (lin, m0.hypot(m1), m2.hypot(m3))
    }

    /// Record the glyph whose text starts at `text_start`, drawn at the current text
    /// position; `scales` from [`Self::scales`].
    fn emit(
        &mut self,
        adv: f64,
        text_start: usize,
        font: Option<&Font>,
        scales: ([f64; 4], f64, f64),
    ) {
        let len = self.out.text.len().saturating_sub(text_start);
        let ([_, _, m2, m3], x_scale, y_scale) = scales;
        // The translation of tm × ctm, then of the text rendering matrix: the same
        // arithmetic as `mul`, without the terms that are zero.
        let [_, _, _, _, e, f] = self.tm;
        let [_, _, c2, d2, e2, f2] = self.gs.ctm;
        let [a2, b2] = [self.gs.ctm[0], self.gs.ctm[1]];
        let m4 = e * a2 + f * c2 + e2;
        let m5 = e * b2 + f * d2 + f2;
        let (x, y) = (self.gs.ts * m2 + m4, self.gs.ts * m3 + m5);
        let size = self.gs.fs * y_scale;
        let w = adv * x_scale;
        let ok = [x, y, size, w].iter().all(|v| v.is_finite());
        if self.out.glyphs.len() >= MAX_GLYPHS && !self.capped {
            self.capped = true;
            self.warn(format!(
                "the page draws over {MAX_GLYPHS} glyphs; the rest were not read"
            ));
        }
        if !ok || len == 0 || len > u16::MAX as usize || self.out.glyphs.len() >= MAX_GLYPHS {
            self.out.text.truncate(text_start);
            return;
        }
        self.out.glyphs.push(Glyph {
            x: (x - self.x0) as f32,
            y: (self.y1 - y) as f32,
            w: w as f32,
            size: size as f32,
            start: u32::try_from(text_start).unwrap_or(u32::MAX),
            len: len as u16,
            bold: font.is_some_and(|f| f.bold),
        });
    }

    fn do_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        n: &[u8],
        depth: usize,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(obj) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref_dict(doc, o))
            .and_then(|d| d.get(n).ok())
        else {
            return Ok(());
        };
        let id = match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(Object::Stream(stream)) = deref(doc, obj) else {
            return Ok(());
        };
        match name(stream.dict.get(b"Subtype").ok()) {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.out.images += 1;
                return Ok(());
            }
            _ => return Ok(()),
        }
        if depth + 1 > self.limits.max_form_depth {
            self.warn("form xobjects nested too deeply; skipped".into());
            return Ok(());
        }
        if let Some(id) = id {
            if self.forms.contains(&id) {
                self.warn("form xobject draws itself; skipped".into());
                return Ok(());
            }
            self.forms.push(id);
        }
        let data = match self.budget.stream_bytes(stream) {
            Ok(d) => d,
            Err(e @ PdfError::LimitExceeded { .. }) => return Err(e),
            Err(e) => {
                self.warn(format!("form xobject skipped: {e}"));
                if id.is_some() {
                    self.forms.pop();
                }
                return Ok(());
            }
        };
        let form_res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref_dict(doc, o))
            .or(resources);
        let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
        if let Some(Object::Array(a)) = stream.dict.get(b"Matrix").ok().and_then(|o| deref(doc, o))
        {
            if let Some(m) = matrix((0..6).map(|i| a.get(i).and_then(num))) {
                self.gs.ctm = mul(&m, &self.gs.ctm);
            }
        }
        let r = self.run(&data, form_res, depth + 1);
        self.gs = saved.0;
        self.tm = saved.1;
        self.tlm = saved.2;
        self.stack.truncate(saved.3);
        if id.is_some() {
            self.forms.pop();
        }
        r
    }
}

fn set(slot: &mut f64, v: Option<f64>) {
    if let Some(v) = v.filter(|v| v.is_finite() && v.abs() < 1e7) {
        *slot = v;
    }
}

/// Six numbers as a matrix; `None` when one is missing or too large.
fn matrix(mut nums: impl Iterator<Item = Option<f64>>) -> Option<M> {
    let mut m = [0.0; 6];
    for slot in m.iter_mut() {
        let v = nums.next().flatten()?;
        if v.abs() > 1e7 {
            return None;
        }
        *slot = v;
    }
    Some(m)
}
