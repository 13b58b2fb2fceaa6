#include "helpers.h"

#include <time.h>
#include "../model/msim.h"
#include "../model/erlang.h"
#include "../core/alloc.h"
#include "../core/rng.h"

enum { HALF_HOUR = 1800 };

/* A center of nq queues with the same calls in every interval of each. */
typedef struct Center {
    MsimQueue q[4];
    double *calls;
    uint32_t skills[64];
    MsimSpan span[256];
    MsimIn in;
} Center;

static void center_init(Center *c, int nq, int nslots, const double *calls_per_slot)
{
    memset(c, 0, sizeof *c);
    c->calls = xmalloc(sizeof *c->calls * (size_t)nq * (size_t)nslots);
    for (int q = 0; q < nq; q++)
        for (int s = 0; s < nslots; s++)
            c->calls[q * nslots + s] = calls_per_slot[q];
    c->in = (MsimIn){ .nq = nq, .q = c->q, .nslots = nslots, .slot_s = HALF_HOUR, .calls = c->calls,
                      .skills = c->skills, .span = c->span, .sl_s = 20, .seed = 1 };
}

/* Agent with skills on the phone [from, to). */
static void on_phone(Center *c, int agent, uint32_t skills, long from, long to)
{
    if (agent >= c->in.nagents)
        c->in.nagents = agent + 1;
    c->skills[agent] = skills;
    c->span[c->in.nspans++] = (MsimSpan){ agent, from, to };
}

static MsimSlot *run_once(const Center *c)
{
    WfmErr err;
    MsimSlot *o = xmalloc(sizeof *o * (size_t)c->in.nq * (size_t)c->in.nslots);
    assert_int_equal(msim_run(&c->in, o, &err), 0);
    return o;
}

static MsimSlot total(const MsimSlot *o, int q, int nslots, int from, int to)
{
    MsimSlot t = { 0 };
    (void)nslots;
    for (int s = from; s < to; s++) {
        const MsimSlot *x = &o[q * nslots + s];
        t.offered += x->offered, t.answered += x->answered, t.abandoned += x->abandoned;
        t.unserved += x->unserved, t.within += x->within, t.wait_s += x->wait_s;
    }
    return t;
}

/* ---- 1. one general queue against Erlang A and C ------------------------ */

/* N agents on the phone all the time, the same load in each of 200 half
 * hours; the spans run an hour past the horizon so nobody waiting at its end
 * is cut off.  The queue starts empty: a bias of the first minutes, small
 * against 100 hours.  Answer rate and SL (answered within 20 s over offered)
 * must lie within the replications' 95% interval of Erlang A's (of Erlang C's
 * when nobody hangs up: patience 1e9 s, or none at all). */
static void test_agrees_with_erlang(void **state)
{
    static const struct { double calls, aht, pat; int n; } cases[] = {
        { 100, 180, 120, 12 },    /* the brief's case: a = 10 Erlangs */
        { 100, 180, 60, 9 },      /* overload, short patience */
        { 400, 300, 180, 64 },    /* a = 66.7, a bigger group */
        { 100, 180, 1e9, 14 },    /* Erlang C, the published case: SL 0.88835 */
        { 100, 180, 0, 11 },      /* Erlang C, nobody hangs up, rho = 0.91: SL 0.3896 */
    };
    enum { NSLOTS = 200, REPS = 20 };
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Center c;
        center_init(&c, 1, NSLOTS, &cases[k].calls);
        c.q[0] = (MsimQueue){ cases[k].aht, cases[k].pat, 0 };
        for (int a = 0; a < cases[k].n; a++)
            on_phone(&c, a, 0, 0, (long)NSLOTS * HALF_HOUR + 3600);
        c.in.seed = 100 * k;
        MsimSummary sum;
        WfmErr err;
        assert_int_equal(msim_replicate(&c.in, REPS, &sum, NULL, &err), 0);

        ErlangIn ei = { cases[k].calls, HALF_HOUR, cases[k].aht, cases[k].n, 20,
                        cases[k].pat > 0 ? cases[k].pat : INFINITY };
        ErlangOut eo;
        assert_int_equal(erlang_eval(&ei, &eo, &err), 0);
        double ar = eo.has_a ? 1 - eo.a_p_abandon : 1;
        double sl = eo.has_a ? eo.a_sl_answered_over_offered : eo.c_sl;
        print_message("  %3.0f calls/30 min, AHT %3.0f s, patience %-5g s, %2d agents: answer rate %.4f +- %.4f"
                      " (Erlang %s %.4f), SL %.4f +- %.4f (Erlang %.4f)\n",
                      cases[k].calls, cases[k].aht, cases[k].pat, cases[k].n, sum.answer_rate, sum.ar_half,
                      eo.has_a ? "A" : "C", ar, sum.sl, sum.sl_half, sl);
        /* 1e-6: with patience 1e9 s every run answers all (half-width 0), Erlang A 1 - 2e-8 */
        if (fabs(sum.answer_rate - ar) > sum.ar_half + 1e-6 || fabs(sum.sl - sl) > sum.sl_half)
            fail_msg("case %zu: simulation outside its 95%% interval around Erlang", k);
        assert_int_equal(sum.offered, sum.answered + sum.abandoned + sum.unserved);
        assert_true(sum.ar_half < 0.01 && sum.sl_half < 0.02);   /* a test that can tell */
        free(c.calls);
    }
}

/* ---- 2. skills ----------------------------------------------------------- */

/* Queue 1 is skilled and nobody with its bit is on the phone: nobody answers
 * it, its callers all hang up; the general agents answer the general queue. */
static void test_skilled_queue_without_its_agents(void **state)
{
    static const double calls[2] = { 20, 20 };
    enum { NSLOTS = 48 };
    Center c;
    (void)state;
    center_init(&c, 2, NSLOTS, calls);
    c.q[0] = (MsimQueue){ 180, 120, 0 };
    c.q[1] = (MsimQueue){ 180, 120, 1 };
    for (int a = 0; a < 6; a++)
        on_phone(&c, a, a < 3 ? 0 : 1u << 0, 0, NSLOTS * HALF_HOUR);   /* a bit of the general queue counts for nothing */
    MsimSlot *o = run_once(&c);
    MsimSlot g = total(o, 0, NSLOTS, 0, NSLOTS), s = total(o, 1, NSLOTS, 0, NSLOTS);
    print_message("  skilled queue, no skilled agent: %ld offered, %ld answered, %ld abandoned;"
                  " general: %ld of %ld answered\n", s.offered, s.answered, s.abandoned, g.answered, g.offered);
    assert_true(s.offered > 700);
    assert_int_equal(s.answered, 0);
    assert_int_equal(s.abandoned, s.offered);
    assert_true(g.answered > 0.95 * g.offered);
    free(o), free(c.calls);
}

/* Only skilled agents on the phone and no skilled call: they answer the
 * general queue as a plain group of three (Erlang A's figures). */
static void test_skilled_agents_take_general_calls(void **state)
{
    static const double calls[2] = { 30, 0 };
    enum { NSLOTS = 200, REPS = 20 };
    Center c;
    MsimSummary sum[2];
    WfmErr err;
    (void)state;
    center_init(&c, 2, NSLOTS, calls);
    c.q[0] = (MsimQueue){ 180, 120, 0 };
    c.q[1] = (MsimQueue){ 180, 120, 1 };
    for (int a = 0; a < 3; a++)
        on_phone(&c, a, 1u << 1, 0, NSLOTS * HALF_HOUR + 3600);
    assert_int_equal(msim_replicate(&c.in, REPS, sum, NULL, &err), 0);
    ErlangIn ei = { 30, HALF_HOUR, 180, 3, 20, 120 };
    ErlangOut eo;
    assert_int_equal(erlang_eval(&ei, &eo, &err), 0);
    print_message("  3 skilled agents, general calls only: answer rate %.4f +- %.4f (Erlang A %.4f)\n",
                  sum[0].answer_rate, sum[0].ar_half, 1 - eo.a_p_abandon);
    assert_true(fabs(sum[0].answer_rate - (1 - eo.a_p_abandon)) <= sum[0].ar_half);
    assert_int_equal(sum[1].offered, 0);
    assert_true(isnan(sum[1].answer_rate));
    free(c.calls);
}

/* Skill first: two agents with queue 1's skill, no general agent, the
 * general queue swamped (20 Erlangs), queue 1 light (1 Erlang, patient).
 * A freed skilled agent takes queue 1's caller before the general queue's
 * older ones, so queue 1 waits only for the next of two calls to end (mean
 * 90 s against a 300 s patience) and is mostly answered; the general queue
 * gets the rest.  Served first come first served across both queues, queue
 * 1's callers would wait behind the general queue and nearly all hang up. */
static void test_skill_first(void **state)
{
    static const double calls[2] = { 200, 10 };
    enum { NSLOTS = 100 };
    Center c;
    MsimSummary sum[2];
    WfmErr err;
    (void)state;
    center_init(&c, 2, NSLOTS, calls);
    c.q[0] = (MsimQueue){ 180, 300, 0 };
    c.q[1] = (MsimQueue){ 180, 300, 1 };
    for (int a = 0; a < 2; a++)
        on_phone(&c, a, 1u << 1, 0, NSLOTS * HALF_HOUR);
    assert_int_equal(msim_replicate(&c.in, 10, sum, NULL, &err), 0);
    print_message("  skill first: skilled queue answered %.3f +- %.3f, general %.3f +- %.3f\n", sum[1].answer_rate,
                  sum[1].ar_half, sum[0].answer_rate, sum[0].ar_half);
    /* P(the next of two exponential(180 s) ends comes before an exponential
     * (300 s) patience) = (2/180) / (2/180 + 1/300) = 0.77, less the calls
     * finding both agents on queue 1's own calls. */
    assert_true(sum[1].answer_rate > 0.65);
    assert_true(sum[0].answer_rate < 0.15);
    assert_true(sum[0].answered > 0);
    free(c.calls);
}

/* A general call goes to the idle agent without skills first.  Agent 0 has
 * none, agent 1 queue 1's; general calls are a loss system of 1 Erlang
 * (patience 0.01 s), so with ordered hunting agent 1 carries
 * a (B(a,1) - B(a,2)) = 1 (0.5 - 0.2) = 0.3 Erlang of them (0.4 if the two
 * shared them alike, 0.5 if agent 1 came first).  Queue 1's callers are as
 * impatient and their calls last 0.1 s: answered when agent 1 is idle, 70%. */
static void test_general_call_prefers_agent_without_skills(void **state)
{
    static const double calls[2] = { 6, 4 };
    enum { NSLOTS = 200, REPS = 40 };
    Center c;
    MsimSummary sum[2];
    WfmErr err;
    (void)state;
    center_init(&c, 2, NSLOTS, calls);
    c.q[0] = (MsimQueue){ 300, 0.01, 0 };
    c.q[1] = (MsimQueue){ 0.1, 0.01, 1 };
    on_phone(&c, 1, 1u << 1, 0, NSLOTS * HALF_HOUR);
    on_phone(&c, 0, 0, 0, NSLOTS * HALF_HOUR);
    assert_int_equal(msim_replicate(&c.in, REPS, sum, NULL, &err), 0);
    double b1 = erlang_b(1, 1), b2 = erlang_b(1, 2);
    print_message("  general calls: answered %.4f (Erlang B %.4f); skilled queue answered %.4f +- %.4f"
                  " (ordered hunting %.4f)\n", sum[0].answer_rate, 1 - b2, sum[1].answer_rate, sum[1].ar_half,
                  1 - (b1 - b2));
    assert_true(fabs(sum[1].answer_rate - (1 - (b1 - b2))) <= sum[1].ar_half + 0.005);
    assert_true(fabs(sum[0].answer_rate - (1 - b2)) <= sum[0].ar_half + 0.005);
    free(c.calls);
}

/* ---- 3. phone spans ------------------------------------------------------ */

/* One agent, two spans with a 30-minute meal between (10:00-10:30 off), in
 * 10-minute intervals; callers' patience (2 s) far shorter than the hole:
 * nobody who arrives in the hole's first 20 minutes is answered.  In its
 * last 10 minutes only a caller arriving seconds before 10:30 may be (his
 * patience outlasting the rest of the hole: 2 s / 600 s of them, 0.7 in the
 * 200 there), so at most a few.  The two spans given in the wrong order. */
static void test_meal_hole(void **state)
{
    enum { NSLOTS = 6 * 14, SLOT = 600 };
    static const double calls[1] = { 10 };
    Center c;
    (void)state;
    center_init(&c, 1, NSLOTS, calls);
    c.in.slot_s = SLOT;
    c.q[0] = (MsimQueue){ 30, 2, 0 };
    on_phone(&c, 0, 0, 10 * 3600 + 1800, 14 * 3600);
    on_phone(&c, 0, 0, 6 * 3600, 10 * 3600);
    long hole = 0, late = 0, before0 = 0, before = 0, after = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        c.in.seed = seed;
        MsimSlot *o = run_once(&c);
        for (int s = 0; s < NSLOTS; s++) {
            long t = (long)s * SLOT;
            if (t >= 10 * 3600 && t < 10 * 3600 + 1200) {
                hole += o[s].offered;
                assert_int_equal(o[s].answered, 0);
                assert_int_equal(o[s].abandoned, o[s].offered);
            } else if (t >= 10 * 3600 + 1200 && t < 10 * 3600 + 1800) {
                hole += o[s].offered;
                late += o[s].answered;
            } else if (t >= 6 * 3600 && t < 10 * 3600) {
                before += o[s].answered;
            } else if (t >= 10 * 3600 + 1800) {
                after += o[s].answered;
            } else {
                before0 += o[s].answered;   /* before 06:00: only in its last seconds */
            }
        }
        free(o);
    }
    print_message("  meal hole: %ld callers in the hole, %ld answered (in its last seconds); %ld answered before,"
                  " %ld after\n", hole, late, before, after);
    assert_true(late <= 4 && before0 <= 4);
    assert_true(hole > 400 && before > 1000 && after > 1000);
    free(c.calls);
}

/* Touching and overlapping spans join: [0,2h) [2h,4h), [1h,2.5h) and [1.1h,1.4h) make one
 * agent on the phone 0-4h without a break, whatever the order the heap
 * meets the ends and starts in; after 4h nobody answers. */
static void test_touching_spans(void **state)
{
    enum { NSLOTS = 12 };
    static const double calls[1] = { 20 };
    Center c;
    (void)state;
    center_init(&c, 1, NSLOTS, calls);
    c.q[0] = (MsimQueue){ 40, 30, 0 };
    on_phone(&c, 0, 0, 7200, 14400);
    on_phone(&c, 0, 0, 3600, 9000);
    on_phone(&c, 0, 0, 0, 7200);
    on_phone(&c, 0, 0, 4000, 5000);   /* inside another */
    on_phone(&c, 0, 0, 5000, 5000);   /* empty: ignored */
    for (uint64_t seed = 1; seed <= 10; seed++) {
        c.in.seed = seed;
        MsimSlot *o = run_once(&c);
        for (int s = 0; s < NSLOTS; s++)
            if (s < 8)
                assert_true(o[s].answered >= o[s].offered / 2);
            else
                assert_int_equal(o[s].answered, 0);
        free(o);
    }
    free(c.calls);
}

/* ---- 4. conservation and determinism ------------------------------------ */

/* A busy mixed center: a general queue, two skilled ones (one whose callers
 * never hang up), agents of every kind on scattered spans, some ending past
 * the horizon.  Per queue and interval: offered = answered + abandoned +
 * unserved, where unserved are callers without patience still waiting when
 * nobody is left on the phone; and the offered calls are the expected ones
 * (Poisson: within 4 standard deviations). */
static Center mixed;

static void mixed_init(void)
{
    static const double calls[3] = { 40, 10, 8 };
    enum { NSLOTS = 96 };
    Rng r;
    center_init(&mixed, 3, NSLOTS, calls);
    for (int s = 0; s < NSLOTS; s++)
        mixed.calls[s] = 40 + 30 * sin(s * 0.13);   /* the general queue varies */
    mixed.q[0] = (MsimQueue){ 180, 120, 0 };
    mixed.q[1] = (MsimQueue){ 240, 90, 1 };
    mixed.q[2] = (MsimQueue){ 300, 0, 1 };
    rng_seed(&r, 5);
    for (int a = 0; a < 12; a++) {
        uint32_t sk = a < 6 ? 0 : a < 8 ? 1u << 1 : a < 10 ? 1u << 2 : (1u << 1 | 1u << 2);
        for (int k = 0; k < 8; k++) {
            long from = (long)rng_below(&r, NSLOTS * HALF_HOUR);
            on_phone(&mixed, a, sk, from, from + 600 + (long)rng_below(&r, 4 * 3600));
        }
    }
}

static void test_conservation(void **state)
{
    (void)state;
    mixed_init();
    int n = mixed.in.nslots;
    long tot_off = 0, tot_rest = 0, unserved = 0, abandoned = 0;
    MsimSlot *o = run_once(&mixed);
    for (int q = 0; q < mixed.in.nq; q++) {
        double expect = 0;
        for (int s = 0; s < n; s++) {
            const MsimSlot *x = &o[q * n + s];
            assert_int_equal(x->offered, x->answered + x->abandoned + x->unserved);
            assert_true(x->within <= x->answered);
            if (mixed.q[q].patience_s > 0)
                assert_int_equal(x->unserved, 0);
            expect += mixed.calls[q * n + s];
        }
        MsimSlot t = total(o, q, n, 0, n);
        print_message("  queue %d: %ld offered (expected %.0f) = %ld answered + %ld abandoned + %ld unserved\n", q,
                      t.offered, expect, t.answered, t.abandoned, t.unserved);
        assert_true(fabs((double)t.offered - expect) < 4 * sqrt(expect));
        tot_off += t.offered, tot_rest += t.answered + t.abandoned + t.unserved;
        unserved += t.unserved, abandoned += t.abandoned;
    }
    assert_int_equal(tot_off, tot_rest);
    assert_true(unserved > 0 && abandoned > 0);   /* both kinds of loss were exercised */
    free(o), free(mixed.calls);
}

static void test_determinism(void **state)
{
    (void)state;
    mixed_init();
    size_t bytes = sizeof(MsimSlot) * (size_t)mixed.in.nq * (size_t)mixed.in.nslots;
    MsimSlot *a = run_once(&mixed), *b = run_once(&mixed);
    assert_memory_equal(a, b, bytes);
    mixed.in.seed++;
    MsimSlot *d = run_once(&mixed);
    assert_true(memcmp(a, d, bytes) != 0);

    /* Replications: the sum of runs seed, seed + 1, ... */
    WfmErr err;
    MsimSummary sum[3];
    MsimSlot *s = xmalloc(bytes);
    mixed.in.seed--;
    assert_int_equal(msim_replicate(&mixed.in, 2, sum, s, &err), 0);
    for (size_t k = 0; k < bytes / sizeof *s; k++) {
        assert_int_equal(s[k].offered, a[k].offered + d[k].offered);
        assert_int_equal(s[k].answered, a[k].answered + d[k].answered);
    }
    free(a), free(b), free(d), free(s), free(mixed.calls);
}

static void test_bad_input(void **state)
{
    static const double calls[1] = { 10 };
    Center c;
    WfmErr err;
    MsimSlot o[4];
    MsimSummary sum;
    (void)state;
    center_init(&c, 1, 4, calls);
    c.q[0] = (MsimQueue){ 180, 60, 0 };
    on_phone(&c, 0, 0, 0, 100);
    assert_int_equal(msim_run(&c.in, o, &err), 0);
    c.span[0].agent = 1;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    assert_contains(err.msg, "agent 1");
    c.span[0].agent = 0;
    c.calls[2] = -1;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    c.calls[2] = NAN;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    c.calls[2] = 10;
    c.q[0].aht_s = 0;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    c.q[0].aht_s = 180;
    c.in.nq = 33;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    c.in.nq = 1;
    c.in.slot_s = 0;
    assert_int_equal(msim_run(&c.in, o, &err), WFM_EINPUT);
    c.in.slot_s = HALF_HOUR;
    assert_int_equal(msim_replicate(&c.in, 0, &sum, NULL, &err), WFM_EINPUT);
    assert_int_equal(msim_replicate(&c.in, 1, &sum, NULL, &err), 0);
    assert_true(isinf(sum.ar_half));
    free(c.calls);
}

/* ---- 5. speed: a month of Seoul-like traffic ---------------------------- */

/* 31 days x 48 half hours; four queues (a general one with 85% of the
 * calls, three skilled), 18,000 calls a weekday and 10,800 a weekend day along a day's shape
 * (half-hour AHT varying 170-200 s); 400 agents (340 general, 60 with one
 * or two skills), each on about 15 days of 9 hours with an hour's meal
 * (two spans a day: about 12,000 spans). */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void test_month_speed(void **state)
{
    static const double shape[24] = { 60, 40, 30, 20, 15, 15, 30, 80, 300, 900, 1100, 1000,
                                      900, 1000, 1000, 950, 900, 800, 500, 350, 250, 200, 150, 100 };
    static const double share[4] = { 0.85, 0.07, 0.05, 0.03 };
    enum { DAYS = 31, NSLOTS = DAYS * 48, NQ = 4, NAG = 400 };
    (void)state;
    MsimQueue q[NQ] = { { 180, 300, 0 }, { 200, 240, 1 }, { 220, 240, 1 }, { 250, 300, 1 } };
    double tot = 0;
    for (int h = 0; h < 24; h++)
        tot += shape[h];
    double *calls = xmalloc(sizeof *calls * NQ * NSLOTS), *aht = xmalloc(sizeof *aht * NQ * NSLOTS);
    for (int k = 0; k < NQ; k++)
        for (int s = 0; s < NSLOTS; s++) {
            int d = s / 48, h = s % 48 / 2;
            double day = 18000 * (d % 7 >= 5 ? 0.6 : 1.0);
            calls[k * NSLOTS + s] = day * share[k] * shape[h] / tot / 2;
            aht[k * NSLOTS + s] = q[k].aht_s * (0.95 + 0.1 * (h % 5) / 4);
        }
    uint32_t *skills = xcalloc(NAG, sizeof *skills);
    MsimSpan *span = xmalloc(sizeof *span * NAG * DAYS * 2);
    int nspans = 0;
    Rng r;
    rng_seed(&r, 2021);
    for (int a = 0; a < NAG; a++) {
        skills[a] = a < 340 ? 0 : a < 360 ? 1u << 1 : a < 375 ? 1u << 2 : a < 390 ? 1u << 3 : (1u << 1 | 1u << 3);
        for (int d = 0; d < DAYS; d++) {
            if (rng_unif(&r) > 0.5)
                continue;
            /* starts weighted to the day's peak: 07:00-14:00, some at 22:00 */
            long start = d * 86400L + (a % 10 == 0 ? 22 * 3600 : (7 + (long)rng_below(&r, 8)) * 3600);
            long meal = start + 4 * 3600;
            span[nspans++] = (MsimSpan){ a, start, meal };
            span[nspans++] = (MsimSpan){ a, meal + 3600, start + 9 * 3600 };
        }
    }
    MsimIn in = { NQ, q, NSLOTS, HALF_HOUR, calls, aht, NAG, skills, nspans, span, 20, 7 };
    MsimSlot *o = xmalloc(sizeof *o * NQ * NSLOTS);
    WfmErr err;
    double best = INFINITY;
    for (int rep = 0; rep < 3; rep++) {
        in.seed = 7 + (uint64_t)rep;
        double t0 = now_s();
        assert_int_equal(msim_run(&in, o, &err), 0);
        double dt = now_s() - t0;
        if (dt < best)
            best = dt;
    }
    long off = 0, ans = 0;
    for (int k = 0; k < NQ; k++) {
        MsimSlot t = total(o, k, NSLOTS, 0, NSLOTS);
        off += t.offered, ans += t.answered;
        print_message("  queue %d: %ld offered, answer rate %.3f, SL %.3f\n", k, t.offered,
                      (double)t.answered / (double)t.offered, (double)t.within / (double)t.offered);
    }
    print_message("  a month: %ld calls, %d agents, %d spans: %.3f s a replication (best of 3)\n", off, NAG, nspans,
                  best);
    assert_true(off > 400000 && off < 600000);
    assert_true(ans > 0);
    /* printed, never asserted: timing is make bench's business */
    free(calls), free(aht), free(skills), free(span), free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agrees_with_erlang),
        cmocka_unit_test(test_skilled_queue_without_its_agents),
        cmocka_unit_test(test_skilled_agents_take_general_calls),
        cmocka_unit_test(test_skill_first),
        cmocka_unit_test(test_general_call_prefers_agent_without_skills),
        cmocka_unit_test(test_meal_hole),
        cmocka_unit_test(test_touching_spans),
        cmocka_unit_test(test_conservation),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_month_speed),
    };
    return cmocka_run_group_tests_name("msim", tests, NULL, NULL);
}
