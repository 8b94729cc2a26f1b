#!/bin/sh
# summary.sh LOG... - adds up the "N passed, N failed" lines that
# tests/run.sh writes last into each log, and prints the total in the same
# form as its last line. Exits 1 when a check failed or a log is missing
# or has no such line (a run that died before its end).

passed=0
failed=0
bad=0
for log in "$@"; do
	line=""
	[ -f "$log" ] && line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$log: missing, or has no \"N passed, N failed\" line"
		bad=1
		continue
	fi
	echo "$log: $line"
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed}
	passed=$((passed + p))
	failed=$((failed + f))
done
[ $# -eq 0 ] && bad=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$bad" -eq 0 ]
