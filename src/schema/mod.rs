//! The schema: the one place that says what each table, column, relation, link scheme, unit
//! type and entity kind is. The loader validates against it, the RDF writer follows its mappings,
//! the network, the analyses, VoID and the link suggester read its relations and schemes, and
//! `kzlg schema` renders it: as the column reference in `extracted/README.md` (`make docs-check`
//! fails when the committed copy differs) and, with `--json`, for the Python checks.
//!
//! - [`tables`]: the tables and their columns;
//! - [`relations`]: relations, their families and how they become edges;
//! - [`schemes`]: the external datasets links point to;
//! - [`units`]: the unit-type tree;
//! - [`kinds`]: entity kinds, their IRI segments and prefixes.

/// The `name` of every element of a const array of declarations, as a const array: the choices
/// a column offers.
macro_rules! names_of {
    ($declarations:expr) => {{
        let mut names = [""; $declarations.len()];
        let mut i = 0;
        while i < $declarations.len() {
            names[i] = $declarations[i].name;
            i += 1;
        }
        names
    }};
}

mod docs;
mod json;
pub mod kinds;
pub mod relations;
pub mod schemes;
#[cfg(test)]
mod shapes;

/// The SHACL shapes of the graph, written by hand beside the schema (and tested against it), compiled
/// in so that any copy of the binary can validate.
pub const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");
pub mod tables;
pub mod units;

pub use docs::markdown;
pub use json::json;
pub use kinds::Kind;
pub use relations::{
    EdgeRule, End, FAMILIES, Family, HOLDS, PARTICIPANT, RELATION_NAMES, RELATIONS, Relation, relation, relation_by_iri,
};
pub use schemes::{LinkObject, LinkScheme, SCHEME_NAMES, SCHEMES, guess_scheme, scheme};
pub use tables::{QUANTITY_PROPERTIES, TABLES};
pub use units::{UNIT_TYPE_NAMES, UNIT_TYPES, UnitType, is_regional, unit_type, unit_type_called};

use tables::PROVENANCE;

/// What a cell may contain.
#[derive(Clone, Copy, Debug)]
pub enum Cell {
    /// The row's own id: a slug, unique across all tables.
    Id,
    /// Free text.
    Text,
    /// An ISO 8601 date at year, month or day precision.
    Date,
    /// A decimal number.
    Decimal,
    /// A line number (a positive integer).
    Line,
    /// A BCP 47 language tag.
    Lang,
    /// An absolute IRI (a web address).
    Iri,
    /// One of a fixed set of values.
    OneOf(&'static [&'static str]),
    /// The id of an entity of one of these kinds (all kinds when empty).
    Ref(&'static [Kind]),
    /// A `;`-separated list of ids of entities of these kinds.
    Refs(&'static [Kind]),
}

/// How a column's value becomes triples about the row's node.
#[derive(Clone, Copy, Debug)]
pub enum Rdf {
    /// `rdfs:label` with this language tag.
    Label(&'static str),
    /// A literal: a plain string for text and choices, typed for dates, numbers and lines.
    Literal(&'static str),
    /// The IRI of the referenced entity (each one, for a list).
    Link(&'static str),
    /// The referenced entity points back to this row's node with this predicate.
    Inverse(&'static str),
    /// A choice becomes the ontology term named by its value in UpperCamelCase (`de_jure` → `kzlg:DeJure`).
    Term(&'static str),
    /// A choice becomes a class of the node (`rdf:type kzlg:<Value>`).
    Class,
    /// A choice naming a relation of the schema becomes that relation's IRI (`appointedBy` →
    /// `kzlg:appointedBy`).
    Relation(&'static str),
}

/// One column of a table.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub cell: Cell,
    pub required: bool,
    pub rdf: &'static [Rdf],
    pub doc: &'static str,
}

/// How a table's rows become statement nodes (`kzid:stmt/…`) next to a direct triple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An entity: the node is the thing itself.
    Entity,
    /// person `org:holds` post, with a `kzlg:Tenure` node.
    Tenure,
    /// event `kzlg:participant` participant, with a `kzlg:Participation` node.
    Participation,
    /// An institutional relation from the `predicate` column.
    Relation,
    /// subject `kzlg:<property>` number.
    Quantity,
    /// entity `skos:altLabel` alias.
    Alias,
    /// entity `owl:sameAs` / `skos:exactMatch` / code literal.
    Link,
}

impl Shape {
    /// The columns naming the subject and the object of the direct triple, for the shapes whose
    /// rows relate two entities.
    pub fn ends(self) -> Option<(&'static str, &'static str)> {
        match self {
            Shape::Tenure => Some(("person", "post")),
            Shape::Participation => Some(("event", "participant")),
            Shape::Relation => Some(("subject", "object")),
            _ => None,
        }
    }
}

/// Whether the row carries the usual `source, evidence, line` columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// `source`, `evidence` and `line`.
    Full,
    /// Only `evidence` and `line`, quoting the row's own file (the sources table).
    SelfQuoted,
}

/// One curated table (`extracted/<name>.csv`).
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub kind: Kind,
    pub shape: Shape,
    pub provenance: Provenance,
    /// Classes every row's node has.
    pub classes: &'static [&'static str],
    /// What one row is.
    pub doc: &'static str,
    /// The table's own columns, before the provenance columns.
    pub columns: &'static [Column],
}

impl Table {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// All columns in header order: the table's own, then provenance.
    pub fn all_columns(&self) -> impl Iterator<Item = &'static Column> + use<> {
        self.columns.iter().chain(self.provenance_columns())
    }

    /// The provenance columns, after the table's own.
    fn provenance_columns(&self) -> &'static [Column] {
        match self.provenance {
            Provenance::Full => &PROVENANCE,
            Provenance::SelfQuoted => &PROVENANCE[1..],
        }
    }

    /// The index of the column `name` in [`Table::all_columns`]. Asked for every cell that a
    /// check reads by name, so each slice is searched on its own: the chained iterator was
    /// a tenth of a table check.
    pub fn position(&self, name: &str) -> Option<usize> {
        let find = |columns: &[Column]| columns.iter().position(|c| c.name == name);
        find(self.columns).or_else(|| Some(self.columns.len() + find(self.provenance_columns())?))
    }

    /// The relation of the direct triple each row states, for tables whose rows all state the
    /// same one (tenures, participations); statements name theirs in the `predicate` column.
    pub fn fixed_relation(&self) -> Option<&'static Relation> {
        match self.shape {
            Shape::Tenure => Some(&HOLDS),
            Shape::Participation => Some(&PARTICIPANT),
            _ => None,
        }
    }

    /// Whether rows have an `id` column (tables of aliases and links derive their ids).
    pub fn has_id(&self) -> bool {
        self.columns.first().is_some_and(|c| matches!(c.cell, Cell::Id))
    }
}

/// Looks a table up by name.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// `de_jure` → `DeJure`, `held` → `Held`: the ontology term a choice stands for.
pub fn term_name(value: &str) -> String {
    value
        .split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_and_column_names_are_unique() {
        let mut tables = HashSet::new();
        for table in TABLES {
            assert!(tables.insert(table.name), "table {} twice", table.name);
            let mut columns = HashSet::new();
            for column in table.all_columns() {
                assert!(columns.insert(column.name), "{}.{} twice", table.name, column.name);
            }
        }
    }

    #[test]
    fn every_table_with_an_id_has_it_first_and_required() {
        for table in TABLES {
            for (i, column) in table.all_columns().enumerate() {
                if matches!(column.cell, Cell::Id) {
                    assert_eq!(i, 0, "{}: id must be the first column", table.name);
                    assert!(column.required);
                }
            }
        }
    }

    #[test]
    fn term_names_are_upper_camel_case() {
        assert_eq!(term_name("de_jure"), "DeJure");
        assert_eq!(term_name("held"), "Held");
        assert_eq!(term_name("Region"), "Region");
    }
}
