/*
 * sbuf.h - a growable byte string for building HTML, SQL text and messages.
 * The text is always NUL-terminated; free it with sbuf_free.
 */
#ifndef WFM_SBUF_H
#define WFM_SBUF_H

#include <stddef.h>

typedef struct SBuf {
    char *s;
    size_t len, cap;
} SBuf;

void sbuf_init(SBuf *b);
void sbuf_free(SBuf *b);
void sbuf_add(SBuf *b, const char *s, size_t n);
void sbuf_puts(SBuf *b, const char *s);
void sbuf_printf(SBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void sbuf_html(SBuf *b, const char *s);

#endif
