#include "rep_history.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/alloc.h"
#include "../core/sbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tics on axis every "nice" step (1, 2 or 5 times a power of ten) from 0 to
 * at least max, labelled with thousands separators (gnuplot has none), and
 * the axis's range set to them. */
static void grouped_tics(Plot *p, const char *axis, const char *range, double max)
{
    double step = 1;
    if (!(max < 1e9))   /* beyond int tics: gnuplot's own */
        return;
    if (max > 1) {
        double mag = pow(10, floor(log10(max / 6))), f = max / 6 / mag;
        step = mag * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
    }
    if (step < 1)
        step = 1;
    int n = (int)ceil(max / step) + 1, at[64];
    char lab[64][48];
    const char *labels[64];
    if (max <= 0 || n < 2)
        n = 2;
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++) {
        at[i] = (int)(i * step);
        num_group(at[i], 0, lab[i]);
        labels[i] = lab[i];
    }
    plot_tics(p, axis, n, labels, at);
    plot_cmd(p, "set %s [0:%d]", range, at[n - 1]);
}

int rep_history(const HistoryData *h, const char *dir, const char *script_dir, WfmErr *err)
{
    const char *dtkey[DT_COUNT] = { "weekday", "saturday", "sunhol" };
    double *daily = xcalloc((size_t)h->ndays, sizeof *daily);
    double mean[DT_COUNT][24] = { { 0 } }, total = 0, pm = 0, hour_tot[24] = { 0 };
    int cnt[DT_COUNT][24] = { { 0 } }, days_with = 0;
    char a[11], b[11];
    SBuf page, csv;
    Plot *p;
    int rc;

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err)))) {
        free(daily);
        return rc;
    }
    for (int i = 0; i < h->ndays; i++) {
        int dt = cal_day_type(h->holidays, h->first + i), any = 0;
        for (int hr = 0; hr < 24; hr++) {
            double v = h->offered[24 * i + hr];
            if (v < 0)
                continue;
            any = 1;
            daily[i] += v;
            mean[dt][hr] += v;
            cnt[dt][hr]++;
            hour_tot[hr] += v;
            if (hr >= 12)
                pm += v;
        }
        if (!any)
            daily[i] = -1;
        else
            total += daily[i], days_with++;
    }
    for (int t = 0; t < DT_COUNT; t++)
        for (int hr = 0; hr < 24; hr++)
            mean[t][hr] = cnt[t][hr] ? mean[t][hr] / cnt[t][hr] : 0;

    /* Daily offered calls. */
    p = plot_open_in(dir, "daily", script_dir, 1100, 420);
    plot_set_text(p, "title", tr(h->lang, "daily_offered"));
    plot_set_text(p, "ylabel", tr(h->lang, "calls"));
    plot_time_axis(p, h->first, h->ndays, 0, "%Y-%m");
    plot_cmd(p, "set key off");
    {
        double max = 0;
        for (int i = 0; i < h->ndays; i++)
            max = fmax(max, daily[i]);
        grouped_tics(p, "ytics", "yrange", max);
    }
    plot_begin_data(p, "daily");
    for (int i = 0; i < h->ndays; i++)
        if (daily[i] >= 0) {
            date_format(h->first + i, a);
            plot_row(p, "%s %.0f", a, daily[i]);
        }
    plot_end_data(p);
    plot_cmd(p, "plot $daily using 1:2 with lines lw 1 lc rgb '#1f5fa8'");
    if ((rc = plot_close(p, err)))
        goto out;

    /* Intraday curve by day type. */
    p = plot_open_in(dir, "intraday", script_dir, 900, 420);
    plot_set_text(p, "title", tr(h->lang, "intraday"));
    plot_set_text(p, "xlabel", tr(h->lang, "hour"));
    plot_set_text(p, "ylabel", tr(h->lang, "calls_per_hour"));
    plot_cmd(p, "set xrange [-0.5:23.5]\nset xtics 0,2,23\nset key top left");
    {
        double max = 0;
        for (int t = 0; t < DT_COUNT; t++)
            for (int hr = 0; hr < 24; hr++)
                max = fmax(max, mean[t][hr]);
        grouped_tics(p, "ytics", "yrange", max);
    }
    plot_begin_data(p, "curve");
    for (int hr = 0; hr < 24; hr++)
        plot_row(p, "%d %.2f %.2f %.2f", hr, mean[0][hr], mean[1][hr], mean[2][hr]);
    plot_end_data(p);
    {
        char q0[128], q1[128], q2[128];
        plot_cmd(p, "plot $curve using 1:2 with linespoints lw 2 title %s, "
                    "$curve using 1:3 with linespoints lw 2 title %s, "
                    "$curve using 1:4 with linespoints lw 2 title %s",
                 plot_quote(tr(h->lang, dtkey[0]), q0, sizeof q0),
                 plot_quote(tr(h->lang, dtkey[1]), q1, sizeof q1),
                 plot_quote(tr(h->lang, dtkey[2]), q2, sizeof q2));
    }
    if ((rc = plot_close(p, err)))
        goto out;

    /* Heat map: one column per day, one row per hour. */
    p = plot_open_in(dir, "heatmap", script_dir, 1100, 460);
    plot_set_text(p, "title", tr(h->lang, "heatmap"));
    plot_set_text(p, "ylabel", tr(h->lang, "hour"));
    plot_cmd(p, "set yrange [-0.5:23.5]\nset ytics 0,3,23\nset xrange [-0.5:%d.5]\n"
                "set palette defined (0 '#ffffff', 1 '#fde0a0', 2 '#f08030', 3 '#a01010')\n"
                "set grid noxtics noytics",
             h->ndays - 1);
    {
        /* A tic on the first of each month (each third month past 400 days). */
        int nt = 0, *at = xmalloc(sizeof *at * (size_t)(h->ndays / 28 + 2));
        char(*lab)[24] = xmalloc(sizeof *lab * (size_t)(h->ndays / 28 + 2));
        const char **labels = xmalloc(sizeof *labels * (size_t)(h->ndays / 28 + 2));
        int step = h->ndays > 400 ? 3 : 1;
        for (int i = 0; i < h->ndays; i++) {
            int y, m, d;
            date_to_ymd(h->first + i, &y, &m, &d);
            if (d == 1 && (m - 1) % step == 0) {
                snprintf(lab[nt], sizeof lab[nt], "%04d-%02d", y, m);
                labels[nt] = lab[nt];
                at[nt++] = i;
            }
        }
        if (nt)
            plot_tics(p, "xtics", nt, labels, at);
        else
            plot_cmd(p, "set xtics auto");
        free(at);
        free(lab);
        free(labels);
    }
    {
        double max = 0;
        for (size_t t = 0; t < 24 * (size_t)h->ndays; t++)
            max = fmax(max, h->offered[t]);
        grouped_tics(p, "cbtics", "cbrange", max);
    }
    plot_begin_data(p, "heat");
    for (int i = 0; i < h->ndays; i++)
        for (int hr = 0; hr < 24; hr++) {
            double v = h->offered[24 * i + hr];
            plot_row(p, "%d %d %.0f", i, hr, v < 0 ? 0 : v);
        }
    plot_end_data(p);
    plot_cmd(p, "plot $heat using 1:2:3 with image notitle");
    if ((rc = plot_close(p, err)))
        goto out;

    /* Daily totals as CSV. */
    sbuf_init(&csv);
    sbuf_puts(&csv, "date,offered\n");
    for (int i = 0; i < h->ndays; i++)
        if (daily[i] >= 0) {
            date_format(h->first + i, a);
            sbuf_printf(&csv, "%s,%.0f\n", a, daily[i]);
        }
    rc = html_write_file(dir, "daily.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    if (rc)
        goto out;

    /* The page. */
    {
        char title[256], n[48];
        int peak = 0;
        for (int hr = 1; hr < 24; hr++)
            if (hour_tot[hr] > hour_tot[peak])
                peak = hr;
        snprintf(title, sizeof title, "%s — %s", h->center, tr(h->lang, "history"));
        sbuf_init(&page);
        html_begin(&page, h->lang, title);
        date_format(h->first, a);
        date_format(h->first + h->ndays - 1, b);
        sbuf_printf(&page, "<h2>%s</h2>\n<table>\n", tr(h->lang, "summary"));
        sbuf_printf(&page, "<tr><th>%s</th><td>%s – %s</td></tr>\n", tr(h->lang, "period"), a, b);
        sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(h->lang, "days"), num_group(days_with, 0, n));
        sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(h->lang, "total_offered"), num_group(total, 0, n));
        sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(h->lang, "mean_per_day"),
                    num_group(days_with ? total / days_with : NAN, 0, n));
        sbuf_printf(&page, "<tr><th>%s</th><td>%02d:00</td></tr>\n", tr(h->lang, "peak_hour"), peak);
        sbuf_printf(&page, "<tr><th>%s</th><td>%s%s</td></tr>\n</table>\n", tr(h->lang, "pm_share"),
                    num_group(total > 0 ? 100 * pm / total : NAN, 1, n), total > 0 ? "%" : "");
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"daily.png\" alt=\"%s\">\n", tr(h->lang, "daily_offered"),
                    tr(h->lang, "daily_offered"));
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"intraday.png\" alt=\"%s\">\n", tr(h->lang, "intraday"),
                    tr(h->lang, "intraday"));
        sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"heatmap.png\" alt=\"%s\">\n", tr(h->lang, "heatmap"),
                    tr(h->lang, "heatmap"));
        sbuf_printf(&page, "<p><a href=\"daily.csv\">%s</a></p>\n", tr(h->lang, "daily_csv"));
        html_end(&page);
        rc = html_write_file(dir, "index.html", page.s, page.len, err);
        sbuf_free(&page);
    }
out:
    free(daily);
    return rc;
}
