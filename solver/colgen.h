/*
 * colgen.h - named agents by column generation (Dantzig-Wolfe by agent),
 * step 3 of the decomposition in ../shared/ROSTER.md.
 *
 * Templates no rule of an agent's month tells apart (the same kind, paid
 * minutes and rest with every other template: in the samples the
 * staggered day starts, the evening, the night) form classes.  An agent
 * with no skill queue to cover gets months of classes; a skilled agent's
 * months name templates (his hours count for the skill queues).
 *
 * The method's parts, one file each in solver/colgen/, each opening with
 * its part of the method:
 *   master.c     the master LP (a column is one agent's whole month) and
 *                the terms of its objective: coverage, skill queues,
 *                fairness marks
 *   pricing.c    one agent's best month under the rules: a dynamic program
 *   bound.c      the Lagrangian bound's gain from whole start counts and whole
 *                skilled agents
 *   dive.c       the integer roster: months fixed, whole start counts
 *                given out, starts rotated
 *   anneal.c     simulated annealing on the whole roster; team marks evened
 *   meals.c      skill queues kept covered through every meal
 *   diagnosis.c  the rules that leave an agent no legal month, named
 *   colgen.c     this header's functions; colgen_solve runs the parts
 * internal.h holds what the parts share.
 */
#ifndef WFM_COLGEN_H
#define WFM_COLGEN_H

#include "../core/err.h"
#include "../model/config.h"
#include "../model/roster.h"

#include <signal.h>

/* Where a solve is, for a progress line: colgen_solve calls in->progress at
 * each phase's start, and within a phase after each round of column
 * generation, for each block of the bound, after each step of the dive,
 * every 256 annealing moves and each pass of the polish - often, so the
 * callback must be cheap and throttle what it prints itself.  The phases,
 * in order: */
enum {
    COLGEN_PHASE_START,    /* nothing done yet */
    COLGEN_PHASE_ROOT,     /* column generation: master LP, every agent priced, repeated */
    COLGEN_PHASE_BOUND,    /* whole start counts added to the Lagrangian bound */
    COLGEN_PHASE_DIVE,     /* months fixed a share of the agents at a time */
    COLGEN_PHASE_STARTS,   /* whole start counts per day and template (a MIP), given out */
    COLGEN_PHASE_ANNEAL,   /* simulated annealing on the whole roster */
    COLGEN_PHASE_POLISH,   /* improvements only; team marks evened */
    COLGEN_PHASE_MEALS,    /* skill queues kept covered through every meal */
    COLGEN_PHASE_DONE,     /* the roster is final (best: its objective) */
    COLGEN_PHASE_N
};

typedef struct ColGenProgress {
    int phase;           /* COLGEN_PHASE_* */
    int rounds;          /* master LPs of the root's column generation so far */
    int fixed, agents;   /* agents whose month the dive has fixed; all agents */
    double lp;           /* the master LP's last value (NAN: none yet) */
    double bound;        /* the best proven lower bound (NAN: none yet) */
    double best;         /* the best roster's objective on the master's terms (NAN: no roster yet) */
    double elapsed;      /* seconds since the solve began */
    double limit;        /* the time limit, seconds (the solve may finish a little past it) */
} ColGenProgress;

typedef void (*ColGenProgressFn)(void *user, const ColGenProgress *p);

/* The phase's name in English ("column generation", "dive", ...); "?" for
 * a number that is not a phase. */
const char *colgen_phase_name(int phase);

typedef struct ColGenIn {
    const WfmConfig *cfg;
    const Roster *r;                 /* agents, leave and the carried-in days (r->a) */
    const double *need;              /* ndays x 1440 / interval_min: agents needed on duty per interval */
    const unsigned char *skill_need; /* as for check_roster; may be NULL */
    double time_limit_s;             /* column generation and the dive together */
    const volatile sig_atomic_t *stop; /* when it becomes non-zero (Ctrl-C), finish quickly; may be NULL */
    int interval_min;                /* the duty grid: a divisor of 60 (15, 30; 0 means 60) */
    const double *skill_duty;        /* nqueues x ndays x 1440 / interval_min: agents on duty each skill queue needs
                                      * of its own skilled agents (soft, at the under-coverage price); may be NULL */
    ColGenProgressFn progress;       /* called as the solve goes (see above); may be NULL */
    void *progress_user;             /* its first argument */
} ColGenIn;

/* The duty grid's minutes in (60 when unset or not a divisor of 60). */
int colgen_interval(const ColGenIn *in);

typedef struct ColGenOut {
    int *choice;                     /* nagents x ndays: template, ROSTER_OFF or ROSTER_LEAVE */
    double *meal;                    /* ndays x nshifts x SHIFTPLAN_MEAL_SLOTS: meal shares of the final LP */
    double lp;                       /* the master LP when column generation stopped */
    double bound;                    /* the best proven lower bound */
    double whole;                    /* what whole start counts added to the bound */
    double skill;                    /* what whole skilled agents (and their meals) added to it */
    double whole_seconds;            /* spent on the two (a small center's whole starts after the search) */
    double dive;                     /* the master after the dive (starts and meals still shares) */
    double objective;                /* the roster on the master's terms (coverage and fairness) */
    double root_seconds, seconds;
    int rounds, columns, converged;  /* converged: no column could improve the root LP */
    int moves;                       /* times the annealing found a better roster */
    int stopped;                     /* the time limit or the stop flag cut the search short */
    int meal_covers;                 /* shifts added or moved so that a lone skilled agent's meal leaves his queue covered */
    double bound_minute;             /* a proven lower bound with the extra breaks at their minutes (0: none) */
    double minute_seconds;           /* spent on it */
    int minute_converged;            /* no column could improve its LP */
    double whole_minute;             /* of bound_minute, what whole counts of a small center's days added */
    double skill_minute;             /* of bound_minute, what whole skilled agents added */
    double whole_minute_seconds;     /* of minute_seconds, spent on the two */
} ColGenOut;

/* Solves.  0 with out filled (free with colgen_free); WFM_EINPUT for bad
 * input; WFM_ESOLVE if GLPK fails.  Never prints. */
int colgen_solve(const ColGenIn *in, ColGenOut *out, WfmErr *err);
void colgen_free(ColGenOut *out);

/* A month's starts, meals and extra breaks placed exactly at the minute
 * (solver/colgen/place.c): with in->r's months (a: its days, carried
 * first, written), day by day (the other days as they stand) the starts
 * within each class of templates and the (meal time, break slot) counts of
 * each template's day that cost least at the minute, by GLPK within secs,
 * dealt to the day's agents (one with a preference keeps his start, one
 * with a skill queue or a pinned day his whole days).  The template days
 * placed (0: none); the caller keeps the month only if it costs less. */
int colgen_place_minute(const ColGenIn *in, Assign *a, double secs);

/* The fairness part of the objective for a whole roster, on the master's
 * terms (so a roster's objective and the bound are comparable). */
double colgen_fairness(const WfmConfig *cfg, const Roster *r);

/* The skill queues' part of the objective for in->r's own days (and the
 * carried-in ones), on the master's terms: per open interval, each agent
 * short of the queue's min_skilled (skilled agents whose shift covers the
 * interval whole) COLGEN_W_SKILL, each further one short of its own need
 * (in->skill_duty) the under-coverage price. */
double colgen_skill_cost(const ColGenIn *in);

/* What a month's days cost above fairness.max_day_ratio times their need
 * on duty: need and duty per interval of I minutes (nd days of them);
 * COLGEN_W_DAYCAP an agent-hour above, days without need left out. */
double colgen_day_cap_cost(const WfmConfig *cfg, int nd, int I, const double *need, const double *duty);

/* Weight per shift of spread in a team's counts, times the configuration's
 * fairness weight: 10 = one agent-hour short in an ordinary hour. */
#define COLGEN_W_FAIR 10.0
/* A day short of an agent's contract (the month-off column only). */
#define COLGEN_W_CONTRACT 100.0
/* A skill-queue hour without a skilled agent (soft in the master only). */
#define COLGEN_W_SKILL 1000.0
/* An agent-hour on duty above a day's limit (fairness.max_day_ratio):
 * thrice an hour over the need in all, dearer than any regularity cost
 * an agent-day could save. */
#define COLGEN_W_DAYCAP 2.0
/* Centers of at most this many agents compute the bound's gain from whole
 * start counts (a MIP) after the roster, and only when the roster is not
 * already at the bound (Gimpo: 0.5-0.9 s of its 1 s). */
#define COLGEN_LAZY_WHOLE 60

#endif
