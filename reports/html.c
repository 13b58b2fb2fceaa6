#include "html.h"
#include "../core/afile.h"
#include "../model/config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void html_begin(SBuf *b, int lang, const char *title)
{
    html_begin_css(b, lang, title, "");
}

void html_begin_css(SBuf *b, int lang, const char *title, const char *css)
{
    sbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                lang == LANG_KO ? "ko" : "en");
    sbuf_html(b, title);
    sbuf_puts(b, "</title>\n<style>\n"
                 "body{font-family:'NanumGothic','Noto Sans KR',sans-serif;margin:2em;color:#222}\n"
                 "table{border-collapse:collapse;margin:1em 0}\n"
                 "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}\n"
                 "th{background:#f2f2f2}\nimg{max-width:100%;border:1px solid #eee}\n"
                 ".warn{color:#b00}\n");
    sbuf_puts(b, css);
    sbuf_puts(b, "</style>\n</head>\n<body>\n<h1>");
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

static const char bom[3] = { (char)0xEF, (char)0xBB, (char)0xBF };
static int csv_bom;

void html_set_csv_bom(int on)
{
    csv_bom = on;
}

void html_csv_bom_to(SBuf *b)
{
    if (csv_bom)
        sbuf_add(b, bom, 3);
}

static int is_csv(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcmp(name + len - 4, ".csv") == 0;
}

int html_write_file(const char *dir, const char *name, const char *data, size_t len, WfmErr *err)
{
    char path[PATH_MAX];
    AFile a;
    int rc;
    if (!csv_bom || !is_csv(name) || (len >= 3 && memcmp(data, bom, 3) == 0))
        return afile_write(dir, name, data, len, err);
    /* The mark, then the bytes: one write of the file, never a second pass. */
    if ((rc = afile_join(path, sizeof path, dir, name, err)) || (rc = afile_open(&a, path, err)))
        return rc;
    if (fwrite(bom, 1, 3, a.f) != 3 || (len && fwrite(data, 1, len, a.f) != len)) {
        int e = errno;
        afile_abort(&a);
        return wfm_err(err, WFM_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    return afile_commit(&a, err);
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

/* Prefixes one regular file with the byte-order mark unless it has one. */
static int bom_one(const char *dir, const char *name, WfmErr *err)
{
    char path[PATH_MAX];
    struct stat st;
    int rc;
    if ((rc = afile_join(path, sizeof path, dir, name, err)))
        return rc;
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0)
        return errno == ELOOP ? 0 : wfm_err(err, WFM_EIO, "cannot read '%s': %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)1 << 30) {
        close(fd);
        return 0;
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *buf = malloc(n + 3);
    if (!buf) {
        close(fd);
        return wfm_err(err, WFM_EIO, "cannot read '%s': out of memory", path);
    }
    memcpy(buf, bom, 3);
    while (got < n) {
        ssize_t r = read(fd, buf + 3 + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != n)
        rc = wfm_err(err, WFM_EIO, "cannot read '%s': it changed while being read", path);
    else if (!(n >= 3 && memcmp(buf + 3, bom, 3) == 0))
        rc = afile_write(dir, name, buf, n + 3, err);
    free(buf);
    return rc;
}

int html_csv_bom(const char *dir, const char *name, WfmErr *err)
{
    if (name)
        return bom_one(dir, name, err);
    DIR *d = opendir(dir);
    if (!d)
        return wfm_err(err, WFM_EIO, "cannot read folder '%s': %s", dir, strerror(errno));
    int rc = 0;
    for (struct dirent *e; !rc && (e = readdir(d));) {
        if (is_csv(e->d_name) && e->d_name[0] != '.')
            rc = bom_one(dir, e->d_name, err);
    }
    closedir(d);
    return rc;
}
