#include "helpers.h"
#include "../data/store_int.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = tmp_dir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rm_tree(dir);
    return 0;
}

static void test_create(void **state)
{
    char path[512];
    Store *s;
    WfmErr err;
    (void)state;
    snprintf(path, sizeof path, "%s/a.db", dir);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &err), WFM_EIO);
    assert_contains(err.msg, "no such file (run 'wfm init' first)");
    assert_int_equal(access(path, F_OK), -1);  /* nothing was created */
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
    assert_int_equal(store_version_found(s), 0);
    assert_int_equal(sql_int(store_db(s), "PRAGMA user_version"), STORE_VERSION);
    assert_int_equal(sql_int(store_db(s), "PRAGMA foreign_keys"), 1);
    assert_int_equal(sql_int(store_db(s), "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    /* Every table of DESIGN.md's flow exists, STRICT. */
    static const char *const tables[] = { "volume", "agent", "leave", "perf", "run", "forecast",
                                          "requirement", "shift_plan", "roster", "score",
                                          "low_performer", "surge_plan" };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT strict FROM pragma_table_list WHERE name = '%s'", tables[i]);
        assert_int_equal(sql_int(store_db(s), sql), 1);
        assert_int_equal(store_count(s, tables[i]), 0);
    }
    assert_int_equal(store_count(s, "sqlite_master"), -1);
    /* STRICT: a string in an INTEGER column is refused. */
    assert_int_not_equal(sqlite3_exec(store_db(s),
                                      "INSERT INTO volume(queue,date,hour,offered) VALUES ('p','2020-01-01','x',1)",
                                      NULL, NULL, NULL), SQLITE_OK);
    /* Foreign keys: leave of an unknown agent is refused. */
    assert_int_not_equal(sqlite3_exec(store_db(s), "INSERT INTO leave(agent_id,date) VALUES ('nobody','2020-01-01')",
                                      NULL, NULL, NULL), SQLITE_OK);
    /* Runs: begin, end. */
    int64_t id = 0;
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_run_begin(s, "test", "--x 1", 0xabcULL, &id, &err), 0);
    assert_int_equal(store_run_end(s, id, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_true(id > 0);
    assert_int_equal(sql_int(store_db(s), "SELECT count(*) FROM run WHERE status = 'ok' AND config_hash = '0000000000000abc'"), 1);
    store_close(s);
    /* Reopening: up to date. */
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &err), 0);
    assert_int_equal(store_version_found(s), STORE_VERSION);
    store_close(s);
    store_close(NULL);
}

static void test_versions(void **state)
{
    char path[512];
    sqlite3 *db;
    Store *s;
    WfmErr err;
    (void)state;
    /* A store from a newer wfm is refused, and left as it was. */
    snprintf(path, sizeof path, "%s/new.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE x(a); PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), WFM_EINPUT);
    assert_contains(err.msg, "schema version 99 is newer than this wfm knows (5)");
    assert_int_equal(access(path, F_OK), 0);
    /* An empty (version 0) store: refused without init, migrated with it. */
    snprintf(path, sizeof path, "%s/old.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_close(db);
    write_file(path, "", 0);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &err), WFM_EINPUT);
    assert_contains(err.msg, "run 'wfm init' to migrate");
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
    assert_int_equal(store_version_found(s), 0);
    assert_int_equal(sql_int(store_db(s), "PRAGMA user_version"), STORE_VERSION);
    store_close(s);
    /* A version-1 store (score without its component columns) with a row in
     * it: migrated to the current version, the row kept, the new columns and
     * the surge tables there. */
    snprintf(path, sizeof path, "%s/v1.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE run(id INTEGER PRIMARY KEY, command TEXT NOT NULL, params TEXT NOT NULL, config_hash TEXT NOT NULL,"
        " started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL DEFAULT 'running') STRICT;"
        "CREATE TABLE agent(id TEXT PRIMARY KEY, name TEXT, team TEXT NOT NULL, skills TEXT NOT NULL DEFAULT '',"
        " remote_ok INTEGER NOT NULL DEFAULT 0, night_ok INTEGER NOT NULL DEFAULT 0, hire_date TEXT,"
        " weekly_hours REAL NOT NULL DEFAULT 40) STRICT;"
        "CREATE TABLE score(run_id INTEGER NOT NULL REFERENCES run(id), agent_id TEXT NOT NULL REFERENCES agent(id),"
        " period TEXT NOT NULL, peer_group TEXT NOT NULL, days INTEGER NOT NULL, cpd REAL, cpd_per_hour REAL,"
        " talk_per_call_s REAL, hold_per_call_s REAL, acw_share REAL, fcr REAL, transfer_rate REAL, adherence REAL,"
        " qa REAL, composite REAL NOT NULL, lo REAL NOT NULL, hi REAL NOT NULL,"
        " PRIMARY KEY (run_id, agent_id, period)) STRICT, WITHOUT ROWID;"
        "INSERT INTO run VALUES (1, 'score', '', '0', 'x', NULL, 'ok');"
        "INSERT INTO agent(id, team) VALUES ('A1', 'day');"
        "INSERT INTO score(run_id, agent_id, period, peer_group, days, composite, lo, hi) VALUES (1, 'A1', 'all', 'g', 20, -1.5, -2, -1);"
        "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
    assert_int_equal(store_version_found(s), 1);
    assert_int_equal(sql_int(store_db(s), "PRAGMA user_version"), STORE_VERSION);
    assert_int_equal(sql_int(store_db(s), "SELECT count(*) FROM score WHERE composite = -1.5 AND productivity IS NULL"), 1);
    assert_int_equal(sql_int(store_db(s), "SELECT count(*) FROM surge_scenario"), 0);
    assert_int_equal(sql_int(store_db(s), "SELECT count(*) FROM surge_overtime"), 0);
    store_close(s);
    /* A file that is not a database. */
    snprintf(path, sizeof path, "%s/junk.db", dir);
    write_file(path, "this is not sqlite, just text long enough to have a header...........",
               70);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), WFM_EINPUT);
    assert_contains(err.msg, "not a wfm store");
    /* A half-made store (a migration that fails) leaves nothing behind. */
    snprintf(path, sizeof path, "%s/clash.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE volume(a)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), WFM_EIO);
    assert_contains(err.msg, "migrate the schema");
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);  /* only the old table */
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create), cmocka_unit_test(test_versions),
    };
    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
