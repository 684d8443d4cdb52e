//! `kzlg resolve`: every entity a name can mean, ranked, with why.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::report::{self, Format, Table};
use crate::search::{Candidate, Index};

/// Find every entity a name can mean, in any spelling, script or transliteration.
///
/// Matches whole names, any word of a name (a surname, a given name, the city in a body's
/// name), words begun (prefixes), every alias and former name, and near misses, in Latin or
/// Cyrillic. Candidates are ranked by score (1 for a whole name; ties by id), each with its
/// type, its region and why it matched. `-` reads one name a line from standard input and
/// adds a `query` column. Exit code 0 when something matched (with `-`: every name), 1 when
/// nothing did, 2 on error.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The name: "Mustafin", "Zhambyl", "Токаев", "Petropavlovsk", "akim"...; `-` reads one
    /// name a line from standard input.
    #[arg(required = true, value_name = "NAME")]
    name: Vec<String>,
    /// Only entities of this kind (person, unit, post, body, org, law, program, event, plan,
    /// document) or class (Region, City, District, Akim, Akimat, donor...).
    #[arg(long = "type", value_name = "KIND")]
    kind: Option<String>,
    /// Only entities that lie in this region or city of republican significance: its id or a
    /// name (north-kazakhstan-region, "Karaganda", Алматы).
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// Show at most this many candidates (default: all).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format (default: a table on a terminal, CSV otherwise).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
}

/// Reasons a table row shows; CSV and JSON give them all.
const REASONS_SHOWN: usize = 2;

pub fn run(tables: &Path, args: ResolveArgs) -> Result<ExitCode> {
    let batch = args.name == ["-"];
    let queries = match batch {
        true => read_names()?,
        false => vec![args.name.join(" ")],
    };
    let index = Index::read(tables)?;
    let filters = index.filters(args.kind.as_deref(), args.region.as_deref())?;
    let format = Format::or_default(args.format);
    let (mut rows, mut unmatched, mut found) = (Vec::new(), 0, 0);
    for query in &queries {
        let mut candidates = index.find(query, &filters);
        found += candidates.len();
        unmatched += usize::from(candidates.is_empty());
        candidates.truncate(args.limit.unwrap_or(usize::MAX));
        for candidate in &candidates {
            let mut cells = row(&index, candidate, format);
            if batch {
                cells.insert(0, Value::from(query.as_str()));
            }
            rows.push(cells);
        }
    }
    let mut header = vec!["score", "entity", "type", "name", "region", "why"];
    if batch {
        header.insert(0, "query");
    }
    let title = title(&args, &queries, found, rows.len(), unmatched);
    let table = Table {
        name: "candidates",
        title,
        header,
        rows,
    };
    report::print(&[table], format)?;
    Ok(if unmatched > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The names of standard input, one a line; blank lines are skipped.
fn read_names() -> Result<Vec<String>> {
    let text = std::io::read_to_string(std::io::stdin()).map_err(Error::read("standard input"))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// `3 entities "Zhambyl" may mean, best first`, with the filters, what `--limit` left out, and
/// for `-` how many names found nothing.
fn title(args: &ResolveArgs, queries: &[String], found: usize, shown: usize, unmatched: usize) -> String {
    let mut within = Vec::new();
    if let Some(kind) = &args.kind {
        within.push(format!("of type {kind}"));
    }
    if let Some(region) = &args.region {
        within.push(format!("in {region}"));
    }
    let within = match within.is_empty() {
        true => String::new(),
        false => format!(" ({})", within.join(", ")),
    };
    let entities = |n: usize| if n == 1 { "entity" } else { "entities" };
    match queries {
        [query] if found == 0 => format!("No entity is called {query:?}{within}"),
        [query] if shown < found => format!("{shown} of the {found} entities {query:?} may mean{within}, best first"),
        [query] => format!("{found} {} {query:?} may mean{within}, best first", entities(found)),
        _ => format!(
            "{shown} candidate {} for {} names{within}, best first for each; {unmatched} found nothing",
            entities(shown),
            queries.len()
        ),
    }
}

/// One candidate: JSON keeps the regions and reasons as lists.
fn row(index: &Index, candidate: &Candidate<'_>, format: Format) -> Vec<Value> {
    let entity = candidate.entity;
    let regions: Vec<&str> = entity.regions.iter().map(|r| index.label(r)).collect();
    let reasons: Vec<String> = candidate.reasons.iter().map(ToString::to_string).collect();
    let (region, why) = match format {
        Format::Json => (Value::from(regions), Value::from(reasons)),
        Format::Table => (
            Value::from(regions.join("; ")),
            Value::from(
                reasons
                    .iter()
                    .take(REASONS_SHOWN)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        Format::Csv => (Value::from(regions.join("; ")), Value::from(reasons.join("; "))),
    };
    vec![
        Value::from(candidate.score),
        Value::from(entity.kind.curie(&entity.id)),
        Value::from(entity.class.as_str()),
        Value::from(entity.label.as_str()),
        region,
        why,
    ]
}
