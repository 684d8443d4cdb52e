#!/usr/bin/env python3
"""The build peer: a plain Python CSV → N-Triples converter for the synthetic tables.

It writes the same kind of triples `kzlg build` writes for the bulk of the data (entities with
class, labels and provenance; tenures and statements as reified nodes plus the direct triple),
with no validation, no sorting and a single output format. performance.md measured this kind of
script at ~0.6M triples/s; `make bench` runs it beside kzlg on the same tables.

    python3 bench/peer_csv2nt.py TABLES OUT.nt
"""
import csv
import os
import sys

KZID = "https://w3id.org/kzlg/id/"
KZLG = "https://w3id.org/kzlg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
ENTITY_KINDS = {"units": "unit", "bodies": "body", "posts": "post", "people": "person", "laws": "law",
                "provisions": "law", "sources": "source"}


def literal(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def iri(kind, ident):
    return f"<{KZID}{kind}/{ident}>"


def main():
    tables, out_path = sys.argv[1], sys.argv[2]
    out = open(out_path, "w", encoding="utf-8")
    write = out.write
    triples = 0
    for table, kind in ENTITY_KINDS.items():
        path = os.path.join(tables, f"{table}.csv")
        if not os.path.exists(path):
            continue
        for row in csv.DictReader(open(path, encoding="utf-8")):
            node = iri(kind, row["id"])
            cls = row.get("type") or row.get("post_type") or table
            write(f"{node} {RDF_TYPE} <{KZLG}{cls}> .\n")
            name = row.get("name_en") or row.get("title") or row["id"]
            write(f"{node} {LABEL} {literal(name)}@en .\n")
            triples += 2
            if "source" in row:
                write(f"{node} {DERIVED} {iri('source', row['source'])} .\n")
                write(f"{node} <{KZLG}evidence> {literal(row['evidence'])} .\n")
                write(f"{node} <{KZLG}sourceLine> \"{row['line']}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n")
                triples += 3
    for table, subject, predicate, obj in (("tenures", "person", "holds", "post"),
                                           ("statements", "subject", None, "object")):
        path = os.path.join(tables, f"{table}.csv")
        for row in csv.DictReader(open(path, encoding="utf-8")):
            node = iri("stmt", row["id"])
            s = iri("person" if table == "tenures" else "post", row[subject])
            p = f"<{KZLG}{predicate or row['predicate']}>"
            o = iri("post", row[obj])
            write(f"{s} {p} {o} .\n")
            write(f"{node} {RDF_TYPE} <{KZLG}Statement> .\n")
            write(f"{node} <{KZLG}subject> {s} .\n{node} <{KZLG}predicate> {p} .\n{node} <{KZLG}object> {o} .\n")
            write(f"{node} {DERIVED} {iri('source', row['source'])} .\n")
            write(f"{node} <{KZLG}evidence> {literal(row['evidence'])} .\n")
            triples += 7
            for column in ("start", "end", "valid_from", "valid_until"):
                if row.get(column):
                    write(f"{node} <{KZLG}{column}> {literal(row[column])} .\n")
                    triples += 1
    out.close()
    print(triples)


if __name__ == "__main__":
    main()
