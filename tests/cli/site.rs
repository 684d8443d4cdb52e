//! `kzlg site`: every entity of the graph has its page, Turtle and JSON-LD; every link between
//! pages resolves; the prebuilt search index finds names in Cyrillic and Latin (run in Node, the
//! script the search page runs); the same tables give the same bytes; a failed run leaves the
//! previous site whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Workspace, assert_exit, copy_dir, stdout};

fn repo(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

/// Every entity IRI of the graph the tables give, as SPARQL sees it (statement nodes aside).
fn entity_iris(ws: &Workspace, tables: &str) -> Vec<String> {
    let query = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://w3id.org/kzlg/id/') && !STRSTARTS(STR(?s), 'https://w3id.org/kzlg/id/stmt/')) } ORDER BY ?s";
    let output = ws.kzlg(&["--tables", tables, "query", "-e", query, "-f", "csv"]);
    assert_exit(&output, 0);
    stdout(&output).lines().skip(1).map(str::to_owned).collect()
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(
                    path.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    found
}

/// The relative links (`href`, `src`) of every HTML page that point to no file of the site.
fn broken_links(site: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, bytes) in files(site) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let link = &piece[..piece.find('"').unwrap()];
                if link.starts_with("http") || link.starts_with('?') || link.starts_with('#') {
                    continue;
                }
                checked += 1;
                let target = site.join(path.parent().unwrap()).join(link.replace("&amp;", "&"));
                if !target.exists() {
                    broken.push(format!("{} → {link}", path.display()));
                }
            }
        }
    }
    assert!(checked > 0, "no links were checked");
    broken
}

fn site(ws: &Workspace, tables: &str, out: &str) {
    assert_exit(&ws.kzlg(&["--tables", tables, "site", "--out", out, "-q"]), 0);
}

/// The ids the search page's script finds for `query` in the site's index, best first.
fn node_search(site: &Path, query: &str) -> Vec<String> {
    let script = format!(
        "const s = require({:?}); const index = require({:?}); console.log(JSON.stringify(s.search(index, {query:?}).slice(0, 5).map(r => r.entity.id)));",
        repo("src/page/assets/search.js"),
        site.join("search-index.json").display().to_string(),
    );
    let output = Command::new("node").args(["-e", &script]).output().expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("a JSON list")
}

#[test]
fn the_bundled_site_has_every_entity_and_no_broken_link_and_finds_cyrillic_names() {
    let ws = Workspace::new();
    let tables = repo("extracted");
    site(&ws, &tables, "site");
    let root = ws.path("site");
    let iris = entity_iris(&ws, &tables);
    assert!(iris.len() > 500, "{}", iris.len());
    for iri in &iris {
        let path = iri.strip_prefix("https://w3id.org/kzlg/id/").unwrap();
        for ext in ["html", "ttl", "jsonld"] {
            assert!(root.join(format!("id/{path}.{ext}")).is_file(), "no {path}.{ext}");
        }
    }
    for file in [
        "index.html",
        "ontology.html",
        "ontology.ttl",
        "ontology/appointedBy.html",
        "search.html",
        "search-index.json",
        "void.ttl",
        "assets/search.js",
        "assets/style.css",
    ] {
        assert!(root.join(file).is_file(), "no {file}");
    }
    assert_eq!(broken_links(&root), Vec::<String>::new());
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("search-index.json")).unwrap()).unwrap();
    assert_eq!(index["entities"].as_array().unwrap().len(), iris.len());
    // units.csv names Zhezkazgan in Kazakh; people.csv names Mustafin in Latin only.
    assert_eq!(node_search(&root, "Жезқазған")[0], "unit:zhezkazgan");
    assert_eq!(node_search(&root, "Jezkazgan")[0], "unit:zhezkazgan");
    assert_eq!(node_search(&root, "Мустафин")[0], "person:askarbek-mustafin");
    assert_eq!(
        node_search(&root, "zhambyl district akim")[0],
        "post:akim-zhambyl-district-nko"
    );
    // The post's page says who held it and where that is written.
    let page = std::fs::read_to_string(root.join("id/post/akim-zhambyl-district-nko.html")).unwrap();
    assert!(
        page.contains("<a href=\"../../id/person/askarbek-mustafin.html\">Askarbek Mustafin</a>"),
        "{page}"
    );
    assert!(
        page.contains("Askarbek Mustafin Rayon Akim, Zhambylsky</blockquote>"),
        "{page}"
    );
}

#[test]
fn the_same_tables_give_the_same_bytes_and_a_failed_run_keeps_the_old_site() {
    let ws = Workspace::new();
    let tables = repo("tests/fixtures/time");
    site(&ws, &tables, "a");
    site(&ws, &tables, "b");
    let (a, b) = (files(&ws.path("a")), files(&ws.path("b")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs", path.display());
    }
    for iri in entity_iris(&ws, &tables) {
        let path = iri.strip_prefix("https://w3id.org/kzlg/id/").unwrap();
        assert!(a.contains_key(Path::new(&format!("id/{path}.html"))), "{path}");
    }
    assert_eq!(broken_links(&ws.path("a")), Vec::<String>::new());
    // A stale file of an earlier site is gone: the folder is replaced whole.
    ws.write("a/stale.html", "old");
    site(&ws, &tables, "a");
    assert!(!ws.path("a/stale.html").exists());
    // Broken tables: exit 2, the old site untouched, no temporary folder left.
    copy_dir(Path::new(&tables), &ws.path("broken"));
    ws.write("broken/units.csv", "id,type,name_en\nnot an id!,Country,X\n");
    let output = ws.kzlg(&["--tables", "broken", "site", "--out", "a"]);
    assert_exit(&output, 2);
    assert_eq!(files(&ws.path("a")), a);
    let leftovers: Vec<_> = std::fs::read_dir(ws.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
