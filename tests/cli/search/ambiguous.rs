//! Names a user would type that mean several entities, each with its whole candidate set worked
//! out by reading the tables: the best (equal scores, in id order) and all the others.

use std::collections::BTreeSet;

use super::resolve_all;

struct Case {
    query: &'static str,
    /// The candidates at the best score, in the order printed (by id).
    best: &'static [&'static str],
    /// Every other candidate, in any order.
    rest: Vec<&'static str>,
}

fn case(query: &'static str, best: &'static [&'static str], rest: &[&'static str]) -> Case {
    Case {
        query,
        best,
        rest: rest.to_vec(),
    }
}

/// The Petropavl seminar's eight sessions are named "Petropavl seminar 2002 session: …".
const PETROPAVL_SESSIONS: [&str; 8] = [
    "event:seminar-2002-session-budgets",
    "event:seminar-2002-session-change",
    "event:seminar-2002-session-citizen-participation",
    "event:seminar-2002-session-democracy",
    "event:seminar-2002-session-first-amendment",
    "event:seminar-2002-session-future-changes",
    "event:seminar-2002-session-law-on-local-government",
    "event:seminar-2002-session-local-vs-self-government",
];

/// Every other entity whose name has the word Petropavl: the city's maslikhat and its
/// secretary, three events in the city.
const PETROPAVL_OTHERS: [&str; 5] = [
    "body:maslikhat-petropavl",
    "post:maslikhat-secretary-petropavl",
    "event:akpf-seminar-petropavl-2002",
    "event:seminar-elected-leadership-petropavl-2002-02",
    "event:general-management-petropavl-planned-2002",
];

/// The city's maslikhat and its secretary, and the five events named "(Karaganda)".
const KARAGANDA_OTHERS: [&str; 7] = [
    "body:maslikhat-karaganda",
    "post:maslikhat-secretary-karaganda",
    "event:financial-management-ksk-karaganda-2002-01",
    "event:seminar-elected-leadership-karaganda-2002-02",
    "event:seminar-general-management-karaganda-2002-02",
    "event:seminar-ksk-management-karaganda-2002-01",
    "event:condo-financial-management-karaganda-planned-2002",
];

fn cases() -> Vec<Case> {
    vec![
        // Taraz was Zhambyl 1938–1997 (alias, former); Jambyl Region is Жамбыл облысы and Zhambyl
        // District (North Kazakhstan) also Zhambylsky, each "Zhambyl" but for a generic word. The
        // district's akim and akimat have the word in their names. Askarbek Mustafin only has it in
        // a quote, which is not a name.
        case(
            "Zhambyl",
            &["unit:jambyl-region", "unit:taraz", "unit:zhambyl-district-nko"],
            &["post:akim-zhambyl-district-nko", "body:akimat-zhambyl-district-nko"],
        ),
        // The same in Cyrillic.
        case(
            "Жамбыл",
            &["unit:jambyl-region", "unit:taraz", "unit:zhambyl-district-nko"],
            &["post:akim-zhambyl-district-nko", "body:akimat-zhambyl-district-nko"],
        ),
        // With "District", the district is the whole name; the region and Taraz keep the core word.
        case(
            "Zhambyl District",
            &["unit:zhambyl-district-nko"],
            &[
                "unit:jambyl-region",
                "unit:taraz",
                "post:akim-zhambyl-district-nko",
                "body:akimat-zhambyl-district-nko",
            ],
        ),
        // A surname, in Latin and Cyrillic: one person has it.
        case("Mustafin", &["person:askarbek-mustafin"], &[]),
        case("Мустафин", &["person:askarbek-mustafin"], &[]),
        // A given name: "Askarbek" is not Askar Nursha (too far for a near miss, and longer than
        // "Askar", so not a prefix of it).
        case("Askarbek", &["person:askarbek-mustafin"], &[]),
        // "Askar" is Askar Nursha's given name and begins Askarbek Mustafin's.
        case("Askar", &["person:askar-nursha"], &["person:askarbek-mustafin"]),
        // A slip in the surname still finds him.
        case("Mustafn", &["person:askarbek-mustafin"], &[]),
        // The press spelling of Tokayev, one slip from it; in Cyrillic it is a word of his name_ru.
        case("Tokaev", &["person:kassym-jomart-tokayev"], &[]),
        case("Токаев", &["person:kassym-jomart-tokayev"], &[]),
        case("Kassym-Jomart", &["person:kassym-jomart-tokayev"], &[]),
        // Petropavl's Russian name, and every entity named after the city.
        case(
            "Petropavlovsk",
            &["unit:petropavl"],
            &[&PETROPAVL_OTHERS[..], &PETROPAVL_SESSIONS[..]].concat(),
        ),
        case(
            "Петропавловск",
            &["unit:petropavl"],
            &[&PETROPAVL_OTHERS[..], &PETROPAVL_SESSIONS[..]].concat(),
        ),
        // The city's name and the region's short alias; then everything named after the city.
        case(
            "Karaganda",
            &["unit:karaganda", "unit:karaganda-region"],
            &KARAGANDA_OTHERS,
        ),
        // With "Region" the region is whole; the city keeps the core word.
        case(
            "Karaganda Region",
            &["unit:karaganda-region"],
            &[&["unit:karaganda"][..], &KARAGANDA_OTHERS[..]].concat(),
        ),
        // One surname, two people.
        case("Ospanov", &["person:kanat-ospanov", "person:serik-ospanov"], &[]),
        // One given name, three interns.
        case(
            "Vladimir",
            &[
                "person:vladimir-koloda",
                "person:vladimir-kolomiitsev",
                "person:vladimir-leonov",
            ],
            &[],
        ),
        // The city and Oral Sartaev's given name; three events in the city.
        case(
            "Oral",
            &["unit:oral", "person:oral-sartaev"],
            &[
                "event:seminar-general-management-oral-2002-02",
                "event:financial-management-3-4-oral-planned-2002",
                "event:seminar-financial-management-1-2-oral-2002-02",
            ],
        ),
        // Oral's Russian name.
        case("Uralsk", &["unit:oral"], &[]),
        // Astana's name 1994–1998, and the region that is still called so.
        case("Akmola", &["unit:akmola-region", "unit:astana"], &[]),
        // Former names of one city each.
        case("Nur-Sultan", &["unit:astana"], &[]),
        case("Semipalatinsk", &["unit:semey"], &[]),
        case("Alma-Ata", &["unit:almaty"], &[]),
        // The sources' misspelling of Kostanay Region (an alias); one slip from "Kostanay", the
        // city and the five events named after it.
        case(
            "Kostenai",
            &["unit:kostanay-region"],
            &[
                "unit:kostanay",
                "event:cbed-follow-up-visit-kostanay-2002",
                "event:cbed-presentation-kostanay-2002",
                "event:condo-financial-management-kostanay-planned-2002",
                "event:condo-management-kostanay-planned-2002",
                "event:seminar-elected-leadership-kostanay-2002-02",
            ],
        ),
        // The district (alias "Shal Akyn"), and its akim, akimat, maslikhat and secretary.
        case(
            "Shal Akyn",
            &["unit:shal-akyn-district"],
            &[
                "post:akim-shal-akyn-district",
                "body:akimat-shal-akyn-district",
                "body:maslikhat-shal-akyn-district",
                "post:maslikhat-secretary-shal-akyn-district",
            ],
        ),
        // The city, its akimat and maslikhat, its deputy akim and maslikhat secretary.
        case(
            "Zhezkazgan",
            &["unit:zhezkazgan"],
            &[
                "body:akimat-zhezkazgan",
                "body:maslikhat-zhezkazgan",
                "post:deputy-akim-zhezkazgan",
                "post:maslikhat-secretary-zhezkazgan",
            ],
        ),
        // The person, and the two events named with her name.
        case(
            "Kimble",
            &["person:deborah-kimble"],
            &[
                "event:kimble-economic-development-work-pavlodar-2002",
                "event:triangulation-cbed-ofa-pbb-pavlodar-2002",
            ],
        ),
        // The city, then the City of Tucson (the same but for "City"), then what is named after it.
        case(
            "Tucson",
            &["unit:tucson"],
            &[
                "kzorg:city-of-tucson",
                "post:mayor-of-tucson",
                "kzorg:tucson-city-council",
                "kzorg:tucson-solid-waste-department",
                "event:almaty-delegation-visit-tucson-2002",
                "event:tucson-city-council-meeting-2002",
                "event:meeting-tucson-mayor-2002",
                "program:rcp-almaty-tucson",
            ],
        ),
        // The three generic secretaries are "Secretary of the maslikhat of a city/district/region",
        // the same words but for generic ones; then every specific secretary, the Atyrau
        // secretary's article, and (by prefix: "Secretaries", "Maslikhats") the seminar session
        // on the future changes identified by akims and secretaries of maslikhats.
        case(
            "Maslikhat secretary",
            &[
                "post:maslikhat-secretary-city",
                "post:maslikhat-secretary-district",
                "post:maslikhat-secretary-region",
            ],
            &[
                "post:maslikhat-secretary-atyrau",
                "post:maslikhat-secretary-bayanaul-district",
                "post:maslikhat-secretary-karaganda",
                "post:maslikhat-secretary-mendykara-district",
                "post:maslikhat-secretary-petropavl",
                "post:maslikhat-secretary-shal-akyn-district",
                "post:maslikhat-secretary-zhezkazgan",
                "document:doc-atyrau-maslikhat-secretary-article",
                "event:seminar-2002-session-future-changes",
            ],
        ),
        // "akim": the five generic posts "Akim of a city / city district / district / region /
        // town" are the word but for generic ones. Then every other post with the word Akim (13),
        // the regional akimat through its alias "Akim's apparatus", four names with "akims" (the
        // Tucson meeting, a seminar session, the 2021 laws, a draft budget "by the akim/akimat"),
        // and, by prefix, every akimat (11), the three heads of akimat departments and the
        // akimat's local development programme.
        case(
            "akim",
            &[
                "post:akim-city",
                "post:akim-city-district",
                "post:akim-district",
                "post:akim-region",
                "post:akim-town",
            ],
            &[
                "post:akim-altynsarin-district",
                "post:akim-any-level",
                "post:akim-denisov-district",
                "post:akim-rural-district",
                "post:akim-shal-akyn-district",
                "post:akim-village",
                "post:akim-zhambyl-district-nko",
                "post:akim-zhanaarka-district",
                "post:deputy-akim-city",
                "post:deputy-akim-district",
                "post:deputy-akim-region",
                "post:deputy-akim-rudny",
                "post:deputy-akim-zhezkazgan",
                "body:akimat-region",
                "event:meeting-tucson-mayor-2002",
                "event:seminar-2002-session-future-changes",
                "law:laws-direct-election-rural-akims-2021",
                "document:doc-local-draft-budget",
                "body:akimat-city",
                "body:akimat-district",
                "body:akimat-altynsarin-district",
                "body:akimat-denisov-district",
                "body:akimat-ekibastuz",
                "body:akimat-north-kazakhstan-region",
                "body:akimat-rudny",
                "body:akimat-shal-akyn-district",
                "body:akimat-zhambyl-district-nko",
                "body:akimat-zhanaarka-district",
                "body:akimat-zhezkazgan",
                "post:head-akimat-department-city",
                "post:head-akimat-department-district",
                "post:head-akimat-department-region",
                "program:local-socio-economic-development-programme",
            ],
        ),
    ]
}

#[test]
fn ambiguous_names_find_their_whole_candidate_sets() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let names: Vec<String> = cases.iter().map(|c| c.query.to_owned()).collect();
    let found = resolve_all(&names);
    let mut failures = Vec::new();
    for case in &cases {
        let candidates = found.get(case.query).map(Vec::as_slice).unwrap_or_default();
        let entities: Vec<&str> = candidates.iter().map(|c| c.entity.as_str()).collect();
        let best_score = candidates.first().map(|c| c.score);
        let best: Vec<&str> = candidates
            .iter()
            .take_while(|c| Some(c.score) == best_score)
            .map(|c| c.entity.as_str())
            .collect();
        let rest: BTreeSet<&str> = entities[best.len()..].iter().copied().collect();
        let expected_rest: BTreeSet<&str> = case.rest.iter().copied().collect();
        if best != case.best || rest != expected_rest {
            failures.push(format!(
                "{:?}: best {best:?} (expected {:?}); missing {:?}; unexpected {:?}",
                case.query,
                case.best,
                expected_rest.difference(&rest).collect::<Vec<_>>(),
                rest.difference(&expected_rest).collect::<Vec<_>>(),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
