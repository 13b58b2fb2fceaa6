/*
 * rep_index.h - the month's front page (report/index.html): a link to each
 * report folder beside it and the month at a glance - forecast calls, the
 * need, the roster's predicted answer rate and service level, shortfall and
 * surplus, rule violations, flagged agents, the surge stages - each figure
 * under the report it comes from.  A figure the store does not hold is shown
 * as not stored, never made up; a report folder without an index.html is
 * named without a link.
 */
#ifndef WFM_REP_INDEX_H
#define WFM_REP_INDEX_H

#include "../core/err.h"
#include "../model/config.h"

#include <stdint.h>

/* What a surge scenario gives: answer rates with the roster, after stage 1
 * (overtime) and after stage 2 (outside agents). */
typedef struct IndexSurge {
    double calls_per_day;      /* 0: the forecast as it is */
    double offered;            /* over its days */
    double ar[3];
    int ot_agents, outside_agents;
} IndexSurge;

/* The roster's month as its report's table computes it. */
typedef struct IndexRoster {
    int64_t run;
    int agents;
    double answer_rate, sl;    /* predicted (Erlang A, pooled over queues); NAN without calls */
    double short_h, surplus_h; /* agent-hours on duty on the duty grid */
    int violations;            /* the checker's, -1 when the run recorded none */
} IndexRoster;

typedef struct IndexData {
    const WfmConfig *cfg;
    int first, ndays;          /* the month */
    /* Each has_* is 0 when the store holds nothing of it. */
    int has_history;
    int hist_first, hist_ndays;
    double hist_calls;
    int has_forecast, fc_queues, fc_queues_missing;
    double fc_calls, fc_busiest;   /* the month's calls; the busiest day's */
    int fc_busiest_day;
    int has_need;
    int64_t need_run;
    double need_duty_h, need_peak_duty, need_peak_phone;
    int has_roster;
    IndexRoster roster;
    int has_score;
    int64_t score_run;
    char score_params[128];
    int scored, flagged;
    int has_surge, surge_day, nsurge;
    int64_t surge_run;
    IndexSurge surge[WFM_MAX_STAGES + 1];
} IndexData;

/* Writes dir/index.html; the report folders are looked for in dir
 * (history, forecast, coverage, roster, score, surge). */
int rep_index(const IndexData *d, const char *dir, WfmErr *err);

#endif
