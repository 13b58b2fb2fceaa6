#include "surge.h"
#include "erlang.h"
#include "staff.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int surge_scale(const double *shape, int ndays, double calls_per_day, double deflect, double *out, WfmErr *err)
{
    for (int d = 0; d < ndays; d++) {
        double tot = 0;
        for (int h = 0; h < 24; h++)
            tot += shape[24 * d + h] > 0 ? shape[24 * d + h] : 0;
        if (!(tot > 0))
            return wfm_err(err, WFM_EINPUT, "day %d of the scenario has no forecast calls to give it a shape", d + 1);
        for (int h = 0; h < 24; h++) {
            double x = shape[24 * d + h] > 0 ? shape[24 * d + h] : 0;
            out[24 * d + h] = x * calls_per_day / tot * (1 - deflect);
        }
    }
    return 0;
}

static void eval_int(const WfmConfig *cfg, double offered, double aht_s, double patience_s, int n, SurgeMeasure *m)
{
    ErlangIn in = { offered, 3600, aht_s, n, cfg->sl_seconds, patience_s };
    ErlangOut o;
    if (offered <= 0 || aht_s <= 0 || erlang_eval(&in, &o, NULL)) {
        *m = (SurgeMeasure){ 1, 1, 0, offered > 0 ? offered : 0, 0 };
        return;
    }
    m->answer_rate = 1 - o.a_p_abandon;
    m->sl = cfg->sl_definition == SL_ANSWERED_OVER_ANSWERED ? o.a_sl_answered_over_answered
            : cfg->sl_definition == SL_WAIT_LE_T_ALL        ? o.a_sl_wait_le_t_all
                                                            : o.a_sl_answered_over_offered;
    m->asa_s = o.a_asa_answered_s;
    m->answered = offered * m->answer_rate;
    m->abandoned = offered - m->answered;
}

void surge_eval(const WfmConfig *cfg, double offered, double aht_s, double patience_s, double phone,
                SurgeMeasure *m)
{
    double pat = patience_s > 0 ? patience_s : cfg->patience_s;
    if (!(phone > 0))
        phone = 0;
    int lo = (int)floor(phone);
    double f = phone - lo;
    eval_int(cfg, offered, aht_s, pat, lo, m);
    if (f > 1e-12) {
        SurgeMeasure hi;
        eval_int(cfg, offered, aht_s, pat, lo + 1, &hi);
        m->answer_rate += f * (hi.answer_rate - m->answer_rate);
        m->sl += f * (hi.sl - m->sl);
        m->asa_s += f * (hi.asa_s - m->asa_s);
        m->answered += f * (hi.answered - m->answered);
        m->abandoned += f * (hi.abandoned - m->abandoned);
    }
}

int surge_need(const WfmConfig *cfg, int target, SurgeHour *h, int n, WfmErr *err)
{
    WfmConfig only_ar;
    if (target == SURGE_TARGET_ANSWER_RATE) {   /* the answer rate alone: no service level, wait or occupancy cap */
        only_ar = *cfg;
        only_ar.sl_target = 0, only_ar.max_asa_s = 0, only_ar.max_occupancy = 1;
        cfg = &only_ar;
    }
    StaffHour *s = xcalloc((size_t)n, sizeof *s);
    for (int i = 0; i < n; i++) {
        s[i].offered = h[i].offered;
        s[i].aht_s = h[i].aht_s;
        s[i].patience_s = h[i].patience_s > 0 ? h[i].patience_s : cfg->patience_s;
    }
    int rc = staff_hours(cfg, cfg->model, s, n, err);
    for (int i = 0; i < n && !rc; i++)
        h[i].need = s[i].phone;
    free(s);
    return rc;
}

int surge_gains(const WfmConfig *cfg, const SurgeHour *h, double from, int maxp, double *width, double *gain)
{
    double span = h->need - from;
    if (!(span > 1e-9) || maxp < 1)
        return 0;
    int np = (int)ceil(span);
    if (np > maxp)
        np = maxp;
    double step = span / np, prev_gain = INFINITY;
    SurgeMeasure a, b;
    surge_eval(cfg, h->offered, h->aht_s, h->patience_s, from, &a);
    for (int j = 0; j < np; j++) {
        surge_eval(cfg, h->offered, h->aht_s, h->patience_s, from + step * (j + 1), &b);
        double g = (b.answered - a.answered) / step;
        if (g < 0)
            g = 0;
        if (g > prev_gain)   /* keep the pieces concave */
            g = prev_gain;
        width[j] = step;
        gain[j] = prev_gain = g;
        a = b;
    }
    return np;
}

double surge_paid_hours(const WfmConfig *cfg, int day, int a, int b)
{
    double paid = 0;
    for (int m = a; m < b;) {
        int dd = day + (m >= 0 ? m / 1440 : -1 - (-m - 1) / 1440);
        int tod = m - 1440 * (dd - day);
        int next = m + 60 - tod % 60;   /* to the next whole hour */
        if (next > b)
            next = b;
        double h = (next - m) / 60.0;
        double rate = 1 + cfg->overtime_premium;
        if (tod >= 22 * 60 || tod < 6 * 60)
            rate += cfg->night_premium;
        if (cal_day_type(&cfg->holidays, dd) == DT_SUNHOL)
            rate += cfg->holiday_premium;
        paid += h * rate;
        m = next;
    }
    return paid;
}

void surge_window(const WfmConfig *cfg, int first, int k, int *wfirst, int *wdays, int *carry)
{
    int upto = first + k - 1 + (cfg->max_consecutive_days > 1 ? cfg->max_consecutive_days : 1);
    *wfirst = first - date_weekday(first);
    *wdays = upto + (6 - date_weekday(upto)) - *wfirst + 1;
    *carry = cfg->max_consecutive_days > 7 ? cfg->max_consecutive_days : 7;
}

void surge_scenario_free(SurgeScenario *s)
{
    if (!s)
        return;
    free(s->h), free(s->ot), free(s->outside), free(s->qh), free(s->ot_name);
    s->h = NULL, s->ot = NULL, s->outside = NULL, s->qh = NULL, s->ot_name = NULL;
    s->nq = 0;
    s->not = 0;
}

int surge_overtime_list(const WfmConfig *cfg, const Roster *base, const Assign *with, int d0, int k, SurgeOt **out)
{
    size_t w = (size_t)(base->carry_days + base->ndays), cap = 0;
    int n = 0;
    SurgeOt *v = NULL;
    for (int g = 0; g < base->nagents; g++)
        for (int d = d0; d < d0 + k; d++) {
            const Assign *b = roster_at(base, g, d), *x = &with[(size_t)g * w + (size_t)(base->carry_days + d)];
            int day = base->first_day + d;
            if (x->shift < 0 || x->shift >= cfg->nshifts)
                continue;
            const ShiftTemplate *t = &cfg->shifts[x->shift];
            SurgeOt o[3];
            int m = 0;
            if (x->extra && !b->extra) {
                double hours = (t->length_min - t->meal_min) / 60.0;
                o[m++] = (SurgeOt){ g, day, OT_EXTRA, x->shift, x->start_min, x->start_min + t->length_min, hours,
                                    surge_paid_hours(cfg, day, x->start_min, x->start_min + t->length_min) * hours * 60 /
                                        t->length_min };
            } else {
                if (x->ot_before_min > b->ot_before_min) {
                    int a = x->start_min - x->ot_before_min, e = x->start_min - b->ot_before_min;
                    o[m++] = (SurgeOt){ g, day, OT_BEFORE, x->shift, a, e, (e - a) / 60.0, surge_paid_hours(cfg, day, a, e) };
                }
                if (x->ot_after_min > b->ot_after_min) {
                    int a = x->start_min + t->length_min + b->ot_after_min, e = x->start_min + t->length_min + x->ot_after_min;
                    o[m++] = (SurgeOt){ g, day, OT_AFTER, x->shift, a, e, (e - a) / 60.0, surge_paid_hours(cfg, day, a, e) };
                }
            }
            for (int i = 0; i < m; i++) {
                void *p = v;
                xgrow(&p, &cap, (size_t)n + 1, sizeof *v);
                v = p;
                v[n++] = o[i];
            }
        }
    *out = v;
    return n;
}

void surge_hours_totals(const SurgeHour *hours, int n, SurgeTotals *t)
{
    double work = 0, slw[SURGE_NSTEPS] = { 0 };
    memset(t, 0, sizeof *t);
    for (int i = 0; i < n; i++) {
        const SurgeHour *h = &hours[i];
        t->offered += h->offered;
        work += h->offered * h->aht_s;
        if (h->need > t->peak_need)
            t->peak_need = h->need;
        for (int k = 0; k < SURGE_NSTEPS; k++) {
            t->answered[k] += h->m[k].answered;
            t->abandoned[k] += h->m[k].abandoned;
            slw[k] += h->offered * h->m[k].sl;
            if (h->need > h->phone[k])
                t->short_h[k] += h->need - h->phone[k];
        }
    }
    for (int k = 0; k < SURGE_NSTEPS; k++)
        t->sl[k] = t->offered > 0 ? slw[k] / t->offered : 1;
    t->aht_s = t->offered > 0 ? work / t->offered : 0;
}

void surge_totals(const SurgeScenario *s, SurgeTotals *t)
{
    surge_hours_totals(s->h, 24 * s->ndays, t);
}

void surge_split(const WfmConfig *cfg, int nq, double total, const double *skilled, const double *need, double *out)
{
    double taken = 0, ngen = 0, lo = 1, hi = 1;
    int ngq = 0;
    if (!(total > 0))
        total = 0;
    for (int q = 0; q < nq; q++) {
        if (cfg->queues[q].skill[0])
            out[q] = fmin(fmax(skilled[q], 0), fmax(need[q], 0)), taken += out[q];
        else
            ngen += fmax(need[q], 0), ngq++;
    }
    if (taken > total) {   /* fewer on the phone than the skilled ones: scale down */
        for (int q = 0; q < nq; q++)
            if (cfg->queues[q].skill[0])
                out[q] *= total / taken;
        taken = total;
    }
    double rest = total - taken;
    if (rest <= ngen + 1e-12) {   /* no surplus beyond the needs: the others answer the queues without a skill */
        for (int q = 0; q < nq; q++)
            if (!cfg->queues[q].skill[0])
                out[q] = ngen > 0 ? rest * fmax(need[q], 0) / ngen : rest / ngq;
        return;
    }
    /* A surplus: every queue lam x its need, a skill queue never above its skilled agents. */
#define SPLIT_F(lam, f)                                                                                                \
    do {                                                                                                               \
        f = (lam) * ngen;                                                                                              \
        for (int q = 0; q < nq; q++)                                                                                   \
            if (cfg->queues[q].skill[0])                                                                               \
                f += fmin(fmax(skilled[q], 0), (lam) * fmax(need[q], 0));                                              \
    } while (0)
    double f;
    for (int i = 0; i < 200; i++) {
        hi *= 2;
        SPLIT_F(hi, f);
        if (f >= total)
            break;
    }
    if (f < total && ngen <= 0) {   /* nothing without a skill needs agents: the skilled ones all stay with their queues */
        for (int q = 0; q < nq; q++)
            out[q] = cfg->queues[q].skill[0] ? fmax(skilled[q], 0) : 0;
        double used = 0;
        for (int q = 0; q < nq; q++)
            used += out[q];
        for (int q = 0; q < nq; q++)
            if (!cfg->queues[q].skill[0])
                out[q] = (total - used) / ngq;
        return;
    }
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        SPLIT_F(mid, f);
        if (f < total)
            lo = mid;
        else
            hi = mid;
    }
#undef SPLIT_F
    taken = 0;
    for (int q = 0; q < nq; q++)
        if (cfg->queues[q].skill[0])
            out[q] = fmin(fmax(skilled[q], 0), hi * fmax(need[q], 0)), taken += out[q];
    for (int q = 0; q < nq; q++)
        if (!cfg->queues[q].skill[0])
            out[q] = (total - taken) * fmax(need[q], 0) / ngen;
}

void surge_costs(const WfmConfig *cfg, SurgeScenario *sc)
{
    sc->cost[SURGE_ROSTER] = 0;
    sc->cost[SURGE_STAGE1] = sc->ot_paid_hours * cfg->wage_won_h;
    sc->cost[SURGE_STAGE2] = sc->outside_hours * cfg->vendor_won_h;
}
