#!/usr/bin/env python3
"""The query peer: pyoxigraph bulk-loads the same kzlg.nq into memory and runs the same SPARQL.

    python3 bench/peer_query.py GRAPH.nq QUERY.rq PREFIXES.ttl

Prints the number of result rows. The prefixes are read from the @prefix lines of kzlg.ttl,
so the query text is exactly the catalogue's. Catalogue queries that call `kzlg:holdsOn` get it
as a pyoxigraph custom function: the rule of src/sparql_functions.rs (mirrored for rdflib in
tests/python/catalogue_rdflib.py), in Python.
"""
import re
import sys

import pyoxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = {1: XSD + "gYear", 2: XSD + "gYearMonth", 3: XSD + "date"}
DATE_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def placed(term):
    """A date with a year as a tuple, () for the empty string (an end no source gives), None for
    anything else (the function is then unbound; dates without a year are never placed)."""
    if not isinstance(term, pyoxigraph.Literal) or term.language:
        return None
    datatype = term.datatype.value
    if term.value == "" and datatype == XSD + "string":
        return ()
    match = DATE_FORM.fullmatch(term.value)
    if match is None:
        return None
    date = tuple(int(g) for g in match.groups() if g is not None)
    return date if datatype in (XSD + "string", DATATYPES[len(date)]) else None


def coarse(a, b):
    known = min(len(a), len(b))
    return (a[:known] > b[:known]) - (a[:known] < b[:known])


def holds_on(start, until, date):
    start, until, date = placed(start), placed(until), placed(date)
    if start is None or until is None or not date:
        return None
    started = not start or coarse(start, date) <= 0
    ended = bool(until) and coarse(until, date) <= 0
    return pyoxigraph.Literal(started and not ended)


def main():
    graph, query_path, prefixes_path = sys.argv[1:4]
    prefixes = []
    for line in open(prefixes_path, encoding="utf-8"):
        match = re.match(r"@prefix (\S*): <([^>]*)> \.", line)
        if not match:
            break
        prefixes.append(f"PREFIX {match.group(1)}: <{match.group(2)}>")
    store = pyoxigraph.Store()
    store.bulk_load(path=graph, format=pyoxigraph.RdfFormat.N_QUADS)
    # kzlg query adds the bundled ontology in its own named graph (src/store.rs); catalogue queries
    # read the relations' labels from it, so the peer holds it too.
    ontology = pyoxigraph.NamedNode("https://w3id.org/kzlg/ontology")
    store.bulk_load(path="ontology/kzlg.ttl", format=pyoxigraph.RdfFormat.TURTLE, to_graph=ontology)
    query = "\n".join(prefixes) + "\n" + open(query_path, encoding="utf-8").read()
    functions = {pyoxigraph.NamedNode("https://w3id.org/kzlg/ontology#holdsOn"): holds_on}
    print(sum(1 for _ in store.query(query, custom_functions=functions)))


if __name__ == "__main__":
    main()
