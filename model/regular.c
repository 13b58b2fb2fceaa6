#include "regular.h"

#include "../core/date.h"

#include <string.h>

void wfm_regular(const WfmConfig *cfg, const Roster *r, int g, WfmRegular *out)
{
    int kind = -1, start = -1, off1 = 0;   /* yesterday's kind and start (-1: not worked); a single day off pending */
    memset(out, 0, sizeof *out);
    for (int d = r->carry_days > 0 ? -r->carry_days : 0; d < r->ndays; d++) {
        const Assign *x = roster_at(r, g, d);
        if (x->shift < 0 || x->shift >= cfg->nshifts) {
            off1 = x->shift != ROSTER_LEAVE && kind >= 0;
            kind = start = -1;
            continue;
        }
        int k = cfg->shifts[x->shift].kind;
        if (d >= 0) {
            out->single_off += off1;
            out->swings += kind >= 0 && kind != k;
            out->jumps += kind == k && start != x->start_min && date_weekday(r->first_day + d) != WD_MON;
        }
        off1 = 0, kind = k, start = x->start_min;
    }
}

double wfm_regular_cost(const WfmConfig *cfg, const WfmRegular *x)
{
    return x->single_off * cfg->reg_single_off + x->swings * cfg->reg_swing + x->jumps * cfg->reg_jump;
}
