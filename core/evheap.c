#include "evheap.h"
#include "alloc.h"

#include <stdlib.h>

void evheap_push(EventHeap *h, double t, int type, int who)
{
    void *p = h->ev;
    xgrow(&p, &h->cap, h->n + 1, sizeof *h->ev);
    h->ev = p;
    size_t i = h->n++;
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (h->ev[up].t <= t)
            break;
        h->ev[i] = h->ev[up];
        i = up;
    }
    h->ev[i] = (Event){ t, type, who };
}

Event evheap_pop(EventHeap *h)
{
    Event top = h->ev[0], last = h->ev[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->ev[c + 1].t < h->ev[c].t)
            c++;
        if (last.t <= h->ev[c].t)
            break;
        h->ev[i] = h->ev[c];
        i = c;
    }
    if (h->n)
        h->ev[i] = last;
    return top;
}

void evheap_free(EventHeap *h)
{
    free(h->ev);
    h->ev = NULL, h->n = h->cap = 0;
}
