#!/bin/sh
# coverage.sh - line and branch coverage per folder (`make coverage`).
# Builds an -O0 --coverage copy in build/cov, runs every unit suite and the
# end-to-end scripts (e2e.sh, hostile.sh, e2e_values.sh) with it, and prints
# per folder the lines and branches taken (gcovr, installed from Debian when
# missing).  Writes build/cov/summary.txt, build/cov/<folder>.txt (per file,
# with the lines holding a branch never taken) and build/cov/index.html.
# COVERAGE_E2E=0 leaves out e2e.sh (about two minutes of the run).
set -eu
JOBS=${JOBS:-2}
if ! command -v gcovr >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "coverage: installing gcovr (Debian package)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcovr >/dev/null
    else
        echo "coverage: gcovr is missing (sudo apt-get install gcovr)" >&2
        exit 1
    fi
fi
TESTS=$(ls tests/test_*.c | sed 's|tests/\(.*\)\.c|build/cov/tests/\1|')
make -s -j"$JOBS" COVERAGE=1 build/cov/wfm $TESTS
find build/cov -name '*.gcda' -delete
for t in $TESTS; do
    echo "== $t"
    "$t" >build/cov/unit.log 2>&1 || { tail -20 build/cov/unit.log; echo "coverage: $t failed" >&2; exit 1; }
done
# A failing end-to-end check is reported, not fatal: the counts still hold.
for e in e2e hostile e2e_values; do
    [ "$e" = e2e ] && [ "${COVERAGE_E2E:-1}" = 0 ] && continue
    sh "tests/$e.sh" build/cov/wfm >"build/cov/$e.log" 2>&1 || echo "coverage: tests/$e.sh failed ($(tail -1 "build/cov/$e.log"))"
    tail -1 "build/cov/$e.log"
done

S=build/cov/summary.txt
printf '%-9s %22s %22s\n' folder lines branches >$S
for d in core model solver data reports cli; do
    gcovr -r . --object-directory build/cov --filter "$d/" --exclude-unreachable-branches -b \
        -o "build/cov/$d.txt" build/cov >/dev/null 2>&1 || true
    line=$(gcovr -r . --object-directory build/cov --filter "$d/" --exclude-unreachable-branches -s -o "build/cov/$d.summary" build/cov 2>/dev/null)
    l=$(printf '%s\n' "$line" | sed -n 's/^lines: \([0-9.]*%\) (\([0-9]*\) out of \([0-9]*\)).*/\1 (\2 of \3)/p')
    b=$(printf '%s\n' "$line" | sed -n 's/^branches: \([0-9.]*%\) (\([0-9]*\) out of \([0-9]*\)).*/\1 (\2 of \3)/p')
    printf '%-9s %22s %22s\n' "$d/" "$l" "$b" >>$S
done
line=$(gcovr -r . --object-directory build/cov --filter "(core|model|solver|data|reports|cli)/" --exclude-unreachable-branches -s \
       --html-details build/cov/index.html build/cov 2>/dev/null)
printf '%-9s %22s %22s\n' all \
    "$(printf '%s\n' "$line" | sed -n 's/^lines: \([0-9.]*%\) (\([0-9]*\) out of \([0-9]*\)).*/\1 (\2 of \3)/p')" \
    "$(printf '%s\n' "$line" | sed -n 's/^branches: \([0-9.]*%\) (\([0-9]*\) out of \([0-9]*\)).*/\1 (\2 of \3)/p')" >>$S
echo
cat $S
echo "coverage: per file in build/cov/<folder>.txt (lines with a branch never taken), build/cov/index.html"
