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

#include <limits.h>
#include <math.h>
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
    /* Before the first fixing, a few rounds - past the limit too while the
     * LP leaves a skill hour open (a root stopped after two rounds under a
     * 5-s limit on a loaded machine left a day of the foreign queue open,
     * and the dive then fixed every agent's one month at once). */
    for (int it = 0; it < 5 || (it < 30 && cg_skill_slack(m) > 1e-6); it++) {
        double lag;
        if (cg_solve_lp(m, fmax(5, S->tl - lp_seconds_since(S->t0))) < 0)
            return wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP in the dive");
        int past = (S->in->stop && *S->in->stop) || lp_seconds_since(S->t0) > S->tl;
        if ((past && cg_skill_slack(m) <= 1e-6) || !cg_price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
            break;
    }
    double step = 0, step_t0 = 0;   /* the last step's seconds */
    while (left > 0) {
        for (int g = 0; g < ng; g++)
            S->bestcol[g] = -1, S->bestval[g] = -1;
        for (size_t j = 0; j < m->ncols; j++) {
            int g = m->col_agent[j];
            double v = glp_get_col_prim(m->lp, m->col_index[j]);
            if (!S->fixed[g] && v > S->bestval[g])
                S->bestval[g] = v, S->bestcol[g] = (int)j;
        }
        /* A fifth at a time; stopped or past the time limit - or pressed:
         * less time left than three steps as long as the last - priced only
         * where a skill hour is left open (below). */
        double now = lp_seconds_since(S->t0);
        int late = (S->in->stop && *S->in->stop) || now > S->tl;
        int pressed = late || (step > 0 && 3 * step > S->tl - now);
        step_t0 = now;
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
            if (left == 0 || (pressed && cg_skill_slack(m) <= 1e-6) ||
                !cg_price_round(m, S->in, S->fixed, S->allowed, S->dp, &lag))
                break;
        }
        step = lp_seconds_since(S->t0) - step_t0;
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
 * xint less the months naming templates; within a week an agent who
 * worked yesterday first gets yesterday's start while the day has one
 * left (no start jump), the others a start left.  choice: classes in,
 * templates out. */
void cg_give_starts(const Master *m, const int *xint, int *choice)
{
    int nd = m->nd, ns = m->ns, ng = m->ng;
    int *left = xmalloc(sizeof *left * (size_t)ns);
    unsigned char *given = xmalloc((size_t)(ng ? ng : 1));
    for (int d = 0; d < nd; d++) {
        int keep = d > 0 && date_weekday(m->first_day + d) != WD_MON;
        for (int s = 0; s < ns; s++)
            left[s] = xint[d * ns + s];
        for (int g = 0; g < ng; g++) {
            given[g] = m->exact[g] || choice[(size_t)g * nd + d] < 0;
            if (m->exact[g] && choice[(size_t)g * nd + d] >= 0)
                left[choice[(size_t)g * nd + d]]--;
        }
        for (int g = 0; g < ng && keep; g++) {   /* yesterday's start kept */
            int *x = &choice[(size_t)g * nd + d], y = x[-1];
            if (!given[g] && y >= 0 && m->cls[y] == *x && left[y] > 0)
                left[y]--, *x = y, given[g] = 1;
        }
        for (int g = 0; g < ng; g++) {
            int *x = &choice[(size_t)g * nd + d], c = *x, give = -1;
            if (given[g])
                continue;
            for (int s = 0; s < ns; s++)   /* a start left, else any of the class */
                if (m->cls[s] == c && m->xcol[d * ns + s] && (give < 0 || (left[give] <= 0 && left[s] > 0)))
                    give = s;
            left[give]--, *x = give;
        }
    }
    free(left), free(given);
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

/* Do agents g and h work the same classes on the same days of [w0, w1)
 * (and, in a first week after carried-in days, end those on the same start
 * of the same kind: a start jump is between days of one kind)?
 * Then their weeks of starts may be traded: coverage, kinds, meals and start
 * jumps stay as they are. */
static int same_week(const Master *m, const WfmConfig *cfg, const int *choice, int g, int h, int w0, int w1)
{
    int nd = m->nd;
    if (w0 == 0 && date_weekday(m->first_day) != WD_MON) {
        int a = K_LAST(m->start[g]), b = K_LAST(m->start[h]);
        if ((a < OFF1_UNIT) != (b < OFF1_UNIT) ||
            (a < OFF1_UNIT && (cfg->shifts[a].start_min != cfg->shifts[b].start_min ||
                               cfg->shifts[a].kind != cfg->shifts[b].kind)))
            return 0;
    }
    for (int d = w0; d < w1; d++) {
        int a = choice[(size_t)g * nd + d], b = choice[(size_t)h * nd + d];
        if (a < 0 || b < 0 ? a != b : m->cls[a] != m->cls[b])
            return 0;
    }
    return 1;
}

/* May agent g work template b instead of a on day d, his preferences
 * costing the same and no pinned day broken? */
static int pref_same(const Master *m, int g, int d, int a, int b)
{
    if (!m->pcost)
        return 1;
    size_t k = ((size_t)g * m->nd + d) * (size_t)(m->ns + 1);
    return m->pcost[k + (size_t)a] == m->pcost[k + (size_t)b] && !m->pinned[k + (size_t)b];
}

/* Agents whose starts may change hands: the same skills (coverage of every
 * queue stays); an agent with preferences only in a week where any start of
 * his class costs him the same (week_free). */
static unsigned rot_key(const Master *m, const Roster *r, int g)
{
    return m->exact[g] ? r->agents[g].skills : 0;
}

static int week_free(const Master *m, const int *choice, int g, int w0, int w1)
{
    for (int d = w0; d < w1 && m->haspref && m->haspref[g]; d++) {
        int a = choice[(size_t)g * m->nd + d];
        for (int b = 0; b < m->ns && a >= 0; b++)
            if (m->cls[b] == m->cls[a] && !pref_same(m, g, d, a, b))
                return 0;
    }
    return 1;
}

/* Agent g's template the day before d (-1: none; the carried-in day
 * before the month) and the day after d (-1: none or past the month). */
static int before(const Master *m, const int *choice, int g, int d)
{
    int p = d > 0 ? choice[(size_t)g * m->nd + d - 1] : K_LAST(m->start[g]);
    return p >= 0 && p < OFF1_UNIT ? p : -1;
}

static int after(const Master *m, const int *choice, int g, int d)
{
    return d + 1 < m->nd && choice[(size_t)g * m->nd + d + 1] >= 0 ? choice[(size_t)g * m->nd + d + 1] : -1;
}

/* Template t on day d after template p the day before (-1: none): a start
 * jump (not on a Monday: the weekly rotation)?  *bad set when the rest
 * between them is too short. */
static int edge(const Master *m, const WfmConfig *cfg, int p, int t, int d, int *bad)
{
    if (p < 0 || t < 0)
        return 0;
    *bad |= !m->trest[p * m->ns + t];
    return date_weekday(m->first_day + d) != WD_MON && cfg->shifts[p].kind == cfg->shifts[t].kind &&
           cfg->shifts[p].start_min != cfg->shifts[t].start_min;
}

/* Start counts of the rotation's trades: the day work's earliest start,
 * each agent's early starts. */
typedef struct Early {
    int early, *cnt;
} Early;

static int is_early(const WfmConfig *cfg, const Early *E, int t)
{
    return t >= 0 && cfg->shifts[t].kind == SHIFT_DAY && cfg->shifts[t].start_min == E->early;
}

/* Agents g and h trading their starts of days a..b: may they (both work
 * the same class on each day, their preferences cost the same, the rest
 * between days kept)?  *delta gets the start jumps it adds (only the run's
 * ends can change one), *e the early starts g hands to h. */
static int run_trade(const Master *m, const WfmConfig *cfg, const Early *E, const int *choice, int g, int h, int a,
                     int b, int *delta, int *e)
{
    int nd = m->nd, bad = 0;
    *e = 0;
    for (int d = a; d <= b; d++) {
        int x = choice[(size_t)g * nd + d], y = choice[(size_t)h * nd + d];
        if (x < 0 || y < 0 || m->cls[x] != m->cls[y] || !pref_same(m, g, d, x, y) || !pref_same(m, h, d, y, x))
            return 0;
        *e += is_early(cfg, E, x) - is_early(cfg, E, y);
    }
    int ga = choice[(size_t)g * nd + a], ha = choice[(size_t)h * nd + a];
    int gb = choice[(size_t)g * nd + b], hb = choice[(size_t)h * nd + b];
    int gp = before(m, choice, g, a), hp = before(m, choice, h, a);
    int gn = after(m, choice, g, b), hn = after(m, choice, h, b);
    *delta = edge(m, cfg, gp, ha, a, &bad) + edge(m, cfg, hb, gn, b + 1, &bad) + edge(m, cfg, hp, ga, a, &bad) +
             edge(m, cfg, gb, hn, b + 1, &bad) - edge(m, cfg, gp, ga, a, &bad) - edge(m, cfg, gb, gn, b + 1, &bad) -
             edge(m, cfg, hp, ha, a, &bad) - edge(m, cfg, hb, hn, b + 1, &bad);
    return !bad;
}

static void do_trade(const Master *m, Early *E, int *choice, int g, int h, int a, int b, int e)
{
    for (int d = a; d <= b; d++) {
        int *x = &choice[(size_t)g * m->nd + d], *y = &choice[(size_t)h * m->nd + d], t = *x;
        *x = *y, *y = t;
    }
    E->cnt[g] -= e, E->cnt[h] += e;
}

/* Early starts evened out after the weeks' trades: an agent with the most
 * early starts trades a run of up to 7 days' starts with an alike agent
 * who has fewer, so that neither ends with as many as he had, where the
 * trade adds no start jump (the rotation never costs), the most early
 * starts moved first; it stops when an agent with the most has no such
 * trade.  Returns the start jumps added (0 or fewer). */
static int even_early(const Master *m, const WfmConfig *cfg, const Roster *r, Early *E, int *choice)
{
    int nd = m->nd, ng = m->ng, added = 0;
    while (cfg->fair_early > 0) {
        int g = -1;   /* an agent with the most: the mark to bring down */
        for (int x = 0; x < ng; x++)
            if (E->cnt[x] > 0 && (g < 0 || E->cnt[x] > E->cnt[g]))
                g = x;
        if (g < 0)
            break;
        unsigned key = rot_key(m, r, g);
        int ba = -1, bb = -1, bh = -1, be = 0, bdelta = 0;
        for (int a = 0; a < nd; a++)
            for (int h = 0; h < ng && choice[(size_t)g * nd + a] >= 0; h++) {
                if (h == g || E->cnt[h] + 1 >= E->cnt[g] || rot_key(m, r, h) != key)
                    continue;
                for (int b = a, delta, e; b < nd && b < a + 7; b++) {
                    if (!run_trade(m, cfg, E, choice, g, h, a, b, &delta, &e)) {
                        if (choice[(size_t)g * nd + b] < 0 || choice[(size_t)h * nd + b] < 0)
                            break;
                        continue;
                    }
                    if (e > 0 && E->cnt[h] + e < E->cnt[g] && delta <= 0 && (e > be || (e == be && delta < bdelta)))
                        ba = a, bb = b, bh = h, be = e, bdelta = delta;
                }
            }
        if (ba < 0)
            break;
        do_trade(m, E, choice, g, bh, ba, bb, be);
        added += bdelta;
    }
    return added;
}

/* Start jumps mended: where an agent changes start within a week, a run of
 * up to 7 days on one side of the change is traded with an alike agent's
 * when that takes start jumps away (the objective's term; the early
 * starts may move: on Gimpo's sample January keeping them within the
 * fewest and most anyone had left about 18 jumps that this takes away,
 * the spread of early starts growing from 2 to 5).  Agents marked in
 * fixed (NULL: none) trade nothing; with off, also with an agent off on
 * the changed day (a run before it: the leave later in a week that a day
 * at a time dealing cannot see - more trades, the early starts less
 * even).  Returns the start jumps added (fewer than 0, or 0). */
static int mend_jumps(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *fixed, int off,
                      Early *E, int *choice)
{
    int nd = m->nd, ng = m->ng, added = 0;
    for (int sweep = 0, again = 1; again && sweep < 8; sweep++) {
        again = 0;
        for (int g = 0; g < ng; g++)
            for (int d = 1; d < nd && !(fixed && fixed[g]); d++) {
                int p = choice[(size_t)g * nd + d - 1], x = choice[(size_t)g * nd + d], bad = 0;
                if (!edge(m, cfg, p < 0 ? -1 : p, x, d, &bad))
                    continue;
                unsigned key = rot_key(m, r, g);
                for (int h = 0; h < ng; h++) {
                    if (h == g || rot_key(m, r, h) != key || (fixed && fixed[h]) || (!off && choice[(size_t)h * nd + d] < 0))
                        continue;
                    int done = 0;
                    for (int k = 0, delta, e; k < 7 && !done; k++)
                        for (int side = 0; side < 2 && !done; side++) {
                            int a = side ? d - 1 - k : d, b = side ? d - 1 : d + k;
                            if (a < 0 || b >= nd || !run_trade(m, cfg, E, choice, g, h, a, b, &delta, &e) || delta >= 0)
                                continue;
                            do_trade(m, E, choice, g, h, a, b, e);
                            added += delta, again = done = 1;
                        }
                    if (done)
                        break;
                }
            }
    }
    return added;
}

/* May agent g's week [w0, w1) take any starts of its classes and keep the
 * rest from the day before and to the day after? */
static int week_edges_free(const Master *m, const int *choice, int g, int w0, int w1)
{
    int p = before(m, choice, g, w0), t = choice[(size_t)g * m->nd + w0];
    int u = choice[(size_t)g * m->nd + w1 - 1], q = after(m, choice, g, w1 - 1);
    for (int s = 0; s < m->ns; s++)
        if ((p >= 0 && t >= 0 && m->cls[s] == m->cls[t] && !m->trest[p * m->ns + s]) ||
            (q >= 0 && u >= 0 && m->cls[s] == m->cls[u] && !m->trest[s * m->ns + q]))
            return 0;
    return 1;
}

/* The staggered starts rotate a week at a time: agents alike (rot_key,
 * week_free, week_edges_free) who work the same classes
 * on the same days of a week trade their weeks of starts, the latest
 * starters so far getting the earliest weeks.  A whole week moves, so the
 * coverage of every queue, the meals, the rules and the start jumps the
 * polish priced stay exactly; then early starts are evened out by runs
 * of days traded (even_early) and start jumps mended (mend_jumps), neither
 * adding a jump.  Returns what the start jumps cost more (0 or less). */
double cg_rotate_starts(const Master *m, const WfmConfig *cfg, const Roster *r, int *choice)
{
    int nd = m->nd, ng = m->ng, n1 = ng ? ng : 1;
    double *late = xcalloc((size_t)n1, sizeof *late);
    Late *who = xmalloc(sizeof *who * (size_t)n1), *wk = xmalloc(sizeof *wk * (size_t)n1);
    unsigned char *done = xmalloc((size_t)n1);
    int *keep = xmalloc(sizeof *keep * (size_t)n1 * 7);
    for (int w0 = 0, w1; w0 < nd; w0 = w1) {
        for (w1 = w0 + 1; w1 < nd && date_weekday(r->first_day + w1) != WD_MON; w1++)
            ;
        int len = w1 - w0;
        memset(done, 0, (size_t)n1);
        for (int g0 = 0; g0 < ng; g0++) {
            if (done[g0] || !week_free(m, choice, g0, w0, w1) || !week_edges_free(m, choice, g0, w0, w1))
                continue;
            unsigned key = rot_key(m, r, g0);
            int n = 0;
            double mean = 0;
            for (int g = g0; g < ng; g++) {
                if (done[g] || rot_key(m, r, g) != key || !same_week(m, cfg, choice, g0, g, w0, w1) ||
                    !week_free(m, choice, g, w0, w1) || !week_edges_free(m, choice, g, w0, w1))
                    continue;
                int sum = 0;
                for (int d = w0; d < w1; d++)
                    sum += choice[(size_t)g * nd + d] >= 0 ? cfg->shifts[choice[(size_t)g * nd + d]].start_min : 0;
                done[g] = 1, mean += sum;
                who[n] = (Late){ late[g], g, 0 };
                wk[n++] = (Late){ 0, g, sum };
            }
            mean /= n;
            qsort(who, (size_t)n, sizeof *who, by_late);
            qsort(wk, (size_t)n, sizeof *wk, by_start);
            for (int i = 0; i < n; i++)
                memcpy(&keep[(size_t)i * len], &choice[(size_t)wk[i].g * nd + w0], sizeof *keep * (size_t)len);
            for (int i = 0; i < n; i++) {
                memcpy(&choice[(size_t)who[i].g * nd + w0], &keep[(size_t)i * len], sizeof *keep * (size_t)len);
                late[who[i].g] += wk[i].s - mean;
            }
        }
    }
    free(late), free(who), free(wk), free(done), free(keep);
    Early E = { INT_MAX, xcalloc((size_t)n1, sizeof *E.cnt) };
    for (int s = 0; s < cfg->nshifts; s++)
        if (cfg->shifts[s].kind == SHIFT_DAY && cfg->shifts[s].start_min < E.early)
            E.early = cfg->shifts[s].start_min;
    for (int g = 0; g < ng; g++)
        for (int d = 0; d < nd; d++)
            E.cnt[g] += is_early(cfg, &E, choice[(size_t)g * nd + d]);
    int added = even_early(m, cfg, r, &E, choice);
    if (cfg->reg_jump > 0)   /* jumps that cost nothing are not worth the early starts' evenness */
        added += mend_jumps(m, cfg, r, NULL, 0, &E, choice);
    free(E.cnt);
    return added * cfg->reg_jump;
}

/* Start jumps of a month of templates (choice) mended by trades of runs
 * between alike agents (mend_jumps, an agent off on the changed day too),
 * those in fixed trading nothing: each day's start counts stay.  Returns
 * what the start jumps cost more (0 or less). */
double cg_mend_jumps(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *fixed, int *choice)
{
    Early E = { INT_MAX, xcalloc((size_t)(m->ng ? m->ng : 1), sizeof *E.cnt) };
    int added = cfg->reg_jump > 0 ? mend_jumps(m, cfg, r, fixed, 1, &E, choice) : 0;
    free(E.cnt);
    return added * cfg->reg_jump;
}
