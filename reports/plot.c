#include "plot.h"
#include "../core/afile.h"
#include "../core/alloc.h"
#include "../core/date.h"
#include "../core/sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct Plot {
    SBuf s;
    char *out, *script;
};

/* The one quoting rule for text in a gnuplot command: single quotes, in
 * which gnuplot reads '' as one quote and expands nothing else (no
 * backquotes, no @macros, no backslash escapes); control characters, line
 * breaks among them, are dropped, since a line break would end the
 * command.  Text too long for buf is cut before a whole UTF-8 character,
 * so the quotes always close. */
const char *plot_quote(const char *text, char *buf, size_t cap)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n = 0;
    if (cap < 3)
        return "''";
    buf[n++] = '\'';
    while (*t) {
        size_t len = 1, w;
        if (*t >= 0xc0)  /* a lead byte: its continuation bytes go with it */
            while (t[len] >= 0x80 && t[len] < 0xc0 && len < 4)
                len++;
        if (*t < 0x20 || *t == 0x7f) {
            t++;
            continue;
        }
        w = len + (*t == '\'');
        if (n + w + 2 > cap)  /* the closing quote and the NUL */
            break;
        if (*t == '\'')
            buf[n++] = '\'';
        memcpy(buf + n, t, len);
        n += len;
        t += len;
    }
    buf[n++] = '\'';
    buf[n] = 0;
    return buf;
}

Plot *plot_open(const char *out_png, int w, int h, const char *script_path)
{
    Plot *p = xcalloc(1, sizeof *p);
    sbuf_init(&p->s);
    p->out = xstrdup(out_png);
    p->script = script_path ? xstrdup(script_path) : NULL;
    size_t n = strlen(out_png);
    /* No file name reaches gnuplot: it writes the picture to its standard
     * output, which plot_close points at a temporary file of its own. */
    if (n > 4 && strcmp(out_png + n - 4, ".svg") == 0)
        sbuf_printf(&p->s, "set terminal svg size %d,%d font '%s,10' noenhanced\n", w, h, PLOT_FONT);
    else
        sbuf_printf(&p->s, "set terminal pngcairo size %d,%d font '%s,10' noenhanced\n", w, h, PLOT_FONT);
    sbuf_puts(&p->s, "set decimalsign '.'\nset datafile separator whitespace\n"
                     "set border lc rgb '#555555'\nset grid lc rgb '#dddddd'\n");
    return p;
}

Plot *plot_open_in(const char *dir, const char *name, const char *script_dir, int w, int h)
{
    SBuf png, gp;
    sbuf_init(&png);
    sbuf_init(&gp);
    sbuf_printf(&png, "%s/%s.png", dir, name);
    if (script_dir)
        sbuf_printf(&gp, "%s/%s.gp", script_dir, name);
    Plot *p = plot_open(png.s, w, h, script_dir ? gp.s : NULL);
    sbuf_free(&png);
    sbuf_free(&gp);
    return p;
}

void plot_cmd(Plot *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&p->s, fmt, ap);
    va_end(ap);
    sbuf_puts(&p->s, "\n");
}

void plot_set_text(Plot *p, const char *what, const char *text)
{
    char q[1024];
    sbuf_printf(&p->s, "set %s %s\n", what, plot_quote(text, q, sizeof q));
}

void plot_tics(Plot *p, const char *axis, int n, const char *const *labels, const int *at)
{
    char q[512];
    sbuf_printf(&p->s, "set %s (", axis);
    for (int i = 0; i < n; i++)
        sbuf_printf(&p->s, "%s%s %d", i ? ", " : "", plot_quote(labels[i], q, sizeof q), at[i]);
    sbuf_puts(&p->s, ")\n");
}

void plot_begin_data(Plot *p, const char *name)
{
    sbuf_printf(&p->s, "$%s << EOD\n", name);
}

void plot_row(Plot *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&p->s, fmt, ap);
    va_end(ap);
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

/* Runs gnuplot with the script on its standard input and its standard
 * output on fd.  Returns 0, or WFM_EIO naming out. */
static int run_gnuplot(const SBuf *script, int fd, const char *out, WfmErr *err)
{
    int pfd[2], rc = 0, st;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    char *argv[] = { "gnuplot", NULL };

    if (pipe(pfd) != 0)
        return wfm_err(err, WFM_EIO, "cannot run gnuplot: %s", strerror(errno));
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pfd[0], 0);
    posix_spawn_file_actions_adddup2(&fa, fd, 1);
    posix_spawn_file_actions_addclose(&fa, pfd[0]);
    int e = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pfd[0]);
    if (e != 0) {
        close(pfd[1]);
        if (e == ENOENT)
            return wfm_err(err, WFM_EIO, "cannot draw '%s': gnuplot is not installed (apt-get install gnuplot-nox)",
                           out);
        return wfm_err(err, WFM_EIO, "cannot run gnuplot: %s", strerror(e));
    }
    /* gnuplot may stop reading early: a write error, not a signal. */
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    size_t done = 0;
    while (done < script->len) {
        ssize_t k = write(pfd[1], script->s + done, script->len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        done += (size_t)k;
    }
    close(pfd[1]);
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) {
            st = -1;
            break;
        }
    signal(SIGPIPE, old);
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) == 127)
        rc = wfm_err(err, WFM_EIO, "cannot draw '%s': gnuplot is not installed (apt-get install gnuplot-nox)", out);
    else if (WEXITSTATUS(st) != 0 || done != script->len)
        rc = wfm_err(err, WFM_EIO, "cannot draw '%s': gnuplot failed (exit %d)", out, WEXITSTATUS(st));
    return rc;
}

int plot_close(Plot *p, WfmErr *err)
{
    AFile a;
    int rc;
    if (!p)
        return 0;
    sbuf_puts(&p->s, "unset output\n");
    /* The script or the picture goes to a fresh temporary file first. */
    if ((rc = afile_open(&a, p->script ? p->script : p->out, err)) == 0) {
        if (p->script) {
            if (fwrite(p->s.s, 1, p->s.len, a.f) != p->s.len)
                rc = wfm_err(err, WFM_EIO, "cannot write '%s': %s", p->script, strerror(errno));
        } else {
            fflush(a.f);
            rc = run_gnuplot(&p->s, fileno(a.f), p->out, err);
        }
        if (rc)
            afile_abort(&a);
        else
            rc = afile_commit(&a, err);
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
