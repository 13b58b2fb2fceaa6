/*
 * html.h - writing a report folder: an index.html page and files beside it,
 * each written to a fresh temporary name and renamed into place, so a failed
 * report never leaves a half-written file and never writes through a link.
 *
 * Every value that came from input reaches a page through sbuf_html (text
 * and attributes alike); files are named by index, never by a value.
 */
#ifndef WFM_HTML_H
#define WFM_HTML_H

#include "../core/err.h"
#include "../core/sbuf.h"

/* Starts a page: doctype, lang attribute, title, a small stylesheet. */
void html_begin(SBuf *b, int lang, const char *title);
/* The same with css (a constant, never input) added to the stylesheet. */
void html_begin_css(SBuf *b, int lang, const char *title, const char *css);
void html_end(SBuf *b);

/* Creates dir (and parents) if missing.  Returns 0, WFM_EINPUT (a path
 * longer than PATH_MAX - 1 bytes, refused) or WFM_EIO. */
int html_mkdir(const char *dir, WfmErr *err);
/* Writes len bytes to dir/name atomically through a temporary file created
 * exclusively (afile_write).  Returns 0, WFM_EINPUT (path too long) or
 * WFM_EIO. */
int html_write_file(const char *dir, const char *name, const char *data, size_t len, WfmErr *err);

/* With on (the configuration's reports.csv_bom, set by cli_config): every
 * CSV (a name ending in ".csv") html_write_file writes starts with the UTF-8
 * byte-order mark, written with it in one pass.  Off until set. */
void html_set_csv_bom(int on);
/* Appends the byte-order mark to b when that setting is on: for a CSV
 * written otherwise than by html_write_file (`wfm forecast --csv`). */
void html_csv_bom_to(SBuf *b);

/* The UTF-8 byte-order mark (EF BB BF) put at the head of the CSV dir/name,
 * or of every *.csv file directly in dir when name is NULL, unless one is
 * there already (so it is never doubled): Excel reads such a file as UTF-8
 * and Korean stays Korean.  Each file is rewritten atomically; links and
 * anything but a regular file are left alone.  For a CSV written otherwise
 * than by html_write_file.
 * Returns 0, WFM_EINPUT (path too long) or WFM_EIO. */
int html_csv_bom(const char *dir, const char *name, WfmErr *err);

/* How an agent appears in a report other than HR's: the id, or with the
 * configuration's pseudonymise switch a stable code ("X" and 8 hex digits
 * of a hash of the center's name and the id) that the same configuration
 * always gives the same agent.  Returns buf or id. */
const char *report_agent(const char *center, int pseudonymise, const char *id, char buf[16]);

#endif
