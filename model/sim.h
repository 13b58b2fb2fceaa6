/*
 * sim.h - a discrete-event simulation of a call center's day, the
 * independent check on the Erlang A predictions: callers arrive at random
 * (Poisson, the hour's rate), wait in one first-come queue, hang up after an
 * exponential patience, and are served for an exponential time with the
 * hour's mean; each agent on duty takes the 7.5-minute extra break once an
 * hour in one of eight staggered slots (agent i in slot i % 8), deferred
 * until the call in hand ends.  Hours follow each other without a reset: a
 * queue carries over, agents going off duty finish their call.
 */
#ifndef WFM_SIM_H
#define WFM_SIM_H

#include <stdint.h>

typedef struct SimIn {
    int nhours;
    const double *offered;     /* mean calls per hour */
    const double *aht_s;       /* mean service time per hour */
    const double *patience_s;  /* mean patience per hour (> 0) */
    const int *duty;           /* agents on duty per hour */
    double break_min;          /* length of the break each hour (0 = none) */
    double t_s;                /* service-level threshold */
    uint64_t seed;
} SimIn;

/* Per hour of arrival. */
typedef struct SimHour {
    long offered, answered, abandoned, within_t;
    double wait_answered_s;    /* total wait of the answered calls */
} SimHour;

/* Simulates one day (one replication); out has nhours entries. */
void sim_run(const SimIn *in, SimHour *out);

#endif
