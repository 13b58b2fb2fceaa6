/*
 * dive.c - the integer roster: a dive - fix the agents whose month the LP
 * already takes whole, else the most certain fifth, re-solve and
 * re-price - until every agent has one month; whole start counts per day
 * and template (a GLPK MIP over the counts alone, else rounding); the
 * class's starts given out; and, after the annealing, the starts rotated
 * so that the latest starters so far get the earliest.  The dive always
 * finishes (without pricing past the time limit), so a roster exists even
 * when stopped early.
 */
#include "internal.h"
#include "../../core/alloc.h"
#include "../../core/stats.h"

#include <stdlib.h>
#include <string.h>

/* Fixes the left agents not yet fixed: whole months the LP takes (almost)
 * whole, else the most certain fifth of them (the polish prices every
 * month again, so a finer dive buys little for its time); re-solves and
 * re-prices between steps.  Past the time limit or on the stop flag,
 * pricing only where the LP leaves a skill hour open (a roster that keeps
 * every rule is needed before anything can be kept). */
int cg_dive(Search *S, int left, ColGenOut *out, WfmErr *err)
{
    Master *m = S->m;
    int ng = m->ng;
    for (int it = 0; it < 5; it++) {
        double lag;
        if (cg_solve_lp(m, fmax(5, S->tl - lp_seconds_since(S->t0))) < 0)
            return wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP in the dive");
        if ((S->in->stop && *S->in->stop) || lp_seconds_since(S->t0) > S->tl ||
            !cg_price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
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
        /* A fifth at a time; stopped or past the time limit, priced only
         * where a skill hour is left open (below). */
        int late = (S->in->stop && *S->in->stop) || lp_seconds_since(S->t0) > S->tl;
        int nfix = 0, want = (left + 4) / 5;
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
            if (cg_solve_lp(m, fmax(5, S->tl - lp_seconds_since(S->t0))) < 0)
                return wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP in the dive");
            if (left == 0 || (late && cg_skill_slack(m) <= 1e-6) ||
                !cg_price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
                break;
        }
        cg_tell(m->tell, COLGEN_PHASE_DIVE, ng - left, glp_get_obj_val(m->lp), NAN);
    }
    return 0;
}

/* With every agent's month fixed: whole start counts per day and
 * template (the class totals the months give; at least the months naming
 * the template), by a GLPK MIP over the counts for at most secs seconds,
 * else by rounding the LP's (largest remainder within each class).  Writes
 * the counts and the meal shares. */
void cg_whole_starts(Master *m, double secs, int *xint, double *meal)
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
void cg_give_starts(const Master *m, const int *xint, int *choice)
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
 * class's templates being alike for them), the latest starters up to the
 * week's Monday getting the earliest starts - the order holds for a week,
 * and an agent who worked yesterday keeps yesterday's start while the day
 * has it, so starts jump seldom within a week and rotate weekly. */
void cg_rotate_starts(const Master *m, const WfmConfig *cfg, const Roster *r, int *choice)
{
    int nd = m->nd, ng = m->ng;
    double *late = xcalloc((size_t)(ng ? ng : 1), sizeof *late);
    Late *who = xmalloc(sizeof *who * (size_t)(ng ? ng : 1)), *st = xmalloc(sizeof *st * (size_t)(ng ? ng : 1));
    unsigned char *done = xmalloc((size_t)(ng ? ng : 1));
    double *frozen = xcalloc((size_t)(ng ? ng : 1), sizeof *frozen);
    for (int d = 0; d < nd; d++) {
        memset(done, 0, (size_t)(ng ? ng : 1));
        if (d == 0 || date_weekday(r->first_day + d) == WD_MON)   /* the order holds a week: starts rotate weekly */
            memcpy(frozen, late, sizeof *late * (size_t)(ng ? ng : 1));
        for (int g0 = 0; g0 < ng; g0++) {
            int s0 = choice[(size_t)g0 * nd + d], n = 0;
            if (done[g0] || s0 < 0)
                continue;
            unsigned key = cg_alike(m, r, g0);
            for (int g = g0; g < ng; g++) {
                int s = choice[(size_t)g * nd + d];
                if (!done[g] && s >= 0 && m->cls[s] == m->cls[s0] && cg_alike(m, r, g) == key) {
                    done[g] = 1;
                    who[n] = (Late){ frozen[g], g, 0 };
                    st[n++] = (Late){ 0, g, cfg->shifts[s].start_min * 64 + s };
                }
            }
            qsort(who, (size_t)n, sizeof *who, by_late);
            qsort(st, (size_t)n, sizeof *st, by_start);
            double mean = 0;
            for (int i = 0; i < n; i++)
                mean += st[i].s / 64, st[i].g = -1;
            mean /= n;
            /* Within the week an agent who worked yesterday keeps
             * yesterday's start while the day has one left (no jump of
             * start time); the others, in the week's order, get the starts
             * left, earliest first. */
            if (d > 0 && date_weekday(r->first_day + d) != WD_MON)
                for (int i = 0; i < n; i++) {
                    int y = choice[(size_t)who[i].g * nd + d - 1];
                    for (int j = 0; j < n && y >= 0 && m->cls[y] == m->cls[s0]; j++)
                        if (st[j].g < 0 && st[j].s % 64 == y) {
                            st[j].g = who[i].g, who[i].s = 1;
                            break;
                        }
                }
            for (int i = 0, j = 0; i < n; i++) {
                if (who[i].s)
                    continue;
                while (st[j].g >= 0)
                    j++;
                st[j].g = who[i].g;
            }
            for (int j = 0; j < n; j++) {
                choice[(size_t)st[j].g * nd + d] = st[j].s % 64;
                late[st[j].g] += st[j].s / 64 - mean;
            }
        }
    }
    free(late), free(frozen), free(who), free(st), free(done);
}
