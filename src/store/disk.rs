//! The graph on disk, for graphs too large to load for every query: `kzlg load --store DIR`
//! writes it once into an oxigraph RocksDB store, and `kzlg query` or `kzlg serve --store DIR`
//! open it in a moment instead of reloading.
//!
//! `DIR` is kzlg's: RocksDB's files are in `DIR/oxigraph`, and `DIR/kzlg-store.json` says what
//! was loaded (its layout, the triples, the command that made it). A load first writes
//! `DIR/LOADING` (holding the command that rebuilds the store) and removes it only after the
//! last write is flushed and the description is in place, so a killed load leaves a store that
//! says it is incomplete. The store needs the cargo feature `rocksdb`; without it every use of
//! `--store` is an error that says how to install a kzlg that has it.

#![cfg_attr(not(feature = "rocksdb"), allow(dead_code))] // without the store, only its errors are used

use std::path::{Path, PathBuf};

use oxigraph::store::Store;

use crate::date::Date;
use crate::error::Result;
use crate::progress::Progress;

/// The layout of `DIR` this kzlg writes and reads; a store of another layout is rebuilt.
pub const LAYOUT: u64 = 1;
/// The marker of a load under way (or killed).
const LOADING: &str = "LOADING";
/// What the store holds, written last.
const DESCRIPTION: &str = "kzlg-store.json";
/// RocksDB's own folder inside `DIR`.
const DATABASE: &str = "oxigraph";
/// The one command that installs a kzlg with the on-disk store.
pub const INSTALL: &str = "cargo install --path . --features rocksdb (it compiles RocksDB: a C++ compiler and libclang-dev, half an hour on 2 cores)";

/// Why a store cannot be made or opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "this kzlg was built without the on-disk store (--store needs the cargo feature `rocksdb`)\n  hint: install a kzlg that has it, in the kzlg repository: {INSTALL}"
    )]
    NotCompiled,
    #[error("there is no store in {}\n  hint: load one: kzlg load --store {}", .0.display(), .0.display())]
    Missing(PathBuf),
    #[error(
        "the store in {} is incomplete (a load was interrupted)\n  hint: rebuild it: {rebuild}",
        dir.display()
    )]
    Incomplete { dir: PathBuf, rebuild: String },
    #[error(
        "{} is not a kzlg store (it has no {DESCRIPTION})\n  hint: {}",
        dir.display(),
        if *.empty { format!("load one: kzlg load --store {}", dir.display()) } else { "give `kzlg load --store` a new or empty folder, or one it made before".to_owned() }
    )]
    NotAStore { dir: PathBuf, empty: bool },
    #[error(
        "the store in {} has layout {found}, and this kzlg reads layout {LAYOUT}\n  hint: rebuild it: {rebuild}",
        dir.display()
    )]
    Layout {
        dir: PathBuf,
        found: String,
        rebuild: String,
    },
    #[error("the store in {}: {message}", dir.display())]
    Database { dir: PathBuf, message: String },
}

/// Where `kzlg load` reads the graph from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// The tables, checked and turned into triples as `kzlg build` does.
    Tables(&'a Path),
    /// A graph file `kzlg build` wrote (or any N-Quads, N-Triples, Turtle or JSON-LD file).
    File(&'a Path),
}

impl Source<'_> {
    /// The command that loads this source into `dir` again.
    pub fn command(&self, dir: &Path) -> String {
        match self {
            Source::Tables(tables) => format!("kzlg --tables {} load --store {}", quoted(tables), quoted(dir)),
            Source::File(file) => format!("kzlg load --store {} --data {}", quoted(dir), quoted(file)),
        }
    }
}

fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    match text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@".contains(c))
    {
        true => text,
        false => format!("'{}'", text.replace('\'', r"'\''")),
    }
}

/// What a finished load wrote.
#[derive(Debug, Clone, Copy)]
pub struct Loaded {
    /// Quads in the store: the graph's triples and the ontology's.
    pub quads: u64,
}

/// A store opened for querying (on disk or in memory); with `--as-of`, a private view of the
/// store on disk (removed when dropped).
pub struct Opened {
    /// Declared first, so that it is closed before its view's folder is removed.
    pub store: Store,
    _view: Option<View>,
}

/// A store in memory, for the commands that take either.
impl From<Store> for Opened {
    fn from(store: Store) -> Opened {
        Opened { store, _view: None }
    }
}

impl std::ops::Deref for Opened {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

/// The folder of a view at another date, removed when the query or the server is done.
struct View(PathBuf);

impl Drop for View {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Loads `source` into a store in `dir`, replacing the store there (or making the folder).
pub fn load(dir: &Path, source: Source<'_>, progress: &Progress) -> Result<Loaded> {
    imp::load(dir, source, progress)
}

/// Opens the complete store in `dir` read-only; with `as_of`, a view of it at that date.
pub fn open(dir: &Path, as_of: Option<Date>) -> Result<Opened> {
    imp::open(dir, as_of)
}

/// Whether `dir` holds a complete store of this layout: the reason it cannot be used if not.
fn check(dir: &Path) -> Result<(), StoreError> {
    if !dir.is_dir() {
        return Err(StoreError::Missing(dir.to_owned()));
    }
    if let Ok(rebuild) = std::fs::read_to_string(dir.join(LOADING)) {
        return Err(StoreError::Incomplete {
            dir: dir.to_owned(),
            rebuild: rebuild.trim().to_owned(),
        });
    }
    let Ok(text) = std::fs::read_to_string(dir.join(DESCRIPTION)) else {
        let empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
        return Err(StoreError::NotAStore {
            dir: dir.to_owned(),
            empty,
        });
    };
    let description: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let rebuild = description["rebuild"]
        .as_str()
        .unwrap_or("kzlg load --store DIR")
        .to_owned();
    match description["layout"].as_u64() {
        Some(LAYOUT) => Ok(()),
        found => Err(StoreError::Layout {
            dir: dir.to_owned(),
            found: found.map_or_else(|| "unknown".to_owned(), |n| n.to_string()),
            rebuild,
        }),
    }
}

#[cfg(feature = "rocksdb")]
mod imp {
    use std::fs;
    use std::path::Path;

    use oxigraph::store::Store;

    use super::{DATABASE, DESCRIPTION, LAYOUT, LOADING, Loaded, Opened, Source, StoreError, View};
    use crate::date::Date;
    use crate::error::{Error, Result};
    use crate::progress::Progress;

    pub fn load(dir: &Path, source: Source<'_>, progress: &Progress) -> Result<Loaded> {
        let rebuild = source.command(dir);
        let write = |path: &Path| Error::write(path.to_owned());
        match super::check(dir) {
            Ok(()) | Err(StoreError::Missing(_) | StoreError::Incomplete { .. } | StoreError::Layout { .. }) => {}
            Err(StoreError::NotAStore { empty: true, .. }) => {}
            Err(other) => return Err(other.into()),
        }
        fs::create_dir_all(dir).map_err(write(dir))?;
        let marker = dir.join(LOADING);
        fs::write(&marker, format!("{rebuild}\n")).map_err(write(&marker))?;
        let description = dir.join(DESCRIPTION);
        if description.exists() {
            fs::remove_file(&description).map_err(write(&description))?;
        }
        let database = dir.join(DATABASE);
        if database.exists() {
            fs::remove_dir_all(&database).map_err(write(&database))?;
        }
        remove_stale_views(dir);
        let store = Store::open(&database).map_err(failed(dir))?;
        match source {
            Source::Tables(tables) => {
                crate::store::load_tables(&store, tables, None, &mut progress.rows(|_, _| {}))?;
            }
            Source::File(file) => crate::store::load_file(&store, file, progress)?,
        }
        crate::store::add_ontology(&store)?;
        // The bulk loader leaves many overlapping table files; a lookup seeks in each of them.
        // Compacting them once here makes each lookup of a selective query several times faster.
        progress.step("compacting the store");
        store.optimize().map_err(failed(dir))?;
        progress.step("flushing the store");
        store.flush().map_err(failed(dir))?;
        let quads = store.len().map_err(failed(dir))? as u64;
        drop(store);
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "layout": LAYOUT,
            "kzlg": env!("CARGO_PKG_VERSION"),
            "quads": quads,
            "rebuild": rebuild,
        }))
        .map_err(|e| Error::Internal(e.to_string()))?;
        let staged = dir.join(format!("{DESCRIPTION}.tmp"));
        write_synced(&staged, &text).map_err(write(&staged))?;
        fs::rename(&staged, &description).map_err(write(&description))?;
        fs::remove_file(&marker).map_err(write(&marker))?;
        Ok(Loaded { quads })
    }

    fn write_synced(path: &Path, text: &str) -> std::io::Result<()> {
        use std::io::Write;
        let mut file = fs::File::create(path)?;
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()
    }

    pub fn open(dir: &Path, as_of: Option<Date>) -> Result<Opened> {
        super::check(dir)?;
        let database = dir.join(DATABASE);
        let Some(date) = as_of else {
            let store = Store::open_read_only(&database).map_err(failed(dir))?;
            return Ok(Opened { store, _view: None });
        };
        // The view at a date rewrites direct triples, which the store must not see: they are
        // written into a copy whose immutable table files are hard links to the store's.
        remove_stale_views(dir);
        let view = View(dir.join(format!("view-{}", std::process::id())));
        copy_linked(&database, &view.0).map_err(|e| StoreError::Database {
            dir: dir.to_owned(),
            message: format!("cannot make the view at {date} in {}: {e}", view.0.display()),
        })?;
        let store = Store::open(&view.0).map_err(failed(dir))?;
        crate::time::store::restate(&store, date)?;
        Ok(Opened {
            store,
            _view: Some(view),
        })
    }

    /// Removes the views of processes that are gone (a server stopped by a signal, a killed
    /// query), where `/proc` tells.
    fn remove_stale_views(dir: &Path) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("view-")) else {
                continue;
            };
            let gone = Path::new("/proc/self").exists() && !Path::new("/proc").join(pid).exists();
            if gone {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Copies RocksDB's folder `from` to `to`, hard-linking its table files (never changed once
    /// written) and copying the rest (the manifest and logs, which a writer appends to).
    fn copy_linked(from: &Path, to: &Path) -> std::io::Result<()> {
        fs::create_dir(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            let (source, target) = (entry.path(), to.join(entry.file_name()));
            let is_table = source.extension().is_some_and(|e| e == "sst");
            if !(is_table && fs::hard_link(&source, &target).is_ok()) {
                fs::copy(&source, &target)?;
            }
        }
        Ok(())
    }

    fn failed(dir: &Path) -> impl Fn(oxigraph::store::StorageError) -> Error + '_ {
        move |e| {
            StoreError::Database {
                dir: dir.to_owned(),
                message: e.to_string(),
            }
            .into()
        }
    }
}

#[cfg(not(feature = "rocksdb"))]
mod imp {
    use std::path::Path;

    use super::{Loaded, Opened, Source, StoreError};
    use crate::date::Date;
    use crate::error::Result;
    use crate::progress::Progress;

    pub fn load(_: &Path, _: Source<'_>, _: &Progress) -> Result<Loaded> {
        Err(StoreError::NotCompiled.into())
    }

    pub fn open(_: &Path, _: Option<Date>) -> Result<Opened> {
        Err(StoreError::NotCompiled.into())
    }
}
