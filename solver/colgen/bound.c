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

/* Block b of the starts' side (rows and columns with rowc / colc b):
 * its integer optimum, or the best bound GLPK proves within secs, less its
 * LP optimum; -1 when GLPK fails. */
static double block_gain(glp_prob *q, const int *rowc, const int *colc, int b, double secs)
{
    int nr = glp_get_num_rows(q), nc = glp_get_num_cols(q), n = 0, whole = 0;
    glp_prob *p = glp_create_prob();
    glp_copy_prob(p, q, GLP_OFF);
    int *del = xmalloc(sizeof *del * (size_t)((nr > nc ? nr : nc) + 1));
    for (int i = 1; i <= nr; i++)
        if (rowc[i] != b)
            del[++n] = i;
    if (n)
        glp_del_rows(p, n, del);
    n = 0;
    for (int j = 1; j <= nc; j++)
        if (colc[j] != b)
            del[++n] = j;
        else
            whole |= glp_get_col_kind(q, j) == GLP_IV;
    if (n)
        glp_del_cols(p, n, del);
    free(del);
    double gain = whole ? -1 : 0, lb = -INFINITY;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_adv_basis(p, 0);
    if (whole && glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT) {
        double lp = glp_get_obj_val(p);
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = GLP_MSG_OFF;
        ip.br_tech = GLP_BR_PCH;
        ip.gmi_cuts = GLP_ON;   /* closed Gimpo's month at the root, measured */
        ip.tm_lim = (int)fmax(100, 1000 * secs);
        ip.cb_func = lp_bound_min_cb, ip.cb_info = &lb;
        int r = glp_intopt(p, &ip);
        if (r == 0 && glp_mip_status(p) == GLP_OPT)
            lb = glp_mip_obj_val(p);
        if ((r == 0 || r == GLP_ETMLIM) && isfinite(lb))
            gain = fmax(0, lb - lp);
        else if (r == GLP_ETMLIM)
            gain = 0;
    }
    glp_delete_prob(p);
    return gain;
}

/* The duals of the rows that tie template s's starts on day d to the
 * agents' months (its class's row and its own), in the LP as it stands. */
double cg_tie_dual(const Master *m, int d, int s)
{
    double c = glp_get_row_dual(m->lp, m->row_cls[d * m->ncls + m->cls[s]]);
    return m->row_cnt[d * m->ns + s] ? c + glp_get_row_dual(m->lp, m->row_cnt[d * m->ns + s]) : c;
}

/* What whole start and meal counts add to the bound.  With the duals of
 * the rows that tie the starts to the agents' months (class and template
 * rows), the starts' side of the Lagrangian - coverage and meal rows kept,
 * the tie rows priced, the days' limits kept - is a small program of its own; the LP bound takes
 * it continuous.  Every roster has whole counts, so its integer optimum
 * (or the best bound GLPK proves within secs) less its LP optimum may be
 * added to the Lagrangian bound of the same duals (tie: those duals saved
 * by cg_tie_dual when the LP was solved, NULL: the LP's own now).  The
 * rows and the start and meal columns it takes from the LP are those of
 * the root: the dive only fixes months.  0 when GLPK fails. */
double cg_whole_gain(const Master *m, const double *tie, double secs)
{
    int nd = m->nd, ns = m->ns, nr = glp_get_num_rows(m->lp), nc = glp_get_num_cols(m->lp);
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, m->lp, GLP_OFF);
    unsigned char *keep = xcalloc((size_t)nr + 1, 1);
    for (int t = 1; t <= m->nt; t++)
        keep[t] = 1;
    for (int k = 0; k < nd * ns; k++)
        if (m->row_meal[k])
            keep[m->row_meal[k]] = 1;
    for (int d = 0; d < nd; d++)
        if (m->row_day[d])
            keep[m->row_day[d]] = 1;
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
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            int x = m->xcol[d * ns + s];
            if (!x)
                continue;
            double c = tie ? tie[d * ns + s] : cg_tie_dual(m, d, s);
            glp_set_obj_coef(q, x, c);
            glp_set_col_kind(q, x, GLP_IV);
            for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS; k++)
                if (m->ycol[(d * ns + s) * SHIFTPLAN_MEAL_SLOTS + k])
                    glp_set_col_kind(q, m->ycol[(d * ns + s) * SHIFTPLAN_MEAL_SLOTS + k], GLP_IV);
        }
    free(keep), free(del);
    /* Its blocks - rows joined by a column - solved one by one (in the
     * samples each day is one: the evening shift alone covers the next
     * day's first hour). */
    int nr2 = glp_get_num_rows(q), nc2 = glp_get_num_cols(q);
    int *up = xmalloc(sizeof *up * (size_t)(nr2 + 1)), *ind = xmalloc(sizeof *ind * (size_t)(nr2 + 1));
    double *val = xmalloc(sizeof *val * (size_t)(nr2 + 1));
    int *rowc = xmalloc(sizeof *rowc * (size_t)(nr2 + 1)), *colc = xmalloc(sizeof *colc * (size_t)(nc2 + 1));
    for (int i = 0; i <= nr2; i++)
        up[i] = i;
    for (int j = 1; j <= nc2; j++) {
        int nz = glp_get_mat_col(q, j, ind, val);
        for (int k = 2; k <= nz; k++) {
            int a = ind[1], b = ind[k];
            while (up[a] != a)
                a = up[a] = up[up[a]];
            while (up[b] != b)
                b = up[b] = up[up[b]];
            up[a] = b;
        }
    }
    for (int i = 1; i <= nr2; i++) {
        int a = i;
        while (up[a] != a)
            a = up[a];
        rowc[i] = a;
    }
    int nblocks = 0;
    for (int i = 1; i <= nr2; i++)
        nblocks += rowc[i] == i;
    for (int j = 1; j <= nc2; j++)
        colc[j] = glp_get_mat_col(q, j, ind, val) > 0 ? rowc[ind[1]] : 0;
    double gain = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int b = 1, left = nblocks; b <= nr2; b++)
        if (rowc[b] == b) {
            cg_tell(m->tell, COLGEN_PHASE_BOUND, -1, NAN, NAN);
            double g = block_gain(q, rowc, colc, b, (secs - lp_seconds_since(&t0)) / left--);
            if (g < 0) {   /* GLPK failed: no gain can be claimed */
                gain = 0;
                break;
            }
            gain += g;
        }
    free(up), free(ind), free(val), free(rowc), free(colc);
    glp_delete_prob(q);
    return gain;
}
