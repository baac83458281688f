//! grammars/report.ebnf and the parsers stay in step: every production that names a
//! parser function must have that function in src/parse/, and every public parser
//! function documented with a production must appear in the grammar.

use std::collections::BTreeSet;
use std::path::Path;

fn productions(ebnf: &str) -> BTreeSet<String> {
    ebnf.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (name, rest) = l.split_once(" = ").or_else(|| l.split_once("= "))?;
            let name = name.trim();
            (!rest.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !name.is_empty())
            .then(|| name.to_string())
        })
        .collect()
}

fn documented_functions(src_dir: &Path) -> BTreeSet<(String, String)> {
    // (function name, production named in its doc comment)
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(src_dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let Some(rest) = t.strip_prefix("pub fn ").or_else(|| t.strip_prefix("fn ")) else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The doc block above the function.
            let mut j = i;
            while j > 0 && lines[j - 1].trim_start().starts_with("///") {
                j -= 1;
            }
            for d in &lines[j..i] {
                if let Some(p) = d
                    .trim_start()
                    .trim_start_matches("///")
                    .trim()
                    .strip_prefix('`')
                {
                    if let Some((prod, _)) = p.split_once(" :=") {
                        out.insert((name.clone(), prod.trim().to_string()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn grammar_and_parsers_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ebnf = std::fs::read_to_string(root.join("grammars/report.ebnf"))
        .unwrap_or_else(|e| panic!("{e}"));
    let prods = productions(&ebnf);
    let docs = documented_functions(&root.join("src/parse"));
    assert!(docs.len() >= 15, "too few documented parsers: {docs:?}");
    for (func, prod) in &docs {
        assert_eq!(
            func, prod,
            "fn {func} documents production {prod}: names must match"
        );
        assert!(
            prods.contains(prod),
            "production {prod} (fn {func}) is missing from report.ebnf"
        );
    }
    let src: String = std::fs::read_dir(root.join("src/parse"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| {
            std::fs::read_to_string(e.unwrap_or_else(|e| panic!("{e}")).path()).unwrap_or_default()
        })
        .collect();
    for p in &prods {
        let is_fn = src.contains(&format!("fn {p}("));
        let documented = docs.iter().any(|(_, d)| d == p);
        if is_fn {
            assert!(documented, "fn {p} has no `{p} := ...` doc comment");
        }
    }
}
