//! The top of the command line: the program's name and description, and the global `--tables`.
//!
//! Why the subcommands are not here: each one's arguments are an args struct in its own file of
//! `commands/`, beside the `run` that reads them, and typed with the library's own value enums
//! (`sparql::Format`, `network::View`, ...) rather than mirrored ones. So that this file still
//! imports only clap and std, and can be read on its own, [`Cli`] is generic over the subcommand
//! enum; `commands::Cli` is `Cli<commands::Command>`, the whole command line, from which
//! `kzlg` parses its arguments and the hidden `kzlg generate` writes the man pages and shell
//! completions (at install time, so no build script is needed).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kzlg: the knowledge graph of Kazakhstan's local government.
///
/// Builds an RDF graph from the curated tables in extracted/, and queries, exports and links it.
#[derive(Debug, Parser)]
#[command(name = "kzlg", version, about, long_about, max_term_width = 100)]
pub struct Cli<C: Subcommand> {
    /// Folder of the curated tables.
    #[arg(long, global = true, value_name = "DIR", default_value = "extracted")]
    pub tables: PathBuf,

    #[command(subcommand)]
    pub command: C,
}
