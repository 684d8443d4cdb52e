//! `kzlg validate`: the graph against the SHACL shapes.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::error::{Error, Result, plural};
use crate::validate::{self, Data, SHAPES_TTL};

/// Validates and prints the report as text or JSON; returns whether the graph conforms.
pub fn run(tables: &Path, data: Option<&Path>, shapes: Option<&Path>, json: bool) -> Result<bool> {
    let shapes_text = match shapes {
        Some(path) => std::fs::read_to_string(path).map_err(Error::read(path))?,
        None => SHAPES_TTL.to_owned(),
    };
    let report = validate::validate(data.map_or(Data::Tables(tables), Data::File), &shapes_text)?;
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let print = (|| -> std::io::Result<()> {
        if json {
            let violations: Vec<_> = report
                .violations
                .iter()
                .map(|v| {
                    json!({"focusNode": v.focus, "path": v.path, "value": v.value,
                           "component": v.component, "message": v.message})
                })
                .collect();
            serde_json::to_writer_pretty(&mut w, &json!({"conforms": report.conforms, "violations": violations}))?;
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
    })();
    print.map_err(Error::write("standard output"))?;
    Ok(report.conforms)
}
