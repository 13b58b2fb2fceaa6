#include "cli.h"
#include "../core/throttle.h"
#include "../data/cfg.h"
#include "../reports/html.h"
#include "../solver/colgen.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_quiet;

static void print_help(const Cmd *cmd, const Opt *opts)
{
    printf("usage: wfm %s %s\n\n%s\n\noptions:\n", cmd->name, cmd->synopsis, cmd->summary);
    for (int i = 0; opts[i].name; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", opts[i].name, opts[i].arg ? " " : "",
                 opts[i].arg ? opts[i].arg : "");
        printf("  %-22s %s\n", left, opts[i].help);
    }
    printf("  %-22s %s\n", "--help", "show this help");
    if (!cmd->example)
        return;
    printf("\nexample%s:\n", strchr(cmd->example, '\n') ? "s" : "");
    for (const char *e = cmd->example; *e;) {
        size_t n = strcspn(e, "\n");
        printf("  %.*s\n", (int)n, e);
        e += n + (e[n] == '\n');
    }
}

int cli_parse(const Cmd *cmd, int argc, char **argv, const Opt *opts, const char **pos,
              int maxpos, int *npos, WfmErr *err)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help(cmd, opts);
            return 1;
        }
        if (a[0] == '-' && a[1] == '-') {
            const char *eq = strchr(a, '=');
            size_t n = eq ? (size_t)(eq - a) : strlen(a);
            int k = -1;
            for (int j = 0; opts[j].name; j++)
                if (strlen(opts[j].name) == n && strncmp(opts[j].name, a, n) == 0)
                    k = j;
            if (k < 0)
                return wfm_err(err, WFM_EUSAGE, "unknown option '%.*s' for 'wfm %s' (see wfm %s --help)",
                               (int)n, a, cmd->name, cmd->name);
            if (!opts[k].arg) {
                if (eq)
                    return wfm_err(err, WFM_EUSAGE, "option '%s' takes no value", opts[k].name);
                *opts[k].flag = 1;
            } else if (eq) {
                *opts[k].val = eq + 1;
            } else if (i + 1 < argc) {
                *opts[k].val = argv[++i];
            } else {
                return wfm_err(err, WFM_EUSAGE, "option '%s' needs a value %s", opts[k].name, opts[k].arg);
            }
            continue;
        }
        if (*npos >= maxpos)
            return wfm_err(err, WFM_EUSAGE, "unexpected argument '%s' for 'wfm %s' (see wfm %s --help)",
                           a, cmd->name, cmd->name);
        pos[(*npos)++] = a;
    }
    return 0;
}

int cli_config(const char *path, WfmConfig *cfg, WfmErr *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return wfm_err(err, WFM_EINPUT,
                       "cannot read configuration '%s': %s (copy one from data/sample/, or run 'wfm demo')",
                       path, strerror(errno));
    int rc = cfg_load(path, cfg, err);
    if (!rc)   /* the reports' CSVs start with the byte-order mark as configured */
        html_set_csv_bom(cfg->csv_bom);
    return rc;
}

int cli_int(const char *opt, const char *text, long lo, long hi, long *out, WfmErr *err)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (!*text || *end || errno)
        return wfm_err(err, WFM_EUSAGE, "option '%s': '%s' is not a whole number", opt, text);
    if (v < lo || v > hi)
        return wfm_err(err, WFM_EUSAGE, "option '%s': %ld is outside %ld-%ld", opt, v, lo, hi);
    *out = v;
    return 0;
}

int cli_num(const char *opt, const char *text, double lo, double hi, double *out, WfmErr *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (!*text || *end || errno || !isfinite(v))
        return wfm_err(err, WFM_EUSAGE, "option '%s': '%s' is not a number", opt, text);
    if (v < lo || v > hi)
        return wfm_err(err, WFM_EUSAGE, "option '%s': %g is outside %g-%g", opt, v, lo, hi);
    *out = v;
    return 0;
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    if (cli_quiet)
        return;
    fputs("wfm: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_path(char *buf, size_t cap, WfmErr *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap) {
        int rc = wfm_err(err, WFM_EINPUT, "cannot write '%.80s...': the path is longer than %zu bytes", buf, cap - 1);
        buf[0] = 0;
        return rc;
    }
    return 0;
}

/* A value for the progress line, "-" when there is none yet. */
static const char *pnum(char *buf, size_t cap, double v)
{
    if (isfinite(v))
        snprintf(buf, cap, "%.1f", v);
    else
        snprintf(buf, cap, "-");
    return buf;
}

void cli_colgen_progress(void *user, const struct ColGenProgress *p)
{
    char what[48] = "", lp[32], bound[32], best[32], gap[32] = "-";
    if (cli_quiet || !throttle_due(user, p->elapsed, p->phase))
        return;
    if (p->phase == COLGEN_PHASE_ROOT)
        snprintf(what, sizeof what, ", %d round%s", p->rounds, p->rounds == 1 ? "" : "s");
    else if (p->phase == COLGEN_PHASE_DIVE)
        snprintf(what, sizeof what, ", %d of %d agents fixed", p->fixed, p->agents);
    else if (p->phase == COLGEN_PHASE_START)
        snprintf(what, sizeof what, ", %d agents", p->agents);
    if (isfinite(p->best) && isfinite(p->bound) && p->best > 1e-9)
        snprintf(gap, sizeof gap, "%.2f%%", 100 * fmax(0, p->best - p->bound) / p->best);
    fprintf(stderr, "wfm: roster %5.1f s: %s%s; LP %s, bound %s, best %s, gap %s; %.0f s of %.0f left\n", p->elapsed,
            colgen_phase_name(p->phase), what, pnum(lp, sizeof lp, p->lp), pnum(bound, sizeof bound, p->bound),
            pnum(best, sizeof best, p->best), gap, fmax(0, p->limit - p->elapsed), p->limit);
}
