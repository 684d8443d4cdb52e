//! Finding the entity behind any spelling: English, Russian or Kazakh names, transliteration
//! variants, former names, OCR slips recorded as aliases.
//!
//! Every name is reduced to a key that forgets case, diacritics, script and the usual
//! transliteration choices (Костанай, Kostanay and Kostanai share `kostanai`; Қазақстан,
//! Казахстан and Kazakhstan share `kazakstan`). Equal keys are a match; otherwise the nearest
//! keys are suggested.

use std::collections::HashMap;
use std::path::Path;

use crate::entity::EntityView;
use crate::error::Result;
use crate::load::{self, Site};
use crate::rdf::{Row, Value};
use crate::schema::{Kind, Shape};

/// One spelling of one entity.
#[derive(Debug, Clone)]
pub struct Name {
    pub id: String,
    pub kind: Kind,
    /// The entity's class or type (`City`, `Akim`, `people`...).
    pub class: String,
    /// The spelling as written.
    pub spelling: String,
    /// Where the spelling comes from: `name_en`, `alias (former, en)`...
    pub origin: String,
}

/// Every name of every entity, by key.
#[derive(Debug, Default)]
pub struct Index {
    names: Vec<Name>,
    by_key: HashMap<String, Vec<usize>>,
    /// English label and class of each entity, for printing.
    labels: HashMap<String, (String, String)>,
}

/// What a name resolves to.
#[derive(Debug)]
pub struct Resolution<'a> {
    /// Names whose key equals the query's, one per entity.
    pub matches: Vec<&'a Name>,
    /// When nothing matches: the nearest names, best first, with their similarity (0 to 1).
    pub suggestions: Vec<(&'a Name, f64)>,
}

impl Index {
    /// Reads every name and alias of the tables in `dir`.
    pub fn build(dir: &Path) -> Result<Self> {
        let mut index = Index::default();
        load::observe(dir, &mut |row: &Row<'_>, _: &Site<'_>| index.add_row(row))?;
        Ok(index)
    }

    fn add_row(&mut self, row: &Row<'_>) {
        match row.table.shape {
            Shape::Entity => {
                let Some(view) = EntityView::of(row) else { return };
                let class = view.class.or(view.post_type).unwrap_or(row.table.name).to_owned();
                self.labels
                    .insert(view.id.to_owned(), (view.english().to_owned(), class.clone()));
                let spellings = view.labels.iter().map(|l| (l.text, l.column));
                for (spelling, origin) in spellings.chain([(view.id, "id")]) {
                    self.add(Name {
                        id: view.id.to_owned(),
                        kind: view.kind,
                        class: class.clone(),
                        spelling: spelling.to_owned(),
                        origin: origin.to_owned(),
                    });
                }
            }
            Shape::Alias => {
                if let Some(Value::Ref(id, kind)) = row.get("entity") {
                    let lang = row.text("lang");
                    let origin = if lang.is_empty() {
                        format!("alias ({})", row.text("kind"))
                    } else {
                        format!("alias ({}, {lang})", row.text("kind"))
                    };
                    self.add(Name {
                        id: (*id).to_owned(),
                        kind: *kind,
                        class: String::new(),
                        spelling: row.text("alias").to_owned(),
                        origin,
                    });
                }
            }
            _ => {}
        }
    }

    fn add(&mut self, name: Name) {
        let key = key(&name.spelling);
        if key.is_empty() {
            return;
        }
        self.by_key.entry(key).or_default().push(self.names.len());
        self.names.push(name);
    }

    /// The English label and class of the entity `id`.
    pub fn describe(&self, id: &str) -> Option<(&str, &str)> {
        self.labels
            .get(id)
            .map(|(label, class)| (label.as_str(), class.as_str()))
    }

    /// Resolves `query`: exact key matches, else up to `limit` suggestions.
    pub fn resolve(&self, query: &str, limit: usize) -> Resolution<'_> {
        let wanted = key(query);
        let mut matches: Vec<&Name> = Vec::new();
        for &i in self.by_key.get(&wanted).into_iter().flatten() {
            let name = &self.names[i];
            if !matches.iter().any(|m| m.id == name.id) {
                matches.push(name);
            }
        }
        let mut suggestions: Vec<(&Name, f64)> = Vec::new();
        if matches.is_empty() && !wanted.is_empty() {
            let mut scored: Vec<(f64, &str, usize)> = self
                .by_key
                .iter()
                .map(|(k, names)| (strsim::jaro_winkler(&wanted, k), k.as_str(), names[0]))
                .filter(|(score, ..)| *score >= 0.8)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            for (score, _, i) in scored {
                let name = &self.names[i];
                if suggestions.len() < limit && !suggestions.iter().any(|(s, _)| s.id == name.id) {
                    suggestions.push((name, score));
                }
            }
        }
        Resolution { matches, suggestions }
    }
}

/// The key a spelling is compared by: Latin letters and digits, lower case, with Kazakh letters,
/// Cyrillic and the common transliteration variants folded together.
pub fn key(text: &str) -> String {
    let kazakh: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ә' => 'a',
            'ғ' => 'g',
            'қ' => 'k',
            'ң' => 'n',
            'ө' => 'o',
            'ұ' | 'ү' => 'u',
            'һ' => 'h',
            'і' => 'i',
            other => other,
        })
        .collect();
    let ascii = deunicode::deunicode(&kazakh)
        .to_ascii_lowercase()
        .replace(['\'', '`'], "");
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(fold_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds one lower-case ASCII word: kh → k, zh/dzh → j, q → k, w → v, ph → f, y → i,
/// word-initial ye → e, and doubled letters to one.
fn fold_word(word: &str) -> String {
    let mut folded = word
        .replace("dzh", "j")
        .replace("zh", "j")
        .replace("kh", "k")
        .replace("ph", "f")
        .replace('q', "k")
        .replace('w', "v")
        .replace('y', "i");
    if let Some(rest) = folded.strip_prefix("ie") {
        folded = format!("e{rest}");
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_place_share_a_key() {
        let same = |a: &str, b: &str| assert_eq!(key(a), key(b), "{a} / {b}");
        same("Kostanai", "Kostanay");
        same("Костанай", "Kostanay");
        same("Қазақстан", "Kazakhstan");
        same("Казахстан", "Kazakstan");
        same("Petropavlovsk", "Петропавловск");
        same("Zhambylsky", "Zhambylskiy");
        same("Жамбылский", "Zhambylsky");
        same("Kolomiitsev", "Kolomiytsev");
        same("Yerkin", "Еркин");
        same("Ust-Kamenogorsk", "Усть-Каменогорск");
        same("Öskemen", "Өскемен");
        same("KZYL-ORDA", "Kzyl Orda");
    }

    #[test]
    fn different_places_keep_different_keys() {
        assert_ne!(key("Karaganda"), key("Kostanai"));
        assert_ne!(key("Aktau"), key("Aktobe"));
        assert_ne!(key("Almaty"), key("Astana"));
    }

    #[test]
    fn keys_are_plain_words() {
        assert_eq!(key("  Shal  Akyn  Rayon "), "shal akin raion");
        assert_eq!(key("Мәслихат"), "maslikat");
        assert_eq!(key("...").as_str(), "");
    }
}
