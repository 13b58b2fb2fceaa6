/*
 * date.h - civil dates as day numbers, and calendars of holidays.
 *
 * A date is an int: days since 1970-01-01 (proleptic Gregorian), so date
 * arithmetic is integer arithmetic and an hour of the whole history is
 * 24*day + hour on one linear axis.  Weekdays are ISO: 0 = Monday ... 6 =
 * Sunday.
 */
#ifndef WFM_DATE_H
#define WFM_DATE_H

#include <stddef.h>

enum { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN };

/* Day types used by profiles and reports. */
enum { DT_WEEKDAY, DT_SATURDAY, DT_SUNHOL, DT_COUNT };

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
int date_weekday(int day);
int date_days_in_month(int y, int m);
int date_valid_ymd(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD" (len bytes of s) into *day.  Returns 0, or
 * -1 when the text is not of that form, -2 when it is but names no real
 * date (2026-02-30). */
int date_parse(const char *s, size_t len, int *day);
/* Parses exactly "YYYY-MM" into the first day of that month and its count
 * of days.  Returns 0 or -1. */
int date_parse_month(const char *s, int *first, int *ndays);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void date_format(int day, char buf[11]);

/* "HH:MM" (00:00-24:00) into minutes after midnight; -1 when malformed. */
int clock_parse(const char *s);

/* A set of holidays: sorted, unique day numbers. */
typedef struct Calendar {
    int *days;
    size_t n;
} Calendar;

/* Takes ownership of days[0..n), sorts them and drops repeats. */
void cal_init(Calendar *c, int *days, size_t n);
void cal_free(Calendar *c);
int cal_is_holiday(const Calendar *c, int day);
/* DT_WEEKDAY, DT_SATURDAY or DT_SUNHOL (Sundays and holidays). */
int cal_day_type(const Calendar *c, int day);

#endif
