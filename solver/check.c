/*
 * check.c - see check.h.  Deliberately plain: one loop per rule, minutes on
 * one linear axis from the first carried-in day, nothing taken from the
 * solver.
 */
#include "check.h"
#include "../core/alloc.h"
#include "../core/date.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rule_names[CHK_COUNT] = {
    "template", "leave", "team", "rest", "consecutive days", "days off", "weekly hours",
    "meal", "start", "remote", "remote share", "skill", "break slot", "overtime", "contract days",
    "weekend duty", "limit", "forbidden sequence", "pinned",
};

const char *check_rule_name(int rule)
{
    return rule >= 0 && rule < CHK_COUNT ? rule_names[rule] : "?";
}

static void add(CheckReport *rep, int rule, int agent, int day, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void add(CheckReport *rep, int rule, int agent, int day, const char *fmt, ...)
{
    void *p = rep->v;
    va_list ap;
    xgrow(&p, &rep->cap, rep->n + 1, sizeof *rep->v);
    rep->v = p;
    Violation *v = &rep->v[rep->n++];
    v->rule = rule, v->agent = agent, v->day = day;
    va_start(ap, fmt);
    vsnprintf(v->what, sizeof v->what, fmt, ap);
    va_end(ap);
    rep->by_rule[rule]++;
}

void check_free(CheckReport *rep)
{
    if (!rep)
        return;
    free(rep->v);
    memset(rep, 0, sizeof *rep);
}

static int runs_on(const WfmConfig *cfg, int s, int day)
{
    unsigned m = cfg->shifts[s].days;
    if (cal_is_holiday(&cfg->holidays, day))
        return (m & RUN_HOLIDAY) != 0;
    return (m & (1u << date_weekday(day))) != 0;
}

/* The checker's own statement of the team rule: the team's kinds, or any
 * evening or night shift for an agent cleared for nights (no team: all). */
static int team_works(const WfmConfig *cfg, const RosterAgent *ag, int kind)
{
    return ag->team < 0 || ag->team >= cfg->nteams || (cfg->teams[ag->team].kinds & (1u << kind)) ||
           (ag->night_ok && kind != SHIFT_DAY);
}

/* Does a template agent ag's team works run on day? */
static int team_runs(const WfmConfig *cfg, const RosterAgent *ag, int day)
{
    for (int s = 0; s < cfg->nshifts; s++)
        if (runs_on(cfg, s, day) && team_works(cfg, ag, cfg->shifts[s].kind))
            return 1;
    return 0;
}

static int valid_shift(const WfmConfig *cfg, const Assign *x)
{
    return x->shift >= 0 && x->shift < cfg->nshifts;
}

/* Start and end of day index d's work, minutes on the axis from day 0:
 * the shift with any overtime just before and after it. */
static long start_of(const Assign *x, int d)
{
    return 1440L * d + x->start_min - x->ot_before_min;
}

static long end_of(const WfmConfig *cfg, const Assign *x, int d)
{
    return 1440L * d + x->start_min + cfg->shifts[x->shift].length_min + x->ot_after_min;
}

/* Hours of overtime: the minutes around the shift, or the whole extra shift. */
static double overtime_hours(const WfmConfig *cfg, const Assign *x)
{
    const ShiftTemplate *t = &cfg->shifts[x->shift];
    double h = (x->ot_before_min + x->ot_after_min) / 60.0;
    return x->extra ? h + (t->length_min - t->meal_min) / 60.0 : h;
}

static double work_hours(const WfmConfig *cfg, const Assign *x)
{
    const ShiftTemplate *t = &cfg->shifts[x->shift];
    return (t->length_min - t->meal_min + x->ot_before_min + x->ot_after_min) / 60.0;
}

/* Adds w per minute on duty (working, not at the meal) of agent g to
 * per_hour[t] for the month's hours (the day before's shift may reach in). */
/* Minutes of [x0, x1) inside [y0, y1). */
static double overlap(double x0, double x1, double y0, double y1)
{
    double a = x0 > y0 ? x0 : y0, b = x1 < y1 ? x1 : y1;
    return b > a ? b - a : 0;
}

/* Agent g's time in each slot of width minutes (per_slot[m / width] += w
 * per minute), from the days before the month on: on duty and not at his
 * meal (phone 0), or on the phone (phone 1): his extra breaks taken out
 * at their minutes - extra_break_min at minute 7.5 x break_slot of every
 * clock hour, whole inside the shift and clear of the meal - and every
 * minute on the phone worth 60 / (60 - extra_break_min), so an hour's
 * agents on the phone are in the same unit as the requirement (agents on
 * duty, the break's share counted in): exactly where the break falls. */
static void duty(const WfmConfig *cfg, const Roster *r, int g, double w, int width, double *per_slot, int phone)
{
    int nd = r->ndays;
    double brk = phone && cfg->extra_break_min > 0 && cfg->extra_break_min < 60 ? cfg->extra_break_min : 0;
    double wp = w * 60 / (60 - brk), end = 1440.0 * nd;
    for (int d = -1; d < nd; d++) {
        if (d < -r->carry_days)
            continue;
        const Assign *x = roster_at(r, g, d);
        if (!valid_shift(cfg, x))
            continue;
        const ShiftTemplate *tp = &cfg->shifts[x->shift];
        long a = start_of(x, d), b = end_of(cfg, x, d);
        /* No meal (none in the template, or none placed: meal_off_min -1)
         * is no span at all, not one at the month's minute 0, which would
         * clash with a break across the month's first midnight. */
        int meal = tp->meal_min > 0 && x->meal_off_min >= 0;
        long ma = meal ? 1440L * d + x->start_min + x->meal_off_min : 0;
        long mb = meal ? ma + tp->meal_min : 0;
        for (long m = a < 0 ? 0 : a; m < b && m < 1440L * nd; m++)
            if (!(m >= ma && m < mb))
                per_slot[m / width] += wp;
        if (brk <= 0 || x->break_slot < 0 || x->break_slot > 7)
            continue;
        for (long h = (a >= 0 ? a : a - 59) / 60 * 60; h < b; h += 60) {
            double s = h + 7.5 * x->break_slot, e = s + brk;
            if (s < a || e > b || (meal && s < mb && e > ma) || e <= 0 || s >= end)
                continue;
            for (long t = (long)(s > 0 ? s : 0) / width; t * width < e && t * width < end; t++)
                per_slot[t] -= wp * overlap(s, e, (double)t * width, (double)(t + 1) * width);
        }
    }
}

/* rules.contract_days: in each calendar week the month touches, agent g
 * works at least D x (the week's days in the month) / 7 days, rounded
 * down, less his days of leave; D is as many of his team's longest paid
 * shifts as his weekly hours fill, at most 7 less the days off.  Never
 * more than the days he can work (not on leave, a template his team works
 * running), nor, in a week begun in the carried-in days, than the days
 * off leave after the days worked there. */
static void contract_days(const WfmConfig *cfg, const Roster *r, int g, CheckReport *rep)
{
    const RosterAgent *ag = &r->agents[g];
    int nd = r->ndays, longest = 0, most = 7 - cfg->min_days_off_per_week;
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        if (team_works(cfg, ag, t->kind) && t->length_min - t->meal_min > longest)
            longest = t->length_min - t->meal_min;
    }
    if (!cfg->contract_days || longest <= 0)
        return;
    double hours = fmin(cfg->max_weekly_hours, ag->weekly_hours > 0 ? ag->weekly_hours : cfg->weekly_hours);
    int D = (int)floor(hours * 60 / longest + 1e-9);
    D = D < most ? D : most;
    for (int d0 = 0; d0 < nd;) {
        int monday = d0 - date_weekday(r->first_day + d0), n = 0, leave = 0, can = 0, worked = 0, before = 0;
        int after = 0;
        double before_h = 0;
        for (int d = monday; d < monday + 7; d++) {
            if (d < 0) {
                if (d >= -r->carry_days && valid_shift(cfg, roster_at(r, g, d)))
                    before++, before_h += work_hours(cfg, roster_at(r, g, d));
                continue;
            }
            if (d >= nd) {   /* next month's: the weekend duty of his team */
                int day = r->first_day + d;
                after += ag->team >= 0 && ag->team < cfg->nteams && cfg->teams[ag->team].every_weekend &&
                         date_weekday(day) >= WD_SAT && team_runs(cfg, ag, day);
                continue;
            }
            n++;
            worked += valid_shift(cfg, roster_at(r, g, d));
            if (r->leave && r->leave[(size_t)g * nd + d])
                leave++;
            else
                can += team_runs(cfg, ag, r->first_day + d);
        }
        int asked = D * n / 7 - leave;
        if (monday < 0 && r->carry_unknown)   /* the week's first days are not known: nothing asked */
            asked = 0;
        asked = asked < can ? asked : can;
        /* less what the carried-in days took and next month's weekend duty will take */
        asked = asked < most - before - after ? asked : most - before - after;
        int room = (int)floor((hours - before_h) * 60 / longest + 1e-9) - after;
        asked = asked < room ? asked : room;
        if (worked < asked) {
            char ds[11];
            date_format(r->first_day + monday, ds);
            add(rep, CHK_CONTRACT, g, d0, "%s in the week of %s: works %d day%s, the contract asks %d", ag->id, ds,
                worked, worked == 1 ? "" : "s", asked);
        }
        d0 = monday + 7;
    }
}

/* ---- the general rules (rules.limits, rules.forbidden), read here on their own ---- */

/* Agent g's day d: a template (any index when cfg is NULL), or
 * ROSTER_LEAVE / ROSTER_OFF. */
static int day_item(const WfmConfig *cfg, const Roster *r, int g, int d)
{
    const Assign *x = roster_at(r, g, d);
    if (cfg ? valid_shift(cfg, x) : x->shift >= 0)
        return x->shift;
    return x->shift == ROSTER_LEAVE || (d >= 0 && r->leave && r->leave[(size_t)g * r->ndays + d]) ? ROSTER_LEAVE
                                                                                                 : ROSTER_OFF;
}

static int is_what(const WfmWhat *w, int item)
{
    if (item < 0)
        return w->off;
    return item < 64 && ((w->shifts >> item) & 1u);
}

/* Runs of days matching l's what between the first carried-in day and the month's end. */
static void limit_runs(const RuleLimit *l, const Roster *r, const RosterAgent *ag, int g, const int *item,
                       CheckReport *rep)
{
    int nc = r->carry_days, nd = r->ndays;
    char ds[11];
    for (int a = -nc; a < nd;) {
        if (!is_what(&l->what[0], item[a + nc])) {
            a++;
            continue;
        }
        int b = a, leave = 0;
        while (b + 1 < nd && is_what(&l->what[0], item[b + 1 + nc]))
            b++;
        int len = b - a + 1, at = a + l->max_consecutive > 0 ? a + l->max_consecutive : 0;
        for (int d = a; d <= at && d <= b; d++)   /* leave before the day past the most: no maximum */
            leave |= item[d + nc] == ROSTER_LEAVE;
        if (l->max_consecutive >= 0 && !leave && at <= b) {
            date_format(r->first_day + at, ds);
            add(rep, CHK_LIMIT, g, at, "%s on %s: %d days in a row, more than %s allows (%d)", ag->id, ds, len,
                l->label, l->max_consecutive);
        }
        for (int d = a; d <= b; d++)
            leave |= item[d + nc] == ROSTER_LEAVE;
        if (len < l->min_consecutive && a > -nc && b + 1 < nd && b + 1 >= 0 && item[b + 1 + nc] != ROSTER_LEAVE &&
            !leave) {
            date_format(r->first_day + a, ds);
            add(rep, CHK_LIMIT, g, b + 1 > a ? a : b + 1, "%s from %s: %d day%s in a row, fewer than %s asks (%d)",
                ag->id, ds, len, len == 1 ? "" : "s", l->label, l->min_consecutive);
        }
        a = b + 1;
    }
}

static void check_limit(const WfmConfig *cfg, const RuleLimit *l, const Roster *r, int g, const int *item,
                        CheckReport *rep)
{
    const RosterAgent *ag = &r->agents[g];
    int nc = r->carry_days, nd = r->ndays, credit = !l->what[0].off;
    char ds[11];
    (void)cfg;
    if (l->forbidden) {
        for (int e = 0; e < nd; e++) {
            int k = 0;
            while (k < l->n && e - l->n + 1 + k >= -nc && is_what(&l->what[k], item[e - l->n + 1 + k + nc]))
                k++;
            if (k == l->n) {
                date_format(r->first_day + e - l->n + 1, ds);
                add(rep, CHK_SEQUENCE, g, e, "%s from %s: the days %s forbids", ag->id, ds, l->label);
            }
        }
        return;
    }
    if (l->min_consecutive > 0 || l->max_consecutive >= 0)
        limit_runs(l, r, ag, g, item, rep);
    /* Calendar weeks touching the month, carried-in days counted. */
    for (int mon = -date_weekday(r->first_day); mon < nd; mon += 7) {
        int n = 0, leave = 0, over = -1;
        for (int d = mon; d < mon + 7 && d < nd; d++) {
            if (d < -nc)
                continue;
            int m = is_what(&l->what[0], item[d + nc]);
            n += m, leave += item[d + nc] == ROSTER_LEAVE && credit;
            if (m && d >= 0 && l->max_per_week >= 0 && n > l->max_per_week && over < 0)
                over = d;
        }
        date_format(r->first_day + mon, ds);
        if (over >= 0)
            add(rep, CHK_LIMIT, g, over, "%s in the week of %s: %d days, more than %s allows (%d)", ag->id, ds, n,
                l->label, l->max_per_week);
        if (mon >= 0 && mon + 6 < nd && n + leave < l->min_per_week)
            add(rep, CHK_LIMIT, g, mon, "%s in the week of %s: %d days, fewer than %s asks (%d)", ag->id, ds, n,
                l->label, l->min_per_week);
    }
    /* The month, and its weekends. */
    int n = 0, leave = 0, weekends = 0;
    for (int d = 0; d < nd; d++) {
        int m = is_what(&l->what[0], item[d + nc]), wd = date_weekday(r->first_day + d);
        n += m, leave += item[d + nc] == ROSTER_LEAVE && credit;
        /* a weekend counts once: on its Saturday, or on its Sunday when Saturday did not count */
        if (m && (wd == WD_SAT || (wd == WD_SUN && !(d > 0 && is_what(&l->what[0], item[d - 1 + nc])))))
            weekends++;
    }
    date_format(r->first_day, ds);
    if (l->max_per_month >= 0 && n > l->max_per_month)
        add(rep, CHK_LIMIT, g, 0, "%s in %.7s: %d days, more than %s allows (%d)", ag->id, ds, n, l->label,
            l->max_per_month);
    if (n + leave < l->min_per_month)
        add(rep, CHK_LIMIT, g, 0, "%s in %.7s: %d days, fewer than %s asks (%d)", ag->id, ds, n, l->label,
            l->min_per_month);
    if (l->max_weekends >= 0 && weekends > l->max_weekends)
        add(rep, CHK_LIMIT, g, 0, "%s in %.7s: %d weekends, more than %s allows (%d)", ag->id, ds, weekends,
            l->label, l->max_weekends);
}

static void check_limits(const WfmConfig *cfg, const Roster *r, CheckReport *rep)
{
    int nc = r->carry_days, nd = r->ndays;
    int *item = xmalloc(sizeof *item * (size_t)(nc + nd > 0 ? nc + nd : 1));
    for (int g = 0; g < r->nagents && cfg->nlimits; g++) {
        for (int d = -nc; d < nd; d++)
            item[d + nc] = day_item(cfg, r, g, d);
        for (int i = 0; i < cfg->nlimits; i++)
            if (cfg->limits[i].team < 0 || cfg->limits[i].team == r->agents[g].team)
                check_limit(cfg, &cfg->limits[i], r, g, item, rep);
    }
    free(item);
}

static void check_pinned(const WfmConfig *cfg, const Roster *r, CheckReport *rep)
{
    for (int i = 0; i < r->npref; i++) {
        const RosterPref *p = &r->pref[i];
        if (p->want != PREF_PINNED || p->agent < 0 || p->agent >= r->nagents || p->day < 0 || p->day >= r->ndays)
            continue;
        int x = day_item(cfg, r, p->agent, p->day);
        if (!is_what(&p->what, x)) {
            char ds[11];
            date_format(r->first_day + p->day, ds);
            add(rep, CHK_PINNED, p->agent, p->day, "%s on %s: pinned, but %s", r->agents[p->agent].id, ds,
                x >= 0 ? cfg->shifts[x].name : x == ROSTER_LEAVE ? "on leave" : "off");
        }
    }
}

double check_preferences(const Roster *r, int *met, int *asked)
{
    double cost = 0;
    int n = 0, ok = 0;
    for (int i = 0; i < r->npref; i++) {
        const RosterPref *p = &r->pref[i];
        if (p->want == PREF_PINNED || p->agent < 0 || p->agent >= r->nagents || p->day < 0 || p->day >= r->ndays)
            continue;
        int hit = is_what(&p->what, day_item(NULL, r, p->agent, p->day)), good = p->want == PREF_WANTED ? hit : !hit;
        n++, ok += good;
        cost += good ? 0 : p->weight;
    }
    if (met)
        *met = ok;
    if (asked)
        *asked = n;
    return cost;
}

size_t check_roster(const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, CheckReport *rep)
{
    int nd = r->ndays, nc = r->carry_days;
    char ds[11];

    memset(rep, 0, sizeof *rep);
    for (int g = 0; g < r->nagents; g++) {
        const RosterAgent *ag = &r->agents[g];
        int run = 0, reported = 0;
        for (int d = -nc; d < nd; d++) {
            const Assign *x = roster_at(r, g, d);
            int day = r->first_day + d;
            date_format(day, ds);
            if (x->shift >= cfg->nshifts || x->shift < ROSTER_LEAVE) {
                add(rep, CHK_TEMPLATE, g, d, "%s on %s: no shift template %d", ag->id, ds, x->shift);
                continue;
            }
            int works = x->shift >= 0;
            /* Rules about the day itself: only for the month's own days. */
            if (d >= 0 && works) {
                const ShiftTemplate *t = &cfg->shifts[x->shift];
                if (!runs_on(cfg, x->shift, day))
                    add(rep, CHK_TEMPLATE, g, d, "%s on %s: %s does not run that day", ag->id, ds, t->name);
                if (r->leave && r->leave[(size_t)g * nd + d])
                    add(rep, CHK_LEAVE, g, d, "%s on %s: works %s on a day of leave", ag->id, ds, t->name);
                if (!team_works(cfg, ag, t->kind))
                    add(rep, CHK_TEAM, g, d, "%s on %s: team %s does not work %s shifts", ag->id, ds,
                        cfg->teams[ag->team].name, t->kind == SHIFT_NIGHT ? "night" : t->kind == SHIFT_EVENING ? "evening" : "day");
                if (x->start_min != t->start_min)
                    add(rep, CHK_START, g, d, "%s on %s: starts at %02d:%02d, %s starts at %02d:%02d", ag->id, ds,
                        x->start_min / 60, x->start_min % 60, t->name, t->start_min / 60, t->start_min % 60);
                if (t->meal_min > 0 && (x->meal_off_min < t->meal_from_min || x->meal_off_min > t->meal_to_min))
                    add(rep, CHK_MEAL, g, d, "%s on %s: meal %d min after the start is outside %s's window %d-%d",
                        ag->id, ds, x->meal_off_min, t->name, t->meal_from_min, t->meal_to_min);
                if (x->ot_before_min < 0 || x->ot_after_min < 0 ||
                    x->ot_before_min + x->ot_after_min > lround(cfg->overtime_day_h * 60))
                    add(rep, CHK_OVERTIME, g, d, "%s on %s: %d+%d minutes of overtime around %s, more than %g h a day",
                        ag->id, ds, x->ot_before_min, x->ot_after_min, t->name, cfg->overtime_day_h);
                if (x->remote && (!ag->remote_ok || !t->remote_ok))
                    add(rep, CHK_REMOTE, g, d, "%s on %s: remote, but %s", ag->id, ds,
                        !ag->remote_ok ? "the agent may not work remotely" : "the template is office only");
            }
            /* A team that works every weekend: its agent off on a Saturday or
             * Sunday of the month where a template of his team runs. */
            if (d >= 0 && x->shift == ROSTER_OFF && ag->team >= 0 && ag->team < cfg->nteams &&
                cfg->teams[ag->team].every_weekend && date_weekday(day) >= WD_SAT &&
                !(r->leave && r->leave[(size_t)g * nd + d]) && team_runs(cfg, ag, day))
                add(rep, CHK_WEEKEND_DUTY, g, d, "%s on %s: off, but team %s works every weekend", ag->id, ds,
                    cfg->teams[ag->team].name);
            /* Rest since the previous day's shift (across the carried-in days too). */
            if (works && d > -nc) {
                const Assign *p = roster_at(r, g, d - 1);
                if (valid_shift(cfg, p) && valid_shift(cfg, x)) {
                    long rest = start_of(x, d) - end_of(cfg, p, d - 1);
                    if (rest < (long)lround(cfg->min_rest_hours * 60))
                        add(rep, CHK_REST, g, d, "%s on %s: %.1f h of rest between %s and %s is under %g h", ag->id,
                            ds, rest / 60.0, cfg->shifts[p->shift].name, cfg->shifts[x->shift].name,
                            cfg->min_rest_hours);
                }
            }
            /* Working days in a row. */
            run = works ? run + 1 : 0;
            if (!works)
                reported = 0;
            if (run > cfg->max_consecutive_days && !reported && d >= 0) {
                add(rep, CHK_CONSECUTIVE, g, d, "%s on %s: %d working days in a row, more than %d", ag->id, ds, run,
                    cfg->max_consecutive_days);
                reported = 1;
            }
        }
        /* Calendar weeks (Monday to Sunday) wholly inside the carried days and the month. */
        for (int d = -nc; d + 6 < nd; d++) {
            if (date_weekday(r->first_day + d) != WD_MON || d + 6 < 0)
                continue;
            int worked = 0;
            double hours = 0, ot = 0;
            for (int k = 0; k < 7; k++) {
                const Assign *x = roster_at(r, g, d + k);
                if (valid_shift(cfg, x))
                    worked++, hours += work_hours(cfg, x), ot += overtime_hours(cfg, x);
            }
            date_format(r->first_day + d, ds);
            if (7 - worked < cfg->min_days_off_per_week)
                add(rep, CHK_DAYS_OFF, g, d, "%s in the week of %s: %d days off, fewer than %d", ag->id, ds,
                    7 - worked, cfg->min_days_off_per_week);
            if (hours > cfg->max_weekly_hours + 1e-9)
                add(rep, CHK_WEEKLY_HOURS, g, d, "%s in the week of %s: %.1f hours, more than %g", ag->id, ds, hours,
                    cfg->max_weekly_hours);
            else if (hours - ot > wfm_weekly_cap_h(cfg, ag->weekly_hours) + 1e-9)
                /* a week's hours besides overtime are at most his contract's, with rules.contract_days or
                 * without (the solvers' months and the greedy keep them, so the bound is over the rosters
                 * this checker passes) */
                add(rep, CHK_WEEKLY_HOURS, g, d, "%s in the week of %s: %.1f hours besides overtime, more than his "
                    "contract's %g", ag->id, ds, hours - ot, wfm_weekly_cap_h(cfg, ag->weekly_hours));
            if (ot > cfg->overtime_cap_h + 1e-9)
                add(rep, CHK_OVERTIME, g, d, "%s in the week of %s: %.1f hours of overtime, more than %g", ag->id, ds,
                    ot, cfg->overtime_cap_h);
        }
    }
    for (int g = 0; g < r->nagents; g++)
        contract_days(cfg, r, g, rep);
    check_limits(cfg, r, rep);
    check_pinned(cfg, r, rep);
    /* Remote share and seats, day by day. */
    for (int d = 0; d < nd; d++) {
        int working = 0, remote = 0;
        for (int g = 0; g < r->nagents; g++) {
            const Assign *x = roster_at(r, g, d);
            if (valid_shift(cfg, x))
                working++, remote += x->remote != 0;
        }
        date_format(r->first_day + d, ds);
        if (remote > cfg->remote_max_share * working + 1e-9)
            add(rep, CHK_REMOTE_SHARE, -1, d, "%s: %d of %d agents remote, more than the share %g", ds, remote,
                working, cfg->remote_max_share);
        if (cfg->remote_seats > 0 && remote > cfg->remote_seats)
            add(rep, CHK_REMOTE_SHARE, -1, d, "%s: %d agents remote, more than the %d seats", ds, remote,
                cfg->remote_seats);
    }
    /* Extra breaks: per day and template, at most ceil(n / 8) agents in a slot. */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < cfg->nshifts; s++) {
            int n = 0, slot[8] = { 0 }, bad = 0;
            for (int g = 0; g < r->nagents; g++) {
                const Assign *x = roster_at(r, g, d);
                if (x->shift != s)
                    continue;
                n++;
                if (x->break_slot < 0 || x->break_slot > 7)
                    bad++;
                else
                    slot[x->break_slot]++;
            }
            int cap = (n + 7) / 8;
            date_format(r->first_day + d, ds);
            for (int k = 0; k < 8; k++)
                if (slot[k] > cap)
                    add(rep, CHK_BREAK, -1, d, "%s %s: %d of %d agents take the extra break in slot %d, more than %d",
                        ds, cfg->shifts[s].name, slot[k], n, k, cap);
            if (bad)
                add(rep, CHK_BREAK, -1, d, "%s %s: %d agents with no break slot 0-7", ds, cfg->shifts[s].name, bad);
        }
    /* Skill queues: in every minute of every hour they are open, the
     * queue's min_skilled agents who have the skill on duty and not at their
     * meal (two such agents at their meal together leave the queue with
     * nobody, whatever the hour's total). */
    if (skill_need) {
        double *on = xmalloc(sizeof *on * 1440 * (size_t)nd);
        for (int q = 0; q < cfg->nqueues; q++) {
            if (!cfg->queues[q].skill[0])
                continue;
            for (size_t m = 0; m < 1440 * (size_t)nd; m++)
                on[m] = 0;
            for (int g = 0; g < r->nagents; g++)
                if (r->agents[g].skills & (1u << q))
                    duty(cfg, r, g, 1, 1, on, 0);
            int k = wfm_min_skilled(cfg, q);
            for (int t = 0; t < 24 * nd; t++) {
                int gap = 0, from = -1, least = k;   /* minutes short, the first, the fewest on the phone */
                for (int m = 60 * t; m < 60 * t + 60; m++)
                    if (on[m] < k - 0.5) {
                        if (gap++ == 0)
                            from = m % 60;
                        if (on[m] < least - 0.5)
                            least = (int)(on[m] + 0.5);
                    }
                if (skill_need[(size_t)q * 24 * nd + t] && gap > 0) {
                    /* Why: how many have the skill, and who of them is on leave that day. */
                    int have = 0, away = 0;
                    char who[40] = "";
                    for (int g = 0; g < r->nagents; g++) {
                        if (!(r->agents[g].skills & (1u << q)))
                            continue;
                        have++;
                        if (r->leave && r->leave[(size_t)g * nd + t / 24] && away++ < 2)
                            snprintf(who + strlen(who), sizeof who - strlen(who), "%s%s", away > 1 ? ", " : ": ",
                                     r->agents[g].id);
                    }
                    date_format(r->first_day + t / 24, ds);
                    char few[48] = "nobody";
                    if (least > 0)
                        snprintf(few, sizeof few, "%d (fewer than %d)", least, k);
                    add(rep, CHK_SKILL, -1, t / 24,
                        "%s %02d:%02d: queue %s has %s with skill %s on the phone for %d minute%s of the hour "
                        "(%d have it, %d on leave%s%s)",
                        ds, t % 24, from, cfg->queues[q].name, few, cfg->queues[q].skill, gap, gap == 1 ? "" : "s",
                        have, away, who, away > 2 ? ", ..." : "");
                }
            }
        }
        free(on);
    }
    return rep->n;
}

double check_skill_break_minutes(const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int q)
{
    int nd = r->ndays, k = wfm_min_skilled(cfg, q);
    double brk = cfg->extra_break_min > 0 && cfg->extra_break_min < 60 ? cfg->extra_break_min : 0, wp = 60 / (60 - brk);
    if (!skill_need || !cfg->queues[q].skill[0] || brk <= 0)
        return 0;
    double *off = xcalloc(1440 * (size_t)nd, sizeof *off), *on = xcalloc(1440 * (size_t)nd, sizeof *on), sum = 0;
    for (int g = 0; g < r->nagents; g++)
        if (r->agents[g].skills & (1u << q)) {
            duty(cfg, r, g, 1, 1, off, 0);   /* off their meals */
            duty(cfg, r, g, 1, 1, on, 1);    /* on the phone, in 60 / (60 - brk) a minute */
        }
    for (size_t m = 0; m < 1440 * (size_t)nd; m++)
        if (skill_need[(size_t)q * 24 * nd + m / 60] && off[m] > k - 0.5)
            sum += fmax(0, k - on[m] / wp);
    free(off), free(on);
    return sum;
}

void check_on_duty(const WfmConfig *cfg, const Roster *r, double *out)
{
    check_on_duty_at(cfg, r, 60, out);
}

static void on_duty(const WfmConfig *cfg, const Roster *r, int interval_min, int phone, double *out)
{
    for (int t = 0; t < r->ndays * (1440 / interval_min); t++)
        out[t] = 0;
    for (int g = 0; g < r->nagents; g++)
        duty(cfg, r, g, 1.0 / interval_min, interval_min, out, phone);
}

void check_on_duty_at(const WfmConfig *cfg, const Roster *r, int interval_min, double *out)
{
    on_duty(cfg, r, interval_min, 1, out);
}

void check_on_duty_share(const WfmConfig *cfg, const Roster *r, int interval_min, double *out)
{
    on_duty(cfg, r, interval_min, 0, out);
}

void check_queue_shortfall(const WfmConfig *cfg, const Roster *r, int I, const double *qneed, double *out)
{
    int nq = cfg->nqueues, nt = r->ndays * (1440 / I);
    double *tot = xmalloc(sizeof *tot * (size_t)nt), *on = xcalloc((size_t)nq * nt, sizeof *on), f = I / 60.0;
    on_duty(cfg, r, I, 1, tot);
    for (int q = 0; q < nq; q++) {
        out[q] = 0;
        for (int g = 0; g < r->nagents && cfg->queues[q].skill[0]; g++)
            if (r->agents[g].skills & (1u << q))
                duty(cfg, r, g, 1.0 / I, I, &on[(size_t)q * nt], 1);
    }
    for (int t = 0; t < nt; t++) {
        double rest = tot[t], general = 0;
        for (int q = 0; q < nq; q++) {
            double n = qneed[(size_t)q * nt + t];
            if (!cfg->queues[q].skill[0]) {
                general += n;
                continue;
            }
            double used = fmin(n, on[(size_t)q * nt + t]);
            out[q] += (n - used) * f, rest -= used;
        }
        double gs = fmax(0, general - rest);   /* the general queues' part, shared by their needs */
        for (int q = 0; q < nq && gs > 0; q++)
            if (!cfg->queues[q].skill[0])
                out[q] += gs * qneed[(size_t)q * nt + t] / general * f;
    }
    free(tot), free(on);
}
