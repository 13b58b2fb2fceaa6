#include "throttle.h"

void throttle_init(Throttle *t, double every)
{
    t->every = every, t->last = 0, t->key = 0, t->said = 0;
}

int throttle_due(Throttle *t, double now, int key)
{
    if (t->said && key == t->key && now - t->last < t->every)
        return 0;
    t->last = now, t->key = key, t->said = 1;
    return 1;
}
