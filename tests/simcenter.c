/*
 * simcenter.c - see simcenter.h.  Included by the tests that use it.
 */
#include "simcenter.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SIM_NAGENTS = 300, SIM_SHIFT_S = 8 * 3600 };

static const double sim_aht[SQ_COUNT] = { 300, 600, 600 };   /* base handling time, seconds */

/* Target occupancy of a block (shift kind x queue) on an ordinary day. */
static double sim_load(int shift, int queue)
{
    if (queue != SQ_PHONE)
        return queue == SQ_FOREIGN ? 0.6 : 0.5;
    return shift == SK_NIGHT ? 0.3 : shift == SK_EVENING ? 0.75 : 0.85;
}

/* The agents of one block and day while calls are placed. */
typedef struct SimSeat {
    int agent;
    double open, close;          /* available window in the shift, seconds */
    double free_at, busy, factor;
    PerfRec *rec;
} SimSeat;

static void sim_place_calls(Rng *r, int routing, const SimCenter *c, SimSeat *seat, int ns, double load, double aht,
                            long *calls)
{
    if (ns == 0)
        return;
    /* Arrivals follow the staffing: a Poisson process at the rate the whole
     * block could serve, thinned by the share of agents on hand. */
    double rate_max = load * ns / aht;
    for (double t = rng_exp(r, 1 / rate_max); t < SIM_SHIFT_S; t += rng_exp(r, 1 / rate_max)) {
        int on = 0;
        for (int i = 0; i < ns; i++)
            on += seat[i].open <= t && t < seat[i].close;
        if (rng_unif(r) * ns >= on)
            continue;
        int best = -1;
        double key = INFINITY;
        for (int i = 0; i < ns; i++) {  /* idle agents */
            const SimSeat *s = &seat[i];
            if (!(s->open <= t && t < s->close && s->free_at <= t))
                continue;
            double k = routing == SIM_IDLE_LONGEST ? fmax(s->free_at, s->open)
                                                   : (s->busy + 1) / (t - s->open + 1);
            if (k < key)
                key = k, best = i;
        }
        double start = t;
        if (best < 0) {  /* nobody idle: the first to be free */
            for (int i = 0; i < ns; i++) {
                const SimSeat *s = &seat[i];
                double st = fmax(s->free_at, s->open);
                if (st < s->close && st < key)
                    key = st, best = i;
            }
            if (best < 0)
                continue;  /* every window closed: the caller gives up */
            start = key;
        }
        SimSeat *s = &seat[best];
        const SimAgent *g = &c->ag[s->agent];
        double sigma = 0.7, hs = aht * s->factor * exp(sigma * rng_normal(r) - sigma * sigma / 2);
        s->free_at = start + hs;
        s->busy += hs;
        PerfRec *x = s->rec;
        x->handled += 1;
        x->talk_s += hs * (1 - g->acw_share) * 0.94;
        x->hold_s += hs * (1 - g->acw_share) * 0.06;
        x->acw_s += hs * g->acw_share;
        x->resolved_first += rng_unif(r) < 0.8;
        x->transfers += rng_unif(r) < 0.03;
        (*calls)++;
    }
}

static void sim_agents(Rng *r, SimCenter *c)
{
    static const struct {
        int n, shift, queue;
    } mix[] = { { 150, SK_DAY, SQ_PHONE },    { 50, SK_EVENING, SQ_PHONE }, { 36, SK_NIGHT, SQ_PHONE },
                { 24, SK_DAY, SQ_FOREIGN },   { 12, SK_EVENING, SQ_FOREIGN }, { 16, SK_DAY, SQ_SIGN },
                { 12, SK_EVENING, SQ_SIGN } };
    int a = 0;
    for (size_t m = 0; m < sizeof mix / sizeof mix[0]; m++)
        for (int i = 0; i < mix[m].n; i++, a++) {
            SimAgent *g = &c->ag[a];
            g->shift = mix[m].shift, g->queue = mix[m].queue;
            g->part = g->shift != SK_NIGHT && rng_unif(r) < 0.15;
            double u = rng_unif(r);
            g->remote_days = u < 0.25 ? 2 : u < 0.32 ? 5 : 0;
            g->hire = c->first_day - 365 * (1 + (int)rng_below(r, 10));
            g->leave_from = 0, g->leave_to = -1;
            g->speed = exp(SIM_SPEED_SPREAD * rng_normal(r));
            g->acw_share = fmin(0.33, fmax(0.13, 0.23 + 0.03 * rng_normal(r)));
        }
    /* 20 new hires on day and evening phones, 10 long leaves. */
    for (int k = 0; k < 20; k++)
        c->ag[rng_below(r, 200)].hire = c->first_day + (int)rng_below(r, 100);
    for (int k = 0; k < 10; k++) {
        SimAgent *g = &c->ag[rng_below(r, SIM_NAGENTS)];
        g->leave_from = c->first_day + (int)rng_below(r, 120);
        g->leave_to = g->leave_from + 60 + (int)rng_below(r, 31);
    }
    /* The planted: 2 day phone, 2 night phone, 2 foreign; full time, no new
     * hire, no long leave. */
    static const int want[3][2] = { { SK_DAY, SQ_PHONE }, { SK_NIGHT, SQ_PHONE }, { -1, SQ_FOREIGN } };
    for (int w = 0; w < 3; w++)
        for (int k = 0; k < 2;) {
            SimAgent *g = &c->ag[rng_below(r, SIM_NAGENTS)];
            if (g->planted || g->part || g->hire >= c->first_day || g->leave_to >= g->leave_from ||
                g->queue != want[w][1] || (want[w][0] >= 0 && g->shift != want[w][0]))
                continue;
            g->planted = 1, g->speed = 1.15 + 0.10 * rng_unif(r);
            k++;
        }
}

void sim_center(uint64_t seed, int routing, SimCenter *c)
{
    Rng r;
    memset(c, 0, sizeof *c);
    rng_seed(&r, seed);
    c->nagents = SIM_NAGENTS, c->first_day = date_from_ymd(2021, 1, 1), c->ndays = 181;
    c->ag = xcalloc(SIM_NAGENTS, sizeof *c->ag);
    c->hire = xmalloc(sizeof *c->hire * SIM_NAGENTS);
    sim_agents(&r, c);
    for (int a = 0; a < SIM_NAGENTS; a++)
        c->hire[a] = c->ag[a].hire;
    c->rec = xcalloc((size_t)SIM_NAGENTS * (size_t)c->ndays, sizeof *c->rec);
    SimSeat *seat = xmalloc(sizeof *seat * SIM_NAGENTS);
    for (int d = c->first_day; d < c->first_day + c->ndays; d++) {
        double demand = exp(0.08 * rng_normal(&r));
        for (int sk = SK_DAY; sk <= SK_NIGHT; sk++)
            for (int q = 0; q < SQ_COUNT; q++) {
                int ns = 0;
                for (int a = 0; a < SIM_NAGENTS; a++) {
                    const SimAgent *g = &c->ag[a];
                    if (g->shift != sk || g->queue != q || d < g->hire || (d >= g->leave_from && d <= g->leave_to))
                        continue;
                    int wd = (d + a) % 7;   /* five days of seven, days off staggered */
                    if (wd >= 5 || rng_unif(&r) < 0.04)
                        continue;
                    PerfRec *x = &c->rec[c->n++];
                    x->agent = a, x->day = d, x->shift = sk, x->queue = q, x->remote = wd < g->remote_days;
                    x->logged_s = g->part ? 4 * 3600 : SIM_SHIFT_S;
                    x->break_s = g->part ? 900 : 3600;
                    x->meeting_s = rng_unif(&r) < 0.15 ? 1800 : 0;
                    x->training_s = d - g->hire < 14 ? 4 * 3600 : !g->part && rng_unif(&r) < 0.05 ? 7200 : 0;
                    x->qa = rng_unif(&r) < 0.2 ? 85 + 5 * rng_normal(&r) : NAN;
                    double avail = x->logged_s - x->break_s - x->meeting_s - x->training_s;
                    if (avail < 600)
                        avail = 600;
                    SimSeat *s = &seat[ns++];
                    s->agent = a, s->rec = x;
                    s->open = rng_unif(&r) * (SIM_SHIFT_S - avail), s->close = s->open + avail;
                    s->free_at = s->open, s->busy = 0;
                    s->factor = g->speed * (1 + 0.35 * exp(-(d - g->hire) / 25.0)) * (x->remote ? 1.05 : 1);
                }
                sim_place_calls(&r, routing, c, seat, ns, fmin(0.95, sim_load(sk, q) * demand), sim_aht[q],
                                &c->calls);
            }
    }
    free(seat);
}

void sim_center_free(SimCenter *c)
{
    free(c->ag), free(c->rec), free(c->hire);
    memset(c, 0, sizeof *c);
}

int sim_is_decoy(const SimCenter *c, int a)
{
    const SimAgent *g = &c->ag[a];
    return !g->planted && (g->shift == SK_NIGHT || g->queue != SQ_PHONE || g->part || g->remote_days > 0 ||
                           g->leave_to >= g->leave_from || g->hire >= c->first_day);
}
