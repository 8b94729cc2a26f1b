#!/bin/sh
# smoke.sh - runs every libFuzzer target of build-fuzz/ over its seed corpus
# (tests/fuzz/corpus/NAME) and a fixed number of generated inputs with a
# fixed seed, so the suite exercises the parsers of untrusted input on every
# run without depending on the machine's speed. `make fuzz` fuzzes for real.
# Prints "ok"/"not ok" per target and ends with "N passed, N failed".
RUNS=${FUZZ_RUNS:-4000}
passed=0
failed=0
for t in build-fuzz/fuzz_*; do
	case $t in *.d) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	if "$t" -runs="$RUNS" -seed=1 -max_len=4096 \
		-artifact_prefix="$work/" "$work" "tests/fuzz/corpus/$name" \
		>"$work/log" 2>&1; then
		echo "ok - fuzz $name: $RUNS inputs"
		passed=$((passed + 1))
	else
		tail -n 40 "$work/log"
		echo "not ok - fuzz $name (crash input kept in $work)"
		failed=$((failed + 1))
		continue
	fi
	rm -rf "$work"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
