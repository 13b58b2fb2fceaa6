#include "html.h"
#include "../core/afile.h"
#include "../model/config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void html_begin(SBuf *b, int lang, const char *title)
{
    sbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                lang == LANG_KO ? "ko" : "en");
    sbuf_html(b, title);
    sbuf_puts(b, "</title>\n<style>\n"
                 "body{font-family:'NanumGothic','Noto Sans KR',sans-serif;margin:2em;color:#222}\n"
                 "table{border-collapse:collapse;margin:1em 0}\n"
                 "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}\n"
                 "th{background:#f2f2f2}\nimg{max-width:100%;border:1px solid #eee}\n"
                 ".warn{color:#b00}\n</style>\n</head>\n<body>\n<h1>");
    sbuf_html(b, title);
    sbuf_puts(b, "</h1>\n");
}

void html_end(SBuf *b)
{
    sbuf_puts(b, "</body>\n</html>\n");
}

int html_mkdir(const char *dir, WfmErr *err)
{
    char path[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0)
        return wfm_err(err, WFM_EINPUT, "cannot create folder '': no name");
    if (n >= sizeof path)
        return wfm_err(err, WFM_EINPUT, "cannot create folder '%.80s...': the path is longer than %zu bytes", dir,
                       sizeof path - 1);
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] == '/' || path[i] == 0) {
            char c = path[i];
            path[i] = 0;
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                return wfm_err(err, WFM_EIO, "cannot create folder '%s': %s", path, strerror(errno));
            path[i] = c;
        }
    }
    return 0;
}

int html_write_file(const char *dir, const char *name, const char *data, size_t len, WfmErr *err)
{
    return afile_write(dir, name, data, len, err);
}

const char *report_agent(const char *center, int pseudonymise, const char *id, char buf[16])
{
    if (!pseudonymise)
        return id;
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = center; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    snprintf(buf, 16, "X%08x", (unsigned)(h ^ (h >> 32)));
    return buf;
}
