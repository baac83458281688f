//! Where rows go. Every output is first written to a hidden temporary file in its final
//! folder; only when every output is complete are they renamed into place. An interrupted
//! or failed run leaves the previous outputs (or none) and, at worst, a stray
//! `.hmip-dataset-*.partial` file: never a half-written CSV under its real name.

use super::rows::Processed;
use super::schema::{self, Cell, Row, Table};
use anyhow::Context;
use rusqlite::types::{ToSql, ToSqlOutput, Value};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A temporary file in the destination folder and the name it will get.
struct Pending {
    tmp: NamedTempFile,
    target: PathBuf,
}

fn pending(dir: &Path, name: &str) -> anyhow::Result<Pending> {
    let tmp = tempfile::Builder::new()
        .prefix(".hmip-dataset-")
        .suffix(".partial")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in the output folder {}", dir.display()))?;
    // Temporary files are private (0600); the outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    Ok(Pending {
        tmp,
        target: dir.join(name),
    })
}

impl Pending {
    fn writer(&self) -> anyhow::Result<BufWriter<File>> {
        let f = self
            .tmp
            .reopen()
            .with_context(|| format!("cannot write {}", self.tmp.path().display()))?;
        Ok(BufWriter::with_capacity(64 * 1024, f))
    }

    fn persist(self) -> anyhow::Result<()> {
        let target = self.target;
        self.tmp
            .persist(&target)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(())
    }
}

fn finish(w: BufWriter<File>) -> anyhow::Result<()> {
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all()?;
    Ok(())
}

struct CsvTable {
    pending: Pending,
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvTable {
    fn new(dir: &Path, t: &Table) -> anyhow::Result<Self> {
        let pending = pending(dir, &t.file_name())?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(pending.writer()?);
        writer.write_record(t.header())?;
        Ok(CsvTable { pending, writer })
    }

    fn write(&mut self, row: &Row) -> anyhow::Result<()> {
        self.writer
            .write_record(row.iter().map(|c| c.csv().into_owned()))?;
        Ok(())
    }

    fn finish(self) -> anyhow::Result<Pending> {
        let w = self.writer.into_inner().map_err(|e| e.into_error())?;
        finish(w)?;
        Ok(self.pending)
    }
}

impl ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Owned(Value::Null),
            Cell::Text(s) => ToSqlOutput::from(s.as_str()),
            Cell::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Cell::Num(n) => match n.as_i64() {
                Some(i) => ToSqlOutput::Owned(Value::Integer(i)),
                None => ToSqlOutput::Owned(n.as_f64().map_or(Value::Null, Value::Real)),
            },
            Cell::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
        })
    }
}

struct Sqlite {
    pending: Pending,
    conn: rusqlite::Connection,
}

impl Sqlite {
    fn new(file: &Path) -> anyhow::Result<Self> {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = file
            .file_name()
            .with_context(|| format!("--sqlite {}: not a file name", file.display()))?;
        let mut pending = pending(&dir, &name.to_string_lossy())?;
        pending.target = file.to_path_buf();
        let conn = rusqlite::Connection::open(pending.tmp.path())
            .with_context(|| format!("cannot create {}", pending.tmp.path().display()))?;
        // A fresh private file renamed into place only when complete: no journal needed.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
        )?;
        conn.execute_batch(&schema::create_sql())?;
        conn.execute_batch("BEGIN")?;
        Ok(Sqlite { pending, conn })
    }

    fn write(&mut self, t: &Table, row: &Row) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare_cached(&schema::insert_sql(t))?;
        stmt.execute(rusqlite::params_from_iter(row.iter()))
            .with_context(|| format!("cannot insert into the SQLite table {}", t.name))?;
        Ok(())
    }

    fn finish(self) -> anyhow::Result<Pending> {
        self.conn.execute_batch("COMMIT")?;
        self.conn.close().map_err(|(_, e)| e)?;
        File::open(self.pending.tmp.path())?.sync_all()?;
        Ok(self.pending)
    }
}

/// Every output of a run, open and being written.
pub struct Outputs {
    reports: CsvTable,
    standards: CsvTable,
    key_questions: CsvTable,
    recommendations: CsvTable,
    findings: CsvTable,
    jsonl: (Pending, BufWriter<File>),
    sqlite: Option<Sqlite>,
}

impl Outputs {
    /// Opens temporary files for every output in `dir` (created if missing), and the
    /// SQLite database if asked. Fails before any work if the folder is not writable.
    pub fn create(dir: &Path, sqlite: Option<&Path>) -> anyhow::Result<Self> {
        if dir.exists() && !dir.is_dir() {
            anyhow::bail!(
                "the output folder {} exists and is not a folder",
                dir.display()
            );
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
        let jsonl = pending(dir, "dataset.jsonl")?;
        let jw = jsonl.writer()?;
        Ok(Outputs {
            reports: CsvTable::new(dir, &schema::REPORTS)?,
            standards: CsvTable::new(dir, &schema::STANDARDS)?,
            key_questions: CsvTable::new(dir, &schema::KEY_QUESTIONS)?,
            recommendations: CsvTable::new(dir, &schema::RECOMMENDATIONS)?,
            findings: CsvTable::new(dir, &schema::FINDINGS)?,
            jsonl: (jsonl, jw),
            sqlite: sqlite.map(Sqlite::new).transpose()?,
        })
    }

    /// Writes one file's rows (in table order, so foreign keys hold).
    pub fn write(&mut self, p: &Processed) -> anyhow::Result<()> {
        let tables: [(&mut CsvTable, &Table, &[Row]); 5] = [
            (
                &mut self.reports,
                &schema::REPORTS,
                std::slice::from_ref(&p.report),
            ),
            (&mut self.standards, &schema::STANDARDS, &p.standards),
            (
                &mut self.key_questions,
                &schema::KEY_QUESTIONS,
                &p.key_questions,
            ),
            (
                &mut self.recommendations,
                &schema::RECOMMENDATIONS,
                &p.recommendations,
            ),
            (&mut self.findings, &schema::FINDINGS, &p.findings),
        ];
        for (csv, t, rows) in tables {
            for r in rows {
                csv.write(r)?;
                if let Some(db) = &mut self.sqlite {
                    db.write(t, r)?;
                }
            }
        }
        if let Some(j) = &p.json {
            self.jsonl.1.write_all(j.as_bytes())?;
            self.jsonl.1.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Completes every output, writes the extra files, then renames everything into place.
    pub fn commit(self, dir: &Path, extra: &[(&str, String)]) -> anyhow::Result<()> {
        let mut done = vec![
            self.standards.finish()?,
            self.key_questions.finish()?,
            self.recommendations.finish()?,
            self.findings.finish()?,
        ];
        let (jp, jw) = self.jsonl;
        finish(jw)?;
        done.push(jp);
        if let Some(db) = self.sqlite {
            done.push(db.finish()?);
        }
        for (name, text) in extra {
            let p = pending(dir, name)?;
            let mut w = p.writer()?;
            w.write_all(text.as_bytes())?;
            finish(w)?;
            done.push(p);
        }
        // reports.csv last: its appearance means the whole set is in place.
        done.push(self.reports.finish()?);
        for p in done {
            p.persist()?;
        }
        Ok(())
    }
}
