//! The project's prefixes ([`PREFIXES`]) declared on whatever writes or reads prefixed names:
//! the Turtle and JSON-LD serializers of `dist/` and of query results, and the SPARQL parser.

use std::collections::BTreeMap;

use oxigraph::io::RdfSerializer;
use oxigraph::model::IriParseError;
use oxigraph::sparql::SparqlEvaluator;
use oxjsonld::JsonLdSerializer;

use crate::error::{Error, Result};
use crate::vocab::PREFIXES;

/// Something that takes prefix declarations one at a time, the way oxigraph's builders do.
pub trait DeclaresPrefixes: Sized {
    fn declare(self, prefix: &str, namespace: &str) -> std::result::Result<Self, IriParseError>;
}

impl DeclaresPrefixes for RdfSerializer {
    fn declare(self, prefix: &str, namespace: &str) -> std::result::Result<Self, IriParseError> {
        self.with_prefix(prefix, namespace)
    }
}

impl DeclaresPrefixes for JsonLdSerializer {
    fn declare(self, prefix: &str, namespace: &str) -> std::result::Result<Self, IriParseError> {
        self.with_prefix(prefix, namespace)
    }
}

impl DeclaresPrefixes for SparqlEvaluator {
    fn declare(self, prefix: &str, namespace: &str) -> std::result::Result<Self, IriParseError> {
        self.with_prefix(prefix, namespace)
    }
}

/// `target` with the project's prefixes declared, then `extra` ones (VoID adds `void:`, `dcat:`).
pub fn with_prefixes<T: DeclaresPrefixes>(target: T, extra: &[(&str, &str)]) -> Result<T> {
    PREFIXES
        .iter()
        .chain(extra)
        .try_fold(target, |target, (prefix, namespace)| {
            target
                .declare(prefix, namespace)
                .map_err(|e| Error::Internal(format!("the prefix {prefix}: is not declared: {e}")))
        })
}

/// The project's prefixes by name, as oxigraph's serializers keep those declared on them (a name
/// declared again replaces its namespace): where kzlg's own Turtle and JSON-LD writers start from
/// to write them as those serializers do.
pub(crate) fn by_name() -> BTreeMap<String, String> {
    PREFIXES
        .iter()
        .map(|(name, namespace)| (name.to_string(), namespace.to_string()))
        .collect()
}
