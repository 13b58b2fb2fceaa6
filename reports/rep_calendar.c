#include "rep_calendar.h"
#include "html.h"
#include "i18n.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* An agent's month in numbers. */
typedef struct Totals {
    int days, nights, weekend, remote, leave;
    double hours;   /* shifts less their meals */
} Totals;

static const char *const tot_key[6][2] = { { "t_days", "worked_days" },  { "t_hours", "hours_worked" },
                                           { "t_nights", "night_shifts" }, { "t_weekend", "weekend_days" },
                                           { "t_remote", "remote_days" },  { "t_leave", "leave_days" } };
static const char *const tot_class[6] = { "days", "hours", "nights", "weekend", "remote", "leave" };

static const ShiftTemplate *worked(const WfmConfig *cfg, const Assign *x)
{
    return x->shift >= 0 && x->shift < cfg->nshifts ? &cfg->shifts[x->shift] : NULL;
}

/* On leave that day and not working: stored as leave, or leave recorded for it. */
static int on_leave(const WfmConfig *cfg, const Roster *r, int g, int d)
{
    const Assign *x = roster_at(r, g, d);
    return !worked(cfg, x) && (x->shift == ROSTER_LEAVE || (r->leave && r->leave[(size_t)g * r->ndays + d]));
}

static void totals(const WfmConfig *cfg, const Roster *r, int g, Totals *t)
{
    memset(t, 0, sizeof *t);
    for (int d = 0; d < r->ndays; d++) {
        const Assign *x = roster_at(r, g, d);
        const ShiftTemplate *s = worked(cfg, x);
        if (!s) {
            t->leave += on_leave(cfg, r, g, d);
            continue;
        }
        t->days++;
        t->hours += (s->length_min - s->meal_min) / 60.0;
        t->nights += s->kind == SHIFT_NIGHT;
        t->weekend += cal_day_type(&cfg->holidays, r->first_day + d) != DT_WEEKDAY;
        t->remote += x->remote != 0;
    }
}

static void hhmm(int m, char buf[8])
{
    m = ((m % 1440) + 1440) % 1440;
    snprintf(buf, 8, "%02d:%02d", m / 60, m % 60);
}

/* The shading class of a day: "hol" (Sunday or holiday), "sat" or "". */
static const char *day_class(const WfmConfig *cfg, int day)
{
    int t = cal_day_type(&cfg->holidays, day);
    return t == DT_SUNHOL ? "hol" : t == DT_SATURDAY ? "sat" : "";
}

static const char *kind_name(int lang, int kind)
{
    return tr(lang, kind == SHIFT_NIGHT ? "night" : kind == SHIFT_EVENING ? "evening" : "day_shift");
}

static const char *name_of(const RosterReport *rr, int g)
{
    return rr->names ? rr->names[g] : "";
}

/* "id name" as text (escaped where it is used). */
static void who_text(SBuf *b, const RosterReport *rr, int g)
{
    sbuf_puts(b, rr->r->agents[g].id);
    if (*name_of(rr, g))
        sbuf_printf(b, " %s", name_of(rr, g));
}

/* Is agent g in team (-1: no known team)? */
static int in_team(const WfmConfig *cfg, const RosterAgent *ag, int team)
{
    return ag->team == team || (team == -1 && ag->team >= cfg->nteams);
}

static void hours_text(double h, char buf[48])
{
    num_group(h, h == (double)(long)h ? 0 : 1, buf);
}

static void total_cells(SBuf *b, const Totals *t)
{
    char n[48];
    int v[6] = { t->days, 0, t->nights, t->weekend, t->remote, t->leave };
    for (int k = 0; k < 6; k++) {
        if (k == 1)
            hours_text(t->hours, n);
        else
            num_group(v[k], 0, n);
        sbuf_printf(b, "<td class=\"tot %s\">%s</td>", tot_class[k], n);
    }
}

static const char css[] =
    "<style>\n"
    "body{margin:.6em}\n"
    "h1{font-size:1.4em;margin:.2em 0 .4em}\n"
    ".nav{margin:.3em 0}\n"
    "table.cal{font-size:11px;margin:.5em 0}\n"
    "table.cal td,table.cal th{padding:1px 1px;text-align:center;white-space:nowrap;border-color:#d0d0d0}\n"
    "table.cal td{min-width:1.4em}\n"
    "table.cal th.who{text-align:left;font-weight:normal;background:#fff}\n"
    "table.cal tr.team th{background:#555;color:#fff;text-align:left;font-weight:bold}\n"
    ".sat{background:#e4eefb}\n.hol{background:#fbe4e4}\n"
    "th.sat{color:#1f5fa8}\nth.hol{color:#c0392b}\n"
    ".k0{color:#08519c}\n.k1{color:#a63603;font-weight:bold}\n.k2{color:#54278f;font-weight:bold}\n"
    "td.lv{background:#e2e2e2;color:#555}\n"
    "td.tot{background:#f7f7f7;text-align:right}\n"
    "table.month{table-layout:fixed;width:100%;max-width:70em}\n"
    "table.month th{text-align:center}\n"
    "table.totals td{text-align:center}\n"
    "table.month td{vertical-align:top;text-align:left;height:4.2em;font-size:13px}\n"
    "table.month td.out{background:#fafafa}\n"
    ".dn{font-weight:bold}\n.sh{font-size:15px}\n.small{color:#555;font-size:11px}\n"
    "@page{size:A4 landscape;margin:8mm}\n"
    "@media print{\n"
    " *{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    " body{margin:0;font-size:10px}\n h1{font-size:13px;margin:0 0 2px}\n .nav{display:none}\n"
    " table.cal{font-size:7px;margin:0}\n table.cal td,table.cal th{padding:0 1px}\n"
    " tr{break-inside:avoid}\n thead{display:table-header-group}\n"
    " tfoot{display:table-row-group}\n"
    " table.month{max-width:none}\n table.month td{height:3.6em;font-size:10px}\n .sh{font-size:12px}\n"
    "}\n"
    "</style>\n";

/* The templates with their times: a table, and the note on shading. */
static void legend(SBuf *b, const WfmConfig *cfg, int lang)
{
    char t0[8], t1[8], n[48];
    sbuf_printf(b, "<h2>%s</h2>\n<table class=\"legend\">\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                tr(lang, "cal_legend"), tr(lang, "cal_code"), tr(lang, "cal_kind"), tr(lang, "cal_time"),
                tr(lang, "cal_meal"), tr(lang, "cal_paid"));
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        hhmm(t->start_min, t0);
        hhmm(t->start_min + t->length_min, t1);
        sbuf_printf(b, "<tr><th class=\"k%d\">", t->kind);
        sbuf_html(b, t->name);
        sbuf_printf(b, "</th><td>%s</td><td>%s–%s</td><td>%s</td>", kind_name(lang, t->kind), t0, t1,
                    num_group(t->meal_min, 0, n));
        hours_text((t->length_min - t->meal_min) / 60.0, n);
        sbuf_printf(b, "<td>%s</td></tr>\n", n);
    }
    sbuf_printf(b, "</table>\n<p class=\"small\">%s</p>\n", tr(lang, "cal_note"));
}

static void title_of(SBuf *b, const RosterReport *rr, const char *what)
{
    char a[11], z[11];
    date_format(rr->r->first_day, a);
    date_format(rr->r->first_day + rr->r->ndays - 1, z);
    sbuf_printf(b, "%s — %s %s – %s", rr->cfg->name, what, a, z);
}

static int grid(const RosterReport *rr, const char *dir, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    int lang = cfg->language, nd = r->ndays, rc;
    SBuf b, title, who;
    char n[48];
    sbuf_init(&b);
    sbuf_init(&title);
    sbuf_init(&who);
    title_of(&title, rr, tr(lang, "calendar"));
    html_begin(&b, lang, title.s);
    sbuf_puts(&b, css);
    sbuf_printf(&b, "<p class=\"nav\"><a href=\"index.html\">← %s</a></p>\n", tr(lang, "cal_back"));
    sbuf_printf(&b, "<table class=\"cal\">\n<thead>\n<tr><th class=\"who\" rowspan=\"2\">%s</th>", tr(lang, "agent"));
    for (int d = 0; d < nd; d++) {
        int y, m, dd;
        date_to_ymd(r->first_day + d, &y, &m, &dd);
        sbuf_printf(&b, "<th class=\"%s\"%s%s%s>%d</th>", day_class(cfg, r->first_day + d),
                    cal_is_holiday(&cfg->holidays, r->first_day + d) ? " title=\"" : "",
                    cal_is_holiday(&cfg->holidays, r->first_day + d) ? tr(lang, "holiday") : "",
                    cal_is_holiday(&cfg->holidays, r->first_day + d) ? "\"" : "", dd);
    }
    sbuf_printf(&b, "<th colspan=\"6\">%s</th></tr>\n<tr>", tr(lang, "cal_totals"));
    for (int d = 0; d < nd; d++) {
        char key[4];
        snprintf(key, sizeof key, "wd%d", date_weekday(r->first_day + d));
        sbuf_printf(&b, "<th class=\"%s\">%s</th>", day_class(cfg, r->first_day + d), tr(lang, key));
    }
    for (int k = 0; k < 6; k++)
        sbuf_printf(&b, "<th title=\"%s\">%s</th>", tr(lang, tot_key[k][1]), tr(lang, tot_key[k][0]));
    sbuf_puts(&b, "</tr>\n</thead>\n");
    /* Teams in the configuration's order, agents without a known team last. */
    for (int tm = 0; tm <= cfg->nteams; tm++) {
        int team = tm < cfg->nteams ? tm : -1, count = 0;
        for (int g = 0; g < r->nagents; g++)
            count += in_team(cfg, &r->agents[g], team);
        if (!count)
            continue;
        sbuf_printf(&b, "<tbody>\n<tr class=\"team\"><th colspan=\"%d\">%s: ", nd + 7, tr(lang, "team"));
        sbuf_html(&b, team >= 0 ? cfg->teams[team].name : "?");
        sbuf_printf(&b, " (%s)</th></tr>\n", num_group(count, 0, n));
        for (int g = 0; g < r->nagents; g++) {
            if (!in_team(cfg, &r->agents[g], team))
                continue;
            Totals t;
            totals(cfg, r, g, &t);
            sbuf_printf(&b, "<tr id=\"a%d\"><th class=\"who\"><a href=\"agent_%d.html\">", g, g);
            who.len = 0, who.s[0] = 0;
            who_text(&who, rr, g);
            sbuf_html(&b, who.s);
            sbuf_puts(&b, "</a></th>");
            for (int d = 0; d < nd; d++) {
                const Assign *x = roster_at(r, g, d);
                const ShiftTemplate *s = worked(cfg, x);
                const char *dc = day_class(cfg, r->first_day + d);
                if (s) {
                    sbuf_printf(&b, "<td class=\"%s%sk%d\">", dc, *dc ? " " : "", s->kind);
                    sbuf_html(&b, s->name);
                    sbuf_puts(&b, x->remote ? "*</td>" : "</td>");
                } else if (on_leave(cfg, r, g, d))
                    sbuf_printf(&b, "<td class=\"lv\">%s</td>", tr(lang, "leave"));
                else
                    sbuf_printf(&b, "<td class=\"%s\"></td>", dc);
            }
            total_cells(&b, &t);
            sbuf_puts(&b, "</tr>\n");
        }
        sbuf_puts(&b, "</tbody>\n");
    }
    /* Agents working each day. */
    sbuf_printf(&b, "<tfoot><tr><th class=\"who\">%s</th>", tr(lang, "on_duty"));
    for (int d = 0; d < nd; d++) {
        int k = 0;
        for (int g = 0; g < r->nagents; g++)
            k += worked(cfg, roster_at(r, g, d)) != NULL;
        sbuf_printf(&b, "<td class=\"%s\">%s</td>", day_class(cfg, r->first_day + d), num_group(k, 0, n));
    }
    sbuf_puts(&b, "<td colspan=\"6\"></td></tr></tfoot>\n</table>\n");
    legend(&b, cfg, lang);
    html_end(&b);
    rc = html_write_file(dir, "calendar.html", b.s, b.len, err);
    sbuf_free(&b);
    sbuf_free(&title);
    sbuf_free(&who);
    return rc;
}

static int agent_page(const RosterReport *rr, int g, const char *dir, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    const RosterAgent *ag = &r->agents[g];
    int lang = cfg->language, nd = r->ndays, rc;
    char file[40], t0[8], t1[8];
    SBuf b, title, who;
    Totals t;
    sbuf_init(&b);
    sbuf_init(&title);
    sbuf_init(&who);
    who_text(&who, rr, g);
    title_of(&title, rr, who.s);
    html_begin(&b, lang, title.s);
    sbuf_puts(&b, css);
    sbuf_printf(&b, "<p class=\"nav\"><a href=\"calendar.html#a%d\">← %s</a> · <a href=\"index.html\">%s</a> · "
                    "<a href=\"agent_%d.ics\">%s</a>",
                g, tr(lang, "cal_grid"), tr(lang, "cal_back"), g, tr(lang, "cal_ics"));
    if (g > 0)
        sbuf_printf(&b, " · <a href=\"agent_%d.html\">%s</a>", g - 1, tr(lang, "cal_prev"));
    if (g + 1 < r->nagents)
        sbuf_printf(&b, " · <a href=\"agent_%d.html\">%s</a>", g + 1, tr(lang, "cal_next"));
    sbuf_printf(&b, "</p>\n<table>\n<tr><th>%s</th><td>", tr(lang, "agent_id"));
    sbuf_html(&b, ag->id);
    sbuf_printf(&b, "</td></tr>\n<tr><th>%s</th><td>", tr(lang, "name"));
    sbuf_html(&b, name_of(rr, g));
    sbuf_printf(&b, "</td></tr>\n<tr><th>%s</th><td>", tr(lang, "team"));
    sbuf_html(&b, ag->team >= 0 && ag->team < cfg->nteams ? cfg->teams[ag->team].name : "?");
    sbuf_puts(&b, "</td></tr>\n</table>\n");

    /* The month, a week a row, Monday first. */
    sbuf_printf(&b, "<h2>%s</h2>\n<table class=\"month\">\n<tr>", tr(lang, "cal_month"));
    for (int w = 0; w < 7; w++) {
        char key[4];
        snprintf(key, sizeof key, "wd%d", w);
        sbuf_printf(&b, "<th class=\"%s\">%s</th>", w == WD_SAT ? "sat" : w == WD_SUN ? "hol" : "", tr(lang, key));
    }
    sbuf_puts(&b, "</tr>\n");
    int lead = date_weekday(r->first_day), cells = (lead + nd + 6) / 7 * 7;
    for (int c = 0; c < cells; c++) {
        int d = c - lead;
        if (c % 7 == 0)
            sbuf_puts(&b, "<tr>");
        if (d < 0 || d >= nd) {
            sbuf_puts(&b, "<td class=\"out\"></td>");
        } else {
            int day = r->first_day + d, y, m, dd;
            const Assign *x = roster_at(r, g, d);
            const ShiftTemplate *s = worked(cfg, x);
            date_to_ymd(day, &y, &m, &dd);
            sbuf_printf(&b, "<td class=\"%s\"><div class=\"dn\">%d%s%s</div>", day_class(cfg, day), dd,
                        cal_is_holiday(&cfg->holidays, day) ? " " : "",
                        cal_is_holiday(&cfg->holidays, day) ? tr(lang, "holiday") : "");
            if (s) {
                hhmm(x->start_min, t0);
                hhmm(x->start_min + s->length_min, t1);
                sbuf_printf(&b, "<div class=\"sh k%d\">", s->kind);
                sbuf_html(&b, s->name);
                sbuf_printf(&b, "%s</div><div>%s–%s</div>", x->remote ? "*" : "", t0, t1);
                if (s->meal_min > 0 && x->meal_off_min >= 0) {
                    hhmm(x->start_min + x->meal_off_min, t0);
                    hhmm(x->start_min + x->meal_off_min + s->meal_min, t1);
                    sbuf_printf(&b, "<div class=\"small\">%s %s–%s</div>", tr(lang, "meal_word"), t0, t1);
                }
                if (x->remote)
                    sbuf_printf(&b, "<div class=\"small\">%s</div>", tr(lang, "remote_word"));
            } else if (on_leave(cfg, r, g, d))
                sbuf_printf(&b, "<div>%s</div>", tr(lang, "leave"));
            sbuf_puts(&b, "</td>");
        }
        if (c % 7 == 6)
            sbuf_puts(&b, "</tr>\n");
    }
    sbuf_puts(&b, "</table>\n");

    totals(cfg, r, g, &t);
    sbuf_printf(&b, "<h2>%s</h2>\n<table class=\"totals\">\n<tr>", tr(lang, "cal_totals"));
    for (int k = 0; k < 6; k++)
        sbuf_printf(&b, "<th>%s</th>", tr(lang, tot_key[k][1]));
    sbuf_puts(&b, "</tr>\n<tr>");
    total_cells(&b, &t);
    sbuf_puts(&b, "</tr>\n</table>\n");
    legend(&b, cfg, lang);
    html_end(&b);
    snprintf(file, sizeof file, "agent_%d.html", g);
    rc = html_write_file(dir, file, b.s, b.len, err);
    sbuf_free(&b);
    sbuf_free(&title);
    sbuf_free(&who);
    return rc;
}

/* ---- iCalendar (RFC 5545) ------------------------------------------------ */

/* Appends s as a TEXT value: backslash, semicolon and comma escaped, a line
 * feed as \n, other control characters dropped. */
static void ics_text(SBuf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',') {
            char e[2] = { '\\', (char)*p };
            sbuf_add(b, e, 2);
        } else if (*p == '\n')
            sbuf_puts(b, "\\n");
        else if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            continue;
        else
            sbuf_add(b, (const char *)p, 1);
    }
}

/* Appends one content line, folded so no line is longer than 75 octets
 * (a fold is CRLF and a space), never inside a UTF-8 character, and ended
 * by CRLF. */
static void ics_line(SBuf *out, const char *line)
{
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)line; *p;) {
        size_t n = 1;
        while (p[n] && (p[n] & 0xc0) == 0x80 && n < 4)
            n++;
        if (col + n > 75) {
            sbuf_puts(out, "\r\n ");
            col = 1;
        }
        sbuf_add(out, (const char *)p, n);
        col += n, p += n;
    }
    sbuf_puts(out, "\r\n");
}

/* Day number and minute (may run past midnight) as YYYYMMDDTHHMMSS. */
static void ics_time(int day, int min, char buf[32])
{
    int y, m, d, q = min >= 0 ? min / 1440 : -((1439 - min) / 1440);
    min -= 1440 * q;
    date_to_ymd(day + q, &y, &m, &d);
    snprintf(buf, 32, "%04d%02d%02dT%02d%02d00", y, m, d, min / 60, min % 60);
}

static int agent_ics(const RosterReport *rr, int g, const char *dir, const char *stamp, WfmErr *err)
{
    const WfmConfig *cfg = rr->cfg;
    const Roster *r = rr->r;
    const RosterAgent *ag = &r->agents[g];
    int lang = cfg->language, seoul = strcmp(cfg->timezone, "Asia/Seoul") == 0, rc;
    char file[40], uid[16], t0[32], t1[32], h0[8], h1[8];
    SBuf b, l, who;
    sbuf_init(&b);
    sbuf_init(&l);
    sbuf_init(&who);
    who_text(&who, rr, g);
    /* A stable code for the agent: a later run's file updates the same events. */
    report_agent(cfg->name, 1, ag->id, uid);
    sbuf_puts(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//wfm//roster//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    sbuf_puts(&l, "X-WR-CALNAME:");
    ics_text(&l, cfg->name);
    sbuf_puts(&l, " — ");
    ics_text(&l, who.s);
    ics_line(&b, l.s);
    /* Times are the center's: Asia/Seoul (KST, UTC+9 all year since 1988)
     * with its VTIMEZONE, or floating (local) time for another zone. */
    if (seoul)
        sbuf_puts(&b, "X-WR-TIMEZONE:Asia/Seoul\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\nBEGIN:STANDARD\r\n"
                      "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:KST\r\n"
                      "END:STANDARD\r\nEND:VTIMEZONE\r\n");
    for (int d = 0; d < r->ndays; d++) {
        const Assign *x = roster_at(r, g, d);
        const ShiftTemplate *s = worked(cfg, x);
        int day = r->first_day + d, leave = !s && on_leave(cfg, r, g, d);
        if (!s && !leave)
            continue;
        char ds[11];
        date_format(day, ds);
        sbuf_printf(&b, "BEGIN:VEVENT\r\nUID:%.4s%.2s%.2s-%s@wfm\r\nDTSTAMP:%s\r\nSEQUENCE:%lld\r\n", ds, ds + 5,
                    ds + 8, uid, stamp, (long long)(rr->run > 0 ? rr->run : 0));
        if (s) {
            ics_time(day, x->start_min, t0);
            ics_time(day, x->start_min + s->length_min, t1);
            sbuf_printf(&b, "DTSTART%s:%s\r\nDTEND%s:%s\r\n", seoul ? ";TZID=Asia/Seoul" : "", t0,
                        seoul ? ";TZID=Asia/Seoul" : "", t1);
        } else {
            ics_time(day, 0, t0);
            ics_time(day + 1, 0, t1);
            sbuf_printf(&b, "DTSTART;VALUE=DATE:%.8s\r\nDTEND;VALUE=DATE:%.8s\r\nTRANSP:TRANSPARENT\r\n", t0, t1);
        }
        l.len = 0, l.s[0] = 0;
        sbuf_puts(&l, "SUMMARY:");
        if (s) {
            ics_text(&l, tr(lang, "shift_word"));
            sbuf_puts(&l, " ");
            ics_text(&l, s->name);
            if (x->remote) {
                sbuf_puts(&l, " (");
                ics_text(&l, tr(lang, "remote_word"));
                sbuf_puts(&l, ")");
            }
        } else
            ics_text(&l, tr(lang, "leave"));
        ics_line(&b, l.s);
        l.len = 0, l.s[0] = 0;
        sbuf_puts(&l, "DESCRIPTION:");
        ics_text(&l, cfg->name);
        sbuf_puts(&l, "\\n");
        ics_text(&l, who.s);
        if (s && s->meal_min > 0 && x->meal_off_min >= 0) {
            hhmm(x->start_min + x->meal_off_min, h0);
            hhmm(x->start_min + x->meal_off_min + s->meal_min, h1);
            sbuf_puts(&l, "\\n");
            ics_text(&l, tr(lang, "meal_word"));
            sbuf_printf(&l, " %s–%s", h0, h1);
        }
        if (s) {
            char bm[16], text[160];
            snprintf(bm, sizeof bm, "%g", 7.5 * x->break_slot);
            snprintf(text, sizeof text, tr(lang, "break_word"), bm);
            sbuf_puts(&l, "\\n");
            ics_text(&l, text);
        }
        ics_line(&b, l.s);
        sbuf_puts(&b, "END:VEVENT\r\n");
    }
    sbuf_puts(&b, "END:VCALENDAR\r\n");
    snprintf(file, sizeof file, "agent_%d.ics", g);
    rc = html_write_file(dir, file, b.s, b.len, err);
    sbuf_free(&b);
    sbuf_free(&l);
    sbuf_free(&who);
    return rc;
}

int rep_calendar(const RosterReport *rr, const char *dir, WfmErr *err)
{
    int rc = grid(rr, dir, err);
    char stamp[40];
    long long now = rr->stamp ? (long long)rr->stamp : (long long)time(NULL);
    int sec = (int)((now % 86400 + 86400) % 86400), y, m, d;
    date_to_ymd((int)((now - sec) / 86400), &y, &m, &d);
    snprintf(stamp, sizeof stamp, "%04d%02d%02dT%02d%02d%02dZ", y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
    for (int g = 0; g < rr->r->nagents && !rc; g++)
        if (!(rc = agent_page(rr, g, dir, err)))
            rc = agent_ics(rr, g, dir, stamp, err);
    return rc;
}
