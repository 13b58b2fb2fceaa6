/*
 * overtime.h - surge stages as GLPK programs.
 *
 * Stage 1, overtime: which rostered agents stay longer (whole hours just
 * before their start and after their end) or work an extra shift on a day
 * off, so that the extra answered calls are as many as possible and, among
 * plans that answer as many, the premium cost is least.  Calls answered per
 * extra agent on the phone come in concave pieces per hour (surge_gains),
 * so the program maximises a piecewise-linear concave function.  Hard, per
 * agent: the overtime caps a day and a week, the 52-hour week, the minimum
 * rest between the work of two days (with the overtime counted), the days
 * off a week, the most days in a row, leave, the team's shift kinds.
 * solver/check verifies the result independently.
 *
 * One binary per legal option of an agent on a day (p hours before and q
 * after, or one extra shift) and one row per agent: each agent's part of
 * the relaxation is the convex hull of its plans, so the bound is tight
 * (0.00-0.01% on Seoul-sized days).  Days whose roster is unknown (a
 * month not rostered) count as possibly worked, the safe side of every
 * rule that looks across days.  A surge of several days is planned
 * day by day on the roster as the earlier days left it, with the week's
 * overtime left spread evenly over an agent's remaining surge days in the
 * week (a day off may take a whole extra shift); the bound and gap are the
 * sums over the days, so over several days they prove each day's plan, not
 * the split of the weekly caps between days.  Each day's plan is its
 * relaxation rounded (GLPK's branch and bound once stalled for minutes
 * inside a node's simplex; the rounding is within 0.01% of the bound on
 * every case measured) and the gap is reported.
 *
 * Stage 2, outside agents: how many outsourced or temporary agents start
 * each configured block (e.g. 4 or 8 hours) at each hour, so every hour's
 * remaining gap is covered at the fewest paid hours: heads per hour rounded
 * up, each block covering consecutive hours, so the covering matrix is an
 * interval matrix and the linear program's vertex is already whole.
 */
#ifndef WFM_OVERTIME_H
#define WFM_OVERTIME_H

#include "../core/err.h"
#include "../model/config.h"
#include "../model/roster.h"

/* The objective: answered calls less this per paid hour - small enough that
 * calls come first, large enough to choose the cheaper of two plans. */
#define OVERTIME_COST 1e-3

typedef struct OvertimeIn {
    const WfmConfig *cfg;
    const Roster *r;           /* the stored roster, whole weeks around the surge days */
    int d0, k;                 /* surge days: day indices [d0, d0 + k) of r */
    double avail;              /* share of an on-duty hour spent on the phone */
    int maxp;                  /* pieces per hour */
    const int *npieces;        /* 24 k: pieces of each surge hour */
    const double *width, *gain;  /* 24 k x maxp: agents, calls per agent-hour */
    double time_limit_s;       /* a guard on GLPK's simplex for all the days together (0: 5 s a day) */
    const unsigned char *known;  /* carry_days + ndays: 1 where the store holds the day's roster (NULL: every
                                  * day of r).  On any other day, and outside r, an agent may work any
                                  * template of his team that runs that day: no overtime is offered whose
                                  * rest, days in a row, days off or weekly hours that could break. */
    int capped;                /* 1: the overtime's paid hours (premiums counted) stay within max_paid_h, all
                                * days together (the budget; earlier days spend it first) */
    double max_paid_h;
    /* Queues (issue 17; ngroups 0 or 1: one pooled row an hour).  ngroups
     * rows an hour, hour-major: npieces, width and gain are indexed by
     * t * ngroups + row (x maxp).  An agent's overtime counts in row
     * group[agent] (a skill queue's, or `general`, the queues without a
     * skill); what a skill row's pieces do not take spills into the general
     * row (skilled agents answer any call).  The relaxation may spill
     * whatever gains most, the rounding sends skilled overtime to its queue
     * first (as surge_split routes calls), so with queues the gap to the
     * bound also holds that routing (1.9-2.8% on the demo's 60,000 and
     * 80,000-call days, 0.00-0.01% pooled). */
    int ngroups, general;
    const int *group;          /* nagents */
    /* Per surge day (k entries, NULL: none): that day's overtime within
     * this many paid hours (a split of the budget over the days). */
    const double *day_max_paid_h;
    /* With the joint relaxation's overtime hours per agent and surge day
     * (nagents x share_k from day index share_d0; NULL: none), an agent's
     * weekly room is shared over his surge days in the week in proportion
     * to them (else evenly): the room stays for the days the relaxation
     * finds it worth most on (a weekend's extra shift). */
    const double *day_share;
    int share_d0, share_k;
} OvertimeIn;

typedef struct OvertimeStats {
    int vars, rows;
    double hours, paid_hours;  /* overtime chosen, and its pay in hours with premiums */
    double calls;              /* extra answered calls the program expects */
    double objective, bound, gap;  /* calls less the cost tie-breaker; LP bound; relative gap */
    double seconds;
    int optimal;
    int agents, extra_shifts;  /* agents with overtime, extra shifts among it */
} OvertimeStats;

/* a holds a copy of r's assignments (nagents x (carry_days + ndays)); on
 * return it carries the overtime: ot_before_min / ot_after_min around the
 * rostered shifts and extra shifts (extra = 1, meal in the middle of its
 * window, break slots balanced) on days off.  Returns 0, WFM_EINPUT for bad
 * input, WFM_ESOLVE when GLPK fails. */
int overtime_plan(const OvertimeIn *in, Assign *a, OvertimeStats *st, WfmErr *err);

/* Whether agent g may work before_min and after_min of overtime (whole
 * hours) around his rostered shift on day index d of in->r with the
 * assignments a (everyone else's, and his other days, as a holds them):
 * one of the options stage 1 offers - rest, days in a row, days off, the
 * day's and the week's overtime caps and the 52 hours (the week's whole
 * room), the fatigue cap, leave, unknown days as in overtime_plan.  in->d0
 * and k: the surge days. */
int overtime_allowed(const OvertimeIn *in, const Assign *a, int g, int d, int before_min, int after_min);

/* Stage 2.  gap[t] (nh hours): agents on the phone still missing; each
 * outside agent on duty gives per_agent of one of ours (availability / AHT
 * factor).  count gets nh x nblocks: agents starting block b at hour t
 * (a block may run past the scenario's end).  *hours gets the paid
 * agent-hours: every block whole.
 * Returns 0 or WFM_ESOLVE. */
int outside_plan(const double *gap, int nh, const int *block_h, int nblocks, double per_agent, int *count,
                 double *hours, WfmErr *err);

/* Stage 2 within the outside world's limits or a budget: agents starting
 * each block at each hour so that the calls the vendor queues answer
 * (concave pieces per hour, as in stage 1) less OVERTIME_COST per paid
 * hour are the most - GLPK's relaxation, its starts rounded down, then
 * whole starts added greedily (most calls per paid hour first) while one
 * still pays within every limit.  Limits (0: none): no
 * start before hour lead_h; starts a day (hours [24 d, 24 d + 24)) at most
 * per_day; outside agents on duty in any hour at most on_duty; paid hours
 * (blocks whole) at most max_paid_h when capped.  count as outside_plan;
 * *calls the extra calls the pieces expect. */
typedef struct OutsideIn {
    int nh;
    const int *block_h;
    int nblocks;
    double per_agent;
    int maxp;
    const int *npieces;        /* nh */
    const double *width, *gain;  /* nh x maxp, in our agents on the phone */
    int lead_h, per_day, on_duty;
    int capped;
    double max_paid_h;
    double time_limit_s;
} OutsideIn;

int outside_plan_limited(const OutsideIn *in, int *count, double *hours, double *calls, WfmErr *err);

/* The budget's joint relaxation: one linear program over every surge day
 * that chooses overtime and outside agents together under one budget
 * (wage x paid overtime hours + vendor rate x paid block hours <= budget)
 * and the outside world's limits, maximising the calls answered by the
 * pooled pieces ot->npieces / width / gain (ngroups 1; pass pieces that lie
 * above the answered calls everywhere and the value is a bound).  Every
 * overtime option the day-by-day plan could choose is among its columns:
 * each agent's options on each day from the stored roster (the rest and
 * days in a row against the days around it as stored, the whole week's
 * room), an agent at most one option a day, and a row per agent and week
 * keeping the weekly overtime cap and the 52 hours; outside agents as
 * fractional starts of the blocks.  So its value bounds the calls of
 * every plan the stages can make within the budget.  Agents with the same
 * options and weekly room are one class (columns up to its size: the same
 * value), and the options enter by column generation (the value is still
 * the whole program's).  *calls gets the
 * value, day_paid_h[k] the relaxation's paid overtime hours per day,
 * *outside_won its vendor bill, agent_day_h (nagents x k, may be NULL)
 * each agent's overtime hours a surge day (a class's shared evenly). */
typedef struct JointIn {
    OvertimeIn ot;             /* cfg, r, d0, k, avail (our agents'), known, pooled pieces */
    const int *block_h;
    int nblocks;
    double per_agent;          /* an outside agent on duty, in our agents on the phone */
    int lead_h, per_day, on_duty;
    double wage_won_h, vendor_won_h, budget;
} JointIn;

int overtime_joint_bound(const JointIn *in, double *calls, double *day_paid_h, double *outside_won,
                         double *agent_day_h, WfmErr *err);

#endif
