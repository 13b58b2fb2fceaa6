#include "assign.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/stats.h"
#include "../model/phone.h"
#include "../model/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int assign_week_of(const Roster *r, int d)
{
    return (d + date_weekday(r->first_day)) / 7;
}

int assign_can_work(const WfmConfig *cfg, const Roster *r, int g, int d)
{
    if (r->leave && r->leave[(size_t)g * r->ndays + d])
        return 0;
    for (int s = 0; s < cfg->nshifts; s++)
        if (shiftplan_runs(cfg, s, r->first_day + d) &&
            wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind))
            return 1;
    return 0;
}

int assign_must_after(const WfmConfig *cfg, const Roster *r, int g)
{
    const RosterAgent *ag = &r->agents[g];
    int n = 0, last = r->first_day + r->ndays - 1;
    for (int day = last + 1; r->ndays > 0 && date_weekday(day) != WD_MON; day++) {
        int runs = 0;
        for (int s = 0; s < cfg->nshifts && !runs; s++)
            runs = shiftplan_runs(cfg, s, day) && wfm_team_works(cfg, ag->team, ag->night_ok, cfg->shifts[s].kind);
        n += runs && wfm_must_work(cfg, ag->team, day);
    }
    return n;
}

int assign_contract_weeks(const WfmConfig *cfg, const Roster *r, int g, int carried, int carried_min, int *need)
{
    const RosterAgent *ag = &r->agents[g];
    int D = wfm_contract_days(cfg, ag->team, ag->night_ok, ag->weekly_hours), nd = r->ndays, total = 0;
    int most = 7 - cfg->min_days_off_per_week, nw = nd > 0 ? assign_week_of(r, nd - 1) + 1 : 0;
    for (int w = 0; w < nw; w++) {
        int n = 0, leave = 0, can = 0;
        for (int d = 0; d < nd; d++) {
            if (assign_week_of(r, d) != w)
                continue;
            n++;
            leave += r->leave && r->leave[(size_t)g * nd + d];
            can += assign_can_work(cfg, r, g, d);
        }
        /* What the carried-in days (week 0) and the next month's weekend
         * duty (the last week) leave of the week's days and hours. */
        int longest = wfm_longest_shift_min(cfg, ag->team, ag->night_ok), after = w == nw - 1 ? assign_must_after(cfg, r, g) : 0;
        int days = most - (w == 0 ? carried : 0) - after;
        int room = (int)lround(wfm_weekly_cap_h(cfg, ag->weekly_hours) * 60) - (w == 0 ? carried_min : 0) - after * longest;
        int k = D * n / 7 - leave;
        if (w == 0 && n < 7 && r->carry_unknown)   /* the week's first days are not known: nothing asked */
            k = 0;
        k = k < can ? k : can;
        k = k < days ? k : days;
        if (longest > 0 && k > room / longest)
            k = room / longest;
        need[w] = k > 0 ? k : 0;
        total += need[w];
    }
    return total;
}

typedef struct State {
    int run;             /* working days in a row up to yesterday */
    int month_shifts;
    int kind_count[SHIFT_KIND_COUNT];
    int weekends, remote_days, last_start;
    int owed;            /* days the contract still asks this week, today's not counted */
    int left;            /* days after today in the week he could still work (days_left) */
    int tight;           /* today's shift cannot be taken away: the week would fall short */
    const RuleSet *rs;   /* the general rules of his team (the greedy keeps their maxima and sequences) */
    uint32_t rules;      /* their state up to yesterday */
    int after;           /* the next month's days of weekend duty in the last week (assign_must_after) */
} State;

/* Days worked and hours in the Mon-Sun week of day index d, before d. */
static void week_so_far(const WfmConfig *cfg, const Roster *r, const Assign *a, int g, int d, int *days, double *hours)
{
    int wd = date_weekday(r->first_day + d);
    *days = 0;
    *hours = 0;
    for (int k = d - wd; k < d; k++) {
        if (k < -r->carry_days)
            continue;
        const Assign *x = &a[(size_t)g * (r->carry_days + r->ndays) + (size_t)(r->carry_days + k)];
        if (x->shift >= 0)
            (*days)++, *hours += (cfg->shifts[x->shift].length_min - cfg->shifts[x->shift].meal_min) / 60.0;
    }
}

static int may_work(const WfmConfig *cfg, const Roster *r, const Assign *a, const State *st, int g, int d, int s)
{
    const RosterAgent *ag = &r->agents[g];
    const ShiftTemplate *t = &cfg->shifts[s];
    size_t row = (size_t)g * (r->carry_days + r->ndays) + (size_t)r->carry_days;
    if (r->leave && r->leave[(size_t)g * r->ndays + d])
        return 0;
    if (a[row + d].shift != ROSTER_OFF)
        return 0;
    if (!wfm_team_works(cfg, ag->team, ag->night_ok, t->kind))
        return 0;
    /* Rest after yesterday's shift. */
    if (d > -r->carry_days) {
        const Assign *p = &a[row + d - 1];
        if (p->shift >= 0) {
            long end = -1440L + p->start_min + cfg->shifts[p->shift].length_min;
            if (t->start_min - end < (long)lround(cfg->min_rest_hours * 60))
                return 0;
        }
    }
    if (st->run + 1 > cfg->max_consecutive_days)
        return 0;
    uint32_t rules = st->rules;
    if (!wfm_rules_step(st->rs, &rules, s, wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d)))
        return 0;
    int days;
    double hours, h = (t->length_min - t->meal_min) / 60.0;
    week_so_far(cfg, r, a, g, d, &days, &hours);
    /* Room kept for the week's weekend days his team must still work. */
    int later = 0;
    for (int e = d + 1; e < r->ndays && assign_week_of(r, e) == assign_week_of(r, d); e++)
        later += wfm_must_work(cfg, ag->team, r->first_day + e) && !(r->leave && r->leave[(size_t)g * r->ndays + e]);
    if (assign_week_of(r, d) == assign_week_of(r, r->ndays - 1))
        later += st->after;   /* and the next month's, in this week */
    if (days + 1 + later > 7 - cfg->min_days_off_per_week)
        return 0;
    if (hours + h * (1 + later) > wfm_weekly_cap_h(cfg, ag->weekly_hours) + 1e-9)
        return 0;
    return 1;
}

/* Lower is better: who has had the least of this work. */
static double cost(const WfmConfig *cfg, const Roster *r, const State *st, int g, int d, int s)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    const RosterAgent *ag = &r->agents[g];
    int weekend = date_weekday(r->first_day + d) >= WD_SAT || cal_is_holiday(&cfg->holidays, r->first_day + d);
    double c = st->month_shifts * 10.0 / (ag->weekly_hours > 0 ? ag->weekly_hours / 40 : 1);
    c += st->kind_count[t->kind] * (t->kind == SHIFT_DAY ? 0 : 5 * cfg->fair_night);
    c += weekend ? st->weekends * 5 * cfg->fair_weekend : 0;
    c += st->last_start == t->start_min ? 2 * cfg->fair_early : 0;
    c -= 30 * st->owed;   /* the contract's days first */
    /* Teams first: the weekend team on weekends, the night team at night. */
    if (ag->team >= 0 && ag->team < cfg->nteams) {
        unsigned k = cfg->teams[ag->team].kinds;
        if (!(k & (1u << t->kind)))
            c += 1000;  /* a day agent allowed at night only when the night team is used up */
        if (weekend && strcmp(cfg->teams[ag->team].name, "weekend") == 0)
            c -= 50;
        if (!weekend && strcmp(cfg->teams[ag->team].name, "weekend") == 0)
            c += 30;
    }
    return c + g * 1e-6;  /* a stable tie-break */
}

typedef struct Cand {
    double c;
    int g;
} Cand;

static int cmp_cand(const void *x, const void *y)
{
    const Cand *a = x, *b = y;
    return (a->c > b->c) - (a->c < b->c);
}

/* Minutes of [a, b) inside [lo, hi). */
static int span_in(int a, int b, int lo, int hi)
{
    int x = a > lo ? a : lo, y = b < hi ? b : hi;
    return y > x ? y - x : 0;
}

/* Minutes of the interval of I minutes starting at minute lo of the month
 * that agent x of day index d is on duty (not at his meal). */
static double duty_in(const WfmConfig *cfg, const Assign *x, int d, int lo, int I)
{
    if (x->shift < 0)
        return 0;
    const ShiftTemplate *tp = &cfg->shifts[x->shift];
    int a = 1440 * d + x->start_min, b = a + tp->length_min;
    double m = span_in(a, b, lo, lo + I);
    if (tp->meal_min > 0 && x->meal_off_min >= 0)
        m -= span_in(a + x->meal_off_min, a + x->meal_off_min + tp->meal_min, lo, lo + I);
    return m;
}

/* Minutes of hour t (of the month) agent x of day index d is on duty. */
static double duty_in_hour(const WfmConfig *cfg, const Assign *x, int d, int t)
{
    return duty_in(cfg, x, d, 60 * t, 60);
}

/* Minutes of hour t with fewer agents with skill q on duty (off their
 * meals) than the queue's min_skilled, from shifts of days d-1 and d: the
 * queue must have them every minute. */
static int skill_gap(const WfmConfig *cfg, const Roster *r, const Assign *a, int q, int d, int t)
{
    int w = r->carry_days + r->ndays, gap = 0, k = wfm_min_skilled(cfg, q);
    unsigned char on[60] = { 0 };
    for (int g = 0; g < r->nagents; g++) {
        if (!(r->agents[g].skills & (1u << q)))
            continue;
        for (int dd = d - 1; dd <= d; dd++) {
            if (dd < -r->carry_days)
                continue;
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + dd)];
            if (x->shift < 0)
                continue;
            const ShiftTemplate *tp = &cfg->shifts[x->shift];
            int sa = 1440 * dd + x->start_min, ma = tp->meal_min > 0 && x->meal_off_min >= 0 ? sa + x->meal_off_min : -1;
            for (int m = 0; m < 60; m++) {
                int u = 60 * t + m;
                if (u >= sa && u < sa + tp->length_min && !(ma >= 0 && u >= ma && u < ma + tp->meal_min) && on[m] < k)
                    on[m]++;
            }
        }
    }
    for (int m = 0; m < 60; m++)
        gap += on[m] < k;
    return gap;
}

/* Would agent g's current meal (in a) uncover a needed skill hour of day d
 * that his meal at old_off left covered, for any of his skills? */
static int uncovers(const WfmConfig *cfg, const Roster *r, Assign *a, const unsigned char *need, int g, int d,
                    int old_off)
{
    int w = r->carry_days + r->ndays, nd = r->ndays;
    Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
    int now = x->meal_off_min;
    for (int q = 0; q < cfg->nqueues; q++) {
        if (!(r->agents[g].skills & (1u << q)) || !cfg->queues[q].skill[0])
            continue;
        for (int h = 0; h < 24; h++) {
            int t = 24 * d + h;
            if (!need[(size_t)q * 24 * nd + t])
                continue;
            int after = skill_gap(cfg, r, a, q, d, t);
            if (after == 0)
                continue;
            x->meal_off_min = old_off;
            int before = skill_gap(cfg, r, a, q, d, t);
            x->meal_off_min = now;
            if (before < after)
                return 1;
        }
    }
    return 0;
}

/* Where a skill queue's hour of day d lacks skilled duty, swap a skilled
 * free agent into the shift of an unskilled agent on duty in that hour
 * (who keeps it too when his week's contract days need it). */
static void repair_skills(const WfmConfig *cfg, const Roster *r, const unsigned char *need, Assign *a, State *st,
                          int d, int swaps, AssignStats *out)
{
    int w = r->carry_days + r->ndays, nd = r->ndays;
    for (int q = 0; q < cfg->nqueues; q++) {
        if (!cfg->queues[q].skill[0])
            continue;
        for (int h = 0; h < 24; h++) {
            int t = 24 * d + h;
            if (!need[(size_t)q * 24 * nd + t])
                continue;
            for (int tries = 0; tries < 4 && skill_gap(cfg, r, a, q, d, t) > 0; tries++) {
                int done = 0;
                for (int x = 0; x < r->nagents && !done && swaps; x++) {
                    Assign *ax = &a[(size_t)x * w + (size_t)(r->carry_days + d)];
                    /* Only agents without skills leave: another queue may need this one. */
                    if (ax->shift < 0 || ax->pinned || r->agents[x].skills || duty_in_hour(cfg, ax, d, t) < 60)
                        continue;
                    for (int y = 0; y < r->nagents && !done; y++) {
                        if (!(r->agents[y].skills & (1u << q)) || !may_work(cfg, r, a, &st[y], y, d, ax->shift))
                            continue;
                        Assign *ay = &a[(size_t)y * w + (size_t)(r->carry_days + d)];
                        *ay = *ax;
                        const ShiftTemplate *tp = &cfg->shifts[ay->shift];
                        if (!st[x].tight) {   /* else his week needs the shift: y comes as well */
                            ax->shift = ROSTER_OFF, ax->meal_off_min = -1, ax->remote = 0;
                            st[x].month_shifts--, st[x].kind_count[tp->kind]--;
                        }
                        st[y].month_shifts++, st[y].kind_count[tp->kind]++, st[y].last_start = tp->start_min;
                        out->skill_swaps++;
                        done = 1;
                    }
                }
                /* No swap: move a skilled agent's meal out of this hour, where
                 * that leaves every other needed hour of the queue covered. */
                for (int y = 0; y < r->nagents && !done; y++) {
                    Assign *ay = &a[(size_t)y * w + (size_t)(r->carry_days + d)];
                    if (!(r->agents[y].skills & (1u << q)) || ay->shift < 0 || ay->pinned)
                        continue;
                    const ShiftTemplate *tp = &cfg->shifts[ay->shift];
                    if (tp->meal_min <= 0 || duty_in_hour(cfg, ay, d, t) >= 60 ||
                        shiftplan_overlap(1440 * d + ay->start_min, 1440 * d + ay->start_min + tp->length_min, t) < 60)
                        continue;
                    int keep = ay->meal_off_min;
                    for (int off = tp->meal_from_min; off <= tp->meal_to_min && !done; off += 30) {
                        ay->meal_off_min = off;
                        done = skill_gap(cfg, r, a, q, d, t) == 0 && !uncovers(cfg, r, a, need, y, d, keep);
                    }
                    if (!done)
                        ay->meal_off_min = keep;
                    else
                        out->skill_swaps++;
                }
                if (!done)
                    break;
            }
            if (skill_gap(cfg, r, a, q, d, t) > 0)
                out->skill_hours_open++;
        }
    }
}

/* Meal starts for the take agents in who[] on template s of day d, spread
 * as the meal shares y say (largest remainder). */
static void give_meals(const WfmConfig *cfg, const double *y, int s, const int *who, int take, const Roster *r,
                       Assign *a, int d)
{
    int w = r->carry_days + r->ndays;
    double tot = 0, v[SHIFTPLAN_MEAL_SLOTS];
    int slots[SHIFTPLAN_MEAL_SLOTS] = { 0 };
    for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS; b++)
        tot += y[b];
    for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS && tot > 0; b++)
        v[b] = y[b] / tot * take;
    if (tot > 0)
        stats_round_to_total(v, SHIFTPLAN_MEAL_SLOTS, take, slots);
    const ShiftTemplate *t = &cfg->shifts[s];
    for (int i = 0, b = 0; i < take; i++) {
        Assign *x = &a[(size_t)who[i] * w + (size_t)(r->carry_days + d)];
        x->meal_off_min = -1;
        if (t->meal_min <= 0)
            continue;
        if (tot <= 0) {
            x->meal_off_min = wfm_meal_mid(t);
            continue;
        }
        while (b < SHIFTPLAN_MEAL_SLOTS - 1 && slots[b] == 0)
            b++;
        int off = t->meal_from_min + 30 * b;
        x->meal_off_min = off <= t->meal_to_min ? off : t->meal_from_min;
        if (slots[b] > 0)
            slots[b]--;
    }
}

static void took(const WfmConfig *cfg, State *sg, int s, int day)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    sg->month_shifts++;
    sg->kind_count[t->kind]++;
    sg->weekends += date_weekday(day) >= WD_SAT || cal_is_holiday(&cfg->holidays, day);
    sg->last_start = t->start_min;
}

/* Days after d in d's calendar week, inside the month, that agent g could
 * work (not on leave, a template of his team running). */
static int days_left(const WfmConfig *cfg, const Roster *r, int g, int d)
{
    int n = 0;
    for (int e = d + 1; e < r->ndays && assign_week_of(r, e) == assign_week_of(r, d); e++)
        n += assign_can_work(cfg, r, g, e);
    return n;
}

/* The contract's days (rules.contract_days) of day d: an agent off today
 * who could no longer reach his week's days, or whose team works every
 * weekend on a Saturday or Sunday, takes the day's template with the most
 * planned starts that he may work (over the plan). */
static void contract_day(const WfmConfig *cfg, const ShiftPlanOut *plan, const Roster *r, Assign *a, State *st,
                         int d, AssignStats *out)
{
    int nd = r->ndays, ns = cfg->nshifts, w = r->carry_days + nd;
    for (int g = 0; g < r->nagents; g++) {
        Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
        if (x->shift != ROSTER_OFF || (st[g].owed <= st[g].left && !wfm_must_work(cfg, r->agents[g].team, r->first_day + d)))
            continue;
        int best = -1;
        for (int s = 0; s < ns; s++)
            if (shiftplan_runs(cfg, s, r->first_day + d) && may_work(cfg, r, a, &st[g], g, d, s) &&
                (best < 0 || plan->count[d * ns + s] > plan->count[d * ns + best]))
                best = s;
        if (best < 0)
            continue;   /* the checker will name the week */
        const ShiftTemplate *t = &cfg->shifts[best];
        x->shift = best, x->start_min = t->start_min, x->meal_off_min = wfm_meal_mid(t);
        took(cfg, &st[g], best, r->first_day + d);
        out->contract_adds++;
    }
}

/* Day d once its shifts are given: skills (swaps only where later days are
 * still open), the contract's days (a plan's roster), extra-break slots,
 * runs, remote days. */
static void finish_day(const WfmConfig *cfg, const ShiftPlanOut *plan, const Roster *r, const unsigned char *skill_need,
                       Assign *a, State *st, Cand *cand, int d, int swaps, AssignStats *out)
{
    int ng = r->nagents, ns = cfg->nshifts, w = r->carry_days + r->ndays;
    for (int g = 0; g < ng && plan; g++) {   /* whose week needs today's shift: no skill swap takes it */
        st[g].left = days_left(cfg, r, g, d);
        st[g].tight = a[(size_t)g * w + (size_t)(r->carry_days + d)].shift >= 0 && st[g].owed > st[g].left;
    }
    if (skill_need)
        repair_skills(cfg, r, skill_need, a, st, d, swaps, out);
    if (plan)
        contract_day(cfg, plan, r, a, st, d, out);
    /* Extra-break slots: round the template's agents of the day. */
    for (int s = 0; s < ns; s++) {
        int i = 0;
        for (int g = 0; g < ng; g++) {
            Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            if (x->shift == s)
                x->break_slot = i++ % 8;
        }
    }
    /* Runs of working days and the general rules' state, for tomorrow. */
    for (int g = 0; g < ng; g++) {
        int x = a[(size_t)g * w + (size_t)(r->carry_days + d)].shift;
        st[g].run = x >= 0 ? st[g].run + 1 : 0;
        wfm_rules_step(st[g].rs, &st[g].rules, x, wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d));
    }
    /* Remote days: the eligible agents with the fewest so far, up to the
     * share of the day's agents and the seats. */
    int working = 0, nc = 0;
    for (int g = 0; g < ng; g++) {
        const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
        if (x->shift < 0)
            continue;
        working++;
        if (r->agents[g].remote_ok && cfg->shifts[x->shift].remote_ok)
            cand[nc].g = g, cand[nc].c = st[g].remote_days + g * 1e-6, nc++;
    }
    int cap = (int)floor(cfg->remote_max_share * working + 1e-9);
    if (cfg->remote_seats > 0 && cap > cfg->remote_seats)
        cap = cfg->remote_seats;
    qsort(cand, (size_t)nc, sizeof *cand, cmp_cand);
    for (int i = 0; i < nc && i < cap; i++) {
        a[(size_t)cand[i].g * w + (size_t)(r->carry_days + d)].remote = 1;
        st[cand[i].g].remote_days++;
    }
}

/* Clears the month's days (leave kept) and counts the carried-in run and
 * rules' state; *sets (the teams' general rules) is the caller's to free. */
static State *start_month(const WfmConfig *cfg, const Roster *r, Assign *a, RuleSet **sets)
{
    int ng = r->nagents, nd = r->ndays, w = r->carry_days + nd;
    State *st = xcalloc((size_t)(ng ? ng : 1), sizeof *st);
    *sets = xmalloc(sizeof **sets * (size_t)(cfg->nteams + 1));
    for (int t = -1; t < cfg->nteams; t++)
        wfm_rules_compile(cfg, t, &(*sets)[t + 1]);
    for (int g = 0; g < ng; g++) {
        int team = r->agents[g].team;
        st[g].last_start = -1;
        st[g].rs = &(*sets)[team >= 0 && team < cfg->nteams ? team + 1 : 0];
        st[g].rules = WFM_RULES_START;
        st[g].after = assign_must_after(cfg, r, g);
        for (int d = -r->carry_days; d < 0; d++) {
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            st[g].run = x->shift >= 0 ? st[g].run + 1 : 0;
            wfm_rules_step(st[g].rs, &st[g].rules, x->shift >= 0 || x->shift == ROSTER_LEAVE ? x->shift : ROSTER_OFF,
                           wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d));
        }
        for (int d = 0; d < nd; d++) {
            Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            x->shift = r->leave && r->leave[(size_t)g * nd + d] ? ROSTER_LEAVE : ROSTER_OFF;
            x->start_min = 0, x->meal_off_min = -1, x->remote = 0, x->pinned = 0, x->break_slot = 0;
        }
    }
    return st;
}

void assign_roster(const WfmConfig *cfg, const ShiftPlanOut *plan, const Roster *r, const unsigned char *skill_need,
                   Assign *a, AssignStats *out)
{
    int ng = r->nagents, nd = r->ndays, ns = cfg->nshifts;
    RuleSet *sets;
    State *st = start_month(cfg, r, a, &sets);
    Cand *cand = xmalloc(sizeof *cand * (size_t)(ng ? ng : 1));
    int *order = xmalloc(sizeof *order * (size_t)ns), *who = xmalloc(sizeof *who * (size_t)(ng ? ng : 1));

    memset(out, 0, sizeof *out);
    /* The contract's days, week by week (need), and those worked in the
     * month's part of the current week (wk). */
    int *wneed = xcalloc((size_t)(ng ? ng : 1) * ASSIGN_WEEKS, sizeof *wneed), *wk = xcalloc((size_t)(ng ? ng : 1), sizeof *wk);
    for (int g = 0; g < ng; g++) {
        int days;
        double hours;
        week_so_far(cfg, r, a, g, 0, &days, &hours);
        assign_contract_weeks(cfg, r, g, days, (int)lround(hours * 60), &wneed[g * ASSIGN_WEEKS]);
    }
    /* Scarce work first: night, then evening, then day templates. */
    int k = 0;
    for (int kind = SHIFT_NIGHT; kind >= SHIFT_DAY; kind--)
        for (int s = 0; s < ns; s++)
            if (cfg->shifts[s].kind == kind)
                order[k++] = s;
    for (int d = 0; d < nd; d++) {
        int day = r->first_day + d;
        for (int g = 0; g < ng; g++) {
            if (date_weekday(day) == WD_MON)
                wk[g] = 0;
            st[g].owed = wneed[g * ASSIGN_WEEKS + assign_week_of(r, d)] - wk[g];
        }
        for (int oi = 0; oi < ns; oi++) {
            int s = order[oi], need = plan->count[d * ns + s];
            if (need <= 0 || !shiftplan_runs(cfg, s, day))
                continue;
            int nc = 0;
            for (int g = 0; g < ng; g++)
                if (may_work(cfg, r, a, &st[g], g, d, s))
                    cand[nc].g = g, cand[nc].c = cost(cfg, r, &st[g], g, d, s), nc++;
            qsort(cand, (size_t)nc, sizeof *cand, cmp_cand);
            int take = need < nc ? need : nc;
            out->filled += take;
            out->unfilled += need - take;
            for (int i = 0; i < take; i++) {
                Assign *x = &a[(size_t)cand[i].g * (r->carry_days + nd) + (size_t)(r->carry_days + d)];
                x->shift = s, x->start_min = cfg->shifts[s].start_min;
                took(cfg, &st[cand[i].g], s, day);
                who[i] = cand[i].g;
            }
            give_meals(cfg, &plan->meal[(size_t)(d * ns + s) * SHIFTPLAN_MEAL_SLOTS], s, who, take, r, a, d);
        }
        finish_day(cfg, plan, r, skill_need, a, st, cand, d, 1, out);
        for (int g = 0; g < ng; g++)
            wk[g] += a[(size_t)g * (r->carry_days + nd) + (size_t)(r->carry_days + d)].shift >= 0;
    }
    free(st), free(sets), free(cand), free(order), free(who), free(wneed), free(wk);
}

void assign_months(const WfmConfig *cfg, const int *choice, const double *meal, const Roster *r,
                   const unsigned char *skill_need, Assign *a, AssignStats *out)
{
    int ng = r->nagents, nd = r->ndays, ns = cfg->nshifts;
    RuleSet *sets;
    State *st = start_month(cfg, r, a, &sets);
    Cand *cand = xmalloc(sizeof *cand * (size_t)(ng ? ng : 1));
    int *who = xmalloc(sizeof *who * (size_t)(ng ? ng : 1));

    memset(out, 0, sizeof *out);
    for (int d = 0; d < nd; d++) {
        int day = r->first_day + d;
        for (int s = 0; s < ns; s++) {
            int take = 0;
            for (int g = 0; g < ng; g++)
                if (choice[(size_t)g * nd + d] == s) {
                    Assign *x = &a[(size_t)g * (r->carry_days + nd) + (size_t)(r->carry_days + d)];
                    x->shift = s, x->start_min = cfg->shifts[s].start_min;
                    took(cfg, &st[g], s, day);
                    who[take++] = g;
                }
            out->filled += take;
            if (take)
                give_meals(cfg, &meal[(size_t)(d * ns + s) * SHIFTPLAN_MEAL_SLOTS], s, who, take, r, a, d);
        }
        finish_day(cfg, NULL, r, skill_need, a, st, cand, d, 0, out);
    }
    free(st), free(sets), free(cand), free(who);
}

/* The plan's weights per agent-hour. */
/* Interval t's cost (I minutes: its share of an hour's weights). */
static double slot_cost(const WfmConfig *cfg, int t, int I, double cov, double need)
{
    double u = need - cov;
    return I / 60.0 * (u > 0 ? u * SHIFTPLAN_W_UNDER * (cfg->weak_hours[t * I / 60 % 24] ? cfg->weak_weight : 1)
                             : -u * SHIFTPLAN_W_OVER);
}

/* A tie-breaker beside it: a small square of the shortage.  With linear
 * weights alone, moving a meal between two short hours costs nothing, and
 * the meals of a whole shift could pile into one hour (a roster report
 * showed 155 D09 meals at 12:00 and a predicted answer rate of 29% there);
 * the square spreads a shortage without changing the linear objective. */
static double hour_spread(double cov, double need)
{
    double u = need - cov;
    return u > 0 ? 1e-3 * u * u : 0;
}

/* Agent x's day d as the tuning counts it: model/phone's day (his shift
 * with any overtime, his meal and extra breaks off the phone), his meal,
 * and what a minute on the phone is worth in the requirement's unit (as
 * check_on_duty counts it), 60 / (60 - extra_break_min). */
typedef struct TuneDay {
    PhoneDay p;
    double ma, mb, worth;
} TuneDay;

static int tune_day(const WfmConfig *cfg, const Assign *x, int d, TuneDay *D)
{
    if (!roster_phone_day(cfg, x, d, &D->p))
        return 0;
    const ShiftTemplate *tp = &cfg->shifts[x->shift];
    double brk = cfg->extra_break_min > 0 && cfg->extra_break_min < 60 ? cfg->extra_break_min : 0;
    D->ma = D->mb = 0;
    if (tp->meal_min > 0 && x->meal_off_min >= 0)
        D->ma = 1440.0 * d + x->start_min + x->meal_off_min, D->mb = D->ma + tp->meal_min;
    D->worth = 60 / (60 - brk);
    return 1;
}

/* Minutes of [lo, hi) of the month the day is on the phone, in the
 * requirement's unit; with breaks 0, minutes on duty (the solver's model:
 * the breaks as their share). */
static double tune_phone(const TuneDay *D, double lo, double hi, int breaks)
{
    if (breaks)
        return roster_phone_minutes(&D->p, lo, hi) * D->worth;
    return fmax(0, fmin(D->p.b / 60.0, hi) - fmax(D->p.a / 60.0, lo)) - fmax(0, fmin(D->mb, hi) - fmax(D->ma, lo));
}

/* The month as tune_meals sees it: agents on the phone per interval of I
 * minutes (cov) and per 7.5-minute block (blk, 8 an hour), and how many of
 * each template's agents of a day take their extra break in each slot. */
typedef struct Tune {
    const WfmConfig *cfg;
    const double *need;
    int I, per, nh, nb;
    double *cov, *blk, *duty;   /* duty: on duty per interval, the solver's model */
    int *cnt, *tot;   /* (d x nshifts + s) x 8 + slot; d x nshifts + s */
    /* Skill queues (skill_need given): per queue with a skill and half
     * minute of the month, its agents on the phone; where the queue is
     * open (hourly skill_need). */
    const unsigned char *skill_need;
    unsigned short *sk;
    int nq, nhalf;
    unsigned qmask;
    /* With skill_duty: per queue with a skill and interval, what it needs
     * of its own agents (qneed) and its agents on the phone (qcov), in the
     * requirement's unit. */
    const double *qneed;
    double *qcov;
} Tune;

#define BLK 7.5
#define BLK_DAY 192

/* Interval and block ranges day D can reach. */
static void tune_range(const Tune *T, const TuneDay *D, int *t0, int *t1, int *b0, int *b1)
{
    double a = D->p.a / 60.0, b = D->p.b / 60.0;
    *t0 = (int)floor(a / T->I), *t1 = (int)ceil(b / T->I);
    *b0 = (int)floor(a / BLK), *b1 = (int)ceil(b / BLK);
    *t0 = *t0 < 0 ? 0 : *t0, *b0 = *b0 < 0 ? 0 : *b0;
    *t1 = *t1 > T->nh ? T->nh : *t1, *b1 = *b1 > T->nb ? T->nb : *b1;
}

/* Agent x of day d added to (sign 1) or taken from (-1) the month's
 * counts: the pool's on the phone and on duty per interval and block, and
 * with skill_duty his skill queues' on the phone (skills: his bits). */
static void tune_put(Tune *T, const Assign *x, int d, double sign, unsigned skills)
{
    int t0, t1, b0, b1;
    TuneDay D;
    if (!tune_day(T->cfg, x, d, &D))
        return;
    skills = T->qcov ? skills & T->qmask : 0;
    tune_range(T, &D, &t0, &t1, &b0, &b1);
    for (int t = t0; t < t1; t++) {
        double ph = sign * tune_phone(&D, (double)t * T->I, (double)(t + 1) * T->I, 1) / T->I;
        T->cov[t] += ph;
        T->duty[t] += sign * tune_phone(&D, (double)t * T->I, (double)(t + 1) * T->I, 0) / T->I;
        for (int q = 0; q < T->nq && skills; q++)
            if (skills & (1u << q))
                T->qcov[(size_t)q * T->nh + (size_t)t] += ph;
    }
    for (int k = b0; k < b1; k++)
        T->blk[k] += sign * tune_phone(&D, k * BLK, (k + 1) * BLK, 1) / BLK;
}

/* Agent x of day d (skills: his skill bits among the queues) added to or
 * taken from the queues' counts on the phone, per half minute. */
static void tune_skill_put(Tune *T, const Assign *x, int d, unsigned skills, int sign)
{
    PhoneDay p;
    if (!T->sk || !(skills &= T->qmask) || !roster_phone_day(T->cfg, x, d, &p))
        return;
    for (long u = p.a > 0 ? p.a / 30 : 0, i = 0; u < p.b / 30 && u < T->nhalf; u++) {
        while (i < p.n && p.off[i][1] <= 30 * u)
            i++;
        if (i < p.n && p.off[i][0] <= 30 * u)   /* the half minute starts off the phone */
            continue;
        for (int q = 0; q < T->nq; q++)
            if (skills & (1u << q))
                T->sk[(size_t)q * T->nhalf + (size_t)u] += sign;
    }
}

/* Minutes of agent x's shift (day d) in which one of his skill queues (skill
 * bits) is open and has fewer than its min_skilled on the phone, counts as
 * they stand. */
static double tune_skill_gap(const Tune *T, const Assign *x, int d, unsigned skills)
{
    PhoneDay p;
    if (!T->sk || !(skills &= T->qmask) || !roster_phone_day(T->cfg, x, d, &p))
        return 0;
    int gap = 0, nh = T->nhalf / 120;
    for (long u = p.a > 0 ? p.a / 30 : 0; u < p.b / 30 && u < T->nhalf; u++)
        for (int q = 0; q < T->nq; q++)
            gap += (skills & (1u << q)) && T->skill_need[(size_t)q * nh + u / 120] &&
                   T->sk[(size_t)q * T->nhalf + (size_t)u] < wfm_min_skilled(T->cfg, q);
    return gap / 2.0;
}

/* The skill gap of agent x's day were he put back as he is (the counts
 * without him: tune_skill_put -1). */
static double tune_skill_gap_with(Tune *T, const Assign *x, int d, unsigned skills)
{
    if (!T->sk || !(skills & T->qmask))
        return 0;
    tune_skill_put(T, x, d, skills, 1);
    double gap = tune_skill_gap(T, x, d, skills);
    tune_skill_put(T, x, d, skills, -1);
    return gap;
}

/* What interval t's skill queues lack of their own need (agents on the
 * phone with the skill: mine of them with skills bits, his on top), at the
 * under-coverage price: the objective's skill term (colgen_skill_cost)
 * with breaks at their minutes.  Beside the pool's cost, so a skilled
 * agent's meal goes where his queue can spare him even when the pool is
 * short at both times (the pool's calls then wait, not the queue's). */
static double tune_skill_short(const Tune *T, int t, unsigned mine, double his)
{
    double sk = 0;
    if (!T->qcov)
        return 0;
    for (int q = 0; q < T->nq; q++)
        if (T->qmask & (1u << q))
            sk += fmax(0, T->qneed[(size_t)q * T->nh + (size_t)t] - T->qcov[(size_t)q * T->nh + (size_t)t] -
                              (mine & (1u << q) ? his : 0));
    return sk > 0 ? slot_cost(T->cfg, t, T->I, 0, sk) : 0;
}

/* What agent x (taken out of the month) costs put back as he is: the
 * linear objective over his intervals at their minutes (*lin) and in the
 * solver's model (*model, breaks as their share), and beside it what the
 * skill queues' own shortfall adds (tune_skill_short; skills: his bits)
 * and the square of the shortage in every 7.5-minute block (a block's need
 * is its interval's), so that meals and breaks spread at the minute as
 * well. */
static double tune_cost(const Tune *T, const Assign *x, int d, unsigned skills, double *lin, double *model)
{
    int t0, t1, b0, b1;
    double sp = 0;
    TuneDay D;
    *lin = *model = 0;
    if (!tune_day(T->cfg, x, d, &D))
        return 0;
    tune_range(T, &D, &t0, &t1, &b0, &b1);
    for (int t = t0; t < t1; t++) {
        double lo = (double)t * T->I, hi = lo + T->I, ph = tune_phone(&D, lo, hi, 1) / T->I;
        *lin += slot_cost(T->cfg, t, T->I, T->cov[t] + ph, T->need[t]);
        *model += slot_cost(T->cfg, t, T->I, T->duty[t] + tune_phone(&D, lo, hi, 0) / T->I, T->need[t]);
        sp += tune_skill_short(T, t, skills, ph);
    }
    for (int k = b0; k < b1; k++) {
        int t = (int)(k * BLK / T->I);
        sp += hour_spread(T->blk[k] + tune_phone(&D, k * BLK, (k + 1) * BLK, 1) / BLK, T->need[t]) * BLK / T->I;
    }
    return *lin + sp;
}

/* Skilled agent g's meal of day d swapped with an agent's without a
 * skill queue on his template and start whose meal is elsewhere (the
 * first such agent of each meal time), where that costs less: the pool
 * keeps its agents on the phone and his queue gets him back where it is
 * short - what moving his meal alone cannot do when the pool is short at
 * both times.  Both are in T.  The pool's saving goes to *saved; returns
 * the cost's. */
static double tune_swap(Tune *T, const Roster *r, Assign *a, const unsigned char *skill_need, int g, int d,
                        double *saved)
{
    const WfmConfig *cfg = T->cfg;
    int w = r->carry_days + r->ndays;
    Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
    unsigned sk = r->agents[g].skills;
    if (!(sk & T->qmask) || x->shift < 0 || x->pinned || x->meal_off_min < 0 || cfg->shifts[x->shift].meal_min <= 0)
        return 0;
    double gain = 0;
    unsigned tried = 0;   /* meal times (30 minutes from the window's start) tried */
    for (int y = 0; y < r->nagents; y++) {
        Assign *o = &a[(size_t)y * w + (size_t)(r->carry_days + d)];
        int k = (o->meal_off_min - cfg->shifts[x->shift].meal_from_min) / 30;
        if (r->agents[y].skills || o->shift != x->shift || o->start_min != x->start_min || o->pinned ||
            o->meal_off_min < 0 || o->meal_off_min == x->meal_off_min || k < 0 || k >= 32 || (tried >> k & 1))
            continue;
        tried |= 1u << k;
        double lin0, lin1, mod, c0, c1;
        tune_put(T, o, d, -1, 0);   /* the cost of his intervals (theirs: the same shift) with both in */
        c0 = tune_cost(T, o, d, 0, &lin0, &mod);
        for (int swap = 0; swap < 2; swap++) {
            tune_put(T, x, d, -1, sk), tune_skill_put(T, x, d, sk, -1);
            int m = x->meal_off_min;
            x->meal_off_min = o->meal_off_min, o->meal_off_min = m;
            tune_put(T, x, d, 1, sk), tune_skill_put(T, x, d, sk, 1);
            if (swap)
                break;   /* put back as they were */
            c1 = tune_cost(T, o, d, 0, &lin1, &mod);
            if (c1 < c0 - 1e-9 && !(skill_need && uncovers(cfg, r, a, skill_need, g, d, o->meal_off_min))) {
                gain += c0 - c1, *saved += lin0 - lin1;
                tried = 1u << k;   /* his meal moved: the other times again */
                break;
            }
        }
        tune_put(T, o, d, 1, 0);
    }
    return gain;
}

/* Meals inside their windows and extra-break slots, agent by agent, to
 * where coverage on the phone against need costs least (see assign.h). */
double assign_tune_meals(const WfmConfig *cfg, const Roster *r, const double *need, int I,
                         const unsigned char *skill_need, const double *skill_duty, Assign *a)
{
    int nd = r->ndays, w = r->carry_days + nd, ns = cfg->nshifts;
    Tune T = { cfg, need, I, 1440 / I, 1440 / I * nd, BLK_DAY * nd, NULL, NULL, NULL, NULL, NULL, skill_need, NULL,
               cfg->nqueues, 2880 * nd, 0, skill_duty, NULL };
    for (int q = 0; q < cfg->nqueues && q < 32 && skill_need; q++)
        if (cfg->queues[q].skill[0])
            T.qmask |= 1u << q;
    if (T.qmask)
        T.sk = xcalloc((size_t)T.nq * (size_t)T.nhalf, sizeof *T.sk);
    if (T.qmask && skill_duty)
        T.qcov = xcalloc((size_t)T.nq * (size_t)T.nh, sizeof *T.qcov);
    double saved = 0;
    T.cov = xcalloc((size_t)T.nh + 1, sizeof *T.cov), T.duty = xcalloc((size_t)T.nh + 1, sizeof *T.duty);
    T.blk = xcalloc((size_t)T.nb + 1, sizeof *T.blk);
    T.cnt = xcalloc((size_t)nd * (size_t)ns * 8 + 1, sizeof *T.cnt), T.tot = xcalloc((size_t)nd * (size_t)ns + 1, sizeof *T.tot);
    /* Every shift that reaches into the month; the slots of the month's days. */
    for (int g = 0; g < r->nagents; g++)
        for (int d = -1; d < nd; d++) {
            if (d < -r->carry_days)
                continue;
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            tune_put(&T, x, d, 1, r->agents[g].skills);
            tune_skill_put(&T, x, d, r->agents[g].skills, 1);
            if (d >= 0 && x->shift >= 0 && x->break_slot >= 0 && x->break_slot < 8)
                T.cnt[((size_t)d * ns + (size_t)x->shift) * 8 + (size_t)x->break_slot]++;
            if (d >= 0 && x->shift >= 0)
                T.tot[(size_t)d * ns + (size_t)x->shift]++;
        }
    for (int pass = 0; pass < 4; pass++) {
        double gained = 0;   /* the linear saving and the spread's */
        for (int d = 0; d < nd; d++)
            for (int g = 0; g < r->nagents; g++) {
                Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
                if (x->shift < 0)
                    continue;
                const ShiftTemplate *tp = &cfg->shifts[x->shift];
                double lin, mod, c, cur_lin, cur_mod, cur_c;
                unsigned sk = r->agents[g].skills;
                tune_put(&T, x, d, -1, sk);   /* take him out, try, put him back at the best */
                tune_skill_put(&T, x, d, sk, -1);
                cur_c = tune_cost(&T, x, d, sk, &cur_lin, &cur_mod);
                /* His meal, the skill queues' minutes kept, where the
                 * minutes' cost is least (what callers get, and what the
                 * bound at the minute proves; the solver's model, breaks
                 * as their share, only breaks ties). */
                if (tp->meal_min > 0 && !x->pinned) {
                    int cur = x->meal_off_min, best = cur;
                    double best_c = cur_c, best_lin = cur_lin, best_mod = cur_mod;
                    for (int off = tp->meal_from_min; off <= tp->meal_to_min; off += 30) {
                        if (off == cur)
                            continue;
                        x->meal_off_min = off;
                        c = tune_cost(&T, x, d, sk, &lin, &mod);
                        if ((c < best_c - 1e-9 || (c < best_c + 1e-9 && mod < best_mod - 1e-9)) &&
                            !(skill_need && r->agents[g].skills && uncovers(cfg, r, a, skill_need, g, d, cur)))
                            best_c = c, best = off, best_lin = lin, best_mod = mod;
                    }
                    x->meal_off_min = best;
                    saved += cur_lin - best_lin, gained += cur_c - best_c;
                    cur_c = best_c, cur_lin = best_lin;
                }
                /* His extra break: another slot with room in his template's
                 * day (at most one in 8 of its agents, rounded up, a slot). */
                int *cnt = &T.cnt[((size_t)d * ns + (size_t)x->shift) * 8], cap = (T.tot[(size_t)d * ns + (size_t)x->shift] + 7) / 8;
                /* A skilled agent's break goes first where his queues keep
                 * someone on the phone every minute (breaks of two skilled
                 * agents at once leave a queue with nobody). */
                int cur = x->break_slot, best = cur;
                double best_c = cur_c, best_lin = cur_lin, best_gap = tune_skill_gap_with(&T, x, d, sk);
                for (int k = 0; k < 8 && cur >= 0 && cur < 8; k++) {
                    if (k == cur || cnt[k] >= cap)
                        continue;
                    x->break_slot = k;
                    double gap = tune_skill_gap_with(&T, x, d, sk);
                    c = tune_cost(&T, x, d, sk, &lin, &mod);
                    if (gap < best_gap - 1e-9 || (gap < best_gap + 1e-9 && c < best_c - 1e-9))
                        best_c = c, best = k, best_lin = lin, best_gap = gap;
                }
                x->break_slot = best;
                if (best != cur)
                    cnt[cur]--, cnt[best]++;
                saved += cur_lin - best_lin, gained += cur_c - best_c;
                tune_put(&T, x, d, 1, sk);
                tune_skill_put(&T, x, d, sk, 1);
            }
        for (int d = 0; d < nd && T.qcov; d++)   /* skilled agents' meals swapped with the pool's */
            for (int g = 0; g < r->nagents; g++)
                gained += tune_swap(&T, r, a, skill_need, g, d, &saved);
        if (gained < 1e-6)
            break;
    }
    free(T.cov), free(T.duty), free(T.blk), free(T.cnt), free(T.tot), free(T.sk), free(T.qcov);
    return saved;
}
