//! The static site's search index (`search-index.json`), read by `assets/search.js`.
//!
//! Each entity comes with the keys of its names as [`crate::resolve::key`] folds them (case,
//! diacritics, Cyrillic and Kazakh letters, kh/zh/dzh/q/w/y and doubled letters), and the index
//! carries the letter table the script folds a query with: for every letter the names or the
//! Cyrillic and Latin alphabets hold, what it becomes before the word rules apply. The script
//! applies the same word rules, so a query in either script meets the same keys as in
//! `kzlg resolve`. It matches query words to name words whole or by their beginning; it does not
//! stem (a query "Жамбылская" meets "Zhambyl" because one begins the other).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Page;
use crate::resolve::key;
use crate::search::Index;

/// The letters folded for the script besides those of the names: Latin-1 and Latin Extended-A,
/// Cyrillic with its supplement (Kazakh letters among them).
const ALPHABETS: [(u32, u32); 2] = [(0x00C0, 0x017F), (0x0400, 0x052F)];

/// What one letter becomes before the word rules: its ASCII transliteration, unless the key of
/// the letter alone says otherwise (`ң` is `n` in a key, not `ng`).
fn letter(c: char) -> Option<String> {
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    let alone = key(&c.to_string());
    let ascii: String = deunicode::deunicode_char(c)
        .unwrap_or_default()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    Some(match key(&ascii) == alone {
        true => ascii,
        false => alone.replace(' ', ""),
    })
}

/// The index of the pages: each entity's id, page, label, class, region and name keys.
pub fn build(pages: &[Page], index: Option<&Index>) -> Value {
    let mut letters = BTreeMap::new();
    let mut entities = Vec::with_capacity(pages.len());
    for page in pages {
        let mut names: Vec<&str> = page.node.labels.iter().map(|l| l.text.as_str()).collect();
        names.extend(page.alt_labels.iter().map(|l| l.text.as_str()));
        if names.is_empty() {
            names.push(&page.id);
        }
        for c in names.iter().flat_map(|n| n.chars()).flat_map(char::to_lowercase) {
            if let Some(folded) = letter(c) {
                letters.insert(c, folded);
            }
        }
        let mut keys: Vec<String> = names.iter().map(|n| key(n)).filter(|k| !k.is_empty()).collect();
        keys.sort();
        keys.dedup();
        let found = index.and_then(|i| i.entity(&page.id).map(|e| (i, e)));
        let class = match found {
            Some((_, entity)) => entity.class.clone(),
            None => page.types.last().map(|t| t.label.clone()).unwrap_or_default(),
        };
        let regions: Vec<&str> = match found {
            Some((i, entity)) => entity.regions.iter().map(|r| i.label(r)).collect(),
            None => Vec::new(),
        };
        let path = page.node.iri.strip_prefix(crate::vocab::KZID).unwrap_or(&page.node.iri);
        entities.push(json!({
            "id": page.kind.curie(&page.id),
            "href": format!("id/{path}.html"),
            "label": page.node.label,
            "class": class,
            "region": regions.join("; "),
            "keys": keys,
        }));
    }
    for (from, to) in ALPHABETS {
        for c in (from..=to).filter_map(char::from_u32).flat_map(char::to_lowercase) {
            if let Some(folded) = letter(c) {
                letters.insert(c, folded);
            }
        }
    }
    json!({
        "about": "kzlg search index: keys as kzlg resolve folds names; letters: what each letter becomes before the word rules",
        "letters": letters.into_iter().map(|(c, s)| (c.to_string(), Value::from(s))).collect::<serde_json::Map<_, _>>(),
        "entities": entities,
    })
}
