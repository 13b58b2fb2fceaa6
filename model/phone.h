/*
 * phone.h - when each agent of a roster is on the phone, to the second:
 * his shifts (with any overtime) less his meal and the extra breaks - the
 * configuration's extra_break_min at minute 7.5 x break_slot of every clock
 * hour he is on duty, where it does not fall in his meal - as spans for the
 * multi-skill simulation (msim.h).  The month's first day starts at 0; the
 * carried-in last day's shifts reach into it.
 */
#ifndef WFM_PHONE_H
#define WFM_PHONE_H

#include "config.h"
#include "msim.h"
#include "roster.h"

/* One agent's day by that rule, in seconds of the month: his shift with
 * any overtime [a, b) and the spans off the phone inside it (his meal and
 * his extra breaks, by start). */
typedef struct PhoneDay {
    long a, b;
    int n;
    long off[64][2];
} PhoneDay;

/* Agent x on day index d (-1: the carried-in day) into *p; 0 when he does
 * not work that day (x->shift not a template). */
int roster_phone_day(const WfmConfig *cfg, const Assign *x, int d, PhoneDay *p);

/* Minutes of [lo, hi) (minutes of the month) that day p is on the phone. */
double roster_phone_minutes(const PhoneDay *p, double lo, double hi);

/* The spans of every agent (agent = index into r->agents) into *out (the
 * caller frees it); returns how many. */
int roster_phone_spans(const WfmConfig *cfg, const Roster *r, MsimSpan **out);

#endif
