/*
 * bound.c - the bound's whole counts.  At every round where all agents
 * are priced, the master's value plus each agent's most negative reduced
 * cost (the Lagrangian bound) is a lower bound on any roster under these
 * rules (meals anywhere on the template's half hours); colgen_solve keeps
 * the best.  At the root's last duals (and the minute master's), what
 * whole start and meal counts cost more than shares (the starts' side of
 * the Lagrangian as small integer programs, one per block of hours:
 * cg_whole_gain) and what whole skilled agents do (each skill queue's
 * side: cg_skill_gain) is added to it: this file.
 */
#include "internal.h"
#include "../../core/alloc.h"

#include "../assign.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Block b of q (rows and columns with rowc / colc b) as a problem of its
 * own, rows and columns in q's order, what fixed columns outside it give
 * its rows taken off their bounds; *ncnt: of its rows, how many are q's
 * from cnt0 on (they come last). */
glp_prob *cg_block(glp_prob *q, const int *rowc, const int *colc, int b, int cnt0, int *ncnt)
{
    int nr = glp_get_num_rows(q), nc = glp_get_num_cols(q), n = 0;
    glp_prob *p = glp_create_prob();
    glp_copy_prob(p, q, GLP_OFF);
    int *del = xmalloc(sizeof *del * (size_t)((nr > nc ? nr : nc) + 1));
    *ncnt = 0;
    for (int i = 1; i <= nr; i++)
        if (rowc[i] != b)
            del[++n] = i;
        else
            *ncnt += i >= cnt0;
    if (n)
        glp_del_rows(p, n, del);
    n = 0;
    int *ind = xmalloc(sizeof *ind * (size_t)(nr + 1));
    double *val = xmalloc(sizeof *val * (size_t)(nr + 1)), *shift = xcalloc((size_t)nr + 1, sizeof *shift);
    for (int j = 1; j <= nc; j++)
        if (colc[j] != b) {
            del[++n] = j;
            double v = glp_get_col_type(q, j) == GLP_FX ? glp_get_col_lb(q, j) : 0;
            for (int k = 1, nz = v != 0 ? glp_get_mat_col(q, j, ind, val) : 0; k <= nz; k++)
                shift[ind[k]] += v * val[k];
        }
    /* A fixed column's part of the block's rows goes to their bounds. */
    for (int i = 1, k = 0; i <= nr; i++)
        if (rowc[i] == b && (++k, shift[i] != 0))
            glp_set_row_bnds(p, k, glp_get_row_type(p, k), glp_get_row_lb(p, k) - shift[i], glp_get_row_ub(p, k) - shift[i]);
    free(ind), free(val), free(shift);
    if (n)
        glp_del_cols(p, n, del);
    free(del);
    return p;
}

/* Block p's LP optimum without its count rows (its last ncnt) into *lp,
 * the rows kept and p's basis left for the LP with them; 0 when GLPK
 * fails. */
static int lp_without_counts(glp_prob *p, int ncnt, double *lp)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    int pr = glp_get_num_rows(p), c0 = pr - ncnt + 1, ok = 1;
    *lp = 0;
    if (ncnt) {   /* the LP side of the bound has no count rows */
        int *type = xmalloc(sizeof *type * (size_t)ncnt);
        double *lo = xmalloc(sizeof *lo * (size_t)ncnt), *hi = xmalloc(sizeof *hi * (size_t)ncnt);
        for (int i = c0; i <= pr; i++) {
            type[i - c0] = glp_get_row_type(p, i), lo[i - c0] = glp_get_row_lb(p, i), hi[i - c0] = glp_get_row_ub(p, i);
            glp_set_row_bnds(p, i, GLP_FR, 0, 0);
        }
        glp_adv_basis(p, 0);
        ok = glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT;
        *lp = ok ? glp_get_obj_val(p) : 0;
        for (int i = c0; i <= pr; i++)
            glp_set_row_bnds(p, i, type[i - c0], lo[i - c0], hi[i - c0]);
        free(type), free(lo), free(hi);
    } else
        glp_adv_basis(p, 0);
    if (ok && glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT) {
        if (!ncnt)
            *lp = glp_get_obj_val(p);
        return 1;
    }
    return 0;
}

/* Block b's integer optimum, or the best bound GLPK proves within secs,
 * less its LP optimum without the days' count rows (q's rows from cnt0
 * on); -1 when GLPK fails. */
static double block_gain(glp_prob *q, const int *rowc, const int *colc, int b, int cnt0, double secs)
{
    int ncnt, whole = 0;
    glp_prob *p = cg_block(q, rowc, colc, b, cnt0, &ncnt);
    for (int j = 1; j <= glp_get_num_cols(p) && !whole; j++)
        whole = glp_get_col_kind(p, j) == GLP_IV;
    double gain = whole ? -1 : 0, lb = -INFINITY, lp;
    if (whole && lp_without_counts(p, ncnt, &lp)) {
        int r = cg_block_mip(p, secs, &lb);
        if ((r == 0 || r == GLP_ETMLIM) && isfinite(lb))
            gain = fmax(0, lb - lp);
        else if (r == GLP_ETMLIM)
            gain = 0;
    }
    glp_delete_prob(p);
    return gain;
}

/* GLPK's branch and cut on block p (its LP solved), within secs; *lb the
 * optimum or the best bound proven.  glp_intopt's return. */
int cg_block_mip(glp_prob *p, double secs, double *lb)
{
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.br_tech = GLP_BR_PCH;
    ip.gmi_cuts = GLP_ON;   /* closed Gimpo's month at the root, measured */
    ip.tm_lim = (int)fmax(100, 1000 * secs);
    ip.cb_func = lp_bound_min_cb, ip.cb_info = lb;
    int r = glp_intopt(p, &ip);
    if (r == 0 && glp_mip_status(p) == GLP_OPT)
        *lb = glp_mip_obj_val(p);
    return r;
}

/* p's LP optimum (from an advanced basis when it has none); NAN when
 * GLPK fails. */
static double side_lp(glp_prob *p)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    int rc = glp_simplex(p, &sp);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND || rc == GLP_EFAIL) {
        glp_adv_basis(p, 0);
        rc = glp_simplex(p, &sp);
    }
    if (rc != 0)
        return NAN;
    return glp_get_status(p) == GLP_OPT ? glp_get_obj_val(p) : glp_get_status(p) == GLP_NOFEAS ? INFINITY : NAN;
}

/* p's integer optimum, or the bound GLPK proves within secs, raising *f
 * (INFINITY: none); -1 when GLPK fails. */
static int state_mip(glp_prob *p, double secs, double *f)
{
    double lb = -INFINITY;
    if (isnan(side_lp(p)))
        return -1;
    int rc = cg_block_mip(p, secs, &lb);
    if (rc == 0 && glp_mip_status(p) == GLP_NOFEAS)
        *f = INFINITY;
    else if ((rc == 0 || rc == GLP_ETMLIM) && isfinite(lb))
        *f = fmax(*f, lb);
    return 0;
}

/* The duals of the rows that tie template s's starts on day d to the
 * agents' months (its class's row and its own), in the LP as it stands. */
double cg_tie_dual(const Master *m, int d, int s)
{
    double c = glp_get_row_dual(m->lp, m->row_cls[d * m->ncls + m->cls[s]]);
    return m->row_cnt[d * m->ns + s] ? c + glp_get_row_dual(m->lp, m->row_cnt[d * m->ns + s]) : c;
}

/* Do pair columns a and b of q meet the coverage rows (1..nt) alike?
 * (w: nt + 1 zeros, left so.) */
static int alike(glp_prob *q, int nt, int a, int b, int *ind, double *val, double *w)
{
    int same = 1, n = glp_get_mat_col(q, a, ind, val);
    for (int k = 1; k <= n; k++)
        if (ind[k] <= nt)
            w[ind[k]] += val[k];
    n = glp_get_mat_col(q, b, ind, val);
    for (int k = 1; k <= n; k++)
        if (ind[k] <= nt)
            w[ind[k]] -= val[k];
    for (int k = 1; k <= n; k++)
        if (ind[k] <= nt)
            same &= fabs(w[ind[k]]) <= 1e-12, w[ind[k]] = 0;
    n = glp_get_mat_col(q, a, ind, val);
    for (int k = 1; k <= n; k++)
        if (ind[k] <= nt)
            same &= fabs(w[ind[k]]) <= 1e-12, w[ind[k]] = 0;
    return same;
}

/* At the minute, a template day's slots whose pairs meet the coverage rows
 * alike at every meal time (on a 30-minute grid the four of each half hour)
 * are one: the pairs of the group's first slot take its agents, at most
 * the group's size times c = ceil(x / 8) (an integer with 0 <= 8c - x <=
 * 7: the checker's cap, exact), the others' are fixed at 0.  The same
 * optimum, without the alike solutions branch and bound would visit.
 * slot_rep (nd x ns x 16): each slot's group's first, then for each first
 * its c's column (others 0). */
static void merge_slots(const Master *m, glp_prob *q, int *slot_rep)
{
    int nd = m->nd, ns = m->ns, n = glp_get_num_rows(q) + 2;
    int *ia = xmalloc(sizeof *ia * (size_t)n);
    double *va = xmalloc(sizeof *va * (size_t)n), *w = xcalloc((size_t)m->nt + 1, sizeof *w);
    for (int k = 0; k < nd * ns; k++) {
        int x = m->xcol[k], tie = m->row_tie[k], *rep = &slot_rep[16 * k];
        for (int j = 0; j < 8; j++)
            rep[j] = j, rep[8 + j] = 0;
        if (!x || !tie)
            continue;
        int nm = (glp_get_mat_row(q, tie, NULL, NULL) - 1) / 8;   /* meal times: the tie row has x and 8 pairs each */
        for (int j = 0; j < 8; j++)
            for (int j2 = j + 1; j2 < 8 && rep[j] == j; j2++) {
                int same = rep[j2] == j2;
                for (int t = 0; t < nm && same; t++)
                    same = alike(q, m->nt, cg_pair_col(x, t, j), cg_pair_col(x, t, j2), ia, va, w);
                if (same)
                    rep[j2] = j;
            }
        for (int j = 0; j < 8; j++) {
            if (rep[j] != j) {
                for (int t = 0; t < nm; t++)
                    glp_set_col_bnds(q, cg_pair_col(x, t, j), GLP_FX, 0, 0);
                continue;
            }
            int size = 0, c = glp_add_cols(q, 1), row = glp_add_rows(q, 1);
            for (int j2 = 0; j2 < 8; j2++)
                size += rep[j2] == j;
            glp_set_col_kind(q, c, GLP_IV);
            glp_set_col_bnds(q, c, GLP_LO, 0, 0);
            rep[8 + j] = c;
            int xi[3] = { 0, c, x };
            double cv[3] = { 0, 8, -1 };
            glp_set_mat_row(q, row, 2, xi, cv);   /* 0 <= 8c - x <= 7 */
            glp_set_row_bnds(q, row, GLP_DB, 0, 7);
            int len = 0;
            ia[0] = 0;
            for (int t = 0; t < nm; t++)
                ia[++len] = cg_pair_col(x, t, j), va[len] = 1;
            ia[++len] = c, va[len] = -size;
            glp_set_mat_row(q, tie + 1 + j, len, ia, va);   /* the group's pairs <= size x c */
            glp_set_row_bnds(q, tie + 1 + j, GLP_UP, 0, 0);
        }
    }
    free(ia), free(va), free(w);
}

/* The starts' side of the Lagrangian (see cg_whole_gain): every row no
 * month is in, the start, meal (and pair) columns whole, each start at
 * its tie dual (tie: saved ones, NULL: the LP's now).  At the minute with
 * slot_rep given, alike slots merged (merge_slots; slot_rep filled: nd x ns
 * x 16, its c columns numbered as in the side). */
glp_prob *cg_starts_side(const Master *m, const double *tie, int *slot_rep)
{
    int nd = m->nd, ns = m->ns, nr = glp_get_num_rows(m->lp), nc = glp_get_num_cols(m->lp);
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, m->lp, GLP_OFF);
    for (int j = 1; j <= m->nstart; j++)
        glp_set_col_kind(q, j, GLP_IV);
    if (m->breaks && slot_rep)
        merge_slots(m, q, slot_rep);
    unsigned char *keep = xmalloc((size_t)nr + 1);
    memset(keep, 1, (size_t)nr + 1);
    for (int k = 0; k < nd * m->ncls; k++)
        keep[m->row_cls[k]] = 0;
    for (int k = 0; k < nd * ns; k++)
        keep[m->row_cnt[k]] = 0;
    for (int g = 0; g < m->ng; g++) {
        keep[m->row_conv[g]] = 0;
        for (int k = 0; k < FK_N; k++)
            keep[m->row_fair[g * FK_N + k]] = 0;
    }
    for (int i = 0; i < m->nq * m->nt; i++)
        keep[m->skill_sum[i]] = keep[m->skill_row[i]] = keep[m->skill_need_row[i]] = 0;
    for (int i = 0; i < m->nq * nd * ns; i++)
        keep[m->skill_tie[i]] = 0;
    /* The days' limits (fairness.max_day_ratio) join each day to the next
     * (an evening shift's hours after midnight count in the next day's),
     * so a large center's month is one program branch and bound cannot
     * finish.  There, with the LP's duals as they stand (tie NULL), they go
     * into their columns' costs - a Lagrangian term: the side's LP value is
     * the same and its integer value still a bound, a little lower than
     * with the rows (the enumeration test's day limit: 22.9 added, not
     * 23.4) - and each day is a block of its own.  (With saved ties the
     * rows' duals now may not be the ties' partners: the rows stay.) */
    if (!tie && m->ng > COLGEN_LAZY_WHOLE) {
        int *ind = xmalloc(sizeof *ind * (size_t)(nc + 1));
        double *val = xmalloc(sizeof *val * (size_t)(nc + 1));
        for (int d = 0; d < nd; d++) {
            int row = m->row_day[d];
            if (!row)
                continue;
            double pi = glp_get_row_dual(m->lp, row);
            for (int k = 1, nz = glp_get_mat_row(q, row, ind, val); k <= nz; k++)
                glp_set_obj_coef(q, ind[k], glp_get_obj_coef(q, ind[k]) - pi * val[k]);
            keep[row] = 0;
        }
        free(ind), free(val);
    }
    int *del = xmalloc(sizeof *del * (size_t)(nr > nc ? nr : nc) + sizeof *del), n = 0;
    for (int i = 1; i <= nr; i++)
        if (!keep[i])
            del[++n] = i;
    glp_del_rows(q, n, del);
    n = 0;
    for (int j = m->ncover + 1; j <= nc; j++)
        del[++n] = j;
    if (n)
        glp_del_cols(q, n, del);
    for (int k = 0; k < 16 * nd * ns && m->breaks && slot_rep; k++)
        if (k % 16 >= 8 && slot_rep[k] > 0)
            slot_rep[k] -= n;   /* the c columns came after the deleted ones */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++)
            if (m->xcol[d * ns + s])
                glp_set_obj_coef(q, m->xcol[d * ns + s], tie ? tie[d * ns + s] : cg_tie_dual(m, d, s));
    free(keep), free(del);
    return q;
}

/* q's blocks - rows joined by a column not fixed - with a whole column
 * into rowc (each row's block: its first row; 0: a block without) and
 * colc (each column's; 0: fixed, or in no such block); how many. */
int cg_blocks(glp_prob *q, int *rowc, int *colc)
{
    int nr = glp_get_num_rows(q), nc = glp_get_num_cols(q);
    int *up = xmalloc(sizeof *up * (size_t)(nr + 1)), *ind = xmalloc(sizeof *ind * (size_t)(nr + 1));
    double *val = xmalloc(sizeof *val * (size_t)(nr + 1));
    for (int i = 0; i <= nr; i++)
        up[i] = i;
    for (int j = 1; j <= nc; j++) {
        int nz = glp_get_col_type(q, j) == GLP_FX ? 0 : glp_get_mat_col(q, j, ind, val);
        for (int k = 2; k <= nz; k++) {
            int a = ind[1], b = ind[k];
            while (up[a] != a)
                a = up[a] = up[up[a]];
            while (up[b] != b)
                b = up[b] = up[up[b]];
            up[a] = b;
        }
    }
    for (int i = 1; i <= nr; i++) {
        int a = i;
        while (up[a] != a)
            a = up[a];
        rowc[i] = a;
    }
    for (int j = 1; j <= nc; j++)
        colc[j] = glp_get_col_type(q, j) != GLP_FX && glp_get_mat_col(q, j, ind, val) > 0 ? rowc[ind[1]] : 0;
    /* Only blocks with a whole column are programs of their own (the
     * rest - intervals no shift reaches - have nothing to add): the
     * others' rows get block 0. */
    memset(up, 0, sizeof *up * (size_t)(nr + 1));
    for (int j = 1; j <= nc; j++)
        if (colc[j] && glp_get_col_kind(q, j) == GLP_IV)
            up[colc[j]] = 1;
    int nblocks = 0;
    for (int i = 1; i <= nr; i++)
        if (!up[rowc[i]])
            rowc[i] = 0;
        else
            nblocks += rowc[i] == i;
    for (int j = 1; j <= nc; j++)
        if (colc[j] && !up[colc[j]])
            colc[j] = 0;
    free(up), free(ind), free(val);
    return nblocks;
}

/* One day of a run joined by start changes (jump_gain): its block of the
 * starts' side with a of its T agents at the earlier of its two start
 * times and T - a at the later (state a, 0..T) or, state T + 1 when the
 * day has a column of agents fewer (slack), fewer than T at work - a month
 * off, whose price the count row's slack pays, and beside which no start
 * change is counted.  f: each state's LP value, at least the day's integer
 * optimum, until jump_mip makes it the state's own. */
typedef struct JumpDay {
    glp_prob *s;
    int arow, slack, T, n;
    double lp, *f;             /* lp: the block's LP without its count row */
    unsigned char *exact;
} JumpDay;

static void jump_state(JumpDay *J, int k)
{
    if (k <= J->T)
        glp_set_row_bnds(J->s, J->arow, GLP_FX, k, k);
    else
        glp_set_row_bnds(J->s, J->arow, GLP_FR, 0, 0);
    if (J->slack)   /* (GLPK refuses a double bound of [1, 1]) */
        glp_set_col_bnds(J->s, J->slack, k <= J->T || J->T == 1 ? GLP_FX : GLP_DB, k <= J->T ? 0 : 1, J->T);
}

/* Day block b of q (its count row from cnt0; its columns at the earlier
 * start marked in early, its column of agents fewer slack: 0 none) as a
 * JumpDay; -1 when GLPK fails. */
static int jump_open(glp_prob *q, const int *rowc, const int *colc, int b, int cnt0, const unsigned char *early,
                     int slack, int T, double secs, JumpDay *J)
{
    int ncnt, nc = glp_get_num_cols(q), k = 0;
    J->s = cg_block(q, rowc, colc, b, cnt0, &ncnt);
    J->T = T, J->n = T + 1 + (slack > 0), J->slack = 0;
    J->f = xmalloc(sizeof *J->f * (size_t)J->n);
    J->exact = xcalloc((size_t)J->n, 1);
    double whole = -INFINITY;
    if (!lp_without_counts(J->s, ncnt, &J->lp))
        return -1;
    int r = cg_block_mip(J->s, secs, &whole);
    if (r != 0 && r != GLP_ETMLIM)
        return -1;
    int *ind = xmalloc(sizeof *ind * (size_t)(nc + 1)), at = -1;   /* at: the optimum's state */
    double *one = xmalloc(sizeof *one * (size_t)(nc + 1)), early_n = 0;
    for (int j = 1, c = 0; j <= nc; j++)
        if (colc[j] == b) {
            c++;
            if (early[j])
                ind[++k] = c, one[k] = 1, early_n += r == 0 ? glp_mip_col_val(J->s, c) : 0;
            if (j == slack)
                J->slack = c;
        }
    if (r == 0 && glp_mip_status(J->s) == GLP_OPT)
        at = J->slack && glp_mip_col_val(J->s, J->slack) > 0.5 ? T + 1 : (int)lround(early_n);
    J->arow = glp_add_rows(J->s, 1);
    glp_set_mat_row(J->s, J->arow, k, ind, one);
    free(ind), free(one);
    glp_adv_basis(J->s, 0);
    for (int a = 0; a < J->n; a++) {
        jump_state(J, a);
        if (isnan(J->f[a] = side_lp(J->s)))
            return -1;
        J->f[a] = fmax(J->f[a], whole);
        J->exact[a] = isinf(J->f[a]) || a == at;   /* the day's optimum is its state's */
    }
    return 0;
}

static int jump_mip(JumpDay *J, int k, double secs)
{
    jump_state(J, k);
    J->exact[k] = 1;
    return state_mip(J->s, secs, &J->f[k]);
}

/* The least sum of a run's days' values and their start changes: stay[i]
 * agents at work on days i - 1 and i (of the run) keep their start only
 * where both days have it, at most min(a, a') at the earlier and min(T - a,
 * T' - a') at the later; the rest change it, jump each.  Each day's state
 * into pick. */
static double jump_min(const JumpDay *J, int n, const int *stay, double jump, int *pick)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        w = J[i].n > w ? J[i].n : w;
    double *v = xmalloc(sizeof *v * (size_t)w * n);
    int *from = xcalloc((size_t)w * n, sizeof *from);
    for (int y = 0; y < J[0].n; y++)
        v[y] = J[0].f[y];
    for (int i = 1; i < n; i++)
        for (int y = 0; y < J[i].n; y++) {
            double best = INFINITY;
            for (int x = 0; x < J[i - 1].n; x++) {
                int T0 = J[i - 1].T, T1 = J[i].T;
                int keep = x > T0 || y > T1 ? stay[i] : (x < y ? x : y) + (T0 - x < T1 - y ? T0 - x : T1 - y);
                double c = v[(size_t)(i - 1) * w + x] + (stay[i] > keep ? (stay[i] - keep) * jump : 0);
                if (c < best)
                    best = c, from[(size_t)i * w + y] = x;
            }
            v[(size_t)i * w + y] = best + J[i].f[y];
        }
    int at = 0;
    for (int y = 1; y < J[n - 1].n; y++)
        if (v[(size_t)(n - 1) * w + y] < v[(size_t)(n - 1) * w + at])
            at = y;
    double r = v[(size_t)(n - 1) * w + at];
    for (int i = n - 1; i >= 0; i--) {
        pick[i] = at;
        at = from[(size_t)i * w + at];
    }
    free(v), free(from);
    return r;
}

/* Which days of q (the starts' side with its count rows) the start
 * changes join to the day before (link, nd): each its own block (blk, nd)
 * with exactly as many agents at work in every roster (T) as the day
 * before, their templates of one kind at the same two start times, and
 * stay agents at work on both whose months do not see the starts; early
 * (q's columns): the starts at the earlier time. */
static void jump_links(const Master *m, const WfmConfig *cfg, glp_prob *q, const int *colc, const DayCounts *dc,
                      int *link, int *blk, unsigned char *early)
{
    int nd = m->nd, ns = m->ns, nr = glp_get_num_rows(q);   /* a block is named by its first row: days, per row */
    int *days = xcalloc((size_t)nr + 1, sizeof *days), *lo = xmalloc(sizeof *lo * (size_t)nd),
        *hi = xmalloc(sizeof *hi * (size_t)nd), *kind = xmalloc(sizeof *kind * (size_t)nd);
    for (int d = 0; d < nd; d++) {
        lo[d] = INT_MAX, hi[d] = -1, kind[d] = -2, blk[d] = -1, link[d] = 0;
        for (int s = 0; s < ns; s++) {
            int x = m->xcol[d * ns + s], k = cfg->shifts[s].kind, t = cfg->shifts[s].start_min;
            if (!x)
                continue;
            int b = colc[x];
            blk[d] = blk[d] < 0 || blk[d] == b ? b : 0;
            kind[d] = kind[d] == -2 || kind[d] == k ? k : -1;
            lo[d] = t < lo[d] ? t : lo[d], hi[d] = t > hi[d] ? t : hi[d];
        }
        for (int s = 0; s < ns; s++)   /* a third start time between */
            if (m->xcol[d * ns + s] && cfg->shifts[s].start_min != lo[d] && cfg->shifts[s].start_min != hi[d])
                blk[d] = 0;
        if (blk[d] > 0)
            days[blk[d]]++;
    }
    for (int d = 0; d < nd; d++) {
        if (blk[d] > 0 && days[blk[d]] > 1)   /* its block has another day's starts */
            blk[d] = 0;
        for (int s = 0; s < ns && blk[d] > 0; s++)
            if (m->xcol[d * ns + s])
                early[m->xcol[d * ns + s]] = cfg->shifts[s].start_min == lo[d];
    }
    for (int d = 1; d < nd; d++) {
        const int *c = dc->count;
        link[d] = dc->stay[d] > 0 && blk[d - 1] > 0 && blk[d] > 0 && kind[d] >= 0 && kind[d] == kind[d - 1] &&
                  lo[d] < hi[d] && lo[d] == lo[d - 1] && hi[d] == hi[d - 1] && c[2 * d] > 0 && c[2 * d] == c[2 * d + 1] &&
                  c[2 * d - 2] > 0 && c[2 * d - 2] == c[2 * d - 1];
    }
    free(days), free(lo), free(hi), free(kind);
}

/* What start changes within runs of days add to the bound (and the
 * days' whole counts, those blocks' share of cg_whole_gain): the months
 * of agents who do not see start times (Units by class) leave them to the
 * counts, so a roster's start changes (fairness.start_jump) are the
 * counts': with T at work on two days, all at one of two start times, at
 * least stay - min(a, a') - min(T - a, T' - a') of the stay agents change.
 * Each joined day a JumpDay, a run's days joined by jump_min, the
 * integer value where it picks them until the pick is all integer (the
 * rest are lower); the run's value less its days' LPs.  done: the blocks
 * counted here.  -1 when GLPK fails. */
static double jump_gain(const Master *m, const WfmConfig *cfg, glp_prob *q, const int *rowc, const int *colc,
                        int cnt0, const DayCounts *dc, const int *slack, unsigned char *done, double secs)
{
    int nd = m->nd, nc = glp_get_num_cols(q);
    int *link = xmalloc(sizeof *link * (size_t)nd), *blk = xmalloc(sizeof *blk * (size_t)nd);
    unsigned char *early = xcalloc((size_t)nc + 1, 1);
    double gain = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int left = 0;   /* days in runs */
    jump_links(m, cfg, q, colc, dc, link, blk, early);
    for (int d = 0; d < nd; d++)
        left += link[d] || (d + 1 < nd && link[d + 1]);
    JumpDay *J = xmalloc(sizeof *J * (size_t)nd);
    int *pick = xmalloc(sizeof *pick * (size_t)nd), *stay = xmalloc(sizeof *stay * (size_t)nd);
    for (int d0 = 1, d1; d0 < nd && gain >= 0; d0 = d1) {
        if (!link[d0]) {
            d1 = d0 + 1;
            continue;
        }
        d0--;   /* the run: d0 .. d1 - 1 */
        for (d1 = d0 + 1; d1 < nd && link[d1]; d1++)
            ;
        int n = 0;
        double lp = 0;
        for (int d = d0; d < d1; d++, n++) {
            double rem = secs - lp_seconds_since(&t0);
            stay[n] = d > d0 ? dc->stay[d] : 0;
            done[blk[d]] = 1;
            if (jump_open(q, rowc, colc, blk[d], cnt0, early, slack[d], dc->count[2 * d], fmax(rem / left--, fmin(rem, 0.5)),
                          &J[n]) < 0) {
                gain = -1, n++;
                break;
            }
            lp += J[n].lp;
        }
        double best = INFINITY;
        for (int again = gain >= 0; again;) {
            best = jump_min(J, n, stay, cfg->reg_jump, pick);
            again = 0;
            int late = lp_seconds_since(&t0) > secs;   /* then the least sum as it is: still a lower bound */
            for (int i = 0; i < n && !late && isfinite(best); i++)
                if (!J[i].exact[pick[i]]) {
                    again = 1;
                    if (jump_mip(&J[i], pick[i], fmax(0.05, (secs - lp_seconds_since(&t0)) / (2 * (left + 1)))) < 0) {
                        gain = -1, again = 0;
                        break;
                    }
                }
        }
        if (gain >= 0 && isfinite(best))
            gain += fmax(0, best - lp);
        for (int i = 0; i < n; i++) {
            glp_delete_prob(J[i].s);
            free(J[i].f), free(J[i].exact);
        }
    }
    free(link), free(blk), free(early), free(J), free(pick), free(stay);
    return gain;
}

/* What whole start and meal counts add to the bound.  With the duals of
 * the rows that tie the starts to the agents' months (class and template
 * rows), the starts' side of the Lagrangian - every row no month is in
 * (coverage, meals, the days' limits; at the minute the pairs' ties and
 * slots' caps), the tie rows priced - is a small program of its own; the
 * LP bound takes it continuous.  Every roster has whole counts, so its
 * integer optimum (or the best bound GLPK proves within secs) less its LP
 * optimum may be added to the Lagrangian bound of the same duals (tie:
 * those duals saved by cg_tie_dual when the LP was solved, NULL: the LP's
 * own now).  days (NULL: none) gives what every roster has each day: the
 * integer side keeps the agents at work (the LP side does not: the months
 * hold them) and their start changes (jump_gain).  The rows and the start
 * and meal columns it takes from the LP are those of the root: the dive
 * only fixes months.  0 when GLPK fails. */
double cg_whole_gain(const Master *m, const WfmConfig *cfg, const double *tie, const DayCounts *days, double secs)
{
    int nd = m->nd, ns = m->ns;
    int *rep = m->breaks ? xmalloc(sizeof *rep * (size_t)nd * ns * 16) : NULL;
    glp_prob *q = cg_starts_side(m, tie, rep);
    free(rep);
    /* A large center at the minute: only the starts whole (and the slots'
     * c = ceil(x / 8): the checker's cap exact); its (meal, slot) pairs
     * stay shares - branch and bound could not finish thousands of them
     * (March 2021, 400 agents: +0.2 in 200 s with them whole, +98.6 in
     * 86 s without). */
    if (m->breaks && m->ng > COLGEN_LAZY_WHOLE) {
        for (int j = 1; j <= m->nstart; j++)   /* the start and pair columns come first */
            glp_set_col_kind(q, j, GLP_CV);
        for (int k = 0; k < nd * ns; k++)
            if (m->xcol[k])
                glp_set_col_kind(q, m->xcol[k], GLP_IV);
    }
    int cnt0 = glp_get_num_rows(q) + 1, *slack = xcalloc((size_t)nd, sizeof *slack);
    for (int d = 0; d < nd && days; d++) {
        int ind[32], k = 0;
        double one[32];
        const int *count = days->count;
        for (int s = 0; s < ns; s++)
            if (m->xcol[d * ns + s])
                ind[++k] = m->xcol[d * ns + s], one[k] = 1;
        if (!k || (count[2 * d] <= 0 && count[2 * d + 1] < 0))
            continue;
        int i = glp_add_rows(q, 1), lo = count[2 * d], hi = count[2 * d + 1];
        if (lo > 0) {   /* fewer at work: months off, at their price */
            int j = slack[d] = glp_add_cols(q, 1);
            glp_set_obj_coef(q, j, days->below[d]);
            glp_set_col_bnds(q, j, GLP_DB, 0, lo);
            ind[++k] = j, one[k] = 1;
        }
        glp_set_mat_row(q, i, k, ind, one);
        glp_set_row_bnds(q, i, hi < 0 ? GLP_LO : hi == lo ? GLP_FX : GLP_DB, lo, hi);
    }
    /* Its blocks solved one by one (in the samples each day is one: the
     * evening shift alone covers the next day's first hour). */
    int nr2 = glp_get_num_rows(q), nc2 = glp_get_num_cols(q);
    int *rowc = xmalloc(sizeof *rowc * (size_t)(nr2 + 1)), *colc = xmalloc(sizeof *colc * (size_t)(nc2 + 1));
    int nblocks = cg_blocks(q, rowc, colc);
    unsigned char *done = xcalloc((size_t)nr2 + 1, 1);
    double gain = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (days && cfg->reg_jump > 0) {
        gain = jump_gain(m, cfg, q, rowc, colc, cnt0, days, slack, done, secs);
        for (int b = 1; b <= nr2; b++)
            nblocks -= done[b];
    }
    for (int b = 1, left = nblocks; b <= nr2 && gain >= 0; b++)
        if (rowc[b] == b && !done[b]) {
            cg_tell(m->tell, COLGEN_PHASE_BOUND, -1, NAN, NAN);
            double rem = secs - lp_seconds_since(&t0);   /* an even share of what is left, half a second at least */
            double g = block_gain(q, rowc, colc, b, cnt0, fmax(rem / left--, fmin(rem, 0.5)));
            gain = g < 0 ? -1 : gain + g;   /* GLPK failed: no gain can be claimed */
        }
    free(rowc), free(colc), free(slack), free(done);
    glp_delete_prob(q);
    return gain > 0 ? gain : 0;
}

/* What agent g's month off (his first column) may pay for the rules of a
 * whole roster it breaks - each day of his contract's the bound counts
 * on (a day's agents at work, a week's skilled agents' days): its reduced
 * cost, which is above his best month's (at most 0: a month of his is in
 * the LP) by at least that, shared among the sides that count on it - the
 * starts' and each of his skill queues'. */
double cg_off_share(const Master *m, const WfmConfig *cfg, const Roster *r, int g)
{
    int k = 1;
    for (int q = 0; q < cfg->nqueues && m->skill_need && m->exact[g]; q++)
        k += cfg->queues[q].skill[0] && (r->agents[g].skills >> q & 1);
    return fmax(0, glp_get_col_dual(m->lp, m->col_index[g])) / k;
}

/* The most days agent g can work on the days of week w marked in rel
 * (nd), by his rules' week: the days off it asks (and in the last week
 * those the next month's weekend duty keeps), less the days carried in
 * (week 0) and his team's weekend days he must work outside rel; and at
 * most his contract's minutes over his shortest unit's. */
static int week_most(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *allowed, int g,
                     const unsigned char *rel, int w)
{
    const Units *u = cg_units(m, g);
    int nd = m->nd, ns = m->ns, lastw = assign_week_of(r, nd - 1), days = 0, must = 0, shortest = -1;
    int wd = 7 - cfg->min_days_off_per_week - (w == lastw ? m->after[2 * g] : 0);
    int wm = cg_contract_min(cfg, &r->agents[g]) - (w == lastw ? m->after[2 * g + 1] : 0);
    if (w == 0)
        wd -= K_WD(m->start[g]), wm -= K_WM(m->start[g]);
    for (int d = 0; d < nd; d++) {
        if (assign_week_of(r, d) != w)
            continue;
        const unsigned char *a = &allowed[(size_t)g * nd * ns + (size_t)d * u->n];
        int can = 0;
        for (int k = 0; k < u->n; k++)
            if (a[k]) {
                can = 1;
                if (shortest < 0 || u->work[k] < shortest)
                    shortest = u->work[k];
            }
        if (can && rel[d])
            days++;
        else if (can && wfm_must_work(cfg, r->agents[g].team, r->first_day + d))
            must++;
    }
    int most = wd - must < days ? wd - must : days;
    if (shortest > 0 && wm / shortest < most)
        most = wm / shortest;
    return most > 0 ? most : 0;
}

/* The fewest days agent g works on a queue's template days in week w in
 * a month that keeps his contract: the days his week asks (less those
 * carried in) less those he may work a template that meets none of the
 * queue's rows (meets: nd x ns, 1 where it does). */
static int week_least(const Master *m, const Roster *r, const unsigned char *allowed, int g,
                      const unsigned char *meets, int w)
{
    const Units *u = cg_units(m, g);
    int nd = m->nd, ns = m->ns, least = m->wneed[g * ASSIGN_WEEKS + w] - (w == 0 ? (int)K_WD(m->start[g]) : 0);
    for (int d = 0; d < nd && least > 0; d++) {
        const unsigned char *a = &allowed[(size_t)g * nd * ns + (size_t)d * u->n];
        int elsewhere = 0;
        for (int s = 0; s < ns && !elsewhere && assign_week_of(r, d) == w; s++)
            elsewhere = a[u->of[s]] && !meets[d * ns + s];
        least -= elsewhere;
    }
    return least > 0 ? least : 0;
}

/* Queue q's side of the Lagrangian (see cg_skill_gain) into S: its skill
 * rows as the master has them, with their own columns (each interval's w,
 * the meal shares - whole - and the slacks), an integer n(d, s) per
 * template day in place of the skilled months working it (its price the
 * duals of the rows such a month is in), a row per day (at most the
 * skilled agents who may work it) and, last, per week (at most the days
 * they can work there).  0 when the queue has no skill row. */
typedef struct Side {
    glp_prob *p;
    int *wk;         /* per column: an n's week, -1 others */
    int day0, week0, nw; /* rows day0..week0 - 1: the days', week0..week0 + nw - 1: the weeks' (at most) */
    /* The weeks' fewest (least, nw): the skilled agents' days a month
     * that keeps the contract works there.  Only the month off breaks it,
     * whose reduced cost pays for it (cut, nw x ng: the days each agent
     * g's month off would cut from week w's least, at cost[g] a day). */
    int *least, *cut;
    double *cost;
    double *below;   /* per week from below_at[w]: what x agent-days below its least cost, x = 0..least[w] */
    int *below_at;
} Side;

static int skill_side(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *allowed, int q,
                      Side *S)
{
    int nd = m->nd, ns = m->ns, nt = m->nt, nr = glp_get_num_rows(m->lp), nc = glp_get_num_cols(m->lp);
    int nw = assign_week_of(r, nd - 1) + 1, col0 = m->ncols ? m->col_index[0] : nc + 1, nk = 0, ncol = 0;
    int *mrows = xmalloc(sizeof *mrows * (size_t)(3 * nt + nd * ns + 1));
    for (int t = 0; t < nt; t++) {
        size_t i = (size_t)q * nt + t;
        if (m->skill_sum[i])
            mrows[nk++] = m->skill_sum[i];
        if (m->skill_row[i])
            mrows[nk++] = m->skill_row[i];
        if (m->skill_need_row[i])
            mrows[nk++] = m->skill_need_row[i];
    }
    for (int k = 0; k < nd * ns; k++)
        if (m->skill_tie[(size_t)q * nd * ns + k])
            mrows[nk++] = m->skill_tie[(size_t)q * nd * ns + k];
    if (!nk) {
        free(mrows);
        return 0;
    }
    int *ind = xmalloc(sizeof *ind * (size_t)(nc + 1)), *srow = xcalloc((size_t)nr + 1, sizeof *srow);
    int *scol = xcalloc((size_t)col0, sizeof *scol), *cnt = xcalloc((size_t)nd * ns, sizeof *cnt);
    int *rows = xmalloc(sizeof *rows * (size_t)(3 * (1440 / m->I + 1) * cfg->nqueues + 1));
    double *val = xmalloc(sizeof *val * (size_t)(nc + 1)), *most = xcalloc((size_t)(nd + nw), sizeof *most);
    unsigned char *rel = xmalloc((size_t)nd), *meets = xmalloc((size_t)nd * ns);
    LpMat mat = { 0 };
    glp_prob *p = S->p = glp_create_prob();
    S->least = xcalloc((size_t)nw, sizeof *S->least);
    S->cut = xcalloc((size_t)nw * m->ng, sizeof *S->cut);
    S->cost = xcalloc((size_t)m->ng, sizeof *S->cost);
    glp_add_rows(p, nk + nd + nw);
    for (int k = 0; k < nk; k++) {
        srow[mrows[k]] = k + 1;
        glp_set_row_bnds(p, k + 1, glp_get_row_type(m->lp, mrows[k]), glp_get_row_lb(m->lp, mrows[k]),
                         glp_get_row_ub(m->lp, mrows[k]));
    }
    for (int k = 0; k < nk; k++)
        for (int e = 1, nz = glp_get_mat_row(m->lp, mrows[k], ind, val); e <= nz; e++) {
            int j = ind[e];
            if (j >= col0)
                continue;   /* a month */
            if (!scol[j]) {
                scol[j] = ++ncol;
                glp_add_cols(p, 1);
                glp_set_col_bnds(p, ncol, glp_get_col_type(m->lp, j), glp_get_col_lb(m->lp, j), glp_get_col_ub(m->lp, j));
                glp_set_obj_coef(p, ncol, glp_get_obj_coef(m->lp, j));
            }
            lp_put(&mat, k + 1, scol[j], val[e]);
        }
    for (int k = 0; k < nd * ns; k++) {   /* the meal shares, whole */
        int i = m->skill_tie[(size_t)q * nd * ns + k];
        for (int e = 1, nz = i ? glp_get_mat_row(m->lp, i, ind, val) : 0; e <= nz; e++)
            if (ind[e] < col0)
                glp_set_col_kind(p, scol[ind[e]], GLP_IV);
    }
    /* The template days that meet the queue's rows, and the days; who may
     * work each template day, each day, each week. */
    for (int d = 0; d < nd; d++) {
        rel[d] = 0;
        for (int s = 0; s < ns; s++)
            rel[d] |= meets[d * ns + s] = cg_skill_rows(m, cfg, 1u << q, d, s, rows) > 0;
    }
    for (int g = 0; g < m->ng; g++) {
        if (!(r->agents[g].skills >> q & 1) || !m->exact[g])
            continue;
        const Units *u = cg_units(m, g);
        for (int d = 0; d < nd; d++) {
            const unsigned char *a = &allowed[(size_t)g * nd * ns + (size_t)d * u->n];
            int any = 0;
            for (int s = 0; s < ns; s++)
                if (a[u->of[s]])
                    cnt[d * ns + s]++, any = 1;
            most[d] += any && rel[d];
        }
        /* His month off leaves the weeks short of their least: each day
         * of that at his share (cg_off_share) over his days. */
        int tot = 0;
        for (int w = 0; w < nw; w++) {
            most[nd + w] += week_most(m, cfg, r, allowed, g, rel, w);
            tot += S->cut[w * m->ng + g] = week_least(m, r, allowed, g, meets, w);
            S->least[w] += S->cut[w * m->ng + g];
        }
        S->cost[g] = tot ? cg_off_share(m, cfg, r, g) / tot : 0;
    }
    for (int i = 0; i < nd + nw; i++)
        glp_set_row_bnds(p, nk + 1 + i, GLP_UP, 0, most[i]);
    S->day0 = nk + 1, S->week0 = nk + nd + 1, S->nw = nw;
    S->wk = xmalloc(sizeof *S->wk * (size_t)(ncol + nd * ns + 1));
    for (int j = 0; j <= ncol; j++)
        S->wk[j] = -1;
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            if (!meets[d * ns + s] || !cnt[d * ns + s])
                continue;
            int k = cg_skill_rows(m, cfg, 1u << q, d, s, rows);
            double price = 0;
            glp_add_cols(p, 1), S->wk[++ncol] = assign_week_of(r, d);
            for (int e = 0; e < k; e++) {
                price += glp_get_row_dual(m->lp, rows[e]);
                lp_put(&mat, srow[rows[e]], ncol, 1);
            }
            lp_put(&mat, nk + 1 + d, ncol, 1);
            lp_put(&mat, S->week0 + assign_week_of(r, d), ncol, 1);
            glp_set_obj_coef(p, ncol, price);
            glp_set_col_kind(p, ncol, GLP_IV);
            glp_set_col_bnds(p, ncol, GLP_DB, 0, cnt[d * ns + s]);
        }
    glp_load_matrix(p, (int)mat.n, mat.ia, mat.ja, mat.ar);
    lp_mat_free(&mat);
    free(mrows), free(ind), free(srow), free(scol), free(cnt), free(rows), free(val), free(most), free(rel), free(meets);
    return 1;
}

/* Block b of the side (its n columns those with wk >= 0) with N of
 * them on, N from 0 to top (the most they can be): f[N] its LP optimum
 * (INFINITY: none) until curve_mip makes it the integer one. */
typedef struct Curve {
    glp_prob *s;
    int row, n;            /* s's row of N; n = top + 1 values */
    double *f;
    unsigned char *exact;  /* f[N] integer (or GLPK's best bound) */
} Curve;

static int curve_open(glp_prob *p, const int *rowc, const int *colc, const int *wk, int b, int top, Curve *C)
{
    int ncnt, k = 0, nc = glp_get_num_cols(p);
    C->s = cg_block(p, rowc, colc, b, glp_get_num_rows(p) + 1, &ncnt);
    int *ind = xmalloc(sizeof *ind * (size_t)(nc + 1));
    double *one = xmalloc(sizeof *one * (size_t)(nc + 1));
    for (int j = 1, c = 0; j <= nc; j++)
        if (colc[j] == b && (c++, wk[j] >= 0))
            ind[++k] = c, one[k] = 1;
    C->row = glp_add_rows(C->s, 1), C->n = top + 1;
    glp_set_mat_row(C->s, C->row, k, ind, one);
    free(ind), free(one);
    C->f = xmalloc(sizeof *C->f * (size_t)C->n);
    C->exact = xcalloc((size_t)C->n, 1);
    glp_adv_basis(C->s, 0);
    for (int N = 0; N < C->n; N++) {
        glp_set_row_bnds(C->s, C->row, GLP_FX, N, N);
        if (isnan(C->f[N] = side_lp(C->s)))
            return -1;
        C->exact[N] = isinf(C->f[N]);
    }
    return 0;
}

static int curve_mip(Curve *C, int N, double secs)
{
    glp_set_row_bnds(C->s, C->row, GLP_FX, N, N);
    C->exact[N] = 1;   /* nothing more to prove within the time */
    return state_mip(C->s, secs, &C->f[N]);
}

static void curve_free(Curve *C)
{
    glp_delete_prob(C->s);
    free(C->f), free(C->exact);
}

/* What it costs the months to leave each week x agent-days below its
 * least, x from 0 to it (the cheapest months off first, each in part as
 * needed; INFINITY past what they can): S->below, from S->cut and
 * S->cost. */
static void below_costs(Side *S, int ng)
{
    int len = 0, *order = xmalloc(sizeof *order * (size_t)(ng ? ng : 1));
    for (int w = 0; w < S->nw; w++)
        len += S->least[w] + 1;
    S->below = xmalloc(sizeof *S->below * (size_t)len);
    S->below_at = xmalloc(sizeof *S->below_at * (size_t)S->nw);
    for (int w = 0, at = 0; w < S->nw; at += S->least[w++] + 1) {
        const int *cut = &S->cut[(size_t)w * ng];
        const double *cost = S->cost;
        int n = 0;
        for (int g = 0; g < ng; g++)
            if (cut[g]) {   /* insertion by cost */
                int i = n++;
                for (; i > 0 && cost[order[i - 1]] > cost[g]; i--)
                    order[i] = order[i - 1];
                order[i] = g;
            }
        double *b = &S->below[at], c = 0;
        int x = 0;
        b[0] = 0, S->below_at[w] = at;
        for (int i = 0; i < n && x < S->least[w]; i++)
            for (int y = 0; y < cut[order[i]] && x < S->least[w]; y++)
                c += cost[order[i]], b[++x] = c;
        while (x < S->least[w])
            b[++x] = INFINITY;
    }
    free(order);
}

/* The least sum of the curves' values with at most most agents in all,
 * and below least (when the side S is given: of week w) what that costs;
 * each curve's N into pick. */
static double curves_min(const Curve *C, int nb, int most, const Side *S, int w, int *pick)
{
    int len = most + 1;
    double *v = xmalloc(sizeof *v * (size_t)len * (nb + 1));
    int *from = xmalloc(sizeof *from * (size_t)len * (nb + 1));
    for (int k = 0; k < len; k++)
        v[k] = k ? INFINITY : 0;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < len; k++) {
            double *o = &v[(size_t)(i + 1) * len + k];
            *o = INFINITY, from[(size_t)(i + 1) * len + k] = 0;
            for (int N = 0; N < C[i].n && N <= k; N++)
                if (v[(size_t)i * len + k - N] + C[i].f[N] < *o)
                    *o = v[(size_t)i * len + k - N] + C[i].f[N], from[(size_t)(i + 1) * len + k] = N;
        }
    for (int k = 0; k < len && S; k++)
        if (k < S->least[w])
            v[(size_t)nb * len + k] += S->below[S->below_at[w] + S->least[w] - k];
    int best = 0;
    for (int k = 1; k < len; k++)
        if (v[(size_t)nb * len + k] < v[(size_t)nb * len + best])
            best = k;
    double r = v[(size_t)nb * len + best];
    for (int i = nb - 1; i >= 0; i--) {
        pick[i] = from[(size_t)(i + 1) * len + best];
        best -= pick[i];
    }
    free(v), free(from);
    return r;
}

/* The side's integer optimum less its LP optimum, -1 when GLPK fails.
 * Its blocks - rows joined by a column but for the weeks' rows: a day or
 * a few - each as a curve of its skilled agents (curve_open, curve_mip), a
 * week's curves joined under its rows (curves_min), less the week's LP;
 * the side as one program (its weeks' most only) when a block spans two
 * weeks. */
static double side_gain(const Side *S, double secs)
{
    glp_prob *p = S->p;
    int nr = glp_get_num_rows(p), nc = glp_get_num_cols(p), nw = S->nw, w0 = S->week0, span = 0, mips = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_prob *c = glp_create_prob();
    glp_copy_prob(c, p, GLP_OFF);
    int *rowc = xcalloc((size_t)nr + 1, sizeof *rowc), *colc = xcalloc((size_t)nc + 1, sizeof *colc);
    int *gof = xcalloc((size_t)nr + 1, sizeof *gof), *top = xcalloc((size_t)nr + 1, sizeof *top);
    for (int w = 0; w < nw; w++)
        rowc[w + 1] = w0 + w;
    glp_del_rows(c, nw, rowc);   /* the weeks' rows (the last) keep block 0 */
    memset(rowc, 0, sizeof *rowc * (size_t)(nr + 1));
    cg_blocks(c, rowc, colc);
    glp_delete_prob(c);
    for (int j = 1; j <= nc; j++)
        if (colc[j] && S->wk[j] >= 0) {
            int b = colc[j], G = w0 + S->wk[j];
            span |= gof[b] && gof[b] != G;
            gof[b] = G, top[b] += (int)lround(glp_get_col_ub(p, j));
        }
    int *dmost = xcalloc((size_t)nr + 1, sizeof *dmost);   /* a block's days' most */
    for (int i = S->day0; i < w0; i++)
        if (rowc[i])
            dmost[rowc[i]] += (int)lround(glp_get_row_ub(p, i));
    for (int b = 1; b < w0; b++)
        if (rowc[b] == b) {
            gof[b] = gof[b] ? gof[b] : b;
            top[b] = top[b] < dmost[b] ? top[b] : dmost[b];
            mips += top[b] + 1;
        }
    free(dmost);
    double gain = 0;
    if (span) {   /* one program */
        for (int i = 1; i <= nr; i++)
            rowc[i] = 1;
        for (int j = 1; j <= nc; j++)
            colc[j] = 1;
        int ncnt;
        glp_prob *s = cg_block(p, rowc, colc, 1, nr + 1, &ncnt);
        double v = side_lp(s), lb = -INFINITY;
        int rc = isfinite(v) ? cg_block_mip(s, secs, &lb) : -1;
        gain = (rc == 0 || rc == GLP_ETMLIM) && isfinite(lb) ? fmax(0, lb - v) : rc == GLP_ETMLIM ? 0 : -1;
        glp_delete_prob(s);
    }
    /* Each group (a week, or a block without skilled agents) as a
     * program of its own: its LP; its blocks' curves joined. */
    int *rowg = xcalloc((size_t)nr + 1, sizeof *rowg), *colg = xcalloc((size_t)nc + 1, sizeof *colg);
    for (int i = 1; i <= nr && !span; i++)
        rowg[i] = i >= w0 ? i : rowc[i] ? gof[rowc[i]] : 0;
    for (int j = 1; j <= nc && !span; j++)
        colg[j] = colc[j] ? gof[colc[j]] : 0;
    for (int G = 1; G <= nr && !span && gain >= 0; G++) {
        int any = 0, most = G >= w0 ? (int)lround(glp_get_row_ub(p, G)) : INT_MAX, ncnt;
        for (int b = 1; b < w0 && !any; b++)
            any = rowc[b] == b && gof[b] == G;
        if (!any)
            continue;
        glp_prob *s = cg_block(p, rowg, colg, G, nr + 1, &ncnt);
        glp_adv_basis(s, 0);
        double lp = side_lp(s), best = INFINITY;
        glp_delete_prob(s);
        /* The blocks' LP curves; the integer value where the least sum
         * picks it, until the pick is all integer (the rest are lower). */
        Curve *C = xmalloc(sizeof *C * (size_t)w0);
        int nb = 0, *pick = xmalloc(sizeof *pick * (size_t)w0), sum = 0;
        for (int b = 1; b < w0 && isfinite(lp); b++)
            if (rowc[b] == b && gof[b] == G) {
                if (curve_open(p, rowc, colc, S->wk, b, top[b], &C[nb]) < 0)
                    lp = NAN;
                sum += top[b], nb++;
            }
        if (most > sum)
            most = sum;
        for (int done = 0; !done && isfinite(lp);) {
            best = curves_min(C, nb, most, G >= w0 ? S : NULL, G - w0, pick);
            done = 1;
            int late = lp_seconds_since(&t0) > secs;   /* then the least sum as it is: still a lower bound */
            for (int i = 0; i < nb && isfinite(lp) && !late; i++)
                if (!C[i].exact[pick[i]]) {
                    done = 0;
                    if (curve_mip(&C[i], pick[i], fmax(0.1, (secs - lp_seconds_since(&t0)) / (mips > 1 ? mips : 1))) < 0)
                        lp = NAN;
                    mips--;
                }
        }
        for (int i = 0; i < nb; i++)
            curve_free(&C[i]);
        free(C), free(pick);
        if (isnan(lp))
            gain = -1;
        else if (isfinite(lp) && isfinite(best))
            gain += fmax(0, best - lp);
    }
    free(rowc), free(colc), free(gof), free(top), free(rowg), free(colg);
    return gain;
}

/* What whole skilled agents add to the bound.  The skill rows (each
 * interval's sum, its minimum and its need, the meals' ties) are, with an
 * integer copy n(d, s) of each queue's skilled months on a template day
 * in place of the months, a side of the Lagrangian of their own
 * (skill_side): n's price is the duals of the rows a month working it is
 * in, so the months' reduced costs are as they are and the side's LP
 * value is the LP's own there.  Every roster has whole skilled agents on
 * a day, each at his meal at one time, no more than may work the day, no
 * more days in a week than they can: the side so (side_gain) less its LP
 * optimum is added.  (The months' LP spreads a weekend agent's three
 * weekdays over five; a roster cannot.)  0 when GLPK fails. */
double cg_skill_gain(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *allowed,
                     double secs)
{
    int nq = 0;
    double gain = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int q = 0; q < cfg->nqueues && m->skill_need; q++)
        nq += cfg->queues[q].skill[0] != 0;
    for (int q = 0; q < cfg->nqueues && m->skill_need && gain >= 0; q++) {
        Side S;
        if (!cfg->queues[q].skill[0] || (nq--, !skill_side(m, cfg, r, allowed, q, &S)))
            continue;
        below_costs(&S, m->ng);
        double g = side_gain(&S, (secs - lp_seconds_since(&t0)) / (nq + 1));
        gain = g < 0 ? -1 : gain + g;
        glp_delete_prob(S.p);
        free(S.wk), free(S.least), free(S.cut), free(S.cost), free(S.below), free(S.below_at);
    }
    return gain > 0 ? gain : 0;
}
