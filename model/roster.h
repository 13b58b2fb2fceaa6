/*
 * roster.h - a month's roster of named agents, as the solver writes it and
 * the checker reads it.  Days are [first_day, first_day + ndays); the last
 * carry_days days of the month before are carried in, so rules that look
 * back (rest, consecutive days, weekly limits) hold across the month's first
 * day.
 */
#ifndef WFM_ROSTER_H
#define WFM_ROSTER_H

#include "config.h"

enum { ROSTER_OFF = -1, ROSTER_LEAVE = -2 };

typedef struct RosterAgent {
    char id[32];
    int team;            /* index into WfmConfig.teams, -1 when unknown */
    unsigned skills;     /* bit q: can answer queue q (queues with a skill) */
    int remote_ok, night_ok;
    double weekly_hours; /* contracted */
} RosterAgent;

typedef struct Assign {
    int shift;           /* template index, ROSTER_OFF or ROSTER_LEAVE */
    int start_min;       /* actual start, minutes after the day's midnight */
    int meal_off_min;    /* meal start, minutes after the shift's start (-1: none) */
    int remote;          /* works from home */
    int break_slot;      /* 0-7: the 7.5-minute extra break at minute 7.5 x slot of each hour */
    int pinned;          /* fixed by the planners: must stay as it is */
    /* Overtime (surge stage 1; 0 in a monthly roster): whole minutes worked
     * just before the start and just after the end, and whether the shift
     * itself is extra work on what was a day off. */
    int ot_before_min, ot_after_min;
    int extra;
} Assign;

/* What an agent asked for one day of the month (wfm import preferences). */
enum { PREF_WANTED, PREF_UNWANTED, PREF_PINNED };

typedef struct RosterPref {
    int agent, day;          /* index into agents; day index of the month */
    WfmWhat what;            /* a template, a kind, any work or a day off (model/rules.h wfm_what_parse) */
    int want;                /* PREF_*: pinned is a hard rule (the day must match) */
    double weight;           /* what a wanted day missed or an unwanted one given costs, in the roster's units */
} RosterPref;

typedef struct Roster {
    int first_day, ndays, carry_days;
    int nagents;
    const RosterAgent *agents;
    const Assign *a;         /* nagents x (carry_days + ndays), carried days first */
    const unsigned char *leave;  /* nagents x ndays: 1 where the agent is on leave */
    const RosterPref *pref;  /* npref preferences and pinned days (may be NULL) */
    int npref;
    int carry_unknown;       /* 1: no roster is stored for the days before the month (the carried days read as off):
                              * a month begun mid-week asks no contract days of its first, partial week */
} Roster;

/* What a roster run reports about itself. */
typedef struct RosterStats {
    double objective, bound, gap, seconds;  /* weighted agent-hours; the proven lower bound */
    double shortfall_h;                     /* agent-hours on duty short of the need */
    int violations;                         /* the checker's */
} RosterStats;

/* The assignment of agent g on day index d (d < 0: carried in). */
static inline const Assign *roster_at(const Roster *r, int g, int d)
{
    return &r->a[(size_t)g * (size_t)(r->carry_days + r->ndays) + (size_t)(r->carry_days + d)];
}

#endif
