#!/bin/sh
# bench_roster.sh WFM [LIMIT_S] - `make bench`'s roster figures, January 2021 from each sample's
# history (forecast, staffing, roster, as `wfm plan` does): the Gimpo-like center (15 agents,
# 60-s limit), the Seoul-like one (400 agents, 60 s) and five Seoul centers' worth (2,000 agents:
# every agent, leave day and call of the sample five times over; 600 s, the goal of issue 5,
# unless LIMIT_S is given).  The 400-agent run is the baseline the 2,000-agent one is set against.
set -u
WFM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BIG=${2:-600}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

"$WFM" sample gimpo --out gimpo >/dev/null || exit 1
"$WFM" sample seoul --out one >/dev/null || exit 1
# Five centers' worth: agents A0001 -> A0001, B0001, ..., E0001; their leave; five times the calls.
mkdir five
cp one/wfm.cfg five/wfm.cfg
for f in agents leave; do
    awk -F, 'NR == 1 { print; next } { for (i = 0; i < 5; i++) { $1 = substr("ABCDE", i + 1, 1) substr($1, 2); print } }' \
        OFS=, "one/$f.csv" >"five/$f.csv"
done
awk -F, 'NR == 1 { print; next } { $4 *= 5; $5 *= 5; $6 *= 5; print }' OFS=, one/volumes.csv >five/volumes.csv

TIMER=""   # GNU time, when there, gives the peak memory
[ -x /usr/bin/time ] && TIMER="/usr/bin/time -f peak_memory_%MKB"
roster() {   # roster DIR LIMIT: prints the summary line (and the peak memory)
    (cd "$1" && "$WFM" init >/dev/null 2>&1 && "$WFM" import agents agents.csv >/dev/null &&
        "$WFM" import leave leave.csv >/dev/null && "$WFM" import volumes volumes.csv >/dev/null &&
        "$WFM" forecast --month 2021-01 >/dev/null 2>&1 && "$WFM" staff --month 2021-01 >/dev/null 2>&1 &&
        $TIMER "$WFM" roster --month 2021-01 --time-limit "$2" 2>&1 | grep -E "^roster|peak_memory" | tr '\n' ' ')
}
echo "roster, Gimpo-like, 15 agents: $(roster gimpo 60)"
one=$(roster one 60)
echo "roster, Seoul-like, 400 agents (baseline): $one"
five=$(roster five "$BIG")
echo "roster, five Seoul-like centers, 2,000 agents: $five"
s1=$(echo "$one" | sed -n 's/.* \([0-9.]*\) s,.*/\1/p')
s5=$(echo "$five" | sed -n 's/.* \([0-9.]*\) s,.*/\1/p')
[ -n "$s1" ] && [ -n "$s5" ] && awk -v a="$s1" -v b="$s5" 'BEGIN { printf "roster: 2,000 agents take %.1fx the time of 400\n", b / a }'
exit 0
