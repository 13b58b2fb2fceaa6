# tests/lib.sh - what the end-to-end scripts share, sourced after NAME is set
# (NAME=e2e; . "$(dirname "$0")/lib.sh"): the wfm binary's absolute path in
# WFM (from the script's first argument), a temporary folder T removed at the
# end, the pass and fail counters, and ok, no and expect.
set -u
WFM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d "/tmp/wfm-$NAME-XXXXXX")
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
# nobom FILE...: the files with a UTF-8 byte-order mark (reports.csv_bom) taken off the first line.
BOM=$(printf '\357\273\277')
nobom() { sed "1s/^$BOM//" "$@"; }
# hasbom FILE: does FILE start with the byte-order mark?
hasbom() { [ "$(head -c 3 "$1")" = "$BOM" ]; }
