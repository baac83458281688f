// Shared by every target: run an analysis result through everything that renders it.

use hmip::{Analysis, Error};

/// Renders a successful analysis every way the CLI does; an error must be a typed
/// `hmip::Error` whose message is one line.
pub fn exercise(result: Result<Analysis, Error>) {
    match result {
        Ok(a) => {
            let doc = hmip::extract::document(&a);
            let json = serde_json::to_string(&doc).expect("extract document serialises");
            let back: serde_json::Value =
                serde_json::from_str(&json).expect("extract JSON parses back");
            assert_eq!(back, serde_json::to_value(&doc).expect("to_value"));
            let _ = hmip::render::human::render(&a, false);
            let _ = hmip::render::human::render(&a, true);
            let _ = hmip::render::json::check_line(&a);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.chars().any(char::is_control),
                "error message with a line break or control character: {msg:?}"
            );
        }
    }
}
