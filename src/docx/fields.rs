//! Fields: a complex field (`w:fldChar` begin, instruction, separate, result, end) or a
//! simple one (`w:fldSimple`). Instructions are dropped, results kept, except the results
//! of page-number fields (`PAGE`, `NUMPAGES`, `SECTIONPAGES`).

#[derive(Debug, Clone, Copy, PartialEq)]
enum FieldKind {
    Complex,
    Simple,
}

#[derive(Debug)]
struct Field {
    kind: FieldKind,
    instr: String,
    in_result: bool,
    /// Text read now is dropped (instruction part, or a page-number result).
    hiding: bool,
}

impl Field {
    fn hides_result(&self) -> bool {
        let word = self
            .instr
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        matches!(word.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES")
    }
}

/// The open fields, innermost last (fields nest).
#[derive(Debug, Default)]
pub(crate) struct Fields {
    open: Vec<Field>,
    /// Number of open fields whose current text is dropped.
    hiding: usize,
}

impl Fields {
    /// Whether document text read now is dropped.
    pub(crate) fn hiding(&self) -> bool {
        self.hiding > 0
    }

    /// `w:fldSimple` start: its content is the result.
    pub(crate) fn begin_simple(&mut self, instr: String) {
        self.push(FieldKind::Simple, instr);
    }

    /// `w:fldSimple` end.
    pub(crate) fn end_simple(&mut self) {
        if let Some(i) = self.open.iter().rposition(|f| f.kind == FieldKind::Simple) {
            self.remove(i);
        }
    }

    /// A `w:fldChar` of type `char_type` (`begin`, `separate`, `end`).
    pub(crate) fn fld_char(&mut self, char_type: Option<&str>) {
        match char_type {
            Some("begin") => self.push(FieldKind::Complex, String::new()),
            Some("separate") => {
                if let Some(f) = self
                    .open
                    .iter_mut()
                    .rev()
                    .find(|f| f.kind == FieldKind::Complex)
                {
                    f.in_result = true;
                    let hiding = f.hides_result();
                    if f.hiding && !hiding {
                        self.hiding = self.hiding.saturating_sub(1);
                    } else if !f.hiding && hiding {
                        self.hiding += 1;
                    }
                    f.hiding = hiding;
                }
            }
            Some("end") => {
                if let Some(i) = self.open.iter().rposition(|f| f.kind == FieldKind::Complex) {
                    self.remove(i);
                }
            }
            _ => {}
        }
    }

    /// Text of a `w:instrText`: part of the innermost field's instruction.
    pub(crate) fn instruction(&mut self, s: &str) {
        if let Some(f) = self.open.last_mut() {
            if !f.in_result {
                f.instr.push_str(s);
            }
        }
    }

    fn push(&mut self, kind: FieldKind, instr: String) {
        let mut field = Field {
            kind,
            instr,
            in_result: kind == FieldKind::Simple,
            hiding: false,
        };
        field.hiding = !field.in_result || field.hides_result();
        if field.hiding {
            self.hiding += 1;
        }
        self.open.push(field);
    }

    fn remove(&mut self, i: usize) {
        if i < self.open.len() && self.open.remove(i).hiding {
            self.hiding = self.hiding.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::docx::test_support::{run, texts};
    use crate::docx::Options;

    #[test]
    fn fields_keep_results_but_not_page_numbers() {
        let body = concat!(
            "<w:p><w:r><w:t xml:space=\"preserve\">See </w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"http://x\" </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>the site</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:r><w:t xml:space=\"preserve\"> page </w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>40</w:t></w:r></w:fldSimple>",
            "<w:fldSimple w:instr=\"DATE\"><w:r><w:t>!</w:t></w:r></w:fldSimple></w:p>",
        );
        let x = run(body, &[], &Options::default());
        assert_eq!(texts(&x), ["See the site page !"]);
    }
}
