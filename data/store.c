#include "store_int.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../model/rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct Store {
    sqlite3 *db;
    char *path;
    int version_found;
};

/* migrations[i] takes the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: every table of the flow in DESIGN.md. */
    "CREATE TABLE run("
    "  id INTEGER PRIMARY KEY,"
    "  command TEXT NOT NULL,"
    "  params TEXT NOT NULL,"
    "  config_hash TEXT NOT NULL,"
    "  started TEXT NOT NULL,"
    "  finished TEXT,"
    "  status TEXT NOT NULL DEFAULT 'running'"
    ") STRICT;"
    "CREATE TABLE volume("
    "  queue TEXT NOT NULL DEFAULT 'phone',"
    "  date TEXT NOT NULL,"
    "  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),"
    "  offered REAL NOT NULL CHECK (offered >= 0),"
    "  answered REAL CHECK (answered >= 0),"
    "  abandoned REAL CHECK (abandoned >= 0),"
    "  aht_s REAL CHECK (aht_s >= 0),"
    "  asa_s REAL CHECK (asa_s >= 0),"
    "  abandon_wait_s REAL CHECK (abandon_wait_s >= 0),"
    "  PRIMARY KEY (queue, date, hour)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE agent("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT,"
    "  team TEXT NOT NULL,"
    "  skills TEXT NOT NULL DEFAULT '',"
    "  remote_ok INTEGER NOT NULL DEFAULT 0,"
    "  night_ok INTEGER NOT NULL DEFAULT 0,"
    "  hire_date TEXT,"
    "  weekly_hours REAL NOT NULL DEFAULT 40"
    ") STRICT;"
    "CREATE TABLE leave("
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  date TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'annual',"
    "  PRIMARY KEY (agent_id, date)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE perf("
    "  date TEXT NOT NULL,"
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  handled INTEGER NOT NULL CHECK (handled >= 0),"
    "  logged_in_s REAL NOT NULL CHECK (logged_in_s >= 0),"
    "  talk_s REAL, hold_s REAL, acw_s REAL,"
    "  break_s REAL, meeting_s REAL, training_s REAL,"
    "  resolved_first INTEGER, transfers INTEGER, qa_score REAL,"
    "  queue TEXT, shift TEXT, remote INTEGER,"
    "  PRIMARY KEY (date, agent_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE forecast("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  queue TEXT NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL,"
    "  offered REAL NOT NULL, aht_s REAL NOT NULL, method TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, queue, date, hour)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE requirement("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  queue TEXT NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL,"
    "  offered REAL NOT NULL, aht_s REAL NOT NULL, patience_s REAL,"
    "  agents_phone INTEGER NOT NULL, agents_duty REAL NOT NULL,"
    "  sl REAL, asa_s REAL, answer_rate REAL, occupancy REAL,"
    "  PRIMARY KEY (run_id, queue, date, hour)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE shift_plan("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  date TEXT NOT NULL, shift TEXT NOT NULL,"
    "  office INTEGER NOT NULL, remote INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, date, shift)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE roster("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  date TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('work', 'off', 'leave')),"
    "  shift TEXT, start_min INTEGER, end_min INTEGER,"
    "  place TEXT CHECK (place IN ('office', 'remote')),"
    "  meal_start_min INTEGER, break_slot INTEGER,"
    "  PRIMARY KEY (run_id, agent_id, date)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE score("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  period TEXT NOT NULL, peer_group TEXT NOT NULL, days INTEGER NOT NULL,"
    "  cpd REAL, cpd_per_hour REAL, talk_per_call_s REAL, hold_per_call_s REAL,"
    "  acw_share REAL, fcr REAL, transfer_rate REAL, adherence REAL, qa REAL,"
    "  composite REAL NOT NULL, lo REAL NOT NULL, hi REAL NOT NULL,"
    "  PRIMARY KEY (run_id, agent_id, period)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE low_performer("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  months_flagged INTEGER NOT NULL, reasons TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, agent_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE surge_plan("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL,"
    "  offered REAL NOT NULL, needed INTEGER NOT NULL, on_phone REAL NOT NULL,"
    "  answer_rate_before REAL, overtime_agents REAL, answer_rate_stage1 REAL,"
    "  outside_agents REAL, answer_rate_stage2 REAL,"
    "  PRIMARY KEY (run_id, scenario, date, hour)"
    ") STRICT, WITHOUT ROWID;",
    /* 1 -> 2: the composite's own components, so every score can be explained. */
    "ALTER TABLE score ADD COLUMN peer_cpd REAL;"
    "ALTER TABLE score ADD COLUMN productivity REAL;"
    "ALTER TABLE score ADD COLUMN acw_ratio REAL;"
    "ALTER TABLE score ADD COLUMN fcr_diff REAL;"
    "ALTER TABLE score ADD COLUMN qa_diff REAL;"
    "ALTER TABLE score ADD COLUMN raw REAL;",
    /* 2 -> 3: surge planning (surge_plan was an empty shell until now). */
    "DROP TABLE IF EXISTS surge_plan;"
    "CREATE TABLE surge_scenario("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL, first_date TEXT NOT NULL, days INTEGER NOT NULL,"
    "  calls_per_day REAL NOT NULL, deflect REAL NOT NULL, aht_factor REAL NOT NULL,"
    "  ot_hours REAL NOT NULL, ot_paid_hours REAL NOT NULL, ot_agents INTEGER NOT NULL,"
    "  ot_calls REAL, ot_bound REAL, ot_gap REAL, ot_seconds REAL, violations INTEGER NOT NULL,"
    "  outside_hours REAL NOT NULL, outside_agents INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, scenario)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE surge_plan("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL,"
    "  offered REAL NOT NULL, aht_s REAL NOT NULL, patience_s REAL NOT NULL, needed INTEGER NOT NULL,"
    "  phone_roster REAL NOT NULL, phone_stage1 REAL NOT NULL, phone_stage2 REAL NOT NULL,"
    "  ar_roster REAL, sl_roster REAL, asa_roster REAL, abandoned_roster REAL,"
    "  ar_stage1 REAL, sl_stage1 REAL, asa_stage1 REAL, abandoned_stage1 REAL,"
    "  ar_stage2 REAL, sl_stage2 REAL, asa_stage2 REAL, abandoned_stage2 REAL,"
    "  PRIMARY KEY (run_id, scenario, date, hour)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE surge_overtime("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL,"
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  date TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('before', 'after', 'extra')),"
    "  shift TEXT NOT NULL, start_min INTEGER NOT NULL, end_min INTEGER NOT NULL,"
    "  hours REAL NOT NULL, paid_hours REAL NOT NULL,"
    "  PRIMARY KEY (run_id, scenario, agent_id, date, kind)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE roster_stats("
    "  run_id INTEGER PRIMARY KEY REFERENCES run(id),"
    "  objective REAL NOT NULL, bound REAL NOT NULL, gap REAL NOT NULL, seconds REAL NOT NULL,"
    "  shortfall_h REAL NOT NULL, violations INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE surge_outside("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL, date TEXT NOT NULL, start_hour INTEGER NOT NULL,"
    "  hours INTEGER NOT NULL, agents INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, scenario, date, start_hour, hours)"
    ") STRICT, WITHOUT ROWID;",
    /* 3 -> 4: agents' preferences and pinned assignments for the roster. */
    "CREATE TABLE preference("
    "  agent_id TEXT NOT NULL REFERENCES agent(id),"
    "  date TEXT NOT NULL,"
    "  shift TEXT NOT NULL,"
    "  want TEXT NOT NULL CHECK (want IN ('wanted', 'unwanted', 'pinned')),"
    "  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),"
    "  PRIMARY KEY (agent_id, date, shift)"
    ") STRICT, WITHOUT ROWID;",
    /* 4 -> 5: issue 17's surge tables, each queue's hours and what a scenario
     * adds (budget, limits, several days, the budget's plans and bound).
     * Before, the first surge plan with queues made the first two tables
     * itself: a version-4 store may hold them already, with their rows. */
    "CREATE TABLE IF NOT EXISTS surge_queue("
    "  run_id INTEGER NOT NULL REFERENCES run(id),"
    "  scenario TEXT NOT NULL, queue TEXT NOT NULL, date TEXT NOT NULL, hour INTEGER NOT NULL,"
    "  offered REAL NOT NULL, aht_s REAL NOT NULL, patience_s REAL NOT NULL, needed INTEGER NOT NULL,"
    "  phone_roster REAL NOT NULL, phone_stage1 REAL NOT NULL, phone_stage2 REAL NOT NULL,"
    "  ar_roster REAL, sl_roster REAL, abandoned_roster REAL,"
    "  ar_stage1 REAL, sl_stage1 REAL, abandoned_stage1 REAL,"
    "  ar_stage2 REAL, sl_stage2 REAL, abandoned_stage2 REAL,"
    "  PRIMARY KEY (run_id, scenario, queue, date, hour)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS surge_scenario_more("
    "  run_id INTEGER NOT NULL REFERENCES run(id), scenario TEXT NOT NULL,"
    "  budget REAL NOT NULL, outside_short_h REAL NOT NULL, absence REAL NOT NULL, aht_drift REAL NOT NULL,"
    "  PRIMARY KEY (run_id, scenario)) STRICT, WITHOUT ROWID;"
    "ALTER TABLE surge_scenario_more ADD COLUMN budget_bound REAL;"
    "ALTER TABLE surge_scenario_more ADD COLUMN budget_pick INTEGER;"
    "ALTER TABLE surge_scenario_more ADD COLUMN answered_ot_first REAL;"
    "ALTER TABLE surge_scenario_more ADD COLUMN answered_split REAL;"
    "ALTER TABLE surge_scenario_more ADD COLUMN answered_vendor_first REAL;",
};

sqlite3 *store_db(Store *s)
{
    return s->db;
}

const char *store_path(const Store *s)
{
    return s->path;
}

int store_version_found(const Store *s)
{
    return s->version_found;
}

int store_sqlerr(Store *s, WfmErr *err, const char *what)
{
    return wfm_err(err, WFM_EIO, "cannot %s in store '%s': %s", what, s->path,
                   sqlite3_errmsg(s->db));
}

static int exec(Store *s, const char *sql, WfmErr *err, const char *what)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, what);
    return 0;
}

static int user_version(Store *s, int *v)
{
    sqlite3_stmt *st;
    *v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return *v < 0 ? -1 : 0;
}

static int migrate(Store *s, int from, WfmErr *err)
{
    char sql[64];
    int rc;
    if ((rc = exec(s, "BEGIN IMMEDIATE", err, "begin the migration")))
        return rc;
    for (int v = from; v < STORE_VERSION; v++)
        if ((rc = exec(s, migrations[v], err, "migrate the schema")))
            goto fail;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_VERSION);
    if ((rc = exec(s, sql, err, "set the schema version")) ||
        (rc = exec(s, "COMMIT", err, "commit the migration")))
        goto fail;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* "file:" and path with the characters a URI gives meaning to escaped, and
 * the immutable flag: a read-only store in a folder the user may not write
 * (SQLite cannot make the WAL's shared-memory file there). */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *u = xmalloc(3 * n + 32), *p = u;
    p += sprintf(p, "file:");
    for (const unsigned char *c = (const unsigned char *)path; *c; c++)
        if (*c == '%' || *c == '?' || *c == '#' || *c < 0x20)
            p += sprintf(p, "%%%02X", *c);
        else
            *p++ = (char)*c;
    strcpy(p, "?immutable=1");
    return u;
}

/* May this user write path and the folder it is in (WAL's files beside it)? */
static int writable(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (n == 0)
        n = 1;
    if (n >= sizeof dir)
        return 1;   /* cannot tell: let SQLite say */
    memcpy(dir, slash ? path : ".", n);
    dir[n] = 0;
    return access(path, W_OK) == 0 && access(dir, W_OK) == 0;
}

int store_open(const char *path, int mode, Store **out, WfmErr *err)
{
    struct stat stb;
    Store *s;
    /* One connection per Store, used by one thread: no per-call mutex. */
    int rc, v, ro = mode == STORE_OPEN_READONLY,
        flags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;

    *out = NULL;
    if (stat(path, &stb) != 0) {
        if (mode != STORE_OPEN_CREATE)
            return wfm_err(err, WFM_EIO, "cannot open store '%s': no such file (run 'wfm init' first)", path);
        flags |= SQLITE_OPEN_CREATE;
    } else if (!S_ISREG(stb.st_mode)) {
        return wfm_err(err, WFM_EIO, "cannot open store '%s': not a regular file", path);
    } else if (!ro && !writable(path)) {
        return wfm_err(err, WFM_EIO, "cannot open store '%s': it is read-only for this user (it or its folder "
                       "cannot be written); reports and 'wfm check' can still read it", path);
    }
    s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = wfm_err(err, WFM_EIO, "cannot open store '%s': %s", path,
                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    if (ro && !writable(path) && user_version(s, &v)) {
        char *uri = immutable_uri(path);
        sqlite3_close(s->db);
        rc = sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_URI, NULL);
        free(uri);
        if (rc != SQLITE_OK) {
            rc = wfm_err(err, WFM_EIO, "cannot open store '%s': %s", path,
                         s->db ? sqlite3_errmsg(s->db) : "out of memory");
            goto fail;
        }
    }
    if (user_version(s, &v)) {
        rc = wfm_err(err, WFM_EINPUT, "cannot open store '%s': not a wfm store (%s)", path,
                     sqlite3_errmsg(s->db));
        goto fail;
    }
    s->version_found = v;
    if (v > STORE_VERSION) {
        rc = wfm_err(err, WFM_EINPUT,
                     "cannot open store '%s': its schema version %d is newer than this wfm knows (%d); use a newer wfm",
                     path, v, STORE_VERSION);
        goto fail;
    }
    if (v < STORE_VERSION && mode != STORE_OPEN_CREATE) {
        rc = wfm_err(err, WFM_EINPUT,
                     "cannot open store '%s': schema version %d is older than %d (run 'wfm init' to migrate)",
                     path, v, STORE_VERSION);
        goto fail;
    }
    /* A new store gets larger pages: fewer B-tree levels and WAL frames for
     * bulk imports (measured by `make bench`).  It must precede WAL mode. */
    if (ro) {
        if ((rc = exec(s, "PRAGMA cache_size = -65536", err, "set the cache size")))
            goto fail;
        *out = s;
        return 0;
    }
    if (v == 0 && (rc = exec(s, "PRAGMA page_size = 8192", err, "set the page size")))
        goto fail;
    if ((rc = exec(s, "PRAGMA foreign_keys = ON", err, "turn on foreign keys")) ||
        (rc = exec(s, "PRAGMA journal_mode = WAL", err, "turn on WAL")) ||
        (rc = exec(s, "PRAGMA synchronous = NORMAL", err, "set synchronous")) ||
        (rc = exec(s, "PRAGMA cache_size = -65536", err, "set the cache size")))
        goto fail;
    if (v < STORE_VERSION && (rc = migrate(s, v, err)))
        goto fail;
    *out = s;
    return 0;
fail:
    store_close(s);
    if ((flags & SQLITE_OPEN_CREATE) && mode == STORE_OPEN_CREATE) {
        /* We made this file: leave nothing behind. */
        char aux[1024];
        remove(path);
        snprintf(aux, sizeof aux, "%s-wal", path);
        remove(aux);
        snprintf(aux, sizeof aux, "%s-shm", path);
        remove(aux);
    }
    return rc;
}

void store_close(Store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int store_begin(Store *s, WfmErr *err)
{
    sqlite3_busy_timeout(s->db, 1000 * STORE_WAIT_S);
    int rc = exec(s, "BEGIN IMMEDIATE", err, "begin a transaction");
    sqlite3_busy_timeout(s->db, 5000);
    return rc;
}

int store_commit(Store *s, WfmErr *err)
{
    return exec(s, "COMMIT", err, "commit");
}

void store_rollback(Store *s)
{
    if (s && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_run_begin(Store *s, const char *command, const char *params, uint64_t cfg_hash,
                    int64_t *run_id, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char hash[24], now[32];
    time_t t = time(NULL);
    struct tm tmv;
    int rc = 0;

    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)cfg_hash);
    gmtime_r(&t, &tmv);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO run(command, params, config_hash, started) VALUES (?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "record the run");
    sqlite3_bind_text(st, 1, command, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "record the run");
    else
        *run_id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

int store_run_end(Store *s, int64_t run_id, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE run SET finished = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
                           "status = 'ok' WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "finish the run");
    sqlite3_bind_int64(st, 1, run_id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "finish the run");
    sqlite3_finalize(st);
    return rc;
}

long store_count(Store *s, const char *table)
{
    static const char *const known[] = { "volume", "agent", "leave", "perf", "run", "forecast",
                                         "requirement", "shift_plan", "roster", "score",
                                         "low_performer", "surge_plan", "surge_scenario", "surge_overtime",
                                         "surge_outside", "roster_stats", "preference", NULL };
    char sql[96];
    sqlite3_stmt *st;
    long n = -1;
    int ok = 0;
    for (int i = 0; known[i]; i++)
        ok |= strcmp(known[i], table) == 0;
    if (!ok)
        return -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The first and last day of volume for queue (all queues when NULL);
 * *hi < *lo when there is none. */
static int volume_range(Store *s, const char *queue, int *lo, int *hi, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    *lo = 0;
    *hi = -1;
    if (sqlite3_prepare_v2(s->db, "SELECT min(date), max(date) FROM volume WHERE ?1 IS NULL OR queue = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the volume");
    sqlite3_bind_text(st, 1, queue, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
        date_parse((const char *)sqlite3_column_text(st, 0), 10, lo);
        date_parse((const char *)sqlite3_column_text(st, 1), 10, hi);
    }
    sqlite3_finalize(st);
    return 0;
}

int store_volume_hourly(Store *s, const char *queue, int *first, int *ndays,
                        double **offered, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int lo = 0, hi = -1, rc = 0;
    double *v;

    *offered = NULL;
    if ((rc = volume_range(s, queue, &lo, &hi, err)))
        return rc;
    if (hi < lo)
        return wfm_err(err, WFM_EINPUT, "no volume in store '%s'%s%s (run 'wfm import volumes FILE')",
                       s->path, queue ? " for queue " : "", queue ? queue : "");
    *first = lo;
    *ndays = hi - lo + 1;
    v = xmalloc(sizeof *v * 24 * (size_t)*ndays);
    for (int i = 0; i < 24 * *ndays; i++)
        v[i] = -1;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT date, hour, sum(offered) FROM volume "
                           "WHERE ?1 IS NULL OR queue = ?1 GROUP BY date, hour",
                           -1, &st, NULL) != SQLITE_OK) {
        free(v);
        return store_sqlerr(s, err, "read the volume");
    }
    sqlite3_bind_text(st, 1, queue, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d) == 0)
            v[24 * (d - lo) + sqlite3_column_int(st, 1)] = sqlite3_column_double(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return store_sqlerr(s, err, "read the volume");
    }
    *offered = v;
    return 0;
}

void volume_series_free(VolumeSeries *v)
{
    if (!v)
        return;
    free(v->offered);
    free(v->aht_s);
    free(v->answered);
    free(v->abandoned);
    free(v->asa_s);
    free(v->abandon_wait_s);
    memset(v, 0, sizeof *v);
}

int store_volume_series(Store *s, const char *queue, VolumeSeries *v, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc, lo = 0, hi = -1;
    double **cols[6] = { &v->offered, &v->aht_s, &v->answered, &v->abandoned, &v->asa_s, &v->abandon_wait_s };

    memset(v, 0, sizeof *v);
    if ((rc = volume_range(s, queue, &lo, &hi, err)))
        return rc;
    if (hi < lo)
        return wfm_err(err, WFM_EINPUT, "no volume for queue '%s' in store '%s'", queue, s->path);
    v->first = lo;
    v->ndays = hi - lo + 1;
    for (int c = 0; c < 6; c++) {
        *cols[c] = xmalloc(sizeof(double) * 24 * (size_t)v->ndays);
        for (int i = 0; i < 24 * v->ndays; i++)
            (*cols[c])[i] = c == 0 ? -1 : NAN;
    }
    if (sqlite3_prepare_v2(s->db,
                           "SELECT date, hour, offered, aht_s, answered, abandoned, asa_s, abandon_wait_s "
                           "FROM volume WHERE queue = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        volume_series_free(v);
        return store_sqlerr(s, err, "read the volume");
    }
    sqlite3_bind_text(st, 1, queue, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
            continue;
        int i = 24 * (d - lo) + sqlite3_column_int(st, 1);
        for (int c = 0; c < 6; c++)
            if (sqlite3_column_type(st, 2 + c) != SQLITE_NULL)
                (*cols[c])[i] = sqlite3_column_double(st, 2 + c);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        volume_series_free(v);
        return store_sqlerr(s, err, "read the volume");
    }
    return 0;
}

void store_bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* Binds the key every derived hourly row starts with: run, queue, date, hour. */
static void bind_hour_key(sqlite3_stmt *st, int64_t run, const char *queue, int day, int hour, char ds[11])
{
    date_format(day, ds);
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, queue, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ds, 10, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, hour);
}

int store_write_requirement(Store *s, int64_t run, const char *queue, int first, int ndays,
                            const StaffHour *h, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO requirement(run_id, queue, date, hour, offered, aht_s, patience_s, "
                           "agents_phone, agents_duty, sl, asa_s, answer_rate, occupancy) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the requirement");
    for (int i = 0; i < 24 * ndays && !rc; i++) {
        char ds[11];
        bind_hour_key(st, run, queue, first + i / 24, i % 24, ds);
        sqlite3_bind_double(st, 5, h[i].offered);
        sqlite3_bind_double(st, 6, h[i].aht_s);
        store_bind_real(st, 7, h[i].patience_s);
        sqlite3_bind_int(st, 8, h[i].phone);
        sqlite3_bind_double(st, 9, h[i].duty);
        store_bind_real(st, 10, h[i].sl);
        store_bind_real(st, 11, h[i].asa_s);
        store_bind_real(st, 12, h[i].answer_rate);
        store_bind_real(st, 13, h[i].occupancy);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_sqlerr(s, err, "write the requirement");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_read_requirement(Store *s, int first, int ndays, int64_t *run, double *phone,
                           double *duty, double *offered, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    int rc;
    date_format(first, a);
    date_format(first + ndays - 1, b);
    *run = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT max(run_id) FROM requirement WHERE date = ?1", -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the requirement");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *run = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (*run == 0)
        return wfm_err(err, WFM_EINPUT, "no staffing requirement for %s in store '%s' (run 'wfm staff' first)", a, s->path);
    for (int i = 0; i < 24 * ndays; i++)
        phone[i] = duty[i] = offered[i] = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT date, hour, sum(agents_phone), sum(agents_duty), sum(offered) FROM requirement "
                           "WHERE run_id = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY date, hour",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the requirement");
    sqlite3_bind_int64(st, 1, *run);
    sqlite3_bind_text(st, 2, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, 10, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
            continue;
        int i = 24 * (d - first) + sqlite3_column_int(st, 1);
        phone[i] = sqlite3_column_double(st, 2);
        duty[i] = sqlite3_column_double(st, 3);
        offered[i] = sqlite3_column_double(st, 4);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_sqlerr(s, err, "read the requirement");
}

int store_write_forecast(Store *s, int64_t run, const char *queue, int first, int ndays,
                         const double *offered, const double *aht_s, const char *method, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO forecast(run_id, queue, date, hour, offered, aht_s, method) "
                           "VALUES (?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the forecast");
    for (int i = 0; i < 24 * ndays && !rc; i++) {
        char ds[11];
        bind_hour_key(st, run, queue, first + i / 24, i % 24, ds);
        sqlite3_bind_double(st, 5, offered[i]);
        sqlite3_bind_double(st, 6, aht_s[i]);
        sqlite3_bind_text(st, 7, method, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_sqlerr(s, err, "write the forecast");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_read_forecast(Store *s, const char *queue, int first, int ndays, double *offered,
                        double *aht_s, int64_t *run, char method[48], WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    int rc, n = 0;
    date_format(first, a);
    date_format(first + ndays - 1, b);
    *run = 0;
    method[0] = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT run_id FROM forecast WHERE queue = ?1 AND date BETWEEN ?2 AND ?3 "
                           "GROUP BY run_id HAVING count(*) = ?4 ORDER BY run_id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the forecast");
    sqlite3_bind_text(st, 1, queue, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b, 10, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, 24 * ndays);
    if (sqlite3_step(st) == SQLITE_ROW)
        *run = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (*run == 0)
        return wfm_err(err, WFM_EINPUT, "no forecast for queue '%s' from %s to %s", queue, a, b);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT date, hour, offered, aht_s, method FROM forecast WHERE run_id = ?1 AND queue = ?2 "
                           "AND date BETWEEN ?3 AND ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the forecast");
    sqlite3_bind_int64(st, 1, *run);
    sqlite3_bind_text(st, 2, queue, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, b, 10, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
            continue;
        int i = 24 * (d - first) + sqlite3_column_int(st, 1);
        offered[i] = sqlite3_column_double(st, 2);
        aht_s[i] = sqlite3_column_double(st, 3);
        snprintf(method, 48, "%s", (const char *)sqlite3_column_text(st, 4));
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_sqlerr(s, err, "read the forecast");
}

void perf_set_free(PerfSet *p)
{
    if (!p)
        return;
    free(p->rec);
    free(p->id);
    free(p->name);
    free(p->team);
    free(p->hire);
    memset(p, 0, sizeof *p);
}

static int shift_kind(const char *t)
{
    if (!t)
        return SK_DAY;
    if (strcmp(t, "evening") == 0)
        return SK_EVENING;
    if (strcmp(t, "night") == 0)
        return SK_NIGHT;
    if (strcmp(t, "weekend") == 0)
        return SK_WEEKEND;
    return SK_DAY;
}

static double col_or_nan(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

int store_read_perf(Store *s, int from, int to, PerfSet *p, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    size_t cap = 0;
    int rc;

    memset(p, 0, sizeof *p);
    p->nagents = (int)store_count(s, "agent");
    if (p->nagents <= 0)
        return wfm_err(err, WFM_EINPUT, "no agents in store '%s' (run 'wfm import agents FILE')", s->path);
    p->id = xcalloc((size_t)p->nagents, sizeof *p->id);
    p->name = xcalloc((size_t)p->nagents, sizeof *p->name);
    p->team = xcalloc((size_t)p->nagents, sizeof *p->team);
    p->hire = xcalloc((size_t)p->nagents, sizeof *p->hire);
    if (sqlite3_prepare_v2(s->db, "SELECT id, ifnull(name, ''), team, hire_date FROM agent ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK) {
        perf_set_free(p);
        return store_sqlerr(s, err, "read the agents");
    }
    for (int i = 0; i < p->nagents && sqlite3_step(st) == SQLITE_ROW; i++) {
        snprintf(p->id[i], sizeof p->id[i], "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(p->name[i], sizeof p->name[i], "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(p->team[i], sizeof p->team[i], "%s", (const char *)sqlite3_column_text(st, 2));
        p->hire[i] = -1;
        if (sqlite3_column_type(st, 3) == SQLITE_TEXT)
            date_parse((const char *)sqlite3_column_text(st, 3), 10, &p->hire[i]);
    }
    sqlite3_finalize(st);
    date_format(from, a);
    date_format(to, b);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT p.date, a.rn, p.handled, p.logged_in_s, p.talk_s, p.hold_s, p.acw_s, p.break_s, "
                           "p.meeting_s, p.training_s, p.resolved_first, p.transfers, p.qa_score, "
                           "ifnull(p.queue, 'phone'), p.shift, ifnull(p.remote, 0) "
                           "FROM perf p JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agent) a "
                           "ON a.id = p.agent_id WHERE p.date BETWEEN ?1 AND ?2",
                           -1, &st, NULL) != SQLITE_OK) {
        perf_set_free(p);
        return store_sqlerr(s, err, "read the performance records");
    }
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        PerfRec *x;
        int d, q;
        const char *qn = (const char *)sqlite3_column_text(st, 13);
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
            continue;
        for (q = 0; q < p->nqueues && strcmp(p->queues[q], qn) != 0; q++)
            ;
        if (q == p->nqueues) {
            if (p->nqueues == PERF_MAX_QUEUES) {
                /* Dropping its records would score agents on part of their work. */
                rc = wfm_err(err, WFM_EINPUT, "cannot score %s to %s: the performance records name more than "
                             "%d queues ('%s' is one too many)", a, b, PERF_MAX_QUEUES, qn);
                sqlite3_finalize(st);
                perf_set_free(p);
                return rc;
            }
            snprintf(p->queues[p->nqueues++], sizeof p->queues[0], "%s", qn);
        }
        if (p->n == cap) {
            void *v = p->rec;
            xgrow(&v, &cap, p->n + 1, sizeof *p->rec);
            p->rec = v;
        }
        x = &p->rec[p->n++];
        x->day = d;
        x->sched_s = 0;
        x->agent = sqlite3_column_int(st, 1);
        x->handled = sqlite3_column_double(st, 2);
        x->logged_s = sqlite3_column_double(st, 3);
        x->talk_s = col_or_nan(st, 4), x->hold_s = col_or_nan(st, 5), x->acw_s = col_or_nan(st, 6);
        x->break_s = col_or_nan(st, 7), x->meeting_s = col_or_nan(st, 8), x->training_s = col_or_nan(st, 9);
        if (isnan(x->talk_s)) x->talk_s = 0;
        if (isnan(x->hold_s)) x->hold_s = 0;
        if (isnan(x->acw_s)) x->acw_s = 0;
        x->resolved_first = col_or_nan(st, 10), x->transfers = col_or_nan(st, 11), x->qa = col_or_nan(st, 12);
        x->queue = q;
        x->shift = shift_kind((const char *)sqlite3_column_text(st, 14));
        x->remote = sqlite3_column_int(st, 15);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        perf_set_free(p);
        return store_sqlerr(s, err, "read the performance records");
    }
    if (p->n == 0) {
        perf_set_free(p);
        return wfm_err(err, WFM_EINPUT, "no performance records from %s to %s in store '%s'", a, b, s->path);
    }
    return 0;
}

int store_write_score(Store *s, int64_t run, const char *agent_id, const char *period, const char *group,
                      const AgentScore *x, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO score(run_id, agent_id, period, peer_group, days, cpd, cpd_per_hour, "
                           "talk_per_call_s, hold_per_call_s, acw_share, fcr, transfer_rate, adherence, qa, "
                           "composite, lo, hi, peer_cpd, productivity, acw_ratio, fcr_diff, qa_diff, raw) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the scores");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, agent_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, group, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, x->days);
    store_bind_real(st, 6, x->cpd);
    store_bind_real(st, 7, x->cph);
    store_bind_real(st, 8, x->talk_pc);
    store_bind_real(st, 9, x->hold_pc);
    store_bind_real(st, 10, x->acw_share);
    store_bind_real(st, 11, x->fcr);
    store_bind_real(st, 12, x->transfer_rate);
    store_bind_real(st, 13, x->adherence);
    store_bind_real(st, 14, x->qa);
    sqlite3_bind_double(st, 15, x->composite);
    sqlite3_bind_double(st, 16, isfinite(x->lo) ? x->lo : -1e9);
    sqlite3_bind_double(st, 17, isfinite(x->hi) ? x->hi : 1e9);
    store_bind_real(st, 18, x->peer_cpd);
    store_bind_real(st, 19, x->productivity);
    store_bind_real(st, 20, x->acw_ratio);
    store_bind_real(st, 21, x->fcr_diff);
    store_bind_real(st, 22, x->qa_diff);
    store_bind_real(st, 23, x->raw);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "write the scores");
    sqlite3_finalize(st);
    return rc;
}

int store_write_low_performer(Store *s, int64_t run, const char *agent_id, int months, const char *reasons,
                              WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO low_performer(run_id, agent_id, months_flagged, reasons) VALUES (?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the low performers");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, agent_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, months);
    sqlite3_bind_text(st, 4, reasons, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "write the low performers");
    sqlite3_finalize(st);
    return rc;
}

static int agent_index(const RosterAgent *ag, int n, const char *id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(ag[mid].id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

int store_read_roster_agents(Store *s, const WfmConfig *cfg, RosterAgent **out, int *n, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    long cnt = store_count(s, "agent");
    *out = NULL;
    *n = 0;
    if (cnt <= 0)
        return wfm_err(err, WFM_EINPUT, "no agents in store '%s' (run 'wfm import agents FILE')", s->path);
    RosterAgent *ag = xcalloc((size_t)cnt, sizeof *ag);
    /* ORDER BY id uses the byte order strcmp uses, so agent_index can bisect. */
    if (sqlite3_prepare_v2(s->db, "SELECT id, team, skills, remote_ok, night_ok, weekly_hours FROM agent ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK) {
        free(ag);
        return store_sqlerr(s, err, "read the agents");
    }
    int k = 0;
    while (k < cnt && sqlite3_step(st) == SQLITE_ROW) {
        RosterAgent *a = &ag[k++];
        const char *team = (const char *)sqlite3_column_text(st, 1), *skills = (const char *)sqlite3_column_text(st, 2);
        snprintf(a->id, sizeof a->id, "%s", (const char *)sqlite3_column_text(st, 0));
        a->team = -1;
        for (int t = 0; t < cfg->nteams; t++)
            if (team && strcmp(team, cfg->teams[t].name) == 0)
                a->team = t;
        for (const char *p = skills ? skills : ""; *p;) {
            size_t l = strcspn(p, ";");
            for (int q = 0; q < cfg->nqueues && q < 32; q++)
                if (cfg->queues[q].skill[0] && strlen(cfg->queues[q].skill) == l && strncmp(p, cfg->queues[q].skill, l) == 0)
                    a->skills |= 1u << q;
            p += l;
            if (*p == ';')
                p++;
        }
        a->remote_ok = sqlite3_column_int(st, 3);
        a->night_ok = sqlite3_column_int(st, 4);
        a->weekly_hours = sqlite3_column_double(st, 5);
    }
    sqlite3_finalize(st);
    *out = ag;
    *n = k;
    return 0;
}

int store_read_leave(Store *s, const RosterAgent *ag, int n, int first, int ndays, unsigned char *leave, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    memset(leave, 0, (size_t)n * (size_t)ndays);
    date_format(first, a);
    date_format(first + ndays - 1, b);
    if (sqlite3_prepare_v2(s->db, "SELECT agent_id, date FROM leave WHERE date BETWEEN ?1 AND ?2", -1, &st, NULL) !=
        SQLITE_OK)
        return store_sqlerr(s, err, "read the leave");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int g = agent_index(ag, n, (const char *)sqlite3_column_text(st, 0)), d;
        if (g >= 0 && date_parse((const char *)sqlite3_column_text(st, 1), 10, &d) == 0)
            leave[(size_t)g * ndays + (d - first)] = 1;
    }
    sqlite3_finalize(st);
    return 0;
}

int store_read_prefs(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays,
                     RosterPref **out, int *nout, WfmErr *err)
{
    static const char *const wants[] = { "wanted", "unwanted", "pinned" };
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    size_t cap = 0;
    int rc = 0;
    *out = NULL, *nout = 0;
    date_format(first, a);
    date_format(first + ndays - 1, b);
    if (sqlite3_prepare_v2(s->db, "SELECT agent_id, date, shift, want, weight FROM preference WHERE date BETWEEN ?1 "
                           "AND ?2 ORDER BY agent_id, date, shift", -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the preferences");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0), *what = (const char *)sqlite3_column_text(st, 2);
        const char *want = (const char *)sqlite3_column_text(st, 3);
        RosterPref p = { agent_index(ag, n, id), 0, { 0, 0 }, -1, sqlite3_column_double(st, 4) };
        if (p.agent < 0 || date_parse((const char *)sqlite3_column_text(st, 1), 10, &p.day))
            continue;   /* an agent no longer rostered */
        p.day -= first;
        for (int k = 0; k < 3; k++)
            if (strcmp(want, wants[k]) == 0)
                p.want = k;
        if (wfm_what_parse(cfg, what, &p.what) || p.want < 0) {
            rc = wfm_err(err, WFM_EINPUT, "store '%s': the preference of %s on %s names '%s', which the "
                         "configuration '%s' has no template or kind for", s->path, id, sqlite3_column_text(st, 1),
                         what, cfg->path);
            break;
        }
        void *q = *out;
        xgrow(&q, &cap, (size_t)*nout + 1, sizeof **out);
        *out = q;
        (*out)[(*nout)++] = p;
    }
    sqlite3_finalize(st);
    if (rc)
        free(*out), *out = NULL, *nout = 0;
    return rc;
}

int store_read_queue_open(Store *s, const WfmConfig *cfg, int first, int ndays, unsigned char *need, double *duty,
                          WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    memset(need, 0, (size_t)cfg->nqueues * 24 * (size_t)ndays);
    for (size_t i = 0; duty && i < (size_t)cfg->nqueues * 24 * (size_t)ndays; i++)
        duty[i] = 0;
    date_format(first, a);
    date_format(first + ndays - 1, b);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT queue, date, hour, agents_duty FROM requirement WHERE (offered > 0 OR agents_duty > 0) AND date BETWEEN ?1 AND ?2 "
                           "AND run_id = (SELECT max(run_id) FROM requirement WHERE date = ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the requirement");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *q = (const char *)sqlite3_column_text(st, 0);
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 1), 10, &d))
            continue;
        size_t at = 24 * (size_t)(d - first) + (size_t)sqlite3_column_int(st, 2);
        for (int k = 0; k < cfg->nqueues; k++)
            if (strcmp(cfg->queues[k].name, q) == 0) {
                need[(size_t)k * 24 * ndays + at] = 1;
                if (duty)
                    duty[(size_t)k * 24 * ndays + at] = sqlite3_column_double(st, 3);
            }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_write_roster(Store *s, int64_t run, const WfmConfig *cfg, const Roster *r, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO roster(run_id, agent_id, date, status, shift, start_min, end_min, place, "
                           "meal_start_min, break_slot) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the roster");
    for (int g = 0; g < r->nagents && !rc; g++)
        for (int d = 0; d < r->ndays && !rc; d++) {
            const Assign *x = roster_at(r, g, d);
            char ds[11];
            date_format(r->first_day + d, ds);
            sqlite3_bind_int64(st, 1, run);
            sqlite3_bind_text(st, 2, r->agents[g].id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, ds, 10, SQLITE_STATIC);
            if (x->shift >= 0) {
                const ShiftTemplate *t = &cfg->shifts[x->shift];
                sqlite3_bind_text(st, 4, "work", -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 5, t->name, -1, SQLITE_STATIC);
                sqlite3_bind_int(st, 6, x->start_min);
                sqlite3_bind_int(st, 7, x->start_min + t->length_min);
                sqlite3_bind_text(st, 8, x->remote ? "remote" : "office", -1, SQLITE_STATIC);
                if (t->meal_min > 0 && x->meal_off_min >= 0)
                    sqlite3_bind_int(st, 9, x->start_min + x->meal_off_min);
                else
                    sqlite3_bind_null(st, 9);
                sqlite3_bind_int(st, 10, x->break_slot);
            } else {
                sqlite3_bind_text(st, 4, x->shift == ROSTER_LEAVE ? "leave" : "off", -1, SQLITE_STATIC);
                for (int k = 5; k <= 10; k++)
                    sqlite3_bind_null(st, k);
            }
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = store_sqlerr(s, err, "write the roster");
            sqlite3_reset(st);
        }
    sqlite3_finalize(st);
    return rc;
}

int store_write_shift_plan(Store *s, int64_t run, const WfmConfig *cfg, const Roster *r, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO shift_plan(run_id, date, shift, office, remote) VALUES (?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the shift plan");
    for (int d = 0; d < r->ndays && !rc; d++)
        for (int k = 0; k < cfg->nshifts && !rc; k++) {
            int office = 0, remote = 0;
            for (int g = 0; g < r->nagents; g++) {
                const Assign *x = roster_at(r, g, d);
                if (x->shift == k)
                    *(x->remote ? &remote : &office) += 1;
            }
            if (!office && !remote)
                continue;
            char ds[11];
            date_format(r->first_day + d, ds);
            sqlite3_bind_int64(st, 1, run);
            sqlite3_bind_text(st, 2, ds, 10, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, cfg->shifts[k].name, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 4, office);
            sqlite3_bind_int(st, 5, remote);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = store_sqlerr(s, err, "write the shift plan");
            sqlite3_reset(st);
        }
    sqlite3_finalize(st);
    return rc;
}

/* Rows of [from, to] of the newest roster run that covers day `key`. */
static int read_roster_rows(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int from, int to, int key,
                            int first, int w, int carry, Assign *a, int64_t *run)
{
    sqlite3_stmt *st = NULL;
    char a1[11], a2[11], k[11];
    date_format(from, a1);
    date_format(to, a2);
    date_format(key, k);
    *run = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT run_id, agent_id, date, status, shift, start_min, place, meal_start_min, "
                           "break_slot FROM roster WHERE date BETWEEN ?1 AND ?2 "
                           "AND run_id = (SELECT max(run_id) FROM roster WHERE date = ?3)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, a1, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a2, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, k, 10, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int g = agent_index(ag, n, (const char *)sqlite3_column_text(st, 1)), d;
        if (g < 0 || date_parse((const char *)sqlite3_column_text(st, 2), 10, &d))
            continue;
        *run = sqlite3_column_int64(st, 0);
        Assign *x = &a[(size_t)g * w + (size_t)(carry + d - first)];
        const char *status = (const char *)sqlite3_column_text(st, 3), *shift = (const char *)sqlite3_column_text(st, 4);
        memset(x, 0, sizeof *x);
        x->shift = strcmp(status, "leave") == 0 ? ROSTER_LEAVE : ROSTER_OFF;
        x->meal_off_min = -1;
        if (strcmp(status, "work") == 0) {
            x->shift = cfg->nshifts;  /* unknown to this configuration: the checker says so */
            for (int t = 0; t < cfg->nshifts; t++)
                if (shift && strcmp(shift, cfg->shifts[t].name) == 0)
                    x->shift = t;
            x->start_min = sqlite3_column_int(st, 5);
            x->remote = sqlite3_column_text(st, 6) && strcmp((const char *)sqlite3_column_text(st, 6), "remote") == 0;
            if (sqlite3_column_type(st, 7) != SQLITE_NULL)
                x->meal_off_min = sqlite3_column_int(st, 7) - x->start_min;
            x->break_slot = sqlite3_column_int(st, 8);
        }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_read_roster(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays, int carry,
                      Assign *a, int64_t *run, WfmErr *err)
{
    int w = carry + ndays;
    int64_t crun;
    for (size_t i = 0; i < (size_t)n * (size_t)w; i++) {
        memset(&a[i], 0, sizeof a[i]);
        a[i].shift = ROSTER_OFF;
        a[i].meal_off_min = -1;
    }
    if (read_roster_rows(s, cfg, ag, n, first, first + ndays - 1, first, first, w, carry, a, run))
        return store_sqlerr(s, err, "read the roster");
    if (*run == 0) {
        char ds[11];
        date_format(first, ds);
        return wfm_err(err, WFM_EINPUT, "no roster for the month of %s in store '%s' (run 'wfm roster' first)", ds,
                       s->path);
    }
    if (carry > 0 && read_roster_rows(s, cfg, ag, n, first - carry, first - 1, first - 1, first, w, carry, a, &crun))
        return store_sqlerr(s, err, "read the roster");
    return 0;
}

int store_read_roster_around(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays,
                             int carry, int key, Assign *a, int64_t *run, WfmErr *err)
{
    int w = carry + ndays, from = first - carry, to = first + ndays - 1;
    int64_t other;
    for (size_t i = 0; i < (size_t)n * (size_t)w; i++) {
        memset(&a[i], 0, sizeof a[i]);
        a[i].shift = ROSTER_OFF;
        a[i].meal_off_min = -1;
    }
    /* The months at both ends and any between them first; the run of the
     * key day has the last word. */
    int bad = read_roster_rows(s, cfg, ag, n, from, to, from, first, w, carry, a, &other) ||
              read_roster_rows(s, cfg, ag, n, from, to, to, first, w, carry, a, &other);
    for (int d = from + 1; d < to && !bad; d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        if (dd == 1)
            bad = read_roster_rows(s, cfg, ag, n, from, to, d, first, w, carry, a, &other);
    }
    if (bad || read_roster_rows(s, cfg, ag, n, from, to, key, first, w, carry, a, run))
        return store_sqlerr(s, err, "read the roster");
    if (*run == 0) {
        char ds[11];
        date_format(key, ds);
        return wfm_err(err, WFM_EINPUT, "no roster covers %s in store '%s' (run 'wfm roster' for its month first)", ds,
                       s->path);
    }
    return 0;
}

static int cmp_rec_key(const void *pa, const void *pb)
{
    const long *a = pa, *b = pb;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

int store_read_schedule(Store *s, const WfmConfig *cfg, int from, int to, PerfSet *p, long *matched, WfmErr *err)
{
    sqlite3_stmt *days = NULL, *st = NULL;
    char a[11], b[11];
    int rc = 0;
    *matched = 0;
    /* Records by (agent, day), to find each rostered day's record. */
    long (*key)[2] = xmalloc(sizeof *key * (p->n ? p->n : 1));
    for (size_t i = 0; i < p->n; i++)
        key[i][0] = (long)p->rec[i].agent * 100000L + p->rec[i].day, key[i][1] = (long)i;
    qsort(key, p->n, sizeof *key, cmp_rec_key);
    date_format(from, a);
    date_format(to, b);
    if (sqlite3_prepare_v2(s->db, "SELECT date, max(run_id) FROM roster WHERE date BETWEEN ?1 AND ?2 GROUP BY date", -1,
                           &days, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "SELECT a.rn, r.shift, r.start_min, r.end_min FROM roster r "
                           "JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agent) a ON a.id = r.agent_id "
                           "WHERE r.run_id = ?1 AND r.date = ?2 AND r.status = 'work'",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = store_sqlerr(s, err, "read the rosters");
        goto out;
    }
    sqlite3_bind_text(days, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(days, 2, b, 10, SQLITE_STATIC);
    while (sqlite3_step(days) == SQLITE_ROW) {
        int d;
        const char *ds = (const char *)sqlite3_column_text(days, 0);
        if (date_parse(ds, 10, &d))
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, sqlite3_column_int64(days, 1));
        sqlite3_bind_text(st, 2, ds, 10, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            long k[2] = { (long)sqlite3_column_int(st, 0) * 100000L + d, 0 };
            long(*hit)[2] = bsearch(k, key, p->n, sizeof *key, cmp_rec_key);
            if (!hit)
                continue;
            const char *shift = (const char *)sqlite3_column_text(st, 1);
            double len = sqlite3_column_int(st, 3) - sqlite3_column_int(st, 2), meal = 0;
            for (int t = 0; t < cfg->nshifts; t++)
                if (shift && strcmp(shift, cfg->shifts[t].name) == 0)
                    meal = cfg->shifts[t].meal_min;
            if (len - meal > 0) {
                p->rec[(*hit)[1]].sched_s = 60 * (len - meal);
                (*matched)++;
            }
        }
    }
out:
    sqlite3_finalize(days);
    sqlite3_finalize(st);
    free(key);
    return rc;
}

int store_write_roster_stats(Store *s, int64_t run, const RosterStats *r, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO roster_stats VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st, NULL) !=
        SQLITE_OK)
        return store_sqlerr(s, err, "write the roster's statistics");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_double(st, 2, r->objective);
    sqlite3_bind_double(st, 3, r->bound);
    sqlite3_bind_double(st, 4, r->gap);
    sqlite3_bind_double(st, 5, r->seconds);
    sqlite3_bind_double(st, 6, r->shortfall_h);
    sqlite3_bind_int(st, 7, r->violations);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "write the roster's statistics");
    sqlite3_finalize(st);
    return rc;
}

int store_read_roster_stats(Store *s, int64_t run, RosterStats *r)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    memset(r, 0, sizeof *r);
    if (sqlite3_prepare_v2(s->db, "SELECT objective, bound, gap, seconds, shortfall_h, violations FROM roster_stats "
                                  "WHERE run_id = ?1", -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, run);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->objective = sqlite3_column_double(st, 0);
        r->bound = sqlite3_column_double(st, 1);
        r->gap = sqlite3_column_double(st, 2);
        r->seconds = sqlite3_column_double(st, 3);
        r->shortfall_h = sqlite3_column_double(st, 4);
        r->violations = sqlite3_column_int(st, 5);
        found = 1;
    }
    sqlite3_finalize(st);
    return found;
}

int store_read_agent_names(Store *s, const RosterAgent *ag, int n, char (*names)[64], WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT ifnull(name, '') FROM agent WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the agents' names");
    for (int g = 0; g < n && !rc; g++) {
        names[g][0] = '\0';
        sqlite3_bind_text(st, 1, ag[g].id, -1, SQLITE_STATIC);
        int k = sqlite3_step(st);
        if (k == SQLITE_ROW)
            snprintf(names[g], sizeof names[g], "%s", (const char *)sqlite3_column_text(st, 0));
        else if (k != SQLITE_DONE)
            rc = store_sqlerr(s, err, "read the agents' names");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The front page's readers (read-only). */

int store_read_score_glance(Store *s, int64_t *run, char params[128], int *scored, int *flagged, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    *run = 0, *scored = *flagged = 0, params[0] = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT r.id, r.params, (SELECT count(*) FROM score WHERE run_id = r.id AND period = 'all'), "
                           "(SELECT count(*) FROM low_performer WHERE run_id = r.id) FROM run r "
                           "WHERE r.command = 'score' AND r.status = 'ok' ORDER BY r.id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the newest score run");
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_text(st, 1);
        *run = sqlite3_column_int64(st, 0);
        snprintf(params, 128, "%s", p ? (const char *)p : "");
        *scored = sqlite3_column_int(st, 2);
        *flagged = sqlite3_column_int(st, 3);
    } else if (step != SQLITE_DONE)
        rc = store_sqlerr(s, err, "read the newest score run");
    sqlite3_finalize(st);
    return rc;
}

int store_surge_day_in(Store *s, int first, int ndays, int *day, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    int rc = 0;
    *day = -1;
    date_format(first, a);
    date_format(first + ndays - 1, b);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT first_date FROM surge_scenario WHERE first_date BETWEEN ?1 AND ?2 "
                           "ORDER BY run_id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the surge plans");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        int d;
        if (t && date_parse((const char *)t, strlen((const char *)t), &d) == 0)
            *day = d;
    } else if (step != SQLITE_DONE)
        rc = store_sqlerr(s, err, "read the surge plans");
    sqlite3_finalize(st);
    return rc;
}
