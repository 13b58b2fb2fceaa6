/*
 * bound.c - the bound's whole start counts.  At every round where all
 * agents are priced, the master's value plus each agent's most negative
 * reduced cost (the Lagrangian bound) is a lower bound on any roster under
 * these rules (meals anywhere on the template's half hours); colgen_solve
 * keeps the best.  At the root's last duals, what whole start and meal
 * counts cost more than shares (the starts' side of the Lagrangian as
 * small integer programs, one per block of hours) is added to it: this
 * file.
 */
#include "internal.h"
#include "../../core/alloc.h"

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

/* Block b's integer optimum, or the best bound GLPK proves within secs,
 * less its LP optimum without the days' count rows (q's rows from cnt0
 * on); -1 when GLPK fails. */
static double block_gain(glp_prob *q, const int *rowc, const int *colc, int b, int cnt0, double secs)
{
    int ncnt, whole = 0;
    glp_prob *p = cg_block(q, rowc, colc, b, cnt0, &ncnt);
    for (int j = 1; j <= glp_get_num_cols(p) && !whole; j++)
        whole = glp_get_col_kind(p, j) == GLP_IV;
    double gain = whole ? -1 : 0, lb = -INFINITY, lp = 0;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    int pr = glp_get_num_rows(p), c0 = pr - ncnt + 1, ok = 1;
    if (whole && ncnt) {   /* the LP side of the bound has no count rows */
        int *type = xmalloc(sizeof *type * (size_t)ncnt);
        double *lo = xmalloc(sizeof *lo * (size_t)ncnt), *hi = xmalloc(sizeof *hi * (size_t)ncnt);
        for (int i = c0; i <= pr; i++) {
            type[i - c0] = glp_get_row_type(p, i), lo[i - c0] = glp_get_row_lb(p, i), hi[i - c0] = glp_get_row_ub(p, i);
            glp_set_row_bnds(p, i, GLP_FR, 0, 0);
        }
        glp_adv_basis(p, 0);
        ok = glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT;
        lp = ok ? glp_get_obj_val(p) : 0;
        for (int i = c0; i <= pr; i++)
            glp_set_row_bnds(p, i, type[i - c0], lo[i - c0], hi[i - c0]);
        free(type), free(lo), free(hi);
    } else
        glp_adv_basis(p, 0);
    if (whole && ok && glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT) {
        if (!ncnt)
            lp = glp_get_obj_val(p);
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

/* What whole start and meal counts add to the bound.  With the duals of
 * the rows that tie the starts to the agents' months (class and template
 * rows), the starts' side of the Lagrangian - every row no month is in
 * (coverage, meals, the days' limits; at the minute the pairs' ties and
 * slots' caps), the tie rows priced - is a small program of its own; the
 * LP bound takes it continuous.  Every roster has whole counts, so its
 * integer optimum (or the best bound GLPK proves within secs) less its LP
 * optimum may be added to the Lagrangian bound of the same duals (tie:
 * those duals saved by cg_tie_dual when the LP was solved, NULL: the LP's
 * own now).  count (NULL: none) gives per day the agents every roster has
 * at work, at least count[2d] and at most count[2d + 1] (-1: no most); the
 * integer side keeps them, the LP side does not (the months hold them).
 * The rows and the start and meal columns it takes from the LP are those
 * of the root: the dive only fixes months.  0 when GLPK fails. */
double cg_whole_gain(const Master *m, const double *tie, const int *count, double secs)
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
    int cnt0 = glp_get_num_rows(q) + 1;
    for (int d = 0; d < nd && count; d++) {
        int ind[31], k = 0;
        double one[31];
        for (int s = 0; s < ns; s++)
            if (m->xcol[d * ns + s])
                ind[++k] = m->xcol[d * ns + s], one[k] = 1;
        if (!k || (count[2 * d] <= 0 && count[2 * d + 1] < 0))
            continue;
        int i = glp_add_rows(q, 1), lo = count[2 * d], hi = count[2 * d + 1];
        glp_set_mat_row(q, i, k, ind, one);
        glp_set_row_bnds(q, i, hi < 0 ? GLP_LO : hi == lo ? GLP_FX : GLP_DB, lo, hi);
    }
    /* Its blocks solved one by one (in the samples each day is one: the
     * evening shift alone covers the next day's first hour). */
    int nr2 = glp_get_num_rows(q), nc2 = glp_get_num_cols(q);
    int *rowc = xmalloc(sizeof *rowc * (size_t)(nr2 + 1)), *colc = xmalloc(sizeof *colc * (size_t)(nc2 + 1));
    int nblocks = cg_blocks(q, rowc, colc);
    double gain = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int b = 1, left = nblocks; b <= nr2; b++)
        if (rowc[b] == b) {
            cg_tell(m->tell, COLGEN_PHASE_BOUND, -1, NAN, NAN);
            double rem = secs - lp_seconds_since(&t0);   /* an even share of what is left, half a second at least */
            double g = block_gain(q, rowc, colc, b, cnt0, fmax(rem / left--, fmin(rem, 0.5)));
            if (g < 0) {   /* GLPK failed: no gain can be claimed */
                gain = 0;
                break;
            }
            gain += g;
        }
    free(rowc), free(colc);
    glp_delete_prob(q);
    return gain;
}
