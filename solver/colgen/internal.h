/*
 * internal.h - what the parts of solver/colgen/ share: the master, the
 * pricing's states and the annealing's roster; the small helpers every
 * part asks (inline, so the pricing's and the annealing's inner loops
 * stay as fast as in one file); and the functions one part offers the
 * others, prefixed cg_.  Not a public header: solver/colgen.h is.
 */
#ifndef WFM_COLGEN_INTERNAL_H
#define WFM_COLGEN_INTERNAL_H

#include "../colgen.h"
#include "../lp.h"
#include "../shiftplan.h"
#include "../../core/date.h"
#include "../../model/rules.h"

#include <math.h>
#include <stdint.h>
#include <time.h>

/* Kinds of work kept even within a team: weekend and holiday days, and
 * evening or night shifts for agents who also work days.  (Early starts
 * are evened out when a class's starts are given out: give_starts.) */
enum { FK_WEEKEND, FK_LATE, FK_N };

/* A state after a day: yesterday's template (ns = none), working days in a
 * row, days and minutes worked in the calendar week; above bit 32 the
 * state of the general rules (model/rules.h). */
#define KEY(last, run, wd, wm) ((uint32_t)(last) | (uint32_t)(run) << 5 | (uint32_t)(wd) << 10 | (uint32_t)(wm) << 13)
#define K_RULES(k) ((uint32_t)((k) >> 32))
#define WITH_RULES(k, st) ((uint64_t)(uint32_t)(k) | (uint64_t)(st) << 32)
#define K_LAST(k) ((int)((k)&31))
#define K_RUN(k) ((int)((k) >> 5 & 31))
#define K_WD(k) ((int)((k) >> 10 & 7))
#define K_WM(k) ((int)((uint32_t)(k) >> 13))

typedef struct Node {
    uint64_t key;
    int parent;     /* index into the previous day's layer, -1 at the start */
    int choice;     /* template, or ROSTER_OFF / ROSTER_LEAVE */
    double v;
} Node;

typedef struct Dp {
    Node *node;        /* all layers, one after another */
    size_t n, cap;
    int *layer;        /* ndays + 2 offsets into node */
    int *hash;         /* open addressing into the current layer */
    int hcap;
    int dead;          /* after a month with no legal month: the day no state lived through (ndays: the end) */
} Dp;

/* What one agent's months are made of: templates, or classes of them. */
typedef struct Units {
    int n;
    const int *of;                  /* per template: its unit */
    const int *work;                /* per unit: paid minutes */
    const unsigned char *rest;      /* n x n: unit b may follow unit a the next day */
    const int *tmpl;                /* per unit: a template of it (the general rules treat them alike) */
} Units;

/* "No shift yesterday" in a state. */
#define NO_UNIT 31

typedef struct Price {
    const WfmConfig *cfg;
    const Roster *r;
    const Units *u;
    int nd;
    const unsigned char *allowed;   /* ndays x units for the agent */
    const double *profit;           /* ndays x units for the agent */
    const int *wneed;               /* per calendar week of the month: the days worked it must reach */
    const RuleSet *rules;           /* the general rules of his team */
    int no_weekend_duty;            /* (diagnosis) his team's every_weekend left out */
    /* His preferences (NULL: none; else his units are templates): per day,
     * templates then the day off - what each costs, and 1 where a pinned
     * day forbids it. */
    const double *pcost;
    const unsigned char *pinned;
    int after, after_min;           /* the next month's weekend duty in the last week: days, minutes kept for it */
} Price;

typedef struct Master {
    glp_prob *lp;
    int nh, nd, ns, ng, ncls, nteams;
    int I, nt;           /* the duty grid: nt intervals of I minutes (coverage and skill rows) */
    int cls[30], rep[30];  /* each template's class; a template of each class */
    int tof[30], twork[30], cwork[30];
    unsigned char trest[30 * 30], crest[30 * 30];
    Units tu, cu;        /* months of templates; of classes */
    RuleSet *rules;      /* nteams + 1: the general rules of agents of no team, of each team */
    /* Preferences (NULL when nobody has one): per agent, day, template and
     * then the day off, what it costs, and 1 where a pinned day forbids it. */
    double *pcost;
    unsigned char *pinned, *haspref;
    unsigned char *exact;/* ng: his months name templates (he covers skill-queue hours) */
    int *row_cls;        /* nd x ncls: the class's starts = the months working it (0: none of it runs) */
    int *row_cnt;        /* nd x ns: months naming the template <= its starts (0: no such row) */
    int *xcol;           /* nd x ns: the start count (0: the template does not run) */
    int *row_conv;       /* ng */
    int *row_fair;       /* ng x FK_N (0: no row) */
    double *share;       /* ng x FK_N */
    int *skill_row;      /* nqueues x nt (0: no row) */
    double *skill_lo;    /* 2 x nqueues x nt: each skill row's floor, and the part of it that is soft */
    const unsigned char *skill_need;   /* in->skill_need, in->skill_duty */
    const double *skill_duty;
    int *ycol;           /* nd x ns x SHIFTPLAN_MEAL_SLOTS */
    int *row_meal;       /* nd x ns: the meals = the starts (0: no meal) */
    int *wneed;          /* ng x ASSIGN_WEEKS: the days worked each week must reach (assign_contract_weeks; in week 0 with the carried-in days) */
    int *after;          /* ng x 2: the next month's weekend duty in the last week (assign_must_after), days and the minutes kept */
    uint64_t *start;     /* ng: the state the carried-in days leave (start_state, months of templates) */
    int ncover;          /* columns 1..ncover: starts, meals, coverage slacks */
    int nskill;          /* columns ncover+1..ncover+nskill: skill-hour slacks */
    double *need, *wu;   /* nt: agents needed on duty (less the carried-in shifts), under-coverage's price */
    double wo;           /* over-coverage's price an interval */
    double step;         /* the duty grid in agents */
    /* columns of the agents: owner and month (of his units) */
    int *col_agent;
    int *col_month;      /* ncols x nd */
    int *col_index;      /* GLPK column of each */
    size_t ncols, capcols;
} Master;

typedef struct Search {
    Master *m;
    const ColGenIn *in;
    const unsigned char *allowed;
    Dp *dp;
    const struct timespec *t0;
    double tl;
    unsigned char *fixed;    /* per agent: his month is chosen */
    int *bestcol;
    double *bestval;
} Search;

typedef struct Polish {
    const Master *m;
    const WfmConfig *cfg;
    const Roster *r;
    int *choice;          /* ng x nd: templates, ROSTER_OFF or ROSTER_LEAVE */
    double *meal;         /* nd x ns x SHIFTPLAN_MEAL_SLOTS: whole meal counts */
    double *cov;          /* nt: agents on duty the month's shifts give, per interval */
    double *scnt;         /* nqueues x nt: skilled agents whose shift covers the interval whole (NULL: no skill queue) */
    double *hi;           /* (nteams + 1) x FK_N: the marks, never raised */
    double T;             /* the annealing's temperature */
    unsigned char works[30]; /* the moving agent's team works template s */
} Polish;

/* bound.c: what whole start counts add to the bound. */
double cg_whole_gain(const Master *m, double secs);

#endif
