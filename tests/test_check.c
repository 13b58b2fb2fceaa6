#include "helpers.h"
#include "../solver/check.h"
#include "../solver/assign.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"
#include "../core/rng.h"
#include "../model/rules.h"

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
    r = (Roster){ first, ND, NC, NG, ag, as, lv, NULL, 0, 0 };
    cfg.contract_days = 0;   /* the rules one at a time; test_contract_days has it */
    cfg.nlimits = 0;         /* test_limits sets its own */
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
     * two E18 agents are at their 30-minute meal (20:30) half the hour.
     * Agents on the phone, in agents on duty (a minute worth 60 / 52.5):
     * in a whole hour each takes his 7.5-minute break, so six are six; at
     * 20:00 the E18 agents' breaks (slots 6 and 7: 20:45, 20:52:30) fall
     * in their meal and are not taken - 30 minutes each, 2 x 30 / 52.5. */
    double duty[24 * ND], half[48 * ND];
    check_on_duty(&cfg, &r, duty);
    assert_close(duty[10], 6, 1e-9);
    assert_close(duty[12], 0, 1e-9);
    assert_close(duty[20], 2 * 30 / 52.5, 1e-9);
    /* At the half hour the breaks fall where their slots are: D09 agents
     * 0-5 in slots 0-5, four breaks in 10:00-10:30 and two in 10:30-11:00. */
    check_on_duty_at(&cfg, &r, 30, half);
    assert_close(half[20], (6 * 30 - 4 * 7.5) / 26.25, 1e-9);
    assert_close(half[21], (6 * 30 - 2 * 7.5) / 26.25, 1e-9);
    assert_close(half[41], 0, 1e-9);   /* 20:30-21:00: the E18 pair at their meal */
    /* With the breaks as their share (the solver's model): agents on duty. */
    check_on_duty_share(&cfg, &r, 60, duty);
    assert_close(duty[10], 6, 1e-9);
    assert_close(duty[20], 1, 1e-9);
    check_on_duty_share(&cfg, &r, 30, half);
    assert_close(half[20], 6, 1e-9);
    assert_close(half[40], 2, 1e-9);
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
     * and 48 hours on a 48-hour contract are allowed (on his 40-hour one
     * they are not: test_contract_days). */
    reset(); ag[0].weekly_hours = 48; work(0, 5, W08);
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
    reset(); cfg.contract_days = 1; ag[0].weekly_hours = 32;
    for (int d = 2; d < ND; d += 7)
        off(0, d);
    expect_clean("a 32-hour contract: four days");
    at(0, 0)->ot_after_min = 180; expect_clean("a 32-hour contract: four days and 3 h of overtime");
    work(0, 9, D09); expect_rule(CHK_WEEKLY_HOURS, "a 32-hour contract: five days (40 hours besides overtime)");
    cfg.contract_days = 0; expect_rule(CHK_WEEKLY_HOURS, "without the contract rule still more than the contract's hours");
    reset(); cfg.contract_days = 1; ag[0].weekly_hours = 32;
    for (int d = 2; d < ND; d += 7)
        off(0, d);
    off(0, 3);
    expect_rule(CHK_CONTRACT, "a 32-hour contract, three days");
    /* A month from Wednesday 2021-01-06, the Monday and Tuesday carried in
     * (the rows keep their days; at() still counts from Monday): its first
     * week has five days in the month and asks 5 x 5 / 7 = 3 of them, at
     * most the five working days less the two carried ones. */
    reset(); cfg.contract_days = 1;
    r.first_day += 2, r.ndays -= 2, r.carry_days += 2;
    expect_clean("two carried days and Wednesday to Friday");
    off(0, 2); expect_rule(CHK_CONTRACT, "two carried days, Thursday and Friday");
    /* A 20-hour part-timer (two 8-hour days a week) who worked the carried
     * Monday and Tuesday has no hours left that week: the month's part of
     * it asks nothing (found in the months that start mid-week). */
    reset(); cfg.contract_days = 1; ag[0].weekly_hours = 20;
    r.first_day += 2, r.ndays -= 2, r.carry_days += 2;
    for (int d = 2; d < 7; d++)
        off(0, d);
    for (int d = 9; d < 12; d++)
        off(0, d);
    expect_clean("a part-timer's carried days fill his week");
    /* A month that ends on a Friday: the weekend team's Saturday and
     * Sunday after it fill its 16-hour week, so its Monday to Friday asks
     * nothing (the next month's weekend duty would break the hours). */
    reset(); cfg.contract_days = 1;
    Assign w[NC + 12];
    unsigned char wl[12] = { 0 };
    for (int d = -NC; d < 12; d++)
        w[NC + d] = *at(8, d);   /* the weekend agent: W08 on Saturday and Sunday */
    Roster wr = { r.first_day, 12, NC, 1, &ag[8], w, wl, NULL, 0, 0 };
    CheckReport rep;
    check_roster(&cfg, &wr, NULL, &rep);
    if (rep.n)
        fail_msg("the next month's weekend fills the weekend team's week: %s", rep.v[0].what);
    check_free(&rep);
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
    /* Two skilled agents who lunch together from 12:30: the hour has 60
     * skilled minutes (both on 12:00-12:30) and still nobody 12:30-13:00. */
    ag[4].skills = 1u << q;
    at(3, 0)->meal_off_min = at(4, 0)->meal_off_min = 12 * 60 + 30 - cfg.shifts[D09].start_min;
    check_roster(&cfg, &r, need, &rep);
    assert_int_equal(rep.by_rule[CHK_SKILL], 1);
    assert_non_null(strstr(rep.v[rep.n - 1].what, "12:30: queue foreign has nobody"));
    assert_non_null(strstr(rep.v[rep.n - 1].what, "for 30 minutes"));
    check_free(&rep);
    at(4, 0)->meal_off_min = 11 * 60 - cfg.shifts[D09].start_min;   /* back by 12:00: on the phone all hour */
    check_roster(&cfg, &r, need, &rep);
    assert_int_equal(rep.by_rule[CHK_SKILL], 0);
    check_free(&rep);
    /* A queue that asks two on the phone (min_skilled 2): at 12:00 agent 3
     * lunches from 12:30 and only agent 4 is left for 30 minutes; 10:00
     * has both all hour. */
    cfg.queues[q].min_skilled = 2;
    check_roster(&cfg, &r, need, &rep);
    assert_int_equal(rep.by_rule[CHK_SKILL], 1);
    assert_non_null(strstr(rep.v[rep.n - 1].what, "12:30: queue foreign has 1 (fewer than 2) with skill"));
    assert_non_null(strstr(rep.v[rep.n - 1].what, "for 30 minutes"));
    check_free(&rep);
    at(3, 0)->meal_off_min = 13 * 60 - cfg.shifts[D09].start_min;   /* his meal after the hour: two all along */
    check_roster(&cfg, &r, need, &rep);
    assert_int_equal(rep.by_rule[CHK_SKILL], 0);
    check_free(&rep);
    cfg.queues[q].min_skilled = 1;
    /* The breaks the rule does not count, minute by minute in agent-minutes
     * on the phone: agents 3 and 4 (both on the phone at 10:00 and 12:00)
     * in break slot 2 (xx:15-xx:22.5) leave the queue minutes 15-21 of
     * each of those hours with nobody and minute 22 with two halves, 14
     * minutes; in two slots, none.  Two asked for: each break leaves one
     * short, 7.5 a break, 30. */
    at(3, 0)->break_slot = at(4, 0)->break_slot = 2;
    assert_true(fabs(check_skill_break_minutes(&cfg, &r, need, q) - 14) < 1e-9);
    at(4, 0)->break_slot = 5;
    assert_true(fabs(check_skill_break_minutes(&cfg, &r, need, q)) < 1e-9);
    cfg.queues[q].min_skilled = 2;
    assert_true(fabs(check_skill_break_minutes(&cfg, &r, need, q) - 30) < 1e-9);
    cfg.queues[q].min_skilled = 1;
    free(need);
}

/* Each queue's shortfall against its own need, skilled agents first, by
 * hand on Monday (breaks off, hours): agents 3 and 4 have the foreign
 * skill, the six D09 agents lunch 12:00-13:00, the two E18 agents
 * 20:30-21:00.  10:00: foreign needs 1.5 of its 2, the 0.5 left serves
 * the phone queue, which needs 4.8 of the 4 + 0.5 left: 0.3 short.
 * 12:00: nobody on the phone, foreign 1 and phone 4 short.  20:00: half
 * an hour each of the two unskilled E18 agents, foreign 0.5 short (they
 * cannot take it), phone's 1 met.  Agent 3 lunching at 11:00 instead
 * takes the foreign hour at 12:00 and none of the phone's. */
static void test_queue_shortfall(void **state)
{
    int nt = 24 * ND, qp = -1, qf = -1, qs = -1;
    (void)state;
    for (int i = 0; i < cfg.nqueues; i++) {
        qp = strcmp(cfg.queues[i].name, "phone") == 0 ? i : qp;
        qf = strcmp(cfg.queues[i].name, "foreign") == 0 ? i : qf;
        qs = strcmp(cfg.queues[i].name, "sign") == 0 ? i : qs;
    }
    assert_true(qp >= 0 && qf >= 0 && qs >= 0);
    double brk = cfg.extra_break_min, *need = xcalloc((size_t)cfg.nqueues * nt, sizeof *need), out[8];
    cfg.extra_break_min = 0;
    reset();
    ag[3].skills = ag[4].skills = 1u << qf;
    need[(size_t)qf * nt + 10] = 1.5, need[(size_t)qp * nt + 10] = 4.8;
    need[(size_t)qf * nt + 12] = 1, need[(size_t)qp * nt + 12] = 4;
    need[(size_t)qf * nt + 20] = 0.5, need[(size_t)qp * nt + 20] = 1;
    check_queue_shortfall(&cfg, &r, 60, need, out);
    print_message("phone %.3f, foreign %.3f, sign %.3f agent-hours short\n", out[qp], out[qf], out[qs]);
    assert_true(fabs(out[qp] - 4.3) < 1e-9 && fabs(out[qf] - 1.5) < 1e-9 && fabs(out[qs]) < 1e-9);
    at(3, 0)->meal_off_min = 11 * 60 - cfg.shifts[D09].start_min;
    check_queue_shortfall(&cfg, &r, 60, need, out);
    print_message("agent 3 at 11:00: phone %.3f, foreign %.3f\n", out[qp], out[qf]);
    assert_true(fabs(out[qp] - 4.3) < 1e-9 && fabs(out[qf] - 0.5) < 1e-9);
    /* On a 30-minute grid, the same needs in each half hour: the same but
     * for 20:30-21:00, when both E18 agents eat and the phone queue's 1 is
     * short for the half hour (the hour averaged it away): 0.5 more. */
    double *n30 = xcalloc((size_t)cfg.nqueues * 2 * nt, sizeof *n30);
    for (int q = 0; q < cfg.nqueues; q++)
        for (int t = 0; t < nt; t++)
            n30[(size_t)q * 2 * nt + 2 * t] = n30[(size_t)q * 2 * nt + 2 * t + 1] = need[(size_t)q * nt + t];
    check_queue_shortfall(&cfg, &r, 30, n30, out);
    print_message("30 minutes: phone %.3f, foreign %.3f\n", out[qp], out[qf]);
    assert_true(fabs(out[qp] - 4.8) < 1e-9 && fabs(out[qf] - 0.5) < 1e-9);
    cfg.extra_break_min = brk;
    free(need), free(n30);
}

/* A month begun on a Friday: with the days before it stored (here all
 * off), its first week asks floor(5 x 3 / 7) = 2 days of a full-time
 * agent; with none stored (carry_unknown) nothing - the checker and the
 * solvers' assign_contract_weeks alike. */
static void test_partial_first_week(void **state)
{
    enum { D = 10 };
    static Assign a[NC + D];
    RosterAgent one = ag[0];
    int need[8];
    (void)state;
    reset();
    one = ag[0];
    one.skills = 0, one.weekly_hours = 40;   /* a day-team agent */
    int keep = cfg.contract_days;
    cfg.contract_days = 1;
    for (int d = 0; d < NC + D; d++)
        a[d] = (Assign){ ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 };
    for (int d = NC + 3; d < NC + 8; d++)   /* Monday to Friday of the second week */
        a[d] = (Assign){ D09, cfg.shifts[D09].start_min, cfg.shifts[D09].meal_from_min, 0, 0, 0, 0, 0, 0 };
    Roster wr = { date_from_ymd(2021, 1, 1), D, NC, 1, &one, a, NULL, NULL, 0, 0 };
    CheckReport rep;
    assign_contract_weeks(&cfg, &wr, 0, 0, 0, need);
    assert_int_equal(need[0], 2);
    check_roster(&cfg, &wr, NULL, &rep);
    assert_int_equal(rep.by_rule[CHK_CONTRACT], 1);
    check_free(&rep);
    wr.carry_unknown = 1;
    assign_contract_weeks(&cfg, &wr, 0, 0, 0, need);
    assert_int_equal(need[0], 0);
    assert_int_equal(need[1], 5);
    check_roster(&cfg, &wr, NULL, &rep);
    assert_int_equal(rep.by_rule[CHK_CONTRACT], 0);
    check_free(&rep);
    cfg.contract_days = keep;
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
    assert_close(duty[20], 1 + 2 * 30 / 52.5, 1e-9);   /* and the two E18 agents at their meal half the hour (test_valid) */
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

/* ---- the general rules (rules.limits, rules.forbidden) ---- */

static WfmWhat what(const char *name)
{
    static const char *const kinds[] = { "day", "evening", "night" };
    WfmWhat w = { 0, strcmp(name, "off") == 0 };
    for (int s = 0; s < cfg.nshifts; s++)
        if (strcmp(name, "work") == 0 || strcmp(name, cfg.shifts[s].name) == 0 ||
            strcmp(name, kinds[cfg.shifts[s].kind]) == 0)
            w.shifts |= 1ull << s;
    return w;
}

/* A new limit on what for team (-1: everyone), nothing set yet. */
static RuleLimit *limit(const char *w, int team)
{
    RuleLimit *l = &cfg.limits[cfg.nlimits++];
    memset(l, 0, sizeof *l);
    snprintf(l->label, sizeof l->label, "test limit %d (%s)", cfg.nlimits - 1, w);
    l->n = 1, l->team = team, l->what[0] = what(w);
    l->max_consecutive = l->max_per_week = l->max_per_month = l->max_weekends = -1;
    return l;
}

static void forbid(int team, const char *a, const char *b, const char *c)
{
    RuleLimit *l = limit(a, team);
    l->forbidden = 1, l->what[1] = what(b), l->n = 2;
    if (c)
        l->what[2] = what(c), l->n = 3;
}

static void test_limits(void **state)
{
    (void)state;
    /* Runs: the day team works Monday to Friday. */
    reset(); limit("work", 0)->max_consecutive = 5; expect_clean("five days in a row, at most five");
    reset(); limit("work", 0)->max_consecutive = 4; expect_rule(CHK_LIMIT, "five days in a row, at most four");
    reset(); limit("off", -1)->min_consecutive = 2; expect_clean("weekends off: two days off in a row");
    reset(); limit("off", -1)->min_consecutive = 2; off(0, 2); expect_rule(CHK_LIMIT, "a lone Wednesday off");
    reset(); limit("off", -1)->min_consecutive = 2; off(0, 2); lv[0 * ND + 2] = 1; expect_clean("a Wednesday of leave");
    reset(); limit("off", -1)->min_consecutive = 3; expect_rule(CHK_LIMIT, "weekends of two days off, at least three");
    /* A run reaching the month's end may go on next month. */
    reset(); limit("off", -1)->min_consecutive = 3; for (int g = 0; g < 10; g++) off(g, 13);
    for (int g = 0; g < 8; g++) work(g, 12, W08);
    cfg.max_consecutive_days = 31, cfg.min_days_off_per_week = 0, cfg.max_weekly_hours = 100;
    CheckReport rep;
    run(&rep);
    for (size_t i = 0; i < rep.n; i++)   /* the last Sunday alone off is no violation; the first weekend is */
        assert_true(rep.v[i].rule != CHK_LIMIT || rep.v[i].day < 12);
    check_free(&rep);
    cfg.max_consecutive_days = 6, cfg.min_days_off_per_week = 2, cfg.max_weekly_hours = 52;
    /* Per week and per month: the night team's two work E18 Monday to Friday, ten in the fortnight. */
    reset(); limit("evening", 2)->min_per_week = 5; expect_clean("five evenings a week, at least five");
    reset(); limit("evening", 2)->min_per_week = 5; off(6, 3); expect_rule(CHK_LIMIT, "four evenings");
    reset(); limit("evening", 2)->min_per_week = 5; off(6, 3); lv[6 * ND + 3] = 1; expect_clean("four and leave");
    reset(); limit("evening", 2)->max_per_week = 4; expect_rule(CHK_LIMIT, "five evenings, at most four");
    reset(); limit("E18", 2)->max_per_month = 10; expect_clean("ten E18, at most ten");
    reset(); limit("E18", 2)->min_per_month = 11; expect_rule(CHK_LIMIT, "ten E18, at least eleven");
    reset(); limit("E18", 2)->min_per_month = 10; off(6, 3); lv[6 * ND + 3] = 1; expect_clean("nine E18 and leave");
    reset(); limit("E18", -1)->max_per_month = 9; expect_rule(CHK_LIMIT, "ten E18, at most nine");
    reset(); limit("work", 1)->max_weekends = 2; expect_clean("the weekend team: two weekends, at most two");
    reset(); limit("work", 1)->max_weekends = 1; expect_rule(CHK_LIMIT, "two weekends, at most one");
    /* The limit holds for its team only. */
    reset(); limit("work", 0)->max_weekends = 0; expect_clean("no weekends for the day team");
    /* Across the month's first day: a month from Wednesday 2021-01-06, the
     * Monday and Tuesday carried in: the week's five evenings pass a most
     * of four on Friday, a month day. */
    reset(); limit("evening", 2)->max_per_week = 4;
    r.first_day += 2, r.ndays -= 2, r.carry_days += 2;
    expect_rule(CHK_LIMIT, "carried Monday and Tuesday, five evenings");
}

/* Forbidden sequences; a forbidden transition forbids no other. */
static void test_forbidden(void **state)
{
    (void)state;
    reset(); forbid(-1, "D07", "D09", NULL); expect_clean("D07 then D09 forbidden, nobody works it");
    reset(); forbid(-1, "D07", "D09", NULL); work(0, 0, D07); expect_rule(CHK_SEQUENCE, "D07 then D09");
    reset(); forbid(-1, "D07", "D09", NULL); for (int d = 0; d < 5; d++) work(0, d, D07);
    expect_clean("D07 then D07");
    reset(); forbid(-1, "D07", "D09", NULL); work(0, 4, D07); expect_clean("D09 then D07");
    reset(); forbid(-1, "D07", "D09", NULL); work(0, 0, D07); off(0, 1); expect_clean("D07, off, D09");
    reset(); forbid(2, "evening", "off", "evening"); expect_clean("evenings, the weekend off, evenings");
    reset(); forbid(2, "evening", "off", "evening"); off(6, 2); expect_rule(CHK_SEQUENCE, "evening, off, evening");
    reset(); forbid(2, "evening", "off", "evening"); off(6, 2); off(6, 3); expect_clean("two days off between");
    reset(); forbid(0, "evening", "off", "evening"); off(6, 2); expect_clean("the rule is the day team's");
    /* Across the first day: carried Saturday E18, Sunday off, Monday E18. */
    reset(); forbid(2, "evening", "off", "evening"); work(6, -2, E18); expect_rule(CHK_SEQUENCE, "carried in");
    reset(); forbid(2, "evening", "off", "evening"); work(6, -3, E18); off(6, -2); off(6, 0); work(6, 1, E18);
    off(6, 2);
    CheckReport rep;
    run(&rep);
    assert_int_equal(rep.by_rule[CHK_SEQUENCE], 1);   /* Tuesday, Wednesday off, Thursday; not the carried one */
    check_free(&rep);
}

/* Pinned days are rules; wanted and unwanted days cost their weight. */
static void test_preferences(void **state)
{
    RosterPref pref[4];
    (void)state;
    reset();
    pref[0] = (RosterPref){ 0, 2, what("off"), PREF_WANTED, 3 };      /* T00 works D09 that Wednesday: missed */
    pref[1] = (RosterPref){ 1, 2, what("D09"), PREF_UNWANTED, 2 };    /* given: costs 2 */
    pref[2] = (RosterPref){ 2, 5, what("off"), PREF_WANTED, 7 };      /* Saturday off: met */
    pref[3] = (RosterPref){ 6, 3, what("evening"), PREF_PINNED, 0 };  /* E18 that Thursday: kept */
    r.pref = pref, r.npref = 4;
    int met, asked;
    assert_close(check_preferences(&r, &met, &asked), 5, 1e-12);
    assert_int_equal(met, 1);
    assert_int_equal(asked, 3);
    expect_clean("the pinned evening is worked");
    off(6, 3); expect_rule(CHK_PINNED, "the pinned evening is off");
    reset(); r.pref = pref, r.npref = 4; work(6, 3, N01); off(6, 4);
    expect_rule(CHK_PINNED, "a night instead of the pinned evening");
    reset(); r.pref = pref, r.npref = 4; off(0, 2); lv[0 * ND + 2] = 1;
    assert_close(check_preferences(&r, NULL, NULL), 2, 1e-12);   /* leave is a day off: the wish is met */
    r.pref = NULL, r.npref = 0;
}

/* The solver's automaton (model/rules) and the checker read the rules
 * apart: on random fortnights of a night-team agent under random rules,
 * they must agree on whether a rule breaks. */
static void test_rules_agree(void **state)
{
    static const char *const whats[] = { "evening", "night", "work", "off", "E18", "N01" };
    Rng rng;
    int disagree = 0, broken = 0, trials = 4000;
    (void)state;
    rng_seed(&rng, 20261129);
    for (int t = 0; t < trials; t++) {
        reset();
        int k = (int)rng_below(&rng, 4);   /* the month starts k days after Monday */
        int nlim = 1 + (int)rng_below(&rng, 3), item[NC + ND];
        for (int i = 0; i < nlim; i++) {
            int team = rng_below(&rng, 3) ? 2 : -1;
            const char *w = whats[rng_below(&rng, 6)];
            switch (rng_below(&rng, 5)) {
            case 0: {
                RuleLimit *l = limit(w, team);
                l->min_consecutive = (int)rng_below(&rng, 4);
                l->max_consecutive = rng_below(&rng, 2) ? -1 : l->min_consecutive + (int)rng_below(&rng, 4);
                if (l->max_consecutive == 0) l->max_consecutive = 1;
                break;
            }
            case 1: {
                RuleLimit *l = limit(w, team);
                l->min_per_week = (int)rng_below(&rng, 5);
                l->max_per_week = rng_below(&rng, 2) ? -1 : l->min_per_week + (int)rng_below(&rng, 3);
                break;
            }
            case 2: {
                RuleLimit *l = limit(w, team);
                l->min_per_month = (int)rng_below(&rng, 10);
                l->max_per_month = rng_below(&rng, 2) ? -1 : l->min_per_month + (int)rng_below(&rng, 5);
                break;
            }
            case 3:
                limit(w, team)->max_weekends = (int)rng_below(&rng, 3);
                break;
            default:
                forbid(team, w, whats[rng_below(&rng, 6)], rng_below(&rng, 2) ? whats[rng_below(&rng, 6)] : NULL);
                break;
            }
        }
        for (int d = -NC; d < ND; d++) {
            unsigned u = rng_below(&rng, 20);
            item[d + NC] = u < 10 ? E18 : u < 13 ? N01 : u < 19 ? ROSTER_OFF : ROSTER_LEAVE;
            if (item[d + NC] >= 0)
                work(6, d, item[d + NC]);
            else
                off(6, d), at(6, d)->shift = item[d + NC];
        }
        r.first_day += k, r.ndays -= k, r.carry_days += k;
        for (int d = 0; d < r.ndays; d++)
            lv[6 * r.ndays + d] = item[NC + k + d] == ROSTER_LEAVE;
        CheckReport rep;
        check_roster(&cfg, &r, NULL, &rep);
        int by_checker = 0;
        for (size_t i = 0; i < rep.n; i++)
            by_checker |= rep.v[i].agent == 6 && (rep.v[i].rule == CHK_LIMIT || rep.v[i].rule == CHK_SEQUENCE);
        RuleSet rs;
        assert_true(wfm_rules_compile(&cfg, 2, &rs) <= 32);
        uint32_t st = WFM_RULES_START;
        int ok = 1;
        for (int d = -r.carry_days; d < r.ndays; d++)
            ok &= wfm_rules_step(&rs, &st, item[NC + k + d], wfm_rules_flags(r.first_day, r.ndays, r.carry_days, d));
        ok &= wfm_rules_end(&rs, st, wfm_rules_end_flags(r.first_day, r.ndays));
        broken += by_checker;
        if (ok == by_checker) {
            if (disagree++ < 3)
                print_message("  disagree (trial %d, k %d): automaton %s, checker %s; first: %s\n", t, k,
                              ok ? "keeps" : "breaks", by_checker ? "breaks" : "keeps",
                              rep.n ? rep.v[0].what : "-");
        }
        check_free(&rep);
    }
    print_message("  %d random fortnights, %d break a rule, %d disagreements\n", trials, broken, disagree);
    assert_int_equal(disagree, 0);
    assert_true(broken > trials / 5 && broken < trials * 4 / 5);   /* both verdicts are tried */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid), cmocka_unit_test(test_each_violation_is_caught),
        cmocka_unit_test(test_contract_days), cmocka_unit_test(test_weekend_duty), cmocka_unit_test(test_rest_traps), cmocka_unit_test(test_skills), cmocka_unit_test(test_queue_shortfall), cmocka_unit_test(test_partial_first_week), cmocka_unit_test(test_overtime),
        cmocka_unit_test(test_limits), cmocka_unit_test(test_forbidden), cmocka_unit_test(test_rules_agree),
        cmocka_unit_test(test_preferences),
    };
    return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
