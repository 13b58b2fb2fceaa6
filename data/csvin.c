#include "csvin.h"
#include "../core/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 20)

struct CsvIn {
    FILE *f;
    char *name;
    char *buf;
    size_t pos, end;
    int eof, started;
    long long nread;    /* bytes read from f so far */
    int toobig;         /* the file passed CSVIN_MAX_BYTES while being read */
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
    r->nread += (long long)r->end;
    if (r->nread > CSVIN_MAX_BYTES) {  /* it grew, or its size was not its size */
        r->toobig = 1;
        r->eof = 1;
        r->end = 0;
        return 0;
    }
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
    char shown[256];
    r->name = xstrdup(csvin_show(name, strlen(name), shown, sizeof shown));
    r->line = 1;
    r->reccap = 256;
    r->rec = xmalloc(r->reccap);
    return r;
}

static const char *file_kind(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
           : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "something else";
}

int csvin_fopen(const char *path, long long max_bytes, FILE **out, WfmErr *err)
{
    char shown[256];
    struct stat st;
    int fd, fl;
    FILE *f;

    *out = NULL;
    csvin_show(path, strlen(path), shown, sizeof shown);
    /* Non-blocking, so a FIFO without a writer does not hang the open. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return wfm_err(err, WFM_EIO, "cannot read '%s': %s", shown, strerror(errno));
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return wfm_err(err, WFM_EIO, "cannot read '%s': %s", shown, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return wfm_err(err, WFM_EINPUT, "cannot read '%s': %s, not a regular file", shown, file_kind(st.st_mode));
    }
    if ((long long)st.st_size > max_bytes) {
        close(fd);
        return wfm_err(err, WFM_EINPUT, "cannot read '%s': %lld bytes, more than the %lld a file may hold", shown,
                       (long long)st.st_size, max_bytes);
    }
    if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 || !(f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        return wfm_err(err, WFM_EIO, "cannot read '%s': %s", shown, strerror(e));
    }
    *out = f;
    return 0;
}

int csvin_open(const char *path, CsvIn **out, WfmErr *err)
{
    FILE *f;
    int rc = csvin_fopen(path, CSVIN_MAX_BYTES, &f, err);
    *out = NULL;
    if (rc)
        return rc;
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

/* The error for a record or a file beyond the limits, or 0. */
static int over(const CsvIn *r, WfmErr *err)
{
    if (r->toobig)
        return wfm_err(err, WFM_EINPUT, "%s:%ld: the file is longer than %lld bytes", r->name, r->line,
                       (long long)CSVIN_MAX_BYTES);
    if (r->reclen > CSVIN_MAX_RECORD)
        return wfm_err(err, WFM_EINPUT, "%s:%ld:%zu: the record is longer than %d bytes", r->name, r->line,
                       r->nf + 1, CSVIN_MAX_RECORD);
    return 0;
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
        if (c < 0 && r->toobig)
            return over(r, err);
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
                if (r->reclen > CSVIN_MAX_RECORD || (c < 0 && r->toobig))
                    return over(r, err);
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
                if (r->reclen > CSVIN_MAX_RECORD)
                    return over(r, err);
                c = getb(r);
            }
            if (c == '\r' && peekb(r) == '\n')
                c = getb(r);
        }
        end_field(r);
        if (r->reclen > CSVIN_MAX_RECORD || r->toobig)
            return over(r, err);
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

/* The length (2-4) of the valid UTF-8 sequence of more than one byte at
 * s[0..n), or 0: no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* A control character at s: C0, DEL, or C1 (U+0080-U+009F: C2 80 - C2 9F). */
static int is_control(const unsigned char *s, size_t len)
{
    return len == 1 ? s[0] < 0x20 || s[0] == 0x7F : len == 2 && s[0] == 0xC2 && s[1] <= 0x9F;
}

int csvin_text_check(const char *s, size_t n, size_t *at)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = u[i] < 0x80 ? 1 : utf8_seq(u + i, n - i);
        if (len == 0 || is_control(u + i, len)) {
            if (at)
                *at = i;
            return len == 0 ? -2 : -1;
        }
        i += len;
    }
    return 0;
}

const char *csvin_show(const char *s, size_t n, char *buf, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    while (i < n) {
        size_t len = u[i] < 0x80 ? 1 : utf8_seq(u + i, n - i);
        int esc = len == 0 || is_control(u + i, len);
        size_t out = esc ? 4 * (len ? len : 1) : len;
        if (o + out + 4 > cap)
            break;
        if (esc) {
            for (size_t k = 0; k < (len ? len : 1); k++)
                o += (size_t)snprintf(buf + o, cap - o, "\\x%02X", u[i + k]);
        } else {
            memcpy(buf + o, s + i, len);
            o += len;
        }
        i += len ? len : 1;
    }
    if (i < n)
        memcpy(buf + o, "...", 3), o += 3;
    buf[o] = 0;
    return buf;
}
