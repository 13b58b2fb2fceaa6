#include "helpers.h"
#include "../reports/html.h"
#include "../reports/plot.h"
#include "../reports/i18n.h"
#include <math.h>
#include "../reports/rep_history.h"
#include "../model/config.h"
#include "../core/alloc.h"

static void test_quote(void **state)
{
    char q[64], small[8];
    (void)state;
    assert_string_equal(plot_quote("plain", q, sizeof q), "'plain'");
    assert_string_equal(plot_quote("it's", q, sizeof q), "'it''s'");
    assert_string_equal(plot_quote("a\nb", q, sizeof q), "'ab'");
    assert_string_equal(plot_quote("평일 \"x\" \\n", q, sizeof q), "'평일 \"x\" \\n'");
    /* Issue 16: the queue that ran a shell command, backquotes, macros. */
    assert_string_equal(plot_quote("x' 0);system \"touch p\";set xtics ('y", q, sizeof q),
                        "'x'' 0);system \"touch p\";set xtics (''y'");
    assert_string_equal(plot_quote("`id` @m\r\t\x7f;", q, sizeof q), "'`id` @m;'");
    assert_string_equal(plot_quote("", q, sizeof q), "''");
    /* Too long: cut before a whole character, the quotes still close. */
    assert_string_equal(plot_quote("abcdefgh", small, sizeof small), "'abcde'");
    assert_string_equal(plot_quote("abcd'x", small, sizeof small), "'abcd'");
    assert_string_equal(plot_quote("ab'c", small, sizeof small), "'ab''c'");
    assert_string_equal(plot_quote("a한글", small, sizeof small), "'a한'");
    assert_string_equal(plot_quote("x", small, 2), "''");
}

/* Tic labels go through the same rule; no file name reaches the script. */
static void test_tics_and_no_path(void **state)
{
    char *d = tmp_dir(), png[512], gp[512];
    WfmErr err;
    (void)state;
    snprintf(png, sizeof png, "%s/c'x.png", d);
    snprintf(gp, sizeof gp, "%s/c.gp", d);
    Plot *p = plot_open(png, 300, 200, gp);
    const char *labels[] = { "x' 0);system \"touch p\";set xtics ('y/day", "평일" };
    const int at[] = { 0, 3 };
    plot_tics(p, "xtics", 2, labels, at);
    assert_int_equal(plot_close(p, &err), 0);
    char *s = read_file(gp, NULL);
    assert_contains(s, "set xtics ('x'' 0);system \"touch p\";set xtics (''y/day' 0, '평일' 3)\n");
    assert_true(strstr(s, "\nset output") == NULL);
    assert_true(strstr(s, d) == NULL);
    free(s);
    rm_tree(d);
}

/* A real gnuplot run: a hostile title runs nothing, a planted link at
 * the old temporary name is not followed, the picture lands whole. */
static void test_gnuplot_hostile(void **state)
{
    char *d = tmp_dir(), png[512], victim[512], link[600], flag[512], title[1200];
    WfmErr err = { 0, "" };
    (void)state;
    snprintf(png, sizeof png, "%s/c.png", d);
    snprintf(victim, sizeof victim, "%s/victim", d);
    snprintf(link, sizeof link, "%s/c.png.part", d);
    snprintf(flag, sizeof flag, "%s/flag", d);
    write_file(victim, "keep", 4);
    assert_int_equal(symlink(victim, link), 0);
    snprintf(title, sizeof title, "x' ; system 'touch %s' ; print `touch %s` '", flag, flag);
    Plot *p = plot_open(png, 300, 200, NULL);
    plot_set_text(p, "title", title);
    const char *labels[] = { title };
    const int at[] = { 0 };
    plot_tics(p, "xtics", 1, labels, at);
    plot_cmd(p, "plot x*x");
    assert_int_equal(plot_close(p, &err), 0);
    assert_int_equal(access(flag, F_OK), -1);
    char *b = read_file(victim, NULL);
    assert_string_equal(b, "keep");
    free(b);
    b = read_file(png, NULL);
    assert_memory_equal(b, "\x89PNG", 4);
    free(b);
    rm_tree(d);
}

/* Pseudonyms: stable, distinct for 400 agents, the id itself when off. */
static void test_pseudonyms(void **state)
{
    char a[16], b[16], id[16];
    (void)state;
    assert_string_equal(report_agent("C", 0, "A0001", a), "A0001");
    assert_string_equal(report_agent("C", 1, "A0001", a), report_agent("C", 1, "A0001", b));
    assert_true(strcmp(report_agent("C", 1, "A0001", a), report_agent("D", 1, "A0001", b)) != 0);
    static char seen[400][16];
    for (int i = 0; i < 400; i++) {
        snprintf(id, sizeof id, "A%04d", i + 1);
        snprintf(seen[i], 16, "%s", report_agent("Seoul", 1, id, a));
        assert_true(strstr(seen[i], "A0") == NULL);
        for (int j = 0; j < i; j++)
            assert_true(strcmp(seen[i], seen[j]) != 0);
    }
}

static void test_script_seam(void **state)
{
    char *d = tmp_dir(), png[512], gp[512];
    WfmErr err;
    (void)state;
    snprintf(png, sizeof png, "%s/c.png", d);
    snprintf(gp, sizeof gp, "%s/c.gp", d);
    Plot *p = plot_open(png, 300, 200, gp);
    plot_set_text(p, "title", "Calls' curve 인입량");
    plot_begin_data(p, "d");
    plot_row(p, "%d %.1f", 1, 2.5);
    plot_end_data(p);
    plot_cmd(p, "plot $d using 1:2 with lines");
    assert_int_equal(plot_close(p, &err), 0);
    char *s = read_file(gp, NULL);
    assert_contains(s, "set title 'Calls'' curve 인입량'");
    assert_contains(s, "$d << EOD\n1 2.5\nEOD\n");
    assert_contains(s, "font 'NanumGothic,10'");
    free(s);
    assert_int_equal(access(png, F_OK), -1);  /* no gnuplot was run */
    rm_tree(d);
}

static void test_gnuplot_runs_and_fails_clearly(void **state)
{
    char *d = tmp_dir(), png[512];
    WfmErr err = { 0, "" };
    char *path = getenv("PATH") ? xstrdup(getenv("PATH")) : xstrdup("/usr/bin:/bin");
    (void)state;
    snprintf(png, sizeof png, "%s/c.png", d);
    Plot *p = plot_open(png, 300, 200, NULL);
    plot_cmd(p, "plot x*x");
    assert_int_equal(plot_close(p, &err), 0);
    size_t n;
    char *b = read_file(png, &n);
    assert_non_null(b);
    assert_memory_equal(b, "\x89PNG", 4);
    free(b);
    /* SVG by the file name, with the Korean text kept as UTF-8. */
    char svg[512];
    snprintf(svg, sizeof svg, "%s/c.svg", d);
    p = plot_open(svg, 300, 200, NULL);
    plot_set_text(p, "title", "인입량");
    plot_cmd(p, "plot x*x");
    assert_int_equal(plot_close(p, &err), 0);
    b = read_file(svg, NULL);
    assert_non_null(b);
    assert_contains(b, "<svg");
    assert_contains(b, "인입량");
    free(b);
    /* A script gnuplot rejects is an error, and leaves no file. */
    remove(png);
    p = plot_open(png, 300, 200, NULL);
    plot_cmd(p, "plot this is not gnuplot");
    assert_int_equal(plot_close(p, &err), WFM_EIO);
    assert_contains(err.msg, "gnuplot failed");
    assert_int_equal(access(png, F_OK), -1);
    /* Without gnuplot on the PATH: the message says so. */
    setenv("PATH", "/nonexistent", 1);
    p = plot_open(png, 300, 200, NULL);
    plot_cmd(p, "plot x");
    int rc = plot_close(p, &err);
    setenv("PATH", path, 1);
    assert_int_equal(rc, WFM_EIO);
    assert_contains(err.msg, "gnuplot is not installed");
    free(path);
    rm_tree(d);
}

static void test_history_report(void **state)
{
    char *d = tmp_dir(), out[512], scripts[512], path[600];
    double v[24 * 14];
    WfmErr err;
    int *hol = xmalloc(sizeof *hol);
    Calendar c;
    (void)state;
    hol[0] = date_from_ymd(2020, 10, 1);
    cal_init(&c, hol, 1);
    for (int i = 0; i < 24 * 14; i++)
        v[i] = (i / 24) == 3 ? -1 : 10 + i % 24;
    HistoryData h = { "센터 <&>", LANG_KO, date_from_ymd(2020, 9, 28), 14, v, &c };
    snprintf(out, sizeof out, "%s/r", d);
    snprintf(scripts, sizeof scripts, "%s/gp", d);
    assert_int_equal(rep_history(&h, out, scripts, &err), 0);
    snprintf(path, sizeof path, "%s/index.html", out);
    char *html = read_file(path, NULL);
    assert_contains(html, "<html lang=\"ko\">");
    assert_contains(html, "센터 &lt;&amp;&gt;");           /* escaped */
    assert_contains(html, "요일 유형별 평균 시간대 곡선");   /* Korean labels */
    assert_contains(html, "<td>13</td>");                   /* 13 days with data */
    free(html);
    snprintf(path, sizeof path, "%s/daily.csv", out);
    char *csv = read_file(path, NULL);
    /* 13 days of sum(10..33) = 516 calls; the missing day is left out. */
    assert_contains(csv, "date,offered\n2020-09-28,516\n2020-09-29,516\n2020-09-30,516\n2020-10-02,516\n");
    free(csv);
    snprintf(path, sizeof path, "%s/intraday.gp", scripts);
    char *gp = read_file(path, NULL);
    assert_contains(gp, "title '평일'");
    /* Hour 5: every day 15 calls, in each day type. */
    assert_contains(gp, "\n5 15.00 15.00 15.00\n");
    free(gp);
    cal_free(&c);
    rm_tree(d);
}

static void test_num_group(void **state)
{
    char b[48];
    (void)state;
    assert_string_equal(num_group(8888772, 0, b), "8,888,772");
    assert_string_equal(num_group(999, 0, b), "999");
    assert_string_equal(num_group(1000, 0, b), "1,000");
    assert_string_equal(num_group(-1234567.891, 2, b), "-1,234,567.89");
    assert_string_equal(num_group(99.95, 1, b), "100.0");
    assert_string_equal(num_group(-0.04, 1, b), "0.0");
    assert_string_equal(num_group(0, 0, b), "0");
    assert_string_equal(num_group(NAN, 1, b), "");
    assert_string_equal(num_group(INFINITY, 0, b), "");
    assert_string_equal(num_group(123456789012345.0, 0, b), "123,456,789,012,345");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote), cmocka_unit_test(test_tics_and_no_path), cmocka_unit_test(test_gnuplot_hostile),
        cmocka_unit_test(test_script_seam), cmocka_unit_test(test_pseudonyms),
        cmocka_unit_test(test_gnuplot_runs_and_fails_clearly), cmocka_unit_test(test_history_report),
        cmocka_unit_test(test_num_group),
    };
    return cmocka_run_group_tests_name("plot", tests, NULL, NULL);
}
