/*
 * main.c - parse the subcommand, dispatch, map the result to an exit code:
 * 0 success, 1 bad input or configuration, 2 usage, 3 no acceptable solve.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const Cmd commands[] = {
    { "init", "[--db FILE] [--config FILE]", "Create the store, or migrate it to this version's schema.", cmd_init,
      "wfm init\nwfm init --db center.db --config center.cfg" },
    { "import", "volumes|agents|leave|perf|preferences|requirements FILE.csv [--replace]",
      "Load a CSV file into the store, all or nothing.", cmd_import,
      "wfm import agents agents.csv\nwfm import volumes volumes.csv --replace" },
    { "forecast", "--month YYYY-MM [--method auto|NAME] [--backtest N] [--csv FILE] [--quiet]",
      "Forecast a month's calls hour by hour, after backtesting every method.", cmd_forecast,
      "wfm forecast --month 2021-02\nwfm forecast --month 2021-02 --method yearly --csv forecast.csv" },
    { "staff", "--month YYYY-MM [--model erlang-c|erlang-a] [--quiet]",
      "Agents needed per hour of a month, on the phone and on duty, into the store.", cmd_staff,
      "wfm staff --month 2021-02\nwfm staff --month 2021-02 --model erlang-c" },
    { "roster", "--month YYYY-MM [--time-limit S] [--method colgen|plan] [--quiet]",
      "The month's roster of named agents, by column generation on the duty grid (a master LP over whole "
      "months, each agent's best month under every rule, a dive, annealing), with a progress line every few "
      "seconds; every hard rule checked, stored.", cmd_roster,
      "wfm roster --month 2021-02\nwfm roster --month 2021-02 --time-limit 300 --quiet\n"
      "wfm roster --month 2021-02 --method plan" },
    { "check", "--month YYYY-MM", "Re-verify the stored roster against every hard rule (exit 0 only if none broken).",
      cmd_check, "wfm check --month 2021-02" },
    { "plan", "--month YYYY-MM [--time-limit S] [--out DIR] [--quiet]",
      "The monthly job: forecast, staffing, roster and the month's reports.", cmd_plan,
      "wfm plan --month 2021-02\nwfm plan --month 2021-02 --time-limit 120 --out out/feb > plan.log 2>&1" },
    { "score", "--from DATE --to DATE", "Fair composite CPD scores per agent and month, and the low-performer list.",
      cmd_score, "wfm score --from 2020-01-01 --to 2020-12-31" },
    { "surge", "--date DATE [--calls N[,N...]] [--days K] [--deflect P] [--aht-factor F] [--like DATE] "
      "[--target answer-rate|service-level] [--time-limit S] [--quiet]",
      "Surge scenarios against the stored roster: overtime (stage 1), outside agents (stage 2).", cmd_surge,
      "wfm surge --date 2021-01-13\nwfm surge --date 2021-01-11 --days 14 --calls 60000,80000 --deflect 0.1 --aht-factor 1.2" },
    { "report", "history|forecast|coverage|roster|score|surge|index [--month YYYY-MM | --from DATE --to DATE | --date DATE] [--out DIR]", "Write a report folder: index.html, charts and CSV.", cmd_report,
      "wfm report roster --month 2021-01 --out out/roster\nwfm report score --from 2020-01-01 --to 2020-12-31\n"
      "wfm report surge --date 2021-01-13" },
    { "erlang", "--calls N --aht S [--interval S] [--agents N | --sl P --within S ...] [--patience S]",
      "Queueing calculator: every Erlang B/C/A measure, or the agents a target needs.", cmd_erlang,
      "wfm erlang --calls 360 --interval 1800 --aht 240 --agents 55 --within 15 --patience 120\n"
      "wfm erlang --calls 2400 --aht 200 --sl 0.8 --within 20 --answer-rate 0.95 --patience 120" },
    { "sample", "seoul|gimpo [--out DIR] [--seed N]",
      "Write a sample center's CSV files and wfm.cfg (deterministic).", cmd_sample,
      "wfm sample gimpo --out gimpo\nwfm sample seoul --out seoul --seed 7" },
    { "demo", "[--out DIR] [--quiet]", "Sample center, store, imports and reports: from nothing to a picture.", cmd_demo,
      "wfm demo\nwfm demo --out /tmp/demo --quiet" },
    { NULL, NULL, NULL, NULL, NULL },
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
    fprintf(f, "usage: wfm <command> [options]   (wfm <command> --help: its options and examples)\n\n"
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

    /* Whole lines to stdout as they are written, so that a log of stdout
     * and stderr together keeps the order things happened in. */
    setvbuf(stdout, NULL, _IOLBF, 0);
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
