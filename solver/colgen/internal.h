/*
 * internal.h - what the parts of solver/colgen/ share: the master, the
 * pricing's states and the annealing's roster; the small helpers every
 * part asks (inline, so the pricing's and the annealing's inner loops
 * stay as fast as in one file); and the functions one part offers the
 * others, prefixed cg_.  Not a public header: solver/colgen.h is.
 */
#ifndef WFM_COLGEN_INTERNAL_H
#define WFM_COLGEN_INTERNAL_H

#include "../colgen.h"
#include "../lp.h"
#include "../shiftplan.h"
#include "../../core/date.h"
#include "../../model/rules.h"

#include <math.h>
#include <stdint.h>
#include <time.h>

/* Kinds of work kept even within a team: weekend and holiday days, and
 * evening or night shifts for agents who also work days.  (Early starts
 * are evened out when a class's starts are given out: cg_give_starts.) */
enum { FK_WEEKEND, FK_LATE, FK_N };

/* A state after a day: yesterday's template (ns = none), working days in a
 * row, days and minutes worked in the calendar week; above bit 32 the
 * state of the general rules (model/rules.h). */
#define KEY(last, run, wd, wm) ((uint32_t)(last) | (uint32_t)(run) << 5 | (uint32_t)(wd) << 10 | (uint32_t)(wm) << 13)
#define K_RULES(k) ((uint32_t)((k) >> 32))
#define WITH_RULES(k, st) ((uint64_t)(uint32_t)(k) | (uint64_t)(st) << 32)
#define K_LAST(k) ((int)((k)&31))
#define K_RUN(k) ((int)((k) >> 5 & 31))
#define K_WD(k) ((int)((k) >> 10 & 7))
#define K_WM(k) ((int)((uint32_t)(k) >> 13))

typedef struct Node {
    uint64_t key;
    int parent;     /* index into the previous day's layer, -1 at the start */
    int choice;     /* template, or ROSTER_OFF / ROSTER_LEAVE */
    double v;
} Node;

typedef struct Dp {
    Node *node;        /* all layers, one after another */
    size_t n, cap;
    int *layer;        /* ndays + 2 offsets into node */
    int *hash;         /* open addressing into the current layer */
    int hcap;
    int dead;          /* after a month with no legal month: the day no state lived through (ndays: the end) */
} Dp;

/* What one agent's months are made of: templates, or classes of them. */
typedef struct Units {
    int n;
    const int *of;                  /* per template: its unit */
    const int *work;                /* per unit: paid minutes */
    const unsigned char *rest;      /* n x n: unit b may follow unit a the next day */
    const int *tmpl;                /* per unit: a template of it (the general rules treat them alike) */
    int starts;                     /* 1: units are templates, so a change of start time is seen */
} Units;

/* "No shift yesterday" in a state. */
#define NO_UNIT 31
/* The state's last after a day off that followed a working day: the next
 * working day ends a single day off (model/regular.h).  Units are < 30. */
#define OFF1_UNIT 30

/* Regularity: what working template today (-1: a unit of unknown start,
 * or a Monday - starts rotate weekly, model/regular.h) of kind costs after
 * yesterday's last (a unit, NO_UNIT or OFF1_UNIT) of kind last_kind (-1:
 * not worked) and template last_t (-1: unknown). */
static inline double cg_regular(const WfmConfig *cfg, int last, int last_kind, int last_t, int kind, int today)
{
    return (last == OFF1_UNIT ? cfg->reg_single_off : 0) + (last_kind >= 0 && last_kind != kind ? cfg->reg_swing : 0) +
           (last_kind == kind && last_t >= 0 && today >= 0 &&
                    cfg->shifts[last_t].start_min != cfg->shifts[today].start_min
                ? cfg->reg_jump
                : 0);
}

/* Yesterday's last after a day off (leave: no single day off pending). */
static inline int cg_after_off(int last, int leave)
{
    return !leave && last < OFF1_UNIT ? OFF1_UNIT : NO_UNIT;
}

typedef struct Price {
    const WfmConfig *cfg;
    const Roster *r;
    const Units *u;
    int nd;
    const unsigned char *allowed;   /* ndays x units for the agent */
    const double *profit;           /* ndays x units for the agent */
    const int *wneed;               /* per calendar week of the month: the days worked it must reach */
    const RuleSet *rules;           /* the general rules of his team */
    int no_weekend_duty;            /* (diagnosis) his team's every_weekend left out */
    /* His preferences (NULL: none; else his units are templates): per day,
     * templates then the day off - what each costs, and 1 where a pinned
     * day forbids it. */
    const double *pcost;
    const unsigned char *pinned;
    int after, after_min;           /* the next month's weekend duty in the last week: days, minutes kept for it */
} Price;

typedef struct Master {
    glp_prob *lp;
    int nh, nd, ns, ng, ncls, nteams;
    int first_day;       /* the month's first day (days since the epoch) */
    int I, nt;           /* the duty grid: nt intervals of I minutes (coverage and skill rows) */
    int cls[30], rep[30];  /* each template's class; a template of each class */
    int tof[30], twork[30], cwork[30];
    unsigned char trest[30 * 30], crest[30 * 30];
    Units tu, cu;        /* months of templates; of classes */
    RuleSet *rules;      /* nteams + 1: the general rules of agents of no team, of each team */
    /* Preferences (NULL when nobody has one): per agent, day, template and
     * then the day off, what it costs, and 1 where a pinned day forbids it. */
    double *pcost;
    unsigned char *pinned, *haspref;
    unsigned char *exact;/* ng: his months name templates (he covers skill-queue hours) */
    int *row_cls;        /* nd x ncls: the class's starts = the months working it (0: none of it runs) */
    int *row_cnt;        /* nd x ns: months naming the template <= its starts (0: no such row) */
    int *xcol;           /* nd x ns: the start count (0: the template does not run) */
    int *row_tie;        /* nd x ns, at the minute: the pairs' sum = the starts, then the 8 slots' caps (0: none) */
    int *row_conv;       /* ng */
    int *row_fair;       /* ng x FK_N (0: no row) */
    double *share;       /* ng x FK_N */
    int nq;              /* the queues */
    int *skill_sum;      /* nq x nt: the months' skilled agents whose shift covers the interval whole = its w column
                          * (the months' only skill rows but the ties; 0: none) */
    int *skill_row;      /* nq x nt: w at least min_skilled (hard, COLGEN_W_SKILL an agent short; 0: no row) */
    int *skill_need_row; /* nq x nt: w less their meals at least the queue's own need (soft; 0: no row) */
    int *skill_tie;      /* nq x nd x ns: the queue's skilled months on the template's day = their meals (0: none) */
    double *skill_lo;    /* 2 x nqueues x nt: the floors of skill_row and skill_need_row */
    const unsigned char *skill_need;   /* in->skill_need, in->skill_duty */
    const double *skill_duty;
    int *ycol;           /* nd x ns x SHIFTPLAN_MEAL_SLOTS */
    int *row_meal;       /* nd x ns: the meals = the starts (0: no meal) */
    int *wneed;          /* ng x ASSIGN_WEEKS: the days worked each week must reach (assign_contract_weeks; in week 0 with the carried-in days) */
    int *after;          /* ng x 2: the next month's weekend duty in the last week (assign_must_after), days and the minutes kept */
    uint64_t *start;     /* ng: the state the carried-in days leave (cg_start_state, months of templates) */
    int nstart;          /* columns 1..nstart: starts and meals (at the minute: meal and break slot pairs) */
    int ncover;          /* columns 1..ncover: starts, meals, coverage slacks */
    int nskill;          /* columns ncover+1..ncover+nskill: skill-hour slacks */
    double *need, *wu;   /* nt: agents needed on duty (less the carried-in shifts), under-coverage's price */
    double *dcap;        /* nd: a day's agent-intervals on duty at most (fairness.max_day_ratio times its need,
                          * less the carried-in shifts); NULL: no limit */
    int *row_day;        /* nd: each day's row of that limit (0: none - no limit, or a day without need) */
    double wo;           /* over-coverage's price an interval */
    double step;         /* the duty grid in agents */
    /* columns of the agents: owner and month (of his units) */
    int *col_agent;
    int *col_month;      /* ncols x nd */
    int *col_index;      /* GLPK column of each */
    size_t ncols, capcols;
    struct Tell *tell;   /* the progress told to in->progress (NULL: none) */
    double lp_secs;      /* the last solve of the LP took (cg_solve_lp) */
    int breaks;          /* 1: coverage at the minute - the extra breaks where slots put them (the bound's master) */
} Master;

typedef struct Search {
    Master *m;
    const ColGenIn *in;
    const unsigned char *allowed;
    Dp *dp;
    const struct timespec *t0;
    double tl;
    unsigned char *fixed;    /* per agent: his month is chosen */
    int *bestcol;
    double *bestval;
} Search;

typedef struct Polish {
    const Master *m;
    const WfmConfig *cfg;
    const Roster *r;
    int *choice;          /* ng x nd: templates, ROSTER_OFF or ROSTER_LEAVE */
    double *meal;         /* nd x ns x SHIFTPLAN_MEAL_SLOTS: whole meal counts */
    double *cov;          /* nt: agents on duty the month's shifts give, per interval */
    double *scnt;         /* 2 x nqueues x nt: skilled agents whose shift covers the interval whole, then the same less
                           * their meals (every meal time alike: cg_meal_share); NULL: no skill queue */
    double *hi;           /* (nteams + 1) x FK_N: the marks, never raised */
    double T;             /* the annealing's temperature */
    unsigned char works[30]; /* the moving agent's team works template s */
    double *dsum;         /* nd: cov summed over each day's intervals (for the day's limit, m->dcap) */
} Polish;

/* ---- small helpers: kinds of work, the rules, the master's tables ---- */

static inline int cg_is_weekend(const WfmConfig *cfg, int day)
{
    return date_weekday(day) >= WD_SAT || cal_is_holiday(&cfg->holidays, day);
}

/* Does shift s on day count toward kind k? */
static inline int cg_counts(const WfmConfig *cfg, int s, int day, int k)
{
    const ShiftTemplate *t = &cfg->shifts[s];
    return k == FK_WEEKEND ? cg_is_weekend(cfg, day) : t->kind != SHIFT_DAY;
}

static inline double cg_fair_weight(const WfmConfig *cfg, int k)
{
    return COLGEN_W_FAIR * (k == FK_WEEKEND ? cfg->fair_weekend : cfg->fair_night);
}

static inline int cg_contract_min(const WfmConfig *cfg, const RosterAgent *ag)
{
    return (int)lround(wfm_weekly_cap_h(cfg, ag->weekly_hours) * 60);
}

/* May template b follow template a on the next day (the minimum rest)? */
static inline int cg_rest_ok(const WfmConfig *cfg, int a, int b)
{
    const ShiftTemplate *ta = &cfg->shifts[a], *tb = &cfg->shifts[b];
    return tb->start_min + 1440 - (ta->start_min + ta->length_min) >= (int)lround(cfg->min_rest_hours * 60);
}

/* An agent short in interval t of I minutes: the hourly weight (weak
 * hours dearer) times I/60, so costs stay in weighted agent-hours. */
static inline double cg_under_price(const WfmConfig *cfg, int t, int I)
{
    return SHIFTPLAN_W_UNDER * (cfg->weak_hours[t * I / 60 % 24] ? cfg->weak_weight : 1) * I / 60.0;
}

/* What the skill rows cost for skilled cover: per open interval, each
 * agent short of the queue's min_skilled among those whose shift covers it
 * whole (have) COLGEN_W_SKILL; each agent short of its own need (skill_duty,
 * may be NULL; at least min_skilled) among those on duty off their meals
 * (have_meal) the under-coverage price. */
static inline double cg_skill_slot_cost(const WfmConfig *cfg, int nd, int I, const unsigned char *skill_need,
                                        const double *skill_duty, int q, int t, double have, double have_meal)
{
    int nt = nd * (1440 / I);
    if (!skill_need[(size_t)q * 24 * nd + t * I / 60])
        return 0;
    double k = wfm_min_skilled(cfg, q);
    double n = skill_duty && skill_duty[(size_t)q * nt + t] > k ? skill_duty[(size_t)q * nt + t] : k;
    return fmax(0, k - have) * COLGEN_W_SKILL + fmax(0, n - have_meal) * cg_under_price(cfg, t, I);
}

static inline const RuleSet *cg_rules_of(const Master *m, const Roster *r, int g)
{
    int t = r->agents[g].team;
    return &m->rules[t >= 0 && t < m->nteams ? t + 1 : 0];
}

static inline const Units *cg_units(const Master *m, int g)
{
    return m->exact[g] ? &m->tu : &m->cu;
}

/* A template of unit u of agent g (all of a class count alike for him). */
static inline int cg_unit_template(const Master *m, int g, int u)
{
    return m->exact[g] ? u : m->rep[u];
}

static inline int cg_unit_class(const Master *m, int g, int u)
{
    return m->exact[g] ? m->cls[u] : u;
}

/* Agents with the same key are alike for the coverage: no skill queue to
 * cover (0), or the same skills - swapping their days changes no row. */
static inline unsigned cg_alike(const Master *m, const Roster *r, int g)
{
    if (m->haspref && m->haspref[g])
        return 0x80000000u | (unsigned)g;   /* his own: no day of his is traded or rotated */
    return m->exact[g] ? r->agents[g].skills : 0;
}

/* What agent g's day d costs on item (template, ROSTER_OFF or ROSTER_LEAVE)
 * by his preferences. */
static inline double cg_pref_cost(const Master *m, int g, int d, int item)
{
    return m->pcost ? m->pcost[((size_t)g * m->nd + d) * (m->ns + 1) + (item >= 0 ? item : m->ns)] : 0;
}

/* Minutes of [a, b) inside interval t of I minutes. */
static inline int cg_slot_overlap(int a, int b, int t, int I)
{
    int lo = t * I > a ? t * I : a, hi = (t + 1) * I < b ? (t + 1) * I : b;
    return hi > lo ? hi - lo : 0;
}

/* The intervals of I minutes (of nt, from the month's first) that minutes
 * [a, b) cover whole - the ones a shift counts for in a skill row: [*t0, *t1). */
static inline void cg_whole_slots(int a, int b, int I, int nt, int *t0, int *t1)
{
    *t0 = a <= 0 ? 0 : (a + I - 1) / I;
    *t1 = b <= 0 ? 0 : b / I < nt ? b / I : nt;
}

/* Interval t's cost with cov agents on duty against its need (agents
 * short at m->wu[t], over at m->wo: the hourly weights times I/60, so the
 * objective stays in weighted agent-hours). */
static inline double cg_slot_cost(const Master *m, double cov, int t)
{
    double n = m->need[t];
    return cov < n ? m->wu[t] * (n - cov) : m->wo * (cov - n);
}

/* What day d costs above its limit with dsum agent-intervals on duty
 * (the carried-in shifts left out, as in cov): COLGEN_W_DAYCAP an
 * agent-hour above m->dcap[d]. */
static inline double cg_day_cost(const Master *m, int d, double dsum)
{
    return m->dcap && m->row_day[d] && dsum > m->dcap[d] ? COLGEN_W_DAYCAP * (dsum - m->dcap[d]) * m->I / 60.0 : 0;
}

/* The progress colgen_solve tells in->progress (colgen.h). */
typedef struct Tell {
    ColGenProgressFn fn;
    void *user;
    const struct timespec *t0;
    ColGenProgress p;
} Tell;

/* colgen.c: tells t->fn that phase is under way (t or t->fn NULL: nothing);
 * lp and best when not NAN are the master LP's and the best roster's new
 * values, count when not negative the rounds (COLGEN_PHASE_ROOT) or agents
 * fixed (COLGEN_PHASE_DIVE). */
void cg_tell(Tell *t, int phase, int count, double lp, double best);

/* master.c: the master LP and the terms of its objective. */
double cg_fair_share(const WfmConfig *cfg, const Roster *r, int g, int k);
int cg_count_of(const WfmConfig *cfg, const Roster *r, const int *choice, int g, int f);
double cg_marks(const WfmConfig *cfg, const Roster *r, const double *share, const int *choice, double *hi);
void cg_skilled_cover(const WfmConfig *cfg, const Roster *r, const int *choice, int carried_only, int I,
                      double *cnt);
/* cg_skilled_cover's values for nt intervals: whole, then less meals. */
static inline size_t cg_skilled_len(const WfmConfig *cfg, int nt)
{
    return 2 * (size_t)cfg->nqueues * (size_t)(nt > 0 ? nt : 1);
}
double cg_meal_share(const WfmConfig *cfg, int s, int d, int t, int I);
double cg_skill_cost(const WfmConfig *cfg, int nd, int I, const unsigned char *skill_need, const double *skill_duty,
                     const double *cnt);
int cg_skill_rows(const Master *m, const WfmConfig *cfg, unsigned skills, int d, int s, int *rows);
void cg_add_column(Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need, int g,
                   const int *month);
void cg_build_master(Master *m, const ColGenIn *in, int breaks);
void cg_master_free(Master *m);
int cg_solve_lp(Master *m, double seconds_left);   /* 0 solved, 1 feasible only (stalled), -1 failed */
double cg_skill_slack(const Master *m);

/* pricing.c: one agent's best month under the rules. */
uint64_t cg_start_state(const WfmConfig *cfg, const Roster *r, const Units *u, const RuleSet *rs, int g);
double cg_price_agent(const Price *p, int g, Dp *dp, int *choice);
void cg_dp_init(Dp *dp, int nd);
void cg_dp_free(Dp *dp);
int cg_price_round(Master *m, const ColGenIn *in, const unsigned char *fixed, const unsigned char *allowed_all,
                   Dp *dp, double *lag);

/* At the minute (Master.breaks): the column of meal time k and break slot
 * j of a template day whose start column is x - cg_build_master adds them
 * right after it, 8 slots per meal time. */
static inline int cg_pair_col(int x, int k, int j)
{
    return x + 1 + 8 * k + j;
}

/* What every roster has on each day of the month (colgen.c's day_counts):
 * agents at work, at least count[2d] and at most count[2d + 1] (-1: no
 * most), what one fewer at the least costs the months off that allow it
 * (below[d]); and stay[d], of those at work on d - 1 and d in every
 * roster (not a Monday), the agents whose months do not see start times. */
typedef struct DayCounts {
    int *count, *stay;
    double *below;
} DayCounts;

/* bound.c: what whole start counts add to the bound. */
double cg_tie_dual(const Master *m, int d, int s);
double cg_whole_gain(const Master *m, const WfmConfig *cfg, const double *tie, const DayCounts *days, double secs);
double cg_off_share(const Master *m, const WfmConfig *cfg, const Roster *r, int g);
glp_prob *cg_starts_side(const Master *m, const double *tie, int *slot_rep);
int cg_blocks(glp_prob *q, int *rowc, int *colc);
glp_prob *cg_block(glp_prob *q, const int *rowc, const int *colc, int b, int cnt0, int *ncnt);
int cg_block_mip(glp_prob *p, double secs, double *lb);
double cg_skill_gain(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *allowed,
                     double secs);

/* dive.c: the integer roster. */
int cg_dive(Search *S, int left, ColGenOut *out, WfmErr *err);
void cg_whole_starts(Master *m, double secs, int *xint, double *meal);
void cg_give_starts(const Master *m, const int *xint, int *choice);
double cg_rotate_starts(const Master *m, const WfmConfig *cfg, const Roster *r, int *choice);
double cg_mend_jumps(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *fixed, int *choice);

/* anneal.c: the annealing on the whole roster. */
double cg_put(Polish *P, int d, int s, int k, int sign);
double cg_put_best(Polish *P, int d, int s, int sign, int *k);
int cg_month_ok(const Polish *P, int g, const int *row);
double cg_skill_put(Polish *P, int g, int d, int s, int sign);
int cg_queues_kept(const Polish *P, int g, int d1, int d2);
double cg_month_regular(const Master *m, const WfmConfig *cfg, int g, const int *month, int units);
double cg_polish(const Master *m, const WfmConfig *cfg, const Roster *r, const unsigned char *skill_need,
                 int *choice, double *meal, const struct timespec *t0, double until,
                 const volatile sig_atomic_t *stop, double bound, int *moves, int *meal_covers);

/* anneal.c: the roster's state (templates, meals, coverage, skilled
 * agents, day sums) kept to go back to: made with a copy, copied again,
 * put back. */
typedef struct Snap {
    int *choice;
    double *meal, *cov, *scnt, *dsum;
} Snap;
void cg_snap_new(const Polish *P, Snap *s);
void cg_snap_take(const Polish *P, Snap *s);
void cg_snap_back(Polish *P, const Snap *s);
void cg_snap_free(Snap *s);

/* reprice.c: an agent's whole month priced again against the others
 * (kept below tau; pen: per kind, a price on its days, or NULL); the teams'
 * marks brought down, one step at least, more while the clock allows
 * (returns the change). */
typedef struct Reprice {
    Dp dp;
    double *profit;            /* nd x ns */
    unsigned char *allowed;    /* nd x ns */
    int *old, *now, *kold, *know;   /* nd each: the months and their meal slots */
    int kept;                  /* the last cg_reprice kept its new month */
} Reprice;
void cg_reprice_init(Reprice *w, int nd, int ns);
void cg_reprice_free(Reprice *w);
double cg_reprice(Polish *P, Reprice *w, int g, double tau, const double *pen);
double cg_lower_marks(Polish *P, Reprice *w, const struct timespec *t0, double until);
double cg_mark_swap(Polish *P, int g, int f, int *cnt, double cap, double lim);

/* meals.c: skill queues covered through every meal. */
int cg_queue_day_ok(const Polish *P, const unsigned char *need, int q, int d);
int cg_cover_meals(Polish *P, const unsigned char *need);

/* diagnosis.c: rules that contradict. */
int cg_contradictions(const Master *m, const ColGenIn *in, const unsigned char *allowed, Dp *dp, WfmErr *err);

#endif
