/*
 * assign.h - named agents for a shift plan: day by day, each template's
 * starts are given to the agents who may work them (leave, team kinds,
 * 11-hour rest, consecutive days, days off and hours per week, contracted
 * hours) and who have had the least of that kind of work so far (fairness:
 * nights, evenings, weekends; rotating start times).  Then remote days up to
 * the share and the seats, rotating, and meal starts spread as the plan's
 * meal shares say.  A greedy first roster: what it cannot fill is left
 * uncovered and shows in the checker's coverage, never as a broken rule.
 */
#ifndef WFM_ASSIGN_H
#define WFM_ASSIGN_H

#include "../model/config.h"
#include "../model/roster.h"
#include "shiftplan.h"

typedef struct AssignStats {
    int unfilled;        /* planned starts nobody could take */
    int filled;
    int skill_swaps;     /* skilled agents swapped in for skill queues */
    int skill_hours_open;/* skill-queue hours still without a skilled agent */
    int contract_adds;   /* shifts beyond the plan so that agents work their contract's days */
} AssignStats;

/* Fills a[] (nagents x (carry_days + ndays), carried days already set by the
 * caller and left as they are) for the month's days from the plan.  r->a
 * must point at a.  skill_need (may be NULL) is as for check_roster: where a
 * skill queue is open, skilled agents are swapped into shifts that cover it.
 * Extra-break slots go round each day's template group (at most an eighth
 * of its agents, rounded up, in a slot). */
void assign_roster(const WfmConfig *cfg, const ShiftPlanOut *plan, const Roster *r,
                   const unsigned char *skill_need, Assign *a, AssignStats *st);

/* The same for months already chosen (colgen: choice is nagents x ndays
 * of templates, ROSTER_OFF or ROSTER_LEAVE; meal the shares per day x
 * template x slot): meals, break slots, remote days; skill hours get meal
 * moves but no swaps, which could break a later day's rules. */
void assign_months(const WfmConfig *cfg, const int *choice, const double *meal, const Roster *r,
                   const unsigned char *skill_need, Assign *a, AssignStats *out);

/* Calendar weeks (Monday to Sunday) a month touches, at most. */
#define ASSIGN_WEEKS 6

/* The calendar week of day index d: 0 for the month's first. */
int assign_week_of(const Roster *r, int d);

/* May agent g work on day index d at all: not on leave, a template of his
 * team running? */
int assign_can_work(const WfmConfig *cfg, const Roster *r, int g, int d);

/* The days of agent g's contract in each calendar week of the month
 * (rules.contract_days; model/config's wfm_contract_days = D): a week asks
 * D x its days in the month / 7, rounded down, less his days of leave; at
 * most the days he can work (not on leave, a template of his team
 * running) and, in week 0, at most the week's working days (7 less the
 * days off) less the carried days he worked in it (carried), and at most
 * as many of his longest shifts as the week's hours left after the
 * carried minutes (carried_min) hold; in the last week, less the days and
 * the longest shifts' hours of the next month's days his team must work in
 * it (assign_must_after).  Writes need[w] (days of the month), returns
 * their sum.  A month begun mid-week with no stored roster before it
 * (r->carry_unknown) asks nothing of its first week: those days go where
 * the need is.  (solver/check keeps its own copy.) */
int assign_contract_weeks(const WfmConfig *cfg, const Roster *r, int g, int carried, int carried_min, int *need);

/* The days after the month's end, in its last calendar week, that agent
 * g's team must work (every_weekend, a template of his team running): the
 * month keeps days and hours for them. */
int assign_must_after(const WfmConfig *cfg, const Roster *r, int g);

/* Moves meals inside their windows and extra breaks between slots, agent
 * by agent, to where coverage against need (agents on the phone per
 * interval of I minutes, a divisor of 60, as check_on_duty_at counts them:
 * meals and breaks at their minutes; ndays x 1440 / I values) costs least
 * with the shift plan's weights (each interval its share of an hour's),
 * the square of the shortage in every 7.5-minute block beside it so that
 * they spread within an interval too; a few passes.  A break moves only to
 * a slot with room: at most one in 8 of its template's agents of the day,
 * rounded up (the checker's rule).  No meal move leaves a skill-queue hour
 * (skill_need, may be NULL) more minutes without a skilled agent on the
 * phone.  With skill_duty (nqueues x ndays x 1440 / I: what each skill
 * queue needs of its own agents; may be NULL) what each skill queue's
 * agents on the phone lack of it adds to the cost at the under-coverage
 * price (the roster objective's skill term) - so a skilled agent's meal
 * goes where his queue can spare him, moved or swapped with
 * the meal of an agent without a skill queue on his shift.  Returns the
 * cost saved (the linear objective's, the pool's). */
double assign_tune_meals(const WfmConfig *cfg, const Roster *r, const double *need, int I,
                         const unsigned char *skill_need, const double *skill_duty, Assign *a);

#endif
