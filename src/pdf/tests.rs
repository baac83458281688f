//! Unit tests on tiny in-memory PDFs, and the fixture acceptance test.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, Stream, StringFormat};

use super::*;

// ---------------------------------------------------------------------------------------
// Tiny PDF builder
// ---------------------------------------------------------------------------------------

/// A one-font document: `pages` are content streams; `font` the font dictionary.
fn build_pdf(font: Dictionary, pages: Vec<Vec<Operation>>) -> Vec<u8> {
    build_pdf_streams(
        font,
        pages
            .into_iter()
            .map(|ops| Content { operations: ops }.encode().unwrap_or_default())
            .collect(),
        false,
    )
}

fn build_pdf_streams(font: Dictionary, pages: Vec<Vec<u8>>, compress: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(font);
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids: Vec<Object> = Vec::new();
    for data in pages {
        let stream = if compress {
            let mut s = Stream::new(dictionary! {}, data);
            let _ = s.compress();
            s
        } else {
            Stream::new(dictionary! {}, data)
        };
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save test pdf");
    out
}

fn helvetica() -> Dictionary {
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    }
}

fn op(name: &str, operands: Vec<Object>) -> Operation {
    Operation::new(name, operands)
}

fn s(text: &str) -> Object {
    Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
}

fn text_at(x: f64, y: f64, size: f64, text: &str) -> Vec<Operation> {
    vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), size.into()]),
        op("Td", vec![x.into(), y.into()]),
        op("Tj", vec![s(text)]),
        op("ET", vec![]),
    ]
}

fn texts(x: &Extracted) -> Vec<&str> {
    x.lines.iter().map(|l| l.text.as_str()).collect()
}

// ---------------------------------------------------------------------------------------
// Unit tests
// ---------------------------------------------------------------------------------------

#[test]
fn tj_kerning_and_word_space_offsets() {
    // Small kerning offsets stay inside words; -278 (a Helvetica space) separates them.
    let ops = vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 10.into()]),
        op("Td", vec![72.into(), 700.into()]),
        op(
            "TJ",
            vec![Object::Array(vec![
                s("Wo"),
                Object::Integer(15),
                s("rd"),
                Object::Integer(-278),
                s("spa"),
                Object::Integer(-3),
                s("cing"),
                Object::Integer(-278),
                s("test"),
            ])],
        ),
        op("ET", vec![]),
    ];
    let pdf = build_pdf(helvetica(), vec![ops]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(texts(&x), vec!["Word spacing test"]);
    assert_eq!(x.undecoded_glyphs, 0);
}

#[test]
fn differences_encoding_with_glyph_names() {
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![
                65.into(), "quoteright".into(), "bullet".into(),
                67.into(), "uni00E9".into(), "g123".into(),
            ],
        },
    };
    // A -> ’, B -> •, C -> é, D -> unknown glyph name.
    let pdf = build_pdf(font, vec![text_at(72.0, 700.0, 12.0, "caf C x A y D")]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(texts(&x), vec!["caf é x ’ y \u{FFFD}"]);
    assert_eq!(x.undecoded_glyphs, 1);
}

#[test]
fn artifact_footer_is_dropped() {
    let mut ops = text_at(72.0, 700.0, 12.0, "Body text");
    ops.push(op(
        "BDC",
        vec![
            "Artifact".into(),
            dictionary! { "Type" => "Pagination" }.into(),
        ],
    ));
    ops.extend(text_at(72.0, 40.0, 9.0, "Running footer 7"));
    ops.push(op("EMC", vec![]));
    let pdf = build_pdf(helvetica(), vec![ops]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(texts(&x), vec!["Body text"]);
}

/// A ruled two-cell row: left cell wraps over two lines, right cell holds a rating
/// wrapped in two lines too.
fn ruled_row_ops() -> Vec<Operation> {
    let mut ops = vec![
        // Rules: top and bottom of the row, left, middle and right borders.
        op(
            "re",
            vec![70.into(), 600.into(), 460.into(), Object::Real(0.5)],
        ),
        op(
            "re",
            vec![70.into(), 640.into(), 460.into(), Object::Real(0.5)],
        ),
        op("f", vec![]),
        op("m", vec![70.into(), 600.into()]),
        op("l", vec![70.into(), 640.into()]),
        op("m", vec![400.into(), 600.into()]),
        op("l", vec![400.into(), 640.into()]),
        op("m", vec![530.into(), 600.into()]),
        op("l", vec![530.into(), 640.into()]),
        op("S", vec![]),
    ];
    ops.extend(text_at(
        75.0,
        628.0,
        11.0,
        "2.1.1. Does assessment sufficiently analyse how to",
    ));
    ops.extend(text_at(75.0, 614.0, 11.0, "support desistance?"));
    ops.extend(text_at(405.0, 628.0, 11.0, "Requires"));
    ops.extend(text_at(405.0, 614.0, 11.0, "improvement"));
    ops
}

#[test]
fn ruled_table_row_with_wrapped_cells_is_one_line() {
    let mut ops = text_at(72.0, 700.0, 12.0, "Heading paragraph.");
    ops.extend(ruled_row_ops());
    let pdf = build_pdf(helvetica(), vec![ops]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(
        texts(&x),
        vec![
            "Heading paragraph.",
            "",
            "2.1.1. Does assessment sufficiently analyse how to support desistance?\tRequires improvement",
        ]
    );
}

#[test]
fn paragraph_lines_hyphen_bullets_and_footnote_digits() {
    let mut ops = text_at(72.0, 700.0, 12.0, "We looked at out-of-");
    ops.extend(text_at(72.0, 686.0, 12.0, "court work with the public"));
    // Superscript footnote digit: smaller and raised.
    ops.extend(vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 7.into()]),
        op("Td", vec![Object::Real(230.0), 690.into()]),
        op("Tj", vec![s("1")]),
        op("ET", vec![]),
    ]);
    ops.extend(text_at(236.0, 686.0, 12.0, "today."));
    // A new paragraph after a larger gap, and a bullet item (WinAnsi 0x95).
    ops.extend(text_at(72.0, 650.0, 12.0, "Second paragraph."));
    ops.push(op("BT", vec![]));
    ops.push(op("Tf", vec!["F1".into(), 12.into()]));
    ops.push(op("Td", vec![72.into(), 636.into()]));
    ops.push(op(
        "Tj",
        vec![Object::String(b"\x95".to_vec(), StringFormat::Literal)],
    ));
    ops.push(op("Td", vec![18.into(), 0.into()]));
    ops.push(op("Tj", vec![s("Bullet item")]));
    ops.push(op("ET", vec![]));
    let pdf = build_pdf(helvetica(), vec![ops]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(
        texts(&x),
        vec![
            "We looked at out-of-court work with the public today.",
            "",
            "Second paragraph.",
            "",
            "- Bullet item",
        ]
    );
}

#[test]
fn flate_stream_over_limit_is_limit_exceeded() {
    // 200 KB of content compresses to a few hundred bytes.
    let mut data = Vec::new();
    while data.len() < 200_000 {
        data.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (padding) Tj ET\n");
    }
    let pdf = build_pdf_streams(helvetica(), vec![data], true);
    let limits = Limits {
        max_stream_bytes: 100_000,
        ..Limits::default()
    };
    match extract(&pdf, &limits) {
        Err(PdfError::LimitExceeded { limit, .. }) => assert_eq!(limit, 100_000),
        other => panic!("expected LimitExceeded, got {other:?}"),
    }
    // With the default limits the same file reads.
    assert!(extract(&pdf, &Limits::default()).is_ok());
}

#[test]
fn operator_limit_is_enforced() {
    let ops: Vec<Operation> = (0..500)
        .flat_map(|_| text_at(72.0, 700.0, 12.0, "x"))
        .collect();
    let pdf = build_pdf(helvetica(), vec![ops]);
    let limits = Limits {
        max_ops_per_page: 100,
        ..Limits::default()
    };
    assert!(matches!(
        extract(&pdf, &limits),
        Err(PdfError::LimitExceeded {
            what: "operators per page",
            ..
        })
    ));
}

#[test]
fn page_tree_cycle_is_an_error_not_a_hang() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let inner_id = doc.new_object_id();
    // Root /Pages -> inner /Pages -> back to root.
    doc.objects.insert(
        inner_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![pages_id.into()], "Count" => 1, "Parent" => pages_id,
        }),
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![inner_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("save");
    let err = extract(&pdf, &Limits::default()).expect_err("cycle must fail");
    assert!(
        matches!(err, PdfError::Malformed(_) | PdfError::NoPages),
        "{err}"
    );
}

#[test]
fn form_xobject_drawing_itself_terminates() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(helvetica());
    let form_id = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font_id },
                "XObject" => dictionary! { "X1" => form_id },
            },
        },
        b"BT /F1 12 Tf 72 700 Td (In a form) Tj ET /X1 Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let content_id = doc.add_object(Stream::new(dictionary! {}, b"/X1 Do".to_vec()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("save");
    let x = extract(&pdf, &Limits::default()).expect("extract");
    assert_eq!(texts(&x), vec!["In a form"]);
    assert!(x.warnings.iter().any(|w| w.contains("draws itself")));
}

#[test]
fn garbage_and_truncated_input_are_errors() {
    assert!(matches!(
        extract(b"hello, this is not a pdf", &Limits::default()),
        Err(PdfError::NotPdf)
    ));
    assert!(extract(b"", &Limits::default()).is_err());
    assert!(extract(
        b"%PDF-1.7\n\x00\xff garbage [[[ << >> ]]",
        &Limits::default()
    )
    .is_err());
    let pdf = build_pdf(helvetica(), vec![text_at(72.0, 700.0, 12.0, "Hello")]);
    for cut in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 10] {
        // Must return (Ok or Err), never panic.
        let _ = extract(pdf.get(..cut).unwrap_or(&[]), &Limits::default());
    }
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'[', 100_000));
    pdf.extend(std::iter::repeat_n(b']', 100_000));
    pdf.extend_from_slice(b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    assert!(matches!(
        extract(&pdf, &Limits::default()),
        Err(PdfError::LimitExceeded {
            what: "object nesting depth",
            ..
        })
    ));
}

#[test]
fn tounicode_cmap_ranges_ligatures_and_codespace() {
    let cmap = cmap::parse_cmap(
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
          1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
          2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar\n\
          2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0078> <0079>] endbfrange\n\
          endcmap end end",
    );
    let mut out = String::new();
    for code in [0x20u32, 0x21, 0x22, 0x10, 0x30, 0x31, 0x03] {
        cmap.lookup_for_test(code, &mut out);
    }
    assert_eq!(out, "ABCfixy ");
    let mut none = String::new();
    assert!(!cmap.lookup_for_test(0x99, &mut none));
}

// ---------------------------------------------------------------------------------------
// Fixture acceptance: the five generated reports
// ---------------------------------------------------------------------------------------

const RATINGS: [&str; 4] = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .trim_end_matches(['\t', ' '])
        .to_string()
}

/// "1.1", "2.1.1." ...: `levels` numbers, with or without a trailing dot.
fn is_id(s: &str, levels: usize, dot: bool) -> bool {
    let core = if dot {
        match s.strip_suffix('.') {
            Some(c) => c,
            None => return false,
        }
    } else {
        s
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == levels
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
}

struct Check {
    name: &'static str,
    ok: usize,
    total: usize,
    detail: Vec<String>,
}

/// A PDF's lines and the report text it was made from, normalised.
struct Texts {
    excerpt: bool,
    faithful: Vec<String>,
    out: Vec<String>,
}

impl Texts {
    fn has(&self, l: &str) -> bool {
        self.out.iter().any(|o| o == l)
    }

    /// The faithful lines matching `want`, and those of them missing from the output.
    fn lines_check(&self, name: &'static str, want: impl Fn(&[&str]) -> bool) -> Check {
        let expected: Vec<&String> = self
            .faithful
            .iter()
            .filter(|l| want(&l.split('\t').collect::<Vec<_>>()))
            .collect();
        let missing: Vec<String> = expected
            .iter()
            .filter(|e| !self.has(e))
            .map(|e| e.to_string())
            .collect();
        Check {
            name,
            ok: expected.len() - missing.len(),
            total: expected.len(),
            detail: missing,
        }
    }
}

fn acceptance(stem: &str, report: &str, lines: &[String]) -> Vec<Check> {
    let t = Texts {
        excerpt: stem.contains("excerpt"),
        faithful: report.lines().map(norm).collect(),
        out: lines.iter().map(|l| norm(l)).collect(),
    };
    let mut checks = Vec::new();
    if !t.excerpt {
        checks.push(summary_rows(&t));
    }
    // 2a. Annex 2 key-question rows.
    checks.push(t.lines_check("annex kq rows", |c| {
        c.len() == 2
            && c[0].split(' ').next().is_some_and(|w| is_id(w, 3, true))
            && c[1].ends_with('%')
    }));
    checks.push(annex_standard_rows(&t));
    checks.push(split_ratings(&t));
    if !t.excerpt {
        // 3. Body standard headings: "2.1 Assessment<TAB>Good".
        checks.push(t.lines_check("body standard headings", |c| {
            c.len() == 2
                && c[0].split(' ').next().is_some_and(|w| is_id(w, 2, false))
                && RATINGS.contains(&c[1])
        }));
        checks.push(key_lines(&t));
    }
    checks.push(no_running_text(&t));
    checks
}

/// 1. Ratings summary rows (the first twelve "1.1<TAB>Name<TAB>Rating" lines).
fn summary_rows(t: &Texts) -> Check {
    let expected: Vec<&String> = t
        .faithful
        .iter()
        .filter(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            c.len() == 3 && is_id(c[0], 2, false) && RATINGS.contains(&c[2])
        })
        .take(12)
        .collect();
    let missing: Vec<String> = expected
        .iter()
        .filter(|e| !t.has(e))
        .map(|e| e.to_string())
        .collect();
    Check {
        name: "summary rows",
        ok: expected.len() - missing.len(),
        total: expected.len(),
        detail: missing,
    }
}

/// 2b. Annex standard rows carry their rating in the last cell.
fn annex_standard_rows(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let annex_at = faithful
        .iter()
        .position(|l| l.starts_with("Annex 2 "))
        .unwrap_or(0);
    let out_annex_at = out
        .iter()
        .rposition(|l| l.starts_with("Annex 2 "))
        .unwrap_or(0);
    let mut expected = Vec::new();
    for l in faithful.iter().skip(annex_at) {
        let l2 = l.replace("<p>", "");
        let id = l2.split(' ').next().unwrap_or("");
        let last = l2.rsplit('\t').next().unwrap_or("");
        if is_id(id, 2, true) && l2.contains('\t') && RATINGS.contains(&last) {
            if t.excerpt && id.starts_with("1.") {
                continue;
            }
            expected.push((id.to_string(), last.to_string()));
        }
    }
    let missing: Vec<String> = expected
        .iter()
        .filter(|(id, rating)| {
            !out.iter()
                .skip(out_annex_at)
                .any(|o| o.starts_with(&format!("{id} ")) && o.ends_with(&format!("\t{rating}")))
        })
        .map(|(id, r)| format!("{id} … {r}"))
        .collect();
    Check {
        name: "annex standard rows",
        ok: expected.len() - missing.len(),
        total: expected.len(),
        detail: missing,
    }
}

/// No rating split over two lines or cut inside a word.
fn split_ratings(t: &Texts) -> Check {
    let split: Vec<String> = t
        .out
        .iter()
        .filter(|o| {
            o.as_str() == "Requires"
                || o.starts_with("improvement")
                || o.ends_with("\tRequires")
                || o.contains("improveme nt")
                || o.contains("improve ment")
        })
        .cloned()
        .collect();
    Check {
        name: "split ratings (want 0)",
        ok: usize::from(split.is_empty()),
        total: 1,
        detail: split,
    }
}

/// 4. Overall rating, Service, Fieldwork, sample sentences, recommendations.
fn key_lines(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let mut items: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let overall = out.iter().enumerate().any(|(i, o)| {
        o == "Overall rating"
            && out
                .iter()
                .skip(i + 1)
                .find(|n| !n.is_empty())
                .is_some_and(|n| RATINGS.contains(&n.as_str()))
    });
    items.push("Overall rating".into());
    if !overall {
        missing.push("Overall rating + rating".into());
    }
    let rec_from = faithful
        .iter()
        .position(|l| l == "Recommendations")
        .unwrap_or(0);
    let rec_to = faithful
        .iter()
        .skip(rec_from)
        .position(|l| l == "Introduction")
        .map_or(rec_from, |p| rec_from + p);
    for (i, l) in faithful.iter().enumerate() {
        let rec = i > rec_from
            && i < rec_to
            && (l.ends_with(" should:")
                || l.split(' ').next().is_some_and(|w| {
                    w.ends_with('.') && w.len() <= 3 && w.starts_with(|c: char| c.is_ascii_digit())
                }));
        if l.starts_with("Service: ")
            || l.starts_with("Fieldwork started: ")
            || l.starts_with("We examined ")
            || rec
        {
            items.push(l.clone());
            // A numbered item must be complete on one line after its own number (the
            // WeasyPrint fixture numbers every item "1.": each is its own HTML list).
            let found = match l.split_once(". ") {
                Some((n, rest)) if rec && n.chars().all(|c| c.is_ascii_digit()) => {
                    out.iter().any(|o| {
                        o.split_once(". ").is_some_and(|(m, r)| {
                            r == rest && !m.is_empty() && m.chars().all(|c| c.is_ascii_digit())
                        })
                    })
                }
                _ => t.has(l),
            };
            if !found {
                missing.push(l.clone());
            }
        }
    }
    Check {
        name: "key lines (overall, service, recs…)",
        ok: items.len() - missing.len(),
        total: items.len(),
        detail: missing,
    }
}

/// Check 5: no running footers, page numbers or glued footnote digits (bare numbers that
/// the report does not have as a line of their own).
fn no_running_text(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let mut bad: Vec<String> = out
        .iter()
        .filter(|o| {
            o.contains("Inspection of youth offending services:")
                || (!o.is_empty() && o.chars().all(|c| c.is_ascii_digit()) && !faithful.contains(o))
        })
        .cloned()
        .collect();
    let joined_out = out.join("\n");
    let joined_faithful = faithful.join("\n");
    let sup = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];
    let mut words: Vec<String> = Vec::new();
    for token in joined_faithful.split_whitespace() {
        if let Some(p) = token.find(sup) {
            let w = token.get(..p).unwrap_or("");
            if w.len() >= 3 {
                words.push(w.to_string());
            }
        }
    }
    words.sort();
    words.dedup();
    for w in &words {
        // Short lines ending in the match are table-of-contents entries ("services.16").
        let glued = |t: &str| {
            t.lines()
                .filter(|l| l.len() > 60 || !l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
                .map(|l| {
                    (0..10)
                        .map(|d| l.matches(&format!("{w}{d}")).count())
                        .sum::<usize>()
                })
                .sum::<usize>()
        };
        if glued(&joined_out) > glued(&joined_faithful) {
            bad.push(format!("footnote digit glued to {w:?}"));
        }
    }
    Check {
        name: "footers/page numbers/footnote digits (want 0)",
        ok: usize::from(bad.is_empty()),
        total: 1,
        detail: bad,
    }
}

#[test]
fn fixture_acceptance() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let fixtures = [
        ("lancashire-yot-2019", "lancashire-yot-2019"),
        ("lancashire-yot-2019.calibri", "lancashire-yot-2019"),
        ("lancashire-yot-2019.winansi-excerpt", "lancashire-yot-2019"),
        ("leeds-yjs-2019", "leeds-yjs-2019"),
        ("leeds-yjs-2019.weasy", "leeds-yjs-2019"),
    ];
    let mut failures = Vec::new();
    for (stem, report) in fixtures {
        let pdf = std::fs::read(dir.join(format!("{stem}.pdf"))).expect("fixture pdf");
        let report = std::fs::read_to_string(dir.join(format!("{report}.report.txt")))
            .expect("fixture report text");
        let x = extract(&pdf, &Limits::default()).expect("fixture extracts");
        assert_eq!(x.undecoded_glyphs, 0, "{stem}");
        let lines: Vec<String> = x.lines.iter().map(|l| l.text.clone()).collect();
        println!("{stem} ({} pages, {} lines)", x.pages, lines.len());
        for c in acceptance(stem, &report, &lines) {
            println!("  {:<46} {:>3}/{:<3}", c.name, c.ok, c.total);
            for d in &c.detail {
                println!("      {}", d.chars().take(160).collect::<String>());
            }
            if c.ok != c.total {
                failures.push(format!("{stem}: {}", c.name));
            }
        }
    }
    assert!(failures.is_empty(), "acceptance failures: {failures:?}");
}
