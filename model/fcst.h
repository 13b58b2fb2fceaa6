/*
 * fcst.h - forecasting hourly offered calls a month ahead, and measuring it
 * honestly: a rolling-origin backtest in which each month is forecast from
 * the data before it starts.
 *
 * History is a linear array of 24 values a day from day `first`; a value
 * below 0 is a missing hour.  A forecast for days [from, from + ndays) made
 * at origin day `origin` reads only days before origin.
 */
#ifndef WFM_FCST_H
#define WFM_FCST_H

#include "../core/date.h"
#include "config.h"

enum {
    FC_SEASONAL_NAIVE,  /* the same hour on the last day of the same kind */
    FC_MEAN,            /* mean of the same hour over the last K days of the same kind */
    FC_MEDIAN,          /* median of the same hour over the last 8 days of the same kind */
    FC_TRIMMED,         /* mean without the highest and the lowest */
    FC_PROFILE_TREND,   /* day-kind x hour shape times a robust daily level (median of
                           the last 28 days, adjusted by kind) and an optional trend */
    FC_COMBINED,        /* the mean of the median, trimmed-mean and profile-trend forecasts */
    FC_YEARLY,          /* profile-trend times last year's change from the 28 days before
                           the origin to the same days as the target (needs 13 months);
                           last year's abnormal weeks are passed over */
    FC_HOLT,            /* daily totals by Holt's damped-trend exponential smoothing with
                           day-kind effects, its parameters fitted on the history's
                           errors, times the kind's intraday shape */
    FC_HOLT_MIX,        /* holt's daily totals averaged with profile-trend's robust level,
                           both times holt's intraday shape */
    FC_TOP2,            /* the mean of the two methods with the lowest FC_POOL_BACK-month backtest
                           WAPE before the origin (among those that can forecast the
                           month): `auto` - a combination, not a selection */
    FC_COUNT
};

/* Why a method steps aside (fcst_run's negative returns). */
enum {
    FC_ESHORT = -1,     /* under 14 days of history before the origin */
    FC_EYEAR = -2,      /* yearly: under 13 months of history */
    FC_EOPEN = -3,      /* too few open days (days with calls) for a daily level */
};

/* How holidays are matched with history. */
enum { HOL_OWN_KIND, HOL_LIKE_SUNDAY };

typedef struct FcstHist {
    const double *y;
    int first, ndays;
    const Calendar *holidays;
    int holiday_mode;            /* HOL_* */
    const SpecialEvent *events;  /* multipliers on given days (each over its `days`) */
    int nevents;
    int k;                       /* days of the same kind (default 8) */
    double outlier;              /* drop reference days whose total is outside
                                    [median / outlier, median * outlier] of their
                                    kind's candidates (0 = keep all) */
    double trend_share;          /* profile-trend: the share of the 28-day trend kept (0-1) */
    int holiday_edges;           /* scale the working days just after and before a long
                                    holiday (3+ days off with a holiday in them) by their
                                    median effect in history */
} FcstHist;

typedef struct FcstScore {
    double wape, bias;           /* over all backtest hours: sum|F-A|/sum A, sum(F-A)/sum A */
    double wape_hour[24], bias_hour[24];
    double wape_dt[DT_COUNT], bias_dt[DT_COUNT];
    double actual;               /* calls in the backtest */
    int months;                  /* months scored */
    int fail;                    /* 0, or the FC_E* code of a month that could not be forecast */
    int dropped[FC_COUNT];       /* combined: months each member stepped aside in */
    int dropped_why[FC_COUNT];   /* and its FC_E* code */
    /* Where nothing was open (no calls in the backtest), wape_hour, bias_hour,
     * wape_dt and bias_dt are NaN: closed, not a perfect forecast. */
    double q10[24], q90[24];     /* per hour: the 10% and 90% quantiles of actual/forecast
                                    over the backtest's open hours (NaN where none) */
} FcstScore;

/* The product of the multipliers of the events covering day (each from
 * its day over its `days`, at least that day); 1 when none does. */
double fcst_event_mult(const SpecialEvent *ev, int nevents, int day);

/* A sentence for an FC_E* code (English; the cli may translate). */
const char *fcst_why(int code);

const char *fcst_name(int method);
/* The method named word, or -1. */
int fcst_method(const char *word);

/* Writes 24 * ndays forecasts into out.  Returns 0, or an FC_E* code when
 * the method steps aside.  Days of a kind with no calls in its recent
 * history (a closed weekday, closed holidays) are forecast 0. */
int fcst_run(int method, const FcstHist *h, int origin, int from, int ndays, double *out);

/* fcst_run, and for combined the FC_E* code of each member that stepped
 * aside (0 for those used) in dropped[FC_COUNT] (may be NULL). */
int fcst_run_members(int method, const FcstHist *h, int origin, int from, int ndays, double *out,
                     int *dropped);

/* 1 when the kind of day (0-6 the weekday, 7 a holiday) is open: some day
 * of it among its last 8 with data before origin has calls (over at most
 * its last 16 days). */
int fcst_kind_open(const FcstHist *h, int origin, int kd);

/* Backtests method on the last nmonths whole months of the history, each
 * forecast from its own first day.  Returns 0, or -1 when no month could
 * be scored. */
int fcst_backtest(int method, const FcstHist *h, int nmonths, FcstScore *sc);

/* Per hour of the day, the q-quantile (0-1) of actual / forecast over the
 * open hours of method's nmonths-month backtest: the forecast times it is
 * the calls at that percentile.  ratio[hr] is 1 where an hour has fewer
 * than 5 such hours.  Returns 0, or -1 when no hour has. */
int fcst_backtest_quantile(int method, const FcstHist *h, int nmonths, double q, double ratio[24]);

/* The months of backtest by which top-2 picks its two methods. */
#define FC_POOL_BACK 6

/* The two methods top-2 averages for days [from, from + ndays) at origin:
 * the lowest FC_POOL_BACK-month backtest WAPE over the history before
 * origin, among the methods other than top-2 that can forecast the days.
 * pair[1] is -1 when only one method can; wape[] gets their backtest WAPE
 * (may be NULL); out (if not NULL) gets top-2's forecast of the days, as
 * fcst_run(FC_TOP2) gives it, without choosing the pair again.  Returns 0,
 * or an FC_E* code when none can. */
int fcst_top2_members(const FcstHist *h, int origin, int from, int ndays, int pair[2], double wape[2],
                      double *out);

/* What `auto` (top-2) would have scored with an nback-month backtest
 * choosing the pair: each of the last nmonths whole months forecast by the
 * mean of the two methods with the lowest nback-month backtest before it.
 * chosen[k] (if not NULL) gets the lower of the k-th month back's pair
 * (-1 when none; fcst_top2_members names both).  Returns 0, or -1 when nothing could be
 * scored.  Only overall WAPE and bias are filled. */
int fcst_backtest_auto(const FcstHist *h, int nmonths, int nback, FcstScore *sc, int *chosen);

#endif
