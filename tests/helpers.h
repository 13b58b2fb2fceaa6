/*
 * helpers.h - what the cmocka tests share: closeness of doubles (cmocka
 * 1.1.5 has no assert_double_equal), temporary folders and files, and the
 * path of ../shared/data.
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

#endif
