/*
 * stats.h - order statistics of small arrays, shared by the forecaster and
 * the scores.  Both reorder v (they sort it in place).
 */
#ifndef WFM_STATS_H
#define WFM_STATS_H

#include <stddef.h>

/* Median of v[0..n); NAN when n == 0. */
double stats_median(double *v, size_t n);
/* The p-quantile (0..1) of v[0..n), interpolated between neighbours; NAN when n == 0. */
double stats_quantile(double *v, size_t n, double p);

#endif
