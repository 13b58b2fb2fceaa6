/*
 * pricing.c - the column generation's pricing (plain C): per agent, a
 * dynamic program over the days whose state holds what the rules need -
 * yesterday's class or template (rest), working days in a row, days and
 * minutes worked in the calendar week - so every column keeps leave, team
 * kinds, rest, consecutive days, days off, the weekly hours (the
 * contract's, at most the legal maximum) and the contract's days each
 * week (rules.contract_days: assign_contract_weeks) by construction,
 * across the carried-in days too.  A round prices every agent not yet
 * fixed at the master's duals and adds the months that improve it.
 */
#include "internal.h"
#include "../assign.h"
#include "../../core/alloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned dp_hash(uint64_t key)
{
    return (unsigned)(key ^ key >> 29) * 2654435761u;
}

static void dp_put(Dp *dp, int lo, uint64_t key, double v, int parent, int choice)
{
    unsigned h = dp_hash(key) & (unsigned)(dp->hcap - 1);
    for (;;) {
        int i = dp->hash[h];
        if (i < 0)
            break;
        if (dp->node[i].key == key) {
            if (v > dp->node[i].v + 1e-12)
                dp->node[i].v = v, dp->node[i].parent = parent, dp->node[i].choice = choice;
            return;
        }
        h = (h + 1) & (unsigned)(dp->hcap - 1);
    }
    if (dp->n + 1 > dp->cap) {
        void *p = dp->node;
        xgrow(&p, &dp->cap, dp->n + 1, sizeof *dp->node);
        dp->node = p;
    }
    if ((int)(dp->n - (size_t)lo) * 2 >= dp->hcap) {  /* keep the table half empty */
        free(dp->hash);
        dp->hcap *= 2;
        dp->hash = xmalloc(sizeof *dp->hash * (size_t)dp->hcap);
        memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
        for (size_t j = (size_t)lo; j < dp->n; j++) {
            unsigned q = dp_hash(dp->node[j].key) & (unsigned)(dp->hcap - 1);
            while (dp->hash[q] >= 0)
                q = (q + 1) & (unsigned)(dp->hcap - 1);
            dp->hash[q] = (int)j;
        }
        dp_put(dp, lo, key, v, parent, choice);
        return;
    }
    dp->node[dp->n] = (Node){ key, parent, choice, v };
    dp->hash[h] = (int)dp->n++;
}

/* The program's tables for months of nd days (its nodes grow as needed). */
void cg_dp_init(Dp *dp, int nd)
{
    memset(dp, 0, sizeof *dp);
    dp->layer = xmalloc(sizeof *dp->layer * (size_t)(nd + 2));
    dp->hcap = 1024;
    dp->hash = xmalloc(sizeof *dp->hash * (size_t)dp->hcap);
}

void cg_dp_free(Dp *dp)
{
    free(dp->node), free(dp->layer), free(dp->hash);
    memset(dp, 0, sizeof *dp);
}

/* The state the carried-in days leave agent g in before day 0 (under the
 * general rules rs). */
uint64_t cg_start_state(const WfmConfig *cfg, const Roster *r, const Units *u, const RuleSet *rs, int g)
{
    int ns = cfg->nshifts, last = NO_UNIT, run = 0, wd = 0, wm = 0;
    int back = date_weekday(r->first_day);   /* days of this week before day 0 */
    uint32_t st = WFM_RULES_START;
    for (int d = -r->carry_days; d < 0; d++) {
        const Assign *x = roster_at(r, g, d);
        int works = x->shift >= 0 && x->shift < ns;
        wfm_rules_step(rs, &st, works ? x->shift : x->shift == ROSTER_LEAVE ? ROSTER_LEAVE : ROSTER_OFF,
                       wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d));
        run = works ? run + 1 : 0;
        last = works ? u->of[x->shift] : cg_after_off(last, x->shift == ROSTER_LEAVE);
        if (d >= -back && works)   /* his hours as the checker counts them: overtime too */
            wd++, wm += cfg->shifts[x->shift].length_min - cfg->shifts[x->shift].meal_min + x->ot_before_min + x->ot_after_min;
    }
    if (run > 31)
        run = 31;
    if (wd > 7)
        wd = 7;
    return WITH_RULES(KEY(last, run, wd, wm), st);
}

/* The most profitable legal month of agent g; writes his choices (units,
 * ROSTER_OFF or ROSTER_LEAVE) and returns the profit. */
double cg_price_agent(const Price *p, int g, Dp *dp, int *choice)
{
    const WfmConfig *cfg = p->cfg;
    const Roster *r = p->r;
    const Units *u = p->u;
    int nu = u->n, nd = p->nd, maxrun = cfg->max_consecutive_days, maxwd = 7 - cfg->min_days_off_per_week;
    int cap = cg_contract_min(cfg, &r->agents[g]), lastw = assign_week_of(r, nd - 1);
    int after = p->after, after_min = p->after_min;   /* kept in the last week */
    const RuleSet *rs = p->rules;

    dp->n = 0;
    dp->layer[0] = 0;
    memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
    dp_put(dp, 0, cg_start_state(cfg, r, u, rs, g), 0, -1, ROSTER_OFF);
    for (int d = 0; d < nd; d++) {
        unsigned flags = wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d);
        int lo = dp->layer[d], hi = (int)dp->n, monday = date_weekday(r->first_day + d) == WD_MON;
        int leave = r->leave && r->leave[(size_t)g * nd + d];
        dp->layer[d + 1] = hi;
        memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
        int w = assign_week_of(r, d), left = 7 - date_weekday(r->first_day + d);   /* days of the week from d */
        int must = 0;   /* his team's weekend day with a unit of his allowed: no day off */
        if (!leave && !p->no_weekend_duty && wfm_must_work(cfg, r->agents[g].team, r->first_day + d))
            for (int s = 0; s < nu && !must; s++)
                must = p->allowed[d * nu + s];
        if (left > nd - d)
            left = nd - d;
        for (int i = lo; i < hi; i++) {
            uint64_t k = dp->node[i].key;
            int last = K_LAST(k), run = K_RUN(k), wd = monday ? 0 : K_WD(k), wm = monday ? 0 : K_WM(k);
            double v = dp->node[i].v;
            uint32_t st = K_RULES(k);
            if ((monday && d > 0 && K_WD(k) < p->wneed[w - 1]) || wd + left < p->wneed[w])
                continue;   /* the contract's days out of reach */
            if (!must && !(p->pinned && p->pinned[d * (nu + 1) + nu]) &&
                wfm_rules_step(rs, &st, leave ? ROSTER_LEAVE : ROSTER_OFF, flags))
                dp_put(dp, hi, WITH_RULES(KEY(cg_after_off(last, leave), 0, wd, wm), st),
                       v - (p->pcost ? p->pcost[d * (nu + 1) + nu] : 0),
                       i, leave ? ROSTER_LEAVE : ROSTER_OFF);
            int wdmax = w == lastw ? maxwd - after : maxwd, wmmax = w == lastw ? cap - after_min : cap;
            if (leave || run + 1 > maxrun || wd + 1 > wdmax)
                continue;
            for (int s = 0; s < nu; s++) {
                if (!p->allowed[d * nu + s] || wm + u->work[s] > wmmax || (last < OFF1_UNIT && !u->rest[last * nu + s]) ||
                    (p->pinned && p->pinned[d * (nu + 1) + s]))
                    continue;
                st = K_RULES(k);
                if (!wfm_rules_step(rs, &st, u->tmpl[s], flags))
                    continue;
                int kind = cfg->shifts[u->tmpl[s]].kind, lk = last < OFF1_UNIT ? cfg->shifts[u->tmpl[last]].kind : -1;
                int lt = u->starts && last < OFF1_UNIT ? u->tmpl[last] : -1;
                dp_put(dp, hi, WITH_RULES(KEY(s, run + 1 > 31 ? 31 : run + 1, wd + 1, wm + u->work[s]), st),
                       v + p->profit[d * nu + s] - cg_regular(cfg, last, lk, lt, kind, u->starts && !monday ? u->tmpl[s] : -1), i, s);
            }
        }
        if ((int)dp->n == hi) {
            dp->dead = d;
            return -INFINITY;
        }
    }
    int best = -1, wl = assign_week_of(r, nd - 1);
    unsigned fend = wfm_rules_end_flags(r->first_day, nd);
    for (size_t i = (size_t)dp->layer[nd]; i < dp->n; i++)
        if (K_WD(dp->node[i].key) >= p->wneed[wl] && wfm_rules_end(rs, K_RULES(dp->node[i].key), fend) &&
            (best < 0 || dp->node[i].v > dp->node[best].v))
            best = (int)i;
    if (best < 0) {
        dp->dead = nd;
        return -INFINITY;   /* no month keeps the rules */
    }
    double v = dp->node[best].v;
    for (int d = nd - 1, i = best; d >= 0; d--) {
        choice[d] = dp->node[i].choice;
        i = dp->node[i].parent;
    }
    return v;
}

/* Agent g's profit per day x unit from the duals (base: of the class rows
 * and of the template rows). */
static void profits(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                    const double *base_cls, const double *base_cnt, double *out)
{
    int nd = m->nd, ns = m->ns, nu = cg_units(m, g)->n;
    int *rows = xmalloc(sizeof *rows * (size_t)((1440 / m->I + 1) * cfg->nqueues + 1));
    double fd[FK_N];
    for (int k = 0; k < FK_N; k++)
        fd[k] = m->row_fair[g * FK_N + k] ? glp_get_row_dual(m->lp, m->row_fair[g * FK_N + k]) : 0;
    for (int d = 0; d < nd; d++)
        for (int u = 0; u < nu; u++) {
            int s = cg_unit_template(m, g, u);
            double v = base_cls[d * m->ncls + cg_unit_class(m, g, u)];
            if (m->exact[g]) {
                if (!m->row_cnt[d * ns + s])
                    continue;
                v += base_cnt[d * ns + s];
            }
            for (int k = 0; k < FK_N; k++)
                if (fd[k] != 0 && cg_counts(cfg, s, r->first_day + d, k))
                    v += fd[k];
            if (m->exact[g] && skill_need && r->agents[g].skills) {
                int k = cg_skill_rows(m, cfg, r->agents[g].skills, d, s, rows);
                for (int i = 0; i < k; i++)
                    v += glp_get_row_dual(m->lp, rows[i]);
            }
            /* Ties broken by a tiny profit, agent by agent and day by day
             * (else every skilled agent would take the first template on
             * offer - all at 07:00); never negative, so the bound stays one. */
            if (m->exact[g])
                v += 1e-6 * (double)((unsigned)(g * 7919 + d * 104729 + s * 31) % 97) / 97;
            out[d * nu + u] = v - cg_pref_cost(m, g, d, s);
        }
    free(rows);
}

/* One pricing round over the agents not fixed: adds the improving columns,
 * returns how many; *lag gets the sum of the agents' negative reduced costs. */
int cg_price_round(Master *m, const ColGenIn *in, const unsigned char *fixed, const unsigned char *allowed_all,
                   Dp *dp, double *lag)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = m->nd, ns = m->ns, added = 0;
    double *base = xcalloc((size_t)nd * ns, sizeof *base), *bcls = xcalloc((size_t)nd * m->ncls, sizeof *bcls);
    double *prof = xcalloc((size_t)nd * ns, sizeof *prof);
    int *month = xmalloc(sizeof *month * (size_t)nd);
    for (int k = 0; k < nd * ns; k++)
        if (m->row_cnt[k])
            base[k] = glp_get_row_dual(m->lp, m->row_cnt[k]);
    for (int k = 0; k < nd * m->ncls; k++)
        if (m->row_cls[k])
            bcls[k] = glp_get_row_dual(m->lp, m->row_cls[k]);
    *lag = 0;
    for (int g = 0; g < m->ng; g++) {
        if (fixed && fixed[g])
            continue;
        profits(m, cfg, r, in->skill_need, g, bcls, base, prof);
        size_t at = (size_t)g * nd * (ns + 1);
        int mine = m->haspref && m->haspref[g];
        Price p = { cfg, r, cg_units(m, g), nd, &allowed_all[(size_t)g * nd * ns], prof, &m->wneed[g * ASSIGN_WEEKS],
                    cg_rules_of(m, r, g), 0, mine ? &m->pcost[at] : NULL, mine ? &m->pinned[at] : NULL,
                    m->after[2 * g], m->after[2 * g + 1] };
        double v = cg_price_agent(&p, g, dp, month);
        double rc = -v - glp_get_row_dual(m->lp, m->row_conv[g]);
        if (rc < 0)
            *lag += rc;
        if (rc < -1e-6) {
            cg_add_column(m, cfg, r, in->skill_need, g, month);
            added++;
        }
    }
    free(base), free(bcls), free(prof), free(month);
    return added;
}
