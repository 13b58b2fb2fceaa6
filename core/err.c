#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int wfm_err(WfmErr *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

int wfm_err_prefix(WfmErr *err, const char *fmt, ...)
{
    char head[256], old[sizeof err->msg];
    va_list ap;

    if (!err)
        return WFM_EINPUT;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    size_t h = strlen(head), o = strnlen(old, sizeof old - 1);
    if (h + 2 >= sizeof err->msg)
        h = sizeof err->msg - 3;
    if (h + 2 + o >= sizeof err->msg)
        o = sizeof err->msg - h - 3;
    memcpy(err->msg, head, h);
    memcpy(err->msg + h, ": ", 2);
    memcpy(err->msg + h + 2, old, o);
    err->msg[h + 2 + o] = 0;
    return err->code;
}

int wfm_exit_status(int code)
{
    switch (code) {
    case WFM_OK: return 0;
    case WFM_EUSAGE: return 2;
    case WFM_ESOLVE: return 3;
    default: return 1;
    }
}
