/*
 * place.c - a month's starts, meals and extra breaks placed exactly at the
 * minute, day by day.  The months stay: each day's agents of each class of
 * templates (those no rule tells apart: the staggered day starts).  The
 * bound's master at the minute (cg_build_master with breaks) less its
 * months is a program over each template's starts within its class and the
 * (meal time, break slot) counts of its day: coverage at the minute at the
 * checker's cost, at most ceil(n / 8) of a template's n agents in a slot
 * (cg_starts_side, alike slots merged).  Day by day, every other day as it
 * stands (a shift over midnight joins two days: the evening's end is fixed
 * while the next day is placed), GLPK solves the day's block; then the
 * starts are dealt as the dive deals them (cg_give_starts: yesterday's
 * start first within a week) and each template's day its pairs.  An agent
 * with a preference keeps his start; one with a skill queue keeps his
 * start, meal and break (his queues' minutes are the tuning's).  The search
 * chooses starts in its own model (breaks as their share), and
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
    if (m->breaks) {   /* cg_pair_col: per meal time, 8 slots */
        for (int o = st->meal_from_min, k = 0; st->meal_min <= 0 || o <= st->meal_to_min; o += 30, k++) {
            for (int j = 0; j < 8; j++, n++)
                col[n] = cg_pair_col(x, k, j), off[n] = st->meal_min > 0 ? o : -1, slot[n] = j;
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

enum { MAXP = 8 * SHIFTPLAN_MEAL_SLOTS };

/* Agent x's column among the np pairs (col, off, slot) of his template s
 * (merged slots: his group's first; rep: the day's 16); 0 when his meal is
 * not one of the pairs', -1 when the day has no pairs (no breaks, no meal). */
static int find_pair(const Master *m, const WfmConfig *cfg, int s, const int *rep, const Assign *x, const int *col,
                     const int *off, const int *slot, int np)
{
    int meal = cfg->shifts[s].meal_min > 0 ? x->meal_off_min : -1, j = m->breaks ? rep[x->break_slot & 7] : -1;
    if (!np)
        return -1;
    for (int k = 0; k < np; k++)
        if (off[k] == meal && slot[k] == j)
            return col[k];
    return 0;
}

/* The same on template s of day d, its pairs listed here. */
static int pair_col(const Master *m, const WfmConfig *cfg, int d, int s, const int *rep, const Assign *x)
{
    int col[MAXP], off[MAXP], slot[MAXP], np = pairs_of(m, cfg, d, s, col, off, slot);
    return find_pair(m, cfg, s, rep, x, col, off, slot, np);
}

/* The columns of day d: its starts, pairs and caps' c (into cols). */
static int day_cols(const Master *m, const WfmConfig *cfg, const int *rep, int d, int *cols)
{
    int n = 0, col[MAXP], off[MAXP], slot[MAXP];
    for (int s = 0; s < m->ns; s++) {
        if (!m->xcol[d * m->ns + s])
            continue;
        cols[n++] = m->xcol[d * m->ns + s];
        for (int k = 0, np = pairs_of(m, cfg, d, s, col, off, slot); k < np; k++)
            cols[n++] = col[k];
        for (int j = 0; j < 8 && m->breaks; j++)
            if (rep[16 * (d * m->ns + s) + 8 + j] > 0)
                cols[n++] = rep[16 * (d * m->ns + s) + 8 + j];
    }
    return n;
}

int colgen_place_minute(const ColGenIn *in, Assign *a, double secs)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nd = r->ndays, ns = cfg->nshifts, ng = r->nagents, w = r->carry_days + nd, placed = 0;
    if (nd <= 0 || ns <= 0 || ns > 30)
        return 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_term_hook(lp_silent, NULL);
    Master mx;
    cg_build_master(&mx, in, 1);
    double *zero = xcalloc((size_t)nd * ns, sizeof *zero);
    int *rep = xcalloc((size_t)nd * ns * 16, sizeof *rep);
    glp_prob *q = cg_starts_side(&mx, zero, rep);
    free(zero);
    int nc = glp_get_num_cols(q), ok = 1;
    /* Who keeps what: skilled agents (skill queues open) all of their day,
     * agents with a preference their starts (exact). */
    unsigned char *keep = xcalloc((size_t)(ng ? ng : 1), 1);
    memset(mx.exact, 0, (size_t)(ng ? ng : 1));
    for (int g = 0; g < ng; g++) {
        keep[g] = mx.exact[g] = in->skill_need && r->agents[g].skills;
        for (int d = 0; d < nd && !keep[g]; d++)   /* an agent with a pinned day keeps his days as they are */
            keep[g] = mx.exact[g] = a[(size_t)g * w + (size_t)(r->carry_days + d)].pinned;
    }
    for (int k = 0; k < r->npref; k++)
        if (r->pref[k].agent >= 0 && r->pref[k].agent < ng)
            mx.exact[r->pref[k].agent] = 1;
    /* The month as it stands (cur) and what each column must keep (lo):
     * the starts, the pairs and each cap's c. */
    size_t cap = (size_t)nc + 2 * (size_t)nd * ns + 1;   /* with the moves' columns */
    double *cur = xcalloc(cap, sizeof *cur), *lo = xcalloc(cap, sizeof *lo);
    int *xint = xcalloc((size_t)nd * ns, sizeof *xint), *choice = xmalloc(sizeof *choice * (size_t)ng * nd);
    for (int d = 0; d < nd && ok; d++) {
        int ncls[30] = { 0 };
        for (int g = 0; g < ng; g++) {
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            int s = x->shift;
            choice[(size_t)g * nd + d] = s < 0 || mx.exact[g] ? s : mx.cls[s];
            if (s < 0)
                continue;
            int pc = mx.xcol[d * ns + s] ? pair_col(&mx, cfg, d, s, &rep[16 * (d * ns + s)], x) : 0;
            if (!pc) {
                ok = 0;   /* a shift or a meal the master has not: the month is left as it is */
                break;
            }
            xint[d * ns + s]++, ncls[mx.cls[s]]++;
            cur[mx.xcol[d * ns + s]]++, lo[mx.xcol[d * ns + s]] += mx.exact[g];
            if (pc > 0)
                cur[pc]++, lo[pc] += keep[g];
        }
        for (int s = 0; s < ns && ok && mx.breaks; s++)
            for (int j = 0; j < 8; j++)
                if (rep[16 * (d * ns + s) + 8 + j] > 0)
                    cur[rep[16 * (d * ns + s) + 8 + j]] = (xint[d * ns + s] + 7) / 8;
        /* Each start count's move from the month's, at a hundredth a head:
         * of equal days, the one that keeps the starts (no start jump). */
        for (int s = 0; s < ns && ok; s++)
            if (mx.xcol[d * ns + s]) {
                int i = glp_add_rows(q, 1), c = glp_add_cols(q, 2), ind[4] = { 0, mx.xcol[d * ns + s], c, c + 1 };
                double v[4] = { 0, 1, -1, 1 };
                glp_set_mat_row(q, i, 3, ind, v);
                glp_set_row_bnds(q, i, GLP_FX, xint[d * ns + s], xint[d * ns + s]);
                for (int k = 0; k < 2; k++)
                    glp_set_col_bnds(q, c + k, GLP_LO, 0, 0), glp_set_obj_coef(q, c + k, 0.01);
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
    /* Day by day, the others as they stand. */
    nc = glp_get_num_cols(q);
    int nr = glp_get_num_rows(q), *cols = xmalloc(sizeof *cols * (size_t)(ns * (MAXP + 9) + 1));
    int *type = xmalloc(sizeof *type * (size_t)(nc + 1)), *rowc = xmalloc(sizeof *rowc * (size_t)(nr + 1));
    int *colc = xmalloc(sizeof *colc * (size_t)(nc + 1));
    unsigned char *solved = xcalloc((size_t)(nd ? nd : 1), 1), *mine = xcalloc((size_t)nc + 1, 1);
    for (int j = 1; j <= nc; j++)   /* merged slots' other pairs stay 0 */
        type[j] = glp_get_col_type(q, j);
    for (int d = 0, left = nd; d < nd && ok; d++, left--) {
        int n = day_cols(&mx, cfg, rep, d, cols);
        if (!n) {   /* nothing runs: nothing to place */
            solved[d] = 1;
            continue;
        }
        for (int j = 1; j <= nc; j++)
            if (j <= mx.nstart || glp_get_col_kind(q, j) == GLP_IV)
                glp_set_col_bnds(q, j, GLP_FX, cur[j], cur[j]);
        for (int k = 0; k < n; k++)
            if (type[cols[k]] != GLP_FX)
                glp_set_col_bnds(q, cols[k], GLP_LO, lo[cols[k]], 0), mine[cols[k]] = 1;
        cg_blocks(q, rowc, colc);
        double rem = secs - lp_seconds_since(&t0), t = fmax(rem / left, fmin(rem, 0.5)), lb;
        solved[d] = 1;
        for (int b = 1; b <= nr; b++) {
            int any = 0, ncnt;
            for (int k = 0; k < n && !any; k++)
                any = colc[cols[k]] == b;
            if (rowc[b] != b || !any)
                continue;
            glp_prob *p = cg_block(q, rowc, colc, b, nr + 1, &ncnt);
            glp_smcp sp;
            glp_init_smcp(&sp);
            sp.msg_lev = GLP_MSG_OFF;
            glp_adv_basis(p, 0);
            int got = 0;
            if (rem > 0 && glp_simplex(p, &sp) == 0 && glp_get_status(p) == GLP_OPT) {
                int rc = cg_block_mip(p, t, &lb), st = glp_mip_status(p);
                if ((got = (rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS)))
                    for (int j = 1, k = 0; j <= nc; j++)
                        if (colc[j] == b && (++k, mine[j]))
                            cur[j] = glp_mip_col_val(p, k);
            }
            solved[d] &= got;
            glp_delete_prob(p);
        }
        for (int k = 0; k < n; k++)
            mine[cols[k]] = 0;
    }
    /* The starts dealt from the counts (a day GLPK did not solve keeps its
     * own), then each template's day its pairs: the kept agents theirs, the
     * others each to the slot of his pair's group with the fewest. */
    for (int k = 0; k < nd * ns && ok; k++)
        if (mx.xcol[k] && solved[k / ns])
            xint[k] = (int)lround(cur[mx.xcol[k]]);
    int all = ok && ng <= COLGEN_LAZY_WHOLE;   /* a small center, every day solved (its meals dealt after its starts) */
    for (int d = 0; d < nd; d++)
        all &= solved[d];
    if (ok) {   /* dealt a day at a time; then runs traded where a later day's counts force a change of start */
        cg_give_starts(&mx, xint, choice);
        if (all)   /* (a large center's starts are the rotation's, evened out: kept) */
            cg_mend_jumps(&mx, cfg, r, keep, choice);
    }
    for (int d = 0; d < nd && ok; d++)
        for (int g = 0; g < ng && solved[d]; g++) {
            Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
            int s = choice[(size_t)g * nd + d];
            if (x->shift >= 0 && s >= 0 && s != x->shift)
                x->shift = s, x->start_min = cfg->shifts[s].start_min;
        }
    for (int d = 0; d < nd && ok; d++)
        for (int s = 0; s < ns && solved[d]; s++) {
            int col[MAXP], off[MAXP], slot[MAXP], np, *rp = &rep[16 * (d * ns + s)], occ[8] = { 0 }, left[MAXP];
            if (!mx.xcol[d * ns + s])
                continue;
            np = pairs_of(&mx, cfg, d, s, col, off, slot);
            for (int k = 0; k < np; k++)
                left[k] = (int)lround(cur[col[k]]);
            for (int g = 0; g < ng; g++) {   /* the kept agents first */
                const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
                if (x->shift != s || !keep[g])
                    continue;
                int pc = find_pair(&mx, cfg, s, rp, x, col, off, slot, np);
                for (int k = 0; k < np; k++)
                    if (col[k] == pc)
                        left[k]--;
                if (mx.breaks)
                    occ[x->break_slot & 7]++;
            }
            for (int g = 0, k = 0; g < ng; g++) {
                Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)];
                if (x->shift != s || keep[g])
                    continue;
                while (k < np && left[k] <= 0)
                    k++;
                if (k == np)
                    break;   /* cannot happen: the counts sum to the day's agents */
                left[k]--;
                x->meal_off_min = off[k];
                if (slot[k] < 0)
                    continue;
                int best = slot[k];
                for (int j = 0; j < 8; j++)
                    if (rp[j] == slot[k] && occ[j] < occ[best])
                        best = j;
                x->break_slot = best, occ[best]++;
            }
            placed++;
        }
    free(cur), free(lo), free(xint), free(choice), free(cols), free(type), free(rowc), free(colc), free(solved);
    free(mine), free(keep), free(rep);
    glp_delete_prob(q);
    cg_master_free(&mx);
    glp_term_hook(NULL, NULL);
    return placed;
}
