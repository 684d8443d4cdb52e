//! One page model for every entity and every ontology term, read from the store, and its forms:
//! the terminal (`kzlg show`, [`text`]), HTML (the server's and the static site's pages,
//! [`html`]), JSON ([`json`]) and RDF ([`rdf`]); [`site`] writes them all as a static site.
//!
//! A [`Page`] says everything the graph knows of one entity: its labels in every language, what
//! it is and where it lies (its `partOf` chain, each link with its dates), every fact in both
//! directions as a sentence, subject first ([`Fact`]), with the schema's label for the relation,
//! its source, line and quote, and, given a date, whether it held then.

pub mod facts;
pub mod graph;
pub mod html;
pub mod json;
pub mod lang;
pub mod rdf;
pub mod search_index;
pub mod site;
pub mod term;
pub mod text;

use oxigraph::store::Store;

use crate::date::Date;
use crate::error::Result;
use crate::schema::Kind;
use crate::time::{Holds, Period};

pub use graph::kind_and_id;
pub use lang::{Lang, Word};
pub use term::{Ontology, Term};

/// A name in one language (`lang` is empty for a plain string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub lang: String,
}

/// Something a page links to: an entity, a term, a source, with its labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    /// The English label (for a relation: the schema's), else any, else a prefixed name.
    pub label: String,
    /// Every label it has, English first.
    pub labels: Vec<Label>,
}

impl Node {
    /// Its label in `lang`, or the English one.
    pub fn label_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label,
            _ => self
                .labels
                .iter()
                .find(|l| l.lang == lang.tag())
                .map_or(&self.label, |l| &l.text),
        }
    }

    /// The kind and id of an entity of the graph.
    pub fn entity(&self) -> Option<(Kind, &str)> {
        kind_and_id(&self.iri).filter(|(kind, _)| *kind != Kind::Stmt)
    }
}

/// What a fact's object is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Object {
    Node(Node),
    /// A value: a number, a code, a name.
    Value(Label),
}

impl Object {
    pub fn text(&self, lang: Lang) -> &str {
        match self {
            Object::Node(node) => node.label_in(lang),
            Object::Value(value) => &value.text,
        }
    }
}

/// Where a fact comes from: the document, the line and the words that say it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub source: Node,
    pub line: Option<u64>,
    pub quote: String,
}

/// The group a fact is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `partOf`, up from the entity or the units it lies in.
    Place,
    /// The rules in and out: who appoints, approves, dismisses, answers to whom.
    Rules,
    /// The rules of the generic post a specific post follows.
    Inherited,
    /// Who held a post, or the posts a person held.
    Tenures,
    /// Events and who took part.
    Events,
    /// Every other relation, both directions.
    Facts,
    /// Names with their sources (aliases).
    Names,
    /// Links to external datasets.
    Links,
}

/// One fact as a sentence: subject — relation → object, with its time and source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub section: Section,
    pub subject: Node,
    /// The relation, labelled as the schema reads it subject first (`accountable to`).
    pub relation: Node,
    pub object: Object,
    /// The statement node that records it, when there is one.
    pub statement: Option<String>,
    pub period: Period,
    /// A date that places it in time (a tenure's start, an event's date), for the order of
    /// tenures and events.
    pub when: Option<Date>,
    /// Whether it held on the page's date (for rules, links and tenures).
    pub holds: Option<Holds>,
    /// `kzlg:DeJure`, `kzlg:DeFacto`, `kzlg:Proposed`.
    pub basis: Option<Node>,
    /// The legal provisions it rests on.
    pub legal_basis: Vec<Node>,
    pub condition: Option<String>,
    /// A participant's role in an event, a quantity's qualifier, an alias's kind.
    pub role: Option<String>,
    pub note: Option<String>,
    /// The rule that replaced it.
    pub replaced_by: Option<String>,
    /// The generic post whose rule this is.
    pub inherited_from: Option<Node>,
    pub evidence: Vec<Evidence>,
}

/// An identifier of the entity in an external dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalId {
    /// The scheme's title: Wikidata, GeoNames...
    pub scheme: &'static str,
    pub id: String,
    /// Where a browser reads it: the IRI, or the dataset's home for codes.
    pub url: String,
    pub fact: Option<Fact>,
}

/// Everything the graph says of one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The entity, with its labels in every language.
    pub node: Node,
    pub kind: Kind,
    pub id: String,
    /// The date the page is seen at (`None`: every fact, without "holds").
    pub on: Option<Date>,
    /// Other names (`skos:altLabel`).
    pub alt_labels: Vec<Label>,
    /// Its classes, with the ontology's labels.
    pub types: Vec<Node>,
    /// Its values (a person's family name, a law's date, a post's level), as property and value.
    pub attributes: Vec<(Node, Object)>,
    pub notes: Vec<String>,
    /// The row that introduces the entity.
    pub evidence: Vec<Evidence>,
    /// Every fact, grouped by [`Section`] and in the order each section is read.
    pub facts: Vec<Fact>,
    pub external_ids: Vec<ExternalId>,
    /// Every entity the page links to, by label.
    pub related: Vec<Node>,
}

impl Page {
    /// The page of the entity `iri` as of `on` (`None`: every fact, undated view); `None` when
    /// the graph says nothing of it.
    pub fn build(store: &Store, iri: &str, on: Option<Date>) -> Result<Option<Page>> {
        facts::build(graph::Graph::new(store), iri, on)
    }

    /// The facts of one section, in order.
    pub fn section(&self, section: Section) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(move |f| f.section == section)
    }
}

/// How a fact stands on a date, in English words for machines: `holds`, `within 2002-11`, `no`.
pub fn text_of_holds(holds: Holds) -> String {
    match holds {
        Holds::Yes => "holds".to_owned(),
        Holds::Within(date) => format!("within {date}"),
        Holds::No => "no".to_owned(),
    }
}
