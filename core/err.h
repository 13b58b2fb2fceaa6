/*
 * err.h - error values and the caller-owned error record.
 *
 * Every library function that can fail returns an int: 0 on success or a
 * negative WFM_E* code, and fills the WfmErr the caller passed with a
 * message in the project's style ("what failed 'subject': reason", lower
 * case, no full stop).  Library code never prints and never exits; cli/
 * prints the message and maps the code to an exit status.
 */
#ifndef WFM_ERR_H
#define WFM_ERR_H

#include <stddef.h>

enum {
    WFM_OK = 0,
    WFM_EINPUT = -1,  /* bad input data or configuration: exit 1 */
    WFM_EIO = -2,     /* a file or the store could not be read or written: exit 1 */
    WFM_EUSAGE = -3,  /* the command line is wrong: exit 2 */
    WFM_ESOLVE = -4,  /* a solve found no acceptable answer: exit 3 */
    WFM_EINTR = -5    /* interrupted by the user: exit 1 */
};

typedef struct WfmErr {
    int code;
    char msg[768];
} WfmErr;

/* Sets err (when not NULL) to code and the formatted message; returns code. */
int wfm_err(WfmErr *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Puts "prefix: " in front of the message already in err; returns err->code. */
int wfm_err_prefix(WfmErr *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Maps a WFM_E* code to the process exit status DESIGN.md promises. */
int wfm_exit_status(int code);

#endif
