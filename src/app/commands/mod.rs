//! One module per subcommand.

pub mod check;
pub mod dataset;
pub mod extract;
pub mod rule;
