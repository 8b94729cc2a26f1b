#!/usr/bin/env python3
"""test_salesforce_figures.py - funnel's overall and funnel reports over
imported Salesforce exports, field by field against figures computed
independently:

1. tests/cases/salesforce_small: eight opportunities built to hit each rule
   of docs/definitions.md once, with expected figures worked out by hand
   (README.md beside them shows the arithmetic). The reference
   implementation must agree with them, which checks the checker
   (test_cases.py checks funnel against them).
2. a generated export (gen_salesforce.py, 300 opportunities, fixed seed)
   against reference.py for several as-of dates (past ones too), periods
   (quarters, a month, a year), owners, teams and windows.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402
from e2elib import ROOT, Funnel, Tap, compare  # noqa: E402

SMALL = os.path.join(ROOT, "tests", "cases", "salesforce_small")
FILES = ("User.csv", "Opportunity.csv", "OpportunityHistory.csv")


def describe(args):
    return " ".join("%s=%s" % kv for kv in sorted(args.items()))


def check(tap, what, got, want):
    diff = compare(got, want)
    tap.ok(not diff, what, "\n".join(diff[:12]) +
           ("\n... %d more" % (len(diff) - 12) if len(diff) > 12 else ""))


def small_case(tap):
    with open(os.path.join(SMALL, "expected.json")) as f:
        cases = json.load(f)["cases"]
    for c in cases:
        fn = reference.overall if c["report"] == "overall" else \
            reference.funnel
        got = fn(SMALL, **c["args"])
        check(tap, "reference.py agrees with the hand figures: " + c["name"],
              got, c["expect"])

    # funnel itself is checked against the same hand figures by
    # test_cases.py, with every other folder of tests/cases.


def generated(tap):
    tmp = tempfile.mkdtemp(prefix="funnel-sf-")
    out = os.path.join(tmp, "export")
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "tests", "e2e", "gen_salesforce.py"),
                    "--opps", "300", "--seed", "42", "--out", out,
                    "--start", "2024-01-01", "--end", "2026-06-30"],
                   check=True)
    with open(os.path.join(out, "User.csv"), newline="") as f:
        users = list(csv.DictReader(f))
    with open(os.path.join(out, "Opportunity.csv"), newline="") as f:
        owners = Counter(r["OwnerId"] for r in csv.DictReader(f))
    managers = sorted({u["ManagerId"] for u in users if u["ManagerId"]})
    vp = [u["Id"] for u in users if not u["ManagerId"]][0]
    first_line = [m for m in managers if m != vp]
    reps = [o for o, _ in owners.most_common(3)]

    fu = Funnel()
    try:
        p = fu.run("init")
        if not tap.ok(p.returncode == 0, "generated: init", p.stderr):
            return
        p = fu.run("import", "--format", "salesforce",
                   *[os.path.join(out, f) for f in FILES])
        if not tap.ok(p.returncode == 0, "generated: import of 300 opps",
                      p.stderr):
            return
        queries = []
        for as_of, periods in (
                ("2026-06-30", ("2026-Q2", "2026-Q3", "2026", "2026-06")),
                ("2025-11-15", ("2025-Q4", "2026-Q1", "2025", "2025-11")),
                ("2025-05-15", ("2025-Q2", "2025-Q3", "2025-05")),
                ("2024-08-01", ("2024-Q3", "2024"))):
            for per in periods:
                queries.append(("overall", {"as_of": as_of, "period": per}))
            for w in (None, "2024-07-01..2025-06-30", "2025-Q1..2025-Q4",
                      "2025-01-01..2026-06-30"):
                queries.append(("funnel", {"as_of": as_of, "window": w}))
        for who in [{"owner": r} for r in reps] + \
                [{"team": m} for m in first_line[:2]] + [{"team": vp}]:
            queries.append(("overall", dict(as_of="2026-06-30",
                                             period="2026-Q2", **who)))
            queries.append(("overall", dict(as_of="2025-09-30",
                                             period="2025-Q3", **who)))
            queries.append(("funnel", dict(as_of="2026-06-30",
                                           window="2025-07-01..2026-06-30",
                                           **who)))
            queries.append(("funnel", dict(as_of="2025-09-30", window=None,
                                           **who)))
        for kind, args in queries:
            args = {k: v for k, v in args.items() if v is not None}
            fn = reference.overall if kind == "overall" else reference.funnel
            want = fn(out, **args)
            want.pop("window", None)
            want.pop("cycle_mean", None)  # not part of the JSON contract
            name = "generated %s (%s)" % (kind, describe(args))
            try:
                got = fu.report(kind, **args)
            except Exception as e:
                tap.ok(False, name, e)
                continue
            if "win_rate_value" not in got:
                want.pop("win_rate_value", None)
            check(tap, name, got, want)
    finally:
        fu.close()
        subprocess.run(["rm", "-rf", tmp])


def main():
    tap = Tap()
    small_case(tap)
    generated(tap)
    tap.done()


if __name__ == "__main__":
    main()
