/*
 * store.h - the SQLite store: one file that holds every input and every
 * derived table, WAL mode, foreign keys on, STRICT tables, the schema
 * version in PRAGMA user_version.
 */
#ifndef WFM_STORE_H
#define WFM_STORE_H

#include "../core/err.h"
#include "../model/staff.h"
#include "../model/score.h"
#include "../model/roster.h"
#include "../model/config.h"
#include "../model/surge.h"

#include <stdint.h>

typedef struct Store Store;

/* The schema version this binary writes. */
#define STORE_VERSION 5

enum { STORE_OPEN_EXISTING = 0, STORE_OPEN_CREATE = 1, STORE_OPEN_READONLY = 2 };

/* Opens the store at path.  With STORE_OPEN_CREATE a missing file is created
 * and an older schema migrated (this is `wfm init`); otherwise the file must
 * exist at the current version.  A store newer than this binary is refused.
 * STORE_OPEN_READONLY (reports, checks) never writes: it opens a store whose
 * file or folder the user may not write; the other modes refuse such a
 * store with a message saying so.
 * On failure returns WFM_EIO or WFM_EINPUT, *out is NULL and nothing on disk
 * has changed.  Close with store_close. */
int store_open(const char *path, int mode, Store **out, WfmErr *err);
void store_close(Store *s);
/* The schema version found when the store was opened (before migrating). */
int store_version_found(const Store *s);

/* BEGIN IMMEDIATE, waiting up to STORE_WAIT_S seconds while another
 * process writes (an import's transaction), not only the 5 s every other
 * statement waits: a solved roster is not lost to a lock. */
#define STORE_WAIT_S 600
int store_begin(Store *s, WfmErr *err);
int store_commit(Store *s, WfmErr *err);
/* Rolls back an open transaction; harmless when none is open. */
void store_rollback(Store *s);

/* Inside a transaction: records a run row for command with its parameters
 * and the configuration's hash, and returns its id in *run_id. */
int store_run_begin(Store *s, const char *command, const char *params, uint64_t cfg_hash,
                    int64_t *run_id, WfmErr *err);
/* Marks the run finished (status "ok"). */
int store_run_end(Store *s, int64_t run_id, WfmErr *err);

/* Number of rows in table (one of the store's own tables), or -1. */
long store_count(Store *s, const char *table);

/* Hourly totals of offered calls (all queues when queue is NULL) over the
 * days the volume table covers.  *first gets the first day, *ndays the
 * count, *offered a new array of 24*ndays values (-1 for a missing hour)
 * that the caller frees.  Returns WFM_EINPUT when there is no volume. */
int store_volume_hourly(Store *s, const char *queue, int *first, int *ndays,
                        double **offered, WfmErr *err);

/* The most queues the performance records of a period may name: the
 * score's groups (model/score.h) index queues below 64. */
#define PERF_MAX_QUEUES 64

/* Performance records of days [from, to] with their agents.  Agents are
 * indexed 0..nagents-1 (every stored agent, in id order); queues by name in
 * queues[0..nqueues).  Returns WFM_EINPUT, naming the first queue too many,
 * when the records name more than PERF_MAX_QUEUES.  Free with perf_set_free. */
typedef struct PerfSet {
    PerfRec *rec;
    size_t n;
    int nagents, nqueues;
    char (*id)[32], (*name)[64], (*team)[48];
    int *hire;                /* day number, or -1 */
    char queues[PERF_MAX_QUEUES][48];
} PerfSet;

int store_read_perf(Store *s, int from, int to, PerfSet *p, WfmErr *err);
/* Sets rec[].sched_s of p (read by store_read_perf for [from, to]) to the
 * rostered work (shift less its meal) of the newest roster run of each day,
 * where one exists; *matched gets the number of records that got one. */
int store_read_schedule(Store *s, const WfmConfig *cfg, int from, int to, PerfSet *p, long *matched, WfmErr *err);
void perf_set_free(PerfSet *p);

/* Inside a transaction: one score row (period "YYYY-MM" or "all"). */
int store_write_score(Store *s, int64_t run, const char *agent_id, const char *period, const char *group,
                      const AgentScore *a, WfmErr *err);
int store_write_low_performer(Store *s, int64_t run, const char *agent_id, int months, const char *reasons,
                              WfmErr *err);

/* Every stored agent in id order as the roster sees them: team index into
 * cfg->teams (-1 when unknown), skills as bits of cfg->queues.  *out is new
 * (free it).  Returns WFM_EINPUT when there are no agents. */
int store_read_roster_agents(Store *s, const WfmConfig *cfg, RosterAgent **out, int *n, WfmErr *err);
/* leave[g * ndays + d] = 1 where agent g (of ag, in id order) is on leave. */
int store_read_leave(Store *s, const RosterAgent *ag, int n, int first, int ndays, unsigned char *leave, WfmErr *err);
/* The preferences and pinned days of agents ag (n) in [first, first +
 * ndays), into *out (*nout of them; the caller frees it).  A preference
 * naming a template or kind the configuration lacks is WFM_EINPUT. */
int store_read_prefs(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays,
                     RosterPref **out, int *nout, WfmErr *err);
/* need[q * 24 * ndays + t] = 1 where queue q (of cfg) has offered calls in
 * the newest requirement run of the month; duty (may be NULL) the same
 * places' agents needed on duty for the queue alone (its own AHT and
 * patience), 0 elsewhere. */
int store_read_queue_open(Store *s, const WfmConfig *cfg, int first, int ndays, unsigned char *need, double *duty,
                          WfmErr *err);
/* Inside a transaction: the roster's month days, and the shift plan counts. */
int store_write_roster(Store *s, int64_t run, const WfmConfig *cfg, const Roster *r, WfmErr *err);
int store_write_shift_plan(Store *s, int64_t run, const WfmConfig *cfg, const Roster *r, WfmErr *err);
/* Fills a (n x (carry + ndays), in ag's order) from the newest roster run
 * that covers day first (*run), and its carried days from the newest run
 * covering them (off where none).  Returns WFM_EINPUT when the month has no
 * roster. */
int store_read_roster(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays, int carry,
                      Assign *a, int64_t *run, WfmErr *err);

/* Inside a transaction: a roster run's statistics. */
int store_write_roster_stats(Store *s, int64_t run, const RosterStats *r, WfmErr *err);
/* Fills r for run; returns 1, or 0 when the run has none (older runs). */
int store_read_roster_stats(Store *s, int64_t run, RosterStats *r);

/* Fills a (n x (carry + ndays), in ag's order) for days [first - carry,
 * first + ndays): each day from the newest roster run that covers it among
 * the runs covering the window's first day, its last day, the first day of
 * each month between them and the key day, the key day's run first.  Days no run covers are off.  Returns WFM_EINPUT
 * when no roster covers the key day. */
int store_read_roster_around(Store *s, const WfmConfig *cfg, const RosterAgent *ag, int n, int first, int ndays,
                             int carry, int key, Assign *a, int64_t *run, WfmErr *err);

/* known[i] = 1 for each day first + i (i < ndays) that a stored roster run
 * covers, else 0.  Returns 0 or a store error. */
int store_read_roster_days(Store *s, int first, int ndays, unsigned char *known, WfmErr *err);

/* Hourly demand of days [first, first + ndays) summed over queues, each day
 * from the newest requirement run that covers it: offered calls, and the
 * offered-weighted AHT and patience.  Returns WFM_EINPUT naming the first
 * day without a requirement. */
int store_read_demand(Store *s, int first, int ndays, double *offered, double *aht_s, double *patience_s,
                      WfmErr *err);
/* The same per queue of cfg (nqueues x 24 ndays each; a queue or hour
 * without a requirement row reads 0). */
int store_read_queue_demand(Store *s, const WfmConfig *cfg, int first, int ndays, double *offered, double *aht_s,
                            double *patience_s, WfmErr *err);


/* Inside a transaction: a surge scenario, its hours, its overtime (agent
 * ids from ag) and its outside agents. */
int store_write_surge(Store *s, int64_t run, const WfmConfig *cfg, const RosterAgent *ag, const SurgeScenario *sc,
                      WfmErr *err);

/* The scenarios of the newest surge run whose first day is `first`: *out
 * gets a new array of *n scenarios (free each with surge_scenario_free, then
 * the array); the overtime's agent fields index *ids (new, free it).
 * Returns WFM_EINPUT when there is no such run. */
int store_read_surge(Store *s, const WfmConfig *cfg, int first, int64_t *run, SurgeScenario **out, int *n,
                     char (**ids)[32], WfmErr *err);

/* One queue's hourly history, 24 values a day over the days the volume
 * table covers for it: offered is -1 where an hour is missing, the other
 * columns NAN where missing or not given. */
typedef struct VolumeSeries {
    int first, ndays;
    double *offered, *aht_s, *answered, *abandoned, *asa_s, *abandon_wait_s;
} VolumeSeries;

/* Reads queue's history.  Returns WFM_EINPUT when it has none. */
int store_volume_series(Store *s, const char *queue, VolumeSeries *v, WfmErr *err);
void volume_series_free(VolumeSeries *v);

/* Inside a transaction: writes 24 * ndays forecast rows for queue from day
 * first on, tagged with run and the method's name. */
int store_write_forecast(Store *s, int64_t run, const char *queue, int first, int ndays,
                         const double *offered, const double *aht_s, const char *method, WfmErr *err);
/* The newest forecast run for queue that covers every hour of [first,
 * first + ndays): fills offered and aht_s (24 * ndays each), *run and the
 * method's name.
 * Returns WFM_EINPUT when there is none. */
int store_read_forecast(Store *s, const char *queue, int first, int ndays, double *offered,
                        double *aht_s, int64_t *run, char method[48], WfmErr *err);

/* Inside a transaction: writes 24 * ndays requirement rows for queue from
 * day first on, tagged with run. */
int store_write_requirement(Store *s, int64_t run, const char *queue, int first, int ndays,
                            const StaffHour *h, WfmErr *err);

/* The newest requirement run covering day first, and how many of its rows
 * fall in [first, first + ndays) summed over queues: phone[24*ndays] and
 * duty[24*ndays] (0 where none).  Returns WFM_EINPUT when there is no run. */
int store_read_requirement(Store *s, int first, int ndays, int64_t *run, double *phone,
                           double *duty, double *offered, WfmErr *err);

/* The stored names of agents ag (n of them): names[g] gets agent g's name,
 * "" when he has none or is not stored.  Returns 0 or a store error. */
int store_read_agent_names(Store *s, const RosterAgent *ag, int n, char (*names)[64], WfmErr *err);

/* The front page's readers.  The newest finished score run: *run (0 when
 * none), its parameters ("--from D --to D"), the agents it scored over the
 * whole period and those it flagged as low performers. */
int store_read_score_glance(Store *s, int64_t *run, char params[128], int *scored, int *flagged, WfmErr *err);
/* The first day of the newest surge run whose first day falls in [first,
 * first + ndays), or -1 in *day when there is none. */
int store_surge_day_in(Store *s, int first, int ndays, int *day, WfmErr *err);

#endif
