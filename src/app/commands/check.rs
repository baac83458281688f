//! `hmip check INPUT...`: findings per input, in the order given, as text or JSON Lines.

use crate::app::args::{Color, Format, ReadArgs};
use crate::app::exit::ExitStatus;
use crate::app::{check_input, display, fail, guard};
use hmip::render;
use std::io::{IsTerminal, Write};

pub fn run(
    inputs: &[String],
    format: Format,
    color: Color,
    read: &ReadArgs,
) -> anyhow::Result<ExitStatus> {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let files = hmip::walk::expand(inputs, None);
    if files.is_empty() {
        return Ok(fail(&format!(
            "no report files found in {}",
            inputs.join(", ")
        )));
    }
    let mut out = std::io::stdout().lock();
    let mut status = ExitStatus::Success;
    for file in &files {
        let file = file.name.as_str();
        let result = guard::catch_result(|| {
            let a = check_input(file, read)?;
            let text = match format {
                Format::Human => render::human::render(&a, color),
                Format::Json => format!("{}\n", render::json::check_line(&a)),
            };
            Ok::<_, hmip::Error>((a.errors() > 0, text))
        });
        match result {
            Ok((has_errors, text)) => {
                if has_errors {
                    status = status.and(ExitStatus::Findings);
                }
                out.write_all(text.as_bytes())?;
            }
            Err(e) => {
                status = status.and(fail(&format!("{}: {e}", display(file))));
                if format == Format::Json {
                    writeln!(out, "{}", render::json::error_line(display(file), &e))?;
                }
            }
        }
        out.flush()?;
    }
    Ok(status)
}
