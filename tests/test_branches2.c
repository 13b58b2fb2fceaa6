/*
 * test_branches2.c - issue 21, second pass: branches `make coverage` found
 * never taken in model/rules.c, model/regular.c, model/phone.c, model/sim.c,
 * model/surge.c, model/msim.c and solver/overtime.c that decide a number (or
 * a refusal) a user acts on.  Each value is checked against the rule's own
 * words, a hand count or a second method; tests/BRANCHES.md lists the
 * branches left and why.
 */
#include "helpers.h"
#include "../model/rules.h"
#include "../model/regular.h"
#include "../model/phone.h"
#include "../model/sim.h"
#include "../model/surge.h"
#include "../model/msim.h"
#include "../model/erlang.h"
#include "../solver/overtime.h"
#include "../solver/colgen.h"
#include "../solver/assign.h"
#include "../solver/check.h"
#include "../core/alloc.h"
#include "../data/cfg.h"
#include "../data/csvin.h"
#include "../data/import.h"
#include "../data/store_int.h"
#include "../data/sample/gen.h"
#include "../core/date.h"

static void seoul(WfmConfig *cfg)
{
    WfmErr err;
    assert_int_equal(cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", cfg, &err), 0);
}

static RuleLimit no_limit(const WfmConfig *cfg, const char *what)
{
    RuleLimit l;
    memset(&l, 0, sizeof l);
    l.team = -1, l.n = 1;
    l.max_consecutive = l.max_per_week = l.max_per_month = l.max_weekends = -1;
    assert_int_equal(wfm_what_parse(cfg, what, &l.what[0]), 0);
    return l;
}

/* rules.c wfm_rules_compile: a limit with a run, a weekly and a monthly
 * least and most, and a weekend most takes six parts; the automaton holds
 * 64.  Ten such limits fit, eleven and twelve do not: 99 (more than 32
 * bits), which data/cfg.c turns into a refusal. */
static void test_rules_too_many_parts(void **state)
{
    (void)state;
    WfmConfig cfg;
    static RuleSet rs;
    seoul(&cfg);
    for (int n = 10; n <= 12; n++) {
        cfg.nlimits = n;
        for (int i = 0; i < n; i++) {
            RuleLimit l = no_limit(&cfg, "work");
            l.min_consecutive = 2, l.max_consecutive = 5;
            l.min_per_week = 1, l.max_per_week = 5;
            l.min_per_month = 4, l.max_per_month = 22;
            l.max_weekends = 3;
            cfg.limits[i] = l;
        }
        int bits = wfm_rules_compile(&cfg, -1, &rs);
        if (n == 10) {
            assert_int_equal(rs.n, 60);
            int sum = 0;
            for (int i = 0; i < rs.n; i++)
                sum += rs.p[i].bits;
            assert_int_equal(bits, sum);
            assert_true(bits != 99);
        } else {
            assert_int_equal(rs.n, WFM_RULE_PARTS);
            assert_int_equal(bits, 99);
        }
    }
    wfm_config_free(&cfg);
}

/* Steps one agent through days (1: work on template 0, 0: off) from `first`. */
static uint32_t walk(const RuleSet *rs, int first, int nd, const int *work, int *ok)
{
    uint32_t st = WFM_RULES_START;
    *ok = 1;
    for (int d = 0; d < nd; d++)
        *ok &= wfm_rules_step(rs, &st, work[d] ? 0 : ROSTER_OFF, wfm_rules_flags(first, nd, 0, d));
    return st;
}

/* rules.c wfm_rules_end_flags / wfm_rules_end: at least 3 working days a
 * week holds in the weeks wholly inside the month.  A 7-day month Monday to
 * Sunday with 2 working days breaks it, with 3 keeps it; a 6-day month
 * Tuesday to Sunday asks nothing of its partial week. */
static void test_rules_week_minimum_at_the_end(void **state)
{
    (void)state;
    WfmConfig cfg;
    static RuleSet rs;
    seoul(&cfg);
    cfg.nlimits = 1;
    cfg.limits[0] = no_limit(&cfg, "work");
    cfg.limits[0].min_per_week = 3;
    assert_true(wfm_rules_compile(&cfg, -1, &rs) <= 32);
    int mon = date_from_ymd(2021, 1, 4), tue = mon + 1;
    assert_int_equal(date_weekday(mon), WD_MON);
    assert_int_equal(wfm_rules_end_flags(mon, 7), RD_FULLWEEK);
    assert_int_equal(wfm_rules_end_flags(tue, 6), 0);        /* ends on a Sunday, but the week began before */
    assert_int_equal(wfm_rules_end_flags(tue, 13), RD_FULLWEEK);
    assert_int_equal(wfm_rules_end_flags(mon, 6), 0);        /* ends on a Saturday */
    int two[7] = { 1, 0, 1, 0, 0, 0, 0 }, three[7] = { 1, 0, 1, 0, 1, 0, 0 }, ok;
    uint32_t st = walk(&rs, mon, 7, two, &ok);
    assert_true(ok);
    assert_int_equal(wfm_rules_end(&rs, st, wfm_rules_end_flags(mon, 7)), 0);
    st = walk(&rs, mon, 7, three, &ok);
    assert_int_equal(wfm_rules_end(&rs, st, wfm_rules_end_flags(mon, 7)), 1);
    st = walk(&rs, tue, 6, two + 1, &ok);
    assert_int_equal(wfm_rules_end(&rs, st, wfm_rules_end_flags(tue, 6)), 1);
    wfm_config_free(&cfg);
}

/* rules.c wfm_rules_beyond_greedy (`wfm roster --method plan` refuses the
 * first limit it names): maxima and forbidden sequences ending on work are
 * kept by the greedy; a minimum, a rule on days off, or a sequence ending on
 * a day off is not. */
static void test_rules_beyond_greedy(void **state)
{
    (void)state;
    WfmConfig cfg;
    seoul(&cfg);
    RuleLimit most = no_limit(&cfg, "work"), seq = no_limit(&cfg, "evening");
    most.max_consecutive = 6, most.max_per_week = 5, most.max_per_month = 22, most.max_weekends = 2;
    seq.forbidden = 1, seq.n = 2;
    assert_int_equal(wfm_what_parse(&cfg, "day", &seq.what[1]), 0);
    cfg.nlimits = 2;
    cfg.limits[0] = most, cfg.limits[1] = seq;
    assert_int_equal(wfm_rules_beyond_greedy(&cfg), -1);
    cfg.nlimits = 0;
    assert_int_equal(wfm_rules_beyond_greedy(&cfg), -1);

    RuleLimit bad[5];
    bad[0] = seq, bad[0].n = 3;      /* evening, day, off */
    assert_int_equal(wfm_what_parse(&cfg, "off", &bad[0].what[2]), 0);
    bad[1] = most, bad[1].min_consecutive = 2;
    bad[2] = most, bad[2].min_per_week = 1;
    bad[3] = most, bad[3].min_per_month = 1;
    bad[4] = no_limit(&cfg, "off"), bad[4].max_consecutive = 3;   /* at most 3 days off in a row */
    for (int i = 0; i < 5; i++) {
        cfg.nlimits = 3;
        cfg.limits[0] = most, cfg.limits[1] = seq, cfg.limits[2] = bad[i];
        assert_int_equal(wfm_rules_beyond_greedy(&cfg), 2);
        cfg.limits[0] = bad[i];
        assert_int_equal(wfm_rules_beyond_greedy(&cfg), 0);
    }
    wfm_config_free(&cfg);
}

static WfmConfig small_cfg(void)
{
    WfmConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.nshifts = 2;
    cfg.shifts[0] = (ShiftTemplate){ .kind = SHIFT_DAY, .start_min = 540, .length_min = 540, .meal_min = 60 };
    cfg.shifts[1] = (ShiftTemplate){ .kind = SHIFT_EVENING, .start_min = 1080, .length_min = 420 };
    cfg.reg_single_off = 2, cfg.reg_swing = 3;
    return cfg;
}

/* regular.c: a month with no carried-in days counts from its first day (a
 * first day off is no single day off: nothing was worked before it); a
 * template index the configuration no longer has reads as a day off. */
static void test_regular_without_carry(void **state)
{
    (void)state;
    enum { D = 8 };
    WfmConfig cfg = small_cfg();
    /* off D09 off D09 X D09 E18 E18, X = a template index past the list */
    static const int plan[D] = { ROSTER_OFF, 0, ROSTER_OFF, 0, 2, 0, 1, 1 };
    Assign a[D];
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    for (int d = 0; d < D; d++)
        a[d] = (Assign){ plan[d], plan[d] >= 0 && plan[d] < 2 ? cfg.shifts[plan[d]].start_min : 0, -1, 0, 0, 0, 0, 0, 0 };
    Roster r = { 0, D, 0, 1, &ag, a, NULL, NULL, 0, 0 };
    WfmRegular x;
    wfm_regular(&cfg, &r, 0, &x);
    assert_int_equal(x.single_off, 2);   /* days 2 and 4, not day 0 */
    assert_int_equal(x.swings, 1);       /* D09 -> E18 */
    assert_int_equal(x.jumps, 0);
    assert_true(wfm_regular_cost(&cfg, &x) == 2 * 2 + 3);
}

/* phone.c, counted by hand: no carried-in days; a day shift whose meal is
 * not placed (meal_off_min -1) is on the phone all nine hours; with no extra
 * break one span per shift; an unknown template gives no phone time. */
static void test_phone_without_meal_or_breaks(void **state)
{
    (void)state;
    WfmConfig cfg = small_cfg();
    RosterAgent ag[3];
    memset(ag, 0, sizeof ag);
    Assign a[3] = {
        { 0, 540, -1, 0, 0, 0, 0, 0, 0 },     /* 09:00-18:00, no meal placed */
        { 1, 1080, -1, 0, 3, 0, 30, 0, 0 },   /* 18:00-01:00, 30 min overtime before */
        { 2, 600, -1, 0, 0, 0, 0, 0, 0 },     /* a template index the configuration lacks */
    };
    Roster r = { 0, 1, 0, 3, ag, a, NULL, NULL, 0, 0 };
    MsimSpan *s;
    int n = roster_phone_spans(&cfg, &r, &s);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].agent, 0);
    assert_int_equal(s[0].from_s, 540 * 60);
    assert_int_equal(s[0].to_s, 1080 * 60);
    assert_int_equal(s[1].agent, 1);
    assert_int_equal(s[1].from_s, 1050 * 60);
    assert_int_equal(s[1].to_s, 1500 * 60);
    free(s);
    /* The same with the 7.5-minute break: agent 0 loses 9 of them, agent
     * 1 (slot 3, at minute 22.5) 7 whole hours from 18:00 plus none in the
     * half hour 17:30-18:00 (its 17:22:30 is before he starts). */
    cfg.extra_break_min = 7.5;
    n = roster_phone_spans(&cfg, &r, &s);
    long on[2] = { 0, 0 };
    for (int i = 0; i < n; i++)
        on[s[i].agent] += s[i].to_s - s[i].from_s;
    assert_int_equal(on[0], 9 * 3600 - 9 * 450);
    assert_int_equal(on[1], 450 * 60 - 7 * 450);
    free(s);
}

/* sim.c: an hour of 3,000 calls for one agent (the caller queue grows past
 * its first 1,024 places while callers wait), then two hours without calls
 * in which the agent leaves after the first: every caller is answered or
 * hangs up, counted in the hour he arrived; no call is offered in a quiet
 * hour.  Long calls make the hourly break find the agent on his previous
 * one.  Without breaks, the agent answers calls back to back. */
static void test_sim_overload_and_quiet_hours(void **state)
{
    (void)state;
    double off[3] = { 3000, 0, 0 }, aht[3] = { 600, 600, 600 }, pat[3] = { 1e6, 1e6, 1e6 };
    int duty[3] = { 1, 1, 0 };
    SimHour out[3];
    for (int b = 0; b < 2; b++) {
        SimIn in = { 3, off, aht, pat, duty, b ? 7.5 : 0, 20, 7 };
        sim_run(&in, out);
        assert_true(out[0].offered > 3000 - 5 * 55 && out[0].offered < 3000 + 5 * 55);
        assert_int_equal(out[1].offered, 0);
        assert_int_equal(out[2].offered, 0);
        assert_int_equal(out[0].answered + out[0].abandoned, out[0].offered);
        /* two hours of 600-second calls: about 12 (Poisson), far from 3,000 */
        assert_true(out[0].answered >= 2 && out[0].answered <= 30);
        assert_int_equal(out[1].answered + out[1].abandoned + out[2].answered + out[2].abandoned, 0);
    }
    enum { H2 = 48 };
    double off2[H2], aht2[H2], pat2[H2];
    int duty2[H2];
    for (int h = 0; h < H2; h++)
        off2[h] = 2, aht2[h] = 5400, pat2[h] = 1e6, duty2[h] = 1;
    SimIn in2 = { H2, off2, aht2, pat2, duty2, 7.5, 20, 11 };
    SimHour out2[H2];
    sim_run(&in2, out2);
    for (int h = 0; h < H2; h++)
        assert_int_equal(out2[h].answered + out2[h].abandoned, out2[h].offered);
}

/* sim.c with no extra break is Erlang A's M/M/n+M: over 40 replications of
 * 24 steady hours (the first dropped as warm-up) the share answered agrees
 * with 1 - P(abandon) within 1%. */
static void test_sim_without_breaks_is_erlang_a(void **state)
{
    (void)state;
    enum { H = 24, R = 40 };
    double off[H], aht[H], pat[H];
    int duty[H];
    for (int h = 0; h < H; h++)
        off[h] = 120, aht[h] = 180, pat[h] = 90, duty[h] = 6;
    long o = 0, a = 0;
    SimHour out[H];
    for (int r = 0; r < R; r++) {
        SimIn in = { H, off, aht, pat, duty, 0, 20, 100 + (uint64_t)r };
        sim_run(&in, out);
        for (int h = 1; h < H - 1; h++)
            o += out[h].offered, a += out[h].answered;
    }
    ErlangIn ei = { 120, 3600, 180, 6, 20, 90 };
    ErlangOut eo;
    assert_int_equal(erlang_eval(&ei, &eo, NULL), 0);
    assert_close((double)a / (double)o, 1 - eo.a_p_abandon, 0.01);
}

/* surge.c surge_eval: each service-level definition gives Erlang A's
 * measure of that name; a patience of 0 takes the configuration's; no
 * handling time answers every call at once; an hour without calls answers
 * none. */
static void test_surge_eval_definitions(void **state)
{
    (void)state;
    WfmConfig cfg;
    seoul(&cfg);
    ErlangIn ei = { 150, 3600, 200, 9, cfg.sl_seconds, cfg.patience_s };
    ErlangOut eo;
    assert_int_equal(erlang_eval(&ei, &eo, NULL), 0);
    const double want[3] = { eo.a_sl_answered_over_offered, eo.a_sl_answered_over_answered, eo.a_sl_wait_le_t_all };
    const int def[3] = { SL_ANSWERED_OVER_OFFERED, SL_ANSWERED_OVER_ANSWERED, SL_WAIT_LE_T_ALL };
    assert_true(fabs(want[0] - want[1]) > 1e-3 && fabs(want[0] - want[2]) > 1e-3 && fabs(want[1] - want[2]) > 1e-3);
    for (int i = 0; i < 3; i++) {
        SurgeMeasure m, m0;
        cfg.sl_definition = def[i];
        surge_eval(&cfg, 150, 200, cfg.patience_s, 9, &m);
        assert_close(m.sl, want[i], 1e-12);
        assert_close(m.answer_rate, 1 - eo.a_p_abandon, 1e-12);
        assert_close(m.answered + m.abandoned, 150, 1e-9);
        surge_eval(&cfg, 150, 200, 0, 9, &m0);
        assert_close(m0.sl, m.sl, 0);
        assert_close(m0.answered, m.answered, 0);
    }
    SurgeMeasure m;
    surge_eval(&cfg, 80, 0, 0, 3, &m);
    assert_close(m.answered, 80, 0);
    assert_close(m.abandoned, 0, 0);
    assert_close(m.answer_rate, 1, 0);
    surge_eval(&cfg, 0, 180, 0, 3, &m);
    assert_close(m.answered, 0, 0);
    assert_close(m.abandoned, 0, 0);
    wfm_config_free(&cfg);
}

/* surge.c surge_need, surge_gains, surge_totals, surge_scenario_free: a
 * patience of 0 takes the configuration's; an hour that cannot be staffed
 * leaves every need as it was; no pieces when none is allowed; no calls give
 * an AHT of 0. */
static void test_surge_need_and_totals(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    seoul(&cfg);
    SurgeHour h[2], g[2];
    memset(h, 0, sizeof h);
    h[0].offered = 300, h[0].aht_s = 200, h[0].patience_s = 0;
    h[1].offered = 90, h[1].aht_s = 240, h[1].patience_s = 0;
    memcpy(g, h, sizeof h);
    g[0].patience_s = g[1].patience_s = cfg.patience_s;
    assert_int_equal(surge_need(&cfg, SURGE_TARGET_SERVICE_LEVEL, h, 2, &err), 0);
    assert_int_equal(surge_need(&cfg, SURGE_TARGET_SERVICE_LEVEL, g, 2, &err), 0);
    assert_int_equal(h[0].need, g[0].need);
    assert_int_equal(h[1].need, g[1].need);
    assert_true(h[0].need > h[1].need && h[1].need > 0);
    h[0].need = h[1].need = -7;
    h[1].offered = NAN;
    assert_true(surge_need(&cfg, SURGE_TARGET_SERVICE_LEVEL, h, 2, &err) != 0);
    assert_int_equal(h[0].need, -7);
    assert_int_equal(h[1].need, -7);

    double w[4], gain[4];
    assert_int_equal(surge_gains(&cfg, &g[0], 0, 0, w, gain), 0);
    assert_true(surge_gains(&cfg, &g[0], 0, 4, w, gain) == 4);

    SurgeScenario sc;
    memset(&sc, 0, sizeof sc);
    sc.ndays = 1;
    sc.h = calloc(24, sizeof *sc.h);
    SurgeTotals t;
    surge_totals(&sc, &t);
    assert_close(t.offered, 0, 0);
    assert_close(t.aht_s, 0, 0);
    assert_int_equal(t.peak_need, 0);
    surge_scenario_free(&sc);
    assert_null(sc.h);
    surge_scenario_free(NULL);
    wfm_config_free(&cfg);
}

/* surge.c surge_overtime_list: an extra shift already in the base roster
 * is not new overtime; an hour added after it is, paid as surge_paid_hours
 * says. */
static void test_surge_overtime_on_a_base_extra_shift(void **state)
{
    (void)state;
    WfmConfig cfg;
    seoul(&cfg);
    int s = 0;
    const ShiftTemplate *t = &cfg.shifts[s];
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    Assign base[2], with[2];
    memset(base, 0, sizeof base);
    base[0].shift = ROSTER_OFF, base[0].meal_off_min = -1;
    base[1] = (Assign){ s, t->start_min, t->meal_from_min, 0, 0, 0, 0, 0, 1 };
    memcpy(with, base, sizeof base);
    int first = date_from_ymd(2021, 3, 9);
    Roster r = { first, 1, 1, 1, &ag, base, NULL, NULL, 0, 0 };
    SurgeOt *ot = NULL;
    assert_int_equal(surge_overtime_list(&cfg, &r, with, 0, 1, &ot), 0);
    free(ot);
    with[1].ot_after_min = 60;
    assert_int_equal(surge_overtime_list(&cfg, &r, with, 0, 1, &ot), 1);
    assert_int_equal(ot[0].kind, OT_AFTER);
    assert_int_equal(ot[0].start_min, t->start_min + t->length_min);
    assert_int_equal(ot[0].end_min, t->start_min + t->length_min + 60);
    assert_close(ot[0].hours, 1, 0);
    assert_close(ot[0].paid_hours, surge_paid_hours(&cfg, first, ot[0].start_min, ot[0].end_min), 0);
    assert_true(ot[0].paid_hours >= 1);
    free(ot);
    wfm_config_free(&cfg);
}

/* msim.c: every input the simulation cannot run is refused (by msim_run and
 * msim_replicate), out left untouched; agents without a skill list take
 * only the general queues. */
static void test_msim_refusals_and_no_skills(void **state)
{
    (void)state;
    MsimQueue q[2] = { { 180, 120, 0 }, { 180, 120, 1 } };
    double calls[2 * 4] = { 30, 30, 30, 30, 10, 10, 10, 10 }, ahts[2 * 4];
    MsimSpan sp[2] = { { 0, 0, 4 * 1800 }, { 1, 0, 4 * 1800 } };
    for (int i = 0; i < 8; i++)
        ahts[i] = 180;
    const MsimIn good = { 2, q, 4, 1800, calls, NULL, 2, NULL, 2, sp, 20, 5 };
    MsimSlot out[8];
    MsimSummary sum[2];
    WfmErr err;
    for (int k = 0; k < 18; k++) {
        MsimIn in = good;
        MsimQueue bq[2] = { q[0], q[1] };
        double bc[8];
        MsimSpan bs[2] = { sp[0], sp[1] };
        double ba[8];
        memcpy(bc, calls, sizeof bc), memcpy(ba, ahts, sizeof ba);
        in.q = bq, in.calls = bc, in.span = bs;
        switch (k) {
        case 0: in.nq = MSIM_MAX_QUEUES + 1; break;
        case 1: in.q = NULL; break;
        case 2: in.slot_s = 0; break;
        case 3: in.calls = NULL; break;
        case 4: in.sl_s = NAN; break;
        case 5: in.sl_s = INFINITY; break;
        case 6: in.nagents = -1; break;
        case 7: in.nspans = -1; break;
        case 8: in.span = NULL; break;
        case 9: bq[1].patience_s = NAN; break;
        case 10: bq[0].aht_s = INFINITY; break;
        case 11: bc[5] = 2e7; break;
        case 12: in.aht_slot = ba, ba[6] = NAN; break;
        case 13: bs[1].agent = -1; break;
        case 14: in.nq = 0; break;
        case 15: in.nslots = 0; break;
        case 16: in.aht_slot = ba, ba[3] = INFINITY; break;
        default: in.aht_slot = ba, ba[2] = 0; break;
        }
        memset(out, 0x5a, sizeof out);
        assert_int_equal(msim_run(&in, out, &err), WFM_EINPUT);
        assert_int_equal(((unsigned char *)out)[0], 0x5a);
        assert_int_equal(msim_replicate(&in, 3, sum, NULL, &err), WFM_EINPUT);
    }
    /* aht_slot 0 where no call arrives is no harm */
    MsimIn in = good;
    double ba[8];
    memcpy(ba, ahts, sizeof ba);
    ba[1] = 0, calls[1] = 0;
    in.aht_slot = ba;
    assert_int_equal(msim_run(&in, out, &err), 0);
    calls[1] = 30;
    in = good;
    in.nspans = 0, in.span = NULL;   /* nobody on the phone: every caller hangs up */
    assert_int_equal(msim_run(&in, out, &err), 0);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(out[i].answered, 0);
        assert_int_equal(out[i].abandoned, out[i].offered);
    }
    /* skills NULL: the skilled queue is offered calls, answers none */
    assert_int_equal(msim_replicate(&good, 3, sum, NULL, &err), 0);
    assert_true(sum[1].offered > 0);
    assert_int_equal(sum[1].answered, 0);
    assert_int_equal(sum[1].abandoned + sum[1].unserved, sum[1].offered);
    assert_true(sum[0].answered > 0);
    assert_int_equal(sum[0].answered + sum[0].abandoned + sum[0].unserved, sum[0].offered);
}

/* overtime.c: surge days outside the roster, no time on the phone, and an
 * outside plan without blocks or phone time are refused as bad input. */
static void test_overtime_refusals(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    seoul(&cfg);
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    Assign a[8];
    memset(a, 0, sizeof a);
    for (int d = 0; d < 8; d++)
        a[d].shift = ROSTER_OFF, a[d].meal_off_min = -1;
    Roster r = { date_from_ymd(2021, 3, 1), 7, 1, 1, &ag, a, NULL, NULL, 0, 0 };
    int np[24 * 7] = { 0 };
    double w[24 * 7] = { 0 }, g[24 * 7] = { 0 };
    OvertimeStats st;
    const int bad[4][2] = { { -1, 1 }, { 0, 0 }, { 5, 3 }, { 7, 1 } };
    for (int i = 0; i < 4; i++) {
        OvertimeIn in = { &cfg, &r, bad[i][0], bad[i][1], 0.8, 1, np, w, g, 0, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0 };
        assert_int_equal(overtime_plan(&in, a, &st, &err), WFM_EINPUT);
    }
    OvertimeIn in = { &cfg, &r, 2, 1, 0, 1, np, w, g, 0, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0 };
    assert_int_equal(overtime_plan(&in, a, &st, &err), WFM_EINPUT);
    in.avail = NAN;
    assert_int_equal(overtime_plan(&in, a, &st, &err), WFM_EINPUT);

    double gap[3] = { 0, 2.5, 1 }, hours;
    int block[1] = { 4 }, count[3];
    assert_int_equal(outside_plan(gap, 3, block, 1, 0, count, &hours, &err), WFM_EINPUT);
    assert_int_equal(outside_plan(gap, 3, block, 0, 1, count, &hours, &err), WFM_EINPUT);
    assert_int_equal(outside_plan(gap, 3, block, 1, 1, count, &hours, &err), 0);
    assert_int_equal(count[0] + count[1] + count[2], 3);   /* ceil(2.5) heads for hour 1 cover hour 2 too */
    assert_close(hours, 12, 1e-9);
    wfm_config_free(&cfg);
}

/* colgen.c: a month without days, templates or agents, or with more
 * templates than the pricing's state packs (30), is refused as bad input;
 * the duty grid is 60 minutes unless a divisor of 60 is given. */
static void test_colgen_refusals(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    seoul(&cfg);
    RosterAgent ag;
    memset(&ag, 0, sizeof ag);
    Assign a[8];
    memset(a, 0, sizeof a);
    for (int d = 0; d < 8; d++)
        a[d].shift = ROSTER_OFF, a[d].meal_off_min = -1;
    Roster r = { date_from_ymd(2021, 3, 1), 7, 1, 1, &ag, a, NULL, NULL, 0, 0 };
    double need[7 * 24] = { 0 };
    ColGenIn in = { &cfg, &r, need, NULL, 5, NULL, 60, NULL, NULL, NULL };
    ColGenOut out;
    int ns = cfg.nshifts;
    assert_true(ns >= 1 && ns <= 30);
    cfg.nshifts = 31;
    for (int s = ns; s < 31; s++)
        cfg.shifts[s] = cfg.shifts[0];
    assert_int_equal(colgen_solve(&in, &out, &err), WFM_EINPUT);
    assert_contains(err.msg, "31 shift templates");
    cfg.nshifts = 0;
    assert_int_equal(colgen_solve(&in, &out, &err), WFM_EINPUT);
    cfg.nshifts = ns;
    r.ndays = 0;
    assert_int_equal(colgen_solve(&in, &out, &err), WFM_EINPUT);
    r.ndays = 7, r.nagents = 0;
    assert_int_equal(colgen_solve(&in, &out, &err), WFM_EINPUT);
    const int grid[][2] = { { 0, 60 }, { 15, 15 }, { 30, 30 }, { 20, 20 }, { 7, 60 }, { 90, 60 }, { -15, 60 } };
    for (size_t i = 0; i < sizeof grid / sizeof grid[0]; i++) {
        in.interval_min = grid[i][0];
        assert_int_equal(colgen_interval(&in), grid[i][1]);
    }
    colgen_free(NULL);
    wfm_config_free(&cfg);
}

/* csvin.c: line ends CR LF after a quoted field and on a blank line, a
 * lone CR as a line end, a first byte 0xEF that is not a byte-order mark
 * (kept as data), a field index past the record; and csvin_text_check at
 * the edges of each UTF-8 lead byte's range (overlong forms after E0 and
 * F0, the last code point before the surrogates after ED, a bad third
 * byte), checked against the Unicode table of well-formed sequences. */
static void test_csvin_edges(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBBx,\"q\"\r\n\r\n1,\"2\"\r3,4\r\n";
    CsvIn *r = csvin_open_mem("t.csv", text, sizeof text - 1);
    WfmErr err;
    size_t len = 9;
    assert_int_equal(csvin_next(r, &err), 1);
    assert_int_equal(csvin_nfields(r), 2);
    assert_string_equal(csvin_field(r, 0, NULL), "\xEF\xBBx");
    assert_string_equal(csvin_field(r, 1, NULL), "q");
    assert_string_equal(csvin_field(r, 2, &len), "");
    assert_int_equal(len, 0);
    assert_int_equal(csvin_line(r, 5), csvin_line(r, 0));
    assert_int_equal(csvin_next(r, &err), 1);
    assert_string_equal(csvin_field(r, 0, NULL), "1");
    assert_string_equal(csvin_field(r, 1, NULL), "2");
    assert_int_equal(csvin_line(r, 0), 3);   /* after the blank line */
    assert_int_equal(csvin_next(r, &err), 1);
    assert_string_equal(csvin_field(r, 0, NULL), "3");
    assert_string_equal(csvin_field(r, 1, NULL), "4");
    assert_int_equal(csvin_line(r, 0), 4);   /* the lone CR ended line 3 */
    assert_int_equal(csvin_next(r, &err), 0);
    csvin_close(r);

    static const struct { const char *s; size_t n; int rc; } u[] = {
        { "\xE0\x9F\xBF", 3, -2 }, { "\xE0\xA0\x80", 3, 0 },             /* U+07FF overlong; U+0800 */
        { "\xED\x9F\xBF", 3, 0 }, { "\xED\xA0\x80", 3, -2 },             /* U+D7FF; a surrogate */
        { "\xEE\x80\x80", 3, 0 }, { "\xE1\x80\x41", 3, -2 },             /* U+E000; bad third byte */
        { "\xF0\x8F\xBF\xBF", 4, -2 }, { "\xF0\x90\x80\x80", 4, 0 },   /* overlong; U+10000 */
        { "\xF4\x8F\xBF\xBF", 4, 0 }, { "\xF1\x80\x80\xC0", 4, -2 },   /* U+10FFFF; bad fourth */
        { "\xC2\xA0", 2, 0 }, { "\xC2\x9F", 2, -1 },                       /* NBSP; C1 */
        { "\xF5\x80\x80\x80", 4, -2 }, { "\xC1\xBF", 2, -2 },
    };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (csvin_text_check(u[i].s, u[i].n, NULL) != u[i].rc)
            fail_msg("case %zu", i);
}

/* assign.c (the greedy of --method plan) on a month the library may be
 * given but the CLI never builds: no carried-in days (April 2021 begins on
 * a Thursday), no leave list, no skill hours, agents of no team among the
 * teams; and with general rules the greedy keeps (at most one D07 a
 * week, never a D07 the day after a D09).  The remote
 * seats cap the remote agents of each day below the configured share:
 * every day with at least four agents working and two able has exactly two
 * remote; the checker finds no rule broken. */
static void test_assign_bare_month_with_seats(void **state)
{
    (void)state;
    enum { NG = 90, ND = 30 };
    WfmConfig cfg;
    WfmErr err;
    seoul(&cfg);
    cfg.remote_max_share = 0.5, cfg.remote_seats = 2;
    cfg.nlimits = 2;
    cfg.limits[0] = no_limit(&cfg, "D07");
    cfg.limits[0].max_per_week = 1;
    snprintf(cfg.limits[0].label, sizeof cfg.limits[0].label, "at most one D07 a week");
    cfg.limits[1] = no_limit(&cfg, "D09");
    cfg.limits[1].forbidden = 1, cfg.limits[1].n = 2;
    assert_int_equal(wfm_what_parse(&cfg, "D07", &cfg.limits[1].what[1]), 0);
    snprintf(cfg.limits[1].label, sizeof cfg.limits[1].label, "no D07 after a D09");
    assert_int_equal(wfm_rules_beyond_greedy(&cfg), -1);
    int first = date_from_ymd(2021, 4, 1);
    static RosterAgent ag[NG];
    static Assign as[NG * ND];
    static const double curve[24] = { 2, 2, 1, 1, 1, 1, 2, 3, 8, 28, 34, 32,
                                      23, 30, 31, 29, 27, 24, 8, 6, 5, 4, 3, 3 };
    memset(ag, 0, sizeof ag);
    for (int g = 0; g < NG; g++) {
        snprintf(ag[g].id, sizeof ag[g].id, "B%03d", g + 1);
        ag[g].team = g % 9 == 4 ? -1 : g < 66 ? 0 : g < 78 ? 1 : 2;
        ag[g].remote_ok = g % 3 != 0;
        ag[g].night_ok = g >= 78;
        ag[g].weekly_hours = 40;
    }
    double *need = xmalloc(sizeof *need * 24 * ND);
    for (int d = 0; d < ND; d++) {
        int off = date_weekday(first + d) >= WD_SAT || cal_is_holiday(&cfg.holidays, first + d);
        for (int h = 0; h < 24; h++)
            need[24 * d + h] = curve[h] * (off && h >= 8 && h < 18 ? 0.3 : 1);
    }
    int dayh[ND], nighth[ND];
    for (int d = 0; d < ND; d++)
        dayh[d] = 78 * 5 / 7 + 1, nighth[d] = 12 * 5 / 7;
    ShiftPlanIn in = { &cfg, first, ND, need, dayh, nighth, 20, 0.005 };
    ShiftPlanOut plan;
    assert_int_equal(shiftplan_solve(&in, &plan, &err), 0);
    Roster r = { first, ND, 0, NG, ag, as, NULL, NULL, 0, 0 };
    AssignStats st;
    assign_roster(&cfg, &plan, &r, NULL, as, &st);
    int days_capped = 0;
    for (int d = 0; d < ND; d++) {
        int working = 0, able = 0, remote = 0;
        for (int g = 0; g < NG; g++) {
            const Assign *x = &as[g * ND + d];
            if (x->shift < 0)
                continue;
            working++;
            able += ag[g].remote_ok && cfg.shifts[x->shift].remote_ok;
            remote += x->remote;
        }
        assert_true(remote <= 2);
        if (working >= 4 && able >= 2) {
            assert_int_equal(remote, 2);
            days_capped++;
        }
    }
    assert_true(days_capped > 20);
    CheckReport rep;
    size_t nv = check_roster(&cfg, &r, NULL, &rep);
    for (size_t i = 0; i < nv && i < 5; i++)
        print_message("  %s: %s\n", check_rule_name(rep.v[i].rule), rep.v[i].what);
    assert_int_equal(rep.by_rule[CHK_REMOTE_SHARE], 0);
    assert_int_equal(rep.by_rule[CHK_LIMIT] + rep.by_rule[CHK_SEQUENCE], 0);
    assert_int_equal(nv, 0);
    check_free(&rep);
    shiftplan_free(&plan);
    free(need);
    wfm_config_free(&cfg);
}

/* colgen pricing (solver/colgen/pricing.c dp_put): general rules with
 * counters - at most 22 working days a month, at most two D09 a week, at
 * most three days off in a row, at most six D07 and six D08 a month - give the pricing program more than 512
 * states on a day, so its hash table grows mid-layer.  The month it prices
 * is legal under the checker, and the whole roster meets its contracts. */
static void test_colgen_many_states(void **state)
{
    (void)state;
    enum { NG = 10, ND = 30, NC = 7 };
    WfmConfig cfg;
    WfmErr err;
    seoul(&cfg);
    cfg.nlimits = 5;
    cfg.limits[0] = no_limit(&cfg, "work");
    cfg.limits[0].max_per_month = 22;
    snprintf(cfg.limits[0].label, sizeof cfg.limits[0].label, "at most 22 days a month");
    cfg.limits[1] = no_limit(&cfg, "D09");
    cfg.limits[1].max_per_week = 2;
    snprintf(cfg.limits[1].label, sizeof cfg.limits[1].label, "at most two D09 a week");
    cfg.limits[2] = no_limit(&cfg, "off");
    cfg.limits[2].max_consecutive = 3;
    snprintf(cfg.limits[2].label, sizeof cfg.limits[2].label, "at most 3 days off in a row");
    cfg.limits[3] = no_limit(&cfg, "D07");
    cfg.limits[3].max_per_month = 6;
    snprintf(cfg.limits[3].label, sizeof cfg.limits[3].label, "at most 6 D07 a month");
    cfg.limits[4] = no_limit(&cfg, "D08");
    cfg.limits[4].max_per_month = 6;
    snprintf(cfg.limits[4].label, sizeof cfg.limits[4].label, "at most 6 D08 a month");
    static RosterAgent ag[NG];
    static Assign a[NG * (NC + ND)];
    memset(ag, 0, sizeof ag);
    for (int g = 0; g < NG; g++) {
        snprintf(ag[g].id, sizeof ag[g].id, "C%02d", g);
        ag[g].team = 0, ag[g].weekly_hours = 40, ag[g].remote_ok = 1;
        for (int d = -NC; d < ND; d++)
            a[g * (NC + ND) + NC + d] = (Assign){ ROSTER_OFF, 0, -1, 0, 0, 0, 0, 0, 0 };
    }
    int first = date_from_ymd(2021, 6, 1);
    Roster r = { first, ND, NC, NG, ag, a, NULL, NULL, 0, 0 };
    int I = 30, per = 1440 / I;
    double *need = xcalloc((size_t)ND * per, sizeof *need);
    for (int d = 0; d < ND; d++)
        for (int k = 8 * 60 / I; k < 20 * 60 / I; k++)
            need[d * per + k] = 4;
    ColGenIn in = { &cfg, &r, need, NULL, 20, NULL, I, NULL, NULL, NULL };
    ColGenOut out;
    int rc = colgen_solve(&in, &out, &err);
    if (rc)
        fail_msg("%s", err.msg);
    AssignStats st;
    assign_months(&cfg, out.choice, out.meal, &r, NULL, a, &st);
    CheckReport rep;
    size_t nv = check_roster(&cfg, &r, NULL, &rep);
    for (size_t i = 0; i < nv && i < 5; i++)
        print_message("  %s: %s\n", check_rule_name(rep.v[i].rule), rep.v[i].what);
    assert_int_equal(nv, 0);
    int most = 0;
    for (int g = 0; g < NG; g++) {
        int n = 0;
        for (int d = 0; d < ND; d++)
            n += out.choice[g * ND + d] >= 0;
        most = n > most ? n : most;
    }
    assert_true(most <= 22 && most >= 20);
    int s7 = -1, s8 = -1;
    for (int s = 0; s < cfg.nshifts; s++) {
        if (strcmp(cfg.shifts[s].name, "D07") == 0)
            s7 = s;
        if (strcmp(cfg.shifts[s].name, "D08") == 0)
            s8 = s;
    }
    assert_true(s7 >= 0 && s8 >= 0);
    for (int g = 0; g < NG; g++) {
        int n7 = 0, n8 = 0;
        for (int d = 0; d < ND; d++)
            n7 += out.choice[g * ND + d] == s7, n8 += out.choice[g * ND + d] == s8;
        assert_true(n7 <= 6 && n8 <= 6);
    }
    check_free(&rep);
    colgen_free(&out);
    free(need);
    wfm_config_free(&cfg);
}

/* import.c parse_real / parse_count: the number a volume row stores is
 * the one strtod reads from its text, whether the fast path (plain
 * decimals of at most 15 digits) or strtod itself reads it: exponents, a
 * sign, 15 digits in 16 characters and 16 digits, a leading dot; spellings that are no number
 * are refused naming the cell, the store unchanged. */
static void test_import_number_spellings(void **state)
{
    (void)state;
    static const char *const good[] = {
        "1200", "12.5", "0.25", ".5", "1.5e2", "+7", "2E1", "12345678.1234567", "999999999.9999999", "12345.67890123456",
        "0000000000000000042", "3.", "99.999999999999999",
    };
    static const char *const bad[] = { "1.2.3", "12a", " 5", "1e999", "-", "0x10", "5 " };
    char *d = tmp_dir(), path[600], csv[4096];
    snprintf(path, sizeof path, "%s/s.db", d);
    Store *st;
    WfmErr err;
    ImportResult res;
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &st, &err), 0);
    int vfirst = -1, vnd = -1;
    double *hourly = NULL;
    assert_int_equal(store_volume_hourly(st, NULL, &vfirst, &vnd, &hourly, &err), WFM_EINPUT);
    assert_contains(err.msg, "run 'wfm import volumes FILE'");
    assert_null(hourly);
    size_t n = (size_t)snprintf(csv, sizeof csv, "date,hour,calls\n");
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "2020-01-03,%zu,%s\n", i, good[i]);
    snprintf(path, sizeof path, "%s/v.csv", d);
    write_file(path, csv, n);
    if (import_csv(st, IMPORT_VOLUMES, path, 0, NULL, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.rows, (long)(sizeof good / sizeof good[0]));
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        sqlite3_stmt *q;
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT offered FROM volume WHERE date = '2020-01-03' AND hour = %zu", i);
        assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        double want = strtod(good[i], NULL), got = sqlite3_column_double(q, 0);
        if (got != want)
            fail_msg("'%s' stored as %.17g, strtod reads %.17g", good[i], got, want);
        sqlite3_finalize(q);
    }
    /* read back through the store's own reader: the day's hours, -1 where none was imported */
    assert_int_equal(store_volume_hourly(st, NULL, &vfirst, &vnd, &hourly, &err), 0);
    assert_int_equal(vfirst, date_from_ymd(2020, 1, 3));
    assert_int_equal(vnd, 1);
    for (size_t h = 0; h < 24; h++)
        assert_true(hourly[h] == (h < sizeof good / sizeof good[0] ? strtod(good[h], NULL) : -1));
    free(hourly);
    assert_int_equal(store_volume_hourly(st, "nosuch", &vfirst, &vnd, &hourly, &err), WFM_EINPUT);
    assert_contains(err.msg, "for queue nosuch");
    long before = store_count(st, "volume");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        n = (size_t)snprintf(csv, sizeof csv, "date,hour,calls\n2020-01-04,1,3\n2020-01-04,2,\"%s\"\n", bad[i]);
        write_file(path, csv, n);
        if (import_csv(st, IMPORT_VOLUMES, path, 0, NULL, &res, &err) != WFM_EINPUT)
            fail_msg("'%s' was taken", bad[i]);
        assert_contains(err.msg, ":3:3:");
        assert_int_equal(store_count(st, "volume"), before);
    }
    store_close(st);
    rm_tree(d);
}

/* The Seoul sample's text with `from` replaced by `to` (first match). */
static int load_edited(const char *from, const char *to, WfmConfig *cfg, WfmErr *err)
{
    const char *text = sample_config_text(SAMPLE_SEOUL), *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) + strlen(to) + 1;
    char *buf = malloc(n);
    snprintf(buf, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    int rc = cfg_load_string(buf, "seoul.cfg", cfg, err);
    free(buf);
    return rc;
}

/* data/cfg.c: settings refused with the file, line and reason - general
 * rules needing more state than the solver carries (two limits of 21 bits
 * each, counted as model/rules.c packs them: a run to 5 with its two flags
 * 5, at least 1 and at most 5 a week 1 + 3, at least 4 and at most 22 a
 * month 3 + 5, at most 3 weekends 3 + 1), one limit fits; a limit setting
 * nothing; a grid that does not divide an hour; a weekly maximum below the
 * contract. */
static void test_cfg_refusals(void **state)
{
    (void)state;
    WfmConfig cfg;
    WfmErr err;
    static const char lim[] = "{ what = \"work\"; min_consecutive = 2; max_consecutive = 5; min_per_week = 1; "
                              "max_per_week = 5; min_per_month = 4; max_per_month = 22; max_weekends = 3; }";
    char rules[1024];
    snprintf(rules, sizeof rules, "rules = { limits = ( %s, %s );", lim, lim);
    assert_int_equal(load_edited("rules = {", rules, &cfg, &err), WFM_EINPUT);
    assert_contains(err.msg, "seoul.cfg:78");
    assert_contains(err.msg, "(42 bits of 32)");
    snprintf(rules, sizeof rules, "rules = { limits = ( %s );", lim);
    if (load_edited("rules = {", rules, &cfg, &err))
        fail_msg("%s", err.msg);
    static RuleSet rs;
    assert_int_equal(wfm_rules_compile(&cfg, -1, &rs), 21);
    wfm_config_free(&cfg);
    assert_int_equal(load_edited("rules = {", "rules = { limits = ( { what = \"work\"; } );", &cfg, &err), WFM_EINPUT);
    assert_contains(err.msg, "entry 0 sets no limit");
    assert_int_equal(load_edited("interval_min = 30;", "interval_min = 45;", &cfg, &err), WFM_EINPUT);
    assert_contains(err.msg, "seoul.cfg:33: 45 does not divide an hour");
    if (load_edited("interval_min = 30;", "interval_min = 20;", &cfg, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(cfg.interval_min, 20);
    wfm_config_free(&cfg);
    assert_int_equal(load_edited("max_weekly_hours = 52.0;", "max_weekly_hours = 39.5;", &cfg, &err), WFM_EINPUT);
    assert_contains(err.msg, "seoul.cfg:82: 39.5 is below rules.weekly_hours (40)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_too_many_parts),
        cmocka_unit_test(test_rules_week_minimum_at_the_end),
        cmocka_unit_test(test_rules_beyond_greedy),
        cmocka_unit_test(test_regular_without_carry),
        cmocka_unit_test(test_phone_without_meal_or_breaks),
        cmocka_unit_test(test_sim_overload_and_quiet_hours),
        cmocka_unit_test(test_sim_without_breaks_is_erlang_a),
        cmocka_unit_test(test_surge_eval_definitions),
        cmocka_unit_test(test_surge_need_and_totals),
        cmocka_unit_test(test_surge_overtime_on_a_base_extra_shift),
        cmocka_unit_test(test_msim_refusals_and_no_skills),
        cmocka_unit_test(test_overtime_refusals),
        cmocka_unit_test(test_colgen_refusals),
        cmocka_unit_test(test_csvin_edges),
        cmocka_unit_test(test_assign_bare_month_with_seats),
        cmocka_unit_test(test_colgen_many_states),
        cmocka_unit_test(test_import_number_spellings),
        cmocka_unit_test(test_cfg_refusals),
    };
    return cmocka_run_group_tests_name("branches2", tests, NULL, NULL);
}
