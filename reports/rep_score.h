/*
 * rep_score.h - the HR report: the flagged list with reasons, a page per
 * flagged agent with the monthly trend, score distributions per peer group,
 * the fairness table, and CSVs.  Agent names appear in this report only.
 */
#ifndef WFM_REP_SCORE_H
#define WFM_REP_SCORE_H

#include "../core/err.h"
#include "../core/sbuf.h"
#include "../model/score.h"

typedef struct ScoreReport {
    const char *center;
    int lang;
    const char *from, *to, *rule;
    int nagents, nmonths;
    const int *mstart;                 /* first day of each month */
    const AgentScore *all, *ms;        /* whole period; months x agents */
    const char (*id)[32], (*name)[64], (*team)[48];
    const char (*queues)[48];
    const int *lp_months;              /* months flagged in the rule's window */
    int months_needed;                 /* flagged when lp_months >= this */
    const char (*why)[1024];
    int min_days;
    /* issue 19: the rule's lines per month x agent, and the settings */
    const unsigned char *flag, *grace;     /* SCORE_LINE_* bits; new hire's grace */
    const double *line;
    const int *level, *gsize;
    int min_group, pseudonymise, remote_peers, fcr_can_flag;
    double slow_gap, sure;
    int first_k;                       /* the rule window's first month */
    const AgentScore *win;             /* the rule's window as a whole */
    double win_line;                   /* its slowness line (log of productivity) */
    int hist_k;                        /* the slowness test's history: its first month (= first_k: the window) */
    const AgentScore *hist;            /* the history as a whole (NULL: the window's) */
    double hist_line;                  /* its slowness line */
    const double *win_cline;           /* per agent: his group's composite line over the window (NULL: not shown) */
} ScoreReport;

/* Writes index.html, agent_ID.html pages, charts, scores.csv, flagged.csv and
 * fairness.csv into dir (and pseudonyms.csv - code, id, name - when
 * pseudonymise is on).  Returns 0 or WFM_EIO. */
int rep_score(const ScoreReport *r, const char *dir, const char *script_dir, WfmErr *err);

/* The reasons agent a was flagged, in lang (LANG_EN or LANG_KO), appended
 * to o: his numbers of the last month he worked (else of the period) against
 * his queue and shift's, the composite by month of the rule's window (* a
 * month that counts) and the line each such month fell under.  One table of
 * sentences for both languages; wfm score stores the English.  Uses nagents,
 * nmonths, mstart, all, ms, flag, line, first_k, win, win_line, win_cline, hist_k, hist, hist_line and
 * sure. */
void rep_score_reasons(const ScoreReport *r, int a, int lang, SBuf *o);

#endif
