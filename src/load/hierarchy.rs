//! Rules across tables on the hierarchies of units, bodies and posts: no cycles, one current
//! parent, and KATO codes that open with the digits of their region.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use petgraph::graphmap::DiGraphMap;

use super::hint::file_name;
use crate::error::Diagnostic;
use crate::rdf::{Row, Value};
use crate::schema::{LinkScheme, Shape, is_regional, scheme};

/// The parent edges of each hierarchy (units in units, bodies in bodies, ...), to find cycles,
/// and what the region-prefix rule of a scheme (KATO) needs: the type of each unit and the
/// current code of each entity in each such scheme.
#[derive(Default)]
pub(super) struct Hierarchies {
    edges: BTreeMap<&'static str, Vec<Edge>>,
    unit_types: HashMap<String, &'static str>,
    codes: BTreeMap<(&'static str, String), CodeLink>,
}

/// A current code of a region-prefixed scheme and the cell that states it.
struct CodeLink {
    code: String,
    path: PathBuf,
    line: u64,
    column: usize,
}

/// A child's link to its parent, and the cell that states it.
struct Edge {
    child: String,
    parent: String,
    path: PathBuf,
    line: u64,
    column: usize,
}

impl Hierarchies {
    pub(super) fn add(&mut self, row: &Row<'_>, path: &Path, line: u64, at: &dyn Fn(&str) -> usize) {
        if let ("units", Some(Value::Choice(unit_type))) = (row.table.name, row.get("type")) {
            self.unit_types.insert(row.text("id").to_owned(), unit_type);
        }
        let prefixed = scheme(row.text("scheme")).filter(|s| s.region_prefix.is_some());
        if let (Shape::Link, Some(scheme), true) = (row.table.shape, prefixed, row.is_empty("valid_until")) {
            self.codes.insert(
                (scheme.name, row.text("entity").to_owned()),
                CodeLink {
                    code: row.text("value").to_owned(),
                    path: path.to_owned(),
                    line,
                    column: at("value"),
                },
            );
        }
        let (child, parent_column, hierarchy) = match (row.table.name, row.table.shape) {
            ("units", _) => (row.text("id"), "part_of", "part_of"),
            ("bodies" | "organisations", _) => (row.text("id"), "parent", "parent"),
            ("posts", _) => (row.text("id"), "generic", "generic"),
            (_, Shape::Relation)
                if row.text("predicate") == "partOf" && row.is_empty("valid_until") && row.is_empty("replaced_by") =>
            {
                (row.text("subject"), "object", "part_of")
            }
            _ => return,
        };
        if let Some(Value::Ref(parent, _)) = row.get(parent_column) {
            self.edges.entry(hierarchy).or_default().push(Edge {
                child: child.to_owned(),
                parent: (*parent).to_owned(),
                path: path.to_owned(),
                line,
                column: at(parent_column),
            });
        }
    }

    /// Checks that each current code of a region-prefixed scheme (KATO: two digits) opens with
    /// the digits of its unit's region: the code of the region itself (`NN0000000`), or of the
    /// region or city of republican significance the unit lies in, through `part_of`. Units
    /// outside any region, or in a region without a code, are not checked; former codes may
    /// predate a move between regions, so only current ones are.
    pub(super) fn check_region_prefixes(&self, diagnostics: &mut Vec<Diagnostic>) {
        let parents: HashMap<&str, &str> = self
            .edges
            .get("part_of")
            .into_iter()
            .flatten()
            .map(|edge| (edge.child.as_str(), edge.parent.as_str()))
            .collect();
        let is_region = |id: &str| self.unit_types.get(id).copied().is_some_and(is_regional);
        for ((scheme_name, entity), link) in &self.codes {
            let scheme = scheme(scheme_name).expect("codes are kept for declared schemes");
            let digits = scheme.region_prefix.map_or(0, |r| r.digits).min(link.code.len());
            let name = scheme.name.to_uppercase();
            let prefix = &link.code[..digits];
            let problem = if is_region(entity) {
                let zeros = link.code.len() - digits;
                let expected = format!("{prefix}{}", "0".repeat(zeros));
                (link.code != expected).then(|| {
                    Diagnostic::new(
                        &link.path,
                        link.line,
                        Some(link.column),
                        format!(
                            "value: {name} code '{}' of the {} '{entity}' does not end in {} zeros",
                            link.code,
                            self.unit_types[entity],
                            number_word(zeros)
                        ),
                    )
                    .with_hint(format!(
                        "a region's own {name} code is its {} digits and {}, e.g. {expected}",
                        number_word(digits),
                        "0".repeat(zeros)
                    ))
                })
            } else {
                let mut region = parents.get(entity.as_str()).copied();
                let mut steps = 0;
                while let Some(unit) = region.filter(|unit| !is_region(unit) && steps < parents.len()) {
                    region = parents.get(unit).copied();
                    steps += 1;
                }
                let region_code = region
                    .filter(|r| is_region(r))
                    .and_then(|r| Some((r, self.codes.get(&(*scheme_name, r.to_owned()))?)));
                region_code.and_then(|(region, theirs)| {
                    let their_prefix = &theirs.code[..digits.min(theirs.code.len())];
                    (their_prefix != prefix)
                        .then(|| mismatch(scheme, link, entity, region, theirs, prefix, their_prefix))
                })
            };
            diagnostics.extend(problem);
        }
    }

    /// A unit lies in one unit at a time: a second current parent (its `part_of`, and a
    /// `partOf` statement without `valid_until` naming another unit) is reported at the later
    /// row, which names the earlier one.
    pub(super) fn check_single_parents(&self, diagnostics: &mut Vec<Diagnostic>) {
        for edges in self.edges.values() {
            let mut first_parent: HashMap<&str, &Edge> = HashMap::new();
            for edge in edges {
                let first = *first_parent.entry(edge.child.as_str()).or_insert(edge);
                if first.parent == edge.parent {
                    continue;
                }
                diagnostics.push(
                    Diagnostic::new(
                        &edge.path,
                        edge.line,
                        Some(edge.column),
                        format!(
                            "'{}' lies in '{}' today, but {} line {} already places it in '{}'",
                            edge.child,
                            edge.parent,
                            file_name(&first.path),
                            first.line,
                            first.parent
                        ),
                    )
                    .with_hint("a unit has one current parent: keep that one, and record the former as a partOf statement with valid_until"),
                );
            }
        }
    }

    /// Reports each cycle once, at the row of its first edge.
    pub(super) fn check_cycles(&self, diagnostics: &mut Vec<Diagnostic>) {
        for (hierarchy, edges) in &self.edges {
            let mut graph = DiGraphMap::<&str, usize>::new();
            for (i, edge) in edges.iter().enumerate() {
                graph.add_edge(edge.child.as_str(), edge.parent.as_str(), i);
            }
            for component in petgraph::algo::tarjan_scc(&graph) {
                let first = component
                    .iter()
                    .flat_map(|node| graph.edges(node))
                    .filter(|(_, to, _)| component.contains(to))
                    .map(|(_, _, i)| *i)
                    .min();
                let Some(first) = first else { continue };
                let Edge {
                    child: start,
                    path,
                    line,
                    column,
                    ..
                } = &edges[first];
                let mut cycle = vec![start.as_str()];
                let mut node = start.as_str();
                loop {
                    let next = graph
                        .edges(node)
                        .filter(|(_, to, _)| component.contains(to))
                        .map(|(_, to, _)| to)
                        .min()
                        .unwrap_or(start);
                    cycle.push(next);
                    if next == start || cycle.len() > component.len() {
                        break;
                    }
                    node = next;
                }
                diagnostics.push(
                    Diagnostic::new(
                        path,
                        *line,
                        Some(*column),
                        format!("{hierarchy} forms a cycle: {}", cycle.join(" → ")),
                    )
                    .with_hint("a unit, body or post cannot be above itself; correct one of these rows"),
                );
            }
        }
    }
}

/// A code that does not open with its region's digits.
fn mismatch(
    scheme: &LinkScheme,
    link: &CodeLink,
    entity: &str,
    region: &str,
    theirs: &CodeLink,
    prefix: &str,
    their_prefix: &str,
) -> Diagnostic {
    let name = scheme.name.to_uppercase();
    let digits = number_word(prefix.len());
    Diagnostic::new(
        &link.path,
        link.line,
        Some(link.column),
        format!(
            "value: {name} code '{}' opens with {prefix}, but '{entity}' lies in '{region}', whose {name} code {} opens with {their_prefix}",
            link.code, theirs.code
        ),
    )
    .with_hint(format!(
        "the first {digits} digits of a {name} code name the region ({} line {}); correct the code or the unit's part_of",
        file_name(&theirs.path),
        theirs.line
    ))
}

/// Small counts in words, as the messages read.
fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}
