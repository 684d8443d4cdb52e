//! `kzlg site --out DIR`: every entity page, the ontology, a search and the dataset
//! description as static files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::show::{Opened, ShowLang, open};
use crate::error::Result;
use crate::page::{Lang, site};
use crate::progress::Progress;

/// Write the entity pages, the ontology, a search page and the VoID description as a static site.
///
/// For hosting without a server (the target of the w3id.org redirect): DIR/index.html,
/// DIR/id/<kind>/<id>.html, .ttl and .jsonld for every entity, DIR/ontology.html and .ttl,
/// DIR/ontology/<Term>.html, DIR/search.html with DIR/search-index.json, DIR/void.ttl and
/// DIR/assets/. Links are relative, so the folder works from any path and from file://. The
/// site is written beside DIR and renamed into place when whole; the same graph gives the same
/// bytes.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The folder to write (replaced as a whole).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Read this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    #[command(flatten)]
    when: super::AsOf,
    /// The language of the pages' own words (entity names are shown in every language the data has).
    #[arg(long, value_enum, default_value_t = ShowLang::En)]
    lang: ShowLang,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(tables: &Path, args: SiteArgs) -> Result<ExitCode> {
    let progress = Progress::new(args.quiet);
    let Opened { store, index, summary } = open(tables, args.data.as_deref(), args.when.as_of, &progress)?;
    progress.step("writing pages");
    let written = site::write(
        &store,
        &args.out,
        args.when.as_of,
        Lang::from(args.lang),
        summary.as_ref(),
        index.as_ref(),
    )?;
    drop(progress);
    if !args.quiet {
        println!(
            "wrote {}: {} entity pages (HTML, Turtle, JSON-LD), {} ontology terms, {} files",
            args.out.display(),
            written.entities,
            written.terms,
            written.files
        );
    }
    Ok(ExitCode::SUCCESS)
}
