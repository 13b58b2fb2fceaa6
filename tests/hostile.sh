#!/bin/sh
# Hostile data and faults (issue 16): inputs an attacker or a careless user
# gives, and what must never follow - a command run, markup or a formula
# written, a crash, a store changed by a refused input, a lost roster.
# Usage: tests/hostile.sh ./wfm
set -u
WFM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d /tmp/wfm-hostile-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect STATUS "TEXT" CMD...: runs CMD, checks its exit status and that its output has TEXT.
expect() {
    want=$1 text=$2
    shift 2
    "$@" >"$T/out" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then no "$* exited $got, not $want: $(head -c 300 "$T/out")"; return; fi
    if [ -n "$text" ] && ! grep -qF -- "$text" "$T/out"; then no "$*: output lacks '$text': $(head -c 300 "$T/out")"; return; fi
    ok
}
cd "$T" || exit 1
# A small Gimpo store every section may copy (cp -r base/. somewhere).
mkdir base && (cd base && "$WFM" sample gimpo --out s >/dev/null 2>&1 && cp s/wfm.cfg wfm.cfg \
    && "$WFM" init >/dev/null && for k in agents volumes leave perf; do "$WFM" import $k s/$k.csv >/dev/null || exit 1; done) \
    || { echo "hostile: cannot build the base store"; exit 1; }

# --- outputs: gnuplot, HTML and CSV quoting, temporary files ---------------


# --- imports: bounds, sizes, files that are not files ----------------------


# --- configuration: unknown names, shapes, duplicates ----------------------


# --- faults: locks, signals, read-only stores ------------------------------


echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
