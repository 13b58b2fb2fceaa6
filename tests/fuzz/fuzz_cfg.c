/*
 * fuzz_cfg.c - libFuzzer harness for the configuration loader (data/cfg.h).
 *
 * The input is written to a temporary file and loaded with cfg_load.
 * A configuration that fails to load leaves nothing behind (*out all zero)
 * and says why in the project's words; one that loads holds only values its
 * own documentation allows (model/config.h, DESIGN.md): shares in 0..1,
 * shift templates that fit in a day with their meal inside the shift,
 * counts within their arrays, strings ended, weights that add up to 1, and
 * so on.  Loading the same text with cfg_load_string gives the same
 * configuration.
 */
#include "fuzz.h"
#include "../../data/cfg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_STR(a) FUZZ_CHECK(memchr((a), 0, sizeof(a)) != NULL, "%s is not NUL-terminated", #a)
#define CHECK_IN(v, lo, hi) \
    FUZZ_CHECK(isfinite((double)(v)) && (v) >= (lo) && (v) <= (hi), "%s = %g is not in [%g, %g]", #v, (double)(v), \
               (double)(lo), (double)(hi))

static int zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void check_shift(const WfmConfig *c, int i)
{
    const ShiftTemplate *t = &c->shifts[i];
    CHECK_STR(t->name);
    FUZZ_CHECK(t->name[0], "shifts.[%d] has an empty name", i);
    CHECK_IN(t->kind, 0, SHIFT_KIND_COUNT - 1);
    CHECK_IN(t->start_min, 0, 1439);
    CHECK_IN(t->length_min, 60, 1440);
    CHECK_IN(t->meal_min, 0, t->length_min - 1);
    if (t->meal_min > 0) {
        /* the meal starts in its window and ends inside the shift */
        CHECK_IN(t->meal_from_min, 0, t->meal_to_min);
        CHECK_IN(t->meal_to_min + t->meal_min, 0, t->length_min);
    }
    FUZZ_CHECK(t->days && !(t->days & ~(unsigned)RUN_ALL), "shifts.[%d].days = %#x", i, t->days);
    CHECK_IN(t->remote_ok, 0, 1);
    for (int j = 0; j < i; j++)
        FUZZ_CHECK(strcmp(c->shifts[j].name, t->name), "two shifts are named '%s'", t->name);
}

static void check_limit(const WfmConfig *c, int i)
{
    const RuleLimit *l = &c->limits[i];
    CHECK_STR(l->label);
    CHECK_IN(l->team, -1, c->nteams - 1);
    CHECK_IN(l->forbidden, 0, 1);
    CHECK_IN(l->n, l->forbidden ? 2 : 1, l->forbidden ? WFM_SEQ_MAX : 1);
    int lo[] = { l->min_consecutive, l->min_per_week, l->min_per_month };
    int hi[] = { l->max_consecutive, l->max_per_week, l->max_per_month };
    for (int k = 0; k < 3; k++)
        FUZZ_CHECK(lo[k] >= 0 && (hi[k] < 0 || lo[k] <= hi[k]), "%s: a minimum %d above its maximum %d", l->label,
                   lo[k], hi[k]);
    if (c->nshifts < 64)
        for (int k = 0; k < l->n; k++)
            FUZZ_CHECK(!(l->what[k].shifts >> c->nshifts), "%s names shift %d of %d", l->label, k, c->nshifts);
}

static void check_config(const WfmConfig *c, const char *text)
{
    CHECK_STR(c->path);
    CHECK_STR(c->name);
    CHECK_STR(c->timezone);
    CHECK_IN(c->language, LANG_EN, LANG_KO);
    CHECK_IN(c->pseudonymise, 0, 1);
    CHECK_IN(c->sl_target, 0, 1);
    CHECK_IN(c->sl_seconds, 0, 86400);
    CHECK_IN(c->answer_rate, 0, 1);
    CHECK_IN(c->max_occupancy, 0.0001, 1);
    CHECK_IN(c->max_asa_s, 0, 86400);
    CHECK_IN(c->patience_s, 0, 1e9);
    CHECK_IN(c->aht_s, 0.0001, 86400);
    CHECK_IN(c->model, MODEL_ERLANG_C, MODEL_ERLANG_A);
    CHECK_IN(c->sl_definition, SL_ANSWERED_OVER_OFFERED, SL_WAIT_LE_T_ALL);
    CHECK_IN(c->extra_break_min, 0, 59.99);
    CHECK_IN(c->shrinkage, 0, 0.9999);
    CHECK_IN(wfm_config_availability(c), 0.0001, 1);
    for (int h = 0; h < 24; h++)
        CHECK_IN(c->weak_hours[h], 0, 1);
    CHECK_IN(c->weak_weight, 0, 1e6);

    CHECK_IN(c->nshifts, 1, WFM_MAX_SHIFTS);
    for (int i = 0; i < c->nshifts; i++)
        check_shift(c, i);
    CHECK_IN(c->nqueues, 1, WFM_MAX_QUEUES);
    for (int i = 0; i < c->nqueues; i++) {
        CHECK_STR(c->queues[i].name);
        CHECK_STR(c->queues[i].skill);
        CHECK_IN(c->queues[i].aht_s, 0.0001, 86400);
    }
    CHECK_IN(c->nteams, 0, WFM_MAX_TEAMS);
    for (int i = 0; i < c->nteams; i++) {
        CHECK_STR(c->teams[i].name);
        FUZZ_CHECK(c->teams[i].kinds && c->teams[i].kinds < 1u << SHIFT_KIND_COUNT, "teams.[%d].kinds = %#x", i,
                   c->teams[i].kinds);
        CHECK_IN(c->teams[i].every_weekend, 0, 1);
    }

    CHECK_IN(c->remote_max_share, 0, 1);
    CHECK_IN(c->remote_seats, 0, 1e9);
    CHECK_IN(c->max_consecutive_days, 1, 31);
    CHECK_IN(c->min_rest_hours, 0, 168);
    CHECK_IN(c->weekly_hours, 0.0001, 168);
    CHECK_IN(c->max_weekly_hours, c->weekly_hours, 168);
    CHECK_IN(c->min_days_off_per_week, 0, 7);
    CHECK_IN(c->contract_days, 0, 1);
    CHECK_IN(c->nlimits, 0, WFM_MAX_LIMITS);
    for (int i = 0; i < c->nlimits; i++)
        check_limit(c, i);

    CHECK_IN(c->fair_weekend, 0, 1e6);
    CHECK_IN(c->fair_night, 0, 1e6);
    CHECK_IN(c->fair_early, 0, 1e6);
    double w[] = { c->cpd_w_cpd, c->cpd_w_fcr, c->cpd_w_qa, c->cpd_w_adherence };
    for (int i = 0; i < 4; i++)
        CHECK_IN(w[i], 0, 1);
    FUZZ_CHECK(fabs(w[0] + w[1] + w[2] + w[3] - 1) <= 1e-6, "the CPD weights add up to %.17g", w[0] + w[1] + w[2] + w[3]);
    CHECK_IN(c->lp_bottom_share, 0, 1);
    CHECK_IN(c->lp_months_window, 1, 120);
    CHECK_IN(c->lp_months_flagged, 1, c->lp_months_window);
    CHECK_IN(c->lp_min_days, 1, 31);
    CHECK_IN(c->lp_history_months, 1, 60);
    CHECK_IN(c->lp_sure, 0.5, 0.999);

    CHECK_IN(c->nstages, 0, WFM_MAX_STAGES);
    for (int i = 0; i < c->nstages; i++) {
        CHECK_STR(c->stages[i].name);
        CHECK_IN(c->stages[i].calls_per_day, 0, 1e12);
    }
    CHECK_IN(c->overtime_cap_h, 0, 168);
    CHECK_IN(c->overtime_day_h, 0, 24);
    CHECK_IN(c->outside_aht_factor, 0.0001, 1e6);
    CHECK_IN(c->noutside_blocks, 1, 4);
    for (int i = 0; i < c->noutside_blocks; i++)
        CHECK_IN(c->outside_block_h[i], 1, 24);
    CHECK_IN(c->night_premium, 0, 1e6);
    CHECK_IN(c->overtime_premium, 0, 1e6);
    CHECK_IN(c->holiday_premium, 0, 1e6);

    FUZZ_CHECK(c->holidays.n == 0 || c->holidays.days, "holidays: %zu days and no array", c->holidays.n);
    for (size_t i = 0; i < c->holidays.n; i++)
        FUZZ_CHECK(cal_is_holiday(&c->holidays, c->holidays.days[i]), "holiday %zu is not a holiday", i);
    CHECK_IN(c->nevents, 0, WFM_MAX_EVENTS);
    for (int i = 0; i < c->nevents; i++) {
        CHECK_STR(c->events[i].note);
        CHECK_IN(c->events[i].multiplier, 0, 1e6);
    }

    /* the hash is FNV-1a of the text */
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = text; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    FUZZ_CHECK(c->hash == h, "the hash is %#llx, not FNV-1a's %#llx", (unsigned long long)c->hash,
               (unsigned long long)h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static WfmConfig a, b;   /* large: off the stack */
    char path[128];
    WfmErr ea, eb;
    char *text;
    int ra, rb;

    snprintf(path, sizeof path, "%s/in.cfg", fuzz_tmpdir());
    fuzz_write(path, data, size);
    memset(&ea, 0, sizeof ea);
    ra = cfg_load(path, &a, &ea);
    if (getenv("WFM_FUZZ_VERBOSE"))
        fprintf(stderr, "cfg: %s\n", ra ? ea.msg : "ok");

    if (size && memchr(data, 0, size)) {   /* the file's NUL is refused; a string ends at it: nothing to compare */
        FUZZ_CHECK(ra == WFM_EINPUT && strstr(ea.msg, "a NUL byte"), "a NUL byte was not refused: %s", ra ? ea.msg : "ok");
        FUZZ_CHECK(zero(&a, sizeof a), "a failed load left something in *out: %s", ea.msg);
        return 0;
    }
    text = malloc(size + 1);
    if (!text)
        abort();
    if (size)
        memcpy(text, data, size);
    text[size] = 0;
    rb = cfg_load_string(text, path, &b, &eb);
    FUZZ_CHECK(ra == rb, "cfg_load gives %d, cfg_load_string %d", ra, rb);

    if (ra) {
        FUZZ_CHECK(ra == WFM_EINPUT, "a bad configuration failed with %d: %s", ra, ea.msg);
        FUZZ_CHECK(zero(&a, sizeof a), "a failed load left something in *out: %s", ea.msg);
        FUZZ_CHECK(strcmp(ea.msg, eb.msg) == 0, "the messages differ: '%s' and '%s'", ea.msg, eb.msg);
        FUZZ_CHECK(strncmp(ea.msg, "invalid setting '", 17) == 0 || strncmp(ea.msg, "unknown setting '", 17) == 0 ||
                       strncmp(ea.msg, "cannot parse '", 14) == 0,
                   "the message '%s' is neither 'invalid setting', 'unknown setting' nor 'cannot parse'", ea.msg);
        FUZZ_CHECK(strstr(ea.msg, path) != NULL, "the message '%s' does not name the file", ea.msg);
    } else {
        check_config(&a, text);
        /* the same but for the holidays' array, which is compared by value */
        Calendar ha = a.holidays, hb = b.holidays;
        a.holidays.days = b.holidays.days = NULL;
        FUZZ_CHECK(memcmp(&a, &b, sizeof a) == 0, "cfg_load and cfg_load_string give different configurations");
        FUZZ_CHECK(ha.n == hb.n && (ha.n == 0 || memcmp(ha.days, hb.days, ha.n * sizeof *ha.days) == 0),
                   "the holidays differ");
        a.holidays = ha;
        b.holidays = hb;
    }
    wfm_config_free(&a);
    wfm_config_free(&b);
    free(text);
    return 0;
}
