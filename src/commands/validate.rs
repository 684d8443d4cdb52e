//! `kzlg validate`: the graph against the SHACL shapes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Error, Result};

/// How to get a kzlg that validates, for the one built without it.
pub const INSTALL: &str = "cargo install --path . --features shacl (or make install FEATURES=shacl)";

/// Check the graph against the SHACL shapes of ontology/shapes.ttl.
///
/// Prints each violation with its focus node, path, value and message. Exit code 0 when the
/// graph conforms, 1 when it does not, 2 on error. Needs the cargo feature `shacl` (make install
/// FEATURES=shacl).
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Validate this graph file (.ttl, .nt, .nq, .jsonld) instead of building from the tables.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Use these shapes (Turtle) instead of the bundled ontology/shapes.ttl.
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Without the feature `shacl`, says how to get a kzlg that has it.
#[cfg(not(feature = "shacl"))]
pub fn run(_tables: &Path, _args: ValidateArgs) -> Result<ExitCode> {
    Err(Error::Usage(format!(
        "this kzlg was built without SHACL validation (kzlg validate needs the cargo feature `shacl`)\n  hint: install a kzlg that has it, in the kzlg repository: {INSTALL}"
    )))
}

/// Validates and prints the report as text or JSON; fails (1) when the graph does not conform.
#[cfg(feature = "shacl")]
pub fn run(tables: &Path, args: ValidateArgs) -> Result<ExitCode> {
    use super::exit_if;
    use crate::error::plural;
    use crate::report::to_stdout;
    use crate::validate::{self, Data, SHAPES_TTL};
    use serde_json::json;

    let (data, shapes, json) = (args.data.as_deref(), args.shapes.as_deref(), args.json);
    let shapes_text = match shapes {
        Some(path) => std::fs::read_to_string(path).map_err(Error::read(path))?,
        None => SHAPES_TTL.to_owned(),
    };
    let report = validate::validate(data.map_or(Data::Tables(tables), Data::File), &shapes_text)?;
    to_stdout(|w| -> std::io::Result<()> {
        if json {
            let violations: Vec<_> = report
                .violations
                .iter()
                .map(|v| {
                    json!({"focusNode": v.focus, "path": v.path, "value": v.value,
                           "component": v.component, "message": v.message})
                })
                .collect();
            serde_json::to_writer_pretty(&mut *w, &json!({"conforms": report.conforms, "violations": violations}))?;
            return writeln!(w);
        }
        for v in &report.violations {
            write!(w, "{}", v.focus)?;
            if let Some(path) = &v.path {
                write!(w, "  {path}")?;
            }
            if let Some(value) = &v.value {
                write!(w, "  = {value}")?;
            }
            writeln!(w, "\n  {}  [{}]", v.message, v.component)?;
        }
        let graph = data.map_or_else(|| tables.display().to_string(), |p| p.display().to_string());
        let shapes = shapes.map_or_else(|| "ontology/shapes.ttl".to_owned(), |p| p.display().to_string());
        match report.conforms {
            true => writeln!(w, "{graph} conforms to {shapes}"),
            false => writeln!(
                w,
                "{graph} does not conform to {shapes}: {}",
                plural(report.violations.len(), "violation")
            ),
        }
    })?;
    Ok(exit_if(report.conforms))
}
