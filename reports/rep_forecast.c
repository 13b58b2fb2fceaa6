#include "rep_forecast.h"
#include "html.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <stdio.h>
#include <string.h>

int rep_forecast_csv(const char *path, int first, int ndays, const ForecastQueue *q, int nq,
                     WfmErr *err)
{
    char dir[1024];
    const char *slash = strrchr(path, '/');
    SBuf b;
    int rc;

    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    sbuf_init(&b);
    sbuf_puts(&b, "date,hour,queue,offered,aht_s\n");
    for (int i = 0; i < 24 * ndays; i++)
        for (int k = 0; k < nq; k++) {
            char ds[11];
            date_format(first + i / 24, ds);
            sbuf_printf(&b, "%s,%d,%s,%.2f,%.1f\n", ds, i % 24, q[k].queue, q[k].offered[i], q[k].aht_s[i]);
        }
    rc = html_write_file(slash ? dir : ".", slash ? slash + 1 : path, b.s, b.len, err);
    sbuf_free(&b);
    return rc;
}
