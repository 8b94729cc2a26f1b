#!/usr/bin/env python3
"""gen_salesforce.py - a seedable generator of a realistic Salesforce data
export (User.csv, Opportunity.csv, OpportunityHistory.csv) for the
end-to-end tests and the benchmarks.

    python3 tests/e2e/gen_salesforce.py --opps N --seed S --out DIR
                                        [--start 2024-01-01] [--end 2026-06-30]
                                        [--real]

The export is taken on --end: no history row is later. Deals walk through
Salesforce's default stages with the things real pipelines do: forward
moves, skipped stages, renames inside one milestone (Prospecting ->
Qualification, Value Proposition -> Id. Decision Makers), backward moves,
several changes on one day, amount changes, close date pushes, forecast
category changes, won and lost deals, a few reopened ones, open deals left
past due, some deals without any history row, and some history rows written
out of opportunity order. Same seed and arguments, same files.

--real writes an export with the traits of a real org's (issue 9): the
top manager's ManagerId is Salesforce's empty id 000000000000000AAA; the
files are Latin-1 with accented names; the stages are custom Spanish names
(with accents), mapped by a stage map written beside them as
stages.map.csv (UTF-8, not part of the export); some amounts have three
decimals; four currencies with CurrencyIsoCode and CurrencyType.csv
(corporate EUR); an IsDeleted column with a few deleted opportunities and
history rows. Won deals' close dates often differ from the day of the
stage change (in every mode).

Rows are written with plain string formatting (none of the generated values
needs CSV quoting except names, which are quoted by hand) so that a million
opportunities take about a minute.
"""
import argparse
import datetime
import os
import random

# Salesforce's default opportunity stages: name, milestone level in funnel's
# default process (0 qualify .. 4 commit), Salesforce probability, default
# forecast category.
STAGES = [
    ("Prospecting", 0, 10, "Pipeline"),
    ("Qualification", 0, 10, "Pipeline"),
    ("Needs Analysis", 1, 20, "Pipeline"),
    ("Value Proposition", 2, 50, "Pipeline"),
    ("Id. Decision Makers", 2, 60, "Pipeline"),
    ("Perception Analysis", 2, 70, "Pipeline"),
    ("Proposal/Price Quote", 3, 75, "Pipeline"),
    ("Negotiation/Review", 4, 90, "Pipeline"),
]
WON = ("Closed Won", 100, "Closed")
LOST = ("Closed Lost", 0, "Omitted")

FIRST = ["Ava", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro",
         "Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pedro",
         "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Xenia",
         "Yusuf", "Zoe", "Li", "Mei", "Arjun", "Fatima"]
LAST = ["Adams", "Berg", "Chen", "Dubois", "Evans", "Fischer", "Garcia",
        "Hansen", "Ito", "Jensen", "Kowalski", "Lopez", "Müller", "Nakamura",
        "O'Brien", "Patel", "Rossi", "Schmidt", "Tanaka", "Wang", "Zhang"]
WORDS = ["Cloud", "Platform", "Renewal", "Expansion", "Upgrade", "Pilot",
         "Migration", "Analytics", "Security", "Support", "Licenses",
         "Rollout", "Integration", "Training"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark",
             "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Vandelay", "Wonka",
             "Aperture", "Massive", "Oscorp", "Nakatomi"]
SUFFIX = ["Inc.", "GmbH", "Ltd", "S.A.", "Co.", "AG", "LLC"]
SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List",
           "External Referral", "Trade Show", "Word of mouth", "Other", ""]
TYPES = ["New Customer", "Existing Customer - Upgrade",
         "Existing Customer - Replacement", "Existing Customer - Downgrade"]

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUF = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def sfid(prefix, n):
    """An 18-character Salesforce-like id: a 10-character prefix, n in
    base 62 on 5 characters, and the case-safe 3-character suffix
    Salesforce derives from the uppercase letters of the 15-character id."""
    s = []
    for _ in range(5):
        n, r = divmod(n, 62)
        s.append(B62[r])
    id15 = prefix + "".join(reversed(s))
    tail = ""
    for chunk in range(3):
        bits = 0
        for i, c in enumerate(id15[chunk * 5:chunk * 5 + 5]):
            if "A" <= c <= "Z":
                bits |= 1 << i
        tail += SUF[bits]
    return id15 + tail


def q(s):
    return '"' + s.replace('"', '""') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--opps", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--start", default="2024-01-01")
    ap.add_argument("--end", default="2026-06-30")
    ap.add_argument("--real", action="store_true")
    a = ap.parse_args()
    generate(a.opps, a.seed, a.out, a.start, a.end, a.real)


# --real: Spanish stage names of a real org, and their milestones.
REAL_STAGES = {
    "Prospecting": "Prospección", "Qualification": "Calificación",
    "Needs Analysis": "Análisis de necesidades",
    "Value Proposition": "Propuesta de valor",
    "Id. Decision Makers": "Identificación de decisores",
    "Perception Analysis": "Análisis de percepción",
    "Proposal/Price Quote": "Presentación Propuesta",
    "Negotiation/Review": "Negociación/Revisión",
    "Closed Won": "Cerrada ganada", "Closed Lost": "Cerrada perdida",
}
REAL_MS = {
    "Prospecting": "qualify", "Qualification": "qualify",
    "Needs Analysis": "develop", "Value Proposition": "prove",
    "Id. Decision Makers": "prove", "Perception Analysis": "prove",
    "Proposal/Price Quote": "propose", "Negotiation/Review": "commit",
    "Closed Won": "won", "Closed Lost": "lost",
}
# Units per corporate-currency unit (EUR), as Salesforce writes them.
REAL_RATES = [("EUR", "1.000000", "true"), ("USD", "1.085000", "false"),
              ("MXN", "18.630000", "false"), ("GBP", "0.857000", "false")]
REAL_FIRST = ["José", "María", "Begoña", "Iñaki", "Zoë", "Aurélie", "Søren",
              "Renée"]
REAL_LAST = ["Muñoz", "Peña", "Ibáñez", "García", "Gómez", "Sánchez",
             "Ødegård", "Müller"]


def generate(n_opps, seed, out, start, end, real=False):
    rng = random.Random(seed)
    if real:
        generate_plain(n_opps, seed, out, start, end)
        realise(out, rng)
        return
    generate_plain(n_opps, seed, out, start, end)


def realise(out, rng):
    """Rewrites a plain export into one with a real org's traits (see the
    module comment)."""
    import csv
    import io

    def read(name):
        with open(os.path.join(out, name), newline="",
                  encoding="utf-8") as f:
            return list(csv.reader(f))

    def write(name, rows):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerows(rows)
        with open(os.path.join(out, name), "w", newline="",
                  encoding="latin-1") as f:
            f.write(buf.getvalue())

    users = read("User.csv")
    h = users[0]
    for r in users[1:]:
        r[h.index("Name")] = rng.choice(REAL_FIRST) + " " + \
            rng.choice(REAL_LAST)
        if not r[h.index("ManagerId")]:
            r[h.index("ManagerId")] = "000000000000000AAA"
    write("User.csv", users)

    three = {}

    def amount3(a):
        # a third decimal, as Salesforce's currency conversion leaves; the
        # same amount the same way in both files
        if a not in three:
            three[a] = a
            if a and rng.random() < 0.2:
                three[a] = "%s.%02d%d" % (a.split(".")[0],
                                          rng.randint(0, 99),
                                          rng.choice((5, 5, 1, 9)))
        return three[a]

    opps = read("Opportunity.csv")
    h = opps[0]
    deleted = set()
    opps[0] = h + ["CurrencyIsoCode", "IsDeleted"]
    for r in opps[1:]:
        r[h.index("StageName")] = REAL_STAGES[r[h.index("StageName")]]
        r[h.index("Amount")] = amount3(r[h.index("Amount")])
        r.append(rng.choice(("EUR", "EUR", "USD", "MXN", "GBP")))
        dele = rng.random() < 0.02
        if dele:
            deleted.add(r[0])
        r.append("true" if dele else "false")
    write("Opportunity.csv", opps)

    hist = read("OpportunityHistory.csv")
    h = hist[0]
    hist[0] = h + ["IsDeleted"]
    body = []
    for r in hist[1:]:
        r[h.index("StageName")] = REAL_STAGES[r[h.index("StageName")]]
        r[h.index("Amount")] = amount3(r[h.index("Amount")])
        r.append("true" if r[h.index("OpportunityId")] in deleted
                 else "false")
        body.append(r)
        if rng.random() < 0.01:
            # a deleted row that would change the figures if it counted
            x = list(r)
            x[0] = x[0][:-3] + "DEL"
            x[h.index("StageName")] = REAL_STAGES["Closed Lost"]
            x[h.index("Amount")] = "999999"
            x[-1] = "true"
            body.append(x)
    write("OpportunityHistory.csv", [hist[0]] + body)

    write("CurrencyType.csv", [["Id", "IsoCode", "ConversionRate",
                                "DecimalPlaces", "IsActive", "IsCorporate"]] +
          [["01L8a00000%08d" % i, c, cr, "2", "true", corp]
           for i, (c, cr, corp) in enumerate(REAL_RATES)])
    with open(os.path.join(out, "stages.map.csv"), "w",
              encoding="utf-8") as f:
        f.write("stage,milestone\n")
        for en, es in REAL_STAGES.items():
            f.write("%s,%s\n" % (es, REAL_MS[en]))


def generate_plain(n_opps, seed, out, start, end):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    d0 = datetime.date.fromisoformat(start).toordinal()
    d1 = datetime.date.fromisoformat(end).toordinal()
    if d1 <= d0:
        raise SystemExit("--end must be after --start")
    # Day strings for every ordinal the generator may print (close dates
    # run up to a year past the end).
    base = d0 - 400
    days = [datetime.date.fromordinal(o).isoformat()
            for o in range(base, d1 + 800)]

    def ds(o):
        return days[o - base]

    def ts(o, sec):
        return "%s %02d:%02d:%02d" % (days[o - base], sec // 3600,
                                      sec // 60 % 60, sec % 60)

    # People: a VP, 2-4 managers under the VP, reps under the managers.
    users = []
    uid = [0]

    def new_user(manager, active=True):
        uid[0] += 1
        name = rng.choice(FIRST) + " " + rng.choice(LAST)
        u = (sfid("0058a00000", 1000 + uid[0]), name, manager, active)
        users.append(u)
        return u[0]

    vp = new_user("")
    managers = [new_user(vp) for _ in range(rng.randint(2, 4))]
    n_reps = max(6, min(400, n_opps // 150))
    reps = [new_user(rng.choice(managers), rng.random() > 0.08)
            for _ in range(n_reps)]
    with open(os.path.join(out, "User.csv"), "w", encoding="utf-8") as f:
        f.write("Id,Name,Email,ManagerId,IsActive\n")
        for i, name, mgr, active in users:
            email = name.lower().replace(" ", ".").replace("'", "") + \
                "@example.com"
            f.write("%s,%s,%s,%s,%s\n" % (i, q(name), email, mgr,
                                          "true" if active else "false"))

    n_acc = max(10, n_opps // 8)
    acc_ids = [sfid("0018a00000", 5000 + i) for i in range(n_acc)]
    acc_names = ["%s %s %s" % (rng.choice(COMPANIES), rng.choice(WORDS),
                               rng.choice(SUFFIX)) for _ in range(n_acc)]

    fo = open(os.path.join(out, "Opportunity.csv"), "w", encoding="utf-8")
    fh = open(os.path.join(out, "OpportunityHistory.csv"), "w",
              encoding="utf-8")
    fo.write("Id,Name,AccountId,OwnerId,Amount,CloseDate,StageName,"
             "ForecastCategoryName,Probability,CreatedDate,IsClosed,IsWon,"
             "LeadSource,Type\n")
    fh.write("Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,"
             "ForecastCategory,Probability,ExpectedRevenue,CreatedById\n")
    obuf, hbuf, later = [], [], []
    hid = 0
    rand = rng.random
    randint = rng.randint
    span = d1 - d0

    def amount_str(cents):
        if cents % 100:
            return "%d.%02d" % (cents // 100, cents % 100)
        return "%d" % (cents // 100)

    for n in range(n_opps):
        oid = sfid("0068a00000", 100000 + n)
        owner = rng.choice(reps) if rand() > 0.01 else rng.choice(managers)
        acc = randint(0, n_acc - 1)
        # Most deals are created early enough to move; a few on the last days.
        day = d0 + int(span * rand() ** 0.9)
        sec = randint(7 * 3600, 19 * 3600)
        created_day, created_sec = day, sec
        cents = rng.choice((5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100,
                            150, 250, 500)) * 100000
        if rand() < 0.15:
            cents += randint(1, 99999)
        close = day + randint(30, 180)
        r = rand()
        si = 0 if r < 0.7 else (1 if r < 0.85 else 2)
        cat = "Pipeline"
        closed = None  # None, "won", "lost"
        name = "%s - %s" % (acc_names[acc], rng.choice(WORDS))
        src = rng.choice(SOURCES)
        typ = rng.choice(TYPES)

        if rand() < 0.05:
            # No history rows: Opportunity.csv alone says what is known.
            r = rand()
            if r < 0.35:
                closed = "won"
            elif r < 0.65:
                closed = "lost"
            if closed:
                close = day + randint(-20, 200)
                stage, prob, cat = WON if closed == "won" else LOST
            else:
                si = randint(0, 7)
                stage, _, prob, cat = STAGES[si]
            amt = "" if rand() < 0.1 else amount_str(cents)
            obuf.append("%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s\n" % (
                oid, q(name), acc_ids[acc], owner, amt, ds(close), stage,
                cat, prob, ts(created_day, created_sec),
                "true" if closed else "false",
                "true" if closed == "won" else "false", q(src), q(typ)))
            continue

        rows = []
        # A few deals were created a little before their first history row.
        if rand() < 0.04:
            created_day = day - randint(1, 5)

        def snap():
            if closed == "won":
                st, pr, _ = WON
            elif closed == "lost":
                st, pr, _ = LOST
            else:
                st, _, pr, _ = STAGES[si]
            rows.append((day, sec, st, cents, close, cat, pr))

        snap()
        win_bias = rand()
        while True:
            # Next change: usually days or weeks later, sometimes the same
            # day (several changes on one day).
            if rand() < 0.12 and sec < 80000:
                sec += randint(30, 3000)
            else:
                day += int(rng.expovariate(1 / 18.0)) + 1
                sec = randint(7 * 3600, 19 * 3600)
            if day > d1:
                break
            r = rand()
            if closed:
                # A closed deal is seldom touched again: a reopen.
                if closed == "lost" and r < 0.03:
                    closed = None
                    si = randint(0, 3)
                    cat = "Pipeline"
                    close = day + randint(20, 90)
                    snap()
                break
            lvl = STAGES[si][1]
            if r < 0.38:
                # Forward one stage (may be a rename inside the milestone).
                if si < 7:
                    si += 1
                elif rand() < 0.5 + 0.4 * win_bias:
                    closed = "won"
                else:
                    closed = "lost"
            elif r < 0.46 and si < 6:
                si = randint(si + 2, min(7, si + 4))  # skip milestones
            elif r < 0.52 and si > 0:
                si = max(0, si - randint(1, 2))        # backward
            elif r < 0.57:
                closed = "lost"
            elif r < 0.60 + 0.05 * lvl:
                closed = "won"                          # early win
            elif r < 0.70:
                f = rng.choice((0.5, 0.8, 0.9, 1.1, 1.25, 1.5, 2.0))
                cents = int(cents * f) // 100 * 100 + (
                    randint(1, 99) if rand() < 0.1 else 0)
            elif r < 0.80:
                close += randint(7, 95)                 # pushed out
            elif r < 0.86:
                close -= randint(1, 20)                 # pulled in
            elif r < 0.95:
                cat = rng.choice(("Pipeline", "Best Case", "Commit",
                                  "Omitted"))
            else:
                # Nothing for a long while: the deal goes stale.
                day += randint(30, 150)
                if day > d1:
                    break
            if closed:
                if closed == "won":
                    cat = "Closed"
                    if rand() < 0.8:
                        close = day
                else:
                    cat = "Omitted"
                    if rand() < 0.5:
                        close = day
            snap()
        for (dd, ss, st, am, cl, ct, pr) in rows:
            hid += 1
            line = "%s,%s,%s,%s,%s,%s,%s,%d,%.2f,%s\n" % (
                sfid("0088a00000", hid), oid, ts(dd, ss), st,
                amount_str(am), ds(cl), ct, pr, am * pr / 10000.0, owner)
            if n % 7 == 3:
                later.append(line)
            else:
                hbuf.append(line)
        last = rows[-1]
        obuf.append("%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s\n" % (
            oid, q(name), acc_ids[acc], owner, amount_str(last[3]),
            ds(last[4]), last[2], last[5], last[6],
            ts(created_day, created_sec if created_day == rows[0][0]
               else randint(7 * 3600, 19 * 3600)),
            "true" if closed else "false",
            "true" if closed == "won" else "false", q(src), q(typ)))
        if len(later) > 2000:
            # Some opportunities' rows come out of order and interleaved.
            rng.shuffle(later)
            hbuf.extend(later)
            later = []
        if len(hbuf) > 50000:
            fh.write("".join(hbuf))
            hbuf = []
        if len(obuf) > 20000:
            fo.write("".join(obuf))
            obuf = []
    rng.shuffle(later)
    hbuf.extend(later)
    fh.write("".join(hbuf))
    fo.write("".join(obuf))
    fh.close()
    fo.close()


if __name__ == "__main__":
    main()
