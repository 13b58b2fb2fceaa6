#include "fcst.h"
#include "../core/alloc.h"
#include "../core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[FC_COUNT] = { "seasonal-naive", "mean", "median", "trimmed-mean",
                                             "profile-trend", "combined", "yearly", "holt", "holt-mix", "top-2" };

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

const char *fcst_why(int code)
{
    switch (code) {
    case FC_ESHORT:
        return "under 14 days of history before the month";
    case FC_EYEAR:
        return "it needs 13 months of history before each month";
    case FC_EOPEN:
        return "too few open days (days with calls) in the recent history for a daily level";
    default:
        return "";
    }
}

/* Day kind: the weekday, or 7 for a holiday with its own kind. */
static int kind(const FcstHist *h, int day)
{
    if (cal_is_holiday(h->holidays, day))
        return h->holiday_mode == HOL_OWN_KIND ? 7 : WD_SUN;
    return date_weekday(day);
}

double fcst_event_mult(const SpecialEvent *ev, int nevents, int day)
{
    double m = 1;
    for (int i = 0; i < nevents; i++)
        if (day >= ev[i].day && day < ev[i].day + (ev[i].days > 1 ? ev[i].days : 1))
            m *= ev[i].multiplier;
    return m;
}

static double event_mult(const FcstHist *h, int day)
{
    return fcst_event_mult(h->events, h->nevents, day);
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

/* The quietest weekday: the lowest mean total over its last 4 days before
 * origin; a holiday never seen in the history is taken to be like it. */
static int quiet_kind(const FcstHist *h, int origin)
{
    double best = INFINITY;
    int q = WD_SUN;
    for (int wd = 0; wd < 7; wd++) {
        double t = 0;
        int n = 0;
        for (int d = origin - 1; d >= h->first && n < 4; d--)
            if (date_weekday(d) == wd && !cal_is_holiday(h->holidays, d))
                t += has_data(h, d) ? day_total(h, d) : 0, n++;
        if (n && t / n < best)
            best = t / n, q = wd;
    }
    return q;
}

/* Open: a day of the kind among its last 8 with data before origin has
 * calls (looking back over at most 16 days of the kind, so that a data gap
 * is not a closure, nor a long-closed day open).  A holiday kind never seen
 * in the history is judged like the quietest weekday. */
static int kind_open(const FcstHist *h, int origin, int kd)
{
    int seen = 0, data = 0;
    for (int d = origin - 1; d >= h->first && seen < 16 && data < 8; d--) {
        if (kind(h, d) != kd)
            continue;
        seen++;
        if (!has_data(h, d))
            continue;
        data++;
        if (day_total(h, d) > 0)
            return 1;
    }
    if (!seen && kd == 7)
        return kind_open(h, origin, quiet_kind(h, origin));
    return 0;
}

int fcst_kind_open(const FcstHist *h, int origin, int kd)
{
    return kd >= 0 && kd < 8 ? kind_open(h, origin, kd) : 0;
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
    /* The median looks at the last 8 days of a kind whatever h->k says: it
     * is robust by itself, and a longer window lags (the Anonymous Bank,
     * month ahead, October-December: 20.09% with 8 days, 20.51% with 10;
     * April-September 24.79% and 24.76%; tests/test_fcst_levels.c). */
    int k = method == FC_SEASONAL_NAIVE ? 1 : method == FC_MEDIAN ? 8 : (h->k > 0 ? h->k : 8), days[64];
    double v[64];
    if (k > 64)
        k = 64;
    int open[8];
    for (int kd = 0; kd < 8; kd++)
        open[kd] = kind_open(h, origin, kd);
    for (int d = 0; d < ndays; d++) {
        int kd = kind(h, from + d);
        int n = open[kd] ? same_kind(h, origin, kd, k, days) : 0;
        if (n == 0 && kd == 7 && open[kd])  /* no holiday in history yet: like the quietest weekday */
            n = same_kind(h, origin, quiet_kind(h, origin), k, days);
        for (int hr = 0; hr < 24; hr++) {
            for (int i = 0; i < n; i++)
                v[i] = val(h, days[i], hr);
            out[24 * d + hr] = stat(method, v, n) * event_mult(h, from + d);
        }
    }
    return 0;
}

/* Per kind of day: its intraday shape (hours summing to 1) and its mean
 * daily total over its last k days, as a factor of the mean over the open
 * weekdays; 0 for a closed kind.  With pool > 0, the shape of each busy
 * weekday (over 0.7 of the mean) is blended, with that weight, with the
 * mean shape of the busy weekdays: steadier than 8 days alone.  A holiday
 * kind with no day in the history takes the quietest weekday's.  Returns
 * the number of open weekdays. */
static int kind_shapes(const FcstHist *h, int origin, int k, double pool, double factor[8], double shape[8][24])
{
    int days[64], n_open = 0;
    double tot_all = 0;
    if (k > 64)
        k = 64;
    for (int kd = 0; kd < 8; kd++) {
        int n = kind_open(h, origin, kd) ? same_kind(h, origin, kd, k, days) : 0;
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
        factor[kd] = n && t > 0 ? t / n : 0;
        if (factor[kd] > 0 && kd < 7)
            tot_all += factor[kd], n_open++;
    }
    double mean = n_open ? tot_all / n_open : 1;
    for (int kd = 0; kd < 8; kd++)
        factor[kd] = factor[kd] > 0 ? factor[kd] / mean : 0;
    if (pool > 0) {
        double mix[24] = { 0 };
        int np = 0;
        for (int kd = 0; kd < 7; kd++)
            if (factor[kd] > 0.7) {
                np++;
                for (int hr = 0; hr < 24; hr++)
                    mix[hr] += shape[kd][hr];
            }
        for (int kd = 0; kd < 7 && np > 1; kd++)
            if (factor[kd] > 0.7)
                for (int hr = 0; hr < 24; hr++)
                    shape[kd][hr] = (1 - pool) * shape[kd][hr] + pool * mix[hr] / np;
    }
    if (factor[7] == 0 && kind_open(h, origin, 7)) {  /* no holiday in history: like the quietest weekday */
        int q = quiet_kind(h, origin);
        factor[7] = factor[q];
        memcpy(shape[7], shape[q], sizeof shape[7]);
    }
    return n_open;
}

/* Shape by kind from the last k days of the kind, times the kind's factor,
 * times a robust daily level (with an optional damped trend). */
static int profile_trend(const FcstHist *h, int origin, int from, int ndays, double *out, int k, double pool)
{
    double factor[8], shape[8][24];
    if (!kind_shapes(h, origin, k, pool, factor, shape))
        return FC_EOPEN;
    /* A robust level: the median of the kind-adjusted daily totals of the
     * last 28 days (56 when under 7 of them are open); the trend: the
     * change from the 28 days before, per day, damped.  Medians keep
     * half-holidays and outages out. */
    double x[2][56];
    int nx[2] = { 0, 0 }, span = 28;
    for (int pass = 0; pass < 2; pass++) {
        nx[0] = nx[1] = 0;
        for (int w = 0; w < 2; w++)
            for (int d = origin - span * (w + 1); d < origin - span * w; d++) {
                if (d < h->first || !has_data(h, d) || factor[kind(h, d)] <= 0.05)
                    continue;
                x[w][nx[w]++] = day_total(h, d) / factor[kind(h, d)];
            }
        if (nx[0] >= 7)
            break;
        span = 56;
    }
    if (nx[0] < 3)
        return FC_EOPEN;
    double level = stats_median(x[0], (size_t)nx[0]), trend = 0;
    double phi = 0.97;
    if (nx[1] >= 3) {
        double prev = stats_median(x[1], (size_t)nx[1]);
        trend = h->trend_share * (level - prev) / span;
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

static int run_profile_trend(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    return profile_trend(h, origin, from, ndays, out, h->k > 0 ? h->k : 8, 0);
}

/* Median daily total of the open ordinary days of [a, b) (holidays,
 * missing and zero days left out); -1 with fewer than need of them. */
static double median_total(const FcstHist *h, int a, int b, int need)
{
    double v[64];
    int n = 0;
    for (int d = a; d < b && n < 64; d++)
        if (d >= h->first && has_data(h, d) && !cal_is_holiday(h->holidays, d)) {
            double t = day_total(h, d);
            if (t > 0)
                v[n++] = t;
        }
    return n < need ? -1 : stats_median(v, (size_t)n);
}

/* How far the week starting at day a stands from the 26 weeks around it
 * (13 each side, its own left out): its median day over theirs; 1 when
 * there is too little to judge. */
static double week_ratio(const FcstHist *h, int a, int end)
{
    double me = median_total(h, a, a + 7, 3), v[26];
    int n = 0;
    if (me <= 0)
        return 1;
    for (int j = -13; j <= 13; j++) {
        if (j == 0 || a + 7 * j < h->first || a + 7 * j + 7 > end)
            continue;
        double x = median_total(h, a + 7 * j, a + 7 * j + 7, 3);
        if (x > 0)
            v[n++] = x;
    }
    return n < 6 ? 1 : me / stats_median(v, (size_t)n);
}

#define ABNORMAL 1.3

/* The level of last year's week starting at a, for carrying forward: its
 * median day, unless the week is abnormal - over ABNORMAL times (or under
 * 1/ABNORMAL) the weeks around it, and not so the year before (a move that
 * comes back every year is the season) - when the weeks around it speak
 * instead.  -1 when the week has too few open days. */
static double week_level(const FcstHist *h, int a, int end)
{
    double me = median_total(h, a, a + 7, 3);
    if (me <= 0)
        return -1;
    double r = week_ratio(h, a, end);
    if (r <= ABNORMAL && r >= 1 / ABNORMAL)
        return me;
    if (a - 364 >= h->first) {
        double r2 = week_ratio(h, a - 364, end);
        if ((r > 1) == (r2 > 1) && (r2 > ABNORMAL || r2 < 1 / ABNORMAL))
            return me;  /* the same move the year before: the season */
    }
    return me / r;
}

/* Profile-trend, scaled week by week by how last year moved from the 28
 * days before the origin to the same week of the target; last year's
 * abnormal weeks (one-off surges, outages) are not carried forward. */
static int run_yearly(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    if (origin - 371 - 28 < h->first)
        return FC_EYEAR;
    int rc = run_profile_trend(h, origin, from, ndays, out);
    if (rc)
        return rc;
    double base = 0;
    int nb = 0;
    for (int w = 0; w < 4; w++) {
        double x = week_level(h, origin - 364 - 28 + 7 * w, origin);
        if (x > 0)
            base += x, nb++;
    }
    if (nb < 2)
        return FC_EOPEN;
    base /= nb;
    double f = 1;
    for (int d = 0; d < ndays; d++) {
        int week = (from + d - origin) / 7;
        if (d == 0 || (from + d - origin) % 7 == 0) {
            double tgt = week_level(h, origin - 364 + 7 * week, origin);
            f = tgt > 0 ? tgt / base : 1;
        }
        for (int hr = 0; hr < 24; hr++)
            out[24 * d + hr] *= f;
    }
    return 0;
}

/* ---- Holt: exponential smoothing of daily totals ----------------------- */

typedef struct HoltFit {
    double alpha, beta, gamma, phi, delta;
} HoltFit;

/* The day of the month in 7 spans (1-5, 6-10, ..., 31): paydays, bills and
 * statements move calls by the day of the month. */
#define NDOM 7
static int dom_span(int day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return (d - 1) / 5;
}

typedef struct HoltState {
    double l, b, s[8], u[NDOM];
    int seen[8];
} HoltState;

/* The open days before origin (up to two years), their kinds, spans of
 * the month and totals. */
typedef struct DaySeries {
    int n, *kd, *dom;
    double *y;
} DaySeries;

static void day_series(const FcstHist *h, int origin, const int open[8], DaySeries *ds)
{
    int start = origin - 2 * 364;
    if (start < h->first)
        start = h->first;
    ds->n = 0;
    ds->kd = xmalloc(sizeof *ds->kd * (size_t)(origin - start + 1));
    ds->dom = xmalloc(sizeof *ds->dom * (size_t)(origin - start + 1));
    ds->y = xmalloc(sizeof *ds->y * (size_t)(origin - start + 1));
    for (int d = start; d < origin; d++) {
        int kd = kind(h, d);
        if (!open[kd] || !has_data(h, d))
            continue;
        ds->kd[ds->n] = kd;
        ds->dom[ds->n] = dom_span(d);
        ds->y[ds->n++] = day_total(h, d);
    }
}

/* Days before errors count in the fit; the intraday shape: 8 days of a
 * kind, blended 0.6 with the busy weekdays' (chosen on the Anonymous
 * Bank's April-September 1999 backtests, tests/test_fcst_levels.c). */
#define HOLT_WARM 28
#define HOLT_K 8
#define HOLT_POOL 0.6

static void holt_init(const DaySeries *ds, HoltState *st)
{
    double sum[8] = { 0 }, all = 0;
    int cnt[8] = { 0 }, nall = 0, m = ds->n < HOLT_WARM ? ds->n : HOLT_WARM;
    for (int i = 0; i < m; i++)
        sum[ds->kd[i]] += ds->y[i], cnt[ds->kd[i]]++;
    for (int kd = 0; kd < 7; kd++)
        if (cnt[kd])
            all += sum[kd] / cnt[kd], nall++;
    st->l = nall ? all / nall : 1;
    if (st->l <= 0)
        st->l = 1;
    st->b = 0;
    for (int kd = 0; kd < 8; kd++) {
        st->seen[kd] = cnt[kd] > 0;
        st->s[kd] = cnt[kd] ? sum[kd] / cnt[kd] / st->l : 1;
    }
    for (int i = 0; i < NDOM; i++)
        st->u[i] = 1;
}

static void holt_step(const HoltFit *p, HoltState *st, int kd, int dom, double y, double outlier)
{
    if (!st->seen[kd]) {
        st->s[kd] = y / fmax(st->l * st->u[dom], 1e-9);
        st->seen[kd] = 1;
        return;
    }
    double fc = (st->l + p->phi * st->b) * st->s[kd] * st->u[dom];
    if (outlier > 1 && fc > 0)  /* a day far from its forecast moves the state as if it were at the band's edge */
        y = fmin(fmax(y, fc / outlier), fc * outlier);
    double s = st->s[kd] > 1e-6 ? st->s[kd] : 1e-6, u = st->u[dom];
    double l = p->alpha * y / (s * u) + (1 - p->alpha) * (st->l + p->phi * st->b);
    st->b = p->beta * (l - st->l) + (1 - p->beta) * p->phi * st->b;
    st->l = l;
    st->s[kd] = p->gamma * y / fmax(l * u, 1e-9) + (1 - p->gamma) * st->s[kd];
    if (kd < 7 && s > 0.05)  /* holidays and near-closed days say little of the month's rhythm */
        st->u[dom] = p->delta * y / fmax(l * s, 1e-9) + (1 - p->delta) * u;
}

/* Sum of the absolute one-step errors of the daily totals after the
 * first HOLT_WARM days. */
static double holt_cost(const DaySeries *ds, const HoltFit *p, double outlier)
{
    HoltState st;
    double cost = 0;
    holt_init(ds, &st);
    for (int i = 0; i < ds->n; i++) {
        int kd = ds->kd[i];
        if (i >= HOLT_WARM && st.seen[kd])
            cost += fabs((st.l + p->phi * st.b) * st.s[kd] * st.u[ds->dom[i]] - ds->y[i]);
        holt_step(p, &st, kd, ds->dom[i], ds->y[i], outlier);
    }
    return cost;
}

static int run_holt(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    double factor[8], shape[8][24];
    int open[8];
    if (!kind_shapes(h, origin, HOLT_K, HOLT_POOL, factor, shape))
        return FC_EOPEN;
    for (int kd = 0; kd < 8; kd++)
        open[kd] = factor[kd] > 0;
    DaySeries ds;
    day_series(h, origin, open, &ds);
    if (ds.n < HOLT_WARM + 14) {
        free(ds.kd), free(ds.dom), free(ds.y);
        return FC_EOPEN;
    }
    /* The grid, searched one parameter at a time from its middle until no
     * change lowers the cost.  A full search over its 1,080 points takes
     * about 12 times as long and is no better month ahead (on the bank,
     * October-December: 18.75% against 18.56% - the cost is flat near its
     * low, and the two land on different points). */
    static const double alphas[] = { 0.002, 0.005, 0.01, 0.03, 0.06, 0.1, 0.15, 0.25, 0.4 };
    static const double betas[] = { 0, 0.01, 0.04 };
    static const double gammas[] = { 0.02, 0.05, 0.1, 0.2 };
    static const double phis[] = { 0.9, 0.98 };
    static const double deltas[] = { 0, 0.05, 0.1, 0.2, 0.3 };
    static const double *const grid[5] = { alphas, betas, gammas, phis, deltas };
    static const int len[5] = { 9, 3, 4, 2, 5 };
    double memo[9 * 3 * 4 * 2 * 5];
    int at[5] = { 3, 0, 1, 1, 2 }, moved = 1;
    for (size_t i = 0; i < sizeof memo / sizeof *memo; i++)
        memo[i] = -1;
    double bc = INFINITY;
    for (int round = 0; round < 6 && moved; round++) {
        moved = 0;
        for (int par = 0; par < 5; par++)
            for (int v = 0; v < len[par]; v++) {
                int t[5];
                memcpy(t, at, sizeof t);
                t[par] = v;
                if (t[1] == 0)
                    t[3] = 1;  /* no trend: its damping says nothing */
                int key = (((t[0] * 3 + t[1]) * 4 + t[2]) * 2 + t[3]) * 5 + t[4];
                if (memo[key] < 0) {
                    HoltFit p = { alphas[t[0]], betas[t[1]], gammas[t[2]], phis[t[3]], deltas[t[4]] };
                    memo[key] = holt_cost(&ds, &p, h->outlier);
                }
                if (memo[key] < bc) {
                    bc = memo[key];
                    moved |= memcmp(t, at, sizeof t) != 0;
                    memcpy(at, t, sizeof t);
                }
            }
    }
    HoltFit best = { grid[0][at[0]], grid[1][at[1]], grid[2][at[2]], grid[3][at[3]], grid[4][at[4]] };
    HoltState st;
    holt_init(&ds, &st);
    for (int i = 0; i < ds.n; i++)
        holt_step(&best, &st, ds.kd[i], ds.dom[i], ds.y[i], h->outlier);
    free(ds.kd), free(ds.dom), free(ds.y);
    double damp = 0, pw = 1;
    for (int x = origin; x < from; x++)  /* the month may start after the origin: the open days between */
        if (open[kind(h, x)])
            pw *= best.phi, damp += pw;
    for (int d = 0; d < ndays; d++) {
        int kd = kind(h, from + d);
        if (open[kd])
            pw *= best.phi, damp += pw;
        double sk = kd == 7 && !st.seen[7] ? st.s[quiet_kind(h, origin)] : st.s[kd];
        double total = open[kd] ? fmax(0, st.l + damp * st.b) * sk * st.u[dom_span(from + d)] * event_mult(h, from + d) : 0;
        for (int hr = 0; hr < 24; hr++)
            out[24 * d + hr] = total * shape[kd][hr];
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

static int run_method(int method, const FcstHist *h, int origin, int from, int ndays, double *out,
                      int *dropped);

/* With h->holiday_edges, the days just after and before a long holiday
 * scaled by their median effect in the history before origin. */
static void holiday_edges(const FcstHist *h, int origin, int from, int ndays, double *out)
{
    if (!h->holiday_edges)
        return;
    double after = edge_effect(h, origin, 1), before = edge_effect(h, origin, -1);
    for (int d = 0; d < ndays; d++) {
        int e = long_holiday_edge(h, from + d);
        double f = e > 0 ? after : e < 0 ? before : 1;
        for (int hr = 0; hr < 24 && f != 1; hr++)
            out[24 * d + hr] *= f;
    }
}

int fcst_run_members(int method, const FcstHist *h, int origin, int from, int ndays, double *out,
                     int *dropped)
{
    if (dropped)
        memset(dropped, 0, sizeof *dropped * FC_COUNT);
    int rc = run_method(method, h, origin, from, ndays, out, dropped);
    if (rc == 0)
        holiday_edges(h, origin, from, ndays, out);
    return rc;
}

int fcst_run(int method, const FcstHist *h, int origin, int from, int ndays, double *out)
{
    return fcst_run_members(method, h, origin, from, ndays, out, NULL);
}

/* The methods other than top-2 with a backtest (ok[m]), by ascending
 * backtest WAPE w[m] (ties by their order); returns how many. */
static int by_wape(const double w[FC_COUNT], const int ok[FC_COUNT], int order[FC_COUNT])
{
    int n = 0;
    for (int m = 0; m < FC_COUNT; m++) {
        if (m == FC_TOP2 || !ok[m])
            continue;
        int i = n++;
        for (; i > 0 && w[order[i - 1]] > w[m]; i--)
            order[i] = order[i - 1];
        order[i] = m;
    }
    return n;
}

/* The pool of top-2: the two methods (other than top-2) with the lowest
 * nback-month backtest WAPE over the history before origin, among those
 * that can forecast [from, from + ndays); out (if not NULL) gets the mean
 * of their forecasts, without the holiday edges (fcst_run_members applies
 * them once to the mean). */
static int pool_two(const FcstHist *h, int origin, int from, int ndays, int nback, int pair[2], double wape[2],
                    double *out)
{
    FcstHist before = *h;
    if (before.ndays > origin - h->first)
        before.ndays = origin - h->first;
    double w[FC_COUNT], *f[2];
    int ok[FC_COUNT], order[FC_COUNT], got = 0, rc = FC_EOPEN;
    for (int m = 0; m < FC_COUNT; m++) {
        FcstScore sc;
        ok[m] = m != FC_TOP2 && fcst_backtest(m, &before, nback, &sc) == 0;
        w[m] = ok[m] ? sc.wape : INFINITY;
    }
    int n = by_wape(w, ok, order);
    f[0] = xmalloc(sizeof *f[0] * 24 * (size_t)ndays);
    f[1] = xmalloc(sizeof *f[1] * 24 * (size_t)ndays);
    pair[0] = pair[1] = -1;
    for (int i = 0; i < n && got < 2; i++) {
        int r = run_method(order[i], h, origin, from, ndays, f[got], NULL);
        if (r == 0)
            pair[got++] = order[i];
        else if (rc == FC_EOPEN)
            rc = r;
    }
    if (got) {
        rc = 0;
        for (int i = 0; i < 24 * ndays && out; i++)
            out[i] = got == 2 ? (f[0][i] + f[1][i]) / 2 : f[0][i];
    }
    if (wape)
        wape[0] = got > 0 ? w[pair[0]] : INFINITY, wape[1] = got > 1 ? w[pair[1]] : INFINITY;
    free(f[0]), free(f[1]);
    return rc;
}

int fcst_top2_members(const FcstHist *h, int origin, int from, int ndays, int pair[2], double wape[2], double *out)
{
    int rc = pool_two(h, origin, from, ndays, FC_POOL_BACK, pair, wape, out);
    if (rc == 0 && out)
        holiday_edges(h, origin, from, ndays, out);
    return rc;
}

static int run_method(int method, const FcstHist *h, int origin, int from, int ndays, double *out,
                      int *dropped)
{
    int have = 0;
    for (int d = h->first; d < origin && d < h->first + h->ndays; d++)
        have += has_data(h, d);
    if (have < 14)
        return FC_ESHORT;
    if (method == FC_PROFILE_TREND)
        return run_profile_trend(h, origin, from, ndays, out);
    if (method == FC_YEARLY)
        return run_yearly(h, origin, from, ndays, out);
    if (method == FC_HOLT)
        return run_holt(h, origin, from, ndays, out);
    if (method == FC_TOP2) {
        int pair[2];
        return pool_two(h, origin, from, ndays, FC_POOL_BACK, pair, NULL, out);
    }
    if (method == FC_HOLT_MIX) {
        /* Holt's daily totals and the robust median level, each times the
         * same pooled shape: the mean of two views of the level. */
        int rc = run_holt(h, origin, from, ndays, out);
        if (rc)
            return rc;
        double *a = xmalloc(sizeof *a * 24 * (size_t)ndays);
        rc = profile_trend(h, origin, from, ndays, a, HOLT_K, HOLT_POOL);
        if (rc && dropped)
            dropped[FC_PROFILE_TREND] = rc;
        for (int i = 0; i < 24 * ndays && !rc; i++)
            out[i] = (out[i] + a[i]) / 2;
        free(a);
        return 0;
    }
    if (method == FC_COMBINED) {
        /* The mean of the members that can forecast; those that cannot are
         * named in dropped. */
        static const int members[] = { FC_MEDIAN, FC_TRIMMED, FC_PROFILE_TREND };
        size_t nmem = sizeof members / sizeof *members;
        double *a = xmalloc(sizeof *a * 24 * (size_t)ndays);
        int used = 0;
        for (int i = 0; i < 24 * ndays; i++)
            out[i] = 0;
        for (size_t m = 0; m < nmem; m++) {
            int rc = run_method(members[m], h, origin, from, ndays, a, NULL);
            if (rc) {
                if (dropped)
                    dropped[members[m]] = rc;
                continue;
            }
            for (int i = 0; i < 24 * ndays; i++)
                out[i] += a[i];
            used++;
        }
        for (int i = 0; i < 24 * ndays && used; i++)
            out[i] /= used;
        free(a);
        return used ? 0 : FC_EOPEN;
    }
    return run_sameday(method, h, origin, from, ndays, out);
}

/* Forecast errors summed over backtest months. */
typedef struct Tally {
    double ae, e, act, aeh[24], eh[24], ah[24], aed[DT_COUNT], ed[DT_COUNT], ad[DT_COUNT];
    int months, fail, dropped[FC_COUNT], dropped_why[FC_COUNT];
    double *ratio[24];   /* actual / forecast of the open hours, per hour */
    int nratio[24], cap[24];
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
        if (f[i] > 0 && a > 0) {
            if (t->nratio[hr] == t->cap[hr]) {
                t->cap[hr] = t->cap[hr] ? 2 * t->cap[hr] : 64;
                t->ratio[hr] = xrealloc(t->ratio[hr], sizeof *t->ratio[hr] * (size_t)t->cap[hr]);
            }
            t->ratio[hr][t->nratio[hr]++] = a / f[i];
        }
    }
    t->months++;
}

static void tally_drop(Tally *t, const int *dropped)
{
    for (int m = 0; m < FC_COUNT; m++)
        if (dropped[m])
            t->dropped[m]++, t->dropped_why[m] = dropped[m];
}

/* The q-quantile of hour hr's actual / forecast, or none with under 5 of them. */
static double tally_ratio(const Tally *t, int hr, double q, double none)
{
    return t->nratio[hr] >= 5 ? stats_quantile(t->ratio[hr], (size_t)t->nratio[hr], q) : none;
}

static void tally_free(Tally *t)
{
    for (int hr = 0; hr < 24; hr++)
        free(t->ratio[hr]), t->ratio[hr] = NULL;
}

static int tally_finish(Tally *t, FcstScore *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->fail = t->fail;
    memcpy(sc->dropped, t->dropped, sizeof sc->dropped);
    memcpy(sc->dropped_why, t->dropped_why, sizeof sc->dropped_why);
    for (int hr = 0; hr < 24; hr++)
        sc->q10[hr] = tally_ratio(t, hr, 0.1, NAN), sc->q90[hr] = tally_ratio(t, hr, 0.9, NAN);
    tally_free(t);
    if (!t->months || t->act <= 0)
        return -1;
    sc->months = t->months;
    sc->wape = t->ae / t->act;
    sc->bias = t->e / t->act;
    sc->actual = t->act;
    for (int hr = 0; hr < 24; hr++)
        sc->wape_hour[hr] = t->ah[hr] > 0 ? t->aeh[hr] / t->ah[hr] : NAN,
        sc->bias_hour[hr] = t->ah[hr] > 0 ? t->eh[hr] / t->ah[hr] : NAN;
    for (int d = 0; d < DT_COUNT; d++)
        sc->wape_dt[d] = t->ad[d] > 0 ? t->aed[d] / t->ad[d] : NAN,
        sc->bias_dt[d] = t->ad[d] > 0 ? t->ed[d] / t->ad[d] : NAN;
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

/* top-2's backtest (and auto's) over the last nmonths months, the pair of
 * each month chosen by the nback months before it.  Every member's
 * forecast of a month reads only days before it, whatever the history's
 * end: each (method, month) is forecast once and shared by the months
 * whose backtests hold it - the same as pool_two month by month, at the
 * cost of one backtest per method.  chosen as in fcst_backtest_auto. */
static void top2_tally(const FcstHist *h, int nmonths, int nback, Tally *t, int *chosen)
{
    int total = nmonths + nback, *mf = xmalloc(sizeof *mf * (size_t)total), *nd = xmalloc(sizeof *nd * (size_t)total);
    int *valid = xmalloc(sizeof *valid * (size_t)total), *rc = xmalloc(sizeof *rc * (size_t)total * FC_COUNT);
    double **f = xcalloc((size_t)total * FC_COUNT, sizeof *f);
    double *ae = xcalloc((size_t)total * FC_COUNT, sizeof *ae), *act = xcalloc((size_t)total, sizeof *act);
    memset(t, 0, sizeof *t);
    for (int k = 0; k < total; k++) {
        valid[k] = month_back(h, k, &mf[k], &nd[k]);
        const double *y = valid[k] ? h->y + 24 * (mf[k] - h->first) : NULL;
        for (int i = 0; valid[k] && i < 24 * nd[k]; i++)
            act[k] += y[i] >= 0 ? y[i] : 0;
        for (int m = 0; m < FC_COUNT; m++) {
            rc[k * FC_COUNT + m] = FC_EOPEN;
            if (!valid[k] || m == FC_TOP2)
                continue;
            double *x = f[k * FC_COUNT + m] = xmalloc(sizeof *x * 24 * (size_t)nd[k]);
            if ((rc[k * FC_COUNT + m] = fcst_run(m, h, mf[k], mf[k], nd[k], x)))
                continue;  /* stepped aside: x holds no forecast */
            for (int i = 0; i < 24 * nd[k]; i++)
                ae[k * FC_COUNT + m] += y[i] >= 0 ? fabs(x[i] - y[i]) : 0;
        }
    }
    for (int k = 0; k < nmonths; k++) {
        if (chosen)
            chosen[k] = -1;
        if (!valid[k])
            continue;
        double w[FC_COUNT];
        int ok[FC_COUNT], order[FC_COUNT], pair[2] = { -1, -1 }, got = 0, why = FC_EOPEN;
        for (int m = 0; m < FC_COUNT; m++) {  /* fcst_backtest(m) on the history before month k */
            double e = 0, a = 0;
            int n = 0;
            for (int j = k + 1; j <= k + nback; j++)
                if (valid[j] && rc[j * FC_COUNT + m] == 0)
                    e += ae[j * FC_COUNT + m], a += act[j], n++;
            ok[m] = m != FC_TOP2 && n > 0 && a > 0;
            w[m] = ok[m] ? e / a : INFINITY;
        }
        int n = by_wape(w, ok, order);
        for (int i = 0; i < n && got < 2; i++) {
            int r = rc[k * FC_COUNT + order[i]];
            if (r == 0)
                pair[got++] = order[i];
            else if (why == FC_EOPEN)
                why = r;
        }
        if (chosen)
            chosen[k] = pair[0];
        if (!got) {
            t->fail = why;
            continue;
        }
        double *x = xmalloc(sizeof *x * 24 * (size_t)nd[k]), *p = f[k * FC_COUNT + pair[0]];
        for (int i = 0; i < 24 * nd[k]; i++)
            x[i] = got == 2 ? (p[i] + f[k * FC_COUNT + pair[1]][i]) / 2 : p[i];
        tally_add(t, h, mf[k], nd[k], x);
        free(x);
    }
    for (int i = 0; i < total * FC_COUNT; i++)
        free(f[i]);
    free(f), free(ae), free(act), free(rc), free(valid), free(nd), free(mf);
}

static void backtest_tally(int method, const FcstHist *h, int nmonths, Tally *t)
{
    if (method == FC_TOP2) {
        top2_tally(h, nmonths, FC_POOL_BACK, t, NULL);
        return;
    }
    memset(t, 0, sizeof *t);
    for (int k = 0; k < nmonths; k++) {
        int mfirst, nd, dropped[FC_COUNT];
        if (!month_back(h, k, &mfirst, &nd))
            continue;
        double *f = xmalloc(sizeof *f * 24 * (size_t)nd);
        int rc = fcst_run_members(method, h, mfirst, mfirst, nd, f, dropped);
        if (rc == 0) {
            tally_add(t, h, mfirst, nd, f);
            tally_drop(t, dropped);
        } else {
            t->fail = rc;
        }
        free(f);
    }
}

int fcst_backtest(int method, const FcstHist *h, int nmonths, FcstScore *sc)
{
    Tally t;
    backtest_tally(method, h, nmonths, &t);
    return tally_finish(&t, sc);
}

int fcst_backtest_quantile(int method, const FcstHist *h, int nmonths, double q, double ratio[24])
{
    Tally t;
    int n = 0;
    backtest_tally(method, h, nmonths, &t);
    for (int hr = 0; hr < 24; hr++)
        ratio[hr] = tally_ratio(&t, hr, q, 1), n += t.nratio[hr] >= 5;
    tally_free(&t);
    return n ? 0 : -1;
}

int fcst_backtest_auto(const FcstHist *h, int nmonths, int nback, FcstScore *sc, int *chosen)
{
    Tally t;
    top2_tally(h, nmonths, nback, &t, chosen);
    return tally_finish(&t, sc);
}
