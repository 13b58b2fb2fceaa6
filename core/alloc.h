/*
 * alloc.h - the one allocation policy: these never return NULL; on
 * out-of-memory they print one line to stderr and abort (as Redis zmalloc
 * and jq jv_alloc do).  Memory they return is freed with free().
 */
#ifndef WFM_ALLOC_H
#define WFM_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Grows *p (holding *cap elements of size elem) to hold at least need. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);

#endif
