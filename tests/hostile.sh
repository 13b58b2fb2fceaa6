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

mkdir imp && cp -r base/. imp/ && cd imp || exit 1
sqlite3 wfm.db .dump >dump0
# refused KIND FILE "TEXT": exit 1 with TEXT, no control byte printed raw, the store as it was.
refused() {
    expect 1 "$3" timeout 20 "$WFM" import "$1" "$2"
    [ "$(LC_ALL=C tr -d '\n\t -~\200-\377' <"$T/out" | wc -c)" = 0 ] || no "import $1: a raw control byte in: $(od -c "$T/out" | head -3)"
    sqlite3 wfm.db .dump >dump1
    cmp -s dump0 dump1 || { no "import $1 $2: a refused import changed the store"; mv dump1 dump0; }
}
p() { printf "$@"; }
p 'date,hour,queue,offered\n2021-01-01,10,phone,1e308\n' >v.csv
refused volumes v.csv "v.csv:2:4: 'offered' value 1e308 is above 1000000000"
p 'date,hour,queue,offered\n2021-01-01,10,phone,1000000001\n' >v.csv
refused volumes v.csv "v.csv:2:4: 'offered' value 1000000001 is above 1000000000"
p 'date,agent_id,handled,logged_in_s\n2020-01-02,A0001,1000000001,100\n' >pf.csv
refused perf pf.csv "pf.csv:2:3: 'handled' value 1000000001 is above 1000000000"
p 'date,hour,queue,offered\n0001-01-01,10,phone,5\n' >v.csv
refused volumes v.csv "v.csv:2:1: 'date' value 0001-01-01 is outside 1990-01-01..2100-12-31"
p 'agent_id,date\nA0001,9999-12-31\n' >l.csv
refused leave l.csv "l.csv:2:2: 'date' value 9999-12-31 is outside 1990-01-01..2100-12-31"
p 'agent_id,date,shift,want,weight\nA0001,2021-01-05,off,wanted,1e308\n' >pr.csv
refused preferences pr.csv "pr.csv:2:5: 'weight' value 1e308 is above 1000"
p 'agent_id,date,kind\nA0\0001,2021-01-05,annual\n' >l.csv
refused leave l.csv "l.csv:2:1: 'agent_id' value 'A0\x001' has a control character (\x00 at byte 3)"
p 'id,team\nA\377\376,day\n' >a.csv
refused agents a.csv "a.csv:2:1: 'id' value 'A\xFF\xFE' is not valid UTF-8 (byte 2)"
p 'id,team,name\nB1,day,Kim\033[31m\n' >a.csv
refused agents a.csv "a.csv:2:3: 'name' value 'Kim\x1B[31m' has a control character"
p 'id,team\nA0123456789012345678901234567890,day\n' >a.csv
refused agents a.csv "a.csv:2:1: 'id' value 'A0123456789012345678901234567890' is 32 bytes, more than 31"
p 'id,team\nA012345678901234567890123456789,day\n' >a.csv
expect 0 "imported 1 rows" "$WFM" import agents a.csv          # 31 bytes: the documented limit
sqlite3 wfm.db "DELETE FROM agent WHERE length(id) = 31"
cp v.csv "$(printf 'v\001.csv')"
refused volumes "$(printf 'v\001.csv')" "v\x01.csv:2:1: 'date' value 0001-01-01"
{ printf 'date,hour,queue,offered\n2021-01-01,1,'; head -c 70000 /dev/zero | tr '\0' q; printf ',5\n'; } >v.csv
refused volumes v.csv "v.csv:2:3: the record is longer than 65536 bytes"
head -c 200000 /dev/zero >v.csv
refused volumes v.csv "v.csv:1:1: the record is longer than 65536 bytes"
refused volumes /dev/zero "cannot read '/dev/zero': a character device, not a regular file"
mkdir d.csv
refused volumes d.csv "cannot read 'd.csv': a directory, not a regular file"
mkfifo f.csv
refused volumes f.csv "cannot read 'f.csv': a FIFO, not a regular file"
truncate -s 3G big.csv
refused volumes big.csv "cannot read 'big.csv': 3221225472 bytes, more than the 2147483648 a file may hold"
rm -f big.csv
# A store with an absurd load from before these bounds: staff refuses it, no crash.
cp wfm.db old.db
sqlite3 old.db "UPDATE volume SET offered = 1e308, aht_s = NULL WHERE date = '2020-12-31' AND hour = 10"
expect 1 "invalid load" "$WFM" staff --month 2021-01 --db old.db
# 70 queues in the performance records: wfm score says so, drops nothing silently.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } NR <= 400 { $14 = "q" NR % 70; print }' s/perf.csv >q70.csv
expect 0 "" "$WFM" import perf --replace q70.csv
expect 1 "more than 64 queues" "$WFM" score --from 2020-01-01 --to 2020-12-31
cd "$T" || exit 1

# --- configuration: unknown names, shapes, duplicates ----------------------


# --- faults: locks, signals, read-only stores ------------------------------


echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
