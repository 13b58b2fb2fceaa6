/*
 * test_progress.c - the progress of a roster solve: the throttle that
 * decides when a line is due (core/throttle.h), against a second count;
 * and what colgen_solve tells its progress callback, against its own
 * ColGenOut.
 */
#include "helpers.h"
#include "../core/throttle.h"
#include "../data/cfg.h"
#include "../solver/colgen.h"

/* Boundaries, exactly: a line at the first call; none within every
 * seconds of the last line of the same key; one at exactly every seconds;
 * one at once for a new key, from which the next wait counts. */
static void test_throttle_boundaries(void **state)
{
    (void)state;
    static const struct { double now; int key, due; } step[] = {
        { 0, 0, 1 },      /* the first call */
        { 0, 0, 0 },
        { 2.375, 0, 0 },
        { 2.5, 0, 1 },    /* exactly every seconds */
        { 2.625, 1, 1 },  /* a new key */
        { 2.75, 1, 0 },
        { 5.0, 1, 0 },    /* every seconds since the last line, not since the first of its key */
        { 5.125, 1, 1 },
        { 5.25, 0, 1 },   /* back to an earlier key: a change too */
        { 5.25, 2, 1 },   /* two changes at the same moment */
        { 100, 2, 1 },
    };
    Throttle t;
    throttle_init(&t, 2.5);
    for (size_t i = 0; i < sizeof step / sizeof step[0]; i++) {
        int due = throttle_due(&t, step[i].now, step[i].key);
        if (due != step[i].due)
            fail_msg("step %zu (%.3f s, key %d): due %d, expected %d", i, step[i].now, step[i].key, due, step[i].due);
    }
}

/* A solver reporting every 1/8 s for 20 s in phases that change at given
 * times: the lines counted by the throttle equal the lines counted by hand
 * - per phase one at its start and one per whole every seconds after it
 * (times exact in binary, so no rounding decides a boundary). */
static void test_throttle_counts(void **state)
{
    (void)state;
    static const double change[] = { 0, 0.25, 7.5, 7.625, 12.0, 20.0 };   /* phase k runs [change[k], change[k + 1]) */
    int nph = (int)(sizeof change / sizeof change[0]) - 1;
    for (double every = 0.5; every <= 8; every *= 2) {
        Throttle t;
        throttle_init(&t, every);
        int lines = 0, expected = 0;
        for (int k = 0; k < nph; k++) {
            double len = change[k + 1] - change[k];
            expected += 1 + (int)((len - 0.125) / every);   /* calls at start + j/8 for j/8 < len */
        }
        for (int i = 0; i < 160; i++) {
            double now = i * 0.125;
            int k = 0;
            while (k + 1 < nph && now >= change[k + 1])
                k++;
            lines += throttle_due(&t, now, k);
        }
        if (lines != expected)
            fail_msg("every %.2f s: %d lines, %d expected", every, lines, expected);
    }
}

/* What the solve tells, recorded. */
typedef struct Heard {
    int n, phases[COLGEN_PHASE_N];
    ColGenProgress first, last;
    int order_ok, time_ok, rounds_ok, fixed_ok;
    double last_elapsed;
    int last_phase, last_rounds, last_fixed;
} Heard;

static void hear(void *user, const ColGenProgress *p)
{
    Heard *h = user;
    if (h->n == 0)
        h->first = *p;
    else {
        h->order_ok &= p->phase >= h->last_phase;
        h->time_ok &= p->elapsed >= h->last_elapsed;
        h->rounds_ok &= p->rounds >= h->last_rounds;
        h->fixed_ok &= p->fixed >= h->last_fixed && p->fixed <= p->agents;
    }
    if (p->phase >= 0 && p->phase < COLGEN_PHASE_N)
        h->phases[p->phase]++;
    h->last = *p, h->n++;
    h->last_phase = p->phase, h->last_elapsed = p->elapsed, h->last_rounds = p->rounds, h->last_fixed = p->fixed;
}

/* A week of a one-template center, 4 agents: the callback hears the start
 * first, the end last, phases in order and time never going back; its
 * last values are the solve's own (rounds, bound, objective). */
static void test_colgen_tells(void **state)
{
    (void)state;
    enum { G = 4, D = 7, C = 7, H = 24 * D };
    WfmConfig c;
    WfmErr err;
    RosterAgent ag[G];
    Assign a[G * (C + D)];
    double need[H] = { 0 };
    if (cfg_load_string("center = { name = \"p\"; };\n"
                        "shifts = ( { name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60;\n"
                        "  meal_window = [\"12:00\", \"13:00\"]; } );\n"
                        "queues = ( { name = \"phone\"; } );\nteams = ( { name = \"day\"; } );\n",
                        "p.cfg", &c, &err))
        fail_msg("%s", err.msg);
    for (int d = 0; d < D; d++)
        for (int h = 9; h < 18; h++)
            need[24 * d + h] = d < 5 ? 3 : 1;
    memset(ag, 0, sizeof ag);
    for (int g = 0; g < G; g++) {
        snprintf(ag[g].id, sizeof ag[g].id, "P%d", g);
        for (int d = 0; d < C + D; d++)
            a[g * (C + D) + d] = (Assign){ ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 };
    }
    Roster r = { date_from_ymd(2021, 1, 4), D, C, G, ag, a, NULL, NULL, 0, 0 };
    Heard h = { 0 };
    h.order_ok = h.time_ok = h.rounds_ok = h.fixed_ok = 1;
    ColGenIn in = { &c, &r, need, NULL, 10, NULL, 60, NULL, hear, &h };
    ColGenOut out;
    assert_int_equal(colgen_solve(&in, &out, &err), 0);
    assert_true(h.n >= 2);
    assert_int_equal(h.first.phase, COLGEN_PHASE_START);
    assert_int_equal(h.first.agents, G);
    assert_true(isnan(h.first.lp) && isnan(h.first.bound) && isnan(h.first.best));
    assert_close(h.first.limit, 10, 0);
    assert_int_equal(h.last.phase, COLGEN_PHASE_DONE);
    assert_int_equal(h.phases[COLGEN_PHASE_START], 1);
    assert_int_equal(h.phases[COLGEN_PHASE_DONE], 1);
    assert_true(h.phases[COLGEN_PHASE_ROOT] >= 1 && h.phases[COLGEN_PHASE_DIVE] >= 1 && h.phases[COLGEN_PHASE_ANNEAL] >= 1);
    assert_true(h.order_ok && h.time_ok && h.rounds_ok && h.fixed_ok);
    assert_int_equal(h.last.rounds, out.rounds);
    assert_close(h.last.bound, out.bound, 1e-9);
    assert_close(h.last.best, out.objective, 1e-9);
    assert_true(h.last.elapsed <= out.seconds + 1e-9);
    assert_true(h.last.best >= h.last.bound - 1e-6);
    for (int k = 0; k < COLGEN_PHASE_N; k++)
        assert_true(strcmp(colgen_phase_name(k), "?") != 0);
    assert_string_equal(colgen_phase_name(COLGEN_PHASE_N), "?");
    assert_string_equal(colgen_phase_name(-1), "?");
    colgen_free(&out);
    wfm_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_throttle_boundaries),
        cmocka_unit_test(test_throttle_counts),
        cmocka_unit_test(test_colgen_tells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
