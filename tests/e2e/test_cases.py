#!/usr/bin/env python3
"""test_cases.py - the data-driven cases of tests/cases/: every folder
there with an expected.json is imported into a fresh database and each of
its cases is a report whose fields must equal the expected figures, which
are worked out by hand (the README.md beside them shows the arithmetic).
A new case is a new folder: input files and expected.json, no new code.

expected.json: {"format": "native|salesforce|maven" (default: guessed
from the file names), "cases": [{"name", "report": "overall|funnel",
"args": {"as_of", "period", "window", "owner", "team"}, "expect": {...}}]}.
Only the fields in "expect" are compared (amounts to the cent, rates to
1e-9, counts exactly).
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import ROOT, Funnel, Tap, compare  # noqa: E402

CASES = os.path.join(ROOT, "tests", "cases")


def guess_format(files):
    names = {os.path.basename(f) for f in files}
    if "Opportunity.csv" in names:
        return "salesforce"
    if "sales_pipeline.csv" in names:
        return "maven"
    return "native"


def run_case_dir(tap, d):
    name = os.path.basename(d)
    with open(os.path.join(d, "expected.json")) as f:
        spec = json.load(f)
    files = sorted(glob.glob(os.path.join(d, "*.csv")))
    fmt = spec.get("format") or guess_format(files)
    fu = Funnel()
    try:
        p = fu.run("init")
        if not tap.ok(p.returncode == 0, "%s: init" % name, p.stderr):
            return
        p = fu.run("import", "--format", fmt, *files)
        if not tap.ok(p.returncode == 0, "%s: import" % name, p.stderr):
            return
        for c in spec["cases"]:
            what = "%s: %s" % (name, c["name"])
            try:
                got = fu.report(c["report"], **c["args"])
            except Exception as e:  # a failing command is a failed check
                tap.ok(False, what, e)
                continue
            diff = compare(got, c["expect"])
            tap.ok(not diff, what, "\n".join(diff))
    finally:
        fu.close()


def main():
    tap = Tap()
    dirs = sorted(os.path.dirname(p) for p in
                  glob.glob(os.path.join(CASES, "*", "expected.json")))
    tap.ok(len(dirs) > 0, "there are data-driven cases")
    for d in dirs:
        run_case_dir(tap, d)
    tap.done()


if __name__ == "__main__":
    main()
