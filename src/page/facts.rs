//! Building a [`Page`]: the entity's statement nodes (rules, tenures, participations, links,
//! aliases, quantities) become facts with their time and source; its direct triples that no
//! statement records (the columns of its own row, or of the row that points to it) become facts
//! with the source of that row; the rules of its generic post are added as inherited; and its
//! place is followed up the `partOf` links.

use std::collections::{BTreeSet, HashSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};

use super::graph::{Graph, In, kind_and_id};
use super::place::place;
use super::statement::{direct, evidence, relation, statement, value_or_node};
use super::{ExternalId, Fact, Label, Node, Object, Page, Section};
use crate::date::Date;
use crate::error::Result;
use crate::schema::{Kind, RELATIONS, SCHEMES};
use crate::vocab::KZLG;

/// Predicates that say where a fact comes from, shown as its evidence rather than as facts.
const PROVENANCE: [&str; 3] = [prov!("wasDerivedFrom"), kzlg!("evidence"), kzlg!("sourceLine")];

pub fn build(g: Graph<'_>, iri: &str, on: Option<Date>) -> Result<Option<Page>> {
    let Some((kind, id)) = kind_and_id(iri) else {
        return Ok(None);
    };
    if kind == Kind::Stmt || !g.describes(iri, In::Data)? {
        return Ok(None);
    }
    let mut page = Page {
        node: g.node(iri)?,
        kind,
        id: id.to_owned(),
        on,
        alt_labels: Vec::new(),
        types: Vec::new(),
        attributes: Vec::new(),
        notes: Vec::new(),
        evidence: evidence(g, iri)?,
        facts: Vec::new(),
        external_ids: Vec::new(),
        related: Vec::new(),
    };
    let mut statements = BTreeSet::new();
    statements.extend(g.subjects(kzlg!("subject"), iri)?);
    statements.extend(g.subjects(kzlg!("object"), iri)?);
    // The rules that rest on a law, for the law's page.
    statements.extend(g.subjects(kzlg!("legalBasis"), iri)?);
    let mut covered = HashSet::new();
    for st in &statements {
        let Some(fact) = statement(g, st, on)? else { continue };
        covered.insert(key(&fact));
        match fact.section {
            Section::Links => page.external_ids.extend(external_id(&fact)),
            _ => page.facts.push(fact),
        }
    }
    if let Some(generic) = g.object_iri(iri, kzlg!("genericPost"))? {
        let from = g.node(&generic)?;
        for st in g.subjects(kzlg!("subject"), &generic)? {
            if let Some(mut fact) = statement(g, &st, on)?.filter(|f| f.section == Section::Rules) {
                fact.section = Section::Inherited;
                fact.inherited_from = Some(from.clone());
                page.facts.push(fact);
            }
        }
    }
    direct_out(g, &mut page, &covered)?;
    direct_in(g, &mut page, &covered)?;
    place(g, &mut page, on)?;
    sort(&mut page);
    page.related = related(&page);
    Ok(Some(page))
}

/// The subject, predicate and object a fact states, to tell which direct triples a statement
/// already records.
fn key(fact: &Fact) -> (String, String, String) {
    let object = match &fact.object {
        Object::Node(node) => node.iri.clone(),
        Object::Value(value) => value.text.clone(),
    };
    (fact.subject.iri.clone(), fact.relation.iri.clone(), object)
}

/// The triples of the entity's own node: its types, values, notes, links and facts.
fn direct_out(g: Graph<'_>, page: &mut Page, covered: &HashSet<(String, String, String)>) -> Result<()> {
    let iri = page.node.iri.clone();
    for quad in g.quads(Some(&iri), None, None, In::Data)? {
        let predicate = quad.predicate.as_str();
        if PROVENANCE.contains(&predicate) || predicate == rdfs!("label") {
            continue;
        }
        let object_key = match &quad.object {
            Term::NamedNode(n) => n.as_str().to_owned(),
            Term::Literal(l) => l.value().to_owned(),
            _ => continue,
        };
        // Every other name is listed with the names, also those an alias row gives a source.
        let other_name = predicate == skos!("altLabel");
        if !other_name && covered.contains(&(iri.clone(), predicate.to_owned(), object_key)) {
            continue;
        }
        match (&quad.object, predicate) {
            (Term::NamedNode(class), rdf!("type")) => page.types.push(g.node(class.as_str())?),
            (Term::Literal(l), skos!("altLabel")) => page.alt_labels.push(Label {
                text: l.value().to_owned(),
                lang: l.language().unwrap_or_default().to_owned(),
            }),
            (Term::Literal(l), skos!("note")) => page.notes.push(l.value().to_owned()),
            (object, _) if SCHEMES.iter().any(|s| s.predicate == predicate) => {
                let fact = direct(g, &iri, predicate, value_or_node(g, object)?)?;
                page.external_ids.extend(external_id(&fact));
            }
            (Term::NamedNode(n), _) if kind_and_id(n.as_str()).is_some() => {
                let fact = direct(g, &iri, predicate, Object::Node(g.node(n.as_str())?))?;
                page.facts.push(fact);
            }
            (object, _) => page
                .attributes
                .push((relation(g, predicate)?, value_or_node(g, object)?)),
        }
    }
    page.attributes
        .sort_by(|a, b| (&a.0.label, a.1.text(super::Lang::En)).cmp(&(&b.0.label, b.1.text(super::Lang::En))));
    Ok(())
}

/// The triples that point to the entity from other entities' rows.
fn direct_in(g: Graph<'_>, page: &mut Page, covered: &HashSet<(String, String, String)>) -> Result<()> {
    let iri = page.node.iri.clone();
    let object = NamedNode::new_unchecked(iri.as_str());
    for quad in g.quads(None, None, Some(object.as_ref().into()), In::Data)? {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            continue;
        };
        let subject = subject.as_str();
        let predicate = quad.predicate.as_str();
        let is_statement = kind_and_id(subject).is_none_or(|(kind, _)| kind == Kind::Stmt);
        if is_statement || subject == iri || covered.contains(&(subject.to_owned(), predicate.to_owned(), iri.clone()))
        {
            continue;
        }
        let fact = direct(g, subject, predicate, Object::Node(page.node.clone()))?;
        page.facts.push(fact);
    }
    Ok(())
}

/// The external id a link fact gives, by the scheme of its predicate.
fn external_id(fact: &Fact) -> Option<ExternalId> {
    let scheme = SCHEMES.iter().find(|s| s.predicate == fact.relation.iri)?;
    let (id, url) = match &fact.object {
        Object::Node(node) => {
            let id = scheme.id_in(&node.iri)?;
            (id, node.iri.clone())
        }
        Object::Value(value) => (value.text.clone(), scheme.home.to_owned()),
    };
    Some(ExternalId {
        scheme: scheme.title,
        id,
        url,
        fact: fact.statement.is_some().then(|| fact.clone()),
    })
}

/// The order each section is read in: places as found (up the hierarchy); rules by the
/// schema's order of relations, the entity's own first; tenures and events by date; the rest
/// by relation, subject and object.
fn sort(page: &mut Page) {
    let iri = page.node.iri.clone();
    let rank = |f: &Fact| {
        RELATIONS
            .iter()
            .position(|r| r.iri == f.relation.iri)
            .unwrap_or(RELATIONS.len())
    };
    let dated = |d: Option<Date>| (d.is_none(), d.and_then(Date::earliest));
    page.facts.sort_by(|a, b| {
        let order = a.section.cmp(&b.section);
        let words = |f: &Fact| {
            (
                f.relation.label.clone(),
                f.subject.label.clone(),
                f.object.text(super::Lang::En).to_owned(),
            )
        };
        let by = match a.section {
            Section::Place => std::cmp::Ordering::Equal,
            Section::Rules | Section::Inherited => (
                a.subject.iri != iri,
                rank(a),
                dated(a.period.from.or(a.period.attested)),
            )
                .cmp(&(
                    b.subject.iri != iri,
                    rank(b),
                    dated(b.period.from.or(b.period.attested)),
                ))
                .then_with(|| words(a).cmp(&words(b))),
            Section::Tenures | Section::Events => {
                dated(a.when).cmp(&dated(b.when)).then_with(|| words(a).cmp(&words(b)))
            }
            _ => words(a).cmp(&words(b)),
        };
        match a.section {
            Section::Place => order,
            _ => order.then(by).then_with(|| a.statement.cmp(&b.statement)),
        }
    });
    page.types.sort_by(|a, b| a.iri.cmp(&b.iri));
    page.types.dedup();
    super::graph::sort_labels(&mut page.alt_labels);
    page.alt_labels.dedup();
    page.notes.sort();
    page.external_ids.sort_by(|a, b| {
        let rank = |e: &ExternalId| SCHEMES.iter().position(|s| s.title == e.scheme);
        (rank(a), &a.id).cmp(&(rank(b), &b.id))
    });
    page.external_ids.dedup_by(|a, b| a.scheme == b.scheme && a.id == b.id);
}

/// Every entity the page names, other than itself, by label.
fn related(page: &Page) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut add = |node: &Node| {
        if node.entity().is_some() && node.iri != page.node.iri && !nodes.iter().any(|n| n.iri == node.iri) {
            nodes.push(node.clone());
        }
    };
    for fact in &page.facts {
        add(&fact.subject);
        if let Object::Node(node) = &fact.object {
            add(node);
        }
        fact.legal_basis.iter().for_each(&mut add);
        fact.inherited_from.iter().for_each(&mut add);
        fact.evidence.iter().for_each(|e| add(&e.source));
    }
    page.evidence.iter().for_each(|e| add(&e.source));
    nodes.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
    nodes
}

/// Whether an IRI is a term of the kzlg ontology.
pub fn is_term(iri: &str) -> bool {
    iri.strip_prefix(KZLG).is_some_and(|local| !local.is_empty())
}
