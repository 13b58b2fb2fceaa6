#include "helpers.h"
#include "../solver/shiftplan.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../core/alloc.h"

/* Coverage, shortfall and objective recomputed from a plan with code of
 * its own (shares nothing with the model building). */
static void recompute(const WfmConfig *cfg, const ShiftPlanIn *in, const ShiftPlanOut *o, double *under,
                      double *over, double *obj)
{
    int nh = 24 * in->ndays;
    double *cov = xcalloc((size_t)nh + 48, sizeof *cov);
    for (int d = 0; d < in->ndays; d++)
        for (int s = 0; s < cfg->nshifts; s++) {
            int c = o->count[d * cfg->nshifts + s];
            const ShiftTemplate *st = &cfg->shifts[s];
            for (int minute = 0; minute < st->length_min; minute++) {
                int abs_min = 1440 * d + st->start_min + minute;
                if (abs_min / 60 < nh)
                    cov[abs_min / 60] += c / 60.0;
            }
            for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS; k++) {
                double y = o->meal[(d * cfg->nshifts + s) * SHIFTPLAN_MEAL_SLOTS + k];
                if (y <= 0)
                    continue;
                for (int minute = 0; minute < st->meal_min; minute++) {
                    int abs_min = 1440 * d + st->start_min + st->meal_from_min + 30 * k + minute;
                    if (abs_min / 60 < nh)
                        cov[abs_min / 60] -= y / 60.0;
                }
            }
        }
    *under = *over = *obj = 0;
    for (int t = 0; t < nh; t++) {
        double u = fmax(0, in->need[t] - cov[t]), v = fmax(0, cov[t] - in->need[t]);
        *under += u, *over += v;
        *obj += u * SHIFTPLAN_W_UNDER * (cfg->weak_hours[t % 24] ? cfg->weak_weight : 1) + v * SHIFTPLAN_W_OVER;
    }
    free(cov);
}

static void test_tiny_is_optimal(void **state)
{
    /* One day, two 4-hour templates without meals; the optimum by
     * enumerating every pair of counts. */
    WfmConfig cfg;
    WfmErr err;
    double need[24] = { 0 };
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.nshifts = 2;
    cfg.weak_weight = 2;
    cfg.weak_hours[10] = 1;
    cfg.shifts[0] = (ShiftTemplate){ "A", SHIFT_DAY, 8 * 60, 240, 0, 0, 240, RUN_ALL, 1 };
    cfg.shifts[1] = (ShiftTemplate){ "B", SHIFT_DAY, 10 * 60 + 30, 240, 0, 0, 240, RUN_ALL, 1 };
    need[8] = 3, need[9] = 3.5, need[10] = 5.2, need[11] = 5, need[12] = 2, need[13] = 1.5, need[14] = 0.5;
    ShiftPlanIn in = { &cfg, date_from_ymd(2021, 1, 4), 1, need, NULL, NULL, 10, 1e-9 };
    ShiftPlanOut o;
    assert_int_equal(shiftplan_solve(&in, &o, &err), 0);
    double best = INFINITY;
    for (int a = 0; a <= 12; a++)
        for (int b = 0; b <= 12; b++) {
            ShiftPlanOut t = o;
            int c[2] = { a, b };
            t.count = c;
            double u, v, obj;
            recompute(&cfg, &in, &t, &u, &v, &obj);
            best = fmin(best, obj);
        }
    double u, v, obj;
    recompute(&cfg, &in, &o, &u, &v, &obj);
    print_message("tiny: solver %.4f (A %d, B %d), enumeration %.4f\n", o.objective, o.count[0], o.count[1], best);
    assert_close(obj, best, 1e-9);
    assert_close(o.objective, best, 1e-6);
    assert_true(o.optimal);
    shiftplan_free(&o);
}

static void test_seoul_month(void **state)
{
    /* The Seoul-like templates over January 2021 with a weekday curve of
     * about 190 agents at the peak, 30 in the evening and 10 at night. */
    WfmConfig cfg;
    WfmErr err;
    int first = date_from_ymd(2021, 1, 1), nd = 31;
    double *need = xmalloc(sizeof *need * 24 * nd);
    static const double curve[24] = { 12, 8, 6, 5, 5, 6, 8, 15, 40, 150, 185, 170,
                                      120, 160, 165, 155, 145, 130, 40, 30, 25, 20, 16, 14 };
    (void)state;
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &cfg, &err), 0);
    for (int d = 0; d < nd; d++) {
        int off = date_weekday(first + d) >= WD_SAT || cal_is_holiday(&cfg.holidays, first + d);
        for (int h = 0; h < 24; h++)
            need[24 * d + h] = curve[h] * (off && h >= 8 && h < 18 ? 0.3 : 1);
    }
    ShiftPlanIn in = { &cfg, first, nd, need, NULL, NULL, 20, 0.005 };
    ShiftPlanOut o;
    assert_int_equal(shiftplan_solve(&in, &o, &err), 0);
    double u, v, obj;
    recompute(&cfg, &in, &o, &u, &v, &obj);
    print_message("Seoul-like month: objective %.1f, bound %.1f, gap %.3f%%, %.2f s; short %.1f agent-hours, "
                  "over %.1f; recomputed %.1f / %.1f / %.1f\n",
                  o.objective, o.bound, 100 * o.gap, o.seconds, o.under_h, o.over_h, obj, u, v);
    assert_close(u, o.under_h, 1e-5 * (1 + u));
    assert_close(v, o.over_h, 1e-5 * (1 + v));
    assert_close(obj, o.objective, 1e-5 * (1 + obj));
    assert_true(o.bound <= o.objective + 1e-6);
    assert_true(o.gap <= 0.01);
    /* No start on a day its template does not run (weekday shifts on Sunday). */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < cfg.nshifts; s++)
            if (!shiftplan_runs(&cfg, s, first + d))
                assert_int_equal(o.count[d * cfg.nshifts + s], 0);
    shiftplan_free(&o);
    free(need);
    wfm_config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny_is_optimal), cmocka_unit_test(test_seoul_month),
    };
    return cmocka_run_group_tests_name("shiftplan", tests, NULL, NULL);
}
