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

typedef struct CsvIn CsvIn;

/* Opens path.  On failure returns WFM_EIO with the reason in err. */
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
const char *csvin_name(const CsvIn *r);

#endif
