//! `kzlg resolve`: the entity behind a spelling.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::resolve::Index;

/// Prints the entities `query` names, or the nearest names; returns whether any matched.
pub fn run(tables: &Path, query: &str, limit: usize) -> Result<bool> {
    let index = Index::build(tables)?;
    let resolution = index.resolve(query, limit);
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let describe = |id: &str| {
        let (label, class) = index.describe(id).unwrap_or_default();
        (label.to_owned(), class.to_owned())
    };
    let print = (|| -> std::io::Result<()> {
        for name in &resolution.matches {
            let (label, class) = describe(&name.id);
            writeln!(
                w,
                "{}:{}\t{class}\t{label}\t(matched {:?}, {})",
                name.kind.segment(),
                name.id,
                name.spelling,
                name.origin
            )?;
        }
        if resolution.matches.is_empty() {
            writeln!(w, "no entity is called {query:?}")?;
            for (name, score) in &resolution.suggestions {
                let (label, class) = describe(&name.id);
                writeln!(
                    w,
                    "  did you mean {}:{}\t{class}\t{label}\t({:?}, {}, similarity {score:.2})",
                    name.kind.segment(),
                    name.id,
                    name.spelling,
                    name.origin
                )?;
            }
        }
        Ok(())
    })();
    print.map_err(Error::write("standard output"))?;
    Ok(!resolution.matches.is_empty())
}
