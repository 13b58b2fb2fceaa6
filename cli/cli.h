/*
 * cli.h - what the subcommands share: option parsing, opening the store and
 * the configuration, and printing.  Only cli/ prints to the user.
 */
#ifndef WFM_CLI_H
#define WFM_CLI_H

#include "../core/err.h"
#include "../data/store.h"
#include "../model/config.h"

typedef struct Opt {
    const char *name;     /* "--db" */
    const char *arg;      /* "FILE", or NULL for a flag */
    const char *help;
    const char **val;     /* where the argument goes */
    int *flag;            /* where a flag's 1 goes */
} Opt;

typedef struct Cmd {
    const char *name;
    const char *synopsis;  /* after "wfm NAME " */
    const char *summary;
    int (*run)(int argc, char **argv, WfmErr *err);
    const char *example;   /* command lines that work, one a line: the end of --help */
} Cmd;

/* Parses argv[1..] of a subcommand against opts (NULL-name terminated);
 * positional words go to pos[0..maxpos).  Returns 0, 1 after printing
 * --help, or WFM_EUSAGE with the reason in err. */
int cli_parse(const Cmd *cmd, int argc, char **argv, const Opt *opts, const char **pos,
              int maxpos, int *npos, WfmErr *err);

/* Loads the configuration; a missing default file is an error that says how
 * to make one. */
int cli_config(const char *path, WfmConfig *cfg, WfmErr *err);
/* Parses a whole number option in [lo, hi]. */
int cli_int(const char *opt, const char *text, long lo, long hi, long *out, WfmErr *err);
/* Parses a number option in [lo, hi]. */
int cli_num(const char *opt, const char *text, double lo, double hi, double *out, WfmErr *err);

/* Progress and notes go to stderr; results to stdout (line-buffered, set
 * once in main, so that a log of both keeps the order they happened in). */
void cli_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The process's one verbosity setting, like git's --quiet: the option of
 * every command that solves sets it; then cli_note and the progress lines
 * print nothing (errors, and results on stdout, still). */
extern int cli_quiet;
#define CLI_QUIET_OPT { "--quiet", NULL, "no progress lines or notes on stderr (errors still)", NULL, &cli_quiet }

/* Seconds between a solve's progress lines within one phase. */
#define CLI_PROGRESS_EVERY 2.5

struct ColGenProgress;
/* A roster solve's progress line on stderr, as ColGenIn.progress; user is
 * a Throttle (core/throttle.h) set up with CLI_PROGRESS_EVERY: a line at
 * the start, at each phase's start, every few seconds within a phase and at
 * the end - phase, round or agents fixed, the master LP, the bound, the best
 * roster, the gap, the time left.  Nothing with --quiet. */
void cli_colgen_progress(void *user, const struct ColGenProgress *p);

const Cmd *cli_find(const char *name);

/* Formats a path into buf (cap bytes, PATH_MAX at most useful).  Returns 0,
 * or WFM_EINPUT ("cannot write '...': the path is longer than N bytes")
 * when it would not fit: a path is refused, never cut. */
int cli_path(char *buf, size_t cap, WfmErr *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Imports one file and prints what it did (shared by import and demo). */
int cli_import_file(Store *s, int kind, const char *path, int replace, const WfmConfig *cfg,
                    WfmErr *err);
/* Writes the history report into dir (shared by report and demo). */
int cli_report_history(Store *s, const WfmConfig *cfg, const char *dir, const char *script_dir,
                       WfmErr *err);
/* Forecasts month (method -1: auto) into the store as one run, and into
 * csv when given (shared by forecast and demo). */
int cli_forecast_month(Store *s, const WfmConfig *cfg, const char *month, int method, int nback,
                       const char *csv, WfmErr *err);
/* Writes the forecast report of month into dir (shared by report and demo). */
int cli_report_forecast(Store *s, const WfmConfig *cfg, const char *month, const char *dir,
                        const char *script_dir, WfmErr *err);
/* Writes the HR score report of [from, to] into dir (shared by report and demo). */
int cli_report_score(Store *s, const WfmConfig *cfg, const char *from, const char *to, const char *dir,
                     const char *script_dir, WfmErr *err);
/* Rosters month (shift plan within tl seconds, named agents, checked) into the store. */
int cli_roster_month(Store *s, const WfmConfig *cfg, const char *month, double tl, int use_plan, WfmErr *err);
/* Staffs month into the store as one run (shared by staff and demo). */
int cli_staff_month(Store *s, const WfmConfig *cfg, const char *month, int model, WfmErr *err);
/* Writes the coverage report of month into dir (shared by report and demo). */
int cli_report_coverage(Store *s, const WfmConfig *cfg, const char *month, const char *dir,
                        const char *script_dir, WfmErr *err);
/* The month's need per interval of the duty grid (*I minutes, *nt of them;
 * a partly open hour's calls in its open part, as the roster is solved)
 * and, when a roster of the month is stored, its agents on duty per
 * interval by the checker (else *duty_i is NULL); free both. */
int cli_roster_grid(Store *s, const WfmConfig *cfg, const char *month, int *I, int *nt, double **need_i,
                    double **duty_i, WfmErr *err);

/* A surge run: days [first, first + k) shaped like the forecast of the k
 * days from shape_first; a scenario for the forecast as it is and one per
 * volume (calls a day). */
typedef struct SurgeArgs {
    int first, shape_first, k;
    const double *volumes;
    int nvol;
    double deflect, aht_factor;
    double time_limit;        /* guard per surge day on GLPK's simplex; 0: 5 s */
    int target;               /* SURGE_TARGET_* (0: the answer rate) */
    double budget;            /* won for overtime and outside agents (0: none) */
    double absence, aht_drift; /* several days: agents absent, the AHT's drift a day (SurgeScenario) */
} SurgeArgs;

/* Plans the scenarios against the stored roster and stores them as one run
 * (shared by surge and demo). */
int cli_surge(Store *s, const WfmConfig *cfg, const SurgeArgs *g, WfmErr *err);

/* Writes the report of month's newest roster into dir (shared by report, plan and demo). */
int cli_report_roster(Store *s, const WfmConfig *cfg, const char *month, const char *dir, const char *script_dir,
                      WfmErr *err);

/* Writes the report of the newest surge plan starting on date into dir. */
int cli_report_surge(Store *s, const WfmConfig *cfg, const char *date, const char *dir, const char *script_dir,
                     WfmErr *err);

/* The month's front page (dir/index.html) from the store's figures,
 * linking the report folders found in dir (shared by report, plan and demo). */
int cli_report_index(Store *s, const WfmConfig *cfg, const char *month, const char *dir, WfmErr *err);
/* The roster's month as its report's table gives it, for the front page:
 * WFM_EINPUT when the month has no roster. */
struct IndexRoster;
int cli_roster_glance(Store *s, const WfmConfig *cfg, const char *month, struct IndexRoster *g, WfmErr *err);

int cmd_init(int argc, char **argv, WfmErr *err);
int cmd_import(int argc, char **argv, WfmErr *err);
int cmd_report(int argc, char **argv, WfmErr *err);
int cmd_sample(int argc, char **argv, WfmErr *err);
int cmd_demo(int argc, char **argv, WfmErr *err);
int cmd_erlang(int argc, char **argv, WfmErr *err);
int cmd_staff(int argc, char **argv, WfmErr *err);
int cmd_forecast(int argc, char **argv, WfmErr *err);
int cmd_score(int argc, char **argv, WfmErr *err);
int cmd_roster(int argc, char **argv, WfmErr *err);
int cmd_check(int argc, char **argv, WfmErr *err);
int cmd_plan(int argc, char **argv, WfmErr *err);
int cmd_surge(int argc, char **argv, WfmErr *err);

/* Per hour of the day, the q-quantile of actual / forecast in the 6-month
 * month-ahead backtest of the forecast method named method on the queue's
 * history before day first (1 where unknown).  Returns 0, or -1 when the
 * method is unknown or nothing could be backtested. */
int cli_forecast_quantile(const VolumeSeries *v, const WfmConfig *cfg, int first, const char *method, double q,
                          double ratio[24]);

#endif
