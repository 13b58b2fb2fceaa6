/*
 * test_score_report.c - the HR report on a simulated center (tests/simcenter.c):
 * in Korean, every flagged agent's page names his line, band, peer group
 * and its size; no file holds "nan"; pseudonyms.csv maps report_agent's
 * codes back to ids and names (and only with pseudonymise on); the reasons
 * in Korean carry the English ones' numbers, in order.
 */
#include "helpers.h"
#include "simcenter.c"
#include "../reports/rep_score.h"
#include "../reports/html.h"
#include "../reports/i18n.h"
#include "../model/config.h"

static int contains_file(const char *dir, const char *name, const char *needle)
{
    char path[600];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *t = read_file(path, &len);
    int found = t && strstr(t, needle) != NULL;
    free(t);
    return found;
}

/* The numbers of a text in order (signs, decimals and thousands separators
 * kept), space-separated; Korean's "1차" (first-contact) is a word, not a number. */
static void numbers_of(const char *t, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = 0;
    for (const char *p = t; *p;) {
        if (strncmp(p, "1차", strlen("1차")) == 0) {
            p += strlen("1차");
            continue;
        }
        const char *q = p;
        if ((*q == '+' || *q == '-') && q[1] >= '0' && q[1] <= '9')
            q++;
        if (!(*q >= '0' && *q <= '9')) {
            p++;
            continue;
        }
        while ((*q >= '0' && *q <= '9') || ((*q == '.' || *q == ',') && q[1] >= '0' && q[1] <= '9'))
            q++;
        o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%.*s ", (int)(q - p), p);
        p = q;
    }
}

/* The reasons say the same in both languages: one table of sentences, the
 * same numbers in the same order, as many parts. */
static void same_reasons(const ScoreReport *rep, int a)
{
    SBuf en, ko;
    char ne[1024], nk[1024];
    sbuf_init(&en), sbuf_init(&ko);
    rep_score_reasons(rep, a, LANG_EN, &en);
    rep_score_reasons(rep, a, LANG_KO, &ko);
    numbers_of(en.s, ne, sizeof ne), numbers_of(ko.s, nk, sizeof nk);
    assert_string_equal(ne, nk);
    int pe = 0, pk = 0;
    for (const char *p = en.s; (p = strstr(p, "; ")); p++)
        pe++;
    for (const char *p = ko.s; (p = strstr(p, "; ")); p++)
        pk++;
    assert_int_equal(pe, pk);
    assert_null(strstr(ko.s, "peer"));
    assert_non_null(strstr(en.s, "; composite by month: "));
    sbuf_free(&en), sbuf_free(&ko);
}

static void report_of(int lang, int pseudo, char *dir, int *nflag)
{
    SimCenter c;
    sim_center(21, SIM_IDLE_LONGEST, &c);
    int mstart[6], to = c.first_day + c.ndays - 1, ten[300];
    for (int m = 0; m < 6; m++)
        mstart[m] = date_from_ymd(2021, m + 1, 1);
    for (int a = 0; a < c.nagents; a++)
        ten[a] = (to - c.hire[a]) / 365 < 1 ? 0 : (to - c.hire[a]) / 365 < 3 ? 1 : 2;
    ScoreRule rule;
    memset(&rule, 0, sizeof rule);
    rule.opts.w = (ScoreWeights){ 0.65, 0.15, 0.1, 0.1 };
    rule.opts.min_days = 10, rule.opts.remote_peers = 1;
    rule.bottom_share = 0.1, rule.months_flagged = 2, rule.months_window = 3, rule.min_group = 5;
    rule.grace_months = 3, rule.fcr_can_flag = 1, rule.sure = 0.95, rule.slow_gap = 0.05, rule.slow_spread = 2.5;
    rule.history_months = 6;
    ScoreMonths m;
    *nflag = score_months(c.rec, c.n, c.nagents, ten, c.hire, mstart, 6, to, &rule, &m);
    char (*id)[32] = xcalloc(300, sizeof *id), (*name)[64] = xcalloc(300, sizeof *name), (*team)[48] = xcalloc(300, sizeof *team);
    char (*queues)[48] = xcalloc(64, sizeof *queues);
    char (*why)[1024] = xcalloc(300, sizeof *why);
    strcpy(queues[0], "phone"), strcpy(queues[1], "foreign"), strcpy(queues[2], "sign<&>");
    for (int a = 0; a < c.nagents; a++) {
        snprintf(id[a], sizeof id[a], "S%03d", a);
        snprintf(name[a], sizeof name[a], "Agent <%d>", a);
        snprintf(team[a], sizeof team[a], "t%d", a % 5);
        snprintf(why[a], sizeof why[a], "CPD stored reasons of %d", a);
    }
    ScoreReport rep;
    memset(&rep, 0, sizeof rep);
    rep.center = "Sim", rep.lang = lang, rep.from = "2021-01-01", rep.to = "2021-06-30", rep.rule = "the rule";
    rep.nagents = c.nagents, rep.nmonths = 6, rep.mstart = mstart, rep.all = m.all, rep.ms = m.ms;
    rep.id = (const char(*)[32])id, rep.name = (const char(*)[64])name, rep.team = (const char(*)[48])team;
    rep.queues = (const char(*)[48])queues, rep.lp_months = m.lp_months, rep.months_needed = 2;
    rep.why = (const char(*)[1024])why, rep.min_days = 10;
    rep.flag = m.flag, rep.grace = m.grace, rep.line = m.line, rep.level = m.level, rep.gsize = m.gsize;
    rep.min_group = 5, rep.pseudonymise = pseudo, rep.remote_peers = 1, rep.fcr_can_flag = 1;
    rep.slow_gap = 0.05, rep.sure = 0.95, rep.first_k = m.first_k, rep.win = m.win, rep.win_line = m.win_line;
    rep.hist_k = m.hist_k, rep.hist = m.hist, rep.hist_line = m.hist_line, rep.win_cline = m.win_cline;
    WfmErr err;
    assert_int_equal(rep_score(&rep, dir, NULL, &err), 0);
    /* Every flagged agent's page: his group's line, its size, the line he fell under. */
    for (int a = 0; a < c.nagents; a++) {
        char page[32], want[96];
        if (m.lp_months[a] < 2)
            continue;
        snprintf(page, sizeof page, "agent_%d.html", a);
        for (int k = m.first_k; k < 6; k++) {
            size_t cell = (size_t)k * 300 + (size_t)a;
            char b[48];
            if (!m.ms[cell].days || m.ms[cell].days < 10)
                continue;
            snprintf(want, sizeof want, "<td>%s</td>", num_group(m.line[cell], 2, b));
            assert_true(contains_file(dir, page, want));
            snprintf(want, sizeof want, " (%s)</td>", num_group(m.gsize[cell], 0, b));
            assert_true(contains_file(dir, page, want));
        }
        assert_true(contains_file(dir, page, "Agent &lt;"));
        assert_false(contains_file(dir, page, "Agent <"));
        if (lang == LANG_KO) {
            assert_true(contains_file(dir, page, "비교 집단 (인원)"));
            assert_true(contains_file(dir, page, "사유의 *"));
            assert_true(contains_file(dir, page, "월별 복합 점수"));
            assert_false(contains_file(dir, page, "stored reasons"));
        } else
            assert_true(contains_file(dir, page, "CPD stored reasons of"));
    }
    static const char *const files[] = { "index.html", "scores.csv", "flagged.csv", "fairness.csv" };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        assert_false(contains_file(dir, files[f], "nan"));
        assert_false(contains_file(dir, files[f], "NaN"));
    }
    if (lang == LANG_KO) {
        assert_true(contains_file(dir, "index.html", "오차 범위 안"));
        assert_true(contains_file(dir, "index.html", "1차 해결률 차이"));
        assert_true(contains_file(dir, "index.html", "재택 근무일은 재택 근무일끼리"));
        assert_false(contains_file(dir, "index.html", "within noise"));
    }
    /* The FCR gap of the first queue in fairness.csv, recomputed here: the
     * scored agents' mean FCR difference on it less the others', in points. */
    double f[2] = { 0, 0 };
    int nf[2] = { 0, 0 };
    for (int a = 0; a < c.nagents; a++) {
        const AgentScore *x = &m.all[a];
        if (x->days >= 10 && isfinite(x->se) && isfinite(x->fcr_diff))
            f[x->queue != 0] += x->fcr_diff, nf[x->queue != 0]++;
    }
    assert_true(nf[0] > 0 && nf[1] > 0);
    char path[600];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/fairness.csv", dir);
    char *fc = read_file(path, &len);
    assert_non_null(fc);
    const char *row = strstr(fc, ",phone,");
    assert_non_null(row);
    const char *eol = strchr(row, '\n'), *last = row;
    for (const char *q = row; q < eol; q++)
        if (*q == ',')
            last = q;
    assert_close(strtod(last + 1, NULL), 100 * (f[0] / nf[0] - f[1] / nf[1]), 0.006);
    free(fc);
    /* The pseudonyms: every agent, the code other reports show. */
    snprintf(path, sizeof path, "%s/pseudonyms.csv", dir);
    char *t = read_file(path, &len);
    if (!pseudo)
        assert_null(t);
    else {
        assert_non_null(t);
        int lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += t[i] == '\n';
        assert_int_equal(lines, 301);
        char code[16], want[128];
        snprintf(want, sizeof want, "\n%s,S007,Agent <7>\n", report_agent("Sim", 1, "S007", code));
        assert_contains(t, want);
        free(t);
    }
    int compared = 0;
    for (int a = 0; a < c.nagents; a++)
        if (m.lp_months[a] >= 2) {
            same_reasons(&rep, a);
            if (compared++ == 0 && lang == LANG_KO) {
                SBuf en, ko;
                sbuf_init(&en), sbuf_init(&ko);
                rep_score_reasons(&rep, a, LANG_EN, &en), rep_score_reasons(&rep, a, LANG_KO, &ko);
                print_message("  %s\n", en.s);
                print_message("  %s\n", ko.s);
                sbuf_free(&en), sbuf_free(&ko);
            }
        }
    assert_true(compared > 0);
    free(id), free(name), free(team), free(queues), free(why);
    score_months_free(&m);
    sim_center_free(&c);
}

static void test_korean_pseudonymised(void **state)
{
    (void)state;
    char *dir = tmp_dir();
    int nflag;
    report_of(LANG_KO, 1, dir, &nflag);
    print_message("Korean report with pseudonyms: %d flagged\n", nflag);
    assert_true(nflag >= 5);
    rm_tree(dir);
}

static void test_english_plain(void **state)
{
    (void)state;
    char *dir = tmp_dir();
    int nflag;
    report_of(LANG_EN, 0, dir, &nflag);
    assert_true(contains_file(dir, "index.html", "within noise"));
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_korean_pseudonymised),
        cmocka_unit_test(test_english_plain),
    };
    return cmocka_run_group_tests_name("score_report", tests, NULL, NULL);
}
