//! Converts the framework files (`grammars/frameworks/*.toml`, the source people edit) to
//! JSON in `OUT_DIR` once, at build time, so `hmip` does not parse TOML on every start:
//! the TOML parse was 3.2M of the 35M instructions of a whole `hmip check`. The binary
//! embeds the JSON; `framework::tests` checks that it reads as the same frameworks as the
//! TOML.

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
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json =
            serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Some(stem) = path.file_stem() else {
            continue;
        };
        let target = out.join(stem).with_extension("json");
        std::fs::write(&target, json).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}
