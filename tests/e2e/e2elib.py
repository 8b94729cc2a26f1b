"""e2elib.py - what the end-to-end tests share: TAP-like output ("ok - ..."
/ "not ok - ..." lines that tests/run.sh counts), running the funnel binary
on a throwaway database, and comparing report documents field by field with
the tolerances the tests allow (amounts 0.01, rates 1e-9)."""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

AMOUNTS = {"won", "lost", "pipeline", "weighted", "commit", "best_case",
           "target", "gap", "amount", "velocity"}
RATES = {"coverage", "attainment", "win_rate", "win_rate_value",
         "conversion", "win_rate_from"}
DAYS = {"dwell_median", "dwell_p80", "cycle_median", "cycle_p80",
        "cycle_mean"}
COUNTS = {"count", "exits"}


class Tap:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, cond, what, detail=None):
        if cond:
            self.passed += 1
            print("ok - " + what)
        else:
            self.failed += 1
            print("not ok - " + what)
            if detail:
                for line in str(detail).splitlines():
                    print("#   " + line)
        sys.stdout.flush()
        return cond

    def skip(self, what, why):
        print("# skip %s: %s" % (what, why))

    def done(self):
        print("# %d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def funnel_bin():
    b = os.environ.get("FUNNEL_BIN") or os.path.join(ROOT, "funnel")
    return os.path.abspath(b)


class Funnel:
    """The binary on a database in a fresh temporary directory."""

    def __init__(self, name="funnel.db"):
        self.dir = tempfile.mkdtemp(prefix="funnel-e2e-")
        self.db = os.path.join(self.dir, name)
        self.bin = funnel_bin()

    def run(self, *args, check=False):
        env = dict(os.environ)
        env.pop("FUNNEL_DB", None)
        try:
            p = subprocess.run([self.bin, "--db", self.db] + list(args),
                               capture_output=True, text=True, env=env,
                               cwd=self.dir)
        except OSError as e:
            p = subprocess.CompletedProcess(args, 127, "", "%s: %s" % (
                self.bin, e))
        if check and p.returncode != 0:
            raise RuntimeError("funnel %s: exit %d\n%s" % (
                " ".join(args), p.returncode, p.stderr))
        return p

    def json(self, *args):
        p = self.run(*args, "--json", check=True)
        return json.loads(p.stdout)

    def report(self, name, as_of=None, period=None, window=None,
               owner=None, team=None):
        a = ["report", name]
        for opt, v in (("--as-of", as_of), ("--period", period),
                       ("--window", window), ("--owner", owner),
                       ("--team", team)):
            if v is not None:
                a += [opt, v]
        return self.json(*a)

    def dump(self):
        p = subprocess.run(["sqlite3", self.db, ".dump"], capture_output=True)
        if p.returncode != 0:
            raise RuntimeError("sqlite3 .dump: " + p.stderr.decode())
        return p.stdout

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def near(got, want, tol):
    if want is None or got is None:
        return got is None and want is None
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    if isinstance(want, float) and math.isnan(want):
        return False
    return abs(got - want) <= tol


def compare(got, want, path=""):
    """Differences between a report document and the expected one, as
    "path: got X, want Y" strings. Only the fields of want are checked."""
    out = []
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return ["%s: got %r, want an object" % (path or ".", got)]
        for k, v in want.items():
            p = path + "." + k if path else k
            if k not in got:
                out.append("%s: missing" % p)
                continue
            if isinstance(v, (dict, list)):
                out += compare(got[k], v, p)
                continue
            if k in AMOUNTS:
                tol = 0.01 + 1e-6
            elif k in RATES:
                tol = 1e-9
            elif k in DAYS:
                tol = 1e-6
            elif k in COUNTS:
                tol = 0
            else:
                if got[k] != v:
                    out.append("%s: got %r, want %r" % (p, got[k], v))
                continue
            if not near(got[k], v, tol):
                out.append("%s: got %r, want %r" % (p, got[k], v))
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return ["%s: got %r, want a list of %d" % (path, got, len(want))]
        for i, (g, w) in enumerate(zip(got, want)):
            out += compare(g, w, "%s[%d]" % (path, i))
        return out
    return out if got == want else ["%s: got %r, want %r" % (path, got, want)]
