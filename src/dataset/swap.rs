//! Replacing the output folder as a whole, so that a reader of `OUT/reports.csv` and its
//! sibling tables always sees the complete set of one run.
//!
//! A run writes every output into a staging folder beside OUT (same parent, so the same
//! file system) and then swaps it in:
//! - on Linux, `renameat2(RENAME_EXCHANGE)` exchanges the staging folder and OUT in one
//!   step; the previous set, now under the staging name, is then removed;
//! - where exchange is unavailable (another system, or a file system without it), OUT is
//!   renamed to a backup name, the staging folder to OUT, and the backup removed. A run
//!   killed between those two renames leaves no OUT but a complete backup, which the next
//!   run renames back to OUT before anything else.
//!
//! Only a folder hmip wrote is replaced: one that is missing, empty, or holds nothing but
//! the files of a dataset (the tables, `dataset.jsonl`, `schema.md` with hmip's heading,
//! `summary.md`, SQLite databases with hmip's `application_id`) and leftovers of earlier
//! runs. Anything
//! else is refused before any work, so a user's own files are never moved or deleted.
//!
//! Leftovers of a killed run are named `.hmip-dataset.<OUT's name>.<6 of [0-9a-z]>.tmp`
//! (a staging folder, or the previous set after an exchange) or `… .old` (a backup). A
//! running hmip holds an advisory lock (`flock`) on the folders it is working with; a later
//! run removes, or restores, only leftovers of that exact pattern whose lock it can take,
//! so it never disturbs a run still going, and it removes only files of the names above.

use anyhow::Context;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// A point in the commit where a test may stop the process (see `TestHooks` in `sink`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Every output is written and synced in the staging folder; OUT is untouched.
    BeforeSwap,
    /// After the first rename of the commit: with exchange, OUT holds the new set and the
    /// previous one is still under the staging name; without, OUT has just been renamed to
    /// its backup name.
    MidSwap,
}

/// `schema.md` of an hmip dataset starts with this line (what marks a folder as hmip's).
const SCHEMA_HEADING: &[u8] = b"# hmip dataset schema\n";

/// What a leftover beside OUT is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A staging folder, or the previous set after an exchange: removed.
    Tmp,
    /// A backup of OUT made without exchange: restored if OUT is missing, else removed.
    Old,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Tmp => ".tmp",
            Kind::Old => ".old",
        }
    }
}

/// The names of the files a dataset folder may hold.
#[derive(Debug, Clone)]
pub(crate) struct Names(Vec<OsString>);

impl Names {
    pub(crate) fn new(names: impl IntoIterator<Item = OsString>) -> Self {
        Names(names.into_iter().collect())
    }

    /// A dataset file, an SQLite database hmip wrote, or a temporary file of an earlier
    /// hmip (`.hmip-dataset-XXXXXX.partial`).
    fn owns(&self, dir: &Path, name: &OsStr) -> bool {
        self.0.iter().any(|n| n == name)
            || is_legacy_partial(name)
            || is_hmip_sqlite(&dir.join(name))
    }
}

/// The `application_id` in the header of every SQLite database hmip writes ("hmip").
pub(crate) const SQLITE_APPLICATION_ID: i32 = 0x686d_6970;

/// An SQLite database with hmip's `application_id` (bytes 68..72 of its header).
fn is_hmip_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 72];
    let read = File::open(path).and_then(|mut f| io::Read::read_exact(&mut f, &mut head));
    read.is_ok()
        && head.starts_with(b"SQLite format 3\0")
        && head.get(68..72) == Some(&SQLITE_APPLICATION_ID.to_be_bytes()[..])
}

/// `.hmip-dataset-` + 6 ASCII letters or digits + `.partial`: the temporary files of the
/// SQLite database (and, before folders were swapped, of every table).
pub(crate) fn is_legacy_partial(name: &OsStr) -> bool {
    name.as_encoded_bytes()
        .strip_prefix(b".hmip-dataset-")
        .and_then(|r| r.strip_suffix(b".partial"))
        .is_some_and(|r| r.len() == 6 && r.iter().all(u8::is_ascii_alphanumeric))
}

/// Six random characters of `[0-9a-z]`.
fn random6() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    let mut n = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from_digit((n % 36) as u32, 36).unwrap_or('0');
            n /= 36;
            c
        })
        .collect()
}

/// An advisory lock held on a folder or file while this process works with it.
pub(crate) struct Lock(#[allow(dead_code)] Option<File>);

/// Takes the lock on `path` if free. `None`: another live process holds it. Where locks
/// do not work (the path cannot be opened for it, or the file system refuses them), the
/// lock counts as free: a leftover is then taken to be dead.
pub(crate) fn try_lock(path: &Path) -> Option<Lock> {
    let Ok(f) = File::open(path) else {
        return Some(Lock(None));
    };
    match f.try_lock() {
        Ok(()) => Some(Lock(Some(f))),
        Err(fs::TryLockError::WouldBlock) => None,
        Err(fs::TryLockError::Error(_)) => Some(Lock(None)),
    }
}

/// Waits for the lock on `path` (a folder this process just made).
fn lock(path: &Path) -> Lock {
    match File::open(path) {
        Ok(f) => {
            let held = f.lock().is_ok();
            Lock(held.then_some(f))
        }
        Err(_) => Lock(None),
    }
}

/// Flushes a folder's entries to disk (best effort: some systems cannot sync a folder).
fn sync_dir(path: &Path) {
    if let Ok(f) = File::open(path) {
        let _ = f.sync_all();
    }
}

/// The same file or folder (device and inode), where that can be told.
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Removes the dataset files in `dir`, then `dir` if that left it empty. `Ok(false)`: it
/// holds something else, and was kept.
fn remove_set(dir: &Path, names: &Names) -> io::Result<bool> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    for e in entries {
        let e = e?;
        if e.file_type()?.is_file() && names.owns(dir, &e.file_name()) {
            match fs::remove_file(e.path()) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
    }
    match fs::remove_dir(dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => Ok(false),
        Err(e) => Err(e),
    }
}

/// Why a folder is not hmip's, if it is not.
fn foreign(dir: &Path, names: &Names) -> io::Result<Option<String>> {
    let mut others = Vec::new();
    let mut tables = false;
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name();
        if e.file_type()?.is_file() && names.owns(dir, &name) {
            tables |= !is_legacy_partial(&name);
        } else {
            others.push(name.to_string_lossy().into_owned());
        }
    }
    if !others.is_empty() {
        others.sort();
        let more = others.len().saturating_sub(3);
        others.truncate(3);
        let mut list = others.join(", ");
        if more > 0 {
            list.push_str(&format!(" and {more} more"));
        }
        return Ok(Some(format!(
            "it holds files hmip dataset does not write ({list})"
        )));
    }
    if tables {
        let mut head = [0u8; SCHEMA_HEADING.len()];
        let heading = File::open(dir.join("schema.md"))
            .and_then(|mut f| io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && head == SCHEMA_HEADING;
        if !heading {
            return Ok(Some("it has no schema.md written by hmip dataset".into()));
        }
    }
    Ok(None)
}

/// Exchanges two paths in one step. `Ok(false)`: this system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// The output folder: where it is, and the leftovers beside it.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// OUT with links followed: the folder that is replaced.
    path: PathBuf,
    parent: PathBuf,
    /// `.hmip-dataset.<OUT's name>.`: the start of every leftover's name.
    prefix: OsString,
}

/// `path` made absolute, with every link in its existing part followed.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let abs = std::path::absolute(path)?;
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => Ok(resolve(parent)?.join(name)),
        _ => Ok(abs),
    }
}

impl Target {
    /// Resolves OUT, creating the folder that holds it if missing. Fails if OUT is not a
    /// folder.
    pub(crate) fn new(out: &Path) -> anyhow::Result<Self> {
        match fs::metadata(out) {
            Ok(m) if !m.is_dir() => anyhow::bail!(
                "the output folder {} exists and is not a folder",
                out.display()
            ),
            Ok(_) => {}
            Err(_) if fs::symlink_metadata(out).is_ok() => {
                anyhow::bail!("the output folder {} is a link to nothing", out.display())
            }
            Err(_) => {
                if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                    fs::create_dir_all(parent).with_context(|| {
                        format!("cannot create the output folder {}", out.display())
                    })?;
                }
            }
        }
        let path = resolve(out)
            .with_context(|| format!("cannot find the output folder {}", out.display()))?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            anyhow::bail!(
                "cannot replace {}: choose a folder inside it",
                path.display()
            );
        };
        let mut prefix = OsString::from(".hmip-dataset.");
        prefix.push(name);
        prefix.push(".");
        Ok(Target {
            parent: parent.to_path_buf(),
            prefix,
            path,
        })
    }

    /// OUT, resolved.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn leftover_kind(&self, name: &OsStr) -> Option<Kind> {
        let rest = name
            .as_encoded_bytes()
            .strip_prefix(self.prefix.as_encoded_bytes())?;
        let (rand, suffix) = rest.split_at_checked(6)?;
        if !rand
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        {
            return None;
        }
        [Kind::Tmp, Kind::Old]
            .into_iter()
            .find(|k| suffix == k.suffix().as_bytes())
    }

    /// A new name for a leftover of this kind (not yet taken).
    fn sibling(&self, kind: Kind) -> PathBuf {
        let mut name = self.prefix.clone();
        name.push(random6());
        name.push(kind.suffix());
        self.parent.join(name)
    }

    /// Leftovers of killed runs beside OUT whose lock is free, sorted by name.
    fn dead_leftovers(&self) -> Vec<(PathBuf, Kind, Lock)> {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Kind)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| Some((e.path(), self.leftover_kind(&e.file_name())?)))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
            .into_iter()
            .filter_map(|(p, k)| {
                let lock = try_lock(&p)?;
                Some((p, k, lock))
            })
            .collect()
    }

    /// Puts right what a killed run left: restores OUT from its backup if OUT is missing,
    /// and removes every other dead leftover. Returns a note for each one kept because it
    /// holds files hmip did not write.
    pub(crate) fn recover(&self, names: &Names) -> anyhow::Result<Vec<String>> {
        let mut notes = Vec::new();
        for (path, kind, _lock) in self.dead_leftovers() {
            if kind == Kind::Old && fs::symlink_metadata(&self.path).is_err() {
                fs::rename(&path, &self.path).with_context(|| {
                    format!(
                        "cannot restore {} from {}",
                        self.path.display(),
                        path.display()
                    )
                })?;
                sync_dir(&self.parent);
                continue;
            }
            let removed = remove_set(&path, names)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            if !removed {
                notes.push(format!(
                    "kept {}: it holds files hmip dataset did not write",
                    path.display()
                ));
            }
        }
        Ok(notes)
    }

    /// Fails, with a one-line reason, unless OUT is missing or hmip's.
    pub(crate) fn check_owned(&self, names: &Names) -> anyhow::Result<()> {
        if fs::symlink_metadata(&self.path).is_err() {
            return Ok(());
        }
        let why = foreign(&self.path, names)
            .with_context(|| format!("cannot read the output folder {}", self.path.display()))?;
        match why {
            None => Ok(()),
            Some(why) => anyhow::bail!(
                "will not replace the output folder {}: {why}; choose an empty or new folder",
                self.path.display()
            ),
        }
    }

    /// Makes the staging folder, locked, with OUT's permissions.
    pub(crate) fn stage(&self) -> anyhow::Result<Staging> {
        let mut last = None;
        for _ in 0..16 {
            let dir = self.sibling(Kind::Tmp);
            match fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "cannot make a temporary folder in {} (beside the output folder)",
                            self.parent.display()
                        )
                    })
                }
            }
            let lock = lock(&dir);
            // A later run's clean-up may have taken the lock first and removed the folder.
            let kept = match (&lock.0, fs::symlink_metadata(&dir)) {
                (Some(f), Ok(m)) => f.metadata().is_ok_and(|fm| same_file(&fm, &m)),
                (None, Ok(_)) => true,
                (_, Err(e)) => {
                    last = Some(e);
                    false
                }
            };
            if kept {
                if let Ok(m) = fs::metadata(&self.path) {
                    let _ = fs::set_permissions(&dir, m.permissions());
                }
                return Ok(Staging {
                    dir,
                    target: self.clone(),
                    _lock: lock,
                    swapped: false,
                });
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free name"))).with_context(|| {
            format!(
                "cannot make a temporary folder in {}",
                self.parent.display()
            )
        })
    }
}

/// The staging folder of a run. Dropped before the swap (an error), it is removed.
pub(crate) struct Staging {
    dir: PathBuf,
    target: Target,
    _lock: Lock,
    swapped: bool,
}

impl Staging {
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swaps the staging folder in as OUT and removes the previous set. `exchange`: false
    /// forces the two-rename way (for tests). Returns notes for the user.
    pub(crate) fn commit(
        mut self,
        names: &Names,
        exchange_ok: bool,
        at: &dyn Fn(Step),
    ) -> anyhow::Result<Vec<String>> {
        sync_dir(&self.dir);
        at(Step::BeforeSwap);
        let out = self.target.path.clone();
        let parent = self.target.parent.clone();
        let replace = |e: io::Error| {
            anyhow::Error::new(e).context(format!("cannot replace {}", out.display()))
        };
        if fs::symlink_metadata(&out).is_err() {
            fs::rename(&self.dir, &out).map_err(replace)?;
            self.swapped = true;
            sync_dir(&parent);
            return Ok(Vec::new());
        }
        // A file may have been put in OUT while this run worked.
        self.target.check_owned(names)?;
        let (old, _old_lock) = if exchange_ok && exchange(&self.dir, &out).map_err(replace)? {
            self.swapped = true;
            at(Step::MidSwap);
            (self.dir.clone(), None)
        } else {
            // Locked, so that another run does not take the backup for a dead one.
            let backup = self.target.sibling(Kind::Old);
            let backup_lock = lock(&out);
            fs::rename(&out, &backup).map_err(replace)?;
            at(Step::MidSwap);
            if let Err(e) = fs::rename(&self.dir, &out) {
                let _ = fs::rename(&backup, &out);
                return Err(replace(e));
            }
            self.swapped = true;
            (backup, Some(backup_lock))
        };
        sync_dir(&parent);
        let removed = remove_set(&old, names)
            .with_context(|| format!("cannot remove the previous tables in {}", old.display()))?;
        Ok(if removed {
            Vec::new()
        } else {
            vec![format!(
                "the previous tables are kept in {}: it holds files hmip dataset did not write",
                old.display()
            )]
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::new(["reports.csv", "schema.md"].map(OsString::from))
    }

    fn write_set(dir: &Path, tag: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("reports.csv"), tag).unwrap();
        fs::write(dir.join("schema.md"), SCHEMA_HEADING).unwrap();
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn leftover_names_match_exactly() {
        let t = Target::new(Path::new("/tmp/some.out")).unwrap();
        let k = |s: &str| t.leftover_kind(OsStr::new(s));
        assert_eq!(k(".hmip-dataset.some.out.a1b2c3.tmp"), Some(Kind::Tmp));
        assert_eq!(k(".hmip-dataset.some.out.a1b2c3.old"), Some(Kind::Old));
        assert_eq!(k(".hmip-dataset.some.out.a1b2c.tmp"), None);
        assert_eq!(k(".hmip-dataset.some.out.A1B2C3.tmp"), None);
        assert_eq!(k(".hmip-dataset.some.out.a1b2c3.tmpx"), None);
        assert_eq!(k(".hmip-dataset.other.a1b2c3.tmp"), None);
        assert_eq!(k(".hmip-dataset.some.out.x.a1b2c3.tmp"), None);
        assert!(t.leftover_kind(t.sibling(Kind::Tmp).file_name().unwrap()) == Some(Kind::Tmp));
        assert!(is_legacy_partial(OsStr::new(
            ".hmip-dataset-Ab3xYz.partial"
        )));
        assert!(!is_legacy_partial(OsStr::new(
            ".hmip-dataset-Ab3xY.partial"
        )));
        assert!(!is_legacy_partial(OsStr::new(
            "hmip-dataset-Ab3xYz.partial"
        )));
    }

    #[test]
    fn a_backup_left_by_a_killed_run_is_restored() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let t = Target::new(&out).unwrap();
        let backup = t.sibling(Kind::Old);
        write_set(&backup, "A");
        let stale = t.sibling(Kind::Tmp);
        write_set(&stale, "B");
        assert!(t.recover(&names()).unwrap().is_empty());
        assert_eq!(fs::read_to_string(out.join("reports.csv")).unwrap(), "A");
        assert_eq!(entries(root.path()), ["out"]);
    }

    #[test]
    fn a_leftover_still_locked_is_left_alone() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let t = Target::new(&out).unwrap();
        let live = t.stage().unwrap();
        t.recover(&names()).unwrap();
        assert!(
            live.dir().is_dir(),
            "a live run's staging folder was removed"
        );
        let dir = live.dir().to_path_buf();
        drop(live);
        assert!(!dir.exists());
    }

    #[test]
    fn foreign_files_are_never_removed() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        write_set(&out, "A");
        let t = Target::new(&out).unwrap();
        t.check_owned(&names()).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = format!("{:#}", t.check_owned(&names()).unwrap_err());
        assert!(err.contains("(notes.txt)"), "{err}");
        // A leftover holding a user's file loses only hmip's files.
        let stale = t.sibling(Kind::Tmp);
        write_set(&stale, "B");
        fs::write(stale.join("notes.txt"), "mine").unwrap();
        let notes = t.recover(&names()).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(entries(&stale), ["notes.txt"]);
    }

    #[test]
    fn tables_without_hmip_schema_are_not_hmip_s() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("reports.csv"), "mine").unwrap();
        let t = Target::new(&out).unwrap();
        let err = format!("{:#}", t.check_owned(&names()).unwrap_err());
        assert!(err.contains("no schema.md written by hmip"), "{err}");
    }

    #[test]
    fn both_ways_of_swapping_replace_the_set() {
        for exchange_ok in [true, false] {
            let root = tempfile::tempdir().unwrap();
            let out = root.path().join("out");
            write_set(&out, "A");
            let t = Target::new(&out).unwrap();
            let s = t.stage().unwrap();
            write_set(s.dir(), "B");
            let steps = std::cell::RefCell::new(Vec::new());
            let notes = s
                .commit(&names(), exchange_ok, &|st| steps.borrow_mut().push(st))
                .unwrap();
            assert!(notes.is_empty());
            assert_eq!(*steps.borrow(), [Step::BeforeSwap, Step::MidSwap]);
            assert_eq!(fs::read_to_string(out.join("reports.csv")).unwrap(), "B");
            assert_eq!(entries(root.path()), ["out"]);
        }
    }
}
