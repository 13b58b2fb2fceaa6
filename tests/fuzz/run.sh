#!/bin/sh
# Runs each libFuzzer target of tests/fuzz/ for SECONDS, one after another,
# one process each (the machine is shared).  Usage: run.sh BUILD SECONDS TARGET...
#   new corpus entries:  BUILD/corpus/TARGET/ (seeds stay in tests/fuzz/corpus/TARGET/)
#   findings:            BUILD/findings/TARGET/ (crash-*, leak-*, timeout-*, oom-*)
#   the whole output:    BUILD/TARGET.log
# Prints a line per target and exits 1 when any target has a finding.
set -u
build=$1 seconds=$2
shift 2
here=$(dirname "$0")
sym=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$sym" ] && export ASAN_SYMBOLIZER_PATH="$sym"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
summary=""
for t in "$@"; do
    corpus=$build/corpus/$t findings=$build/findings/$t log=$build/$t.log
    mkdir -p "$corpus" "$findings"
    dict=""
    [ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
    echo "fuzz: $t for ${seconds}s (log: $log)"
    "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$findings/" $dict "$corpus" "$here/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
    n=$(find "$findings" -type f | wc -l)
    line=$(printf '%-7s runs %-9s %-22s corpus %-5s findings %s' "$t" "${runs:-?}" "${cov:-cov: ?}" \
        "$(find "$corpus" -type f | wc -l)" "$n")
    echo "fuzz: $line"
    summary="$summary$line
"
    if [ "$n" -gt 0 ] || [ "$rc" -ne 0 ]; then
        status=1
        grep -m 1 -E 'ERROR: |invariant broken|runtime error' "$log" | sed 's/^/fuzz:   /'
        find "$findings" -type f | sed "s|^|fuzz:   reproduce: $build/fuzz_$t |"
    fi
done
printf '\nfuzz summary (%ss each):\n%s' "$seconds" "$summary"
[ "$status" -eq 0 ] && echo "fuzz: no findings" || echo "fuzz: FINDINGS - see $build/findings/"
exit "$status"
