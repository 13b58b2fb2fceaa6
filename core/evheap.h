/*
 * evheap.h - a binary min-heap of timed events for the discrete-event
 * simulations (model/sim.c, model/msim.c): the earliest event first; events
 * at the same time in no promised order.
 */
#ifndef WFM_EVHEAP_H
#define WFM_EVHEAP_H

#include <stddef.h>

typedef struct Event {
    double t;
    int type, who;
} Event;

typedef struct EventHeap {
    Event *ev;
    size_t n, cap;
} EventHeap;

void evheap_push(EventHeap *h, double t, int type, int who);
/* The earliest event, removed; h->n must be > 0. */
Event evheap_pop(EventHeap *h);
void evheap_free(EventHeap *h);

#endif
