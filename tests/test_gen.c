#include "helpers.h"
#include "../data/sample/gen.h"
#include "../core/date.h"

static void test_deterministic(void **state)
{
    static const char *const files[] = { "wfm.cfg", "volumes.csv", "agents.csv", "leave.csv", "perf.csv", "truth.csv" };
    char *a = tmp_dir(), *b = tmp_dir(), pa[512], pb[512];
    SampleTotals ta, tb;
    WfmErr err;
    (void)state;
    assert_int_equal(sample_generate(SAMPLE_GIMPO, a, SAMPLE_SEED, &ta, &err), 0);
    assert_int_equal(sample_generate(SAMPLE_GIMPO, b, SAMPLE_SEED, &tb, &err), 0);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t na, nb;
        snprintf(pa, sizeof pa, "%s/%s", a, files[i]);
        snprintf(pb, sizeof pb, "%s/%s", b, files[i]);
        char *x = read_file(pa, &na), *y = read_file(pb, &nb);
        assert_non_null(x);
        assert_non_null(y);
        assert_int_equal(na, nb);
        assert_memory_equal(x, y, na);
        free(x);
        free(y);
    }
    /* Another seed gives other data. */
    assert_int_equal(sample_generate(SAMPLE_GIMPO, b, SAMPLE_SEED + 1, &tb, &err), 0);
    assert_true(ta.offered[0] != tb.offered[0]);
    assert_int_equal(sample_generate(SAMPLE_GIMPO, "/nonexistent/dir", SAMPLE_SEED, &tb, &err), WFM_EIO);
    rm_tree(a);
    rm_tree(b);
}

static void test_seoul_calibrated(void **state)
{
    char *d = tmp_dir();
    SampleTotals t;
    WfmErr err;
    (void)state;
    assert_int_equal(sample_generate(SAMPLE_SEOUL, d, SAMPLE_SEED, &t, &err), 0);
    /* Published (DOMAIN.md): offered 3,603,762 / 5,305,817 and answered
     * 3,129,674 / 4,118,511 in 2019 / 2020; within 1% and 1 point. */
    assert_close(t.offered[0] / 3603762, 1, 0.01);
    assert_close(t.offered[1] / 5305817, 1, 0.01);
    assert_close(t.answered[0] / t.offered[0], 0.868, 0.01);
    assert_close(t.answered[1] / t.offered[1], 0.776, 0.01);
    assert_close(t.pm_share, 0.63, 0.01);                 /* 63% after noon */
    assert_close(t.holiday_answered / 4021, 1, 0.15);     /* holiday level */
    assert_close(t.weekday_night_answered / t.weekday_day_answered, 1116.0 / 14337, 0.04);
    assert_true(t.surge_ratio > 2.0 && t.surge_ratio < 2.8);  /* May 2020: the surge */
    assert_true(t.agents >= 390 && t.agents <= 410);
    assert_true(t.night_agents > 0 && t.weekend_agents > 0 && t.foreign_agents > 0 && t.sign_agents > 0);
    assert_true(t.slow_agents >= 5);
    assert_true(t.perf_rows > 80000);  /* a year of daily records */
    rm_tree(d);
}

static void test_gimpo_calibrated(void **state)
{
    char *d = tmp_dir(), path[512];
    SampleTotals t;
    WfmErr err;
    (void)state;
    assert_int_equal(sample_generate(SAMPLE_GIMPO, d, SAMPLE_SEED, &t, &err), 0);
    assert_int_equal(t.agents, 15);
    assert_close(t.weekday_offered / 1000, 1, 0.03);
    assert_close(t.answered[1] / t.offered[1], 0.958, 0.01);
    /* Weekdays 08:30-18:30 only: no call outside hours 8-18, none on weekends. */
    snprintf(path, sizeof path, "%s/volumes.csv", d);
    char *v = read_file(path, NULL), *line = strtok(v, "\n");
    while ((line = strtok(NULL, "\n"))) {
        int y, m, dd, h;
        assert_int_equal(sscanf(line, "%d-%d-%d,%d", &y, &m, &dd, &h), 4);
        assert_true(h >= 8 && h <= 18);
        assert_true(date_weekday(date_from_ymd(y, m, dd)) < WD_SAT);
    }
    free(v);
    rm_tree(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic), cmocka_unit_test(test_seoul_calibrated),
        cmocka_unit_test(test_gimpo_calibrated),
    };
    return cmocka_run_group_tests_name("gen", tests, NULL, NULL);
}
