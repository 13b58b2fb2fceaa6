/*
 * place.c - a small month's starts, meals and extra breaks placed exactly.
 * The months stay: each day's agents of each class of templates (those no
 * rule tells apart: the staggered day starts).  The bound's master at the
 * minute (cg_build_master with breaks) less its months is then, block of
 * days by block, a small integer program over each template's starts
 * within its class and the (meal time, break slot) counts of its day:
 * coverage at the minute at the checker's cost, at most ceil(n / 8) of a
 * template's n agents in a slot (cg_starts_side, alike slots merged).
 * GLPK solves each block; the starts are dealt as the dive deals them
 * (cg_give_starts: yesterday's start first within a week; an agent with
 * a preference keeps his), and each template's day its pairs.  The search
 * chooses starts in its own model (breaks as their share) and
 * assign_tune_meals moves one agent at a time (it cannot swap two agents'
 * slots when every slot is full); this finds each day's best at the minute.
 */
#include "internal.h"
#include "../../core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* The pair columns of template s on day d (x: its start column) and what
 * each is: meal offset and break slot, at most 8 x SHIFTPLAN_MEAL_SLOTS. */
static int pairs_of(const Master *m, const WfmConfig *cfg, int d, int s, int *col, int *off, int *slot)
{
    const ShiftTemplate *st = &cfg->shifts[s];
    int x = m->xcol[d * m->ns + s], n = 0;
    if (m->breaks) {   /* built right after the start: per meal time, 8 slots */
        for (int o = st->meal_from_min, k = 0; st->meal_min <= 0 || o <= st->meal_to_min; o += 30, k++) {
            for (int j = 0; j < 8; j++, n++)
                col[n] = x + 1 + 8 * k + j, off[n] = st->meal_min > 0 ? o : -1, slot[n] = j;
            if (st->meal_min <= 0)
                break;
        }
        return n;
    }
    for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS && st->meal_min > 0; k++)
        if (m->ycol[(d * m->ns + s) * SHIFTPLAN_MEAL_SLOTS + k])
            col[n] = m->ycol[(d * m->ns + s) * SHIFTPLAN_MEAL_SLOTS + k], off[n] = st->meal_from_min + 30 * k,
            slot[n++] = -1;
    return n;
}

int colgen_place_minute(const ColGenIn *in, Assign *a, double secs)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, ng = r->nagents, w = r->carry_days + nd, placed = 0;
    enum { MAXP = 8 * SHIFTPLAN_MEAL_SLOTS };
    if (nd <= 0 || ns <= 0 || ns > 30)
        return 0;
    for (int g = 0; g < ng; g++) {
        if (in->skill_need && r->agents[g].skills)
            return 0;   /* skilled agents' meals and breaks keep their queues: the tuning's */
        for (int d = 0; d < nd; d++)
            if (a[(size_t)g * w + (size_t)(r->carry_days + d)].pinned)
                return 0;   /* a pinned day stays as it is: the tuning's */
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_term_hook(lp_silent, NULL);
    Master mx;
    cg_build_master(&mx, in, 1);
    double *zero = xcalloc((size_t)nd * ns, sizeof *zero);
    int *rep = xmalloc(sizeof *rep * (size_t)nd * ns * 8);
    glp_prob *q = cg_starts_side(&mx, zero, rep);
    free(zero);
    int nc = glp_get_num_cols(q), ok = 1;
    int *xint = xcalloc((size_t)nd * ns, sizeof *xint), *choice = xmalloc(sizeof *choice * (size_t)ng * nd);
    /* The starts are dealt again from the counts (an agent's month gives
     * each day's class), but for agents with a preference or a pinned day
     * (it may name a template), who keep theirs (exact). */
    double *lo = xcalloc((size_t)nc + 1, sizeof *lo);
    memset(mx.exact, 0, (size_t)(ng ? ng : 1));
    for (int k = 0; k < r->npref; k++)
        if (r->pref[k].agent >= 0 && r->pref[k].agent < ng)
            mx.exact[r->pref[k].agent] = 1;
    for (int d = 0; d < nd && ok; d++) {
        int ncls[30] = { 0 };
        for (int g = 0; g < ng; g++) {
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            int s = x->shift;
            choice[(size_t)g * nd + d] = s < 0 || mx.exact[g] ? s : mx.cls[s];
            if (s < 0)
                continue;
            if (!mx.xcol[d * ns + s]) {
                ok = 0;   /* a shift where the master has none: the month is left as it is */
                break;
            }
            xint[d * ns + s]++, ncls[mx.cls[s]]++;
            lo[mx.xcol[d * ns + s]] += mx.exact[g];
        }
        /* Each class's starts: its agents of the day. */
        for (int c = 0; c < mx.ncls && ok; c++) {
            int ind[31], k = 0;
            double one[31];
            for (int s = 0; s < ns; s++)
                if (mx.cls[s] == c && mx.xcol[d * ns + s])
                    ind[++k] = mx.xcol[d * ns + s], one[k] = 1;
            if (!k)
                continue;
            int i = glp_add_rows(q, 1);
            glp_set_mat_row(q, i, k, ind, one);
            glp_set_row_bnds(q, i, GLP_FX, ncls[c], ncls[c]);
        }
    }
    for (int j = 1; j <= nc; j++)
        if (lo[j] > 0)
            glp_set_col_bnds(q, j, GLP_LO, lo[j], 0);
    free(lo);
    int nr = glp_get_num_rows(q);
    double *val = xcalloc((size_t)nc + 1, sizeof *val);
    unsigned char *done = xcalloc((size_t)nc + 1, 1);
    int *rowc = xmalloc(sizeof *rowc * (size_t)(nr + 1)), *colc = xmalloc(sizeof *colc * (size_t)(nc + 1));
    int nblocks = ok ? cg_blocks(q, rowc, colc) : 0;
    for (int b = 1, left = nblocks; ok && b <= nr; b++) {
        if (rowc[b] != b)
            continue;
        int ncnt, whole = 0;
        glp_prob *p = cg_block(q, rowc, colc, b, nr + 1, &ncnt);
        for (int j = 1; j <= glp_get_num_cols(p) && !whole; j++)
            whole = glp_get_col_kind(p, j) == GLP_IV;
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        glp_adv_basis(p, 0);
        double lb = -INFINITY, t = (secs - lp_seconds_since(&t0)) / left--;
        if (whole && glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT) {
            int rc = cg_block_mip(p, t, &lb), st = glp_mip_status(p);
            if ((rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS))
                for (int j = 1, k = 0; j <= nc; j++)
                    if (colc[j] == b)
                        val[j] = glp_mip_col_val(p, ++k), done[j] = 1;
        }
        glp_delete_prob(p);
    }
    /* The starts dealt from the counts (a day whose block GLPK did not
     * solve keeps its own), then each template's day its pairs. */
    for (int k = 0; k < nd * ns && ok; k++)
        if (mx.xcol[k] && done[mx.xcol[k]])
            xint[k] = (int)lround(val[mx.xcol[k]]);
    if (ok)
        cg_give_starts(&mx, xint, choice);
    for (int d = 0; d < nd && ok; d++) {
        int solved = 1;   /* a day whose blocks GLPK did not all solve keeps its starts */
        for (int s = 0; s < ns; s++)
            solved &= !mx.xcol[d * ns + s] || done[mx.xcol[d * ns + s]];
        for (int g = 0; g < ng && solved; g++) {
            Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            int s = choice[(size_t)g * nd + d];
            if (x->shift >= 0 && s >= 0 && s != x->shift)
                x->shift = s, x->start_min = cfg->shifts[s].start_min;
        }
    }
    for (int d = 0; d < nd && ok; d++)
        for (int s = 0; s < ns; s++) {
            int x0 = mx.xcol[d * ns + s], col[MAXP], off[MAXP], slot[MAXP], left[MAXP], solved = 1;
            for (int u = 0; u < ns; u++)
                solved &= !mx.xcol[d * ns + u] || done[mx.xcol[d * ns + u]];
            if (!x0 || !solved)
                continue;
            int np = pairs_of(&mx, cfg, d, s, col, off, slot), *rp = &rep[8 * (d * ns + s)], next[8];
            for (int k = 0; k < np; k++)
                left[k] = 0;
            for (int j = 0; j < 8; j++)
                next[j] = j;
            /* A merged group's agents (on its first slot) round its slots,
             * at most ceil(x / 8) in each. */
            for (int k = 0; k < np; k++)
                for (int z = (int)lround(val[col[k]]); z > 0; z--) {
                    int j = slot[k] < 0 ? -1 : rp[slot[k]], at = k;
                    if (j >= 0) {
                        at = k - slot[k] + next[j];
                        do
                            next[j] = (next[j] + 1) % 8;
                        while (rp[next[j]] != j);
                    }
                    left[at]++;
                }
            for (int g = 0, k = 0; g < ng; g++) {
                Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
                if (x->shift != s)
                    continue;
                while (k < np && left[k] <= 0)
                    k++;
                if (k == np)
                    break;   /* cannot happen: the counts sum to the day's agents */
                left[k]--;
                x->meal_off_min = off[k];
                if (slot[k] >= 0)
                    x->break_slot = slot[k];
            }
            placed++;
        }
    free(rowc), free(colc), free(val), free(done), free(xint), free(choice), free(rep);
    glp_delete_prob(q);
    cg_master_free(&mx);
    glp_term_hook(NULL, NULL);
    return placed;
}
