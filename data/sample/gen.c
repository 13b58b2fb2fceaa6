/*
 * gen.c - sample centers for demos and tests.  See gen.h.
 *
 * The Seoul-like volume imitates the figures in DOMAIN.md: yearly offered
 * and answered totals for 2019 and 2020, the day/night/holiday levels of
 * 2020, 63% of calls after noon, Korean holidays (from the sample wfm.cfg),
 * yearly seasonality and the COVID-19 surge of 2020 (May at 245% of normal).
 * Expected hourly volumes are built first, scaled so that each year's total
 * is the published one, then drawn as Poisson counts.
 */
#include "gen.h"
#include "../cfg.h"
#include "../../core/afile.h"
#include "../../core/alloc.h"
#include "../../core/date.h"
#include "../../core/rng.h"
#include "../../model/fcst.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char sample_cfg_seoul[], sample_cfg_gimpo[];

const char *sample_config_text(SampleCenter c)
{
    return c == SAMPLE_SEOUL ? sample_cfg_seoul : sample_cfg_gimpo;
}

/* A sample file being written: a temporary file created exclusively
 * beside it (afile), renamed into place by out_close. */
typedef struct Out {
    FILE *f;
    AFile a;
} Out;

static int out_open(Out *o, const char *dir, const char *name, WfmErr *err)
{
    char path[PATH_MAX];
    int rc;
    if ((rc = afile_join(path, sizeof path, dir, name, err)) || (rc = afile_open(&o->a, path, err)))
        return rc;
    o->f = o->a.f;
    return 0;
}

/* Closes and renames into place, or removes the partial file when !ok. */
static int out_close(Out *o, int ok, WfmErr *err)
{
    if (!o->f)
        return 0;
    o->f = NULL;
    if (!ok) {
        afile_abort(&o->a);
        return 0;
    }
    return afile_commit(&o->a, err);
}

/* ---- the centers' shapes ------------------------------------------------ */

/* Weekday intraday weights (percent), Seoul-like: 92.8% of a weekday's calls
 * between 09:00 and 18:00 (as 14,337 day against 1,116 night answered calls
 * in 2020), and 63% after noon (the morning is rescaled below to hold it). */
static const double seoul_wd_curve[24] = {
    0.45, 0.25, 0.15, 0.10, 0.10, 0.10, 0.15, 0.30, 0.60, 10.5, 12.5, 11.8,
    7.8, 10.8, 11.0, 10.2, 9.6, 8.6, 1.8, 1.1, 0.8, 0.6, 0.4, 0.3
};
/* Weekends and holidays: flatter, later. */
static const double seoul_we_curve[24] = {
    0.9, 0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.6, 7.0, 9.5, 10.0,
    8.5, 9.6, 9.8, 9.4, 8.8, 7.8, 3.5, 2.6, 2.0, 1.5, 1.0, 0.6
};
/* Gimpo: open 08:30-18:30, so hours 8 and 18 hold half an hour each. */
static const double gimpo_curve[24] = {
    0, 0, 0, 0, 0, 0, 0, 0, 3.0, 12.0, 12.5, 11.0,
    6.5, 11.5, 11.0, 10.0, 9.0, 7.0, 1.8, 0, 0, 0, 0, 0
};
static const double dow_factor[7] = { 1.12, 1.0, 0.98, 0.97, 0.95, 0.30, 0.22 };
/* Yearly seasonality at mid-month, interpolated between months. */
static const double season[12] = { 1.04, 0.98, 1.02, 0.98, 0.97, 0.96,
                                   1.05, 1.06, 0.99, 0.97, 0.98, 1.02 };
/* COVID-19 in the second year: month by month, May at 245%. */
static const double covid[12] = { 1.0, 1.3, 1.6, 1.35, 2.45, 1.35,
                                  1.25, 1.45, 1.35, 1.15, 1.2, 1.55 };

typedef struct Spec {
    SampleCenter center;
    int year0, years;
    double offered[2], answered[2];   /* yearly targets (Seoul); 0 = use level */
    double weekday_level;             /* Gimpo: offered per weekday */
    double answer_rate;               /* Gimpo */
    int n_day, n_weekend, n_night;
    int open_weekends;
} Spec;

static double seasonal(int day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    double pos = (m - 1) + (d - 1) / (double)date_days_in_month(y, m) - 0.5;
    int a = (int)floor(pos);
    double w = pos - a;
    return season[(a + 12) % 12] * (1 - w) + season[(a + 13) % 12] * w;
}

static double day_level(const Spec *sp, const WfmConfig *cfg, int day, int year_idx)
{
    int wd = date_weekday(day), y, m, d;
    int hol = cal_is_holiday(&cfg->holidays, day);
    double f;

    date_to_ymd(day, &y, &m, &d);
    if (sp->center == SAMPLE_GIMPO) {
        if (hol || wd >= WD_SAT)
            return 0;
        f = dow_factor[wd];
    } else {
        f = hol ? dow_factor[WD_SUN] : dow_factor[wd];
    }
    /* The first working day after a holiday catches up; the day before one is busier. */
    if (!hol && wd < WD_SAT) {
        if (cal_is_holiday(&cfg->holidays, day - 1) ||
            (wd == WD_MON && cal_is_holiday(&cfg->holidays, day - 3)))
            f *= 1.15;
        if (cal_is_holiday(&cfg->holidays, day + 1))
            f *= 1.06;
    }
    f *= seasonal(day);
    if (sp->center == SAMPLE_SEOUL && year_idx == 1)
        f *= covid[m - 1];
    /* Configured events, each over its days (as the forecaster reads them). */
    return f * fcst_event_mult(cfg->events, cfg->nevents, day);
}

/* Normalised intraday shape for a day type; Seoul weekdays get 63% after noon. */
static void curve(const Spec *sp, int weekend, double out[24])
{
    const double *c = sp->center == SAMPLE_GIMPO ? gimpo_curve
                      : weekend ? seoul_we_curve : seoul_wd_curve;
    double am = 0, pm = 0, s = 0;
    for (int h = 0; h < 24; h++)
        *(h < 12 ? &am : &pm) += c[h];
    for (int h = 0; h < 24; h++) {
        out[h] = c[h];
        if (sp->center == SAMPLE_SEOUL && h < 12)
            out[h] *= (0.37 / 0.63) * pm / am;
        s += out[h];
    }
    for (int h = 0; h < 24; h++)
        out[h] /= s;
}

static long binom_approx(Rng *r, long n, double p)
{
    if (n <= 0)
        return 0;
    if (n < 40) {
        long k = 0;
        for (long i = 0; i < n; i++)
            k += rng_unif(r) < p;
        return k;
    }
    double v = n * p + sqrt(n * p * (1 - p)) * rng_normal(r);
    long k = lround(v);
    return k < 0 ? 0 : k > n ? n : k;
}

/* Queues of the Seoul-like center: share of the hour's calls and when open. */
static int queue_open(int q, int wd, int hol, int h)
{
    if (q == 1)  /* foreign: 09-22 every day */
        return h >= 9 && h < 22;
    if (q == 2)  /* sign: 09-18 on working days */
        return h >= 9 && h < 18 && wd < WD_SAT && !hol;
    return 1;
}

static int write_volumes(const Spec *sp, const WfmConfig *cfg, const char *dir, Rng *rng,
                         SampleTotals *tot, WfmErr *err)
{
    static const char *const qname[3] = { "phone", "foreign", "sign" };
    static const double qshare[3] = { 0.970, 0.024, 0.006 };
    static const double qaht[3] = { 200, 320, 480 };
    int first = date_from_ymd(sp->year0, 1, 1);
    int last = date_from_ymd(sp->year0 + sp->years - 1, 12, 31);
    int nd = last - first + 1, nq = sp->center == SAMPLE_SEOUL ? 3 : 1;
    double *e = xcalloc((size_t)nd * 24, sizeof *e), ref[2] = { 0, 0 }, kfit[2] = { 0, 0 };
    double wd_curve[24], we_curve[24];
    Out o = { 0 };
    int rc;

    curve(sp, 0, wd_curve);
    curve(sp, 1, we_curve);
    /* Expected offered per hour, before scaling each year to its total. */
    for (int i = 0; i < nd; i++) {
        int day = first + i, y, m, d;
        date_to_ymd(day, &y, &m, &d);
        int yi = y - sp->year0;
        int we = cal_day_type(&cfg->holidays, day) != DT_WEEKDAY;
        double lv = day_level(sp, cfg, day, yi);
        for (int h = 0; h < 24; h++)
            e[24 * i + h] = lv * (we ? we_curve[h] : wd_curve[h]);
    }
    for (int yi = 0; yi < sp->years; yi++) {
        int a = date_from_ymd(sp->year0 + yi, 1, 1) - first;
        int b = date_from_ymd(sp->year0 + yi, 12, 31) - first;
        double sum = 0, nwd = 0, target;
        for (int i = a; i <= b; i++)
            for (int h = 0; h < 24; h++)
                sum += e[24 * i + h];
        for (int i = a; i <= b; i++)
            nwd += cal_day_type(&cfg->holidays, first + i) == DT_WEEKDAY;
        target = sp->offered[yi] > 0 ? sp->offered[yi] : sp->weekday_level * nwd;
        for (int i = a; i <= b; i++)
            for (int h = 0; h < 24; h++) {
                e[24 * i + h] *= target / sum;
                if (e[24 * i + h] > ref[yi])
                    ref[yi] = e[24 * i + h];
            }
        /* Answer probability falls with load: p = 1 - k (e/peak)^2.  Fit k so
         * the year's answered total is the published one (bisection). */
        double want = sp->answered[yi] > 0 ? sp->answered[yi] / target : sp->answer_rate;
        double lo = 0, hi = 50;
        for (int it = 0; it < 80; it++) {
            double k = (lo + hi) / 2, ans = 0;
            for (int i = a; i <= b; i++)
                for (int h = 0; h < 24; h++) {
                    double x = e[24 * i + h] / ref[yi];
                    double p = 1 - k * x * x;
                    ans += e[24 * i + h] * (p < 0.3 ? 0.3 : p);
                }
            if (ans / target > want)
                lo = k;
            else
                hi = k;
        }
        kfit[yi] = (lo + hi) / 2;
    }

    if ((rc = out_open(&o, dir, "volumes.csv", err)))
        goto done;
    fputs("date,hour,queue,offered,answered,abandoned,aht_s\n", o.f);
    for (int i = 0; i < nd; i++) {
        int day = first + i, y, m, d, wd = date_weekday(day);
        int hol = cal_is_holiday(&cfg->holidays, day), dt = cal_day_type(&cfg->holidays, day);
        char ds[11];
        double daynoise = exp(0.05 * rng_normal(rng) - 0.00125);
        date_to_ymd(day, &y, &m, &d);
        date_format(day, ds);
        int yi = y - sp->year0;
        for (int h = 0; h < 24; h++) {
            double ex = e[24 * i + h];
            if (ex <= 0)
                continue;
            double x = ex / ref[yi], p = 1 - kfit[yi] * x * x;
            if (p < 0.3)
                p = 0.3;
            /* The phone queue takes the share of queues that are closed. */
            double closed = 0;
            for (int q = 1; q < nq; q++)
                closed += queue_open(q, wd, hol, h) ? 0 : qshare[q];
            for (int q = 0; q < nq; q++) {
                if (!queue_open(q, wd, hol, h))
                    continue;
                double share = nq == 1 ? 1 : qshare[q] + (q == 0 ? closed : 0);
                long off = rng_poisson(rng, ex * share * daynoise);
                long ans = binom_approx(rng, off, p);
                double aht = (sp->center == SAMPLE_GIMPO ? 150 : qaht[q]) *
                             (1 + (h < 7 ? 0.08 : 0)) * exp(0.04 * rng_normal(rng));
                fprintf(o.f, "%s,%d,%s,%ld,%ld,%ld,%.1f\n", ds, h, qname[q], off, ans, off - ans,
                        off > 0 ? aht : (sp->center == SAMPLE_GIMPO ? 150.0 : qaht[q]));
                tot->volume_rows++;
                if (yi >= 0 && yi < 2) {
                    tot->offered[yi] += off;
                    tot->answered[yi] += ans;
                }
                if (h >= 12)
                    tot->pm_share += off;
                if (yi == sp->years - 1) {
                    if (dt == DT_WEEKDAY && h >= 9 && h < 18)
                        tot->weekday_day_answered += ans;
                    if (dt == DT_WEEKDAY && (h < 9 || h >= 18))
                        tot->weekday_night_answered += ans;
                    if (dt == DT_SUNHOL)
                        tot->holiday_answered += ans;
                    if (m == 5)
                        tot->surge_ratio += off;
                }
                if (yi == sp->years - 2 && m == 5)
                    tot->weekday_offered += off;  /* May a year before, reused below */
            }
        }
    }
    rc = 0;
done:
    rc = rc ? rc : out_close(&o, 1, err);
    if (rc)
        out_close(&o, 0, err);
    free(e);
    return rc;
}

/* ---- agents, leave and performance --------------------------------------- */

typedef struct Agent {
    char id[8], name[32];
    int team;           /* 0 day, 1 weekend, 2 night */
    int queue;          /* 0 phone, 1 foreign, 2 sign */
    int remote_ok, night_ok, part_hours;
    int hire;
    double talk_f, acw_f, fcr, transfer, qa;
    const char *trait;
} Agent;

static const char *const surnames[] = { "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임",
                                        "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍" };
static const char *const syll[] = { "민", "서", "준", "지", "현", "우", "수", "영", "하", "은",
                                    "도", "윤", "예", "진", "성", "호", "연", "주", "태", "아" };

static Agent *make_agents(const Spec *sp, Rng *rng, int *n, SampleTotals *tot)
{
    int total = sp->n_day + sp->n_weekend + sp->n_night;
    Agent *a = xcalloc((size_t)total, sizeof *a);
    int slow_left = sp->center == SAMPLE_SEOUL ? 8 : 1;

    for (int i = 0; i < total; i++) {
        Agent *g = &a[i];
        snprintf(g->id, sizeof g->id, "A%04u", (unsigned)(i + 1) % 10000u);
        snprintf(g->name, sizeof g->name, "%s%s%s", surnames[rng_below(rng, 20)],
                 syll[rng_below(rng, 20)], syll[rng_below(rng, 20)]);
        g->team = i < sp->n_day ? 0 : i < sp->n_day + sp->n_weekend ? 1 : 2;
        g->night_ok = g->team == 2 || rng_unif(rng) < 0.1;
        g->remote_ok = rng_unif(rng) < (g->team == 2 ? 0.3 : 0.75);
        g->hire = date_from_ymd(2008 + (int)rng_below(rng, 12), 1 + (int)rng_below(rng, 12), 1);
        g->talk_f = exp(0.07 * rng_normal(rng));
        g->acw_f = exp(0.10 * rng_normal(rng));
        g->fcr = 0.831 + 0.025 * rng_normal(rng);
        g->transfer = 0.114 + 0.015 * rng_normal(rng);
        g->qa = 88 + 3 * rng_normal(rng);
        g->trait = "normal";
        if (sp->center == SAMPLE_SEOUL) {
            /* Skills spread over the teams: every 12th agent speaks a foreign
             * language, every 60th signs; part-timers in the day team. */
            if (i % 12 == 5)
                g->queue = 1, g->trait = "hard_queue";
            else if (i % 60 == 7)
                g->queue = 2, g->trait = "hard_queue";
            else if (g->team == 0 && i % 14 == 3)
                g->part_hours = (i % 28 == 3) ? 20 : 30, g->trait = "short_hours";
            else if (g->team == 2)
                g->trait = "night";
        }
        /* A few genuinely slow agents in the day team: long calls or long wrap-up. */
        if (g->team == 0 && g->queue == 0 && !g->part_hours && slow_left > 0 && i % 37 == 11) {
            if (slow_left % 2)
                g->talk_f = 1.35;
            else
                g->acw_f = 2.1, g->talk_f = 1.08;
            g->trait = "slow";
            slow_left--;
            tot->slow_agents++;
        }
        tot->agents++;
        tot->night_agents += g->team == 2;
        tot->weekend_agents += g->team == 1;
        tot->foreign_agents += g->queue == 1;
        tot->sign_agents += g->queue == 2;
        tot->remote_ok_agents += g->remote_ok;
    }
    *n = total;
    return a;
}

/* Does agent g work on day (ignoring leave)?  *kind: 0 day, 1 evening, 2 night, 3 weekend. */
static int works(const WfmConfig *cfg, const Agent *g, int idx, int day, int *kind)
{
    int wd = date_weekday(day), hol = cal_is_holiday(&cfg->holidays, day);
    int week = (day + 3) / 7;
    switch (g->team) {
    case 0:
        *kind = 0;
        return wd < WD_SAT && !hol;
    case 1:
        *kind = (wd >= WD_SAT || hol) ? 3 : 0;
        return wd >= WD_SAT || hol || wd == (idx % 3) + 1;
    default:
        *kind = ((week + idx) % 2) ? 2 : 1;
        /* Five days on, two off, the days off rotating by agent. */
        return ((wd + idx) % 7) < 5;
    }
}

/* Preferences for the January after the history (the demo's month), from
 * a generator of their own so the other files stay as they were: 15% of
 * agents want a day off (weight 3), 10% would rather not start on the
 * earliest template two days (weight 1), and two day-team agents without
 * a skill queue are pinned to the second template on a weekday of the
 * second week. */
static void write_prefs(const WfmConfig *cfg, const Agent *a, int n, const unsigned char *leave, int lfirst, int nld,
                        uint64_t seed, FILE *f, SampleTotals *tot)
{
    int mfirst = lfirst + nld - 31, pinned = 0, second = cfg->nshifts > 1 ? 1 : 0;
    char ds[11];
    Rng r;
    rng_seed(&r, seed);
    fputs("agent_id,date,shift,want,weight\n", f);
    for (int i = 0; i < n; i++) {
        const unsigned char *lv = &leave[(size_t)i * nld + (nld - 31)];
        int d0 = (int)rng_below(&r, 31), d1 = (int)rng_below(&r, 31), d2 = (d1 + 1 + (int)rng_below(&r, 29)) % 31;
        double u = rng_unif(&r), v = rng_unif(&r);
        if (u < 0.15 && !lv[d0]) {
            date_format(mfirst + d0, ds);
            fprintf(f, "%s,%s,off,wanted,3\n", a[i].id, ds), tot->pref_rows++;
        }
        if (v < 0.10 && a[i].team == 0)
            for (int k = 0; k < 2; k++) {
                date_format(mfirst + (k ? d2 : d1), ds);
                fprintf(f, "%s,%s,%s,unwanted,1\n", a[i].id, ds, cfg->shifts[0].name), tot->pref_rows++;
            }
        for (int d = 7; d < 14 && a[i].team == 0 && a[i].queue == 0 && pinned < 2 && i % 50 == 7; d++) {
            int day = mfirst + d;
            if (date_weekday(day) < WD_SAT && !cal_is_holiday(&cfg->holidays, day) && !lv[d] && d != d0 && d != d1 &&
                d != d2) {
                date_format(day, ds);
                fprintf(f, "%s,%s,%s,pinned,1\n", a[i].id, ds, cfg->shifts[second].name), tot->pref_rows++;
                pinned++;
                break;
            }
        }
    }
}

static int write_people(const Spec *sp, const WfmConfig *cfg, const char *dir, Rng *rng,
                        SampleTotals *tot, WfmErr *err)
{
    static const char *const team_name[3] = { "day", "weekend", "night" };
    static const char *const queue_name[3] = { "phone", "foreign", "sign" };
    static const char *const kind_name[4] = { "day", "evening", "night", "weekend" };
    static const double queue_aht[3] = { 200, 320, 480 };
    static const char *const langs[] = { "en", "ja", "zh", "vi", "mn" };
    Out oa = { 0 }, ol = { 0 }, op = { 0 }, ot = { 0 }, of = { 0 };
    int n, rc, lfirst = date_from_ymd(sp->year0 + sp->years - 1, 1, 1);
    int llast = date_from_ymd(sp->year0 + sp->years, 1, 31);
    int pfirst = lfirst, plast = date_from_ymd(sp->year0 + sp->years - 1, 12, 31);
    int nld = llast - lfirst + 1;
    Agent *a = make_agents(sp, rng, &n, tot);
    unsigned char *leave = xcalloc((size_t)n * (size_t)nld, 1);  /* 0 none, 1 annual, 2 sick, 3 training */
    double base_aht = sp->center == SAMPLE_GIMPO ? 150 : 0;

    if ((rc = out_open(&oa, dir, "agents.csv", err)) || (rc = out_open(&ol, dir, "leave.csv", err)) ||
        (rc = out_open(&op, dir, "perf.csv", err)) || (rc = out_open(&ot, dir, "truth.csv", err)) ||
        (rc = out_open(&of, dir, "preferences.csv", err)))
        goto done;
    fputs("id,name,team,skills,remote_ok,night_ok,hire_date,weekly_hours\n", oa.f);
    fputs("agent_id,date,kind\n", ol.f);
    fputs("date,agent_id,handled,logged_in_s,talk_s,hold_s,acw_s,break_s,meeting_s,training_s,"
          "resolved_first,transfers,qa_score,queue,shift,remote\n", op.f);
    fputs("agent_id,trait,talk_factor,acw_factor\n", ot.f);
    for (int i = 0; i < n; i++) {
        Agent *g = &a[i];
        char hd[11], skills[48] = "";
        date_format(g->hire, hd);
        if (g->queue == 1)
            snprintf(skills, sizeof skills, "foreign;%s", langs[i % 5]);
        else if (g->queue == 2)
            snprintf(skills, sizeof skills, "sign");
        fprintf(oa.f, "%s,%s,%s,%s,%d,%d,%s,%d\n", g->id, g->name, team_name[g->team], skills,
                g->remote_ok, g->night_ok, hd, g->part_hours ? g->part_hours : 40);
        fprintf(ot.f, "%s,%s,%.3f,%.3f\n", g->id, g->trait, g->talk_f, g->acw_f);
        /* Leave: 15 annual days in blocks of 1-3 working days, about 3 sick
         * days and 2 training days a year, and a day or two in the next January. */
        for (int k = 0; k < 15;) {
            int d = (int)rng_below(rng, (uint32_t)(nld - 31)), len = 1 + (int)rng_below(rng, 3);
            for (int j = 0; j < len && k < 15 && d + j < nld; j++)
                if (!leave[(size_t)i * nld + d + j])
                    leave[(size_t)i * nld + d + j] = 1, k++;
        }
        for (int k = 0; k < 3; k++)
            leave[(size_t)i * nld + rng_below(rng, (uint32_t)(nld - 31))] = 2;
        for (int k = 0; k < 2; k++)
            leave[(size_t)i * nld + rng_below(rng, (uint32_t)(nld - 31))] = 3;
        if (rng_unif(rng) < 0.6)
            leave[(size_t)i * nld + nld - 31 + rng_below(rng, 31)] = 1;
        for (int d = 0; d < nld; d++) {
            static const char *const lk[4] = { "", "annual", "sick", "training" };
            int kind;
            unsigned char l = leave[(size_t)i * nld + d];
            if (!l)
                continue;
            /* Leave is only taken on days the agent would work. */
            if (!works(cfg, g, i, lfirst + d, &kind)) {
                leave[(size_t)i * nld + d] = 0;
                continue;
            }
            char ds[11];
            date_format(lfirst + d, ds);
            fprintf(ol.f, "%s,%s,%s\n", g->id, ds, lk[l]);
            tot->leave_rows++;
        }
    }
    for (int day = pfirst; day <= plast; day++) {
        int y, m, d;
        char ds[11];
        date_to_ymd(day, &y, &m, &d);
        date_format(day, ds);
        double busy = sp->center == SAMPLE_SEOUL ? covid[m - 1] : 1.0;
        for (int i = 0; i < n; i++) {
            Agent *g = &a[i];
            int kind;
            if (!works(cfg, g, i, day, &kind) || leave[(size_t)i * nld + day - lfirst])
                continue;
            double hours = kind == 0 || kind == 3 ? 8 : 6.5;
            if (g->part_hours)
                hours = g->part_hours / 5.0;
            double logged = hours * 3600 * (1 + 0.02 * rng_normal(rng));
            double brk = 450 * hours;
            double meet = rng_unif(rng) < 0.1 ? 1800 : 0;
            double train = rng_unif(rng) < 0.03 ? 7200 : 0;
            double avail = logged - brk - meet - train;
            /* Occupancy follows how many calls come in that shift. */
            static const double occ0[4] = { 0.80, 0.62, 0.35, 0.70 };
            double occ = occ0[kind] * (busy > 1 ? fmin(1.18, 1 + 0.25 * (busy - 1)) : 1);
            double qaht = base_aht > 0 ? base_aht : queue_aht[g->queue];
            double aht = qaht * (0.72 * g->talk_f + 0.05 + 0.23 * g->acw_f) * exp(0.06 * rng_normal(rng));
            long handled = rng_poisson(rng, avail * occ / aht);
            double talk = handled * qaht * 0.72 * g->talk_f;
            double hold = handled * qaht * 0.05;
            double acw = handled * qaht * 0.23 * g->acw_f;
            long fcr = binom_approx(rng, handled, fmin(0.99, fmax(0.5, g->fcr)));
            long tr = binom_approx(rng, handled - fcr, fmin(0.9, fmax(0.0, g->transfer / (1 - g->fcr + 1e-9))));
            int remote = g->remote_ok && m >= 3 && rng_unif(rng) < 0.35 && kind != 2;
            fprintf(op.f, "%s,%s,%ld,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%ld,%ld,", ds, g->id, handled,
                    logged, talk, hold, acw, brk, meet, train, fcr, tr);
            if (rng_unif(rng) < 0.2)
                fprintf(op.f, "%.1f", fmin(100, fmax(40, g->qa + 3 * rng_normal(rng))));
            fprintf(op.f, ",%s,%s,%d\n", queue_name[g->queue], kind_name[kind], remote);
            tot->perf_rows++;
        }
    }
    write_prefs(cfg, a, n, leave, lfirst, nld, rng_u64(rng), of.f, tot);
    rc = 0;
done:
    if (!rc)
        rc = out_close(&of, 1, err);
    if (!rc)
        rc = out_close(&oa, 1, err);
    if (!rc)
        rc = out_close(&ol, 1, err);
    if (!rc)
        rc = out_close(&op, 1, err);
    if (!rc)
        rc = out_close(&ot, 1, err);
    out_close(&oa, 0, err);
    out_close(&ol, 0, err);
    out_close(&op, 0, err);
    out_close(&ot, 0, err);
    out_close(&of, 0, err);
    free(leave);
    free(a);
    return rc;
}

int sample_generate(SampleCenter c, const char *dir, uint64_t seed, SampleTotals *tot,
                    WfmErr *err)
{
    return sample_generate_with(c, sample_config_text(c), dir, seed, tot, err);
}

int sample_generate_with(SampleCenter c, const char *cfg_text, const char *dir, uint64_t seed,
                         SampleTotals *tot, WfmErr *err)
{
    Spec sp;
    WfmConfig cfg;
    Rng rng;
    Out oc = { 0 };
    int rc;

    memset(tot, 0, sizeof *tot);
    memset(&sp, 0, sizeof sp);
    sp.center = c;
    sp.year0 = 2019;
    sp.years = 2;
    if (c == SAMPLE_SEOUL) {
        /* Published phone figures (DOMAIN.md): offered and answered, 2019 and 2020. */
        sp.offered[0] = 3603762;
        sp.answered[0] = 3129674;
        sp.offered[1] = 5305817;
        sp.answered[1] = 4118511;
        sp.n_day = 290;
        sp.n_weekend = 50;
        sp.n_night = 60;
    } else {
        sp.weekday_level = 1000;
        sp.answer_rate = 0.958;
        sp.n_day = 15;
    }
    if ((rc = cfg_load_string(cfg_text, "sample wfm.cfg", &cfg, err)))
        return rc;
    rng_seed(&rng, seed);
    if ((rc = out_open(&oc, dir, "wfm.cfg", err)))
        goto out;
    fputs(cfg_text, oc.f);
    if ((rc = out_close(&oc, 1, err)) ||
        (rc = write_volumes(&sp, &cfg, dir, &rng, tot, err)) ||
        (rc = write_people(&sp, &cfg, dir, &rng, tot, err)))
        goto out;
    {
        /* Turn the sums into the figures the README compares. */
        int ly = sp.year0 + sp.years - 1, nwd = 0, nsh = 0;
        for (int d = date_from_ymd(ly, 1, 1); d <= date_from_ymd(ly, 12, 31); d++) {
            int t = cal_day_type(&cfg.holidays, d);
            nwd += t == DT_WEEKDAY;
            nsh += t == DT_SUNHOL;
        }
        double all = tot->offered[0] + tot->offered[1];
        tot->first_year = sp.year0;
        tot->years = sp.years;
        tot->pm_share /= all;
        tot->weekday_day_answered /= nwd;
        tot->weekday_night_answered /= nwd;
        tot->holiday_answered /= nsh;
        tot->surge_ratio = tot->weekday_offered > 0 ? tot->surge_ratio / tot->weekday_offered : 0;
        tot->weekday_offered = 0;
        if (c == SAMPLE_GIMPO) {
            int w = 0;
            for (int d = date_from_ymd(sp.year0, 1, 1); d <= date_from_ymd(ly, 12, 31); d++)
                w += cal_day_type(&cfg.holidays, d) == DT_WEEKDAY;
            tot->weekday_offered = all / w;
        }
    }
out:
    wfm_config_free(&cfg);
    return rc;
}
