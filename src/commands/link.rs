//! `kzlg link suggest`: propose links from an offline extract, and append the accepted ones to
//! links.csv (with a reference row naming the extract in sources.csv), atomically.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::graph::Staged;
use crate::load;
use crate::suggest::{self, Graph, Suggestion};

/// Which suggestions to write into the tables.
pub enum Acceptance {
    None,
    /// Entity ids, or `entity=value` pairs, separated by commas.
    Ids(String),
    /// Every suggestion scoring at least this much.
    Above(f64),
}

/// Prints the suggestions for the extract `from`, and writes those accepted.
pub fn suggest(tables: &Path, from: &Path, min_score: f64, acceptance: Acceptance) -> Result<()> {
    let mut graph = Graph::default();
    load::observe(tables, &mut |row, _| graph.observe(row))?;
    let items = suggest::read_extract(from)?;
    let suggestions = suggest::suggest(&graph, &items, min_score);
    let accepted = select(&suggestions, &acceptance)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    print(&suggestions, &mut out).map_err(Error::write("standard output"))?;
    if matches!(acceptance, Acceptance::None) {
        if !suggestions.is_empty() {
            writeln!(
                out,
                "Nothing written; accept with --accept ENTITY,... or --accept-all-above SCORE."
            )
            .map_err(Error::write("standard output"))?;
        }
        return Ok(());
    }
    let source = append(tables, from, items.len(), &accepted)?;
    writeln!(
        out,
        "Accepted {} link{} into {}, citing the source '{source}'.",
        accepted.len(),
        if accepted.len() == 1 { "" } else { "s" },
        tables.join("links.csv").display()
    )
    .map_err(Error::write("standard output"))
}

/// The suggestions `acceptance` names; an id that names none is an error.
fn select<'a>(suggestions: &'a [Suggestion], acceptance: &Acceptance) -> Result<Vec<&'a Suggestion>> {
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

fn print(suggestions: &[Suggestion], out: &mut dyn Write) -> std::io::Result<()> {
    if suggestions.is_empty() {
        return writeln!(out, "No suggestions: every match scored below the minimum.");
    }
    let link = |s: &Suggestion| format!("{}:{}", s.scheme, s.value);
    let width = |f: &dyn Fn(&Suggestion) -> usize, title: &str| {
        suggestions.iter().map(f).max().unwrap_or(0).max(title.chars().count())
    };
    let entity_width = width(&|s| s.entity.len(), "entity");
    let link_width = width(&|s| link(s).len(), "link");
    let label_width = width(&|s| s.label.chars().count(), "label");
    let row = |out: &mut dyn Write, cells: [&str; 5]| {
        let pad = |text: &str, width: usize| format!("{text}{}", " ".repeat(width - text.chars().count()));
        writeln!(
            out,
            "{}  {}  {}  {}  {}",
            pad(cells[0], 5),
            pad(cells[1], entity_width),
            pad(cells[2], link_width),
            pad(cells[3], label_width),
            cells[4]
        )
    };
    row(out, ["score", "entity", "link", "label", "reason"])?;
    for s in suggestions {
        row(
            out,
            [&format!("{:.3}", s.score), &s.entity, &link(s), &s.label, &s.reason],
        )?;
    }
    Ok(())
}

/// Appends the accepted links to links.csv and the extract's reference row to sources.csv (once),
/// both files renamed into place together. Returns the source id.
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
        .filter(|s| load::is_valid_external_id(s.scheme, &s.value))
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
    crate::graph::write_file(&path, |w| {
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
