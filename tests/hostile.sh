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

# Each bad wfm.cfg is refused by a command that reads it (exit 1, file:line,
# the value as written) and leaves the store as it was.
mkdir cfg && cp -r base/. cfg/ && cd cfg || exit 1
cp wfm.cfg good.cfg
cfg_before=$(sqlite3 wfm.db .dump | cksum)
# cfg_bad NAME "TEXT" SED: wfm forecast with good.cfg edited by SED is refused saying TEXT.
cfg_bad() {
    sed "$3" good.cfg >"$1.cfg"
    if cmp -s good.cfg "$1.cfg"; then no "configuration: '$3' changed nothing in wfm.cfg"; return; fi
    expect 1 "$2" "$WFM" forecast --month 2021-03 --config "$1.cfg"
}
cfg_bad typo "unknown setting 'service.sl_targte' at typo.cfg:13: did you mean 'sl_target'?" 's/sl_target =/sl_targte =/'
cfg_bad group "unknown setting 'servce' at group.cfg:11: did you mean 'service'?" 's/^service = {/servce = {/'
cfg_bad member "unknown setting 'shifts.[1].colour' at member.cfg:32: the names known here are name, kind," \
    's/name = "B0930";/name = "B0930"; colour = "red";/'
cfg_bad required "unknown setting 'center.nmae' at required.cfg:5: did you mean 'name'?" 's/^  name = "김포/  nmae = "김포/'
cfg_bad scalar "invalid setting 'availability.weak_hours' at scalar.cfg:25: a list [...] of numbers" 's/weak_hours = \[9, 13\]/weak_hours = 9/'
cfg_bad notgroup "invalid setting 'remote' at notgroup.cfg:39: a group { ... } is needed" 's/^remote = .*/remote = 0.2;/'
cfg_bad string "invalid setting 'remote.seats' at string.cfg:39: a whole number is needed" 's/seats = 3;/seats = "3";/'
cfg_bad teams "invalid setting 'teams' at teams.cfg:37: the name 'day' is used twice" \
    's/^teams = ( { name = "day"; kinds = \["day"\]; } );/teams = ( { name = "day"; kinds = ["day"]; }, { name = "day"; } );/'
cfg_bad queues "invalid setting 'queues' at queues.cfg:36: the name 'phone' is used twice" \
    's/^queues = ( { name = "phone"; skill = ""; aht_s = 150.0; } );/queues = ( { name = "phone"; }, { name = "phone"; } );/'
cfg_bad shifts "invalid setting 'shifts' at shifts.cfg:32: the name 'A0830' is used twice" 's/name = "B0930";/name = "A0830";/'
cfg_bad holiday "invalid setting 'holidays' at holiday.cfg:63: '2019-01-01' is listed twice" 's/"2019-01-01", /"2019-01-01", "2019-01-01", /'
cfg_bad blocks "invalid setting 'surge.outside_block_h' at blocks.cfg:59: 5 entries is more than the 4 allowed" \
    's/overtime_cap_h = 12.0;/overtime_cap_h = 12.0; outside_block_h = [1, 2, 3, 4, 5];/'
cfg_bad seats "invalid setting 'remote.seats' at seats.cfg:39: 1000000000000 is above 1000000" 's/seats = 3;/seats = 1000000000000;/'
cfg_bad wrap "invalid setting 'availability.weak_hours' at wrap.cfg:25: 4294967305 is not an hour 0-23" 's/weak_hours = \[9, 13\]/weak_hours = [9, 4294967305]/'
cfg_bad include "cannot parse 'include.cfg': line 1: @include is not supported" '1i @include "/etc/passwd"'
mkdir dir.cfg && mkfifo fifo.cfg
expect 1 "cannot read configuration 'dir.cfg': it is a directory, not a file" "$WFM" forecast --month 2021-03 --config dir.cfg
expect 1 "cannot read configuration 'fifo.cfg': it is a pipe, not a file" timeout 10 "$WFM" forecast --month 2021-03 --config fifo.cfg
expect 1 "cannot read configuration '/dev/zero': it is a device, not a file" timeout 10 "$WFM" forecast --month 2021-03 --config /dev/zero
[ "$(sqlite3 wfm.db .dump | cksum)" = "$cfg_before" ] && ok || no "configuration: a refused wfm.cfg changed the store"
expect 0 "stored forecast for 2021-03" "$WFM" forecast --month 2021-03 --config good.cfg
cd "$T" || exit 1

# --- faults: locks, signals, read-only stores ------------------------------


echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
