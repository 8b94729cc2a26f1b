#!/bin/sh
# test_layers.sh - the layer rule of the code (scripts/check-layers.sh,
# also `make check-layers`): no store call and no sqlite3 in cli/. First
# shows that the checker catches a violation, then runs it over cli/.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 when any failed.

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/funnel-layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

cat >"$tmp/bad.c" <<'C'
#include <sqlite3.h>
/* fn_store_begin in a comment is fine */
static int f(void) { return fn_store_begin(0, 0); }
C
out=$(sh "$root/scripts/check-layers.sh" "$tmp")
st=$?
if [ "$st" -ne 0 ] && echo "$out" | grep -q "not ok - bad.c calls.*fn_store_begin" &&
	echo "$out" | grep -q "not ok - bad.c does not use sqlite3"; then
	echo "ok - the layer check catches a store call and sqlite3.h in cli/"
else
	echo "not ok - the layer check catches a store call and sqlite3.h in cli/"
	failed=1
fi

# The real check: its own ok/not ok lines are this test's checks.
sh "$root/scripts/check-layers.sh" "$root/cli" || failed=1
[ "$failed" -eq 0 ]
