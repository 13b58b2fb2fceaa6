/*
 * msim.h - a multi-skill call center simulated to the second: the judge of
 * a roster.  Given the calls expected per queue and interval and the phone
 * time of named agents (shifts less meals and breaks, to the second), it
 * says what callers get, per queue and per interval of arrival.
 *
 * The model:
 *   - Arrivals: per queue a Poisson process whose rate is constant inside
 *     an interval (calls[q][s] / slot_s); arrivals stop at the horizon's end
 *     (nslots * slot_s).
 *   - Service: exponential with the mean of the interval the call arrived in
 *     (aht_slot, or the queue's aht_s).
 *   - Abandonment: exponential patience with the queue's mean; a caller not
 *     answered within his patience hangs up.  patience_s <= 0: nobody does.
 *   - Queues: first come first served inside a queue.  A queue is either
 *     general (skilled = 0: any agent takes it) or skilled (only agents with
 *     the queue's bit in skills[]).  Bits of general queues are ignored.
 *   - Routing, skill first.  An agent who becomes free (ends a call or comes
 *     on the phone) takes the longest-waiting caller of his skilled queues
 *     (across them: the one who arrived first); only when those are empty
 *     the longest-waiting caller of the general queues; else he waits idle.
 *     An arriving caller goes to an idle agent able to take him: a skilled
 *     call to the able agent idle longest; a general call to an agent with
 *     the FEWEST skills among the idle (an agent without skills first, so
 *     skilled agents stay free for their queues), idle longest among those.
 *   - Phone time: spans [from_s, to_s) per agent, in any order; spans of one
 *     agent that overlap or touch are joined (he stays on the phone).  An
 *     agent whose span ends finishes the call in hand and takes no new one.
 *     Spans may run past the horizon: agents keep answering callers who
 *     arrived before it.
 *   - The end: the run goes on until every span has ended and every call in
 *     hand is done.  Callers still waiting then would wait forever: those
 *     with a patience hang up (counted in abandoned: no agent will come),
 *     those without one are counted in unserved.
 * So, per queue and interval of arrival:
 *     offered = answered + abandoned + unserved.
 *
 * Pure: no file, no store, no terminal; all memory is freed before return.
 * Deterministic: the same input and seed give the same output (core/rng).
 */
#ifndef WFM_MSIM_H
#define WFM_MSIM_H

#include "../core/err.h"

#include <stdint.h>

/* At most this many queues (one bit each in an agent's skills). */
#define MSIM_MAX_QUEUES 32

typedef struct MsimQueue {
    double aht_s;       /* mean handling time, > 0 */
    double patience_s;  /* mean patience; <= 0: nobody abandons */
    int skilled;        /* 0: general, any agent; 1: only agents with this queue's bit */
} MsimQueue;

/* Agent on the phone during [from_s, to_s), seconds from the horizon's start. */
typedef struct MsimSpan {
    int agent;
    long from_s, to_s;
} MsimSpan;

typedef struct MsimIn {
    int nq;
    const MsimQueue *q;
    int nslots, slot_s;       /* the horizon: nslots intervals of slot_s seconds */
    const double *calls;      /* [q * nslots + s]: expected calls arriving in interval s */
    const double *aht_slot;   /* [q * nslots + s]: mean handling time, or NULL (the queue's) */
    int nagents;
    const uint32_t *skills;   /* per agent: bit q = may take skilled queue q (NULL: none) */
    int nspans;
    const MsimSpan *span;     /* phone time, any order; empty spans are ignored */
    double sl_s;              /* service-level threshold: answered within sl_s */
    uint64_t seed;
} MsimIn;

/* Per queue and interval of arrival. */
typedef struct MsimSlot {
    long offered, answered, abandoned, unserved;
    long within;      /* answered with a wait <= sl_s */
    double wait_s;    /* total wait of the answered calls */
} MsimSlot;

/* Simulates once; out[q * nslots + s] (nq x nslots, overwritten).  Returns
 * 0, or WFM_EINPUT with a message naming the bad value (nq outside
 * 1..MSIM_MAX_QUEUES, no interval, a negative or non-finite rate, handling
 * time or threshold, a span of an unknown agent); then out is untouched. */
int msim_run(const MsimIn *in, MsimSlot *out, WfmErr *err);

/* Per queue over replications. */
typedef struct MsimSummary {
    double answer_rate, ar_half;  /* answered / offered: mean over runs, 95% half-width */
    double sl, sl_half;           /* answered within sl_s / offered: the same */
    long offered, answered, abandoned, unserved;  /* summed over the runs */
} MsimSummary;

/* Runs reps (>= 1) replications with seeds seed, seed + 1, ...  Each
 * run's ratios are taken over the whole horizon; the summary gives their
 * mean and the half-width of a 95% confidence interval (Student's t over
 * the runs; INFINITY for one run).  A queue offered no call in any run has
 * NAN ratios; runs where a queue got no call are left out of its ratios.
 * sum (nq x nslots, may be NULL) receives the per-interval counts summed
 * over the runs.  Returns 0 or what msim_run returns. */
int msim_replicate(const MsimIn *in, int reps, MsimSummary *per_queue, MsimSlot *sum, WfmErr *err);

#endif
