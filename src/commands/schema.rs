//! `kzlg schema`: the schema's declarations, as the Markdown column reference or as JSON.

use std::process::ExitCode;

use crate::error::Result;
use crate::report::to_stdout;

/// Print the table reference (columns, types, RDF mapping) as Markdown, or every declaration
/// of the schema as JSON.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Print the tables, relations (with family, labels and edge rule), link schemes, unit
    /// types, entity kinds and prefixes as JSON, for other programs.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: SchemaArgs) -> Result<ExitCode> {
    let text = if args.json {
        crate::schema::json()
    } else {
        crate::schema::markdown()
    };
    to_stdout(|w| w.write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
