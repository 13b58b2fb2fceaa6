/*
 * fuzz_csvin.c - libFuzzer harness for the CSV reader (data/csvin.h).
 *
 * The input is read twice, from memory (csvin_open_mem) and from a file
 * (csvin_open), and the two readers must agree record by record: the same
 * results, fields, lengths, lines and messages.  Fields end in a NUL, lines
 * never go back and never pass the input's line ends, and a field past the
 * last is "".  The records read are then written back as CSV (every field
 * quoted, "" for a quote) and read again: the same records must come back.
 */
#include "fuzz.h"
#include "../../data/csvin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The records read so far: fields as (length, bytes) in one buffer. */
typedef struct Recs {
    char *text;
    size_t len, cap;
    long nrec;
} Recs;

static void recs_put(Recs *r, const void *p, size_t n)
{
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n)
            cap *= 2;
        r->text = realloc(r->text, cap);
        if (!r->text)
            abort();
        r->cap = cap;
    }
    memcpy(r->text + r->len, p, n);
    r->len += n;
}

static void recs_add(Recs *r, const CsvIn *in)
{
    size_t nf = (size_t)csvin_nfields(in);
    recs_put(r, &nf, sizeof nf);
    for (size_t i = 0; i < nf; i++) {
        size_t n;
        const char *f = csvin_field(in, (int)i, &n);
        recs_put(r, &n, sizeof n);
        recs_put(r, f, n);
    }
    r->nrec++;
}

/* Checks what one reader's current record must hold on its own. */
static void check_record(const CsvIn *in, long *last_line, long max_line, size_t *bytes, size_t size)
{
    int nf = csvin_nfields(in);
    size_t n;
    FUZZ_CHECK(nf >= 1, "a record with %d fields", nf);
    for (int i = 0; i < nf; i++) {
        const char *f = csvin_field(in, i, &n);
        long line = csvin_line(in, i);
        FUZZ_CHECK(f != NULL, "field %d is NULL", i);
        FUZZ_CHECK(f[n] == 0, "field %d (length %zu) does not end in a NUL", i, n);
        FUZZ_CHECK(line >= *last_line, "field %d is on line %ld, after line %ld", i, line, *last_line);
        FUZZ_CHECK(line <= max_line, "field %d is on line %ld, but the input has %ld", i, line, max_line);
        *last_line = line;
        *bytes += n;
    }
    FUZZ_CHECK(*bytes <= size, "the fields hold %zu bytes, more than the input's %zu", *bytes, size);
    const char *past = csvin_field(in, nf, &n);
    FUZZ_CHECK(past && past[0] == 0 && n == 0, "the field past the last is not empty");
    past = csvin_field(in, -1, &n);
    FUZZ_CHECK(past && past[0] == 0 && n == 0, "field -1 is not empty");
}

/* Both readers' current records are the same. */
static void check_same(const CsvIn *a, const CsvIn *b, long rec)
{
    int nf = csvin_nfields(a);
    FUZZ_CHECK(nf == csvin_nfields(b), "record %ld: %d fields from memory, %d from the file", rec, nf,
               csvin_nfields(b));
    for (int i = 0; i < nf; i++) {
        size_t na, nb;
        const char *fa = csvin_field(a, i, &na), *fb = csvin_field(b, i, &nb);
        FUZZ_CHECK(na == nb && memcmp(fa, fb, na) == 0, "record %ld field %d differs between memory and file", rec, i);
        FUZZ_CHECK(csvin_line(a, i) == csvin_line(b, i), "record %ld field %d: line %ld from memory, %ld from the file",
                   rec, i, csvin_line(a, i), csvin_line(b, i));
    }
}

/* Every record of recs as CSV: each field quoted, quotes doubled. */
static char *write_csv(const Recs *r, size_t *len)
{
    Recs out = { 0 };
    size_t pos = 0, nf, n;
    for (long k = 0; k < r->nrec; k++) {
        memcpy(&nf, r->text + pos, sizeof nf);
        pos += sizeof nf;
        for (size_t i = 0; i < nf; i++) {
            memcpy(&n, r->text + pos, sizeof n);
            pos += sizeof n;
            recs_put(&out, i ? ",\"" : "\"", i ? 2 : 1);
            for (size_t j = 0; j < n; j++) {
                if (r->text[pos + j] == '"')
                    recs_put(&out, "\"", 1);
                recs_put(&out, r->text + pos + j, 1);
            }
            recs_put(&out, "\"", 1);
            pos += n;
        }
        recs_put(&out, "\n", 1);
    }
    *len = out.len;
    return out.text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    CsvIn *mem, *file;
    WfmErr ea, eb;
    Recs recs = { 0 }, again = { 0 };
    long last = 1, max_line = 1;
    size_t bytes = 0;
    int ra, rb;

    for (size_t i = 0; i < size; i++)
        max_line += data[i] == '\n' || data[i] == '\r';
    snprintf(path, sizeof path, "%s/in.csv", fuzz_tmpdir());
    fuzz_write(path, data, size);
    FUZZ_CHECK(csvin_open(path, &file, &eb) == 0, "csvin_open '%s': %s", path, eb.msg);
    mem = csvin_open_mem(path, (const char *)data, size);
    FUZZ_CHECK(strcmp(csvin_name(mem), path) == 0, "the name is '%s', not '%s'", csvin_name(mem), path);

    for (;;) {
        ra = csvin_next(mem, &ea);
        rb = csvin_next(file, &eb);
        FUZZ_CHECK(ra == rb, "record %ld: %d from memory, %d from the file", recs.nrec, ra, rb);
        if (ra != 1)
            break;
        check_record(mem, &last, max_line, &bytes, size);
        check_same(mem, file, recs.nrec);
        recs_add(&recs, mem);
    }
    if (ra < 0) {
        FUZZ_CHECK(ra == WFM_EINPUT, "a read from memory failed with %d: %s", ra, ea.msg);
        FUZZ_CHECK(strcmp(ea.msg, eb.msg) == 0, "the messages differ: '%s' and '%s'", ea.msg, eb.msg);
        FUZZ_CHECK(strncmp(ea.msg, path, strlen(path)) == 0 && ea.msg[strlen(path)] == ':',
                   "the message '%s' does not start with the file's name", ea.msg);
    }
    /* At the end, the end stays. */
    if (ra == 0)
        FUZZ_CHECK(csvin_next(mem, &ea) == 0, "a record after the end");
    csvin_close(mem);
    csvin_close(file);

    /* What was read, written back and read again, is the same. */
    size_t len;
    char *csv = write_csv(&recs, &len);
    mem = csvin_open_mem("again.csv", csv ? csv : "", len);
    while ((ra = csvin_next(mem, &ea)) == 1)
        recs_add(&again, mem);
    FUZZ_CHECK(ra == 0, "the records written back do not read: %s", ea.msg);
    FUZZ_CHECK(again.nrec == recs.nrec && again.len == recs.len &&
                   (recs.len == 0 || memcmp(again.text, recs.text, recs.len) == 0),
               "%ld records written back read as %ld different ones", recs.nrec, again.nrec);
    csvin_close(mem);
    free(csv);
    free(recs.text);
    free(again.text);
    return 0;
}
