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
 * Master (GLPK LP): per day x template a start count x (with its coverage
 * of the hours and its meal shares, as in the shift plan); per day x class
 * the starts equal the months working it, per day x template the skilled
 * months naming it are at most its starts; coverage soft per hour, its
 * cost taken on the chord between the two points of the duty grid around
 * the need (a roster's agents on duty come in steps of G/60, G the gcd of
 * the templates' minutes: a stronger relaxation with the same value on
 * every roster); one convexity row per agent, skill-queue hours (at least
 * one skilled agent, soft at a high price), and fairness rows per agent and
 * kind of work (weekend and holiday days; evening and night shifts for
 * agents who also work days): his count over the share of the month he can
 * work stays under his team's mark, whose height costs.  A column is one
 * agent's whole month.
 *
 * Pricing (plain C): per agent, a dynamic program over the days whose
 * state holds what the rules need - yesterday's class or template (rest),
 * working days in a row, days and minutes worked in the calendar week - so
 * every column keeps leave, team kinds, rest, consecutive days, days off,
 * the weekly hours (the contract's, at most the legal maximum) and the
 * contract's days each week (rules.contract_days: assign_contract_weeks) by
 * construction, across the carried-in days too.  The first column of every
 * agent, his month off, breaks only the contract's days and costs
 * COLGEN_W_CONTRACT a day short: the LP's start, and the month of an agent
 * no legal month exists for (the checker then names his weeks).
 *
 * Bound: at every round where all agents are priced, the master's value
 * plus each agent's most negative reduced cost (the Lagrangian bound) is a
 * lower bound on any roster under these rules (meals anywhere on the
 * template's half hours); at the root's last duals, what whole start and
 * meal counts cost more than shares (the starts' side of the Lagrangian as
 * small integer programs, one per block of hours) is added to it.  Integer roster: a dive - fix the agents whose
 * month the LP already takes whole, else the most certain twentieth,
 * re-solve and re-price - until every agent has one month; whole start
 * counts per day and template (a GLPK MIP over the counts alone, else
 * rounding); the class's starts given out so that the latest starters so
 * far get the earliest (starts rotate); whole meal counts; then simulated
 * annealing on the roster itself: an agent's day dropped, moved to a day
 * off or another start, or a shift added, legal by the same rules and never
 * raising a fairness mark, with exact coverage costs; then team marks lowered
 * by trading days between alike agents (every day keeps its shifts).  Root column
 * generation gets at most 60% of the time limit; the dive always finishes
 * (without pricing past the limit), so a roster exists even when stopped
 * early.
 */
#ifndef WFM_COLGEN_H
#define WFM_COLGEN_H

#include "../core/err.h"
#include "../model/config.h"
#include "../model/roster.h"

#include <signal.h>

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
} ColGenIn;

/* The duty grid's minutes in (60 when unset or not a divisor of 60). */
int colgen_interval(const ColGenIn *in);

typedef struct ColGenOut {
    int *choice;                     /* nagents x ndays: template, ROSTER_OFF or ROSTER_LEAVE */
    double *meal;                    /* ndays x nshifts x SHIFTPLAN_MEAL_SLOTS: meal shares of the final LP */
    double lp;                       /* the master LP when column generation stopped */
    double bound;                    /* the best proven lower bound */
    double whole;                    /* what whole start counts added to the bound */
    double whole_seconds;            /* of root_seconds, spent on it */
    double dive;                     /* the master after the dive (starts and meals still shares) */
    double objective;                /* the roster on the master's terms (coverage and fairness) */
    double root_seconds, seconds;
    int rounds, columns, converged;  /* converged: no column could improve the root LP */
    int moves;                       /* times the annealing found a better roster */
    int stopped;                     /* the time limit or the stop flag cut the search short */
    int meal_covers;                 /* shifts added or moved so that a lone skilled agent's meal leaves his queue covered */
} ColGenOut;

/* Solves.  0 with out filled (free with colgen_free); WFM_EINPUT for bad
 * input; WFM_ESOLVE if GLPK fails.  Never prints. */
int colgen_solve(const ColGenIn *in, ColGenOut *out, WfmErr *err);
void colgen_free(ColGenOut *out);

/* The fairness part of the objective for a whole roster, on the master's
 * terms (so a roster's objective and the bound are comparable). */
double colgen_fairness(const WfmConfig *cfg, const Roster *r);

/* The skill queues' part of the objective for in->r's own days (and the
 * carried-in ones), on the master's terms: per open interval, each agent
 * short of the queue's min_skilled (skilled agents whose shift covers the
 * interval whole) COLGEN_W_SKILL, each further one short of its own need
 * (in->skill_duty) the under-coverage price. */
double colgen_skill_cost(const ColGenIn *in);

/* Weight per shift of spread in a team's counts, times the configuration's
 * fairness weight: 10 = one agent-hour short in an ordinary hour. */
#define COLGEN_W_FAIR 10.0
/* A day short of an agent's contract (the month-off column only). */
#define COLGEN_W_CONTRACT 100.0
/* A skill-queue hour without a skilled agent (soft in the master only). */
#define COLGEN_W_SKILL 1000.0

#endif
