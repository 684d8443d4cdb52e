#!/usr/bin/env python3
"""`make bench-serve`: `kzlg serve` on the bundled data beside pyoxigraph behind a minimal HTTP
server (Python's ThreadingHTTPServer, the same store loaded from the kzlg.nq `kzlg build` writes).

Measures the start time (process start to the first 200 of `/`), then, for each server in turn,
CLIENTS keep-alive clients for SECONDS on entity descriptions and on catalogue queries: requests
per second, p50 and p99. kzlg answers entity pages in HTML and Turtle (its own description of an
entity, statements included); the peer answers `DESCRIBE <iri>` in Turtle. The catalogue is the
queries pyoxigraph can run (kzlg's date functions, kzlg:holdsOn and others, are kzlg's own; those
queries are run on kzlg only and listed). Writes bench/out/serve.md and bench/out/serve.json.

    python3 bench/serve.py target/release/kzlg [--clients 4] [--seconds 10]
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
from check_serve_load import catalogue, entity_paths, hammer, report  # noqa: E402
from kzlg_server import KzlgServer  # noqa: E402

OUT = os.path.join(ROOT, "bench", "out")


def prefixes_of(turtle_path):
    """The PREFIX lines `kzlg query` predeclares: the @prefix lines of the built kzlg.ttl."""
    lines = []
    with open(turtle_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("@prefix"):
                _, name, iri, _ = line.split()
                lines.append(f"PREFIX {name} {iri}")
    return "\n".join(lines) + "\n"


def peer(nq_path):
    """pyoxigraph behind ThreadingHTTPServer on a free port: /sparql (POST form) and /id/... (DESCRIBE)."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=nq_path, format=pyoxigraph.RdfFormat.N_QUADS)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Without these, headers and body leave in two segments and delayed ACKs add 40 ms.
        disable_nagle_algorithm = True
        wbufsize = 1 << 16

        def answer(self, status, kind, payload):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            path = self.path[:-4] if self.path.endswith(".ttl") else self.path
            iri = "https://w3id.org/kzlg" + path
            try:
                results = store.query(f"DESCRIBE <{iri}>")
                self.answer(200, "text/turtle", results.serialize(format=pyoxigraph.RdfFormat.TURTLE))
            except Exception as error:
                self.answer(400, "text/plain", str(error).encode())

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            query = urllib.parse.parse_qs(body).get("query", [""])[0]
            try:
                results = store.query(query, use_default_graph_as_union=False)
                self.answer(200, "application/sparql-results+json",
                            results.serialize(format=pyoxigraph.QueryResultsFormat.JSON))
            except Exception as error:
                self.answer(400, "text/plain", str(error).encode())

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def runnable_on_peer(server_address, mix):
    """The catalogue requests the peer answers 200."""
    host, port = server_address.split(":")
    import http.client
    keep, skipped = [], set()
    for request in mix:
        kind, method, path, headers, body = request
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        connection.close()
        (keep.append(request) if answer.status == 200 else skipped.add(request[4]))
    return keep, skipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kzlg", nargs="?", default=os.path.join(ROOT, "target", "release", "kzlg"))
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    dist = tempfile.mkdtemp(prefix="kzlg-bench-serve-")
    subprocess.run([os.path.abspath(args.kzlg), "build", "--out", dist, "--quiet"], cwd=ROOT, check=True)
    prefixes = prefixes_of(os.path.join(dist, "kzlg.ttl"))

    results = {"clients": args.clients, "seconds": args.seconds, "cores": os.cpu_count()}
    starts = []
    for _ in range(3):
        started = time.monotonic()
        with KzlgServer(args.kzlg) as server:
            urllib.request.urlopen(server.url + "/").read()
            starts.append(time.monotonic() - started)
    results["kzlg_start_s"] = round(min(starts), 3)

    with KzlgServer(args.kzlg) as server:
        address = server.url[len("http://"):]
        paths = entity_paths(server.url)
        pages = [("entity page (HTML)", "GET", p, {"Accept": "text/html"}, None) for p in paths]
        turtle = [("entity (Turtle)", "GET", p + ".ttl", {}, None) for p in paths]
        queries = []
        for name, text in catalogue():
            queries.append(("catalogue query", "POST", "/sparql",
                            {"Accept": "application/sparql-results+json",
                             "Content-Type": "application/x-www-form-urlencoded"},
                            urllib.parse.urlencode({"query": prefixes + text}), name))
        kzlg_rows = []
        for mix in (pages, turtle):
            hammer(address, mix, args.clients, 2)
            latencies, errors = hammer(address, mix, args.clients, args.seconds)
            kzlg_rows += report(latencies, args.seconds)
            assert not errors, errors[:3]

    started = time.monotonic()
    peer_server = peer(os.path.join(dist, "kzlg.nq"))
    peer_address = "%s:%d" % peer_server.server_address
    results["peer_start_s"] = round(time.monotonic() - started, 3)
    peer_queries, skipped = runnable_on_peer(peer_address, [q[:5] for q in queries])
    skipped_names = sorted(q[5] for q in queries if q[4] in skipped)
    common = [q[:5] for q in queries if q[4] not in skipped]
    results["catalogue_on_both"] = len(common)
    results["kzlg_only"] = skipped_names

    with KzlgServer(args.kzlg) as server:
        address = server.url[len("http://"):]
        everything = [("catalogue query (all)",) + q[1:5] for q in queries]
        for label, mix in (("catalogue query (both)", common), ("catalogue query (all)", everything)):
            mix = [(label,) + tuple(q[1:]) for q in mix]
            hammer(address, mix, args.clients, 2)
            latencies, errors = hammer(address, mix, args.clients, args.seconds)
            kzlg_rows += report(latencies, args.seconds)
            assert not errors, errors[:3]
    peer_rows = []
    for label, mix in (("entity (Turtle)", turtle), ("catalogue query (both)", peer_queries)):
        mix = [(label,) + tuple(q[1:]) for q in mix]
        hammer(peer_address, mix, args.clients, 2)
        latencies, errors = hammer(peer_address, mix, args.clients, args.seconds)
        peer_rows += report(latencies, args.seconds)
        if errors:
            print(f"peer errors: {errors[:3]}")
    peer_server.shutdown()
    results["kzlg"], results["pyoxigraph"] = kzlg_rows, peer_rows

    lines = [f"# kzlg serve beside pyoxigraph (bundled data, {args.clients} clients, {args.seconds:g} s each, "
             f"{os.cpu_count()} cores)", "",
             f"Start: kzlg serve {results['kzlg_start_s']} s to its first page (build from the tables included); "
             f"pyoxigraph {results['peer_start_s']} s to load kzlg.nq.", "",
             "| server | requests | per second | p50 ms | p99 ms |", "|---|---|---|---|---|"]
    for who, rows in (("kzlg", kzlg_rows), ("pyoxigraph", peer_rows)):
        for row in rows:
            lines.append(f"| {who}: {row['kind']} | {row['requests']} | {row['per_second']} | "
                         f"{row['p50_ms']} | {row['p99_ms']} |")
    lines += ["", f"Catalogue queries run on both: {len(common)}; on kzlg only (its date functions): "
              f"{', '.join(skipped_names) or 'none'}.", ""]
    text = "\n".join(lines)
    open(os.path.join(OUT, "serve.md"), "w").write(text)
    json.dump(results, open(os.path.join(OUT, "serve.json"), "w"), indent=1)
    print(text)


if __name__ == "__main__":
    main()
