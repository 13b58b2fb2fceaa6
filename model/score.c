#include "score.h"
#include "../core/alloc.h"
#include "../core/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_PROD, C_FCR, C_QA, C_ADH, C_N };

/* Median of v[0..n) (reordered); NAN when n == 0. */
static double median(double *v, size_t n)
{
    return stats_median(v, n);
}

static double avail_h(const PerfRec *r)
{
    double s = r->logged_s - (r->break_s > 0 ? r->break_s : 0) - (r->meeting_s > 0 ? r->meeting_s : 0) -
               (r->training_s > 0 ? r->training_s : 0);
    return s / 3600;
}

typedef struct Key {
    int day, shift, queue;
    size_t idx;
} Key;

static int cmp_key(const void *a, const void *b)
{
    const Key *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->shift != y->shift)
        return x->shift < y->shift ? -1 : 1;
    if (x->queue != y->queue)
        return x->queue < y->queue ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

#define NQ 64  /* queues and shift kinds are small indexes */

int score_compute(const PerfRec *r, size_t n, int nagents, const int *tenure, const ScoreWeights *w,
                  int min_days, AgentScore *out)
{
    Key *k = xmalloc(sizeof *k * (n ? n : 1));
    double *expected = xcalloc(n ? n : 1, sizeof *expected);
    double *av = xmalloc(sizeof *av * (n ? n : 1));
    int (*qcount)[NQ] = xcalloc((size_t)nagents, sizeof *qcount), (*scount)[SK_COUNT] = xcalloc((size_t)nagents, sizeof *scount);
    int scored = 0;

    memset(out, 0, sizeof *out * (size_t)nagents);
    for (size_t i = 0; i < n; i++)
        av[i] = avail_h(&r[i]);

    /* Peers' pooled rates over the period, by shift kind x queue: calls per
     * available hour, ACW share of handling time, first-contact resolution;
     * QA by queue.  Pooled (sums over sums), so no median-of-counts bias that
     * would differ between busy and quiet shifts. */
    double ph[SK_COUNT][NQ] = { { 0 } }, pa[SK_COUNT][NQ] = { { 0 } }, pacw[SK_COUNT][NQ] = { { 0 } };
    double pt[SK_COUNT][NQ] = { { 0 } }, pres[SK_COUNT][NQ] = { { 0 } }, phr[SK_COUNT][NQ] = { { 0 } };
    double pqa[NQ] = { 0 }, nqa[NQ] = { 0 };
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        const PerfRec *x = &r[i];
        if (!(av[i] > 0.25) || x->agent < 0 || x->agent >= nagents || x->queue < 0 || x->queue >= NQ ||
            x->shift < 0 || x->shift >= SK_COUNT)
            continue;
        k[nk++] = (Key){ x->day, x->shift, x->queue, i };
        ph[x->shift][x->queue] += x->handled, pa[x->shift][x->queue] += av[i];
        pacw[x->shift][x->queue] += x->acw_s, pt[x->shift][x->queue] += x->talk_s + x->hold_s + x->acw_s;
        if (isfinite(x->resolved_first))
            pres[x->shift][x->queue] += x->resolved_first, phr[x->shift][x->queue] += x->handled;
        if (isfinite(x->qa))
            pqa[x->queue] += x->qa, nqa[x->queue]++;
    }

    /* Expected calls: the pooled calls per available hour of the agents on the
     * same date, shift kind and queue, times the agent's available hours
     * (the period's rate where fewer than 3 agents shared that block). */
    qsort(k, nk, sizeof *k, cmp_key);
    for (size_t a = 0; a < nk;) {
        size_t b = a;
        double h = 0, t = 0;
        while (b < nk && k[b].day == k[a].day && k[b].shift == k[a].shift && k[b].queue == k[a].queue)
            h += r[k[b].idx].handled, t += av[k[b].idx], b++;
        double rate = b - a >= 3 && t > 0 ? h / t : ph[k[a].shift][k[a].queue] / pa[k[a].shift][k[a].queue];
        for (size_t j = a; j < b; j++)
            expected[k[j].idx] = rate * av[k[j].idx];
        a = b;
    }

    /* Per agent: observed and expected sums of each component. */
    typedef struct Sums {
        double h, e, acw, eacw, res, eres, hres, qa, qa2, adh, sched;
        int nqa;
    } Sums;
    Sums *sm = xcalloc((size_t)nagents, sizeof *sm);
    for (size_t j = 0; j < nk; j++) {
        const PerfRec *x = &r[k[j].idx];
        int g = x->agent;
        Sums *u = &sm[g];
        AgentScore *o = &out[g];
        o->days++;
        o->avail_h += av[k[j].idx];
        o->talk_pc += x->talk_s, o->hold_pc += x->hold_s, o->acw_share += x->acw_s;
        o->cpd += x->handled;
        o->remote_share += x->remote > 0;
        qcount[g][x->queue]++;
        scount[g][x->shift]++;
        u->h += x->handled, u->e += expected[k[j].idx];
        if (ph[x->shift][x->queue] > 0)  /* after-call work per call, against the peers' */
            u->acw += x->acw_s, u->eacw += x->handled * pacw[x->shift][x->queue] / ph[x->shift][x->queue];
        if (isfinite(x->resolved_first) && phr[x->shift][x->queue] > 0) {
            u->res += x->resolved_first, u->hres += x->handled;
            u->eres += x->handled * pres[x->shift][x->queue] / phr[x->shift][x->queue];
        }
        if (isfinite(x->qa) && nqa[x->queue] > 0) {
            double d = x->qa - pqa[x->queue] / nqa[x->queue];
            u->qa += d, u->qa2 += d * d, u->nqa++;
        }
        if (isfinite(x->transfers))
            o->transfer_rate += x->transfers;
        if (x->sched_s > 0)
            u->adh += fmin(x->logged_s, x->sched_s), u->sched += x->sched_s;
    }
    /* Components and their standard errors (ratio estimators: the variance of
     * sum(obs)/sum(exp) from the days' residuals obs - R exp). */
    double (*cv)[C_N] = xcalloc((size_t)nagents, sizeof *cv), (*cse)[C_N] = xcalloc((size_t)nagents, sizeof *cse);
    double (*res2)[3] = xcalloc((size_t)nagents, sizeof *res2);
    for (size_t j = 0; j < nk; j++) {
        const PerfRec *x = &r[k[j].idx];
        const Sums *u = &sm[x->agent];
        double e = expected[k[j].idx];
        if (u->e > 0) {
            double d = x->handled - (u->h / u->e) * e;
            res2[x->agent][0] += d * d;
        }
        if (u->hres > 0 && isfinite(x->resolved_first) && phr[x->shift][x->queue] > 0) {
            double p = pres[x->shift][x->queue] / phr[x->shift][x->queue];
            double d = x->resolved_first - x->handled * (p + (u->res - u->eres) / u->hres);
            res2[x->agent][1] += d * d;
        }
        if (u->sched > 0 && x->sched_s > 0) {
            double d = fmin(x->logged_s, x->sched_s) - (u->adh / u->sched) * x->sched_s;
            res2[x->agent][2] += d * d;
        }
    }
    for (int g = 0; g < nagents; g++) {
        const Sums *u = &sm[g];
        cv[g][C_PROD] = u->e > 0 && u->h > 0 ? log(u->h / u->e) : NAN;
        cse[g][C_PROD] = u->h > 0 ? sqrt(res2[g][0]) / u->h : NAN;
        cv[g][C_FCR] = u->hres > 0 ? (u->res - u->eres) / u->hres : NAN;
        cse[g][C_FCR] = u->hres > 0 ? sqrt(res2[g][1]) / u->hres : NAN;
        cv[g][C_QA] = u->nqa >= 2 ? u->qa / u->nqa : NAN;
        cse[g][C_QA] = u->nqa >= 2 ? sqrt(fmax(u->qa2 / u->nqa - cv[g][C_QA] * cv[g][C_QA], 0) / (u->nqa - 1)) : NAN;
        cv[g][C_ADH] = u->sched > 0 ? u->adh / u->sched : NAN;
        cse[g][C_ADH] = u->sched > 0 ? sqrt(res2[g][2]) / u->sched : NAN;
    }

    /* Each component's centre and spread across the agents with enough days. */
    double centre[C_N], scale[C_N];
    double *cm = xmalloc(sizeof *cm * (size_t)(nagents ? nagents : 1));
    for (int c = 0; c < C_N; c++) {
        size_t m = 0;
        for (int g = 0; g < nagents; g++)
            if (out[g].days >= min_days && isfinite(cv[g][c]) && isfinite(cse[g][c]))
                cm[m++] = cv[g][c];
        centre[c] = median(cm, m);
        for (size_t i = 0; i < m; i++)
            cm[i] = fabs(cm[i] - centre[c]);
        scale[c] = m >= 5 ? 1.4826 * median(cm, m) : NAN;
        if (m >= 5 && !(scale[c] > 1e-12)) {
            /* Over half the agents exactly at the middle (adherence of 1):
             * the standard deviation, so the few apart still count. */
            double ss = 0;
            for (size_t i = 0; i < m; i++)
                ss += cm[i] * cm[i];
            scale[c] = sqrt(ss / (double)(m - 1));
        }
        if (!(scale[c] > 1e-12))
            scale[c] = NAN;
    }
    double wt[C_N] = { w->cpd, w->fcr, w->qa, w->adherence };

    for (int g = 0; g < nagents; g++) {
        AgentScore *o = &out[g];
        const Sums *u = &sm[g];
        int bq = 0, bs = 0;
        o->agent = g;
        for (int q = 1; q < NQ; q++)
            if (qcount[g][q] > qcount[g][bq])
                bq = q;
        for (int sk = 1; sk < SK_COUNT; sk++)
            if (scount[g][sk] > scount[g][bs])
                bs = sk;
        o->queue = bq, o->shift = bs, o->tenure = tenure ? tenure[g] : 1;
        o->group = (bq * SK_COUNT + bs) * 3 + o->tenure;
        double calls = o->cpd, handling = o->talk_pc + o->hold_pc + o->acw_share;
        o->acw_share = handling > 0 ? o->acw_share / handling : NAN;
        o->talk_pc = calls > 0 ? o->talk_pc / calls : NAN;
        o->hold_pc = calls > 0 ? o->hold_pc / calls : NAN;
        o->fcr = u->hres > 0 ? u->res / u->hres : NAN;
        o->transfer_rate = calls > 0 ? o->transfer_rate / calls : NAN;
        o->qa = u->nqa ? u->qa / u->nqa : NAN;
        o->remote_share = o->days ? o->remote_share / o->days : 0;
        o->cph = o->avail_h > 0 ? calls / o->avail_h : NAN;
        o->cpd = o->days ? calls / o->days : 0;
        o->peer_cpd = o->days ? u->e / o->days : 0;
        o->productivity = u->e > 0 ? u->h / u->e : NAN;
        o->acw_ratio = u->eacw > 0 ? u->acw / u->eacw : NAN;
        o->fcr_diff = cv[g][C_FCR];
        o->qa_diff = cv[g][C_QA];
        o->adherence = cv[g][C_ADH];
        if (o->days < min_days) {
            o->raw = o->composite = 0;
            o->se = INFINITY, o->lo = -INFINITY, o->hi = INFINITY;
            continue;
        }
        double wsum = 0, raw = 0, var = 0;
        for (int c = 0; c < C_N; c++) {
            if (!(wt[c] > 0) || !isfinite(cv[g][c]) || !isfinite(cse[g][c]) || !isfinite(scale[c]))
                continue;
            wsum += wt[c];
            raw += wt[c] * (cv[g][c] - centre[c]) / scale[c];
            var += (wt[c] / scale[c]) * (wt[c] / scale[c]) * cse[g][c] * cse[g][c];
        }
        /* Weights of the components an agent lacks are shared out. */
        o->raw = wsum > 0 ? raw / wsum : 0;
        o->se = wsum > 0 ? sqrt(var) / wsum : INFINITY;
        scored++;
    }

    /* Empirical Bayes: each agent is pulled toward the middle (0: after the
     * date x shift x queue normalisation every peer group's middle is the
     * common middle, without the noise of a group's own median) as far as
     * his noise says; tau^2 is the spread of true scores. */
    size_t m = 0;
    double sv = 0, s2 = 0, sse = 0;
    for (int g = 0; g < nagents; g++)
        if (out[g].days >= min_days && isfinite(out[g].se))
            sv += out[g].raw, s2 += out[g].raw * out[g].raw, sse += out[g].se * out[g].se, m++;
    double tau2 = m > 1 ? fmax((s2 - sv * sv / m) / (m - 1) - sse / m, 1e-6) : 1;
    for (int g = 0; g < nagents; g++) {
        AgentScore *o = &out[g];
        if (o->days < min_days || !isfinite(o->se))
            continue;
        double b = tau2 / (tau2 + o->se * o->se);
        o->composite = b * o->raw;
        double post = sqrt(b) * o->se;
        o->lo = o->composite - 1.96 * post;
        o->hi = o->composite + 1.96 * post;
    }
    free(cm), free(cv), free(cse), free(res2), free(sm);
    free(k), free(expected), free(av), free(qcount), free(scount);
    return scored;
}

/* The share-quantile of the composites of scored agents matching a->queue,
 * a->shift and a->tenure as far as level says (0 all three, 1 queue and
 * shift, 2 shift); NAN with fewer than 5. */
static double threshold_at(const AgentScore *s, int nagents, const AgentScore *a, int level, double share,
                           int min_days)
{
    double *v = xmalloc(sizeof *v * (size_t)(nagents ? nagents : 1));
    size_t m = 0;
    for (int i = 0; i < nagents; i++) {
        const AgentScore *x = &s[i];
        if (x->days < min_days || !isfinite(x->se) || x->shift != a->shift || (level < 2 && x->queue != a->queue) ||
            (level < 1 && x->tenure != a->tenure))
            continue;
        v[m++] = x->composite;
    }
    double t = m >= 5 ? stats_quantile(v, m, share) : NAN;
    free(v);
    return t;
}

double score_peer_threshold(const AgentScore *s, int nagents, const AgentScore *a, double share, int min_days,
                            int *level)
{
    for (int l = 0; l < 3; l++) {
        double t = threshold_at(s, nagents, a, l, share, min_days);
        if (isfinite(t)) {
            *level = l;
            return t;
        }
    }
    *level = 3;
    return NAN;
}

static double peer_median(const AgentScore *a, const AgentScore *all, int nagents, size_t off)
{
    double *v = xmalloc(sizeof *v * (size_t)(nagents ? nagents : 1));
    size_t m = 0;
    for (int i = 0; i < nagents; i++) {
        double x = *(const double *)((const char *)&all[i] + off);
        if (all[i].queue == a->queue && all[i].shift == a->shift && all[i].days > 0 && isfinite(x))
            v[m++] = x;
    }
    double r = median(v, m);
    free(v);
    return r;
}

void score_reasons(const AgentScore *a, const AgentScore *all, int nagents, char *buf, size_t cap)
{
    size_t n = 0;
    double pt = peer_median(a, all, nagents, offsetof(AgentScore, talk_pc));
    n += (size_t)snprintf(buf + n, cap - n, "CPD %.0f per day against %.0f for peers on the same days, shifts and queue (%+.0f%%)",
                          a->cpd, a->peer_cpd, 100 * (a->productivity - 1));
    if (n < cap && isfinite(a->acw_ratio))
        n += (size_t)snprintf(buf + n, cap - n, a->acw_ratio > 1.2 || a->acw_ratio < 0.83
                                                    ? "; after-call work %.1f times the peers'"
                                                    : "; after-call work normal (%.2f times the peers')",
                              a->acw_ratio);
    if (n < cap && isfinite(pt) && pt > 0 && isfinite(a->talk_pc)) {
        double r = a->talk_pc / pt - 1;
        n += (size_t)snprintf(buf + n, cap - n, fabs(r) <= 0.1 ? "; talk time per call normal (%+.0f%%)"
                                                              : "; talk time per call %+.0f%% against the peers'",
                              100 * r);
    }
    if (n < cap && isfinite(a->fcr_diff) && fabs(a->fcr_diff) >= 0.03)
        n += (size_t)snprintf(buf + n, cap - n, "; first-contact resolution %+.0f points", 100 * a->fcr_diff);
    if (n < cap && isfinite(a->qa_diff) && fabs(a->qa_diff) >= 3)
        n += (size_t)snprintf(buf + n, cap - n, "; QA %+.1f points", a->qa_diff);
    double pa = peer_median(a, all, nagents, offsetof(AgentScore, adherence));
    if (n < cap && isfinite(a->adherence) && isfinite(pa) && a->adherence < pa - 0.03)
        snprintf(buf + n, cap - n, "; logged in %.0f%% of rostered time against %.0f%% for peers", 100 * a->adherence,
                 100 * pa);
}
