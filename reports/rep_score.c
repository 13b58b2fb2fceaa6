#include "rep_score.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const shift_key[SK_COUNT] = { "day", "evening", "night", "weekend" };
static const char *const shift_label[SK_COUNT] = { "day_shift", "evening", "night", "weekend" };

/* One row of the fairness table: agents of level `lv` of a dimension
 * against the rest; a warning when they differ by more than 3 standard
 * errors of the difference (more than noise). */
static void fair_row(SBuf *h, SBuf *c, const ScoreReport *r, const char *dim, const char *level, const int *in,
                     int *warned)
{
    double s1 = 0, q1 = 0, s0 = 0, q0 = 0;
    int n1 = 0, n0 = 0;
    for (int a = 0; a < r->nagents; a++) {
        const AgentScore *x = &r->all[a];
        if (x->days < r->min_days || !isfinite(x->se))
            continue;
        if (in[a])
            s1 += x->composite, q1 += x->composite * x->composite, n1++;
        else
            s0 += x->composite, q0 += x->composite * x->composite, n0++;
    }
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
    sbuf_printf(h, "</td><td>%d</td><td>%+.2f</td><td>%+.2f</td><td>%+.1f</td><td%s>%s</td></tr>\n", n1, m1, m0, z,
                warn ? " class=\"warn\"" : "", warn ? "differs by more than noise" : "within noise");
    sbuf_csv(c, dim);
    sbuf_puts(c, ",");
    sbuf_csv(c, level);
    sbuf_printf(c, ",%d,%.4f,%.4f,%.2f,%d\n", n1, m1, m0, z, warn);
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
    sbuf_puts(&page, "</p>\n");

    /* The flagged list, and a page per flagged agent. */
    sbuf_printf(&page, "<h2>%s</h2>\n<table>\n<tr><th>ID</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                tr(r->lang, "flagged"), tr(r->lang, "name"), tr(r->lang, "peer_group"), tr(r->lang, "months_flagged"),
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
        sbuf_html(&page, r->why[a]);
        sbuf_puts(&page, "</td></tr>\n");
        sbuf_csv(&fcsv, r->id[a]);
        sbuf_puts(&fcsv, ",");
        sbuf_csv(&fcsv, r->name[a]);
        sbuf_printf(&fcsv, ",%d,", r->lp_months[a]);
        sbuf_csv(&fcsv, r->why[a]);
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
        if ((rc = plot_close(p, err)))
            break;
        SBuf ap;
        sbuf_init(&ap);
        html_begin(&ap, r->lang, r->id[a]);
        sbuf_puts(&ap, "<p>");
        sbuf_html(&ap, r->name[a]);
        sbuf_puts(&ap, " — ");
        sbuf_html(&ap, r->why[a]);
        sbuf_printf(&ap, "</p>\n<img src=\"%s.png\" alt=\"trend\">\n<table>\n<tr><th></th><th>%s</th><th>CPD</th>"
                         "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    name, tr(r->lang, "days"), tr(r->lang, "peer_cpd"), tr(r->lang, "composite"), tr(r->lang, "band"));
        for (int k = 0; k < r->nmonths; k++) {
            const AgentScore *y = &r->ms[(size_t)k * na + a];
            if (!y->days)
                continue;
            date_format(r->mstart[k], ds);
            sbuf_printf(&ap, "<tr><th>%.7s</th><td>%d</td><td>%.1f</td><td>%.1f</td>", ds, y->days, y->cpd, y->peer_cpd);
            if (isfinite(y->se))
                sbuf_printf(&ap, "<td>%+.2f</td><td>%+.2f – %+.2f</td></tr>\n", y->composite, y->lo, y->hi);
            else
                sbuf_puts(&ap, "<td colspan=\"2\">-</td></tr>\n");
        }
        sbuf_puts(&ap, "</table>\n<p><a href=\"index.html\">&larr;</a></p>\n");
        html_end(&ap);
        char file[80];
        snprintf(file, sizeof file, "%s.html", name);
        rc = html_write_file(dir, file, ap.s, ap.len, err);
        sbuf_free(&ap);
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
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"distribution.png\" alt=\"distribution\">\n",
                    tr(r->lang, "distribution"));
    }

    /* The fairness table. */
    if (!rc) {
        sbuf_printf(&page, "<h2>%s</h2>\n<table>\n<tr><th></th><th></th><th>n</th><th>%s</th><th>%s</th><th>z</th><th></th></tr>\n",
                    tr(r->lang, "fairness"), tr(r->lang, "mean_score"), tr(r->lang, "rest"));
        sbuf_puts(&fair, "dimension,level,agents,mean,rest_mean,z,warning\n");
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
        static const char *const rs[3] = { "none", "under 30%", "30% or more" };
        for (int b = 0; b < 3; b++) {
            for (int a = 0; a < na; a++) {
                double x = r->all[a].remote_share;
                in[a] = b == 0 ? x == 0 : b == 1 ? x > 0 && x < 0.3 : x >= 0.3;
            }
            fair_row(&page, &fair, r, tr(r->lang, "remote_share"), rs[b], in, &warned);
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
        static const char *const tb[3] = { "under 1 year", "1-3 years", "over 3 years" };
        for (int t = 0; t < 3; t++) {
            for (int a = 0; a < na; a++)
                in[a] = r->all[a].tenure == t;
            fair_row(&page, &fair, r, tr(r->lang, "tenure"), tb[t], in, &warned);
        }
        sbuf_puts(&page, "</table>\n");
        if (warned)
            sbuf_printf(&page, "<p class=\"warn\">%s</p>\n", tr(r->lang, "fair_warning"));
    }

    /* All scores as CSV. */
    sbuf_puts(&csv, "agent_id,name,team,queue,shift,days,cpd,peer_cpd,productivity,acw_ratio,fcr,qa,adherence,composite,lo,hi,months_flagged\n");
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
        sbuf_printf(&csv, ",%s,%d,%.2f,%.2f,%.4f,%.4f,%.4f,%.2f,%.4f,%.4f,%.4f,%.4f,%d\n", shift_key[x->shift],
                    x->days, x->cpd, x->peer_cpd, x->productivity, x->acw_ratio, x->fcr, x->qa, x->adherence,
                    x->composite, isfinite(x->lo) ? x->lo : -99, isfinite(x->hi) ? x->hi : 99, r->lp_months[a]);
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
    if (!rc)
        rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page), sbuf_free(&csv), sbuf_free(&fcsv), sbuf_free(&fair);
    free(in);
    return rc;
}
