#include "colgen.h"
#include "assign.h"
#include "lp.h"
#include "shiftplan.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/rng.h"
#include "../core/sbuf.h"
#include "../core/stats.h"
#include "../model/rules.h"
#include "colgen/internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_weekend(const WfmConfig *cfg, int day)
{
    return date_weekday(day) >= WD_SAT || cal_is_holiday(&cfg->holidays, day);
}

/* Does shift s on day count toward kind k? */
static int counts(const WfmConfig *cfg, int s, int day, int k)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    return k == FK_WEEKEND ? is_weekend(cfg, day) : t->kind != SHIFT_DAY;
}

static double fair_weight(const WfmConfig *cfg, int k)
{
    return COLGEN_W_FAIR * (k == FK_WEEKEND ? cfg->fair_weekend : cfg->fair_night);
}

static int contract_min(const WfmConfig *cfg, const RosterAgent *ag)
{
    return (int)lround(wfm_weekly_cap_h(cfg, ag->weekly_hours) * 60);
}

/* May template b follow template a on the next day (the minimum rest)? */
static int rest_ok(const WfmConfig *cfg, int a, int b)
{
    const ShiftTemplate *ta = &cfg->shifts[a], *tb = &cfg->shifts[b];
    return tb->start_min + 1440 - (ta->start_min + ta->length_min) >= (int)lround(cfg->min_rest_hours * 60);
}

/* Templates no rule of an agent's month tells apart - the same kind, paid
 * minutes and place rules, and the same rest with every template before
 * and after them - form a class (in the samples: the staggered day starts,
 * the evening, the night).  An agent without a skill queue to cover gets
 * months of classes; which start of the class he works each day is chosen
 * after the months (any is as legal).  Writes cls (per template) and rep (a
 * template of each class); returns the number of classes. */
static int template_classes(const WfmConfig *cfg, int *cls, int *rep)
{
    int ns = cfg->nshifts, n = 0;
    for (int s = 0; s < ns; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        cls[s] = -1;
        for (int c = 0; c < n && cls[s] < 0; c++) {
            const ShiftTemplate *o = &cfg->shifts[rep[c]];
            int same = t->kind == o->kind && t->length_min - t->meal_min == o->length_min - o->meal_min &&
                       t->remote_ok == o->remote_ok && wfm_rules_alike(cfg, s, rep[c]);
            for (int u = 0; u < ns && same; u++)
                same = rest_ok(cfg, s, u) == rest_ok(cfg, rep[c], u) && rest_ok(cfg, u, s) == rest_ok(cfg, u, rep[c]);
            if (same)
                cls[s] = c;
        }
        if (cls[s] < 0)
            rep[n] = s, cls[s] = n++;
    }
    return n;
}

/* The share of a full month agent g can give: days not on leave, times his
 * contract against the full-time week; 0 when kind k is not a choice for
 * him (he cannot do it at all, or - late work - does nothing else). */
static double fair_share(const WfmConfig *cfg, const Roster *r, int g, int k)
{
    const RosterAgent *ag = &r->agents[g];
    int can = 0, other = 0, avail = 0;
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        if (!wfm_team_works(cfg, ag->team, ag->night_ok, t->kind))
            continue;
        if (k == FK_WEEKEND)
            can |= (t->days & (RUN_WEEKEND | RUN_HOLIDAY)) != 0, other = 1;
        else
            can |= t->kind != SHIFT_DAY, other |= t->kind == SHIFT_DAY;
    }
    if (!can || !other)
        return 0;
    for (int d = 0; d < r->ndays; d++)
        avail += !(r->leave && r->leave[(size_t)g * r->ndays + d]);
    double f = (double)avail / r->ndays * contract_min(cfg, ag) / (cfg->weekly_hours * 60);
    return f >= 0.2 ? f : 0;
}

/* Agent g's days of kind f in the month of templates choice (ng x nd). */
static int count_of(const WfmConfig *cfg, const Roster *r, const int *choice, int g, int f)
{
    int nd = r->ndays, c = 0;
    for (int d = 0; d < nd; d++) {
        int s = choice[(size_t)g * nd + d];
        c += s >= 0 && counts(cfg, s, r->first_day + d, f);
    }
    return c;
}

/* Each team's mark of each kind (the highest count over share among its
 * agents with a share: share ng x FK_N) in the month of templates choice
 * (ng x nd); writes hi ((nteams + 1) x FK_N) and returns what the marks
 * cost. */
static double marks(const WfmConfig *cfg, const Roster *r, const double *share, const int *choice, double *hi)
{
    double cost = 0;
    memset(hi, 0, sizeof *hi * (size_t)(cfg->nteams + 1) * FK_N);
    for (int g = 0; g < r->nagents; g++)
        for (int f = 0; f < FK_N; f++) {
            double sh = share[g * FK_N + f];
            if (!(sh > 0))
                continue;
            double *h = &hi[(r->agents[g].team + 1) * FK_N + f];
            *h = fmax(*h, count_of(cfg, r, choice, g, f) / sh);
        }
    for (int k = 0; k < (cfg->nteams + 1) * FK_N; k++)
        cost += fair_weight(cfg, k % FK_N) * hi[k];
    return cost;
}

double colgen_fairness(const WfmConfig *cfg, const Roster *r)
{
    int ng = r->nagents, nd = r->ndays;
    double *share = xmalloc(sizeof *share * (size_t)(ng ? ng : 1) * FK_N);
    double *hi = xmalloc(sizeof *hi * (size_t)(cfg->nteams + 1) * FK_N);
    int *choice = xmalloc(sizeof *choice * (size_t)(ng && nd ? ng * nd : 1));
    for (int g = 0; g < ng; g++) {
        for (int k = 0; k < FK_N; k++)
            share[g * FK_N + k] = fair_share(cfg, r, g, k);
        for (int d = 0; d < nd; d++) {
            int x = roster_at(r, g, d)->shift;
            choice[(size_t)g * nd + d] = x >= 0 && x < cfg->nshifts ? x : ROSTER_OFF;
        }
    }
    double cost = marks(cfg, r, share, choice, hi);
    free(share), free(hi), free(choice);
    return cost;
}

/* An agent short in interval t of I minutes: the hourly weight (weak
 * hours dearer) times I/60, so costs stay in weighted agent-hours. */
static double under_price(const WfmConfig *cfg, int t, int I)
{
    return SHIFTPLAN_W_UNDER * (cfg->weak_hours[t * I / 60 % 24] ? cfg->weak_weight : 1) * I / 60.0;
}

/* Agents with each skill whose shift covers each interval of I minutes
 * whole, as the skill rows count them: cnt has nqueues x nt values; the
 * carried-in last day, and unless carried_only the month's days from
 * choice (ng x nd templates; NULL: the roster's own days). */
static void skilled_cover(const WfmConfig *cfg, const Roster *r, const int *choice, int carried_only, int I,
                          double *cnt)
{
    int nd = r->ndays, nt = nd * (1440 / I);
    for (size_t i = 0; i < (size_t)cfg->nqueues * nt; i++)
        cnt[i] = 0;
    for (int g = 0; g < r->nagents; g++) {
        unsigned sk = r->agents[g].skills;
        if (!sk)
            continue;
        for (int d = r->carry_days > 0 ? -1 : 0; d < (carried_only ? 0 : nd); d++) {
            int x = d < 0 || !choice ? roster_at(r, g, d)->shift : choice[(size_t)g * nd + d];
            if (x < 0 || x >= cfg->nshifts)
                continue;
            const ShiftTemplate *tp = &cfg->shifts[x];
            int a = 1440 * d + (d < 0 || !choice ? roster_at(r, g, d)->start_min : tp->start_min), b = a + tp->length_min;
            for (int t = a > 0 ? a / I : 0; t < nt && t * I < b; t++)
                if (t * I >= a && (t + 1) * I <= b)
                    for (int q = 0; q < cfg->nqueues; q++)
                        if ((sk >> q & 1) && cfg->queues[q].skill[0])
                            cnt[(size_t)q * nt + t] += 1;
        }
    }
}

/* What the skill rows cost for skilled cover cnt: per open interval, each
 * agent short of the queue's min_skilled COLGEN_W_SKILL, each further agent
 * short of its own need (skill_duty, may be NULL) the under-coverage
 * price. */
static double skill_slot_cost(const WfmConfig *cfg, int nd, int I, const unsigned char *skill_need,
                              const double *skill_duty, int q, int t, double have)
{
    int nt = nd * (1440 / I);
    if (!skill_need[(size_t)q * 24 * nd + t * I / 60])
        return 0;
    double k = cfg->queues[q].min_skilled;
    double n = skill_duty && skill_duty[(size_t)q * nt + t] > k ? skill_duty[(size_t)q * nt + t] : k;
    double hard = fmax(0, k - have), soft = fmax(0, n - have) - hard;
    return hard * COLGEN_W_SKILL + soft * under_price(cfg, t, I);
}

static double skill_cost(const WfmConfig *cfg, int nd, int I, const unsigned char *skill_need, const double *skill_duty,
                         const double *cnt)
{
    int nt = nd * (1440 / I);
    double c = 0;
    for (int q = 0; q < cfg->nqueues && skill_need; q++)
        for (int t = 0; t < nt && cfg->queues[q].skill[0]; t++)
            c += skill_slot_cost(cfg, nd, I, skill_need, skill_duty, q, t, cnt[(size_t)q * nt + t]);
    return c;
}

double colgen_skill_cost(const ColGenIn *in)
{
    int I = colgen_interval(in), nt = in->r->ndays * (1440 / I);
    double *cnt = xmalloc(sizeof *cnt * (size_t)in->cfg->nqueues * (size_t)(nt ? nt : 1));
    skilled_cover(in->cfg, in->r, NULL, 0, I, cnt);
    double c = skill_cost(in->cfg, in->r->ndays, I, in->skill_need, in->skill_duty, cnt);
    free(cnt);
    return c;
}

/* ---- pricing: one agent's best month under the rules ---- */

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

/* The state the carried-in days leave agent g in before day 0 (under the
 * general rules rs). */
static uint64_t start_state(const WfmConfig *cfg, const Roster *r, const Units *u, const RuleSet *rs, int g)
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
        last = works ? u->of[x->shift] : NO_UNIT;
        if (d >= -back && works)
            wd++, wm += cfg->shifts[x->shift].length_min - cfg->shifts[x->shift].meal_min;
    }
    if (run > 31)
        run = 31;
    if (wd > 7)
        wd = 7;
    return WITH_RULES(KEY(last, run, wd, wm), st);
}

/* The most profitable legal month of agent g; writes his choices (units,
 * ROSTER_OFF or ROSTER_LEAVE) and returns the profit. */
static double price_agent(const Price *p, int g, Dp *dp, int *choice)
{
    const WfmConfig *cfg = p->cfg;
    const Roster *r = p->r;
    const Units *u = p->u;
    int nu = u->n, nd = p->nd, maxrun = cfg->max_consecutive_days, maxwd = 7 - cfg->min_days_off_per_week;
    int cap = contract_min(cfg, &r->agents[g]), lastw = assign_week_of(r, nd - 1);
    int after = p->after, after_min = p->after_min;   /* kept in the last week */
    const RuleSet *rs = p->rules;

    dp->n = 0;
    dp->layer[0] = 0;
    memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
    dp_put(dp, 0, start_state(cfg, r, u, rs, g), 0, -1, ROSTER_OFF);
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
                dp_put(dp, hi, WITH_RULES(KEY(NO_UNIT, 0, wd, wm), st), v - (p->pcost ? p->pcost[d * (nu + 1) + nu] : 0),
                       i, leave ? ROSTER_LEAVE : ROSTER_OFF);
            int wdmax = w == lastw ? maxwd - after : maxwd, wmmax = w == lastw ? cap - after_min : cap;
            if (leave || run + 1 > maxrun || wd + 1 > wdmax)
                continue;
            for (int s = 0; s < nu; s++) {
                if (!p->allowed[d * nu + s] || wm + u->work[s] > wmmax || (last != NO_UNIT && !u->rest[last * nu + s]) ||
                    (p->pinned && p->pinned[d * (nu + 1) + s]))
                    continue;
                st = K_RULES(k);
                if (!wfm_rules_step(rs, &st, u->tmpl[s], flags))
                    continue;
                dp_put(dp, hi, WITH_RULES(KEY(s, run + 1 > 31 ? 31 : run + 1, wd + 1, wm + u->work[s]), st),
                       v + p->profit[d * nu + s], i, s);
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

/* ---- the master ---- */

static const RuleSet *rules_of(const Master *m, const Roster *r, int g)
{
    int t = r->agents[g].team;
    return &m->rules[t >= 0 && t < m->nteams ? t + 1 : 0];
}

static const Units *units(const Master *m, int g)
{
    return m->exact[g] ? &m->tu : &m->cu;
}

/* A template of unit u of agent g (all of a class count alike for him). */
static int unit_template(const Master *m, int g, int u)
{
    return m->exact[g] ? u : m->rep[u];
}

static int unit_class(const Master *m, int g, int u)
{
    return m->exact[g] ? m->cls[u] : u;
}

/* Agents with the same key are alike for the coverage: no skill queue to
 * cover (0), or the same skills - swapping their days changes no row. */
static unsigned alike(const Master *m, const Roster *r, int g)
{
    if (m->haspref && m->haspref[g])
        return 0x80000000u | (unsigned)g;   /* his own: no day of his is traded or rotated */
    return m->exact[g] ? r->agents[g].skills : 0;
}

/* What agent g's day d costs on item (template, ROSTER_OFF or ROSTER_LEAVE)
 * by his preferences; may he have it (pinned days)? */
static double pref_cost(const Master *m, int g, int d, int item)
{
    return m->pcost ? m->pcost[((size_t)g * m->nd + d) * (m->ns + 1) + (item >= 0 ? item : m->ns)] : 0;
}

static int pin_ok(const Master *m, int g, int d, int item)
{
    return !m->pinned || !m->pinned[((size_t)g * m->nd + d) * (m->ns + 1) + (item >= 0 ? item : m->ns)];
}

/* Fills the preference tables from r's preferences (agents with one get
 * months of templates). */
static void load_prefs(Master *m, const Roster *r)
{
    int nd = m->nd, ns = m->ns;
    if (!r->npref)
        return;
    size_t n = (size_t)m->ng * nd * (ns + 1);
    m->pcost = xcalloc(n, sizeof *m->pcost);
    m->pinned = xcalloc(n, 1);
    m->haspref = xcalloc((size_t)m->ng, 1);
    for (int i = 0; i < r->npref; i++) {
        const RosterPref *p = &r->pref[i];
        if (p->agent < 0 || p->agent >= m->ng || p->day < 0 || p->day >= nd)
            continue;
        m->exact[p->agent] = m->haspref[p->agent] = 1;
        int leave = r->leave && r->leave[(size_t)p->agent * nd + p->day];
        for (int s = 0; s <= ns; s++) {
            size_t k = ((size_t)p->agent * nd + p->day) * (ns + 1) + s;
            int hit = wfm_what_match(&p->what, s < ns ? s : leave ? ROSTER_LEAVE : ROSTER_OFF);
            if (p->want == PREF_PINNED)
                m->pinned[k] |= !hit;
            else if (hit == (p->want == PREF_UNWANTED))
                m->pcost[k] += p->weight;
        }
    }
}

/* Minutes of [a, b) inside interval t of I minutes. */
static int slot_overlap(int a, int b, int t, int I)
{
    int lo = t * I > a ? t * I : a, hi = (t + 1) * I < b ? (t + 1) * I : b;
    return hi > lo ? hi - lo : 0;
}

/* The skill rows shift s of day d covers whole (every minute of the
 * interval) for an agent with skills (bit per queue); writes them to rows
 * (room for nqueues x 1440 / I per day the shift touches). */
static int skill_rows(const Master *m, const WfmConfig *cfg, unsigned skills, int d, int s, int *rows)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    int a = 1440 * d + t->start_min, b = a + t->length_min, n = 0;
    for (int q = 0; q < cfg->nqueues; q++)
        if (skills & (1u << q))
            for (int k = a / m->I; k * m->I < b && k < m->nt; k++)
                if (m->skill_row[(size_t)q * m->nt + k] && slot_overlap(a, b, k, m->I) >= m->I)
                    rows[n++] = m->skill_row[(size_t)q * m->nt + k];
    return n;
}

static void add_column(Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                       const int *month)
{
    int nd = m->nd, ns = m->ns;
    int col = glp_add_cols(m->lp, 1);
    size_t cap = (size_t)nd * (size_t)(2 + 2 * (1440 / m->I) * cfg->nqueues) + FK_N + 2;
    int *ind = xmalloc(sizeof *ind * cap);
    double *val = xmalloc(sizeof *val * cap);
    int n = 0;
    int fcount[FK_N] = { 0 };
    double pc = 0;
    glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
    for (int d = 0; d < nd && m->pcost; d++)
        pc += pref_cost(m, g, d, month[d] >= 0 ? unit_template(m, g, month[d]) : month[d]);
    glp_set_obj_coef(m->lp, col, pc);
    ind[++n] = m->row_conv[g], val[n] = 1;
    for (int d = 0; d < nd; d++) {
        int u = month[d];
        if (u < 0)
            continue;
        int s = unit_template(m, g, u);
        ind[++n] = m->row_cls[d * m->ncls + unit_class(m, g, u)], val[n] = 1;
        for (int k = 0; k < FK_N; k++)
            fcount[k] += counts(cfg, s, r->first_day + d, k);
        if (!m->exact[g])
            continue;
        ind[++n] = m->row_cnt[d * ns + s], val[n] = 1;
        if (!skill_need || !r->agents[g].skills)
            continue;
        int k = skill_rows(m, cfg, r->agents[g].skills, d, s, &ind[n + 1]);
        for (int i = 1; i <= k; i++)
            val[n + i] = 1;
        n += k;
    }
    for (int k = 0; k < FK_N; k++)
        if (m->row_fair[g * FK_N + k] && fcount[k])
            ind[++n] = m->row_fair[g * FK_N + k], val[n] = fcount[k];
    glp_set_mat_col(m->lp, col, n, ind, val);
    free(ind), free(val);
    if (m->ncols + 1 > m->capcols) {
        size_t c = m->capcols;
        void *p = m->col_agent;
        xgrow(&p, &c, m->ncols + 1, sizeof *m->col_agent);
        m->col_agent = p;
        c = m->capcols, p = m->col_index;
        xgrow(&p, &c, m->ncols + 1, sizeof *m->col_index);
        m->col_index = p;
        c = m->capcols * (size_t)nd, p = m->col_month;
        xgrow(&p, &c, (m->ncols + 1) * (size_t)nd, sizeof *m->col_month);
        m->col_month = p;
        m->capcols = c / (size_t)nd;
    }
    m->col_agent[m->ncols] = g, m->col_index[m->ncols] = col;
    memcpy(&m->col_month[m->ncols * (size_t)nd], month, sizeof *month * (size_t)nd);
    m->ncols++;
}

static int gcd(int a, int b)
{
    a = abs(a), b = abs(b);
    while (b) {
        int t = a % b;
        a = b, b = t;
    }
    return a;
}

/* The steps an interval's agents on duty come in: every start, end and
 * meal edge lies on a grid of G minutes (G divides I), so a roster gives
 * each interval of I minutes a whole number of G/I agents. */
static double duty_step(const WfmConfig *cfg, const Roster *r, int I)
{
    int G = I;
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        G = gcd(G, gcd(t->start_min, gcd(t->length_min, gcd(t->meal_from_min, t->meal_min))));
    }
    G = gcd(G, 30);   /* meal starts every 30 minutes */
    for (int g = 0; g < r->nagents && r->carry_days > 0; g++) {
        const Assign *x = roster_at(r, g, -1);
        if (x->shift >= 0 && x->shift < cfg->nshifts)
            G = gcd(G, gcd(x->start_min, x->meal_off_min > 0 ? x->meal_off_min : 0));
    }
    return (double)(G > 0 ? G : 1) / I;
}

/* Interval t's cost with cov agents on duty against its need (agents
 * short at m->wu[t], over at m->wo: the hourly weights times I/60, so the
 * objective stays in weighted agent-hours). */
static double slot_cost(const Master *m, double cov, int t)
{
    double n = m->need[t];
    return cov < n ? m->wu[t] * (n - cov) : m->wo * (cov - n);
}

/* The point of the duty grid at or below hour t's need. */
static double grid_below(const Master *m, int t)
{
    return floor(m->need[t] / m->step + 1e-9) * m->step;
}

static void build_master(Master *m, const ColGenIn *in)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, nh = 24 * nd, ng = r->nagents;
    int I = colgen_interval(in), nt = nd * (1440 / I);
    glp_prob *lp = glp_create_prob();
    LpMat mat = { 0 };
    int ncol = 0;

    memset(m, 0, sizeof *m);
    m->lp = lp, m->nh = nh, m->nd = nd, m->ns = ns, m->ng = ng, m->nteams = cfg->nteams;
    m->I = I, m->nt = nt;
    m->skill_need = in->skill_need, m->skill_duty = in->skill_duty;
    m->ncls = template_classes(cfg, m->cls, m->rep);
    for (int a = 0; a < ns; a++) {
        m->tof[a] = a, m->twork[a] = cfg->shifts[a].length_min - cfg->shifts[a].meal_min;
        m->cwork[m->cls[a]] = m->twork[a];
        for (int b = 0; b < ns; b++)
            m->trest[a * ns + b] = m->crest[m->cls[a] * m->ncls + m->cls[b]] = (unsigned char)rest_ok(cfg, a, b);
    }
    m->tu = (Units){ ns, m->tof, m->twork, m->trest, m->tof };
    m->cu = (Units){ m->ncls, m->cls, m->cwork, m->crest, m->rep };
    m->rules = xmalloc(sizeof *m->rules * (size_t)(cfg->nteams + 1));
    for (int t = -1; t < cfg->nteams; t++)
        wfm_rules_compile(cfg, t, &m->rules[t + 1]);
    m->exact = xcalloc((size_t)(ng ? ng : 1), 1);
    int nexact = 0;
    for (int g = 0; g < ng; g++)
        m->exact[g] = in->skill_need && r->agents[g].skills;
    load_prefs(m, r);
    for (int g = 0; g < ng; g++)
        nexact += m->exact[g];
    glp_set_obj_dir(lp, GLP_MIN);
    /* Coverage: the need less what the carried-in shifts still give. */
    double *need = xmalloc(sizeof *need * (size_t)nt);
    memcpy(need, in->need, sizeof *need * (size_t)nt);
    for (int g = 0; g < ng && r->carry_days > 0; g++) {
        const Assign *x = roster_at(r, g, -1);
        if (x->shift < 0 || x->shift >= ns)
            continue;
        const ShiftTemplate *t = &cfg->shifts[x->shift];
        int a = -1440 + x->start_min, b = a + t->length_min;
        int ma = t->meal_min > 0 ? a + x->meal_off_min : 0, mb = t->meal_min > 0 ? ma + t->meal_min : 0;
        for (int k = 0; k < nt && k * I < b; k++)
            need[k] -= (double)(slot_overlap(a, b, k, I) - (t->meal_min > 0 ? slot_overlap(ma, mb, k, I) : 0)) / I;
    }
    /* Coverage is soft: what an hour costs is convex in its agents on duty,
     * and a roster's agents come in steps of the duty grid; so between the
     * two grid points around the need the cost is taken on the chord (a
     * stronger relaxation, the same value on every roster):  on duty + a -
     * b1 - b2 = lo, the grid point at or below the need, at prices wu, the
     * chord's slope (b1 up to one step) and the over-coverage's. */
    m->need = need, m->step = duty_step(cfg, r, I);
    m->wu = xmalloc(sizeof *m->wu * (size_t)nt);
    m->wo = SHIFTPLAN_W_OVER * I / 60.0;
    int row = glp_add_rows(lp, nt);
    double fixed = 0;
    for (int t = 0; t < nt; t++) {
        double lo = grid_below(m, t);
        m->wu[t] = under_price(cfg, t, I);
        glp_set_row_bnds(lp, row + t, GLP_FX, lo, lo);
        fixed += slot_cost(m, lo, t);
    }
    glp_set_obj_coef(lp, 0, fixed);
    m->row_cls = xcalloc((size_t)nd * m->ncls, sizeof *m->row_cls);
    m->row_cnt = xcalloc((size_t)nd * ns, sizeof *m->row_cnt);
    m->xcol = xcalloc((size_t)nd * ns, sizeof *m->xcol);
    m->ycol = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *m->ycol);
    int *row_meal = m->row_meal = xcalloc((size_t)nd * ns, sizeof *row_meal);
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++)
            if (shiftplan_runs(cfg, s, r->first_day + d)) {
                int *rc = &m->row_cls[d * m->ncls + m->cls[s]];
                if (!*rc) {
                    *rc = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, *rc, GLP_FX, 0, 0);
                }
                m->xcol[d * ns + s] = -1;   /* numbered below */
                if (nexact) {
                    m->row_cnt[d * ns + s] = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, m->row_cnt[d * ns + s], GLP_UP, 0, 0);
                }
                if (cfg->shifts[s].meal_min > 0) {
                    row_meal[d * ns + s] = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, row_meal[d * ns + s], GLP_FX, 0, 0);
                }
            }
    m->row_conv = xmalloc(sizeof *m->row_conv * (size_t)(ng ? ng : 1));
    for (int g = 0; g < ng; g++) {
        m->row_conv[g] = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, m->row_conv[g], GLP_FX, 1, 1);
    }
    /* Skill queues: per open interval, skilled agents whose shift covers it
     * whole, besides the carried-in ones, at least the queue's own need
     * (in->skill_duty) - the part up to min_skilled at COLGEN_W_SKILL a
     * agent short, the rest at the under-coverage price. */
    m->skill_row = xcalloc((size_t)cfg->nqueues * nt, sizeof *m->skill_row);
    m->skill_lo = xcalloc((size_t)cfg->nqueues * nt * 2, sizeof *m->skill_lo);
    skilled_cover(cfg, r, NULL, 1, I, m->skill_lo);   /* the carried-in ones first */
    if (in->skill_need)
        for (int q = 0; q < cfg->nqueues; q++)
            for (int t = 0; t < nt && cfg->queues[q].skill[0]; t++) {
                size_t i = (size_t)q * nt + t;
                double cc = m->skill_lo[i], k = cfg->queues[q].min_skilled;
                double n = in->skill_duty && in->skill_duty[i] > k ? in->skill_duty[i] : k;
                m->skill_lo[i] = fmax(0, n - cc);                          /* the row's floor */
                m->skill_lo[(size_t)cfg->nqueues * nt + i] = fmax(0, n - cc) - fmax(0, k - cc);   /* its soft part */
                if (in->skill_need[(size_t)q * nh + t * I / 60] && m->skill_lo[i] > 0) {
                    m->skill_row[i] = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, m->skill_row[i], GLP_LO, m->skill_lo[i], 0);
                }
            }
    /* Fairness: each agent's count over his share at most the team's mark,
     * whose height costs (a row per agent and kind: the max alone keeps the
     * LP light; with the total set by the need, lowering the max evens it). */
    m->row_fair = xcalloc((size_t)ng * FK_N, sizeof *m->row_fair);
    m->share = xcalloc((size_t)ng * FK_N, sizeof *m->share);
    for (int g = 0; g < ng; g++)
        for (int k = 0; k < FK_N; k++)
            if (fair_weight(cfg, k) > 0 && (m->share[g * FK_N + k] = fair_share(cfg, r, g, k)) > 0) {
                m->row_fair[g * FK_N + k] = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, m->row_fair[g * FK_N + k], GLP_UP, 0, 0);
            }

    /* Start counts with their coverage and meal shares. */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            if (!m->xcol[d * ns + s])
                continue;
            const ShiftTemplate *st = &cfg->shifts[s];
            int a = 1440 * d + st->start_min, b = a + st->length_min;
            int x = m->xcol[d * ns + s] = ++ncol;
            for (int t = a / I; t * I < b && t < nt; t++)
                lp_put(&mat, row + t, x, (double)slot_overlap(a, b, t, I) / I);
            lp_put(&mat, m->row_cls[d * m->ncls + m->cls[s]], x, -1);
            if (m->row_cnt[d * ns + s])
                lp_put(&mat, m->row_cnt[d * ns + s], x, -1);
            if (st->meal_min <= 0)
                continue;
            lp_put(&mat, row_meal[d * ns + s], x, -1);
            for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS; k++) {
                int off = st->meal_from_min + 30 * k;
                if (off > st->meal_to_min)
                    break;
                int y = m->ycol[(d * ns + s) * SHIFTPLAN_MEAL_SLOTS + k] = ++ncol;
                int ma = a + off, mb = ma + st->meal_min;
                for (int t = ma / I; t * I < mb && t < nt; t++)
                    lp_put(&mat, row + t, y, -(double)slot_overlap(ma, mb, t, I) / I);
                lp_put(&mat, row_meal[d * ns + s], y, 1);
            }
        }
    /* Slacks: under and over per interval, skill intervals, fairness marks. */
    int slack0 = ncol;
    for (int t = 0; t < nt; t++) {
        lp_put(&mat, row + t, ++ncol, 1);
        lp_put(&mat, row + t, ++ncol, -1);
        lp_put(&mat, row + t, ++ncol, -1);
    }
    m->ncover = ncol;
    for (int pass = 0; pass < 2; pass++)   /* the minimum's slack (dear), then the queue's own need's */
        for (size_t i = 0; i < (size_t)cfg->nqueues * nt; i++)
            if (m->skill_row[i])
                lp_put(&mat, m->skill_row[i], ++ncol, 1);
    m->nskill = (ncol - m->ncover) / 2;
    int fair0 = ncol;
    for (int team = -1; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++) {
            int mark = ++ncol;
            for (int g = 0; g < ng; g++)
                if (r->agents[g].team == team && m->row_fair[g * FK_N + k])
                    lp_put(&mat, m->row_fair[g * FK_N + k], mark, -m->share[g * FK_N + k]);
        }
    glp_add_cols(lp, ncol);
    for (int j = 1; j <= ncol; j++)
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
    int c = slack0;
    for (int t = 0; t < nt; t++) {
        double lo = grid_below(m, t), st = m->step;
        glp_set_obj_coef(lp, ++c, m->wu[t]);
        glp_set_obj_coef(lp, ++c, (slot_cost(m, lo + st, t) - slot_cost(m, lo, t)) / st);
        glp_set_col_bnds(lp, c, GLP_DB, 0, st);
        glp_set_obj_coef(lp, ++c, m->wo);
    }
    for (size_t i = 0; i < (size_t)cfg->nqueues * nt; i++)
        if (m->skill_row[i])
            glp_set_obj_coef(lp, ++c, COLGEN_W_SKILL);
    for (size_t i = 0; i < (size_t)cfg->nqueues * nt; i++)
        if (m->skill_row[i]) {
            double soft = m->skill_lo[(size_t)cfg->nqueues * nt + i];
            glp_set_obj_coef(lp, ++c, m->wu[i % (size_t)nt]);
            if (soft > 0)
                glp_set_col_bnds(lp, c, GLP_DB, 0, soft);
            else
                glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
        }
    for (int team = -1, j = fair0; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++)
            glp_set_obj_coef(lp, ++j, fair_weight(cfg, k));
    glp_load_matrix(lp, (int)mat.n, mat.ia, mat.ja, mat.ar);
    lp_mat_free(&mat);

    /* Every agent starts with the month off: legal but for the contract's
     * days, whose every day short costs COLGEN_W_CONTRACT (so the LP has a
     * start, and an agent no month suits is still rostered - off, the
     * checker naming the weeks). */
    int *off = xmalloc(sizeof *off * (size_t)(nd ? nd : 1));
    m->wneed = xcalloc((size_t)(ng ? ng : 1) * ASSIGN_WEEKS, sizeof *m->wneed);
    m->after = xcalloc((size_t)(ng ? ng : 1) * 2, sizeof *m->after);
    m->start = xcalloc((size_t)(ng ? ng : 1), sizeof *m->start);
    for (int g = 0; g < ng; g++) {
        m->after[2 * g] = assign_must_after(cfg, r, g);
        m->after[2 * g + 1] = m->after[2 * g] * wfm_longest_shift_min(cfg, r->agents[g].team, r->agents[g].night_ok);
        uint64_t k0 = m->start[g] = start_state(cfg, r, &m->tu, rules_of(m, r, g), g);
        int *wn = &m->wneed[g * ASSIGN_WEEKS], cw = K_WD(k0);
        int short_days = assign_contract_weeks(cfg, r, g, cw, K_WM(k0), wn);
        wn[0] += cw;   /* a state's days of week 0 hold the carried-in ones */
        for (int d = 0; d < nd; d++)
            off[d] = r->leave && r->leave[(size_t)g * nd + d] ? ROSTER_LEAVE : ROSTER_OFF;
        add_column(m, cfg, r, in->skill_need, g, off);
        int col = m->col_index[m->ncols - 1];
        glp_set_obj_coef(lp, col, glp_get_obj_coef(lp, col) + COLGEN_W_CONTRACT * short_days);
    }
    free(off);
}

static void master_free(Master *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->exact), free(m->rules), free(m->pcost), free(m->pinned), free(m->haspref);
    free(m->row_cls), free(m->xcol), free(m->need), free(m->wu);
    free(m->row_cnt), free(m->row_conv), free(m->row_fair), free(m->share);
    free(m->skill_row), free(m->skill_lo), free(m->ycol), free(m->row_meal), free(m->wneed), free(m->after), free(m->start), free(m->col_agent), free(m->col_month), free(m->col_index);
    memset(m, 0, sizeof *m);
}

/* Agent g's profit per day x unit from the duals (base: of the class rows
 * and of the template rows). */
static void profits(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                    const double *base_cls, const double *base_cnt, double *out)
{
    int nd = m->nd, ns = m->ns, nu = units(m, g)->n;
    int *rows = xmalloc(sizeof *rows * (size_t)(2 * (1440 / m->I) * cfg->nqueues + 1));
    double fd[FK_N];
    for (int k = 0; k < FK_N; k++)
        fd[k] = m->row_fair[g * FK_N + k] ? glp_get_row_dual(m->lp, m->row_fair[g * FK_N + k]) : 0;
    for (int d = 0; d < nd; d++)
        for (int u = 0; u < nu; u++) {
            int s = unit_template(m, g, u);
            double v = base_cls[d * m->ncls + unit_class(m, g, u)];
            if (m->exact[g]) {
                if (!m->row_cnt[d * ns + s])
                    continue;
                v += base_cnt[d * ns + s];
            }
            for (int k = 0; k < FK_N; k++)
                if (fd[k] != 0 && counts(cfg, s, r->first_day + d, k))
                    v += fd[k];
            if (m->exact[g] && skill_need && r->agents[g].skills) {
                int k = skill_rows(m, cfg, r->agents[g].skills, d, s, rows);
                for (int i = 0; i < k; i++)
                    v += glp_get_row_dual(m->lp, rows[i]);
            }
            /* Ties broken by a tiny profit, agent by agent and day by day
             * (else every skilled agent would take the first template on
             * offer - all at 07:00); never negative, so the bound stays one. */
            if (m->exact[g])
                v += 1e-6 * (double)((unsigned)(g * 7919 + d * 104729 + s * 31) % 97) / 97;
            out[d * nu + u] = v - pref_cost(m, g, d, s);
        }
    free(rows);
}

static int solve_lp(Master *m, double seconds_left)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_OFF;
    p.tm_lim = (int)fmax(1000, 1000 * seconds_left);
    int rc = glp_simplex(m->lp, &p);
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        /* A lost basis: start again from the standard one. */
        glp_std_basis(m->lp);
        rc = glp_simplex(m->lp, &p);
    }
    return rc == 0 && glp_get_status(m->lp) == GLP_OPT ? 0 : -1;
}

/* One pricing round over the agents not fixed: adds the improving columns,
 * returns how many; *lag gets the sum of the agents' negative reduced costs. */
static int price_round(Master *m, const ColGenIn *in, const unsigned char *fixed, const unsigned char *allowed_all,
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
        Price p = { cfg, r, units(m, g), nd, &allowed_all[(size_t)g * nd * ns], prof, &m->wneed[g * ASSIGN_WEEKS],
                    rules_of(m, r, g), 0, mine ? &m->pcost[at] : NULL, mine ? &m->pinned[at] : NULL,
                    m->after[2 * g], m->after[2 * g + 1] };
        double v = price_agent(&p, g, dp, month);
        double rc = -v - glp_get_row_dual(m->lp, m->row_conv[g]);
        if (rc < 0)
            *lag += rc;
        if (rc < -1e-6) {
            add_column(m, cfg, r, in->skill_need, g, month);
            added++;
        }
    }
    free(base), free(bcls), free(prof), free(month);
    return added;
}

/* The LP's skill-hour slack: above 0, the months it takes leave a skill
 * queue's hour without a skilled agent, which the checker refuses. */
static double skill_slack(const Master *m)
{
    double v = 0;
    for (int j = m->ncover + 1; j <= m->ncover + m->nskill; j++)
        v += glp_get_col_prim(m->lp, j);
    return v;
}

/* Fixes the left agents not yet fixed: whole months the LP takes (almost)
 * whole, else the most certain twentieth of them; re-solves and re-prices
 * between steps.  Past the time limit or on the stop flag, a fifth at a
 * time, pricing only where the LP leaves a skill hour open (a roster that
 * keeps every rule is needed before anything can be kept). */
static int dive(Search *S, int left, ColGenOut *out, WfmErr *err)
{
    Master *m = S->m;
    int ng = m->ng;
    for (int it = 0; it < 5; it++) {
        double lag;
        if (solve_lp(m, fmax(5, S->tl - lp_seconds_since(S->t0))))
            return wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP in the dive");
        if ((S->in->stop && *S->in->stop) || lp_seconds_since(S->t0) > S->tl ||
            !price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
            break;
    }
    while (left > 0) {
        for (int g = 0; g < ng; g++)
            S->bestcol[g] = -1, S->bestval[g] = -1;
        for (size_t j = 0; j < m->ncols; j++) {
            int g = m->col_agent[j];
            double v = glp_get_col_prim(m->lp, m->col_index[j]);
            if (!S->fixed[g] && v > S->bestval[g])
                S->bestval[g] = v, S->bestcol[g] = (int)j;
        }
        /* Stopped or past the time limit: a fifth at a time. */
        int quick = S->in->stop && *S->in->stop, late = quick || lp_seconds_since(S->t0) > S->tl;
        int nfix = 0, want = late ? (left + 4) / 5 : (left + 19) / 20;
        for (int g = 0; g < ng; g++)
            if (!S->fixed[g] && S->bestval[g] >= 0.9)
                S->fixed[g] = 2, nfix++;
        while (nfix < want) {
            int pick = -1;
            for (int g = 0; g < ng; g++)
                if (!S->fixed[g] && (pick < 0 || S->bestval[g] > S->bestval[pick]))
                    pick = g;
            S->fixed[pick] = 2, nfix++;
        }
        for (size_t j = 0; j < m->ncols; j++) {
            int g = m->col_agent[j];
            if (S->fixed[g] == 2 && (int)j != S->bestcol[g])
                glp_set_col_bnds(m->lp, m->col_index[j], GLP_FX, 0, 0);
        }
        for (int g = 0; g < ng; g++)
            if (S->fixed[g] == 2)
                S->fixed[g] = 1, left--;
        if (late)
            out->stopped = 1;
        for (int it = 0; it < 3; it++) {
            double lag;
            if (solve_lp(m, fmax(5, S->tl - lp_seconds_since(S->t0))))
                return wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP in the dive");
            if (left == 0 || (late && skill_slack(m) <= 1e-6) ||
                !price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
                break;
        }
    }
    return 0;
}

/* With every agent's month fixed: whole start counts per day and
 * template (the class totals the months give; at least the months naming
 * the template), by a GLPK MIP over the counts for at most secs seconds,
 * else by rounding the LP's (largest remainder within each class).  Writes
 * the counts and the meal shares. */
static void whole_starts(Master *m, double secs, int *xint, double *meal)
{
    int nd = m->nd, ns = m->ns, ok = 0;
    size_t nm = (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS;
    for (int k = 0; k < nd * ns; k++)
        if (m->xcol[k])
            glp_set_col_kind(m->lp, m->xcol[k], GLP_IV);
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_PCH;
    p.tm_lim = (int)(1000 * secs);
    int r = glp_intopt(m->lp, &p), st = glp_mip_status(m->lp);
    if ((r == 0 || r == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        ok = 1;
        for (int k = 0; k < nd * ns; k++)
            xint[k] = m->xcol[k] ? (int)lround(glp_mip_col_val(m->lp, m->xcol[k])) : 0;
        for (size_t k = 0; k < nm; k++)
            meal[k] = m->ycol[k] ? glp_mip_col_val(m->lp, m->ycol[k]) : 0;
    }
    for (int k = 0; k < nd * ns; k++)
        if (m->xcol[k])
            glp_set_col_kind(m->lp, m->xcol[k], GLP_CV);
    if (ok)
        return;
    for (size_t k = 0; k < nm; k++)
        meal[k] = m->ycol[k] ? glp_get_col_prim(m->lp, m->ycol[k]) : 0;
    double v[30];
    int tpl[30], got[30];
    for (int d = 0; d < nd; d++)
        for (int c = 0; c < m->ncls; c++) {
            double tot = 0;
            int n = 0;
            for (int s = 0; s < ns; s++)
                if (m->cls[s] == c && m->xcol[d * ns + s])
                    tot += v[n] = glp_get_col_prim(m->lp, m->xcol[d * ns + s]), tpl[n++] = s;
            stats_round_to_total(v, n, (int)lround(tot), got);
            for (int i = 0; i < n; i++)
                xint[d * ns + tpl[i]] = got[i];
        }
}

/* Agents whose months are of classes get the day's starts of their class:
 * xint less the months naming templates.  choice: classes in, templates
 * out. */
static void give_starts(const Master *m, const int *xint, int *choice)
{
    int nd = m->nd, ns = m->ns, ng = m->ng;
    int *left = xmalloc(sizeof *left * (size_t)ns);
    for (int d = 0; d < nd; d++) {
        for (int s = 0; s < ns; s++)
            left[s] = xint[d * ns + s];
        for (int g = 0; g < ng; g++)
            if (m->exact[g] && choice[(size_t)g * nd + d] >= 0)
                left[choice[(size_t)g * nd + d]]--;
        for (int g = 0; g < ng; g++) {
            int *x = &choice[(size_t)g * nd + d], c = *x, give = -1;
            if (m->exact[g] || c < 0)
                continue;
            for (int s = 0; s < ns; s++)   /* a start left, else any of the class */
                if (m->cls[s] == c && m->xcol[d * ns + s] && (give < 0 || (left[give] <= 0 && left[s] > 0)))
                    give = s;
            left[give]--, *x = give;
        }
    }
    free(left);
}

typedef struct Late {
    double late;   /* minutes later than the day's mean start of his class, summed */
    int g, s;
} Late;

static int by_late(const void *a, const void *b)
{
    const Late *x = a, *y = b;
    return x->late < y->late ? 1 : x->late > y->late ? -1 : x->g - y->g;
}

static int by_start(const void *a, const void *b)
{
    const Late *x = a, *y = b;
    return x->s - y->s;
}

/* The staggered starts rotate: day by day, the starts a class's agents
 * work are dealt out again among agents alike (no skill queue, or the same
 * skills: coverage of every queue stays as it is, and the rules hold, a
 * class's templates being alike for them), the latest starters so far
 * getting the earliest starts. */
static void rotate_starts(const Master *m, const WfmConfig *cfg, const Roster *r, int *choice)
{
    int nd = m->nd, ng = m->ng;
    double *late = xcalloc((size_t)(ng ? ng : 1), sizeof *late);
    Late *who = xmalloc(sizeof *who * (size_t)(ng ? ng : 1)), *st = xmalloc(sizeof *st * (size_t)(ng ? ng : 1));
    unsigned char *done = xmalloc((size_t)(ng ? ng : 1));
    for (int d = 0; d < nd; d++) {
        memset(done, 0, (size_t)(ng ? ng : 1));
        for (int g0 = 0; g0 < ng; g0++) {
            int s0 = choice[(size_t)g0 * nd + d], n = 0;
            if (done[g0] || s0 < 0)
                continue;
            unsigned key = alike(m, r, g0);
            for (int g = g0; g < ng; g++) {
                int s = choice[(size_t)g * nd + d];
                if (!done[g] && s >= 0 && m->cls[s] == m->cls[s0] && alike(m, r, g) == key) {
                    done[g] = 1;
                    who[n] = (Late){ late[g], g, 0 };
                    st[n++] = (Late){ 0, g, cfg->shifts[s].start_min * 64 + s };
                }
            }
            qsort(who, (size_t)n, sizeof *who, by_late);
            qsort(st, (size_t)n, sizeof *st, by_start);
            double mean = 0;
            for (int i = 0; i < n; i++)
                mean += st[i].s / 64;
            mean /= n;
            for (int i = 0; i < n; i++) {
                choice[(size_t)who[i].g * nd + d] = st[i].s % 64;
                late[who[i].g] += st[i].s / 64 - mean;
            }
        }
    }
    free(late), free(who), free(st), free(done);
}

/* ---- polish: single agents' days moved on the whole roster ---- */

/* Puts (sign 1) or takes away (-1) an agent on template s of day d with
 * his meal in slot k; returns what the coverage cost changes by. */
static double put(Polish *P, int d, int s, int k, int sign)
{
    const Master *m = P->m;
    const ShiftTemplate *t = &P->cfg->shifts[s];
    int a = 1440 * d + t->start_min, b = a + t->length_min;
    int ma = a + t->meal_from_min + 30 * k, mb = t->meal_min > 0 ? ma + t->meal_min : ma;
    double delta = 0;
    for (int h = a / m->I; h * m->I < b && h < m->nt; h++) {
        double amt = (double)(slot_overlap(a, b, h, m->I) - (mb > ma ? slot_overlap(ma, mb, h, m->I) : 0)) / m->I;
        double old = slot_cost(m, P->cov[h], h);
        P->cov[h] += sign * amt;
        delta += slot_cost(m, P->cov[h], h) - old;
    }
    if (t->meal_min > 0)
        P->meal[(size_t)(d * m->ns + s) * SHIFTPLAN_MEAL_SLOTS + k] += sign;
    return delta;
}

/* Agent g on template s of day d put on (sign 1) or taken off (-1) the
 * skill rows' counts; returns what the skill queues' cost changes by. */
static double skill_put(Polish *P, int g, int d, int s, int sign)
{
    const Master *m = P->m;
    unsigned sk = P->r->agents[g].skills;
    if (!P->scnt || !sk)
        return 0;
    const ShiftTemplate *tp = &P->cfg->shifts[s];
    int a = 1440 * d + tp->start_min, b = a + tp->length_min, I = m->I;
    double delta = 0;
    for (int q = 0; q < P->cfg->nqueues; q++) {
        if (!(sk >> q & 1) || !P->cfg->queues[q].skill[0])
            continue;
        for (int t = (a + I - 1) / I; (t + 1) * I <= b && t < m->nt; t++) {
            double *c = &P->scnt[(size_t)q * m->nt + t];
            double before = skill_slot_cost(P->cfg, m->nd, I, m->skill_need, m->skill_duty, q, t, *c);
            *c += sign;
            delta += skill_slot_cost(P->cfg, m->nd, I, m->skill_need, m->skill_duty, q, t, *c) - before;
        }
    }
    return delta;
}

/* Adds (sign 1) the agent with the meal slot that costs least, or takes
 * away (-1) one of the slot's agents whose leaving costs least; *k gets
 * the slot; returns the cost's change. */
static double put_best(Polish *P, int d, int s, int sign, int *k)
{
    const ShiftTemplate *t = &P->cfg->shifts[s];
    double best = INFINITY;
    *k = 0;
    for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS; b++) {
        if (t->meal_min > 0 && (t->meal_from_min + 30 * b > t->meal_to_min ||
                                (sign < 0 && P->meal[(size_t)(d * P->m->ns + s) * SHIFTPLAN_MEAL_SLOTS + b] < 0.5)))
            continue;
        double v = put(P, d, s, b, sign);
        put(P, d, s, b, -sign);
        if (v < best)
            best = v, *k = b;
        if (t->meal_min <= 0)
            break;
    }
    return put(P, d, s, *k, sign);
}

/* Does agent g's month keep every rule the pricing keeps, and no team's
 * fairness mark rise? */
static int month_ok(const Polish *P, int g, const int *row)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    const RuleSet *rs = rules_of(m, r, g);
    uint64_t k0 = m->start[g];
    uint32_t st = K_RULES(k0);
    int last = K_LAST(k0), run = K_RUN(k0), wd = K_WD(k0), wm = K_WM(k0), c[FK_N] = { 0 };
    int maxwd = 7 - cfg->min_days_off_per_week, cap = contract_min(cfg, &r->agents[g]);
    int lastw = assign_week_of(r, m->nd - 1), after = m->after[2 * g], after_min = m->after[2 * g + 1];
    const int *need = &m->wneed[g * ASSIGN_WEEKS];
    for (int d = 0; d < m->nd; d++) {
        int s = row[d], late = assign_week_of(r, d) == lastw;
        if (date_weekday(r->first_day + d) == WD_MON) {
            if (d > 0 && wd < need[assign_week_of(r, d - 1)])
                return 0;
            wd = 0, wm = 0;
        }
        if (!wfm_rules_step(rs, &st, s, wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d)) || !pin_ok(m, g, d, s))
            return 0;
        if (s < 0) {
            if (s == ROSTER_OFF && wfm_must_work(cfg, r->agents[g].team, r->first_day + d) &&
                assign_can_work(cfg, r, g, d))
                return 0;   /* off on his team's weekend day */
            last = NO_UNIT, run = 0;
            continue;
        }
        if ((r->leave && r->leave[(size_t)g * m->nd + d]) || !m->xcol[d * m->ns + s] ||
            !wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind) ||
            (last != NO_UNIT && !rest_ok(cfg, last, s)) || ++run > cfg->max_consecutive_days ||
            ++wd > maxwd - (late ? after : 0) || (wm += m->twork[s]) > cap - (late ? after_min : 0))
            return 0;
        last = s;
        for (int f = 0; f < FK_N; f++)
            c[f] += counts(cfg, s, r->first_day + d, f);
    }
    if (wd < need[assign_week_of(r, m->nd - 1)] || !wfm_rules_end(rs, st, wfm_rules_end_flags(r->first_day, m->nd)))
        return 0;
    for (int f = 0; f < FK_N; f++) {
        double sh = m->share[g * FK_N + f];
        if (sh > 0 && c[f] / sh > P->hi[(r->agents[g].team + 1) * FK_N + f] + 1e-9)
            return 0;
    }
    return 1;
}

/* Agent g's day d1: his shift dropped, moved to another start or to a day
 * off, or (a day off) a shift added - the best legal of these is taken
 * when it changes the cost by less than tau (0: only an improvement).
 * Returns the change. */
static int queue_day_ok(const Polish *P, const unsigned char *need, int q, int d);

/* A skilled agent's days d1 (left) and d2 (taken; -1: none) keep each of
 * his queues on those days and the days after able to give every meal a
 * cover (queue_day_ok). */
static int queues_kept(const Polish *P, int g, int d1, int d2)
{
    unsigned sk = P->r->agents[g].skills;
    for (int q = 0; q < P->cfg->nqueues && P->scnt && sk; q++)
        if ((sk >> q & 1) && P->cfg->queues[q].skill[0] &&
            !(queue_day_ok(P, P->m->skill_need, q, d1) && queue_day_ok(P, P->m->skill_need, q, d1 + 1) &&
              (d2 < 0 || (queue_day_ok(P, P->m->skill_need, q, d2) && queue_day_ok(P, P->m->skill_need, q, d2 + 1)))))
            return 0;
    return 1;
}

static double try_day(Polish *P, int g, int d1, double tau)
{
    const Master *m = P->m;
    int nd = m->nd, ns = m->ns, *row = &P->choice[(size_t)g * nd], s1 = row[d1], k, k1 = 0;
    if (s1 == ROSTER_LEAVE)
        return 0;
    for (int s = 0; s < ns; s++)   /* his team's kinds: no use pricing the others */
        P->works[s] = wfm_team_works(P->cfg, P->r->agents[g].team, P->r->agents[g].night_ok, P->cfg->shifts[s].kind);
    double base = s1 >= 0 ? put_best(P, d1, s1, -1, &k1) + skill_put(P, g, d1, s1, -1) + pref_cost(m, g, d1, ROSTER_OFF) -
                                pref_cost(m, g, d1, s1)
                          : 0;
    double best = INFINITY;
    int bd = -1, bs = -1;   /* the best move's day and template (-1: the shift dropped) */
    row[d1] = ROSTER_OFF;
    if (s1 >= 0 && base < tau - 1e-9 && month_ok(P, g, row) && queues_kept(P, g, d1, -1))   /* dropped (the contract's days may forbid it) */
        best = base;
    for (int d2 = 0; d2 < nd; d2++) {
        if (row[d2] != ROSTER_OFF || (s1 < 0 && d2 != d1))
            continue;
        for (int s2 = 0; s2 < ns; s2++) {
            if (!m->xcol[d2 * ns + s2] || (d2 == d1 && s2 == s1) || !P->works[s2])
                continue;
            double v = base + put_best(P, d2, s2, 1, &k) + skill_put(P, g, d2, s2, 1) + pref_cost(m, g, d2, s2) -
                       pref_cost(m, g, d2, ROSTER_OFF);
            put(P, d2, s2, k, -1);
            skill_put(P, g, d2, s2, -1);
            if (v >= best - 1e-9 || v >= tau - 1e-9)
                continue;
            row[d2] = s2;
            if (month_ok(P, g, row) && queues_kept(P, g, d1, d2))
                best = v, bd = d2, bs = s2;
            row[d2] = ROSTER_OFF;
        }
    }
    if (best < tau - 1e-9) {
        if (bd >= 0)
            row[bd] = bs, put_best(P, bd, bs, 1, &k), skill_put(P, g, bd, bs, 1);
        return best;
    }
    row[d1] = s1;
    if (s1 >= 0)
        put(P, d1, s1, k1, 1), skill_put(P, g, d1, s1, 1);
    return 0;
}

/* Agents g and h of one team, alike for the coverage (no skill queue, or
 * the same skills), trade days: g's shift on d (of kind f) goes to h, off
 * that day, and h's shift on e (not of kind f; e < 0: none) to g, off that
 * day.  Every day keeps its shifts, so coverage and meals stay as they
 * are; g's count falls by one, h's rises by one.  Kept only when both
 * months keep the rules and no mark rises. */
static int trade(Polish *P, int g, int h, int d, int e)
{
    int nd = P->m->nd, *a = &P->choice[(size_t)g * nd], *b = &P->choice[(size_t)h * nd];
    int s = a[d], t = e >= 0 ? b[e] : ROSTER_OFF;
    a[d] = ROSTER_OFF, b[d] = s;
    if (e >= 0)
        a[e] = t, b[e] = ROSTER_OFF;
    if (month_ok(P, g, a) && month_ok(P, h, b))
        return 1;
    a[d] = s, b[d] = ROSTER_OFF;
    if (e >= 0)
        a[e] = ROSTER_OFF, b[e] = t;
    return 0;
}

/* Agent g, at his team's mark top of kind f, trades one day of the kind
 * with an agent of the team alike (cnt: the team's counts, -1 for others)
 * whose count stays under the mark; returns whether one was found. */
static int lower_one(Polish *P, int g, int f, int *cnt, double top)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int nd = m->nd, ng = m->ng, *row = &P->choice[(size_t)g * nd];
    for (int d = 0; d < nd; d++) {
        if (row[d] < 0 || !counts(P->cfg, row[d], r->first_day + d, f))
            continue;
        for (int e = 0; e <= nd; e++) {   /* e = nd: nothing back */
            if (e < nd && row[e] != ROSTER_OFF)
                continue;
            for (int h = 0; h < ng; h++) {
                int t = e < nd ? P->choice[(size_t)h * nd + e] : 0;
                if (h == g || cnt[h] < 0 || alike(m, r, h) != alike(m, r, g) ||
                    P->choice[(size_t)h * nd + d] != ROSTER_OFF || t < 0 ||
                    (e < nd && counts(P->cfg, t, r->first_day + e, f)) ||
                    (cnt[h] + 1) / m->share[h * FK_N + f] > top - 1e-9)
                    continue;
                if (trade(P, g, h, d, e < nd ? e : -1)) {
                    cnt[g]--, cnt[h]++;
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* Lowers the teams' fairness marks without touching coverage: while every
 * agent at a team's mark can trade one day of the kind with an agent
 * below it, they do (the mark falls a step).  The annealing keeps marks
 * but can hardly lower them: the mark is the highest count, and one agent's
 * move never lowers a highest count that several share. */
static void even_marks(Polish *P)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int ng = m->ng;
    int *cnt = xmalloc(sizeof *cnt * (size_t)(ng ? ng : 1));
    for (int team = -1; team < P->cfg->nteams; team++)
        for (int f = 0; f < FK_N; f++) {
            if (!(fair_weight(P->cfg, f) > 0))
                continue;
            for (int more = 1; more;) {
                double top = 0;
                for (int g = 0; g < ng; g++) {
                    double sh = m->share[g * FK_N + f];
                    cnt[g] = r->agents[g].team == team && sh > 0 ? count_of(P->cfg, r, P->choice, g, f) : -1;
                    if (cnt[g] >= 0)
                        top = fmax(top, cnt[g] / sh);
                }
                if (top <= 0)
                    break;
                for (int g = 0; g < ng && more; g++)
                    if (cnt[g] >= 0 && cnt[g] / m->share[g * FK_N + f] >= top - 1e-9)
                        more = lower_one(P, g, f, cnt, top);
                if (more)
                    marks(P->cfg, r, m->share, P->choice, P->hi);
            }
        }
    free(cnt);
}

/* The roster's value on the master's terms: coverage and the team marks
 * (P->hi set to them). */
/* Is queue q open in interval t (need: hourly, as for check_roster)? */
static int skill_open(const Master *m, const unsigned char *need, int q, int t)
{
    return need[(size_t)q * m->nh + t * m->I / 60] != 0;
}

/* Does another agent with skill bit q than g work a shift (day d or the
 * day before) that covers interval h whole? */
static int other_covers(const Polish *P, int q, int g, int d, int h)
{
    const Master *m = P->m;
    for (int o = 0; o < m->ng; o++) {
        if (o == g || !(P->r->agents[o].skills & (1u << q)))
            continue;
        for (int d2 = d - 1; d2 <= d; d2++) {
            int s = d2 >= 0 ? P->choice[(size_t)o * m->nd + d2] : -1;
            if (s < 0)
                continue;
            const ShiftTemplate *t = &P->cfg->shifts[s];
            if (slot_overlap(1440 * d2 + t->start_min, 1440 * d2 + t->start_min + t->length_min, h, m->I) >= m->I)
                return 1;
        }
    }
    return 0;
}

/* Can agent g (skill bit q) on template s of day d take his meal at a time
 * when every hour of the queue it touches has another skilled agent? */
static int meal_fits(const Polish *P, const unsigned char *need, int q, int g, int d, int s)
{
    const ShiftTemplate *t = &P->cfg->shifts[s];
    const Master *m = P->m;
    int a = 1440 * d + t->start_min;
    for (int off = t->meal_from_min; off <= t->meal_to_min; off += 30) {
        int ok = 1, ma = a + off, mb = ma + t->meal_min;
        for (int h = ma / m->I; h * m->I < mb && ok; h++)
            if (h < m->nt && skill_open(m, need, q, h) && slot_overlap(ma, mb, h, m->I) > 0)
                ok = other_covers(P, q, g, d, h);
        if (ok)
            return 1;
    }
    return 0;
}

/* Is queue q (skill bit) kept on day d: every hour it is open with a
 * skilled agent's shift, and every skilled agent's meal able to fall where
 * another covers? */
static int queue_day_ok(const Polish *P, const unsigned char *need, int q, int d)
{
    const Master *m = P->m;
    if (d < 0 || d >= m->nd)
        return 1;
    for (int h = d * (1440 / m->I); h < (d + 1) * (1440 / m->I); h++)
        if (skill_open(m, need, q, h) && !other_covers(P, q, -1, d, h))
            return 0;
    for (int g = 0; g < m->ng; g++) {
        int s = P->choice[(size_t)g * m->nd + d];
        if (s >= 0 && (P->r->agents[g].skills & (1u << q)) && P->cfg->shifts[s].meal_min > 0 &&
            !meal_fits(P, need, q, g, d, s))
            return 0;
    }
    return 1;
}

/* Agent o, off on day d, put on template s2 there: a shift added (e < 0;
 * his month keeping the rules), or his day e moved there (his month
 * keeping the rules, and every queue he has still kept on both days and
 * the day after e, which his shift may reach).  Returns the coverage
 * cost's change, or INFINITY. */
static double try_move(Polish *P, const unsigned char *need, int o, int e, int d, int s2)
{
    const Master *m = P->m;
    int *row = &P->choice[(size_t)o * m->nd], se = e >= 0 ? row[e] : ROSTER_OFF, ok, k1 = 0, k2;
    if (e >= 0)
        row[e] = ROSTER_OFF;
    row[d] = s2;
    ok = month_ok(P, o, row);
    for (int q = 0; q < P->cfg->nqueues && ok && e >= 0; q++)
        if (P->cfg->queues[q].skill[0] && (P->r->agents[o].skills & (1u << q)))
            ok = queue_day_ok(P, need, q, e) && queue_day_ok(P, need, q, e + 1) && queue_day_ok(P, need, q, d);
    double v = INFINITY;
    if (ok) {
        v = (e >= 0 ? put_best(P, e, se, -1, &k1) : 0) + put_best(P, d, s2, 1, &k2);
        put(P, d, s2, k2, -1);
        if (e >= 0)
            put(P, e, se, k1, 1);
    }
    if (e >= 0)
        row[e] = se;
    row[d] = ROSTER_OFF;
    return v;
}

/* One more agent with skill bit q, off on day d, put on the template of
 * day d covering minutes wa..wb of the month that costs least: a shift
 * added, his month still keeping every rule, or else one of his days moved
 * there (his week's days and hours kept), the day it leaves still kept for
 * every queue he has.  Returns 1 when one was found. */
static int cover_window(Polish *P, const unsigned char *need, int q, int d, int wa, int wb)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    int nd = m->nd, ns = m->ns, bg = -1, bs = -1, be = -1, k;
    double best = INFINITY;
    for (int move = 0; move < 2 && bg < 0; move++)   /* a shift added, else one of his days moved */
        for (int o = 0; o < m->ng; o++) {
            const int *row = &P->choice[(size_t)o * nd];
            if (!(r->agents[o].skills & (1u << q)) || row[d] != ROSTER_OFF)
                continue;
            for (int s2 = 0; s2 < ns; s2++) {
                const ShiftTemplate *t2 = &cfg->shifts[s2];
                int a2 = 1440 * d + t2->start_min;
                if (!m->xcol[d * ns + s2] || a2 > wa || a2 + t2->length_min < wb ||
                    !wfm_team_works(cfg, r->agents[o].team, r->agents[o].night_ok, t2->kind))
                    continue;
                for (int e = move ? 0 : -1; e < (move ? nd : 0); e++) {
                    if (move && (e == d || row[e] < 0))
                        continue;
                    double v = try_move(P, need, o, e, d, s2);
                    if (v < best)
                        best = v, bg = o, bs = s2, be = e;
                }
            }
        }
    if (bg < 0)
        return 0;
    if (be >= 0) {
        int se = P->choice[(size_t)bg * nd + be];
        P->choice[(size_t)bg * nd + be] = ROSTER_OFF;
        put_best(P, be, se, -1, &k);
    }
    P->choice[(size_t)bg * nd + d] = bs;
    put_best(P, d, bs, 1, &k);
    return 1;
}

/* After the annealing, for every skill queue: an hour it is open with no
 * skilled agent's shift (the master's skill rows are soft, and a dive cut
 * short by Ctrl-C or the time limit may leave one), and an hour in which
 * the only skilled agent on duty would have to take his meal (the master
 * counts shifts, not meals, so the months cannot see it), each get one more
 * agent with the skill (cover_window).  Returns the shifts added or moved. */
static int cover_meals(Polish *P, const unsigned char *need)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    int nd = m->nd, added = 0;
    for (int q = 0; q < cfg->nqueues && need; q++) {
        if (!cfg->queues[q].skill[0])
            continue;
        for (int d = 0; d < nd; d++) {
            for (int h = d * (1440 / m->I); h < (d + 1) * (1440 / m->I); h++)
                if (skill_open(m, need, q, h) && !other_covers(P, q, -1, d, h))
                    added += cover_window(P, need, q, d, h * m->I, (h + 1) * m->I);
            for (int g = 0; g < m->ng; g++) {
                int s = P->choice[(size_t)g * nd + d];
                if (s < 0 || !(r->agents[g].skills & (1u << q)) || cfg->shifts[s].meal_min <= 0 ||
                    meal_fits(P, need, q, g, d, s))
                    continue;
                const ShiftTemplate *t = &cfg->shifts[s];
                int wa = 1440 * d + t->start_min + t->meal_from_min, wb = wa - t->meal_from_min + t->meal_to_min + t->meal_min;
                added += cover_window(P, need, q, d, wa, wb);
            }
        }
    }
    return added;
}

static double value_of(Polish *P)
{
    const Master *m = P->m;
    double v = marks(P->cfg, P->r, m->share, P->choice, P->hi);
    if (m->skill_need) {
        double *cnt = xmalloc(sizeof *cnt * (size_t)P->cfg->nqueues * (size_t)m->nt);
        skilled_cover(P->cfg, P->r, P->choice, 0, m->I, cnt);
        v += skill_cost(P->cfg, m->nd, m->I, m->skill_need, m->skill_duty, cnt);
        free(cnt);
    }
    for (int h = 0; h < m->nt; h++)
        v += slot_cost(m, P->cov[h], h);
    for (int g = 0; g < m->ng && m->pcost; g++)
        for (int d = 0; d < m->nd; d++)
            v += pref_cost(m, g, d, P->choice[(size_t)g * m->nd + d]);
    return v;
}

/* Polishes the roster in choice (templates) and meal (the day x template's
 * meal shares, made whole here): agents who cover no skill queue move one
 * day at a time while that lowers the cost, until no move helps or the
 * clock passes until.  Returns the roster's value on the master's terms
 * (coverage and fairness). */
static double polish(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need,
                     int *choice, double *meal, const struct timespec *t0, double until,
                     const volatile sig_atomic_t *stop, double bound, int *moves, int *meal_covers)
{
    int nd = m->nd, ns = m->ns, ng = m->ng, nt = cfg->nteams + 1;
    Polish P = { m, cfg, r, choice, meal, xcalloc((size_t)m->nt, sizeof(double)), NULL,
                 xcalloc((size_t)nt * FK_N, sizeof(double)), 0, { 0 } };
    if (skill_need) {
        P.scnt = xmalloc(sizeof *P.scnt * (size_t)cfg->nqueues * (size_t)m->nt);
        skilled_cover(cfg, r, choice, 0, m->I, P.scnt);
    }
    int want[SHIFTPLAN_MEAL_SLOTS];
    /* Whole meal counts, spread as the shares say (largest remainder), and
     * the coverage they give. */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            const ShiftTemplate *t = &cfg->shifts[s];
            double *y = &meal[(size_t)(d * ns + s) * SHIFTPLAN_MEAL_SLOTS], tot = 0, v[SHIFTPLAN_MEAL_SLOTS];
            int take = 0, nb = 0;
            for (int g = 0; g < ng; g++)
                take += choice[(size_t)g * nd + d] == s;
            while (nb < SHIFTPLAN_MEAL_SLOTS && t->meal_from_min + 30 * nb <= t->meal_to_min)
                nb++;
            if (t->meal_min <= 0)
                nb = 1;
            for (int b = 0; b < nb; b++)
                tot += y[b];
            for (int b = 0; b < nb; b++)   /* no shares: spread evenly */
                v[b] = tot > 0 ? y[b] / tot * take : (double)take / nb;
            stats_round_to_total(v, nb, take, want);
            for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS; b++)
                y[b] = 0;
            for (int b = 0; b < nb; b++)
                for (int i = 0; i < want[b]; i++)
                    put(&P, d, s, b, 1);
        }
    double v0 = value_of(&P);   /* the marks never to rise; at the bound, done */
    /* Annealing: a random agent's random day takes its best move when that
     * costs less than T ln(1/u), T cooling from 1 (an hour of
     * over-coverage) to 0.01 by the time limit or 2 ms per agent-day; the best roster seen is
     * kept.  Then agent by agent, day by day, improvements only. */
    double cur = 0, bestv = 0, T0 = 1, T1 = 0.01, start = lp_seconds_since(t0);
    int *bchoice = xmalloc(sizeof *bchoice * (size_t)ng * nd), *mover = xmalloc(sizeof *mover * (size_t)(ng ? ng : 1));
    double *bmeal = xmalloc(sizeof *bmeal * (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS);
    double *bcov = xmalloc(sizeof *bcov * (size_t)m->nt);
    /* Who moves: every agent (a skilled agent's move costs its skill
     * queues' change too, and keeps every meal of his queues coverable;
     * preferences and pinned days are in the move's cost and month_ok). */
    int nm = 0;
    unsigned char *moves_ok = xcalloc((size_t)(ng ? ng : 1), 1);
    for (int g = 0; g < ng; g++)
        mover[nm++] = g, moves_ok[g] = 1;
    Rng rng;
    rng_seed(&rng, 20210101);
    memcpy(bchoice, choice, sizeof *bchoice * (size_t)ng * nd);
    memcpy(bmeal, meal, sizeof *bmeal * (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS);
    memcpy(bcov, P.cov, sizeof *bcov * (size_t)m->nt);
    /* enough: longer runs found little more; a small center (its MIP after
     * the dive has already searched) gets less */
    until = fmin(until, start + 0.002 * nm * nd * fmin(1, nm / 60.0));
    if (v0 <= bound + 1e-6)
        until = start;
    for (long it = 0; nm > 0 && until > start; it++) {
        if ((it & 255) == 0) {
            double f = (lp_seconds_since(t0) - start) / (until - start);
            if (f >= 1 || (stop && *stop))
                break;
            P.T = T0 * pow(T1 / T0, f);
        }
        double u = rng_unif(&rng);
        cur += try_day(&P, mover[rng_below(&rng, (uint32_t)nm)], (int)rng_below(&rng, (uint32_t)nd),
                       -P.T * log(u > 1e-300 ? u : 1e-300));
        if (cur < bestv - 1e-9) {
            bestv = cur;
            (*moves)++;
            memcpy(bchoice, choice, sizeof *bchoice * (size_t)ng * nd);
            memcpy(bmeal, meal, sizeof *bmeal * (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS);
            memcpy(bcov, P.cov, sizeof *bcov * (size_t)m->nt);
            if (v0 + bestv <= bound + 1e-6)
                break;   /* proven optimal */
        }
    }
    memcpy(choice, bchoice, sizeof *bchoice * (size_t)ng * nd);
    memcpy(meal, bmeal, sizeof *bmeal * (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS);
    memcpy(P.cov, bcov, sizeof *bcov * (size_t)m->nt);
    free(bchoice), free(bmeal), free(bcov), free(mover);
    for (int pass = 0; pass < 50; pass++) {
        double gain = 0;
        for (int g = 0; g < ng; g++)
            for (int d = 0; d < nd && moves_ok[g]; d++)
                gain += try_day(&P, g, d, 0);
        if (gain > -1e-6)
            break;
    }
    even_marks(&P);
    *meal_covers = cover_meals(&P, skill_need);
    double v = value_of(&P);
    free(P.cov), free(P.hi), free(P.scnt), free(moves_ok);
    return v;
}

/* ---- rules that contradict ---- */

/* What may leave an agent no legal month: each general rule (its index),
 * then the contract's days, the weekend duty and his pinned days. */
enum { WHY_CONTRACT = WFM_MAX_LIMITS, WHY_WEEKEND, WHY_PINS, WHY_N };

/* Agent g's month under every rule but why (-1: all of them): any legal? */
static int has_month(const Master *m, const ColGenIn *in, const unsigned char *allowed, Dp *dp, int g, int why,
                     const double *zero, int *month)
{
    static const int none[ASSIGN_WEEKS];
    RuleSet rs = *rules_of(m, in->r, g);
    int k = 0;
    for (int i = 0; i < rs.n; i++)
        if (rs.p[i].limit != why)
            rs.p[k++] = rs.p[i];
    rs.n = k;
    int pins = m->haspref && m->haspref[g] && why != WHY_PINS;
    Price p = { in->cfg, in->r, units(m, g), m->nd, &allowed[(size_t)g * m->nd * m->ns], zero,
                why == WHY_CONTRACT ? none : &m->wneed[g * ASSIGN_WEEKS], &rs, why == WHY_WEEKEND, NULL,
                pins ? &m->pinned[(size_t)g * m->nd * (m->ns + 1)] : NULL, m->after[2 * g], m->after[2 * g + 1] };
    return isfinite(price_agent(&p, g, dp, month));
}

/* 0 when every agent has a legal month; else WFM_EINPUT naming, for the
 * agents without one, the rules that cannot all hold (those whose leaving
 * out alone gives a month), the agents and their leave. */
static int contradictions(const Master *m, const ColGenIn *in, const unsigned char *allowed, Dp *dp, WfmErr *err)
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

int colgen_solve(const ColGenIn *in, ColGenOut *out, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, ng = r->nagents, rc = 0;
    struct timespec t0;
    double tl = in->time_limit_s > 0 ? in->time_limit_s : 60;
    Master m;
    Dp dp = { 0 };

    memset(out, 0, sizeof *out);
    if (nd <= 0 || ns <= 0 || ng <= 0)
        return wfm_err(err, WFM_EINPUT, "column generation: no days, templates or agents");
    if (ns > 30)
        return wfm_err(err, WFM_EINPUT, "column generation: %d shift templates, at most 30", ns);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_term_hook(lp_silent, NULL);

    dp.layer = xmalloc(sizeof *dp.layer * (size_t)(nd + 2));
    dp.hcap = 1024;
    dp.hash = xmalloc(sizeof *dp.hash * (size_t)dp.hcap);
    build_master(&m, in);
    /* Which units each agent may work on each day (leave, kinds, running
     * days): a class when one of its templates may be worked. */
    unsigned char *allowed = xcalloc((size_t)ng * nd * ns, 1);
    for (int g = 0; g < ng; g++)
        for (int d = 0; d < nd; d++)
            for (int s = 0; s < ns; s++)
                if (!(r->leave && r->leave[(size_t)g * nd + d]) && shiftplan_runs(cfg, s, r->first_day + d) &&
                    wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind))
                    allowed[(size_t)g * nd * ns + (size_t)(d * units(&m, g)->n + units(&m, g)->of[s])] = 1;
    if ((rc = contradictions(&m, in, allowed, &dp, err)))
        goto out;

    /* Root: column generation until no agent has a better month, the bound
     * meets the LP, or most of the time is gone. */
    double best_lb = -INFINITY, lpv = 0, lag_now = NAN, root_share = 0.6;
    int stall = 0;
    for (;;) {
        double left = tl - lp_seconds_since(&t0);
        if (solve_lp(&m, left)) {
            rc = wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP");
            goto out;
        }
        lpv = glp_get_obj_val(m.lp), lag_now = NAN;
        out->rounds++;
        /* Stopped (or most of the time gone): once the LP keeps every skill
         * hour, so that the dive can give a roster the checker takes. */
        if (((in->stop && *in->stop) || lp_seconds_since(&t0) > root_share * tl) && skill_slack(&m) <= 1e-6) {
            out->stopped = 1;
            break;
        }
        double lag;
        int added = price_round(&m, in, NULL, allowed, &dp, &lag);
        lag_now = lag;
        if (lpv + lag > best_lb + 1e-9)
            best_lb = lpv + lag, stall = 0;
        else
            stall++;
        if (!added) {
            out->converged = 1;
            best_lb = fmax(best_lb, lpv);
            break;
        }
        if (lpv - best_lb <= 1e-4 * fmax(1, fabs(lpv)))
            break;
    }
    out->lp = lpv;
    /* The bound of the last duals, with whole start counts (their pricing
     * done: lag_now). */
    if (!isnan(lag_now) && !out->stopped) {
        double t1 = lp_seconds_since(&t0);
        out->whole = cg_whole_gain(&m, fmax(1, fmin(5, 0.1 * tl)));
        out->whole_seconds = lp_seconds_since(&t0) - t1;
        best_lb = fmax(best_lb, lpv + lag_now + out->whole);
    }
    /* Every cost is at least 0, so 0 bounds too (early on the Lagrangian
     * bound is far below it). */
    out->bound = isfinite(best_lb) && best_lb > 0 ? best_lb : 0;
    out->root_seconds = lp_seconds_since(&t0);

    Search S = { &m, in, allowed, &dp, &t0, tl, xcalloc((size_t)ng, 1), xmalloc(sizeof(int) * (size_t)ng),
                 xmalloc(sizeof(double) * (size_t)ng) };
    if ((rc = dive(&S, ng, out, err)))
        goto done;
    out->dive = glp_get_obj_val(m.lp);
    /* Whole start counts, given out; days moved; the starts rotated. */
    out->choice = xmalloc(sizeof *out->choice * (size_t)ng * nd);
    for (size_t j = 0; j < m.ncols; j++)
        if (glp_get_col_prim(m.lp, m.col_index[j]) > 0.5)
            memcpy(&out->choice[(size_t)m.col_agent[j] * nd], &m.col_month[j * (size_t)nd], sizeof(int) * (size_t)nd);
    out->meal = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *out->meal);
    int *xint = xcalloc((size_t)nd * ns, sizeof *xint);
    whole_starts(&m, fmax(1, fmin(5, tl - lp_seconds_since(&t0))), xint, out->meal);
    give_starts(&m, xint, out->choice);
    out->objective = polish(&m, cfg, r, in->skill_need, out->choice, out->meal, &t0, tl, in->stop, out->bound,
                            &out->moves, &out->meal_covers);
    rotate_starts(&m, cfg, r, out->choice);
    free(xint);
    out->columns = (int)m.ncols;
done:
    free(S.fixed), free(S.bestcol), free(S.bestval);
out:
    out->seconds = lp_seconds_since(&t0);
    master_free(&m);
    free(dp.node), free(dp.layer), free(dp.hash), free(allowed);
    glp_term_hook(NULL, NULL);
    return rc;
}

int colgen_interval(const ColGenIn *in)
{
    int I = in->interval_min;
    return I > 0 && I <= 60 && 60 % I == 0 ? I : 60;
}

void colgen_free(ColGenOut *out)
{
    if (!out)
        return;
    free(out->choice), free(out->meal);
    out->choice = NULL, out->meal = NULL;
}
