#!/usr/bin/env python3
"""A second SPARQL engine checks the catalogue: every query of queries/*.rq (but those that ask a
remote endpoint with SERVICE) gives the same answer when rdflib's own SPARQL 1.1 engine evaluates
it on the graph `kzlg build` writes as when `kzlg query` (Oxigraph) does.

    python3 tests/python/catalogue_rdflib.py target/release/kzlg

The prefixes the catalogue relies on are those `kzlg query` predeclares: the @prefix lines of the
built kzlg.ttl. Results are compared row for row, as RDF terms (IRI; literal value, datatype and
language; blank nodes by their place in the row): as multisets, or, when the query has ORDER BY,
in order, rows tied on the ORDER BY keys being free to come in any order. A difference is a bug in
a query or in an engine. A known bug of a query is listed in EXPECTED_DIFFERENCES, with why, until
the query is fixed; an engine behaviour that explains a difference is normalised in normalise()
only, documented there and kept as a minimal reproduction (a .ttl, a .rq and a line of README)
in tests/python/engine_cases/.

`kzlg query` has functions of its own for dates at their precision (kzlg:holdsOn and others,
src/sparql_functions.rs, docs/sparql-functions.md); they are registered with rdflib below, the
same rules in Python, and FUNCTION_QUERIES checks that both engines give them the same values.
"""
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.operators import register_custom_function
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import SPARQLError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# The date functions of `kzlg query` (src/sparql_functions.rs), the same rules in Python. A date
# is (year, month, day), None for what the source does not give; an argument that is not a date
# (or a question a date without a year cannot answer) raises SPARQLError: the value is unbound.
KZLG = "https://w3id.org/kzlg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_FORM = re.compile(r"--([0-9]{2})-([0-9]{2})|([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def days_in_month(year, month):
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def precision_of(date):
    year, month, day = date
    return "month-day" if year is None else "year" if month is None else "month" if day is None else "day"


DATATYPES = {"year": XSD + "gYear", "month": XSD + "gYearMonth", "day": XSD + "date", "month-day": XSD + "gMonthDay"}


def date_of(term):
    """A date literal whose form is that of its type, or a plain string in one of the forms."""
    match = DATE_FORM.fullmatch(str(term)) if isinstance(term, rdflib.Literal) and not term.language else None
    if match is None:
        raise SPARQLError(f"not a date: {term!r}")
    no_year_month, no_year_day, year, month, day = (None if g is None else int(g) for g in match.groups())
    if year is None:
        year, month, day = None, no_year_month, no_year_day
    if month is not None and not 1 <= month <= 12:
        raise SPARQLError(f"no such month: {term}")
    # A day without its year is checked against a leap year: February 29 exists in some year.
    if day is not None and not 1 <= day <= days_in_month(2000 if year is None else year, month):
        raise SPARQLError(f"no such day: {term}")
    date = (year, month, day)
    if str(term.datatype or XSD_STRING) not in (XSD_STRING, DATATYPES[precision_of(date)]):
        raise SPARQLError(f"{term} is not a {term.datatype}")
    return date


def placed(term):
    """A date that has a year; an empty string (an end no source gives) is None."""
    if isinstance(term, rdflib.Literal) and str(term) == "" and str(term.datatype or XSD_STRING) == XSD_STRING:
        return None
    date = date_of(term)
    if date[0] is None:
        raise SPARQLError(f"{term} has no year")
    return date


def cmp_coarse(a, b):
    """-1, 0 or 1 at the coarser precision (2001 equals 2001-06-15); SPARQLError without a year."""
    if a[0] is None or b[0] is None:
        raise SPARQLError("a date without a year has no order")
    known = min(len([part for part in date if part is not None]) for date in (a, b))
    a, b = a[:known], b[:known]
    return (a > b) - (a < b)


def holds_on(start, until, date):
    start, until, date = placed(start), placed(until), placed(date)
    if date is None:
        raise SPARQLError("the date asked about cannot be empty")
    started = start is None or cmp_coarse(start, date) <= 0
    ended = until is not None and cmp_coarse(until, date) <= 0
    return rdflib.Literal(started and not ended)


def a_day(year, month, day):
    return rdflib.Literal(f"{year:04}-{month:02}-{day:02}", datatype=rdflib.URIRef(XSD + "date"))


def earliest(date):
    year, month, day = date_of(date)
    if year is None:
        raise SPARQLError(f"{date} has no year")
    return a_day(year, month or 1, day or 1)


def latest(date):
    year, month, day = date_of(date)
    if year is None:
        raise SPARQLError(f"{date} has no year")
    return a_day(year, month or 12, day or days_in_month(year, month or 12))


for name, function in {
    "holdsOn": holds_on,
    "earliest": earliest,
    "latest": latest,
    "compareDates": lambda a, b: rdflib.Literal(cmp_coarse(date_of(a), date_of(b))),
    "before": lambda a, b: rdflib.Literal(cmp_coarse(date_of(a), date_of(b)) < 0),
    "precision": lambda date: rdflib.Literal(precision_of(date_of(date))),
}.items():
    register_custom_function(rdflib.URIRef(KZLG + name), function, override=True)

# Queries that check the functions above against kzlg's on hand-worked cases and on the graph's
# statement dates, beside the catalogue (which may not use every function).
FUNCTION_QUERIES = {
    "functions-on-literals": """
SELECT ?from ?until ?date ?holds ?first ?last ?order ?before ?precision WHERE {
  VALUES (?from ?until ?date) {
    ("2001" "" "2001-06-15") ("2001-01-23" "2013-08" "2013-08-05") ("" "2021-05-24" "2002")
    ("2001"^^xsd:gYear "" "2001-06-15"^^xsd:date) ("2001-06"^^xsd:gYear "" "2002") ("2004-02" "" "2004")
    ("--04-19" "" "2002-04-19") ("" "" "--02-29") ("" "2002-11"^^xsd:gYearMonth "2002-11-05")
    ("2002-13" "" "2002") ("" "" "") (2001 "" "2002") ("2001"@en "" "2002")
  }
  BIND(kzlg:holdsOn(?from, ?until, ?date) AS ?holds)
  BIND(kzlg:earliest(?from) AS ?first)
  BIND(kzlg:latest(?from) AS ?last)
  BIND(kzlg:compareDates(?from, ?date) AS ?order)
  BIND(kzlg:before(?from, ?date) AS ?before)
  BIND(kzlg:precision(?date) AS ?precision)
}""",
    "functions-on-statements": """
SELECT ?s ?from ?until ?attested ?on ?holds ?first ?last ?precision WHERE {
  VALUES ?on { "1995" "2002-07-21" "2013-08-05" "2026-12-01" }
  ?s kzlg:predicate ?p .
  OPTIONAL { ?s kzlg:validFrom ?from }
  OPTIONAL { ?s kzlg:validUntil ?until }
  OPTIONAL { ?s kzlg:attestedOn ?attested }
  BIND(kzlg:holdsOn(COALESCE(?from, ?attested, ""), COALESCE(?until, ""), ?on) AS ?holds)
  BIND(kzlg:earliest(COALESCE(?from, ?attested)) AS ?first)
  BIND(kzlg:latest(?until) AS ?last)
  BIND(kzlg:precision(COALESCE(?from, ?attested, ?until)) AS ?precision)
}""",
}

# The one place for queries known to give a different answer on the two engines because the
# query itself is wrong: name -> why. The check reports them as expected failures, and fails
# when one of them agrees again (then remove its entry).
EXPECTED_DIFFERENCES = {
}


def prefixes_of(turtle_path):
    """The @prefix lines of a Turtle file: {prefix: namespace}."""
    table = {}
    with open(turtle_path, encoding="utf-8") as f:
        for line in f:
            match = re.match(r"@prefix\s+(\S*):\s*<([^>]*)>\s*\.", line)
            if match:
                table[match.group(1)] = match.group(2)
    return table


def term_from_json(value):
    """A SPARQL 1.1 Query Results JSON term as a comparable tuple (blank nodes keep their label)."""
    kind = value["type"]
    if kind == "uri":
        return ("iri", value["value"])
    if kind == "bnode":
        return ("bnode", value["value"])
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        datatype = RDF_LANGSTRING if language else value.get("datatype", XSD_STRING)
        return ("literal", value["value"], datatype, (language or "").lower())
    raise ValueError(f"unknown term type {kind!r}")


def term_from_rdflib(term):
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term))
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term))
    if isinstance(term, rdflib.Literal):
        language = term.language
        datatype = RDF_LANGSTRING if language else str(term.datatype or XSD_STRING)
        return ("literal", str(term), datatype, (language or "").lower())
    raise ValueError(f"unknown term {term!r}")


def blank_nodes_by_position(row):
    """Blank nodes renamed by the place of their first occurrence in the row."""
    seen = {}
    renamed = []
    for term in row:
        if term is not None and term[0] == "bnode":
            term = ("bnode", seen.setdefault(term[1], len(seen)))
        renamed.append(term)
    return tuple(renamed)


def normalise(row):
    """Engine behaviours normalised away, each with its case in tests/python/engine_cases/: none so
    far, the two engines agree on every term of every row."""
    return row


def kzlg_rows(kzlg, query, data):
    """kzlg's answer to `query`: a catalogue name, or ["-e", text]."""
    query = [query] if isinstance(query, str) else query
    result = subprocess.run([kzlg, "query", *query, "--format", "json", "--data", data],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"kzlg query {query[-1]} failed:\n{result.stderr}")
    answer = json.loads(result.stdout)
    variables = answer["head"]["vars"]
    rows = [normalise(blank_nodes_by_position(tuple(
        term_from_json(binding[v]) if v in binding else None for v in variables)))
        for binding in answer["results"]["bindings"]]
    return variables, rows


def rdflib_rows(dataset, text, prefixes):
    result = dataset.query(text, initNs=prefixes)
    variables = [str(v) for v in result.vars]
    rows = [normalise(blank_nodes_by_position(tuple(term_from_rdflib(row[v]) for v in result.vars)))
            for row in result]
    return variables, rows


def order_keys(text, prefixes, variables):
    """The columns of the ORDER BY keys, in order, up to the first key that is not a projected
    variable (rows tied on that prefix of the keys may then come in any order); None without
    ORDER BY."""
    algebra = prepareQuery(text, initNs=prefixes).algebra
    conditions = None

    def find(node):
        nonlocal conditions
        if isinstance(node, CompValue):
            if node.name == "OrderBy" and conditions is None:
                conditions = node.expr
            for value in node.values():
                find(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                find(value)

    find(algebra)
    if conditions is None:
        return None
    columns = []
    for condition in conditions:
        expr = condition.expr if isinstance(condition, CompValue) and condition.name == "OrderCondition" else condition
        if not isinstance(expr, rdflib.Variable) or str(expr) not in variables:
            break
        columns.append(variables.index(str(expr)))
    return columns


def show(term):
    if term is None:
        return "(unbound)"
    if term[0] == "iri":
        return f"<{term[1]}>"
    if term[0] == "bnode":
        return f"_:b{term[1]}"
    _, value, datatype, language = term
    return json.dumps(value, ensure_ascii=False) + (f"@{language}" if language else
                                                    "" if datatype == XSD_STRING else f"^^<{datatype}>")


def show_row(variables, row):
    return "  ".join(f"?{v}={show(t)}" for v, t in zip(variables, row))


def differences(variables, ours, theirs, keys):
    """Lines describing how two results differ, empty when they agree."""
    lines = []
    if len(ours) != len(theirs):
        lines.append(f"kzlg has {len(ours)} rows, rdflib {len(theirs)}")
    if keys is None:
        groups = [(None, ours, theirs)]
    else:
        def runs(rows):
            found = []
            for row in rows:
                key = tuple(row[i] for i in keys)
                if found and found[-1][0] == key:
                    found[-1][1].append(row)
                else:
                    found.append((key, [row]))
            return found
        our_runs, their_runs = runs(ours), runs(theirs)
        groups = []
        for i in range(max(len(our_runs), len(their_runs))):
            a = our_runs[i] if i < len(our_runs) else (None, [])
            b = their_runs[i] if i < len(their_runs) else (None, [])
            if a[0] != b[0]:
                lines.append(f"the order differs from row {sum(len(r[1]) for r in our_runs[:i]) + 1} on:")
                lines.extend(f"  kzlg:   {show_row(variables, row)}" for row in a[1][:3])
                lines.extend(f"  rdflib: {show_row(variables, row)}" for row in b[1][:3])
                return lines
            groups.append((a[0], a[1], b[1]))
    for _, a, b in groups:
        only_ours = collections.Counter(a) - collections.Counter(b)
        only_theirs = collections.Counter(b) - collections.Counter(a)
        lines.extend(f"  only kzlg:   {show_row(variables, row)}" for row in only_ours.elements())
        lines.extend(f"  only rdflib: {show_row(variables, row)}" for row in only_theirs.elements())
    return lines


def main():
    kzlg = os.path.abspath(sys.argv[1])
    passed, failed, expected = 0, 0, 0
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([kzlg, "build", "--out", out, "--quiet"], check=True, cwd=ROOT)
        data = os.path.join(out, "kzlg.nq")
        prefixes = prefixes_of(os.path.join(out, "kzlg.ttl"))
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data, format="nquads")
        # `kzlg query` adds the bundled ontology to every store, in its own named graph (src/store.rs):
        # catalogue queries read the schema's labels of the relations from it.
        dataset.graph(rdflib.URIRef(KZLG.rstrip("#"))).parse(os.path.join(ROOT, "ontology", "kzlg.ttl"), format="turtle")
        queries = []  # (name, what kzlg query is given, text)
        for path in sorted(glob.glob(os.path.join(ROOT, "queries", "*.rq"))):
            name = os.path.basename(path)[:-3]
            queries.append((name, name, open(path, encoding="utf-8").read()))
        queries.extend((name, ["-e", text], text) for name, text in FUNCTION_QUERIES.items())
        names = {name for name, _, _ in queries}
        for name, query, text in queries:
            if "SERVICE <" in text:
                print(f"  {name}: asks a remote endpoint (SERVICE), skipped")
                continue
            try:
                our_vars, ours = kzlg_rows(kzlg, query, data)
                their_vars, theirs = rdflib_rows(dataset, text, prefixes)
                if our_vars != their_vars:
                    problems = [f"kzlg projects {our_vars}, rdflib {their_vars}"]
                else:
                    keys = order_keys(text, prefixes, our_vars)
                    problems = differences(our_vars, ours, theirs, keys)
            except Exception as error:  # an engine refusing the query is a difference too
                problems = [f"{type(error).__name__}: {error}"]
            if name in EXPECTED_DIFFERENCES:
                if problems:
                    expected += 1
                    print(f"  {name}: differs, as expected ({EXPECTED_DIFFERENCES[name]})")
                else:
                    failed += 1
                    print(f"FAIL {name}: agrees now, although EXPECTED_DIFFERENCES lists it: remove the entry")
            elif problems:
                failed += 1
                print(f"FAIL {name}:")
                for line in problems[:40]:
                    print(f"    {line}")
                if len(problems) > 40:
                    print(f"    ... and {len(problems) - 40} more lines")
            else:
                passed += 1
                print(f"  {name}: {len(ours)} rows, both engines agree")
        for name in sorted(set(EXPECTED_DIFFERENCES) - names):
            failed += 1
            print(f"FAIL {name}: listed in EXPECTED_DIFFERENCES, but there is no such query")
    if expected:
        print(f"{expected} expected to differ (EXPECTED_DIFFERENCES)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
