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
    FcstHist h = { v.offered, v.first, usable, &cfg->holidays, HOL_OWN_KIND, cfg->events, cfg->nevents,
                   FCST_K, FCST_OUTLIER, 0 };
    int best = method;
    double best_wape = INFINITY;
    FcstScore scores[FC_COUNT];
    int ok[FC_COUNT];
    printf("%s: backtest over the last %d months before the forecast\n"
           "  %-15s %8s %8s   WAPE weekday / Saturday / Sunday+holiday\n", q->name, nback, "method", "WAPE", "bias");
    for (int m = 0; m < FC_COUNT; m++) {
        FcstScore *sc = &scores[m];
        ok[m] = fcst_backtest(m, &h, nback, sc) == 0;
        if (!ok[m]) {
            printf("  %-15s steps aside: %s\n", fcst_name(m),
                   m == FC_YEARLY ? "it needs 13 months of history before each backtest month"
                                  : "the history is too short, or a day kind has no data");
            continue;
        }
        printf("  %-15s %7.2f%% %+7.2f%%   %5.1f%% / %5.1f%% / %5.1f%%  (%d months)%s\n", fcst_name(m),
               100 * sc->wape, 100 * sc->bias, 100 * sc->wape_dt[0], 100 * sc->wape_dt[1], 100 * sc->wape_dt[2],
               sc->months, m == method ? "  <- chosen" : "");
        if (method < 0 && sc->wape < best_wape)
            best_wape = sc->wape, best = m;
    }
    if (best >= 0 && ok[best]) {
        printf("  %s by hour (WAPE):", fcst_name(best));
        for (int hr = 0; hr < 24; hr++)
            printf("%s%02d %.0f%%", hr % 8 ? "  " : "\n    ", hr, 100 * scores[best].wape_hour[hr]);
        printf("\n");
    }
    if (best < 0) {
        best = FC_MEDIAN;
        printf("  no month could be backtested: using %s\n", fcst_name(best));
    } else if (method < 0) {
        printf("  auto: %s has the lowest WAPE (%.2f%%)\n", fcst_name(best), 100 * best_wape);
    }
    snprintf(out->queue, sizeof out->queue, "%s", q->name);
    out->offered = xmalloc(sizeof(double) * 24 * (size_t)ndays);
    out->aht = xmalloc(sizeof(double) * 24 * (size_t)ndays);
    /* The origin is the end of what is known: the month may lie further ahead. */
    if (fcst_run(best, &h, v.first + usable, first, ndays, out->offered)) {
        volume_series_free(&v);
        return wfm_err(err, WFM_EINPUT, "queue '%s': the history is too short for %s", q->name, fcst_name(best));
    }
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
    snprintf(params, sizeof params, "--month %s --method %s --backtest %d", month,
             method < 0 ? "auto" : fcst_name(method), nback);
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "forecast", params, cfg->hash, &run, err)))
        goto out;
    for (int q = 0; q < cfg->nqueues; q++) {
        int skipped, used = forecast_queue(s, cfg, &cfg->queues[q], first, ndays, method, nback, &qf[nq],
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
        { "--method", "M", "auto (lowest backtest WAPE) or seasonal-naive, mean, median, trimmed-mean, "
                           "profile-trend, combined, yearly", &method_s, NULL },
        { "--backtest", "N", "months of rolling-origin backtest (default 6)", &back_s, NULL },
        { "--csv", "FILE", "also write date,hour,queue,offered,aht_s", &csv, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
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
