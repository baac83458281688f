#![no_main]
//! bytes → docx::extract → the whole pipeline through `hmip::analyse`.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let opts = hmip::input::Options::default();
    for as_original in [false, true] {
        let _ = hmip::docx::extract(
            data,
            &hmip::docx::Options {
                as_original,
                limits: opts.docx.clone(),
            },
        );
    }
    if hmip::input::sniff(data) == hmip::source::Kind::Docx {
        common::exercise(hmip::analyse("fuzz.docx", data, &opts, None));
    }
});
