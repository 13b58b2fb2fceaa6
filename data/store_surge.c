/*
 * store_surge.c - the store's surge tables: the demand a scenario scales,
 * and each scenario's hours, overtime and outside agents.
 */
#include "store_int.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int store_read_queue_demand(Store *s, const WfmConfig *cfg, int first, int ndays, double *offered, double *aht_s,
                            double *patience_s, WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    size_t nh = 24 * (size_t)ndays;
    for (size_t i = 0; i < (size_t)cfg->nqueues * nh; i++)
        offered[i] = 0, aht_s[i] = 0, patience_s[i] = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT queue, hour, offered, aht_s, coalesce(patience_s, 0) FROM requirement "
                           "WHERE date = ?1 AND run_id = (SELECT max(run_id) FROM requirement WHERE date = ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the requirement");
    for (int d = 0; d < ndays; d++) {
        char ds[11];
        date_format(first + d, ds);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, ds, 10, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *q = (const char *)sqlite3_column_text(st, 0);
            int h = sqlite3_column_int(st, 1);
            for (int k = 0; k < cfg->nqueues && q && h >= 0 && h < 24; k++)
                if (strcmp(cfg->queues[k].name, q) == 0) {
                    size_t i = (size_t)k * nh + 24 * (size_t)d + (size_t)h;
                    offered[i] = sqlite3_column_double(st, 2);
                    aht_s[i] = sqlite3_column_double(st, 3);
                    patience_s[i] = sqlite3_column_double(st, 4);
                }
        }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_read_demand(Store *s, int first, int ndays, double *offered, double *aht_s, double *patience_s,
                      WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT hour, sum(offered), sum(offered * aht_s), sum(offered * coalesce(patience_s, 0)), "
                           "sum(aht_s), sum(coalesce(patience_s, 0)), count(*) FROM requirement "
                           "WHERE date = ?1 AND run_id = (SELECT max(run_id) FROM requirement WHERE date = ?1) "
                           "GROUP BY hour",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the requirement");
    for (int d = 0; d < ndays; d++) {
        char ds[11];
        int found = 0;
        date_format(first + d, ds);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, ds, 10, SQLITE_TRANSIENT);
        for (int h = 0; h < 24; h++)
            offered[24 * d + h] = aht_s[24 * d + h] = patience_s[24 * d + h] = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            int h = sqlite3_column_int(st, 0), i = 24 * d + h;
            double off = sqlite3_column_double(st, 1), rows = sqlite3_column_double(st, 6);
            if (h < 0 || h > 23)
                continue;
            found = 1;
            offered[i] = off;
            /* An hour without calls still has an AHT and a patience: the plain mean. */
            aht_s[i] = off > 0 ? sqlite3_column_double(st, 2) / off : sqlite3_column_double(st, 4) / rows;
            patience_s[i] = off > 0 ? sqlite3_column_double(st, 3) / off : sqlite3_column_double(st, 5) / rows;
        }
        if (!found) {
            sqlite3_finalize(st);
            return wfm_err(err, WFM_EINPUT, "no staffing requirement for %s in store '%s' (run 'wfm staff' for its month first)",
                           ds, store_path(s));
        }
    }
    sqlite3_finalize(st);
    return 0;
}

int store_read_roster_days(Store *s, int first, int ndays, unsigned char *known, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    char a[11], b[11];
    memset(known, 0, (size_t)ndays);
    date_format(first, a);
    date_format(first + ndays - 1, b);
    if (sqlite3_prepare_v2(store_db(s), "SELECT DISTINCT date FROM roster WHERE date BETWEEN ?1 AND ?2", -1, &st,
                           NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the roster's days");
    sqlite3_bind_text(st, 1, a, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, 10, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (!date_parse((const char *)sqlite3_column_text(st, 0), 10, &d) && d >= first && d < first + ndays)
            known[d - first] = 1;
    }
    rc = rc == SQLITE_DONE ? 0 : store_sqlerr(s, err, "read the roster's days");
    sqlite3_finalize(st);
    return rc;
}

static const char *const ot_kind[] = { "before", "after", "extra" };

/* What issue 17 added to a scenario: its budget, the agent-hours the
 * outside world's limits or the budget left uncovered, absence and AHT
 * drift, the budget's plans and bound (surge_scenario_more, schema 5). */
static int write_extra(Store *s, int64_t run, const SurgeScenario *sc, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(store_db(s),
                           "INSERT INTO surge_scenario_more (run_id, scenario, budget, outside_short_h, absence, aht_drift, "
                           "budget_bound, budget_pick, answered_ot_first, answered_split, answered_vendor_first) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the surge plan");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 3, sc->budget);
    sqlite3_bind_double(st, 4, sc->outside_short_h);
    sqlite3_bind_double(st, 5, sc->absence);
    sqlite3_bind_double(st, 6, sc->aht_drift);
    if (sc->budget > 0 && sc->budget_pick > 0) {   /* NULL without a budget */
        sqlite3_bind_double(st, 7, sc->budget_bound);
        sqlite3_bind_int(st, 8, sc->budget_pick);
        for (int i = 0; i < 3; i++)
            sqlite3_bind_double(st, 9 + i, sc->budget_answered[i]);
    }
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "write the surge plan");
    sqlite3_finalize(st);
    return rc;
}

/* A scenario's row of surge_scenario_more, if any (none for a run stored
 * before issue 17). */
static int read_extra(Store *s, int64_t run, SurgeScenario *sc, WfmErr *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT budget, outside_short_h, absence, aht_drift, budget_bound, coalesce(budget_pick, 0), "
                           "answered_ot_first, answered_split, answered_vendor_first FROM surge_scenario_more "
                           "WHERE run_id = ?1 AND scenario = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the surge plan's budget and limits");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sc->budget = sqlite3_column_double(st, 0);
        sc->outside_short_h = sqlite3_column_double(st, 1);
        sc->absence = sqlite3_column_double(st, 2);
        sc->aht_drift = sqlite3_column_double(st, 3);
        sc->budget_bound = sqlite3_column_double(st, 4);
        sc->budget_pick = sqlite3_column_int(st, 5);
        for (int i = 0; i < 3; i++)
            sc->budget_answered[i] = sqlite3_column_double(st, 6 + i);
        rc = sqlite3_step(st);
    }
    rc = rc == SQLITE_DONE ? 0 : store_sqlerr(s, err, "read the surge plan's budget and limits");
    sqlite3_finalize(st);
    return rc;
}

/* Binds an hour's columns from col on: hour, offered, aht_s, patience_s,
 * needed, the three phone columns, then each step's answer rate, service
 * level, (with asa: ASA,) and abandoned calls (surge_plan and surge_queue
 * share this layout; surge_queue has no ASA). */
static void bind_hour(sqlite3_stmt *st, int col, int hour, const SurgeHour *h, int asa)
{
    int per = asa ? 4 : 3, m0 = col + 8;
    sqlite3_bind_int(st, col, hour);
    sqlite3_bind_double(st, col + 1, h->offered);
    sqlite3_bind_double(st, col + 2, h->aht_s);
    sqlite3_bind_double(st, col + 3, h->patience_s);
    sqlite3_bind_int(st, col + 4, h->need);
    for (int k = 0; k < SURGE_NSTEPS; k++) {
        int c = m0 + per * k;
        sqlite3_bind_double(st, col + 5 + k, h->phone[k]);
        store_bind_real(st, c++, h->m[k].answer_rate);
        store_bind_real(st, c++, h->m[k].sl);
        if (asa)
            store_bind_real(st, c++, h->m[k].asa_s);
        store_bind_real(st, c, h->m[k].abandoned);
    }
}

/* Reads back what bind_hour wrote, from the offered column (col) on. */
static void column_hour(sqlite3_stmt *st, int col, SurgeHour *h, int asa)
{
    int per = asa ? 4 : 3, m0 = col + 7;
    h->offered = sqlite3_column_double(st, col);
    h->aht_s = sqlite3_column_double(st, col + 1);
    h->patience_s = sqlite3_column_double(st, col + 2);
    h->need = sqlite3_column_int(st, col + 3);
    for (int k = 0; k < SURGE_NSTEPS; k++) {
        int c = m0 + per * k;
        h->phone[k] = sqlite3_column_double(st, col + 4 + k);
        h->m[k].answer_rate = sqlite3_column_double(st, c++);
        h->m[k].sl = sqlite3_column_double(st, c++);
        if (asa)
            h->m[k].asa_s = sqlite3_column_double(st, c++);
        h->m[k].abandoned = sqlite3_column_double(st, c);
        h->m[k].answered = h->offered - h->m[k].abandoned;
    }
}

static int write_queues(Store *s, int64_t run, const WfmConfig *cfg, const SurgeScenario *sc, WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    int nh = 24 * sc->ndays, rc = 0;
    char ds[11];
    if (!sc->nq)
        return 0;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO surge_queue VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                           "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the surge plan's queues");
    for (int q = 0; q < sc->nq && q < cfg->nqueues && !rc; q++)
        for (int i = 0; i < nh && !rc; i++) {
            const SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)i];
            date_format(sc->first_day + i / 24, ds);
            sqlite3_bind_int64(st, 1, run);
            sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, cfg->queues[q].name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, ds, 10, SQLITE_STATIC);
            bind_hour(st, 5, i % 24, h, 0);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = store_sqlerr(s, err, "write the surge plan's queues");
            sqlite3_reset(st);
        }
    sqlite3_finalize(st);
    return rc;
}

/* A scenario's queue hours, when the store has them (else sc->nq stays 0). */
static int read_queues(Store *s, const WfmConfig *cfg, int64_t run, SurgeScenario *sc, WfmErr *err)
{
    int rc;
    sqlite3_stmt *st = NULL;
    int nh = 24 * sc->ndays;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT queue, date, hour, offered, aht_s, patience_s, needed, phone_roster, phone_stage1, "
                           "phone_stage2, ar_roster, sl_roster, abandoned_roster, ar_stage1, sl_stage1, "
                           "abandoned_stage1, ar_stage2, sl_stage2, abandoned_stage2 "
                           "FROM surge_queue WHERE run_id = ?1 AND scenario = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the surge plan's queues");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *qn = (const char *)sqlite3_column_text(st, 0);
        int q = 0, d;
        while (qn && q < cfg->nqueues && strcmp(cfg->queues[q].name, qn) != 0)
            q++;
        if (!qn || q == cfg->nqueues || date_parse((const char *)sqlite3_column_text(st, 1), 10, &d))
            continue;
        int i = 24 * (d - sc->first_day) + sqlite3_column_int(st, 2);
        if (i < 0 || i >= nh)
            continue;
        if (!sc->qh) {
            sc->nq = cfg->nqueues;
            sc->qh = xcalloc((size_t)sc->nq * (size_t)nh, sizeof *sc->qh);
        }
        SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)i];
        column_hour(st, 3, h, 0);
    }
    rc = rc == SQLITE_DONE ? 0 : store_sqlerr(s, err, "read the surge plan's queues");
    sqlite3_finalize(st);
    return rc;
}

int store_write_surge(Store *s, int64_t run, const WfmConfig *cfg, const RosterAgent *ag, const SurgeScenario *sc,
                      WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    char ds[11];
    int rc = 0;

    date_format(sc->first_day, ds);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO surge_scenario VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                           "?14, ?15, ?16, ?17)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the surge plan");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ds, 10, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, sc->ndays);
    sqlite3_bind_double(st, 5, sc->calls_per_day);
    sqlite3_bind_double(st, 6, sc->deflect);
    sqlite3_bind_double(st, 7, sc->aht_factor);
    sqlite3_bind_double(st, 8, sc->ot_hours);
    sqlite3_bind_double(st, 9, sc->ot_paid_hours);
    sqlite3_bind_int(st, 10, sc->ot_agents);
    store_bind_real(st, 11, sc->ot_calls);
    store_bind_real(st, 12, sc->ot_bound);
    store_bind_real(st, 13, sc->ot_gap);
    store_bind_real(st, 14, sc->ot_seconds);
    sqlite3_bind_int(st, 15, sc->violations);
    sqlite3_bind_double(st, 16, sc->outside_hours);
    sqlite3_bind_int(st, 17, sc->outside_agents);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_sqlerr(s, err, "write the surge plan");
    sqlite3_finalize(st);
    if (rc)
        return rc;

    if (sqlite3_prepare_v2(db,
                           "INSERT INTO surge_plan VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the surge plan");
    for (int i = 0; i < 24 * sc->ndays && !rc; i++) {
        const SurgeHour *h = &sc->h[i];
        date_format(sc->first_day + i / 24, ds);
        sqlite3_bind_int64(st, 1, run);
        sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ds, 10, SQLITE_STATIC);
        bind_hour(st, 4, i % 24, h, 1);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_sqlerr(s, err, "write the surge plan");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;

    if ((rc = write_queues(s, run, cfg, sc, err)) || (rc = write_extra(s, run, sc, err)))
        return rc;

    if (sqlite3_prepare_v2(db, "INSERT INTO surge_overtime VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &st,
                           NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the overtime");
    for (int i = 0; i < sc->not && !rc; i++) {
        const SurgeOt *o = &sc->ot[i];
        date_format(o->day, ds);
        sqlite3_bind_int64(st, 1, run);
        sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ag[o->agent].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, ds, 10, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, ot_kind[o->kind], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, cfg->shifts[o->shift].name, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 7, o->start_min);
        sqlite3_bind_int(st, 8, o->end_min);
        sqlite3_bind_double(st, 9, o->hours);
        sqlite3_bind_double(st, 10, o->paid_hours);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_sqlerr(s, err, "write the overtime");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;

    if (sqlite3_prepare_v2(db, "INSERT INTO surge_outside VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "write the outside agents");
    for (int t = 0; t < 24 * sc->ndays && !rc; t++)
        for (int b = 0; b < sc->nblocks && !rc; b++) {
            int n = sc->outside[t * sc->nblocks + b];
            if (!n)
                continue;
            date_format(sc->first_day + t / 24, ds);
            sqlite3_bind_int64(st, 1, run);
            sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, ds, 10, SQLITE_STATIC);
            sqlite3_bind_int(st, 4, t % 24);
            sqlite3_bind_int(st, 5, sc->block_h[b]);
            sqlite3_bind_int(st, 6, n);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = store_sqlerr(s, err, "write the outside agents");
            sqlite3_reset(st);
        }
    sqlite3_finalize(st);
    return rc;
}

static int block_index(const SurgeScenario *sc, int h)
{
    for (int b = 0; b < sc->nblocks; b++)
        if (sc->block_h[b] == h)
            return b;
    return -1;
}

static int read_hours(Store *s, int64_t run, SurgeScenario *sc)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT date, hour, offered, aht_s, patience_s, needed, phone_roster, phone_stage1, "
                           "phone_stage2, ar_roster, sl_roster, asa_roster, abandoned_roster, ar_stage1, sl_stage1, "
                           "asa_stage1, abandoned_stage1, ar_stage2, sl_stage2, asa_stage2, abandoned_stage2 "
                           "FROM surge_plan WHERE run_id = ?1 AND scenario = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d;
        if (date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
            continue;
        int i = 24 * (d - sc->first_day) + sqlite3_column_int(st, 1);
        if (i < 0 || i >= 24 * sc->ndays)
            continue;
        SurgeHour *h = &sc->h[i];
        column_hour(st, 2, h, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int agent_id_index(char (*ids)[32], int n, const char *id)
{
    for (int i = n - 1; i >= 0; i--)
        if (strcmp(ids[i], id) == 0)
            return i;
    return -1;
}

int store_read_surge(Store *s, const WfmConfig *cfg, int first, int64_t *run, SurgeScenario **out, int *n,
                     char (**ids)[32], WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    char ds[11];
    SurgeScenario *v = NULL;
    size_t cap = 0, idcap = 0;
    int nid = 0;
    char (*id)[32] = NULL;

    *out = NULL, *n = 0, *ids = NULL, *run = 0;
    date_format(first, ds);
    if (sqlite3_prepare_v2(db,
                           "SELECT run_id, scenario, days, calls_per_day, deflect, aht_factor, ot_hours, ot_paid_hours, "
                           "ot_agents, ot_calls, ot_bound, ot_gap, ot_seconds, violations, outside_hours, outside_agents "
                           "FROM surge_scenario WHERE run_id = (SELECT max(run_id) FROM surge_scenario WHERE first_date = ?1) "
                           "ORDER BY calls_per_day",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the surge plan");
    sqlite3_bind_text(st, 1, ds, 10, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        void *p = v;
        xgrow(&p, &cap, (size_t)*n + 1, sizeof *v);
        v = p;
        SurgeScenario *sc = &v[(*n)++];
        memset(sc, 0, sizeof *sc);
        *run = sqlite3_column_int64(st, 0);
        snprintf(sc->name, sizeof sc->name, "%s", (const char *)sqlite3_column_text(st, 1));
        sc->first_day = first;
        sc->ndays = sqlite3_column_int(st, 2);
        sc->calls_per_day = sqlite3_column_double(st, 3);
        sc->deflect = sqlite3_column_double(st, 4);
        sc->aht_factor = sqlite3_column_double(st, 5);
        sc->ot_hours = sqlite3_column_double(st, 6);
        sc->ot_paid_hours = sqlite3_column_double(st, 7);
        sc->ot_agents = sqlite3_column_int(st, 8);
        sc->ot_calls = sqlite3_column_double(st, 9);
        sc->ot_bound = sqlite3_column_double(st, 10);
        sc->ot_gap = sqlite3_column_double(st, 11);
        sc->ot_seconds = sqlite3_column_double(st, 12);
        sc->violations = sqlite3_column_int(st, 13);
        sc->outside_hours = sqlite3_column_double(st, 14);
        sc->outside_agents = sqlite3_column_int(st, 15);
        sc->nblocks = cfg->noutside_blocks < SURGE_MAX_BLOCKS ? cfg->noutside_blocks : SURGE_MAX_BLOCKS;
        for (int b = 0; b < sc->nblocks; b++)
            sc->block_h[b] = cfg->outside_block_h[b];
        if (sc->ndays < 1 || sc->ndays > 366)
            sc->ndays = 1;
        sc->h = xcalloc(24 * (size_t)sc->ndays, sizeof *sc->h);
        sc->outside = xcalloc(24 * (size_t)sc->ndays * (size_t)(sc->nblocks ? sc->nblocks : 1), sizeof *sc->outside);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        *out = v;
        return store_sqlerr(s, err, "read the surge plan");
    }
    if (*n == 0)
        return wfm_err(err, WFM_EINPUT, "no surge plan starting on %s in store '%s' (run 'wfm surge --date %s' first)",
                       ds, store_path(s), ds);
    int rc = 0;
    for (int k = 0; k < *n && !rc; k++) {
        SurgeScenario *sc = &v[k];
        size_t otcap = 0;
        if (read_hours(s, *run, sc))
            rc = store_sqlerr(s, err, "read the surge plan");
        else if (!(rc = read_queues(s, cfg, *run, sc, err)) && !(rc = read_extra(s, *run, sc, err)))
            surge_costs(cfg, sc);
        if (!rc && sqlite3_prepare_v2(db,
                                      "SELECT o.agent_id, o.date, o.kind, o.shift, o.start_min, o.end_min, o.hours, "
                                      "o.paid_hours, coalesce(a.name, '') FROM surge_overtime o "
                                      "LEFT JOIN agent a ON a.id = o.agent_id "
                                      "WHERE o.run_id = ?1 AND o.scenario = ?2 ORDER BY o.agent_id, o.date",
                                      -1, &st, NULL) != SQLITE_OK)
            rc = store_sqlerr(s, err, "read the surge plan");
        if (rc)
            break;
        sqlite3_bind_int64(st, 1, *run);
        sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *aid = (const char *)sqlite3_column_text(st, 0), *kind = (const char *)sqlite3_column_text(st, 2);
            const char *shift = (const char *)sqlite3_column_text(st, 3);
            int g = agent_id_index(id, nid, aid), day;
            if (g < 0) {
                void *p = id;
                xgrow(&p, &idcap, (size_t)nid + 1, sizeof *id);
                id = p;
                snprintf(id[nid], sizeof id[nid], "%s", aid);
                g = nid++;
            }
            if (date_parse((const char *)sqlite3_column_text(st, 1), 10, &day))
                continue;
            void *p = sc->ot;
            size_t cap0 = otcap;
            xgrow(&p, &otcap, (size_t)sc->not + 1, sizeof *sc->ot);
            sc->ot = p;
            if (otcap != cap0) {
                sc->ot_name = xrealloc(sc->ot_name, sizeof *sc->ot_name * otcap);
            }
            snprintf(sc->ot_name[sc->not], sizeof sc->ot_name[sc->not], "%s", (const char *)sqlite3_column_text(st, 8));
            SurgeOt *o = &sc->ot[sc->not++];
            o->agent = g, o->day = day;
            o->kind = strcmp(kind, "extra") == 0 ? OT_EXTRA : strcmp(kind, "before") == 0 ? OT_BEFORE : OT_AFTER;
            o->shift = -1;
            for (int t = 0; t < cfg->nshifts; t++)
                if (strcmp(cfg->shifts[t].name, shift) == 0)
                    o->shift = t;
            o->start_min = sqlite3_column_int(st, 4);
            o->end_min = sqlite3_column_int(st, 5);
            o->hours = sqlite3_column_double(st, 6);
            o->paid_hours = sqlite3_column_double(st, 7);
        }
        sqlite3_finalize(st);
        if (step != SQLITE_DONE) {
            rc = store_sqlerr(s, err, "read the surge plan");
            break;
        }
        if (sqlite3_prepare_v2(db,
                               "SELECT date, start_hour, hours, agents FROM surge_outside WHERE run_id = ?1 AND scenario = ?2",
                               -1, &st, NULL) != SQLITE_OK) {
            rc = store_sqlerr(s, err, "read the surge plan");
            break;
        }
        sqlite3_bind_int64(st, 1, *run);
        sqlite3_bind_text(st, 2, sc->name, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            int d, b = block_index(sc, sqlite3_column_int(st, 2));
            if (b < 0 || date_parse((const char *)sqlite3_column_text(st, 0), 10, &d))
                continue;
            int t = 24 * (d - first) + sqlite3_column_int(st, 1);
            if (t >= 0 && t < 24 * sc->ndays)
                sc->outside[t * sc->nblocks + b] = sqlite3_column_int(st, 3);
        }
        sqlite3_finalize(st);
        if (step != SQLITE_DONE) {
            rc = store_sqlerr(s, err, "read the surge plan");
            break;
        }
    }
    *out = v, *ids = id;
    return rc;
}
