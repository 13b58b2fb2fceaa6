/*
 * rep_roster.h - the roster report: solver statistics, coverage (needed on
 * duty against on duty, every hour of the month), a heat map of the
 * shortfall, the predicted answer rate and service level per hour, the
 * fairness table per team, a per-agent calendar, and the roster as CSV (an
 * agent x day grid, and one row per shift with times, place and breaks);
 * coverage per interval of the duty grid, what callers of every queue get
 * by the multi-skill simulation (simulation.csv per queue and interval), and
 * the surplus per day (days.csv).
 * roster.csv, shifts.csv and the calendar (reports/rep_calendar.h) are
 * handed to the people on them: they name each agent by id and name,
 * whatever center.pseudonymise says.  index.html and preferences.csv may
 * leave the center: there agents appear pseudonymised when the
 * configuration says so.
 */
#ifndef WFM_REP_ROSTER_H
#define WFM_REP_ROSTER_H

#include "../core/err.h"
#include "../model/config.h"
#include "../model/msim.h"
#include "../model/roster.h"

#include <stdint.h>

typedef struct RosterReport {
    const WfmConfig *cfg;
    const Roster *r;           /* the month; carried days are not shown */
    int64_t run;
    const RosterStats *stats;  /* NULL when the run recorded none */
    const double *need, *duty; /* 24 ndays: needed on duty, on duty by the roster */
    const double *offered;     /* 24 ndays */
    const double *ar, *sl;     /* 24 ndays: predicted with the roster (NAN without calls) */
    int I;                     /* the duty grid's minutes */
    const double *need_i, *duty_i;  /* ndays x 1440 / I: the same per interval */
    int sim_runs;              /* the simulation's runs (0: none) */
    const MsimSummary *sim;    /* nqueues: what callers of each queue get, simulated */
    const MsimSlot *sim_slots; /* nqueues x intervals: summed over the runs */
    const double *qshort;      /* nqueues: each queue's shortfall against its own need, agent-hours at the minute,
                                * skilled agents first (check_queue_shortfall); NULL: not shown */
    const char (*names)[64];   /* nagents: each agent's name ("" when none); NULL: ids only */
    int64_t stamp;             /* when the .ics files were made (DTSTAMP), seconds since 1970 UTC; 0: now */
} RosterReport;

int rep_roster(const RosterReport *rr, const char *dir, const char *script_dir, WfmErr *err);

#endif
