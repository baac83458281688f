//! The reader's warnings: each names its page, and a document of images alone is refused.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

use super::{helvetica, op, text_at};
use crate::pdf::{extract, Limits, PdfError};

/// Pages as raw content streams, with font /F1 (Helvetica) and image /Im1 (a 1x1 gray
/// pixel) in the shared resources.
fn build(pages: Vec<Vec<u8>>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(helvetica());
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![128],
    ));
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
        "XObject" => dictionary! { "Im1" => image_id },
    });
    let mut kids: Vec<Object> = Vec::new();
    for data in pages {
        let content_id = doc.add_object(Stream::new(dictionary! {}, data));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save test pdf");
    out
}

fn encode(ops: Vec<Operation>) -> Vec<u8> {
    Content { operations: ops }.encode().unwrap_or_default()
}

fn image_page() -> Vec<u8> {
    encode(vec![
        op("q", vec![]),
        op(
            "cm",
            vec![
                500.into(),
                0.into(),
                0.into(),
                700.into(),
                40.into(),
                60.into(),
            ],
        ),
        op("Do", vec!["Im1".into()]),
        op("Q", vec![]),
    ])
}

#[test]
fn images_without_text_are_no_text_layer() {
    let pdf = build(vec![image_page(), image_page()]);
    let err = extract(&pdf, &Limits::default()).expect_err("a scan has no text");
    assert!(matches!(err, PdfError::NoTextLayer), "{err}");
    assert_eq!(
        err.to_string(),
        "no text layer (scanned images?): run OCR first"
    );
    // An empty page with neither text nor images is not taken for a scan.
    assert!(!matches!(
        extract(&build(vec![Vec::new()]), &Limits::default()),
        Err(PdfError::NoTextLayer)
    ));
}

#[test]
fn each_warning_names_its_page() {
    // Page 1 reads well; page 2 is a scanned page; page 3 uses a font it does not have
    // and has a damaged stretch; page 4 shows a code its encoding leaves undefined.
    let good = encode(text_at(72.0, 700.0, 12.0, "Readable text"));
    let mut missing_font = encode(vec![
        op("BT", vec![]),
        op("Tf", vec!["F9".into(), 12.into()]),
        op("Td", vec![72.into(), 700.into()]),
        op("Tj", vec![super::s("lost")]),
        op("ET", vec![]),
    ]);
    missing_font.extend_from_slice(b"\n) ] 1 0 0 RG\n");
    let mut undefined = text_at(72.0, 700.0, 12.0, "ok");
    undefined.extend(text_at(
        72.0,
        680.0,
        12.0,
        "\u{1}\u{2}", // codes 1 and 2: undefined in WinAnsiEncoding
    ));
    let pdf = build(vec![good, image_page(), missing_font, encode(undefined)]);
    let x = extract(&pdf, &Limits::default()).expect("extract");
    let on = |p: u32| -> Vec<&str> {
        x.warnings
            .iter()
            .filter(|w| w.page == Some(p))
            .map(|w| w.message.as_str())
            .collect()
    };
    assert!(on(1).is_empty(), "{:?}", on(1));
    assert!(
        on(2).iter().any(|m| m.contains("images but no text")),
        "{:?}",
        on(2)
    );
    assert!(
        on(3)
            .iter()
            .any(|m| m.contains("font /F9 is not in the page resources")),
        "{:?}",
        on(3)
    );
    assert!(on(3).iter().any(|m| m.contains("damaged")), "{:?}", on(3));
    assert!(
        on(3)
            .iter()
            .any(|m| m.contains("glyphs could not be decoded")),
        "{:?}",
        on(3)
    );
    assert_eq!(
        on(4),
        ["2 glyphs could not be decoded to text (shown as U+FFFD)"]
    );
    assert!(x.warnings.iter().all(|w| !w.message.starts_with("page ")));
    assert!(x.lines.iter().any(|l| l.text == "Readable text"));
}
