#!/usr/bin/env python3
"""What each dependency costs a clean build: reads the report of `cargo build --timings` and
`cargo tree`, and prints, for each direct dependency, the crates only it pulls into the release
binary and the seconds cargo spent compiling them (the sum of their units' durations), then the
slowest units. The rudof crates (shacl, rudof_rdf, sparql_service) count as one: they come together.

    CARGO_TARGET_DIR=/tmp/t cargo build --release --timings
    python3 bench/build_costs.py /tmp/t/cargo-timings/cargo-timing.html [Cargo.toml]

On a shared machine the seconds stretch with the load; the shares are what compare.
"""
import json
import re
import subprocess
import sys

MANIFEST = sys.argv[2] if len(sys.argv) > 2 else "Cargo.toml"
GROUPS = {"shacl": "rudof (shacl, rudof_rdf, sparql_service)", "rudof_rdf": None, "sparql_service": None}


def tree(*prune):
    """The packages (name, version) of the release binary, without those only `prune` pulls."""
    args = ["cargo", "tree", "--manifest-path", MANIFEST, "-e", "normal,build", "--prefix", "none"]
    for name in prune:
        args += ["--prune", name]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return {tuple(line.split()[:2]) for line in out.splitlines() if line.strip()}


def direct():
    out = subprocess.run(["cargo", "tree", "--manifest-path", MANIFEST, "-e", "normal", "--depth", "1",
                          "--prefix", "none"], capture_output=True,
                         text=True, check=True).stdout
    # name@version: a name alone is ambiguous when two versions are in the tree (base64).
    return sorted({"{}@{}".format(*line.split()[:2]).replace("@v", "@") for line in out.splitlines()[1:] if line.strip()})


def main():
    html = open(sys.argv[1], encoding="utf-8").read()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
    total = re.search(r"Total time:</td><td>([^<]*)", html).group(1)
    seconds = {}
    for unit in units:
        key = (unit["name"], "v" + unit["version"])
        seconds[key] = seconds.get(key, 0) + unit["duration"]
    everything = tree()
    cpu = sum(seconds.values())
    print(f"Clean build: {total} wall, {len(units)} units, {len(seconds)} packages compiled, "
          f"{cpu:.0f} s of compiling summed over units.\n")
    rows = []
    names = direct()
    for spec in names:
        name = spec.split("@")[0]
        if name in GROUPS and GROUPS[name] is None:
            continue
        prune = [n for n in names if n.split("@")[0] in GROUPS] if name in GROUPS else [spec]
        alone = everything - tree(*prune)
        cost = sum(seconds.get(key, 0) for key in alone)
        rows.append((cost, GROUPS.get(name) or name, len(alone)))
    print("| dependency | crates only it pulls | their compile s | share of all compiling |")
    print("|---|---|---|---|")
    for cost, name, count in sorted(rows, reverse=True):
        if count:
            print(f"| {name} | {count} | {cost:.0f} | {cost / cpu:.0%} |")
    print("\n| slowest units | s |\n|---|---|")
    for unit in sorted(units, key=lambda u: -u["duration"])[:15]:
        print(f"| {unit['name']} {unit['version']}{unit['target']} | {unit['duration']:.0f} |")


if __name__ == "__main__":
    main()
