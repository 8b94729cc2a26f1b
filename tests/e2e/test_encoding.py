#!/usr/bin/env python3
"""test_encoding.py - UTF-8 everywhere, through the real binary.

- A Latin-1 Salesforce-style export (Spanish stage names such as
  'Presentación Propuesta', accented names) is refused, whichever of its
  files holds the Latin-1 text: exit status 1, the message names the file,
  the line and the column (in characters, computed here from the bytes),
  says the text is not UTF-8, shows the byte in hex and the --encoding hint,
  and `sqlite3 DB .dump` is byte-identical.
- The same files with `--encoding latin1` and a UTF-8 --map import, the
  figures equal the hand-checked ones of tests/cases/salesforce_small, and
  the names come out in UTF-8.
- A native import: Latin-1 refused then converted; Windows-1252 smart
  quotes and euro sign converted; a byte Windows-1252 leaves undefined
  refused with its place; a BOM on every file accepted.
- A process file that is not UTF-8 is refused with line:column.
- A command-line argument that is not UTF-8 is refused before anything runs.
- A store that holds Latin-1 strings from before these checks (written with
  sqlite3, bypassing funnel) still lists, shows and exports every record.
"""
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2elib import ROOT, Funnel, Tap, compare  # noqa: E402

SMALL = os.path.join(ROOT, "tests", "cases", "salesforce_small")
FILES = ("User.csv", "Opportunity.csv", "OpportunityHistory.csv")

# Salesforce's stage names as a Spanish org renames them.
STAGES = {
    "Prospecting": "Prospección",
    "Qualification": "Calificación",
    "Needs Analysis": "Análisis de necesidades",
    "Value Proposition": "Propuesta de valor",
    "Id. Decision Makers": "Identificación de decisores",
    "Perception Analysis": "Análisis de percepción",
    "Proposal/Price Quote": "Presentación Propuesta",
    "Negotiation/Review": "Negociación",
    "Closed Won": "Cerrada ganada",
    "Closed Lost": "Cerrada perdida",
}
MILESTONE = {
    "Prospección": "qualify", "Calificación": "qualify",
    "Análisis de necesidades": "develop", "Propuesta de valor": "prove",
    "Identificación de decisores": "prove",
    "Análisis de percepción": "prove", "Presentación Propuesta": "propose",
    "Negociación": "commit", "Cerrada ganada": "won",
    "Cerrada perdida": "lost",
}
PEOPLE = {"Rita Rossi": "Rita Rossí", "Rui Ramos": "Rui Ramón"}
OPP_NAMES = {"Hooli - Support": "Hooli - Soporte técnico"}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def spanish(name):
    """The small export's file with Spanish stage and person names."""
    rows = list(csv.reader(io.StringIO(read(os.path.join(SMALL, name)))))
    for r in rows[1:]:
        for i, v in enumerate(r):
            if rows[0][i] == "StageName":
                r[i] = STAGES[v]
            r[i] = PEOPLE.get(r[i], r[i])
            r[i] = OPP_NAMES.get(r[i], r[i])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def first_non_ascii(data):
    """(line, column in characters) of the first byte >= 0x80, and the
    byte; the text before it is ASCII, so columns are bytes + 1."""
    for i, b in enumerate(data):
        if b >= 0x80:
            start = data.rfind(b"\n", 0, i) + 1
            return data.count(b"\n", 0, i) + 1, i - start + 1, b
    return None


def says_not_utf8(tap, what, p, fname, line, column, byte, hint):
    tap.ok(p.returncode == 1, what + ": exit status 1",
           "exit %d: %s" % (p.returncode, p.stderr))
    want = "%s:%d:%d:" % (fname, line, column)
    tap.ok(want in p.stderr, what + ": the message names " + want,
           p.stderr)
    tap.ok("not UTF-8" in p.stderr and ("0x%02X" % byte) in p.stderr,
           what + ": says the text is not UTF-8 and shows byte 0x%02X"
           % byte, p.stderr)
    tap.ok(hint in p.stderr, what + ": shows how to import it (%s)" % hint,
           p.stderr)


def salesforce(tap):
    fu = Funnel()
    tmp = tempfile.mkdtemp(prefix="funnel-enc-")
    try:
        if not tap.ok(fu.run("init").returncode == 0, "sf: init"):
            return
        latin = {n: spanish(n).encode("latin-1") for n in FILES}
        mapf = os.path.join(tmp, "stages.csv")
        with open(mapf, "w", encoding="utf-8") as f:
            f.write("stage,milestone\n")
            for st, ms in MILESTONE.items():
                f.write("%s,%s\n" % (st, ms))
        before = fu.dump()
        # One file in Latin-1 at a time: each file of the import is read
        # and checked (the others are the UTF-8 originals).
        for name in FILES:
            d = os.path.join(tmp, "one-" + name.split(".")[0])
            os.mkdir(d)
            for n in FILES:
                with open(os.path.join(d, n), "wb") as f:
                    f.write(latin[n] if n == name else
                            spanish(n).encode("utf-8"))
            line, column, byte = first_non_ascii(latin[name])
            p = fu.run("import", "--format", "salesforce", "--map", mapf,
                       *[os.path.join(d, n) for n in FILES])
            says_not_utf8(tap, "sf Latin-1 " + name, p, name, line, column,
                          byte, "--encoding latin1")
            tap.ok(fu.dump() == before,
                   "sf Latin-1 %s: the database is unchanged" % name)

        d = os.path.join(tmp, "all")
        os.mkdir(d)
        for n in FILES:
            with open(os.path.join(d, n), "wb") as f:
                f.write(latin[n])
        files = [os.path.join(d, n) for n in FILES]
        p = fu.run("import", "--format", "salesforce", "--map", mapf,
                   "--encoding", "latin1", *files)
        if not tap.ok(p.returncode == 0,
                      "sf --encoding latin1 --map: imported", p.stderr):
            return
        with open(os.path.join(SMALL, "expected.json")) as f:
            cases = json.load(f)["cases"]
        for c in cases:
            if c["name"] not in ("overall-q2", "funnel-h1"):
                continue
            diff = compare(fu.report(c["report"], **c["args"]), c["expect"])
            tap.ok(not diff, "sf --encoding latin1: the small case's "
                   "figures, " + c["name"], "\n".join(diff))
        opps = {o["id"]: o for o in fu.json("opp", "list")}
        c = opps.get("006000000000003AAA", {})
        tap.ok(c.get("milestone") == "propose",
               "'Presentación Propuesta' maps onto propose", c)
        tap.ok(opps.get("006000000000005AAA", {}).get("name") ==
               "Hooli - Soporte técnico", "opportunity names come out in "
               "UTF-8", opps.get("006000000000005AAA"))
        users = {u["id"]: u for u in fu.json("user", "list")}
        tap.ok(users.get("005000000000004AAA", {}).get("name") ==
               "Rita Rossí", "user names come out in UTF-8",
               users.get("005000000000004AAA"))
        after = fu.dump()
        p = fu.run("import", "--format", "salesforce", "--map", mapf,
                   "--encoding", "iso-8859-1", *files)
        tap.ok(p.returncode == 0 and fu.dump() == after,
               "re-importing with --encoding iso-8859-1 changes nothing",
               p.stderr)
        p = fu.run("import", "--format", "salesforce", "--encoding",
                   "ebcdic", *files)
        tap.ok(p.returncode == 1 and "latin1" in p.stderr and
               "windows-1252" in p.stderr and "utf-8" in p.stderr,
               "an unknown --encoding is a usage error listing the "
               "supported ones", p.stderr)
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


NATIVE_USERS = "id,name,email,role,team\nrep1,Rob Rep,r@x.io,rep,\n"


def native(tap):
    fu = Funnel()
    tmp = tempfile.mkdtemp(prefix="funnel-enc-")
    try:
        if not tap.ok(fu.run("init").returncode == 0, "native: init"):
            return
        users = os.path.join(tmp, "users.csv")
        opps = os.path.join(tmp, "opportunities.csv")
        with open(users, "wb") as f:
            f.write(NATIVE_USERS.encode())
        head = "id,name,created,owner,milestone,amount\n"
        text = head + ("o1,Señal pública,2025-01-10,rep1,qualify,100\n"
                       "o2,Plain,2025-01-11,rep1,develop,200\n")
        with open(opps, "wb") as f:
            f.write(text.encode("latin-1"))
        before = fu.dump()
        p = fu.run("import", users, opps)
        says_not_utf8(tap, "native Latin-1", p, "opportunities.csv", 2, 6,
                      0xF1, "--encoding latin1")
        tap.ok(fu.dump() == before, "native Latin-1: the database is "
               "unchanged")
        p = fu.run("import", "--encoding", "latin1", users, opps)
        tap.ok(p.returncode == 0, "native --encoding latin1: imported",
               p.stderr)
        o = fu.json("opp", "show", "o1")
        tap.ok(json.dumps(o, ensure_ascii=False).find("Señal pública") >= 0,
               "native --encoding latin1: the name is 'Señal pública'")

        # Windows-1252: curly quotes (0x93 0x94), en dash (0x96), euro
        # (0x80) are not Latin-1 characters.
        text = head + "o3,\u201cBig\u201d deal \u2013 \u20ac5k,2025-02-01," \
            "rep1,qualify,5000\n"
        with open(opps, "wb") as f:
            f.write(text.encode("cp1252"))
        p = fu.run("import", users, opps)
        says_not_utf8(tap, "native Windows-1252", p, "opportunities.csv",
                      2, 4, 0x93, "--encoding windows-1252")
        p = fu.run("import", "--encoding", "windows-1252", users, opps)
        tap.ok(p.returncode == 0, "native --encoding windows-1252: "
               "imported", p.stderr)
        names = {x["id"]: x["name"] for x in fu.json("opp", "list")}
        tap.ok(names.get("o3") == "\u201cBig\u201d deal \u2013 \u20ac5k",
               "windows-1252 quotes, dash and euro sign convert",
               names.get("o3"))

        # 0x81 is undefined in Windows-1252.
        before = fu.dump()
        with open(opps, "wb") as f:
            f.write((head + "o4,ok,2025-02-01,rep1,qualify,1\n").encode() +
                    b"o5,Caf\x81,2025-02-01,rep1,qualify,1\n")
        p = fu.run("import", "--encoding", "cp1252", users, opps)
        tap.ok(p.returncode == 1 and "opportunities.csv:3:7:" in p.stderr
               and "0x81" in p.stderr,
               "a byte undefined in Windows-1252 is refused with its "
               "line and column", p.stderr)
        tap.ok(fu.dump() == before, "... and the database is unchanged")

        # A BOM at the start of every file.
        bom = b"\xef\xbb\xbf"
        with open(users, "wb") as f:
            f.write(bom + NATIVE_USERS.encode())
        with open(opps, "wb") as f:
            f.write(bom + (head + "o6,Çelik Ürün,2025-03-01,rep1,"
                           "qualify,7\n").encode())
        p = fu.run("import", users, opps)
        names = {x["id"]: x["name"] for x in fu.json("opp", "list")}
        tap.ok(p.returncode == 0 and names.get("o6") == "Çelik Ürün",
               "a UTF-8 BOM is accepted and skipped", p.stderr)
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


def process_and_args(tap):
    fu = Funnel()
    tmp = tempfile.mkdtemp(prefix="funnel-enc-")
    try:
        if not tap.ok(fu.run("init").returncode == 0, "process: init"):
            return
        before = fu.dump()
        pf = os.path.join(tmp, "ventas.txt")
        with open(pf, "wb") as f:
            f.write("process default\nmilestone calificación 10%\n"
                    "milestone propuesta 50%\n".encode("latin-1"))
        p = fu.run("process", "set", pf)
        tap.ok(p.returncode == 1 and "ventas.txt:2:21:" in p.stderr and
               "not UTF-8" in p.stderr and "0xF3" in p.stderr,
               "a Latin-1 process file is refused with line:column",
               p.stderr)
        tap.ok(fu.dump() == before, "... and the processes are unchanged")

        env = dict(os.environ)
        env.pop("FUNNEL_DB", None)
        import subprocess
        p = subprocess.run([fu.bin, "--db", fu.db, "user", "add",
                            b"jose", "--name", b"Jos\xe9"],
                           capture_output=True, env=env, cwd=fu.dir)
        err = p.stderr.decode("utf-8", "replace")
        tap.ok(p.returncode == 1 and "argument 7" in err and
               "--name" in err and "0xE9" in err,
               "a command-line argument that is not UTF-8 is refused, "
               "naming its position, its option and the byte", err)
        tap.ok(fu.dump() == before, "... and nothing is written")
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)




def old_store(tap):
    fu = Funnel()
    tmp = tempfile.mkdtemp(prefix="funnel-enc-")
    try:
        if not tap.ok(fu.run("init").returncode == 0, "old store: init"):
            return
        p = fu.run("import", "--format", "salesforce",
                   *[os.path.join(SMALL, n) for n in FILES])
        if not tap.ok(p.returncode == 0, "old store: import", p.stderr):
            return
        db = sqlite3.connect(fu.db)
        db.execute("UPDATE opportunity SET name = CAST(? AS TEXT) "
                   "WHERE ext_id = ?",
                   (b"Presentaci\xf3n Propuesta", "006000000000003AAA"))
        db.execute("UPDATE user SET name = CAST(? AS TEXT) "
                   "WHERE ext_id = ?", (b"Ravi Rao \x93Rav\x94",
                                        "005000000000005AAA"))
        db.execute("UPDATE account SET name = CAST(? AS TEXT) "
                   "WHERE ext_id = ?", (b"Glob\xe9x", "001000000000002AAA"))
        db.commit()
        n_opp = db.execute("SELECT count(*) FROM opportunity").fetchone()[0]
        n_user = db.execute("SELECT count(*) FROM user").fetchone()[0]
        n_acc = db.execute("SELECT count(*) FROM account").fetchone()[0]
        db.close()

        def check(what, cond, detail):
            tap.ok(cond, "a store with Latin-1 strings: " + what +
                   " gives every record", detail)

        p = fu.run("opp", "list", "--json")
        try:
            got = len(json.loads(p.stdout))
        except ValueError:
            got = -1
        check("opp list --json", p.returncode == 0 and got == n_opp,
              "exit %d, %d of %d: %s" % (p.returncode, got, n_opp,
                                         p.stderr))
        p = fu.run("user", "list", "--json")
        try:
            got = len(json.loads(p.stdout))
        except ValueError:
            got = -1
        check("user list --json", p.returncode == 0 and got == n_user,
              "exit %d, %d of %d: %s" % (p.returncode, got, n_user,
                                         p.stderr))
        p = fu.run("opp", "show", "006000000000003AAA", "--json")
        check("opp show --json", p.returncode == 0 and
              "Presentaci\ufffdn" in p.stdout, "exit %d: %s" % (
                  p.returncode, p.stderr))

        out = os.path.join(tmp, "json")
        p = fu.run("export", "--format", "json", out)
        doc = None
        if p.returncode == 0:
            with open(os.path.join(out, "funnel.json"), "rb") as f:
                raw = f.read()
            doc = json.loads(raw.decode("utf-8"))
        check("export --format json", doc is not None and
              len(doc["opportunities"]) == n_opp and
              len(doc["users"]) == n_user and
              len(doc["accounts"]) == n_acc, "exit %d: %s" % (
                  p.returncode, p.stderr))
        if doc:
            names = {o["id"]: o["name"] for o in doc["opportunities"]}
            tap.ok(names.get("006000000000003AAA") ==
                   "Presentaci\ufffdn Propuesta",
                   "export --format json shows a bad byte as U+FFFD",
                   names.get("006000000000003AAA"))
        out = os.path.join(tmp, "csv")
        p = fu.run("export", out)
        ok = p.returncode == 0
        if ok:
            for n in os.listdir(out):
                with open(os.path.join(out, n), "rb") as f:
                    try:
                        f.read().decode("utf-8")
                    except UnicodeDecodeError:
                        ok = False
        tap.ok(ok, "export (CSV) writes valid UTF-8 from such a store",
               p.stderr)
        fu2 = Funnel()
        try:
            fu2.run("init", check=True)
            p = fu2.run("import", *[os.path.join(out, n) for n in
                                    sorted(os.listdir(out))])
            tap.ok(p.returncode == 0, "... which imports again", p.stderr)
        finally:
            fu2.close()
    finally:
        fu.close()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    tap = Tap()
    salesforce(tap)
    native(tap)
    process_and_args(tap)
    old_store(tap)
    tap.done()


if __name__ == "__main__":
    main()
