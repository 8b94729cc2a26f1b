#!/usr/bin/env python3
"""test_concurrent_reads.py - reports during a long import, on SQLite.

A report loads its data inside one read transaction, so it never mixes two
commits, and it never waits for a writer. Here a native import big enough
to take seconds (one write transaction) runs in the background while
`report overall` and `report funnel` run in a loop: every answer must equal
the figures before the import or after it (computed once it has ended), and
at least MIN_DURING answers with the figures from before must come back
while the import is still running. A report that waited for the import
would see it committed and give the figures after it (or, waiting longer
than the busy timeout, fail), so the "before" answers are the proof that it
did not wait.
"""
import csv
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

BIG_OPPS = int(os.environ.get("CONCURRENT_READS_OPPS", "60000"))
MIN_DURING = 3
MILESTONES = ["qualify", "develop", "prove", "propose", "commit"]
REPORTS = [
    ("overall", ["--as-of", "2026-12-31", "--period", "2026"]),
    ("funnel", ["--as-of", "2026-12-31", "--window",
                "2026-01-01..2026-12-31"]),
]


def write_native(d, n, seed, prefix):
    """users.csv, opportunities.csv and events.csv of n opportunities of
    2026, each created, then moved up to four times (some to won or lost);
    ids start with prefix."""
    r = random.Random(seed)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "users.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "role"])
        for i in range(10):
            w.writerow(["u%d" % i, "User %d" % i, "rep"])
    with open(os.path.join(d, "opportunities.csv"), "w", newline="") as f, \
            open(os.path.join(d, "events.csv"), "w", newline="") as fe:
        w = csv.writer(f)
        we = csv.writer(fe)
        w.writerow(["id", "name", "created", "owner", "milestone", "amount",
                    "close_date", "category"])
        we.writerow(["opportunity", "date", "field", "value"])
        for i in range(n):
            cm, cd = r.randint(1, 5), r.randint(1, 28)
            oid = "%s%d" % (prefix, i)
            w.writerow([oid, "Deal %d" % i, "2026-%02d-%02d" % (cm, cd),
                        "u%d" % r.randint(0, 9), MILESTONES[0],
                        r.randint(10, 900) * 100,
                        "2026-%02d-%02d" % (r.randint(cm, 12),
                                            r.randint(1, 28)),
                        r.choice(["pipeline", "best_case", "commit"])])
            m = cm
            for k in range(r.randint(1, 4)):
                m = min(12, m + 1)
                day = "2026-%02d-%02d" % (m, cd)
                if k == 3 or r.random() < 0.15:
                    we.writerow([oid, day, "milestone",
                                 r.choice(["won", "lost"])])
                    break
                we.writerow([oid, day, "milestone", MILESTONES[k + 1]])
    return [os.path.join(d, x) for x in
            ("users.csv", "opportunities.csv", "events.csv")]


def figures(fu):
    """The documents of every report, as text (key order is fixed)."""
    out = {}
    for name, args in REPORTS:
        p = fu.run("report", name, "--json", *args)
        out[name] = (p.returncode, p.stdout, p.stderr)
    return out


def main():
    tap = Tap()
    fu = Funnel()
    try:
        tap.ok(fu.run("init").returncode == 0, "init")
        base = write_native(os.path.join(fu.dir, "base"), 400, 2, "A")
        p = fu.run("import", *base)
        tap.ok(p.returncode == 0, "base import", p.stderr)
        big = write_native(os.path.join(fu.dir, "big"), BIG_OPPS, 1, "B")

        before = figures(fu)
        ok = all(v[0] == 0 for v in before.values())
        tap.ok(ok, "reports before the import", before)
        if not ok:
            return

        t0 = time.monotonic()
        imp = subprocess.Popen([fu.bin, "--db", fu.db, "import"] + big,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=fu.dir)
        results = []  # (report, (rc, out, err), finished while importing)
        while True:
            running = imp.poll() is None
            for name, args in REPORTS:
                p = fu.run("report", name, "--json", *args)
                results.append((name, (p.returncode, p.stdout, p.stderr),
                                imp.poll() is None))
            if not running:
                break
        out, err = imp.communicate()
        took = time.monotonic() - t0
        tap.ok(imp.returncode == 0, "the big import (%d opportunities, "
               "%.1f s)" % (BIG_OPPS, took), err)

        after = figures(fu)
        tap.ok(all(v[0] == 0 for v in after.values()),
               "reports after the import", after)
        tap.ok(after != before, "the import changes the figures")

        bad = [(n, r) for n, r, _ in results
               if r != before[n] and r != after[n]]
        tap.ok(not bad, "each of %d reports equals the figures before or "
               "after the import" % len(results),
               "\n".join("%s: exit %d %s %s" % (n, r[0], r[1][:300],
                                                 r[2][:300])
                         for n, r in bad[:3]))
        during = [n for n, r, running in results
                  if running and r == before[n]]
        tap.ok(len(during) >= MIN_DURING,
               "%d reports answered from the last commit while the import "
               "was running (at least %d)" % (len(during), MIN_DURING))
        both = {n for n in during}
        tap.ok(both == {n for n, _ in REPORTS},
               "both reports answered during the import", sorted(both))
        for name, _ in REPORTS:
            json.loads(after[name][1])
    finally:
        fu.close()
    tap.done()


if __name__ == "__main__":
    main()
