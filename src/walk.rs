//! Finding the input files (for `check` and `dataset`): files as given, folders searched (recursively) for PDF, Word and
//! text files, optionally filtered by globs; each folder's files in path order, duplicates dropped.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The extensions searched for in folders.
const EXTENSIONS: [&str; 3] = ["txt", "pdf", "docx"];

/// Compiles the `--glob` patterns (none: everything matches).
pub fn globs(patterns: &[String]) -> anyhow::Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| anyhow::anyhow!("--glob {p:?}: {e}"))?);
    }
    Ok(Some(b.build()?))
}

fn wanted(path: &Path, globs: Option<&GlobSet>) -> bool {
    let ext_ok = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)));
    ext_ok
        && globs.is_none_or(|g| {
            g.is_match(path) || path.file_name().is_some_and(|n| g.is_match(Path::new(n)))
        })
}

/// An input file: its name in the tables (the path as given, joined under its folder) and
/// the path to open (the same, but kept exact when the name is not valid UTF-8).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub name: String,
    pub path: PathBuf,
}

impl Input {
    fn new(path: PathBuf) -> Self {
        Input {
            name: path.to_string_lossy().into_owned(),
            path,
        }
    }
}

/// Expands the inputs. A folder contributes the report files under it that match the
/// globs (matched against the path and against the file name); a file named on the command
/// line is always taken (an unreadable one becomes an `unreadable` row). The inputs keep
/// the order they were given in (`check a b` reports a, then b, wherever they live); a
/// folder's files come in path order. A name given twice is kept once, where it first came.
pub fn expand(inputs: &[String], globs: Option<&GlobSet>) -> Vec<Input> {
    let mut out = Vec::new();
    for i in inputs {
        let p = Path::new(i);
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, globs, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(Input::new(PathBuf::from(i)));
        }
    }
    // One row per name: `report` is the key of every table.
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| seen.insert(i.name.clone()));
    out
}

/// [`expand`], then sorted by name: the order of a dataset's rows, whatever the order of
/// the arguments or the thread timing.
pub fn expand_sorted(inputs: &[String], globs: Option<&GlobSet>) -> Vec<Input> {
    let mut out = expand(inputs, globs);
    out.sort();
    out
}

fn walk(dir: &Path, globs: Option<&GlobSet>, out: &mut Vec<Input>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        // Symbolic links to files are followed; links to folders are not (no cycles).
        let is_file = ft.is_file() || (ft.is_symlink() && p.is_file());
        if ft.is_dir() {
            walk(&p, globs, out, depth + 1);
        } else if is_file && wanted(&p, globs) {
            out.push(Input::new(p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names_and_paths() {
        let g = globs(&["*.pdf".to_string()]).unwrap();
        assert!(wanted(Path::new("a/b/c.pdf"), g.as_ref()));
        assert!(!wanted(Path::new("a/b/c.txt"), g.as_ref()));
        let g = globs(&["**/2019/*".to_string()]).unwrap();
        assert!(wanted(Path::new("x/2019/c.docx"), g.as_ref()));
        assert!(!wanted(Path::new("x/2020/c.docx"), g.as_ref()));
        assert!(wanted(Path::new("C.PDF"), None));
        assert!(!wanted(Path::new("c.csv"), None));
    }

    #[test]
    fn arguments_keep_their_order_folders_are_sorted_repeats_dropped() {
        let dir = tempfile::tempdir().unwrap();
        for n in ["b.txt", "a.txt", "c.pdf"] {
            std::fs::write(dir.path().join(n), "x").unwrap();
        }
        let d = dir.path().to_string_lossy().into_owned();
        let a = format!("{d}/a.txt");
        let inputs = ["/z/last-given-first.txt".to_string(), d.clone(), a.clone()];
        let names: Vec<String> = expand(&inputs, None).into_iter().map(|i| i.name).collect();
        assert_eq!(
            names,
            [
                "/z/last-given-first.txt".to_string(),
                a.clone(),
                format!("{d}/b.txt"),
                format!("{d}/c.pdf"),
            ]
        );
        let sorted: Vec<String> = expand_sorted(&inputs, None)
            .into_iter()
            .map(|i| i.name)
            .collect();
        let mut want = names.clone();
        want.sort();
        assert_eq!(sorted, want);
    }
}
