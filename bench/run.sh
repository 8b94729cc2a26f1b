#!/bin/sh
# run.sh - the benchmark behind `make bench` (see bench/README.md).
#
# Generates (once, cached in bench/data/) a Salesforce export of BENCH_OPPS
# opportunities, imports it into a fresh database, times `funnel report
# overall` and `funnel report funnel` against the same figures computed by
# sqlite3 with bench/sql/*.sql over the same database in the same run, checks
# that both give the same figures, and prints the table (also written to
# bench/data/last.txt).
#
# Environment: BENCH_OPPS (default 1000000), BENCH_SEED (1), BENCH_RUNS (3:
# best of, for funnel's reports), BENCH_SQL_RUNS (1), BENCH_AS_OF (default:
# the day of the latest event), BENCH_PERIOD (default: the quarter holding
# the as-of day), BENCH_WINDOW (default: the four quarters before it),
# FUNNEL_BIN (./funnel).
set -eu
cd "$(dirname "$0")/.."

N=${BENCH_OPPS:-1000000}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-3}
SQL_RUNS=${BENCH_SQL_RUNS:-1}
FUNNEL=${FUNNEL_BIN:-./funnel}
DATA=bench/data
SRC=$DATA/salesforce-$N-$SEED
DB=$DATA/bench.db
RES=$DATA/run
BENCH="python3 bench/bench.py"

say() {
	echo "bench: $*" >&2
}

if [ ! -x "$FUNNEL" ]; then
	say "$FUNNEL is not built (run make)"
	exit 1
fi
for tool in sqlite3 python3; do
	command -v $tool >/dev/null || { say "$tool is not installed"; exit 1; }
done

# The baseline must be right before it can judge anything.
sh bench/sql/selftest.sh >&2

mkdir -p "$DATA" "$RES"
rm -f "$RES"/*

if [ ! -f "$SRC/rows" ]; then
	say "generating $N opportunities (seed $SEED) into $SRC"
	rm -rf "$SRC" "$SRC.tmp"
	mkdir -p "$SRC.tmp"
	$BENCH measure 1 "$RES/gen.out" "$SRC.tmp/gen.json" -- \
		python3 tests/e2e/gen_salesforce.py --opps "$N" --seed "$SEED" \
		--out "$SRC.tmp"
	$BENCH count "$SRC.tmp" >"$SRC.tmp/rows"
	mv "$SRC.tmp" "$SRC"
fi
read -r USERS OPPS HIST <"$SRC/rows"

say "importing $OPPS opportunities, $HIST history rows, $USERS users"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.snapshot"
"$FUNNEL" --db "$DB" init >/dev/null
$BENCH measure 1 "$RES/import.out" "$RES/import.json" -- \
	"$FUNNEL" --db "$DB" import --format salesforce \
	"$SRC/User.csv" "$SRC/Opportunity.csv" "$SRC/OpportunityHistory.csv"
EVENTS=$(sqlite3 "$DB" "SELECT count(*) FROM event")
DB_BYTES=$(cat "$DB" "$DB-wal" 2>/dev/null | wc -c)

eval "$($BENCH params "$DB" "${BENCH_AS_OF:-}" "${BENCH_PERIOD:-}" \
	"${BENCH_WINDOW:-}")"
say "as of $AS_OF, period $PERIOD, window $WINDOW"

# The import writes the columnar snapshot beside the database (so its time
# includes that); the first report after it reads the snapshot like any
# later one. Measured on its own: nothing is warm but the page cache.
say "first report after the import"
$BENCH measure 1 "$RES/first.out" "$RES/first.json" -- \
	"$FUNNEL" --db "$DB" report overall --json --as-of "$AS_OF" \
	--period "$PERIOD"

# report_funnel REPORT OPTION...: times funnel's report.
report_funnel() {
	rep=$1
	shift
	say "funnel report $rep (best of $RUNS)"
	$BENCH measure "$RUNS" "$RES/funnel_$rep.out" "$RES/report_$rep.json" -- \
		"$FUNNEL" --db "$DB" report "$rep" --json --as-of "$AS_OF" "$@"
}

# report_sql REPORT SQLITE3_OPTION...: times bench/sql/REPORT.sql. The
# baseline gets a large page cache and in-memory sorting, its best chance
# on a machine with memory to spare.
report_sql() {
	rep=$1
	shift
	say "sqlite3 bench/sql/$rep.sql (best of $SQL_RUNS)"
	$BENCH measure "$SQL_RUNS" "$RES/sql_$rep.out" "$RES/sql_$rep.json" -- \
		sqlite3 -bail -cmd "PRAGMA temp_store = MEMORY" \
		-cmd "PRAGMA cache_size = -1048576" \
		-cmd ".parameter set @as_of $AS_OF_DAY" "$@" \
		"$DB" ".read bench/sql/$rep.sql"
}

report_funnel overall --period "$PERIOD"
report_sql overall -cmd ".parameter set @p_from $P_FROM" \
	-cmd ".parameter set @p_to $P_TO"
report_funnel funnel --window "$WINDOW"
report_sql funnel -cmd ".parameter set @w_from $W_FROM" \
	-cmd ".parameter set @w_to $W_TO"

AGREE="agree"
for rep in overall funnel; do
	if ! $BENCH compare "report $rep" "$RES/funnel_$rep.out" \
		"$RES/sql_$rep.out" >"$RES/compare_$rep.txt"; then
		AGREE="DIFFER (see below)"
	fi
done

$BENCH info "$RES/info.json" "when=$(date -u '+%Y-%m-%d %H:%M UTC')" \
	"cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
	"ncpu=$(nproc)" \
	"mem=$(free -g | awk '/^Mem:/ { print $2 " GB RAM" }')" \
	"seed=$SEED" "users=$USERS" "opps=$OPPS" "history=$HIST" \
	"events=$EVENTS" "db_bytes=$DB_BYTES" "as_of=$AS_OF" \
	"period=$PERIOD" "window=$WINDOW" "agree=$AGREE"

{
	$BENCH table "$RES"
	echo
	cat "$RES/compare_overall.txt"
	echo
	cat "$RES/compare_funnel.txt"
} >"$DATA/last.txt"
cat "$DATA/last.txt"

# Monte Carlo (issue 7): its own data from a known process.
sh bench/montecarlo.sh | tee -a "$DATA/last.txt"
