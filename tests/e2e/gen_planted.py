#!/usr/bin/env python3
"""gen_planted.py - a sales history in funnel's native CSV format with
problems planted on purpose, for the tests of `report diagnose` and
`report movement` (test_diagnose.py, test_movement.py).

    python3 gen_planted.py --out DIR [--seed N] [--today 2026-05-15]
                           [--no-plants] [--cut DATE]

The healthy company: eight reps in two teams, about two new opportunities
a day from 2024-01-01, each walking qualify -> develop -> prove -> propose
-> commit -> won with fixed chances (0.7 0.7 0.7 0.75 0.85, else lost)
and lognormal dwell times; every verifiable outcome checked on the day
its milestone is reached, a demo on the day prove is reached, every
account with a power sponsor among its contacts, close dates set far
enough out that they never slip by themselves (one in ten moves once),
and company targets per quarter at 80 % of what the flow wins.

The plants (all off with --no-plants), written to DIR/plants.json:
  weak_rep       rep3 converts at develop with chance 0.25, not 0.7
  bottleneck     deals entering propose from 2025-12-01 stay there 8x
                 longer: propose piles up beyond Little's law
  no_power_sponsor  6 deals of rep5 open in propose, at accounts with no
                 power sponsor contact, power-sponsor outcomes unchecked
  no_demo        5 deals of rep6 open in prove, without demo or presales
  stalled        5 deals of rep7 in develop for 150 days, due this quarter
  slipped        5 deals of rep8 in propose whose close date slipped 3x
  few_new        from 120 days before today, a quarter of the new deals

--cut DATE drops every row dated after DATE (opportunities created after
it, events, activities and outcome checks), so a test can build the
database "as it was" on DATE and compare reports as of DATE.
Amounts carry cents, so that sums are checked to the cent.
"""
import argparse
import csv
import datetime
import json
import math
import os
import random

OPEN = ["qualify", "develop", "prove", "propose", "commit"]
CONV = [0.70, 0.70, 0.70, 0.75, 0.85]
DWELL = [10, 15, 20, 15, 10]
OUTCOMES = {
    "qualify": ["prospect agreed to explore a need", "a contact is identified"],
    "develop": ["pain admitted by the customer",
                "sponsor agrees to a buying vision"],
    "prove": ["access to the power sponsor (decision maker) agreed",
              "evaluation plan agreed by the customer"],
    "propose": ["evaluation completed with the customer's approval",
                "proposal requested"],
    "commit": ["verbal approval from the power sponsor",
               "contract in legal/procurement review"],
    "won": ["signed contract or purchase order"],
}
REPS = ["rep%d" % i for i in range(1, 9)]
START = datetime.date(2024, 1, 1).toordinal()


def ds(o):
    return datetime.date.fromordinal(o).isoformat()


def quarter_of(o):
    d = datetime.date.fromordinal(o)
    return "%d-Q%d" % (d.year, (d.month - 1) // 3 + 1)


class Gen:
    def __init__(self, seed, today, plants):
        self.r = random.Random(seed)
        self.today = today
        self.plants = plants
        self.opps, self.events, self.acts, self.outs = [], [], [], []
        self.n = 0
        self.planted = {k: [] for k in (
            "no_power_sponsor", "no_demo", "stalled", "slipped")}

    def amount(self):
        return round(self.r.uniform(10000, 100000), 2)

    def new_opp(self, created, owner, account):
        self.n += 1
        oid = "P%05d" % self.n
        self.opps.append({"id": oid, "name": "Deal %d" % self.n,
                          "account": account, "created": ds(created),
                          "_created": created})
        return oid

    def ev(self, oid, day, field, value):
        self.events.append((day, len(self.events), oid, field, value))

    def enter(self, oid, day, ms, owner, skip=()):
        self.ev(oid, day, "milestone", ms)
        for o in OUTCOMES.get(ms, []):
            if o not in skip:
                self.outs.append((day, oid, ms, o))
        if ms == "prove" and "demo" not in skip:
            self.acts.append((day, oid, "demo", owner))
        if ms in OPEN:
            self.acts.append((day, oid, "call", owner))

    def life(self, created, owner, account):
        """One ordinary opportunity, walked until it closes or today."""
        r, T = self.r, self.today
        oid = self.new_opp(created, owner, account)
        amt = self.amount()
        self.ev(oid, created, "owner", owner)
        self.ev(oid, created, "amount", "%.2f" % amt)
        close = created + 200
        self.ev(oid, created, "close_date", ds(close))
        self.ev(oid, created, "category", "pipeline")
        day = created
        self.enter(oid, day, "qualify", owner)
        for k, ms in enumerate(OPEN):
            med = DWELL[k]
            if self.plants and ms == "propose" and day >= \
                    datetime.date(2025, 12, 1).toordinal():
                med *= 8
            dwell = max(1, int(round(med * math.exp(r.gauss(0, 0.3)))))
            nxt = day + dwell
            if ms == "develop" and r.random() < 0.10:
                mv = day + r.randint(1, dwell)
                if mv <= T and mv < nxt:
                    close = close + r.choice((60, -30))
                    self.ev(oid, mv, "close_date", ds(close))
            if ms == "propose" and r.random() < 0.30:
                mv = day + r.randint(0, dwell - 1) if dwell > 1 else day
                if mv <= T and mv < nxt:
                    amt = round(amt * r.uniform(0.8, 1.2), 2)
                    self.ev(oid, mv, "amount", "%.2f" % amt)
            if nxt > T:
                return
            p = CONV[k]
            if self.plants and owner == "rep3" and ms == "develop":
                p = 0.25
            if r.random() < p:
                day = nxt
                if k + 1 < len(OPEN):
                    self.enter(oid, day, OPEN[k + 1], owner)
                    if OPEN[k + 1] == "propose":
                        self.ev(oid, day, "category", "best_case")
                    if OPEN[k + 1] == "commit":
                        self.ev(oid, day, "category", "commit")
                else:
                    self.ev(oid, day, "close_date", ds(day))
                    self.enter(oid, day, "won", owner)
                    self.ev(oid, day, "category", "closed")
                    return
            else:
                day = nxt
                self.ev(oid, day, "close_date", ds(day))
                self.ev(oid, day, "milestone", "lost")
                self.ev(oid, day, "category", "closed")
                return

    def planted_opp(self, kind, owner, account, created, path, close,
                    skip=(), slips=()):
        """An open opportunity walked along path [(day, milestone)]."""
        oid = self.new_opp(created, owner, account)
        self.ev(oid, created, "owner", owner)
        self.ev(oid, created, "amount", "%.2f" % self.amount())
        self.ev(oid, created, "close_date", ds(close))
        self.ev(oid, created, "category", "pipeline")
        for day, ms in path:
            self.enter(oid, day, ms, owner, skip)
        for day, c in slips:
            self.ev(oid, day, "close_date", ds(c))
        self.planted[kind].append(oid)

    def run(self):
        r, T = self.r, self.today
        accounts = ["A%03d" % i for i in range(1, 61)]
        day = START
        while day <= T:
            rate = 2.0
            if self.plants and day > T - 120:
                rate = 0.5
            k = poisson(r, rate)
            for _ in range(k):
                self.life(day, r.choice(REPS), r.choice(accounts))
            day += 1
        if not self.plants:
            return accounts, []
        q_end = quarter_end(T)
        nops = ["N%02d" % i for i in range(1, 5)]
        for i in range(6):
            c = T - 70 - i
            self.planted_opp(
                "no_power_sponsor", "rep5", nops[i % 4], c,
                [(c, "qualify"), (c + 10, "develop"), (c + 25, "prove"),
                 (c + 45, "propose")], q_end - 10,
                skip=("access to the power sponsor (decision maker) agreed",))
        for i in range(5):
            c = T - 50 - i
            self.planted_opp("no_demo", "rep6", accounts[i], c,
                             [(c, "qualify"), (c + 10, "develop"),
                              (c + 25, "prove")], q_end - 5,
                             skip=("demo",))
        for i in range(5):
            c = T - 165 - i
            self.planted_opp("stalled", "rep7", accounts[10 + i], c,
                             [(c, "qualify"), (c + 12, "develop")],
                             q_end - 3)
        for i in range(5):
            c = T - 80 - i
            self.planted_opp("slipped", "rep8", accounts[20 + i], c,
                             [(c, "qualify"), (c + 10, "develop"),
                              (c + 25, "prove"), (c + 40, "propose")],
                             T - 40,
                             slips=((T - 40, T - 10), (T - 10, T + 20),
                                    (T - 2, T + 30)))
        return accounts, nops


def poisson(r, lam):
    k, p, L = 0, 1.0, math.exp(-lam)
    while True:
        p *= r.random()
        if p <= L:
            return k
        k += 1


def quarter_end(o):
    d = datetime.date.fromordinal(o)
    qm = (d.month - 1) // 3 * 3 + 4
    y = d.year + (qm - 1) // 12
    qm = (qm - 1) % 12 + 1
    return datetime.date(y, qm, 1).toordinal() - 1


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-05-15")
    ap.add_argument("--no-plants", action="store_true")
    ap.add_argument("--cut")
    a = ap.parse_args()
    today = datetime.date.fromisoformat(a.today).toordinal()
    cut = datetime.date.fromisoformat(a.cut).toordinal() if a.cut else None
    g = Gen(a.seed, today, not a.no_plants)
    accounts, nops = g.run()
    os.makedirs(a.out, exist_ok=True)

    def keep(day):
        return cut is None or day <= cut

    write(os.path.join(a.out, "teams.csv"), ["id", "name", "manager"],
          [["ta", "Team A", "mgr-a"], ["tb", "Team B", "mgr-b"]])
    write(os.path.join(a.out, "users.csv"),
          ["id", "name", "email", "role", "team"],
          [["mgr-a", "Manager A", "", "manager", ""],
           ["mgr-b", "Manager B", "", "manager", ""]] +
          [[u, "Rep %s" % u[3:], "", "rep", "ta" if i < 4 else "tb"]
           for i, u in enumerate(REPS)])
    write(os.path.join(a.out, "accounts.csv"), ["id", "name", "sector"],
          [[x, "Account " + x, "tech"] for x in accounts + nops])
    contacts = []
    for x in accounts:
        contacts.append(["C" + x + "p", x, "PS " + x, "", "power_sponsor"])
        contacts.append(["C" + x + "s", x, "S " + x, "", "sponsor"])
    for x in nops:
        contacts.append(["C" + x + "s", x, "S " + x, "", "sponsor"])
    write(os.path.join(a.out, "contacts.csv"),
          ["id", "account", "name", "email", "buying_role"], contacts)
    opps = [o for o in g.opps if keep(o["_created"])]
    write(os.path.join(a.out, "opportunities.csv"),
          ["id", "name", "account", "created"],
          [[o["id"], o["name"], o["account"], o["created"]] for o in opps])
    evs = sorted(e for e in g.events if keep(e[0]))
    write(os.path.join(a.out, "events.csv"),
          ["opportunity", "date", "field", "value"],
          [[e[2], ds(e[0]), e[3], e[4]] for e in evs])
    write(os.path.join(a.out, "activities.csv"),
          ["opportunity", "date", "kind", "user"],
          [[x[1], ds(x[0]), x[2], x[3]] for x in sorted(g.acts)
           if keep(x[0])])
    write(os.path.join(a.out, "outcomes.csv"),
          ["opportunity", "milestone", "outcome", "date"],
          [[x[1], x[2], x[3], ds(x[0])] for x in sorted(g.outs)
           if keep(x[0])])
    # targets: 80 % of what the healthy flow wins in a quarter
    # (2 a day x 91 days x win chance x mean amount 55,000)
    win = 1.0
    for p in CONV:
        win *= p
    tq = round(0.8 * 2 * 91 * win * 55000, 2)
    qs = []
    d = START
    while d <= today + 400:
        q = quarter_of(d)
        if q not in qs:
            qs.append(q)
        d += 28
    write(os.path.join(a.out, "targets.csv"), ["scope", "period", "amount"],
          [["company", q, "%.2f" % tq] for q in qs])
    with open(os.path.join(a.out, "plants.json"), "w") as f:
        json.dump({"plants": not a.no_plants, "today": a.today,
                   "weak_rep": ["rep3", "develop"] if not a.no_plants else
                   None, "bottleneck": "propose" if not a.no_plants else
                   None, **g.planted}, f, indent=1)


if __name__ == "__main__":
    main()
