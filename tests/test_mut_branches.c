/*
 * test_mut_branches.c - issue 21: branches `make coverage` found never
 * taken in model/ and solver/ and worth a test (tests/BRANCHES.md lists the
 * rest with the reason each is left).  Refusals of bad input, the search
 * running out of agents, zero agents, records outside the tables.
 */
#include "helpers.h"
#include "../model/erlang.h"
#include "../model/fcst.h"
#include "../model/score.h"
#include "../solver/check.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"

/* erlang.c: every invalid input and target is refused with WFM_EINPUT. */
static void test_erlang_refusals(void **state)
{
    (void)state;
    WfmErr err;
    ErlangOut o;
    const ErlangIn bad_in[] = {
        { 100, 0, 180, 10, 20, -1 },          /* interval 0 */
        { 100, 3600, 180, 10, -1, -1 },       /* threshold below 0 */
        { 100, 3600, 180, 10, 20, -0.5 },     /* patience between -1 and 0 */
        { 100, 3600, 180, 10, 20, NAN },      /* patience not a number */
    };
    for (size_t i = 0; i < sizeof bad_in / sizeof bad_in[0]; i++)
        assert_int_equal(erlang_eval(&bad_in[i], &o, &err), WFM_EINPUT);
    ErlangIn in = { 100, 3600, 180, 0, 20, 60 }, no_pat = { 100, 3600, 180, 0, 20, -1 };
    const ErlangTarget bad_tg[] = {
        { 1.5, 0, 0, 0, 0, 0 }, { 0, 0, 0, 2, 0, 1 }, { 0, 0, 0, 0, 1.5, 0 },
        { 0.8, 0, NAN, 0, 0, 0 }, { 0.8, 0, -1, 0, 0, 0 },
    };
    int n;
    for (size_t i = 0; i < sizeof bad_tg / sizeof bad_tg[0]; i++) {
        assert_int_equal(erlang_staff(&in, &bad_tg[i], 1000, &n, &o, &err), WFM_EINPUT);
        assert_int_equal(erlang_staff_naive(&in, &bad_tg[i], 1000, &n, &o, &err), WFM_EINPUT);
    }
    ErlangTarget ta = { 0.8, SL_ANSWERED_OVER_OFFERED, 0, 0, 0, 1 };
    assert_int_equal(erlang_staff(&no_pat, &ta, 1000, &n, &o, &err), WFM_EINPUT);   /* Erlang A without patience */
    ErlangTarget tc = { 0.8, 0, 0, 0, 0, 0 };
    assert_int_equal(erlang_staff(&in, &tc, -1, &n, &o, &err), WFM_EINPUT);
}

/* erlang.c: the gallop reaches max_agents without meeting the target (the
 * bound alone is below it): WFM_ESOLVE with *agents = max_agents, as the
 * naive count says. */
static void test_erlang_runs_out(void **state)
{
    (void)state;
    WfmErr err;
    ErlangOut o;
    ErlangIn in = { 480, 3600, 180, 0, 5, -1 };   /* 24 Erlangs */
    ErlangTarget tg = { 0.995, 0, 0, 0, 0, 0 };
    int n = -1, want = -1;
    assert_int_equal(erlang_staff(&in, &tg, 1000, &want, &o, &err), 0);
    assert_true(want > 27);
    assert_int_equal(erlang_staff(&in, &tg, 26, &n, &o, &err), WFM_ESOLVE);
    assert_int_equal(n, 26);
    assert_int_equal(erlang_staff_naive(&in, &tg, 26, &n, &o, &err), WFM_ESOLVE);
    assert_int_equal(n, 26);
    assert_int_equal(erlang_staff_naive(&in, &tg, 1000, &n, &o, &err), 0);
    assert_int_equal(n, want);
}

/* erlang.c: no agents at patience 0: every caller is blocked and leaves. */
static void test_erlang_no_agents(void **state)
{
    (void)state;
    WfmErr err;
    ErlangOut o;
    ErlangIn in = { 100, 3600, 180, 0, 20, 0 };
    assert_int_equal(erlang_eval(&in, &o, &err), 0);
    assert_close(o.erlang_b, 1, 0);
    assert_close(o.a_p_abandon, 1, 0);
    assert_close(o.a_occupancy, 0, 0);
    assert_close(o.a_sl_answered_over_offered, 0, 0);
}

/* fcst.c: a name for no method; too short a history scores nothing and the
 * automatic choice chooses nothing (-1 for each month). */
static void test_fcst_nothing_to_score(void **state)
{
    (void)state;
    int first = date_from_ymd(2021, 3, 10), nd = 20;
    double *y = xmalloc(sizeof *y * 24 * nd);
    Calendar cal;
    cal_init(&cal, NULL, 0);
    for (int i = 0; i < 24 * nd; i++)
        y[i] = 10;
    FcstHist h = { y, first, nd, &cal, HOL_OWN_KIND, NULL, 0, 8, 0, 0, 0 };
    FcstScore sc;
    int chosen[2] = { 5, 5 };
    assert_string_equal(fcst_name(-1), "?");
    assert_string_equal(fcst_name(FC_COUNT), "?");
    assert_int_equal(fcst_backtest(FC_MEAN, &h, 2, &sc), -1);
    assert_int_equal(fcst_backtest_auto(&h, 2, 2, &sc, chosen), -1);
    assert_int_equal(chosen[0], -1);
    assert_int_equal(chosen[1], -1);
    cal_free(&cal);
    free(y);
}

/* score.c: records outside the tables (agent, queue or shift out of range,
 * a quarter hour or less available) change nothing. */
static void test_score_ignores_stray_records(void **state)
{
    (void)state;
    enum { NAG = 6, NDAY = 8 };
    PerfRec p[NAG * NDAY + 4];
    AgentScore a[NAG], b[NAG];
    ScoreWeights w = { 1, 0, 0, 0 };
    size_t n = 0;
    memset(p, 0, sizeof p);
    for (int g = 0; g < NAG; g++)
        for (int d = 0; d < NDAY; d++) {
            PerfRec *x = &p[n++];
            x->agent = g, x->day = d, x->shift = SK_DAY;
            x->logged_s = 7 * 3600, x->handled = 80 + 3 * g + (d * g) % 5;
            x->resolved_first = x->transfers = x->qa = NAN;
        }
    score_compute(p, n, NAG, NULL, &w, 1, a);
    PerfRec stray[4] = { p[0], p[1], p[2], p[3] };
    stray[0].agent = NAG, stray[1].queue = 64, stray[2].shift = SK_COUNT, stray[3].logged_s = 900;
    stray[3].handled = 500;
    memcpy(&p[n], stray, sizeof stray);
    score_compute(p, n + 4, NAG, NULL, &w, 1, b);
    for (int g = 0; g < NAG; g++) {
        assert_int_equal(a[g].days, b[g].days);
        assert_close(a[g].composite, b[g].composite, 0);
        assert_close(a[g].cpd, b[g].cpd, 0);
    }
}

/* check.c: a rule's name out of range; a template index the configuration
 * lacks; overtime below zero; a break slot outside 0-7. */
static void test_check_strays(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    enum { D = 7, C = 1 };
    RosterAgent ag = { "S1", 0, 0, 1, 0, 40 };
    Assign a[C + D];
    CheckReport rep;
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err), 0);
    cfg.contract_days = 0, cfg.nlimits = 0;
    assert_string_equal(check_rule_name(-1), "?");
    assert_string_equal(check_rule_name(CHK_COUNT), "?");
    int d09 = -1;
    for (int s = 0; s < cfg.nshifts; s++)
        if (strcmp(cfg.shifts[s].name, "D09") == 0)
            d09 = s;
    memset(a, 0, sizeof a);
    for (int d = 0; d < C + D; d++)
        a[d].shift = ROSTER_OFF, a[d].meal_off_min = -1;
    Roster r = { date_from_ymd(2021, 1, 4), D, C, 1, &ag, a, NULL, NULL, 0, 0 };
    Assign *x = &a[C + 1];
    x->shift = d09, x->start_min = cfg.shifts[d09].start_min, x->meal_off_min = cfg.shifts[d09].meal_from_min;
    assert_int_equal(check_roster(&cfg, &r, NULL, &rep), 0);
    check_free(&rep);
    x->break_slot = 8;
    check_roster(&cfg, &r, NULL, &rep);
    assert_int_equal(rep.by_rule[CHK_BREAK], 1);
    check_free(&rep);
    x->break_slot = 0, x->ot_before_min = -5;
    check_roster(&cfg, &r, NULL, &rep);
    assert_int_equal(rep.by_rule[CHK_OVERTIME], 1);
    check_free(&rep);
    x->ot_before_min = 0, x->shift = cfg.nshifts;
    check_roster(&cfg, &r, NULL, &rep);
    assert_int_equal(rep.by_rule[CHK_TEMPLATE], 1);
    check_free(&rep);
    wfm_config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_refusals),
        cmocka_unit_test(test_erlang_runs_out),
        cmocka_unit_test(test_erlang_no_agents),
        cmocka_unit_test(test_fcst_nothing_to_score),
        cmocka_unit_test(test_score_ignores_stray_records),
        cmocka_unit_test(test_check_strays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
