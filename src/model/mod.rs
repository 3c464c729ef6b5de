//! Data shapes: the report staff fill in and the rule pack it is judged by.

pub mod pack;
pub mod report;

pub use pack::PackSpec;
pub use report::{Raw, Report};
