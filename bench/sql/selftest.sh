#!/bin/sh
# selftest.sh - checks overall.sql and funnel.sql against figures computed
# by hand (bench/README.md, "Checking the SQL") on the seven opportunities
# of fixture.sql, so that the benchmark's baseline is itself known to be
# right before it is used to judge funnel's reports.
set -eu
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sqlite3 -bail "$tmp/fx.db" ".read $here/fixture.sql"
sqlite3 -bail "$tmp/fx.db" -cmd ".parameter set @as_of 100" \
	-cmd ".parameter set @p_from 80" -cmd ".parameter set @p_to 120" \
	".read $here/overall.sql" >"$tmp/overall.json"
sqlite3 -bail "$tmp/fx.db" -cmd ".parameter set @as_of 100" \
	-cmd ".parameter set @w_from 50" -cmd ".parameter set @w_to 90" \
	".read $here/funnel.sql" >"$tmp/funnel.json"
rc=0
python3 "$here/../bench.py" compare "selftest overall" \
	"$here/expected_overall.json" "$tmp/overall.json" by-hand sql >"$tmp/o.txt" || rc=1
python3 "$here/../bench.py" compare "selftest funnel" \
	"$here/expected_funnel.json" "$tmp/funnel.json" by-hand sql >"$tmp/f.txt" || rc=1
if [ $rc -ne 0 ]; then
	cat "$tmp/o.txt" "$tmp/f.txt" >&2
	echo "bench/sql/selftest.sh: the SQL disagrees with the hand-computed figures" >&2
	exit 1
fi
tail -n 1 "$tmp/o.txt"
tail -n 1 "$tmp/f.txt"
