//! Command-line arguments (clap derive). Names here are a contract: scripts use them.
//! Every clap type lives here; the library only sees the plain options they turn into.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hmip",
    version,
    about = "Extract and check the ratings in HM Inspectorate of Probation inspection reports",
    after_help = "Exit codes: 0 no error findings; 1 at least one error finding; 2 a file could not be read or holds no recognisable ratings (usage errors also exit 2)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one JSON document of everything extracted from a report.
    Extract {
        /// A report (.txt, .pdf or .docx, recognised by content), or - for standard input.
        file: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check reports against the published rating rules and print findings.
    Check {
        /// Reports, folders (searched for .txt, .pdf, .docx) or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Colour in human output.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write tidy tables (CSV, JSON Lines, optional SQLite) from a folder of reports.
    Dataset(DatasetArgs),
    /// Write one self-contained HTML page of the ratings, charts, findings and coverage of
    /// each report (an overview table first when there are several).
    Report {
        /// Reports, folders (searched for .txt, .pdf, .docx) or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// The HTML file to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write a copy of a Word draft with each finding as a Word comment on its evidence.
    Review {
        /// The Word draft (.docx).
        draft: PathBuf,
        /// The reviewed copy to write (never the draft itself; replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Author of the comments.
        #[arg(long, default_value = "hmip")]
        author: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// List the rules, or print one rule's documentation.
    Rule {
        /// A rule id, such as band-rule.
        id: Option<String>,
    },
}

#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// Use this framework instead of detecting it (e.g. youth-2018).
    #[arg(long)]
    pub framework: Option<String>,
    /// Word documents: read as if every tracked change were rejected.
    #[arg(long)]
    pub as_original: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    pub max_input_bytes: u64,
    /// Report only these rules (comma-separated ids; see `hmip rule`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl ReadArgs {
    /// The library's options for reading and checking one input.
    pub fn check_options(&self) -> hmip::CheckOptions {
        hmip::CheckOptions {
            read: hmip::ReadOptions {
                max_input_bytes: self.max_input_bytes,
                as_original: self.as_original,
                ..hmip::ReadOptions::default()
            },
            framework: self.framework.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated diagnostics for people.
    Human,
    /// One JSON object per input file per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
