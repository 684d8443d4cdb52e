#!/usr/bin/env python3
"""kzlg publish against a real Virtuoso Open Source, started here on loopback.

    python3 tests/python/check_publish.py target/release/kzlg [TABLES]

Starts its own virtuoso-t (Debian's virtuoso-opensource) with a database folder under
target/publish-virtuoso/ and free ports on 127.0.0.1, sets the dba password, and then:

  * publishes the tables' graph through /sparql-graph-crud-auth (digest login): the exit code is
    0, the pushed count is the number of lines of the kzlg.nq that `kzlg build` writes, and
    Virtuoso's own /sparql counts as many triples in the graph;
  * asks Virtuoso whether a sample of those lines (every 97th) is in the graph, and that a
    triple that is not in the data is not;
  * adds a stray triple to the graph (a Graph Store POST, which merges), publishes again: the
    count is back to the graph's, so the second PUT replaced the graph (never doubled it);
  * publishes the built file (--data kzlg.nq) to another graph, with the ontology, as a user that
    was granted SPARQL_UPDATE (the steps of docs/publish.md);
  * a wrong password, and a user without SPARQL_UPDATE, exit non-zero with a clean 401 / 403
    message and leave the graph as it was.

Standard library only. Everything is bounded in time; Virtuoso is stopped at the end.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

KZLG = os.path.abspath(sys.argv[1])
TABLES = sys.argv[2] if len(sys.argv) > 2 else "extracted"
ROOT = os.path.abspath("target/publish-virtuoso")
GRAPH = "https://w3id.org/kzlg/dataset"
OTHER = "urn:kzlg:check-publish"
PASSWORD = "kzlg-check-publish"
START_SECONDS = 120
STEP_SECONDS = 300
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_ini(sql_port, http_port):
    """The smallest virtuoso.ini that runs: our folder, our ports, loopback only."""
    db = ROOT
    ini = f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {db}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
ThreadsPerQuery = 2
MaxClientConnections = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
    path = os.path.join(db, "virtuoso.ini")
    with open(path, "w") as f:
        f.write(ini)
    return path


def sparql(http_port, query):
    url = f"http://127.0.0.1:{http_port}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=STEP_SECONDS) as response:
        import json

        return json.load(response)


def count(http_port, graph):
    answer = sparql(http_port, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(answer["results"]["bindings"][0]["n"]["value"])


def ask(http_port, graph, triple):
    """Whether the graph holds the triple (a count: Virtuoso 7.2's JSON for ASK is a SELECT's)."""
    answer = sparql(http_port, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ {triple} }} }}")
    return int(answer["results"]["bindings"][0]["n"]["value"]) > 0


def gsp_post(http_port, graph, turtle):
    """A Graph Store POST (merge) with a digest login, as any client would send it."""
    url = f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth?" + urllib.parse.urlencode({"graph": graph})
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, "dba", PASSWORD)
    opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))
    request = urllib.request.Request(url, data=turtle.encode(), method="POST", headers={"Content-Type": "text/turtle"})
    with opener.open(request, timeout=STEP_SECONDS) as response:
        return response.status


def publish(http_port, *args, password_file, user="dba"):
    command = [KZLG, "--tables", TABLES, "publish", "--to", f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth",
               "--user", user, "--password-file", password_file, *args]
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True, timeout=STEP_SECONDS)
    print(f"     $ kzlg publish {' '.join(args)} ({time.monotonic() - started:.1f} s, exit {run.returncode})")
    for line in (run.stdout + run.stderr).splitlines():
        print("       " + line)
    return run


def start():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(ROOT)
    sql_port, http_port = free_port(), free_port()
    ini = write_ini(sql_port, http_port)
    log = open(os.path.join(ROOT, "stdout.log"), "w")
    server = subprocess.Popen(["virtuoso-t", "+configfile", ini, "+foreground"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_SECONDS
    while True:
        if server.poll() is not None:
            sys.exit(f"virtuoso-t stopped at start (exit {server.returncode}); see {ROOT}/virtuoso.log")
        try:
            sparql(http_port, "ASK {}")
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if time.monotonic() > deadline:
                server.kill()
                sys.exit(f"virtuoso-t did not answer in {START_SECONDS} s; see {ROOT}/virtuoso.log")
            time.sleep(0.5)
    # A fresh database's dba password is dba: set ours, over the SQL port; then a user that may
    # update graphs (the steps of docs/publish.md) and one that may not.
    sql = (f"user_set_password('dba', '{PASSWORD}'); "
           f"DB.DBA.USER_CREATE('kzlg', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"kzlg\"; "
           f"DB.DBA.USER_CREATE('reader', '{PASSWORD}');")
    subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={sql}"],
                   check=True, capture_output=True, timeout=60)
    return server, http_port


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main():
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        sys.exit("virtuoso-t and isql-vt are missing: install the Debian package virtuoso-opensource (make debian-packages)")
    built = tempfile.mkdtemp(prefix="kzlg-publish-")
    subprocess.run([KZLG, "--tables", TABLES, "build", "--out", built, "--nquads-only"], check=True, capture_output=True)
    nq = os.path.join(built, "kzlg.nq")
    with open(nq, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    expected = len(lines)
    good = os.path.join(built, "password")
    bad = os.path.join(built, "wrong-password")
    with open(good, "w") as f:
        f.write(PASSWORD + "\n")
    with open(bad, "w") as f:
        f.write("not-" + PASSWORD + "\n")

    started = time.monotonic()
    server, port = start()
    print(f"     virtuoso-t on 127.0.0.1:{port} in {time.monotonic() - started:.1f} s")
    try:
        run = publish(port, password_file=good)
        check(run.returncode == 0, "the first publish exits 0")
        check(f"published {expected} triples to <{GRAPH}>" in run.stdout, f"it reports {expected} triples pushed (the lines of kzlg.nq)")
        check(count(port, GRAPH) == expected, f"Virtuoso counts {expected} triples in <{GRAPH}>")

        sample = lines[::97]
        missing = [line for line in sample if not ask(port, GRAPH, line.removesuffix(" ."))]
        check(not missing, f"every one of {len(sample)} sampled triples is in the graph {missing[:3]}")
        stray = "<https://w3id.org/kzlg/id/check/stray> <http://www.w3.org/2000/01/rdf-schema#label> \"stray\""
        check(not ask(port, GRAPH, stray), "a triple that is not in the data is not in the graph")

        check(gsp_post(port, GRAPH, stray + " .\n") in (200, 201, 204), "a stray triple is merged into the graph")
        check(count(port, GRAPH) == expected + 1, f"the graph then holds {expected + 1} triples")
        run = publish(port, password_file=good)
        check(run.returncode == 0 and "(200 OK" in run.stdout, "the second publish exits 0, replacing an existing graph (200)")
        check(count(port, GRAPH) == expected, f"the count is {expected} again: replaced, not doubled")
        check(not ask(port, GRAPH, stray), "the stray triple is gone")

        run = publish(port, "--data", nq, "--graph", OTHER, "--ontology", password_file=good, user="kzlg")
        check(run.returncode == 0, "publish --data kzlg.nq --graph OTHER --ontology, as a user with SPARQL_UPDATE, exits 0")
        check(count(port, OTHER) == expected, f"the other graph holds {expected} triples too")
        check(count(port, "https://w3id.org/kzlg/ontology") > 0, "the ontology has its own graph")
        check(count(port, GRAPH) == expected, "the dataset's graph is untouched by it")

        run = publish(port, password_file=bad)
        check(run.returncode == 2, "a wrong password exits 2")
        check("401 Unauthorized" in run.stderr and "check the password in" in run.stderr and "panick" not in run.stderr,
              "with a clean message naming the 401 and the password file")
        check(count(port, GRAPH) == expected, "and the graph is as it was")

        run = publish(port, password_file=good, user="reader")
        check(run.returncode == 2 and "403 Forbidden" in run.stderr and "SPARQL_UPDATE" in run.stderr,
              "a user without SPARQL_UPDATE exits 2 with Virtuoso's 403 and a hint")
        check(count(port, GRAPH) == expected, "and the graph is still as it was")
    finally:
        stop(server)
        shutil.rmtree(built, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} publish checks failed")
    print(f"check_publish: all checks passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    # `timeout` (the Makefile's) sends SIGTERM: leave through `finally`, which stops Virtuoso.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("check_publish: stopped by SIGTERM"))
    main()
