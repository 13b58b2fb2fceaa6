/*
 * anneal.c - the polish: whole meal counts; every agent's month priced
 * again against the others and the teams' marks brought down
 * (reprice.c); then simulated annealing on the roster itself - an agent's
 * day dropped, moved to a day off or another start, or a shift added, or
 * now and then his whole month priced again, legal by the same rules as
 * the pricing and never raising a fairness mark, with exact coverage
 * costs; then months priced again and days moved while that gains; team
 * marks lowered by trading days between alike agents (every day keeps its
 * shifts); last, the skill queues' meals covered (meals.c).
 */
#include "internal.h"
#include "../assign.h"
#include "../../core/alloc.h"
#include "../../core/rng.h"
#include "../../core/stats.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* May agent g have item on day d (his pinned days)? */
static int pin_ok(const Master *m, int g, int d, int item)
{
    return !m->pinned || !m->pinned[((size_t)g * m->nd + d) * (m->ns + 1) + (item >= 0 ? item : m->ns)];
}

/* Puts (sign 1) or takes away (-1) an agent on template s of day d with
 * his meal in slot k; returns what the coverage cost changes by. */
double cg_put(Polish *P, int d, int s, int k, int sign)
{
    const Master *m = P->m;
    const ShiftTemplate *t = &P->cfg->shifts[s];
    int a = 1440 * d + t->start_min, b = a + t->length_min;
    int ma = a + t->meal_from_min + 30 * k, mb = t->meal_min > 0 ? ma + t->meal_min : ma;
    double delta = 0;
    int per = 1440 / m->I, day = -1;
    double before = 0;
    for (int h = a / m->I; h * m->I < b && h < m->nt; h++) {
        double amt = (double)(cg_slot_overlap(a, b, h, m->I) - (mb > ma ? cg_slot_overlap(ma, mb, h, m->I) : 0)) / m->I;
        double old = cg_slot_cost(m, P->cov[h], h);
        if (h / per != day) {   /* the day's limit: what it cost before this shift's part of it */
            if (day >= 0)
                delta += cg_day_cost(m, day, P->dsum[day]) - before;
            day = h / per, before = cg_day_cost(m, day, P->dsum[day]);
        }
        P->cov[h] += sign * amt;
        P->dsum[day] += sign * amt;
        delta += cg_slot_cost(m, P->cov[h], h) - old;
    }
    if (day >= 0)
        delta += cg_day_cost(m, day, P->dsum[day]) - before;
    if (t->meal_min > 0)
        P->meal[(size_t)(d * m->ns + s) * SHIFTPLAN_MEAL_SLOTS + k] += sign;
    return delta;
}

/* Agent g on template s of day d put on (sign 1) or taken off (-1) the
 * skill rows' counts; returns what the skill queues' cost changes by. */
double cg_skill_put(Polish *P, int g, int d, int s, int sign)
{
    const Master *m = P->m;
    unsigned sk = P->r->agents[g].skills;
    if (!P->scnt || !sk)
        return 0;
    const ShiftTemplate *tp = &P->cfg->shifts[s];
    int a = 1440 * d + tp->start_min, b = a + tp->length_min, I = m->I, t0, t1;
    double delta = 0;
    cg_whole_slots(a, b, I, m->nt, &t0, &t1);
    for (int q = 0; q < P->cfg->nqueues; q++) {
        if (!(sk >> q & 1) || !P->cfg->queues[q].skill[0])
            continue;
        for (int t = t0; t < t1; t++) {
            double *c = &P->scnt[(size_t)q * m->nt + t], *e = c + (size_t)P->cfg->nqueues * m->nt;
            double before = cg_skill_slot_cost(P->cfg, m->nd, I, m->skill_need, m->skill_duty, q, t, *c, *e);
            *c += sign, *e += sign * (1 - cg_meal_share(P->cfg, s, d, t, I));
            delta += cg_skill_slot_cost(P->cfg, m->nd, I, m->skill_need, m->skill_duty, q, t, *c, *e) - before;
        }
    }
    return delta;
}

/* Adds (sign 1) the agent with the meal slot that costs least, or takes
 * away (-1) one of the slot's agents whose leaving costs least; *k gets
 * the slot; returns the cost's change. */
double cg_put_best(Polish *P, int d, int s, int sign, int *k)
{
    const ShiftTemplate *t = &P->cfg->shifts[s];
    double best = INFINITY;
    *k = 0;
    for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS; b++) {
        if (t->meal_min > 0 && (t->meal_from_min + 30 * b > t->meal_to_min ||
                                (sign < 0 && P->meal[(size_t)(d * P->m->ns + s) * SHIFTPLAN_MEAL_SLOTS + b] < 0.5)))
            continue;
        double v = cg_put(P, d, s, b, sign);
        cg_put(P, d, s, b, -sign);
        if (v < best)
            best = v, *k = b;
        if (t->meal_min <= 0)
            break;
    }
    return cg_put(P, d, s, *k, sign);
}

/* Does agent g's month keep every rule the pricing keeps, and no team's
 * fairness mark rise? */
int cg_month_ok(const Polish *P, int g, const int *row)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    const RuleSet *rs = cg_rules_of(m, r, g);
    uint64_t k0 = m->start[g];
    uint32_t st = K_RULES(k0);
    int last = K_LAST(k0), run = K_RUN(k0), wd = K_WD(k0), wm = K_WM(k0), c[FK_N] = { 0 };
    int maxwd = 7 - cfg->min_days_off_per_week, cap = cg_contract_min(cfg, &r->agents[g]);
    int lastw = assign_week_of(r, m->nd - 1), after = m->after[2 * g], after_min = m->after[2 * g + 1];
    const int *need = &m->wneed[g * ASSIGN_WEEKS];
    for (int d = 0; d < m->nd; d++) {
        int s = row[d], late = assign_week_of(r, d) == lastw;
        if (date_weekday(r->first_day + d) == WD_MON) {
            if (d > 0 && wd < need[assign_week_of(r, d - 1)])
                return 0;
            wd = 0, wm = 0;
        }
        if (!wfm_rules_step(rs, &st, s, wfm_rules_flags(r->first_day, r->ndays, r->carry_days, d)) || !pin_ok(m, g, d, s))
            return 0;
        if (s < 0) {
            if (s == ROSTER_OFF && wfm_must_work(cfg, r->agents[g].team, r->first_day + d) &&
                assign_can_work(cfg, r, g, d))
                return 0;   /* off on his team's weekend day */
            last = NO_UNIT, run = 0;   /* (rest only: regularity is costed, not ruled) */
            continue;
        }
        if ((r->leave && r->leave[(size_t)g * m->nd + d]) || !m->xcol[d * m->ns + s] ||
            !wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, cfg->shifts[s].kind) ||
            (last < OFF1_UNIT && !cg_rest_ok(cfg, last, s)) || ++run > cfg->max_consecutive_days ||
            ++wd > maxwd - (late ? after : 0) || (wm += m->twork[s]) > cap - (late ? after_min : 0))
            return 0;
        last = s;
        for (int f = 0; f < FK_N; f++)
            c[f] += cg_counts(cfg, s, r->first_day + d, f);
    }
    if (wd < need[assign_week_of(r, m->nd - 1)] || !wfm_rules_end(rs, st, wfm_rules_end_flags(r->first_day, m->nd)))
        return 0;
    for (int f = 0; f < FK_N; f++) {
        double sh = m->share[g * FK_N + f];
        if (sh > 0 && c[f] / sh > P->hi[(r->agents[g].team + 1) * FK_N + f] + 1e-9)
            return 0;
    }
    return 1;
}

/* A skilled agent's days d1 (left) and d2 (taken; -1: none) keep each of
 * his queues on those days and the days after able to give every meal a
 * cover (cg_queue_day_ok). */
int cg_queues_kept(const Polish *P, int g, int d1, int d2)
{
    unsigned sk = P->r->agents[g].skills;
    for (int q = 0; q < P->cfg->nqueues && P->scnt && sk; q++)
        if ((sk >> q & 1) && P->cfg->queues[q].skill[0] &&
            !(cg_queue_day_ok(P, P->m->skill_need, q, d1) && cg_queue_day_ok(P, P->m->skill_need, q, d1 + 1) &&
              (d2 < 0 ||
               (cg_queue_day_ok(P, P->m->skill_need, q, d2) && cg_queue_day_ok(P, P->m->skill_need, q, d2 + 1)))))
            return 0;
    return 1;
}

/* Agent g's day d1: his shift dropped, moved to another start or to a day
 * off, or (a day off) a shift added - the best legal of these is taken
 * when it changes the cost by less than tau (0: only an improvement).
 * Returns the change. */
static double try_day(Polish *P, int g, int d1, double tau)
{
    const Master *m = P->m;
    int nd = m->nd, ns = m->ns, *row = &P->choice[(size_t)g * nd], s1 = row[d1], k, k1 = 0;
    if (s1 == ROSTER_LEAVE)
        return 0;
    for (int s = 0; s < ns; s++)   /* his team's kinds: no use pricing the others */
        P->works[s] = wfm_team_works(P->cfg, P->r->agents[g].team, P->r->agents[g].night_ok, P->cfg->shifts[s].kind);
    double base = s1 >= 0 ? cg_put_best(P, d1, s1, -1, &k1) + cg_skill_put(P, g, d1, s1, -1) + cg_pref_cost(m, g, d1, ROSTER_OFF) -
                                cg_pref_cost(m, g, d1, s1)
                          : 0;
    double best = INFINITY, reg0 = cg_month_regular(m, P->cfg, g, row, 0);
    int bd = -1, bs = -1;   /* the best move's day and template (-1: the shift dropped) */
    row[d1] = ROSTER_OFF;
    double reg1 = cg_month_regular(m, P->cfg, g, row, 0);
    if (s1 >= 0)
        base += reg1 - reg0;   /* a day off now (with no move: the shift dropped) */
    if (s1 >= 0 && base < tau - 1e-9 && cg_month_ok(P, g, row) && cg_queues_kept(P, g, d1, -1))   /* dropped (the contract's days may forbid it) */
        best = base;
    for (int d2 = 0; d2 < nd; d2++) {
        if (row[d2] != ROSTER_OFF || (s1 < 0 && d2 != d1))
            continue;
        for (int s2 = 0; s2 < ns; s2++) {
            if (!m->xcol[d2 * ns + s2] || (d2 == d1 && s2 == s1) || !P->works[s2])
                continue;
            double v = base + cg_put_best(P, d2, s2, 1, &k) + cg_skill_put(P, g, d2, s2, 1) + cg_pref_cost(m, g, d2, s2) -
                       cg_pref_cost(m, g, d2, ROSTER_OFF);
            cg_put(P, d2, s2, k, -1);
            cg_skill_put(P, g, d2, s2, -1);
            row[d2] = s2;
            v += cg_month_regular(m, P->cfg, g, row, 0) - (s1 >= 0 ? reg1 : reg0);
            row[d2] = ROSTER_OFF;
            if (v >= best - 1e-9 || v >= tau - 1e-9)
                continue;
            row[d2] = s2;
            if (cg_month_ok(P, g, row) && cg_queues_kept(P, g, d1, d2))
                best = v, bd = d2, bs = s2;
            row[d2] = ROSTER_OFF;
        }
    }
    if (best < tau - 1e-9) {
        if (bd >= 0)
            row[bd] = bs, cg_put_best(P, bd, bs, 1, &k), cg_skill_put(P, g, bd, bs, 1);
        return best;
    }
    row[d1] = s1;
    if (s1 >= 0)
        cg_put(P, d1, s1, k1, 1), cg_skill_put(P, g, d1, s1, 1);
    return 0;
}

/* Do agent g's weeks that hold the n days in days keep their days and
 * minutes (a quick look before cg_month_ok: the month's first week, with
 * the days carried in, is left to it)? */
static int weeks_ok(const Polish *P, int g, const int *days, int n)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    const int *row = &P->choice[(size_t)g * m->nd];
    int maxwd = 7 - P->cfg->min_days_off_per_week, cap = cg_contract_min(P->cfg, &r->agents[g]);
    for (int i = 0; i < n; i++) {
        int wk = assign_week_of(r, days[i]), wd = 0, wm = 0;
        if (i > 0 && wk == assign_week_of(r, days[i - 1]))
            continue;
        for (int d = days[i]; d >= 0 && assign_week_of(r, d) == wk; d--)
            if (row[d] >= 0)
                wd++, wm += m->twork[row[d]];
        for (int d = days[i] + 1; d < m->nd && assign_week_of(r, d) == wk; d++)
            if (row[d] >= 0)
                wd++, wm += m->twork[row[d]];
        if (wd > maxwd || wm > cap || (wk > 0 && wd < m->wneed[g * ASSIGN_WEEKS + wk]))
            return 0;
    }
    return 1;
}

/* Agents g and h of one team, alike for the coverage (no skill queue, or
 * the same skills), swap their shifts on the n days in days (ascending):
 * each day keeps its shifts, so coverage, meals and the skill queues stay
 * as they are.  Returns what the two months' regularity changes, INFINITY
 * when a rule breaks (cg_month_ok: no mark rises either); the swap is kept
 * when that is at most lim. */
static double swap_days(Polish *P, int g, int h, const int *days, int n, double lim)
{
    const Master *m = P->m;
    int nd = m->nd, *a = &P->choice[(size_t)g * nd], *b = &P->choice[(size_t)h * nd];
    double reg = cg_month_regular(m, P->cfg, g, a, 0) + cg_month_regular(m, P->cfg, h, b, 0), v = INFINITY;
    for (int i = 0; i < n; i++) {
        int t = a[days[i]];
        a[days[i]] = b[days[i]], b[days[i]] = t;
    }
    if (weeks_ok(P, g, days, n) && weeks_ok(P, h, days, n) && cg_month_ok(P, g, a) && cg_month_ok(P, h, b))
        v = cg_month_regular(m, P->cfg, g, a, 0) + cg_month_regular(m, P->cfg, h, b, 0) - reg;
    if (v <= lim)
        return v;
    for (int i = 0; i < n; i++) {
        int t = a[days[i]];
        a[days[i]] = b[days[i]], b[days[i]] = t;
    }
    return v;
}

/* How many more days of kind f agent g works than h on the n days in
 * days; INT_MIN when their leave differs there. */
static int set_more(const Polish *P, int g, int h, const int *days, int n, int f)
{
    const Roster *r = P->r;
    int nd = P->m->nd, *a = &P->choice[(size_t)g * nd], *b = &P->choice[(size_t)h * nd], more = 0;
    for (int i = 0; i < n; i++) {
        int d = days[i];
        if (r->leave && r->leave[(size_t)g * nd + d] != r->leave[(size_t)h * nd + d])
            return INT_MIN;
        more += (a[d] >= 0 && cg_counts(P->cfg, a[d], r->first_day + d, f)) -
                (b[d] >= 0 && cg_counts(P->cfg, b[d], r->first_day + d, f));
    }
    return more;
}

/* Agent g's days on the day team's earliest start (early: its minute). */
static int at_early(const Polish *P, int t, int early)
{
    return t >= 0 && P->cfg->shifts[t].kind == SHIFT_DAY && P->cfg->shifts[t].start_min == early;
}

static int early_days(const Polish *P, int g, int early)
{
    int n = 0;
    for (int d = 0; d < P->m->nd; d++)
        n += at_early(P, P->choice[(size_t)g * P->m->nd + d], early);
    return n;
}

/* The day team's earliest start (minutes; INT_MAX: no day template). */
static int earliest_day_start(const Polish *P)
{
    int early = INT_MAX;
    for (int s = 0; s < P->m->ns; s++)
        if (P->cfg->shifts[s].kind == SHIFT_DAY && P->cfg->shifts[s].start_min < early)
            early = P->cfg->shifts[s].start_min;
    return early;
}

/* The day team's earliest start (minutes), or -1 when fairness.early is
 * off. */
static int early_start(const Polish *P)
{
    int early = earliest_day_start(P);
    return P->cfg->fair_early > 0 && early < INT_MAX ? early : -1;
}

enum { MARK_PARTNERS = 96 };

typedef struct Partner {
    double key;
    int h, early;   /* his days at the earliest start */
} Partner;

static int by_key(const void *x, const void *y)
{
    const Partner *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key ? 1 : a->h - b->h;
}

/* Agent g, above cap in his team's mark of kind f (cnt: the team's counts,
 * -1 for others), gives days of the kind to an agent of the team alike
 * whose count stays within cap: a day of the kind alone, or for a day of
 * the other's not of the kind (where a week has room for a day more or
 * less: leave), or a run of 2 to 14 days swapped whole (a weekend worked is
 * followed by a week that must start off, so a day alone seldom keeps the
 * rules).  The first swap that makes the months no less regular is kept,
 * else the one that costs least in regularity when that is at most lim.
 * Returns its cost (INFINITY: none). */
double cg_mark_swap(Polish *P, int g, int f, int *cnt, double cap, double lim)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int nd = m->nd, ng = m->ng, *row = &P->choice[(size_t)g * nd], days[14], n, bh = -1, bn = 0, bmore = 0, bdays[14];
    int np = 0, early = early_start(P), lo = INT_MAX, hi = 0, mine = early >= 0 ? early_days(P, g, early) : 0;
    double best = lim;
    /* With fairness.early the early starts move with the days, so no swap
     * takes an agent's out of the team's range (the rotation evens them
     * out later; it cannot mend a spread the swaps widen). */
    for (int h = 0; h < ng && early >= 0; h++)
        if (cnt[h] >= 0) {
            int e = early_days(P, h, early);
            lo = e < lo ? e : lo, hi = e > hi ? e : hi;
        }
    /* The partners: the team's alike agents with room for a day, fewest
     * days first, MARK_PARTNERS of them (a large center has plenty). */
    Partner *part = xmalloc(sizeof *part * (size_t)(ng ? ng : 1));
    for (int h = 0; h < ng; h++)
        if (h != g && cnt[h] >= 0 && cg_alike(m, r, h) == cg_alike(m, r, g) &&
            (cnt[h] + 1) / m->share[h * FK_N + f] <= cap + 1e-9) {
            part[np].key = cnt[h] / m->share[h * FK_N + f], part[np].h = h;
            part[np++].early = early >= 0 ? early_days(P, h, early) : 0;
        }
    qsort(part, (size_t)np, sizeof *part, by_key);
    if (np > MARK_PARTNERS)
        np = MARK_PARTNERS;
    for (int pass = 0; pass < 2 && np > 0; pass++)   /* a day (and one back), then runs */
        for (int d0 = 0; d0 < nd; d0++)
            for (int x = pass ? 2 : 0; x <= (pass ? 14 : nd); x++) {
                if (pass) {
                    if (d0 + x > nd)
                        break;
                    for (n = 0; n < x; n++)
                        days[n] = d0 + n;
                } else {   /* d0 one of g's days of the kind, x a day he is off (nd: none) */
                    if (!(row[d0] >= 0 && cg_counts(P->cfg, row[d0], r->first_day + d0, f)) ||
                        (x < nd && row[x] != ROSTER_OFF))
                        continue;
                    days[0] = x < d0 ? x : d0, days[1] = x < d0 ? d0 : x, n = x < nd ? 2 : 1;
                }
                for (int i = 0; i < np; i++) {
                    int h = part[i].h;
                    const int *b = &P->choice[(size_t)h * nd];
                    if (!pass && (b[d0] != ROSTER_OFF || (x < nd && b[x] < 0)))
                        continue;
                    int more = set_more(P, g, h, days, n, f), moved = 0;
                    if (more <= 0 || (cnt[h] + more) / m->share[h * FK_N + f] > cap + 1e-9)
                        continue;
                    for (int j = 0; j < n && early >= 0; j++)
                        moved += at_early(P, b[days[j]], early) - at_early(P, row[days[j]], early);
                    if (early >= 0 && (mine + moved < lo || mine + moved > hi || part[i].early - moved < lo ||
                                       part[i].early - moved > hi))
                        continue;
                    double v = swap_days(P, g, h, days, n, 1e-9);
                    if (v <= 1e-9) {
                        cnt[g] -= more, cnt[h] += more;
                        free(part);
                        return v;
                    }
                    if (v < best)
                        best = v, bh = h, bn = n, bmore = more, memcpy(bdays, days, sizeof *days * (size_t)n);
                }
            }
    free(part);
    if (bh < 0)
        return INFINITY;
    swap_days(P, g, bh, bdays, bn, INFINITY);
    cnt[g] -= bmore, cnt[bh] += bmore;
    return best;
}

/* Team's mark of kind f in cnt's counts (-1: not of the team). */
static double mark_of(const Polish *P, const int *cnt, int f)
{
    double top = 0;
    for (int g = 0; g < P->m->ng; g++)
        if (cnt[g] >= 0)
            top = fmax(top, cnt[g] / P->m->share[g * FK_N + f]);
    return top;
}

/* Lowers the teams' fairness marks without touching coverage: every agent
 * at a team's mark swaps days of the kind with an agent below it
 * (cg_mark_swap), step after step; up to four steps are taken at once and the
 * best kept when the mark's fall pays for the regularity they cost.  The
 * annealing keeps marks but can hardly lower them: the mark is the highest
 * count, and one agent's move never lowers a highest count that several
 * share. */
static void even_marks(Polish *P)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int ng = m->ng;
    size_t nc = (size_t)ng * m->nd;
    int *cnt = xmalloc(sizeof *cnt * (size_t)(ng ? ng : 1));
    int *save = xmalloc(sizeof *save * (nc ? nc : 1)), *keep = xmalloc(sizeof *keep * (nc ? nc : 1));
    for (int team = -1; team < P->cfg->nteams; team++)
        for (int f = 0; f < FK_N; f++) {
            double w = cg_fair_weight(P->cfg, f);
            if (!(w > 0))
                continue;
            for (int more = 1; more;) {
                for (int g = 0; g < ng; g++)
                    cnt[g] = r->agents[g].team == team && m->share[g * FK_N + f] > 0
                                 ? cg_count_of(P->cfg, r, P->choice, g, f) : -1;
                double top0 = mark_of(P, cnt, f), top = top0, cost = 0, best = -1e-9;
                if (top <= 0)
                    break;
                memcpy(save, P->choice, sizeof *save * nc);
                more = 0;
                for (int step = 0; step < 4; step++) {
                    int ok = 1;
                    for (int g = 0; g < ng && ok; g++)
                        if (cnt[g] >= 0 && cnt[g] / m->share[g * FK_N + f] >= top - 1e-9) {
                            double v = cg_mark_swap(P, g, f, cnt, top - 1e-6, w);
                            ok = isfinite(v), cost += ok ? v : 0;
                        }
                    if (!ok)
                        break;
                    top = mark_of(P, cnt, f);
                    if (cost - w * (top0 - top) < best)
                        best = cost - w * (top0 - top), more = 1, memcpy(keep, P->choice, sizeof *keep * nc);
                }
                memcpy(P->choice, more ? keep : save, sizeof *save * nc);
                cg_marks(P->cfg, r, m->share, P->choice, P->hi);
            }
        }
    free(cnt), free(save), free(keep);
}

/* The roster's value on the master's terms: coverage and the team marks
 * (P->hi set to them). */
static double value_of(Polish *P)
{
    const Master *m = P->m;
    double v = cg_marks(P->cfg, P->r, m->share, P->choice, P->hi);
    for (int g = 0; g < m->ng; g++)
        v += cg_month_regular(m, P->cfg, g, &P->choice[(size_t)g * m->nd], 0);
    if (m->skill_need) {
        double *cnt = xmalloc(sizeof *cnt * cg_skilled_len(P->cfg, m->nt));
        cg_skilled_cover(P->cfg, P->r, P->choice, 0, m->I, cnt);
        v += cg_skill_cost(P->cfg, m->nd, m->I, m->skill_need, m->skill_duty, cnt);
        free(cnt);
    }
    for (int h = 0; h < m->nt; h++)
        v += cg_slot_cost(m, P->cov[h], h);
    for (int d = 0; d < m->nd; d++)
        v += cg_day_cost(m, d, P->dsum[d]);
    for (int g = 0; g < m->ng && m->pcost; g++)
        for (int d = 0; d < m->nd; d++)
            v += cg_pref_cost(m, g, d, P->choice[(size_t)g * m->nd + d]);
    return v;
}

static size_t meal_n(const Polish *P)
{
    return (size_t)P->m->nd * P->m->ns * SHIFTPLAN_MEAL_SLOTS;
}

static size_t scnt_n(const Polish *P)
{
    return P->scnt ? cg_skilled_len(P->cfg, P->m->nt) : 0;
}

void cg_snap_new(const Polish *P, Snap *s)
{
    size_t nc = (size_t)P->m->ng * P->m->nd;
    s->choice = xmalloc(sizeof *s->choice * (nc ? nc : 1));
    s->meal = xmalloc(sizeof *s->meal * meal_n(P));
    s->cov = xmalloc(sizeof *s->cov * (size_t)P->m->nt);
    s->scnt = xmalloc(sizeof *s->scnt * (scnt_n(P) ? scnt_n(P) : 1));
    s->dsum = xmalloc(sizeof *s->dsum * (size_t)(P->m->nd ? P->m->nd : 1));
    cg_snap_take(P, s);
}

void cg_snap_take(const Polish *P, Snap *s)
{
    memcpy(s->choice, P->choice, sizeof *s->choice * (size_t)P->m->ng * P->m->nd);
    memcpy(s->meal, P->meal, sizeof *s->meal * meal_n(P));
    memcpy(s->cov, P->cov, sizeof *s->cov * (size_t)P->m->nt);
    if (P->scnt)
        memcpy(s->scnt, P->scnt, sizeof *s->scnt * scnt_n(P));
    memcpy(s->dsum, P->dsum, sizeof *s->dsum * (size_t)P->m->nd);
}

void cg_snap_back(Polish *P, const Snap *s)
{
    memcpy(P->choice, s->choice, sizeof *s->choice * (size_t)P->m->ng * P->m->nd);
    memcpy(P->meal, s->meal, sizeof *s->meal * meal_n(P));
    memcpy(P->cov, s->cov, sizeof *s->cov * (size_t)P->m->nt);
    if (P->scnt)
        memcpy(P->scnt, s->scnt, sizeof *s->scnt * scnt_n(P));
    memcpy(P->dsum, s->dsum, sizeof *s->dsum * (size_t)P->m->nd);
}

void cg_snap_free(Snap *s)
{
    free(s->choice), free(s->meal), free(s->cov), free(s->scnt), free(s->dsum);
}

/* Every agent's month priced again (reprice.c), in a random order, sweep
 * after sweep while one gains and the clock allows - the first sweep
 * whole when first is set (it mends the dive's roster, and takes about
 * what one pricing round does).  Returns the change. */
static double reprice_sweeps(Polish *P, Reprice *w, Rng *rng, const struct timespec *t0, double until,
                             const volatile sig_atomic_t *stop, int first)
{
    int ng = P->m->ng, *order = xmalloc(sizeof *order * (size_t)(ng ? ng : 1));
    double all = 0;
    for (int g = 0; g < ng; g++)
        order[g] = g;
    for (int sweep = 0; sweep < 50; sweep++) {
        double gain = 0;
        for (int i = ng - 1; i > 0; i--) {
            int j = (int)rng_below(rng, (uint32_t)(i + 1)), t = order[i];
            order[i] = order[j], order[j] = t;
        }
        for (int i = 0; i < ng && ((first && sweep == 0) || lp_seconds_since(t0) < until) && !(stop && *stop); i++)
            gain += cg_reprice(P, w, order[i], 0, NULL);
        all += gain;
        if (gain > -1e-6 || lp_seconds_since(t0) >= until)
            break;
    }
    free(order);
    return all;
}

/* Day moves, agent by agent and day by day, improvements only, while a
 * pass gains; returns the change. */
static double day_passes(Polish *P)
{
    double all = 0;
    for (int pass = 0; pass < 50; pass++) {
        double gain = 0;
        cg_tell(P->m->tell, COLGEN_PHASE_POLISH, -1, NAN, NAN);
        for (int g = 0; g < P->m->ng; g++)
            for (int d = 0; d < P->m->nd; d++)
                gain += try_day(P, g, d, 0);
        all += gain;
        if (gain > -1e-6)
            break;
    }
    return all;
}

/* Skilled agent g's template s1 on day d traded for s2 of its class with
 * agent h (no skill queue, no preference, his team), who works s2 there -
 * on day d alone, or with week set on every day of d's week where they
 * work so.  Each day keeps its starts, so coverage and meals stay; g's
 * queues' cover moves, the two months' regularity and g's preferences
 * change.  Kept when that changes the cost by less than limit and both
 * months keep the rules; returns the change (0: not kept). */
static double try_swap(Polish *P, int g, int h, int d, int s1, int s2, int week, double limit)
{
    const Master *m = P->m;
    int nd = m->nd, *a = &P->choice[(size_t)g * nd], *b = &P->choice[(size_t)h * nd], days[64], n = 0;
    int wk = assign_week_of(P->r, d);
    double v = -cg_month_regular(m, P->cfg, g, a, 0) - cg_month_regular(m, P->cfg, h, b, 0);
    for (int e = 0; e < nd && n < 64; e++)
        if (e == d || (week && assign_week_of(P->r, e) == wk && a[e] == s1 && b[e] == s2)) {
            v += cg_skill_put(P, g, e, s1, -1) + cg_skill_put(P, g, e, s2, 1) + cg_pref_cost(m, g, e, s2) -
                 cg_pref_cost(m, g, e, s1);
            a[e] = s2, b[e] = s1, days[n++] = e;
        }
    v += cg_month_regular(m, P->cfg, g, a, 0) + cg_month_regular(m, P->cfg, h, b, 0);
    int ok = v < limit && cg_month_ok(P, g, a) && cg_month_ok(P, h, b);
    for (int i = 0; i < n && ok; i++)
        ok = cg_queues_kept(P, g, days[i], -1);
    if (ok)
        return v;
    for (int i = 0; i < n; i++)
        cg_skill_put(P, g, days[i], s2, -1), cg_skill_put(P, g, days[i], s1, 1), a[days[i]] = s1, b[days[i]] = s2;
    return 0;
}

/* Skilled agents' starts traded with others' of the same class (try_swap:
 * the day, then its week), improvements only, while a pass gains: the
 * annealing moves one agent at a time, and a skilled agent moved to
 * another start alone changes the pool's coverage too - traded, only his
 * queues' cover moves (in the samples: sign-language agents spread over
 * the staggered day starts, so that their meals do not all fall in the
 * queue's busy hours).  With fairness.early, a skilled agent's early
 * start also goes, at no cost, to an agent with two fewer: the rotation
 * (cg_rotate_starts) evens early starts among alike agents only, and a
 * skilled agent is alike to none of the pool.  Returns the change. */
static double swap_starts(Polish *P)
{
    const Master *m = P->m;
    const Roster *r = P->r;
    int nd = m->nd, ns = m->ns, ng = m->ng, early = earliest_day_start(P);
    double all = 0;
    for (int pass = 0; pass < 4 && P->scnt; pass++) {
        double gain = 0;
        for (int g = 0; g < ng; g++)
            for (int d = 0; d < nd && r->agents[g].skills && m->exact[g]; d++) {
                int s1 = P->choice[(size_t)g * nd + d], done = 0;
                int even = P->cfg->fair_early > 0 && at_early(P, s1, early);
                int mine = even ? early_days(P, g, early) : 0;   /* unchanged until a trade is kept */
                for (int s2 = 0; s2 < ns && s1 >= 0 && !done; s2++) {
                    if (s2 == s1 || m->cls[s2] != m->cls[s1] || !m->xcol[d * ns + s2])
                        continue;
                    /* The first agent of s2 that day; to even early starts, up to 16 of them. */
                    for (int h = 0, tries = 0; h < ng && !done && tries < (even ? 16 : 1); h++)
                        if (P->choice[(size_t)h * nd + d] == s2 && !r->agents[h].skills && !cg_alike(m, r, h) &&
                            r->agents[h].team == r->agents[g].team) {
                            double limit = even && mine > early_days(P, h, early) + 1 ? 1e-9 : -1e-9;
                            double v = try_swap(P, g, h, d, s1, s2, 1, limit);
                            done = v < limit;
                            if (!done)
                                v = try_swap(P, g, h, d, s1, s2, 0, limit), done = v < limit;
                            gain += done ? v : 0;
                            tries++;
                        }
                }
            }
        all += gain;
        if (gain > -1e-6)
            break;
    }
    return all;
}

/* Polishes the roster in choice (templates) and meal (the day x template's
 * meal shares, made whole here): agents who cover no skill queue move one
 * day at a time while that lowers the cost, until no move helps or the
 * clock passes until.  Returns the roster's value on the master's terms
 * (coverage and fairness). */
double cg_polish(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need,
                 int *choice, double *meal, const struct timespec *t0, double until,
                 const volatile sig_atomic_t *stop, double bound, int *moves, int *meal_covers)
{
    int nd = m->nd, ns = m->ns, ng = m->ng, nt = cfg->nteams + 1;
    Polish P = { m, cfg, r, choice, meal, xcalloc((size_t)m->nt, sizeof(double)), NULL,
                 xcalloc((size_t)nt * FK_N, sizeof(double)), 0, { 0 }, xcalloc((size_t)(nd ? nd : 1), sizeof(double)) };
    if (skill_need) {
        P.scnt = xmalloc(sizeof *P.scnt * cg_skilled_len(cfg, m->nt));
        cg_skilled_cover(cfg, r, choice, 0, m->I, P.scnt);
    }
    int want[SHIFTPLAN_MEAL_SLOTS];
    /* Whole meal counts, spread as the shares say (largest remainder), and
     * the coverage they give. */
    for (int d = 0; d < nd; d++)
        for (int s = 0; s < ns; s++) {
            const ShiftTemplate *t = &cfg->shifts[s];
            double *y = &meal[(size_t)(d * ns + s) * SHIFTPLAN_MEAL_SLOTS], tot = 0, v[SHIFTPLAN_MEAL_SLOTS];
            int take = 0, nb = 0;
            for (int g = 0; g < ng; g++)
                take += choice[(size_t)g * nd + d] == s;
            while (nb < SHIFTPLAN_MEAL_SLOTS && t->meal_from_min + 30 * nb <= t->meal_to_min)
                nb++;
            if (t->meal_min <= 0)
                nb = 1;
            for (int b = 0; b < nb; b++)
                tot += y[b];
            for (int b = 0; b < nb; b++)   /* no shares: spread evenly */
                v[b] = tot > 0 ? y[b] / tot * take : (double)take / nb;
            stats_round_to_total(v, nb, take, want);
            for (int b = 0; b < SHIFTPLAN_MEAL_SLOTS; b++)
                y[b] = 0;
            for (int b = 0; b < nb; b++)
                for (int i = 0; i < want[b]; i++)
                    cg_put(&P, d, s, b, 1);
        }
    /* The dive's months priced again against each other, the marks
     * brought down, and the months again (reprice.c). */
    Rng rng;
    Reprice w;
    rng_seed(&rng, 20210101);
    cg_reprice_init(&w, nd, ns);
    /* The last passes after the annealing (day moves, skilled agents'
     * starts, the marks' swaps, the meals) have no clock: the rest stops a
     * twentieth of the time early to leave them theirs (Seoul's January:
     * they take about 2 s of its 54). */
    double limit = until - 0.05 * until;
    value_of(&P);   /* the marks: none to rise */
    reprice_sweeps(&P, &w, &rng, t0, limit, stop, 1);
    cg_lower_marks(&P, &w, t0, limit);
    reprice_sweeps(&P, &w, &rng, t0, limit, stop, 0);
    double v0 = value_of(&P);   /* the marks never to rise; at the bound, done */
    cg_tell(m->tell, COLGEN_PHASE_ANNEAL, -1, NAN, v0);
    /* Annealing: a random agent's random day (every 64th move: his whole
     * month) takes its best move when that costs less than T ln(1/u), T
     * cooling from 1 (an hour of over-coverage) to 0.01 by the time limit
     * or 2 ms per agent-day; the best roster seen is kept.  Then months
     * priced again and days moved, improvements only. */
    double cur = 0, bestv = 0, T0 = 1, T1 = 0.01, start = lp_seconds_since(t0);
    Snap best;
    /* Who moves: every agent (a skilled agent's move costs its skill
     * queues' change too, and keeps every meal of his queues coverable;
     * preferences and pinned days are in the move's cost and cg_month_ok). */
    cg_snap_new(&P, &best);
    /* enough: longer runs found little more; a small center (its MIP after
     * the dive has already searched) gets less */
    until = fmin(limit, start + 0.002 * ng * nd * fmin(1, ng / 60.0));
    if (v0 <= bound + 1e-6)
        until = start;
    for (long it = 0, quarter = 0; ng > 0 && until > start; it++) {
        if ((it & 255) == 0) {
            double f = (lp_seconds_since(t0) - start) / (until - start);
            if (f >= 1 || (stop && *stop))
                break;
            P.T = T0 * pow(T1 / T0, f);
            /* Each quarter of the time starts again from the best roster
             * seen: on a large center the walk drifts far above it while
             * hot (a little uphill for each of thousands of agents). */
            if ((long)(4 * f) > quarter) {
                quarter = (long)(4 * f);
                if (cur > bestv + 1e-9)
                    cg_snap_back(&P, &best), cur = bestv;
            }
            cg_tell(m->tell, COLGEN_PHASE_ANNEAL, -1, NAN, v0 + bestv);
        }
        double u = rng_unif(&rng), tau = -P.T * log(u > 1e-300 ? u : 1e-300);
        int g = (int)rng_below(&rng, (uint32_t)ng);
        cur += (it & 63) == 63 ? cg_reprice(&P, &w, g, tau, NULL) : try_day(&P, g, (int)rng_below(&rng, (uint32_t)nd), tau);
        if (cur < bestv - 1e-9) {
            bestv = cur;
            (*moves)++;
            cg_snap_take(&P, &best);
            if (v0 + bestv <= bound + 1e-6)
                break;   /* proven optimal */
        }
    }
    cg_snap_back(&P, &best);
    cg_snap_free(&best);
    cg_tell(m->tell, COLGEN_PHASE_POLISH, -1, NAN, v0 + bestv);
    for (int round = 0; round < 20; round++)
        if (reprice_sweeps(&P, &w, &rng, t0, limit, stop, 0) + day_passes(&P) > -1e-6 || lp_seconds_since(t0) >= limit)
            break;
    cg_reprice_free(&w);
    cg_tell(m->tell, COLGEN_PHASE_POLISH, -1, NAN, NAN);
    swap_starts(&P);
    even_marks(&P);
    cg_tell(m->tell, COLGEN_PHASE_MEALS, -1, NAN, NAN);
    *meal_covers = cg_cover_meals(&P, skill_need);
    double v = value_of(&P);
    free(P.cov), free(P.hi), free(P.scnt), free(P.dsum);
    return v;
}
