//! Progress of long work (a build, a load, an export, a publish) on a terminal: the phase and
//! its counter (rows read, triples written, bytes of a file loaded) on standard error, drawn by
//! `indicatif`.
//!
//! A [`Progress`] is made by the command and handed to the work, which only counts; nothing is
//! drawn unless standard error is a terminal and `--quiet` is not given, and nothing before
//! [`DELAY`], so quick runs (the bundled data) show nothing at all. Dropping it clears the line,
//! so the command's own output (or its errors) never meets a half-drawn bar.

use std::borrow::Cow;
use std::io::{IsTerminal, Read};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::load::Site;
use crate::rdf::Row;

/// How long work runs before its progress appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// How often the line is redrawn while nothing is counted (a sort, a hash, a request).
const TICK: Duration = Duration::from_millis(100);

/// Rows counted between two updates of the bar, so that counting costs nothing per row.
const ROWS_PER_UPDATE: u64 = 1024;

/// The progress line of one command; hidden (and free) off a terminal or under `--quiet`.
pub struct Progress {
    shown: Option<Shown>,
}

/// The bar, and the thread that reveals it after [`DELAY`].
struct Shown {
    bar: ProgressBar,
    /// The channel to the revealing thread (dropped to tell it the work is over), and the thread.
    reveal: Mutex<Option<(mpsc::Sender<()>, JoinHandle<()>)>>,
}

impl Progress {
    /// No progress at all, for work whose command offers none.
    pub fn hidden() -> Progress {
        Progress { shown: None }
    }

    /// Progress on standard error when it is a terminal and not `quiet`.
    pub fn new(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let (stop, stopped) = mpsc::channel::<()>();
        let revealed = bar.clone();
        let reveal = std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(DELAY) {
                revealed.set_draw_target(ProgressDrawTarget::stderr());
                revealed.enable_steady_tick(TICK);
            }
        });
        Progress {
            shown: Some(Shown {
                bar,
                reveal: Mutex::new(Some((stop, reveal))),
            }),
        }
    }

    /// Starts a phase: `message` names it and what its counter counts ("writing: triples").
    pub fn phase(&self, message: impl Into<Cow<'static, str>>) {
        self.start(message, "{spinner} {elapsed:>4} {msg} {human_pos}");
    }

    /// Starts a phase that counts nothing (a sort, a request): its name and the time it has run.
    pub fn step(&self, message: impl Into<Cow<'static, str>>) {
        self.start(message, "{spinner} {elapsed:>4} {msg}");
    }

    /// Starts a phase that reads `total` bytes through [`Progress::reader`] ("loading kzlg.nq").
    pub fn bytes(&self, message: impl Into<Cow<'static, str>>, total: u64) {
        self.start(message, "{spinner} {elapsed:>4} {msg}: {bytes} of {total_bytes}");
        if let Some(shown) = &self.shown {
            shown.bar.set_length(total);
        }
    }

    /// `read`, counting the bytes read on the phase's counter.
    pub fn reader<R: Read>(&self, read: R) -> Counted<'_, R> {
        Counted { read, progress: self }
    }

    fn start(&self, message: impl Into<Cow<'static, str>>, template: &str) {
        if let Some(shown) = &self.shown {
            let style = ProgressStyle::with_template(template).expect("a valid progress template");
            shown.bar.set_position(0);
            shown.bar.set_style(style);
            shown.bar.set_message(message);
        }
    }

    /// Adds `n` to the phase's counter.
    pub fn add(&self, n: u64) {
        if let Some(shown) = &self.shown {
            shown.bar.inc(n);
        }
    }

    /// Runs `work` (printing the command's output) with the line cleared meanwhile.
    pub fn suspend<R>(&self, work: impl FnOnce() -> R) -> R {
        match &self.shown {
            Some(shown) => shown.bar.suspend(work),
            None => work(),
        }
    }

    /// An observer for the loader ([`crate::load::load_as_of`]) that counts the checked rows of
    /// each table as its phase, calling `then` with every row.
    pub fn rows<'a>(&'a self, mut then: impl FnMut(&Row<'_>, &Site<'_>) + 'a) -> impl FnMut(&Row<'_>, &Site<'_>) + 'a {
        let mut table = "";
        let mut rows = 0u64;
        move |row, site| {
            if row.table.name != table {
                table = row.table.name;
                rows = 0;
                self.phase(format!("reading {}: rows", row.table.file_name()));
            }
            rows += 1;
            if rows % ROWS_PER_UPDATE == 0 {
                self.add(ROWS_PER_UPDATE);
            }
            then(row, site);
        }
    }

    /// Ends the progress: the line is cleared and never shown again, so that the command's
    /// output follows on a clean terminal. Dropping does the same.
    pub fn finish(&self) {
        if let Some(shown) = &self.shown {
            let reveal = shown.reveal.lock().map(|mut r| r.take()).unwrap_or_default();
            if let Some((stop, thread)) = reveal {
                drop(stop);
                let _ = thread.join();
            }
            shown.bar.finish_and_clear();
            shown.bar.set_draw_target(ProgressDrawTarget::hidden());
        }
    }
}

/// A reader whose bytes are counted on a [`Progress`].
pub struct Counted<'a, R> {
    read: R,
    progress: &'a Progress,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.read.read(buf)?;
        self.progress.add(n as u64);
        Ok(n)
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
