/*
 * bench.c - `make bench`: speed figures, each with a baseline measured in the
 * same process, so the ratio means something on any machine.
 */
#include "../core/date.h"
#include "../core/rng.h"
#include "../data/csvin.h"
#include "../data/import.h"
#include "../data/store_int.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../model/staff.h"
#include "../model/fcst.h"
#include "../model/score.h"
#include "../model/sim.h"
#include "../solver/surgeplan.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* 2,000,000 perf rows: 5,480 agents x 365 days (the last day cut short). */
static long write_perf(const char *dir, int nagents, long rows)
{
    char path[512];
    Rng r;
    long n = 0;
    FILE *f;
    rng_seed(&r, 7);
    snprintf(path, sizeof path, "%s/agents.csv", dir);
    f = fopen(path, "w");
    fputs("id,team\n", f);
    for (int a = 0; a < nagents; a++)
        fprintf(f, "B%05d,day\n", a);
    fclose(f);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    f = fopen(path, "w");
    fputs("date,agent_id,handled,logged_in_s,talk_s,hold_s,acw_s,break_s,meeting_s,training_s,"
          "resolved_first,transfers,qa_score,queue,shift,remote\n", f);
    for (int d = date_from_ymd(2020, 1, 1); n < rows; d++) {
        char ds[11];
        date_format(d, ds);
        for (int a = 0; a < nagents && n < rows; a++, n++) {
            long h = 60 + (long)rng_below(&r, 60);
            fprintf(f, "%s,B%05d,%ld,28800,%ld,%ld,%ld,3600,0,0,%ld,%ld,%s,phone,day,%d\n", ds, a, h,
                    h * 140, h * 10, h * 45, h * 83 / 100, h / 9, a % 5 ? "" : "88.5", a % 3 == 0);
        }
    }
    fclose(f);
    return n;
}

static void bench_import(void)
{
    char dir[] = "/tmp/wfm-bench-XXXXXX", path[512], db[512];
    const long rows = 2000000;
    WfmErr err;
    ImportResult res;
    Store *s;
    CsvIn *in;
    double t0, t_parse, t_import;
    long n = 0;

    if (!mkdtemp(dir))
        return;
    write_perf(dir, 5480, rows);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    /* Baseline: only reading the CSV, no checks and no store. */
    t0 = now();
    if (csvin_open(path, &in, &err) == 0) {
        while (csvin_next(in, &err) == 1)
            n++;
        csvin_close(in);
    }
    t_parse = now() - t0;
    snprintf(db, sizeof db, "%s/b.db", dir);
    if (store_open(db, STORE_OPEN_CREATE, &s, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return;
    }
    snprintf(path, sizeof path, "%s/agents.csv", dir);
    import_csv(s, IMPORT_AGENTS, path, 0, NULL, &res, &err);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    t0 = now();
    int rc = import_csv(s, IMPORT_PERF, path, 0, NULL, &res, &err);
    store_close(s);  /* what a user waits for includes closing the store */
    t_import = now() - t0;
    if (rc)
        fprintf(stderr, "bench: %s\n", err.msg);
    printf("import perf: %ld rows in %.2f s = %.0f rows/s (goal >= 500,000); "
           "CSV reading alone %.0f rows/s, ratio import/reading %.2f\n",
           res.rows, t_import, res.rows / t_import, (n - 1) / t_parse, t_parse / t_import);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
}

/* A month of 744 hours along a Seoul-like weekday curve at calls_per_day. */
static void month_hours(double calls_per_day, StaffHour *h)
{
    static const double curve[24] = { 0.45, 0.25, 0.15, 0.10, 0.10, 0.10, 0.15, 0.30, 0.60, 10.5, 12.5, 11.8,
                                      7.8, 10.8, 11.0, 10.2, 9.6, 8.6, 1.8, 1.1, 0.8, 0.6, 0.4, 0.3 };
    for (int i = 0; i < 744; i++) {
        memset(&h[i], 0, sizeof h[i]);
        h[i].offered = calls_per_day * curve[i % 24] / 100 * (i / 24 % 7 >= 5 ? 0.3 : 1);
        h[i].aht_s = 200;
        h[i].patience_s = 120;
    }
}

static void bench_staff(void)
{
    WfmConfig cfg;
    WfmErr err;
    StaffHour h[744];
    if (cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err))
        return;
    static const double volumes[2] = { 15000, 80000 };
    for (int v = 0; v < 2; v++) {
        int reps = 20, peak = 0;
        double t0 = now();
        for (int r = 0; r < reps; r++) {
            month_hours(volumes[v], h);
            staff_hours(&cfg, MODEL_ERLANG_A, h, 744, &err);
        }
        double fast = (now() - t0) / reps;
        for (int i = 0; i < 744; i++)
            peak = h[i].phone > peak ? h[i].phone : peak;
        /* Baseline: count up from 0 agents, evaluating each from scratch. */
        ErlangTarget tg = { cfg.sl_target, cfg.sl_definition, cfg.max_asa_s, cfg.answer_rate,
                            cfg.max_occupancy, 1 };
        t0 = now();
        for (int i = 0; i < 744; i++) {
            ErlangIn in = { h[i].offered, 3600, h[i].aht_s, 0, cfg.sl_seconds, h[i].patience_s };
            ErlangOut o;
            int n;
            erlang_staff_naive(&in, &tg, 100000, &n, &o, &err);
            if (n != h[i].phone)
                printf("bench: hour %d: %d by the search, %d by counting\n", i, h[i].phone, n);
        }
        double naive = now() - t0;
        printf("staff a month (744 h, Erlang A) at %.0f calls/day (peak %d agents): %.2f ms "
               "(goal < 20 ms); counting up from scratch %.1f ms, ratio %.0fx\n",
               volumes[v], peak, fast * 1e3, naive * 1e3, naive / fast);
    }
    wfm_config_free(&cfg);
}

/* Three years of hourly history (Seoul-like curve, weekly pattern, noise),
 * then next month forecast by auto (top-2) after a 6-month backtest of
 * every method. */
static void bench_forecast(void)
{
    int first = date_from_ymd(2018, 1, 1), nd = 3 * 365 + 1, origin = first + nd;
    double *y = xmalloc(sizeof *y * 24 * (size_t)nd), out[24 * 31];
    Calendar none = { NULL, 0 };
    Rng r;
    rng_seed(&r, 11);
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (double)rng_poisson(&r, (date_weekday(first + d) >= WD_SAT ? 150 : 600) *
                                                        (h >= 9 && h < 18 ? 1.0 : 0.1));
    FcstHist hist = { y, first, nd, &none, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
    double t0 = now();
    for (int m = 0; m < FC_COUNT; m++) {
        FcstScore sc;
        fcst_backtest(m, &hist, 6, &sc);
    }
    fcst_run(FC_TOP2, &hist, origin, origin, 31, out);   /* what auto forecasts */
    double all = now() - t0;
    t0 = now();
    FcstScore sc;
    fcst_backtest(FC_SEASONAL_NAIVE, &hist, 6, &sc);
    double naive = now() - t0;
    printf("forecast a month from 3 years of hourly history, 6-month backtest of %d methods: %.1f ms "
           "(goal < 1 s); the seasonal naive's backtest alone %.2f ms\n", FC_COUNT, all * 1e3, naive * 1e3);
    free(y);
}

/* Scoring: a year of daily records for 400 agents (in memory), and 10,000
 * agents x a year imported from CSV and scored (store read included). */
static void bench_score(void)
{
    const ScoreWeights w = { 0.65, 0.15, 0.1, 0.1 };
    Rng r;
    rng_seed(&r, 3);
    for (int pass = 0; pass < 2; pass++) {
        int na = pass ? 10000 : 400, nd = 365;
        size_t n = 0;
        PerfRec *p = xmalloc(sizeof *p * (size_t)na * nd);
        for (int d = 0; d < nd; d++)
            for (int a = 0; a < na; a++) {
                PerfRec *x = &p[n++];
                memset(x, 0, sizeof *x);
                x->agent = a, x->day = d, x->shift = a % 4 == 1 ? SK_NIGHT : SK_DAY, x->queue = a % 12 == 5;
                x->logged_s = 28800, x->break_s = 3600;
                x->handled = (double)rng_poisson(&r, x->shift == SK_NIGHT ? 40 : 100);
                x->talk_s = x->handled * 144, x->hold_s = x->handled * 10, x->acw_s = x->handled * 46;
                x->resolved_first = floor(x->handled * 0.83), x->transfers = 0, x->qa = NAN;
            }
        AgentScore *s = xmalloc(sizeof *s * (size_t)na);
        double t0 = now();
        score_compute(p, n, na, NULL, &w, 10, s);
        double t = now() - t0;
        /* Baseline in the same run: one pass summing calls per agent. */
        double *sum = xcalloc((size_t)na, sizeof *sum);
        t0 = now();
        for (size_t i = 0; i < n; i++)
            sum[p[i].agent] += p[i].handled;
        double base = now() - t0;
        printf("score %d agents x a year (%zu records): %.0f ms (goal < 1 s for 400); summing calls alone %.1f ms\n",
               na, n, t * 1e3, base * 1e3);
        if (pass) {
            /* The whole rule as `wfm score` runs it: 12 months, the year,
             * every peer group's line, the slowness line, the window. */
            ScoreRule rule;
            ScoreMonths m;
            int mstart[12];
            memset(&rule, 0, sizeof rule);
            rule.opts.w = w, rule.opts.min_days = 10;
            rule.bottom_share = 0.1, rule.months_flagged = 2, rule.months_window = 3, rule.min_group = 5;
            rule.grace_months = 3, rule.fcr_can_flag = 1, rule.sure = 0.95, rule.slow_gap = 0.05, rule.slow_spread = 2.5;
            rule.history_months = 6;
            for (int k = 0; k < 12; k++)
                mstart[k] = k * 365 / 12;
            t0 = now();
            int nf = score_months(p, n, na, NULL, NULL, mstart, 12, nd - 1, &rule, &m);
            double tm = now() - t0;
            printf("score %d agents x a year, 12 months + the year + the rule (score_months): %.0f ms (goal < 1 s), "
                   "%d flagged; the year's score_compute alone %.0f ms\n", na, tm * 1e3, nf, t * 1e3);
            score_months_free(&m);
        }
        free(sum), free(s), free(p);
    }
}

/* A Seoul-sized roster for three weeks from Monday 2021-01-04 (a week
 * carried in): 290 day-team agents on D07-D11 (by agent) Monday to Friday,
 * 50 weekend-team agents on W08/W10 Saturday and Sunday plus two weekdays,
 * 60 night-team agents on E18 or N01 five nights a week. */
enum { BS_NG = 400, BS_ND = 21, BS_NC = 7 };

static int bs_tpl(const WfmConfig *cfg, const char *name)
{
    for (int s = 0; s < cfg->nshifts; s++)
        if (strcmp(cfg->shifts[s].name, name) == 0)
            return s;
    return -1;
}

static void bench_surge(void)
{
    static RosterAgent ag[BS_NG];
    static Assign a[BS_NG * (BS_NC + BS_ND)];
    static unsigned char lv[BS_NG * BS_ND];
    static const char *const day[] = { "D07", "D08", "D09", "D10", "D11" };
    static const double shape[24] = { 60, 40, 30, 20, 15, 15, 30, 80, 300, 900, 1100, 1000,
                                      900, 1000, 1000, 950, 900, 800, 500, 350, 250, 200, 150, 100 };
    WfmConfig cfg;
    WfmErr err;
    if (cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return;
    }
    int first = date_from_ymd(2021, 1, 4);
    for (int g = 0; g < BS_NG; g++) {
        snprintf(ag[g].id, sizeof ag[g].id, "S%03d", g);
        ag[g].team = g < 290 ? 0 : g < 340 ? 1 : 2;
        ag[g].night_ok = g >= 340;
        ag[g].weekly_hours = 40;
        ag[g].skills = g % 29 == 0 ? 2u : g % 97 == 1 ? 4u : 0;   /* foreign (queue 1), sign (queue 2) */
        for (int d = -BS_NC; d < BS_ND; d++) {
            int wd = date_weekday(first + d), s = -1;
            if (g < 290 && wd < WD_SAT)
                s = bs_tpl(&cfg, day[g % 5]);
            else if (g >= 290 && g < 340 && (wd >= WD_SAT || wd == (g % 5) || wd == (g + 2) % 5))
                s = bs_tpl(&cfg, wd >= WD_SAT ? (g % 2 ? "W08" : "W10") : day[g % 5]);
            else if (g >= 340 && wd != (g % 7) && wd != (g + 3) % 7)
                s = bs_tpl(&cfg, g % 2 ? "E18" : "N01");
            Assign *x = &a[g * (BS_NC + BS_ND) + BS_NC + d];
            memset(x, 0, sizeof *x);
            x->shift = s >= 0 ? s : ROSTER_OFF;
            if (s >= 0) {
                const ShiftTemplate *t = &cfg.shifts[s];
                x->start_min = t->start_min;
                x->meal_off_min = wfm_meal_mid(t);
                x->break_slot = g % 8;
            }
        }
    }
    Roster r = { first, BS_ND, BS_NC, BS_NG, ag, a, lv, NULL, 0, 0 };
    double off[24 * 14], aht[24 * 14], pat[24 * 14], tot = 0;
    for (int h = 0; h < 24; h++)
        tot += shape[h];
    for (int t = 0; t < 24 * 14; t++)
        off[t] = shape[t % 24] * 15000 / tot, aht[t] = 190, pat[t] = 390;
    /* The same calls as three queues (issue 17): phone 97%, foreign 2.5%, sign 0.5%, their own AHT. */
    static double qo[3 * 24 * 14], qa[3 * 24 * 14], qp[3 * 24 * 14];
    static const double share[3] = { 0.97, 0.025, 0.005 }, qaht[3] = { 185, 320, 480 };
    for (int q = 0; q < 3; q++)
        for (int t = 0; t < 24 * 14; t++)
            qo[q * 24 * 14 + t] = off[t] * share[q], qa[q * 24 * 14 + t] = qaht[q], qp[q * 24 * 14 + t] = 390;
    /* queues 1: per-queue demand, answer-rate target; 2: also the outside world's limits and a budget. */
    static const struct { int d0, k; double calls; const char *goal; int queues; } runs[] = {
        { 9, 1, 80000, "goal < 2 s", 0 }, { 7, 14, 60000, "goal < 30 s", 0 }, { 7, 14, 80000, "goal < 30 s", 0 },
        { 7, 14, 60000, "queues, goal < 1 s", 1 }, { 7, 14, 60000, "queues, limits, budget, goal < 1 s", 2 },
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        SurgeScenario sc = { 0 };
        snprintf(sc.name, sizeof sc.name, "%.0f", runs[i].calls);
        sc.calls_per_day = runs[i].calls, sc.aht_factor = 1;
        SurgePlanIn in = { &cfg, &r, runs[i].d0, runs[i].k, off, aht, pat, 5.0 * runs[i].k, NULL, NULL, NULL,
                           SURGE_TARGET_SERVICE_LEVEL, NULL, NULL, NULL, 0, SURGE_BUDGET_BEST };
        WfmConfig c2 = cfg;
        if (runs[i].queues) {
            in.target = SURGE_TARGET_ANSWER_RATE;
            in.q_offered = qo, in.q_aht_s = qa, in.q_patience_s = qp;
        }
        if (runs[i].queues == 2) {
            c2.vendor_capacity = 150, c2.outside_seats = 100, c2.outside_laptops = 100, c2.outside_lead_days = 1;
            c2.wage_won_h = 15000, c2.vendor_won_h = 25000;
            in.cfg = &c2, in.budget = 3e8;
        }
        double t0 = now();
        int rc = surge_plan(&in, &sc, &err);
        double t1 = now();
        if (rc) {
            fprintf(stderr, "bench: %s\n", err.msg);
            surge_scenario_free(&sc);
            continue;
        }
        /* Baseline: one replication of the discrete-event simulation of the
         * same hours with the roster's agents, what the Erlang predictions
         * stand in for. */
        int nh = 24 * runs[i].k;
        int *duty = xmalloc(sizeof *duty * (size_t)nh);
        double *so = xmalloc(sizeof *so * (size_t)nh), *sa = xmalloc(sizeof *sa * (size_t)nh), *sp = xmalloc(sizeof *sp * (size_t)nh);
        for (int t = 0; t < nh; t++) {
            duty[t] = (int)lround(sc.h[t].phone[SURGE_ROSTER] / wfm_config_availability(&cfg));
            so[t] = sc.h[t].offered, sa[t] = sc.h[t].aht_s, sp[t] = sc.h[t].patience_s;
        }
        SimHour *sh = xmalloc(sizeof *sh * (size_t)nh);
        SimIn sin = { nh, so, sa, sp, duty, cfg.extra_break_min, cfg.sl_seconds, 1 };
        double t2 = now();
        sim_run(&sin, sh);
        double t3 = now();
        SurgeTotals tt;
        surge_totals(&sc, &tt);
        printf("surge %2d day(s) at %.0f calls/day, 400 agents: %.2f s (%s); overtime %.0f h for %d agents, "
               "%.2f%% from its bound; answer rate %.1f%% -> %.1f%% -> %.1f%%; one simulation of the same hours "
               "%.2f s (ratio %.1f)\n",
               runs[i].k, runs[i].calls, t1 - t0, runs[i].goal, sc.ot_hours, sc.ot_agents, 100 * sc.ot_gap,
               100 * tt.answered[0] / tt.offered, 100 * tt.answered[1] / tt.offered, 100 * tt.answered[2] / tt.offered,
               t3 - t2, (t1 - t0) / (t3 - t2));
        if (in.budget > 0)
            printf("    within the budget: %.2f%% answered (overtime first %.2f%%, the relaxation's split %.2f%%, vendor "
                   "first %.2f%%), bound %.2f%%\n", 100 * tt.answered[2] / tt.offered,
                   100 * sc.budget_answered[0] / tt.offered, 100 * sc.budget_answered[1] / tt.offered,
                   100 * sc.budget_answered[2] / tt.offered, 100 * sc.budget_bound / tt.offered);
        free(duty), free(so), free(sa), free(sp), free(sh);
        surge_scenario_free(&sc);
    }
    wfm_config_free(&cfg);
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    if (!only || strcmp(only, "import") == 0)
        bench_import();
    if (!only || strcmp(only, "staff") == 0)
        bench_staff();
    if (!only || strcmp(only, "forecast") == 0)
        bench_forecast();
    if (!only || strcmp(only, "score") == 0)
        bench_score();
    if (!only || strcmp(only, "surge") == 0)
        bench_surge();
    return 0;
}
