#!/usr/bin/env python3
"""The query peer: pyoxigraph bulk-loads the same kzlg.nq into memory and runs the same SPARQL.

    python3 bench/peer_query.py GRAPH.nq QUERY.rq PREFIXES.ttl

Prints the number of result rows. The prefixes are read from the @prefix lines of kzlg.ttl,
so the query text is exactly the catalogue's.
"""
import re
import sys

import pyoxigraph


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
    print(sum(1 for _ in store.query(query)))


if __name__ == "__main__":
    main()
