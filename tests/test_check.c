#include "helpers.h"
#include "../solver/check.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"

/* Two weeks from Monday 2021-01-04, with the week before carried in; ten
 * agents of the Seoul-like configuration: six day-team agents on D09 from
 * Monday to Friday, two night-team agents on E18 from Monday to Friday, two
 * weekend-team agents on W08 on Saturday and Sunday. */
enum { NG = 10, ND = 14, NC = 7 };

static WfmConfig cfg;
static RosterAgent ag[NG];
static Assign as[NG * (NC + ND)];
static unsigned char lv[NG * ND];
static Roster r;
static int D07, D09, E18, N01, W08;

static int tpl(const char *name)
{
    for (int s = 0; s < cfg.nshifts; s++)
        if (strcmp(cfg.shifts[s].name, name) == 0)
            return s;
    return -99;
}

static Assign *at(int g, int d)
{
    return &as[g * (NC + ND) + NC + d];
}

static void work(int g, int d, int s)
{
    Assign *x = at(g, d);
    x->shift = s;
    x->start_min = cfg.shifts[s].start_min;
    x->meal_off_min = cfg.shifts[s].meal_min ? cfg.shifts[s].meal_from_min + 30 : -1;
    x->remote = 0;
    x->break_slot = g % 8;
    x->ot_before_min = x->ot_after_min = x->extra = 0;
}

static void off(int g, int d)
{
    Assign *x = at(g, d);
    x->shift = ROSTER_OFF;
    x->ot_before_min = x->ot_after_min = x->extra = 0;
}

static int setup(void **state)
{
    WfmErr err;
    (void)state;
    if (cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err))
        return -1;
    D07 = tpl("D07"), D09 = tpl("D09"), E18 = tpl("E18"), N01 = tpl("N01"), W08 = tpl("W08");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wfm_config_free(&cfg);
    return 0;
}

static void reset(void)
{
    int first = date_from_ymd(2021, 1, 4);
    memset(lv, 0, sizeof lv);
    for (int g = 0; g < NG; g++) {
        snprintf(ag[g].id, sizeof ag[g].id, "T%02d", g);
        ag[g].team = g < 6 ? 0 : g < 8 ? 2 : 1;
        ag[g].skills = 0;
        ag[g].remote_ok = 1;
        ag[g].night_ok = g >= 6 && g < 8;
        ag[g].weekly_hours = g < 8 ? 40 : 16;   /* the weekend team: two 8-hour days */
        for (int d = -NC; d < ND; d++) {
            int day = first + d, wd = date_weekday(day), hol = cal_is_holiday(&cfg.holidays, day);
            if (g < 6)
                (wd < WD_SAT && !hol) ? work(g, d, D09) : off(g, d);
            else if (g < 8)
                wd < WD_SAT ? work(g, d, E18) : off(g, d);
            else
                (wd >= WD_SAT || hol) ? work(g, d, W08) : off(g, d);
        }
    }
    r = (Roster){ first, ND, NC, NG, ag, as, lv };
    cfg.contract_days = 0;   /* the rules one at a time; test_contract_days has it */
}

static size_t run(CheckReport *rep)
{
    size_t n = check_roster(&cfg, &r, NULL, rep);
    for (size_t i = 0; i < n && i < 3; i++)
        print_message("  %s: %s\n", check_rule_name(rep->v[i].rule), rep->v[i].what);
    return n;
}

static void test_valid(void **state)
{
    CheckReport rep;
    (void)state;
    reset();
    assert_int_equal(run(&rep), 0);
    check_free(&rep);
    /* Coverage from the roster alone: Monday 10:00, six on duty; 12:00, the
     * D09 meal (offset +30 in the window: 12:00-13:00) empties it; 20:00 the
     * two E18 agents are at their 30-minute meal (20:30) half the hour. */
    double duty[24 * ND];
    check_on_duty(&cfg, &r, duty);
    assert_close(duty[10], 6, 1e-9);
    assert_close(duty[12], 0, 1e-9);
    assert_close(duty[20], 1, 1e-9);
    assert_close(duty[24 + 0], 2, 1e-9);   /* Tuesday 00:00: Monday's E18 still on */
    assert_close(duty[24 + 1], 0, 1e-9);   /* ends at 01:00 */
}

static void expect_rule(int rule, const char *label)
{
    CheckReport rep;
    size_t n = run(&rep);
    if (rep.by_rule[rule] == 0)
        fail_msg("%s: rule '%s' not caught (%zu other violations)", label, check_rule_name(rule), n);
    check_free(&rep);
}

static void expect_clean(const char *label)
{
    CheckReport rep;
    if (run(&rep))
        fail_msg("%s: %zu violations in a valid roster, first: %s", label, rep.n, rep.v[0].what);
    check_free(&rep);
}

static void test_each_violation_is_caught(void **state)
{
    (void)state;
    reset(); lv[0 * ND + 2] = 1; expect_rule(CHK_LEAVE, "shift on leave");
    reset(); work(0, 3, E18); expect_rule(CHK_TEAM, "day team on an evening shift");
    reset(); ag[0].night_ok = 1; work(0, 3, E18); off(0, 4); expect_clean("night_ok allows the evening shift");
    reset(); work(0, 5, D09); expect_rule(CHK_TEMPLATE, "a weekday template on Saturday");
    reset(); at(0, 1)->start_min += 30; expect_rule(CHK_START, "start moved");
    reset(); at(0, 1)->meal_off_min = 0; expect_rule(CHK_MEAL, "meal outside the window");
    reset(); ag[0].remote_ok = 0; at(0, 1)->remote = 1; expect_rule(CHK_REMOTE, "remote without eligibility");
    reset(); for (int g = 0; g < 6; g++) at(g, 1)->remote = 1; expect_rule(CHK_REMOTE_SHARE, "6 of 8 remote");
    reset(); for (int g = 0; g < 4; g++) at(g, 1)->remote = 1; expect_clean("4 of 8 remote is half");
    reset(); at(1, 2)->break_slot = 0; expect_rule(CHK_BREAK, "two of six D09 agents in one break slot");
    /* Consecutive days, days off and hours: a day agent working the weekend too. */
    reset(); work(0, 5, W08); work(0, 6, W08); expect_rule(CHK_CONSECUTIVE, "7 days in a row");
    reset(); work(0, 5, W08); work(0, 6, W08); expect_rule(CHK_DAYS_OFF, "no day off in a week");
    reset(); work(0, 5, W08); work(0, 6, W08); expect_rule(CHK_WEEKLY_HOURS, "56 hours in a week");
    /* Six days: one day off (breaks the two-days-off rule), but 6 in a row
     * and 48 hours are allowed. */
    reset(); work(0, 5, W08);
    CheckReport rep;
    run(&rep);
    assert_true(rep.by_rule[CHK_DAYS_OFF] == 1);
    assert_true(rep.by_rule[CHK_CONSECUTIVE] == 0 && rep.by_rule[CHK_WEEKLY_HOURS] == 0);
    check_free(&rep);
}

/* rules.contract_days: a week asks as many of the team's longest paid
 * shifts as the weekly hours fill (D09 8 h: five days of 40 h; E18 6.5 h:
 * five, at most 7 less the two days off; the weekend team's 16 h: two),
 * less the days of leave. */
static void test_contract_days(void **state)
{
    (void)state;
    reset(); cfg.contract_days = 1; expect_clean("every agent works his contract's days");
    reset(); cfg.contract_days = 1; off(0, 2); expect_rule(CHK_CONTRACT, "a day agent off on a Wednesday");
    reset(); cfg.contract_days = 1; off(6, 9); expect_rule(CHK_CONTRACT, "an evening agent off in week 2");
    reset(); cfg.contract_days = 1; off(8, 5); expect_rule(CHK_CONTRACT, "a weekend agent off on Saturday");
    reset(); cfg.contract_days = 1; off(0, 2); lv[0 * ND + 2] = 1; expect_clean("the day off is leave");
    reset(); cfg.contract_days = 1; ag[0].weekly_hours = 32; off(0, 2); expect_clean("a 32-hour contract: four days");
    reset(); cfg.contract_days = 1; ag[0].weekly_hours = 32; off(0, 2); off(0, 3);
    expect_rule(CHK_CONTRACT, "a 32-hour contract, three days");
    /* A month from Wednesday 2021-01-06, the Monday and Tuesday carried in
     * (the rows keep their days; at() still counts from Monday): its first
     * week has five days in the month and asks 5 x 5 / 7 = 3 of them, at
     * most the five working days less the two carried ones. */
    reset(); cfg.contract_days = 1;
    r.first_day += 2, r.ndays -= 2, r.carry_days += 2;
    expect_clean("two carried days and Wednesday to Friday");
    off(0, 2); expect_rule(CHK_CONTRACT, "two carried days, Thursday and Friday");
    cfg.contract_days = 0;
}

/* A team with every_weekend (the sample's weekend team, 주말필수): its agents
 * work every Saturday and Sunday they are not on leave. */
static void test_weekend_duty(void **state)
{
    (void)state;
    reset(); assert_true(cfg.teams[ag[8].team].every_weekend); expect_clean("the weekend team on W08 every weekend");
    reset(); off(8, 12); expect_rule(CHK_WEEKEND_DUTY, "a weekend agent off on the second Saturday");
    reset(); off(8, 12); lv[8 * ND + 12] = 1; expect_clean("that Saturday is leave");
    reset(); off(0, 5); expect_clean("a day agent off on Saturday");
}

static void test_rest_traps(void **state)
{
    (void)state;
    /* A forbidden transition must not forbid others: after Monday's E18
     * (ends 01:00), Tuesday's D07 (6 h of rest) and N01 (0 h) break the
     * 11-hour rule; Tuesday's E18 (17 h) does not. */
    reset(); ag[0].night_ok = 1; work(0, 0, E18); work(0, 1, D07); expect_rule(CHK_REST, "E18 then D07");
    reset(); ag[6].night_ok = 1; work(6, 1, N01); expect_rule(CHK_REST, "E18 then N01");
    reset(); ag[0].night_ok = 1; work(0, 0, E18); work(0, 1, E18); off(0, 2); off(0, 3); off(0, 4);
    expect_clean("E18 then E18");
    reset(); work(0, 0, D07); work(0, 1, D09); expect_clean("D07 then D09");
    /* Across the month's first day: the carried-in Sunday's E18 and the
     * first Monday's D07. */
    reset(); ag[0].night_ok = 1; work(0, -1, E18); work(0, 0, D07); expect_rule(CHK_REST, "carried E18 then D07");
    /* Consecutive days across the first day: carried Thu-Sun worked + Mon-Wed. */
    reset(); for (int d = -4; d < 0; d++) work(0, d, W08); expect_rule(CHK_CONSECUTIVE, "carried-in run");
}

static void test_skills(void **state)
{
    int q = -1;
    (void)state;
    for (int i = 0; i < cfg.nqueues; i++)
        if (strcmp(cfg.queues[i].name, "foreign") == 0)
            q = i;
    assert_true(q >= 0);
    unsigned char *need = xcalloc((size_t)cfg.nqueues * 24 * ND, 1);
    need[(size_t)q * 24 * ND + 10] = 1;   /* Monday 10:00 */
    CheckReport rep;
    reset();
    check_roster(&cfg, &r, need, &rep);
    assert_true(rep.by_rule[CHK_SKILL] == 1);
    check_free(&rep);
    ag[3].skills = 1u << q;   /* one agent with the skill, on duty 09-18 */
    check_roster(&cfg, &r, need, &rep);
    assert_true(rep.by_rule[CHK_SKILL] == 0);
    check_free(&rep);
    need[(size_t)q * 24 * ND + 12] = 1;   /* 12:00: that agent is at his meal */
    check_roster(&cfg, &r, need, &rep);
    assert_true(rep.by_rule[CHK_SKILL] == 1);
    check_free(&rep);
    free(need);
}

/* Overtime (surge stage 1) counts in rest, weekly hours, the overtime caps
 * (4 h a day, 12 h a week in the sample) and coverage. */
static void test_overtime(void **state)
{
    (void)state;
    reset(); at(0, 0)->ot_after_min = 180; expect_clean("3 h after Monday's D09");
    double duty[24 * ND];
    check_on_duty(&cfg, &r, duty);
    assert_close(duty[18], 1 + 2, 1e-9);   /* agent 0 stays 18:00-21:00, the two E18 agents start */
    assert_close(duty[20], 1 + 1, 1e-9);   /* and the two E18 agents at their meal half the hour */
    assert_close(duty[21], 2, 1e-9);
    reset(); at(0, 0)->ot_before_min = 120; check_on_duty(&cfg, &r, duty);
    assert_close(duty[7], 1, 1e-9);
    assert_close(duty[8], 1, 1e-9);
    assert_close(duty[6], 0, 1e-9);
    reset(); at(0, 0)->ot_after_min = 300; expect_rule(CHK_OVERTIME, "5 h of overtime in a day");
    reset(); at(0, 0)->ot_before_min = 120; at(0, 0)->ot_after_min = 180; expect_rule(CHK_OVERTIME, "2 + 3 h in a day");
    reset(); for (int d = 0; d < 5; d++) at(0, d)->ot_after_min = 180;
    expect_rule(CHK_OVERTIME, "15 h in a week");
    reset(); for (int d = 0; d < 5; d++) at(0, d)->ot_after_min = 180;
    expect_rule(CHK_WEEKLY_HOURS, "55 h in a week");
    /* The rest rule sees the overtime: D09 + 3 h ends at 21:00, Tuesday's
     * D07 leaves 10 h; without the overtime 13 h is fine. */
    reset(); work(0, 1, D07); expect_clean("D09 then D07");
    reset(); work(0, 1, D07); at(0, 0)->ot_after_min = 180; expect_rule(CHK_REST, "D09 + 3 h then D07");
    reset(); work(0, 1, D07); at(0, 1)->ot_before_min = 180; expect_rule(CHK_REST, "D09 then 3 h before D07");
    /* An extra shift on a day off is overtime as a whole: W08 on Saturday
     * (8 h) plus an hour on each weekday is 13 h, over 12; the same as a
     * rostered shift is 5 h of overtime. */
    reset(); work(0, 5, W08); at(0, 5)->extra = 1;
    for (int d = 0; d < 5; d++) at(0, d)->ot_after_min = 60;
    expect_rule(CHK_OVERTIME, "extra Saturday + 5 h");
    CheckReport rep;
    reset(); work(0, 5, W08);
    for (int d = 0; d < 5; d++) at(0, d)->ot_after_min = 60;
    run(&rep);
    assert_true(rep.by_rule[CHK_OVERTIME] == 0);
    check_free(&rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid), cmocka_unit_test(test_each_violation_is_caught),
        cmocka_unit_test(test_contract_days), cmocka_unit_test(test_weekend_duty), cmocka_unit_test(test_rest_traps), cmocka_unit_test(test_skills), cmocka_unit_test(test_overtime),
    };
    return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
