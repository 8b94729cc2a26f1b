#!/bin/sh
# cli_basic.sh - drives the real funnel binary ($FUNNEL_BIN, default
# ./funnel) on a temporary database: init, people, opportunities through
# add/edit/advance/close/reopen, the overall and funnel reports checked
# against figures computed by hand below, and the exit codes and messages
# of bad input. Prints "ok - ..." or "not ok - ..." per check; exits 1 when
# any check failed. POSIX sh; python3 reads the JSON.

BIN=${FUNNEL_BIN:-./funnel}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/funnel-e2e.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
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

# expect_ok DESC ARGS...: the command exits 0.
expect_ok() {
	desc=$1
	shift
	if run "$@" >"$tmp/out" 2>"$tmp/err"; then
		ok "$desc"
	else
		nok "$desc (exit $?: $(cat "$tmp/err"))"
	fi
}

# expect_fail DESC STATUS TEXT ARGS...: exits STATUS with TEXT in a
# "funnel: ..." message on stderr.
expect_fail() {
	desc=$1 want=$2 text=$3
	shift 3
	run "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ] && grep -q '^funnel: ' "$tmp/err" &&
		grep -qF -- "$text" "$tmp/err"; then
		ok "$desc"
	else
		nok "$desc (exit $st, wanted $want and '$text': $(cat "$tmp/err"))"
	fi
}

# json DESC FILE EXPR: EXPR (python, d = the document, near(a, b)) holds.
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

# ---- setup ------------------------------------------------------------------

expect_ok "init creates the database" init
grep -q "initialised" "$tmp/out" && ok "init says it initialised" ||
	nok "init says it initialised ($(cat "$tmp/out"))"
expect_ok "init again is fine" init
grep -q "nothing changed" "$tmp/out" && ok "init again changes nothing" ||
	nok "init again changes nothing ($(cat "$tmp/out"))"

expect_ok "user add alice" user add alice --name "Alice A" --role manager
expect_ok "team add east" team add east --name East --manager alice
expect_ok "user add bob" user add bob --name "Bob B" --team east
expect_ok "user add carol (options before the id)" user add --team east \
	--name "Carol C" carol
expect_ok "target set east 2026-Q1" target set --team east 2026-Q1 100000
run user list --json >"$tmp/users.json"
json "user list names bob's team" "$tmp/users.json" \
	'[u["team"] for u in d if u["id"] == "bob"] == ["east"]'

# ---- opportunities ------------------------------------------------------------
# O1 bob 10000 -> 12000, qualify 01-05, develop 01-10, prove 01-20: open.
expect_ok "opp add O1" opp add O1 --name "Deal one" --owner bob \
	--amount 10000 --close 2026-03-15 --date 2026-01-05
expect_ok "advance O1 develop" opp advance O1 develop --date 2026-01-10
expect_ok "advance O1 prove" opp advance O1 prove --date 2026-01-20
expect_ok "edit O1 amount" opp edit O1 --amount 12000 --date 2026-01-25
# O2 carol 20000 commit, qualify 01-06, jumps to propose 01-12, won 02-01.
expect_ok "opp add O2" opp add O2 --name "Deal two" --owner carol \
	--amount 20000 --close 2026-02-28 --category commit --date 2026-01-06
expect_ok "advance O2 propose" opp advance O2 propose --date 2026-01-12
expect_ok "close O2 won" opp close O2 won --date 2026-02-01
# O3 bob 5000, develop 01-07, lost 01-30, reopened 02-05 (back to develop),
# best_case 02-06, probability override 40% 02-07.
expect_ok "opp add O3" opp add O3 --name "Deal three" --owner bob \
	--amount 5000 --close 2026-03-31 --milestone develop --date 2026-01-07
expect_ok "close O3 lost" opp close O3 lost --reason price --date 2026-01-30
expect_ok "reopen O3" opp reopen O3 --date 2026-02-05
expect_ok "edit O3 category" opp edit O3 --category best_case --date 2026-02-06
expect_ok "edit O3 probability" opp edit O3 --probability 40% --date 2026-02-07
# O4 carol 8000 qualify 01-08, commit 01-09, close 01-31: past due at T.
expect_ok "opp add O4" opp add O4 --name "Deal four" --owner carol \
	--amount 8000 --close 2026-01-31 --date 2026-01-08
expect_ok "edit O4 category" opp edit O4 --category commit --date 2026-01-09
# O5 bob 7000 develop 01-10, closes in Q2: not in Q1's pipeline.
expect_ok "opp add O5" opp add O5 --name "Deal five" --owner bob \
	--amount 7000 --close 2026-05-15 --milestone develop --date 2026-01-10
# O6 carol 3000 qualify 01-11, lost 02-10.
expect_ok "opp add O6" opp add O6 --name "Deal six" --owner carol \
	--amount 3000 --close 2026-03-20 --date 2026-01-11
expect_ok "close O6 lost" opp close O6 lost --date 2026-02-10
expect_ok "opp activity" opp activity O1 demo --date 2026-01-21 --user bob
expect_ok "opp outcome" opp outcome O1 "a contact is identified" \
	--date 2026-01-06

run opp show O3 --json >"$tmp/o3.json"
json "O3 is back in develop" "$tmp/o3.json" \
	'd["state"]["milestone"] == "develop"'
json "O3 probability is the 40% override" "$tmp/o3.json" \
	'near(d["state"]["probability"], 0.40)'
json "O3 category best_case" "$tmp/o3.json" \
	'd["state"]["category"] == "best_case"'
json "O3 close reason kept as a note" "$tmp/o3.json" \
	'any(e["note"] == "price" for e in d["events"])'
run opp show O3 --as-of 2026-02-01 --json >"$tmp/o3old.json"
json "O3 as of 2026-02-01 is lost" "$tmp/o3old.json" \
	'd["state"]["milestone"] == "lost"'
run opp list --milestone develop --json >"$tmp/dev.json"
json "opp list --milestone develop: O3 and O5" "$tmp/dev.json" \
	'sorted(o["id"] for o in d) == ["O3", "O5"]'

# ---- report overall ------------------------------------------------------------
# Team east, 2026-Q1, as of 2026-02-15:
#   won       O2 20000
#   lost      O6 3000
#   pipeline  O1 12000 + O3 5000 + O4 8000 (past due: counts as T) = 25000
#   weighted  20000 + 12000*0.50 + 5000*0.40 + 8000*0.10 = 28800
#   commit    20000 + O4 8000 = 28000
#   best_case 28000 + O3 5000 = 33000
#   target 100000, gap 80000, coverage 25000/80000 = 0.3125, attainment 0.2
run report overall --team east --period 2026-Q1 --as-of 2026-02-15 --json \
	>"$tmp/overall.json"
json "overall won" "$tmp/overall.json" 'near(d["won"], 20000)'
json "overall lost" "$tmp/overall.json" 'near(d["lost"], 3000)'
json "overall pipeline" "$tmp/overall.json" 'near(d["pipeline"], 25000)'
json "overall weighted" "$tmp/overall.json" 'near(d["weighted"], 28800)'
json "overall commit" "$tmp/overall.json" 'near(d["commit"], 28000)'
json "overall best_case" "$tmp/overall.json" 'near(d["best_case"], 33000)'
json "overall target" "$tmp/overall.json" 'near(d["target"], 100000)'
json "overall gap" "$tmp/overall.json" 'near(d["gap"], 80000)'
json "overall coverage" "$tmp/overall.json" 'near(d["coverage"], 0.3125)'
json "overall attainment" "$tmp/overall.json" 'near(d["attainment"], 0.2)'
# Bob alone: pipeline O1 + O3 = 17000, weighted 6000 + 2000, no target.
run --json report overall --owner bob --period 2026-Q1 --as-of 2026-02-15 \
	>"$tmp/bob.json"
json "overall bob pipeline" "$tmp/bob.json" 'near(d["pipeline"], 17000)'
json "overall bob weighted" "$tmp/bob.json" 'near(d["weighted"], 8000)'
json "overall bob has no target" "$tmp/bob.json" 'd["target"] is None'

# ---- report funnel ---------------------------------------------------------------
# Window 2026-01-01..2026-02-15, as of 2026-02-15.
#   closed in W: O2 won, O6 lost (O3 was reopened): win_rate 1/2
#   cycle: O2 01-06 -> 02-01 = 26 days (median = p80 = 26)
#   shape: qualify O4 8000; develop O3 5000 + O5 7000; prove O1 12000
#   exits from qualify: O1 (conv), O2 (conv, jump), O6 (lost) -> 3, 2/3
#   exits from develop: O1 (conv), O2 jumped (conv), O3 lost -> 3, 2/3
#   prove: O2 jumped -> 1 exit, 1.0; propose: O2 -> won, 1.0; commit: O2's
#   move propose -> won jumps over it -> 1 exit, 1.0 (no dwell)
#   dwell qualify: 5 (O1), 6 (O2), 30 (O6) -> median 6, p80 6+0.6*24 = 20.4
#   dwell develop: 10 (O1), 23 (O3) -> median 16.5, p80 10+0.8*13 = 20.4
#   dwell prove: none (jumped only) -> null; propose: 20 (O2)
#   win_rate_from qualify: O2, O6 reached it -> 0.5; develop: O2 only -> 1.0
#   velocity: open amount 32000 * 0.5 / 26 = 615.3846... (615.38 in JSON)
run report funnel --window 2026-01-01..2026-02-15 --as-of 2026-02-15 \
	--json >"$tmp/funnel.json"
json "funnel win_rate" "$tmp/funnel.json" 'near(d["win_rate"], 0.5)'
json "funnel cycle_median" "$tmp/funnel.json" 'near(d["cycle_median"], 26)'
json "funnel cycle_p80" "$tmp/funnel.json" 'near(d["cycle_p80"], 26)'
json "funnel velocity (to the cent)" "$tmp/funnel.json" \
	'abs(d["velocity"] - 32000*0.5/26) < 0.006'
json "funnel stage names" "$tmp/funnel.json" \
	'[s["name"] for s in d["stages"]] == ["qualify", "develop", "prove", "propose", "commit"]'
json "funnel shape counts" "$tmp/funnel.json" \
	'[s["count"] for s in d["stages"]] == [1, 2, 1, 0, 0]'
json "funnel shape amounts" "$tmp/funnel.json" \
	'all(near(s["amount"], a) for s, a in zip(d["stages"], [8000, 12000, 12000, 0, 0]))'
json "funnel exits" "$tmp/funnel.json" \
	'[s["exits"] for s in d["stages"]] == [3, 3, 1, 1, 1]'
json "funnel conversion qualify" "$tmp/funnel.json" \
	'near(d["stages"][0]["conversion"], 2/3)'
json "funnel conversion develop" "$tmp/funnel.json" \
	'near(d["stages"][1]["conversion"], 2/3)'
json "funnel conversion prove, propose" "$tmp/funnel.json" \
	'near(d["stages"][2]["conversion"], 1) and near(d["stages"][3]["conversion"], 1)'
json "funnel conversion commit (jumped over to won)" "$tmp/funnel.json" \
	'near(d["stages"][4]["conversion"], 1) and d["stages"][4]["dwell_median"] is None'
json "funnel dwell qualify" "$tmp/funnel.json" \
	'near(d["stages"][0]["dwell_median"], 6) and near(d["stages"][0]["dwell_p80"], 20.4)'
json "funnel dwell develop" "$tmp/funnel.json" \
	'near(d["stages"][1]["dwell_median"], 16.5) and near(d["stages"][1]["dwell_p80"], 20.4)'
json "funnel dwell prove is null" "$tmp/funnel.json" \
	'd["stages"][2]["dwell_median"] is None'
json "funnel dwell propose" "$tmp/funnel.json" \
	'near(d["stages"][3]["dwell_median"], 20)'
json "funnel win_rate_from" "$tmp/funnel.json" \
	'near(d["stages"][0]["win_rate_from"], 0.5) and near(d["stages"][1]["win_rate_from"], 1)'

expect_ok "report overall as text" report overall --team east
grep -q . "$tmp/out" && ok "report overall text is not empty" ||
	nok "report overall text is not empty"

# ---- bad input ---------------------------------------------------------------------
expect_fail "bad close date is exit 1 naming --close" 1 "--close" \
	opp add O9 --name X --owner bob --amount 1 --close 2026-13-01
expect_fail "unknown owner is exit 1 naming the id" 1 "nobody" \
	opp add O9 --name X --owner nobody --amount 1 --close 2026-03-01
expect_fail "bad amount is exit 1 naming --amount" 1 "--amount" \
	opp edit O1 --amount ten
expect_fail "unknown opportunity is exit 1 naming it" 1 "O404" \
	opp advance O404 prove
expect_fail "unknown milestone is exit 1 naming it" 1 "nowhere" \
	opp advance O1 nowhere --date 2026-02-01
expect_fail "closing a closed deal is exit 1" 1 "already closed" \
	opp close O2 lost --date 2026-02-10
expect_fail "duplicate opp is exit 1" 1 "already exists" \
	opp add O1 --name X --owner bob --amount 1 --close 2026-03-01
expect_fail "unknown command is exit 1" 1 "frobnicate" frobnicate
expect_fail "unknown option is exit 1" 1 "--colour" opp list --colour red
expect_fail "missing required option is exit 1" 1 "--name" \
	opp add O9 --owner bob --amount 1 --close 2026-03-01
expect_fail "unknown report is exit 1 naming the reports" 1 "unknown report 'nosuch'" \
	report nosuch
expect_fail "bad period is exit 1 naming --period" 1 "--period" \
	report overall --period 2026-Q7
"$BIN" --db "$tmp/none.db" report overall >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 1 ] && grep -q "init" "$tmp/err" &&
	ok "a missing database is exit 1 with a hint to init" ||
	nok "a missing database is exit 1 with a hint to init (exit $st: $(cat "$tmp/err"))"
"$BIN" help >"$tmp/out" 2>&1 && grep -q "funnel opp add" "$tmp/out" &&
	ok "help lists the commands" || nok "help lists the commands"

# Records written through the CLI carry origins, so an export imported back
# into the same database is recognised and changes nothing.
before=$(sqlite3 "$DB" "select count(*) from event; select count(*) from activity; select count(*) from outcome_check;")
if run export --format csv "$tmp/exp" >/dev/null 2>&1 &&
	run import --format native "$tmp"/exp/*.csv >/dev/null 2>&1; then
	after=$(sqlite3 "$DB" "select count(*) from event; select count(*) from activity; select count(*) from outcome_check;")
	[ "$before" = "$after" ] &&
		ok "export imported back into the same database adds nothing" ||
		nok "export imported back into the same database adds nothing ($before vs $after)"
else
	nok "export imported back into the same database adds nothing (export or import failed)"
fi

[ "$failed" -eq 0 ] || exit 1
exit 0
