#!/usr/bin/env python3
"""Independent checks with rdflib, a third-party RDF library:

1. the three serialisations `kzlg build` writes (kzlg.ttl, kzlg.nq, kzlg.jsonld) parse into the
   same graph: isomorphic, with the same number of triples as kzlg.nq has lines;
2. the ontology parses, declares every class and property the data uses (terms of W3C and
   community vocabularies excepted), and gives every class an rdfs:label.

    python3 tests/python/roundtrip.py target/release/kzlg
"""
import os
import subprocess
import sys
import tempfile

import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KZLG = "https://w3id.org/kzlg/ontology#"
# Vocabularies kzlg reuses; their terms are declared by their own ontologies.
EXTERNAL = ("http://www.w3.org/", "http://xmlns.com/foaf/0.1/", "https://schema.org/", "http://purl.org/dc/terms/",
            "http://data.europa.eu/eli/ontology#", "http://www.wikidata.org/", "https://sws.geonames.org/",
            "http://rdfs.org/ns/void#")


def check_serialisations(kzlg, tables, out, failures):
    subprocess.run([kzlg, "--tables", tables, "build", "--out", out, "--quiet"], check=True, cwd=ROOT)
    with open(os.path.join(out, "kzlg.nq"), encoding="utf-8") as f:
        lines = sum(1 for _ in f)
    nq = rdflib.Dataset()
    nq.parse(os.path.join(out, "kzlg.nq"), format="nquads")
    reference = rdflib.Graph()
    for s, p, o, _ in nq.quads((None, None, None, None)):
        reference.add((s, p, o))
    for name, fmt in (("kzlg.ttl", "turtle"), ("kzlg.jsonld", "json-ld")):
        graph = rdflib.Graph().parse(os.path.join(out, name), format=fmt)
        if len(graph) != lines or not isomorphic(graph, reference):
            failures.append(f"{tables}: {name} has {len(graph)} triples, kzlg.nq {lines}; isomorphic: "
                            f"{isomorphic(graph, reference)}")
    if len(reference) != lines:
        failures.append(f"{tables}: kzlg.nq has {lines} lines but rdflib reads {len(reference)} triples")
    print(f"  {tables}: kzlg.nq, kzlg.ttl, kzlg.jsonld: {lines} triples, isomorphic")
    return reference


def check_ontology(graphs, failures):
    ontology = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "kzlg.ttl"), format="turtle")
    if len(list(ontology.subjects(RDF.type, OWL.Ontology))) != 1:
        failures.append("the ontology does not declare exactly one owl:Ontology")
    declared = set(ontology.subjects(RDF.type, None))
    used = set()
    for graph in graphs:
        used.update(p for p in graph.predicates())
        used.update(o for o in graph.objects(None, RDF.type))
        used.update(o for s, p, o in graph if isinstance(o, rdflib.URIRef) and str(o).startswith(KZLG))
    undeclared = sorted(str(t) for t in used if not str(t).startswith(EXTERNAL) and t not in declared)
    if undeclared:
        failures.append(f"terms used by the data but not declared in the ontology: {undeclared}")
    classes = set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDF.type, RDFS.Class))
    unlabelled = sorted(str(c) for c in classes if isinstance(c, rdflib.URIRef) and ontology.value(c, RDFS.label) is None)
    if unlabelled:
        failures.append(f"classes without rdfs:label: {unlabelled}")
    print(f"  ontology: {len(ontology)} triples, {len(classes)} classes, {len(used)} terms used by the data, "
          f"{len(undeclared)} undeclared, {len(unlabelled)} unlabelled")


def main():
    kzlg = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        graphs = [check_serialisations(kzlg, tables, os.path.join(tmp, name), failures)
                  for name, tables in (("fixture", "tests/fixtures/good"), ("bundled", "extracted"))]
        check_ontology(graphs, failures)
    for failure in failures:
        print(f"FAIL {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
