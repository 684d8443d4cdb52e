//! `kzlg queries`: list the catalogue.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalogue;
use crate::error::Result;
use crate::report::to_stdout;
use crate::sparql::params;

/// List the catalogue of ready queries.
#[derive(Debug, clap::Args)]
pub struct QueriesArgs {
    /// Folder of the query catalogue.
    #[arg(long, value_name = "DIR", default_value = "queries")]
    catalogue: PathBuf,
    /// Show the question each query answers and its parameters (name, kind, what it is, the
    /// default), which `kzlg query NAME --param NAME=VALUE` sets.
    #[arg(long, short)]
    long: bool,
}

pub fn run(args: QueriesArgs) -> Result<ExitCode> {
    let entries = catalogue::list(&args.catalogue)?;
    let width = entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
    to_stdout(|w| {
        for entry in &entries {
            writeln!(w, "{:<width$}  {}", entry.name, entry.title)?;
            if !args.long {
                continue;
            }
            if !entry.question.is_empty() {
                writeln!(w, "{:<width$}  {}", "", entry.question)?;
            }
            for param in params::declared(&entry.text).0 {
                let description = match param.description.is_empty() {
                    true => String::new(),
                    false => format!(": {}", param.description),
                };
                let default = match param.default.is_empty() {
                    true => "no default".to_owned(),
                    false => format!("default {}", param.default),
                };
                writeln!(
                    w,
                    "{:<width$}  param {} ({}){description}; {default}",
                    "", param.name, param.kind
                )?;
            }
        }
        Ok::<_, std::io::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
