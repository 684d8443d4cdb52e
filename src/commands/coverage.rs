//! `kzlg coverage`: which paragraphs of the sources no row cites.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use super::exit_if;
use crate::coverage::{self, Coverage};
use crate::error::{Error, Result, plural};
use crate::report::{self, Format, Table};

/// Show how much of each source document the rows cite, paragraph by paragraph.
///
/// A row cites the paragraph holding the line where its quote starts. Paragraphs that hold no
/// fact are listed in the exempt list (source,line,reason; at most a tenth of a source's
/// paragraphs). JSON holds the summary and the uncovered paragraphs; CSV one of them.
///
/// Exit code 0 when every fact-bearing paragraph is cited, 1 when some are not, 2 on error.
#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    /// Folder of the source documents.
    #[arg(long, value_name = "DIR")]
    sources: PathBuf,
    /// The exempt list: paragraphs that hold no fact, with a reason each.
    #[arg(long, value_name = "FILE", default_value = "coverage/exempt.csv")]
    exempt: PathBuf,
    /// Also list the uncovered paragraphs (with --format csv: only them).
    #[arg(long)]
    uncovered: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    format: Format,
}

/// Prints the coverage per source (and the uncovered paragraphs); fails (1) when a fact-bearing
/// paragraph is not cited.
pub fn run(tables: &Path, args: CoverageArgs) -> Result<ExitCode> {
    let report = coverage::measure(tables, &args.sources, &args.exempt)?;
    if report.unfound > 0 {
        writeln!(
            std::io::stderr(),
            "warning: {} not found where their rows say cite no paragraph (see kzlg check-evidence)",
            plural(report.unfound, "quote")
        )
        .map_err(Error::write("standard error"))?;
    }
    let summary = summary(&report.sources);
    let uncovered = uncovered(&report.sources);
    let tables = match (args.format, args.uncovered) {
        (Format::Csv, true) => vec![uncovered],
        (Format::Csv, false) | (Format::Table, false) => vec![summary],
        (Format::Table, true) | (Format::Json, _) => vec![summary, uncovered],
    };
    report::print(&tables, args.format)?;
    Ok(exit_if(report.sources.iter().all(|s| s.uncovered.is_empty())))
}

fn summary(sources: &[Coverage]) -> Table {
    let row = |source: &str, paragraphs: usize, exempt: usize, cited: usize| {
        let share = coverage::percent(cited, paragraphs - exempt);
        vec![
            Value::from(source),
            Value::from(paragraphs),
            Value::from(exempt),
            Value::from(paragraphs - exempt),
            Value::from(cited),
            Value::from((share * 10.0).round() / 10.0),
        ]
    };
    let mut rows: Vec<Vec<Value>> = sources
        .iter()
        .map(|s| row(&s.source, s.paragraphs, s.exempt, s.cited))
        .collect();
    let total = |count: fn(&Coverage) -> usize| sources.iter().map(count).sum::<usize>();
    rows.push(row(
        "total",
        total(|s| s.paragraphs),
        total(|s| s.exempt),
        total(|s| s.cited),
    ));
    Table {
        name: "sources",
        title: "Paragraphs of each source cited by the rows (covered: % of the fact-bearing ones)".to_owned(),
        header: vec!["source", "paragraphs", "exempt", "fact_bearing", "cited", "covered"],
        rows,
    }
}

fn uncovered(sources: &[Coverage]) -> Table {
    let rows = sources
        .iter()
        .flat_map(|s| {
            s.uncovered.iter().map(|p| {
                vec![
                    Value::from(s.source.as_str()),
                    Value::from(p.first),
                    Value::from(p.last),
                    Value::from(p.opening()),
                ]
            })
        })
        .collect();
    Table {
        name: "uncovered",
        title: "Fact-bearing paragraphs that no row cites".to_owned(),
        header: vec!["source", "first", "last", "text"],
        rows,
    }
}
