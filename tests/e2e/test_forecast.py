#!/usr/bin/env python3
"""test_forecast.py - report forecast, report backtest and process
calibrate on data from a known process (gen_known.py: known conversion per
milestone and memoryless dwell), against the truth and against figures
computed here independently from the generated CSV files:

1. the historical win probability per milestone (win_rate_from) counts the
   same cases as computed here and its 95 % interval holds the true one;
2. Monte Carlo: p10 <= p50 <= p90, mean = historical (sum of amount x
   probability) within sampling error, a fixed seed reproduces the document
   exactly, another seed changes it;
3. with no history (an empty window) every milestone falls back visibly to
   its probability: historical = weighted = the weighted sum computed here;
4. no look into the future: the forecast as of D over the full history is
   the forecast as of D over the history cut at D, and so is the
   back-test's figure for D;
5. back-test: weighted, commit, best case and the actual won per date,
   their errors, bias and MAPE, computed here from the CSV files; the
   historical and Monte Carlo errors from the document's own forecasts;
6. accuracy on the generated data (16 as-of dates): historical and Monte
   Carlo MAPE at least 30 % lower than weighted's; the measured table and
   the p10-p90 hit rate are printed.
"""
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import ROOT, Funnel, Tap  # noqa: E402

TODAY = "2026-05-20"
PROB = {"qualify": .10, "develop": .25, "prove": .50, "propose": .75,
        "commit": .90}
ORDER = ["qualify", "develop", "prove", "propose", "commit"]
GEN = os.path.join(ROOT, "tests", "e2e", "gen_known.py")


def gen(out, cutoff=None):
    args = [sys.executable, GEN, "--out", out, "--seed", "7", "--per-day",
            "10", "--today", TODAY]
    if cutoff:
        args += ["--cutoff", cutoff]
    subprocess.run(args, check=True)


def load(out):
    f = Funnel()
    os.environ["FUNNEL_TODAY"] = TODAY
    f.run("init", check=True)
    f.run("import", *[os.path.join(out, n) for n in (
        "users.csv", "teams.csv", "opportunities.csv", "events.csv")],
        check=True)
    return f


def D(s):
    return datetime.date.fromisoformat(s)


def quarter(d):
    q = (d.month - 1) // 3
    start = datetime.date(d.year, 3 * q + 1, 1)
    end = (datetime.date(d.year + 1, 1, 1) if q == 3 else
           datetime.date(d.year, 3 * q + 4, 1)) - datetime.timedelta(days=1)
    return start, end


class Opp:
    def __init__(self, row):
        self.id = row["id"]
        self.created = D(row["created"])
        self.amount = float(row["amount"])
        self.owner = row["owner"]
        self.ev = [(self.created, "milestone", row["milestone"]),
                   (self.created, "close_date", row["close_date"]),
                   (self.created, "category", row["category"])]

    def state(self, t):
        """(milestone, close date, category, closing day, reached index)
        after the events dated <= t; None before it existed."""
        if self.created > t:
            return None
        ms = close = cat = closed = None
        reach = -1
        for d, field, value in self.ev:
            if d > t:
                break
            if field == "milestone":
                if value != ms:
                    ms = value
                    closed = d if value in ("won", "lost") else None
                if value in ORDER:
                    reach = max(reach, ORDER.index(value))
                elif value == "won":
                    reach = len(ORDER) - 1
            elif field == "close_date":
                close = D(value)
            elif field == "category":
                cat = value
        return ms, close, cat, closed, reach


def read(out):
    opps = {}
    with open(os.path.join(out, "opportunities.csv")) as f:
        for r in csv.DictReader(f):
            opps[r["id"]] = Opp(r)
    with open(os.path.join(out, "events.csv")) as f:
        for r in csv.DictReader(f):
            opps[r["opportunity"]].ev.append((D(r["date"]), r["field"],
                                              r["value"]))
    for o in opps.values():
        o.ev.sort(key=lambda e: e[0])  # stable: file order within a day
    return list(opps.values())


def overall(opps, t, q0, q1, prob=None):
    """won, weighted, commit, best_case of quarter [q0, q1] as of t, in
    currency units, by PRODUCT.md's definitions (prob: the milestones'
    probabilities, default PROB)."""
    prob = prob or PROB
    won = weighted = commit = best = 0.0
    for o in opps:
        s = o.state(t)
        if not s:
            continue
        ms, close, cat, closed, _ = s
        if ms == "won" and q0 <= closed <= q1:
            won += o.amount
        elif ms in prob and close is not None:
            eff = max(close, t)
            if q0 <= eff <= q1:
                weighted += o.amount * prob[ms]
                if cat == "commit":
                    commit += o.amount
                elif cat == "best_case":
                    best += o.amount
    return {"won": won, "weighted": won + weighted, "commit": won + commit,
            "best_case": won + commit + best}


def actual(opps, t, today, q0, q1):
    """won in [q0, q1] as of today by the opportunities existing at t."""
    a = 0.0
    for o in opps:
        s = o.state(today)
        if s and o.created <= t and s[0] == "won" and q0 <= s[3] <= q1:
            a += o.amount
    return a


def win_from(opps, w0, w1):
    cases = [0] * 5
    won = [0] * 5
    for o in opps:
        s = o.state(w1)
        if not s or s[0] not in ("won", "lost") or not w0 <= s[3] <= w1:
            continue
        for k in range(s[4] + 1):
            cases[k] += 1
            won[k] += s[0] == "won"
    return cases, won


def main():
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix="funnel-fc-")
    full = os.path.join(tmp, "full")
    gen(full)
    truth = json.load(open(os.path.join(full, "truth.json")))
    opps = read(full)
    f = load(full)
    today = D(TODAY)

    # 1. win_rate_from against the count here and the truth
    doc = f.json("report", "forecast", "--seed", "3")
    w = doc["query"]["window"]
    cases, won = win_from(opps, D(w["from"]), D(w["to"]))
    for k, m in enumerate(doc["milestones"]):
        tap.ok(m["milestone"] == ORDER[k] and m["cases"] == cases[k] and
               m["won"] == won[k],
               "win_rate_from(%s) counts %d won of %d closed, as computed "
               "here" % (ORDER[k], won[k], cases[k]),
               "got %s" % m)
        t = truth["win_from"][k]
        tap.ok(m["interval"]["low"] <= t <= m["interval"]["high"],
               "the true win probability from %s, %.4f, is inside the "
               "interval %.4f..%.4f (estimate %.4f)" % (
                   ORDER[k], t, m["interval"]["low"], m["interval"]["high"],
                   m["win_rate_from"]))
        tap.ok(not m["fallback"], "%s has enough history" % ORDER[k])

    # 2. Monte Carlo. Each trial draws the win rates from their posterior
    # (each step milestone -> next ~ Beta(reached + 1, not + 1), the win
    # rate from a milestone the product of its steps), so the Monte Carlo
    # mean is the posterior mean: sum amount x E[rate] x share, where
    # E[rate] / rate = prod over the steps of ((s + 1) / (n + 2)) / (s / n),
    # computed here from the counts. The timing shocks have mean 0.
    ms = doc["milestones"]
    ratio = []
    for k in range(len(ms)):
        r = 1.0
        for j in range(k, len(ms)):
            n = ms[j]["cases"]
            s_ = ms[j + 1]["cases"] if j + 1 < len(ms) else ms[j]["won"]
            r *= ((s_ + 1) / (n + 2)) / (s_ / n)
        ratio.append(r)
    shift = max(abs(r - 1) for r in ratio)
    for p in doc["periods"]:
        mc = p["montecarlo"]
        tap.ok(mc["p10"] <= mc["p50"] <= mc["p90"],
               "%s: p10 %.2f <= p50 %.2f <= p90 %.2f" % (
                   p["period"], mc["p10"], mc["p50"], mc["p90"]))
        # sampling error: 4 standard errors of the mean, the standard
        # deviation of a trial taken from the spread (p90 - p10 = 2.56 sd
        # for a normal; 1.5x for safety), plus the posterior mean's shift
        sd = 1.5 * (mc["p90"] - mc["p10"]) / 2.563
        bound = 4 * sd / math.sqrt(doc["trials"]) + \
            shift * (p["historical"] - p["won"])
        tap.ok(abs(mc["mean"] - p["historical"]) <= bound + 0.01,
               "%s: Monte Carlo mean %.2f = historical %.2f within %.2f "
               "(posterior mean shift at most %.5f %%)" % (
                   p["period"], mc["mean"], p["historical"], bound,
                   100 * shift))
        tap.ok(sum(b["count"] for b in mc["histogram"]) == doc["trials"],
               "%s: the histogram counts every trial" % p["period"])
    again = f.json("report", "forecast", "--seed", "3")
    tap.ok(again == doc, "the same seed reproduces the document exactly")
    # the trials' inner loop runs on AVX-512, AVX2 or plain x86-64 by the
    # processor; each gives the same bits (FUNNEL_MC_ISA picks a lesser one)
    for isa in ("plain", "avx2"):
        os.environ["FUNNEL_MC_ISA"] = isa
        same = f.json("report", "forecast", "--seed", "3")
        del os.environ["FUNNEL_MC_ISA"]
        tap.ok(same == doc, "the %s inner loop gives the same document" % isa)
    other = f.json("report", "forecast", "--seed", "4")
    tap.ok(other["periods"][0]["montecarlo"] !=
           doc["periods"][0]["montecarlo"] and
           other["periods"][0]["historical"] ==
           doc["periods"][0]["historical"],
           "another seed changes Monte Carlo only")
    small = f.json("report", "forecast", "--trials", "500")
    tap.ok(small["trials"] == 500 and sum(
        b["count"] for b in small["periods"][0]["montecarlo"]["histogram"])
        == 500, "--trials 500 runs 500 trials")
    txt = f.run("report", "forecast", check=True).stdout
    tap.ok("Monte Carlo outcomes of 2026-Q2" in txt and "#" in txt,
           "the text shows the Monte Carlo chart")

    # 3. no history: visible fallback, historical = weighted
    thin = f.json("report", "forecast", "--window", "2020-01-01..2020-12-31")
    q0, q1 = quarter(today)
    want = overall(opps, today, q0, q1)
    p0 = thin["periods"][0]
    tap.ok(all(m["fallback"] for m in thin["milestones"]),
           "an empty window: every milestone falls back")
    tap.ok(abs(p0["weighted"] - want["weighted"]) < 0.01 and
           abs(p0["historical"] - want["weighted"]) < 0.01,
           "fallback: historical = weighted = %.2f computed here" %
           want["weighted"], "got %s" % p0)
    for k in ("won", "commit", "best_case"):
        tap.ok(abs(p0[k] - want[k]) < 0.01,
               "%s of %s = %.2f computed here" % (k, p0["period"], want[k]))
    txt = f.run("report", "forecast", "--window",
                "2020-01-01..2020-12-31", check=True).stdout
    tap.ok("not enough history" in txt and "expected close date" in txt,
           "the fallback is stated in the text")

    # 4. no look into the future
    cut = "2025-08-16"
    part = os.path.join(tmp, "cut")
    gen(part, cutoff=cut)
    g = load(part)
    a = f.json("report", "forecast", "--as-of", cut)
    b = g.json("report", "forecast", "--as-of", cut)
    tap.ok(a == b, "the forecast as of %s is the same without the events "
           "after it" % cut)
    bt = f.json("report", "backtest", "--dates", cut)
    d0 = bt["dates"][0]["forecast"]
    tap.ok(abs(d0["historical"] - b["periods"][0]["historical"]) < 0.01 and
           abs(d0["montecarlo"] - b["periods"][0]["montecarlo"]["mean"])
           < 0.01 and
           abs(d0["weighted"] - b["periods"][0]["weighted"]) < 0.01,
           "the back-test's figures for %s are those of the history cut "
           "there" % cut)

    # 5. the back-test against the figures computed here
    bt = f.json("report", "backtest")
    errs = {m: [] for m in ("weighted", "commit", "best_case", "historical",
                            "montecarlo")}
    for d in bt["dates"]:
        t = D(d["as_of"])
        p0, p1 = quarter(t)
        want = overall(opps, t, p0, p1)
        act = actual(opps, t, today, p0, p1)
        tap.ok(abs(d["actual"] - act) < 0.01,
               "%s: actual won %.2f, computed here" % (d["as_of"], act))
        for k in ("weighted", "commit", "best_case"):
            tap.ok(abs(d["forecast"][k] - want[k]) < 0.01,
                   "%s: %s %.2f, computed here" % (d["as_of"], k, want[k]),
                   "got %.2f" % d["forecast"][k])
        for k in errs:
            e = d["forecast"][k] - act
            errs[k].append(e)
            tap.ok(abs(d["error"][k] - e) < 0.02 and
                   abs(d["ape"][k] - abs(e) / act) < 1e-6,
                   "%s: %s error and APE" % (d["as_of"], k))
    for m in bt["methods"]:
        k = m["method"]
        acts = [d["actual"] for d in bt["dates"]]
        mape = sum(abs(e) / a for e, a in zip(errs[k], acts)) / len(acts)
        bias = sum(e / a for e, a in zip(errs[k], acts)) / len(acts)
        mean = sum(errs[k]) / len(acts)
        tap.ok(abs(m["mape"] - mape) < 1e-6 and abs(m["bias"] - bias) < 1e-6
               and abs(m["mean_error"] - mean) < 0.02,
               "%s: MAPE %.4f, bias %.4f, mean error %.2f as computed here" %
               (k, mape, bias, mean), "got %s" % m)
    hits = sum(1 for d in bt["dates"] if d["p10"] <= d["actual"] <= d["p90"])
    tap.ok(bt["band"]["hits"] == hits, "band hits %d of %d" % (
        hits, len(bt["dates"])))
    cal = bt["calibration"]
    for c in cal:
        inside = c["interval"]["low"] <= c["probability"] <= \
            c["interval"]["high"]
        want_s = c["probability"] if inside or not c["enough_history"] \
            else c["win_rate_from"]
        tap.ok(abs(c["suggested"] - want_s) < 1e-12,
               "calibration of %s suggests %.4f" % (c["milestone"], want_s))

    # 6. accuracy over 16 dates: first day and middle of 8 quarters
    dates = []
    for k in range(8, 0, -1):
        s, e = quarter(today)
        y, m = s.year, s.month - 3 * k
        while m < 1:
            m += 12
            y -= 1
        s = datetime.date(y, m, 1)
        _, e = quarter(s)
        dates += [s, s + datetime.timedelta(days=((e - s).days + 1) // 2)]
    acc = f.json("report", "backtest", "--dates",
                 ",".join(x.isoformat() for x in dates))
    mape = {m["method"]: m["mape"] for m in acc["methods"]}
    print("# measured on gen_known.py --seed 7 --per-day 10, %d as-of "
          "dates:" % len(dates))
    for m in acc["methods"]:
        print("#   %-10s MAPE %5.1f%%  bias %+6.1f%%" % (
            m["method"], 100 * m["mape"], 100 * m["bias"]))
    print("#   p10-p90 band holds the actual in %d of %d dates (%.1f%%)" % (
        acc["band"]["hits"], acc["band"]["dates"],
        100 * acc["band"]["hit_rate"]))
    hr = acc["band"]["hit_rate"]
    tap.ok(0.70 <= hr <= 0.90,
           "the Monte Carlo p10-p90 band holds the actual in %d of %d "
           "back-tested periods (%.1f %%, wanted 70-90 %%)" % (
               acc["band"]["hits"], acc["band"]["dates"], 100 * hr))
    for k in ("historical", "montecarlo"):
        tap.ok(mape[k] <= 0.7 * mape["weighted"],
               "%s MAPE %.3f is at least 30%% lower than weighted's %.3f" %
               (k, mape[k], mape["weighted"]))

    # process calibrate prints the same suggestions
    pc = f.json("process", "calibrate")
    tap.ok([m["suggested"] for m in pc["milestones"]] ==
           [c["suggested"] for c in cal],
           "process calibrate suggests what the back-test does")
    # probability_of_target: the share of trials at or above the target
    tap.ok(all(p["montecarlo"]["probability_of_target"] is None
               for p in doc["periods"]), "no target: probability null")
    mc0 = doc["periods"][0]["montecarlo"]
    for amount, want in (("0", 1.0), ("999999999", 0.0)):
        f.run("target", "set", "--company", "2026-Q2", amount, check=True)
        d = f.json("report", "forecast", "--seed", "3")
        tap.ok(d["periods"][0]["montecarlo"]["probability_of_target"] ==
               want and d["periods"][0]["target"] == float(amount),
               "target %s: probability_of_target %.1f" % (amount, want))
    f.run("target", "set", "--company", "2026-Q2", "%.2f" % mc0["p50"],
          check=True)
    d = f.json("report", "forecast", "--seed", "3")
    pt = d["periods"][0]["montecarlo"]["probability_of_target"]
    tap.ok(0.45 <= pt <= 0.55,
           "target at the median: probability_of_target %.3f near 0.5" % pt)
    calls(tap, f, opps)
    apply(tap, f, opps)
    tap.done()


def apply(tap, f, opps):
    """8. process calibrate --apply: a dated change; figures as of an
    earlier day keep the probabilities they had."""
    old = f.json("report", "overall", "--as-of", "2026-04-15")
    sug = {m["milestone"]: m["suggested"]
           for m in f.json("process", "calibrate")["milestones"]}
    p = f.run("process", "calibrate", "--apply", check=True)
    changed = sum(1 for k in ORDER if round(sug[k], 4) != PROB[k])
    tap.ok("applied: %d milestone" % changed in p.stdout,
           "calibrate --apply changes the %d milestones whose interval "
           "excludes their probability" % changed, p.stdout[-200:])
    tap.ok(f.json("report", "overall", "--as-of", "2026-04-15") == old,
           "report overall as of 2026-04-15 is unchanged after --apply")
    new = {k: round(sug[k], 4) for k in ORDER}
    q0, q1 = quarter(D(TODAY))
    want = overall(opps, D(TODAY), q0, q1, new)["weighted"]
    got = f.json("report", "overall")["weighted"]
    tap.ok(abs(got - want) < 0.01,
           "as of today weighted uses the new probabilities: %.2f computed "
           "here" % want, "got %.2f" % got)
    show = f.run("process", "show", check=True).stdout
    tap.ok("milestone prove %g%%" % (100 * new["prove"]) in show,
           "process show has the new probability of prove", show[:300])
    again = f.run("process", "calibrate", "--apply", check=True).stdout
    tap.ok("applied: 0 milestone" in again,
           "a second --apply changes nothing")


def calls(tap, f, opps):
    """7. forecast calls: dated events, the latest of each rep as of T
    summed for the team, and the team's own adjustment, by hand."""
    f.run("call", "submit", "--owner", "rep1", "2026-Q2", "100000",
          "150000", "--date", "2026-05-01", check=True)
    f.run("call", "submit", "--owner", "rep2", "2026-q2", "50000", "80000",
          "--date", "2026-05-03", check=True)
    f.run("call", "adjust", "--owner", "rep1", "2026-Q2", "90000", "150000",
          "--note", "one deal slips", "--by", "mgr1", "--date",
          "2026-05-10", check=True)
    f.run("call", "adjust", "--team", "t1", "2026-Q2", "200000", "300000",
          "--note", "team view", "--by", "mgr1", "--date", "2026-05-12",
          check=True)
    lst = f.json("call", "list")
    tap.ok([c["kind"] for c in lst] == ["submit", "submit", "adjust",
                                        "adjust"] and
           lst[2]["by"] == "mgr1" and lst[2]["note"] == "one deal slips" and
           lst[3]["team"] == "t1" and lst[1]["period"] == "2026-Q2",
           "call list shows the four calls as given", lst)
    want = {  # as of: (calls commit, best case, reps, team call or None)
        "2026-05-02": (100000, 150000, 1, None),
        "2026-05-05": (150000, 230000, 2, None),
        "2026-05-11": (140000, 230000, 2, None),
        "2026-05-20": (140000, 230000, 2, (200000, 300000)),
    }
    for asof, (c, b, n, team) in sorted(want.items()):
        d = f.json("report", "forecast", "--team", "t1", "--as-of", asof,
                   "--trials", "100")
        p0 = d["periods"][0]
        got = p0["calls"]
        tc = p0["team_call"]
        tap.ok(got and (got["commit"], got["best_case"], got["reps"]) ==
               (c, b, n) and
               ((tc["commit"], tc["best_case"]) if tc else None) == team,
               "as of %s the team's calls roll up to %d / %d from %d "
               "reps, team call %s" % (asof, c, b, n, team),
               "got %s %s" % (got, tc))
    d = f.json("report", "forecast", "--owner", "rep1", "--trials", "100")
    tap.ok(d["periods"][0]["calls"]["commit"] == 90000 and
           d["periods"][0]["team_call"] is None,
           "rep1's own call is the adjusted one")
    txt = f.run("report", "forecast", "--team", "t1", "--trials", "100",
                check=True).stdout
    tap.ok("Forecast calls" in txt and "140,000.00" in txt,
           "the text shows the calls beside the methods")
    for args, what in (
            (("call", "submit", "--owner", "rep1", "2026-Q2", "10", "5"),
             "commit above best case"),
            (("call", "submit", "--owner", "rep1", "2026-Q2", "1", "5",
              "--date", "2026-06-01"), "a date after today"),
            (("call", "adjust", "--owner", "rep1", "2026-Q2", "1", "5"),
             "an adjustment without a note"),
            (("call", "submit", "--owner", "nobody", "2026-Q2", "1", "5"),
             "an unknown rep")):
        p = f.run(*args)
        tap.ok(p.returncode == 1, "call refuses %s (exit 1)" % what,
               p.stderr)
    tap.ok(len(f.json("call", "list")) == 4, "refused calls wrote nothing")

    # --save stores every method's figure per period; again replaces
    doc = f.json("report", "forecast", "--team", "t1", "--save", "--trials",
                 "300", "--seed", "5")
    f.json("report", "forecast", "--team", "t1", "--save", "--trials",
           "300", "--seed", "5")
    saved = f.json("forecast", "list")
    want = {}
    for p in doc["periods"]:
        for k in ("weighted", "commit", "best_case", "historical"):
            want[(p["period"], k)] = p[k]
        want[(p["period"], "montecarlo")] = p["montecarlo"]["mean"]
    got = {(x["period"], x["method"]): x["amount"] for x in saved
           if x.get("team") == "t1" and x["as_of"] == TODAY}
    tap.ok(len(saved) == 25 and set(got) == set(want) and
           all(abs(got[k] - want[k]) < 0.011 for k in want),
           "report forecast --save stored the 25 figures it showed, once",
           "%d rows" % len(saved))
    p = f.run("report", "overall", "--save")
    tap.ok(p.returncode == 1 and "--save" in p.stderr,
           "only report forecast takes --save")

    # the back-test holds rep3's call against what rep3 won, by hand
    f.run("call", "submit", "--owner", "rep3", "2026-Q1", "80000", "120000",
          "--date", "2026-02-10", check=True)
    q0, q1 = D("2026-01-01"), D("2026-03-31")
    won = sum(o.amount for o in opps if o.owner == "rep3" and
              (o.state(D(TODAY)) or [None])[0] == "won" and
              q0 <= o.state(D(TODAY))[3] <= q1)
    bt = f.json("report", "backtest", "--trials", "100")
    ppl = {p["owner"]: p for p in bt["people"]}
    e = 80000 - won
    tap.ok(set(ppl) == {"rep3"} and ppl["rep3"]["dates"] == 1 and
           abs(ppl["rep3"]["mean_error"] - e) < 0.01 and
           abs(ppl["rep3"]["mape"] - abs(e) / won) < 1e-9 and
           abs(ppl["rep3"]["bias"] - e / won) < 1e-9,
           "back-test: rep3's call (one dated date, 2026-02-15) against "
           "%.2f won: error %.2f" % (won, e), bt["people"])


if __name__ == "__main__":
    main()
