#include "helpers.h"
#include "../model/phone.h"

#include <stdlib.h>

/* The phone time of two agents, counted by hand: a day shift 09:00-18:00
 * with its meal 12:00-13:00 and the 7.5-minute break at minute 15 of every
 * hour (slot 2), the one of the meal hour falling in the meal; and a shift
 * carried in from the day before, 22:00-02:00, break slot 0, cut at the
 * month's first midnight. */
static void test_spans(void **state)
{
    enum { C = 1, D = 1 };
    WfmConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.nshifts = 2;
    cfg.extra_break_min = 7.5;
    cfg.shifts[0] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 540, .length_min = 540, .meal_min = 60 };
    cfg.shifts[1] = (ShiftTemplate){ .kind = SHIFT_EVENING, .start_min = 1320, .length_min = 240 };
    RosterAgent ag[2];
    memset(ag, 0, sizeof ag);
    Assign a[2 * (C + D)] = {
        { ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 }, { 0, 540, 180, 0, 2, 0, 0, 0, 0 },
        { 1, 1320, -1, 0, 0, 0, 0, 0, 0 }, { ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 },
    };
    Roster r = { 0, D, C, 2, ag, a, NULL, NULL, 0, 0 };
    static const long want[][3] = {
        { 0, 32400, 33300 }, { 0, 33750, 36900 }, { 0, 37350, 40500 }, { 0, 40950, 43200 }, { 0, 46800, 47700 },
        { 0, 48150, 51300 }, { 0, 51750, 54900 }, { 0, 55350, 58500 }, { 0, 58950, 62100 }, { 0, 62550, 64800 },
        { 1, 450, 3600 }, { 1, 4050, 7200 },
    };
    MsimSpan *s;
    (void)state;
    int n = roster_phone_spans(&cfg, &r, &s);
    assert_int_equal(n, (int)(sizeof want / sizeof want[0]));
    long phone = 0;
    for (int i = 0; i < n; i++) {
        assert_int_equal(s[i].agent, want[i][0]);
        assert_int_equal(s[i].from_s, want[i][1]);
        assert_int_equal(s[i].to_s, want[i][2]);
        phone += s[i].agent == 0 ? s[i].to_s - s[i].from_s : 0;
    }
    assert_int_equal(phone, 32400 - 3600 - 8 * 450);   /* nine hours less the meal and eight breaks */
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_spans) };
    return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
