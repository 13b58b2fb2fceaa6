/*
 * main.c - parse the subcommand, dispatch, map the result to an exit code:
 * 0 success, 1 bad input or configuration, 2 usage, 3 no acceptable solve.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const Cmd commands[] = {
    { "init", "[--db FILE] [--config FILE]", "Create the store, or migrate it to this version's schema.", cmd_init },
    { "import", "volumes|agents|leave|perf|preferences|requirements FILE.csv [--replace]",
      "Load a CSV file into the store, all or nothing.", cmd_import },
    { "forecast", "--month YYYY-MM [--method auto|NAME] [--backtest N] [--csv FILE]",
      "Forecast a month's calls hour by hour, after backtesting every method.", cmd_forecast },
    { "staff", "--month YYYY-MM [--model erlang-c|erlang-a]",
      "Agents needed per hour of a month, on the phone and on duty, into the store.", cmd_staff },
    { "roster", "--month YYYY-MM [--time-limit S]",
      "The month's roster of named agents: shift plan (GLPK), agents, rules checked, stored.", cmd_roster },
    { "check", "--month YYYY-MM", "Re-verify the stored roster against every hard rule (exit 0 only if none broken).",
      cmd_check },
    { "plan", "--month YYYY-MM [--time-limit S] [--out DIR]",
      "The monthly job: forecast, staffing, roster and the month's reports.", cmd_plan },
    { "score", "--from DATE --to DATE", "Fair composite CPD scores per agent and month, and the low-performer list.",
      cmd_score },
    { "surge", "--date DATE [--calls N[,N...]] [--days K] [--deflect P] [--aht-factor F] [--like DATE]",
      "Surge scenarios against the stored roster: overtime (stage 1), outside agents (stage 2).", cmd_surge },
    { "report", "history|forecast|coverage|roster|score|surge [--month YYYY-MM | --from DATE --to DATE | --date DATE] [--out DIR]", "Write a report folder: index.html, charts and CSV.", cmd_report },
    { "erlang", "--calls N --aht S [--interval S] [--agents N | --sl P --within S ...] [--patience S]",
      "Queueing calculator: every Erlang B/C/A measure, or the agents a target needs.", cmd_erlang },
    { "sample", "seoul|gimpo [--out DIR] [--seed N]",
      "Write a sample center's CSV files and wfm.cfg (deterministic).", cmd_sample },
    { "demo", "[--out DIR]", "Sample center, store, imports and reports: from nothing to a picture.", cmd_demo },
    { NULL, NULL, NULL, NULL },
};

const Cmd *cli_find(const char *name)
{
    for (int i = 0; commands[i].name; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: wfm <command> [options]   (wfm <command> --help for its options)\n\n"
               "A workforce planner for public call centers: history -> forecast -> staffing ->\n"
               "roster, with scores and surge plans.  Commands that use the store take --db FILE\n"
               "(default wfm.db) and --config FILE (default wfm.cfg).\n\ncommands:\n");
    for (int i = 0; commands[i].name; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
    WfmErr err = { 0, "" };
    const Cmd *cmd;
    int rc;

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        if (argc > 2 && (cmd = cli_find(argv[2]))) {
            char *args[] = { argv[2], (char *)"--help", NULL };
            return cmd->run(2, args, &err) < 0 ? 2 : 0;
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("wfm 0.1\n");
        return 0;
    }
    cmd = cli_find(argv[1]);
    if (!cmd) {
        fprintf(stderr, "wfm: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    rc = cmd->run(argc - 1, argv + 1, &err);
    if (rc == 1)  /* help was printed */
        return 0;
    if (rc < 0) {
        fprintf(stderr, "wfm: %s\n", err.msg);
        return wfm_exit_status(rc);
    }
    return 0;
}
