/*
 * csvin.h - an RFC 4180 CSV reader: quoted fields with "" escapes, embedded
 * commas and newlines, CRLF or LF line ends, a UTF-8 byte-order mark.  It
 * reads in chunks, so files of any size stream through a small buffer.
 *
 * Fields of the current record are NUL-terminated strings owned by the
 * reader and valid until the next csvin_next or csvin_close.
 */
#ifndef WFM_CSVIN_H
#define WFM_CSVIN_H

#include "../core/err.h"

#include <stddef.h>
#include <stdio.h>

/* The limits of what the reader takes (README, "Inputs"): a record - its
 * fields' bytes, quoted line breaks included - of at most CSVIN_MAX_RECORD
 * bytes, and a file of at most CSVIN_MAX_BYTES bytes (a decade of hourly
 * volumes for a hundred queues is under 0.5 GiB). */
#define CSVIN_MAX_RECORD (64 * 1024)
#define CSVIN_MAX_BYTES (2LL << 30)

typedef struct CsvIn CsvIn;

/* Opens path for reading when it is a regular file of at most max_bytes
 * bytes.  A directory, a device, a FIFO or a socket is refused without
 * reading a byte or waiting (the open does not block on a FIFO).  Returns 0
 * with *out set (the caller fcloses it); WFM_EIO when path cannot be opened;
 * WFM_EINPUT when it is no regular file or is too large, with
 * "cannot read 'PATH': a directory, not a regular file" in err (the path
 * shown as csvin_show shows it).  Any reader of an input file may use it. */
int csvin_fopen(const char *path, long long max_bytes, FILE **out, WfmErr *err);

/* Opens path with csvin_fopen (at most CSVIN_MAX_BYTES).  On failure returns
 * its code with the reason in err. */
int csvin_open(const char *path, CsvIn **out, WfmErr *err);
/* Reads from a copy of text[0..len); name is used in messages. */
CsvIn *csvin_open_mem(const char *name, const char *text, size_t len);
void csvin_close(CsvIn *r);

/* Reads the next record.  Returns 1 when there is one, 0 at the end of the
 * input, WFM_EINPUT on malformed quoting (err: "FILE:LINE:COL: reason") or
 * WFM_EIO on a read error.  Blank lines are skipped. */
int csvin_next(CsvIn *r, WfmErr *err);

int csvin_nfields(const CsvIn *r);
/* Field i (0-based) of the current record; *len gets its length if not NULL. */
const char *csvin_field(const CsvIn *r, int i, size_t *len);
/* The line on which field i starts (1-based). */
long csvin_line(const CsvIn *r, int i);
/* The file's name for messages: as csvin_show shows it. */
const char *csvin_name(const CsvIn *r);

/* Checks that s[0..n) is text a name or an id may hold: valid UTF-8 with no
 * control character (C0 including NUL and tab, DEL, C1).  Returns 0, or -1
 * for a control character, -2 for invalid UTF-8, with the offset of the
 * first bad byte in *at. */
int csvin_text_check(const char *s, size_t n, size_t *at);

/* s[0..n) made safe to print, into buf (cap >= 8): valid UTF-8 as it is,
 * control characters and bytes of invalid UTF-8 as \xNN, and "..." in place
 * of what does not fit in cap.  Returns buf. */
const char *csvin_show(const char *s, size_t n, char *buf, size_t cap);

#endif
