#!/bin/sh
# run.sh BUILD_DIR FUNNEL_BIN - runs the whole test suite against one build:
# every cmocka unit test binary BUILD_DIR/tests/test_*, every tests/e2e/*.sh
# and tests/e2e/test_*.py (with FUNNEL_BIN set to the binary's absolute
# path), and counts the checks. Each program's output is printed as it is;
# the very last line is "N passed, N failed" (tests/summary.sh reads it).
# Exits 1 when a check failed or when nothing ran. POSIX sh.

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR FUNNEL_BIN" >&2
	exit 1
fi
build=$1
bin=$2
root=$(cd "$(dirname "$0")/.." && pwd)

case $build in
/*) ;;
*) build=$(pwd)/$build ;;
esac
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
FUNNEL_BIN=$bin
export FUNNEL_BIN

out=$(mktemp "${TMPDIR:-/tmp}/funnel-run.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT INT TERM

passed=0
failed=0
programs=0

# A hung program must not hang the suite forever.
limit=""
if command -v timeout >/dev/null 2>&1; then
	limit="timeout ${FUNNEL_TEST_TIMEOUT:-3600}"
fi

# account NAME STATUS P F: adds one program's counts. A program that exits
# non-zero without reporting a failure (a crash, an abort) counts as one
# failure, and so does one that reports no check at all: a test that checks
# nothing cannot pass.
account() {
	name=$1 st=$2 p=$3 f=$4
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $st without reporting a failure"
		f=1
	elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name reported no checks"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	programs=$((programs + 1))
}

# Sums the N of every line matching "[  WORD  ] N test(s)" in $out.
cmocka_count() {
	sed -n "s/^\[  $1  \] \([0-9][0-9]*\) test(s).*/\1/p" "$out" |
		awk '{ s += $1 } END { print s + 0 }'
}

for t in "$build"/tests/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	name=${t#"$build"/}
	echo "== $name"
	(cd "$root" && $limit "$t") >"$out" 2>&1
	st=$?
	cat "$out"
	account "$name" "$st" "$(cmocka_count PASSED)" "$(cmocka_count FAILED)"
done

for t in "$root"/tests/e2e/*.sh "$root"/tests/e2e/test_*.py; do
	[ -f "$t" ] || continue
	name=${t#"$root"/}
	echo "== $name"
	case $t in
	*.py) (cd "$root" && $limit python3 "$t") >"$out" 2>&1 ;;
	*) (cd "$root" && $limit sh "$t") >"$out" 2>&1 ;;
	esac
	st=$?
	cat "$out"
	p=$(grep -c '^ok\( \|$\)' "$out")
	f=$(grep -c '^not ok\( \|$\)' "$out")
	account "$name" "$st" "$p" "$f"
done

if [ "$programs" -eq 0 ]; then
	echo "not ok - no test program found under $build/tests or tests/e2e"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
