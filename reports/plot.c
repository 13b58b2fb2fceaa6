#include "plot.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

struct Plot {
    SBuf s;
    char *out, *script;
};

const char *plot_quote(const char *text, char *buf, size_t cap)
{
    size_t n = 0;
    if (cap < 3)
        return "''";
    buf[n++] = '\'';
    for (; *text && n + 3 < cap; text++) {
        if (*text == '\n' || *text == '\r')
            continue;
        if (*text == '\'')
            buf[n++] = '\'';  /* '' is a quote inside '...' */
        buf[n++] = *text;
    }
    buf[n++] = '\'';
    buf[n] = 0;
    return buf;
}

Plot *plot_open(const char *out_png, int w, int h, const char *script_path)
{
    Plot *p = xcalloc(1, sizeof *p);
    char q[1100];
    sbuf_init(&p->s);
    p->out = xstrdup(out_png);
    p->script = script_path ? xstrdup(script_path) : NULL;
    size_t n = strlen(out_png);
    if (n > 4 && strcmp(out_png + n - 4, ".svg") == 0)
        sbuf_printf(&p->s, "set terminal svg size %d,%d font '%s,10' noenhanced\n", w, h, PLOT_FONT);
    else
        sbuf_printf(&p->s, "set terminal pngcairo size %d,%d font '%s,10' noenhanced\n", w, h, PLOT_FONT);
    /* gnuplot writes beside the target; plot_close renames it into place. */
    snprintf(q, sizeof q, "%s.part", out_png);
    char qq[1200];
    sbuf_printf(&p->s, "set output %s\n", plot_quote(q, qq, sizeof qq));
    sbuf_puts(&p->s, "set decimalsign '.'\nset datafile separator whitespace\n"
                     "set border lc rgb '#555555'\nset grid lc rgb '#dddddd'\n");
    return p;
}

Plot *plot_open_in(const char *dir, const char *name, const char *script_dir, int w, int h)
{
    char png[1024], gp[1024];
    snprintf(png, sizeof png, "%s/%s.png", dir, name);
    if (script_dir)
        snprintf(gp, sizeof gp, "%s/%s.gp", script_dir, name);
    return plot_open(png, w, h, script_dir ? gp : NULL);
}

void plot_cmd(Plot *p, const char *fmt, ...)
{
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sbuf_puts(&p->s, line);
    sbuf_puts(&p->s, "\n");
}

void plot_set_text(Plot *p, const char *what, const char *text)
{
    char q[1024];
    sbuf_printf(&p->s, "set %s %s\n", what, plot_quote(text, q, sizeof q));
}

void plot_begin_data(Plot *p, const char *name)
{
    sbuf_printf(&p->s, "$%s << EOD\n", name);
}

void plot_row(Plot *p, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sbuf_puts(&p->s, line);
    sbuf_puts(&p->s, "\n");
}

void plot_end_data(Plot *p)
{
    sbuf_puts(&p->s, "EOD\n");
}

static void plot_free(Plot *p)
{
    sbuf_free(&p->s);
    free(p->out);
    free(p->script);
    free(p);
}

int plot_close(Plot *p, WfmErr *err)
{
    int rc = 0;
    if (!p)
        return 0;
    sbuf_puts(&p->s, "unset output\n");
    if (p->script) {
        FILE *f = fopen(p->script, "wb");
        if (!f || fwrite(p->s.s, 1, p->s.len, f) != p->s.len)
            rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", p->script, strerror(errno));
        if (f && fclose(f) && !rc)
            rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", p->script, strerror(errno));
    } else {
        /* popen succeeds even without gnuplot: the exit status tells. */
        void (*old)(int) = signal(SIGPIPE, SIG_IGN);
        FILE *g = popen("gnuplot 2>&1 >/dev/null", "w");
        if (!g) {
            rc = wfm_err(err, WFM_EIO, "cannot run gnuplot: %s", strerror(errno));
        } else {
            size_t wrote = fwrite(p->s.s, 1, p->s.len, g);
            int st = pclose(g);
            if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) == 127)
                rc = wfm_err(err, WFM_EIO,
                             "cannot draw '%s': gnuplot is not installed (apt-get install gnuplot-nox)",
                             p->out);
            else if (WEXITSTATUS(st) != 0 || wrote != p->s.len)
                rc = wfm_err(err, WFM_EIO, "cannot draw '%s': gnuplot failed (exit %d)", p->out,
                             WEXITSTATUS(st));
        }
        signal(SIGPIPE, old);
        char part[1100];
        snprintf(part, sizeof part, "%s.part", p->out);
        if (!rc && rename(part, p->out) != 0)
            rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", p->out, strerror(errno));
        if (rc)
            remove(part);
    }
    plot_free(p);
    return rc;
}

void plot_time_axis(Plot *p, int first, int ndays, int hourly, const char *xfmt)
{
    char a[11], b[11];
    date_format(first, a);
    date_format(first + ndays - 1, b);
    plot_cmd(p, "set xdata time\nset timefmt '%s'\nset format x '%s'\nset xrange ['%s%s':'%s%s']",
             hourly ? "%Y-%m-%dT%H" : "%Y-%m-%d", xfmt, a, hourly ? "T00" : "", b, hourly ? "T23" : "");
}
