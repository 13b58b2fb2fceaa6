#!/bin/sh
# Prints the figures the README's "At the caller's resolution" table quotes,
# from a demo store: the January 2021 roster at 30 and at 15 minutes (its
# objective, bound, gap, time, shortfall and empty intervals, the checker's
# verdict, each queue's shortfall against its own need), the busiest day against its need, each team's weekend days per agent, and what callers of every queue
# get by the simulation in the roster report; and the 30-minute month again with
# the regularity weights at 0 (fairness.single_day_off, .kind_swing and .start_jump), for comparison.
# Usage: tools/roster_figures.sh [./wfm [DEMO_DIR]]   (DEMO_DIR from `wfm demo --out DIR`; made when missing)
set -eu
WFM=${1:-./wfm}
DEMO=${2:-demo}
[ -f "$DEMO/wfm.db" ] || "$WFM" demo --out "$DEMO" >/dev/null
T=$(mktemp -d /tmp/wfm-figures-XXXXXX)
trap 'rm -rf "$T"' EXIT
for run in 30 15 30-irregular; do
    grid=${run%%-*}
    sed -e "s/interval_min = [0-9]*;/interval_min = $grid;/" "$DEMO/sample/wfm.cfg" >"$T/wfm.cfg"
    [ "$run" = "$grid" ] || sed -i -e 's/single_day_off = [0-9.]*;/single_day_off = 0;/' \
                                  -e 's/kind_swing = [0-9.]*;/kind_swing = 0;/' \
                                  -e 's/ start_jump = [0-9.]*;//' \
                                  -e 's/kind_swing = 0;/kind_swing = 0; start_jump = 0;/' "$T/wfm.cfg"
    cp "$DEMO/wfm.db" "$T/wfm.db"
    echo "== $grid-minute intervals$([ "$run" = "$grid" ] || echo ', regularity weights 0')"
    "$WFM" roster --month 2021-01 --db "$T/wfm.db" --config "$T/wfm.cfg" 2>"$T/err" | grep '^roster'
    grep -o 'dive to one month per agent: [0-9.]*; .*' "$T/err" | sed 's/^/  /'
    "$WFM" check --month 2021-01 --db "$T/wfm.db" --config "$T/wfm.cfg" 2>/dev/null | grep -e '^roster run' -e "^each queue's"
    "$WFM" report roster --month 2021-01 --db "$T/wfm.db" --config "$T/wfm.cfg" --out "$T/rr" >/dev/null
    awk -F, 'NR > 1 && $2 > 0 { r = $3 / $2; if (r > m) { m = r; d = $1 } } END { printf "busiest day against its need: %s, %.2fx\n", d, m }' "$T/rr/days.csv"
    awk -F, '$3 == "single_days_off" || $3 == "kind_swings" || $3 == "start_jumps" { n[$3] += $2 * $4 }
             END { printf "regularity: %.0f single days off, %.0f changes of shift kind, %.0f changes of start time within a week\n",
                           n["single_days_off"], n["kind_swings"], n["start_jumps"] }' "$T/rr/fairness.csv"
    awk -F, '$1 == "day" && $3 == "early_starts" { printf "early starts (before 08:00) per day-team agent: %s to %s\n", $5, $6 }' "$T/rr/fairness.csv"
    awk -F, '$3 == "weekend_days" { w = w sprintf("%s%s %s to %s", w == "" ? "" : ", ", $1, $5, $6) }
             END { printf "weekend days per agent by team: %s\n", w }' "$T/rr/fairness.csv"
    awk -F, 'NR > 1 { o[$1] += $4; a[$1] += $5; w[$1] += $7 }
             END { for (q in o) printf "simulated %s: %.0f calls, answer rate %.1f%%, service level %.1f%%\n", q, o[q], 100 * a[q] / o[q], 100 * w[q] / o[q] }' \
        "$T/rr/simulation.csv" | sort
done
