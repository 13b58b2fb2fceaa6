#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median(double *v, size_t n)
{
    if (!n)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double stats_quantile(double *v, size_t n, double p)
{
    if (!n)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    return lo + 1 < n ? v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
}

void stats_round_to_total(const double *v, int n, int total, int *out)
{
    int given = 0;
    for (int i = 0; i < n; i++)
        given += out[i] = (int)floor(v[i] + 1e-6);
    while (n > 0 && given < total) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (v[i] - out[i] > v[best] - out[best])
                best = i;
        out[best]++, given++;
    }
}
