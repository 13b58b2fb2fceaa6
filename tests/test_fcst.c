#include "helpers.h"
#include "../model/fcst.h"
#include "../core/alloc.h"
#include "fcst_select.h"

static void test_same_day_methods(void **state)
{
    /* Five weeks where Monday's hour h holds week*10 + h: the seasonal naive
     * repeats the last Monday; the mean, median and trimmed mean of weeks
     * 0..4 are 20 + h; a holiday (own kind) is forecast from holidays. */
    int first = date_from_ymd(2021, 3, 1), nd = 35;  /* a Monday */
    double *y = xmalloc(sizeof *y * 24 * nd), out[24 * 7];
    int *hd = xmalloc(sizeof *hd);
    Calendar cal;
    (void)state;
    hd[0] = first + 9;  /* a Wednesday */
    cal_init(&cal, hd, 1);
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (d == 9) ? 500 : (d / 7) * 10 + h + (d % 7) * 1000;
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 0, 0, 0 };
    int origin = first + nd;
    assert_int_equal(fcst_run(FC_SEASONAL_NAIVE, &hist, origin, origin, 7, out), 0);
    assert_close(out[5], 40 + 5, 1e-12);               /* Monday: week 4 */
    assert_close(out[24 * 2 + 5], 2000 + 40 + 5, 1e-12);  /* Wednesday */
    assert_int_equal(fcst_run(FC_MEAN, &hist, origin, origin, 7, out), 0);
    assert_close(out[5], 20 + 5, 1e-12);
    /* Wednesday: weeks 0, 2, 3, 4 (week 1's is the holiday) */
    assert_close(out[24 * 2 + 5], 2000 + (0 + 20 + 30 + 40) / 4.0 + 5, 1e-12);
    assert_int_equal(fcst_run(FC_MEDIAN, &hist, origin, origin, 7, out), 0);
    assert_close(out[5], 20 + 5, 1e-12);
    assert_int_equal(fcst_run(FC_TRIMMED, &hist, origin, origin, 7, out), 0);
    assert_close(out[5], 20 + 5, 1e-12);
    /* A holiday in the forecast month: from the one holiday in history. */
    int *hd2 = xmalloc(2 * sizeof *hd2);
    hd2[0] = first + 9;
    hd2[1] = origin + 3;
    Calendar cal2;
    cal_init(&cal2, hd2, 2);
    hist.holidays = &cal2;
    assert_int_equal(fcst_run(FC_MEAN, &hist, origin, origin, 7, out), 0);
    assert_close(out[24 * 3 + 7], 500, 1e-12);
    /* Too little history: the method steps aside. */
    assert_int_equal(fcst_run(FC_MEAN, &hist, first + 10, first + 10, 7, out), -1);
    assert_int_equal(fcst_method("median"), FC_MEDIAN);
    assert_int_equal(fcst_method("magic"), -1);
    cal_free(&cal);
    cal_free(&cal2);
    free(y);
}

/* The reference figures on the real Anonymous Bank 1999 data,
 * month-ahead over October-December: seasonal naive about 27.9%, mean of
 * the last 8 same-weekday hours 21.2%, their median 20.3%. */
static void test_bank_reference(void **state)
{
    int first, nd;
    double *y = load_bank(&first, &nd);
    Calendar none = { NULL, 0 };
    FcstScore sc;
    (void)state;
    if (!y)
        skip();
    FcstHist h = { y, first, nd, &none, HOL_OWN_KIND, NULL, 0, 8, 0, 0, 0 };
    assert_int_equal(fcst_backtest(FC_SEASONAL_NAIVE, &h, 3, &sc), 0);
    assert_int_equal(sc.months, 3);
    assert_close(sc.wape, 0.279, 0.0015);
    assert_int_equal(fcst_backtest(FC_MEAN, &h, 3, &sc), 0);
    assert_close(sc.wape, 0.212, 0.0015);
    assert_int_equal(fcst_backtest(FC_MEDIAN, &h, 3, &sc), 0);
    assert_close(sc.wape, 0.203, 0.0015);
    free(y);
}

/* With Israel's 1999 holidays (days off), and the parameters chosen on
 * April-September backtests only (10 days of a kind, outlier band 1.4, no
 * trend: profile-trend 24.89% there, the best of the grid searched, 24.75%
 * since a holiday never seen is taken like the quietest weekday), what
 * `auto` scores month-ahead over October-December, from the six months
 * before each month: 19.34% choosing the lowest before holt (issue 4),
 * 18.56% with it (holt every month), 18.21% since auto is top-2, the mean
 * of the two lowest (holt and holt-mix).  The goal is 18.5%.  The
 * rule was chosen on other data (tests/test_fcst_levels.c) before this
 * score was looked at. */
static void test_bank_with_holidays(void **state)
{
    static const char *const hol[] = { "1999-04-01", "1999-04-07", "1999-04-21", "1999-05-21",
                                       "1999-09-11", "1999-09-12", "1999-09-20", "1999-09-25",
                                       "1999-10-02" };
    int first, nd, *days = xmalloc(9 * sizeof *days), chosen[3];
    double *y = load_bank(&first, &nd);
    Calendar cal;
    FcstScore sc;
    (void)state;
    if (!y) {
        free(days);
        skip();
    }
    for (int i = 0; i < 9; i++)
        date_parse(hol[i], 10, &days[i]);
    cal_init(&cal, days, 9);
    FcstHist h = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
    /* The tuning window: April-September, the history cut at September's end. */
    FcstHist tune = h;
    tune.ndays = date_from_ymd(1999, 9, 30) - first + 1;
    assert_int_equal(fcst_backtest(FC_PROFILE_TREND, &tune, 6, &sc), 0);
    print_message("bank Apr-Sep 1999, profile-trend: WAPE %.2f%%\n", 100 * sc.wape);
    assert_true(sc.wape < 0.2489 + 0.0005);
    /* October-December, auto. */
    assert_int_equal(fcst_backtest_auto(&h, 3, 6, &sc, chosen), 0);
    print_message("bank Oct-Dec 1999, auto (top-2): WAPE %.2f%%, bias %+.2f%%\n", 100 * sc.wape, 100 * sc.bias);
    assert_int_equal(sc.months, 3);
    assert_true(sc.wape <= 0.185);
    /* Before top-2, auto chose the lowest: worse here and on April-September
     * (where the rule was chosen). */
    double sel = select_lowest_wape(&h, 3), sel_tune = select_lowest_wape(&tune, 6);
    FcstScore t6;
    assert_int_equal(fcst_backtest_auto(&tune, 6, 6, &t6, NULL), 0);
    print_message("auto choosing the lowest instead: Oct-Dec %.2f%%, Apr-Sep %.2f%% (top-2 %.2f%%, %.2f%%)\n",
                  100 * sel, 100 * sel_tune, 100 * sc.wape, 100 * t6.wape);
    assert_true(sc.wape < sel);
    assert_true(t6.wape < sel_tune);
    /* The same as the method top-2's own 3-month backtest, and as top-2 run
     * month by month on the history before each month (the backtest shares
     * its members' forecasts between months; fcst_run computes them all). */
    FcstScore t2;
    assert_int_equal(fcst_backtest(FC_TOP2, &h, 3, &t2), 0);
    assert_close(t2.wape, sc.wape, 1e-12);
    double ae = 0, act = 0;
    for (int mo = 10; mo <= 12; mo++) {
        int mf = date_from_ymd(1999, mo, 1), n = date_days_in_month(1999, mo), pair[2], pair2[2];
        double f[24 * 31], g[24 * 31], wb[2], wh[2];
        FcstHist before = h;
        before.ndays = mf - first;
        assert_int_equal(fcst_run(FC_TOP2, &before, mf, mf, n, f), 0);
        assert_int_equal(fcst_top2_members(&before, mf, mf, n, pair, wb, g), 0);
        assert_memory_equal(g, f, sizeof *f * 24 * (size_t)n);  /* the forecast auto stores (wfm forecast) */
        /* The days after the origin never choose the pair (no look-ahead):
         * the whole year given, the same pair, scores and forecast. */
        assert_int_equal(fcst_top2_members(&h, mf, mf, n, pair2, wh, g), 0);
        assert_int_equal(pair2[0], pair[0]);
        assert_int_equal(pair2[1], pair[1]);
        assert_memory_equal(wh, wb, sizeof wb);
        assert_memory_equal(g, f, sizeof *f * 24 * (size_t)n);
        assert_int_equal(pair[0], chosen[12 - mo]);
        print_message("  1999-%02d: the mean of %s and %s\n", mo, fcst_name(pair[0]), fcst_name(pair[1]));
        for (int i = 0; i < 24 * n; i++) {
            double a = y[24 * (mf - first) + i];
            if (a >= 0)
                ae += fabs(f[i] - a), act += a;
        }
    }
    assert_close(ae / act, sc.wape, 1e-9);
    /* Holidays like a Sunday instead of their own kind: worse here (Sunday
     * is a working day in Israel). */
    FcstScore own = sc;
    h.holiday_mode = HOL_LIKE_SUNDAY;
    assert_int_equal(fcst_backtest_auto(&h, 3, 6, &sc, NULL), 0);
    print_message("holidays like Sundays: WAPE %.2f%% (own kind %.2f%%)\n", 100 * sc.wape, 100 * own.wape);
    assert_true(sc.wape > own.wape);
    cal_free(&cal);
    free(y);
}

/* Two years of a daily level that swings +-30% over the year (noise-free
 * shape): the yearly method must follow the swing the others lag behind,
 * and must step aside with under 13 months of history. */
static void test_yearly(void **state)
{
    int first = date_from_ymd(2019, 1, 1), nd = 730;
    double *y = xmalloc(sizeof *y * 24 * nd), out[24 * 31];
    Calendar none = { NULL, 0 };
    FcstScore py, pp;
    (void)state;
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (date_weekday(first + d) >= WD_SAT ? 30 : 100) *
                            (1 + 0.3 * sin(6.283185307179586 * d / 364.0)) * (h >= 9 && h < 18 ? 1 : 0.1);
    FcstHist h = { y, first, nd, &none, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 0 };
    assert_int_equal(fcst_backtest(FC_YEARLY, &h, 6, &py), 0);
    assert_int_equal(fcst_backtest(FC_PROFILE_TREND, &h, 6, &pp), 0);
    print_message("yearly swing: yearly %.2f%%, profile-trend %.2f%%\n", 100 * py.wape, 100 * pp.wape);
    assert_true(py.wape < 0.5 * pp.wape);
    assert_int_equal(fcst_run(FC_YEARLY, &h, first + 300, first + 300, 31, out), FC_EYEAR);
    free(y);
}

/* A Monday holiday every 4 weeks makes a 3-day weekend; the Tuesday after
 * it carries 30% more calls.  With holiday edges on, that Tuesday is
 * forecast about 1.3 times an ordinary Tuesday; off, like any Tuesday. */
static void test_holiday_edges(void **state)
{
    int first = date_from_ymd(2021, 1, 4), nd = 7 * 40;  /* a Monday */
    double *y = xmalloc(sizeof *y * 24 * nd), out[24 * 28];
    int *hd = xmalloc(12 * sizeof *hd), nh = 0;
    Calendar cal;
    (void)state;
    for (int w = 2; w < 44; w += 4)
        hd[nh++] = first + 7 * w;
    cal_init(&cal, hd, (size_t)nh);
    for (int d = 0; d < nd; d++) {
        int after = date_weekday(first + d) == WD_TUE && cal_is_holiday(&cal, first + d - 1);
        for (int h = 0; h < 24; h++)
            y[24 * d + h] = (date_weekday(first + d) >= WD_SAT || cal_is_holiday(&cal, first + d) ? 20 : 100) *
                            (after ? 1.3 : 1);
    }
    FcstHist hist = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 1.4, 0, 1 };
    int origin = first + nd;  /* a Monday; the holiday of week 42 is in the month */
    assert_int_equal(fcst_run(FC_MEDIAN, &hist, origin, origin, 28, out), 0);
    int tue_after = origin + 7 * 2 + 1, tue = origin + 1;
    assert_true(cal_is_holiday(&cal, tue_after - 1));
    assert_close(out[24 * (tue_after - origin) + 10] / out[24 * (tue - origin) + 10], 1.3, 1e-9);
    hist.holiday_edges = 0;
    assert_int_equal(fcst_run(FC_MEDIAN, &hist, origin, origin, 28, out), 0);
    assert_close(out[24 * (tue_after - origin) + 10] / out[24 * (tue - origin) + 10], 1.0, 1e-9);
    cal_free(&cal);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_day_methods), cmocka_unit_test(test_bank_reference),
        cmocka_unit_test(test_bank_with_holidays), cmocka_unit_test(test_yearly),
        cmocka_unit_test(test_holiday_edges),
    };
    return cmocka_run_group_tests_name("fcst", tests, NULL, NULL);
}
