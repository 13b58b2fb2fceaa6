#include "surgeplan.h"
#include "check.h"
#include "overtime.h"
#include "shiftplan.h"
#include "lp.h"
#include "../core/alloc.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SURGE_PIECES 30
#define OUTSIDE_PIECES 8   /* stage 2 within limits or a budget: pieces per queue an hour */

static void note(const SurgePlanIn *in, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void note(const SurgePlanIn *in, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (!in->note)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    in->note(in->note_ctx, line);
}

/* Agents on the phone in each surge hour of roster r. */
static void phone_of(const SurgePlanIn *in, const Roster *r, double avail, double *out)
{
    double *duty = xmalloc(sizeof *duty * 24 * (size_t)r->ndays);
    check_on_duty_share(in->cfg, r, 60, duty);   /* the breaks as their share: see check.h */
    for (int t = 0; t < 24 * in->k; t++)
        out[t] = duty[24 * in->d0 + t] * avail;
    free(duty);
}

/* Agents on the phone in each surge hour with each queue's skill (nq x nh;
 * 0 for a queue without a skill): agents grouped by their skills among the
 * skill queues, each group's time split evenly over its skills. */
static void skilled_of(const SurgePlanIn *in, const Roster *r, double avail, double *out)
{
    const WfmConfig *cfg = in->cfg;
    int nq = cfg->nqueues, nh = 24 * in->k;
    unsigned mask = 0;
    size_t w = (size_t)(r->carry_days + r->ndays);
    for (int q = 0; q < nq; q++)
        if (cfg->queues[q].skill[0])
            mask |= 1u << q;
    memset(out, 0, sizeof *out * (size_t)nq * (size_t)nh);
    RosterAgent *ag = xmalloc(sizeof *ag * (size_t)(r->nagents ? r->nagents : 1));
    Assign *a = xmalloc(sizeof *a * w * (size_t)(r->nagents ? r->nagents : 1));
    unsigned char *lv = xmalloc((size_t)r->ndays * (size_t)(r->nagents ? r->nagents : 1));
    double *duty = xmalloc(sizeof *duty * 24 * (size_t)r->ndays);
    unsigned char *done = xcalloc((size_t)r->nagents + 1, 1);
    for (int g = 0; g < r->nagents; g++) {
        unsigned m = r->agents[g].skills & mask;
        if (!m || done[g])
            continue;
        int n = 0, bits = 0;
        for (int h = g; h < r->nagents; h++)
            if (!done[h] && (r->agents[h].skills & mask) == m) {
                done[h] = 1;
                ag[n] = r->agents[h];
                memcpy(&a[(size_t)n * w], &r->a[(size_t)h * w], sizeof *a * w);
                memcpy(&lv[(size_t)n * (size_t)r->ndays], &r->leave[(size_t)h * (size_t)r->ndays], (size_t)r->ndays);
                n++;
            }
        Roster sub = *r;
        sub.agents = ag, sub.a = a, sub.leave = lv, sub.nagents = n, sub.pref = NULL, sub.npref = 0;
        check_on_duty_share(cfg, &sub, 60, duty);
        for (int q = 0; q < nq; q++)
            bits += (m >> q) & 1;
        for (int q = 0; q < nq; q++)
            if ((m >> q) & 1)
                for (int t = 0; t < nh; t++)
                    out[(size_t)q * (size_t)nh + (size_t)t] += duty[24 * in->d0 + t] * avail / bits;
    }
    free(ag), free(a), free(lv), free(duty), free(done);
}

/* Each queue's agents on the phone at a stage, from the hour's total and
 * the skilled supply (nq x nh), then its measures. */
static void split_step(const WfmConfig *cfg, SurgeScenario *sc, int step, const double *skilled)
{
    int nq = sc->nq, nh = 24 * sc->ndays;
    double sk[WFM_MAX_QUEUES], need[WFM_MAX_QUEUES], out[WFM_MAX_QUEUES];
    for (int t = 0; t < nh; t++) {
        for (int q = 0; q < nq; q++)
            sk[q] = skilled[(size_t)q * (size_t)nh + (size_t)t], need[q] = sc->qh[(size_t)q * (size_t)nh + (size_t)t].need;
        surge_split(cfg, nq, sc->h[t].phone[step], sk, need, out);
        for (int q = 0; q < nq; q++) {
            SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)t];
            h->phone[step] = out[q];
            surge_eval(cfg, h->offered, h->aht_s, h->patience_s, out[q], &h->m[step]);
        }
    }
}

static void evaluate(const WfmConfig *cfg, SurgeScenario *sc, int step)
{
    for (int t = 0; t < 24 * sc->ndays; t++) {
        SurgeHour *h = &sc->h[t];
        surge_eval(cfg, h->offered, h->aht_s, h->patience_s, h->phone[step], &h->m[step]);
    }
}

static int by_triple(const void *pa, const void *pb)
{
    const int *a = pa, *b = pb;
    for (int i = 0; i < 3; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Sorted (rule, agent, day) of a report's violations. */
static int *triples(const CheckReport *rep)
{
    int *t = xmalloc(sizeof *t * 3 * (rep->n ? rep->n : 1));
    for (size_t i = 0; i < rep->n; i++)
        t[3 * i] = rep->v[i].rule, t[3 * i + 1] = rep->v[i].agent, t[3 * i + 2] = rep->v[i].day;
    qsort(t, rep->n, sizeof *t * 3, by_triple);
    return t;
}

/* Marks in `out` (with->n entries) the violations of `with` that `base`
 * does not have, counted by (rule, agent, day) with their multiplicity;
 * returns how many. */
static size_t new_violations(const CheckReport *base, const CheckReport *with, unsigned char *out)
{
    int *b = triples(base);
    size_t *used = xcalloc(base->n + 1, sizeof *used), n = 0;
    for (size_t i = 0; i < with->n; i++) {
        int key[3] = { with->v[i].rule, with->v[i].agent, with->v[i].day };
        int *hit = bsearch(key, b, base->n, sizeof *b * 3, by_triple);
        out[i] = 1;
        if (hit) {   /* the first of equal keys, then past those already matched */
            size_t j = (size_t)(hit - b) / 3;
            while (j > 0 && by_triple(&b[3 * (j - 1)], key) == 0)
                j--;
            while (j < base->n && by_triple(&b[3 * j], key) == 0 && used[j])
                j++;
            if (j < base->n && by_triple(&b[3 * j], key) == 0)
                used[j] = 1, out[i] = 0;
        }
        n += out[i];
    }
    free(b), free(used);
    return n;
}

/* a (r's shape) with every unknown day off (s < 0) or on template s where
 * the agent's team works it and it runs that day (else off). */
static void fill_unknown(const WfmConfig *cfg, const Roster *r, const unsigned char *known, int s, Assign *a)
{
    size_t w = (size_t)(r->carry_days + r->ndays);
    for (int g = 0; g < r->nagents; g++)
        for (size_t e = 0; e < w; e++) {
            if (known[e])
                continue;
            Assign *x = &a[(size_t)g * w + e];
            int day = r->first_day + (int)e - r->carry_days;
            if (s < 0 || !shiftplan_runs(cfg, s, day) ||   /* a template he could not have worked: off */
                !wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind))
                *x = (Assign){ ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 };
            else
                *x = (Assign){ s, cfg->shifts[s].start_min, wfm_meal_mid(&cfg->shifts[s]), 0, 0, 0, 0, 0, 0 };
        }
}

/* The rules the overtime in a1 breaks on r: with unknown days, the worst
 * of the fillings (off, then each template); notes the first few. */
static int overtime_violations(const SurgePlanIn *in, const Assign *a1, const SurgeScenario *sc)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    size_t w = (size_t)(r->carry_days + r->ndays), na = (size_t)r->nagents * w, worst = 0;
    int any = 0;
    for (size_t e = 0; in->known && e < w; e++)
        any |= !in->known[e];
    Assign *b = xmalloc(sizeof *b * (na ? na : 1)), *x = xmalloc(sizeof *x * (na ? na : 1));
    for (int s = -1; s < (any ? cfg->nshifts : 0); s++) {
        Roster rb = *r, rx = *r;
        CheckReport pb, px;
        memcpy(b, r->a, sizeof *b * na);
        memcpy(x, a1, sizeof *x * na);
        if (any)
            fill_unknown(cfg, r, in->known, s, b), fill_unknown(cfg, r, in->known, s, x);
        rb.a = b, rx.a = x;
        check_roster(cfg, &rb, NULL, &pb);
        check_roster(cfg, &rx, NULL, &px);
        unsigned char *fresh = xmalloc(px.n + 1);
        size_t n = new_violations(&pb, &px, fresh);
        if (n > worst) {
            worst = n;
            for (size_t i = 0, shown = 0; i < px.n && shown < 5; i++)
                if (fresh[i])
                    shown++, note(in, "scenario %s: the checker finds%s%s: %s", sc->name,
                                  s >= 0 ? " with the unknown days on " : "", s >= 0 ? cfg->shifts[s].name : "",
                                  px.v[i].what);
        }
        free(fresh);
        check_free(&pb), check_free(&px);
    }
    free(b), free(x);
    return (int)worst;
}

/* Sorts n pieces (width w, gain g per agent) by gain, best first, stably:
 * several queues' pieces merged into one row stay a concave whole. */
static void best_first(double *w, double *g, int n)
{
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && g[b] > g[b - 1]; b--) {
            double x = g[b];
            g[b] = g[b - 1], g[b - 1] = x;
            x = w[b], w[b] = w[b - 1], w[b - 1] = x;
        }
}

#define BOUND_PIECES 10

/* Pieces that lie above hour h's answered calls (Erlang A, linear between
 * whole agents) at every number of agents from `from` on: the calls at
 * each whole number up to 99.95% answered, then every call one agent
 * later; their least concave majorant (adjacent slopes pooled where they
 * rise); the least of at most maxp of its segments' lines.  For the
 * joint bound. */
static int upper_pieces(const WfmConfig *cfg, const SurgeHour *h, double from, int maxp, double *width, double *gain)
{
    if (!(h->offered > 0))
        return 0;
    size_t cap = 64, n = 0;
    double *w = xmalloc(sizeof *w * cap), *v = xmalloc(sizeof *v * cap);   /* segments: width, calls */
    SurgeMeasure a, b;
    surge_eval(cfg, h->offered, h->aht_s, h->patience_s, from, &a);
    double x = from;
    for (int last = 0; !last;) {
        double nx = floor(x) + 1;
        surge_eval(cfg, h->offered, h->aht_s, h->patience_s, nx, &b);
        if (b.answer_rate >= 0.9995 || nx > from + 5000)   /* then every call, one agent on */
            last = 1;
        double dw = nx - x, dv = b.answered - a.answered;
        if (n + 2 > cap)   /* room for this step and, the last time, the one agent after it */
            cap *= 2, w = xrealloc(w, sizeof *w * cap), v = xrealloc(v, sizeof *v * cap);
        if (last) {
            w[n] = dw, v[n] = fmax(0, dv), n++;
            dw = 1, dv = h->offered - b.answered;
        }
        w[n] = dw, v[n] = fmax(0, dv), n++;
        /* pool while the slope rises: the chord lies above both */
        while (n >= 2 && v[n - 1] / w[n - 1] > v[n - 2] / w[n - 2])
            w[n - 2] += w[n - 1], v[n - 2] += v[n - 1], n--;
        a = b, x = nx;
    }
    /* The least of at most maxp of its segments' lines, the first's (through the origin) among them:
     * each supports the concave majorant, so their least lies above it, and a line from the middle of
     * a run of segments errs far less than the run's first slope held over the whole run.  Lines with
     * falling slopes, each least on its own segment: the pieces run between consecutive crossings,
     * the last to the majorant's end. */
    double xs = 0, ys = 0, x0 = 0, y0 = 0, sa = v[0] / w[0], xa = 0;   /* segment i's start; the line; its piece's start */
    size_t np = 0, c = 1, next = n / (2 * (size_t)maxp) + n / (size_t)maxp;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i >= next && np + 1 < (size_t)maxp) {
            double sb = v[i] / w[i];
            if (sb < sa - 1e-12) {
                double xe = ((ys - sb * xs) - (y0 - sa * x0)) / (sa - sb);   /* the crossing */
                if (xe > xa + 1e-12)
                    width[np] = xe - xa, gain[np] = sa, np++, xa = xe;
                x0 = xs, y0 = ys, sa = sb;
            }
            c++;
            next = c * n / (size_t)maxp + n / (2 * (size_t)maxp);
        }
        xs += w[i], ys += v[i];
    }
    if (xs > xa + 1e-12)
        width[np] = xs - xa, gain[np] = sa, np++;
    free(w), free(v);
    return (int)np;
}

/* The fewest whole agents on the phone from h->need on that answer
 * SURGE_REACH of hour h's calls (0 without calls). */
static int reach_of(const WfmConfig *cfg, const SurgeHour *h)
{
    SurgeMeasure m;
    if (!(h->offered > 0))
        return 0;
    int lo = h->need > 0 ? h->need : 0, hi = lo, step = 1;
    surge_eval(cfg, h->offered, h->aht_s, h->patience_s, hi, &m);
    while (m.answer_rate < SURGE_REACH && hi < lo + 5000) {   /* doubling, then halving */
        lo = hi + 1, hi += step, step *= 2;
        surge_eval(cfg, h->offered, h->aht_s, h->patience_s, hi, &m);
    }
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        surge_eval(cfg, h->offered, h->aht_s, h->patience_s, mid, &m);
        if (m.answer_rate >= SURGE_REACH)
            hi = mid;
        else
            lo = mid + 1;
    }
    return hi;
}

/* surge_gains up to the hour's reach when a budget set it and `past`
 * (past the need: the money left after the targets still answers calls),
 * else up to its need. */
static int gains(const WfmConfig *cfg, const SurgeHour *h, int past, double from, int maxp, double *width, double *gain)
{
    SurgeHour x = *h;
    if (past && x.reach > x.need)
        x.need = x.reach;
    return surge_gains(cfg, &x, from, maxp, width, gain);
}

/* Stage 1: overtime by the GLPK program, checked, and the supply and the
 * queues after it (evaluated).  pre (nh) and qpre (nq x nh), when given,
 * are outside agents already planned (pooled and per queue): the pieces
 * start above them.  cap_h < 0: no cap on the paid hours; day_cap: per
 * day (may be NULL). */
static int stage1(const SurgePlanIn *in, double avail, SurgeScenario *sc, double *skilled1, const double *pre,
                  const double *qpre, double cap_h, const double *day_cap, int past, const double *share,
                  Assign **keep, WfmErr *err)
{
    const Roster *r = in->r;
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, rc, nq = sc->nq, general = -1, ngen = 0;
    for (int q = nq - 1; q >= 0; q--)
        if (!cfg->queues[q].skill[0])
            general = q, ngen++;
    int ng = nq > 1 && general >= 0 ? nq : 1;   /* a row per queue an hour, or one pooled row */
    size_t nr = (size_t)nh * (size_t)ng;
    int *np = xcalloc(nr, sizeof *np), *group = xcalloc((size_t)r->nagents + 1, sizeof *group);
    double *width = xcalloc(nr * SURGE_PIECES, sizeof *width);
    double *gain = xcalloc(nr * SURGE_PIECES, sizeof *gain);
    size_t na = (size_t)r->nagents * (size_t)(r->carry_days + r->ndays);
    Assign *a1 = xmalloc(sizeof *a1 * (na ? na : 1));
    memcpy(a1, r->a, sizeof *a1 * na);
    if (ng == 1) {
        for (int t = 0; t < nh; t++)
            np[t] = gains(cfg, &sc->h[t], past, sc->h[t].phone[SURGE_ROSTER] + (pre ? pre[t] : 0), SURGE_PIECES,
                          width + (size_t)t * SURGE_PIECES, gain + (size_t)t * SURGE_PIECES);
    } else {
        /* Each queue's own pieces from its agents at the roster up to its need; the queues without a
         * skill share the general row (their pieces merged best first). */
        for (int g = 0; g < r->nagents; g++) {
            group[g] = general;
            for (int q = 0; q < nq; q++)
                if (cfg->queues[q].skill[0] && ((r->agents[g].skills >> q) & 1)) {
                    group[g] = q;
                    break;
                }
        }
        for (int t = 0; t < nh; t++)
            for (int q = 0; q < nq; q++) {
                size_t row = (size_t)t * (size_t)ng + (size_t)(cfg->queues[q].skill[0] ? q : general);
                double *w = width + row * SURGE_PIECES, *gn = gain + row * SURGE_PIECES;
                const SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)t];
                int room = cfg->queues[q].skill[0] ? SURGE_PIECES : SURGE_PIECES / ngen;
                double from = h->phone[SURGE_ROSTER] + (qpre ? qpre[(size_t)q * (size_t)nh + (size_t)t] : 0);
                np[row] += gains(cfg, h, past, from, room, w + np[row], gn + np[row]);
                best_first(w, gn, np[row]);
            }
    }
    OvertimeIn oin = { cfg, r, in->d0, in->k, avail, SURGE_PIECES, np, width, gain, in->time_limit_s, in->known,
                       cap_h >= 0, cap_h, ng, general, group, day_cap, share, in->d0, in->k };
    OvertimeStats st;
    rc = overtime_plan(&oin, a1, &st, err);
    if (!rc) {
        Roster r1 = *r;
        r1.a = a1;
        sc->violations = overtime_violations(in, a1, sc);
        double *p1 = xmalloc(sizeof *p1 * (size_t)nh);
        phone_of(in, &r1, avail, p1);
        for (int t = 0; t < nh; t++)
            sc->h[t].phone[SURGE_STAGE1] = p1[t];
        free(p1);
        evaluate(cfg, sc, SURGE_STAGE1);
        if (sc->nq)
            skilled_of(in, &r1, avail, skilled1), split_step(cfg, sc, SURGE_STAGE1, skilled1);
        sc->not = surge_overtime_list(in->cfg, r, a1, in->d0, in->k, &sc->ot);
        sc->ot_hours = st.hours, sc->ot_paid_hours = st.paid_hours, sc->ot_agents = st.agents;
        sc->ot_calls = st.calls, sc->ot_bound = st.bound, sc->ot_gap = st.gap, sc->ot_seconds = st.seconds;
        note(in,
             "scenario %s: overtime programs %d variables, %d rows: %.0f h for %d agents (%d extra shifts), "
             "+%.0f calls expected, %.2f%% from the bound, %.2f s%s",
             sc->name, st.vars, st.rows, st.hours, st.agents, st.extra_shifts, st.calls, 100 * st.gap, st.seconds,
             st.optimal ? " (optimal)" : "");
    }
    if (keep && !rc)
        *keep = a1, a1 = NULL;
    free(np), free(width), free(gain), free(a1), free(group);
    return rc;
}

/* The vendor's queues' gap at a stage, agents on the phone: per queue
 * (vgap, nq x nh) and pooled (gap, nh; every queue pooled when the plan
 * has no queues; never less than the center's pooled gap). */
static void vendor_gap(const SurgePlanIn *in, const SurgeScenario *sc, int step, double *gap, double *vgap)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, nq = sc->nq;
    for (int t = 0; t < nh; t++) {
        gap[t] = 0;
        if (!nq) {
            gap[t] = fmax(0, sc->h[t].need - sc->h[t].phone[step]);
            continue;
        }
        for (int q = 0; q < nq; q++) {
            size_t i = (size_t)q * (size_t)nh + (size_t)t;
            vgap[i] = 0;
            if ((cfg->vendor_queues >> q) & 1) {
                vgap[i] = fmax(0, sc->qh[i].need - sc->qh[i].phone[step]);
                gap[t] += vgap[i];
            }
        }
        gap[t] = fmax(gap[t], sc->h[t].need - sc->h[t].phone[step]);
    }
}

/* Outside agents in blocks (sc->outside, sc->outside_hours) for what the
 * vendor's queues miss at stage `step` (gap: vendor_gap's pooled one at
 * that step), within the outside world's limits and `won` (< 0: no
 * budget). */
static int outside_choose(const SurgePlanIn *in, double avail, SurgeScenario *sc, int step, const double *gap,
                          double won, int past, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, nb = sc->nblocks, nq = sc->nq, rc = 0;
    double per = avail / cfg->outside_aht_factor;   /* avail: the configured one (no outside agent absent) */
    int lead_h = 24 * cfg->outside_lead_days, on_duty = cfg->outside_seats + cfg->outside_laptops;
    int limited = lead_h > 0 || cfg->vendor_capacity > 0 || on_duty > 0 || won >= 0;
    if (nb < 1) {   /* no block the vendor takes: nobody from outside */
        memset(sc->outside, 0, sizeof *sc->outside * (size_t)nh);
        sc->outside_hours = 0;
    } else if (!limited) {
        rc = outside_plan(gap, nh, sc->block_h, nb, per, sc->outside, &sc->outside_hours, err);
    } else {
        /* Pieces of the calls answered per outside agent-hour, hour by hour: the
         * vendor queues' own (each up to its need), pooled in one row. */
        int maxp = OUTSIDE_PIECES * (nq ? nq : 1);
        int *np = xcalloc((size_t)nh, sizeof *np);
        double *width = xcalloc((size_t)nh * (size_t)maxp, sizeof *width), *gn = xcalloc((size_t)nh * (size_t)maxp, sizeof *gn);
        for (int t = 0; t < nh; t++) {
            double *w = width + (size_t)t * (size_t)maxp, *g = gn + (size_t)t * (size_t)maxp;
            if (!nq) {
                np[t] = gains(cfg, &sc->h[t], past, sc->h[t].phone[step], maxp, w, g);
                continue;
            }
            for (int q = 0; q < nq; q++)
                if ((cfg->vendor_queues >> q) & 1) {
                    const SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)t];
                    np[t] += gains(cfg, h, past, h->phone[step], OUTSIDE_PIECES, w + np[t], g + np[t]);
                }
            best_first(w, g, np[t]);   /* one row takes them: a concave whole */
        }
        double calls;
        OutsideIn oi = { nh, sc->block_h, nb, per, maxp, np, width, gn, lead_h, cfg->vendor_capacity, on_duty,
                         won >= 0, cfg->vendor_won_h > 0 ? fmax(0, won) / cfg->vendor_won_h : 1e12,
                         in->time_limit_s };
        rc = outside_plan_limited(&oi, sc->outside, &sc->outside_hours, &calls, err);
        free(np), free(width), free(gn);
    }
    return rc;
}

/* Outside agents on the phone each hour from sc->outside (nh). */
static void outside_supply(const SurgePlanIn *in, double avail, const SurgeScenario *sc, double *out)
{
    int nh = 24 * in->k, nb = sc->nblocks;
    double per = avail / in->cfg->outside_aht_factor;
    memset(out, 0, sizeof *out * (size_t)nh);
    for (int t = 0; t < nh; t++)
        for (int b = 0; b < nb; b++)
            for (int u = t; u < t + sc->block_h[b] && u < nh; u++)
                out[u] += sc->outside[t * nb + b] * per;
}

/* Outside agents amount[t] (nh hours) dealt to the vendor's queues (with
 * skilled_only, those with a skill) in proportion to their gaps (vgap of
 * gap), else to their needs: each queue's part added to out (nq x nh). */
static void vendor_deal(const WfmConfig *cfg, const SurgeScenario *sc, int nh, const double *amount, const double *gap,
                        const double *vgap, int skilled_only, double *out)
{
    for (int t = 0; t < nh; t++) {
        double vn = 0;
        for (int q = 0; q < sc->nq; q++)
            if ((cfg->vendor_queues >> q) & 1)
                vn += sc->qh[(size_t)q * (size_t)nh + (size_t)t].need;
        for (int q = 0; q < sc->nq; q++) {
            size_t i = (size_t)q * (size_t)nh + (size_t)t;
            if (((cfg->vendor_queues >> q) & 1) && (!skilled_only || cfg->queues[q].skill[0]))
                out[i] += gap[t] > 0 ? amount[t] * vgap[i] / gap[t] : vn > 0 ? amount[t] * sc->qh[i].need / vn : 0;
        }
    }
}
/* Stage 2: outside agents in blocks for what the vendor's queues still
 * miss (every queue pooled when the plan has no queues), within the
 * outside world's limits and `won` (< 0: no budget), unless chosen
 * already (preset: sc->outside holds them); the supply and the queues
 * after them. */
static int stage2(const SurgePlanIn *in, double avail, SurgeScenario *sc, const double *skilled1, int preset, double won,
                  int past, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, nb = sc->nblocks, nq = sc->nq, rc = 0;
    double *gap = xcalloc((size_t)nh, sizeof *gap), *vgap = xcalloc((size_t)nh * (size_t)(nq ? nq : 1), sizeof *vgap);
    vendor_gap(in, sc, SURGE_STAGE1, gap, vgap);
    if (!preset)
        rc = outside_choose(in, avail, sc, SURGE_STAGE1, gap, won, past, err);
    double *out = xcalloc((size_t)nh, sizeof *out);
    sc->outside_agents = 0;
    for (int t = 0; t < nh && !rc; t++)
        for (int b = 0; b < nb; b++)
            sc->outside_agents += sc->outside[t * nb + b];
    if (!rc)
        outside_supply(in, avail, sc, out);
    sc->outside_short_h = 0;
    for (int t = 0; t < nh; t++) {
        sc->h[t].phone[SURGE_STAGE2] = sc->h[t].phone[SURGE_STAGE1] + out[t];
        sc->outside_short_h += fmax(0, gap[t] - out[t]);
    }
    if (nq && !rc) {   /* the outside agents to the vendor's queues in proportion to their gaps (else needs) */
        double *sk2 = xmalloc(sizeof *sk2 * (size_t)nq * (size_t)nh);
        memcpy(sk2, skilled1, sizeof *sk2 * (size_t)nq * (size_t)nh);
        vendor_deal(cfg, sc, nh, out, gap, vgap, 1, sk2);
        split_step(cfg, sc, SURGE_STAGE2, sk2);
        free(sk2);
    }
    free(gap), free(vgap), free(out);
    return rc;
}

/* Stages 1 and 2 in one of the budget's orders (SURGE_BUDGET_*; without a
 * budget overtime first, uncapped). */
static int stages(const SurgePlanIn *in, double present, double avail, SurgeScenario *sc, int order,
                  const double *day_cap, const double *share, Assign **keep, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, nq = sc->nq, rc;
    double *sk1 = xcalloc((size_t)(nq ? nq : 1) * (size_t)nh, sizeof *sk1);
    double budget = in->budget > 0 ? in->budget : -1;
    double ot_cap = budget < 0 ? -1 : cfg->wage_won_h > 0 ? budget / cfg->wage_won_h : 1e12;
    if (order != SURGE_BUDGET_VENDOR_FIRST) {
        if (!(rc = stage1(in, present, sc, sk1, NULL, NULL, ot_cap, order == SURGE_BUDGET_SPLIT ? day_cap : NULL,
                         order == SURGE_BUDGET_SPLIT, order == SURGE_BUDGET_SPLIT ? share : NULL, keep, err)))
            rc = stage2(in, avail, sc, sk1, 0, budget < 0 ? -1 : fmax(0, budget - sc->ot_paid_hours * cfg->wage_won_h), 1,
                        err);
    } else {
        /* vendor first: the overtime's pieces start above the outside agents, routed to the vendor's
         * queues in proportion to their gaps at the roster (else their needs) */
        double *pre = xcalloc((size_t)nh, sizeof *pre), *gap = xcalloc((size_t)nh, sizeof *gap);
        double *vgap = xcalloc((size_t)nh * (size_t)(nq ? nq : 1), sizeof *vgap);
        double *qpre = xcalloc((size_t)nh * (size_t)(nq ? nq : 1), sizeof *qpre);
        vendor_gap(in, sc, SURGE_ROSTER, gap, vgap);
        if (!(rc = outside_choose(in, avail, sc, SURGE_ROSTER, gap, budget, 0, err))) {
            outside_supply(in, avail, sc, pre);
            vendor_deal(cfg, sc, nh, pre, gap, vgap, 0, qpre);
            double left = fmax(0, budget - sc->outside_hours * cfg->vendor_won_h);
            if (!(rc = stage1(in, present, sc, sk1, pre, qpre, cfg->wage_won_h > 0 ? left / cfg->wage_won_h : 1e12, NULL, 1,
                              NULL, keep, err)))
                rc = stage2(in, avail, sc, sk1, 1, -1, 0, err);
        }
        free(pre), free(gap), free(vgap), free(qpre);
    }
    if (!rc)
        evaluate(cfg, sc, SURGE_STAGE2);
    free(sk1);
    return rc;
}

/* The calls sc answers at a step (pooled, every hour). */
static double answered_at(const SurgeScenario *sc, int step)
{
    SurgeTotals t;
    surge_totals(sc, &t);
    return t.answered[step];
}

/* A copy of sc as the roster left it (before any stage). */
static void scenario_copy(SurgeScenario *dst, const SurgeScenario *src, int nh)
{
    *dst = *src;
    dst->h = xmalloc(sizeof *dst->h * (size_t)nh);
    memcpy(dst->h, src->h, sizeof *dst->h * (size_t)nh);
    dst->outside = xcalloc((size_t)nh * (size_t)(src->nblocks ? src->nblocks : 1), sizeof *dst->outside);
    dst->qh = NULL;
    if (src->nq) {
        dst->qh = xmalloc(sizeof *dst->qh * (size_t)src->nq * (size_t)nh);
        memcpy(dst->qh, src->qh, sizeof *dst->qh * (size_t)src->nq * (size_t)nh);
    }
    dst->ot = NULL, dst->not = 0, dst->ot_name = NULL;
}

/* The joint relaxation's bound on the calls answered within the budget
 * (sc->budget_bound: pooled, the roster's calls included) and its paid
 * overtime hours per day (day_cap). */
static int joint_bound(const SurgePlanIn *in, double present, double avail, SurgeScenario *sc, double *day_cap,
                       double *share, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, rc;
    int *np = xcalloc((size_t)nh, sizeof *np);
    double *width = xcalloc((size_t)nh * BOUND_PIECES, sizeof *width), *gain = xcalloc((size_t)nh * BOUND_PIECES, sizeof *gain);
    for (int t = 0; t < nh; t++)
        np[t] = upper_pieces(cfg, &sc->h[t], sc->h[t].phone[SURGE_ROSTER], BOUND_PIECES, width + (size_t)t * BOUND_PIECES,
                             gain + (size_t)t * BOUND_PIECES);
    JointIn ji = { { cfg, in->r, in->d0, in->k, present, BOUND_PIECES, np, width, gain, in->time_limit_s, in->known, 0, 0,
                     1, 0, NULL, NULL, NULL, 0, 0 },
                   sc->block_h, sc->nblocks, avail / cfg->outside_aht_factor, 24 * cfg->outside_lead_days,
                   cfg->vendor_capacity, cfg->outside_seats + cfg->outside_laptops, cfg->wage_won_h, cfg->vendor_won_h,
                   in->budget };
    double calls, won;
    rc = overtime_joint_bound(&ji, &calls, day_cap, &won, share, err);
    if (!rc)
        sc->budget_bound = answered_at(sc, SURGE_ROSTER) + calls;
    free(np), free(width), free(gain);
    return rc;
}

/* sc again from a1 (the roster with its overtime) and sc->outside: stage
 * 1's supply, queues and overtime list, then stage 2 with its blocks as
 * they are. */
static int refresh(const SurgePlanIn *in, double present, double avail, SurgeScenario *sc, const Assign *a1, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, nq = sc->nq, rc;
    Roster r1 = *in->r;
    r1.a = (Assign *)a1;
    double *p1 = xmalloc(sizeof *p1 * (size_t)nh), *sk1 = xcalloc((size_t)(nq ? nq : 1) * (size_t)nh, sizeof *sk1);
    phone_of(in, &r1, present, p1);
    for (int t = 0; t < nh; t++)
        sc->h[t].phone[SURGE_STAGE1] = p1[t];
    evaluate(cfg, sc, SURGE_STAGE1);
    if (nq)
        skilled_of(in, &r1, present, sk1), split_step(cfg, sc, SURGE_STAGE1, sk1);
    free(sc->ot);
    sc->not = surge_overtime_list(cfg, in->r, a1, in->d0, in->k, &sc->ot);
    sc->ot_hours = sc->ot_paid_hours = 0, sc->ot_agents = 0;
    unsigned char *seen = xcalloc((size_t)in->r->nagents + 1, 1);
    for (int i = 0; i < sc->not; i++) {
        sc->ot_hours += sc->ot[i].hours, sc->ot_paid_hours += sc->ot[i].paid_hours;
        sc->ot_agents += !seen[sc->ot[i].agent];
        seen[sc->ot[i].agent] = 1;
    }
    free(seen);
    sc->outside_hours = 0;
    for (int t = 0; t < nh; t++)
        for (int b = 0; b < sc->nblocks; b++)
            sc->outside_hours += sc->outside[t * sc->nblocks + b] * (double)sc->block_h[b];
    if (!(rc = stage2(in, avail, sc, sk1, 1, -1, 0, err)))
        evaluate(cfg, sc, SURGE_STAGE2);
    free(p1), free(sk1);
    return rc;
}

/* A change the top-up tries: up to MAX_TRIM hours of overtime taken off
 * (agent tg, day index td, ts 0 before the shift or 1 after), then an
 * outside block started (hour t, block b; -1 none) or an hour of overtime
 * added (agent g2 on day index d2 at side2; -1 none).  Zeroed whole: the
 * tabu list compares them bytewise. */
#define MAX_TRIM 4
typedef struct Move {
    int t, b, g2, d2, side2, ntrim;
    int tg[MAX_TRIM], td[MAX_TRIM], ts[MAX_TRIM];
    double value;
} Move;

/* An hour of overtime that can come off: the calls it loses (negative) and the won it frees. */
typedef struct Trim {
    int g, d, side;
    double loss, won;
} Trim;

static int by_loss(const void *pa, const void *pb)
{
    const Trim *a = pa, *b = pb;
    return a->loss > b->loss ? -1 : a->loss < b->loss ? 1 : 0;
}

/* Answered calls (pooled Erlang A) in hour t with `delta` more agents on the phone at stage 2. */
static double gain_at(const WfmConfig *cfg, const SurgeHour *h, double delta)
{
    SurgeMeasure a, b;
    surge_eval(cfg, h->offered, h->aht_s, h->patience_s, h->phone[SURGE_STAGE2], &a);
    surge_eval(cfg, h->offered, h->aht_s, h->patience_s, h->phone[SURGE_STAGE2] + delta, &b);
    return b.answered - a.answered;
}

/* Agent g's hour of overtime on day index d at `side` (0 before the shift, 1 after) next to the edge
 * of his work as a1 holds it (add: one more; else the outermost of the surge's own): its minutes
 * [*a, *b) from the first surge day's midnight; 0 when there is none (not working, an extra shift,
 * nothing to take off, the day's cap reached). */
static int ot_hour(const SurgePlanIn *in, const Assign *a1, int g, int d, int side, int add, long *a, long *b)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    size_t w = (size_t)(r->carry_days + r->ndays);
    const Assign *x = &a1[(size_t)g * w + (size_t)(r->carry_days + d)], *y = roster_at(r, g, d);
    if (x->shift < 0 || x->shift >= cfg->nshifts || x->extra)
        return 0;
    int len = cfg->shifts[x->shift].length_min, before = x->ot_before_min, after = x->ot_after_min;
    if (add && before + after + 60 > (int)floor(cfg->overtime_day_h + 1e-9) * 60)
        return 0;
    if (!add && (side ? after - y->ot_after_min : before - y->ot_before_min) < 60)
        return 0;
    long base = 1440L * (d - in->d0);
    if (side == 0)
        *a = base + x->start_min - before - (add ? 60 : 0), *b = *a + 60;
    else
        *b = base + x->start_min + len + after + (add ? 60 : 0), *a = *b - 60;
    return 1;
}

/* Calls stage 2 gains with one more agent on duty in [a, b), from each hour's gain for a whole hour
 * (g: nh). */
static double ot_value(const SurgePlanIn *in, const double *g, long a, long b)
{
    double v = 0;
    for (int t = (int)(a / 60) - 1; t <= (int)(b / 60); t++)
        if (t >= 0 && t < 24 * in->k)
            v += g[t] * shiftplan_overlap((int)a, (int)b, t) / 60;
    return v;
}

/* The won of an hour of overtime [a, b) (minutes from the first surge day's midnight). */
static double ot_won(const SurgePlanIn *in, long a, long b)
{
    long d = a >= 0 ? a / 1440 : -1 - (-a - 1) / 1440;
    int day = in->r->first_day + in->d0 + (int)d;
    return in->cfg->wage_won_h * surge_paid_hours(in->cfg, day, (int)(a - 1440 * d), (int)(b - 1440 * d));
}

/* Adds agents `n` on the phone over [a, b) (minutes from the first surge day's midnight) to dl (nh). */
static void add_span(const SurgePlanIn *in, double *dl, long a, long b, double n)
{
    for (int t = (int)(a / 60) - 1; t <= (int)(b / 60); t++)
        if (t >= 0 && t < 24 * in->k)
            dl[t] += n * shiftplan_overlap((int)a, (int)b, t) / 60;
}

/* After the stages: what is left of the budget, with what hours of
 * overtime taken off would free, spent where it answers the most calls -
 * an outside block (the vendor's limits kept) or an hour of overtime next
 * to a shift (one stage 1 could offer: overtime_allowed) - one change at
 * a time, each kept when the calls answered (Erlang A on the hours it
 * changes) rise within the budget, until no change helps.  Then sc is
 * made again from them, and all of it undone unless solver/check finds no
 * new rule broken and the calls answered rose.  a1 is the roster with
 * sc's overtime (changed with it). */
#define TOPUP_MOVES 60
static int topup(const SurgePlanIn *in, double present, double avail, SurgeScenario *sc, Assign *a1, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int nh = 24 * in->k, nb = sc->nblocks, rc = 0, changed = 0;
    size_t w = (size_t)(r->carry_days + r->ndays), na = (size_t)r->nagents * w;
    double per = avail / cfg->outside_aht_factor, start = answered_at(sc, SURGE_STAGE2);
    double spent = sc->ot_paid_hours * cfg->wage_won_h + sc->outside_hours * cfg->vendor_won_h;
    int lead_h = 24 * cfg->outside_lead_days, on_duty = cfg->outside_seats + cfg->outside_laptops;
    OvertimeIn rules = { 0 };
    rules.cfg = cfg, rules.r = r, rules.d0 = in->d0, rules.k = in->k, rules.avail = present, rules.known = in->known;
    Assign *save = xmalloc(sizeof *save * (na ? na : 1));
    int *osave = xmalloc(sizeof *osave * (size_t)nh * (size_t)(nb ? nb : 1));
    memcpy(save, a1, sizeof *save * na);
    memcpy(osave, sc->outside, sizeof *osave * (size_t)nh * (size_t)(nb ? nb : 1));
    double *ph = xmalloc(sizeof *ph * (size_t)nh * 2), *dl = ph + nh;   /* stage 2's phone as the moves go */
    for (int t = 0; t < nh; t++)
        ph[t] = sc->h[t].phone[SURGE_STAGE2];
    Move *tabu = NULL;
    size_t ntabu = 0, cap = 0;
    int *starts = xcalloc((size_t)in->k, sizeof *starts), *duty = xcalloc((size_t)nh, sizeof *duty);
    unsigned char *refused = xcalloc((size_t)r->nagents * (size_t)in->k * 2 + 1, 1);   /* hours overtime_allowed refused */
    for (int t = 0; t < nh; t++)   /* the vendor's starts a day and agents on duty */
        for (int b = 0; b < nb; b++) {
            starts[t / 24] += sc->outside[t * nb + b];
            for (int u = t; u < t + sc->block_h[b] && u < nh; u++)
                duty[u] += sc->outside[t * nb + b];
        }
    double *gp = xmalloc(sizeof *gp * (size_t)nh * 3), *gm = gp + nh, *go = gp + 2 * nh;
    for (int t = 0; t < nh; t++)
        dl[t] = 1;   /* every hour's gains to compute */
    for (int iter = 0; iter < TOPUP_MOVES; iter++) {
        double left = in->budget - spent;
        for (int t = 0; t < nh; t++)   /* each changed hour's gain with one more of ours, one fewer, one more from outside */
            if (dl[t] != 0) {
                SurgeHour h = sc->h[t];
                h.phone[SURGE_STAGE2] = ph[t];
                gp[t] = gain_at(cfg, &h, present), gm[t] = gain_at(cfg, &h, -present), go[t] = gain_at(cfg, &h, per);
            }
        size_t ntr = 0, ctr = 0;   /* the hours that can come off, least loss first */
        Trim *tr = NULL;
        for (int g = 0; g < r->nagents; g++)
            for (int d = in->d0; d < in->d0 + in->k; d++)
                for (int side = 0; side < 2; side++) {
                    long a, b;
                    if (!ot_hour(in, a1, g, d, side, 0, &a, &b))
                        continue;
                    if (ntr + 1 > ctr)
                        ctr = ctr ? 2 * ctr : 64, tr = xrealloc(tr, sizeof *tr * ctr);
                    tr[ntr++] = (Trim){ g, d, side, ot_value(in, gm, a, b), ot_won(in, a, b) };
                }
        if (ntr)
            qsort(tr, ntr, sizeof *tr, by_loss);
        Move best;
        double best_cost = 0;
        memset(&best, 0, sizeof best);
        best.t = best.g2 = -1, best.value = 1e-6;
        for (int kind = 0; kind < 2; kind++)   /* what could be bought: blocks, hours of overtime */
            for (int i = 0; i < (kind ? r->nagents * in->k * 2 : nh * nb); i++) {
                Move m;
                double cost, freed = 0;
                long a = 0, b = 0;
                memset(&m, 0, sizeof m);
                m.t = m.b = m.g2 = -1;
                if (!kind) {
                    m.t = i / nb, m.b = i % nb;
                    if (m.t < lead_h || (cfg->vendor_capacity > 0 && starts[m.t / 24] + 1 > cfg->vendor_capacity))
                        continue;
                    int ok = 1;
                    for (int u = m.t; u < m.t + sc->block_h[m.b] && u < nh && ok; u++)
                        ok = !(on_duty > 0) || duty[u] + 1 <= on_duty, m.value += go[u];
                    if (!ok)
                        continue;
                    cost = sc->block_h[m.b] * cfg->vendor_won_h;
                } else {
                    m.g2 = i / (in->k * 2), m.d2 = in->d0 + i / 2 % in->k, m.side2 = i % 2;
                    if (refused[i] || !ot_hour(in, a1, m.g2, m.d2, m.side2, 1, &a, &b))
                        continue;
                    m.value = ot_value(in, gp, a, b);
                    cost = ot_won(in, a, b);
                }
                /* what pays for it: hours taken off, least loss first */
                for (size_t j = 0; j < ntr && cost > left + freed + 1e-6 && m.ntrim < MAX_TRIM; j++)
                    if (!(tr[j].g == m.g2 && tr[j].d == m.d2)) {
                        m.tg[m.ntrim] = tr[j].g, m.td[m.ntrim] = tr[j].d, m.ts[m.ntrim] = tr[j].side, m.ntrim++;
                        m.value += tr[j].loss, freed += tr[j].won;
                    }
                if (cost > left + freed + 1e-6 || m.value <= best.value)
                    continue;
                int bad = 0;
                for (size_t q = 0; q < ntabu && !bad; q++)
                    bad = !memcmp(&tabu[q], &m, offsetof(Move, value));
                if (!bad)
                    best = m, best_cost = cost - freed;
            }
        free(tr);
        if (best.t < 0 && best.g2 < 0)
            break;
        /* The move on its own hours: Erlang A there, and the rules for an hour added. */
        for (int t = 0; t < nh; t++)
            dl[t] = 0;
        for (int j = 0; j < best.ntrim; j++) {
            long a, b;
            if (ot_hour(in, a1, best.tg[j], best.td[j], best.ts[j], 0, &a, &b))
                add_span(in, dl, a, b, -present);
            Assign *x = &a1[(size_t)best.tg[j] * w + (size_t)(r->carry_days + best.td[j])];
            *(best.ts[j] ? &x->ot_after_min : &x->ot_before_min) -= 60;
        }
        int keep = 1;
        if (best.g2 >= 0) {
            long a, b;
            if (ot_hour(in, a1, best.g2, best.d2, best.side2, 1, &a, &b))
                add_span(in, dl, a, b, present);
            Assign *x = &a1[(size_t)best.g2 * w + (size_t)(r->carry_days + best.d2)];
            *(best.side2 ? &x->ot_after_min : &x->ot_before_min) += 60;
            keep = overtime_allowed(&rules, a1, best.g2, best.d2, x->ot_before_min, x->ot_after_min);
            if (!keep)   /* not offered again, whatever pays for it */
                refused[((size_t)best.g2 * (size_t)in->k + (size_t)(best.d2 - in->d0)) * 2 + (size_t)best.side2] = 1;
        }
        if (best.t >= 0)
            for (int u = best.t; u < best.t + sc->block_h[best.b] && u < nh; u++)
                dl[u] += per;
        double gain = 0;
        for (int t = 0; t < nh && keep; t++)
            if (dl[t] != 0) {
                SurgeHour h = sc->h[t];
                h.phone[SURGE_STAGE2] = ph[t];
                gain += gain_at(cfg, &h, dl[t]);
            }
        keep = keep && gain > 1e-9 && spent + best_cost <= in->budget + 1e-6;
        if (keep) {
            for (int t = 0; t < nh; t++)
                ph[t] += dl[t];
            spent += best_cost, changed = 1;
            if (best.t >= 0) {
                sc->outside[best.t * nb + best.b]++, starts[best.t / 24]++;
                for (int u = best.t; u < best.t + sc->block_h[best.b] && u < nh; u++)
                    duty[u]++;
            }
        } else {   /* undone, and not tried again; no hour changed */
            for (int t = 0; t < nh; t++)
                dl[t] = 0;
            for (int j = 0; j < best.ntrim; j++) {
                Assign *x = &a1[(size_t)best.tg[j] * w + (size_t)(r->carry_days + best.td[j])];
                *(best.ts[j] ? &x->ot_after_min : &x->ot_before_min) += 60;
            }
            if (best.g2 >= 0) {
                Assign *x = &a1[(size_t)best.g2 * w + (size_t)(r->carry_days + best.d2)];
                *(best.side2 ? &x->ot_after_min : &x->ot_before_min) -= 60;
            }
            if (ntabu + 1 > cap)
                cap = cap ? 2 * cap : 16, tabu = xrealloc(tabu, sizeof *tabu * cap);
            tabu[ntabu++] = best;
        }
    }
    if (changed) {   /* sc made again from the changes; kept only when they answer more and break no rule */
        SurgePlanIn quiet = *in;
        quiet.note = NULL;
        rc = refresh(in, present, avail, sc, a1, err);
        if (!rc && !(answered_at(sc, SURGE_STAGE2) > start + 1e-9 && overtime_violations(&quiet, a1, sc) == 0 &&
                     sc->ot_paid_hours * cfg->wage_won_h + sc->outside_hours * cfg->vendor_won_h <= in->budget + 1e-6)) {
            memcpy(a1, save, sizeof *save * na);
            memcpy(sc->outside, osave, sizeof *osave * (size_t)nh * (size_t)(nb ? nb : 1));
            rc = refresh(in, present, avail, sc, a1, err);
        }
    }
    free(save), free(osave), free(tabu), free(ph), free(starts), free(duty), free(gp), free(refused);
    return rc;
}

/* One of the budget's plans on its own copy x (NULL: none), after the
 * joint bound into sc when `bound` (the split needs the bound's caps and
 * shares; the other orders do not, so they run beside it). */
typedef struct BudgetJob {
    const SurgePlanIn *in;
    double present, avail;
    SurgeScenario *sc, *x;
    int order, bound, threaded, rc;
    double *day_cap, *share;
    Assign *a1;                /* the roster with the plan's overtime */
    WfmErr err;
} BudgetJob;

static void *budget_job(void *p)
{
    BudgetJob *j = p;
    j->rc = 0;
    if (j->bound)
        j->rc = joint_bound(j->in, j->present, j->avail, j->sc, j->day_cap, j->share, &j->err);
    if (!j->rc && j->x)
        j->rc = stages(j->in, j->present, j->avail, j->x, j->order, j->day_cap, j->share, &j->a1, &j->err);
    if (!j->rc && j->x)
        j->rc = topup(j->in, j->present, j->avail, j->x, j->a1, &j->err);
    if (j->threaded)
        lp_thread_done();
    return NULL;
}

/* With a budget: the bound, then each order tried on a copy, the one
 * answering most kept in sc.  Overtime first and vendor first run on
 * their own threads beside the bound and the split (GLPK keeps its state
 * per thread); the plans are the same as one after the other. */
static int budget_plan(const SurgePlanIn *in, double present, double avail, SurgeScenario *sc, WfmErr *err)
{
    int nh = 24 * in->k, rc = 0, pick = 0;
    double *day_cap = xcalloc((size_t)in->k, sizeof *day_cap), best = -1;
    double *share = xcalloc((size_t)in->r->nagents * (size_t)in->k + 1, sizeof *share);
    SurgeScenario trial[3];
    SurgePlanIn quiet = *in;
    BudgetJob job[3];
    pthread_t th[3];
    int started[3] = { 0, 0, 0 };
    memset(trial, 0, sizeof trial);
    quiet.note = NULL;
    for (int o = SURGE_BUDGET_OT_FIRST; o <= SURGE_BUDGET_VENDOR_FIRST; o++) {
        int on = in->budget_order == SURGE_BUDGET_BEST || in->budget_order == o;
        if (on)
            scenario_copy(&trial[o - 1], sc, nh);
        job[o - 1] = (BudgetJob){ &quiet, present, avail, sc, on ? &trial[o - 1] : NULL, o, o == SURGE_BUDGET_SPLIT, 0, 0,
                                  day_cap, share, NULL, { 0 } };
    }
    int threads = lp_threads_ok();
    for (int i = 0; i < 3; i++)   /* the split's job (the bound first) stays on this thread */
        if (i != SURGE_BUDGET_SPLIT - 1 && job[i].x) {
            if (!threads) {
                budget_job(&job[i]);
                continue;
            }
            job[i].threaded = 1;
            started[i] = pthread_create(&th[i], NULL, budget_job, &job[i]) == 0;
            if (!started[i])
                job[i].threaded = 0, budget_job(&job[i]);   /* no thread: here */
        }
    budget_job(&job[SURGE_BUDGET_SPLIT - 1]);
    for (int i = 0; i < 3; i++)
        if (started[i])
            pthread_join(th[i], NULL);
    for (int i = 0; i < 3 && !rc; i++)   /* the bound's error first, then the orders' */
        if (job[(i + 1) % 3].rc)
            rc = job[(i + 1) % 3].rc, *err = job[(i + 1) % 3].err;
    for (int o = SURGE_BUDGET_OT_FIRST; o <= SURGE_BUDGET_VENDOR_FIRST && !rc; o++)
        if (job[o - 1].x) {
            sc->budget_answered[o - 1] = answered_at(&trial[o - 1], SURGE_STAGE2);
            if (sc->budget_answered[o - 1] > best + 1e-9)
                best = sc->budget_answered[o - 1], pick = o;
        }
    for (int o = SURGE_BUDGET_OT_FIRST; o <= SURGE_BUDGET_VENDOR_FIRST; o++) {
        SurgeScenario *x = &trial[o - 1];
        if (!job[o - 1].x)
            continue;
        if (o == pick && !rc) {
            memcpy(x->budget_answered, sc->budget_answered, sizeof x->budget_answered);
            x->budget_bound = sc->budget_bound;
            x->budget_pick = pick;
            surge_scenario_free(sc);
            *sc = *x;
        } else {
            surge_scenario_free(x);
        }
    }
    for (int i = 0; i < 3; i++)
        free(job[i].a1);
    free(day_cap), free(share);
    return rc;
}

int surge_plan(const SurgePlanIn *in, SurgeScenario *sc, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int nh = 24 * in->k, rc;
    double avail = wfm_config_availability(cfg);
    if (!(sc->absence >= 0 && sc->absence < 1) || !(sc->aht_drift > -1 && sc->aht_drift < 1))
        return wfm_err(err, WFM_EINPUT, "scenario %s: absence %g or AHT drift %g out of range", sc->name, sc->absence,
                       sc->aht_drift);
    double present = avail * (1 - sc->absence);   /* our agents: the absent ones answer nothing, work no overtime */

    if (in->d0 < 0 || in->k < 1 || in->d0 + in->k > in->r->ndays)
        return wfm_err(err, WFM_EINPUT, "surge: days %d-%d outside the roster's %d days", in->d0, in->d0 + in->k - 1,
                       in->r->ndays);
    sc->first_day = in->r->first_day + in->d0, sc->ndays = in->k;
    sc->h = xcalloc((size_t)nh, sizeof *sc->h);
    sc->nblocks = 0;   /* the blocks the vendor takes: none shorter than its minimum */
    for (int b = 0; b < cfg->noutside_blocks && sc->nblocks < SURGE_MAX_BLOCKS; b++)
        if (cfg->outside_block_h[b] >= cfg->outside_min_block_h)
            sc->block_h[sc->nblocks++] = cfg->outside_block_h[b];
    sc->outside = xcalloc((size_t)nh * (size_t)(sc->nblocks ? sc->nblocks : 1), sizeof *sc->outside);
    double *off = xmalloc(sizeof *off * (size_t)nh), *phone0 = xmalloc(sizeof *phone0 * (size_t)nh);
    if (sc->calls_per_day > 0)
        rc = surge_scale(in->offered, in->k, sc->calls_per_day, sc->deflect, off, err);
    else
        memcpy(off, in->offered, sizeof *off * (size_t)nh), rc = 0;
    phone_of(in, in->r, present, phone0);
    for (int t = 0; t < nh && !rc; t++) {
        sc->h[t].offered = off[t];
        sc->h[t].aht_s = in->aht_s[t] * (sc->aht_factor > 0 ? sc->aht_factor : 1) * pow(1 + sc->aht_drift, t / 24);
        sc->h[t].patience_s = in->patience_s[t] > 0 ? in->patience_s[t] : cfg->patience_s;
        sc->h[t].phone[SURGE_ROSTER] = phone0[t];
    }
    int nq = in->q_offered ? cfg->nqueues : 0;
    if (nq && !rc) {   /* each queue scaled with its pooled hour */
        sc->nq = nq;
        sc->qh = xcalloc((size_t)nq * (size_t)nh, sizeof *sc->qh);
        for (int q = 0; q < nq; q++)
            for (int t = 0; t < nh; t++) {
                size_t i = (size_t)q * (size_t)nh + (size_t)t;
                SurgeHour *h = &sc->qh[i];
                double f = in->offered[t] > 0 ? off[t] / in->offered[t] : 0;
                h->offered = fmax(0, in->q_offered[i]) * f;
                h->aht_s = (in->q_aht_s[i] > 0 ? in->q_aht_s[i] : cfg->queues[q].aht_s) *
                           (sc->aht_factor > 0 ? sc->aht_factor : 1) * pow(1 + sc->aht_drift, t / 24);
                h->patience_s = in->q_patience_s[i] > 0 ? in->q_patience_s[i] : cfg->patience_s;
            }
        for (int q = 0; q < nq && !rc; q++)
            rc = surge_need(cfg, in->target, sc->qh + (size_t)q * (size_t)nh, nh, err);
    }
    free(off), free(phone0);
    if (!rc)
        rc = surge_need(cfg, in->target, sc->h, nh, err);
    if (rc)
        return wfm_err_prefix(err, "scenario %s", sc->name);
    double *sk0 = xcalloc((size_t)(nq ? nq : 1) * (size_t)nh, sizeof *sk0);
    evaluate(cfg, sc, SURGE_ROSTER);
    if (nq)
        skilled_of(in, in->r, present, sk0), split_step(cfg, sc, SURGE_ROSTER, sk0);
    free(sk0);
    if (in->budget > 0) {
        for (int t = 0; t < nh; t++)
            sc->h[t].reach = reach_of(cfg, &sc->h[t]);
        for (size_t i = 0; i < (size_t)nq * (size_t)nh; i++)
            sc->qh[i].reach = reach_of(cfg, &sc->qh[i]);
        rc = budget_plan(in, present, avail, sc, err);
    }
    else
        rc = stages(in, present, avail, sc, SURGE_BUDGET_OT_FIRST, NULL, NULL, NULL, err);
    if (!rc) {
        sc->budget = in->budget;
        surge_costs(cfg, sc);
    }
    return rc;
}
