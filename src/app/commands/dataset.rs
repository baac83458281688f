//! `hmip dataset PATH... --out DIR`: the batch driver.
//!
//! Files are processed in parallel on a local rayon pool, in chunks taken in path order:
//! each chunk's files are read, analysed and turned into rows at once (the analysis is
//! dropped there), then the chunk's rows are written in path order before the next chunk
//! starts. Memory is thus bounded by the chunk size, not the number of files, and the
//! output does not depend on thread timing. The outputs are committed atomically by
//! [`hmip::dataset::sink`].

use crate::app::args::DatasetArgs;
use crate::app::exit::ExitStatus;
use crate::app::guard;
use anyhow::Context;
use hmip::dataset::rows::{self, Processed};
use hmip::dataset::{schema, sink, summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::time::Instant;

/// Files analysed together before their rows are written; bounds memory.
const CHUNK: usize = 64;

/// Shows the progress bar for batches larger than this.
const PROGRESS_MIN: usize = 3;

/// What a run did, for the exit code and the closing line.
#[derive(Debug, Default)]
struct Outcome {
    reports: usize,
    unreadable: usize,
    with_errors: usize,
}

/// One file → its rows. Never fails: any problem, a panic included, makes an `unreadable`
/// row, so a hostile file cannot take the batch down.
fn process(input: &hmip::walk::Input, opts: &hmip::CheckOptions) -> Processed {
    let name = input.name.as_str();
    let bytes = match hmip::read_file(&input.path, opts.read.max_input_bytes) {
        Ok(b) => b,
        Err(e) => return rows::unreadable(name, None, &e.to_string()),
    };
    guard::catch(|| hmip::dataset::file_rows(name, &bytes, opts)).unwrap_or_else(|panic| {
        let sha = hmip::dataset::sha256_hex(&bytes);
        rows::unreadable(
            name,
            Some(sha),
            &panic.replacen("internal error", "internal error while reading", 1),
        )
    })
}

fn progress_bar(args: &DatasetArgs, files: usize) -> Option<ProgressBar> {
    let wanted = std::io::stderr().is_terminal() && !args.quiet && files > PROGRESS_MIN;
    wanted.then(|| {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} reports  {per_sec}  eta {eta}")
        {
            bar.set_style(style);
        }
        bar
    })
}

/// Hidden hooks for the kill tests (`tests/dataset_kill.rs`): `HMIP_TEST_NO_EXCHANGE=1`
/// swaps the folder by two renames; `HMIP_TEST_PAUSE_BEFORE_SWAP_MS=N` and
/// `HMIP_TEST_PAUSE_MID_SWAP_MS=N` print `hmip: test pause <step>` and sleep N ms there.
#[allow(clippy::print_stderr)]
fn test_hooks() -> sink::TestHooks {
    let ms = |var: &str| {
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(std::time::Duration::from_millis)
    };
    let before = ms("HMIP_TEST_PAUSE_BEFORE_SWAP_MS");
    let mid = ms("HMIP_TEST_PAUSE_MID_SWAP_MS");
    let at: Option<Box<dyn Fn(sink::Step)>> = (before.is_some() || mid.is_some()).then(|| {
        Box::new(move |step| {
            let (pause, name) = match step {
                sink::Step::BeforeSwap => (before, "before-swap"),
                sink::Step::MidSwap => (mid, "mid-swap"),
            };
            if let Some(d) = pause {
                eprintln!("hmip: test pause {name}");
                std::thread::sleep(d);
            }
        }) as Box<dyn Fn(sink::Step)>
    });
    sink::TestHooks {
        no_exchange: std::env::var_os("HMIP_TEST_NO_EXCHANGE").is_some_and(|v| v == "1"),
        at,
    }
}

#[allow(clippy::print_stderr)]
pub fn run(args: &DatasetArgs) -> anyhow::Result<ExitStatus> {
    let start = Instant::now();
    // A mistyped rule id is a usage error before any work, not a row per file.
    hmip::rules::known(args.read.select.iter().chain(&args.read.ignore))?;
    let globs = hmip::walk::globs(&args.glob)?;
    let files = hmip::walk::expand_sorted(&args.inputs, globs.as_ref());
    if files.is_empty() {
        anyhow::bail!("no report files found in {}", args.inputs.join(", "));
    }
    let jobs = match args.jobs {
        Some(0) => anyhow::bail!("--jobs must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("hmip-dataset-{i}"))
        // As much stack as the main thread: parsing a hostile file must not overflow here
        // when it would not in `hmip extract`.
        .stack_size(8 * 1024 * 1024)
        .build()
        .context("cannot start worker threads")?;

    // Fails here, before any work, if the output folder is not writable.
    let mut out =
        sink::Outputs::create(&args.out, args.sqlite.as_deref())?.with_test_hooks(test_hooks());
    let bar = progress_bar(args, files.len());
    let opts = args.read.check_options();
    let mut summary = summary::Summary::default();
    let mut outcome = Outcome::default();
    for chunk in files.chunks(CHUNK.max(jobs * 8)) {
        let processed: Vec<Processed> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let p = process(input, &opts);
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                    p
                })
                .collect()
        });
        for (input, p) in chunk.iter().zip(processed) {
            out.write(&p)?;
            outcome.reports += 1;
            match &p.unreadable {
                Some(reason) => {
                    outcome.unreadable += 1;
                    summary.add_unreadable();
                    if !args.quiet {
                        let msg = format!("hmip: {}: {reason}", input.name);
                        match &bar {
                            Some(b) => b.println(msg),
                            None => eprintln!("{msg}"),
                        }
                    }
                }
                None => {
                    if p.errors > 0 {
                        outcome.with_errors += 1;
                    }
                    summary.add(&p.stats, p.errors);
                }
            }
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let mut extra = vec![("schema.md", schema::markdown(args.sqlite.is_some()))];
    if args.summary {
        extra.push(("summary.md", summary.markdown()));
    }
    let notes = out.commit(&extra)?;
    for n in notes {
        eprintln!("hmip: {n}");
    }

    if !args.quiet {
        eprintln!(
            "hmip dataset: {} reports, {} unreadable, {} with errors in {:.2}s; wrote {}",
            outcome.reports,
            outcome.unreadable,
            outcome.with_errors,
            start.elapsed().as_secs_f64(),
            args.out.display()
        );
    }
    Ok(if outcome.unreadable > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
