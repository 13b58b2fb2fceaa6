/*
 * import.h - loading CSV files into the store, all or nothing.
 */
#ifndef WFM_IMPORT_H
#define WFM_IMPORT_H

#include "../core/err.h"
#include "../model/config.h"
#include "store.h"

/* What an import takes (README, "Inputs"); anything else is refused with
 * FILE:LINE:COL.  Ids (agent ids, teams, queues, kinds, shifts, templates)
 * hold at most IMPORT_MAX_ID bytes, names IMPORT_MAX_NAME, other text (the
 * skills list) IMPORT_MAX_TEXT; all text is valid UTF-8 without control
 * characters.  Counts and other numbers are finite, >= 0 and at most
 * IMPORT_MAX_NUMBER unless a column says less (seconds: a week; qa_score:
 * 100; weight: IMPORT_MAX_WEIGHT; agents: IMPORT_MAX_AGENTS); dates lie in
 * IMPORT_FIRST_DATE..IMPORT_LAST_DATE.  The file itself: see csvin.h. */
#define IMPORT_MAX_ID 31
#define IMPORT_MAX_NAME 63
#define IMPORT_MAX_TEXT 255
#define IMPORT_MAX_NUMBER 1e9
#define IMPORT_MAX_WEIGHT 1000
#define IMPORT_MAX_AGENTS 100000
#define IMPORT_FIRST_DATE "1990-01-01"
#define IMPORT_LAST_DATE "2100-12-31"

typedef enum {
    IMPORT_VOLUMES, IMPORT_AGENTS, IMPORT_LEAVE, IMPORT_PERF, IMPORT_PREFS, IMPORT_REQS, IMPORT_KIND_COUNT
} ImportKind;

typedef struct ImportResult {
    long rows;            /* data rows written */
    char note[512];       /* e.g. "ignored columns: weekday, phantom"; "" when none */
} ImportResult;

/* Parses "volumes", "agents", "leave", "perf", "preferences" or
 * "requirements" (agents needed on duty per date and hour, from another
 * tool: stored as a requirement run of its own, the newest for its days,
 * which wfm roster takes as it takes wfm staff's); -1 when unknown. */
int import_kind(const char *word);

/* Reads path (a CSV file with a header row) into the store in one
 * transaction.  Columns are found by name (case-insensitive; Korean aliases
 * accepted).  With replace, a row whose key is already stored overwrites it;
 * without, a duplicate key is an error.  cfg may be NULL; when given, agent
 * teams are checked against its teams.  On any bad row returns WFM_EINPUT
 * with "FILE:LINE:COL: reason" in err and the store unchanged. */
int import_csv(Store *s, ImportKind kind, const char *path, int replace, const WfmConfig *cfg,
               ImportResult *res, WfmErr *err);

#endif
