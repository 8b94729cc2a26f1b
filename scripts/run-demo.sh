#!/bin/sh
# run-demo.sh - what `make run` does after building: creates the demo
# database ./funnel.db if there is none, then shows the overall and the
# funnel reports. Builds nothing (make does).
set -e
cd "$(dirname "$0")/.."
if [ ! -e funnel.db ]; then
	./funnel --db funnel.db demo
fi
./funnel --db funnel.db report overall
echo
./funnel --db funnel.db report funnel
