/*
 * overtime.c - see overtime.h.  A day at a time, every agent has a handful
 * of legal options: stay p hours before the shift and q after (p + q at
 * most the day's cap; the hours that would break the rest against the days
 * around, the week's caps or the 52 hours are never offered), or, on a day
 * off, one extra shift that keeps the rest, the days off and the days in a
 * row.  One binary per option and one row per agent (at most one option),
 * so each agent's part of the relaxation is already the convex hull of its
 * plans; the coverage rows tie the agents together through the concave
 * pieces of each hour's answered calls.  (Blocks of single hours chained
 * k <= k-1 under a shared day cap were tried first: their relaxation took
 * half of every block on both sides, 6% above any plan.)
 */
#include "overtime.h"
#include "lp.h"
#include "shiftplan.h"
#include "../core/alloc.h"
#include "../model/surge.h"

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


enum { IT_EXT, IT_EXTRA };

typedef struct Item {
    int g, d, kind;
    int p, q;                  /* hours before and after (IT_EXT) */
    int s;                     /* the template (IT_EXTRA) */
    long a, b;                 /* the work it covers, minutes on the axis from day index 0 ... */
    long ha, hb;               /* ... less this hole: the rostered shift, or the extra shift's meal */
    double hours, paid;
    int col;
} Item;

typedef struct Build {
    const OvertimeIn *in;      /* in->r, d0 and k: the one day being planned, on the roster so far */
    int last;                  /* the last surge day index of the whole scenario */
    Item *it;
    size_t n, cap;
    glp_prob *lp;
    LpMat m;
    int nrows;
    int pc1;                   /* the last piece column (spill columns follow) */
    int relax;                 /* the joint bound: each day's options on the stored roster, the week's whole room */
} Build;

static int works(const WfmConfig *cfg, const Assign *x)
{
    return x->shift >= 0 && x->shift < cfg->nshifts;
}

/* Does the store hold the roster of day index e?  Days outside the
 * window never count as held. */
static int known(const OvertimeIn *in, int e)
{
    const Roster *r = in->r;
    if (e < -r->carry_days || e >= r->ndays)
        return 0;
    return !in->known || in->known[r->carry_days + e];
}

/* The rostered work of agent g on day index d: 1 and [*a, *b) when there
 * is one (0 on a day whose roster is not known: see could_work). */
static int base_iv(const OvertimeIn *in, int g, int d, long *a, long *b)
{
    const Roster *r = in->r;
    if (!known(in, d))
        return 0;
    const Assign *x = roster_at(r, g, d);
    if (!works(in->cfg, x))
        return 0;
    *a = 1440L * d + x->start_min - x->ot_before_min;
    *b = 1440L * d + x->start_min + in->cfg->shifts[x->shift].length_min + x->ot_after_min;
    return 1;
}

/* Agent g on day index e whose roster the store does not hold: he may
 * have worked (or will work) any template of his team that runs that day,
 * at its start and without overtime (stored rosters carry none), save one
 * that would break the minimum rest against his rostered work on the
 * neighbouring day d (pass d = e to skip that).  Returns how many
 * templates he could work, with the earliest start, the latest end (minutes
 * on the window's axis) and the most paid hours among them. */
static int could_work(const OvertimeIn *in, int g, int e, int d, long *first, long *last, double *hours)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    long rest = lround(cfg->min_rest_hours * 60), pa = 0, pb = 0;
    int n = 0, next = (e == d - 1 || e == d + 1) && base_iv(in, g, d, &pa, &pb);
    *first = LONG_MAX, *last = LONG_MIN, *hours = 0;
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        long a = 1440L * e + t->start_min, b = a + t->length_min;
        if (!shiftplan_runs(cfg, s, r->first_day + e) ||
            !wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, t->kind) ||
            (next && e < d && pa - b < rest) || (next && e > d && a - pb < rest))
            continue;
        n++;
        *first = a < *first ? a : *first;
        *last = b > *last ? b : *last;
        *hours = fmax(*hours, (t->length_min - t->meal_min) / 60.0);
    }
    return n;
}

/* Does agent g work day index e, or may he (its roster unknown)? */
static int may_work(const OvertimeIn *in, int g, int e)
{
    long a, b;
    double h;
    if (known(in, e))
        return works(in->cfg, roster_at(in->r, g, e));
    return could_work(in, g, e, e, &a, &b, &h) > 0;
}

/* Does work [a, b) on day d keep the minimum rest to agent g's work on the
 * days around it, known or possible? */
static int rests(const OvertimeIn *in, int g, int d, long a, long b)
{
    long rest = lround(in->cfg->min_rest_hours * 60), pa, pb;
    double h;
    for (int e = d - 2; e <= d + 2; e++) {
        if (e == d)
            continue;
        if (known(in, e) ? !base_iv(in, g, e, &pa, &pb) : !could_work(in, g, e, d, &pa, &pb, &h))
            continue;
        if ((e < d && a - pb < rest) || (e > d && pa - b < rest))
            return 0;
    }
    return 1;
}

static void add_item(Build *b, Item it)
{
    void *p = b->it;
    xgrow(&p, &b->cap, b->n + 1, sizeof *b->it);
    b->it = p;
    b->it[b->n++] = it;
}

/* What agent g may still work in the calendar week of day d: overtime
 * hours (the cap less what earlier surge days used, spread evenly over the
 * surge days left in the week when the agent works day d, since a day off
 * may take a whole extra shift; and the 52-hour week), extra shifts (the
 * days off), and whether one more working day keeps the days in a row. */
static void week_room(const Build *bd, int g, int d, double *hours, int *extra_ok)
{
    const OvertimeIn *in = bd->in;
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    int ws = d - date_weekday(r->first_day + d), worked = 0, left = 0;
    double base_h = 0, used = 0;
    for (int e = ws; e < ws + 7; e++) {
        long fa, lb;
        double most;
        if (!known(in, e)) {   /* counted as worked, his longest shift (whatever rest it keeps with day d: the checker fills every unknown day alike) */
            if (could_work(in, g, e, e, &fa, &lb, &most))
                worked++, base_h += most;
            continue;
        }
        if (works(cfg, roster_at(r, g, e))) {
            const Assign *x = roster_at(r, g, e);
            const ShiftTemplate *t = &cfg->shifts[x->shift];
            double h = (t->length_min - t->meal_min) / 60.0, ot = (x->ot_before_min + x->ot_after_min) / 60.0;
            worked++;
            base_h += h + ot;
            used += ot + (x->extra ? h : 0);
        }
    }
    *hours = fmax(0, fmin(cfg->overtime_cap_h - used, cfg->max_weekly_hours - base_h));
    for (int e = d; e < ws + 7 && e <= bd->last; e++)
        left++;
    if (left > 1 && works(cfg, roster_at(r, g, d)) && !bd->relax) {
        double mine = 0, later = 0;
        for (int e = d; in->day_share && e < ws + 7 && e <= bd->last; e++) {
            double v = in->day_share[(size_t)g * (size_t)in->share_k + (size_t)(e - in->share_d0)];
            later += v, mine += e == d ? v : 0;
        }
        if (later > 1e-6)   /* the relaxation's share of what is left */
            *hours = fmin(*hours, ceil(*hours * mine / later - 1e-6));
        else
            *hours = fmin(*hours, ceil(*hours / left - 1e-9));
    }
    int run = 1;   /* days he works or may work, unknown days counted */
    for (int e = d - 1; run <= cfg->max_consecutive_days && may_work(in, g, e); e--)
        run++;
    for (int e = d + 1; run <= cfg->max_consecutive_days && may_work(in, g, e); e++)
        run++;
    *extra_ok = 7 - worked - 1 >= cfg->min_days_off_per_week && run <= cfg->max_consecutive_days;
}

/* The legal options of agent g on surge day d. */
static void candidates(Build *bd, int g, int d)
{
    const OvertimeIn *in = bd->in;
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    const Assign *x = roster_at(r, g, d);
    int day = r->first_day + d, cap = (int)floor(cfg->overtime_day_h + 1e-9), extra_ok;
    double room;
    if (cfg->overtime_days_in_row > 0) {   /* fatigue: no overtime after that many days in a row of it */
        int run = 0;
        for (int e = d - 1; e >= -r->carry_days && run < cfg->overtime_days_in_row; e--) {
            const Assign *y = roster_at(r, g, e);
            if (!(y->ot_before_min > 0 || y->ot_after_min > 0 || y->extra))
                break;
            run++;
        }
        if (run >= cfg->overtime_days_in_row)
            return;
    }
    week_room(bd, g, d, &room, &extra_ok);
    if (works(cfg, x)) {
        long s0 = 1440L * d + x->start_min, e0 = s0 + cfg->shifts[x->shift].length_min;
        int pmax = 0, qmax = 0;
        while (pmax < cap && rests(in, g, d, s0 - 60L * (pmax + 1), e0))
            pmax++;
        while (qmax < cap && rests(in, g, d, s0, e0 + 60L * (qmax + 1)))
            qmax++;
        for (int p = 0; p <= pmax; p++)
            for (int q = 0; q <= qmax && p + q <= cap; q++) {
                /* Within pmax and qmax the rest holds on both sides: the days
                 * before see only the start, the days after only the end. */
                if (p + q == 0 || p + q > room + 1e-9)
                    continue;
                double paid = surge_paid_hours(cfg, day, (int)(s0 - 60L * p - 1440L * d), (int)(s0 - 1440L * d)) +
                              surge_paid_hours(cfg, day, (int)(e0 - 1440L * d), (int)(e0 + 60L * q - 1440L * d));
                add_item(bd, (Item){ g, d, IT_EXT, p, q, -1, s0 - 60L * p, e0 + 60L * q, s0, e0, p + q, paid, 0 });
            }
        return;
    }
    if (x->shift != ROSTER_OFF || (r->leave && r->leave[(size_t)g * r->ndays + d]) || !extra_ok)
        return;
    for (int s = 0; s < cfg->nshifts; s++) {
        const ShiftTemplate *t = &cfg->shifts[s];
        double hours = (t->length_min - t->meal_min) / 60.0;
        if (!shiftplan_runs(cfg, s, day) || !wfm_team_works(cfg, r->agents[g].team, r->agents[g].night_ok, t->kind) || hours > room + 1e-9)
            continue;
        long a = 1440L * d + t->start_min, b = a + t->length_min;
        if (!rests(in, g, d, a, b))
            continue;
        long ma = t->meal_min > 0 ? a + wfm_meal_mid(t) : 0, mb = t->meal_min > 0 ? ma + t->meal_min : 0;
        double paid = surge_paid_hours(cfg, day, t->start_min, t->start_min + t->length_min) * hours * 60 / t->length_min;
        add_item(bd, (Item){ g, d, IT_EXTRA, 0, 0, s, a, b, ma, mb, hours, paid, 0 });
    }
}

int overtime_allowed(const OvertimeIn *in, const Assign *a, int g, int d, int before_min, int after_min)
{
    const Roster *r = in->r;
    size_t w = (size_t)(r->carry_days + r->ndays);
    Assign *row = xmalloc(sizeof *row * w);
    memcpy(row, &a[(size_t)g * w], sizeof *row * w);
    row[r->carry_days + d].ot_before_min = row[r->carry_days + d].ot_after_min = 0;   /* his day set aside */
    Roster one = *r;
    one.nagents = 1, one.agents = &r->agents[g], one.a = row, one.leave = r->leave ? &r->leave[(size_t)g * (size_t)r->ndays] : NULL;
    one.pref = NULL, one.npref = 0;
    OvertimeIn day = *in;
    day.r = &one, day.d0 = d, day.k = 1, day.day_share = NULL, day.day_max_paid_h = NULL;
    Build b = { 0 };
    b.in = &day, b.last = in->d0 + in->k - 1, b.relax = 1;   /* the week's whole room: a rule, not a share */
    candidates(&b, 0, d);
    int ok = 0;
    for (size_t i = 0; i < b.n && !ok; i++)
        ok = b.it[i].kind == IT_EXT && 60 * b.it[i].p == before_min && 60 * b.it[i].q == after_min;
    free(b.it), free(row);
    return ok;
}

static int new_row(Build *b, int type, double lo, double hi)
{
    glp_add_rows(b->lp, 1);
    b->nrows++;
    glp_set_row_bnds(b->lp, b->nrows, type, lo, hi);
    return b->nrows;
}

/* Agent g's row over its items it[lo, hi): one option at most. */
static void agent_rows(Build *b, size_t lo, size_t hi)
{
    int row = new_row(b, GLP_UP, 0, 1);
    for (size_t i = lo; i < hi; i++)
        lp_put(&b->m, row, b->it[i].col, 1);
}

/* Puts the chosen overtime into a, with extra shifts' break slots spread
 * over the slots least used by their template that day. */
static void apply(const OvertimeIn *in, const Item *it, size_t n, const unsigned char *on, Assign *a)
{
    const WfmConfig *cfg = in->cfg;
    const Roster *r = in->r;
    size_t w = (size_t)(r->carry_days + r->ndays);
    for (size_t i = 0; i < n; i++) {
        if (!on[i])
            continue;
        Assign *x = &a[(size_t)it[i].g * w + (size_t)(r->carry_days + it[i].d)];
        if (it[i].kind == IT_EXT) {
            x->ot_before_min += 60 * it[i].p;
            x->ot_after_min += 60 * it[i].q;
        } else {
            const ShiftTemplate *t = &cfg->shifts[it[i].s];
            int slot[8] = { 0 }, best = 0;
            for (int g = 0; g < r->nagents; g++) {
                const Assign *y = &a[(size_t)g * w + (size_t)(r->carry_days + it[i].d)];
                if (y->shift == it[i].s && y->break_slot >= 0 && y->break_slot < 8)
                    slot[y->break_slot]++;
            }
            for (int k = 1; k < 8; k++)
                if (slot[k] < slot[best])
                    best = k;
            *x = (Assign){ it[i].s, t->start_min, wfm_meal_mid(t), 0, best, 0, 0, 0, 1 };
        }
    }
}

/* The plan from the relaxation: options in decreasing order of their
 * relaxed value, each taken while its agent's row holds and it still
 * answers more calls than it costs; then a second pass over everything
 * left.  x gets the column vector (1-based): options, then pieces. */
typedef struct Ranked {
    double v;
    int i;
} Ranked;

static int by_value(const void *pa, const void *pb)
{
    const Ranked *a = pa, *b = pb;
    return a->v > b->v + 1e-9 ? -1 : a->v < b->v - 1e-9 ? 1 : a->i - b->i;
}

/* Calls answered by c more agents on the phone in hour t of the day whose
 * supply from the overtime so far is s, by its pieces. */
static double fill_value(const OvertimeIn *in, int t, double s, double c)
{
    double v = 0, at = 0;
    for (int j = 0; j < in->npieces[t] && c > 0; j++) {
        double w = in->width[(size_t)t * in->maxp + j], lo = fmax(at, s), hi = fmin(at + w, s + c);
        if (hi > lo)
            v += (hi - lo) * in->gain[(size_t)t * in->maxp + j];
        at += w;
    }
    return v;
}

static int ngroups(const OvertimeIn *in)
{
    return in->ngroups > 1 ? in->ngroups : 1;
}

/* Total width of coverage row r's pieces. */
static double row_cap(const OvertimeIn *in, int r)
{
    double w = 0;
    for (int j = 0; j < in->npieces[r]; j++)
        w += in->width[(size_t)r * in->maxp + j];
    return w;
}

/* Calls c more agents answer in coverage row r (supply so far in supply[]):
 * a skill row's pieces first, the rest in its hour's general row.  With
 * take, adds them to supply (and what spills to spill[r]). */
static double row_value(const OvertimeIn *in, int r, double c, double *supply, double *spill, int take)
{
    int ng = ngroups(in);
    if (ng == 1 || r % ng == in->general) {
        double v = fill_value(in, r, supply[r], c);
        if (take)
            supply[r] += c;
        return v;
    }
    double room = fmax(0, row_cap(in, r) - supply[r]), own = fmin(c, room), rest = c - own;
    int rg = r - r % ng + in->general;
    double v = fill_value(in, r, supply[r], own) + (rest > 0 ? fill_value(in, rg, supply[rg], rest) : 0);
    if (take)
        supply[r] += own, supply[rg] += rest, spill[r] += rest;
    return v;
}

static double *round_plan(const Build *b, int nh, int pc0)
{
    glp_prob *lp = b->lp;
    int nrow = glp_get_num_rows(lp), ncol = glp_get_num_cols(lp), nb = (int)b->n;
    double *act = xcalloc((size_t)nrow + 1, sizeof *act), *supply = xcalloc((size_t)nh, sizeof *supply);
    double *spill = xcalloc((size_t)nh, sizeof *spill);
    Ranked *order = xmalloc(sizeof *order * (size_t)(nb ? nb : 1));
    int *ind = xmalloc(sizeof *ind * ((size_t)nrow + 1));
    double *coef = xmalloc(sizeof *coef * ((size_t)nrow + 1));
    double *x = xcalloc((size_t)ncol + 1, sizeof *x);
    for (int i = 0; i < nb; i++)
        order[i] = (Ranked){ glp_get_col_prim(lp, i + 1), i };
    qsort(order, (size_t)nb, sizeof *order, by_value);
    /* Two passes: the relaxation's order, then whatever still pays. */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < nb; k++) {
            int c = order[k].i + 1, len, ok = x[c] == 0;
            if (!ok || (pass == 0 && order[k].v < 1e-6))
                continue;
            len = glp_get_mat_col(lp, c, ind, coef);
            double gain = glp_get_obj_coef(lp, c);
            for (int j = 1; j <= len && ok; j++) {
                if (ind[j] > nh)
                    ok = act[ind[j]] + coef[j] <= glp_get_row_ub(lp, ind[j]) + 1e-9;
                else
                    gain += row_value(b->in, ind[j] - 1, coef[j], supply, spill, 0);
            }
            if (!ok || gain <= 0)
                continue;
            x[c] = 1;
            for (int j = 1; j <= len; j++)
                if (ind[j] > nh)
                    act[ind[j]] += coef[j];
                else
                    row_value(b->in, ind[j] - 1, coef[j], supply, spill, 1);
        }
    /* Pieces: row r is supply - sum of its pieces (- its spill) >= 0, filled in order. */
    for (int c = pc0 + 1; c <= b->pc1; c++) {
        glp_get_mat_col(lp, c, ind, coef);
        int t = ind[1] - 1;
        double take = fmin(glp_get_col_ub(lp, c), fmax(0, supply[t]));
        x[c] = take;
        supply[t] -= take;
    }
    for (int c = b->pc1 + 1; c <= ncol; c++) {   /* spill columns: -1 in their skill row */
        int len = glp_get_mat_col(lp, c, ind, coef);
        for (int j = 1; j <= len; j++)
            if (coef[j] < 0)
                x[c] = spill[ind[j] - 1];
    }
    free(act), free(supply), free(spill), free(order), free(ind), free(coef);
    return x;
}

/* Plans day in->d0 (in->k is 1) on roster in->r, whose assignments are a;
 * adds to st's sums. */
static int plan_day(const OvertimeIn *in, int last, Assign *a, OvertimeStats *st, WfmErr *err)
{
    const Roster *r = in->r;
    int ng = ngroups(in), nh = 24 * in->k * ng, rc = 0;   /* coverage rows */
    Build b = { 0 };

    b.in = in;
    b.last = last;
    size_t *first = xcalloc((size_t)r->nagents + 1, sizeof *first);
    for (int g = 0; g < r->nagents; g++) {
        first[g] = b.n;
        candidates(&b, g, in->d0);
    }
    first[r->nagents] = b.n;

    glp_term_hook(lp_silent, NULL);
    b.lp = glp_create_prob();
    glp_set_obj_dir(b.lp, GLP_MAX);
    /* Coverage rows first: rows 1..nh, extra agents on the phone minus the pieces >= 0. */
    glp_add_rows(b.lp, nh);
    b.nrows = nh;
    for (int t = 0; t < nh; t++)
        glp_set_row_bnds(b.lp, t + 1, GLP_LO, 0, 0);
    if (b.n)
        glp_add_cols(b.lp, (int)b.n);
    for (size_t i = 0; i < b.n; i++) {
        Item *x = &b.it[i];
        x->col = (int)i + 1;
        glp_set_col_kind(b.lp, x->col, GLP_BV);
        glp_set_obj_coef(b.lp, x->col, -OVERTIME_COST * x->paid);
        long base = 1440L * in->d0;
        int grp = ng > 1 ? in->group[x->g] : 0;
        for (long h = (x->a - base) / 60 - 1; h <= (x->b - base) / 60; h++) {
            if (h < 0 || h >= 24L * in->k)
                continue;
            double mins = shiftplan_overlap((int)(x->a - base), (int)(x->b - base), (int)h);
            if (x->hb > x->ha)
                mins -= shiftplan_overlap((int)(x->ha - base), (int)(x->hb - base), (int)h);
            if (mins > 0)
                lp_put(&b.m, (int)h * ng + grp + 1, x->col, in->avail * mins / 60);
        }
    }
    int pc0 = (int)b.n, npc = 0, nsp = 0;
    for (int t = 0; t < nh; t++)
        npc += in->npieces[t];
    for (int t = 0; ng > 1 && t < nh; t++)
        nsp += t % ng != in->general;
    if (npc + nsp)
        glp_add_cols(b.lp, npc + nsp);
    for (int t = 0, c = pc0; t < nh; t++)
        for (int j = 0; j < in->npieces[t]; j++) {
            c++;
            glp_set_col_bnds(b.lp, c, GLP_DB, 0, in->width[(size_t)t * in->maxp + j]);
            glp_set_obj_coef(b.lp, c, in->gain[(size_t)t * in->maxp + j]);
            lp_put(&b.m, t + 1, c, -1);
        }
    b.pc1 = pc0 + npc;
    for (int t = 0, c = b.pc1; ng > 1 && t < nh; t++)   /* a skill row's spill into its hour's general row */
        if (t % ng != in->general) {
            c++;
            glp_set_col_bnds(b.lp, c, GLP_LO, 0, 0);
            lp_put(&b.m, t + 1, c, -1);
            lp_put(&b.m, t - t % ng + in->general + 1, c, 1);
        }
    for (int g = 0; g < r->nagents; g++)
        if (first[g + 1] > first[g])
            agent_rows(&b, first[g], first[g + 1]);
    if (in->capped && b.n) {   /* the budget: paid hours of the days planned so far and this one */
        int row = new_row(&b, GLP_UP, 0, fmax(0, in->max_paid_h - st->paid_hours));
        for (size_t i = 0; i < b.n; i++)
            lp_put(&b.m, row, b.it[i].col, b.it[i].paid);
    }
    if (in->day_max_paid_h && b.n) {   /* this day's share of the budget */
        int row = new_row(&b, GLP_UP, 0, fmax(0, in->day_max_paid_h[0]));
        for (size_t i = 0; i < b.n; i++)
            lp_put(&b.m, row, b.it[i].col, b.it[i].paid);
    }
    st->vars += (int)b.n + npc;
    st->rows += b.nrows;
    st->vars += nsp;
    if (b.n + (size_t)npc == 0)   /* nothing to decide */
        goto out;
    glp_load_matrix(b.lp, (int)b.m.n, b.m.ia, b.m.ja, b.m.ar);

    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    sp.tm_lim = (int)(1000 * (in->time_limit_s > 0 ? in->time_limit_s : 5));   /* a guard: days take well under 1 s */
    if (glp_simplex(b.lp, &sp) != 0 || glp_get_status(b.lp) != GLP_OPT) {
        rc = wfm_err(err, WFM_ESOLVE, "overtime: GLPK did not solve a surge day's linear program in %g s",
                     in->time_limit_s > 0 ? in->time_limit_s : 5);
        goto out;
    }
    /* The plan: the relaxation rounded.  GLPK's branch and bound was tried
     * on top of it and once stalled inside a node's simplex for minutes
     * (its time limit is only checked between nodes); the rounding was
     * within 0.01% of the bound on every case measured, and the gap it
     * leaves is reported. */
    double lp_bound = glp_get_obj_val(b.lp), obj = 0;
    double *x = round_plan(&b, nh, pc0);
    unsigned char *on = xcalloc(b.n + 1, 1);
    for (int c = 1; c <= pc0 + npc; c++)
        obj += x[c] * glp_get_obj_coef(b.lp, c);
    for (size_t i = 0; i < b.n; i++) {
        on[i] = x[b.it[i].col] > 0.5;
        if (on[i]) {
            st->hours += b.it[i].hours;
            st->paid_hours += b.it[i].paid;
            st->extra_shifts += b.it[i].kind == IT_EXTRA;
        }
    }
    for (int c = pc0 + 1; c <= pc0 + npc; c++)
        st->calls += glp_get_obj_coef(b.lp, c) * x[c];
    apply(in, b.it, b.n, on, a);
    free(on);
    free(x);
    st->objective += obj;
    st->optimal &= lp_bound - obj <= 1e-9 * (1 + fabs(lp_bound));
    st->bound += lp_bound;
out:
    glp_delete_prob(b.lp);
    glp_term_hook(NULL, NULL);
    lp_mat_free(&b.m);
    free(b.it);
    free(first);
    return rc;
}

int overtime_plan(const OvertimeIn *in, Assign *a, OvertimeStats *st, WfmErr *err)
{
    const Roster *r = in->r;
    struct timespec t0;
    int rc = 0;

    memset(st, 0, sizeof *st);
    if (in->d0 < 0 || in->k < 1 || in->d0 + in->k > r->ndays)
        return wfm_err(err, WFM_EINPUT, "overtime: surge days %d-%d outside the roster's %d days", in->d0,
                       in->d0 + in->k - 1, r->ndays);
    if (!(in->avail > 0))
        return wfm_err(err, WFM_EINPUT, "overtime: agents have no time on the phone");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st->optimal = 1;
    /* Day by day on the roster as the earlier days left it: the days share
     * only the weekly caps, and small programs stay fast (one 14-day
     * program of hour blocks took GLPK 17 s for its relaxation alone). */
    Roster now = *r;
    now.a = a;
    for (int d = in->d0; d < in->d0 + in->k && !rc; d++) {
        OvertimeIn day = *in;
        day.r = &now;
        day.d0 = d, day.k = 1;
        size_t ng = (size_t)ngroups(in);
        day.npieces = in->npieces + 24 * (size_t)(d - in->d0) * ng;
        day.width = in->width + (size_t)24 * (size_t)(d - in->d0) * ng * (size_t)in->maxp;
        day.gain = in->gain + (size_t)24 * (size_t)(d - in->d0) * ng * (size_t)in->maxp;
        day.time_limit_s = in->time_limit_s / in->k;
        day.day_max_paid_h = in->day_max_paid_h ? in->day_max_paid_h + (d - in->d0) : NULL;
        rc = plan_day(&day, in->d0 + in->k - 1, a, st, err);
    }
    size_t w = (size_t)(r->carry_days + r->ndays);
    for (int g = 0; g < r->nagents && !rc; g++)
        for (int d = in->d0; d < in->d0 + in->k; d++) {
            const Assign *x = &a[(size_t)g * w + (size_t)(r->carry_days + d)], *y = roster_at(r, g, d);
            if (x->ot_before_min != y->ot_before_min || x->ot_after_min != y->ot_after_min || x->extra != y->extra) {
                st->agents++;
                break;
            }
        }
    st->gap = st->bound > 0 ? (st->bound - st->objective) / st->bound : 0;
    st->seconds = lp_seconds_since(&t0);
    return rc;
}

int outside_plan(const double *gap, int nh, const int *block_h, int nblocks, double per_agent, int *count,
                 double *hours, WfmErr *err)
{
    LpMat m = { 0 };
    int rc = 0, any = 0;
    *hours = 0;
    memset(count, 0, sizeof *count * (size_t)nh * (size_t)nblocks);
    for (int t = 0; t < nh; t++)
        any |= gap[t] > 1e-9;
    if (!any)
        return 0;
    if (!(per_agent > 0) || nblocks < 1)
        return wfm_err(err, WFM_EINPUT, "outside agents: no blocks or no time on the phone");
    /* Heads needed per hour, rounded up: every column covers consecutive
     * hours, so the matrix is an interval matrix (totally unimodular) and
     * with whole right-hand sides the simplex's vertex is already whole. */
    glp_term_hook(lp_silent, NULL);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, nh);
    for (int t = 0; t < nh; t++) {
        double heads = gap[t] > 1e-9 ? ceil(gap[t] / per_agent - 1e-9) : 0;
        glp_set_row_bnds(lp, t + 1, heads > 0 ? GLP_LO : GLP_FR, heads, 0);
    }
    glp_add_cols(lp, nh * nblocks);
    for (int t = 0; t < nh; t++)
        for (int k = 0; k < nblocks; k++) {
            int c = t * nblocks + k + 1, end = t + block_h[k] < nh ? t + block_h[k] : nh;
            glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
            /* Paid hours, and a hundredth per agent: fewer, longer blocks among equals. */
            glp_set_obj_coef(lp, c, block_h[k] + 0.01);
            for (int u = t; u < end; u++)
                lp_put(&m, u + 1, c, 1);
        }
    glp_load_matrix(lp, (int)m.n, m.ia, m.ja, m.ar);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT) {
        rc = wfm_err(err, WFM_ESOLVE, "outside agents: GLPK could not solve the covering program");
    } else {
        for (int t = 0; t < nh; t++)
            for (int k = 0; k < nblocks; k++) {
                double v = glp_get_col_prim(lp, t * nblocks + k + 1);
                int n = (int)ceil(v - 1e-6);   /* whole already; ceil keeps the cover if not */
                count[t * nblocks + k] = n;
                *hours += n * (double)block_h[k];   /* paid whole, even past the scenario's end */
            }
    }
    glp_delete_prob(lp);
    glp_term_hook(NULL, NULL);
    lp_mat_free(&m);
    return rc;
}

/* Adds n rows after the nrow there are, each at most ub; returns the
 * first's index (1-based) and counts them in *nrow. */
static int upper_rows(glp_prob *lp, int *nrow, int n, double ub)
{
    int first = *nrow + 1;
    glp_add_rows(lp, n);
    for (int i = 0; i < n; i++)
        glp_set_row_bnds(lp, first + i, GLP_UP, 0, ub);
    *nrow += n;
    return first;
}

/* Calls answered by c more agents on the phone from s on, by n pieces filled in order. */
static double piece_value(int n, const double *width, const double *gain, double s, double c)
{
    double v = 0, at = 0;
    for (int j = 0; j < n && c > 0; j++) {
        double lo = fmax(at, s), hi = fmin(at + width[j], s + c);
        if (hi > lo)
            v += (hi - lo) * gain[j];
        at += width[j];
    }
    return v;
}

int outside_plan_limited(const OutsideIn *in, int *count, double *hours, double *calls, WfmErr *err)
{
    LpMat m = { 0 };
    int nh = in->nh, nb = in->nblocks, rc = 0, npc = 0;
    *hours = 0, *calls = 0;
    memset(count, 0, sizeof *count * (size_t)nh * (size_t)(nb > 0 ? nb : 1));
    for (int t = 0; t < nh; t++)
        npc += in->npieces[t];
    if (!npc || nb < 1)
        return 0;
    if (!(in->per_agent > 0))
        return wfm_err(err, WFM_EINPUT, "outside agents: no time on the phone");
    glp_term_hook(lp_silent, NULL);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    /* Rows 1..nh: outside agents on the phone less the pieces >= 0. */
    int nrow = nh, ndays = (nh + 23) / 24;
    glp_add_rows(lp, nh);
    for (int t = 0; t < nh; t++)
        glp_set_row_bnds(lp, t + 1, GLP_LO, 0, 0);
    /* The limits' rows, each only when set (0: no such row). */
    int day_row = in->per_day > 0 ? upper_rows(lp, &nrow, ndays, in->per_day) : 0;
    int duty_row = in->on_duty > 0 ? upper_rows(lp, &nrow, nh, in->on_duty) : 0;
    int cap_row = in->capped ? upper_rows(lp, &nrow, 1, fmax(0, in->max_paid_h)) : 0;
    glp_add_cols(lp, nh * nb + npc);
    for (int t = 0; t < nh; t++)
        for (int k = 0; k < nb; k++) {
            int c = t * nb + k + 1, end = t + in->block_h[k] < nh ? t + in->block_h[k] : nh;
            if (t < in->lead_h)
                glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
            else
                glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
            glp_set_obj_coef(lp, c, -OVERTIME_COST * (in->block_h[k] + 0.01));
            for (int u = t; u < end; u++) {
                lp_put(&m, u + 1, c, in->per_agent);
                if (duty_row)
                    lp_put(&m, duty_row + u, c, 1);
            }
            if (day_row)
                lp_put(&m, day_row + t / 24, c, 1);
            if (cap_row)
                lp_put(&m, cap_row, c, in->block_h[k]);   /* paid whole */
        }
    for (int t = 0, c = nh * nb; t < nh; t++)
        for (int j = 0; j < in->npieces[t]; j++) {
            c++;
            glp_set_col_bnds(lp, c, GLP_DB, 0, in->width[(size_t)t * (size_t)in->maxp + (size_t)j]);
            glp_set_obj_coef(lp, c, in->gain[(size_t)t * (size_t)in->maxp + (size_t)j]);
            lp_put(&m, t + 1, c, -1);
        }
    glp_load_matrix(lp, (int)m.n, m.ia, m.ja, m.ar);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = (int)(1000 * (in->time_limit_s > 0 ? in->time_limit_s : 5));
    /* The relaxation rounded: its starts rounded down, then whole starts added one at a time, the most
     * calls per paid hour first, while one still answers more than it costs within every limit.
     * (GLPK's branch and bound took 3 s on 14 days with a budget, the relaxation 0.05 s.) */
    if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT) {
        rc = wfm_err(err, WFM_ESOLVE, "outside agents: GLPK found no plan within the limits in %g s",
                     in->time_limit_s > 0 ? in->time_limit_s : 5);
    } else {
        double *sup = xcalloc((size_t)nh, sizeof *sup), *duty = xcalloc((size_t)nh, sizeof *duty);
        int *starts = xcalloc((size_t)ndays, sizeof *starts);
        double paid = 0;
        for (int t = 0; t < nh; t++)
            for (int k = 0; k < nb; k++) {
                int n = (int)floor(glp_get_col_prim(lp, t * nb + k + 1) + 1e-6);
                count[t * nb + k] = n;
            }
        for (;;) {
            for (int t = 0; t < nh; t++)
                sup[t] = duty[t] = 0;
            for (int d = 0; d < ndays; d++)
                starts[d] = 0;
            paid = 0;
            for (int t = 0; t < nh; t++)
                for (int k = 0; k < nb; k++) {
                    int n = count[t * nb + k];
                    starts[t / 24] += n;
                    paid += n * (double)in->block_h[k];
                    for (int u = t; u < t + in->block_h[k] && u < nh; u++)
                        sup[u] += n * in->per_agent, duty[u] += n;
                }
            int bt = -1, bk = -1;
            double best = 0;
            for (int t = in->lead_h > 0 ? in->lead_h : 0; t < nh; t++) {
                if (in->per_day > 0 && starts[t / 24] + 1 > in->per_day)
                    continue;
                for (int k = 0; k < nb; k++) {
                    int ok = !in->capped || paid + in->block_h[k] <= in->max_paid_h + 1e-9;
                    double v = -OVERTIME_COST * (in->block_h[k] + 0.01);
                    for (int u = t; u < t + in->block_h[k] && u < nh && ok; u++) {
                        ok = !(in->on_duty > 0) || duty[u] + 1 <= in->on_duty;
                        v += piece_value(in->npieces[u], in->width + (size_t)u * (size_t)in->maxp,
                                         in->gain + (size_t)u * (size_t)in->maxp, sup[u], in->per_agent);
                    }
                    if (ok && v / in->block_h[k] > best)
                        best = v / in->block_h[k], bt = t, bk = k;
                }
            }
            if (bt < 0)
                break;
            count[bt * nb + bk]++;
        }
        *hours = paid;
        for (int t = 0; t < nh; t++)
            *calls += piece_value(in->npieces[t], in->width + (size_t)t * (size_t)in->maxp,
                                  in->gain + (size_t)t * (size_t)in->maxp, 0, sup[t]);
        free(sup), free(duty), free(starts);
    }
    glp_delete_prob(lp);
    glp_term_hook(NULL, NULL);
    lp_mat_free(&m);
    return rc;
}

int overtime_joint_bound(const JointIn *in, double *calls, double *day_paid_h, double *outside_won,
                         double *agent_day_h, WfmErr *err)
{
    const OvertimeIn *ot = &in->ot;
    const Roster *r = ot->r;
    int k = ot->k, nh = 24 * k, nb = in->nblocks, rc = 0;
    Build b = { 0 };

    *calls = 0, *outside_won = 0;
    for (int d = 0; d < k; d++)
        day_paid_h[d] = 0;
    if (ot->d0 < 0 || k < 1 || ot->d0 + k > r->ndays || !(ot->avail > 0))
        return wfm_err(err, WFM_EINPUT, "joint bound: surge days %d-%d outside the roster's %d days", ot->d0,
                       ot->d0 + k - 1, r->ndays);
    b.in = ot;
    b.last = ot->d0 + k - 1;
    b.relax = 1;
    /* Options agent by agent, day by day; the agent-day and agent-week rows after the coverage rows. */
    size_t *first = xcalloc((size_t)r->nagents * (size_t)k + 1, sizeof *first);
    for (int g = 0; g < r->nagents; g++)
        for (int d = 0; d < k; d++) {
            first[(size_t)g * (size_t)k + (size_t)d] = b.n;
            candidates(&b, g, ot->d0 + d);
        }
    first[(size_t)r->nagents * (size_t)k] = b.n;
    /* Agents with the same options on every day and the same weekly room are
     * one class: its columns take up to as many as it has agents (the
     * relaxation's value is the same; the program is many times smaller). */
    int nw = (k + 13) / 7 + 1;
    double *room = xcalloc((size_t)r->nagents * (size_t)nw + 1, sizeof *room);
    int *mult = xcalloc((size_t)r->nagents + 1, sizeof *mult), *cls = xcalloc((size_t)r->nagents + 1, sizeof *cls);
    for (int g = 0; g < r->nagents; g++)
        for (int d = 0, w = 0; d < k; w++) {
            int ws = ot->d0 + d - date_weekday(r->first_day + ot->d0 + d), e = d, extra_ok;
            while (e < k && ot->d0 + e < ws + 7)
                e++;
            week_room(&b, g, ot->d0 + d, &room[(size_t)g * (size_t)nw + (size_t)w], &extra_ok);
            d = e;
        }
    for (int g = 0; g < r->nagents; g++) {
        size_t g0 = first[(size_t)g * (size_t)k], n = first[(size_t)(g + 1) * (size_t)k] - g0;
        mult[g] = 1, cls[g] = g;
        for (int h = 0; h < g && mult[g]; h++) {
            size_t h0 = first[(size_t)h * (size_t)k];
            if (!mult[h] || first[(size_t)(h + 1) * (size_t)k] - h0 != n ||
                memcmp(&room[(size_t)g * (size_t)nw], &room[(size_t)h * (size_t)nw], sizeof *room * (size_t)nw))
                continue;
            /* Options come day by day: the same days item by item are the same options each day. */
            int same = 1;
            for (size_t i = 0; i < n && same; i++) {
                const Item *x = &b.it[g0 + i], *y = &b.it[h0 + i];
                same = x->d == y->d && x->a == y->a && x->b == y->b && x->ha == y->ha && x->hb == y->hb &&
                       x->hours == y->hours && x->paid == y->paid;
            }
            if (same)
                mult[h]++, mult[g] = 0, cls[g] = h;
        }
    }
    /* Only the classes' options stay (first[] follows). */
    size_t kept = 0;
    for (int g = 0; g < r->nagents; g++)
        for (int d = 0; d < k; d++) {
            size_t lo = first[(size_t)g * (size_t)k + (size_t)d], hi = first[(size_t)g * (size_t)k + (size_t)d + 1];
            first[(size_t)g * (size_t)k + (size_t)d] = kept;
            for (size_t i = lo; i < hi && mult[g]; i++)
                b.it[kept++] = b.it[i];
        }
    first[(size_t)r->nagents * (size_t)k] = b.n = kept;

    glp_term_hook(lp_silent, NULL);
    b.lp = glp_create_prob();
    glp_set_obj_dir(b.lp, GLP_MAX);
    glp_add_rows(b.lp, nh);   /* rows 1..nh: overtime + outside agents on the phone less the pieces >= 0 */
    b.nrows = nh;
    for (int t = 0; t < nh; t++)
        glp_set_row_bnds(b.lp, t + 1, GLP_LO, 0, 0);
    int npc = 0;
    for (int t = 0; t < nh; t++)
        npc += ot->npieces[t];
    int ncol = (int)b.n + nh * nb + npc;
    if (ncol)
        glp_add_cols(b.lp, ncol);
    long base = 1440L * ot->d0;
    for (size_t i = 0; i < b.n; i++) {
        Item *x = &b.it[i];
        x->col = (int)i + 1;
        glp_set_col_bnds(b.lp, x->col, GLP_FX, 0, 0);   /* priced in below */
        for (long h = (x->a - base) / 60 - 1; h <= (x->b - base) / 60; h++) {
            if (h < 0 || h >= nh)
                continue;
            double mins = shiftplan_overlap((int)(x->a - base), (int)(x->b - base), (int)h);
            if (x->hb > x->ha)
                mins -= shiftplan_overlap((int)(x->ha - base), (int)(x->hb - base), (int)h);
            if (mins > 0)
                lp_put(&b.m, (int)h + 1, x->col, ot->avail * mins / 60);
        }
    }
    for (int g = 0; g < r->nagents; g++)
        for (int d = 0; d < k; d++) {
            size_t lo = first[(size_t)g * (size_t)k + (size_t)d], hi = first[(size_t)g * (size_t)k + (size_t)d + 1];
            if (hi > lo && mult[g]) {
                int row = new_row(&b, GLP_UP, 0, mult[g]);
                for (size_t i = lo; i < hi; i++)
                    lp_put(&b.m, row, b.it[i].col, 1);
            }
        }
    /* A row per agent and calendar week: the week's overtime within its room (the cap, the 52 hours). */
    for (int g = 0; g < r->nagents; g++)
        for (int d = 0, w = 0; d < k; w++) {
            int ws = ot->d0 + d - date_weekday(r->first_day + ot->d0 + d), e = d;
            while (e < k && ot->d0 + e < ws + 7)
                e++;
            size_t lo = first[(size_t)g * (size_t)k + (size_t)d], hi = first[(size_t)g * (size_t)k + (size_t)e];
            if (hi > lo && mult[g]) {
                int row = new_row(&b, GLP_UP, 0, mult[g] * room[(size_t)g * (size_t)nw + (size_t)w]);
                for (size_t i = lo; i < hi; i++)
                    lp_put(&b.m, row, b.it[i].col, b.it[i].hours);
            }
            d = e;
        }
    int oc0 = (int)b.n;   /* outside columns: block k starting at hour t */
    int day_row = in->per_day > 0 ? b.nrows + 1 : 0;
    for (int d = 0; day_row && d < k; d++)
        new_row(&b, GLP_UP, 0, in->per_day);
    int duty_row = in->on_duty > 0 ? b.nrows + 1 : 0;
    for (int t = 0; duty_row && t < nh; t++)
        new_row(&b, GLP_UP, 0, in->on_duty);
    int budget_row = new_row(&b, GLP_UP, 0, fmax(0, in->budget));
    for (size_t i = 0; i < b.n; i++)
        lp_put(&b.m, budget_row, b.it[i].col, in->wage_won_h * b.it[i].paid);
    for (int t = 0; t < nh; t++)
        for (int j = 0; j < nb; j++) {
            int c = oc0 + t * nb + j + 1;
            glp_set_col_bnds(b.lp, c, t < in->lead_h || !(in->per_agent > 0) ? GLP_FX : GLP_LO, 0, 0);
            for (int u = t; u < t + in->block_h[j] && u < nh; u++) {
                lp_put(&b.m, u + 1, c, in->per_agent);
                if (duty_row)
                    lp_put(&b.m, duty_row + u, c, 1);
            }
            if (day_row)
                lp_put(&b.m, day_row + t / 24, c, 1);
            lp_put(&b.m, budget_row, c, in->vendor_won_h * in->block_h[j]);   /* paid whole */
        }
    int pc0 = oc0 + nh * nb;
    for (int t = 0, c = pc0; t < nh; t++)
        for (int j = 0; j < ot->npieces[t]; j++) {
            c++;
            glp_set_col_bnds(b.lp, c, GLP_DB, 0, ot->width[(size_t)t * (size_t)ot->maxp + (size_t)j]);
            glp_set_obj_coef(b.lp, c, ot->gain[(size_t)t * (size_t)ot->maxp + (size_t)j]);
            lp_put(&b.m, t + 1, c, -1);
        }
    if (npc == 0)
        goto out;
    glp_load_matrix(b.lp, (int)b.m.n, b.m.ia, b.m.ja, b.m.ar);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    /* Columns generated: the options start fixed at 0; after each solve, each agent-day's option of
     * the greatest positive reduced cost joins, until none has one (then the value is the whole
     * program's).  On the demo's 14 days (261 classes of agents, 30,000 options) 4 s down to 1 s;
     * on the bench's (29 classes) about as fast as all options at once. */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double limit = ot->time_limit_s > 0 ? ot->time_limit_s : 5.0 * k;
    for (;;) {
        sp.tm_lim = (int)(1000 * fmax(0.1, limit - lp_seconds_since(&t0)));
        if (glp_simplex(b.lp, &sp) != 0 || glp_get_status(b.lp) != GLP_OPT) {
            rc = wfm_err(err, WFM_ESOLVE, "budget: GLPK did not solve the joint relaxation in %g s", limit);
            goto out;
        }
        int added = 0;
        for (size_t a = 0; a < (size_t)r->nagents * (size_t)k; a++) {
            size_t best = SIZE_MAX;
            double top = 1e-7;
            for (size_t i = first[a]; i < first[a + 1]; i++)
                if (glp_get_col_type(b.lp, b.it[i].col) == GLP_FX) {
                    double dj = glp_get_col_dual(b.lp, b.it[i].col);
                    if (dj > top)
                        top = dj, best = i;
                }
            if (best != SIZE_MAX)
                glp_set_col_bnds(b.lp, b.it[best].col, GLP_DB, 0, mult[b.it[best].g]), added++;
        }
        if (!added)
            break;
    }
    *calls = glp_get_obj_val(b.lp);
    for (size_t i = 0; i < b.n; i++)
        day_paid_h[b.it[i].d - ot->d0] += glp_get_col_prim(b.lp, b.it[i].col) * b.it[i].paid;
    if (agent_day_h) {   /* a class's hours first at its first agent, then shared by its agents */
        double *rep = xcalloc((size_t)r->nagents * (size_t)k + 1, sizeof *rep);
        for (size_t i = 0; i < b.n; i++)
            rep[(size_t)b.it[i].g * (size_t)k + (size_t)(b.it[i].d - ot->d0)] +=
                glp_get_col_prim(b.lp, b.it[i].col) * b.it[i].hours;
        for (int g = 0; g < r->nagents; g++)
            for (int d = 0; d < k; d++)
                agent_day_h[(size_t)g * (size_t)k + (size_t)d] =
                    rep[(size_t)cls[g] * (size_t)k + (size_t)d] / mult[cls[g]];
        free(rep);
    }
    for (int t = 0; t < nh; t++)
        for (int j = 0; j < nb; j++)
            *outside_won += glp_get_col_prim(b.lp, oc0 + t * nb + j + 1) * in->vendor_won_h * in->block_h[j];
out:
    glp_delete_prob(b.lp);
    glp_term_hook(NULL, NULL);
    lp_mat_free(&b.m);
    free(b.it);
    free(first), free(room), free(mult), free(cls);
    return rc;
}
