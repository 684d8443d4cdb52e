//! IRIs of the vocabularies the graph uses, and the prefixes declared for them.
//!
//! The `iri!` macros build `&'static str` IRIs at compile time, so the schema can name
//! its predicates as constants (`kzlg!("appointedBy")`) without allocating. The macros are
//! crate-local: `lib.rs` declares this module first, with `#[macro_use]`.

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

/// Prefixes declared in every SPARQL query and used in Turtle and JSON-LD output.
///
/// Entity kinds get a prefix each (`person:askarbek-mustafin`) because a `/` cannot stand
/// unescaped in a prefixed name, so `kzid:person/…` is not valid SPARQL or Turtle.
/// Organisations use `kzorg:` since `org:` is the W3C Organization ontology.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kzlg", KZLG),
    ("kzid", KZID),
    ("person", "https://w3id.org/kzlg/id/person/"),
    ("unit", "https://w3id.org/kzlg/id/unit/"),
    ("body", "https://w3id.org/kzlg/id/body/"),
    ("post", "https://w3id.org/kzlg/id/post/"),
    ("kzorg", "https://w3id.org/kzlg/id/org/"),
    ("law", "https://w3id.org/kzlg/id/law/"),
    ("program", "https://w3id.org/kzlg/id/program/"),
    ("event", "https://w3id.org/kzlg/id/event/"),
    ("plan", "https://w3id.org/kzlg/id/plan/"),
    ("source", "https://w3id.org/kzlg/id/source/"),
    ("stmt", "https://w3id.org/kzlg/id/stmt/"),
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
