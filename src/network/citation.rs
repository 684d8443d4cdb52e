//! Where an edge was read: the rows behind it, each with its source, quote and line, so that an
//! exported file can be cited without going back to the tables.

use std::borrow::Cow;
use std::sync::Arc;

use super::Edge;

/// Joins the citations of an edge read from several rows, in [`Edge::citations`] order.
pub const CITATION_SEPARATOR: &str = " | ";

/// A document of `sources.csv`, as a citation names it.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    pub id: Box<str>,
    pub title: Option<Box<str>>,
    /// The address of a `reference` source.
    pub url: Option<Box<str>>,
}

/// The citations of one edge.
pub type Citations = smallvec::SmallVec<[Citation; 1]>;

/// Where an edge was read: the row's source, its verbatim quote and the line the quote starts on.
#[derive(Clone, Debug)]
pub struct Citation {
    pub source: Arc<Source>,
    pub evidence: Option<Box<str>>,
    pub line: Option<u64>,
}

impl Edge {
    /// One part of every citation, joined by [`CITATION_SEPARATOR`] (an empty part where a
    /// row has none, so the n-th parts of each attribute belong together); None when no row has it.
    pub(super) fn cited<'e>(&'e self, part: fn(&'e Citation) -> Option<Cow<'e, str>>) -> Option<Cow<'e, str>> {
        if let [one] = self.citations.as_slice() {
            return part(one);
        }
        let parts: Vec<Option<Cow<'e, str>>> = self.citations.iter().map(part).collect();
        match parts.as_slice() {
            _ if parts.iter().all(Option::is_none) => None,
            [one] => one.clone(),
            _ => Some(Cow::Owned(
                parts
                    .iter()
                    .map(|p| p.as_deref().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(CITATION_SEPARATOR),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{EDGE_KEYS, EDGE_LINE, EDGE_SOURCE};

    #[test]
    fn several_rows_are_joined_in_order_with_empty_parts_kept() {
        let source = |id: &str| {
            Arc::new(Source {
                id: id.into(),
                title: None,
                url: None,
            })
        };
        let mut edge = Edge::bare(0, 1, "https://w3id.org/kzlg/ontology#partOf", "a-part-of-b");
        assert_eq!(edge.values()[EDGE_SOURCE], None, "no row, no source");
        edge.citations = smallvec::smallvec![
            Citation {
                source: source("paper"),
                evidence: Some("a lies in b".into()),
                line: Some(9),
            },
            Citation {
                source: source("ref"),
                evidence: None,
                line: None,
            },
        ];
        let values = edge.values();
        assert_eq!(values[EDGE_SOURCE].as_deref(), Some("paper | ref"));
        assert_eq!(values[EDGE_LINE].as_deref(), Some("9 | "));
        let evidence = EDGE_KEYS.iter().position(|(k, _)| *k == "evidence").unwrap();
        assert_eq!(values[evidence].as_deref(), Some("a lies in b | "));
    }
}
