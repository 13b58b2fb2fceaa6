/*
 * erlang.h - Erlang B, C and A (M/M/n+M, Palm): exact measures and the
 * fewest agents meeting a set of targets.  Formulas and numerics follow
 * ../shared/ERLANG.md: the Erlang B recursion, and the Erlang A series
 * summed in log space, so results stay within about 1e-14 of the exact
 * values for thousands of agents and any load.
 *
 * Times are seconds.  lambda = calls / interval, a = lambda * AHT (Erlangs),
 * n = agents, t = service-level threshold, theta = 1 / mean patience.
 *
 * Erlang A has three service-level definitions, all returned:
 *   sl_answered_over_offered   P(served and waited <= t): answered within t
 *                              over all offered calls; an abandonment counts
 *                              against the target (the strictest, default)
 *   sl_answered_over_answered  P(waited <= t | served): answered within t
 *                              over answered calls
 *   sl_wait_le_t_all           P(W <= t), W = min(offered wait, patience):
 *                              callers who hang up before t count as met
 * WfmConfig.sl_definition (SL_*) chooses the one staffing targets use.
 */
#ifndef WFM_ERLANG_H
#define WFM_ERLANG_H

#include "../core/err.h"

#include <math.h>

/* The largest offered load (Erlangs) the model takes: ten million agents
 * busy at once, far past any call center; beyond it, or when the load is
 * not finite (calls / interval * AHT overflows), erlang_eval and
 * erlang_staff return WFM_EINPUT rather than count or index from it. */
#define ERLANG_MAX_LOAD 1e7

typedef struct ErlangIn {
    double calls;       /* offered calls in the interval, >= 0 */
    double interval_s;  /* > 0 */
    double aht_s;       /* > 0 */
    int agents;         /* >= 0 */
    double t_s;         /* service-level threshold, >= 0 */
    double patience_s;  /* mean patience; INFINITY (or <= -1: not given) = no abandonment */
} ErlangIn;

typedef struct ErlangOut {
    double load;                 /* a, Erlangs */
    double erlang_b;             /* blocking probability of M/M/n/n */
    /* Erlang C (nobody hangs up).  Unstable when agents <= load: then
     * c_stable = 0, p_wait = 1, sl = 0 and the times are INFINITY. */
    int c_stable;
    double c_p_wait, c_sl, c_asa_s, c_occupancy, c_mean_queue;
    /* Erlang A (has_a = 1 when a patience was given). */
    int has_a;
    double a_p_wait;                  /* P(W > 0) */
    double a_p_abandon;
    double a_sl_answered_over_offered;
    double a_sl_answered_over_answered;
    double a_sl_wait_le_t_all;
    double a_p_offered_wait_gt_t;     /* P(V > t), V = wait with infinite patience */
    double a_asa_answered_s;          /* mean wait of answered calls */
    double a_mean_wait_all_s;         /* mean wait of all calls */
    double a_mean_queue;
    double a_occupancy;
} ErlangOut;

/* Erlang B for load a and n servers (the stable forward recursion). */
double erlang_b(double a, int n);

/* Every measure for in.  Returns 0, or WFM_EINPUT with a message naming the
 * bad value (negative or non-finite calls, interval, AHT, threshold,
 * patience; negative agents; a load above ERLANG_MAX_LOAD). */
int erlang_eval(const ErlangIn *in, ErlangOut *out, WfmErr *err);

/* Targets for the inverse; a field at 0 (or below) is no target. */
typedef struct ErlangTarget {
    double sl;             /* share within t_s, 0..1 */
    int sl_def;            /* SL_* (model/config.h), for Erlang A */
    double max_asa_s;      /* ASA over answered calls */
    double min_answer_rate;
    double max_occupancy;
    int use_a;             /* judge by Erlang A (needs a patience) rather than C */
} ErlangTarget;

/* The fewest agents (at most max_agents) meeting every target, with the
 * measures at that number in *out.  Erlang B is extended one agent at a
 * time from a lower bound, never restarted; the Erlang A series is summed
 * only for candidates.  Returns 0; WFM_EINPUT for bad input; WFM_ESOLVE when
 * even max_agents do not meet the targets (*agents = max_agents; without
 * evaluating anything when a proven lower bound is already above it). */
int erlang_staff(const ErlangIn *in, const ErlangTarget *tg, int max_agents, int *agents,
                 ErlangOut *out, WfmErr *err);

/* The same by the straightforward method: evaluate n = 1, 2, ... from
 * scratch each time.  For the bench's ratio and as a test oracle. */
int erlang_staff_naive(const ErlangIn *in, const ErlangTarget *tg, int max_agents, int *agents,
                       ErlangOut *out, WfmErr *err);

#endif
