//! The command line, declared with clap (and nothing else, so it can be read on its own); the
//! values of its options are the library's own enums.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kzlg: the knowledge graph of Kazakhstan's local government.
///
/// Builds an RDF graph from the curated tables in extracted/, and queries, exports and links it.
#[derive(Debug, Parser)]
#[command(name = "kzlg", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Folder of the curated tables.
    #[arg(long, global = true, value_name = "DIR", default_value = "extracted")]
    pub tables: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the tables and write the graph as N-Quads, Turtle, JSON-LD and its canonical hash.
    ///
    /// Every problem in the tables is reported as file:line:column; then the exit code is 2 and
    /// nothing is written.
    Build {
        /// Folder for kzlg.nq, kzlg.ttl, kzlg.jsonld, kzlg.sha256 and the VoID description void.ttl.
        #[arg(long, value_name = "DIR", default_value = "dist")]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Write only kzlg.nq and kzlg.sha256 (for big graphs: Turtle and JSON-LD double the time).
        #[arg(long)]
        nquads_only: bool,
    },
    /// Run a SPARQL query: a file, a catalogue name, inline (-e) or standard input.
    ///
    /// The project's prefixes (kzlg:, person:, unit:, post:, body:, org:, foaf:, ...) are declared.
    /// The graph is built from the tables in memory unless --data names a built file. Exit code:
    /// 0, or for ASK 0 when true and 1 when false; 2 on error.
    Query {
        /// A .rq file or the name of a catalogue query; '-' (or nothing) reads standard input.
        #[arg(value_name = "QUERY")]
        query: Option<String>,
        /// The query text itself.
        #[arg(short = 'e', long = "expr", value_name = "SPARQL", conflicts_with = "query")]
        expr: Option<String>,
        /// Query this graph file (.nq, .nt, .ttl, .jsonld) instead of building from the tables.
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// Output format; a table on a terminal, otherwise CSV (Turtle for CONSTRUCT/DESCRIBE).
        #[arg(long, short, value_enum)]
        format: Option<crate::sparql::Format>,
        /// Show labels instead of IRIs in SELECT results.
        #[arg(long)]
        labels: bool,
        /// Folder of the query catalogue.
        #[arg(long, value_name = "DIR", default_value = "queries")]
        catalogue: PathBuf,
        /// Let SERVICE clauses query remote SPARQL endpoints (federated query).
        #[arg(long)]
        federate: bool,
        /// With --federate: give up on a remote endpoint after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30.0, requires = "federate")]
        timeout: f64,
    },
    /// List the catalogue of ready queries.
    Queries {
        /// Folder of the query catalogue.
        #[arg(long, value_name = "DIR", default_value = "queries")]
        catalogue: PathBuf,
        /// Show the question each query answers.
        #[arg(long, short)]
        long: bool,
    },
    /// Prove that every evidence quote is in its source at (or near) the line given.
    ///
    /// Exit code 0 when every quote is found, 1 when some are not, 2 on error.
    CheckEvidence {
        /// Folder of the source documents.
        #[arg(long, value_name = "DIR")]
        sources: PathBuf,
    },
    /// Find the entity behind a name, in any spelling, script or transliteration.
    ///
    /// Exit code 0 when the name matches, 1 when only near names are suggested.
    Resolve {
        /// The name: "Petropavlovsk", "Петропавловск", "Zhambylsky", "Kostanai"...
        name: String,
        /// How many near names to suggest when none matches.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// Count entities per class, statements per relation and facts per source.
    ///
    /// With --sources, also checks every quote and prints the share of verified evidence; the
    /// exit code is then 1 when a quote is not found.
    Stats {
        /// Folder of the source documents, to verify the evidence.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Check the graph against the SHACL shapes of ontology/shapes.ttl.
    ///
    /// Prints each violation with its focus node, path, value and message. Exit code 0 when the
    /// graph conforms, 1 when it does not, 2 on error.
    Validate {
        /// Validate this graph file (.ttl, .nt, .nq, .jsonld) instead of building from the tables.
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// Use these shapes (Turtle) instead of the bundled ontology/shapes.ttl.
        #[arg(long, value_name = "FILE")]
        shapes: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the table reference (columns, types, RDF mapping) as Markdown.
    Schema,
    /// Export the graph for Gephi, Graphviz and other graph tools.
    ///
    /// Nodes are entities (sources excepted), edges the institutional rules (one per rule, so a
    /// relation that holds de jure and de facto is two parallel edges), tenures, participations
    /// and the links between entities. Output is sorted by id: the same tables give the same file.
    Export {
        /// graphml (typed keys, for Gephi, yEd, networkx, igraph), gexf (with time intervals for
        /// Gephi's timeline), dot (Graphviz), csv (nodes.csv and edges.csv for Gephi's
        /// spreadsheet import; needs --out DIR).
        #[arg(value_enum, value_name = "FORMAT")]
        format: crate::export::Format,
        /// Which part of the graph.
        #[arg(long, value_enum, default_value = "all", conflicts_with = "query")]
        view: crate::network::View,
        /// Export exactly the subgraph of a SPARQL CONSTRUCT, or of a SELECT binding ?source
        /// ?edge ?target (a statement as ?edge picks that rule alone).
        #[arg(long, value_name = "FILE")]
        query: Option<PathBuf>,
        /// Write to this file (a folder for csv) instead of standard output; written
        /// completely under a temporary name, then renamed.
        #[arg(long, short, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Print the chains of appointment and of accountability from a post up to the centre.
    ///
    /// Follows appointed/elected/nominated by, approved by and agreed with (appointment) and
    /// accountable to and reports to (accountability) from the post, through its generic post,
    /// to bodies with no further edge, once by law (de jure) and once in practice (de facto:
    /// the practice where the tables record one, else the law). Each step names its basis and
    /// its legal basis.
    Chain {
        /// The post: its id (akim-zhambyl-district-nko) or IRI.
        #[arg(value_name = "POST")]
        post: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: crate::report::Format,
    },
    /// Report the structure of the network: centrality, components, accountability gaps.
    ///
    /// Degree and betweenness centrality (top N), weakly connected components, and the posts
    /// accountable to a body that can neither appoint nor dismiss them, with the provision
    /// behind each edge. Only rules in force count (not ended, not proposed).
    Analyse {
        /// Which part of the graph.
        #[arg(long, value_enum, default_value = "institutions")]
        view: crate::network::View,
        /// How many nodes the centrality ranking shows.
        #[arg(long, value_name = "N", default_value_t = 10)]
        top: usize,
        /// Only this section (csv output needs exactly one).
        #[arg(long, value_enum)]
        only: Option<crate::commands::analyse::Section>,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: crate::report::Format,
    },
    /// Link entities to external datasets (Wikidata, GeoNames, ISO 3166-2, KATO).
    Link {
        #[command(subcommand)]
        action: LinkAction,
    },
}

/// What `kzlg link` does.
#[derive(Debug, Subcommand)]
pub enum LinkAction {
    /// Propose links for entities that have none, from an offline extract of an external dataset.
    ///
    /// The extract is a CSV (id,label,aliases,type,parent; aliases separated by ';'), a Wikidata
    /// JSON file (labels, aliases, P31 instance of, P131 located in) or an RDF subset (.nt, .ttl).
    /// Names are compared across Cyrillic and Latin spellings; type and parent unit raise or
    /// lower the score. Nothing is written unless --accept or --accept-all-above is given; then
    /// the accepted rows are appended to links.csv with a reference row in sources.csv.
    Suggest {
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
    },
}
