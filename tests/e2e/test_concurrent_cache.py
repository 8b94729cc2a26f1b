#!/usr/bin/env python3
"""test_concurrent_cache.py - N writers and N readers at once with the
cache of the event log (DB.snapshot) in use, on SQLite.

WRITERS processes add, advance, edit, log activities on and close
opportunities of their own, while READERS processes run `report overall`
and `report funnel` in a loop (each of which may rebuild and rewrite the
snapshot). Afterwards every report, for several as-of dates, periods and
windows, must equal the figures of a fresh load that neither reads nor
writes the snapshot (FUNNEL_NO_SNAPSHOT=1), both when the next report
rebuilds the snapshot and when it maps it.
"""
import os
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

WRITERS = 4
READERS = 4
OPPS_PER_WRITER = 5

CHECKS = [
    ("overall", ["--as-of", "2026-03-31", "--period", "2026-Q1"]),
    ("overall", ["--as-of", "2026-06-30", "--period", "2026-Q2"]),
    ("overall", ["--as-of", "2026-12-31", "--period", "2026"]),
    ("overall", ["--as-of", "2026-05-15", "--period", "2026-Q3"]),
    ("funnel", ["--as-of", "2026-06-30", "--window",
                "2026-01-01..2026-06-30"]),
    ("funnel", ["--as-of", "2026-12-31", "--window",
                "2026-01-01..2026-12-31"]),
]


def run(fu, args, no_cache=False):
    env = dict(os.environ)
    env.pop("FUNNEL_DB", None)
    if no_cache:
        env["FUNNEL_NO_SNAPSHOT"] = "1"
    else:
        env.pop("FUNNEL_NO_SNAPSHOT", None)
    return subprocess.run([fu.bin, "--db", fu.db] + args,
                          capture_output=True, text=True, env=env,
                          cwd=fu.dir)


def writer(fu, w, failures):
    """The life of OPPS_PER_WRITER opportunities of writer w, each change
    its own command (and so its own write transaction)."""
    for i in range(OPPS_PER_WRITER):
        oid = "W%d-%d" % (w, i)
        day = 1 + (w * OPPS_PER_WRITER + i) % 27
        steps = [
            ["opp", "add", oid, "--name", "Deal " + oid, "--owner", "r1",
             "--amount", str(1000 * (w + 1) + 100 * i), "--close",
             "2026-06-%02d" % day, "--milestone", "qualify",
             "--category", "pipeline", "--date", "2026-02-%02d" % day],
            ["opp", "advance", oid, "develop", "--date",
             "2026-03-%02d" % day],
            ["opp", "activity", oid, "demo", "--date", "2026-03-%02d" % day],
            ["opp", "edit", oid, "--amount", str(2000 + 10 * w + i),
             "--date", "2026-04-%02d" % day],
            ["opp", "advance", oid, "prove", "--date", "2026-04-%02d" % day],
        ]
        if i % 3 == 0:
            steps.append(["opp", "close", oid, "won", "--date",
                          "2026-05-%02d" % day])
        elif i % 3 == 1:
            steps.append(["opp", "close", oid, "lost", "--date",
                          "2026-05-%02d" % day])
        for a in steps:
            p = run(fu, a)
            if p.returncode != 0:
                failures.append("%s: exit %d: %s" % (" ".join(a),
                                                      p.returncode,
                                                      p.stderr.strip()))


def reader(fu, stop, counts, failures):
    k = 0
    while not stop.is_set():
        name, args = CHECKS[k % len(CHECKS)]
        p = run(fu, ["report", name, "--json"] + args)
        if p.returncode != 0:
            failures.append("report %s: exit %d: %s" % (
                name, p.returncode, p.stderr.strip()))
        counts.append(1)
        k += 1


def all_reports(fu, no_cache=False):
    out = []
    for name, args in CHECKS:
        p = run(fu, ["report", name, "--json"] + args, no_cache)
        out.append((name, " ".join(args), p.returncode, p.stdout, p.stderr))
    return out


def main():
    tap = Tap()
    fu = Funnel()
    snap = fu.db + ".snapshot"
    try:
        tap.ok(run(fu, ["init"]).returncode == 0, "init")
        for a in (["user", "add", "r1", "--name", "Rep One"],
                  ["opp", "add", "B0", "--name", "Base", "--owner", "r1",
                   "--amount", "5000", "--close", "2026-03-20",
                   "--milestone", "develop", "--date", "2026-01-10"]):
            p = run(fu, a)
            tap.ok(p.returncode == 0, " ".join(a[:2]), p.stderr)
        p = run(fu, ["report", "overall", "--json"] + CHECKS[0][1])
        tap.ok(p.returncode == 0 and os.path.exists(snap),
               "a report writes the snapshot", p.stderr)

        stop = threading.Event()
        wfail, rfail, counts = [], [], []
        writers = [threading.Thread(target=writer, args=(fu, w, wfail))
                   for w in range(WRITERS)]
        readers = [threading.Thread(target=reader,
                                    args=(fu, stop, counts, rfail))
                   for _ in range(READERS)]
        for t in readers + writers:
            t.start()
        for t in writers:
            t.join()
        stop.set()
        for t in readers:
            t.join()
        tap.ok(not wfail, "%d writers: every change succeeded" % WRITERS,
               "\n".join(wfail[:5]))
        tap.ok(not rfail and len(counts) >= READERS,
               "%d readers ran %d reports meanwhile, all succeeded"
               % (READERS, len(counts)), "\n".join(rfail[:5]))

        ref = all_reports(fu, no_cache=True)
        tap.ok(all(r[2] == 0 for r in ref), "reference reports without "
               "the snapshot", [r[4] for r in ref if r[2]])
        for label in ("the first reports after the writes",
                      "reports mapping the rebuilt snapshot"):
            got = all_reports(fu)
            diff = ["report %s %s:\n got %s\n want %s" % (
                g[0], g[1], g[3][:400], r[3][:400])
                for g, r in zip(got, ref) if g[2:4] != r[2:4]]
            tap.ok(not diff, "%s equal a fresh load without the cache "
                   "(%d reports)" % (label, len(got)), "\n".join(diff[:2]))
        tap.ok(os.path.exists(snap), "the snapshot is there")
        # Still without it: a load straight from the store neither reads
        # nor writes the file.
        os.unlink(snap)
        again = all_reports(fu, no_cache=True)
        tap.ok(again == ref and not os.path.exists(snap),
               "FUNNEL_NO_SNAPSHOT=1 leaves no snapshot behind")
        won = [r for r in ref if r[0] == "overall" and "2026-Q2" in r[1]]
        tap.ok(won and '"won"' in won[0][3], "the figures name won")
    finally:
        fu.close()
    tap.done()


if __name__ == "__main__":
    main()
