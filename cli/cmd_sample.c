#include "cli.h"
#include "../data/sample/gen.h"
#include "../reports/html.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static void print_totals(SampleCenter c, const SampleTotals *t)
{
    printf("%-40s %14s %14s\n", "figure", "generated", "published");
    if (c == SAMPLE_SEOUL) {
        printf("%-40s %14.0f %14s\n", "offered calls 2019", t->offered[0], "3,603,762");
        printf("%-40s %14.0f %14s\n", "answered calls 2019", t->answered[0], "3,129,674");
        printf("%-40s %13.1f%% %14s\n", "answer rate 2019", 100 * t->answered[0] / t->offered[0], "86.8%");
        printf("%-40s %14.0f %14s\n", "offered calls 2020", t->offered[1], "5,305,817");
        printf("%-40s %14.0f %14s\n", "answered calls 2020", t->answered[1], "4,118,511");
        printf("%-40s %13.1f%% %14s\n", "answer rate 2020", 100 * t->answered[1] / t->offered[1], "77.6%");
        printf("%-40s %14.0f %14s\n", "answered per weekday 09-18, 2020", t->weekday_day_answered, "14,337");
        printf("%-40s %14.0f %14s\n", "answered per weekday night 18-09, 2020", t->weekday_night_answered, "1,116");
        printf("%-40s %14.0f %14s\n", "answered per Sunday/holiday, 2020", t->holiday_answered, "4,021");
        printf("%-40s %13.1f%% %14s\n", "offered after noon", 100 * t->pm_share, "63%");
        printf("%-40s %13.0f%% %14s\n", "May 2020 over May 2019 (offered)", 100 * t->surge_ratio, "245%");
        printf("%-40s %14d %14s\n", "agents", t->agents, "397 (2020)");
    } else {
        printf("%-40s %14.0f %14s\n", "offered per weekday", t->weekday_offered, "839-1,157");
        printf("%-40s %13.1f%% %14s\n", "answer rate 2020", 100 * t->answered[1] / t->offered[1], "95.8%");
        printf("%-40s %13.1f%% %14s\n", "offered after noon", 100 * t->pm_share, "-");
        printf("%-40s %14d %14s\n", "agents", t->agents, "15");
    }
    printf("%-40s %14d\n", "  night team (evening and night shifts)", t->night_agents);
    printf("%-40s %14d\n", "  weekend-essential team", t->weekend_agents);
    printf("%-40s %14d\n", "  foreign-language", t->foreign_agents);
    printf("%-40s %14d\n", "  sign-language", t->sign_agents);
    printf("%-40s %14d\n", "  remote-eligible", t->remote_ok_agents);
    printf("%-40s %14d\n", "  planted slow agents", t->slow_agents);
    printf("%-40s %14ld / %ld / %ld / %ld\n", "rows: volume / leave / perf / preferences", t->volume_rows,
           t->leave_rows, t->perf_rows, t->pref_rows);
}

static int sample_center(const char *word, SampleCenter *c, WfmErr *err)
{
    if (strcmp(word, "seoul") == 0)
        *c = SAMPLE_SEOUL;
    else if (strcmp(word, "gimpo") == 0)
        *c = SAMPLE_GIMPO;
    else
        return wfm_err(err, WFM_EUSAGE, "unknown sample center '%s': seoul or gimpo", word);
    return 0;
}

int cmd_sample(int argc, char **argv, WfmErr *err)
{
    const char *out = NULL, *seed_s = NULL, *pos[1];
    const Opt opts[] = {
        { "--out", "DIR", "where to write the files (default sample-NAME)", &out, NULL },
        { "--seed", "N", "the random seed (default 20200501)", &seed_s, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    char dir[PATH_MAX];
    long seed = SAMPLE_SEED;
    SampleCenter c = SAMPLE_SEOUL;
    SampleTotals t;
    int rc, npos;

    if ((rc = cli_parse(cli_find("sample"), argc, argv, opts, pos, 1, &npos, err)))
        return rc;
    if (npos != 1)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm sample seoul|gimpo [--out DIR] [--seed N]");
    if ((rc = sample_center(pos[0], &c, err)) ||
        (seed_s && (rc = cli_int("--seed", seed_s, 0, 2147483647L, &seed, err))))
        return rc;
    if ((rc = cli_path(dir, sizeof dir, err, "%s", out ? out : (c == SAMPLE_SEOUL ? "sample-seoul" : "sample-gimpo"))))
        return rc;
    if ((rc = html_mkdir(dir, err)) || (rc = sample_generate(c, dir, (uint64_t)seed, &t, err)))
        return rc;
    printf("wrote the %s sample into '%s'\n", pos[0], dir);
    print_totals(c, &t);
    return 0;
}
