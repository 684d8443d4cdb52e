//! `kzlg export FORMAT`: the network, or a view or query of it, for graph tools.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::export::civic::Civic;
use crate::export::{self, Format};
use crate::network::{BasisFilter, EdgeFilter, Network, View, query};
use crate::output::staged::{Staged, write_atomically, write_file};
use crate::progress::Progress;
use crate::report::to_stdout;

/// Export the graph for Gephi, Graphviz and other graph tools.
///
/// Nodes are entities (sources excepted), edges the institutional rules (one per rule, so a
/// relation that holds de jure and de facto is two parallel edges), tenures, participations
/// and the links between entities. Output is sorted by id: the same tables give the same file.
///
/// The edges are those that hold on the date (`--as-of`, the dataset's date by default); with
/// --all-dates, every rule and tenure of every period, each with its dates (GEXF, a format
/// with a timeline, always has all, each with its spell, unless --as-of is given). --basis and
/// --relations keep some of them, in every format. Each edge cites its rows: source, title,
/// address, quote and line.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// graphml (typed keys, for Gephi, yEd, networkx, igraph), gexf (with time intervals for
    /// Gephi's timeline), dot (Graphviz), csv (nodes.csv and edges.csv for Gephi's
    /// spreadsheet import; needs --out DIR); ftm (FollowTheMoney entities, one a line, each
    /// tenure an Occupancy with its status on the date) and popolo (Popolo JSON) carry people,
    /// posts, bodies and tenures with their sources, for civic-tech and due-diligence tools.
    /// quickstatements: a Wikidata batch of what kzlg can add (position held, dated and
    /// referenced), with a report of what it could not on stderr or --report.
    #[arg(value_enum, value_name = "FORMAT")]
    format: Format,
    /// Which part of the graph.
    #[arg(long, value_enum, default_value = "all", conflicts_with = "query")]
    view: View,
    /// Export exactly the subgraph of a SPARQL CONSTRUCT, or of a SELECT binding ?source
    /// ?edge ?target (a statement as ?edge picks that rule alone).
    #[arg(long, value_name = "FILE")]
    query: Option<PathBuf>,
    /// Write to this file (a folder for csv) instead of standard output; written
    /// completely under a temporary name, then renamed.
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Keep only the rules of this basis: de_jure (the law), de_facto (practice) or all.
    /// Edges that are not rules (tenures, links) have no basis and stay.
    #[arg(long, value_enum, default_value = "all")]
    basis: BasisFilter,
    /// Keep only edges of these relations, named as the schema declares them (comma-separated:
    /// appointedBy,electedBy,accountableTo; `kzlg schema --json` lists them). Nodes left
    /// without an edge go too.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    relations: Vec<String>,
    #[command(flatten)]
    when: super::AsOf,
    /// dot: also draw the system as of this date, to the right, each date in a frame of its own
    /// (the same view, query and filters; edges not in the frame to the left drawn thick).
    /// May be repeated.
    #[arg(long, value_name = "DATE", value_parser = super::parse_as_of, conflicts_with = "all_dates")]
    beside: Vec<Date>,
    /// dot: the picture's title (default: what the picture shows).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Every rule and tenure of every period, each with its dates, not only those of one date.
    #[arg(long, conflicts_with = "as_of")]
    all_dates: bool,
    /// quickstatements: also CREATE the people and posts that have no Wikidata id.
    #[arg(long)]
    create: bool,
    /// quickstatements: write the report of what was not exported here, not to stderr.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Show no progress on standard error, however long the work.
    #[arg(long, short)]
    quiet: bool,
}

/// Writes one whole file.
type Writer = fn(&Network, &mut dyn Write) -> std::io::Result<()>;

pub fn run(tables: &Path, args: ExportArgs) -> Result<ExitCode> {
    let progress = Progress::new(args.quiet);
    if args.format == Format::QuickStatements {
        return quickstatements(tables, &args, &progress);
    }
    if args.create || args.report.is_some() {
        return Err(Error::Usage(
            "--create and --report are options of quickstatements".to_owned(),
        ));
    }
    if let Some(writer) = civic_writer(args.format) {
        return civic(tables, &args, writer, &progress).map(|()| ExitCode::SUCCESS);
    }
    if args.format != Format::Dot {
        if let Some(option) = [(args.title.is_some(), "--title"), (!args.beside.is_empty(), "--beside")]
            .iter()
            .find_map(|(given, option)| given.then_some(option))
        {
            return Err(Error::Usage(format!(
                "{option} is an option of dot, the format that draws"
            )));
        }
    }
    let filter = EdgeFilter {
        basis: args.basis,
        relations: match args.relations.is_empty() {
            true => None,
            false => Some(EdgeFilter::relations(&args.relations)?),
        },
    };
    let network = network_as_of(tables, &args, args.when.as_of, &filter, &progress)?;
    if args.format == Format::Dot {
        let mut panels = vec![network];
        for &date in &args.beside {
            let panel = network_as_of(tables, &args, Some(date), &filter, &progress)?;
            if panels.iter().any(|p| p.date == panel.date) {
                return Err(Error::Usage(format!("--beside {date}: that date is drawn already")));
            }
            panels.push(panel);
        }
        let picture = export::dot::Picture {
            panels: &panels,
            title: args.title.as_deref(),
            dated: !args.all_dates,
        };
        writing(&progress, args.out.as_deref());
        match &args.out {
            None => to_stdout(|out| picture.write(out))?,
            Some(file) => write_atomically("--out", file, |w| picture.write(w))?,
        }
        exiting_with(panels);
        return Ok(ExitCode::SUCCESS);
    }
    let writer: Writer = match (args.format, &args.out) {
        (Format::Csv, Some(dir)) => {
            writing(&progress, Some(dir));
            write_csv(&network, dir)?;
            exiting_with(network);
            return Ok(ExitCode::SUCCESS);
        }
        (Format::Csv, None) => {
            return Err(Error::Usage(
                "csv export writes nodes.csv and edges.csv: give the folder with --out DIR".to_owned(),
            ));
        }
        (Format::GraphMl, _) => export::graphml::write,
        (Format::Gexf, _) => export::gexf::write,
        (Format::QuickStatements | Format::Dot, _) => unreachable!("written by quickstatements() and above"),
        (Format::Ftm | Format::Popolo, _) => unreachable!("written by civic()"),
    };
    writing(&progress, args.out.as_deref());
    match &args.out {
        None => to_stdout(|out| writer(&network, out))?,
        Some(file) => write_atomically("--out", file, |w| writer(&network, w))?,
    }
    exiting_with(network);
    Ok(ExitCode::SUCCESS)
}

/// Leaves what was written unfreed: the process ends next, and freeing a network of a million
/// edges one allocation at a time took a twentieth of an export.
fn exiting_with<T>(written: T) {
    std::mem::forget(written);
}

/// Before the file is written: standard output needs a clear terminal, a file is a phase.
fn writing(progress: &Progress, out: Option<&Path>) {
    match out {
        None => progress.finish(),
        Some(path) => progress.step(format!("writing {}", path.display())),
    }
}

/// The view or query of the network as of `as_of` (or every period), with `filter` applied.
fn network_as_of(
    tables: &Path,
    args: &ExportArgs,
    as_of: Option<Date>,
    filter: &EdgeFilter,
    progress: &Progress,
) -> Result<Network> {
    let all_dates = args.all_dates || (args.format == Format::Gexf && as_of.is_none());
    let dated = |network: Network| if all_dates { network } else { network.at_its_date() };
    let network = match &args.query {
        None => dated(Network::from_tables_with(tables, as_of, progress)?).view(args.view),
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(Error::read(file))?;
            let (full, store) = Network::with_store(tables, as_of, progress)?;
            progress.step(format!("running {}", file.display()));
            query::subgraph(&dated(full), &store, &text, &file.display().to_string())?
        }
    };
    Ok(network.filter(filter))
}

/// The QuickStatements batch (standard output or --out) and its report (stderr or --report).
/// It has every tenure with its own dates: the options of one view do not apply.
fn quickstatements(tables: &Path, args: &ExportArgs, progress: &Progress) -> Result<ExitCode> {
    let other = [
        (args.query.is_some(), "--query"),
        (args.view != View::All, "--view"),
        (args.when.as_of.is_some(), "--as-of"),
        (args.all_dates, "--all-dates"),
        (args.basis != BasisFilter::All, "--basis"),
        (!args.relations.is_empty(), "--relations"),
        (args.title.is_some(), "--title"),
        (!args.beside.is_empty(), "--beside"),
    ];
    if let Some((_, option)) = other.iter().find(|(given, _)| *given) {
        return Err(Error::Usage(format!(
            "quickstatements exports every tenure with its own dates; {option} does not apply"
        )));
    }
    progress.step("reading the tables");
    let batch = export::quickstatements::export(tables, args.create)?;
    writing(progress, args.out.as_deref());
    match &args.out {
        None => to_stdout(|out| batch.write_batch(out))?,
        Some(file) => write_atomically("--out", file, |w| batch.write_batch(w))?,
    }
    match &args.report {
        None => {
            let mut err = std::io::stderr().lock();
            batch.write_report(&mut err).map_err(Error::write("standard error"))?;
        }
        Some(file) => write_atomically("--report", file, |w| batch.write_report(w))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `nodes.csv` and `edges.csv` in `dir`, renamed into place together.
fn write_csv(network: &Network, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
    let staged = Staged::new(dir);
    let [nodes, edges] = export::csv::FILES;
    write_file(&staged.temp(nodes), |w| export::csv::write_nodes(network, w))?;
    write_file(&staged.temp(edges), |w| export::csv::write_edges(network, w))?;
    staged.commit()
}

/// Writes one whole file of people, posts, bodies and tenures.
type CivicWriter = fn(&Civic, &mut dyn Write) -> std::io::Result<()>;

/// The writer of a civic-tech format, which reads the tables' people and tenures, not the network.
fn civic_writer(format: Format) -> Option<CivicWriter> {
    match format {
        Format::Ftm => Some(export::ftm::write),
        Format::Popolo => Some(export::popolo::write),
        _ => None,
    }
}

/// Writes a civic-tech format as of `--as-of` (the dataset's date by default), to `--out` or
/// standard output.
fn civic(tables: &Path, args: &ExportArgs, writer: CivicWriter, progress: &Progress) -> Result<()> {
    let network_only =
        args.basis != BasisFilter::All || !args.relations.is_empty() || args.title.is_some() || !args.beside.is_empty();
    if args.query.is_some() || args.all_dates || args.view != View::All || network_only {
        return Err(Error::Usage(
            "ftm and popolo write every person, post, body and tenure, each tenure with its dates: \
             --view, --query, --all-dates, --basis, --relations, --title and --beside do not apply"
                .to_owned(),
        ));
    }
    progress.step("reading the tables");
    let civic = Civic::read(tables, args.when.as_of)?;
    writing(progress, args.out.as_deref());
    match &args.out {
        None => to_stdout(|out| writer(&civic, out)),
        Some(file) => write_atomically("--out", file, |w| writer(&civic, w)),
    }
}
