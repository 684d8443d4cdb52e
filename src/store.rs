//! The graph in an oxigraph store, for querying: built from the tables in memory, or loaded
//! from a file `kzlg build` wrote. The ontology is added as the named graph
//! `<https://w3id.org/kzlg/ontology>`, so labels of classes and terms are at hand while the
//! default graph holds only the data. A graph too large to load for every query is loaded once
//! into a store on disk ([`disk`]).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, TripleRef};
use oxigraph::store::{BulkLoader, Store};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::load::{self, Site, Summary};
use crate::progress::Progress;
use crate::rdf::Row;
use crate::rdf::TripleSink;

pub mod disk;

/// The ontology, compiled in so that any copy of the binary can label what it queries.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/kzlg.ttl");

/// Builds the graph from the tables in `dir` straight into a new in-memory store.
pub fn from_tables(dir: &Path) -> Result<(Store, Summary)> {
    from_tables_observed(dir, None, &mut |_, _| {})
}

/// Builds the store as [`from_tables`] does, showing every checked row to `observer` on the way,
/// so that another consumer (the network of an export) needs no second read of the tables.
/// With `as_of`, the direct triples are the view at that date instead of the dataset's.
pub fn from_tables_observed(
    dir: &Path,
    as_of: Option<Date>,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<(Store, Summary)> {
    let store = new_store()?;
    let summary = load_tables(&store, dir, as_of, observer)?;
    add_ontology(&store)?;
    Ok((store, summary))
}

/// Checks the tables in `dir` and bulk-loads their triples into `store`, in memory or on disk.
fn load_tables(
    store: &Store,
    dir: &Path,
    as_of: Option<Date>,
    observer: &mut dyn FnMut(&Row<'_>, &Site<'_>),
) -> Result<Summary> {
    let mut sink = StoreSink {
        loader: store.bulk_loader(),
        batch: Vec::with_capacity(BATCH),
        error: None,
    };
    let summary = load::load_as_of(dir, as_of, &mut sink, observer)?;
    sink.finish()?;
    Ok(summary)
}

/// Loads a graph file (N-Quads, N-Triples, Turtle or JSON-LD, by extension) into a new store,
/// counting the bytes read on `progress` (the file's size is known; the triples are not).
pub fn from_file(path: &Path, progress: &Progress) -> Result<Store> {
    let store = new_store()?;
    load_file(&store, path, progress)?;
    add_ontology(&store)?;
    Ok(store)
}

/// Like [`from_file`], with the direct triples of `as_of` when given ([`crate::time::store`]), as
/// `query`, `show` and `serve --data` read a built file.
pub fn from_file_as_of(path: &Path, as_of: Option<Date>, progress: &Progress) -> Result<Store> {
    let store = from_file(path, progress)?;
    if let Some(date) = as_of {
        crate::time::store::restate(&store, date)?;
    }
    Ok(store)
}

/// Bulk-loads the graph file at `path` into `store`, in memory or on disk.
fn load_file(store: &Store, path: &Path, progress: &Progress) -> Result<()> {
    let format = format_of(path)?;
    let file = File::open(path).map_err(Error::read(path))?;
    let size = file.metadata().map_or(0, |m| m.len());
    progress.bytes(format!("loading {}", path.display()), size);
    let mut loader = store.bulk_loader();
    loader
        .load_from_reader(
            RdfParser::from_format(format),
            BufReader::with_capacity(1 << 16, progress.reader(file)),
        )
        .map_err(|e| Error::Load {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    loader.commit().map_err(|e| Error::Load {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// The RDF format a file name announces.
pub fn format_of(path: &Path) -> Result<RdfFormat> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    RdfFormat::from_extension(extension).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the format of {}: use a file ending in .nq, .nt, .ttl or .jsonld",
            path.display()
        ))
    })
}

fn new_store() -> Result<Store> {
    Store::new().map_err(|e| Error::Internal(format!("cannot create the store: {e}")))
}

fn add_ontology(store: &Store) -> Result<()> {
    let graph = NamedNode::new_unchecked(crate::vocab::ONTOLOGY_IRI);
    store
        .load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph),
            ONTOLOGY_TTL,
        )
        .map_err(|e| Error::Internal(format!("the bundled ontology does not load: {e}")))
}

const BATCH: usize = 100_000;

/// Feeds triples into the store in batches through its bulk loader.
struct StoreSink<'a> {
    loader: BulkLoader<'a>,
    batch: Vec<Quad>,
    error: Option<Error>,
}

impl StoreSink<'_> {
    /// Loads what is left and commits the bulk load.
    fn finish(mut self) -> Result<()> {
        self.flush();
        if let Some(error) = self.error {
            return Err(error);
        }
        self.loader
            .commit()
            .map_err(|e| Error::Internal(format!("cannot load the store: {e}")))
    }

    fn flush(&mut self) {
        if self.batch.is_empty() || self.error.is_some() {
            return;
        }
        if let Err(e) = self.loader.load_quads(self.batch.drain(..)) {
            self.error = Some(Error::Internal(format!("cannot load the store: {e}")));
        }
    }
}

impl TripleSink for StoreSink<'_> {
    fn triple(&mut self, triple: TripleRef<'_>) {
        self.batch.push(triple.into_owned().in_graph(GraphName::DefaultGraph));
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::sparql::QueryResults;

    /// Every class, property and term of the kzlg namespace that the fixture and the bundled graph
    /// use is declared in the ontology, with an English label.
    #[test]
    fn every_kzlg_term_the_graph_uses_is_declared_with_a_label() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for tables in ["tests/fixtures/good", "extracted"] {
            let (store, _) = from_tables(&root.join(tables)).unwrap();
            let query = "SELECT DISTINCT ?term WHERE {
                { ?s ?term ?o } UNION { ?s a ?term } UNION { ?s ?p ?term FILTER(isIRI(?term)) }
                FILTER(STRSTARTS(STR(?term), STR(kzlg:)))
                FILTER NOT EXISTS { GRAPH <https://w3id.org/kzlg/ontology> { ?term rdfs:label ?label FILTER(LANG(?label) = \"en\") } }
            }";
            let QueryResults::Solutions(solutions) = crate::sparql::evaluator()
                .unwrap()
                .parse_query(query)
                .unwrap()
                .on_store(&store)
                .execute()
                .unwrap()
            else {
                panic!("not a SELECT");
            };
            let undeclared: Vec<String> = solutions
                .map(|s| s.unwrap().values()[0].as_ref().unwrap().to_string())
                .collect();
            assert!(
                undeclared.is_empty(),
                "{tables}: undeclared or unlabelled terms: {undeclared:?}"
            );
        }
    }

    #[test]
    fn the_ontology_is_one_versioned_owl_ontology() {
        let store = new_store().unwrap();
        add_ontology(&store).unwrap();
        let ask = |q: &str| match crate::sparql::evaluator()
            .unwrap()
            .parse_query(q)
            .unwrap()
            .on_store(&store)
            .execute()
        {
            Ok(QueryResults::Boolean(b)) => b,
            _ => panic!("not an ASK"),
        };
        assert!(ask(
            "ASK { GRAPH ?g { <https://w3id.org/kzlg/ontology> a owl:Ontology ; owl:versionInfo ?v } }"
        ));
        assert!(!ask(
            "ASK { GRAPH ?g { ?o a owl:Ontology FILTER(?o != <https://w3id.org/kzlg/ontology>) } }"
        ));
        assert!(!ask(
            "ASK { GRAPH ?g { ?c a owl:Class FILTER(isIRI(?c)) FILTER NOT EXISTS { ?c rdfs:label ?l } } }"
        ));
    }
}
