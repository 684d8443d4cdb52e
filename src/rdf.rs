//! How a checked row becomes triples.
//!
//! Entity rows describe their own node, column by column, as the schema maps them. Rows of the
//! statement tables (tenures, participations, relations, quantities, aliases, links) become a
//! `kzlg:Statement` node — `kzlg:subject`, `kzlg:predicate`, `kzlg:object`, qualifiers and
//! provenance — next to the direct triple it reifies, Wikidata-style. A relation or link that
//! has ended (`valid_until` set) keeps its statement node but gets no direct triple, so the
//! direct triples describe the system as it stands.

use oxigraph::model::{Literal, LiteralRef, NamedNodeRef, TermRef, TripleRef};

use crate::date::Date;
use crate::schema::{Kind, Rdf, Shape, Table, term_name};

/// Where triples go: a sorted file writer, a store, a counter.
pub trait TripleSink {
    fn triple(&mut self, triple: TripleRef<'_>);
}

impl TripleSink for Vec<oxigraph::model::Triple> {
    fn triple(&mut self, triple: TripleRef<'_>) {
        self.push(triple.into_owned());
    }
}

/// A checked cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Empty,
    Text(&'a str),
    Date(Date),
    Number(&'a str),
    Line(u64),
    Lang(&'a str),
    Iri(&'a str),
    Choice(&'static str),
    Ref(&'a str, Kind),
    Refs(Vec<(&'a str, Kind)>),
}

/// A checked row: one value per column, in the schema's column order.
#[derive(Debug)]
pub struct Row<'a> {
    pub table: &'static Table,
    pub values: Vec<Value<'a>>,
}

impl<'a> Row<'a> {
    /// The value of the column `name`, if the table has it.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.table
            .all_columns()
            .position(|c| c.name == name)
            .map(|i| &self.values[i])
    }

    /// The text of a single-valued cell (empty for an empty cell).
    pub fn text(&self, name: &str) -> &'a str {
        match self.get(name) {
            Some(Value::Text(t) | Value::Number(t) | Value::Lang(t) | Value::Iri(t) | Value::Ref(t, _)) => t,
            Some(Value::Choice(c)) => c,
            _ => "",
        }
    }

    pub fn is_empty(&self, name: &str) -> bool {
        matches!(self.get(name), None | Some(Value::Empty))
    }

    fn reference(&self, name: &str) -> Option<String> {
        match self.get(name) {
            Some(Value::Ref(id, kind)) => Some(kind.iri(id)),
            _ => None,
        }
    }
}

/// The id of the row's node: its `id` cell, or for aliases and links one derived from the
/// cells that make the row unique, so it is stable as long as the fact is.
pub fn node_id(row: &Row<'_>) -> String {
    match row.table.shape {
        Shape::Alias => {
            let key = [row.text("alias"), row.text("lang"), row.text("source")].join("\u{0}");
            let digest = ring::digest::digest(&ring::digest::SHA256, key.as_bytes());
            let hex: String = digest.as_ref()[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("alias-{}-{hex}", row.text("entity"))
        }
        Shape::Link => {
            let value: String = row
                .text("value")
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            format!("link-{}-{}-{value}", row.text("entity"), row.text("scheme"))
        }
        _ => row.text("id").to_owned(),
    }
}

/// An object term being built: an IRI or a literal.
enum Object {
    Iri(String),
    Literal(Literal),
}

impl Object {
    fn as_ref(&self) -> TermRef<'_> {
        match self {
            Object::Iri(iri) => NamedNodeRef::new_unchecked(iri).into(),
            Object::Literal(literal) => literal.as_ref().into(),
        }
    }
}

fn literal(value: &Value<'_>) -> Option<Literal> {
    Some(match value {
        Value::Text(t) | Value::Lang(t) | Value::Iri(t) => Literal::new_simple_literal(*t),
        Value::Choice(c) => Literal::new_simple_literal(*c),
        Value::Date(d) => Literal::new_typed_literal(d.to_string(), NamedNodeRef::new_unchecked(d.datatype())),
        Value::Number(n) => {
            let datatype = if n.contains('.') {
                xsd!("decimal")
            } else {
                xsd!("integer")
            };
            Literal::new_typed_literal(*n, NamedNodeRef::new_unchecked(datatype))
        }
        Value::Line(n) => Literal::new_typed_literal(n.to_string(), NamedNodeRef::new_unchecked(xsd!("integer"))),
        Value::Empty | Value::Ref(..) | Value::Refs(_) => return None,
    })
}

/// The triple a statement row stands for, and whether it is written directly.
struct Statement {
    subject: String,
    predicate: String,
    object: Object,
    direct: bool,
}

fn statement(row: &Row<'_>) -> Option<Statement> {
    let current = row.is_empty("valid_until");
    let (subject, predicate, object, direct) = match row.table.shape {
        Shape::Entity => return None,
        Shape::Tenure => (
            row.reference("person")?,
            org!("holds").to_owned(),
            Object::Iri(row.reference("post")?),
            true,
        ),
        Shape::Participation => (
            row.reference("event")?,
            kzlg!("participant").to_owned(),
            Object::Iri(row.reference("participant")?),
            true,
        ),
        Shape::Relation => (
            row.reference("subject")?,
            format!("{}{}", crate::vocab::KZLG, row.text("predicate")),
            Object::Iri(row.reference("object")?),
            current,
        ),
        Shape::Quantity => (
            row.reference("subject")?,
            format!("{}{}", crate::vocab::KZLG, row.text("property")),
            Object::Literal(literal(row.get("value")?)?),
            true,
        ),
        Shape::Alias => {
            let alias = row.text("alias");
            let object = match row.text("lang") {
                "" => Literal::new_simple_literal(alias),
                lang => Literal::new_language_tagged_literal(alias, lang).ok()?,
            };
            (
                row.reference("entity")?,
                skos!("altLabel").to_owned(),
                Object::Literal(object),
                true,
            )
        }
        Shape::Link => {
            let value = row.text("value");
            let (predicate, object) = match row.text("scheme") {
                "wikidata" => (
                    owl!("sameAs"),
                    Object::Iri(format!("http://www.wikidata.org/entity/{value}")),
                ),
                "geonames" => (
                    skos!("exactMatch"),
                    Object::Iri(format!("https://sws.geonames.org/{value}/")),
                ),
                "iso3166-2" => (kzlg!("iso3166_2"), Object::Literal(Literal::new_simple_literal(value))),
                _ => (kzlg!("kato"), Object::Literal(Literal::new_simple_literal(value))),
            };
            (row.reference("entity")?, predicate.to_owned(), object, current)
        }
    };
    Some(Statement {
        subject,
        predicate,
        object,
        direct,
    })
}

/// Sends the triples of one checked row to `sink`; `id` is [`node_id`] of the row.
pub fn emit(row: &Row<'_>, id: &str, sink: &mut dyn TripleSink) {
    let node_iri = row.table.kind.iri(id);
    let node = NamedNodeRef::new_unchecked(&node_iri);
    for class in row.table.classes {
        put(sink, node, rdf!("type"), NamedNodeRef::new_unchecked(class).into());
    }
    for (column, value) in row.table.all_columns().zip(&row.values) {
        if *value == Value::Empty {
            continue;
        }
        for mapping in column.rdf {
            match (mapping, value) {
                (Rdf::Label(lang), Value::Text(text)) => {
                    let label = LiteralRef::new_language_tagged_literal_unchecked(text, lang);
                    put(sink, node, rdfs!("label"), label.into());
                }
                (Rdf::Literal(predicate), value) => {
                    if let Some(literal) = literal(value) {
                        put(sink, node, predicate, literal.as_ref().into());
                    }
                }
                (Rdf::Link(predicate), Value::Ref(id, kind)) => {
                    put(sink, node, predicate, NamedNodeRef::new_unchecked(&kind.iri(id)).into());
                }
                (Rdf::Link(predicate), Value::Refs(refs)) => {
                    for (id, kind) in refs {
                        put(sink, node, predicate, NamedNodeRef::new_unchecked(&kind.iri(id)).into());
                    }
                }
                (Rdf::Link(predicate), Value::Iri(iri)) => {
                    put(sink, node, predicate, NamedNodeRef::new_unchecked(iri).into());
                }
                (Rdf::Term(predicate), Value::Choice(choice)) => {
                    let term = format!("{}{}", crate::vocab::KZLG, term_name(choice));
                    put(sink, node, predicate, NamedNodeRef::new_unchecked(&term).into());
                }
                (Rdf::Class, Value::Choice(choice)) => {
                    let class = format!("{}{}", crate::vocab::KZLG, term_name(choice));
                    put(sink, node, rdf!("type"), NamedNodeRef::new_unchecked(&class).into());
                }
                (Rdf::Inverse(predicate), Value::Ref(id, kind)) => {
                    let other = kind.iri(id);
                    put(sink, NamedNodeRef::new_unchecked(&other), predicate, node.into());
                }
                _ => {}
            }
        }
    }
    if let Some(statement) = statement(row) {
        let subject = NamedNodeRef::new_unchecked(&statement.subject);
        let object = statement.object.as_ref();
        if statement.direct {
            put(sink, subject, &statement.predicate, object);
        }
        put(sink, node, kzlg!("subject"), subject.into());
        put(
            sink,
            node,
            kzlg!("predicate"),
            NamedNodeRef::new_unchecked(&statement.predicate).into(),
        );
        put(sink, node, kzlg!("object"), object);
    }
}

fn put(sink: &mut dyn TripleSink, subject: NamedNodeRef<'_>, predicate: &str, object: TermRef<'_>) {
    sink.triple(TripleRef::new(subject, NamedNodeRef::new_unchecked(predicate), object));
}
