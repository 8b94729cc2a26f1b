#!/bin/sh
# cli_ops.sh - the CLI behaviours of issue 5's operations, on the real
# binary ($FUNNEL_BIN, default ./funnel) and a temporary database, today
# pinned to 2026-02-15: probabilities are percentages, one date rule for
# every dated change, conflicts, outcomes by prefix and number and their
# uncheck, `opp list --open`, the close day of a closed deal, an unknown
# --milestone, singular texts, aligned CJK names, a process file that
# drops a milestone with open deals (--move), accounts, contacts, rates,
# and the same message for a missing file in every command.
# Prints "ok - ..." / "not ok - ..." per check; exits 1 when any failed.

BIN=${FUNNEL_BIN:-./funnel}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/funnel-ops.XXXXXX") || exit 1
# KEEP=1 keeps the temporary directory for a look after a failure.
trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT INT TERM
DB=$tmp/t.db
FUNNEL_TODAY=2026-02-15
export FUNNEL_TODAY
unset FUNNEL_DB
failed=0

ok() { echo "ok - $1"; }
nok() {
	echo "not ok - $1"
	failed=$((failed + 1))
}
run() { "$BIN" --db "$DB" "$@"; }

expect_ok() {
	desc=$1
	shift
	if run "$@" >"$tmp/out" 2>"$tmp/err"; then
		ok "$desc"
	else
		nok "$desc (exit $?: $(cat "$tmp/err"))"
	fi
}

expect_fail() {
	desc=$1 want=$2 text=$3
	shift 3
	run "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ] && grep -qF -- "$text" "$tmp/err"; then
		ok "$desc"
	else
		nok "$desc (exit $st, wanted $want and '$text': $(cat "$tmp/err"))"
	fi
}

# out_has DESC TEXT: the last command's stdout holds TEXT.
out_has() {
	if grep -qF -- "$2" "$tmp/out"; then ok "$1"; else
		nok "$1 (no '$2' in: $(cat "$tmp/out"))"
	fi
}

json() {
	if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def near(a, b):
    return a is not None and b is not None and abs(a - b) < 1e-6
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$2" "$3" 2>"$tmp/pyerr"; then
		ok "$1"
	else
		nok "$1 ($3 is false$(tail -n 1 "$tmp/pyerr" | sed "s/^/: /"))"
	fi
}

run init >/dev/null
run user add bob --name Bob >/dev/null

# ---- probability input is a percentage ---------------------------------------
expect_ok "opp add with --probability 1" opp add P1 --name "One" --owner bob \
	--amount 1000 --close 2026-03-31 --probability 1 --date 2026-01-05
run opp show P1 --json >"$tmp/p1.json"
json "--probability 1 means 1 %" "$tmp/p1.json" \
	'near(d["state"]["probability"], 0.01)'
expect_ok "opp edit --probability 1.01" opp edit P1 --probability 1.01 \
	--date 2026-01-06
run opp show P1 --json >"$tmp/p1.json"
json "--probability 1.01 means 1.01 %" "$tmp/p1.json" \
	'near(d["state"]["probability"], 0.0101)'
expect_ok "opp edit --probability 35%" opp edit P1 --probability 35% \
	--date 2026-01-07
out_has "one change is 'change', not 'changes'" "1 change recorded"
run opp show P1 --json >"$tmp/p1.json"
json "--probability 35% means 35 %" "$tmp/p1.json" \
	'near(d["state"]["probability"], 0.35)'
expect_fail "--probability 101 is refused" 1 "percentage 0..100" \
	opp edit P1 --probability 101 --date 2026-01-08

# ---- one date rule ---------------------------------------------------------------
expect_fail "add dated in the future is refused" 1 "in the future" \
	opp add P9 --name X --owner bob --amount 1 --close 2026-03-01 \
	--date 2026-02-16
for cmd in "edit P1 --amount 5" "advance P1 develop" "close P1 won" \
	"outcome P1 1" "activity P1 call"; do
	# shellcheck disable=SC2086
	expect_fail "opp $cmd dated in the future is refused" 1 "in the future" \
		opp $cmd --date 2026-03-01
	# shellcheck disable=SC2086
	expect_fail "opp $cmd dated before the deal existed is refused" 1 \
		"before opportunity 'P1' existed" opp $cmd --date 2026-01-01
done

# ---- outcomes by prefix and number, uncheck ---------------------------------------
expect_ok "outcome by number within the milestone" opp outcome P1 2 \
	--date 2026-01-10
out_has "number 2 of qualify is 'a contact is identified'" \
	"checked 'a contact is identified'"
expect_ok "outcome by an unambiguous prefix" opp outcome P1 PROSP \
	--date 2026-01-10
out_has "the prefix names the outcome" "prospect agreed to explore a need"
expect_fail "an ambiguous prefix lists the choices" 1 \
	"3.2 'evaluation plan agreed by the customer'" opp outcome P1 evaluation
expect_fail "an unknown outcome lists the choices" 1 "choices: 1.1" \
	opp outcome P1 "no such outcome"
expect_fail "checking a checked outcome is a conflict" 1 "already checked" \
	opp outcome P1 prosp --date 2026-01-11
expect_ok "opp uncheck" opp uncheck P1 1.1 --date 2026-01-12
expect_ok "opp outcome --uncheck" opp outcome P1 "a contact" --uncheck \
	--date 2026-01-12
expect_fail "unchecking an unchecked outcome is a conflict" 1 "not checked" \
	opp uncheck P1 1.1 --date 2026-01-13
run opp show P1 --json >"$tmp/p1.json"
json "unchecks are kept as dated history" "$tmp/p1.json" \
	'sorted(o["unchecked"] for o in d["outcomes"]) == ["2026-01-12", "2026-01-12"]'
expect_ok "process show" process show
out_has "process show numbers the outcomes" "# 1.2"

# ---- unchecks survive an export and an import ---------------------------------------
if run export --format csv "$tmp/exp" >/dev/null 2>&1 &&
	"$BIN" --db "$tmp/copy.db" init >/dev/null 2>&1 &&
	"$BIN" --db "$tmp/copy.db" import "$tmp"/exp/*.csv >/dev/null 2>"$tmp/err" &&
	"$BIN" --db "$tmp/copy.db" import "$tmp"/exp/*.csv >/dev/null 2>>"$tmp/err" &&
	"$BIN" --db "$tmp/copy.db" opp show P1 --json >"$tmp/copy.json"; then
	json "an export imported twice elsewhere keeps the unchecked outcomes" \
		"$tmp/copy.json" \
		'sorted(o["unchecked"] for o in d["outcomes"]) == ["2026-01-12", "2026-01-12"]'
else
	nok "an export imported twice elsewhere keeps the unchecked outcomes ($(cat "$tmp/err"))"
fi

# ---- conflicts ----------------------------------------------------------------------
expect_ok "opp add P2" opp add P2 --name "Two" --owner bob --amount 2000 \
	--close 2026-03-31 --date 2026-01-05
expect_ok "close P2 won" opp close P2 won --date 2026-02-01
expect_fail "closing again says when and how it closed" 1 \
	"already closed: it was closed (won) on 2026-02-01" opp close P2 lost
expect_fail "editing a closed deal is a conflict" 1 "already closed" \
	opp edit P2 --amount 5
expect_fail "reopening an open deal is a conflict" 1 "is not closed" \
	opp reopen P1
expect_fail "adding an existing id is a conflict" 1 "already exists" \
	opp add P2 --name X --owner bob --amount 1 --close 2026-03-01

# ---- opp list -------------------------------------------------------------------------
expect_ok "opp list --open" opp list --open
out_has "--open shows one deal, in the singular" "1 opportunity"
if grep -q "^P2 " "$tmp/out"; then nok "--open leaves out the won deal"; else
	ok "--open leaves out the won deal"; fi
expect_ok "opp list" opp list
if grep "^P2 " "$tmp/out" | grep -q "2026-02-01"; then
	ok "a won deal's CLOSE column is its close day"
else
	nok "a won deal's CLOSE column is its close day ($(grep '^P2 ' "$tmp/out"))"
fi
run opp list --json >"$tmp/list.json"
json "JSON keeps close_date and adds closed_on" "$tmp/list.json" \
	'[(o["close_date"], o["closed_on"]) for o in d if o["id"] == "P2"] == [("2026-03-31", "2026-02-01")]'
run opp list --period 2026-02 --json >"$tmp/feb.json"
json "--period: a won deal counts in the month of its close day" \
	"$tmp/feb.json" '[o["id"] for o in d] == ["P2"]'
run opp list --period 2026-03 --json >"$tmp/mar.json"
json "--period: an open deal counts in the month it is expected to close" \
	"$tmp/mar.json" '"P1" in [o["id"] for o in d] and "P2" not in [o["id"] for o in d]'
expect_fail "--milestone nosuch is an error listing the milestones" 1 \
	"no milestone 'nosuch' (milestones: qualify, develop" \
	opp list --milestone nosuch
expect_ok "opp add with a Chinese name" opp add P3 \
	--name "中文名字的一个很长的机会名称测试一下" --owner bob --amount 1 \
	--close 2026-03-31 --date 2026-01-05
run opp list >"$tmp/out" 2>&1
python3 - "$tmp/out" <<'PY' && ok "opp list cuts a CJK name between characters and keeps the columns aligned" || nok "opp list cuts a CJK name between characters and keeps the columns aligned ($(cat "$tmp/out"))"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def col(line, text):
    i = line.index(text)
    return width(line[:i])
head = lines[0]
row = [l for l in lines if l.startswith("P3 ")][0]
sys.exit(0 if col(row, "bob") == col(head, "OWNER") and
         "中文名字的一个很长的机会名称 " in row else 1)
PY

# ---- a process that drops a milestone with open deals -----------------------------
expect_ok "advance P3 develop" opp advance P3 develop --date 2026-01-20
printf 'process default\nmilestone qualify 10%%\nmilestone prove 50%%\nmilestone commit 90%%\n' >"$tmp/p.txt"
expect_fail "dropping develop with an open deal is refused, naming how many" 1 \
	"which holds 1 open opportunity" process load "$tmp/p.txt"
run process show >"$tmp/out"
out_has "the refused file changed nothing" "milestone develop"
expect_ok "process load --move develop=prove" process load "$tmp/p.txt" \
	--move develop=prove
out_has "the load says how many moved" "moved 1 opportunity"
run opp show P3 --json >"$tmp/p3.json"
json "the stranded deal is in prove, dated today" "$tmp/p3.json" \
	'd["state"]["milestone"] == "prove" and d["state"]["milestone_since"] == "2026-02-15"'

# ---- accounts, contacts, rates --------------------------------------------------------
expect_ok "account add" account add acme --name "Acme, Inc." --sector tech
expect_fail "account add of an existing id is a conflict" 1 "already exists" \
	account add acme --name X
expect_ok "account edit" account edit acme --sector retail
run account list --json >"$tmp/acc.json"
json "account list --json" "$tmp/acc.json" \
	'[(a["id"], a["name"], a["sector"]) for a in d] == [("acme", "Acme, Inc.", "retail")]'
expect_ok "contact add with a buying role" contact add c1 --name Dana \
	--account acme --role power_sponsor
expect_fail "a bad buying role is refused" 1 "not a buying role" \
	contact edit c1 --role chief
expect_ok "contact edit" contact edit c1 --role influencer
run contact list --account acme --json >"$tmp/con.json"
json "contact list --json" "$tmp/con.json" \
	'[(c["id"], c["account"], c["role"]) for c in d] == [("c1", "acme", "influencer")]'
expect_ok "opp add in EUR" opp add E1 --name "Euro deal" --owner bob \
	--amount 1000 --close 2026-03-31 --currency EUR --date 2026-01-05
expect_fail "a currency without a rate names it, the date, the deal and the fix" \
	1 "no exchange rate for EUR on 2026-02-15, needed for opportunity E1; add one with: funnel rate set EUR" \
	report overall --as-of 2026-02-15
expect_ok "rate set" rate set EUR 2026-01-01 1.08
expect_ok "with the rate, the report runs" report overall --as-of 2026-02-15
expect_fail "the reporting currency has no rate" 1 "reporting currency" \
	rate set USD 2026-01-01 1
run rate list --json >"$tmp/rate.json"
json "rate list --json" "$tmp/rate.json" \
	'[(r["currency"], r["date"], r["rate"]) for r in d] == [("EUR", "2026-01-01", 1.08)]'

# ---- one message for a missing file ---------------------------------------------------
expect_fail "process load of a missing file" 1 "$tmp/none.txt: no such file" \
	process load "$tmp/none.txt"
expect_fail "import of a missing file" 1 "$tmp/none.csv: no such file" \
	import "$tmp/none.csv"

# ---- init sets the currency and fiscal year it is given ---------------------------------
DB0=$DB
DB=$tmp/eur.db
expect_ok "init --currency EUR --fiscal-start 4" init --currency EUR \
	--fiscal-start 4
run report overall --json --as-of 2026-05-15 >"$tmp/eur.json"
json "the reporting currency is EUR" "$tmp/eur.json" 'd["currency"] == "EUR"'
json "the fiscal year starts in April (2026-05-15 is in 2026-Q1)" \
	"$tmp/eur.json" 'd["query"]["period"] == "2026-Q1"'
expect_ok "init again changes nothing" init --currency USD
run report overall --json --as-of 2026-05-15 >"$tmp/eur.json"
json "a second init keeps EUR" "$tmp/eur.json" 'd["currency"] == "EUR"'
DB=$DB0

[ "$failed" -eq 0 ] || exit 1
exit 0
