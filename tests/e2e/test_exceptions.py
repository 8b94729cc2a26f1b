#!/usr/bin/env python3
"""test_exceptions.py - `funnel report exceptions` and `funnel rule`: each
rule is triggered by a case built for it and not triggered by a case
just inside its threshold; a changed threshold changes the result and
survives a restart (every command is a new process); a rule turned off
finds nothing; exceptions are ordered by money at stake, with the owner
and the money; overdue coaching follow-ups are exceptions; both forms.
Expected sets are written by hand from the cases below.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

T = "2026-05-15"
OUT = {
    "qualify": ["prospect agreed to explore a need",
                "a contact is identified"],
    "develop": ["pain admitted by the customer",
                "sponsor agrees to a buying vision"],
    "prove": ["access to the power sponsor (decision maker) agreed",
              "evaluation plan agreed by the customer"],
}
ORDER = ["qualify", "develop", "prove"]


class Cases:
    def __init__(self):
        self.opps, self.ev, self.act, self.out = [], [], [], []

    def opp(self, oid, owner="r1", created="2026-05-10", amount="1000.00",
            close="2026-06-30", path=(("2026-05-10", "qualify"),),
            activity="2026-05-14", skip=(), extra=()):
        self.opps.append([oid, "Deal " + oid, "acc1", created])
        self.ev += [[oid, created, "owner", owner],
                    [oid, created, "amount", amount],
                    [oid, created, "close_date", close]]
        for d, ms in path:
            self.ev.append([oid, d, "milestone", ms])
            if ms in OUT:
                for k in ORDER[:ORDER.index(ms) + 1]:
                    for o in OUT[k]:
                        if o not in skip:
                            self.out.append([oid, k, o, d])
        self.ev += [[oid] + list(e) for e in extra]
        if activity:
            self.act.append([oid, activity, "call", owner])

    def write(self, d):
        def w(name, header, rows):
            with open(os.path.join(d, name), "w", newline="") as f:
                c = csv.writer(f)
                c.writerow(header)
                c.writerows(rows)
        w("teams.csv", ["id", "name", "manager"], [["t1", "Team", "mgr"]])
        w("users.csv", ["id", "name", "email", "role", "team"],
          [["mgr", "Manager", "", "manager", ""]] +
          [[u, u, "", "rep", "t1"] for u in ("hist", "r1", "r2", "r3")])
        w("accounts.csv", ["id", "name", "sector"], [["acc1", "A", "x"]])
        w("opportunities.csv", ["id", "name", "account", "created"],
          self.opps)
        # dedupe outcome checks (one per opportunity and outcome)
        seen, outs = set(), []
        for r in self.out:
            if (r[0], r[2]) not in seen:
                seen.add((r[0], r[2]))
                outs.append(r)
        w("events.csv", ["opportunity", "date", "field", "value"],
          sorted(self.ev, key=lambda e: (e[0], e[1])))
        w("activities.csv", ["opportunity", "date", "kind", "user"],
          self.act)
        w("outcomes.csv", ["opportunity", "milestone", "outcome", "date"],
          outs)
        w("targets.csv", ["scope", "period", "amount"],
          [["user:r2", "2026-Q2", "10000.00"],
           ["user:r3", "2026-Q2", "10000.00"],
           ["team:t1", "2026-Q2", "1000000.00"]])
        return ["users.csv", "teams.csv", "accounts.csv",
                "opportunities.csv", "events.csv", "activities.csv",
                "outcomes.csv", "targets.csv"]


def build():
    c = Cases()
    # history: ten deals of "hist" with 10 days in qualify and 5 in
    # develop, exits inside the window: p80 dwell 10 and 5 days
    for i in range(10):
        d0 = "2025-06-%02d" % (i + 1)
        d1 = "2025-06-%02d" % (i + 11)
        d2 = "2025-06-%02d" % (i + 16)
        c.opp("H%02d" % i, owner="hist", created=d0,
              path=((d0, "qualify"), (d1, "develop"), (d2, "lost")),
              activity=d0)
    c.opp("BASE")                                   # nothing to say
    c.opp("S1", created="2026-05-04", path=(("2026-05-04", "qualify"),))
    c.opp("S0", created="2026-05-05", path=(("2026-05-05", "qualify"),))
    c.opp("P1", close="2026-05-14")
    c.opp("P0", close="2026-05-15")
    c.opp("L2", close="2026-06-01",
          extra=(("2026-05-11", "close_date", "2026-06-10"),
                 ("2026-05-12", "close_date", "2026-06-20")))
    c.opp("L1", close="2026-06-01",
          extra=(("2026-05-11", "close_date", "2026-06-10"),))
    c.opp("O1", close="2026-06-20",
          extra=(("2026-05-12", "close_date", "2026-07-15"),))
    c.opp("O0", close="2026-06-20",
          extra=(("2026-05-12", "close_date", "2026-06-30"),))
    c.opp("N1", created="2026-04-01", activity="2026-04-14",
          path=(("2026-04-01", "qualify"), ("2026-05-14", "develop")))
    c.opp("N0", created="2026-04-01", activity="2026-04-15",
          path=(("2026-04-01", "qualify"), ("2026-05-14", "develop")))
    c.opp("M1", skip=("a contact is identified",))
    c.opp("M2", skip=("a contact is identified",
                      "prospect agreed to explore a need"))
    c.opp("A1", created="2026-05-08", path=(("2026-05-08", "qualify"),),
          extra=(("2026-05-12", "amount", "790.00"),))
    c.opp("A0", created="2026-05-08", path=(("2026-05-08", "qualify"),),
          extra=(("2026-05-12", "amount", "800.00"),))
    c.opp("G1", amount="50000.00")
    c.opp("G0", amount="49999.99")
    c.opp("G2", amount="60000.00", path=(("2026-05-10", "qualify"),
                                         ("2026-05-12", "prove")))
    c.opp("G3", amount="60000.00", close="2026-07-15")
    c.opp("R2", owner="r2", amount="29999.99")
    c.opp("R3", owner="r3", amount="30000.00")
    fu = Funnel()
    fu.run("init", check=True)
    files = c.write(fu.dir)
    fu.run("import", "--format", "native",
           *[os.path.join(fu.dir, f) for f in files], check=True)
    os.environ["FUNNEL_TODAY"] = T
    fu.run("coach", "log", "add", "--rep", "r1", "--focus", "G1",
           "--actions", "agree the evaluation plan", "--date", "2026-05-01",
           "--follow-up", "2026-05-14", check=True)
    fu.run("coach", "log", "add", "--rep", "r2", "--focus", "qualifying",
           "--actions", "x", "--date", "2026-05-01", "--follow-up",
           "2026-05-15", check=True)
    fu.run("coach", "log", "add", "--rep", "r3", "--focus", "closing",
           "--actions", "x", "--date", "2026-05-01", "--follow-up",
           "2026-05-10", check=True)
    fu.run("coach", "log", "add", "--rep", "r3", "--focus", "closing",
           "--actions", "met", "--date", "2026-05-12", check=True)
    return fu


def by_rule(doc):
    got = {}
    for e in doc["exceptions"]:
        got.setdefault(e["rule"], set()).add(
            e["opportunity"] or e["owner"] or "company")
    return got


def main():
    t = Tap()
    fu = build()
    doc = fu.json("report", "exceptions", "--as-of", T)
    got = by_rule(doc)
    want = {
        "stalled": {"S1"},
        "past_due": {"P1"},
        "slipped": {"L2"},
        "slipped_out": {"O1"},
        "no_activity": {"N1"},
        "missing_outcomes": {"M1", "M2"},
        "amount_cut": {"A1"},
        "large_early": {"G1"},
        "coverage": {"r2", "mgr", "company"},
        "follow_up": {"G1"},
    }
    inside = {"stalled": "S0 (10 days, p80 10)", "past_due": "P0 (due "
              "today)", "slipped": "L1 (one slip)", "slipped_out": "O0 "
              "(moved inside the quarter)", "no_activity": "N0 (30 days)",
              "missing_outcomes": "BASE (none missing)", "amount_cut":
              "A0 (cut 20.0 %)", "large_early": "G0 (49,999.99), G2 "
              "(prove), G3 (next quarter)", "coverage": "r3 (3.00x)",
              "follow_up": "r2's (due today), r3's (met by a later "
              "session)"}
    for rule, exp in want.items():
        t.ok(got.get(rule, set()) == exp, "rule %s: triggered by %s, not "
             "by %s" % (rule, sorted(exp), inside[rule]),
             "got %s" % sorted(got.get(rule, set())))
    ex = doc["exceptions"]
    money = [e["money_at_stake"] for e in ex]
    t.ok(money == sorted(money, reverse=True), "ordered by money at stake")
    p1 = [e for e in ex if e["rule"] == "past_due"][0]
    t.ok(p1["owner"] == "r1" and p1["money_at_stake"] == 1000.0 and
         p1["value"] == 1 and p1["threshold"] == 0 and
         p1["figure"] == "days_past_due" and "2026-05-14" in p1["why"],
         "past_due P1: owner r1, 1,000.00 at stake, 1 day past due over "
         "threshold 0, why names the date", p1)
    s1 = [e for e in ex if e["rule"] == "stalled"][0]
    t.ok(s1["value"] == 11 and s1["threshold"] == 10 and
         s1["milestone"] == "qualify", "stalled S1: 11 days in qualify "
         "against threshold 1 x p80 dwell 10", s1)
    cov = [e for e in ex if e["rule"] == "coverage" and
           e["owner"] == "r2"][0]
    t.ok(abs(cov["value"] - 29999.99 / 10000) < 1e-9 and
         abs(cov["money_at_stake"] - 0.01) < 1e-9,
         "coverage r2: 2.999999x, at stake 3 x 10,000 - 29,999.99 = 0.01",
         cov)
    # the team: its own target, its pipeline summed here from the cases
    # (open, owned by r1..r3, effective close date in 2026-Q2)
    pipe = 0.0
    with open(os.path.join(fu.dir, "opportunities.csv")) as f:
        ids = [r["id"] for r in csv.DictReader(f)]
    evs = list(csv.DictReader(open(os.path.join(fu.dir, "events.csv"))))
    for i in ids:
        mine = [e for e in evs if e["opportunity"] == i]
        owner = [e["value"] for e in mine if e["field"] == "owner"][-1]
        amt = float([e["value"] for e in mine if e["field"] == "amount"][-1])
        close = [e["value"] for e in mine if e["field"] == "close_date"][-1]
        ms = [e["value"] for e in mine if e["field"] == "milestone"][-1]
        close = max(close, T)
        if owner != "hist" and ms not in ("won", "lost") and \
                "2026-04-01" <= close <= "2026-06-30":
            pipe += amt
    tc = [e for e in ex if e["rule"] == "coverage" and e["team"] == "t1"]
    t.ok(len(tc) == 1 and tc[0]["owner"] == "mgr" and
         abs(tc[0]["value"] - pipe / 1000000) < 1e-9 and
         abs(tc[0]["money_at_stake"] - (3000000 - pipe)) < 0.01,
         "coverage of team t1: pipeline %.2f / gap 1,000,000, at stake "
         "3 x gap - pipeline, named by its manager" % pipe, tc)
    co = [e for e in ex if e["rule"] == "coverage" and not e["owner"]]
    tgt = fu.json("report", "overall", "--as-of", T)["target"]
    t.ok(len(co) == 1 and abs(co[0]["value"] - pipe / tgt) < 1e-9,
         "coverage of the company: pipeline / its target %.2f" % tgt, co)
    fo = [e for e in ex if e["rule"] == "follow_up"][0]
    t.ok(fo["owner"] == "r1" and fo["money_at_stake"] == 50000.0 and
         fo["date"] == "2026-05-14", "follow_up: r1's session on G1, due "
         "2026-05-14, 50,000.00 at stake", fo)
    m2 = [e for e in ex if e["rule"] == "missing_outcomes" and
          e["opportunity"] == "M2"][0]
    t.ok(m2["value"] == 2 and "a contact is identified" in m2["missing"],
         "missing_outcomes M2: 2 missing, named", m2)
    t.ok(abs(doc["money_at_stake"] - sum(money)) < 0.01,
         "money_at_stake is the sum of the exceptions'")

    def risks(oid):
        a = fu.json("opp", "show", oid, "--as-of", T)["analysis"]
        return {r["risk"]: r for r in a["risks"]}
    r0 = risks("N1")
    t.ok("no_recent_activity" in r0 and
         r0["no_recent_activity"]["threshold"] == 30,
         "opp show N1: no recent activity against the rule set's 30 days")

    def diag_slipped():
        d = fu.json("report", "diagnose", "--as-of", T)
        return sorted(o["id"] for f in d["findings"]
                      if f["kind"] == "slipped" for o in f["opportunities"])
    t.ok(diag_slipped() == ["L2"], "diagnose: slipped L2 (the rule set's "
         "2 slips)", diag_slipped())
    fu.run("rule", "set", "slipped", "1", check=True)
    # one slip each: L1, O0 and O1 too (O1 now closes after the period,
    # which diagnose's time check leaves out)
    t.ok(diag_slipped() == ["L1", "L2", "O0"] and
         by_rule(fu.json("report", "exceptions", "--as-of", T))
         ["slipped"] == {"L1", "L2", "O0", "O1"},
         "rule set slipped 1: diagnose finds L1, L2, O0; exceptions also "
         "O1 (due after the period)", diag_slipped())
    fu.run("rule", "set", "slipped", "2", check=True)

    # thresholds change the result, and survive a restart
    r = fu.run("rule", "set", "missing_outcomes", "2")
    t.ok(r.returncode == 0, "rule set missing_outcomes 2", r.stderr)
    fu.run("rule", "set", "stalled", "1.2", check=True)
    fu.run("rule", "set", "no_activity", "31", check=True)
    fu.run("rule", "off", "past_due", check=True)
    doc2 = fu.json("report", "exceptions", "--as-of", T)
    got2 = by_rule(doc2)
    t.ok(got2.get("missing_outcomes") == {"M2"},
         "missing_outcomes at 2: only M2", got2.get("missing_outcomes"))
    t.ok("stalled" not in got2, "stalled at 1.2 x p80 (12 days): S1's 11 "
         "days no longer", got2.get("stalled"))
    t.ok("no_activity" not in got2, "no_activity at 31 days: N1's 31 "
         "days no longer")
    t.ok("past_due" not in got2, "past_due off: nothing")
    t.ok("no_recent_activity" not in risks("N1"), "opp show N1 uses the "
         "same rule set: at 31 days, no risk")
    rules = {r["name"]: r for r in fu.json("rule", "list")}
    t.ok(rules["missing_outcomes"]["threshold"] == 2 and
         rules["stalled"]["threshold"] == 1.2 and
         not rules["past_due"]["enabled"] and rules["past_due"]["changed"]
         and rules["coverage"]["threshold"] == 3 and
         not rules["coverage"]["changed"],
         "rule list (a new process) shows the stored thresholds")
    r = fu.run("rule", "off", "past_due")
    t.ok(r.returncode == 1 and "off already" in r.stderr,
         "rule off twice: a conflict, exit 1", r.stderr)
    r = fu.run("rule", "set", "nonsense", "1")
    t.ok(r.returncode == 1 and "stalled" in r.stderr,
         "unknown rule: exit 1, the message lists the rules")
    fu.run("rule", "set", "past_due", "0", check=True)
    got3 = by_rule(fu.json("report", "exceptions", "--as-of", T))
    t.ok(got3.get("past_due") == {"P1"}, "rule set turns past_due on "
         "again")

    # one owner; both forms
    one = fu.json("report", "exceptions", "--as-of", T, "--owner", "r2")
    t.ok(all(e["owner"] == "r2" for e in one["exceptions"]) and
         {e["rule"] for e in one["exceptions"]} == {"coverage"},
         "--owner r2: only r2's coverage")
    p = fu.run("report", "exceptions", "--as-of", T)
    t.ok(p.returncode == 0 and "past_due" in p.stdout and "P1" in p.stdout
         and "OWNER" in p.stdout, "terminal table lists rule, owner, "
         "opportunity", p.stdout[:300] + p.stderr)
    p = fu.run("report", "exceptions", "--as-of", T, "--lang", "zh")
    t.ok(p.returncode == 0 and "例外事项" in p.stdout,
         "in Chinese: 例外事项", p.stdout[:300])
    log = fu.json("coach", "log", "list", "--rep", "r3")
    t.ok(len(log) == 2 and log[0]["follow_up"] == "2026-05-10" and
         log[1]["actions"] == "met", "coach log list --rep r3: 2 sessions")
    r = fu.run("coach", "log", "add", "--rep", "r1", "--focus", "nosuch",
               "--actions", "x")
    t.ok(r.returncode != 0, "coach log add: a focus that is neither a "
         "skill nor an opportunity is refused", r.stderr)

    # report rep: one page
    rp = fu.json("report", "rep", "--as-of", T, "--owner", "r2")
    ov = rp["overall"]
    t.ok(ov["target"] == 10000.0 and ov["won"] == 0 and
         ov["pipeline"] == 29999.99 and abs(ov["weighted"] - 3000.0) < 0.01
         and ov["attainment"] == 0 and
         abs(ov["coverage"] - 2.999999) < 1e-9 and
         abs(ov["forecast_attainment"] - 0.3) < 1e-6,
         "report rep r2: target 10,000, pipeline 29,999.99, weighted "
         "29,999.99 x 10 % = 3,000.00, attainment 0, coverage 2.999999",
         ov)
    t.ok({e["rule"] for e in rp["exceptions"]} == {"coverage"} and
         len(rp["funnel"]) == 5 and rp["rep"] == "r2",
         "report rep r2: its exceptions, its five milestones")
    t.ok(len(rp["coaching"]) == 1 and rp["coaching"][0]["open"] and
         rp["coaching"][0]["due"] and rp["open_follow_ups"] ==
         [rp["coaching"][0]["id"]], "report rep r2: the session with its "
         "follow-up due today, open", rp["coaching"])
    r3 = fu.json("report", "rep", "--as-of", T, "--owner", "r3")
    t.ok(len(r3["coaching"]) == 2 and not r3["coaching"][0]["open"] and
         r3["open_follow_ups"] == [], "report rep r3: the follow-up met by "
         "the later session is not open")
    p = fu.run("report", "rep", "--as-of", T, "--owner", "r1")
    t.ok(p.returncode == 0 and "follow_up" in p.stdout and
         "agree the evaluation plan" in p.stdout,
         "report rep r1 table: its overdue follow-up and its coaching "
         "history", p.stdout[-600:] + p.stderr)
    p = fu.run("report", "rep", "--as-of", T)
    t.ok(p.returncode == 1 and "--owner" in p.stderr,
         "report rep without --owner: exit 1, asks for --owner")
    t.done()


if __name__ == "__main__":
    main()
