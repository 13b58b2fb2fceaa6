#include "helpers.h"
#include "../core/date.h"
#include "../core/alloc.h"

static void test_round_trip(void **state)
{
    (void)state;
    assert_int_equal(date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
    for (int d = -800000; d < 800000; d += 37) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        assert_int_equal(date_from_ymd(y, m, dd), d);
        assert_true(date_valid_ymd(y, m, dd) || y < 1);
    }
}

static void test_weekday(void **state)
{
    (void)state;
    /* Published calendars: 1970-01-01 Thursday, 2020-05-05 Tuesday,
     * 2026-11-22 Sunday, 1999-01-01 Friday (the Anonymous Bank file). */
    assert_int_equal(date_weekday(0), WD_THU);
    assert_int_equal(date_weekday(date_from_ymd(2020, 5, 5)), WD_TUE);
    assert_int_equal(date_weekday(date_from_ymd(2026, 11, 22)), WD_SUN);
    assert_int_equal(date_weekday(date_from_ymd(1999, 1, 1)), WD_FRI);
    assert_int_equal(date_weekday(-1), WD_WED);
}

static void test_parse(void **state)
{
    static const struct { const char *s; int rc; } cases[] = {
        { "2026-02-28", 0 }, { "2024-02-29", 0 }, { "2000-02-29", 0 },
        { "2026-02-30", -2 }, { "2023-02-29", -2 }, { "1900-02-29", -2 },
        { "2026-13-01", -2 }, { "2026-00-10", -2 }, { "2026-04-31", -2 },
        { "2026-4-01", -1 }, { "26-04-01", -1 }, { "2026/04/01", -1 },
        { "2026-04-01 ", -1 }, { "", -1 }, { "abcd-ef-gh", -1 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int d = -1;
        assert_int_equal(date_parse(cases[i].s, strlen(cases[i].s), &d), cases[i].rc);
    }
    int d, n;
    char buf[11];
    assert_int_equal(date_parse("2020-05-31", 10, &d), 0);
    date_format(d, buf);
    assert_string_equal(buf, "2020-05-31");
    assert_int_equal(date_parse_month("2021-02", &d, &n), 0);
    assert_int_equal(n, 28);
    date_format(d, buf);
    assert_string_equal(buf, "2021-02-01");
    assert_int_equal(date_parse_month("2024-02", &d, &n), 0);
    assert_int_equal(n, 29);
    assert_int_equal(date_parse_month("2021-13", &d, &n), -1);
    assert_int_equal(date_parse_month("2021-1", &d, &n), -1);
}

static void test_clock(void **state)
{
    (void)state;
    assert_int_equal(clock_parse("00:00"), 0);
    assert_int_equal(clock_parse("07:30"), 450);
    assert_int_equal(clock_parse("24:00"), 1440);
    assert_int_equal(clock_parse("24:01"), -1);
    assert_int_equal(clock_parse("12:60"), -1);
    assert_int_equal(clock_parse("7:30"), -1);
    assert_int_equal(clock_parse("07:30:00"), -1);
}

static void test_calendar(void **state)
{
    Calendar c;
    int *days = xmalloc(4 * sizeof *days);
    (void)state;
    /* Chuseok 2020 (Wed-Fri) and Hangul day, given out of order with a repeat. */
    days[0] = date_from_ymd(2020, 10, 9);
    days[1] = date_from_ymd(2020, 9, 30);
    days[2] = date_from_ymd(2020, 10, 1);
    days[3] = date_from_ymd(2020, 9, 30);
    cal_init(&c, days, 4);
    assert_int_equal(c.n, 3);
    assert_true(cal_is_holiday(&c, date_from_ymd(2020, 9, 30)));
    assert_false(cal_is_holiday(&c, date_from_ymd(2020, 9, 29)));
    assert_int_equal(cal_day_type(&c, date_from_ymd(2020, 9, 30)), DT_SUNHOL);
    assert_int_equal(cal_day_type(&c, date_from_ymd(2020, 9, 29)), DT_WEEKDAY);
    assert_int_equal(cal_day_type(&c, date_from_ymd(2020, 10, 10)), DT_SATURDAY);
    assert_int_equal(cal_day_type(&c, date_from_ymd(2020, 10, 11)), DT_SUNHOL);
    cal_free(&c);
    cal_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_parse), cmocka_unit_test(test_clock),
        cmocka_unit_test(test_calendar),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
