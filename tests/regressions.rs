//! Every file under `tests/regressions/` (crash, hang and out-of-memory inputs found by the
//! fuzzers in `fuzz/`, and small hand-made hostile files) goes through `hmip::analyse` and
//! must give `Ok` or a typed `hmip::Error` with a one-line message: never a panic. CI runs
//! these; it does not run the fuzzers. `fuzz/README.md` says which target found which file.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

#[test]
fn every_regression_input_gives_ok_or_a_typed_error() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(path).unwrap();
        assert!(
            bytes.len() <= 64 * 1024,
            "{name}: keep regression inputs small"
        );
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let opts = hmip::ReadOptions::default();
            let r = hmip::analyse(&name, &bytes, &opts, None);
            if let Ok(a) = &r {
                let doc = hmip::extract::document(a);
                let json = serde_json::to_string(&doc).unwrap();
                let back: serde_json::Value = serde_json::from_str(&json).unwrap();
                assert_eq!(back, serde_json::to_value(&doc).unwrap());
                let _ = hmip::render::human::render(a, false);
            }
            r.map(|_| ()).map_err(|e| e.to_string())
        }));
        let took = start.elapsed();
        match result {
            Ok(Ok(())) => eprintln!("{name}: ok ({took:?})"),
            // One line, and no control character a hostile file could smuggle into a log
            // line or a terminal.
            Ok(Err(msg)) if !msg.chars().any(char::is_control) => {
                eprintln!("{name}: error: {msg} ({took:?})")
            }
            Ok(Err(msg)) => failures.push(format!("{name}: control characters in error {msg:?}")),
            Err(_) => failures.push(format!("{name}: panicked")),
        }
        if took > Duration::from_secs(10) {
            failures.push(format!("{name}: took {took:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
