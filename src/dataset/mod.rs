//! Tidy tables (CSV, JSON Lines, optionally SQLite) from an archive of reports: the rows of
//! one report ([`rows`], from its `hmip extract` document), the tables' columns
//! ([`schema`]), the outputs written atomically ([`sink`], the output folder replaced as a whole by
//! `swap`) and `summary.md` ([`summary`]).
//!
//! The batch itself (walking folders, the worker pool, progress, per-file panic guard) is
//! the command line's: `hmip dataset` in `src/app/commands/dataset.rs`. A library user
//! calls [`file_rows`] per file and [`sink::Outputs`] to write them.

pub mod rows;
pub mod schema;
pub mod sink;
pub mod summary;
mod swap;

use crate::analysis::{check_bytes, CheckOptions};
use rows::Processed;
use sha2::{Digest, Sha256};

/// The SHA-256 of a file's bytes, in lower-case hex (the `sha256` column).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// One file's bytes → its rows in every table. Never fails: a file that cannot be read or
/// analysed becomes one `unreadable` row with the reason.
pub fn file_rows(name: &str, bytes: &[u8], opts: &CheckOptions) -> Processed {
    let sha = sha256_hex(bytes);
    let analysed = check_bytes(name, bytes, opts).and_then(|a| {
        let doc = crate::extract::document(&a);
        let json = serde_json::to_string(&doc).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok((doc, json))
    });
    match analysed {
        Ok((doc, json)) => rows::readable(name, sha, &doc, json),
        Err(e) => rows::unreadable(name, Some(sha), &e.to_string()),
    }
}
