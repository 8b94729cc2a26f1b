#!/usr/bin/env python3
"""test_strict.py - verifiable outcomes that count: `opp advance` names
the outcomes missing for the milestone it enters; in a process marked
`strict` (process file) it refuses with exit 1 unless given --override
REASON, which is recorded as the milestone event's note and reported by
`opp show` (analysis.overrides); `process show` writes the strict line
back. Expected outcomes are the default process's, written out here.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

PROCESS = """process default
strict
milestone qualify 10%
	outcome prospect agreed to explore a need
	outcome a contact is identified
milestone develop 25%
	outcome pain admitted by the customer
	outcome sponsor agrees to a buying vision
milestone prove 50%
milestone propose 75%
milestone commit 90%
"""


def main():
    tap = Tap()
    os.environ["FUNNEL_TODAY"] = "2026-03-01"
    fu = Funnel()
    try:
        fu.run("init", check=True)
        fu.run("user", "add", "bob", "--name", "Bob", check=True)
        for o in ("S1", "S2"):
            fu.run("opp", "add", o, "--name", o, "--owner", "bob",
                   "--amount", "1000", "--close", "2026-06-30", "--date",
                   "2026-02-01", check=True)
        # not strict yet: the advance goes through and names what is missing
        p = fu.run("opp", "advance", "S2", "develop", "--date", "2026-02-05")
        tap.ok(p.returncode == 0 and
               "pain admitted by the customer (develop)" in p.stderr and
               "a contact is identified (qualify)" in p.stderr,
               "not strict: advance names the missing outcomes", p.stderr)
        path = os.path.join(fu.dir, "process.txt")
        with open(path, "w") as f:
            f.write(PROCESS)
        p = fu.run("process", "load", path)
        tap.ok(p.returncode == 0, "a strict process file loads", p.stderr)
        p = fu.run("process", "show")
        tap.ok("process default\nstrict\n" in p.stdout,
               "process show writes the strict line back", p.stdout[:200])
        p = fu.run("opp", "advance", "S1", "develop", "--date", "2026-02-10")
        tap.ok(p.returncode == 1 and "strict" in p.stderr and
               "sponsor agrees to a buying vision" in p.stderr and
               "--override" in p.stderr,
               "strict: advance without outcomes is refused, naming them",
               p.stderr)
        doc = fu.json("opp", "show", "S1")
        tap.ok(doc["state"]["milestone"] == "qualify",
               "strict: the refused advance changed nothing")
        for o in ("prospect agreed to explore a need",
                  "a contact is identified", "pain admitted by the customer",
                  "sponsor agrees to a buying vision"):
            fu.run("opp", "outcome", "S1", o, "--date", "2026-02-10",
                   check=True)
        p = fu.run("opp", "advance", "S1", "develop", "--date", "2026-02-11")
        tap.ok(p.returncode == 0 and p.stderr == "",
               "strict: with every outcome checked the advance goes through",
               p.stderr)
        p = fu.run("opp", "advance", "S1", "prove", "--date", "2026-02-12",
                   "--override", "customer asked to skip the vision call")
        tap.ok(p.returncode == 0, "strict: prove has no outcomes to miss",
               p.stderr)
        p = fu.run("opp", "advance", "S2", "prove", "--date", "2026-02-12",
                   "--override", "CFO signed off by phone")
        tap.ok(p.returncode == 0 and "override" in p.stderr,
               "strict: --override lets it through and says so", p.stderr)
        doc = fu.json("opp", "show", "S2")
        ev = [e for e in doc["events"] if e["kind"] == "milestone"]
        tap.ok(ev[-1]["note"] == "override: CFO signed off by phone" and
               doc["analysis"]["overrides"] == [
                   {"date": "2026-02-12",
                    "reason": "CFO signed off by phone"}],
               "strict: the override is the milestone event's note and "
               "opp show reports it", doc["analysis"]["overrides"])
        doc = fu.json("report", "diagnose")
        ov = [(f["rep"], f["value"], [o["id"] for o in f["opportunities"]])
              for f in doc["findings"] if f["kind"] == "advanced_by_override"]
        tap.ok(ov == [("bob", 1, ["S2"])],
               "diagnose reports the override under defective behaviour, "
               "by rep", ov)
        doc = fu.json("opp", "show", "S1")
        tap.ok(doc["analysis"]["overrides"] == [],
               "strict: an advance with nothing missing records no override")
    finally:
        fu.close()
    tap.done()


if __name__ == "__main__":
    main()
