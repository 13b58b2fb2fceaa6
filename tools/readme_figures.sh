#!/bin/sh
# The README's figures that come from the demo, printed by the programs that
# make them, so they cannot go stale: each block of README.md between
# `<!-- figures:NAME -->` and `<!-- /figures -->` is rewritten from a demo
# store (DEMO_DIR from `wfm demo --out DIR`; made when missing):
#   backtest  the 6-month backtest before January 2021 of every method on the
#             general queue, and the chosen method's WAPE on the small queues
#             (`wfm forecast --month 2021-01`: the history alone decides it)
#   staffing  January 2021's need for the general queue from the history
#             profile (a store with the volumes alone, `wfm staff`) and from
#             the demo's forecast (its stored requirement): at most on the
#             phone and on duty, agent-hours on duty, predicted service level
#             and answer rate weighted by the calls, hours near each target
#   surge     Wednesday 2021-01-13 at the configured stages against the demo's
#             roster (`wfm surge --date 2021-01-13`, and `--target
#             service-level`): the table of the surge section
#   budget    the same day at 60,000 calls with `--budget` 10, 30 and 60
#             million won: each plan, the one kept and the joint bound
# The roster table of "At the caller's resolution" is tools/roster_figures.sh's.
# The surge block depends on the demo's roster, which a solve with a time limit
# finds: another demo run on a busier machine may move it by a little.
#
# Usage: tools/readme_figures.sh [--check | --print] [./wfm [DEMO_DIR]]
#   (none)   rewrite the blocks of README.md (README=FILE for another file)
#   --check  change nothing; exit 1 and show the difference when a block differs
#   --print  print the blocks only
set -eu
MODE=write
case "${1:-}" in --check) MODE=check; shift ;; --print) MODE=print; shift ;; esac
WFM=${1:-./wfm}
DEMO=${2:-demo}
README=${README:-README.md}
case "$WFM" in /*) ;; *) WFM=$(pwd)/$WFM ;; esac
[ -f "$DEMO/wfm.db" ] || "$WFM" demo --out "$DEMO" >/dev/null
CFG=$(cd "$DEMO/sample" && pwd)/wfm.cfg
T=$(mktemp -d /tmp/wfm-readme-XXXXXX)
trap 'rm -rf "$T"' EXIT
cp "$DEMO/wfm.db" "$T/wfm.db"
w() { "$WFM" "$@" --db "$T/wfm.db" --config "$CFG"; }

# Words wrapped to lines of at most 100 characters.
wrap() { awk 'BEGIN { RS = "[ \n]+" } { if (n && n + 1 + length($0) > 100) { print line; n = 0 }
                                          line = n ? line " " $0 : $0; n = length(line) }
              END { if (n) print line }'; }
# group N: N with a comma between groups of three digits.
group='function group(v,   s, neg, i, o) { neg = v < 0; s = sprintf("%.0f", neg ? -v : v); o = "";
        for (i = length(s); i > 3; i -= 3) o = "," substr(s, i - 2, 3) o; return (neg ? "-" : "") substr(s, 1, i) o }'

# --- backtest --------------------------------------------------------------
w forecast --month 2021-01 >"$T/fc.out" 2>/dev/null
awk '
    /^[a-z].*: backtest over/ { q = $1; sub(":", "", q); next }
    /^  [a-z][a-z0-9-]* +[0-9.]+% / && q == "phone" { m[++n] = $1; v[n] = $2 }
    /^  auto: / { chosen[q] = $2; wape[q] = $NF; gsub(/[()%]/, "", wape[q]) }
    END {
        printf "On the Seoul-like sample, the same 6-month backtest before January 2021 (general queue):"
        for (i = 1; i <= n; i++) {
            name = m[i]; if (name == "seasonal-naive") name = "seasonal naive"; if (name == "trimmed-mean") name = "trimmed mean"
            x = v[i]; sub("%", "", x)
            printf " %s %.1f%%%s", name, x, (m[i] == chosen["phone"] ? " (chosen)" : "") (i < n ? "," : ".")
        }
        printf " Small queues are mostly Poisson noise (foreign-language about %.0f%%, sign-language %.0f%%).\n",
               wape["foreign"], wape["sign"]
    }' "$T/fc.out" | wrap >"$T/block.backtest"
grep -q "(chosen)" "$T/block.backtest" || { echo "readme_figures: no backtest in 'wfm forecast' output" >&2; exit 1; }

# --- staffing --------------------------------------------------------------
mkdir "$T/p"
"$WFM" init --db "$T/p/wfm.db" --config "$CFG" >/dev/null 2>&1
"$WFM" import volumes "$DEMO/sample/volumes.csv" --db "$T/p/wfm.db" --config "$CFG" >/dev/null
"$WFM" staff --month 2021-01 --db "$T/p/wfm.db" --config "$CFG" >/dev/null 2>&1
cfgv() { sed -n "s/^ *$1 = \([0-9.]*\);.*/\1/p" "$CFG" | head -1; }
SLT=$(cfgv sl_target) ART=$(cfgv answer_rate) OCC=$(cfgv max_occupancy)
need() {   # DB: phone max, duty max, duty hours, SL and AR weighted by the calls, hours near occupancy, SL, AR targets
    sqlite3 -separator ' ' "$1" "SELECT max(agents_phone), max(agents_duty), sum(agents_duty),
        100 * sum(sl * offered) / sum(offered), 100 * sum(answer_rate * offered) / sum(offered),
        sum(occupancy >= $OCC - 0.02), sum(abs(sl - $SLT) <= 0.02), sum(abs(answer_rate - $ART) <= 0.015), count(*)
        FROM requirement WHERE queue = 'phone' AND run_id = (SELECT max(run_id) FROM requirement)
        AND date BETWEEN '2021-01-01' AND '2021-01-31'"
}
{ need "$T/p/wfm.db"; need "$T/wfm.db"; } | awk -v slt="$SLT" -v art="$ART" -v occ="$OCC" "$group"'
    NR == 1 { split($0, p) } NR == 2 { split($0, f) }
    END {
        printf "For January 2021, from the history profile, the Seoul-like sample needs at most %s agents on the ", group(p[1])
        printf "phone (%s on duty) for the general queue, %s agent-hours on duty, predicted SL %.1f%% and ", group(p[2] + 0.4999), group(p[3]), p[4]
        printf "answer rate %.1f%% on average; from the forecast, %s (%s) and %s agent-hours. ", p[5], group(f[1]), group(f[2] + 0.4999), group(f[3])
        printf "The targets bind in different hours: with the profile, occupancy is within 2 points of its %.0f%% cap in %d of ", 100 * occ, p[6]
        printf "the %d hours, the SL within 2 points of %.0f%% in %d, the answer rate within 1.5 points of %.0f%% in %d.\n", p[9], 100 * slt, p[7], 100 * art, p[8]
    }' | wrap >"$T/block.staffing"

# --- surge -----------------------------------------------------------------
# (the first table: scenario offered peak short-h AR SL OT-h paid-h OT-ag AR+OT SL+OT out-ag out-h AR+out SL+out lost)
w surge --date 2021-01-13 2>/dev/null | awk '$1 == "scenario" { t++; next } t == 1 && NF == 16' >"$T/ar"
w surge --date 2021-01-13 --target service-level 2>/dev/null | awk '$1 == "scenario" { t++; next } t == 1 && NF == 16' >"$T/sl"
[ -s "$T/ar" ] && [ -s "$T/sl" ] || { echo "readme_figures: no table from 'wfm surge'" >&2; exit 1; }
awk "$group"'
    function cell(a, b) { return a == b ? a : a " / " b }
    function pct(x) { return x }
    NR == FNR { n++; for (i = 1; i <= NF; i++) A[n, i] = $i; next }
    { k++; for (i = 1; i <= NF; i++) S[k, i] = $i }
    END {
        printf "| |"
        for (j = 1; j <= n; j++) printf " %s |", A[j, 1] ~ /^[0-9]+$/ ? group(A[j, 1]) " (answer rate / service level)" : A[j, 1]
        printf "\n|---|"; for (j = 1; j <= n; j++) printf "---|"; printf "\n"
        row("offered calls", 2); row("agents needed on the phone at the peak", 3)
        row("shortfall with the roster, agent-hours", 4); row("answer rate with the roster", 5); row("service level with the roster", 6)
        printf "| overtime: hours (paid hours with premiums), agents |"
        for (j = 1; j <= n; j++) printf " %s |", cell(ot(A, j), ot(S, j))
        printf "\n"; row("answer rate after stage 1", 10); row("service level after stage 1", 11)
        printf "| outside agents (paid agent-hours) |"
        for (j = 1; j <= n; j++) printf " %s |", cell(out(A, j), out(S, j))
        printf "\n"; row("answer rate after stage 2", 14); row("service level after stage 2", 15); row("calls still lost", 16)
    }
    function v(X, j, i) { return X[j, i] ~ /%$/ ? X[j, i] : group(X[j, i]) }
    function pair(X, j, i, i2) { return i2 ? v(X, j, i) " / " v(X, j, i2) : v(X, j, i) }
    function row(label, i, i2,   j) { printf "| %s |", label; for (j = 1; j <= n; j++) printf " %s |", cell(pair(A, j, i, i2), pair(S, j, i, i2)); printf "\n" }
    function ot(X, j) { return X[j, 7] == 0 ? "0" : group(X[j, 7]) " (" group(X[j, 8]) "), " group(X[j, 9]) }
    function out(X, j) { return X[j, 12] == 0 ? "0" : group(X[j, 12]) " (" group(X[j, 13]) ")" }
' "$T/ar" "$T/sl" >"$T/block.surge"

# --- budget ----------------------------------------------------------------
# `--budget` on 2021-01-13 at 60,000 calls: each plan (after its top-up), the one kept, the joint bound
for B in 10000000 30000000 60000000; do
    w surge --date 2021-01-13 --calls 60000 --budget $B 2>/dev/null | grep '^scenario 60000: best within the budget' |
        tr -d '%,()' | awk -v b=$B '{ for (i = 1; i <= NF; i++) { if ($i == "budget:") a = $(i + 1)
            if ($i == "first" && $(i - 1) == "overtime" && $(i - 2) != "answered") o = $(i + 1)
            if ($i == "split" && $(i + 1) ~ /^[0-9.]+$/) s = $(i + 1)
            if ($i == "first" && $(i - 1) == "vendor") v = $(i + 1); if ($i == "bound") bd = $(i + 1) }
            print b, a, o, s, v, bd }'
done >"$T/budget"
[ "$(wc -l <"$T/budget")" -eq 3 ] || { echo "readme_figures: no budget line from 'wfm surge --budget'" >&2; exit 1; }
awk "$group"'
    BEGIN { print "| `--budget` (won) | answered, plan kept | overtime first | the relaxation'"'"'s split | vendor first | bound | below the bound |"
            print "|---|---|---|---|---|---|---|" }
    { printf "| %s | %.2f%% | %.2f%% | %.2f%% | %.2f%% | %.2f%% | %.2f points |\n", group($1), $2, $3, $4, $5, $6, $6 - $2 }
' "$T/budget" >"$T/block.budget"

# --- README ----------------------------------------------------------------
if [ "$MODE" = print ]; then
    for b in backtest staffing surge budget; do echo "<!-- figures:$b -->"; cat "$T/block.$b"; echo "<!-- /figures -->"; done
    exit 0
fi
awk -v dir="$T" '
    /^<!-- figures:[a-z]+ -->$/ { name = $0; sub(/^<!-- figures:/, "", name); sub(/ -->$/, "", name)
        f = dir "/block." name
        if ((getline l < f) <= 0) { print "readme_figures: no figures named \"" name "\"" > "/dev/stderr"; bad = 1 }
        else { print; print l; while ((getline l < f) > 0) print l; close(f); skip = 1; next } }
    skip && /^<!-- \/figures -->$/ { skip = 0 }
    !skip { print }
    END { exit bad }' "$README" >"$T/readme.new"
n=$(grep -c '^<!-- figures:' "$README" || true)
[ "$n" -ge 4 ] || echo "readme_figures: $README has $n marked blocks (backtest, staffing, surge, budget expected)" >&2
if [ "$MODE" = check ]; then
    if cmp -s "$README" "$T/readme.new"; then echo "readme_figures: $README's $n blocks are the demo's"; exit 0; fi
    diff -u "$README" "$T/readme.new" | sed -n '3,$p'
    echo "readme_figures: $README differs from the demo's figures (tools/readme_figures.sh rewrites it)" >&2
    exit 1
fi
cmp -s "$README" "$T/readme.new" || cp "$T/readme.new" "$README"
echo "readme_figures: $n blocks of $README written from '$DEMO'"
