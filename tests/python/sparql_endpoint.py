"""A real SPARQL endpoint on loopback, for the federation tests of `kzlg query --federate`.

    python3 tests/python/sparql_endpoint.py DATA.ttl [--silent] [--lifetime SECONDS]

Loads DATA.ttl into a pyoxigraph store and answers the SPARQL 1.1 protocol (GET ?query=, POST
form or application/sparql-query) on 127.0.0.1 at a free port, which it prints on the first line
of standard output. With --silent it accepts connections and never answers, to test timeouts.
It stops by itself after --lifetime seconds (60 by default) or when standard input closes.
"""

import argparse
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph


def serve(store: pyoxigraph.Store) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.answer(parse_qs(urlparse(self.path).query).get("query", [""])[0])

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            kind = self.headers.get("Content-Type", "")
            query = body if kind.startswith("application/sparql-query") else parse_qs(body).get("query", [""])[0]
            self.answer(query)

        def answer(self, query: str):
            try:
                results = store.query(query)
                payload = results.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
            except Exception as error:  # a bad query is the client's problem: 400
                self.send_response(400)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(str(error).encode())
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--lifetime", type=float, default=60.0)
    args = parser.parse_args()
    if args.silent:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]
    else:
        store = pyoxigraph.Store()
        store.load(path=args.data, format=pyoxigraph.RdfFormat.TURTLE)
        server = serve(store)
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(port, flush=True)
    closed = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
    deadline = time.monotonic() + args.lifetime
    while not closed.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)


if __name__ == "__main__":
    main()
