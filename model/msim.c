/*
 * msim.c - see msim.h.
 *
 * Events in a binary heap, kept small: one pending arrival per queue, one
 * end of call per busy agent, and one phone event (on or off) per agent,
 * pushed only when the previous one happened.
 *
 * Agents are grouped in classes by their skill mask (the bits of skilled
 * queues only).  Each class keeps its idle agents in a doubly linked list
 * in the order they became idle, so the head is the one idle longest and
 * an agent leaving the phone is unlinked in O(1); an arriving call looks at
 * one head per class.
 *
 * Callers wait in one ring per queue.  Hanging up is lazy, as in sim.c: a
 * caller's deadline is looked at when he reaches the head of his queue and
 * an agent looks there.  With exponential patience and counts taken by the
 * interval of arrival, when he hangs up does not matter, only whether an
 * agent reached him first - and the head, after the expired are dropped,
 * is the longest-waiting caller still there.
 */
#include "msim.h"
#include "../core/alloc.h"
#include "../core/evheap.h"
#include "../core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* More calls than this in one interval is not a call center. */
#define MSIM_MAX_CALLS 1e7

enum { EV_ARRIVAL, EV_DONE, EV_ON, EV_OFF };
enum { AG_OFF, AG_IDLE, AG_BUSY };

typedef Event Ev;

typedef struct Caller {
    double arrive, deadline;
    int slot;
} Caller;

typedef struct Ring {
    Caller *c;
    size_t cap, head, len;
} Ring;

typedef struct Class {
    uint32_t mask;
    int nskills;
    int head, tail;   /* idle agents, longest idle first; -1 when none */
} Class;

typedef struct Msim {
    const MsimIn *in;
    MsimSlot *out;
    Rng rng;
    EventHeap heap;
    Ring q[MSIM_MAX_QUEUES];
    int arr_slot[MSIM_MAX_QUEUES];   /* interval of each queue's pending arrival */
    int ngen, gen[MSIM_MAX_QUEUES];  /* the general queues */
    /* agents */
    int *state, *on, *cls, *prev, *next;
    double *idle_since;
    int *sp_cur, *sp_end;            /* cursor and end in the joined spans */
    double *sp_from, *sp_to;         /* joined spans, by agent then time */
    Class *cl;                       /* by number of skills, then mask */
    int ncl;
} Msim;

static void push(Msim *s, double t, int type, int who)
{
    evheap_push(&s->heap, t, type, who);
}

static Ev pop(Msim *s)
{
    return evheap_pop(&s->heap);
}

static void ring_push(Ring *r, Caller c)
{
    if (r->len == r->cap) {
        size_t ncap = r->cap ? 2 * r->cap : 256;
        Caller *nc = xmalloc(sizeof *nc * ncap);
        for (size_t i = 0; i < r->len; i++)
            nc[i] = r->c[(r->head + i) % r->cap];
        free(r->c);
        r->c = nc, r->cap = ncap, r->head = 0;
    }
    r->c[(r->head + r->len++) % r->cap] = c;
}

static Caller ring_pop(Ring *r)
{
    Caller c = r->c[r->head];
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return c;
}

static MsimSlot *cell(Msim *s, int q, int slot)
{
    return &s->out[(size_t)q * (size_t)s->in->nslots + (size_t)slot];
}

/* Drops the callers at the head of queue q whose patience ran out before now. */
static void purge(Msim *s, int q, double now)
{
    Ring *r = &s->q[q];
    while (r->len && r->c[r->head].deadline < now)
        cell(s, q, ring_pop(r).slot)->abandoned++;
}

static void idle_add(Msim *s, int a, double now)
{
    Class *c = &s->cl[s->cls[a]];
    s->state[a] = AG_IDLE;
    s->idle_since[a] = now;
    s->prev[a] = c->tail, s->next[a] = -1;
    if (c->tail >= 0)
        s->next[c->tail] = a;
    else
        c->head = a;
    c->tail = a;
}

static void idle_remove(Msim *s, int a)
{
    Class *c = &s->cl[s->cls[a]];
    if (s->prev[a] >= 0)
        s->next[s->prev[a]] = s->next[a];
    else
        c->head = s->next[a];
    if (s->next[a] >= 0)
        s->prev[s->next[a]] = s->prev[a];
    else
        c->tail = s->prev[a];
}

static void serve(Msim *s, int a, int q, const Caller *c, double now)
{
    const MsimIn *in = s->in;
    MsimSlot *o = cell(s, q, c->slot);
    double w = now - c->arrive;
    double aht = in->aht_slot ? in->aht_slot[(size_t)q * (size_t)in->nslots + (size_t)c->slot] : in->q[q].aht_s;
    o->answered++;
    o->wait_s += w;
    if (w <= in->sl_s + 1e-9)
        o->within++;
    s->state[a] = AG_BUSY;
    push(s, now + rng_exp(&s->rng, aht), EV_DONE, a);
}

/* The queue among the bits of mask (or the general queues when gen) whose
 * head arrived first; -1 when all are empty. */
static int oldest(Msim *s, uint32_t mask, int gen, double now)
{
    int best = -1;
    double bt = INFINITY;
    int n = gen ? s->ngen : s->in->nq;
    for (int i = 0; i < n; i++) {
        int q = gen ? s->gen[i] : i;
        if (!gen && !(mask >> q & 1u))
            continue;
        purge(s, q, now);
        Ring *r = &s->q[q];
        if (r->len && r->c[r->head].arrive < bt)
            bt = r->c[r->head].arrive, best = q;
    }
    return best;
}

/* Agent a, on the phone and without a call at now: his skilled queues
 * first, then the general ones, else idle. */
static void agent_free(Msim *s, int a, double now)
{
    uint32_t mask = s->cl[s->cls[a]].mask;
    int q = mask ? oldest(s, mask, 0, now) : -1;
    if (q < 0)
        q = oldest(s, 0, 1, now);
    if (q < 0) {
        idle_add(s, a, now);
        return;
    }
    Caller c = ring_pop(&s->q[q]);
    serve(s, a, q, &c, now);
}

/* The idle agent who takes an arriving call of queue q, or -1. */
static int pick_idle(Msim *s, int q)
{
    int best = -1;
    double bt = INFINITY;
    if (s->in->q[q].skilled) {
        for (int k = 0; k < s->ncl; k++) {
            const Class *c = &s->cl[k];
            if ((c->mask >> q & 1u) && c->head >= 0 && s->idle_since[c->head] < bt)
                bt = s->idle_since[c->head], best = c->head;
        }
        return best;
    }
    for (int i = 0; i < s->ncl; i++) {
        const Class *c = &s->cl[i];
        if (best >= 0 && c->nskills > s->cl[s->cls[best]].nskills)
            break;   /* the fewest skills found idle win */
        if (c->head >= 0 && s->idle_since[c->head] < bt)
            bt = s->idle_since[c->head], best = c->head;
    }
    return best;
}

static void next_arrival(Msim *s, int q, double now)
{
    const MsimIn *in = s->in;
    for (int slot = s->arr_slot[q]; slot < in->nslots; slot++) {
        double rate = in->calls[(size_t)q * (size_t)in->nslots + (size_t)slot];
        double end = (double)in->slot_s * (slot + 1);
        if (rate > 0) {
            double t = now + rng_exp(&s->rng, in->slot_s / rate);
            if (t < end) {
                s->arr_slot[q] = slot;
                push(s, t, EV_ARRIVAL, q);
                return;
            }
        }
        now = end;   /* memoryless: the next interval's stream starts here */
    }
    s->arr_slot[q] = in->nslots;
}

static void arrive(Msim *s, int q, double now)
{
    double pat = s->in->q[q].patience_s;
    Caller c = { now, pat > 0 ? now + rng_exp(&s->rng, pat) : INFINITY, s->arr_slot[q] };
    cell(s, q, c.slot)->offered++;
    int a = pick_idle(s, q);
    if (a >= 0) {
        idle_remove(s, a);
        serve(s, a, q, &c, now);
    } else {
        ring_push(&s->q[q], c);
    }
}

static void phone_on(Msim *s, int a, double now)
{
    s->on[a] = 1;
    push(s, s->sp_to[s->sp_cur[a]], EV_OFF, a);
    if (s->state[a] == AG_OFF)
        agent_free(s, a, now);
}

static void phone_off(Msim *s, int a)
{
    s->on[a] = 0;
    if (++s->sp_cur[a] < s->sp_end[a])
        push(s, s->sp_from[s->sp_cur[a]], EV_ON, a);
    if (s->state[a] == AG_IDLE) {
        idle_remove(s, a);
        s->state[a] = AG_OFF;
    }
}

static int cmp_span(const void *pa, const void *pb)
{
    const MsimSpan *a = pa, *b = pb;
    if (a->agent != b->agent)
        return a->agent < b->agent ? -1 : 1;
    return (a->from_s > b->from_s) - (a->from_s < b->from_s);
}

static int cmp_class(const void *pa, const void *pb)
{
    const Class *a = pa, *b = pb;
    if (a->nskills != b->nskills)
        return a->nskills < b->nskills ? -1 : 1;
    return (a->mask > b->mask) - (a->mask < b->mask);
}

static int popcount32(uint32_t m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Joined spans per agent, the agents' classes, the general queues. */
static void setup(Msim *s)
{
    const MsimIn *in = s->in;
    int na = in->nagents;
    size_t nag1 = (size_t)na + 1;
    uint32_t skilled = 0;
    for (int q = 0; q < in->nq; q++) {
        if (in->q[q].skilled)
            skilled |= 1u << q;
        else
            s->gen[s->ngen++] = q;
    }
    s->state = xcalloc(nag1, sizeof *s->state);
    s->on = xcalloc(nag1, sizeof *s->on);
    s->cls = xcalloc(nag1, sizeof *s->cls);
    s->prev = xcalloc(nag1, sizeof *s->prev);
    s->next = xcalloc(nag1, sizeof *s->next);
    s->idle_since = xcalloc(nag1, sizeof *s->idle_since);
    s->sp_cur = xcalloc(nag1, sizeof *s->sp_cur);
    s->sp_end = xcalloc(nag1, sizeof *s->sp_end);

    /* Classes: the distinct masks, sorted by number of skills then mask
     * (the order a general call looks at them; a class found by bisection). */
    Class *all = xcalloc(nag1, sizeof *all);
    for (int a = 0; a < na; a++) {
        uint32_t m = (in->skills ? in->skills[a] : 0) & skilled;
        all[a] = (Class){ m, popcount32(m), -1, -1 };
    }
    qsort(all, (size_t)na, sizeof *all, cmp_class);
    s->cl = xcalloc(nag1, sizeof *s->cl);
    for (int a = 0; a < na; a++)
        if (s->ncl == 0 || cmp_class(&all[a], &s->cl[s->ncl - 1]) != 0)
            s->cl[s->ncl++] = all[a];
    free(all);
    for (int a = 0; a < na; a++) {
        uint32_t m = (in->skills ? in->skills[a] : 0) & skilled;
        Class key = { m, popcount32(m), -1, -1 };
        int lo = 0, hi = s->ncl - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (cmp_class(&s->cl[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        s->cls[a] = lo;
    }

    /* Spans: sorted by agent and start, overlapping or touching ones joined. */
    MsimSpan *sp = xcalloc((size_t)in->nspans + 1, sizeof *sp);
    size_t n = 0;
    for (int i = 0; i < in->nspans; i++)
        if (in->span[i].to_s > in->span[i].from_s)
            sp[n++] = in->span[i];
    qsort(sp, n, sizeof *sp, cmp_span);
    s->sp_from = xcalloc(n + 1, sizeof *s->sp_from);
    s->sp_to = xcalloc(n + 1, sizeof *s->sp_to);
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        int a = sp[i].agent;
        s->sp_cur[a] = (int)m;
        for (; i < n && sp[i].agent == a; i++) {
            if (m > (size_t)s->sp_cur[a] && (double)sp[i].from_s <= s->sp_to[m - 1]) {
                if ((double)sp[i].to_s > s->sp_to[m - 1])
                    s->sp_to[m - 1] = (double)sp[i].to_s;
                continue;
            }
            s->sp_from[m] = (double)sp[i].from_s;
            s->sp_to[m] = (double)sp[i].to_s;
            m++;
        }
        s->sp_end[a] = (int)m;
        push(s, s->sp_from[s->sp_cur[a]], EV_ON, a);
    }
    free(sp);
}

static int check(const MsimIn *in, WfmErr *err)
{
    if (in->nq < 1 || in->nq > MSIM_MAX_QUEUES || !in->q)
        return wfm_err(err, WFM_EINPUT, "cannot simulate: %d queues, not 1 to %d", in->nq, MSIM_MAX_QUEUES);
    if (in->nslots < 1 || in->slot_s < 1 || !in->calls)
        return wfm_err(err, WFM_EINPUT, "cannot simulate: %d intervals of %d s", in->nslots, in->slot_s);
    if (!(in->sl_s >= 0 && isfinite(in->sl_s)))
        return wfm_err(err, WFM_EINPUT, "cannot simulate: service-level threshold %g s", in->sl_s);
    if (in->nagents < 0 || in->nspans < 0 || (in->nspans > 0 && !in->span))
        return wfm_err(err, WFM_EINPUT, "cannot simulate: %d agents, %d spans", in->nagents, in->nspans);
    for (int q = 0; q < in->nq; q++) {
        const MsimQueue *Q = &in->q[q];
        if (isnan(Q->patience_s))
            return wfm_err(err, WFM_EINPUT, "cannot simulate queue %d: patience is not a number", q);
        if (!in->aht_slot && !(Q->aht_s > 0 && isfinite(Q->aht_s)))
            return wfm_err(err, WFM_EINPUT, "cannot simulate queue %d: handling time %g s", q, Q->aht_s);
        for (int t = 0; t < in->nslots; t++) {
            size_t k = (size_t)q * (size_t)in->nslots + (size_t)t;
            double c = in->calls[k];
            if (!(c >= 0 && c <= MSIM_MAX_CALLS))
                return wfm_err(err, WFM_EINPUT, "cannot simulate queue %d, interval %d: %g calls", q, t, c);
            if (in->aht_slot && c > 0 && !(in->aht_slot[k] > 0 && isfinite(in->aht_slot[k])))
                return wfm_err(err, WFM_EINPUT, "cannot simulate queue %d, interval %d: handling time %g s", q,
                               t, in->aht_slot[k]);
        }
    }
    for (int i = 0; i < in->nspans; i++)
        if (in->span[i].agent < 0 || in->span[i].agent >= in->nagents)
            return wfm_err(err, WFM_EINPUT, "cannot simulate: span %d is of agent %d, not 0 to %d", i,
                           in->span[i].agent, in->nagents - 1);
    return 0;
}

int msim_run(const MsimIn *in, MsimSlot *out, WfmErr *err)
{
    int rc = check(in, err);
    if (rc)
        return rc;
    Msim s = { 0 };
    s.in = in, s.out = out;
    rng_seed(&s.rng, in->seed);
    memset(out, 0, sizeof *out * (size_t)in->nq * (size_t)in->nslots);
    setup(&s);
    for (int q = 0; q < in->nq; q++)
        next_arrival(&s, q, 0);
    while (s.heap.n) {
        Ev e = pop(&s);
        switch (e.type) {
        case EV_ARRIVAL:
            arrive(&s, e.who, e.t);
            next_arrival(&s, e.who, e.t);
            break;
        case EV_DONE:
            if (s.on[e.who])
                agent_free(&s, e.who, e.t);
            else
                s.state[e.who] = AG_OFF;
            break;
        case EV_ON:
            phone_on(&s, e.who, e.t);
            break;
        case EV_OFF:
            phone_off(&s, e.who);
            break;
        }
    }
    /* Nobody is left to answer: whoever has a patience hangs up. */
    for (int q = 0; q < in->nq; q++) {
        Ring *r = &s.q[q];
        while (r->len) {
            Caller c = ring_pop(r);
            if (isfinite(c.deadline))
                cell(&s, q, c.slot)->abandoned++;
            else
                cell(&s, q, c.slot)->unserved++;
        }
        free(r->c);
    }
    evheap_free(&s.heap), free(s.state), free(s.on), free(s.cls), free(s.prev), free(s.next);
    free(s.idle_since), free(s.sp_cur), free(s.sp_end), free(s.sp_from), free(s.sp_to);
    free(s.cl);
    return 0;
}

/* The 0.975 quantile of Student's t with df degrees of freedom. */
static double t975(int df)
{
    static const double tab[] = { 0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                  2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                  2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042 };
    if (df < 1)
        return INFINITY;
    if (df <= 30)
        return tab[df];
    /* Cornish-Fisher from the normal quantile: within 1e-4 above 30. */
    double z = 1.959963984540054, z3 = z * z * z, z5 = z3 * z * z, d = df;
    return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d);
}

typedef struct Acc {
    int n;
    double s, s2;
} Acc;

static void acc_add(Acc *a, double x)
{
    a->n++, a->s += x, a->s2 += x * x;
}

static void acc_get(const Acc *a, double *mean, double *half)
{
    if (a->n == 0) {
        *mean = *half = NAN;
        return;
    }
    *mean = a->s / a->n;
    if (a->n < 2) {
        *half = INFINITY;
        return;
    }
    double var = (a->s2 - a->n * *mean * *mean) / (a->n - 1);
    *half = t975(a->n - 1) * sqrt(var > 0 ? var : 0) / sqrt(a->n);
}

int msim_replicate(const MsimIn *in, int reps, MsimSummary *per_queue, MsimSlot *sum, WfmErr *err)
{
    int rc = check(in, err);
    if (rc)
        return rc;
    if (reps < 1)
        return wfm_err(err, WFM_EINPUT, "cannot simulate %d replications", reps);
    size_t ncell = (size_t)in->nq * (size_t)in->nslots;
    MsimSlot *o = xmalloc(sizeof *o * ncell);
    Acc *ar = xcalloc((size_t)in->nq, sizeof *ar), *sl = xcalloc((size_t)in->nq, sizeof *sl);
    memset(per_queue, 0, sizeof *per_queue * (size_t)in->nq);
    if (sum)
        memset(sum, 0, sizeof *sum * ncell);
    MsimIn one = *in;
    for (int r = 0; r < reps; r++) {
        one.seed = in->seed + (uint64_t)r;
        msim_run(&one, o, NULL);
        for (int q = 0; q < in->nq; q++) {
            long off = 0, ans = 0, within = 0;
            MsimSummary *p = &per_queue[q];
            for (int t = 0; t < in->nslots; t++) {
                size_t k = (size_t)q * (size_t)in->nslots + (size_t)t;
                off += o[k].offered, ans += o[k].answered, within += o[k].within;
                p->abandoned += o[k].abandoned, p->unserved += o[k].unserved;
                if (sum) {
                    sum[k].offered += o[k].offered, sum[k].answered += o[k].answered;
                    sum[k].abandoned += o[k].abandoned, sum[k].unserved += o[k].unserved;
                    sum[k].within += o[k].within, sum[k].wait_s += o[k].wait_s;
                }
            }
            p->offered += off, p->answered += ans;
            if (off > 0) {
                acc_add(&ar[q], (double)ans / (double)off);
                acc_add(&sl[q], (double)within / (double)off);
            }
        }
    }
    for (int q = 0; q < in->nq; q++) {
        acc_get(&ar[q], &per_queue[q].answer_rate, &per_queue[q].ar_half);
        acc_get(&sl[q], &per_queue[q].sl, &per_queue[q].sl_half);
    }
    free(o), free(ar), free(sl);
    return 0;
}
