#!/bin/sh
# Prints the README's "Months nobody tuned on" table: the demo's store
# (January 2021 rostered by `wfm demo`), then February to December 2021 in
# order - each month forecast, staffed and rostered (60 s, 30-minute grid)
# with the month before carried in - one line per month: the roster's
# objective, bound and gap at the minute and in the search's model, its
# seconds, `wfm check`'s shortfall and empty intervals and each queue's shortfall, and the busiest day
# against its need (the roster report's days.csv).  About 15 minutes; run it
# alone, as the roster's figures are the search's within its time limit.
# Usage: tools/months_figures.sh [./wfm [DEMO_DIR] [MONTH...]]
set -eu
WFM=$(cd "$(dirname "${1:-./wfm}")" && pwd)/$(basename "${1:-./wfm}")
DEMO=${2:-demo}
[ $# -gt 2 ] && shift 2 || set -- 2021-02 2021-03 2021-04 2021-05 2021-06 2021-07 2021-08 2021-09 2021-10 2021-11 2021-12
[ -f "$DEMO/wfm.db" ] || "$WFM" demo --out "$DEMO" >/dev/null
T=$(mktemp -d /tmp/wfm-months-XXXXXX)
trap 'rm -rf "$T"' EXIT
cp "$DEMO/wfm.db" "$T/wfm.db"
cp "$DEMO/sample/wfm.cfg" "$T/wfm.cfg"
cd "$T"
echo "month | at the minute: objective / bound, gap | search's model: gap | s | shortfall agent-h, empty | each queue's shortfall agent-h | busiest day"
for M in "$@"; do
    "$WFM" forecast --month "$M" >/dev/null 2>&1
    "$WFM" staff --month "$M" >/dev/null 2>&1
    "$WFM" roster --month "$M" >r.out 2>r.err || { echo "$M: roster failed: $(tail -1 r.err)"; continue; }
    "$WFM" check --month "$M" >c.out 2>&1 || true
    "$WFM" report roster --month "$M" --out rr >/dev/null 2>&1
    sed -n -e 's/^roster [^:]*: at the minute ([^)]*): objective \([0-9.]*\), lower bound \([0-9.]*\), gap \([0-9.]*%\), \([0-9.]*\) s, .*search.s model ([^)]*): objective [0-9.]*, lower bound [0-9.]*, gap \([0-9.]*%\)$/\1 \2 \3 \5 \4/p' \
           -e 's/^roster [^:]*: at the minute ([^)]*): objective \([0-9.]*\), no bound there, \([0-9.]*\) s, .*search.s model ([^)]*): objective [0-9.]*, lower bound [0-9.]*, gap \([0-9.]*%\)$/\1 - - \3 \2/p' r.out >line
    sed -n 's/.*shortfall \([0-9.]*\) agent-hours .*; \([0-9]*\) with calls and nobody on duty).*/\1 \2/p' c.out >short
    sed -n "s/^each queue's shortfall[^:]*: //p" c.out >queues
    awk -F, 'NR > 1 && $2 > 0 { r = $3 / $2; if (r > m) { m = r; d = $1 } } END { printf "%s %.2fx\n", d, m }' rr/days.csv >busy
    read -r obj bnd gap sgap secs <line || true
    read -r sh em <short || true
    printf '%s | %s / %s, %s | %s | %s | %s, %s | %s | %s\n' "$M" "${obj:-?}" "${bnd:--}" "${gap:--}" "${sgap:-?}" "${secs:-?}" \
        "${sh:-?}" "${em:-?}" "$(cat queues)" "$(cat busy)"
    obj= bnd= gap= sgap= secs= sh= em=
done
