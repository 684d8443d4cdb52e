#!/usr/bin/env python3
"""The w3id.org rules (w3id/kzlg/.htaccess) send each IRI where docs/hosting.md says, offline.

    python3 tests/python/check_w3id.py [w3id/kzlg/.htaccess]

Reads the file as Apache's mod_rewrite reads a per-directory .htaccess: the rules in order, each
with the RewriteCond lines just above it (all must hold; [NC] ignores case), the pattern matched
against the path with the directory's prefix (`kzlg/`) taken off, $1..$9 put into the target, and
the first rule with [L] that matches wins. Only the directives the file uses are understood; any
other is an error, so the check cannot silently skip a rule. Apache itself is not run.

Then checks where sample IRIs go for the Accept headers real clients send, worked out by hand
from the site layout `kzlg site` writes.
"""
import re
import sys

PATH = sys.argv[1] if len(sys.argv) > 1 else "w3id/kzlg/.htaccess"

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CURL = "*/*"
RDFLIB = "application/rdf+xml, text/turtle;q=0.9, application/n-triples;q=0.8, */*;q=0.1"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"
JSONLD_THEN_HTML = "application/ld+json, text/html;q=0.5"

# (path under https://w3id.org/kzlg/, Accept, expected status, expected target)
CASES = [
    ("", BROWSER, 302, "/index.html"),
    ("id/person/askarbek-mustafin", BROWSER, 303, "/id/person/askarbek-mustafin.html"),
    ("id/person/askarbek-mustafin", CURL, 303, "/id/person/askarbek-mustafin.html"),
    ("id/person/askarbek-mustafin", TURTLE, 303, "/id/person/askarbek-mustafin.ttl"),
    ("id/person/askarbek-mustafin", RDFLIB, 303, "/id/person/askarbek-mustafin.ttl"),
    ("id/person/askarbek-mustafin", JSONLD, 303, "/id/person/askarbek-mustafin.jsonld"),
    ("id/person/askarbek-mustafin", JSONLD_THEN_HTML, 303, "/id/person/askarbek-mustafin.jsonld"),
    ("id/person/askarbek-mustafin", "TEXT/TURTLE", 303, "/id/person/askarbek-mustafin.ttl"),
    ("id/post/akim-rural-district", BROWSER, 303, "/id/post/akim-rural-district.html"),
    ("id/post/akim-rural-district.ttl", BROWSER, 302, "/id/post/akim-rural-district.ttl"),
    ("id/post/akim-rural-district.jsonld", TURTLE, 302, "/id/post/akim-rural-district.jsonld"),
    ("id/post/akim-rural-district.html", TURTLE, 302, "/id/post/akim-rural-district.html"),
    ("ontology", BROWSER, 303, "/ontology.html"),
    ("ontology", TURTLE, 303, "/ontology.ttl"),
    ("ontology", RDFLIB, 303, "/ontology.ttl"),
    ("ontology.ttl", BROWSER, 302, "/ontology.ttl"),
    ("ontology/Tenure", BROWSER, 303, "/ontology/Tenure.html"),
    ("ontology/Tenure", TURTLE, 303, "/ontology.ttl"),
    ("dataset", TURTLE, 303, "/void.ttl"),
    ("dataset", BROWSER, 303, "/index.html"),
    # Not IRIs of kzlg: no rule, so w3id.org answers 404.
    ("id/person", BROWSER, None, None),
    ("id/person/askarbek-mustafin/extra", BROWSER, None, None),
    ("id/../../etc/passwd", BROWSER, None, None),
    ("id/person/askarbek-mustafin.rdf", BROWSER, None, None),
    ("elsewhere", BROWSER, None, None),
]


def parse(text):
    """The rules, each as (conditions, pattern, target, flags)."""
    rules, conditions = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        directive = words[0]
        flags = set()
        if words[-1].startswith("["):
            flags = {f.strip() for f in words[-1].strip("[]").split(",")}
            words = words[:-1]
        if directive == "Options" and words[1:] == ["-MultiViews"]:
            continue
        if directive == "RewriteEngine" and words[1:] == ["on"]:
            continue
        if directive == "RewriteCond" and len(words) == 3:
            if words[1] != "%{HTTP_ACCEPT}" or not flags <= {"NC"}:
                sys.exit(f"{PATH}:{number}: this check reads only RewriteCond %{{HTTP_ACCEPT}} REGEX [NC]")
            conditions.append(re.compile(words[2], re.IGNORECASE if "NC" in flags else 0))
            continue
        if directive == "RewriteRule" and len(words) == 3:
            unknown = {f for f in flags if not re.fullmatch(r"R=30[123]|L|NC", f)}
            if unknown or "L" not in flags:
                sys.exit(f"{PATH}:{number}: this check reads only RewriteRule PATTERN TARGET [R=30x,L]")
            rules.append((conditions, re.compile(words[1]), words[2], flags, number))
            conditions = []
            continue
        sys.exit(f"{PATH}:{number}: a directive this check does not read: {line}")
    if conditions:
        sys.exit(f"{PATH}: RewriteCond lines with no RewriteRule after them")
    return rules


def rewrite(rules, path, accept):
    """(status, target, line) of the first rule that applies, or (None, None, None)."""
    for conditions, pattern, target, flags, number in rules:
        match = pattern.search(path)
        if not match or not all(c.search(accept) for c in conditions):
            continue
        target = re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", target)
        status = next(int(f[2:]) for f in flags if f.startswith("R="))
        return status, target, number
    return None, None, None


def main():
    with open(PATH, encoding="utf-8") as f:
        text = f.read()
    rules = parse(text)
    # One site: the placeholder kzlg-site.example, or the real host that replaced it everywhere.
    hosts = sorted(set(re.findall(r"^(https://[^/]+)/", "\n".join(r[2] for r in rules), re.M)))
    if len(hosts) != 1:
        sys.exit(f"{PATH}: the rules point at {hosts}, not at one site")
    site = hosts[0]
    failures, used = 0, set()
    for path, accept, status, expected in CASES:
        *got, number = rewrite(rules, path, accept)
        used.add(number)
        want = [status, site + expected if expected else None]
        ok = got == want
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} /kzlg/{path} [{accept[:30]}] -> {got[0]} {got[1]}" + ("" if ok else f" (expected {want[0]} {want[1]})"))
    for *_, number in rules:
        if number not in used:
            failures += 1
            print(f"FAIL {PATH}:{number}: no sample reaches this rule")
    if failures:
        sys.exit(f"{failures} w3id checks failed")
    print(f"check_w3id: {len(CASES)} IRIs go where they should, through {len(rules)} rules")


if __name__ == "__main__":
    main()
