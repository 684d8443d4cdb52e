#!/usr/bin/env python3
"""The table-reading peer: Python's csv module reads every `.csv` file of a folder, checks
nothing, and prints the number of rows. `make bench` runs it beside `kzlg stats`.

    python3 bench/peer_csv_read.py TABLES
"""
import csv
import os
import sys


def main():
    rows = 0
    for name in sorted(os.listdir(sys.argv[1])):
        if name.endswith(".csv"):
            with open(os.path.join(sys.argv[1], name), encoding="utf-8", newline="") as f:
                reader = csv.reader(f)
                next(reader, None)
                rows += sum(1 for _ in reader)
    print(rows)


if __name__ == "__main__":
    main()
