#include "rep_coverage.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <stdio.h>
#include <string.h>

int rep_coverage(const CoverageData *c, const char *dir, const char *script_dir, WfmErr *err)
{
    int n = 24 * c->ndays, rc, peak = 0;
    double hours = 0, calls = 0;
    char a[11], b[11], q0[160], q1[160];
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
    sbuf_printf(&page, "<tr><th>%s</th><td>%.0f</td></tr>\n", tr(c->lang, "total_offered"), calls);
    sbuf_printf(&page, "<tr><th>%s</th><td>%.0f</td></tr>\n", tr(c->lang, "agent_hours"), hours);
    date_format(c->first + peak / 24, a);
    sbuf_printf(&page, "<tr><th>%s</th><td>%.1f (%s %02d:00)</td></tr>\n</table>\n", tr(c->lang, "peak_duty"),
                c->duty[peak], a, peak % 24);
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"required.png\" alt=\"required\">\n", tr(c->lang, "required_by_hour"));
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"heatmap.png\" alt=\"heatmap\">\n", tr(c->lang, "required_heatmap"));
    sbuf_printf(&page, "<p><a href=\"requirement.csv\">requirement.csv</a></p>\n");
    html_end(&page);
    rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page);
    return rc;
}
