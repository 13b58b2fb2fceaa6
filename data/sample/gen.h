/*
 * gen.h - the deterministic sample-data generator.
 *
 * Writes the CSV files of a Seoul-120-like or a Gimpo-like center, and its
 * wfm.cfg, into a folder.  The same seed writes the same bytes on every run.
 * The totals it returns are what the README compares with published figures.
 */
#ifndef WFM_GEN_H
#define WFM_GEN_H

#include "../../core/err.h"

#include <stdint.h>

typedef enum { SAMPLE_SEOUL, SAMPLE_GIMPO } SampleCenter;

#define SAMPLE_SEED 20200501u

typedef struct SampleTotals {
    int first_year, years;
    double offered[2], answered[2];      /* per year, all queues */
    double weekday_day_answered;         /* mean per weekday, 09:00-18:00, last year */
    double weekday_night_answered;       /* mean per weekday, 18:00-09:00, last year */
    double holiday_answered;             /* mean per Sunday/holiday, last year */
    double pm_share;                     /* share of offered calls 12:00-24:00 */
    double surge_ratio;                  /* offered in May of the last year over May a year before */
    double weekday_offered;              /* mean offered per weekday (Gimpo) */
    int agents, night_agents, weekend_agents, foreign_agents, sign_agents, remote_ok_agents;
    long volume_rows, leave_rows, perf_rows, pref_rows;
    int slow_agents;                     /* planted genuinely slow agents */
} SampleTotals;

/* Returns the embedded sample wfm.cfg for the center. */
const char *sample_config_text(SampleCenter c);

/* Writes wfm.cfg, volumes.csv, agents.csv, leave.csv, perf.csv,
 * preferences.csv (for the January after the history) and truth.csv (the
 * generator's planted agent traits, for checking scores) into dir, which
 * must exist.  Returns 0 or WFM_EIO / WFM_EINPUT. */
int sample_generate(SampleCenter c, const char *dir, uint64_t seed, SampleTotals *tot,
                    WfmErr *err);

/* sample_generate with another configuration for the center (its holidays
 * and events shape the volumes; tests use it): cfg_text is written as
 * wfm.cfg. */
int sample_generate_with(SampleCenter c, const char *cfg_text, const char *dir, uint64_t seed,
                         SampleTotals *tot, WfmErr *err);

#endif
