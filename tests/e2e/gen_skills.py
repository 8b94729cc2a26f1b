#!/usr/bin/env python3
"""gen_skills.py - a small sales history in funnel's native CSV format with
skill gaps planted on purpose, for the tests of `report coach`
(test_coach.py).

    python3 gen_skills.py --out DIR [--seed N] [--no-plants] [--deals N]

Six reps in one team, N deals each (default 150) created from 2025-04-01
to 2026-02-28 (inside the default window as of 2026-05-15), each walking
qualify -> develop -> prove -> propose -> commit -> won with the chances
0.6 0.7 0.7 0.75 0.85 (else lost) and dwell times of 3 to 12 days.

Four open deals a rep created from 2026-04-20, due 2026-06-15, feed the
agenda of key opportunities (they exit nothing inside the window).

The plants (all off with --no-plants), written to DIR/plants.json:
  rep2   weak at develop: converts with chance 0.30, not 0.70
  rep4   weak at propose: converts with chance 0.30, not 0.75
  rep5   strong: 0.90 at every milestone (must not be named)
"""
import argparse
import csv
import datetime
import json
import os
import random

OPEN = ["qualify", "develop", "prove", "propose", "commit"]
CONV = [0.60, 0.70, 0.70, 0.75, 0.85]
REPS = ["rep%d" % i for i in range(1, 7)]
PLANTS = {"rep2": {"develop": 0.30}, "rep4": {"propose": 0.30},
          "rep5": {m: 0.90 for m in OPEN}}
START = datetime.date(2025, 4, 1).toordinal()
END = datetime.date(2026, 2, 28).toordinal()


def ds(o):
    return datetime.date.fromordinal(o).isoformat()


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deals", type=int, default=150)
    ap.add_argument("--no-plants", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    opps, events = [], []
    n = 0
    for rep in REPS:
        for _ in range(a.deals):
            n += 1
            oid = "S%05d" % n
            day = r.randint(START, END)
            opps.append([oid, "Deal %d" % n, "acc1", ds(day)])
            events.append([oid, ds(day), "owner", rep])
            events.append([oid, ds(day), "amount",
                           "%.2f" % round(r.uniform(5000, 50000), 2)])
            events.append([oid, ds(day), "close_date", ds(day + 120)])
            events.append([oid, ds(day), "milestone", "qualify"])
            for k, ms in enumerate(OPEN):
                p = CONV[k]
                if not a.no_plants:
                    p = PLANTS.get(rep, {}).get(ms, p)
                day += r.randint(3, 12)
                if r.random() < p:
                    nxt = OPEN[k + 1] if k + 1 < len(OPEN) else "won"
                    events.append([oid, ds(day), "milestone", nxt])
                    if nxt == "won":
                        break
                else:
                    events.append([oid, ds(day), "milestone", "lost"])
                    break
    # open deals for the agenda: four a rep, created after the window,
    # still open on 2026-05-15, due 2026-06-15
    for rep in REPS:
        for j in range(4):
            n += 1
            oid = "S%05d" % n
            day = datetime.date(2026, 4, 20).toordinal() + r.randint(0, 10)
            opps.append([oid, "Deal %d" % n, "acc1", ds(day)])
            events.append([oid, ds(day), "owner", rep])
            events.append([oid, ds(day), "amount",
                           "%.2f" % round(r.uniform(5000, 50000), 2)])
            events.append([oid, ds(day), "close_date", "2026-06-15"])
            events.append([oid, ds(day), "milestone", "qualify"])
            if j % 2:
                events.append([oid, ds(day + 3), "milestone", "develop"])
    os.makedirs(a.out, exist_ok=True)
    write(os.path.join(a.out, "teams.csv"), ["id", "name", "manager"],
          [["t1", "Team 1", "mgr"]])
    write(os.path.join(a.out, "users.csv"),
          ["id", "name", "email", "role", "team"],
          [["mgr", "Manager", "", "manager", ""]] +
          [[u, "Rep " + u[3:], "", "rep", "t1"] for u in REPS])
    write(os.path.join(a.out, "accounts.csv"), ["id", "name", "sector"],
          [["acc1", "Account 1", "tech"]])
    write(os.path.join(a.out, "opportunities.csv"),
          ["id", "name", "account", "created"], opps)
    write(os.path.join(a.out, "events.csv"),
          ["opportunity", "date", "field", "value"], events)
    with open(os.path.join(a.out, "plants.json"), "w") as f:
        json.dump({"weak": [] if a.no_plants else
                   [["rep2", "develop", "developing needs"],
                    ["rep4", "propose", "proposing"]],
                   "strong": None if a.no_plants else "rep5"}, f)


if __name__ == "__main__":
    main()
