//! A page as JSON, for scripts: the same content as the HTML and text forms, with IRIs.

use serde_json::{Map, Value, json};

use super::{Evidence, Fact, Label, Node, Object, Page};

fn labels(labels: &[Label]) -> Value {
    Value::from(
        labels
            .iter()
            .map(|l| json!({"text": l.text, "lang": l.lang}))
            .collect::<Vec<_>>(),
    )
}

fn node(node: &Node) -> Value {
    json!({"iri": node.iri, "label": node.label})
}

fn object(object: &Object) -> Value {
    match object {
        Object::Node(n) => node(n),
        Object::Value(v) if v.lang.is_empty() => json!({"value": v.text}),
        Object::Value(v) => json!({"value": v.text, "lang": v.lang}),
    }
}

fn evidence(evidence: &[Evidence]) -> Value {
    Value::from(
        evidence
            .iter()
            .map(|e| json!({"source": node(&e.source), "line": e.line, "quote": e.quote}))
            .collect::<Vec<_>>(),
    )
}

fn fact(fact: &Fact) -> Value {
    let mut m = Map::new();
    m.insert(
        "section".into(),
        Value::from(format!("{:?}", fact.section).to_lowercase()),
    );
    m.insert("subject".into(), node(&fact.subject));
    m.insert("relation".into(), node(&fact.relation));
    m.insert("object".into(), object(&fact.object));
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            m.insert(key.into(), value);
        }
    };
    put("statement", fact.statement.clone().map(Value::from));
    put("from", fact.period.from.map(|d| Value::from(d.to_string())));
    put("until", fact.period.until.map(|d| Value::from(d.to_string())));
    put("attested", fact.period.attested.map(|d| Value::from(d.to_string())));
    put("holds", fact.holds.map(|h| Value::from(super::text_of_holds(h))));
    put("basis", fact.basis.as_ref().map(node));
    put(
        "legal_basis",
        (!fact.legal_basis.is_empty()).then(|| Value::from(fact.legal_basis.iter().map(node).collect::<Vec<_>>())),
    );
    put("condition", fact.condition.clone().map(Value::from));
    put("role", fact.role.clone().map(Value::from));
    put("note", fact.note.clone().map(Value::from));
    put("replaced_by", fact.replaced_by.clone().map(Value::from));
    put("inherited_from", fact.inherited_from.as_ref().map(node));
    m.insert("evidence".into(), evidence(&fact.evidence));
    Value::Object(m)
}

/// The page as one JSON object.
pub fn entity(page: &Page) -> Value {
    json!({
        "iri": page.node.iri,
        "id": page.kind.curie(&page.id),
        "kind": page.kind.segment(),
        "as_of": page.on.map(|d| d.to_string()),
        "label": page.node.label,
        "labels": labels(&page.node.labels),
        "alt_labels": labels(&page.alt_labels),
        "types": page.types.iter().map(node).collect::<Vec<_>>(),
        "attributes": page.attributes.iter().map(|(p, o)| json!({"property": node(p), "value": object(o)})).collect::<Vec<_>>(),
        "notes": page.notes,
        "evidence": evidence(&page.evidence),
        "facts": page.facts.iter().map(fact).collect::<Vec<_>>(),
        "external_ids": page.external_ids.iter().map(|e| json!({
            "scheme": e.scheme, "id": e.id, "url": e.url,
            "evidence": e.fact.as_ref().map(|f| evidence(&f.evidence)),
        })).collect::<Vec<_>>(),
        "related": page.related.iter().map(node).collect::<Vec<_>>(),
    })
}
