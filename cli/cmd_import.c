#include "cli.h"
#include "../data/csvin.h"
#include "../data/import.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int cli_import_file(Store *s, int kind, const char *path, int replace, const WfmConfig *cfg,
                    WfmErr *err)
{
    ImportResult res;
    char shown[256];
    int rc = import_csv(s, (ImportKind)kind, path, replace, cfg, &res, err);
    if (rc)
        return rc;
    csvin_show(path, strlen(path), shown, sizeof shown);  /* a name may hold control characters */
    if (res.note[0])
        cli_note("%s: %s", shown, res.note);
    printf("imported %ld rows from '%s'\n", res.rows, shown);
    return 0;
}

int cmd_import(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = NULL, *pos[2];
    int replace = 0, npos, rc, kind;
    const Opt opts[] = {
        { "--replace", NULL, "overwrite rows whose key is already stored", NULL, &replace },
        { "--db", "FILE", "the store (default wfm.db)", &db, NULL },
        { "--config", "FILE", "check agent teams against this configuration (default wfm.cfg, if present)",
          &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    WfmConfig cfg;
    struct stat st;
    int have_cfg = 0;
    Store *s;

    if ((rc = cli_parse(cli_find("import"), argc, argv, opts, pos, 2, &npos, err)))
        return rc;
    if (npos != 2)
        return wfm_err(err, WFM_EUSAGE, "usage: wfm import volumes|agents|leave|perf|preferences|requirements FILE.csv [--replace]");
    if ((kind = import_kind(pos[0])) < 0)
        return wfm_err(err, WFM_EUSAGE, "cannot import '%s': not volumes, agents, leave, perf, preferences or requirements", pos[0]);
    if (kind == IMPORT_REQS && replace)
        return wfm_err(err, WFM_EUSAGE, "option '--replace': each import of requirements is a run of its own, the "
                       "newest for its days; there is nothing to replace");
    if (config || stat("wfm.cfg", &st) == 0) {
        if ((rc = cli_config(config ? config : "wfm.cfg", &cfg, err)))
            return rc;
        have_cfg = 1;
    }
    if ((rc = store_open(db, STORE_OPEN_EXISTING, &s, err)) == 0) {
        rc = cli_import_file(s, kind, pos[1], replace, have_cfg ? &cfg : NULL, err);
        store_close(s);
    }
    if (have_cfg)
        wfm_config_free(&cfg);
    return rc;
}
