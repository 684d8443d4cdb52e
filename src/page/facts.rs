//! Building a [`Page`]: the entity's statement nodes (rules, tenures, participations, links,
//! aliases, quantities) become facts with their time and source; its direct triples that no
//! statement records (the columns of its own row, or of the row that points to it) become facts
//! with the source of that row; the rules of its generic post are added as inherited; and its
//! place is followed up the `partOf` links.

use std::collections::{BTreeSet, HashSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};

use super::graph::{Graph, In, kind_and_id};
use super::{Evidence, ExternalId, Fact, Label, Node, Object, Page, Section};
use crate::date::Date;
use crate::error::Result;
use crate::schema::{Kind, RELATIONS, Rdf, SCHEMES, TABLES, relation_by_iri};
use crate::time::Period;
use crate::vocab::KZLG;

/// How far up the `partOf` links a page follows (the deepest hierarchy has five levels).
const MAX_DEPTH: usize = 8;

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
fn evidence(g: Graph<'_>, iri: &str) -> Result<Vec<Evidence>> {
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

fn date(g: Graph<'_>, iri: &str, predicate: &str) -> Result<Option<Date>> {
    Ok(g.literal(iri, predicate)?.and_then(|d| Date::parse(&d).ok()))
}

fn has_type(g: Graph<'_>, iri: &str, class: &str) -> Result<bool> {
    Ok(g.objects(iri, rdf!("type"))?
        .iter()
        .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class)))
}

/// The fact a statement node records, with its section, time, basis and sources.
fn statement(g: Graph<'_>, st: &str, on: Option<Date>) -> Result<Option<Fact>> {
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
fn direct(g: Graph<'_>, subject: &str, predicate: &str, object: Object) -> Result<Fact> {
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
        if covered.contains(&(iri.clone(), predicate.to_owned(), object_key)) {
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

fn value_or_node(g: Graph<'_>, object: &Term) -> Result<Object> {
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

/// Where the entity lies: from itself (a unit) or the units its own row names, up the `partOf`
/// links, each with its dates; as of a date, only the links that held then are followed.
fn place(g: Graph<'_>, page: &mut Page, on: Option<Date>) -> Result<()> {
    let iri = page.node.iri.clone();
    let is_unit = |node: &Node| node.entity().is_some_and(|(kind, _)| kind == Kind::Unit);
    let mut level: Vec<String> = match page.kind {
        Kind::Unit => vec![iri.clone()],
        _ => {
            let mut units = Vec::new();
            for fact in page
                .facts
                .iter_mut()
                .filter(|f| f.section == Section::Facts && f.subject.iri == iri)
            {
                if let Object::Node(node) = &fact.object {
                    if is_unit(node) {
                        units.push(node.iri.clone());
                        fact.section = Section::Place;
                    }
                }
            }
            units
        }
    };
    let mut seen: HashSet<String> = level.iter().cloned().collect();
    for _ in 0..MAX_DEPTH {
        let mut next = Vec::new();
        for unit in &level {
            let mut up: Vec<Fact> = match *unit == iri {
                true => page
                    .section(Section::Place)
                    .filter(|f| f.subject.iri == iri)
                    .cloned()
                    .collect(),
                false => parents(g, unit, on)?,
            };
            up.retain(|f| f.holds.is_none_or(|h| h.is_held()) || *unit == iri);
            for fact in &up {
                if let Object::Node(parent) = &fact.object {
                    if fact.holds.is_none_or(|h| h.is_held()) && seen.insert(parent.iri.clone()) {
                        next.push(parent.iri.clone());
                    }
                }
            }
            if *unit != iri {
                page.facts.extend(up);
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    Ok(())
}

/// The `partOf` facts of a unit other than the page's: its dated statements, or its row's link.
fn parents(g: Graph<'_>, unit: &str, on: Option<Date>) -> Result<Vec<Fact>> {
    let mut found = Vec::new();
    for st in g.subjects(kzlg!("subject"), unit)? {
        if let Some(fact) = statement(g, &st, on)?.filter(|f| f.section == Section::Place) {
            found.push(fact);
        }
    }
    if found.is_empty() {
        for parent in g.objects(unit, kzlg!("partOf"))? {
            if let Term::NamedNode(parent) = parent {
                found.push(direct(
                    g,
                    unit,
                    kzlg!("partOf"),
                    Object::Node(g.node(parent.as_str())?),
                )?);
            }
        }
    }
    Ok(found)
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
