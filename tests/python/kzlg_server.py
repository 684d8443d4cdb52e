"""Starts `kzlg serve` on a free loopback port for the Python checks and the benchmark.

    with KzlgServer(kzlg, "--timeout", "5s") as server:
        urllib.request.urlopen(server.url + "/")

The server is started in the repository (the bundled tables and catalogue) with --bind
127.0.0.1:0; the address it picked is read from the first line it writes on standard error.
"""

import os
import re
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class KzlgServer:
    def __init__(self, kzlg, *args):
        self.kzlg = os.path.abspath(kzlg)
        self.args = list(args)
        self.process = None
        self.url = None
        self.started_in = None

    def __enter__(self):
        started = time.monotonic()
        self.process = subprocess.Popen(
            [self.kzlg, "serve", "--bind", "127.0.0.1:0", *self.args],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        match = re.search(r"http://([0-9.]+:[0-9]+)/", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"kzlg serve did not start: {line!r}")
        self.started_in = time.monotonic() - started
        self.url = "http://" + match.group(1)
        return self

    @property
    def pid(self):
        return self.process.pid

    def __exit__(self, *_):
        self.process.kill()
        self.process.wait()


def rss_kib(pid):
    """The resident memory of a process, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
