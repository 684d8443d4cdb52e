//! kzlg: the knowledge graph of Kazakhstan's local government.
//!
//! The curated tables (`extracted/*.csv`) are checked against [`schema`] and turned into RDF by
//! [`load`] and [`rdf`]; [`output`] writes the files of `dist/`, [`store`] loads an oxigraph
//! store, and [`sparql`] answers queries. The binary's subcommands, each with its arguments,
//! live in [`commands`]; [`cli`] is the top of the command line.

#[macro_use]
pub mod vocab;

pub mod analysis;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod coverage;
pub mod date;
pub mod entity;
pub mod error;
pub mod evidence;
pub mod export;
pub mod history;
pub mod load;
pub mod network;
pub mod output;
pub mod page;
pub mod progress;
pub mod publish;
pub mod rdf;
pub mod report;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slots;
pub mod sparql;
pub mod sparql_functions;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod tally;
pub mod time;
#[cfg(feature = "shacl")]
pub mod validate;

pub use error::{Diagnostic, Error, Result};
