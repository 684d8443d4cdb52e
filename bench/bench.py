#!/usr/bin/env python3
"""`make bench`: kzlg beside its peers on synthetic tables of 10k, 100k and 1M tenure rows.

For each size: `kzlg build` (all outputs and the canonical hash) against a plain Python
CSV → N-Triples converter (bench/peer_csv2nt.py); `kzlg export` in each format against igraph
writing GraphML (bench/peer_graphml.py); then three catalogue queries with
`kzlg query --data kzlg.nq` against pyoxigraph loading the same file (bench/peer_query.py).
Wall time and peak memory come from /usr/bin/time; ratios are peer time / kzlg time (above 1:
kzlg is faster) and kzlg memory / peer memory. Writes bench/out/report.md.

    BENCH_SIZES=10000,100000 python3 bench/bench.py
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
KZLG = os.path.join(ROOT, "target", "release", "kzlg")
QUERIES = ["who-appoints-akims", "accountability-without-dismissal", "facts-per-source"]
EXPORTS = ["graphml", "gexf", "dot", "csv"]


def timed(command, stdout=subprocess.DEVNULL):
    """Runs command; returns (wall seconds, peak RSS in MB, stdout text)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024, result.stdout


def rows_in(tables):
    total = 0
    for name in os.listdir(tables):
        if name.endswith(".csv"):
            with open(os.path.join(tables, name), encoding="utf-8") as f:
                total += sum(1 for _ in f) - 1
    return total


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    os.makedirs(OUT, exist_ok=True)
    build_rows, query_rows, export_rows = [], [], []
    for size in sizes:
        tables = os.path.join(OUT, f"tables-{size}")
        if not os.path.exists(os.path.join(tables, "tenures.csv")):
            subprocess.run([sys.executable, "bench/synth.py", "--tenures", str(size), "--out", tables], check=True,
                           cwd=ROOT)
        dist = os.path.join(OUT, f"dist-{size}")
        rows = rows_in(tables)
        wall, rss, _ = timed([KZLG, "--tables", tables, "build", "--out", dist, "--quiet"])
        nq_wall, nq_rss, _ = timed([KZLG, "--tables", tables, "build", "--out", dist + "-nq", "--quiet",
                                    "--nquads-only"])
        with open(os.path.join(dist, "kzlg.nq"), "rb") as f:
            triples = sum(1 for _ in f)
        peer_wall, peer_rss, peer_out = timed([sys.executable, "bench/peer_csv2nt.py", tables,
                                               os.path.join(OUT, f"peer-{size}.nt")], stdout=subprocess.PIPE)
        peer_triples = int(peer_out.strip())
        peer_rate = peer_triples / peer_wall
        build_rows.append(f"| {size:,} | {rows:,} | {triples:,} | {wall:.2f} | {rows / wall:,.0f} | {triples / wall:,.0f} "
                          f"| {rss:,.0f} | {nq_wall:.2f} | {triples / nq_wall:,.0f} | {nq_rss:,.0f} "
                          f"| {peer_triples:,} | {peer_wall:.2f} | {peer_rate:,.0f} | {peer_rss:,.0f} "
                          f"| {(triples / wall) / peer_rate:.2f} | {(triples / nq_wall) / peer_rate:.2f} |")
        print(build_rows[-1], flush=True)
        csv_dir = os.path.join(OUT, f"export-{size}-csv")
        for export in EXPORTS:
            target = csv_dir if export == "csv" else os.path.join(OUT, f"export-{size}.{export}")
            e_wall, e_rss, _ = timed([KZLG, "--tables", tables, "export", export, "--view", "all", "--out", target])
            export_rows.append([size, export, e_wall, e_rss])
        p_wall, p_rss, p_out = timed([sys.executable, "bench/peer_graphml.py", csv_dir,
                                      os.path.join(OUT, f"peer-{size}.graphml")], stdout=subprocess.PIPE)
        nodes, edges = p_out.split()
        for row in export_rows[-len(EXPORTS):]:
            row += [int(nodes), int(edges), p_wall, p_rss]
            print(row, flush=True)
        nq = os.path.join(dist, "kzlg.nq")
        for query in QUERIES:
            q_wall, q_rss, _ = timed([KZLG, "query", query, "--data", nq, "--format", "csv"])
            p_wall, p_rss, _ = timed([sys.executable, "bench/peer_query.py", nq, f"queries/{query}.rq",
                                      os.path.join(dist, "kzlg.ttl")], stdout=subprocess.PIPE)
            query_rows.append(f"| {size:,} | {query} | {q_wall:.2f} | {q_rss:,.0f} | {p_wall:.2f} | {p_rss:,.0f} "
                              f"| {p_wall / q_wall:.2f} | {q_rss / p_rss:.2f} |")
            print(query_rows[-1], flush=True)
    report = "\n".join([
        "# kzlg benchmark",
        "",
        "## Build: `kzlg build` (N-Quads, Turtle, JSON-LD, RDFC-1.0 hash, full validation) vs a plain Python CSV → N-Triples converter",
        "",
        "Full build: all outputs; N-Quads only: `--nquads-only` (kzlg.nq and its hash), the peer's one format.",
        "",
        "| tenure rows | table rows | triples | full s | rows/s | triples/s | peak MB | N-Quads only s | triples/s "
        "| peak MB | peer triples | peer s | peer triples/s | peer MB | ratio full/peer | ratio N-Quads only/peer |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *build_rows,
        "",
        "## Exports: `kzlg export FORMAT --view all` from the tables vs igraph writing GraphML from kzlg's CSV export",
        "",
        "kzlg reads and checks the tables, builds the network and writes the file; igraph only reads the network from",
        "CSV and writes GraphML (python-igraph, `bench/peer_graphml.py`). Ratio: igraph s / kzlg s.",
        "",
        "| tenure rows | format | nodes | edges | kzlg s | kzlg MB | igraph GraphML s | igraph MB | speed ratio | memory ratio (kzlg / igraph) |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *[f"| {size:,} | {fmt} | {nodes:,} | {edges:,} | {wall:.2f} | {rss:,.0f} | {pw:.2f} | {prss:,.0f} | {pw / wall:.2f} "
          f"| {rss / prss:.2f} |" for size, fmt, wall, rss, nodes, edges, pw, prss in export_rows],
        "",
        "## Queries: `kzlg query NAME --data kzlg.nq` vs pyoxigraph loading the same file (load + query)",
        "",
        "| tenure rows | query | kzlg s | kzlg MB | pyoxigraph s | pyoxigraph MB | speed ratio (peer s / kzlg s) "
        "| memory ratio (kzlg / peer) |",
        "|---|---|---|---|---|---|---|---|",
        *query_rows,
        "",
    ])
    with open(os.path.join(OUT, "report.md"), "w", encoding="utf-8") as f:
        f.write(report)
    print(f"\nwrote {os.path.join(OUT, 'report.md')}")


if __name__ == "__main__":
    main()
