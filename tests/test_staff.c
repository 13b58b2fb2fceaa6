#include "helpers.h"
#include "../model/staff.h"
#include "../data/cfg.h"
#include "../data/csvin.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"
#include "../core/rng.h"

static void test_hours(void **state)
{
    WfmConfig cfg;
    WfmErr err;
    Rng r;
    (void)state;
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err), 0);
    rng_seed(&r, 3);
    for (int model = MODEL_ERLANG_C; model <= MODEL_ERLANG_A; model++) {
        StaffHour h[200];
        for (int i = 0; i < 200; i++) {
            memset(&h[i], 0, sizeof h[i]);
            h[i].offered = i < 5 ? 0 : 4000 * rng_unif(&r);
            h[i].aht_s = 120 + 300 * rng_unif(&r);
            h[i].patience_s = 30 + 300 * rng_unif(&r);
        }
        assert_int_equal(staff_hours(&cfg, model, h, 200, &err), 0);
        for (int i = 0; i < 200; i++) {
            /* Agents on duty: on the phone / (52.5/60 x 0.95). */
            assert_close(h[i].duty, h[i].phone / (52.5 / 60 * 0.95), 1e-12);
            if (h[i].offered == 0) {
                assert_int_equal(h[i].phone, 0);
                continue;
            }
            /* The number meets every target and one agent fewer does not. */
            ErlangIn in = { h[i].offered, 3600, h[i].aht_s, h[i].phone, 20,
                            model == MODEL_ERLANG_A ? h[i].patience_s : INFINITY };
            ErlangOut at, below;
            assert_int_equal(erlang_eval(&in, &at, &err), 0);
            in.agents--;
            assert_int_equal(erlang_eval(&in, &below, &err), 0);
            if (model == MODEL_ERLANG_A) {
                assert_true(at.a_sl_answered_over_offered >= 0.8 - 1e-12);
                assert_true(1 - at.a_p_abandon >= 0.9 - 1e-12);
                assert_true(at.a_occupancy <= 0.9 + 1e-12);
                assert_close(h[i].sl, at.a_sl_answered_over_offered, 1e-15);
                assert_close(h[i].answer_rate, 1 - at.a_p_abandon, 1e-15);
                assert_true(below.a_sl_answered_over_offered < 0.8 || 1 - below.a_p_abandon < 0.9 ||
                            below.a_occupancy > 0.9);
            } else {
                assert_true(at.c_stable && at.c_sl >= 0.8 - 1e-12 && at.c_occupancy <= 0.9 + 1e-12);
                assert_true(!below.c_stable || below.c_sl < 0.8 || below.c_occupancy > 0.9);
                assert_true(isnan(h[i].answer_rate));
            }
        }
    }
    /* Issue 16: an hour of 1e308 calls (imported before the import's
     * bounds) is refused by name, not indexed from. */
    StaffHour bad[2] = { { 100, 180, 90, 0, 0, 0, 0, 0, 0 }, { 1e308, 180, 90, 0, 0, 0, 0, 0, 0 } };
    for (int model = MODEL_ERLANG_C; model <= MODEL_ERLANG_A; model++) {
        assert_int_equal(staff_hours(&cfg, model, bad, 2, &err), WFM_EINPUT);
        assert_contains(err.msg, "cannot staff hour 1 (1e+308 calls, AHT 180 s): invalid load");
    }
    wfm_config_free(&cfg);
}

static void test_profile(void **state)
{
    /* Four weeks of history where every hour holds day*100 + hour; a holiday
     * on day 9 (a Friday, 2021-01-15 here) with its own level. */
    int first = date_from_ymd(2021, 1, 6), nd = 28;
    double *hist = xmalloc(sizeof *hist * 24 * nd), out[24 * 3];
    int *days = xmalloc(2 * sizeof *days);
    Calendar hol;
    (void)state;
    days[0] = first + 9;
    days[1] = first + 30;   /* a holiday in the month being profiled */
    cal_init(&hol, days, 2);
    for (int d = 0; d < nd; d++)
        for (int h = 0; h < 24; h++)
            hist[24 * d + h] = d * 100 + h;
    hist[24 * 20 + 5] = -1;  /* a missing hour counts as 0 */
    /* Profile days 28, 29, 30 (right after the history) with k = 2. */
    staff_profile(hist, first, nd, &hol, first + 28, 3, 2, out);
    /* day 28: same weekday as 21 and 14 */
    assert_close(out[3], ((21 * 100 + 3) + (14 * 100 + 3)) / 2.0, 1e-12);
    /* day 29: weekday of 22 and 15 */
    assert_close(out[24 + 7], ((22 * 100 + 7) + (15 * 100 + 7)) / 2.0, 1e-12);
    /* day 30 is a holiday: only the one holiday in history */
    assert_close(out[48 + 10], 9 * 100 + 10, 1e-12);
    /* day 27 (=20 + 7): k = 2 from days 20 and 13, hour 5 of day 20 missing */
    staff_profile(hist, first, nd, &hol, first + 27, 1, 2, out);
    assert_close(out[5], (0 + 13 * 100 + 5) / 2.0, 1e-12);
    free(hist);
    cal_free(&hol);
}

/* Patience from the real Anonymous Bank per-call file (January and October
 * 1999): the estimator against a direct count from the file, and against
 * what must hold for it (it is at least the mean wait of those who hung up,
 * as answered callers' waits only add censored time). */
static void test_patience_real(void **state)
{
    char buf[512];
    const char *p = shared_data("keguoh-hospital_anonymous-bank-1999-jan-oct_hourly.csv", buf, sizeof buf);
    WfmErr err;
    CsvIn *r;
    (void)state;
    if (!p)
        skip();
    assert_int_equal(csvin_open(p, &r, &err), 0);
    assert_int_equal(csvin_next(r, &err), 1);
    int n = 0, cap = 24 * 60;
    double *an = xcalloc((size_t)cap, sizeof *an), *ab = xcalloc((size_t)cap, sizeof *ab);
    double *wa = xcalloc((size_t)cap, sizeof *wa), *wb = xcalloc((size_t)cap, sizeof *wb);
    double tot_ab = 0, tot_wait = 0, tot_wait_ab = 0;
    while (csvin_next(r, &err) == 1 && n < cap) {
        /* date,weekday,hour,calls,answered,abandoned,aht_s,asa_answered_s,mean_wait_abandoned_s */
        an[n] = atof(csvin_field(r, 4, NULL));
        ab[n] = atof(csvin_field(r, 5, NULL));
        const char *x = csvin_field(r, 7, NULL), *y = csvin_field(r, 8, NULL);
        wa[n] = x[0] ? atof(x) : NAN;
        wb[n] = y[0] ? atof(y) : NAN;
        if (ab[n] > 0) {
            tot_ab += ab[n];
            tot_wait_ab += ab[n] * wb[n];
        }
        tot_wait += (an[n] > 0 ? an[n] * wa[n] : 0) + (ab[n] > 0 ? ab[n] * wb[n] : 0);
        n++;
    }
    csvin_close(r);
    assert_int_equal(n, 1440);
    double pat[24], overall;
    int used = staff_patience(an, ab, wa, wb, n, pat, &overall);
    print_message("hours with calls used: %d\n", used);
    assert_true(used > 700);
    assert_close(tot_ab, 5169, 0);  /* the README's count of abandoned calls */
    assert_close(overall, tot_wait / tot_ab, 1e-9 * overall);
    assert_true(overall > tot_wait_ab / tot_ab);
    print_message("patience, Anonymous Bank Jan+Oct 1999: %.1f s overall (mean wait of abandoners %.1f s); "
                  "10:00 %.1f s, 15:00 %.1f s, 22:00 %.1f s\n",
                  overall, tot_wait_ab / tot_ab, pat[10], pat[15], pat[22]);
    free(an), free(ab), free(wa), free(wb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours), cmocka_unit_test(test_profile),
        cmocka_unit_test(test_patience_real),
    };
    return cmocka_run_group_tests_name("staff", tests, NULL, NULL);
}
