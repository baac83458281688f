//! Finding the input files (for `check` and `dataset`): files as given, folders searched (recursively) for PDF, Word and
//! text files, optionally filtered by globs; the result sorted by path and deduplicated.

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
/// line is always taken (an unreadable one becomes an `unreadable` row). Sorted by name.
pub fn expand(inputs: &[String], globs: Option<&GlobSet>) -> Vec<Input> {
    let mut out = Vec::new();
    for i in inputs {
        let p = Path::new(i);
        if p.is_dir() {
            walk(p, globs, &mut out, 0);
        } else {
            out.push(Input::new(PathBuf::from(i)));
        }
    }
    out.sort();
    // One row per name: `report` is the key of every table.
    out.dedup_by(|a, b| a.name == b.name);
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
}
