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
# A roster solved while another process holds the store's write lock (an
# import's transaction) for longer than SQLite's 5 s waits for it and is stored.
mkdir lock && cp -r base/. lock/ && cd lock || exit 1
"$WFM" staff --month 2021-01 >/dev/null 2>&1 || no "staff for the lock test"
(echo "BEGIN IMMEDIATE;"; sleep 8; echo "COMMIT;") | sqlite3 wfm.db &
lockpid=$!
sleep 1
expect 0 "hard-rule violations" "$WFM" roster --month 2021-01 --time-limit 5
wait "$lockpid"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM run WHERE command = 'roster'")" = 1 ] && ok || no "the roster was not stored after the lock"
# A store this user cannot write: reports and checks read it; a command that
# writes says it is read-only (not "not a wfm store") and changes nothing.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    chmod 755 "$T" "$T/lock" && chmod 644 wfm.db wfm.cfg && rm -f wfm.db-wal wfm.db-shm
    asuser() { su nobody -s /bin/sh -c "cd '$T/lock' && $*"; }
else
    chmod 555 "$T/lock" && chmod 444 wfm.db
    asuser() { sh -c "$*"; }
fi
cksum wfm.db >before.sum 2>/dev/null || cp wfm.db before.db
asuser "'$WFM' check --month 2021-01" >out 2>&1 && grep -q "0 hard-rule violations" out && ok || no "check on a read-only store: $(head -c 300 out)"
asuser "'$WFM' report roster --month 2021-01 --out /tmp/wfm-ro-$$" >out 2>&1 && [ -s /tmp/wfm-ro-$$/index.html ] && ok \
    || no "report on a read-only store: $(head -c 300 out)"
rm -rf /tmp/wfm-ro-$$
asuser "'$WFM' staff --month 2021-01" >out 2>&1; st=$?
[ "$st" = 1 ] && grep -q "read-only" out && ok || no "staff on a read-only store: exit $st, $(head -c 300 out)"
cksum wfm.db | cmp -s - before.sum && ok || no "the read-only store changed"
chmod 755 "$T/lock"; chmod 644 wfm.db
cd "$T" || exit 1


echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
