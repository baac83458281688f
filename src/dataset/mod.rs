//! `hmip dataset`: tidy tables (CSV, JSON Lines, optionally SQLite) from an archive of
//! reports.
//!
//! Files are processed in parallel on a local rayon pool, in chunks taken in path order:
//! each chunk's files are read, analysed and turned into rows at once (the [`Analysis`] is
//! dropped there), then the chunk's rows are written in path order before the next chunk
//! starts. Memory is thus bounded by the chunk size, not the number of files, and the
//! output does not depend on thread timing. Outputs are committed atomically ([`sink`]).
//!
//! [`Analysis`]: crate::Analysis

pub mod rows;
pub mod schema;
pub mod sink;
pub mod summary;

use crate::cli::ReadArgs;
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rows::Processed;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `hmip dataset`.
#[derive(Debug, Args, Clone)]
pub struct DatasetArgs {
    /// Report files or folders (folders are searched for .pdf, .docx and .txt files).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Output folder (created if missing); existing tables in it are replaced.
    #[arg(long)]
    pub out: PathBuf,
    /// Only take files in folders whose path or name matches this glob (e.g. '*.pdf');
    /// repeat for several. Files named on the command line are always taken.
    #[arg(long)]
    pub glob: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Also write the tables to this SQLite database (replaced if it exists).
    #[arg(long)]
    pub sqlite: Option<PathBuf>,
    /// Also write summary.md: rating distributions and the most common findings.
    #[arg(long)]
    pub summary: bool,
    /// No progress bar, no per-file messages and no closing line on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// What a run did, for the exit code and the closing line.
#[derive(Debug, Default)]
pub struct Outcome {
    pub reports: usize,
    pub unreadable: usize,
    pub with_errors: usize,
}

/// Files analysed together before their rows are written; bounds memory.
const CHUNK: usize = 64;

/// Shows the progress bar for batches larger than this.
const PROGRESS_MIN: usize = 3;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Reads a file, bounded by the input limit.
fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, crate::Error> {
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(crate::Error::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// One file → its rows. Never fails: any problem makes an `unreadable` row.
fn process(input: &crate::walk::Input, read: &ReadArgs, opts: &crate::input::Options) -> Processed {
    let path = input.name.as_str();
    let bytes = match read_bounded(&input.path, read.max_input_bytes) {
        Ok(b) => b,
        Err(e) => return rows::unreadable(path, None, &e.to_string()),
    };
    let sha = hex(&Sha256::digest(&bytes));
    // A hostile file must not take the batch down, even if it trips a bug.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut a = crate::analyse(path, &bytes, opts, read.framework.as_deref())?;
        a.filter_rules(&read.select, &read.ignore)?;
        let doc = crate::extract::document(&a);
        let json = serde_json::to_string(&doc).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok::<_, crate::Error>((doc, json))
    }));
    match result {
        Ok(Ok((doc, json))) => rows::readable(path, sha, &doc, json),
        Ok(Err(e)) => rows::unreadable(path, Some(sha), &e.to_string()),
        Err(p) => rows::unreadable(
            path,
            Some(sha),
            &format!(
                "internal error while reading: {}",
                panic_message(p.as_ref())
            ),
        ),
    }
}

/// Runs the dataset command. `progress` is true when stderr is a terminal.
#[allow(clippy::print_stderr)]
pub fn run(args: &DatasetArgs, progress: bool) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    // A mistyped rule id is a usage error before any work, not a row per file.
    for id in args.read.select.iter().chain(&args.read.ignore) {
        if crate::rules::by_id(id).is_none() {
            anyhow::bail!("unknown rule {id:?} (`hmip rule` lists them)");
        }
    }
    let globs = crate::walk::globs(&args.glob)?;
    let files = crate::walk::expand_sorted(&args.inputs, globs.as_ref());
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
    let mut out = sink::Outputs::create(&args.out, args.sqlite.as_deref())?;

    let bar = (progress && !args.quiet && files.len() > PROGRESS_MIN).then(|| {
        let bar =
            ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} reports  {per_sec}  eta {eta}")
        {
            bar.set_style(style);
        }
        bar
    });

    let opts = crate::input::Options {
        max_input_bytes: args.read.max_input_bytes,
        as_original: args.read.as_original,
        ..crate::input::Options::default()
    };
    let mut summary = summary::Summary::default();
    let mut outcome = Outcome::default();
    let chunk_size = CHUNK.max(jobs * 8);
    for chunk in files.chunks(chunk_size) {
        let processed: Vec<Processed> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let p = process(input, &args.read, &opts);
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
    out.commit(&args.out, &extra)?;

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
    Ok(outcome)
}
