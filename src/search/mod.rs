//! Finding things in the tables: every entity a name can mean, and every row a text speaks of.
//!
//! An [`Index`] is built once from the checked rows ([`Builder::observe`] watches the rows of
//! [`crate::load::observe`]; [`Index::read`] does both) and answers two questions:
//! [`Index::find`], the entities a name can mean, ranked, each with why it matched (whole name,
//! surname, alias, prefix, near miss), its type and its region; and [`Index::search`], the rows
//! whose names, notes and quotes hold the words of a text, ranked by BM25. Both fold spellings
//! alike ([`words`]), so a query in Cyrillic, Latin or another transliteration finds the same.
//! `kzlg resolve` and `kzlg search` print the answers; a web search can call the same two
//! functions on an index it keeps.

mod names;
mod places;
mod reason;
mod text;
mod words;

use std::collections::HashMap;
use std::path::Path;

pub use names::How;
pub use reason::{Field, Reason};
pub use text::{Doc, Hit};
pub use words::{similarity, stems};

use crate::entity::EntityView;
use crate::error::{Error, Result};
use crate::load::{self, Site};
use crate::rdf::Row;
use crate::schema::{Kind, Shape, is_regional};
use names::{Keys, Query, compare};

/// A former name ranks below the names the entity has: a query that is exactly a former name
/// ties with one that names another entity but for a generic word (`Zhambyl`: Taraz, formerly
/// Zhambyl, beside Jambyl Region).
const FORMER: f64 = 0.95;

/// An entity that can be found by name.
#[derive(Debug)]
pub struct Entity {
    pub id: String,
    pub kind: Kind,
    /// Its class (`Region`, `Akimat`), post type (`Akim`), category (`donor`) or kind (`person`).
    pub class: String,
    /// The English name, or the id.
    pub label: String,
    /// The ids of the regions (or cities of republican significance) it lies in: a unit's own
    /// or the one above it, a post's or body's unit's, an event's places', a person's posts'.
    pub regions: Vec<String>,
    names: Vec<Name>,
}

/// One spelling of an entity, and where it is written.
#[derive(Debug)]
struct Name {
    spelling: String,
    field: Field,
    keys: Keys,
}

/// An entity a query may mean.
#[derive(Debug)]
pub struct Candidate<'a> {
    pub entity: &'a Entity,
    /// Its best reason's score, 0 to 1, rounded to three decimals (equal when printed equal).
    pub score: f64,
    /// Its reasons, best first: one per way and spelling (an alias that repeats a name is not
    /// shown again).
    pub reasons: Vec<Reason>,
}

/// What [`Index::find`] keeps: built by [`Index::filters`], which checks the words given.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    kind: Option<Kind>,
    class: Option<String>,
    region: Option<String>,
}

/// The names of the tables' entities, and their rows for full text.
#[derive(Debug, Default)]
pub struct Index {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    /// Every word of every name, sorted: what a query's words are matched against.
    vocabulary: Vec<String>,
    text: text::Corpus,
}

/// Takes in checked rows, one by one, and makes the [`Index`].
#[derive(Debug, Default)]
pub struct Builder {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    aliases: Vec<(String, Name)>,
    places: places::Places,
    text: text::Corpus,
}

impl Builder {
    /// Takes in one checked row and the line of its file it starts on (an observer of
    /// [`crate::load::observe`] passes `site.line`).
    pub fn observe(&mut self, row: &Row<'_>, line: u64) {
        self.text.add(row, line);
        self.places.add(row);
        match row.table.shape {
            // A proposal's or finding's "name" is its whole text, and a source's title names
            // what it is about more than itself: full-text search finds those.
            Shape::Entity if !matches!(row.table.kind, Kind::Proposal | Kind::Finding | Kind::Source) => {
                self.add_entity(row);
            }
            Shape::Alias => {
                let (entity, alias) = (row.text("entity"), row.text("alias"));
                let field = Field::Alias {
                    kind: row.text("kind").to_owned(),
                    lang: row.text("lang").to_owned(),
                };
                self.aliases.push((entity.to_owned(), name(alias, field)));
            }
            _ => {}
        }
    }

    fn add_entity(&mut self, row: &Row<'_>) {
        let Some(view) = EntityView::of(row) else { return };
        let class = view.class.or(view.post_type).or(view.category);
        let mut names: Vec<Name> = view
            .labels
            .iter()
            .map(|label| name(label.text, Field::Label(label.column)))
            .collect();
        if row.table.kind == Kind::Person {
            for (column, field) in [
                ("family_name", Field::Surname),
                ("given_name", Field::GivenName),
                ("patronymic", Field::Patronymic),
            ] {
                names.push(name(row.text(column), field));
            }
        }
        names.push(name(view.id, Field::Id));
        names.retain(|n| !n.keys.is_empty());
        self.by_id.insert(view.id.to_owned(), self.entities.len());
        self.entities.push(Entity {
            id: view.id.to_owned(),
            kind: view.kind,
            class: class.unwrap_or(view.kind.noun()).to_owned(),
            label: view.english().to_owned(),
            regions: Vec::new(),
            names,
        });
    }

    /// The index: aliases joined to their entities, regions worked out.
    pub fn finish(mut self) -> Index {
        for (id, alias) in self.aliases.drain(..) {
            if let Some(&i) = self.by_id.get(&id) {
                if !alias.keys.is_empty() {
                    self.entities[i].names.push(alias);
                }
            }
        }
        let regional: Vec<&str> = self
            .entities
            .iter()
            .filter(|e| e.kind == Kind::Unit && is_regional(&e.class))
            .map(|e| e.id.as_str())
            .collect();
        let regions: Vec<Vec<String>> = self
            .entities
            .iter()
            .map(|e| self.places.regions(&e.id, &regional))
            .collect();
        for (entity, regions) in self.entities.iter_mut().zip(regions) {
            entity.regions = regions;
        }
        let mut vocabulary: Vec<String> = self
            .entities
            .iter()
            .flat_map(|e| &e.names)
            .flat_map(|n| n.keys.words())
            .map(str::to_owned)
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        for name in self.entities.iter_mut().flat_map(|e| &mut e.names) {
            name.keys.intern(&vocabulary);
        }
        Index {
            entities: self.entities,
            by_id: self.by_id,
            vocabulary,
            text: self.text,
        }
    }
}

fn name(spelling: &str, field: Field) -> Name {
    Name {
        spelling: spelling.to_owned(),
        field,
        keys: Keys::of(spelling),
    }
}

impl Index {
    /// Reads and checks the tables in `dir` and indexes them.
    pub fn read(dir: &Path) -> Result<Index> {
        let mut builder = Builder::default();
        load::observe(dir, &mut |row: &Row<'_>, site: &Site<'_>| {
            builder.observe(row, site.line)
        })?;
        Ok(builder.finish())
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The English name of the entity `id`, or the id.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity(id).map_or(id, |e| &e.label)
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Checks the filters a user gave: `kind` is a kind of entity (`person`, `unit`, `kzorg`,
    /// `organisation`) or a class of the tables (`Region`, `Akim`, `donor`), in any case;
    /// `region` is the id or a name of a region or city of republican significance.
    pub fn filters(&self, kind: Option<&str>, region: Option<&str>) -> Result<Filters> {
        let mut filters = Filters::default();
        if let Some(wanted) = kind {
            let found = Kind::ALL.iter().find(|k| {
                [k.segment(), k.prefix(), k.noun()]
                    .iter()
                    .any(|name| name.eq_ignore_ascii_case(wanted))
            });
            match found {
                Some(kind) => filters.kind = Some(*kind),
                None => match self.entities.iter().find(|e| e.class.eq_ignore_ascii_case(wanted)) {
                    Some(entity) => filters.class = Some(entity.class.clone()),
                    None => return Err(Error::Usage(self.unknown_type(wanted))),
                },
            }
        }
        if let Some(wanted) = region {
            filters.region = Some(self.region_called(wanted)?.to_owned());
        }
        Ok(filters)
    }

    fn unknown_type(&self, wanted: &str) -> String {
        let mut kinds: Vec<&str> = self.entities.iter().map(|e| e.kind.segment()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        format!(
            "unknown type '{wanted}': give a kind ({}) or a class of the tables (Region, City, Akim, Akimat, donor, ...)",
            kinds.join(", ")
        )
    }

    /// The region an id or a name means: the one best match among regional units.
    fn region_called(&self, wanted: &str) -> Result<&str> {
        let id = crate::schema::kinds::id_of(wanted);
        let regional = |e: &Entity| e.kind == Kind::Unit && is_regional(&e.class);
        if let Some(entity) = self.entity(id).filter(|e| regional(e)) {
            return Ok(&entity.id);
        }
        let found: Vec<Candidate<'_>> = self
            .candidates(wanted, |e| regional(e))
            .into_iter()
            .filter(|c| c.score >= 0.9)
            .collect();
        match found.as_slice() {
            [] => Err(Error::Usage(format!(
                "no region is called '{wanted}': give the id or a name of a region or a city of republican significance"
            ))),
            [one] => Ok(&one.entity.id),
            [first, second, ..] if first.score > second.score => Ok(&first.entity.id),
            several => {
                let ids: Vec<&str> = several
                    .iter()
                    .filter(|c| c.score == several[0].score)
                    .map(|c| c.entity.id.as_str())
                    .collect();
                Err(Error::Usage(format!(
                    "'{wanted}' names several regions ({}): give the id",
                    ids.join(", ")
                )))
            }
        }
    }

    /// The rows whose names, notes, quotes and other free text hold words of `query`, best
    /// first (equal scores in the order of the tables), among those `keep` keeps.
    pub fn search(&self, query: &str, keep: impl Fn(&Doc) -> bool) -> Vec<Hit<'_>> {
        self.text.search(query, keep)
    }

    /// Every entity `query` may mean that passes `filters`: best score first, ties by id.
    pub fn find(&self, query: &str, filters: &Filters) -> Vec<Candidate<'_>> {
        self.candidates(query, |e| {
            filters.kind.is_none_or(|k| e.kind == k)
                && filters.class.as_ref().is_none_or(|c| &e.class == c)
                && filters.region.as_ref().is_none_or(|r| e.regions.contains(r))
        })
    }

    fn candidates(&self, query: &str, keep: impl Fn(&Entity) -> bool) -> Vec<Candidate<'_>> {
        let query = Query::new(query, &self.vocabulary);
        let mut found: Vec<Candidate<'_>> = Vec::new();
        for entity in self.entities.iter().filter(|e| keep(e)) {
            let mut reasons: Vec<Reason> = entity.names.iter().filter_map(|name| reason(&query, name)).collect();
            if reasons.is_empty() {
                continue;
            }
            reasons.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.rank().cmp(&b.rank())));
            // An alias that repeats a name (`Jambyl Region`, official) says nothing more.
            let mut seen = std::collections::HashSet::new();
            reasons.retain(|r| seen.insert((std::mem::discriminant(&r.how), r.spelling.clone())));
            found.push(Candidate {
                entity,
                score: reasons[0].score,
                reasons,
            });
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.entity.id.cmp(&b.entity.id)));
        found
    }
}

/// How `query` matched one name, if it did; an id matches whole only.
fn reason(query: &Query, name: &Name) -> Option<Reason> {
    let (score, how) = compare(query, &name.keys)?;
    if name.field == Field::Id && how != How::Whole {
        return None;
    }
    let former = matches!(&name.field, Field::Alias { kind, .. } if kind == "former");
    let score = if former { score * FORMER } else { score };
    Some(Reason {
        how,
        spelling: name.spelling.clone(),
        field: name.field.clone(),
        score: (score * 1000.0).round() / 1000.0,
    })
}
