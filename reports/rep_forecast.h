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

#endif
