//! kzlg: the knowledge graph of Kazakhstan's local government.
//!
//! The curated tables (`extracted/*.csv`) are checked against [`schema`] and turned into RDF by
//! [`load`] and [`rdf`]; [`graph`] writes the files, [`store`] loads an oxigraph store, and
//! [`sparql`] answers queries. The binary's subcommands live in [`commands`].

#[macro_use]
pub mod vocab;

pub mod analysis;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod date;
pub mod entity;
pub mod error;
pub mod evidence;
pub mod export;
pub mod graph;
pub mod load;
pub mod network;
pub mod rdf;
pub mod report;
pub mod resolve;
pub mod schema;
pub mod sparql;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod validate;
pub mod void;

pub use error::{Diagnostic, Error, Result};
