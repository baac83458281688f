//! Shared helpers for the integration tests: fixtures are read from `fixtures/` only.
#![allow(dead_code)]

use hmip::{analyse, Analysis, ReadOptions};
use std::path::PathBuf;

pub fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(fixture_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn lancashire() -> String {
    fixture("text/lancashire-yot-2019.txt")
}

pub fn leeds() -> String {
    fixture("text/leeds-yjs-2019.txt")
}

pub fn run(name: &str, text: &str) -> Analysis {
    analyse(name, text.as_bytes(), &ReadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Replaces exactly one occurrence (the test fails if the text is not there once).
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} should occur once");
    text.replacen(from, to, 1)
}

pub mod compare;

/// The test builder of Word packages, shared with the reader's unit tests.
#[path = "../../src/docx/testkit.rs"]
pub mod testkit;
