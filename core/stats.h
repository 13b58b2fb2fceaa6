/*
 * stats.h - order statistics of small arrays, shared by the forecaster and
 * the scores (both reorder v: they sort it in place), and whole numbers
 * from shares, shared by the roster's start counts and meal breaks.
 */
#ifndef WFM_STATS_H
#define WFM_STATS_H

#include <stddef.h>

/* Median of v[0..n); NAN when n == 0. */
double stats_median(double *v, size_t n);
/* The p-quantile (0..1) of v[0..n), interpolated between neighbours; NAN when n == 0. */
double stats_quantile(double *v, size_t n, double p);

/* Whole numbers out[0..n) summing to total, each v[i] rounded down (a
 * hair's tolerance) and the rest given one by one to the largest
 * remainders (largest-remainder rounding; v should sum to about total). */
void stats_round_to_total(const double *v, int n, int total, int *out);

#endif
