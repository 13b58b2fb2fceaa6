#include "cfg.h"
#include "../core/alloc.h"
#include "../model/rules.h"

#include <errno.h>
#include <stdarg.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ctx {
    config_t *cf;
    const char *file;
    WfmErr *err;
} Ctx;

static int bad(Ctx *x, const config_setting_t *s, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int bad(Ctx *x, const config_setting_t *s, const char *path, const char *fmt, ...)
{
    char why[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (s)
        return wfm_err(x->err, WFM_EINPUT, "invalid setting '%s' at %s:%d: %s", path,
                       x->file, (int)config_setting_source_line(s), why);
    return wfm_err(x->err, WFM_EINPUT, "invalid setting '%s' in %s: %s", path, x->file, why);
}

static const config_setting_t *find(Ctx *x, const config_setting_t *base, const char *name)
{
    if (base)
        return config_setting_lookup((config_setting_t *)base, name);
    return config_lookup(x->cf, name);
}

/* A number in [lo, hi].  Missing: *out = def when optional, else an error. */
static int num(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
               double lo, double hi, int required, double def, double *out)
{
    char path[160];
    const config_setting_t *s = find(x, base, name);
    snprintf(path, sizeof path, "%s%s", pfx, name);
    if (!s) {
        if (required)
            return bad(x, NULL, path, "the setting is missing");
        *out = def;
        return 0;
    }
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
        return bad(x, s, path, "a number is needed");
    double v = config_setting_get_float(s);
    if (!isfinite(v))
        return bad(x, s, path, "%g is not a finite number", v);
    if (v < lo)
        return bad(x, s, path, "%g is below %g", v, lo);
    if (v > hi)
        return bad(x, s, path, "%g is above %g", v, hi);
    *out = v;
    return 0;
}

static int inum(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
                int lo, int hi, int required, int def, int *out)
{
    double v;
    int rc = num(x, base, pfx, name, lo, hi, required, def, &v);
    if (rc)
        return rc;
    if (v != floor(v)) {
        char path[160];
        snprintf(path, sizeof path, "%s%s", pfx, name);
        return bad(x, find(x, base, name), path, "%g is not a whole number", v);
    }
    *out = (int)v;
    return 0;
}

static int str(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
               int required, const char *def, char *out, size_t cap)
{
    char path[160];
    const config_setting_t *s = find(x, base, name);
    snprintf(path, sizeof path, "%s%s", pfx, name);
    if (!s) {
        if (required)
            return bad(x, NULL, path, "the setting is missing");
        snprintf(out, cap, "%s", def);
        return 0;
    }
    const char *v = config_setting_get_string(s);
    if (!v)
        return bad(x, s, path, "a string is needed");
    if (strlen(v) >= cap)
        return bad(x, s, path, "'%s' is longer than %zu bytes", v, cap - 1);
    snprintf(out, cap, "%s", v);
    return 0;
}

static int boolean(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
                   int def, int *out)
{
    char path[160];
    const config_setting_t *s = find(x, base, name);
    snprintf(path, sizeof path, "%s%s", pfx, name);
    if (!s) {
        *out = def;
        return 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return bad(x, s, path, "true or false is needed");
    *out = config_setting_get_bool(s);
    return 0;
}

/* One of the words in choices (NULL-terminated); *out = its index. */
static int choice(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
                  const char *const *choices, int def, int *out)
{
    char v[64], path[160];
    int rc = str(x, base, pfx, name, 0, choices[def], v, sizeof v);
    if (rc)
        return rc;
    for (int i = 0; choices[i]; i++)
        if (strcmp(v, choices[i]) == 0) {
            *out = i;
            return 0;
        }
    snprintf(path, sizeof path, "%s%s", pfx, name);
    char list[256] = "";
    for (int i = 0; choices[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, choices[i], sizeof list - strlen(list) - 1);
    }
    return bad(x, find(x, base, name), path, "'%s' is not one of %s", v, list);
}

static int clock_of(Ctx *x, const config_setting_t *s, const char *path, int *out)
{
    const char *v = config_setting_get_string(s);
    if (!v)
        return bad(x, s, path, "a time \"HH:MM\" is needed");
    *out = clock_parse(v);
    if (*out < 0)
        return bad(x, s, path, "'%s' is not a time of day HH:MM", v);
    return 0;
}

static int run_days(Ctx *x, const config_setting_t *s, const char *path, unsigned *out)
{
    static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
    *out = 0;
    if (!s) {
        *out = RUN_ALL;
        return 0;
    }
    if (!config_setting_is_array(s) && !config_setting_is_list(s))
        return bad(x, s, path, "a list of days is needed, like [\"weekdays\", \"holidays\"]");
    for (int i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        const char *v = config_setting_get_string(e);
        unsigned m = 0;
        if (!v)
            return bad(x, e, path, "day names are strings");
        for (int w = 0; w < 7; w++)
            if (strcmp(v, names[w]) == 0)
                m = 1u << w;
        if (strcmp(v, "weekdays") == 0) m = RUN_WEEKDAYS;
        else if (strcmp(v, "weekend") == 0) m = RUN_WEEKEND;
        else if (strcmp(v, "holidays") == 0) m = RUN_HOLIDAY;
        else if (strcmp(v, "all") == 0) m = RUN_ALL;
        if (!m)
            return bad(x, e, path, "'%s' is not a day (mon..sun, weekdays, weekend, holidays, all)", v);
        *out |= m;
    }
    if (!*out)
        return bad(x, s, path, "the list of days is empty");
    return 0;
}

static const config_setting_t *list_of(Ctx *x, const char *name, int *n, int max, int *rc)
{
    const config_setting_t *s = config_lookup(x->cf, name);
    *rc = 0;
    *n = 0;
    if (!s)
        return NULL;
    if (!config_setting_is_list(s) && !config_setting_is_array(s)) {
        *rc = bad(x, s, name, "a list ( ... ) is needed");
        return NULL;
    }
    *n = config_setting_length(s);
    if (*n > max)
        *rc = bad(x, s, name, "%d entries is more than the %d allowed", *n, max);
    return s;
}

static int load_shift(Ctx *x, const config_setting_t *s, int i, ShiftTemplate *t)
{
    static const char *const kinds[] = { "day", "evening", "night", NULL };
    char pfx[64], path[160];
    const config_setting_t *e;
    int rc, len_h_whole;
    double len_h;

    snprintf(pfx, sizeof pfx, "shifts.[%d].", i);
    if (!config_setting_is_group(s))
        return bad(x, s, "shifts", "entry %d is not a group { ... }", i);
    if ((rc = str(x, s, pfx, "name", 1, "", t->name, sizeof t->name)) ||
        (rc = choice(x, s, pfx, "kind", kinds, 0, &t->kind)) ||
        (rc = num(x, s, pfx, "length_h", 1, 24, 1, 0, &len_h)) ||
        (rc = inum(x, s, pfx, "meal_min", 0, 180, 0, 0, &t->meal_min)) ||
        (rc = boolean(x, s, pfx, "remote_ok", 1, &t->remote_ok)))
        return rc;
    snprintf(pfx, sizeof pfx, "shifts.%s.", t->name);
    snprintf(path, sizeof path, "%sstart", pfx);
    if (!(e = find(x, s, "start")))
        return bad(x, s, path, "the setting is missing");
    if ((rc = clock_of(x, e, path, &t->start_min)))
        return rc;
    if (t->start_min >= 1440)
        return bad(x, e, path, "a shift starts before 24:00");
    len_h_whole = (int)lround(len_h * 60);
    if (fabs(len_h * 60 - len_h_whole) > 1e-9 || len_h_whole % 15) {
        snprintf(path, sizeof path, "%slength_h", pfx);
        return bad(x, find(x, s, "length_h"), path, "%g h is not a whole number of quarter hours", len_h);
    }
    t->length_min = len_h_whole;
    /* Korean labour law: 30 minutes' break for 4 hours of work, 1 hour for 8. */
    int work = t->length_min - t->meal_min;
    if ((work >= 480 && t->meal_min < 60) || (work >= 240 && t->meal_min < 30)) {
        snprintf(path, sizeof path, "%smeal_min", pfx);
        return bad(x, find(x, s, "meal_min") ? find(x, s, "meal_min") : s, path,
                   "%d minutes is below the legal break for %d minutes of work (%d)",
                   t->meal_min, work, work >= 480 ? 60 : 30);
    }
    t->meal_from_min = 0;
    t->meal_to_min = t->length_min - t->meal_min;
    if (t->meal_min > 0 && (e = find(x, s, "meal_window"))) {
        int a, b;
        snprintf(path, sizeof path, "%smeal_window", pfx);
        if (config_setting_length(e) != 2)
            return bad(x, e, path, "a window [\"HH:MM\", \"HH:MM\"] of earliest and latest meal start is needed");
        if ((rc = clock_of(x, config_setting_get_elem((config_setting_t *)e, 0), path, &a)) ||
            (rc = clock_of(x, config_setting_get_elem((config_setting_t *)e, 1), path, &b)))
            return rc;
        /* Offsets from the shift start, across midnight where the shift crosses it. */
        a = ((a - t->start_min) % 1440 + 1440) % 1440;
        b = ((b - t->start_min) % 1440 + 1440) % 1440;
        if (a > b)
            return bad(x, e, path, "the window's earliest start comes after its latest");
        if (b + t->meal_min > t->length_min)
            return bad(x, e, path, "a meal starting at the window's end would run past the shift's end");
        t->meal_from_min = a;
        t->meal_to_min = b;
    }
    snprintf(path, sizeof path, "%sdays", pfx);
    return run_days(x, find(x, s, "days"), path, &t->days);
}

static int load_holidays(Ctx *x, WfmConfig *c)
{
    const config_setting_t *s = config_lookup(x->cf, "holidays");
    int n = s ? config_setting_length(s) : 0, k = 0;
    int *days = xmalloc(sizeof(int) * (size_t)(n ? n : 1));

    if (s && !config_setting_is_array(s) && !config_setting_is_list(s)) {
        free(days);
        return bad(x, s, "holidays", "a list of dates [\"YYYY-MM-DD\", ...] is needed");
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        const char *v = config_setting_get_string(e);
        int rc = v ? date_parse(v, strlen(v), &days[k]) : -1;
        if (rc) {
            int r = bad(x, e, "holidays", "'%s' is not a real date YYYY-MM-DD", v ? v : "?");
            free(days);
            return r;
        }
        k++;
    }
    cal_init(&c->holidays, days, (size_t)k);
    return 0;
}

static int load_events(Ctx *x, WfmConfig *c)
{
    int n, rc;
    const config_setting_t *s = list_of(x, "events", &n, WFM_MAX_EVENTS, &rc);
    for (int i = 0; !rc && i < n; i++) {
        const config_setting_t *e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        SpecialEvent *ev = &c->events[i];
        char pfx[48], d[16];
        snprintf(pfx, sizeof pfx, "events.[%d].", i);
        if ((rc = str(x, e, pfx, "date", 1, "", d, sizeof d)) ||
            (rc = num(x, e, pfx, "multiplier", 0, 100, 1, 1, &ev->multiplier)) ||
            (rc = str(x, e, pfx, "note", 0, "", ev->note, sizeof ev->note)))
            return rc;
        if (date_parse(d, strlen(d), &ev->day))
            return bad(x, find(x, e, "date"), "events.date", "'%s' is not a real date YYYY-MM-DD", d);
        c->nevents = i + 1;
    }
    return rc;
}

/* A what of the rules: a kind (day, evening, night), "work" (any shift),
 * "off" (a day off or on leave) or a template's name. */
static int what_of(Ctx *x, const WfmConfig *c, const config_setting_t *e, const char *path, WfmWhat *w)
{
    const char *v = e ? config_setting_get_string(e) : NULL;
    if (!v)
        return bad(x, e, path, "a shift kind (day, evening, night), a template's name, \"work\" or \"off\" is needed");
    if (wfm_what_parse(c, v, w))
        return bad(x, e, path, "'%s' is no shift kind (day, evening, night), template, \"work\" or \"off\"", v);
    return 0;
}

static int team_of(Ctx *x, const WfmConfig *c, const config_setting_t *base, const char *pfx, int *team)
{
    char name[WFM_NAME_MAX], path[160];
    int rc = str(x, base, pfx, "team", 0, "", name, sizeof name);
    *team = -1;
    if (rc || !name[0])
        return rc;
    for (int t = 0; t < c->nteams; t++)
        if (strcmp(name, c->teams[t].name) == 0)
            *team = t;
    snprintf(path, sizeof path, "%steam", pfx);
    return *team < 0 ? bad(x, find(x, base, "team"), path, "'%s' is not one of the teams", name) : 0;
}

/* rules.limits and rules.forbidden into c->limits. */
static int load_limits(Ctx *x, WfmConfig *c)
{
    const config_setting_t *s, *e;
    int rc, n, m;
    char pfx[64], path[160];

    s = list_of(x, "rules.limits", &n, WFM_MAX_LIMITS, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        RuleLimit *l = &c->limits[c->nlimits];
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        snprintf(pfx, sizeof pfx, "rules.limits.[%d].", i);
        if (!config_setting_is_group(e))
            return bad(x, e, "rules.limits", "entry %d is not a group { what = ...; ... }", i);
        memset(l, 0, sizeof *l);
        l->n = 1;
        snprintf(path, sizeof path, "%swhat", pfx);
        if (!find(x, e, "what"))
            return bad(x, e, path, "the setting is missing");
        if ((rc = what_of(x, c, find(x, e, "what"), path, &l->what[0])) || (rc = team_of(x, c, e, pfx, &l->team)) ||
            (rc = inum(x, e, pfx, "min_consecutive", 0, 31, 0, 0, &l->min_consecutive)) ||
            (rc = inum(x, e, pfx, "max_consecutive", 1, 31, 0, -1, &l->max_consecutive)) ||
            (rc = inum(x, e, pfx, "min_per_week", 0, 7, 0, 0, &l->min_per_week)) ||
            (rc = inum(x, e, pfx, "max_per_week", 0, 7, 0, -1, &l->max_per_week)) ||
            (rc = inum(x, e, pfx, "min_per_month", 0, 31, 0, 0, &l->min_per_month)) ||
            (rc = inum(x, e, pfx, "max_per_month", 0, 31, 0, -1, &l->max_per_month)) ||
            (rc = inum(x, e, pfx, "max_weekends", 0, 6, 0, -1, &l->max_weekends)))
            return rc;
        const char *pairs[][2] = { { "min_consecutive", "max_consecutive" },
                                   { "min_per_week", "max_per_week" },
                                   { "min_per_month", "max_per_month" } };
        int lo[] = { l->min_consecutive, l->min_per_week, l->min_per_month };
        int hi[] = { l->max_consecutive, l->max_per_week, l->max_per_month };
        for (int k = 0; k < 3; k++)
            if (hi[k] >= 0 && lo[k] > hi[k]) {
                snprintf(path, sizeof path, "%s%s", pfx, pairs[k][0]);
                return bad(x, find(x, e, pairs[k][0]), path, "%d is above %s (%d): no month can keep both", lo[k],
                           pairs[k][1], hi[k]);
            }
        if (l->min_consecutive == 0 && l->max_consecutive < 0 && l->min_per_week == 0 && l->max_per_week < 0 &&
            l->min_per_month == 0 && l->max_per_month < 0 && l->max_weekends < 0)
            return bad(x, e, "rules.limits", "entry %d sets no limit (min_/max_consecutive, min_/max_per_week, "
                       "min_/max_per_month, max_weekends)", i);
        snprintf(l->label, sizeof l->label, "rules.limits.[%d] (%s%s%s)", i,
                 config_setting_get_string(find(x, e, "what")), l->team >= 0 ? ", team " : "",
                 l->team >= 0 ? c->teams[l->team].name : "");
        c->nlimits++;
    }

    s = list_of(x, "rules.forbidden", &n, WFM_MAX_LIMITS - c->nlimits, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        RuleLimit *l = &c->limits[c->nlimits];
        const config_setting_t *q;
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        snprintf(pfx, sizeof pfx, "rules.forbidden.[%d].", i);
        snprintf(path, sizeof path, "%ssequence", pfx);
        if (!config_setting_is_group(e))
            return bad(x, e, "rules.forbidden", "entry %d is not a group { sequence = [...]; }", i);
        memset(l, 0, sizeof *l);
        l->forbidden = 1;
        q = find(x, e, "sequence");
        m = q && (config_setting_is_array(q) || config_setting_is_list(q)) ? config_setting_length(q) : 0;
        if (m < 2 || m > WFM_SEQ_MAX)
            return bad(x, q ? q : e, path, "a list of 2 to %d days, like [\"night\", \"day\"], is needed",
                       WFM_SEQ_MAX);
        char words[64] = "";
        for (int j = 0; j < m; j++) {
            const config_setting_t *w = config_setting_get_elem((config_setting_t *)q, (unsigned)j);
            if ((rc = what_of(x, c, w, path, &l->what[j])))
                return rc;
            snprintf(words + strlen(words), sizeof words - strlen(words), "%s%s", j ? "-" : "",
                     config_setting_get_string(w));
        }
        l->n = m;
        if ((rc = team_of(x, c, e, pfx, &l->team)))
            return rc;
        snprintf(l->label, sizeof l->label, "rules.forbidden.[%d] (%s%s%s)", i, words,
                 l->team >= 0 ? ", team " : "", l->team >= 0 ? c->teams[l->team].name : "");
        c->nlimits++;
    }

    for (int t = -1; t < c->nteams; t++) {
        RuleSet rs;
        int bits = wfm_rules_compile(c, t, &rs);
        if (bits > 32)
            return bad(x, config_lookup(x->cf, "rules"), "rules.limits",
                       "the rules for %s%s need more state than the solver carries (%d bits of 32): fewer or "
                       "smaller limits", t < 0 ? "agents of no team" : "team ", t < 0 ? "" : c->teams[t].name,
                       bits);
    }
    return 0;
}

static int load_all(Ctx *x, WfmConfig *c)
{
    static const char *const langs[] = { "en", "ko", NULL };
    static const char *const models[] = { "erlang-c", "erlang-a", NULL };
    static const char *const sldefs[] = { "answered_over_offered", "answered_over_answered",
                                          "wait_le_t_all", NULL };
    static const char *const kinds[] = { "day", "evening", "night", NULL };
    const config_setting_t *s, *e;
    int rc, n;

    if ((rc = str(x, NULL, "", "center.name", 1, "", c->name, sizeof c->name)) ||
        (rc = str(x, NULL, "", "center.timezone", 0, "Asia/Seoul", c->timezone, sizeof c->timezone)) ||
        (rc = choice(x, NULL, "", "center.language", langs, LANG_EN, &c->language)) ||
        (rc = boolean(x, NULL, "", "center.pseudonymise", 0, &c->pseudonymise)) ||
        (rc = num(x, NULL, "", "service.sl_target", 0, 1, 0, 0.8, &c->sl_target)) ||
        (rc = num(x, NULL, "", "service.sl_seconds", 0, 3600, 0, 20, &c->sl_seconds)) ||
        (rc = num(x, NULL, "", "service.answer_rate", 0, 1, 0, 0.9, &c->answer_rate)) ||
        (rc = num(x, NULL, "", "service.max_occupancy", 0.05, 1, 0, 1, &c->max_occupancy)) ||
        (rc = num(x, NULL, "", "service.max_asa_s", 0, 86400, 0, 0, &c->max_asa_s)) ||
        (rc = num(x, NULL, "", "service.patience_s", 0, 1e6, 0, 120, &c->patience_s)) ||
        (rc = num(x, NULL, "", "service.aht_s", 1, 86400, 0, 180, &c->aht_s)) ||
        (rc = choice(x, NULL, "", "service.model", models, MODEL_ERLANG_A, &c->model)) ||
        (rc = choice(x, NULL, "", "service.sl_definition", sldefs, SL_ANSWERED_OVER_OFFERED, &c->sl_definition)) ||
        (rc = num(x, NULL, "", "availability.extra_break_min", 0, 30, 0, 7.5, &c->extra_break_min)) ||
        (rc = num(x, NULL, "", "availability.shrinkage", 0, 0.9, 0, 0, &c->shrinkage)) ||
        (rc = num(x, NULL, "", "availability.weak_weight", 1, 100, 0, 2, &c->weak_weight)) ||
        (rc = num(x, NULL, "", "remote.max_share", 0, 1, 0, 0, &c->remote_max_share)) ||
        (rc = inum(x, NULL, "", "remote.seats", 0, 1000000, 0, 0, &c->remote_seats)) ||
        (rc = inum(x, NULL, "", "rules.max_consecutive_days", 1, 31, 0, 6, &c->max_consecutive_days)) ||
        (rc = num(x, NULL, "", "rules.min_rest_hours", 0, 48, 0, 11, &c->min_rest_hours)) ||
        (rc = num(x, NULL, "", "rules.weekly_hours", 1, 168, 0, 40, &c->weekly_hours)) ||
        (rc = num(x, NULL, "", "rules.max_weekly_hours", 1, 168, 0, 52, &c->max_weekly_hours)) ||
        (rc = inum(x, NULL, "", "rules.min_days_off_per_week", 0, 7, 0, 2, &c->min_days_off_per_week)) ||
        (rc = boolean(x, NULL, "", "rules.contract_days", 1, &c->contract_days)) ||
        (rc = num(x, NULL, "", "fairness.weekend", 0, 1000, 0, 1, &c->fair_weekend)) ||
        (rc = num(x, NULL, "", "fairness.night", 0, 1000, 0, 1, &c->fair_night)) ||
        (rc = num(x, NULL, "", "fairness.remote", 0, 1000, 0, 1, &c->fair_remote)) ||
        (rc = num(x, NULL, "", "fairness.early", 0, 1000, 0, 1, &c->fair_early)) ||
        (rc = num(x, NULL, "", "score.weights.cpd", 0, 1, 0, 0.65, &c->cpd_w_cpd)) ||
        (rc = num(x, NULL, "", "score.weights.fcr", 0, 1, 0, 0.15, &c->cpd_w_fcr)) ||
        (rc = num(x, NULL, "", "score.weights.qa", 0, 1, 0, 0.1, &c->cpd_w_qa)) ||
        (rc = num(x, NULL, "", "score.weights.adherence", 0, 1, 0, 0.1, &c->cpd_w_adherence)) ||
        (rc = num(x, NULL, "", "score.low_performer.bottom_share", 0, 1, 0, 0.1, &c->lp_bottom_share)) ||
        (rc = inum(x, NULL, "", "score.low_performer.months_flagged", 1, 24, 0, 2, &c->lp_months_flagged)) ||
        (rc = inum(x, NULL, "", "score.low_performer.months_window", 1, 24, 0, 3, &c->lp_months_window)) ||
        (rc = inum(x, NULL, "", "score.low_performer.min_days", 1, 31, 0, 10, &c->lp_min_days)) ||
        (rc = num(x, NULL, "", "surge.overtime_cap_h", 0, 60, 0, 12, &c->overtime_cap_h)) ||
        (rc = num(x, NULL, "", "surge.overtime_day_h", 0, 8, 0, 4, &c->overtime_day_h)) ||
        (rc = num(x, NULL, "", "surge.outside_aht_factor", 1, 5, 0, 1.3, &c->outside_aht_factor)) ||
        (rc = num(x, NULL, "", "surge.night_premium", 0, 5, 0, 0.5, &c->night_premium)) ||
        (rc = num(x, NULL, "", "surge.overtime_premium", 0, 5, 0, 0.5, &c->overtime_premium)) ||
        (rc = num(x, NULL, "", "surge.holiday_premium", 0, 5, 0, 0.5, &c->holiday_premium)))
        return rc;

    if (c->max_weekly_hours < c->weekly_hours)
        return bad(x, config_lookup(x->cf, "rules.max_weekly_hours"), "rules.max_weekly_hours",
                   "%g is below rules.weekly_hours (%g)", c->max_weekly_hours, c->weekly_hours);
    if (c->lp_months_flagged > c->lp_months_window)
        return bad(x, config_lookup(x->cf, "score.low_performer.months_flagged"),
                   "score.low_performer.months_flagged", "%d is more than months_window (%d)",
                   c->lp_months_flagged, c->lp_months_window);
    if ((s = config_lookup(x->cf, "score.weights.acw")))
        return bad(x, s, "score.weights.acw",
                   "after-call work is part of the handling time CPD already scores; a weight of its own would "
                   "count a slow wrap-up twice and a slow talk once - add it to score.weights.cpd");
    double wsum = c->cpd_w_cpd + c->cpd_w_fcr + c->cpd_w_qa + c->cpd_w_adherence;
    if (fabs(wsum - 1) > 1e-6)
        return bad(x, config_lookup(x->cf, "score.weights"), "score.weights",
                   "the weights add up to %g, not 1", wsum);

    if ((s = config_lookup(x->cf, "availability.weak_hours"))) {
        for (int i = 0; i < config_setting_length(s); i++) {
            e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
            int t = config_setting_type(e);
            int h = config_setting_get_int(e);
            if (t != CONFIG_TYPE_INT || h < 0 || h > 23)
                return bad(x, e, "availability.weak_hours", "each entry is an hour 0-23");
            c->weak_hours[h] = 1;
        }
    }

    s = list_of(x, "shifts", &n, WFM_MAX_SHIFTS, &rc);
    if (rc)
        return rc;
    if (n == 0)
        return bad(x, s, "shifts", "at least one shift template is needed");
    for (int i = 0; i < n; i++) {
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        if ((rc = load_shift(x, e, i, &c->shifts[i])))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(c->shifts[j].name, c->shifts[i].name) == 0)
                return bad(x, e, "shifts", "the name '%s' is used twice", c->shifts[i].name);
        c->nshifts = i + 1;
    }

    s = list_of(x, "queues", &n, WFM_MAX_QUEUES, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48];
        QueueCfg *q = &c->queues[i];
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        snprintf(pfx, sizeof pfx, "queues.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", q->name, sizeof q->name)) ||
            (rc = str(x, e, pfx, "skill", 0, "", q->skill, sizeof q->skill)) ||
            (rc = num(x, e, pfx, "aht_s", 1, 86400, 0, c->aht_s, &q->aht_s)))
            return rc;
        c->nqueues = i + 1;
    }
    if (c->nqueues == 0) {
        snprintf(c->queues[0].name, sizeof c->queues[0].name, "phone");
        c->queues[0].aht_s = c->aht_s;
        c->nqueues = 1;
    }

    s = list_of(x, "teams", &n, WFM_MAX_TEAMS, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48];
        TeamCfg *t = &c->teams[i];
        const config_setting_t *k;
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        snprintf(pfx, sizeof pfx, "teams.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", t->name, sizeof t->name)))
            return rc;
        t->kinds = 0;
        k = find(x, e, "kinds");
        for (int j = 0; k && j < config_setting_length(k); j++) {
            const char *v = config_setting_get_string(config_setting_get_elem((config_setting_t *)k, (unsigned)j));
            int m = -1;
            for (int w = 0; kinds[w]; w++)
                if (v && strcmp(v, kinds[w]) == 0)
                    m = w;
            if (m < 0)
                return bad(x, k, "teams.kinds", "'%s' is not day, evening or night", v ? v : "?");
            t->kinds |= 1u << m;
        }
        if (!t->kinds)
            t->kinds = 1u << SHIFT_DAY;
        if ((rc = boolean(x, e, pfx, "every_weekend", 0, &t->every_weekend)))
            return rc;
        c->nteams = i + 1;
    }

    s = list_of(x, "surge.stages", &n, WFM_MAX_STAGES, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48];
        e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
        snprintf(pfx, sizeof pfx, "surge.stages.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", c->stages[i].name, sizeof c->stages[i].name)) ||
            (rc = num(x, e, pfx, "calls_per_day", 0, 1e7, 1, 0, &c->stages[i].calls_per_day)))
            return rc;
        c->nstages = i + 1;
    }
    if ((s = config_lookup(x->cf, "surge.outside_block_h"))) {
        for (int i = 0; i < config_setting_length(s) && i < 4; i++) {
            e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
            int h = config_setting_get_int(e);
            if (config_setting_type(e) != CONFIG_TYPE_INT || h < 1 || h > 12)
                return bad(x, e, "surge.outside_block_h", "each block is 1-12 hours");
            c->outside_block_h[c->noutside_blocks++] = h;
        }
    }
    if (!c->noutside_blocks) {
        c->outside_block_h[0] = 4;
        c->outside_block_h[1] = 8;
        c->noutside_blocks = 2;
    }

    if ((rc = load_events(x, c)) || (rc = load_limits(x, c)))
        return rc;
    return load_holidays(x, c);
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

int cfg_load_string(const char *text, const char *name, WfmConfig *out, WfmErr *err)
{
    config_t cf;
    Ctx x = { &cf, name, err };
    int rc;

    memset(out, 0, sizeof *out);
    config_init(&cf);
    config_set_auto_convert(&cf, 1);
    if (!config_read_string(&cf, text)) {
        rc = wfm_err(err, WFM_EINPUT, "cannot parse '%s': line %d: %s", name,
                     config_error_line(&cf), config_error_text(&cf));
        goto out;
    }
    snprintf(out->path, sizeof out->path, "%s", name);
    out->hash = fnv1a(text, strlen(text));
    rc = load_all(&x, out);
out:
    config_destroy(&cf);
    if (rc) {
        wfm_config_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

int cfg_load(const char *path, WfmConfig *out, WfmErr *err)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;
    int rc;

    memset(out, 0, sizeof *out);
    if (!f)
        return wfm_err(err, WFM_EIO, "cannot read configuration '%s': %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return wfm_err(err, WFM_EIO, "cannot read configuration '%s': %s", path, strerror(errno));
    }
    text = xmalloc((size_t)n + 1);
    if (fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        fclose(f);
        return wfm_err(err, WFM_EIO, "cannot read configuration '%s': short read", path);
    }
    text[n] = 0;
    fclose(f);
    rc = cfg_load_string(text, path, out, err);
    free(text);
    return rc;
}
