/*
 * regular.h - how regular an agent's month is: single days off between two
 * working days (a day off that is not leave, with work the day before and
 * the day after), swings of shift kind from one working day to the next,
 * and jumps of start time within a week between working days of the same
 * kind (starts rotate a week at a time, so a Monday's change of start is the
 * rotation, not a jump).  The days carried in from the month before set
 * where the month starts from; only the month's days count.  The roster
 * optimiser weighs all three (fairness.single_day_off, .kind_swing,
 * .start_jump, in weighted agent-hours).
 */
#ifndef WFM_REGULAR_H
#define WFM_REGULAR_H

#include "config.h"
#include "roster.h"

typedef struct WfmRegular {
    int single_off, swings, jumps;
} WfmRegular;

/* Agent g's counts over r's month. */
void wfm_regular(const WfmConfig *cfg, const Roster *r, int g, WfmRegular *out);
/* What they cost in the roster's objective. */
double wfm_regular_cost(const WfmConfig *cfg, const WfmRegular *x);

#endif
