#![no_main]
//! bytes → decoding → normalise → parse → rules → extract JSON and human rendering.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The whole pipeline on text input (a %PDF- or PK prefix would route to the other
    // readers, which have their own targets).
    if hmip::sniff(data) != hmip::SourceKind::Text {
        return;
    }
    let opts = hmip::ReadOptions::default();
    common::exercise(hmip::analyse("fuzz.txt", data, &opts, None));
    // A forced framework skips detection and reaches the parsers even without a marker.
    common::exercise(hmip::analyse("fuzz.txt", data, &opts, Some("youth-2018")));
});
