#!/bin/sh
# End-to-end: the wfm binary as a user runs it, in a temporary folder.
# Usage: tests/e2e.sh ./wfm
NAME=e2e
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# The command line.
expect 0 "usage: wfm <command>" "$WFM" --help
expect 2 "usage: wfm <command>" "$WFM"
expect 2 "unknown command 'frobnicate'" "$WFM" frobnicate
expect 0 "usage: wfm import" "$WFM" import --help
expect 2 "unknown option '--bogus' for 'wfm import'" "$WFM" import --bogus
expect 2 "needs a value" "$WFM" report history --out
expect 2 "not volumes, agents, leave, perf, preferences or requirements" "$WFM" import calls x.csv
expect 1 "cannot open store 'wfm.db': no such file (run 'wfm init' first)" "$WFM" import volumes x.csv

# From nothing to a picture.
expect 0 "demo ready" "$WFM" demo --out d
for f in d/sample/wfm.cfg d/sample/volumes.csv d/sample/agents.csv d/sample/leave.csv d/sample/perf.csv \
         d/wfm.db d/report/history/index.html d/report/history/daily.csv; do
    [ -s "$f" ] && ok || no "demo did not write $f"
done
for f in daily intraday heatmap; do
    [ "$(head -c 4 d/report/history/$f.png | tail -c 3)" = "PNG" ] && ok || no "$f.png is not a PNG"
done
grep -q '요일 유형별 평균 시간대 곡선' d/report/history/index.html && ok || no "report lacks Korean labels"
[ "$(sqlite3 d/wfm.db 'SELECT count(*) FROM agent')" = 400 ] && ok || no "demo store lacks 400 agents"
[ "$(sqlite3 d/wfm.db 'SELECT count(DISTINCT date) FROM volume')" = 731 ] && ok || no "demo store lacks 731 days"
[ "$(sqlite3 d/wfm.db 'PRAGMA user_version')" = 5 ] && ok || no "schema version"
ls d/report/*/*.tmp d/sample/*.tmp >/dev/null 2>&1 && no "temporary files left" || ok
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM roster WHERE run_id = (SELECT max(id) FROM run WHERE command = 'roster')")" = "$((400 * 31))" ] \
    && ok || no "demo roster: 400 agents x 31 days"
expect 0 "0 hard-rule violations" "$WFM" check --month 2021-01 --db d/wfm.db --config d/sample/wfm.cfg
# Each queue's shortfall against its own need, skilled agents first, recounted from the store alone
# (shifts, meals and extra breaks by DOMAIN.md's rule, per half minute; each queue's stored requirement
# spread over its half hours; a skill queue answered by its skilled agents up to its need, the phone
# queue by everyone left) against wfm check's line: the issue's own measure, not wfm's code.
"$WFM" check --month 2021-01 --db d/wfm.db --config d/sample/wfm.cfg >qs.out 2>&1
python3 - d/wfm.db d/sample/wfm.cfg qs.out >qs.cmp 2>&1 <<'EOF2'
import sqlite3, sys, re, datetime
db, cfgp, out = sys.argv[1:4]
con = sqlite3.connect(db)
text = open(cfgp, encoding="utf-8").read()
brk = float(re.search(r"extra_break_min\s*=\s*([\d.]+)", text).group(1))
meal = {m.group(1): int(m.group(2)) for m in re.finditer(r'name = "(\w+)";[^}]*?meal_min = (\d+)', text)}
first, nd = datetime.date(2021, 1, 1), 31
run = con.execute("SELECT max(id) FROM run WHERE command = 'roster' AND params LIKE '%2021-01%'").fetchone()[0]
srun = con.execute("SELECT max(id) FROM run WHERE command = 'staff' AND params LIKE '%2021-01%'").fetchone()[0]
skills = dict(con.execute("SELECT id, coalesce(skills, '') FROM agent"))
N = nd * 2880                      # half minutes
tot, sk = [0] * N, {"foreign": [0] * N, "sign": [0] * N}
for ag, date, sh, a0, b0, ms, slot in con.execute("SELECT agent_id, date, shift, start_min, end_min, meal_start_min, "
        "break_slot FROM roster WHERE run_id = ? AND status = 'work'", (run,)):
    base = (datetime.date.fromisoformat(date) - first).days * 1440
    a, b = base + a0, base + b0 + (1440 if b0 <= a0 else 0)
    off = set()
    ma = base + ms if ms is not None else None
    if ma is not None:
        off.update(range(2 * ma, 2 * (ma + meal[sh])))
    h = a // 60 * 60
    while brk > 0 and slot is not None and h < b:
        s0, e0 = h + 7.5 * slot, h + 7.5 * slot + brk
        if s0 >= a and e0 <= b and not (ma is not None and s0 < ma + meal[sh] and e0 > ma):
            off.update(range(int(2 * s0), int(2 * e0)))
        h += 60
    mine = [q for q in sk if q in skills[ag].split(";")]
    for u in range(max(0, 2 * a), min(N, 2 * b)):
        if u not in off:
            tot[u] += 1
            for q in mine:
                sk[q][u] += 1
need = {}
for q, date, hour, duty in con.execute("SELECT queue, date, hour, agents_duty FROM requirement WHERE run_id = ?", (srun,)):
    need[(q, (datetime.date.fromisoformat(date) - first).days * 24 + hour)] = duty
w = 60 / (60 - brk) / 60           # a half minute on the phone, in agents of a half hour
short = {"phone": 0.0, "foreign": 0.0, "sign": 0.0}
for t in range(nd * 48):
    lo = t * 60
    have = sum(tot[lo:lo + 60]) * w
    left = have
    for q in ("foreign", "sign"):
        n = need.get((q, t // 2), 0)
        used = min(n, sum(sk[q][lo:lo + 60]) * w)
        short[q] += (n - used) / 2
        left -= used
    short["phone"] += max(0, need.get(("phone", t // 2), 0) - left) / 2
line = [l for l in open(out, encoding="utf-8") if l.startswith("each queue's shortfall")]
got = dict(re.findall(r" (\w+) ([\d.]+)", line[0].split(":", 1)[1])) if line else {}
print("recounted %s; wfm check %s" % (", ".join("%s %.1f" % kv for kv in short.items()), got))
sys.exit(0 if got and all(abs(float(got[q]) - short[q]) <= 0.05 + 1e-9 for q in short) else 1)
EOF2
[ $? = 0 ] && ok || no "each queue's shortfall recounted from the store: $(cat qs.cmp)"

# Ctrl-C or SIGTERM at any moment of a roster solve keeps the best roster that
# keeps every rule (a dive cut short once left a skill queue's hours open and
# the roster was refused; SIGTERM stored nothing): stored, checked, exit 0.
for sig_t in INT:0.3 TERM:0.3 INT:1 TERM:2 INT:3; do
    sig=${sig_t%%:*} t=${sig_t#*:}
    cp d/wfm.db sig.db
    "$WFM" roster --month 2021-01 --db sig.db --config d/sample/wfm.cfg >sig.out 2>&1 &
    pid=$!
    sleep "$t"
    kill -"$sig" "$pid"
    wait "$pid"
    st=$?
    if [ "$st" = 0 ] && grep -q ", 0 hard-rule violations" sig.out &&
       [ "$(sqlite3 sig.db "SELECT count(*) FROM run WHERE command = 'roster'")" = 2 ]; then ok
    else no "SIG$sig after $t s: exit $st, $(grep -E 'breaks|roster 2021' sig.out | head -2)"; fi
    "$WFM" check --month 2021-01 --db sig.db --config d/sample/wfm.cfg >/dev/null 2>&1 && ok || no "SIG$sig after $t s: wfm check refuses the stored roster"
done
rm -f sig.db sig.db-wal sig.db-shm sig.out

# Step by step, in the demo's folder: init, imports, bad inputs that change nothing.
cp d/sample/wfm.cfg wfm.cfg
expect 0 "created store 'wfm.db' (schema version 5)" "$WFM" init
expect 0 "is up to date" "$WFM" init
expect 0 "imported 400 rows" "$WFM" import agents d/sample/agents.csv
expect 0 "imported 31529 rows" "$WFM" import volumes d/sample/volumes.csv
sqlite3 wfm.db .dump >before.sql
printf 'date,hour,offered\n2021-01-01,3,5\n2021-01-01,24,5\n' >bad.csv
"$WFM" import volumes bad.csv >"$T/out" 2>&1; st=$?
[ $st = 1 ] && grep -qF "bad.csv:3:2: hour 24 is out of range 0-23" "$T/out" && ok || no "bad hour: exit $st: $(cat "$T/out")"
printf 'agent_id,date\nA0001,2021-01-04\nZ999,2021-01-05\n' >bad.csv
"$WFM" import leave bad.csv >"$T/out" 2>&1; st=$?
[ $st = 1 ] && grep -qF "bad.csv:3:1: unknown agent 'Z999'" "$T/out" && ok || no "unknown agent: exit $st: $(cat "$T/out")"
"$WFM" import volumes d/sample/volumes.csv >"$T/out" 2>&1; st=$?
[ $st = 1 ] && grep -qF "duplicate key" "$T/out" && ok || no "duplicate: exit $st"
sqlite3 wfm.db .dump >after.sql
cmp -s before.sql after.sql && ok || no "a failed import changed the store"
expect 0 "imported 31529 rows" "$WFM" import volumes d/sample/volumes.csv --replace

# A bad configuration: one message with file, line and setting.
sed 's/max_share = 0.5;/max_share = 1.7;/' wfm.cfg >bad.cfg
line=$(grep -n 'max_share = 1.7' bad.cfg | cut -d: -f1)
expect 1 "wfm: invalid setting 'remote.max_share' at bad.cfg:$line: 1.7 is above 1" "$WFM" init --config bad.cfg
expect 1 "cannot read configuration 'missing.cfg'" "$WFM" report history --config missing.cfg

# A report in English, from the store, into a new folder.
sed 's/language = "ko";/language = "en";/' wfm.cfg >en.cfg
expect 0 "wrote report 'rep/index.html'" "$WFM" report history --config en.cfg --out rep
grep -q 'Average intraday curve by day type' rep/index.html && ok || no "English labels"

# The sample command prints the calibration table.
expect 0 "offered calls 2020" "$WFM" sample seoul --out s
expect 2 "unknown sample center 'busan'" "$WFM" sample busan

# Staffing and the coverage report.
[ "$(sqlite3 d/wfm.db 'SELECT count(*) FROM requirement WHERE run_id = (SELECT max(id) FROM run WHERE command = "staff")')" = 2232 ] \
    && ok || no "demo requirement: not 744 hours x 3 queues"
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM requirement WHERE queue = 'phone' AND offered > 0 AND (sl < 0.8 - 1e-9 OR answer_rate < 0.9 - 1e-9 OR occupancy > 0.9 + 1e-9)")" = 0 ] \
    && ok || no "an hour misses the targets"
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM requirement WHERE abs(agents_duty - agents_phone / (52.5 / 60 * 0.95)) > 1e-9")" = 0 ] \
    && ok || no "duty is not phone / availability"
[ -s d/report/coverage/index.html ] && [ -s d/report/coverage/required.png ] && [ -s d/report/coverage/requirement.csv ] \
    && ok || no "coverage report files"
expect 0 "stored requirement for 2021-02" "$WFM" staff --month 2021-02 --model erlang-c
# --quantile 0.8 staffs to the 80% point of each hour's calls: the forecast times one ratio per queue and
# hour of day (the backtest's actual/forecast), the same on every day, and more calls over the month.
cp d/wfm.db q.db
"$WFM" staff --month 2021-01 --db q.db --config d/sample/wfm.cfg --quiet >/dev/null 2>&1 \
    && "$WFM" staff --month 2021-01 --db q.db --config d/sample/wfm.cfg --quantile 0.8 --quiet >/dev/null 2>&1 || no "staff --quantile 0.8"
QR="SELECT date, hour, queue, offered FROM requirement WHERE run_id = (SELECT max(run_id) FROM requirement)"
PR="SELECT date, hour, queue, offered FROM requirement WHERE run_id = (SELECT max(run_id) - 1 FROM requirement)"
[ "$(sqlite3 q.db "SELECT count(*) FROM (SELECT max(q.offered / p.offered) - min(q.offered / p.offered) d
      FROM ($QR) q JOIN ($PR) p USING (date, hour, queue) WHERE p.offered > 0.5 GROUP BY queue, hour) WHERE d > 1e-6")" = 0 ] \
    && [ "$(sqlite3 q.db "SELECT (SELECT sum(offered) FROM ($QR)) > 1.02 * (SELECT sum(offered) FROM ($PR))")" = 1 ] \
    && ok || no "staff --quantile 0.8: not one ratio per queue and hour of day, or no more calls over the month"
rm -f q.db
expect 2 "'2021-13' is not a month" "$WFM" staff --month 2021-13
expect 2 "usage: wfm staff" "$WFM" staff
expect 0 "wrote report 'cov/index.html'" "$WFM" report coverage --month 2021-02 --out cov
expect 1 "no staffing requirement for 2022-05-01" "$WFM" report coverage --month 2022-05 --out cov2
sqlite3 wfm.db .dump >before.sql
printf 'center = { name = "x"; };\nshifts = ( { name = "D"; kind = "day"; start = "09:00"; length_h = 9.0; meal_min = 60; } );\nqueues = ( { name = "nowhere"; } );\n' >noq.cfg
expect 1 "no queue of the configuration has volume" "$WFM" staff --month 2021-03 --config noq.cfg
sqlite3 wfm.db .dump >after.sql
cmp -s before.sql after.sql && ok || no "a failed staff run changed the store"

# The forecast: demo wrote one, the CSV has every hour of every queue, staff used it.
[ "$(wc -l <d/forecast.csv)" = 2233 ] && nobom d/forecast.csv | head -1 | grep -qx 'date,hour,queue,offered,aht_s' && hasbom d/forecast.csv \
    && ok || no "forecast.csv: not a header and 744 x 3 rows"
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM forecast WHERE run_id = (SELECT max(id) FROM run WHERE command = 'forecast')")" = 2232 ] \
    && ok || no "forecast rows"
[ "$(sqlite3 d/wfm.db "SELECT abs(sum(r.offered) - sum(f.offered)) < 1e-6 FROM requirement r JOIN forecast f USING (queue, date, hour) WHERE r.run_id = (SELECT max(id) FROM run WHERE command = 'staff')")" = 1 ] \
    && ok || no "staffing did not use the forecast"
expect 0 "auto: " "$WFM" forecast --month 2021-02
expect 0 "stored forecast for 2021-02" "$WFM" forecast --month 2021-02 --method median --backtest 3 --csv f.csv
[ "$(wc -l <f.csv)" = 2017 ] && ok || no "f.csv rows (28 days x 24 x 3 queues + header)"
expect 2 "'magic' is not auto or a method" "$WFM" forecast --month 2021-02 --method magic
expect 0 "wrote report 'fr/index.html'" "$WFM" report forecast --month 2021-02 --out fr
grep -q 'forecast_0.png' fr/index.html && grep -q '<th>median</th><td>' fr/index.html && [ -s fr/forecast_0.png ] \
    && ok || no "forecast report: chart or accuracy table missing"
expect 1 "no forecast for 2022-03" "$WFM" report forecast --month 2022-03 --out fr2
[ -s d/report/forecast/index.html ] && ok || no "demo forecast report"
expect 1 "days of history before" "$WFM" forecast --month 2019-01

# Scores: the planted slow agents are flagged; night, hard-queue and short-hours agents are not.
"$WFM" import leave d/sample/leave.csv >/dev/null 2>&1
"$WFM" import perf d/sample/perf.csv >/dev/null 2>&1
expect 0 "flagged" "$WFM" score --from 2020-01-01 --to 2020-12-31
flagged=$(sqlite3 wfm.db "SELECT agent_id FROM low_performer WHERE run_id = (SELECT max(id) FROM run WHERE command = 'score') ORDER BY 1" | tr '\n' ' ')
# Ground truth: the generator's own speed factors (AHT = 0.72 talk + 0.05 hold + 0.23 ACW).
awk -F, 'NR > 1 { printf "%s %.4f\n", $1, 0.72 * $3 + 0.05 + 0.23 * $4 }' d/sample/truth.csv | sort -k2 -nr | head -20 | cut -d' ' -f1 >slowest.txt
slow=0; wrong=0; outside=0
for a in $flagged; do
    t=$(grep "^$a," d/sample/truth.csv | cut -d, -f2)
    case "$t" in slow) slow=$((slow + 1)) ;; night|hard_queue|short_hours) wrong=$((wrong + 1)) ;; esac
    grep -qx "$a" slowest.txt || outside=$((outside + 1))
done
[ "$slow" = 7 ] && [ "$wrong" = 0 ] && [ "$outside" = 0 ] && ok \
    || no "score: $slow planted slow flagged, $wrong night/hard-queue/short-hours flagged, $outside outside the truly slowest 5% ($flagged)"
[ "$(sqlite3 wfm.db "SELECT count(DISTINCT period) FROM score WHERE run_id = (SELECT max(id) FROM run WHERE command = 'score')")" = 13 ] \
    && ok || no "score rows: 12 months and the whole period"
expect 2 "need two dates" "$WFM" score --from 2020-12-31 --to 2020-01-01
expect 1 "no performance records" "$WFM" score --from 2015-01-01 --to 2015-12-31
expect 0 "wrote report 'hr/index.html'" "$WFM" report score --from 2020-01-01 --to 2020-12-31 --out hr
[ -s hr/scores.csv ] && [ -s hr/flagged.csv ] && [ -s hr/fairness.csv ] && [ -s hr/distribution.png ] \
    && [ "$(ls hr/agent_*.html | wc -l)" -ge 6 ] && ok || no "HR report files"
# (the warning is the 7th column: fcr_gap_points follows it)
w=$(awk -F, 'NR > 1 && $7 == 1' hr/fairness.csv)
[ -z "$w" ] && [ "$(head -1 hr/fairness.csv | cut -d, -f7)" = warning ] && ok || no "fairness table warns on the sample: $w"
[ -s d/report/score/index.html ] && ok || no "demo score report"
[ -s d/report/surge/index.html ] && [ -s d/report/surge/overtime.csv ] && ok || no "demo surge report"

# The roster: named agents for February from its stored requirement; the checker agrees; a tampered shift is caught.
expect 0 "0 hard-rule violations" "$WFM" roster --month 2021-02 --time-limit 5
expect 0 "0 hard-rule violations" "$WFM" check --month 2021-02
# The coverage report on the duty grid agrees with the checker: shortfall and intervals with nobody on duty.
cw=$(sed -n 's/.*shortfall \([0-9.]*\) agent-hours.*; \([0-9]*\) with calls and nobody.*/\1 \2/p' "$T/out")
expect 0 "wrote report 'cov3/index.html'" "$WFM" report coverage --month 2021-02 --out cov3
cg=$(awk -F, 'NR > 1 { s += $5 * 0.5; e += $3 > 1e-9 && $4 < 1e-9 } END { printf "%.1f %d", s, e }' cov3/intervals.csv)
[ -n "$cw" ] && echo "$cg $cw" | awk '{ d = $1 - $3; exit !(d * d < 0.04 && $2 == $4) }' && [ "$(wc -l <cov3/intervals.csv)" = $((28 * 48 + 1)) ] && [ -s cov3/grid.png ] \
    && ok || no "coverage intervals.csv: shortfall and empty intervals $cg, wfm check $cw"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM roster WHERE run_id = (SELECT max(id) FROM run WHERE command = 'roster')")" = "$((400 * 28))" ] \
    && ok || no "roster rows: 400 agents x 28 days"
sqlite3 wfm.db "UPDATE roster SET start_min = start_min + 30 WHERE rowid = (SELECT rowid FROM roster WHERE status = 'work' LIMIT 1)" 2>/dev/null \
    || sqlite3 wfm.db "UPDATE roster SET start_min = start_min + 30 WHERE (agent_id, date) = (SELECT agent_id, date FROM roster WHERE status = 'work' LIMIT 1)"
expect 1 "the roster for 2021-02 breaks" "$WFM" check --month 2021-02
grep -q "^  start: .* starts at" "$T/out" && ok || no "the tampered start is not named: $(head -3 "$T/out")"
# Rules that cannot all hold: named (rule, agents, team), exit 1, the store as it was.
sed 's/^  contract_days = true;.*/  contract_days = true; limits = ( { what = "work"; max_per_week = 3; } );/' wfm.cfg > clash.cfg
runs=$(sqlite3 wfm.db "SELECT count(*) FROM run")
expect 1 "leaving out any one of rules.limits.[0] (work), rules.contract_days" "$WFM" roster --month 2021-02 --config clash.cfg
grep -q "the hard rules leave [0-9]* agents no legal month; A0" "$T/out" && ok || no "clash: agents not named: $(head -c 300 "$T/out")"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM run")" = "$runs" ] && ok || no "clash: the store changed"
# Requirements from another tool and the agents' preferences: September has no forecast nor staffing here.
awk 'BEGIN { print "date,hour,agents"; for (d = 1; d <= 30; d++) for (h = 0; h < 24; h++)
    printf "2021-09-%02d,%d,%d\n", d, h, (h >= 9 && h < 18) ? 120 : (h >= 7 && h < 22) ? 60 : 15 }' >req.csv
expect 0 "imported 720 rows from 'req.csv'" "$WFM" import requirements req.csv
printf 'agent_id,date,shift,want,weight\nA0001,2021-09-07,off,wanted,5\nA0002,2021-09-08,D11,pinned,\nA0003,2021-09-09,off,pinned,\nA0004,2021-09-12,D07,unwanted,2\n' >pref.csv
expect 0 "imported 4 rows from 'pref.csv'" "$WFM" import preferences pref.csv
printf 'agent_id,date,shift,want\nA0005,2021-09-07,Z99,wanted\n' >badpref.csv
expect 1 "badpref.csv:2:3: 'Z99' is no shift template" "$WFM" import preferences badpref.csv
[ "$(sqlite3 wfm.db "SELECT count(*) FROM preference")" = 4 ] && ok || no "bad preferences changed the store"
expect 0 "0 hard-rule violations" "$WFM" roster --month 2021-09 --time-limit 5
grep -q "preferences: [0-9]* of 2 wanted and unwanted days honoured" "$T/out" && ok || no "roster: no preferences line: $(head -c 300 "$T/out")"
[ "$(sqlite3 wfm.db "SELECT group_concat(agent_id || ' ' || status || ' ' || ifnull(shift, '-'), ', ') FROM roster
      WHERE run_id = (SELECT max(run_id) FROM roster WHERE date = '2021-09-01')
      AND ((agent_id = 'A0002' AND date = '2021-09-08') OR (agent_id = 'A0003' AND date = '2021-09-09'))")" = "A0002 work D11, A0003 off -" ] \
    && ok || no "pinned days not as pinned"
expect 2 "pinned day" "$WFM" roster --month 2021-09 --method plan
expect 0 "of 2 wanted and unwanted days honoured" "$WFM" check --month 2021-09
expect 0 "wrote report 'rp/index.html'" "$WFM" report roster --month 2021-09 --out rp
[ "$(tail -n +2 rp/preferences.csv | wc -l)" = 4 ] && [ "$(grep -c ',pinned,.*,1$' rp/preferences.csv)" = 2 ] \
    && grep -q "희망 근무와 고정 근무" rp/index.html && ok || no "roster report: preferences: $(cat rp/preferences.csv)"
# The report counts honoured preferences with the model's matching, wfm check with the checker's: they agree.
n=$("$WFM" check --month 2021-09 2>/dev/null | sed -n 's/^preferences: \([0-9]*\) of .*/\1/p')
[ -n "$n" ] && [ "$(awk -F, 'NR > 1 && $4 != "pinned" && $7 == 1' rp/preferences.csv | wc -l)" = "$n" ] \
    && ok || no "preferences honoured: report and checker differ ($n)"
expect 1 "no staffing requirement for 2021-03-01" "$WFM" check --month 2021-03
# The monthly job in one command.
expect 0 "0 hard-rule violations" "$WFM" plan --month 2021-03 --time-limit 5 --out p3
[ -s p3/forecast/index.html ] && [ -s p3/coverage/index.html ] && [ -s p3/roster/index.html ] && ok || no "plan: reports"
# The roster report: the grid has every agent and day, one shift row per worked day, the agents by id and name.
expect 0 "wrote report 'rr/index.html'" "$WFM" report roster --month 2021-03 --out rr
[ "$(tail -n +2 rr/roster.csv | wc -l)" = 400 ] && [ "$(head -1 rr/roster.csv | tr ',' '\n' | wc -l)" = 34 ] \
    && ok || no "roster grid: 400 agents x 31 days"
[ "$(tail -n +2 rr/shifts.csv | wc -l)" = "$(sqlite3 wfm.db "SELECT count(*) FROM roster WHERE status = 'work' AND run_id = (SELECT max(run_id) FROM roster WHERE date = '2021-03-01')")" ] \
    && ok || no "roster shifts.csv: one row per worked shift"
[ "$(grep -c '^A0' rr/roster.csv)" = 400 ] && [ -s rr/calendar.html ] && [ -s rr/coverage.png ] && [ -s rr/fairness.csv ] \
    && ok || no "roster report files, ids"
grep -q "증명된 하한" rr/index.html && ok || no "roster report: solver statistics"
# At the duty grid's resolution, against the store: days.csv's needed hours are the month's stored
# requirement (every hour of the 24-hour sample open), its on-duty hours the shifts less their meals;
# simulation.csv's calls the stored offered calls of every queue (10 runs of the simulation, within 1%).
want=$(sqlite3 wfm.db "SELECT round(sum(agents_duty), 0) FROM requirement WHERE date LIKE '2021-03-%'
    AND run_id = (SELECT max(run_id) FROM requirement WHERE date = '2021-03-01')")
got=$(awk -F, 'NR > 1 { s += $2 } END { printf "%.0f", s }' rr/days.csv)
[ -n "$want" ] && awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; exit !(d * d < 4) }' && ok \
    || no "days.csv need $got, store $want agent-hours"
want=$(sqlite3 wfm.db "SELECT sum(end_min - start_min - CASE WHEN shift IN ('E18', 'N01') THEN 30 ELSE 60 END) / 60.0 FROM roster WHERE status = 'work' AND run_id = $(
    sqlite3 wfm.db "SELECT max(run_id) FROM roster WHERE date = '2021-03-01'") AND date LIKE '2021-03-%'")
got=$(awk -F, 'NR > 1 { s += $3 } END { print s }' rr/days.csv)
awk -v a="$got" -v b="$want" 'BEGIN { d = (a - b) / b; exit !(d < 0.02 && d > -0.02) }' && ok \
    || no "days.csv on duty $got, roster $want agent-hours"
# No day above fairness.max_day_ratio (2.5 in the sample) times its need on duty - a soft limit
# (an agent-hour over it costs 2, an hour short 10), so a day may pass it by a hair where that
# covers a short interval: at most 1% (2.501 seen).
got=$(awk -F, 'NR > 1 && $2 > 0 && $3 / $2 > m { m = $3 / $2 } END { printf "%.3f", m }' rr/days.csv)
awk -v m="$got" 'BEGIN { exit !(m > 1 && m <= 2.525) }' && ok || no "days.csv: the busiest day has ${got}x its need on duty"
want=$(sqlite3 wfm.db "SELECT sum(offered) FROM requirement WHERE date LIKE '2021-03-%'
    AND run_id = (SELECT max(run_id) FROM requirement WHERE date = '2021-03-01')")
got=$(awk -F, 'NR > 1 { s += $4 } END { print s }' rr/simulation.csv)
awk -v a="$got" -v b="$want" 'BEGIN { d = (a - b) / b; exit !(d < 0.01 && d > -0.01) }' && ok \
    || no "simulation.csv offered $got, store $want"
grep -q "고객이 받는 서비스" rr/index.html && grep -q "여유 인력" rr/index.html && ok || no "roster report: simulation, surplus"
# The fairness table against a count straight from the store (per agent of a team, over the month).
RR="(SELECT max(run_id) FROM roster WHERE date = '2021-03-01')"
for m in "worked_days:1" "late_shifts:r.shift IN ('E18', 'N01')" "early_starts:r.start_min < 480 AND r.shift NOT IN ('E18', 'N01')"; do
    name=${m%%:*}; cond=${m#*:}
    for team in day night; do
        want=$(sqlite3 wfm.db "SELECT min(c) || ',' || max(c) FROM (SELECT a.id, count(r.agent_id) c FROM agent a
            LEFT JOIN roster r ON r.agent_id = a.id AND r.run_id = $RR AND r.status = 'work' AND $cond
            WHERE a.team = '$team' GROUP BY a.id)")
        got=$(awk -F, -v t="$team" -v m="$name" '$1 == t && $3 == m { print $5 "," $6 }' rr/fairness.csv)
        [ "$got" = "$want" ] && ok || no "roster fairness $team $name: report $got, store $want"
    done
done
# Staggered starts rotate: no day-team agent starts before 08:00 on many more days than another
# (all skilled agents took 07:00 on most days before: a spread of 17; then 11-12).
spread=$(sqlite3 wfm.db "SELECT max(c) - min(c) FROM (SELECT a.id, count(r.agent_id) c FROM agent a
    LEFT JOIN roster r ON r.agent_id = a.id AND r.run_id = $RR AND r.status = 'work' AND r.start_min < 480
    WHERE a.team = 'day' GROUP BY a.id)")
[ "$spread" -le 12 ] && ok || no "early starts in the day team: spread $spread (at most 12)"
# Start times hold within a week (a Monday's change is the weekly rotation): the demo's January roster
# (60 s) has day-work start changes between working days of a week, counted straight from the store, at
# most 100 (1,288 for 400 agents before the jumps were priced; 7-11 seen), and its early starts (before
# 08:00) spread over at most 12 days among the day team's agents who work day shifts (12 before; 9-11 seen).
RJ="(SELECT max(run_id) FROM roster WHERE date = '2021-01-01')"
jumps=$(sqlite3 d/wfm.db "WITH w AS (SELECT agent_id, date, start_min FROM roster WHERE run_id = $RJ AND status = 'work'
    AND shift NOT IN ('E18', 'N01')) SELECT count(*) FROM w a JOIN w b ON b.agent_id = a.agent_id
    AND b.date = date(a.date, '+1 day') WHERE strftime('%w', b.date) <> '1' AND b.start_min <> a.start_min")
[ "$jumps" -le 100 ] && ok || no "start changes within a week in January: $jumps (at most 100)"
spread=$(sqlite3 d/wfm.db "SELECT max(c) - min(c) FROM (SELECT r.agent_id, sum(r.start_min < 480) c FROM roster r
    JOIN agent a ON a.id = r.agent_id AND a.team = 'day' WHERE r.run_id = $RJ AND r.status = 'work'
    AND r.shift NOT IN ('E18', 'N01') GROUP BY r.agent_id)")
[ "$spread" -le 12 ] && ok || no "early starts in January's day team: spread $spread (at most 12)"
expect 2 "usage: wfm report roster" "$WFM" report roster --out rr2
expect 0 "0 hard-rule violations" "$WFM" check --month 2021-03

# Adherence: performance records on the March roster's working days (A0005 logged in 70% of
# the shift, everyone else all of it) are scored against the stored roster.
{ echo "date,agent_id,handled,logged_in_s"
  sqlite3 -csv wfm.db "SELECT date, agent_id, 50, (end_min - start_min) * 60 * CASE agent_id WHEN 'A0005' THEN 0.7 ELSE 1.0 END
      FROM roster WHERE status = 'work' AND run_id = (SELECT max(run_id) FROM roster WHERE date = '2021-03-10')
      AND date BETWEEN '2021-03-01' AND '2021-03-31'"; } >march.csv
expect 0 "imported" "$WFM" import perf march.csv
expect 0 "fall on rostered days" "$WFM" score --from 2021-03-01 --to 2021-03-31
SC="(SELECT max(id) FROM run WHERE command = 'score')"
[ "$(sqlite3 wfm.db "SELECT adherence < 0.85 FROM score WHERE run_id = $SC AND agent_id = 'A0005' AND period = 'all'")" = 1 ] \
    && [ "$(sqlite3 wfm.db "SELECT count(*) FROM score WHERE run_id = $SC AND period = 'all' AND agent_id != 'A0005' AND abs(adherence - 1) > 1e-9")" = 0 ] \
    && ok || no "adherence from the stored roster"

# Surge scenarios against the March roster: the stages only add supply, stage 2
# reaches the need, the overtime passes the checker and its caps; bad input
# leaves the store as it was.
expect 0 "overtime breaks 0 rules by the checker" "$WFM" surge --date 2021-03-10 --calls 60000,80000
SR="(SELECT max(id) FROM run WHERE command = 'surge')"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_scenario WHERE run_id = $SR")" = 3 ] && ok || no "surge: 3 scenarios"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_plan WHERE run_id = $SR")" = 72 ] && ok || no "surge: 3 x 24 hours"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_plan WHERE phone_stage1 < phone_roster - 1e-9 OR phone_stage2 < phone_stage1 - 1e-9 OR ar_stage2 < ar_roster - 1e-9")" = 0 ] \
    && ok || no "surge: a stage took supply away"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_plan WHERE run_id = $SR AND phone_stage2 < needed - 1e-6")" = 0 ] \
    && ok || no "surge: stage 2 leaves an hour short of the need"
[ "$(sqlite3 wfm.db "SELECT round(sum(offered)) FROM surge_plan WHERE run_id = $SR AND scenario = '80000'")" = 80000.0 ] \
    && ok || no "surge: the 80000 scenario does not offer 80000 calls"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM (SELECT sum(hours) h FROM surge_overtime WHERE kind != 'extra' GROUP BY run_id, scenario, agent_id, date HAVING h > 4)")" = 0 ] \
    && ok || no "surge: more than 4 h of overtime around a shift"
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_overtime WHERE run_id = $SR AND scenario = '80000'")" -gt 100 ] \
    && ok || no "surge: hardly any overtime at 80000 calls"
expect 0 "wrote report 'sr/index.html'" "$WFM" report surge --date 2021-03-10 --out sr
[ -s sr/overtime.csv ] && [ -s sr/outside.csv ] && [ -s sr/surge_2.png ] && grep -q 'src="surge_2.png" alt="80000"' sr/index.html && ok || no "surge report files"
# overtime.csv is handed to the agents on it: each by id and name, never a pseudonym (issue 20),
[ "$(grep -c ',X[0-9a-f]\{8\},' sr/overtime.csv)" = 0 ] && [ "$(grep -c '^[^,]*,A0[0-9]*,[^,]\+,' sr/overtime.csv)" -gt 100 ] \
    && ok || no "surge report: overtime.csv does not name its agents by id and name"
expect 0 "overtime breaks 0 rules by the checker" "$WFM" surge --date 2021-03-12 --days 3 --calls 60000 --deflect 0.1 --aht-factor 1.2
[ "$(sqlite3 wfm.db "SELECT count(*) FROM surge_plan WHERE run_id = $SR")" = 144 ] && ok || no "surge: 2 x 72 hours"
n=$(sqlite3 wfm.db 'SELECT count(*) FROM surge_scenario')
expect 1 "no roster stored for 2021-06 (nor its staffing requirement: run 'wfm plan --month 2021-06')" "$WFM" surge --date 2021-06-01
expect 2 "is not a list of calls" "$WFM" surge --date 2021-03-10 --calls 6000x
expect 2 "option '--days'" "$WFM" surge --date 2021-03-10 --days 0
expect 1 "no surge plan starting on 2021-03-11" "$WFM" report surge --date 2021-03-11 --out sr2
expect 0 "stored requirement for 2021-04" "$WFM" staff --month 2021-04
expect 1 "no roster stored for 2021-04 (run 'wfm roster --month 2021-04')" "$WFM" surge --date 2021-04-14
[ "$(sqlite3 wfm.db 'SELECT count(*) FROM surge_scenario')" = "$n" ] && ok || no "a failed surge changed the store"

# The calculator against every case of the reference table, column by column by name.
REF=${WFM_SHARED:-$(cd "$(dirname "$1")/.." 2>/dev/null && pwd)/../shared}/data/erlang_reference.csv
[ -f "$REF" ] || REF=$(dirname "$WFM")/../shared/data/erlang_reference.csv
if [ -f "$REF" ]; then
    sed 's/"[^"]*"/desc/' "$REF" >ref.csv
    tail -n +2 ref.csv | while IFS=, read -r id desc calls interval rate aht load agents t patience rest; do
        if [ -n "$patience" ]; then p="--patience $patience"; else p=""; fi
        # shellcheck disable=SC2086
        "$WFM" erlang --calls "$calls" --interval "$interval" --aht "$aht" --agents "$agents" --within "$t" $p --csv >got.csv || echo "FAIL $id"
        awk -F, -v id="$id" 'NR == FNR { if (FNR == 1) for (i = 1; i <= NF; i++) gc[$i] = i; else for (i = 1; i <= NF; i++) gv[i] = $i; next }
            FNR == 1 { for (i = 1; i <= NF; i++) rn[i] = $i; next }
            $1 == id { for (i = 1; i <= NF; i++) if ((rn[i] ~ /^(erl|erlang_b)/) && (rn[i] in gc)) {
                          w = $i; g = gv[gc[rn[i]]]; n++
                          if (w == "" && g == "") continue
                          d = w - g; if (d < 0) d = -d; s = w < 0 ? -w : w; if (s < 1) s = 1
                          if (w == "" || g == "" || d / s > 1e-9) { print "FAIL " id " " rn[i] " " g " != " w; bad = 1 } }
                       print (bad ? "BAD " : "OK ") id " " n }' got.csv ref.csv
    done >erlang.txt
    [ "$(grep -c '^OK ' erlang.txt)" = 23 ] && ok || no "wfm erlang --csv against the reference: $(grep -v '^OK' erlang.txt | head -5)"
else
    echo "e2e: no ../shared/data, reference comparison skipped"
fi
expect 0 "agents needed: 12 (Erlang C)" "$WFM" erlang --calls 200 --aht 180 --asa 120
expect 2 "needs --patience" "$WFM" erlang --calls 200 --aht 180 --answer-rate 0.9
expect 2 "'abc' is not a number" "$WFM" erlang --calls abc --aht 180 --agents 3

# Issue 17: surges at the week's and the month's ends keep every rule across them.  Besides the
# program's checker, an SQL check of its own on the stored plan: the 11-hour rest between
# consecutive days and runs of more than 6 working days, with the overtime and extra shifts put on
# the newest roster of each day, less the same counts without them (the old code broke 11-32
# rests and 2-6 runs at these ends on the demo's January).
surge_breaks() {   # DB RUN SCENARIO -> "rest N days M"
    q=$(cat <<SQL
WITH R AS (SELECT r.* FROM roster r WHERE r.status = 'work' AND r.run_id = (SELECT max(run_id) FROM roster r2 WHERE r2.date = r.date)),
O AS (SELECT * FROM surge_overtime WHERE run_id = $2 AND scenario = 'SCN'),
W AS (SELECT R.agent_id a, julianday(R.date) d,
        R.start_min - coalesce((SELECT sum(end_min - start_min) FROM O WHERE O.agent_id = R.agent_id AND O.date = R.date AND O.kind = 'before'), 0) s,
        R.end_min + coalesce((SELECT sum(end_min - start_min) FROM O WHERE O.agent_id = R.agent_id AND O.date = R.date AND O.kind = 'after'), 0) e
      FROM R UNION ALL SELECT agent_id, julianday(date), start_min, end_min FROM O WHERE kind = 'extra'),
G AS (SELECT a, d - row_number() OVER (PARTITION BY a ORDER BY d) grp FROM W),
N AS (SELECT a, grp, count(*) n FROM G GROUP BY a, grp)
SELECT (SELECT count(*) FROM W x JOIN W y ON x.a = y.a AND y.d = x.d + 1 WHERE y.s + 1440 - x.e < 660) || ' ' ||
       (SELECT count(*) FROM N WHERE n > 6);
SQL
)
    w=$(sqlite3 "$1" "$(echo "$q" | sed "s/'SCN'/'$3'/")") b=$(sqlite3 "$1" "$(echo "$q" | sed "s/'SCN'/'-none-'/")")
    echo "$w $b" | awk '{ printf "rest %d days %d", $1 - $3, $2 - $4 }'
}
# surge_ok DB CFG TEXT ARGS...: the surge runs, says TEXT, the checker and the SQL check find nothing,
# and no stage's answer rate falls below the one before it in any hour.
surge_ok() {
    db=$1 cfg=$2 text=$3
    shift 3
    expect 0 "$text" "$WFM" surge --db "$db" --config "$cfg" "$@"
    grep -qF "overtime breaks 0 rules by the checker" "$T/out" && ok || no "surge $*: $(grep 'overtime breaks' "$T/out")"
    run=$(sqlite3 "$db" "SELECT max(id) FROM run WHERE command = 'surge'")
    for sc in $(sqlite3 "$db" "SELECT scenario FROM surge_scenario WHERE run_id = $run"); do
        got=$(surge_breaks "$db" "$run" "$sc")
        [ "$got" = "rest 0 days 0" ] && ok || no "surge $* scenario $sc: $got"
    done
    [ "$(sqlite3 "$db" "SELECT count(*) FROM surge_plan WHERE run_id = $run AND (ar_stage1 < ar_roster - 1e-9 OR ar_stage2 < ar_stage1 - 1e-9)")" = 0 ] \
        && ok || no "surge $*: an answer rate falls from one stage to the next"
}
DC=d/sample/wfm.cfg
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-17" --date 2021-01-17 --calls 60000,80000     # a Sunday
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-24" --date 2021-01-24 --calls 60000           # a Sunday
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-18" --date 2021-01-18 --days 7 --calls 60000  # Monday to Sunday
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-23" --date 2021-01-23 --days 2 --calls 60000  # Saturday and Sunday
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-14" --date 2021-01-14 --days 3 --calls 60000  # Thursday to Saturday
surge_ok d/wfm.db $DC "stored surge plan for 2021-01-13" --date 2021-01-13 --calls 60000           # a Wednesday
# The planner's target: by default the configured answer rate (90%) after stage 2, every hour; with
# --target service-level every target, and more outside agents for it.
expect 0 "stored surge plan" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls 60000
ar=$(sqlite3 d/wfm.db "SELECT round(sum(ar_stage2 * offered) / sum(offered), 4), (SELECT outside_agents FROM surge_scenario
    WHERE run_id = (SELECT max(id) FROM run) AND scenario = '60000') FROM surge_plan WHERE run_id = (SELECT max(id) FROM run) AND scenario = '60000'")
expect 0 "stored surge plan" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls 60000 --target service-level
sl=$(sqlite3 d/wfm.db "SELECT outside_agents FROM surge_scenario WHERE run_id = (SELECT max(id) FROM run) AND scenario = '60000'")
awk -v a="${ar%%|*}" -v n="${ar##*|}" -v m="$sl" 'BEGIN { exit !(a >= 0.9 && a < 0.99 && n < m) }' && ok \
    || no "surge target: answer rate ${ar%%|*} with ${ar##*|} outside agents, service level $sl"
expect 2 "not answer-rate or service-level" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --target fast
# The month's first and last days with no roster stored before or after it: said in one line.
surge_ok d/wfm.db $DC "no roster stored for 2020-12-21 to 2020-12-31: the rules count those days as possibly worked" \
    --date 2021-01-01 --calls 60000
grep -q "already breaks" "$T/out" && no "surge 2021-01-01: rules broken on days the store has no roster for" || ok
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_overtime WHERE run_id = (SELECT max(id) FROM run) AND kind = 'extra'")" = 0 ] \
    && ok || no "surge 2021-01-01: extra shifts next to days nobody knows"
surge_ok d/wfm.db $DC "no roster stored for 2021-02-01 to 2021-02-07" --date 2021-01-31 --calls 60000
# ... and with the next and the previous month stored (February and March here).
surge_ok wfm.db wfm.cfg "stored surge plan for 2021-02-28" --date 2021-02-28 --calls 60000
surge_ok wfm.db wfm.cfg "stored surge plan for 2021-03-01" --date 2021-03-01 --days 2 --calls 60000
# Outside agents' hours are paid whole: the stored hours are the blocks' hours.
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_scenario s WHERE abs(outside_hours - (SELECT coalesce(sum(agents * hours), 0)
      FROM surge_outside o WHERE o.run_id = s.run_id AND o.scenario = s.scenario)) > 1e-9")" = 0 ] \
    && ok || no "surge: outside_hours are not the blocks' paid hours"
# A list of calls with an empty item is a usage error, and the store is as it was.
n=$(sqlite3 d/wfm.db 'SELECT count(*) FROM surge_scenario')
for bad in "" "60000," ",60000" "60000,,80000"; do
    expect 2 "option '--calls': '$bad' is not a list of calls a day" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls "$bad"
done
[ "$(sqlite3 d/wfm.db 'SELECT count(*) FROM surge_scenario')" = "$n" ] && ok || no "a bad --calls changed the store"

# Issue 20: the roster names its agents; the calendar, a page and a phone calendar per agent.
R=d/report/roster
[ -s $R/calendar.html ] && [ -s $R/agent_1.html ] && [ -s $R/agent_1.ics ] && [ -s $R/agent_399.ics ] && [ ! -e $R/agent_400.html ] \
    && ok || no "calendar: files: $(ls $R | head -c 300)"
# roster.csv and shifts.csv carry each agent's id and name as the agents CSV has them (pseudonymise = true).
[ "$(awk -F, 'NR == FNR { if (FNR > 1) n[$1] = $2; next } FNR > 1 { k++; bad += !($1 in n) || n[$1] != $2 }
      END { print k, bad + 0 }' d/sample/agents.csv $R/roster.csv)" = "400 0" ] && ok || no "roster.csv: ids and names unlike agents.csv"
[ "$(awk -F, 'NR == FNR { if (FNR > 1) n[$1] = $2; next } FNR > 1 { k++; bad += !($1 in n) || n[$1] != $2 }
      END { print (k > 0), bad + 0 }' d/sample/agents.csv $R/shifts.csv)" = "1 0" ] && ok || no "shifts.csv: ids and names unlike agents.csv"
# ... the pages that may leave the center keep the codes.
[ "$(grep -c 'A0[0-9][0-9][0-9]' $R/index.html)" = 0 ] && [ "$(grep -c 'A0[0-9][0-9][0-9]' $R/preferences.csv)" = 0 ] \
    && grep -q '^X[0-9a-f]\{8\},' $R/preferences.csv && ok || no "roster report: ids on index.html or preferences.csv"
# Links both ways: report -> grid -> agent page -> grid, report, .ics.
grep -q 'href="calendar.html"' $R/index.html && grep -q 'href="agent_1.html"' $R/calendar.html && grep -q 'href="index.html"' $R/calendar.html \
    && grep -q 'href="calendar.html#a1"' $R/agent_1.html && grep -q 'href="index.html"' $R/agent_1.html \
    && grep -q 'href="agent_1.ics"' $R/agent_1.html && grep -q '<tr id="a1">' $R/calendar.html && ok || no "calendar: links"
# The second agent's .ics: CRLF lines of at most 75 octets, one event per day the store has him working or on leave.
a1=$(sqlite3 d/wfm.db "SELECT id FROM agent ORDER BY id LIMIT 1 OFFSET 1")
cal_run=$(sed -n 's/.*(\(run\|실행\) \([0-9]*\)).*/\2/p' $R/index.html | head -1)
[ "$(LC_ALL=C awk '!/\r$/ || length($0) > 76 { bad++ } END { print (NR > 20), bad + 0 }' $R/agent_1.ics)" = "1 0" ] \
    && ok || no "agent_1.ics: lines not CRLF or longer than 75 octets"
[ "$(grep -c '^DTSTART;TZID=Asia/Seoul:202101' $R/agent_1.ics)" = "$(sqlite3 d/wfm.db "SELECT count(*) FROM roster
      WHERE run_id = $cal_run AND agent_id = '$a1' AND status = 'work' AND date LIKE '2021-01-%'")" ] \
    && [ "$(grep -c '^DTSTART;VALUE=DATE:202101' $R/agent_1.ics)" = "$(sqlite3 d/wfm.db "SELECT count(*) FROM roster
      WHERE run_id = $cal_run AND agent_id = '$a1' AND status = 'leave' AND date LIKE '2021-01-%'")" ] \
    && grep -q "$a1" $R/agent_1.html && ok || no "agent_1.ics: events unlike the stored roster of $a1"
# Issue 20: every --help ends with examples that parse; a roster solve says where it is on stderr
# (a line at its start, at each phase, every few seconds and at its end), --quiet says nothing, and a
# log of stdout and stderr together keeps the order the lines happened in.
for c in $("$WFM" --help | sed -n '/^commands:$/,$p' | awk 'NR > 1 { print $1 }'); do
    "$WFM" "$c" --help >help.out 2>&1
    st=$?
    [ "$st" = 0 ] && ok || no "wfm $c --help exited $st"
    sed -n '/^examples*:$/,$p' help.out | sed -n 's/^  wfm //p' | sed 's/ [>|].*//' >ex.out
    grep -q "^$c" ex.out && ok || no "wfm $c --help ends with no example of wfm $c"
    # each example's options and words are the command's own: parsed up to a --help put at its end
    while read -r line; do
        # shellcheck disable=SC2086
        "$WFM" $line --help >/dev/null 2>&1 || no "wfm $c --help: the example 'wfm $line' is refused"
    done <ex.out
    # every option of the usage line is in the option list
    for o in $(head -1 help.out | grep -o -- '--[a-z-]*'); do
        grep -q "^  $o " help.out || no "wfm $c --help: $o is in the usage line, not in the options"
    done
done
"$WFM" roster --help >help.out 2>&1
grep -q -- "--method" help.out && ok || no "roster --help omits --method"
grep -q "shift plan (GLPK)" help.out && no "roster --help still says shift plan (GLPK)" || ok

"$WFM" sample gimpo --out g >/dev/null 2>&1 || no "wfm sample gimpo"
G="--db g.db --config g/wfm.cfg"
# shellcheck disable=SC2086
{ "$WFM" init $G && for k in agents volumes leave perf preferences; do "$WFM" import $k g/$k.csv $G || exit 1; done &&
  "$WFM" forecast --month 2021-01 $G && "$WFM" staff --month 2021-01 $G; } >g.out 2>&1 || no "gimpo store: $(tail -3 g.out)"
# shellcheck disable=SC2086
"$WFM" roster --month 2021-01 $G >r.out 2>r.err || no "gimpo roster: $(tail -3 r.err)"
grep '^wfm: roster  *[0-9.]* s: ' r.err >prog.out
[ "$(head -1 prog.out | grep -c ': start, 15 agents;')" = 1 ] && ok || no "gimpo roster: no progress line at the start: $(head -2 prog.out)"
[ "$(tail -1 prog.out | grep -c ': done; .*best [0-9]')" = 1 ] && ok || no "gimpo roster: no progress line at the end: $(tail -2 prog.out)"
grep -q "^roster 2021-01 (run" r.out && ok || no "gimpo roster: no result line on stdout"
grep -q "^wfm: roster" r.out && no "gimpo roster: progress lines on stdout" || ok
# the line's parts: phase, bound, best, gap, time left; the gap at the end is the result line's
grep -q ': done; LP [0-9.]*, bound [0-9.]*, best [0-9.]*, gap [0-9.]*%; [0-9]* s of 60 left$' prog.out && ok \
    || no "gimpo roster: the last progress line lacks a part: $(tail -1 prog.out)"
a=$(sed -n 's/.* gap \([0-9.]*\)%;.*/\1/p' prog.out | tail -1)
b=$(sed -n 's/.*in the search.s model ([^)]*): objective [0-9.]*, lower bound [0-9.]*, gap \(-*[0-9.]*\)%$/\1/p' r.out)   # the search's gap (the line's second; the first is at the minute)
# (a small center's meals, breaks and starts placed exactly at the minute may cost more in the search's model:
# then the result's gap there is at least the search's)
if grep -q "placed exactly" r.err; then
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(a != "" && b != "" && b - a > -0.5) }'
else
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(a != "" && b != "" && a - b < 0.5 && b - a < 0.5) }'
fi && ok || no "gimpo roster: the progress line's gap $a% is not the result's $b%"
# at the minute: the roster's objective there is above the bound at the minute (its own master, on a thread)
m=$(sed -n 's/^roster [^:]*: at the minute ([^)]*): objective \([0-9.]*\), lower bound \([0-9.]*\), gap .*/\1 \2/p' r.out)
echo "$m" | awk 'NF == 2 && $2 > 0 && $1 >= $2 - 1e-6 { ok = 1 } END { exit !ok }' && ok \
    || no "gimpo roster: no bound at the minute below the objective there: '$m' in $(cat r.out)"
# and Gimpo is proven within 1% there (issue 15: its days whole, every agent at work, placed exactly)
echo "$m" | awk 'NF == 2 && $2 > 0 && $1 <= 1.01 * $2 { ok = 1 } END { exit !ok }' && ok \
    || no "gimpo roster: at the minute not within 1% of its bound: '$m'"
# shellcheck disable=SC2086
"$WFM" roster --month 2021-01 $G --quiet >q.out 2>q.err || no "gimpo roster --quiet: $(cat q.err)"
[ -s q.err ] && no "gimpo roster --quiet wrote to stderr: $(head -2 q.err)" || ok
grep -q "^roster 2021-01 (run" q.out && ok || no "gimpo roster --quiet: no result line"
# shellcheck disable=SC2086
"$WFM" surge --date 2021-01-13 $G --quiet >q.out 2>q.err || no "gimpo surge --quiet: $(cat q.err)"
[ -s q.err ] && no "gimpo surge --quiet wrote to stderr: $(head -2 q.err)" || ok
# A log of both: stdout's lines before the solve come before its progress, its result line after.
# shellcheck disable=SC2086
"$WFM" plan --month 2021-02 $G --out p >plan.log 2>&1 || no "gimpo plan: $(tail -3 plan.log)"
at() { grep -n -- "$1" plan.log | head -1 | cut -d: -f1; }
s1=$(at '^stored forecast for 2021-02') s2=$(at '^wfm: 2/4 staffing') s3=$(at '^stored requirement for 2021-02')
s4=$(at '^wfm: roster .*: start,') s5=$(at '^wfm: roster .*: done;') s6=$(at '^roster 2021-02 (run') s7=$(at '^wfm: 4/4 reports')
if [ -n "$s1" ] && [ -n "$s7" ] && [ "$s1" -lt "$s2" ] && [ "$s2" -lt "$s3" ] && [ "$s3" -lt "$s4" ] && [ "$s4" -lt "$s5" ] &&
   [ "$s5" -lt "$s6" ] && [ "$s6" -lt "$s7" ]; then ok
else no "gimpo plan: the log's lines are out of order ($s1 $s2 $s3 $s4 $s5 $s6 $s7): $(head -c 600 plan.log)"; fi
# Seoul, 10 s: lines within a phase at least 2.5 s apart by their own clock, and at least one such line
# (the root's column generation alone runs 6 s).
cp d/wfm.db s10.db
"$WFM" roster --month 2021-01 --time-limit 10 --db s10.db --config d/sample/wfm.cfg >/dev/null 2>s10.err || no "seoul roster 10 s: $(tail -2 s10.err)"
sed -n 's/^wfm: roster *\([0-9.]*\) s: \([a-z ]*\)[;,].*/\1|\2/p' s10.err >s10.out
awk -F'|' 'NR > 1 && $2 == ph { n++; if ($1 - t < 2.35) bad = bad " " t "-" $1 } { t = $1; ph = $2 }
           END { if (bad != "" || n < 1) { print n + 0, bad; exit 1 } }' s10.out >s10.bad && ok \
    || no "seoul roster 10 s: periodic lines (count, too close): $(cat s10.bad)"
rm -f s10.db s10.db-wal s10.db-shm

# Issue 17: each queue at every stage, the outside world's limits, the budget and the cost.
expect 0 "stored surge plan" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls 60000
SQ=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
[ "$(sqlite3 d/wfm.db "SELECT count(DISTINCT queue) FROM surge_queue WHERE run_id = $SQ")" = 3 ] \
    && [ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_queue WHERE run_id = $SQ")" = 144 ] && ok || no "surge: 3 queues x 24 hours x 2 scenarios"
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_queue WHERE run_id = $SQ AND (ar_stage1 < ar_roster - 1e-9 OR ar_stage2 < ar_stage1 - 1e-9)")" = 0 ] \
    && ok || no "surge: a queue's answer rate falls from one stage to the next"
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_plan p WHERE run_id = $SQ AND abs(phone_stage2 - (SELECT sum(phone_stage2) FROM surge_queue q
      WHERE q.run_id = p.run_id AND q.scenario = p.scenario AND q.date = p.date AND q.hour = p.hour)) > 1e-6")" = 0 ] \
    && ok || no "surge: the queues' agents on the phone do not add up to the hour's"
[ "$(sqlite3 d/wfm.db "SELECT round(sum(offered)) FROM surge_queue WHERE run_id = $SQ AND scenario = '60000'")" = 60000.0 ] \
    && ok || no "surge: the queues do not offer the scenario's 60000 calls"
grep -q "^60000  *phone " "$T/out" && grep -q "^60000  *sign " "$T/out" && ok || no "surge: no per-queue lines in the table"
# The final stage reaches the configured answer rate (90%) in every queue over the day (the sample's
# vendor takes every queue).
got=$(sqlite3 d/wfm.db "SELECT group_concat(queue || ':' || round(sum_a / sum_o, 4)) FROM (SELECT queue, sum(ar_stage2 * offered) sum_a,
      sum(offered) sum_o FROM surge_queue WHERE run_id = $SQ AND scenario = '60000' GROUP BY queue) WHERE sum_a < 0.9 * sum_o")
[ -z "$got" ] && ok || no "surge: queues below 90% answered after stage 2: $got"
# The limits and the pay: capacity 40 starts a day, 60 on duty at once, 8-hour blocks only.
LC=$T/limits.cfg
sed 's/^  holiday_premium = 0.5;/  holiday_premium = 0.5; vendor_capacity = 40; seats = 20; laptops = 40; min_block_hours = 8;/' $DC >"$LC"
expect 0 "stay unanswered" "$WFM" surge --db d/wfm.db --config "$LC" --date 2021-01-13 --calls 60000
SQ=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
[ "$(sqlite3 d/wfm.db "SELECT coalesce(max(n), 0) FROM (SELECT sum(agents) n FROM surge_outside WHERE run_id = $SQ GROUP BY scenario, date)")" -le 40 ] \
    && [ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_outside WHERE run_id = $SQ AND hours < 8")" = 0 ] && ok || no "surge: vendor capacity or minimum block exceeded"
[ "$(sqlite3 d/wfm.db "SELECT coalesce(max(n), 0) FROM (SELECT p.scenario, p.hour, (SELECT coalesce(sum(agents), 0) FROM surge_outside o
      WHERE o.run_id = p.run_id AND o.scenario = p.scenario AND p.hour >= o.start_hour AND p.hour < o.start_hour + o.hours) n
      FROM surge_plan p WHERE p.run_id = $SQ)")" -le 60 ] && ok || no "surge: more outside agents on duty than seats and laptops"
# The budget: never exceeded (overtime's paid hours x 15,000 + the blocks' hours x 25,000), and a larger
# one never answers fewer calls.
prev=0
for b in 10000000 30000000 60000000; do
    expect 0 "stored surge plan" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls 60000 --budget $b
    SQ=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
    got=$(sqlite3 d/wfm.db "SELECT (SELECT coalesce(sum(paid_hours), 0) * 15000 FROM surge_overtime WHERE run_id = $SQ AND scenario = '60000')
        + (SELECT coalesce(sum(agents * hours), 0) * 25000 FROM surge_outside WHERE run_id = $SQ AND scenario = '60000')")
    ans=$(sqlite3 d/wfm.db "SELECT round(sum(offered - abandoned_stage2)) FROM surge_plan WHERE run_id = $SQ AND scenario = '60000'")
    awk -v c="$got" -v b="$b" -v a="$ans" -v p="$prev" 'BEGIN { exit !(c <= b + 1e-6 && a >= p) }' && ok \
        || no "surge --budget $b: cost $got, $ans answered (the smaller budget: $prev)"
    prev=$ans
done
expect 0 "wrote report" "$WFM" report surge --db d/wfm.db --config $DC --date 2021-01-13 --out "$T/sb"
grep -q '<td>60,000,000</td>' "$T/sb/index.html" && ok || no "surge report: the budget is not shown"
expect 2 "option '--budget'" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --budget 0
expect 2 "option '--budget'" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --budget lots
# Several days: absence and the AHT's drift (the checks by value are in tests/test_surge_queues.c).
expect 0 "stored surge plan for 2021-01-11 (3 days)" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-11 --days 3 --calls 60000
SA=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
expect 0 "stored surge plan for 2021-01-11 (3 days)" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-11 --days 3 --calls 60000 --absence 0.1 --aht-drift 0.03
SQ=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_plan a JOIN surge_plan b ON b.scenario = a.scenario AND b.date = a.date AND b.hour = a.hour
      WHERE a.run_id = $SA AND b.run_id = $SQ AND a.scenario = '60000' AND (abs(b.aht_s / a.aht_s - CASE a.date WHEN '2021-01-11' THEN 1 WHEN '2021-01-12' THEN 1.03 ELSE 1.0609 END) > 1e-6
      OR abs(b.phone_roster - 0.9 * a.phone_roster) > 1e-6)")" = 0 ] \
    && ok || no "surge --absence 0.1 --aht-drift 0.03: AHT not 1.03^d of the plain run's, or the roster's agents not 0.9 of them"
expect 2 "option '--absence'" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --absence 0.9
expect 2 "option '--aht-drift'" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --aht-drift x
sed '/^  wage_won_h/d' $DC >"$T/nowage.cfg"
expect 2 "has no prices to spend it on" "$WFM" surge --db d/wfm.db --config "$T/nowage.cfg" --date 2021-01-13 --budget 1000000
sed 's/^  vendor_queues = .*/  vendor_queues = ["phone", "braille"];/' $DC >"$T/vq.cfg"
expect 1 "surge.vendor_queues" "$WFM" surge --db d/wfm.db --config "$T/vq.cfg" --date 2021-01-13
expect 0 "wrote report" "$WFM" report surge --db d/wfm.db --config $DC --date 2021-01-13 --out "$T/sq"
[ -s "$T/sq/surge_cost.png" ] && [ -s "$T/sq/surge_ar_1.png" ] && grep -q 'surge_cost.png' "$T/sq/index.html" \
    && [ "$(grep -c '<td>sign</td>' "$T/sq/index.html")" = 2 ] && [ "$(grep -c '^60000,sign,2021-01-13,' "$T/sq/surge_queues.csv")" = 24 ] \
    && ok || no "surge report: queues, cost chart, answer-rate charts, surge_queues.csv"

# --budget chooses overtime and outside agents together: the plan kept answers at least as many calls
# as overtime first and as vendor first, and no more than the joint relaxation's bound (stored and printed).
expect 0 "best within the budget" "$WFM" surge --db d/wfm.db --config $DC --date 2021-01-13 --calls 60000 --budget 30000000
grep '^scenario 60000: best within the budget' "$T/out" | tr -d '%,()' | awk '{ for (i = 1; i <= NF; i++) { if ($i == "budget:") a = $(i + 1);
      if ($i == "first" && $(i - 1) == "overtime") o = $(i + 1); if ($i == "first" && $(i - 1) == "vendor") v = $(i + 1);
      if ($i == "bound") b = $(i + 1) } } END { exit !(a != "" && a + 0 >= o + 0 && a + 0 >= v + 0 && a + 0 <= b + 0) }' \
    && ok || no "surge --budget: the plan kept below overtime first or vendor first, or above its bound: $(grep 'best within' "$T/out")"
SQ=$(sqlite3 d/wfm.db "SELECT max(id) FROM run WHERE command = 'surge'")
[ "$(sqlite3 d/wfm.db "SELECT count(*) FROM surge_scenario_more m WHERE run_id = $SQ AND scenario = '60000' AND budget_bound + 1e-6 >=
      (SELECT sum(offered - abandoned_stage2) FROM surge_plan p WHERE p.run_id = m.run_id AND p.scenario = m.scenario)
      AND budget_bound + 1e-6 >= max(answered_ot_first, answered_split, answered_vendor_first)")" = 1 ] \
    && ok || no "surge --budget: the stored bound below the calls the plan answers"
# A surge table the store cannot read: one message, exit 1 (not a plan read without its queues).
sqlite3 d/wfm.db ".backup $T/broken.db" && sqlite3 "$T/broken.db" "ALTER TABLE surge_queue RENAME TO surge_queue_gone"
expect 1 "read the surge plan's queues" "$WFM" report surge --db "$T/broken.db" --config $DC --date 2021-01-13 --out "$T/sbroken"

echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
