#include "rep_score.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/sbuf.h"
#include "../core/stats.h"
#include "../model/config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const shift_key[SK_COUNT] = { "day", "evening", "night", "weekend" };
static const char *const shift_label[SK_COUNT] = { "day_shift", "evening", "night", "weekend" };

/* num_group with a + in front of a positive number. */
static const char *num_signed(double v, int decimals, char buf[48])
{
    char t[48];
    num_group(v, decimals, t);
    size_t n = strlen(t), plus = v > 0 && n && n < 47 && strspn(t, "0.,") != n;
    buf[0] = '+';
    memcpy(buf + plus, t, n + 1);
    return buf;
}

/* One row of the fairness table: agents of level `lv` of a dimension
 * against the rest; a warning when they differ by more than 3 standard
 * errors of the difference (more than noise). */
static void fair_row(SBuf *h, SBuf *c, const ScoreReport *r, const char *dim, const char *level, const int *in,
                     int *warned)
{
    double s1 = 0, q1 = 0, s0 = 0, q0 = 0, f1 = 0, f0 = 0;
    int n1 = 0, n0 = 0, m1f = 0, m0f = 0;
    for (int a = 0; a < r->nagents; a++) {
        const AgentScore *x = &r->all[a];
        if (x->days < r->min_days || !isfinite(x->se))
            continue;
        if (in[a])
            s1 += x->composite, q1 += x->composite * x->composite, n1++;
        else
            s0 += x->composite, q0 += x->composite * x->composite, n0++;
        if (isfinite(x->fcr_diff)) {  /* the FCR gap, shown whether or not FCR alone can flag */
            if (in[a])
                f1 += x->fcr_diff, m1f++;
            else
                f0 += x->fcr_diff, m0f++;
        }
    }
    double fgap = m1f && m0f ? 100 * (f1 / m1f - f0 / m0f) : NAN;
    if (n1 == 0)
        return;
    double m1 = s1 / n1, m0 = n0 ? s0 / n0 : 0;
    double v1 = n1 > 1 ? (q1 - n1 * m1 * m1) / (n1 - 1) : 0, v0 = n0 > 1 ? (q0 - n0 * m0 * m0) / (n0 - 1) : 0;
    double se = sqrt(v1 / n1 + (n0 ? v0 / n0 : 0));
    double z = se > 0 ? (m1 - m0) / se : 0;
    int warn = n1 >= 5 && n0 >= 5 && fabs(z) > 3;
    *warned |= warn;
    sbuf_puts(h, "<tr><th>");
    sbuf_html(h, dim);
    sbuf_puts(h, "</th><td>");
    sbuf_html(h, level);
    char b1[48], b2[48], b3[48], b4[48], b5[48];
    sbuf_printf(h, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td></tr>\n",
                num_group(n1, 0, b1), num_group(m1, 2, b2), num_group(m0, 2, b3), num_group(z, 1, b4),
                num_signed(fgap, 1, b5), warn ? " class=\"warn\"" : "",
                tr(r->lang, warn ? "beyond_noise" : "within_noise"));
    sbuf_csv(c, dim);
    sbuf_puts(c, ",");
    sbuf_csv(c, level);
    sbuf_printf(c, ",%d,%.4f,%.4f,%.2f,%d,", n1, m1, m0, z, warn);
    if (isfinite(fgap))
        sbuf_printf(c, "%.2f", fgap);
    sbuf_puts(c, "\n");
}

/* The reasons' sentences, English and Korean side by side: one table, the
 * same arguments in the same order (numbers formatted by num_group), so the
 * two languages cannot say different things. */
enum {
    RS_CPD, RS_AHT, RS_ACW_HIGH, RS_ACW_NORMAL, RS_TALK, RS_TALK_NORMAL, RS_FCR, RS_QA, RS_ADHERENCE, RS_TREND,
    RS_LINE_COMPOSITE, RS_LINE_COMPOSITE_WIN, RS_LINE_SLOW, RS_LINE_SLOW_HIST, RS_LINE_SLOW_MONTHS, RS_N
};
static const char *const reason_text[RS_N][2] = {
    [RS_CPD] = { "CPD %s per day against %s for peers on the same days, shifts and queue (%s%%)",
                 "CPD 하루 %s건, 같은 날·근무 유형·상담 큐 비교 집단 %s건 (%s%%)" },
    [RS_AHT] = { "handling time per call %s times the peers'", "건당 처리 시간 비교 집단의 %s배" },
    [RS_ACW_HIGH] = { "after-call work %s times the peers'", "후처리 시간 비교 집단의 %s배" },
    [RS_ACW_NORMAL] = { "after-call work normal (%s times the peers')", "후처리 시간 정상 (비교 집단의 %s배)" },
    [RS_TALK] = { "talk time per call %s%% against the peers'", "건당 통화 시간 비교 집단 대비 %s%%" },
    [RS_TALK_NORMAL] = { "talk time per call normal (%s%%)", "건당 통화 시간 정상 (%s%%)" },
    [RS_FCR] = { "first-contact resolution %s points", "1차 해결률 %s%%p" },
    [RS_QA] = { "QA %s points", "QA %s점" },
    [RS_ADHERENCE] = { "logged in %s%% of rostered time against %s%% for peers",
                       "근무표 대비 로그인 %s%% (비교 집단 %s%%)" },
    [RS_TREND] = { "composite by month:", "월별 복합 점수:" },
    [RS_LINE_COMPOSITE] = { "whole 95%% band below the peer group's line in", "95%% 구간 전체가 비교 집단 기준선 아래인 달:" },
    [RS_LINE_COMPOSITE_WIN] = { "whole 95%% band below the peer group's line over the last %s months as a whole "
                                "(%s, band %s to %s) and in",
                                "95%% 구간 전체가 최근 %s개월을 합쳐서도 비교 집단 기준선 (%s) 아래 (구간 %s ~ %s), 해당 달:" },
    [RS_LINE_SLOW] = { "productivity over the last %s months %s%% against the peers', below the slowness line "
                       "(%s%%) with %s%% certainty, in",
                       "최근 %s개월 생산성이 비교 집단 대비 %s%%로 느림 기준선 (%s%%) 아래일 확률 %s%% 이상, 해당 달:" },
    [RS_LINE_SLOW_HIST] = { "productivity over the last %s months %s%% against the peers', below the slowness line "
                            "(%s%%) with %s%% certainty, and over the last %s months %s%%, below that window's line (%s%%), in",
                            "최근 %s개월 생산성이 비교 집단 대비 %s%%로 느림 기준선 (%s%%) 아래일 확률 %s%% 이상이고, 최근 %s개월도 "
                            "%s%%로 그 기간의 기준선 (%s%%) 아래, 해당 달:" },
    [RS_LINE_SLOW_MONTHS] = { "productivity below the slowness line with %s%% certainty in",
                              "생산성이 느림 기준선 아래일 확률 %s%% 이상인 달:" },
};

static void reason(SBuf *o, int lang, int which, ...)
{
    va_list ap;
    if (o->len)
        sbuf_puts(o, "; ");
    va_start(ap, which);
    sbuf_vprintf(o, reason_text[which][lang == LANG_KO], ap);
    va_end(ap);
}

/* The median of an AgentScore field over agents who worked, of a's queue and
 * shift kind; NAN when none. */
static double peer_median(const AgentScore *a, const AgentScore *all, int nagents, size_t off)
{
    double *v = xmalloc(sizeof *v * (size_t)(nagents ? nagents : 1));
    size_t m = 0;
    for (int i = 0; i < nagents; i++) {
        double x = *(const double *)((const char *)&all[i] + off);
        if (all[i].queue == a->queue && all[i].shift == a->shift && all[i].days > 0 && isfinite(x))
            v[m++] = x;
    }
    double med = stats_median(v, m);
    free(v);
    return med;
}

void rep_score_reasons(const ScoreReport *r, int a, int lang, SBuf *o)
{
    int na = r->nagents;
    const AgentScore *x = NULL, *peers = r->all;
    char b1[48], b2[48], b3[48], b4[48];
    if (r->nmonths && r->ms[(size_t)(r->nmonths - 1) * (size_t)na + (size_t)a].days) {
        peers = &r->ms[(size_t)(r->nmonths - 1) * (size_t)na];
        x = &peers[a];
    } else
        x = &r->all[a];
    SBuf s;
    sbuf_init(&s);   /* built alone, so that "; " separates its own parts only */
    reason(&s, lang, RS_CPD, num_group(x->cpd, 0, b1), num_group(x->peer_cpd, 0, b2),
           num_signed(100 * (x->productivity - 1), 0, b3));
    if (isfinite(x->aht_ratio))
        reason(&s, lang, RS_AHT, num_group(x->aht_ratio, 2, b1));
    if (isfinite(x->acw_ratio))
        reason(&s, lang, x->acw_ratio > 1.2 || x->acw_ratio < 0.83 ? RS_ACW_HIGH : RS_ACW_NORMAL,
               num_group(x->acw_ratio, 2, b1));
    double pt = peer_median(x, peers, na, offsetof(AgentScore, talk_pc));
    if (isfinite(pt) && pt > 0 && isfinite(x->talk_pc)) {
        double d = x->talk_pc / pt - 1;
        reason(&s, lang, fabs(d) <= 0.1 ? RS_TALK_NORMAL : RS_TALK, num_signed(100 * d, 0, b1));
    }
    if (isfinite(x->fcr_diff) && fabs(x->fcr_diff) >= 0.03)
        reason(&s, lang, RS_FCR, num_signed(100 * x->fcr_diff, 0, b1));
    if (isfinite(x->qa_diff) && fabs(x->qa_diff) >= 3)
        reason(&s, lang, RS_QA, num_signed(x->qa_diff, 1, b1));
    double pa = peer_median(x, peers, na, offsetof(AgentScore, adherence));
    if (isfinite(x->adherence) && isfinite(pa) && x->adherence < pa - 0.03)
        reason(&s, lang, RS_ADHERENCE, num_group(100 * x->adherence, 0, b1), num_group(100 * pa, 0, b2));
    if (r->nmonths > r->first_k)
        reason(&s, lang, RS_TREND);
    for (int k = r->first_k; k < r->nmonths; k++) {
        char ds[11];
        size_t c = (size_t)k * (size_t)na + (size_t)a;
        date_format(r->mstart[k], ds);
        sbuf_printf(&s, " %.7s %s%s", ds, num_signed(r->ms[c].composite, 2, b1), r->flag && r->flag[c] ? "*" : "");
    }
    /* Which line each month that counts fell under. */
    for (int line = SCORE_LINE_COMPOSITE; line <= SCORE_LINE_SLOW && r->flag; line <<= 1) {
        int first = 1;
        for (int k = r->first_k; k < r->nmonths; k++) {
            char ds[11];
            size_t c = (size_t)k * (size_t)na + (size_t)a;
            if (!(r->flag[c] & line))
                continue;
            date_format(r->mstart[k], ds);
            if (first && line == SCORE_LINE_COMPOSITE && r->win && r->win_cline)
                reason(&s, lang, RS_LINE_COMPOSITE_WIN, num_group(r->nmonths - r->first_k, 0, b1),
                       num_signed(r->win_cline[a], 2, b2), num_signed(r->win[a].lo, 2, b3),
                       num_signed(r->win[a].hi, 2, b4));
            else if (first && line == SCORE_LINE_COMPOSITE)
                reason(&s, lang, RS_LINE_COMPOSITE);
            else if (first && r->win && r->hist && r->hist != r->win) {
                char b5[48], b6[48], b7[48];
                reason(&s, lang, RS_LINE_SLOW_HIST, num_group(r->nmonths - r->hist_k, 0, b1),
                       num_signed(100 * (exp(r->hist[a].speed_part) - 1), 0, b2),
                       num_signed(100 * (exp(r->hist_line) - 1), 0, b3), num_group(100 * r->sure, 0, b4),
                       num_group(r->nmonths - r->first_k, 0, b5), num_signed(100 * (exp(r->win[a].speed_part) - 1), 0, b6),
                       num_signed(100 * (exp(r->win_line) - 1), 0, b7));
            } else if (first && r->win)
                reason(&s, lang, RS_LINE_SLOW, num_group(r->nmonths - r->first_k, 0, b1),
                       num_signed(100 * (exp(r->win[a].speed_part) - 1), 0, b2),
                       num_signed(100 * (exp(r->win_line) - 1), 0, b3), num_group(100 * r->sure, 0, b4));
            else if (first)
                reason(&s, lang, RS_LINE_SLOW_MONTHS, num_group(100 * r->sure, 0, b4));
            sbuf_printf(&s, "%s %.7s", first ? "" : ",", ds);
            if (line == SCORE_LINE_COMPOSITE && r->line)
                sbuf_printf(&s, " (%s)", num_signed(r->line[c], 2, b1));
            first = 0;
        }
    }
    sbuf_add(o, s.s, s.len);
    sbuf_free(&s);
}

/* The reasons for a flagged agent in the report's language: the stored
 * (English) ones, or in Korean from the same numbers and the same table. */
static void reasons(const ScoreReport *r, int a, SBuf *o)
{
    if (r->lang != LANG_KO && r->why) {
        sbuf_puts(o, r->why[a]);
        return;
    }
    rep_score_reasons(r, a, r->lang, o);
}

int rep_score(const ScoreReport *r, const char *dir, const char *script_dir, WfmErr *err)
{
    int na = r->nagents, rc, warned = 0;
    int *in = xmalloc(sizeof *in * (size_t)(na ? na : 1));
    SBuf page, csv, fcsv, fair;
    char title[256], q0[160], q1[160];

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err)))) {
        free(in);
        return rc;
    }
    sbuf_init(&page), sbuf_init(&csv), sbuf_init(&fcsv), sbuf_init(&fair);
    snprintf(title, sizeof title, "%s — %s %s – %s", r->center, tr(r->lang, "score_title"), r->from, r->to);
    html_begin(&page, r->lang, title);
    sbuf_printf(&page, "<p>%s: ", tr(r->lang, "rule"));
    sbuf_html(&page, r->rule);
    sbuf_printf(&page, "</p>\n<p>%s %s</p>\n", tr(r->lang, "sc_asterisk"), tr(r->lang, "sc_merged_note"));
    if (r->lang == LANG_KO)
        sbuf_printf(&page, "<p>%s</p>\n", tr(r->lang, "sc_reasons_note"));

    /* The flagged list, and a page per flagged agent. */
    sbuf_printf(&page, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                tr(r->lang, "flagged"), tr(r->lang, "agent_id"), tr(r->lang, "name"), tr(r->lang, "peer_group"), tr(r->lang, "months_flagged"),
                tr(r->lang, "reasons"));
    sbuf_puts(&fcsv, "agent_id,name,months_flagged,reasons\n");
    for (int a = 0; a < na && !rc; a++) {
        if (r->lp_months[a] < r->months_needed)
            continue;
        const AgentScore *x = &r->all[a];
        char grp[160];
        snprintf(grp, sizeof grp, "%s / %s", r->queues[x->queue], tr(r->lang, shift_label[x->shift]));
        sbuf_printf(&page, "<tr><td><a href=\"agent_%d.html\">", a);
        sbuf_html(&page, r->id[a]);
        sbuf_puts(&page, "</a></td><td>");
        sbuf_html(&page, r->name[a]);
        sbuf_puts(&page, "</td><td>");
        sbuf_html(&page, grp);
        sbuf_printf(&page, "</td><td>%d</td><td style=\"text-align:left\">", r->lp_months[a]);
        SBuf why;
        sbuf_init(&why);
        reasons(r, a, &why);
        sbuf_html(&page, why.s);
        sbuf_puts(&page, "</td></tr>\n");
        sbuf_csv(&fcsv, r->id[a]);
        sbuf_puts(&fcsv, ",");
        sbuf_csv(&fcsv, r->name[a]);
        sbuf_printf(&fcsv, ",%d,", r->lp_months[a]);
        sbuf_csv(&fcsv, why.s);
        sbuf_puts(&fcsv, "\n");

        /* The agent's page: composite by month with its band, CPD against peers. */
        char name[64], ds[11];
        snprintf(name, sizeof name, "agent_%d", a);  /* by index: an id is no file name */
        Plot *p = plot_open_in(dir, name, script_dir, 900, 380);
        plot_set_text(p, "title", r->id[a]);
        plot_set_text(p, "ylabel", tr(r->lang, "composite"));
        plot_set_text(p, "y2label", "CPD");
        plot_cmd(p, "set xdata time\nset timefmt '%%Y-%%m-%%d'\nset format x '%%Y-%%m'\nset y2tics\nset key bottom left");
        plot_begin_data(p, "m");
        for (int k = 0; k < r->nmonths; k++) {
            const AgentScore *y = &r->ms[(size_t)k * na + a];
            if (y->days < r->min_days || !isfinite(y->se))
                continue;
            date_format(r->mstart[k], ds);
            plot_row(p, "%s %.3f %.3f %.3f %.1f %.1f", ds, y->composite, y->lo, y->hi, y->cpd, y->peer_cpd);
        }
        plot_end_data(p);
        plot_cmd(p, "plot $m using 1:2:3:4 with yerrorlines lw 2 title %s, "
                    "$m using 1:5 axes x1y2 with linespoints title 'CPD', $m using 1:6 axes x1y2 with lines dt 2 title %s",
                 plot_quote(tr(r->lang, "composite"), q0, sizeof q0), plot_quote(tr(r->lang, "peer_cpd"), q1, sizeof q1));
        if ((rc = plot_close(p, err))) {
            sbuf_free(&why);
            break;
        }
        SBuf ap;
        sbuf_init(&ap);
        html_begin(&ap, r->lang, r->id[a]);
        sbuf_puts(&ap, "<p>");
        sbuf_html(&ap, r->name[a]);
        sbuf_puts(&ap, " — ");
        sbuf_html(&ap, why.s);
        sbuf_printf(&ap, "</p>\n<p>%s: ", tr(r->lang, "peer_group"));
        sbuf_html(&ap, grp);
        sbuf_printf(&ap, "</p>\n<p>%s %s</p>\n<img src=\"%s.png\" alt=\"%s\">\n<table>\n<tr><th>%s</th><th>%s</th><th>CPD</th>"
                         "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    tr(r->lang, "sc_asterisk"), tr(r->lang, "sc_merged_note"), name, tr(r->lang, "composite"), tr(r->lang, "sc_month"),
                    tr(r->lang, "days"), tr(r->lang, "peer_cpd"), tr(r->lang, "sc_aht_ratio"), tr(r->lang, "composite"),
                    tr(r->lang, "band"), tr(r->lang, "sc_line"), tr(r->lang, "sc_group_size"), tr(r->lang, "sc_lines_hit"));
        for (int k = 0; k < r->nmonths; k++) {
            size_t c = (size_t)k * na + (size_t)a;
            const AgentScore *y = &r->ms[c];
            char b1[48], b2[48], b3[48], b4[48], b5[48], b6[48], b7[48];
            if (!y->days)
                continue;
            date_format(r->mstart[k], ds);
            sbuf_printf(&ap, "<tr><th>%.7s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", ds, num_group(y->days, 0, b1),
                        num_group(y->cpd, 1, b2), num_group(y->peer_cpd, 1, b3), num_group(y->aht_ratio, 2, b4));
            if (isfinite(y->se))
                sbuf_printf(&ap, "<td>%s</td><td>%s – %s</td>", num_group(y->composite, 2, b5), num_group(y->lo, 2, b6),
                            num_group(y->hi, 2, b7));
            else
                sbuf_puts(&ap, "<td colspan=\"2\"></td>");
            int lv = r->level ? r->level[c] : 3;
            sbuf_printf(&ap, "<td>%s</td><td>%s (%s)</td><td>", r->line ? num_group(r->line[c], 2, b1) : "",
                        tr(r->lang, lv == 0 ? "sc_level0" : lv == 1 ? "sc_level1" : lv == 2 ? "sc_level2" : "sc_level3"),
                        r->gsize ? num_group(r->gsize[c], 0, b2) : "");
            if (r->grace && r->grace[c])
                sbuf_puts(&ap, tr(r->lang, "sc_grace"));
            else if (r->flag && r->flag[c]) {
                if (r->flag[c] & SCORE_LINE_COMPOSITE)
                    sbuf_printf(&ap, "* %s", tr(r->lang, "sc_line_comp"));
                if (r->flag[c] & SCORE_LINE_SLOW)
                    sbuf_printf(&ap, "%s* %s (%s%%, %s%%)", r->flag[c] & SCORE_LINE_COMPOSITE ? "; " : "",
                                tr(r->lang, "sc_line_slow"),
                                num_group(r->hist ? 100 * (exp(r->hist_line) - 1)
                                          : r->win ? 100 * (exp(r->win_line) - 1) : -100 * r->slow_gap, 0, b3),
                                num_group(100 * r->sure, 0, b4));
            }
            sbuf_puts(&ap, "</td></tr>\n");
        }
        sbuf_puts(&ap, "</table>\n<p><a href=\"index.html\">&larr;</a></p>\n");
        html_end(&ap);
        char file[80];
        snprintf(file, sizeof file, "%s.html", name);
        rc = html_write_file(dir, file, ap.s, ap.len, err);
        sbuf_free(&ap);
        sbuf_free(&why);
    }
    sbuf_puts(&page, "</table>\n");

    /* Distributions per peer group (queue x shift kind). */
    if (!rc) {
        Plot *p = plot_open_in(dir, "distribution", script_dir, 1100, 460);
        int gx[64] = { 0 }, at[64], ng = 0;
        char glabel[64][160];
        const char *labels[64];
        for (int a = 0; a < na; a++)
            if (r->all[a].days >= r->min_days && isfinite(r->all[a].se)) {
                int key = r->all[a].queue * SK_COUNT + r->all[a].shift, g;
                for (g = 0; g < ng && gx[g] != key; g++)
                    ;
                if (g == ng && ng < 64) {
                    gx[ng] = key;
                    snprintf(glabel[ng], sizeof glabel[ng], "%s/%s", r->queues[key / SK_COUNT], shift_key[key % SK_COUNT]);
                    labels[ng] = glabel[ng];
                    at[ng] = ng;
                    ng++;
                }
            }
        if (ng)
            plot_tics(p, "xtics", ng, labels, at);
        plot_set_text(p, "title", tr(r->lang, "distribution"));
        plot_set_text(p, "ylabel", tr(r->lang, "composite"));
        plot_cmd(p, "set xrange [-0.5:%d.5]\nset key off", ng > 0 ? ng - 1 : 0);
        plot_begin_data(p, "s");
        for (int a = 0; a < na; a++) {
            const AgentScore *x = &r->all[a];
            if (x->days < r->min_days || !isfinite(x->se))
                continue;
            int key = x->queue * SK_COUNT + x->shift, g;
            for (g = 0; g < ng && gx[g] != key; g++)
                ;
            plot_row(p, "%.3f %.3f %d", g + 0.3 * ((a * 37 % 101) / 101.0 - 0.5), x->composite,
                     r->lp_months[a] >= r->months_needed);
        }
        plot_end_data(p);
        plot_cmd(p, "plot $s using 1:2:($3 > 0.5 ? 7 : 1) with points pt 7 ps 0.6 lc variable");
        rc = plot_close(p, err);
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"distribution.png\" alt=\"%s\">\n",
                    tr(r->lang, "distribution"), tr(r->lang, "distribution"));
    }

    /* The fairness table. */
    if (!rc) {
        sbuf_printf(&page, "<h2>%s</h2>\n<p>%s %s</p>\n<table>\n<tr><th></th><th></th><th>n</th><th>%s</th><th>%s</th><th>z</th>"
                           "<th>%s</th><th></th></tr>\n",
                    tr(r->lang, "fairness"), tr(r->lang, r->remote_peers ? "sc_remote_note_on" : "sc_remote_note_off"),
                    tr(r->lang, r->fcr_can_flag ? "sc_fcr_on" : "sc_fcr_off"), tr(r->lang, "mean_score"),
                    tr(r->lang, "rest"), tr(r->lang, "fcr_gap"));
        sbuf_puts(&fair, "dimension,level,agents,mean,rest_mean,z,warning,fcr_gap_points\n");
        for (int sk = 0; sk < SK_COUNT; sk++) {
            for (int a = 0; a < na; a++)
                in[a] = r->all[a].shift == sk;
            fair_row(&page, &fair, r, tr(r->lang, "shift_kind"), tr(r->lang, shift_label[sk]), in, &warned);
        }
        for (int q = 0; q < 64 && r->queues[q][0]; q++) {
            for (int a = 0; a < na; a++)
                in[a] = r->all[a].queue == q;
            fair_row(&page, &fair, r, tr(r->lang, "queue"), r->queues[q], in, &warned);
        }
        static const char *const rs[3] = { "sc_none", "sc_under30", "sc_over30" };
        for (int b = 0; b < 3; b++) {
            for (int a = 0; a < na; a++) {
                double x = r->all[a].remote_share;
                in[a] = b == 0 ? x == 0 : b == 1 ? x > 0 && x < 0.3 : x >= 0.3;
            }
            fair_row(&page, &fair, r, tr(r->lang, "remote_share"), tr(r->lang, rs[b]), in, &warned);
        }
        for (int a0 = 0; a0 < na; a0++) {
            int seen = 0;
            for (int b = 0; b < a0; b++)
                seen |= strcmp(r->team[b], r->team[a0]) == 0;
            if (seen)
                continue;
            for (int a = 0; a < na; a++)
                in[a] = strcmp(r->team[a], r->team[a0]) == 0;
            fair_row(&page, &fair, r, tr(r->lang, "team"), r->team[a0], in, &warned);
        }
        static const char *const tb[3] = { "sc_t0", "sc_t1", "sc_t2" };
        for (int t = 0; t < 3; t++) {
            for (int a = 0; a < na; a++)
                in[a] = r->all[a].tenure == t;
            fair_row(&page, &fair, r, tr(r->lang, "tenure"), tr(r->lang, tb[t]), in, &warned);
        }
        sbuf_puts(&page, "</table>\n");
        if (warned)
            sbuf_printf(&page, "<p class=\"warn\">%s</p>\n", tr(r->lang, "fair_warning"));
    }

    /* All scores as CSV. */
    sbuf_puts(&csv, "agent_id,name,team,queue,shift,days,cpd,peer_cpd,productivity,acw_ratio,fcr,qa,adherence,composite,lo,hi,months_flagged,aht_ratio\n");
    for (int a = 0; a < na; a++) {
        const AgentScore *x = &r->all[a];
        if (!x->days)
            continue;
        sbuf_csv(&csv, r->id[a]);
        sbuf_puts(&csv, ",");
        sbuf_csv(&csv, r->name[a]);
        sbuf_puts(&csv, ",");
        sbuf_csv(&csv, r->team[a]);
        sbuf_puts(&csv, ",");
        sbuf_csv(&csv, r->queues[x->queue]);
        sbuf_printf(&csv, ",%s,%d", shift_key[x->shift], x->days);
        const double v[] = { x->cpd, x->peer_cpd, x->productivity, x->acw_ratio, x->fcr, x->qa, x->adherence,
                             x->composite, isfinite(x->lo) ? x->lo : -99, isfinite(x->hi) ? x->hi : 99, x->aht_ratio };
        static const int dec[] = { 2, 2, 4, 4, 4, 2, 4, 4, 4, 4, 4 };
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            if (i == 10)
                sbuf_printf(&csv, ",%d", r->lp_months[a]);  /* months_flagged keeps its place */
            sbuf_puts(&csv, ",");
            if (isfinite(v[i]))  /* a missing value is an empty cell, never "nan" */
                sbuf_printf(&csv, "%.*f", dec[i], v[i]);
        }
        sbuf_puts(&csv, "\n");
    }
    sbuf_puts(&page, "<p><a href=\"scores.csv\">scores.csv</a> · <a href=\"flagged.csv\">flagged.csv</a> · "
                     "<a href=\"fairness.csv\">fairness.csv</a></p>\n");
    html_end(&page);
    if (!rc)
        rc = html_write_file(dir, "scores.csv", csv.s, csv.len, err);
    if (!rc)
        rc = html_write_file(dir, "flagged.csv", fcsv.s, fcsv.len, err);
    if (!rc)
        rc = html_write_file(dir, "fairness.csv", fair.s, fair.len, err);
    if (!rc && r->pseudonymise) {
        /* The key from the codes other reports show back to the agents: in
         * the HR report only. */
        SBuf ps;
        sbuf_init(&ps);
        sbuf_puts(&ps, "code,agent_id,name\n");
        for (int a = 0; a < na; a++) {
            char code[16];
            sbuf_csv(&ps, report_agent(r->center, 1, r->id[a], code));
            sbuf_puts(&ps, ",");
            sbuf_csv(&ps, r->id[a]);
            sbuf_puts(&ps, ",");
            sbuf_csv(&ps, r->name[a]);
            sbuf_puts(&ps, "\n");
        }
        rc = html_write_file(dir, "pseudonyms.csv", ps.s, ps.len, err);
        sbuf_free(&ps);
    }
    if (!rc)
        rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page), sbuf_free(&csv), sbuf_free(&fcsv), sbuf_free(&fair);
    free(in);
    return rc;
}
