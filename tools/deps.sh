#!/bin/sh
# Installs the Debian packages wfm needs, only those missing.  Used by
# `make demo` and `make test`; nothing but Debian packages is downloaded.
set -eu
# Other packages may be named as arguments (tests/fuzz/deps.sh does).
PKGS="${*:-gcc make libglpk-dev libconfig-dev libsqlite3-dev libcmocka-dev gnuplot-nox pkg-config fonts-nanum sqlite3}"
command -v dpkg-query >/dev/null 2>&1 || { echo "deps: not a Debian system; install: $PKGS" >&2; exit 0; }
missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *"ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "deps: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
