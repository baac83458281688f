//! `hmip dataset`: a structured dataset from an archive of reports (placeholder; being
//! written).

use clap::Args;

/// Arguments of `hmip dataset`.
#[derive(Debug, Args, Clone)]
pub struct DatasetArgs {
    /// Report files or folders.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Output folder.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

/// What a run did, for the exit code and the closing line.
#[derive(Debug, Default)]
pub struct Outcome {
    pub reports: usize,
    pub unreadable: usize,
    pub with_errors: usize,
}

/// Runs the dataset command. `progress` is true when stderr is a terminal.
pub fn run(_args: &DatasetArgs, _progress: bool) -> anyhow::Result<Outcome> {
    anyhow::bail!("dataset is not implemented yet")
}
