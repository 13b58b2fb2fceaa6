#include "cli.h"
#include "../core/alloc.h"
#include "../core/throttle.h"
#include "../data/csvin.h"
#include "../solver/assign.h"
#include "../solver/check.h"
#include "../solver/colgen.h"
#include "../solver/shiftplan.h"
#include "../model/rules.h"
#include "../model/phone.h"
#include "../model/regular.h"
#include "../model/staff.h"
#include "../model/surge.h"
#include "../reports/rep_roster.h"
#include "../reports/rep_index.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days carried in from the month before, for rest, runs and weekly rules. */
#define CARRY 7

/* The month's roster inputs from the store. */
typedef struct RosterCtx {
    int first, ndays, n;
    int I, nt;                 /* the duty grid: nt intervals of I minutes */
    RosterAgent *ag;
    unsigned char *leave, *skill;
    Assign *a;
    double *need, *phone, *offered;
    double *need_i;            /* nt: agents needed on duty per interval */
    double *qduty, *qduty_i;   /* nqueues x 24 ndays, x nt: what each queue alone needs on duty */
    unsigned char *open;       /* nt: a template running reaches the interval */
    RosterPref *pref;
    int npref;
    Roster r;
} RosterCtx;

static void ctx_free(RosterCtx *c)
{
    free(c->ag), free(c->leave), free(c->skill), free(c->a), free(c->need), free(c->phone), free(c->offered);
    free(c->need_i), free(c->qduty), free(c->qduty_i), free(c->open);
    free(c->pref);
    memset(c, 0, sizeof *c);
}

/* A partly open hour's calls arrive in its open part: where the templates
 * running (this day's, and last day's reaching past midnight) cover only
 * some of an hour's intervals, those need the agents for the hour's calls
 * at the rate of the open part (staffed again, the configured model), the
 * rest none - the pooled need and each queue's own.  Wholly closed hours
 * keep their need: their calls are short. */
/* How many of hour h's intervals a running template reaches (c->open). */
static int open_in_hour(const RosterCtx *c, size_t h)
{
    int per = 60 / c->I, k = 0;
    for (int i = 0; i < per; i++)
        k += c->open[h * per + (size_t)i];
    return k;
}

/* Restaffs the partly open hours of n hours of demand (off, aht, pat; hour
 * h is hour h % nh of the month) into need (nt intervals a block, block
 * h / nh): an open interval of such an hour needs the agents for its
 * calls at the rate of the open part, the others none. */
static int restaff_open(const WfmConfig *cfg, const RosterCtx *c, size_t n, const double *off, const double *aht,
                        const double *pat, double *need, WfmErr *err)
{
    int per = 60 / c->I;
    size_t nh = 24 * (size_t)c->ndays;
    for (size_t j = 0; j < n; j++) {
        size_t h = j % nh, at = j / nh * (size_t)c->nt + h * per;
        int k = open_in_hour(c, h), rc;
        if (k == 0 || k == per || off[j] <= 0)
            continue;
        StaffHour sh = { off[j] * per / k, aht[j], pat[j], 0, 0, 0, 0, 0, 0 };
        if ((rc = staff_hours(cfg, cfg->model, &sh, 1, err)))
            return rc;
        for (int i = 0; i < per; i++)
            need[at + i] = c->open[h * per + i] ? sh.duty : 0;
    }
    return 0;
}

static int open_part(Store *s, const WfmConfig *cfg, RosterCtx *c, WfmErr *err)
{
    int rc = 0;
    size_t nh = 24 * (size_t)c->ndays, nq = (size_t)cfg->nqueues * nh;
    unsigned char *open = c->open = xcalloc((size_t)c->nt, 1);
    for (int d = -1; d < c->ndays; d++)
        for (int k = 0; k < cfg->nshifts; k++) {
            const ShiftTemplate *t = &cfg->shifts[k];
            if (!shiftplan_runs(cfg, k, c->first + d))
                continue;
            int a = 1440 * d + t->start_min, b = a + t->length_min;
            for (int i = a > 0 ? a / c->I : 0; i < c->nt && i * c->I < b; i++)
                open[i] = 1;
        }
    size_t cap = nq > nh ? nq : nh;   /* the pooled hours, then every queue's */
    double *off = xmalloc(sizeof *off * cap), *aht = xmalloc(sizeof *aht * cap), *pat = xmalloc(sizeof *pat * cap);
    if (store_read_demand(s, c->first, c->ndays, off, aht, pat, err) == 0)
        rc = restaff_open(cfg, c, nh, off, aht, pat, c->need_i, err);
    /* Each queue's own need the same way (its calls, AHT and patience). */
    if (!rc && store_read_queue_demand(s, cfg, c->first, c->ndays, off, aht, pat, err) == 0)
        rc = restaff_open(cfg, c, nq, off, aht, pat, c->qduty_i, err);
    free(off), free(aht), free(pat);
    return rc;
}

static int ctx_load(Store *s, const WfmConfig *cfg, const char *month, RosterCtx *c, WfmErr *err)
{
    int64_t run;
    int rc;
    memset(c, 0, sizeof *c);
    if (!month || date_parse_month(month, &c->first, &c->ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month ? month : "");
    size_t nh = 24 * (size_t)c->ndays;
    c->need = xmalloc(sizeof *c->need * nh);
    c->phone = xmalloc(sizeof *c->phone * nh);
    c->offered = xmalloc(sizeof *c->offered * nh);
    c->skill = xmalloc((size_t)cfg->nqueues * nh);
    c->qduty = xmalloc(sizeof *c->qduty * (size_t)cfg->nqueues * nh);
    if ((rc = store_read_requirement(s, c->first, c->ndays, &run, c->phone, c->need, c->offered, err)) ||
        (rc = store_read_queue_open(s, cfg, c->first, c->ndays, c->skill, c->qduty, err)) ||
        (rc = store_read_roster_agents(s, cfg, &c->ag, &c->n, err)))
        return rc;
    c->leave = xmalloc((size_t)c->n * (size_t)c->ndays);
    c->a = xmalloc(sizeof *c->a * (size_t)c->n * (size_t)(CARRY + c->ndays));
    if ((rc = store_read_leave(s, c->ag, c->n, c->first, c->ndays, c->leave, err)) ||
        (rc = store_read_prefs(s, cfg, c->ag, c->n, c->first, c->ndays, &c->pref, &c->npref, err)))
        return rc;
    c->r = (Roster){ c->first, c->ndays, CARRY, c->n, c->ag, c->a, c->leave, c->pref, c->npref, 0 };
    c->I = wfm_config_interval(cfg), c->nt = c->ndays * (1440 / c->I);
    c->need_i = xmalloc(sizeof *c->need_i * (size_t)c->nt);
    staff_intervals(c->need, c->ndays, c->I, c->need_i);
    c->qduty_i = xmalloc(sizeof *c->qduty_i * (size_t)cfg->nqueues * (size_t)c->nt);
    for (int q = 0; q < cfg->nqueues; q++)
        staff_intervals(&c->qduty[(size_t)q * nh], c->ndays, c->I, &c->qduty_i[(size_t)q * (size_t)c->nt]);
    return open_part(s, cfg, c, err);
}

/* The roster's objective with the shift plan's weights, from coverage
 * recomputed by the checker on the duty grid (each interval's agents short
 * or over times its share of an hour; days above fairness.max_day_ratio
 * times their need), plus the fairness spread on the master's terms and
 * the agents' preferences missed; *under gets the shortfall in agent-hours
 * and *empty the intervals with calls and nobody on duty.  Coverage counts
 * meals and extra breaks at their minutes (check_on_duty_at); with share
 * set, the breaks count as their share of time on duty instead - the
 * solver's model, whose lower bound the gap is measured against. */
static double objective(const WfmConfig *cfg, const RosterCtx *c, int share, double *under, int *empty)
{
    double *duty = xmalloc(sizeof *duty * (size_t)c->nt), obj = 0, f = c->I / 60.0;
    (share ? check_on_duty_share : check_on_duty_at)(cfg, &c->r, c->I, duty);
    *under = 0, *empty = 0;
    for (int t = 0; t < c->nt; t++) {
        double u = fmax(0, c->need_i[t] - duty[t]), o = fmax(0, duty[t] - c->need_i[t]);
        *under += u * f;
        *empty += c->need_i[t] > 1e-9 && duty[t] < 1e-9;
        obj += f * (u * SHIFTPLAN_W_UNDER * (cfg->weak_hours[t * c->I / 60 % 24] ? cfg->weak_weight : 1) +
                    o * SHIFTPLAN_W_OVER);
    }
    obj += colgen_day_cap_cost(cfg, c->ndays, c->I, c->need_i, duty);
    free(duty);
    ColGenIn in = { cfg, &c->r, c->need_i, c->skill, 0, NULL, c->I, c->qduty_i, NULL, NULL };
    for (int g = 0; g < c->n; g++) {
        WfmRegular reg;
        wfm_regular(cfg, &c->r, g, &reg);
        obj += wfm_regular_cost(cfg, &reg);
    }
    return obj + colgen_fairness(cfg, &c->r) + colgen_skill_cost(&in) + check_preferences(&c->r, NULL, NULL);
}

/* A small center's starts, meals and breaks placed exactly at the minute
 * (colgen_place_minute), kept when the month costs less there so and the
 * checker finds nothing new.  Small: on the Seoul demo's 400 agents the
 * same day programs, each solved to its optimum (about 6 s), give the
 * tuning's coverage cost to the decimal, and re-dealt starts only cost. */
static void place_exactly(const WfmConfig *cfg, RosterCtx *c, double secs)
{
    size_t n = (size_t)c->n * (size_t)(CARRY + c->ndays);
    Assign *keep = xmalloc(sizeof *keep * n);
    memcpy(keep, c->a, sizeof *keep * n);
    double under;
    int empty;
    double before = objective(cfg, c, 0, &under, &empty);
    CheckReport rep;
    size_t nv0 = check_roster(cfg, &c->r, c->skill, &rep), nv = nv0;
    check_free(&rep);
    ColGenIn in = { cfg, &c->r, c->need_i, c->skill, 0, NULL, c->I, c->qduty_i, NULL, NULL };
    int placed = colgen_place_minute(&in, c->a, secs);
    double after = placed ? objective(cfg, c, 0, &under, &empty) : before;
    if (placed) {   /* the starts move only within classes the rules cannot tell apart: checked all the same */
        nv = check_roster(cfg, &c->r, c->skill, &rep);
        check_free(&rep);
    }
    if (after < before - 1e-9 && nv <= nv0)
        cli_note("starts, meals and extra breaks of %d template days placed exactly: objective %.1f lower at the minute",
                 placed, before - after);
    else
        memcpy(c->a, keep, sizeof *keep * n);
    free(keep);
}

/* A configured name made safe for the terminal (csvin_show: control
 * characters as \xNN - a queue's name may hold an escape sequence). */
typedef struct Shown {
    char s[4 * WFM_NAME_MAX + 8];
} Shown;

static const char *shown(const char *name, Shown *b)
{
    return csvin_show(name, strlen(name), b->s, sizeof b->s);
}

/* Each queue's shortfall at the minute, its skilled agents first
 * (check_queue_shortfall), as a line on stdout - when a queue has a skill,
 * where the pooled shortfall cannot show what its callers lack. */
static void print_queue_shortfall(const WfmConfig *cfg, const RosterCtx *c)
{
    int skilled = 0;
    for (int q = 0; q < cfg->nqueues; q++)
        skilled |= cfg->queues[q].skill[0] != 0;
    if (!skilled)
        return;
    double *out = xmalloc(sizeof *out * (size_t)cfg->nqueues);
    check_queue_shortfall(cfg, &c->r, c->I, c->qduty_i, out);
    printf("each queue's shortfall against its own need, its skilled agents first (agent-hours at the minute):");
    Shown b;
    for (int q = 0; q < cfg->nqueues; q++)
        printf("%s %s %.1f", q ? "," : "", shown(cfg->queues[q].name, &b), out[q]);
    printf("\n");
    free(out);
}

/* How the month's preferences fared, by the checker's count, into buf. */
static const char *prefs_line(const RosterCtx *c, char *buf, size_t cap)
{
    int met, asked;
    double cost = check_preferences(&c->r, &met, &asked);
    snprintf(buf, cap, "preferences: %d of %d wanted and unwanted days honoured (the rest cost %.1f); %d pinned", met,
             asked, cost, c->npref - asked);
    return buf;
}

/* Reads the stored roster of the CARRY days before the month into tmp
 * (n x (CARRY + 1), the month's first day last; NULL: only whether there is
 * one): 1 when one is stored, else 0 with r.carry_unknown set. */
static int previous_roster(Store *s, const WfmConfig *cfg, RosterCtx *c, Assign *tmp, int64_t *prev)
{
    WfmErr ignore;
    int64_t run;
    Assign *a = tmp ? tmp : xmalloc(sizeof *a * (size_t)c->n * (CARRY + 1));
    c->r.carry_unknown = store_read_roster(s, cfg, c->ag, c->n, c->first - 1, 1, CARRY, a, prev ? prev : &run,
                                           &ignore) != 0;
    if (!tmp)
        free(a);
    return !c->r.carry_unknown;
}

/* Ctrl-C or SIGTERM during a roster run: keep the best roster found so far
 * (one that keeps every rule); the handler is reset by the first signal, so
 * a second one ends the program with the store untouched. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void print_violations(const CheckReport *rep, size_t max)
{
    for (size_t i = 0; i < rep->n && i < max; i++)
        printf("  %s: %s\n", check_rule_name(rep->v[i].rule), rep->v[i].what);
    if (rep->n > max)
        printf("  ... and %zu more\n", rep->n - max);
}

/* The older way (--method plan): a shift plan MIP, then named agents
 * greedily; its bound is the plan's (the heads a day capped at five in
 * seven, so not a bound on every legal roster). */
static int roster_plan(const WfmConfig *cfg, RosterCtx *c, const char *month, double tl, double *bound, double *secs,
                       AssignStats *st, WfmErr *err)
{
    ShiftPlanOut plan;
    int rc;
    /* Head limits: agents who may work day / evening-night shifts that day,
     * five days in seven. */
    int *dayh = xmalloc(sizeof *dayh * (size_t)c->ndays), *nighth = xmalloc(sizeof *nighth * (size_t)c->ndays);
    for (int d = 0; d < c->ndays; d++) {
        int dh = 0, nh = 0;
        for (int g = 0; g < c->n; g++) {
            if (c->leave[(size_t)g * c->ndays + d])
                continue;
            unsigned k = c->ag[g].team >= 0 ? cfg->teams[c->ag[g].team].kinds : 1u << SHIFT_DAY;
            if (k & (1u << SHIFT_DAY))
                dh++;
            else
                nh++;
        }
        dayh[d] = (dh * 5 + 6) / 7, nighth[d] = (nh * 5 + 6) / 7;
    }
    cli_note("shift plan for %s: %d agents, %d templates, up to %.0f s", month, c->n, cfg->nshifts, tl);
    ShiftPlanIn in = { cfg, c->first, c->ndays, c->need, dayh, nighth, tl, 0.005 };
    rc = shiftplan_solve(&in, &plan, err);
    free(dayh), free(nighth);
    if (rc)
        return rc;
    cli_note("shift plan: objective %.1f, bound %.1f (%s, %.1f s)", plan.objective, plan.bound,
             plan.optimal ? "optimal" : "time limit", plan.seconds);
    cli_note("named agents: rules, fairness, skills, remote days, meals and break slots");
    assign_roster(cfg, &plan, &c->r, c->skill, c->a, st);
    cli_note("assignment: %d starts filled, %d unfilled, %d skill swaps or meal moves, %d skill-queue hours open",
             st->filled, st->unfilled, st->skill_swaps, st->skill_hours_open);
    *bound = plan.bound, *secs = plan.seconds;
    shiftplan_free(&plan);
    return 0;
}

/* Named agents by column generation (the default): fills c->a, returns 0
 * with the bound in *bound. */
static int roster_colgen(const WfmConfig *cfg, RosterCtx *c, double tl, double *bound, double *bound_min,
                         double *secs, AssignStats *st, WfmErr *err)
{
    ColGenOut cg;
    Throttle th;
    throttle_init(&th, CLI_PROGRESS_EVERY);
    ColGenIn in = { cfg, &c->r, c->need_i, c->skill, tl, &interrupted, c->I, c->qduty_i, cli_colgen_progress, &th };
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    cli_note("named agents by column generation: %d agents, %d days, %d templates, up to %.0f s (Ctrl-C keeps the best so far)",
             c->n, c->ndays, cfg->nshifts, tl);
    int rc = colgen_solve(&in, &cg, err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (rc)
        return rc;
    cli_note("column generation: %d rounds, %d columns, LP %.1f%s (%.1f s), bound %.1f (whole start counts add %.1f, "
             "whole skilled agents %.1f, %.1f s); dive to one month per agent: %.1f; whole starts and meals, days moved by annealing (%d times "
             "better): %.1f (%.1f s)",
             cg.rounds, cg.columns, cg.lp, cg.converged ? ", converged" : "", cg.root_seconds, cg.bound, cg.whole,
             cg.skill, cg.whole_seconds, cg.dive, cg.moves, cg.objective, cg.seconds);
    if (cg.bound_minute > 0)
        cli_note("the bound with the extra breaks at their minutes: %.1f (%s, %.1f s; whole days add %.1f, "
                 "whole skilled agents %.1f, %.1f s)",
                 cg.bound_minute, cg.minute_converged ? "converged" : "not converged", cg.minute_seconds,
                 cg.whole_minute, cg.skill_minute, cg.whole_minute_seconds);
    if (cg.meal_covers)
        cli_note("%d shift%s added or moved so that a skill queue's lone agent can take his meal", cg.meal_covers,
                 cg.meal_covers == 1 ? "" : "s");
    if (interrupted)
        cli_note("interrupted: the roster is the best found so far that keeps every rule");
    assign_months(cfg, cg.choice, cg.meal, &c->r, c->skill, c->a, st);
    *bound = cg.bound, *bound_min = cg.bound_minute, *secs = cg.seconds;
    colgen_free(&cg);
    return 0;
}

int cli_roster_month(Store *s, const WfmConfig *cfg, const char *month, double tl, int use_plan, WfmErr *err)
{
    RosterCtx c;
    CheckReport rep;
    int rc;
    int64_t run;
    char params[96], line[160];

    memset(&c, 0, sizeof c);
    memset(&rep, 0, sizeof rep);
    int beyond = use_plan ? wfm_rules_beyond_greedy(cfg) : -1;
    if (beyond >= 0)
        return wfm_err(err, WFM_EUSAGE, "%s: %s: the greedy of --method plan keeps only maxima and forbidden "
                       "sequences that do not end on a day off, not this rule; use --method colgen",
                       cfg->path, cfg->limits[beyond].label);
    if ((rc = ctx_load(s, cfg, month, &c, err)))
        goto out;
    for (int i = 0; i < c.npref && use_plan; i++)
        if (c.pref[i].want == PREF_PINNED) {
            rc = wfm_err(err, WFM_EUSAGE, "%s has a pinned day in %s: the greedy of --method plan does not keep "
                         "pinned days; use --method colgen", c.ag[c.pref[i].agent].id, month);
            goto out;
        }
    /* Carried-in days: the newest stored roster of the days before, if any. */
    {
        int64_t prev;
        Assign *tmp = xmalloc(sizeof *tmp * (size_t)c.n * (CARRY + 1));
        if (previous_roster(s, cfg, &c, tmp, &prev))
            cli_note("carrying in the last %d days of roster run %lld", CARRY, (long long)prev);
        else if (date_weekday(c.first) != WD_MON)
            cli_note("no roster is stored before %s: its first, partial week asks no contract days", month);
        for (int g = 0; g < c.n; g++)
            for (int d = 0; d < CARRY + c.ndays; d++) {
                Assign *x = &c.a[(size_t)g * (CARRY + c.ndays) + d];
                if (d < CARRY)
                    *x = tmp[(size_t)g * (CARRY + 1) + d + 1];  /* tmp: days first - 8 .. first - 1 */
                else
                    memset(x, 0, sizeof *x), x->shift = ROSTER_OFF, x->meal_off_min = -1;
            }
        free(tmp);
    }
    double bound = 0, bound_min = 0, secs = 0;
    AssignStats st;
    /* A large center's exact placing takes its time out of the limit (a
     * tenth, 6 s at most: the meals' tuning and the placing); a small
     * center's takes milliseconds. */
    double reserve = !use_plan && c.n > COLGEN_LAZY_WHOLE ? fmin(6, 0.1 * tl) : 0;
    if ((rc = use_plan ? roster_plan(cfg, &c, month, tl, &bound, &secs, &st, err)
                       : roster_colgen(cfg, &c, tl - reserve, &bound, &bound_min, &secs, &st, err)))
        goto out;
    struct timespec tp0, tp1;   /* the placing's time is the roster's too */
    clock_gettime(CLOCK_MONOTONIC, &tp0);
    double saved = assign_tune_meals(cfg, &c.r, c.need_i, c.I, c.skill, c.qduty_i, c.a);
    cli_note("meals and extra breaks placed at their minutes: objective %.1f lower there", saved);
    clock_gettime(CLOCK_MONOTONIC, &tp1);
    double left = tl - secs - ((double)(tp1.tv_sec - tp0.tv_sec) + (tp1.tv_nsec - tp0.tv_nsec) * 1e-9);
    if (!use_plan && !interrupted)
        place_exactly(cfg, &c, c.n <= COLGEN_LAZY_WHOLE ? 5 : fmax(1, left));
    clock_gettime(CLOCK_MONOTONIC, &tp1);
    secs += (double)(tp1.tv_sec - tp0.tv_sec) + (tp1.tv_nsec - tp0.tv_nsec) * 1e-9;
    if (c.npref)
        cli_note("%s", prefs_line(&c, line, sizeof line));
    size_t nv = check_roster(cfg, &c.r, c.skill, &rep);
    int empty, e2;
    double under, u2, obj = objective(cfg, &c, 1, &u2, &e2), at_minute = objective(cfg, &c, 0, &under, &empty);
    /* The bounds come from LP duals: a few rounding errors above a roster
     * that meets them is the roster proven optimal. */
    if (bound_min > at_minute && bound_min - at_minute <= 1e-7 * fmax(1, at_minute))
        bound_min = at_minute;
    if (bound > obj && bound - obj <= 1e-7 * fmax(1, obj))
        bound = obj;
    double gap = obj > 0 ? (obj - bound) / obj : 0;
    if (nv) {
        print_violations(&rep, 20);
        rc = wfm_err(err, WFM_ESOLVE, "the roster for %s breaks %zu hard rules; nothing was stored", month, nv);
        goto out;
    }
    snprintf(params, sizeof params, "--month %s --time-limit %g%s", month, tl, use_plan ? " --method plan" : "");
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "roster", params, cfg->hash, &run, err)) ||
        (rc = store_write_shift_plan(s, run, cfg, &c.r, err)) || (rc = store_write_roster(s, run, cfg, &c.r, err)))
        goto out;
    /* Stored (the roster report's objective, bound and gap): at the
     * minute when there is a bound there - what callers get, as the
     * shortfall beside them - else the search's model. */
    RosterStats rs = { obj, bound, gap, secs, under, (int)nv };
    if (bound_min > 0)
        rs.objective = at_minute, rs.bound = bound_min, rs.gap = at_minute > 0 ? (at_minute - bound_min) / at_minute : 0;
    if ((rc = store_write_roster_stats(s, run, &rs, err)) || (rc = store_run_end(s, run, err)) ||
        (rc = store_commit(s, err)))
        goto out;
    if (st.unfilled || st.skill_hours_open)
        cli_note("%d planned starts found nobody allowed to work them; %d skill-queue hours lack a skilled agent",
                 st.unfilled, st.skill_hours_open);
    /* What callers get leads: the objective at the minute (meals and extra
     * breaks where they are placed) and its bound there; the search's model
     * (the extra breaks as their share of time on duty) follows - for a
     * small center placed exactly it no longer describes the roster. */
    char mb[96] = "no bound there";
    if (bound_min > 0)
        snprintf(mb, sizeof mb, "lower bound %.1f, gap %.2f%%%s", bound_min, 100 * rs.gap,
                 rs.gap == 0 && at_minute > 0 ? " (proven optimal)" : "");
    printf("roster %s (run %lld): at the minute (meals and extra breaks where they are placed): objective %.1f, %s, "
           "%.1f s, shortfall %.1f agent-hours (%d-minute intervals; %d with calls and nobody on duty), %zu hard-rule "
           "violations; in the search's model (the extra breaks as their share of time on duty): objective %.1f, "
           "lower bound %.1f, gap %.2f%%\n",
           month, (long long)run, at_minute, mb, secs, under, c.I, empty, nv, obj, bound, 100 * gap);
    print_queue_shortfall(cfg, &c);
out:
    if (rc)
        store_rollback(s);
    check_free(&rep);
    ctx_free(&c);
    return rc;
}

/* What callers get from the roster: the multi-skill simulation (model/msim)
 * of every queue's calls (an hour's spread over its intervals, a partly
 * open hour's over its open part), skill first, the agents on the phone to
 * the second (model/phone), runs times.  sum: nqueues, slots: nqueues x nt. */
static int simulate(Store *s, const WfmConfig *cfg, const RosterCtx *c, int runs, MsimSummary *sum, MsimSlot *slots,
                    WfmErr *err)
{
    int nq = cfg->nqueues, per = 60 / c->I, rc;
    size_t nh = 24 * (size_t)c->ndays, nt = (size_t)c->nt;
    double *off = xmalloc(sizeof *off * nq * nh), *aht = xmalloc(sizeof *aht * nq * nh), *pat = xmalloc(sizeof *pat * nq * nh);
    double *calls = xcalloc((size_t)nq * nt, sizeof *calls), *ahts = xcalloc((size_t)nq * nt, sizeof *ahts);
    MsimQueue q[WFM_MAX_QUEUES];
    uint32_t *skills = xmalloc(sizeof *skills * (size_t)(c->n ? c->n : 1));
    MsimSpan *span = NULL;
    if ((rc = store_read_queue_demand(s, cfg, c->first, c->ndays, off, aht, pat, err)))
        goto out;
    for (int k = 0; k < nq; k++) {
        double w = 0, pw = 0;
        for (size_t h = 0; h < nh; h++) {
            size_t i = (size_t)k * nh + h;
            int open = open_in_hour(c, h);
            w += off[i], pw += off[i] * pat[i];
            for (int j = 0; j < per; j++) {
                size_t t = (size_t)k * nt + h * per + j;
                calls[t] = open == 0 || open == per ? off[i] / per : c->open[h * per + j] ? off[i] / open : 0;
                ahts[t] = aht[i] > 0 ? aht[i] : cfg->queues[k].aht_s;
            }
        }
        q[k] = (MsimQueue){ cfg->queues[k].aht_s, w > 0 && pw > 0 ? pw / w : cfg->patience_s, cfg->queues[k].skill[0] != 0 };
    }
    for (int g = 0; g < c->n; g++)
        skills[g] = c->ag[g].skills;
    int nspans = roster_phone_spans(cfg, &c->r, &span);
    MsimIn in = { nq, q, c->nt, 60 * c->I, calls, ahts, c->n, skills, nspans, span, cfg->sl_seconds, 20210101 };
    rc = msim_replicate(&in, runs, sum, slots, err);
out:
    free(off), free(aht), free(pat), free(calls), free(ahts), free(skills), free(span);
    return rc;
}

/* Predicted with the roster, per hour: the month's demand pooled over
 * queues (store_read_demand into off, aht, pat), Erlang A with the hour's
 * agents on duty (duty, check_on_duty) times the availability; ar and sl
 * NAN where no call is offered.  Shared by the roster report and its
 * front-page glance, so both give the same figures. */
static int pooled_hourly(Store *s, const WfmConfig *cfg, const RosterCtx *c, const double *duty, double *off,
                         double *aht, double *pat, double *ar, double *sl, WfmErr *err)
{
    size_t nh = 24 * (size_t)c->ndays;
    double avail = wfm_config_availability(cfg);
    int rc = store_read_demand(s, c->first, c->ndays, off, aht, pat, err);
    for (size_t t = 0; t < nh && !rc; t++) {
        SurgeMeasure m;
        ar[t] = sl[t] = NAN;
        if (off[t] > 0) {
            surge_eval(cfg, off[t], aht[t], pat[t], duty[t] * avail, &m);
            ar[t] = m.answer_rate, sl[t] = m.sl;
        }
    }
    return rc;
}

int cli_report_roster(Store *s, const WfmConfig *cfg, const char *month, const char *dir, const char *script_dir,
                      WfmErr *err)
{
    RosterCtx c;
    RosterStats st;
    int64_t run;
    int rc;
    if ((rc = ctx_load(s, cfg, month, &c, err)) ||
        (rc = store_read_roster(s, cfg, c.ag, c.n, c.first, c.ndays, CARRY, c.a, &run, err))) {
        ctx_free(&c);
        return rc;
    }
    size_t nh = 24 * (size_t)c.ndays;
    double *duty = xmalloc(sizeof *duty * nh), *off = xmalloc(sizeof *off * nh), *aht = xmalloc(sizeof *aht * nh);
    double *pat = xmalloc(sizeof *pat * nh), *ar = xmalloc(sizeof *ar * nh), *sl = xmalloc(sizeof *sl * nh);
    check_on_duty(cfg, &c.r, duty);
    if (!(rc = pooled_hourly(s, cfg, &c, duty, off, aht, pat, ar, sl, err))) {
        int has = store_read_roster_stats(s, run, &st), runs = 10;
        double *duty_i = xmalloc(sizeof *duty_i * (size_t)c.nt);
        MsimSummary *sum = xcalloc((size_t)cfg->nqueues, sizeof *sum);
        MsimSlot *slots = xcalloc((size_t)cfg->nqueues * (size_t)c.nt, sizeof *slots);
        char (*names)[64] = xcalloc((size_t)c.n, sizeof *names);   /* the staff-facing outputs name their agents */
        double *qshort = xmalloc(sizeof *qshort * (size_t)cfg->nqueues);
        check_on_duty_at(cfg, &c.r, c.I, duty_i);
        check_queue_shortfall(cfg, &c.r, c.I, c.qduty_i, qshort);
        if ((rc = simulate(s, cfg, &c, runs, sum, slots, err)) == 0 &&
            (rc = store_read_agent_names(s, c.ag, c.n, names, err)) == 0) {
            RosterReport rr = { cfg, &c.r, run, has ? &st : NULL, c.need, duty, off, ar, sl,
                                c.I, c.need_i, duty_i, runs, sum, slots, qshort, (const char (*)[64])names, 0 };
            rc = rep_roster(&rr, dir, script_dir, err);
        }
        free(duty_i), free(sum), free(slots), free(names), free(qshort);
    }
    if (!rc)
        printf("wrote report '%s/index.html' (roster run %lld)\n", dir, (long long)run);
    free(duty), free(off), free(aht), free(pat), free(ar), free(sl);
    ctx_free(&c);
    return rc;
}

/* The roster's month for the front page, as cli_report_roster's table
 * computes it: predicted answer rate and service level (the month's demand
 * pooled over queues, Erlang A, offered-weighted), shortfall and surplus in
 * agent-hours on the duty grid, the checker's violations. */
int cli_roster_glance(Store *s, const WfmConfig *cfg, const char *month, IndexRoster *g, WfmErr *err)
{
    RosterCtx c;
    RosterStats st;
    int rc;
    memset(g, 0, sizeof *g);
    if ((rc = ctx_load(s, cfg, month, &c, err)) ||
        (rc = store_read_roster(s, cfg, c.ag, c.n, c.first, c.ndays, CARRY, c.a, &g->run, err))) {
        ctx_free(&c);
        return rc;
    }
    size_t nh = 24 * (size_t)c.ndays;
    double *duty = xmalloc(sizeof *duty * nh), *off = xmalloc(sizeof *off * nh), *aht = xmalloc(sizeof *aht * nh);
    double *pat = xmalloc(sizeof *pat * nh), *duty_i = xmalloc(sizeof *duty_i * (size_t)c.nt);
    double *ar = xmalloc(sizeof *ar * nh), *sl = xmalloc(sizeof *sl * nh);
    double offered = 0, answered = 0, within = 0;
    check_on_duty(cfg, &c.r, duty);
    check_on_duty_at(cfg, &c.r, c.I, duty_i);
    rc = pooled_hourly(s, cfg, &c, duty, off, aht, pat, ar, sl, err);
    for (size_t t = 0; t < nh && !rc; t++)   /* offered-weighted, as the report's table */
        if (off[t] > 0 && isfinite(ar[t]))
            offered += off[t], answered += ar[t] * off[t], within += sl[t] * off[t];
    for (int t = 0; t < c.nt; t++) {
        g->short_h += fmax(0, c.need_i[t] - duty_i[t]) * c.I / 60;
        g->surplus_h += fmax(0, duty_i[t] - c.need_i[t]) * c.I / 60;
    }
    g->agents = c.n;
    g->answer_rate = offered > 0 ? answered / offered : NAN;
    g->sl = offered > 0 ? within / offered : NAN;
    g->violations = store_read_roster_stats(s, g->run, &st) ? st.violations : -1;
    free(duty), free(off), free(aht), free(pat), free(duty_i), free(ar), free(sl);
    ctx_free(&c);
    return rc;
}

int cmd_roster(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *month = NULL, *tl_s = NULL, *method = "colgen", *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month to roster (its requirement must be stored: wfm staff)", &month, NULL },
        { "--time-limit", "S", "seconds for the solver (default 60)", &tl_s, NULL },
        { "--method", "M", "colgen (named agents by column generation, default) or plan (shift plan, then greedy)", &method, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    int rc, npos;
    double tl = 60;

    if ((rc = cli_parse(cli_find("roster"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm roster --month YYYY-MM [--time-limit S] [--method colgen|plan]");
    if (strcmp(method, "colgen") && strcmp(method, "plan"))
        return wfm_err(err, WFM_EUSAGE, "option '--method': '%s' is not colgen or plan", method);
    if (tl_s && (rc = cli_num("--time-limit", tl_s, 1, 86400, &tl, err)))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0)
        rc = cli_roster_month(s, &cfg, month, tl, strcmp(method, "plan") == 0, err);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}

int cmd_check(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *month = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month whose newest stored roster to check", &month, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    RosterCtx c;
    CheckReport rep;
    char line[160];
    int rc, npos;
    int64_t run;

    memset(&c, 0, sizeof c);
    memset(&rep, 0, sizeof rep);
    if ((rc = cli_parse(cli_find("check"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm check --month YYYY-MM");
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_READONLY, &s, err)) || (rc = ctx_load(s, &cfg, month, &c, err)) ||
        (rc = store_read_roster(s, &cfg, c.ag, c.n, c.first, c.ndays, CARRY, c.a, &run, err)))
        goto out;
    previous_roster(s, &cfg, &c, NULL, NULL);
    size_t nv = check_roster(&cfg, &c.r, c.skill, &rep);
    double under;
    int empty;
    objective(&cfg, &c, 0, &under, &empty);
    print_violations(&rep, 50);
    printf("roster run %lld for %s: %d agents, %zu hard-rule violations; shortfall %.1f agent-hours against the requirement "
           "(%d-minute intervals, meals and extra breaks at their minutes; %d with calls and nobody on duty)\n",
           (long long)run, month, c.n, nv, under, c.I, empty);
    print_queue_shortfall(&cfg, &c);
    for (int q = 0; q < cfg.nqueues; q++) {
        double bm = check_skill_break_minutes(&cfg, &c.r, c.skill, q);
        Shown b;
        if (bm > 0)
            printf("queue %s: the extra breaks leave it under its %d skilled agent%s on the phone for %.1f agent-minutes "
                   "of its open hours (the rule counts meals; a lone skilled agent takes his breaks too)\n",
                   shown(cfg.queues[q].name, &b), wfm_min_skilled(&cfg, q), wfm_min_skilled(&cfg, q) == 1 ? "" : "s", bm);
    }
    if (c.npref)
        printf("%s\n", prefs_line(&c, line, sizeof line));
    if (nv)
        rc = wfm_err(err, WFM_EINPUT, "the roster for %s breaks %zu hard rules", month, nv);
out:
    check_free(&rep);
    ctx_free(&c);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}

int cli_roster_grid(Store *s, const WfmConfig *cfg, const char *month, int *I, int *nt, double **need_i,
                    double **duty_i, WfmErr *err)
{
    RosterCtx c;
    int64_t run;
    int rc = ctx_load(s, cfg, month, &c, err), any = 0;
    *need_i = *duty_i = NULL;
    if (rc) {
        ctx_free(&c);
        return rc;
    }
    unsigned char *known = xcalloc((size_t)c.ndays, 1);
    if ((rc = store_read_roster_days(s, c.first, c.ndays, known, err)) == 0)
        for (int d = 0; d < c.ndays; d++)
            any |= known[d];
    free(known);
    if (!rc && any && (rc = store_read_roster(s, cfg, c.ag, c.n, c.first, c.ndays, CARRY, c.a, &run, err)) == 0) {
        *duty_i = xmalloc(sizeof **duty_i * (size_t)c.nt);
        check_on_duty_at(cfg, &c.r, c.I, *duty_i);
    }
    if (!rc)
        *I = c.I, *nt = c.nt, *need_i = c.need_i, c.need_i = NULL;
    ctx_free(&c);
    return rc;
}
