//! The types of administrative-territorial unit, from the country down to the village: the
//! choices of `units.csv`'s `type` and of the `level` of generic posts and bodies.

/// One type of unit.
#[derive(Debug)]
pub struct UnitType {
    /// The class name (`kzlg:Region`).
    pub name: &'static str,
    /// The types a unit of this type usually lies directly in: the tree from Country down.
    pub within: &'static [&'static str],
    /// The broader unit type this one is a subclass of in the ontology (a village is a settlement).
    pub subclass_of: Option<&'static str>,
    /// A unit at the level of a region: it opens a KATO region prefix, and the exports name it as
    /// the `region` of everything inside it.
    pub regional: bool,
    /// Other words for it that a curator may type (`oblast`), for hints.
    pub also_called: &'static [&'static str],
    /// The coarse kinds an external dataset's type may match when linking (`city`, `region`).
    pub matches: &'static [&'static str],
}

macro_rules! unit {
    ($name:literal in [$($within:literal),*], $sub:expr, $regional:literal, [$($also:literal),*], [$($kind:literal),*]) => {
        UnitType {
            name: $name,
            within: &[$($within),*],
            subclass_of: $sub,
            regional: $regional,
            also_called: &[$($also),*],
            matches: &[$($kind),*],
        }
    };
}

/// Every unit type, from the centre down: the order of the picture's ranks.
pub const UNIT_TYPES: [UnitType; 10] = [
    unit!("Country" in [], None, false, [], ["country"]),
    unit!("Region" in ["Country"], None, true, ["oblast"], ["region"]),
    unit!("CityOfRepublicanSignificance" in ["Country"], None, true, [], ["city", "region"]),
    unit!("City" in ["Region", "District"], None, false, [], ["city"]),
    unit!("District" in ["Region"], None, false, ["rayon", "raion"], ["district"]),
    unit!("CityDistrict" in ["CityOfRepublicanSignificance", "City"], None, false, [], ["district"]),
    unit!("RuralDistrict" in ["District", "City"], None, false, [], ["district"]),
    unit!("Settlement" in ["District", "RuralDistrict"], None, false, ["village", "town", "aul"], ["settlement"]),
    unit!("Town" in ["District"], Some("Settlement"), false, [], ["city"]),
    unit!("Village" in ["RuralDistrict", "District"], Some("Settlement"), false, [], ["settlement"]),
];

/// The names of [`UNIT_TYPES`], the choices of the columns that name a unit type.
pub const UNIT_TYPE_NAMES: [&str; UNIT_TYPES.len()] = names_of!(UNIT_TYPES);

/// The unit type called `name`.
pub fn unit_type(name: &str) -> Option<&'static UnitType> {
    UNIT_TYPES.iter().find(|t| t.name == name)
}

/// Whether units of the type `name` stand at the level of a region.
pub fn is_regional(name: &str) -> bool {
    unit_type(name).is_some_and(|t| t.regional)
}

/// The unit type a curator's word stands for (`oblast` → `Region`), if it is another name of one.
pub fn unit_type_called(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    UNIT_TYPES
        .iter()
        .find(|t| t.also_called.contains(&word.as_str()))
        .map(|t| t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_names_only_declared_types() {
        for (i, unit) in UNIT_TYPES.iter().enumerate() {
            for parent in unit.within {
                assert!(
                    UNIT_TYPE_NAMES.contains(parent) && parent != &unit.name,
                    "{} lies in {parent}",
                    unit.name
                );
            }
            if let Some(broader) = unit.subclass_of {
                let position = UNIT_TYPE_NAMES.iter().position(|n| *n == broader);
                assert!(position.is_some_and(|p| p < i), "{} is a {broader}", unit.name);
            }
        }
    }

    #[test]
    fn other_names_lead_to_their_type() {
        assert_eq!(unit_type_called("Oblast"), Some("Region"));
        assert_eq!(unit_type_called("raion"), Some("District"));
        assert_eq!(unit_type_called("aul"), Some("Settlement"));
        assert!(is_regional("CityOfRepublicanSignificance"));
        assert!(!is_regional("District"));
    }
}
