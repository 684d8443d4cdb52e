//! Where an entity lies: up the `partOf` links from itself or the units its row names.

use std::collections::HashSet;

use oxigraph::model::Term;

use super::graph::Graph;
use super::statement::{direct, statement};
use super::{Fact, Node, Object, Page, Section};
use crate::date::Date;
use crate::error::Result;
use crate::schema::Kind;

/// How far up the `partOf` links a page follows (the deepest hierarchy has five levels).
const MAX_DEPTH: usize = 8;
/// Where the entity lies: from itself (a unit) or the units its own row names, up the `partOf`
/// links, each with its dates; as of a date, only the links that held then are followed.
pub(super) fn place(g: Graph<'_>, page: &mut Page, on: Option<Date>) -> Result<()> {
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
