#!/usr/bin/env python3
"""test_diagnose.py - `funnel report diagnose` finds exactly the problems
planted by gen_planted.py, names them right, and finds none of them in
the same history without the plants; its figures are checked against a
plain computation from the generated CSV files; past dates give the same
answer before and after later events are added; the demo's planted reps
(docs/demo.md) are found; and both forms (terminal table, --json) say
"nothing found" and "not enough history" where they should.
"""
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import ROOT, Funnel, Tap  # noqa: E402

GEN = os.path.join(ROOT, "tests", "e2e", "gen_planted.py")
TODAY = "2026-05-15"
W = ("2025-04-01", "2026-03-31")   # the default window as of TODAY
OPEN = ["qualify", "develop", "prove", "propose", "commit"]
FILES = ["users.csv", "teams.csv", "accounts.csv", "contacts.csv",
         "opportunities.csv", "events.csv", "activities.csv",
         "outcomes.csv", "targets.csv"]
CHECKS = ("bottlenecks", "behaviour", "support", "shortfall")


def generate(out, *extra):
    subprocess.run([sys.executable, GEN, "--out", out, "--today", TODAY]
                   + list(extra), check=True)


def load(fu, d):
    fu.run("init", check=True)
    fu.run("import", "--format", "native",
           *[os.path.join(d, f) for f in FILES], check=True)


def ordinal(s):
    return datetime.date.fromisoformat(s).toordinal()


def plain_figures(d):
    """Conversion per (owner, milestone) in W, and for propose the open
    count at TODAY, entries in W and mean dwell of exits in W, straight
    from events.csv (every generated deal has one owner)."""
    ev = defaultdict(list)
    with open(os.path.join(d, "events.csv"), newline="") as f:
        for r in csv.DictReader(f):
            ev[r["opportunity"]].append(r)
    conv = defaultdict(lambda: [0, 0])
    entries, dwell, count = defaultdict(int), defaultdict(list), \
        defaultdict(int)
    for es in ev.values():
        owner, ms, since = None, None, None
        for e in es:
            if e["date"] > TODAY:
                break
            if e["field"] == "owner":
                owner = e["value"]
            if e["field"] != "milestone" or e["value"] == ms:
                continue
            day, new = e["date"], e["value"]
            if new in OPEN and W[0] <= day <= W[1]:
                entries[new] += 1
            if ms in OPEN and W[0] <= day <= W[1]:
                c = conv[(owner, ms)]
                c[1] += 1
                c[0] += new == "won" or (new in OPEN and
                                         OPEN.index(new) > OPEN.index(ms))
                dwell[ms].append(ordinal(day) - ordinal(since))
            ms, since = new, day
        if ms in OPEN:
            count[ms] += 1
    return conv, entries, dwell, count


def fisher_below(x1, n1, x2, n2):
    K, N = x1 + x2, n1 + n2
    den = math.comb(N, n1)
    return sum(math.comb(K, x) * math.comb(N - K, n1 - x)
               for x in range(max(0, K - n2), x1 + 1)) / den


def key(f):
    return (f["kind"], f["rep"], f["milestone"])


def planted(tap, fu, d):
    with open(os.path.join(d, "plants.json")) as f:
        plants = json.load(f)
    doc = fu.json("report", "diagnose", "--as-of", TODAY)
    fs = doc["findings"]
    by = defaultdict(list)
    for f in fs:
        by[f["check"]].append(f)
    status = {c["check"]: c["status"] for c in doc["checks"]}

    tap.ok(all(status[c] == "found" for c in CHECKS + ("time",)),
           "planted: every check with a plant says found", status)
    got = sorted(key(f) for f in by["bottlenecks"])
    tap.ok(got == sorted([("conversion_below_team", "rep3", "develop"),
                          ("pile_up", None, "propose")]),
           "planted: the bottlenecks are exactly rep3 at develop and the "
           "pile-up in propose", got)
    got = sorted(key(f) for f in by["behaviour"])
    tap.ok(got == [("missing_outcomes", "rep5", None),
                   ("no_power_sponsor", "rep5", None)],
           "planted: defective behaviour is exactly rep5's deals", got)
    for f in by["behaviour"]:
        ids = sorted(o["id"] for o in f["opportunities"])
        tap.ok(ids == sorted(plants["no_power_sponsor"]),
               "planted: %s names exactly the deals without power-sponsor "
               "access" % f["kind"], ids)
    miss = [o.get("missing") for f in by["behaviour"]
            if f["kind"] == "missing_outcomes" for o in f["opportunities"]]
    tap.ok(miss and all(m == "access to the power sponsor (decision "
                        "maker) agreed" for m in miss),
           "planted: the missing outcome is named", miss)
    got = [(key(f), sorted(o["id"] for o in f["opportunities"]))
           for f in by["support"]]
    tap.ok(got == [(("no_demo_or_presales", "rep6", None),
                    sorted(plants["no_demo"]))],
           "planted: the support gap is exactly rep6's deals in prove", got)
    short = by["shortfall"]
    tap.ok(short and all(f["kind"] == "too_few_new" and f["missing"] > 0
                         and f["by"] and f["value"] < f["threshold"]
                         for f in short),
           "planted: too few new opportunities, with how many and by when",
           short)
    stalled = {o["id"] for f in by["time"] if f["kind"] == "stalled"
               for o in f["opportunities"]}
    tap.ok(set(plants["stalled"]) <= stalled,
           "planted: every stalled deal is found stalled",
           sorted(set(plants["stalled"]) - stalled))
    slipped = [(f["rep"], sorted(o["id"] for o in f["opportunities"]))
               for f in by["time"] if f["kind"] == "slipped"]
    tap.ok(slipped == [("rep8", sorted(plants["slipped"]))],
           "planted: the slipped deals are exactly rep8's", slipped)

    # every finding: figure, threshold, money; ordered by money
    tap.ok(all(f["value"] is not None and f["threshold"] is not None and
               f["money_at_stake"] is not None and f["figure"]
               for f in fs), "planted: every finding has its figure, "
           "threshold and money at stake")
    money = [f["money_at_stake"] for f in fs]
    tap.ok(money == sorted(money, reverse=True),
           "planted: findings are ordered by money at stake")

    # the figures against a plain computation
    conv, entries, dwell, count = plain_figures(d)
    f = [f for f in by["bottlenecks"] if f["kind"] ==
         "conversion_below_team"][0]
    x1, n1 = conv[("rep3", "develop")]
    x2 = sum(v[0] for (o, m), v in conv.items() if m == "develop" and
             o != "rep3")
    n2 = sum(v[1] for (o, m), v in conv.items() if m == "develop" and
             o != "rep3")
    p = fisher_below(x1, n1, x2, n2)
    tap.ok(abs(f["value"] - x1 / n1) < 1e-9 and
           abs(f["threshold"] - x2 / n2) < 1e-9 and f["cases"] == n1 and
           abs(f["p_value"] - p) <= 1e-6 * max(p, 1e-300) + 1e-15,
           "planted: rep3's conversion %d/%d, the rest %d/%d and Fisher's "
           "p %.3g agree with a plain computation" % (x1, n1, x2, n2, p),
           f)
    z = 1.959964
    ph, d = x1 / n1, 1 + z * z / n1
    c = (ph + z * z / (2 * n1)) / d
    h = z * math.sqrt(ph * (1 - ph) / n1 + z * z / (4 * n1 * n1)) / d
    tap.ok(abs(f["interval_95"][0] - (c - h)) < 1e-9 and
           abs(f["interval_95"][1] - (c + h)) < 1e-9 and
           f["interval_95"][1] < f["threshold"],
           "planted: rep3's Wilson 95%% interval [%.3f, %.3f] lies below "
           "the rest's conversion" % (c - h, c + h), f["interval_95"])
    f = [f for f in by["bottlenecks"] if f["kind"] == "pile_up"][0]
    days = ordinal(W[1]) - ordinal(W[0]) + 1
    mean = sum(dwell["propose"]) / len(dwell["propose"])
    exp = entries["propose"] / days * mean
    tap.ok(f["value"] == count["propose"] and
           abs(f["threshold"] - exp) < 1e-3,
           "planted: propose holds %d against %.2f by Little's law "
           "(%d entries in %d days x mean dwell %.2f)" % (
               count["propose"], exp, entries["propose"], days, mean), f)
    # opp show's analysis of planted deals, against the plants' own dates
    T = ordinal(TODAY)
    sl = plants["slipped"][0]          # created T-80, propose at T-40
    an = fu.json("opp", "show", sl, "--as-of", TODAY)["analysis"]
    moves = [c["date"] for c in an["close_date_changes"]]
    want = [datetime.date.fromordinal(T - k).isoformat() for k in
            (40, 10, 2)]
    xs = sorted(dwell["propose"])
    n = len(xs)
    med = (xs[(n - 1) // 2] + xs[n // 2]) / 2
    tap.ok(an["age_days"] == 80 and an["days_in_milestone"] == 40 and
           an["slips"] == 3 and moves == want and
           abs(an["dwell_median"] - med) < 1e-9 and
           {"slipped", "stalled"} <= {r["risk"] for r in an["risks"]},
           "opp show: a slipped deal's age, days in milestone, dwell "
           "median %.1f, its three slips and its risks" % med, an)
    ps = plants["no_power_sponsor"][0]
    an = fu.json("opp", "show", ps, "--as-of", TODAY)["analysis"]
    tap.ok(an["missing_outcomes"] == [
        {"milestone": "prove",
         "outcome": "access to the power sponsor (decision maker) agreed"}]
        and "no_power_sponsor" in {r["risk"] for r in an["risks"]} and
        all(c["role"] != "power_sponsor" for c in an["contacts"]) and
        an["probability_milestone"] == 0.75,
        "opp show: the deal without a power sponsor lists the missing "
        "outcome, its contacts' roles and the risk", an)
    p = fu.run("opp", "show", ps)
    tap.ok(p.returncode == 0 and "risks:" in p.stdout and
           "no access to the power sponsor" in p.stdout,
           "opp show: the risks are written in words", p.stdout[-600:])
    fd = fu.json("report", "funnel", "--as-of", TODAY)
    st = [x for x in fd["stages"] if x["name"] == "propose"][0]
    tap.ok(abs(st["flow_count"] - exp) < 1e-3 and st["count"] ==
           count["propose"],
           "report funnel: propose's flow_count %.3f by Little's law "
           "beside its count %d" % (exp, count["propose"]), st)
    p = fu.run("report", "funnel", "--as-of", TODAY)
    tap.ok(p.returncode == 0 and "Little's law" in p.stdout and
           ("flow %.1f" % exp) in p.stdout and "#" in p.stdout,
           "report funnel: the terminal draws the shape as bars with the "
           "flow's count", p.stdout)
    return doc


def unplanted(tap, fu):
    doc = fu.json("report", "diagnose", "--as-of", TODAY)
    status = {c["check"]: c["status"] for c in doc["checks"]}
    tap.ok(all(status[c] == "nothing_found" for c in CHECKS),
           "without plants: no bottleneck, behaviour, support or "
           "shortfall finding", [key(f) for f in doc["findings"]
                                 if f["check"] in CHECKS])
    p = fu.run("report", "diagnose", "--as-of", TODAY)
    tap.ok(p.returncode == 0 and "nothing found" in p.stdout,
           "without plants: the table says nothing found", p.stdout[-600:])


def main():
    tap = Tap()
    os.environ["FUNNEL_TODAY"] = TODAY
    tmp = tempfile.mkdtemp(prefix="funnel-diag-")
    pd, nd = os.path.join(tmp, "planted"), os.path.join(tmp, "healthy")
    generate(pd)
    generate(nd, "--no-plants")
    fu = Funnel()
    try:
        load(fu, pd)
        planted(tap, fu, pd)
        p = fu.run("report", "diagnose")
        tap.ok(p.returncode == 0 and all(w in p.stdout for w in (
            "bottlenecks", "defective sales behaviour", "sales support gaps",
            "marketing shortfall", "rep3 develop", "Little's law",
            "Pipeline over milestones")),
            "planted: the terminal table names the checks and findings",
            p.stdout[:1500])
        p = fu.run("--lang", "zh", "report", "diagnose")
        tap.ok(p.returncode == 0 and "瓶颈" in p.stdout and
               "有缺陷的销售行为" in p.stdout,
               "planted: the Chinese table uses the glossary's words",
               p.stdout[:800])
        # past dates: the database as it was on 2026-03-20
        cut = os.path.join(tmp, "cut")
        generate(cut, "--cut", "2026-03-20")
        fc = Funnel()
        try:
            load(fc, cut)
            a = fu.json("report", "diagnose", "--as-of", "2026-03-20")
            b = fc.json("report", "diagnose", "--as-of", "2026-03-20")
            tap.ok(a == b, "diagnose as of a past day is the same before "
                   "and after later events are added")
        finally:
            fc.close()
    finally:
        fu.close()
    fn = Funnel()
    try:
        load(fn, nd)
        unplanted(tap, fn)
    finally:
        fn.close()

    # an empty database: not enough history
    fe = Funnel()
    try:
        fe.run("init", check=True)
        doc = fe.json("report", "diagnose")
        status = {c["check"]: c["status"] for c in doc["checks"]}
        tap.ok(status["bottlenecks"] == "not_enough_history" and
               status["time"] == "not_enough_history" and
               status["behaviour"] == "nothing_found",
               "empty: not enough history where history is needed", status)
        p = fe.run("report", "diagnose")
        tap.ok("not enough history" in p.stdout,
               "empty: the table says not enough history")
    finally:
        fe.close()

    # the demo's planted reps (docs/demo.md), over its eight quarters
    fd = Funnel()
    try:
        fd.run("init", check=True)
        fd.run("demo", "--today", TODAY, check=True)
        doc = fd.json("report", "diagnose", "--as-of", TODAY, "--window",
                      "2024-Q2..2026-Q1")
        found = {key(f) for f in doc["findings"]}
        for rep, ms in (("rep02", "qualify"), ("rep04", "develop"),
                        ("rep06", "prove"), ("rep12", "prove")):
            tap.ok(("conversion_below_team", rep, ms) in found,
                   "demo: %s weak at %s is found" % (rep, ms))
        for rep in ("rep05", "rep09"):
            tap.ok(("outcomes_skipped", rep, None) in found,
                   "demo: sloppy %s is found" % rep)
        tap.ok(("no_demo_or_presales", "rep11", None) in found,
               "demo: rep11's support gap is found")
        strong = [k for k in found if k[0] == "conversion_below_team" and
                  k[1] == "rep03"]
        tap.ok(not strong, "demo: strong rep03 is not found weak", strong)
    finally:
        fd.close()
    tap.done()


if __name__ == "__main__":
    main()
