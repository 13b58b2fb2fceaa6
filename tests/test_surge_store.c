/*
 * test_surge_store.c - the surge tables of issue 17 in the store's schema
 * (version 5): a version-4 store, with or without the tables its surge
 * plans made on the fly, migrates and reads back what it held; a new run
 * in it reads back the budget's plans and bound; a surge table that cannot
 * be read is an error naming the store, not a plan without queues.
 */
#include "helpers.h"
#include "../core/alloc.h"
#include "../data/cfg.h"
#include "../data/store_int.h"
#include "../data/sample/gen.h"
#include "../model/surge.h"

static char *dir;
static WfmConfig cfg;
static int first;   /* 2021-01-13 */

static int setup(void **state)
{
    WfmErr err;
    (void)state;
    dir = tmp_dir();
    first = date_from_ymd(2021, 1, 13);
    return cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    wfm_config_free(&cfg);
    rm_tree(dir);
    return 0;
}

static void exec_ok(Store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static const RosterAgent agent = { .id = "A001" };

/* A scenario of one day built by hand: every hour's figures distinct, one
 * overtime piece, one block of outside agents; with queues (nq 3) and a
 * budget when asked. */
static void scenario(SurgeScenario *sc, int queues, double budget)
{
    memset(sc, 0, sizeof *sc);
    snprintf(sc->name, sizeof sc->name, "60000");
    sc->calls_per_day = 60000, sc->aht_factor = 1.1, sc->first_day = first, sc->ndays = 1;
    sc->h = xcalloc(24, sizeof *sc->h);
    for (int t = 0; t < 24; t++) {
        SurgeHour *h = &sc->h[t];
        h->offered = 100 + t, h->aht_s = 200 + t, h->patience_s = 300, h->need = 10 + t;
        for (int k = 0; k < SURGE_NSTEPS; k++) {
            h->phone[k] = 5 + t + k;
            h->m[k] = (SurgeMeasure){ 0.5 + 0.01 * k, 0.4 + 0.01 * k, 30 - k, 0, 10 - k };
        }
    }
    sc->nblocks = 1, sc->block_h[0] = 8;
    sc->outside = xcalloc(24, sizeof *sc->outside);
    sc->outside[9] = 7, sc->outside_hours = 56, sc->outside_agents = 7;
    sc->ot = xcalloc(1, sizeof *sc->ot);
    sc->ot[0] = (SurgeOt){ 0, first, OT_AFTER, 0, 1080, 1200, 2, 3 };
    sc->not = 1;
    if (queues) {
        sc->nq = cfg.nqueues;
        sc->qh = xcalloc((size_t)sc->nq * 24, sizeof *sc->qh);
        for (int i = 0; i < sc->nq * 24; i++)
            sc->qh[i] = sc->h[i % 24], sc->qh[i].offered = 1 + i;
    }
    sc->budget = budget, sc->outside_short_h = 12.5, sc->absence = 0.1, sc->aht_drift = 0.02;
    if (budget > 0) {
        sc->budget_pick = SURGE_BUDGET_SPLIT, sc->budget_bound = 2400;
        sc->budget_answered[0] = 2300, sc->budget_answered[1] = 2350, sc->budget_answered[2] = 2200;
    }
}

static void write_run(Store *s, const SurgeScenario *sc)
{
    WfmErr err;
    int64_t run;
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_run_begin(s, "surge", "--date 2021-01-13", cfg.hash, &run, &err), 0);
    assert_int_equal(store_write_surge(s, run, &cfg, &agent, sc, &err), 0);
    assert_int_equal(store_run_end(s, run, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
}

/* A new store with one surge run, then taken back to what version 4 left:
 * with_tables 1 - the two tables as its first plan with queues made them
 * (surge_scenario_more without the budget's columns), 0 - neither. */
static void old_store(const char *path, int with_tables, const SurgeScenario *sc)
{
    Store *s;
    WfmErr err;
    remove(path);
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
    exec_ok(s, "INSERT INTO agent(id, team) VALUES ('A001', 'day')");
    write_run(s, sc);
    if (with_tables)
        exec_ok(s, "ALTER TABLE surge_scenario_more DROP COLUMN budget_bound;"
                   "ALTER TABLE surge_scenario_more DROP COLUMN budget_pick;"
                   "ALTER TABLE surge_scenario_more DROP COLUMN answered_ot_first;"
                   "ALTER TABLE surge_scenario_more DROP COLUMN answered_split;"
                   "ALTER TABLE surge_scenario_more DROP COLUMN answered_vendor_first;");
    else
        exec_ok(s, "DROP TABLE surge_queue; DROP TABLE surge_scenario_more;");
    exec_ok(s, "PRAGMA user_version = 4");
    store_close(s);
}

static void read_back(Store *s, const SurgeScenario *want, int queues, double budget, int with_bound)
{
    WfmErr err;
    int64_t run;
    SurgeScenario *got;
    int n;
    char (*ids)[32];
    assert_int_equal(store_read_surge(s, &cfg, first, &run, &got, &n, &ids, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], "A001");
    for (int t = 0; t < 24; t++) {
        assert_close(got->h[t].offered, want->h[t].offered, 0);
        assert_close(got->h[t].phone[SURGE_STAGE2], want->h[t].phone[SURGE_STAGE2], 0);
        assert_close(got->h[t].m[SURGE_STAGE1].abandoned, want->h[t].m[SURGE_STAGE1].abandoned, 0);
    }
    assert_int_equal(got->nq, queues ? cfg.nqueues : 0);
    for (int i = 0; i < got->nq * 24; i++)
        assert_close(got->qh[i].offered, want->qh[i].offered, 0);
    assert_close(got->budget, budget, 0);
    assert_close(got->outside_short_h, budget > 0 || queues ? 12.5 : 0, 0);
    assert_int_equal(got->not, 1);
    int out = 0;   /* the blocks read back as the configuration lists them */
    for (int b = 0; b < got->nblocks; b++)
        out += got->outside[9 * got->nblocks + b] * (got->block_h[b] == 8);
    assert_int_equal(out, 7);
    assert_int_equal(got->budget_pick, with_bound ? SURGE_BUDGET_SPLIT : 0);
    assert_close(got->budget_bound, with_bound ? 2400 : 0, 0);
    assert_close(got->budget_answered[1], with_bound ? 2350 : 0, 0);
    surge_scenario_free(got);
    free(got), free(ids);
}

static void test_version4_stores(void **state)
{
    char path[512];
    Store *s;
    WfmErr err;
    SurgeScenario sc;
    (void)state;
    snprintf(path, sizeof path, "%s/v4.db", dir);
    for (int with_tables = 0; with_tables < 2; with_tables++) {
        scenario(&sc, with_tables, with_tables ? 3e7 : 0);
        old_store(path, with_tables, &sc);
        /* Refused until migrated, then read as it was. */
        assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &err), WFM_EINPUT);
        assert_contains(err.msg, "schema version 4 is older than 5");
        assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
        assert_int_equal(store_version_found(s), 4);
        assert_int_equal(sql_int(store_db(s), "PRAGMA user_version"), STORE_VERSION);
        assert_int_equal(sql_int(store_db(s), "SELECT count(*) FROM surge_queue"), with_tables ? 72 : 0);
        read_back(s, &sc, with_tables, with_tables ? 3e7 : 0, 0);
        surge_scenario_free(&sc);
        /* A new plan in the migrated store: its queues, budget, plans and bound. */
        exec_ok(s, "DELETE FROM surge_outside; DELETE FROM surge_overtime; DELETE FROM surge_plan; "
                   "DELETE FROM surge_queue; DELETE FROM surge_scenario_more; DELETE FROM surge_scenario");
        scenario(&sc, 1, 5e7);
        write_run(s, &sc);
        read_back(s, &sc, 1, 5e7, 1);
        surge_scenario_free(&sc);
        store_close(s);
    }
}

/* A surge table that cannot be read: one message naming the store and the
 * table's trouble, not a plan read without it. */
static void test_read_errors(void **state)
{
    char path[512];
    Store *s;
    WfmErr err;
    SurgeScenario sc, *got;
    int64_t run;
    int n;
    char (*ids)[32];
    (void)state;
    snprintf(path, sizeof path, "%s/v5.db", dir);
    static const char *const breakage[][2] = {
        { "ALTER TABLE surge_queue RENAME TO surge_queue_gone", "read the surge plan's queues" },
        { "ALTER TABLE surge_scenario_more RENAME COLUMN budget_bound TO b", "read the surge plan's budget and limits" },
        { "DROP TABLE surge_scenario_more", "read the surge plan's budget and limits" },
    };
    for (size_t i = 0; i < sizeof breakage / sizeof *breakage; i++) {
        remove(path);
        assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), 0);
        exec_ok(s, "INSERT INTO agent(id, team) VALUES ('A001', 'day')");
        scenario(&sc, 1, 3e7);
        write_run(s, &sc);
        surge_scenario_free(&sc);
        exec_ok(s, breakage[i][0]);
        assert_int_equal(store_read_surge(s, &cfg, first, &run, &got, &n, &ids, &err), WFM_EIO);
        assert_contains(err.msg, breakage[i][1]);
        assert_contains(err.msg, path);
        for (int k = 0; k < n; k++)
            surge_scenario_free(&got[k]);
        free(got), free(ids);
        store_close(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version4_stores),
        cmocka_unit_test(test_read_errors),
    };
    return cmocka_run_group_tests_name("surge_store", tests, setup, teardown);
}
