#include "staff.h"

#include <math.h>
#include <string.h>

int staff_hours(const WfmConfig *cfg, int model, StaffHour *h, int n, WfmErr *err)
{
    double avail = wfm_config_availability(cfg);
    ErlangTarget tg = { 0 };

    if (!(avail > 0))
        return wfm_err(err, WFM_EINPUT, "no time is left for calls: extra break %g min, shrinkage %g",
                       cfg->extra_break_min, cfg->shrinkage);
    tg.sl = cfg->sl_target;
    tg.sl_def = cfg->sl_definition;
    tg.max_asa_s = cfg->max_asa_s;
    tg.max_occupancy = cfg->max_occupancy < 1 ? cfg->max_occupancy : 0;
    tg.use_a = model == MODEL_ERLANG_A;
    tg.min_answer_rate = tg.use_a ? cfg->answer_rate : 0;
    for (int i = 0; i < n; i++) {
        ErlangIn in = { h[i].offered, 3600, h[i].aht_s, 0, cfg->sl_seconds,
                        tg.use_a ? h[i].patience_s : INFINITY };
        ErlangOut o;
        int k, rc = erlang_staff(&in, &tg, 100000, &k, &o, err);
        if (rc)
            return wfm_err_prefix(err, "cannot staff hour %d (%.10g calls, AHT %.4g s)", i, h[i].offered, h[i].aht_s);
        h[i].phone = k;
        h[i].duty = k / avail;
        if (tg.use_a) {
            h[i].sl = cfg->sl_definition == SL_ANSWERED_OVER_ANSWERED ? o.a_sl_answered_over_answered
                      : cfg->sl_definition == SL_WAIT_LE_T_ALL        ? o.a_sl_wait_le_t_all
                                                                      : o.a_sl_answered_over_offered;
            h[i].asa_s = o.a_asa_answered_s;
            h[i].answer_rate = 1 - o.a_p_abandon;
            h[i].occupancy = o.a_occupancy;
        } else {
            h[i].sl = o.c_sl;
            h[i].asa_s = o.c_asa_s;
            h[i].answer_rate = NAN;  /* Erlang C cannot predict one */
            h[i].occupancy = o.c_occupancy;
        }
    }
    return 0;
}

void staff_profile(const double *hist, int hist_first, int hist_days, const Calendar *hol,
                   int first, int ndays, int k, double *out)
{
    for (int d = 0; d < ndays; d++) {
        int day = first + d, want_hol = cal_is_holiday(hol, day), wd = date_weekday(day);
        double sum[24] = { 0 };
        int found = 0;
        for (int j = hist_days - 1; j >= 0 && found < k; j--) {
            int hd = hist_first + j;
            if (hd >= day)
                continue;
            int is_hol = cal_is_holiday(hol, hd);
            if (want_hol ? !is_hol : (is_hol || date_weekday(hd) != wd))
                continue;
            int any = 0;
            for (int h = 0; h < 24; h++)
                any |= hist[24 * j + h] >= 0;
            if (!any)
                continue;
            for (int h = 0; h < 24; h++)
                sum[h] += hist[24 * j + h] > 0 ? hist[24 * j + h] : 0;
            found++;
        }
        for (int h = 0; h < 24; h++)
            out[24 * d + h] = found ? sum[h] / found : 0;
    }
}

int staff_patience(const double *answered, const double *abandoned, const double *asa_s,
                   const double *abandon_wait_s, int n, double out[24], double *overall)
{
    double ab[24] = { 0 }, wait[24] = { 0 }, tab = 0, twait = 0;
    int used = 0;
    for (int i = 0; i < n; i++) {
        double an = answered[i], aa = abandoned[i];
        if (!(an >= 0) || !(aa >= 0) || an + aa == 0)
            continue;
        double wa = an > 0 ? asa_s[i] : 0, wb = aa > 0 ? abandon_wait_s[i] : 0;
        if (!(wa >= 0) || !(wb >= 0))
            continue;
        ab[i % 24] += aa;
        wait[i % 24] += an * wa + aa * wb;
        used++;
    }
    for (int h = 0; h < 24; h++) {
        out[h] = ab[h] > 0 ? wait[h] / ab[h] : 0;
        tab += ab[h];
        twait += wait[h];
    }
    *overall = tab > 0 ? twait / tab : 0;
    return used;
}

void staff_recent_aht(const double *offered, const double *aht_s, int ndays, double fallback,
                      double out[24])
{
    for (int h = 0; h < 24; h++) {
        double w = 0, s = 0;
        for (int d = ndays - 1; d >= 0 && d >= ndays - 28; d--) {
            double a = aht_s[24 * d + h], o = offered[24 * d + h];
            if (a > 0 && o > 0)
                s += a * o, w += o;
        }
        out[h] = w > 0 ? s / w : fallback;
    }
}

void staff_intervals(const double *hourly, int ndays, int I, double *out)
{
    int per = 60 / I;
    for (int h = 0; h < 24 * ndays; h++)
        for (int k = 0; k < per; k++)
            out[h * per + k] = hourly[h];
}
