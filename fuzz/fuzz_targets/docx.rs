#![no_main]
//! bytes → the Word reader (tracked changes accepted and rejected) → the whole pipeline
//! through `hmip::analyse`.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if hmip::sniff(data) != hmip::SourceKind::Docx {
        return;
    }
    for as_original in [false, true] {
        let opts = hmip::ReadOptions {
            as_original,
            ..hmip::ReadOptions::default()
        };
        common::exercise(hmip::analyse("fuzz.docx", data, &opts, None));
    }
});
