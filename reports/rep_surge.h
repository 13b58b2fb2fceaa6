/*
 * rep_surge.h - the surge report: scenarios side by side (offered calls,
 * agents needed at the peak, shortfall, answer rate before and after each
 * stage, overtime hours and their pay, outside agents, calls still lost),
 * a chart per scenario of need against supply hour by hour for each stage,
 * and CSVs: the hours, the overtime per agent, the outside blocks.
 */
#ifndef WFM_REP_SURGE_H
#define WFM_REP_SURGE_H

#include "../core/err.h"
#include "../model/surge.h"

typedef struct SurgeReport {
    const WfmConfig *cfg;     /* center, language, templates */
    const SurgeScenario *sc;
    int n;
    const char (*ids)[32];    /* agent ids the overtime's agent fields index */
} SurgeReport;

/* Writes index.html (scenarios side by side with service levels, budget,
 * costs and cost per extra call answered; each queue at each stage),
 * surge_N.png (need and supply) and surge_ar_N.png (answer rate hour by
 * hour at each stage) per scenario, surge_cost.png (answer rate against
 * cost), surge_hours.csv, surge_queues.csv, overtime.csv (agents by id and
 * name: it is handed to them) and outside.csv into dir (gnuplot scripts
 * into script_dir when given). */
int rep_surge(const SurgeReport *r, const char *dir, const char *script_dir, WfmErr *err);

#endif
