#include "config.h"

void wfm_config_free(WfmConfig *c)
{
    if (c)
        cal_free(&c->holidays);
}

double wfm_config_availability(const WfmConfig *c)
{
    return (60.0 - c->extra_break_min) / 60.0 * (1.0 - c->shrinkage);
}
