#!/bin/sh
# Prints every figure of the forecaster's README section (issue 18): the unit
# tests' measurements (the Anonymous Bank month ahead by method and with auto
# - top-2 - against the rule before it, the samples' auto the same way,
# wfm's median against a plain median of the last 8, the 10-90% band checked
# out of sample, weekday-only history, the one-off surge), the speed of a month
# with its backtest, and what the command line says on the Gimpo sample: every
# method backtested, closed days shown as closed, the holiday horizon warned,
# staffing to the 80% point of the calls.
# Usage: tools/fcst_figures.sh [./wfm]   (after `make`; real data from ../shared/data, env WFM_SHARED)
set -eu
WFM=${1:-./wfm}
WFM=$(cd "$(dirname "$WFM")" && pwd)/$(basename "$WFM")
export WFM_SHARED=${WFM_SHARED:-$PWD/../shared}
make --no-print-directory build/tests/test_fcst build/tests/test_fcst_levels build/tests/test_fcst_cal \
     build/tests/test_fcst_events build/tests/test_gen build/bench >/dev/null
for t in test_fcst test_fcst_levels test_fcst_cal test_fcst_events; do
    echo "== $t"
    build/tests/$t 2>&1 | grep -v '^\[ *\(RUN\|OK\) *\]'
done
echo "== test_gen (the sample generator: a configured 5-day event)"
build/tests/test_gen 2>&1 | grep 'event'

echo "== speed"
build/bench forecast
T=$(mktemp -d /tmp/wfm-fcst-XXXXXX)
trap 'rm -rf "$T"' EXIT
"$WFM" sample gimpo --out "$T" >/dev/null
cd "$T"
"$WFM" init >/dev/null 2>&1
"$WFM" import volumes volumes.csv >/dev/null 2>&1
echo "== wfm forecast --month 2021-01 (Gimpo sample: weekdays 08-19)"
"$WFM" forecast --month 2021-01 2>&1
echo "== wfm forecast --month 2031-01 (past the configured holidays)"
"$WFM" forecast --month 2031-01 2>&1 | grep -i 'warning' || echo "no warning: a defect"
echo "== wfm staff --month 2021-01, then --quantile 0.8"
"$WFM" forecast --month 2021-01 >/dev/null 2>&1
"$WFM" staff --month 2021-01 2>/dev/null | grep -v '^stored'
"$WFM" staff --month 2021-01 --quantile 0.8 2>&1 | grep -v '^stored\|patience'
echo "== wfm forecast --month 2021-01 (Seoul-like sample, the phone queue's backtest)"
mkdir s && cd s
"$WFM" sample seoul --out . >/dev/null
"$WFM" init >/dev/null 2>&1
"$WFM" import volumes volumes.csv >/dev/null 2>&1
"$WFM" forecast --month 2021-01 2>&1 | sed -n '/^phone:/,/^foreign:/p' | grep -v '^foreign:\|by hour\|^    '
for m in 2021-03 2021-05 2021-12; do
    for me in yearly profile-trend holt top-2; do
        "$WFM" forecast --month $m --method $me 2>&1 | grep 'phone: .* calls forecast'
    done
done
