//! What `kzlg query` does with its input before running it: the text read as a catalogue entry
//! (its `# title:` header), then parsed with the project's prefixes, errors located on their
//! line. Any text must give a query or an error, never panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn catalogue() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    std::fs::write(catalogue().join("fuzzed.rq"), text).unwrap();
    let entry = kzlg::catalogue::resolve("fuzzed", catalogue()).unwrap();
    let _ = kzlg::sparql::prepare(&entry.text, &entry.name);
});
