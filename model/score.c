#include "score.h"
#include "../core/alloc.h"
#include "../core/stats.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_PROD, C_FCR, C_QA, C_ADH, C_N };

/* The k-th smallest of v[0..n) (k < n), v reordered so that nothing
 * before k is larger and nothing after it smaller (selection, in place:
 * the scores of 10,000 agents need no sort). */
static double kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j], v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return v[k];
}

/* As stats_quantile (the same interpolation between neighbours), by
 * selection; NAN when n == 0. */
static double quantile(double *v, size_t n, double p)
{
    if (!n)
        return NAN;
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    if (lo >= n)
        lo = n - 1;
    double x = kth(v, n, lo);
    if (lo + 1 >= n)
        return x;
    double y = v[lo + 1];
    for (size_t i = lo + 2; i < n; i++)
        y = v[i] < y ? v[i] : y;
    return x + (pos - (double)lo) * (y - x);
}

/* Median of v[0..n) (reordered), as stats_median; NAN when n == 0. */
static double median(double *v, size_t n)
{
    if (!n)
        return NAN;
    double a = kth(v, n, n / 2);
    if (n % 2)
        return a;
    double b = v[0];
    for (size_t i = 1; i < n / 2; i++)
        b = v[i] > b ? v[i] : b;
    return (b + a) / 2;
}

static double avail_h(const PerfRec *r)
{
    double s = r->logged_s - (r->break_s > 0 ? r->break_s : 0) - (r->meeting_s > 0 ? r->meeting_s : 0) -
               (r->training_s > 0 ? r->training_s : 0);
    return s / 3600;
}

#define NQ 64  /* queues and shift kinds are small indexes */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static double handling_s(const PerfRec *x)
{
    return x->talk_s + x->hold_s + x->acw_s;
}

/* A record the scores read: more than a quarter of an hour available, and
 * an agent, a queue and a shift kind in range. */
static int rec_ok(const PerfRec *x, double avail, int nagents)
{
    return avail > 0.25 && x->agent >= 0 && x->agent < nagents && x->queue >= 0 && x->queue < NQ && x->shift >= 0 &&
           x->shift < SK_COUNT;
}

/* A record's block: (date x shift kind x queue) x place, the date its
 * offset from dmin, or its rank among days[0..ndays) when given. */
static size_t block_of(const PerfRec *x, int remote_peers, const int *days, size_t ndays, int dmin, int nq)
{
    size_t d;
    if (days) {
        size_t lo = 0, hi = ndays - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (days[mid] < x->day)
                lo = mid + 1;
            else
                hi = mid;
        }
        d = lo;
    } else
        d = (size_t)((long long)x->day - dmin);
    return ((d * SK_COUNT + (size_t)x->shift) * (size_t)nq + (size_t)x->queue) * 2 +
           (size_t)(remote_peers && x->remote > 0);
}

int score_compute(const PerfRec *r, size_t n, int nagents, const int *tenure, const ScoreWeights *w,
                  int min_days, AgentScore *out)
{
    ScoreOpts o = { *w, min_days, 0, NULL };
    return score_compute_opts(r, n, nagents, tenure, &o, out);
}

/* Pooled sums of a block of records. */
typedef struct Pool {
    double h, av, t, acw, res, hres;
    double asq;                             /* the agents' squared available hours in it, each agent's summed */
} Pool;

/* An agent's own share of a period pool (key: (place x SK_COUNT + shift
 * kind) x NQ + queue, plus 1; 0 an empty slot), so that a reference drawn
 * from the pool leaves him out.  OWN_SLOTS pools per agent are kept: an
 * agent in more (places x shift kinds x queues within one period) is left
 * in the others' pools. */
enum { OWN_SLOTS = 4 };
typedef struct Own {
    int key;
    double h, av, t;
} Own;

static Own *own_slot(Own *s, int key, int claim)
{
    for (int k = 0; k < OWN_SLOTS; k++) {
        if (s[k].key == key)
            return &s[k];
        if (s[k].key == 0) {
            if (!claim)
                return NULL;
            s[k].key = key;
            return &s[k];
        }
    }
    return NULL;
}

int score_compute_opts(const PerfRec *r, size_t n, int nagents, const int *tenure, const ScoreOpts *opt,
                       AgentScore *out)
{
    const ScoreWeights *w = &opt->w;
    int min_days = opt->min_days;
    int (*scount)[SK_COUNT] = xcalloc((size_t)nagents, sizeof *scount);
    Own (*own)[OWN_SLOTS] = xcalloc((size_t)(nagents ? nagents : 1), sizeof *own);
    int scored = 0;

    memset(out, 0, sizeof *out * (size_t)nagents);

    /* Peers' pooled rates over the period, by (remote x) shift kind x
     * queue: calls per available hour, handling time per call, ACW,
     * first-contact resolution; QA by queue.  Pooled (sums over sums), so no
     * median-of-counts bias that would differ between busy and quiet shifts. */
    Pool (*pp)[SK_COUNT][NQ] = xcalloc(2, sizeof *pp);
    double pqa[NQ] = { 0 }, nqa[NQ] = { 0 };
    int dmin = 0, dmax = -1, nq = 1, nvalid = 0;
    /* No array per record: each pass reads the record again and works out
     * what it needs (the passes over 10,000 agents' year are bound by
     * memory, and fresh arrays of records' size cost their pages each call). */
    for (size_t i = 0; i < n; i++) {
        const PerfRec *x = &r[i];
        double avi = avail_h(x);
        if (!rec_ok(x, avi, nagents))
            continue;
        int rm = opt->remote_peers && x->remote > 0;
        if (nvalid++ == 0 || x->day < dmin)
            dmin = x->day;
        if (nvalid == 1 || x->day > dmax)
            dmax = x->day;
        if (x->queue + 1 > nq)
            nq = x->queue + 1;
        Pool *p = &pp[rm][x->shift][x->queue];
        p->h += x->handled, p->av += avi, p->t += handling_s(x), p->acw += x->acw_s;
        Own *me = own_slot(own[x->agent], (rm * SK_COUNT + x->shift) * NQ + x->queue + 1, 1);
        if (me)
            me->h += x->handled, me->av += avi, me->t += handling_s(x);
        else  /* beyond his slots: counted as if each day another agent's */
            p->asq += avi * avi;
        if (isfinite(x->resolved_first))
            p->res += x->resolved_first, p->hres += x->handled;
        if (isfinite(x->qa))
            pqa[x->queue] += x->qa, nqa[x->queue]++;
    }

    for (int g = 0; g < nagents; g++)
        for (int k = 0; k < OWN_SLOTS && own[g][k].key; k++) {
            int key = own[g][k].key - 1;
            pp[key / NQ / SK_COUNT][key / NQ % SK_COUNT][key % NQ].asq += own[g][k].av * own[g][k].av;
        }

    /* Blocks: a table over the days (their ranks among the days present
     * when they span too far). */
    size_t per = (size_t)SK_COUNT * (size_t)nq * 2, ndays = nvalid ? (size_t)((long long)dmax - dmin + 1) : 1;
    int *days = NULL;
    if (ndays * per > ((size_t)1 << 24)) {
        size_t m = 0;
        days = xmalloc(sizeof *days * (size_t)nvalid);
        for (size_t i = 0; i < n; i++)
            if (rec_ok(&r[i], avail_h(&r[i]), nagents))
                days[m++] = r[i].day;
        qsort(days, m, sizeof *days, cmp_int);
        size_t u = 0;
        for (size_t i = 0; i < m; i++)
            if (u == 0 || days[i] != days[u - 1])
                days[u++] = days[i];
        ndays = u;
    }
    size_t nb = ndays * per;
    int *qcount = xcalloc((size_t)nagents * (size_t)nq, sizeof *qcount);   /* agent x queue: days */
    /* Each block's sums side by side (one cache line per record's look-up):
     * calls, available hours, handling time, squared available hours. */
    typedef struct Blk {
        double h, av, ht, sq;
    } Blk;
    Blk *bk = xcalloc(nb ? nb : 1, sizeof *bk);
    int *bn = xcalloc(nb ? nb : 1, sizeof *bn);
    for (size_t i = 0; i < n; i++) {
        const PerfRec *x = &r[i];
        double avi = avail_h(x);
        if (!rec_ok(x, avi, nagents))
            continue;
        size_t b = block_of(x, opt->remote_peers, days, ndays, dmin, nq);
        bk[b].h += x->handled, bk[b].av += avi, bk[b].ht += handling_s(x), bn[b]++;
        bk[b].sq += avi * avi;
    }

    /* Expected calls: the pooled calls per available hour of the other
     * agents on the same date, shift kind and queue (and place, with
     * remote_peers), times the agent's available hours; expected handling
     * time: his calls times their pooled handling time per call; and their
     * occupancy.  Where fewer than 3 others shared that block, the others'
     * over the period (same place, shift kind and queue).  Never his own
     * records: in a block of five, an agent 20% slower than the other four
     * would pull his reference a fifth of the way toward himself and look
     * 15% slower (a remote night, a small queue); and where the period's
     * pool stands in, his reference is as many agents as it holds, not
     * as many agent-days. */

    /* Per agent: observed and expected sums of each component. */
    typedef struct Sums {
        double h, e, acw, eacw, res, eres, hres, qa, qa2, adh, sched, t, eh, rhoe, ref;
        int nqa;
    } Sums;
    Sums *sm = xcalloc((size_t)nagents, sizeof *sm);
    /* Second moments for the residuals' variances: p over (calls, expected
     * calls, expected handling, handling) (upper triangle); FCR over
     * (resolved, calls x the pool's rate, calls); adherence over (logged
     * within the roster, rostered). */
    typedef struct Moments {
        double p[4][4];
        double rr, rp, rh, pp, ph, hh;
        double mm, ms, ss;
    } Moments;
    Moments *mo = xcalloc((size_t)nagents, sizeof *mo);
    for (size_t i = 0; i < n; i++) {
        const PerfRec *x = &r[i];
        double avi = avail_h(x);
        if (!rec_ok(x, avi, nagents))
            continue;
        int g = x->agent;
        if (opt->from_day && x->day < opt->from_day[g])
            continue;
        Sums *u = &sm[g];
        AgentScore *o = &out[g];
        size_t b = block_of(x, opt->remote_peers, days, ndays, dmin, nq);
        const Pool *p = &pp[b % 2][x->shift][x->queue];
        const Blk *B = &bk[b];
        double ti = handling_s(x);
        double oh = B->h - x->handled, oav = B->av - avi, oht = B->ht - ti, osq = B->sq - avi * avi;
        if (bn[b] < 4 || !(oav > 1e-9 * B->av) || !(oh > 1e-9 * B->h)) {
            const Own *me = own_slot(own[g], ((int)(b % 2) * SK_COUNT + x->shift) * NQ + x->queue + 1, 0);
            /* the others' concentration by agent, not by agent-day: a pool of
             * 80 days of 4 agents is a reference of 4 */
            oh = p->h, oav = p->av, oht = p->t, osq = p->asq - (me ? me->av * me->av : avi * avi);
            if (me)
                oh -= me->h, oav -= me->av, oht -= me->t;
            if (!(oav > 1e-9 * p->av))
                oav = 0;
            if (!(oh > 1e-9 * p->h))
                oh = 0;
        }
        double occ = oav > 0 ? fmin(1, oht / (3600 * oav)) : 0, rho = occ * occ;  /* see below */
        double expected = oav > 0 ? oh / oav * avi : 0, eh = oh > 0 ? x->handled * oht / oh : NAN;
        o->days++;
        o->avail_h += avi;
        o->talk_pc += x->talk_s, o->hold_pc += x->hold_s, o->acw_share += x->acw_s;
        o->cpd += x->handled;
        o->remote_share += x->remote > 0;
        qcount[(size_t)g * (size_t)nq + (size_t)x->queue]++;
        scount[g][x->shift]++;
        u->h += x->handled, u->e += expected, u->rhoe += rho * expected;
        if (oav > 0)  /* the other agents' squared shares of the block his expected comes from */
            u->ref += expected * fmax(osq, 0) / (oav * oav);
        Moments *q = &mo[g];
        double v[4] = { x->handled, expected, 0, 0 };
        if (x->handled > 0 && isfinite(eh))
            u->t += ti, u->eh += eh, v[2] = eh, v[3] = ti;
        for (int j = 0; j < 4; j++)
            for (int k = j; k < 4; k++)
                q->p[j][k] += v[j] * v[k];
        if (p->h > 0)  /* after-call work per call, against the peers' */
            u->acw += x->acw_s, u->eacw += x->handled * p->acw / p->h;
        if (isfinite(x->resolved_first) && p->hres > 0) {
            double hp = x->handled * p->res / p->hres;
            u->res += x->resolved_first, u->hres += x->handled;
            u->eres += hp;
            q->rr += x->resolved_first * x->resolved_first, q->rp += x->resolved_first * hp;
            q->rh += x->resolved_first * x->handled, q->pp += hp * hp, q->ph += hp * x->handled;
            q->hh += x->handled * x->handled;
        }
        if (isfinite(x->qa) && nqa[x->queue] > 0) {
            double d = x->qa - pqa[x->queue] / nqa[x->queue];
            u->qa += d, u->qa2 += d * d, u->nqa++;
        }
        if (isfinite(x->transfers))
            o->transfer_rate += x->transfers;
        if (x->sched_s > 0) {
            double mn = fmin(x->logged_s, x->sched_s);
            u->adh += mn, u->sched += x->sched_s;
            q->mm += mn * mn, q->ms += mn * x->sched_s, q->ss += x->sched_s * x->sched_s;
        }
    }
    /* Productivity: calls against the expected where the peers were busy
     * (occupancy rho: a slower agent loses calls), handling time per call
     * against the peers' where they were idle (calls come anyway, a slower
     * agent only stays busy longer):
     *   rho log(calls / expected) + (1 - rho) log(peers' handling / his),
     * rho the square of the peers' occupancy over his days (the share of a
     * slower agent's extra handling time that costs calls grows steeply
     * with occupancy: at 0.3, a slow agent still finds every call, and his
     * fuller hours would cancel his slowness).  log(calls / expected) is
     * log(occupancy ratio) - log(handling time ratio), so handling time
     * counts once, whatever rho.  Standard errors of both ratio estimators
     * from the days' residuals. */
    double (*cv)[C_N] = xcalloc((size_t)nagents, sizeof *cv), (*cse)[C_N] = xcalloc((size_t)nagents, sizeof *cse);
    double (*res2)[3] = xcalloc((size_t)nagents, sizeof *res2);
    for (int g = 0; g < nagents; g++) {
        /* The residuals' sums of squares from the second moments gathered
         * above (one pass less over the records): each residual is linear
         * in a record's quantities with the agent's constants. */
        const Sums *u = &sm[g];
        const Moments *q = &mo[g];
        if (u->e > 0 && u->h > 0) {
            double rb = u->rhoe / u->e, c[4] = { rb / u->h, -rb * (u->h / u->e) / u->h, 0, 0 };
            if (u->t > 0 && u->eh > 0)
                c[2] = (1 - rb) / u->eh, c[3] = -(1 - rb) * (u->eh / u->t) / u->eh;
            double v = 0;
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    v += c[i] * c[j] * q->p[i < j ? i : j][i < j ? j : i];
            res2[g][0] = fmax(v, 0);
        }
        if (u->hres > 0) {
            double cc = (u->res - u->eres) / u->hres;
            /* d = res - hp - cc h */
            double v = q->rr + q->pp + cc * cc * q->hh - 2 * q->rp - 2 * cc * q->rh + 2 * cc * q->ph;
            res2[g][1] = fmax(v, 0);
        }
        if (u->sched > 0) {
            double R = u->adh / u->sched;
            res2[g][2] = fmax(q->mm - 2 * R * q->ms + R * R * q->ss, 0);
        }
    }
    free(mo);
    for (int g = 0; g < nagents; g++) {
        const Sums *u = &sm[g];
        AgentScore *o = &out[g];
        double rb = u->e > 0 ? u->rhoe / u->e : 1;
        o->occ_weight = u->e > 0 ? rb : NAN;
        o->peer_conc = u->e > 0 ? u->ref / u->e : NAN;
        o->aht_ratio = u->eh > 0 && u->t > 0 ? u->t / u->eh : NAN;
        if (u->e > 0 && u->h > 0)
            o->speed_part = rb * log(u->h / u->e) + (u->t > 0 && u->eh > 0 ? (1 - rb) * log(u->eh / u->t) : 0);
        else
            o->speed_part = NAN;
        cv[g][C_PROD] = o->speed_part;
        cse[g][C_PROD] = u->e > 0 && u->h > 0 ? sqrt(res2[g][0]) : NAN;
        o->speed_se = cse[g][C_PROD];
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
    double *nraw = xcalloc((size_t)(nagents ? nagents : 1), sizeof *nraw), *nse = xcalloc((size_t)(nagents ? nagents : 1), sizeof *nse);

    for (int g = 0; g < nagents; g++) {
        AgentScore *o = &out[g];
        const Sums *u = &sm[g];
        int bq = 0, bs = 0;
        o->agent = g;
        for (int q = 1; q < nq; q++)
            if (qcount[(size_t)g * (size_t)nq + (size_t)q] > qcount[(size_t)g * (size_t)nq + (size_t)bq])
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
            o->raw = o->composite = o->nf_composite = 0;
            o->se = INFINITY, o->lo = o->nf_lo = -INFINITY, o->hi = o->nf_hi = INFINITY;
            continue;
        }
        /* The composite, and the same without first-contact resolution. */
        for (int pass = 0; pass < 2; pass++) {
            double wsum = 0, raw = 0, var = 0;
            for (int c = 0; c < C_N; c++) {
                if (!(wt[c] > 0) || (pass && c == C_FCR) || !isfinite(cv[g][c]) || !isfinite(cse[g][c]) ||
                    !isfinite(scale[c]))
                    continue;
                wsum += wt[c];
                raw += wt[c] * (cv[g][c] - centre[c]) / scale[c];
                var += (wt[c] / scale[c]) * (wt[c] / scale[c]) * cse[g][c] * cse[g][c];
            }
            /* Weights of the components an agent lacks are shared out. */
            if (pass == 0) {
                o->raw = wsum > 0 ? raw / wsum : 0;
                o->se = wsum > 0 ? sqrt(var) / wsum : INFINITY;
            } else {
                nraw[g] = wsum > 0 ? raw / wsum : 0;
                nse[g] = wsum > 0 ? sqrt(var) / wsum : INFINITY;
            }
        }
        scored++;
    }

    /* Empirical Bayes: each agent is pulled toward the middle (0: after the
     * date x shift x queue normalisation every peer group's middle is the
     * common middle, without the noise of a group's own median) as far as
     * his noise says; tau^2 is the spread of true scores. */
    for (int pass = 0; pass < 2; pass++) {
        size_t m = 0;
        double sv = 0, s2 = 0, sse = 0;
        for (int g = 0; g < nagents; g++) {
            double x = pass ? nraw[g] : out[g].raw, e = pass ? nse[g] : out[g].se;
            if (out[g].days >= min_days && isfinite(e))
                sv += x, s2 += x * x, sse += e * e, m++;
        }
        double tau2 = m > 1 ? fmax((s2 - sv * sv / m) / (m - 1) - sse / m, 1e-6) : 1;
        for (int g = 0; g < nagents; g++) {
            AgentScore *o = &out[g];
            double x = pass ? nraw[g] : o->raw, e = pass ? nse[g] : o->se;
            if (o->days < min_days || !isfinite(e)) {
                if (pass && o->days >= min_days)
                    o->nf_composite = 0, o->nf_lo = -INFINITY, o->nf_hi = INFINITY;
                continue;
            }
            double b = tau2 / (tau2 + e * e), post = sqrt(b) * e;
            if (pass == 0) {
                o->composite = b * x;
                o->lo = o->composite - 1.96 * post;
                o->hi = o->composite + 1.96 * post;
            } else {
                o->nf_composite = b * x;
                o->nf_lo = o->nf_composite - 1.96 * post;
                o->nf_hi = o->nf_composite + 1.96 * post;
            }
        }
    }
    free(cm), free(cv), free(cse), free(res2), free(sm), free(nraw), free(nse), free(pp);
    free(days), free(bk), free(bn), free(qcount), free(scount), free(own);
    return scored;
}

/* The share-quantile of the composites (nofcr: without FCR) of scored agents
 * matching a->queue, a->shift and a->tenure as far as level says (0 all
 * three, 1 queue and shift, 2 shift); NAN with fewer than min_group.
 * *size gets the number of agents. */
static double threshold_at(const AgentScore *s, int nagents, const AgentScore *a, int level, double share,
                           int min_days, int min_group, int nofcr, int *size)
{
    double *v = xmalloc(sizeof *v * (size_t)(nagents ? nagents : 1));
    size_t m = 0;
    for (int i = 0; i < nagents; i++) {
        const AgentScore *x = &s[i];
        if (x->days < min_days || !isfinite(x->se) || x->shift != a->shift || (level < 2 && x->queue != a->queue) ||
            (level < 1 && x->tenure != a->tenure))
            continue;
        v[m++] = nofcr ? x->nf_composite : x->composite;
    }
    *size = (int)m;
    double t = m >= (size_t)(min_group > 1 ? min_group : 1) ? quantile(v, m, share) : NAN;
    free(v);
    return t;
}

double score_peer_line(const AgentScore *s, int nagents, const AgentScore *a, double share, int min_days,
                       int min_group, int nofcr, int *level, int *size)
{
    for (int l = 0; l < 3; l++) {
        double t = threshold_at(s, nagents, a, l, share, min_days, min_group, nofcr, size);
        if (isfinite(t)) {
            *level = l;
            return t;
        }
    }
    *level = 3;
    return NAN;
}

double score_peer_threshold(const AgentScore *s, int nagents, const AgentScore *a, double share, int min_days,
                            int *level)
{
    int size;
    return score_peer_line(s, nagents, a, share, min_days, 5, 0, level, &size);
}

void score_months_free(ScoreMonths *m)
{
    free(m->ms), free(m->all), free(m->flag), free(m->grace), free(m->line), free(m->level), free(m->gsize);
    if (m->hist != m->win)
        free(m->hist);
    free(m->lp_months), free(m->win), free(m->win_cline);
    memset(m, 0, sizeof *m);
}

/* The standard normal p-quantile, by bisection on erfc (p in (0, 1)). */
static double norm_quantile(double p)
{
    double lo = -10, hi = 10;
    for (int i = 0; i < 80; i++) {
        double mid = (lo + hi) / 2;
        if (0.5 * erfc(-mid / sqrt(2)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/* The agents' true spread of a measure x with squared standard errors e,
 * robustly: (1.4826 MAD)^2 less the median squared error (both reordered);
 * 0 when noise explains it all or m < 5.  *se gets its standard error:
 * 1.4826 MAD estimates a normal spread s with variance 1.36 s^2 / m (its
 * efficiency is 37%), and tau = sqrt(s^2 - noise) moves s / tau as fast. */
static double true_spread(double *x, double *e, size_t m, double *se)
{
    *se = 0;
    if (m < 5)
        return 0;
    double mid = median(x, m);
    for (size_t i = 0; i < m; i++)
        x[i] = fabs(x[i] - mid);
    double mad = 1.4826 * median(x, m), tau2 = mad * mad - median(e, m);
    if (!(tau2 > 0))
        return 0;
    *se = mad / sqrt(tau2) * mad * sqrt(1.3605 / (double)m);
    return sqrt(tau2);
}

/* Which: 0 productivity's log (the slowness line: slow_spread true spreads,
 * never nearer than log(1 - slow_gap); 0 when both are 0), 1 the
 * composite, 2 the composite without FCR (-slow_spread true spreads: the
 * floor of the composite line).  Over the agents with min_days. */
static double spread_line(const AgentScore *sc, int nagents, int min_days, const ScoreRule *rule, int which,
                          double *tau_out, double *line_se)
{
    if (tau_out)
        *tau_out = 0;
    if (line_se)
        *line_se = 0;
    double line = which == 0 && rule->slow_gap > 0 ? log(1 - rule->slow_gap) : 0;
    if (!(rule->slow_spread > 0))
        return which == 0 ? line : INFINITY;
    double *v = xmalloc(sizeof *v * (size_t)(nagents ? nagents : 1)), *e = xmalloc(sizeof *e * (size_t)(nagents ? nagents : 1));
    size_t m = 0;
    for (int a = 0; a < nagents; a++) {
        const AgentScore *x = &sc[a];
        if (x->days < min_days)
            continue;
        double val = which == 0 ? x->speed_part : which == 1 ? x->composite : x->nf_composite;
        double hi = which == 0 ? val + 1.959964 * x->speed_se : which == 1 ? x->hi : x->nf_hi;
        double se = (hi - val) / 1.959964;
        if (isfinite(val) && isfinite(se))
            v[m] = val, e[m] = se * se, m++;
    }
    double tau_se, tau = true_spread(v, e, m, &tau_se);
    free(v), free(e);
    if (tau_out)
        *tau_out = tau;
    if (tau > 0 && -rule->slow_spread * tau < line) {
        line = -rule->slow_spread * tau;
        if (line_se)  /* the line is an estimate too: slow_spread times tau's error */
            *line_se = rule->slow_spread * tau_se;
    }
    return which == 0 ? line : tau > 0 ? line : INFINITY;
}

/* The composite line of each agent's peer group in the scores sc[0..nagents)
 * (line[a]; NAN where none): the group's bottom share, and never above
 * slow_spread true spreads below the middle (so precise scores do not flag
 * a tenth of every group); where FCR alone may not flag, nline[a] the same
 * for the composite without FCR (else NAN); level[a] and size[a] the group
 * used (3 and 0 for none; either may be NULL).  Each group's line is drawn
 * once. */
static void composite_lines(const AgentScore *sc, int nagents, const ScoreRule *rule, double *line, double *nline,
                            int *level, int *size)
{
    int min_days = rule->opts.min_days;
    double cfloor = spread_line(sc, nagents, min_days, rule, 1, NULL, NULL);
    double nfloor = rule->fcr_can_flag ? INFINITY : spread_line(sc, nagents, min_days, rule, 2, NULL, NULL);
    double *gline = xmalloc(sizeof *gline * SCORE_MAX_GROUPS), *gnline = xmalloc(sizeof *gnline * SCORE_MAX_GROUPS);
    int *glevel = xmalloc(sizeof *glevel * SCORE_MAX_GROUPS), *gsz = xmalloc(sizeof *gsz * SCORE_MAX_GROUPS);
    unsigned char *gdone = xcalloc(SCORE_MAX_GROUPS, 1);
    for (int a = 0; a < nagents; a++) {
        int g = sc[a].group, lv, sz;
        line[a] = nline[a] = NAN;
        if (level)
            level[a] = 3;
        if (size)
            size[a] = 0;
        if (g < 0 || g >= SCORE_MAX_GROUPS)
            continue;
        if (!gdone[g]) {
            gline[g] = score_peer_line(sc, nagents, &sc[a], rule->bottom_share, min_days, rule->min_group, 0,
                                       &glevel[g], &gsz[g]);
            gnline[g] = rule->fcr_can_flag ? NAN
                                           : score_peer_line(sc, nagents, &sc[a], rule->bottom_share, min_days,
                                                             rule->min_group, 1, &lv, &sz);
            gdone[g] = 1;
        }
        line[a] = isfinite(gline[g]) ? fmin(gline[g], cfloor) : NAN;
        nline[a] = isfinite(gnline[g]) ? fmin(gnline[g], nfloor) : NAN;
        if (level)
            level[a] = glevel[g];
        if (size)
            size[a] = gsz[g];
    }
    free(gline), free(gnline), free(glevel), free(gsz), free(gdone);
}

/* The composite line's test: the whole band below the line (and, where
 * FCR alone may not flag, the band without FCR below its own line). */
static int band_below(const AgentScore *x, double line, double nline, int fcr_can_flag)
{
    return isfinite(line) && x->hi < line && (fcr_can_flag || (isfinite(nline) && x->nf_hi < nline));
}

/* A new hire's grace never counts toward a flag: over months k0 ..
 * nmonths - 1 as a whole his own days in it are not in his measure either
 * (he is still learning; his calls stay in his peers' references).  Per
 * agent the first day to read (INT_MIN: all), or NULL when nobody is in a
 * grace there. */
static int *grace_from(const unsigned char *grace, int k0, int nmonths, const int *mstart, int to, int nagents)
{
    size_t na = (size_t)nagents;
    int *from = NULL;
    for (int a = 0; a < nagents; a++)
        for (int k = k0; k < nmonths; k++)
            if (grace[(size_t)k * na + (size_t)a]) {
                if (!from) {
                    from = xmalloc(sizeof *from * na);
                    for (int b = 0; b < nagents; b++)
                        from[b] = INT_MIN;
                }
                from[a] = k + 1 < nmonths ? mstart[k + 1] : to + 1;
            }
    return from;
}

/* The slowness line over months scored as a whole (w), its standard error,
 * and each agent's reference error: his reference is his peers' pooled
 * rate, an average over a few agents whose own true speeds spread by tau,
 * so it is uncertain by tau / sqrt(effective peers) - nothing in a queue of
 * hundreds, a good part of the band in a queue of ten. */
static void whole_line(AgentScore *w, int nagents, const ScoreRule *rule, double *line, double *line_se)
{
    double tau;
    *line = spread_line(w, nagents, rule->opts.min_days, rule, 0, &tau, line_se);
    for (int a = 0; a < nagents && *line < 0; a++)
        w[a].ref_se = isfinite(w[a].peer_conc) ? tau * sqrt(w[a].peer_conc) : 0;
}

/* The scorings score_months needs (each month, the window, the history,
 * the whole period) are independent: two threads share them (the machine
 * the goal is set on has two cores; each scoring is bound by memory). */
typedef struct ScoreJob {
    const PerfRec *r;
    size_t n;
    ScoreOpts o;
    AgentScore *out;
} ScoreJob;

typedef struct ScoreJobs {
    ScoreJob *job;
    int njobs, next, nagents;
    const int *tenure;
    pthread_mutex_t mu;
} ScoreJobs;

static void *score_jobs_run(void *arg)
{
    ScoreJobs *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        int i = q->next++;
        pthread_mutex_unlock(&q->mu);
        if (i >= q->njobs)
            return NULL;
        score_compute_opts(q->job[i].r, q->job[i].n, q->nagents, q->tenure, &q->job[i].o, q->job[i].out);
    }
}

static void score_jobs(ScoreJobs *q)
{
    pthread_t th;
    pthread_mutex_init(&q->mu, NULL);
    int two = q->njobs > 1 && pthread_create(&th, NULL, score_jobs_run, q) == 0;
    score_jobs_run(q);
    if (two)
        pthread_join(th, NULL);
    pthread_mutex_destroy(&q->mu);
}

int score_months(const PerfRec *r, size_t n, int nagents, const int *tenure, const int *hire, const int *mstart,
                 int nmonths, int to, const ScoreRule *rule, ScoreMonths *out)
{
    size_t na = (size_t)nagents, cells = (size_t)nmonths * na;
    int min_days = rule->opts.min_days, nflag = 0;
    double zs = norm_quantile(rule->sure > 0 && rule->sure < 1 ? rule->sure : 0.9);
    memset(out, 0, sizeof *out);
    out->nagents = nagents, out->nmonths = nmonths;
    out->ms = xcalloc(cells ? cells : 1, sizeof *out->ms);
    out->all = xcalloc(na ? na : 1, sizeof *out->all);
    out->flag = xcalloc(cells ? cells : 1, 1);
    out->grace = xcalloc(cells ? cells : 1, 1);
    out->line = xcalloc(cells ? cells : 1, sizeof *out->line);
    out->level = xcalloc(cells ? cells : 1, sizeof *out->level);
    out->gsize = xcalloc(cells ? cells : 1, sizeof *out->gsize);
    out->lp_months = xcalloc(na ? na : 1, sizeof *out->lp_months);

    /* The records of each month, in one pass (counting sort by month). */
    size_t *cnt = xcalloc((size_t)nmonths + 1, sizeof *cnt);
    int *mk = xmalloc(sizeof *mk * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        int d = r[i].day, lo = 0, hi = nmonths - 1;
        if (nmonths == 0 || d < mstart[0] || d > to) {
            mk[i] = -1;
            continue;
        }
        while (lo < hi) {  /* the last month starting on or before d */
            int mid = (lo + hi + 1) / 2;
            if (mstart[mid] <= d)
                lo = mid;
            else
                hi = mid - 1;
        }
        mk[i] = lo;
        cnt[lo + 1]++;
    }
    for (int k = 0; k < nmonths; k++)
        cnt[k + 1] += cnt[k];
    /* Records in month order already (as read by date): each month is a
     * slice of r; else a copy sorted by month. */
    int inorder = 1;
    for (size_t i = 0; i < n && inorder; i++)
        inorder = mk[i] >= 0 && (i == 0 || mk[i] >= mk[i - 1]);
    PerfRec *sub = NULL;
    const PerfRec *src = r;
    if (!inorder) {
        sub = xmalloc(sizeof *sub * (n ? n : 1));
        size_t *at = xmalloc(sizeof *at * ((size_t)nmonths + 1));
        memcpy(at, cnt, sizeof *at * ((size_t)nmonths + 1));
        for (size_t i = 0; i < n; i++)
            if (mk[i] >= 0)
                sub[at[mk[i]]++] = r[i];
        free(at);
        src = sub;
    }

    /* New hires: the months that start before hire + grace_months. */
    for (int k = 0; k < nmonths; k++) {
        int next = k + 1 < nmonths ? mstart[k + 1] : to + 1;
        for (int a = 0; a < nagents; a++)
            out->grace[(size_t)k * na + (size_t)a] = hire && hire[a] >= 0 && rule->grace_months > 0 &&
                                                     mstart[k] < hire[a] + (int)lround(30.4375 * rule->grace_months) &&
                                                     next > hire[a];
    }
    /* The slowness line is judged over months as a whole (a month alone is
     * too noisy where calls are few): over the history (the last
     * history_months, at least the window) with the certainty asked, and
     * over the window his productivity must read below the window's line
     * too (he is slow now, not only before); then each month of the window
     * he worked (min_days, outside a grace) counts. */
    out->first_k = nmonths > rule->months_window ? nmonths - rule->months_window : 0;
    int hmonths = rule->history_months > rule->months_window ? rule->history_months : rule->months_window;
    out->hist_k = nmonths > hmonths ? nmonths - hmonths : 0;
    out->win = xcalloc(na ? na : 1, sizeof *out->win);
    out->hist = out->hist_k < out->first_k ? xcalloc(na ? na : 1, sizeof *out->hist) : out->win;
    out->win_cline = xcalloc(na ? na : 1, sizeof *out->win_cline);

    /* Every scoring: the whole period, the history, the window, each month. */
    ScoreJobs q;
    memset(&q, 0, sizeof q);
    q.job = xcalloc((size_t)nmonths + 3, sizeof *q.job);
    q.nagents = nagents, q.tenure = tenure;
    int *wfrom = NULL, *hfrom = NULL;
    q.job[q.njobs++] = (ScoreJob){ r, n, rule->opts, out->all };
    if (nmonths > 0) {
        if (out->hist != out->win) {
            hfrom = grace_from(out->grace, out->hist_k, nmonths, mstart, to, nagents);
            ScoreJob *j = &q.job[q.njobs++];
            *j = (ScoreJob){ src + cnt[out->hist_k], cnt[nmonths] - cnt[out->hist_k], rule->opts, out->hist };
            j->o.from_day = hfrom;
        }
        wfrom = grace_from(out->grace, out->first_k, nmonths, mstart, to, nagents);
        ScoreJob *j = &q.job[q.njobs++];
        *j = (ScoreJob){ src + cnt[out->first_k], cnt[nmonths] - cnt[out->first_k], rule->opts, out->win };
        j->o.from_day = wfrom;
    }
    for (int k = 0; k < nmonths; k++)
        q.job[q.njobs++] = (ScoreJob){ src + cnt[k], cnt[k + 1] - cnt[k], rule->opts, &out->ms[(size_t)k * na] };
    score_jobs(&q);
    free(q.job), free(wfrom), free(hfrom);

    double *nl = xmalloc(sizeof *nl * (na ? na : 1));
    for (int k = 0; k < nmonths; k++) {
        AgentScore *sc = &out->ms[(size_t)k * na];
        double *lines = &out->line[(size_t)k * na];
        composite_lines(sc, nagents, rule, lines, nl, &out->level[(size_t)k * na], &out->gsize[(size_t)k * na]);
        for (int a = 0; a < nagents; a++) {
            size_t c = (size_t)k * na + (size_t)a;
            /* The rule: enough days, the whole band below the group's line
             * (and, where FCR alone may not flag, the band without FCR
             * below its own line), outside the grace. */
            if (sc[a].days >= min_days && !out->grace[c] && band_below(&sc[a], lines[a], nl[a], rule->fcr_can_flag))
                out->flag[c] |= SCORE_LINE_COMPOSITE;
        }
    }
    if (nmonths > 0) {
        whole_line(out->win, nagents, rule, &out->win_line, &out->win_line_se);
        if (out->hist != out->win)
            whole_line(out->hist, nagents, rule, &out->hist_line, &out->hist_line_se);
        else
            out->hist_line = out->win_line, out->hist_line_se = out->win_line_se;
        /* The composite line's months count only where the window as a
         * whole agrees: its whole band below the line of his group drawn
         * over the window (three months of days narrow the band; a month's
         * noise twice over does not flag). */
        composite_lines(out->win, nagents, rule, out->win_cline, nl, NULL, NULL);
        for (int a = 0; a < nagents; a++) {
            if (band_below(&out->win[a], out->win_cline[a], nl[a], rule->fcr_can_flag))
                continue;
            for (int k = out->first_k; k < nmonths; k++)
                out->flag[(size_t)k * na + (size_t)a] &= (unsigned char)~SCORE_LINE_COMPOSITE;
        }
        for (int a = 0; a < nagents && out->hist_line < 0 && out->win_line < 0; a++) {
            const AgentScore *x = &out->hist[a], *w = &out->win[a];
            double se = sqrt(x->speed_se * x->speed_se + x->ref_se * x->ref_se + out->hist_line_se * out->hist_line_se);
            if (!(isfinite(x->speed_part) && isfinite(se) && x->speed_part + zs * se < out->hist_line &&
                  isfinite(w->speed_part) && w->speed_part < out->win_line))
                continue;
            for (int k = out->first_k; k < nmonths; k++) {
                size_t c = (size_t)k * na + (size_t)a;
                if (out->ms[c].days >= min_days && !out->grace[c])
                    out->flag[c] |= SCORE_LINE_SLOW;
            }
        }
    }
    free(nl);
    free(sub), free(cnt), free(mk);
    for (int a = 0; a < nagents; a++) {
        int c = 0;
        for (int k = out->first_k; k < nmonths; k++)
            c += out->flag[(size_t)k * na + (size_t)a] != 0;
        out->lp_months[a] = c;
        nflag += c >= rule->months_flagged;
    }
    return nflag;
}
