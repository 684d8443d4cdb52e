//! The date functions of `kzlg query` (kzlg:holdsOn and the others, docs/sparql-functions.md) on
//! literal arguments with hand-worked answers, and on the statement nodes of the graph.

use crate::support::{Workspace, assert_exit, stdout};

/// The CSV `kzlg query -e QUERY` prints for the workspace's tables, with `\r\n` made `\n`.
fn query(ws: &Workspace, query: &str) -> String {
    let output = ws.kzlg(&["--tables", "tables", "query", "-e", query, "--format", "csv"]);
    assert_exit(&output, 0);
    stdout(&output).replace("\r\n", "\n")
}

#[test]
fn holds_on_compares_at_the_coarser_precision() {
    let ws = Workspace::new();
    let answers = query(
        &ws,
        r#"SELECT ?from ?until ?date ?holds WHERE {
          VALUES (?from ?until ?date) {
            ("2001" "" "2001-06-15")
            ("2001" "" "2000-12-31")
            ("2001-01-23" "2013-08" "2013-07-31")
            ("2001-01-23" "2013-08" "2013-08-05")
            ("" "2021-05-24" "2002")
            ("" "2021-05-24" "2021-05-24")
            ("" "" "1900")
            ("2001"^^xsd:gYear "2013-08"^^xsd:gYearMonth "2002-07-21"^^xsd:date)
          }
          BIND(kzlg:holdsOn(?from, ?until, ?date) AS ?holds)
        }"#,
    );
    assert_eq!(
        answers,
        "from,until,date,holds
2001,,2001-06-15,true
2001,,2000-12-31,false
2001-01-23,2013-08,2013-07-31,true
2001-01-23,2013-08,2013-08-05,false
,2021-05-24,2002,true
,2021-05-24,2021-05-24,false
,,1900,true
2001,2013-08,2002-07-21,true
"
    );
}

#[test]
fn bad_arguments_leave_the_result_unbound() {
    let ws = Workspace::new();
    // Each row has one argument the function cannot read: no such day, a date in words, an empty
    // date asked about, a type that does not match the form, a number, a day of an unknown year.
    let answers = query(
        &ws,
        r#"SELECT ?case ?holds WHERE {
          VALUES (?case ?from ?until ?date) {
            (1 "2001" "" "2002-02-29")
            (2 "2001" "" "21 July 2002")
            (3 "2001" "" "")
            (4 "2001-06"^^xsd:gYear "" "2002")
            (5 2001 "" "2002")
            (6 "" "" "--04-19")
            (7 "--04-19" "" "2002")
          }
          BIND(kzlg:holdsOn(?from, ?until, ?date) AS ?holds)
        } ORDER BY ?case"#,
    );
    assert_eq!(answers, "case,holds\n1,\n2,\n3,\n4,\n5,\n6,\n7,\n");
}

#[test]
fn dates_span_compare_and_name_their_precision() {
    let ws = Workspace::new();
    let answers = query(
        &ws,
        r#"SELECT ?a ?b ?first ?last ?order ?before ?precision WHERE {
          VALUES (?a ?b) {
            ("2001" "2001-06-15")
            ("2004-02" "2004-03")
            ("2002-11-05"^^xsd:date "2002-11"^^xsd:gYearMonth)
            ("2003" "2002-12-31")
            ("--04-19"^^xsd:gMonthDay "2002-04-19")
          }
          BIND(kzlg:earliest(?a) AS ?first)
          BIND(kzlg:latest(?a) AS ?last)
          BIND(kzlg:compareDates(?a, ?b) AS ?order)
          BIND(kzlg:before(?a, ?b) AS ?before)
          BIND(kzlg:precision(?a) AS ?precision)
        }"#,
    );
    assert_eq!(
        answers,
        "a,b,first,last,order,before,precision
2001,2001-06-15,2001-01-01,2001-12-31,0,false,year
2004-02,2004-03,2004-02-01,2004-02-29,-1,true,month
2002-11-05,2002-11,2002-11-05,2002-11-05,0,false,day
2003,2002-12-31,2003-01-01,2003-12-31,1,false,year
--04-19,2002-04-19,,,,,month-day
"
    );
    // The values are typed: xsd:date for the days, xsd:integer and xsd:boolean for the answers.
    let output = ws.kzlg(&[
        "--tables",
        "tables",
        "query",
        "-e",
        r#"SELECT ?first ?order ?before ?precision WHERE {
          BIND(kzlg:earliest("2001") AS ?first) BIND(kzlg:compareDates("2001", "2002") AS ?order)
          BIND(kzlg:before("2001", "2002") AS ?before) BIND(kzlg:precision("2001") AS ?precision) }"#,
        "--format",
        "tsv",
    ]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "?first\t?order\t?before\t?precision\n\
         \"2001-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>\t-1\ttrue\t\"year\"\n"
    );
}

/// Rules in force on a date, as docs/sparql-functions.md asks it: the statement nodes with the
/// dates they carry (an attestation in place of a start, a replacement's start as the end).
const IN_FORCE: &str = r#"SELECT ?s ?holds WHERE {
  ?s a kzlg:RelationStatement .
  OPTIONAL { ?s kzlg:validFrom ?from }
  OPTIONAL { ?s kzlg:validUntil ?until }
  OPTIONAL { ?s kzlg:attestedOn ?attested }
  BIND(kzlg:holdsOn(COALESCE(?from, ?attested, ""), COALESCE(?until, ""), "DATE") AS ?holds)
} ORDER BY ?s"#;

#[test]
fn holds_on_reads_the_fixture_statement_dates() {
    let ws = Workspace::new();
    let dates = query(
        &ws,
        "SELECT ?s ?from ?precision ?first ?last WHERE { ?s a kzlg:RelationStatement ; kzlg:validFrom ?from . \
         BIND(kzlg:precision(?from) AS ?precision) BIND(kzlg:earliest(?from) AS ?first) BIND(kzlg:latest(?from) AS ?last) }",
    );
    assert_eq!(
        dates,
        "s,from,precision,first,last
https://w3id.org/kzlg/id/stmt/maslikhat-region-distrust-akim-region,2001,year,2001-01-01,2001-12-31
"
    );
    let stmt = "https://w3id.org/kzlg/id/stmt/";
    let undated =
        format!("{stmt}akim-district-appointed-by-akim-region,true\n{stmt}akim-region-dismissed-by-president,true\n");
    let valid_from_2001 = format!("{stmt}maslikhat-region-distrust-akim-region");
    assert_eq!(
        query(&ws, &IN_FORCE.replace("DATE", "2000")),
        format!("s,holds\n{undated}{valid_from_2001},false\n")
    );
    assert_eq!(
        query(&ws, &IN_FORCE.replace("DATE", "2001-06-15")),
        format!("s,holds\n{undated}{valid_from_2001},true\n")
    );
}

/// The good tables with rules of every kind of date in `statements.csv`.
fn dated_rules() -> Workspace {
    let ws = Workspace::new();
    // Distrust by two-thirds from 23 January 2001, replaced in August 2013 by a new rule; an
    // appointment practice seen in 2002 and ended on 24 May 2021; a rule no source dates.
    ws.write(
        "tables/statements.csv",
        "id,subject,predicate,object,basis,legal_basis,valid_from,valid_until,attested_on,replaced_by,condition,contradicts,note,source,evidence,line
distrust-2001,maslikhat-region,canExpressDistrustIn,akim-region,de_jure,lsg-law-art-24,2001-01-23,,,distrust-2013,two-thirds of total votes,,,relations,Maslikhat has the right to express distrust to the Akim by two-thirds of total votes,49
distrust-2013,maslikhat-region,canExpressDistrustIn,akim-region,de_jure,lsg-law-art-24,2013-08,,,,a majority of votes,,,relations,Maslikhat has the right to express distrust to the Akim by two-thirds of total votes,49
appointment-practice,akim-district,appointedBy,akim-region,de_facto,,,2021-05-24,2002,,,,,relations,most Akims of this level are appointees of respective oblast Akim,32
dismissal,akim-region,dismissedBy,president,de_facto,,,,,,,,,relations,can be dismissed only by the President,21
",
    );
    ws
}

#[test]
fn holds_on_follows_replacements_and_attestations() {
    let ws = dated_rules();
    let stmt = "https://w3id.org/kzlg/id/stmt/";
    let in_force = |date: &str| {
        query(&ws, &IN_FORCE.replace("DATE", date))
            .lines()
            .skip(1)
            .map(|line| line.strip_prefix(stmt).unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        in_force("2001"),
        "appointment-practice,false dismissal,true distrust-2001,true distrust-2013,false"
    );
    assert_eq!(
        in_force("2002-07-21"),
        "appointment-practice,true dismissal,true distrust-2001,true distrust-2013,false"
    );
    // August 2013: the old rule may have ended on any day of it, the new one holds in that month.
    assert_eq!(
        in_force("2013-08-05"),
        "appointment-practice,true dismissal,true distrust-2001,false distrust-2013,true"
    );
    assert_eq!(
        in_force("2024"),
        "appointment-practice,false dismissal,true distrust-2001,false distrust-2013,true"
    );
}

#[test]
fn holds_on_the_dataset_date_is_the_direct_triples() {
    // The view writes a direct triple when a rule stating it is in force on the dataset's date:
    // holdsOn on the statement nodes must find the same triples (a replaced rule and the rule
    // that replaced it state one triple).
    let ws = dated_rules();
    let answers = query(
        &ws,
        r#"SELECT ?a ?p ?b ?holds ?direct WHERE {
          {
            SELECT ?a ?p ?b (SUM(IF(?in_force, 1, 0)) > 0 AS ?holds) WHERE {
              ?dataset kzlg:sourceKind "dataset" ; dcterms:date ?today .
              ?s a kzlg:RelationStatement ; kzlg:subject ?a ; kzlg:predicate ?p ; kzlg:object ?b .
              OPTIONAL { ?s kzlg:validFrom ?from }
              OPTIONAL { ?s kzlg:validUntil ?until }
              OPTIONAL { ?s kzlg:attestedOn ?attested }
              BIND(kzlg:holdsOn(COALESCE(?from, ?attested, ""), COALESCE(?until, ""), ?today) AS ?in_force)
            } GROUP BY ?a ?p ?b
          }
          BIND(EXISTS { ?a ?p ?b } AS ?direct)
        } ORDER BY ?a ?p ?b"#,
    );
    let rows: Vec<&str> = answers.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{answers}");
    assert!(
        answers.contains(",true,true") && answers.contains(",false,false"),
        "{answers}"
    );
    for row in rows {
        let [.., holds, direct] = row.split(',').collect::<Vec<_>>()[..] else {
            panic!("{row}")
        };
        assert_eq!(holds, direct, "{row}");
    }
}
