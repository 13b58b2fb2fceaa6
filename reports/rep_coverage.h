/*
 * rep_coverage.h - the coverage report, first version: agents required per
 * hour of a month (on the phone and on duty) as a chart and a day x hour
 * heat map, with the hourly table as CSV.  The roster's supply joins it
 * when rosters exist.
 */
#ifndef WFM_REP_COVERAGE_H
#define WFM_REP_COVERAGE_H

#include "../core/err.h"

typedef struct CoverageData {
    const char *center;
    int lang;
    int first, ndays;
    const double *phone, *duty, *offered;  /* 24 * ndays each */
} CoverageData;

/* Writes index.html, required.png, heatmap.png and requirement.csv into dir;
 * with script_dir, gnuplot scripts instead of running gnuplot. */
int rep_coverage(const CoverageData *c, const char *dir, const char *script_dir, WfmErr *err);

#endif
