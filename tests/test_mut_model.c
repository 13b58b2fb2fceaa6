/*
 * test_mut_model.c - issue 21: tests that fail when the numbers are wrong.
 * Each test names the planted bug it was written against (tests/mutants.txt
 * holds them all; `make mutate` plants each and runs the suites).  Values
 * are checked against a formula or a second computation, limits at the
 * limit and one past it.
 */
#include "helpers.h"
#include "../model/erlang.h"
#include "../model/fcst.h"
#include "../model/score.h"
#include "../core/alloc.h"
#include "../core/rng.h"
#include "../core/stats.h"

/* ---- Erlang A with patience 0 ---------------------------------------- */

/* Bug: occupancy a/n instead of a(1-B)/n when callers never wait (every
 * blocked caller leaves: Erlang B).  24 Erlangs, n = 20..40: occupancy,
 * answer rate and abandonment from erlang_b, and the fewest agents for an
 * 85% occupancy cap by counting up with the formula. */
static void test_patience0_occupancy(void **state)
{
    (void)state;
    WfmErr err;
    double a = 360.0 / 3600 * 240;
    int want = -1;
    for (int n = 20; n <= 40; n++) {
        ErlangIn in = { 360, 3600, 240, n, 20, 0 };
        ErlangOut o;
        double b = erlang_b(a, n);
        assert_int_equal(erlang_eval(&in, &o, &err), 0);
        assert_int_equal(o.has_a, 1);
        assert_close(o.a_occupancy, a * (1 - b) / n, 1e-12);
        assert_close(o.a_p_abandon, b, 1e-12);
        assert_close(o.a_sl_answered_over_offered, 1 - b, 1e-12);
        if (want < 0 && a * (1 - b) / n <= 0.85 && 1 - b >= 0.5)
            want = n;
    }
    ErlangIn in = { 360, 3600, 240, 0, 20, 0 };
    ErlangTarget tg = { 0, SL_ANSWERED_OVER_OFFERED, 0, 0.5, 0.85, 1 };
    ErlangOut o;
    int n = -1;
    assert_int_equal(erlang_staff(&in, &tg, 1000, &n, &o, &err), 0);
    assert_int_equal(n, want);
    assert_true(a / n > 0.85);   /* the cap on a / n alone would ask for more */
}

/* The same formula where B underflows (no caller ever blocked): a / n. */
static void test_occupancy_no_wait(void **state)
{
    (void)state;
    WfmErr err;
    ErlangIn in = { 36, 3600, 100, 400, 20, 60 };
    ErlangOut o;
    assert_int_equal(erlang_eval(&in, &o, &err), 0);
    assert_close(o.a_occupancy, 1.0 / 400, 1e-12);
    assert_close(o.c_occupancy, 1.0 / 400, 1e-12);
}

/* Erlang C against the textbook formulas, and the C staffing at the
 * occupancy cap's boundary (a / n exactly 0.8 is allowed). */
static void test_erlang_c_formulas(void **state)
{
    (void)state;
    WfmErr err;
    double a = 8;
    for (int n = 9; n <= 14; n++) {
        ErlangIn in = { 8 * 3600 / 180.0, 3600, 180, n, 20, -1 };
        ErlangOut o;
        double b = erlang_b(a, n), c = n * b / (n - a * (1 - b));
        assert_int_equal(erlang_eval(&in, &o, &err), 0);
        assert_close(o.c_p_wait, c, 1e-12);
        assert_close(o.c_asa_s, c * 180 / (n - a), 1e-9);
        assert_close(o.c_sl, 1 - c * exp(-(n - a) * 20 / 180.0), 1e-12);
        assert_close(o.c_mean_queue, c * a / (n - a), 1e-9);
    }
    ErlangIn in = { 8 * 3600 / 180.0, 3600, 180, 0, 20, -1 };
    ErlangTarget tg = { 0, 0, 0, 0, 0.8, 0 };
    ErlangOut o;
    int n = -1;
    assert_int_equal(erlang_staff(&in, &tg, 1000, &n, &o, &err), 0);
    assert_int_equal(n, 10);   /* 8 / 10 = 0.8 exactly */
    /* Erlang B by its definition, a^n/n! / sum a^k/k!. */
    double s = 0, term = 1;
    for (int k = 0; k <= 12; k++) {
        if (k)
            term *= a / k;
        s += term;
    }
    assert_close(erlang_b(a, 12), term / s, 1e-14);
}

/* ---- Forecast ---------------------------------------------------------- */

/* Bug: events no longer divided out of the history.  A Tuesday with a
 * multiplier 3 holds three times its calls; the mean of the last K
 * Tuesdays must not see it, and a forecast day with an event 1.5 is
 * multiplied by it. */
static void test_events_divided_out(void **state)
{
    (void)state;
    int first = date_from_ymd(2021, 3, 1), nd = 63;
    double *y = xmalloc(sizeof *y * 24 * nd), out[24 * 7], base[24 * 7];
    Calendar cal;
    cal_init(&cal, NULL, 0);
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = 100 + h;
    int ev_day = first + 7 * 7 + 1;   /* a Tuesday in week 7 */
    for (int h = 0; h < 24; h++)
        y[24 * (ev_day - first) + h] *= 3;
    SpecialEvent ev[2] = { { ev_day, 3.0, "fair", 0 }, { first + nd + 1, 1.5, "campaign", 0 } };
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, ev, 1, 8, 0, 0, 0 };
    int origin = first + nd;
    for (int m = FC_SEASONAL_NAIVE; m <= FC_TRIMMED; m++) {
        assert_int_equal(fcst_run(m, &hist, origin, origin, 7, base), 0);
        for (int h = 0; h < 24; h++)
            assert_close(base[24 + h], 100 + h, 1e-9);   /* the Tuesday */
    }
    hist.nevents = 2;
    assert_int_equal(fcst_run(FC_MEAN, &hist, origin, origin, 7, out), 0);
    for (int h = 0; h < 24; h++) {
        assert_close(out[24 + h], 1.5 * (100 + h), 1e-9);
        assert_close(out[h], 100 + h, 1e-9);
    }
    cal_free(&cal);
    free(y);
}

/* The score of a backtest computed again from fcst_run and the history. */
static void score_by_hand(int method, const FcstHist *h, int mfirst, int nd, double *wape, double *bias)
{
    double *f = xmalloc(sizeof *f * 24 * (size_t)nd), ae = 0, e = 0, act = 0;
    assert_int_equal(fcst_run(method, h, mfirst, mfirst, nd, f), 0);
    for (int i = 0; i < 24 * nd; i++) {
        double a = h->y[24 * (mfirst - h->first) + i];
        ae += fabs(f[i] - a), e += f[i] - a, act += a;
    }
    *wape = ae / act, *bias = e / act;
    free(f);
}

/* Bug: the sign of the bias.  A history that grows: the seasonal naive
 * (last week again) is below what comes, so its bias is negative; the
 * backtest's WAPE and bias equal sum|F-A|/sum A and sum(F-A)/sum A. */
static void test_backtest_bias_sign(void **state)
{
    (void)state;
    int first = date_from_ymd(2021, 1, 1), nd = 120;   /* to 2021-04-30 */
    double *y = xmalloc(sizeof *y * 24 * nd);
    Calendar cal;
    cal_init(&cal, NULL, 0);
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (50 + h) * (1 + 0.01 * d);
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 0, 0, 0 };
    FcstScore sc;
    assert_int_equal(fcst_backtest(FC_SEASONAL_NAIVE, &hist, 1, &sc), 0);
    double w, b;
    score_by_hand(FC_SEASONAL_NAIVE, &hist, date_from_ymd(2021, 4, 1), 30, &w, &b);
    assert_true(sc.bias < 0);
    assert_close(sc.bias, b, 1e-12);
    assert_close(sc.wape, w, 1e-12);
    assert_close(sc.wape, -sc.bias, 1e-12);   /* every hour under */
    for (int hr = 0; hr < 24; hr++) {
        assert_true(sc.bias_hour[hr] < 0);
        assert_close(sc.wape_hour[hr], -sc.bias_hour[hr], 1e-12);
    }
    assert_int_equal(sc.months, 1);
    /* A history that shrinks: over. */
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (50 + h) * (2 - 0.005 * d);
    assert_int_equal(fcst_backtest(FC_SEASONAL_NAIVE, &hist, 1, &sc), 0);
    assert_true(sc.bias > 0);
    assert_close(sc.bias, sc.wape, 1e-12);
    cal_free(&cal);
    free(y);
}

/* A noisy history of 20 months with a weekly shape whose strength drifts,
 * so that different methods win in different months. */
static void noisy_history(double *y, int nd, uint64_t seed)
{
    Rng r;
    rng_seed(&r, seed);
    for (int d = 0; d < nd; d++) {
        double lvl = 1000 * (1 + 0.3 * sin(d / 40.0)) * exp(0.15 * rng_normal(&r));
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = lvl * (1 + 0.5 * sin(h / 3.0)) * (1 + 0.2 * (d % 7 == 0)) * exp(0.1 * rng_normal(&r));
    }
}

/* Bug: the automatic choice backtested on the whole history (a look-ahead).
 * What is chosen for month k never changes when month k's data (or any
 * later month's) change; and it is the method with the lowest backtest on
 * the history before month k. */
static void test_auto_no_look_ahead(void **state)
{
    (void)state;
    int first = date_from_ymd(2020, 1, 1), last = date_from_ymd(2021, 8, 31), nd = last - first + 1;
    enum { NM = 5 };
    double *y = xmalloc(sizeof *y * 24 * (size_t)nd), *z = xmalloc(sizeof *z * 24 * (size_t)nd);
    Calendar cal;
    cal_init(&cal, NULL, 0);
    noisy_history(y, nd, 7);
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 0, 0.5, 0 };
    FcstScore sc;
    int chosen[NM], again[NM];
    assert_int_equal(fcst_backtest_auto(&hist, NM, 3, &sc, chosen), 0);
    /* Second method: the choice for each month from the history before it. */
    for (int k = 0; k < NM; k++) {
        int y0 = 2021, m0 = 8 - k;
        int mfirst = date_from_ymd(y0, m0, 1);
        FcstHist before = hist;
        before.ndays = mfirst - first;
        int best = -1;
        double bw = INFINITY;
        for (int m = 0; m < FC_COUNT; m++) {
            FcstScore s;
            if (fcst_backtest(m, &before, 3, &s) == 0 && s.wape < bw)
                bw = s.wape, best = m;
        }
        assert_int_equal(chosen[k], best);
    }
    /* The property: month k's data, changed in three ways, never change the
     * choice of month k or of the months before it. */
    for (int k = 0; k < NM; k++) {
        int mfirst = date_from_ymd(2021, 8 - k, 1), mlast = date_from_ymd(2021, 9 - k, 1);
        for (int how = 0; how < 3; how++) {
            memcpy(z, y, sizeof *z * 24 * (size_t)nd);
            for (int d = mfirst - first; d < mlast - first; d++)
                for (int h = 0; h < 24; h++) {
                    double *v = &z[24 * d + h];
                    if (how == 0)
                        *v *= 3;                            /* a jump */
                    else if (how == 1)
                        *v = z[24 * (d - 7) + h];           /* last week again: the naive is perfect */
                    else
                        *v = z[24 * (d - 364) + h];         /* last year again */
                }
            FcstHist hz = hist;
            hz.y = z;
            FcstScore s2;
            assert_int_equal(fcst_backtest_auto(&hz, NM, 3, &s2, again), 0);
            for (int j = k; j < NM; j++)
                if (again[j] != chosen[j])
                    fail_msg("changing month %d back (way %d) changed the choice of month %d back: %s -> %s", k,
                             how, j, fcst_name(chosen[j]), fcst_name(again[j]));
        }
    }
    cal_free(&cal);
    free(y);
    free(z);
}

/* Bug: the combined forecast's three methods divided by two.  It is the
 * mean of the median, trimmed-mean and profile-trend forecasts, hour by hour. */
static void test_combined_is_the_mean(void **state)
{
    (void)state;
    int first = date_from_ymd(2020, 1, 1), nd = 200;
    double *y = xmalloc(sizeof *y * 24 * (size_t)nd), c[24 * 31], m[24 * 31], t[24 * 31], p[24 * 31];
    Calendar cal;
    cal_init(&cal, NULL, 0);
    noisy_history(y, nd, 3);
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 0, 0.5, 0 };
    int origin = first + nd;
    assert_int_equal(fcst_run(FC_COMBINED, &hist, origin, origin, 31, c), 0);
    assert_int_equal(fcst_run(FC_MEDIAN, &hist, origin, origin, 31, m), 0);
    assert_int_equal(fcst_run(FC_TRIMMED, &hist, origin, origin, 31, t), 0);
    assert_int_equal(fcst_run(FC_PROFILE_TREND, &hist, origin, origin, 31, p), 0);
    for (int i = 0; i < 24 * 31; i++)
        assert_close(c[i], (m[i] + t[i] + p[i]) / 3, 1e-9 * fmax(1, c[i]));
    cal_free(&cal);
    free(y);
}

/* ---- Scores ------------------------------------------------------------ */

/* nag agents, nd days, one queue, day shift; agent a's speed 1 + 0.04 (a - nag/2)
 * and Poisson noise; every agent on every day. */
static PerfRec *peer_records(int nag, int nd, uint64_t seed, size_t *n)
{
    Rng r;
    PerfRec *p = xcalloc((size_t)nag * (size_t)nd, sizeof *p);
    size_t k = 0;
    rng_seed(&r, seed);
    for (int a = 0; a < nag; a++)
        for (int d = 0; d < nd; d++) {
            PerfRec *x = &p[k++];
            double hours = a % 3 == 0 ? 4 : 7, speed = 1 + 0.003 * (a - nag / 2);
            x->agent = a, x->day = d, x->shift = SK_DAY, x->queue = 0;
            x->logged_s = hours * 3600;
            x->handled = (double)rng_poisson(&r, hours * 15 * speed * (1 + 0.2 * sin(d)));
            x->talk_s = x->handled * 180, x->acw_s = x->handled * 40;
            x->resolved_first = floor(x->handled * (0.7 + 0.005 * a));
            x->transfers = NAN, x->qa = NAN;
        }
    *n = k;
    return p;
}

/* Bugs: the shrinkage with the standard error instead of its square; the
 * noise term dropped from the between-agent variance.  Second computation:
 * tau^2 = var(raw) - mean(se^2) over the scored agents, b = tau^2 / (tau^2 +
 * se^2), composite = b raw, band +-1.96 sqrt(b) se. */
static void test_shrinkage_by_hand(void **state)
{
    (void)state;
    enum { NAG = 30, NDAY = 12 };
    size_t n;
    PerfRec *p = peer_records(NAG, NDAY, 11, &n);
    ScoreWeights w = { 1, 0, 0, 0 };
    AgentScore s[NAG];
    assert_int_equal(score_compute(p, n, NAG, NULL, &w, 5, s), NAG);
    /* Bug: productivity as a ratio, not its log; the spread's 1.4826 x MAD.
     * Every call takes 220 s, so the handling part is 0 and productivity's
     * log is rho log p, rho (occ_weight) the others' squared occupancy on
     * his days (each agent's others differ a little): raw = (x - median x)
     * / (1.4826 median |x - median|), x = rho log p. */
    double lp[NAG], dev[NAG];
    for (int a = 0; a < NAG; a++)
        lp[a] = s[a].occ_weight * log(s[a].productivity);
    double med = stats_median(lp, NAG);
    for (int a = 0; a < NAG; a++)
        dev[a] = fabs(s[a].occ_weight * log(s[a].productivity) - med);
    double scale = 1.4826 * stats_median(dev, NAG);
    for (int a = 0; a < NAG; a++)
        assert_close(s[a].raw, (s[a].occ_weight * log(s[a].productivity) - med) / scale, 1e-9);
    /* Bug: the missing components' weights not shared out: weights scaled
     * together leave every score as it was. */
    AgentScore s3[NAG];
    ScoreWeights w3 = { 3, 0, 0, 0 };
    score_compute(p, n, NAG, NULL, &w3, 5, s3);
    for (int a = 0; a < NAG; a++)
        assert_close(s3[a].composite, s[a].composite, 1e-12);
    double sv = 0, s2 = 0, sse = 0;
    for (int a = 0; a < NAG; a++)
        sv += s[a].raw, s2 += s[a].raw * s[a].raw, sse += s[a].se * s[a].se;
    double var = (s2 - sv * sv / NAG) / (NAG - 1), tau2 = var - sse / NAG;
    print_message("var(raw) %.4f, mean se^2 %.4f, tau^2 %.4f\n", var, sse / NAG, tau2);
    assert_true(tau2 > 0.05 && sse / NAG > 0.05 * tau2);   /* neither term negligible */
    int se_not_1 = 0;
    for (int a = 0; a < NAG; a++) {
        double b = tau2 / (tau2 + s[a].se * s[a].se);
        assert_close(s[a].composite, b * s[a].raw, 1e-12);
        assert_close(s[a].lo, b * s[a].raw - 1.96 * sqrt(b) * s[a].se, 1e-12);
        assert_close(s[a].hi, b * s[a].raw + 1.96 * sqrt(b) * s[a].se, 1e-12);
        se_not_1 += fabs(s[a].se - 1) > 0.05;
    }
    assert_true(se_not_1 > NAG / 2);
    free(p);
}

/* Bug: small peer blocks (1-2 others on a date, shift and queue) treated as
 * large.  With 3 agents a day their expected calls come from the other two's
 * pooled rate over the period; with exactly 4, from the other three's that
 * day.  Never from their own records. */
static void test_small_blocks(void **state)
{
    (void)state;
    ScoreWeights w = { 1, 0, 0, 0 };
    for (int nag = 3; nag <= 4; nag++) {
        enum { NDAY = 6 };
        PerfRec p[4 * NDAY];
        AgentScore s[4];
        size_t n = 0;
        memset(p, 0, sizeof p);
        for (int a = 0; a < nag; a++)
            for (int d = 0; d < NDAY; d++) {
                PerfRec *x = &p[n++];
                x->agent = a, x->day = d, x->shift = SK_DAY, x->queue = 0;
                x->logged_s = (5 + a + (d % 3) * (a + 1)) * 3600;   /* hours differ by day */
                x->handled = 50 + 10 * a + 7 * d * (a + 1);   /* busy days differ by agent */
                x->resolved_first = x->transfers = x->qa = NAN;
            }
        score_compute(p, n, nag, NULL, &w, 1, s);
        for (int a = 0; a < nag; a++) {
            double h = 0, e = 0, th = 0, ta = 0;   /* th, ta: the others' over the period */
            for (size_t i = 0; i < n; i++)
                if (p[i].agent != a)
                    th += p[i].handled, ta += p[i].logged_s / 3600;
            for (size_t i = 0; i < n; i++) {
                if (p[i].agent != a)
                    continue;
                double dh = 0, da = 0;
                for (size_t j = 0; j < n; j++)
                    if (p[j].day == p[i].day && p[j].agent != a)
                        dh += p[j].handled, da += p[j].logged_s / 3600;
                double rate = nag >= 4 ? dh / da : th / ta;
                h += p[i].handled, e += rate * p[i].logged_s / 3600;
            }
            assert_close(s[a].productivity, h / e, 1e-12);
            assert_close(s[a].peer_cpd, e / NDAY, 1e-9);
            assert_close(s[a].cpd, h / NDAY, 1e-9);
        }
    }
}

/* Bug: adherence not capped at the rostered time.  Logged-in time over the
 * rostered, each day at most 1: days of 8 h rostered with 9, 7 and 8 h
 * logged in give (8 + 7 + 8) / 24. */
static void test_adherence_capped(void **state)
{
    (void)state;
    ScoreWeights w = { 1, 0, 0, 1 };
    PerfRec p[3];
    AgentScore s[1];
    double logged[3] = { 9, 7, 8 };
    memset(p, 0, sizeof p);
    for (int d = 0; d < 3; d++) {
        p[d].agent = 0, p[d].day = d, p[d].shift = SK_DAY;
        p[d].logged_s = logged[d] * 3600, p[d].sched_s = 8 * 3600, p[d].handled = 100;
        p[d].resolved_first = p[d].transfers = p[d].qa = NAN;
    }
    score_compute(p, 3, 1, NULL, &w, 1, s);
    assert_close(s[0].adherence, 23.0 / 24, 1e-12);
}

/* The peer threshold: 5 agents in the group is enough (level 0), 4 is not. */
static void test_threshold_needs_five(void **state)
{
    (void)state;
    AgentScore s[10];
    memset(s, 0, sizeof s);
    for (int i = 0; i < 10; i++) {
        s[i].days = 20, s[i].se = 0.1, s[i].composite = i - 5.0, s[i].shift = SK_DAY;
        s[i].queue = 0, s[i].tenure = i < 5 ? 0 : 1;
    }
    int level;
    double t = score_peer_threshold(s, 10, &s[0], 0.5, 10, &level);
    assert_int_equal(level, 0);
    assert_close(t, -3, 1e-12);   /* the median of -5..-1 */
    s[4].tenure = 1;              /* four left in tenure band 0 */
    t = score_peer_threshold(s, 10, &s[0], 0.5, 10, &level);
    assert_int_equal(level, 1);
    assert_close(t, -0.5, 1e-12);   /* the median of all ten */
    s[5].days = 9;                  /* below min_days: not counted */
    t = score_peer_threshold(s, 10, &s[0], 0.5, 10, &level);
    assert_close(t, -1, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patience0_occupancy),
        cmocka_unit_test(test_occupancy_no_wait),
        cmocka_unit_test(test_erlang_c_formulas),
        cmocka_unit_test(test_events_divided_out),
        cmocka_unit_test(test_backtest_bias_sign),
        cmocka_unit_test(test_auto_no_look_ahead),
        cmocka_unit_test(test_combined_is_the_mean),
        cmocka_unit_test(test_shrinkage_by_hand),
        cmocka_unit_test(test_small_blocks),
        cmocka_unit_test(test_threshold_needs_five),
        cmocka_unit_test(test_adherence_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
