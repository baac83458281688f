//! `hmip rule [ID]`: the rule list, or the published rule one check enforces.

use crate::app::exit::ExitStatus;
use crate::app::fail;
use hmip::rules;
use std::io::Write;

pub fn run(id: Option<&str>) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    let Some(id) = id else {
        for r in rules::ALL {
            writeln!(out, "{:<26} {:<8} {}", r.id, r.severity.as_str(), r.summary)?;
        }
        return Ok(ExitStatus::Success);
    };
    match rules::by_id(id) {
        Some(r) => {
            writeln!(
                out,
                "{} ({} by default)\n\n{}\n\n{}",
                r.id,
                r.severity.as_str(),
                r.summary,
                r.doc
            )?;
            Ok(ExitStatus::Success)
        }
        None => Ok(fail(&format!(
            "unknown rule {id:?}; `hmip rule` lists them"
        ))),
    }
}
