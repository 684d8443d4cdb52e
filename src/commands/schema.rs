//! `kzlg schema`: the table reference, from the schema.

use std::process::ExitCode;

use crate::error::Result;
use crate::report::to_stdout;

/// Print the table reference (columns, types, RDF mapping) as Markdown.
// No options yet; the struct is where they go.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs) -> Result<ExitCode> {
    to_stdout(|w| w.write_all(crate::schema::markdown().as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
