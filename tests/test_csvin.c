#include "helpers.h"
#include "../data/csvin.h"

#include <sys/stat.h>

/* Reads text and returns its records joined as "a|b|c\n" lines. */
static char *flatten(const char *text, size_t len, WfmErr *err, int *rc)
{
    CsvIn *r = csvin_open_mem("t.csv", text, len);
    static char out[4096];
    size_t n = 0;
    out[0] = 0;
    while ((*rc = csvin_next(r, err)) == 1) {
        for (int i = 0; i < csvin_nfields(r); i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", csvin_field(r, i, NULL));
        n += (size_t)snprintf(out + n, sizeof out - n, "\n");
    }
    csvin_close(r);
    return out;
}

static void test_records(void **state)
{
    static const struct { const char *in; const char *out; } cases[] = {
        { "a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n" },
        { "a,b\r\n1,2\r\n", "a|b\n1|2\n" },                         /* CRLF */
        { "\xEF\xBB\xBF" "date,hour\n1,2", "date|hour\n1|2\n" },     /* BOM, no final newline */
        { "a,\"x,y\",c\n", "a|x,y|c\n" },                            /* embedded comma */
        { "a,\"line1\nline2\",c\n", "a|line1\nline2|c\n" },          /* embedded newline */
        { "a,\"line1\r\nline2\",c\r\n", "a|line1\r\nline2|c\n" },    /* kept as written */
        { "\"say \"\"hi\"\"\",b\n", "say \"hi\"|b\n" },              /* doubled quote */
        { "a,,c\n,\n", "a||c\n|\n" },                                /* empty fields */
        { "\"\",b\n", "|b\n" },
        { "a,b\n\n\n1,2\n\n", "a|b\n1|2\n" },                        /* blank lines skipped */
        { "이름,팀\n김민준,야간\n", "이름|팀\n김민준|야간\n" },         /* UTF-8 */
        { "a,b\n1,2,\n", "a|b\n1|2|\n" },                            /* trailing comma = empty field */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        WfmErr err = { 0, "" };
        int rc;
        char *got = flatten(cases[i].in, strlen(cases[i].in), &err, &rc);
        assert_int_equal(rc, 0);
        assert_string_equal(got, cases[i].out);
    }
}

static void test_errors(void **state)
{
    static const struct { const char *in; const char *msg; } cases[] = {
        { "a,b\n1,\"open\n2,3\n", "t.csv:2:2: a quoted field is not closed" },
        { "a,b\n1,\"x\"y\n", "t.csv:2:2: text after a closing quote" },
        { "a,b\n1,x\"y\n", "t.csv:2:2: a quote inside an unquoted field" },
        { "a\n\"l1\nl2\nl3\",\"x\"z\n", "t.csv:4:2: text after a closing quote" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        WfmErr err = { 0, "" };
        int rc;
        flatten(cases[i].in, strlen(cases[i].in), &err, &rc);
        assert_int_equal(rc, WFM_EINPUT);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

static void test_lines(void **state)
{
    const char *t = "h1,h2\n\"a\nb\",x\ny,z\n";
    WfmErr err;
    CsvIn *r = csvin_open_mem("t.csv", t, strlen(t));
    (void)state;
    assert_int_equal(csvin_next(r, &err), 1);
    assert_int_equal(csvin_line(r, 0), 1);
    assert_int_equal(csvin_next(r, &err), 1);
    assert_int_equal(csvin_line(r, 0), 2);
    assert_int_equal(csvin_line(r, 1), 3);   /* after the embedded newline */
    assert_int_equal(csvin_next(r, &err), 1);
    assert_int_equal(csvin_line(r, 0), 4);
    assert_int_equal(csvin_next(r, &err), 0);
    csvin_close(r);
}

static void test_file_chunks(void **state)
{
    /* A file larger than the reader's 1 MiB chunk, with quoted fields that
     * straddle chunk boundaries: every record must come back intact. */
    char *dir = tmp_dir(), path[256];
    FILE *f;
    WfmErr err;
    CsvIn *r;
    long n = 0;
    (void)state;
    snprintf(path, sizeof path, "%s/big.csv", dir);
    f = fopen(path, "wb");
    fputs("id,text\r\n", f);
    for (long i = 0; i < 60000; i++)
        fprintf(f, "%ld,\"row %ld, with \"\"quotes\"\"\nand a newline\"\r\n", i, i);
    fclose(f);
    assert_int_equal(csvin_open(path, &r, &err), 0);
    assert_int_equal(csvin_next(r, &err), 1);
    while (csvin_next(r, &err) == 1) {
        char want[96];
        snprintf(want, sizeof want, "row %ld, with \"quotes\"\nand a newline", n);
        assert_int_equal(atol(csvin_field(r, 0, NULL)), n);
        assert_string_equal(csvin_field(r, 1, NULL), want);
        assert_int_equal(csvin_line(r, 0), 2 + 2 * n);
        n++;
    }
    assert_int_equal(n, 60000);
    csvin_close(r);
    assert_int_equal(csvin_open("/nonexistent/x.csv", &r, &err), WFM_EIO);
    assert_contains(err.msg, "cannot read '/nonexistent/x.csv'");
    rm_tree(dir);
}

/* Issue 16: a record with no end (/dev/zero, a file of NULs, one huge
 * line) stops at CSVIN_MAX_RECORD bytes instead of growing until memory
 * runs out; up to the limit it is read whole. */
static void test_record_limit(void **state)
{
    size_t n = CSVIN_MAX_RECORD + 100;
    char *text = calloc(1, n + 16);
    WfmErr err;
    CsvIn *r;
    (void)state;
    r = csvin_open_mem("z.csv", text, n);                         /* NUL bytes, no line end */
    assert_int_equal(csvin_next(r, &err), WFM_EINPUT);
    assert_string_equal(err.msg, "z.csv:1:1: the record is longer than 65536 bytes");
    csvin_close(r);
    memcpy(text, "a,b\n1,\"", 8);                                /* a quoted field that never closes */
    memset(text + 8, 'x', n - 8);
    r = csvin_open_mem("q.csv", text, n);
    assert_int_equal(csvin_next(r, &err), 1);
    assert_int_equal(csvin_next(r, &err), WFM_EINPUT);
    assert_string_equal(err.msg, "q.csv:2:2: the record is longer than 65536 bytes");
    csvin_close(r);
    memset(text, 'x', CSVIN_MAX_RECORD - 1);                       /* just under: read whole */
    r = csvin_open_mem("ok.csv", text, CSVIN_MAX_RECORD - 1);
    assert_int_equal(csvin_next(r, &err), 1);
    size_t len;
    csvin_field(r, 0, &len);
    assert_int_equal(len, CSVIN_MAX_RECORD - 1);
    csvin_close(r);
    free(text);
}

/* Issue 16: only regular files are read; a FIFO is refused without waiting
 * for a writer, a directory or a device without reading. */
static void test_not_files(void **state)
{
    char *dir = tmp_dir(), path[256];
    WfmErr err;
    CsvIn *r;
    FILE *f;
    (void)state;
    assert_int_equal(csvin_open(dir, &r, &err), WFM_EINPUT);
    assert_null(r);
    assert_contains(err.msg, "a directory, not a regular file");
    assert_int_equal(csvin_open("/dev/zero", &r, &err), WFM_EINPUT);
    assert_string_equal(err.msg, "cannot read '/dev/zero': a character device, not a regular file");
    snprintf(path, sizeof path, "%s/fifo", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(csvin_open(path, &r, &err), WFM_EINPUT);
    assert_contains(err.msg, "a FIFO, not a regular file");
    snprintf(path, sizeof path, "%s/a.csv", dir);
    write_file(path, "a,b\n", 4);
    assert_int_equal(csvin_fopen(path, 3, &f, &err), WFM_EINPUT);     /* larger than allowed */
    assert_contains(err.msg, "a.csv': 4 bytes, more than the 3 a file may hold");
    assert_int_equal(csvin_fopen(path, 4, &f, &err), 0);
    assert_int_equal(fgetc(f), 'a');
    fclose(f);
    /* The name in messages: a control byte shown escaped. */
    snprintf(path, sizeof path, "%s/b\001.csv", dir);
    assert_int_equal(csvin_open(path, &r, &err), WFM_EIO);
    assert_contains(err.msg, "/b\\x01.csv': No such file");
    rm_tree(dir);
}

static void test_text(void **state)
{
    static const struct { const char *s; size_t n; int rc; size_t at; const char *shown; } cases[] = {
        { "A0001", 5, 0, 0, "A0001" },
        { "김민준", 9, 0, 0, "김민준" },
        { "\xF0\x9F\x98\x80", 4, 0, 0, "\xF0\x9F\x98\x80" },           /* U+1F600 */
        { "a\0b", 3, -1, 1, "a\\x00b" },                               /* NUL */
        { "a\tb", 3, -1, 1, "a\\x09b" },
        { "\x1B[31m", 5, -1, 0, "\\x1B[31m" },                          /* ESC */
        { "x\x7F", 2, -1, 1, "x\\x7F" },                                /* DEL */
        { "x\xC2\x85", 3, -1, 1, "x\\xC2\\x85" },                      /* C1 NEL */
        { "ab\xFF", 3, -2, 2, "ab\\xFF" },
        { "\xC0\xAF", 2, -2, 0, "\\xC0\\xAF" },                        /* overlong '/' */
        { "\xED\xA0\x80", 3, -2, 0, "\\xED\\xA0\\x80" },              /* a surrogate */
        { "\xF4\x90\x80\x80", 4, -2, 0, "\\xF4\\x90\\x80\\x80" },    /* past U+10FFFF */
        { "\xEA\xB9", 2, -2, 0, "\\xEA\\xB9" },                        /* cut short */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = 99;
        char buf[64];
        int rc = csvin_text_check(cases[i].s, cases[i].n, &at);
        if (rc != cases[i].rc || (rc && at != cases[i].at))
            fail_msg("case %zu: rc %d at %zu", i, rc, at);
        assert_string_equal(csvin_show(cases[i].s, cases[i].n, buf, sizeof buf), cases[i].shown);
    }
    char buf[12];   /* what does not fit is cut at a whole character */
    assert_string_equal(csvin_show("abcdefghijklmnop", 16, buf, sizeof buf), "abcdefgh...");
    assert_string_equal(csvin_show("\x01\x02\x03", 3, buf, sizeof buf), "\\x01\\x02...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_lines), cmocka_unit_test(test_file_chunks),
        cmocka_unit_test(test_record_limit), cmocka_unit_test(test_not_files),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
