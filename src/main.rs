//! The `hmip` binary: parses arguments, runs a command, maps the result to an exit code.
//! All the work is in the library.

use clap::Parser;
use hmip::cli::{Cli, Color, Command, Format, ReadArgs};
use hmip::{analyse, input, render, rules, Analysis, Error};
use std::cell::RefCell;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

thread_local! {
    /// Where the last panic on this thread happened, recorded by the panic hook for the
    /// one-line "internal error" report.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn main() -> ExitCode {
    // No "panicked at" and no backtrace on stderr: a panic is caught (per file, or around
    // the whole command) and reported as one "internal error" line, exit code 2.
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_LOCATION.with(|p| *p.borrow_mut() = at);
    }));
    let cli = Cli::parse();
    match panic::catch_unwind(AssertUnwindSafe(|| run(cli))) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("hmip: {}", one_line(&format!("{e:#}")));
            ExitCode::from(2)
        }
        Err(payload) => {
            eprintln!("hmip: internal error: {}", panic_message(payload.as_ref()));
            ExitCode::from(2)
        }
    }
}

/// The message of a caught panic, on one line, with where it happened.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let at = PANIC_LOCATION.with(|p| p.borrow_mut().take());
    one_line(&match at {
        Some(at) => format!("{msg} (at {at})"),
        None => msg,
    })
}

/// Messages go to stderr as exactly one line.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs one file's work with panics caught: a panic becomes an "internal error" message,
/// a typed error its own message, so one bad file never stops a batch.
fn guarded<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, String> {
    match panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(one_line(&e.to_string())),
        Err(payload) => Err(format!(
            "internal error: {}",
            panic_message(payload.as_ref())
        )),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn options(read: &ReadArgs) -> input::Options {
    input::Options {
        max_input_bytes: read.max_input_bytes,
        as_original: read.as_original,
        ..input::Options::default()
    }
}

/// Reads a file (or stdin for "-"), bounded by the input limit.
fn read_input(name: &str, limit: u64) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let cap = limit.saturating_add(1);
    if name == "-" {
        io::stdin().lock().take(cap).read_to_end(&mut buf)?;
    } else {
        std::fs::File::open(name)?.take(cap).read_to_end(&mut buf)?;
    }
    if buf.len() as u64 > limit {
        return Err(Error::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

/// How an input is named in output: "<stdin>" for "-".
fn display(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

fn analyse_file(name: &str, read: &ReadArgs) -> Result<Analysis, Error> {
    let bytes = read_input(name, read.max_input_bytes)?;
    let mut a = analyse(
        display(name),
        &bytes,
        &options(read),
        read.framework.as_deref(),
    )?;
    a.filter_rules(&read.select, &read.ignore)?;
    Ok(a)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Extract { file, read } => match guarded(|| {
            let a = analyse_file(&file, &read)?;
            serde_json::to_string_pretty(&hmip::extract::document(&a))
                .map_err(|e| Error::Io(e.into()))
        }) {
            Ok(json) => {
                writeln!(out, "{json}")?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("hmip: {}: {e}", display(&file));
                Ok(ExitCode::from(2))
            }
        },
        Command::Check {
            inputs,
            format,
            color,
            read,
        } => {
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let files: Vec<String> = hmip::walk::expand(&inputs, None)
                .into_iter()
                .map(|i| i.name)
                .collect();
            let (mut failed, mut errors) = (false, false);
            if files.is_empty() {
                eprintln!("hmip: no report files found in {}", inputs.join(", "));
                return Ok(ExitCode::from(2));
            }
            for file in &files {
                let result = guarded(|| {
                    let a = analyse_file(file, &read)?;
                    let text = match format {
                        Format::Human => render::human::render(&a, color),
                        Format::Json => format!("{}\n", render::json::check_line(&a)),
                    };
                    Ok((a.errors() > 0, text))
                });
                match result {
                    Ok((has_errors, text)) => {
                        errors |= has_errors;
                        out.write_all(text.as_bytes())?;
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("hmip: {}: {e}", display(file));
                        if format == Format::Json {
                            writeln!(out, "{}", render::json::error_line(display(file), &e))?;
                        }
                    }
                }
                out.flush()?;
            }
            Ok(if failed {
                ExitCode::from(2)
            } else if errors {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Dataset(args) => {
            let outcome = hmip::dataset::run(&args, io::stderr().is_terminal())?;
            Ok(if outcome.unreadable > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Rule { id: None } => {
            for r in rules::ALL {
                writeln!(out, "{:<26} {:<8} {}", r.id, r.severity.as_str(), r.summary)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rule { id: Some(id) } => match rules::by_id(&id) {
            Some(r) => {
                writeln!(
                    out,
                    "{} ({} by default)\n\n{}\n\n{}",
                    r.id,
                    r.severity.as_str(),
                    r.summary,
                    r.doc
                )?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("hmip: unknown rule {id:?}; `hmip rule` lists them");
                Ok(ExitCode::from(2))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_one_internal_error_line() {
        let r: Result<(), String> = guarded(|| panic!("boom\nsecond line"));
        let e = r.unwrap_err();
        assert!(e.starts_with("internal error: boom second line"), "{e}");
        assert!(!e.contains('\n'));
        let r: Result<(), String> = guarded(|| Err(Error::NoRatings));
        assert!(r.unwrap_err().starts_with("no recognisable ratings"));
    }
}
