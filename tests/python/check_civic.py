#!/usr/bin/env python3
"""Reads `kzlg export ftm` and `kzlg export popolo` back with the real tools and checks them
against the graph.

    python3 tests/python/check_civic.py KZLG TABLES...

For each folder of tables, at the dataset's date and at a few --as-of dates, what the exports
should say is derived from the RDF graph itself with SPARQL run by `kzlg query` (tenures with their
dates and provenance, sources with their titles and URLs, the external ids in force on the date,
entities by kind), and the status of each tenure on the date is worked out here from its dates by
the README's time model. Then:
- FollowTheMoney: every line is `{"id", "schema", "properties"}`; the `followthemoney` package
  loads it with its values cleaned (`model.get_proxy(data, cleaned=False)`), and `to_dict()` gives
  back every property value unchanged, in order (FtM drops silently what its schema or a
  property's type does not accept: an unknown property, a malformed date, a country it does not
  know); `ftm validate` gives back the same entities; required properties are there and every
  entity reference names an entity of the file of the right schema; every tenure is an Occupancy
  with its dates, its status and its provenance, every entity has a `description` (the quote
  and line) and a `publisher`;
- Popolo: the document validates against the Popolo JSON schemas of tests/schemas/popolo
  (jsonschema, draft 3, with the `uri` format checked), their `$ref`s resolved from those files
  and never over the network; every key is one the schemas declare (areas may also carry
  `identifiers` and `other_names`, validated as on persons); references resolve; every tenure is a
  membership with its dates, every person, post and membership has sources with the quote and
  line; identifiers are the ids in force on the date.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

from followthemoney import model
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POPOLO_SCHEMAS = os.path.join(ROOT, "tests", "schemas", "popolo")
KZID = "https://w3id.org/kzlg/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
# The dates every folder is also exported at, besides the dataset's.
AS_OF = ["2002", "2005-06", "2022-03-15"]
# Popolo schema of each array of the document.
POPOLO_ARRAYS = {"persons": "person", "organizations": "organization", "posts": "post",
                 "memberships": "membership", "areas": "area"}
# Filled from `kzlg schema --json` by main().
SCHEMA = {}
# What kzlg writes on areas beyond Popolo's area schema, with the schema of their items.
AREA_EXTENSIONS = {"identifiers": "identifier", "other_names": "other_name"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def query(kzlg, tables, sparql, as_of=None):
    args = [kzlg, "--tables", tables, "query", "-e", sparql, "--format", "json"]
    if as_of:
        args += ["--as-of", as_of]
    result = json.loads(run(args))
    return [{k: v["value"] for k, v in row.items()} for row in result["results"]["bindings"]]


def entity_id(iri):
    """kzlg-<kind>-<id>, the id both exports give the entity of a kzlg IRI."""
    kind, _, slug = iri[len(KZID):].partition("/")
    return f"kzlg-{kind}-{slug}"


# -- the time model, worked out from the dates ------------------------------------------------

def compare(a, b):
    """-1, 0 or 1: two partial dates compared at the coarser of their precisions."""
    pa, pb = [int(x) for x in a.split("-")], [int(x) for x in b.split("-")]
    n = min(len(pa), len(pb))
    return (pa[:n] > pb[:n]) - (pa[:n] < pb[:n])


def status(tenure, on):
    """current when the tenure holds on the date (within start..end, end excluded; known only
    from an attestation, in the attested period); ended when its end is not later; else unknown."""
    start, end, attested = tenure.get("start"), tenure.get("end"), tenure.get("attested")
    ended = bool(end) and compare(end, on) <= 0
    if start or end:
        holds = (not start or compare(start, on) <= 0) and not ended
    else:
        holds = bool(attested) and compare(attested, on) == 0
    return "current" if holds else "ended" if ended else "unknown"


def has_year(date):
    return bool(date) and not date.startswith("--")


# -- what the graph says ----------------------------------------------------------------------

def facts(kzlg, tables, as_of):
    tenures = query(kzlg, tables, """
        SELECT ?t ?person ?post ?start ?end ?attested ?source ?evidence ?line WHERE {
          ?t a kzlg:Tenure ; org:member ?person ; kzlg:post ?post ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?t kzlg:start ?start } OPTIONAL { ?t kzlg:end ?end }
          OPTIONAL { ?t kzlg:attestedOn ?attested }
          OPTIONAL { ?t kzlg:evidence ?evidence } OPTIONAL { ?t kzlg:sourceLine ?line } }""")
    sources = {r["s"]: r for r in query(kzlg, tables, """
        SELECT ?s ?title ?url WHERE { ?s a kzlg:Source ; dcterms:title ?title . OPTIONAL { ?s schema:url ?url } }""")}
    [on] = [r["on"] for r in query(kzlg, tables, "SELECT ?on WHERE { ?d kzlg:viewDate ?on }", as_of)]
    kinds = {}
    for row in query(kzlg, tables, """
            SELECT DISTINCT ?e WHERE { ?e prov:wasDerivedFrom ?s . FILTER(STRSTARTS(STR(?e), STR(kzid:))) }"""):
        kind = row["e"][len(KZID):].split("/")[0]
        kinds.setdefault(kind, set()).add(entity_id(row["e"]))
    # The direct triples of links are those in force on the view's date.
    ids = {}
    for row in query(kzlg, tables, """
            SELECT ?e ?scheme ?v WHERE {
              VALUES (?p ?scheme) { (owl:sameAs "wikidata") (kzlg:kato "kato") (kzlg:iso3166_2 "iso3166-2") }
              ?e ?p ?v . FILTER(STRSTARTS(STR(?e), STR(kzid:))) }""", as_of):
        value = row["v"][len(WIKIDATA):] if row["scheme"] == "wikidata" else row["v"]
        ids.setdefault(entity_id(row["e"]), set()).add((row["scheme"], value))
    # The level and region of every node, as the network exports give them.
    with tempfile.TemporaryDirectory() as out:
        run([kzlg, "--tables", tables, "export", "csv", "--out", out])
        with open(os.path.join(out, "nodes.csv"), encoding="utf-8") as f:
            nodes = {r["Id"]: r for r in csv.DictReader(f)}
    regional = {t["name"] for t in SCHEMA["unit_types"] if t["regional"]}
    return {"tenures": tenures, "sources": sources, "on": on, "kinds": kinds, "ids": ids, "nodes": nodes,
            "regional": regional}


def provenance_note(tenure):
    """The quote and where it is, as both exports write it."""
    source = tenure["source"][len(KZID) + len("source/"):]
    place = f"source {source}, line {tenure['line']}" if tenure.get("line") else f"source {source}"
    return f'"{tenure["evidence"]}" ({place})' if tenure.get("evidence") else f"({place})"


# -- FollowTheMoney ---------------------------------------------------------------------------

def check_ftm(path, label, graph):
    entities, order = {}, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        data = json.loads(line)
        where = f"{label}: line {n} ({data.get('id')})"
        if not check(list(data) == ["id", "schema", "properties"], f"{where}: keys {list(data)}"):
            continue
        schema = model.get(data["schema"])
        if not check(schema is not None and not schema.abstract, f"{where}: no concrete schema {data['schema']}"):
            continue
        proxy = model.get_proxy(data, cleaned=False)
        back = proxy.to_dict()["properties"]
        for prop, values in data["properties"].items():
            check(prop in schema.properties, f"{where}: {schema.name} has no property {prop}")
            kept = back.get(prop, [])
            for value in values:
                check(value in kept, f"{where}: FtM drops or changes {prop} {value!r} (keeps {kept!r})")
            check(kept == values, f"{where}: {prop} is {values!r}, FtM reads {kept!r}")
        check(set(back) <= set(data["properties"]), f"{where}: FtM adds {set(back) - set(data['properties'])}")
        for required in schema.required:
            check(proxy.get(required), f"{where}: required {required} is missing")
        check(data["id"] not in entities, f"{where}: id {data['id']} twice")
        entities[data["id"]] = (data, proxy)
        order.append(data["id"])
    check(order == sorted(order), f"{label}: entities are not sorted by id")
    # The ftm command line re-parses and re-cleans every value: the same entities come back.
    again = {e["id"]: e for e in map(json.loads, run([ftm_command(), "validate", "-i", path]).splitlines())}
    for id_, (data, _) in entities.items():
        got = again.get(id_, {}).get("properties")
        check(got == data["properties"], f"{label}: ftm validate changes {id_}: {got!r}")
    for id_, (data, proxy) in entities.items():
        for prop in proxy.schema.properties.values():
            if prop.type.name != "entity":
                continue
            for target in proxy.get(prop):
                other = entities.get(target)
                check(other is not None and other[1].schema.is_a(prop.range),
                      f"{label}: {id_} {prop.name} names {target}, not a {prop.range.name} of the file")
        props = data["properties"]
        check(props.get("description") and props.get("publisher"),
              f"{label}: {id_} carries no provenance (description, publisher)")
    # Every entity of the tables, of its schema.
    schemas = {"person": {"Person"}, "post": {"Position"}, "body": {"PublicBody"},
               "org": {"Organization", "PublicBody"}}
    for kind, allowed in schemas.items():
        for id_ in graph["kinds"].get(kind, ()):
            found = entities.get(id_)
            check(found and found[0]["schema"] in allowed, f"{label}: {id_} is not a {'/'.join(allowed)}")
    for id_, (data, _) in entities.items():
        wikidata = {v for s, v in graph["ids"].get(id_, ()) if s == "wikidata"}
        check(set(data["properties"].get("wikidataId", [])) == wikidata,
              f"{label}: {id_} wikidataId {data['properties'].get('wikidataId')} but {wikidata} in force")
    # A position's area and level are the region and level the network exports give its post.
    levels = {"gov.national", "gov.state", "gov.muni"}
    for id_, (data, _) in entities.items():
        if data["schema"] != "Position":
            continue
        props, node = data["properties"], graph["nodes"][id_[len("kzlg-post-"):]]
        body = props.get("organization", [""])[0].split("-", 2)[-1]
        region = node["region"] or graph["nodes"].get(body, {}).get("region", "")
        check(props.get("subnationalArea", [""]) == [region],
              f"{label}: {id_} subnationalArea {props.get('subnationalArea')}, the network's region is {region!r}")
        level = node["level"]
        want = ("gov.national" if level == "Country" else "gov.state" if level in graph["regional"] else "gov.muni"
                if level else None)
        found = [t for t in props.get("topics", []) if t in levels]
        check(found in ([], [want]) if level else found in ([], ["gov.national"]),
              f"{label}: {id_} level topics {found} for the network's level {level!r}")
    occupancies = [i for i, (d, _) in entities.items() if d["schema"] == "Occupancy"]
    check(len(occupancies) == len(graph["tenures"]),
          f"{label}: {len(occupancies)} occupancies for {len(graph['tenures'])} tenures")
    for tenure in graph["tenures"]:
        id_ = entity_id(tenure["t"])
        found = entities.get(id_)
        if not check(found and found[0]["schema"] == "Occupancy", f"{label}: tenure {id_} is no Occupancy"):
            continue
        props = found[0]["properties"]
        expected = {
            "holder": [entity_id(tenure["person"])],
            "post": [entity_id(tenure["post"])],
            "startDate": [tenure["start"]] if has_year(tenure.get("start")) else None,
            "endDate": [tenure["end"]] if has_year(tenure.get("end")) else None,
            "date": [tenure["attested"]] if has_year(tenure.get("attested")) else None,
            "status": [status(tenure, graph["on"])],
            "recordId": [tenure["t"][len(KZID) + len("stmt/"):]],
        }
        for prop, values in expected.items():
            check(props.get(prop) == values, f"{label}: {id_} {prop} is {props.get(prop)}, expected {values}")
        source = graph["sources"][tenure["source"]]
        check(provenance_note(tenure) in props.get("description", []),
              f"{label}: {id_} description {props.get('description')} lacks {provenance_note(tenure)!r}")
        check(any(p.startswith(source["title"]) for p in props.get("publisher", [])),
              f"{label}: {id_} publisher {props.get('publisher')} is not the source's title {source['title']!r}")
        check(props.get("sourceUrl") == ([source["url"]] if source.get("url") else None),
              f"{label}: {id_} sourceUrl {props.get('sourceUrl')}, the source's URL is {source.get('url')}")
    return len(entities), len(occupancies)


def ftm_command():
    """The `ftm` command line of the followthemoney package beside this Python, or on PATH."""
    local = os.path.join(os.path.dirname(sys.executable), "ftm")
    found = local if os.path.exists(local) else shutil.which("ftm")
    if not found:
        sys.exit("the ftm command of the followthemoney package is not installed")
    return found


# -- Popolo -----------------------------------------------------------------------------------

def popolo_schemas():
    """{name: schema} and a registry resolving every `$ref` from the vendored files only."""
    schemas, resources = {}, []
    for name in sorted(os.listdir(POPOLO_SCHEMAS)):
        if name.endswith(".json"):
            with open(os.path.join(POPOLO_SCHEMAS, name), encoding="utf-8") as f:
                schema = json.load(f)
            schemas[name[:-5]] = schema
            resources.append((schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3)))
    # No `retrieve`: a reference the files do not hold fails instead of reaching the network.
    return schemas, Registry().with_resources(resources)


def check_popolo(path, label, graph, schemas, registry):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    check(set(document) == set(POPOLO_ARRAYS), f"{label}: top-level keys {sorted(document)}")
    checker = Draft3Validator.FORMAT_CHECKER
    check("uri" in checker.checkers, "the uri format is not checked: install rfc3986-validator")
    validators = {name: Draft3Validator(schema, registry=registry, format_checker=checker)
                  for name, schema in schemas.items()}
    index = {}
    for array, schema_name in POPOLO_ARRAYS.items():
        objects = document.get(array, [])
        ids = [o.get("id") for o in objects]
        check(ids == sorted(ids) and len(set(ids)) == len(ids), f"{label}: {array} not sorted by unique id")
        for obj in objects:
            where = f"{label}: {array} {obj.get('id')}"
            for error in validators[schema_name].iter_errors(obj):
                check(False, f"{where}: {error.message} at {list(error.absolute_path)}")
            declared = set(schemas[schema_name]["properties"])
            if array == "areas":
                declared |= set(AREA_EXTENSIONS)
                for key, item_schema in AREA_EXTENSIONS.items():
                    for item in obj.get(key, []):
                        for error in validators[item_schema].iter_errors(item):
                            check(False, f"{where}: {key}: {error.message}")
            check(set(obj) <= declared, f"{where}: keys beyond the schema: {set(obj) - declared}")
            for key, item_schema in (("other_names", "other_name"), ("identifiers", "identifier"), ("sources", "link")):
                for item in obj.get(key, []):
                    allowed = set(schemas[item_schema]["properties"])
                    check(set(item) <= allowed, f"{where}: {key} keys beyond the schema: {set(item) - allowed}")
            index[obj.get("id")] = (array, obj)
    references = {"person_id": "persons", "post_id": "posts", "organization_id": "organizations",
                  "area_id": "areas"}
    for id_, (array, obj) in index.items():
        for key, target in references.items():
            if key in obj:
                check(index.get(obj[key], ("",))[0] == target, f"{label}: {id_} {key} {obj[key]} is not in {target}")
        if "parent_id" in obj:
            check(index.get(obj["parent_id"], ("",))[0] == array, f"{label}: {id_} parent {obj['parent_id']} not in {array}")
        if array in ("persons", "posts", "memberships"):
            check(obj.get("sources") and all(s.get("note") for s in obj["sources"]),
                  f"{label}: {id_} has no sources with a note")
        if "identifiers" in obj:
            kept = {(i["scheme"], i["identifier"]) for i in obj["identifiers"]}
            in_force = {i for i in kept if i[0] in ("wikidata", "kato", "iso3166-2")}
            check(in_force == graph["ids"].get(id_, set()),
                  f"{label}: {id_} identifiers {sorted(in_force)}, in force: {sorted(graph['ids'].get(id_, set()))}")
    for kind, array in (("person", "persons"), ("post", "posts"), ("body", "organizations"),
                        ("org", "organizations"), ("unit", "areas")):
        for id_ in graph["kinds"].get(kind, ()):
            check(index.get(id_, ("",))[0] == array, f"{label}: {id_} is not in {array}")
    memberships = document.get("memberships", [])
    check(len(memberships) == len(graph["tenures"]),
          f"{label}: {len(memberships)} memberships for {len(graph['tenures'])} tenures")
    for tenure in graph["tenures"]:
        id_ = entity_id(tenure["t"])
        array, obj = index.get(id_, ("", {}))
        if not check(array == "memberships", f"{label}: tenure {id_} is no membership"):
            continue
        expected = {
            "person_id": entity_id(tenure["person"]),
            "post_id": entity_id(tenure["post"]),
            "start_date": tenure["start"] if has_year(tenure.get("start")) else None,
            "end_date": tenure["end"] if has_year(tenure.get("end")) else None,
        }
        for key, value in expected.items():
            check(obj.get(key) == value, f"{label}: {id_} {key} is {obj.get(key)}, expected {value}")
        source = graph["sources"][tenure["source"]]
        url = source.get("url") or tenure["source"]
        check(obj.get("sources") == [{"url": url, "note": provenance_note(tenure)}],
              f"{label}: {id_} sources {obj.get('sources')}, expected {url} and {provenance_note(tenure)!r}")
    return sum(len(document.get(a, [])) for a in POPOLO_ARRAYS), len(memberships)


def main():
    kzlg, folders = os.path.abspath(sys.argv[1]), sys.argv[2:]
    SCHEMA.update(json.loads(run([kzlg, "schema", "--json"])))
    schemas, registry = popolo_schemas()
    checked = 0
    with tempfile.TemporaryDirectory() as out:
        for tables in folders:
            for as_of in [None] + AS_OF:
                label = f"{tables} --as-of {as_of or 'dataset date'}"
                graph = facts(kzlg, tables, as_of)
                when = ["--as-of", as_of] if as_of else []
                base = os.path.join(out, f"{abs(hash(label))}")
                run([kzlg, "--tables", tables, "export", "ftm", *when, "--out", base + ".ftm.json"])
                run([kzlg, "--tables", tables, "export", "popolo", *when, "--out", base + ".popolo.json"])
                for fmt in ("ftm", "popolo"):
                    with open(f"{base}.{fmt}.json", encoding="utf-8") as f:
                        written = f.read()
                    again = run([kzlg, "--tables", tables, "export", fmt, *when])
                    check(again == written, f"{label}: {fmt} to standard output differs from --out, or between runs")
                entities, occupancies = check_ftm(base + ".ftm.json", f"{label} ftm", graph)
                objects, memberships = check_popolo(base + ".popolo.json", f"{label} popolo", graph, schemas, registry)
                checked += 2
                print(f"  {label}: ftm {entities} entities ({occupancies} occupancies), "
                      f"popolo {objects} objects ({memberships} memberships)")
    for failure in failures:
        print("FAIL", failure[:600])
    failed = len({f.split(":")[0] for f in failures})
    print(f"{checked - failed} passed, {failed} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
