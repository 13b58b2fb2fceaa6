/*
 * master.c - the master (GLPK LP) of the column generation, and the terms
 * of its objective on a whole roster.
 *
 * Per day x template a start count x (with its coverage of the hours and
 * its meal shares, as in the shift plan); per day x class the starts equal
 * the months working it, per day x template the skilled months naming it
 * are at most its starts; coverage soft per hour, its cost taken on the
 * chord between the two points of the duty grid around the need (a
 * roster's agents on duty come in steps of G/60, G the gcd of the
 * templates' minutes: a stronger relaxation with the same value on every
 * roster); one convexity row per agent, skill-queue hours (at least one
 * skilled agent, soft at a high price), and fairness rows per agent and
 * kind of work (weekend and holiday days; evening and night shifts for
 * agents who also work days): his count over the share of the month he can
 * work stays under his team's mark, whose height costs.  A column is one
 * agent's whole month.
 *
 * The first column of every agent, his month off, breaks only the
 * contract's days and costs COLGEN_W_CONTRACT a day short: the LP's start,
 * and the month of an agent no legal month exists for (the checker then
 * names his weeks).
 *
 * The fairness marks and the skill queues' cost of a whole roster are
 * reckoned here too, on the master's terms, so that a roster's value and
 * the bound compare.
 */
#include "internal.h"
#include "../assign.h"
#include "../../model/phone.h"
#include "../../core/alloc.h"

#include <stdlib.h>
#include <string.h>

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
                same = cg_rest_ok(cfg, s, u) == cg_rest_ok(cfg, rep[c], u) &&
                       cg_rest_ok(cfg, u, s) == cg_rest_ok(cfg, u, rep[c]);
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
double cg_fair_share(const WfmConfig *cfg, const Roster *r, int g, int k)
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
    double f = (double)avail / r->ndays * cg_contract_min(cfg, ag) / (cfg->weekly_hours * 60);
    return f >= 0.2 ? f : 0;
}

/* Agent g's days of kind f in the month of templates choice (ng x nd). */
int cg_count_of(const WfmConfig *cfg, const Roster *r, const int *choice, int g, int f)
{
    int nd = r->ndays, c = 0;
    for (int d = 0; d < nd; d++) {
        int s = choice[(size_t)g * nd + d];
        c += s >= 0 && cg_counts(cfg, s, r->first_day + d, f);
    }
    return c;
}

/* Each team's mark of each kind (the highest count over share among its
 * agents with a share: share ng x FK_N) in the month of templates choice
 * (ng x nd); writes hi ((nteams + 1) x FK_N) and returns what the marks
 * cost. */
double cg_marks(const WfmConfig *cfg, const Roster *r, const double *share, const int *choice, double *hi)
{
    double cost = 0;
    memset(hi, 0, sizeof *hi * (size_t)(cfg->nteams + 1) * FK_N);
    for (int g = 0; g < r->nagents; g++)
        for (int f = 0; f < FK_N; f++) {
            double sh = share[g * FK_N + f];
            if (!(sh > 0))
                continue;
            double *h = &hi[(r->agents[g].team + 1) * FK_N + f];
            *h = fmax(*h, cg_count_of(cfg, r, choice, g, f) / sh);
        }
    for (int k = 0; k < (cfg->nteams + 1) * FK_N; k++)
        cost += cg_fair_weight(cfg, k % FK_N) * hi[k];
    return cost;
}

/* What share of interval t (I minutes) a meal of template s on day d
 * takes, every meal time of its window alike (a month of templates whose
 * meals are not placed yet). */
double cg_meal_share(const WfmConfig *cfg, int s, int d, int t, int I)
{
    const ShiftTemplate *tp = &cfg->shifts[s];
    int a = 1440 * d + tp->start_min, n = 0;
    double v = 0;
    for (int o = tp->meal_from_min; tp->meal_min > 0 && o <= tp->meal_to_min; o += 30, n++)
        v += cg_slot_overlap(a + o, a + o + tp->meal_min, t, I);
    return n ? v / n / I : 0;
}

/* Agents with each skill whose shift covers each interval of I minutes
 * whole, as the skill rows count them: cnt has 2 x nqueues x nt values,
 * the agents, then the same less their meals (the roster's own meals where
 * the days are its own, else every meal time alike: cg_meal_share); the
 * carried-in last day, and unless carried_only the month's days from
 * choice (ng x nd templates; NULL: the roster's own days). */
void cg_skilled_cover(const WfmConfig *cfg, const Roster *r, const int *choice, int carried_only, int I,
                      double *cnt)
{
    int nd = r->ndays, nt = nd * (1440 / I);
    size_t half = (size_t)cfg->nqueues * nt;
    for (size_t i = 0; i < 2 * half; i++)
        cnt[i] = 0;
    for (int g = 0; g < r->nagents; g++) {
        unsigned sk = r->agents[g].skills;
        if (!sk)
            continue;
        for (int d = r->carry_days > 0 ? -1 : 0; d < (carried_only ? 0 : nd); d++) {
            int own = d < 0 || !choice;
            int x = own ? roster_at(r, g, d)->shift : choice[(size_t)g * nd + d];
            if (x < 0 || x >= cfg->nshifts)
                continue;
            const ShiftTemplate *tp = &cfg->shifts[x];
            int a = 1440 * d + (own ? roster_at(r, g, d)->start_min : tp->start_min), b = a + tp->length_min;
            int moff = own && tp->meal_min > 0 ? roster_at(r, g, d)->meal_off_min : -1, t0, t1;
            cg_whole_slots(a, b, I, nt, &t0, &t1);
            for (int t = t0; t < t1; t++) {
                double off = !own ? cg_meal_share(cfg, x, d, t, I)
                             : moff >= 0 ? (double)cg_slot_overlap(a + moff, a + moff + tp->meal_min, t, I) / I : 0;
                for (int q = 0; q < cfg->nqueues; q++)
                    if ((sk >> q & 1) && cfg->queues[q].skill[0])
                        cnt[(size_t)q * nt + t] += 1, cnt[half + (size_t)q * nt + t] += 1 - off;
            }
        }
    }
}

double cg_skill_cost(const WfmConfig *cfg, int nd, int I, const unsigned char *skill_need, const double *skill_duty,
                     const double *cnt)
{
    int nt = nd * (1440 / I);
    size_t half = (size_t)cfg->nqueues * nt;
    double c = 0;
    for (int q = 0; q < cfg->nqueues && skill_need; q++)
        for (int t = 0; t < nt && cfg->queues[q].skill[0]; t++)
            c += cg_skill_slot_cost(cfg, nd, I, skill_need, skill_duty, q, t, cnt[(size_t)q * nt + t],
                                    cnt[half + (size_t)q * nt + t]);
    return c;
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

/* The skill rows a skilled agent's month working shift s on day d is in
 * (each with coefficient 1): for each of his queues (skills: a bit per
 * queue), the sums of the intervals it covers whole and the tie of its
 * meals; writes them to rows (room for nqueues x (1440 / I + 1) per day
 * the shift touches). */
int cg_skill_rows(const Master *m, const WfmConfig *cfg, unsigned skills, int d, int s, int *rows)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    int a = 1440 * d + t->start_min, b = a + t->length_min, n = 0, k0, k1;
    cg_whole_slots(a, b, m->I, m->nt, &k0, &k1);
    for (int q = 0; q < cfg->nqueues; q++)
        if (skills & (1u << q)) {
            for (int k = k0; k < k1; k++)
                if (m->skill_sum[(size_t)q * m->nt + k])
                    rows[n++] = m->skill_sum[(size_t)q * m->nt + k];
            if (m->skill_tie[((size_t)q * m->nd + d) * m->ns + s])
                rows[n++] = m->skill_tie[((size_t)q * m->nd + d) * m->ns + s];
        }
    return n;
}

/* What agent g's month (units when units is set, else templates; days
 * off and leave as ROSTER_OFF and ROSTER_LEAVE) costs in regularity, from
 * the state the carried-in days leave - as the pricing charges it. */
double cg_month_regular(const Master *m, const WfmConfig *cfg, int g, const int *month, int units)
{
    int last = K_LAST(m->start[g]), lt = last < OFF1_UNIT ? last : -1, lk = lt >= 0 ? cfg->shifts[lt].kind : -1;
    int known = !units || m->exact[g];   /* templates: their starts are known */
    double c = 0;
    if (cfg->reg_single_off <= 0 && cfg->reg_swing <= 0 && cfg->reg_jump <= 0)
        return 0;
    for (int d = 0; d < m->nd; d++) {
        int x = month[d];
        if (x < 0) {
            last = cg_after_off(last, x == ROSTER_LEAVE), lk = lt = -1;
            continue;
        }
        int t = units ? cg_unit_template(m, g, x) : x, k = cfg->shifts[t].kind;
        int seen = known && date_weekday(m->first_day + d) != WD_MON;
        c += cg_regular(cfg, last, lk, seen ? lt : -1, k, seen ? t : -1);
        last = 0, lk = k, lt = t;   /* any unit: its kind (and template) matter from here */
    }
    return c;
}

void cg_add_column(Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                   const int *month)
{
    int nd = m->nd, ns = m->ns;
    int col = glp_add_cols(m->lp, 1);
    size_t cap = (size_t)nd * (size_t)(2 + (1440 / m->I + 1) * cfg->nqueues) + FK_N + 2;
    int *ind = xmalloc(sizeof *ind * cap);
    double *val = xmalloc(sizeof *val * cap);
    int n = 0;
    int fcount[FK_N] = { 0 };
    double pc = 0;
    glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
    for (int d = 0; d < nd && m->pcost; d++)
        pc += cg_pref_cost(m, g, d, month[d] >= 0 ? cg_unit_template(m, g, month[d]) : month[d]);
    pc += cg_month_regular(m, cfg, g, month, 1);
    glp_set_obj_coef(m->lp, col, pc);
    ind[++n] = m->row_conv[g], val[n] = 1;
    for (int d = 0; d < nd; d++) {
        int u = month[d];
        if (u < 0)
            continue;
        int s = cg_unit_template(m, g, u);
        ind[++n] = m->row_cls[d * m->ncls + cg_unit_class(m, g, u)], val[n] = 1;
        for (int k = 0; k < FK_N; k++)
            fcount[k] += cg_counts(cfg, s, r->first_day + d, k);
        if (!m->exact[g])
            continue;
        ind[++n] = m->row_cnt[d * ns + s], val[n] = 1;
        if (!skill_need || !r->agents[g].skills)
            continue;
        int k = cg_skill_rows(m, cfg, r->agents[g].skills, d, s, &ind[n + 1]);
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

/* The point of the duty grid at or below hour t's need. */
static double grid_below(const Master *m, int t)
{
    return floor(m->need[t] / m->step + 1e-9) * m->step;
}

/* The steps an interval's agents on the phone come in, at the minute: on
 * a grid of the duty's G minutes, the 7.5-minute slots and the break's
 * length (in half minutes), each minute worth 60 / (60 - brk); a break of
 * another length than half minutes has no grid (a thousandth: the chord
 * is then the cost itself, still below every roster's). */
static double phone_step(double duty_step, int I, double brk)
{
    double h2 = 2 * brk;
    if (fabs(h2 - round(h2)) > 1e-9)
        return 1e-3;
    int g = gcd(gcd((int)lround(2 * duty_step * I), 15), (int)lround(h2));
    return (g > 0 ? g : 1) / 2.0 / I * 60 / (60 - brk);
}

void cg_build_master(Master *m, const ColGenIn *in, int breaks)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, nh = 24 * nd, ng = r->nagents;
    int I = colgen_interval(in), nt = nd * (1440 / I);
    glp_prob *lp = glp_create_prob();
    LpMat mat = { 0 };
    int ncol = 0;

    memset(m, 0, sizeof *m);
    m->lp = lp, m->nh = nh, m->nd = nd, m->first_day = r->first_day, m->ns = ns, m->ng = ng, m->nteams = cfg->nteams;
    m->I = I, m->nt = nt;
    double brk = breaks && cfg->extra_break_min > 0 && cfg->extra_break_min < 60 ? cfg->extra_break_min : 0;
    double fph = 60 / (60 - brk);   /* a minute on the phone, in agents on duty */
    m->breaks = brk > 0;
    m->skill_need = in->skill_need, m->skill_duty = in->skill_duty;
    m->ncls = template_classes(cfg, m->cls, m->rep);
    for (int a = 0; a < ns; a++) {
        m->tof[a] = a, m->twork[a] = cfg->shifts[a].length_min - cfg->shifts[a].meal_min;
        m->cwork[m->cls[a]] = m->twork[a];
        for (int b = 0; b < ns; b++)
            m->trest[a * ns + b] = m->crest[m->cls[a] * m->ncls + m->cls[b]] = (unsigned char)cg_rest_ok(cfg, a, b);
    }
    m->tu = (Units){ ns, m->tof, m->twork, m->trest, m->tof, 1 };
    m->cu = (Units){ m->ncls, m->cls, m->cwork, m->crest, m->rep, 0 };
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
        PhoneDay p;   /* at the minute: on the phone by model/phone's rule */
        roster_phone_day(cfg, x, -1, &p);
        for (int k = 0; k < nt && k * I < b; k++)
            need[k] -= m->breaks ? fph * roster_phone_minutes(&p, (double)k * I, (double)(k + 1) * I) / I
                                 : (double)(cg_slot_overlap(a, b, k, I) -
                                            (t->meal_min > 0 ? cg_slot_overlap(ma, mb, k, I) : 0)) / I;
    }
    /* Coverage is soft: what an hour costs is convex in its agents on duty,
     * and a roster's agents come in steps of the duty grid; so between the
     * two grid points around the need the cost is taken on the chord (a
     * stronger relaxation, the same value on every roster):  on duty + a -
     * b1 - b2 = lo, the grid point at or below the need, at prices wu, the
     * chord's slope (b1 up to one step) and the over-coverage's. */
    m->need = need, m->step = duty_step(cfg, r, I);
    if (m->breaks)
        m->step = phone_step(m->step, I, brk);
    m->wu = xmalloc(sizeof *m->wu * (size_t)nt);
    m->wo = SHIFTPLAN_W_OVER * I / 60.0;
    int row = glp_add_rows(lp, nt);
    double fixed = 0;
    for (int t = 0; t < nt; t++) {
        double lo = grid_below(m, t);
        m->wu[t] = cg_under_price(cfg, t, I);
        glp_set_row_bnds(lp, row + t, GLP_FX, lo, lo);
        fixed += cg_slot_cost(m, lo, t);
    }
    glp_set_obj_coef(lp, 0, fixed);
    /* A day's limit (fairness.max_day_ratio): its agents on duty, summed
     * over its intervals (lo - a + b1 + b2 each), at most the ratio times
     * its need less what the carried-in shifts give; the excess e costs. */
    int per = 1440 / I;
    m->row_day = xcalloc((size_t)(nd ? nd : 1), sizeof *m->row_day);
    if (cfg->max_day_ratio > 0) {
        m->dcap = xcalloc((size_t)(nd ? nd : 1), sizeof *m->dcap);
        for (int d = 0; d < nd; d++) {
            double n = 0, lo = 0;
            for (int t = d * per; t < (d + 1) * per; t++)
                n += in->need[t], m->dcap[d] -= in->need[t] - need[t], lo += grid_below(m, t);
            if (n <= 1e-9)
                continue;
            m->dcap[d] += cfg->max_day_ratio * n;
            m->row_day[d] = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, m->row_day[d], GLP_UP, 0, m->dcap[d] - lo);
        }
    }
    m->row_cls = xcalloc((size_t)nd * m->ncls, sizeof *m->row_cls);
    m->row_cnt = xcalloc((size_t)nd * ns, sizeof *m->row_cnt);
    m->xcol = xcalloc((size_t)nd * ns, sizeof *m->xcol);
    m->row_tie = xcalloc((size_t)nd * ns, sizeof *m->row_tie);
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
                if (cfg->shifts[s].meal_min > 0 && !m->breaks) {
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
     * whole, besides the carried-in ones, at least the queue's min_skilled
     * (COLGEN_W_SKILL an agent short: the checker's rule, whose meals
     * cg_cover_meals keeps); and the same agents less their meals at least
     * the queue's own need (in->skill_duty; at the under-coverage price).
     * Their meals are shares like the pool's: per queue, day and template
     * with a meal that can fall in such an interval, a column per meal
     * time, their sum the queue's months naming the template (skill_tie).
     * A roster's meals are one choice of them: the bound stays one.  The
     * months count into one sum per interval (skill_sum, a column w),
     * which both rows take: each month's skill entries once. */
    size_t half = (size_t)cfg->nqueues * nt;
    m->nq = cfg->nqueues;
    m->skill_sum = xcalloc(half, sizeof *m->skill_sum);
    m->skill_row = xcalloc(half, sizeof *m->skill_row);
    m->skill_need_row = xcalloc(half, sizeof *m->skill_need_row);
    m->skill_tie = xcalloc((size_t)cfg->nqueues * nd * ns, sizeof *m->skill_tie);
    m->skill_lo = xcalloc(cg_skilled_len(cfg, nt), sizeof *m->skill_lo);
    cg_skilled_cover(cfg, r, NULL, 1, I, m->skill_lo);   /* the carried-in ones first */
    if (in->skill_need)
        for (int q = 0; q < cfg->nqueues; q++)
            for (int t = 0; t < nt && cfg->queues[q].skill[0]; t++) {
                size_t i = (size_t)q * nt + t;
                double k = wfm_min_skilled(cfg, q);
                double n = in->skill_duty && in->skill_duty[i] > k ? in->skill_duty[i] : k;
                m->skill_lo[i] = fmax(0, k - m->skill_lo[i]);
                m->skill_lo[half + i] = fmax(0, n - m->skill_lo[half + i]);
                if (!in->skill_need[(size_t)q * nh + t * I / 60])
                    continue;
                for (int j = 0; j < 2; j++)
                    if (m->skill_lo[j * half + i] > 0) {
                        int *rw = j ? &m->skill_need_row[i] : &m->skill_row[i];
                        *rw = glp_add_rows(lp, 1);
                        glp_set_row_bnds(lp, *rw, GLP_LO, m->skill_lo[j * half + i], 0);
                        if (!m->skill_sum[i]) {
                            m->skill_sum[i] = glp_add_rows(lp, 1);
                            glp_set_row_bnds(lp, m->skill_sum[i], GLP_FX, 0, 0);
                        }
                    }
            }
    for (int q = 0; q < cfg->nqueues && in->skill_need; q++)
        for (int d = 0; d < nd && cfg->queues[q].skill[0]; d++)
            for (int s = 0; s < ns; s++) {
                const ShiftTemplate *st = &cfg->shifts[s];
                int a = 1440 * d + st->start_min, any = 0;
                if (!m->xcol[d * ns + s] || st->meal_min <= 0)
                    continue;
                for (int t = (a + st->meal_from_min) / I; t * I < a + st->meal_to_min + st->meal_min && t < nt && !any; t++)
                    any = m->skill_need_row[(size_t)q * nt + t] != 0;
                if (any) {
                    int *rw = &m->skill_tie[((size_t)q * nd + d) * ns + s];
                    *rw = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, *rw, GLP_FX, 0, 0);
                }
            }
    /* Fairness: each agent's count over his share at most the team's mark,
     * whose height costs (a row per agent and kind: the max alone keeps the
     * LP light; with the total set by the need, lowering the max evens it). */
    m->row_fair = xcalloc((size_t)ng * FK_N, sizeof *m->row_fair);
    m->share = xcalloc((size_t)ng * FK_N, sizeof *m->share);
    for (int g = 0; g < ng; g++)
        for (int k = 0; k < FK_N; k++)
            if (cg_fair_weight(cfg, k) > 0 && (m->share[g * FK_N + k] = cg_fair_share(cfg, r, g, k)) > 0) {
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
                lp_put(&mat, row + t, x, fph * cg_slot_overlap(a, b, t, I) / I);
            lp_put(&mat, m->row_cls[d * m->ncls + m->cls[s]], x, -1);
            if (m->row_cnt[d * ns + s])
                lp_put(&mat, m->row_cnt[d * ns + s], x, -1);
            if (m->breaks) {
                /* At the minute: a column per meal time and break slot,
                 * the meal and the breaks clear of it off the phone; their
                 * sum the starts, and at most x / 8 + 7/8 in a slot (the
                 * checker's ceil(x / 8), relaxed to a line). */
                int tie = m->row_tie[d * ns + s] = glp_add_rows(lp, 9), cap = tie + 1;
                glp_set_row_bnds(lp, tie, GLP_FX, 0, 0);
                lp_put(&mat, tie, x, -1);
                for (int j = 0; j < 8; j++) {
                    glp_set_row_bnds(lp, cap + j, GLP_UP, 0, 7.0 / 8);
                    lp_put(&mat, cap + j, x, -1.0 / 8);
                }
                for (int off = st->meal_from_min; st->meal_min <= 0 || off <= st->meal_to_min; off += 30) {
                    for (int j = 0; j < 8; j++) {
                        int y = ++ncol;
                        Assign pair = { s, st->start_min, st->meal_min > 0 ? off : -1, 0, j, 0, 0, 0, 0 };
                        PhoneDay p;   /* by model/phone's rule, as the checker counts */
                        roster_phone_day(cfg, &pair, d, &p);
                        for (int t = a / I; t * I < b && t < nt; t++) {
                            double v = cg_slot_overlap(a, b, t, I) - roster_phone_minutes(&p, (double)t * I, (double)(t + 1) * I);
                            if (v > 1e-9)
                                lp_put(&mat, row + t, y, -fph * v / I);
                        }
                        lp_put(&mat, tie, y, 1);
                        lp_put(&mat, cap + j, y, 1);
                    }
                    if (st->meal_min <= 0)
                        break;
                }
                continue;
            }
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
                    lp_put(&mat, row + t, y, -(double)cg_slot_overlap(ma, mb, t, I) / I);
                lp_put(&mat, row_meal[d * ns + s], y, 1);
            }
        }
    /* Slacks: under and over per interval, skill intervals, fairness marks. */
    int slack0 = m->nstart = ncol;
    for (int t = 0; t < nt; t++) {
        lp_put(&mat, row + t, ++ncol, 1);
        lp_put(&mat, row + t, ++ncol, -1);
        lp_put(&mat, row + t, ++ncol, -1);
    }
    for (int d = 0; d < nd; d++)
        if (m->row_day[d]) {
            lp_put(&mat, m->row_day[d], ++ncol, -1);
            for (int t = d * per; t < (d + 1) * per; t++) {
                lp_put(&mat, m->row_day[d], slack0 + 3 * t + 1, -1);
                lp_put(&mat, m->row_day[d], slack0 + 3 * t + 2, 1);
                lp_put(&mat, m->row_day[d], slack0 + 3 * t + 3, 1);
            }
        }
    m->ncover = ncol;
    for (size_t i = 0; i < half; i++)   /* the minimum's slack (dear) */
        if (m->skill_row[i])
            lp_put(&mat, m->skill_row[i], ++ncol, 1);
    m->nskill = ncol - m->ncover;
    for (size_t i = 0; i < half; i++)   /* the queue's own need's */
        if (m->skill_need_row[i])
            lp_put(&mat, m->skill_need_row[i], ++ncol, 1);
    int fair0 = ncol;
    for (int team = -1; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++) {
            int mark = ++ncol;
            for (int g = 0; g < ng; g++)
                if (r->agents[g].team == team && m->row_fair[g * FK_N + k])
                    lp_put(&mat, m->row_fair[g * FK_N + k], mark, -m->share[g * FK_N + k]);
        }
    /* Each interval's w (the months' sum; both rows take it) and the
     * skilled agents' meal shares, free of cost. */
    for (size_t i = 0; i < half; i++)
        if (m->skill_sum[i]) {
            lp_put(&mat, m->skill_sum[i], ++ncol, -1);
            if (m->skill_row[i])
                lp_put(&mat, m->skill_row[i], ncol, 1);
            if (m->skill_need_row[i])
                lp_put(&mat, m->skill_need_row[i], ncol, 1);
        }
    for (int q = 0; q < cfg->nqueues; q++)
        for (int d = 0; d < nd; d++)
            for (int s = 0; s < ns; s++) {
                int tie = m->skill_tie[((size_t)q * nd + d) * ns + s];
                const ShiftTemplate *st = &cfg->shifts[s];
                for (int off = st->meal_from_min; tie && off <= st->meal_to_min; off += 30) {
                    int z = ++ncol, ma = 1440 * d + st->start_min + off, mb = ma + st->meal_min;
                    lp_put(&mat, tie, z, -1);
                    for (int t = ma / I; t * I < mb && t < nt; t++)
                        if (m->skill_need_row[(size_t)q * nt + t])
                            lp_put(&mat, m->skill_need_row[(size_t)q * nt + t], z, -(double)cg_slot_overlap(ma, mb, t, I) / I);
                }
            }
    glp_add_cols(lp, ncol);
    for (int j = 1; j <= ncol; j++)
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
    int c = slack0;
    for (int t = 0; t < nt; t++) {
        double lo = grid_below(m, t), st = m->step;
        glp_set_obj_coef(lp, ++c, m->wu[t]);
        glp_set_obj_coef(lp, ++c, (cg_slot_cost(m, lo + st, t) - cg_slot_cost(m, lo, t)) / st);
        glp_set_col_bnds(lp, c, GLP_DB, 0, st);
        glp_set_obj_coef(lp, ++c, m->wo);
    }
    for (int d = 0; d < nd; d++)
        if (m->row_day[d])
            glp_set_obj_coef(lp, ++c, COLGEN_W_DAYCAP * I / 60.0);
    for (size_t i = 0; i < half; i++)
        if (m->skill_row[i])
            glp_set_obj_coef(lp, ++c, COLGEN_W_SKILL);
    for (size_t i = 0; i < half; i++)
        if (m->skill_need_row[i])
            glp_set_obj_coef(lp, ++c, m->wu[i % (size_t)nt]);
    for (int team = -1, j = fair0; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++)
            glp_set_obj_coef(lp, ++j, cg_fair_weight(cfg, k));
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
        uint64_t k0 = m->start[g] = cg_start_state(cfg, r, &m->tu, cg_rules_of(m, r, g), g);
        int *wn = &m->wneed[g * ASSIGN_WEEKS], cw = K_WD(k0);
        int short_days = assign_contract_weeks(cfg, r, g, cw, K_WM(k0), wn);
        wn[0] += cw;   /* a state's days of week 0 hold the carried-in ones */
        for (int d = 0; d < nd; d++)
            off[d] = r->leave && r->leave[(size_t)g * nd + d] ? ROSTER_LEAVE : ROSTER_OFF;
        cg_add_column(m, cfg, r, in->skill_need, g, off);
        int col = m->col_index[m->ncols - 1];
        glp_set_obj_coef(lp, col, glp_get_obj_coef(lp, col) + COLGEN_W_CONTRACT * short_days);
    }
    free(off);
}

void cg_master_free(Master *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->exact), free(m->rules), free(m->pcost), free(m->pinned), free(m->haspref);
    free(m->row_cls), free(m->xcol), free(m->need), free(m->wu), free(m->dcap), free(m->row_day);
    free(m->row_cnt), free(m->row_tie), free(m->row_conv), free(m->row_fair), free(m->share);
    free(m->skill_sum), free(m->skill_row), free(m->skill_need_row), free(m->skill_tie), free(m->skill_lo), free(m->ycol), free(m->row_meal), free(m->wneed), free(m->after), free(m->start), free(m->col_agent), free(m->col_month), free(m->col_index);
    memset(m, 0, sizeof *m);
}

int cg_solve_lp(Master *m, double seconds_left)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_OFF;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double cap = fmax(5, 10 * m->lp_secs);
    p.tm_lim = (int)(1000 * cap);
    int rc = glp_simplex(m->lp, &p);
    if (rc == 0 && glp_get_status(m->lp) == GLP_OPT) {
        m->lp_secs = lp_seconds_since(&t0);
        return 0;
    }
    if (rc == GLP_ETMLIM && glp_get_prim_stat(m->lp) == GLP_FEAS) {
        /* GLPK's primal simplex can stall on a degenerate basis (the Seoul
         * sample's January at its sixth root round; five centers' at the
         * ninety-fifth: minutes without an end).  The dual simplex from
         * there, as long again; failing that, the primal's feasible basis
         * back: a solution that is not optimal (1), which ends column
         * generation and which the dive can fix months from. */
        int nr = glp_get_num_rows(m->lp), nc = glp_get_num_cols(m->lp);
        int *st = xmalloc(sizeof *st * (size_t)(nr + nc + 1));
        for (int i = 1; i <= nr; i++)
            st[i] = glp_get_row_stat(m->lp, i);
        for (int j = 1; j <= nc; j++)
            st[nr + j] = glp_get_col_stat(m->lp, j);
        p.meth = GLP_DUALP;
        rc = glp_simplex(m->lp, &p);
        if (!(rc == 0 && glp_get_status(m->lp) == GLP_OPT)) {
            for (int i = 1; i <= nr; i++)
                glp_set_row_stat(m->lp, i, st[i]);
            for (int j = 1; j <= nc; j++)
                glp_set_col_stat(m->lp, j, st[nr + j]);
            rc = glp_warm_up(m->lp) == 0 && glp_get_prim_stat(m->lp) == GLP_FEAS ? 1 : -1;
            free(st);
            return rc;
        }
        free(st);
        return 0;
    }
    /* A lost basis: start again from the standard one (a roster needs the
     * LP: a slow machine gets time). */
    glp_std_basis(m->lp);
    p.tm_lim = (int)(1000 * fmax(60, seconds_left));
    rc = glp_simplex(m->lp, &p);
    return rc == 0 && glp_get_status(m->lp) == GLP_OPT ? 0 : -1;
}

/* The LP's skill-hour slack: above 0, the months it takes leave a skill
 * queue's hour without a skilled agent, which the checker refuses. */
double cg_skill_slack(const Master *m)
{
    double v = 0;
    for (int j = m->ncover + 1; j <= m->ncover + m->nskill; j++)
        v += glp_get_col_prim(m->lp, j);
    return v;
}
