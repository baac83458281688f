//! `hmip extract FILE`: one JSON document of everything extracted (README "JSON contract").

use crate::app::args::ReadArgs;
use crate::app::exit::ExitStatus;
use crate::app::{check_input, display, fail, guard};
use std::io::Write;

pub fn run(file: &str, read: &ReadArgs) -> anyhow::Result<ExitStatus> {
    let json = guard::catch_result(|| {
        let a = check_input(file, read)?;
        serde_json::to_string_pretty(&hmip::extract::document(&a))
            .map_err(|e| hmip::Error::Io(e.into()))
    });
    match json {
        Ok(json) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}")?;
            Ok(ExitStatus::Success)
        }
        Err(e) => Ok(fail(&format!("{}: {e}", display(file)))),
    }
}
