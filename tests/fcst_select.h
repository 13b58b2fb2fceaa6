/*
 * fcst_select.h - for the forecaster's tests: the rule `auto` followed
 * before top-2 (the single method with the lowest backtest), computed by
 * the test to compare top-2 with.
 */
#ifndef WFM_TEST_FCST_SELECT_H
#define WFM_TEST_FCST_SELECT_H

#include "helpers.h"
#include "../model/fcst.h"
#include "../core/alloc.h"

/* The rule auto followed before top-2, computed here: each of the last
 * nmonths months forecast by the single method with the lowest 6-month
 * backtest before it.  Its WAPE. */
static inline double select_lowest_wape(const FcstHist *h, int nmonths)
{
    double ae = 0, act = 0;
    int y, m, d;
    date_to_ymd(h->first + h->ndays, &y, &m, &d);
    for (int k = nmonths; k >= 1; k--) {
        int yy = y, mm = m - k;
        while (mm < 1)
            mm += 12, yy--;
        int mf = date_from_ymd(yy, mm, 1), n = date_days_in_month(yy, mm), best = -1;
        double bw = INFINITY, *f = xmalloc(sizeof *f * 24 * (size_t)n);
        FcstHist before = *h;
        before.ndays = mf - h->first;
        for (int meth = 0; meth < FC_TOP2; meth++) {
            FcstScore s;
            if (fcst_backtest(meth, &before, 6, &s) == 0 && s.wape < bw && fcst_run(meth, &before, mf, mf, n, f) == 0)
                bw = s.wape, best = meth;
        }
        assert_true(best >= 0);
        assert_int_equal(fcst_run(best, &before, mf, mf, n, f), 0);
        for (int i = 0; i < 24 * n; i++) {
            double a = h->y[24 * (mf - h->first) + i];
            if (a >= 0)
                ae += fabs(f[i] - a), act += a;
        }
        free(f);
    }
    return ae / act;
}

#endif
