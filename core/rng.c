#include "rng.h"

#include <math.h>

void rng_seed(Rng *r, uint64_t seed)
{
    r->s = seed ^ 0x9e3779b97f4a7c15ULL;
}

uint64_t rng_u64(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double rng_unif(Rng *r)
{
    return ((double)(rng_u64(r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

uint32_t rng_below(Rng *r, uint32_t n)
{
    return (uint32_t)(((rng_u64(r) >> 32) * (uint64_t)n) >> 32);
}

double rng_normal(Rng *r)
{
    double u = rng_unif(r), v = rng_unif(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double rng_exp(Rng *r, double mean)
{
    return -mean * log(rng_unif(r));
}

long rng_poisson(Rng *r, double mean)
{
    if (!(mean > 0))
        return 0;
    if (mean < 10) {
        double p = exp(-mean), s = p, u = rng_unif(r);
        long k = 0;
        while (u > s && k < 1000) {
            k++;
            p *= mean / k;
            s += p;
        }
        return k;
    }
    /* PTRS: Hormann (1993), transformed rejection with squeeze. */
    double slam = sqrt(mean), loglam = log(mean);
    double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        double u = rng_unif(r) - 0.5, v = rng_unif(r);
        double us = 0.5 - fabs(u);
        double k = floor((2 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr)
            return (long)k;
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
            -mean + k * loglam - lgamma(k + 1))
            return (long)k;
    }
}
