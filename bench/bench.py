#!/usr/bin/env python3
"""bench.py - the helpers behind bench/run.sh (Python 3 standard library only).

    measure RUNS OUT RESULT -- CMD...   run CMD RUNS times (stdout into OUT),
                                        write {best, mean, runs, maxrss_kb}
                                        as JSON into RESULT
    count DIR                           CSV records of a Salesforce export:
                                        "users opps history" on one line
    params DB [AS_OF] [PERIOD] [WINDOW] the as-of date, period and window of
                                        the run as shell assignments
    compare NAME A_JSON B_JSON [A B]    two documents side by side (labels A
                                        and B, default funnel and sql); exit 1
                                        when a figure differs
    info FILE KEY=VALUE...              facts about the run into FILE (JSON)
    table RESULTS_DIR                   the summary table and the goal check

Timing is done here rather than with hyperfine so that one run gives both
the wall time and the peak RSS (os.wait4 returns the child's rusage).
"""
import csv
import datetime
import json
import math
import os
import sqlite3
import subprocess
import sys
import time

EPOCH = datetime.date(1970, 1, 1)


def measure(argv):
    runs, out, result = int(argv[0]), argv[1], argv[2]
    if argv[3] != "--":
        sys.exit("bench.py measure: expected -- before the command")
    cmd = argv[4:]
    times, rss = [], 0
    for _ in range(runs):
        with open(out, "wb") as fo, open(out + ".err", "wb") as fe:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=fo, stderr=fe)
            _, status, ru = os.wait4(p.pid, 0)
            t1 = time.perf_counter()
        rc = os.waitstatus_to_exitcode(status)
        if rc != 0:
            with open(out + ".err", "rb") as fe:
                sys.stderr.write(fe.read().decode("utf-8", "replace"))
            sys.exit("bench.py measure: %s exited with %d" %
                     (" ".join(cmd), rc))
        times.append(t1 - t0)
        rss = max(rss, ru.ru_maxrss)
    with open(result, "w") as f:
        json.dump({"best": min(times), "mean": sum(times) / len(times),
                   "runs": times, "maxrss_kb": rss}, f)


def count(argv):
    """Records, not lines: a quoted field may hold a newline."""
    d = argv[0]
    n = []
    for name in ("User.csv", "Opportunity.csv", "OpportunityHistory.csv"):
        with open(os.path.join(d, name), newline="", encoding="utf-8") as f:
            n.append(sum(1 for _ in csv.reader(f)) - 1)
    print(*n)


def day_of(d):
    return (d - EPOCH).days


def date_of(day):
    return EPOCH + datetime.timedelta(days=day)


def quarter_of(d, fs):
    """Fiscal year, quarter (1..4) and first day of the quarter holding d."""
    m = (d.month - fs) % 12
    fy = d.year if d.month >= fs else d.year - 1
    q = m // 3 + 1
    return fy, q, quarter_start(fy, q, fs)


def quarter_start(fy, q, fs):
    m0 = fs - 1 + (q - 1) * 3
    return datetime.date(fy + m0 // 12, m0 % 12 + 1, 1)


def add_quarters(fy, q, n):
    k = fy * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def period_bounds(name, fs):
    """The first and last day of "2026", "2026-Q2" or "2026-05"."""
    if "-Q" in name:
        fy, q = int(name[:4]), int(name[6:])
        a = quarter_start(fy, q, fs)
        ny, nq = add_quarters(fy, q, 1)
        return a, quarter_start(ny, nq, fs) - datetime.timedelta(days=1)
    if "-" in name:
        y, m = int(name[:4]), int(name[5:])
        a = datetime.date(y, m, 1)
        b = datetime.date(y + m // 12, m % 12 + 1, 1)
        return a, b - datetime.timedelta(days=1)
    fy = int(name)
    a = quarter_start(fy, 1, fs)
    return a, quarter_start(fy + 1, 1, fs) - datetime.timedelta(days=1)


def params(argv):
    db = argv[0]
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    row = con.execute(
        "SELECT value FROM setting WHERE key = 'fiscal_start'").fetchone()
    fs = int(row[0]) if row else 1
    if len(argv) > 1 and argv[1]:
        t = datetime.date.fromisoformat(argv[1])
    else:
        # The day the export was taken: the latest day an opportunity was
        # created on. (Its latest event can be later: an opportunity
        # without history closes on its CloseDate.)
        t = date_of(con.execute(
            "SELECT max(d) FROM (SELECT min(day) AS d FROM event"
            " GROUP BY opp_id)").fetchone()[0])
    con.close()
    fy, q, _ = quarter_of(t, fs)
    period = argv[2] if len(argv) > 2 and argv[2] else "%d-Q%d" % (fy, q)
    pa, pb = period_bounds(period, fs)
    if len(argv) > 3 and argv[3]:
        wa_s, wb_s = argv[3].split("..")
        wa = datetime.date.fromisoformat(wa_s)
        wb = datetime.date.fromisoformat(wb_s)
    else:
        y0, q0 = add_quarters(fy, q, -4)
        wa = quarter_start(y0, q0, fs)
        wb = quarter_start(fy, q, fs) - datetime.timedelta(days=1)
    print("AS_OF=%s AS_OF_DAY=%d" % (t.isoformat(), day_of(t)))
    print("PERIOD=%s P_FROM=%d P_TO=%d" % (period, day_of(pa), day_of(pb)))
    print("WINDOW=%s..%s W_FROM=%d W_TO=%d" %
          (wa.isoformat(), wb.isoformat(), day_of(wa), day_of(wb)))


def close(a, b, key):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    # Amounts are printed to the cent; rates, days and counts are exact
    # up to floating point.
    if key in ("won", "lost", "pipeline", "weighted", "commit", "best_case",
               "amount", "velocity", "open_amount"):
        return abs(a - b) <= 0.011
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def flatten(doc):
    """name -> value, stages as "stage.<name>.<field>"."""
    out = {}
    for k, v in doc.items():
        if k == "stages" and isinstance(v, list):
            for s in v:
                for sk, sv in s.items():
                    if sk != "name":
                        out["stage.%s.%s" % (s.get("name"), sk)] = sv
        elif not isinstance(v, (dict, list)):
            out[k] = v
    return out


def fmt(v):
    if v is None:
        return "null"
    if isinstance(v, float):
        return "%.6g" % v if abs(v) < 1e6 else "%.2f" % v
    return str(v)


def compare(argv):
    name, fpath, spath = argv[:3]
    la, lb = argv[3:5] if len(argv) >= 5 else ("funnel", "sql")
    with open(fpath) as f:
        fdoc = flatten(json.load(f))
    with open(spath) as f:
        sdoc = flatten(json.load(f))
    bad = 0
    lines = ["%-34s %18s %18s" % (name, la, lb)]
    for k in sdoc:
        if k not in fdoc:
            lines.append("%-34s %18s %18s  %s" %
                         (k, "(absent)", fmt(sdoc[k]), "not compared"))
            continue
        ok = close(fdoc[k], sdoc[k], k.rsplit(".", 1)[-1])
        bad += not ok
        lines.append("%-34s %18s %18s  %s" % (k, fmt(fdoc[k]), fmt(sdoc[k]),
                                              "agree" if ok else "DIFFER"))
    for k in fdoc:
        if k not in sdoc:
            lines.append("%-34s %18s %18s  %s" %
                         (k, fmt(fdoc[k]), "-", "only in " + la))
    lines.append("%s: %s" % (name, "%s and %s agree" % (la, lb) if not bad
                             else "%d figure(s) DIFFER" % bad))
    print("\n".join(lines))
    sys.exit(1 if bad else 0)


def info(argv):
    doc = {}
    for kv in argv[1:]:
        k, v = kv.split("=", 1)
        doc[k] = int(v) if v.isdigit() else v
    with open(argv[0], "w") as f:
        json.dump(doc, f)


def load(d, name):
    with open(os.path.join(d, name + ".json")) as f:
        return json.load(f)


def table(argv):
    d = argv[0]
    with open(os.path.join(d, "info.json")) as f:
        info = json.load(f)
    imp = load(d, "import")
    rows = info["users"] + info["opps"] + info["history"]
    mb = 1024.0
    out = []
    out.append("funnel benchmark  %s" % info["when"])
    out.append("machine: %s, %s CPUs, %s" % (info["cpu"], info["ncpu"],
                                            info["mem"]))
    out.append("export: %d opportunities (seed %s), %d history rows, %d users;"
               " %d events in the database (%.0f MB)" %
               (info["opps"], info["seed"], info["history"], info["users"],
                info["events"], info["db_bytes"] / 1e6))
    out.append("as of %s, period %s, window %s" %
               (info["as_of"], info["period"], info["window"]))
    out.append("")
    out.append("%-36s %12s %12s %12s" % ("measure", "time s", "peak MB",
                                         "rate"))
    out.append("%-36s %12.2f %12.1f %9.0f r/s" %
               ("import (rows/s)", imp["best"], imp["maxrss_kb"] / mb,
                rows / imp["best"]))
    first = load(d, "first")
    out.append("%-36s %12.3f %12.1f" % ("first report after import",
                                        first["best"],
                                        first["maxrss_kb"] / mb))
    goal = []
    for rep in ("overall", "funnel"):
        f = load(d, "report_" + rep)
        s = load(d, "sql_" + rep)
        ratio = s["best"] / f["best"]
        out.append("%-36s %12.3f %12.1f" % ("funnel report %s (best of %d)" %
                                            (rep, len(f["runs"])), f["best"],
                                            f["maxrss_kb"] / mb))
        out.append("%-36s %12.3f %12.1f" % ("sqlite3 %s.sql (best of %d)" %
                                            (rep, len(s["runs"])), s["best"],
                                            s["maxrss_kb"] / mb))
        out.append("%-36s %12s %12s %9.1fx" % ("  SQL time / funnel time",
                                               "", "", ratio))
        goal.append(("report %s under 1 s" % rep, f["best"] < 1.0,
                     "%.3f s" % f["best"]))
        goal.append(("report %s >= 10x faster than SQL" % rep, ratio >= 10,
                     "%.1fx" % ratio))
    out.append("")
    out.append("goal check:")
    for what, ok, val in goal:
        out.append("  %-40s %-10s %s" % (what, val, "met" if ok else "MISSED"))
    out.append("figures, funnel against SQL: %s" % info["agree"])
    print("\n".join(out))


def main():
    cmds = {"measure": measure, "count": count, "params": params,
            "compare": compare, "info": info, "table": table}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
