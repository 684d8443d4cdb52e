//! The tables themselves: every file of `extracted/`, its columns, what each accepts and how
//! it maps to RDF.
//!
//! Longer than other files on purpose: it is a list of declarations, one per table, read as a
//! reference (and rendered as one in `extracted/README.md`); splitting it would scatter that list.

use super::relations::RELATION_NAMES;
use super::schemes::SCHEME_NAMES;
use super::units::UNIT_TYPE_NAMES;
use super::{Cell, Column, Kind, Provenance, Rdf, Shape, Table};

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

/// How certain a number is, as the source words it.
pub const QUANTITY_QUALIFIERS: &[&str] = &[
    "exact",
    "approximate",
    "more_than",
    "at_least",
    "less_than",
    "at_most",
    "range",
];

/// Post types with one seat: two people cannot hold one such post (of one unit or body) at once.
pub const SINGLE_SEAT_POST_TYPES: &[&str] = &[
    "Akim",
    "MaslikhatSecretary",
    "President",
    "PrimeMinister",
    "ProsecutorGeneral",
    "Mayor",
];

/// Values a choice column once offered, with where the fact goes now.
pub const MOVED_CHOICES: &[(&str, &str, &str)] = &[(
    "basis",
    "proposed",
    "a proposal is not a rule in force: record it in proposals.csv (target_kind relation, with target_subject, target_predicate and target_object)",
)];

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

pub(super) const PROVENANCE: [Column; 3] = [
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
                OneOf(&["report", "paper", "article", "reference", "dataset"]),
                req,
                [Literal(kzlg!("sourceKind"))],
                "what the source is; `reference` for facts from outside the documents; one `dataset` row, this dataset, whose `date` is the date the tables describe (the default of every date view)"
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
                OneOf(&UNIT_TYPE_NAMES),
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
                OneOf(&UNIT_TYPE_NAMES),
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
                OneOf(&UNIT_TYPE_NAMES),
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
            col!(
                "part_of",
                Ref(&[K::Program]),
                opt,
                [Link(kzlg!("componentOf"))],
                "the programme it is a component of (its funder's money reaches it through that programme)"
            ),
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
            col!(
                "timing",
                OneOf(&["span", "within"]),
                opt,
                [Term(kzlg!("timing"))],
                "`span` (the default): it lasted from `start` to `end`; `within`: it happened at some time between them (\"planned for April–June 2002\")"
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
        name: "documents",
        kind: K::Document,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Document"), schema!("CreativeWork")],
        doc: "A report, manual, handbook, workbook, guide, film, charter, newsletter or other product that a programme, a body or a person produced, as the sources name it.",
        columns: &[
            col!("id", Id, req, [], "`kzid:document/<id>`"),
            col!(
                "type",
                OneOf(&[
                    "Report",
                    "Manual",
                    "Handbook",
                    "Workbook",
                    "Guide",
                    "Film",
                    "Charter",
                    "Newsletter",
                    "Article",
                    "Book",
                    "Presentation",
                    "OtherDocument"
                ]),
                req,
                [Class],
                "what kind of document"
            ),
            col!(
                "title",
                Text,
                req,
                [Literal(dcterms!("title")), Label("en")],
                "the title as given, or a short description where the source gives none"
            ),
            col!(
                "author",
                Refs(&[K::Person, K::Org, K::Body]),
                opt,
                [Link(dcterms!("creator"))],
                "who wrote or produced it, where named"
            ),
            col!(
                "date",
                Date,
                opt,
                [Literal(dcterms!("date"))],
                "when it was produced, as precise as the source says"
            ),
            col!(
                "program",
                Ref(&[K::Program]),
                opt,
                [Link(kzlg!("producedInProgram"))],
                "the programme it was produced in"
            ),
            col!(
                "event",
                Ref(&[K::Event]),
                opt,
                [Link(kzlg!("producedAt"))],
                "the event it was produced for or at"
            ),
            col!(
                "language",
                Lang,
                opt,
                [Literal(dcterms!("language"))],
                "BCP 47 tag of its language"
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
        doc: "An institutional rule between posts and bodies (or a dated `partOf` between units), with its qualifiers. The direct triple `subject predicate object` is written when the rule holds on the view's date (the dataset's date unless `--as-of` says otherwise).",
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
                OneOf(&RELATION_NAMES),
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
                OneOf(&["de_jure", "de_facto"]),
                req,
                [Term(kzlg!("basis"))],
                "what the law says, or what practice is (a proposal goes in `proposals.csv`)"
            ),
            col!(
                "legal_basis",
                Ref(&[K::Law]),
                opt,
                [Link(kzlg!("legalBasis"))],
                "the law or provision behind it"
            ),
            col!(
                "valid_from",
                Date,
                opt,
                [Literal(kzlg!("validFrom"))],
                "when the rule took force, as the row's source dates it"
            ),
            col!(
                "valid_until",
                Date,
                opt,
                [Literal(kzlg!("validUntil"))],
                "when it stopped, as the row's source dates it; not before `valid_from`"
            ),
            col!(
                "attested_on",
                Date,
                opt,
                [Literal(kzlg!("attestedOn"))],
                "when the source shows the rule holding: a dated document's date, or its period"
            ),
            col!(
                "replaced_by",
                Ref(&[K::Stmt]),
                opt,
                [Link(kzlg!("replacedBy"))],
                "the later rule that replaced this one: this one ends when that one takes force (its `valid_from`, dated by its own source)"
            ),
            col!(
                "condition",
                Text,
                opt,
                [Literal(kzlg!("condition"))],
                "e.g. \"two-thirds of all deputies\""
            ),
            col!(
                "contradicts",
                Refs(&[K::Stmt]),
                opt,
                [Link(kzlg!("contradicts"))],
                "statements whose sources say otherwise: both are kept, each with its quote"
            ),
            NOTE,
        ],
    },
    Table {
        name: "proposals",
        kind: K::Proposal,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Proposal")],
        doc: "A proposal or recommendation someone made: who, where and when, to whom, what (the text and, where it fits, a structured target), and what became of it where a reference says. A proposal is never an institutional rule: it has no direct triple.",
        columns: &[
            col!("id", Id, req, [], "`kzid:proposal/<id>`"),
            col!(
                "proposed_by",
                Refs(&[K::Person, K::Org, K::Body]),
                opt,
                [Link(kzlg!("proposedBy"))],
                "who made it, where the source names them"
            ),
            col!(
                "by_participants_of",
                Ref(&[K::Event, K::Program]),
                opt,
                [Link(kzlg!("proposedByParticipantsOf"))],
                "the event whose participants (delegates, interns) made it, when the source says so"
            ),
            col!(
                "event",
                Ref(&[K::Event, K::Program]),
                opt,
                [Link(kzlg!("proposedAt"))],
                "where it was made"
            ),
            col!(
                "date",
                Date,
                opt,
                [Literal(kzlg!("proposedOn"))],
                "when it was made, as the source dates it"
            ),
            col!(
                "addressed_to",
                Refs(&[K::Person, K::Post, K::Body, K::Org]),
                opt,
                [Link(kzlg!("addressedTo"))],
                "to whom, where the source says"
            ),
            col!(
                "text",
                Text,
                req,
                [Label("en"), Literal(schema!("text"))],
                "the proposal in one plain sentence, no more than the quote says"
            ),
            col!(
                "target_kind",
                OneOf(&[
                    "relation",
                    "post",
                    "power",
                    "budget",
                    "law",
                    "structure",
                    "training",
                    "other"
                ]),
                req,
                [Literal(kzlg!("targetKind"))],
                "what it would change"
            ),
            col!(
                "target_subject",
                Ref(&[K::Post, K::Body, K::Unit]),
                opt,
                [Link(kzlg!("targetSubject"))],
                "for a relation: the post or body it is about"
            ),
            col!(
                "target_predicate",
                OneOf(&RELATION_NAMES),
                opt,
                [Relation(kzlg!("targetPredicate"))],
                "for a relation: the relation proposed, read subject predicate object"
            ),
            col!(
                "target_object",
                Ref(&[K::Post, K::Body, K::Unit]),
                opt,
                [Link(kzlg!("targetObject"))],
                "for a relation: the other end"
            ),
            col!(
                "target_law",
                Ref(&[K::Law]),
                opt,
                [Link(kzlg!("targetLaw"))],
                "the law it is about"
            ),
            col!(
                "adopted_by",
                Ref(&[K::Law]),
                opt,
                [Link(kzlg!("adoptedBy"))],
                "the later law or act that adopted it, where a reference says"
            ),
            col!(
                "adopted_on",
                Date,
                opt,
                [Literal(kzlg!("adoptedOn"))],
                "when, as the reference dates it"
            ),
            NOTE,
        ],
    },
    Table {
        name: "findings",
        kind: K::Finding,
        shape: Shape::Entity,
        provenance: Provenance::Full,
        classes: &[kzlg!("Finding")],
        doc: "What a source concludes or explains about the system in its own words, where no rule, number, event or proposal holds it: an assessment (\"the balance of power favours the executive\"), context, a prediction, a definition.",
        columns: &[
            col!("id", Id, req, [], "`kzid:finding/<id>`"),
            col!(
                "kind",
                OneOf(&["assessment", "context", "prediction", "definition"]),
                req,
                [Literal(kzlg!("findingKind"))],
                "what sort of claim it is"
            ),
            col!(
                "text",
                Text,
                req,
                [Label("en"), Literal(schema!("text"))],
                "the claim in one plain sentence, no more than the quote says"
            ),
            col!(
                "about",
                Refs(ANY),
                opt,
                [Link(schema!("about"))],
                "the entities it is about, where the source names them"
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
            col!(
                "value",
                Decimal,
                req,
                [],
                "the number: `56`, `392000000`, `0.6`; a range's lower end"
            ),
            col!(
                "qualifier",
                OneOf(QUANTITY_QUALIFIERS),
                req,
                [Term(kzlg!("qualifier"))],
                "how certain the source is: `exact`, `approximate` (\"about\", \"some\"), `more_than`, `at_least`, `less_than`, `at_most`, or `range` (with `value_max`)"
            ),
            col!(
                "value_max",
                Decimal,
                opt,
                [Literal(kzlg!("valueMax"))],
                "a range's upper end (\"6 to 13\": value 6, value_max 13)"
            ),
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
            col!("scheme", OneOf(&SCHEME_NAMES), req, [], "the external dataset"),
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
