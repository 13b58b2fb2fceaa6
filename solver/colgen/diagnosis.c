/*
 * diagnosis.c - rules that contradict.  Before the root, an agent the hard
 * rules leave no legal month (the pricing finds none at zero profits)
 * fails the solve with WFM_EINPUT, naming for each group of such agents
 * the rules whose leaving out alone gives a month, the agents and the day
 * no month lives through.
 */
#include "internal.h"
#include "../assign.h"
#include "../../core/alloc.h"
#include "../../core/sbuf.h"

#include <stdlib.h>

/* What may leave an agent no legal month: each general rule (its index),
 * then the contract's days, the weekend duty and his pinned days. */
enum { WHY_CONTRACT = WFM_MAX_LIMITS, WHY_WEEKEND, WHY_PINS, WHY_N };

/* Agent g's month under every rule but why (-1: all of them): any legal? */
static int has_month(const Master *m, const ColGenIn *in, const unsigned char *allowed, Dp *dp, int g, int why,
                     const double *zero, int *month)
{
    static const int none[ASSIGN_WEEKS];
    RuleSet rs = *cg_rules_of(m, in->r, g);
    int k = 0;
    for (int i = 0; i < rs.n; i++)
        if (rs.p[i].limit != why)
            rs.p[k++] = rs.p[i];
    rs.n = k;
    int pins = m->haspref && m->haspref[g] && why != WHY_PINS;
    Price p = { in->cfg, in->r, cg_units(m, g), m->nd, &allowed[(size_t)g * m->nd * m->ns], zero,
                why == WHY_CONTRACT ? none : &m->wneed[g * ASSIGN_WEEKS], &rs, why == WHY_WEEKEND, NULL,
                pins ? &m->pinned[(size_t)g * m->nd * (m->ns + 1)] : NULL, m->after[2 * g], m->after[2 * g + 1] };
    return isfinite(cg_price_agent(&p, g, dp, month));
}

/* 0 when every agent has a legal month; else WFM_EINPUT naming, for the
 * agents without one, the rules that cannot all hold (those whose leaving
 * out alone gives a month), the agents and their leave. */
int cg_contradictions(const Master *m, const ColGenIn *in, const unsigned char *allowed, Dp *dp, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = m->nd, ng = m->ng, groups = 0, bad = 0, rc;
    double *zero = xcalloc((size_t)nd * m->ns, sizeof *zero);
    int *month = xmalloc(sizeof *month * (size_t)nd);
    unsigned sig[4] = { 0 };
    int count[4] = { 0 }, first[4][3], team[4], dead[4];
    for (int g = 0; g < ng; g++) {
        if (has_month(m, in, allowed, dp, g, -1, zero, month))
            continue;
        unsigned s = 0;
        int t = r->agents[g].team, at = dp->dead;
        for (int why = 0; why < WHY_N; why++)
            if ((why < cfg->nlimits || why >= WHY_CONTRACT) && has_month(m, in, allowed, dp, g, why, zero, month))
                s |= 1u << why;
        int k = 0;
        while (k < groups && (sig[k] != s || team[k] != t))
            k++;
        if (k == groups && groups < 4)
            team[groups] = t, dead[groups] = at;
        if (k == groups && groups < 4)
            sig[groups++] = s;
        if (k < groups && count[k] < 3)
            first[k][count[k]] = g;
        if (k < groups)
            count[k]++;
        bad++;
    }
    free(zero), free(month);
    if (!bad)
        return 0;
    SBuf b;
    sbuf_init(&b);
    sbuf_printf(&b, "the hard rules leave %d agent%s no legal month", bad, bad == 1 ? "" : "s");
    for (int k = 0; k < groups; k++) {
        const RosterAgent *a0 = &r->agents[first[k][0]];
        char ds[11];
        date_format(r->first_day + (dead[k] < nd ? dead[k] : nd - 1), ds);
        sbuf_printf(&b, "; %s", a0->id);
        for (int i = 1; i < count[k] && i < 3; i++)
            sbuf_printf(&b, ", %s", r->agents[first[k][i]].id);
        if (count[k] > 3)
            sbuf_printf(&b, " and %d more", count[k] - 3);
        sbuf_printf(&b, " (team %s; %s%s): %s", a0->team >= 0 && a0->team < cfg->nteams ? cfg->teams[a0->team].name : "-",
                    dead[k] < nd ? "no legal way through " : "a minimum short at the month's end", dead[k] < nd ? ds : "",
                    sig[k] ? "leaving out any one of" : "no single rule left out gives a month: the rules together");
        for (int why = 0, j = 0; why < WHY_N && sig[k]; why++) {
            if (!(sig[k] >> why & 1))
                continue;
            const char *name = why == WHY_CONTRACT ? "rules.contract_days (the contract's days each week)"
                               : why == WHY_WEEKEND ? "the team's every_weekend"
                               : why == WHY_PINS ? "his pinned days (wfm import preferences)" : cfg->limits[why].label;
            sbuf_printf(&b, "%s%s", j++ ? ", " : " ", name);
        }
        if (sig[k])
            sbuf_printf(&b, " gives one");
    }
    rc = wfm_err(err, WFM_EINPUT, "%s", b.s);
    sbuf_free(&b);
    return rc;
}
