//! The PDF path is not tuned to the fixture PDFs: this test lays the same generated report
//! out as PDFs with other fonts (Helvetica, Times, Courier, none embedded), page sizes (A4,
//! Letter, A5), margins, font sizes and column widths; table rules drawn as filled
//! rectangles (Word), stroked lines (LibreOffice) or not at all (pdfLaTeX); a page break
//! forced into every table at a different row in each layout, between rows or splitting a
//! row over the break, with and without the header row repeated on the new page; with and
//! without tagged running footers. `extract` on each PDF must equal `extract` on the same
//! report as text, field by field.

mod common;
use hmip::extract::{document, Document};
use hmip::{analyse, ReadOptions};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document as Pdf, Object, Stream, StringFormat};
use serde_json::{json, Value};

/// One block of the report.
enum Block {
    Heading(String),
    Para(String),
    /// Cells per row; widths are fractions of the text width.
    Table {
        widths: Vec<f32>,
        rows: Vec<Vec<String>>,
    },
}

struct Style {
    font: &'static str,
    bold: &'static str,
    /// Average glyph width in em used for wrapping (conservative).
    em: f32,
    size: f32,
    page: (f32, f32),
    margin: f32,
    /// Fraction of the text width given to a rating/percent column.
    right_col: f32,
    rules: Rules,
    tagged_footer: bool,
    /// After a page break inside a table, draw its first row again on the new page.
    repeat_header: bool,
    /// A row that does not fit is split over the page break (else it moves whole), in
    /// ruled tables.
    split_rows: bool,
    /// Where the forced page break falls in each table (varies the row).
    seed: usize,
}

/// How table rules are drawn.
#[derive(Clone, Copy, PartialEq)]
enum Rules {
    /// `re f`, as Word does.
    Filled,
    /// `m l S`, as LibreOffice does.
    Stroked,
    /// None, as pdfLaTeX tables: columns only by their white space.
    None,
}

const KQ: [&str; 3] = [
    "Does the work sufficiently support the child or young person's desistance?",
    "Does the work sufficiently keep the child or young person safe?",
    "Does the work sufficiently keep other people safe?",
];

const NAMES: [&str; 12] = [
    "Governance and leadership",
    "Staff",
    "Partnerships and services",
    "Information and facilities",
    "Assessment",
    "Planning",
    "Implementation and delivery",
    "Reviewing",
    "Assessment",
    "Planning",
    "Implementation and delivery",
    "Joint working",
];

fn band(p: u32) -> &'static str {
    match p {
        0..=49 => "Inadequate",
        50..=64 => "Requires improvement",
        65..=79 => "Good",
        _ => "Outstanding",
    }
}

fn score(r: &str) -> u32 {
    match r {
        "Inadequate" => 0,
        "Requires improvement" => 1,
        "Good" => 2,
        _ => 3,
    }
}

/// The random parts of a generated report.
struct Spec {
    ids: Vec<String>,
    ratings: Vec<&'static str>,
    pcts: Vec<Vec<u32>>,
    overall: &'static str,
    service: &'static str,
    court: u64,
    ooc: u64,
    n_recs: usize,
    /// Recommendations 1..=split are the manager's, the rest the board's.
    split: usize,
}

impl Spec {
    fn new(seed: u64) -> Spec {
        let mut x = seed;
        let mut rnd = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let ids: Vec<String> = (0..12)
            .map(|i| format!("{}.{}", i / 4 + 1, i % 4 + 1))
            .collect();
        let mut pcts: Vec<Vec<u32>> = Vec::new();
        let mut ratings: Vec<&str> = Vec::new();
        for i in 0..12 {
            if i < 4 {
                ratings.push(
                    ["Inadequate", "Requires improvement", "Good", "Outstanding"][rnd(4) as usize],
                );
                pcts.push(vec![]);
            } else {
                let n = if i == 11 { 2 } else { 3 };
                let p: Vec<u32> = (0..n).map(|_| 30 + rnd(71) as u32).collect();
                ratings.push(band(*p.iter().min().unwrap_or(&0)));
                pcts.push(p);
            }
        }
        let total: u32 = ratings.iter().map(|r| score(r)).sum();
        let overall = match total {
            0..=6 => "Inadequate",
            7..=18 => "Requires improvement",
            19..=30 => "Good",
            _ => "Outstanding",
        };
        let service = [
            "Northshire Youth Offending Team",
            "Kingston Youth Justice Service",
            "St Helens YOT",
        ][rnd(3) as usize];
        let (court, ooc) = (20 + rnd(40), 10 + rnd(30));
        let n_recs = 5 + rnd(4) as usize;
        let split = 2 + rnd(2) as usize;
        Spec {
            ids,
            ratings,
            pcts,
            overall,
            service,
            court,
            ooc,
            n_recs,
            split,
        }
    }
}

/// A report in the 2018-19 layout as blocks, from a seed.
fn report(seed: u64) -> Vec<Block> {
    let spec = Spec::new(seed);
    let mut b = front(&spec);
    recommendations(&spec, &mut b);
    body(&spec, &mut b);
    annexes(&spec, &mut b);
    b
}

/// Cover, overall findings and the ratings summary.
fn front(spec: &Spec) -> Vec<Block> {
    let service = spec.service;
    let mut b = vec![
        Block::Para("An inspection of youth offending services in".into()),
        Block::Heading(service.into()),
        Block::Para("MARCH 2020".into()),
        Block::Heading("Overall findings".into()),
        Block::Para(format!("Overall, {service} has been inspected. This paragraph is long enough to wrap over more than one line of the page so that the paragraph joining is exercised, including a hyphenated out-of-court phrase.")),
        Block::Para(format!("Service: {service}")),
        Block::Para("Fieldwork started: January 2020".into()),
        Block::Para("Overall rating".into()),
        Block::Para(spec.overall.into()),
    ];
    for d in 0..3 {
        b.push(Block::Heading(format!(
            "{}. {}",
            d + 1,
            [
                "Organisational delivery",
                "Court disposals",
                "Out-of-court disposals"
            ][d]
        )));
        b.push(Block::Table {
            widths: vec![0.12, 0.5],
            rows: (0..4)
                .map(|k| {
                    vec![
                        spec.ids[d * 4 + k].clone(),
                        NAMES[d * 4 + k].into(),
                        spec.ratings[d * 4 + k].into(),
                    ]
                })
                .collect(),
        });
    }
    b
}

fn recommendations(spec: &Spec, b: &mut Vec<Block>) {
    let (n_recs, split) = (spec.n_recs, spec.split);
    b.push(Block::Heading("Recommendations".into()));
    b.push(Block::Para(format!(
        "As a result of our inspection findings, we have made {} recommendations that we believe, if implemented, will have a positive impact on the quality of youth offending services.",
        ["five", "six", "seven", "eight"][n_recs - 5]
    )));
    for (k, who) in ["The YOT Manager should:", "The Management Board should:"]
        .iter()
        .enumerate()
    {
        b.push(Block::Para((*who).into()));
        let range = if k == 0 {
            1..=split
        } else {
            split + 1..=n_recs
        };
        for r in range {
            b.push(Block::Para(format!("{r}. make sure that recommendation number {r} is carried out with partners, so that children receive the services that they need")));
        }
    }
}

/// Introduction and one heading box per standard.
fn body(spec: &Spec, b: &mut Vec<Block>) {
    let (court, ooc) = (spec.court, spec.ooc);
    b.push(Block::Heading("Introduction".into()));
    b.push(Block::Para(
        "Youth Offending Teams supervise 10-18-year-olds who have been sentenced by a court."
            .into(),
    ));
    for (i, id) in spec.ids.iter().enumerate() {
        if i == 4 {
            b.push(Block::Heading("2. Court disposals".into()));
            b.push(Block::Para(format!(
                "In this inspection, we looked at a sample of {court} of these cases."
            )));
        }
        if i == 8 {
            b.push(Block::Heading("3. Out-of-court disposals".into()));
            b.push(Block::Para(format!(
                "In our inspection, we looked at a sample of {ooc} such cases."
            )));
        }
        b.push(Block::Table {
            widths: vec![0.7],
            rows: vec![vec![format!("{id} {}", NAMES[i]), spec.ratings[i].into()]],
        });
        b.push(Block::Para(
            "Our findings about this standard are described here in a paragraph that runs on."
                .into(),
        ));
    }
}

/// Methodology, results tables, glossary.
fn annexes(spec: &Spec, b: &mut Vec<Block>) {
    let (court, ooc) = (spec.court, spec.ooc);
    b.push(Block::Heading("Annex 1 - Methodology".into()));
    b.push(Block::Para(format!("We examined {court} post-court cases. The sample size was set to achieve a confidence level of 80 per cent.")));
    b.push(Block::Para(format!(
        "We examined {ooc} out-of-court disposals."
    )));
    b.push(Block::Heading("Annex 2 - Inspection results".into()));
    b.push(Block::Para(format!("In this inspection, we conducted a detailed examination of a sample of {court} post court cases and {ooc} out-of-court disposals.")));
    b.push(Block::Table {
        widths: vec![0.6],
        rows: vec![
            vec![
                "Lowest banding (key question level)".into(),
                "Rating (standard)".into(),
            ],
            vec!["Minority: <50%".into(), "Inadequate".into()],
            vec!["Too few: 50-64%".into(), "Requires improvement".into()],
            vec!["Reasonable majority: 65-79%".into(), "Good".into()],
            vec!["Large majority: 80%+".into(), "Outstanding".into()],
        ],
    });
    b.push(Block::Para("Each of the 12 standards are scored on a 0-3 scale. Adding these scores produces a total score ranging from 0-36, as follows:".into()));
    for l in [
        "- 0-6 = 'Inadequate'",
        "- 7-18 = 'Requires improvement'",
        "- 19-30 = 'Good'",
        "- 31-36 = 'Outstanding'.",
    ] {
        b.push(Block::Para(l.into()));
    }
    for d in 0..3 {
        b.push(Block::Heading(format!("{}. Domain", d + 1)));
        let mut rows = vec![vec![
            "Standards and key questions".to_string(),
            "Rating and % yes".to_string(),
        ]];
        for k in 0..4 {
            let i = d * 4 + k;
            rows.push(vec![
                format!(
                    "{}. {} {} is well-informed, analytical and personalised.",
                    spec.ids[i], NAMES[i], NAMES[i]
                ),
                spec.ratings[i].into(),
            ]);
            for (q, p) in spec.pcts[i].iter().enumerate() {
                rows.push(vec![
                    format!("{}.{}. {}", spec.ids[i], q + 1, KQ[q]),
                    format!("{p}%"),
                ]);
            }
        }
        b.push(Block::Table {
            widths: vec![0.7],
            rows,
        });
    }
    b.push(Block::Heading("Annex 3 - Glossary".into()));
    b.push(Block::Para("YOT: Youth Offending Team.".into()));
}

/// The report as text: one line per paragraph, table rows as tab-separated cells.
fn as_text(blocks: &[Block]) -> String {
    let mut t = String::new();
    for b in blocks {
        match b {
            Block::Heading(s) | Block::Para(s) => {
                t.push_str(s);
                t.push_str("\n\n");
            }
            Block::Table { rows, .. } => {
                for r in rows {
                    t.push_str(&r.join("\t"));
                    t.push('\n');
                }
                t.push('\n');
            }
        }
    }
    t
}

fn wrap(text: &str, width: f32, size: f32, em: f32) -> Vec<String> {
    let max = ((width / (size * em)).floor() as usize).max(8);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in text.split(' ') {
        if !cur.is_empty() && cur.len() + 1 + w.len() > max {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn lit(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

struct Writer<'a> {
    st: &'a Style,
    pages: Vec<Vec<Operation>>,
    ops: Vec<Operation>,
    y: f32,
    /// Tables drawn so far (the forced break moves from table to table).
    tables: usize,
}

/// One row laid out: column edges and each cell's lines.
struct RowLayout {
    xs: Vec<f32>,
    cells: Vec<Vec<String>>,
}

impl RowLayout {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
}

impl Writer<'_> {
    fn text(&mut self, font: &str, size: f32, x: f32, y: f32, s: &str) {
        self.ops.push(Operation::new("BT", vec![]));
        self.ops.push(Operation::new(
            "Tf",
            vec![Object::Name(font.as_bytes().to_vec()), size.into()],
        ));
        self.ops
            .push(Operation::new("Td", vec![x.into(), y.into()]));
        self.ops.push(Operation::new("Tj", vec![lit(s)]));
        self.ops.push(Operation::new("ET", vec![]));
    }

    fn rule(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        if self.st.rules == Rules::None {
            return;
        }
        if self.st.rules == Rules::Filled {
            let (w, h) = ((x1 - x0).max(0.5), (y1 - y0).max(0.5));
            self.ops.push(Operation::new(
                "re",
                vec![x0.into(), y0.into(), w.into(), h.into()],
            ));
            self.ops.push(Operation::new("f", vec![]));
        } else {
            self.ops
                .push(Operation::new("m", vec![x0.into(), y0.into()]));
            self.ops
                .push(Operation::new("l", vec![x1.into(), y1.into()]));
            self.ops.push(Operation::new("S", vec![]));
        }
    }

    fn new_page(&mut self) {
        let n = self.pages.len() + 1;
        let st = self.st;
        let footer = format!("Inspection of youth offending services    {n}");
        if st.tagged_footer {
            self.ops.push(Operation::new(
                "BMC",
                vec![Object::Name(b"Artifact".to_vec())],
            ));
        }
        self.text("F1", 8.0, st.margin, st.margin / 2.0, &footer);
        if st.tagged_footer {
            self.ops.push(Operation::new("EMC", vec![]));
        }
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = st.page.1 - st.margin;
    }

    fn need(&mut self, h: f32) {
        if self.y - h < self.st.margin {
            self.new_page();
        }
    }

    fn block(&mut self, b: &Block) {
        let st = self.st;
        let width = st.page.0 - 2.0 * st.margin;
        let lead = st.size * 1.25;
        match b {
            Block::Heading(s) => {
                self.need(lead * 3.0);
                self.y -= lead * 1.6;
                self.text("F2", st.size * 1.3, st.margin, self.y, s);
                self.y -= lead * 0.6;
            }
            Block::Para(s) => {
                let lines = wrap(s, width, st.size, st.em);
                self.y -= lead * 0.6;
                for l in lines {
                    self.need(lead);
                    self.y -= lead;
                    self.text("F1", st.size, st.margin, self.y, &l);
                }
            }
            Block::Table { widths, rows } => {
                self.y -= lead * 0.6;
                self.table(widths, rows);
            }
        }
    }

    /// Column edges and wrapped cells of a row.
    fn layout_row(&self, widths: &[f32], row: &[String]) -> RowLayout {
        let st = self.st;
        let width = st.page.0 - 2.0 * st.margin;
        // Given fractions, the last column takes the rest.
        let mut xs = vec![st.margin];
        for (k, _) in row.iter().enumerate().skip(1) {
            let frac = if k == row.len() - 1 {
                1.0 - st.right_col
            } else {
                *widths.get(k - 1).unwrap_or(&0.5)
            };
            xs.push(st.margin + width * frac.min(1.0 - st.right_col));
        }
        xs.push(st.margin + width);
        let cells = row
            .iter()
            .enumerate()
            .map(|(k, c)| wrap(c, xs[k + 1] - xs[k] - 2.0 * self.pad(), st.size, st.em))
            .collect();
        RowLayout { xs, cells }
    }

    /// Space between a cell's edge and its text: without rules, columns stand apart by
    /// their white space alone.
    fn pad(&self) -> f32 {
        if self.st.rules == Rules::None {
            self.st.size
        } else {
            3.0
        }
    }

    /// A table with a page break forced into it at a row that depends on the layout's
    /// seed and the table: before that row, or (when rows split) after its first line.
    fn table(&mut self, widths: &[f32], rows: &[Vec<String>]) {
        let t = self.tables;
        self.tables += 1;
        let layouts: Vec<RowLayout> = rows.iter().map(|r| self.layout_row(widths, r)).collect();
        let header = if self.st.repeat_header && rows.len() > 1 {
            layouts.first()
        } else {
            None
        };
        // A table of one row (a standard's heading box) is broken inside that row; others
        // before a row after the first, or inside it.
        let break_row = match rows.len() {
            0 | 1 => 0,
            n => 1 + (self.st.seed + 3 * t) % (n - 1),
        };
        // Rows split over a page break only in ruled tables (Word and LibreOffice split
        // them; pdfLaTeX keeps a row whole), and a header row never.
        let splits = self.st.split_rows && self.st.rules != Rules::None;
        for (ri, row) in layouts.iter().enumerate() {
            let split = splits && (ri > 0 || rows.len() == 1);
            let split_here = ri == break_row && split && row.lines() > 1;
            if ri == break_row && !split_here && ri > 0 {
                self.break_table(header);
            }
            let header = if ri > 0 { header } else { None };
            self.row(row, split, split_here.then_some(1), header);
        }
    }

    /// Finish the page inside a table and start the next, the header row first if the
    /// table repeats it.
    fn break_table(&mut self, header: Option<&RowLayout>) {
        self.new_page();
        if let Some(h) = header {
            self.row(h, false, None, None);
        }
    }

    /// Draw a row; it is split over the page break when it does not fit (if `split`) or
    /// after line `split_at`.
    fn row(
        &mut self,
        row: &RowLayout,
        split: bool,
        split_at: Option<usize>,
        header: Option<&RowLayout>,
    ) {
        let st = self.st;
        let lead = st.size * 1.25;
        let n = row.lines();
        let mut j = 0;
        while j < n {
            let room = ((self.y - 6.0 - st.margin) / lead).floor().max(0.0) as usize;
            let mut take = (n - j).min(room);
            if let Some(s) = split_at.filter(|&s| j == 0 && s < n) {
                take = take.min(s);
            }
            if take == 0 || (!split && take < n) {
                self.break_table(header);
                continue;
            }
            let top = self.y;
            let (left, right) = (row.xs[0], *row.xs.last().unwrap_or(&0.0));
            self.rule(left, top, right, top);
            for (k, lines) in row.cells.iter().enumerate() {
                for (i, l) in lines.iter().enumerate().skip(j).take(take) {
                    let y = top - 3.0 - lead * ((i - j) as f32 + 0.8);
                    self.text("F1", st.size, row.xs[k] + self.pad(), y, l);
                }
            }
            self.y = top - take as f32 * lead - 6.0;
            self.rule(left, self.y, right, self.y);
            for x in &row.xs {
                self.rule(*x, self.y, *x, top);
            }
            j += take;
            if j < n {
                self.break_table(header);
            }
        }
    }
}

fn render_pdf(blocks: &[Block], st: &Style) -> Vec<u8> {
    let mut w = Writer {
        st,
        pages: Vec::new(),
        ops: Vec::new(),
        y: st.page.1 - st.margin,
        tables: 0,
    };
    for b in blocks {
        w.block(b);
    }
    w.new_page();
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = |name: &str| dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name.to_string(), "Encoding" => "WinAnsiEncoding" };
    let f1 = doc.add_object(font(st.font));
    let f2 = doc.add_object(font(st.bold));
    let resources =
        doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } });
    let mut kids: Vec<Object> = Vec::new();
    for ops in w.pages {
        let data = Content { operations: ops }.encode().unwrap_or_default();
        let content = doc.add_object(Stream::new(dictionary! {}, data));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), st.page.0.into(), st.page.1.into()],
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn fields(d: &Document) -> Value {
    json!({
        "service": d.service, "published": d.published, "fieldwork_start": d.fieldwork_start,
        "overall": [d.overall.stated, d.overall.computed, d.overall.computed_score],
        "standards": d.standards.iter().map(|s| json!([s.id, s.stated, s.ratings.summary, s.ratings.body, s.ratings.annex,
            s.key_questions.iter().map(|k| json!([k.id, k.text, k.percent])).collect::<Vec<_>>()])).collect::<Vec<_>>(),
        "recommendations": d.recommendations.iter().map(|r| json!([r.number, r.addressee, r.text])).collect::<Vec<_>>(),
        "count": d.stated_recommendation_count,
        "samples": [d.samples.court, d.samples.out_of_court],
        "findings": d.findings.iter().map(|f| json!([f.rule, f.standard, f.message])).collect::<Vec<_>>(),
    })
}

fn extract(name: &str, bytes: &[u8]) -> Document {
    let a = analyse(name, bytes, &ReadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    document(&a)
}

/// Eight layouts: fonts, page sizes, margins and sizes vary, so the page breaks fall
/// elsewhere in each; every kind of rules, repeated headers and split rows is combined.
fn styles() -> Vec<Style> {
    let fonts = [
        ("Helvetica", "Helvetica-Bold", 0.56),
        ("Times-Roman", "Times-Bold", 0.5),
        ("Courier", "Courier-Bold", 0.6),
    ];
    let pages = [(595.0, 842.0), (612.0, 792.0), (420.0, 595.0)];
    let rules = [Rules::Filled, Rules::Stroked, Rules::None];
    (0..8)
        .map(|k: usize| {
            let (font, bold, em) = fonts[k % 3];
            Style {
                font,
                bold,
                em,
                size: [10.0, 11.0, 9.0, 12.0, 10.5, 9.5, 11.5, 10.0][k],
                page: pages[(k / 2) % 3],
                margin: [56.0, 72.0, 36.0, 40.0, 50.0, 64.0, 44.0, 60.0][k],
                right_col: [0.22, 0.3, 0.26, 0.35, 0.28, 0.24, 0.32, 0.3][k],
                rules: rules[k % 3],
                tagged_footer: k.is_multiple_of(2),
                repeat_header: k % 4 < 2,
                split_rows: (k / 2).is_multiple_of(2),
                seed: k * 5 + 1,
            }
        })
        .collect()
}

#[test]
fn other_fonts_page_sizes_and_rules_extract_like_the_text() {
    let mut failures = Vec::new();
    for (k, st) in styles().iter().enumerate() {
        let blocks = report(1000 + k as u64);
        let text = as_text(&blocks);
        let pdf = render_pdf(&blocks, st);
        let from_text = fields(&extract("r.txt", text.as_bytes()));
        let from_pdf = fields(&extract("r.pdf", &pdf));
        let (Some(a), Some(b)) = (from_pdf.as_object(), from_text.as_object()) else {
            panic!()
        };
        for (key, v) in b {
            if a.get(key) != Some(v) {
                failures.push(format!(
                    "style {k} ({} {}x{}, rules {}, header repeated {}, rows split {}): \
                     field {key}: pdf {:?} text {v}",
                    st.font,
                    st.page.0,
                    st.page.1,
                    ["filled", "stroked", "none"][k % 3],
                    st.repeat_header,
                    st.split_rows,
                    a.get(key)
                ));
            }
        }
        // And the text itself is read completely.
        let d = extract("r.txt", text.as_bytes());
        assert_eq!(
            d.standards.iter().filter(|s| s.stated.is_some()).count(),
            12
        );
        assert!(d.findings.is_empty(), "{:#?}", d.findings);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "writes /tmp/layout-N.pdf and .txt for inspection"]
fn dump_layouts() {
    for (k, st) in styles().iter().enumerate() {
        let blocks = report(1000 + k as u64);
        std::fs::write(format!("/tmp/layout-{k}.pdf"), render_pdf(&blocks, st))
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(format!("/tmp/layout-{k}.txt"), as_text(&blocks))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
