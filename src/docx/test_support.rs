//! Helpers shared by the unit tests of the Word reader: a `word/document.xml` around a
//! body, a one-run paragraph, extraction of a built package.

use super::testkit::build_test_docx;
use super::xml::MC_NS;
use super::{extract, Extracted, Options};

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(crate) fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="{MC_NS}"><w:body>{body}</w:body></w:document>"#
    )
}

pub(crate) fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

pub(crate) fn texts(x: &Extracted) -> Vec<&str> {
    x.lines.iter().map(|l| l.text.as_str()).collect()
}

pub(crate) fn run(body: &str, parts: &[(&str, &str)], opts: &Options) -> Extracted {
    extract(&build_test_docx(&doc(body), parts), opts).expect("extract")
}

pub(crate) fn tracked_table() -> String {
    concat!(
        "<w:tbl><w:tr>",
        "<w:tc><w:p><w:r><w:t>1.1</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">Rated </w:t></w:r>",
        "<w:del w:id=\"1\" w:author=\"Ann\" w:date=\"2019-07-01T00:00:00Z\"><w:r><w:delText>Good</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\" w:author=\"Bob\" w:date=\"2019-07-02T00:00:00Z\"><w:r><w:t>Requires</w:t></w:r><w:r><w:t xml:space=\"preserve\"> improvement</w:t></w:r></w:ins>",
        "</w:p></w:tc></w:tr></w:tbl>"
    )
    .to_string()
}
