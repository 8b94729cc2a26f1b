#!/bin/sh
# check-layers.sh [DIR] - the CLI parses and prints, nothing else: fails
# when a file in DIR (default cli/) calls a store function other than
# fn_store_open, fn_store_open_existing and fn_store_close, includes
# sqlite3.h or calls sqlite3 itself. Every rule and every store access is
# in lib/ (include/funnel/ops.h). Prints "ok - ..." / "not ok - ..." per
# check, as tests/run.sh counts them. POSIX sh.

dir=${1:-$(cd "$(dirname "$0")/.." && pwd)/cli}
failed=0

files=$(ls "$dir"/*.c "$dir"/*.h 2>/dev/null)
if [ -z "$files" ]; then
	echo "not ok - no source files in $dir"
	exit 1
fi

# Comments are left out: a file may name what it must not call.
strip() {
	sed -e 's://.*$::' "$1" | awk '
		{ line = $0; out = "" }
		{
			while (line != "") {
				if (inc) {
					i = index(line, "*/")
					if (i == 0) { line = "" ; break }
					line = substr(line, i + 2); inc = 0
				} else {
					i = index(line, "/*")
					if (i == 0) { out = out line; line = "" ; break }
					out = out substr(line, 1, i - 1)
					line = substr(line, i + 2); inc = 1
				}
			}
			print out
		}'
}

for f in $files; do
	name=${f#"$dir"/}
	bad=$(strip "$f" | grep -o 'fn_store_[A-Za-z0-9_]*' |
		grep -v -x -e fn_store_open -e fn_store_open_existing \
			-e fn_store_close | sort -u | tr '\n' ' ')
	if [ -n "$bad" ]; then
		echo "not ok - $name calls no store function but open/close (calls: $bad)"
		failed=$((failed + 1))
	else
		echo "ok - $name calls no store function but open/close"
	fi
	if strip "$f" | grep -q -e 'sqlite3\.h' -e 'sqlite3_'; then
		echo "not ok - $name does not use sqlite3 directly"
		failed=$((failed + 1))
	else
		echo "ok - $name does not use sqlite3 directly"
	fi
done
[ "$failed" -eq 0 ]
