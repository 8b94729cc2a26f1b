#!/usr/bin/env python3
"""test_maven.py - imports the real Maven CRM sample (8,800 opportunities of
35 agents) and checks funnel's figures against SQL run by sqlite3 on the raw
CSV files loaded into an in-memory database: win rate overall, per agent,
per manager and per regional office; won and lost per quarter of 2017; the
open funnel's shape; the median and p80 cycle of won deals.

The data lives beside the repository in
../shared/data/real/maven-crm-sales-opportunities.
"""
import csv
import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import ROOT, Funnel, Tap, compare  # noqa: E402

DATA = os.path.normpath(os.path.join(
    ROOT, "..", "shared", "data", "real", "maven-crm-sales-opportunities"))
AS_OF = "2018-01-01"
WINDOW = "2016-01-01..2017-12-31"


def load_sql():
    db = sqlite3.connect(":memory:")
    for name in ("sales_pipeline", "sales_teams", "products", "accounts"):
        with open(os.path.join(DATA, name + ".csv"), newline="",
                  encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        cols = ", ".join('"%s"' % c for c in rows[0])
        db.execute('CREATE TABLE %s (%s)' % (name, cols))
        db.executemany('INSERT INTO %s VALUES (%s)' % (
            name, ", ".join("?" * len(rows[0]))), rows[1:])
    # The sample spells one product two ways.
    db.execute("CREATE VIEW deals AS SELECT p.*, "
               "CASE p.product WHEN 'GTXPro' THEN 'GTX Pro' "
               "ELSE p.product END AS prod FROM sales_pipeline p")
    return db


def win_rate_sql(db, where="1", args=()):
    n_won, n_closed = db.execute(
        "SELECT sum(deal_stage = 'Won'), count(*) FROM deals d "
        "JOIN sales_teams t USING (sales_agent) "
        "WHERE deal_stage IN ('Won', 'Lost') "
        "AND close_date BETWEEN '2016-01-01' AND '2017-12-31' AND " + where,
        args).fetchone()
    return n_won / n_closed if n_closed else None


def quantile(xs, p):
    xs = sorted(xs)
    r = p * (len(xs) - 1)
    lo = int(r)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (r - lo)


def days(a, b):
    return (datetime.date.fromisoformat(b) -
            datetime.date.fromisoformat(a)).days


def main():
    tap = Tap()
    if not os.path.isdir(DATA):
        tap.ok(False, "Maven sample present at " + DATA)
        tap.done()
    db = load_sql()
    fu = Funnel()
    try:
        p = fu.run("init")
        if not tap.ok(p.returncode == 0, "maven: init", p.stderr):
            tap.done()
        files = [os.path.join(DATA, f + ".csv") for f in
                 ("sales_teams", "accounts", "products", "sales_pipeline")]
        p = fu.run("import", "--format", "maven", *files)
        if not tap.ok(p.returncode == 0, "maven: import", p.stderr):
            tap.done()

        def report(name, **kw):
            try:
                return fu.report(name, **kw)
            except Exception as e:
                tap.ok(False, "maven: report %s %r" % (name, kw), e)
                return None

        # The whole company.
        got = report("funnel", as_of=AS_OF, window=WINDOW)
        if got is not None:
            want = {"win_rate": win_rate_sql(db)}
            won = db.execute(
                "SELECT engage_date, close_date FROM deals "
                "WHERE deal_stage = 'Won' AND close_date "
                "BETWEEN '2016-01-01' AND '2017-12-31'").fetchall()
            cyc = [days(a, b) for a, b in won]
            want["cycle_median"] = quantile(cyc, 0.5)
            want["cycle_p80"] = quantile(cyc, 0.8)
            # Shape: open deals, at the product's list price.
            shape = dict(((s, (n, v)) for s, n, v in db.execute(
                "SELECT deal_stage, count(*), sum(pr.sales_price) "
                "FROM deals d JOIN products pr ON pr.product = d.prod "
                "WHERE deal_stage IN ('Prospecting', 'Engaging') "
                "GROUP BY deal_stage")))
            want["stages"] = [
                {"name": "qualify", "count": shape["Prospecting"][0],
                 "amount": float(shape["Prospecting"][1])},
                {"name": "develop", "count": shape["Engaging"][0],
                 "amount": float(shape["Engaging"][1])},
                {"name": "prove", "count": 0, "amount": 0},
                {"name": "propose", "count": 0, "amount": 0},
                {"name": "commit", "count": 0, "amount": 0}]
            if "win_rate_value" in got:
                wv, lv = db.execute(
                    "SELECT sum(CASE WHEN deal_stage = 'Won' "
                    "THEN close_value ELSE 0 END), "
                    "sum(CASE WHEN deal_stage = 'Lost' "
                    "THEN pr.sales_price ELSE 0 END) "
                    "FROM deals d JOIN products pr ON pr.product = d.prod "
                    "WHERE deal_stage IN ('Won', 'Lost')").fetchone()
                want["win_rate_value"] = wv / (wv + lv)
            diff = compare(got, want)
            tap.ok(not diff, "maven: company win rate %.6f, cycle median "
                   "%s p80 %s, shape" % (want["win_rate"],
                                         want["cycle_median"],
                                         want["cycle_p80"]),
                   "\n".join(diff))

        agents = [r[0] for r in db.execute(
            "SELECT DISTINCT sales_agent FROM deals ORDER BY 1")]
        tap.ok(len(agents) == 30, "maven: 30 agents have deals (SQL)",
               len(agents))
        for a in agents:
            got = report("funnel", as_of=AS_OF, window=WINDOW, owner=a)
            if got is None:
                continue
            want = {"win_rate": win_rate_sql(db, "sales_agent = ?", (a,))}
            diff = compare(got, want)
            tap.ok(not diff, "maven: win rate of agent %s = %s" % (
                a, want["win_rate"]), "\n".join(diff))

        for m, in db.execute("SELECT DISTINCT manager FROM sales_teams "
                             "ORDER BY 1").fetchall():
            got = report("funnel", as_of=AS_OF, window=WINDOW, team=m)
            if got is None:
                continue
            want = {"win_rate": win_rate_sql(db, "manager = ?", (m,))}
            diff = compare(got, want)
            tap.ok(not diff, "maven: win rate of team %s = %s" % (
                m, want["win_rate"]), "\n".join(diff))

        for o, in db.execute("SELECT DISTINCT regional_office "
                             "FROM sales_teams ORDER BY 1").fetchall():
            got = report("funnel", as_of=AS_OF, window=WINDOW,
                         team="office:" + o)
            if got is None:
                continue
            want = {"win_rate": win_rate_sql(db, "regional_office = ?",
                                             (o,))}
            diff = compare(got, want)
            tap.ok(not diff, "maven: win rate of office %s (sub-teams) = %s"
                   % (o, want["win_rate"]), "\n".join(diff))

        quarters = (("2017-Q1", "2017-01-01", "2017-03-31"),
                    ("2017-Q2", "2017-04-01", "2017-06-30"),
                    ("2017-Q3", "2017-07-01", "2017-09-30"),
                    ("2017-Q4", "2017-10-01", "2017-12-31"))
        for q, a, b in quarters:
            got = report("overall", as_of=AS_OF, period=q)
            if got is None:
                continue
            won = db.execute(
                "SELECT total(close_value) FROM deals WHERE deal_stage = "
                "'Won' AND close_date BETWEEN ? AND ?", (a, b)).fetchone()[0]
            lost = db.execute(
                "SELECT total(pr.sales_price) FROM deals d JOIN products pr "
                "ON pr.product = d.prod WHERE deal_stage = 'Lost' "
                "AND close_date BETWEEN ? AND ?", (a, b)).fetchone()[0]
            # Open deals have no expected close date: no period pipeline.
            want = {"won": won, "lost": lost, "pipeline": 0,
                    "weighted": won, "commit": won, "best_case": won,
                    "target": None}
            diff = compare(got, want)
            tap.ok(not diff, "maven: %s won %.2f lost %.2f" % (q, won, lost),
                   "\n".join(diff))
        # Time travel: as of the end of Q2, nothing of Q3 is won yet.
        got = report("overall", as_of="2017-06-30", period="2017-Q3")
        if got is not None:
            diff = compare(got, {"won": 0, "lost": 0})
            tap.ok(not diff, "maven: as of 2017-06-30 nothing won in Q3",
                   "\n".join(diff))
    finally:
        fu.close()
    tap.done()


if __name__ == "__main__":
    main()
