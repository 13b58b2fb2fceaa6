/*
 * fuzz_import.c - libFuzzer harness for every importer (data/import.h).
 *
 * The first byte picks the import: its low 3 bits the kind (volumes 0,
 * agents 1, leave 2, perf 3, preferences 4, requirements 5; 6 and 7 wrap to
 * 0 and 1), bit 3 --replace.  So a seed starting with '0'..'5' is a plain
 * import and one starting with '8', '9', ':', ';', '<', '=' the same with
 * --replace.  Bit 6 (seeds '@'..'E', with --replace 'H'..'M'; also
 * 'P'..'U', 'X'..']') repeats the rows after the header 2500 times, so that the reader thread fills more than one batch
 * and the inserter can fail while it reads ahead (inputs stay small).
 * The rest is the CSV file, written to a temporary file.
 *
 * The store is in memory, made once with a few agents and a row of each
 * input so that duplicates and unknown agents are reachable, and put back
 * to that state (sqlite3_backup) after every import that changed it.
 *
 * Invariants: an import that fails leaves every table of the store as it
 * was (a digest of every row) and says FILE:LINE:COL: why; one that succeeds
 * added what it says it added (rows or, for requirements, a run) and left
 * only rows the documented checks allow: real dates, hours 0-23, known
 * agents (foreign_key_check), teams and queues of the configuration, answered
 * within offered, and so on.
 */
#include "fuzz.h"
#include "../../data/cfg.h"
#include "../../data/import.h"
#include "../../data/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char config[] =
    "center = { name = \"fuzz\"; };\n"
    "shifts = (\n"
    "  { name = \"A0830\"; kind = \"day\"; start = \"08:30\"; length_h = 9.0; meal_min = 60; },\n"
    "  { name = \"E1400\"; kind = \"evening\"; start = \"14:00\"; length_h = 9.0; meal_min = 60; },\n"
    "  { name = \"N2200\"; kind = \"night\"; start = \"22:00\"; length_h = 9.0; meal_min = 60; }\n"
    ");\n"
    "queues = ( { name = \"phone\"; }, { name = \"chat\"; skill = \"chat\"; } );\n"
    "teams = ( { name = \"day\"; }, { name = \"night\"; kinds = [\"evening\", \"night\"]; } );\n";

/* The store's state before every input. */
static const struct {
    ImportKind kind;
    const char *csv;
} base[] = {
    { IMPORT_AGENTS, "id,name,team,skills,remote_ok,night_ok,hire_date,weekly_hours\n"
                     "A0001,최민윤,day,,0,0,2016-12-01,40\nA0002,권하우,day,chat,1,0,2018-11-01,40\n"
                     "A0003,\"Lee, Ann\",night,,1,1,2009-09-01,35\n" },
    { IMPORT_VOLUMES, "date,hour,queue,offered,answered,abandoned,aht_s\n2020-01-02,9,phone,162,154,8,147.7\n" },
    { IMPORT_LEAVE, "agent_id,date,kind\nA0001,2020-01-02,annual\n" },
    { IMPORT_PERF, "date,agent_id,handled,logged_in_s\n2020-01-02,A0002,136,28104\n" },
    { IMPORT_PREFS, "agent_id,date,shift,want,weight\nA0002,2021-01-29,off,wanted,3\n" },
    { IMPORT_REQS, "date,hour,agents_duty\n2021-01-04,9,12\n" },
};

static Store *store;
static sqlite3 *saved;        /* a copy of the store's first state */
static WfmConfig cfg;
static char path[128];
static int verbose;           /* WFM_FUZZ_VERBOSE=1: a line per input */

static void copy_db(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    FUZZ_CHECK(b != NULL, "backup: %s", sqlite3_errmsg(to));
    FUZZ_CHECK(sqlite3_backup_step(b, -1) == SQLITE_DONE, "backup: %s", sqlite3_errmsg(to));
    FUZZ_CHECK(sqlite3_backup_finish(b) == SQLITE_OK, "backup: %s", sqlite3_errmsg(to));
}

/* Statements prepared once (the fuzzer runs a query many times a second),
 * keyed by their text's address. */
static struct {
    const char *sql;
    sqlite3_stmt *st;
} stmts[64];

static sqlite3_stmt *stmt(const char *sql)
{
    sqlite3 *db = store_db(store);
    size_t i;
    for (i = 0; i < sizeof stmts / sizeof stmts[0] && stmts[i].sql; i++)
        if (stmts[i].sql == sql)
            return stmts[i].st;
    FUZZ_CHECK(i < sizeof stmts / sizeof stmts[0], "more than %zu statements", i);
    FUZZ_CHECK(sqlite3_prepare_v2(db, sql, -1, &stmts[i].st, NULL) == SQLITE_OK, "'%s': %s", sql, sqlite3_errmsg(db));
    stmts[i].sql = sql;
    return stmts[i].st;
}

/* "SELECT * FROM <table>" for every table of the store, made once. */
static char *table_sql[48];

static void list_tables(void)
{
    sqlite3 *db = store_db(store);
    sqlite3_stmt *st;
    int n = 0;
    FUZZ_CHECK(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &st,
                                  NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        char sql[200];
        FUZZ_CHECK(n + 1 < (int)(sizeof table_sql / sizeof table_sql[0]), "too many tables");
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", (const char *)sqlite3_column_text(st, 0));
        table_sql[n++] = strdup(sql);
    }
    sqlite3_finalize(st);
}

/* FNV-1a over the rows of every table, and their count in *rows. */
static uint64_t digest(long *rows)
{
    uint64_t h = 1469598103934665603ULL;
    *rows = 0;
    for (int t = 0; table_sql[t]; t++) {
        sqlite3_stmt *st = stmt(table_sql[t]);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            (*rows)++;
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *v = sqlite3_column_blob(st, c);
                int n = sqlite3_column_bytes(st, c);
                h = (h ^ (uint64_t)(sqlite3_column_type(st, c) + 256)) * 1099511628211ULL;
                for (int i = 0; i < n; i++)
                    h = (h ^ v[i]) * 1099511628211ULL;
            }
        }
        FUZZ_CHECK(rc == SQLITE_DONE, "'%s': %s", table_sql[t], sqlite3_errmsg(store_db(store)));
        sqlite3_reset(st);
    }
    return h;
}

/* The single number a query gives. */
static long long one(const char *sql)
{
    sqlite3_stmt *st = stmt(sql);
    long long v;
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW, "'%s': %s", sql, sqlite3_errmsg(store_db(store)));
    v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    WfmErr err;
    ImportResult res;
    (void)argc;
    (void)argv;
    verbose = getenv("WFM_FUZZ_VERBOSE") != NULL;
    snprintf(path, sizeof path, "%s/in.csv", fuzz_tmpdir());
    FUZZ_CHECK(cfg_load_string(config, "fuzz.cfg", &cfg, &err) == 0, "%s", err.msg);
    FUZZ_CHECK(store_open(":memory:", STORE_OPEN_CREATE, &store, &err) == 0, "%s", err.msg);
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++) {
        fuzz_write(path, (const uint8_t *)base[i].csv, strlen(base[i].csv));
        FUZZ_CHECK(import_csv(store, base[i].kind, path, 0, &cfg, &res, &err) == 0, "%s", err.msg);
    }
    FUZZ_CHECK(sqlite3_open(":memory:", &saved) == SQLITE_OK, "cannot open a second in-memory database");
    sqlite3_exec(saved, "PRAGMA page_size = 8192", NULL, NULL, NULL);
    copy_db(saved, store_db(store));
    list_tables();
    return 0;
}

/* What no stored row may be, whatever was imported: each query counts the
 * rows that break a documented rule (DESIGN.md, README's import table). */
static const char *const rules[] = {
    /* a date column holds a real date YYYY-MM-DD */
    "SELECT count(*) FROM volume WHERE date IS NOT date(date) OR length(date) != 10",
    "SELECT count(*) FROM agent WHERE hire_date IS NOT NULL AND (hire_date IS NOT date(hire_date) "
    "OR length(hire_date) != 10)",
    "SELECT count(*) FROM leave WHERE date IS NOT date(date) OR length(date) != 10",
    "SELECT count(*) FROM perf WHERE date IS NOT date(date) OR length(date) != 10",
    "SELECT count(*) FROM preference WHERE date IS NOT date(date) OR length(date) != 10",
    "SELECT count(*) FROM requirement WHERE date IS NOT date(date) OR length(date) != 10",
    /* hours 0-23; counts not negative; answered and abandoned within offered */
    "SELECT count(*) FROM volume WHERE hour NOT BETWEEN 0 AND 23 OR offered < 0 OR answered > offered + 1e-9 "
    "OR answered + abandoned > offered + 1e-9",
    "SELECT count(*) FROM requirement WHERE hour NOT BETWEEN 0 AND 23 OR agents_duty < 0 OR offered < 0",
    /* perf: a day's login at most a day, first-call resolutions within handled, QA 0-100 */
    "SELECT count(*) FROM perf WHERE handled < 0 OR logged_in_s < 0 OR logged_in_s > 86400 "
    "OR resolved_first > handled OR qa_score < 0 OR qa_score > 100",
    /* agents: a team of the configuration, weekly hours in (0, 52] */
    "SELECT count(*) FROM agent WHERE team NOT IN ('day', 'night') OR weekly_hours <= 0 OR weekly_hours > 52 "
    "OR remote_ok NOT IN (0, 1) OR night_ok NOT IN (0, 1)",
    /* ids and names of things have no spaces around them */
    "SELECT count(*) FROM agent WHERE id != trim(id, ' ' || char(9, 10, 13)) OR id = ''",
    "SELECT count(*) FROM requirement WHERE queue NOT IN ('phone', 'chat')",
    "SELECT count(*) FROM preference WHERE want NOT IN ('wanted', 'unwanted', 'pinned') OR weight < 0 "
    "OR shift NOT IN ('A0830', 'E1400', 'N2200', 'day', 'evening', 'night', 'work', 'off')",
    /* every agent_id is a stored agent */
    "SELECT count(*) FROM pragma_foreign_key_check",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ImportResult res;
    WfmErr err;
    long rows_before, rows_after;
    uint64_t before, after;
    ImportKind kind;
    int replace, rc;
    static const char *const tables[] = { "volume", "agent", "leave", "perf", "preference", "requirement" };
    static const char *const counts[] = {
        "SELECT count(*) FROM volume", "SELECT count(*) FROM agent", "SELECT count(*) FROM leave",
        "SELECT count(*) FROM perf", "SELECT count(*) FROM preference", "SELECT count(*) FROM requirement",
    };
    static const char *const runs = "SELECT count(*) FROM run";
    long long n_before, n_after, runs_before;

    if (size < 1)
        return 0;
    kind = (ImportKind)((data[0] & 7) % IMPORT_KIND_COUNT);
    replace = (data[0] >> 3) & 1;
    if (data[0] & 0x40) {
        const uint8_t *nl = memchr(data + 1, '\n', size - 1);
        size_t head = nl ? (size_t)(nl - data) : size - 1;
        FILE *f = fopen(path, "wb");
        FUZZ_CHECK(f != NULL, "cannot write '%s'", path);
        fwrite(data + 1, 1, head, f);
        for (int k = 0; k < 2500 && head < size - 1; k++)
            fwrite(data + 1 + head, 1, size - 1 - head, f);
        FUZZ_CHECK(fclose(f) == 0, "cannot write '%s'", path);
    } else {
        fuzz_write(path, data + 1, size - 1);
    }

    before = digest(&rows_before);
    n_before = one(counts[kind]);
    runs_before = one(runs);
    memset(&err, 0, sizeof err);
    rc = import_csv(store, kind, path, replace, &cfg, &res, &err);
    if (verbose)
        fprintf(stderr, "import %s%s: %s (%ld rows)\n", tables[kind], replace ? " --replace" : "",
                rc ? err.msg : "ok", res.rows);
    after = digest(&rows_after);
    n_after = one(counts[kind]);

    if (rc) {
        size_t pl = strlen(path);
        FUZZ_CHECK(rc == WFM_EINPUT, "import %s failed with %d, not WFM_EINPUT: %s", tables[kind], rc, err.msg);
        FUZZ_CHECK(before == after && rows_before == rows_after,
                   "a failed import %s changed the store (%ld rows, now %ld): %s", tables[kind], rows_before,
                   rows_after, err.msg);
        FUZZ_CHECK(res.rows == 0, "a failed import says it wrote %ld rows", res.rows);
        /* FILE:LINE:COL: reason */
        const char *p = err.msg + pl;
        FUZZ_CHECK(strncmp(err.msg, path, pl) == 0 && *p == ':', "the message '%s' does not start with FILE:", err.msg);
        char *end;
        long line = strtol(p + 1, &end, 10), col;
        FUZZ_CHECK(end > p + 1 && *end == ':' && line >= 1, "the message '%s' has no LINE", err.msg);
        col = strtol(end + 1, &end, 10);
        FUZZ_CHECK(*end == ':' && end[1] == ' ' && col >= 1, "the message '%s' has no COL", err.msg);
        return 0;
    }

    FUZZ_CHECK(res.rows >= 1, "an import that succeeded wrote %ld rows", res.rows);
    if (kind == IMPORT_REQS) {
        /* with --replace a key the file repeats is stored once, the last row's */
        FUZZ_CHECK(replace ? n_after > n_before && n_after <= n_before + res.rows : n_after == n_before + res.rows,
                   "requirements%s: %ld rows imported, %lld stored", replace ? " --replace" : "", res.rows,
                   n_after - n_before);
        FUZZ_CHECK(one(runs) == runs_before + 1, "requirements: not one new run");
        FUZZ_CHECK(one("SELECT count(*) FROM run WHERE status != 'ok' OR finished IS NULL") == 0,
                   "requirements: a run not finished");
    } else if (replace) {
        FUZZ_CHECK(n_after >= n_before && n_after <= n_before + res.rows, "%s --replace: %ld rows imported, %lld more stored",
                   tables[kind], res.rows, n_after - n_before);
    } else {
        FUZZ_CHECK(n_after == n_before + res.rows, "%s: %ld rows imported, %lld more stored", tables[kind], res.rows,
                   n_after - n_before);
    }
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        long long bad = one(rules[i]);
        FUZZ_CHECK(bad == 0, "%lld stored rows break: %s", bad, rules[i]);
    }
    copy_db(store_db(store), saved);
    return 0;
}
