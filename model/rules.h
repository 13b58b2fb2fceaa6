/*
 * rules.h - the general rules (rules.limits, rules.forbidden) as a small
 * automaton over one agent's days, for the solver's pricing program, its
 * annealing and the greedy assignment.  (solver/check reads the rules
 * again on its own, on purpose.)
 *
 * A day is a template index, ROSTER_OFF or ROSTER_LEAVE.  A "what" matches
 * its templates, and days off when it names "off" (leave is a day off).
 * What the rules mean, the same in the checker:
 * - runs (min/max_consecutive): a run of days matching what is at most
 *   max long and, when it ends, at least min long - unless it ends on
 *   leave, runs from the first day known (the first carried-in day) or
 *   reaches the month's end; a run of days off holding leave has no
 *   minimum, and no maximum from the leave on;
 * - per week (calendar weeks, Monday to Sunday, carried-in days counted):
 *   at most max, and at least min in the weeks wholly inside the month,
 *   leave counting toward the min;
 * - per month (the month's own days): at most max, at least min, leave
 *   counting toward the min;
 * - max_weekends: weekends whose Saturday or Sunday in the month matches;
 * - forbidden: no run of consecutive days matching the sequence's whats in
 *   order ending on a day of the month.
 * A maximum breaks on the day of the month that matches past it; carried-in
 * days never break a rule, they only set the state.
 */
#ifndef WFM_RULES_H
#define WFM_RULES_H

#include "config.h"

#include <stdint.h>

/* Flags of a day (wfm_rules_flags). */
enum {
    RD_CARRIED = 1,   /* carried in from the month before */
    RD_MONDAY = 2,    /* a calendar week starts */
    RD_WEEKEND = 4,   /* Saturday or Sunday */
    RD_FULLWEEK = 8,  /* (on a Monday, or at the end) the week that ends lay wholly in the month */
    RD_FIRST = 16     /* the first day known */
};
/* Above the flags: the month's days after this one (a day of the month),
 * and the days after it in its calendar week inside the month. */
#define RD_MONTH_LEFT(f) ((int)((f) >> 8 & 63))
#define RD_WEEK_LEFT(f) ((int)((f) >> 14 & 7))

enum { RP_RUN, RP_WEEK, RP_MONTH, RP_WEEKENDS, RP_SEQ };

typedef struct RulePart {
    int type, limit;            /* RP_*, index into cfg->limits */
    int n;                      /* days in a sequence (RP_SEQ), else 1 */
    WfmWhat what[WFM_SEQ_MAX];
    int lo, hi;                 /* the least (0: none) and the most (-1: none) */
    int credit;                 /* leave counts toward lo */
    unsigned cap;               /* counters stop here */
    int shift, bits;            /* the part's place in the packed state */
} RulePart;

#define WFM_RULE_PARTS 64

/* The rules that hold for the agents of one team. */
typedef struct RuleSet {
    int n, bits;
    RulePart p[WFM_RULE_PARTS];
} RuleSet;

/* The what of a name: a kind (day, evening, night), "work" (any shift),
 * "off" (a day off or on leave) or a template's name.  0, or -1 when the
 * name is none of these.  (A kind no template has matches nothing.) */
int wfm_what_parse(const WfmConfig *c, const char *name, WfmWhat *w);

/* Does what match a day (template, ROSTER_OFF or ROSTER_LEAVE)? */
int wfm_what_match(const WfmWhat *w, int item);

/* Fills rs with the rules for agents of team (-1: of no team).  Returns
 * the bits of state they need; more than 32 (or parts past
 * WFM_RULE_PARTS) is more than the solver can carry: the configuration is
 * refused. */
int wfm_rules_compile(const WfmConfig *c, int team, RuleSet *rs);

/* The flags of day index d (negative: carried in) of a month of nd days
 * from first_day, with carry days carried in. */
unsigned wfm_rules_flags(int first_day, int nd, int carry, int d);

/* RD_FULLWEEK when the month's last week lies wholly in the month. */
unsigned wfm_rules_end_flags(int first_day, int nd);

/* The state before the first day known. */
#define WFM_RULES_START 0u

/* Moves st over one day (item: template, ROSTER_OFF or ROSTER_LEAVE);
 * returns 0 when a rule breaks on that day (never on a carried-in day). */
int wfm_rules_step(const RuleSet *rs, uint32_t *st, int item, unsigned flags);

/* Does the month's end keep the minima (flags from wfm_rules_end_flags)? */
int wfm_rules_end(const RuleSet *rs, uint32_t st, unsigned flags);

/* Do the rules treat templates a and b alike (every what holds both or
 * neither)? */
int wfm_rules_alike(const WfmConfig *c, int a, int b);

/* The first limit the greedy assignment cannot promise to keep (a minimum,
 * or a rule on days off it may leave anyone with), or -1. */
int wfm_rules_beyond_greedy(const WfmConfig *c);

#endif
