//! IRIs of the vocabularies the graph uses, and the prefixes declared for them.
//!
//! The `iri!` macros build `&'static str` IRIs at compile time, so the schema can name
//! its predicates as constants (`kzlg!("appointedBy")`) without allocating. The macros are
//! crate-local: `lib.rs` declares this module first, with `#[macro_use]`.

use crate::schema::Kind;

/// The project ontology namespace (classes and properties).
pub const KZLG: &str = "https://w3id.org/kzlg/ontology#";
/// The entity namespace; entity IRIs are `KZID` + kind + `/` + id.
pub const KZID: &str = "https://w3id.org/kzlg/id/";
/// The IRI of the ontology document itself (also the named graph holding it in the query store).
pub const ONTOLOGY_IRI: &str = "https://w3id.org/kzlg/ontology";

/// An IRI in the kzlg ontology namespace.
macro_rules! kzlg {
    ($local:literal) => {
        concat!("https://w3id.org/kzlg/ontology#", $local)
    };
}

/// Declares a macro that builds IRIs in one well-known namespace.
macro_rules! namespace {
    ($name:ident, $ns:literal) => {
        #[doc = concat!("An IRI in the `", $ns, "` namespace.")]
        #[allow(unused_macros)]
        macro_rules! $name {
            ($local:literal) => {
                concat!($ns, $local)
            };
        }
    };
}
namespace!(rdf, "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
namespace!(rdfs, "http://www.w3.org/2000/01/rdf-schema#");
namespace!(xsd, "http://www.w3.org/2001/XMLSchema#");
namespace!(owl, "http://www.w3.org/2002/07/owl#");
namespace!(skos, "http://www.w3.org/2004/02/skos/core#");
namespace!(org, "http://www.w3.org/ns/org#");
namespace!(foaf, "http://xmlns.com/foaf/0.1/");
namespace!(schema, "https://schema.org/");
namespace!(prov, "http://www.w3.org/ns/prov#");
namespace!(dcterms, "http://purl.org/dc/terms/");
namespace!(eli, "http://data.europa.eu/eli/ontology#");

/// The prefixes of the vocabularies the graph reuses, and of the datasets it links to.
const VOCABULARY_PREFIXES: [(&str, &str); 14] = [
    ("rdf", rdf!("")),
    ("rdfs", rdfs!("")),
    ("xsd", xsd!("")),
    ("owl", owl!("")),
    ("skos", skos!("")),
    ("org", org!("")),
    ("foaf", foaf!("")),
    ("schema", schema!("")),
    ("prov", prov!("")),
    ("dcterms", dcterms!("")),
    ("eli", eli!("")),
    ("wd", "http://www.wikidata.org/entity/"),
    ("wdt", "http://www.wikidata.org/prop/direct/"),
    ("geonames", "https://sws.geonames.org/"),
];

const KINDS: usize = Kind::ALL.len();

/// Prefixes declared in every SPARQL query and used in Turtle and JSON-LD output: `kzlg:`,
/// `kzid:`, one per entity kind as the schema declares it, then the reused vocabularies.
///
/// Entity kinds get a prefix each (`person:askarbek-mustafin`) because a `/` cannot stand
/// unescaped in a prefixed name, so `kzid:person/…` is not valid SPARQL or Turtle.
pub const PREFIXES: &[(&str, &str)] = &{
    let mut all = [("", ""); 2 + KINDS + VOCABULARY_PREFIXES.len()];
    all[0] = ("kzlg", KZLG);
    all[1] = ("kzid", KZID);
    let mut i = 0;
    while i < KINDS {
        all[2 + i] = (Kind::ALL[i].prefix(), Kind::ALL[i].namespace());
        i += 1;
    }
    let mut j = 0;
    while j < VOCABULARY_PREFIXES.len() {
        all[2 + KINDS + j] = VOCABULARY_PREFIXES[j];
        j += 1;
    }
    all
};

/// Shortens `iri` to `prefix:local` when a declared prefix covers it and the local part is a
/// plain name; otherwise returns `<iri>`.
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(prefix, ns)| Some((prefix, iri.strip_prefix(ns)?)))
        .filter(|(_, local)| {
            !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .min_by_key(|(_, local)| local.len())
        .map_or_else(|| format!("<{iri}>"), |(prefix, local)| format!("{prefix}:{local}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_namespace_is_an_absolute_iri() {
        for (prefix, ns) in PREFIXES {
            oxigraph::model::NamedNode::new(*ns).unwrap_or_else(|e| panic!("prefix {prefix}: {ns} is not an IRI: {e}"));
        }
    }

    #[test]
    fn compact_prefers_the_longest_namespace() {
        assert_eq!(
            compact("https://w3id.org/kzlg/id/person/askarbek-mustafin"),
            "person:askarbek-mustafin"
        );
        assert_eq!(compact(kzlg!("appointedBy")), "kzlg:appointedBy");
        assert_eq!(compact("http://example.org/x"), "<http://example.org/x>");
    }
}
