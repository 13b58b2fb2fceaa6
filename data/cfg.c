#include "cfg.h"
#include "../core/alloc.h"
#include "../model/rules.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How the loader knows what it does not understand: every name it looks
 * up is noted with the group it was looked for in (Seen), and every
 * setting it reads is marked through libconfig's hook.  Once loaded, a
 * walk over the parsed tree finds what was never read: an unknown name,
 * with the known names of its group to suggest from.  The names known are
 * the names read, so there is one list of them: the code below. */
typedef struct Seen {
    const config_setting_t *group;
    const char *name;          /* points into a string literal of this file */
    size_t len;
} Seen;

/* A number as written in the text (see prelex). */
typedef struct Lit {
    int line;
    size_t off, len;
} Lit;

typedef struct Ctx {
    config_t *cf;
    const char *file;
    const char *text;          /* the text as written */
    WfmErr *err;
    Seen *seen;
    size_t nseen, capseen;
    Lit *lits;
    size_t nlits, caplits;
    const config_setting_t *miss_in;   /* the group the last lookup missed in */
    char miss_name[64];                /* the name it missed */
    size_t miss_tail;                  /* from that name to the end of the path looked up */
    const config_setting_t *shape;     /* the first setting read through that is no group */
    char shape_path[160];
} Ctx;

/* The hook of a setting the loader has read points here. */
static const char read_mark = 1;

static void mark(const config_setting_t *s)
{
    if (s)
        config_setting_set_hook((config_setting_t *)s, (void *)&read_mark);
}

static int was_read(const config_setting_t *s)
{
    return config_setting_get_hook(s) == &read_mark;
}

static void seen_add(Ctx *x, const config_setting_t *g, const char *name, size_t len)
{
    if (x->nseen == x->capseen) {
        x->capseen = x->capseen ? 2 * x->capseen : 256;
        x->seen = xrealloc(x->seen, x->capseen * sizeof *x->seen);
    }
    x->seen[x->nseen++] = (Seen){ g, name, len };
}

/* Optimal string alignment distance (edits, a swap of neighbours counting
 * one), or a large number for names longer than 63 bytes. */
static int osa_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int d[3][64], *pp = d[0], *p = d[1], *c = d[2];
    if (la > 63 || lb > 63)
        return 1000;
    for (int j = 0; j <= lb; j++)
        p[j] = j;
    for (int i = 1; i <= la; i++) {
        c[0] = i;
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (p[j - 1] + cost < v)
                v = p[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
        }
        int *t = pp;
        pp = p, p = c, c = t;
    }
    return p[lb];
}

/* The known name of group g nearest to name, when near enough to be a
 * slip of the keyboard (at most one edit in three letters); else NULL. */
static const Seen *nearest(const Ctx *x, const config_setting_t *g, const char *name)
{
    const Seen *best = NULL;
    int bd = 0;
    for (size_t i = 0; i < x->nseen; i++) {
        char known[64];
        if (x->seen[i].group != g || x->seen[i].len >= sizeof known)
            continue;
        snprintf(known, sizeof known, "%.*s", (int)x->seen[i].len, x->seen[i].name);
        int d = osa_distance(name, known);
        if (d > 0 && 3 * d <= (int)strlen(known) && (!best || d < bd))
            best = &x->seen[i], bd = d;
    }
    return best;
}

/* "unknown setting 'service.sl_targte' at wfm.cfg:12: did you mean
 * 'sl_target'?" - or, with no near name, the names known in its group. */
static int unknown(Ctx *x, const config_setting_t *g, const config_setting_t *s, const char *path)
{
    const Seen *n = nearest(x, g, config_setting_name(s));
    char known[400] = "";
    size_t k = 0;
    if (n)
        return wfm_err(x->err, WFM_EINPUT, "unknown setting '%s' at %s:%d: did you mean '%.*s'?", path, x->file,
                       (int)config_setting_source_line(s), (int)n->len, n->name);
    for (size_t i = 0; i < x->nseen; i++) {
        int dup = 0;
        if (x->seen[i].group != g)
            continue;
        for (size_t j = 0; j < i && !dup; j++)
            dup = x->seen[j].group == g && x->seen[j].len == x->seen[i].len &&
                  memcmp(x->seen[j].name, x->seen[i].name, x->seen[i].len) == 0;
        if (!dup && k < sizeof known)
            k += (size_t)snprintf(known + k, sizeof known - k, "%s%.*s", k ? ", " : "", (int)x->seen[i].len,
                                  x->seen[i].name);
    }
    if (!k)
        return wfm_err(x->err, WFM_EINPUT, "unknown setting '%s' at %s:%d: nothing is read here", path, x->file,
                       (int)config_setting_source_line(s));
    return wfm_err(x->err, WFM_EINPUT, "unknown setting '%s' at %s:%d: the names known here are %s", path,
                   x->file, (int)config_setting_source_line(s), known);
}

/* Finds every setting the loader never read, depth first in the order
 * written; the first is the error.  path names g ("" for the root). */
static int walk_unread(Ctx *x, const config_setting_t *g, const char *path)
{
    int n = config_setting_length(g), rc;
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem((config_setting_t *)g, (unsigned)i);
        char sub[192];
        if (config_setting_is_group(g))
            snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", config_setting_name(s));
        else
            snprintf(sub, sizeof sub, "%s.[%d]", path, i);
        if (!was_read(s)) {
            if (config_setting_is_group(g))
                return unknown(x, g, s, sub);
            return wfm_err(x->err, WFM_EINPUT, "invalid setting '%s' at %s:%d: entry %d would be ignored", path,
                           x->file, (int)config_setting_source_line(s), i);
        }
        if (config_setting_is_aggregate(s) && (rc = walk_unread(x, s, sub)))
            return rc;
    }
    return 0;
}

/* A number as written: the literal on s's line that reads as s's value,
 * else the value in the shortest form that reads back the same. */
static const char *as_written(const Ctx *x, const config_setting_t *s, char *buf, size_t cap)
{
    int t = config_setting_type(s), line = (int)config_setting_source_line(s);
    int is_int = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
    long long iv = is_int ? config_setting_get_int64(s) : 0;
    double dv = config_setting_get_float(s);
    for (size_t i = 0; i < x->nlits; i++) {
        const Lit *l = &x->lits[i];
        char lit[64];
        if (l->line != line || l->len >= sizeof lit || l->len >= cap)
            continue;
        snprintf(lit, sizeof lit, "%.*s", (int)l->len, x->text + l->off);
        int hex = strchr(lit, 'x') || strchr(lit, 'X');
        int flt = !hex && strpbrk(lit, ".eE");
        if (is_int && !flt) {
            errno = 0;
            if (strtoll(lit, NULL, hex ? 16 : 10) == iv)
                return snprintf(buf, cap, "%s", lit), buf;
        } else if (!is_int && flt && strtod(lit, NULL) == dv) {
            return snprintf(buf, cap, "%s", lit), buf;
        }
    }
    if (is_int)
        snprintf(buf, cap, "%lld", iv);
    else if (dv == floor(dv) && fabs(dv) < 1e15)
        snprintf(buf, cap, "%.0f", dv);
    else
        for (int p = 1; p <= 17; p++)
            if (snprintf(buf, cap, "%.*g", p, dv) > 0 && strtod(buf, NULL) == dv)
                break;
    return buf;
}

/* A bound in messages: 1000000, not 1e+06. */
static const char *bound(double v, char *buf, size_t cap)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%g", v);
    return buf;
}

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

/* The setting at path ("name" or "group.name") below base (NULL: the
 * root), marked as read; NULL when missing.  Notes each name as known in
 * its group; a setting on the way that is no group is noted in x->shape. */
static const config_setting_t *find(Ctx *x, const config_setting_t *base, const char *path)
{
    const config_setting_t *g = base ? base : config_root_setting(x->cf);
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        seen_add(x, g, p, n);
        const config_setting_t *s = config_setting_is_group(g) ? config_setting_get_member((config_setting_t *)g, name)
                                                               : NULL;
        x->miss_in = s ? NULL : g;
        snprintf(x->miss_name, sizeof x->miss_name, "%s", name);
        x->miss_tail = strlen(p);
        if (!s || !dot) {
            mark(s);
            return s;
        }
        mark(s);
        if (!config_setting_is_group(s)) {
            if (!x->shape) {
                x->shape = s;
                snprintf(x->shape_path, sizeof x->shape_path, "%.*s", (int)(dot - path), path);
            }
            x->miss_in = NULL;
            return NULL;
        }
        g = s;
        p = dot + 1;
    }
}

/* The error for a required setting at path that the last find missed: a
 * near name nobody read in the group it missed in is taken for a
 * misspelling of it. */
static int missing(Ctx *x, const char *path)
{
    const config_setting_t *g = x->miss_in;
    size_t pre = strlen(path) >= x->miss_tail ? strlen(path) - x->miss_tail : 0;
    for (int i = 0; g && i < config_setting_length(g); i++) {
        const config_setting_t *s = config_setting_get_elem((config_setting_t *)g, (unsigned)i);
        const char *name = config_setting_name(s);
        int d = name && !was_read(s) ? osa_distance(name, x->miss_name) : 0;
        if (d > 0 && 3 * d <= (int)strlen(x->miss_name))
            return wfm_err(x->err, WFM_EINPUT, "unknown setting '%.*s%s' at %s:%d: did you mean '%s'?", (int)pre,
                           path, name, x->file, (int)config_setting_source_line(s), x->miss_name);
    }
    return bad(x, g && !config_setting_is_root(g) ? g : NULL, path, "the setting is missing");
}

/* Entry i of list s, marked as read. */
static const config_setting_t *elem(const config_setting_t *s, int i)
{
    const config_setting_t *e = config_setting_get_elem((config_setting_t *)s, (unsigned)i);
    mark(e);
    return e;
}

/* The setting name under base, its full name pfx+name into path; NULL when
 * it is missing, *rc then the error if it is required, else 0. */
static const config_setting_t *setting(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
                                       char *path, size_t cap, int required, int *rc)
{
    const config_setting_t *s = find(x, base, name);
    snprintf(path, cap, "%s%s", pfx, name);
    *rc = !s && required ? missing(x, path) : 0;
    return s;
}

/* A number in [lo, hi].  Missing: *out = def when optional, else an error. */
static int num(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
               double lo, double hi, int required, double def, double *out)
{
    char path[160], v[64], b[32];
    int rc;
    const config_setting_t *s = setting(x, base, pfx, name, path, sizeof path, required, &rc);
    if (!s) {
        if (!rc)
            *out = def;
        return rc;
    }
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
        return bad(x, s, path, "a number is needed");
    double d = config_setting_get_float(s);
    if (!isfinite(d))
        return bad(x, s, path, "%s is not a finite number", as_written(x, s, v, sizeof v));
    if (d < lo)
        return bad(x, s, path, "%s is below %s", as_written(x, s, v, sizeof v), bound(lo, b, sizeof b));
    if (d > hi)
        return bad(x, s, path, "%s is above %s", as_written(x, s, v, sizeof v), bound(hi, b, sizeof b));
    *out = d;
    return 0;
}

/* A whole number in [lo, hi], read as 64 bits. */
static int inum(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
                int lo, int hi, int required, int def, int *out)
{
    char path[160], v[64];
    long long n;
    int rc;
    const config_setting_t *s = setting(x, base, pfx, name, path, sizeof path, required, &rc);
    if (!s) {
        if (!rc)
            *out = def;
        return rc;
    }
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
        n = config_setting_get_int64(s);
    } else if (t == CONFIG_TYPE_FLOAT) {
        double d = config_setting_get_float(s);
        if (!isfinite(d) || d != floor(d))
            return bad(x, s, path, "%s is not a whole number", as_written(x, s, v, sizeof v));
        n = d < lo ? (long long)lo - 1 : d > hi ? (long long)hi + 1 : (long long)d;
    } else {
        return bad(x, s, path, "a whole number is needed");
    }
    if (n < lo)
        return bad(x, s, path, "%s is below %d", as_written(x, s, v, sizeof v), lo);
    if (n > hi)
        return bad(x, s, path, "%s is above %d", as_written(x, s, v, sizeof v), hi);
    *out = (int)n;
    return 0;
}

/* fairness.remote was read and never used: remote days are dealt out
 * evenly among the eligible agents (the fewest so far first, within the
 * share and the seats), so a weight has nothing to weigh. */
static int no_remote_weight(Ctx *x)
{
    const config_setting_t *s = find(x, NULL, "fairness.remote");
    if (!s)
        return 0;
    return bad(x, s, "fairness.remote", "remote days are dealt out evenly among the eligible agents (the fewest so far "
               "first), so this weight would change nothing; remove it");
}

/* availability.interval_min: the duty grid the roster is judged on, a
 * divisor of 60 from 15 (default 30). */
static int interval(Ctx *x, int *out)
{
    int rc = inum(x, NULL, "", "availability.interval_min", 15, 60, 0, 30, out);
    if (!rc && 60 % *out)
        rc = bad(x, find(x, NULL, "availability.interval_min"), "availability.interval_min",
                 "%d does not divide an hour (15, 20, 30 or 60)", *out);
    return rc;
}

/* fairness.max_day_ratio: no day with more than this many times its need
 * on duty (default 2.5; 0: no such limit; below 1 no roster could keep it). */
static int day_ratio(Ctx *x, double *out)
{
    int rc = num(x, NULL, "", "fairness.max_day_ratio", 0, 100, 0, 2.5, out);
    if (!rc && *out > 0 && *out < 1)
        rc = bad(x, find(x, NULL, "fairness.max_day_ratio"), "fairness.max_day_ratio",
                 "%g is below 1: every day would have to be short of its need (0 turns the limit off)", *out);
    return rc;
}

static int str(Ctx *x, const config_setting_t *base, const char *pfx, const char *name,
               int required, const char *def, char *out, size_t cap)
{
    char path[160];
    const config_setting_t *s = find(x, base, name);
    snprintf(path, sizeof path, "%s%s", pfx, name);
    if (!s) {
        if (required)
            return missing(x, path);
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
        const config_setting_t *e = elem(s, i);
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
        if (!(m & ~*out))
            return bad(x, e, path, "'%s' adds no day to the ones before it", v);
        *out |= m;
    }
    if (!*out)
        return bad(x, s, path, "the list of days is empty");
    return 0;
}

/* The list at name (NULL when missing), no longer than max entries; each
 * entry must be a group when groups is set. */
static const config_setting_t *list_of(Ctx *x, const char *name, int *n, int max, int groups, int *rc)
{
    const config_setting_t *s = find(x, NULL, name);
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
    for (int i = 0; groups && !*rc && i < *n; i++)
        if (!config_setting_is_group(elem(s, i)))
            *rc = bad(x, elem(s, i), name, "entry %d is not a group { ... }", i);
    return s;
}

/* Up to max whole numbers in [lo, hi] at name (what: "an hour 0-23"),
 * each once, into out; *n = how many (0 when missing). */
static int int_list(Ctx *x, const char *name, int lo, int hi, const char *what, int max, int *out, int *n)
{
    const config_setting_t *s = find(x, NULL, name);
    char v[64];
    *n = 0;
    if (!s)
        return 0;
    if (!config_setting_is_array(s) && !config_setting_is_list(s))
        return bad(x, s, name, "a list [...] of numbers, each %s, is needed", what);
    if (config_setting_length(s) > max)
        return bad(x, s, name, "%d entries is more than the %d allowed", config_setting_length(s), max);
    for (int i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *e = elem(s, i);
        int t = config_setting_type(e);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
            return bad(x, e, name, "each entry is %s", what);
        long long h = config_setting_get_int64(e);
        if (h < lo || h > hi)
            return bad(x, e, name, "%s is not %s", as_written(x, e, v, sizeof v), what);
        for (int j = 0; j < *n; j++)
            if (out[j] == h)
                return bad(x, e, name, "%s is listed twice", as_written(x, e, v, sizeof v));
        out[(*n)++] = (int)h;
    }
    return 0;
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
        return missing(x, path);
    if ((rc = clock_of(x, e, path, &t->start_min)))
        return rc;
    if (t->start_min >= 1440)
        return bad(x, e, path, "a shift starts before 24:00");
    len_h_whole = (int)lround(len_h * 60);
    if (fabs(len_h * 60 - len_h_whole) > 1e-9 || len_h_whole % 15) {
        snprintf(path, sizeof path, "%slength_h", pfx);
        char v[64];
        e = find(x, s, "length_h");
        return bad(x, e, path, "%s h is not a whole number of quarter hours", as_written(x, e, v, sizeof v));
    }
    t->length_min = len_h_whole;
    /* Korean labour law: 30 minutes' break for 4 hours of work, 1 hour for 8. */
    int work = t->length_min - t->meal_min;
    if (t->meal_min > 0 && work <= 0) {
        snprintf(path, sizeof path, "%smeal_min", pfx);
        return bad(x, find(x, s, "meal_min"), path, "a meal of %d minutes leaves nothing of a %d-minute shift",
                   t->meal_min, t->length_min);
    }
    if ((work >= 480 && t->meal_min < 60) || (work >= 240 && t->meal_min < 30)) {
        snprintf(path, sizeof path, "%smeal_min", pfx);
        return bad(x, find(x, s, "meal_min") ? find(x, s, "meal_min") : s, path,
                   "%d minutes is below the legal break for %d minutes of work (%d)",
                   t->meal_min, work, work >= 480 ? 60 : 30);
    }
    t->meal_from_min = 0;
    t->meal_to_min = t->length_min - t->meal_min;
    if ((e = find(x, s, "meal_window"))) {
        int a, b;
        snprintf(path, sizeof path, "%smeal_window", pfx);
        if ((!config_setting_is_array(e) && !config_setting_is_list(e)) || config_setting_length(e) != 2)
            return bad(x, e, path, "a window [\"HH:MM\", \"HH:MM\"] of earliest and latest meal start is needed");
        if (t->meal_min == 0)
            return bad(x, e, path, "a meal window with meal_min = 0 (no meal) would be ignored");
        if ((rc = clock_of(x, elem(e, 0), path, &a)) || (rc = clock_of(x, elem(e, 1), path, &b)))
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
    const config_setting_t *s = find(x, NULL, "holidays");
    int n = s ? config_setting_length(s) : 0, k = 0;
    int *days;

    if (s && !config_setting_is_array(s) && !config_setting_is_list(s))
        return bad(x, s, "holidays", "a list of dates [\"YYYY-MM-DD\", ...] is needed");
    days = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = elem(s, i);
        const char *v = config_setting_get_string(e);
        int rc = v ? date_parse(v, strlen(v), &days[k]) : -1, r = 0;
        if (rc)
            r = bad(x, e, "holidays", "'%s' is not a real date YYYY-MM-DD", v ? v : "?");
        for (int j = 0; !r && j < k; j++)
            if (days[j] == days[k])
                r = bad(x, e, "holidays", "'%s' is listed twice", v);
        if (r) {
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
    const config_setting_t *s = list_of(x, "events", &n, WFM_MAX_EVENTS, 1, &rc);
    for (int i = 0; !rc && i < n; i++) {
        const config_setting_t *e = elem(s, i);
        SpecialEvent *ev = &c->events[i];
        char pfx[48], d[16];
        snprintf(pfx, sizeof pfx, "events.[%d].", i);
        if ((rc = str(x, e, pfx, "date", 1, "", d, sizeof d)) ||
            (rc = num(x, e, pfx, "multiplier", 0, 100, 1, 1, &ev->multiplier)) ||
            (rc = str(x, e, pfx, "note", 0, "", ev->note, sizeof ev->note)) ||
            (rc = inum(x, e, pfx, "days", 1, 366, 0, 1, &ev->days)))
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

    s = list_of(x, "rules.limits", &n, WFM_MAX_LIMITS, 0, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        RuleLimit *l = &c->limits[c->nlimits];
        e = elem(s, i);
        snprintf(pfx, sizeof pfx, "rules.limits.[%d].", i);
        if (!config_setting_is_group(e))
            return bad(x, e, "rules.limits", "entry %d is not a group { what = ...; ... }", i);
        memset(l, 0, sizeof *l);
        l->n = 1;
        snprintf(path, sizeof path, "%swhat", pfx);
        if (!find(x, e, "what"))
            return missing(x, path);
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

    s = list_of(x, "rules.forbidden", &n, WFM_MAX_LIMITS - c->nlimits, 0, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        RuleLimit *l = &c->limits[c->nlimits];
        const config_setting_t *q;
        e = elem(s, i);
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
            const config_setting_t *w = elem(q, j);
            if ((rc = what_of(x, c, w, path, &l->what[j])))
                return rc;
            snprintf(words + strlen(words), sizeof words - strlen(words), "%s%s", j ? "-" : "",
                     config_setting_get_string(w));
        }
        l->n = m;
        if ((rc = team_of(x, c, e, pfx, &l->team)))
            return rc;
        if (snprintf(l->label, sizeof l->label, "rules.forbidden.[%d] (%s%s%s)", i, words,
                     l->team >= 0 ? ", team " : "", l->team >= 0 ? c->teams[l->team].name : "") >= (int)sizeof l->label)
            memcpy(l->label + sizeof l->label - 4, "...", 4);   /* a long label is cut, visibly */
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

/* surge.vendor_queues: names of configured queues outside agents can take
 * (default: every queue without a skill). */
static int vendor_queues(Ctx *x, WfmConfig *c)
{
    const config_setting_t *s = find(x, NULL, "surge.vendor_queues");
    c->vendor_queues = 0;
    if (!s) {
        for (int q = 0; q < c->nqueues; q++)
            if (!c->queues[q].skill[0])
                c->vendor_queues |= 1u << q;
        return 0;
    }
    if (!config_setting_is_array(s) && !config_setting_is_list(s))
        return bad(x, s, "surge.vendor_queues", "a list of queue names, like [\"phone\"], is needed");
    for (int i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *e = elem(s, i);
        const char *v = config_setting_get_string(e);
        int q = 0;
        while (v && q < c->nqueues && strcmp(c->queues[q].name, v) != 0)
            q++;
        if (!v || q == c->nqueues)
            return bad(x, e, "surge.vendor_queues", "entry %d is not the name of a configured queue", i);
        c->vendor_queues |= 1u << q;
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
        (rc = interval(x, &c->interval_min)) ||
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
        (rc = no_remote_weight(x)) ||
        (rc = num(x, NULL, "", "fairness.single_day_off", 0, 1000, 0, 1, &c->reg_single_off)) ||
        (rc = num(x, NULL, "", "fairness.kind_swing", 0, 1000, 0, 1, &c->reg_swing)) ||
        (rc = num(x, NULL, "", "fairness.start_jump", 0, 1000, 0, 0.25, &c->reg_jump)) ||
        (rc = day_ratio(x, &c->max_day_ratio)) ||
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
        (rc = num(x, NULL, "", "surge.holiday_premium", 0, 5, 0, 0.5, &c->holiday_premium)) ||
        (rc = inum(x, NULL, "", "surge.vendor_capacity", 0, 100000, 0, 0, &c->vendor_capacity)) ||
        (rc = inum(x, NULL, "", "surge.seats", 0, 100000, 0, 0, &c->outside_seats)) ||
        (rc = inum(x, NULL, "", "surge.laptops", 0, 100000, 0, 0, &c->outside_laptops)) ||
        (rc = inum(x, NULL, "", "surge.lead_days", 0, 31, 0, 0, &c->outside_lead_days)) ||
        (rc = inum(x, NULL, "", "surge.min_block_hours", 0, 12, 0, 0, &c->outside_min_block_h)) ||
        (rc = num(x, NULL, "", "surge.wage_won_h", 0, 1e7, 0, 0, &c->wage_won_h)) ||
        (rc = num(x, NULL, "", "surge.vendor_won_h", 0, 1e7, 0, 0, &c->vendor_won_h)) ||
        (rc = inum(x, NULL, "", "surge.overtime_days_in_row", 0, 31, 0, 0, &c->overtime_days_in_row)))
        return rc;

    if (c->max_weekly_hours < c->weekly_hours) {
        char v[64], b[32];
        s = config_lookup(x->cf, "rules.max_weekly_hours");
        return bad(x, s, "rules.max_weekly_hours", "%s is below rules.weekly_hours (%s)",
                   s ? as_written(x, s, v, sizeof v) : bound(c->max_weekly_hours, v, sizeof v),
                   bound(c->weekly_hours, b, sizeof b));
    }
    if (c->lp_months_flagged > c->lp_months_window)
        return bad(x, config_lookup(x->cf, "score.low_performer.months_flagged"),
                   "score.low_performer.months_flagged", "%d is more than months_window (%d)",
                   c->lp_months_flagged, c->lp_months_window);
    if ((rc = boolean(x, NULL, "", "score.remote_peers", 0, &c->score_remote_peers)) ||
        (rc = inum(x, NULL, "", "score.low_performer.grace_months", 0, 24, 0, 3, &c->lp_grace_months)) ||
        (rc = boolean(x, NULL, "", "score.low_performer.fcr_can_flag", 1, &c->lp_fcr_can_flag)) ||
        (rc = inum(x, NULL, "", "score.low_performer.min_group", 2, 10000, 0, 5, &c->lp_min_group)) ||
        (rc = num(x, NULL, "", "score.low_performer.slow_gap", 0, 0.9, 0, 0.05, &c->lp_slow_gap)) ||
        (rc = num(x, NULL, "", "score.low_performer.slow_spread", 0, 100, 0, 2.5, &c->lp_slow_spread)) ||
        (rc = num(x, NULL, "", "score.low_performer.sure", 0.5, 0.999, 0, 0.95, &c->lp_sure)) ||
        (rc = inum(x, NULL, "", "score.low_performer.history_months", 1, 60, 0, 6, &c->lp_history_months)))
        return rc;
    if ((s = config_lookup(x->cf, "score.weights.acw")))
        return bad(x, s, "score.weights.acw",
                   "after-call work is part of the handling time CPD already scores; a weight of its own would "
                   "count a slow wrap-up twice and a slow talk once - add it to score.weights.cpd");
    double wsum = c->cpd_w_cpd + c->cpd_w_fcr + c->cpd_w_qa + c->cpd_w_adherence;
    if (fabs(wsum - 1) > 1e-6)
        return bad(x, config_lookup(x->cf, "score.weights"), "score.weights",
                   "the weights add up to %g, not 1", wsum);

    int hours[24];
    if ((rc = int_list(x, "availability.weak_hours", 0, 23, "an hour 0-23", 24, hours, &n)))
        return rc;
    for (int i = 0; i < n; i++)
        c->weak_hours[hours[i]] = 1;

    s = list_of(x, "shifts", &n, WFM_MAX_TEMPLATES, 0, &rc);
    if (rc)
        return rc;
    if (n == 0)
        return bad(x, s, "shifts", "at least one shift template is needed");
    for (int i = 0; i < n; i++) {
        e = elem(s, i);
        if ((rc = load_shift(x, e, i, &c->shifts[i])))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(c->shifts[j].name, c->shifts[i].name) == 0)
                return bad(x, e, "shifts", "the name '%s' is used twice", c->shifts[i].name);
        c->nshifts = i + 1;
    }

    s = list_of(x, "queues", &n, WFM_MAX_QUEUES, 1, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48];
        QueueCfg *q = &c->queues[i];
        e = elem(s, i);
        snprintf(pfx, sizeof pfx, "queues.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", q->name, sizeof q->name)) ||
            (rc = str(x, e, pfx, "skill", 0, "", q->skill, sizeof q->skill)) ||
            (rc = num(x, e, pfx, "aht_s", 1, 86400, 0, c->aht_s, &q->aht_s)) ||
            (rc = inum(x, e, pfx, "min_skilled", 1, 100, 0, 1, &q->min_skilled)))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(c->queues[j].name, q->name) == 0)
                return bad(x, e, "queues", "the name '%s' is used twice", q->name);
        c->nqueues = i + 1;
    }
    if (c->nqueues == 0) {
        snprintf(c->queues[0].name, sizeof c->queues[0].name, "phone");
        c->queues[0].aht_s = c->aht_s;
        c->queues[0].min_skilled = 1;
        c->nqueues = 1;
    }

    s = list_of(x, "teams", &n, WFM_MAX_TEAMS, 1, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48], path[160];
        TeamCfg *t = &c->teams[i];
        const config_setting_t *k;
        e = elem(s, i);
        snprintf(pfx, sizeof pfx, "teams.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", t->name, sizeof t->name)))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(c->teams[j].name, t->name) == 0)
                return bad(x, e, "teams", "the name '%s' is used twice", t->name);
        t->kinds = 0;
        snprintf(path, sizeof path, "teams.%s.kinds", t->name);
        k = find(x, e, "kinds");
        if (k && !config_setting_is_array(k) && !config_setting_is_list(k))
            return bad(x, k, path, "a list of shift kinds, like [\"day\", \"evening\"], is needed");
        if (k && config_setting_length(k) == 0)
            return bad(x, k, path, "the list of kinds is empty");
        for (int j = 0; k && j < config_setting_length(k); j++) {
            const config_setting_t *ke = elem(k, j);
            const char *v = config_setting_get_string(ke);
            int m = -1;
            for (int w = 0; kinds[w]; w++)
                if (v && strcmp(v, kinds[w]) == 0)
                    m = w;
            if (m < 0)
                return bad(x, ke, path, "'%s' is not day, evening or night", v ? v : "?");
            if (t->kinds & 1u << m)
                return bad(x, ke, path, "'%s' is listed twice", v);
            t->kinds |= 1u << m;
        }
        if (!t->kinds)
            t->kinds = 1u << SHIFT_DAY;
        if ((rc = boolean(x, e, pfx, "every_weekend", 0, &t->every_weekend)))
            return rc;
        c->nteams = i + 1;
    }

    s = list_of(x, "surge.stages", &n, WFM_MAX_STAGES, 1, &rc);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        char pfx[48];
        e = elem(s, i);
        snprintf(pfx, sizeof pfx, "surge.stages.[%d].", i);
        if ((rc = str(x, e, pfx, "name", 1, "", c->stages[i].name, sizeof c->stages[i].name)) ||
            (rc = num(x, e, pfx, "calls_per_day", 0, 1e7, 1, 0, &c->stages[i].calls_per_day)))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(c->stages[j].name, c->stages[i].name) == 0)
                return bad(x, e, "surge.stages", "the name '%s' is used twice", c->stages[i].name);
        c->nstages = i + 1;
    }
    if ((rc = int_list(x, "surge.outside_block_h", 1, 12, "a block of 1-12 hours", WFM_MAX_BLOCKS,
                       c->outside_block_h, &c->noutside_blocks)))
        return rc;
    if (!c->noutside_blocks) {
        c->outside_block_h[0] = 4;
        c->outside_block_h[1] = 8;
        c->noutside_blocks = 2;
    }
    if ((rc = vendor_queues(x, c)))
        return rc;

    if ((rc = load_events(x, c)) || (rc = load_limits(x, c)))
        return rc;
    /* reports.csv_bom: a UTF-8 byte-order mark at the head of every CSV, so
     * Excel reads Korean as Korean; on by default with language = "ko". */
    if ((rc = boolean(x, NULL, "", "reports.csv_bom", c->language == LANG_KO, &c->csv_bom)))
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

static void lit_add(Ctx *x, int line, size_t off, size_t len)
{
    if (x->nlits == x->caplits) {
        x->caplits = x->caplits ? 2 * x->caplits : 256;
        x->lits = xrealloc(x->lits, x->caplits * sizeof *x->lits);
    }
    x->lits[x->nlits++] = (Lit){ line, off, len };
}

static int name_char(int ch)
{
    return isalnum(ch) || ch == '_' || ch == '-' || ch == '*';
}

/* libconfig 1.5 reads an integer without the L suffix into an int and
 * wraps it silently: 1000000000000 becomes -727379968.  So before parsing,
 * every integer literal is given its L and read as 64 bits (one beyond 64
 * bits reads as the nearest 64-bit value, which no range admits), and
 * every number is noted with its line, for messages to quote it as
 * written.  Strings and comments are copied as they are; @include is
 * refused, one file holds the configuration.  Returns the text to parse
 * (the caller frees it), or NULL with x->err filled. */
static char *prelex(Ctx *x, const char *text)
{
    size_t n = strlen(text), i = 0, k = 0;
    char *out = xmalloc(2 * n + 1);
    int line = 1;

    while (i < n) {
        unsigned char ch = (unsigned char)text[i];
        size_t from = i;
        if (ch == '"') {                      /* a string, escapes and all */
            for (i++; i < n && text[i] != '"'; i++) {
                if (text[i] == '\\' && i + 1 < n)
                    i++;
                line += text[i] == '\n';
            }
            i += i < n;
        } else if (ch == '#' || (ch == '/' && text[i + 1] == '/')) {
            while (i < n && text[i] != '\n')
                i++;
        } else if (ch == '/' && text[i + 1] == '*') {
            for (i += 2; i < n && !(text[i] == '*' && text[i + 1] == '/'); i++)
                line += text[i] == '\n';
            i = i < n ? i + 2 : n;
        } else if (ch == '@') {
            free(out);
            wfm_err(x->err, WFM_EINPUT, "cannot parse '%s': line %d: @include is not supported: one file holds "
                    "the configuration", x->file, line);
            return NULL;
        } else if (isalpha(ch) || ch == '*') {
            while (i < n && name_char((unsigned char)text[i]))
                i++;
        } else if (isdigit(ch) || (ch == '.' && isdigit((unsigned char)text[i + 1])) ||
                   ((ch == '-' || ch == '+') &&
                    (isdigit((unsigned char)text[i + 1]) || text[i + 1] == '.'))) {
            int hex = 0, flt = 0;
            i += ch == '-' || ch == '+';
            hex = text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X');
            for (; i < n; i++) {
                char c = text[i];
                if (c == '.' || (!hex && (c == 'e' || c == 'E')))
                    flt = 1;
                if (isalnum((unsigned char)c) || c == '.' || c == '_')
                    continue;
                if ((c == '-' || c == '+') && !hex && (text[i - 1] == 'e' || text[i - 1] == 'E'))
                    continue;
                break;
            }
            memcpy(out + k, text + from, i - from);
            k += i - from;
            lit_add(x, line, from, i - from);
            if (!flt && text[i - 1] != 'L' && text[i - 1] != 'l')
                out[k++] = 'L';
            continue;
        } else {
            line += ch == '\n';
            i++;
        }
        memcpy(out + k, text + from, i - from);
        k += i - from;
    }
    out[k] = 0;
    return out;
}

int cfg_load_string(const char *text, const char *name, WfmConfig *out, WfmErr *err)
{
    config_t cf;
    Ctx x;
    char *parsed;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    x.cf = &cf, x.file = name, x.text = text, x.err = err;
    config_init(&cf);
    config_set_auto_convert(&cf, 1);
    if (!(parsed = prelex(&x, text))) {
        rc = WFM_EINPUT;
        goto out;
    }
    if (!config_read_string(&cf, parsed)) {
        rc = wfm_err(err, WFM_EINPUT, "cannot parse '%s': line %d: %s", name,
                     config_error_line(&cf), config_error_text(&cf));
        goto out;
    }
    snprintf(out->path, sizeof out->path, "%s", name);
    out->hash = fnv1a(text, strlen(text));
    rc = load_all(&x, out);
    /* A group read through that is none explains what followed. */
    if (x.shape)
        rc = bad(&x, x.shape, x.shape_path, "a group { ... } is needed");
    else if (!rc)
        rc = walk_unread(&x, config_root_setting(&cf), "");
out:
    config_destroy(&cf);
    free(parsed);
    free(x.seen);
    free(x.lits);
    if (rc) {
        wfm_config_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* Configurations are a few kilobytes; this is far beyond any. */
#define CFG_MAX_BYTES (16L << 20)

int cfg_load(const char *path, WfmConfig *out, WfmErr *err)
{
    struct stat st;
    char *text = NULL;
    size_t len = 0, cap;
    int fd, rc;

    memset(out, 0, sizeof *out);
    /* Not blocking: a FIFO must not hang the open before it is refused. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return wfm_err(err, WFM_EIO, "cannot read configuration '%s': %s", path, strerror(errno));
    if (fstat(fd, &st) != 0) {
        rc = wfm_err(err, WFM_EIO, "cannot read configuration '%s': %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = wfm_err(err, WFM_EIO, "cannot read configuration '%s': it is %s, not a file", path,
                     S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a pipe" :
                     S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "something else");
        goto out;
    }
    if (st.st_size > CFG_MAX_BYTES) {
        rc = wfm_err(err, WFM_EIO, "cannot read configuration '%s': %lld bytes is more than the %ld a "
                     "configuration may have", path, (long long)st.st_size, CFG_MAX_BYTES);
        goto out;
    }
    cap = (size_t)st.st_size + 1;
    text = xmalloc(cap + 1);
    for (;;) {
        ssize_t got = read(fd, text + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = wfm_err(err, WFM_EIO, "cannot read configuration '%s': %s", path, strerror(errno));
            goto out;
        }
        if (got == 0)
            break;
        len += (size_t)got;
        if (len == cap) {                     /* it grew while we read */
            if (cap > (size_t)CFG_MAX_BYTES) {
                rc = wfm_err(err, WFM_EIO, "cannot read configuration '%s': more than the %ld bytes a "
                             "configuration may have", path, CFG_MAX_BYTES);
                goto out;
            }
            cap *= 2;
            text = xrealloc(text, cap + 1);
        }
    }
    text[len] = 0;
    if (memchr(text, 0, len)) {
        int line = 1;
        for (const char *p = text; *p; p++)
            line += *p == '\n';
        rc = wfm_err(err, WFM_EINPUT, "cannot parse '%s': line %d: a NUL byte: not a text file", path, line);
        goto out;
    }
    rc = cfg_load_string(text, path, out, err);
out:
    close(fd);
    free(text);
    return rc;
}
