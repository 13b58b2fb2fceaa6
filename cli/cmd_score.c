#include "cli.h"
#include "../core/alloc.h"
#include "../model/score.h"
#include "../reports/rep_score.h"

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

/* Everything a scoring run computes, for the store and the report. */
typedef struct ScoreRun {
    PerfSet p;
    int nmonths, mstart[240], first_k;
    int *tenure;
    ScoreMonths m;               /* months x agents, the whole period, the rule's lines and flags */
    AgentScore *ms, *all;        /* = m.ms, m.all */
    int *lp_months;              /* = m.lp_months: months flagged in the window (flagged when >= rule) */
    char (*why)[1024];
} ScoreRun;

static void score_run_free(ScoreRun *r)
{
    perf_set_free(&r->p);
    score_months_free(&r->m);
    free(r->tenure), free(r->why);
    memset(r, 0, sizeof *r);
}

static ScoreRule rule_of(const WfmConfig *cfg)
{
    ScoreRule u;
    memset(&u, 0, sizeof u);
    u.opts.w = (ScoreWeights){ cfg->cpd_w_cpd, cfg->cpd_w_fcr, cfg->cpd_w_qa, cfg->cpd_w_adherence };
    u.opts.min_days = cfg->lp_min_days, u.opts.remote_peers = cfg->score_remote_peers;
    u.bottom_share = cfg->lp_bottom_share, u.months_flagged = cfg->lp_months_flagged;
    u.months_window = cfg->lp_months_window, u.min_group = cfg->lp_min_group;
    u.grace_months = cfg->lp_grace_months, u.fcr_can_flag = cfg->lp_fcr_can_flag;
    u.sure = cfg->lp_sure, u.slow_gap = cfg->lp_slow_gap, u.slow_spread = cfg->lp_slow_spread;
    u.history_months = cfg->lp_history_months;
    return u;
}

/* The months the slowness test pools: history_months, at least the window. */
static int history_of(const WfmConfig *cfg)
{
    return cfg->lp_history_months > cfg->lp_months_window ? cfg->lp_history_months : cfg->lp_months_window;
}

/* The rule in a sentence, in lang (Korean for LANG_KO, else English): one
 * list of numbers for both languages, in the same order. */
static void rule_text(const WfmConfig *cfg, int lang, char *buf, size_t cap)
{
    snprintf(buf, cap,
             lang == LANG_KO
                 ? "복합 점수의 95%% 구간 전체가 비교 집단의 하위 %.0f%% 선 (그리고 중간에서 상담사 간 실제 편차의 "
                   "%g배) 아래에 있고 기준 기간 전체로도 그러하거나, 최근 %d개월 생산성이 느림 기준선 (실제 편차의 "
                   "%g배, 비교 집단보다 최소 %.0f%% 낮음) 아래일 확률이 %.0f%% 이상이고 기준 기간의 생산성도 그 "
                   "기간의 기준선 아래인 달이 최근 %d개월 중 %d개월 이상 (각 달 근무일 %d일 이상; 입사 후 %d개월은 "
                   "제외)"
                 : "the composite score's whole 95%% band below the peer group's bottom-%.0f%% line (and at least "
                   "%g true spreads of the agents below the middle) in the month and over the window as a whole, or "
                   "productivity over the last %d months below the slowness line (%g true spreads, at least %.0f%% "
                   "below the peers') with %.0f%% certainty and over the window below that window's line; of the last "
                   "%d months, at least %d such, with at least %d working days in each (the first %d months after hire "
                   "not counted)",
             100 * cfg->lp_bottom_share, cfg->lp_slow_spread, history_of(cfg), cfg->lp_slow_spread,
             100 * cfg->lp_slow_gap, 100 * cfg->lp_sure, cfg->lp_months_window, cfg->lp_months_flagged,
             cfg->lp_min_days, cfg->lp_grace_months);
}

/* The report's view of a scoring run (all but its period and rule text):
 * the one place wfm score's reasons and wfm report --scores take it from. */
static void report_of(const ScoreRun *r, const WfmConfig *cfg, ScoreReport *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->center = cfg->name, rep->lang = cfg->language;
    rep->nagents = r->p.nagents, rep->nmonths = r->nmonths, rep->mstart = r->mstart;
    rep->all = r->all, rep->ms = r->ms;
    rep->id = (const char(*)[32])r->p.id, rep->name = (const char(*)[64])r->p.name;
    rep->team = (const char(*)[48])r->p.team, rep->queues = (const char(*)[48])r->p.queues;
    rep->lp_months = r->lp_months, rep->months_needed = cfg->lp_months_flagged;
    rep->why = (const char(*)[1024])r->why, rep->min_days = cfg->lp_min_days;
    rep->flag = r->m.flag, rep->grace = r->m.grace, rep->line = r->m.line, rep->level = r->m.level;
    rep->gsize = r->m.gsize, rep->min_group = cfg->lp_min_group, rep->pseudonymise = cfg->pseudonymise;
    rep->remote_peers = cfg->score_remote_peers, rep->fcr_can_flag = cfg->lp_fcr_can_flag;
    rep->slow_gap = cfg->lp_slow_gap, rep->sure = cfg->lp_sure;
    rep->first_k = r->first_k, rep->win = r->m.win, rep->win_line = r->m.win_line;
    rep->hist_k = r->m.hist_k, rep->hist = r->m.hist, rep->hist_line = r->m.hist_line;
    rep->win_cline = r->m.win_cline;
}

static int score_run(Store *s, const WfmConfig *cfg, int from, int to, ScoreRun *r, WfmErr *err)
{
    int rc;
    memset(r, 0, sizeof *r);
    long matched;
    if ((rc = store_read_perf(s, from, to, &r->p, err)) ||
        (rc = store_read_schedule(s, cfg, from, to, &r->p, &matched, err)))
        return rc;
    if (matched)
        cli_note("adherence: %ld of %zu records fall on rostered days of stored rosters", matched, r->p.n);
    else
        cli_note("adherence: no stored roster covers these days; its weight is shared among the other components");
    int na = r->p.nagents;
    r->tenure = xmalloc(sizeof *r->tenure * (size_t)(na ? na : 1));
    for (int a = 0; a < na; a++) {
        int yrs = r->p.hire[a] >= 0 ? (to - r->p.hire[a]) / 365 : 5;
        r->tenure[a] = yrs < 1 ? 0 : yrs < 3 ? 1 : 2;
    }
    for (int d = from; d <= to && r->nmonths < 240;) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        r->mstart[r->nmonths++] = d;
        d = date_from_ymd(y, m, 1) + date_days_in_month(y, m);
    }
    const ScoreRule rule = rule_of(cfg);
    score_months(r->p.rec, r->p.n, na, r->tenure, r->p.hire, r->mstart, r->nmonths, to, &rule, &r->m);
    r->ms = r->m.ms, r->all = r->m.all, r->lp_months = r->m.lp_months, r->first_k = r->m.first_k;
    r->why = xcalloc((size_t)(na ? na : 1), sizeof *r->why);
    /* The reasons, in English for the store and the command line, from the
     * one table of sentences the report's Korean comes from too. */
    ScoreReport v;
    report_of(r, cfg, &v);
    for (int a = 0; a < na; a++) {
        int c = r->lp_months[a];
        if (c < cfg->lp_months_flagged)
            continue;
        SBuf why;
        sbuf_init(&why);
        rep_score_reasons(&v, a, LANG_EN, &why);
        snprintf(r->why[a], sizeof r->why[a], "%s", why.s);
        sbuf_free(&why);
    }
    return 0;
}

static int parse_period(const Cmd *cmd, const char *from_s, const char *to_s, int *from, int *to, WfmErr *err)
{
    if (!from_s || !to_s)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm %s --from YYYY-MM-DD --to YYYY-MM-DD", cmd->name);
    if (date_parse(from_s, strlen(from_s), from) || date_parse(to_s, strlen(to_s), to) || *to < *from)
        return wfm_err(err, WFM_EUSAGE, "options '--from' and '--to' need two dates YYYY-MM-DD, in order");
    return 0;
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
    ScoreRun r;
    int rc, npos, from, to, nflag = 0;
    int64_t run;
    char params[96];

    memset(&r, 0, sizeof r);
    if ((rc = cli_parse(cli_find("score"), argc, argv, opts, pos, 0, &npos, err)) ||
        (rc = parse_period(cli_find("score"), from_s, to_s, &from, &to, err)))
        return rc;
    if ((rc = cli_config(config, &cfg, err)))
        return rc;
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) || (rc = score_run(s, &cfg, from, to, &r, err)))
        goto out;
    int na = r.p.nagents;
    cli_note("scored %d agents on %zu daily records, %d month%s", na, r.p.n, r.nmonths, r.nmonths > 1 ? "s" : "");
    snprintf(params, sizeof params, "--from %s --to %s", from_s, to_s);
    if ((rc = store_begin(s, err)) || (rc = store_run_begin(s, "score", params, cfg.hash, &run, err)))
        goto out;
    for (int k = 0; k <= r.nmonths && !rc; k++) {
        const AgentScore *sc = k < r.nmonths ? &r.ms[(size_t)k * na] : r.all;
        char period[8] = "all", ds[11], grp[160];
        if (k < r.nmonths) {
            date_format(r.mstart[k], ds);
            snprintf(period, sizeof period, "%.7s", ds);
        }
        for (int a = 0; a < na && !rc; a++) {
            if (!sc[a].days)
                continue;
            group_name(&r.p, &sc[a], grp, sizeof grp);
            rc = store_write_score(s, run, r.p.id[a], period, grp, &sc[a], err);
        }
    }
    char rule[1536];
    rule_text(&cfg, LANG_EN, rule, sizeof rule);
    printf("low-performer rule: %s\n", rule);
    for (int a = 0; a < na && !rc; a++) {
        if (r.lp_months[a] < cfg.lp_months_flagged)
            continue;
        rc = store_write_low_performer(s, run, r.p.id[a], r.lp_months[a], r.why[a], err);
        printf("  %s: flagged in %d of %d months: %s\n", r.p.id[a], r.lp_months[a], r.nmonths - r.first_k, r.why[a]);
        nflag++;
    }
    if (!rc && !(rc = store_run_end(s, run, err)) && !(rc = store_commit(s, err)))
        printf("stored scores of %d agents as run %lld; %d flagged\n", na, (long long)run, nflag);
out:
    if (rc)
        store_rollback(s);
    score_run_free(&r);
    store_close(s);
    wfm_config_free(&cfg);
    return rc;
}

int cli_report_score(Store *s, const WfmConfig *cfg, const char *from_s, const char *to_s, const char *dir,
                     const char *script_dir, WfmErr *err)
{
    ScoreRun r;
    ScoreReport rep;
    char rule[1536];
    int rc, from, to;

    if ((rc = parse_period(cli_find("report"), from_s, to_s, &from, &to, err)) ||
        (rc = score_run(s, cfg, from, to, &r, err)))
        return rc;
    rule_text(cfg, cfg->language, rule, sizeof rule);
    report_of(&r, cfg, &rep);
    rep.from = from_s, rep.to = to_s, rep.rule = rule;
    rc = rep_score(&rep, dir, script_dir, err);
    if (!rc)
        printf("wrote report '%s/index.html'\n", dir);
    score_run_free(&r);
    return rc;
}
