//! The dataset's own description, `dist/void.ttl`: VoID and DCAT metadata (title, licence,
//! version, size, entities per class, and one linkset per external dataset), counted from the
//! built graph itself so that it cannot drift from what was published.
//!
//! The graph arrives as its sorted, unique id triples ([`Lines`]): each predicate and class is
//! looked at once, through the term dictionary.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, TermRef, Triple, TripleRef};

use super::canonical::Lines;
use super::{prefixes, staged};
use crate::error::{Error, Result};
use crate::schema::{LinkScheme, SCHEMES};
use crate::vocab::{KZID, KZLG};

/// The IRI of the dataset description; linksets and class partitions are fragments of it.
pub const DATASET_IRI: &str = "https://w3id.org/kzlg/dataset";
/// The licence of the curated data, as the ontology states it.
pub const LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";

/// What the description counts in the graph.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub triples: usize,
    /// Distinct subjects in the entity namespace.
    pub entities: usize,
    /// Distinct predicates.
    pub properties: BTreeSet<String>,
    /// Subjects per `rdf:type` object.
    pub classes: BTreeMap<String, usize>,
    /// Direct link triples per target, in the order of the schema's link schemes.
    pub links: [usize; SCHEMES.len()],
}

impl Counts {
    /// Counts the sorted graph on its term ids: each predicate and class is looked at once,
    /// not once per triple.
    pub(crate) fn of(graph: &Lines) -> Result<Self> {
        /// What a predicate counts towards.
        struct Predicate {
            is_type: bool,
            schemes: Vec<usize>,
        }
        let iri = |id: u32| graph.term(id).strip_prefix('<').and_then(|t| t.strip_suffix('>'));
        let entity_prefix = format!("<{KZID}");
        let mut counts = Counts {
            triples: graph.len(),
            ..Counts::default()
        };
        let mut predicates: HashMap<u32, Predicate> = HashMap::new();
        let mut classes: HashMap<u32, usize> = HashMap::new();
        let mut last_subject = None;
        for &[subject, predicate, object] in graph.triples() {
            if last_subject != Some(subject) {
                last_subject = Some(subject);
                if graph.term(subject).starts_with(&entity_prefix) {
                    counts.entities += 1;
                }
            }
            let about = match predicates.entry(predicate) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => {
                    let name =
                        iri(predicate).ok_or_else(|| Error::Internal("a predicate that is not an IRI".to_owned()))?;
                    counts.properties.insert(name.to_owned());
                    new.insert(Predicate {
                        is_type: name == rdf!("type"),
                        schemes: (0..SCHEMES.len()).filter(|&i| SCHEMES[i].predicate == name).collect(),
                    })
                }
            };
            if about.is_type && graph.term(object).starts_with('<') {
                *classes.entry(object).or_default() += 1;
            }
            for &scheme in &about.schemes {
                if links_to(&SCHEMES[scheme], iri(object)) {
                    counts.links[scheme] += 1;
                }
            }
        }
        for (class, n) in classes {
            let name = iri(class).ok_or_else(|| Error::Internal("a class that is not an IRI".to_owned()))?;
            counts.classes.insert(name.to_owned(), n);
        }
        Ok(counts)
    }
}

/// Whether a link triple's object, an IRI or (`None`) a literal, is in the target's namespace.
fn links_to(target: &LinkScheme, object: Option<&str>) -> bool {
    match (object, target.namespace()) {
        (Some(iri), Some(namespace)) => iri.starts_with(namespace),
        (None, None) => true,
        _ => false,
    }
}

/// The description's triples, in the order they are written.
pub fn describe(counts: &Counts) -> Vec<Triple> {
    let dataset = NamedNodeRef::new_unchecked(DATASET_IRI);
    let mut triples = Vec::new();
    let mut put = |subject: &str, predicate: &str, object: TermRef<'_>| {
        triples.push(
            TripleRef::new(
                NamedNodeRef::new_unchecked(subject),
                NamedNodeRef::new_unchecked(predicate),
                object,
            )
            .into_owned(),
        );
    };
    let iri = |iri: &str| NamedNode::new_unchecked(iri);
    let text = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "en");
    let count = |n: usize| Literal::from(n as i64);
    let void = |local: &str| format!("{VOID}{local}");
    let d = dataset.as_str();
    put(d, rdf!("type"), iri(&void("Dataset")).as_ref().into());
    put(d, rdf!("type"), iri(&format!("{DCAT}Dataset")).as_ref().into());
    put(
        d,
        dcterms!("title"),
        text("kzlg: the knowledge graph of Kazakhstan's local government")
            .as_ref()
            .into(),
    );
    put(
        d,
        dcterms!("description"),
        text(
            "Akims, akimats, maslikhats, the central state bodies above them, the institutional rules between them \
             (who appoints, approves, dismisses, is accountable to, can veto or dissolve whom, de jure and de facto), \
             the people, programmes and events of Kazakhstan's local government, every fact with its source and quote, \
             and links to Wikidata, GeoNames, ISO 3166-2 and KATO.",
        )
        .as_ref()
        .into(),
    );
    put(d, dcterms!("license"), iri(LICENSE).as_ref().into());
    put(
        d,
        &format!("{DCAT}version"),
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")).as_ref().into(),
    );
    put(d, &void("uriSpace"), Literal::new_simple_literal(KZID).as_ref().into());
    put(d, &void("vocabulary"), iri(KZLG).as_ref().into());
    put(d, &void("triples"), count(counts.triples).as_ref().into());
    put(d, &void("entities"), count(counts.entities).as_ref().into());
    put(d, &void("classes"), count(counts.classes.len()).as_ref().into());
    put(d, &void("properties"), count(counts.properties.len()).as_ref().into());
    let partitions: Vec<(String, &String, usize)> = counts
        .classes
        .iter()
        .map(|(class, n)| (format!("{DATASET_IRI}#class-{}", fragment(class)), class, *n))
        .collect();
    let linksets: Vec<(String, &LinkScheme, usize)> = SCHEMES
        .iter()
        .zip(counts.links)
        .map(|(target, n)| (format!("{DATASET_IRI}#linkset-{}", target.name), target, n))
        .collect();
    for (partition, ..) in &partitions {
        put(d, &void("classPartition"), iri(partition).as_ref().into());
    }
    for (linkset, ..) in &linksets {
        put(d, &void("subset"), iri(linkset).as_ref().into());
    }
    for (partition, class, n) in &partitions {
        put(partition, &void("class"), iri(class).as_ref().into());
        put(partition, &void("entities"), count(*n).as_ref().into());
    }
    for (linkset, target, n) in &linksets {
        put(linkset, rdf!("type"), iri(&void("Linkset")).as_ref().into());
        put(linkset, &void("subjectsTarget"), dataset.into());
        put(linkset, &void("objectsTarget"), iri(target.home).as_ref().into());
        put(linkset, &void("linkPredicate"), iri(target.predicate).as_ref().into());
        put(linkset, &void("triples"), count(*n).as_ref().into());
    }
    for target in &SCHEMES {
        put(target.home, rdf!("type"), iri(&void("Dataset")).as_ref().into());
        put(target.home, dcterms!("title"), text(target.title).as_ref().into());
    }
    triples
}

/// A class IRI as a fragment: its compact name with `:` as `-` (`kzlg:Region` → `kzlg-Region`).
fn fragment(class: &str) -> String {
    crate::vocab::compact(class)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

/// Writes the description of the graph as Turtle into `path`.
pub fn write(counts: &Counts, path: &Path) -> Result<()> {
    let turtle = RdfSerializer::from_format(RdfFormat::Turtle);
    let serializer = prefixes::with_prefixes(turtle, &[("void", VOID), ("dcat", DCAT)])?;
    staged::write_file(path, |out| {
        let mut writer = serializer.for_writer(out);
        for triple in describe(counts) {
            writer.serialize_triple(&triple)?;
        }
        writer.finish()?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::canonical::{Lines, SortedTriples};
    use crate::rdf::TripleSink;

    fn lines(triples: &[(&str, &str, TermRef<'_>)]) -> Lines {
        let mut sink = SortedTriples::default();
        for (s, p, o) in triples {
            sink.triple(TripleRef::new(
                NamedNodeRef::new_unchecked(s),
                NamedNodeRef::new_unchecked(p),
                *o,
            ));
        }
        sink.finish()
    }

    #[test]
    fn counts_classes_links_and_entities() {
        let region = "https://w3id.org/kzlg/id/unit/north-kazakhstan-region";
        let city = "https://w3id.org/kzlg/id/unit/petropavl";
        let region_class = NamedNodeRef::new_unchecked(kzlg!("Region"));
        let city_class = NamedNodeRef::new_unchecked(kzlg!("City"));
        let wikidata = NamedNodeRef::new_unchecked("http://www.wikidata.org/entity/Q485088");
        let other = NamedNodeRef::new_unchecked("http://example.org/x");
        let kato = Literal::new_simple_literal("590000000");
        let graph = lines(&[
            (region, rdf!("type"), region_class.into()),
            (region, rdf!("type"), region_class.into()),
            (city, rdf!("type"), city_class.into()),
            (region, owl!("sameAs"), wikidata.into()),
            (city, owl!("sameAs"), other.into()),
            (region, kzlg!("kato"), kato.as_ref().into()),
        ]);
        let counts = Counts::of(&graph).unwrap();
        assert_eq!(counts.triples, 5);
        assert_eq!(counts.entities, 2);
        assert_eq!(counts.properties.len(), 3);
        assert_eq!(counts.classes[kzlg!("Region")], 1);
        assert_eq!(counts.classes[kzlg!("City")], 1);
        assert_eq!(counts.links, [1, 0, 0, 1]);
    }

    #[test]
    fn the_fixture_counts_a_link_to_every_target() {
        let mut sink = SortedTriples::default();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut sink).unwrap();
        let counts = Counts::of(&sink.finish()).unwrap();
        assert!(counts.links.iter().all(|&n| n > 0), "the fixture links to every target");
    }

    #[test]
    fn class_fragments_are_plain() {
        assert_eq!(fragment(kzlg!("Region")), "kzlg-Region");
        assert_eq!(fragment(foaf!("Person")), "foaf-Person");
    }
}
