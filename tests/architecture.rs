//! The library's modules import each other one way: no circle between top-level modules
//! (`src/<name>.rs` or `src/<name>/`). Read from the source itself, every `crate::<name>`
//! path outside comments, so the rule stays true as the code changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The binary (`main.rs`, `app/`) reaches the library as `hmip::`, not `crate::`.
const BINARY: [&str; 2] = ["main", "app"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to: `src/parse/annex.rs` → `parse`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every `crate::<name>` in the code of `text`, with its line, comments skipped.
fn crate_paths(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((name, n + 1));
            }
            rest = after;
        }
        // `use crate::{a, b::c}` names several modules at once.
        if let Some(group) = code.split("crate::{").nth(1) {
            for part in group.split([',', '}']) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((name, n + 1));
                }
            }
        }
    }
    out
}

/// module → (module it imports → one place that shows it).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut g = Graph::new();
    for f in &files {
        let Some(from) = module_of(&src, f) else {
            continue;
        };
        if BINARY.contains(&from.as_str()) || from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (to, line) in crate_paths(&text) {
            if to != from && modules.contains(&to) && to != "lib" {
                g.entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| {
                        format!("{}:{line}", f.strip_prefix(&src).unwrap_or(f).display())
                    });
            }
        }
    }
    g
}

/// A path from `from` back to `to` through the graph, if any.
fn path_to(g: &Graph, from: &str, to: &str, seen: &mut BTreeSet<String>) -> Option<Vec<String>> {
    if from == to {
        return Some(vec![to.to_string()]);
    }
    if !seen.insert(from.to_string()) {
        return None;
    }
    for next in g.get(from).into_iter().flat_map(|m| m.keys()) {
        if let Some(mut p) = path_to(g, next, to, seen) {
            p.insert(0, from.to_string());
            return Some(p);
        }
    }
    None
}

#[test]
fn no_import_circle_between_top_level_modules() {
    let g = graph();
    let mut circles = Vec::new();
    for (from, tos) in &g {
        for (to, at) in tos {
            if let Some(back) = path_to(&g, to, from, &mut BTreeSet::new()) {
                let steps: Vec<String> = std::iter::once(from.clone()).chain(back).collect();
                let evidence: Vec<String> = steps
                    .windows(2)
                    .map(|w| format!("{} -> {} ({})", w[0], w[1], g[&w[0]][&w[1]]))
                    .collect();
                circles.push(format!(
                    "{} (first edge at {at}): {}",
                    steps.join(" -> "),
                    evidence.join("; ")
                ));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_scanner_sees_imports() {
    // The check above is only as good as this reading of the code.
    let found = crate_paths("use crate::model::Span;\nlet x = crate::rating::fmt(1); // crate::no\nuse crate::{text, parse::common};\n");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["model", "rating", "text", "parse"]);
    let g = graph();
    assert!(
        g.get("parse").is_some_and(|m| m.contains_key("text")),
        "{g:?}"
    );
    assert!(
        !g.contains_key("foreign"),
        "foreign is a leaf: {:?}",
        g.get("foreign")
    );
}
