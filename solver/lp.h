/*
 * lp.h - what the GLPK programs of solver/ share: the constraint matrix as
 * triplets, GLPK's terminal output silenced, and a branch-and-cut callback
 * that keeps the best proven bound.
 */
#ifndef WFM_LP_H
#define WFM_LP_H

#include <glpk.h>
#include <stddef.h>

/* Triplets of the constraint matrix, 1-based as glp_load_matrix wants them. */
typedef struct LpMat {
    int *ia, *ja;
    double *ar;
    size_t n, cap;
} LpMat;

void lp_put(LpMat *m, int row, int col, double v);
void lp_mat_free(LpMat *m);

/* glp_term_hook's function: swallows GLPK's chatter (library code never prints). */
int lp_silent(void *info, const char *s);

/* glp_iocp.cb_func with cb_info pointing at a double initialised to
 * -INFINITY (minimising): keeps the best bound of the open nodes the search
 * has proven. */
void lp_bound_min_cb(glp_tree *t, void *info);

/* A thread that ran GLPK ends: frees its GLPK state (GLPK keeps one per
 * thread). */
void lp_thread_done(void);
/* May GLPK run on several threads at once (built with thread-local storage)? */
int lp_threads_ok(void);

/* Seconds since the monotonic clock's t0 (clock_gettime). */
double lp_seconds_since(const void *t0);

#endif
