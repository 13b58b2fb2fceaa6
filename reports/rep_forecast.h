/*
 * rep_forecast.h - the forecast as CSV: date,hour,queue,offered,aht_s, one
 * row per hour of the month and queue.
 */
#ifndef WFM_REP_FORECAST_H
#define WFM_REP_FORECAST_H

#include "../core/err.h"

typedef struct ForecastQueue {
    const char *queue;
    const double *offered, *aht_s;  /* 24 * ndays */
} ForecastQueue;

/* Writes the CSV to path atomically.  Returns 0 or WFM_EIO. */
int rep_forecast_csv(const char *path, int first, int ndays, const ForecastQueue *q, int nq,
                     WfmErr *err);

/* One queue's part of the forecast page. */
typedef struct ForecastSection {
    const char *queue, *method;
    int first, ndays;            /* days shown: recent history, backtests, the month */
    const double *actual;        /* daily calls, < 0 where unknown (the month itself) */
    const double *backtest;      /* the method's month-ahead backtest forecasts, < 0 where none */
    const double *forecast;      /* the month's forecast, < 0 outside it */
    int nmethods;
    const char *const *names;
    const int *ok;               /* 0 where a method stepped aside */
    const double *wape, *bias;   /* per method */
    const double *wape_dt;       /* per method, DT_COUNT values each; NaN where closed */
    int mfirst, mdays;           /* the forecast month */
    const double *hourly;        /* its forecast, 24 * mdays, or NULL */
    const double *lo, *hi;       /* the 10% and 90% points per hour (NULL: no band) */
} ForecastSection;

/* Writes index.html and per queue (by index) a chart of the days
 * (forecast_K.png) and one of the month hour by hour with its 10-90% band
 * (forecast_K_band.png) into dir;
 * with script_dir, gnuplot scripts instead. */
int rep_forecast_page(const char *center, int lang, const char *month, const ForecastSection *sec,
                      int nsec, const char *dir, const char *script_dir, WfmErr *err);

#endif
