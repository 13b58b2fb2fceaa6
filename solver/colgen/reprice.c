/*
 * reprice.c - the polish's large move: one agent's whole month taken off
 * the roster and priced again by the pricing's dynamic program
 * (pricing.c) against what the others leave.  A day and template's profit
 * is what putting him there saves - coverage and the day's limit with his
 * meal in its best slot, his skill queues, his preferences - and the
 * program adds the regularity and keeps every rule by construction; the
 * month it finds is kept when, put back exactly, it lowers the cost by
 * more than the annealing asks (tau) and raises no team's fairness mark.
 * One-day moves (anneal.c) cannot mend a week whose days off are single or
 * whose shift kinds swing; this move rewrites the month at once.  With a
 * price on a kind's days (pen), it also brings a team's fairness mark
 * down: the agents at the mark priced again until their months fit under
 * a lower one (cg_lower_marks) - the max the mark is, no one-agent move
 * could lower it.
 */
#include "internal.h"
#include "../assign.h"
#include "../../core/alloc.h"

#include <stdlib.h>
#include <string.h>

void cg_reprice_init(Reprice *w, int nd, int ns)
{
    size_t n = (size_t)(nd ? nd : 1);
    memset(w, 0, sizeof *w);
    cg_dp_init(&w->dp, nd);
    w->profit = xcalloc(n * (size_t)ns, sizeof *w->profit);
    w->allowed = xcalloc(n * (size_t)ns, 1);
    w->old = xmalloc(sizeof *w->old * n), w->now = xmalloc(sizeof *w->now * n);
    w->kold = xcalloc(n, sizeof *w->kold), w->know = xcalloc(n, sizeof *w->know);
}

void cg_reprice_free(Reprice *w)
{
    cg_dp_free(&w->dp);
    free(w->profit), free(w->allowed), free(w->old), free(w->now), free(w->kold), free(w->know);
    memset(w, 0, sizeof *w);
}

/* Puts month (sign 1: its meal slots chosen best, written to k) or takes it
 * away (-1: from the slots in k) for agent g; returns the coverage's and the
 * skill queues' change. */
static double put_month(Polish *P, int g, const int *month, int *k, int sign)
{
    double v = 0;
    for (int d = 0; d < P->m->nd; d++)
        if (month[d] >= 0)
            v += (sign > 0 ? cg_put_best(P, d, month[d], 1, &k[d]) : cg_put(P, d, month[d], k[d], -1)) +
                 cg_skill_put(P, g, d, month[d], sign);
    return v;
}

/* The month's own terms: regularity and preferences. */
static double own_cost(const Polish *P, int g, const int *month)
{
    const Master *m = P->m;
    double v = cg_month_regular(m, P->cfg, g, month, 0);
    for (int d = 0; d < m->nd && m->pcost; d++)
        v += cg_pref_cost(m, g, d, month[d]);
    return v;
}

/* Agent g's month priced again; the new month is kept when it changes the
 * roster's cost by less than tau (0: only an improvement).  Returns the
 * change (0 when the month stays). */
double cg_reprice(Polish *P, Reprice *w, int g, double tau, const double *pen)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    int nd = m->nd, ns = m->ns, *row = &P->choice[(size_t)g * nd], changed = 0;
    w->kept = 0;
    memcpy(w->old, row, sizeof *row * (size_t)nd);
    /* The old month taken away, its meal slots remembered (cg_put_best
     * takes from the slot whose loss costs least). */
    double delta = -own_cost(P, g, w->old);
    for (int d = 0; d < nd; d++)
        if (w->old[d] >= 0)
            delta += cg_put_best(P, d, w->old[d], -1, &w->kold[d]) + cg_skill_put(P, g, d, w->old[d], -1);
    for (int d = 0; d < nd; d++) {
        int leave = r->leave && r->leave[(size_t)g * nd + d];
        for (int s = 0; s < ns; s++) {
            int k, ok = !leave && m->xcol[d * ns + s] &&
                        wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind);
            w->allowed[d * ns + s] = (unsigned char)ok;
            if (!ok)
                continue;
            double c = cg_put_best(P, d, s, 1, &k) + cg_skill_put(P, g, d, s, 1);
            cg_put(P, d, s, k, -1), cg_skill_put(P, g, d, s, -1);
            w->profit[d * ns + s] = -c - cg_pref_cost(m, g, d, s);
            for (int f = 0; f < FK_N && pen; f++)
                w->profit[d * ns + s] -= pen[f] * cg_counts(cfg, s, r->first_day + d, f);
        }
    }
    size_t at = (size_t)g * nd * (ns + 1);
    int mine = m->haspref && m->haspref[g];
    Price p = { cfg, r, &m->tu, nd, w->allowed, w->profit, &m->wneed[g * ASSIGN_WEEKS], cg_rules_of(m, r, g), 0,
                mine ? &m->pcost[at] : NULL, mine ? &m->pinned[at] : NULL, m->after[2 * g], m->after[2 * g + 1] };
    if (isfinite(cg_price_agent(&p, g, &w->dp, w->now)))
        changed = memcmp(w->now, w->old, sizeof *row * (size_t)nd) != 0;
    if (changed) {
        double v = delta + put_month(P, g, w->now, w->know, 1) + own_cost(P, g, w->now);
        int ok = v < tau - 1e-9 && cg_month_ok(P, g, w->now);
        /* the queues judged on the new month (cg_queue_day_ok reads the
         * roster's rows, as try_day has them when it asks) */
        memcpy(row, w->now, sizeof *row * (size_t)nd);
        for (int d = 0; d < nd && ok; d++)
            if (w->now[d] != w->old[d])
                ok = cg_queues_kept(P, g, d, -1);
        if (ok) {
            w->kept = 1;
            return v;
        }
        memcpy(row, w->old, sizeof *row * (size_t)nd);
        put_month(P, g, w->now, w->know, -1);
    }
    for (int d = 0; d < nd; d++)   /* the old month back in its own slots */
        if (w->old[d] >= 0)
            cg_put(P, d, w->old[d], w->kold[d], 1), cg_skill_put(P, g, d, w->old[d], 1);
    return 0;
}

/* Mark k (team x kind f) brought down to at most cap (P->hi[k] = cap,
 * which cg_month_ok keeps): each agent above it first gives days of the
 * kind to agents below it by swaps of days that cost nothing (cg_mark_swap:
 * coverage untouched, the months no less regular; swaps that cost
 * regularity did worse than the months priced again), and where none is
 * left, has his month priced again with the kind's days made dearer until
 * one fits under the cap.  When a month was priced again,
 * every agent's month is then priced again under the cap while the clock
 * allows (t0, until), so that the days it left are taken up by others - of
 * any team - where that pays (the Seoul sample's January: the weekend
 * team's mark 11 -> 10.33 and the night team's 6.2 -> 6.0, which the top
 * agents' new months alone did not pay for).  Past hard, no agent is
 * begun.  Returns what coverage and the months' own terms cost more
 * (INFINITY: an agent found no month under it, or the clock); *got gets
 * the mark reached. */
static double mark_to(Polish *P, Reprice *w, int k, double cap, const struct timespec *t0, double until, double hard,
                      double *got)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int f = k % FK_N, team = k / FK_N - 1;
    double pen[FK_N] = { 0 }, cost = 0, v;
    int *cnt = xmalloc(sizeof *cnt * (size_t)(m->ng ? m->ng : 1)), repriced = 0;
    P->hi[k] = cap;
    *got = 0;
    for (int g = 0; g < m->ng; g++)
        cnt[g] = r->agents[g].team == team && m->share[g * FK_N + f] > 0 ? cg_count_of(P->cfg, r, P->choice, g, f) : -1;
    for (int g = 0; g < m->ng; g++) {
        double sh = m->share[g * FK_N + f];
        if (cnt[g] < 0)
            continue;
        if (lp_seconds_since(t0) >= hard) {
            free(cnt);
            return INFINITY;
        }
        while (cnt[g] / sh > cap + 1e-9 && isfinite(v = cg_mark_swap(P, g, f, cnt, cap, 0)))
            cost += v;
        if (cnt[g] / sh > cap + 1e-9) {
            w->kept = 0;
            for (double mu = 1; mu <= 100 && !w->kept; mu *= 3) {
                pen[f] = mu;
                cost += cg_reprice(P, w, g, INFINITY, pen);
            }
            if (!w->kept) {
                free(cnt);
                return INFINITY;
            }
            cnt[g] = cg_count_of(P->cfg, r, P->choice, g, f), repriced = 1;
        }
    }
    free(cnt);
    for (int g = 0; g < m->ng && repriced && lp_seconds_since(t0) < until; g++)
        cost += cg_reprice(P, w, g, 0, NULL);
    for (int g = 0; g < m->ng; g++) {
        double sh = m->share[g * FK_N + f];
        if (r->agents[g].team == team && sh > 0)
            *got = fmax(*got, cg_count_of(P->cfg, r, P->choice, g, f) / sh);
    }
    return cost;
}

/* The marks below mark k's hi, step by step: in each step the agents at
 * the mark work one day of the kind less (cnt: their days, lowered). */
static double next_mark(const Polish *P, int k, int *cnt, double hi)
{
    const Master *m = P->m;
    int f = k % FK_N, team = k / FK_N - 1;
    double lower = 0;
    for (int g = 0; g < m->ng; g++) {
        double sh = m->share[g * FK_N + f];
        if (P->r->agents[g].team != team || !(sh > 0))
            continue;
        if (cnt[g] / sh >= hi - 1e-9 && cnt[g] > 0)
            cnt[g]--;
        lower = fmax(lower, cnt[g] / sh);
    }
    return lower;
}

/* Mark k lowered by one to four steps at once (a step alone may not pay
 * when the next does), the best of them kept when it gains; none begun
 * after the clock passes hard (but the first).  Returns the change (0: none
 * kept). */
static double mark_step(Polish *P, Reprice *w, int k, const struct timespec *t0, double until, double hard)
{
    const Master *m = P->m;
    int f = k % FK_N;
    double hi = P->hi[k], best = -1e-9, bestmark = hi, cap = hi;
    int *cnt = xmalloc(sizeof *cnt * (size_t)(m->ng ? m->ng : 1)), have = 0;
    for (int g = 0; g < m->ng; g++)
        cnt[g] = cg_count_of(P->cfg, P->r, P->choice, g, f);
    Snap s, b;
    cg_snap_new(P, &s);
    for (int j = 0; j < 4 && (j == 0 || lp_seconds_since(t0) < hard); j++) {
        double next = next_mark(P, k, cnt, cap), got;
        if (next >= cap - 1e-9)
            break;
        cap = next;
        double net = mark_to(P, w, k, cap, t0, until, hard, &got);
        if (!isfinite(net)) {   /* an agent found no month under it: none lower either */
            cg_snap_back(P, &s);
            break;
        }
        net -= cg_fair_weight(P->cfg, f) * (hi - got);
        if (net < best) {
            if (have)
                cg_snap_free(&b);
            cg_snap_new(P, &b), have = 1, best = net, bestmark = got;
        }
        cg_snap_back(P, &s);
    }
    cg_snap_free(&s);
    free(cnt);
    P->hi[k] = bestmark;
    if (!have)
        return 0;
    cg_snap_back(P, &b);
    cg_snap_free(&b);
    return best;
}

/* The marks brought down in rounds, one step of each mark a round, while
 * a round gains and the clock allows (the first round even past the
 * limit: the dive's marks are often far above the LP's).  In turns, since
 * the marks share work: the day team's agents who may work evenings take
 * weekend evenings the night team's would, so one mark brought down alone
 * first can stop another where both together go lower. */
double cg_lower_marks(Polish *P, Reprice *w, const struct timespec *t0, double until)
{
    int nk = (P->cfg->nteams + 1) * FK_N, changes = 0;
    int *tried = xmalloc(sizeof *tried * (size_t)nk);   /* changes when mark k last failed to fall (-1: never) */
    double all = 0;
    for (int k = 0; k < nk; k++)
        tried[k] = -1;
    for (int round = 0; round == 0 || lp_seconds_since(t0) < until; round++) {
        double gain = 0;
        for (int k = 0; k < nk && (round == 0 || lp_seconds_since(t0) < until); k++)
            if (cg_fair_weight(P->cfg, k % FK_N) > 0 && P->hi[k] > 0 && tried[k] < changes) {
                double got = mark_step(P, w, k, t0, until, round ? until : INFINITY);
                gain += got;
                if (got < 0)
                    changes++;
                else
                    tried[k] = changes;   /* tried again once another mark has moved */
            }
        all += gain;
        if (gain >= 0)
            break;
    }
    free(tried);
    return all;
}
