//! Builds a [`Network`] from the checked rows as they stream past: interns node ids, fills node
//! attributes from the schema's mapping, and records one edge per rule, tenure, participation and
//! reference column, each placed in time at the view's date.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    Basis, Citation, Citations, Edge, IRI, KIND, Key, LABEL, LEVEL, LegalBasis, Network, Node, REGION, Source, TYPE,
    attribute_name, entity_tables, local_name, node_keys,
};
use crate::date::Date;
use crate::rdf::{Row, Value};
use crate::schema::{End, Kind, Rdf, Relation, Shape, TABLES, is_regional};
use crate::time::{Holds, View as TimeView};

/// What is known of a node while the rows stream past.
#[derive(Default)]
struct Draft {
    defined: bool,
    kind: Option<Kind>,
    class: Option<&'static str>,
    level: Option<&'static str>,
    /// The unit the node serves, governs or took place in (itself, for a unit).
    unit: Option<u32>,
    /// For a unit, the unit directly above it; for a post, its body.
    parent: Option<u32>,
    values: Vec<(u16, Box<str>)>,
}

/// The source id, quote and line of a row, before the source is looked up.
struct RowCitation {
    source: Box<str>,
    evidence: Option<Box<str>>,
    line: Option<u64>,
}

/// Builds a [`Network`] from checked rows.
pub(crate) struct Builder {
    keys: Vec<Key>,
    key_index: HashMap<String, usize>,
    /// For each table of the schema, the node attribute each column fills.
    column_keys: Vec<Vec<Option<usize>>>,
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    drafts: Vec<Draft>,
    edges: Vec<Edge>,
    /// (edge index, law or provision node) of rules with a legal basis.
    legal_bases: Vec<(usize, u32)>,
    /// (edge index, source id, quote, line) of each edge's row, resolved against `sources` at the end.
    citations: Vec<(usize, RowCitation)>,
    /// The rows of `sources.csv`, by id.
    sources: HashMap<Box<str>, Arc<Source>>,
    /// Date of the quantity that set (node, key), so the latest one wins.
    quantity_dates: HashMap<(u32, usize), Option<Date>>,
    /// The date the rows were placed in time at.
    date: Option<Date>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        let keys = node_keys();
        let key_index: HashMap<String, usize> = keys.iter().enumerate().map(|(i, k)| (k.name.clone(), i)).collect();
        let column_keys = TABLES
            .iter()
            .map(|table| match entity_tables().any(|t| t.name == table.name) {
                true => table
                    .all_columns()
                    .map(|column| attribute_name(column).map(|name| key_index[&name]))
                    .collect(),
                false => Vec::new(),
            })
            .collect();
        Self {
            keys,
            key_index,
            column_keys,
            ids: rustc_hash::FxHashMap::default(),
            names: Vec::new(),
            drafts: Vec::new(),
            edges: Vec::new(),
            legal_bases: Vec::new(),
            citations: Vec::new(),
            sources: HashMap::new(),
            quantity_dates: HashMap::new(),
            date: None,
        }
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = u32::try_from(self.names.len()).expect("fewer than 2^32 nodes");
        self.ids.insert(id.into(), n);
        self.names.push(id.into());
        self.drafts.push(Draft::default());
        n
    }

    fn set(&mut self, node: u32, key: usize, value: &str) {
        if value.is_empty() {
            return;
        }
        let key = u16::try_from(key).expect("fewer than 65536 attributes");
        let values = &mut self.drafts[node as usize].values;
        match values.binary_search_by_key(&key, |(k, _)| *k) {
            Ok(i) => values[i].1 = value.into(),
            Err(i) => values.insert(i, (key, value.into())),
        }
    }

    fn reference(&mut self, row: &Row<'_>, column: &str) -> Option<u32> {
        match row.get(column) {
            Some(Value::Ref(id, _)) => Some(self.intern(id)),
            _ => None,
        }
    }

    fn date(row: &Row<'_>, column: &str) -> Option<Date> {
        match row.get(column) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// Records that the next edge is read from `row`.
    fn cite(&mut self, row: &Row<'_>) {
        let source = row.text("source");
        if source.is_empty() {
            return;
        }
        let evidence = Some(row.text("evidence")).filter(|e| !e.is_empty()).map(Into::into);
        let line = match row.get("line") {
            Some(Value::Line(line)) => Some(*line),
            _ => None,
        };
        let citation = RowCitation {
            source: source.into(),
            evidence,
            line,
        };
        self.citations.push((self.edges.len(), citation));
    }

    fn edge(
        &mut self,
        source: u32,
        target: u32,
        predicate: Cow<'static, str>,
        id: Box<str>,
        is_statement: bool,
    ) -> &mut Edge {
        let mut edge = Edge::bare(source, target, predicate, id);
        edge.is_statement = is_statement;
        self.edges.push(edge);
        self.edges.last_mut().expect("just pushed")
    }

    /// The edge of a stated rule, drawn between its ends as the schema's edge rule says.
    fn rule(&mut self, relation: &'static Relation, subject: u32, object: u32, id: Box<str>) -> &mut Edge {
        let end = |end: End| if end == End::Subject { subject } else { object };
        let edge = self.edge(
            end(relation.edge.source),
            end(relation.edge.target),
            Cow::Borrowed(relation.iri),
            id,
            true,
        );
        edge.directed = relation.edge.directed;
        edge
    }

    pub(crate) fn observe(&mut self, row: &Row<'_>, view: &TimeView<'_>) {
        self.date = Some(view.date);
        let table = row.table;
        match table.shape {
            Shape::Entity if table.kind != Kind::Source => self.entity(row, view),
            Shape::Entity => {
                let text = |column: &str| Some(row.text(column)).filter(|t| !t.is_empty()).map(Into::into);
                let id: Box<str> = row.text("id").into();
                let source = Source {
                    id: id.clone(),
                    title: text("title"),
                    url: text("url"),
                };
                self.sources.insert(id, Arc::new(source));
            }
            Shape::Tenure | Shape::Participation | Shape::Relation => {
                let Some(relation) = row.relation() else { return };
                let (subject_column, object_column) = table.shape.ends().expect("a shape with ends");
                let (Some(subject), Some(object)) =
                    (self.reference(row, subject_column), self.reference(row, object_column))
                else {
                    return;
                };
                if let Some(law) = self.reference(row, "legal_basis") {
                    self.legal_bases.push((self.edges.len(), law));
                }
                self.cite(row);
                let edge = self.rule(relation, subject, object, row.text("id").into());
                edge.holds = view.holds(row);
                let period = view.period(row);
                (edge.valid_from, edge.valid_until, edge.attested_on) = (period.from, period.until, period.attested);
                match table.shape {
                    Shape::Tenure => {}
                    Shape::Participation => {
                        edge.role = match row.get("role") {
                            Some(Value::Choice(c)) => Some(*c),
                            _ => None,
                        };
                    }
                    _ => {
                        edge.basis = Basis::parse(row.text("basis"));
                        edge.condition = Some(row.text("condition")).filter(|c| !c.is_empty()).map(Into::into);
                    }
                }
            }
            Shape::Quantity => {
                let Some(subject) = self.reference(row, "subject") else {
                    return;
                };
                let key = self.key_index[row.text("property")];
                let date = Self::date(row, "date");
                let newer = match self.quantity_dates.get(&(subject, key)) {
                    None => true,
                    Some(previous) => date.and_then(Date::latest) >= previous.and_then(Date::latest),
                };
                if newer {
                    self.quantity_dates.insert((subject, key), date);
                    self.set(subject, key, row.text("value"));
                }
            }
            Shape::Alias => {}
            Shape::Link => {
                if view.holds(row).is_held() {
                    if let Some(entity) = self.reference(row, "entity") {
                        let key = self.key_index[&crate::schema::scheme(row.text("scheme"))
                            .map(|s| s.attribute())
                            .unwrap_or_default()];
                        self.set(entity, key, row.text("value"));
                    }
                }
            }
        }
    }

    fn entity(&mut self, row: &Row<'_>, view: &TimeView<'_>) {
        let table = row.table;
        let id = row.text("id");
        let node = self.intern(id);
        {
            let draft = &mut self.drafts[node as usize];
            draft.defined = true;
            draft.kind = Some(table.kind);
            draft.class = table.classes.first().map(|c| local_name(c));
            if table.kind == Kind::Unit {
                draft.unit = Some(node);
            }
        }
        let table_index = TABLES.iter().position(|t| t.name == table.name).unwrap_or_default();
        for (i, (column, value)) in table.all_columns().zip(&row.values).enumerate() {
            if matches!(value, Value::Empty) || matches!(column.name, "source" | "evidence" | "line") {
                continue;
            }
            if let Some(key) = self.column_keys[table_index].get(i).copied().flatten() {
                match value {
                    Value::Date(d) => self.set(node, key, &d.to_string()),
                    Value::Choice(c) => self.set(node, key, c),
                    other => self.set(node, key, row_text(other)),
                }
            }
            for mapping in column.rdf {
                match (mapping, value) {
                    (Rdf::Label("en"), Value::Text(text)) => self.set(node, LABEL, text),
                    (Rdf::Class, Value::Choice(choice)) => self.drafts[node as usize].class = Some(choice),
                    (Rdf::Term(_), Value::Choice(choice)) if column.name == "level" => {
                        self.drafts[node as usize].level = Some(choice);
                    }
                    (Rdf::Link(predicate), Value::Ref(..) | Value::Refs(_)) => {
                        let targets: Vec<&str> = match value {
                            Value::Ref(target, _) => vec![*target],
                            Value::Refs(refs) => refs.iter().map(|(t, _)| *t).collect(),
                            _ => Vec::new(),
                        };
                        for target in targets {
                            let holds = column.name != "part_of" || view.parent_holds(id, target);
                            let target = self.intern(target);
                            self.cite(row);
                            self.structural(node, target, predicate, column.name).holds =
                                if holds { Holds::Yes } else { Holds::No };
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// An edge from a reference column; remembers the links that place a node in a unit.
    fn structural(&mut self, node: u32, target: u32, predicate: &'static str, column: &str) -> &mut Edge {
        let draft = &mut self.drafts[node as usize];
        match column {
            "unit" | "location" if draft.unit.is_none() => draft.unit = Some(target),
            "part_of" | "body" => draft.parent = Some(target),
            _ => {}
        }
        let id = format!(
            "{}.{}.{}",
            self.names[node as usize],
            local_name(predicate),
            self.names[target as usize]
        );
        self.edge(node, target, Cow::Borrowed(predicate), id.into(), false)
    }

    pub(crate) fn finish(mut self) -> Network {
        self.resolve_legal_bases();
        self.resolve_citations();
        self.drop_restated_links();
        let regions: Vec<Option<Box<str>>> = (0..self.drafts.len()).map(|n| self.region_of(n)).collect();
        let levels: Vec<Option<&'static str>> = (0..self.drafts.len()).map(|n| self.level_of(n)).collect();
        let mut nodes = Vec::with_capacity(self.drafts.len());
        let drafts = std::mem::take(&mut self.drafts);
        for (n, (draft, name)) in drafts.into_iter().zip(self.names).enumerate() {
            let mut node = Node {
                id: name,
                kind: draft.kind,
                values: draft.values,
            };
            node.values.reserve_exact(5);
            if let Some(kind) = draft.kind {
                node.set(KIND, kind.segment());
                node.set(IRI, kind.iri(&node.id));
            }
            if let Some(class) = draft.class {
                node.set(TYPE, class);
            }
            if let Some(level) = levels[n] {
                node.set(LEVEL, level);
            }
            if let Some(region) = &regions[n] {
                node.set(REGION, region.clone());
            }
            nodes.push(node);
        }
        Network {
            node_keys: self.keys,
            nodes,
            edges: self.edges,
            date: self.date,
        }
        .sort()
    }

    /// Gives each edge the citations of its rows, sources named by their `sources.csv` row.
    fn resolve_citations(&mut self) {
        for (edge, RowCitation { source, evidence, line }) in std::mem::take(&mut self.citations) {
            let source = self.sources.get(&source).cloned().unwrap_or_else(|| {
                Arc::new(Source {
                    id: source,
                    title: None,
                    url: None,
                })
            });
            self.edges[edge].citations.push(Citation { source, evidence, line });
        }
    }

    /// Drops the links of reference columns that a statement restates; each statement so
    /// restating links keeps their rows' citations after its own (in the order of the rows).
    /// Only the statements that share ends and predicate with a link are kept in a map: the
    /// links are few beside the tenures.
    fn drop_restated_links(&mut self) {
        type Ends<'e> = (u32, u32, &'e str);
        fn ends(edge: &Edge) -> Ends<'_> {
            (edge.source, edge.target, &edge.predicate)
        }
        let links: FxHashSet<Ends<'_>> = self.edges.iter().filter(|e| !e.is_statement).map(ends).collect();
        let mut stated: FxHashMap<Ends<'_>, Vec<usize>> = FxHashMap::default();
        for (i, edge) in self.edges.iter().enumerate().filter(|(_, e)| e.is_statement) {
            if links.contains(&ends(edge)) {
                stated.entry(ends(edge)).or_default().push(i);
            }
        }
        if stated.is_empty() {
            return;
        }
        let mut restated: Vec<(usize, Citations)> = Vec::new();
        let keep: Vec<bool> = self
            .edges
            .iter()
            .map(|edge| {
                let statements = (!edge.is_statement).then(|| stated.get(&ends(edge))).flatten();
                for &s in statements.into_iter().flatten() {
                    restated.push((s, edge.citations.clone()));
                }
                statements.is_none()
            })
            .collect();
        for (statement, citations) in restated {
            self.edges[statement].citations.extend(citations);
        }
        let mut keep = keep.into_iter();
        self.edges.retain(|_| keep.next().unwrap_or(true));
    }

    fn resolve_legal_bases(&mut self) {
        let mut shared: HashMap<u32, Arc<LegalBasis>> = HashMap::new();
        let article = self.key_index.get("article").copied();
        for (edge, law) in std::mem::take(&mut self.legal_bases) {
            let draft = &self.drafts[law as usize];
            let value = |key: usize| {
                draft
                    .values
                    .iter()
                    .find(|(k, _)| usize::from(*k) == key)
                    .map(|(_, v)| v.clone())
            };
            let basis = shared.entry(law).or_insert_with(|| {
                Arc::new(LegalBasis {
                    id: self.names[law as usize].clone(),
                    label: value(LABEL).unwrap_or_else(|| self.names[law as usize].clone()),
                    article: article.and_then(value),
                })
            });
            self.edges[edge].legal_basis = Some(basis.clone());
        }
    }

    /// The label of the region or city of republican significance the node's unit lies in.
    fn region_of(&self, node: usize) -> Option<Box<str>> {
        let mut unit = self.drafts[node].unit?;
        for _ in 0..64 {
            let draft = &self.drafts[unit as usize];
            if draft.class.is_some_and(is_regional) {
                let label = draft.values.iter().find(|(k, _)| usize::from(*k) == LABEL);
                return Some(label.map_or_else(|| self.names[unit as usize].clone(), |(_, v)| v.clone()));
            }
            unit = draft.parent?;
        }
        None
    }

    /// The level of a generic post or body; else the type of the unit it serves; else (for a
    /// post) the level of its body.
    fn level_of(&self, node: usize) -> Option<&'static str> {
        let draft = &self.drafts[node];
        if let Some(level) = draft.level {
            return Some(level);
        }
        if let Some(unit) = draft.unit {
            return self.drafts[unit as usize].class;
        }
        match (draft.kind, draft.parent) {
            (Some(Kind::Post), Some(body)) => {
                let body = &self.drafts[body as usize];
                body.level
                    .or_else(|| body.unit.and_then(|u| self.drafts[u as usize].class))
            }
            _ => None,
        }
    }
}

fn row_text<'a>(value: &Value<'a>) -> &'a str {
    match value {
        Value::Text(t) | Value::Number(t) | Value::Lang(t) | Value::Iri(t) | Value::Ref(t, _) => t,
        Value::Choice(c) => c,
        _ => "",
    }
}
