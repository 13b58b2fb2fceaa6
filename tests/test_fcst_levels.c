#include "helpers.h"
#include "../model/fcst.h"
#include "../core/alloc.h"

static const char *const israel_1999[] = { "1999-04-01", "1999-04-07", "1999-04-21", "1999-05-21", "1999-09-11",
                                           "1999-09-12", "1999-09-20", "1999-09-25", "1999-10-02" };

static void israel(Calendar *cal)
{
    int *days = xmalloc(9 * sizeof *days);
    for (int i = 0; i < 9; i++)
        date_parse(israel_1999[i], 10, &days[i]);
    cal_init(cal, days, 9);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, z = *(const double *)b;
    return x < z ? -1 : x > z;
}

/* The baseline, computed here and not by model/fcst.c: each hour of months
 * m0..m1 of 1999 forecast, from the history before its month, by the median
 * of the same hour on the last 8 days of the same weekday (no holidays, no
 * outlier band).  Returns its WAPE over the months. */
static double plain_median_wape(const double *y, int first, int m0, int m1)
{
    double ae = 0, act = 0;
    for (int mo = m0; mo <= m1; mo++) {
        int mf = date_from_ymd(1999, mo, 1), n = date_days_in_month(1999, mo);
        for (int d = mf; d < mf + n; d++) {
            int ref[8], k = 0;
            for (int x = mf - 1; x >= first && k < 8; x--) {
                int any = 0;
                for (int hr = 0; hr < 24; hr++)
                    any |= y[24 * (x - first) + hr] >= 0;
                if (any && date_weekday(x) == date_weekday(d))
                    ref[k++] = x;
            }
            for (int hr = 0; hr < 24; hr++) {
                double a = y[24 * (d - first) + hr], v[8], f;
                if (a < 0)
                    continue;
                for (int i = 0; i < k; i++)
                    v[i] = y[24 * (ref[i] - first) + hr] > 0 ? y[24 * (ref[i] - first) + hr] : 0;
                qsort(v, (size_t)k, sizeof *v, cmp_double);
                f = k == 0 ? 0 : k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
                ae += fabs(f - a), act += a;
            }
        }
    }
    return ae / act;
}

/* Every method's month-ahead backtest on the bank, Oct-Dec and Apr-Sep:
 * the methods that learn a level (profile-trend, combined, holt, holt-mix,
 * top-2) beat the plain median of the last 8 same hours in both windows,
 * the seasonal naive does not; top-2 (auto) is within 0.5 points of the
 * better of holt and holt-mix, and better than profile-trend and combined. */
static void test_bank_methods(void **state)
{
    int first = 0, nd = 0;
    double *y = load_bank(&first, &nd);
    Calendar cal;
    (void)state;
    if (!y)
        skip();
    israel(&cal);
    FcstHist h = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
    FcstHist tune = h;
    tune.ndays = date_from_ymd(1999, 9, 30) - first + 1;
    double base_od = plain_median_wape(y, first, 10, 12), base_as = plain_median_wape(y, first, 4, 9);
    double od[FC_COUNT], as[FC_COUNT];
    print_message("bank plain median of 8 Oct-Dec %6.2f%%  Apr-Sep %6.2f%%\n", 100 * base_od, 100 * base_as);
    for (int m = 0; m < FC_COUNT; m++) {
        FcstScore a, b;
        int ra = fcst_backtest(m, &h, 3, &a), rb = fcst_backtest(m, &tune, 6, &b);
        od[m] = ra ? NAN : a.wape, as[m] = rb ? NAN : b.wape;
        print_message("bank %-15s Oct-Dec %6.2f%%  Apr-Sep %6.2f%%\n", fcst_name(m), 100 * od[m], 100 * as[m]);
    }
    assert_true(od[FC_SEASONAL_NAIVE] > base_od && as[FC_SEASONAL_NAIVE] > base_as);
    static const int learned[] = { FC_PROFILE_TREND, FC_COMBINED, FC_HOLT, FC_HOLT_MIX, FC_TOP2 };
    for (size_t i = 0; i < sizeof learned / sizeof *learned; i++) {
        assert_true(od[learned[i]] < base_od);
        assert_true(as[learned[i]] < base_as);
    }
    for (int w = 0; w < 2; w++) {
        const double *x = w ? as : od;
        assert_true(x[FC_TOP2] <= fmin(x[FC_HOLT], x[FC_HOLT_MIX]) + 0.005);
        assert_true(x[FC_TOP2] < fmin(x[FC_PROFILE_TREND], x[FC_COMBINED]));
    }
    assert_true(isnan(od[FC_YEARLY]) && isnan(as[FC_YEARLY]));  /* under 13 months of history */
    /* Oracle: each day rescaled to its actual total (shape error alone), and
     * each day's total right (level error alone). */
    for (int m = FC_PROFILE_TREND; m < FC_COUNT; m++) {
        double ae = 0, act = 0, aed = 0;
        for (int mo = 10; mo <= 12; mo++) {
            int mf = date_from_ymd(1999, mo, 1), n = date_days_in_month(1999, mo);
            double f[24 * 31];
            if (fcst_run(m, &h, mf, mf, n, f))
                continue;
            for (int d = 0; d < n; d++) {
                double ta = 0, tf = 0;
                for (int hr = 0; hr < 24; hr++) {
                    double a = y[24 * (mf - first + d) + hr];
                    ta += a > 0 ? a : 0, tf += f[24 * d + hr];
                }
                for (int hr = 0; hr < 24; hr++) {
                    double a = y[24 * (mf - first + d) + hr];
                    if (a < 0)
                        continue;
                    ae += fabs(f[24 * d + hr] * (tf > 0 ? ta / tf : 0) - a), act += a;
                }
                aed += fabs(tf - ta);
            }
        }
        print_message("bank %-15s shape alone %.2f%%, daily totals %.2f%%\n", fcst_name(m), 100 * ae / act, 100 * aed / act);
    }
    {
        double ae = 0, act = 0;
        for (int mo = 10; mo <= 12; mo++) {
            int mf = date_from_ymd(1999, mo, 1), n = date_days_in_month(1999, mo);
            double f[24 * 31], g[24 * 31];
            fcst_run(FC_HOLT, &h, mf, mf, n, f);
            fcst_run(FC_PROFILE_TREND, &h, mf, mf, n, g);
            for (int i = 0; i < 24 * n; i++) {
                double a = y[24 * (mf - first) + i];
                if (a >= 0)
                    ae += fabs((f[i] + g[i]) / 2 - a), act += a;
            }
        }
        print_message("bank holt+profile-trend Oct-Dec %.2f%%\n", 100 * ae / act);
    }
    for (int m = FC_PROFILE_TREND; m < FC_COUNT; m++) {
        for (int mo = 10; mo <= 12; mo++) {
            int mf = date_from_ymd(1999, mo, 1), n = date_days_in_month(1999, mo);
            double f[24 * 31], ae = 0, act = 0, sf = 0, aeo = 0;
            double wd[7] = {0}, wa[7] = {0};
            if (fcst_run(m, &h, mf, mf, n, f))
                continue;
            for (int i = 0; i < 24 * n; i++) {
                double a = y[24 * (mf - first) + i];
                if (a >= 0)
                    ae += fabs(f[i] - a), act += a, sf += f[i], wd[date_weekday(mf + i / 24)] += f[i], wa[date_weekday(mf + i / 24)] += a;
            }
            for (int i = 0; i < 24 * n; i++) {
                double a = y[24 * (mf - first) + i];
                int w = date_weekday(mf + i / 24);
                if (a >= 0)
                    aeo += fabs(f[i] * wa[w] / wd[w] - a);
            }
            print_message("bank %-15s 1999-%02d %.2f%% bias %+.2f%%, with the month's level per weekday known %.2f%%\n", fcst_name(m), mo, 100 * ae / act, 100 * (sf - act) / act, 100 * aeo / act);
        }
    }
    cal_free(&cal);
    free(y);
}

/* wfm's median (the cli's settings: holidays, 10 days, outlier band, edges)
 * against a plain median of the last 8 same-weekday hours (no holidays, no
 * band), month ahead on the bank. */
static void test_bank_median(void **state)
{
    int first = 0, nd = 0;
    double *y = load_bank(&first, &nd);
    Calendar cal, none = { NULL, 0 };
    (void)state;
    if (!y)
        skip();
    israel(&cal);
    FcstHist h = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
    FcstHist plain = { y, first, nd, &none, HOL_OWN_KIND, NULL, 0, 8, 0, 0, 0 };
    FcstScore a, b;
    assert_int_equal(fcst_backtest(FC_MEDIAN, &h, 3, &a), 0);
    assert_int_equal(fcst_backtest(FC_MEDIAN, &plain, 3, &b), 0);
    print_message("bank Oct-Dec: wfm median %.2f%%, plain median of the last 8 %.2f%%\n", 100 * a.wape, 100 * b.wape);
    assert_true(a.wape <= b.wape);
    FcstHist tune = h, tplain = plain;
    tune.ndays = tplain.ndays = date_from_ymd(1999, 9, 30) - first + 1;
    assert_int_equal(fcst_backtest(FC_MEDIAN, &tune, 6, &a), 0);
    assert_int_equal(fcst_backtest(FC_MEDIAN, &tplain, 6, &b), 0);
    print_message("bank Apr-Sep: wfm median %.2f%%, plain median of the last 8 %.2f%%\n", 100 * a.wape, 100 * b.wape);
    assert_true(a.wape <= b.wape);
    cal_free(&cal);
    free(y);
}

/* The 10-90% band from the backtest's errors before each month, checked on
 * the months that follow (out of sample): the share of open hours of
 * October-December inside it, and under the 80% point. */
static void test_bank_intervals(void **state)
{
    int first = 0, nd = 0;
    double *y = load_bank(&first, &nd);
    Calendar cal;
    (void)state;
    if (!y)
        skip();
    israel(&cal);
    int in = 0, under80 = 0, n = 0;
    for (int mo = 10; mo <= 12; mo++) {
        int mf = date_from_ymd(1999, mo, 1), len = date_days_in_month(1999, mo);
        FcstHist h = { y, first, mf - first, &cal, HOL_OWN_KIND, NULL, 0, 10, 1.4, 0, 1 };
        FcstScore sc;
        double q80[24], f[24 * 31];
        assert_int_equal(fcst_backtest(FC_HOLT, &h, 6, &sc), 0);
        assert_int_equal(fcst_backtest_quantile(FC_HOLT, &h, 6, 0.8, q80), 0);
        assert_int_equal(fcst_run(FC_HOLT, &h, mf, mf, len, f), 0);
        for (int hr = 0; hr < 24; hr++)
            if (!isnan(sc.q10[hr])) {
                assert_true(sc.q10[hr] <= q80[hr] && q80[hr] <= sc.q90[hr]);
            }
        for (int i = 0; i < 24 * len; i++) {
            double a = y[24 * (mf - first) + i];
            int hr = i % 24;
            if (a <= 0 || f[i] <= 0 || isnan(sc.q10[hr]))
                continue;
            n++;
            in += a >= f[i] * sc.q10[hr] && a <= f[i] * sc.q90[hr];
            under80 += a <= f[i] * q80[hr];
        }
    }
    print_message("bank Oct-Dec, holt: %.1f%% of %d open hours inside the 10-90%% band, %.1f%% under the 80%% point\n",
                  100.0 * in / n, n, 100.0 * under80 / n);
    assert_true(n > 1500);
    assert_true(in > 0.65 * n && in < 0.92 * n);
    assert_true(under80 > 0.68 * n && under80 < 0.9 * n);
    cal_free(&cal);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_methods),
        cmocka_unit_test(test_bank_median),
        cmocka_unit_test(test_bank_intervals),
    };
    return cmocka_run_group_tests_name("fcst_levels", tests, NULL, NULL);
}
