#include "cli.h"
#include "../core/alloc.h"
#include "../model/fcst.h"
#include "../model/staff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int staff_queue(Store *s, const WfmConfig *cfg, const QueueCfg *q, int model, double quantile, int first,
                       int ndays, int64_t run, int *skipped, WfmErr *err)
{
    VolumeSeries v;
    double aht[24], pat[24], overall;
    int rc = store_volume_series(s, q->name, &v, err);
    if (rc == WFM_EINPUT) {
        cli_note("queue '%s' has no volume in the store: skipped", q->name);
        *skipped = 1;
        return 0;
    }
    if (rc)
        return rc;
    *skipped = 0;
    int nh = 24 * ndays;
    double *shape = xmalloc(sizeof *shape * (size_t)nh);
    StaffHour *h = xcalloc((size_t)nh, sizeof *h);
    double *faht = xmalloc(sizeof *faht * (size_t)nh);
    int64_t frun;
    char fmethod[48];
    int from_forecast = store_read_forecast(s, q->name, first, ndays, shape, faht, &frun, fmethod, err) == 0;
    if (from_forecast) {
        cli_note("queue '%s': calls and AHT from forecast run %lld (%s)", q->name, (long long)frun, fmethod);
    } else {
        cli_note("queue '%s': no forecast for the month; a profile of the history (last 8 days of the same kind)",
                 q->name);
        staff_profile(v.offered, v.first, v.ndays, &cfg->holidays, first, ndays, 8, shape);
    }
    if (quantile > 0) {
        /* The calls at the chosen percentile: each hour's forecast times the
         * quantile of actual / forecast in its method's backtest. */
        double ratio[24], lo = INFINITY, hi = 0;
        if (!from_forecast || cli_forecast_quantile(&v, cfg, first, fmethod, quantile, ratio)) {
            free(shape), free(faht), free(h);
            volume_series_free(&v);
            return wfm_err(err, WFM_EINPUT, "queue '%s': --quantile needs a stored forecast for the month and a "
                           "backtest of its method (run 'wfm forecast' first)", q->name);
        }
        for (int i = 0; i < nh; i++)
            shape[i] *= ratio[i % 24];
        for (int k = 0; k < 24; k++)
            if (ratio[k] != 1)
                lo = fmin(lo, ratio[k]), hi = fmax(hi, ratio[k]);
        cli_note("queue '%s': calls at the %.0f%% point of the backtest's errors: the forecast times %.2f-%.2f by hour",
                 q->name, 100 * quantile, lo, hi);
    }
    staff_recent_aht(v.offered, v.aht_s, v.ndays, q->aht_s, aht);
    int used = staff_patience(v.answered, v.abandoned, v.asa_s, v.abandon_wait_s, 24 * v.ndays, pat, &overall);
    if (model == MODEL_ERLANG_A && used) {
        double lo = INFINITY, hi = 0;
        for (int k = 0; k < 24; k++)
            if (pat[k] > 0)
                lo = fmin(lo, pat[k]), hi = fmax(hi, pat[k]);
        cli_note("queue '%s': caller patience from history (abandoned / time waited, %d hours): "
                 "%.0f s overall, %.0f-%.0f s by hour of day", q->name, used, overall, lo, hi);
    } else if (model == MODEL_ERLANG_A) {
        cli_note("queue '%s': caller patience %.0f s from the configuration (the history has no waiting times)",
                 q->name, cfg->patience_s);
    }
    for (int i = 0; i < nh; i++) {
        h[i].offered = from_forecast ? shape[i]  /* the forecast has the events */
                                     : shape[i] * fcst_event_mult(cfg->events, cfg->nevents, first + i / 24);
        h[i].aht_s = from_forecast && faht[i] > 0 ? faht[i] : aht[i % 24];
        h[i].patience_s = pat[i % 24] > 0 ? pat[i % 24] : overall > 0 ? overall : cfg->patience_s;
    }
    rc = staff_hours(cfg, model, h, nh, err);
    if (!rc)
        rc = store_write_requirement(s, run, q->name, first, ndays, h, err);
    if (!rc) {
        double off = 0, hours = 0, sl = 0, ar = 0, peak_duty = 0;
        int peak = 0;
        for (int i = 0; i < nh; i++) {
            off += h[i].offered;
            hours += h[i].duty;
            sl += h[i].sl * h[i].offered;
            ar += (isnan(h[i].answer_rate) ? 1 : h[i].answer_rate) * h[i].offered;
            if (h[i].phone > peak)
                peak = h[i].phone;
            if (h[i].duty > peak_duty)
                peak_duty = h[i].duty;
        }
        printf("%-8s %10.0f calls  peak %4d on the phone, %6.1f on duty  %9.0f agent-hours  SL %5.1f%%",
               q->name, off, peak, peak_duty, hours, off > 0 ? 100 * sl / off : 100);
        if (model == MODEL_ERLANG_A)
            printf("  answer rate %5.1f%%", off > 0 ? 100 * ar / off : 100);
        printf("\n");
    }
    free(shape);
    free(faht);
    free(h);
    volume_series_free(&v);
    return rc;
}

static int staff_month(Store *s, const WfmConfig *cfg, const char *month, int model, double quantile, WfmErr *err)
{
    char params[160];
    int64_t run;
    int rc, first, ndays, done = 0;

    if (date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    snprintf(params, sizeof params, "--month %s --model %s", month, model ? "erlang-a" : "erlang-c");
    if (quantile > 0)
        snprintf(params + strlen(params), sizeof params - strlen(params), " --quantile %g", quantile);
    cli_note("staffing %s with %s", month, model ? "Erlang A" : "Erlang C");
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "staff", params, cfg->hash, &run, err)))
        goto out;
    for (int q = 0; q < cfg->nqueues && !rc; q++) {
        int skipped;
        rc = staff_queue(s, cfg, &cfg->queues[q], model, quantile, first, ndays, run, &skipped, err);
        done += !rc && !skipped;
    }
    if (!rc && !done)
        rc = wfm_err(err, WFM_EINPUT, "no queue of the configuration has volume in the store");
    if (!rc && !(rc = store_run_end(s, run, err)) && !(rc = store_commit(s, err)))
        printf("stored requirement for %s as run %lld\n", month, (long long)run);
out:
    if (rc)
        store_rollback(s);
    return rc;
}

int cli_staff_month(Store *s, const WfmConfig *cfg, const char *month, int model, WfmErr *err)
{
    return staff_month(s, cfg, month, model, 0, err);
}

int cmd_staff(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *month = NULL, *model_s = NULL, *quant_s = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month to staff", &month, NULL },
        { "--model", "M", "erlang-c or erlang-a (default: the configuration's)", &model_s, NULL },
        { "--quantile", "Q", "staff to this percentile of the calls (0.5-0.99, e.g. 0.8), from the forecast "
                             "method's backtest errors hour by hour (default: the forecast itself)", &quant_s, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    int rc, npos, first, ndays, model;

    if ((rc = cli_parse(cli_find("staff"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm staff --month YYYY-MM [--model erlang-c|erlang-a]");
    if (date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    double quantile = 0;
    if (quant_s) {
        char *end;
        quantile = strtod(quant_s, &end);
        if (end == quant_s || *end || !(quantile >= 0.5 && quantile <= 0.99))
            return wfm_err(err, WFM_EUSAGE, "option '--quantile': '%s' is not a number from 0.5 to 0.99", quant_s);
    }
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    model = cfg.model;
    if (model_s) {
        if (strcmp(model_s, "erlang-c") == 0)
            model = MODEL_ERLANG_C;
        else if (strcmp(model_s, "erlang-a") == 0)
            model = MODEL_ERLANG_A;
        else {
            wfm_config_free(&cfg);
            return wfm_err(err, WFM_EUSAGE, "option '--model': '%s' is not erlang-c or erlang-a", model_s);
        }
    }
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0)
        rc = staff_month(s, &cfg, month, model, quantile, err);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}
