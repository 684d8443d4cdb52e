//! The catalogue of ready queries: `queries/<name>.rq`, each opening with a comment header
//!
//! ```sparql
//! # title: Who appoints each kind of akim
//! # question: Who appoints the akims of each level, de jure and de facto, under which provision?
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One query of the catalogue.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub title: String,
    pub question: String,
    pub text: String,
}

impl Entry {
    fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(Error::read(path))?;
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let field = |key: &str| {
            text.lines()
                .take_while(|line| line.starts_with('#'))
                .find_map(|line| {
                    line.trim_start_matches('#')
                        .trim()
                        .strip_prefix(key)
                        .map(|v| v.trim().to_owned())
                })
                .unwrap_or_default()
        };
        let (title, question) = (field("title:"), field("question:"));
        Ok(Self {
            name,
            path: path.to_owned(),
            title,
            question,
            text,
        })
    }
}

/// Every query in `dir`, by name.
pub fn list(dir: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(Error::read(dir))? {
        let path = entry.map_err(Error::read(dir))?.path();
        if path.extension().is_some_and(|e| e == "rq") {
            entries.push(Entry::read(&path)?);
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// The query a user means by `wanted`: a file path, or the name of a catalogue query.
pub fn resolve(wanted: &str, dir: &Path) -> Result<Entry> {
    let path = Path::new(wanted);
    if path.is_file() {
        return Entry::read(path);
    }
    let in_catalogue = dir.join(format!("{wanted}.rq"));
    if in_catalogue.is_file() {
        return Entry::read(&in_catalogue);
    }
    let names: Vec<String> = list(dir)
        .map(|entries| entries.into_iter().map(|e| e.name).collect())
        .unwrap_or_default();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::load::closest(wanted, &names) {
        Some(near) => format!("did you mean '{near}'?"),
        None => "`kzlg queries` lists the catalogue".to_owned(),
    };
    Err(Error::Usage(format!(
        "'{wanted}' is neither a file nor a query in the catalogue {}; {hint}",
        dir.display()
    )))
}
