//! Writes the framework files (`grammars/frameworks/*.toml`, the source people edit) as
//! Rust statics in `OUT_DIR` once, at build time (`framework::lit`), so `hmip` parses no
//! text for them on any start: parsing the TOML was 3.2M of the 35M instructions of a
//! whole `hmip check`, and parsing JSON of it 0.5M of the 2.4M of a small one.
//! `framework::tests` checks that each reads as the same frameworks as its TOML.

use std::path::Path;

fn main() {
    let dir = Path::new("grammars/frameworks");
    println!("cargo::rerun-if-changed=grammars/frameworks");
    // The `hmip` binary as a position-dependent executable on Linux: its 10,000 relative
    // relocations are resolved when it is linked instead of at every start (half the
    // instructions of `hmip --version`, and the pages they write). The code stays
    // position-independent, so the library, tests and build scripts are untouched.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        panic!("OUT_DIR is not set");
    };
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
        .collect();
    entries.sort();
    for path in entries {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Some(stem) = path.file_stem() else {
            continue;
        };
        // The file as a Rust expression of `framework::lit::Lit`, included as a static.
        let mut rust = String::new();
        lit(&value, &mut rust);
        let target = out.join(stem).with_extension("lit.rs");
        std::fs::write(&target, rust).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}

/// `v` as a Rust expression of `Lit` (strings in Rust's own escaped form).
fn lit(v: &toml::Value, out: &mut String) {
    use std::fmt::Write as _;
    match v {
        toml::Value::String(s) => {
            let _ = write!(out, "Lit::Str({s:?})");
        }
        toml::Value::Integer(i) => {
            let _ = write!(out, "Lit::Int({i})");
        }
        toml::Value::Float(f) => {
            let _ = write!(out, "Lit::Float({f:?})");
        }
        toml::Value::Boolean(b) => {
            let _ = write!(out, "Lit::Bool({b})");
        }
        toml::Value::Datetime(d) => {
            let _ = write!(out, "Lit::Str({:?})", d.to_string());
        }
        toml::Value::Array(items) => {
            out.push_str("Lit::Arr(&[");
            for item in items {
                lit(item, out);
                out.push_str(", ");
            }
            out.push_str("])");
        }
        toml::Value::Table(t) => {
            out.push_str("Lit::Table(&[");
            for (k, item) in t {
                let _ = write!(out, "({k:?}, ");
                lit(item, out);
                out.push_str("), ");
            }
            out.push_str("])");
        }
    }
}
