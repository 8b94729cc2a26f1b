#!/usr/bin/env python3
"""test_concurrency_close.py - of conflicting changes exactly one succeeds.

The real binary on SQLite: 20 opportunities; for each, 8 processes started
at once run `funnel opp close ID won` or `lost` (alternating). Exactly one
exits 0 per opportunity, the other 7 exit 1 with the conflict message
("already closed: it was closed (won|lost) on DATE"), and the
opportunity's history holds exactly one closing event. Before the fix the
check ran before the write transaction began, so two or more could win.
Also: a writer that waits longer than the busy timeout (5 s) for another
program's write lock fails with exit 2 and says the database is busy.
"""
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import Funnel, Tap  # noqa: E402

N_OPPS = 20
N_PROCS = 8
TODAY = "2026-02-15"


def main():
    t = Tap()
    f = Funnel()
    env = dict(os.environ)
    env.pop("FUNNEL_DB", None)
    env["FUNNEL_TODAY"] = TODAY
    os.environ["FUNNEL_TODAY"] = TODAY
    try:
        f.run("init", check=True)
        f.run("user", "add", "rep", "--name", "Rep", check=True)
        for i in range(N_OPPS):
            f.run("opp", "add", "C%d" % i, "--name", "Deal %d" % i,
                  "--owner", "rep", "--amount", "1000", "--close",
                  "2026-03-31", "--date", "2026-01-10", check=True)
        bad_counts, bad_messages, bad_history = [], [], []
        for i in range(N_OPPS):
            oid = "C%d" % i
            procs = [subprocess.Popen(
                [f.bin, "--db", f.db, "opp", "close", oid,
                 "won" if k % 2 == 0 else "lost"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env=env, cwd=f.dir) for k in range(N_PROCS)]
            results = [(p.wait(), p.communicate()) for p in procs]
            codes = [r[0] for r in results]
            if codes.count(0) != 1 or codes.count(1) != N_PROCS - 1:
                bad_counts.append("%s: exit codes %s" % (oid, codes))
            for code, (out, err) in results:
                if code == 1 and not ("already closed: it was closed (" in err
                                      and "funnel: opp close: " in err):
                    bad_messages.append("%s: %s" % (oid, err.strip()))
            doc = f.json("opp", "show", oid)
            closing = [e for e in doc["events"] if e["kind"] == "milestone"
                       and e["value"] in ("won", "lost")]
            if len(closing) != 1:
                bad_history.append("%s: %d closing events" % (oid,
                                                              len(closing)))
        t.ok(not bad_counts, "exactly one of %d concurrent closes succeeds "
             "for each of %d opportunities" % (N_PROCS, N_OPPS),
             "\n".join(bad_counts))
        t.ok(not bad_messages, "the other closes exit 1 with the conflict "
             "message", "\n".join(bad_messages[:5]))
        t.ok(not bad_history, "each opportunity's history has exactly one "
             "closing event", "\n".join(bad_history))
        p = f.run("opp", "close", "C0", "won")
        t.ok(p.returncode == 1 and "already closed" in p.stderr,
             "closing a closed deal later is a conflict (exit 1)", p.stderr)
        busy_check(t, f, env)
    finally:
        f.close()
    t.done()


def busy_check(t, f, env):
    """Holds the write lock from here for longer than funnel waits."""
    db = sqlite3.connect(f.db, timeout=10, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        p = subprocess.run([f.bin, "--db", f.db, "opp", "close", "C1",
                            "won"], capture_output=True, text=True,
                           env=env, cwd=f.dir, timeout=60)
    finally:
        db.execute("ROLLBACK")
        db.close()
    t.ok(p.returncode == 2 and "the database is busy" in p.stderr,
         "a writer kept waiting past the busy timeout exits 2 saying the "
         "database is busy", "exit %d: %s" % (p.returncode, p.stderr))


if __name__ == "__main__":
    main()
