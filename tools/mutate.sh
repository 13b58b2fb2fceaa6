#!/bin/sh
# mutate.sh - the project's own mutation run (`make mutate`).
#
# Usage: tools/mutate.sh [LIST [PATTERN]]
#   LIST     planted bugs, default tests/mutants.txt: one a line, four fields
#            separated by TABs - file, an original snippet found exactly once
#            in it, its replacement, a one-line description - and an optional
#            fifth: why the mutant cannot change a result (an equivalent one)
#   PATTERN  run only the lines that contain it (grep -F)
#
# The tree is copied once (with its build, so each mutant rebuilds only its
# own file); each bug is applied to the copy, built, and tested: the unit
# suites named after the file first, then tests/test_mut_*, then the others,
# stopping at the first that fails; only when every unit suite passes,
# tests/e2e_values.sh.  The file is restored before the next.  Prints one line
# a mutant and the score; writes the same to build/mutate.txt.
set -u
LIST=${1:-tests/mutants.txt}
PAT=${2:-}
SRC=$(pwd)
JOBS=${JOBS:-2}
LIMIT=${MUTATE_TIMEOUT:-300}
export WFM_SHARED=${WFM_SHARED:-$SRC/../shared}
[ -f "$LIST" ] || { echo "mutate: no list '$LIST'" >&2; exit 2; }
W=$(mktemp -d /tmp/wfm-mutate-XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM
mkdir "$W/t"
tar --exclude=./.git --exclude=./demo --exclude=./build/san --exclude=./build/cov -cf - . | (cd "$W/t" && tar xf -)
OUT=$SRC/build/mutate.txt
mkdir -p "$SRC/build"
: >"$OUT"
say() { echo "$*"; echo "$*" >>"$OUT"; }
cd "$W/t" || exit 2
SUITES=$(ls tests/test_*.c | sed 's|tests/\(.*\)\.c|\1|')

# The order the suites run in for a mutant of file $1.
order() {
    stem=$(basename "$1" .c | sed 's/^rep_//; s/^store_.*/store/; s/^shiftplan$/shiftplan/')
    first="" mut="" rest=""
    for s in $SUITES; do
        case "$s" in
            *"$stem"*) first="$first $s" ;;
            test_mut_*) mut="$mut $s" ;;
            *) rest="$rest $s" ;;
        esac
    done
    echo $first $mut $rest
}

# Runs the suites for file $1; prints the one that failed, or nothing.
run_tests() {
    for s in $(order "$1"); do
        if ! make -s -j"$JOBS" "build/tests/$s" >"$W/build.log" 2>&1; then
            echo "$s(build)"
            return
        fi
        if ! timeout "$LIMIT" "build/tests/$s" >"$W/test.log" 2>&1; then
            echo "$s"
            return
        fi
    done
    if ! timeout "$LIMIT" sh tests/e2e_values.sh ./wfm >"$W/e2e.log" 2>&1; then
        echo e2e_values
    fi
}

echo "mutate: building the copy in $W/t"
make -s -j"$JOBS" wfm >"$W/build.log" 2>&1 || { cat "$W/build.log"; echo "mutate: the tree does not build" >&2; exit 2; }
base=$(run_tests model/none.c </dev/null)
[ -z "$base" ] || { cat "$W/test.log" "$W/e2e.log" 2>/dev/null | tail -20; echo "mutate: '$base' fails before any mutant" >&2; exit 2; }

total=0 caught=0 missed=0 bad=0
TAB=$(printf '\t')
missed_list=""
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    [ -n "$PAT" ] && ! printf '%s\n' "$line" | grep -qF -- "$PAT" && continue
    file=$(printf '%s\n' "$line" | cut -d"$TAB" -f1)
    orig=$(printf '%s\n' "$line" | cut -d"$TAB" -f2)
    repl=$(printf '%s\n' "$line" | cut -d"$TAB" -f3)
    desc=$(printf '%s\n' "$line" | cut -d"$TAB" -f4)
    why=$(printf '%s\n' "$line" | cut -s -d"$TAB" -f5)
    total=$((total + 1))
    cp "$file" "$W/orig" 2>/dev/null || { say "BAD     $file: no such file ($desc)"; bad=$((bad + 1)); continue; }
    n=$(perl -e 'local $/; my ($f, $o, $r) = @ARGV; open(my $h, "<", $f) or die; my $s = <$h>; close $h;
                 my $n = () = $s =~ /\Q$o\E/g; if ($n == 1) { substr($s, index($s, $o), length $o) = $r;
                 open($h, ">", $f) or die; print $h $s; close $h; } print "$n\n";' "$file" "$orig" "$repl")
    if [ "$n" != 1 ]; then
        say "BAD     $file: the original is found $n times: $orig"
        bad=$((bad + 1))
        continue
    fi
    if ! make -s -j"$JOBS" wfm >"$W/build.log" 2>&1 </dev/null; then
        say "BAD     $file: does not build: $desc"
        bad=$((bad + 1))
    else
        by=$(run_tests "$file" </dev/null)
        if [ -n "$by" ]; then
            caught=$((caught + 1))
            say "caught  $file: $desc [by $by]"
        else
            missed=$((missed + 1))
            say "MISSED  $file: $desc${why:+ (equivalent: $why)}"
            missed_list="$missed_list
  $file: $desc${why:+ - equivalent: $why}"
        fi
    fi
    cp "$W/orig" "$file"
    touch "$file"
done <"$LIST"
make -s -j"$JOBS" wfm >/dev/null 2>&1
say ""
say "mutation score: $caught caught of $total ($(awk "BEGIN { printf \"%.1f\", $total ? 100 * $caught / $total : 0 }")%), $missed missed, $bad not applied"
[ -n "$missed_list" ] && say "missed:$missed_list"
[ "$bad" = 0 ]
