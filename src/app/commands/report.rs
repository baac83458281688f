//! `hmip report INPUT... --out FILE.html`: one self-contained HTML page of every input
//! (an overview table first when there are several), written atomically. Exit codes as
//! for `check`; an input that cannot be read is named on standard error and in the page.

use crate::app::args::ReadArgs;
use crate::app::exit::ExitStatus;
use crate::app::{check_input, display, fail, guard};
use anyhow::Context;
use hmip::render::html;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(inputs: &[String], out: &Path, read: &ReadArgs) -> anyhow::Result<ExitStatus> {
    let files = hmip::walk::expand(inputs, None);
    if files.is_empty() {
        return Ok(fail(&format!(
            "no report files found in {}",
            inputs.join(", ")
        )));
    }
    let paths: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.name != "-")
        .map(|f| f.path.clone())
        .collect();
    if let Err(e) = refuse_inputs(out, &paths) {
        return Ok(fail(&e));
    }
    let mut status = ExitStatus::Success;
    let mut analyses = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        let name = file.name.as_str();
        match guard::catch_result(|| check_input(name, read)) {
            Ok(a) => {
                if a.errors() > 0 {
                    status = status.and(ExitStatus::Findings);
                }
                analyses.push(a);
            }
            Err(e) => {
                status = status.and(fail(&format!("{}: {e}", display(name))));
                failures.push(html::Failure {
                    name: display(name).to_string(),
                    error: e,
                });
            }
        }
    }
    let page = guard::catch(|| html::render(&analyses, &failures, &html::Options::default()))
        .map_err(|e| anyhow::anyhow!(e))?;
    write_atomically(out, page.as_bytes())?;
    Ok(status)
}

/// Refuses an output that is one of the inputs (compared as canonical paths).
pub fn refuse_inputs(out: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    let Some(target) = canonical_target(out) else {
        return Ok(());
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|p| p == target) {
            return Err(format!(
                "--out {} is the input {}: choose another file",
                out.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// The canonical path `out` names, whether or not it exists yet.
fn canonical_target(out: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(out) {
        return Some(p);
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(out.file_name()?))
}

/// Writes `bytes` to `out` through a temporary file in the same folder and a rename, so
/// `out` is either the old file or the whole new one.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".hmip-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary file is private (0600); the written file is an ordinary one.
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", out.display()))?;
    tmp.persist(out)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}
