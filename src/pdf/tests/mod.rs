//! Unit tests on tiny in-memory PDFs, and the fixture acceptance test.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, Stream, StringFormat};

use super::*;

mod acceptance;
mod notes;

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
    assert!(x
        .warnings
        .iter()
        .any(|w| w.message.contains("draws itself") && w.page == Some(1)));
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
