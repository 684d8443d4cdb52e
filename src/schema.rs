//! The curated tables: their columns, what each accepts, and how it maps to RDF.
//!
//! This is the single source of truth for the table format. The loader validates against it,
//! the RDF emitter follows its mappings, and `kzlg schema` renders it as the column reference in
//! `extracted/README.md` (a test fails when the committed copy differs).

/// The kind of an entity: decides its IRI (`kzid:<segment>/<id>`) and which references accept it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Source,
    Unit,
    Body,
    Org,
    Post,
    Person,
    Law,
    Program,
    Event,
    Plan,
    Stmt,
}

impl Kind {
    /// The IRI path segment after `kzid:`.
    pub fn segment(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Unit => "unit",
            Kind::Body => "body",
            Kind::Org => "org",
            Kind::Post => "post",
            Kind::Person => "person",
            Kind::Law => "law",
            Kind::Program => "program",
            Kind::Event => "event",
            Kind::Plan => "plan",
            Kind::Stmt => "stmt",
        }
    }

    /// How error messages name an entity of this kind.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Unit => "unit",
            Kind::Body => "body",
            Kind::Org => "organisation",
            Kind::Post => "post",
            Kind::Person => "person",
            Kind::Law => "law or provision",
            Kind::Program => "programme",
            Kind::Event => "event",
            Kind::Plan => "action plan",
            Kind::Stmt => "statement",
        }
    }

    /// The noun with its indefinite article: "a person", "an organisation".
    pub fn with_article(self) -> String {
        let noun = self.noun();
        // By sound, not letter: "a unit", "an organisation".
        let article = if noun.starts_with(['a', 'e', 'i', 'o']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {noun}")
    }

    /// The full IRI of the entity `id` of this kind.
    pub fn iri(self, id: &str) -> String {
        let segment = self.segment();
        let mut iri = String::with_capacity(crate::vocab::KZID.len() + segment.len() + 1 + id.len());
        iri.push_str(crate::vocab::KZID);
        iri.push_str(segment);
        iri.push('/');
        iri.push_str(id);
        iri
    }
}

/// What a cell may contain.
#[derive(Clone, Copy, Debug)]
pub enum Cell {
    /// The row's own id: a slug, unique across all tables.
    Id,
    /// Free text.
    Text,
    /// An ISO 8601 date at year, month or day precision.
    Date,
    /// A decimal number.
    Decimal,
    /// A line number (a positive integer).
    Line,
    /// A BCP 47 language tag.
    Lang,
    /// An absolute IRI (a web address).
    Iri,
    /// One of a fixed set of values.
    OneOf(&'static [&'static str]),
    /// The id of an entity of one of these kinds (all kinds when empty).
    Ref(&'static [Kind]),
    /// A `;`-separated list of ids of entities of these kinds.
    Refs(&'static [Kind]),
}

/// How a column's value becomes triples about the row's node.
#[derive(Clone, Copy, Debug)]
pub enum Rdf {
    /// `rdfs:label` with this language tag.
    Label(&'static str),
    /// A literal: a plain string for text and choices, typed for dates, numbers and lines.
    Literal(&'static str),
    /// The IRI of the referenced entity (each one, for a list).
    Link(&'static str),
    /// The referenced entity points back to this row's node with this predicate.
    Inverse(&'static str),
    /// A choice becomes the ontology term named by its value in UpperCamelCase (`de_jure` → `kzlg:DeJure`).
    Term(&'static str),
    /// A choice becomes a class of the node (`rdf:type kzlg:<Value>`).
    Class,
}

/// One column of a table.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub cell: Cell,
    pub required: bool,
    pub rdf: &'static [Rdf],
    pub doc: &'static str,
}

/// How a table's rows become statement nodes (`kzid:stmt/…`) next to a direct triple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An entity: the node is the thing itself.
    Entity,
    /// person `org:holds` post, with a `kzlg:Tenure` node.
    Tenure,
    /// event `kzlg:participant` participant, with a `kzlg:Participation` node.
    Participation,
    /// An institutional relation from the `predicate` column.
    Relation,
    /// subject `kzlg:<property>` number.
    Quantity,
    /// entity `skos:altLabel` alias.
    Alias,
    /// entity `owl:sameAs` / `skos:exactMatch` / code literal.
    Link,
}

/// Whether the row carries the usual `source, evidence, line` columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// `source`, `evidence` and `line`.
    Full,
    /// Only `evidence` and `line`, quoting the row's own file (the sources table).
    SelfQuoted,
}

/// One curated table (`extracted/<name>.csv`).
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub kind: Kind,
    pub shape: Shape,
    pub provenance: Provenance,
    /// Classes every row's node has.
    pub classes: &'static [&'static str],
    /// What one row is.
    pub doc: &'static str,
    /// The table's own columns, before the provenance columns.
    pub columns: &'static [Column],
}

impl Table {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// All columns in header order: the table's own, then provenance.
    pub fn all_columns(&self) -> impl Iterator<Item = &'static Column> + use<> {
        let provenance: &'static [Column] = match self.provenance {
            Provenance::Full => &PROVENANCE,
            Provenance::SelfQuoted => &PROVENANCE[1..],
        };
        self.columns.iter().chain(provenance)
    }

    /// Whether rows have an `id` column (tables of aliases and links derive their ids).
    pub fn has_id(&self) -> bool {
        self.columns.first().is_some_and(|c| matches!(c.cell, Cell::Id))
    }
}

/// Looks a table up by name.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

macro_rules! col {
    ($name:literal, $cell:expr, req, [$($rdf:expr),*], $doc:literal) => {
        Column { name: $name, cell: $cell, required: true, rdf: &[$($rdf),*], doc: $doc }
    };
    ($name:literal, $cell:expr, opt, [$($rdf:expr),*], $doc:literal) => {
        Column { name: $name, cell: $cell, required: false, rdf: &[$($rdf),*], doc: $doc }
    };
}

use Cell::*;
use Kind as K;
use Rdf::*;

/// All kinds an entity reference may name.
const ANY: &[Kind] = &[];

pub const UNIT_TYPES: &[&str] = &[
    "Country",
    "Region",
    "CityOfRepublicanSignificance",
    "City",
    "District",
    "CityDistrict",
    "RuralDistrict",
    "Settlement",
    "Town",
    "Village",
];

pub const RELATIONS: &[&str] = &[
    "appointedBy",
    "dismissedBy",
    "electedBy",
    "approvedBy",
    "nominatedBy",
    "agreedWith",
    "accountableTo",
    "reportsTo",
    "canExpressDistrustIn",
    "hasVetoOver",
    "canDissolve",
    "initiatesDissolutionOf",
    "coordinates",
    "representativeOf",
    "actsOnBehalfOf",
    "approvesBudgetOf",
    "canOverride",
    "appointmentProcedureSetBy",
    "partOf",
];

pub const QUANTITY_PROPERTIES: &[&str] = &[
    "participants",
    "seats",
    "deputiesPerStaffMember",
    "amount",
    "localCommunities",
    "regions",
    "population",
    "areaKm2",
    "share",
    "count",
];

pub const LINK_SCHEMES: &[&str] = &["wikidata", "geonames", "iso3166-2", "kato"];

const NAME_EN: Column = col!("name_en", Text, req, [Label("en")], "the standard English name");
const NAME_RU: Column = col!("name_ru", Text, opt, [Label("ru")], "the Russian name, in Cyrillic");
const NAME_KK: Column = col!("name_kk", Text, opt, [Label("kk")], "the Kazakh name");
const NOTE: Column = col!(
    "note",
    Text,
    opt,
    [Literal(skos!("note"))],
    "anything a reader should know about the row"
);

const PROVENANCE: [Column; 3] = [
    col!(
        "source",
        Ref(&[K::Source]),
        req,
        [Link(prov!("wasDerivedFrom"))],
        "the source the row is read from"
    ),
    col!(
        "evidence",
        Text,
        opt,
        [Literal(kzlg!("evidence"))],
        "a verbatim quote from the source supporting the row (required unless the source is a `reference`)"
    ),
    col!(
        "line",
        Line,
        opt,
        [Literal(kzlg!("sourceLine"))],
        "the line of the source file where the quote starts (required unless the source is a `reference`)"
    ),
];

/// Every table, in the order the build reads them.
pub const TABLES: &[Table] = &[
    Table {
        name: "sources",
        kind: K::Source,
        shape: Shape::Entity,
        provenance: Provenance::SelfQuoted,
        classes: &[kzlg!("Source"), prov!("Entity")],
        doc: "A source document, or an outside reference used for connecting facts and external ids.",
        columns: &[
            col!("id", Id, req, [], "`kzid:source/<id>`"),
            col!(
                "kind",
                OneOf(&["report", "paper", "article", "reference"]),
                req,
                [Literal(kzlg!("sourceKind"))],
                "what the source is; `reference` for facts from outside the documents"
            ),
            col!(
                "title",
                Text,
                req,
                [Literal(dcterms!("title")), Label("en")],
                "the title as the document gives it"
            ),
            col!(
                "publisher",
                Ref(&[K::Org, K::Body]),
                opt,
                [Link(dcterms!("publisher"))],
                "who issued or published it"
            ),
            col!(
                "author",
                Refs(&[K::Person, K::Org]),
                opt,
                [Link(dcterms!("creator"))],
                "authors where named"
            ),
            col!(
                "date",
                Date,
                opt,
                [Literal(dcterms!("date"))],
                "publication date, as precise as the text allows"
            ),
            col!(
                "file",
                Text,
                opt,
                [Literal(kzlg!("file"))],
                "file name in the sources folder; required unless kind is `reference`"
            ),
            col!("url", Iri, opt, [Link(schema!("url"))], "where a reference can be read"),
            col!(
                "language",
                Lang,
                opt,
                [Literal(dcterms!("language"))],
                "BCP 47 tag of the text"
            ),
            NOTE,
        ],
    },
    Table {
        name: "units",
        kind: K::Unit,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("AdministrativeUnit")],
        doc: "An administrative-territorial unit.",
        columns: &[
            col!("id", Id, req, [], "`kzid:unit/<id>`"),
            col!(
                "type",
                OneOf(UNIT_TYPES),
                req,
                [Class],
                "class of the unit (oblast = Region, rayon = District)"
            ),
            NAME_EN,
            NAME_RU,
            NAME_KK,
            col!(
                "part_of",
                Ref(&[K::Unit]),
                opt,
                [Link(kzlg!("partOf"))],
                "the unit directly above it today (a dated change goes in statements.csv with predicate `partOf`)"
            ),
            NOTE,
        ],
    },
    Table {
        name: "bodies",
        kind: K::Body,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[org!("Organization")],
        doc: "A state body: an akimat, a maslikhat, or a central body. A generic body stands for every body of one kind at one level: it has `level` and no `unit`.",
        columns: &[
            col!("id", Id, req, [], "`kzid:body/<id>`"),
            col!(
                "type",
                OneOf(&["Akimat", "Maslikhat", "StateBody"]),
                req,
                [Class],
                "the class of the body"
            ),
            col!(
                "category",
                OneOf(&[
                    "presidency",
                    "administration",
                    "office",
                    "department",
                    "government",
                    "ministry",
                    "agency",
                    "parliament",
                    "chamber",
                    "committee",
                    "commission",
                    "prosecutor",
                    "court",
                    "council",
                    "other"
                ]),
                opt,
                [Literal(kzlg!("category"))],
                "finer kind of a state body"
            ),
            NAME_EN,
            NAME_RU,
            NAME_KK,
            col!(
                "unit",
                Ref(&[K::Unit]),
                opt,
                [Link(kzlg!("governs"))],
                "the unit it governs"
            ),
            col!(
                "level",
                OneOf(UNIT_TYPES),
                opt,
                [Term(kzlg!("level"))],
                "for a generic body: the level it stands for"
            ),
            col!(
                "parent",
                Ref(&[K::Body]),
                opt,
                [Link(org!("subOrganizationOf")), Inverse(org!("hasSubOrganization"))],
                "the body it is a sub-unit of"
            ),
            NOTE,
        ],
    },
    Table {
        name: "organisations",
        kind: K::Org,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[org!("Organization")],
        doc: "An organisation that is not a Kazakh state body: donors, NGOs, institutes, universities, associations, companies, foreign and international bodies.",
        columns: &[
            col!("id", Id, req, [], "`kzid:org/<id>`"),
            col!(
                "category",
                OneOf(&[
                    "donor",
                    "ngo",
                    "institute",
                    "university",
                    "association",
                    "company",
                    "international",
                    "foreign-government",
                    "media",
                    "other"
                ]),
                opt,
                [Literal(kzlg!("category"))],
                "what kind of organisation"
            ),
            NAME_EN,
            NAME_RU,
            NAME_KK,
            col!(
                "country",
                Text,
                opt,
                [Literal(kzlg!("country"))],
                "ISO 3166-1 alpha-2 country code (`KZ`, `US`)"
            ),
            col!(
                "parent",
                Ref(&[K::Org]),
                opt,
                [Link(org!("subOrganizationOf")), Inverse(org!("hasSubOrganization"))],
                "the organisation it belongs to"
            ),
            NOTE,
        ],
    },
    Table {
        name: "posts",
        kind: K::Post,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[org!("Post")],
        doc: "A seat that exists without its holder. A generic post (\"Akim of a district\") has `level` and no `unit`; institutional rules are stated on generic posts, and each specific post names its generic post.",
        columns: &[
            col!("id", Id, req, [], "`kzid:post/<id>`"),
            col!(
                "post_type",
                OneOf(&[
                    "Akim",
                    "DeputyAkim",
                    "MaslikhatSecretary",
                    "MaslikhatDeputy",
                    "President",
                    "PrimeMinister",
                    "Minister",
                    "DeputyMinister",
                    "Senator",
                    "MemberOfParliament",
                    "ProsecutorGeneral",
                    "Chairman",
                    "DeputyChairman",
                    "Head",
                    "DeputyHead",
                    "Director",
                    "ChiefOfParty",
                    "Representative",
                    "Specialist",
                    "Staff",
                    "Trainer",
                    "Expert",
                    "Professor",
                    "Lecturer",
                    "Advisor",
                    "Mayor",
                    "Member",
                    "OtherPost"
                ]),
                req,
                [Term(kzlg!("postType"))],
                "the kind of post"
            ),
            NAME_EN,
            NAME_RU,
            NAME_KK,
            col!(
                "body",
                Ref(&[K::Body, K::Org]),
                opt,
                [Link(org!("postIn"))],
                "the body the post is in"
            ),
            col!(
                "unit",
                Ref(&[K::Unit]),
                opt,
                [Link(kzlg!("unit"))],
                "the unit the post serves"
            ),
            col!(
                "level",
                OneOf(UNIT_TYPES),
                opt,
                [Term(kzlg!("level"))],
                "for a generic post: the level it stands for"
            ),
            col!(
                "generic",
                Ref(&[K::Post]),
                opt,
                [Link(kzlg!("genericPost"))],
                "the generic post whose rules apply to this one"
            ),
            NOTE,
        ],
    },
    Table {
        name: "people",
        kind: K::Person,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[foaf!("Person")],
        doc: "A named person.",
        columns: &[
            col!("id", Id, req, [], "`kzid:person/<id>` (given-family, transliterated)"),
            col!(
                "name_en",
                Text,
                req,
                [Label("en"), Literal(foaf!("name"))],
                "the name in the standard English spelling"
            ),
            NAME_RU,
            NAME_KK,
            col!("given_name", Text, opt, [Literal(foaf!("givenName"))], ""),
            col!("family_name", Text, opt, [Literal(foaf!("familyName"))], ""),
            col!("patronymic", Text, opt, [Literal(kzlg!("patronymic"))], ""),
            NOTE,
        ],
    },
    Table {
        name: "tenures",
        kind: K::Stmt,
        shape: Shape::Tenure,
        provenance: Provenance::Full,
        classes: &[kzlg!("Tenure"), kzlg!("Statement"), org!("Membership")],
        doc: "A person holding a post: a `kzlg:Tenure` node and the direct triple person `org:holds` post.",
        columns: &[
            col!("id", Id, req, [], "`kzid:stmt/<id>`"),
            col!("person", Ref(&[K::Person]), req, [Link(org!("member"))], "the holder"),
            col!("post", Ref(&[K::Post]), req, [Link(kzlg!("post"))], "the post held"),
            col!("start", Date, opt, [Literal(kzlg!("start"))], "when the tenure began"),
            col!(
                "end",
                Date,
                opt,
                [Literal(kzlg!("end"))],
                "when it ended; not before `start`"
            ),
            col!(
                "attested_on",
                Date,
                opt,
                [Literal(kzlg!("attestedOn"))],
                "the date at which the source shows the person in post"
            ),
            NOTE,
        ],
    },
    Table {
        name: "laws",
        kind: K::Law,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Law"), eli!("LegalResource")],
        doc: "The Constitution, laws, codes, decrees, concepts and strategies.",
        columns: &[
            col!("id", Id, req, [], "`kzid:law/<id>`"),
            col!(
                "type",
                OneOf(&[
                    "Constitution",
                    "Law",
                    "Code",
                    "Decree",
                    "Concept",
                    "Strategy",
                    "Address",
                    "Resolution",
                    "OtherAct"
                ]),
                req,
                [Class],
                "the class of the legal act"
            ),
            NAME_EN,
            NAME_RU,
            NAME_KK,
            col!("adopted", Date, opt, [Literal(kzlg!("adopted"))], "date of adoption"),
            NOTE,
        ],
    },
    Table {
        name: "provisions",
        kind: K::Law,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("LegalProvision"), eli!("LegalResource")],
        doc: "An article or part of a law.",
        columns: &[
            col!("id", Id, req, [], "`kzid:law/<id>`"),
            col!(
                "law",
                Ref(&[K::Law]),
                req,
                [Link(eli!("is_part_of"))],
                "the law it is part of"
            ),
            col!(
                "article",
                Text,
                req,
                [Literal(kzlg!("article"))],
                "the number as cited: `87(1)`, `24`"
            ),
            NAME_EN,
            col!(
                "provides",
                Text,
                opt,
                [Literal(kzlg!("provides"))],
                "what the provision provides, in a sentence"
            ),
            NOTE,
        ],
    },
    Table {
        name: "programs",
        kind: K::Program,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Program")],
        doc: "A programme or project, donor or state.",
        columns: &[
            col!("id", Id, req, [], "`kzid:program/<id>`"),
            NAME_EN,
            NAME_RU,
            col!(
                "funded_by",
                Refs(&[K::Org, K::Body]),
                opt,
                [Link(kzlg!("fundedBy"))],
                "who pays for it"
            ),
            col!(
                "implemented_by",
                Refs(&[K::Org, K::Body]),
                opt,
                [Link(kzlg!("implementedBy"))],
                "who carries it out"
            ),
            col!("start", Date, opt, [Literal(kzlg!("start"))], ""),
            col!("end", Date, opt, [Literal(kzlg!("end"))], "not before `start`"),
            NOTE,
        ],
    },
    Table {
        name: "events",
        kind: K::Event,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Event")],
        doc: "A seminar, training, roundtable, visit, forum, study tour or meeting: one row per place and date range.",
        columns: &[
            col!("id", Id, req, [], "`kzid:event/<id>`"),
            col!(
                "type",
                OneOf(&[
                    "Seminar",
                    "Training",
                    "Workshop",
                    "Roundtable",
                    "Forum",
                    "Conference",
                    "Meeting",
                    "Hearing",
                    "Visit",
                    "StudyTour",
                    "Internship",
                    "Election",
                    "OtherEvent"
                ]),
                req,
                [Class],
                "the class of the event"
            ),
            NAME_EN,
            col!("start", Date, opt, [Literal(schema!("startDate"))], ""),
            col!("end", Date, opt, [Literal(schema!("endDate"))], "not before `start`"),
            col!(
                "location",
                Refs(&[K::Unit]),
                opt,
                [Link(schema!("location"))],
                "where it took place"
            ),
            col!(
                "venue",
                Text,
                opt,
                [Literal(kzlg!("venue"))],
                "a building or host named by the text"
            ),
            col!(
                "program",
                Ref(&[K::Program]),
                opt,
                [Link(kzlg!("partOfProgram"))],
                "the programme it belongs to"
            ),
            col!(
                "organizer",
                Refs(&[K::Org, K::Body]),
                opt,
                [Link(kzlg!("organizer"))],
                "who organised it"
            ),
            col!(
                "status",
                OneOf(&["held", "planned"]),
                opt,
                [Term(kzlg!("status"))],
                "`planned` for events a report announces for a later period"
            ),
            NOTE,
        ],
    },
    Table {
        name: "participations",
        kind: K::Stmt,
        shape: Shape::Participation,
        provenance: Provenance::Full,
        classes: &[kzlg!("Participation"), kzlg!("Statement")],
        doc: "Who took part in an event or programme, and in what role: the direct triple event `kzlg:participant` participant.",
        columns: &[
            col!("id", Id, req, [], "`kzid:stmt/<id>`"),
            col!(
                "participant",
                Ref(&[K::Person, K::Org, K::Body]),
                req,
                [],
                "who took part"
            ),
            col!("event", Ref(&[K::Event, K::Program]), req, [], "what they took part in"),
            col!(
                "role",
                OneOf(&[
                    "participant",
                    "trainer",
                    "speaker",
                    "moderator",
                    "organizer",
                    "host",
                    "delegate",
                    "presenter",
                    "interpreter",
                    "other"
                ]),
                opt,
                [Literal(kzlg!("role"))],
                "in what role"
            ),
            col!(
                "as_post",
                Ref(&[K::Post]),
                opt,
                [Link(kzlg!("asPost"))],
                "the post the participant held there"
            ),
            NOTE,
        ],
    },
    Table {
        name: "plans",
        kind: K::Plan,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("ActionPlan")],
        doc: "An action plan written by an official.",
        columns: &[
            col!("id", Id, req, [], "`kzid:plan/<id>`"),
            col!(
                "title",
                Text,
                req,
                [Literal(dcterms!("title")), Label("en")],
                "the title as given"
            ),
            col!(
                "author",
                Ref(&[K::Person]),
                req,
                [Link(schema!("author"))],
                "who wrote it"
            ),
            col!(
                "concerns",
                Ref(&[K::Unit, K::Body]),
                opt,
                [Link(kzlg!("concerns"))],
                "the unit (or body) the plan is about"
            ),
            col!(
                "event",
                Ref(&[K::Event, K::Program]),
                opt,
                [Link(kzlg!("presentedAt"))],
                "where it was written or presented"
            ),
            NOTE,
        ],
    },
    Table {
        name: "statements",
        kind: K::Stmt,
        shape: Shape::Relation,
        provenance: Provenance::Full,
        classes: &[kzlg!("RelationStatement"), kzlg!("Statement")],
        doc: "An institutional rule between posts and bodies (or a dated `partOf` between units), with its qualifiers. The direct triple `subject predicate object` is written too when `valid_until` is empty.",
        columns: &[
            col!("id", Id, req, [], "`kzid:stmt/<id>`"),
            col!(
                "subject",
                Ref(&[K::Post, K::Body, K::Unit]),
                req,
                [],
                "a post or body (a unit for `partOf`)"
            ),
            col!(
                "predicate",
                OneOf(RELATIONS),
                req,
                [],
                "the relation, read as a sentence: subject predicate object"
            ),
            col!(
                "object",
                Ref(&[K::Post, K::Body, K::Unit]),
                req,
                [],
                "a post or body (a unit for `partOf`)"
            ),
            col!(
                "basis",
                OneOf(&["de_jure", "de_facto", "proposed"]),
                req,
                [Term(kzlg!("basis"))],
                "what the law says, what practice is, or what participants proposed"
            ),
            col!(
                "legal_basis",
                Ref(&[K::Law]),
                opt,
                [Link(kzlg!("legalBasis"))],
                "the law or provision behind it"
            ),
            col!("valid_from", Date, opt, [Literal(kzlg!("validFrom"))], ""),
            col!(
                "valid_until",
                Date,
                opt,
                [Literal(kzlg!("validUntil"))],
                "not before `valid_from`"
            ),
            col!(
                "condition",
                Text,
                opt,
                [Literal(kzlg!("condition"))],
                "e.g. \"two-thirds of all deputies\""
            ),
            NOTE,
        ],
    },
    Table {
        name: "quantities",
        kind: K::Stmt,
        shape: Shape::Quantity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Quantity"), kzlg!("Statement")],
        doc: "A number the texts give, as an attribute of what it describes: the direct triple subject `kzlg:<property>` value.",
        columns: &[
            col!("id", Id, req, [], "`kzid:stmt/<id>`"),
            col!("subject", Ref(ANY), req, [], "what the number describes"),
            col!("property", OneOf(QUANTITY_PROPERTIES), req, [], "what the number is"),
            col!("value", Decimal, req, [], "the number: `56`, `392000000`, `0.6`"),
            col!(
                "unit",
                Text,
                opt,
                [Literal(kzlg!("unitOfMeasure"))],
                "`KZT`, `USD`, `percent`, ..."
            ),
            col!("date", Date, opt, [Literal(kzlg!("asOf"))], "when the number held"),
            NOTE,
        ],
    },
    Table {
        name: "aliases",
        kind: K::Stmt,
        shape: Shape::Alias,
        provenance: Provenance::Full,
        classes: &[kzlg!("AliasStatement"), kzlg!("Statement")],
        doc: "A spelling under which an entity occurs, or one of its standard names: the direct triple entity `skos:altLabel` alias.",
        columns: &[
            col!("entity", Ref(ANY), req, [], "the entity"),
            col!("alias", Text, req, [], "the spelling, exactly as written"),
            col!("lang", Lang, opt, [], "BCP 47 language tag (`en`, `ru`, `kk`)"),
            col!(
                "kind",
                OneOf(&[
                    "official",
                    "variant",
                    "transliteration",
                    "misspelling",
                    "ocr",
                    "former",
                    "abbreviation",
                    "short"
                ]),
                req,
                [Literal(kzlg!("aliasKind"))],
                "what sort of spelling it is"
            ),
            col!(
                "valid_until",
                Date,
                opt,
                [Literal(kzlg!("validUntil"))],
                "for a former name: when it stopped being official"
            ),
            NOTE,
        ],
    },
    Table {
        name: "links",
        kind: K::Stmt,
        shape: Shape::Link,
        provenance: Provenance::Full,
        classes: &[kzlg!("LinkStatement"), kzlg!("Statement")],
        doc: "An identifier of the entity in an external dataset.",
        columns: &[
            col!("entity", Ref(ANY), req, [], "the entity"),
            col!("scheme", OneOf(LINK_SCHEMES), req, [], "the external dataset"),
            col!("value", Text, req, [], "`Q1005`, `1520172`, `KZ-59`, `590000000`"),
            col!("valid_from", Date, opt, [Literal(kzlg!("validFrom"))], ""),
            col!(
                "valid_until",
                Date,
                opt,
                [Literal(kzlg!("validUntil"))],
                "for a former code"
            ),
            NOTE,
        ],
    },
];

/// Renders the column reference of every table as Markdown (the generated part of
/// `extracted/README.md`).
pub fn markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let kind = if table.has_id() {
            format!("kind `{}`", table.kind.segment())
        } else {
            "a statement per row".to_owned()
        };
        out.push_str(&format!("## {} — {kind}\n{}\n\n", table.file_name(), table.doc));
        out.push_str("| column | type | req | RDF | meaning |\n|---|---|---|---|---|\n");
        for column in table.all_columns() {
            let rdf: Vec<String> = column.rdf.iter().map(describe_rdf).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                column.name,
                describe_cell(column.cell),
                if column.required { "req" } else { "" },
                rdf.join(", "),
                column.doc.replace('|', "\\|"),
            ));
        }
        out.push('\n');
    }
    out
}

fn describe_kinds(kinds: &[Kind]) -> String {
    if kinds.is_empty() {
        return "any entity".to_owned();
    }
    kinds.iter().map(|k| k.noun()).collect::<Vec<_>>().join(", ")
}

fn describe_cell(cell: Cell) -> String {
    match cell {
        Id => "id".to_owned(),
        Text => "text".to_owned(),
        Date => "date".to_owned(),
        Decimal => "number".to_owned(),
        Line => "line number".to_owned(),
        Lang => "language tag".to_owned(),
        Iri => "IRI".to_owned(),
        OneOf(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("one of {}", values.join(", "))
        }
        Ref(kinds) => format!("id of {}", describe_kinds(kinds)),
        Refs(kinds) => format!("list of ids of {}", describe_kinds(kinds)),
    }
}

fn describe_rdf(rdf: &Rdf) -> String {
    use crate::vocab::compact;
    match rdf {
        Label(lang) => format!("`rdfs:label@{lang}`"),
        Literal(p) | Link(p) => format!("`{}`", compact(p)),
        Inverse(p) => format!("`^{}`", compact(p)),
        Term(p) => format!("`{}` term", compact(p)),
        Class => "`rdf:type`".to_owned(),
    }
}

/// `de_jure` → `DeJure`, `held` → `Held`: the ontology term a choice stands for.
pub fn term_name(value: &str) -> String {
    value
        .split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_and_column_names_are_unique() {
        let mut tables = HashSet::new();
        for table in TABLES {
            assert!(tables.insert(table.name), "table {} twice", table.name);
            let mut columns = HashSet::new();
            for column in table.all_columns() {
                assert!(columns.insert(column.name), "{}.{} twice", table.name, column.name);
            }
        }
    }

    #[test]
    fn every_table_with_an_id_has_it_first_and_required() {
        for table in TABLES {
            for (i, column) in table.all_columns().enumerate() {
                if matches!(column.cell, Cell::Id) {
                    assert_eq!(i, 0, "{}: id must be the first column", table.name);
                    assert!(column.required);
                }
            }
        }
    }

    #[test]
    fn term_names_are_upper_camel_case() {
        assert_eq!(term_name("de_jure"), "DeJure");
        assert_eq!(term_name("held"), "Held");
        assert_eq!(term_name("Region"), "Region");
    }
}
