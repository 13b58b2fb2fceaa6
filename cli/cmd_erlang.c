#include "cli.h"
#include "../model/erlang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The columns, named as in ../shared/data/erlang_reference.csv. */
static void print_csv(const ErlangIn *in, const ErlangOut *o)
{
    double v[] = { o->erlang_b, o->c_p_wait, o->c_sl, o->c_asa_s, o->c_occupancy, o->c_mean_queue,
                   o->a_p_wait, o->a_p_abandon, o->a_sl_answered_over_offered,
                   o->a_sl_answered_over_answered, o->a_sl_wait_le_t_all, o->a_p_offered_wait_gt_t,
                   o->a_asa_answered_s, o->a_mean_wait_all_s, o->a_mean_queue, o->a_occupancy };
    printf("calls_per_interval,interval_s,aht_s,offered_load_erl,agents,sl_threshold_s,patience_mean_s,"
           "erlang_b,erlc_p_wait,erlc_sl,erlc_asa_s,erlc_occupancy,erlc_mean_queue_len,"
           "erla_p_wait,erla_p_abandon,erla_sl_served_within_t_over_offered,"
           "erla_sl_within_t_over_answered,erla_p_wait_le_t_all,erla_p_offered_wait_gt_t,"
           "erla_asa_answered_s,erla_mean_wait_all_s,erla_mean_queue_len,erla_occupancy\n");
    printf("%.17g,%.17g,%.17g,%.17g,%d,%.17g,", in->calls, in->interval_s, in->aht_s, o->load,
           in->agents, in->t_s);
    if (o->has_a)
        printf("%.17g", in->patience_s);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        /* Blank where a measure does not exist: no patience, or an unstable Erlang C. */
        int blank = (i >= 6 && !o->has_a) || (i >= 1 && i < 6 && !o->c_stable) || !isfinite(v[i]);
        if (blank)
            printf(",");
        else
            printf(",%.17g", v[i]);
    }
    printf("\n");
}

static void row(const char *name, double v, const char *unit)
{
    if (isnan(v))
        return;
    if (isinf(v))
        printf("  %-44s %14s\n", name, "infinite");
    else if (unit[0] == '%')
        printf("  %-44s %13.3f%%\n", name, 100 * v);
    else
        printf("  %-44s %14.3f %s\n", name, v, unit);
}

static void print_table(const ErlangIn *in, const ErlangOut *o)
{
    printf("%g calls in %g s, AHT %g s: load %.3f Erlangs; %d agents; answer within %g s", in->calls,
           in->interval_s, in->aht_s, o->load, in->agents, in->t_s);
    if (o->has_a)
        printf("; mean patience %g s", in->patience_s);
    printf("\n  %-44s %13.3f%%\n", "Erlang B blocking", 100 * o->erlang_b);
    printf("Erlang C (nobody hangs up)%s\n", o->c_stable ? "" : ": unstable, agents <= load");
    row("probability of waiting", o->c_p_wait, "%");
    row("service level", o->c_sl, "%");
    row("ASA (all calls)", o->c_asa_s, "s");
    row("occupancy", o->c_occupancy, "%");
    row("mean queue length", o->c_mean_queue, "calls");
    if (!o->has_a)
        return;
    printf("Erlang A (callers abandon)\n");
    row("probability of waiting", o->a_p_wait, "%");
    row("abandoned", o->a_p_abandon, "%");
    row("answer rate", 1 - o->a_p_abandon, "%");
    row("SL: answered within t / offered", o->a_sl_answered_over_offered, "%");
    row("SL: answered within t / answered", o->a_sl_answered_over_answered, "%");
    row("SL: waited at most t / offered", o->a_sl_wait_le_t_all, "%");
    row("ASA of answered calls", o->a_asa_answered_s, "s");
    row("mean wait of all calls", o->a_mean_wait_all_s, "s");
    row("mean queue length", o->a_mean_queue, "calls");
    row("occupancy", o->a_occupancy, "%");
}

int cmd_erlang(int argc, char **argv, WfmErr *err)
{
    const char *calls = NULL, *aht = NULL, *interval = NULL, *agents = NULL, *within = NULL,
               *patience = NULL, *sl = NULL, *asa = NULL, *rate = NULL, *occ = NULL, *def = NULL,
               *pos[1];
    int csv = 0, npos, rc;
    const Opt opts[] = {
        { "--calls", "N", "offered calls in the interval", &calls, NULL },
        { "--aht", "S", "average handling time, seconds", &aht, NULL },
        { "--interval", "S", "interval length, seconds (default 3600)", &interval, NULL },
        { "--agents", "N", "agents on the phone: print every measure", &agents, NULL },
        { "--within", "S", "answer-time threshold of the service level, seconds (default 20)", &within, NULL },
        { "--patience", "S", "mean caller patience, seconds (absent: Erlang C only)", &patience, NULL },
        { "--sl", "P", "target: share answered within --within (0-1)", &sl, NULL },
        { "--asa", "S", "target: mean wait of answered calls at most S seconds", &asa, NULL },
        { "--answer-rate", "R", "target: answered / offered at least R (0-1; needs --patience)", &rate, NULL },
        { "--occupancy", "O", "target: occupancy at most O (0-1)", &occ, NULL },
        { "--sl-definition", "D", "answered_over_offered (default), answered_over_answered, wait_le_t_all", &def, NULL },
        { "--csv", NULL, "one header line and one row, columns named as in erlang_reference.csv", NULL, &csv },
        { NULL, NULL, NULL, NULL, NULL },
    };
    ErlangIn in = { 0, 3600, 0, 0, 20, INFINITY };
    ErlangTarget tg = { 0 };
    ErlangOut o;
    long n = 0;

    if ((rc = cli_parse(cli_find("erlang"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (!calls || !aht)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm erlang --calls N --aht S [--agents N | --sl P ...] (see --help)");
    if ((rc = cli_num("--calls", calls, 0, 1e9, &in.calls, err)) ||
        (rc = cli_num("--aht", aht, 1e-6, 1e6, &in.aht_s, err)) ||
        (interval && (rc = cli_num("--interval", interval, 1e-6, 1e9, &in.interval_s, err))) ||
        (within && (rc = cli_num("--within", within, 0, 1e6, &in.t_s, err))) ||
        (patience && (rc = cli_num("--patience", patience, 0, INFINITY, &in.patience_s, err))) ||
        (sl && (rc = cli_num("--sl", sl, 0, 1, &tg.sl, err))) ||
        (asa && (rc = cli_num("--asa", asa, 0, 1e9, &tg.max_asa_s, err))) ||
        (rate && (rc = cli_num("--answer-rate", rate, 0, 1, &tg.min_answer_rate, err))) ||
        (occ && (rc = cli_num("--occupancy", occ, 0.01, 1, &tg.max_occupancy, err))))
        return rc;
    if (def) {
        static const char *const defs[] = { "answered_over_offered", "answered_over_answered", "wait_le_t_all" };
        tg.sl_def = -1;
        for (int i = 0; i < 3; i++)
            if (strcmp(def, defs[i]) == 0)
                tg.sl_def = i;
        if (tg.sl_def < 0)
            return wfm_err(err, WFM_EUSAGE, "option '--sl-definition': '%s' is not one of %s, %s, %s", def,
                           defs[0], defs[1], defs[2]);
    }
    int want_target = sl || asa || rate || occ;
    if (agents && want_target)
        return wfm_err(err, WFM_EUSAGE, "give --agents, or targets (--sl, --asa, --answer-rate, --occupancy), not both");
    if (!agents && !want_target)
        return wfm_err(err, WFM_EUSAGE, "give --agents N, or a target such as --sl 0.8");
    if (rate && !patience)
        return wfm_err(err, WFM_EUSAGE, "an answer-rate target needs --patience (Erlang C assumes nobody hangs up)");
    if (agents) {
        if ((rc = cli_int("--agents", agents, 0, 10000000, &n, err)))
            return rc;
        in.agents = (int)n;
        if ((rc = erlang_eval(&in, &o, err)))
            return rc;
    } else {
        int k;
        tg.use_a = patience != NULL;
        rc = erlang_staff(&in, &tg, 10000000, &k, &o, err);
        if (rc)
            return rc;
        in.agents = k;
        if (!csv)
            printf("agents needed: %d (%s)\n", k, tg.use_a ? "Erlang A" : "Erlang C");
    }
    if (csv)
        print_csv(&in, &o);
    else
        print_table(&in, &o);
    return 0;
}
