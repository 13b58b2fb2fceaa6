/*
 * bench.c - `make bench`: speed figures, each with a baseline measured in the
 * same process, so the ratio means something on any machine.
 */
#include "../core/date.h"
#include "../core/rng.h"
#include "../data/csvin.h"
#include "../data/import.h"
#include "../data/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* 2,000,000 perf rows: 5,480 agents x 365 days (the last day cut short). */
static long write_perf(const char *dir, int nagents, long rows)
{
    char path[512];
    Rng r;
    long n = 0;
    FILE *f;
    rng_seed(&r, 7);
    snprintf(path, sizeof path, "%s/agents.csv", dir);
    f = fopen(path, "w");
    fputs("id,team\n", f);
    for (int a = 0; a < nagents; a++)
        fprintf(f, "B%05d,day\n", a);
    fclose(f);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    f = fopen(path, "w");
    fputs("date,agent_id,handled,logged_in_s,talk_s,hold_s,acw_s,break_s,meeting_s,training_s,"
          "resolved_first,transfers,qa_score,queue,shift,remote\n", f);
    for (int d = date_from_ymd(2020, 1, 1); n < rows; d++) {
        char ds[11];
        date_format(d, ds);
        for (int a = 0; a < nagents && n < rows; a++, n++) {
            long h = 60 + (long)rng_below(&r, 60);
            fprintf(f, "%s,B%05d,%ld,28800,%ld,%ld,%ld,3600,0,0,%ld,%ld,%s,phone,day,%d\n", ds, a, h,
                    h * 140, h * 10, h * 45, h * 83 / 100, h / 9, a % 5 ? "" : "88.5", a % 3 == 0);
        }
    }
    fclose(f);
    return n;
}

static void bench_import(void)
{
    char dir[] = "/tmp/wfm-bench-XXXXXX", path[512], db[512];
    const long rows = 2000000;
    WfmErr err;
    ImportResult res;
    Store *s;
    CsvIn *in;
    double t0, t_parse, t_import;
    long n = 0;

    if (!mkdtemp(dir))
        return;
    write_perf(dir, 5480, rows);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    /* Baseline: only reading the CSV, no checks and no store. */
    t0 = now();
    if (csvin_open(path, &in, &err) == 0) {
        while (csvin_next(in, &err) == 1)
            n++;
        csvin_close(in);
    }
    t_parse = now() - t0;
    snprintf(db, sizeof db, "%s/b.db", dir);
    if (store_open(db, STORE_OPEN_CREATE, &s, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return;
    }
    snprintf(path, sizeof path, "%s/agents.csv", dir);
    import_csv(s, IMPORT_AGENTS, path, 0, NULL, &res, &err);
    snprintf(path, sizeof path, "%s/perf.csv", dir);
    t0 = now();
    int rc = import_csv(s, IMPORT_PERF, path, 0, NULL, &res, &err);
    store_close(s);  /* what a user waits for includes closing the store */
    t_import = now() - t0;
    if (rc)
        fprintf(stderr, "bench: %s\n", err.msg);
    printf("import perf: %ld rows in %.2f s = %.0f rows/s (goal >= 500,000); "
           "CSV reading alone %.0f rows/s, ratio import/reading %.2f\n",
           res.rows, t_import, res.rows / t_import, (n - 1) / t_parse, t_parse / t_import);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    if (!only || strcmp(only, "import") == 0)
        bench_import();
    return 0;
}
