/*
 * test_mut_solver.c - issue 21: the rule checker and the roster at their
 * limits (exactly the limit, one past it), and coverage where a carried-in
 * shift's meal falls after midnight.  Each test names the planted bug it
 * was written against (tests/mutants.txt).
 */
#include "helpers.h"
#include "../solver/assign.h"
#include "../solver/check.h"
#include "../solver/colgen.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"
#include "../model/regular.h"

enum { NG = 10, ND = 14, NC = 7 };

static WfmConfig seoul;
static RosterAgent ag[NG];
static Assign as[NG * (NC + ND)];
static unsigned char lv[NG * ND];
static Roster ros;

static int tpl(const WfmConfig *c, const char *name)
{
    for (int s = 0; s < c->nshifts; s++)
        if (strcmp(c->shifts[s].name, name) == 0)
            return s;
    fail_msg("no template %s", name);
    return -1;
}

static Assign *at(int g, int d)
{
    return &as[g * (NC + ND) + NC + d];
}

static void put(const WfmConfig *c, int g, int d, int s)
{
    Assign *x = at(g, d);
    memset(x, 0, sizeof *x);
    x->shift = s;
    if (s < 0)
        return;
    x->start_min = c->shifts[s].start_min;
    x->meal_off_min = c->shifts[s].meal_min ? c->shifts[s].meal_from_min : -1;
    x->break_slot = g % 8;
}

/* Ten agents of the Seoul-like configuration, all off, two weeks from
 * Monday 2021-01-04 with the week before carried in: 0-5 day team, 6-9
 * night team; the rules judged one at a time. */
static void reset(void)
{
    memset(lv, 0, sizeof lv);
    for (int g = 0; g < NG; g++) {
        memset(&ag[g], 0, sizeof ag[g]);
        snprintf(ag[g].id, sizeof ag[g].id, "M%02d", g);
        ag[g].team = g < 6 ? 0 : 2;
        ag[g].remote_ok = 1, ag[g].night_ok = g >= 6, ag[g].weekly_hours = 40;
        for (int d = -NC; d < ND; d++)
            put(&seoul, g, d, ROSTER_OFF);
    }
    ros = (Roster){ date_from_ymd(2021, 1, 4), ND, NC, NG, ag, as, lv, NULL, 0, 0 };
    seoul.contract_days = 0, seoul.nlimits = 0, seoul.remote_seats = 0;
}

static size_t count(int rule)
{
    CheckReport rep;
    check_roster(&seoul, &ros, NULL, &rep);
    size_t n = rep.by_rule[rule];
    check_free(&rep);
    return n;
}

static int setup(void **state)
{
    WfmErr err;
    (void)state;
    return cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &seoul, &err) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    wfm_config_free(&seoul);
    return 0;
}

/* Bug: one day more than the most days in a row allowed (6 in Seoul).
 * Six evenings in a row pass, seven do not; across the carried-in days too. */
static void test_consecutive_limit(void **state)
{
    (void)state;
    int e = tpl(&seoul, "E18");
    assert_int_equal(seoul.max_consecutive_days, 6);
    reset();
    for (int d = 0; d < 6; d++)
        put(&seoul, 6, d, e);
    assert_int_equal(count(CHK_CONSECUTIVE), 0);
    put(&seoul, 6, 6, e);
    assert_int_equal(count(CHK_CONSECUTIVE), 1);
    reset();
    for (int d = -3; d < 3; d++)
        put(&seoul, 7, d, e);
    assert_int_equal(count(CHK_CONSECUTIVE), 0);
    put(&seoul, 7, 3, e);
    assert_int_equal(count(CHK_CONSECUTIVE), 1);
}

static int e18_of(void)
{
    return tpl(&seoul, "E18");
}

/* Bug: the remote share divided by all agents instead of those working.
 * Four of ten agents work on Wednesday: two remote is the half allowed,
 * three is one too many (but only 30% of all ten). */
static void test_remote_share_of_working(void **state)
{
    (void)state;
    int s = tpl(&seoul, "D09");
    reset();
    for (int g = 0; g < 4; g++) {
        put(&seoul, g, 2, s);
        at(g, 2)->remote = g < 2;
    }
    assert_int_equal(count(CHK_REMOTE_SHARE), 0);
    at(2, 2)->remote = 1;
    assert_int_equal(count(CHK_REMOTE_SHARE), 1);
    /* The seats: three remote against 3 seats pass, against 2 do not. */
    seoul.remote_max_share = 1;
    seoul.remote_seats = 3;
    assert_int_equal(count(CHK_REMOTE_SHARE), 0);
    seoul.remote_seats = 2;
    assert_int_equal(count(CHK_REMOTE_SHARE), 1);
    seoul.remote_max_share = 0.5;
    /* Bug: remote on an office-only template accepted: N01 is office only. */
    int n01 = tpl(&seoul, "N01");
    reset();
    put(&seoul, 6, 2, n01);
    assert_int_equal(count(CHK_REMOTE), 0);
    at(6, 2)->remote = 1;
    assert_int_equal(count(CHK_REMOTE), 1);
    ag[6].remote_ok = 0;
    put(&seoul, 6, 2, e18_of());
    at(6, 2)->remote = 1;
    assert_int_equal(count(CHK_REMOTE), 1);
}

/* Bug: a meal starting after its window.  D09's window is 11:30-14:00,
 * offsets 150-300 from the start: both ends pass, a minute outside fails. */
static void test_meal_window_ends(void **state)
{
    (void)state;
    int s = tpl(&seoul, "D09");
    const ShiftTemplate *t = &seoul.shifts[s];
    assert_int_equal(t->meal_from_min, 150);
    assert_int_equal(t->meal_to_min, 300);
    reset();
    put(&seoul, 0, 1, s);
    int offs[] = { 150, 300, 149, 301 }, want[] = { 0, 0, 1, 1 };
    for (int i = 0; i < 4; i++) {
        at(0, 1)->meal_off_min = offs[i];
        assert_int_equal(count(CHK_MEAL), want[i]);
    }
}

/* Bug: two shifts exactly the minimum rest apart treated as too close.
 * D11 ends at 20:00, D07 starts at 07:00: 11 hours, the minimum; a D11
 * started a minute late leaves 10:59. */
static void test_rest_exactly_minimum(void **state)
{
    (void)state;
    int d11 = tpl(&seoul, "D11"), d07 = tpl(&seoul, "D07");
    reset();
    put(&seoul, 0, 0, d11);
    put(&seoul, 0, 1, d07);
    assert_int_equal(count(CHK_REST), 0);
    at(0, 0)->start_min += 1;
    assert_int_equal(count(CHK_REST), 1);
    /* Across the month's first day: carried-in D11, D07 on day 0. */
    reset();
    put(&seoul, 1, -1, d11);
    put(&seoul, 1, 0, d07);
    assert_int_equal(count(CHK_REST), 0);
    at(1, -1)->start_min += 1;
    assert_int_equal(count(CHK_REST), 1);
}

/* ---- a tiny center for the roster itself ------------------------------- */

/* L ends at 20:00 and M starts at 07:00: exactly the 11 hours of rest.  N
 * runs 20:00-04:00 with its hour's meal fixed at 00:30. */
static const char *const tiny_cfg =
    "center = { name = \"mut\"; };\n"
    "queues = ( { name = \"phone\"; } );\n"
    "shifts = (\n"
    "  { name = \"M\"; kind = \"day\"; start = \"07:00\"; length_h = 3.5; meal_min = 0; },\n"
    "  { name = \"L\"; kind = \"day\"; start = \"16:30\"; length_h = 3.5; meal_min = 0; },\n"
    "  { name = \"N\"; kind = \"evening\"; start = \"20:00\"; length_h = 8.0; meal_min = 60;\n"
    "    meal_window = [\"00:30\", \"00:30\"]; }\n"
    ");\n"
    "teams = ( { name = \"all\"; kinds = [\"day\", \"evening\"]; } );\n"
    "rules = { max_consecutive_days = 6; min_rest_hours = 11.0; min_days_off_per_week = 0; contract_days = false; };\n"
    "fairness = { weekend = 0.0; night = 0.0; early = 0.0; };\n";

enum { TG = 1, TD = 7, TH = 24 * TD };

typedef struct Tiny {
    WfmConfig cfg;
    RosterAgent ag[TG];
    Assign a[TG * (NC + TD)];
    unsigned char leave[TG * TD];
    double need[TH];
    Roster r;
} Tiny;

static void tiny_setup(Tiny *t)
{
    WfmErr err;
    memset(t, 0, sizeof *t);
    if (cfg_load_string(tiny_cfg, "tiny.cfg", &t->cfg, &err))
        fail_msg("%s", err.msg);
    snprintf(t->ag[0].id, sizeof t->ag[0].id, "T0");
    t->ag[0].team = 0, t->ag[0].night_ok = 1, t->ag[0].weekly_hours = 40;
    for (int d = -NC; d < TD; d++)
        t->a[NC + d].shift = ROSTER_OFF, t->a[NC + d].meal_off_min = -1;
    t->r = (Roster){ date_from_ymd(2021, 1, 4), TD, NC, TG, t->ag, t->a, t->leave, NULL, 0, 0 };
}

static double hour_cost(const WfmConfig *cfg, double need, int t, double duty)
{
    double u = fmax(0, need - duty), o = fmax(0, duty - need);
    return u * SHIFTPLAN_W_UNDER * (cfg->weak_hours[t % 24] ? cfg->weak_weight : 1) + o * SHIFTPLAN_W_OVER;
}

/* Solves, places the meals, and returns the roster's cost counted from the
 * roster alone (check_on_duty), with the checker's verdict in *nv. */
static double solve(Tiny *t, ColGenOut *out, size_t *nv)
{
    WfmErr err;
    ColGenIn in = { &t->cfg, &t->r, t->need, NULL, 10, NULL, 60, NULL, NULL, NULL };
    AssignStats st;
    CheckReport rep;
    double duty[TH], c = 0;
    assert_int_equal(colgen_solve(&in, out, &err), 0);
    assign_months(&t->cfg, out->choice, out->meal, &t->r, NULL, t->a, &st);
    *nv = check_roster(&t->cfg, &t->r, NULL, &rep);
    check_free(&rep);
    check_on_duty_share(&t->cfg, &t->r, 60, duty);   /* the solver's model */
    for (int h = 0; h < TH; h++)
        c += hour_cost(&t->cfg, t->need[h], h, duty[h]);
    for (int g = 0; g < t->r.nagents; g++) {   /* and how regular (model/regular) */
        WfmRegular reg;
        wfm_regular(&t->cfg, &t->r, g, &reg);
        c += wfm_regular_cost(&t->cfg, &reg);
    }
    return c + colgen_fairness(&t->cfg, &t->r);
}

/* Bug (roster): exactly the minimum rest apart treated as too close.  One
 * agent, needed 17:00-20:00 on Monday and 07:00-10:00 on Tuesday: L then M
 * covers both and keeps the rule. */
static void test_roster_takes_exact_rest(void **state)
{
    static Tiny t;
    ColGenOut out;
    size_t nv;
    (void)state;
    tiny_setup(&t);
    int m = tpl(&t.cfg, "M"), l = tpl(&t.cfg, "L");
    for (int h = 17; h < 20; h++)
        t.need[h] = 1;
    for (int h = 7; h < 10; h++)
        t.need[24 + h] = 1;
    double cost = solve(&t, &out, &nv);
    assert_int_equal(nv, 0);
    assert_int_equal(out.choice[0], l);
    assert_int_equal(out.choice[1], m);
    assert_close(out.objective, cost, 1e-6);
    colgen_free(&out);
    wfm_config_free(&t.cfg);
}

/* Bug: a shift carried in from the month before whose meal falls after
 * midnight counted as on the phone during the meal.  The carried-in N
 * (Sunday 20:00 - Monday 04:00) eats 00:30-01:30: on duty half of 00:00
 * and of 01:00, all of 02:00 and 03:00; the roster's own cost and the
 * checker's coverage agree. */
static void test_carried_meal_after_midnight(void **state)
{
    static Tiny t;
    ColGenOut out;
    size_t nv;
    double duty[TH];
    (void)state;
    tiny_setup(&t);
    int n = tpl(&t.cfg, "N");
    Assign *x = &t.a[NC - 1];
    x->shift = n, x->start_min = 20 * 60, x->meal_off_min = 270;
    for (int d = 0; d < TD; d++)
        for (int h = 0; h < 4; h++)
            t.need[24 * d + h] = 1;
    check_on_duty_share(&t.cfg, &t.r, 60, duty);   /* the solver's model */
    assert_close(duty[0], 0.5, 1e-12);
    assert_close(duty[1], 0.5, 1e-12);
    assert_close(duty[2], 1, 1e-12);
    assert_close(duty[3], 1, 1e-12);
    assert_close(duty[4], 0, 1e-12);
    double cost = solve(&t, &out, &nv);
    assert_int_equal(nv, 0);
    assert_close(out.objective, cost, 1e-6);
    /* The same shift inside the month: Monday's N eats Tuesday 00:30. */
    check_on_duty_share(&t.cfg, &t.r, 60, duty);   /* the solver's model */
    for (int d = 0; d + 1 < TD; d++)
        if (out.choice[d] == n) {
            assert_close(duty[24 * (d + 1)], 0.5, 1e-12);
            assert_close(duty[24 * (d + 1) + 2], 1, 1e-12);
        }
    colgen_free(&out);
    wfm_config_free(&t.cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consecutive_limit),
        cmocka_unit_test(test_remote_share_of_working),
        cmocka_unit_test(test_meal_window_ends),
        cmocka_unit_test(test_rest_exactly_minimum),
        cmocka_unit_test(test_roster_takes_exact_rest),
        cmocka_unit_test(test_carried_meal_after_midnight),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
