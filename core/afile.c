#include "afile.h"
#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* ".%08x.tmp" after the target's name. */
enum { TMP_SUFFIX = 13 };

static int too_long(WfmErr *err, const char *dir, const char *name, size_t cap)
{
    return wfm_err(err, WFM_EINPUT, "cannot write '%.80s...%s': the path is longer than %zu bytes", dir,
                   name ? name : "", cap - 1);
}

int afile_join(char *buf, size_t cap, const char *dir, const char *name, WfmErr *err)
{
    size_t d = strlen(dir), n = strlen(name);
    if (cap == 0)
        return too_long(err, dir, name, 1);
    buf[0] = 0;
    if (d + 1 + n >= cap)
        return too_long(err, dir, name, cap);
    memcpy(buf, dir, d);
    buf[d] = '/';
    memcpy(buf + d + 1, name, n + 1);
    return 0;
}

/* A name suffix nobody can count on in advance: the clock's nanoseconds,
 * the process id and the attempt, mixed (splitmix64's finaliser). */
static unsigned suffix(int attempt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t z = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 20) ^ (uint64_t)attempt;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (unsigned)(z ^ (z >> 31));
}

int afile_open(AFile *a, const char *path, WfmErr *err)
{
    size_t n = strlen(path);
    int fd = -1, e = 0;
    memset(a, 0, sizeof *a);
    if (n == 0 || n + TMP_SUFFIX >= PATH_MAX)
        return n ? too_long(err, path, NULL, PATH_MAX - TMP_SUFFIX)
                 : wfm_err(err, WFM_EINPUT, "cannot write '': no file name");
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))   /* never renamed over /dev/null */
        return wfm_err(err, WFM_EIO, "cannot write '%s': it is not a regular file", path);
    a->tmp = xmalloc(n + TMP_SUFFIX + 1);
    for (int attempt = 0; attempt < 64 && fd < 0; attempt++) {
        snprintf(a->tmp, n + TMP_SUFFIX + 1, "%s.%08x.tmp", path, suffix(attempt));
        fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        e = errno;
        if (fd < 0 && e != EEXIST)
            break;
    }
    if (fd < 0 || !(a->f = fdopen(fd, "wb"))) {
        if (fd >= 0) {
            e = errno;
            close(fd);
            unlink(a->tmp);
        }
        free(a->tmp);
        a->tmp = NULL;
        return wfm_err(err, WFM_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    a->path = xstrdup(path);
    return 0;
}

static void afile_free(AFile *a)
{
    free(a->path);
    free(a->tmp);
    a->path = a->tmp = NULL;
    a->f = NULL;
}

int afile_commit(AFile *a, WfmErr *err)
{
    int bad = ferror(a->f), e = 0;
    if (bad)
        e = EIO;
    if (fclose(a->f) != 0 && !bad)
        bad = 1, e = errno;
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0)
        bad = 1, e = errno;
    int rc = 0;
    if (bad) {
        unlink(a->tmp);
        rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", a->path, strerror(e));
    }
    afile_free(a);
    return rc;
}

void afile_abort(AFile *a)
{
    if (!a)
        return;
    if (a->f)
        fclose(a->f);
    if (a->tmp)
        unlink(a->tmp);
    afile_free(a);
}

int afile_write(const char *dir, const char *name, const void *data, size_t len, WfmErr *err)
{
    char path[PATH_MAX];
    AFile a;
    int rc;
    if ((rc = afile_join(path, sizeof path, dir, name, err)) || (rc = afile_open(&a, path, err)))
        return rc;
    if (len && fwrite(data, 1, len, a.f) != len) {
        int e = errno;
        afile_abort(&a);
        return wfm_err(err, WFM_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    return afile_commit(&a, err);
}
