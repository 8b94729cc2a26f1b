#!/usr/bin/env python3
"""ref_movement.py - an independent, plain computation of the `movement`
figure (PRODUCT.md; docs/definitions.md "Movement") from funnel's native
CSV files (what gen_planted.py writes and `funnel export --format csv`
writes): users.csv, teams.csv, opportunities.csv, events.csv, rates.csv.
It shares no code with funnel; test_movement.py compares the two.

    movement(dir, A, B, period, team=None, owner=None, currency="USD")
      -> {term: (cents, {opportunity id: cents})}

Dates "YYYY-MM-DD", period "2026-Q2" (fiscal year = calendar year).
Every amount is converted at the rate in force on B (the latest rate dated
on or before B, else the earliest), rounded half away from zero to cents.
"""
import csv
import datetime
import math
import os
import sys
from decimal import Decimal

OPEN = {"qualify", "develop", "prove", "propose", "commit"}
TERMS = ["start", "new", "pulled_in", "increased", "decreased", "pushed_out",
         "won", "lost", "other", "end"]


def rows(d, name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return []
    with open(p, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def period_days(p):
    y, q = p.split("-Q")
    y, q = int(y), int(q)
    m0 = 3 * (q - 1) + 1
    first = datetime.date(y, m0, 1)
    nxt = datetime.date(y + (m0 + 2) // 12, (m0 + 2) % 12 + 1, 1)
    return first.isoformat(), (nxt - datetime.timedelta(days=1)).isoformat()


def cents(s):
    return int((Decimal(s) * 100).to_integral_value())


def members(d, team, owner):
    """The user ids in scope (None: everyone)."""
    if owner:
        return {owner}
    if not team:
        return None
    users = rows(d, "users.csv")
    teams = rows(d, "teams.csv")
    team_of = {u["id"]: u.get("team", "") for u in users}
    parent = {t["id"]: team_of.get(t.get("manager", ""), "") for t in teams}

    def within(t):
        seen = 0
        while t and seen < 100:
            if t == team:
                return True
            t = parent.get(t, "")
            seen += 1
        return False
    return {u for u, t in team_of.items() if within(t)}


def state(evs, day):
    """The state after the events dated <= day: dict or None."""
    st = None
    for e in evs:
        if e["date"] > day:
            break
        if st is None:
            st = {"ms": None, "amount": 0, "close": None, "owner": None}
        f, v = e["field"], e["value"]
        if f == "milestone" and v:
            st["ms"] = v
        elif f == "amount":
            st["amount"] = cents(v) if v else 0
        elif f == "close_date":
            st["close"] = v[:10] if v else None
        elif f == "owner":
            st["owner"] = v or None
    return st


def movement(d, A, B, period, team=None, owner=None, currency="USD"):
    p0, p1 = period_days(period)
    scope = members(d, team, owner)
    cur = {o["id"]: (o.get("currency") or currency)
           for o in rows(d, "opportunities.csv")}
    rates = {}
    for r in rows(d, "rates.csv"):
        rates.setdefault(r["currency"], []).append((r["date"][:10],
                                                    float(r["rate"])))
    for v in rates.values():
        v.sort()
    evs = {}
    for i, e in enumerate(rows(d, "events.csv")):
        e["date"] = e["date"][:10]
        e["_i"] = i
        evs.setdefault(e["opportunity"], []).append(e)
    for v in evs.values():
        v.sort(key=lambda e: (e["date"], e["_i"]))

    def conv(o, c):
        k = cur.get(o, currency)
        if k == currency:
            return c
        rs = rates[k]
        r = rs[0][1]
        for day, rate in rs:
            if day <= B:
                r = rate
        x = c * r
        return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)

    def in_scope(st):
        return scope is None or st["owner"] in scope

    def in_pipe(st, day):
        if st is None or st["ms"] not in OPEN or not in_scope(st) \
                or st["close"] is None:
            return False
        eff = max(st["close"], day)
        return p0 <= eff <= p1

    out = {t: [0, {}] for t in TERMS}

    def put(t, o, c):
        out[t][0] += c
        out[t][1][o] = c

    for o, ev in evs.items():
        sa, sb = state(ev, A), state(ev, B)
        ia, ib = in_pipe(sa, A), in_pipe(sb, B)
        if not ia and not ib:
            continue
        ca = conv(o, sa["amount"]) if ia else 0
        cb = conv(o, sb["amount"])
        if ia:
            put("start", o, ca)
            if cb > ca:
                put("increased", o, cb - ca)
            elif cb < ca:
                put("decreased", o, ca - cb)
        if ib:
            put("end", o, cb)
        if ia and not ib:
            if sb["ms"] == "won":
                put("won", o, cb)
            elif sb["ms"] == "lost":
                put("lost", o, cb)
            elif in_scope(sb) and sb["close"] is not None:
                put("pushed_out", o, cb)
            else:
                put("other", o, cb)
        elif ib and not ia:
            if sa is None:
                put("new", o, cb)
            elif sa["ms"] in OPEN and in_scope(sa) and sa["close"]:
                put("pulled_in", o, cb)
            else:
                put("other", o, -cb)
    return {t: (v[0], v[1]) for t, v in out.items()}


if __name__ == "__main__":
    m = movement(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
    for t in TERMS:
        print("%-11s %14.2f %5d" % (t, m[t][0] / 100, len(m[t][1])))
