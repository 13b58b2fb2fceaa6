/*
 * colgen.c - solver/colgen.h's functions.  colgen_solve runs the parts in
 * order: the rules that contradict (diagnosis.c); the root's column
 * generation - the master (master.c) re-solved and every agent priced
 * (pricing.c) until no agent has a better month, the bound meets the LP,
 * or half the time limit is gone; the bound's whole skilled agents and
 * whole start counts (bound.c); the dive, whole starts given out (dive.c); the annealing and
 * the meal covers (anneal.c, meals.c); the starts rotated (dive.c).
 * Each part tells in->progress where it is (cg_tell).
 */
#include "internal.h"
#include "../../core/alloc.h"

#include "../assign.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

double colgen_fairness(const WfmConfig *cfg, const Roster *r)
{
    int ng = r->nagents, nd = r->ndays;
    double *share = xmalloc(sizeof *share * (size_t)(ng ? ng : 1) * FK_N);
    double *hi = xmalloc(sizeof *hi * (size_t)(cfg->nteams + 1) * FK_N);
    int *choice = xmalloc(sizeof *choice * (size_t)(ng && nd ? ng * nd : 1));
    for (int g = 0; g < ng; g++) {
        for (int k = 0; k < FK_N; k++)
            share[g * FK_N + k] = cg_fair_share(cfg, r, g, k);
        for (int d = 0; d < nd; d++) {
            int x = roster_at(r, g, d)->shift;
            choice[(size_t)g * nd + d] = x >= 0 && x < cfg->nshifts ? x : ROSTER_OFF;
        }
    }
    double cost = cg_marks(cfg, r, share, choice, hi);
    free(share), free(hi), free(choice);
    return cost;
}

double colgen_skill_cost(const ColGenIn *in)
{
    int I = colgen_interval(in), nt = in->r->ndays * (1440 / I);
    double *cnt = xmalloc(sizeof *cnt * cg_skilled_len(in->cfg, nt));
    cg_skilled_cover(in->cfg, in->r, NULL, 0, I, cnt);
    double c = cg_skill_cost(in->cfg, in->r->ndays, I, in->skill_need, in->skill_duty, cnt);
    free(cnt);
    return c;
}

double colgen_day_cap_cost(const WfmConfig *cfg, int nd, int I, const double *need, const double *duty)
{
    int per = 1440 / I;
    double c = 0;
    for (int d = 0; d < nd && cfg->max_day_ratio > 0; d++) {
        double n = 0, w = 0;
        for (int t = d * per; t < (d + 1) * per; t++)
            n += need[t], w += duty[t];
        if (n > 1e-9 && w > cfg->max_day_ratio * n)
            c += COLGEN_W_DAYCAP * (w - cfg->max_day_ratio * n) * I / 60.0;
    }
    return c;
}

const char *colgen_phase_name(int phase)
{
    static const char *const name[COLGEN_PHASE_N] = {
        "start", "column generation", "bound from whole starts", "dive", "whole start counts", "annealing", "polish",
        "meals", "done",
    };
    return phase >= 0 && phase < COLGEN_PHASE_N ? name[phase] : "?";
}

void cg_tell(Tell *t, int phase, int count, double lp, double best)
{
    if (!t || !t->fn)
        return;
    t->p.phase = phase;
    if (count >= 0 && phase == COLGEN_PHASE_ROOT)
        t->p.rounds = count;
    if (count >= 0 && phase == COLGEN_PHASE_DIVE)
        t->p.fixed = count;
    if (!isnan(lp))
        t->p.lp = lp;
    if (!isnan(best))
        t->p.best = best;
    t->p.elapsed = lp_seconds_since(t->t0);
    t->fn(t->user, &t->p);
}

/* The bound at the minute: the master built again with the extra breaks
 * where their slots put them (cg_build_master's breaks: a column per meal
 * time and slot, at most one in 8 a slot, relaxed to a line) and priced,
 * from the months off, until no agent has a better month, its LP meets its
 * bound, or the time is up.  Every full round's LP value plus the agents'
 * reduced costs bounds every roster at the minute, which the share model's
 * bound does not (placing breaks beats the share).  It runs on a thread of
 * its own beside the share model's search, whose roster it does not touch
 * (GLPK keeps its state per thread: lp_threads_ok). */
typedef struct MinuteJob {
    const ColGenIn *in;
    const unsigned char *allowed;
    const struct timespec *t0;
    volatile double deadline; /* seconds after t0 */
    volatile int quit;        /* the search failed: end at the next round */
    double bound, seconds;
    double whole, skill, whole_seconds; /* what whole counts and whole skilled agents added, in how long */
    int converged, rounds;
} MinuteJob;

/* Agents at work on each day in every roster: at least those whose week
 * asks as many days as they can work in it (its every day they can), at
 * most those who can (cg_whole_gain's DayCounts).  Only a month off
 * breaks the least: below, what one agent fewer costs its months off at
 * the least (cg_off_share over his days counted).  stay: of those agents,
 * the ones at work on d - 1 and d whose months see classes, not start
 * times (not exact), where d is not a Monday (starts rotate weekly). */
static void day_counts(const Master *m, const ColGenIn *in, const unsigned char *allowed, DayCounts *dc)
{
    int nd = m->nd, ns = m->ns, *count = dc->count;
    unsigned char *can = xcalloc((size_t)nd, 1), *sure = xcalloc((size_t)nd, 1);
    for (int d = 0; d < nd; d++)
        count[2 * d] = count[2 * d + 1] = dc->stay[d] = 0, dc->below[d] = INFINITY;
    for (int g = 0; g < m->ng; g++) {
        const Units *u = cg_units(m, g);
        int cw[ASSIGN_WEEKS] = { 0 };
        for (int d = 0; d < nd; d++) {
            can[d] = 0;
            for (int k = 0; k < u->n && !can[d]; k++)
                can[d] = allowed[(size_t)g * nd * ns + (size_t)(d * u->n + k)];
            cw[(d + date_weekday(m->first_day)) / 7] += can[d];
            count[2 * d + 1] += can[d];
        }
        int n = 0;
        for (int d = 0; d < nd; d++) {
            int w = (d + date_weekday(m->first_day)) / 7, need = m->wneed[g * ASSIGN_WEEKS + w] - (w == 0 ? (int)K_WD(m->start[g]) : 0);
            sure[d] = can[d] && need == cw[w];
            count[2 * d] += sure[d], n += sure[d];
            dc->stay[d] += !m->exact[g] && d > 0 && sure[d] && sure[d - 1] && date_weekday(m->first_day + d) != WD_MON;
        }
        double share = n ? cg_off_share(m, in->cfg, in->r, g) / n : 0;
        for (int d = 0; d < nd && n; d++)
            if (sure[d])
                dc->below[d] = fmin(dc->below[d], share);
    }
    free(can), free(sure);
}

static void *minute_job(void *p)
{
    MinuteJob *j = p;
    const ColGenIn *in = j->in;
    double t1 = lp_seconds_since(j->t0), best = -INFINITY, last = -INFINITY;
    Master mx;
    Dp dp = { 0 };
    glp_term_hook(lp_silent, NULL);
    cg_dp_init(&dp, in->r->ndays);
    cg_build_master(&mx, in, 1);
    while (!j->quit && !(in->stop && *in->stop)) {
        double left = j->deadline - lp_seconds_since(j->t0);
        if (left <= 0 || cg_solve_lp(&mx, left) != 0)
            break;
        double lpv = glp_get_obj_val(mx.lp), lag;
        int added = cg_price_round(&mx, in, NULL, j->allowed, &dp, &lag);
        j->rounds++;
        best = fmax(best, lpv + lag), last = lpv + lag;
        if (!added || lpv - best <= 1e-4 * fmax(1, fabs(lpv))) {
            best = fmax(best, added ? best : lpv), j->converged = 1;
            break;
        }
    }
    /* The days at the minute whole (cg_whole_gain: every template's starts
     * - a small center's (meal, slot) pairs too - whole, each day's agents
     * at work as every roster has them) at the last duals. */
    if (j->converged && !j->quit) {
        DayCounts dc = { xmalloc(sizeof *dc.count * (size_t)(2 * mx.nd)), xmalloc(sizeof *dc.stay * (size_t)mx.nd),
                         xmalloc(sizeof *dc.below * (size_t)mx.nd) };
        double t2 = lp_seconds_since(j->t0);
        day_counts(&mx, in, j->allowed, &dc);
        double secs = fmax(0.1, fmin(j->deadline - t2, fmax(2, t2 - t1)));   /* as long again as its LP, 2 s at least */
        j->whole = cg_whole_gain(&mx, in->cfg, NULL, &dc, secs);
        j->skill = cg_skill_gain(&mx, in->cfg, in->r, j->allowed, fmax(0.1, fmin(j->deadline - lp_seconds_since(j->t0), secs)));
        j->whole_seconds = lp_seconds_since(j->t0) - t2;
        best = fmax(best, last + j->whole + j->skill);
        free(dc.count), free(dc.stay), free(dc.below);
    }
    j->bound = isfinite(best) && best > 0 ? best : 0;
    j->seconds = lp_seconds_since(j->t0) - t1;
    cg_master_free(&mx);
    cg_dp_free(&dp);
    glp_term_hook(NULL, NULL);
    lp_thread_done();
    return NULL;
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
    MinuteJob mj;
    pthread_t mth;
    int minute = 0;

    memset(out, 0, sizeof *out);
    if (nd <= 0 || ns <= 0 || ng <= 0)
        return wfm_err(err, WFM_EINPUT, "column generation: no days, templates or agents");
    if (ns > 30)
        return wfm_err(err, WFM_EINPUT, "column generation: %d shift templates, at most 30", ns);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Tell tell = { in->progress, in->progress_user, &t0, { COLGEN_PHASE_START, 0, 0, ng, NAN, NAN, NAN, 0, tl } };
    cg_tell(&tell, COLGEN_PHASE_START, -1, NAN, NAN);
    glp_term_hook(lp_silent, NULL);

    cg_dp_init(&dp, nd);
    cg_build_master(&m, in, 0);
    m.tell = &tell;
    /* Which units each agent may work on each day (leave, kinds, running
     * days): a class when one of its templates may be worked. */
    unsigned char *allowed = xcalloc((size_t)ng * nd * ns, 1);
    for (int g = 0; g < ng; g++)
        for (int d = 0; d < nd; d++)
            for (int s = 0; s < ns; s++)
                if (!(r->leave && r->leave[(size_t)g * nd + d]) && shiftplan_runs(cfg, s, r->first_day + d) &&
                    wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind))
                    allowed[(size_t)g * nd * ns + (size_t)(d * cg_units(&m, g)->n + cg_units(&m, g)->of[s])] = 1;
    if ((rc = cg_contradictions(&m, in, allowed, &dp, err)))
        goto out;

    /* The bound at the minute, beside (minute_job). */
    mj = (MinuteJob){ in, allowed, &t0, 0.95 * tl, 0, 0, 0, 0, 0, 0, 0, 0 };
    minute = cfg->extra_break_min > 0 && cfg->extra_break_min < 60 && lp_threads_ok() &&
             pthread_create(&mth, NULL, minute_job, &mj) == 0;
    /* Root: column generation until no agent has a better month, the bound
     * meets the LP, or most of the time is gone. */
    double best_lb = -INFINITY, lpv = 0, lag_now = NAN, root_share = 0.5;
    int stall = 0;
    cg_tell(&tell, COLGEN_PHASE_ROOT, 0, NAN, NAN);
    for (;;) {
        double left = tl - lp_seconds_since(&t0);
        int lr = cg_solve_lp(&m, fmax(5, left));   /* as in the dive: a round near the limit still ends */
        if (lr < 0) {
            rc = wfm_err(err, WFM_ESOLVE, "column generation: GLPK could not solve the master LP");
            goto out;
        }
        lpv = glp_get_obj_val(m.lp), lag_now = NAN;
        out->rounds++;
        if (lr > 0) {   /* stalled: column generation ends with the bound so far */
            out->stopped = 1;
            break;
        }
        cg_tell(&tell, COLGEN_PHASE_ROOT, out->rounds, lpv, NAN);
        /* Stopped (or most of the time gone): once the LP keeps every skill
         * hour, so that the dive can give a roster the checker takes. */
        if (((in->stop && *in->stop) || lp_seconds_since(&t0) > root_share * tl) &&
            (cg_skill_slack(&m) <= 1e-6 || lp_seconds_since(&t0) > tl)) {   /* a queue no agent can keep: the limit */
            out->stopped = 1;
            break;
        }
        double lag;
        int added = cg_price_round(&m, in, NULL, allowed, &dp, &lag);
        lag_now = lag;
        if (lpv + lag > best_lb + 1e-9)
            best_lb = lpv + lag, stall = 0;
        else
            stall++;
        tell.p.bound = isfinite(best_lb) && best_lb > 0 ? best_lb : 0;
        cg_tell(&tell, COLGEN_PHASE_ROOT, -1, NAN, NAN);
        if (!added) {
            out->converged = 1;
            best_lb = fmax(best_lb, lpv);
            break;
        }
        if (lpv - best_lb <= 1e-4 * fmax(1, fabs(lpv)))
            break;
    }
    out->lp = lpv;
    /* The bound of the last duals (their pricing done: lag_now), with
     * whole skilled agents and whole start counts (a small center's later,
     * if its roster is above the bound). */
    double *tie = NULL, skill = 0;   /* a small center's tie duals: its whole-start bound only if the roster needs it */
    if (!isnan(lag_now) && !out->stopped) {
        double t1 = lp_seconds_since(&t0);
        cg_tell(&tell, COLGEN_PHASE_BOUND, -1, NAN, NAN);
        skill = cg_skill_gain(&m, cfg, r, allowed, fmax(1, fmin(5, 0.1 * tl)));
        if (ng > COLGEN_LAZY_WHOLE)
            out->whole = cg_whole_gain(&m, cfg, NULL, NULL, fmax(1, fmin(5, 0.1 * tl)));
        else {
            tie = xcalloc((size_t)nd * ns, sizeof *tie);
            for (int k = 0; k < nd * ns; k++)
                tie[k] = m.xcol[k] ? cg_tie_dual(&m, k / ns, k % ns) : 0;
        }
        out->skill = skill;
        out->whole_seconds = lp_seconds_since(&t0) - t1;
        best_lb = fmax(best_lb, lpv + lag_now + out->whole + skill);
    }
    /* Every cost is at least 0, so 0 bounds too (early on the Lagrangian
     * bound is far below it). */
    out->bound = isfinite(best_lb) && best_lb > 0 ? best_lb : 0;
    out->root_seconds = lp_seconds_since(&t0);
    tell.p.bound = out->bound;
    cg_tell(&tell, COLGEN_PHASE_DIVE, 0, NAN, NAN);

    Search S = { &m, in, allowed, &dp, &t0, tl, xcalloc((size_t)ng, 1), xmalloc(sizeof(int) * (size_t)ng),
                 xmalloc(sizeof(double) * (size_t)ng) };
    if ((rc = cg_dive(&S, ng, out, err)))
        goto done;
    out->dive = glp_get_obj_val(m.lp);
    /* Whole start counts, given out; days moved; the starts rotated. */
    out->choice = xmalloc(sizeof *out->choice * (size_t)ng * nd);
    for (size_t j = 0; j < m.ncols; j++)
        if (glp_get_col_prim(m.lp, m.col_index[j]) > 0.5)
            memcpy(&out->choice[(size_t)m.col_agent[j] * nd], &m.col_month[j * (size_t)nd], sizeof(int) * (size_t)nd);
    out->meal = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *out->meal);
    int *xint = xcalloc((size_t)nd * ns, sizeof *xint);
    cg_tell(&tell, COLGEN_PHASE_STARTS, -1, out->dive, NAN);
    cg_whole_starts(&m, fmax(1, fmin(5, tl - lp_seconds_since(&t0))), xint, out->meal);
    cg_give_starts(&m, xint, out->choice);
    out->objective = cg_polish(&m, cfg, r, in->skill_need, out->choice, out->meal, &t0, tl, in->stop, out->bound,
                            &out->moves, &out->meal_covers);
    /* Alike agents trade whole weeks of starts, then runs of days where
     * early starts are uneven or a start changes within a week (coverage,
     * meals and rules stay; never a start jump more).  A small center's
     * whole-start bound, when the roster is above the bound so far. */
    out->objective += cg_rotate_starts(&m, cfg, r, out->choice);
    if (tie && out->objective - out->bound > 1e-9 * fmax(1, fabs(out->objective))) {
        double t1 = lp_seconds_since(&t0);
        m.tell = NULL;   /* its phase has passed */
        out->whole = cg_whole_gain(&m, cfg, tie, NULL, fmax(1, fmin(5, 0.1 * tl)));
        out->whole_seconds += lp_seconds_since(&t0) - t1;
        out->bound = fmax(out->bound, lpv + lag_now + out->whole + skill);
        m.tell = &tell, tell.p.bound = out->bound;
    }
    if (minute) {   /* the bound's thread may go on as long again as the search took (2 s at least) */
        double now = lp_seconds_since(&t0);
        mj.deadline = fmin(mj.deadline, now + fmax(2, now));
        pthread_join(mth, NULL), minute = 0;
        out->bound_minute = mj.bound, out->minute_seconds = mj.seconds, out->minute_converged = mj.converged;
        out->whole_minute = mj.whole, out->skill_minute = mj.skill, out->whole_minute_seconds = mj.whole_seconds;
    }
    cg_tell(&tell, COLGEN_PHASE_DONE, -1, NAN, out->objective);
    free(xint);
    out->columns = (int)m.ncols;
done:
    free(tie);
    free(S.fixed), free(S.bestcol), free(S.bestval);
out:
    if (minute) {   /* an error on the way: the bound's thread ends */
        mj.quit = 1;
        pthread_join(mth, NULL);
    }
    out->seconds = lp_seconds_since(&t0);
    cg_master_free(&m);
    cg_dp_free(&dp);
    free(allowed);
    glp_term_hook(NULL, NULL);
    return rc;
}

int colgen_interval(const ColGenIn *in)
{
    int I = in->interval_min;
    return I > 0 && I <= 60 && 60 % I == 0 ? I : 60;
}

void colgen_free(ColGenOut *out)
{
    if (!out)
        return;
    free(out->choice), free(out->meal);
    out->choice = NULL, out->meal = NULL;
}
