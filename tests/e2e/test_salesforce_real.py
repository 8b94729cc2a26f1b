#!/usr/bin/env python3
"""test_salesforce_real.py - a Salesforce export with the traits of a real
org's (issue 9) imports on the first try, and its figures match
computations that share no code with funnel:

1. gen_salesforce.py --real: Salesforce's empty id 000000000000000AAA as a
   ManagerId, Latin-1 files with accented names, custom Spanish stage
   names (mapped with --map), three-decimal amounts, four currencies with
   CurrencyType.csv (corporate EUR), IsDeleted rows, close dates that
   differ from the day of the stage change. It imports with one command;
   the won amount and count by quarter equal a computation by CloseDate in
   SQL (sqlite3 over the CSV files); overall and funnel figures equal
   reference.py's; the summary's rounded amounts equal a count made here;
   re-importing adds nothing.
2. currencies by hand: three deals in EUR, USD and MXN with
   CurrencyType.csv and DatedConversionRate.csv, against figures worked
   out by hand from the rate table; a currency with no rate fails a report
   with a message naming it and the date.
3. --check: a broken copy lists every problem with file:line:column and
   writes nothing; a good copy shows the summary and writes nothing.
"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_EVEN, Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402
from e2elib import ROOT, Funnel, Tap, compare  # noqa: E402

FILES = ("User.csv", "Opportunity.csv", "OpportunityHistory.csv",
         "CurrencyType.csv")


def rows(path, enc="latin-1"):
    with open(path, newline="", encoding=enc) as f:
        return list(csv.DictReader(f))


def quarter(d):
    return "%s-Q%d" % (d[:4], (int(d[5:7]) + 2) // 3)


def cents(s):
    return int((Decimal(s) * 100).to_integral_value(ROUND_HALF_EVEN))


def check(tap, what, got, want):
    diff = compare(got, want)
    tap.ok(not diff, what, "\n".join(diff[:12]))


def sql_by_close_date(out):
    """Won amount (EUR cents, each deal converted and rounded half away
    from zero as funnel's rate rule says) and count by the quarter of
    CloseDate, in SQL over Opportunity.csv and CurrencyType.csv."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE opp(id, stage, close, cents INTEGER, cur, del)")
    db.execute("CREATE TABLE ct(iso, cr REAL)")
    for r in rows(os.path.join(out, "Opportunity.csv")):
        db.execute("INSERT INTO opp VALUES (?,?,?,?,?,?)", (
            r["Id"], r["StageName"], r["CloseDate"],
            cents(r["Amount"]) if r["Amount"] else 0, r["CurrencyIsoCode"],
            r["IsDeleted"]))
    for r in rows(os.path.join(out, "CurrencyType.csv")):
        db.execute("INSERT INTO ct VALUES (?,?)",
                   (r["IsoCode"], float(r["ConversionRate"])))
    q = """SELECT substr(close, 1, 4) || '-Q' ||
                  ((CAST(substr(close, 6, 2) AS INTEGER) + 2) / 3) AS q,
                  SUM(round(cents * (1.0 / cr))), COUNT(*)
           FROM opp JOIN ct ON ct.iso = opp.cur
           WHERE stage = 'Cerrada ganada' AND del = 'false'
           GROUP BY q ORDER BY q"""
    return {q: (int(a), n) for q, a, n in db.execute(q)}


def by_stage_change_day(out):
    """Won count by the quarter of the day the stage became Closed Won
    (what funnel counted before issue 9), for the report."""
    deleted = {r["Id"] for r in rows(os.path.join(out, "Opportunity.csv"))
               if r["IsDeleted"] == "true"}
    won = {}
    for r in rows(os.path.join(out, "OpportunityHistory.csv")):
        if r["IsDeleted"] == "true" or r["OpportunityId"] in deleted:
            continue
        if r["StageName"] == "Cerrada ganada":
            won.setdefault(r["OpportunityId"], r["CreatedDate"][:10])
    n = {}
    for d in won.values():
        n[quarter(d)] = n.get(quarter(d), 0) + 1
    return n


def real_export(tap):
    tmp = tempfile.mkdtemp(prefix="funnel-sfreal-")
    out = os.path.join(tmp, "export")
    subprocess.run([sys.executable,
                    os.path.join(ROOT, "tests", "e2e", "gen_salesforce.py"),
                    "--opps", "500", "--seed", "7", "--out", out, "--real",
                    "--start", "2024-01-01", "--end", "2026-06-30"],
                   check=True)
    smap = {r["stage"]: r["milestone"] for r in
            rows(os.path.join(out, "stages.map.csv"), "utf-8")}
    args = ["import", "--format", "salesforce", "--encoding", "latin1",
            "--map", os.path.join(out, "stages.map.csv")] + \
        [os.path.join(out, f) for f in FILES]
    fu = Funnel()
    try:
        fu.run("init", check=True)
        p = fu.run(*args, "--json")
        if not tap.ok(p.returncode == 0, "real: imports on the first try",
                      p.stderr):
            return
        st = json.loads(p.stdout)
        # rounded amounts, counted here: every non-deleted row's Amount
        # with a non-zero digit after the cents
        n3 = 0
        for f in ("Opportunity.csv", "OpportunityHistory.csv"):
            for r in rows(os.path.join(out, f)):
                a = r["Amount"]
                if r["IsDeleted"] == "false" and "." in a and \
                        a.split(".")[1][2:].strip("0"):
                    n3 += 1
        tap.ok(n3 > 0 and st["amounts_rounded"] == n3,
               "real: the summary counts the %d rounded amounts" % n3,
               "got %s" % st["amounts_rounded"])
        ndel = sum(1 for f in ("Opportunity.csv", "OpportunityHistory.csv")
                   for r in rows(os.path.join(out, f))
                   if r["IsDeleted"] == "true")
        tap.ok(st["rows_deleted"] == ndel,
               "real: %d IsDeleted rows left out" % ndel,
               "got %s" % st["rows_deleted"])
        tap.ok(st["currency_set"] == "EUR",
               "real: the corporate currency EUR became the reporting one",
               st.get("currency_set"))
        nopp = sum(1 for r in rows(os.path.join(out, "Opportunity.csv"))
                   if r["IsDeleted"] == "false")
        tap.ok(st["opps_created"] == nopp,
               "real: %d opportunities (deleted ones left out)" % nopp,
               "got %s" % st["opps_created"])
        rl = fu.json("rate", "list")
        got = {r["currency"]: r["rate"] for r in rl}
        want = {"USD": 1 / 1.085, "MXN": 1 / 18.63, "GBP": 1 / 0.857}
        tap.ok(set(got) == set(want) and
               all(abs(got[k] - want[k]) < 1e-9 for k in want),
               "real: rates are 1 / ConversionRate", got)
        mgr = [u for u in rows(os.path.join(out, "User.csv"))
               if u["ManagerId"] == "000000000000000AAA"][0]
        teams = fu.json("team", "list")
        tap.ok(not any(t.get("id") == "000000000000000AAA" for t in teams),
               "real: the empty id makes no team", teams)

        # won by quarter: funnel against SQL by CloseDate
        sql = sql_by_close_date(out)
        old = by_stage_change_day(out)
        print("# won count by quarter: by CloseDate (SQL) %s; by the day "
              "of the stage change %s" % (
                  ", ".join("%s %d" % (q, v[1]) for q, v in sql.items()),
                  ", ".join("%s %d" % (q, old[q]) for q in sorted(old))))
        # as of a day after every close (a deal without history is won on
        # its CloseDate, which may lie after the export)
        for q, (amount, n) in sql.items():
            got = fu.report("overall", as_of="2027-12-31", period=q)
            tap.ok(abs(got["won"] - amount / 100) < 0.005,
                   "real: won amount %s equals SQL by CloseDate (%.2f)" % (
                       q, amount / 100), "funnel %s" % got["won"])
            lst = fu.json("opp", "list", "--milestone", "won", "--period",
                          q, "--as-of", "2027-12-31")
            tap.ok(len(lst) == n,
                   "real: won count %s equals SQL by CloseDate (%d)" % (q, n),
                   "funnel %d" % len(lst))
        tap.ok(any(old.get(q, 0) != v[1] for q, v in sql.items()),
               "real: the export has deals whose CloseDate quarter differs "
               "from their stage change's")

        # overall and funnel against reference.py
        for as_of, per in (("2026-06-30", "2026-Q2"), ("2026-06-30", "2025"),
                           ("2025-11-15", "2025-Q4"),
                           ("2025-03-31", "2025-Q2")):
            want = reference.overall(out, as_of, per, stage_map=smap,
                                     encoding="latin-1")
            check(tap, "real: overall %s as of %s equals reference.py" % (
                per, as_of), fu.report("overall", as_of=as_of, period=per),
                want)
        for as_of, w in (("2026-06-30", None),
                         ("2026-06-30", "2025-01-01..2026-06-30"),
                         ("2025-09-30", None)):
            want = reference.funnel(out, as_of, w, stage_map=smap,
                                    encoding="latin-1")
            want.pop("window", None)
            want.pop("cycle_mean", None)
            got = fu.report("funnel", as_of=as_of,
                            **({"window": w} if w else {}))
            if "win_rate_value" not in got:
                want.pop("win_rate_value", None)
            check(tap, "real: funnel as of %s window %s equals "
                  "reference.py" % (as_of, w), got, want)
        team = mgr["Id"]
        want = reference.overall(out, "2026-06-30", "2026-Q2", team=team,
                                 stage_map=smap, encoding="latin-1")
        check(tap, "real: overall of the top manager's team (ManagerId "
              "…AAA above him)", fu.report("overall", as_of="2026-06-30",
                                          period="2026-Q2", team=team), want)

        p = fu.run(*args, "--json")
        st2 = json.loads(p.stdout) if p.returncode == 0 else {}
        tap.ok(p.returncode == 0 and st2.get("events_added") == 0 and
               st2.get("opps_created") == 0 and
               st2.get("events_skipped") == st["events_added"],
               "real: re-importing adds nothing", p.stdout + p.stderr)
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


def write(path, text, enc="utf-8"):
    with open(path, "w", encoding=enc, newline="") as f:
        f.write(text)


def currencies(tap):
    """Three deals, three currencies, rates by hand.

    CurrencyType: EUR corporate 1, USD 1.25, MXN 20 (units per EUR);
    DatedConversionRate: USD 1.25 from 0001-01-01, 1.6 from 2025-07-01.
    funnel's rates: USD 0.8 (before 2025-07-01), then 0.625; MXN 0.05.
    Deals (open, close date in 2025-Q3, category commit for the USD one):
      A EUR 1000.00, B USD 2000.00, C MXN 30000.005 (rounds to 30000.00,
      half to even: 0 is even)
    As of 2025-06-30 (period 2025-Q3): pipeline = 1000 + 2000*0.8
      + 30000*0.05 = 1000 + 1600 + 1500 = 4100; commit = 1600.
    As of 2025-07-15: USD at 0.625: pipeline = 1000 + 1250 + 1500 = 3750,
      commit = 1250.
    """
    tmp = tempfile.mkdtemp(prefix="funnel-cur-")
    write(os.path.join(tmp, "User.csv"),
          "Id,Name,ManagerId\n0058a0000000001AAA,Ana Peña,"
          "000000000000000AAA\n", "latin-1")
    write(os.path.join(tmp, "Opportunity.csv"),
          "Id,Name,OwnerId,Amount,CloseDate,StageName,ForecastCategoryName,"
          "CreatedDate,CurrencyIsoCode\n"
          "006A,A,0058a0000000001AAA,1000,2025-08-01,Prospecting,Pipeline,"
          "2025-06-01,EUR\n"
          "006B,B,0058a0000000001AAA,2000,2025-08-01,Prospecting,Commit,"
          "2025-06-01,USD\n"
          "006C,C,0058a0000000001AAA,30000.005,2025-09-01,Prospecting,"
          "Pipeline,2025-06-01,MXN\n")
    write(os.path.join(tmp, "CurrencyType.csv"),
          "IsoCode,ConversionRate,IsCorporate\nEUR,1,true\nUSD,1.25,false\n"
          "MXN,20,false\n")
    write(os.path.join(tmp, "DatedConversionRate.csv"),
          "IsoCode,ConversionRate,StartDate,NextStartDate\n"
          "USD,1.25,0001-01-01,2025-07-01\nUSD,1.6,2025-07-01,9999-12-31\n")
    fu = Funnel()
    try:
        fu.run("init", check=True)
        p = fu.run("import", "--format", "salesforce", "--encoding",
                   "latin1", *[
            os.path.join(tmp, f) for f in ("User.csv", "Opportunity.csv",
                                           "CurrencyType.csv",
                                           "DatedConversionRate.csv")])
        if not tap.ok(p.returncode == 0, "currencies: import", p.stderr):
            return
        tap.ok("1 amount with more than two decimals rounded" in p.stdout,
               "currencies: the summary says one amount was rounded",
               p.stdout)
        for as_of, pipe, com in (("2025-06-30", 4100, 1600),
                                 ("2025-07-15", 3750, 1250)):
            got = fu.report("overall", as_of=as_of, period="2025-Q3")
            tap.ok(abs(got["pipeline"] - pipe) < 0.005 and
                   abs(got["commit"] - com) < 0.005,
                   "currencies: pipeline %d, commit %d as of %s (by hand)" %
                   (pipe, com, as_of), got)
        # a currency with no rate: the report names it and the date
        write(os.path.join(tmp, "Opportunity.csv"),
              "Id,Name,OwnerId,Amount,CloseDate,StageName,CreatedDate,"
              "CurrencyIsoCode\n006D,D,0058a0000000001AAA,10,2025-08-01,"
              "Prospecting,2025-06-01,CHF\n")
        fu.run("import", "--format", "salesforce",
               os.path.join(tmp, "Opportunity.csv"), check=True)
        p = fu.run("report", "overall", "--as-of", "2025-07-15",
                   "--period", "2025-Q3")
        tap.ok(p.returncode != 0 and "CHF" in p.stderr and
               "2025-07-15" in p.stderr,
               "currencies: a missing rate is an error naming CHF and the "
               "date", p.stderr)
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


def check_mode(tap):
    tmp = tempfile.mkdtemp(prefix="funnel-check-")
    write(os.path.join(tmp, "User.csv"),
          "Id,Name,ManagerId\nU1,Ana,000000000000000AAA\n")
    good = ("Id,Name,OwnerId,Amount,CloseDate,StageName,CreatedDate\n"
            "O1,A,U1,10,2025-08-01,Prospecting,2025-06-01\n"
            "O2,B,U1,20,2025-08-01,Closed Won,2025-06-01\n")
    bad = ("Id,Name,OwnerId,Amount,CloseDate,StageName,CreatedDate\n"
           "O1,A,U1,12x,2025-08-01,Prospecting,2025-06-01\n"
           "O2,B,U9,20,2025-08-01,Closed Won,2025-06-01\n"
           "O3,C,U1,30,2025-13-01,Prospecting,2025-06-01\n"
           "O4,D,U1,40,2025-08-01,Prospecting,2025-06-01\n")
    fu = Funnel()
    try:
        fu.run("init", check=True)
        opp = os.path.join(tmp, "Opportunity.csv")
        write(opp, bad)
        p = fu.run("import", "--format", "salesforce", "--check",
                   os.path.join(tmp, "User.csv"), opp)
        want = ["Opportunity.csv:2:4:", "Opportunity.csv:3:3:",
                "Opportunity.csv:4:5:"]
        tap.ok(p.returncode != 0 and all(w in p.stderr for w in want) and
               "3 problems found" in p.stderr,
               "check: every problem of a bad file, with its place",
               p.stderr)
        p = fu.run("import", "--format", "salesforce", "--check", "--json",
                   os.path.join(tmp, "User.csv"), opp)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            doc = {}
        tap.ok(len(doc.get("problems", [])) == 3 and
               doc.get("opps_created") == 1,
               "check --json: 3 problems, and the one good row counted",
               p.stdout)
        write(opp, good)
        p = fu.run("import", "--format", "salesforce", "--check",
                   os.path.join(tmp, "User.csv"), opp)
        tap.ok(p.returncode == 0 and "nothing was written" in p.stdout and
               "2 opportunities created" in p.stdout,
               "check: a good file shows the summary", p.stdout + p.stderr)
        lst = fu.json("opp", "list")
        users = fu.json("user", "list")
        tap.ok(lst == [] and users == [], "check: nothing was written",
               (lst, users))
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    tap = Tap()
    real_export(tap)
    currencies(tap)
    check_mode(tap)
    tap.done()


if __name__ == "__main__":
    main()
