//! `hmip dataset` killed at any moment (SIGKILL): the output folder is, byte for byte,
//! either the complete previous set or the complete new one, and the next complete run
//! leaves no leftovers. Also: only folders hmip wrote are replaced.
//!
//! Set A and set B are small synthetic reports made from the rule fixtures (A from the
//! clean texts, B from the faulty ones, with other service names, more files, `--summary`
//! and an SQLite database inside the folder), so every file of the two sets differs and
//! a mix of them is seen.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_hmip");

/// One input set and the command-line options of its runs.
struct Set {
    name: &'static str,
    input: PathBuf,
    args: Vec<String>,
    /// Every file of a complete run into `OUT`, by name.
    files: BTreeMap<String, Vec<u8>>,
}

/// A scratch root: inputs, reference outputs, and `parent/out`, alone in its folder so
/// that anything else in `parent` is a leftover.
struct World {
    _root: tempfile::TempDir,
    parent: PathBuf,
    out: PathBuf,
    a: Set,
    b: Set,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// `n` reports from the rule fixtures' `file` texts, the service renamed per report.
fn make_inputs(dir: &Path, file: &str, town: &str, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut texts: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path().join(file))
        .filter(|p| p.is_file())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(texts.len() >= 10, "rule fixtures not found");
    for i in 0..n {
        let text = texts[i % texts.len()].replace("Testshire", &format!("{town}{i}"));
        std::fs::write(dir.join(format!("r{i:03}.txt")), text).unwrap();
    }
}

fn read_set(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            assert!(
                e.file_type().unwrap().is_file(),
                "{:?} is not a file",
                e.path()
            );
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The arguments of a run of `set` into `out`.
fn args(input: &Path, out: &Path, extra: &[String]) -> Vec<String> {
    let mut v = vec![
        "dataset".to_string(),
        input.display().to_string(),
        "--out".into(),
        out.display().to_string(),
        "--quiet".into(),
    ];
    v.extend(
        extra
            .iter()
            .map(|a| a.replace("{OUT}", &out.display().to_string())),
    );
    v
}

fn run_complete(input: &Path, out: &Path, extra: &[String]) {
    let o = Command::new(BIN)
        .args(args(input, out, extra))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

impl World {
    fn new() -> World {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        let mut a = Set {
            name: "A",
            input: r.join("in-a"),
            args: vec![],
            files: BTreeMap::new(),
        };
        let mut b = Set {
            name: "B",
            input: r.join("in-b"),
            args: vec![
                "--summary".into(),
                "--sqlite".into(),
                "{OUT}/hmip.sqlite".into(),
            ],
            files: BTreeMap::new(),
        };
        make_inputs(&a.input, "clean.txt", "Alphaton", 30);
        make_inputs(&b.input, "fires.txt", "Betaby", 36);
        for s in [&mut a, &mut b] {
            let reference = r.join(format!("ref-{}", s.name));
            run_complete(&s.input, &reference, &s.args);
            s.files = read_set(&reference);
        }
        let differ: Vec<&String> = a
            .files
            .keys()
            .filter(|k| b.files.get(*k) == a.files.get(*k))
            .collect();
        assert!(differ.is_empty(), "A and B share {differ:?}");
        let parent = r.join("parent");
        std::fs::create_dir(&parent).unwrap();
        World {
            out: parent.join("out"),
            parent,
            _root: root,
            a,
            b,
        }
    }

    fn complete(&self, s: &Set) {
        run_complete(&s.input, &self.out, &s.args);
    }

    fn spawn(&self, s: &Set, env: &[(&str, &str)]) -> Child {
        let mut c = Command::new(BIN);
        c.args(args(&s.input, &self.out, &s.args))
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            c.env(k, v);
        }
        c.spawn().unwrap()
    }

    /// Everything beside `out` in its folder.
    fn leftovers(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "out")
            .collect();
        v.sort();
        v
    }

    /// Which complete set `out` is; panics, naming the first difference, if neither.
    fn which(&self) -> &'static str {
        let got = read_set(&self.out);
        for s in [&self.a, &self.b] {
            if got == s.files {
                return s.name;
            }
        }
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        let same_as = |s: &Set| {
            got.iter()
                .filter(|(k, v)| s.files.get(*k) == Some(v))
                .map(|(k, _)| k.clone())
                .collect::<Vec<_>>()
        };
        panic!(
            "OUT is neither complete set: files {:?}; equal to A: {:?}; equal to B: {:?}",
            names(&got),
            same_as(&self.a),
            same_as(&self.b)
        );
    }

    /// After a kill without exchange, OUT may be missing for a moment: then the only
    /// leftover holding a set is the complete backup of the previous set.
    fn missing_with_backup(&self, previous: &Set) -> bool {
        if self.out.exists() {
            return false;
        }
        let backups: Vec<String> = self
            .leftovers()
            .into_iter()
            .filter(|n| n.starts_with(".hmip-dataset.out.") && n.ends_with(".old"))
            .collect();
        assert_eq!(backups.len(), 1, "OUT missing: {:?}", self.leftovers());
        assert!(
            read_set(&self.parent.join(&backups[0])) == previous.files,
            "OUT missing and the backup is not the complete previous set"
        );
        true
    }

    fn assert_clean(&self, s: &Set) {
        assert_eq!(self.which(), s.name);
        assert_eq!(self.leftovers(), Vec::<String>::new(), "leftovers");
    }
}

/// Kills `child` when it prints `hmip: test pause <step>` (it pauses there for a minute).
fn kill_at_pause(mut child: Child, step: &str) {
    let stderr = child.stderr.take().unwrap();
    let want = format!("hmip: test pause {step}");
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line == want {
            child.kill().unwrap();
            child.wait().unwrap();
            return;
        }
        seen.push(line);
    }
    let status = child.wait().unwrap();
    panic!("no pause at {step}: {status}, stderr {seen:?}");
}

#[test]
fn killed_at_any_moment_out_is_one_complete_set() {
    let w = World::new();
    // How long a complete run takes here, so the kills cover it from start to end.
    let t0 = Instant::now();
    w.complete(&w.b);
    let run = t0.elapsed();
    let n = 14u32;
    let mut outcomes = BTreeMap::new();
    for k in 0..n {
        let (from, to) = if k % 2 == 0 {
            (&w.a, &w.b)
        } else {
            (&w.b, &w.a)
        };
        w.complete(from);
        w.assert_clean(from);
        // Every third kill without exchange: the two-rename way.
        let no_exchange = k % 3 == 2;
        let env: &[(&str, &str)] = if no_exchange {
            &[("HMIP_TEST_NO_EXCHANGE", "1")]
        } else {
            &[]
        };
        let delay = run.mul_f64(1.2 * f64::from(k) / f64::from(n - 1));
        let mut child = w.spawn(to, env);
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let outcome = if no_exchange && w.missing_with_backup(from) {
            "missing, backup of the previous"
        } else if w.which() == from.name {
            "previous"
        } else {
            "new"
        };
        eprintln!("kill after {delay:?} of {run:?}: {outcome}");
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    eprintln!("{outcomes:?}");
    // A complete run after the last kill restores and removes whatever was left.
    w.complete(&w.a);
    w.assert_clean(&w.a);
    assert!(outcomes.contains_key("previous"), "{outcomes:?}");
}

#[test]
fn killed_in_the_commit_window_out_is_one_complete_set() {
    let w = World::new();
    let cases: [(&str, bool, &str); 4] = [
        // Everything written, nothing swapped: OUT is A, the staging folder is left.
        ("before-swap", false, "A"),
        // Exchanged: OUT is B, the previous set is left under the staging name.
        ("mid-swap", false, "B"),
        ("before-swap", true, "A"),
        // OUT renamed to its backup, B not yet in place: OUT is missing.
        ("mid-swap", true, "missing"),
    ];
    for (step, no_exchange, expect) in cases {
        w.complete(&w.a);
        w.assert_clean(&w.a);
        let var = match step {
            "before-swap" => "HMIP_TEST_PAUSE_BEFORE_SWAP_MS",
            _ => "HMIP_TEST_PAUSE_MID_SWAP_MS",
        };
        let mut env = vec![(var, "60000")];
        if no_exchange {
            env.push(("HMIP_TEST_NO_EXCHANGE", "1"));
        }
        kill_at_pause(w.spawn(&w.b, &env), step);
        let case = format!("{step}, no_exchange {no_exchange}");
        let left = w.leftovers();
        assert!(
            !left.is_empty() && left.iter().all(|n| n.starts_with(".hmip-dataset.out.")),
            "{case}: {left:?}"
        );
        if expect == "missing" {
            assert!(w.missing_with_backup(&w.a), "{case}");
            // The next run puts A back first: killed before its own swap, OUT is A.
            kill_at_pause(
                w.spawn(&w.b, &[("HMIP_TEST_PAUSE_BEFORE_SWAP_MS", "60000")]),
                "before-swap",
            );
            assert_eq!(w.which(), "A", "{case}: A not restored");
        } else {
            assert_eq!(w.which(), expect, "{case}");
        }
        w.complete(&w.b);
        w.assert_clean(&w.b);
    }
}

#[test]
fn only_a_folder_hmip_wrote_is_replaced() {
    let w = World::new();
    std::fs::create_dir(&w.out).unwrap();
    std::fs::write(w.out.join("notes.txt"), "mine").unwrap();
    std::fs::write(w.out.join("reports.csv"), "mine too").unwrap();
    let o = Command::new(BIN)
        .args(args(&w.a.input, &w.out, &[]))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("will not replace the output folder") && err.contains("(notes.txt)"),
        "{err}"
    );
    assert_eq!(
        read_set(&w.out),
        BTreeMap::from([
            ("notes.txt".to_string(), b"mine".to_vec()),
            ("reports.csv".to_string(), b"mine too".to_vec()),
        ])
    );
    assert_eq!(w.leftovers(), Vec::<String>::new());

    // Tables without hmip's schema.md are not hmip's either.
    std::fs::remove_file(w.out.join("notes.txt")).unwrap();
    let o = Command::new(BIN)
        .args(args(&w.a.input, &w.out, &[]))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no schema.md written by hmip"));
    assert_eq!(
        std::fs::read(w.out.join("reports.csv")).unwrap(),
        b"mine too"
    );
}

#[test]
fn leftovers_of_other_kinds_and_live_runs_are_kept() {
    let w = World::new();
    w.complete(&w.b);
    // A database of B's run (hmip's application id) is hmip's: replaced with the set.
    assert!(w.b.files.contains_key("hmip.sqlite"));
    // An empty temporary file of an earlier hmip in OUT is hmip's too.
    std::fs::write(w.out.join(".hmip-dataset-Ab3xYz.partial"), "").unwrap();
    // Names near the leftover patterns are not hmip's leftovers.
    let near = [
        ".hmip-dataset.out.abc12.tmp",
        ".hmip-dataset.out.ABC123.tmp",
        ".hmip-dataset.other.abc123.tmp",
        "hmip-dataset.out.abc123.old",
    ];
    for n in near {
        std::fs::create_dir(w.parent.join(n)).unwrap();
        std::fs::write(w.parent.join(n).join("reports.csv"), "x").unwrap();
    }
    // A live run's staging folder is left alone by a run that starts meanwhile.
    let mut live = w.spawn(&w.b, &[("HMIP_TEST_PAUSE_BEFORE_SWAP_MS", "60000")]);
    let stderr = live.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    assert_eq!(
        lines.next().unwrap().unwrap(),
        "hmip: test pause before-swap"
    );
    let staging: Vec<String> = w
        .leftovers()
        .into_iter()
        .filter(|n| !near.contains(&n.as_str()))
        .collect();
    assert_eq!(staging.len(), 1, "{staging:?}");
    w.complete(&w.a);
    assert_eq!(w.which(), "A");
    let mut left = w.leftovers();
    let mut want: Vec<String> = near.iter().map(|s| s.to_string()).chain(staging).collect();
    left.sort();
    want.sort();
    assert_eq!(left, want);
    live.kill().unwrap();
    live.wait().unwrap();
    w.complete(&w.a);
    let left: BTreeSet<String> = w.leftovers().into_iter().collect();
    assert_eq!(left, near.iter().map(|s| s.to_string()).collect());
    assert_eq!(w.which(), "A");
}
