#!/usr/bin/env python3
"""gen_known.py - opportunities from a known sales process, in funnel's
native CSV format, for the forecast and back-test tests (test_forecast.py).

The process is the default one (qualify, develop, prove, propose, commit).
Each opportunity is created in qualify; in each open milestone s it stays a
geometric number of days (mean DWELL[s], at least 1: memoryless, so the
chance of what happens next does not depend on the age in s), then moves to
the next milestone (or to won after commit) with probability CONV[s], else
to lost. So the true win probability from s is the product of CONV from s
on (TRUE_WIN below), and differs from the default probabilities
(10/25/50/75/90 %) on purpose. The rep's expected close date is set at
every milestone entry to the entry day plus 10..50 days (optimistic), and on
closing to the closing day. Category: pipeline, best_case from propose,
commit from commit.

  gen_known.py --out DIR [--seed N] [--start 2023-01-01] [--today 2026-05-20]
               [--per-day 3] [--cutoff D] [--open N]

--cutoff D drops every row dated after D (the history as it was known on
D). Writes users.csv, teams.csv, opportunities.csv, events.csv and
truth.json (the true probabilities and dwells).
"""
import argparse
import csv
import datetime
import json
import os
import random

MS = ["qualify", "develop", "prove", "propose", "commit"]
CONV = [0.5, 0.6, 0.6, 0.7, 0.8]
DWELL = [20.0, 25.0, 30.0, 20.0, 15.0]
REPS = ["rep1", "rep2", "rep3", "rep4"]


def true_win():
    out = []
    for i in range(len(MS)):
        p = 1.0
        for c in CONV[i:]:
            p *= c
        out.append(p)
    return out


TRUE_WIN = true_win()


def geometric(rng, mean):
    """Days >= 1 with the given mean (geometric on 1, 2, ...)."""
    p = 1.0 / mean
    n = 1
    while rng.random() >= p:
        n += 1
    return n


def day(d):
    return d.isoformat()


def generate(seed, start, today, per_day):
    """Every opportunity as (id, owner, amount, created, [(date, field,
    value)]) with all its events, those after today dropped."""
    rng = random.Random(seed)
    opps = []
    d = start
    k = 0
    while d <= today:
        # a Poisson number of new opportunities a day
        n = 0
        x = rng.random()
        import math
        p = math.exp(-per_day)
        c = p
        while x > c:
            n += 1
            p *= per_day / n
            c += p
        for _ in range(n):
            k += 1
            oid = "k%05d" % k
            owner = REPS[rng.randrange(len(REPS))]
            amount = rng.randrange(50, 501) * 100
            ev = []
            t = d
            close = t + datetime.timedelta(days=rng.randrange(10, 51))
            ev.append((t, "milestone", "qualify"))
            ev.append((t, "close_date", day(close)))
            for i, name in enumerate(MS):
                if i > 0:
                    ev.append((t, "milestone", name))
                    close = t + datetime.timedelta(
                        days=rng.randrange(10, 51))
                    ev.append((t, "close_date", day(close)))
                    if name == "propose":
                        ev.append((t, "category", "best_case"))
                    if name == "commit":
                        ev.append((t, "category", "commit"))
                t = t + datetime.timedelta(days=geometric(rng, DWELL[i]))
                if rng.random() >= CONV[i]:
                    ev.append((t, "close_date", day(t)))
                    ev.append((t, "milestone", "lost"))
                    break
            else:
                ev.append((t, "close_date", day(t)))
                ev.append((t, "milestone", "won"))
            opps.append((oid, owner, amount, d, ev))
        d += datetime.timedelta(days=1)
    return opps


def extra_open(seed, today, n):
    """n opportunities open at today, each in a milestone it entered on a
    random day of the last 60."""
    rng = random.Random(seed + 1)
    out = []
    for k in range(n):
        created = today - datetime.timedelta(days=rng.randrange(0, 60))
        i = rng.randrange(len(MS))
        close = created + datetime.timedelta(days=rng.randrange(10, 120))
        ev = [(created, "milestone", "qualify"),
              (created, "close_date", day(close))]
        if i:
            ev.append((created, "milestone", MS[i]))
        out.append(("x%06d" % k, REPS[k % len(REPS)],
                    rng.randrange(50, 501) * 100, created, ev))
    return out


def write(out, opps, today):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "users.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "email", "role", "team"])
        w.writerow(["mgr1", "Mara Manager", "mara@example.com", "manager",
                    ""])
        for r in REPS:
            w.writerow([r, r, r + "@example.com", "rep", "t1"])
    with open(os.path.join(out, "teams.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "manager"])
        w.writerow(["t1", "Team One", "mgr1"])
    with open(os.path.join(out, "opportunities.csv"), "w", newline="") as f, \
            open(os.path.join(out, "events.csv"), "w", newline="") as g:
        w = csv.writer(f)
        v = csv.writer(g)
        w.writerow(["id", "name", "account", "created", "owner", "milestone",
                    "amount", "close_date", "category"])
        v.writerow(["opportunity", "date", "field", "value", "note"])
        for oid, owner, amount, created, ev in opps:
            if created > today:
                continue
            # the first milestone and close date go on the row
            w.writerow([oid, "Deal " + oid, "", day(created), owner,
                        ev[0][2], amount, ev[1][2], "pipeline"])
            for t, field, value in ev[2:]:
                if t > today:
                    break
                v.writerow([oid, day(t), field, value, ""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", default="2023-01-01")
    ap.add_argument("--today", default="2026-05-20")
    ap.add_argument("--per-day", type=float, default=3.0)
    ap.add_argument("--cutoff")
    ap.add_argument("--open", type=int, default=0,
                    help="add this many open opportunities, created in the "
                    "last 60 days in a random milestone (make bench)")
    a = ap.parse_args()
    start = datetime.date.fromisoformat(a.start)
    today = datetime.date.fromisoformat(a.today)
    if a.cutoff:
        today = min(today, datetime.date.fromisoformat(a.cutoff))
    opps = generate(a.seed, start, datetime.date.fromisoformat(a.today),
                    a.per_day)
    if a.open:
        opps += extra_open(a.seed, today, a.open)
    write(a.out, opps, today)
    with open(os.path.join(a.out, "truth.json"), "w") as f:
        json.dump({"milestones": MS, "conversion": CONV, "dwell": DWELL,
                   "win_from": TRUE_WIN}, f, indent=1)


if __name__ == "__main__":
    main()
