//! Where rows go. Every output of a run (the CSV tables, `dataset.jsonl`, `schema.md`,
//! `summary.md`, and the `--sqlite` database when it is named inside the output folder) is
//! written into a staging folder beside the output folder, which then replaces the output
//! folder as a whole ([`super::swap`]): a reader of `OUT/reports.csv` and its siblings sees
//! the complete set of one run, never tables of two runs side by side or a half-written
//! file. A `--sqlite` file elsewhere is atomic on its own: a temporary file beside it,
//! renamed into place after the folder is swapped.

use super::rows::Processed;
use super::schema::{self, Cell, Row, Table};
use super::swap::{self, Names, Staging, Target};
use anyhow::Context;
use rusqlite::types::{ToSql, ToSqlOutput, Value};
use std::ffi::OsString;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub use swap::Step;

/// `dataset.jsonl`, `schema.md`, `summary.md`: the output files that are not tables.
const OTHER_FILES: [&str; 3] = ["dataset.jsonl", "schema.md", "summary.md"];

fn create_file(dir: &Path, name: &str) -> anyhow::Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(BufWriter::with_capacity(64 * 1024, f))
}

fn finish(w: BufWriter<File>) -> anyhow::Result<()> {
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all()?;
    Ok(())
}

struct CsvTable {
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvTable {
    fn new(dir: &Path, t: &Table) -> anyhow::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(create_file(dir, &t.file_name())?);
        writer.write_record(t.header())?;
        Ok(CsvTable { writer })
    }

    fn write(&mut self, row: &Row) -> anyhow::Result<()> {
        self.writer
            .write_record(row.iter().map(|c| c.csv().into_owned()))?;
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        finish(self.writer.into_inner().map_err(|e| e.into_error())?)
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

/// Where the database is written.
enum DbPlace {
    /// Named inside the output folder: written in the staging folder, part of the set.
    InSet,
    /// Elsewhere: a temporary file beside it (locked while this run writes it), renamed
    /// into place after the set.
    Alone {
        tmp: NamedTempFile,
        target: PathBuf,
        _lock: Option<swap::Lock>,
    },
}

struct Sqlite {
    place: DbPlace,
    conn: rusqlite::Connection,
}

/// Removes the temporary database files of killed runs in `dir` (exactly
/// `.hmip-dataset-XXXXXX.partial`, and only when no live run holds their lock).
fn remove_dead_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        if e.file_type().is_ok_and(|t| t.is_file()) && swap::is_legacy_partial(&e.file_name()) {
            if let Some(_lock) = swap::try_lock(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

impl Sqlite {
    /// Opens the database at `path` (in the staging folder) or, for `Alone`, at a
    /// temporary file beside `file`.
    fn new(file: &Path, staged: Option<PathBuf>) -> anyhow::Result<Self> {
        let (place, path) = match staged {
            Some(p) => (DbPlace::InSet, p),
            None => {
                let dir = match file.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                remove_dead_partials(&dir);
                let tmp = tempfile::Builder::new()
                    .prefix(".hmip-dataset-")
                    .suffix(".partial")
                    .tempfile_in(&dir)
                    .with_context(|| format!("cannot write in {} (--sqlite)", dir.display()))?;
                // Temporary files are private (0600); the database is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(
                        tmp.path(),
                        std::fs::Permissions::from_mode(0o644),
                    );
                }
                let path = tmp.path().to_path_buf();
                let lock = swap::try_lock(&path);
                let place = DbPlace::Alone {
                    tmp,
                    target: file.to_path_buf(),
                    _lock: lock,
                };
                (place, path)
            }
        };
        let conn = rusqlite::Connection::open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        // A fresh private file put in place only when complete: no journal needed.
        // The application id marks the file as hmip's, so a later run may replace it.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; \
             PRAGMA application_id = {};",
            swap::SQLITE_APPLICATION_ID
        ))?;
        conn.execute_batch(&schema::create_sql())?;
        conn.execute_batch("BEGIN")?;
        Ok(Sqlite { place, conn })
    }

    fn write(&mut self, t: &Table, row: &Row) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare_cached(&schema::insert_sql(t))?;
        stmt.execute(rusqlite::params_from_iter(row.iter()))
            .with_context(|| format!("cannot insert into the SQLite table {}", t.name))?;
        Ok(())
    }

    /// Completes the database; what is left to do is `DbPlace::Alone`'s rename.
    fn finish(self) -> anyhow::Result<DbPlace> {
        let path = self.conn.path().map(PathBuf::from);
        self.conn.execute_batch("COMMIT")?;
        self.conn.close().map_err(|(_, e)| e)?;
        if let Some(p) = path {
            File::open(p)?.sync_all()?;
        }
        Ok(self.place)
    }
}

impl DbPlace {
    fn persist(self) -> anyhow::Result<()> {
        if let DbPlace::Alone { tmp, target, .. } = self {
            tmp.persist(&target)
                .map_err(|e| e.error)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        Ok(())
    }
}

/// Hooks for the kill tests of `hmip dataset`; not for other use.
#[doc(hidden)]
#[derive(Default)]
pub struct TestHooks {
    /// Swap the folder by two renames even where it can be exchanged in one step.
    pub no_exchange: bool,
    /// Called at each step of the commit.
    pub at: Option<Box<dyn Fn(Step)>>,
}

/// Every output of a run, open and being written.
pub struct Outputs {
    staging: Staging,
    names: Names,
    reports: CsvTable,
    standards: CsvTable,
    key_questions: CsvTable,
    recommendations: CsvTable,
    findings: CsvTable,
    jsonl: BufWriter<File>,
    sqlite: Option<Sqlite>,
    notes: Vec<String>,
    hooks: TestHooks,
}

/// Where `--sqlite FILE` goes: `Some(name)` when FILE is directly inside the output
/// folder (then it is one of the set's files), `None` when elsewhere.
fn db_in_set(out: &Target, file: &Path) -> anyhow::Result<Option<OsString>> {
    let resolved = swap::resolve(file)
        .with_context(|| format!("--sqlite {}: cannot find it", file.display()))?;
    let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
        anyhow::bail!("--sqlite {}: not a file name", file.display());
    };
    if parent == out.path() {
        let taken = schema::TABLES
            .iter()
            .map(|t| t.file_name())
            .chain(OTHER_FILES.map(String::from))
            .any(|n| name == n.as_str());
        if taken {
            anyhow::bail!(
                "--sqlite {}: that name is one of the dataset's own files",
                file.display()
            );
        }
        return Ok(Some(name.to_os_string()));
    }
    if resolved.starts_with(out.path()) {
        anyhow::bail!(
            "--sqlite {}: put the database directly in the output folder or outside it",
            file.display()
        );
    }
    Ok(None)
}

impl Outputs {
    /// Prepares a run writing into `dir` (its folder is created if missing): puts right
    /// what a killed run left, checks that `dir` is missing, empty or hmip's, and opens
    /// every output in a staging folder beside it. Fails before any work if it cannot.
    pub fn create(dir: &Path, sqlite: Option<&Path>) -> anyhow::Result<Self> {
        let target = Target::new(dir)?;
        let db_name = sqlite.map(|f| db_in_set(&target, f)).transpose()?.flatten();
        let names = Names::new(
            schema::TABLES
                .iter()
                .map(|t| OsString::from(t.file_name()))
                .chain(OTHER_FILES.map(OsString::from))
                .chain(db_name.clone()),
        );
        let notes = target.recover(&names)?;
        target.check_owned(&names)?;
        let staging = target.stage()?;
        let d = staging.dir().to_path_buf();
        let sqlite = match sqlite {
            Some(f) => Some(Sqlite::new(f, db_name.map(|n| d.join(n)))?),
            None => None,
        };
        Ok(Outputs {
            reports: CsvTable::new(&d, &schema::REPORTS)?,
            standards: CsvTable::new(&d, &schema::STANDARDS)?,
            key_questions: CsvTable::new(&d, &schema::KEY_QUESTIONS)?,
            recommendations: CsvTable::new(&d, &schema::RECOMMENDATIONS)?,
            findings: CsvTable::new(&d, &schema::FINDINGS)?,
            jsonl: create_file(&d, "dataset.jsonl")?,
            sqlite,
            staging,
            names,
            notes,
            hooks: TestHooks::default(),
        })
    }

    #[doc(hidden)]
    pub fn with_test_hooks(mut self, hooks: TestHooks) -> Self {
        self.hooks = hooks;
        self
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
            self.jsonl.write_all(j.as_bytes())?;
            self.jsonl.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Completes every output, writes the extra files (`schema.md`, `summary.md`), then
    /// swaps the whole set in as the output folder, and puts a database outside it in
    /// place. Returns notes for the user (leftovers kept because they hold files hmip did
    /// not write).
    pub fn commit(self, extra: &[(&str, String)]) -> anyhow::Result<Vec<String>> {
        let dir = self.staging.dir().to_path_buf();
        for t in [
            self.reports,
            self.standards,
            self.key_questions,
            self.recommendations,
            self.findings,
        ] {
            t.finish()?;
        }
        finish(self.jsonl)?;
        let db = self.sqlite.map(Sqlite::finish).transpose()?;
        for (name, text) in extra {
            let mut w = create_file(&dir, name)?;
            w.write_all(text.as_bytes())?;
            finish(w)?;
        }
        let at = |step| {
            if let Some(f) = &self.hooks.at {
                f(step);
            }
        };
        let mut notes = self.notes;
        notes.extend(
            self.staging
                .commit(&self.names, !self.hooks.no_exchange, &at)?,
        );
        if let Some(db) = db {
            db.persist()?;
        }
        Ok(notes)
    }
}
