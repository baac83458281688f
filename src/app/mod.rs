//! The command line: arguments ([`args`]), exit codes ([`exit`]), the panic guard
//! ([`guard`]) and one module per subcommand. Only this part of the program prints.

pub mod args;
mod commands;
pub mod exit;
pub mod guard;

use args::{Cli, Command};
use exit::ExitStatus;
use std::io;

/// Runs one command. Any failure outside a file's own work (a closed pipe aside) is one
/// line on standard error and exit code 2.
pub fn run(cli: Cli) -> ExitStatus {
    match guard::catch(|| dispatch(cli)) {
        Ok(Ok(status)) => status,
        Ok(Err(e)) if is_broken_pipe(&e) => ExitStatus::Success,
        Ok(Err(e)) => fail(&guard::one_line(&format!("{e:#}"))),
        Err(panic) => fail(&panic),
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Extract { file, read } => commands::extract::run(&file, &read),
        Command::Check {
            inputs,
            format,
            color,
            read,
        } => commands::check::run(&inputs, format, color, &read),
        Command::Dataset(args) => commands::dataset::run(&args),
        Command::Report { inputs, out, read } => commands::report::run(&inputs, &out, &read),
        Command::Review {
            draft,
            out,
            author,
            read,
        } => commands::review::run(&draft, &out, &author, &read),
        Command::Rule { id } => commands::rule::run(id.as_deref()),
    }
}

/// Prints `hmip: <message>` on standard error and gives exit code 2.
#[allow(clippy::print_stderr)]
pub fn fail(message: &str) -> ExitStatus {
    eprintln!("hmip: {message}");
    ExitStatus::Failure
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Reads an input file, or standard input for "-", bounded by the input limit.
pub fn read_input(name: &str, limit: u64) -> Result<Vec<u8>, hmip::Error> {
    if name == "-" {
        hmip::read_bounded(io::stdin().lock(), limit)
    } else {
        hmip::read_file(std::path::Path::new(name), limit)
    }
}

/// How an input is named in output: "<stdin>" for "-".
pub fn display(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

/// Reads and checks one named input ("-" for standard input).
pub fn check_input(name: &str, read: &args::ReadArgs) -> Result<hmip::Analysis, hmip::Error> {
    let bytes = read_input(name, read.max_input_bytes)?;
    hmip::check_owned(display(name), bytes, &read.check_options())
}
