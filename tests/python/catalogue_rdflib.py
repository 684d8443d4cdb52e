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
from rdflib.plugins.sparql.parserutils import CompValue

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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


def kzlg_rows(kzlg, name, data):
    result = subprocess.run([kzlg, "query", name, "--format", "json", "--data", data],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"kzlg query {name} failed:\n{result.stderr}")
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
        names = set()
        for path in sorted(glob.glob(os.path.join(ROOT, "queries", "*.rq"))):
            name = os.path.basename(path)[:-3]
            names.add(name)
            text = open(path, encoding="utf-8").read()
            if "SERVICE <" in text:
                print(f"  {name}: asks a remote endpoint (SERVICE), skipped")
                continue
            try:
                our_vars, ours = kzlg_rows(kzlg, name, data)
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
