/*
 * test_calendar.c - the roster's calendar (reports/rep_calendar.c): a small
 * month built by hand, its grid, agent pages and iCalendar files read back
 * and checked against what the test counts from the roster itself - the
 * weekday of each day by Zeller's rule, not the library's date code, the
 * holidays from the test's own list, the totals by a loop of its own.
 */
#include "helpers.h"

#include "../core/alloc.h"
#include "../core/date.h"
#include "../reports/rep_calendar.h"

enum { ND = 31, CARRY = 2, NA = 4 };

/* Hostile, and long enough in UTF-8 to be folded in a .ics file. */
static const char *const NAMES[NA] = { "Kim, \"Min\"; <script>alert(1)</script> \\ 김민준 한국어", "", "이서연\n2",
                                       "Lee & <b>Park</b> 박지성박지성박지성박지성박지성" };
static const char *const IDS[NA] = { "A1", "B<2>", "C;3,\\", "D4" };
static const int HOLIDAYS[] = { 1, 17 };   /* March 1st and 17th, 2021 (the 17th for the test) */

typedef struct Fixture {
    WfmConfig *cfg;
    RosterAgent ag[NA];
    Assign a[NA * (CARRY + ND)];
    unsigned char leave[NA * ND];
    char names[NA][64];
    Roster r;
    RosterReport rr;
    char *dir;
} Fixture;

/* Zeller's congruence: 0 = Monday ... 6 = Sunday. */
static int zeller(int y, int m, int d)
{
    if (m < 3)
        m += 12, y--;
    int h = (d + 13 * (m + 1) / 5 + y % 100 + y % 100 / 4 + y / 100 / 4 + 5 * (y / 100)) % 7; /* 0 = Saturday */
    return (h + 5) % 7;
}

static int is_holiday(int d)
{
    for (size_t i = 0; i < sizeof HOLIDAYS / sizeof HOLIDAYS[0]; i++)
        if (HOLIDAYS[i] == d + 1)
            return 1;
    return 0;
}

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

static void shift(WfmConfig *c, const char *name, int kind, int start, int len, int meal)
{
    ShiftTemplate *t = &c->shifts[c->nshifts++];
    snprintf(t->name, sizeof t->name, "%s", name);
    t->kind = kind, t->start_min = start, t->length_min = len, t->meal_min = meal;
    t->meal_from_min = 120, t->meal_to_min = 240, t->days = RUN_ALL, t->remote_ok = 1;
}

static Fixture *fixture(int lang)
{
    Fixture *f = xcalloc(1, sizeof *f);
    WfmConfig *c = f->cfg = xcalloc(1, sizeof *c);
    snprintf(c->name, sizeof c->name, "Center <i>,;\\");
    snprintf(c->timezone, sizeof c->timezone, "Asia/Seoul");
    c->language = lang;
    c->pseudonymise = 1;   /* the calendar names agents all the same */
    shift(c, "D07", SHIFT_DAY, 7 * 60, 540, 60);
    shift(c, "E18", SHIFT_EVENING, 18 * 60, 420, 30);
    shift(c, "N01", SHIFT_NIGHT, 60, 420, 30);
    snprintf(c->teams[0].name, sizeof c->teams[0].name, "day");
    snprintf(c->teams[1].name, sizeof c->teams[1].name, "night<b>");
    c->nteams = 2;
    int *h = xmalloc(sizeof HOLIDAYS);
    for (size_t i = 0; i < sizeof HOLIDAYS / sizeof HOLIDAYS[0]; i++)
        h[i] = date_from_ymd(2021, 3, HOLIDAYS[i]);
    cal_init(&c->holidays, h, sizeof HOLIDAYS / sizeof HOLIDAYS[0]);
    unsigned seed = 7;
    for (int g = 0; g < NA; g++) {
        snprintf(f->ag[g].id, sizeof f->ag[g].id, "%s", IDS[g]);
        snprintf(f->names[g], sizeof f->names[g], "%s", NAMES[g]);
        f->ag[g].team = g == 3 ? -1 : g % 2;   /* the last agent's team is unknown */
        for (int d = -CARRY; d < ND; d++) {
            Assign *x = &f->a[g * (CARRY + ND) + CARRY + d];
            int k = (int)(lcg(&seed) % 6);
            x->shift = k < 3 ? k : k == 3 ? ROSTER_LEAVE : ROSTER_OFF;
            x->start_min = x->shift >= 0 ? c->shifts[x->shift].start_min + 30 * (int)(lcg(&seed) % 2) : 0;
            x->meal_off_min = 150;
            x->remote = x->shift >= 0 && lcg(&seed) % 3 == 0;
            x->break_slot = (int)(lcg(&seed) % 8);
            if (d >= 0 && x->shift == ROSTER_OFF && lcg(&seed) % 4 == 0)
                f->leave[g * ND + d] = 1;   /* leave recorded, the day stored as off */
        }
    }
    f->r = (Roster){ date_from_ymd(2021, 3, 1), ND, CARRY, NA, f->ag, f->a, f->leave, NULL, 0, 0 };
    memset(&f->rr, 0, sizeof f->rr);
    f->rr.cfg = c, f->rr.r = &f->r, f->rr.run = 42, f->rr.I = 30;
    f->rr.names = (const char (*)[64])f->names;
    f->rr.stamp = 1614556800;   /* 2021-03-01 00:00:00 UTC */
    f->dir = tmp_dir();
    return f;
}

static void fixture_free(Fixture *f)
{
    rm_tree(f->dir);
    cal_free(&f->cfg->holidays);
    free(f->cfg);
    free(f);
}

static char *file(const Fixture *f, const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    char *s = read_file(path, NULL);
    if (!s)
        fail_msg("no file '%s'", name);
    return s;
}

/* The text from the first `from` after `at` to the next `to`, as a new string. */
static char *between(const char *s, const char *from, const char *to)
{
    const char *a = strstr(s, from);
    assert_non_null(a);
    a += strlen(from);
    const char *b = strstr(a, to);
    assert_non_null(b);
    char *o = xmalloc((size_t)(b - a) + 1);
    memcpy(o, a, (size_t)(b - a));
    o[b - a] = 0;
    return o;
}

static double total_in(const char *row, const char *cls)
{
    char key[64];
    snprintf(key, sizeof key, "class=\"tot %s\">", cls);
    const char *p = strstr(row, key);
    assert_non_null(p);
    return strtod(p + strlen(key), NULL);
}

/* The test's own count of agent g's month. */
static void count(const Fixture *f, int g, double t[6])
{
    memset(t, 0, sizeof(double) * 6);
    for (int d = 0; d < ND; d++) {
        const Assign *x = &f->a[g * (CARRY + ND) + CARRY + d];
        if (x->shift < 0) {
            t[5] += x->shift == ROSTER_LEAVE || f->leave[g * ND + d];
            continue;
        }
        const ShiftTemplate *s = &f->cfg->shifts[x->shift];
        int wd = zeller(2021, 3, d + 1);
        t[0] += 1;
        t[1] += (s->length_min - s->meal_min) / 60.0;
        t[2] += x->shift == 2;
        t[3] += wd >= 5 || is_holiday(d);
        t[4] += x->remote != 0;
    }
}

static const char *const CLS[6] = { "days", "hours", "nights", "weekend", "remote", "leave" };

static void test_grid(void **state)
{
    (void)state;
    static const char *const wd_en[7] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
    Fixture *f = fixture(LANG_EN);
    WfmErr err = { 0 };
    assert_int_equal(rep_calendar(&f->rr, f->dir, &err), 0);
    char *s = file(f, "calendar.html");
    /* The weekday row: each day's name and shading, in order. */
    char *head = between(s, "<thead>", "</thead>");
    char *row2 = between(strstr(head, "</tr>"), "<tr>", "</tr>");
    const char *p = row2;
    for (int d = 0; d < ND; d++) {
        int wd = zeller(2021, 3, d + 1);
        char want[80];
        snprintf(want, sizeof want, "<th class=\"%s\">%s</th>", is_holiday(d) || wd == 6 ? "hol" : wd == 5 ? "sat" : "",
                 wd_en[wd]);
        assert_true(strncmp(p, want, strlen(want)) == 0);
        p += strlen(want);
    }
    /* Holidays shaded in every row: March 1st and 17th are weekdays. */
    assert_int_equal(zeller(2021, 3, 17), 2);
    assert_non_null(strstr(head, "<th class=\"hol\" title=\"Holiday\">17</th>"));
    assert_non_null(strstr(head, "<th class=\"\">16</th>"));
    /* Every agent's row: a link to his page, the holiday's cell shaded, totals as counted here. */
    for (int g = 0; g < NA; g++) {
        char id[64], *row;
        double t[6];
        snprintf(id, sizeof id, "<tr id=\"a%d\">", g);
        row = between(s, id, "</tr>");
        snprintf(id, sizeof id, "<a href=\"agent_%d.html\">", g);
        assert_non_null(strstr(row, id));
        /* the 17th is the 17th day cell */
        const char *c = strstr(row, "</th>");
        for (int d = 0; d < 17; d++)
            c = strstr(c + 1, "<td class=\"");
        const Assign *x = &f->a[g * (CARRY + ND) + CARRY + 16];
        if (x->shift >= 0 || !(x->shift == ROSTER_LEAVE || f->leave[g * ND + 16]))
            assert_true(strncmp(c, "<td class=\"hol", 14) == 0);
        else
            assert_true(strncmp(c, "<td class=\"lv\"", 14) == 0);
        count(f, g, t);
        for (int k = 0; k < 6; k++)
            assert_close(total_in(row, CLS[k]), t[k], 0.05);
        free(row);
    }
    /* Teams grouped, the unknown team last; the legend with the templates' times. */
    const char *day = strstr(s, "Team: day (2)"), *night = strstr(s, "Team: night&lt;b&gt; (1)"), *none = strstr(s, "Team: ? (1)");
    const char *a0 = strstr(s, "<tr id=\"a0\">"), *a1 = strstr(s, "<tr id=\"a1\">"), *a2 = strstr(s, "<tr id=\"a2\">"),
               *a3 = strstr(s, "<tr id=\"a3\">");
    assert_true(day && night && none && a0 && a1 && a2 && a3);
    assert_true(day < a0 && a0 < a2 && a2 < night && night < a1 && a1 < none && none < a3);
    assert_non_null(strstr(s, "E18</th><td>Evening</td><td>18:00–01:00</td><td>30</td><td>6.5</td>"));
    assert_non_null(strstr(s, "N01</th><td>Night</td><td>01:00–08:00</td>"));
    assert_non_null(strstr(s, "<a href=\"index.html\">"));
    assert_non_null(strstr(s, "@page{size:A4 landscape"));
    /* Hostile values escaped. */
    assert_null(strstr(s, "<script>"));
    assert_null(strstr(s, "<b>"));
    assert_non_null(strstr(s, "A1 Kim, &quot;Min&quot;; &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(s, "B&lt;2&gt;</a>"));
    free(row2), free(head), free(s);
    fixture_free(f);
}

static void test_agent_page(void **state)
{
    (void)state;
    Fixture *f = fixture(LANG_KO);
    WfmErr err = { 0 };
    assert_int_equal(rep_calendar(&f->rr, f->dir, &err), 0);
    for (int g = 0; g < NA; g++) {
        char name[32], want[200];
        double t[6];
        snprintf(name, sizeof name, "agent_%d.html", g);
        char *s = file(f, name);
        count(f, g, t);
        for (int k = 0; k < 6; k++)
            assert_close(total_in(s, CLS[k]), t[k], 0.05);
        snprintf(want, sizeof want, "href=\"calendar.html#a%d\"", g);
        assert_non_null(strstr(s, want));
        snprintf(want, sizeof want, "href=\"agent_%d.ics\"", g);
        assert_non_null(strstr(s, want));
        assert_non_null(strstr(s, "href=\"index.html\""));
        assert_int_equal(strstr(s, "이전 상담사") != NULL, g > 0);
        assert_int_equal(strstr(s, "다음 상담사") != NULL, g < NA - 1);
        /* Monday first; March 2021 starts on a Monday and a holiday. */
        assert_non_null(strstr(s, "<th class=\"\">월</th>"));
        assert_non_null(strstr(s, "<td class=\"hol\"><div class=\"dn\">1 공휴일</div>"));
        /* Each worked day's actual times. */
        for (int d = 0; d < ND; d++) {
            const Assign *x = &f->a[g * (CARRY + ND) + CARRY + d];
            if (x->shift < 0)
                continue;
            int a = x->start_min, b = (a + f->cfg->shifts[x->shift].length_min) % 1440;
            snprintf(want, sizeof want, ">%d%s</div><div class=\"sh k%d\">%s%s</div><div>%02d:%02d–%02d:%02d</div>",
                     d + 1, is_holiday(d) ? " 공휴일" : "", f->cfg->shifts[x->shift].kind, f->cfg->shifts[x->shift].name,
                     x->remote ? "*" : "", a / 60, a % 60, b / 60, b % 60);
            assert_non_null(strstr(s, want));
        }
        assert_null(strstr(s, "<script>"));
        assert_null(strstr(s, "<b>"));
        free(s);
    }
    fixture_free(f);
}

/* Undoes the folding of a .ics text. */
static char *unfold(const char *s)
{
    char *o = xmalloc(strlen(s) + 1), *q = o;
    for (const char *p = s; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        *q++ = *p;
    }
    *q = 0;
    return o;
}

static void test_ics(void **state)
{
    (void)state;
    Fixture *f = fixture(LANG_EN);
    WfmErr err = { 0 };
    assert_int_equal(rep_calendar(&f->rr, f->dir, &err), 0);
    for (int g = 0; g < NA; g++) {
        char name[32], want[160];
        size_t len = 0;
        snprintf(name, sizeof name, "agent_%d.ics", g);
        char *s = file(f, name);
        len = strlen(s);
        /* CRLF line ends, at most 75 octets a line, no UTF-8 character cut by a fold. */
        size_t start = 0, longest = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\n') {
                assert_true(i > 0 && s[i - 1] == '\r');
                longest = i - 1 - start > longest ? i - 1 - start : longest;
                assert_true(i + 1 == len || ((unsigned char)s[i + 1] & 0xc0) != 0x80);
                if (i + 2 < len && s[i + 1] == ' ')
                    assert_true(((unsigned char)s[i + 2] & 0xc0) != 0x80);
                start = i + 1;
            } else
                assert_true(s[i] != '\r' || (i + 1 < len && s[i + 1] == '\n'));
        }
        assert_true(longest <= 75);
        assert_true(len > 2 && s[len - 2] == '\r' && s[len - 1] == '\n');
        char *u = unfold(s);
        assert_true(strncmp(u, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
        assert_non_null(strstr(u, "END:VCALENDAR\r\n"));
        assert_non_null(strstr(u, "BEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\n"));
        /* One event per worked or leave day, with its local times. */
        int events = 0;
        for (const char *p = u; (p = strstr(p, "BEGIN:VEVENT\r\n")); p++)
            events++;
        int want_events = 0;
        for (int d = 0; d < ND; d++) {
            const Assign *x = &f->a[g * (CARRY + ND) + CARRY + d];
            int leave = x->shift < 0 && (x->shift == ROSTER_LEAVE || f->leave[g * ND + d]);
            want_events += x->shift >= 0 || leave;
            if (x->shift >= 0) {
                const ShiftTemplate *t = &f->cfg->shifts[x->shift];
                int end = x->start_min + t->length_min, ed = d + 1 + end / 1440;   /* day of month of the end */
                snprintf(want, sizeof want,
                         "DTSTART;TZID=Asia/Seoul:202103%02dT%02d%02d00\r\nDTEND;TZID=Asia/Seoul:2021%02d%02dT%02d%02d00\r\n"
                         "SUMMARY:Shift %s%s\r\n",
                         d + 1, x->start_min / 60, x->start_min % 60, ed > ND ? 4 : 3, ed > ND ? ed - ND : ed,
                         end % 1440 / 60, end % 60, t->name, x->remote ? " (remote)" : "");
                assert_non_null(strstr(u, want));
            } else if (leave) {
                snprintf(want, sizeof want, "DTSTART;VALUE=DATE:202103%02d\r\n", d + 1);
                assert_non_null(strstr(u, want));
            }
        }
        assert_int_equal(events, want_events);
        assert_non_null(strstr(u, "DTSTAMP:20210301T000000Z\r\n"));
        assert_non_null(strstr(u, "SEQUENCE:42\r\n"));
        assert_non_null(strstr(u, "UID:202103"));
        assert_non_null(strstr(u, "@wfm\r\n"));
        /* Text values escaped: \ ; , and line feeds. */
        const char *calname[NA] = {
            "X-WR-CALNAME:Center <i>\\,\\;\\\\ — A1 Kim\\, \"Min\"\\; <script>alert(1)</script> \\\\ 김민준 한국어\r\n",
            "X-WR-CALNAME:Center <i>\\,\\;\\\\ — B<2>\r\n",
            "X-WR-CALNAME:Center <i>\\,\\;\\\\ — C\\;3\\,\\\\ 이서연\\n2\r\n",
            "X-WR-CALNAME:Center <i>\\,\\;\\\\ — D4 Lee & <b>Park</b> 박지성박지성박지성박지성박지성\r\n",
        };
        assert_non_null(strstr(u, calname[g]));
        if (g == 0 || g == 3)   /* folded: longer than a line (agent 3's fold falls among Korean letters) */
            assert_true(strstr(s, calname[g]) == NULL);
        free(u);
        free(s);
    }
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_agent_page),
        cmocka_unit_test(test_ics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
