//! Errors of the library. They are rendered once, at the edge (`main.rs`).

use std::fmt;
use std::path::PathBuf;

/// One problem found in a table, located for the user: `file:line:column: message`.
///
/// `column` is the 1-based field number in the row (the spreadsheet column), named in the message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: u64,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: u64, column: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:", self.path.display(), self.line)?;
        if let Some(column) = self.column {
            write!(f, "{column}:")?;
        }
        write!(f, " {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in kzlg.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The tables have problems; each is listed, and nothing was written.
    #[error("{} in the tables; nothing was written", plural(.0.len(), "problem"))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// An output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    /// An RDF file given with `--data` could not be parsed.
    #[error("cannot load {}: {message}", path.display())]
    Load { path: PathBuf, message: String },
    /// A SPARQL query does not parse.
    #[error("the query does not parse: {0}")]
    QuerySyntax(String),
    /// A SPARQL query failed while running.
    #[error("the query failed: {0}")]
    QueryEvaluation(String),
    /// A query calls a remote endpoint with `SERVICE`, which is opt-in.
    #[error(
        "the query calls the remote endpoint <{0}> with SERVICE: pass --federate to let kzlg reach it (and --timeout SECONDS to bound each request)"
    )]
    FederationDisabled(String),
    /// Parameters of a query are declared wrong or given values that name nothing; each is listed.
    #[error("{} with the parameters of {query}:\n  {}", plural(errors.len(), "problem"), errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    Parameters {
        query: String,
        errors: Vec<crate::sparql::params::ParamError>,
    },
    /// A `SERVICE` call failed: the endpoint is unreachable, too slow or answered with an error.
    #[error("a SERVICE call failed: {0}")]
    ServiceFailed(String),
    /// The user asked for something that cannot be done; the message says what to change.
    #[error("{0}")]
    Usage(String),
    /// `kzlg serve` could not start: the address is taken, the runtime failed.
    #[error("kzlg serve: {0}")]
    Serve(String),
    /// The RDF machinery failed on data kzlg produced itself: a bug.
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
    /// An on-disk store (`--store DIR`) is missing, incomplete, of another layout or not compiled in.
    #[error(transparent)]
    Store(#[from] crate::store::disk::StoreError),

    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Wraps an I/O error while reading `path`.
    pub fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Read { path, source }
    }

    /// Wraps an I/O error while writing `path`.
    pub fn write(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Write { path, source }
    }
}

/// `1 problem`, `2 problems`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
