//! The kinds of entity: each one's IRI segment (`kzid:person/…`), its prefix in SPARQL, Turtle
//! and messages (`person:…`, `kzorg:…`), and the noun messages use. The order of declaration is
//! the order of the prefixes in every Turtle and JSON-LD file.

/// Declares [`Kind`] and its table of names in one place.
macro_rules! kinds {
    ($($kind:ident: $segment:literal, $prefix:literal, $noun:literal;)*) => {
        /// The kind of an entity: decides its IRI (`kzid:<segment>/<id>`) and which references
        /// accept it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($kind,)*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)*];

            /// The IRI path segment after `kzid:`.
            pub const fn segment(self) -> &'static str {
                match self { $(Kind::$kind => $segment,)* }
            }

            /// The prefix its IRIs are written with (`org:` is the W3C Organization ontology, so
            /// organisations are `kzorg:`).
            pub const fn prefix(self) -> &'static str {
                match self { $(Kind::$kind => $prefix,)* }
            }

            /// The namespace of its IRIs: `kzid:` + segment + `/`.
            pub const fn namespace(self) -> &'static str {
                match self { $(Kind::$kind => concat!("https://w3id.org/kzlg/id/", $segment, "/"),)* }
            }

            /// How error messages name an entity of this kind.
            pub const fn noun(self) -> &'static str {
                match self { $(Kind::$kind => $noun,)* }
            }
        }
    };
}

kinds! {
    Person: "person", "person", "person";
    Unit: "unit", "unit", "unit";
    Body: "body", "body", "body";
    Post: "post", "post", "post";
    Org: "org", "kzorg", "organisation";
    Law: "law", "law", "law or provision";
    Program: "program", "program", "programme";
    Event: "event", "event", "event";
    Plan: "plan", "plan", "action plan";
    Source: "source", "source", "source";
    Stmt: "stmt", "stmt", "statement";
    Proposal: "proposal", "proposal", "proposal";
    Document: "document", "document", "document";
    Finding: "finding", "finding", "finding";
}

impl Kind {
    /// The noun with its indefinite article: "a person", "an organisation".
    pub fn with_article(self) -> String {
        let noun = self.noun();
        // By sound, not letter: "a unit", "an organisation".
        let article = if noun.starts_with(['a', 'e', 'i', 'o']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {noun}")
    }

    /// The full IRI of the entity `id` of this kind.
    pub fn iri(self, id: &str) -> String {
        let namespace = self.namespace();
        let mut iri = String::with_capacity(namespace.len() + id.len());
        iri.push_str(namespace);
        iri.push_str(id);
        iri
    }

    /// The entity written with its prefix: `kzorg:usaid`.
    pub fn curie(self, id: &str) -> String {
        format!("{}:{id}", self.prefix())
    }
}

/// The id a user means by an id, an entity IRI or a prefixed name (`post:akim-region`), for
/// commands that take an entity on the command line.
pub fn id_of(wanted: &str) -> &str {
    Kind::ALL
        .iter()
        .find_map(|kind| {
            wanted.strip_prefix(kind.namespace()).or_else(|| {
                wanted
                    .strip_prefix(kind.prefix())
                    .and_then(|rest| rest.strip_prefix(':'))
            })
        })
        .unwrap_or(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_is_named_by_id_iri_or_prefixed_name() {
        assert_eq!(id_of("akim-region"), "akim-region");
        assert_eq!(id_of("post:akim-region"), "akim-region");
        assert_eq!(id_of("https://w3id.org/kzlg/id/post/akim-region"), "akim-region");
        assert_eq!(id_of("kzorg:usaid"), "usaid");
    }

    #[test]
    fn namespaces_are_under_the_entity_namespace() {
        for kind in Kind::ALL {
            assert_eq!(kind.namespace(), format!("{}{}/", crate::vocab::KZID, kind.segment()));
        }
        assert_eq!(Kind::Org.curie("usaid"), "kzorg:usaid");
    }
}
