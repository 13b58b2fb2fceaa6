/*
 * test_score_sim.c - the low-performer rule judged on independently
 * simulated centers (tests/simcenter.c: calls placed one by one on 300
 * agents for 6 months), with both routings.  Prints the figures; the number
 * of centers per routing is WFM_SIM_CENTERS (default 6), their seeds
 * WFM_SIM_SEED, WFM_SIM_SEED + 1, ... (default 100: centers never looked at
 * while choosing anything are another base); WFM_SIM_TABLES prints, per
 * routing, the flag rates by natural slowness, the residuals by kind of
 * assignment, the near misses and the planted agents' margins (issue 19).
 */
#include "helpers.h"
#include "simcenter.c"

enum { CAT_DAY, CAT_NIGHT, CAT_FOREIGN, CAT_N };
enum { DEFAULT_CENTERS = 6 };   /* per routing, seeds 100, 101, ... (WFM_SIM_SEED: another base) */

/* One agent not planted (or planted: the margins printed beside the
 * decoys') over the window: what the simulation made him and what the rule
 * read. */
typedef struct Row {
    int seed, agent, shift, queue, hard, kind, planted, flagged;
    double nature;      /* log speed, against the natural middle (1) */
    double x;           /* log speed against his colleagues' mean (same shift and queue, those in the period) */
    double y, tot;      /* the history's productivity (log: the slowness test's) and its whole standard error */
    double z;           /* (line - y) / tot: beyond the line by so many standard errors (flagged by the
                         * slowness line when > z(sure)) */
    double line;
} Row;

typedef struct Tally {
    int planted[CAT_N], found[CAT_N], others, decoys, agents, centers;
    int hard_beyond;                        /* of the others: hard assignments slower by nature than the line */
    int hard;                               /* hard assignments flagged, not planted, whatever their nature */
    int print;                              /* print a line per flagged agent not planted */
    uint64_t seed;                          /* the center's, for the lines printed */
    int keep;                               /* keep a row of every agent with a history's productivity */
    Row *rows;
    int nrows, caprows;
} Tally;

static uint64_t seed_base(void)
{
    const char *e = getenv("WFM_SIM_SEED");
    return e ? strtoull(e, NULL, 10) : 100;
}

static ScoreRule default_rule(void)
{
    ScoreRule r;
    memset(&r, 0, sizeof r);
    r.opts.w = (ScoreWeights){ 0.65, 0.15, 0.1, 0.1 };
    r.opts.min_days = 10, r.opts.remote_peers = 1;
    r.bottom_share = 0.1, r.months_flagged = 2, r.months_window = 3, r.min_group = 5, r.grace_months = 3;
    r.fcr_can_flag = 1, r.sure = 0.95, r.slow_gap = 0.05, r.slow_spread = 2.5, r.history_months = 6;
    /* The defaults of data/cfg.c; WFM_SIM_SURE, _GAP, _SPREAD, _HISTORY try others. */
    if (getenv("WFM_SIM_HISTORY"))
        r.history_months = atoi(getenv("WFM_SIM_HISTORY"));
    if (getenv("WFM_SIM_SURE"))
        r.sure = atof(getenv("WFM_SIM_SURE"));
    if (getenv("WFM_SIM_GAP"))
        r.slow_gap = atof(getenv("WFM_SIM_GAP"));
    if (getenv("WFM_SIM_SPREAD"))
        r.slow_spread = atof(getenv("WFM_SIM_SPREAD"));
    return r;
}

static void months_of(const SimCenter *c, int *mstart, int *nm, int *to)
{
    *to = c->first_day + c->ndays - 1;
    *nm = 0;
    for (int m = 1; m <= 6; m++)
        mstart[(*nm)++] = date_from_ymd(2021, m, 1);
}

static void tenure_of(const SimCenter *c, int to, int *ten)
{
    for (int a = 0; a < c->nagents; a++) {
        int y = (to - c->hire[a]) / 365;
        ten[a] = y < 1 ? 0 : y < 3 ? 1 : 2;
    }
}

static const char *const queue_name[SQ_COUNT] = { "phone", "foreign", "sign" };
static const char *const shift_name[SK_COUNT] = { "day", "evening", "night", "weekend" };

/* The slowness line in the simulation's own terms: slow_spread natural
 * spreads (+7.8% at 2.5).  A flagged agent slower than that by nature is
 * rightly flagged, whatever his assignment; a decoy is a hard assignment
 * (sim_is_decoy) flagged, not planted, and not slower by nature than it. */
static int beyond_line(const SimAgent *g, const ScoreRule *rule)
{
    return log(g->speed) > rule->slow_spread * SIM_SPEED_SPREAD;
}

/* Why an agent not planted was flagged: his assignment and how much slower
 * he is by nature (against the natural middle, 1, and against his
 * colleagues of the same shift and queue); his handling time per call over
 * the window against that of the others in his blocks (same date, shift,
 * queue and place), straight from the simulated records (so a gap larger
 * than his nature is his calls', not the method's); then the slowness test
 * over the window (productivity, its standard errors from his days and
 * from his reference, the line, z against the line) and month by month
 * his days, productivity and its z against the window's line, the
 * composite's band against the month's line, his peer group's level (0 his
 * own; 1, 2 merged) and size, and the bits that counted. */
static void explain(const SimCenter *c, const ScoreMonths *m, const ScoreRule *rule, int a, uint64_t seed)
{
    const SimAgent *g = &c->ag[a];
    const AgentScore *w = &m->hist[a];
    double col = 0;
    int ncol = 0;
    for (int b = 0; b < c->nagents; b++)
        if (b != a && c->ag[b].shift == g->shift && c->ag[b].queue == g->queue && !c->ag[b].planted)
            col += log(c->ag[b].speed), ncol++;
    /* His and the others' handling in his blocks over the window. */
    int w0 = date_from_ymd(2021, m->first_k + 1, 1), nd = c->first_day + c->ndays - w0;
    double *ph = calloc((size_t)nd * 2, sizeof *ph), *pt = calloc((size_t)nd * 2, sizeof *pt), hh = 0, ht = 0,
           oh = 0, ot = 0;
    for (size_t i = 0; i < c->n; i++) {
        const PerfRec *x = &c->rec[i];
        if (x->day >= w0 && x->shift == g->shift && x->queue == g->queue && x->agent != a) {
            size_t k = (size_t)(x->day - w0) * 2 + (x->remote > 0);
            ph[k] += x->handled, pt[k] += x->talk_s + x->hold_s + x->acw_s;
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        const PerfRec *x = &c->rec[i];
        if (x->agent != a || x->day < w0)
            continue;
        size_t k = (size_t)(x->day - w0) * 2 + (x->remote > 0);
        if (ph[k] > 0)  /* the others' handling per call that day, for his calls */
            hh += x->handled, ht += x->talk_s + x->hold_s + x->acw_s, oh += x->handled, ot += x->handled * pt[k] / ph[k];
    }
    free(ph), free(pt);
    double tot = sqrt(w->speed_se * w->speed_se + w->ref_se * w->ref_se + m->hist_line_se * m->hist_line_se);
    print_message("    center %d agent %d: %s %s%s%s%s%s: %s; slower by nature %+.1f%% (%.1f natural spreads), %+.1f%% "
                  "against his %d colleagues; his handling per call over the window %+.1f%% against the others' in "
                  "his blocks (the records, %.0f calls)\n",
                  (int)seed, a, shift_name[g->shift], queue_name[g->queue], g->part ? ", part time" : "",
                  g->remote_days ? ", remote days" : "", g->leave_to >= g->leave_from ? ", long leave" : "",
                  g->hire >= c->first_day ? ", hired in the period" : "",
                  !sim_is_decoy(c, a) ? "no hard assignment" : beyond_line(g, rule) ? "beyond the line" : "DECOY",
                  100 * (g->speed - 1), log(g->speed) / SIM_SPEED_SPREAD, 100 * (exp(log(g->speed) - col / ncol) - 1),
                  ncol, 100 * (ht / hh / (ot / oh) - 1), hh);
    print_message("      history (%d months): productivity %+.1f%%, se %.1f%% (his days) and %.1f%% (his reference, %.0f "
                  "effective peers), line %+.1f%% (se %.1f%%): z %+.2f against the line; the window: %+.1f%% against "
                  "its line %+.1f%%\n", m->nmonths - m->hist_k,
                  100 * (exp(w->speed_part) - 1), 100 * w->speed_se, 100 * w->ref_se,
                  w->peer_conc > 0 ? 1 / w->peer_conc : INFINITY, 100 * (exp(m->hist_line) - 1), 100 * m->hist_line_se,
                  (w->speed_part - m->hist_line) / tot, 100 * (exp(m->win[a].speed_part) - 1),
                  100 * (exp(m->win_line) - 1));
    for (int k = m->first_k; k < m->nmonths; k++) {
        size_t ci = (size_t)k * (size_t)c->nagents + (size_t)a;
        const AgentScore *s = &m->ms[ci];
        print_message("      month %d: %d days, productivity %+.1f%% (z %+.2f against the window's line); composite "
                      "[%+.2f, %+.2f] against the line %+.2f of his group (level %d%s, %d agents)%s%s\n",
                      k + 1, s->days, 100 * (exp(s->speed_part) - 1), (s->speed_part - m->win_line) / s->speed_se,
                      s->lo, s->hi, m->line[ci], m->level[ci], m->level[ci] ? ", merged" : "", m->gsize[ci],
                      m->flag[ci] & SCORE_LINE_SLOW ? "; slowness line" : "",
                      m->flag[ci] & SCORE_LINE_COMPOSITE ? "; composite line" : "");
    }
}

/* Kinds of assignment, for the tables: an agent counts under the first that
 * fits (a night agent with remote days is a night agent). */
enum { KIND_EASY, KIND_NIGHT, KIND_SMALLQ, KIND_PART, KIND_REMOTE, KIND_NEW, KIND_LEAVE, KIND_N };
static const char *const kind_name[KIND_N] = { "easy (day/evening phone, full time, office)", "night phone",
                                               "foreign or sign queue", "part time (phone)", "remote days (phone)",
                                               "hired in the period (phone)", "long leave (phone)" };

static int kind_of(const SimCenter *c, int a)
{
    const SimAgent *g = &c->ag[a];
    return g->shift == SK_NIGHT ? KIND_NIGHT : g->queue != SQ_PHONE ? KIND_SMALLQ : g->part ? KIND_PART
           : g->remote_days ? KIND_REMOTE : g->hire >= c->first_day ? KIND_NEW
           : g->leave_to >= g->leave_from ? KIND_LEAVE : KIND_EASY;
}

/* His row, when his history's productivity is known and a month of the window
 * counts (min_days, outside a grace). */
static void add_row(const SimCenter *c, const ScoreMonths *m, const ScoreRule *rule, int a, int flagged, Tally *t)
{
    const SimAgent *g = &c->ag[a];
    const AgentScore *w = &m->hist[a];
    int months = 0;
    for (int k = m->first_k; k < m->nmonths; k++) {
        size_t ci = (size_t)k * (size_t)c->nagents + (size_t)a;
        months += m->ms[ci].days >= rule->opts.min_days && !m->grace[ci];
    }
    if (!months || !isfinite(w->speed_part) || !(m->hist_line < 0))
        return;
    double col = 0;
    int ncol = 0;
    for (int b = 0; b < c->nagents; b++)
        if (b != a && c->ag[b].shift == g->shift && c->ag[b].queue == g->queue)
            col += log(c->ag[b].speed), ncol++;
    if (t->nrows == t->caprows) {
        t->caprows = t->caprows ? 2 * t->caprows : 4096;
        t->rows = realloc(t->rows, sizeof *t->rows * (size_t)t->caprows);
        assert_non_null(t->rows);
    }
    Row *r = &t->rows[t->nrows++];
    r->seed = (int)t->seed, r->agent = a, r->shift = g->shift, r->queue = g->queue;
    r->hard = sim_is_decoy(c, a), r->kind = kind_of(c, a), r->planted = g->planted, r->flagged = flagged;
    r->nature = log(g->speed), r->x = r->nature - (ncol ? col / ncol : 0);
    r->y = w->speed_part;
    r->tot = sqrt(w->speed_se * w->speed_se + w->ref_se * w->ref_se + m->hist_line_se * m->hist_line_se);
    r->z = (m->hist_line - r->y) / r->tot;
    r->line = m->hist_line;
}

static void judge(const SimCenter *c, const ScoreRule *rule, Tally *t, ScoreMonths *keep)
{
    int mstart[6], nm, to, ten[300];
    ScoreMonths m;
    months_of(c, mstart, &nm, &to);
    tenure_of(c, to, ten);
    score_months(c->rec, c->n, c->nagents, ten, c->hire, mstart, nm, to, rule, &m);
    for (int a = 0; a < c->nagents; a++) {
        const SimAgent *g = &c->ag[a];
        int f = m.lp_months[a] >= rule->months_flagged;
        if (t->keep)
            add_row(c, &m, rule, a, f, t);
        if (g->planted) {
            int cat = g->queue != SQ_PHONE ? CAT_FOREIGN : g->shift == SK_NIGHT ? CAT_NIGHT : CAT_DAY;
            t->planted[cat]++, t->found[cat] += f;
            if (!f && t->keep && t->print) {  /* a planted agent missed: who, and the planted beside him */
                const AgentScore *w = &m.hist[a];
                int other = 0, ncell = 0;
                for (int b = 0; b < c->nagents; b++)
                    if (c->ag[b].shift == g->shift && c->ag[b].queue == g->queue)
                        ncell++, other += b != a && c->ag[b].planted;
                double tot = sqrt(w->speed_se * w->speed_se + w->ref_se * w->ref_se + m.hist_line_se * m.hist_line_se);
                print_message("    missed: center %d agent %d, %s %s, +%.1f%% by nature, %d agents in his shift and queue "
                              "(%d other planted); productivity %+.1f%%, se %.1f%% (days) %.1f%% (reference), line %+.1f%%: "
                              "z %+.2f\n", (int)t->seed, a, shift_name[g->shift], queue_name[g->queue],
                              100 * (g->speed - 1), ncell, other, 100 * (exp(w->speed_part) - 1), 100 * w->speed_se,
                              100 * w->ref_se, 100 * (exp(m.hist_line) - 1), (m.hist_line - w->speed_part) / tot);
            }
            continue;
        }
        if (!f)
            continue;
        t->hard += sim_is_decoy(c, a);
        if (sim_is_decoy(c, a) && !beyond_line(g, rule))
            t->decoys++;
        else
            t->others++, t->hard_beyond += sim_is_decoy(c, a);
        if (t->print)
            explain(c, &m, rule, a, t->seed);
    }
    t->agents += c->nagents, t->centers++;
    if (keep)
        *keep = m;
    else
        score_months_free(&m);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double phi(double x)
{
    return 0.5 * erfc(-x / sqrt(2));
}

/* The one-sided normal quantile of the rule's certainty, by Newton's steps
 * on phi (the rule finds its own by bisection). */
static double z_sure(double p)
{
    double z = 0;
    for (int i = 0; i < 50; i++)
        z -= (phi(z) - p) / (exp(-z * z / 2) / 2.5066282746310002);   /* sqrt(2 pi) */
    return z;
}

/* What a fair, honest rule predicts for an agent: his productivity's mean
 * b x (b the cell's slope on the nature against his colleagues, through the
 * origin: a reference of his own peers centres the cell at 0), so his
 * standardised residual (b x - y) / tot (positive: he reads slower than his
 * nature) scatters as a standard normal whatever his assignment, and his
 * chance of a flag by the slowness line is Phi((line - b x) / tot - z(sure)). */
typedef struct Fair {
    double b[SK_COUNT][SQ_COUNT];
} Fair;

static Fair fair_fit(const Row *r, int n)
{
    Fair f;
    double sxy[SK_COUNT][SQ_COUNT] = { { 0 } }, sxx[SK_COUNT][SQ_COUNT] = { { 0 } };
    for (int i = 0; i < n; i++)
        if (!r[i].planted)
            sxy[r[i].shift][r[i].queue] += r[i].x * r[i].y, sxx[r[i].shift][r[i].queue] += r[i].x * r[i].x;
    for (int sk = 0; sk < SK_COUNT; sk++)
        for (int q = 0; q < SQ_COUNT; q++)
            f.b[sk][q] = sxx[sk][q] > 0 ? sxy[sk][q] / sxx[sk][q] : 0;
    return f;
}

static double fair_resid(const Fair *f, const Row *r)
{
    return (f->b[r->shift][r->queue] * r->x - r->y) / r->tot;
}

/* The standardised residuals of the agents not planted, by kind. */
typedef struct KindMeans {
    int n[KIND_N], flagged[KIND_N];
    double mean[KIND_N], se[KIND_N], sd[KIND_N], tot[KIND_N];
} KindMeans;

static KindMeans kind_means(const Row *rows, int nrows, const Fair *f)
{
    KindMeans km;
    double s1[KIND_N] = { 0 }, s2[KIND_N] = { 0 };
    memset(&km, 0, sizeof km);
    for (int i = 0; i < nrows; i++) {
        const Row *r = &rows[i];
        if (r->planted)
            continue;
        double e = fair_resid(f, r);
        km.n[r->kind]++, s1[r->kind] += e, s2[r->kind] += e * e, km.flagged[r->kind] += r->flagged;
        km.tot[r->kind] += r->tot;
    }
    for (int k = 0; k < KIND_N; k++) {
        int n = km.n[k];
        km.mean[k] = n ? s1[k] / n : 0;
        km.sd[k] = n > 1 ? sqrt(fmax(s2[k] - s1[k] * s1[k] / n, 0) / (n - 1)) : 0;
        km.se[k] = n ? km.sd[k] / sqrt(n) : 0;
        km.tot[k] = n ? km.tot[k] / n : 0;
    }
    return km;
}

/* The tables of issue 19's question: over every agent not planted, the
 * flag rate by natural slowness for hard assignments and for the others
 * (with the rate a fair and honest rule would give them: the sum of their
 * chances), the standardised residuals by kind of assignment, and the
 * margins of the planted beside those of the flagged not planted. */
static void nature_tables(const Tally *t, const ScoreRule *rule)
{
    static const double edge[] = { -INFINITY, 0, 0.03, 0.05, 0, INFINITY };
    double zs = z_sure(rule->sure);
    Fair f = fair_fit(t->rows, t->nrows);
    double lim[6];
    memcpy(lim, edge, sizeof lim);
    lim[4] = exp(rule->slow_spread * SIM_SPEED_SPREAD) - 1;
    print_message("  slope of productivity on nature (against colleagues), by cell: day phone %.2f, evening phone "
                  "%.2f, night phone %.2f, day foreign %.2f, evening foreign %.2f, day sign %.2f, evening sign %.2f\n",
                  f.b[SK_DAY][SQ_PHONE], f.b[SK_EVENING][SQ_PHONE], f.b[SK_NIGHT][SQ_PHONE], f.b[SK_DAY][SQ_FOREIGN],
                  f.b[SK_EVENING][SQ_FOREIGN], f.b[SK_DAY][SQ_SIGN], f.b[SK_EVENING][SQ_SIGN]);
    print_message("  flag rate of the agents not planted by nature (slower than 1 by): agents, flagged, expected of a "
                  "fair honest rule (slowness line), mean standard error of the test (%%), mean z beyond the line\n");
    for (int bin = 0; bin < 5; bin++)
        for (int hard = 0; hard < 2; hard++) {
            int n = 0, fl = 0;
            double ex = 0, se = 0, z = 0;
            for (int i = 0; i < t->nrows; i++) {
                const Row *r = &t->rows[i];
                double nat = exp(r->nature) - 1;
                if (r->planted || r->hard != hard || !(nat >= lim[bin] && nat < lim[bin + 1]))
                    continue;
                n++, fl += r->flagged, se += r->tot, z += r->z;
                ex += phi((r->line - f.b[r->shift][r->queue] * r->x) / r->tot - zs);
            }
            print_message("    %6s%+.1f%% to %+.1f%%, %-4s: %5d agents, %2d flagged (%.2f%%), expected %5.2f; se %.2f%%, "
                          "z %+.2f\n", "", 100 * fmax(lim[bin], -1), 100 * fmin(lim[bin + 1], 9.99),
                          hard ? "hard" : "easy", n, fl, n ? 100.0 * fl / n : 0, ex, n ? 100 * se / n : 0,
                          n ? z / n : 0);
        }
    for (int hard = 0; hard < 2; hard++) {
        int n = 0, tail[4] = { 0 };
        for (int i = 0; i < t->nrows; i++) {
            const Row *r = &t->rows[i];
            if (r->planted || r->hard != hard)
                continue;
            double e = fair_resid(&f, r);
            n++, tail[0] += e > 1.2816, tail[1] += e > 2, tail[2] += e > 2.5, tail[3] += e > 3;
        }
        print_message("  standardised residual's upper tail, %s (%d agents): > 1.28 %.2f%%, > 2 %.2f%%, > 2.5 %.2f%%, "
                      "> 3 %.3f%% (normal: 10, 2.28, 0.62, 0.135)\n", hard ? "hard" : "easy", n, 100.0 * tail[0] / n,
                      100.0 * tail[1] / n, 100.0 * tail[2] / n, 100.0 * tail[3] / n);
    }
    print_message("  standardised residual (b x - y) / se by kind (a fair, honest rule: mean 0, sd 1):\n");
    KindMeans km = kind_means(t->rows, t->nrows, &f);
    for (int k = 0; k < KIND_N; k++)
        print_message("    %-44s %5d agents: mean %+.3f (se %.3f), sd %.2f; test's se %.2f%%; flagged %d\n",
                      kind_name[k], km.n[k], km.mean[k], km.se[k], km.sd[k], 100 * km.tot[k], km.flagged[k]);
    print_message("  near misses (not planted, not flagged, z within 0.3 of %.2f):", zs);
    for (int i = 0; i < t->nrows; i++) {
        const Row *r = &t->rows[i];
        if (!r->planted && !r->flagged && r->z > zs - 0.3)
            print_message(" %d/%d %s %+.1f%% z %.2f;", r->seed, r->agent, r->hard ? "hard" : "easy",
                          100 * (exp(r->nature) - 1), r->z);
    }
    print_message("\n");
    /* The margins: the weakest planted of each category beside the flagged
     * not planted. */
    for (int cat = 0; cat < 4; cat++) {
        double zz[64];
        int m = 0;
        for (int i = 0; i < t->nrows && m < 64; i++) {
            const Row *r = &t->rows[i];
            int rc = r->queue != SQ_PHONE ? 2 : r->shift == SK_NIGHT ? 1 : 0;
            if ((cat < 3 && r->planted && rc == cat) || (cat == 3 && !r->planted && r->flagged))
                zz[m++] = r->z;
        }
        qsort(zz, (size_t)m, sizeof *zz, cmp_double);
        print_message("  z beyond the line (flag when > %.2f), %s, lowest first:", zs,
                      cat == 0 ? "planted day phone" : cat == 1 ? "planted night phone"
                      : cat == 2 ? "planted foreign" : "flagged not planted");
        for (int i = 0; i < m && i < (cat == 3 ? 64 : 8); i++)
            print_message(" %.2f", zz[i]);
        print_message("\n");
    }
}

static int centers(void)
{
    const char *e = getenv("WFM_SIM_CENTERS");
    int n = e ? atoi(e) : DEFAULT_CENTERS;
    return n > 0 ? n : DEFAULT_CENTERS;
}

/* >= 90% of the planted slow agents flagged on every shift and queue, with
 * both routings; at most 1 other agent per 300 (other: not planted, and
 * either no hard assignment or one slower by nature than the line); no
 * decoy - a hard assignment (night, foreign and sign queues, part time,
 * remote days, long leave, hired in the period) flagged while not slower by
 * nature than the line (beyond_line) - on the default centers (with more,
 * WFM_SIM_CENTERS, no more than 1 per 300: see README for what they are). */
static void test_finds_slow_everywhere(void **state)
{
    static const char *const cat_name[CAT_N] = { "day phone", "night phone", "foreign queue" };
    (void)state;
    int nc = centers(), bad = 0;
    for (int routing = 0; routing < 2; routing++) {
        Tally t;
        memset(&t, 0, sizeof t);
        t.print = 1;
        t.keep = getenv("WFM_SIM_TABLES") != NULL;
        ScoreRule rule = default_rule();
        print_message("%s, %d centers of 300 agents x 6 months:\n",
                      routing == SIM_IDLE_LONGEST ? "calls to the agent idle longest" : "calls by capacity", nc);
        for (int k = 0; k < nc; k++) {
            SimCenter c;
            t.seed = seed_base() + (uint64_t)k;
            sim_center(t.seed, routing, &c);
            judge(&c, &rule, &t, NULL);
            sim_center_free(&c);
        }
        int found = 0, planted = 0;
        for (int cat = 0; cat < CAT_N; cat++) {
            print_message("  planted slow, %s: %d of %d flagged\n", cat_name[cat], t.found[cat], t.planted[cat]);
            found += t.found[cat], planted += t.planted[cat];
        }
        print_message("  all planted: %d of %d (%.0f%%); other agents flagged: %d (%d of them hard assignments slower "
                      "by nature than the line, +%.1f%%), decoys: %d, in %d agents; hard assignments flagged, not "
                      "planted, whatever their nature: %d\n", found, planted, 100.0 * found / planted, t.others,
                      t.hard_beyond, 100 * (exp(rule.slow_spread * SIM_SPEED_SPREAD) - 1), t.decoys, t.agents, t.hard);
        /* The README's row (its table is this line, copied by a command). */
        print_message("  | %s | %.0f%% | %d/%d, %d/%d, %d/%d | %d (%d) | %d |\n",
                      routing == SIM_IDLE_LONGEST ? "calls to the agent idle longest" : "calls by capacity",
                      100.0 * found / planted, t.found[CAT_DAY], t.planted[CAT_DAY], t.found[CAT_NIGHT],
                      t.planted[CAT_NIGHT], t.found[CAT_FOREIGN], t.planted[CAT_FOREIGN], t.others, t.hard_beyond,
                      t.decoys);
        if (t.keep) {
            nature_tables(&t, &rule);
            free(t.rows);
        }
        /* Judged after both routings, so that both print. */
        for (int cat = 0; cat < CAT_N; cat++)
            if (!(10 * t.found[cat] >= 9 * t.planted[cat]))
                bad++, print_message("  FAILS: planted %s under 90%%\n", cat_name[cat]);
        if (!(300 * t.others <= t.agents))
            bad++, print_message("  FAILS: other agents over 1 per 300\n");
        if (nc == DEFAULT_CENTERS ? t.decoys != 0 : !(300 * t.decoys <= t.agents))
            bad++, print_message("  FAILS: decoys\n");
    }
    assert_int_equal(bad, 0);
}

/* At equal natural speed, does a hard assignment read slower than an easy
 * one?  Of each kind (night phone, foreign or sign queue, part time, remote
 * days, long leave) the mean standardised residual (b x - y) / se - how far
 * the window's productivity lies below what his nature predicts, in his
 * test's own standard errors - against the easy agents' (day or evening
 * phone, full time, office): a bit set per kind that reads slower by more
 * than 0.25 + 2.5 standard errors of the difference.  Hired in the period
 * is left out: the window's productivity takes in a hire's grace months,
 * still learning (35% slower at hire in the simulation), so hires read
 * 0.6-0.9 slower than the easy agents at equal nature - issue 19's
 * measurements, left to a change of score_months. */
static unsigned slower_kinds(const Row *rows, int nrows)
{
    static const int judged[] = { KIND_NIGHT, KIND_SMALLQ, KIND_PART, KIND_REMOTE, KIND_NEW, KIND_LEAVE };
    Fair f = fair_fit(rows, nrows);
    KindMeans km = kind_means(rows, nrows, &f);
    unsigned bad = 0;
    for (size_t j = 0; j < sizeof judged / sizeof judged[0]; j++) {
        int k = judged[j];
        double d = km.mean[k] - km.mean[KIND_EASY], se = sqrt(km.se[k] * km.se[k] + km.se[KIND_EASY] * km.se[KIND_EASY]);
        int slower = km.n[k] >= 5 && !(d < 0.25 + 2.5 * se);
        print_message("    %-44s %4d agents: %+.2f against the easy agents' %+.2f (se %.2f)%s\n", kind_name[k], km.n[k],
                      km.mean[k], km.mean[KIND_EASY], se, slower ? ": SLOWER" : "");
        bad |= (unsigned)slower << k;
    }
    return bad;
}

static void gather(uint64_t seed, int routing, const ScoreRule *rule, int night_as_day, Tally *t)
{
    SimCenter c;
    sim_center(seed, routing, &c);
    if (night_as_day)  /* the night's records filed as the day's: their reference is the day peers' */
        for (size_t i = 0; i < c.n; i++)
            if (c.rec[i].shift == SK_NIGHT)
                c.rec[i].shift = SK_DAY;
    t->seed = seed;
    judge(&c, rule, t, NULL);
    sim_center_free(&c);
}

/* The flags of the agents not planted differ by assignment at equal
 * nature only as their noise does (issue 19: over 24 centers a fair,
 * honest rule expects 1.8-2.1 of 7,200 hard assignments inside the line
 * flagged and 0.3-0.5 easy ones - a noisier test lets more through near
 * the line, never more than 1 - sure at it; 1 and 2 were), so what must
 * hold is that no hard assignment reads slower at equal nature: on the
 * default centers, both routings - hires in the period too, since their
 * grace months are out of their window's measure (with them in, hires
 * read +0.6 to +0.85 se slower than their nature).  The check fails where
 * it should: one center with the night's records filed as the day's, and
 * one with remote days compared with office days (the simulation's remote
 * days are 5% slower for everyone). */
static void test_fair_at_equal_nature(void **state)
{
    (void)state;
    ScoreRule rule = default_rule();
    Tally t;
    memset(&t, 0, sizeof t);
    t.keep = 1;
    for (int routing = 0; routing < 2; routing++)
        for (int k = 0; k < DEFAULT_CENTERS; k++)
            gather(seed_base() + (uint64_t)k, routing, &rule, 0, &t);
    print_message("at equal nature, %d centers per routing, standardised residuals by kind:\n", DEFAULT_CENTERS);
    assert_int_equal(slower_kinds(t.rows, t.nrows), 0);
    free(t.rows);
    for (int control = 0; control < 2; control++) {
        ScoreRule r = default_rule();
        r.opts.remote_peers = control == 0;
        memset(&t, 0, sizeof t);
        t.keep = 1;
        gather(seed_base(), SIM_IDLE_LONGEST, &r, control == 0, &t);
        print_message("one center, %s:\n", control == 0 ? "the night's records filed as the day's"
                                                         : "remote days against office days");
        unsigned bad = slower_kinds(t.rows, t.nrows);
        assert_true(bad & (1u << (control == 0 ? KIND_NIGHT : KIND_REMOTE)));
        free(t.rows);
    }
}

/* The slowness test's band is honest in small queues too: over the agents
 * of each queue x shift kind (neither planted, new nor on long leave), the
 * productivity over the history is fitted by least squares on his natural
 * speed against his colleagues' (a second method, from the simulation's own
 * speeds); the residuals divided by the standard error must scatter as a
 * standard normal, sd 1 - on the foreign and sign queues, where a peer rate
 * is an average over ten agents, as on the phones.  Both routings, the
 * default centers: 700 agents on the small queues, so the sd is known to
 * +-0.03.  Without the reference's part (his peers' own spread) the small
 * queues' sd was 1.2.  On the way, the flags are held to the rule as
 * written: the slowness line's (the history's band, the window's reading)
 * and the composite line's (the month's band and the window's). */
static void test_band_calibrated(void **state)
{
    (void)state;
    double z2[2] = { 0 }, z2own[2] = { 0 };
    int nz[2] = { 0 }, between = 0, held = 0;
    double line_se = 0;
    for (int k = 0; k < 2 * DEFAULT_CENTERS; k++) {
        SimCenter c;
        Tally t;
        ScoreMonths m;
        ScoreRule rule = default_rule();
        memset(&t, 0, sizeof t);
        sim_center(seed_base() + (uint64_t)k / 2, k % 2 ? SIM_CAPACITY : SIM_IDLE_LONGEST, &c);
        judge(&c, &rule, &t, &m);
        /* The rule takes the whole band: flagged by the slowness line
         * exactly when the history's productivity plus `sure` standard
         * errors (his days', his reference's and the line's) lies below its
         * line and the window's productivity below the window's. */
        double zs = z_sure(rule.sure);
        assert_true(m.hist_k < m.first_k);   /* six months: the history is longer than the window */
        for (int a = 0; a < c.nagents; a++) {
            const AgentScore *w = &m.hist[a];
            double tot = sqrt(w->speed_se * w->speed_se + w->ref_se * w->ref_se + m.hist_line_se * m.hist_line_se);
            int slow = 0, months = 0;
            for (int mk = m.first_k; mk < m.nmonths; mk++) {
                size_t ci = (size_t)mk * (size_t)c.nagents + (size_t)a;
                slow |= (m.flag[ci] & SCORE_LINE_SLOW) != 0;
                months += m.ms[ci].days >= rule.opts.min_days && !m.grace[ci];
            }
            if (!isfinite(w->speed_part) || !months)
                continue;
            int now = m.win[a].speed_part < m.win_line;
            assert_int_equal(slow, w->speed_part + zs * tot < m.hist_line && now);
            /* A month counts by the composite line when its band lies below
             * the month's line and the window's band as a whole below the
             * window's (fcr_can_flag: no second test without FCR). */
            int whole = m.win[a].hi < m.win_cline[a];
            for (int mk = m.first_k; mk < m.nmonths; mk++) {
                size_t ci = (size_t)mk * (size_t)c.nagents + (size_t)a;
                int month = m.ms[ci].days >= rule.opts.min_days && !m.grace[ci] && m.ms[ci].hi < m.line[ci];
                assert_int_equal((m.flag[ci] & SCORE_LINE_COMPOSITE) != 0, month && whole);
                held += month && !whole;
            }
            between += w->speed_part + zs * w->speed_se < m.hist_line && now && !slow;
            line_se += m.hist_line_se / (c.nagents * 2 * DEFAULT_CENTERS);
        }
        for (int q = 0; q < SQ_COUNT; q++)
            for (int sk = SK_DAY; sk <= SK_NIGHT; sk++) {
                enum { MAXG = 300 };
                double x[MAXG], y[MAXG], se[MAXG], own[MAXG];
                int n = 0;
                for (int a = 0; a < c.nagents; a++) {
                    const SimAgent *g = &c.ag[a];
                    const AgentScore *w = &m.hist[a];
                    if (g->queue != q || g->shift != sk || g->planted || g->hire >= c.first_day ||
                        g->leave_to >= g->leave_from || w->days < 30 || !isfinite(w->speed_part))
                        continue;
                    double sum = 0;
                    int np = 0;
                    for (int b = 0; b < c.nagents; b++)
                        if (b != a && c.ag[b].queue == q && c.ag[b].shift == sk && c.ag[b].hire < c.first_day)
                            sum += log(c.ag[b].speed), np++;
                    x[n] = log(g->speed) - sum / np, y[n] = w->speed_part;
                    se[n] = sqrt(w->speed_se * w->speed_se + w->ref_se * w->ref_se), own[n] = w->speed_se;
                    n++;
                }
                if (n < 5)
                    continue;
                double mx = 0, my = 0, sxx = 0, sxy = 0;
                for (int i = 0; i < n; i++)
                    mx += x[i] / n, my += y[i] / n;
                for (int i = 0; i < n; i++)
                    sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
                double b = sxy / sxx, dof = (double)n / (n - 2);
                int small = q != SQ_PHONE;
                for (int i = 0; i < n; i++) {
                    double e = y[i] - my - b * (x[i] - mx);
                    z2[small] += dof * (e / se[i]) * (e / se[i]);
                    z2own[small] += dof * (e / own[i]) * (e / own[i]);
                    nz[small]++;
                }
            }
        score_months_free(&m);
        sim_center_free(&c);
    }
    double sd[2], sdown[2];
    for (int small = 0; small < 2; small++)
        sd[small] = sqrt(z2[small] / nz[small]), sdown[small] = sqrt(z2own[small] / nz[small]);
    print_message("slowness test's residuals / standard error, sd: phones %.2f (%d agents), foreign and sign "
                  "queues %.2f (%d agents); with his days' error alone %.2f and %.2f\n",
                  sd[0], nz[0], sd[1], nz[1], sdown[0], sdown[1]);
    print_message("agents below the slowness line by their days' error alone, not with the reference's and the "
                  "line's: %d; the line's standard error %.4f on average; months below the composite line held back "
                  "by the window's band: %d\n", between, line_se, held);
    for (int small = 0; small < 2; small++) {
        assert_true(sd[small] > 0.9);
        assert_true(sd[small] < 1.12);
    }
}


static double median_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The true spread as the rule takes it: (1.4826 MAD)^2 less the median
 * squared error, of the agents picked (idx). */
static double spread_of(const double *x, const double *e2, const int *idx, int n)
{
    double *v = malloc(sizeof *v * (size_t)n), *w = malloc(sizeof *w * (size_t)n);
    for (int i = 0; i < n; i++)
        v[i] = x[idx[i]], w[i] = e2[idx[i]];
    double mid = median_of(v, n);
    for (int i = 0; i < n; i++)
        v[i] = fabs(v[i] - mid);
    double mad = 1.4826 * median_of(v, n), t2 = mad * mad - median_of(w, n);
    free(v), free(w);
    return t2 > 0 ? sqrt(t2) : 0;
}

/* The slowness line's standard error (a formula) against the bootstrap's:
 * the agents resampled 400 times, the line drawn again each time. */
static void test_line_se_bootstrap(void **state)
{
    (void)state;
    double ratio = 0;
    int nc = 4;
    for (int k = 0; k < nc; k++) {
        SimCenter c;
        Tally t;
        ScoreMonths m;
        ScoreRule rule = default_rule();
        memset(&t, 0, sizeof t);
        sim_center(seed_base() + (uint64_t)k, SIM_IDLE_LONGEST, &c);
        judge(&c, &rule, &t, &m);
        assert_true(m.hist_line < log(1 - rule.slow_gap));   /* drawn at slow_spread true spreads */
        double x[300], e2[300];
        int idx[300], n = 0;
        for (int a = 0; a < c.nagents; a++) {
            const AgentScore *w = &m.hist[a];
            if (w->days >= rule.opts.min_days && isfinite(w->speed_part) && isfinite(w->speed_se))
                x[n] = w->speed_part, e2[n] = w->speed_se * w->speed_se, idx[n] = n, n++;
        }
        assert_close(-rule.slow_spread * spread_of(x, e2, idx, n), m.hist_line, 1e-12);
        Rng r;
        rng_seed(&r, 1000 + (uint64_t)k);
        double s1 = 0, s2 = 0;
        for (int b = 0; b < 400; b++) {
            for (int i = 0; i < n; i++)
                idx[i] = (int)rng_below(&r, (uint32_t)n);
            double line = -rule.slow_spread * spread_of(x, e2, idx, n);
            s1 += line, s2 += line * line;
        }
        double boot = sqrt((s2 - s1 * s1 / 400) / 399);
        print_message("center %d: slowness line %.4f, its standard error %.4f by formula, %.4f by bootstrap\n", k,
                      m.hist_line, m.hist_line_se, boot);
        ratio += m.hist_line_se / boot / nc;
        score_months_free(&m);
        sim_center_free(&c);
    }
    assert_true(ratio > 0.75 && ratio < 1.33);
}

/* Remote days 5% slower for everyone: compared with office days, agents
 * with many remote days score lower; compared with remote days, not. */
static void test_remote_peers(void **state)
{
    (void)state;
    SimCenter c;
    sim_center(7, SIM_IDLE_LONGEST, &c);
    double gap[2];
    for (int rp = 0; rp < 2; rp++) {
        ScoreRule rule = default_rule();
        rule.opts.remote_peers = rp;
        Tally t;
        ScoreMonths m;
        memset(&t, 0, sizeof t);
        judge(&c, &rule, &t, &m);
        double s1 = 0, s0 = 0;
        int n1 = 0, n0 = 0;
        for (int a = 0; a < c.nagents; a++) {
            if (c.ag[a].planted || !isfinite(m.all[a].speed_part))
                continue;
            if (c.ag[a].remote_days == 5)
                s1 += m.all[a].speed_part, n1++;
            else if (c.ag[a].remote_days == 0)
                s0 += m.all[a].speed_part, n0++;
        }
        gap[rp] = s1 / n1 - s0 / n0;
        score_months_free(&m);
    }
    print_message("fully remote against office agents, productivity (log): %+.3f against office days, %+.3f "
                  "against remote days\n", gap[0], gap[1]);
    /* 5% slower: log(1/1.05) = -0.049 of handling time where idle, less
     * where busy (the squared occupancy's share of CPD). */
    assert_true(gap[0] < -0.03);
    assert_true(fabs(gap[1]) < 0.015);
    sim_center_free(&c);
}

/* New hires start 35% slower: with a grace of 3 months none is flagged;
 * without one, some are (2 of 38: the composite's months count only with
 * the window's band as a whole below its line, which holds most learning
 * months back - 5 of 38 before that). */
static void test_new_hire_grace(void **state)
{
    (void)state;
    int with = 0, without = 0, hires = 0;
    for (int k = 0; k < 2; k++) {
        SimCenter c;
        sim_center(300 + (uint64_t)k, SIM_CAPACITY, &c);
        for (int gr = 0; gr < 2; gr++) {
            ScoreRule rule = default_rule();
            rule.grace_months = gr ? 3 : 0;
            rule.months_window = 6, rule.months_flagged = 1;  /* any month: the hires' first ones count */
            Tally t;
            ScoreMonths m;
            memset(&t, 0, sizeof t);
            judge(&c, &rule, &t, &m);
            for (int a = 0; a < c.nagents; a++) {
                if (c.ag[a].hire < c.first_day || c.ag[a].planted)
                    continue;
                hires += gr == 0;
                int months = 0;
                for (int mk = 0; mk < m.nmonths; mk++)
                    if (m.flag[(size_t)mk * (size_t)c.nagents + (size_t)a]) {
                        months++;
                        /* A flagged month in grace would break the rule. */
                        assert_false(m.grace[(size_t)mk * (size_t)c.nagents + (size_t)a]);
                    }
                if (gr)
                    with += months > 0;
                else
                    without += months > 0;
            }
            score_months_free(&m);
        }
        sim_center_free(&c);
    }
    print_message("new hires (35%% slower at hire, learning over two months): %d of %d flagged in some month "
                  "without a grace, %d with 3 months' grace\n", without, hires, with);
    assert_true(without >= 2);
    assert_int_equal(with, 0);
}

/* FCR alone: an agent with the lowest first-contact resolution but normal
 * speed is flagged only where the configuration lets FCR flag alone. */
static void test_fcr_alone(void **state)
{
    (void)state;
    SimCenter c;
    sim_center(11, SIM_IDLE_LONGEST, &c);
    int who = -1;
    for (int a = 0; a < c.nagents && who < 0; a++)
        if (!c.ag[a].planted && !sim_is_decoy(&c, a) && c.ag[a].hire < c.first_day && fabs(log(c.ag[a].speed)) < 0.01)
            who = a;
    assert_true(who >= 0);
    for (size_t i = 0; i < c.n; i++)
        if (c.rec[i].agent == who)
            c.rec[i].resolved_first = floor(c.rec[i].handled * 0.45);
    int flagged[2];
    for (int fc = 0; fc < 2; fc++) {
        ScoreRule rule = default_rule();
        rule.fcr_can_flag = fc;
        rule.opts.w = (ScoreWeights){ 0.4, 0.4, 0.1, 0.1 };
        Tally t;
        ScoreMonths m;
        memset(&t, 0, sizeof t);
        judge(&c, &rule, &t, &m);
        flagged[fc] = m.lp_months[who] >= rule.months_flagged;
        if (fc)
            print_message("agent with FCR 45%% against 80%%: composite %.2f, without FCR %.2f; flagged %d with "
                          "fcr_can_flag, ", m.all[who].composite, m.all[who].nf_composite, flagged[fc]);
        score_months_free(&m);
    }
    print_message("%d without\n", flagged[0]);
    assert_int_equal(flagged[1], 1);
    assert_int_equal(flagged[0], 0);
    sim_center_free(&c);
}

/* The slowness test reads six months, and the window must read slow too:
 * a night agent of ordinary speed made 30% slower per call (his records'
 * handling times scaled) over all six months is flagged by the slowness
 * line, over the first three only (he has since mended) he is not - with
 * history_months 6 as with the window alone; and six months of calls
 * narrow his band by about the square root of two. */
static void test_history_and_now(void **state)
{
    (void)state;
    SimCenter c;
    sim_center(seed_base(), SIM_IDLE_LONGEST, &c);
    int a = -1;
    for (int b = 0; b < c.nagents && a < 0; b++) {
        const SimAgent *g = &c.ag[b];
        if (g->shift == SK_NIGHT && !g->planted && !g->remote_days && g->hire < c.first_day &&
            g->leave_to < g->leave_from && fabs(log(g->speed)) < SIM_SPEED_SPREAD)
            a = b;
    }
    assert_true(a >= 0);
    PerfRec *orig = malloc(sizeof *orig * c.n);
    assert_non_null(orig);
    memcpy(orig, c.rec, sizeof *orig * c.n);
    int april = date_from_ymd(2021, 4, 1);
    for (int history = 3; history <= 6; history += 3)
        for (int mended = 0; mended < 2; mended++) {
            memcpy(c.rec, orig, sizeof *orig * c.n);
            for (size_t i = 0; i < c.n; i++)
                if (c.rec[i].agent == a && (!mended || c.rec[i].day < april))
                    c.rec[i].talk_s *= 1.3, c.rec[i].hold_s *= 1.3, c.rec[i].acw_s *= 1.3;
            ScoreRule rule = default_rule();
            rule.history_months = history;
            int mstart[6], nm, to, ten[300];
            ScoreMonths m;
            months_of(&c, mstart, &nm, &to);
            tenure_of(&c, to, ten);
            score_months(c.rec, c.n, c.nagents, ten, c.hire, mstart, nm, to, &rule, &m);
            int slow = 0;
            for (int k = m.first_k; k < m.nmonths; k++)
                slow += (m.flag[(size_t)k * (size_t)c.nagents + (size_t)a] & SCORE_LINE_SLOW) != 0;
            print_message("night agent %d, %d%% slower per call %s: history of %d months, productivity %+.1f%% (se %.1f%%), "
                          "the window's %+.1f%% (se %.1f%%); months counted by the slowness line %d\n", a, 30,
                          mended ? "in the first three months only" : "all six months", m.nmonths - m.hist_k,
                          100 * (exp(m.hist[a].speed_part) - 1), 100 * m.hist[a].speed_se,
                          100 * (exp(m.win[a].speed_part) - 1), 100 * m.win[a].speed_se, slow);
            assert_int_equal(m.nmonths - m.hist_k, history);
            assert_int_equal(slow, mended ? 0 : 3);
            if (history == 6 && !mended) {
                double narrower = m.win[a].speed_se / m.hist[a].speed_se;
                assert_true(narrower > 1.2 && narrower < 1.7);
            }
            score_months_free(&m);
        }
    free(orig);
    sim_center_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finds_slow_everywhere), cmocka_unit_test(test_fair_at_equal_nature),
        cmocka_unit_test(test_band_calibrated),
        cmocka_unit_test(test_line_se_bootstrap), cmocka_unit_test(test_remote_peers),
        cmocka_unit_test(test_new_hire_grace), cmocka_unit_test(test_fcr_alone),
        cmocka_unit_test(test_history_and_now),
    };
    return cmocka_run_group_tests_name("score_sim", tests, NULL, NULL);
}
