#![no_main]
//! bytes → pdf::extract → the whole pipeline through `hmip::analyse` (which calls
//! `pdf::extract` for anything with a %PDF- header; other bytes go to `pdf::extract`
//! directly so its own header check is exercised too).

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let opts = hmip::input::Options::default();
    if hmip::input::sniff(data) == hmip::source::Kind::Pdf {
        common::exercise(hmip::analyse("fuzz.pdf", data, &opts, None));
    } else {
        let _ = hmip::pdf::extract(data, &opts.pdf);
    }
});
