/*
 * staff.h - agents needed per hour: on the phone (Erlang C or A against the
 * configured targets), then on duty (divided by the share of an on-duty
 * hour an agent can take calls: 52.5 of 60 minutes for the extra break,
 * times one minus the other shrinkage).  Meal breaks are the roster's
 * business, not this step's.  Also: the profile of a month from history,
 * and caller patience estimated from history.
 */
#ifndef WFM_STAFF_H
#define WFM_STAFF_H

#include "config.h"
#include "erlang.h"
#include "../core/err.h"

typedef struct StaffHour {
    double offered, aht_s, patience_s;  /* inputs */
    int phone;                          /* agents needed on the phone */
    double duty;                        /* agents needed on duty */
    double sl, asa_s, answer_rate, occupancy;  /* predicted at `phone` agents */
} StaffHour;

/* Staffs hours h[0..n) whose inputs are filled, with model MODEL_ERLANG_C or
 * MODEL_ERLANG_A and the configuration's targets.  Returns 0, WFM_EINPUT
 * for bad inputs, or WFM_ESOLVE naming the hour when no number of agents up
 * to 100,000 meets the targets. */
int staff_hours(const WfmConfig *cfg, int model, StaffHour *h, int n, WfmErr *err);

/* The hourly shape of a month from history, until a forecast exists: for
 * each hour of days [first, first + ndays), the mean of the same hour on the
 * last k days of the same kind (the same weekday; holidays with holidays)
 * before hist_first + hist_days.  hist holds 24 * hist_days values, < 0 for
 * missing.  Writes 24 * ndays values into out (0 where history has none). */
void staff_profile(const double *hist, int hist_first, int hist_days, const Calendar *hol,
                   int first, int ndays, int k, double *out);

/* Mean caller patience from history by hour of day: abandoned calls divided
 * by the total time callers waited (answered x their mean wait + abandoned x
 * theirs), the maximum-likelihood estimator for exponential patience.
 * Inputs are per hour over hours [0, n) with hour of day i % 24; NaN or
 * negative values are missing.  out[24] gets seconds, or 0 where an hour of
 * day has no abandonments; *overall gets the estimate over all hours.
 * Returns the number of hours used. */
int staff_patience(const double *answered, const double *abandoned, const double *asa_s,
                   const double *abandon_wait_s, int n, double out[24], double *overall);

/* AHT per hour of day: the offered-weighted mean over the last 28 of the
 * ndays days (24 values a day) that have one; fallback otherwise. */
void staff_recent_aht(const double *offered, const double *aht_s, int ndays, double fallback,
                      double out[24]);

/* Agents needed per interval of I minutes (a divisor of 60) from agents
 * needed per hour (24 x ndays values): an hour's calls spread evenly over
 * its minutes, so each of its intervals needs what the hour needs.
 * Writes ndays x 1440 / I values. */
void staff_intervals(const double *hourly, int ndays, int I, double *out);

#endif
