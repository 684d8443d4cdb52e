#!/usr/bin/env python3
"""A bounded load test of `kzlg serve` on loopback: CLIENTS concurrent clients for SECONDS, each on
its own keep-alive connection, asking a mix of entity pages (HTML and Turtle), search, and
catalogue queries (POSTed to /sparql, SERVICE ones left out). Passes when no request failed and
the server's resident memory at the end is within 10% of its level after a warm-up; prints
p50/p99 latency per kind of request.

    python3 tests/python/check_serve_load.py target/release/kzlg [--clients 32] [--seconds 30]
"""
import argparse
import glob
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kzlg_server import ROOT, KzlgServer, percentile, rss_kib  # noqa: E402


def catalogue():
    queries = []
    for path in sorted(glob.glob(os.path.join(ROOT, "queries", "*.rq"))):
        text = open(path, encoding="utf-8").read()
        if not any("SERVICE" in l.upper() and not l.lstrip().startswith("#") for l in text.splitlines()):
            queries.append((os.path.basename(path)[:-3], text))
    return queries


def entity_paths(url):
    query = ("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(kzid:)) "
             "&& !STRSTARTS(STR(?s), STR(stmt:))) }")
    request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request) as answer:
        lines = answer.read().decode().splitlines()[1:]
    return [line[len("https://w3id.org/kzlg"):] for line in lines]


def requests_of(url):
    """The mix: (kind, method, path, headers, body)."""
    mix = []
    for path in entity_paths(url):
        mix.append(("entity page", "GET", path, {"Accept": "text/html"}, None))
        mix.append(("entity turtle", "GET", path + ".ttl", {}, None))
    for name, text in catalogue():
        body = urllib.parse.urlencode({"query": text})
        headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}
        for _ in range(40):
            mix.append(("catalogue query", "POST", "/sparql", headers, body))
    for q in ["Токаев", "Mustafin", "akim appointed by the president", "Petropavl", "maslikhat"]:
        for _ in range(40):
            mix.append(("search", "GET", "/search?" + urllib.parse.urlencode({"q": q}), {}, None))
    return mix


def hammer(address, mix, clients, seconds, seed=1):
    """Runs the mix from `clients` threads for `seconds`; returns {kind: [latency s]}, errors."""
    host, port = address.split(":")
    latencies, errors, lock = {}, [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        rng = random.Random(seed * 1000 + number)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = {}
        while time.monotonic() < deadline:
            kind, method, path, headers, body = rng.choice(mix)
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                took = time.perf_counter() - started
                if answer.status != 200:
                    with lock:
                        errors.append(f"{kind} {path[:80]}: {answer.status}")
                mine.setdefault(kind, []).append(took)
            except Exception as error:  # a failed connection is an error of the test run
                with lock:
                    errors.append(f"{kind} {path[:80]}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.close()
        with lock:
            for kind, values in mine.items():
                latencies.setdefault(kind, []).extend(values)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def report(latencies, seconds):
    rows = []
    for kind in sorted(latencies):
        values = latencies[kind]
        rows.append({"kind": kind, "requests": len(values), "per_second": round(len(values) / seconds, 1),
                     "p50_ms": round(percentile(values, 50) * 1000, 2),
                     "p99_ms": round(percentile(values, 99) * 1000, 2)})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kzlg", nargs="?", default=os.path.join(ROOT, "target", "release", "kzlg"))
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    args = parser.parse_args()
    with KzlgServer(args.kzlg) as server:
        address = server.url[len("http://"):]
        mix = requests_of(server.url)
        hammer(address, mix, args.clients, args.warmup, seed=7)
        warm = rss_kib(server.pid)
        latencies, errors = hammer(address, mix, args.clients, args.seconds)
        end = rss_kib(server.pid)
    rows = report(latencies, args.seconds)
    for row in rows:
        print(f"  {row['kind']:<16} {row['requests']:>7} requests  {row['per_second']:>8}/s  "
              f"p50 {row['p50_ms']:>7} ms  p99 {row['p99_ms']:>7} ms")
    growth = (end - warm) / warm
    print(f"  resident memory: {warm} KiB after warm-up, {end} KiB at the end ({growth:+.1%})")
    print(json.dumps({"clients": args.clients, "seconds": args.seconds, "rows": rows,
                      "rss_kib": {"warm": warm, "end": end}, "errors": len(errors)}))
    failed = False
    if errors:
        print(f"FAIL {len(errors)} requests failed, e.g. {errors[:5]}")
        failed = True
    if abs(growth) > 0.10:
        print(f"FAIL resident memory changed by {growth:+.1%} (more than 10%)")
        failed = True
    if failed:
        sys.exit(1)
    print(f"check_serve_load: {args.clients} clients for {args.seconds:g} s, no errors, memory steady")


if __name__ == "__main__":
    main()
