#include "cli.h"
#include "../core/alloc.h"
#include "../model/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const shift_names[SK_COUNT] = { "day", "evening", "night", "weekend" };
static const char *const tenure_names[3] = { "under 1 year", "1-3 years", "over 3 years" };

static void group_name(const PerfSet *p, const AgentScore *a, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s/%s", p->queues[a->queue], shift_names[a->shift], tenure_names[a->tenure]);
}

int cmd_score(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = "wfm.cfg", *from_s = NULL, *to_s = NULL, *pos[1];
    const Opt opts[] = {
        { "--from", "DATE", "first day of the period (YYYY-MM-DD)", &from_s, NULL },
        { "--to", "DATE", "last day of the period", &to_s, NULL },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "the configuration (default wfm.cfg)", &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    Store *s = NULL;
    PerfSet p;
    int rc, npos, from, to, nmonths = 0, mstart[240];
    int64_t run;
    char params[96];

    memset(&p, 0, sizeof p);
    if ((rc = cli_parse(cli_find("score"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!from_s || !to_s)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm score --from YYYY-MM-DD --to YYYY-MM-DD");
    if (date_parse(from_s, strlen(from_s), &from) || date_parse(to_s, strlen(to_s), &to) || to < from)
        return wfm_err(err, WFM_EUSAGE, "options '--from' and '--to' need two dates YYYY-MM-DD, in order");
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) || (rc = store_read_perf(s, from, to, &p, err)))
        goto out;
    int na = p.nagents, *tenure = xmalloc(sizeof *tenure * (size_t)na);
    for (int a = 0; a < na; a++) {
        int yrs = p.hire[a] >= 0 ? (to - p.hire[a]) / 365 : 5;
        tenure[a] = yrs < 1 ? 0 : yrs < 3 ? 1 : 2;
    }
    const ScoreWeights w = { cfg.cpd_w_cpd, cfg.cpd_w_acw, cfg.cpd_w_fcr, cfg.cpd_w_qa, cfg.cpd_w_adherence };
    for (int d = from; d <= to && nmonths < 240;) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        mstart[nmonths++] = d;
        d = date_from_ymd(y, m, 1) + date_days_in_month(y, m);
    }
    AgentScore *ms = xcalloc((size_t)nmonths * (size_t)na, sizeof *ms), *all = xcalloc((size_t)na, sizeof *all);
    unsigned char *flag = xcalloc((size_t)nmonths * (size_t)na, 1);
    PerfRec *sub = xmalloc(sizeof *sub * p.n);
    snprintf(params, sizeof params, "--from %s --to %s", from_s, to_s);
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "score", params, cfg.hash, &run, err)))
        goto done;
    cli_note("scoring %d agents on %zu daily records, %d month%s", na, p.n, nmonths, nmonths > 1 ? "s" : "");
    for (int k = 0; k < nmonths && !rc; k++) {
        int end = k + 1 < nmonths ? mstart[k + 1] : to + 1;
        size_t n = 0;
        char period[8], ds[11], grp[160];
        for (size_t i = 0; i < p.n; i++)
            if (p.rec[i].day >= mstart[k] && p.rec[i].day < end)
                sub[n++] = p.rec[i];
        AgentScore *sc = &ms[(size_t)k * na];
        score_compute(sub, n, na, tenure, &w, cfg.lp_min_days, sc);
        date_format(mstart[k], ds);
        snprintf(period, sizeof period, "%.7s", ds);
        for (int a = 0; a < na && !rc; a++) {
            if (!sc[a].days)
                continue;
            double thr = score_group_threshold(sc, na, sc[a].group, cfg.lp_bottom_share, cfg.lp_min_days);
            /* The rule: enough days, and the whole band below the group's threshold. */
            flag[(size_t)k * na + a] = sc[a].days >= cfg.lp_min_days && isfinite(thr) && sc[a].hi < thr;
            group_name(&p, &sc[a], grp, sizeof grp);
            rc = store_write_score(s, run, p.id[a], period, grp, &sc[a], err);
        }
    }
    if (rc)
        goto done;
    score_compute(p.rec, p.n, na, tenure, &w, cfg.lp_min_days, all);
    for (int a = 0; a < na && !rc; a++) {
        char grp[160];
        if (!all[a].days)
            continue;
        group_name(&p, &all[a], grp, sizeof grp);
        rc = store_write_score(s, run, p.id[a], "all", grp, &all[a], err);
    }
    /* Flagged in at least months_flagged of the last months_window months. */
    int first_k = nmonths > cfg.lp_months_window ? nmonths - cfg.lp_months_window : 0, nflag = 0;
    printf("low-performer rule: bottom %.0f%% of the peer group with the whole 95%% band below it, in at least "
           "%d of the last %d months, with at least %d working days in each\n",
           100 * cfg.lp_bottom_share, cfg.lp_months_flagged, cfg.lp_months_window, cfg.lp_min_days);
    for (int a = 0; a < na && !rc; a++) {
        int c = 0;
        for (int k = first_k; k < nmonths; k++)
            c += flag[(size_t)k * na + a];
        if (c < cfg.lp_months_flagged)
            continue;
        char why[1024], ds[11];
        const AgentScore *last = &ms[(size_t)(nmonths - 1) * na + a];
        score_reasons(last->days ? last : &all[a], last->days ? &ms[(size_t)(nmonths - 1) * na] : all, na, why,
                      sizeof why);
        size_t l = strlen(why);
        l += (size_t)snprintf(why + l, sizeof why - l, "; composite by month:");
        for (int k = first_k; k < nmonths && l < sizeof why; k++) {
            date_format(mstart[k], ds);
            l += (size_t)snprintf(why + l, sizeof why - l, " %.7s %+.2f%s", ds, ms[(size_t)k * na + a].composite,
                                  flag[(size_t)k * na + a] ? "*" : "");
        }
        rc = store_write_low_performer(s, run, p.id[a], c, why, err);
        printf("  %s: flagged in %d of %d months: %s\n", p.id[a], c, nmonths - first_k, why);
        nflag++;
    }
    if (!rc && !(rc = store_run_end(s, run, err)) && !(rc = store_commit(s, err)))
        printf("stored scores of %d agents as run %lld; %d flagged\n", na, (long long)run, nflag);
done:
    if (rc)
        store_rollback(s);
    free(ms), free(all), free(flag), free(sub), free(tenure);
out:
    perf_set_free(&p);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}
