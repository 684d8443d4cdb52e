#!/usr/bin/env python3
"""Reads every `kzlg export` format back with an independent reader and checks it against the graph.

    python3 tests/python/check_exports.py KZLG TABLES...

For each folder of tables and each view (institutions, people, all) the expected network is
derived from the RDF graph itself, with SPARQL run by `kzlg query` (entities and their kinds;
statements whose object is an entity; direct triples between entities that no statement
restates), following the rules the README states. Then:
- GraphML validates against the GraphML schema (tests/schemas/graphml, lxml) and networkx reads
  the same nodes and the same multiset of (source, predicate, target) edges, with typed values;
- GEXF validates against the GEXF 1.2 schema (tests/schemas/gexf, lxml), its ids and references
  hold, networkx reads the same network, and dated edges carry their time interval;
- DOT: Graphviz's own parser (gvpr) counts the same nodes and edges with their predicates, and
  `dot` lays the institutions view out;
- CSV: Python's csv module reads nodes.csv and edges.csv with Gephi's column names;
- citations: every edge's `source`, `evidence` and `line` (one per row, joined by " | ") name a
  source of the graph, and each quote of a source with a file is in that file, starting within
  three lines of the stated line (whitespace ignored, as `kzlg check-evidence` reads it), the
  same in GraphML, GEXF, CSV and DOT (whose lines drawn alike join their rules' ids);
- `kzlg analyse` agrees with networkx on degree, betweenness and weakly connected components.
"""
import calendar
import collections
import datetime
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx
from lxml import etree

SEPARATOR = " | "
NEAR = 3
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KZID = "https://w3id.org/kzlg/id/"
VIEWS = ["institutions", "people", "all"]
PEOPLE_KINDS = {"person", "post", "event", "org", "body", "program"}
# Filled from `kzlg schema --json` by main(): the schema is the one place that declares them.
SCHEMA = {}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def query(kzlg, tables, sparql):
    rows = list(csv.DictReader(io.StringIO(run([kzlg, "--tables", tables, "query", "-e", sparql, "--format", "csv"]))))
    return rows


def entity(iri):
    """(kind, id) of an entity IRI that becomes a node, else None."""
    if not iri.startswith(KZID):
        return None
    kind, _, slug = iri[len(KZID):].partition("/")
    return None if kind in ("source", "stmt") else (kind, slug)


def compact(iri):
    """prefix:local with the prefix that leaves the shortest local name, as kzlg writes it."""
    options = [(len(iri) - len(ns), p) for p, ns in SCHEMA["prefixes"] if iri.startswith(ns) and iri != ns]
    if not options:
        return iri
    local_length, prefix = min(options)
    return f"{prefix}:{iri[len(iri) - local_length:]}"


def institutional():
    """Relations with a family: the edges of the institutions view."""
    return {"kzlg:" + r["name"] for r in SCHEMA["relations"] if r["family"]}


def stated_relations():
    """Every relation statements.csv may state."""
    return {"kzlg:" + r["name"] for r in SCHEMA["relations"]}


def day_before(date):
    """The day before the first day a partial date may mean, as YYYY-MM-DD."""
    parts = [int(p) for p in date.split("-")]
    first = datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return (first - datetime.timedelta(days=1)).isoformat()


def first_day(date):
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def last_day(date):
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return date
    month = parts[1] if len(parts) == 2 else 12
    return datetime.date(parts[0], month, calendar.monthrange(parts[0], month)[1]).isoformat()


def spell(row):
    """The days a statement's edge lives in the GEXF timeline, by the rule of kzlg's time model
    (src/time/mod.rs), worked out here from the statement node's dates."""
    start, until, attested = row["from"] or row["start"], row["until"] or row["end"], row["attested"]
    if row["p"].endswith("org#holds") and not start and not until and attested:
        return first_day(attested), last_day(attested)
    start = start or attested
    return (first_day(start) if start else None), (day_before(until) if until else None)


def expected_network(kzlg, tables):
    """Nodes {id: kind} and edges [(source, predicate, target, statement, held on the dataset's date,
    (start, end) of its GEXF spell)] of view all."""
    nodes = {}
    for row in query(kzlg, tables, "SELECT DISTINCT ?e WHERE { ?e a ?class }"):
        found = entity(row["e"])
        if found:
            nodes[found[1]] = found[0]
    edges = []
    # A statement's edge is in a static export when the dataset's date (a day) lies within its
    # spell: for a day, that is the time model's rule.
    [on] = [r["on"] for r in query(kzlg, tables, "SELECT ?on WHERE { ?d kzlg:viewDate ?on }")]
    statements = query(kzlg, tables, """
        SELECT ?s ?a ?p ?b ?from ?until ?attested ?start ?end WHERE {
          ?s a kzlg:Statement ; kzlg:subject ?a ; kzlg:predicate ?p ; kzlg:object ?b .
          FILTER(isIRI(?b))
          OPTIONAL { ?s kzlg:validFrom ?from } OPTIONAL { ?s kzlg:validUntil ?until }
          OPTIONAL { ?s kzlg:attestedOn ?attested }
          OPTIONAL { ?s kzlg:start ?start } OPTIONAL { ?s kzlg:end ?end } }""")
    for row in statements:
        a, b = entity(row["a"]), entity(row["b"])
        if a and b:
            first, last = spell(row)
            # A tenure no source dates is in no date's view: nobody holds a post on every date.
            undated_tenure = row["p"].endswith("org#holds") and not (first or last)
            held = not undated_tenure and (first or on) <= on <= (last or on)
            edges.append((a[1], compact(row["p"]), b[1], row["s"][len(KZID) + 5:], held, (first, last)))
    direct = query(kzlg, tables, """
        SELECT ?a ?p ?b WHERE {
          ?a ?p ?b . FILTER(isIRI(?b) && ?p != rdf:type && ?p != org:hasSubOrganization)
          FILTER NOT EXISTS { ?s kzlg:subject ?a ; kzlg:predicate ?p ; kzlg:object ?b } }""")
    for row in direct:
        a, b = entity(row["a"]), entity(row["b"])
        if a and b:
            edges.append((a[1], compact(row["p"]), b[1], "", True, (None, None)))
    return nodes, edges


def view(nodes, edges, name):
    """The README's views: institutions and people drop nodes left without edges."""
    if name == "all":
        return set(nodes), edges
    if name == "institutions":
        keep = [e for e in edges if nodes[e[0]] in ("post", "body") and nodes[e[2]] in ("post", "body")
                and e[1] in institutional()]
    else:
        relations = stated_relations()
        keep = [e for e in edges if nodes[e[0]] in PEOPLE_KINDS and nodes[e[2]] in PEOPLE_KINDS
                and not (e[3] and e[1] in relations)]
    return {e[0] for e in keep} | {e[2] for e in keep}, keep


def triples(edges):
    return collections.Counter((s, p, t) for s, p, t, *_ in edges)


def literal_attributes(kzlg, tables):
    """{(node id, attribute): value} for a few columns that become node attributes."""
    rows = query(kzlg, tables, """
        SELECT ?e ?key ?v WHERE {
          VALUES (?p ?key) { (foaf:givenName "given_name") (foaf:familyName "family_name")
                             (schema:startDate "start") (kzlg:category "category") (kzlg:seats "seats") }
          ?e ?p ?v }""")
    return {(entity(r["e"])[1], r["key"]): r["v"] for r in rows if entity(r["e"])}


def check_graphml(path, nodes, edges, label, attributes):
    schema = etree.XMLSchema(etree.parse(os.path.join(ROOT, "tests/schemas/graphml/graphml.xsd")))
    document = etree.parse(path)
    check(schema.validate(document), f"{label}: GraphML is not valid: {schema.error_log}")
    graph = nx.read_graphml(path, force_multigraph=True)
    check(set(graph.nodes) == nodes, f"{label}: GraphML nodes differ: {set(graph.nodes) ^ nodes}")
    read = collections.Counter((s, d["predicate"], t) for s, t, d in graph.edges(data=True))
    check(read == triples(edges), f"{label}: GraphML edges differ: {(read - triples(edges)) + (triples(edges) - read)}")
    for (node, key), value in attributes.items():
        if node in graph.nodes:
            read = graph.nodes[node].get(key)
            same = float(read) == float(value) if key == "seats" and read is not None else read == value
            check(same, f"{label}: GraphML {node} {key} is {read!r}, the graph says {value!r}")
    for _, data in graph.nodes(data=True):
        check(data.get("label") and data.get("kind") and data.get("iri", "").startswith(KZID),
              f"{label}: a GraphML node lacks label, kind or iri: {data}")
    for s, t, data in graph.edges(data=True):
        check(isinstance(data.get("weight"), float), f"{label}: GraphML weight is not a double: {data}")
        check(data.get("label"), f"{label}: GraphML edge {s}->{t} has no label")
    declared = {key.get("attr.name"): key.get("attr.type") for key in document.getroot()
                if key.tag.endswith("key")}
    check(declared.get("weight") == "double" and declared.get("label") == "string",
          f"{label}: GraphML keys are not typed as Gephi reads them: {declared}")
    return graph


def check_gexf(path, nodes, edges, label, cited=None):
    schema = etree.XMLSchema(etree.parse(os.path.join(ROOT, "tests/schemas/gexf/gexf.xsd")))
    document = etree.parse(path)
    check(schema.validate(document), f"{label}: GEXF is not valid: {schema.error_log}")
    check_gexf_references(document, label)
    graph = nx.read_gexf(path)
    check(set(graph.nodes) == nodes, f"{label}: GEXF nodes differ")
    read = collections.Counter((s, d["predicate"], t) for s, t, d in graph.edges(data=True))
    check(read == triples(edges), f"{label}: GEXF edges differ")
    spells = {e[3]: e[5] for e in edges if e[3]}
    for s, t, data in graph.edges(data=True):
        if cited is not None and data.get("id") in cited:
            check(data.get("evidence") == cited[data["id"]],
                  f"{label}: GEXF edge {data['id']} quotes {data.get('evidence')!r}, GraphML {cited[data['id']]!r}")
        if data.get("id") in spells:
            read = (data.get("start"), data.get("end"))
            check(read == spells[data["id"]],
                  f"{label}: GEXF edge {data['id']} lives {read}, its statement's dates say {spells[data['id']]}")


def check_gexf_references(document, label):
    """What the GEXF schema cannot say: ids are unique, edge ends name nodes, attribute values name
    an attribute declared for their class, and values of numeric attributes are numbers."""
    ns = {"g": document.getroot().nsmap.get(None, "")}
    declared = {}
    for attributes in document.iterfind(".//g:attributes", ns):
        for attribute in attributes.iterfind("g:attribute", ns):
            declared[(attributes.get("class"), attribute.get("id"))] = attribute.get("type")
    node_ids = [node.get("id") for node in document.iterfind(".//g:nodes/g:node", ns)]
    edge_ids = [edge.get("id") for edge in document.iterfind(".//g:edges/g:edge", ns)]
    check(len(set(node_ids)) == len(node_ids), f"{label}: GEXF node ids repeat")
    check(len(set(edge_ids)) == len(edge_ids), f"{label}: GEXF edge ids repeat")
    for edge in document.iterfind(".//g:edges/g:edge", ns):
        check(edge.get("source") in node_ids and edge.get("target") in node_ids,
              f"{label}: GEXF edge {edge.get('id')} has an end that is no node")
    for kind in ("node", "edge"):
        for element in document.iterfind(f".//g:{kind}s/g:{kind}", ns):
            for value in element.iterfind("g:attvalues/g:attvalue", ns):
                type_ = declared.get((kind, value.get("for")))
                check(type_ is not None, f"{label}: GEXF {kind} {element.get('id')} has a value for "
                                         f"attribute {value.get('for')}, which no {kind} attribute declares")
                if type_ in ("double", "float", "integer", "long"):
                    try:
                        (float if type_ in ("double", "float") else int)(value.get("value"))
                    except ValueError:
                        check(False, f"{label}: GEXF {kind} {element.get('id')}: {value.get('value')!r} is no {type_}")


def check_dot(path, nodes, edges, label, cited):
    """Graphviz reads the nodes and edges; a line drawn for several rules counts once per rule
    (its id joins theirs), and invisible layout lines (kzlg_layout) are no edges."""
    counts = run(["gvpr", 'BEG_G { printf("%d\\n", nNodes($G)) }', path]).split()
    check([int(c) for c in counts] == [len(nodes)], f"{label}: Graphviz counts {counts} nodes, expected {len(nodes)}")
    listed = run(["gvpr", 'E [aget($, "kzlg_layout") != "true"] { printf("%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n", '
                          'tail.name, aget($, "predicate"), head.name, aget($, "id"), aget($, "evidence"), '
                          'aget($, "tooltip")) }', path])
    read = collections.Counter()
    for line in listed.splitlines():
        tail, predicate, head, ids, evidence, tooltip = line.split("\t")
        ids = ids.split(SEPARATOR)
        read[(tail, predicate, head)] += len(ids)
        if len(ids) == 1 and ids[0] in cited:
            check(evidence == (cited[ids[0]] or ""), f"{label}: DOT edge {ids[0]} quotes {evidence!r}, GraphML {cited[ids[0]]!r}")
        for quote in filter(None, evidence.split(SEPARATOR)):
            check(quote in tooltip, f"{label}: DOT edge {ids} does not show its quote in its tooltip")
    check(read == triples(edges), f"{label}: DOT edges differ")


def source_files(kzlg, tables):
    """{source id: path of its file} for the sources that have a file beside the tables' sources."""
    folder = os.environ.get("SOURCES", os.path.join(ROOT, "..", "shared", "sources")) \
        if os.path.basename(os.path.normpath(tables)) == "extracted" else os.path.join(ROOT, "tests/fixtures/sources")
    rows = query(kzlg, tables, "SELECT ?s ?file WHERE { ?s a kzlg:Source ; kzlg:file ?file }")
    known = {entity_or_source(r["s"]) for r in query(kzlg, tables, "SELECT ?s WHERE { ?s a kzlg:Source }")}
    return known, {entity_or_source(r["s"]): os.path.join(folder, r["file"]) for r in rows}


def entity_or_source(iri):
    return iri[len(KZID):].partition("/")[2]


def normalized(path):
    """The text without whitespace, and the line of each of its characters."""
    text, lines = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f.read().split("\n"), start=1):
            for c in line:
                if not c.isspace():
                    text.append(c)
                    lines.append(number)
    return "".join(text), lines


def quoted_near(text, lines, quote, line):
    wanted = "".join(c for c in quote if not c.isspace())
    start = text.find(wanted)
    while start != -1:
        if abs(lines[start] - line) <= NEAR:
            return True
        start = text.find(wanted, start + 1)
    return False


def check_citations(graph, label, sources, files, texts):
    """Each edge's citations, read back by networkx: as many sources as quotes and lines, each a
    source of the graph, each quote in its source's file near its line. Returns {edge id: evidence}."""
    cited = {}
    count = 0
    for s, t, edge, data in graph.edges(keys=True, data=True):
        ids = data.get("source")
        check(ids, f"{label}: edge {edge} names no source")
        if not ids:
            continue
        ids = ids.split(SEPARATOR)
        parts = [data.get(k, "").split(SEPARATOR) if data.get(k) else [""] * len(ids) for k in ("evidence", "line")]
        check(all(len(p) == len(ids) for p in parts),
              f"{label}: edge {edge}: {len(ids)} sources but evidence and line {[len(p) for p in parts]}")
        cited[edge] = data.get("evidence")
        for source, quote, line in zip(ids, *parts):
            check(source in sources, f"{label}: edge {edge} cites {source!r}, which is no source")
            if source in files and quote:
                if not os.path.exists(files[source]):
                    continue
                if source not in texts:
                    texts[source] = normalized(files[source])
                check(line.isdigit() and quoted_near(*texts[source], quote, int(line)),
                      f"{label}: edge {edge}: the quote is not in {files[source]} near line {line}: {quote[:80]!r}")
                count += 1
    return cited, count


def check_csv(folder, nodes, edges, label, cited):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(rows and list(rows[0])[:2] == ["Id", "Label"], f"{label}: nodes.csv does not start with Id,Label")
    check({r["Id"] for r in rows} == nodes and len(rows) == len(nodes), f"{label}: nodes.csv differs")
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if rows:
        check(list(rows[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"],
              f"{label}: edges.csv columns are not Gephi's")
    read = collections.Counter((r["Source"], r["predicate"], r["Target"]) for r in rows)
    check(read == triples(edges), f"{label}: edges.csv differs")
    for r in rows:
        if r["Id"] in cited:
            check(r["evidence"] == (cited[r["Id"]] or ""), f"{label}: edges.csv {r['Id']} quotes {r['evidence']!r}")


def check_analysis(kzlg, tables, graph, label):
    """kzlg analyse against networkx on the institutions view exported at the dataset's date."""
    current = nx.MultiDiGraph()
    current.add_nodes_from(graph.nodes)
    for s, t, data in graph.edges(data=True):
        current.add_edge(s, t)
    current.remove_nodes_from([n for n in list(current.nodes) if current.degree(n) == 0])
    report = json.loads(run([kzlg, "--tables", tables, "analyse", "--top", "100000", "--format", "json"]))
    betweenness = nx.betweenness_centrality(current)
    degree = dict(current.degree())
    rows = report["degree"]
    check(len(rows) == current.number_of_nodes(), f"{label}: analyse ranks {len(rows)} nodes, networkx has {current.number_of_nodes()}")
    for row in rows:
        check(row["degree"] == degree.get(row["id"]), f"{label}: degree of {row['id']}: {row['degree']} vs {degree.get(row['id'])}")
        check(abs(row["betweenness"] - betweenness.get(row["id"], -1)) < 1e-6,
              f"{label}: betweenness of {row['id']}: {row['betweenness']} vs networkx {betweenness.get(row['id'])}")
    components = nx.number_weakly_connected_components(current) if current.number_of_nodes() else 0
    check(len(report["components"]) == components, f"{label}: {len(report['components'])} components vs networkx {components}")


def main():
    kzlg, folders = os.path.abspath(sys.argv[1]), sys.argv[2:]
    SCHEMA.update(json.loads(run([kzlg, "schema", "--json"])))
    checked = 0
    with tempfile.TemporaryDirectory() as out:
        for tables in folders:
            nodes, edges = expected_network(kzlg, tables)
            attributes = literal_attributes(kzlg, tables)
            sources, files = source_files(kzlg, tables)
            texts = {}
            for name in VIEWS:
                label = f"{tables} --view {name}"
                # GEXF has every period, the other formats the dataset's date.
                view_nodes, view_edges = view(nodes, [e for e in edges if e[4]], name)
                history_nodes, history_edges = view(nodes, edges, name)
                base = os.path.join(out, f"{abs(hash(tables))}-{name}")
                for fmt, target in (("graphml", base + ".graphml"), ("gexf", base + ".gexf"), ("dot", base + ".dot"),
                                    ("csv", base + "-csv")):
                    run([kzlg, "--tables", tables, "export", fmt, "--view", name, "--out", target])
                graph = check_graphml(base + ".graphml", view_nodes, view_edges, label, attributes)
                cited, quotes = check_citations(graph, label, sources, files, texts)
                check_gexf(base + ".gexf", history_nodes, history_edges, label, cited)
                check_dot(base + ".dot", view_nodes, view_edges, label, cited)
                check_csv(base + "-csv", view_nodes, view_edges, label, cited)
                if name == "institutions":
                    run(["dot", "-Tsvg", base + ".dot", "-o", base + ".svg"])
                    check_analysis(kzlg, tables, graph, label)
                checked += 1
                print(f"  {label}: {len(view_nodes)} nodes, {len(view_edges)} edges, {quotes} quotes found in their sources")
    for failure in failures:
        print("FAIL", failure[:600])
    print(f"{checked - len({f.split(':')[0] for f in failures})} passed, {len({f.split(':')[0] for f in failures})} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
