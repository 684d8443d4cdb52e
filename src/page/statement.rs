//! Facts from the graph: the fact a statement node records (its section, time, basis, legal
//! provision and sources), the fact a row's own column states, and the names of relations.

use oxigraph::model::Term;

use super::graph::Graph;
use super::{Evidence, Fact, Label, Node, Object, Section};
use crate::date::Date;
use crate::error::Result;
use crate::schema::{Rdf, TABLES, relation_by_iri};
use crate::time::Period;

/// The relation `iri` with the schema's label (subject first), and the ontology's labels in
/// other languages.
pub fn relation(g: Graph<'_>, iri: &str) -> Result<Node> {
    let mut node = g.node(iri)?;
    if let Some(relation) = relation_by_iri(iri) {
        node.label = relation.label.to_owned();
    } else if iri == skos!("altLabel") && node.labels.is_empty() {
        "also called".clone_into(&mut node.label);
    } else if node.labels.is_empty() {
        if let Some(column) = column_of(iri) {
            node.label = column.replace('_', " ");
        }
    }
    Ok(node)
}

/// The name of the first column of the schema's tables whose value becomes `predicate`
/// (`family_name` for `foaf:familyName`): how a page names a property the ontology does not
/// label.
fn column_of(predicate: &str) -> Option<&'static str> {
    TABLES.iter().flat_map(|t| t.columns).find_map(|column| {
        column
            .rdf
            .iter()
            .any(|rdf| matches!(rdf, Rdf::Literal(p) | Rdf::Link(p) | Rdf::Term(p) if *p == predicate))
            .then_some(column.name)
    })
}

/// The source, line and quote of a row's node (an entity or a statement).
pub(super) fn evidence(g: Graph<'_>, iri: &str) -> Result<Vec<Evidence>> {
    let quote = g.literal(iri, kzlg!("evidence"))?.unwrap_or_default();
    let line = g.literal(iri, kzlg!("sourceLine"))?.and_then(|l| l.parse().ok());
    let mut found = Vec::new();
    for source in g.objects(iri, prov!("wasDerivedFrom"))? {
        if let Term::NamedNode(source) = source {
            found.push(Evidence {
                source: g.node(source.as_str())?,
                line,
                quote: quote.clone(),
            });
        }
    }
    Ok(found)
}

pub(super) fn date(g: Graph<'_>, iri: &str, predicate: &str) -> Result<Option<Date>> {
    Ok(g.literal(iri, predicate)?.and_then(|d| Date::parse(&d).ok()))
}

fn has_type(g: Graph<'_>, iri: &str, class: &str) -> Result<bool> {
    Ok(g.objects(iri, rdf!("type"))?
        .iter()
        .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class)))
}

/// The fact a statement node records, with its section, time, basis and sources.
pub(super) fn statement(g: Graph<'_>, st: &str, on: Option<Date>) -> Result<Option<Fact>> {
    let (Some(subject), Some(predicate)) = (
        g.object_iri(st, kzlg!("subject"))?,
        g.object_iri(st, kzlg!("predicate"))?,
    ) else {
        return Ok(None);
    };
    let object = match g.objects(st, kzlg!("object"))?.into_iter().next() {
        Some(Term::NamedNode(n)) => Object::Node(g.node(n.as_str())?),
        Some(Term::Literal(l)) => Object::Value(Label {
            text: l.value().to_owned(),
            lang: l.language().unwrap_or_default().to_owned(),
        }),
        _ => return Ok(None),
    };
    let tenure = has_type(g, st, kzlg!("Tenure"))?;
    let section = if tenure {
        Section::Tenures
    } else if has_type(g, st, kzlg!("Participation"))? {
        Section::Events
    } else if has_type(g, st, kzlg!("LinkStatement"))? {
        Section::Links
    } else if has_type(g, st, kzlg!("AliasStatement"))? {
        Section::Names
    } else if has_type(g, st, kzlg!("RelationStatement"))? {
        match predicate == kzlg!("partOf") {
            true => Section::Place,
            false => Section::Rules,
        }
    } else {
        Section::Facts
    };
    let (from, until) = match tenure {
        true => (kzlg!("start"), kzlg!("end")),
        false => (kzlg!("validFrom"), kzlg!("validUntil")),
    };
    let replaced_by = g.object_iri(st, kzlg!("replacedBy"))?;
    let mut period = Period {
        from: date(g, st, from)?,
        until: date(g, st, until)?,
        attested: date(g, st, kzlg!("attestedOn"))?,
    };
    if period.until.is_none() {
        if let Some(next) = &replaced_by {
            period.until = date(g, next, kzlg!("validFrom"))?;
        }
    }
    let holds = on.and_then(|date| match section {
        Section::Tenures => Some(period.tenure_holds_on(date)),
        Section::Rules | Section::Place | Section::Links => Some(period.rule_holds_on(date)),
        _ => None,
    });
    let when = match section {
        Section::Events => date(g, &subject, schema!("startDate"))?,
        _ => period.from.or(period.attested),
    };
    let basis = match g.object_iri(st, kzlg!("basis"))? {
        Some(basis) => Some(g.node(&basis)?),
        None => None,
    };
    let mut legal_basis = Vec::new();
    for law in g.objects(st, kzlg!("legalBasis"))? {
        if let Term::NamedNode(law) = law {
            legal_basis.push(g.node(law.as_str())?);
        }
    }
    let role = [kzlg!("role"), kzlg!("aliasKind"), kzlg!("qualifier")]
        .iter()
        .find_map(|p| {
            g.objects(st, p).ok()?.into_iter().find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                Term::NamedNode(n) => Some(super::graph::short_name(n.as_str()).replace("kzlg:", "")),
                _ => None,
            })
        });
    Ok(Some(Fact {
        section,
        subject: g.node(&subject)?,
        relation: relation(g, &predicate)?,
        object,
        statement: Some(st.to_owned()),
        period,
        when,
        holds,
        basis,
        legal_basis,
        condition: g.literal(st, kzlg!("condition"))?,
        role,
        note: g.literal(st, skos!("note"))?,
        replaced_by,
        inherited_from: None,
        evidence: evidence(g, st)?,
    }))
}

/// A fact no statement node records: a column of the row of `subject`, with that row's source.
pub(super) fn direct(g: Graph<'_>, subject: &str, predicate: &str, object: Object) -> Result<Fact> {
    let section = match predicate == kzlg!("partOf") {
        true => Section::Place,
        false => Section::Facts,
    };
    let when = match predicate == kzlg!("participant") {
        true => date(g, subject, schema!("startDate"))?,
        false => None,
    };
    Ok(Fact {
        section,
        subject: g.node(subject)?,
        relation: relation(g, predicate)?,
        object,
        statement: None,
        period: Period::default(),
        when,
        holds: None,
        basis: None,
        legal_basis: Vec::new(),
        condition: None,
        role: None,
        note: None,
        replaced_by: None,
        inherited_from: None,
        evidence: evidence(g, subject)?,
    })
}

pub(super) fn value_or_node(g: Graph<'_>, object: &Term) -> Result<Object> {
    Ok(match object {
        Term::NamedNode(n) => Object::Node(g.node(n.as_str())?),
        Term::Literal(l) => Object::Value(Label {
            text: l.value().to_owned(),
            lang: l.language().unwrap_or_default().to_owned(),
        }),
        _ => Object::Value(Label {
            text: object.to_string(),
            lang: String::new(),
        }),
    })
}
