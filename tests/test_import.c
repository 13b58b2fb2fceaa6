#include "helpers.h"
#include "../data/cfg.h"
#include "../data/import.h"
#include "../data/store_int.h"

static char *dir;
static Store *st;
static WfmConfig cfg;

static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, text, strlen(text));
}

static int import_text(ImportKind kind, const char *text, int replace, ImportResult *res, WfmErr *err)
{
    char path[512];
    ImportResult r;
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    write_file(path, text, strlen(text));
    return import_csv(st, kind, path, replace, &cfg, res ? res : &r, err);
}

/* Every row of the input tables, as text: equal snapshots mean an unchanged store. */
static char *snapshot(void)
{
    static const char *const q[] = {
        "SELECT group_concat(queue||date||hour||offered||ifnull(answered,'-'), ';') FROM volume",
        "SELECT group_concat(id||team||ifnull(name,'')||remote_ok||weekly_hours, ';') FROM agent",
        "SELECT group_concat(agent_id||date||kind, ';') FROM leave",
        "SELECT group_concat(agent_id||date||handled||logged_in_s, ';') FROM perf",
        "SELECT group_concat(agent_id||date||shift||want||weight, ';') FROM preference",
        "SELECT group_concat(run_id||queue||date||hour||agents_duty, ';') FROM requirement",
        "SELECT group_concat(id||command, ';') FROM run",
    };
    size_t cap = 1 << 16, n = 0;
    char *out = calloc(cap, 1);
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(store_db(st), q[i], -1, &s, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        const char *v = (const char *)sqlite3_column_text(s, 0);
        n += (size_t)snprintf(out + n, cap - n, "%s|", v ? v : "");
        sqlite3_finalize(s);
    }
    return out;
}

static int setup(void **state)
{
    WfmErr err;
    char path[512];
    ImportResult r;
    (void)state;
    dir = tmp_dir();
    snprintf(path, sizeof path, "%s/t.db", dir);
    if (store_open(path, STORE_OPEN_CREATE, &st, &err))
        return -1;
    if (cfg_load_string("center = { name = \"t\"; };\n"
                        "shifts = ( { name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; } );\n"
                        "teams = ( { name = \"day\"; }, { name = \"night\"; kinds = [\"night\"]; } );\n",
                        "t.cfg", &cfg, &err))
        return -1;
    put("agents.csv", "id,name,team,remote_ok\nA1,김민준,day,1\nA2,\"Lee, Ann\",night,0\n");
    put("vol.csv", "date,hour,offered\n2020-01-01,0,10\n2020-01-01,1,12\n");
    put("leave.csv", "agent_id,date\nA1,2020-01-02\n");
    put("perf.csv", "date,agent_id,handled,logged_in_s\n2020-01-01,A1,80,28000\n");
    const struct { ImportKind k; const char *f; } base[] = {
        { IMPORT_AGENTS, "agents.csv" }, { IMPORT_VOLUMES, "vol.csv" },
        { IMPORT_LEAVE, "leave.csv" }, { IMPORT_PERF, "perf.csv" },
    };
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, base[i].f);
        if (import_csv(st, base[i].k, path, 0, &cfg, &r, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return -1;
        }
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    wfm_config_free(&cfg);
    rm_tree(dir);
    return 0;
}

/* The bad-input fixtures: each must fail with exactly this message (the
 * folder prefix stripped) and leave the store as it was. */
static void test_bad_inputs(void **state)
{
    static const struct { ImportKind kind; const char *csv; const char *msg; } cases[] = {
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,abc\n", "bad.csv:2:3: 'offered' value 'abc' is not a number" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,-5\n", "bad.csv:2:3: 'offered' value -5 is negative" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,24,5\n", "bad.csv:2:2: hour 24 is out of range 0-23" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,-1,5\n", "bad.csv:2:2: hour '-1' is not a whole number" },
        { IMPORT_VOLUMES, "date,hour,offered\n2026-02-30,3,5\n", "bad.csv:2:1: 'date' value '2026-02-30' is not a real date" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020/01/02,3,5\n", "bad.csv:2:1: 'date' value '2020/01/02' is not a date YYYY-MM-DD" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,5\n2020-01-02,4,5\n2020-01-02,3,6\n",
          "bad.csv:4:1: duplicate key (queue phone, date 2020-01-02, hour 3): already in the file or the store; use --replace to overwrite" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,5,5\n2020-01-01,0,99\n",
          "bad.csv:3:1: duplicate key (queue phone, date 2020-01-01, hour 0)" },
        { IMPORT_VOLUMES, "", "bad.csv:1:1: the file is empty (a header row is needed)" },
        { IMPORT_VOLUMES, "date,hour,offered\n", "bad.csv:2:1: the file has a header but no data rows" },
        { IMPORT_VOLUMES, "date,hour,count\n2020-01-02,3,5\n",
          "bad.csv:1:1: the header has no 'offered' column (or calls, 인입량, 인입콜)" },
        { IMPORT_VOLUMES, "date,hour,offered,answered\n2020-01-02,3,5,6\n", "bad.csv:2:4: answered 6 is more than offered 5" },
        { IMPORT_VOLUMES, "date,hour,offered,answered,abandoned\n2020-01-02,3,5,4,2\n",
          "bad.csv:2:5: answered 4 plus abandoned 2 is more than offered 5" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,5\n2020-01-02,4,\"7\n", "bad.csv:3:3: a quoted field is not closed" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,\n", "bad.csv:2:3: 'offered' is empty" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,nan\n", "bad.csv:2:3: 'offered' value 'nan' is not a number" },
        { IMPORT_VOLUMES, "date,hour,offered,hour\n2020-01-02,3,5,4\n", "bad.csv:1:4: column 'hour' appears twice in the header" },
        { IMPORT_AGENTS, "id,team\nA3,evening\n", "bad.csv:2:2: team 'evening' is not one of the configuration's teams" },
        { IMPORT_AGENTS, "id,team,remote_ok\nA3,day,maybe\n", "bad.csv:2:3: 'remote_ok' value 'maybe' is not yes or no (1/0, true/false)" },
        { IMPORT_AGENTS, "id,team,weekly_hours\nA3,day,60\n", "bad.csv:2:3: weekly_hours 60 is not in 0-52" },
        { IMPORT_AGENTS, "id,team\nA1,day\n", "bad.csv:2:1: duplicate key (id A1)" },
        { IMPORT_AGENTS, "id,team\n A3,day\n", "bad.csv:2:1: 'id' value ' A3' has spaces around it" },
        { IMPORT_LEAVE, "agent_id,date\nA9,2020-01-03\n", "bad.csv:2:1: unknown agent 'A9' (import agents first)" },
        { IMPORT_LEAVE, "agent_id,date,kind\nA1,2020-01-03,annual\nA2,2021-02-29,sick\n",
          "bad.csv:3:2: 'date' value '2021-02-29' is not a real date" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A9,5,100\n", "bad.csv:2:2: unknown agent 'A9' (import agents first)" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A1,5.5,100\n", "bad.csv:2:3: 'handled' value '5.5' is not a whole number" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A1,-5,100\n", "bad.csv:2:3: 'handled' value -5 is negative" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A1,5,90000\n", "bad.csv:2:4: logged_in_s 90000 is more than a day" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s,resolved_first\n2020-01-02,A1,5,100,6\n",
          "bad.csv:2:5: resolved_first 6 is more than handled 5" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s,qa_score\n2020-01-02,A1,5,100,120\n",
          "bad.csv:2:5: 'qa_score' value 120 is above 100" },
        { IMPORT_PREFS, "agent_id,date,shift,want\nA1,2020-02-03,X,wanted\n",
          "bad.csv:2:3: 'X' is no shift template, kind (day, evening, night), work or off" },
        { IMPORT_PREFS, "agent_id,date,shift,want\nA1,2020-02-03,off,maybe\n",
          "bad.csv:2:4: want 'maybe' is not wanted, unwanted or pinned" },
        { IMPORT_PREFS, "agent_id,date,shift,want,weight\nA1,2020-02-03,D,unwanted,-2\n",
          "bad.csv:2:5: 'weight' value -2 is negative" },
        { IMPORT_PREFS, "agent_id,date,shift,want\nA9,2020-02-03,D,wanted\n", "bad.csv:2:1: unknown agent 'A9'" },
        { IMPORT_PREFS, "agent_id,date,want\nA1,2020-02-03,wanted\n", "bad.csv:1:1: the header has no 'shift' column" },
        { IMPORT_REQS, "date,hour,agents\n2020-02-03,9,12\n2020-02-03,10,-1\n", "bad.csv:3:3: 'agents_duty' value -1 is negative" },
        { IMPORT_REQS, "date,hour,agents\n2020-02-03,9,12\n2020-02-03,9,13\n",
          "bad.csv:3:1: duplicate key (queue phone, date 2020-02-03, hour 9)" },
        { IMPORT_REQS, "date,hour,agents,queue\n2020-02-03,9,12,klingon\n",
          "bad.csv:2:4: queue 'klingon' is not one of the configuration's queues" },
        { IMPORT_REQS, "date,hour\n2020-02-03,9\n", "bad.csv:1:1: the header has no 'agents_duty' column (or agents, 필요인원)" },
        /* Issue 16: the bounds of import.h. */
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,1e308\n", "bad.csv:2:3: 'offered' value 1e308 is above 1000000000" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,1000000000.5\n",
          "bad.csv:2:3: 'offered' value 1000000000.5 is above 1000000000" },
        { IMPORT_VOLUMES, "date,hour,offered,aht_s\n2020-01-02,3,5,1e300\n",
          "bad.csv:2:4: 'aht_s' value 1e300 is more seconds than a week" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A1,1000000001,100\n",
          "bad.csv:2:3: 'handled' value 1000000001 is above 1000000000" },
        { IMPORT_VOLUMES, "date,hour,offered\n0001-01-01,3,5\n", "bad.csv:2:1: 'date' value 0001-01-01 is outside 1990-01-01..2100-12-31" },
        { IMPORT_VOLUMES, "date,hour,offered\n1989-12-31,3,5\n", "bad.csv:2:1: 'date' value 1989-12-31 is outside" },
        { IMPORT_LEAVE, "agent_id,date\nA1,2101-01-01\n", "bad.csv:2:2: 'date' value 2101-01-01 is outside" },
        { IMPORT_LEAVE, "agent_id,date\nA1,9999-12-31\n", "bad.csv:2:2: 'date' value 9999-12-31 is outside" },
        { IMPORT_AGENTS, "id,team,hire_date\nA3,day,1900-01-01\n", "bad.csv:2:3: 'hire_date' value 1900-01-01 is outside" },
        { IMPORT_PREFS, "agent_id,date,shift,want,weight\nA1,2020-02-03,D,wanted,1e308\n",
          "bad.csv:2:5: 'weight' value 1e308 is above 1000" },
        { IMPORT_PREFS, "agent_id,date,shift,want,weight\nA1,2020-02-03,D,wanted,1001\n",
          "bad.csv:2:5: 'weight' value 1001 is above 1000" },
        { IMPORT_REQS, "date,hour,agents\n2020-02-03,9,100001\n", "bad.csv:2:3: 'agents_duty' value 100001 is above 100000" },
        { IMPORT_AGENTS, "id,team\nA0123456789012345678901234567890,day\n",
          "bad.csv:2:1: 'id' value 'A0123456789012345678901234567890' is 32 bytes, more than 31" },
        { IMPORT_LEAVE, "agent_id,date,kind\nA1,2020-01-05,annual-leave-of-thirty-two-bytes\n",
          "bad.csv:2:3: 'kind' value 'annual-leave-of-thirty-two-bytes' is 32 bytes, more than 31" },
        { IMPORT_AGENTS, "id,team,name\nA3,day,김민준김민준김민준김민준김민준김민준김민준김민준\n",
          "bad.csv:2:3: 'name' value '김민준김민준김민준김민준김민준김민준김민준김민준' is 72 bytes, more than 63" },
        { IMPORT_AGENTS, "id,team,name\nA3,day,Kim\x1B[2J\n", "bad.csv:2:3: 'name' value 'Kim\\x1B[2J' has a control character (\\x1B at byte 4)" },
        { IMPORT_AGENTS, "id,team\nA3\t,day\n", "bad.csv:2:1: 'id' value 'A3\\x09' has a control character (\\x09 at byte 3)" },
        { IMPORT_AGENTS, "id,team\nA3,d\xE1y\n", "bad.csv:2:2: 'team' value 'd\\xE1y' is not valid UTF-8 (byte 2)" },
        { IMPORT_AGENTS, "id,team,skills\nA3,day,en\xC2\x85\n", "bad.csv:2:3: 'skills' value 'en\\xC2\\x85' has a control character" },
        { IMPORT_PERF, "date,agent_id,handled,logged_in_s,queue\n2020-01-02,A1,5,100,ph\x7Fone\n",
          "bad.csv:2:5: 'queue' value 'ph\\x7Fone' has a control character (\\x7F at byte 3)" },
        { IMPORT_VOLUMES, "date,hour,offered\n2020-01-02,3,5\x01\n", "bad.csv:2:3: 'offered' value '5\\x01' is not a number" },
    };
    (void)state;
    char *before = snapshot();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        WfmErr err = { 0, "" };
        ImportResult res;
        int rc = import_text(cases[i].kind, cases[i].csv, 0, &res, &err);
        if (rc != WFM_EINPUT)
            fail_msg("case %zu: rc %d (%s)", i, rc, err.msg);
        const char *m = strstr(err.msg, "bad.csv");
        assert_non_null(m);
        if (strncmp(m, cases[i].msg, strlen(cases[i].msg)) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, m, cases[i].msg);
        assert_int_equal(res.rows, 0);
        char *after = snapshot();
        assert_string_equal(after, before);
        free(after);
    }
    free(before);
}

static void test_good_inputs(void **state)
{
    WfmErr err = { 0, "" };
    ImportResult res;
    (void)state;
    /* Korean headers, a BOM, CRLF, an unknown column noted. */
    assert_int_equal(import_text(IMPORT_VOLUMES, "\xEF\xBB\xBF날짜,시간,인입량,비고\r\n2020-01-03,9,\"1200\",x\r\n", 0, &res, &err), 0);
    assert_int_equal(res.rows, 1);
    assert_string_equal(res.note, "ignored columns: 비고");
    /* --replace overwrites rows with the same key, and only those. */
    assert_int_equal(import_text(IMPORT_VOLUMES, "date,hour,calls\n2020-01-03,9,1300\n2020-01-03,10,5\n", 0, &res, &err), WFM_EINPUT);
    assert_int_equal(import_text(IMPORT_VOLUMES, "date,hour,calls\n2020-01-03,9,1300\n2020-01-03,10,5\n", 1, &res, &err), 0);
    assert_int_equal(res.rows, 2);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(store_db(st), "SELECT offered FROM volume WHERE date = '2020-01-03' AND hour = 9", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_close(sqlite3_column_double(s, 0), 1300, 0);
    sqlite3_finalize(s);
    /* Replacing an agent keeps his leave (an upsert, not delete + insert). */
    assert_int_equal(import_text(IMPORT_AGENTS, "id,team,name\nA1,night,새이름\n", 1, &res, &err), 0);
    assert_int_equal(store_count(st, "leave"), 1);
    assert_int_equal(import_text(IMPORT_AGENTS, "id,team,name\nA1,day,김민준\n", 1, &res, &err), 0);
    /* Quoted names with commas. */
    sqlite3_prepare_v2(store_db(st), "SELECT name FROM agent WHERE id = 'A2'", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "Lee, Ann");
    sqlite3_finalize(s);
    /* A file that is not there. */
    char path[512];
    snprintf(path, sizeof path, "%s/none.csv", dir);
    assert_int_equal(import_csv(st, IMPORT_PERF, path, 0, &cfg, &res, &err), WFM_EIO);
    assert_contains(err.msg, "none.csv': No such file");
    /* Preferences: the weight defaults to 1. */
    assert_int_equal(import_text(IMPORT_PREFS, "agent_id,date,shift,want\nA1,2020-02-03,off,wanted\nA2,2020-02-04,D,pinned\n",
                                 0, &res, &err), 0);
    assert_int_equal(store_count(st, "preference"), 2);
    sqlite3_prepare_v2(store_db(st), "SELECT sum(weight) FROM preference", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_close(sqlite3_column_double(s, 0), 2, 0);
    sqlite3_finalize(s);
    /* Requirements: a run of their own, on the phone from the availability unless given. */
    assert_int_equal(import_text(IMPORT_REQS, "날짜,시간,필요인원\n2020-02-03,9,12.5\n2020-02-03,10,8\n", 0, &res, &err), 0);
    assert_int_equal(res.rows, 2);
    sqlite3_prepare_v2(store_db(st), "SELECT r.command, count(*), sum(q.agents_duty), sum(q.agents_phone) FROM requirement q "
                       "JOIN run r ON r.id = q.run_id GROUP BY q.run_id", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "import");
    assert_int_equal(sqlite3_column_int(s, 1), 2);
    assert_close(sqlite3_column_double(s, 2), 20.5, 1e-12);
    assert_int_equal(sqlite3_column_int(s, 3), (int)lround(12.5 * wfm_config_availability(&cfg)) + (int)lround(8 * wfm_config_availability(&cfg)));
    sqlite3_finalize(s);
    assert_int_equal(import_kind("volumes"), IMPORT_VOLUMES);
    assert_int_equal(import_kind("requirements"), IMPORT_REQS);
    assert_int_equal(import_kind("calls"), -1);
}

static void test_real_files(void **state)
{
    char buf[512];
    const char *p;
    WfmErr err = { 0, "" };
    ImportResult res;
    sqlite3_stmt *s;
    (void)state;
    if (!(p = shared_data("rfssa_anonymous-bank-1999_hourly.csv", buf, sizeof buf)))
        skip();
    assert_int_equal(import_csv(st, IMPORT_VOLUMES, p, 0, NULL, &res, &err), 0);
    assert_int_equal(res.rows, 8712);   /* 363 days x 24 hours, as its README says */
    assert_string_equal(res.note, "ignored columns: weekday");
    sqlite3_prepare_v2(store_db(st), "SELECT sum(offered) FROM volume WHERE date LIKE '1999-%'", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_close(sqlite3_column_double(s, 0), 444448, 0);
    sqlite3_finalize(s);
    /* The per-call file: same bank, January and October, other columns; its
     * hours overlap, so it goes in with --replace. */
    assert_non_null(p = shared_data("keguoh-hospital_anonymous-bank-1999-jan-oct_hourly.csv", buf, sizeof buf));
    assert_int_equal(import_csv(st, IMPORT_VOLUMES, p, 0, NULL, &res, &err), WFM_EINPUT);
    assert_contains(err.msg, ":2:1: duplicate key");
    assert_int_equal(import_csv(st, IMPORT_VOLUMES, p, 1, NULL, &res, &err), 0);
    assert_int_equal(res.rows, 60 * 24);
    sqlite3_prepare_v2(store_db(st),
                       "SELECT sum(offered), sum(answered), sum(abandoned) FROM volume "
                       "WHERE answered IS NOT NULL AND date LIKE '1999-%'", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_close(sqlite3_column_double(s, 0), 63090, 0);  /* the README's totals */
    assert_close(sqlite3_column_double(s, 1), 57921, 0);
    assert_close(sqlite3_column_double(s, 2), 5169, 0);
    sqlite3_finalize(s);
}

/* Issue 16: NUL bytes (which a C string cannot carry, so written with a
 * length), files that are not files, and the edges of the bounds, which
 * import. */
static void test_hostile_bytes(void **state)
{
    static const char nul_id[] = "agent_id,date\nA\0\x31,2020-01-04\n";
    static const char nul_hdr[] = "date,hour,offered,note\x00x\n2020-01-09,3,5,z\n";
    char path[512];
    WfmErr err = { 0, "" };
    ImportResult res;
    char *before;
    (void)state;
    before = snapshot();
    snprintf(path, sizeof path, "%s/nul.csv", dir);
    write_file(path, nul_id, sizeof nul_id - 1);
    assert_int_equal(import_csv(st, IMPORT_LEAVE, path, 0, &cfg, &res, &err), WFM_EINPUT);
    assert_contains(err.msg, "nul.csv:2:1: 'agent_id' value 'A\\x001' has a control character (\\x00 at byte 2)");
    assert_int_equal(import_csv(st, IMPORT_LEAVE, dir, 0, &cfg, &res, &err), WFM_EINPUT);
    assert_contains(err.msg, "a directory, not a regular file");
    assert_int_equal(import_csv(st, IMPORT_VOLUMES, "/dev/zero", 0, &cfg, &res, &err), WFM_EINPUT);
    assert_string_equal(err.msg, "cannot read '/dev/zero': a character device, not a regular file");
    char *after = snapshot();
    assert_string_equal(after, before);
    free(after);
    /* An unknown header cell with a NUL is noted, escaped. */
    write_file(path, nul_hdr, sizeof nul_hdr - 1);
    assert_int_equal(import_csv(st, IMPORT_VOLUMES, path, 0, &cfg, &res, &err), 0);
    assert_string_equal(res.note, "ignored columns: note\\x00x");
    /* The edges themselves are taken: a 31-byte id, 1990-01-01, 2100-12-31, 1e9. */
    assert_int_equal(import_text(IMPORT_AGENTS, "id,team,hire_date\nA012345678901234567890123456789,day,1990-01-01\n",
                                 0, &res, &err), 0);
    assert_int_equal(import_text(IMPORT_LEAVE, "agent_id,date\nA012345678901234567890123456789,2100-12-31\n",
                                 0, &res, &err), 0);
    assert_int_equal(import_text(IMPORT_VOLUMES, "date,hour,offered\n2100-12-31,23,1000000000\n", 0, &res, &err), 0);
    assert_int_equal(import_text(IMPORT_PREFS, "agent_id,date,shift,want,weight\nA1,2020-02-04,D,wanted,1000\n",
                                 0, &res, &err), 0);
    free(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_inputs), cmocka_unit_test(test_good_inputs),
        cmocka_unit_test(test_hostile_bytes),
        cmocka_unit_test(test_real_files),
    };
    return cmocka_run_group_tests_name("import", tests, setup, teardown);
}
