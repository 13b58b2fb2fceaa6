#include "rules.h"
#include "roster.h"
#include "../core/date.h"

#include <string.h>

static int width(unsigned v)
{
    int b = 0;
    while (v >> b)
        b++;
    return b ? b : 1;
}

static int add(RuleSet *rs, int type, int limit, const WfmWhat *what, int n, int lo, int hi, int credit)
{
    if (rs->n == WFM_RULE_PARTS)
        return 0;
    RulePart *p = &rs->p[rs->n++];
    memset(p, 0, sizeof *p);
    p->type = type, p->limit = limit, p->n = n, p->lo = lo, p->hi = hi, p->credit = credit;
    memcpy(p->what, what, sizeof *what * (size_t)n);
    p->cap = (unsigned)(lo > hi + 1 ? lo : hi + 1);
    p->bits = type == RP_SEQ ? n - 1 : width(p->cap) + (type == RP_RUN ? 2 : type == RP_WEEKENDS);
    p->shift = rs->bits;
    rs->bits += p->bits;
    return 1;
}

/* Counts with a minimum and a maximum: one part, or (leave counting toward
 * the minimum only) two. */
static int add_count(RuleSet *rs, int type, int limit, const WfmWhat *w, int lo, int hi)
{
    if (w->off || lo == 0 || hi < 0)
        return add(rs, type, limit, w, 1, lo, hi, !w->off && lo > 0);
    return add(rs, type, limit, w, 1, lo, -1, 1) && add(rs, type, limit, w, 1, 0, hi, 0);
}

int wfm_rules_compile(const WfmConfig *c, int team, RuleSet *rs)
{
    int ok = 1;
    rs->n = rs->bits = 0;
    for (int i = 0; i < c->nlimits; i++) {
        const RuleLimit *l = &c->limits[i];
        if (l->team >= 0 && l->team != team)
            continue;
        if (l->forbidden) {
            ok &= add(rs, RP_SEQ, i, l->what, l->n, 0, -1, 0);
            continue;
        }
        if (l->min_consecutive > 0 || l->max_consecutive >= 0)
            ok &= add(rs, RP_RUN, i, l->what, 1, l->min_consecutive, l->max_consecutive, 0);
        if (l->min_per_week > 0 || l->max_per_week >= 0)
            ok &= add_count(rs, RP_WEEK, i, l->what, l->min_per_week, l->max_per_week);
        if (l->min_per_month > 0 || l->max_per_month >= 0)
            ok &= add_count(rs, RP_MONTH, i, l->what, l->min_per_month, l->max_per_month);
        if (l->max_weekends >= 0)
            ok &= add(rs, RP_WEEKENDS, i, l->what, 1, 0, l->max_weekends, 0);
    }
    return ok ? rs->bits : 99;
}

unsigned wfm_rules_flags(int first_day, int nd, int carry, int d)
{
    int wd = date_weekday(first_day + d), left = d >= 0 && d < nd ? nd - 1 - d : 0;
    int wleft = 6 - wd < left ? 6 - wd : left;
    unsigned f = (unsigned)(left < 63 ? left : 63) << 8 | (unsigned)wleft << 14;
    if (d < 0)
        f |= RD_CARRIED;
    if (d == -carry)
        f |= RD_FIRST;
    if (wd == WD_MON)
        f |= RD_MONDAY | (d >= 7 ? RD_FULLWEEK : 0);
    if (wd >= WD_SAT)
        f |= RD_WEEKEND;
    return f;
}

unsigned wfm_rules_end_flags(int first_day, int nd)
{
    return nd >= 7 && date_weekday(first_day + nd - 1) == WD_SUN ? RD_FULLWEEK : 0;
}

static unsigned get(uint32_t st, const RulePart *p)
{
    return (unsigned)(st >> p->shift) & ((1u << p->bits) - 1);
}

static void set(uint32_t *st, const RulePart *p, unsigned v)
{
    uint32_t mask = ((1u << p->bits) - 1) << p->shift;
    *st = (*st & ~mask) | ((uint32_t)v << p->shift & mask);
}

int wfm_what_parse(const WfmConfig *c, const char *name, WfmWhat *w)
{
    static const char *const kinds[] = { "day", "evening", "night" };
    int known = strcmp(name, "work") == 0;
    memset(w, 0, sizeof *w);
    if (strcmp(name, "off") == 0) {
        w->off = 1;
        return 0;
    }
    for (int k = 0; k < 3; k++)
        known |= strcmp(name, kinds[k]) == 0;
    for (int s = 0; s < c->nshifts && s < 64; s++)
        if (strcmp(name, "work") == 0 || strcmp(name, c->shifts[s].name) == 0 ||
            (c->shifts[s].kind >= 0 && c->shifts[s].kind < 3 && strcmp(name, kinds[c->shifts[s].kind]) == 0))
            w->shifts |= 1ull << s;
    return known || w->shifts ? 0 : -1;
}

int wfm_what_match(const WfmWhat *w, int item)
{
    return item >= 0 ? item < 64 && (w->shifts >> item & 1) : w->off;
}

static unsigned up(unsigned v, unsigned cap)
{
    return v < cap ? v + 1 : cap;
}

int wfm_rules_step(const RuleSet *rs, uint32_t *st, int item, unsigned flags)
{
    int broke = 0, leave = item == ROSTER_LEAVE;
    for (int i = 0; i < rs->n; i++) {
        const RulePart *p = &rs->p[i];
        unsigned v = get(*st, p), b = (unsigned)p->bits;
        int m = wfm_what_match(&p->what[0], item);
        switch (p->type) {
        case RP_RUN: {   /* the run, whether it began on the first day known, whether it holds leave */
            unsigned run = v & ((1u << (b - 2)) - 1), first = v >> (b - 2) & 1, onleave = v >> (b - 1) & 1;
            if (m) {
                if (run == 0)
                    first = (flags & RD_FIRST) != 0, onleave = 0;
                onleave |= (unsigned)leave;
                run = up(run, p->cap);
                broke |= p->hi >= 0 && !onleave && run > (unsigned)p->hi;
            } else {
                broke |= run > 0 && run < (unsigned)p->lo && !first && !onleave && !leave;
                run = first = onleave = 0;
            }
            v = run | first << (b - 2) | onleave << (b - 1);
            break;
        }
        case RP_WEEK:
            if (flags & RD_MONDAY) {
                broke |= (flags & RD_FULLWEEK) && v < (unsigned)p->lo;
                v = 0;
            }
            if (m || (p->credit && leave))
                v = up(v, p->cap);
            broke |= m && p->hi >= 0 && v > (unsigned)p->hi;
            /* A most the week's days left cannot reach: the count no longer
             * matters (states that differ only in it become one). */
            if (p->lo == 0 && p->hi >= 0 && !(flags & RD_CARRIED) && v + (unsigned)RD_WEEK_LEFT(flags) <= (unsigned)p->hi)
                v = 0;
            break;
        case RP_MONTH:
            if (!(flags & RD_CARRIED) && (m || (p->credit && leave)))
                v = up(v, p->cap);
            broke |= m && p->hi >= 0 && v > (unsigned)p->hi;
            if (!(flags & RD_CARRIED)) {   /* a most out of reach is forgotten; a least out of reach is broken */
                if (p->lo == 0 && p->hi >= 0 && v + (unsigned)RD_MONTH_LEFT(flags) <= (unsigned)p->hi)
                    v = 0;
                broke |= v + (unsigned)RD_MONTH_LEFT(flags) < (unsigned)p->lo;
            }
            break;
        case RP_WEEKENDS: {   /* weekends counted, whether this one is */
            unsigned n = v & ((1u << (b - 1)) - 1), now = v >> (b - 1) & 1;
            if (flags & RD_MONDAY)
                now = 0;
            if ((flags & RD_WEEKEND) && !(flags & RD_CARRIED) && m && !now)
                now = 1, n = up(n, p->cap);
            broke |= n > (unsigned)p->hi;
            v = n | now << (b - 1);
            break;
        }
        default: {   /* RP_SEQ: bit j - the sequence's first j + 1 days end today */
            unsigned nv = m;
            for (int j = 0; j + 1 < p->n; j++)
                if ((v >> j & 1) && wfm_what_match(&p->what[j + 1], item)) {
                    if (j + 2 == p->n)
                        broke = 1;
                    else
                        nv |= 1u << (j + 1);
                }
            v = nv;
            break;
        }
        }
        set(st, p, v);
    }
    return !broke || (flags & RD_CARRIED);
}

int wfm_rules_end(const RuleSet *rs, uint32_t st, unsigned flags)
{
    for (int i = 0; i < rs->n; i++) {
        const RulePart *p = &rs->p[i];
        unsigned v = get(st, p);
        if ((p->type == RP_WEEK && (flags & RD_FULLWEEK) && v < (unsigned)p->lo) ||
            (p->type == RP_MONTH && v < (unsigned)p->lo))
            return 0;
    }
    return 1;
}

int wfm_rules_alike(const WfmConfig *c, int a, int b)
{
    for (int i = 0; i < c->nlimits; i++)
        for (int j = 0; j < c->limits[i].n; j++) {
            const WfmWhat *w = &c->limits[i].what[j];
            if ((w->shifts >> a & 1) != (w->shifts >> b & 1))
                return 0;
        }
    return 1;
}

int wfm_rules_beyond_greedy(const WfmConfig *c)
{
    for (int i = 0; i < c->nlimits; i++) {
        const RuleLimit *l = &c->limits[i];
        if (l->forbidden ? l->what[l->n - 1].off
                         : l->what[0].off || l->min_consecutive > 0 || l->min_per_week > 0 || l->min_per_month > 0)
            return i;
    }
    return -1;
}
