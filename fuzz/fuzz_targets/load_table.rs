//! The table loader on any bytes: the first byte picks a table (in the alphabetical order of
//! the file names, as `make fuzz` numbers its seeds), the rest replaces that table of the
//! fixture. Loading must give a graph or diagnostics, never panic.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kzlg::output::canonical::SortedTriples;
use kzlg::schema::TABLES;
use libfuzzer_sys::fuzz_target;

/// A copy of the fixture tables, made once per process.
fn tables() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good");
        for entry in std::fs::read_dir(fixture).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
        let path = dir.path().to_owned();
        (dir, path)
    })
    .1
}

/// The tables' file names, sorted.
fn file_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = TABLES.iter().map(|table| table.file_name()).collect();
        names.sort();
        names
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, table)) = data.split_first() else { return };
    let names = file_names();
    let file = tables().join(&names[usize::from(pick) % names.len()]);
    let original = std::fs::read(&file).unwrap_or_default();
    std::fs::write(&file, table).unwrap();
    let mut triples = SortedTriples::default();
    let _ = kzlg::load::load(tables(), &mut triples);
    std::fs::write(&file, original).unwrap();
});
