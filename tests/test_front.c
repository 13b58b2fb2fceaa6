/*
 * test_front.c - the month's front page (reports/rep_index.c), the CSVs'
 * byte-order mark (html_csv_bom, reports.csv_bom) and the front page's store
 * readers (issue 20).
 */
#include "helpers.h"
#include "../data/cfg.h"
#include "../data/store.h"
#include "../reports/html.h"
#include "../reports/rep_index.h"

#include <sys/stat.h>

static const char bom[] = "\xEF\xBB\xBF";

static char *path_in(const char *dir, const char *name)
{
    static char p[600];
    if (snprintf(p, sizeof p, "%s/%s", dir, name) >= (int)sizeof p)
        abort();
    return p;
}

/* The mark goes on every .csv once, never twice; other files, links and a
 * file whose name only contains ".csv" are left alone. */
static void test_bom_folder(void **state)
{
    (void)state;
    char *d = tmp_dir();
    WfmErr err;
    size_t n;
    write_file(path_in(d, "a.csv"), "id,name\nA1,김\n", 15);
    write_file(path_in(d, "b.csv"), "\xEF\xBB\xBFx\n", 5);
    write_file(path_in(d, "empty.csv"), "", 0);
    write_file(path_in(d, "page.html"), "<p>x</p>\n", 9);
    write_file(path_in(d, "c.csv.txt"), "q\n", 2);
    write_file(path_in(d, "victim"), "keep", 4);
    char target[600];
    if (snprintf(target, sizeof target, "%s/victim", d) >= (int)sizeof target)
        abort();
    assert_int_equal(symlink(target, path_in(d, "link.csv")), 0);

    assert_int_equal(html_csv_bom(d, NULL, &err), 0);
    assert_int_equal(html_csv_bom(d, NULL, &err), 0);   /* twice: still one mark */
    char *a = read_file(path_in(d, "a.csv"), &n);
    assert_int_equal(n, 18);
    assert_memory_equal(a, bom, 3);
    assert_memory_equal(a + 3, "id,name\nA1,김\n", 15);
    free(a);
    char *b = read_file(path_in(d, "b.csv"), &n);
    assert_int_equal(n, 5);
    free(b);
    char *e = read_file(path_in(d, "empty.csv"), &n);
    assert_int_equal(n, 3);
    assert_memory_equal(e, bom, 3);
    free(e);
    char *h = read_file(path_in(d, "page.html"), &n);
    assert_int_equal(n, 9);
    free(h);
    char *t = read_file(path_in(d, "c.csv.txt"), &n);
    assert_int_equal(n, 2);
    free(t);
    char *v = read_file(path_in(d, "victim"), &n);
    assert_int_equal(n, 4);
    assert_memory_equal(v, "keep", 4);
    free(v);
    struct stat st;
    assert_int_equal(lstat(path_in(d, "link.csv"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* One file by name; a missing folder is an error naming it. */
    write_file(path_in(d, "one.csv"), "x\n", 2);
    assert_int_equal(html_csv_bom(d, "one.csv", &err), 0);
    char *o = read_file(path_in(d, "one.csv"), &n);
    assert_int_equal(n, 5);
    free(o);
    assert_int_equal(html_csv_bom(path_in(d, "nowhere"), NULL, &err), WFM_EIO);
    assert_contains(err.msg, "nowhere");
    rm_tree(d);
}

/* reports.csv_bom: on by default with "ko", off with "en", as set when set. */
static void test_bom_setting(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        { "ko", "", "1" }, { "en", "", "0" }, { "ko", "reports = { csv_bom = false; };", "0" },
        { "en", "reports = { csv_bom = true; };", "1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        WfmConfig c;
        WfmErr err;
        snprintf(text, sizeof text,
                 "center = { name = \"t\"; language = \"%s\"; };\n"
                 "shifts = ( { name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; } );\n"
                 "%s\n",
                 cases[i][0], cases[i][1]);
        assert_int_equal(cfg_load_string(text, "t.cfg", &c, &err), 0);
        assert_int_equal(c.csv_bom, cases[i][2][0] - '0');
        wfm_config_free(&c);
    }
    WfmConfig c;
    WfmErr err;
    assert_int_equal(cfg_load_string("center = { name = \"t\"; };\nshifts = ( { name = \"D\"; kind = \"day\"; start = "
                                     "\"09:00\"; length_h = 9.0; meal_min = 60; } );\nreports = { csv_bom = 1; };\n",
                                     "t.cfg", &c, &err),
                     WFM_EINPUT);
    assert_contains(err.msg, "reports.csv_bom");
}

static WfmConfig *small_cfg(int lang)
{
    static WfmConfig c;
    memset(&c, 0, sizeof c);
    snprintf(c.name, sizeof c.name, "%s", "<b>Center</b>");
    c.language = lang;
    c.answer_rate = 0.9;
    c.sl_target = 0.8;
    return &c;
}

/* Nothing stored: every section says so, with the command that stores it,
 * and no figure is made up; no report folder: no link. */
static void test_index_missing(void **state)
{
    (void)state;
    char *d = tmp_dir();
    WfmErr err;
    IndexData x;
    memset(&x, 0, sizeof x);
    x.cfg = small_cfg(LANG_EN);
    assert_int_equal(date_parse_month("2021-01", &x.first, &x.ndays), 0);
    assert_int_equal(rep_index(&x, d, &err), 0);
    char *p = read_file(path_in(d, "index.html"), NULL);
    int missing = 0;
    for (const char *q = p; (q = strstr(q, "class=\"missing\"")); q++)
        missing++;
    assert_int_equal(missing, 6);
    assert_contains(p, "wfm roster --month 2021-01");
    assert_contains(p, "&lt;b&gt;Center&lt;/b&gt;");
    assert_null(strstr(p, "<b>Center"));
    assert_null(strstr(p, "href=\"roster/index.html\""));
    assert_null(strstr(p, "<td>"));
    assert_null(strstr(p, "nan"));
    free(p);
    rm_tree(d);
}

/* With figures: grouped, in Korean, linked to the report folders there,
 * below-target rates marked; the surge stages' answer rates as given. */
static void test_index_figures(void **state)
{
    (void)state;
    char *d = tmp_dir();
    WfmErr err;
    IndexData x;
    memset(&x, 0, sizeof x);
    x.cfg = small_cfg(LANG_KO);
    assert_int_equal(date_parse_month("2021-01", &x.first, &x.ndays), 0);
    char sub[600];
    if (snprintf(sub, sizeof sub, "%s/roster", d) >= (int)sizeof sub)
        abort();
    assert_int_equal(mkdir(sub, 0777), 0);
    write_file(path_in(sub, "index.html"), "x", 1);
    write_file(path_in(sub, "calendar.html"), "x", 1);
    x.has_forecast = 1, x.fc_queues = 1, x.fc_calls = 527450, x.fc_busiest = 26606, x.fc_busiest_day = x.first + 3;
    x.has_roster = 1;
    x.roster = (IndexRoster){ 7, 400, 0.85, 0.995, 7.26, 19037, 0 };
    x.has_surge = 1, x.surge_day = x.first + 12, x.nsurge = 2;
    x.surge[0] = (IndexSurge){ 0, 23497, { 0.998, 0.998, 0.998 }, 0, 0 };
    x.surge[1] = (IndexSurge){ 60000, 60000, { 0.502, 0.652, 0.925 }, 238, 258 };
    assert_int_equal(rep_index(&x, d, &err), 0);
    char *p = read_file(path_in(d, "index.html"), NULL);
    assert_contains(p, "lang=\"ko\"");
    assert_contains(p, "<td>527,450</td>");
    assert_contains(p, "<td>17,015</td>");                    /* 527,450 / 31 days */
    assert_contains(p, "최대 인입일 (2021-01-04)");
    assert_contains(p, "<td class=\"warn\">85.0%</td>");     /* below the 90% target */
    assert_contains(p, "<td>99.5%</td>");
    assert_contains(p, "<td>7.3</td>");
    assert_contains(p, "<td>19,037.0</td>");
    assert_contains(p, "href=\"roster/index.html\"");
    assert_contains(p, "href=\"roster/calendar.html\"");
    assert_null(strstr(p, "href=\"surge/index.html\""));      /* no folder: named, not linked */
    assert_contains(p, "<td>60,000</td>");
    assert_contains(p, "<td class=\"warn\">65.2%</td>");
    assert_contains(p, "<td>92.5%</td>");
    assert_contains(p, "일 60,000콜");
    free(p);
    rm_tree(d);
}

/* The readers: nothing in a new store; the newest score run's counts and
 * the newest surge day within the month once stored. */
static void test_readers(void **state)
{
    (void)state;
    char *d = tmp_dir();
    WfmErr err;
    Store *s;
    int64_t run;
    char params[128];
    int scored, flagged, day, first, nd;
    assert_int_equal(store_open(path_in(d, "w.db"), STORE_OPEN_CREATE, &s, &err), 0);
    assert_int_equal(store_read_score_glance(s, &run, params, &scored, &flagged, &err), 0);
    assert_int_equal(run, 0);
    assert_int_equal(date_parse_month("2021-01", &first, &nd), 0);
    assert_int_equal(store_surge_day_in(s, first, nd, &day, &err), 0);
    assert_int_equal(day, -1);
    store_close(s);
    rm_tree(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_folder),   cmocka_unit_test(test_bom_setting), cmocka_unit_test(test_index_missing),
        cmocka_unit_test(test_index_figures), cmocka_unit_test(test_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
