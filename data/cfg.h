/*
 * cfg.h - loading and validating wfm.cfg (libconfig).
 */
#ifndef WFM_CFG_H
#define WFM_CFG_H

#include "../core/err.h"
#include "../model/config.h"

/* Reads path into *out, checking every value.  On failure returns
 * WFM_EINPUT (or WFM_EIO when the file cannot be read or is no regular
 * file: a directory, FIFO or device), fills err with "invalid setting
 * 'remote.max_share' at wfm.cfg:42: 1.7 is above 1" (numbers quoted as
 * written), "unknown setting 'service.sl_targte' at wfm.cfg:12: did you
 * mean 'sl_target'?" (every setting is one the loader reads) or a parse
 * error as "cannot parse 'wfm.cfg': line 7: syntax error", and leaves *out
 * holding nothing that needs freeing.  On success the caller frees *out
 * with wfm_config_free. */
int cfg_load(const char *path, WfmConfig *out, WfmErr *err);

/* Same, from text in memory; name is used in messages. */
int cfg_load_string(const char *text, const char *name, WfmConfig *out, WfmErr *err);

#endif
