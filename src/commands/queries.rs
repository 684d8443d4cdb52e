//! `kzlg queries`: list the catalogue.

use std::io::Write;
use std::path::Path;

use crate::catalogue;
use crate::error::{Error, Result};

pub fn run(dir: &Path, long: bool) -> Result<()> {
    let entries = catalogue::list(dir)?;
    let width = entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let print = (|| -> std::io::Result<()> {
        for entry in &entries {
            writeln!(w, "{:<width$}  {}", entry.name, entry.title)?;
            if long && !entry.question.is_empty() {
                writeln!(w, "{:<width$}  {}", "", entry.question)?;
            }
        }
        Ok(())
    })();
    print.map_err(Error::write("standard output"))
}
