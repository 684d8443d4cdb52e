//! `kzlg generate --out DIR` (hidden): the man pages and the bash, zsh and fish completions,
//! rendered from the command line's own definition so they cannot drift from `--help`.
//! `make install` runs it; a build script could not, since the arguments use the library's
//! types, and this way an ordinary build does no extra work.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap_complete::{Generator, Shell};

use crate::error::Result;
use crate::output::staged::{Staged, write_file};

/// Write the man pages and the shell completions.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Folder for kzlg.1 and a page per subcommand (kzlg-build.1, ...), and the completions
    /// kzlg.bash, _kzlg (zsh) and kzlg.fish.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// The program's name, in completions and page names.
const NAME: &str = "kzlg";

/// The shells completions are written for.
const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// Writes the pages and completions of `command` (the whole command line) into `--out`.
pub fn run(args: GenerateArgs, command: clap::Command) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.out).map_err(crate::Error::write(&args.out))?;
    let staged = Staged::new(&args.out);
    // As clap_mangen does: `kzlg help` is no page of its own.
    let mut pages = command.clone().disable_help_subcommand(true);
    pages.build();
    write_pages(&staged, &pages)?;
    let mut completed = without_hidden_subcommands(&command);
    for shell in SHELLS {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut completed, NAME, &mut script);
        write_file(&staged.temp(&shell.file_name(NAME)), |w| w.write_all(&script))?;
    }
    staged.commit()?;
    Ok(ExitCode::SUCCESS)
}

/// One man page for `command` and one for each of its visible subcommands, recursively.
fn write_pages(staged: &Staged, command: &clap::Command) -> Result<()> {
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(staged, subcommand)?;
    }
    let page = clap_mangen::Man::new(command.clone());
    write_file(&staged.temp(&page.get_filename()), |w| page.render(w))
}

/// The command line as a user sees it: the completions would otherwise offer `generate`.
fn without_hidden_subcommands(command: &clap::Command) -> clap::Command {
    clap::Command::new(NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .args(command.get_arguments().cloned())
        .subcommands(command.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
}
