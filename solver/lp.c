#include "lp.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

void lp_put(LpMat *m, int row, int col, double v)
{
    if (m->n + 1 >= m->cap) {
        size_t c;
        void *p;
        p = m->ia; c = m->cap; xgrow(&p, &c, m->n + 2, sizeof *m->ia); m->ia = p;
        p = m->ja; c = m->cap; xgrow(&p, &c, m->n + 2, sizeof *m->ja); m->ja = p;
        p = m->ar; c = m->cap; xgrow(&p, &c, m->n + 2, sizeof *m->ar); m->ar = p;
        m->cap = c;
    }
    m->n++;
    m->ia[m->n] = row, m->ja[m->n] = col, m->ar[m->n] = v;
}

void lp_mat_free(LpMat *m)
{
    free(m->ia), free(m->ja), free(m->ar);
    m->ia = m->ja = NULL, m->ar = NULL;
    m->n = m->cap = 0;
}

int lp_silent(void *info, const char *s)
{
    (void)info, (void)s;
    return 1;
}

void lp_bound_min_cb(glp_tree *t, void *info)
{
    int r = glp_ios_reason(t);
    if (r == GLP_ISELECT || r == GLP_IBINGO) {
        int p = glp_ios_best_node(t);
        if (p)
            *(double *)info = fmax(*(double *)info, glp_ios_node_bound(t, p));
    }
}

double lp_seconds_since(const void *t0)
{
    const struct timespec *a = t0;
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (b.tv_nsec - a->tv_nsec) * 1e-9;
}

void lp_thread_done(void)
{
    glp_free_env();
}

int lp_threads_ok(void)
{
    return glp_config("TLS") != NULL;   /* GLPK's state is per thread only when built with thread-local storage */
}
