/*
 * simcenter.h - an independently simulated call center for the score tests:
 * it places calls one by one on agents (discrete events) and writes the
 * per-agent per-day records `wfm score` reads.  It shares nothing with
 * model/score.c but the PerfRec layout: no peer rates, no expected calls,
 * only agents, shifts, queues and calls.
 *
 * Tests build a single .c file, so a test includes simcenter.c itself.
 */
#ifndef WFM_SIMCENTER_H
#define WFM_SIMCENTER_H

#include "../model/score.h"

#include <stddef.h>
#include <stdint.h>

enum { SIM_IDLE_LONGEST, SIM_CAPACITY };          /* routings */

/* The agents' natural spread of speed: log of the handling time multiplier
 * ~ N(0, SIM_SPEED_SPREAD^2) for all but the planted. */
#define SIM_SPEED_SPREAD 0.03
enum { SQ_PHONE, SQ_FOREIGN, SQ_SIGN, SQ_COUNT };   /* queues */

typedef struct SimAgent {
    int shift;            /* SK_DAY, SK_EVENING or SK_NIGHT */
    int queue;            /* SQ_* */
    int part;             /* part time: 4 hours a day */
    int remote_days;      /* remote days a week (0, 2 or 5) */
    int hire;             /* day number of hire; before the period for most */
    int leave_from, leave_to;   /* long leave, day numbers (empty when leave_to < leave_from) */
    double speed;         /* handling time multiplier: about 1, planted slow 1.15-1.25 */
    int planted;          /* a planted slow agent */
    double acw_share;     /* his share of handling time in wrap-up */
} SimAgent;

typedef struct SimCenter {
    int nagents, first_day, ndays;
    SimAgent *ag;
    PerfRec *rec;
    size_t n;
    int *hire;            /* per agent, as wfm reads it (day number) */
    long calls;           /* calls placed */
} SimCenter;

/* 300 agents over 6 months from 2021-01-01 (182 days): day, evening and
 * night shifts (night phones only, with occupancy near 0.3), foreign and
 * sign queues with calls twice as long, part-timers, remote days (remote
 * days 5% slower for everyone: a slower line), new hires (35% slower at
 * hire, learning over two months), meetings and training, long leave, and 6
 * planted slow agents (15-25% slower per call: 2 night phone, 2 foreign, 2
 * day phone).  Calls go to the idle agent idle longest, or (SIM_CAPACITY)
 * to the idle agent least busy so far that day; a call nobody is free for
 * waits for the first agent to finish (first come, first served). */
void sim_center(uint64_t seed, int routing, SimCenter *c);
void sim_center_free(SimCenter *c);

/* Hard assignments that look bad on raw CPD: night, foreign or sign queue,
 * part time, remote days, long leave, hired in the period (and not
 * planted). */
int sim_is_decoy(const SimCenter *c, int a);

#endif
