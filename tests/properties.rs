//! Properties of the text pipeline, checked with proptest on generated inputs:
//! - any bytes give `Ok` or a typed `hmip::Error`, never a panic;
//! - the extract document serialises to JSON that parses back to the same value;
//! - blank lines and trailing spaces inserted into a real report change no extracted value
//!   (only `line` / `column` fields may move).
//!
//! Case counts are modest (64) so that the suite stays fast in debug builds.

use hmip::{analyse, Error, ReadOptions};
use proptest::prelude::*;
use serde_json::Value;

const CASES: u32 = 64;

fn fixture(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn reports() -> &'static [String; 2] {
    static R: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        [
            fixture("text/lancashire-yot-2019.txt"),
            fixture("text/leeds-yjs-2019.txt"),
        ]
    })
}

/// Runs the text pipeline end to end; a successful analysis is rendered every way.
fn pipeline(bytes: &[u8]) -> Result<Value, Error> {
    let a = analyse("prop.txt", bytes, &ReadOptions::default(), None)?;
    let _ = hmip::render::human::render(&a, false);
    let _ = hmip::render::json::check_line(&a);
    Ok(serde_json::to_value(hmip::extract::document(&a)).unwrap())
}

/// The extract document without positions.
fn without_positions(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "line" && k.as_str() != "column")
                .map(|(k, v)| (k.clone(), without_positions(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_positions).collect()),
        other => other.clone(),
    }
}

/// Bytes that look like a report some of the time: real lines, cut, repeated, mixed with
/// noise, tabs, HTML cell fragments and odd characters.
fn report_like() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        4 => (0usize..2, any::<prop::sample::Index>()).prop_map(|(r, i)| {
            let lines: Vec<&str> = reports()[r].lines().collect();
            i.get(&lines).to_string()
        }),
        1 => "[ -~\t]{0,80}",
        1 => Just("<p>2.2. Planning</p> <p>Good</p>\t<p>61%</p>".to_string()),
        1 => Just("\u{FEFF}\u{00A0}\u{2019}\u{FB01}\u{00B3}\u{F0B7}\t\0".to_string()),
        1 => "(Outstanding|Good|Requires improvement|Inadequate|[0-9]{1,3}%|\t|[1-4]\\.[1-4](\\.[1-9])?| ){1,12}",
    ];
    prop::collection::vec(line, 0..200).prop_map(|ls| ls.join("\n").into_bytes())
}

/// A real report with a slice of it deleted or duplicated.
fn mutated_report() -> impl Strategy<Value = Vec<u8>> {
    (
        0usize..2,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0u8..3,
    )
        .prop_map(|(r, a, b, how)| {
            let text = reports()[r].as_bytes();
            let (a, b) = (a.index(text.len() + 1), b.index(text.len() + 1));
            let (a, b) = (a.min(b), a.max(b));
            let (head, mid, tail) = (&text[..a], &text[a..b], &text[b..]);
            match how {
                0 => [head, tail].concat(),
                1 => [head, mid, mid, tail].concat(),
                _ => [head, b"\xC3", tail].concat(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_bytes_give_ok_or_a_typed_error(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        // Forced through the text path: a %PDF- or PK prefix is made impossible.
        let mut bytes = bytes;
        bytes.insert(0, b'x');
        match pipeline(&bytes) {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.to_string().contains('\n')),
        }
    }

    #[test]
    fn report_like_text_gives_ok_or_a_typed_error(bytes in report_like()) {
        let _ = pipeline(&bytes);
        let _ = analyse("prop.txt", &bytes, &ReadOptions::default(), Some("youth-2021"));
    }

    #[test]
    fn extract_json_round_trips(bytes in mutated_report()) {
        if let Ok(a) = analyse("prop.txt", &bytes, &ReadOptions::default(), None) {
            let doc = hmip::extract::document(&a);
            let s = serde_json::to_string(&doc).unwrap();
            let back: Value = serde_json::from_str(&s).unwrap();
            prop_assert_eq!(back, serde_json::to_value(&doc).unwrap());
        }
    }

    #[test]
    fn blank_lines_and_trailing_spaces_change_nothing(
        r in 0usize..2,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4), 1..20),
    ) {
        let text = &reports()[r];
        let want = without_positions(&pipeline(text.as_bytes()).unwrap());
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        for (at, what) in edits {
            let i = at.index(lines.len());
            match what {
                0 => lines.insert(i, String::new()),
                1 => lines.insert(i, "   ".to_string()),
                2 => lines[i].push_str("  "),
                _ => lines[i].push(' '),
            }
        }
        let edited = lines.join("\n");
        let got = without_positions(&pipeline(edited.as_bytes()).unwrap());
        prop_assert_eq!(got, want);
    }
}
