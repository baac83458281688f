//! The fixture acceptance test: each fixture PDF's lines against the faithful report text
//! it was made from (summary rows, annex rows, headings, key lines, no running text).

use super::super::{extract, Limits};

const RATINGS: [&str; 4] = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .trim_end_matches(['\t', ' '])
        .to_string()
}

/// "1.1", "2.1.1." ...: `levels` numbers, with or without a trailing dot.
fn is_id(s: &str, levels: usize, dot: bool) -> bool {
    let core = if dot {
        match s.strip_suffix('.') {
            Some(c) => c,
            None => return false,
        }
    } else {
        s
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == levels
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
}

struct Check {
    name: &'static str,
    ok: usize,
    total: usize,
    detail: Vec<String>,
}

/// A PDF's lines and the report text it was made from, normalised.
struct Texts {
    excerpt: bool,
    faithful: Vec<String>,
    out: Vec<String>,
}

impl Texts {
    fn has(&self, l: &str) -> bool {
        self.out.iter().any(|o| o == l)
    }

    /// The faithful lines matching `want`, and those of them missing from the output.
    fn lines_check(&self, name: &'static str, want: impl Fn(&[&str]) -> bool) -> Check {
        let expected: Vec<&String> = self
            .faithful
            .iter()
            .filter(|l| want(&l.split('\t').collect::<Vec<_>>()))
            .collect();
        let missing: Vec<String> = expected
            .iter()
            .filter(|e| !self.has(e))
            .map(|e| e.to_string())
            .collect();
        Check {
            name,
            ok: expected.len() - missing.len(),
            total: expected.len(),
            detail: missing,
        }
    }
}

fn acceptance(stem: &str, report: &str, lines: &[String]) -> Vec<Check> {
    let t = Texts {
        excerpt: stem.contains("excerpt"),
        faithful: report.lines().map(norm).collect(),
        out: lines.iter().map(|l| norm(l)).collect(),
    };
    let mut checks = Vec::new();
    if !t.excerpt {
        checks.push(summary_rows(&t));
    }
    // 2a. Annex 2 key-question rows.
    checks.push(t.lines_check("annex kq rows", |c| {
        c.len() == 2
            && c[0].split(' ').next().is_some_and(|w| is_id(w, 3, true))
            && c[1].ends_with('%')
    }));
    checks.push(annex_standard_rows(&t));
    checks.push(split_ratings(&t));
    if !t.excerpt {
        // 3. Body standard headings: "2.1 Assessment<TAB>Good".
        checks.push(t.lines_check("body standard headings", |c| {
            c.len() == 2
                && c[0].split(' ').next().is_some_and(|w| is_id(w, 2, false))
                && RATINGS.contains(&c[1])
        }));
        checks.push(key_lines(&t));
    }
    checks.push(no_running_text(&t));
    checks
}

/// 1. Ratings summary rows (the first twelve "1.1<TAB>Name<TAB>Rating" lines).
fn summary_rows(t: &Texts) -> Check {
    let expected: Vec<&String> = t
        .faithful
        .iter()
        .filter(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            c.len() == 3 && is_id(c[0], 2, false) && RATINGS.contains(&c[2])
        })
        .take(12)
        .collect();
    let missing: Vec<String> = expected
        .iter()
        .filter(|e| !t.has(e))
        .map(|e| e.to_string())
        .collect();
    Check {
        name: "summary rows",
        ok: expected.len() - missing.len(),
        total: expected.len(),
        detail: missing,
    }
}

/// 2b. Annex standard rows carry their rating in the last cell.
fn annex_standard_rows(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let annex_at = faithful
        .iter()
        .position(|l| l.starts_with("Annex 2 "))
        .unwrap_or(0);
    let out_annex_at = out
        .iter()
        .rposition(|l| l.starts_with("Annex 2 "))
        .unwrap_or(0);
    let mut expected = Vec::new();
    for l in faithful.iter().skip(annex_at) {
        let l2 = l.replace("<p>", "");
        let id = l2.split(' ').next().unwrap_or("");
        let last = l2.rsplit('\t').next().unwrap_or("");
        if is_id(id, 2, true) && l2.contains('\t') && RATINGS.contains(&last) {
            if t.excerpt && id.starts_with("1.") {
                continue;
            }
            expected.push((id.to_string(), last.to_string()));
        }
    }
    let missing: Vec<String> = expected
        .iter()
        .filter(|(id, rating)| {
            !out.iter()
                .skip(out_annex_at)
                .any(|o| o.starts_with(&format!("{id} ")) && o.ends_with(&format!("\t{rating}")))
        })
        .map(|(id, r)| format!("{id} … {r}"))
        .collect();
    Check {
        name: "annex standard rows",
        ok: expected.len() - missing.len(),
        total: expected.len(),
        detail: missing,
    }
}

/// No rating split over two lines or cut inside a word.
fn split_ratings(t: &Texts) -> Check {
    let split: Vec<String> = t
        .out
        .iter()
        .filter(|o| {
            o.as_str() == "Requires"
                || o.starts_with("improvement")
                || o.ends_with("\tRequires")
                || o.contains("improveme nt")
                || o.contains("improve ment")
        })
        .cloned()
        .collect();
    Check {
        name: "split ratings (want 0)",
        ok: usize::from(split.is_empty()),
        total: 1,
        detail: split,
    }
}

/// 4. Overall rating, Service, Fieldwork, sample sentences, recommendations.
fn key_lines(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let mut items: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let overall = out.iter().enumerate().any(|(i, o)| {
        o == "Overall rating"
            && out
                .iter()
                .skip(i + 1)
                .find(|n| !n.is_empty())
                .is_some_and(|n| RATINGS.contains(&n.as_str()))
    });
    items.push("Overall rating".into());
    if !overall {
        missing.push("Overall rating + rating".into());
    }
    let rec_from = faithful
        .iter()
        .position(|l| l == "Recommendations")
        .unwrap_or(0);
    let rec_to = faithful
        .iter()
        .skip(rec_from)
        .position(|l| l == "Introduction")
        .map_or(rec_from, |p| rec_from + p);
    for (i, l) in faithful.iter().enumerate() {
        let rec = i > rec_from
            && i < rec_to
            && (l.ends_with(" should:")
                || l.split(' ').next().is_some_and(|w| {
                    w.ends_with('.') && w.len() <= 3 && w.starts_with(|c: char| c.is_ascii_digit())
                }));
        if l.starts_with("Service: ")
            || l.starts_with("Fieldwork started: ")
            || l.starts_with("We examined ")
            || rec
        {
            items.push(l.clone());
            // A numbered item must be complete on one line after its own number (the
            // WeasyPrint fixture numbers every item "1.": each is its own HTML list).
            let found = match l.split_once(". ") {
                Some((n, rest)) if rec && n.chars().all(|c| c.is_ascii_digit()) => {
                    out.iter().any(|o| {
                        o.split_once(". ").is_some_and(|(m, r)| {
                            r == rest && !m.is_empty() && m.chars().all(|c| c.is_ascii_digit())
                        })
                    })
                }
                _ => t.has(l),
            };
            if !found {
                missing.push(l.clone());
            }
        }
    }
    Check {
        name: "key lines (overall, service, recs…)",
        ok: items.len() - missing.len(),
        total: items.len(),
        detail: missing,
    }
}

/// Check 5: no running footers, page numbers or glued footnote digits (bare numbers that
/// the report does not have as a line of their own).
fn no_running_text(t: &Texts) -> Check {
    let (faithful, out) = (&t.faithful, &t.out);
    let mut bad: Vec<String> = out
        .iter()
        .filter(|o| {
            o.contains("Inspection of youth offending services:")
                || (!o.is_empty() && o.chars().all(|c| c.is_ascii_digit()) && !faithful.contains(o))
        })
        .cloned()
        .collect();
    let joined_out = out.join("\n");
    let joined_faithful = faithful.join("\n");
    let sup = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];
    let mut words: Vec<String> = Vec::new();
    for token in joined_faithful.split_whitespace() {
        if let Some(p) = token.find(sup) {
            let w = token.get(..p).unwrap_or("");
            if w.len() >= 3 {
                words.push(w.to_string());
            }
        }
    }
    words.sort();
    words.dedup();
    for w in &words {
        // Short lines ending in the match are table-of-contents entries ("services.16").
        let glued = |t: &str| {
            t.lines()
                .filter(|l| l.len() > 60 || !l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
                .map(|l| {
                    (0..10)
                        .map(|d| l.matches(&format!("{w}{d}")).count())
                        .sum::<usize>()
                })
                .sum::<usize>()
        };
        if glued(&joined_out) > glued(&joined_faithful) {
            bad.push(format!("footnote digit glued to {w:?}"));
        }
    }
    Check {
        name: "footers/page numbers/footnote digits (want 0)",
        ok: usize::from(bad.is_empty()),
        total: 1,
        detail: bad,
    }
}

#[test]
fn fixture_acceptance() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let fixtures = [
        ("lancashire-yot-2019", "lancashire-yot-2019"),
        ("lancashire-yot-2019.calibri", "lancashire-yot-2019"),
        ("lancashire-yot-2019.chromium", "lancashire-yot-2019"),
        ("lancashire-yot-2019.serif", "lancashire-yot-2019"),
        ("lancashire-yot-2019.latex", "lancashire-yot-2019"),
        ("lancashire-yot-2019.winansi-excerpt", "lancashire-yot-2019"),
        ("leeds-yjs-2019", "leeds-yjs-2019"),
        ("leeds-yjs-2019.weasy", "leeds-yjs-2019"),
    ];
    let mut failures = Vec::new();
    for (stem, report) in fixtures {
        let pdf = std::fs::read(dir.join(format!("{stem}.pdf"))).expect("fixture pdf");
        let report = std::fs::read_to_string(dir.join(format!("{report}.report.txt")))
            .expect("fixture report text");
        let x = extract(&pdf, &Limits::default()).expect("fixture extracts");
        assert_eq!(x.undecoded_glyphs, 0, "{stem}");
        let lines: Vec<String> = x.lines.iter().map(|l| l.text.clone()).collect();
        println!("{stem} ({} pages, {} lines)", x.pages, lines.len());
        for c in acceptance(stem, &report, &lines) {
            println!("  {:<46} {:>3}/{:<3}", c.name, c.ok, c.total);
            for d in &c.detail {
                println!("      {}", d.chars().take(160).collect::<String>());
            }
            if c.ok != c.total {
                failures.push(format!("{stem}: {}", c.name));
            }
        }
    }
    assert!(failures.is_empty(), "acceptance failures: {failures:?}");
}
