/*
 * sbuf.h - a growable byte string for building HTML, SQL text and messages.
 * The text is always NUL-terminated; free it with sbuf_free.
 */
#ifndef WFM_SBUF_H
#define WFM_SBUF_H

#include <stdarg.h>
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
void sbuf_vprintf(SBuf *b, const char *fmt, va_list ap);
/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void sbuf_html(SBuf *b, const char *s);
/* Appends s as one CSV text cell - the one rule for every CSV wfm writes.
 * RFC 4180: a cell holding a comma, a double quote, CR or LF goes in double
 * quotes with each double quote doubled.  A cell starting with = + - @ tab
 * or CR, which a spreadsheet would read as a formula, is neutralised the
 * OWASP way: a single quote in front, the whole in double quotes
 * ("=1+2" becomes "'=1+2").  Only for text that came from input (ids,
 * names, teams, queues, templates); numbers wfm formats stay as they are. */
void sbuf_csv(SBuf *b, const char *s);

#endif
