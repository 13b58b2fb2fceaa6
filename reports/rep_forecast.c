#include "rep_forecast.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/afile.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int rep_forecast_csv(const char *path, int first, int ndays, const ForecastQueue *q, int nq,
                     WfmErr *err)
{
    AFile f;
    SBuf b;
    int rc;

    if ((rc = afile_open(&f, path, err)))
        return rc;
    sbuf_init(&b);
    html_csv_bom_to(&b);   /* reports.csv_bom: the mark written with the file */
    sbuf_puts(&b, "date,hour,queue,offered,aht_s\n");
    for (int i = 0; i < 24 * ndays; i++)
        for (int k = 0; k < nq; k++) {
            char ds[11];
            date_format(first + i / 24, ds);
            sbuf_printf(&b, "%s,%d,", ds, i % 24);
            sbuf_csv(&b, q[k].queue);
            sbuf_printf(&b, ",%.2f,%.1f\n", q[k].offered[i], q[k].aht_s[i]);
        }
    if (fwrite(b.s, 1, b.len, f.f) != b.len) {
        rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", path, strerror(errno));
        afile_abort(&f);
    } else {
        rc = afile_commit(&f, err);
    }
    sbuf_free(&b);
    return rc;
}

int rep_forecast_page(const char *center, int lang, const char *month, const ForecastSection *sec,
                      int nsec, const char *dir, const char *script_dir, WfmErr *err)
{
    char title[256], ds[11], q0[128], q1[128], q2[128];
    SBuf page;
    int rc;

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err))))
        return rc;
    snprintf(title, sizeof title, "%s — %s %s", center, tr(lang, "forecast"), month);
    sbuf_init(&page);
    html_begin(&page, lang, title);
    for (int k = 0; k < nsec && !rc; k++) {
        const ForecastSection *f = &sec[k];
        char name[96];
        snprintf(name, sizeof name, "forecast_%d", k);  /* by index: a queue is no file name */
        Plot *p = plot_open_in(dir, name, script_dir, 1100, 420);
        plot_set_text(p, "title", f->queue);
        plot_set_text(p, "ylabel", tr(lang, "calls"));
        plot_time_axis(p, f->first, f->ndays, 0, "%Y-%m");
        plot_cmd(p, "set key top left\nset datafile missing '?'");
        plot_begin_data(p, "d");
        for (int i = 0; i < f->ndays; i++) {
            char v[3][24];
            const double *col[3] = { f->actual, f->backtest, f->forecast };
            for (int c = 0; c < 3; c++)  /* '?' is gnuplot's missing value */
                snprintf(v[c], sizeof v[c], col[c][i] >= 0 ? "%.1f" : "?", col[c][i]);
            date_format(f->first + i, ds);
            plot_row(p, "%s %s %s %s", ds, v[0], v[1], v[2]);
        }
        plot_end_data(p);
        plot_cmd(p, "plot $d using 1:2 with lines lw 1.5 lc rgb '#333333' title %s, "
                    "$d using 1:3 with lines lw 1 lc rgb '#e08020' title %s, "
                    "$d using 1:4 with lines lw 2 lc rgb '#1f5fa8' title %s",
                 plot_quote(tr(lang, "actual"), q0, sizeof q0), plot_quote(tr(lang, "backtest"), q1, sizeof q1),
                 plot_quote(tr(lang, "forecast"), q2, sizeof q2));
        if ((rc = plot_close(p, err)))
            break;
        char band[96];
        snprintf(band, sizeof band, "forecast_%d_band", k);
        if (f->hourly) {
            Plot *b = plot_open_in(dir, band, script_dir, 1100, 360);
            plot_set_text(b, "title", tr(lang, "hourly_forecast"));
            plot_set_text(b, "ylabel", tr(lang, "calls"));
            plot_time_axis(b, f->mfirst, f->mdays, 1, "%m-%d");
            plot_cmd(b, "set key top left\nset datafile missing '?'");
            plot_begin_data(b, "h");
            int have = f->lo && f->hi;
            for (int i = 0; i < 24 * f->mdays; i++) {
                char lo[24], hi[24];
                snprintf(lo, sizeof lo, have ? "%.2f" : "?", have ? f->lo[i] : 0.0);
                snprintf(hi, sizeof hi, have ? "%.2f" : "?", have ? f->hi[i] : 0.0);
                date_format(f->mfirst + i / 24, ds);
                plot_row(b, "%sT%02d %.2f %s %s", ds, i % 24, f->hourly[i], lo, hi);
            }
            plot_end_data(b);
            plot_cmd(b, "plot $h using 1:3:4 with filledcurves fs transparent solid 0.3 lc rgb '#1f5fa8' title %s, "
                        "$h using 1:2 with lines lw 1 lc rgb '#1f5fa8' title %s",
                     plot_quote(tr(lang, "band_10_90"), q0, sizeof q0), plot_quote(tr(lang, "forecast"), q1, sizeof q1));
            if ((rc = plot_close(b, err)))
                break;
        }
        sbuf_puts(&page, "<h2>");
        sbuf_html(&page, f->queue);
        sbuf_printf(&page, "</h2>\n<p>%s: <b>", tr(lang, "method_used"));
        sbuf_html(&page, f->method);
        sbuf_printf(&page, "</b></p>\n<img src=\"%s.png\" alt=\"%s\">\n<table>\n"
                           "<tr><th></th><th>WAPE</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    name, tr(lang, "forecast"), tr(lang, "bias"), tr(lang, "weekday"), tr(lang, "saturday"), tr(lang, "sunhol"));
        for (int m = 0; m < f->nmethods; m++) {
            sbuf_puts(&page, "<tr><th>");
            sbuf_html(&page, f->names[m]);
            sbuf_puts(&page, "</th>");
            if (!f->ok[m])
                sbuf_printf(&page, "<td colspan=\"5\">%s</td></tr>\n", tr(lang, "steps_aside"));
            else {
                sbuf_printf(&page, "<td>%.2f%%</td><td>%+.2f%%</td>", 100 * f->wape[m], 100 * f->bias[m]);
                for (int t = 0; t < 3; t++)  /* no calls: closed, not a perfect forecast */
                    if (isnan(f->wape_dt[3 * m + t]))
                        sbuf_printf(&page, "<td>%s</td>", tr(lang, "closed"));
                    else
                        sbuf_printf(&page, "<td>%.1f%%</td>", 100 * f->wape_dt[3 * m + t]);
                sbuf_puts(&page, "</tr>\n");
            }
        }
        sbuf_puts(&page, "</table>\n");
        if (f->hourly)
            sbuf_printf(&page, "<img src=\"%s.png\" alt=\"%s\">\n", band, tr(lang, "band_10_90"));
    }
    if (!rc) {
        html_end(&page);
        rc = html_write_file(dir, "index.html", page.s, page.len, err);
    }
    sbuf_free(&page);
    return rc;
}
