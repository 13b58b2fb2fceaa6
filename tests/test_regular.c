#include "helpers.h"
#include "../model/regular.h"

/* Counted by hand on one agent's fortnight: two day templates (09:00 and
 * 10:00) and an evening one; the last carried-in day worked. */
static void test_counts(void **state)
{
    enum { C = 2, D = 10 };
    WfmConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.nshifts = 3;
    cfg.shifts[0] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 540, .length_min = 540 };
    cfg.shifts[1] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 600, .length_min = 540 };
    cfg.shifts[2] = (ShiftTemplate){ .kind = SHIFT_EVENING, .start_min = 1080, .length_min = 420 };
    cfg.reg_single_off = 2, cfg.reg_swing = 3;
    /* carried: D09 D09 | month: off D09 D10 E18 off off D09 leave D09 off */
    static const int plan[C + D] = { 0, 0, ROSTER_OFF, 0, 1, 2, ROSTER_OFF, ROSTER_OFF, 0, ROSTER_LEAVE, 0, ROSTER_OFF };
    Assign a[C + D];
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    for (int d = 0; d < C + D; d++)
        a[d] = (Assign){ plan[d], plan[d] >= 0 ? cfg.shifts[plan[d]].start_min : 0, -1, 0, 0, 0, 0, 0, 0 };
    Roster r = { 0, D, C, 1, &ag, a, NULL, NULL, 0, 0 };
    WfmRegular x;
    (void)state;
    wfm_regular(&cfg, &r, 0, &x);
    /* single: day 0 (carried work, off, work); not days 4-5 (two off), not day 7 (leave between) */
    assert_int_equal(x.single_off, 1);
    assert_int_equal(x.swings, 1);   /* D10 -> E18 */
    assert_int_equal(x.jumps, 1);    /* D09 -> D10 */
    assert_true(wfm_regular_cost(&cfg, &x) == 2 + 3);
}

/* Starts rotate a week at a time: a change of start on a Monday is the
 * rotation, not a jump; within the week it is one, and costs
 * fairness.start_jump.  The month starts on Thursday 1970-01-01 (day 0). */
static void test_monday_is_no_jump(void **state)
{
    enum { D = 7 };
    WfmConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.nshifts = 2;
    cfg.shifts[0] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 540, .length_min = 540 };
    cfg.shifts[1] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 600, .length_min = 540 };
    cfg.reg_jump = 0.25;
    /* Thu D09, Fri D09, Sat D09, Sun D09, Mon D10, Tue D10, Wed D09 */
    static const int plan[D] = { 0, 0, 0, 0, 1, 1, 0 };
    Assign a[D];
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    for (int d = 0; d < D; d++)
        a[d] = (Assign){ plan[d], cfg.shifts[plan[d]].start_min, -1, 0, 0, 0, 0, 0, 0 };
    Roster r = { 0, D, 0, 1, &ag, a, NULL, NULL, 0, 0 };
    WfmRegular x;
    (void)state;
    assert_int_equal(date_weekday(4), WD_MON);
    wfm_regular(&cfg, &r, 0, &x);
    assert_int_equal(x.jumps, 1);   /* Tue D10 -> Wed D09; Sun -> Mon is the rotation */
    assert_true(wfm_regular_cost(&cfg, &x) == 0.25);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_counts), cmocka_unit_test(test_monday_is_no_jump) };
    return cmocka_run_group_tests_name("regular", tests, NULL, NULL);
}
