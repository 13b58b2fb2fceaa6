/*
 * rep_history.h - the history report: daily offered calls over the whole
 * history, the average intraday curve by day type, and a day x hour heat map.
 */
#ifndef WFM_REP_HISTORY_H
#define WFM_REP_HISTORY_H

#include "../core/date.h"
#include "../core/err.h"

typedef struct HistoryData {
    const char *center;        /* the center's name */
    int lang;                  /* LANG_* */
    int first, ndays;          /* days covered */
    const double *offered;     /* 24 * ndays hourly values, < 0 = missing */
    const Calendar *holidays;
} HistoryData;

/* Writes index.html, daily.png, intraday.png, heatmap.png and daily.csv into
 * dir (created if missing).  With script_dir set, gnuplot is not run: the
 * scripts are written there as *.gp instead.  Returns 0, WFM_EIO. */
int rep_history(const HistoryData *h, const char *dir, const char *script_dir, WfmErr *err);

#endif
