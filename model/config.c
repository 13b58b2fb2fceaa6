#include "config.h"
#include "../core/date.h"

#include <math.h>

void wfm_config_free(WfmConfig *c)
{
    if (c)
        cal_free(&c->holidays);
}

int wfm_config_interval(const WfmConfig *c)
{
    return c->interval_min > 0 && c->interval_min <= 60 && 60 % c->interval_min == 0 ? c->interval_min : 30;
}

double wfm_config_availability(const WfmConfig *c)
{
    return (60.0 - c->extra_break_min) / 60.0 * (1.0 - c->shrinkage);
}

int wfm_team_works(const WfmConfig *c, int team, int night_ok, int kind)
{
    if (team < 0 || team >= c->nteams)
        return 1;
    return (c->teams[team].kinds & (1u << kind)) || (night_ok && kind != SHIFT_DAY);
}

int wfm_min_skilled(const WfmConfig *c, int q)
{
    return c->queues[q].min_skilled > 1 ? c->queues[q].min_skilled : 1;
}

double wfm_weekly_cap_h(const WfmConfig *c, double contract_h)
{
    return fmin(c->max_weekly_hours, contract_h > 0 ? contract_h : c->weekly_hours);
}

int wfm_longest_shift_min(const WfmConfig *c, int team, int night_ok)
{
    int longest = 0;
    for (int s = 0; s < c->nshifts; s++) {
        const ShiftTemplate *t = &c->shifts[s];
        if (wfm_team_works(c, team, night_ok, t->kind) && t->length_min - t->meal_min > longest)
            longest = t->length_min - t->meal_min;
    }
    return longest;
}

int wfm_contract_days(const WfmConfig *c, int team, int night_ok, double contract_h)
{
    int longest = c->contract_days ? wfm_longest_shift_min(c, team, night_ok) : 0;
    if (longest <= 0)
        return 0;
    int n = (int)floor(wfm_weekly_cap_h(c, contract_h) * 60 / longest + 1e-9), most = 7 - c->min_days_off_per_week;
    return n < most ? n : most;
}

int wfm_must_work(const WfmConfig *c, int team, int day)
{
    return team >= 0 && team < c->nteams && c->teams[team].every_weekend && date_weekday(day) >= WD_SAT;
}

int wfm_meal_mid(const ShiftTemplate *t)
{
    return t->meal_min > 0 ? t->meal_from_min + (t->meal_to_min - t->meal_from_min) / 60 * 30 : -1;
}
