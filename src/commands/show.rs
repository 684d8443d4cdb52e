//! `kzlg show NAME`: one entity's page in the terminal, or as JSON or Turtle.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oxigraph::store::Store;

use crate::error::{Error, Result};
use crate::page::{self, Lang, Page, Term};
use crate::progress::Progress;
use crate::report::to_stdout;
use crate::schema::Kind;
use crate::search::{Builder, Candidate, Index};
use crate::store;

/// Show everything the graph knows of one entity, each fact with its source, line and quote.
///
/// NAME is any spelling the search finds (as `kzlg resolve` ranks it), an id, a prefixed name
/// (post:akim-district) or an IRI; kzlg:Term shows an ontology term. The page gives the labels
/// in every language, what it is and where it lies, every fact in both directions as a sentence
/// (subject — relation → object), the rules of a post with their basis, legal provision and
/// dates (with those of its generic post), tenures and events in date order, and external ids.
/// With --as-of, each rule and tenure says whether it held on that date, and those that did
/// not are left out unless --all. Exit code 0 when one entity is shown; 1 when the name
/// matches nothing, or several entities equally well (they are listed); 2 on error.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The entity: "Zhambyl district akim", "Мустафин", post:akim-district, an IRI.
    #[arg(required = true, value_name = "NAME")]
    name: Vec<String>,
    #[command(flatten)]
    when: super::AsOf,
    /// With --as-of: also the facts that did not hold on that date.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
    /// Read this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables (the
    /// tables, when there, still give the names to search).
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// The language of the page's own words (entity names are shown in every language the data has).
    #[arg(long, value_enum, default_value_t = ShowLang::En)]
    lang: ShowLang,
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// A readable page.
    Text,
    /// The page as one JSON object.
    Json,
    /// The entity's description (its triples and their statements) as Turtle.
    Turtle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowLang {
    En,
    Ru,
    Kk,
}

impl From<ShowLang> for Lang {
    fn from(lang: ShowLang) -> Lang {
        match lang {
            ShowLang::En => Lang::En,
            ShowLang::Ru => Lang::Ru,
            ShowLang::Kk => Lang::Kk,
        }
    }
}

/// A graph opened for pages.
pub struct Opened {
    pub store: Store,
    /// The names to search, when the tables are at hand.
    pub index: Option<Index>,
    /// What the tables held, when the graph was built from them.
    pub summary: Option<crate::load::Summary>,
}

/// The graph as of a date and the names to search: from a graph file, or from the tables in one
/// pass. Without tables, a graph file still opens, and only ids and IRIs are found.
/// Progress of the load goes to `progress`.
pub fn open(
    tables: &Path,
    data: Option<&Path>,
    as_of: Option<crate::date::Date>,
    progress: &Progress,
) -> Result<Opened> {
    match data {
        Some(path) => {
            let store = store::from_file_as_of(path, as_of, progress)?;
            let index = match tables.is_dir() {
                true => Some(Index::read(tables)?),
                false => None,
            };
            Ok(Opened {
                store,
                index,
                summary: None,
            })
        }
        None => {
            let mut builder = Builder::default();
            let (store, summary) = store::from_tables_observed(
                tables,
                as_of,
                &mut progress.rows(|row, site| builder.observe(row, site.line)),
            )?;
            Ok(Opened {
                store,
                index: Some(builder.finish()),
                summary: Some(summary),
            })
        }
    }
}

/// What a name means.
enum Found {
    Entity(String),
    Term(String),
    Several(String),
    Nothing(String),
}

pub fn run(tables: &Path, args: ShowArgs) -> Result<ExitCode> {
    let wanted = args.name.join(" ");
    let Opened { store, index, .. } = open(
        tables,
        args.data.as_deref(),
        args.when.as_of,
        &Progress::new(args.quiet),
    )?;
    let lang = Lang::from(args.lang);
    match find(&store, index.as_ref(), &wanted)? {
        Found::Entity(iri) => {
            let page = Page::build(&store, &iri, args.when.as_of)?
                .ok_or_else(|| Error::Internal(format!("{iri} was found but has no page")))?;
            let out = match args.format {
                ShowFormat::Text => {
                    let mut page = page;
                    let left_out = match (args.when.as_of, args.all) {
                        (Some(_), false) => page::text::keep_held(&mut page),
                        _ => 0,
                    };
                    let mut text = page::text::entity(&page, lang, page::text::Style::of_stdout());
                    if left_out > 0 {
                        text.push_str(&format!(
                            "\n({left_out} facts that did not hold on {} are left out; --all shows them)\n",
                            args.when.as_of.map(|d| d.to_string()).unwrap_or_default()
                        ));
                    }
                    text
                }
                ShowFormat::Json => format!("{:#}\n", page::json::entity(&page)),
                ShowFormat::Turtle => page::rdf::entity(&store, &iri, page::rdf::Format::Turtle)?.unwrap_or_default(),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Found::Term(iri) => {
            let term = Term::build(&store, &iri)?.ok_or_else(|| Error::Internal(format!("{iri} has no page")))?;
            let out = match args.format {
                ShowFormat::Text => page::text::term(&term, lang, page::text::Style::of_stdout()),
                ShowFormat::Json | ShowFormat::Turtle => page::rdf::term(
                    &store,
                    &iri,
                    match args.format {
                        ShowFormat::Json => page::rdf::Format::JsonLd,
                        _ => page::rdf::Format::Turtle,
                    },
                )?
                .unwrap_or_default(),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Found::Several(listing) => {
            eprint!("{listing}");
            Ok(ExitCode::from(1))
        }
        Found::Nothing(message) => {
            eprintln!("{message}");
            Ok(ExitCode::from(1))
        }
    }
}

fn print(text: &str) -> Result<()> {
    to_stdout(|out: &mut dyn Write| out.write_all(text.as_bytes()))
}

/// The entity a name means: an IRI, prefixed name or id the graph has; an ontology term; or
/// the one best match of the search (several equally good ones are listed).
fn find(store: &Store, index: Option<&Index>, wanted: &str) -> Result<Found> {
    let trimmed = wanted.trim();
    if let Some(iri) = by_id(store, trimmed)? {
        return Ok(Found::Entity(iri));
    }
    let term = match trimmed.strip_prefix("kzlg:") {
        Some(local) => format!("{}{local}", crate::vocab::KZLG),
        None => trimmed.to_owned(),
    };
    if Term::build(store, &term)?.is_some() {
        return Ok(Found::Term(term));
    }
    let Some(index) = index else {
        return Ok(Found::Nothing(format!(
            "no entity has the id '{trimmed}'; without the tables (--tables DIR) names cannot be searched"
        )));
    };
    let candidates = index.find(trimmed, &crate::search::Filters::default());
    let best: Vec<&Candidate<'_>> = candidates
        .iter()
        .filter(|c| candidates.first().is_some_and(|first| c.score == first.score))
        .collect();
    match best.as_slice() {
        [] => Ok(Found::Nothing(format!(
            "nothing is called '{trimmed}': try fewer words, another spelling, or `kzlg search {trimmed:?}` for the text of the quotes"
        ))),
        [one] => Ok(Found::Entity(one.entity.kind.iri(&one.entity.id))),
        several => Ok(Found::Several(listing(index, trimmed, several))),
    }
}

/// An id, prefixed name or IRI of an entity the graph has.
fn by_id(store: &Store, wanted: &str) -> Result<Option<String>> {
    let id = crate::schema::kinds::id_of(wanted);
    let mut iris: Vec<String> = match page::kind_and_id(wanted) {
        Some(_) => vec![wanted.to_owned()],
        None => Kind::ALL
            .iter()
            .filter(|k| **k != Kind::Stmt)
            .map(|k| k.iri(id))
            .collect(),
    };
    let g = page::graph::Graph::new(store);
    iris.retain(|iri| g.describes(iri, page::graph::In::Data).unwrap_or(false));
    Ok(iris.into_iter().next())
}

/// The candidates that tie, one a line, and how to choose.
fn listing(index: &Index, wanted: &str, several: &[&Candidate<'_>]) -> String {
    let mut out = format!("{} entities match '{wanted}' equally well:\n", several.len());
    let rows: Vec<Vec<String>> = several
        .iter()
        .map(|c| {
            let regions: Vec<&str> = c.entity.regions.iter().map(|r| index.label(r)).collect();
            vec![
                c.entity.kind.curie(&c.entity.id),
                c.entity.class.clone(),
                c.entity.label.clone(),
                regions.join("; "),
            ]
        })
        .collect();
    let mut table = Vec::new();
    let _ = crate::report::print_aligned(
        &["entity", "type", "name", "region"],
        &rows,
        Some(crate::report::CELL_CHARS),
        &mut table,
    );
    out.push_str(&String::from_utf8_lossy(&table));
    let first = several
        .first()
        .map(|c| c.entity.kind.curie(&c.entity.id))
        .unwrap_or_default();
    out.push_str(&format!(
        "hint: give more words of the name, or the id: kzlg show {first}\n"
    ));
    out
}
