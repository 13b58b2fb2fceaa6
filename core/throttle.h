/*
 * throttle.h - when a progress line is due: a solver may report many times
 * a second, a person wants a line every few seconds and one whenever the
 * work moves on (the state's key changes).
 */
#ifndef WFM_THROTTLE_H
#define WFM_THROTTLE_H

typedef struct Throttle {
    double every;   /* seconds between lines of one key */
    double last;    /* when the last line was due */
    int key;        /* the key of the last line */
    int said;       /* a line has been due */
} Throttle;

/* A throttle with no line said yet. */
void throttle_init(Throttle *t, double every);

/* 1 when a line is due at time now (seconds, never decreasing) with key:
 * the first call, a key other than the last line's, or at least t->every
 * seconds since the last line; then now and key are remembered.  0
 * otherwise, and nothing changes. */
int throttle_due(Throttle *t, double now, int key);

#endif
