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
    const unsigned char *known;  /* carry + ndays days of r: 1 where the store holds the day's roster (NULL:
                                  * every day); overtime that an unknown day could break is not offered */
    void (*note)(void *ctx, const char *line);  /* progress lines (may be NULL) */
    void *note_ctx;
    int target;                  /* SURGE_TARGET_*: what stages 1 and 2 staff to */
    /* Each configured queue's own forecast (cfg->nqueues x 24 k, from the
     * store's requirement; NULL: the pooled hours alone).  Scaled with the
     * pooled hour it belongs to; each queue's need from its own AHT and
     * patience; the agents on the phone split over the queues by skill
     * (surge_split); outside agents take the vendor's queues only
     * (cfg->vendor_queues), and stage 2 covers those queues' gaps. */
    const double *q_offered, *q_aht_s, *q_patience_s;
    double budget;               /* won for overtime and outside agents together (0: none) */
    /* With a budget, the plans tried: overtime first (its program capped at
     * the budget, to the target; outside agents within what it leaves), the
     * joint relaxation's split (overtime capped day by day at what the
     * relaxation spends on it, each agent's weekly room shared over his
     * surge days as the relaxation shares it), vendor first (outside agents
     * within the whole budget from the roster's supply, to the target; then
     * overtime within what they leave); the second stage (and the split's
     * overtime) maximises the calls answered past the target up to
     * SURGE_REACH answered.  Each plan is then topped up: what is left, and
     * what hours of overtime taken off would free, spent on the block or
     * hour of overtime answering most, while it answers more and breaks no
     * rule.  SURGE_BUDGET_BEST (0) tries each (two on their own threads)
     * and keeps the plan that answers most; sc->budget_bound gets the joint
     * relaxation's bound. */
    int budget_order;
} SurgePlanIn;

/* Fills sc (its name, calls_per_day, deflect and aht_factor set by the
 * caller; calls_per_day 0 keeps the forecast's volume).  sc->violations
 * gets the rules the overtime breaks by solver/check: those it finds on r
 * with the overtime and not on r alone, with every unknown day as it is
 * (off) and as each template in turn (the worst of these counts).
 * Returns 0, WFM_EINPUT or WFM_ESOLVE. */
int surge_plan(const SurgePlanIn *in, SurgeScenario *sc, WfmErr *err);

#endif
