//! The floor for reading tables: the csv crate alone reads every `.csv` file of a folder (one
//! reused `ByteRecord`, no checks) and prints the number of rows. `make bench` runs it beside
//! `kzlg stats` on the same tables.
//!
//!     cargo run --release --example csv_read -- bench/out/tables-100000

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: csv_read DIR")?);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    let mut rows = 0u64;
    let mut record = csv::ByteRecord::new();
    for path in paths {
        let mut reader = csv::Reader::from_path(&path)?;
        while reader.read_byte_record(&mut record)? {
            rows += 1;
        }
    }
    println!("{rows}");
    Ok(())
}
