//! One view of an entity row — its names, what it is, where it lies — read from the schema's
//! column mappings, so that the name index (`resolve`), the link suggester and the network read
//! a row the same way.

use crate::rdf::{Row, Value};
use crate::schema::{Kind, Rdf, Shape};

/// A name of an entity and the column it is written in.
#[derive(Debug, Clone, Copy)]
pub struct Label<'a> {
    pub column: &'static str,
    pub lang: &'static str,
    pub text: &'a str,
}

/// What an entity row says about the entity, beside its other columns.
#[derive(Debug)]
pub struct EntityView<'a> {
    pub id: &'a str,
    pub kind: Kind,
    /// The choice of the column that becomes a class of the node (`Region`, `Akimat`, `Seminar`).
    pub class: Option<&'static str>,
    /// The kind of post (`Akim`) for posts.
    pub post_type: Option<&'static str>,
    /// The finer kind of a body or organisation (`ministry`, `donor`).
    pub category: Option<&'static str>,
    /// Each name, in column order (English first).
    pub labels: Vec<Label<'a>>,
    /// The entity directly above it in its own hierarchy (`part_of`, `parent`).
    pub parent: Option<&'a str>,
}

impl<'a> EntityView<'a> {
    /// The view of an entity row; `None` for rows of statement tables.
    pub fn of(row: &Row<'a>) -> Option<Self> {
        if row.table.shape != Shape::Entity {
            return None;
        }
        let mut view = EntityView {
            id: row.text("id"),
            kind: row.table.kind,
            class: None,
            post_type: None,
            category: None,
            labels: Vec::new(),
            parent: None,
        };
        for (column, value) in row.table.all_columns().zip(&row.values) {
            for mapping in column.rdf {
                match (mapping, value) {
                    (Rdf::Label(lang), Value::Text(text)) => view.labels.push(Label {
                        column: column.name,
                        lang,
                        text,
                    }),
                    (Rdf::Class, Value::Choice(choice)) => view.class = Some(choice),
                    (Rdf::Term(p), Value::Choice(choice)) if *p == kzlg!("postType") => view.post_type = Some(choice),
                    (Rdf::Literal(p), Value::Choice(choice)) if *p == kzlg!("category") => view.category = Some(choice),
                    (Rdf::Link(p), Value::Ref(id, kind)) if *kind == row.table.kind && is_hierarchy(p) => {
                        view.parent = Some(id);
                    }
                    _ => {}
                }
            }
        }
        Some(view)
    }

    /// The English name, or the id when the row has none.
    pub fn english(&self) -> &'a str {
        self.labels
            .iter()
            .find(|label| label.lang == "en")
            .map_or(self.id, |label| label.text)
    }
}

/// The predicates that place an entity under another of its kind.
fn is_hierarchy(predicate: &str) -> bool {
    predicate == kzlg!("partOf") || predicate == org!("subOrganizationOf")
}
