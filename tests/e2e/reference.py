#!/usr/bin/env python3
"""reference.py - an independent, deliberately plain implementation of
PRODUCT.md's overall and funnel figures, computed straight from the files of
a Salesforce data export (User.csv, Opportunity.csv, OpportunityHistory.csv)
by following docs/definitions.md word for word. The end-to-end tests compare
funnel's reports with it; it shares no code with funnel and favours being
obviously right over being fast.

    overall(files, as_of, period, owner=None, team=None) -> dict
    funnel(files, as_of, window=None, owner=None, team=None) -> dict

files is the export's directory or a list of its files; dates are
"YYYY-MM-DD"; periods "2026", "2026-Q4", "2026-11"; a window "FROM..TO"
whose sides are dates or periods. The dicts use the JSON field names of
`funnel report overall|funnel --json`; amounts are in currency units (not
rounded), figures without cases are None. Salesforce exports carry no
targets, so target, gap, coverage and attainment are always None.

It follows the import rules of issue 9 too: the all-zero id
000000000000000AAA is no manager, rows with IsDeleted true are left out,
amounts are rounded to cents half to even, each opportunity's amounts are
converted at 1 / ConversionRate of CurrencyType.csv (the corporate
currency is the reporting one), and a snapshot that closes a deal records
its CloseDate on its day (the close day). load() also takes a Loaded of
event logs built elsewhere (test_crm_formats.py's one-row-per-deal files).

Run as a script to print both reports:
    python3 tests/e2e/reference.py DIR AS_OF PERIOD [WINDOW]
"""
import csv
import datetime
import json
import os
import sys
from decimal import ROUND_HALF_EVEN, Decimal

# The default process: open milestones by position, then won and lost.
OPEN = ["qualify", "develop", "prove", "propose", "commit"]
WON, LOST = 5, 6
PROB = [0.10, 0.25, 0.50, 0.75, 0.90]
MS_INDEX = {n: i for i, n in enumerate(OPEN + ["won", "lost"])}

DEFAULT_STAGES = {
    "prospecting": "qualify", "qualification": "qualify",
    "needs analysis": "develop",
    "value proposition": "prove", "id. decision makers": "prove",
    "perception analysis": "prove",
    "proposal/price quote": "propose",
    "negotiation/review": "commit",
    "closed won": "won", "closed lost": "lost",
}
CATEGORIES = {
    "pipeline": "pipeline", "best case": "best_case", "bestcase": "best_case",
    "best_case": "best_case", "commit": "commit", "forecast": "commit",
    "omitted": "omitted", "closed": "closed",
}


def day(s):
    """'YYYY-MM-DD...' (a date or a timestamp) -> date ordinal (UTC day of
    the date part)."""
    return datetime.date.fromisoformat(s.strip()[:10]).toordinal()


def day_str(o):
    return datetime.date.fromordinal(o).isoformat()


def cents(s):
    """Cents of a decimal amount, more decimals rounded half to even."""
    s = s.strip()
    if s == "":
        return 0
    return int((Decimal(s) * 100).to_integral_value(ROUND_HALF_EVEN))


def no_id(s):
    """Salesforce writes 'none' in a data export as the all-zero id."""
    s = (s or "").strip()
    return s == "" or s in ("000000000000000", "000000000000000AAA")


def deleted(r):
    return (r.get("IsDeleted") or "").strip().lower() in ("true", "1")


# ---- periods and windows ---------------------------------------------------

def period_range(p, fiscal_start=1):
    """First and last day (ordinals) of a period name."""
    p = p.strip()
    if len(p) == 4:
        y, m0, nmon = int(p), fiscal_start, 12
    elif "-Q" in p.upper():
        y, qn = p.upper().split("-Q")
        y, m0, nmon = int(y), fiscal_start + 3 * (int(qn) - 1), 3
    else:
        y, m = p.split("-")
        return month_range(int(y), int(m), 1)
    return month_range(y, m0, nmon)


def month_range(y, m, nmon):
    """Days of nmon months starting with month m (may exceed 12) of y."""
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    first = datetime.date(y, m, 1)
    m2, y2 = m + nmon, y
    y2 += (m2 - 1) // 12
    m2 = (m2 - 1) % 12 + 1
    last = datetime.date(y2, m2, 1).toordinal() - 1
    return first.toordinal(), last


def side(s, left):
    s = s.strip()
    if len(s) == 10 and s[4] == "-" and s[7] == "-":
        return day(s)
    a, b = period_range(s)
    return a if left else b


def window_range(w, as_of):
    if w is None:
        # The four full quarters before the quarter holding T.
        t = datetime.date.fromordinal(as_of)
        qstart = (t.month - 1) // 3 * 3 + 1
        start, _ = month_range(t.year, qstart, 1)
        first, _ = month_range(t.year, qstart - 12, 1)
        return first, start - 1
    a, b = w.split("..")
    return side(a, True), side(b, False)


def quantile(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    r = p * (len(xs) - 1)
    lo = int(r)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (r - lo)


# ---- the export as event logs ----------------------------------------------

class Opp:
    def __init__(self, oid):
        self.id = oid
        self.events = []  # (day, seq, kind, value), kind: ms amt close cat owner


def find_files(files):
    if isinstance(files, str):
        files = [os.path.join(files, f) for f in os.listdir(files)]
    by = {os.path.basename(f).lower(): f for f in files}
    return (by.get("user.csv"), by["opportunity.csv"],
            by.get("opportunityhistory.csv"), by.get("currencytype.csv"))


ENCODING = ["utf-8-sig"]


def read_rows(path):
    with open(path, newline="", encoding=ENCODING[0]) as f:
        return list(csv.DictReader(f))


def rates(path):
    """funnel's rate (units of the reporting currency, the corporate one,
    per unit) of each currency: 1 / Salesforce's ConversionRate."""
    if not path:
        return {}
    return {r["IsoCode"]: 1.0 / float(r["ConversionRate"])
            for r in read_rows(path)}


def convert(c, rate):
    """Cents converted at a rate, rounded half away from zero."""
    x = c * rate
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


_cache = {}


class Loaded:
    """Event logs built elsewhere (crm_reference.py), passed instead of
    an export's files."""

    def __init__(self, opps, user_team=None):
        self.opps, self.user_team = opps, user_team or {}


def load(files, stage_map=None, encoding="utf-8-sig"):
    """The export's opportunities as event logs. Amounts are converted
    into the reporting currency (the corporate one of CurrencyType.csv)
    as they are read: with one rate per currency, converting each amount
    is converting the amount as of T."""
    if isinstance(files, Loaded):
        return files.opps, files.user_team
    key = (repr(files), repr(stage_map), encoding)
    if key in _cache:
        return _cache[key]
    ENCODING[0] = encoding
    stages = {k.lower(): v for k, v in (stage_map or DEFAULT_STAGES).items()}
    users_f, opps_f, hist_f, cur_f = find_files(files)
    rate = rates(cur_f)
    user_team = {}
    if users_f:
        for r in read_rows(users_f):
            if not no_id(r.get("ManagerId", "")):
                user_team[r["Id"]] = r["ManagerId"].strip()
    hist = {}
    if hist_f:
        for i, r in enumerate(read_rows(hist_f)):
            if deleted(r):
                continue
            ts = r["CreatedDate"].strip()
            tkey = (ts[:10], ts[10:].lstrip(" T").rstrip("Z"), i)
            hist.setdefault(r["OpportunityId"], []).append((tkey, r))
    opps = []
    seq = [0]

    def ev(o, d, kind, value):
        seq[0] += 1
        o.events.append((d, seq[0], kind, value))

    def ms_of(stage):
        return MS_INDEX[stages[stage.strip().lower()]]

    for r in read_rows(opps_f):
        if deleted(r):
            continue
        o = Opp(r["Id"])
        ccy = (r.get("CurrencyIsoCode") or "").strip()
        rt = rate.get(ccy, 1.0) if ccy else 1.0

        def amt(s):
            return convert(cents(s), rt)
        created = day(r["CreatedDate"])
        ev(o, created, "owner", r["OwnerId"])
        rows = sorted(hist.get(o.id, []), key=lambda x: x[0])
        if rows:
            prev = None
            for _, h in rows:
                d = day(h["CreatedDate"])
                cur = {
                    "ms": ms_of(h["StageName"]) if h["StageName"].strip()
                    else None,
                    "amt": amt(h["Amount"]) if h["Amount"].strip()
                    else None,
                    "close": day(h["CloseDate"]) if h["CloseDate"].strip()
                    else None,
                    "cat": CATEGORIES[h["ForecastCategory"].strip().lower()]
                    if h["ForecastCategory"].strip() else None,
                }
                wrote = set()
                for k in ("ms", "amt", "close", "cat"):
                    if prev is None:
                        if cur[k] is not None:
                            ev(o, d, k, cur[k])
                            wrote.add(k)
                    elif cur[k] != prev[k]:
                        ev(o, d, k, cur[k])
                        wrote.add(k)
                # The closing snapshot's CloseDate is the close day: a
                # close date event on the closing day even when unchanged.
                if ("ms" in wrote and "close" not in wrote and
                        cur["ms"] >= WON and cur["close"] is not None):
                    ev(o, d, "close", cur["close"])
                prev = cur
        else:
            ev(o, created, "amt", amt(r["Amount"]))
            if r["CloseDate"].strip():
                ev(o, created, "close", day(r["CloseDate"]))
            if r["ForecastCategoryName"].strip():
                ev(o, created, "cat",
                   CATEGORIES[r["ForecastCategoryName"].strip().lower()])
            m = ms_of(r["StageName"])
            if m < WON:
                ev(o, created, "ms", m)
            else:
                ev(o, max(day(r["CloseDate"]), created), "ms", m)
        o.events.sort(key=lambda e: (e[0], e[1]))
        opps.append(o)
    _cache[key] = (opps, user_team)
    return opps, user_team


class State:
    """An opportunity as of a day: the events dated on or before it."""

    def __init__(self, o, t):
        self.exists = False
        self.created = None
        self.ms = None
        self.ms_since = None
        self.amount = 0
        self.close = None
        self.cat = None
        self.owner = None
        self.closed_on = None
        # The close day (PRODUCT.md): the close date recorded with the
        # closing, i.e. by a close date event on the closing day, else the
        # closing event's day. closed_on, the event's day, decides whether
        # it is closed as of t.
        self.close_day = None
        close_set = None
        for d, _, kind, v in o.events:
            if d > t:
                break
            if not self.exists:
                self.exists, self.created = True, d
            if kind == "ms":
                if v != self.ms:
                    self.ms, self.ms_since = v, d
                    if v >= WON:
                        self.closed_on = d
                        self.close_day = (self.close if close_set == d and
                                          self.close is not None else d)
                    else:
                        self.closed_on = self.close_day = None
            elif kind == "amt":
                self.amount = v
            elif kind == "close":
                self.close = v
                close_set = d
                if self.closed_on == d:
                    self.close_day = v if v is not None else d
            elif kind == "cat":
                self.cat = v
            elif kind == "owner":
                self.owner = v

    def is_open(self):
        return self.ms is not None and self.ms < WON


def in_scope(owner, user_team, want_owner, want_team):
    if want_owner is not None and owner != want_owner:
        return False
    if want_team is not None:
        t = user_team.get(owner)
        seen = set()
        while t is not None and t not in seen:
            if t == want_team:
                return True
            seen.add(t)
            t = user_team.get(t)  # the team's manager's own team
        return False
    return True


def transitions(o):
    """Milestone changes as (day, from, to, day from was entered)."""
    out = []
    cur = since = None
    for d, _, kind, v in o.events:
        if kind != "ms":
            continue
        if cur is None:
            cur, since = v, d
        elif v != cur:
            out.append((d, cur, v, since))
            cur, since = v, d
    return out


# ---- the figures -----------------------------------------------------------

def overall(files, as_of, period, owner=None, team=None, stage_map=None,
            encoding="utf-8-sig"):
    opps, user_team = load(files, stage_map, encoding)
    t = day(as_of)
    p0, p1 = period_range(period)
    won = lost = pipeline = commit = best = 0
    weighted = 0.0
    for o in opps:
        st = State(o, t)
        if not st.exists or not in_scope(st.owner, user_team, owner, team):
            continue
        if st.ms == WON and p0 <= st.close_day <= p1:
            won += st.amount
        elif st.ms == LOST and p0 <= st.close_day <= p1:
            lost += st.amount
        elif st.is_open() and st.close is not None:
            eff = max(st.close, t)
            if p0 <= eff <= p1:
                pipeline += st.amount
                weighted += st.amount * PROB[st.ms]
                if st.cat == "commit":
                    commit += st.amount
                elif st.cat == "best_case":
                    best += st.amount
    commit += won
    best += commit
    return {
        "won": won / 100, "lost": lost / 100, "pipeline": pipeline / 100,
        "weighted": (won + weighted) / 100, "commit": commit / 100,
        "best_case": best / 100, "target": None, "gap": None,
        "coverage": None, "attainment": None,
    }


def funnel(files, as_of, window=None, owner=None, team=None, stage_map=None,
           encoding="utf-8-sig"):
    opps, user_team = load(files, stage_map, encoding)
    t = day(as_of)
    w0, w1 = window_range(window, t)
    e = min(t, w1)
    n = len(OPEN)
    count, amount = [0] * n, [0] * n
    exits, conv = [0] * n, [0] * n
    dwell = [[] for _ in range(n)]
    reach_closed, reach_won = [0] * n, [0] * n
    n_closed = n_won = v_closed = v_won = 0
    cycles = []
    open_count = open_amount = 0
    for o in opps:
        st = State(o, t)
        if not st.exists or not in_scope(st.owner, user_team, owner, team):
            continue
        if st.is_open():
            count[st.ms] += 1
            amount[st.ms] += st.amount
            open_count += 1
            open_amount += st.amount
        for d, a, b, since in transitions(o):
            if not (w0 <= d <= e) or a >= WON:
                continue
            exits[a] += 1
            dwell[a].append(d - since)
            if b == WON or (b < WON and b > a):
                conv[a] += 1
                for s in range(a + 1, n if b == WON else b):
                    exits[s] += 1
                    conv[s] += 1
        se = State(o, e)
        if se.ms in (WON, LOST) and w0 <= se.close_day <= w1:
            is_won = se.ms == WON
            n_closed += 1
            v_closed += st.amount
            if is_won:
                n_won += 1
                v_won += st.amount
                cycles.append(se.close_day - se.created)
            # "Ever in s": every milestone event dated <= E put it in its
            # milestone, even one left again on the same day.
            reached = set()
            for d, _, kind, v in o.events:
                if d > e:
                    break
                if kind != "ms":
                    continue
                if v == WON:
                    reached.update(range(n))
                elif v < WON:
                    reached.update(range(v + 1))
            for s in reached:
                reach_closed[s] += 1
                reach_won[s] += is_won
    win_rate = n_won / n_closed if n_closed else None
    cycle_mean = sum(cycles) / len(cycles) if cycles else None
    velocity = None
    if open_count and win_rate is not None and cycle_mean:
        velocity = (open_count * (open_amount / open_count) / 100 *
                    win_rate / cycle_mean)
    stages = []
    for s in range(n):
        stages.append({
            "name": OPEN[s],
            "count": count[s],
            "amount": amount[s] / 100,
            "conversion": conv[s] / exits[s] if exits[s] else None,
            "exits": exits[s],
            "dwell_median": quantile(dwell[s], 0.5),
            "dwell_p80": quantile(dwell[s], 0.8),
            "win_rate_from": reach_won[s] / reach_closed[s]
            if reach_closed[s] else None,
        })
    return {
        "win_rate": win_rate,
        "win_rate_value": v_won / v_closed if v_closed else None,
        "cycle_median": quantile(cycles, 0.5),
        "cycle_p80": quantile(cycles, 0.8),
        "cycle_mean": cycle_mean,
        "velocity": velocity,
        "window": day_str(w0) + ".." + day_str(w1),
        "stages": stages,
    }


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    d, as_of, period = sys.argv[1:4]
    w = sys.argv[4] if len(sys.argv) > 4 else None
    print(json.dumps({"overall": overall(d, as_of, period),
                      "funnel": funnel(d, as_of, w)}, indent=1))
