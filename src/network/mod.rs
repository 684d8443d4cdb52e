//! The graph as a network of nodes and edges: the one model every export format and every
//! analysis reads.
//!
//! Nodes are the entities of the tables (sources excepted: they are provenance, and every row
//! would link to one). Edges come from three places:
//! - the institutional relations of `statements.csv`, one edge per row with its qualifiers
//!   (basis, legal basis, validity, condition), so a rule that holds both de jure and de facto
//!   is two parallel edges;
//! - tenures (person `org:holds` post) and participations (event `kzlg:participant` who);
//! - the reference columns of entity tables (post `org:postIn` body, unit `kzlg:partOf` unit,
//!   ...), each with the predicate the schema maps it to. Where a statement restates such a
//!   link (a dated `partOf`), only the statement's edge is kept.
//!
//! Node attributes follow the schema too: the English name is `label`, other names
//! `label_<lang>`, literal columns keep their column name, numbers of `quantities.csv` become
//! numeric attributes and current external ids of `links.csv` attributes named by scheme.
//! `level` is the level of a generic post or body, or the type of the unit a specific one
//! serves; `region` is the region (or city of republican significance) that unit lies in.
//!
//! The network is built straight from the checked rows (no store), holding compact records:
//! interned node ids and edges that refer to nodes by index.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::date::Date;
use crate::error::Result;
use crate::load;
use crate::progress::Progress;
use crate::time::Holds;
mod builder;
mod citation;
mod filter;
pub mod query;

pub(crate) use builder::Builder;
pub use citation::{CITATION_SEPARATOR, Citation, Citations, Source};
pub use filter::{BasisFilter, EdgeFilter};

use crate::schema::{Family, Kind, QUANTITY_PROPERTIES, Rdf, SCHEMES, Shape, TABLES, relation, relation_by_iri};

/// The type of an attribute's values, as GraphML, GEXF and Gephi declare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    String,
    Double,
}

impl AttrType {
    /// The name GraphML's `attr.type` and GEXF's `type` use.
    pub fn name(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Double => "double",
        }
    }
}

/// A declared attribute of nodes or edges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub ty: AttrType,
}

/// Indices of the node attributes every node may have, in [`node_keys`] order.
pub const LABEL: usize = 0;
pub const TYPE: usize = 1;
pub const KIND: usize = 2;
pub const LEVEL: usize = 3;
pub const REGION: usize = 4;
pub const IRI: usize = 5;
const CORE_KEYS: [&str; 6] = ["label", "type", "kind", "level", "region", "iri"];

/// Columns that describe the row rather than the thing: not node attributes.
const NOT_ATTRIBUTES: [&str; 5] = ["note", "source", "evidence", "line", "level"];

/// The node attributes, derived from the schema: the core ones, names in other languages,
/// literal and choice columns of entity tables, quantities, external ids.
pub fn node_keys() -> Vec<Key> {
    let mut names: Vec<String> = CORE_KEYS.iter().map(|k| (*k).to_owned()).collect();
    let add = |names: &mut Vec<String>, name: String| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    for table in entity_tables() {
        for column in table.all_columns() {
            if let Some(name) = attribute_name(column) {
                add(&mut names, name);
            }
        }
    }
    let mut keys: Vec<Key> = names
        .into_iter()
        .map(|name| Key {
            name,
            ty: AttrType::String,
        })
        .collect();
    for property in QUANTITY_PROPERTIES {
        keys.push(Key {
            name: (*property).to_owned(),
            ty: AttrType::Double,
        });
    }
    for scheme in &SCHEMES {
        keys.push(Key {
            name: scheme.attribute(),
            ty: AttrType::String,
        });
    }
    keys
}

/// The attribute a column of an entity table becomes, if any.
fn attribute_name(column: &crate::schema::Column) -> Option<String> {
    if NOT_ATTRIBUTES.contains(&column.name) {
        return None;
    }
    let labelled = column.rdf.iter().any(|r| matches!(r, Rdf::Label(_)));
    column.rdf.iter().find_map(|mapping| match mapping {
        Rdf::Label("en") => None,
        Rdf::Label(lang) => Some(format!("label_{lang}")),
        Rdf::Literal(_) | Rdf::Term(_) | Rdf::Relation(_) if !labelled => Some(column.name.to_owned()),
        _ => None,
    })
}

fn entity_tables() -> impl Iterator<Item = &'static crate::schema::Table> {
    TABLES
        .iter()
        .filter(|t| t.shape == Shape::Entity && t.kind != Kind::Source)
}

/// The edge attributes, in the order of [`Edge::values`]. The last five cite the edge's rows:
/// one value per row, joined by [`CITATION_SEPARATOR`] in the same order in each.
pub const EDGE_KEYS: [(&str, AttrType); 17] = [
    ("label", AttrType::String),
    ("predicate", AttrType::String),
    ("basis", AttrType::String),
    ("legal_basis", AttrType::String),
    ("legal_basis_label", AttrType::String),
    ("valid_from", AttrType::String),
    ("valid_until", AttrType::String),
    ("attested_on", AttrType::String),
    ("condition", AttrType::String),
    ("role", AttrType::String),
    ("statement", AttrType::String),
    ("weight", AttrType::Double),
    ("source", AttrType::String),
    ("source_title", AttrType::String),
    ("source_url", AttrType::String),
    ("evidence", AttrType::String),
    ("line", AttrType::String),
];

/// Indices into [`EDGE_KEYS`].
pub const EDGE_LABEL: usize = 0;
pub const EDGE_WEIGHT: usize = 11;
pub const EDGE_SOURCE: usize = 12;
pub const EDGE_LINE: usize = 16;

/// One entity.
#[derive(Clone, Debug)]
pub struct Node {
    /// The entity's id (its IRI for a node from outside the tables).
    pub id: Box<str>,
    /// The table kind, when the node is an entity of the tables.
    pub kind: Option<Kind>,
    /// Attribute values by index into the network's node keys, sorted by index.
    pub values: Vec<(u16, Box<str>)>,
}

impl Node {
    pub fn get(&self, key: usize) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| usize::from(*k) == key)
            .map(|(_, v)| &**v)
    }

    /// The label, or the id when there is none.
    pub fn label(&self) -> &str {
        self.get(LABEL).unwrap_or(&self.id)
    }

    fn set(&mut self, key: usize, value: impl Into<Box<str>>) {
        let key = u16::try_from(key).expect("fewer than 65536 attributes");
        match self.values.binary_search_by_key(&key, |(k, _)| *k) {
            Ok(i) => self.values[i].1 = value.into(),
            Err(i) => self.values.insert(i, (key, value.into())),
        }
    }
}

/// What a rule says about the relation: the law, or practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    DeJure,
    DeFacto,
}

impl Basis {
    pub fn name(self) -> &'static str {
        match self {
            Basis::DeJure => "de jure",
            Basis::DeFacto => "de facto",
        }
    }

    fn parse(choice: &str) -> Option<Self> {
        match choice {
            "de_jure" => Some(Basis::DeJure),
            "de_facto" => Some(Basis::DeFacto),
            _ => None,
        }
    }
}

/// The law or provision an institutional rule rests on.
#[derive(Debug, PartialEq, Eq)]
pub struct LegalBasis {
    pub id: Box<str>,
    pub label: Box<str>,
    /// The article as cited (`87(1)`), for a provision.
    pub article: Option<Box<str>>,
}

/// One relation between two nodes.
#[derive(Clone, Debug)]
pub struct Edge {
    pub source: u32,
    pub target: u32,
    /// The full IRI of the predicate.
    pub predicate: Cow<'static, str>,
    /// The statement id for rows of statement tables, otherwise `source.predicate.target`.
    pub id: Box<str>,
    pub is_statement: bool,
    pub basis: Option<Basis>,
    /// The law or provision behind the rule.
    pub legal_basis: Option<Arc<LegalBasis>>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub attested_on: Option<Date>,
    pub condition: Option<Box<str>>,
    pub role: Option<&'static str>,
    /// Whether the relation reads one way only (the schema's edge rule).
    pub directed: bool,
    /// Whether it holds on the network's date (see [`crate::time`]).
    pub holds: Holds,
    /// The rows it was read from: its own first, then any entity row whose link it restates
    /// (one row for nearly every edge: kept inline, not in an allocation of its own).
    pub citations: Citations,
}

impl Edge {
    /// An edge with no qualifiers.
    pub fn bare(source: u32, target: u32, predicate: impl Into<Cow<'static, str>>, id: impl Into<Box<str>>) -> Edge {
        Edge {
            source,
            target,
            predicate: predicate.into(),
            id: id.into(),
            is_statement: false,
            basis: None,
            legal_basis: None,
            valid_from: None,
            valid_until: None,
            attested_on: None,
            condition: None,
            role: None,
            directed: true,
            holds: Holds::Yes,
            citations: Citations::new(),
        }
    }

    /// The local name of the predicate: `appointedBy`, `holds`.
    pub fn relation(&self) -> &str {
        local_name(&self.predicate)
    }

    /// The values of an edge's attributes, in [`EDGE_KEYS`] order (None when empty).
    pub fn values(&self) -> [Option<Cow<'_, str>>; EDGE_KEYS.len()] {
        let date = |d: Option<Date>| d.map(|d| Cow::Owned(d.to_string()));
        let legal = self.legal_basis.as_deref();
        let cited = |part: fn(&Citation) -> Option<Cow<'_, str>>| self.cited(part);
        [
            Some(match relation_by_iri(&self.predicate) {
                Some(relation) => Cow::Borrowed(relation.label),
                None => Cow::Owned(humanize(self.relation())),
            }),
            Some(Cow::Owned(crate::vocab::compact(&self.predicate))),
            self.basis.map(|b| Cow::Borrowed(b.name())),
            legal.map(|l| Cow::Borrowed(&*l.id)),
            legal.map(|l| Cow::Borrowed(&*l.label)),
            date(self.valid_from),
            date(self.valid_until),
            date(self.attested_on),
            self.condition.as_deref().map(Cow::Borrowed),
            self.role.map(Cow::Borrowed),
            self.is_statement.then(|| Cow::Owned(Kind::Stmt.iri(&self.id))),
            Some(Cow::Borrowed("1.0")),
            cited(|c| Some(Cow::Borrowed(&*c.source.id))),
            cited(|c| c.source.title.as_deref().map(Cow::Borrowed)),
            cited(|c| c.source.url.as_deref().map(Cow::Borrowed)),
            cited(|c| c.evidence.as_deref().map(Cow::Borrowed)),
            cited(|c| c.line.map(|l| Cow::Owned(l.to_string()))),
        ]
    }

    /// Whether the relation holds on the network's date.
    pub fn is_current(&self) -> bool {
        self.holds.is_held()
    }
}

/// The part of an IRI after its last `#` or `/`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// `appointedBy` → `appointed by`: the predicate read as words.
pub fn humanize(local: &str) -> String {
    let mut words = String::with_capacity(local.len() + 4);
    for (i, c) in local.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            words.push(' ');
            words.push(c.to_ascii_lowercase());
        } else if c == '_' {
            words.push(' ');
        } else {
            words.push(c);
        }
    }
    words
}

/// Which part of the graph to export or analyse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// Posts and bodies, linked by appointment, approval, dismissal, accountability, distrust,
    /// veto and dissolution.
    Institutions,
    /// People, posts, events, organisations, bodies and programmes, linked by tenures,
    /// participations and the structural links between them.
    People,
    /// Every entity but sources, every edge.
    All,
}

impl View {
    fn keeps_node(self, kind: Option<Kind>) -> bool {
        match self {
            View::Institutions => matches!(kind, Some(Kind::Post | Kind::Body)),
            View::People => matches!(
                kind,
                Some(Kind::Person | Kind::Post | Kind::Event | Kind::Org | Kind::Body | Kind::Program)
            ),
            View::All => true,
        }
    }

    fn keeps_edge(self, edge: &Edge) -> bool {
        let name = edge.relation();
        match self {
            View::Institutions => Family::of(name).is_some(),
            View::People => !(edge.is_statement && relation(name).is_some()),
            View::All => true,
        }
    }
}

/// Nodes sorted by id, edges sorted by source, target, predicate and id.
#[derive(Debug)]
pub struct Network {
    pub node_keys: Vec<Key>,
    pub nodes: Vec<Node>,
    /// Every rule, tenure and link, each marked with whether it holds on `date`.
    pub edges: Vec<Edge>,
    /// The date the edges' `holds` refers to: the dataset's, or the one asked for.
    pub date: Option<Date>,
}

impl Network {
    /// Reads and checks the tables in `dir` and builds the whole network (view `all`), its
    /// edges placed in time as of `as_of` (the dataset's date by default).
    pub fn from_tables(dir: &Path, as_of: Option<Date>) -> Result<Network> {
        Self::from_tables_with(dir, as_of, &Progress::hidden())
    }

    /// Like [`Network::from_tables`], counting the rows read on `progress`.
    pub fn from_tables_with(dir: &Path, as_of: Option<Date>, progress: &Progress) -> Result<Network> {
        let mut builder = Builder::new();
        load::observe_as_of(
            dir,
            as_of,
            &mut progress.rows(|row, site| builder.observe(row, site.view)),
        )?;
        Ok(builder.finish())
    }

    /// The whole network and the query store of the same tables, from one read of them, counting
    /// the rows read on `progress`.
    pub fn with_store(
        dir: &Path,
        as_of: Option<Date>,
        progress: &Progress,
    ) -> Result<(Network, oxigraph::store::Store)> {
        let mut builder = Builder::new();
        let (store, _) = crate::store::from_tables_observed(
            dir,
            as_of,
            &mut progress.rows(|row, site| builder.observe(row, site.view)),
        )?;
        Ok((builder.finish(), store))
    }

    /// The network as it stood on its date: only the edges that held then.
    pub fn at_its_date(mut self) -> Network {
        self.edges.retain(|e| e.holds.is_held());
        self
    }

    /// The part of the network a view shows. Institutions and people drop nodes left without
    /// edges; `all` keeps them.
    pub fn view(self, view: View) -> Network {
        if view == View::All {
            return self;
        }
        let keep_nodes: Vec<bool> = self.nodes.iter().map(|n| view.keeps_node(n.kind)).collect();
        let edges: Vec<Edge> = self
            .edges
            .into_iter()
            .filter(|e| keep_nodes[e.source as usize] && keep_nodes[e.target as usize] && view.keeps_edge(e))
            .collect();
        let mut keep = keep_nodes;
        if view != View::All {
            keep.iter_mut().for_each(|k| *k = false);
            for edge in &edges {
                keep[edge.source as usize] = true;
                keep[edge.target as usize] = true;
            }
        }
        Network::subgraph(self.node_keys, self.nodes, &keep, edges, self.date)
    }

    /// Keeps the nodes marked in `keep` and renumbers `edges` (whose ends must be kept).
    pub(crate) fn subgraph(
        node_keys: Vec<Key>,
        nodes: Vec<Node>,
        keep: &[bool],
        mut edges: Vec<Edge>,
        date: Option<Date>,
    ) -> Network {
        let mut index = vec![u32::MAX; nodes.len()];
        let mut kept = Vec::new();
        for (i, node) in nodes.into_iter().enumerate() {
            if keep[i] {
                index[i] = u32::try_from(kept.len()).expect("fewer than 2^32 nodes");
                kept.push(node);
            }
        }
        for edge in &mut edges {
            edge.source = index[edge.source as usize];
            edge.target = index[edge.target as usize];
        }
        let mut network = Network {
            node_keys,
            nodes: kept,
            edges,
            date,
        };
        network.edges.retain(|e| e.source != u32::MAX && e.target != u32::MAX);
        network
    }

    pub fn node(&self, index: u32) -> &Node {
        &self.nodes[index as usize]
    }

    /// The position of the node `id` (nodes are sorted by id).
    pub fn find(&self, id: &str) -> Option<u32> {
        self.nodes.binary_search_by(|n| (*n.id).cmp(id)).ok().map(|i| i as u32)
    }

    /// The IRI of a node: its entity IRI, or its id for a node from outside the tables.
    pub fn iri(&self, node: &Node) -> String {
        node.get(IRI).map_or_else(|| node.id.to_string(), str::to_owned)
    }

    /// Sorts nodes by id and edges by (source id, target id, predicate, id), equal edges in the
    /// order they came. The edges are sorted as short keys and then moved once, not moved at
    /// every step of the sort: an edge is large.
    pub(crate) fn sort(mut self) -> Network {
        let mut order: Vec<u32> = (0..self.nodes.len() as u32).collect();
        order.sort_by(|&a, &b| self.nodes[a as usize].id.cmp(&self.nodes[b as usize].id));
        let mut position = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old as usize] = new as u32;
        }
        permute(&mut self.nodes, &order);
        for edge in &mut self.edges {
            edge.source = position[edge.source as usize];
            edge.target = position[edge.target as usize];
        }
        let mut keys: Vec<(u32, u32, &str, &str, u32)> = self
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| (e.source, e.target, &*e.predicate, &*e.id, i as u32))
            .collect();
        keys.sort_unstable();
        let order: Vec<u32> = keys.into_iter().map(|key| key.4).collect();
        permute(&mut self.edges, &order);
        self.edges
            .dedup_by(|a, b| a.id == b.id && a.source == b.source && a.target == b.target);
        self
    }
}

/// Puts at each position `i` the item that was at `order[i]` (a permutation), in place: each
/// cycle of the permutation is walked once, one swap per item.
fn permute<T>(items: &mut [T], order: &[u32]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    /// Every cycle of a permutation moves its items to their places, fixed points stay.
    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let order = [3u32, 0, 2, 5, 1, 4, 6];
        let mut items: Vec<char> = "abcdefg".chars().collect();
        permute(&mut items, &order);
        let expected: Vec<char> = order
            .iter()
            .map(|&i| "abcdefg".as_bytes()[i as usize] as char)
            .collect();
        assert_eq!(items, expected);
    }
}
