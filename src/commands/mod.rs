//! One module per subcommand, each with a `run` function that the binary calls.

pub mod analyse;
pub mod build;
pub mod chain;
pub mod check_evidence;
pub mod export;
pub mod link;
pub mod queries;
pub mod query;
pub mod resolve;
pub mod stats;
pub mod validate;
