#!/bin/sh
# Installs the Debian 12 packages funnel needs to build, test and benchmark.
# Idempotent: does nothing when every package is already installed.
set -e
PKGS="build-essential pkg-config libsqlite3-dev sqlite3 libjansson-dev libcsv-dev
libsodium-dev libcmocka-dev python3 hyperfine clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $missing >/dev/null
