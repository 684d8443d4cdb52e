//! The column reference of `extracted/README.md`, rendered from the tables.

use super::Cell::*;
use super::Rdf::*;
use super::{Cell, Kind, Rdf, TABLES};

/// Renders the column reference of every table as Markdown (the generated part of
/// `extracted/README.md`).
pub fn markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let kind = if table.has_id() {
            format!("kind `{}`", table.kind.segment())
        } else {
            "a statement per row".to_owned()
        };
        out.push_str(&format!("## {} — {kind}\n{}\n\n", table.file_name(), table.doc));
        out.push_str("| column | type | req | RDF | meaning |\n|---|---|---|---|---|\n");
        for column in table.all_columns() {
            let rdf: Vec<String> = column.rdf.iter().map(describe_rdf).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                column.name,
                describe_cell(column.cell),
                if column.required { "req" } else { "" },
                rdf.join(", "),
                column.doc.replace('|', "\\|"),
            ));
        }
        out.push('\n');
    }
    out
}

fn describe_kinds(kinds: &[Kind]) -> String {
    if kinds.is_empty() {
        return "any entity".to_owned();
    }
    kinds.iter().map(|k| k.noun()).collect::<Vec<_>>().join(", ")
}

fn describe_cell(cell: Cell) -> String {
    match cell {
        Id => "id".to_owned(),
        Text => "text".to_owned(),
        Date => "date".to_owned(),
        Decimal => "number".to_owned(),
        Line => "line number".to_owned(),
        Lang => "language tag".to_owned(),
        Iri => "IRI".to_owned(),
        OneOf(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("one of {}", values.join(", "))
        }
        Ref(kinds) => format!("id of {}", describe_kinds(kinds)),
        Refs(kinds) => format!("list of ids of {}", describe_kinds(kinds)),
    }
}

fn describe_rdf(rdf: &Rdf) -> String {
    use crate::vocab::compact;
    match rdf {
        Label(lang) => format!("`rdfs:label@{lang}`"),
        Literal(p) | Link(p) => format!("`{}`", compact(p)),
        Inverse(p) => format!("`^{}`", compact(p)),
        Term(p) => format!("`{}` term", compact(p)),
        Class => "`rdf:type`".to_owned(),
        Relation(p) => format!("`{}` relation", compact(p)),
    }
}
