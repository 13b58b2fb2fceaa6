#include "sbuf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sbuf_init(SBuf *b)
{
    b->cap = 256;
    b->s = xmalloc(b->cap);
    b->s[0] = 0;
    b->len = 0;
}

void sbuf_free(SBuf *b)
{
    if (!b)
        return;
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void sbuf_add(SBuf *b, const char *s, size_t n)
{
    void *p = b->s;
    xgrow(&p, &b->cap, b->len + n + 1, 1);
    b->s = p;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sbuf_puts(SBuf *b, const char *s)
{
    sbuf_add(b, s, strlen(s));
}

void sbuf_vprintf(SBuf *b, const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    void *p;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    p = b->s;
    xgrow(&p, &b->cap, b->len + (size_t)n + 1, 1);
    b->s = p;
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sbuf_printf(SBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sbuf_html(SBuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sbuf_puts(b, "&amp;"); break;
        case '<': sbuf_puts(b, "&lt;"); break;
        case '>': sbuf_puts(b, "&gt;"); break;
        case '"': sbuf_puts(b, "&quot;"); break;
        case '\'': sbuf_puts(b, "&#39;"); break;
        default: sbuf_add(b, s, 1);
        }
    }
}

void sbuf_csv(SBuf *b, const char *s)
{
    int formula = s[0] && strchr("=+-@\t\r", s[0]);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        sbuf_puts(b, s);
        return;
    }
    sbuf_puts(b, formula ? "\"'" : "\"");
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        sbuf_add(b, s, (size_t)(q - s));
        sbuf_puts(b, "\"\"");
    }
    sbuf_puts(b, s);
    sbuf_puts(b, "\"");
}
