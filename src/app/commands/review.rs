//! `hmip review DRAFT.docx --out REVIEWED.docx`: a copy of the Word draft with each finding
//! as a comment on its evidence. The draft is never written to; the copy is written
//! atomically. Exit codes as for `check`.

use super::report::{refuse_inputs, write_atomically};
use crate::app::args::ReadArgs;
use crate::app::exit::ExitStatus;
use crate::app::{fail, guard};
use std::path::Path;

pub fn run(draft: &Path, out: &Path, author: &str, read: &ReadArgs) -> anyhow::Result<ExitStatus> {
    if let Err(e) = refuse_inputs(out, &[draft.to_path_buf()]) {
        return Ok(fail(&e));
    }
    let name = draft.display().to_string();
    let result = guard::catch_result(|| {
        let bytes = hmip::read_file(draft, read.max_input_bytes)?;
        let a = hmip::check_bytes(&name, &bytes, &read.check_options())?;
        let opts = hmip::review::Options {
            author: author.to_string(),
            initials: author.chars().take(8).collect(),
            date: Some(now_iso8601()),
            ..hmip::review::Options::default()
        };
        let (copy, done) = hmip::review::review(&bytes, &a, &opts)?;
        Ok::<_, hmip::Error>((a, copy, done))
    });
    let (a, copy, done) = match result {
        Ok(r) => r,
        Err(e) => return Ok(fail(&format!("{name}: {e}"))),
    };
    write_atomically(out, &copy)?;
    print_tally(out, &a, done);
    Ok(if a.errors() > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

#[allow(clippy::print_stdout)]
fn print_tally(out: &Path, a: &hmip::Analysis, done: hmip::review::Reviewed) {
    println!(
        "{}: {}; wrote {} with {} comment{} on the evidence and a summary comment{}",
        a.source.name,
        hmip::render::human::tally(a)
            .rsplit_once(": ")
            .map_or("", |(_, t)| t),
        out.display(),
        done.anchored,
        if done.anchored == 1 { "" } else { "s" },
        if done.summary_only > 0 {
            format!(
                " (listing {} finding(s) with no place in the text)",
                done.summary_only
            )
        } else {
            String::new()
        }
    );
}

/// The comments' date: `SOURCE_DATE_EPOCH` when set (reproducible output), else now; UTC.
fn now_iso8601() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    iso8601(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (the civil calendar, proleptic Gregorian).
fn iso8601(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::iso8601;

    #[test]
    fn civil_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_719_835_199), "2024-07-01T11:59:59Z");
        assert_eq!(iso8601(-1), "1969-12-31T23:59:59Z");
    }
}
