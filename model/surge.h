/*
 * surge.h - the arithmetic of a surge day: a day's hourly shape scaled to N
 * offered calls, less a deflected share; what a number of agents on the
 * phone delivers (Erlang A: answer rate, service level, ASA, abandoned
 * calls); the calls each further agent-hour would answer, for the overtime
 * program; and what an hour of overtime costs with its premiums.
 *
 * Agents on the phone may be fractional (a roster's partial hours, the
 * 7.5-minute break): the measures are interpolated linearly between the
 * whole numbers around it.  Predictions always use Erlang A, since only a
 * model with abandonment can say what share of a surge is answered; the
 * agents *needed* follow the configured model (staff_hours).
 */
#ifndef WFM_SURGE_H
#define WFM_SURGE_H

#include "config.h"
#include "roster.h"
#include "../core/err.h"

enum { SURGE_ROSTER, SURGE_STAGE1, SURGE_STAGE2, SURGE_NSTEPS };

typedef struct SurgeMeasure {
    double answer_rate;   /* answered / offered */
    double sl;            /* the configured service-level definition */
    double asa_s;         /* mean wait of answered calls */
    double answered, abandoned;  /* calls in the hour */
} SurgeMeasure;

typedef struct SurgeHour {
    double offered, aht_s, patience_s;   /* inputs, after deflection */
    int need;                            /* agents on the phone the targets need */
    double phone[SURGE_NSTEPS];          /* on the phone: roster, + overtime, + outside (in our agents' speed) */
    SurgeMeasure m[SURGE_NSTEPS];
    int reach;                           /* with a budget: agents on the phone for SURGE_REACH answered, the
                                          * stages' pieces run up to it past the need (0: up to the need) */
} SurgeHour;

/* What a budget buys up to in an hour: this share of its calls answered. */
#define SURGE_REACH 0.999

enum { OT_BEFORE, OT_AFTER, OT_EXTRA };

/* One piece of overtime of one agent. */
typedef struct SurgeOt {
    int agent, day;            /* index into the roster's agents; day number */
    int kind;                  /* OT_* */
    int shift;                 /* the template it extends, or the extra shift's */
    int start_min, end_min;    /* minutes after the day's midnight (the end may pass 1440) */
    double hours, paid_hours;
} SurgeOt;

#define SURGE_MAX_BLOCKS 4

/* A scenario and everything the stages found for it. */
typedef struct SurgeScenario {
    char name[32];             /* "forecast", or the calls a day */
    double calls_per_day;      /* 0: the forecast as it is */
    double deflect, aht_factor;
    int first_day, ndays;
    SurgeHour *h;              /* 24 ndays */
    SurgeOt *ot;
    int not;
    int nblocks, block_h[SURGE_MAX_BLOCKS];
    int *outside;              /* 24 ndays x nblocks: outside agents starting each block */
    double ot_hours, ot_paid_hours, outside_hours;
    int ot_agents, outside_agents;
    double ot_calls, ot_bound, ot_gap, ot_seconds;  /* stage 1's program */
    int violations;            /* the checker's, on the roster with the overtime */
    /* Each configured queue on its own (issue 17): nq x 24 ndays hours, queue
     * by queue, with its own calls, AHT, patience and need, and the agents
     * on the phone for it at each stage (surge_split); NULL when the plan
     * had no per-queue demand. */
    int nq;
    SurgeHour *qh;
    double budget;             /* --budget in won (0: none) */
    double cost[SURGE_NSTEPS]; /* won: the roster 0, the overtime's pay, the vendor's bill */
    double outside_short_h;    /* agent-hours of the vendor queues' gap the limits left uncovered */
    char (*ot_name)[64];       /* not: the overtime's agents' names (read back from the store; may be NULL) */
    /* Several days (set by the caller): the share of rostered agents absent
     * on every surge day (on top of the shrinkage; they work no overtime
     * either), and the AHT's drift: day d of the surge (0 first) has AHT
     * times aht_factor x (1 + aht_drift)^d. */
    double absence, aht_drift;
    /* With a budget (issue 17): the calls answered (pooled Erlang A, stage 2)
     * of each plan tried - overtime first, the joint relaxation's split,
     * vendor first (0: not tried) - the one kept (SURGE_BUDGET_*), and the calls no plan
     * within the budget and the rules can answer more than (the joint
     * relaxation's bound; 0: no budget). */
    double budget_answered[3], budget_bound;
    int budget_pick;
} SurgeScenario;

/* The plans a budget tries (SurgePlanIn.budget_order: SURGE_BUDGET_BEST,
 * each of them and the one answering most kept; or one alone).
 * budget_answered[i - 1] is plan i's. */
enum { SURGE_BUDGET_BEST, SURGE_BUDGET_OT_FIRST, SURGE_BUDGET_SPLIT, SURGE_BUDGET_VENDOR_FIRST };

void surge_scenario_free(SurgeScenario *s);

/* The overtime in `with` that is not in `base` (both nagents x (carry +
 * ndays) of roster r's shape) on day indices [d0, d0 + k), as a new list
 * (free it). */
int surge_overtime_list(const WfmConfig *cfg, const Roster *base, const Assign *with, int d0, int k, SurgeOt **out);

/* The days the rules of a surge of k days from `first` look at: whole
 * weeks from the first day's Monday (*wfirst) to the Sunday on or after
 * the last day + the most days in a row, so the rest after the last day and
 * any run of working days a surge day could join are seen (*wdays days),
 * and *carry days before them (at least a week, at least the most days in
 * a row). */
void surge_window(const WfmConfig *cfg, int first, int k, int *wfirst, int *wdays, int *carry);

/* Totals of a scenario's hours over the stages: offered, and per stage the
 * answered and abandoned calls and the shortfall in agent-hours on the
 * phone (need less supply, where positive). */
typedef struct SurgeTotals {
    double offered, aht_s;
    int peak_need;
    double answered[SURGE_NSTEPS], abandoned[SURGE_NSTEPS], short_h[SURGE_NSTEPS];
    double sl[SURGE_NSTEPS];   /* service level, the offered-weighted mean of the hours' (1 with no calls) */
} SurgeTotals;

void surge_totals(const SurgeScenario *s, SurgeTotals *t);
/* The same over any n hours (one queue's: s->qh + q * 24 * s->ndays). */
void surge_hours_totals(const SurgeHour *h, int n, SurgeTotals *t);

/* Scales each day of shape (24 * ndays hourly offered calls) to calls_per_day
 * and removes the deflected share: out = shape * calls_per_day / day's total
 * * (1 - deflect).  Returns WFM_EINPUT naming the day index when a day of
 * the shape has no calls. */
int surge_scale(const double *shape, int ndays, double calls_per_day, double deflect, double *out, WfmErr *err);

/* The measures of one hour with phone agents on the phone (>= 0, may be
 * fractional).  patience_s <= 0 takes the configuration's. */
void surge_eval(const WfmConfig *cfg, double offered, double aht_s, double patience_s, double phone,
                SurgeMeasure *m);

/* What a surge plan staffs to: the configured answer rate alone (the
 * planner's default: on a surge day callers answered is what counts), or
 * every configured target (service level, answer rate, occupancy cap). */
enum { SURGE_TARGET_ANSWER_RATE, SURGE_TARGET_SERVICE_LEVEL };

/* Agents needed on the phone for each hour (the configured model and
 * target); fills h[i].need. */
int surge_need(const WfmConfig *cfg, int target, SurgeHour *h, int n, WfmErr *err);

/* The calls further agents on the phone would answer in hour h, as up to
 * maxp pieces from `from` agents up to h->need: width[j] agents each
 * answering gain[j] calls per agent (non-increasing, so a linear program
 * fills them in order).  Returns the number of pieces (0 when from >= need). */
int surge_gains(const WfmConfig *cfg, const SurgeHour *h, double from, int maxp, double *width, double *gain);

/* Paid hours for overtime worked on day from minute a to minute b after
 * its midnight (b may pass 1440): each hour is 1 + the overtime premium,
 * + the night premium for the part between 22:00 and 06:00, + the holiday
 * premium on Sundays and holidays. */
double surge_paid_hours(const WfmConfig *cfg, int day, int a, int b);

/* How the agents on the phone in an hour split over nq queues.  total:
 * every agent on the phone; skilled[q]: those with queue q's skill (for a
 * queue without a skill, ignored), each agent counted once over his
 * skills (split evenly); need[q]: what queue q needs.  Queues with a skill
 * take their skilled agents first, up to their need; every other agent
 * answers the queues without a skill; what is left over beyond every need
 * is spread in proportion to the needs (a skill queue never above its
 * skilled agents).  out[q] sums to total when some queue has no skill. */
void surge_split(const WfmConfig *cfg, int nq, double total, const double *skilled, const double *need, double *out);

/* Cost in won of a scenario's stages: overtime paid hours x wage, outside
 * paid hours x the vendor's rate (fills sc->cost). */
void surge_costs(const WfmConfig *cfg, SurgeScenario *sc);

#endif
