//! One module per subcommand.

pub mod check;
pub mod dataset;
pub mod extract;
pub mod report;
pub mod review;
pub mod rule;
