/*
 * rep_coverage.h - the coverage report: agents required per hour of a
 * month (on the phone and on duty) as a chart and a day x hour heat map,
 * with the hourly table as CSV; and on the duty grid the roster is solved
 * on (need_i: a partly open hour's calls in its open part), the need per
 * interval beside the stored roster's agents on duty, its shortfall and
 * surplus and the intervals with calls and nobody on duty (intervals.csv).
 */
#ifndef WFM_REP_COVERAGE_H
#define WFM_REP_COVERAGE_H

#include "../core/err.h"

typedef struct CoverageData {
    const char *center;
    int lang;
    int first, ndays;
    const double *phone, *duty, *offered;  /* 24 * ndays each */
    int I, nt;                             /* the duty grid: nt intervals of I minutes (0: none) */
    const double *need_i, *duty_i;         /* nt each: needed on duty; the roster's on duty (NULL: no roster) */
} CoverageData;

/* Writes index.html, required.png, heatmap.png and requirement.csv into dir,
 * with a duty grid also grid.png and intervals.csv;
 * with script_dir, gnuplot scripts instead of running gnuplot. */
int rep_coverage(const CoverageData *c, const char *dir, const char *script_dir, WfmErr *err);

#endif
