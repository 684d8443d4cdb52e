#!/usr/bin/env python3
"""A real SPARQL client against `kzlg serve`: every catalogue query (but those that call a remote
endpoint with SERVICE) gives through SPARQLWrapper at /sparql exactly what `kzlg query NAME` gives,
as SPARQL JSON (same variables, same rows in the same order) and as CSV (the same bytes); and the
reconciliation service's answers are valid against the Reconciliation API 0.2 JSON schemas
(tests/schemas/reconciliation-0.2, vendored), the requests we send valid against the request schema.

    python3 tests/python/check_serve.py target/release/kzlg
"""
import glob
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

import jsonschema
import referencing
from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kzlg_server import ROOT, KzlgServer  # noqa: E402

SCHEMAS = os.path.join(ROOT, "tests", "schemas", "reconciliation-0.2")


def kzlg_query(kzlg, name, form):
    return subprocess.run([kzlg, "query", name, "--format", form], cwd=ROOT, check=True,
                          capture_output=True).stdout


def check_catalogue(kzlg, url):
    failures, checked = [], 0
    for path in sorted(glob.glob(os.path.join(ROOT, "queries", "*.rq"))):
        name = os.path.basename(path)[:-3]
        text = open(path, encoding="utf-8").read()
        if any("SERVICE" in line.upper() and not line.lstrip().startswith("#") for line in text.splitlines()):
            print(f"  {name}: skipped (it calls a remote endpoint with SERVICE)")
            continue
        for method in ("GET", "POST"):
            client = SPARQLWrapper(url + "/sparql")
            client.setQuery(text)
            if method == "POST":
                client.setMethod(POST)
            client.setReturnFormat(JSON)
            served = client.query().convert()
            expected = json.loads(kzlg_query(kzlg, name, "json"))
            if served != expected:
                failures.append(f"{name} ({method}, JSON): {len(served['results']['bindings'])} rows served, "
                                f"{len(expected['results']['bindings'])} from kzlg query")
        client = SPARQLWrapper(url + "/sparql")
        client.setQuery(text)
        client.setReturnFormat(CSV)
        served = client.query().convert()
        if served != kzlg_query(kzlg, name, "csv"):
            failures.append(f"{name} (CSV): the bytes differ")
        checked += 1
        print(f"  {name}: same rows")
    return checked, failures


def validator(name):
    registry = referencing.Registry()
    for file in os.listdir(SCHEMAS):
        if file.endswith(".json"):
            schema = json.load(open(os.path.join(SCHEMAS, file)))
            registry = registry.with_resource(schema["$id"], referencing.Resource.from_contents(
                schema, default_specification=referencing.jsonschema.DRAFT7))
    schema = json.load(open(os.path.join(SCHEMAS, name)))
    return jsonschema.Draft7Validator(schema, registry=registry)


def get_json(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    with urllib.request.urlopen(url, data=body) as answer:
        return json.load(answer)


def check_reconciliation(url):
    failures = []
    manifest = get_json(url + "/reconcile")
    for error in validator("manifest.json").iter_errors(manifest):
        failures.append(f"manifest: {error.message}")
    batch = {
        "q0": {"query": "Токаев"},
        "q1": {"query": "Mustafin", "type": "person", "limit": 3},
        "q2": {"query": "Petropavl", "type": "unit"},
        "q3": {"query": "Akim of North Kazakhstan Region"},
    }
    for error in validator("reconciliation-query-batch.json").iter_errors(batch):
        failures.append(f"our request: {error.message}")
    answer = get_json(url + "/reconcile", {"queries": json.dumps(batch)})
    for error in validator("reconciliation-result-batch.json").iter_errors(answer):
        failures.append(f"batch answer: {error.message}")
    if set(answer) != set(batch):
        failures.append(f"batch answer keys {sorted(answer)}")
    if answer["q0"]["result"][0]["id"] != "person/kassym-jomart-tokayev":
        failures.append(f"Токаев: {answer['q0']['result'][:1]}")
    if answer["q1"]["result"][0]["id"] != "person/askarbek-mustafin" or len(answer["q1"]["result"]) > 3:
        failures.append(f"Mustafin: {answer['q1']['result']}")
    if not all(r["id"].startswith("unit/") for r in answer["q2"]["result"]):
        failures.append(f"Petropavl (unit): {answer['q2']['result']}")
    # The view template leads to the entity page.
    view = manifest["view"]["url"].replace("{{id}}", answer["q1"]["result"][0]["id"])
    with urllib.request.urlopen(urllib.request.Request(view, headers={"Accept": "text/html"})) as page:
        if page.status != 200 or "Mustafin" not in page.read().decode():
            failures.append(f"view {view}")
    return failures


def main():
    kzlg = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "kzlg")
    with KzlgServer(kzlg) as server:
        print(f"check_serve: kzlg serve at {server.url}")
        checked, failures = check_catalogue(kzlg, server.url)
        failures += check_reconciliation(server.url)
    for failure in failures:
        print("FAIL", failure)
    if failures:
        sys.exit(1)
    print(f"check_serve: {checked} catalogue queries give the same rows through SPARQLWrapper; "
          "reconciliation answers match the API 0.2 schemas")


if __name__ == "__main__":
    main()
