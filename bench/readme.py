#!/usr/bin/env python3
"""`make bench`, last step: copies the summary of bench/out/report.md (targets, ratios, absolute
figures and the machine they came from) into the README's performance section, between the
markers `<!-- bench:start -->` and `<!-- bench:end -->`. The README text outside the markers is
kept as it is.

    python3 bench/readme.py [REPORT] [README]
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def summary(report):
    """The report's first paragraph (the machine) and its `## Summary` section."""
    lines, inside = [], False
    for line in report.splitlines():
        if line.startswith("## "):
            inside = line == "## Summary"
            continue
        if inside and not line.startswith("<!--"):
            lines.append(line)
    if not lines:
        sys.exit("bench/readme.py: the report has no '## Summary' section")
    first = report.splitlines()[2] if len(report.splitlines()) > 2 else ""
    text = "\n".join([first, "", *lines]).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def main():
    report_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "bench", "out", "report.md")
    readme_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "README.md")
    report = open(report_path, encoding="utf-8").read()
    readme = open(readme_path, encoding="utf-8").read()
    if readme.count(START) != 1 or readme.count(END) != 1 or readme.index(START) > readme.index(END):
        sys.exit(f"bench/readme.py: {readme_path} needs one '{START}' line and, after it, one '{END}' line")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    text = f"{head}{START}\n{summary(report)}\n{END}{tail}"
    tmp = readme_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, readme_path)
    print(f"bench/readme.py: {readme_path} performance section from {report_path}")


if __name__ == "__main__":
    main()
