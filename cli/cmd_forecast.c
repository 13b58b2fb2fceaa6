#include "cli.h"
#include "../core/alloc.h"
#include "../model/fcst.h"
#include "../reports/rep_forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Defaults chosen by backtests on April-September 1999 of the Anonymous
 * Bank data (tests/test_fcst.c): 10 days of the same kind, reference days
 * outside 1/1.4-1.4 times their kind's median passed over. */
#define FCST_K 10
#define FCST_OUTLIER 1.4

typedef struct QueueFcst {
    char queue[WFM_NAME_MAX];
    double *offered, *aht;
} QueueFcst;

static FcstHist hist_for(const VolumeSeries *v, int usable, const WfmConfig *cfg)
{
    FcstHist h = { v->offered, v->first, usable, &cfg->holidays, HOL_OWN_KIND, cfg->events, cfg->nevents,
                   FCST_K, FCST_OUTLIER, 0, 1 };
    return h;
}

int cli_forecast_quantile(const VolumeSeries *v, const WfmConfig *cfg, int first, const char *method, double q,
                          double ratio[24])
{
    int m = fcst_method(method), usable = first - v->first < v->ndays ? first - v->first : v->ndays;
    for (int hr = 0; hr < 24; hr++)
        ratio[hr] = 1;
    if (m < 0 || usable < 14)
        return -1;
    FcstHist h = hist_for(v, usable, cfg);
    return fcst_backtest_quantile(m, &h, 6, q, ratio);
}

static int forecast_queue(Store *s, const WfmConfig *cfg, const QueueCfg *q, int first, int ndays,
                          int method, int nback, QueueFcst *out, int *skipped, WfmErr *err)
{
    VolumeSeries v;
    int rc = store_volume_series(s, q->name, &v, err);
    if (rc == WFM_EINPUT) {
        *skipped = 1;
        return 0;
    }
    if (rc)
        return rc;
    *skipped = 0;
    /* Only what was known before the month starts. */
    int usable = first - v.first;
    if (usable > v.ndays)
        usable = v.ndays;
    if (usable < 14) {
        volume_series_free(&v);
        return wfm_err(err, WFM_EINPUT, "queue '%s': %d days of history before %s; a forecast needs 14",
                       q->name, usable < 0 ? 0 : usable, "the month");
    }
    FcstHist h = hist_for(&v, usable, cfg);
    int best = method < 0 ? FC_TOP2 : method;
    FcstScore scores[FC_COUNT];
    int ok[FC_COUNT];
    printf("%s: backtest over the last %d months before the forecast\n"
           "  %-15s %8s %8s   WAPE weekday / Saturday / Sunday+holiday\n", q->name, nback, "method", "WAPE", "bias");
    for (int m = 0; m < FC_COUNT; m++) {
        FcstScore *sc = &scores[m];
        char dt[3][16];
        ok[m] = fcst_backtest(m, &h, nback, sc) == 0;
        if (!ok[m]) {
            printf("  %-15s steps aside: %s\n", fcst_name(m),
                   sc->fail ? fcst_why(sc->fail) : "no month of the backtest is wholly in the history");
            continue;
        }
        for (int t = 0; t < 3; t++)  /* no calls at all: closed, not a perfect forecast */
            snprintf(dt[t], sizeof dt[t], isnan(sc->wape_dt[t]) ? "closed" : "%5.1f%%", 100 * sc->wape_dt[t]);
        printf("  %-15s %7.2f%% %+7.2f%%   %6s / %6s / %6s  (%d months)%s\n", fcst_name(m),
               100 * sc->wape, 100 * sc->bias, dt[0], dt[1], dt[2], sc->months, m == best ? "  <- chosen" : "");
        if (sc->fail)
            printf("  %-15s   (a month stepped aside: %s)\n", "", fcst_why(sc->fail));
        for (int d = 0; d < FC_COUNT; d++)
            if (sc->dropped[d])
                printf("  %-15s   without %s in %d of %d months: %s\n", "", fcst_name(d), sc->dropped[d],
                       sc->months, fcst_why(sc->dropped_why[d]));
    }
    snprintf(out->queue, sizeof out->queue, "%s", q->name);
    out->offered = xmalloc(sizeof(double) * 24 * (size_t)ndays);
    out->aht = xmalloc(sizeof(double) * 24 * (size_t)ndays);
    /* The origin is the end of what is known: the month may lie further ahead. */
    int dropped[FC_COUNT] = { 0 }, why = -1;  /* -1: the month not forecast yet */
    if (method < 0) {  /* auto: top-2, the mean of the two lowest, or the median when nothing was backtested */
        int pair[2];
        double w[2];
        if ((why = fcst_top2_members(&h, v.first + usable, first, ndays, pair, w, out->offered))) {
            why = -1;
            best = FC_MEDIAN;
            printf("  no month could be backtested: using %s\n", fcst_name(best));
        } else if (pair[1] < 0) {
            printf("  auto: %s = %s alone, the only method with a %d-month backtest (%.2f%%)\n", fcst_name(best),
                   fcst_name(pair[0]), FC_POOL_BACK, 100 * w[0]);
        } else {
            printf("  auto: %s = the mean of %s and %s, the two lowest %d-month backtest WAPE (%.2f%%, %.2f%%); "
                   "its own backtest ", fcst_name(best), fcst_name(pair[0]), fcst_name(pair[1]), FC_POOL_BACK,
                   100 * w[0], 100 * w[1]);
            printf(ok[best] ? "(%.2f%%)\n" : "none\n", 100 * scores[best].wape);
        }
    }
    if (ok[best]) {
        printf("  %s by hour (WAPE):", fcst_name(best));
        for (int hr = 0; hr < 24; hr++)
            printf(isnan(scores[best].wape_hour[hr]) ? "%s%02d closed" : "%s%02d %.0f%%", hr % 8 ? "  " : "\n    ",
                   hr, 100 * scores[best].wape_hour[hr]);
        printf("\n");
    }
    if (why < 0)
        why = fcst_run_members(best, &h, v.first + usable, first, ndays, out->offered, dropped);
    if (why) {
        volume_series_free(&v);
        return wfm_err(err, WFM_EINPUT, "queue '%s': %s cannot forecast the month: %s", q->name, fcst_name(best),
                       fcst_why(why));
    }
    for (int d = 0; d < FC_COUNT; d++)
        if (dropped[d])
            printf("  %s: the month's %s is without %s: %s\n", q->name, fcst_name(best), fcst_name(d), fcst_why(dropped[d]));
    double aht[24];
    staff_recent_aht(v.offered, v.aht_s, usable, q->aht_s, aht);
    for (int i = 0; i < 24 * ndays; i++)
        out->aht[i] = aht[i % 24];
    volume_series_free(&v);
    return best;  /* >= 0: the method used */
}

int cli_forecast_month(Store *s, const WfmConfig *cfg, const char *month, int method, int nback,
                       const char *csv, WfmErr *err)
{
    QueueFcst qf[WFM_MAX_QUEUES];
    int rc, first, ndays, nq = 0;
    int64_t run;
    char params[160];

    memset(qf, 0, sizeof qf);
    if (date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    /* Holidays are days off and their own kind: past the last configured
     * year every day would be taken for an ordinary one without a word. */
    if (cfg->holidays.n > 0) {
        int hy, hm, hd, my, mm, md;
        date_to_ymd(cfg->holidays.days[cfg->holidays.n - 1], &hy, &hm, &hd);
        date_to_ymd(first + ndays - 1, &my, &mm, &md);
        if (my > hy)
            cli_note("warning: the configuration's 'holidays' end in %d; %s is past them, so its holidays "
                     "would be forecast as ordinary days: add %d's holidays to the setting 'holidays'", hy, month, my);
    }
    snprintf(params, sizeof params, "--month %s --method %s --backtest %d", month,
             method < 0 ? "auto" : fcst_name(method), nback);
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "forecast", params, cfg->hash, &run, err)))
        goto out;
    for (int q = 0; q < cfg->nqueues; q++) {
        int skipped = 0, used = forecast_queue(s, cfg, &cfg->queues[q], first, ndays, method, nback, &qf[nq],
                                           &skipped, err);
        if (used < 0) {
            rc = used;
            nq++;
            goto out;
        }
        if (skipped)
            continue;
        if ((rc = store_write_forecast(s, run, qf[nq].queue, first, ndays, qf[nq].offered, qf[nq].aht,
                                       fcst_name(used), err))) {
            nq++;
            goto out;
        }
        double tot = 0;
        for (int i = 0; i < 24 * ndays; i++)
            tot += qf[nq].offered[i];
        printf("  %s: %.0f calls forecast for %s with %s\n", qf[nq].queue, tot, month, fcst_name(used));
        nq++;
    }
    if (!nq) {
        rc = wfm_err(err, WFM_EINPUT, "no queue of the configuration has volume in the store");
        goto out;
    }
    if (csv) {
        ForecastQueue fq[WFM_MAX_QUEUES];
        for (int k = 0; k < nq; k++)
            fq[k].queue = qf[k].queue, fq[k].offered = qf[k].offered, fq[k].aht_s = qf[k].aht;
        if ((rc = rep_forecast_csv(csv, first, ndays, fq, nq, err)))
            goto out;
    }
    if (!(rc = store_run_end(s, run, err)) && !(rc = store_commit(s, err)))
        printf("stored forecast for %s as run %lld%s%s\n", month, (long long)run, csv ? ", and in " : "",
               csv ? csv : "");
out:
    if (rc)
        store_rollback(s);
    for (int k = 0; k < nq; k++) {
        free(qf[k].offered);
        free(qf[k].aht);
    }
    return rc;
}

int cmd_forecast(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *month = NULL, *method_s = "auto", *back_s = NULL,
               *csv = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month to forecast", &month, NULL },
        { "--method", "M", "auto (top-2: the mean of the two methods with the lowest backtest WAPE) or "
                           "seasonal-naive, mean, median, trimmed-mean, profile-trend, combined, yearly, holt, "
                           "holt-mix, top-2", &method_s, NULL },
        { "--backtest", "N", "months of rolling-origin backtest (default 6)", &back_s, NULL },
        { "--csv", "FILE", "also write date,hour,queue,offered,aht_s", &csv, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    int rc, npos, first, ndays, method = -1;
    long nback = 6;

    if ((rc = cli_parse(cli_find("forecast"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm forecast --month YYYY-MM [--method auto|NAME] [--backtest N]");
    if (date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    if (strcmp(method_s, "auto") != 0 && (method = fcst_method(method_s)) < 0)
        return wfm_err(err, WFM_EUSAGE, "option '--method': '%s' is not auto or a method (see --help)", method_s);
    if (back_s && (rc = cli_int("--backtest", back_s, 1, 60, &nback, err)))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0)
        rc = cli_forecast_month(s, &cfg, month, method, (int)nback, csv, err);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}

/* One queue's section of the forecast report; *have = 0 when the queue has
 * no volume or no forecast for the month. */
/* What a report section points into; owned by cli_report_forecast. */
typedef struct SectionData {
    char method[48];
    int ok[FC_COUNT];
    double wape[FC_COUNT], bias[FC_COUNT], wdt[FC_COUNT * 3];
    double *buf;          /* actual, backtest and forecast daily series */
    double *hbuf;         /* the month's hourly forecast, its 10% and 90% points */
} SectionData;

static int report_queue(Store *s, const WfmConfig *cfg, const QueueCfg *q, int first, int ndays,
                        const char *const *names, ForecastSection *f, SectionData *sd, int *have, WfmErr *err)
{
    VolumeSeries v;
    int64_t run;
    int rc;

    *have = 0;
    if (store_volume_series(s, q->name, &v, err))
        return 0;
    double *fc = xmalloc(sizeof *fc * 24 * (size_t)ndays), *aht = xmalloc(sizeof *aht * 24 * (size_t)ndays);
    if (store_read_forecast(s, q->name, first, ndays, fc, aht, &run, sd->method, err)) {
        free(fc), free(aht), volume_series_free(&v);
        return 0;
    }
    int usable = first - v.first < v.ndays ? first - v.first : v.ndays;
    FcstHist h = hist_for(&v, usable, cfg);
    int m0 = fcst_method(sd->method), y, m, d, band = 0;
    double *hb = sd->hbuf = xmalloc(sizeof *hb * 3 * 24 * (size_t)ndays);
    for (int k = 0; k < FC_COUNT; k++) {
        FcstScore sc;
        sd->ok[k] = fcst_backtest(k, &h, 6, &sc) == 0;
        sd->wape[k] = sc.wape, sd->bias[k] = sc.bias;
        for (int t = 0; t < 3; t++)
            sd->wdt[3 * k + t] = sc.wape_dt[t];
        if (k == m0 && sd->ok[k]) {  /* the band: the method's backtest errors, hour by hour */
            band = 1;
            for (int i = 0; i < 24 * ndays; i++) {
                double lo = sc.q10[i % 24], hi = sc.q90[i % 24];
                hb[24 * ndays + i] = fc[i] * (isnan(lo) ? 1 : lo);
                hb[48 * ndays + i] = fc[i] * (isnan(hi) ? 1 : hi);
            }
        }
    }
    memcpy(hb, fc, sizeof *hb * 24 * (size_t)ndays);
    /* Show from six months before the end of the history to the month's end. */
    date_to_ymd(v.first + usable, &y, &m, &d);
    m -= 6;
    while (m < 1)
        m += 12, y--;
    int show = date_from_ymd(y, m, 1), n = first + ndays - show;
    double *buf = sd->buf = xmalloc(sizeof *buf * 3 * (size_t)n);
    double *actual = buf, *bt = buf + n, *fcd = buf + 2 * n;
    for (int i = 0; i < 3 * n; i++)
        buf[i] = -1;
    for (int i = 0; i < n; i++) {
        int day = show + i, j = day - v.first;
        if (j >= 0 && j < usable) {
            actual[i] = 0;
            for (int hr = 0; hr < 24; hr++)
                actual[i] += v.offered[24 * j + hr] > 0 ? v.offered[24 * j + hr] : 0;
        }
        if (day >= first)
            for (int hr = 0, k = day - first; hr < 24; hr++)
                fcd[i] = (fcd[i] < 0 ? 0 : fcd[i]) + fc[24 * k + hr];
    }
    /* The chosen method's month-ahead backtest forecasts, month by month. */
    for (int ms = show; m0 >= 0 && ms < v.first + usable;) {
        int yy, mm, dd;
        date_to_ymd(ms, &yy, &mm, &dd);
        int nd = date_days_in_month(yy, mm);
        if (ms + nd <= v.first + usable) {
            double *tmp = xmalloc(sizeof *tmp * 24 * (size_t)nd);
            if (fcst_run(m0, &h, ms, ms, nd, tmp) == 0)
                for (int i = 0; i < nd; i++) {
                    bt[ms - show + i] = 0;
                    for (int hr = 0; hr < 24; hr++)
                        bt[ms - show + i] += tmp[24 * i + hr];
                }
            free(tmp);
        }
        ms += nd;
    }
    f->queue = q->name;
    f->method = sd->method;
    f->first = show;
    f->ndays = n;
    f->actual = actual, f->backtest = bt, f->forecast = fcd;
    f->nmethods = FC_COUNT;
    f->names = names;
    f->ok = sd->ok, f->wape = sd->wape, f->bias = sd->bias, f->wape_dt = sd->wdt;
    f->mfirst = first, f->mdays = ndays;
    f->hourly = hb;
    f->lo = band ? hb + 24 * ndays : NULL, f->hi = band ? hb + 48 * ndays : NULL;
    *have = 1;
    rc = 0;
    free(fc), free(aht), volume_series_free(&v);
    return rc;
}

int cli_report_forecast(Store *s, const WfmConfig *cfg, const char *month, const char *dir,
                        const char *script_dir, WfmErr *err)
{
    ForecastSection sec[WFM_MAX_QUEUES];
    SectionData data[WFM_MAX_QUEUES];
    const char *names[FC_COUNT];
    int first, ndays, n = 0, rc = 0;
    memset(data, 0, sizeof data);
    for (int k = 0; k < FC_COUNT; k++)
        names[k] = fcst_name(k);
    if (!month || date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report forecast --month YYYY-MM [--out DIR]");
    for (int q = 0; q < cfg->nqueues && !rc; q++) {
        int have;
        rc = report_queue(s, cfg, &cfg->queues[q], first, ndays, names, &sec[n], &data[n], &have, err);
        if (have)
            n++;
        else
            free(data[n].buf), data[n].buf = NULL, free(data[n].hbuf), data[n].hbuf = NULL;
    }
    if (!rc && n == 0)
        rc = wfm_err(err, WFM_EINPUT, "no forecast for %s in the store (run 'wfm forecast --month %s')", month, month);
    if (!rc)
        rc = rep_forecast_page(cfg->name, cfg->language, month, sec, n, dir, script_dir, err);
    if (!rc)
        printf("wrote report '%s/index.html'\n", dir);
    for (int k = 0; k < WFM_MAX_QUEUES; k++)
        free(data[k].buf), free(data[k].hbuf);
    return rc;
}
