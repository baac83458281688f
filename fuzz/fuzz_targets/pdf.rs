#![no_main]
//! bytes → the PDF reader → the whole pipeline through `hmip::analyse`. Bytes without a
//! %PDF- header go to `hmip::read`, which routes them by content like any input.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let opts = hmip::ReadOptions::default();
    if hmip::sniff(data) == hmip::SourceKind::Pdf {
        common::exercise(hmip::analyse("fuzz.pdf", data, &opts, None));
    } else {
        let _ = hmip::read("fuzz.bin", data, &opts);
    }
});
