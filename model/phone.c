#include "phone.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>

static int by_start(const void *x, const void *y)
{
    const long *p = x, *q = y;
    return (p[0] > q[0]) - (p[0] < q[0]);
}

static void push(MsimSpan **out, int *n, size_t *cap, int agent, long a, long b)
{
    if (a < 0)
        a = 0;
    if (b <= a)
        return;
    if ((size_t)*n + 1 > *cap) {
        void *p = *out;
        xgrow(&p, cap, (size_t)*n + 1, sizeof **out);
        *out = p;
    }
    (*out)[(*n)++] = (MsimSpan){ agent, a, b };
}

int roster_phone_day(const WfmConfig *cfg, const Assign *x, int d, PhoneDay *p)
{
    p->n = 0;
    if (x->shift < 0 || x->shift >= cfg->nshifts)
        return 0;
    const ShiftTemplate *t = &cfg->shifts[x->shift];
    long brk = lround(cfg->extra_break_min * 60), a = 60L * (1440L * d + x->start_min - x->ot_before_min);
    long b = 60L * (1440L * d + x->start_min + t->length_min + x->ot_after_min), ma = -1, mb = -1;
    int meal = t->meal_min > 0 && x->meal_off_min >= 0;
    p->a = a, p->b = b;
    if (meal) {
        ma = 60L * (1440L * d + x->start_min + x->meal_off_min), mb = ma + 60L * t->meal_min;
        p->off[p->n][0] = ma, p->off[p->n++][1] = mb;
    }
    /* From the clock hour of the start, floored (a carried-in shift starts
     * before 0), and only a slot 0-7 (the checker's rule). */
    int slot_ok = x->break_slot >= 0 && x->break_slot < 8;
    for (long h = (a >= 0 ? a : a - 3599) / 3600 * 3600; h < b && brk > 0 && slot_ok && p->n < 64; h += 3600) {
        long s = h + 450L * x->break_slot, e = s + brk;
        if (s >= a && e <= b && !(meal && s < mb && e > ma))
            p->off[p->n][0] = s, p->off[p->n++][1] = e;
    }
    qsort(p->off, (size_t)p->n, sizeof *p->off, by_start);
    return 1;
}

static double overlap(double x0, double x1, double y0, double y1)
{
    double u = x0 > y0 ? x0 : y0, v = x1 < y1 ? x1 : y1;
    return v > u ? v - u : 0;
}

double roster_phone_minutes(const PhoneDay *p, double lo, double hi)
{
    double m = overlap(p->a / 60.0, p->b / 60.0, lo, hi);
    for (int i = 0; i < p->n && m > 0; i++)
        m -= overlap(p->off[i][0] / 60.0, p->off[i][1] / 60.0, lo, hi);
    return m;
}

int roster_phone_spans(const WfmConfig *cfg, const Roster *r, MsimSpan **out)
{
    int n = 0;
    size_t cap = 0;
    PhoneDay p;
    *out = NULL;
    for (int g = 0; g < r->nagents; g++)
        for (int d = r->carry_days > 0 ? -1 : 0; d < r->ndays; d++) {
            if (!roster_phone_day(cfg, roster_at(r, g, d), d, &p))
                continue;
            long at = p.a;
            for (int i = 0; i < p.n; i++) {
                push(out, &n, &cap, g, at, p.off[i][0]);
                if (p.off[i][1] > at)
                    at = p.off[i][1];
            }
            push(out, &n, &cap, g, at, p.b);
        }
    return n;
}
