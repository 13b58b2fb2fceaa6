/*
 * check.h - the rule checker: verifies every hard rule of a roster, agent by
 * agent and day by day, and recomputes coverage from the roster alone.  It
 * shares no code with the solver's model building, so a solver bug cannot
 * hide behind the same mistake here.
 */
#ifndef WFM_CHECK_H
#define WFM_CHECK_H

#include "../model/config.h"
#include "../model/roster.h"

#include <stddef.h>

enum {
    CHK_TEMPLATE,        /* unknown template, or one that does not run that day */
    CHK_LEAVE,           /* a shift on a day of leave */
    CHK_TEAM,            /* a shift kind the agent's team does not work */
    CHK_REST,            /* less than the minimum rest between two shifts */
    CHK_CONSECUTIVE,     /* more working days in a row than allowed */
    CHK_DAYS_OFF,        /* fewer days off in a calendar week than required */
    CHK_WEEKLY_HOURS,    /* more hours in a calendar week than the maximum */
    CHK_MEAL,            /* the meal outside the template's window */
    CHK_START,           /* the start moved from the template's */
    CHK_REMOTE,          /* remote where the agent or the template may not */
    CHK_REMOTE_SHARE,    /* more remote agents in a day than the share or the seats allow */
    CHK_SKILL,           /* an hour of a skill queue with nobody who has the skill */
    CHK_BREAK,           /* more than an eighth (rounded up) of a shift's agents in one break slot */
    CHK_OVERTIME,        /* more overtime in a day or a calendar week than the caps */
    CHK_CONTRACT,        /* fewer working days in a calendar week than the contract asks (rules.contract_days) */
    CHK_WEEKEND_DUTY,    /* an agent of a team with every_weekend off on a Saturday or Sunday he could work */
    CHK_LIMIT,           /* a limit of rules.limits: days in a row, per week, per month, weekends */
    CHK_SEQUENCE,        /* a sequence of days rules.forbidden names */
    CHK_PINNED,          /* a pinned day (wfm import preferences) not as pinned */
    CHK_COUNT
};

typedef struct Violation {
    int rule, agent, day;    /* agent -1 and day -1 where not about one */
    char what[160];
} Violation;

typedef struct CheckReport {
    Violation *v;
    size_t n, cap;
    size_t by_rule[CHK_COUNT];
} CheckReport;

/* Checks r against cfg.  skill_need (may be NULL) holds, per queue q and
 * hour t of the month, 1 where the queue is open and needs someone with its
 * skill (cfg->queues[q].skill not empty): nqueues x 24 * ndays values.
 * Fills rep (free with check_free) and returns the number of violations. */
size_t check_roster(const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, CheckReport *rep);
void check_free(CheckReport *rep);
const char *check_rule_name(int rule);

/* What the roster's days cost by the agents' wanted and unwanted days
 * (r->pref; pinned ones are rules, checked by check_roster): the weight of
 * each wanted day not given and each unwanted one given.  *met and *asked
 * (may be NULL) get how many were honoured of how many. */
double check_preferences(const Roster *r, int *met, int *asked);

/* Agents on the phone in each hour of the month, from the roster alone:
 * working, not at their meal nor at their extra break (at its minutes,
 * break_slot), in the requirement's unit - agents on duty with the break's
 * share counted in, so a minute on the phone is worth 60 / (60 -
 * extra_break_min) of one; out has 24 * ndays values (fractions of an hour
 * count as fractions). */
void check_on_duty(const WfmConfig *cfg, const Roster *r, double *out);
/* The same per interval of interval_min minutes (a divisor of 1440): out
 * has ndays x 1440 / interval_min values, each in agents (as above, minutes
 * in it / interval_min). */
void check_on_duty_at(const WfmConfig *cfg, const Roster *r, int interval_min, double *out);
/* The same with the extra breaks as their share of time on duty rather
 * than at their minutes (agents on duty, not at their meal): the model the
 * roster's solver and the surge plans optimise in. */
void check_on_duty_share(const WfmConfig *cfg, const Roster *r, int interval_min, double *out);

/* Skill queue q (skill_need as for check_roster): over the minutes of its
 * open hours in which its skilled agents off their meals are at least its
 * min_skilled - the rule holds - what their extra breaks (at their
 * minutes) leave short of min_skilled agent-minutes on the phone: what the
 * rule does not ask, as a lone skilled agent must take his breaks too. */
double check_skill_break_minutes(const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int q);

/* What each queue lacks of its own need, in agent-hours at the minute
 * (on the phone as check_on_duty_at counts, on a grid of I minutes), with
 * skilled agents first: a queue with a skill is answered by its skilled
 * agents on the phone up to its need (qneed: nqueues x ndays x 1440 / I,
 * each queue's own need in agents on duty), the queues without one by
 * everyone left, their shortfall shared by their needs.  out: nqueues.
 * An agent with two skill queues counts for each of them (the samples
 * have none): the figure can then be low. */
void check_queue_shortfall(const WfmConfig *cfg, const Roster *r, int I, const double *qneed, double *out);

#endif
