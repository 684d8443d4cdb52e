#!/usr/bin/env python3
"""`make bench`: kzlg beside its peers on synthetic tables of 10k, 100k and 1M tenure rows.

For each size, side by side in the same run:
- `kzlg build` (all outputs and the canonical hash) and `--nquads-only` against a plain Python
  CSV → N-Triples converter (bench/peer_csv2nt.py), with peak memory against the size of kzlg.nq,
  and the bytes against the binary from before this round (KZLG_BEFORE, when it exists);
- reading and checking the tables (`kzlg stats`) against the csv crate alone
  (examples/csv_read.rs) and Python's csv module (bench/peer_csv_read.py);
- `kzlg export` in each format against igraph writing GraphML (bench/peer_graphml.py);
- `kzlg load --store` and `kzlg query --store` (when the binary has them: built with
  `--features rocksdb`) against `kzlg query --data` (reload) and pyoxigraph loading the same file
  (bench/peer_query.py).
The serve benchmark (bench/serve.py, bench/out/serve.md) and the clean build (`make bench-build`,
bench/out/build.md) join the report when they ran first.

Wall time and peak memory come from /usr/bin/time. Every target of issue 15 gets a line
"target; measured; met / not met by". Writes bench/out/report.md and bench/out/report.json;
bench/readme.py copies the report's summary into the README.

    BENCH_SIZES=10000,100000 python3 bench/bench.py
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
KZLG = os.environ.get("KZLG", os.path.join(ROOT, "target", "release", "kzlg"))
KZLG_BEFORE = os.environ.get("KZLG_BEFORE", "/work/bin-old/kzlg-main-before")
CSV_READ = os.environ.get("CSV_READ", os.path.join(ROOT, "target", "release", "examples", "csv_read"))
QUERIES = ["who-appoints-akims", "accountability-without-dismissal", "facts-per-source"]
EXPORTS = ["graphml", "gexf", "dot", "csv"]


def timed(command, stdout=subprocess.DEVNULL, check=True):
    """Runs command; returns (wall seconds, peak RSS in MB, stdout text), or None if it failed
    and check is false. What the runs before wrote is synced to disk first, so that a command is
    not charged for their writeback: the Python peer, which writes through the page cache just
    after kzlg's builds have written 7 GB, took 9.2 s so and 5.5 s after a sync."""
    os.sync()
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if result.returncode != 0:
        if not check:
            return None
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    return max(float(wall), 0.01), int(rss) / 1024, result.stdout


def rows_in(tables):
    total = 0
    for name in os.listdir(tables):
        if name.endswith(".csv"):
            with open(os.path.join(tables, name), encoding="utf-8") as f:
                total += sum(1 for _ in f) - 1
    return total


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def machine():
    """The CPU model, its cores and the memory, from /proc."""
    model, cores = "unknown CPU", os.cpu_count()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
                break
    except OSError:
        memory = "unknown memory"
    try:
        load = open("/proc/loadavg", encoding="utf-8").read().split()[1]
    except OSError:
        load = "unknown"
    return f"{model}, {cores} cores, {memory}, load average {load} at the start (5 min)"


def has_store():
    """Whether the binary was built with the on-disk store: `kzlg load --help` exits 0 and a test
    load of the bundled graph succeeds."""
    if subprocess.run([KZLG, "load", "--help"], capture_output=True, cwd=ROOT).returncode != 0:
        return False
    with tempfile.TemporaryDirectory() as scratch:
        nq = os.path.join(scratch, "dist", "kzlg.nq")
        subprocess.run([KZLG, "build", "--out", os.path.dirname(nq), "--nquads-only", "--quiet"], check=True,
                       capture_output=True, cwd=ROOT)
        load = subprocess.run([KZLG, "load", "--store", os.path.join(scratch, "store"), "--data", nq, "--quiet"],
                              capture_output=True, cwd=ROOT)
        return load.returncode == 0


def clean_build():
    """The clean build `make bench-build` measured (bench/out/build.md): wall seconds, packages
    compiled, and the report's text; None when it did not run."""
    path = os.path.join(OUT, "build.md")
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8").read()
    match = re.match(r"Clean build: ([0-9.]+)s.*?, ([0-9]+) units, ([0-9]+) packages", text)
    return float(match.group(1)), int(match.group(3)), text

def verdict(met, by):
    return "**met**" if met else f"**not met** by {by}"


def bench_size(size, store, results):
    tables = os.path.join(OUT, f"tables-{size}")
    if not os.path.exists(os.path.join(tables, "tenures.csv")):
        subprocess.run([sys.executable, "bench/synth.py", "--tenures", str(size), "--out", tables], check=True,
                       cwd=ROOT)
    r = {"size": size, "rows": rows_in(tables)}
    dist = os.path.join(OUT, f"dist-{size}")
    nq = os.path.join(dist, "kzlg.nq")

    r["full_s"], r["full_mb"], _ = timed([KZLG, "--tables", tables, "build", "--out", dist, "--quiet"])
    r["nq_s"], r["nq_mb"], _ = timed([KZLG, "--tables", tables, "build", "--out", dist + "-nq", "--quiet",
                                      "--nquads-only"])
    with open(nq, "rb") as f:
        r["triples"] = sum(1 for _ in f)
    r["nq_bytes"] = os.path.getsize(nq)
    r["same_as_nq_only"] = sha256(nq) == sha256(os.path.join(dist + "-nq", "kzlg.nq"))
    if os.access(KZLG_BEFORE, os.X_OK):
        before = timed([KZLG_BEFORE, "--tables", tables, "build", "--out", dist + "-before", "--quiet",
                        "--nquads-only"])
        r["before_nq_s"] = before[0]
        r["same_as_before"] = all(
            sha256(os.path.join(dist, name)) == sha256(os.path.join(dist + "-before", name))
            for name in ("kzlg.nq", "kzlg.sha256"))
        shutil.rmtree(dist + "-before", ignore_errors=True)
    peer_s, peer_mb, peer_out = timed([sys.executable, "bench/peer_csv2nt.py", tables,
                                       os.path.join(OUT, f"peer-{size}.nt")], stdout=subprocess.PIPE)
    r.update(peer_s=peer_s, peer_mb=peer_mb, peer_triples=int(peer_out.strip()))
    print(f"{size:,}: build {r['full_s']} s, --nquads-only {r['nq_s']} s, peer {peer_s} s", flush=True)

    r["stats_s"], r["stats_mb"], _ = timed([KZLG, "--tables", tables, "stats"])
    if os.access(CSV_READ, os.X_OK):
        r["csv_crate_s"], _, _ = timed([CSV_READ, tables])
    r["py_csv_s"], _, _ = timed([sys.executable, "bench/peer_csv_read.py", tables])
    print(f"{size:,}: stats {r['stats_s']} s, csv crate {r.get('csv_crate_s')} s, Python csv {r['py_csv_s']} s",
          flush=True)

    csv_dir = os.path.join(OUT, f"export-{size}-csv")
    r["exports"] = {}
    for export in EXPORTS:
        target = csv_dir if export == "csv" else os.path.join(OUT, f"export-{size}.{export}")
        wall, rss, _ = timed([KZLG, "--tables", tables, "export", export, "--view", "all", "--out", target, "--quiet"])
        r["exports"][export] = [wall, rss]
    r["igraph_s"], r["igraph_mb"], out = timed([sys.executable, "bench/peer_graphml.py", csv_dir,
                                                os.path.join(OUT, f"peer-{size}.graphml")], stdout=subprocess.PIPE)
    r["nodes"], r["edges"] = (int(n) for n in out.split())
    print(f"{size:,}: exports {r['exports']}, igraph {r['igraph_s']} s", flush=True)

    if store:
        store_dir = os.path.join(OUT, f"store-{size}")
        shutil.rmtree(store_dir, ignore_errors=True)
        r["load_s"], r["load_mb"], _ = timed([KZLG, "load", "--store", store_dir, "--data", nq, "--quiet"])
    r["queries"] = {}
    for query in QUERIES:
        q = {}
        q["data_s"], q["data_mb"], data_out = timed([KZLG, "query", query, "--data", nq, "--format", "csv", "--quiet"],
                                                    stdout=subprocess.PIPE)
        if store:
            q["store_s"], q["store_mb"], store_out = timed(
                [KZLG, "query", query, "--store", store_dir, "--format", "csv", "--quiet"], stdout=subprocess.PIPE)
            q["store_same"] = store_out == data_out
        q["peer_s"], q["peer_mb"], _ = timed([sys.executable, "bench/peer_query.py", nq, f"queries/{query}.rq",
                                              os.path.join(dist, "kzlg.ttl")], stdout=subprocess.PIPE)
        r["queries"][query] = q
        print(f"{size:,}: query {query} {q}", flush=True)
    results["sizes"].append(r)


def targets(r, results):
    """One line per target of issue 15, judged at the largest size measured."""
    at = f"at {r['size']:,} tenure rows"
    peer_rate = r["peer_triples"] / r["peer_s"]
    nq_ratio = r["triples"] / r["nq_s"] / peer_rate
    full_ratio = r["triples"] / r["full_s"] / peer_rate
    rows_rate = r["rows"] / r["stats_s"]
    memory = max(r["full_mb"], r["nq_mb"]) * 1024 * 1024 / r["nq_bytes"]
    lines = [
        f"`build --nquads-only` {at}: target ≥ 2× the Python peer's triples/s; measured {nq_ratio:.2f}× "
        f"({r['triples'] / r['nq_s'] / 1e6:.2f}M vs {peer_rate / 1e6:.2f}M triples/s); "
        f"{verdict(nq_ratio >= 2, f'{2 / nq_ratio:.1f}×')}",
        f"full `build` {at}: target ≥ 1× the peer's triples/s; measured {full_ratio:.2f}×; "
        f"{verdict(full_ratio >= 1, f'{1 / full_ratio:.1f}×')}",
        f"reading and checking the tables (`kzlg stats`) {at}: target ≥ 1.5M rows/s; measured "
        f"{rows_rate / 1e6:.2f}M rows/s; {verdict(rows_rate >= 1.5e6, f'{1.5e6 / rows_rate:.1f}×')}",
        f"peak memory of the build {at}: target ≤ 1.5× the size of kzlg.nq ({r['nq_bytes'] / 1e6:,.0f} MB); measured "
        f"{memory:.2f}×; {verdict(memory <= 1.5, f'{memory / 1.5:.1f}×')}",
    ]
    if "same_as_before" in r:
        lines.append(f"same tables, same bytes as before this round {at}: kzlg.nq and kzlg.sha256 against "
                     f"`{os.path.basename(KZLG_BEFORE)}`; measured {'identical' if r['same_as_before'] else 'different'}; "
                     f"{verdict(r['same_as_before'], 'a difference in output')}")
    export_ratio = min(r["igraph_s"] / wall for wall, _ in r["exports"].values())
    lines.append(f"exports {at}: target ≥ 6× igraph; measured {export_ratio:.2f}× (slowest format); "
                 f"{verdict(export_ratio >= 6, f'{6 / export_ratio:.1f}×')}")
    if "load_s" in r:
        load_rate = r["triples"] / r["load_s"]
        lines.append(f"`kzlg load --store` {at}: target ≥ 0.25M triples/s; measured {load_rate / 1e6:.2f}M/s; "
                     f"{verdict(load_rate >= 0.25e6, f'{0.25e6 / load_rate:.1f}×')}")
        selective = r["queries"]["who-appoints-akims"]["store_s"]
        lines.append(f"`query who-appoints-akims --store` {at}: target < 1 s wall; measured {selective:.2f} s; "
                     f"{verdict(selective < 1, f'{selective - 1:.2f} s')}")
        speedup = min(q["data_s"] / q["store_s"] for q in r["queries"].values())
        lines.append(f"every benchmark query `--store` vs `--data` reload {at}: target ≥ 50×; measured "
                     f"{speedup:.0f}× (slowest query); {verdict(speedup >= 50, f'{50 / speedup:.1f}×')}")
    else:
        lines.append("`kzlg load --store`, `query --store` (load ≥ 0.25M triples/s, who-appoints-akims < 1 s, "
                     "every query ≥ 50× the reload): not measured, the binary was not built with --features rocksdb")
    if results.get("clean_build"):
        wall, crates, _ = results["clean_build"]
        lines.append(f"clean `cargo build --release` (`make bench-build`): target ≤ 4 min; measured {wall / 60:.1f} min, "
                     f"{crates} packages; {verdict(wall <= 240, f'{wall - 240:.0f} s')}")
    return lines


def report(results):
    sizes = results["sizes"]
    largest = sizes[-1]
    lines = ["# kzlg benchmark", "", f"Machine: {results['machine']}. Run started {results['started']}; "
             f"binary `{os.path.relpath(KZLG, ROOT)}`. Every peer ran beside kzlg in the same run; "
             "ratios are what to compare on a shared machine.", "",
             "## Summary", "", "<!-- bench/readme.py copies this section into the README. -->", "",
             "### Targets (issue 15)", ""]
    lines += [f"- {line}" for line in targets(largest, results)]
    lines += ["", "### Ratios", "",
              "Above 1: kzlg is faster (peer's time / kzlg's time; for builds, kzlg's triples/s / the peer's).", "",
              "| tenure rows | build / peer | --nquads-only / peer | --nquads-only / before | stats rows/s / csv crate | export graphml / igraph "
              "| query --data / pyoxigraph | query --store / --data |", "|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        peer_rate = r["peer_triples"] / r["peer_s"]
        csv = f"{r['csv_crate_s'] / r['stats_s']:.2f}" if "csv_crate_s" in r else "–"
        before = f"{r['before_nq_s'] / r['nq_s']:.2f}" if "before_nq_s" in r else "–"
        queries = r["queries"].values()
        data = f"{min(q['peer_s'] / q['data_s'] for q in queries):.2f}–{max(q['peer_s'] / q['data_s'] for q in queries):.2f}"
        store = (f"{min(q['data_s'] / q['store_s'] for q in queries):.0f}–{max(q['data_s'] / q['store_s'] for q in queries):.0f}"
                 if "load_s" in r else "not built")
        lines.append(f"| {r['size']:,} | {r['triples'] / r['full_s'] / peer_rate:.2f} | {r['triples'] / r['nq_s'] / peer_rate:.2f} | {before} "
                     f"| {csv} | {r['igraph_s'] / r['exports']['graphml'][0]:.2f} | {data} | {store} |")
    serve_json = os.path.join(OUT, "serve.json")
    if os.path.exists(serve_json):
        serve = json.load(open(serve_json, encoding="utf-8"))
        peer = {row["kind"]: row for row in serve["pyoxigraph"]}
        pairs = [f"{row['kind']} {row['per_second'] / peer[row['kind']]['per_second']:.2f}×"
                 for row in serve["kzlg"] if row["kind"] in peer]
        lines += ["", f"`kzlg serve` vs pyoxigraph behind a minimal HTTP server (bundled data; requests/s, kzlg / peer): "
                  f"{'; '.join(pairs)}."]
    lines += ["", "### Absolute figures", "",
              f"On {results['machine']}.", "",
              "| tenure rows (triples) | build | --nquads-only | peer CSV → N-Triples | kzlg stats | export graphml | igraph "
              "| who-appoints-akims --data | --store |", "|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        q = r["queries"]["who-appoints-akims"]
        store = f"{q['store_s']:.2f} s" if "store_s" in q else "not built"
        lines.append(f"| {r['size']:,} ({r['triples'] / 1e6:.1f}M) | {r['full_s']:.2f} s, {r['full_mb']:,.0f} MB "
                     f"| {r['nq_s']:.2f} s, {r['nq_mb']:,.0f} MB | {r['peer_s']:.2f} s | {r['stats_s']:.2f} s "
                     f"| {r['exports']['graphml'][0]:.2f} s, {r['exports']['graphml'][1]:,.0f} MB "
                     f"| {r['igraph_s']:.2f} s, {r['igraph_mb']:,.0f} MB | {q['data_s']:.2f} s, {q['data_mb']:,.0f} MB | {store} |")
    lines += ["", "## Build: `kzlg build` (N-Quads, Turtle, JSON-LD, RDFC-1.0 hash, full validation) vs a plain "
              "Python CSV → N-Triples converter", "",
              "Full build: all outputs; N-Quads only: `--nquads-only` (kzlg.nq and its hash), the peer's one format. "
              "Before: the binary from before this round, `--nquads-only` on the same tables.", "",
              "| tenure rows | table rows | triples | kzlg.nq MB | full s | triples/s | peak MB | N-Quads only s "
              "| triples/s | peak MB | peak / kzlg.nq | before s | same bytes as before | peer triples | peer s "
              "| peer triples/s | peer MB | ratio full/peer | ratio N-Quads only/peer |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        peer_rate = r["peer_triples"] / r["peer_s"]
        before = f"{r['before_nq_s']:.2f}" if "before_nq_s" in r else "–"
        same = ("yes" if r["same_as_before"] else "**no**") if "same_as_before" in r else "–"
        lines.append(f"| {r['size']:,} | {r['rows']:,} | {r['triples']:,} | {r['nq_bytes'] / 1e6:,.0f} | {r['full_s']:.2f} "
                     f"| {r['triples'] / r['full_s']:,.0f} | {r['full_mb']:,.0f} | {r['nq_s']:.2f} | {r['triples'] / r['nq_s']:,.0f} "
                     f"| {r['nq_mb']:,.0f} | {max(r['full_mb'], r['nq_mb']) * 1024 * 1024 / r['nq_bytes']:.2f} | {before} | {same} "
                     f"| {r['peer_triples']:,} | {r['peer_s']:.2f} | {peer_rate:,.0f} | {r['peer_mb']:,.0f} "
                     f"| {r['triples'] / r['full_s'] / peer_rate:.2f} | {r['triples'] / r['nq_s'] / peer_rate:.2f} |")
    lines += ["", "## Reading and checking the tables: `kzlg stats` vs the csv crate alone and Python's csv module", "",
              "kzlg reads, parses and checks every cell and reference; the csv crate (examples/csv_read.rs) and Python's "
              "csv module (bench/peer_csv_read.py) only read the records.", "",
              "| tenure rows | table rows | kzlg stats s | rows/s | peak MB | csv crate s | rows/s | Python csv s | rows/s |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        crate = (f"{r['csv_crate_s']:.2f} | {r['rows'] / r['csv_crate_s']:,.0f}" if "csv_crate_s" in r else "– | –")
        lines.append(f"| {r['size']:,} | {r['rows']:,} | {r['stats_s']:.2f} | {r['rows'] / r['stats_s']:,.0f} | {r['stats_mb']:,.0f} "
                     f"| {crate} | {r['py_csv_s']:.2f} | {r['rows'] / r['py_csv_s']:,.0f} |")
    lines += ["", "## Exports: `kzlg export FORMAT --view all` from the tables vs igraph writing GraphML from kzlg's CSV export",
              "",
              "kzlg reads and checks the tables, builds the network and writes the file; igraph only reads the network from",
              "CSV and writes GraphML (python-igraph, `bench/peer_graphml.py`). Ratio: igraph s / kzlg s.", "",
              "| tenure rows | format | nodes | edges | kzlg s | kzlg MB | igraph GraphML s | igraph MB | speed ratio "
              "| memory ratio (kzlg / igraph) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        for fmt, (wall, rss) in r["exports"].items():
            lines.append(f"| {r['size']:,} | {fmt} | {r['nodes']:,} | {r['edges']:,} | {wall:.2f} | {rss:,.0f} "
                         f"| {r['igraph_s']:.2f} | {r['igraph_mb']:,.0f} | {r['igraph_s'] / wall:.2f} | {rss / r['igraph_mb']:.2f} |")
    lines += ["", "## Queries: `kzlg query NAME` from the on-disk store (`--store`), reloading the file (`--data kzlg.nq`), "
              "and pyoxigraph loading the same file (load + query)", ""]
    if results["store"]:
        lines += ["| tenure rows | load --store s | triples/s | load MB |", "|---|---|---|---|"]
        lines += [f"| {r['size']:,} | {r['load_s']:.2f} | {r['triples'] / r['load_s']:,.0f} | {r['load_mb']:,.0f} |"
                  for r in sizes]
        lines.append("")
    else:
        lines += ["`kzlg load --store` and `kzlg query --store`: not built with --features rocksdb.", ""]
    lines += ["| tenure rows | query | --store s | --store MB | same rows as --data | --data s | --data MB | pyoxigraph s "
              "| pyoxigraph MB | --data / --store | pyoxigraph / --data |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        for name, q in r["queries"].items():
            store = (f"{q['store_s']:.2f} | {q['store_mb']:,.0f} | {'yes' if q['store_same'] else '**no**'}"
                     if "store_s" in q else "– | – | –")
            speedup = f"{q['data_s'] / q['store_s']:.0f}" if "store_s" in q else "–"
            lines.append(f"| {r['size']:,} | {name} | {store} | {q['data_s']:.2f} | {q['data_mb']:,.0f} | {q['peer_s']:.2f} "
                         f"| {q['peer_mb']:,.0f} | {speedup} | {q['peer_s'] / q['data_s']:.2f} |")
    serve = os.path.join(OUT, "serve.md")
    if os.path.exists(serve):
        text = open(serve, encoding="utf-8").read().strip().splitlines()
        lines += ["", "## Serving" + text[0].lstrip("#").replace("kzlg serve", ": `kzlg serve`", 1), ""] + text[1:]
    else:
        lines += ["", "## Serving", "", "Not measured in this run (`make bench-serve` writes bench/out/serve.md)."]
    if results.get("clean_build"):
        lines += ["", "## Clean build: what each dependency costs (`make bench-build`)", "", results["clean_build"][2].strip()]
    return "\n".join(lines) + "\n"


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    os.makedirs(OUT, exist_ok=True)
    store = has_store()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "store": store,
               "sizes": []}
    print(f"{results['machine']}; on-disk store: {'yes' if store else 'not built with --features rocksdb'}", flush=True)
    results["clean_build"] = clean_build()
    for size in sizes:
        bench_size(size, store, results)
    text = report(results)
    with open(os.path.join(OUT, "report.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(OUT, "report.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
    print(text)
    print(f"wrote {os.path.join(OUT, 'report.md')}")


if __name__ == "__main__":
    main()
