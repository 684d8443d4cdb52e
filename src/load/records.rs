//! Reading a table file as CSV records, each with the line it starts on.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The records of one table file, read streaming.
pub(super) struct Records {
    reader: csv::Reader<BufReader<File>>,
    path: PathBuf,
}

impl Records {
    /// Opens `path`, trimming the spaces around each field; rows may differ in length.
    pub(super) fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(Error::read(path))?;
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(BufReader::with_capacity(1 << 16, file));
        Ok(Self {
            reader,
            path: path.to_owned(),
        })
    }

    /// The first record, which should name the columns.
    pub(super) fn header(&mut self) -> Result<csv::ByteRecord> {
        let header = self.reader.byte_headers().map_err(|e| csv_error(&self.path, e))?;
        Ok(header.clone())
    }

    /// Reads the next record that has a non-empty cell into `record`, and returns its line;
    /// `None` at the end of the file. Spreadsheets write rows of empty cells below the data:
    /// they are skipped like blank lines.
    pub(super) fn next_row(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>> {
        while self
            .reader
            .read_byte_record(record)
            .map_err(|e| csv_error(&self.path, e))?
        {
            if !record.iter().all(<[u8]>::is_empty) {
                return Ok(Some(record.position().map_or(0, csv::Position::line)));
            }
        }
        Ok(None)
    }
}

fn csv_error(path: &Path, error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(source) => Error::Read {
            path: path.to_owned(),
            source,
        },
        other => Error::Read {
            path: path.to_owned(),
            source: std::io::Error::other(format!("{other:?}")),
        },
    }
}
