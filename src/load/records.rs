//! Reading a table file as CSV records, each with the line it starts on.
//!
//! The CSV parser's own line count is not the line a person sees: it dates a record from where
//! the previous one ended, so after a CRLF (where it stops at the CR) and after blank lines the
//! record is dated a line or more too early. The lines here are counted from the record's
//! first byte, with LF, CRLF and a lone CR each ending one line, inside quotes too.
//!
//! The spaces around a field are trimmed as the field is read, not by the parser: its trim
//! copies every record into a new one, a tenth of the time of a table check.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::error::{Error, Result};

/// The records of one table file, read streaming.
pub(super) struct Records {
    reader: csv::Reader<LineBreaks<BufReader<File>>>,
    path: PathBuf,
}

impl Records {
    /// Opens `path`; rows may differ in length.
    pub(super) fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(Error::read(path))?;
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(LineBreaks::new(BufReader::with_capacity(1 << 16, file)));
        Ok(Self {
            reader,
            path: path.to_owned(),
        })
    }

    /// The first record, which should name the columns, its fields trimmed.
    pub(super) fn header(&mut self) -> Result<csv::ByteRecord> {
        let header = self.reader.byte_headers().map_err(|e| csv_error(&self.path, e))?;
        Ok(header.iter().map(<[u8]>::trim_ascii).collect())
    }

    /// Reads the next record that has a non-empty cell into `record`, and returns its line;
    /// `None` at the end of the file. Spreadsheets write rows of empty cells below the data:
    /// they are skipped like blank lines.
    pub(super) fn next_row(&mut self, record: &mut Record) -> Result<Option<u64>> {
        while self
            .reader
            .read_byte_record(&mut record.0)
            .map_err(|e| csv_error(&self.path, e))?
        {
            if !record.iter().all(<[u8]>::is_empty) {
                let start = record.0.position().map_or(0, csv::Position::byte);
                return Ok(Some(self.reader.get_mut().line_from(start)));
            }
        }
        Ok(None)
    }
}

/// What [`for_each_batch`] hands each batch to: rows with the line each starts on.
pub(super) type EachBatch<'a> = dyn FnMut(&[(u64, Record)]) -> Result<()> + 'a;

/// Rows handed on at a time by [`for_each_batch`]: enough to share among threads, few enough
/// that three batches of records stay in the caches' reach.
const BATCH: usize = 1024;

/// Reads the rows of `path` on a thread of its own and hands them to `each` in file order, in
/// batches of a line and a record each: parsing the CSV then overlaps with checking the rows.
/// The first error, of reading or of `each`, ends the reading and is returned.
pub(super) fn for_each_batch(path: &Path, each: &mut EachBatch<'_>) -> Result<()> {
    with_batches(path, |batches| {
        let mut batch = Batch::default();
        while batches.refill(&mut batch)? {
            each(batch.rows())?;
        }
        Ok(())
    })
}

/// Reads the rows of `path` on a thread of its own while `consume` takes them, a [`Batch`] at
/// a time, from [`Batches::refill`]. Returning (early, or with an error) ends the reading.
pub(super) fn with_batches<T>(path: &Path, consume: impl FnOnce(&mut Batches) -> Result<T>) -> Result<T> {
    let mut records = Records::open(path)?;
    let (full, filled) = mpsc::sync_channel::<Result<Batch>>(1);
    let (free, emptied) = mpsc::channel::<Batch>();
    for _ in 0..3 {
        free.send(Batch::default()).expect("the receiver is here");
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Ok(mut batch) = emptied.recv() {
                let read = batch.fill(&mut records);
                let last = !matches!(read, Ok(())) || batch.last;
                if full.send(read.map(|()| batch)).is_err() || last {
                    break;
                }
            }
        });
        let mut batches = Batches {
            filled,
            free,
            ended: false,
        };
        let consumed = consume(&mut batches);
        // Dropping the channels ends the reading thread, should it wait on one.
        drop(batches);
        consumed
    })
}

/// The consuming side of [`with_batches`]: the batches the reading thread has filled, and the
/// way back for those read.
pub(super) struct Batches {
    filled: mpsc::Receiver<Result<Batch>>,
    free: mpsc::Sender<Batch>,
    ended: bool,
}

impl Batches {
    /// Puts the next batch in `slot`, handing the rows it held back to be refilled; false, and
    /// `slot` left as it was, once the file has ended.
    pub(super) fn refill(&mut self, slot: &mut Batch) -> Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let Ok(batch) = self.filled.recv() else {
            self.ended = true;
            return Ok(false);
        };
        let batch = batch?;
        self.ended = batch.last;
        // The reader may have ended already; the old rows are then dropped.
        let _ = self.free.send(std::mem::replace(slot, batch));
        Ok(true)
    }
}

/// Up to [`BATCH`] rows with their lines; the records are kept and refilled, not reallocated.
#[derive(Default)]
pub(super) struct Batch {
    rows: Vec<(u64, Record)>,
    len: usize,
    /// Whether the file ends with this batch.
    last: bool,
}

impl Batch {
    /// The rows read, each with the line it starts on.
    pub(super) fn rows(&self) -> &[(u64, Record)] {
        &self.rows[..self.len]
    }

    fn fill(&mut self, records: &mut Records) -> Result<()> {
        self.len = 0;
        while self.len < BATCH {
            if self.len == self.rows.len() {
                self.rows.push((0, Record::default()));
            }
            let (line, record) = &mut self.rows[self.len];
            match records.next_row(record)? {
                Some(at) => *line = at,
                None => {
                    self.last = true;
                    break;
                }
            }
            self.len += 1;
        }
        Ok(())
    }
}

/// One record of a table file, whose fields are seen without the ASCII spaces around them.
#[derive(Default)]
pub(super) struct Record(csv::ByteRecord);

impl Record {
    /// The field at `index`, trimmed.
    pub(super) fn get(&self, index: usize) -> Option<&[u8]> {
        self.0.get(index).map(<[u8]>::trim_ascii)
    }

    /// The number of fields.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The fields, trimmed.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(<[u8]>::trim_ascii)
    }
}

/// Whether a field holds a line break of any kind.
pub(super) fn spans_lines(field: &[u8]) -> bool {
    field.iter().any(|b| matches!(b, b'\n' | b'\r'))
}

/// Passes a file's bytes on to the CSV parser, noting the line breaks among them, so that the
/// line of a record can be told from the offset where the parser began to read it.
struct LineBreaks<R> {
    inner: R,
    /// Bytes passed on so far.
    offset: u64,
    /// The offset of a CR just passed on: a CRLF or a lone CR, as the next byte will tell.
    carriage_return: Option<u64>,
    /// The breaks passed on that no record asked about has reached yet: the offsets of each
    /// break's first byte and of the byte after it. The parser reads ahead by a buffer, so these
    /// are the breaks of a buffer's worth of bytes (or of a runaway quote).
    ahead: VecDeque<(u64, u64)>,
    /// The line that the bytes after the breaks no longer ahead are on.
    line: u64,
}

impl<R> LineBreaks<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            offset: 0,
            carriage_return: None,
            ahead: VecDeque::new(),
            line: 1,
        }
    }

    /// The line of the first byte of the record that the parser began to read at `offset`:
    /// the record's own bytes start after the rest of the previous line ending and after any
    /// blank lines, which the parser passes over. Offsets asked about must not decrease.
    fn line_from(&mut self, offset: u64) -> u64 {
        let mut first_byte = offset;
        while let Some(&(start, end)) = self.ahead.front() {
            if start > first_byte {
                break;
            }
            self.ahead.pop_front();
            self.line += 1;
            first_byte = first_byte.max(end);
        }
        self.line
    }
}

impl<R: Read> Read for LineBreaks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        let bytes = &buf[..read];
        // The first byte says what a CR that ended the previous read was.
        let mut from = 0;
        if let (Some(cr), Some(&first)) = (self.carriage_return, bytes.first()) {
            self.carriage_return = None;
            if first == b'\n' {
                self.ahead.push_back((cr, self.offset + 1));
                from = 1;
            } else {
                self.ahead.push_back((cr, cr + 1));
            }
        }
        // The LF of a CRLF, already counted with its CR.
        let mut skip = None;
        for at in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|i| i + from) {
            let offset = self.offset + at as u64;
            match bytes[at] {
                _ if skip == Some(at) => {}
                b'\n' => self.ahead.push_back((offset, offset + 1)),
                _ => match bytes.get(at + 1) {
                    Some(b'\n') => {
                        self.ahead.push_back((offset, offset + 2));
                        skip = Some(at + 1);
                    }
                    Some(_) => self.ahead.push_back((offset, offset + 1)),
                    None => self.carriage_return = Some(offset),
                },
            }
        }
        self.offset += read as u64;
        Ok(read)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The line and first field of every record of `text` after the header, as `Records` reads them.
    fn lines(text: &str) -> Vec<(u64, String)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        let mut records = Records::open(&path).unwrap();
        let mut record = Record::default();
        let mut found = Vec::new();
        while let Some(line) = records.next_row(&mut record).unwrap() {
            found.push((line, String::from_utf8_lossy(record.get(0).unwrap()).into_owned()));
        }
        found
    }

    #[test]
    fn records_are_on_the_line_they_start_on_whatever_the_line_ends() {
        let expected = vec![(2, "a".to_owned()), (3, "b".to_owned()), (6, "c".to_owned())];
        for end in ["\n", "\r\n", "\r"] {
            let text = ["id,x", "a,1", "b,\"two", "lines\"", "", "c,3", ""].join(end);
            assert_eq!(lines(&text), expected, "line end {end:?}");
        }
    }

    /// The parser no longer trims: the fields are trimmed as they are read, headers too.
    #[test]
    fn the_spaces_around_fields_are_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, " id ,\tx\n a ,\" b c\"\n , \t\n").unwrap();
        let mut records = Records::open(&path).unwrap();
        let header = records.header().unwrap();
        assert_eq!(header.iter().collect::<Vec<_>>(), [b"id".as_slice(), b"x"]);
        let mut record = Record::default();
        assert_eq!(records.next_row(&mut record).unwrap(), Some(2));
        assert_eq!(
            record.iter().collect::<Vec<_>>(),
            [b"a".as_slice(), b"b c"],
            "inside quotes too, as before"
        );
        assert_eq!(record.get(0), Some(b"a".as_slice()));
        assert_eq!(records.next_row(&mut record).unwrap(), None, "a row of spaces is empty");
    }

    #[test]
    fn blank_and_empty_rows_are_counted_but_not_returned() {
        assert_eq!(
            lines("id,x\n\n,\na,1\r\n\r\n\nb,2"),
            vec![(4, "a".to_owned()), (7, "b".to_owned())]
        );
    }

    /// The reading thread hands on every row, in order, across batches; an error of the
    /// consumer ends the reading (without waiting on the thread forever) and is returned.
    #[test]
    fn batches_hand_on_every_row_in_order_and_stop_at_an_error() {
        let rows = 2 * BATCH + 7;
        let mut text = String::from("id,x\n");
        for n in 0..rows {
            text.push_str(&format!("r{n},{n}\n"));
            if n % 100 == 0 {
                text.push('\n');
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, &text).unwrap();
        let mut batched = Vec::new();
        for_each_batch(&path, &mut |batch| {
            for (line, record) in batch {
                batched.push((*line, String::from_utf8_lossy(record.get(0).unwrap()).into_owned()));
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(batched.len(), rows);
        assert_eq!(batched, lines(&text));
        let mut seen = 0;
        let stopped = for_each_batch(&path, &mut |batch| {
            seen += batch.len();
            Err(Error::read(&path)(io::Error::other("stop")))
        });
        assert!(stopped.is_err());
        assert_eq!(seen, BATCH, "no batch after the error");
    }

    #[test]
    fn a_crlf_split_between_two_reads_is_one_line_end() {
        let mut breaks = LineBreaks::new(io::Cursor::new(b"a\r\nb\rc".to_vec()));
        let mut byte = [0];
        while breaks.read(&mut byte).unwrap() == 1 {}
        assert_eq!(breaks.line_from(3), 2); // b
        assert_eq!(breaks.line_from(5), 3); // c
    }
}
