#include "helpers.h"
#include "../data/csvin.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_lines), cmocka_unit_test(test_file_chunks),
    };
    return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
