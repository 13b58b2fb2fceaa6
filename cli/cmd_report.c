#include "cli.h"
#include "../reports/rep_history.h"
#include "../reports/rep_coverage.h"
#include "../reports/rep_surge.h"
#include "../reports/rep_index.h"
#include "../reports/html.h"
#include "../core/alloc.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_report_history(Store *s, const WfmConfig *cfg, const char *dir, const char *script_dir,
                       WfmErr *err)
{
    HistoryData h;
    double *v;
    int rc;

    memset(&h, 0, sizeof h);
    if ((rc = store_volume_hourly(s, NULL, &h.first, &h.ndays, &v, err)))
        return rc;
    h.center = cfg->name;
    h.lang = cfg->language;
    h.offered = v;
    h.holidays = &cfg->holidays;
    rc = rep_history(&h, dir, script_dir, err);
    free(v);
    if (!rc)
        printf("wrote report '%s/index.html'\n", dir);
    return rc;
}

int cli_report_coverage(Store *s, const WfmConfig *cfg, const char *month, const char *dir,
                        const char *script_dir, WfmErr *err)
{
    CoverageData c;
    int64_t run;
    int rc;

    memset(&c, 0, sizeof c);
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report coverage --month YYYY-MM [--out DIR]");
    if (date_parse_month(month, &c.first, &c.ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    double *phone = xmalloc(sizeof(double) * 24 * (size_t)c.ndays);
    double *duty = xmalloc(sizeof(double) * 24 * (size_t)c.ndays);
    double *off = xmalloc(sizeof(double) * 24 * (size_t)c.ndays);
    double *need_i = NULL, *duty_i = NULL;
    rc = store_read_requirement(s, c.first, c.ndays, &run, phone, duty, off, err);
    if (!rc)
        rc = cli_roster_grid(s, cfg, month, &c.I, &c.nt, &need_i, &duty_i, err);
    if (!rc) {
        c.need_i = need_i, c.duty_i = duty_i;
        c.center = cfg->name;
        c.lang = cfg->language;
        c.phone = phone;
        c.duty = duty;
        c.offered = off;
        rc = rep_coverage(&c, dir, script_dir, err);
    }
    if (!rc)
        printf("wrote report '%s/index.html' (requirement run %lld)\n", dir, (long long)run);
    free(phone);
    free(duty);
    free(off);
    free(need_i), free(duty_i);
    return rc;
}

int cli_report_surge(Store *s, const WfmConfig *cfg, const char *date, const char *dir, const char *script_dir,
                     WfmErr *err)
{
    int first, n = 0, rc;
    int64_t run;
    SurgeScenario *sc = NULL;
    char (*ids)[32] = NULL;
    if (!date)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report surge --date YYYY-MM-DD [--out DIR]");
    if (date_parse(date, strlen(date), &first))
        return wfm_err(err, WFM_EUSAGE, "option '--date': '%s' is not a date YYYY-MM-DD", date);
    rc = store_read_surge(s, cfg, first, &run, &sc, &n, &ids, err);
    if (!rc) {
        SurgeReport r = { cfg, sc, n, (const char(*)[32])ids };
        rc = rep_surge(&r, dir, script_dir, err);
    }
    if (!rc)
        printf("wrote report '%s/index.html' (surge run %lld, %d scenarios)\n", dir, (long long)run, n);
    for (int i = 0; i < n; i++)
        surge_scenario_free(&sc[i]);
    free(sc);
    free(ids);
    return rc;
}

/* A reader's WFM_EINPUT (nothing stored) is a figure not shown; any other
 * failure stops the page. */
static int soft(int rc, int *has)
{
    *has = rc == 0;
    return rc == WFM_EINPUT ? 0 : rc;
}

int cli_report_index(Store *s, const WfmConfig *cfg, const char *month, const char *dir, WfmErr *err)
{
    IndexData d;
    WfmErr quiet;
    int rc;

    memset(&d, 0, sizeof d);
    d.cfg = cfg;
    if (!month || date_parse_month(month, &d.first, &d.ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month ? month : "");
    size_t nh = 24 * (size_t)d.ndays;
    double *off = xmalloc(sizeof *off * nh), *aht = xmalloc(sizeof *aht * nh), *phone = xmalloc(sizeof *phone * nh);
    double *duty = xmalloc(sizeof *duty * nh), *sum = xcalloc(nh, sizeof *sum), *hist = NULL;
    int64_t run;
    char method[48];

    /* The history. */
    if ((rc = soft(store_volume_hourly(s, NULL, &d.hist_first, &d.hist_ndays, &hist, &quiet), &d.has_history)))
        goto out;
    for (size_t t = 0; d.has_history && t < 24 * (size_t)d.hist_ndays; t++)
        d.hist_calls += hist[t] > 0 ? hist[t] : 0;
    /* The forecast, every queue of the configuration. */
    for (int q = 0; q < cfg->nqueues; q++) {
        int has;
        if ((rc = soft(store_read_forecast(s, cfg->queues[q].name, d.first, d.ndays, off, aht, &run, method, &quiet),
                       &has)))
            goto out;
        if (!has) {
            d.fc_queues_missing++;
            continue;
        }
        d.fc_queues++, d.has_forecast = 1;
        for (size_t t = 0; t < nh; t++)
            sum[t] += off[t];
    }
    for (int day = 0; day < d.ndays && d.has_forecast; day++) {
        double c = 0;
        for (int h = 0; h < 24; h++)
            c += sum[24 * day + h];
        d.fc_calls += c;
        if (day == 0 || c > d.fc_busiest)
            d.fc_busiest = c, d.fc_busiest_day = d.first + day;
    }
    /* The need. */
    if ((rc = soft(store_read_requirement(s, d.first, d.ndays, &d.need_run, phone, duty, off, &quiet), &d.has_need)))
        goto out;
    for (size_t t = 0; d.has_need && t < nh; t++) {
        d.need_duty_h += duty[t];
        d.need_peak_duty = fmax(d.need_peak_duty, duty[t]);
        d.need_peak_phone = fmax(d.need_peak_phone, phone[t]);
    }
    /* The roster (its report's figures). */
    if (d.has_need && (rc = soft(cli_roster_glance(s, cfg, month, &d.roster, &quiet), &d.has_roster)))
        goto out;
    /* Scores. */
    if ((rc = store_read_score_glance(s, &d.score_run, d.score_params, &d.scored, &d.flagged, err)))
        goto out;
    d.has_score = d.score_run > 0;
    /* Surge: the newest plan starting in the month. */
    if ((rc = store_surge_day_in(s, d.first, d.ndays, &d.surge_day, err)))
        goto out;
    if (d.surge_day >= 0) {
        SurgeScenario *sc = NULL;
        char (*ids)[32] = NULL;
        int n = 0;
        if ((rc = soft(store_read_surge(s, cfg, d.surge_day, &d.surge_run, &sc, &n, &ids, &quiet), &d.has_surge)))
            goto out;
        for (int i = 0; i < n; i++) {
            SurgeTotals t;
            if (i < WFM_MAX_STAGES + 1) {
                IndexSurge *x = &d.surge[d.nsurge++];
                surge_totals(&sc[i], &t);
                x->calls_per_day = sc[i].calls_per_day;
                x->offered = t.offered;
                for (int k = 0; k < 3; k++)
                    x->ar[k] = t.offered > 0 ? t.answered[k] / t.offered : NAN;
                x->ot_agents = sc[i].ot_agents, x->outside_agents = sc[i].outside_agents;
            }
            surge_scenario_free(&sc[i]);
        }
        free(sc);
        free(ids);
    }
    rc = rep_index(&d, dir, err);
    if (!rc)
        printf("wrote report '%s/index.html' (the month at a glance)\n", dir);
out:
    free(off), free(aht), free(phone), free(duty), free(sum), free(hist);
    return rc;
}

int cmd_report(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *out = NULL, *script = NULL, *month = NULL, *from = NULL,
               *to = NULL, *date = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month (forecast, coverage, roster, index)", &month, NULL },
        { "--date", "YYYY-MM-DD", "the surge plan's first day (surge)", &date, NULL },
        { "--from", "DATE", "first day (score)", &from, NULL },
        { "--to", "DATE", "last day (score)", &to, NULL },
        { "--out", "DIR", "where to write the report (default out/NAME)", &out, NULL },
        { "--script-dir", "DIR", "write the gnuplot scripts there instead of running gnuplot", &script, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    char dir[PATH_MAX];
    WfmConfig cfg;
    Store *s;
    int rc, npos;

    if ((rc = cli_parse(cli_find("report"), argc, argv, opts, pos, 1, &npos, err)))
        return rc;
    if (npos != 1)
        return wfm_err(err, WFM_EUSAGE,
                       "usage: wfm report history|forecast|coverage|roster|score|surge|index [--month YYYY-MM | --from D --to D | --date D] [--out DIR]");
    int coverage = strcmp(pos[0], "coverage") == 0, forecast = strcmp(pos[0], "forecast") == 0;
    int score = strcmp(pos[0], "score") == 0, surge = strcmp(pos[0], "surge") == 0;
    int roster = strcmp(pos[0], "roster") == 0, index = strcmp(pos[0], "index") == 0;
    if (!coverage && !forecast && !score && !surge && !roster && !index && strcmp(pos[0], "history") != 0)
        return wfm_err(err, WFM_EUSAGE,
                       "cannot report '%s': this version writes history, forecast, coverage, roster, score, surge and index",
                       pos[0]);
    if ((coverage || forecast || roster || index) && !month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report %s --month YYYY-MM [--out DIR]", pos[0]);
    /* The front page goes where `wfm plan` puts the month's folders. */
    if ((rc = out     ? cli_path(dir, sizeof dir, err, "%s", out)
              : index ? cli_path(dir, sizeof dir, err, "out/%s", month)
                      : cli_path(dir, sizeof dir, err, "out/%s", pos[0])))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_READONLY, &s, err)) == 0) {
        rc = index      ? cli_report_index(s, &cfg, month, dir, err)
             : surge    ? cli_report_surge(s, &cfg, date, dir, script, err)
             : roster   ? cli_report_roster(s, &cfg, month, dir, script, err)
             : score    ? cli_report_score(s, &cfg, from, to, dir, script, err)
             : coverage ? cli_report_coverage(s, &cfg, month, dir, script, err)
             : forecast ? cli_report_forecast(s, &cfg, month, dir, script, err)
                        : cli_report_history(s, &cfg, dir, script, err);
        store_close(s);
    }
    wfm_config_free(&cfg);
    return rc;
}
