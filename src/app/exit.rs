//! Exit codes, the command line's contract (README "Exit codes").

use std::process::ExitCode;

/// How a command ended. Ordered: in a batch the worst outcome wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: every input was read and no finding is an error.
    Success,
    /// 1: at least one error finding.
    Findings,
    /// 2: an input could not be read or holds no ratings, or the command line was wrong.
    Failure,
}

impl ExitStatus {
    /// The worse of two outcomes.
    pub fn and(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        match s {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Failure => ExitCode::from(2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;

    #[test]
    fn the_worst_outcome_wins() {
        assert_eq!(Success.and(Findings), Findings);
        assert_eq!(Failure.and(Findings), Failure);
        assert_eq!(Findings.and(Success).and(Success), Findings);
    }
}
