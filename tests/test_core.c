#include "helpers.h"
#include "../core/err.h"
#include "../core/rng.h"
#include "../core/sbuf.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err), cmocka_unit_test(test_sbuf), cmocka_unit_test(test_poisson),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
