/*
 * sim.c - see sim.h.  Events in a binary heap; idle agents in a stack with
 * positions for removal; the queue a ring of callers whose deadlines are
 * looked at only when an agent takes the next caller (an exponential
 * patience makes the order of hanging up irrelevant to the counts).
 */
#include "sim.h"
#include "../core/alloc.h"
#include "../core/evheap.h"
#include "../core/rng.h"

#include <stdlib.h>
#include <string.h>

enum { EV_ARRIVAL, EV_DONE, EV_BREAK, EV_BREAK_END, EV_HOUR };
enum { AG_OFF, AG_IDLE, AG_BUSY, AG_BREAK };

typedef Event Ev;

typedef struct Caller {
    double arrive, deadline;
    int hour;
} Caller;

typedef struct Sim {
    const SimIn *in;
    SimHour *out;
    Rng rng;
    EventHeap heap;
    int nag, *state, *pending, *idle, *pos, nidle;
    Caller *q;
    size_t qcap, qhead, qlen;
    int hour;   /* the current hour, nhours after the last */
} Sim;

static void push(Sim *s, double t, int type, int who)
{
    evheap_push(&s->heap, t, type, who);
}

static Ev pop(Sim *s)
{
    return evheap_pop(&s->heap);
}

static int on_duty(const Sim *s, int who)
{
    int h = s->hour < s->in->nhours ? s->hour : s->in->nhours - 1;
    return who < s->in->duty[h];
}

static void idle_add(Sim *s, int who)
{
    s->state[who] = AG_IDLE;
    s->pos[who] = s->nidle;
    s->idle[s->nidle++] = who;
}

static void idle_remove(Sim *s, int who)
{
    int k = s->pos[who], last = s->idle[--s->nidle];
    s->idle[k] = last;
    s->pos[last] = k;
}

static void serve(Sim *s, int who, const Caller *c, double now)
{
    SimHour *o = &s->out[c->hour];
    double w = now - c->arrive;
    o->answered++;
    o->wait_answered_s += w;
    if (w <= s->in->t_s + 1e-9)
        o->within_t++;
    s->state[who] = AG_BUSY;
    push(s, now + rng_exp(&s->rng, s->in->aht_s[c->hour]), EV_DONE, who);
}

/* Agent who is free at now: a pending break, off duty, the next caller, or idle. */
static void free_agent(Sim *s, int who, double now)
{
    if (s->pending[who] && on_duty(s, who)) {
        s->pending[who] = 0;
        s->state[who] = AG_BREAK;
        push(s, now + s->in->break_min * 60, EV_BREAK_END, who);
        return;
    }
    s->pending[who] = 0;
    if (!on_duty(s, who)) {
        s->state[who] = AG_OFF;
        return;
    }
    while (s->qlen) {
        Caller c = s->q[s->qhead];
        s->qhead = (s->qhead + 1) % s->qcap;
        s->qlen--;
        if (c.deadline < now) {
            s->out[c.hour].abandoned++;
            continue;
        }
        serve(s, who, &c, now);
        return;
    }
    idle_add(s, who);
}

static void arrive(Sim *s, double now)
{
    int h = s->hour;
    Caller c = { now, now + rng_exp(&s->rng, s->in->patience_s[h]), h };
    s->out[h].offered++;
    if (s->nidle) {
        int who = s->idle[s->nidle - 1];
        idle_remove(s, who);
        serve(s, who, &c, now);
        return;
    }
    if (s->qlen == s->qcap) {
        size_t ncap = s->qcap ? 2 * s->qcap : 1024;
        Caller *nq = xmalloc(sizeof *nq * ncap);
        for (size_t i = 0; i < s->qlen; i++)
            nq[i] = s->q[(s->qhead + i) % s->qcap];
        free(s->q);
        s->q = nq, s->qcap = ncap, s->qhead = 0;
    }
    s->q[(s->qhead + s->qlen++) % s->qcap] = c;
}

/* The next arrival after now in hour s->hour, or none when it falls past
 * the hour (the hour event starts the next hour's stream: the Poisson
 * process is memoryless). */
static void next_arrival(Sim *s, double now)
{
    int h = s->hour;
    if (h >= s->in->nhours || s->in->offered[h] <= 0)
        return;
    double t = now + rng_exp(&s->rng, 3600.0 / s->in->offered[h]);
    if (t < 3600.0 * (h + 1))
        push(s, t, EV_ARRIVAL, -1);
}

static void start_hour(Sim *s, int h, double now)
{
    s->hour = h;
    if (h >= s->in->nhours)
        return;
    for (int i = 0; i < s->nag; i++) {
        if (i < s->in->duty[h]) {
            if (s->state[i] == AG_OFF)
                free_agent(s, i, now);
            if (s->in->break_min > 0)
                push(s, now + (i % 8) * 450.0, EV_BREAK, i);
        } else if (s->state[i] == AG_IDLE) {
            idle_remove(s, i);
            s->state[i] = AG_OFF;
        }
    }
    next_arrival(s, now);
    push(s, 3600.0 * (h + 1), EV_HOUR, h + 1);
}

void sim_run(const SimIn *in, SimHour *out)
{
    Sim s = { 0 };
    s.in = in, s.out = out;
    rng_seed(&s.rng, in->seed);
    memset(out, 0, sizeof *out * (size_t)in->nhours);
    for (int h = 0; h < in->nhours; h++)
        if (in->duty[h] > s.nag)
            s.nag = in->duty[h];
    s.state = xcalloc((size_t)s.nag + 1, sizeof *s.state);
    s.pending = xcalloc((size_t)s.nag + 1, sizeof *s.pending);
    s.idle = xcalloc((size_t)s.nag + 1, sizeof *s.idle);
    s.pos = xcalloc((size_t)s.nag + 1, sizeof *s.pos);
    start_hour(&s, 0, 0);
    while (s.heap.n) {
        Ev e = pop(&s);
        switch (e.type) {
        case EV_ARRIVAL:
            arrive(&s, e.t);
            next_arrival(&s, e.t);
            break;
        case EV_HOUR:
            start_hour(&s, e.who, e.t);
            break;
        case EV_BREAK:
            if (s.state[e.who] == AG_IDLE) {
                idle_remove(&s, e.who);
                s.state[e.who] = AG_BREAK;
                push(&s, e.t + in->break_min * 60, EV_BREAK_END, e.who);
            } else if (s.state[e.who] == AG_BUSY) {
                s.pending[e.who] = 1;
            }
            break;
        case EV_DONE:
        case EV_BREAK_END:
            free_agent(&s, e.who, e.t);
            break;
        }
    }
    /* Nobody left to answer: the callers still waiting hang up. */
    for (size_t i = 0; i < s.qlen; i++)
        out[s.q[(s.qhead + i) % s.qcap].hour].abandoned++;
    evheap_free(&s.heap), free(s.state), free(s.pending), free(s.idle), free(s.pos), free(s.q);
}
