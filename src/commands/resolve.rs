//! `kzlg resolve`: the entity behind a spelling.

use std::path::Path;
use std::process::ExitCode;

use super::exit_if;
use crate::error::Result;
use crate::report::to_stdout;
use crate::resolve::Index;

/// Find the entity behind a name, in any spelling, script or transliteration.
///
/// Exit code 0 when the name matches, 1 when only near names are suggested.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The name: "Petropavlovsk", "Петропавловск", "Zhambylsky", "Kostanai"...
    name: String,
    /// How many near names to suggest when none matches.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

/// Prints the entities the name names, or the nearest names; fails (1) when none matched.
pub fn run(tables: &Path, args: ResolveArgs) -> Result<ExitCode> {
    let index = Index::build(tables)?;
    let query = &args.name;
    let resolution = index.resolve(query, args.limit);
    let describe = |id: &str| {
        let (label, class) = index.describe(id).unwrap_or_default();
        (label.to_owned(), class.to_owned())
    };
    to_stdout(|w| {
        for name in &resolution.matches {
            let (label, class) = describe(&name.id);
            writeln!(
                w,
                "{}:{}\t{class}\t{label}\t(matched {:?}, {})",
                name.kind.prefix(),
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
                    name.kind.prefix(),
                    name.id,
                    name.spelling,
                    name.origin
                )?;
            }
        }
        Ok::<_, std::io::Error>(())
    })?;
    Ok(exit_if(!resolution.matches.is_empty()))
}
