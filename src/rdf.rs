//! How a checked row becomes triples.
//!
//! Entity rows describe their own node, column by column, as the schema maps them. Rows of the
//! statement tables (tenures, participations, relations, quantities, aliases, links) become a
//! `kzlg:Statement` node — `kzlg:subject`, `kzlg:predicate`, `kzlg:object`, qualifiers and
//! provenance — next to the direct triple it reifies, Wikidata-style. The direct triples of
//! rules, links and tenures are the [`View`] at one date (the dataset's, or `--as-of`): a rule
//! that does not hold then keeps its statement node but gets no direct triple.

use oxigraph::model::{Literal, LiteralRef, NamedNodeRef, TermRef, TripleRef};

use crate::date::Date;
use crate::schema::{Kind, Rdf, Shape, Table, term_name};
use crate::time::View;

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
        self.table.position(name).map(|i| &self.values[i])
    }

    /// The text of a single-valued cell (empty for an empty cell).
    pub fn text(&self, name: &str) -> &'a str {
        match self.get(name) {
            Some(Value::Text(t) | Value::Number(t) | Value::Lang(t) | Value::Iri(t) | Value::Ref(t, _)) => t,
            Some(Value::Choice(c)) => c,
            _ => "",
        }
    }

    /// The relation the row's direct triple states: its table's fixed one (tenures,
    /// participations) or the one its `predicate` column names (statements).
    pub fn relation(&self) -> Option<&'static crate::schema::Relation> {
        self.table
            .fixed_relation()
            .or_else(|| crate::schema::relation(self.text("predicate")))
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

fn statement(row: &Row<'_>, view: &View<'_>) -> Option<Statement> {
    let held = view.holds(row).is_held();
    let (subject, predicate, object, direct) = match row.table.shape {
        Shape::Entity => return None,
        Shape::Tenure | Shape::Participation | Shape::Relation => {
            let relation = row.relation()?;
            let (subject, object) = row.table.shape.ends()?;
            (
                row.reference(subject)?,
                relation.iri.to_owned(),
                Object::Iri(row.reference(object)?),
                held,
            )
        }
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
            let scheme = crate::schema::scheme(row.text("scheme"))?;
            let value = row.text("value");
            let object = match scheme.iri(value) {
                Some(iri) => Object::Iri(iri),
                None => Object::Literal(Literal::new_simple_literal(value)),
            };
            // A former code keeps its statement node; only the one in use is a direct triple.
            (row.reference("entity")?, scheme.predicate.to_owned(), object, held)
        }
    };
    Some(Statement {
        subject,
        predicate,
        object,
        direct,
    })
}

/// The class a choice of a [`Rdf::Class`] column makes its row's node.
fn class_iri(choice: &str) -> String {
    format!("{}{}", crate::vocab::KZLG, term_name(choice))
}

/// Shows `found` each class (`rdf:type` object) that [`emit`] gives the row's node, without
/// building its other triples: for the loader's class counts when no graph is wanted.
pub fn classes(row: &Row<'_>, found: &mut dyn FnMut(&str)) {
    for class in row.table.classes {
        found(class);
    }
    for (column, value) in row.table.all_columns().zip(&row.values) {
        if let Value::Choice(choice) = value {
            for _ in column.rdf.iter().filter(|mapping| matches!(mapping, Rdf::Class)) {
                found(&class_iri(choice));
            }
        }
    }
}

/// Sends the triples of one checked row to `sink`; `id` is [`node_id`] of the row.
pub fn emit(row: &Row<'_>, id: &str, view: &View<'_>, sink: &mut dyn TripleSink) {
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
                (Rdf::Link(predicate), Value::Ref(target, kind)) => {
                    // A unit's parent of today, as of a date before a dated move put it there,
                    // is not yet its parent: the `partOf` statement that closed the former one says.
                    if column.name == "part_of" && !view.parent_holds(id, target) {
                        continue;
                    }
                    put(
                        sink,
                        node,
                        predicate,
                        NamedNodeRef::new_unchecked(&kind.iri(target)).into(),
                    );
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
                (Rdf::Relation(predicate), Value::Choice(choice)) => {
                    if let Some(relation) = crate::schema::relation(choice) {
                        put(sink, node, predicate, NamedNodeRef::new_unchecked(relation.iri).into());
                    }
                }
                (Rdf::Class, Value::Choice(choice)) => {
                    put(
                        sink,
                        node,
                        rdf!("type"),
                        NamedNodeRef::new_unchecked(&class_iri(choice)).into(),
                    );
                }
                (Rdf::Inverse(predicate), Value::Ref(id, kind)) => {
                    let other = kind.iri(id);
                    put(sink, NamedNodeRef::new_unchecked(&other), predicate, node.into());
                }
                _ => {}
            }
        }
    }
    // The dataset says which date its direct triples describe, so that queries over the
    // statement nodes can ask for the rules of that same date (`kzlg:holdsOn`).
    if row.table.kind == Kind::Source && row.text("kind") == "dataset" {
        if let Some(date) = literal(&Value::Date(view.date)) {
            put(sink, node, kzlg!("viewDate"), date.as_ref().into());
        }
    }
    // A replaced rule ends when the rule that replaced it took force.
    if let (true, Some(ended)) = (row.is_empty("valid_until"), view.replaced_on(row)) {
        if let Some(until) = literal(&Value::Date(ended)) {
            put(sink, node, kzlg!("validUntil"), until.as_ref().into());
        }
    }
    if let Some(statement) = statement(row, view) {
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    /// One row of every table of the good fixture, and triples it must become (written out by hand
    /// from the schema's mapping).
    #[test]
    fn each_table_maps_its_rows_to_the_documented_triples() {
        let mut triples: Vec<oxigraph::model::Triple> = Vec::new();
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&tables, &mut triples).unwrap();
        let graph: HashSet<String> = triples.iter().map(ToString::to_string).collect();
        let id = |kind: &str, id: &str| format!("<https://w3id.org/kzlg/id/{kind}/{id}>");
        let k = |local: &str| format!("<https://w3id.org/kzlg/ontology#{local}>");
        let expected = [
            // sources: kind, file, no provenance of its own
            (id("source", "internship"), k("file"), "\"internship.txt\"".to_owned()),
            (
                id("source", "ref-regions"),
                "<https://schema.org/url>".to_owned(),
                "<https://en.wikipedia.org/wiki/Regions_of_Kazakhstan>".to_owned(),
            ),
            // units: class from type, labels per language, part_of
            (
                id("unit", "petropavl"),
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>".to_owned(),
                k("City"),
            ),
            (
                id("unit", "petropavl"),
                "<http://www.w3.org/2000/01/rdf-schema#label>".to_owned(),
                "\"Петропавл\"@kk".to_owned(),
            ),
            (
                id("unit", "petropavl"),
                k("partOf"),
                id("unit", "north-kazakhstan-region"),
            ),
            // bodies: governs, level term
            (
                id("body", "petropavl-city-maslikhat"),
                k("governs"),
                id("unit", "petropavl"),
            ),
            (id("body", "maslikhat-region"), k("level"), k("Region")),
            // organisations: country literal
            (id("org", "akpf"), k("country"), "\"US\"".to_owned()),
            // posts: postType term, postIn, genericPost
            (id("post", "akim-zhambyl-district-nko"), k("postType"), k("Akim")),
            (
                id("post", "akim-zhambyl-district-nko"),
                k("genericPost"),
                id("post", "akim-district"),
            ),
            (
                id("post", "akim-district"),
                "<http://www.w3.org/ns/org#postIn>".to_owned(),
                id("body", "akimat-district"),
            ),
            // people: foaf names and provenance
            (
                id("person", "askarbek-mustafin"),
                "<http://xmlns.com/foaf/0.1/familyName>".to_owned(),
                "\"Mustafin\"".to_owned(),
            ),
            (
                id("person", "askarbek-mustafin"),
                k("sourceLine"),
                "\"261\"^^<http://www.w3.org/2001/XMLSchema#integer>".to_owned(),
            ),
            (
                id("person", "askarbek-mustafin"),
                "<http://www.w3.org/ns/prov#wasDerivedFrom>".to_owned(),
                id("source", "internship"),
            ),
            // tenures: the node (the direct triple only as of the attested month, below)
            (
                id("stmt", "tenure-askarbek-mustafin-2002"),
                k("attestedOn"),
                "\"2002-11\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>".to_owned(),
            ),
            (
                id("stmt", "tenure-askarbek-mustafin-2002"),
                k("predicate"),
                "<http://www.w3.org/ns/org#holds>".to_owned(),
            ),
            // laws and provisions
            (
                id("law", "law-local-state-government"),
                k("adopted"),
                "\"2001\"^^<http://www.w3.org/2001/XMLSchema#gYear>".to_owned(),
            ),
            (
                id("law", "lsg-law-art-24"),
                "<http://data.europa.eu/eli/ontology#is_part_of>".to_owned(),
                id("law", "law-local-state-government"),
            ),
            // programmes and events
            (
                id("program", "training-senior-managers"),
                k("implementedBy"),
                id("org", "akpf"),
            ),
            (
                id("event", "internship-2002"),
                "<https://schema.org/startDate>".to_owned(),
                "\"2002-11-01\"^^<http://www.w3.org/2001/XMLSchema#date>".to_owned(),
            ),
            (id("event", "internship-2002"), k("status"), k("Held")),
            // participations: event kzlg:participant person
            (
                id("event", "internship-2002"),
                k("participant"),
                id("person", "askarbek-mustafin"),
            ),
            // plans
            (
                id("plan", "plan-water-is-life"),
                "<https://schema.org/author>".to_owned(),
                id("person", "askarbek-mustafin"),
            ),
            // statements: direct triple, basis, condition
            (id("post", "akim-district"), k("appointedBy"), id("post", "akim-region")),
            (
                id("stmt", "maslikhat-region-distrust-akim-region"),
                k("basis"),
                k("DeJure"),
            ),
            (
                id("stmt", "maslikhat-region-distrust-akim-region"),
                k("legalBasis"),
                id("law", "lsg-law-art-24"),
            ),
            // quantities: the number as an attribute of what it describes
            (
                id("body", "maslikhat-region"),
                k("seats"),
                "\"50\"^^<http://www.w3.org/2001/XMLSchema#integer>".to_owned(),
            ),
            // aliases: skos:altLabel with the language
            (
                id("unit", "petropavl"),
                "<http://www.w3.org/2004/02/skos/core#altLabel>".to_owned(),
                "\"Petropavlovsk\"@en".to_owned(),
            ),
        ];
        let missing: Vec<String> = expected
            .iter()
            .map(|(s, p, o)| format!("{s} {p} {o}"))
            .filter(|t| !graph.contains(t))
            .collect();
        assert!(missing.is_empty(), "missing triples:\n{}", missing.join("\n"));
        // links: the current ISO code is a direct literal; the former one (valid_until set) only a
        // statement node.
        let region = id("unit", "north-kazakhstan-region");
        assert!(graph.contains(&format!("{region} {} \"KZ-59\"", k("iso3166_2"))));
        assert!(!graph.contains(&format!("{region} {} \"KZ-SEV\"", k("iso3166_2"))));
        assert!(
            graph
                .iter()
                .any(|t| t.ends_with(&format!("{} \"KZ-SEV\"", k("object"))))
        );
    }

    /// The direct triples are the view at a date: a tenure attested in November 2002 is held
    /// then, not on the dataset's date (2026-12-01); the ISO code of that time is the old one.
    #[test]
    fn the_direct_triples_are_the_view_at_the_date() {
        let tables = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let graph = |as_of: Option<&str>| {
            let mut triples: Vec<oxigraph::model::Triple> = Vec::new();
            let date = as_of.map(|d| crate::date::Date::parse(d).unwrap());
            crate::load::load_as_of(&tables, date, &mut triples, &mut |_, _| {}).unwrap();
            triples.iter().map(ToString::to_string).collect::<HashSet<String>>()
        };
        let holds = "<https://w3id.org/kzlg/id/person/askarbek-mustafin> <http://www.w3.org/ns/org#holds> <https://w3id.org/kzlg/id/post/akim-zhambyl-district-nko>";
        let iso = |code: &str| {
            format!(
                "<https://w3id.org/kzlg/id/unit/north-kazakhstan-region> <https://w3id.org/kzlg/ontology#iso3166_2> \"{code}\""
            )
        };
        let (today, then) = (graph(None), graph(Some("2002-11")));
        assert!(!today.contains(holds) && then.contains(holds));
        assert!(today.contains(&iso("KZ-59")) && !today.contains(&iso("KZ-SEV")));
        assert!(then.contains(&iso("KZ-SEV")) && !then.contains(&iso("KZ-59")));
    }
}
