/*
 * rng.h - a small, fast, reproducible random generator (splitmix64) with the
 * distributions the generator and the simulations need.  The same seed gives
 * the same stream on every machine with IEEE doubles and the same libm.
 */
#ifndef WFM_RNG_H
#define WFM_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s;
} Rng;

void rng_seed(Rng *r, uint64_t seed);
uint64_t rng_u64(Rng *r);
/* Uniform on (0, 1): never exactly 0 or 1. */
double rng_unif(Rng *r);
/* Uniform integer in [0, n). */
uint32_t rng_below(Rng *r, uint32_t n);
double rng_normal(Rng *r);
double rng_exp(Rng *r, double mean);
/* Poisson(mean): exact (inversion below 10, Hormann's PTRS above). */
long rng_poisson(Rng *r, double mean);

#endif
