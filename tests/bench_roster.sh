#!/bin/sh
# bench_roster.sh WFM [LIMIT_S] - `make bench`'s roster figures: the Seoul-like sample month (400
# agents, January 2021) and five such centers' worth (2,000 agents: every agent, leave day and
# call of the sample five times over), each rostered with the same time limit per agent
# (60 s for 400, five times that for 2,000 unless LIMIT_S is given; the issue's bound is 10 min).
# The 400-agent run is the baseline; the 2,000-agent line gives its ratios against it.
set -u
WFM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BIG=${2:-300}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

# One center: the sample as it is.
"$WFM" sample seoul --out one >/dev/null || exit 1
# Five centers' worth: agents A0001 -> A0001, B0001, ..., E0001; their leave; five times the calls.
mkdir five
cp one/wfm.cfg five/wfm.cfg
awk -F, 'NR == 1 { print; next } { for (i = 0; i < 5; i++) { $1 = substr("ABCDE", i + 1, 1) substr($1, 2); print } }' OFS=, \
    one/agents.csv >five/agents.csv
awk -F, 'NR == 1 { print; next } { for (i = 0; i < 5; i++) { $1 = substr("ABCDE", i + 1, 1) substr($1, 2); print } }' OFS=, \
    one/leave.csv >five/leave.csv
awk -F, 'NR == 1 { print; next } { $4 *= 5; $5 *= 5; $6 *= 5; print }' OFS=, one/volumes.csv >five/volumes.csv

TIMER=""   # GNU time, when there, gives the peak memory
[ -x /usr/bin/time ] && TIMER="/usr/bin/time -f peak_memory_%MKB" 
roster() {   # roster DIR LIMIT: prints the summary line
    (cd "$1" && "$WFM" init >/dev/null && "$WFM" import agents agents.csv >/dev/null &&
        "$WFM" import leave leave.csv >/dev/null && "$WFM" import volumes volumes.csv >/dev/null &&
        "$WFM" forecast --month 2021-01 >/dev/null 2>&1 && "$WFM" staff --month 2021-01 >/dev/null 2>&1 &&
        $TIMER "$WFM" roster --month 2021-01 --time-limit "$2" 2>&1 | grep -E "^roster|peak_memory" | tr '\n' ' ')
}
one=$(roster one 60)
echo "roster, 400 agents (baseline): $one"
five=$(roster five "$BIG")
echo "roster, 2,000 agents: $five"
s1=$(echo "$one" | sed -n 's/.* \([0-9.]*\) s,.*/\1/p')
s5=$(echo "$five" | sed -n 's/.* \([0-9.]*\) s,.*/\1/p')
[ -n "$s1" ] && [ -n "$s5" ] && awk -v a="$s1" -v b="$s5" 'BEGIN { printf "roster: 2,000 agents take %.1fx the time of 400\n", b / a }'
exit 0
