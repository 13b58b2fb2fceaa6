#include "fcst.h"
#include "../core/alloc.h"
#include "../core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[FC_COUNT] = { "seasonal-naive", "mean", "median", "trimmed-mean",
                                             "profile-trend", "combined", "yearly" };

const char *fcst_name(int method)
{
    return method >= 0 && method < FC_COUNT ? names[method] : "?";
}

int fcst_method(const char *word)
{
    for (int i = 0; i < FC_COUNT; i++)
        if (strcmp(word, names[i]) == 0)
            return i;
    return -1;
}

/* Day kind: the weekday, or 7 for a holiday with its own kind. */
static int kind(const FcstHist *h, int day)
{
    if (cal_is_holiday(h->holidays, day))
        return h->holiday_mode == HOL_OWN_KIND ? 7 : WD_SUN;
    return date_weekday(day);
}

static double event_mult(const FcstHist *h, int day)
{
    double m = 1;
    for (int i = 0; i < h->nevents; i++)
        if (h->events[i].day == day)
            m *= h->events[i].multiplier;
    return m;
}

static int has_data(const FcstHist *h, int day)
{
    int i = day - h->first;
    if (i < 0 || i >= h->ndays)
        return 0;
    for (int hr = 0; hr < 24; hr++)
        if (h->y[24 * i + hr] >= 0)
            return 1;
    return 0;
}

static double val(const FcstHist *h, int day, int hr)
{
    double v = h->y[24 * (day - h->first) + hr];
    return v > 0 ? v / event_mult(h, day) : 0;
}

static double day_total(const FcstHist *h, int day)
{
    double t = 0;
    for (int hr = 0; hr < 24; hr++)
        t += val(h, day, hr);
    return t;
}


/* The last k days before origin of the given kind, newest first; with
 * h->outlier, days whose total is far from the median of the last 2k
 * candidates (holiday eves, half-holidays, outages) are passed over. */
static int same_kind(const FcstHist *h, int origin, int kd, int k, int *days)
{
    int cand[128], n = 0, m = 0;
    int want = h->outlier > 1 ? 2 * k : k;
    if (want > 128)
        want = 128;
    for (int d = origin - 1; d >= h->first && m < want; d--)
        if (kind(h, d) == kd && has_data(h, d))
            cand[m++] = d;
    if (!(h->outlier > 1) || m < 3) {
        for (int i = 0; i < m && i < k; i++)
            days[n++] = cand[i];
        return n;
    }
    double tot[128], sorted[128], med;
    for (int i = 0; i < m; i++)
        sorted[i] = tot[i] = day_total(h, cand[i]);
    med = stats_median(sorted, (size_t)m);
    for (int i = 0; i < m && n < k; i++)
        if (tot[i] >= med / h->outlier && tot[i] <= med * h->outlier)
            days[n++] = cand[i];
    return n;
}

static double stat(int method, double *v, int n)
{
    if (n == 0)
        return 0;
    if (method == FC_MEAN || method == FC_SEASONAL_NAIVE || (method == FC_TRIMMED && n < 3)) {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += v[i];
        return s / n;
    }
    if (method == FC_MEDIAN)
        return stats_median(v, (size_t)n);
    stats_median(v, (size_t)n);  /* sorts v */
    double s = 0;  /* trimmed: without the lowest and the highest */
    for (int i = 1; i < n - 1; i++)
        s += v[i];
    return s / (n - 2);
}

static int run_sameday(int method, const FcstHist *h, int origin, int from, int ndays, double *out)
{
    int k = method == FC_SEASONAL_NAIVE ? 1 : (h->k > 0 ? h->k : 8), days[64];
    double v[64];
    if (k > 64)
        k = 64;
    for (int d = 0; d < ndays; d++) {
        int n = same_kind(h, origin, kind(h, from + d), k, days);
        if (n == 0 && kind(h, from + d) == 7)  /* no holiday in history yet: like a Sunday */
            n = same_kind(h, origin, WD_SUN, k, days);
        for (int hr = 0; hr < 24; hr++) {
            for (int i = 0; i < n; i++)
                v[i] = val(h, days[i], hr);
            out[24 * d + hr] = stat(method, v, n) * event_mult(h, from + d);
        }
    }
    return 0;
}

/* Shape by kind from the last k days of the kind, times the kind's factor,
 * times a robust daily level (with an optional damped trend). */
static int run_profile_trend(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    int k = h->k > 0 ? h->k : 8, days[64];
    double factor[8] = { 0 }, shape[8][24];
    double tot_all = 0;
    int n_all = 0;

    for (int kd = 0; kd < 8; kd++) {
        int n = same_kind(h, origin, kd, k, days);
        double t = 0;
        for (int hr = 0; hr < 24; hr++)
            shape[kd][hr] = 0;
        for (int i = 0; i < n; i++)
            for (int hr = 0; hr < 24; hr++) {
                double x = val(h, days[i], hr);
                shape[kd][hr] += x;
                t += x;
            }
        for (int hr = 0; hr < 24; hr++)
            shape[kd][hr] = t > 0 ? shape[kd][hr] / t : 0;
        factor[kd] = n ? t / n : -1;
        if (n && kd < 7)
            tot_all += t / n, n_all++;
    }
    if (n_all < 7)
        return -1;
    double mean = tot_all / n_all;
    for (int kd = 0; kd < 8; kd++)
        factor[kd] = factor[kd] >= 0 ? factor[kd] / mean : factor[WD_SUN] / mean;
    /* A robust level: the median of the kind-adjusted daily totals of the
     * last 28 days; the trend: the change from the 28 days before, per
     * day, damped.  Medians keep half-holidays and outages out. */
    double x[2][28];
    int nx[2] = { 0, 0 };
    for (int w = 0; w < 2; w++)
        for (int d = origin - 28 * (w + 1); d < origin - 28 * w; d++) {
            if (d < h->first || !has_data(h, d) || factor[kind(h, d)] <= 0.05)
                continue;
            x[w][nx[w]++] = day_total(h, d) / factor[kind(h, d)];
        }
    if (nx[0] < 7)
        return -1;
    double level = stats_median(x[0], (size_t)nx[0]), trend = 0;
    double phi = 0.97;
    if (nx[1] >= 7) {
        double prev = stats_median(x[1], (size_t)nx[1]);
        trend = h->trend_share * (level - prev) / 28;
    }
    for (int d = 0; d < ndays; d++) {
        int step = from + d - origin + 1, kd = kind(h, from + d);
        double damp = 0, p = 1;
        for (int i = 0; i < step; i++)
            p *= phi, damp += p;
        double total = fmax(0, level + damp * trend) * factor[kd] * event_mult(h, from + d);
        for (int hr = 0; hr < 24; hr++)
            out[24 * d + hr] = total * shape[kd][hr];
    }
    return 0;
}

/* Median daily total of days [a, b) (holidays and missing days left out). */
static double median_total(const FcstHist *h, int a, int b)
{
    double v[64];
    int n = 0;
    for (int d = a; d < b && n < 64; d++)
        if (has_data(h, d) && !cal_is_holiday(h->holidays, d))
            v[n++] = day_total(h, d);
    return n < 5 ? -1 : stats_median(v, (size_t)n);
}

/* Profile-trend, scaled week by week by how last year moved from the 28
 * days before the origin to the same week of the target. */
static int run_yearly(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    if (origin - 371 - 28 < h->first)
        return -1;
    int rc = run_profile_trend(h, origin, from, ndays, out);
    if (rc)
        return rc;
    double base = median_total(h, origin - 364 - 28, origin - 364);
    if (base <= 0)
        return -1;
    for (int d = 0; d < ndays; d++) {
        int week = (from + d - origin) / 7;
        double tgt = median_total(h, origin - 364 + 7 * week, origin - 364 + 7 * week + 7);
        double f = tgt > 0 ? tgt / base : 1;
        for (int hr = 0; hr < 24; hr++)
            out[24 * d + hr] *= f;
    }
    return 0;
}

/* Off: a holiday, a Saturday or a Sunday. */
static int is_off(const FcstHist *h, int day)
{
    return cal_is_holiday(h->holidays, day) || date_weekday(day) >= WD_SAT;
}

/* A long holiday: a run of 3 or more off days with a holiday in it.  Returns
 * +1 when day is the first working day after one, -1 the last before one,
 * 0 otherwise. */
static int long_holiday_edge(const FcstHist *h, int day)
{
    if (is_off(h, day))
        return 0;
    for (int dir = 1; dir >= -1; dir -= 2) {
        int len = 0, hol = 0;
        for (int d = day - dir; is_off(h, d) && len < 30; d -= dir, len++)
            hol |= cal_is_holiday(h->holidays, d);
        if (len >= 3 && hol)
            return dir;
    }
    return 0;
}

/* From history before origin: the median ratio of a day after (edge +1) or
 * before (edge -1) a long holiday to the median of the 4 ordinary days of
 * its kind before it.  1 when history has fewer than two such days. */
static double edge_effect(const FcstHist *h, int origin, int edge)
{
    double r[32];
    int n = 0;
    for (int d = origin - 1; d >= h->first + 35 && n < 32; d--) {
        if (long_holiday_edge(h, d) != edge || !has_data(h, d))
            continue;
        double ref[4];
        int k = 0;
        for (int x = d - 7; x >= h->first && k < 4; x -= 7)
            if (has_data(h, x) && !is_off(h, x) && !long_holiday_edge(h, x))
                ref[k++] = day_total(h, x);
        if (k < 3)
            continue;
        double med = stats_median(ref, (size_t)k);
        if (med > 0)
            r[n++] = day_total(h, d) / med;
    }
    return n < 2 ? 1 : stats_median(r, (size_t)n);
}

static int run_method(int method, const FcstHist *h, int origin, int from, int ndays, double *out);

int fcst_run(int method, const FcstHist *h, int origin, int from, int ndays, double *out)
{
    int rc = run_method(method, h, origin, from, ndays, out);
    if (rc || !h->holiday_edges)
        return rc;
    double after = edge_effect(h, origin, 1), before = edge_effect(h, origin, -1);
    for (int d = 0; d < ndays; d++) {
        int e = long_holiday_edge(h, from + d);
        double f = e > 0 ? after : e < 0 ? before : 1;
        for (int hr = 0; hr < 24 && f != 1; hr++)
            out[24 * d + hr] *= f;
    }
    return 0;
}

static int run_method(int method, const FcstHist *h, int origin, int from, int ndays, double *out)
{
    int have = 0;
    for (int d = h->first; d < origin && d < h->first + h->ndays; d++)
        have += has_data(h, d);
    if (have < 14)
        return -1;
    if (method == FC_PROFILE_TREND)
        return run_profile_trend(h, origin, from, ndays, out);
    if (method == FC_YEARLY)
        return run_yearly(h, origin, from, ndays, out);
    if (method == FC_COMBINED) {
        double *a = xmalloc(sizeof *a * 24 * (size_t)ndays), *b = xmalloc(sizeof *b * 24 * (size_t)ndays);
        int rc = run_profile_trend(h, origin, from, ndays, out);
        run_sameday(FC_MEDIAN, h, origin, from, ndays, a);
        run_sameday(FC_TRIMMED, h, origin, from, ndays, b);
        for (int i = 0; i < 24 * ndays; i++)
            out[i] = rc ? (a[i] + b[i]) / 2 : (a[i] + b[i] + out[i]) / 3;
        free(a);
        free(b);
        return 0;
    }
    return run_sameday(method, h, origin, from, ndays, out);
}

/* Forecast errors summed over backtest months. */
typedef struct Tally {
    double ae, e, act, aeh[24], eh[24], ah[24], aed[DT_COUNT], ed[DT_COUNT], ad[DT_COUNT];
    int months;
} Tally;

/* Adds month [mfirst, mfirst + nd) forecast as f against the history. */
static void tally_add(Tally *t, const FcstHist *h, int mfirst, int nd, const double *f)
{
    for (int i = 0; i < 24 * nd; i++) {
        double a = h->y[24 * (mfirst - h->first) + i];
        if (a < 0)
            continue;
        int hr = i % 24, dt = cal_day_type(h->holidays, mfirst + i / 24);
        t->ae += fabs(f[i] - a), t->e += f[i] - a, t->act += a;
        t->aeh[hr] += fabs(f[i] - a), t->eh[hr] += f[i] - a, t->ah[hr] += a;
        t->aed[dt] += fabs(f[i] - a), t->ed[dt] += f[i] - a, t->ad[dt] += a;
    }
    t->months++;
}

static int tally_finish(const Tally *t, FcstScore *sc)
{
    memset(sc, 0, sizeof *sc);
    if (!t->months || t->act <= 0)
        return -1;
    sc->months = t->months;
    sc->wape = t->ae / t->act;
    sc->bias = t->e / t->act;
    sc->actual = t->act;
    for (int hr = 0; hr < 24; hr++)
        sc->wape_hour[hr] = t->ah[hr] > 0 ? t->aeh[hr] / t->ah[hr] : 0,
        sc->bias_hour[hr] = t->ah[hr] > 0 ? t->eh[hr] / t->ah[hr] : 0;
    for (int d = 0; d < DT_COUNT; d++)
        sc->wape_dt[d] = t->ad[d] > 0 ? t->aed[d] / t->ad[d] : 0,
        sc->bias_dt[d] = t->ad[d] > 0 ? t->ed[d] / t->ad[d] : 0;
    return 0;
}

/* The k-th whole month back from the history's end: its first day and
 * length; 0 when it is not wholly inside the history. */
static int month_back(const FcstHist *h, int k, int *mfirst, int *nd)
{
    int last = h->first + h->ndays - 1, y, m, d;
    date_to_ymd(last + 1, &y, &m, &d);
    m -= k + 1;
    while (m < 1)
        m += 12, y--;
    *mfirst = date_from_ymd(y, m, 1);
    *nd = date_days_in_month(y, m);
    return *mfirst + *nd - 1 <= last && *mfirst >= h->first;
}

int fcst_backtest(int method, const FcstHist *h, int nmonths, FcstScore *sc)
{
    Tally t;
    memset(&t, 0, sizeof t);
    for (int k = 0; k < nmonths; k++) {
        int mfirst, nd;
        if (!month_back(h, k, &mfirst, &nd))
            continue;
        double *f = xmalloc(sizeof *f * 24 * (size_t)nd);
        if (fcst_run(method, h, mfirst, mfirst, nd, f) == 0)
            tally_add(&t, h, mfirst, nd, f);
        free(f);
    }
    return tally_finish(&t, sc);
}

int fcst_backtest_auto(const FcstHist *h, int nmonths, int nback, FcstScore *sc, int *chosen)
{
    Tally t;
    memset(&t, 0, sizeof t);
    for (int k = 0; k < nmonths; k++) {
        int mfirst, nd;
        if (chosen)
            chosen[k] = -1;
        if (!month_back(h, k, &mfirst, &nd))
            continue;
        /* Choose with what was known before the month: backtests before it. */
        FcstHist before = *h;
        before.ndays = mfirst - h->first;
        int best = -1;
        double bw = INFINITY;
        for (int meth = 0; meth < FC_COUNT; meth++) {
            FcstScore s;
            if (fcst_backtest(meth, &before, nback, &s) == 0 && s.wape < bw)
                bw = s.wape, best = meth;
        }
        if (chosen)
            chosen[k] = best;
        if (best < 0)
            continue;
        double *f = xmalloc(sizeof *f * 24 * (size_t)nd);
        if (fcst_run(best, &before, mfirst, mfirst, nd, f) == 0)
            tally_add(&t, h, mfirst, nd, f);
        free(f);
    }
    return tally_finish(&t, sc);
}
