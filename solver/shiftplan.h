/*
 * shiftplan.h - the shift plan: how many agents start each shift template
 * on each day of a month, so that agents on duty (not at their meal) follow
 * the hourly need as closely as the weights say.  Step 2 of the
 * decomposition in ../shared/ROSTER.md: a small GLPK MIP with integer counts
 * per day x template, meal breaks placed implicitly (a continuous share of
 * each day x template's agents per meal start, every 30 minutes inside the
 * template's window, in the manner of Bechtold and Jacobs), and soft
 * coverage (under- and over-coverage per hour, under-coverage weighted more
 * in the configuration's weak hours).  Named agents come later.
 *
 * Time is one linear axis of hours from the month's first day, so evening
 * and night shifts need no wrap-around: a shift belongs to the day it starts.
 */
#ifndef WFM_SHIFTPLAN_H
#define WFM_SHIFTPLAN_H

#include "../core/err.h"
#include "../model/config.h"

typedef struct ShiftPlanIn {
    const WfmConfig *cfg;        /* templates, weak hours, holidays */
    int first_day, ndays;
    const double *need;          /* 24 * ndays: agents needed on duty per hour */
    const int *day_heads;        /* per day: at most this many day-kind starts (NULL: no limit) */
    const int *night_heads;      /* per day: at most this many evening/night starts (NULL: no limit) */
    double time_limit_s;         /* for the MIP */
    double mip_gap;              /* relative gap to stop at, e.g. 0.005 */
} ShiftPlanIn;

/* Objective weights: integers, so the objective is an integer-valued sum of
 * weighted hours and the bound can be compared with it. */
#define SHIFTPLAN_W_UNDER 10.0
#define SHIFTPLAN_W_OVER 1.0

typedef struct ShiftPlanOut {
    int nshifts, ndays;
    int *count;                  /* ndays x nshifts starts */
    double *meal;                /* ndays x nshifts x SHIFTPLAN_MEAL_SLOTS: agents per meal start */
    double objective, bound, gap;
    double under_h, over_h;      /* agent-hours short of the need, above it */
    double seconds;
    int optimal;                 /* the solver proved the optimum (to its gap) */
} ShiftPlanOut;

/* Meal starts every 30 minutes from the window's earliest: slot b starts
 * meal_from_min + 30 b minutes after the shift's start. */
#define SHIFTPLAN_MEAL_SLOTS 16

/* Solves.  Returns 0 with out filled (free with shiftplan_free); WFM_EINPUT
 * for bad input; WFM_ESOLVE when GLPK found no integer plan in the time
 * limit.  Never prints: GLPK's own output is silenced. */
int shiftplan_solve(const ShiftPlanIn *in, ShiftPlanOut *out, WfmErr *err);
void shiftplan_free(ShiftPlanOut *out);

/* Minutes of [a, b) inside hour h of the axis (h * 60 .. h * 60 + 60). */
double shiftplan_overlap(int a, int b, int h);
/* Does template s run on day? (its days mask, holidays counted as such) */
int shiftplan_runs(const WfmConfig *cfg, int s, int day);

#endif
