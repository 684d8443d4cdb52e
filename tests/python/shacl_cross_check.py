#!/usr/bin/env python3
"""Both SHACL engines agree: `kzlg validate` (rudof, in Rust) and pySHACL give the same verdict and
the same violations (focus node, path, constraint component) on the same graphs and shapes; and
the shapes hold under RDFS entailment of the ontology: pySHACL with inference="rdfs" and
ontology/kzlg.ttl as its ontology graph gives that verdict and those violations too.

    python3 tests/python/shacl_cross_check.py target/release/kzlg

The graphs: the good fixture and the bundled data as `kzlg build` writes them, broken graphs
made from the fixture by one mutation each, every one of which must break the shape it aims at,
and variants of the fixture that must still conform.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import pyshacl
import rdflib
from rdflib.namespace import SH
from rdflib.plugins.sparql import processor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHAPES = os.path.join(ROOT, "ontology", "shapes.ttl")
ONTOLOGY = os.path.join(ROOT, "ontology", "kzlg.ttl")

# Each mutation edits the fixture's Turtle (kzlg.ttl, one subject per block) and names the
# constraint component it must trigger, on which focus node.
MUTATIONS = [
    ("quote removed", 'person:askarbek-mustafin a foaf:Person ;', None,
     lambda t: t.replace('\tkzlg:evidence "Askarbek Mustafin" ;\n', "", 1),
     ("person:askarbek-mustafin", "sh:OrConstraintComponent")),
    ("second English label", None, None,
     lambda t: t.replace('rdfs:label "Askarbek Mustafin"@en', 'rdfs:label "Askarbek Mustafin"@en , "A. Mustafin"@en', 1),
     ("person:askarbek-mustafin", "sh:UniqueLangConstraintComponent")),
    ("unknown post type", None, None,
     lambda t: t.replace("kzlg:postType kzlg:Akim", "kzlg:postType kzlg:Emir", 1),
     ("post:akim-district", "sh:InConstraintComponent")),
    ("tenure ends before it starts", None, None,
     lambda t: t.replace('kzlg:attestedOn "2002-11"^^xsd:gYearMonth',
                         'kzlg:attestedOn "2002-11"^^xsd:gYearMonth ;\n\tkzlg:start "2003"^^xsd:gYear ;\n\tkzlg:end "2002-06"^^xsd:gYearMonth', 1),
     ("stmt:tenure-alfiya-solovyova-2002", "sh:SPARQLConstraintComponent")),
    ("basis removed", None, None,
     lambda t: t.replace("\tkzlg:basis kzlg:DeFacto ;\n", "", 1),
     ("stmt:akim-district-appointed-by-akim-region", "sh:SPARQLConstraintComponent")),
    ("a person holds a unit", None, None,
     lambda t: t.replace('foaf:familyName "Mustafin" ;', 'foaf:familyName "Mustafin" ;\n\torg:holds unit:petropavl ;', 1),
     ("person:askarbek-mustafin", "sh:ClassConstraintComponent")),
    ("malformed KATO code", None, None,
     lambda t: t.replace('kzlg:iso3166_2 "KZ-59"', 'kzlg:iso3166_2 "KZ-59" ;\n\tkzlg:kato "59"', 1),
     ("unit:north-kazakhstan-region", "sh:PatternConstraintComponent")),
    ("direct triple missing", None, None,
     lambda t: t.replace("\tkzlg:appointedBy post:akim-region ;\n", "", 1),
     ("stmt:akim-district-appointed-by-akim-region", "sh:SPARQLConstraintComponent")),
    ("source without its source", None, None,
     lambda t: t.replace("\tprov:wasDerivedFrom source:relations ;\n", "", 1),
     ("body:akimat-district", "sh:MinCountConstraintComponent")),
    ("a unit of two unit types", None, None,
     lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                         "unit:petropavl a kzlg:AdministrativeUnit , kzlg:City , kzlg:Region ;", 1),
     ("unit:petropavl", "sh:QualifiedMaxCountConstraintComponent")),
    ("a settlement that is a city too", None, None,
     lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                         "unit:petropavl a kzlg:AdministrativeUnit , kzlg:City , kzlg:Settlement ;", 1),
     ("unit:petropavl", "sh:QualifiedMaxCountConstraintComponent")),
    ("a village that is a city too", None, None,
     lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                         "unit:petropavl a kzlg:AdministrativeUnit , kzlg:City , kzlg:Village ;", 1),
     ("unit:petropavl", "sh:QualifiedMaxCountConstraintComponent")),
    ("a town that is a village too", None, None,
     lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                         "unit:petropavl a kzlg:AdministrativeUnit , kzlg:Town , kzlg:Village ;", 1),
     ("unit:petropavl", "sh:QualifiedMaxCountConstraintComponent")),
    ("a unit of no unit type", None, None,
     lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                         "unit:petropavl a kzlg:AdministrativeUnit ;", 1),
     ("unit:petropavl", "sh:QualifiedMinCountConstraintComponent")),
]

# Changes that must leave the fixture conforming: a unit's one unit type may be a town or a
# village, which is also a kzlg:Settlement (entailed from ontology/kzlg.ttl, or stated).
VARIANTS = [
    ("a village", lambda t: t.replace("unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
                                      "unit:petropavl a kzlg:AdministrativeUnit , kzlg:Village ;", 1)),
    ("a town stated to be a settlement", lambda t: t.replace(
        "unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
        "unit:petropavl a kzlg:AdministrativeUnit , kzlg:Town , kzlg:Settlement ;", 1)),
    ("a settlement of no known kind", lambda t: t.replace(
        "unit:petropavl a kzlg:AdministrativeUnit , kzlg:City ;",
        "unit:petropavl a kzlg:AdministrativeUnit , kzlg:Settlement ;", 1)),
]


def prefixes_of(turtle_path):
    """The @prefix lines of a Turtle file, plus sh:, for compacting IRIs as kzlg does."""
    table = {"sh": str(SH)}
    for line in open(turtle_path, encoding="utf-8"):
        match = re.match(r"@prefix (\S*): <([^>]*)> \.", line)
        if match:
            table[match.group(1)] = match.group(2)
    return table


def compact(term, table):
    if term is None:
        return None
    text = str(term)
    best = None
    for prefix, namespace in table.items():
        local = text[len(namespace):]
        if text.startswith(namespace) and local and re.fullmatch(r"[A-Za-z0-9_-]+", local):
            if best is None or len(local) < len(best[1]):
                best = (prefix, local)
    return f"{best[0]}:{best[1]}" if best else f"<{text}>"


def kzlg_results(kzlg, data):
    result = subprocess.run([kzlg, "validate", "--data", data, "--json"], capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 1):
        sys.exit(f"kzlg validate failed on {data}:\n{result.stderr}")
    report = json.loads(result.stdout)
    assert report["conforms"] == (result.returncode == 0), "exit code and verdict disagree"
    return report["conforms"], {(v["focusNode"], v["path"], v["component"]) for v in report["violations"]}


def parse_each_query_once():
    """pySHACL gives rdflib the text of a SPARQL-based constraint once per focus node, which rdflib
    parses anew each time: nine tenths of the time on the bundled data. Keep the parsed query of
    each text (what rdflib's own prepareQuery makes, for reuse) and evaluate that instead."""
    original = processor.SPARQLProcessor.query
    parsed = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in parsed:
                parsed[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = parsed[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query


def pyshacl_results(data, table, inference):
    """pySHACL's verdict and violations, with no entailment or under RDFS entailment of the data
    graph together with ontology/kzlg.ttl (the ontology graph: its own triples are not validated)."""
    graph = rdflib.Graph().parse(data)
    shapes = rdflib.Graph().parse(SHAPES)
    ontology = rdflib.Graph().parse(ONTOLOGY) if inference != "none" else None
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference=inference,
                                           advanced=False)
    results = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        results.add((compact(report.value(result, SH.focusNode), table),
                     compact(report.value(result, SH.resultPath), table),
                     compact(report.value(result, SH.sourceConstraintComponent), table)))
    return conforms, results


def main():
    kzlg = os.path.abspath(sys.argv[1])
    parse_each_query_once()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        graphs = []
        for name, tables in (("fixture", "tests/fixtures/good"), ("bundled", "extracted")):
            out = os.path.join(tmp, name)
            subprocess.run([kzlg, "--tables", tables, "build", "--out", out, "--quiet"], check=True, cwd=ROOT)
            graphs.append((name, os.path.join(out, "kzlg.ttl"), None))
        fixture_ttl = open(graphs[0][1], encoding="utf-8").read()
        changes = [(name, mutate, expected) for name, _, _, mutate, expected in MUTATIONS]
        changes += [(name, mutate, None) for name, mutate in VARIANTS]
        for name, mutate, expected in changes:
            mutated = mutate(fixture_ttl)
            if mutated == fixture_ttl:
                failures.append(f"{name}: the change changed nothing (the fixture changed?)")
                continue
            path = os.path.join(tmp, re.sub(r"\W+", "-", name) + ".ttl")
            open(path, "w", encoding="utf-8").write(mutated)
            graphs.append((name, path, expected))
        for name, path, expected in graphs:
            table = prefixes_of(path)
            ours, our_results = kzlg_results(kzlg, path)
            plain, plain_results = pyshacl_results(path, table, "none")
            entailed, entailed_results = pyshacl_results(path, table, "rdfs")
            verdict = "conforms" if ours else f"{len(our_results)} violations"
            # Without entailment pySHACL sees the graph rudof sees: the same violations. Under RDFS
            # entailment the shapes must give the same verdict, and the same violations: the
            # shapes hold of what the ontology entails as of what kzlg states.
            if ours != plain or our_results != plain_results:
                failures.append(f"{name}: kzlg says {ours} {sorted(our_results)}, "
                                f"pySHACL says {plain} {sorted(plain_results)}")
            elif ours != entailed or our_results != entailed_results:
                failures.append(f"{name}: kzlg says {ours} {sorted(our_results)}, pySHACL under RDFS "
                                f"entailment says {entailed} {sorted(entailed_results)}")
            elif expected is None and not ours:
                failures.append(f"{name}: a graph that should conform does not: {sorted(our_results)}")
            elif expected is not None and not any((focus, component) == expected for focus, _, component in our_results):
                failures.append(f"{name}: expected {expected} among {sorted(our_results)}")
            print(f"  {name}: kzlg, pySHACL, pySHACL with RDFS entailment: {verdict}")
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(graphs) - len(failures)} agreed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
