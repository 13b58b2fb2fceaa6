/*
 * score.h - a fair composite CPD score per agent, and the low-performer rule.
 *
 * Fairness comes from comparing like with like day by day: an agent's calls
 * on a day are compared with what the median agent handled per available
 * hour (logged in, less breaks, meetings and training) on the same date,
 * shift kind and queue.  Nights with few calls, hard queues with long calls,
 * short days and remote days all cancel out; what is left is the agent.
 *
 * Components, each observed against what peers did in the agent's own
 * days (pooled rates of the same date, shift kind and queue; the other
 * agents', never his own records):
 *   productivity  rho^2 log(calls handled / calls expected)
 *                 + (1 - rho^2) log(peers' handling time / his), for the
 *                 same calls; rho the peers' occupancy on his days: where
 *                 they were busy a slower agent loses calls (CPD keeps its
 *                 weight), where they were idle calls come anyway and only
 *                 handling time per call shows slowness.  log(calls /
 *                 expected) is log(occupancy ratio) - log(handling ratio),
 *                 so handling time counts once whatever rho.  Higher is
 *                 better.  With remote_peers, remote days are compared with
 *                 remote days only.
 *   fcr           first-contact resolutions above expected, per call
 *   qa            QA score - the queue's mean (where present)
 *   adherence     logged-in time / rostered work time (each day capped at
 *                 1), on the days a stored roster covers; against the
 *                 agents' middle, since the roster already fits each shift
 * After-call work, talk and hold per call are not scored on their own: they
 * are the handling time CPD already answers for, and scoring one of them
 * again would count a slow wrap-up twice and a slow talk once (and credit a
 * slow talker for his short wrap-up share).  They explain the score in the
 * reasons.  Each component is divided by its spread across agents (1.4826 x MAD), weighted
 * (the weights of a component an agent lacks - adherence without a
 * roster, QA without reviews - are shared among the others), and summed: the composite is in standard
 * deviations of the agents' spread, 0 for a typical agent.  Its standard
 * error comes from the days' residuals (ratio estimators); the agent's value
 * is shrunk toward the middle by empirical Bayes (few days, noisy: pulled in)
 * and carries a 95% band.  The middle is 0 for every peer group, because the
 * comparison is already made within date x shift kind x queue; shrinking to
 * each group's own median would turn that median's noise into group
 * differences (the fairness test caught exactly that).
 *
 * The rule (score_months), month by month: the whole 95% band below the
 * peer group's bottom-share line - and below slow_spread true spreads of
 * the composite under the middle, so that precise scores do not flag a
 * tenth of every group - with the window's band as a whole below the line
 * drawn over the window too (a month's noise twice over does not flag); or,
 * over the history (the last history_months as a whole), productivity
 * below the slowness line (slow_spread true spreads of productivity, at
 * least slow_gap) with `sure` certainty - the certainty
 * from his days' residuals, from his reference (his expected calls and
 * handling time are his peers' pooled rates, an average over the few
 * agents of a small queue, whose own true speeds spread as everybody's:
 * ref_se) and from the line (the true spread is estimated from the agents:
 * hist_line_se) - and over the rule's window his productivity below the
 * window's line (slow now, not only before).  Six months of calls rather
 * than three narrow a night or small-queue agent's band by about a
 * square root of two: the test can be surer at the same power.  New
 * hires' first grace_months never count; where FCR alone may not flag, the
 * composite without it must be under its line too.  Proven on
 * tests/simcenter.c's centers (tests/test_score_sim.c) and the Seoul sample
 * (tests/e2e.sh).
 */
#ifndef WFM_SCORE_H
#define WFM_SCORE_H

#include <stddef.h>

enum { SK_DAY, SK_EVENING, SK_NIGHT, SK_WEEKEND, SK_COUNT };

/* Peer groups are numbered (queue x SK_COUNT + shift kind) x 3 + tenure band,
 * queues below 64. */
#define SCORE_MAX_GROUPS (64 * SK_COUNT * 3)

typedef struct PerfRec {
    int agent, day, shift, queue, remote;   /* indexes; shift SK_* */
    double handled, logged_s, talk_s, hold_s, acw_s, break_s, meeting_s, training_s;
    double resolved_first, transfers, qa;   /* NAN where not recorded */
    double sched_s;                         /* rostered work that day (the stored roster), 0 when none */
} PerfRec;

typedef struct ScoreWeights {
    double cpd, fcr, qa, adherence;
} ScoreWeights;

typedef struct AgentScore {
    int agent, days, group;                 /* group: queue x main shift kind x tenure band */
    int queue, shift, tenure;
    double avail_h;                         /* hours available for calls */
    double cpd, cph;                        /* calls per day worked, per available hour */
    double talk_pc, hold_pc, acw_share, fcr, transfer_rate, qa, remote_share;
    double productivity;                    /* handled / expected, 1 = the peers' median */
    double acw_ratio;                       /* ACW per call / peers' */
    double fcr_diff, qa_diff;               /* against peers */
    double adherence;                       /* logged-in share of rostered work (capped at 1), NAN without a roster */
    double peer_cpd;                        /* calls a day the peers' median would have handled */
    double composite, se, lo, hi;           /* shrunk composite and its 95% band */
    double raw;                             /* before shrinking */
    /* Appended for issue 19: */
    double aht_ratio;                       /* handling time per call / the peers' of the same days (>1 slower) */
    double occ_weight;                      /* the peers' occupancy on his days: CPD's share of productivity */
    double speed_part;                      /* productivity's log: rho log(calls/expected) + (1 - rho) log(peer/own handling) */
    double nf_composite, nf_lo, nf_hi;      /* the composite without first-contact resolution, and its band */
    double speed_se;                        /* standard error of speed_part */
    /* Appended for issue 19's small groups: */
    double peer_conc;                       /* 1 / the effective number of peers behind his expected: the other
                                             * agents' squared shares of his blocks' available hours, averaged
                                             * over his expected calls (as if the same peers every day) */
    double ref_se;                          /* with score_months: the standard error his peers' own spread puts
                                             * on the slowness test's reference, true spread x sqrt(peer_conc) */
} AgentScore;

/* How score_compute_opts compares. */
typedef struct ScoreOpts {
    ScoreWeights w;
    int min_days;
    int remote_peers;                       /* remote days compared with remote days only */
    const int *from_day;                    /* per agent, NULL for none: his records before this day are left out
                                             * (score_months: a new hire's grace, in the window) */
} ScoreOpts;

/* Scores nagents agents from records r[0..n).  tenure[agent] is a band
 * (0: under a year, 1: 1-3 years, 2: longer).  Agents with fewer than
 * min_days days get days = their count and composite 0 with a band of
 * +-infinity.  out has nagents entries, in agent order.  Returns the
 * number of agents scored. */
int score_compute(const PerfRec *r, size_t n, int nagents, const int *tenure, const ScoreWeights *w,
                  int min_days, AgentScore *out);

/* score_compute with options: the same with remote_peers 0. */
int score_compute_opts(const PerfRec *r, size_t n, int nagents, const int *tenure, const ScoreOpts *o,
                       AgentScore *out);

/* The threshold for agent a: of his peer group (queue x shift kind x tenure
 * band); where that has fewer than 5 scored agents, of queue x shift kind;
 * then of his shift kind.  *level gets 0, 1 or 2 for the group used (3 and
 * NAN when even that is too small). */
double score_peer_threshold(const AgentScore *s, int nagents, const AgentScore *a, double share, int min_days,
                            int *level);

/* The line of agent a's peer group, as score_peer_threshold, for groups of
 * at least min_group scored agents (smaller ones merged into the next
 * level); *size gets the agents of the group used.  nofcr: the line of the
 * composites without first-contact resolution. */
double score_peer_line(const AgentScore *s, int nagents, const AgentScore *a, double share, int min_days,
                       int min_group, int nofcr, int *level, int *size);

/* The low-performer rule over months. */
typedef struct ScoreRule {
    ScoreOpts opts;
    double bottom_share;                    /* the line: this quantile of the peer group */
    int months_flagged, months_window;      /* flagged in at least months_flagged of the last months_window */
    int min_group;                          /* peer groups smaller than this are merged (queue x shift, then shift) */
    int grace_months;                       /* months after the hire date that never count toward a flag */
    int fcr_can_flag;                       /* 0: a month counts only if the composite without FCR is below its line too */
    double sure;                            /* one-sided certainty for the slowness line (0.9) */
    double slow_gap;                        /* slowness: productivity at least this much below the peers' (0.05) ... */
    double slow_spread;                     /* ... and at least this many times the agents' true spread of it (2.5),
                                             * `sure` certain, over the history as a whole; both 0 turn that line
                                             * off.  slow_spread also keeps the composite line at least this many
                                             * true spreads of the composite below the middle */
    int history_months;                     /* the slowness line's test pools the last this many months (at least
                                             * months_window; more calls, a narrower band), and the window alone
                                             * must read below its line too */
} ScoreRule;

enum { SCORE_LINE_COMPOSITE = 1, SCORE_LINE_SLOW = 2 };

typedef struct ScoreMonths {
    int nagents, nmonths, first_k;          /* first_k: the window's first month */
    AgentScore *ms, *all;                   /* nmonths x nagents; the whole period */
    unsigned char *flag;                    /* nmonths x nagents: the month counts toward a flag: SCORE_LINE_* bits */
    unsigned char *grace;                   /* nmonths x nagents: the month is in the new hire's grace */
    double *line;                           /* nmonths x nagents: his peer group's line */
    int *level, *gsize;                     /* nmonths x nagents: the group level used (0-3) and its size */
    int *lp_months;                         /* per agent: months flagged in the window */
    AgentScore *win;                        /* the rule's window (its last months_window months) as a whole */
    double win_line;                        /* the window's slowness line (log of productivity), 0 none */
    double win_line_se;                     /* its standard error (the agents' true spread is estimated), 0 at slow_gap */
    int hist_k;                             /* the history's first month (history_months; = first_k when no more) */
    AgentScore *hist;                       /* the history as a whole (= win when it is the window) */
    double hist_line, hist_line_se;         /* its slowness line and the line's standard error */
    double *win_cline;                      /* per agent: his group's composite line over the window as a whole (a
                                             * composite month counts only with the window's whole band below it) */
} ScoreMonths;

/* Scores each month mstart[k] .. mstart[k + 1] - 1 (the last up to `to`)
 * and the whole period, and applies the rule.  hire: per agent a day
 * number or -1 (unknown); NULL for none.  Returns the agents flagged
 * (lp_months >= months_flagged). */
int score_months(const PerfRec *r, size_t n, int nagents, const int *tenure, const int *hire, const int *mstart,
                 int nmonths, int to, const ScoreRule *rule, ScoreMonths *out);
void score_months_free(ScoreMonths *m);

#endif
