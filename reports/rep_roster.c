#include "rep_roster.h"
#include "rep_calendar.h"
#include "html.h"
#include "i18n.h"
#include "plot.h"
#include "../core/date.h"
#include "../core/sbuf.h"
#include "../model/regular.h"
#include "../model/rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { F_DAYS, F_WEEKEND, F_LATE, F_REMOTE, F_EARLY, F_SINGLE, F_SWING, F_JUMP, F_N };
static const char *const fair_key[F_N] = { "worked_days", "weekend_days", "late_shifts", "remote_days", "early_starts",
                                           "single_days_off", "kind_swings", "start_jumps" };

/* Agent g's counts over the month. */
static void counts(const WfmConfig *cfg, const Roster *r, int g, int f[F_N])
{
    memset(f, 0, sizeof(int) * F_N);
    for (int d = 0; d < r->ndays; d++) {
        const Assign *x = roster_at(r, g, d);
        if (x->shift < 0 || x->shift >= cfg->nshifts)
            continue;
        const ShiftTemplate *t = &cfg->shifts[x->shift];
        f[F_DAYS]++;
        f[F_WEEKEND] += cal_day_type(&cfg->holidays, r->first_day + d) != DT_WEEKDAY;
        f[F_LATE] += t->kind != SHIFT_DAY;
        f[F_REMOTE] += x->remote != 0;
        f[F_EARLY] += t->kind == SHIFT_DAY && x->start_min < 8 * 60;
    }
    WfmRegular reg;
    wfm_regular(cfg, r, g, &reg);
    f[F_SINGLE] = reg.single_off, f[F_SWING] = reg.swings, f[F_JUMP] = reg.jumps;
}

static void hhmm(int m, char buf[8])
{
    m = ((m % 1440) + 1440) % 1440;
    snprintf(buf, 8, "%02d:%02d", m / 60, m % 60);
}

static int write_csvs(const RosterReport *rr, const char *dir, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    SBuf b;
    char ds[11], t0[8], t1[8], t2[8], t3[8];
    int rc;
    sbuf_init(&b);
    sbuf_puts(&b, "agent,name,team");
    for (int d = 0; d < r->ndays; d++) {
        date_format(r->first_day + d, ds);
        sbuf_printf(&b, ",%s", ds);
    }
    sbuf_puts(&b, "\n");
    for (int g = 0; g < r->nagents; g++) {
        const RosterAgent *ag = &r->agents[g];
        sbuf_csv(&b, ag->id);
        sbuf_puts(&b, ",");
        sbuf_csv(&b, rr->names ? rr->names[g] : "");
        sbuf_puts(&b, ",");
        sbuf_csv(&b, ag->team >= 0 && ag->team < cfg->nteams ? cfg->teams[ag->team].name : "");
        for (int d = 0; d < r->ndays; d++) {
            const Assign *x = roster_at(r, g, d);
            if (x->shift >= 0 && x->shift < cfg->nshifts) {
                char cell[128];
                snprintf(cell, sizeof cell, "%s%s", cfg->shifts[x->shift].name, x->remote ? " (remote)" : "");
                sbuf_puts(&b, ",");
                sbuf_csv(&b, cell);
            } else
                sbuf_puts(&b, x->shift == ROSTER_LEAVE ? ",leave" : ",off");
        }
        sbuf_puts(&b, "\n");
    }
    rc = html_write_file(dir, "roster.csv", b.s, b.len, err);
    b.len = 0;
    sbuf_puts(&b, "agent,name,date,shift,start,end,place,meal_start,meal_end,break_minute\n");
    for (int g = 0; g < r->nagents && !rc; g++)
        for (int d = 0; d < r->ndays; d++) {
            const Assign *x = roster_at(r, g, d);
            if (x->shift < 0 || x->shift >= cfg->nshifts)
                continue;
            const ShiftTemplate *t = &cfg->shifts[x->shift];
            date_format(r->first_day + d, ds);
            hhmm(x->start_min, t0);
            hhmm(x->start_min + t->length_min, t1);
            hhmm(x->start_min + (x->meal_off_min >= 0 ? x->meal_off_min : 0), t2);
            hhmm(x->start_min + (x->meal_off_min >= 0 ? x->meal_off_min : 0) + t->meal_min, t3);
            sbuf_csv(&b, r->agents[g].id);
            sbuf_puts(&b, ",");
            sbuf_csv(&b, rr->names ? rr->names[g] : "");
            sbuf_printf(&b, ",%s,", ds);
            sbuf_csv(&b, t->name);
            sbuf_printf(&b, ",%s,%s,%s,%s,%s,%.1f\n", t0, t1, x->remote ? "remote" : "office",
                        t->meal_min > 0 ? t2 : "", t->meal_min > 0 ? t3 : "", 7.5 * x->break_slot);
        }
    if (!rc)
        rc = html_write_file(dir, "shifts.csv", b.s, b.len, err);
    b.len = 0;
    /* needed_on_duty and on_duty count as the requirement does: agents on
     * duty, whose extra breaks take their share of each hour (agents on
     * the phone x 60 / (60 - extra_break_min)); on_phone and
     * needed_on_phone are the heads on the phone, the hour's mean, meals
     * and extra breaks at their minutes. */
    double brk = cfg->extra_break_min > 0 && cfg->extra_break_min < 60 ? cfg->extra_break_min : 0, ph = (60 - brk) / 60;
    sbuf_puts(&b, "date,hour,offered,needed_on_duty,on_duty,answer_rate,service_level,needed_on_phone,on_phone\n");
    for (int t = 0; t < 24 * r->ndays && !rc; t++) {
        date_format(r->first_day + t / 24, ds);
        sbuf_printf(&b, "%s,%d,%.1f,%.2f,%.2f,", ds, t % 24, rr->offered[t], rr->need[t], rr->duty[t]);
        if (isfinite(rr->ar[t]))
            sbuf_printf(&b, "%.4f,%.4f", rr->ar[t], rr->sl[t]);
        else
            sbuf_puts(&b, ",");
        sbuf_printf(&b, ",%.2f,%.2f\n", rr->need[t] * ph, rr->duty[t] * ph);
    }
    if (!rc)
        rc = html_write_file(dir, "hours.csv", b.s, b.len, err);
    sbuf_free(&b);
    return rc;
}

static int charts(const RosterReport *rr, const char *dir, const char *script_dir, WfmErr *err)
{
    const Roster *r = rr->r;
    int lang = rr->cfg->language, nh = 24 * r->ndays, rc;
    char a[11], q0[160], q1[160];

    Plot *p = plot_open_in(dir, "coverage", script_dir, 1100, 420);
    plot_set_text(p, "title", tr(lang, "coverage_chart"));
    plot_set_text(p, "ylabel", tr(lang, "agents"));
    plot_time_axis(p, r->first_day, r->ndays, 1, "%m-%d");
    plot_cmd(p, "set key top right\nset yrange [0:*]");
    plot_begin_data(p, "c");
    for (int t = 0; t < nh; t++) {
        date_format(r->first_day + t / 24, a);
        plot_row(p, "%sT%02d %.3f %.3f", a, t % 24, rr->need[t], rr->duty[t]);
    }
    plot_end_data(p);
    plot_cmd(p, "plot $c using 1:2 with steps lw 1.5 lc rgb '#b2182b' title %s, $c using 1:3 with steps lw 1 lc rgb '#2166ac' title %s",
             plot_quote(tr(lang, "needed"), q0, sizeof q0), plot_quote(tr(lang, "rostered"), q1, sizeof q1));
    if ((rc = plot_close(p, err)))
        return rc;

    p = plot_open_in(dir, "shortfall", script_dir, 1000, 460);
    plot_set_text(p, "title", tr(lang, "shortfall_map"));
    plot_set_text(p, "xlabel", tr(lang, "day"));
    plot_set_text(p, "ylabel", tr(lang, "hour"));
    plot_cmd(p, "set yrange [-0.5:23.5]\nset ytics 0,3,23\nset xrange [0.5:%d.5]\nset xtics 1,2,%d\n"
                "set palette defined (0 '#ffffff', 1 '#fdd0a2', 2 '#f16913', 3 '#7f2704')\nset cbrange [0:*]",
             r->ndays, r->ndays);
    plot_begin_data(p, "s");
    for (int t = 0; t < nh; t++)
        plot_row(p, "%d %d %.2f", t / 24 + 1, t % 24, fmax(0, rr->need[t] - rr->duty[t]));
    plot_end_data(p);
    plot_cmd(p, "plot $s using 1:2:3 with image notitle");
    if ((rc = plot_close(p, err)))
        return rc;

    p = plot_open_in(dir, "service", script_dir, 1100, 380);
    plot_set_text(p, "title", tr(lang, "service_chart"));
    plot_time_axis(p, r->first_day, r->ndays, 1, "%m-%d");
    plot_cmd(p, "set key bottom right\nset yrange [0:105]\nset ylabel '%%'");
    plot_begin_data(p, "v");
    for (int t = 0; t < nh; t++) {
        if (!isfinite(rr->ar[t]))
            continue;
        date_format(r->first_day + t / 24, a);
        plot_row(p, "%sT%02d %.2f %.2f", a, t % 24, 100 * rr->ar[t], 100 * rr->sl[t]);
    }
    plot_end_data(p);
    plot_cmd(p, "plot $v using 1:2 with steps lw 1.5 title %s, $v using 1:3 with steps lw 1 title %s",
             plot_quote(tr(lang, "answer_rate"), q0, sizeof q0), plot_quote(tr(lang, "service_level"), q1, sizeof q1));
    return plot_close(p, err);
}

/* The fairness table per team: for each measure, mean, min, max and max - min per agent. */
static void fairness(const RosterReport *rr, SBuf *page, SBuf *csv)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    int lang = cfg->language;
    sbuf_printf(page, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                      "<th>%s</th><th>%s</th></tr>\n",
                tr(lang, "fair_team"), tr(lang, "team"), tr(lang, "agents_n"), tr(lang, "measure"), tr(lang, "fair_mean"),
                tr(lang, "fair_min"), tr(lang, "fair_max"), tr(lang, "fair_spread"));
    sbuf_puts(csv, "team,agents,measure,mean,min,max,spread\n");
    for (int tm = -1; tm < cfg->nteams; tm++) {
        int n = 0, lo[F_N], hi[F_N];
        double sum[F_N] = { 0 };
        for (int k = 0; k < F_N; k++)
            lo[k] = 1 << 30, hi[k] = -1;
        for (int g = 0; g < r->nagents; g++) {
            if (r->agents[g].team != tm)
                continue;
            int f[F_N];
            counts(cfg, r, g, f);
            n++;
            for (int k = 0; k < F_N; k++) {
                sum[k] += f[k];
                lo[k] = f[k] < lo[k] ? f[k] : lo[k];
                hi[k] = f[k] > hi[k] ? f[k] : hi[k];
            }
        }
        if (!n)
            continue;
        const char *name = tm >= 0 ? cfg->teams[tm].name : "?";
        for (int k = 0; k < F_N; k++) {
            sbuf_puts(page, "<tr><td>");
            sbuf_html(page, name);
            sbuf_printf(page, "</td><td>%d</td><td>%s</td><td>%.1f</td><td>%d</td><td>%d</td><td>%d</td></tr>\n", n,
                        tr(lang, fair_key[k]), sum[k] / n, lo[k], hi[k], hi[k] - lo[k]);
            sbuf_csv(csv, name);
            sbuf_printf(csv, ",%d,%s,%.2f,%d,%d,%d\n", n, fair_key[k], sum[k] / n, lo[k], hi[k], hi[k] - lo[k]);
        }
    }
    sbuf_puts(page, "</table>\n");
}

/* A what as the planners wrote it: off, work, a kind (in language lang)
 * or one template. */
static const char *what_name(const WfmConfig *cfg, const WfmWhat *w, int lang)
{
    static const char *const kinds[] = { "what_day", "what_evening", "what_night" };
    uint64_t all = 0, kind[3] = { 0 };
    if (w->off)
        return tr(lang, "what_off");
    for (int s = 0; s < cfg->nshifts && s < 64; s++) {
        all |= 1ull << s;
        kind[cfg->shifts[s].kind % 3] |= 1ull << s;
        if (w->shifts == 1ull << s)
            return cfg->shifts[s].name;
    }
    for (int k = 0; k < 3; k++)
        if (w->shifts == kind[k] && kind[k] != all)
            return tr(lang, kinds[k]);
    return tr(lang, "what_work");
}

/* The agents' preferences: how many were honoured, the pinned days, the
 * ones not honoured on the page and every one in preferences.csv. */
static int preferences(const RosterReport *rr, const char *dir, SBuf *page, WfmErr *err)
{
    static const char *const want_key[] = { "wanted", "unwanted", "pinned" };
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    int lang = cfg->language, asked = 0, met = 0, pins = 0, kept = 0, shown = 0;
    double cost = 0;
    char ds[11], pb[16];
    SBuf csv, missed;
    if (!r->npref)
        return 0;
    sbuf_init(&csv);
    sbuf_init(&missed);
    sbuf_puts(&csv, "agent,date,shift,want,weight,given,honoured\n");
    for (int i = 0; i < r->npref; i++) {
        const RosterPref *p = &r->pref[i];
        if (p->agent < 0 || p->agent >= r->nagents || p->day < 0 || p->day >= r->ndays)
            continue;
        const Assign *x = roster_at(r, p->agent, p->day);
        int leave = x->shift == ROSTER_LEAVE || (r->leave && r->leave[(size_t)p->agent * r->ndays + p->day]);
        int item = x->shift >= 0 && x->shift < cfg->nshifts ? x->shift : leave ? ROSTER_LEAVE : ROSTER_OFF;
        int hit = wfm_what_match(&p->what, item), ok = p->want == PREF_UNWANTED ? !hit : hit;
        const char *given = item >= 0 ? cfg->shifts[item].name : item == ROSTER_LEAVE ? "leave" : "off";
        const char *given_l = item >= 0 ? given : tr(lang, item == ROSTER_LEAVE ? "what_leave" : "what_off");
        const char *who = report_agent(cfg->name, cfg->pseudonymise, r->agents[p->agent].id, pb);
        date_format(r->first_day + p->day, ds);
        if (p->want == PREF_PINNED)
            pins++, kept += ok;
        else
            asked++, met += ok, cost += ok ? 0 : p->weight;
        sbuf_csv(&csv, who);
        sbuf_printf(&csv, ",%s,", ds);
        sbuf_csv(&csv, what_name(cfg, &p->what, LANG_EN));
        sbuf_printf(&csv, ",%s,%g,", want_key[p->want], p->weight);
        sbuf_csv(&csv, given);
        sbuf_printf(&csv, ",%d\n", ok);
        if (!ok && shown++ < 50) {
            sbuf_puts(&missed, "<tr><td>");
            sbuf_html(&missed, who);
            sbuf_printf(&missed, "</td><td>%s</td><td>%s ", ds, tr(lang, want_key[p->want]));
            sbuf_html(&missed, what_name(cfg, &p->what, lang));
            sbuf_printf(&missed, "</td><td>%g</td><td>", p->weight);
            sbuf_html(&missed, given_l);
            sbuf_puts(&missed, "</td></tr>\n");
        }
    }
    sbuf_printf(page, "<h2>%s</h2>\n<table>\n", tr(lang, "prefs_title"));
    sbuf_printf(page, "<tr><th>%s</th><td>%d / %d</td></tr>\n", tr(lang, "prefs_summary"), met, asked);
    sbuf_printf(page, "<tr><th>%s</th><td>%d / %d</td></tr>\n", tr(lang, "prefs_pinned"), kept, pins);
    sbuf_printf(page, "<tr><th>%s</th><td>%.1f</td></tr>\n</table>\n", tr(lang, "prefs_cost"), cost);
    if (shown)
        sbuf_printf(page, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n"
                          "%s</table>\n", tr(lang, "prefs_missed"), tr(lang, "agent"), tr(lang, "date"),
                    tr(lang, "asked"), tr(lang, "weight"), tr(lang, "given"), missed.s);
    int rc = html_write_file(dir, "preferences.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    sbuf_free(&missed);
    return rc;
}

/* Per queue what callers get by the simulation, beside the targets; and
 * simulation.csv (per queue and interval, means over the runs). */
static int simulated(const RosterReport *rr, const char *dir, SBuf *page, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    int lang = cfg->language, per = 1440 / rr->I, nt = rr->r->ndays * per;
    long off = 0, ans = 0, within = 0;
    char note[1024], ds[11];
    SBuf csv;
    if (!rr->sim_runs || !rr->sim)
        return 0;
    snprintf(note, sizeof note, tr(lang, "sim_note"), rr->sim_runs);
    sbuf_printf(page, "<h2>%s</h2>\n<p>", tr(lang, "sim_title"));
    sbuf_html(page, note);
    sbuf_printf(page, "</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
                tr(lang, "queue"), tr(lang, "calls"), tr(lang, "answer_rate"), tr(lang, "service_level"),
                tr(lang, "target"));
    if (rr->qshort)
        sbuf_printf(page, "<th>%s</th>", tr(lang, "queue_short"));
    sbuf_puts(page, "</tr>\n");
    for (int q = 0; q < cfg->nqueues; q++) {
        const MsimSummary *m = &rr->sim[q];
        if (m->offered <= 0)
            continue;
        sbuf_puts(page, "<tr><th>");
        sbuf_html(page, cfg->queues[q].name);
        char nb[48];
        sbuf_printf(page, "</th><td>%s</td><td%s>%.1f%% ± %.1f</td><td%s>%.1f%% ± %.1f</td><td>%.0f%% / %.0f%%</td>",
                    num_group((double)m->offered / rr->sim_runs, 0, nb), m->answer_rate < cfg->answer_rate ? " class=\"warn\"" : "",
                    100 * m->answer_rate, 100 * m->ar_half, m->sl < cfg->sl_target ? " class=\"warn\"" : "",
                    100 * m->sl, 100 * m->sl_half, 100 * cfg->answer_rate, 100 * cfg->sl_target);
        if (rr->qshort)
            sbuf_printf(page, "<td>%.1f</td>", rr->qshort[q]);
        sbuf_puts(page, "</tr>\n");
    }
    sbuf_init(&csv);
    sbuf_puts(&csv, "queue,date,time,offered,answered,abandoned,answered_within\n");
    for (int q = 0; q < cfg->nqueues && rr->sim_slots; q++)
        for (int t = 0; t < nt; t++) {
            const MsimSlot *x = &rr->sim_slots[(size_t)q * nt + t];
            off += x->offered, ans += x->answered, within += x->within;
            if (x->offered == 0)
                continue;
            date_format(rr->r->first_day + t / per, ds);
            sbuf_csv(&csv, cfg->queues[q].name);
            sbuf_printf(&csv, ",%s,%02d:%02d,%.2f,%.2f,%.2f,%.2f\n", ds, t % per * rr->I / 60, t % per * rr->I % 60,
                        (double)x->offered / rr->sim_runs, (double)x->answered / rr->sim_runs,
                        (double)x->abandoned / rr->sim_runs, (double)x->within / rr->sim_runs);
        }
    char nb[48];
    if (off > 0)
        sbuf_printf(page, "<tr><th>%s</th><td>%s</td><td>%.1f%%</td><td>%.1f%%</td><td></td>%s</tr>\n",
                    tr(lang, "sim_pooled"), num_group((double)off / rr->sim_runs, 0, nb), 100.0 * ans / off, 100.0 * within / off,
                    rr->qshort ? "<td></td>" : "");
    sbuf_puts(page, "</table>\n");
    int rc = html_write_file(dir, "simulation.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    return rc;
}

/* Per day: needed and on-duty agent-hours and the surplus over the need
 * (interval by interval); the days with the most on the page, every day in
 * days.csv. */
static int surplus(const RosterReport *rr, const char *dir, SBuf *page, WfmErr *err)
{
    const Roster *r = rr->r;
    int lang = rr->cfg->language, per = 1440 / rr->I, nd = r->ndays, order[366];
    double need[366], duty[366], over[366], under[366], f = rr->I / 60.0;
    char ds[11];
    SBuf csv;
    if (!rr->need_i || nd > 366)
        return 0;
    sbuf_init(&csv);
    sbuf_puts(&csv, "date,need_h,duty_h,surplus_h,shortfall_h\n");
    for (int d = 0; d < nd; d++) {
        need[d] = duty[d] = over[d] = under[d] = 0, order[d] = d;
        for (int t = d * per; t < (d + 1) * per; t++) {
            need[d] += f * rr->need_i[t], duty[d] += f * rr->duty_i[t];
            over[d] += f * fmax(0, rr->duty_i[t] - rr->need_i[t]), under[d] += f * fmax(0, rr->need_i[t] - rr->duty_i[t]);
        }
        date_format(r->first_day + d, ds);
        sbuf_printf(&csv, "%s,%.1f,%.1f,%.1f,%.1f\n", ds, need[d], duty[d], over[d], under[d]);
    }
    for (int i = 1; i < nd; i++)   /* most surplus first */
        for (int j = i; j > 0 && over[order[j]] > over[order[j - 1]]; j--) {
            int k = order[j];
            order[j] = order[j - 1], order[j - 1] = k;
        }
    sbuf_printf(page, "<h2>%s</h2>\n<p>%s</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                tr(lang, "surplus_title"), tr(lang, "surplus_note"), tr(lang, "date"), tr(lang, "need_h"),
                tr(lang, "duty_h"), tr(lang, "surplus_h"), tr(lang, "ratio"));
    for (int i = 0; i < nd && i < 7; i++) {
        int d = order[i];
        date_format(r->first_day + d, ds);
        char n0[48], n1[48], n2[48];
        sbuf_printf(page, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.2f</td></tr>\n", ds,
                    num_group(need[d], 0, n0), num_group(duty[d], 0, n1), num_group(over[d], 0, n2),
                    need[d] > 0 ? duty[d] / need[d] : 0);
    }
    sbuf_puts(page, "</table>\n");
    int rc = html_write_file(dir, "days.csv", csv.s, csv.len, err);
    sbuf_free(&csv);
    return rc;
}

int rep_roster(const RosterReport *rr, const char *dir, const char *script_dir, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    int lang = cfg->language, rc, nh = 24 * r->ndays;
    char title[256], a[11], b[11];
    SBuf page, csv;

    if ((rc = html_mkdir(dir, err)) || (script_dir && (rc = html_mkdir(script_dir, err))) ||
        (rc = write_csvs(rr, dir, err)) || (rc = charts(rr, dir, script_dir, err)) || (rc = rep_calendar(rr, dir, err)))
        return rc;
    double offered = 0, answered = 0, within = 0, short_h = 0;
    int empty = 0, nt = r->ndays * (1440 / rr->I);
    for (int t = 0; t < nt; t++) {   /* at the duty grid's resolution */
        short_h += fmax(0, rr->need_i[t] - rr->duty_i[t]) * rr->I / 60;
        empty += rr->need_i[t] > 1e-9 && rr->duty_i[t] < 1e-9;
    }
    for (int t = 0; t < nh; t++) {
        if (isfinite(rr->ar[t]) && rr->offered[t] > 0)
            offered += rr->offered[t], answered += rr->ar[t] * rr->offered[t], within += rr->sl[t] * rr->offered[t];
    }
    snprintf(title, sizeof title, "%s — %s", cfg->name, tr(lang, "roster_title"));
    sbuf_init(&page);
    sbuf_init(&csv);
    html_begin(&page, lang, title);
    date_format(r->first_day, a);
    date_format(r->first_day + r->ndays - 1, b);
    sbuf_printf(&page, "<table>\n<tr><th>%s</th><td>%s – %s (%s %lld)</td></tr>\n", tr(lang, "period"), a, b,
                tr(lang, "run_word"), (long long)rr->run);
    sbuf_printf(&page, "<tr><th>%s</th><td>%d</td></tr>\n", tr(lang, "agents_n"), r->nagents);
    if (rr->stats) {
        char n0[48];
        sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(lang, "objective"), num_group(rr->stats->objective, 1, n0));
        sbuf_printf(&page, "<tr><th>%s</th><td>%s</td></tr>\n", tr(lang, "lower_bound"), num_group(rr->stats->bound, 1, n0));
        sbuf_printf(&page, "<tr><th>%s</th><td>%.2f%%</td></tr>\n", tr(lang, "gap"), 100 * rr->stats->gap);
        sbuf_printf(&page, "<tr><th>%s</th><td>%.1f</td></tr>\n", tr(lang, "seconds"), rr->stats->seconds);
        sbuf_printf(&page, "<tr><th>%s</th><td>%d</td></tr>\n", tr(lang, "violations_hard"), rr->stats->violations);
    }
    sbuf_printf(&page, "<tr><th>%s</th><td>%.1f</td></tr>\n", tr(lang, "shortfall_h"), short_h);
    {
        char lbl[160];
        snprintf(lbl, sizeof lbl, tr(lang, "interval_grid"), rr->I);
        sbuf_printf(&page, "<tr><th>%s</th><td>%d</td></tr>\n", lbl, empty);
    }
    if (offered > 0) {
        sbuf_printf(&page, "<tr><th>%s</th><td>%.1f%%</td></tr>\n", tr(lang, "answer_rate"), 100 * answered / offered);
        sbuf_printf(&page, "<tr><th>%s</th><td>%.1f%%</td></tr>\n", tr(lang, "service_level"), 100 * within / offered);
    }
    sbuf_puts(&page, "</table>\n");
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"coverage.png\" alt=\"%s\">\n", tr(lang, "coverage_chart"), tr(lang, "coverage_chart"));
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"shortfall.png\" alt=\"%s\">\n", tr(lang, "shortfall_map"), tr(lang, "shortfall_map"));
    sbuf_printf(&page, "<h2>%s</h2>\n<img src=\"service.png\" alt=\"%s\">\n", tr(lang, "service_chart"), tr(lang, "service_chart"));
    if ((rc = simulated(rr, dir, &page, err)) || (rc = surplus(rr, dir, &page, err))) {
        sbuf_free(&page);
        sbuf_free(&csv);
        return rc;
    }
    fairness(rr, &page, &csv);
    rc = preferences(rr, dir, &page, err);
    sbuf_printf(&page, "<p><a href=\"calendar.html\">%s</a> · <a href=\"roster.csv\">roster.csv</a> · "
                       "<a href=\"shifts.csv\">shifts.csv</a> · <a href=\"hours.csv\">hours.csv</a> · "
                       "<a href=\"fairness.csv\">fairness.csv</a> · <a href=\"days.csv\">days.csv</a>%s%s</p>\n",
                tr(lang, "calendar"), rr->sim_runs ? " · <a href=\"simulation.csv\">simulation.csv</a>" : "",
                r->npref ? " · <a href=\"preferences.csv\">preferences.csv</a>" : "");
    html_end(&page);
    if (!rc)
        rc = html_write_file(dir, "fairness.csv", csv.s, csv.len, err);
    if (!rc)
        rc = html_write_file(dir, "index.html", page.s, page.len, err);
    sbuf_free(&page);
    sbuf_free(&csv);
    return rc;
}
