/*
 * surgeplan.h - one surge scenario from start to end, on structs alone: the
 * hourly volume scaled to the scenario's calls a day, the agents the
 * targets need, what the roster delivers, stage 1 (overtime, checked by
 * solver/check), stage 2 (outside agents), and the Erlang A predictions
 * after each.  cli/cmd_surge.c reads the inputs from the store and writes
 * the result; the bench and the tests call it directly.
 */
#ifndef WFM_SURGEPLAN_H
#define WFM_SURGEPLAN_H

#include "../core/err.h"
#include "../model/config.h"
#include "../model/roster.h"
#include "../model/surge.h"

typedef struct SurgePlanIn {
    const WfmConfig *cfg;
    const Roster *r;             /* the stored roster: whole weeks around the surge days, carried days before */
    int d0, k;                   /* surge days: day indices [d0, d0 + k) of r */
    const double *offered;       /* 24 k: the forecast's calls (the shape) */
    const double *aht_s, *patience_s;  /* 24 k */
    double time_limit_s;         /* a guard on GLPK's simplex, all days together */
    long base_violations;        /* the checker's count on r itself, or < 0 to count them here */
    void (*note)(void *ctx, const char *line);  /* progress lines (may be NULL) */
    void *note_ctx;
} SurgePlanIn;

/* Fills sc (its name, calls_per_day, deflect and aht_factor set by the
 * caller; calls_per_day 0 keeps the forecast's volume).  Returns 0,
 * WFM_EINPUT or WFM_ESOLVE. */
int surge_plan(const SurgePlanIn *in, SurgeScenario *sc, WfmErr *err);

#endif
