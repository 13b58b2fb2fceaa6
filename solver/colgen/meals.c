/*
 * meals.c - skill-queue covers and meal windows.  The master counts
 * shifts, not meals, and its skill rows are soft: after the annealing,
 * every interval a skill queue is open with fewer skilled agents' shifts
 * than its min_skilled, and every one in which a skilled agent's meal
 * would leave fewer than that on duty, gets one more agent with the skill
 * (a shift added, or one of his days moved), until it has them or none is
 * left.  The annealing's moves keep every queue's meals coverable by the
 * same test (cg_queue_day_ok).
 */
#include "internal.h"

/* Is queue q open in interval t (need: hourly, as for check_roster)? */
static int skill_open(const Master *m, const unsigned char *need, int q, int t)
{
    return need[(size_t)q * m->nh + t * m->I / 60] != 0;
}

/* Skilled agents (bit q) whose shift (day d or the day before) covers
 * interval h whole. */
static int covers(const Polish *P, int q, int d, int h)
{
    const Master *m = P->m;
    int n = 0;
    for (int o = 0; o < m->ng; o++) {
        if (!(P->r->agents[o].skills & (1u << q)))
            continue;
        for (int d2 = d - 1; d2 <= d; d2++) {
            int s = d2 >= 0 ? P->choice[(size_t)o * m->nd + d2] : -1;
            if (s < 0)
                continue;
            const ShiftTemplate *t = &P->cfg->shifts[s];
            if (cg_slot_overlap(1440 * d2 + t->start_min, 1440 * d2 + t->start_min + t->length_min, h, m->I) >= m->I) {
                n++;
                break;
            }
        }
    }
    return n;
}

/* Queue q's skilled agents of day d given their meals together: template
 * by template, the meal window closing first first, each agent at the
 * earliest time that leaves min_skilled of the queue's agents on the phone
 * in every open interval his meal touches (those whose shift covers it
 * whole, less those already at their meals and himself).  Returns the
 * first agent whose meal finds no such time, or -1 when every one does.
 * (Two agents' meals judged one at a time would both fit beside the
 * other's shift and then fall together.) */
enum { MEAL_SPAN = 2 * 1440 / 15 };   /* two days of the finest duty grid */
static int meal_left_out(const Polish *P, const unsigned char *need, int q, int d)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    int npd = 1440 / m->I, h0 = d * npd, k = wfm_min_skilled(cfg, q), eat[MEAL_SPAN] = { 0 }, cov[MEAL_SPAN];
    for (int i = 0; i < MEAL_SPAN; i++)
        cov[i] = -1;
    for (int last = -1;;) {   /* templates by the end of their meal window, ties by index */
        int s = -1;
        for (int t = 0; t < m->ns; t++) {
            int key = cfg->shifts[t].start_min + cfg->shifts[t].meal_to_min, lk;
            if (cfg->shifts[t].meal_min <= 0 || (last >= 0 && (lk = cfg->shifts[last].start_min +
                                                                    cfg->shifts[last].meal_to_min,
                                                                key < lk || (key == lk && t <= last))))
                continue;
            if (s < 0 || key < cfg->shifts[s].start_min + cfg->shifts[s].meal_to_min)
                s = t;
        }
        if (s < 0)
            return -1;
        last = s;
        const ShiftTemplate *t = &cfg->shifts[s];
        for (int g = 0; g < m->ng; g++) {
            if (P->choice[(size_t)g * m->nd + d] != s || !(P->r->agents[g].skills & (1u << q)))
                continue;
            int placed = 0;
            for (int off = t->meal_from_min; off <= t->meal_to_min && !placed; off += 30) {
                int ma = 1440 * d + t->start_min + off, mb = ma + t->meal_min, ok = 1;
                for (int h = ma / m->I; h * m->I < mb && ok; h++) {
                    int i = h - h0;
                    if (i < 0 || i >= MEAL_SPAN || h >= m->nt || !skill_open(m, need, q, h) ||
                        cg_slot_overlap(ma, mb, h, m->I) <= 0)
                        continue;
                    if (cov[i] < 0)
                        cov[i] = covers(P, q, d, h);
                    ok = cov[i] - eat[i] - 1 >= k;
                }
                if (!ok)
                    continue;
                placed = 1;
                for (int h = ma / m->I; h * m->I < mb; h++)
                    if (h - h0 >= 0 && h - h0 < MEAL_SPAN && cg_slot_overlap(ma, mb, h, m->I) > 0)
                        eat[h - h0]++;
            }
            if (!placed)
                return g;
        }
    }
}

/* Is queue q (skill bit) kept on day d: every interval it is open with
 * min_skilled skilled agents' shifts, and every skilled agent's meal able
 * to fall where that many others cover? */
int cg_queue_day_ok(const Polish *P, const unsigned char *need, int q, int d)
{
    const Master *m = P->m;
    if (d < 0 || d >= m->nd)
        return 1;
    for (int h = d * (1440 / m->I); h < (d + 1) * (1440 / m->I); h++)
        if (skill_open(m, need, q, h) && covers(P, q, d, h) < wfm_min_skilled(P->cfg, q))
            return 0;
    return meal_left_out(P, need, q, d) < 0;
}

/* Agent o, off on day d, put on template s2 there: a shift added (e < 0;
 * his month keeping the rules), or his day e moved there (his month
 * keeping the rules, and every queue he has still kept on both days and
 * the day after e, which his shift may reach).  Returns the coverage
 * cost's change, or INFINITY. */
static double try_move(Polish *P, const unsigned char *need, int o, int e, int d, int s2)
{
    const Master *m = P->m;
    int *row = &P->choice[(size_t)o * m->nd], se = e >= 0 ? row[e] : ROSTER_OFF, ok, k1 = 0, k2;
    if (e >= 0)
        row[e] = ROSTER_OFF;
    row[d] = s2;
    ok = cg_month_ok(P, o, row);
    for (int q = 0; q < P->cfg->nqueues && ok && e >= 0; q++)
        if (P->cfg->queues[q].skill[0] && (P->r->agents[o].skills & (1u << q)))
            ok = cg_queue_day_ok(P, need, q, e) && cg_queue_day_ok(P, need, q, e + 1) && cg_queue_day_ok(P, need, q, d);
    double v = INFINITY;
    if (ok) {
        v = (e >= 0 ? cg_put_best(P, e, se, -1, &k1) : 0) + cg_put_best(P, d, s2, 1, &k2);
        cg_put(P, d, s2, k2, -1);
        if (e >= 0)
            cg_put(P, e, se, k1, 1);
    }
    if (e >= 0)
        row[e] = se;
    row[d] = ROSTER_OFF;
    return v;
}

/* One more agent with skill bit q, off on day d, put on the template of
 * day d covering minutes wa..wb of the month that costs least: a shift
 * added, his month still keeping every rule, or else one of his days moved
 * there (his week's days and hours kept), the day it leaves still kept for
 * every queue he has.  Returns 1 when one was found. */
static int cover_window(Polish *P, const unsigned char *need, int q, int d, int wa, int wb)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    const Roster *r = P->r;
    int nd = m->nd, ns = m->ns, bg = -1, bs = -1, be = -1, k;
    double best = INFINITY;
    for (int move = 0; move < 2 && bg < 0; move++)   /* a shift added, else one of his days moved */
        for (int o = 0; o < m->ng; o++) {
            const int *row = &P->choice[(size_t)o * nd];
            if (!(r->agents[o].skills & (1u << q)) || row[d] != ROSTER_OFF)
                continue;
            for (int s2 = 0; s2 < ns; s2++) {
                const ShiftTemplate *t2 = &cfg->shifts[s2];
                int a2 = 1440 * d + t2->start_min;
                if (!m->xcol[d * ns + s2] || a2 > wa || a2 + t2->length_min < wb ||
                    !wfm_team_works(cfg, r->agents[o].team, r->agents[o].night_ok, t2->kind))
                    continue;
                for (int e = move ? 0 : -1; e < (move ? nd : 0); e++) {
                    if (move && (e == d || row[e] < 0))
                        continue;
                    double v = try_move(P, need, o, e, d, s2);
                    if (v < best)
                        best = v, bg = o, bs = s2, be = e;
                }
            }
        }
    if (bg < 0)
        return 0;
    if (be >= 0) {
        int se = P->choice[(size_t)bg * nd + be];
        P->choice[(size_t)bg * nd + be] = ROSTER_OFF;
        cg_put_best(P, be, se, -1, &k);
    }
    P->choice[(size_t)bg * nd + d] = bs;
    cg_put_best(P, d, bs, 1, &k);
    return 1;
}

/* After the annealing, for every skill queue: an interval it is open with
 * fewer skilled agents' shifts than min_skilled (the master's skill rows
 * are soft, and a dive cut short by Ctrl-C or the time limit may leave
 * one), and one in which a skilled agent's meal would leave fewer than that
 * (the master counts shifts, not meals, so the months cannot see it), get
 * one more agent with the skill (cover_window) until they have them or no
 * agent is left.  Returns the shifts added or moved. */
int cg_cover_meals(Polish *P, const unsigned char *need)
{
    const Master *m = P->m;
    const WfmConfig *cfg = P->cfg;
    int nd = m->nd, added = 0;
    for (int q = 0; q < cfg->nqueues && need; q++) {
        if (!cfg->queues[q].skill[0])
            continue;
        for (int d = 0; d < nd; d++) {
            for (int h = d * (1440 / m->I); h < (d + 1) * (1440 / m->I); h++)
                while (skill_open(m, need, q, h) && covers(P, q, d, h) < wfm_min_skilled(cfg, q) &&
                       cover_window(P, need, q, d, h * m->I, (h + 1) * m->I))
                    added++;
            for (int g, tries = 0; tries < m->ng && (g = meal_left_out(P, need, q, d)) >= 0; tries++) {
                const ShiftTemplate *t = &cfg->shifts[P->choice[(size_t)g * nd + d]];
                int wa = 1440 * d + t->start_min + t->meal_from_min, wb = wa - t->meal_from_min + t->meal_to_min + t->meal_min;
                if (!cover_window(P, need, q, d, wa, wb))
                    break;
                added++;
            }
        }
    }
    return added;
}
