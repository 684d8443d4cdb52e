//! The table loader on any bytes: the first byte picks a table, the rest replaces that table
//! of the fixture. Loading must give a graph or diagnostics, never panic.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kzlg::graph::SortedTriples;
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

fuzz_target!(|data: &[u8]| {
    let Some((&pick, table)) = data.split_first() else { return };
    let file = tables().join(TABLES[usize::from(pick) % TABLES.len()].file_name());
    let original = std::fs::read(&file).unwrap_or_default();
    std::fs::write(&file, table).unwrap();
    let mut triples = SortedTriples::default();
    let _ = kzlg::load::load(tables(), &mut triples);
    std::fs::write(&file, original).unwrap();
});
