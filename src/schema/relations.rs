//! The relations of the graph: what each one means, how it is drawn, and which of its rules
//! contradict each other when they hold together.
//!
//! Modelled on followthemoney's `edge:` block: one declaration per relation says everything the
//! RDF writer, the network of the exports, the analyses, the shapes check and the Python readers
//! (through `kzlg schema --json`) need, so adding a relation touches this list, its ontology entry
//! and its shapes, nothing else.

/// Kinds of institutional relation, for the institutions view, the picture and the analyses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Who puts the holder in post: appointed, elected or nominated by.
    Appointment,
    /// Whose consent the appointment needs: approved by, agreed with.
    Approval,
    /// Who can remove the holder.
    Dismissal,
    /// To whom the holder answers: accountable to, reports to.
    Accountability,
    /// Who can vote no confidence.
    Distrust,
    /// Who can block or override decisions.
    Veto,
    /// Who can dissolve the body, or start its dissolution.
    Dissolution,
}

/// What a family is called and how the picture draws it.
pub struct FamilyInfo {
    pub family: Family,
    pub name: &'static str,
    /// The colour of its edges in the DOT picture.
    pub colour: &'static str,
}

/// Every family, in the order legends and reports list them.
pub const FAMILIES: [FamilyInfo; 7] = [
    FamilyInfo {
        family: Family::Appointment,
        name: "appointment",
        colour: "#1f77b4",
    },
    FamilyInfo {
        family: Family::Approval,
        name: "approval",
        colour: "#17becf",
    },
    FamilyInfo {
        family: Family::Dismissal,
        name: "dismissal",
        colour: "#d62728",
    },
    FamilyInfo {
        family: Family::Accountability,
        name: "accountability",
        colour: "#2ca02c",
    },
    FamilyInfo {
        family: Family::Distrust,
        name: "distrust",
        colour: "#ff7f0e",
    },
    FamilyInfo {
        family: Family::Veto,
        name: "veto",
        colour: "#9467bd",
    },
    FamilyInfo {
        family: Family::Dissolution,
        name: "dissolution",
        colour: "#8c564b",
    },
];

impl Family {
    /// Every family, in declaration order.
    pub const ALL: [Family; 7] = {
        let mut all = [Family::Appointment; 7];
        let mut i = 0;
        while i < FAMILIES.len() {
            all[i] = FAMILIES[i].family;
            i += 1;
        }
        all
    };

    /// The family of the relation named `name` (`appointedBy`), if it has one.
    pub fn of(name: &str) -> Option<Family> {
        relation(name).and_then(|r| r.family)
    }

    fn info(self) -> &'static FamilyInfo {
        FAMILIES
            .iter()
            .find(|f| f.family == self)
            .expect("every family is declared")
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn colour(self) -> &'static str {
        self.info().colour
    }
}

/// One end of a rule: what the row's subject or object column names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Subject,
    Object,
}

/// How a rule becomes an edge of the exported network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeRule {
    pub source: End,
    pub target: End,
    pub directed: bool,
}

/// Subject to object, directed: how every relation reads as a sentence.
const FORWARD: EdgeRule = EdgeRule {
    source: End::Subject,
    target: End::Object,
    directed: true,
};

/// A relation between two entities.
#[derive(Debug)]
pub struct Relation {
    /// The local name: the value of `statements.csv`'s `predicate` column.
    pub name: &'static str,
    pub iri: &'static str,
    /// How a sentence reads it, subject first: "appointed by".
    pub label: &'static str,
    /// How a sentence reads it, object first: "appoints".
    pub inverse_label: &'static str,
    /// `None` for relations that are not about who controls whom (`partOf`, `coordinates`).
    pub family: Option<Family>,
    pub edge: EdgeRule,
    /// Whether it says how a post is filled (appointed by, elected by): a post is filled one
    /// way at a time, so two de jure rules of such relations that hold on the same date and
    /// differ contradict each other, unless a condition tells them apart.
    pub fills_post: bool,
}

macro_rules! relation {
    ($name:literal, $label:literal, $inverse:literal, $family:expr) => {
        Relation {
            name: $name,
            iri: kzlg!($name),
            label: $label,
            inverse_label: $inverse,
            family: $family,
            edge: FORWARD,
            fills_post: false,
        }
    };
    ($name:literal, $label:literal, $inverse:literal, $family:expr, fills_post) => {
        Relation {
            fills_post: true,
            ..relation!($name, $label, $inverse, $family)
        }
    };
}

use Family::*;

/// The relations `statements.csv` may state, in the order the reference lists them.
pub const RELATIONS: [Relation; 19] = [
    relation!("appointedBy", "appointed by", "appoints", Some(Appointment), fills_post),
    relation!("dismissedBy", "dismissed by", "dismisses", Some(Dismissal)),
    relation!("electedBy", "elected by", "elects", Some(Appointment), fills_post),
    relation!("approvedBy", "approved by", "approves", Some(Approval)),
    relation!("nominatedBy", "nominated by", "nominates", Some(Appointment)),
    relation!("agreedWith", "agreed with", "agrees to", Some(Approval)),
    relation!(
        "accountableTo",
        "accountable to",
        "holds to account",
        Some(Accountability)
    ),
    relation!("reportsTo", "reports to", "receives reports from", Some(Accountability)),
    relation!(
        "canExpressDistrustIn",
        "can express distrust in",
        "can be voted no confidence by",
        Some(Distrust)
    ),
    relation!("hasVetoOver", "has veto over", "is subject to the veto of", Some(Veto)),
    relation!("canDissolve", "can dissolve", "can be dissolved by", Some(Dissolution)),
    relation!(
        "initiatesDissolutionOf",
        "initiates dissolution of",
        "can have its dissolution initiated by",
        Some(Dissolution)
    ),
    relation!("coordinates", "coordinates", "is coordinated by", None),
    relation!("representativeOf", "representative of", "is represented by", None),
    relation!("actsOnBehalfOf", "acts on behalf of", "is represented in acts by", None),
    relation!(
        "approvesBudgetOf",
        "approves budget of",
        "has its budget approved by",
        None
    ),
    relation!("canOverride", "can override", "can be overridden by", Some(Veto)),
    // The procedure is the object's to define; the object is not thereby the appointer.
    relation!(
        "appointmentProcedureSetBy",
        "appointment procedure set by",
        "sets the appointment procedure of",
        None
    ),
    relation!("partOf", "part of", "contains", None),
];

/// The names of [`RELATIONS`], the choices of the `predicate` column.
pub const RELATION_NAMES: [&str; RELATIONS.len()] = names_of!(RELATIONS);

/// A person holding a post: the direct triple of every row of `tenures.csv`.
pub const HOLDS: Relation = Relation {
    name: "holds",
    iri: org!("holds"),
    label: "holds",
    inverse_label: "is held by",
    family: None,
    edge: FORWARD,
    fills_post: false,
};

/// Someone taking part in an event: the direct triple of every row of `participations.csv`
/// (event first, as `schema:attendee` reads).
pub const PARTICIPANT: Relation = Relation {
    name: "participant",
    iri: kzlg!("participant"),
    label: "participant",
    inverse_label: "took part in",
    family: None,
    edge: FORWARD,
    fills_post: false,
};

/// The relation `statements.csv` names `name`.
pub fn relation(name: &str) -> Option<&'static Relation> {
    RELATIONS.iter().find(|r| r.name == name)
}

/// The relation whose IRI is `iri`, among the stated ones, tenures and participations.
pub fn relation_by_iri(iri: &str) -> Option<&'static Relation> {
    RELATIONS.iter().chain([&HOLDS, &PARTICIPANT]).find(|r| r.iri == iri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_iri_is_its_name_in_the_ontology_namespace() {
        for relation in &RELATIONS {
            assert_eq!(relation.iri, format!("{}{}", crate::vocab::KZLG, relation.name));
        }
    }

    #[test]
    fn families_are_found_by_relation_name() {
        assert_eq!(Family::of("electedBy"), Some(Family::Appointment));
        assert_eq!(Family::of("canOverride"), Some(Family::Veto));
        assert_eq!(Family::of("partOf"), None);
        assert_eq!(Family::of("nonsense"), None);
        assert_eq!(Family::ALL.map(Family::name)[3], "accountability");
    }
}
