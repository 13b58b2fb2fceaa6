#include "rep_index.h"
#include "html.h"
#include "i18n.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The report folders, in the order of the month's work. */
static const struct { const char *dir, *key; } folders[] = {
    { "history", "history" }, { "forecast", "forecast" }, { "coverage", "coverage" },
    { "roster", "roster_title" }, { "score", "score_title" }, { "surge", "surge_title" },
};
enum { F_HISTORY, F_FORECAST, F_COVERAGE, F_ROSTER, F_SCORE, F_SURGE, F_COUNT };

/* Is dir/sub/file a regular file? */
static int exists(const char *dir, const char *sub, const char *file)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s/%s", dir, sub, file) >= (int)sizeof path)
        return 0;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A section's heading: the report's name, a link where its page is there. */
static void heading(SBuf *b, int lang, int f, int linked)
{
    sbuf_printf(b, "<section%s>\n", f == F_SURGE ? " class=\"wide\"" : "");
    if (linked)
        sbuf_printf(b, "<h2 id=\"%s\"><a href=\"%s/index.html\">%s</a></h2>\n", folders[f].dir, folders[f].dir,
                    tr(lang, folders[f].key));
    else
        sbuf_printf(b, "<h2 id=\"%s\">%s <small>(%s)</small></h2>\n", folders[f].dir, tr(lang, folders[f].key),
                    tr(lang, "no_report"));
}

static void row(SBuf *b, const char *label, const char *value, int warn)
{
    sbuf_puts(b, "<tr><th>");
    sbuf_html(b, label);
    sbuf_printf(b, "</th><td%s>", warn ? " class=\"warn\"" : "");
    sbuf_html(b, value);
    sbuf_puts(b, "</td></tr>\n");
}

/* A number with its unit, or "not stored" when it is not finite. */
static const char *val(int lang, double v, int decimals, const char *unit, char out[96])
{
    char n[48];
    if (!isfinite(v))
        snprintf(out, 96, "%s", tr(lang, "not_stored"));
    else
        snprintf(out, 96, "%s%s", num_group(v, decimals, n), unit);
    return out;
}

/* A figure the store lacks, and the command that stores it. */
/* One figure of the row at the top: a link to its section. */
static void tile(SBuf *b, const char *section, const char *label, const char *value, int warn, int lang)
{
    sbuf_printf(b, "<a class=\"tile\" href=\"#%s\"><span class=\"v%s\">", section,
                !value ? " none" : warn ? " warn" : "");
    sbuf_html(b, value ? value : tr(lang, "not_stored"));
    sbuf_puts(b, "</span><span class=\"l\">");
    sbuf_html(b, label);
    sbuf_puts(b, "</span></a>\n");
}

static void missing(SBuf *b, int lang, const char *cmd, const char *month)
{
    sbuf_printf(b, "<p class=\"missing\">%s: <code>", tr(lang, "not_stored"));
    sbuf_printf(b, cmd, month);
    sbuf_puts(b, "</code></p>\n");
}

int rep_index(const IndexData *d, const char *dir, WfmErr *err)
{
    const WfmConfig *cfg = d->cfg;
    int lang = cfg->language, rc, has[F_COUNT];
    char title[256], v[96], a[11], b[11], month[8], lbl[160];
    SBuf page;

    if ((rc = html_mkdir(dir, err)))
        return rc;
    for (int f = 0; f < F_COUNT; f++)
        has[f] = exists(dir, folders[f].dir, "index.html");
    date_format(d->first, a);
    snprintf(month, sizeof month, "%.7s", a);
    snprintf(title, sizeof title, "%s — %s %s", cfg->name, month, tr(lang, "index_title"));
    sbuf_init(&page);
    html_begin_css(&page, lang, title,
                   ".nav{margin:0 0 1em;padding:0}.nav li{display:inline;margin-right:1.2em}\n"
                   ".tiles{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0 1.5em}\n"
                   ".tile{display:block;min-width:9.5em;padding:.6em .9em;border:1px solid #ccc;border-radius:6px;"
                   "text-decoration:none;color:#222;background:#fafafa}\n"
                   ".tile .v{display:block;font-size:1.6em;font-weight:bold}.tile .l{display:block;font-size:.85em;color:#555}\n"
                   ".tile .none{font-size:1em;font-weight:normal;color:#777;padding:.35em 0}\n"
                   ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:0 2.5em}\n"
                   ".wide{grid-column:1/-1}section th{text-align:left}.missing{color:#777}\n"
                   "@media print{.tile{background:none}}\n");
    sbuf_printf(&page, "<ul class=\"nav\">\n");
    for (int f = 0; f < F_COUNT; f++) {
        if (has[f])
            sbuf_printf(&page, "<li><a href=\"%s/index.html\">%s</a></li>\n", folders[f].dir, tr(lang, folders[f].key));
        else
            sbuf_printf(&page, "<li>%s (%s)</li>\n", tr(lang, folders[f].key), tr(lang, "no_report"));
    }
    if (has[F_ROSTER] && exists(dir, "roster", "calendar.html"))
        sbuf_printf(&page, "<li><a href=\"roster/calendar.html\">%s</a></li>\n", tr(lang, "calendar"));
    sbuf_printf(&page, "</ul>\n<p>%s</p>\n", tr(lang, "index_note"));

    /* The month in a row of figures, each a link to its section below. */
    sbuf_puts(&page, "<div class=\"tiles\">\n");
    tile(&page, "forecast", tr(lang, "fc_calls"), d->has_forecast ? val(lang, d->fc_calls, 0, "", v) : NULL, 0, lang);
    tile(&page, "coverage", tr(lang, "peak_phone"), d->has_need ? val(lang, d->need_peak_phone, 0, "", v) : NULL, 0, lang);
    {
        const IndexRoster *r = &d->roster;
        int h = d->has_roster;
        tile(&page, "roster", tr(lang, "pred_ar"), h ? val(lang, 100 * r->answer_rate, 1, "%", v) : NULL,
             h && r->answer_rate < cfg->answer_rate, lang);
        tile(&page, "roster", tr(lang, "pred_sl"), h ? val(lang, 100 * r->sl, 1, "%", v) : NULL, h && r->sl < cfg->sl_target,
             lang);
        tile(&page, "roster", tr(lang, "shortfall_h"), h ? val(lang, r->short_h, 0, "", v) : NULL, 0, lang);
        tile(&page, "roster", tr(lang, "surplus_h"), h ? val(lang, r->surplus_h, 0, "", v) : NULL, 0, lang);
        tile(&page, "roster", tr(lang, "violations_hard"),
             h ? val(lang, r->violations >= 0 ? r->violations : NAN, 0, "", v) : NULL, h && r->violations > 0, lang);
    }
    tile(&page, "score", tr(lang, "flagged_n"), d->has_score ? val(lang, d->flagged, 0, "", v) : NULL, 0, lang);
    for (int i = 0; i < d->nsurge; i++)
        if (d->surge[i].calls_per_day > 0) {
            char n[48];
            snprintf(lbl, sizeof lbl, tr(lang, "surge_tile"), num_group(d->surge[i].calls_per_day, 0, n));
            tile(&page, "surge", lbl, val(lang, 100 * d->surge[i].ar[1], 1, "%", v), d->surge[i].ar[1] < cfg->answer_rate,
                 lang);
        }
    if (!d->nsurge)
        tile(&page, "surge", tr(lang, "surge_title"), NULL, 0, lang);
    sbuf_puts(&page, "</div>\n<div class=\"grid\">\n");

    /* Forecast: the month's calls. */
    heading(&page, lang, F_FORECAST, has[F_FORECAST]);
    if (d->has_forecast) {
        sbuf_puts(&page, "<table>\n");
        row(&page, tr(lang, "fc_calls"), val(lang, d->fc_calls, 0, "", v), 0);
        row(&page, tr(lang, "mean_per_day"), val(lang, d->ndays ? d->fc_calls / d->ndays : NAN, 0, "", v), 0);
        date_format(d->fc_busiest_day, b);
        snprintf(lbl, sizeof lbl, "%s (%s)", tr(lang, "fc_busiest"), b);
        row(&page, lbl, val(lang, d->fc_busiest, 0, "", v), 0);
        if (d->fc_queues_missing) {
            snprintf(lbl, sizeof lbl, "%d / %d", d->fc_queues_missing, d->fc_queues + d->fc_queues_missing);
            row(&page, tr(lang, "fc_queues_missing"), lbl, 1);
        }
        sbuf_puts(&page, "</table>\n");
    } else
        missing(&page, lang, "wfm forecast --month %s", month);

    /* The need: agents the forecast asks for. */
    sbuf_puts(&page, "</section>\n");
    heading(&page, lang, F_COVERAGE, has[F_COVERAGE]);
    if (d->has_need) {
        sbuf_puts(&page, "<table>\n");
        row(&page, tr(lang, "agent_hours"), val(lang, d->need_duty_h, 0, "", v), 0);
        row(&page, tr(lang, "peak_duty"), val(lang, d->need_peak_duty, 0, "", v), 0);
        row(&page, tr(lang, "peak_phone"), val(lang, d->need_peak_phone, 0, "", v), 0);
        sbuf_puts(&page, "</table>\n");
    } else
        missing(&page, lang, "wfm staff --month %s", month);

    /* The roster: what callers are predicted to get, and what it costs. */
    sbuf_puts(&page, "</section>\n");
    heading(&page, lang, F_ROSTER, has[F_ROSTER]);
    if (d->has_roster) {
        const IndexRoster *r = &d->roster;
        char t[48];
        sbuf_puts(&page, "<table>\n");
        row(&page, tr(lang, "agents_n"), val(lang, r->agents, 0, "", v), 0);
        snprintf(lbl, sizeof lbl, "%s (%s %s%%)", tr(lang, "pred_ar"), tr(lang, "target"),
                 num_group(100 * cfg->answer_rate, 1, t));
        row(&page, lbl, val(lang, 100 * r->answer_rate, 1, "%", v), r->answer_rate < cfg->answer_rate);
        snprintf(lbl, sizeof lbl, "%s (%s %s%%)", tr(lang, "pred_sl"), tr(lang, "target"),
                 num_group(100 * cfg->sl_target, 1, t));
        row(&page, lbl, val(lang, 100 * r->sl, 1, "%", v), r->sl < cfg->sl_target);
        row(&page, tr(lang, "shortfall_h"), val(lang, r->short_h, 1, "", v), 0);
        row(&page, tr(lang, "surplus_h"), val(lang, r->surplus_h, 1, "", v), 0);
        row(&page, tr(lang, "violations_hard"), val(lang, r->violations >= 0 ? r->violations : NAN, 0, "", v),
            r->violations > 0);
        sbuf_printf(&page, "</table>\n<p>%s</p>\n", tr(lang, "index_pooled"));
    } else
        missing(&page, lang, "wfm roster --month %s", month);

    /* Scores: the newest run's flagged agents. */
    sbuf_puts(&page, "</section>\n");
    heading(&page, lang, F_SCORE, has[F_SCORE]);
    if (d->has_score) {
        int from, to;
        sbuf_puts(&page, "<table>\n");
        if (sscanf(d->score_params, "--from %10s --to %10s", a, b) == 2 && date_parse(a, 10, &from) == 0 &&
            date_parse(b, 10, &to) == 0) {
            date_format(from, a), date_format(to, b);
            snprintf(lbl, sizeof lbl, "%s – %s", a, b);
            row(&page, tr(lang, "period"), lbl, 0);
        }
        row(&page, tr(lang, "scored_n"), val(lang, d->scored, 0, "", v), 0);
        row(&page, tr(lang, "flagged_n"), val(lang, d->flagged, 0, "", v), 0);
        sbuf_puts(&page, "</table>\n");
    } else
        missing(&page, lang, "wfm score --from YYYY-MM-DD --to YYYY-MM-DD", month);

    /* Surge: each stage's answer rate. */
    sbuf_puts(&page, "</section>\n");
    heading(&page, lang, F_SURGE, has[F_SURGE]);
    if (d->has_surge && d->nsurge > 0) {
        date_format(d->surge_day, a);
        sbuf_printf(&page, "<p>%s: %s</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                           "<th>%s</th><th>%s</th></tr>\n",
                    tr(lang, "surge_day"), a, tr(lang, "scenario"), tr(lang, "calls"), tr(lang, "ar_roster"),
                    tr(lang, "ot_agents"), tr(lang, "ar_stage1"), tr(lang, "outside_agents"), tr(lang, "ar_stage2"));
        for (int i = 0; i < d->nsurge; i++) {
            const IndexSurge *x = &d->surge[i];
            char n[48];
            sbuf_printf(&page, "<tr><td>%s</td>", x->calls_per_day > 0 ? num_group(x->calls_per_day, 0, n)
                                                                          : tr(lang, "forecast_day"));
            sbuf_printf(&page, "<td>%s</td>", num_group(x->offered, 0, n));
            for (int k = 0; k < 3; k++) {
                if (k == 1)
                    sbuf_printf(&page, "<td>%s</td>", num_group(x->ot_agents, 0, n));
                if (k == 2)
                    sbuf_printf(&page, "<td>%s</td>", num_group(x->outside_agents, 0, n));
                sbuf_printf(&page, "<td%s>%s</td>", x->ar[k] < cfg->answer_rate ? " class=\"warn\"" : "",
                            val(lang, 100 * x->ar[k], 1, "%", v));
            }
            sbuf_puts(&page, "</tr>\n");
        }
        sbuf_puts(&page, "</table>\n");
    } else
        missing(&page, lang, "wfm surge --date %s-DD --calls N", month);

    /* The history the forecast learnt from. */
    sbuf_puts(&page, "</section>\n");
    heading(&page, lang, F_HISTORY, has[F_HISTORY]);
    if (d->has_history) {
        sbuf_puts(&page, "<table>\n");
        date_format(d->hist_first, a), date_format(d->hist_first + d->hist_ndays - 1, b);
        snprintf(lbl, sizeof lbl, "%s – %s", a, b);
        row(&page, tr(lang, "period"), lbl, 0);
        row(&page, tr(lang, "total_offered"), val(lang, d->hist_calls, 0, "", v), 0);
        sbuf_puts(&page, "</table>\n");
    } else
        missing(&page, lang, "wfm import volumes FILE.csv", month);
    sbuf_puts(&page, "</section>\n</div>\n");
    html_end(&page);
    rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page);
    return rc;
}
