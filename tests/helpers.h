/*
 * helpers.h - what the cmocka tests share: closeness of doubles (cmocka
 * 1.1.5 has no assert_double_equal), temporary folders and files, the
 * path of ../shared/data, the Anonymous Bank's 1999 hourly calls, and a
 * number from a store's SQL.
 */
#ifndef WFM_TEST_HELPERS_H
#define WFM_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../core/date.h"
#include "../data/csvin.h"

#define assert_close(a, b, tol) assert_close_at((a), (b), (tol), __FILE__, __LINE__)

static inline void assert_close_at(double a, double b, double tol, const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%.17g != %.17g (difference %.3g, tolerance %.3g)\n", a, b, fabs(a - b), tol);
        _fail(file, line);
    }
}

#define assert_contains(hay, needle) \
    do { \
        const char *h_ = (hay), *n_ = (needle); \
        if (!strstr(h_, n_)) { \
            print_error("'%s' does not contain '%s'\n", h_, n_); \
            _fail(__FILE__, __LINE__); \
        } \
    } while (0)

/* A fresh temporary folder; the caller removes it with rm_tree. */
static inline char *tmp_dir(void)
{
    char *d = strdup("/tmp/wfm-test-XXXXXX");
    if (!d || !mkdtemp(d))
        abort();
    return d;
}

static inline void rm_tree(char *dir)
{
    char cmd[600];
    if (!dir)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

static inline void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
        abort();
}

static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        abort();
    buf[n] = 0;
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* ../shared/data/NAME, or NULL (and a skip) when the folder is absent. */
static inline const char *shared_data(const char *name, char *buf, size_t cap)
{
    const char *root = getenv("WFM_SHARED");
    snprintf(buf, cap, "%s/data/%s", root ? root : "../shared", name);
    return access(buf, R_OK) == 0 ? buf : NULL;
}

/* The first column of sql's first row as an int, -1 when it gives none
 * (a pragma, a count). */
static inline int sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The real Anonymous Bank 1999 hourly calls (../shared/data), 24 a day
 * from *first over *nd days, -1 where the file has no row; NULL when the
 * file is absent or unreadable.  The caller frees it. */
static inline double *load_bank(int *first, int *nd)
{
    char buf[512];
    const char *p = shared_data("rfssa_anonymous-bank-1999_hourly.csv", buf, sizeof buf);
    CsvIn *r;
    WfmErr err;
    if (!p)
        return NULL;
    *first = date_from_ymd(1999, 1, 1);
    *nd = 365;
    double *y = malloc(sizeof *y * 24 * 365);
    if (!y)
        abort();
    for (int i = 0; i < 24 * 365; i++)
        y[i] = -1;
    if (csvin_open(p, &r, &err)) {
        free(y);
        return NULL;
    }
    csvin_next(r, &err);
    while (csvin_next(r, &err) == 1) {
        int d;
        if (date_parse(csvin_field(r, 0, NULL), 10, &d) == 0)
            y[24 * (d - *first) + atoi(csvin_field(r, 2, NULL))] = atof(csvin_field(r, 3, NULL));
    }
    csvin_close(r);
    return y;
}

#endif
