#include "rep_surge.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const step_key[SURGE_NSTEPS] = { "supply_roster", "supply_stage1", "supply_stage2" };
static const char *const kind_name[] = { "before", "after", "extra" };

/* A scenario's chart over its hours: <prefix>_N.png (N its index: a name
 * is no file name), titled "<title_key> — <scenario>", on a time axis. */
static Plot *open_chart(const SurgeReport *r, const SurgeScenario *sc, const char *prefix, int height,
                        const char *title_key, const char *ylabel_key, const char *dir, const char *script_dir)
{
    int lang = r->cfg->language;
    char name[64], title[160];
    snprintf(name, sizeof name, "%s_%d", prefix, (int)(sc - r->sc));
    Plot *p = plot_open_in(dir, name, script_dir, 1000, height);
    snprintf(title, sizeof title, "%s — %s", tr(lang, title_key),
             sc->calls_per_day > 0 ? sc->name : tr(lang, "forecast_day"));
    plot_set_text(p, "title", title);
    plot_set_text(p, "ylabel", tr(lang, ylabel_key));
    plot_time_axis(p, sc->first_day, sc->ndays, 1, sc->ndays > 2 ? "%m-%d" : "%H:00");
    return p;
}

static int chart(const SurgeReport *r, const SurgeScenario *sc, const char *dir, const char *script_dir, WfmErr *err)
{
    int lang = r->cfg->language, nh = 24 * sc->ndays;
    char a[11], q[4][160];
    Plot *p = open_chart(r, sc, "surge", 380, "need_supply", "agents", dir, script_dir);
    plot_cmd(p, "set key top left\nset yrange [0:*]");
    plot_begin_data(p, "s");
    for (int t = 0; t < nh; t++) {
        const SurgeHour *h = &sc->h[t];
        date_format(sc->first_day + t / 24, a);
        plot_row(p, "%sT%02d %d %.2f %.2f %.2f", a, t % 24, h->need, h->phone[0], h->phone[1], h->phone[2]);
    }
    plot_end_data(p);
    plot_cmd(p, "plot $s using 1:2 with steps lw 2 lc rgb '#b2182b' title %s, "
                "$s using 1:3 with steps lw 1.5 lc rgb '#2166ac' title %s, "
                "$s using 1:4 with steps lw 1.5 lc rgb '#1b7837' title %s, "
                "$s using 1:5 with steps lw 1 dt 2 lc rgb '#762a83' title %s",
             plot_quote(tr(lang, "need"), q[0], sizeof q[0]), plot_quote(tr(lang, step_key[0]), q[1], sizeof q[1]),
             plot_quote(tr(lang, step_key[1]), q[2], sizeof q[2]), plot_quote(tr(lang, step_key[2]), q[3], sizeof q[3]));
    return plot_close(p, err);
}

/* surge_ar_N.png: the answer rate hour by hour at each stage. */
static int chart_ar(const SurgeReport *r, const SurgeScenario *sc, const char *dir, const char *script_dir,
                    WfmErr *err)
{
    int lang = r->cfg->language, nh = 24 * sc->ndays;
    char a[11], q[4][160];
    Plot *p = open_chart(r, sc, "surge_ar", 340, "ar_hourly", "answer_rate", dir, script_dir);
    plot_cmd(p, "set key bottom left\nset yrange [0:100]");
    plot_begin_data(p, "a");
    for (int t = 0; t < nh; t++) {
        const SurgeHour *h = &sc->h[t];
        date_format(sc->first_day + t / 24, a);
        plot_row(p, "%sT%02d %.2f %.2f %.2f", a, t % 24, 100 * h->m[0].answer_rate, 100 * h->m[1].answer_rate,
                 100 * h->m[2].answer_rate);
    }
    plot_end_data(p);
    plot_cmd(p, "plot $a using 1:2 with steps lw 1.5 lc rgb '#2166ac' title %s, "
                "$a using 1:3 with steps lw 1.5 lc rgb '#1b7837' title %s, "
                "$a using 1:4 with steps lw 1.5 lc rgb '#762a83' title %s",
             plot_quote(tr(lang, step_key[0]), q[1], sizeof q[1]), plot_quote(tr(lang, step_key[1]), q[2], sizeof q[2]),
             plot_quote(tr(lang, step_key[2]), q[3], sizeof q[3]));
    return plot_close(p, err);
}

/* surge_cost.png: each scenario's answer rate against what its stages
 * cost so far (roster, + overtime, + outside agents). */
static int chart_cost(const SurgeReport *r, const SurgeTotals *t, int n, const char *dir, const char *script_dir,
                      WfmErr *err)
{
    int lang = r->cfg->language;
    char blk[16], q[160];
    SBuf cmd;
    Plot *p = plot_open_in(dir, "surge_cost", script_dir, 800, 380);
    plot_set_text(p, "title", tr(lang, "ar_cost"));
    plot_set_text(p, "xlabel", tr(lang, "cost_won"));
    plot_set_text(p, "ylabel", tr(lang, "answer_rate"));
    plot_cmd(p, "set key bottom right\nset yrange [0:100]\nset format x '%%.0s%%c'");
    for (int i = 0; i < n; i++) {
        snprintf(blk, sizeof blk, "c%d", i);
        plot_begin_data(p, blk);
        double o = t[i].offered > 0 ? t[i].offered : 1;
        plot_row(p, "%.0f %.3f", 0.0, 100 * t[i].answered[SURGE_ROSTER] / o);
        plot_row(p, "%.0f %.3f", r->sc[i].cost[SURGE_STAGE1], 100 * t[i].answered[SURGE_STAGE1] / o);
        plot_row(p, "%.0f %.3f", r->sc[i].cost[SURGE_STAGE1] + r->sc[i].cost[SURGE_STAGE2],
                 100 * t[i].answered[SURGE_STAGE2] / o);
        plot_end_data(p);
    }
    sbuf_init(&cmd);
    sbuf_puts(&cmd, "plot ");
    for (int i = 0; i < n; i++)
        sbuf_printf(&cmd, "%s$c%d using 1:2 with linespoints lw 1.5 pt 7 title %s", i ? ", " : "", i,
                    plot_quote(r->sc[i].calls_per_day > 0 ? r->sc[i].name : tr(lang, "forecast_day"), q, sizeof q));
    plot_cmd(p, "%s", cmd.s);
    sbuf_free(&cmd);
    return plot_close(p, err);
}

static int csvs(const SurgeReport *r, const char *dir, WfmErr *err)
{
    SBuf b;
    char ds[11];
    int rc;
    sbuf_init(&b);
    sbuf_puts(&b, "scenario,date,hour,offered,aht_s,needed,phone_roster,phone_stage1,phone_stage2,"
                  "answer_rate_roster,answer_rate_stage1,answer_rate_stage2,sl_roster,asa_roster_s,"
                  "abandoned_roster,abandoned_stage1,abandoned_stage2\n");
    for (int i = 0; i < r->n; i++)
        for (int t = 0; t < 24 * r->sc[i].ndays; t++) {
            const SurgeHour *h = &r->sc[i].h[t];
            date_format(r->sc[i].first_day + t / 24, ds);
            sbuf_csv(&b, r->sc[i].name);
            sbuf_printf(&b, ",%s,%d,%.1f,%.1f,%d,%.2f,%.2f,%.2f,%.4f,%.4f,%.4f,%.4f,%.1f,%.1f,%.1f,%.1f\n", ds, t % 24, h->offered, h->aht_s, h->need, h->phone[0], h->phone[1],
                        h->phone[2], h->m[0].answer_rate, h->m[1].answer_rate, h->m[2].answer_rate, h->m[0].sl,
                        h->m[0].asa_s, h->m[0].abandoned, h->m[1].abandoned, h->m[2].abandoned);
        }
    rc = html_write_file(dir, "surge_hours.csv", b.s, b.len, err);
    b.len = 0;
    /* Staff-facing: each agent by id and name, never a pseudonym (issue 20). */
    sbuf_puts(&b, "scenario,agent_id,name,date,kind,shift,start,end,hours,paid_hours\n");
    for (int i = 0; i < r->n && !rc; i++)
        for (int k = 0; k < r->sc[i].not; k++) {
            const SurgeOt *o = &r->sc[i].ot[k];
            date_format(o->day, ds);
            sbuf_csv(&b, r->sc[i].name);
            sbuf_puts(&b, ",");
            sbuf_csv(&b, r->ids[o->agent]);
            sbuf_puts(&b, ",");
            sbuf_csv(&b, r->sc[i].ot_name ? r->sc[i].ot_name[k] : "");
            sbuf_printf(&b, ",%s,%s,", ds, kind_name[o->kind]);
            sbuf_csv(&b, o->shift >= 0 ? r->cfg->shifts[o->shift].name : "?");
            sbuf_printf(&b, ",%02d:%02d,%02d:%02d,%.1f,%.2f\n", o->start_min / 60 % 24, o->start_min % 60, o->end_min / 60 % 24, o->end_min % 60, o->hours,
                        o->paid_hours);
        }
    if (!rc)
        rc = html_write_file(dir, "overtime.csv", b.s, b.len, err);
    b.len = 0;
    sbuf_puts(&b, "scenario,date,start_hour,hours,agents\n");
    for (int i = 0; i < r->n && !rc; i++) {
        const SurgeScenario *sc = &r->sc[i];
        for (int t = 0; t < 24 * sc->ndays; t++)
            for (int k = 0; k < sc->nblocks; k++)
                if (sc->outside[t * sc->nblocks + k]) {
                    date_format(sc->first_day + t / 24, ds);
                    sbuf_csv(&b, sc->name);
                    sbuf_printf(&b, ",%s,%d,%d,%d\n", ds, t % 24, sc->block_h[k],
                                sc->outside[t * sc->nblocks + k]);
                }
    }
    if (!rc)
        rc = html_write_file(dir, "outside.csv", b.s, b.len, err);
    /* Each queue's hours at each stage (issue 17). */
    b.len = 0;
    sbuf_puts(&b, "scenario,queue,date,hour,offered,aht_s,needed,phone_roster,phone_stage1,phone_stage2,"
                  "answer_rate_roster,answer_rate_stage1,answer_rate_stage2,sl_roster,sl_stage1,sl_stage2,"
                  "abandoned_roster,abandoned_stage1,abandoned_stage2\n");
    for (int i = 0; i < r->n && !rc; i++) {
        const SurgeScenario *sc = &r->sc[i];
        int nh = 24 * sc->ndays;
        for (int q = 0; q < sc->nq && q < r->cfg->nqueues; q++)
            for (int t = 0; t < nh; t++) {
                const SurgeHour *h = &sc->qh[(size_t)q * (size_t)nh + (size_t)t];
                date_format(sc->first_day + t / 24, ds);
                sbuf_csv(&b, sc->name);
                sbuf_puts(&b, ",");
                sbuf_csv(&b, r->cfg->queues[q].name);
                sbuf_printf(&b, ",%s,%d,%.2f,%.1f,%d,%.2f,%.2f,%.2f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f,%.2f,%.2f\n", ds,
                            t % 24, h->offered, h->aht_s, h->need, h->phone[0], h->phone[1], h->phone[2],
                            h->m[0].answer_rate, h->m[1].answer_rate, h->m[2].answer_rate, h->m[0].sl, h->m[1].sl,
                            h->m[2].sl, h->m[0].abandoned, h->m[1].abandoned, h->m[2].abandoned);
            }
    }
    if (!rc)
        rc = html_write_file(dir, "surge_queues.csv", b.s, b.len, err);
    sbuf_free(&b);
    return rc;
}

/* A share of the offered calls as a percentage on a page ("" for none). */
static const char *share(double calls, double offered, char buf[48])
{
    if (!(calls > 0) || !(offered > 0))
        return "";
    snprintf(buf, 48, "%.2f%%", 100 * calls / offered);
    return buf;
}

/* Won per extra call answered (NaN - an empty cell - when none was). */
static double per_call(double cost, double calls)
{
    return calls > 0.5 ? cost / calls : NAN;
}

/* Each queue's offered calls, peak need, answer rate and service level at
 * each stage, and calls still lost, scenario by scenario. */
static void queue_table(const SurgeReport *r, int n, SBuf *page)
{
    int lang = r->cfg->language;
    char nb[48];
    if (!n || r->sc[0].nq < 1)
        return;
    sbuf_printf(page, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>", tr(lang, "queues_title"),
                tr(lang, "scenario"), tr(lang, "queue"), tr(lang, "total_offered"), tr(lang, "peak_need"));
    static const char *const keys[] = { "ar_roster", "sl_roster", "ar_stage1", "sl_stage1", "ar_stage2", "sl_stage2", "lost_calls" };
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        sbuf_printf(page, "<th>%s</th>", tr(lang, keys[k]));
    sbuf_puts(page, "</tr>\n");
    for (int i = 0; i < n; i++) {
        const SurgeScenario *sc = &r->sc[i];
        int nh = 24 * sc->ndays;
        for (int q = 0; q < sc->nq && q < r->cfg->nqueues; q++) {
            SurgeTotals qt;
            surge_hours_totals(sc->qh + (size_t)q * (size_t)nh, nh, &qt);
            double off = qt.offered;
            int peak = qt.peak_need;
            sbuf_puts(page, "<tr><td>");
            sbuf_html(page, sc->calls_per_day > 0 ? sc->name : tr(lang, "forecast_day"));
            sbuf_puts(page, "</td><td>");
            sbuf_html(page, r->cfg->queues[q].name);
            sbuf_printf(page, "</td><td>%s</td><td>%d</td>", num_group(off, 0, nb), peak);
            for (int k = 0; k < SURGE_NSTEPS; k++)
                sbuf_printf(page, "<td>%.1f%%</td><td>%.1f%%</td>", off > 0 ? 100 * qt.answered[k] / off : 100, 100 * qt.sl[k]);
            sbuf_printf(page, "<td>%s</td></tr>\n", num_group(off - qt.answered[2], 0, nb));
        }
    }
    sbuf_puts(page, "</table>\n");
}

int rep_surge(const SurgeReport *r, const char *dir, const char *script_dir, WfmErr *err)
{
    int lang = r->cfg->language, rc;
    SurgeTotals t[WFM_MAX_STAGES + 2];
    int n = r->n < WFM_MAX_STAGES + 2 ? r->n : WFM_MAX_STAGES + 2;
    char a[11], b[11], title[256], nb[48];
    SBuf page;

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err))))
        return rc;
    for (int i = 0; i < n; i++) {
        surge_totals(&r->sc[i], &t[i]);
        if ((rc = chart(r, &r->sc[i], dir, script_dir, err)) || (rc = chart_ar(r, &r->sc[i], dir, script_dir, err)))
            return rc;
    }
    if ((rc = chart_cost(r, t, n, dir, script_dir, err)))
        return rc;
    if ((rc = csvs(r, dir, err)))
        return rc;

    snprintf(title, sizeof title, "%s — %s", r->cfg->name, tr(lang, "surge_title"));
    sbuf_init(&page);
    html_begin(&page, lang, title);
    date_format(r->sc[0].first_day, a);
    date_format(r->sc[0].first_day + r->sc[0].ndays - 1, b);
    sbuf_printf(&page, "<p>%s: %s – %s</p>\n<table>\n<tr><th>%s</th>", tr(lang, "period"), a, b, tr(lang, "scenario"));
    for (int i = 0; i < n; i++) {
        sbuf_puts(&page, "<th>");
        sbuf_html(&page, r->sc[i].calls_per_day > 0 ? r->sc[i].name : tr(lang, "forecast_day"));
        sbuf_puts(&page, "</th>");
    }
    sbuf_puts(&page, "</tr>\n");
#define ROW(key, fmt, ...)                                                                                             \
    do {                                                                                                               \
        sbuf_printf(&page, "<tr><th>%s</th>", tr(lang, key));                                                         \
        for (int i = 0; i < n; i++)                                                                                    \
            sbuf_printf(&page, "<td>" fmt "</td>", __VA_ARGS__);                                                          \
        sbuf_puts(&page, "</tr>\n");                                                                                   \
    } while (0)
    ROW("total_offered", "%.0f", t[i].offered);
    ROW("deflected", "%.0f%%", 100 * r->sc[i].deflect);
    ROW("aht_factor", "%.2f", r->sc[i].aht_factor);
    ROW("peak_need", "%d", t[i].peak_need);
    ROW("short_roster", "%.0f", t[i].short_h[SURGE_ROSTER]);
    ROW("ar_roster", "%.1f%%", t[i].offered > 0 ? 100 * t[i].answered[SURGE_ROSTER] / t[i].offered : 100);
    ROW("sl_roster", "%.1f%%", 100 * t[i].sl[SURGE_ROSTER]);
    ROW("ot_hours", "%.0f", r->sc[i].ot_hours);
    ROW("ot_paid", "%.0f", r->sc[i].ot_paid_hours);
    ROW("ot_agents", "%d", r->sc[i].ot_agents);
    ROW("ar_stage1", "%.1f%%", t[i].offered > 0 ? 100 * t[i].answered[SURGE_STAGE1] / t[i].offered : 100);
    ROW("sl_stage1", "%.1f%%", 100 * t[i].sl[SURGE_STAGE1]);
    ROW("short_stage1", "%.0f", t[i].short_h[SURGE_STAGE1]);
    ROW("outside_agents", "%d", r->sc[i].outside_agents);
    ROW("outside_hours", "%.0f", r->sc[i].outside_hours);
    ROW("ar_stage2", "%.1f%%", t[i].offered > 0 ? 100 * t[i].answered[SURGE_STAGE2] / t[i].offered : 100);
    ROW("sl_stage2", "%.1f%%", 100 * t[i].sl[SURGE_STAGE2]);
    ROW("lost_calls", "%s", num_group(t[i].abandoned[SURGE_STAGE2], 0, nb));
    ROW("budget_won", "%s", num_group(r->sc[i].budget > 0 ? r->sc[i].budget : NAN, 0, nb));
    ROW("uncovered_h", "%s", num_group(r->sc[i].outside_short_h, 0, nb));
    ROW("absence", "%.0f%%", 100 * r->sc[i].absence);
    ROW("aht_drift", "%+.1f%%", 100 * r->sc[i].aht_drift);
    ROW("budget_ot_first", "%s", share(r->sc[i].budget_answered[0], t[i].offered, nb));
    ROW("budget_split", "%s", share(r->sc[i].budget_answered[1], t[i].offered, nb));
    ROW("budget_vendor_first", "%s", share(r->sc[i].budget_answered[2], t[i].offered, nb));
    ROW("budget_bound", "%s", share(r->sc[i].budget_bound, t[i].offered, nb));
    ROW("cost_stage1", "%s", num_group(r->sc[i].cost[SURGE_STAGE1], 0, nb));
    ROW("cost_call1", "%s", num_group(per_call(r->sc[i].cost[SURGE_STAGE1], t[i].answered[SURGE_STAGE1] - t[i].answered[SURGE_ROSTER]), 0, nb));
    ROW("cost_stage2", "%s", num_group(r->sc[i].cost[SURGE_STAGE2], 0, nb));
    ROW("cost_call2", "%s", num_group(per_call(r->sc[i].cost[SURGE_STAGE2], t[i].answered[SURGE_STAGE2] - t[i].answered[SURGE_STAGE1]), 0, nb));
    ROW("ot_solver", "%.2f%%, %.1f s", 100 * r->sc[i].ot_gap, r->sc[i].ot_seconds);
    ROW("violations", "%d", r->sc[i].violations);
#undef ROW
    sbuf_puts(&page, "</table>\n");
    queue_table(r, n, &page);
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"surge_cost.png\" alt=\"%s\">\n", tr(lang, "ar_cost"), tr(lang, "ar_cost"));
    for (int i = 0; i < n; i++) {
        const char *what = r->sc[i].calls_per_day > 0 ? r->sc[i].name : tr(lang, "forecast_day");
        sbuf_printf(&page, "<h2>%s: ", tr(lang, "scenario"));
        sbuf_html(&page, what);
        sbuf_printf(&page, "</h2>\n<img src=\"surge_%d.png\" alt=\"", i);
        sbuf_html(&page, what);
        sbuf_printf(&page, "\">\n<img src=\"surge_ar_%d.png\" alt=\"", i);
        sbuf_html(&page, what);
        sbuf_puts(&page, "\">\n");
    }
    sbuf_puts(&page, "<p><a href=\"surge_hours.csv\">surge_hours.csv</a> · <a href=\"overtime.csv\">overtime.csv</a>"
                     " · <a href=\"outside.csv\">outside.csv</a> · <a href=\"surge_queues.csv\">surge_queues.csv</a></p>\n");
    html_end(&page);
    rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page);
    return rc;
}
