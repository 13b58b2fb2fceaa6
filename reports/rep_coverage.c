#include "rep_coverage.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The duty grid: need and the roster's agents on duty per interval as a
 * chart (grid.png) and intervals.csv. */
static int grid(const CoverageData *c, const char *dir, const char *script_dir, WfmErr *err)
{
    int per = c->I > 0 ? 1440 / c->I : 0, rc;
    char a[11], q0[160], q1[160];
    if (!c->need_i || per <= 0)
        return 0;
    Plot *p = plot_open_in(dir, "grid", script_dir, 1100, 420);
    plot_set_text(p, "title", tr(c->lang, "grid_title"));
    plot_set_text(p, "ylabel", tr(c->lang, "agents"));
    plot_time_axis(p, c->first, c->ndays, 1, "%m-%d");
    plot_cmd(p, "set key top right");
    plot_begin_data(p, "grid");
    for (int t = 0; t < c->nt; t++) {
        date_format(c->first + t / per, a);
        plot_row(p, "%sT%02d:%02d %.3f %.3f", a, t % per * c->I / 60, t % per * c->I % 60, c->need_i[t],
                 c->duty_i ? c->duty_i[t] : 0);
    }
    plot_end_data(p);
    if (c->duty_i)
        plot_cmd(p, "plot $grid using 1:2 with steps lw 1.5 title %s, $grid using 1:3 with steps lw 1 title %s",
                 plot_quote(tr(c->lang, "grid_need"), q0, sizeof q0), plot_quote(tr(c->lang, "grid_roster"), q1, sizeof q1));
    else
        plot_cmd(p, "plot $grid using 1:2 with steps lw 1.5 title %s", plot_quote(tr(c->lang, "grid_need"), q0, sizeof q0));
    if ((rc = plot_close(p, err)))
        return rc;
    SBuf csv;
    sbuf_init(&csv);
    sbuf_puts(&csv, c->duty_i ? "date,time,need_duty,roster_duty,short,over\n" : "date,time,need_duty\n");
    for (int t = 0; t < c->nt; t++) {
        date_format(c->first + t / per, a);
        sbuf_printf(&csv, "%s,%02d:%02d,%.3f", a, t % per * c->I / 60, t % per * c->I % 60, c->need_i[t]);
        if (c->duty_i)
            sbuf_printf(&csv, ",%.3f,%.3f,%.3f", c->duty_i[t], fmax(0, c->need_i[t] - c->duty_i[t]),
                        fmax(0, c->duty_i[t] - c->need_i[t]));
        sbuf_puts(&csv, "\n");
    }
    rc = html_write_file(dir, "intervals.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    return rc;
}

/* The duty grid's rows of the summary table. */
static void grid_summary(const CoverageData *c, SBuf *page)
{
    double need = 0, duty = 0, under = 0, over = 0, f = c->I / 60.0;
    int empty = 0;
    char n0[48], n1[48];
    if (!c->need_i || c->I <= 0)
        return;
    for (int t = 0; t < c->nt; t++) {
        need += f * c->need_i[t];
        if (!c->duty_i)
            continue;
        duty += f * c->duty_i[t];
        under += f * fmax(0, c->need_i[t] - c->duty_i[t]), over += f * fmax(0, c->duty_i[t] - c->need_i[t]);
        empty += c->need_i[t] > 1e-9 && c->duty_i[t] < 1e-9;
    }
    sbuf_printf(page, "<tr><th>%s</th><td>%d%s</td></tr>\n", tr(c->lang, "grid"), c->I, tr(c->lang, "minutes"));
    sbuf_printf(page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(c->lang, "grid_need_h"), num_group(need, 1, n0));
    if (!c->duty_i) {
        sbuf_printf(page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(c->lang, "grid_roster"), tr(c->lang, "grid_no_roster"));
        return;
    }
    sbuf_printf(page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(c->lang, "grid_roster_h"), num_group(duty, 1, n0));
    sbuf_printf(page, "<tr><th>%s</th><td>%s / %s</td></tr>\n", tr(c->lang, "grid_short_over"), num_group(under, 1, n0),
                num_group(over, 1, n1));
    sbuf_printf(page, "<tr><th>%s</th><td>%d</td></tr>\n", tr(c->lang, "grid_empty"), empty);
}

int rep_coverage(const CoverageData *c, const char *dir, const char *script_dir, WfmErr *err)
{
    int n = 24 * c->ndays, rc, peak = 0;
    double hours = 0, calls = 0;
    char a[11], b[11], q0[160], q1[160], n0[48];
    SBuf csv, page;
    Plot *p;

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err))))
        return rc;
    for (int i = 0; i < n; i++) {
        hours += c->duty[i];
        calls += c->offered[i];
        if (c->duty[i] > c->duty[peak])
            peak = i;
    }
    p = plot_open_in(dir, "required", script_dir, 1100, 420);
    plot_set_text(p, "title", tr(c->lang, "required_by_hour"));
    plot_set_text(p, "ylabel", tr(c->lang, "agents"));
    plot_time_axis(p, c->first, c->ndays, 1, "%m-%d");
    plot_cmd(p, "set key top right");
    plot_begin_data(p, "req");
    for (int i = 0; i < n; i++) {
        date_format(c->first + i / 24, a);
        plot_row(p, "%sT%02d %.3f %.0f", a, i % 24, c->duty[i], c->phone[i]);
    }
    plot_end_data(p);
    plot_cmd(p, "plot $req using 1:2 with steps lw 1.5 title %s, $req using 1:3 with steps lw 1 title %s",
             plot_quote(tr(c->lang, "on_duty"), q0, sizeof q0), plot_quote(tr(c->lang, "on_phone"), q1, sizeof q1));
    if ((rc = plot_close(p, err)))
        return rc;

    p = plot_open_in(dir, "heatmap", script_dir, 1000, 460);
    plot_set_text(p, "title", tr(c->lang, "required_heatmap"));
    plot_set_text(p, "xlabel", tr(c->lang, "day"));
    plot_set_text(p, "ylabel", tr(c->lang, "hour"));
    plot_cmd(p, "set yrange [-0.5:23.5]\nset ytics 0,3,23\nset xrange [0.5:%d.5]\nset xtics 1,2,%d\n"
                "set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#4292c6', 3 '#08306b')\nset grid noxtics noytics",
             c->ndays, c->ndays);
    plot_begin_data(p, "heat");
    for (int i = 0; i < n; i++)
        plot_row(p, "%d %d %.2f", i / 24 + 1, i % 24, c->duty[i]);
    plot_end_data(p);
    plot_cmd(p, "plot $heat using 1:2:3 with image notitle");
    if ((rc = plot_close(p, err)))
        return rc;

    if ((rc = grid(c, dir, script_dir, err)))
        return rc;
    sbuf_init(&csv);
    sbuf_puts(&csv, "date,hour,offered,agents_phone,agents_duty\n");
    for (int i = 0; i < n; i++) {
        date_format(c->first + i / 24, a);
        sbuf_printf(&csv, "%s,%d,%.1f,%.0f,%.2f\n", a, i % 24, c->offered[i], c->phone[i], c->duty[i]);
    }
    rc = html_write_file(dir, "requirement.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    if (rc)
        return rc;

    char title[256];
    snprintf(title, sizeof title, "%s — %s", c->center, tr(c->lang, "coverage"));
    sbuf_init(&page);
    html_begin(&page, c->lang, title);
    date_format(c->first, a);
    date_format(c->first + c->ndays - 1, b);
    sbuf_printf(&page, "<table>\n<tr><th>%s</th><td>%s – %s</td></tr>\n", tr(c->lang, "period"), a, b);
    sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(c->lang, "total_offered"), num_group(calls, 0, n0));
    sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(c->lang, "agent_hours"), num_group(hours, 0, n0));
    date_format(c->first + peak / 24, a);
    sbuf_printf(&page, "<tr><th>%s</th><td>%.1f (%s %02d:00)</td></tr>\n", tr(c->lang, "peak_duty"),
                c->duty[peak], a, peak % 24);
    grid_summary(c, &page);
    sbuf_puts(&page, "</table>\n");
    if (c->need_i && c->I > 0)
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"grid.png\" alt=\"%s\">\n<p><a href=\"intervals.csv\">intervals.csv</a></p>\n",
                    tr(c->lang, "grid_title"), tr(c->lang, "grid_title"));
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"required.png\" alt=\"%s\">\n", tr(c->lang, "required_by_hour"),
                tr(c->lang, "required_by_hour"));
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"heatmap.png\" alt=\"%s\">\n", tr(c->lang, "required_heatmap"),
                tr(c->lang, "required_heatmap"));
    sbuf_printf(&page, "<p><a href=\"requirement.csv\">requirement.csv</a></p>\n");
    html_end(&page);
    rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page);
    return rc;
}
