#include "cli.h"
#include "../data/import.h"
#include "../data/sample/gen.h"
#include "../reports/html.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The sample history covers 2019-2020; the demo plans the next month. */
#define DEMO_MONTH "2021-01"
#define DEMO_SURGE_DAY "2021-01-13"

int cmd_demo(int argc, char **argv, WfmErr *err)
{
    const char *out = "demo", *pos[1];
    const Opt opts[] = {
        { "--out", "DIR", "where to put the sample, the store and the reports (default demo)", &out, NULL },
        CLI_QUIET_OPT,
        { NULL, NULL, NULL, NULL, NULL },
    };
    static const struct { int kind; const char *file; } steps[] = {
        { IMPORT_AGENTS, "agents.csv" }, { IMPORT_VOLUMES, "volumes.csv" },
        { IMPORT_LEAVE, "leave.csv" }, { IMPORT_PERF, "perf.csv" }, { IMPORT_PREFS, "preferences.csv" },
    };
    char sample[PATH_MAX], db[PATH_MAX], path[PATH_MAX], cfgpath[PATH_MAX], rep[PATH_MAX];
    SampleTotals t;
    WfmConfig cfg;
    Store *s = NULL;
    int rc, npos;

    if ((rc = cli_parse(cli_find("demo"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    /* The longest path the demo writes, checked once: none below can fail. */
    if ((rc = cli_path(path, sizeof path, err, "%s/sample/preferences.csv", out)))
        return rc;
    cli_path(sample, sizeof sample, NULL, "%s/sample", out);
    cli_path(db, sizeof db, NULL, "%s/wfm.db", out);
    cli_path(cfgpath, sizeof cfgpath, NULL, "%s/wfm.cfg", sample);
    cli_note("1/7 generating the Seoul-like sample into '%s'", sample);
    if ((rc = html_mkdir(sample, err)) || (rc = sample_generate(SAMPLE_SEOUL, sample, SAMPLE_SEED, &t, err)))
        return rc;
    if ((rc = cli_config(cfgpath, &cfg, err)))
        return rc;
    /* The demo starts from nothing: its own store is made anew. */
    remove(db);
    cli_path(path, sizeof path, NULL, "%s-wal", db);
    remove(path);
    cli_path(path, sizeof path, NULL, "%s-shm", db);
    remove(path);
    cli_note("2/7 creating the store '%s'", db);
    if ((rc = store_open(db, STORE_OPEN_CREATE, &s, err)))
        goto out;
    cli_note("3/7 importing agents, volumes, leave, performance records and the agents' preferences");
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        cli_path(path, sizeof path, NULL, "%s/%s", sample, steps[i].file);
        if ((rc = cli_import_file(s, steps[i].kind, path, 0, &cfg, err)))
            goto out;
    }
    cli_note("4/7 forecasting %s, the month after the history", DEMO_MONTH);
    cli_path(path, sizeof path, NULL, "%s/forecast.csv", out);
    if ((rc = cli_forecast_month(s, &cfg, DEMO_MONTH, -1, 6, path, err)))
        goto out;
    cli_note("5/7 staffing %s", DEMO_MONTH);
    if ((rc = cli_staff_month(s, &cfg, DEMO_MONTH, cfg.model, err)))
        goto out;
    cli_note("6/7 the roster of %s: named agents by column generation (60 s at most), every rule checked", DEMO_MONTH);
    if ((rc = cli_roster_month(s, &cfg, DEMO_MONTH, 60, 0, err)))
        goto out;
    /* The year's scores stored as a run, so the front page finds the flagged agents. */
    cli_note("scoring 2020: composite CPD and the low-performer list, stored");
    {
        char *av[] = { "score", "--from", "2020-01-01", "--to", "2020-12-31", "--db", db, "--config", cfgpath, NULL };
        if ((rc = cmd_score(9, av, err)))
            goto out;
    }
    cli_note("7/7 writing the reports");
    cli_path(rep, sizeof rep, NULL, "%s/report/history", out);
    if ((rc = cli_report_history(s, &cfg, rep, NULL, err)))
        goto out;
    cli_path(rep, sizeof rep, NULL, "%s/report/forecast", out);
    if ((rc = cli_report_forecast(s, &cfg, DEMO_MONTH, rep, NULL, err)))
        goto out;
    cli_path(rep, sizeof rep, NULL, "%s/report/score", out);
    if ((rc = cli_report_score(s, &cfg, "2020-01-01", "2020-12-31", rep, NULL, err)))
        goto out;
    cli_path(rep, sizeof rep, NULL, "%s/report/coverage", out);
    if ((rc = cli_report_coverage(s, &cfg, DEMO_MONTH, rep, NULL, err)))
        goto out;
    cli_path(rep, sizeof rep, NULL, "%s/report/roster", out);
    if ((rc = cli_report_roster(s, &cfg, DEMO_MONTH, rep, NULL, err)))
        goto out;
    /* A surge day in the demo month at the configured stages (60,000 and 80,000 calls). */
    cli_note("surge planning for %s at the configured stages", DEMO_SURGE_DAY);
    double vol[WFM_MAX_STAGES];
    SurgeArgs g = { 0 };
    if (date_parse(DEMO_SURGE_DAY, 10, &g.first)) {
        rc = wfm_err(err, WFM_EINPUT, "demo: bad surge day '%s'", DEMO_SURGE_DAY);
        goto out;
    }
    g.shape_first = g.first, g.k = 1, g.aht_factor = 1, g.volumes = vol;
    for (int i = 0; i < cfg.nstages; i++)
        vol[g.nvol++] = cfg.stages[i].calls_per_day;
    cli_path(rep, sizeof rep, NULL, "%s/report/surge", out);
    if ((rc = cli_surge(s, &cfg, &g, err)) || (rc = cli_report_surge(s, &cfg, DEMO_SURGE_DAY, rep, NULL, err)))
        goto out;
    /* Every CSV got the byte-order mark as written (html_set_csv_bom).  Then
     * the front page. */
    cli_path(rep, sizeof rep, NULL, "%s/report", out);
    if ((rc = cli_report_index(s, &cfg, DEMO_MONTH, rep, err)))
        goto out;
    printf("demo ready: open '%s/report/index.html', the month at a glance with the reports: history, forecast, "
           "coverage, roster, score (HR) and surge\n", out);
out:
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}
