/*
 * plot.h - driving gnuplot through a pipe.
 *
 * A Plot collects a script: terminal settings, $data datablocks and plot
 * commands.  plot_close sends it to gnuplot on its standard input, with
 * gnuplot's standard output on a temporary file created exclusively beside
 * the picture (renamed into place when gnuplot succeeds), and checks
 * gnuplot's exit status; or, when the plot was opened with a script path,
 * only writes the script there (the test seam: no gnuplot needed; run it as
 * `gnuplot NAME.gp > NAME.png`).
 *
 * Data never becomes a command: numbers go through datablocks, and every
 * text (title, label, key, tic) through plot_quote, plot_set_text or
 * plot_tics - the one quoting rule.
 */
#ifndef WFM_PLOT_H
#define WFM_PLOT_H

#include "../core/err.h"

typedef struct Plot Plot;

/* Starts a chart that gnuplot will write to out_png (pngcairo, w x h
 * pixels; the svg terminal when the name ends in ".svg"), with the font
 * that renders Korean.  When script_path is not
 * NULL the script is written there instead of running gnuplot. */
Plot *plot_open(const char *out_png, int w, int h, const char *script_path);
/* plot_open for dir/NAME.png, or, with script_dir, writing script_dir/NAME.gp
 * instead of running gnuplot. */
Plot *plot_open_in(const char *dir, const char *name, const char *script_dir, int w, int h);
/* Appends a line of gnuplot commands (printf-style, a newline added). */
void plot_cmd(Plot *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A time x axis over days [first, first + ndays): data keyed "YYYY-MM-DD"
 * (hourly 0) or "YYYY-MM-DDTHH" (hourly 1, the range from 00 of the first
 * day to 23 of the last), tick labels in strftime format xfmt. */
void plot_time_axis(Plot *p, int first, int ndays, int hourly, const char *xfmt);
/* Appends `set <what> '<text>'` with text quoted by plot_quote. */
void plot_set_text(Plot *p, const char *what, const char *text);
/* Appends `set <axis> ('<label 0>' at[0], ...)`: n tic labels, each quoted
 * by plot_quote, at the whole-number positions at[]. */
void plot_tics(Plot *p, const char *axis, int n, const char *const *labels, const int *at);
/* Starts a datablock $name; rows follow with plot_row; ends with plot_end_data. */
void plot_begin_data(Plot *p, const char *name);
void plot_row(Plot *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void plot_end_data(Plot *p);
/* Quotes text as a gnuplot single-quoted string into buf (cap bytes): a
 * quote doubled, control characters dropped, cut before a whole UTF-8
 * character when too long; the quotes always close.  Returns buf (or a
 * constant "''" when cap < 3). */
const char *plot_quote(const char *text, char *buf, size_t cap);

/* Runs (or writes) the script and frees p.  Returns 0, WFM_EINPUT when the
 * path is too long (refused, never cut), or WFM_EIO when gnuplot is missing
 * or fails ("gnuplot is not installed ..."); no file is left then. */
int plot_close(Plot *p, WfmErr *err);

/* The font used for every chart (it has Korean glyphs: fonts-nanum). */
#define PLOT_FONT "NanumGothic"

#endif
