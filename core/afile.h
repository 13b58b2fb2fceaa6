/*
 * afile.h - writing a file atomically and safely: the bytes go to a fresh
 * temporary file beside the target, created exclusively (O_CREAT|O_EXCL|
 * O_NOFOLLOW, mode 0666 less the umask) under a name nobody can guess in
 * advance, so a link or a stale file planted there is never followed; the
 * file is renamed over the target only when every byte is written.
 *
 * Paths are never truncated: one longer than PATH_MAX - 1 bytes (with room
 * for the temporary suffix) is refused with WFM_EINPUT.
 */
#ifndef WFM_AFILE_H
#define WFM_AFILE_H

#include "err.h"

#include <stdio.h>

typedef struct AFile {
    FILE *f;           /* open for writing, on the temporary file */
    char *path, *tmp;  /* the target and the temporary file (owned) */
} AFile;

/* Joins dir and name with one "/" into buf (cap bytes).  Returns 0, or
 * WFM_EINPUT ("cannot write '...': the path is longer than N bytes") when
 * the whole would not fit; buf is then left empty. */
int afile_join(char *buf, size_t cap, const char *dir, const char *name, WfmErr *err);

/* Creates the temporary file for path.  Returns 0 with a->f open, or
 * WFM_EINPUT for a path too long, WFM_EIO when it cannot be created; on
 * failure a holds nothing to free. */
int afile_open(AFile *a, const char *path, WfmErr *err);

/* Closes the temporary file and renames it over the target.  Returns 0, or
 * WFM_EIO (the temporary file removed) when a write, the close or the
 * rename failed.  a is freed either way. */
int afile_commit(AFile *a, WfmErr *err);

/* Closes and removes the temporary file, leaving the target as it was;
 * a is freed.  Accepts an AFile that was never opened (zeroed). */
void afile_abort(AFile *a);

/* Writes len bytes to dir/name atomically (afile_open, one write,
 * afile_commit).  Returns 0, WFM_EINPUT or WFM_EIO. */
int afile_write(const char *dir, const char *name, const void *data, size_t len, WfmErr *err);

#endif
