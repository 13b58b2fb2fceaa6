#include "cli.h"

#include <stdio.h>
#include <sys/stat.h>

int cmd_init(int argc, char **argv, WfmErr *err)
{
    const char *db = "wfm.db", *config = NULL, *pos[1];
    const Opt opts[] = {
        { "--db", "FILE", "the store to create or migrate (default wfm.db)", &db, NULL },
        { "--config", "FILE", "check this configuration too (default wfm.cfg, if present)", &config, NULL },
        { NULL, NULL, NULL, NULL, NULL },
    };
    struct stat st;
    Store *s;
    int rc, npos;

    if ((rc = cli_parse(cli_find("init"), argc, argv, opts, pos, 0, &npos, err)))
        return rc;
    if (config || stat("wfm.cfg", &st) == 0) {
        WfmConfig cfg;
        if ((rc = cli_config(config ? config : "wfm.cfg", &cfg, err)))
            return rc;
        cli_note("configuration '%s' is valid", cfg.path);
        wfm_config_free(&cfg);
    }
    if ((rc = store_open(db, STORE_OPEN_CREATE, &s, err)))
        return rc;
    if (store_version_found(s) == 0)
        printf("created store '%s' (schema version %d)\n", db, STORE_VERSION);
    else if (store_version_found(s) < STORE_VERSION)
        printf("migrated store '%s' from schema version %d to %d\n", db, store_version_found(s), STORE_VERSION);
    else
        printf("store '%s' is up to date (schema version %d)\n", db, STORE_VERSION);
    store_close(s);
    return 0;
}
