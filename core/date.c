#include "date.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)yoe + era * 400 + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

int date_weekday(int day)
{
    /* 1970-01-01 was a Thursday (3). */
    int w = (day + 3) % 7;
    return w < 0 ? w + 7 : w;
}

int date_days_in_month(int y, int m)
{
    static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2)
        return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
    return dim[m - 1];
}

int date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, size_t len, int *day)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
        digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
        return -1;
    if (!date_valid_ymd(y, m, d))
        return -2;
    *day = date_from_ymd(y, m, d);
    return 0;
}

int date_parse_month(const char *s, int *first, int *ndays)
{
    int y, m;
    if (!s || strlen(s) != 7 || s[4] != '-' || digits(s, 4, &y) ||
        digits(s + 5, 2, &m) || y < 1 || m < 1 || m > 12)
        return -1;
    *first = date_from_ymd(y, m, 1);
    *ndays = date_days_in_month(y, m);
    return 0;
}

void date_format(int day, char buf[11])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

int clock_parse(const char *s)
{
    int h, m;
    if (!s || strlen(s) != 5 || s[2] != ':' ||
        digits(s, 2, &h) || digits(s + 3, 2, &m))
        return -1;
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void cal_init(Calendar *c, int *days, size_t n)
{
    size_t k = 0;
    if (n)
        qsort(days, n, sizeof *days, cmp_int);
    for (size_t i = 0; i < n; i++)
        if (k == 0 || days[k - 1] != days[i])
            days[k++] = days[i];
    c->days = days;
    c->n = k;
}

void cal_free(Calendar *c)
{
    if (!c)
        return;
    free(c->days);
    c->days = NULL;
    c->n = 0;
}

int cal_is_holiday(const Calendar *c, int day)
{
    size_t lo = 0, hi = c ? c->n : 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->days[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c && lo < c->n && c->days[lo] == day;
}

int cal_day_type(const Calendar *c, int day)
{
    int w = date_weekday(day);
    if (w == WD_SUN || cal_is_holiday(c, day))
        return DT_SUNHOL;
    return w == WD_SAT ? DT_SATURDAY : DT_WEEKDAY;
}
