/*
 * import.h - loading CSV files into the store, all or nothing.
 */
#ifndef WFM_IMPORT_H
#define WFM_IMPORT_H

#include "../core/err.h"
#include "../model/config.h"
#include "store.h"

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
