//! `kzlg link suggest`: propose links from an offline extract, and append the accepted ones to
//! links.csv (with a reference row naming the extract in sources.csv), atomically.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Error, Result, plural};
use crate::load;
use crate::output::staged::{Staged, write_file};
use crate::report::{print_aligned, to_stdout};
use crate::suggest::{self, Graph, Suggestion};

/// Link entities to external datasets (Wikidata, GeoNames, ISO 3166-2, KATO).
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    #[command(subcommand)]
    action: LinkAction,
}

/// What `kzlg link` does.
#[derive(Debug, clap::Subcommand)]
enum LinkAction {
    Suggest(SuggestArgs),
}

/// Propose links for entities that have none, from an offline extract of an external dataset.
///
/// The extract is a CSV (id,label,aliases,type,parent; aliases separated by ';'), a Wikidata
/// JSON file (labels, aliases, P31 instance of, P131 located in) or an RDF subset (.nt, .ttl).
/// Names are compared across Cyrillic and Latin spellings; type and parent unit raise or
/// lower the score. Nothing is written unless --accept or --accept-all-above is given; then
/// the accepted rows are appended to links.csv with a reference row in sources.csv.
#[derive(Debug, clap::Args)]
struct SuggestArgs {
    /// The extract to match against.
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// Accept these suggestions: entity ids (or entity=value), separated by commas.
    #[arg(long, value_name = "IDS", conflicts_with = "accept_all_above")]
    accept: Option<String>,
    /// Accept every suggestion scoring at least SCORE (0 to 1).
    #[arg(long, value_name = "SCORE")]
    accept_all_above: Option<f64>,
    /// Show suggestions scoring at least this much.
    #[arg(long, value_name = "SCORE", default_value_t = 0.75)]
    min_score: f64,
}

/// Which suggestions to write into the tables.
enum Acceptance<'a> {
    None,
    /// Entity ids, or `entity=value` pairs, separated by commas.
    Ids(&'a str),
    /// Every suggestion scoring at least this much.
    Above(f64),
}

pub fn run(tables: &Path, args: LinkArgs) -> Result<ExitCode> {
    let LinkAction::Suggest(args) = args.action;
    suggest(tables, &args)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the suggestions for the extract `--from`, and writes those accepted whose ids are
/// well-formed; the others are listed as refused, with the reason.
fn suggest(tables: &Path, args: &SuggestArgs) -> Result<()> {
    let acceptance = match (&args.accept, args.accept_all_above) {
        (Some(ids), _) => Acceptance::Ids(ids),
        (None, Some(score)) => Acceptance::Above(score),
        (None, None) => Acceptance::None,
    };
    let mut graph = Graph::default();
    load::observe(tables, &mut |row, _| graph.observe(row))?;
    let items = suggest::read_extract(&args.from)?;
    let suggestions = suggest::suggest(&graph, &items, args.min_score);
    let accepted = select(&suggestions, &acceptance)?;
    to_stdout(|out| print(&suggestions, out))?;
    if matches!(acceptance, Acceptance::None) {
        if !suggestions.is_empty() {
            to_stdout(|out| {
                writeln!(
                    out,
                    "Nothing written; accept with --accept ENTITY,... or --accept-all-above SCORE."
                )
            })?;
        }
        return Ok(());
    }
    let (valid, refused): (Vec<&Suggestion>, Vec<&Suggestion>) = accepted
        .into_iter()
        .partition(|s| load::is_valid_external_id(s.scheme, &s.value));
    let source = match valid.is_empty() {
        true => None,
        false => Some(append(tables, &args.from, items.len(), &valid)?),
    };
    let links = tables.join("links.csv");
    to_stdout(|out| {
        for s in &refused {
            writeln!(
                out,
                "Refused {} {}:{}: not a well-formed {} id, so the build would reject it.",
                s.entity, s.scheme, s.value, s.scheme
            )?;
        }
        match &source {
            Some(source) => writeln!(
                out,
                "Accepted {} into {}, citing the source '{source}'.",
                plural(valid.len(), "link"),
                links.display()
            ),
            None => writeln!(out, "Accepted no link; {} is unchanged.", links.display()),
        }
    })
}

/// The suggestions `acceptance` names; an id that names none is an error.
fn select<'a>(suggestions: &'a [Suggestion], acceptance: &Acceptance<'_>) -> Result<Vec<&'a Suggestion>> {
    match acceptance {
        Acceptance::None => Ok(Vec::new()),
        Acceptance::Above(score) => Ok(suggestions.iter().filter(|s| s.score >= *score).collect()),
        Acceptance::Ids(ids) => {
            let mut chosen = Vec::new();
            for wanted in ids.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                let (entity, value) = wanted.split_once('=').map_or((wanted, None), |(e, v)| (e, Some(v)));
                let found: Vec<&Suggestion> = suggestions
                    .iter()
                    .filter(|s| s.entity == entity && value.is_none_or(|v| v == s.value))
                    .collect();
                if found.is_empty() {
                    return Err(Error::Usage(format!(
                        "--accept {wanted}: there is no suggestion for it; accept only what the list shows"
                    )));
                }
                chosen.extend(found);
            }
            Ok(chosen)
        }
    }
}

/// The suggestions as a table; reasons are kept whole, since they are what a user accepts on.
fn print(suggestions: &[Suggestion], out: &mut dyn Write) -> std::io::Result<()> {
    if suggestions.is_empty() {
        return writeln!(out, "No suggestions: every match scored below the minimum.");
    }
    let rows: Vec<Vec<String>> = suggestions
        .iter()
        .map(|s| {
            vec![
                format!("{:.3}", s.score),
                s.entity.clone(),
                format!("{}:{}", s.scheme, s.value),
                s.label.clone(),
                s.reason.clone(),
            ]
        })
        .collect();
    print_aligned(&["score", "entity", "link", "label", "reason"], &rows, None, out)
}

/// Appends the accepted links, all well-formed, to links.csv and the extract's reference row to
/// sources.csv (once), both files renamed into place together. Returns the source id.
fn append(tables: &Path, from: &Path, items: usize, accepted: &[&Suggestion]) -> Result<String> {
    let file_name = from.file_name().and_then(|n| n.to_str()).unwrap_or("extract");
    let stem = from.file_stem().and_then(|n| n.to_str()).unwrap_or("extract");
    let slug: String = stem
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let source = format!("ref-extract-{slug}");
    let sources_path = tables.join("sources.csv");
    let links_path = tables.join("links.csv");
    let sources_text = std::fs::read_to_string(&sources_path).map_err(Error::read(&sources_path))?;
    let links_text = std::fs::read_to_string(&links_path)
        .unwrap_or_else(|_| "entity,scheme,value,valid_from,valid_until,note,source,evidence,line\n".to_owned());
    let has_source = sources_text
        .lines()
        .any(|line| line.split(',').next() == Some(source.as_str()));
    let staged = Staged::new(tables);
    if !has_source {
        let row = [
            ("id", source.clone()),
            ("kind", "reference".to_owned()),
            ("title", format!("Offline extract {file_name}")),
            (
                "note",
                format!("{items} items, matched by kzlg link suggest --from {}", from.display()),
            ),
            (
                "evidence",
                format!("the extract lists each item's id with its labels, type and parent ({file_name})"),
            ),
        ];
        write_appended(&staged, "sources.csv", &sources_text, &[row.to_vec()])?;
    }
    let rows: Vec<Vec<(&str, String)>> = accepted
        .iter()
        .map(|s| {
            vec![
                ("entity", s.entity.clone()),
                ("scheme", s.scheme.to_owned()),
                ("value", s.value.clone()),
                ("note", format!("accepted from kzlg link suggest, score {:.3}", s.score)),
                ("source", source.clone()),
                (
                    "evidence",
                    format!("{file_name}: {} '{}'; {}", s.value, s.label, s.reason),
                ),
            ]
        })
        .collect();
    write_appended(&staged, "links.csv", &links_text, &rows)?;
    staged.commit()?;
    Ok(source)
}

/// Writes `existing` and then `rows` (cells by column name, in the file's own header order) to
/// the staged copy of `name`.
fn write_appended(staged: &Staged, name: &str, existing: &str, rows: &[Vec<(&str, String)>]) -> Result<()> {
    let header: Vec<String> = existing
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .map(|h| h.trim().to_owned())
        .collect();
    let path = staged.temp(name);
    write_file(&path, |w| {
        w.write_all(existing.as_bytes())?;
        if !existing.is_empty() && !existing.ends_with('\n') {
            w.write_all(b"\n")?;
        }
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(w);
        for row in rows {
            let cells = header
                .iter()
                .map(|column| row.iter().find(|(c, _)| c == column).map_or("", |(_, v)| v.as_str()));
            csv.write_record(cells).map_err(std::io::Error::other)?;
        }
        csv.flush()
    })
}
