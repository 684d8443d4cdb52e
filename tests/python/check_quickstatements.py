#!/usr/bin/env python3
"""Reads `kzlg export quickstatements` back as QuickStatements and checks it against the graph.

    python3 tests/python/check_quickstatements.py KZLG TABLES...

The parser is written from Wikidata's help page, https://www.wikidata.org/wiki/Help:QuickStatements
("Command sequence syntax"), not from kzlg's code:
- one command a line; the parts of a command separated by TABs ("|" and "||" are the separators
  of later versions, so a "|" inside a value would split it);
- CREATE makes an item; LAST names the item created last;
- ITEM Lxx/Dxx/Axx "text" sets a label, description or alias in language xx; ITEM Sxxwiki "title"
  a sitelink;
- ITEM PROPERTY VALUE adds a statement, followed by qualifiers (PROPERTY VALUE pairs) and then
  sources (the same pairs with S instead of P; "!S" opens a further reference);
- values: items Q123 (or LAST); strings "…" in double quotes; monolingual text xx:"…"; times
  +1967-01-17T00:00:00Z/11, the precision after the slash (9 year, 10 month, 11 day); coordinates
  @lat/lon; quantities 12, 12~1, 12U11573; somevalue and novalue;
- a leading "-" removes; MERGE Q1 Q2 merges; a trailing /* comment */ is the edit summary.
A string is what lies between the first and the last double quote of its part (there are no
escapes), so an inner quote is itself.

On top of the syntax, what kzlg promises (its README): every statement has a reference, and each
reference has S813 (retrieved) = the dataset's date; P39 is qualified only by P580, P582 or P585
(never the deprecated P642), each a time whose precision matches the source's date; CREATE
blocks have an English label and description and a P31; LAST is only a subject.

Then the P39 statements are derived independently from the RDF graph (SPARQL through `kzlg
query`): a tenure whose person and post have a current Wikidata id (owl:sameAs) and a date with a
year, referenced by its source's item, URL and quote. The batch must hold exactly those, and
--create exactly the same statements on existing items, plus one CREATE per item it reports.
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile

WD = "http://www.wikidata.org/entity/"
KZID = "https://w3id.org/kzlg/id/"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


# ---------------------------------------------------------------------------------------------
# The QuickStatements V1 parser, from the help page.

ITEM = re.compile(r"^Q[1-9]\d*$")
PROPERTY = re.compile(r"^P[1-9]\d*$")
SOURCE = re.compile(r"^!?S[1-9]\d*$")
TERM = re.compile(r"^([LDA])([a-z][a-z-]*)$")
SITELINK = re.compile(r"^S([a-z_]+wiki[a-z]*)$")
TIME = re.compile(r"^([+-])(\d{4,16})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z/(\d{1,2})$")
MONOLINGUAL = re.compile(r'^([a-z][a-z_-]*):"(.*)"$', re.S)
STRING = re.compile(r'^"(.*)"$', re.S)
COORDINATE = re.compile(r"^@[+-]?\d+(\.\d+)?/[+-]?\d+(\.\d+)?$")
QUANTITY = re.compile(r"^[+-]?\d+(\.\d+)?(~\d+(\.\d+)?)?(U[1-9]\d*)?$")


class ParseError(Exception):
    pass


def days_in_month(year, month):
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def value(text):
    """(type, parsed) of a value."""
    if text in ("somevalue", "novalue"):
        return (text, text)
    if text == "LAST" or ITEM.match(text):
        return ("item", text)
    m = MONOLINGUAL.match(text)
    if m:
        return ("monolingualtext", (m.group(1), m.group(2)))
    m = STRING.match(text)
    if m:
        return ("string", m.group(1))
    m = TIME.match(text)
    if m:
        year, month, day, precision = int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(8))
        if m.group(5, 6, 7) != ("00", "00", "00"):
            raise ParseError(f"a time of day in {text}: Wikidata keeps days at most")
        if not 0 <= precision <= 14:
            raise ParseError(f"precision {precision} in {text}: 0 to 14")
        # Wikibase stores the unknown parts of a date as 00.
        if precision <= 9 and (month, day) != (0, 0):
            raise ParseError(f"{text}: a year precision has month and day 00")
        if precision == 10 and not (1 <= month <= 12 and day == 0):
            raise ParseError(f"{text}: a month precision has a month and day 00")
        if precision == 11 and not (1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
            raise ParseError(f"{text}: no such day")
        if precision > 11:
            raise ParseError(f"{text}: Wikidata keeps days at most")
        return ("time", (m.group(1), year, month, day, precision))
    if COORDINATE.match(text):
        return ("coordinate", text)
    if QUANTITY.match(text):
        return ("quantity", text)
    raise ParseError(f"not a value: {text!r}")


def parse_line(line):
    """A command as a dict."""
    if line != line.strip() or not line:
        raise ParseError("blank, or whitespace around the command")
    comment = None
    m = re.match(r"^(.*?)\s*/\*(.*)\*/$", line)
    if m:
        line, comment = m.group(1), m.group(2).strip()
    if "|" in line:
        raise ParseError("a | in a command: later versions read it as a separator")
    parts = line.split("\t")
    for part in parts:
        if part != part.strip() or part == "":
            raise ParseError(f"an empty part, or whitespace around {part!r}")
    head = parts[0]
    if head == "CREATE":
        if len(parts) != 1:
            raise ParseError("CREATE stands alone")
        return {"command": "create", "comment": comment}
    if head == "MERGE":
        if len(parts) != 3 or not all(ITEM.match(p) for p in parts[1:]):
            raise ParseError("MERGE Q1 Q2")
        return {"command": "merge", "comment": comment}
    remove = head.startswith("-")
    subject = head[1:] if remove else head
    if not (subject == "LAST" or ITEM.match(subject) or PROPERTY.match(subject)):
        raise ParseError(f"not an entity: {subject!r}")
    if len(parts) < 3:
        raise ParseError("a command needs an entity, what to set and a value")
    what = parts[1]
    term = TERM.match(what)
    sitelink = SITELINK.match(what)
    if term or sitelink:
        if len(parts) != 3:
            raise ParseError(f"{what} takes one string")
        kind, text = value(parts[2])
        if kind != "string":
            raise ParseError(f"{what} takes a string, not {parts[2]!r}")
        return {
            "command": {"L": "label", "D": "description", "A": "alias"}[term.group(1)] if term else "sitelink",
            "language": term.group(2) if term else sitelink.group(1),
            "subject": subject,
            "text": text,
            "remove": remove,
        }
    if not PROPERTY.match(what):
        raise ParseError(f"not a property: {what!r}")
    statement = {
        "command": "statement",
        "subject": subject,
        "property": what,
        "value": value(parts[2]),
        "qualifiers": [],
        "references": [],
        "remove": remove,
    }
    rest = parts[3:]
    if len(rest) % 2:
        raise ParseError("qualifiers and sources come in pairs")
    for key, text in zip(rest[::2], rest[1::2]):
        if PROPERTY.match(key):
            if statement["references"]:
                raise ParseError(f"the qualifier {key} after a source: sources come last")
            statement["qualifiers"].append((key, value(text)))
        elif SOURCE.match(key):
            if key.startswith("!") or not statement["references"]:
                statement["references"].append([])
            statement["references"][-1].append(("P" + key.lstrip("!")[1:], value(text)))
        else:
            raise ParseError(f"not a qualifier or a source: {key!r}")
    return statement


def parse(text, where):
    """The commands of a batch, each with its line; the syntax errors become failures."""
    commands = []
    if text and not text.endswith("\n"):
        check(False, f"{where}: the last command has no line end")
    created = False
    for number, line in enumerate(text.split("\n")[:-1] if text else [], 1):
        try:
            command = parse_line(line)
        except ParseError as e:
            check(False, f"{where}:{number}: {e}: {line!r}")
            continue
        if command["command"] == "create":
            created = True
        if command.get("subject") == "LAST" and not created:
            check(False, f"{where}:{number}: LAST before any CREATE")
        if command["command"] == "statement" and command["value"] == ("item", "LAST"):
            check(False, f"{where}:{number}: LAST as a value (QuickStatements 2 reads only Q… there)")
        command["line"] = number
        commands.append(command)
    return commands


# ---------------------------------------------------------------------------------------------
# What kzlg promises.

DATE_QUALIFIERS = {"P580", "P582", "P585"}


def qs_time(date):
    """kzlg's date (2002, 2002-11, 2002-11-05) as a parsed time; None without a year."""
    if date.startswith("--"):
        return None
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [0, 0])[:3]
    return ("time", ("+", year, month, day, {1: 9, 2: 10, 3: 11}[len(parts)]))


def check_policy(commands, retrieved, where):
    blocks = []
    for c in commands:
        at = f"{where}:{c['line']}"
        if c["command"] == "create":
            blocks.append({"terms": {}, "p31": [], "line": c["line"]})
            continue
        if c["command"] in ("label", "description", "alias"):
            check(c["subject"] == "LAST" and blocks, f"{at}: kzlg writes terms only on the items it creates")
            if blocks:
                blocks[-1]["terms"][(c["command"], c["language"])] = c["text"]
            check(c["text"] == " ".join(c["text"].split()), f"{at}: whitespace not single spaces in {c['text']!r}")
            check(len(c["text"]) <= 250, f"{at}: longer than Wikidata's 250 characters")
            continue
        check(c["command"] == "statement" and not c["remove"], f"{at}: kzlg only adds statements, labels and items")
        if c["command"] != "statement":
            continue
        check(c["references"], f"{at}: a statement without a reference")
        for reference in c["references"]:
            properties = [p for p, _ in reference]
            check(properties.count("P813") == 1 and dict(reference).get("P813") == retrieved,
                  f"{at}: the reference has not S813 = the dataset's date: {reference}")
            check(len(properties) > 1, f"{at}: a reference that is only a retrieval date")
            for p, v in reference:
                expected = {"P248": "item", "P854": "string", "P1683": "monolingualtext", "P813": "time"}.get(p)
                check(expected == v[0], f"{at}: source {p} is {v[0]}, expected {expected}")
                if p == "P854":
                    check(re.match(r"^https?://\S+$", v[1]), f"{at}: not a URL: {v[1]!r}")
        check("P642" not in [q for q, _ in c["qualifiers"]], f"{at}: the deprecated P642")
        if c["property"] == "P39":
            check(c["value"][0] == "item", f"{at}: P39 takes an item")
            qualifiers = [q for q, _ in c["qualifiers"]]
            check(qualifiers and set(qualifiers) <= DATE_QUALIFIERS and len(set(qualifiers)) == len(qualifiers),
                  f"{at}: P39 qualified by {qualifiers}")
            check(("P585" in qualifiers) != bool({"P580", "P582"} & set(qualifiers)),
                  f"{at}: either P585, or P580 and P582")
            check(all(v[0] == "time" for _, v in c["qualifiers"]), f"{at}: a date qualifier that is no time")
        elif c["property"] == "P31":
            check(c["subject"] == "LAST" and c["value"][1] in ("Q5", "Q4164871"), f"{at}: P31 {c['value']}")
            if blocks:
                blocks[-1]["p31"].append(c["value"][1])
        else:
            check(c["property"] in ("P17", "P1001") and c["value"][0] == "item" and c["subject"] == "LAST",
                  f"{at}: kzlg writes P39, and P31, P17, P1001 on the items it creates; not {c['property']}")
    for block in blocks:
        at = f"{where}:{block['line']}"
        check(("label", "en") in block["terms"] and ("description", "en") in block["terms"],
              f"{at}: a created item without an English label and description")
        check(len(block["p31"]) == 1, f"{at}: a created item needs one P31")
        check(block["terms"].get(("label", "en")) != block["terms"].get(("description", "en")),
              f"{at}: the label and the description are the same")
    return blocks


# ---------------------------------------------------------------------------------------------
# The P39 statements the graph calls for.

def query(kzlg, tables, sparql):
    return list(csv.DictReader(io.StringIO(run([kzlg, "--tables", tables, "query", "-e", sparql, "--format", "csv"]))))


def local(iri, kind):
    return iri[len(KZID) + len(kind) + 1:]


def expected_statements(kzlg, tables):
    """{(person Q, post Q, qualifiers, references)} from the graph, and the number of tenures."""
    ids = {}
    for row in query(kzlg, tables, "SELECT ?e ?q WHERE { ?e owl:sameAs ?q }"):
        ids.setdefault(row["e"], set()).add(row["q"][len(WD):])
    sources = {}
    for row in query(kzlg, tables, """
        SELECT ?s ?kind ?url ?lang WHERE { ?s kzlg:sourceKind ?kind .
          OPTIONAL { ?s schema:url ?url } OPTIONAL { ?s dcterms:language ?lang } }"""):
        sources[row["s"]] = row
    dataset = [s for s in sources.values() if s["kind"] == "dataset"]
    date = query(kzlg, tables, f"SELECT ?d WHERE {{ <{dataset[0]['s']}> dcterms:date ?d }}")[0]["d"]
    retrieved = qs_time(date)
    tenures = query(kzlg, tables, """
        SELECT ?t ?person ?post ?start ?end ?seen ?source ?evidence WHERE { ?t a kzlg:Tenure ;
          org:member ?person ; kzlg:post ?post ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?t kzlg:start ?start } OPTIONAL { ?t kzlg:end ?end }
          OPTIONAL { ?t kzlg:attestedOn ?seen } OPTIONAL { ?t kzlg:evidence ?evidence } }""")
    expected = set()
    for t in tenures:
        person, post = ids.get(t["person"], set()), ids.get(t["post"], set())
        if len(person) != 1 or len(post) != 1:
            continue
        if t["start"] or t["end"]:
            dates = [("P580", t["start"]), ("P582", t["end"])]
        else:
            dates = [("P585", t["seen"])]
        dates = [(p, qs_time(d)) for p, d in dates if d]
        if not dates or None in [d for _, d in dates]:
            continue
        source = sources[t["source"]]
        reference = []
        item = ids.get(t["source"], set())
        if len(item) > 1:
            continue
        if item:
            reference.append(("P248", ("item", next(iter(item)))))
        if source["url"]:
            reference.append(("P854", ("string", source["url"])))
        quote = " ".join(t["evidence"].split())
        if source["kind"] not in ("reference", "dataset") and quote:
            if "|" in quote:
                continue
            reference.append(("P1683", ("monolingualtext", ((source["lang"] or "und").lower(), quote))))
        if not reference:
            continue
        reference.append(("P813", retrieved))
        expected.add((next(iter(person)), next(iter(post)), tuple(dates), (tuple(reference),)))
    return expected, len(tenures), retrieved


def statement_key(c):
    return (c["subject"], c["value"][1], tuple(c["qualifiers"]), tuple(tuple(r) for r in c["references"]))


def export(kzlg, tables, folder, *args):
    out, report = os.path.join(folder, "batch.tsv"), os.path.join(folder, "report.txt")
    run([kzlg, "--tables", tables, "export", "quickstatements", *args, "--out", out, "--report", report])
    with open(out, encoding="utf-8", newline="") as f, open(report, encoding="utf-8") as r:
        return f.read(), r.read()


def main():
    kzlg, tables_list = sys.argv[1], sys.argv[2:]
    for tables in tables_list:
        expected, tenures, retrieved = expected_statements(kzlg, tables)
        with tempfile.TemporaryDirectory() as folder:
            batch, report = export(kzlg, tables, folder)
            again, _ = export(kzlg, tables, folder)
            check(batch == again, f"{tables}: two runs differ")
            commands = parse(batch, f"{tables} (batch)")
            check_policy(commands, retrieved, f"{tables} (batch)")
            got = [statement_key(c) for c in commands if c["command"] == "statement"]
            check(len(got) == len(set(got)), f"{tables}: a statement twice")
            check(set(got) == expected,
                  f"{tables}: P39 statements differ from the graph's:\n  only in the batch {set(got) - expected}\n"
                  f"  only in the graph {expected - set(got)}")
            check(report.startswith(f"QuickStatements: {len(got)} P39 statements from {tenures} tenures;"),
                  f"{tables}: the report's counts: {report.splitlines()[0]}")

            created, created_report = export(kzlg, tables, folder, "--create")
            commands = parse(created, f"{tables} (--create)")
            blocks = check_policy(commands, retrieved, f"{tables} (--create)")
            on_existing = {statement_key(c) for c in commands
                           if c["command"] == "statement" and c["subject"] != "LAST"}
            check(on_existing == expected, f"{tables}: --create changes the statements on existing items")
            listed = re.search(r"^items this batch creates: (\d+)", created_report, re.M)
            check(len(blocks) == (int(listed.group(1)) if listed else 0),
                  f"{tables}: {len(blocks)} CREATE, but the report lists {listed and listed.group(1)}")
            labels = {row["label"]: row["kind"] for row in query(kzlg, tables, """
                SELECT ?label ?kind WHERE { { ?e a foaf:Person BIND("Q5" AS ?kind) }
                  UNION { ?e a org:Post BIND("Q4164871" AS ?kind) }
                  FILTER NOT EXISTS { ?e owl:sameAs ?q } ?e rdfs:label ?label FILTER(LANG(?label) = "en") }""")}
            for block in blocks:
                label = block["terms"].get(("label", "en"))
                check(label in labels and block["p31"] == [labels.get(label)],
                      f"{tables}: CREATE at line {block['line']} ({label!r}, P31 {block['p31']}) is no person or post without an id")
            print(f"{tables}: {len(got)} P39 statements as the graph has them; --create: {len(blocks)} items, "
                  f"{len(commands)} commands, all parsed")
    sys.stdout.flush()
    if failures:
        print(f"{len(failures)} failures:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
