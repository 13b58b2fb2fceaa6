#include "cli.h"
#include "../reports/rep_history.h"

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

int cmd_report(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *out = NULL, *script = NULL, *pos[1];
    const Opt opts[] = {
        { "--out", "DIR", "where to write the report (default out/NAME)", &out, NULL },
        { "--script-dir", "DIR", "write the gnuplot scripts there instead of running gnuplot", &script, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    char dir[512];
    WfmConfig cfg;
    Store *s;
    int rc, npos;

    if ((rc = cli_parse(cli_find("report"), argc, argv, opts, pos, 1, &npos, err)))
        return rc;
    if (npos != 1)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm report history [--out DIR]");
    if (strcmp(pos[0], "history") != 0)
        return wfm_err(err, WFM_EUSAGE, "cannot report '%s': this version writes 'history'", pos[0]);
    snprintf(dir, sizeof dir, "%s", out ? out : "out/history");
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0) {
        rc = cli_report_history(s, &cfg, dir, script, err);
        store_close(s);
    }
    wfm_config_free(&cfg);
    return rc;
}
