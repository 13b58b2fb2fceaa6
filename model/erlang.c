#include "erlang.h"
#include "config.h"
#include "../core/alloc.h"

#include <float.h>
#include <stdlib.h>

double erlang_b(double a, int n)
{
    double b = 1;
    for (int k = 1; k <= n; k++)
        b = a * b / (k + a * b);
    return b;
}

static double logaddexp(double x, double y)
{
    if (x == -INFINITY)
        return y;
    if (y == -INFINITY)
        return x;
    return x > y ? x + log1p(exp(y - x)) : y + log1p(exp(x - y));
}

/* The Erlang A series for numerator c (lambda, or lambda e^{-theta t}):
 * t_k = prod_{i<=k} c / (nmu + i theta), t_0 = 1, summed in log space.
 *   q  = sum_{k>=0} t_k          q1 = sum_{k>=1} t_k
 *   kq = sum_k k t_k             w  = sum_k t_k nmu/(nmu+(k+1)theta) H_k,
 *   H_k = sum_{j=0..k} 1/(nmu+(j+1)theta)  (the ASA series of ERLANG.md) */
typedef struct Series {
    double q, q1, kq, w;
} Series;

#define SERIES_MAX_TERMS 50000000L

/* Summed in linear space; when the running term grows past 1e200 every
 * accumulator is scaled down by it and the scale kept as a logarithm, so
 * terms up to e^(700 x many) are fine without a log() per term. */
static void series(double c, double nmu, double theta, int extra, Series *out)
{
    double t = 1, q = 1, q1 = 0, kq = 0, w = 0, scale = 0;  /* values are x e^scale */
    double h = 1 / (nmu + theta);
    double peak = (c - nmu) / theta;
    const double tiny = 1e-17;

    if (extra && nmu > 0)
        w = nmu / (nmu + theta) * h;
    for (long k = 1; k < SERIES_MAX_TERMS; k++) {
        t *= c / (nmu + k * theta);
        q += t;
        q1 += t;
        if (extra) {
            kq += k * t;
            h += 1 / (nmu + (k + 1) * theta);
            if (nmu > 0)
                w += t * nmu / (nmu + (k + 1) * theta) * h;
        }
        if (t > 1e200) {
            scale += log(t);
            q /= t, q1 /= t, kq /= t, w /= t;
            t = 1;
        }
        if (k > peak && (k + 1) * t < tiny * q && (!extra || (k + 1) * t < tiny * kq))
            break;
    }
    out->q = log(q) + scale;
    out->q1 = q1 > 0 ? log(q1) + scale : -INFINITY;
    out->kq = kq > 0 ? log(kq) + scale : -INFINITY;
    out->w = w > 0 ? log(w) + scale : -INFINITY;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static int check_in(const ErlangIn *in, WfmErr *err)
{
    if (!isfinite(in->calls) || in->calls < 0)
        return wfm_err(err, WFM_EINPUT, "invalid calls %g: a finite number >= 0 is needed", in->calls);
    if (!isfinite(in->interval_s) || in->interval_s <= 0)
        return wfm_err(err, WFM_EINPUT, "invalid interval %g s: a positive number is needed", in->interval_s);
    if (!isfinite(in->aht_s) || in->aht_s <= 0)
        return wfm_err(err, WFM_EINPUT, "invalid AHT %g s: a positive number is needed", in->aht_s);
    if (in->agents < 0)
        return wfm_err(err, WFM_EINPUT, "invalid agents %d: a number >= 0 is needed", in->agents);
    if (!isfinite(in->t_s) || in->t_s < 0)
        return wfm_err(err, WFM_EINPUT, "invalid answer-time threshold %g s", in->t_s);
    if (isnan(in->patience_s) || (in->patience_s < 0 && in->patience_s > -1))
        return wfm_err(err, WFM_EINPUT, "invalid patience %g s: a number >= 0 is needed", in->patience_s);
    /* Every count and index below starts from the load: never from an
     * infinite or absurd one. */
    double a = in->calls / in->interval_s * in->aht_s;
    if (!(a <= ERLANG_MAX_LOAD))
        return wfm_err(err, WFM_EINPUT, "invalid load %g Erlangs (%g calls in %g s, AHT %g s): at most %g",
                       a, in->calls, in->interval_s, in->aht_s, ERLANG_MAX_LOAD);
    return 0;
}

/* The measures at n agents, given B = erlang_b(a, n). */
static void eval_b(const ErlangIn *in, int n, double b, ErlangOut *o)
{
    double lambda = in->calls / in->interval_s, mu = 1 / in->aht_s, nmu = n * mu;
    double a = lambda * in->aht_s, t = in->t_s;
    int has_a = !(in->patience_s <= -1) && in->patience_s < INFINITY;

    o->load = a;
    o->erlang_b = b;
    o->has_a = has_a;
    /* Erlang C */
    if (lambda == 0) {
        o->c_stable = 1;
        o->c_p_wait = 0, o->c_sl = 1, o->c_asa_s = 0, o->c_occupancy = 0, o->c_mean_queue = 0;
    } else if (n > a) {
        double rho = a / n, c = b / (1 - rho * (1 - b));
        o->c_stable = 1;
        o->c_p_wait = clamp01(c);
        o->c_sl = clamp01(1 - c * exp(-(n - a) * t / in->aht_s));
        o->c_asa_s = c * in->aht_s / (n - a);
        o->c_occupancy = rho;
        o->c_mean_queue = c * a / (n - a);
    } else {
        o->c_stable = 0;
        o->c_p_wait = 1, o->c_sl = 0, o->c_asa_s = INFINITY, o->c_occupancy = 1;
        o->c_mean_queue = INFINITY;
    }
    if (!has_a) {
        o->a_p_wait = o->a_p_abandon = o->a_sl_answered_over_offered = NAN;
        o->a_sl_answered_over_answered = o->a_sl_wait_le_t_all = o->a_p_offered_wait_gt_t = NAN;
        o->a_asa_answered_s = o->a_mean_wait_all_s = o->a_mean_queue = o->a_occupancy = NAN;
        return;
    }
    /* Erlang A */
    if (lambda == 0 || b == 0) {
        /* No calls, or so many agents that nobody ever waits (B underflows). */
        o->a_p_wait = 0, o->a_p_abandon = 0;
        o->a_sl_answered_over_offered = o->a_sl_answered_over_answered = o->a_sl_wait_le_t_all = 1;
        o->a_p_offered_wait_gt_t = 0, o->a_asa_answered_s = 0, o->a_mean_wait_all_s = 0;
        o->a_mean_queue = 0;
        o->a_occupancy = n > 0 ? a / n : 0;
        return;
    }
    if (in->patience_s == 0) {
        /* Callers who find every agent busy hang up at once: Erlang B. */
        o->a_p_wait = 0, o->a_p_abandon = b;
        o->a_sl_answered_over_offered = 1 - b;
        o->a_sl_answered_over_answered = 1, o->a_sl_wait_le_t_all = 1;
        o->a_p_offered_wait_gt_t = b * exp(-nmu * t);
        o->a_asa_answered_s = 0, o->a_mean_wait_all_s = 0, o->a_mean_queue = 0;
        o->a_occupancy = n > 0 ? a * (1 - b) / n : 0;
        return;
    }
    double theta = 1 / in->patience_s, lb = log(b);
    Series sy, sz;
    series(lambda, nmu, theta, 1, &sy);
    double lpi = lb - logaddexp(log1p(-b), lb + sy.q);
    double pab = clamp01(exp(log(theta) + lpi + sy.kq - log(lambda)));
    o->a_p_wait = clamp01(exp(lpi + sy.q));
    o->a_p_abandon = pab;
    o->a_mean_queue = exp(lpi + sy.kq);
    o->a_mean_wait_all_s = pab / theta;
    o->a_occupancy = n > 0 ? clamp01(a * (1 - pab) / n) : 0;
    /* Waits beyond t: z = y e^{-theta t}; y - z = -(lambda/theta) expm1(-theta t). */
    double ymz = -(lambda / theta) * expm1(-theta * t);
    double base = lpi + ymz - nmu * t;
    if (t > 0)
        series(lambda * exp(-theta * t), nmu, theta, 0, &sz);
    else
        sz = sy;
    double pv = clamp01(exp(base + sz.q));
    double p_served_v = n > 0 ? clamp01(exp(base - log(a / n) + sz.q1)) : 0;
    o->a_p_offered_wait_gt_t = pv;
    o->a_sl_wait_le_t_all = clamp01(1 - exp(-theta * t) * pv);
    o->a_sl_answered_over_offered = clamp01(1 - pab - p_served_v);
    o->a_sl_answered_over_answered = pab < 1 ? clamp01(o->a_sl_answered_over_offered / (1 - pab)) : 0;
    o->a_asa_answered_s = pab < 1 && n > 0 ? exp(lpi + sy.w) / (1 - pab) : 0;
}

int erlang_eval(const ErlangIn *in, ErlangOut *out, WfmErr *err)
{
    int rc = check_in(in, err);
    if (rc)
        return rc;
    eval_b(in, in->agents, erlang_b(in->calls / in->interval_s * in->aht_s, in->agents), out);
    return 0;
}

static int meets(const ErlangIn *in, const ErlangTarget *tg, const ErlangOut *o)
{
    const double eps = 1e-12;
    if (tg->use_a && o->has_a) {
        double sl = tg->sl_def == SL_ANSWERED_OVER_ANSWERED ? o->a_sl_answered_over_answered
                    : tg->sl_def == SL_WAIT_LE_T_ALL        ? o->a_sl_wait_le_t_all
                                                            : o->a_sl_answered_over_offered;
        return (tg->sl <= 0 || sl >= tg->sl - eps) &&
               (tg->max_asa_s <= 0 || o->a_asa_answered_s <= tg->max_asa_s * (1 + eps)) &&
               (tg->min_answer_rate <= 0 || 1 - o->a_p_abandon >= tg->min_answer_rate - eps) &&
               (tg->max_occupancy <= 0 || o->a_occupancy <= tg->max_occupancy + eps);
    }
    (void)in;
    /* Erlang C: nobody hangs up, so the answer rate is not a criterion. */
    return o->c_stable && (tg->sl <= 0 || o->c_sl >= tg->sl - eps) &&
           (tg->max_asa_s <= 0 || o->c_asa_s <= tg->max_asa_s * (1 + eps)) &&
           (tg->max_occupancy <= 0 || o->c_occupancy <= tg->max_occupancy + eps);
}

static int check_target(const ErlangIn *in, const ErlangTarget *tg, int max_agents, WfmErr *err)
{
    int rc = check_in(in, err);
    if (rc)
        return rc;
    if (!(tg->sl <= 1) || !(tg->min_answer_rate <= 1) || !(tg->max_occupancy <= 1) ||
        isnan(tg->max_asa_s) || tg->max_asa_s < 0)
        return wfm_err(err, WFM_EINPUT, "invalid staffing target: shares are 0-1, times >= 0");
    if (tg->use_a && (in->patience_s <= -1 || in->patience_s == INFINITY))
        return wfm_err(err, WFM_EINPUT, "Erlang A targets need a caller patience");
    if (max_agents < 0)
        return wfm_err(err, WFM_EINPUT, "invalid agent limit %d", max_agents);
    return 0;
}

/* Erlang B values, extended one agent at a time as the search asks. */
typedef struct BTable {
    double a, *b;
    int n;      /* b[0..n] computed */
    size_t cap;
} BTable;

static double b_at(BTable *t, int n)
{
    if (n > t->n) {
        void *p = t->b;
        xgrow(&p, &t->cap, (size_t)n + 1, sizeof *t->b);
        t->b = p;
        for (int k = t->n + 1; k <= n; k++)
            t->b[k] = t->a * t->b[k - 1] / (k + t->a * t->b[k - 1]);
        t->n = n;
    }
    return t->b[n];
}

int erlang_staff(const ErlangIn *in, const ErlangTarget *tg, int max_agents, int *agents,
                 ErlangOut *out, WfmErr *err)
{
    int rc = check_target(in, tg, max_agents, err);
    if (rc)
        return rc;
    double a = in->calls / in->interval_s * in->aht_s;
    BTable bt = { a, xmalloc(64 * sizeof(double)), 0, 64 };
    ErlangOut o;
    int lo, hi, step;

    bt.b[0] = 1;
    /* A proven lower bound: answered calls need agents (lambda (1 - P(ab)) <=
     * n mu), so n >= a * answer rate, and n >= a * SL when abandonments count
     * against the SL; Erlang C needs n > a and n >= a / max occupancy. */
    double need = 0;
    if (tg->use_a) {
        need = a * tg->min_answer_rate;
        if (tg->sl_def == SL_ANSWERED_OVER_OFFERED && tg->sl > need / (a > 0 ? a : 1))
            need = a * tg->sl;
    } else if (a > 0) {
        need = floor(a) + 1;
        if (tg->max_occupancy > 0 && a / tg->max_occupancy > need)
            need = a / tg->max_occupancy;
    }
    if (need > max_agents) {
        /* Nothing to search: even max_agents are below the bound. */
        free(bt.b);
        *agents = max_agents;
        eval_b(in, max_agents, erlang_b(a, max_agents), out);
        return wfm_err(err, WFM_ESOLVE, "%d agents do not meet the targets (load %.1f Erlangs)", max_agents, a);
    }
    lo = (int)fmax(floor(need * (1 - 1e-12)) - 1, 0);
    eval_b(in, lo, b_at(&bt, lo), &o);
    if (meets(in, tg, &o)) {
        hi = lo;
        goto found;
    }
    /* Gallop up from the bound, then bisect: the measures are monotone in n.
     * The first step is about the square-root safety margin. */
    step = (int)fmin(sqrt(a) / 2 + 1, (double)max_agents + 1);
    for (;;) {
        hi = lo + step > max_agents ? max_agents : lo + step;
        if (hi == lo) {
            free(bt.b);
            *agents = max_agents;
            *out = o;
            return wfm_err(err, WFM_ESOLVE, "%d agents do not meet the targets (load %.1f Erlangs)",
                           max_agents, a);
        }
        eval_b(in, hi, b_at(&bt, hi), &o);
        if (meets(in, tg, &o))
            break;
        lo = hi;
        step *= 2;
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        ErlangOut m;
        eval_b(in, mid, b_at(&bt, mid), &m);
        if (meets(in, tg, &m))
            hi = mid, o = m;
        else
            lo = mid;
    }
    eval_b(in, hi, b_at(&bt, hi), &o);
found:
    free(bt.b);
    *agents = hi;
    *out = o;
    return 0;
}

int erlang_staff_naive(const ErlangIn *in, const ErlangTarget *tg, int max_agents, int *agents,
                       ErlangOut *out, WfmErr *err)
{
    int rc = check_target(in, tg, max_agents, err);
    if (rc)
        return rc;
    for (int n = 0; n <= max_agents; n++) {
        ErlangIn x = *in;
        x.agents = n;
        erlang_eval(&x, out, err);
        if (meets(in, tg, out)) {
            *agents = n;
            return 0;
        }
    }
    *agents = max_agents;
    return wfm_err(err, WFM_ESOLVE, "%d agents do not meet the targets", max_agents);
}
