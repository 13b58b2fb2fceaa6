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
void html_end(SBuf *b);

/* Creates dir (and parents) if missing.  Returns 0, WFM_EINPUT (a path
 * longer than PATH_MAX - 1 bytes, refused) or WFM_EIO. */
int html_mkdir(const char *dir, WfmErr *err);
/* Writes len bytes to dir/name atomically through a temporary file created
 * exclusively (afile_write).  Returns 0, WFM_EINPUT (path too long) or
 * WFM_EIO. */
int html_write_file(const char *dir, const char *name, const char *data, size_t len, WfmErr *err);

/* How an agent appears in a report other than HR's: the id, or with the
 * configuration's pseudonymise switch a stable code ("X" and 8 hex digits
 * of a hash of the center's name and the id) that the same configuration
 * always gives the same agent.  Returns buf or id. */
const char *report_agent(const char *center, int pseudonymise, const char *id, char buf[16]);

#endif
