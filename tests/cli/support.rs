//! Running the binary in a temporary folder of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The folder of the good fixture tables.
pub fn good_tables() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

pub fn fixture_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources")
}

/// A temporary working folder holding a copy of the good tables in `tables/`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(&good_tables(), &dir.path().join("tables"));
        Self { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Replaces (or adds) a file under the workspace.
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// Runs `kzlg ARGS` in the workspace.
    pub fn kzlg(&self, args: &[&str]) -> Output {
        self.kzlg_with_stdin(args, None)
    }

    pub fn kzlg_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kzlg"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("kzlg runs");
        if let Some(text) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        child.wait_with_output().unwrap()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it differs.
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        stdout(output),
        stderr(output)
    );
}

/// How `kzlg_with_file_limit` stops a write that passes the limit.
#[cfg(unix)]
#[derive(Clone, Copy)]
pub enum OnLimit {
    /// The write fails (EFBIG) and kzlg handles the error.
    WriteFails,
    /// The system kills the process on the spot (SIGXFSZ): no destructor, no cleanup.
    Killed,
}

#[cfg(unix)]
impl Workspace {
    /// Runs `kzlg ARGS` allowed to write files of at most `blocks` blocks (`ulimit -f`: 512
    /// or 1024 bytes each, by shell), so that writing a bigger output fails midway.
    pub fn kzlg_with_file_limit(&self, blocks: u32, on_limit: OnLimit, args: &[&str]) -> Output {
        let trap = match on_limit {
            OnLimit::WriteFails => "trap '' XFSZ; ",
            OnLimit::Killed => "",
        };
        Command::new("sh")
            .arg("-c")
            .arg(format!("{trap}ulimit -f {blocks} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_kzlg"))
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .expect("sh runs kzlg")
    }

    /// The names of the files in the folder `relative`, sorted.
    pub fn files_in(&self, relative: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(relative))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The Python that runs the test helpers: `make test` points `KZLG_TEST_PYTHON` at its virtual
/// environment, which holds their packages; `python3` otherwise.
pub fn python() -> std::process::Command {
    std::process::Command::new(std::env::var_os("KZLG_TEST_PYTHON").unwrap_or_else(|| "python3".into()))
}
