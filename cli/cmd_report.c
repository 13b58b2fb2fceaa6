#include "cli.h"
#include "../reports/rep_history.h"
#include "../reports/rep_coverage.h"
#include "../reports/rep_surge.h"
#include "../core/alloc.h"

#include <limits.h>
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

int cmd_report(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *out = NULL, *script = NULL, *month = NULL, *from = NULL,
               *to = NULL, *date = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month (forecast, coverage, roster)", &month, NULL },
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
                       "usage: wfm report history|forecast|coverage|roster|score|surge [--month YYYY-MM | --from D --to D | --date D] [--out DIR]");
    int coverage = strcmp(pos[0], "coverage") == 0, forecast = strcmp(pos[0], "forecast") == 0;
    int score = strcmp(pos[0], "score") == 0, surge = strcmp(pos[0], "surge") == 0;
    int roster = strcmp(pos[0], "roster") == 0;
    if (!coverage && !forecast && !score && !surge && !roster && strcmp(pos[0], "history") != 0)
        return wfm_err(err, WFM_EUSAGE,
                       "cannot report '%s': this version writes history, forecast, coverage, roster, score and surge",
                       pos[0]);
    if ((coverage || forecast || roster) && !month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report %s --month YYYY-MM [--out DIR]", pos[0]);
    if ((rc = out ? cli_path(dir, sizeof dir, err, "%s", out) : cli_path(dir, sizeof dir, err, "out/%s", pos[0])))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_READONLY, &s, err)) == 0) {
        rc = surge      ? cli_report_surge(s, &cfg, date, dir, script, err)
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
