//! Tables: one line per row of a top-level table, cells joined by a TAB; a vertically
//! merged continuation cell stays as an empty cell; a nested table is flattened into
//! the enclosing cell.

use super::changes::Buf;
use super::xml::attr;
use super::{ChangeKind, Line, Origin};
use quick_xml::events::BytesStart;

#[derive(Debug, Default)]
struct Cell {
    buf: Buf,
    continuation: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    dropped: bool,
}

#[derive(Debug, Default)]
struct Table {
    /// 1-based number of a top-level table, 0 for a nested one.
    number: usize,
    rows: usize,
    row: Option<Row>,
    cell: Option<Cell>,
}

/// The open tables, innermost last.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    open: Vec<Table>,
    /// Top-level tables seen.
    count: usize,
    warned_nested: bool,
}

impl Tables {
    /// `w:tbl` start.
    pub(crate) fn open_table(&mut self, warnings: &mut Vec<String>) {
        let number = if self.open.is_empty() {
            self.count += 1;
            self.count
        } else {
            if !self.warned_nested {
                self.warned_nested = true;
                warnings.push("nested table flattened into its enclosing cell".to_string());
            }
            0
        };
        self.open.push(Table {
            number,
            ..Table::default()
        });
    }

    /// `w:tr` start.
    pub(crate) fn open_row(&mut self) {
        if let Some(t) = self.open.last_mut() {
            t.rows += 1;
            t.row = Some(Row::default());
            t.cell = None;
        }
    }

    /// `w:tc` start.
    pub(crate) fn open_cell(&mut self) {
        if let Some(t) = self.open.last_mut() {
            t.cell = Some(Cell::default());
        }
    }

    /// Whether the innermost table has a row open.
    pub(crate) fn in_row(&self) -> bool {
        self.open.last().is_some_and(|t| t.row.is_some())
    }

    /// Whether the innermost table has a cell open.
    pub(crate) fn in_cell(&self) -> bool {
        self.open.last().is_some_and(|t| t.cell.is_some())
    }

    /// Property `name` (element `e`) inside a `w:tcPr`.
    pub(crate) fn cell_property(&mut self, e: &BytesStart<'_>, name: &str) {
        if name == "vMerge" {
            let cont = attr(e, "val").as_deref() != Some("restart");
            if let Some(c) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                c.continuation = cont;
            }
        }
    }

    /// Property `name` inside a `w:trPr`: a row inserted or deleted as a tracked
    /// change, dropped when the change is not read.
    pub(crate) fn row_property(&mut self, name: &str, as_original: bool) {
        if matches!(name, "ins" | "del") && !ChangeKind::of_wrapper(name).kept(as_original) {
            if let Some(r) = self.open.last_mut().and_then(|t| t.row.as_mut()) {
                r.dropped = true;
            }
        }
    }

    /// A finished paragraph's text: joined (TABs as spaces) to the open cell of the
    /// innermost table if there is one, else given back.
    pub(crate) fn absorb(&mut self, mut buf: Buf) -> Option<Buf> {
        match self.open.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => {
                buf.tabs_to_spaces();
                cell.buf.append(buf, " ");
                None
            }
            None => Some(buf),
        }
    }

    /// `w:tc` end.
    pub(crate) fn close_cell(&mut self) {
        if let Some(t) = self.open.last_mut() {
            if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                row.cells.push(cell);
            }
        }
    }

    /// `w:tbl` end.
    pub(crate) fn close_table(&mut self) {
        self.open.pop();
    }

    /// `w:tr` end: the line of a row of a top-level table (a nested table's row goes
    /// into the enclosing cell); none for a dropped row or one without text.
    pub(crate) fn close_row(&mut self) -> Option<Line> {
        let nested = self.open.len() > 1;
        let table = self.open.last_mut()?;
        let row = table.row.take()?;
        if row.dropped
            || row
                .cells
                .iter()
                .all(|c| c.continuation || c.buf.text.is_empty())
        {
            return None;
        }
        let (number, row_no) = (table.number, table.rows);
        let sep = if nested { " " } else { "\t" };
        let mut line = Buf::default();
        for (i, cell) in row.cells.into_iter().enumerate() {
            if i > 0 {
                line.text.push_str(sep);
            }
            if !cell.continuation {
                // Cells are never empty-separated: push separators explicitly.
                line.put(cell.buf);
            }
        }
        if nested {
            let len = self.open.len();
            if let Some(cell) = self
                .open
                .get_mut(len.wrapping_sub(2))
                .and_then(|t| t.cell.as_mut())
            {
                let trimmed = line.text.trim_end().len();
                line.truncate(trimmed);
                cell.buf.append(line, " ");
            }
            return None;
        }
        Some(Line {
            text: line.text,
            origin: Origin::TableRow {
                table: number,
                row: row_no,
            },
            changes: line.changes,
            pieces: line.pieces,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::docx::test_support::{p, run, texts};
    use crate::docx::{Options, Origin};

    fn cell(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn grid_span_and_vertical_merge() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("Domain", "<w:gridSpan w:val=\"2\"/>"),
            cell("Rating", ""),
            cell("A", "<w:vMerge w:val=\"restart\"/>"),
            cell("B", ""),
            cell("X", "<w:vMerge w:val=\"restart\"/>"),
            cell("", "<w:vMerge/>"),
            cell("D", ""),
            cell("ignored", "<w:vMerge w:val=\"continue\"/>"),
            cell("", "<w:vMerge/>"),
            cell("F", ""),
            cell("", "<w:vMerge/>"),
        );
        let x = run(&body, &[], &Options::default());
        assert_eq!(texts(&x), ["Domain\tRating", "A\tB\tX", "\tD\t", "\tF\t"]);
        assert_eq!(x.lines[3].origin, Origin::TableRow { table: 1, row: 4 });
    }

    #[test]
    fn cell_paragraphs_joined_by_space_and_nested_table_flattened() {
        let body = format!(
            "{}<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc><w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>",
            p("before"),
            p("2.2. Planning"),
            p("Planning is good."),
            cell("in1", ""),
            cell("in2", ""),
            cell("in3", ""),
            p("after inner"),
        )
        .replace("is good.</w:t>", "is </w:t><w:br/><w:t>x</w:t></w:r><w:r><w:br/><w:t>good.</w:t>");
        let x = run(&body, &[], &Options::default());
        assert_eq!(
            texts(&x),
            [
                "before",
                "2.2. Planning Planning is x good.\tin1 in2 in3 after inner"
            ]
        );
        assert_eq!(x.lines[1].origin, Origin::TableRow { table: 1, row: 1 });
        assert!(!x.warnings.is_empty());
    }
}
