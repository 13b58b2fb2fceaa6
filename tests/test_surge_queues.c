/*
 * test_surge_queues.c - issue 17's queues, limits and cost: each queue's
 * answer rates against Erlang A computed here from the plan's staffing,
 * each queue's need as the fewest agents reaching the answer rate, the
 * supply split conserving agents and skills, the outside world's limits
 * never exceeded, a budget never exceeded with the answer rate monotone in
 * it, and costs recomputed by hand from the plan's overtime and blocks.
 */
#include "helpers.h"
#include "../model/surge.h"
#include "../model/erlang.h"
#include "../core/alloc.h"
#include "../solver/check.h"
#include "../solver/surgeplan.h"
#include "../data/cfg.h"
#include "../data/sample/gen.h"
#include "../reports/rep_surge.h"

static WfmConfig base_cfg;

static int setup(void **state)
{
    WfmErr err;
    (void)state;
    if (cfg_load_string(sample_config_text(SAMPLE_SEOUL), "seoul.cfg", &base_cfg, &err))
        return -1;
    /* These tests' vendor takes the general queue alone (the sample's takes
     * every queue), so the skill queues rest on our own agents. */
    base_cfg.vendor_queues = 0;
    for (int q = 0; q < base_cfg.nqueues; q++)
        if (!base_cfg.queues[q].skill[0])
            base_cfg.vendor_queues |= 1u << q;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wfm_config_free(&base_cfg);
    return 0;
}

static int tpl(const WfmConfig *c, const char *name)
{
    for (int s = 0; s < c->nshifts; s++)
        if (strcmp(c->shifts[s].name, name) == 0)
            return s;
    fail_msg("no template %s", name);
    return -1;
}

static int queue(const WfmConfig *c, const char *name)
{
    for (int q = 0; q < c->nqueues; q++)
        if (strcmp(c->queues[q].name, name) == 0)
            return q;
    fail_msg("no queue %s", name);
    return -1;
}

/* Two weeks from Monday 2021-01-04 and a week carried in: 40 day-team
 * agents on D09 Monday to Friday; 6 with the foreign skill, 3 with sign,
 * 1 with both; the rest none. */
enum { NG = 40, ND = 14, NC = 7, NQ = 3 };
static RosterAgent ag[NG];
static Assign as[NG * (NC + ND)];
static unsigned char lv[NG * ND];

static Roster roster(const WfmConfig *c)
{
    int first = date_from_ymd(2021, 1, 4), D09 = tpl(c, "D09");
    unsigned fo = 1u << queue(c, "foreign"), si = 1u << queue(c, "sign");
    memset(lv, 0, sizeof lv);
    for (int g = 0; g < NG; g++) {
        memset(&ag[g], 0, sizeof ag[g]);
        snprintf(ag[g].id, sizeof ag[g].id, "Q%02d", g);
        ag[g].team = 0, ag[g].weekly_hours = 40;
        ag[g].skills = g < 6 ? fo : g < 9 ? si : g == 9 ? fo | si : 0;
        for (int d = -NC; d < ND; d++) {
            Assign *x = &as[g * (NC + ND) + NC + d];
            memset(x, 0, sizeof *x);
            int on = date_weekday(first + d) < WD_SAT;
            x->shift = on ? D09 : ROSTER_OFF;
            x->start_min = on ? c->shifts[D09].start_min : 0;
            x->meal_off_min = on && c->shifts[D09].meal_min ? c->shifts[D09].meal_from_min + 30 : -1;
            x->break_slot = g % 8;
        }
    }
    return (Roster){ first, ND, NC, NG, ag, as, lv, NULL, 0, 0 };
}

/* k days of demand: phone 9-18 h heavy, foreign and sign light. */
static double off[24 * ND], aht[24 * ND], pat[24 * ND];
static double qoff[NQ * 24 * ND], qaht[NQ * 24 * ND], qpat[NQ * 24 * ND];

static void demand(const WfmConfig *c, int k)
{
    int ph = queue(c, "phone"), fo = queue(c, "foreign"), si = queue(c, "sign"), nh = 24 * k;
    memset(qoff, 0, sizeof qoff);
    for (int t = 0; t < nh; t++) {
        int h = t % 24;
        double w = h >= 8 && h < 20 ? 1 + 0.1 * (h % 5) : 0.05;
        qoff[ph * nh + t] = 100 * w, qaht[ph * nh + t] = 200, qpat[ph * nh + t] = 300;
        qoff[fo * nh + t] = 6 * w, qaht[fo * nh + t] = 320, qpat[fo * nh + t] = 400;
        qoff[si * nh + t] = 2 * w, qaht[si * nh + t] = 480, qpat[si * nh + t] = 500;
        off[t] = aht[t] = pat[t] = 0;
        for (int q = 0; q < NQ; q++)
            off[t] += qoff[q * nh + t], aht[t] += qoff[q * nh + t] * qaht[q * nh + t],
                pat[t] += qoff[q * nh + t] * qpat[q * nh + t];
        aht[t] /= off[t], pat[t] /= off[t];
    }
}

static int plan(const WfmConfig *c, const Roster *r, int d0, int k, double calls, double budget, SurgeScenario *sc)
{
    WfmErr err;
    memset(sc, 0, sizeof *sc);
    snprintf(sc->name, sizeof sc->name, "%.0f", calls);
    sc->calls_per_day = calls, sc->aht_factor = 1;
    SurgePlanIn in = { c, r, d0, k, off, aht, pat, 10.0 * k, NULL, NULL, NULL, SURGE_TARGET_ANSWER_RATE,
                       qoff, qaht, qpat, budget, SURGE_BUDGET_BEST };
    int rc = surge_plan(&in, sc, &err);
    if (rc)
        print_error("%s\n", err.msg);
    return rc;
}

/* Erlang A's answer rate at (fractional) agents, interpolated between whole numbers, computed here. */
static double ar_at(const WfmConfig *c, const SurgeHour *h, double agents)
{
    if (!(h->offered > 0))
        return 1;
    int lo = (int)floor(agents);
    double f = agents - lo, v[2];
    for (int i = 0; i < 2; i++) {
        ErlangIn in = { h->offered, 3600, h->aht_s, lo + i, c->sl_seconds, h->patience_s };
        ErlangOut o;
        assert_int_equal(erlang_eval(&in, &o, NULL), 0);
        v[i] = 1 - o.a_p_abandon;
    }
    return v[0] + f * (v[1] - v[0]);
}

static double answered(const SurgeScenario *sc, int step)
{
    double a = 0;
    for (int t = 0; t < 24 * sc->ndays; t++)
        a += sc->h[t].m[step].answered;
    return a;
}

static void test_split(void **state)
{
    (void)state;
    const WfmConfig *c = &base_cfg;
    int ph = queue(c, "phone"), fo = queue(c, "foreign"), si = queue(c, "sign");
    double sk[NQ] = { 0 }, need[NQ] = { 0 }, out[NQ];
    /* Shortage: the skill queues take their skilled agents up to their need, the rest answer phone. */
    sk[fo] = 3, sk[si] = 5, need[ph] = 50, need[fo] = 4, need[si] = 2;
    surge_split(c, NQ, 30, sk, need, out);
    assert_close(out[fo], 3, 1e-12);
    assert_close(out[si], 2, 1e-12);
    assert_close(out[ph], 25, 1e-12);
    /* Surplus: 112 on the phone for 56 needed - every queue the same multiple of its need, a skill queue
     * never above its skilled agents. */
    surge_split(c, NQ, 112, sk, need, out);
    assert_close(out[fo] + out[si] + out[ph], 112, 1e-9);
    assert_close(out[fo], 3, 1e-9);    /* capped at its 3 skilled agents */
    /* lam: 50 lam + 3 + min(5, 2 lam) = 112 -> lam = 109 / 52 (2 lam = 4.19 <= 5) */
    assert_close(out[ph], 50 * 109.0 / 52, 1e-6);
    assert_close(out[si], 2 * 109.0 / 52, 1e-6);
    /* Fewer on the phone than the skilled ones need: all of them to the skill queues. */
    surge_split(c, NQ, 4, sk, need, out);
    assert_close(out[fo] + out[si] + out[ph], 4, 1e-9);
    assert_close(out[ph], 0, 1e-12);
}

static void test_queues_at_every_stage(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    Roster r = roster(&c);
    SurgeScenario sc;
    int nh = 24, fo = queue(&c, "foreign"), si = queue(&c, "sign");
    demand(&c, 1);
    assert_int_equal(plan(&c, &r, 9, 1, 3000, 0, &sc), 0);
    assert_int_equal(sc.nq, NQ);
    double avail = wfm_config_availability(&c);
    /* Skilled supply computed here: each agent's duty split evenly over his skills. */
    double duty[24 * ND], skilled[NQ][24];
    memset(skilled, 0, sizeof skilled);
    for (int g = 0; g < 10; g++) {
        Roster one = r;
        one.agents = &ag[g], one.a = &as[g * (NC + ND)], one.leave = &lv[g * ND], one.nagents = 1;
        check_on_duty_share(&c, &one, 60, duty);
        int nsk = __builtin_popcount(ag[g].skills);
        for (int q = 0; q < NQ; q++)
            if ((ag[g].skills >> q) & 1)
                for (int t = 0; t < nh; t++)
                    skilled[q][t] += duty[24 * 9 + t] * avail / nsk;
    }
    double sum_ar[NQ][SURGE_NSTEPS] = { { 0 } };
    for (int t = 0; t < nh; t++)
        for (int k = 0; k < SURGE_NSTEPS; k++) {
            double tot = 0;
            for (int q = 0; q < NQ; q++) {
                const SurgeHour *h = &sc.qh[q * nh + t];
                tot += h->phone[k];
                /* the answer rate is Erlang A's at the queue's own staffing */
                assert_close(h->m[k].answer_rate, ar_at(&c, h, h->phone[k]), 1e-9);
                assert_close(h->m[k].answered, h->offered * h->m[k].answer_rate, 1e-6);
                if (k > 0)   /* never falls from one stage to the next */
                    assert_true(h->m[k].answer_rate >= h->m[k - 1].answer_rate - 1e-9);
                sum_ar[q][k] += h->m[k].answered;
            }
            assert_close(tot, sc.h[t].phone[k], 1e-6);   /* every agent on the phone in one queue */
            if (k == SURGE_ROSTER)   /* a skill queue only with its skilled agents */
                for (int q = 0; q < NQ; q++)
                    if (c.queues[q].skill[0])
                        assert_true(sc.qh[q * nh + t].phone[k] <= skilled[q][t] + 1e-9);
        }
    /* Each queue's need: the fewest agents reaching the answer rate (its own AHT and patience). */
    for (int q = 0; q < NQ; q++)
        for (int t = 0; t < nh; t++) {
            const SurgeHour *h = &sc.qh[q * nh + t];
            if (h->offered < 1)
                continue;
            assert_true(ar_at(&c, h, h->need) >= c.answer_rate - 1e-12);
            if (h->need > 0)
                assert_true(ar_at(&c, h, h->need - 1) < c.answer_rate);
        }
    /* The vendor (phone only) brings nothing to the skill queues: above their need
     * or short of skilled agents, they stay where overtime left them. */
    for (int t = 0; t < nh; t++)
        for (int q = 0; q < NQ; q++)
            if ((q == fo || q == si) && sc.qh[q * nh + t].phone[1] < sc.qh[q * nh + t].need - 1e-9)
                assert_close(sc.qh[q * nh + t].phone[2], sc.qh[q * nh + t].phone[1], 1e-9);
    for (int q = 0; q < NQ; q++) {
        double o = 0;
        for (int t = 0; t < nh; t++)
            o += sc.qh[q * nh + t].offered;
        print_message("  3,000 calls, %-8s %6.0f offered: %.1f%% -> %.1f%% -> %.1f%% answered\n", c.queues[q].name, o,
                      100 * sum_ar[q][0] / o, 100 * sum_ar[q][1] / o, 100 * sum_ar[q][2] / o);
    }
    surge_scenario_free(&sc);
}

/* The limits: starts a day, agents on duty at once, lead days, minimum block. */
static void test_limits(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    c.vendor_capacity = 5, c.outside_seats = 4, c.outside_laptops = 3, c.outside_lead_days = 1, c.outside_min_block_h = 8;
    Roster r = roster(&c);
    SurgeScenario sc, free_sc;
    int k = 2, nh = 24 * k;
    demand(&c, k);
    assert_int_equal(plan(&c, &r, 8, k, 4000, 0, &sc), 0);
    WfmConfig u = base_cfg;
    assert_int_equal(plan(&u, &r, 8, k, 4000, 0, &free_sc), 0);
    assert_true(free_sc.outside_agents > 2 * c.vendor_capacity);   /* the limits bind */
    double per = wfm_config_availability(&c) / c.outside_aht_factor, out[48] = { 0 }, gap = 0;
    int starts[2] = { 0 };
    for (int t = 0; t < nh; t++)
        for (int b = 0; b < sc.nblocks; b++) {
            int n = sc.outside[t * sc.nblocks + b];
            if (!n)
                continue;
            assert_true(sc.block_h[b] >= 8);
            assert_true(t >= 24);   /* nobody on the first day */
            starts[t / 24] += n;
            for (int v = t; v < t + sc.block_h[b] && v < nh; v++)
                out[v] += n;
        }
    assert_true(starts[0] == 0 && starts[1] <= 5 && starts[1] > 0);
    for (int t = 0; t < nh; t++) {
        assert_true(out[t] <= 7 + 1e-9);
        assert_close(sc.h[t].phone[2], sc.h[t].phone[1] + per * out[t], 1e-9);
        const SurgeHour *h = &sc.qh[queue(&c, "phone") * nh + t];
        /* the vendor's queues' gap, never below the center's pooled one */
        gap += fmax(0, fmax(fmax(0, h->need - h->phone[1]), sc.h[t].need - sc.h[t].phone[1]) - per * out[t]);
    }
    /* what the limits left uncovered, recomputed, and the calls that stay unanswered */
    assert_close(sc.outside_short_h, gap, 1e-6);
    assert_true(sc.outside_short_h > 1);
    assert_true(answered(&sc, 2) < answered(&free_sc, 2));
    assert_true(answered(&sc, 2) >= answered(&sc, 1) - 1e-9);
    print_message("  limits: %d outside agents (%d without), %.0f agent-hours uncovered, %.0f calls unanswered "
                  "(%.0f without)\n", sc.outside_agents, free_sc.outside_agents, sc.outside_short_h,
                  4000.0 * k - answered(&sc, 2), 4000.0 * k - answered(&free_sc, 2));
    surge_scenario_free(&sc);
    surge_scenario_free(&free_sc);
}

/* Cost by hand; the budget never exceeded; the answer rate monotone in it. */
static void test_budget_and_cost(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    c.wage_won_h = 10000, c.vendor_won_h = 20000;
    Roster r = roster(&c);
    demand(&c, 1);
    static const double budgets[] = { 50000, 150000, 300000, 600000, 1200000, 2400000, 0 };
    double prev = -1;
    for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++) {
        SurgeScenario sc;
        assert_int_equal(plan(&c, &r, 9, 1, 4000, budgets[i], &sc), 0);
        double paid = 0, bill = 0;
        for (int j = 0; j < sc.not; j++)
            paid += sc.ot[j].paid_hours;
        for (int t = 0; t < 24; t++)
            for (int b = 0; b < sc.nblocks; b++)
                bill += sc.outside[t * sc.nblocks + b] * sc.block_h[b] * c.vendor_won_h;   /* blocks paid whole */
        assert_close(sc.cost[SURGE_STAGE1], paid * c.wage_won_h, 1e-3);
        assert_close(sc.cost[SURGE_STAGE2], bill, 1e-3);
        if (budgets[i] > 0)
            assert_true(sc.cost[SURGE_STAGE1] + sc.cost[SURGE_STAGE2] <= budgets[i] + 1e-6);
        double a = answered(&sc, SURGE_STAGE2) / 4000;
        print_message("  budget %9.0f won: cost %9.0f (overtime %.0f, outside %.0f), %.2f%% answered\n", budgets[i],
                      sc.cost[1] + sc.cost[2], sc.cost[1], sc.cost[2], 100 * a);
        assert_true(a >= prev - 1e-9);   /* more money never answers fewer calls (the last: no budget) */
        prev = a;
        surge_scenario_free(&sc);
    }
}

/* The calls a plan answers at each stage (out[SURGE_NSTEPS]), recomputed
 * here from what it decided: the roster, then with its overtime put back
 * (solver/check's hours on duty; the rule checker run on it here finds
 * nothing the roster alone does not), then with its outside agents' blocks, and
 * Erlang A computed here at each hour's pooled agents on the phone.
 * Returns stage 2's. */
static double answered_by_hand(const WfmConfig *c, const Roster *r, const SurgeScenario *sc, double *out)
{
    size_t w = (size_t)(r->carry_days + r->ndays);
    Assign *a = xmalloc(sizeof *a * w * (size_t)r->nagents);
    memcpy(a, r->a, sizeof *a * w * (size_t)r->nagents);
    for (int i = 0; i < sc->not; i++) {
        const SurgeOt *o = &sc->ot[i];
        Assign *x = &a[(size_t)o->agent * w + (size_t)(r->carry_days + o->day - r->first_day)];
        if (o->kind == OT_EXTRA) {
            const ShiftTemplate *t = &c->shifts[o->shift];
            *x = (Assign){ o->shift, t->start_min, wfm_meal_mid(t), 0, 0, 0, 0, 0, 1 };
            assert_int_equal(o->start_min, t->start_min);
        } else if (o->kind == OT_BEFORE) {
            x->ot_before_min += o->end_min - o->start_min;
        } else {
            x->ot_after_min += o->end_min - o->start_min;
        }
    }
    Roster r1 = *r;
    r1.a = a;
    CheckReport c0, c1;   /* the overtime put back breaks no rule the roster did not */
    check_roster(c, r, NULL, &c0);
    check_roster(c, &r1, NULL, &c1);
    assert_int_equal(c1.n, c0.n);
    check_free(&c0), check_free(&c1);
    double *duty0 = xmalloc(sizeof *duty0 * 24 * (size_t)r->ndays), *duty1 = xmalloc(sizeof *duty1 * 24 * (size_t)r->ndays);
    double avail = wfm_config_availability(c), per = avail / c->outside_aht_factor, sink[SURGE_NSTEPS];
    check_on_duty_share(c, r, 60, duty0);
    check_on_duty_share(c, &r1, 60, duty1);
    out = out ? out : sink;
    for (int k = 0; k < SURGE_NSTEPS; k++)
        out[k] = 0;
    int d0 = sc->first_day - r->first_day;
    for (int t = 0; t < 24 * sc->ndays; t++) {
        double phone[SURGE_NSTEPS] = { duty0[24 * d0 + t] * avail, duty1[24 * d0 + t] * avail, 0 };
        assert_close(phone[SURGE_STAGE1], sc->h[t].phone[SURGE_STAGE1], 1e-6);   /* the overtime's agents, as the plan says */
        phone[SURGE_STAGE2] = phone[SURGE_STAGE1];
        for (int s = 0; s <= t; s++)
            for (int b = 0; b < sc->nblocks; b++)
                if (t < s + sc->block_h[b])
                    phone[SURGE_STAGE2] += per * sc->outside[s * sc->nblocks + b];
        for (int k = 0; k < SURGE_NSTEPS; k++)
            out[k] += sc->h[t].offered * ar_at(c, &sc->h[t], phone[k]);
    }
    free(a), free(duty0), free(duty1);
    return out[SURGE_STAGE2];
}

/* --budget: overtime and outside agents chosen together.  With an
 * expensive overtime premium, vendor first answers more than overtime
 * first; the joint plan answers at least as many as either (each planned
 * here on its own), within the budget, and no more than the joint
 * relaxation's bound - the answered calls recomputed by hand each time. */
static void test_budget_joint(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    c.wage_won_h = 10000, c.vendor_won_h = 20000;
    Roster r = roster(&c);
    demand(&c, 2);
    static const struct { double premium, budget; int vendor_wins; } cases[] = {
        { 3.0, 600000, 1 },    /* overtime paid 4x: an agent on the phone costs 40,000 an hour against 26,000 */
        { 4.0, 1000000, 1 },
        { 3.0, 1500000, -1 },  /* either */
        { 0.5, 600000, 0 },    /* the sample's premium: overtime is the cheaper */
        { 0.5, 2000000, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        c.overtime_premium = cases[i].premium;
        SurgeScenario sc[4];
        double by_hand[4];
        for (int o = SURGE_BUDGET_BEST; o <= SURGE_BUDGET_VENDOR_FIRST; o++) {
            WfmErr err;
            memset(&sc[o], 0, sizeof sc[o]);
            snprintf(sc[o].name, sizeof sc[o].name, "4000");
            sc[o].calls_per_day = 4000, sc[o].aht_factor = 1;
            SurgePlanIn in = { &c, &r, 8, 2, off, aht, pat, 20, NULL, NULL, NULL, SURGE_TARGET_ANSWER_RATE,
                               qoff, qaht, qpat, cases[i].budget, o };
            assert_int_equal(surge_plan(&in, &sc[o], &err), 0);
            by_hand[o] = answered_by_hand(&c, &r, &sc[o], NULL);
            assert_close(by_hand[o], answered(&sc[o], SURGE_STAGE2), 1e-6);
            assert_true(sc[o].cost[SURGE_STAGE1] + sc[o].cost[SURGE_STAGE2] <= cases[i].budget + 1e-6);
            assert_true(by_hand[o] <= sc[o].budget_bound + 1e-6);   /* the bound holds for every order */
            assert_int_equal(sc[o].violations, 0);
        }
        print_message("  premium %.1f, budget %9.0f won: overtime first %.2f%%, vendor first %.2f%%, the split %.2f%%, "
                      "kept %.2f%% (order %d), bound %.2f%%\n", cases[i].premium, cases[i].budget, 100 * by_hand[1] / 8000,
                      100 * by_hand[3] / 8000, 100 * by_hand[2] / 8000, 100 * by_hand[0] / 8000, sc[0].budget_pick,
                      100 * sc[0].budget_bound / 8000);
        if (cases[i].vendor_wins == 1)   /* the top-up lets overtime first trade its dear hours for blocks: about even */
            assert_true(by_hand[SURGE_BUDGET_VENDOR_FIRST] > by_hand[SURGE_BUDGET_OT_FIRST] - 0.001 * 8000);
        else if (cases[i].vendor_wins == 0)
            assert_true(by_hand[SURGE_BUDGET_OT_FIRST] > by_hand[SURGE_BUDGET_VENDOR_FIRST] + 1);
        assert_true(by_hand[0] >= by_hand[SURGE_BUDGET_OT_FIRST] - 1e-6);
        assert_true(by_hand[0] >= by_hand[SURGE_BUDGET_VENDOR_FIRST] - 1e-6);
        assert_true(by_hand[0] >= by_hand[SURGE_BUDGET_SPLIT] - 1e-6);
        for (int o = 0; o < 4; o++)
            surge_scenario_free(&sc[o]);
    }
}

/* The number in a report row's n-th cell (thousands separators dropped;
 * NAN for an empty cell). */
static double report_cell(const char *page, const char *label, int n)
{
    char key[256];
    snprintf(key, sizeof key, "<tr><th>%s</th>", label);
    const char *p = strstr(page, key);
    assert_non_null(p);
    p += strlen(key);
    for (int i = 0; i < n; i++)
        p = strstr(p, "</td>") + 5;
    assert_true(strncmp(p, "<td>", 4) == 0);
    p += 4;
    if (*p == '<')
        return NAN;
    char num[64];
    size_t k = 0;
    for (; *p != '<' && k < sizeof num - 1; p++)
        if (*p != ',')
            num[k++] = *p;
    num[k] = 0;
    return atof(num);
}

/* The cost per extra call answered the report shows, against the pay and
 * the bill summed here from the plan's overtime and blocks, over the calls
 * each stage adds by Erlang A computed here from its staffing. */
static void test_cost_per_call(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    c.wage_won_h = 12000, c.vendor_won_h = 21000, c.language = LANG_EN;
    Roster r = roster(&c);
    demand(&c, 1);
    SurgeScenario sc[2];
    static const double budget[2] = { 0, 3000000 };
    char *dir = tmp_dir();
    for (int i = 0; i < 2; i++) {
        assert_int_equal(plan(&c, &r, 9, 1, 4000, budget[i], &sc[i]), 0);
        snprintf(sc[i].name, sizeof sc[i].name, "%d", 4000 + i);   /* two columns */
    }
    char ids[NG][32];
    for (int g = 0; g < NG; g++)
        snprintf(ids[g], sizeof ids[g], "%.31s", ag[g].id);
    SurgeReport rep = { &c, sc, 2, (const char(*)[32])ids };
    WfmErr err;
    assert_int_equal(rep_surge(&rep, dir, NULL, &err), 0);
    char path[600];
    snprintf(path, sizeof path, "%s/index.html", dir);
    size_t len;
    char *page = read_file(path, &len);
    for (int i = 0; i < 2; i++) {
        double ans[SURGE_NSTEPS], pay = 0, bill = 0;
        answered_by_hand(&c, &r, &sc[i], ans);
        for (int j = 0; j < sc[i].not; j++)
            pay += sc[i].ot[j].paid_hours * c.wage_won_h;
        for (int t = 0; t < 24; t++)
            for (int b = 0; b < sc[i].nblocks; b++)
                bill += sc[i].outside[t * sc[i].nblocks + b] * sc[i].block_h[b] * c.vendor_won_h;
        double per1 = pay / (ans[SURGE_STAGE1] - ans[SURGE_ROSTER]), per2 = bill / (ans[SURGE_STAGE2] - ans[SURGE_STAGE1]);
        print_message("  budget %.0f: overtime %.0f won for %.1f more calls (%.0f a call), outside %.0f won for %.1f "
                      "(%.0f a call)\n", budget[i], pay, ans[1] - ans[0], per1, bill, ans[2] - ans[1], per2);
        assert_true(pay > 0 && bill > 0);
        assert_close(report_cell(page, "Overtime pay (won)", i), pay, 0.5);
        assert_close(report_cell(page, "Outside agents' bill (won)", i), bill, 0.5);
        assert_close(report_cell(page, "Won per extra call answered, overtime", i), per1, 0.5 + 1e-6 * per1);
        assert_close(report_cell(page, "Won per extra call answered, outside agents", i), per2, 0.5 + 1e-6 * per2);
        surge_scenario_free(&sc[i]);
    }
    free(page);
    rm_tree(dir);
}

/* Several days: absence takes its share of our agents on the phone (not the
 * outside agents'), the AHT drifts by its factor a day. */
static void test_absence_and_drift(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    Roster r = roster(&c);
    SurgeScenario a, b;
    demand(&c, 2);   /* the same two days */
    assert_int_equal(plan(&c, &r, 8, 2, 4000, 0, &a), 0);
    WfmErr err;
    memset(&b, 0, sizeof b);
    snprintf(b.name, sizeof b.name, "absent");
    b.calls_per_day = 4000, b.aht_factor = 1, b.absence = 0.2, b.aht_drift = 0.05;
    SurgePlanIn in = { &c, &r, 8, 2, off, aht, pat, 20, NULL, NULL, NULL, SURGE_TARGET_ANSWER_RATE, qoff, qaht, qpat, 0,
                       SURGE_BUDGET_BEST };
    assert_int_equal(surge_plan(&in, &b, &err), 0);
    double per = wfm_config_availability(&c) / c.outside_aht_factor;
    for (int t = 0; t < 48; t++) {
        assert_close(b.h[t].phone[SURGE_ROSTER], 0.8 * a.h[t].phone[SURGE_ROSTER], 1e-9);
        assert_close(b.h[t].aht_s, a.h[t].aht_s * (t < 24 ? 1 : 1.05), 1e-9);
        for (int q = 0; q < NQ; q++)
            assert_close(b.qh[q * 48 + t].aht_s, a.qh[q * 48 + t].aht_s * (t < 24 ? 1 : 1.05), 1e-9);
        double out = 0;   /* outside agents still count whole */
        for (int s = 0; s <= t; s++)
            for (int k = 0; k < b.nblocks; k++)
                if (t < s + b.block_h[k])
                    out += b.outside[s * b.nblocks + k];
        assert_close(b.h[t].phone[SURGE_STAGE2], b.h[t].phone[SURGE_STAGE1] + per * out, 1e-9);
    }
    assert_true(answered(&b, SURGE_ROSTER) < answered(&a, SURGE_ROSTER));
    b.absence = 1;   /* nobody at all: refused */
    surge_scenario_free(&b);
    assert_int_equal(surge_plan(&in, &b, &err), WFM_EINPUT);
    surge_scenario_free(&a);
    surge_scenario_free(&b);
}

/* The longest run of days in a row with overtime of any one agent. */
static int longest_run(const SurgeScenario *sc)
{
    int best = 0;
    for (int g = 0; g < NG; g++) {
        int run = 0;
        for (int d = sc->first_day; d < sc->first_day + sc->ndays; d++) {
            int any = 0;
            for (int i = 0; i < sc->not; i++)
                any |= sc->ot[i].agent == g && sc->ot[i].day == d;
            run = any ? run + 1 : 0;
            best = run > best ? run : best;
        }
    }
    return best;
}

/* Fatigue: no agent works overtime on more surge days in a row than allowed. */
static void test_overtime_days_in_row(void **state)
{
    (void)state;
    WfmConfig c = base_cfg;
    c.overtime_cap_h = 40, c.overtime_days_in_row = 0;
    Roster r = roster(&c);
    SurgeScenario sc;
    demand(&c, 5);
    assert_int_equal(plan(&c, &r, 7, 5, 4000, 0, &sc), 0);   /* Monday to Friday */
    int free_run = longest_run(&sc);
    surge_scenario_free(&sc);
    assert_true(free_run >= 3);   /* without the cap some agent stays longer every day */
    for (int cap = 1; cap <= 2; cap++) {
        c.overtime_days_in_row = cap;
        assert_int_equal(plan(&c, &r, 7, 5, 4000, 0, &sc), 0);
        print_message("  overtime days in a row: %d allowed, %d planned (%d without the cap)\n", cap, longest_run(&sc),
                      free_run);
        assert_true(longest_run(&sc) <= cap);
        assert_true(sc.not > 0);
        surge_scenario_free(&sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_queues_at_every_stage),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_budget_and_cost),
        cmocka_unit_test(test_budget_joint),
        cmocka_unit_test(test_cost_per_call),
        cmocka_unit_test(test_absence_and_drift),
        cmocka_unit_test(test_overtime_days_in_row),
    };
    return cmocka_run_group_tests_name("surge_queues", tests, setup, teardown);
}
