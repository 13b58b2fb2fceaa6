#include "import.h"
#include "../model/rules.h"
#include "csvin.h"
#include "store_int.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <ctype.h>
#include <pthread.h>
#include <strings.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_TEXT, T_ID, T_DATE, T_HOUR, T_COUNT, T_SECONDS, T_REAL, T_BOOL, T_SCORE } ColType;

typedef struct ColSpec {
    const char *names;   /* "|"-separated: the canonical name first, then aliases */
    ColType type;
    int required;
    int key;             /* part of the row's key */
    const char *def;     /* the value of an empty or absent cell (NULL: no value) */
    double (*def_cfg)(const WfmConfig *cfg);  /* or a number the configuration gives */
    double max;          /* the most a number may be, or bytes of text; 0: the type's own */
} ColSpec;

static double cfg_weekly_hours(const WfmConfig *cfg)
{
    return cfg ? cfg->weekly_hours : 40;
}

typedef struct Table {
    const char *kind;
    const char *table;
    const ColSpec *cols;
    int ncols;
    /* Rows go to a staging table (made by stage before the transaction)
     * that finish, inside the transaction, moves to where they belong. */
    const char *stage;
    int (*finish)(Store *s, const WfmConfig *cfg, const char *path, long rows, WfmErr *err);
} Table;

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Columns several files have, with their names and aliases. */
#define N_QUEUE "queue|큐|대기열"
#define N_OFFERED "offered|calls|인입량|인입콜"
#define COL_QUEUE_KEY { N_QUEUE, T_ID, 0, 1, "phone", NULL, 0 }
#define COL_DATE_KEY { "date|날짜|일자", T_DATE, 1, 1, NULL, NULL, 0 }
#define COL_HOUR_KEY { "hour|시간|시", T_HOUR, 1, 1, NULL, NULL, 0 }
#define COL_AGENT_KEY { "agent_id|id|상담사id|사번", T_ID, 1, 1, NULL, NULL, 0 }

static const ColSpec volume_cols[] = {
    COL_QUEUE_KEY,
    COL_DATE_KEY,
    COL_HOUR_KEY,
    { N_OFFERED, T_REAL, 1, 0, NULL, NULL, 0 },
    { "answered|응대량|응대콜", T_REAL, 0, 0, NULL, NULL, 0 },
    { "abandoned|포기호|포기콜", T_REAL, 0, 0, NULL, NULL, 0 },
    { "aht_s|aht|평균처리시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "asa_s|asa_answered_s|평균응답대기시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "abandon_wait_s|mean_wait_abandoned_s|포기대기시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
};
static const ColSpec agent_cols[] = {
    { "id|agent_id|상담사id|사번", T_ID, 1, 1, NULL, NULL, 0 },
    { "name|이름|성명", T_TEXT, 0, 0, NULL, NULL, IMPORT_MAX_NAME },
    { "team|팀", T_ID, 1, 0, NULL, NULL, 0 },
    { "skills|스킬", T_TEXT, 0, 0, "", NULL, 0 },
    { "remote_ok|재택가능", T_BOOL, 0, 0, "0", NULL, 0 },
    { "night_ok|야간가능", T_BOOL, 0, 0, "0", NULL, 0 },
    { "hire_date|입사일", T_DATE, 0, 0, NULL, NULL, 0 },
    { "weekly_hours|주간근무시간", T_REAL, 0, 0, NULL, cfg_weekly_hours, 0 },
};
static const ColSpec leave_cols[] = {
    COL_AGENT_KEY,
    COL_DATE_KEY,
    { "kind|종류|휴가종류", T_ID, 0, 0, "annual", NULL, 0 },
};
static const ColSpec perf_cols[] = {
    COL_DATE_KEY,
    COL_AGENT_KEY,
    { "handled|응대콜|응대량|처리건수", T_COUNT, 1, 0, NULL, NULL, 0 },
    { "logged_in_s|로그인시간", T_SECONDS, 1, 0, NULL, NULL, 0 },
    { "talk_s|통화시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "hold_s|보류시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "acw_s|후처리시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "break_s|휴게시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "meeting_s|회의시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "training_s|교육시간", T_SECONDS, 0, 0, NULL, NULL, 0 },
    { "resolved_first|1차완료", T_COUNT, 0, 0, NULL, NULL, 0 },
    { "transfers|이관", T_COUNT, 0, 0, NULL, NULL, 0 },
    { "qa_score|품질점수", T_SCORE, 0, 0, NULL, NULL, 0 },
    { N_QUEUE, T_ID, 0, 0, NULL, NULL, 0 },
    { "shift|근무", T_ID, 0, 0, NULL, NULL, 0 },
    { "remote|재택", T_BOOL, 0, 0, NULL, NULL, 0 },
};

static double one(const WfmConfig *cfg)
{
    (void)cfg;
    return 1;
}
static const ColSpec pref_cols[] = {
    COL_AGENT_KEY,
    COL_DATE_KEY,
    { "shift|what|근무", T_ID, 1, 1, NULL, NULL, 0 },
    { "want|희망", T_ID, 1, 0, NULL, NULL, 0 },
    { "weight|가중치", T_REAL, 0, 0, NULL, one, IMPORT_MAX_WEIGHT },
};

static const ColSpec req_cols[] = {
    COL_QUEUE_KEY,
    COL_DATE_KEY,
    COL_HOUR_KEY,
    { "agents_duty|agents|필요인원", T_REAL, 1, 0, NULL, NULL, IMPORT_MAX_AGENTS },
    { "agents_phone|통화인원", T_REAL, 0, 0, NULL, NULL, IMPORT_MAX_AGENTS },
    { N_OFFERED, T_REAL, 0, 0, NULL, NULL, 0 },
};

/* The staged requirement rows become a run of their own. */
static int reqs_finish(Store *s, const WfmConfig *cfg, const char *path, long rows, WfmErr *err)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    char params[320];
    int64_t run;
    int rc;
    snprintf(params, sizeof params, "requirements %s (%ld rows)", path, rows);
    if ((rc = store_run_begin(s, "import", params, cfg ? cfg->hash : 0, &run, err)))
        return rc;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO requirement(run_id, queue, date, hour, offered, aht_s, agents_phone, "
                           "agents_duty) SELECT ?1, queue, date, hour, coalesce(offered, 0), ?2, "
                           "CAST(round(coalesce(agents_phone, agents_duty * ?3)) AS INTEGER), agents_duty "
                           "FROM temp.requirement_in",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "store the requirement");
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_double(st, 2, cfg ? cfg->aht_s : 0);
    sqlite3_bind_double(st, 3, cfg ? wfm_config_availability(cfg) : 1);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_sqlerr(s, err, "store the requirement");
    sqlite3_finalize(st);
    if (!rc && sqlite3_exec(db, "DELETE FROM temp.requirement_in", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_sqlerr(s, err, "store the requirement");
    return rc ? rc : store_run_end(s, run, err);
}

static const Table tables[IMPORT_KIND_COUNT] = {
    { "volumes", "volume", volume_cols, NCOLS(volume_cols), NULL, NULL },
    { "agents", "agent", agent_cols, NCOLS(agent_cols), NULL, NULL },
    { "leave", "leave", leave_cols, NCOLS(leave_cols), NULL, NULL },
    { "perf", "perf", perf_cols, NCOLS(perf_cols), NULL, NULL },
    { "preferences", "preference", pref_cols, NCOLS(pref_cols), NULL, NULL },
    { "requirements", "temp.requirement_in", req_cols, NCOLS(req_cols),
      "CREATE TEMP TABLE IF NOT EXISTS requirement_in(queue TEXT NOT NULL, date TEXT NOT NULL, "
      "hour INTEGER NOT NULL, agents_duty REAL NOT NULL, agents_phone REAL, offered REAL, "
      "PRIMARY KEY (queue, date, hour)); DELETE FROM temp.requirement_in",
      reqs_finish },
};

int import_kind(const char *word)
{
    for (int i = 0; i < IMPORT_KIND_COUNT; i++)
        if (strcmp(word, tables[i].kind) == 0)
            return i;
    return -1;
}

/* The column's canonical name (up to the first '|') into buf. */
static const char *canon(const ColSpec *c, char *buf, size_t cap)
{
    size_t n = strcspn(c->names, "|");
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, c->names, n);
    buf[n] = 0;
    return buf;
}

/* Header cell h (trimmed, ASCII case folded) equals one of c's names? */
static int header_matches(const ColSpec *c, const char *h)
{
    const char *p = c->names;
    size_t hl;
    while (*h == ' ' || *h == '\t')
        h++;
    hl = strlen(h);
    while (hl && (h[hl - 1] == ' ' || h[hl - 1] == '\t'))
        hl--;
    while (*p) {
        size_t n = strcspn(p, "|"), i;
        if (n == hl) {
            for (i = 0; i < n; i++)
                if (tolower((unsigned char)p[i]) != tolower((unsigned char)h[i]))
                    break;
            if (i == n)
                return 1;
        }
        p += n;
        if (*p == '|')
            p++;
    }
    return 0;
}

static char *build_sql(const Table *t, int replace)
{
    SBuf b;
    char name[40];
    int first = 1;
    sbuf_init(&b);
    sbuf_printf(&b, "INSERT INTO %s(", t->table);
    for (int i = 0; i < t->ncols; i++)
        sbuf_printf(&b, "%s%s", i ? "," : "", canon(&t->cols[i], name, sizeof name));
    sbuf_puts(&b, ") VALUES (");
    for (int i = 0; i < t->ncols; i++)
        sbuf_puts(&b, i ? ",?" : "?");
    sbuf_puts(&b, ")");
    if (!replace)
        return b.s;
    sbuf_puts(&b, " ON CONFLICT(");
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].key) {
            sbuf_printf(&b, "%s%s", first ? "" : ",", canon(&t->cols[i], name, sizeof name));
            first = 0;
        }
    sbuf_puts(&b, ") DO UPDATE SET ");
    first = 1;
    for (int i = 0; i < t->ncols; i++)
        if (!t->cols[i].key) {
            canon(&t->cols[i], name, sizeof name);
            sbuf_printf(&b, "%s%s=excluded.%s", first ? "" : ",", name, name);
            first = 0;
        }
    return b.s;
}

/* The stored agent ids, for checking leave and perf rows without a foreign
 * key lookup in SQLite per row (faster, and a clearer message). */
typedef struct IdSet {
    char **slot;
    size_t cap;
} IdSet;

static uint64_t hash_id(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void idset_add(IdSet *set, const char *id)
{
    size_t i = hash_id(id, strlen(id)) & (set->cap - 1);
    while (set->slot[i]) {
        if (strcmp(set->slot[i], id) == 0)
            return;
        i = (i + 1) & (set->cap - 1);
    }
    set->slot[i] = xstrdup(id);
}

static int idset_has(const IdSet *set, const char *id, size_t n)
{
    size_t i = hash_id(id, n) & (set->cap - 1);
    while (set->slot[i]) {
        if (strlen(set->slot[i]) == n && memcmp(set->slot[i], id, n) == 0)
            return 1;
        i = (i + 1) & (set->cap - 1);
    }
    return 0;
}

static void idset_free(IdSet *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    set->slot = NULL;
    set->cap = 0;
}

static int idset_load(Store *s, IdSet *set, WfmErr *err)
{
    sqlite3_stmt *st;
    long n = store_count(s, "agent");
    set->cap = 64;
    while ((long)set->cap < 2 * n + 2)
        set->cap *= 2;
    set->slot = xcalloc(set->cap, sizeof *set->slot);
    if (sqlite3_prepare_v2(store_db(s), "SELECT id FROM agent", -1, &st, NULL) != SQLITE_OK)
        return store_sqlerr(s, err, "read the agents");
    while (sqlite3_step(st) == SQLITE_ROW)
        idset_add(set, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return 0;
}

/* A parsed cell, waiting to be bound: the reader thread fills batches of
 * rows with these while the main thread inserts the previous batch. */
enum { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT };
typedef struct Cell {
    int type;
    long long i;
    double d;
    size_t off, len;   /* text: bytes [off, off + len) of the batch's text */
} Cell;

#define BATCH_ROWS 2048

typedef struct Batch {
    int nrows, ncols;
    Cell *cells;       /* nrows x ncols */
    long *lines;       /* the line of each cell's field, for messages */
    char *text;
    size_t tlen, tcap;
} Batch;

static void cell_text(Batch *b, Cell *c, const char *v, size_t n)
{
    void *p = b->text;
    xgrow(&p, &b->tcap, b->tlen + n + 1, 1);
    b->text = p;
    memcpy(b->text + b->tlen, v, n);
    b->text[b->tlen + n] = 0;
    c->type = CELL_TEXT;
    c->off = b->tlen;
    c->len = n;
    b->tlen += n + 1;
}

typedef struct Ctx {
    CsvIn *in;
    WfmErr *err;
    const WfmConfig *cfg;
    int map[32];          /* spec column -> CSV field, -1 when absent */
    int agent_col;        /* spec column holding an agent id to check, or -1 */
    char names[32][40];   /* canonical column names */
    IdSet agents;
} Ctx;

static int row_err(Ctx *x, int field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int row_err(Ctx *x, int field, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return wfm_err(x->err, WFM_EINPUT, "%s:%ld:%d: %s", csvin_name(x->in),
                   csvin_line(x->in, field), field + 1, why);
}

static int parse_count(const char *s, size_t n, long long *out)
{
    long long v = 0;
    if (n == 0 || n > 15)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int parse_real(const char *s, size_t n, double *out)
{
    static const double pow10[16] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    char *end;
    /* Fast path for plain decimals "123" or "12.5" with at most 15 digits:
     * the significand is exact in a double and so is 10^k, so one division
     * gives the correctly rounded value, the same as strtod (Clinger 1990). */
    if (n > 0 && n <= 16) {
        uint64_t m = 0;
        int digits = 0, frac = -1;
        size_t i;
        for (i = 0; i < n; i++) {
            if (s[i] >= '0' && s[i] <= '9') {
                m = m * 10 + (uint64_t)(s[i] - '0');
                digits++;
                if (frac >= 0)
                    frac++;
            } else if (s[i] == '.' && frac < 0) {
                frac = 0;
            } else {
                break;
            }
        }
        if (i == n && digits > 0 && digits <= 15 && frac != 0) {
            *out = frac > 0 ? (double)m / pow10[frac] : (double)m;
            return 0;
        }
    }
    if (n == 0 || isspace((unsigned char)s[0]))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789.eE+-", s[i]))
            return -1;
    errno = 0;
    *out = strtod(s, &end);
    if (end != s + n || errno == ERANGE || !isfinite(*out))
        return -1;
    return 0;
}

static int parse_bool(const char *s, int *out)
{
    static const char *const yes[] = { "1", "true", "yes", "y", "t", "예", "o", NULL };
    static const char *const no[] = { "0", "false", "no", "n", "f", "아니오", "x", NULL };
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return *out = 1, 0;
    for (int i = 0; no[i]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

/* The type's own bound when the column gives none: bytes of text, or the
 * largest number. */
static double col_max(const ColSpec *c)
{
    if (c->max > 0)
        return c->max;
    switch (c->type) {
    case T_ID: return IMPORT_MAX_ID;
    case T_TEXT: return IMPORT_MAX_TEXT;
    case T_SECONDS: return 7 * 86400;
    case T_SCORE: return 100;
    default: return IMPORT_MAX_NUMBER;
    }
}

/* The one check of text for every text column: valid UTF-8, no control
 * characters, at most col_max(c) bytes. */
static int check_text(Ctx *x, int f, const ColSpec *c, const char *name, const char *v, size_t n, const char *shown)
{
    size_t at;
    int bad = csvin_text_check(v, n, &at);
    if (bad == -1)
        return row_err(x, f, "'%s' value '%s' has a control character (\\x%02X at byte %zu)", name, shown,
                       (unsigned char)v[at], at + 1);
    if (bad)
        return row_err(x, f, "'%s' value '%s' is not valid UTF-8 (byte %zu)", name, shown, at + 1);
    if ((double)n > col_max(c))
        return row_err(x, f, "'%s' value '%s' is %zu bytes, more than %.0f", name, shown, n, col_max(c));
    return 0;
}

/* Parses one cell into out (text copied into the batch); returns 0 or an
 * error for the row.  Values in messages are shown with csvin_show. */
static int parse_cell(Ctx *x, Batch *bt, Cell *out, int i, const ColSpec *c, double *num)
{
    const char *name = x->names[i];
    int f = x->map[i], rc;
    size_t n;
    const char *v = f >= 0 ? csvin_field(x->in, f, &n) : "";
    char sv[80];   /* the value for messages: cut, escaped */
    if (f < 0)
        n = 0;
    *num = NAN;
    if (n == 0) {
        if (c->required)
            return row_err(x, f, "'%s' is empty", name);
        if (c->def_cfg)
            return out->type = CELL_REAL, out->d = c->def_cfg(x->cfg), 0;
        if (!c->def)
            return out->type = CELL_NULL, 0;
        if (c->type == T_BOOL)
            return out->type = CELL_INT, out->i = strcmp(c->def, "1") == 0, 0;
        return cell_text(bt, out, c->def, strlen(c->def)), 0;
    }
    csvin_show(v, n, sv, sizeof sv);
    switch (c->type) {
    case T_TEXT:
        if ((rc = check_text(x, f, c, name, v, n, sv)))
            return rc;
        cell_text(bt, out, v, n);
        return 0;
    case T_ID:
        if ((rc = check_text(x, f, c, name, v, n, sv)))
            return rc;
        if (v[0] == ' ' || v[n - 1] == ' ')
            return row_err(x, f, "'%s' value '%s' has spaces around it", name, sv);
        cell_text(bt, out, v, n);
        return 0;
    case T_DATE: {
        int d;
        rc = date_parse(v, n, &d);
        if (rc == -1)
            return row_err(x, f, "'%s' value '%s' is not a date YYYY-MM-DD", name, sv);
        if (rc == -2)
            return row_err(x, f, "'%s' value '%s' is not a real date", name, sv);
        /* date_parse took exactly YYYY-MM-DD, which sorts as text. */
        if (strcmp(v, IMPORT_FIRST_DATE) < 0 || strcmp(v, IMPORT_LAST_DATE) > 0)
            return row_err(x, f, "'%s' value %s is outside %s..%s", name, sv, IMPORT_FIRST_DATE, IMPORT_LAST_DATE);
        cell_text(bt, out, v, n);
        *num = d;
        return 0;
    }
    case T_HOUR: {
        long long h;
        if (parse_count(v, n, &h))
            return row_err(x, f, "hour '%s' is not a whole number", sv);
        if (h > 23)
            return row_err(x, f, "hour %lld is out of range 0-23", h);
        out->type = CELL_INT, out->i = h;
        *num = (double)h;
        return 0;
    }
    case T_COUNT: {
        long long k;
        if (parse_count(v, n, &k)) {
            double d;
            if (parse_real(v, n, &d) == 0 && d < 0)
                return row_err(x, f, "'%s' value %s is negative", name, sv);
            return row_err(x, f, "'%s' value '%s' is not a whole number", name, sv);
        }
        if ((double)k > col_max(c))
            return row_err(x, f, "'%s' value %s is above %.0f", name, sv, col_max(c));
        out->type = CELL_INT, out->i = k;
        *num = (double)k;
        return 0;
    }
    case T_SECONDS:
    case T_REAL:
    case T_SCORE: {
        double d;
        if (parse_real(v, n, &d))
            return row_err(x, f, "'%s' value '%s' is not a number", name, sv);
        if (d < 0)
            return row_err(x, f, "'%s' value %s is negative", name, sv);
        if (c->type == T_SECONDS && d > col_max(c))
            return row_err(x, f, "'%s' value %s is more seconds than a week", name, sv);
        if (d > col_max(c))
            return row_err(x, f, "'%s' value %s is above %.0f", name, sv, col_max(c));
        out->type = CELL_REAL, out->d = d;
        *num = d;
        return 0;
    }
    case T_BOOL: {
        int b;
        if (parse_bool(v, &b))
            return row_err(x, f, "'%s' value '%s' is not yes or no (1/0, true/false)", name, sv);
        out->type = CELL_INT, out->i = b;
        *num = b;
        return 0;
    }
    }
    return 0;
}

/* Checks that tie several cells of a row together. */
static int row_checks(Ctx *x, ImportKind kind, const double *num)
{
    if (x->agent_col >= 0) {
        size_t n;
        const char *id = csvin_field(x->in, x->map[x->agent_col], &n);
        if (!idset_has(&x->agents, id, n))
            return row_err(x, x->map[x->agent_col], "unknown agent '%s' (import agents first)", id);
    }
    if (kind == IMPORT_VOLUMES) {
        /* offered 3, answered 4, abandoned 5 */
        if (!isnan(num[4]) && num[4] > num[3] + 1e-9)
            return row_err(x, x->map[4], "answered %g is more than offered %g", num[4], num[3]);
        if (!isnan(num[4]) && !isnan(num[5]) && num[4] + num[5] > num[3] + 1e-9)
            return row_err(x, x->map[5], "answered %g plus abandoned %g is more than offered %g",
                           num[4], num[5], num[3]);
    } else if (kind == IMPORT_PERF) {
        /* handled 2, logged_in_s 3, resolved_first 10 */
        if (num[3] > 86400)
            return row_err(x, x->map[3], "logged_in_s %g is more than a day", num[3]);
        if (!isnan(num[10]) && num[10] > num[2])
            return row_err(x, x->map[10], "resolved_first %g is more than handled %g", num[10], num[2]);
    } else if (kind == IMPORT_REQS) {
        /* queue 0 */
        const char *q = csvin_field(x->in, x->map[0] >= 0 ? x->map[0] : 0, NULL);
        int ok = x->map[0] < 0 || !x->cfg;
        for (int i = 0; !ok && i < x->cfg->nqueues; i++)
            ok = strcmp(q, x->cfg->queues[i].name) == 0;
        if (!ok)
            return row_err(x, x->map[0], "queue '%s' is not one of the configuration's queues", q);
    } else if (kind == IMPORT_PREFS) {
        /* shift 2 (a template, a kind, work or off), want 3 */
        const char *what = csvin_field(x->in, x->map[2], NULL), *want = csvin_field(x->in, x->map[3], NULL);
        WfmWhat w;
        if (x->cfg && wfm_what_parse(x->cfg, what, &w))
            return row_err(x, x->map[2], "'%s' is no shift template, kind (day, evening, night), work or off", what);
        if (strcmp(want, "wanted") && strcmp(want, "unwanted") && strcmp(want, "pinned"))
            return row_err(x, x->map[3], "want '%s' is not wanted, unwanted or pinned", want);
    } else if (kind == IMPORT_AGENTS) {
        if (!isnan(num[7]) && (num[7] <= 0 || num[7] > 52))
            return row_err(x, x->map[7], "weekly_hours %g is not in 0-52", num[7]);
        if (x->cfg && x->cfg->nteams > 0) {
            const char *team = csvin_field(x->in, x->map[2], NULL);
            int ok = 0;
            for (int t = 0; t < x->cfg->nteams; t++)
                ok |= strcmp(team, x->cfg->teams[t].name) == 0;
            if (!ok)
                return row_err(x, x->map[2], "team '%s' is not one of the configuration's teams", team);
        }
    }
    return 0;
}

/* The row's key as "queue phone, date 2020-01-01, hour 3"; returns the CSV
 * field of the first key column the file has (for the message's column). */
static int key_text(const Ctx *x, const Table *t, const Batch *b, int r, char *buf, size_t cap)
{
    size_t n = 0;
    int first = -1, k = 0;
    buf[0] = 0;
    for (int i = 0; i < t->ncols; i++) {
        const Cell *c = &b->cells[r * b->ncols + i];
        if (!t->cols[i].key || n >= cap)
            continue;
        if (c->type == CELL_TEXT)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s %s", k++ ? ", " : "", x->names[i], b->text + c->off);
        else
            n += (size_t)snprintf(buf + n, cap - n, "%s%s %lld", k++ ? ", " : "", x->names[i], c->i);
        if (first < 0 && x->map[i] >= 0)
            first = i;
    }
    return first;
}

/* The two batches between the reader thread and the inserting thread. */
typedef struct Pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    Batch b[2];
    int full[2];
    int done;      /* the reader has finished (at the end, or on an error) */
    int stop;      /* the inserter failed: the reader should stop */
    int rc;        /* the reader's result */
    WfmErr err;    /* the reader's message */
    Ctx *x;
    const Table *t;
    ImportKind kind;
} Pipe;

/* Reads and checks rows into the batches, in order, until the end of the
 * file, an error, or a stop. */
static void *reader(void *arg)
{
    Pipe *p = arg;
    Ctx *x = p->x;
    const Table *t = p->t;
    double num[32];
    int slot = 0, rc = 0, eof = 0;

    x->err = &p->err;
    while (!eof && !rc) {
        pthread_mutex_lock(&p->mu);
        while (p->full[slot] && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        int stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
        Batch *b = &p->b[slot];
        b->nrows = 0;
        b->tlen = 0;
        while (b->nrows < BATCH_ROWS) {
            int got = csvin_next(x->in, &p->err);
            if (got <= 0) {
                rc = got;
                eof = 1;
                break;
            }
            if (csvin_nfields(x->in) == 1 && csvin_field(x->in, 0, NULL)[0] == 0)
                continue;
            Cell *row = &b->cells[b->nrows * b->ncols];
            long *lines = &b->lines[b->nrows * b->ncols];
            for (int i = 0; i < t->ncols && !rc; i++) {
                rc = parse_cell(x, b, &row[i], i, &t->cols[i], &num[i]);
                lines[i] = csvin_line(x->in, x->map[i]);
            }
            if (!rc)
                rc = row_checks(x, p->kind, num);
            if (rc)
                break;
            b->nrows++;
        }
        pthread_mutex_lock(&p->mu);
        p->full[slot] = 1;
        if (rc || eof) {
            p->rc = rc;
            p->done = 1;
        }
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        slot ^= 1;
    }
    pthread_mutex_lock(&p->mu);
    p->done = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void bind_row(sqlite3_stmt *st, const Batch *b, int r)
{
    for (int i = 0; i < b->ncols; i++) {
        const Cell *c = &b->cells[r * b->ncols + i];
        switch (c->type) {
        case CELL_INT: sqlite3_bind_int64(st, i + 1, c->i); break;
        case CELL_REAL: sqlite3_bind_double(st, i + 1, c->d); break;
        case CELL_TEXT: sqlite3_bind_text(st, i + 1, b->text + c->off, (int)c->len, SQLITE_STATIC); break;
        default: sqlite3_bind_null(st, i + 1);
        }
    }
}

/* Inserts one row; on a constraint failure, err gets FILE:LINE:COL. */
static int insert_row(Store *s, sqlite3_stmt *st, const Ctx *x, const Table *t, const Batch *b, int r,
                      WfmErr *err)
{
    sqlite3 *db = store_db(s);
    bind_row(st, b, r);
    if (sqlite3_step(st) == SQLITE_DONE) {
        sqlite3_reset(st);
        return 0;
    }
    int ext = sqlite3_extended_errcode(db), col = 0;
    const long *lines = &b->lines[r * b->ncols];
    char why[400];
    if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) {
        char key[200];
        int i = key_text(x, t, b, r, key, sizeof key);
        col = i >= 0 ? i : 0;
        if (t->stage)   /* a run of its own: only the file can repeat a key */
            snprintf(why, sizeof why, "duplicate key (%s): already in the file", key);
        else
            snprintf(why, sizeof why, "duplicate key (%s): already in the file or the store; use --replace to overwrite", key);
    } else {
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(db));
    }
    sqlite3_reset(st);
    return wfm_err(err, WFM_EINPUT, "%s:%ld:%d: %s", csvin_name(x->in), lines[col],
                   x->map[col] >= 0 ? x->map[col] + 1 : 1, why);
}

int import_csv(Store *s, ImportKind kind, const char *path, int replace, const WfmConfig *cfg,
               ImportResult *res, WfmErr *err)
{
    const Table *t = &tables[kind];
    Ctx x = { 0 };
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    char *sql = NULL, name[40];
    int rc, in_tx = 0, fk_off = 0, started = 0;
    Pipe p;
    pthread_t th;

    memset(res, 0, sizeof *res);
    memset(&p, 0, sizeof p);
    x.err = err;
    x.cfg = cfg;
    if ((rc = csvin_open(path, &x.in, err)))
        return rc;
    rc = csvin_next(x.in, err);
    if (rc == 0) {
        rc = wfm_err(err, WFM_EINPUT, "%s:1:1: the file is empty (a header row is needed)", csvin_name(x.in));
        goto out;
    }
    if (rc < 0)
        goto out;
    for (int i = 0; i < t->ncols; i++) {
        x.map[i] = -1;
        canon(&t->cols[i], x.names[i], sizeof x.names[i]);
    }
    for (int f = 0; f < csvin_nfields(x.in); f++) {
        size_t hn;
        const char *h = csvin_field(x.in, f, &hn);
        char hs[256];
        int found = -1;
        csvin_show(h, hn, hs, sizeof hs);
        for (int i = 0; i < t->ncols && found < 0; i++)
            if (header_matches(&t->cols[i], h))
                found = i;
        if (found >= 0 && x.map[found] >= 0) {
            rc = row_err(&x, f, "column '%s' appears twice in the header", hs);
            goto out;
        }
        if (found >= 0)
            x.map[found] = f;
        else {
            size_t l = strlen(res->note);
            snprintf(res->note + l, sizeof res->note - l, "%s%s", l ? ", " : "ignored columns: ", hs);
        }
    }
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].required && x.map[i] < 0) {
            const char *alt = strchr(t->cols[i].names, '|');
            char alts[200] = "";
            for (size_t k = 0, n = 0; alt && alt[k] && n + 3 < sizeof alts; k++) {
                if (alt[k] == '|') {
                    if (k > 0)
                        alts[n++] = ',', alts[n++] = ' ';
                } else {
                    alts[n++] = alt[k];
                }
                alts[n] = 0;
            }
            rc = wfm_err(err, WFM_EINPUT, "%s:1:1: the header has no '%s' column%s%s%s", csvin_name(x.in),
                         canon(&t->cols[i], name, sizeof name), alt ? " (or " : "", alts,
                         alt ? ")" : "");
            goto out;
        }
    x.agent_col = -1;
    for (int i = 0; i < t->ncols; i++)
        if (kind != IMPORT_AGENTS && strcmp(x.names[i], "agent_id") == 0)
            x.agent_col = i;
    if (x.agent_col >= 0) {
        /* The importer checks agents itself; SQLite's per-row foreign key
         * lookup is switched off for this transaction only (a pragma that
         * takes effect outside transactions), and on again after it. */
        if ((rc = idset_load(s, &x.agents, err)))
            goto out;
        sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
        fk_off = 1;
    }
    sql = build_sql(t, replace);
    if (t->stage && sqlite3_exec(db, t->stage, NULL, NULL, NULL) != SQLITE_OK) {
        rc = store_sqlerr(s, err, "prepare the import");
        goto out;
    }
    if ((rc = store_begin(s, err)))
        goto out;
    in_tx = 1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = store_sqlerr(s, err, "prepare the import");
        goto out;
    }

    /* Reading and checking go on in a second thread; SQLite stays here. */
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    for (int k = 0; k < 2; k++) {
        p.b[k].ncols = t->ncols;
        p.b[k].cells = xmalloc(sizeof(Cell) * BATCH_ROWS * (size_t)t->ncols);
        p.b[k].lines = xmalloc(sizeof(long) * BATCH_ROWS * (size_t)t->ncols);
        p.b[k].tcap = 1 << 16;
        p.b[k].text = xmalloc(p.b[k].tcap);
    }
    p.x = &x;
    p.t = t;
    p.kind = kind;
    if (pthread_create(&th, NULL, reader, &p) != 0) {
        rc = wfm_err(err, WFM_EIO, "cannot start the reader thread");
        goto out;
    }
    started = 1;
    for (int slot = 0;; slot ^= 1) {
        pthread_mutex_lock(&p.mu);
        while (!p.full[slot] && !p.done)
            pthread_cond_wait(&p.cv, &p.mu);
        int full = p.full[slot];
        pthread_mutex_unlock(&p.mu);
        if (!full)
            break;
        for (int r = 0; r < p.b[slot].nrows && !rc; r++)
            if (!(rc = insert_row(s, st, &x, t, &p.b[slot], r, err)))
                res->rows++;
        pthread_mutex_lock(&p.mu);
        p.full[slot] = 0;
        if (rc)
            p.stop = 1;
        int last = p.done && !p.full[slot ^ 1];
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        if (rc || last)
            break;
    }
    pthread_join(th, NULL);
    started = 0;
    if (!rc && p.rc) {
        rc = p.rc;
        *err = p.err;
    }
    if (rc)
        goto out;
    if (res->rows == 0) {
        rc = wfm_err(err, WFM_EINPUT, "%s:2:1: the file has a header but no data rows", csvin_name(x.in));
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (t->finish && (rc = t->finish(s, cfg, path, res->rows, err)))
        goto out;
    rc = store_commit(s, err);
    in_tx = rc != 0;
out:
    if (started)
        pthread_join(th, NULL);
    sqlite3_finalize(st);
    if (in_tx)
        store_rollback(s);
    if (fk_off)
        sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (p.b[0].cells) {
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
    }
    for (int k = 0; k < 2; k++) {
        free(p.b[k].cells);
        free(p.b[k].lines);
        free(p.b[k].text);
    }
    idset_free(&x.agents);
    if (rc && res)
        res->rows = 0;
    free(sql);
    csvin_close(x.in);
    return rc;
}
