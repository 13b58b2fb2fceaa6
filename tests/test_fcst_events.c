/*
 * test_fcst_events.c - one-off events in last year's history are not
 * carried into this year; a move that comes back every year is.
 */
#include "helpers.h"
#include "../model/fcst.h"
#include "../core/alloc.h"
#include "../core/rng.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"

/* Expected calls of a day and hour: weekdays 6,000, Saturday 2,000,
 * Sunday 1,200, a +-15% swing over the year, hours 8-20. */
static double expected(int day, int hr)
{
    static const double shape[24] = { 0, 0, 0, 0, 0, 0, 0, 0, 4, 9, 11, 11, 9, 8, 10, 10, 9, 8, 6, 3, 2, 0, 0, 0 };
    int wd = date_weekday(day);
    double lvl = wd == WD_SAT ? 2000 : wd == WD_SUN ? 1200 : 6000;
    lvl *= 1 + 0.15 * sin(6.283185307179586 * (day - date_from_ymd(2019, 1, 1)) / 365.25);
    return lvl * shape[hr] / 100.0;
}

/* Poisson calls from first to last (inclusive); the days in [s0, s1) of
 * each listed year-offset multiplied by surge. */
static double *history(int first, int last, uint64_t seed, const int *s0, const int *s1, int nsurge, double surge)
{
    int nd = last - first + 1;
    double *y = xmalloc(sizeof *y * 24 * (size_t)nd);
    Rng r;
    rng_seed(&r, seed);
    for (int d = 0; d < nd; d++) {
        double m = 1;
        for (int k = 0; k < nsurge; k++)
            if (first + d >= s0[k] && first + d < s1[k])
                m = surge;
        for (int hr = 0; hr < 24; hr++)
            y[24 * d + hr] = (double)rng_poisson(&r, m * expected(first + d, hr));
    }
    return y;
}

/* WAPE of April 2021 forecast from the history to 2021-03-31 against a
 * fresh Poisson draw of April (times surge when april_surge). */
static double april_wape(const FcstHist *h, int method, double april_mult, double *wape_auto)
{
    int a0 = date_from_ymd(2021, 4, 1), n = 30;
    double f[24 * 30], ae = 0, act = 0, fa = 0;
    Rng r;
    rng_seed(&r, 99);
    double *act_y = xmalloc(sizeof *act_y * 24 * 30);
    for (int d = 0; d < n; d++)
        for (int hr = 0; hr < 24; hr++)
            act_y[24 * d + hr] = (double)rng_poisson(&r, april_mult * expected(a0 + d, hr));
    assert_int_equal(fcst_run(method, h, a0, a0, n, f), 0);
    for (int i = 0; i < 24 * n; i++)
        ae += fabs(f[i] - act_y[i]), act += act_y[i];
    if (wape_auto) {
        /* auto: top-2, the mean of the two lowest 6-month backtests before April */
        int pair[2];
        assert_int_equal(fcst_top2_members(h, a0, a0, n, pair, NULL, NULL), 0);
        assert_int_equal(fcst_run(FC_TOP2, h, a0, a0, n, f), 0);
        for (int i = 0; i < 24 * n; i++)
            fa += fabs(f[i] - act_y[i]);
        *wape_auto = fa / act;
        print_message("  auto (top-2): the mean of %s and %s\n", fcst_name(pair[0]), fcst_name(pair[1]));
    }
    free(act_y);
    return ae / act;
}

/* Last April (2020-04-01 to 2020-05-12, six weeks) doubled, once: this
 * April with yearly and with auto is within 10% WAPE; before the fix yearly
 * carried the surge forward (99% in the issue). */
static void test_one_off_surge(void **state)
{
    (void)state;
    Calendar none = { NULL, 0 };
    for (int years = 2; years <= 3; years++) {  /* 27 months of history, then 15 */
        int first = years == 3 ? date_from_ymd(2019, 1, 1) : date_from_ymd(2020, 1, 1);
        int last = date_from_ymd(2021, 3, 31);
        int s0[1] = { date_from_ymd(2020, 4, 1) }, s1[1] = { date_from_ymd(2020, 5, 13) };
        double *y = history(first, last, 5, s0, s1, 1, 2.0);
        FcstHist h = { y, first, last - first + 1, &none, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
        double wa, wy = april_wape(&h, FC_YEARLY, 1.0, &wa);
        print_message("one-off six-week surge last April (%d months of history): this April yearly %.2f%%, auto %.2f%%\n",
                      years == 3 ? 27 : 15, 100 * wy, 100 * wa);
        assert_true(wy <= 0.10);
        assert_true(wa <= 0.10);
        free(y);
    }
}

/* The same six weeks doubled every year (2019 and 2020, and this April
 * too): a season, which yearly carries forward. */
static void test_recurring_surge(void **state)
{
    (void)state;
    Calendar none = { NULL, 0 };
    int first = date_from_ymd(2019, 1, 1), last = date_from_ymd(2021, 3, 31);
    int s0[2] = { date_from_ymd(2019, 4, 1), date_from_ymd(2020, 4, 1) };
    int s1[2] = { date_from_ymd(2019, 5, 13), date_from_ymd(2020, 5, 13) };
    double *y = history(first, last, 6, s0, s1, 2, 2.0);
    FcstHist h = { y, first, last - first + 1, &none, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
    double wy = april_wape(&h, FC_YEARLY, 2.0, NULL), wp = april_wape(&h, FC_PROFILE_TREND, 2.0, NULL);
    print_message("a surge every April: this April (doubled) yearly %.2f%%, profile-trend %.2f%%\n", 100 * wy, 100 * wp);
    assert_true(wy <= 0.10);
    assert_true(wp > 0.3);
    free(y);
}

/* A configured event of six weeks: `days = 42` in the configuration (0 is
 * refused); last April's surge configured so is divided out of the
 * history, and the same configured for this April multiplies it. */
static void test_configured_weeks(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    char *text = xmalloc(strlen(sample_config_text(SAMPLE_GIMPO)) + 400);
    for (int bad = 0; bad < 2; bad++) {
        sprintf(text, "%s\nevents = ( { date = \"2020-04-01\"; multiplier = 2.0; days = %d; note = \"surge\"; } );\n",
                sample_config_text(SAMPLE_GIMPO), bad ? 0 : 42);
        int rc = cfg_load_string(text, "t.cfg", &cfg, &err);
        if (bad) {
            assert_int_equal(rc, WFM_EINPUT);
            assert_contains(err.msg, "events.[0].days");
            continue;
        }
        assert_int_equal(rc, 0);
        assert_int_equal(cfg.nevents, 1);
        assert_int_equal(cfg.events[0].days, 42);
        wfm_config_free(&cfg);
    }
    free(text);
    Calendar none = { NULL, 0 };
    int first = date_from_ymd(2020, 1, 1), last = date_from_ymd(2021, 3, 31);
    int s0[1] = { date_from_ymd(2020, 4, 1) }, s1[1] = { date_from_ymd(2020, 5, 13) };
    double *y = history(first, last, 7, s0, s1, 1, 2.0);
    SpecialEvent ev[2] = { { s0[0], 2.0, "surge", 42 }, { date_from_ymd(2021, 4, 1), 2.0, "surge again", 42 } };
    FcstHist h = { y, first, last - first + 1, &none, HOL_OWN_KIND, ev, 1, 10, 1.4, 0, 1 };
    double wy = april_wape(&h, FC_YEARLY, 1.0, NULL), wh = april_wape(&h, FC_HOLT, 1.0, NULL);
    h.nevents = 2;
    double wy2 = april_wape(&h, FC_YEARLY, 2.0, NULL), wm2 = april_wape(&h, FC_MEDIAN, 2.0, NULL);
    print_message("six-week event configured: this April yearly %.2f%%, holt %.2f%%; configured again this April "
                  "(calls doubled): yearly %.2f%%, median %.2f%%\n", 100 * wy, 100 * wh, 100 * wy2, 100 * wm2);
    assert_true(wy <= 0.10 && wh <= 0.10 && wy2 <= 0.10 && wm2 <= 0.10);
    free(y);
}

/* WAPE of month (y, m) forecast by method from origin against a fresh
 * Poisson draw of mult times the expected calls. */
static double month_wape(const FcstHist *h, int method, int origin, int y, int m, double mult)
{
    int a0 = date_from_ymd(y, m, 1), n = date_days_in_month(y, m);
    double *f = xmalloc(sizeof *f * 24 * (size_t)n), ae = 0, act = 0;
    Rng r;
    rng_seed(&r, 77);
    assert_int_equal(fcst_run(method, h, origin, a0, n, f), 0);
    for (int i = 0; i < 24 * n; i++) {
        double a = (double)rng_poisson(&r, mult * expected(a0 + i / 24, i % 24));
        ae += fabs(f[i] - a), act += a;
    }
    free(f);
    return ae / act;
}

/* A level shift, not a one-off: from February last year on, 1.6 times the
 * calls, and so ever since (the Seoul sample's 2020).  This March forecast
 * from the end of February (month ahead: every method within 10%) and from
 * the end of December (three months ahead, as `wfm forecast --month
 * 2021-03` on the sample): holt within 10%, yearly not - it takes last
 * year's move from December to March (the shift) for the season and adds
 * it to a recent level that already holds it (60.72%).  Not fixed: with one
 * year of history a lasting shift and a season look alike, and the rules
 * tried (divide out the year's move when last year's target had already
 * made it and the weeks since stayed there) took steady growth for a shift:
 * with +25% a year and a +-15% season, yearly three months ahead went from
 * 3.25% to 8.46%.  auto (top-2) is left to the backtest. */
static void test_level_shift(void **state)
{
    (void)state;
    Calendar none = { NULL, 0 };
    int first = date_from_ymd(2019, 1, 1), last = date_from_ymd(2021, 2, 28);
    int s0[1] = { date_from_ymd(2020, 2, 1) }, s1[1] = { last + 1 };
    double *y = history(first, last, 8, s0, s1, 1, 1.6);
    static const int methods[] = { FC_YEARLY, FC_PROFILE_TREND, FC_HOLT, FC_TOP2 };
    for (int ahead = 0; ahead < 2; ahead++) {
        int origin = ahead ? date_from_ymd(2021, 1, 1) : last + 1;
        FcstHist h = { y, first, origin - first, &none, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
        double w[4];
        for (int i = 0; i < 4; i++)
            w[i] = month_wape(&h, methods[i], origin, 2021, 3, 1.6);
        print_message("level shift from February last year, this March from %s: yearly %.2f%%, profile-trend %.2f%%, "
                      "holt %.2f%%, top-2 %.2f%%\n", ahead ? "December's end" : "February's end", 100 * w[0],
                      100 * w[1], 100 * w[2], 100 * w[3]);
        assert_true(w[2] <= 0.10);
        for (int i = 0; i < 4 && !ahead; i++)
            assert_true(w[i] <= 0.10);
    }
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_off_surge),
        cmocka_unit_test(test_recurring_surge),
        cmocka_unit_test(test_configured_weeks),
        cmocka_unit_test(test_level_shift),
    };
    return cmocka_run_group_tests_name("fcst_events", tests, NULL, NULL);
}
