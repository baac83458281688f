//! For the tests: every text file under `fixtures/` (the shortcuts of the normaliser,
//! the tokeniser and the claims parser are each held to the general path over all of
//! them).

use std::path::PathBuf;

/// Every file under `fixtures/` that reads as UTF-8, with its path.
pub fn texts() -> Vec<(PathBuf, String)> {
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path, text));
            }
        }
    }
    assert!(out.len() > 100, "fixtures/ holds {} texts", out.len());
    out
}
