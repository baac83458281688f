//! The one panic guard. A panic is a bug, never a report's fault: it is caught around each
//! file's work (so a batch carries on) and around the whole command, and reported as one
//! "internal error" line with where it happened; no "panicked at" or backtrace reaches
//! standard error.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Where the last panic on this thread happened, recorded by the hook for the message.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the default panic output with a record of where the panic happened.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_LOCATION.with(|p| *p.borrow_mut() = at);
    }));
}

/// Runs `work` with panics caught: a panic becomes `Err("internal error: …")`, one line.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(work))
        .map_err(|payload| format!("internal error: {}", panic_message(payload.as_ref())))
}

/// [`catch`] for work that can fail: its error becomes its message on one line.
pub fn catch_result<T, E: std::fmt::Display>(
    work: impl FnOnce() -> Result<T, E>,
) -> Result<T, String> {
    catch(work).and_then(|r| r.map_err(|e| one_line(&e.to_string())))
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

/// Messages go to standard error as exactly one line.
pub fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_one_internal_error_line() {
        let r: Result<(), String> = catch(|| panic!("boom\nsecond line"));
        let e = r.unwrap_err();
        assert!(e.starts_with("internal error: boom second line"), "{e}");
        assert!(!e.contains('\n'));
        let r: Result<(), String> = catch_result(|| Err(hmip::Error::NoRatings));
        assert!(r.unwrap_err().starts_with("no recognisable ratings"));
    }
}
