#include "phone.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>

typedef struct Gap {
    long a, b;
} Gap;

static int by_start(const void *x, const void *y)
{
    const Gap *p = x, *q = y;
    return (p->a > q->a) - (p->a < q->a);
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

int roster_phone_spans(const WfmConfig *cfg, const Roster *r, MsimSpan **out)
{
    int n = 0;
    size_t cap = 0;
    long brk = lround(cfg->extra_break_min * 60);
    Gap gap[64];
    *out = NULL;
    for (int g = 0; g < r->nagents; g++)
        for (int d = r->carry_days > 0 ? -1 : 0; d < r->ndays; d++) {
            const Assign *x = roster_at(r, g, d);
            if (x->shift < 0 || x->shift >= cfg->nshifts)
                continue;
            const ShiftTemplate *t = &cfg->shifts[x->shift];
            long a = 60L * (1440L * d + x->start_min - x->ot_before_min);
            long b = 60L * (1440L * d + x->start_min + t->length_min + x->ot_after_min);
            int ng = 0, meal = t->meal_min > 0 && x->meal_off_min >= 0;
            long ma = -1, mb = -1;
            if (meal) {
                ma = 60L * (1440L * d + x->start_min + x->meal_off_min), mb = ma + 60L * t->meal_min;
                gap[ng++] = (Gap){ ma, mb };
            }
            /* From the clock hour of the start, floored (a carried-in shift
             * starts before 0), and only a slot 0-7 (the checker's rule). */
            int slot_ok = x->break_slot >= 0 && x->break_slot < 8;
            for (long h = (a >= 0 ? a : a - 3599) / 3600 * 3600; h < b && brk > 0 && slot_ok && ng < 64; h += 3600) {
                long s = h + 450L * x->break_slot, e = s + brk;
                if (s >= a && e <= b && !(meal && s < mb && e > ma))
                    gap[ng++] = (Gap){ s, e };
            }
            qsort(gap, (size_t)ng, sizeof *gap, by_start);
            long at = a;
            for (int i = 0; i < ng; i++) {
                push(out, &n, &cap, g, at, gap[i].a);
                if (gap[i].b > at)
                    at = gap[i].b;
            }
            push(out, &n, &cap, g, at, b);
        }
    return n;
}
