/*
 * store_int.h - for data/ modules only: the SQLite handle behind a Store and
 * a helper that turns a SQLite failure into a WfmErr.
 */
#ifndef WFM_STORE_INT_H
#define WFM_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

sqlite3 *store_db(Store *s);
const char *store_path(const Store *s);
int store_sqlerr(Store *s, WfmErr *err, const char *what);
/* Binds v, or NULL where it is not finite. */
void store_bind_real(sqlite3_stmt *st, int i, double v);

#endif
