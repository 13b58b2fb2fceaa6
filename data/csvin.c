#include "csvin.h"
#include "../core/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 20)

struct CsvIn {
    FILE *f;
    char *name;
    char *buf;
    size_t pos, end;
    int eof, started;
    long line;          /* current physical line */
    char *rec;          /* the record's fields, each NUL-terminated */
    size_t reclen, reccap;
    size_t *off;        /* field offsets into rec */
    size_t *len;
    long *fline;
    size_t nf, fcap;
};

static int refill(CsvIn *r)
{
    if (r->eof || !r->f)
        return 0;
    r->end = fread(r->buf, 1, CHUNK, r->f);
    r->pos = 0;
    if (r->end == 0) {
        r->eof = 1;
        return 0;
    }
    return 1;
}

/* The next byte, or -1 at the end. */
static inline int getb(CsvIn *r)
{
    if (r->pos == r->end && !refill(r))
        return -1;
    return (unsigned char)r->buf[r->pos++];
}

static inline int peekb(CsvIn *r)
{
    if (r->pos == r->end && !refill(r))
        return -1;
    return (unsigned char)r->buf[r->pos];
}

static CsvIn *make(const char *name)
{
    CsvIn *r = xcalloc(1, sizeof *r);
    r->name = xstrdup(name);
    r->line = 1;
    r->reccap = 256;
    r->rec = xmalloc(r->reccap);
    return r;
}

int csvin_open(const char *path, CsvIn **out, WfmErr *err)
{
    FILE *f = fopen(path, "rb");
    *out = NULL;
    if (!f)
        return wfm_err(err, WFM_EIO, "cannot read '%s': %s", path, strerror(errno));
    CsvIn *r = make(path);
    r->f = f;
    r->buf = xmalloc(CHUNK);
    *out = r;
    return 0;
}

CsvIn *csvin_open_mem(const char *name, const char *text, size_t len)
{
    CsvIn *r = make(name);
    r->buf = xmalloc(len + 1);
    memcpy(r->buf, text, len);
    r->end = len;
    r->eof = 1;
    return r;
}

void csvin_close(CsvIn *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    free(r->name);
    free(r->buf);
    free(r->rec);
    free(r->off);
    free(r->len);
    free(r->fline);
    free(r);
}

static inline void put(CsvIn *r, int c)
{
    if (r->reclen + 1 >= r->reccap) {
        void *p = r->rec;
        xgrow(&p, &r->reccap, r->reclen + 2, 1);
        r->rec = p;
    }
    r->rec[r->reclen++] = (char)c;
}

static void begin_field(CsvIn *r)
{
    if (r->nf == r->fcap) {
        size_t c = r->fcap;
        void *p;
        p = r->off; c = r->fcap; xgrow(&p, &c, r->nf + 1, sizeof(size_t)); r->off = p;
        p = r->len; c = r->fcap; xgrow(&p, &c, r->nf + 1, sizeof(size_t)); r->len = p;
        p = r->fline; c = r->fcap; xgrow(&p, &c, r->nf + 1, sizeof(long)); r->fline = p;
        r->fcap = c;
    }
    r->off[r->nf] = r->reclen;
    r->fline[r->nf] = r->line;
}

static void end_field(CsvIn *r)
{
    r->len[r->nf] = r->reclen - r->off[r->nf];
    put(r, 0);
    r->nf++;
}

int csvin_next(CsvIn *r, WfmErr *err)
{
    int c;

    if (!r->started) {
        r->started = 1;
        /* A UTF-8 byte-order mark at the very start is not data. */
        if (peekb(r) == 0xEF) {
            if (r->end - r->pos >= 3 && (unsigned char)r->buf[r->pos + 1] == 0xBB &&
                (unsigned char)r->buf[r->pos + 2] == 0xBF)
                r->pos += 3;
        }
    }
    for (;;) {
        r->nf = 0;
        r->reclen = 0;
        c = peekb(r);
        if (c < 0)
            return (r->f && ferror(r->f))
                       ? wfm_err(err, WFM_EIO, "cannot read '%s': read error", r->name)
                       : 0;
        if (c == '\n' || c == '\r') {  /* a blank line */
            getb(r);
            if (c == '\r' && peekb(r) == '\n')
                getb(r);
            r->line++;
            continue;
        }
        break;
    }
    for (;;) {
        begin_field(r);
        c = getb(r);
        if (c == '"') {
            long qline = r->line;
            for (;;) {
                c = getb(r);
                if (c < 0)
                    return wfm_err(err, WFM_EINPUT, "%s:%ld:%zu: a quoted field is not closed",
                                   r->name, qline, r->nf + 1);
                if (c == '"') {
                    if (peekb(r) == '"') {
                        getb(r);
                        put(r, '"');
                        continue;
                    }
                    break;
                }
                if (c == '\n')
                    r->line++;
                put(r, c);
            }
            c = getb(r);
            if (c == '\r' && peekb(r) == '\n')
                c = getb(r);
            if (c != ',' && c != '\n' && c != '\r' && c >= 0)
                return wfm_err(err, WFM_EINPUT, "%s:%ld:%zu: text after a closing quote",
                               r->name, r->line, r->nf + 1);
        } else {
            while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                if (c == '"')
                    return wfm_err(err, WFM_EINPUT,
                                   "%s:%ld:%zu: a quote inside an unquoted field",
                                   r->name, r->line, r->nf + 1);
                put(r, c);
                c = getb(r);
            }
            if (c == '\r' && peekb(r) == '\n')
                c = getb(r);
        }
        end_field(r);
        if (c == ',')
            continue;
        if (c == '\n' || c == '\r')
            r->line++;
        return 1;
    }
}

int csvin_nfields(const CsvIn *r)
{
    return (int)r->nf;
}

const char *csvin_field(const CsvIn *r, int i, size_t *len)
{
    if (i < 0 || (size_t)i >= r->nf) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = r->len[i];
    return r->rec + r->off[i];
}

long csvin_line(const CsvIn *r, int i)
{
    if (r->nf == 0)
        return r->line;
    if (i < 0 || (size_t)i >= r->nf)
        i = (int)r->nf - 1;
    return r->fline[i];
}

const char *csvin_name(const CsvIn *r)
{
    return r->name;
}
