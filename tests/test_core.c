#include "helpers.h"
#include "../core/err.h"
#include "../core/rng.h"
#include "../core/sbuf.h"
#include "../core/afile.h"

#include <limits.h>
#include <sys/stat.h>
#include "../core/stats.h"

static void test_err(void **state)
{
    WfmErr e;
    (void)state;
    assert_int_equal(wfm_err(&e, WFM_EINPUT, "cannot read '%s': %s", "a.csv", "gone"), WFM_EINPUT);
    assert_string_equal(e.msg, "cannot read 'a.csv': gone");
    assert_int_equal(wfm_err_prefix(&e, "queue '%s'", "phone"), WFM_EINPUT);
    assert_string_equal(e.msg, "queue 'phone': cannot read 'a.csv': gone");
    assert_int_equal(wfm_err(NULL, WFM_EIO, "x"), WFM_EIO);
    /* DESIGN.md's exit codes */
    assert_int_equal(wfm_exit_status(WFM_OK), 0);
    assert_int_equal(wfm_exit_status(WFM_EINPUT), 1);
    assert_int_equal(wfm_exit_status(WFM_EIO), 1);
    assert_int_equal(wfm_exit_status(WFM_EUSAGE), 2);
    assert_int_equal(wfm_exit_status(WFM_ESOLVE), 3);
    /* A long message is cut, never overrun. */
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    wfm_err(&e, WFM_EIO, "%s", big);
    wfm_err_prefix(&e, "%s", big);
    assert_true(strlen(e.msg) < sizeof e.msg);
}

static void test_sbuf(void **state)
{
    SBuf b;
    (void)state;
    sbuf_init(&b);
    sbuf_html(&b, "<a href=\"x\">A & B's</a> 한글");
    assert_string_equal(b.s, "&lt;a href=&quot;x&quot;&gt;A &amp; B&#39;s&lt;/a&gt; 한글");
    for (int i = 0; i < 10000; i++)
        sbuf_printf(&b, "%d,", i);
    assert_true(b.len > 40000);
    assert_int_equal(strlen(b.s), b.len);
    sbuf_free(&b);
    sbuf_free(NULL);
}

/* The Poisson sampler against theory: mean and variance equal lambda, for
 * the inversion branch (< 10) and the PTRS branch; 200,000 draws each, so
 * the sample mean is within 4 standard errors. */
static void test_poisson(void **state)
{
    static const double lambdas[] = { 0.3, 4, 9.9, 10.1, 57, 1300 };
    Rng r;
    (void)state;
    rng_seed(&r, 5);
    for (size_t k = 0; k < sizeof lambdas / sizeof lambdas[0]; k++) {
        double l = lambdas[k], s = 0, s2 = 0;
        int n = 200000;
        for (int i = 0; i < n; i++) {
            double x = (double)rng_poisson(&r, l);
            s += x, s2 += x * x;
        }
        double mean = s / n, var = s2 / n - mean * mean;
        assert_close(mean, l, 4 * sqrt(l / n));
        assert_close(var / l, 1, 0.02);
    }
    assert_int_equal(rng_poisson(&r, 0), 0);
    /* uniform: never 0 or 1; below: in range */
    for (int i = 0; i < 100000; i++) {
        double u = rng_unif(&r);
        assert_true(u > 0 && u < 1);
        assert_true(rng_below(&r, 7) < 7);
    }
    /* same seed, same stream */
    Rng a, b;
    rng_seed(&a, 99);
    rng_seed(&b, 99);
    for (int i = 0; i < 100; i++)
        assert_true(rng_u64(&a) == rng_u64(&b));
}

/* Largest remainder: whole numbers with the total asked for, each within
 * one of its share, and the biggest remainders rounded up (Hamilton's
 * method, checked by hand on one case and by its invariants on random ones). */
static void test_round_to_total(void **state)
{
    (void)state;
    const double v[4] = { 0.4, 1.6, 2.0, 0.0 };
    int out[4];
    stats_round_to_total(v, 4, 4, out);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 2);
    assert_int_equal(out[2], 2);
    assert_int_equal(out[3], 0);
    Rng rng;
    rng_seed(&rng, 7);
    for (int rep = 0; rep < 200; rep++) {
        double w[9], tot = 0;
        int n = 1 + (int)rng_below(&rng, 9), total = (int)rng_below(&rng, 40), got[9], sum = 0;
        for (int i = 0; i < n; i++)
            tot += w[i] = rng_unif(&rng);
        for (int i = 0; i < n; i++)
            w[i] = w[i] / tot * total;
        stats_round_to_total(w, n, total, got);
        for (int i = 0; i < n; i++) {
            int down = (int)floor(w[i] + 1e-6);
            sum += got[i];
            assert_true(got[i] == down || got[i] == down + 1);
            for (int j = 0; j < n; j++)   /* rounded up: a remainder no smaller than any rounded down */
                if (got[i] > down && got[j] == (int)floor(w[j] + 1e-6))
                    assert_true(w[i] - down >= w[j] - floor(w[j] + 1e-6) - 1e-12);
        }
        assert_int_equal(sum, total);
    }
}

/* The one CSV cell rule (issue 16): RFC 4180 quoting and formula cells
 * neutralised, exact bytes. */
static void test_sbuf_csv(void **state)
{
    static const char *const cases[][2] = {
        { "A0001", "A0001" },
        { "", "" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "x\ny", "\"x\ny\"" },
        { "x\ry", "\"x\ry\"" },
        { "=1+2", "\"'=1+2\"" },
        { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
        { "+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"" },
        { "-2+3", "\"'-2+3\"" },
        { "@SUM(1)", "\"'@SUM(1)\"" },
        { "\tx", "\"'\tx\"" },
        { "\rx", "\"'\rx\"" },
        { "'q/1", "'q/1" },
        { "a=b", "a=b" },
        { "김포 <b>", "김포 <b>" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SBuf b;
        sbuf_init(&b);
        sbuf_puts(&b, "[");
        sbuf_csv(&b, cases[i][0]);
        sbuf_puts(&b, "]");
        char want[128];
        snprintf(want, sizeof want, "[%s]", cases[i][1]);
        assert_string_equal(b.s, want);
        sbuf_free(&b);
    }
}

/* HTML: text and attributes, exact bytes. */
static void test_sbuf_html_exact(void **state)
{
    SBuf b;
    (void)state;
    sbuf_init(&b);
    sbuf_html(&b, "\"><img src=x onerror=alert(1)>");
    assert_string_equal(b.s, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    b.len = 0;
    sbuf_html(&b, "<script>alert('1')</script> & 한");
    assert_string_equal(b.s, "&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt; &amp; 한");
    sbuf_free(&b);
}

/* Atomic files: a planted link or stale temporary file is never written
 * through; the target is replaced whole; over-long paths are refused. */
static void test_afile(void **state)
{
    char *d = tmp_dir(), path[600], link[700], victim[600], buf[PATH_MAX + 10];
    WfmErr err = { 0, "" };
    (void)state;
    snprintf(victim, sizeof victim, "%s/victim", d);
    write_file(victim, "keep", 4);
    snprintf(path, sizeof path, "%s/index.html", d);
    snprintf(link, sizeof link, "%s/index.html.tmp", d);
    assert_int_equal(symlink(victim, link), 0);
    assert_int_equal(afile_write(d, "index.html", "new", 3, &err), 0);
    char *s = read_file(victim, NULL);
    assert_string_equal(s, "keep");
    free(s);
    s = read_file(path, NULL);
    assert_string_equal(s, "new");
    free(s);
    /* The target itself a link: replaced by the file, its target untouched. */
    snprintf(path, sizeof path, "%s/x.csv", d);
    assert_int_equal(symlink(victim, path), 0);
    assert_int_equal(afile_write(d, "x.csv", "a,b\n", 4, &err), 0);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    s = read_file(victim, NULL);
    assert_string_equal(s, "keep");
    free(s);
    /* Aborted: no temporary file is left, the target is as it was. */
    AFile a;
    assert_int_equal(afile_open(&a, path, &err), 0);
    fputs("partial", a.f);
    char tmp[700];
    snprintf(tmp, sizeof tmp, "%s", a.tmp);
    afile_abort(&a);
    assert_int_equal(access(tmp, F_OK), -1);
    s = read_file(path, NULL);
    assert_string_equal(s, "a,b\n");
    free(s);
    /* Too long: refused, nothing cut. */
    memset(buf, 'd', sizeof buf - 1);
    buf[sizeof buf - 1] = 0;
    assert_int_equal(afile_write(buf, "f", "x", 1, &err), WFM_EINPUT);
    assert_contains(err.msg, "the path is longer than 4095 bytes");
    buf[PATH_MAX - 12] = 0;  /* fits PATH_MAX, not with the temporary suffix */
    assert_int_equal(afile_open(&a, buf, &err), WFM_EINPUT);
    char j[8];
    assert_int_equal(afile_join(j, sizeof j, "abc", "def", &err), 0);
    assert_string_equal(j, "abc/def");
    assert_int_equal(afile_join(j, sizeof j, "abcd", "def", &err), WFM_EINPUT);
    assert_string_equal(j, "");
    rm_tree(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err), cmocka_unit_test(test_sbuf), cmocka_unit_test(test_poisson), cmocka_unit_test(test_round_to_total),
        cmocka_unit_test(test_sbuf_csv), cmocka_unit_test(test_sbuf_html_exact), cmocka_unit_test(test_afile),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
