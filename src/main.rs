//! The `hmip` binary: parses arguments, runs one command, maps its outcome to an exit
//! code. The work is the library's; the command line is `app`'s.

mod app;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    app::guard::install();
    let cli = app::args::Cli::parse();
    app::run(cli).into()
}
