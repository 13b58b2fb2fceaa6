#include "helpers.h"

#include <time.h>
#include "../model/erlang.h"
#include "../model/config.h"
#include "../data/csvin.h"
#include "../core/rng.h"
#include "../core/alloc.h"

/* ---- 1. the reference table ------------------------------------------- */

typedef struct Col {
    const char *name;
    int kind;  /* 0 probability (absolute 1e-9), 1 time or length (relative 1e-9) */
} Col;

static double measure(const ErlangOut *o, const char *name)
{
    static const struct { const char *n; size_t off; } m[] = {
#define M(n, f) { n, offsetof(ErlangOut, f) }
        M("erlang_b", erlang_b), M("erlc_p_wait", c_p_wait), M("erlc_sl", c_sl),
        M("erlc_asa_s", c_asa_s), M("erlc_occupancy", c_occupancy), M("erlc_mean_queue_len", c_mean_queue),
        M("erla_p_wait", a_p_wait), M("erla_p_abandon", a_p_abandon),
        M("erla_sl_served_within_t_over_offered", a_sl_answered_over_offered),
        M("erla_sl_within_t_over_answered", a_sl_answered_over_answered),
        M("erla_p_wait_le_t_all", a_sl_wait_le_t_all),
        M("erla_p_offered_wait_gt_t", a_p_offered_wait_gt_t),
        M("erla_asa_answered_s", a_asa_answered_s), M("erla_mean_wait_all_s", a_mean_wait_all_s),
        M("erla_mean_queue_len", a_mean_queue), M("erla_occupancy", a_occupancy),
#undef M
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcmp(m[i].n, name) == 0)
            return *(const double *)((const char *)o + m[i].off);
    return NAN;
}

static void test_reference(void **state)
{
    static const Col cols[] = {
        { "erlang_b", 0 }, { "erlc_p_wait", 0 }, { "erlc_sl", 0 }, { "erlc_asa_s", 1 },
        { "erlc_occupancy", 0 }, { "erlc_mean_queue_len", 1 }, { "erla_p_wait", 0 },
        { "erla_p_abandon", 0 }, { "erla_sl_served_within_t_over_offered", 0 },
        { "erla_sl_within_t_over_answered", 0 }, { "erla_p_wait_le_t_all", 0 },
        { "erla_p_offered_wait_gt_t", 0 }, { "erla_asa_answered_s", 1 },
        { "erla_mean_wait_all_s", 1 }, { "erla_mean_queue_len", 1 }, { "erla_occupancy", 0 },
    };
    char buf[512];
    const char *path = shared_data("erlang_reference.csv", buf, sizeof buf);
    CsvIn *r;
    WfmErr err;
    int idx[64], ncases = 0, nchecked = 0;
    double worst_p = 0, worst_t = 0;
    (void)state;
    if (!path)
        skip();
    assert_int_equal(csvin_open(path, &r, &err), 0);
    assert_int_equal(csvin_next(r, &err), 1);
    const char *need[] = { "case_id", "calls_per_interval", "interval_s", "aht_s", "agents",
                           "sl_threshold_s", "patience_mean_s" };
    int hdr[7];
    for (int k = 0; k < 7; k++) {
        hdr[k] = -1;
        for (int f = 0; f < csvin_nfields(r); f++)
            if (strcmp(csvin_field(r, f, NULL), need[k]) == 0)
                hdr[k] = f;
        assert_true(hdr[k] >= 0);
    }
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        idx[c] = -1;
        for (int f = 0; f < csvin_nfields(r); f++)
            if (strcmp(csvin_field(r, f, NULL), cols[c].name) == 0)
                idx[c] = f;
        assert_true(idx[c] >= 0);
    }
    while (csvin_next(r, &err) == 1) {
        ErlangIn in;
        ErlangOut o;
        const char *pat = csvin_field(r, hdr[6], NULL);
        in.calls = strtod(csvin_field(r, hdr[1], NULL), NULL);
        in.interval_s = strtod(csvin_field(r, hdr[2], NULL), NULL);
        in.aht_s = strtod(csvin_field(r, hdr[3], NULL), NULL);
        in.agents = atoi(csvin_field(r, hdr[4], NULL));
        in.t_s = strtod(csvin_field(r, hdr[5], NULL), NULL);
        in.patience_s = pat[0] ? strtod(pat, NULL) : INFINITY;
        assert_int_equal(erlang_eval(&in, &o, &err), 0);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            const char *v = csvin_field(r, idx[c], NULL);
            double got = measure(&o, cols[c].name);
            if (!v[0]) {
                /* blank: no abandonment given, or Erlang C unstable */
                assert_true(isnan(got) || isinf(got) || !o.c_stable);
                continue;
            }
            double want = strtod(v, NULL);
            double d = cols[c].kind ? fabs(got - want) / fmax(fabs(want), 1e-300) : fabs(got - want);
            if (cols[c].kind && fabs(want) < 1e-12)
                d = fabs(got - want);
            if (!(d <= 1e-9))
                fail_msg("case %s %s: got %.17g want %.17g", csvin_field(r, hdr[0], NULL), cols[c].name, got, want);
            if (cols[c].kind)
                worst_t = fmax(worst_t, d);
            else
                worst_p = fmax(worst_p, d);
            nchecked++;
        }
        ncases++;
    }
    csvin_close(r);
    assert_int_equal(ncases, 23);
    print_message("reference: %d cases, %d values; worst |diff| %.2g (probabilities), %.2g relative (times)\n",
                  ncases, nchecked, worst_p, worst_t);
}

/* Published values quoted in ERLANG.md. */
static void test_published(void **state)
{
    ErlangIn in = { 100, 1800, 180, 14, 20, INFINITY };
    ErlangOut o;
    WfmErr err;
    (void)state;
    assert_int_equal(erlang_eval(&in, &o, &err), 0);
    assert_close(o.c_p_wait, 0.1741319335950498, 1e-12);  /* CRAN ErlangC, pyworkforce */
    assert_close(o.c_sl, 0.8883500191794669, 1e-12);
    assert_close(o.c_asa_s, 7.83593701177724, 1e-10);
    in.agents = 11;
    assert_int_equal(erlang_eval(&in, &o, &err), 0);
    assert_close(o.c_p_wait, 0.6821182, 1e-7);
    assert_close(o.c_sl, 0.3896138, 1e-7);
    assert_close(erlang_b(20, 10), 0.5379631686320729, 1e-15);
    assert_close(erlang_b(200, 190), 0.08869684386923561, 1e-15);
    assert_close(erlang_b(5, 200) / 5.31667137954674e-238, 1, 1e-13);
    assert_close(erlang_b(500, 1000) / 1.6524151277513355e-86, 1, 1e-13);
    /* The off-by-one trap: C(25 agents, 20 Erlangs) is 0.2091028265988, not 0.261. */
    ErlangIn t = { 200, 1800, 180, 25, 20, INFINITY };
    assert_int_equal(erlang_eval(&t, &o, &err), 0);
    assert_close(o.c_p_wait, 0.2091028265988, 1e-12);
    /* Agents for ASA <= 120 s at 200 calls/h, AHT 180 s: 12 (11 give 122.78 s). */
    ErlangIn s = { 200, 3600, 180, 0, 20, INFINITY };
    ErlangTarget tg = { 0 };
    int n;
    tg.max_asa_s = 120;
    assert_int_equal(erlang_staff(&s, &tg, 1000, &n, &o, &err), 0);
    assert_int_equal(n, 12);
    assert_close(o.c_asa_s, 40.44, 0.01);
}

/* ---- 2. an independent method: the truncated birth-death chain --------- */

typedef struct Chain {
    double p_wait, p_ab, sl_offered, sl_all, asa_answered, mean_queue;
} Chain;

/* Stationary law of the number in system (detailed balance, log space),
 * then the tagged caller's journey through the queue by uniformization
 * (SL) and a backward recursion (ASA).  Shares no code with erlang.c. */
static void chain(double lambda, double mu, int n, double theta, double t, Chain *c)
{
    int kmax = n + 10;
    double lp = 0, maxlp = 0;
    /* Grow the state space until the tail is negligible. */
    for (int k = 1;; k++) {
        double death = (k <= n ? k * mu : n * mu + (k - n) * theta);
        lp += log(lambda) - log(death);
        if (lp > maxlp)
            maxlp = lp;
        if (k > n && lp < maxlp - 60 && (k - n) * theta + n * mu > lambda) {
            kmax = k;
            break;
        }
        if (k > 5000000)
            fail_msg("chain too long");
    }
    double *pi = xcalloc((size_t)kmax + 1, sizeof *pi), z = 0;
    lp = 0;
    pi[0] = 0;
    for (int k = 1; k <= kmax; k++) {
        double death = (k <= n ? k * mu : n * mu + (k - n) * theta);
        lp += log(lambda) - log(death);
        pi[k] = lp;
    }
    for (int k = 0; k <= kmax; k++)
        pi[k] = exp(pi[k] - maxlp), z += pi[k];
    for (int k = 0; k <= kmax; k++)
        pi[k] /= z;
    int M = kmax - n;  /* callers ahead: 0..M */
    double p_nowait = 0;
    for (int k = 0; k < n; k++)
        p_nowait += pi[k];
    c->p_wait = 1 - p_nowait;
    c->mean_queue = 0;
    for (int k = n; k <= kmax; k++)
        c->mean_queue += (k - n) * pi[k];
    /* Tagged caller with j ahead: leaves j at rate n mu + j theta (service
     * or abandonment ahead), abandons at rate theta.  From j = 0 a service
     * completion serves it. */
    double nmu = n * mu, L = nmu + (M + 1) * theta;
    double *s = xcalloc((size_t)M + 1, sizeof *s), *ab = xcalloc((size_t)M + 1, sizeof *ab);
    double *s2 = xcalloc((size_t)M + 1, sizeof *s2), *ab2 = xcalloc((size_t)M + 1, sizeof *ab2);
    double *ps = xcalloc((size_t)M + 1, sizeof *ps), *h = xcalloc((size_t)M + 1, sizeof *h);
    double *acc_s = xcalloc((size_t)M + 1, sizeof *acc_s), *acc_a = xcalloc((size_t)M + 1, sizeof *acc_a);
    /* Poisson(L t) weights of the uniformized steps. */
    double Lt = L * t;
    int steps = (int)(Lt + 12 * sqrt(Lt) + 30);
    double lw = -Lt;  /* log weight of step 0 */
    for (int i = 0; i <= steps; i++) {
        double w = exp(lw);
        for (int j = 0; j <= M; j++)
            acc_s[j] += w * s[j], acc_a[j] += w * ab[j];
        /* one uniformized step: s2 = P(absorbed served within i+1 steps) */
        for (int j = 0; j <= M; j++) {
            double adv = (nmu + j * theta) / L, own = theta / L, stay = 1 - adv - own;
            if (j == 0) {
                s2[0] = (nmu / L) * 1 + (j * theta / L) * 0 + stay * s[0];
                ab2[0] = own * 1 + stay * ab[0];
            } else {
                s2[j] = adv * s[j - 1] + stay * s[j];
                ab2[j] = adv * ab[j - 1] + own * 1 + stay * ab[j];
            }
        }
        memcpy(s, s2, sizeof *s * ((size_t)M + 1));
        memcpy(ab, ab2, sizeof *ab * ((size_t)M + 1));
        lw += log(Lt) - log(i + 1.0);
    }
    /* Probability of being served, and E[W 1{served}], from j ahead. */
    for (int j = 0; j <= M; j++) {
        double q = nmu + j * theta + theta;
        if (j == 0)
            ps[0] = nmu / q, h[0] = ps[0] / q;
        else
            ps[j] = (nmu + j * theta) / q * ps[j - 1], h[j] = ps[j] / q + (nmu + j * theta) / q * h[j - 1];
    }
    double served = p_nowait, within = p_nowait, done_by_t = p_nowait, ew = 0;
    for (int j = 0; j <= M; j++) {
        served += pi[n + j] * ps[j];
        within += pi[n + j] * acc_s[j];
        done_by_t += pi[n + j] * (acc_s[j] + acc_a[j]);
        ew += pi[n + j] * h[j];
    }
    c->p_ab = 1 - served;
    c->sl_offered = within;
    c->sl_all = done_by_t;
    c->asa_answered = ew / served;
    free(pi), free(s), free(ab), free(s2), free(ab2), free(ps), free(h), free(acc_s), free(acc_a);
}

static void test_against_chain(void **state)
{
    Rng r;
    WfmErr err;
    double worst[6] = { 0 };
    int cases = 0;
    (void)state;
    rng_seed(&r, 42);
    for (int i = 0; i < 300; i++) {
        ErlangIn in;
        ErlangOut o;
        Chain c;
        /* Agents up to 2,000; loads from 60% to 130% of capacity; patience
         * 1 s to 10 h (log-uniform); AHT 30-600 s; threshold 0-60 s. */
        int n = i < 280 ? 1 + (int)rng_below(&r, 300) : 1000 + (int)rng_below(&r, 1001);
        double rho = 0.6 + 0.7 * rng_unif(&r);
        double aht = 30 + 570 * rng_unif(&r);
        double patience = exp(log(1) + (log(36000) - log(1)) * rng_unif(&r));
        if (n > 1000)  /* keep the chain's state space modest for big centers */
            patience = fmin(patience, 600);
        in.interval_s = 3600;
        in.aht_s = aht;
        in.calls = rho * n / aht * 3600;
        in.agents = n;
        in.t_s = 60 * rng_unif(&r);
        in.patience_s = patience;
        assert_int_equal(erlang_eval(&in, &o, &err), 0);
        chain(in.calls / 3600, 1 / aht, n, 1 / patience, in.t_s, &c);
        double d[6] = {
            fabs(o.a_p_wait - c.p_wait), fabs(o.a_p_abandon - c.p_ab),
            fabs(o.a_sl_answered_over_offered - c.sl_offered), fabs(o.a_sl_wait_le_t_all - c.sl_all),
            fabs(o.a_asa_answered_s - c.asa_answered) / fmax(c.asa_answered, 1e-3),
            fabs(o.a_mean_queue - c.mean_queue) / fmax(c.mean_queue, 1e-3),
        };
        for (int k = 0; k < 6; k++) {
            if (!(d[k] <= 1e-9))
                fail_msg("case %d (n %d, rho %.3f, aht %.1f, patience %.1f, t %.1f): measure %d differs by %.3g",
                         i, n, rho, aht, patience, in.t_s, k, d[k]);
            worst[k] = fmax(worst[k], d[k]);
        }
        cases++;
    }
    print_message("chain: %d cases, worst differences: p_wait %.2g, p_ab %.2g, sl %.2g, sl_all %.2g, asa %.2g (rel), Lq %.2g (rel)\n",
                  cases, worst[0], worst[1], worst[2], worst[3], worst[4], worst[5]);
}

/* ---- 3. checks of the limits, and inputs that must not break it --------- */

static void test_limits(void **state)
{
    WfmErr err;
    ErlangOut o, c;
    (void)state;
    /* theta = mu: P(W > 0) = P(Poisson(a) >= n). */
    ErlangIn in = { 30, 3600, 600, 6, 20, 600 };
    assert_int_equal(erlang_eval(&in, &o, &err), 0);
    double a = 5, p = 0, term = exp(-a);
    for (int k = 0; k < 6; k++, term *= a / k)
        p += term;
    assert_close(o.a_p_wait, 1 - p, 1e-13);
    /* Patience -> infinity: Erlang A -> Erlang C. */
    ErlangIn x = { 100, 1800, 180, 14, 20, 1e9 };
    ErlangIn y = x;
    y.patience_s = INFINITY;
    assert_int_equal(erlang_eval(&x, &o, &err), 0);
    assert_int_equal(erlang_eval(&y, &c, &err), 0);
    assert_close(o.a_p_wait, c.c_p_wait, 1e-6);
    assert_close(o.a_sl_answered_over_offered, c.c_sl, 1e-6);
    assert_close(o.a_asa_answered_s, c.c_asa_s, 1e-4);
}

static void test_hostile_inputs(void **state)
{
    WfmErr err;
    ErlangOut o;
    (void)state;
    const ErlangIn cases[] = {
        { 0, 3600, 180, 10, 20, 60 },        /* zero calls */
        { 0, 3600, 180, 0, 20, INFINITY },   /* zero calls, zero agents */
        { 500, 3600, 180, 0, 20, 60 },       /* no agents */
        { 500, 3600, 180, 10, 20, 60 },      /* agents below load */
        { 500, 3600, 180, 25, 20, 60 },      /* agents at load */
        { 500, 3600, 180, 25, 20, 0 },       /* patience 0 */
        { 500, 3600, 180, 30, 20, INFINITY },/* no abandonment */
        { 500, 3600, 0.2, 1, 20, 60 },       /* AHT below a second */
        { 4e6, 3600, 180, 20000, 20, 120 },  /* 20,000 agents */
        { 1e5, 3600, 180, 20000, 20, 36000 },/* 20,000 agents, long patience, light load */
        { 8e5, 3600, 180, 20000, 20, 36000 },/* 20,000 agents, overloaded, 10-hour patience */
        { 80000, 86400, 600, 100, 60, 3600 },/* heavy overload */
        { 1e-9, 3600, 180, 1, 20, 1 },       /* a trickle */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(erlang_eval(&cases[i], &o, &err), 0);
        double v[] = { o.erlang_b, o.c_p_wait, o.c_sl, o.c_occupancy };
        for (size_t k = 0; k < 4; k++)
            assert_true(v[k] >= 0 && v[k] <= 1);
        if (o.has_a) {
            double w[] = { o.a_p_wait, o.a_p_abandon, o.a_sl_answered_over_offered, o.a_sl_answered_over_answered,
                           o.a_sl_wait_le_t_all, o.a_p_offered_wait_gt_t, o.a_occupancy };
            for (size_t k = 0; k < 7; k++)
                if (!(w[k] >= 0 && w[k] <= 1))
                    fail_msg("case %zu measure %zu = %g", i, k, w[k]);
            assert_true(isfinite(o.a_asa_answered_s) && o.a_asa_answered_s >= 0);
            assert_true(isfinite(o.a_mean_queue) && o.a_mean_queue >= 0);
        }
    }
    /* The heavy overload: almost everyone beyond capacity abandons. */
    assert_int_equal(erlang_eval(&cases[11], &o, &err), 0);
    assert_close(1 - o.a_p_abandon, 100.0 / (80000.0 * 600 / 86400), 0.02);
    const ErlangIn bad[] = {
        { -1, 3600, 180, 1, 20, 60 }, { NAN, 3600, 180, 1, 20, 60 }, { 10, 0, 180, 1, 20, 60 },
        { 10, 3600, 0, 1, 20, 60 }, { 10, 3600, 180, -1, 20, 60 }, { 10, 3600, 180, 1, -5, 60 },
        { 10, 3600, 180, 1, 20, NAN }, { 10, 3600, INFINITY, 1, 20, 60 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(erlang_eval(&bad[i], &o, &err), WFM_EINPUT);
}

/* ---- 4. the inverse ------------------------------------------------------ */

static void test_staff_matches_naive(void **state)
{
    Rng r;
    WfmErr err;
    (void)state;
    rng_seed(&r, 7);
    for (int i = 0; i < 400; i++) {
        ErlangIn in = { 10 + 3000 * rng_unif(&r), 3600, 60 + 400 * rng_unif(&r), 0,
                        10 + 20 * rng_unif(&r), 20 + 600 * rng_unif(&r) };
        ErlangTarget tg = { 0 };
        int k = (int)rng_below(&r, 5), n1, n2;
        ErlangOut o1, o2;
        tg.use_a = rng_below(&r, 2);
        tg.sl_def = (int)rng_below(&r, 3);
        if (k == 0 || k == 4)
            tg.sl = 0.5 + 0.45 * rng_unif(&r);
        if (k == 1 || k == 4)
            tg.max_asa_s = 5 + 60 * rng_unif(&r);
        if (k == 2)
            tg.min_answer_rate = 0.8 + 0.19 * rng_unif(&r);
        if (k == 3 || k == 4)
            tg.max_occupancy = 0.7 + 0.25 * rng_unif(&r);
        if (k == 2 && !tg.use_a)
            tg.sl = 0.8;
        assert_int_equal(erlang_staff(&in, &tg, 5000, &n1, &o1, &err), 0);
        assert_int_equal(erlang_staff_naive(&in, &tg, 5000, &n2, &o2, &err), 0);
        if (n1 != n2)
            fail_msg("case %d: %d agents by the search, %d by counting up", i, n1, n2);
    }
    /* Targets no number of agents can meet within the limit. */
    ErlangIn in = { 5000, 3600, 180, 0, 20, 60 };
    ErlangTarget tg = { 0 };
    ErlangOut o;
    int n;
    tg.sl = 0.8;
    assert_int_equal(erlang_staff(&in, &tg, 100, &n, &o, &err), WFM_ESOLVE);
    /* Zero calls need no agents. */
    in.calls = 0;
    assert_int_equal(erlang_staff(&in, &tg, 100, &n, &o, &err), 0);
    assert_int_equal(n, 0);
}

/* Issue 16: offered 1e308 imported, then wfm staff indexed Erlang B from an
 * infinite load (SIGSEGV).  The model refuses a load that is not finite or
 * above ERLANG_MAX_LOAD, and gives up at once when even max_agents are below
 * the proven lower bound - without looping up to them. */
static void test_absurd_loads(void **state)
{
    const ErlangIn bad[] = {
        { 1e308, 3600, 150, 0, 20, 90 },          /* a = 4e306 */
        { 1e308, 3600, 150, 0, 20, INFINITY },
        { 1e9, 1e-300, 1e6, 0, 20, 90 },          /* a overflows to inf */
        { 1.0001e7, 3600, 3600, 0, 20, 90 },      /* just above the limit */
    };
    ErlangTarget tg = { 0 };
    ErlangOut o;
    WfmErr err;
    int n;
    (void)state;
    tg.sl = 0.8;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ErlangIn in = bad[i];
        for (int a = 0; a < 2; a++) {
            tg.use_a = a && in.patience_s < INFINITY;
            if (erlang_staff(&in, &tg, 100000, &n, &o, &err) != WFM_EINPUT)
                fail_msg("case %zu (%s): not refused", i, a ? "A" : "C");
            assert_contains(err.msg, "invalid load");
            assert_int_equal(erlang_staff_naive(&in, &tg, 100000, &n, &o, &err), WFM_EINPUT);
        }
        in.agents = 10;
        assert_int_equal(erlang_eval(&in, &o, &err), WFM_EINPUT);
    }
    /* A load within the limit but beyond max_agents: WFM_ESOLVE at once. */
    ErlangIn big = { 1e8, 3600, 180, 0, 20, 90 };   /* 5e6 Erlangs */
    clock_t t0 = clock();
    for (int a = 0; a < 2; a++) {
        ErlangTarget t = { 0 };
        t.use_a = a, t.sl = 0.8, t.min_answer_rate = a ? 0.9 : 0;
        assert_int_equal(erlang_staff(&big, &t, 100000, &n, &o, &err), WFM_ESOLVE);
        assert_int_equal(n, 100000);
        assert_contains(err.msg, "100000 agents do not meet the targets (load 5000000.0 Erlangs)");
    }
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2);
    /* At the limit itself the model still answers. */
    ErlangIn edge = { 1e7, 3600, 3600, 0, 20, INFINITY };
    tg.use_a = 0;
    assert_int_equal(erlang_staff(&edge, &tg, 20000000, &n, &o, &err), 0);
    assert_true(n > 1e7 && n < 1e7 + 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absurd_loads),
        cmocka_unit_test(test_reference), cmocka_unit_test(test_published),
        cmocka_unit_test(test_against_chain), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_hostile_inputs), cmocka_unit_test(test_staff_matches_naive),
    };
    return cmocka_run_group_tests_name("erlang", tests, NULL, NULL);
}
