#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The monthly job: forecast, staffing, roster, and the month's reports. */
int cmd_plan(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *month = NULL, *tl_s = NULL, *out = NULL, *pos[1];
    const Opt opts[] = {
        { "--month", "YYYY-MM", "the month to plan", &month, NULL },
        { "--time-limit", "S", "seconds for the roster's solve (default 60)", &tl_s, NULL },
        { "--out", "DIR", "where the reports go (default out/YYYY-MM)", &out, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    double tl = 60;
    char dir[PATH_MAX], base[PATH_MAX];
    int rc, npos, first, ndays;

    if ((rc = cli_parse(cli_find("plan"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!month)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm plan --month YYYY-MM [--time-limit S] [--out DIR]");
    if (date_parse_month(month, &first, &ndays))
        return wfm_err(err, WFM_EUSAGE, "option '--month': '%s' is not a month YYYY-MM", month);
    if (tl_s && (rc = cli_num("--time-limit", tl_s, 1, 86400, &tl, err)))
        return rc;
    /* Refused before any work when the longest report folder would not fit. */
    if ((rc = out ? cli_path(base, sizeof base, err, "%s", out) : cli_path(base, sizeof base, err, "out/%s", month)) ||
        (rc = cli_path(dir, sizeof dir, err, "%s/coverage", base)))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)))
        goto out;
    cli_note("1/4 forecast of %s", month);
    if ((rc = cli_forecast_month(s, &cfg, month, -1, 6, NULL, err)))
        goto out;
    cli_note("2/4 staffing");
    if ((rc = cli_staff_month(s, &cfg, month, cfg.model, err)))
        goto out;
    cli_note("3/4 roster");
    if ((rc = cli_roster_month(s, &cfg, month, tl, 0, err)))
        goto out;
    cli_note("4/4 reports");
    if ((rc = cli_path(dir, sizeof dir, err, "%s/forecast", base)) ||
        (rc = cli_report_forecast(s, &cfg, month, dir, NULL, err)))
        goto out;
    if ((rc = cli_path(dir, sizeof dir, err, "%s/coverage", base)) ||
        (rc = cli_report_coverage(s, &cfg, month, dir, NULL, err)))
        goto out;
    if (!(rc = cli_path(dir, sizeof dir, err, "%s/roster", base)))
        rc = cli_report_roster(s, &cfg, month, dir, NULL, err);
    /* The front page (the CSVs got the byte-order mark as written: html_set_csv_bom). */
    if (!rc)
        rc = cli_report_index(s, &cfg, month, base, err);
out:
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}
