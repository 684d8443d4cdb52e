//! One module per subcommand, each with a `run` function that the binary calls.

pub mod build;
pub mod check_evidence;
pub mod link;
pub mod queries;
pub mod query;
pub mod resolve;
pub mod stats;
