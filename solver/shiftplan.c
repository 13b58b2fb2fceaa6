#include "shiftplan.h"
#include "lp.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double shiftplan_overlap(int a, int b, int h)
{
    int lo = a > h * 60 ? a : h * 60, hi = b < h * 60 + 60 ? b : h * 60 + 60;
    return hi > lo ? hi - lo : 0;
}

int shiftplan_runs(const WfmConfig *cfg, int s, int day)
{
    unsigned m = cfg->shifts[s].days;
    if (cal_is_holiday(&cfg->holidays, day))
        return (m & RUN_HOLIDAY) != 0;
    return (m & (1u << date_weekday(day))) != 0;
}

void shiftplan_free(ShiftPlanOut *out)
{
    if (!out)
        return;
    free(out->count);
    free(out->meal);
    out->count = NULL;
    out->meal = NULL;
}

int shiftplan_solve(const ShiftPlanIn *in, ShiftPlanOut *out, WfmErr *err)
{
    const WfmConfig *cfg = in->cfg;
    int ns = cfg->nshifts, nd = in->ndays, nh = 24 * nd, rc = 0;
    struct timespec t0;

    memset(out, 0, sizeof *out);
    if (nd <= 0 || ns <= 0)
        return wfm_err(err, WFM_EINPUT, "shift plan: no days or no shift templates");
    for (int t = 0; t < nh; t++)
        if (!(in->need[t] >= 0) || !isfinite(in->need[t]))
            return wfm_err(err, WFM_EINPUT, "shift plan: the need of hour %d is %g", t, in->need[t]);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_term_hook(lp_silent, NULL);

    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    /* Rows: coverage per hour (1..nh), meal link per day x template, heads per day x 2. */
    int row_meal = nh, row_heads = nh + nd * ns;
    glp_add_rows(lp, nh + nd * ns + 2 * nd);
    for (int t = 0; t < nh; t++)
        glp_set_row_bnds(lp, t + 1, GLP_FX, in->need[t], in->need[t]);
    for (int k = 0; k < nd * ns; k++)
        glp_set_row_bnds(lp, row_meal + k + 1, GLP_FX, 0, 0);
    for (int d = 0; d < nd; d++) {
        if (in->day_heads)
            glp_set_row_bnds(lp, row_heads + 2 * d + 1, GLP_UP, 0, in->day_heads[d]);
        else
            glp_set_row_bnds(lp, row_heads + 2 * d + 1, GLP_FR, 0, 0);
        if (in->night_heads)
            glp_set_row_bnds(lp, row_heads + 2 * d + 2, GLP_UP, 0, in->night_heads[d]);
        else
            glp_set_row_bnds(lp, row_heads + 2 * d + 2, GLP_FR, 0, 0);
    }
    /* Columns: x (count) per running day x template, its meal slots, and the
     * slacks under/over per hour. */
    int *xcol = xcalloc((size_t)nd * ns, sizeof *xcol);
    int *ycol = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *ycol);
    LpMat m = { 0 };
    int ncol = 0;
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            const ShiftTemplate *st = &cfg->shifts[s];
            if (!shiftplan_runs(cfg, s, in->first_day + d))
                continue;
            int a = 1440 * d + st->start_min, b = a + st->length_min;
            xcol[d * ns + s] = ++ncol;
            glp_add_cols(lp, 1);
            glp_set_col_kind(lp, ncol, GLP_IV);
            glp_set_col_bnds(lp, ncol, GLP_LO, 0, 0);
            for (int t = a / 60; t <= (b - 1) / 60 && t < nh; t++)
                lp_put(&m, t + 1, ncol, shiftplan_overlap(a, b, t) / 60);
            lp_put(&m, row_heads + 2 * d + (st->kind == SHIFT_DAY ? 1 : 2), ncol, 1);
            if (st->meal_min <= 0)
                glp_set_row_bnds(lp, row_meal + d * ns + s + 1, GLP_FR, 0, 0);
            else {
                lp_put(&m, row_meal + d * ns + s + 1, ncol, -1);
                for (int k = 0; k < SHIFTPLAN_MEAL_SLOTS; k++) {
                    int off = st->meal_from_min + 30 * k;
                    if (off > st->meal_to_min)
                        break;
                    ycol[(d * ns + s) * SHIFTPLAN_MEAL_SLOTS + k] = ++ncol;
                    glp_add_cols(lp, 1);
                    glp_set_col_bnds(lp, ncol, GLP_LO, 0, 0);
                    int ma = a + off, mb = ma + st->meal_min;
                    for (int t = ma / 60; t <= (mb - 1) / 60 && t < nh; t++)
                        lp_put(&m, t + 1, ncol, -shiftplan_overlap(ma, mb, t) / 60);
                    lp_put(&m, row_meal + d * ns + s + 1, ncol, 1);
                }
            }
        }
    int slack0 = ncol;
    glp_add_cols(lp, 2 * nh);
    for (int t = 0; t < nh; t++) {
        int h = t % 24;
        double w = SHIFTPLAN_W_UNDER * (cfg->weak_hours[h] ? cfg->weak_weight : 1);
        glp_set_col_bnds(lp, slack0 + 2 * t + 1, GLP_LO, 0, 0);
        glp_set_col_bnds(lp, slack0 + 2 * t + 2, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, slack0 + 2 * t + 1, w);
        glp_set_obj_coef(lp, slack0 + 2 * t + 2, SHIFTPLAN_W_OVER);
        lp_put(&m, t + 1, slack0 + 2 * t + 1, 1);   /* under */
        lp_put(&m, t + 1, slack0 + 2 * t + 2, -1);  /* over */
    }
    glp_load_matrix(lp, (int)m.n, m.ia, m.ja, m.ar);

    glp_iocp p;
    double bound = -INFINITY;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_ON;
    p.br_tech = GLP_BR_PCH;
    p.fp_heur = GLP_ON;
    p.mip_gap = in->mip_gap > 0 ? in->mip_gap : 0.005;
    p.tm_lim = (int)(1000 * (in->time_limit_s > 0 ? in->time_limit_s : 30));
    p.cb_func = lp_bound_min_cb;
    p.cb_info = &bound;
    int r = glp_intopt(lp, &p);
    int status = glp_mip_status(lp);
    /* A time limit may still leave a usable incumbent: judge by the status. */
    if ((r != 0 && r != GLP_ETMLIM && r != GLP_EMIPGAP) || (status != GLP_OPT && status != GLP_FEAS)) {
        rc = wfm_err(err, WFM_ESOLVE, "shift plan: GLPK found no integer plan (code %d, status %d)", r, status);
        goto out;
    }
    out->nshifts = ns, out->ndays = nd;
    out->count = xcalloc((size_t)nd * ns, sizeof *out->count);
    out->meal = xcalloc((size_t)nd * ns * SHIFTPLAN_MEAL_SLOTS, sizeof *out->meal);
    for (int k = 0; k < nd * ns; k++)
        if (xcol[k])
            out->count[k] = (int)lround(glp_mip_col_val(lp, xcol[k]));
    for (int k = 0; k < nd * ns * SHIFTPLAN_MEAL_SLOTS; k++)
        if (ycol[k])
            out->meal[k] = glp_mip_col_val(lp, ycol[k]);
    for (int t = 0; t < nh; t++) {
        out->under_h += glp_mip_col_val(lp, slack0 + 2 * t + 1);
        out->over_h += glp_mip_col_val(lp, slack0 + 2 * t + 2);
    }
    out->objective = glp_mip_obj_val(lp);
    out->optimal = status == GLP_OPT;
    out->bound = status == GLP_OPT ? out->objective : fmin(bound, out->objective);
    if (!isfinite(out->bound))
        out->bound = 0;
    out->gap = out->objective > 0 ? (out->objective - out->bound) / out->objective : 0;
out:
    out->seconds = lp_seconds_since(&t0);
    glp_delete_prob(lp);
    glp_term_hook(NULL, NULL);
    free(xcol), free(ycol);
    lp_mat_free(&m);
    return rc;
}
