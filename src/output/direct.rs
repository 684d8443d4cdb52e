//! A file written through one large buffer and, on Linux, past the page cache (`O_DIRECT`).
//!
//! A build writes gigabytes it will not read again. Through the page cache every byte is copied
//! into pages the kernel first has to find, and on a virtual machine whose free memory the host
//! has reclaimed that copy is most of the build: 2.4 GB took 5.7 s buffered and 1.0–1.4 s direct
//! on the 2-core machine of `performance.md` (and the buffered one then needs 1 s more to sync).
//! So whole blocks go straight to the disk from a buffer aligned as `O_DIRECT` asks, and only
//! the tail, shorter than a block, goes through the cache. A file system that refuses `O_DIRECT`
//! (or a write it refuses) makes the file fall back to ordinary writes, with the same bytes.

use std::fs::File;
use std::io::{self, Write};

/// Bytes per write: large enough that the disk, not the calls, sets the pace.
const BLOCK: usize = 8 << 20;

/// The alignment `O_DIRECT` asks of the buffer's address, the lengths and the file offsets: the
/// logical block size of any disk in use today divides it.
const ALIGN: usize = 4096;

/// A file being written; [`DirectFile::finish`] writes the rest and syncs it to disk.
pub struct DirectFile {
    file: File,
    /// `BLOCK + ALIGN` bytes, of which `[start, start + BLOCK)` is aligned to `ALIGN`.
    buffer: Vec<u8>,
    start: usize,
    filled: usize,
    /// Whether the file has `O_DIRECT`: set when created where the system allows it, cleared
    /// for good by the first refusal or unaligned write.
    direct: bool,
}

impl DirectFile {
    pub fn new(file: File) -> Self {
        let buffer = vec![0; BLOCK + ALIGN];
        let start = buffer.as_ptr().align_offset(ALIGN);
        let direct = set_direct(&file, true);
        Self {
            file,
            buffer,
            start,
            filled: 0,
            direct,
        }
    }

    /// Writes what is buffered, then syncs the file's data and size to disk.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_buffered()?;
        self.file.sync_all()
    }

    /// Writes the full buffer, past the cache if the system takes it.
    fn write_block(&mut self) -> io::Result<()> {
        let mut written = 0;
        while written < self.filled {
            let range = self.start + written..self.start + self.filled;
            match self.file.write(&self.buffer[range]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                // A part of a block would leave the next offset unaligned.
                Ok(n) => {
                    written += n;
                    if n % ALIGN != 0 {
                        self.stop_direct();
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if self.direct && refused(&e) => self.stop_direct(),
                Err(e) => return Err(e),
            }
        }
        self.filled = 0;
        Ok(())
    }

    /// Writes what is buffered through the cache: a tail of any length leaves the file's end
    /// unaligned, so later blocks go through it too.
    fn write_buffered(&mut self) -> io::Result<()> {
        if self.filled == 0 {
            return Ok(());
        }
        if self.filled % ALIGN != 0 {
            self.stop_direct();
        }
        self.write_block()
    }

    /// Copies `bytes`, which fit what is left of the block, into the buffer.
    #[inline]
    fn append(&mut self, bytes: &[u8]) {
        let at = self.start + self.filled;
        self.buffer[at..at + bytes.len()].copy_from_slice(bytes);
        self.filled += bytes.len();
    }

    /// The rare piece that does not fit what is left of the block.
    #[cold]
    #[inline(never)]
    fn write_all_across_blocks(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            let n = self.write(bytes)?;
            bytes = &bytes[n..];
        }
        Ok(())
    }

    fn stop_direct(&mut self) {
        if self.direct {
            set_direct(&self.file, false);
            self.direct = false;
        }
    }

    #[cfg(test)]
    fn is_direct(&self) -> bool {
        self.direct
    }
}

/// Turns `O_DIRECT` on or off; whether the file now has it as asked.
#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> bool {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let Ok(flags) = fcntl_getfl(file) else { return false };
    if flags.contains(OFlags::DIRECT) == on {
        return true;
    }
    let flags = if on {
        flags | OFlags::DIRECT
    } else {
        flags - OFlags::DIRECT
    };
    fcntl_setfl(file, flags).is_ok()
}

/// Whether a write past the cache failed because the file system or the alignment refuses it.
#[cfg(target_os = "linux")]
fn refused(error: &io::Error) -> bool {
    rustix::io::Errno::from_io_error(error) == Some(rustix::io::Errno::INVAL)
}

#[cfg(not(target_os = "linux"))]
fn set_direct(_: &File, on: bool) -> bool {
    !on
}

#[cfg(not(target_os = "linux"))]
fn refused(_: &io::Error) -> bool {
    false
}

impl Write for DirectFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.filled == BLOCK {
            self.write_block()?;
        }
        let n = bytes.len().min(BLOCK - self.filled);
        self.append(&bytes[..n]);
        Ok(n)
    }

    /// The serializers write many short pieces (the exporters a `write!` per attribute): one that
    /// fits is one copy, inlined into the caller, with no loop and no call.
    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.len() > BLOCK - self.filled {
            return self.write_all_across_blocks(bytes);
        }
        self.append(bytes);
        Ok(())
    }

    /// Writes what is buffered: the bytes reach the file, and later ones go through the cache
    /// unless this left the file's end on a block boundary.
    fn flush(&mut self) -> io::Result<()> {
        self.write_buffered()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that show a misplaced or repeated piece: each position's own value.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8 ^ (i / 251 % 256) as u8).collect()
    }

    fn write_in_pieces(pieces: &[usize], flush_after: Option<usize>) -> (Vec<u8>, Vec<u8>, bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let expected = pattern(pieces.iter().sum());
        let mut file = DirectFile::new(File::create(&path).unwrap());
        let mut rest = &expected[..];
        for (i, &piece) in pieces.iter().enumerate() {
            let (now, later) = rest.split_at(piece);
            file.write_all(now).unwrap();
            rest = later;
            if flush_after == Some(i) {
                file.flush().unwrap();
            }
        }
        let direct = file.is_direct();
        file.finish().unwrap();
        (std::fs::read(&path).unwrap(), expected, direct)
    }

    #[test]
    fn the_file_holds_every_byte_in_order_whatever_the_pieces() {
        let cases: [&[usize]; 6] = [
            &[],
            &[1],
            &[ALIGN - 1, 2],
            &[BLOCK],
            &[BLOCK - 1, 1, 1, BLOCK + 7],
            &[3 * BLOCK + 17, 160, 5],
        ];
        for pieces in cases {
            let (written, expected, _) = write_in_pieces(pieces, None);
            assert!(written == expected, "pieces {pieces:?}: {} bytes", written.len());
        }
    }

    #[test]
    fn a_flush_mid_file_keeps_the_bytes_and_ends_writing_past_the_cache() {
        let (written, expected, direct) = write_in_pieces(&[BLOCK + 100, BLOCK, 3], Some(0));
        assert!(written == expected);
        assert!(!direct, "after an unaligned flush the end of the file is unaligned");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn whole_blocks_go_past_the_cache_where_the_file_system_allows() {
        let dir = tempfile::tempdir().unwrap();
        let file = File::create(dir.path().join("probe")).unwrap();
        if !set_direct(&file, true) {
            return; // a file system without O_DIRECT: the other tests cover the fallback
        }
        let (written, expected, direct) = write_in_pieces(&[2 * BLOCK, 10], None);
        assert!(written == expected);
        assert!(direct, "two whole blocks were written without falling back");
    }
}
