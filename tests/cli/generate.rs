//! `kzlg generate` (what `make install` installs): a man page per subcommand and bash, zsh and
//! fish completions, each covering every subcommand that `--help` lists, and not itself.

use crate::support::{Workspace, assert_exit, stdout};

/// The subcommands `kzlg PATH --help` lists, `help` aside, each as its full path.
fn subcommands(ws: &Workspace, path: &[&str]) -> Vec<Vec<String>> {
    let output = ws.kzlg(&[path, &["--help"]].concat());
    assert_exit(&output, 0);
    let help = stdout(&output);
    let Some((_, listed)) = help.split_once("Commands:\n") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let entries = listed.lines().take_while(|l| !l.trim().is_empty());
    // A name opens its entry two spaces in; deeper lines continue a wrapped description.
    for line in entries.filter(|l| !l.starts_with("   ")) {
        let name = line.split_whitespace().next().unwrap();
        if name != "help" {
            let mut full: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
            full.push(name.to_owned());
            let names: Vec<&str> = full.iter().map(String::as_str).collect();
            found.extend(subcommands(ws, &names));
            found.push(full);
        }
    }
    found
}

#[test]
fn man_pages_and_completions_cover_every_subcommand() {
    let ws = Workspace::new();
    assert_exit(&ws.kzlg(&["generate", "--out", "generated"]), 0);
    let read = |name: &str| {
        std::fs::read_to_string(ws.path(&format!("generated/{name}"))).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let (man, bash, zsh, fish) = (read("kzlg.1"), read("kzlg.bash"), read("_kzlg"), read("kzlg.fish"));
    let all = subcommands(&ws, &[]);
    assert!(all.len() >= 13, "{all:?}");
    for path in &all {
        let (name, page) = (path.last().unwrap(), format!("kzlg-{}", path.join("-")));
        let page_text = read(&format!("{page}.1"));
        assert!(page_text.contains(&format!(".TH {page} 1")), "{page}.1:\n{page_text}");
        let parent = match path.len() {
            1 => man.clone(),
            _ => read(&format!("kzlg-{}.1", path[..path.len() - 1].join("-"))),
        };
        assert!(
            parent.contains(&format!("{}(1)", page.replace('-', "\\-"))),
            "{page} not listed"
        );
        assert!(bash.contains(&format!(" {name} ")), "bash lacks {name}");
        assert!(zsh.contains(&format!("'{name}:")), "zsh lacks {name}");
        assert!(fish.contains(&format!("-a \"{name}\"")), "fish lacks {name}");
    }
    for script in [&man, &bash, &zsh, &fish] {
        assert!(!script.contains("generate"), "the hidden subcommand is offered");
    }
    let files = ws.files_in("generated");
    assert_eq!(files.len(), all.len() + 4, "{files:?}"); // kzlg.1, and the three scripts
}
