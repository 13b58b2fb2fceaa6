#include "colgen.h"
#include "lp.h"
#include "shiftplan.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/rng.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Kinds of work kept even within a team: weekend and holiday days, and
 * evening or night shifts for agents who also work days.  (Early starts
 * are evened out afterwards by swapping starts within a day: assign.c.) */
enum { FK_WEEKEND, FK_LATE, FK_N };

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

double colgen_fairness(const WfmConfig *cfg, const Roster *r)
{
    double cost = 0;
    for (int team = -1; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++) {
            double hi = 0;
            for (int g = 0; g < r->nagents; g++) {
                double f;
                if (r->agents[g].team != team || !((f = fair_share(cfg, r, g, k)) > 0))
                    continue;
                int c = 0;
                for (int d = 0; d < r->ndays; d++) {
                    const Assign *x = roster_at(r, g, d);
                    c += x->shift >= 0 && counts(cfg, x->shift, r->first_day + d, k);
                }
                hi = fmax(hi, c / f);
            }
            cost += fair_weight(cfg, k) * hi;
        }
    return cost;
}

/* ---- pricing: one agent's best month under the rules ---- */

/* A state after a day: yesterday's template (ns = none), working days in a
 * row, days and minutes worked in the calendar week. */
#define KEY(last, run, wd, wm) ((uint32_t)(last) | (uint32_t)(run) << 5 | (uint32_t)(wd) << 10 | (uint32_t)(wm) << 13)
#define K_LAST(k) ((int)((k)&31))
#define K_RUN(k) ((int)((k) >> 5 & 31))
#define K_WD(k) ((int)((k) >> 10 & 7))
#define K_WM(k) ((int)((k) >> 13))

typedef struct Node {
    uint32_t key;
    int parent;     /* index into the previous day's layer, -1 at the start */
    int choice;     /* template, or ROSTER_OFF / ROSTER_LEAVE */
    double v;
} Node;

typedef struct Dp {
    Node *node;        /* all layers, one after another */
    size_t n, cap;
    int *layer;        /* ndays + 2 offsets into node */
    int *hash;         /* open addressing into the current layer */
    int hcap;
} Dp;

static void dp_put(Dp *dp, int lo, uint32_t key, double v, int parent, int choice)
{
    unsigned h = (key * 2654435761u) & (unsigned)(dp->hcap - 1);
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
            unsigned q = (dp->node[j].key * 2654435761u) & (unsigned)(dp->hcap - 1);
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

/* The state the carried-in days leave agent g in before day 0. */
static uint32_t start_state(const WfmConfig *cfg, const Roster *r, int g)
{
    int ns = cfg->nshifts, last = ns, run = 0, wd = 0, wm = 0;
    int back = date_weekday(r->first_day);   /* days of this week before day 0 */
    for (int d = -r->carry_days; d < 0; d++) {
        const Assign *x = roster_at(r, g, d);
        int works = x->shift >= 0 && x->shift < ns;
        run = works ? run + 1 : 0;
        last = works ? x->shift : ns;
        if (d >= -back && works)
            wd++, wm += cfg->shifts[x->shift].length_min - cfg->shifts[x->shift].meal_min;
    }
    if (run > 31)
        run = 31;
    if (wd > 7)
        wd = 7;
    return KEY(last, run, wd, wm);
}

typedef struct Price {
    const WfmConfig *cfg;
    const Roster *r;
    int ns, nd;
    const unsigned char *allowed;   /* ndays x nshifts for the agent */
    const double *profit;           /* ndays x nshifts for the agent */
} Price;

/* The most profitable legal month of agent g; writes his choices and
 * returns the profit. */
static double price_agent(const Price *p, int g, Dp *dp, int *choice)
{
    const WfmConfig *cfg = p->cfg;
    const Roster *r = p->r;
    int ns = p->ns, nd = p->nd, maxrun = cfg->max_consecutive_days, maxwd = 7 - cfg->min_days_off_per_week;
    int cap = contract_min(cfg, &r->agents[g]), rest = (int)lround(cfg->min_rest_hours * 60);

    dp->n = 0;
    dp->layer[0] = 0;
    memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
    dp_put(dp, 0, start_state(cfg, r, g), 0, -1, ROSTER_OFF);
    for (int d = 0; d < nd; d++) {
        int lo = dp->layer[d], hi = (int)dp->n, monday = date_weekday(r->first_day + d) == WD_MON;
        int leave = r->leave && r->leave[(size_t)g * nd + d];
        dp->layer[d + 1] = hi;
        memset(dp->hash, -1, sizeof *dp->hash * (size_t)dp->hcap);
        for (int i = lo; i < hi; i++) {
            uint32_t k = dp->node[i].key;
            int last = K_LAST(k), run = K_RUN(k), wd = monday ? 0 : K_WD(k), wm = monday ? 0 : K_WM(k);
            double v = dp->node[i].v;
            dp_put(dp, hi, KEY(ns, 0, wd, wm), v, i, leave ? ROSTER_LEAVE : ROSTER_OFF);
            if (leave || run + 1 > maxrun || wd + 1 > maxwd)
                continue;
            for (int s = 0; s < ns; s++) {
                if (!p->allowed[d * ns + s])
                    continue;
                const ShiftTemplate *t = &cfg->shifts[s];
                int work = t->length_min - t->meal_min;
                if (wm + work > cap)
                    continue;
                if (last < ns &&
                    t->start_min - (-1440 + cfg->shifts[last].start_min + cfg->shifts[last].length_min) < rest)
                    continue;
                dp_put(dp, hi, KEY(s, run + 1 > 31 ? 31 : run + 1, wd + 1, wm + work), v + p->profit[d * ns + s], i, s);
            }
        }
    }
    int best = -1;
    for (size_t i = (size_t)dp->layer[nd]; i < dp->n; i++)
        if (best < 0 || dp->node[i].v > dp->node[best].v)
            best = (int)i;
    double v = dp->node[best].v;
    for (int d = nd - 1, i = best; d >= 0; d--) {
        choice[d] = dp->node[i].choice;
        i = dp->node[i].parent;
    }
    return v;
}

/* ---- the master ---- */

typedef struct Master {
    glp_prob *lp;
    int nh, nd, ns, ng;
    int *row_cnt;        /* nd x ns: row of the start count (0: the template does not run) */
    int *row_conv;       /* ng */
    int *row_fair;       /* ng x FK_N (0: no row) */
    double *share;       /* ng x FK_N */
    int *skill_row;      /* nqueues x nh (0: no row) */
    int *ycol;           /* nd x ns x SHIFTPLAN_MEAL_SLOTS */
    /* columns of the agents: owner and month */
    int *col_agent;
    int *col_month;      /* ncols x nd */
    int *col_index;      /* GLPK column of each */
    size_t ncols, capcols;
} Master;

/* The skill-hour rows shift s of day d covers whole for an agent with
 * skills (bit per queue); writes them to rows (room for nqueues x 24: only
 * whole hours count) and
 * returns how many. */
static int skill_rows(const Master *m, const WfmConfig *cfg, unsigned skills, int d, int s, int *rows)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    int a = 1440 * d + t->start_min, b = a + t->length_min, n = 0;
    for (int q = 0; q < cfg->nqueues; q++)
        if (skills & (1u << q))
            for (int h = a / 60; h * 60 < b && h < m->nh; h++)
                if (m->skill_row[(size_t)q * m->nh + h] && shiftplan_overlap(a, b, h) >= 60)
                    rows[n++] = m->skill_row[(size_t)q * m->nh + h];
    return n;
}

static void add_column(Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                       const int *month)
{
    int nd = m->nd, ns = m->ns;
    int col = glp_add_cols(m->lp, 1);
    int *ind = xmalloc(sizeof *ind * (size_t)(nd * (1 + 24 * cfg->nqueues) + FK_N + 2));
    double *val = xmalloc(sizeof *val * (size_t)(nd * (1 + 24 * cfg->nqueues) + FK_N + 2));
    int n = 0;
    int fcount[FK_N] = { 0 };
    glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
    ind[++n] = m->row_conv[g], val[n] = 1;
    for (int d = 0; d < nd; d++) {
        int s = month[d];
        if (s < 0)
            continue;
        ind[++n] = m->row_cnt[d * ns + s], val[n] = 1;
        for (int k = 0; k < FK_N; k++)
            fcount[k] += counts(cfg, s, r->first_day + d, k);
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

static void build_master(Master *m, const ColGenIn *in)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, nh = 24 * nd, ng = r->nagents;
    glp_prob *lp = glp_create_prob();
    LpMat mat = { 0 };
    int ncol = 0;

    memset(m, 0, sizeof *m);
    m->lp = lp, m->nh = nh, m->nd = nd, m->ns = ns, m->ng = ng;
    glp_set_obj_dir(lp, GLP_MIN);
    /* Coverage: the need less what the carried-in shifts still give. */
    double *need = xmalloc(sizeof *need * (size_t)nh);
    memcpy(need, in->need, sizeof *need * (size_t)nh);
    for (int g = 0; g < ng && r->carry_days > 0; g++) {
        const Assign *x = roster_at(r, g, -1);
        if (x->shift < 0 || x->shift >= ns)
            continue;
        const ShiftTemplate *t = &cfg->shifts[x->shift];
        int a = -1440 + x->start_min, b = a + t->length_min;
        int ma = t->meal_min > 0 ? a + x->meal_off_min : 0, mb = t->meal_min > 0 ? ma + t->meal_min : 0;
        for (int h = 0; h < 24 && h * 60 < b; h++)
            need[h] -= (shiftplan_overlap(a, b, h) - (t->meal_min > 0 ? shiftplan_overlap(ma, mb, h) : 0)) / 60;
    }
    int row = glp_add_rows(lp, nh);
    for (int t = 0; t < nh; t++)
        glp_set_row_bnds(lp, row + t, GLP_FX, need[t], need[t]);
    free(need);
    m->row_cnt = xcalloc((size_t)nd * ns, sizeof *m->row_cnt);
    m->ycol = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *m->ycol);
    int *row_meal = xcalloc((size_t)nd * ns, sizeof *row_meal);
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++)
            if (shiftplan_runs(cfg, s, r->first_day + d)) {
                m->row_cnt[d * ns + s] = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, m->row_cnt[d * ns + s], GLP_FX, 0, 0);
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
    m->skill_row = xcalloc((size_t)cfg->nqueues * nh, sizeof *m->skill_row);
    if (in->skill_need)
        for (int q = 0; q < cfg->nqueues; q++)
            for (int t = 0; t < nh && cfg->queues[q].skill[0]; t++)
                if (in->skill_need[(size_t)q * nh + t]) {
                    m->skill_row[(size_t)q * nh + t] = glp_add_rows(lp, 1);
                    glp_set_row_bnds(lp, m->skill_row[(size_t)q * nh + t], GLP_LO, 1, 0);
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
            if (!m->row_cnt[d * ns + s])
                continue;
            const ShiftTemplate *st = &cfg->shifts[s];
            int a = 1440 * d + st->start_min, b = a + st->length_min;
            int x = ++ncol;
            for (int t = a / 60; t * 60 < b && t < nh; t++)
                lp_put(&mat, row + t, x, shiftplan_overlap(a, b, t) / 60);
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
                for (int t = ma / 60; t * 60 < mb && t < nh; t++)
                    lp_put(&mat, row + t, y, -shiftplan_overlap(ma, mb, t) / 60);
                lp_put(&mat, row_meal[d * ns + s], y, 1);
            }
        }
    /* Slacks: under and over per hour, skill hours, fairness marks. */
    for (int t = 0; t < nh; t++) {
        lp_put(&mat, row + t, ++ncol, 1);
        lp_put(&mat, row + t, ++ncol, -1);
    }
    for (size_t i = 0; i < (size_t)cfg->nqueues * nh; i++)
        if (m->skill_row[i])
            lp_put(&mat, m->skill_row[i], ++ncol, 1);
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
    int c = 0;
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            if (!m->row_cnt[d * ns + s])
                continue;
            c++;
            for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS && cfg->shifts[s].meal_min > 0; k++)
                c += m->ycol[(d * ns + s) * SHIFTPLAN_MEAL_SLOTS + k] > 0;
        }
    for (int t = 0; t < nh; t++) {
        glp_set_obj_coef(lp, ++c, SHIFTPLAN_W_UNDER * (cfg->weak_hours[t % 24] ? cfg->weak_weight : 1));
        glp_set_obj_coef(lp, ++c, SHIFTPLAN_W_OVER);
    }
    for (size_t i = 0; i < (size_t)cfg->nqueues * nh; i++)
        if (m->skill_row[i])
            glp_set_obj_coef(lp, ++c, COLGEN_W_SKILL);
    for (int team = -1, j = fair0; team < cfg->nteams; team++)
        for (int k = 0; k < FK_N; k++)
            glp_set_obj_coef(lp, ++j, fair_weight(cfg, k));
    glp_load_matrix(lp, (int)mat.n, mat.ia, mat.ja, mat.ar);
    lp_mat_free(&mat);
    free(row_meal);

    /* Every agent starts with the month off (always legal). */
    int *off = xmalloc(sizeof *off * (size_t)(nd ? nd : 1));
    for (int g = 0; g < ng; g++) {
        for (int d = 0; d < nd; d++)
            off[d] = r->leave && r->leave[(size_t)g * nd + d] ? ROSTER_LEAVE : ROSTER_OFF;
        add_column(m, cfg, r, in->skill_need, g, off);
    }
    free(off);
}

static void master_free(Master *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->row_cnt), free(m->row_conv), free(m->row_fair), free(m->share);
    free(m->skill_row), free(m->ycol), free(m->col_agent), free(m->col_month), free(m->col_index);
    memset(m, 0, sizeof *m);
}

/* Agent g's profit per day x template from the duals. */
static void profits(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                    const double *base, double *out)
{
    int nd = m->nd, ns = m->ns;
    int *rows = xmalloc(sizeof *rows * (size_t)(24 * cfg->nqueues + 1));
    double fd[FK_N];
    for (int k = 0; k < FK_N; k++)
        fd[k] = m->row_fair[g * FK_N + k] ? glp_get_row_dual(m->lp, m->row_fair[g * FK_N + k]) : 0;
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            double v = base[d * ns + s];
            if (!m->row_cnt[d * ns + s])
                continue;
            for (int k = 0; k < FK_N; k++)
                if (fd[k] != 0 && counts(cfg, s, r->first_day + d, k))
                    v += fd[k];
            if (skill_need && r->agents[g].skills) {
                int k = skill_rows(m, cfg, r->agents[g].skills, d, s, rows);
                for (int i = 0; i < k; i++)
                    v += glp_get_row_dual(m->lp, rows[i]);
            }
            out[d * ns + s] = v;
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
    double *base = xcalloc((size_t)nd * ns, sizeof *base), *prof = xcalloc((size_t)nd * ns, sizeof *prof);
    int *month = xmalloc(sizeof *month * (size_t)nd);
    for (int k = 0; k < nd * ns; k++)
        if (m->row_cnt[k])
            base[k] = glp_get_row_dual(m->lp, m->row_cnt[k]);
    *lag = 0;
    for (int g = 0; g < m->ng; g++) {
        if (fixed && fixed[g])
            continue;
        profits(m, cfg, r, in->skill_need, g, base, prof);
        Price p = { cfg, r, ns, nd, &allowed_all[(size_t)g * nd * ns], prof };
        double v = price_agent(&p, g, dp, month);
        double rc = -v - glp_get_row_dual(m->lp, m->row_conv[g]);
        if (rc < 0)
            *lag += rc;
        if (rc < -1e-6) {
            add_column(m, cfg, r, in->skill_need, g, month);
            added++;
        }
    }
    free(base), free(prof), free(month);
    return added;
}

typedef struct Search {
    Master *m;
    const ColGenIn *in;
    const unsigned char *allowed;
    Dp *dp;
    const struct timespec *t0;
    double tl;
    unsigned char *fixed;    /* per agent: his month is chosen */
    int *bestcol;
    double *bestval;
} Search;

/* Agent g may take only column j (an index into the master's columns). */
static void fix_agent(Master *m, int g, int j)
{
    for (size_t c = 0; c < m->ncols; c++)
        if (m->col_agent[c] == g)
            glp_set_col_bnds(m->lp, m->col_index[c], (int)c == j ? GLP_LO : GLP_FX, 0, 0);
}

static void free_agent(Master *m, int g)
{
    for (size_t c = 0; c < m->ncols; c++)
        if (m->col_agent[c] == g)
            glp_set_col_bnds(m->lp, m->col_index[c], GLP_LO, 0, 0);
}

/* Each agent's column in an integer solution of the master. */
static void incumbent(const Master *m, int *inc)
{
    for (size_t c = 0; c < m->ncols; c++)
        if (glp_get_col_prim(m->lp, m->col_index[c]) > 0.5)
            inc[m->col_agent[c]] = (int)c;
}

/* Fixes the left agents not yet fixed: whole months the LP takes (almost)
 * whole, else the most certain twentieth of them; re-solves and re-prices
 * between steps.  Past the time limit or on the stop flag, all at once. */
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
        /* Stopped: a fifth at a time, no pricing (an integer roster is
         * needed before anything can be kept); past the time limit: no
         * pricing. */
        int quick = S->in->stop && *S->in->stop, late = quick || lp_seconds_since(S->t0) > S->tl;
        int nfix = 0, want = quick ? (left + 4) / 5 : (left + 19) / 20;
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
            if (left == 0 || late ||
                !price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
                break;
        }
    }
    return 0;
}

/* Small centers: the master restricted to the columns found, as a GLPK
 * MIP (one binary per agent month) for up to secs seconds; returns its
 * value, or INFINITY without an integer solution.  inc gets its months. */
static double master_mip(Master *m, int *inc, double secs)
{
    double v = INFINITY;
    for (size_t c = 0; c < m->ncols; c++)
        glp_set_col_kind(m->lp, m->col_index[c], GLP_BV);
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_PCH;
    p.fp_heur = GLP_ON;
    p.tm_lim = (int)(1000 * fmax(0.5, secs));
    int r = glp_intopt(m->lp, &p), st = glp_mip_status(m->lp);
    if ((r == 0 || r == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)) {
        v = glp_mip_obj_val(m->lp);
        for (size_t c = 0; c < m->ncols; c++)
            if (glp_mip_col_val(m->lp, m->col_index[c]) > 0.5)
                inc[m->col_agent[c]] = (int)c;
    }
    for (size_t c = 0; c < m->ncols; c++) {
        glp_set_col_kind(m->lp, m->col_index[c], GLP_CV);
        glp_set_col_bnds(m->lp, m->col_index[c], GLP_LO, 0, 0);
    }
    return v;
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

    /* Which templates each agent may work on each day (leave, kinds, running days). */
    unsigned char *allowed = xcalloc((size_t)ng * nd * ns, 1);
    for (int g = 0; g < ng; g++)
        for (int d = 0; d < nd; d++)
            for (int s = 0; s < ns; s++)
                allowed[((size_t)g * nd + d) * ns + s] =
                    !(r->leave && r->leave[(size_t)g * nd + d]) && shiftplan_runs(cfg, s, r->first_day + d) &&
                    wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind);
    dp.layer = xmalloc(sizeof *dp.layer * (size_t)(nd + 2));
    dp.hcap = 1024;
    dp.hash = xmalloc(sizeof *dp.hash * (size_t)dp.hcap);
    build_master(&m, in);

    /* Root: column generation until no agent has a better month, the bound
     * meets the LP, or most of the time is gone. */
    double best_lb = -INFINITY, lpv = 0, root_share = 0.6;
    int stall = 0;
    for (;;) {
        double left = tl - lp_seconds_since(&t0);
        if (solve_lp(&m, left)) {
            rc = wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP");
            goto out;
        }
        lpv = glp_get_obj_val(m.lp);
        out->rounds++;
        if ((in->stop && *in->stop) || lp_seconds_since(&t0) > root_share * tl) {
            out->stopped = 1;
            break;
        }
        double lag;
        int added = price_round(&m, in, NULL, allowed, &dp, &lag);
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
    /* Every cost is at least 0, so 0 bounds too (early on the Lagrangian
     * bound is far below it). */
    out->bound = isfinite(best_lb) && best_lb > 0 ? best_lb : 0;
    out->root_seconds = lp_seconds_since(&t0);

    Search S = { &m, in, allowed, &dp, &t0, tl, xcalloc((size_t)ng, 1), xmalloc(sizeof(int) * (size_t)ng),
                 xmalloc(sizeof(double) * (size_t)ng) };
    int *inc = xmalloc(sizeof *inc * (size_t)ng), *pick = xmalloc(sizeof *pick * (size_t)ng);
    if ((rc = dive(&S, ng, out, err)))
        goto done;
    double best = glp_get_obj_val(m.lp);
    incumbent(&m, inc);
    /* Large neighbourhoods: free a few dozen agents (of one team, or any),
     * generate columns for them again and dive; keep what is better. */
    Rng rng;
    rng_seed(&rng, 12345);
    int tried = 0;
    if (ng <= 60 && !(in->stop && *in->stop)) {
        int *alt = xmalloc(sizeof *alt * (size_t)ng);
        memcpy(alt, inc, sizeof *alt * (size_t)ng);
        double v = master_mip(&m, alt, fmin(5, tl - lp_seconds_since(&t0)));
        if (v < best - 1e-6)
            best = v, memcpy(inc, alt, sizeof *alt * (size_t)ng), out->improved++;
        for (int g = 0; g < ng; g++)
            fix_agent(&m, g, inc[g]);
        free(alt);
    }
    while (!(in->stop && *in->stop) && lp_seconds_since(&t0) < tl && ng > 1) {
        int k = 0, team = r->agents[rng_below(&rng, (uint32_t)ng)].team, any = tried % 3 == 2;
        for (int g = 0; g < ng; g++)
            if (any || r->agents[g].team == team)
                pick[k++] = g;
        int want = k < 30 ? k : 30;
        for (int i = 0; i < want; i++) {  /* a partial shuffle */
            int j = i + (int)rng_below(&rng, (uint32_t)(k - i)), t = pick[i];
            pick[i] = pick[j], pick[j] = t;
        }
        for (int i = 0; i < want; i++)
            free_agent(&m, pick[i]), S.fixed[pick[i]] = 0;
        tried++;
        if ((rc = dive(&S, want, out, err)))
            goto done;
        double v = glp_get_obj_val(m.lp);
        if (v < best - 1e-6) {
            best = v;
            incumbent(&m, inc);
            out->improved++;
        } else {
            for (int i = 0; i < want; i++)
                fix_agent(&m, pick[i], inc[pick[i]]);
            if (want == ng)
                break;   /* everyone was free: the same search again would find the same */
        }
    }
    out->lns = tried;
    if (solve_lp(&m, 30)) {
        rc = wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the final master LP");
        goto done;
    }
    out->objective = glp_get_obj_val(m.lp);
    out->choice = xmalloc(sizeof *out->choice * (size_t)ng * nd);
    for (size_t j = 0; j < m.ncols; j++)
        if (glp_get_col_prim(m.lp, m.col_index[j]) > 0.5)
            memcpy(&out->choice[(size_t)m.col_agent[j] * nd], &m.col_month[j * (size_t)nd], sizeof(int) * (size_t)nd);
    out->meal = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *out->meal);
    for (size_t k = 0; k < (size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS; k++)
        if (m.ycol[k])
            out->meal[k] = glp_get_col_prim(m.lp, m.ycol[k]);
    out->columns = (int)m.ncols;
done:
    free(S.fixed), free(S.bestcol), free(S.bestval), free(inc), free(pick);
out:
    out->seconds = lp_seconds_since(&t0);
    master_free(&m);
    free(dp.node), free(dp.layer), free(dp.hash), free(allowed);
    glp_term_hook(NULL, NULL);
    return rc;
}

void colgen_free(ColGenOut *out)
{
    if (!out)
        return;
    free(out->choice), free(out->meal);
    out->choice = NULL, out->meal = NULL;
}
