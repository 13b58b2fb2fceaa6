#include "helpers.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"

#include <sys/stat.h>

/* A small valid configuration; each case below puts one line in at line 4
 * (the "@" mark), so its expected message can name t.cfg:4. */
static const char base[] =
    "center = { name = \"t\"; language = \"en\"; };\n"
    "shifts = ( { name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; } );\n"
    "teams = ( { name = \"day\"; kinds = [\"day\"]; } );\n"
    "@\n";

static int load_with(const char *line, WfmConfig *c, WfmErr *err)
{
    char text[4096];
    const char *at = strchr(base, '@');
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base), base, line, at + 1);
    return cfg_load_string(text, "t.cfg", c, err);
}

/* The same with no teams: each case puts its line in at line 3. */
static const char base_no_teams[] =
    "center = { name = \"t\"; language = \"en\"; };\n"
    "shifts = ( { name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; } );\n"
    "@\n";

static int load_in(const char *tmpl, const char *line, WfmConfig *c, WfmErr *err)
{
    char text[4096];
    const char *at = strchr(tmpl, '@');
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - tmpl), tmpl, line, at + 1);
    return cfg_load_string(text, "t.cfg", c, err);
}

typedef struct Case {
    const char *tmpl, *line, *msg;
} Case;

static void expect_refused(const Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        WfmConfig c;
        WfmErr err = { 0, "" };
        int rc = load_in(cases[i].tmpl, cases[i].line, &c, &err);
        if (rc == 0)
            fail_msg("case %zu (%s) loaded", i, cases[i].line);
        assert_int_equal(rc, WFM_EINPUT);
        if (!strstr(err.msg, cases[i].msg))
            fail_msg("case %zu (%s): '%s' lacks '%s'", i, cases[i].line, err.msg, cases[i].msg);
    }
}

static void test_samples_load(void **state)
{
    WfmConfig c;
    WfmErr err = { 0, "" };
    (void)state;
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &c, &err), 0);
    assert_int_equal(c.language, LANG_KO);
    assert_int_equal(c.nshifts, 9);
    assert_int_equal(c.nteams, 3);
    assert_int_equal(c.nqueues, 3);
    assert_int_equal(c.remote_seats, 200);
    assert_close(c.remote_max_share, 0.5, 0);
    assert_close(c.extra_break_min, 7.5, 0);
    /* 52.5 of 60 minutes, times (1 - 5%) other shrinkage */
    assert_close(wfm_config_availability(&c), 52.5 / 60 * 0.95, 1e-15);
    /* The evening shift crosses midnight: 18:00 for 7 hours, meal 20:00-22:00. */
    const ShiftTemplate *e = &c.shifts[7];
    assert_string_equal(e->name, "E18");
    assert_int_equal(e->kind, SHIFT_EVENING);
    assert_int_equal(e->start_min, 18 * 60);
    assert_int_equal(e->length_min, 420);
    assert_int_equal(e->meal_from_min, 120);
    assert_int_equal(e->meal_to_min, 240);
    assert_int_equal(e->days, RUN_ALL);
    assert_int_equal(c.shifts[0].days, RUN_WEEKDAYS);
    assert_int_equal(c.shifts[5].days, RUN_WEEKEND | RUN_HOLIDAY);
    /* Lunar holidays come from the configuration: Chuseok 2020. */
    assert_true(cal_is_holiday(&c.holidays, date_from_ymd(2020, 10, 1)));
    assert_false(cal_is_holiday(&c.holidays, date_from_ymd(2020, 10, 5)));
    assert_true(c.weak_hours[9] && !c.weak_hours[8]);
    assert_int_equal(c.nstages, 2);
    assert_close(c.stages[1].calls_per_day, 80000, 0);
    wfm_config_free(&c);
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_GIMPO), "gimpo.cfg", &c, &err), 0);
    assert_int_equal(c.nshifts, 2);
    assert_int_equal(c.shifts[0].start_min, 8 * 60 + 30);
    wfm_config_free(&c);
}

static void test_bad_values(void **state)
{
    static const struct { const char *line; const char *msg; } cases[] = {
        { "remote = { max_share = 1.7; };", "invalid setting 'remote.max_share' at t.cfg:4: 1.7 is above 1" },
        { "fairness = { remote = 0.5; };", "invalid setting 'fairness.remote' at t.cfg:4: remote days are dealt out evenly" },
        { "remote = { max_share = -0.1; };", "invalid setting 'remote.max_share' at t.cfg:4: -0.1 is below 0" },
        { "remote = { max_share = \"half\"; };", "invalid setting 'remote.max_share' at t.cfg:4: a number is needed" },
        { "remote = { seats = 2.5; };", "invalid setting 'remote.seats' at t.cfg:4: 2.5 is not a whole number" },
        { "service = { sl_target = 80.0; };", "invalid setting 'service.sl_target' at t.cfg:4: 80.0 is above 1" },
        { "service = { model = \"erlang-x\"; };",
          "invalid setting 'service.model' at t.cfg:4: 'erlang-x' is not one of erlang-c, erlang-a" },
        { "center = { name = \"t\"; language = \"fr\"; };", "" /* a duplicate group is a parse error */ },
        { "holidays = [\"2026-02-30\"];", "invalid setting 'holidays' at t.cfg:4: '2026-02-30' is not a real date YYYY-MM-DD" },
        { "holidays = [\"2026-01-01\", \"tomorrow\"];", "invalid setting 'holidays' at t.cfg:4: 'tomorrow' is not a real date" },
        { "rules = { weekly_hours = 40.0; max_weekly_hours = 30.0; };",
          "invalid setting 'rules.max_weekly_hours' at t.cfg:4: 30.0 is below rules.weekly_hours (40)" },
        { "availability = { weak_hours = [9, 24]; };", "invalid setting 'availability.weak_hours' at t.cfg:4: 24 is not an hour 0-23" },
        { "score = { weights = { cpd = 0.9; fcr = 0.9; }; };", "invalid setting 'score.weights' at t.cfg:4: the weights add up to" },
        { "score = { weights = { cpd = 0.5; acw = 0.15; fcr = 0.15; }; };", "invalid setting 'score.weights.acw' at t.cfg:4: after-call work is part of" },
        { "score = { low_performer = { months_flagged = 4; months_window = 3; }; };",
          "invalid setting 'score.low_performer.months_flagged' at t.cfg:4: 4 is more than months_window (3)" },
        { "score = { low_performer = { history_months = 0; }; };",
          "invalid setting 'score.low_performer.history_months' at t.cfg:4: 0 is below 1" },
        { "score = { low_performer = { history_months = 6.5; }; };",
          "invalid setting 'score.low_performer.history_months' at t.cfg:4: 6.5 is not a whole number" },
        { "events = ( { date = \"2020-02-31\"; multiplier = 2.0; } );", "'2020-02-31' is not a real date" },
        { "center.pseudonymise = 1;", "" },
        { "fairness = { max_day_ratio = 0.5; };",
          "invalid setting 'fairness.max_day_ratio' at t.cfg:4: 0.5 is below 1: every day would have to be short" },
        { "fairness = { max_day_ratio = 101.0; };", "invalid setting 'fairness.max_day_ratio' at t.cfg:4: 101.0 is above 100" },
        { "surge = { outside_block_h = [4, 13]; };", "invalid setting 'surge.outside_block_h' at t.cfg:4: 13 is not a block of 1-12 hours" },
        { "rules = { limits = ( { what = \"nights\"; max_consecutive = 3; } ); };",
          "invalid setting 'rules.limits.[0].what' at t.cfg:4: 'nights' is no shift kind (day, evening, night), template" },
        { "rules = { limits = ( { what = \"D\"; min_per_week = 4; max_per_week = 3; } ); };",
          "invalid setting 'rules.limits.[0].min_per_week' at t.cfg:4: 4 is above max_per_week (3): no month can keep both" },
        { "rules = { limits = ( { what = \"off\"; } ); };", "invalid setting 'rules.limits' at t.cfg:4: entry 0 sets no limit" },
        { "rules = { limits = ( { what = \"off\"; min_consecutive = 2; team = \"nights\"; } ); };",
          "invalid setting 'rules.limits.[0].team' at t.cfg:4: 'nights' is not one of the teams" },
        { "rules = { limits = ( { max_consecutive = 2; } ); };", "invalid setting 'rules.limits.[0].what' at t.cfg:4: the setting is missing" },
        { "rules = { forbidden = ( { sequence = [\"night\"]; } ); };",
          "invalid setting 'rules.forbidden.[0].sequence' at t.cfg:4: a list of 2 to 4 days" },
        { "rules = { limits = ( { what = \"work\"; max_per_month = 31; min_per_month = 31; max_per_week = 7; min_per_week = 7; "
          "max_consecutive = 31; min_consecutive = 31; }, { what = \"off\"; max_per_month = 31; min_per_month = 31; "
          "max_per_week = 7; min_per_week = 7; max_consecutive = 31; } ); };",
          "need more state than the solver carries (44 bits of 32)" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        WfmConfig c;
        WfmErr err = { 0, "" };
        int rc = load_with(cases[i].line, &c, &err);
        if (rc == 0)
            fail_msg("case %zu (%s) loaded", i, cases[i].line);
        assert_int_equal(rc, WFM_EINPUT);
        assert_contains(err.msg, cases[i].msg);
    }
}

/* At most WFM_MAX_TEMPLATES (30) templates: the roster's states keep one
 * in 5 bits; 30 load, 31 are refused with the file and line. */
static void test_template_limit(void **state)
{
    WfmConfig c;
    WfmErr err;
    (void)state;
    for (int n = 30; n <= 31; n++) {
        char text[8192];
        int o = snprintf(text, sizeof text, "center = { name = \"t\"; };\nshifts = (\n");
        for (int i = 0; i < n; i++)
            o += snprintf(text + o, sizeof text - (size_t)o,
                          "  { name = \"D%d\"; kind = \"day\"; start = \"%02d:%02d\"; length_h = 8.0; meal_min = 60; }%s\n",
                          i, 6 + i / 4, i % 4 * 15, i + 1 < n ? "," : "");
        snprintf(text + o, sizeof text - (size_t)o, ");\n");
        int rc = cfg_load_string(text, "t.cfg", &c, &err);
        if (n == 30) {
            assert_int_equal(rc, 0);
            assert_int_equal(c.nshifts, 30);
            wfm_config_free(&c);
        } else {
            assert_int_equal(rc, WFM_EINPUT);
            assert_contains(err.msg, "invalid setting 'shifts' at t.cfg:2: 31 entries is more than the 30 allowed");
        }
    }
}

static void test_bad_shifts(void **state)
{
    /* Whole configurations whose shift templates are wrong. */
    static const struct { const char *shift; const char *msg; } cases[] = {
        { "{ name = \"E\"; kind = \"evening\"; start = \"18:00\"; length_h = 7.0; meal_min = 30; "
          "meal_window = [\"00:40\", \"00:50\"]; }",
          "invalid setting 'shifts.E.meal_window' at t.cfg:2: a meal starting at the window's end would run past the shift's end" },
        { "{ name = \"E\"; kind = \"evening\"; start = \"18:00\"; length_h = 7.0; meal_min = 30; "
          "meal_window = [\"23:00\", \"20:00\"]; }",
          "the window's earliest start comes after its latest" },
        { "{ name = \"D\"; kind = \"day\"; start = \"25:00\"; length_h = 9.0; meal_min = 60; }",
          "invalid setting 'shifts.D.start' at t.cfg:2: '25:00' is not a time of day HH:MM" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 25.0; meal_min = 60; }",
          "invalid setting 'shifts.[0].length_h' at t.cfg:2: 25.0 is above 24" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.1; meal_min = 60; }",
          "invalid setting 'shifts.D.length_h' at t.cfg:2: 9.1 h is not a whole number of quarter hours" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 30; }",
          "invalid setting 'shifts.D.meal_min' at t.cfg:2: 30 minutes is below the legal break for 510 minutes of work (60)" },
        { "{ name = \"D\"; kind = \"dawn\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; }",
          "'dawn' is not one of day, evening, night" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; days = [\"mon\", \"funday\"]; }",
          "'funday' is not a day" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 9.0; meal_min = 60; }, "
          "{ name = \"D\"; kind = \"day\"; start = \"10:00\"; length_h = 9.0; meal_min = 60; }",
          "the name 'D' is used twice" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 1.0; meal_min = 90; }",   /* make fuzz's finding */
          "invalid setting 'shifts.D.meal_min' at t.cfg:2: a meal of 90 minutes leaves nothing of a 60-minute shift" },
        { "{ name = \"D\"; kind = \"day\"; start = \"09:00\"; length_h = 1.0; meal_min = 60; }",
          "a meal of 60 minutes leaves nothing of a 60-minute shift" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        WfmConfig c;
        WfmErr err = { 0, "" };
        snprintf(text, sizeof text, "center = { name = \"t\"; };\nshifts = ( %s );\n", cases[i].shift);
        int rc = cfg_load_string(text, "t.cfg", &c, &err);
        if (rc == 0)
            fail_msg("case %zu loaded", i);
        assert_contains(err.msg, cases[i].msg);
    }
}

static void test_parse_and_files(void **state)
{
    WfmConfig c;
    WfmErr err = { 0, "" };
    (void)state;
    assert_int_equal(cfg_load_string("center = { name = \"x\" \n oops", "p.cfg", &c, &err), WFM_EINPUT);
    assert_contains(err.msg, "cannot parse 'p.cfg': line 2");
    assert_int_equal(cfg_load("/nonexistent/wfm.cfg", &c, &err), WFM_EIO);
    assert_contains(err.msg, "cannot read configuration '/nonexistent/wfm.cfg'");
    assert_int_equal(cfg_load_string("shifts = ();", "m.cfg", &c, &err), WFM_EINPUT);
    assert_string_equal(err.msg, "invalid setting 'center.name' in m.cfg: the setting is missing");
    /* auto-convert: an integer where a float is expected is fine */
    assert_int_equal(load_with("service = { sl_seconds = 20; patience_s = 90; };", &c, &err), 0);
    assert_close(c.sl_seconds, 20, 0);
    wfm_config_free(&c);
}

/* Issue 16: typos were silently ignored.  Every name is known or an error
 * naming it, its file:line and the nearest known name. */
static void test_unknown_names(void **state)
{
    static const Case cases[] = {
        { base, "service = { sl_targte = 0.9; };", "unknown setting 'service.sl_targte' at t.cfg:4: did you mean 'sl_target'?" },
        { base, "servce = { sl_target = 0.9; };", "unknown setting 'servce' at t.cfg:4: did you mean 'service'?" },
        { base, "\nservice = {\n  model = \"erlang-c\";\n  sl_seconds = 20;\n  answr_rate = 0.9;\n};",
          "unknown setting 'service.answr_rate' at t.cfg:8: did you mean 'answer_rate'?" },
        { base, "queues = ( { name = \"phone\"; colour = \"red\"; } );",
          "unknown setting 'queues.[0].colour' at t.cfg:4: the names known here are name, skill, aht_s" },
        { base, "rules = { limits = ( { what = \"off\"; min_consecutive = 2; max_consecutiv = 3; } ); };",
          "unknown setting 'rules.limits.[0].max_consecutiv' at t.cfg:4: did you mean 'max_consecutive'?" },
        { base, "score = { lowperformer = { min_days = 5; }; };",
          "unknown setting 'score.lowperformer' at t.cfg:4: did you mean 'low_performer'?" },
        { base, "surge = { stages = ( { name = \"o\"; calls_per_day = 100.0; cals = 1; } ); };",
          "unknown setting 'surge.stages.[0].cals' at t.cfg:4" },
        { base, "events = ( { date = \"2020-02-24\"; multiplier = 1.5; nota = \"x\"; } );",
          "unknown setting 'events.[0].nota' at t.cfg:4: did you mean 'note'?" },
        { base, "wibble = 1;", "unknown setting 'wibble' at t.cfg:4: the names known here are center, service," },
        /* a misspelt required name is taken for what it misspells */
        { "center = { nmae = \"t\"; };\n@", "", "unknown setting 'center.nmae' at t.cfg:1: did you mean 'name'?" },
        { "centre = { name = \"t\"; };\n@", "", "unknown setting 'centre' at t.cfg:1: did you mean 'center'?" },
        { base_no_teams, "teams = ( { nmae = \"day\"; } );", "unknown setting 'teams.[0].nmae' at t.cfg:3: did you mean 'name'?" },
        { base, "@include \"other.cfg\"", "cannot parse 't.cfg': line 4: @include is not supported" },
    };
    (void)state;
    expect_refused(cases, sizeof cases / sizeof cases[0]);
}

/* Issue 16: a scalar for a list or group, a list for a scalar, a string
 * for a number were accepted or misread. */
static void test_wrong_shapes(void **state)
{
    static const Case cases[] = {
        { base, "service = 5;", "invalid setting 'service' at t.cfg:4: a group { ... } is needed" },
        { base, "remote = ( 0.5 );", "invalid setting 'remote' at t.cfg:4: a group { ... } is needed" },
        { base, "score = { weights = 1.0; };", "invalid setting 'score.weights' at t.cfg:4: a group { ... } is needed" },
        { "center = 5;\n@", "", "invalid setting 'center' at t.cfg:1: a group { ... } is needed" },
        { base, "service = { sl_target = [0.8]; };", "invalid setting 'service.sl_target' at t.cfg:4: a number is needed" },
        { base, "remote = { seats = \"3\"; };", "invalid setting 'remote.seats' at t.cfg:4: a whole number is needed" },
        { base, "remote = { seats = [3]; };", "invalid setting 'remote.seats' at t.cfg:4: a whole number is needed" },
        { base, "center2 = { name = [\"x\"]; };", "unknown setting 'center2'" },
        { base, "availability = { weak_hours = 9; };", "invalid setting 'availability.weak_hours' at t.cfg:4: a list [...]" },
        { base, "availability = { weak_hours = [\"9\"]; };", "invalid setting 'availability.weak_hours' at t.cfg:4: each entry is an hour 0-23" },
        { base, "surge = { outside_block_h = 4; };", "invalid setting 'surge.outside_block_h' at t.cfg:4: a list [...]" },
        { base, "holidays = \"2020-01-01\";", "invalid setting 'holidays' at t.cfg:4: a list of dates" },
        { base, "queues = ( \"phone\" );", "invalid setting 'queues' at t.cfg:4: entry 0 is not a group { ... }" },
        { base, "surge = { stages = ( 60000.0 ); };", "invalid setting 'surge.stages' at t.cfg:4: entry 0 is not a group" },
        { base, "events = ( \"2020-02-24\" );", "invalid setting 'events' at t.cfg:4: entry 0 is not a group" },
        { base, "rules = { limits = { what = \"off\"; min_consecutive = 2; }; };",
          "invalid setting 'rules.limits' at t.cfg:4: a list ( ... ) is needed" },
        { base_no_teams, "teams = ( { name = \"day\"; kinds = \"day\"; } );",
          "invalid setting 'teams.day.kinds' at t.cfg:3: a list of shift kinds" },
        { base_no_teams, "teams = ( { name = \"day\"; kinds = []; } );", "invalid setting 'teams.day.kinds' at t.cfg:3: the list of kinds is empty" },
        { base_no_teams, "teams = ( { name = [\"day\"]; } );", "invalid setting 'teams.[0].name' at t.cfg:3: a string is needed" },
        { base, "center = 1;", "" /* libconfig: a duplicate setting */ },
    };
    (void)state;
    expect_refused(cases, sizeof cases / sizeof cases[0]);
    WfmConfig c;
    WfmErr err = { 0, "" };
    assert_int_equal(cfg_load_string("center = { name = \"t\"; };\nshifts = ( { name = \"D\"; kind = \"day\"; "
                                     "start = \"09:00\"; length_h = 9.0; meal_min = 60; meal_window = { a = \"12:00\"; "
                                     "b = \"13:00\"; }; } );\n", "t.cfg", &c, &err), WFM_EINPUT);
    assert_contains(err.msg, "invalid setting 'shifts.D.meal_window' at t.cfg:2: a window [\"HH:MM\", \"HH:MM\"]");
}

/* Issue 16: duplicate names failed later as "UNIQUE constraint failed";
 * entries that repeat or would be ignored are errors. */
static void test_duplicates_and_ignored(void **state)
{
    static const Case cases[] = {
        { base_no_teams, "teams = ( { name = \"day\"; }, { name = \"day\"; kinds = [\"night\"]; } );",
          "invalid setting 'teams' at t.cfg:3: the name 'day' is used twice" },
        { base, "queues = ( { name = \"phone\"; }, { name = \"phone\"; skill = \"sign\"; } );",
          "invalid setting 'queues' at t.cfg:4: the name 'phone' is used twice" },
        { base, "surge = { stages = ( { name = \"o\"; calls_per_day = 10.0; }, { name = \"o\"; calls_per_day = 20.0; } ); };",
          "invalid setting 'surge.stages' at t.cfg:4: the name 'o' is used twice" },
        { base, "holidays = [\"2020-01-01\", \"2020-03-01\", \"2020-01-01\"];", "invalid setting 'holidays' at t.cfg:4: '2020-01-01' is listed twice" },
        { base, "availability = { weak_hours = [9, 13, 9]; };", "invalid setting 'availability.weak_hours' at t.cfg:4: 9 is listed twice" },
        { base, "service = { sl_target = 0.8; sl_target = 0.9; };", "cannot parse 't.cfg': line 4: duplicate setting name" },
        { base, "surge = { outside_block_h = [4, 4]; };", "invalid setting 'surge.outside_block_h' at t.cfg:4: 4 is listed twice" },
        { base_no_teams, "teams = ( { name = \"n\"; kinds = [\"night\", \"evening\", \"night\"]; } );",
          "invalid setting 'teams.n.kinds' at t.cfg:3: 'night' is listed twice" },
        /* past the fixed arrays of model/config.h: refused, naming the limit */
        { base, "surge = { outside_block_h = [1, 2, 3, 4, 5]; };",
          "invalid setting 'surge.outside_block_h' at t.cfg:4: 5 entries is more than the 4 allowed" },
        { base, "rules = { forbidden = ( { sequence = [\"day\", \"day\", \"day\", \"day\", \"off\"]; } ); };",
          "a list of 2 to 4 days" },
    };
    static const struct { const char *shift, *msg; } shifts[] = {
        { "meal_min = 0; meal_window = [\"12:00\", \"13:00\"];", "invalid setting 'shifts.D.meal_window' at t.cfg:2: a meal window "
          "with meal_min = 0 (no meal) would be ignored" },
        { "meal_min = 60; days = [\"mon\", \"tue\", \"mon\"];", "invalid setting 'shifts.D.days' at t.cfg:2: 'mon' adds no day" },
        { "meal_min = 60; days = [\"weekdays\", \"fri\"];", "invalid setting 'shifts.D.days' at t.cfg:2: 'fri' adds no day" },
    };
    (void)state;
    expect_refused(cases, sizeof cases / sizeof cases[0]);
    for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        char text[1024];
        WfmConfig c;
        WfmErr err = { 0, "" };
        snprintf(text, sizeof text, "center = { name = \"t\"; };\nshifts = ( { name = \"D\"; kind = \"day\"; "
                 "start = \"09:00\"; length_h = 3.5; %s } );\n", shifts[i].shift);
        assert_int_equal(cfg_load_string(text, "t.cfg", &c, &err), WFM_EINPUT);
        assert_contains(err.msg, shifts[i].msg);
    }
}

/* Issue 16: seats = 1000000000000 was "-7.27e+08 is below 0": libconfig
 * 1.5 wraps an integer into 32 bits.  Integers are read as 64 bits and
 * quoted as written. */
static void test_numbers_as_written(void **state)
{
    static const Case cases[] = {
        { base, "remote = { seats = 1000000000000; };", "invalid setting 'remote.seats' at t.cfg:4: 1000000000000 is above 1000000" },
        { base, "remote = { seats = -1000000000000; };", "invalid setting 'remote.seats' at t.cfg:4: -1000000000000 is below 0" },
        { base, "remote = { seats = 2147483648; };", "2147483648 is above 1000000" },
        { base, "remote = { seats = 99999999999999999999; };", "99999999999999999999 is above 1000000" },
        { base, "remote = { seats = 1000000000000.0; };", "1000000000000.0 is above 1000000" },
        { base, "surge = { stages = ( { name = \"o\"; calls_per_day = 1000000000000; } ); };",
          "invalid setting 'surge.stages.[0].calls_per_day' at t.cfg:4: 1000000000000 is above 10000000" },
        { base, "service = { sl_target = 1e400; };", "invalid setting 'service.sl_target' at t.cfg:4: 1e400 is not a finite number" },
        { base, "service = { sl_seconds = 20; sl_target = 0.80; answer_rate = 1.50; };", "1.50 is above 1" },
        { base, "availability = { weak_hours = [9, 4294967305]; };", "4294967305 is not an hour 0-23" },
        { base, "rules = { max_consecutive_days = 4294967302; };", "4294967302 is above 31" },
    };
    WfmConfig c;
    WfmErr err = { 0, "" };
    (void)state;
    expect_refused(cases, sizeof cases / sizeof cases[0]);
    /* what is in range still loads, in any integer form */
    assert_int_equal(load_with("remote = { seats = 1000000; max_share = 1; }; surge = { outside_block_h = [0x4, 8L]; };",
                               &c, &err), 0);
    assert_int_equal(c.remote_seats, 1000000);
    assert_int_equal(c.outside_block_h[0], 4);
    assert_int_equal(c.outside_block_h[1], 8);
    wfm_config_free(&c);
}

/* Issue 16: a directory as --config aborted ("out of memory allocating
 * 9223372036854775808 bytes"); a FIFO hung. */
static void test_not_a_file(void **state)
{
    char dir[] = "/tmp/wfm-cfg-XXXXXX", fifo[64], nul[64];
    WfmConfig c;
    WfmErr err = { 0, "" };
    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(cfg_load(dir, &c, &err), WFM_EIO);
    assert_contains(err.msg, "it is a directory, not a file");
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(cfg_load(fifo, &c, &err), WFM_EIO);
    assert_contains(err.msg, "it is a pipe, not a file");
    assert_int_equal(cfg_load("/dev/null", &c, &err), WFM_EIO);
    assert_contains(err.msg, "it is a device, not a file");
    snprintf(nul, sizeof nul, "%s/nul.cfg", dir);
    FILE *f = fopen(nul, "wb");
    assert_non_null(f);
    fwrite("center = { name = \"t\"; };\n\0shifts = 1;\n", 1, 40, f);
    fclose(f);
    assert_int_equal(cfg_load(nul, &c, &err), WFM_EINPUT);
    assert_contains(err.msg, "cannot parse '");
    assert_contains(err.msg, "line 2: a NUL byte");
    remove(nul);
    remove(fifo);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_load), cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_shifts), cmocka_unit_test(test_parse_and_files),
        cmocka_unit_test(test_unknown_names), cmocka_unit_test(test_wrong_shapes),
        cmocka_unit_test(test_duplicates_and_ignored), cmocka_unit_test(test_numbers_as_written),
        cmocka_unit_test(test_not_a_file), cmocka_unit_test(test_template_limit),
    };
    return cmocka_run_group_tests_name("cfg", tests, NULL, NULL);
}
