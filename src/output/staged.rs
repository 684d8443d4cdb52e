//! Output files written under temporary names in their folder and renamed into place only when
//! whole, so a failed or interrupted writer leaves the previous outputs as they were. `build`,
//! `export --out` and `link suggest --accept` write through it.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::direct::DirectFile;
use crate::error::{Error, Result};

/// Output files written under temporary names in the output folder, renamed into place together.
/// Dropped without [`Staged::commit`], it removes what it wrote.
///
/// A process killed while writing cannot remove its files: the next `Staged` to write the same
/// output removes those whose process is gone.
pub struct Staged {
    dir: PathBuf,
    names: RefCell<Vec<String>>,
}

impl Staged {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            names: Default::default(),
        }
    }

    /// The temporary path for the output `name`, after removing stale ones.
    pub fn temp(&self, name: &str) -> PathBuf {
        self.remove_stale(&[name]);
        self.names.borrow_mut().push(name.to_owned());
        temp_path(&self.dir, name, std::process::id())
    }

    /// Removes the temporary files of the outputs `names` that a process now gone left behind.
    pub fn remove_stale(&self, names: &[&str]) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else { continue };
            let pid = names.iter().find_map(|name| {
                let rest = file_name.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?;
                rest.strip_suffix(".tmp")?.parse::<u32>().ok()
            });
            if pid.is_some_and(|pid| pid != std::process::id() && !is_running(pid)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Renames every temporary file to its final name, in the order they were asked for, and
    /// makes the renames durable.
    ///
    /// Each rename is atomic; the set is not: a process killed between two renames leaves the
    /// first outputs new and the rest old, each of them complete.
    pub fn commit(self) -> Result<()> {
        for name in self.names.borrow().iter() {
            let target = self.dir.join(name);
            std::fs::rename(temp_path(&self.dir, name, std::process::id()), &target).map_err(Error::write(&target))?;
        }
        self.names.borrow_mut().clear();
        sync_dir(&self.dir);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for name in self.names.borrow().iter() {
            let _ = std::fs::remove_file(temp_path(&self.dir, name, std::process::id()));
        }
    }
}

/// Creates `path` for writing through a large buffer, past the page cache where it can
/// ([`super::direct`]).
pub fn create(path: &Path) -> Result<DirectFile> {
    File::create(path).map(DirectFile::new).map_err(Error::write(path))
}

/// Writes the rest of what was written to `path` and syncs it to disk.
pub fn finish(writer: DirectFile, path: &Path) -> Result<()> {
    writer.finish().map_err(Error::write(path))
}

/// Writes one file completely through `body`, flushing and syncing it.
pub fn write_file(path: &Path, body: impl FnOnce(&mut DirectFile) -> io::Result<()>) -> Result<()> {
    let mut writer = create(path)?;
    body(&mut writer).map_err(Error::write(path))?;
    finish(writer, path)
}

/// Writes `file` (given with `option`) under a temporary name in its folder, then renames it into place.
pub fn write_atomically(
    option: &str,
    file: &Path,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{option} {} names no file", file.display())))?;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staged = Staged::new(dir);
    write_file(&staged.temp(name), |w| body(w))?;
    staged.commit()
}

/// `.kzlg.nq.<pid>.tmp`: hidden, and named after the process writing it.
fn temp_path(dir: &Path, name: &str, pid: u32) -> PathBuf {
    dir.join(format!(".{name}.{pid}.tmp"))
}

/// Whether the process `pid` runs. Where that cannot be told (no `/proc`), it is taken to run,
/// so that no file another build is writing is ever removed.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Flushes the folder's entries (the renames) to disk, where the system allows it: the outputs
/// are complete either way, and this only makes them survive a power cut.
fn sync_dir(dir: &Path) {
    if cfg!(unix) {
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")] // elsewhere, without /proc, no process is known to be gone
    fn stale_temporary_files_of_gone_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let running = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let files = [
            temp_path(dir.path(), "kzlg.nq", gone),
            temp_path(dir.path(), "kzlg.ttl", gone),
            temp_path(dir.path(), "kzlg.nq", running.id()),
            dir.path().join(format!(".notes.{gone}.tmp")),
        ];
        for file in &files {
            std::fs::write(file, "partial").unwrap();
        }
        let staged = Staged::new(dir.path());
        let ours = staged.temp("kzlg.nq");
        std::fs::write(&ours, "complete").unwrap();
        let exists: Vec<bool> = files.iter().map(|f| f.exists()).collect();
        assert_eq!(
            exists,
            [false, true, true, true],
            "only the gone process's kzlg.nq goes"
        );
        staged.remove_stale(&["kzlg.ttl"]);
        assert!(!files[1].exists());
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("kzlg.nq")).unwrap(), "complete");
        assert!(files[2].exists(), "a running process's file stays");
        let mut running = running;
        running.kill().unwrap();
        running.wait().unwrap();
    }

    #[test]
    fn a_staged_file_dropped_before_commit_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("out.txt"), "old").unwrap();
        let staged = Staged::new(dir.path());
        let temp = staged.temp("out.txt");
        write_file(&temp, |w| w.write_all(b"new")).unwrap();
        drop(staged);
        assert!(!temp.exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("out.txt")).unwrap(), "old");
    }
}
