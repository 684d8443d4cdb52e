//! The schema as JSON (`kzlg schema --json`), so that the Python checks read the same
//! declarations as the Rust code instead of keeping copies.

use serde_json::{Value, json};

use super::relations::End;
use super::{Cell, FAMILIES, Kind, LinkObject, RELATIONS, Rdf, SCHEMES, TABLES, UNIT_TYPES};
use super::{HOLDS, PARTICIPANT, Relation};

/// Every declaration of the schema, pretty-printed (keys sorted, so the output is stable).
pub fn json() -> String {
    let document = json!({
        "kinds": Kind::ALL.iter().map(|k| json!({
            "segment": k.segment(),
            "prefix": k.prefix(),
            "namespace": k.namespace(),
            "noun": k.noun(),
        })).collect::<Vec<_>>(),
        "prefixes": crate::vocab::PREFIXES.iter().map(|(p, ns)| json!([p, ns])).collect::<Vec<_>>(),
        "families": FAMILIES.iter().map(|f| json!({"name": f.name, "colour": f.colour})).collect::<Vec<_>>(),
        "relations": RELATIONS.iter().map(relation).collect::<Vec<_>>(),
        "fixed_relations": [relation(&HOLDS), relation(&PARTICIPANT)],
        "schemes": SCHEMES.iter().map(|s| json!({
            "name": s.name,
            "title": s.title,
            "home": s.home,
            "predicate": s.predicate,
            "namespace": s.namespace(),
            "suffix": match s.object { LinkObject::Iri { suffix, .. } => Some(suffix), LinkObject::Literal => None },
            "expected": s.expected,
            "attribute": s.attribute(),
            "region_prefix_digits": s.region_prefix.map(|r| r.digits),
        })).collect::<Vec<_>>(),
        "unit_types": UNIT_TYPES.iter().map(|u| json!({
            "name": u.name,
            "within": u.within,
            "subclass_of": u.subclass_of,
            "regional": u.regional,
            "also_called": u.also_called,
        })).collect::<Vec<_>>(),
        "tables": TABLES.iter().map(|t| json!({
            "name": t.name,
            "file": t.file_name(),
            "kind": t.kind.segment(),
            "shape": format!("{:?}", t.shape),
            "classes": t.classes,
            "doc": t.doc,
            "columns": t.all_columns().map(|c| json!({
                "name": c.name,
                "required": c.required,
                "cell": cell(c.cell),
                "rdf": c.rdf.iter().map(rdf).collect::<Vec<_>>(),
                "doc": c.doc,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("the schema serialises");
    text.push('\n');
    text
}

fn relation(r: &Relation) -> Value {
    let end = |e: End| match e {
        End::Subject => "subject",
        End::Object => "object",
    };
    json!({
        "name": r.name,
        "iri": r.iri,
        "label": r.label,
        "inverse_label": r.inverse_label,
        "family": r.family.map(|f| f.name()),
        "edge": {"source": end(r.edge.source), "target": end(r.edge.target), "directed": r.edge.directed},
        "fills_post": r.fills_post,
    })
}

fn cell(cell: Cell) -> Value {
    let kinds = |kinds: &[Kind]| kinds.iter().map(|k| k.segment()).collect::<Vec<_>>();
    match cell {
        Cell::OneOf(choices) => json!({"type": "choice", "choices": choices}),
        Cell::Ref(k) => json!({"type": "reference", "kinds": kinds(k)}),
        Cell::Refs(k) => json!({"type": "references", "kinds": kinds(k)}),
        other => json!({"type": format!("{other:?}").to_lowercase()}),
    }
}

fn rdf(mapping: &Rdf) -> Value {
    match mapping {
        Rdf::Label(lang) => json!({"label": lang}),
        Rdf::Literal(p) => json!({"literal": p}),
        Rdf::Link(p) => json!({"link": p}),
        Rdf::Inverse(p) => json!({"inverse": p}),
        Rdf::Term(p) => json!({"term": p}),
        Rdf::Class => json!({"class": true}),
        Rdf::Relation(p) => json!({"relation": p}),
    }
}
