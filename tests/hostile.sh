#!/bin/sh
# Hostile data and faults (issue 16): inputs an attacker or a careless user
# gives, and what must never follow - a command run, markup or a formula
# written, a crash, a store changed by a refused input, a lost roster.
# Usage: tests/hostile.sh ./wfm
NAME=hostile
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
# A small Gimpo store every section may copy (cp -r base/. somewhere).
mkdir base && (cd base && "$WFM" sample gimpo --out s >/dev/null 2>&1 && cp s/wfm.cfg wfm.cfg \
    && "$WFM" init >/dev/null && for k in agents volumes leave perf; do "$WFM" import $k s/$k.csv >/dev/null || exit 1; done) \
    || { echo "hostile: cannot build the base store"; exit 1; }

# --- outputs: gnuplot, HTML and CSV quoting, temporary files ---------------
# Issue 16, part 1: hostile ids, names, teams, templates, queues and queue
# names (pseudonymise off) through score, roster, surge, forecast and their
# reports.  Nothing may become a gnuplot command, markup or a formula.
mkdir outputs && cp -r base/. outputs/ && cd outputs && rm -f wfm.db wfm.db-wal wfm.db-shm || exit 1
python3 - s <<'EOF' || no "outputs: cannot write the hostile sample"
import csv, os, sys
d = sys.argv[1]
ids = {"A0012": '"><img src=x onerror=alert(1)>', "A0001": "<script>alert(1)</script>",
       "A0002": '=HYPERLINK("http://x","y")', "A0003": "+cmd|' /C calc'!A0", "A0004": "a,b",
       "A0005": "'q/1", "A0006": "x\"y", "A0007": "@SUM(1+1)", "A0008": "-2+3"}
for f in ("agents", "leave", "perf", "preferences", "volumes"):
    p = os.path.join(d, f + ".csv")
    rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
    for r in rows[1:]:
        for k, c in enumerate(rows[0]):
            if c in ("id", "agent_id"): r[k] = ids.get(r[k], r[k])
            if c == "queue": r[k] = "x');system \"touch pwq\";('y" if f == "perf" else "-q<u>',1/2"
            if c == "shift" and r[k] == "A0830": r[k] = "=A<s>,1"
            if c == "team": r[k] = "<i>d,=t</i>"
            if c == "name" and r[0] == "A0010": r[k] = "<b>n</b>"
    with open(p, "w", newline="", encoding="utf-8") as o:
        csv.writer(o, lineterminator="\n").writerows(rows)
EOF
sed -e 's/pseudonymise = true/pseudonymise = false/' -e 's|name = "day"; kinds|name = "<i>d,=t</i>"; kinds|' \
    -e 's|name = "A0830"|name = "=A<s>,1"|' -e "s|name = \"phone\"|name = \"-q<u>',1/2\"|" s/wfm.cfg >wfm.cfg
"$WFM" init >/dev/null 2>&1 && for k in agents volumes leave perf preferences; do "$WFM" import $k s/$k.csv >/dev/null || no "outputs: import $k"; done
expect 0 "1 flagged" "$WFM" score --from 2020-01-01 --to 2020-12-31
expect 0 "wrote report" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out rs
expect 0 "wrote report" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out rs2 --script-dir gp
expect 0 "" "$WFM" forecast --month 2021-01 --csv f.csv
expect 0 "" "$WFM" staff --month 2021-01
expect 0 "0 hard-rule violations" "$WFM" roster --month 2021-01 --time-limit 5
expect 0 "wrote report" "$WFM" report roster --month 2021-01 --out rr
expect 0 "" "$WFM" surge --date 2021-01-13
expect 0 "wrote report" "$WFM" report surge --date 2021-01-13 --out su
expect 0 "wrote report" "$WFM" report forecast --month 2021-01 --out rf
# The scripts themselves, run by gnuplot by hand, run no command either.
for g in gp/*.gp; do gnuplot "$g" >/dev/null 2>&1 || no "outputs: gnuplot rejects $g"; done
[ ! -e pwq ] && [ ! -e rs/pwq ] && ok || no "outputs: a queue name ran a shell command through gnuplot"
grep -q "set xtics ('x'');system" gp/distribution.gp && ok || no "outputs: the queue tic is not quoted: $(grep xtics gp/distribution.gp)"
# No markup from data in any page, and the values are there, escaped.
if grep -l '<script\|<img src=x\|<i>d\|<s>\|<u>\|<b>n' rs/*.html rr/*.html su/*.html rf/*.html; then no "outputs: raw markup in a page"; else ok; fi
grep -q '&quot;&gt;&lt;img src=x' rs/index.html && grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' rr/calendar.html \
    && grep -q '&lt;i&gt;d,=t&lt;/i&gt;' rr/index.html && ok || no "outputs: the escaped values are missing from the pages"
# Files are named by index, links follow.
[ -z "$(find rs rr su rf gp -name '*[<>"'\''=,]*')" ] && [ -f rs/agent_0.html ] && [ -f rf/forecast_0.png ] && [ -f su/surge_1.png ] \
    && grep -q 'href="agent_0.html"' rs/index.html && ok || no "outputs: files not named by index: $(ls rs rf su | tr '\n' ' ')"
# Every CSV: RFC 4180, every row as wide as its header, no cell a spreadsheet reads as a formula.
python3 - rs/*.csv rr/*.csv su/*.csv f.csv >csvcheck 2>&1 <<'EOF'
import csv, sys
for p in sys.argv[1:]:
    rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
    for n, r in enumerate(rows):
        if len(r) != len(rows[0]): print("%s:%d: %d cells, header %d" % (p, n + 1, len(r), len(rows[0])))
        for c in r:
            if c[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try: float(c)
                except ValueError: print("%s:%d: formula cell %r" % (p, n + 1, c))
EOF
[ ! -s csvcheck ] && ok || no "outputs: CSV: $(head -c 600 csvcheck)"
grep -qF '"'\''=HYPERLINK(""http://x"",""y"")"' rs/scores.csv && grep -qF '"'\''+cmd|'\'' /C calc'\''!A0"' rr/roster.csv \
    && grep -qF '"'\''=A<s>,1"' su/overtime.csv && grep -qF '"'\''-q<u>'\'',1/2"' f.csv && grep -q ',-2\.[0-9]*,' rs/scores.csv \
    && ok || no "outputs: formula cells not neutralised, or numbers no longer numbers"
# A planted link at any name a report might use for a temporary or final file is never written through.
mkdir rs3 gp3 && echo keep >victim && for f in index.html.tmp index.html.part scores.csv.tmp distribution.png.part \
    agent_0.png.part; do ln -s ../victim "rs3/$f"; done && ln -s ../victim gp3/distribution.gp.tmp && ln -s ../victim rs3/flagged.csv
expect 0 "wrote report" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out rs3
expect 0 "wrote report" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out rs4 --script-dir gp3
[ "$(cat victim)" = keep ] && [ -f rs3/flagged.csv ] && [ ! -L rs3/flagged.csv ] && [ -z "$(find rs3 gp3 -name '*.tmp' ! -type l)" ] \
    && ok || no "outputs: a planted link was written through ($(cat victim | head -c 80))"
# Over-long paths are refused, never cut; a long one that fits is used whole.
long=$(python3 -c "print('/'.join(['d' * 100] * 6))")
expect 0 "wrote report" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out "$long"
[ -f "$long/index.html" ] && [ "$(find d* -name index.html | wc -l)" = 1 ] && ok || no "outputs: a 605-byte --out was cut"
long=$(python3 -c "print('/'.join(['d' * 200] * 25))")
expect 1 "the path is longer than" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out "$long"
expect 1 "the path is longer than" "$WFM" plan --month 2021-01 --out "$long"
expect 1 "the path is longer than" "$WFM" sample gimpo --out "$long"
expect 1 "the path is longer than" "$WFM" forecast --month 2021-01 --csv "$long.csv"
cd "$T" || exit 1


# --- imports: bounds, sizes, files that are not files ----------------------

mkdir imp && cp -r base/. imp/ && cd imp || exit 1
sqlite3 wfm.db .dump >dump0
# refused KIND FILE "TEXT": exit 1 with TEXT, no control byte printed raw, the store as it was.
refused() {
    expect 1 "$3" timeout 20 "$WFM" import "$1" "$2"
    [ "$(LC_ALL=C tr -d '\n\t -~\200-\377' <"$T/out" | wc -c)" = 0 ] || no "import $1: a raw control byte in: $(od -c "$T/out" | head -3)"
    sqlite3 wfm.db .dump >dump1
    cmp -s dump0 dump1 || { no "import $1 $2: a refused import changed the store"; mv dump1 dump0; }
}
p() { printf "$@"; }
p 'date,hour,queue,offered\n2021-01-01,10,phone,1e308\n' >v.csv
refused volumes v.csv "v.csv:2:4: 'offered' value 1e308 is above 1000000000"
p 'date,hour,queue,offered\n2021-01-01,10,phone,1000000001\n' >v.csv
refused volumes v.csv "v.csv:2:4: 'offered' value 1000000001 is above 1000000000"
p 'date,agent_id,handled,logged_in_s\n2020-01-02,A0001,1000000001,100\n' >pf.csv
refused perf pf.csv "pf.csv:2:3: 'handled' value 1000000001 is above 1000000000"
p 'date,hour,queue,offered\n0001-01-01,10,phone,5\n' >v.csv
refused volumes v.csv "v.csv:2:1: 'date' value 0001-01-01 is outside 1990-01-01..2100-12-31"
p 'agent_id,date\nA0001,9999-12-31\n' >l.csv
refused leave l.csv "l.csv:2:2: 'date' value 9999-12-31 is outside 1990-01-01..2100-12-31"
p 'agent_id,date,shift,want,weight\nA0001,2021-01-05,off,wanted,1e308\n' >pr.csv
refused preferences pr.csv "pr.csv:2:5: 'weight' value 1e308 is above 1000"
p 'agent_id,date,kind\nA0\0001,2021-01-05,annual\n' >l.csv
refused leave l.csv "l.csv:2:1: 'agent_id' value 'A0\x001' has a control character (\x00 at byte 3)"
p 'id,team\nA\377\376,day\n' >a.csv
refused agents a.csv "a.csv:2:1: 'id' value 'A\xFF\xFE' is not valid UTF-8 (byte 2)"
p 'id,team,name\nB1,day,Kim\033[31m\n' >a.csv
refused agents a.csv "a.csv:2:3: 'name' value 'Kim\x1B[31m' has a control character"
p 'id,team\nA0123456789012345678901234567890,day\n' >a.csv
refused agents a.csv "a.csv:2:1: 'id' value 'A0123456789012345678901234567890' is 32 bytes, more than 31"
p 'id,team\nA012345678901234567890123456789,day\n' >a.csv
expect 0 "imported 1 rows" "$WFM" import agents a.csv          # 31 bytes: the documented limit
sqlite3 wfm.db "DELETE FROM agent WHERE length(id) = 31"
cp v.csv "$(printf 'v\001.csv')"
refused volumes "$(printf 'v\001.csv')" "v\x01.csv:2:1: 'date' value 0001-01-01"
{ printf 'date,hour,queue,offered\n2021-01-01,1,'; head -c 70000 /dev/zero | tr '\0' q; printf ',5\n'; } >v.csv
refused volumes v.csv "v.csv:2:3: the record is longer than 65536 bytes"
head -c 200000 /dev/zero >v.csv
refused volumes v.csv "v.csv:1:1: the record is longer than 65536 bytes"
refused volumes /dev/zero "cannot read '/dev/zero': a character device, not a regular file"
mkdir d.csv
refused volumes d.csv "cannot read 'd.csv': a directory, not a regular file"
mkfifo f.csv
refused volumes f.csv "cannot read 'f.csv': a FIFO, not a regular file"
truncate -s 3G big.csv
refused volumes big.csv "cannot read 'big.csv': 3221225472 bytes, more than the 2147483648 a file may hold"
rm -f big.csv
# A store with an absurd load from before these bounds: staff refuses it, no crash.
cp wfm.db old.db
sqlite3 old.db "UPDATE volume SET offered = 1e308, aht_s = NULL WHERE date = '2020-12-31' AND hour = 10"
expect 1 "invalid load" "$WFM" staff --month 2021-01 --db old.db
# 70 queues in the performance records: wfm score says so, drops nothing silently.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } NR <= 400 { $14 = "q" NR % 70; print }' s/perf.csv >q70.csv
expect 0 "" "$WFM" import perf --replace q70.csv
expect 1 "more than 64 queues" "$WFM" score --from 2020-01-01 --to 2020-12-31
cd "$T" || exit 1

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
cfg_bad member "unknown setting 'shifts.[1].colour' at member.cfg:33: the names known here are name, kind," \
    's/name = "B0930";/name = "B0930"; colour = "red";/'
cfg_bad required "unknown setting 'center.nmae' at required.cfg:5: did you mean 'name'?" 's/^  name = "김포/  nmae = "김포/'
cfg_bad scalar "invalid setting 'availability.weak_hours' at scalar.cfg:25: a list [...] of numbers" 's/weak_hours = \[9, 13\]/weak_hours = 9/'
cfg_bad notgroup "invalid setting 'remote' at notgroup.cfg:40: a group { ... } is needed" 's/^remote = .*/remote = 0.2;/'
cfg_bad string "invalid setting 'remote.seats' at string.cfg:40: a whole number is needed" 's/seats = 3;/seats = "3";/'
cfg_bad teams "invalid setting 'teams' at teams.cfg:38: the name 'day' is used twice" \
    's/^teams = ( { name = "day"; kinds = \["day"\]; } );/teams = ( { name = "day"; kinds = ["day"]; }, { name = "day"; } );/'
cfg_bad queues "invalid setting 'queues' at queues.cfg:37: the name 'phone' is used twice" \
    's/^queues = ( { name = "phone"; skill = ""; aht_s = 150.0; } );/queues = ( { name = "phone"; }, { name = "phone"; } );/'
cfg_bad shifts "invalid setting 'shifts' at shifts.cfg:33: the name 'A0830' is used twice" 's/name = "B0930";/name = "A0830";/'
cfg_bad holiday "invalid setting 'holidays' at holiday.cfg:64: '2019-01-01' is listed twice" 's/"2019-01-01", /"2019-01-01", "2019-01-01", /'
cfg_bad blocks "invalid setting 'surge.outside_block_h' at blocks.cfg:60: 5 entries is more than the 4 allowed" \
    's/overtime_cap_h = 12.0;/overtime_cap_h = 12.0; outside_block_h = [1, 2, 3, 4, 5];/'
cfg_bad seats "invalid setting 'remote.seats' at seats.cfg:40: 1000000000000 is above 1000000" 's/seats = 3;/seats = 1000000000000;/'
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
# A roster solved while another process holds the store's write lock (an
# import's transaction) for longer than SQLite's 5 s waits for it and is stored.
mkdir lock && cp -r base/. lock/ && cd lock || exit 1
"$WFM" staff --month 2021-01 >/dev/null 2>&1 || no "staff for the lock test"
(echo "BEGIN IMMEDIATE;"; sleep 8; echo "COMMIT;") | sqlite3 wfm.db &
lockpid=$!
sleep 1
expect 0 "hard-rule violations" "$WFM" roster --month 2021-01 --time-limit 5
wait "$lockpid"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM run WHERE command = 'roster'")" = 1 ] && ok || no "the roster was not stored after the lock"
# A store this user cannot write: reports and checks read it; a command that
# writes says it is read-only (not "not a wfm store") and changes nothing.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    chmod 755 "$T" "$T/lock" && chmod 644 wfm.db wfm.cfg && rm -f wfm.db-wal wfm.db-shm
    asuser() { su nobody -s /bin/sh -c "cd '$T/lock' && $*"; }
else
    chmod 555 "$T/lock" && chmod 444 wfm.db
    asuser() { sh -c "$*"; }
fi
cksum wfm.db >before.sum 2>/dev/null || cp wfm.db before.db
asuser "'$WFM' check --month 2021-01" >out 2>&1 && grep -q "0 hard-rule violations" out && ok || no "check on a read-only store: $(head -c 300 out)"
asuser "'$WFM' report roster --month 2021-01 --out /tmp/wfm-ro-$$" >out 2>&1 && [ -s /tmp/wfm-ro-$$/index.html ] && ok \
    || no "report on a read-only store: $(head -c 300 out)"
rm -rf /tmp/wfm-ro-$$
asuser "'$WFM' staff --month 2021-01" >out 2>&1; st=$?
[ "$st" = 1 ] && grep -q "read-only" out && ok || no "staff on a read-only store: exit $st, $(head -c 300 out)"
cksum wfm.db | cmp -s - before.sum && ok || no "the read-only store changed"
chmod 755 "$T/lock"; chmod 644 wfm.db
cd "$T" || exit 1
# An output that is no regular file is refused, never replaced: as root, --csv /dev/null once renamed a
# file over the device (every later '> /dev/null' then wrote to a plain file).
mkdir devnull && cp -r base/. devnull/ && cd devnull || exit 1
expect 1 "cannot write '/dev/null': it is not a regular file" "$WFM" forecast --month 2021-01 --csv /dev/null
[ -c /dev/null ] && ok || no "/dev/null is no longer a device"
cd "$T" || exit 1


echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
