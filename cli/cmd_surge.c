/*
 * cmd_surge.c - `wfm surge`: scenarios of a surge day (or days) against the
 * stored roster, stage 1 (overtime, GLPK) and stage 2 (outside agents),
 * every step predicted with Erlang A, the overtime re-checked by the rule
 * checker, all stored as one run.
 */
#include "cli.h"
#include "../core/alloc.h"
#include "../model/surge.h"
#include "../solver/check.h"
#include "../solver/surgeplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ctx {
    const WfmConfig *cfg;
    int first, k;             /* surge days */
    int shape_first;          /* the days whose forecast gives the shape (first, or --like) */
    int wfirst, wdays, carry; /* the rules' window: whole weeks, and days carried in before it */
    int d0;                   /* first surge day's index in the window */
    RosterAgent *ag;
    int n;
    Assign *a;
    unsigned char *leave;
    unsigned char *known;     /* carry + wdays: 1 where the store holds the day's roster */
    Roster r;
    double *demand, *aht, *pat;  /* 24 k */
    double *qdemand, *qaht, *qpat;  /* nqueues x 24 k: each queue's own */
} Ctx;

static void note_line(void *ctx, const char *line)
{
    (void)ctx;
    cli_note("%s", line);
}

/* The error for surge day `day`, which no stored roster covers. */
static int no_roster(Store *s, int day, WfmErr *err)
{
    char ds[11];
    double off[24], aht[24], pat[24];
    WfmErr e2;
    date_format(day, ds);
    if (store_read_demand(s, day, 1, off, aht, pat, &e2))
        return wfm_err(err, WFM_EINPUT,
                       "no roster stored for %.7s (nor its staffing requirement: run 'wfm plan --month %.7s')", ds, ds);
    return wfm_err(err, WFM_EINPUT, "no roster stored for %.7s (run 'wfm roster --month %.7s')", ds, ds);
}

/* One line naming the days of the window without a stored roster, if any. */
static void note_unknown(const Ctx *c)
{
    char line[200] = "", a[11], b[11];
    int w = c->carry + c->wdays, n = 0;
    for (int e = 0; e < w; e++) {
        if (c->known[e] || (e > 0 && !c->known[e - 1]))
            continue;
        int f = e;
        while (f + 1 < w && !c->known[f + 1])
            f++;
        date_format(c->wfirst - c->carry + e, a);
        date_format(c->wfirst - c->carry + f, b);
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s to %s", n++ ? " and " : "", a, b);
    }
    if (n)
        cli_note("no roster stored for %s: the rules count those days as possibly worked (any shift of the "
                 "agent's team), and no overtime is offered that they could make break a rule", line);
}

static int load(Store *s, Ctx *c, WfmErr *err)
{
    const WfmConfig *cfg = c->cfg;
    int last = c->first + c->k - 1, rc;
    int64_t run;
    surge_window(cfg, c->first, c->k, &c->wfirst, &c->wdays, &c->carry);
    c->d0 = c->first - c->wfirst;
    size_t w = (size_t)(c->carry + c->wdays);
    c->known = xmalloc(w);
    if ((rc = store_read_roster_days(s, c->wfirst - c->carry, (int)w, c->known, err)))
        return rc;
    for (int d = c->first; d <= last; d++)
        if (!c->known[c->carry + d - c->wfirst])
            return no_roster(s, d, err);
    int nh = 24 * c->k;
    c->demand = xmalloc(sizeof *c->demand * (size_t)nh);
    c->aht = xmalloc(sizeof *c->aht * (size_t)nh);
    c->pat = xmalloc(sizeof *c->pat * (size_t)nh);
    size_t nqh = (size_t)cfg->nqueues * (size_t)nh;
    c->qdemand = xmalloc(sizeof *c->qdemand * nqh);
    c->qaht = xmalloc(sizeof *c->qaht * nqh);
    c->qpat = xmalloc(sizeof *c->qpat * nqh);
    if ((rc = store_read_demand(s, c->shape_first, c->k, c->demand, c->aht, c->pat, err)) ||
        (rc = store_read_queue_demand(s, cfg, c->shape_first, c->k, c->qdemand, c->qaht, c->qpat, err)) ||
        (rc = store_read_roster_agents(s, cfg, &c->ag, &c->n, err)))
        return rc;
    c->a = xmalloc(sizeof *c->a * (size_t)c->n * w);
    c->leave = xmalloc((size_t)c->n * (size_t)c->wdays);
    if ((rc = store_read_roster_around(s, cfg, c->ag, c->n, c->wfirst, c->wdays, c->carry, c->first, c->a, &run, err)) ||
        (rc = store_read_leave(s, c->ag, c->n, c->wfirst, c->wdays, c->leave, err)))
        return rc;
    c->r = (Roster){ c->wfirst, c->wdays, c->carry, c->n, c->ag, c->a, c->leave, NULL, 0, 0 };
    for (int d = c->d0; d < c->d0 + c->k; d++) {
        int on = 0;
        for (int g = 0; g < c->n && !on; g++)
            on = roster_at(&c->r, g, d)->shift >= 0;
        if (!on) {
            char ds[11];
            date_format(c->wfirst + d, ds);
            return wfm_err(err, WFM_EINPUT, "nobody is rostered on %s: the center is closed that day", ds);
        }
    }
    /* What the stored roster breaks on its own stored days (not on days the
     * store has no roster for, which the rules' window reads as off). */
    CheckReport rep;
    long base = 0;
    check_roster(cfg, &c->r, NULL, &rep);
    for (size_t i = 0; i < rep.n; i++)
        base += rep.v[i].day < -c->carry || rep.v[i].day >= c->wdays || c->known[c->carry + rep.v[i].day];
    check_free(&rep);
    if (base)
        cli_note("the stored roster (run %lld) already breaks %ld rules in these weeks", (long long)run, base);
    cli_note("supply from roster run %lld: %d agents, rules over %d days from the Monday before", (long long)run, c->n,
             c->wdays);
    note_unknown(c);
    return 0;
}

static void ctx_free(Ctx *c)
{
    free(c->ag), free(c->a), free(c->leave), free(c->known), free(c->demand), free(c->aht), free(c->pat);
    free(c->qdemand), free(c->qaht), free(c->qpat);
}

static double pct(double a, double b)
{
    return 100 * a / (b > 0 ? b : 1);
}

static void print_table(const WfmConfig *cfg, SurgeScenario *sc, int n)
{
    printf("%-10s %9s %5s %8s %7s %6s %7s %7s %6s %7s %6s %7s %6s %7s %6s %9s\n", "scenario", "offered", "peak",
           "short-h", "AR", "SL", "OT-h", "paid-h", "OT-ag", "AR+OT", "SL+OT", "out-ag", "out-h", "AR+out", "SL+out",
           "lost");
    for (int i = 0; i < n; i++) {
        SurgeTotals t;
        surge_totals(&sc[i], &t);
        printf("%-10s %9.0f %5d %8.0f %6.1f%% %5.1f%% %7.0f %7.0f %6d %6.1f%% %5.1f%% %7d %6.0f %6.1f%% %5.1f%% %9.0f\n",
               sc[i].name, t.offered, t.peak_need, t.short_h[SURGE_ROSTER], pct(t.answered[SURGE_ROSTER], t.offered),
               100 * t.sl[SURGE_ROSTER], sc[i].ot_hours, sc[i].ot_paid_hours, sc[i].ot_agents,
               pct(t.answered[SURGE_STAGE1], t.offered), 100 * t.sl[SURGE_STAGE1], sc[i].outside_agents,
               sc[i].outside_hours, pct(t.answered[SURGE_STAGE2], t.offered), 100 * t.sl[SURGE_STAGE2],
               t.abandoned[SURGE_STAGE2]);
    }
    /* Each queue on its own: answer rate and service level at each stage. */
    if (n && sc[0].nq > 1) {
        printf("%-10s %-10s %9s %5s %7s %6s %7s %6s %7s %6s %9s\n", "scenario", "queue", "offered", "peak", "AR", "SL",
               "AR+OT", "SL+OT", "AR+out", "SL+out", "lost");
        for (int i = 0; i < n; i++) {
            int nh = 24 * sc[i].ndays;
            for (int q = 0; q < sc[i].nq; q++) {
                SurgeTotals qt;
                surge_hours_totals(sc[i].qh + (size_t)q * (size_t)nh, nh, &qt);
                printf("%-10s %-10.10s %9.0f %5d %6.1f%% %5.1f%% %6.1f%% %5.1f%% %6.1f%% %5.1f%% %9.0f\n", sc[i].name,
                       cfg->queues[q].name, qt.offered, qt.peak_need, pct(qt.answered[0], qt.offered), 100 * qt.sl[0],
                       pct(qt.answered[1], qt.offered), 100 * qt.sl[1], pct(qt.answered[2], qt.offered), 100 * qt.sl[2],
                       qt.offered - qt.answered[2]);
            }
        }
    }
    /* What the stages cost and what each extra call answered cost. */
    if (cfg->wage_won_h > 0 || cfg->vendor_won_h > 0) {
        printf("%-10s %14s %14s %12s %14s %12s\n", "scenario", "overtime-won", "+call-won", "outside-won", "+call-won",
               "total-won");
        for (int i = 0; i < n; i++) {
            SurgeTotals t;
            surge_totals(&sc[i], &t);
            double d1 = t.answered[SURGE_STAGE1] - t.answered[SURGE_ROSTER];
            double d2 = t.answered[SURGE_STAGE2] - t.answered[SURGE_STAGE1];
            printf("%-10s %14.0f %14.0f %12.0f %14.0f %12.0f\n", sc[i].name, sc[i].cost[SURGE_STAGE1],
                   d1 > 0.5 ? sc[i].cost[SURGE_STAGE1] / d1 : 0, sc[i].cost[SURGE_STAGE2],
                   d2 > 0.5 ? sc[i].cost[SURGE_STAGE2] / d2 : 0, sc[i].cost[SURGE_STAGE1] + sc[i].cost[SURGE_STAGE2]);
        }
    }
}

int cli_surge(Store *s, const WfmConfig *cfg, const SurgeArgs *g, WfmErr *err)
{
    Ctx c = { 0 };
    SurgeScenario sc[WFM_MAX_STAGES + 1];
    int rc, nsc = 0;
    char date[11], like[11];

    memset(sc, 0, sizeof sc);
    c.cfg = cfg, c.first = g->first, c.shape_first = g->shape_first, c.k = g->k;
    date_format(g->first, date);
    date_format(g->shape_first, like);
    if ((rc = load(s, &c, err)))
        goto out;
    snprintf(sc[nsc].name, sizeof sc[nsc].name, "forecast");
    sc[nsc++].aht_factor = 1;
    for (int i = 0; i < g->nvol && i < WFM_MAX_STAGES; i++, nsc++) {
        snprintf(sc[nsc].name, sizeof sc[nsc].name, "%.0f", g->volumes[i]);
        sc[nsc].calls_per_day = g->volumes[i];
        sc[nsc].deflect = g->deflect;
        sc[nsc].aht_factor = g->aht_factor;
        sc[nsc].absence = g->absence;
        sc[nsc].aht_drift = g->aht_drift;
    }
    double time_limit = (g->time_limit > 0 ? g->time_limit : 5) * g->k;
    for (int i = 0; i < nsc && !rc; i++) {
        cli_note("scenario %s: %d day(s) from %s", sc[i].name, c.k, date);
        SurgePlanIn in = { cfg,       &c.r,     c.d0,      c.k,  c.demand,  c.aht,    c.pat,
                           time_limit, c.known, note_line, NULL, g->target, c.qdemand, c.qaht,
                           c.qpat,     g->budget, SURGE_BUDGET_BEST };
        rc = surge_plan(&in, &sc[i], err);
    }
    if (rc)
        goto out;
    char params[384], calls[160] = "";
    int64_t run;
    for (int i = 0; i < g->nvol; i++)
        snprintf(calls + strlen(calls), sizeof calls - strlen(calls), "%s%.0f", i ? "," : "", g->volumes[i]);
    snprintf(params, sizeof params,
             "--date %s --days %d --calls %s --deflect %g --aht-factor %g --like %s --target %s --budget %.0f "
             "--absence %g --aht-drift %g",
             date, c.k, calls, g->deflect, g->aht_factor, like,
             g->target == SURGE_TARGET_SERVICE_LEVEL ? "service-level" : "answer-rate", g->budget, g->absence,
             g->aht_drift);
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "surge", params, cfg->hash, &run, err)))
        goto out;
    for (int i = 0; i < nsc && !rc; i++)
        rc = store_write_surge(s, run, cfg, c.ag, &sc[i], err);
    if (!rc && !(rc = store_run_end(s, run, err)) && !(rc = store_commit(s, err))) {
        print_table(cfg, sc, nsc);
        int bad = 0;
        for (int i = 0; i < nsc; i++) {
            bad += sc[i].violations;
            int nh = 24 * sc[i].ndays;
            for (int q = 0; q < sc[i].nq; q++) {   /* a queue the stages leave below the target */
                SurgeTotals qt;
                surge_hours_totals(sc[i].qh + (size_t)q * (size_t)nh, nh, &qt);
                double off = qt.offered, ans = qt.answered[SURGE_STAGE2];
                if (off >= 1 && ans / off < cfg->answer_rate - 5e-4)
                    printf("scenario %s: queue %s stays at %.1f%% answered, below the %.1f%% target: %s\n", sc[i].name,
                           cfg->queues[q].name, pct(ans, off), 100 * cfg->answer_rate,
                           (cfg->vendor_queues >> q) & 1
                               ? "the outside world's limits or the budget"
                               : "the vendor does not take it (surge.vendor_queues), and the overtime its skilled agents may work "
                                 "(the rules, the budget) does not reach its short hours");
            }
            if (sc[i].outside_short_h > 0.5) {
                SurgeTotals t;
                surge_totals(&sc[i], &t);
                int lim = cfg->vendor_capacity > 0 || cfg->outside_seats > 0 || cfg->outside_laptops > 0 ||
                          cfg->outside_lead_days > 0 || cfg->outside_min_block_h > 0;
                printf("scenario %s: %s leave%s %.0f agent-hours of the vendor's queues uncovered: %.0f calls stay "
                       "unanswered (%.1f%% answered)\n",
                       sc[i].name,
                       lim && g->budget > 0 ? "the outside world's limits and the budget"
                       : lim                ? "the outside world's limits"
                                            : "the budget",
                       lim ? "" : "s", sc[i].outside_short_h,
                       t.abandoned[SURGE_STAGE2], pct(t.answered[SURGE_STAGE2], t.offered));
            }
        }
        for (int i = 0; i < nsc; i++) {   /* the budget: the plans tried, the one kept, and the bound */
            static const char *const order[] = { "", "overtime first", "the relaxation's split", "vendor first" };
            SurgeTotals t;
            if (!(sc[i].budget > 0) || sc[i].budget_pick < 1 || sc[i].budget_pick > 3)
                continue;
            surge_totals(&sc[i], &t);
            printf("scenario %s: best within the budget: %.2f%% answered (%s; overtime first %.2f%%, the relaxation's "
                   "split %.2f%%, vendor first %.2f%%), bound %.2f%%\n",
                   sc[i].name, pct(t.answered[SURGE_STAGE2], t.offered), order[sc[i].budget_pick],
                   pct(sc[i].budget_answered[0], t.offered), pct(sc[i].budget_answered[1], t.offered),
                   pct(sc[i].budget_answered[2], t.offered), pct(sc[i].budget_bound, t.offered));
        }
        printf("stored surge plan for %s (%d day%s) as run %lld; overtime breaks %d rules by the checker\n", date, c.k,
               c.k > 1 ? "s" : "", (long long)run, bad);
    }
out:
    if (rc)
        store_rollback(s);
    for (int i = 0; i < nsc; i++)
        surge_scenario_free(&sc[i]);
    ctx_free(&c);
    return rc;
}

int cmd_surge(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *date = NULL, *calls = NULL, *days_s = NULL, *deflect_s = NULL;
    const char *aht_s = NULL, *tl_s = NULL, *like = NULL, *target = "answer-rate", *budget = NULL, *pos[1];
    const char *absence = NULL, *drift = NULL;
    const Opt opts[] = {
        { "--date", "YYYY-MM-DD", "the (first) surge day", &date, NULL },
        { "--calls", "N[,N...]", "offered calls a day of each scenario (default: the configured stages)", &calls, NULL },
        { "--days", "K", "consecutive surge days (default 1)", &days_s, NULL },
        { "--deflect", "P", "share of the calls sent to the chatbot and the complaint app (default 0)", &deflect_s, NULL },
        { "--like", "YYYY-MM-DD", "take the hourly shape, AHT and patience from this day's forecast (default: --date's)", &like, NULL },
        { "--aht-factor", "F", "AHT of surge calls relative to the forecast's (default 1)", &aht_s, NULL },
        { "--target", "T", "what overtime and outside agents staff to: answer-rate (the configured answer rate, default) "
                           "or service-level (every configured target)", &target, NULL },
        { "--absence", "P", "share of the rostered agents absent on every surge day, on top of the shrinkage "
                            "(default 0): their shifts and overtime answer (1 - P) of the calls", &absence, NULL },
        { "--aht-drift", "F", "the AHT's change a surge day: day d has AHT x (1 + F)^d (default 0; e.g. -0.03 as "
                              "agents learn the surge's questions)", &drift, NULL },
        { "--budget", "WON", "what overtime and outside agents may cost together: the best answer rate within it "
                             "(overtime and outside agents chosen together; surge.wage_won_h and surge.vendor_won_h price them)", &budget, NULL },
        { "--time-limit", "S", "a guard on GLPK's simplex, seconds per surge day (default 5; days take well under 1)", &tl_s, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    SurgeArgs g = { 0 };
    double volumes[WFM_MAX_STAGES];
    long k = 1;
    int rc, npos;

    if ((rc = cli_parse(cli_find("surge"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!date)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm surge --date YYYY-MM-DD [--calls N[,N...]] [--days K]");
    if (date_parse(date, strlen(date), &g.first))
        return wfm_err(err, WFM_EUSAGE, "option '--date': '%s' is not a date YYYY-MM-DD", date);
    g.shape_first = g.first;
    g.aht_factor = 1;
    if (like && date_parse(like, strlen(like), &g.shape_first))
        return wfm_err(err, WFM_EUSAGE, "option '--like': '%s' is not a date YYYY-MM-DD", like);
    if ((days_s && (rc = cli_int("--days", days_s, 1, 31, &k, err))) ||
        (deflect_s && (rc = cli_num("--deflect", deflect_s, 0, 0.95, &g.deflect, err))) ||
        (aht_s && (rc = cli_num("--aht-factor", aht_s, 0.5, 3, &g.aht_factor, err))) ||
        (tl_s && (rc = cli_num("--time-limit", tl_s, 0.1, 3600, &g.time_limit, err))) ||
        (budget && (rc = cli_num("--budget", budget, 1, 1e13, &g.budget, err))) ||
        (absence && (rc = cli_num("--absence", absence, 0, 0.5, &g.absence, err))) ||
        (drift && (rc = cli_num("--aht-drift", drift, -0.2, 0.2, &g.aht_drift, err))))
        return rc;
    g.k = (int)k;
    if (strcmp(target, "answer-rate") && strcmp(target, "service-level"))
        return wfm_err(err, WFM_EUSAGE, "option '--target': '%s' is not answer-rate or service-level", target);
    g.target = strcmp(target, "service-level") == 0 ? SURGE_TARGET_SERVICE_LEVEL : SURGE_TARGET_ANSWER_RATE;
    if (calls) {   /* N[,N...]: no empty item, nothing before, between or after them */
        const char *p = calls;
        for (;;) {
            char *end;
            double v = strtod(p, &end);
            if (end == p || !(v >= 1 && v <= 1e7) || (*end && *end != ','))
                return wfm_err(err, WFM_EUSAGE, "option '--calls': '%s' is not a list of calls a day (1-10000000)", calls);
            if (g.nvol == WFM_MAX_STAGES)
                return wfm_err(err, WFM_EUSAGE, "option '--calls': at most %d scenarios", WFM_MAX_STAGES);
            volumes[g.nvol++] = v;
            if (!*end)
                break;
            p = end + 1;
        }
    }
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if (g.budget > 0 && !(cfg.wage_won_h > 0 && cfg.vendor_won_h > 0)) {
        wfm_config_free(&cfg);
        return wfm_err(err, WFM_EUSAGE, "option '--budget': '%s' has no prices to spend it on: set surge.wage_won_h "
                                        "and surge.vendor_won_h in '%s'", budget, config);
    }
    if (!calls)
        for (int i = 0; i < cfg.nstages; i++)
            volumes[g.nvol++] = cfg.stages[i].calls_per_day;
    g.volumes = volumes;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0)
        rc = cli_surge(s, &cfg, &g, err);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}
