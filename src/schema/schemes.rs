//! The external datasets kzlg links to: how an id of each is written, which triple a link
//! becomes, how the VoID description names the dataset, and the rule that ties a code to its
//! region. `links.csv`, the RDF writer, VoID, the loader's checks and `kzlg link suggest` all
//! read these declarations.

/// What a link's object is.
#[derive(Clone, Copy, Debug)]
pub enum LinkObject {
    /// An IRI: `namespace` + id + `suffix`. `also` lists other spellings of the namespace that
    /// extracts use (`https://www.wikidata.org/wiki/`), read but never written.
    Iri {
        namespace: &'static str,
        suffix: &'static str,
        also: &'static [&'static str],
    },
    /// A plain literal: the code itself.
    Literal,
}

/// The rule that a code of a unit inside a region begins with the region's own digits (KATO).
#[derive(Clone, Copy, Debug)]
pub struct RegionPrefix {
    /// How many leading digits name the region.
    pub digits: usize,
}

/// An external dataset and its identifiers.
#[derive(Debug)]
pub struct LinkScheme {
    /// The value of `links.csv`'s `scheme` column, and the fragment of the VoID linkset's IRI.
    pub name: &'static str,
    pub title: &'static str,
    /// The dataset's home page, its IRI in the VoID description.
    pub home: &'static str,
    pub predicate: &'static str,
    pub object: LinkObject,
    /// Whether an id is well-formed.
    pub is_valid: fn(&str) -> bool,
    /// How messages describe a well-formed id.
    pub expected: &'static str,
    /// Whether an id without its scheme has this scheme's form, well-formed or not (an extract's
    /// `0487439` is a GeoNames id with a slip, which the loader then refuses with a hint).
    pub looks_like: fn(&str) -> bool,
    /// When an id has the form of several schemes (nine digits are a KATO code and a GeoNames
    /// id), the scheme with the lowest rank is guessed.
    pub guess_rank: u8,
    pub region_prefix: Option<RegionPrefix>,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Every scheme, in the order the VoID description and the export attributes list them.
pub const SCHEMES: [LinkScheme; 4] = [
    LinkScheme {
        name: "wikidata",
        title: "Wikidata",
        home: "https://www.wikidata.org/",
        predicate: owl!("sameAs"),
        object: LinkObject::Iri {
            namespace: "http://www.wikidata.org/entity/",
            suffix: "",
            also: &["https://www.wikidata.org/entity/", "https://www.wikidata.org/wiki/"],
        },
        is_valid: |value| {
            value
                .strip_prefix('Q')
                .is_some_and(|n| digits(n) && !n.starts_with('0'))
        },
        expected: "a Wikidata item id: Q followed by digits, e.g. Q1005",
        looks_like: |value| value.strip_prefix('Q').is_some_and(digits),
        guess_rank: 0,
        region_prefix: None,
    },
    LinkScheme {
        name: "geonames",
        title: "GeoNames",
        home: "https://www.geonames.org/",
        predicate: skos!("exactMatch"),
        object: LinkObject::Iri {
            namespace: "https://sws.geonames.org/",
            suffix: "/",
            also: &["http://sws.geonames.org/"],
        },
        is_valid: |value| digits(value) && !value.starts_with('0'),
        expected: "a GeoNames id: digits, e.g. 1520172",
        looks_like: digits,
        guess_rank: 3,
        region_prefix: None,
    },
    LinkScheme {
        name: "iso3166-2",
        title: "ISO 3166-2:KZ subdivision codes",
        home: "https://www.iso.org/obp/ui/#iso:code:3166:KZ",
        predicate: kzlg!("iso3166_2"),
        object: LinkObject::Literal,
        is_valid: |value| {
            value.strip_prefix("KZ-").is_some_and(|c| {
                (1..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            })
        },
        expected: "an ISO 3166-2:KZ code: KZ- and one to three capitals or digits, e.g. KZ-59",
        looks_like: |value| value.starts_with("KZ-"),
        guess_rank: 1,
        region_prefix: None,
    },
    LinkScheme {
        name: "kato",
        title: "KATO, the classifier of administrative-territorial objects of Kazakhstan",
        home: "https://stat.gov.kz/",
        predicate: kzlg!("kato"),
        object: LinkObject::Literal,
        is_valid: |value| value.len() == 9 && digits(value),
        expected: "a KATO code: nine digits, e.g. 591000000",
        looks_like: |value| value.len() == 9 && digits(value),
        guess_rank: 2,
        region_prefix: Some(RegionPrefix { digits: 2 }),
    },
];

/// The names of [`SCHEMES`], the choices of the `scheme` column.
pub const SCHEME_NAMES: [&str; SCHEMES.len()] = names_of!(SCHEMES);

impl LinkScheme {
    /// The namespace of the objects of its links; `None` for codes, which are literals.
    pub fn namespace(&self) -> Option<&'static str> {
        match self.object {
            LinkObject::Iri { namespace, .. } => Some(namespace),
            LinkObject::Literal => None,
        }
    }

    /// The IRI a link to `value` points to, for schemes whose links are IRIs.
    pub fn iri(&self, value: &str) -> Option<String> {
        match self.object {
            LinkObject::Iri { namespace, suffix, .. } => Some(format!("{namespace}{value}{suffix}")),
            LinkObject::Literal => None,
        }
    }

    /// The id an IRI of this dataset stands for, under any spelling of its namespace.
    pub fn id_in(&self, iri: &str) -> Option<String> {
        let LinkObject::Iri { namespace, also, .. } = self.object else {
            return None;
        };
        std::iter::once(namespace)
            .chain(also.iter().copied())
            .find_map(|ns| iri.strip_prefix(ns))
            .map(|rest| rest.trim_end_matches('/').to_owned())
    }

    /// The name of the node attribute that carries the current id in the exports.
    pub fn attribute(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// The scheme `links.csv` names `name`.
pub fn scheme(name: &str) -> Option<&'static LinkScheme> {
    SCHEMES.iter().find(|s| s.name == name)
}

/// The scheme an id without its scheme most likely belongs to, by its form (a near miss too).
pub fn guess_scheme(id: &str) -> Option<&'static LinkScheme> {
    SCHEMES
        .iter()
        .filter(|s| (s.looks_like)(id))
        .min_by_key(|s| s.guess_rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guess_ranks_are_distinct() {
        let mut ranks: Vec<u8> = SCHEMES.iter().map(|s| s.guess_rank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), SCHEMES.len());
    }

    #[test]
    fn ids_are_guessed_by_their_form() {
        let guess = |id| guess_scheme(id).map(|s| s.name);
        assert_eq!(guess("Q485088"), Some("wikidata"));
        assert_eq!(guess("1519367"), Some("geonames"));
        assert_eq!(guess("0487439"), Some("geonames"));
        assert_eq!(guess("590000000"), Some("kato"));
        assert_eq!(guess("KZ-59"), Some("iso3166-2"));
        assert_eq!(guess("north"), None);
    }

    #[test]
    fn iris_round_trip_through_their_ids() {
        for scheme in &SCHEMES {
            if let Some(iri) = scheme.iri("123") {
                assert_eq!(scheme.id_in(&iri).as_deref(), Some("123"), "{}", scheme.name);
            }
        }
        assert_eq!(
            scheme("wikidata").unwrap().id_in("https://www.wikidata.org/wiki/Q5"),
            Some("Q5".into())
        );
    }
}
