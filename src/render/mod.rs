//! Output formats. Every format renders the same [`crate::Analysis`]; only the command line decides
//! where the text goes.

pub mod html;
pub mod human;
pub mod json;
