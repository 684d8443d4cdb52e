#!/usr/bin/env python3
"""Replace the generated part of a Markdown file (between the BEGIN/END markers) with a new
text, or with --check fail when it differs. Used for extracted/README.md."""
import sys

BEGIN = "<!-- BEGIN GENERATED: kzlg schema -->\n"
END = "<!-- END GENERATED: kzlg schema -->\n"

def main(argv):
    check = "--check" in argv
    target, generated = [a for a in argv if a != "--check"]
    text = open(target, encoding="utf-8").read()
    fresh = open(generated, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{target}: the markers {BEGIN.strip()} and {END.strip()} are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    updated = head + BEGIN + fresh + END + tail
    if check:
        if updated != text:
            sys.exit(f"{target} is out of date with the schema: run `make docs` and commit it")
        return
    open(target, "w", encoding="utf-8").write(updated)

main(sys.argv[1:])
