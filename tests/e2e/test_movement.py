#!/usr/bin/env python3
"""test_movement.py - `funnel report movement` against an independent
computation (ref_movement.py) on generated data (gen_planted.py) and on
the demo database (through its native CSV export, EUR deals included),
for several pairs of dates, periods and scopes:

- every term's amount to the cent and the set of opportunities behind it
  (with each one's amount) equal the reference's;
- the terms add up exactly, in whole cents, from the JSON document alone:
  start + new + pulled_in + increased - decreased - pushed_out - won -
  lost - other = end;
- the terminal table shows every term;
- a movement in the past is the same before and after later events are
  added (a database cut at the later date against the full one);
- --from not before --to is a usage error (exit 1).
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ref_movement  # noqa: E402
from e2elib import ROOT, Funnel, Tap  # noqa: E402

GEN = os.path.join(ROOT, "tests", "e2e", "gen_planted.py")
TODAY = "2026-05-15"
FILES = ["users.csv", "teams.csv", "accounts.csv", "contacts.csv",
         "opportunities.csv", "events.csv", "activities.csv",
         "outcomes.csv", "targets.csv"]


def cents(x):
    return int(round(x * 100))


def generate(out, *extra):
    subprocess.run([sys.executable, GEN, "--out", out, "--today", TODAY]
                   + list(extra), check=True)


def load(fu, d):
    fu.run("init", check=True)
    fu.run("import", "--format", "native",
           *[os.path.join(d, f) for f in FILES
             if os.path.exists(os.path.join(d, f))], check=True)


def compare(tap, fu, d, A, B, P, team=None, what=""):
    args = ["report", "movement", "--from", A, "--to", B, "--period", P]
    if team:
        args += ["--team", team]
    doc = fu.json(*args)
    ref = ref_movement.movement(d, A, B, P, team=team)
    diffs = []
    for t in doc["terms"]:
        name = t["name"]
        got = {o["id"]: cents(o["amount"]) for o in t["opportunities"]}
        want_total, want = ref[name]
        if cents(t["amount"]) != want_total:
            diffs.append("%s: %.2f, reference %.2f" % (
                name, t["amount"], want_total / 100))
        if got != want:
            extra = sorted(set(got) - set(want))[:5]
            miss = sorted(set(want) - set(got))[:5]
            diffs.append("%s: opportunities differ (extra %s, missing %s)"
                         % (name, extra, miss))
        if t["count"] != len(want):
            diffs.append("%s: count %d, reference %d" % (
                name, t["count"], len(want)))
    tap.ok(not diffs, "%s movement %s..%s %s%s equals the reference" % (
        what, A, B, P, " team " + team if team else ""), "\n".join(diffs))
    c = {t["name"]: cents(t["amount"]) for t in doc["terms"]}
    lhs = (c["start"] + c["new"] + c["pulled_in"] + c["increased"]
           - c["decreased"] - c["pushed_out"] - c["won"] - c["lost"]
           - c["other"])
    tap.ok(lhs == c["end"] and doc["balanced"] is True,
           "%s movement %s..%s %s adds up to the cent" % (what, A, B, P),
           "terms give %d cents, end %d" % (lhs, c["end"]))
    moved = sum(1 for t in doc["terms"] if t["count"])
    return doc, moved


PAIRS = [("2026-01-31", "2026-05-15", "2026-Q2"),
         ("2025-12-31", "2026-03-31", "2026-Q1"),
         ("2025-09-30", "2026-02-14", "2026-Q1"),
         ("2026-03-31", "2026-05-15", "2026-Q3"),
         ("2025-06-30", "2025-11-20", "2025-Q4"),
         ("2026-04-01", "2026-04-02", "2026-Q2")]


def main():
    tap = Tap()
    os.environ["FUNNEL_TODAY"] = TODAY
    tmp = tempfile.mkdtemp(prefix="funnel-move-")
    full = os.path.join(tmp, "full")
    generate(full)
    fu = Funnel()
    try:
        load(fu, full)
        nonzero = set()
        for A, B, P in PAIRS:
            doc, _ = compare(tap, fu, full, A, B, P, what="generated")
            nonzero |= {t["name"] for t in doc["terms"] if t["count"]}
        compare(tap, fu, full, "2025-12-31", "2026-05-15", "2026-Q2",
                team="ta", what="generated")
        tap.ok({"start", "new", "increased", "decreased", "won", "lost",
                "end"} <= nonzero,
               "generated data moves every main term at least once",
               "terms seen: %s" % sorted(nonzero))

        # the terminal table names every term
        p = fu.run("report", "movement", "--from", "2026-01-31", "--to",
                   "2026-05-15", "--period", "2026-Q2")
        tap.ok(p.returncode == 0 and all(w in p.stdout for w in (
            "pipeline at start", "new", "pulled in", "increased",
            "decreased", "pushed out", "won", "lost", "other",
            "pipeline at end")), "the terminal table shows every term",
            p.stdout + p.stderr)
        p = fu.run("report", "movement", "--from", "2026-05-15", "--to",
                   "2026-05-01")
        tap.ok(p.returncode == 1 and "--from" in p.stderr,
               "--from after --to is refused with exit 1", p.stderr)

        # past dates: the database as it was on 2026-02-14
        cut = os.path.join(tmp, "cut")
        generate(cut, "--cut", "2026-02-14")
        fc = Funnel()
        try:
            load(fc, cut)
            args = ["report", "movement", "--from", "2025-12-31", "--to",
                    "2026-02-14", "--period", "2026-Q1"]
            a, b = fu.json(*args), fc.json(*args)
            tap.ok(a == b, "movement as of a past day is the same before "
                   "and after later events are added")
        finally:
            fc.close()
    finally:
        fu.close()

    # the demo, through its native export (EUR deals converted)
    fd = Funnel()
    try:
        fd.run("init", check=True)
        fd.run("demo", "--today", TODAY, check=True)
        ex = os.path.join(tmp, "demo")
        fd.run("export", "--format", "csv", ex, check=True)
        for A, B, P in PAIRS[:4]:
            compare(tap, fd, ex, A, B, P, what="demo")
        compare(tap, fd, ex, "2026-02-01", "2026-05-15", "2026-Q2",
                team="east", what="demo")
    finally:
        fd.close()
    tap.done()


if __name__ == "__main__":
    main()
