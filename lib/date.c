/*
 * date.c - calendar days, fiscal periods and windows (date.h).
 *
 * Everything is reduced to a day count since 1970-01-01 so that the rest of
 * funnel compares and subtracts plain integers. Periods are computed through
 * a "linear month" (12 * year + month - 1), which turns fiscal years that
 * start in any month into simple floor divisions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "funnel/date.h"
#include "funnel/msg.h"

/* Floor division and modulo: C's / and % truncate toward zero, which is
 * wrong for the days and months before the epoch. */
static long long floordiv(long long a, long long b)
{
	long long q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static long long floormod(long long a, long long b)
{
	return a - floordiv(a, b) * b;
}

/*
 * The Gregorian calendar repeats every 400 years (146097 days). Counting
 * years from March makes the leap day the last day of the counted year, so
 * the day of the year follows from the month by a linear formula: the
 * month lengths from March (31 30 31 30 31 31 30 31 30 31 31 28/29) step
 * by 153 days every 5 months.
 */
#define DAYS_PER_ERA 146097LL
/* Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_SHIFT 719468LL

fn_day fn_day_from_ymd(int y, int m, int d)
{
	long long year = (long long)y - (m <= 2 ? 1 : 0);
	long long era = floordiv(year, 400);
	long long yoe = year - era * 400;               /* 0..399 */
	long long mp = (m + 9) % 12;                    /* March = 0 */
	long long doy = (153 * mp + 2) / 5 + (d - 1);   /* 0..365 */
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (fn_day)(era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

void fn_day_to_ymd(fn_day day, int *y, int *m, int *d)
{
	long long z = (long long)day + EPOCH_SHIFT;
	long long era = floordiv(z, DAYS_PER_ERA);
	long long doe = z - era * DAYS_PER_ERA;         /* 0..146096 */
	/* The last day of each 4-, 100- and 400-year cycle is corrected for
	 * so that yoe lands in 0..399. */
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	long long dd = doy - (153 * mp + 2) / 5 + 1;
	long long mm = mp < 10 ? mp + 3 : mp - 9;
	long long yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);

	if (y)
		*y = (int)yy;
	if (m)
		*m = (int)mm;
	if (d)
		*d = (int)dd;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* Reads exactly n decimal digits at *p, advancing it; -1 when not digits. */
static int digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*p += n;
	return v;
}

/* "HH:MM:SS[.fff][Z|+hh:mm|-hhmm]" up to the end of the string. */
static int valid_time(const char *p)
{
	int hh, mm, ss;

	if ((hh = digits(&p, 2)) < 0 || *p++ != ':' ||
	    (mm = digits(&p, 2)) < 0 || *p++ != ':' ||
	    (ss = digits(&p, 2)) < 0)
		return 0;
	/* 60 is a leap second. */
	if (hh > 23 || mm > 59 || ss > 60)
		return 0;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		p++;
		if ((hh = digits(&p, 2)) < 0)
			return 0;
		if (*p == ':')
			p++;
		if ((mm = digits(&p, 2)) < 0 || hh > 23 || mm > 59)
			return 0;
	}
	return *p == '\0';
}

fn_code fn_day_parse(const char *s, fn_day *out)
{
	const char *p = s;
	int y, m, d;

	if (!s)
		return FN_EINVAL;
	if ((y = digits(&p, 4)) < 0 || *p++ != '-' ||
	    (m = digits(&p, 2)) < 0 || *p++ != '-' ||
	    (d = digits(&p, 2)) < 0)
		return FN_EINVAL;
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return FN_EINVAL;
	if (*p != '\0') {
		if (*p != ' ' && *p != 'T')
			return FN_EINVAL;
		if (!valid_time(p + 1))
			return FN_EINVAL;
	}
	if (out)
		*out = fn_day_from_ymd(y, m, d);
	return FN_OK;
}

void fn_day_format(fn_day day, char out[11])
{
	int y, m, d;

	fn_day_to_ymd(day, &y, &m, &d);
	/* Years outside 0..9999 cannot be written in 10 bytes; they never
	 * come from a parsed date, so clamp rather than overflow. */
	if (y < 0 || y > 9999) {
		snprintf(out, 11, "%s", y < 0 ? "0000-01-01" : "9999-12-31");
		return;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

fn_day fn_day_today(void)
{
	const char *pin = getenv("FUNNEL_TODAY");
	fn_day day;

	if (pin && *pin && fn_day_parse(pin, &day) == FN_OK)
		return day;
	return (fn_day)floordiv((long long)time(NULL), 86400);
}

/* ---- periods ------------------------------------------------------------ */

static int norm_start(int fiscal_start)
{
	return fiscal_start >= 1 && fiscal_start <= 12 ? fiscal_start : 1;
}

static fn_day first_of_linear_month(long long lm)
{
	return fn_day_from_ymd((int)floordiv(lm, 12), (int)floormod(lm, 12) + 1,
			       1);
}

static int months_of(enum fn_period_kind kind)
{
	switch (kind) {
	case FN_PERIOD_MONTH:
		return 1;
	case FN_PERIOD_QUARTER:
		return 3;
	case FN_PERIOD_YEAR:
	default:
		return 12;
	}
}

/* Fills in from/to for a period whose kind, fiscal year and index are set. */
static struct fn_period make_period(enum fn_period_kind kind, int year,
				    int index, int fiscal_start)
{
	struct fn_period p = {kind, year, index, 0, 0};
	int len = months_of(kind);
	long long lm = (long long)year * 12 + (norm_start(fiscal_start) - 1);

	if (kind != FN_PERIOD_YEAR)
		lm += (long long)(index - 1) * len;
	p.from = first_of_linear_month(lm);
	p.to = first_of_linear_month(lm + len) - 1;
	return p;
}

struct fn_period fn_period_of(fn_day day, enum fn_period_kind kind,
			      int fiscal_start)
{
	int y, m, d;
	long long fl;
	int fy, fm;

	fn_day_to_ymd(day, &y, &m, &d);
	/* Months counted from the first month of fiscal year 0. */
	fl = (long long)y * 12 + (m - 1) - (norm_start(fiscal_start) - 1);
	fy = (int)floordiv(fl, 12);
	fm = (int)floormod(fl, 12) + 1;
	switch (kind) {
	case FN_PERIOD_MONTH:
		return make_period(kind, fy, fm, fiscal_start);
	case FN_PERIOD_QUARTER:
		return make_period(kind, fy, (fm - 1) / 3 + 1, fiscal_start);
	case FN_PERIOD_YEAR:
	default:
		return make_period(FN_PERIOD_YEAR, fy, 0, fiscal_start);
	}
}

struct fn_period fn_period_add(struct fn_period p, int n, int fiscal_start)
{
	long long k;

	switch (p.kind) {
	case FN_PERIOD_MONTH:
		k = (long long)p.year * 12 + (p.index - 1) + n;
		return make_period(p.kind, (int)floordiv(k, 12),
				   (int)floormod(k, 12) + 1, fiscal_start);
	case FN_PERIOD_QUARTER:
		k = (long long)p.year * 4 + (p.index - 1) + n;
		return make_period(p.kind, (int)floordiv(k, 4),
				   (int)floormod(k, 4) + 1, fiscal_start);
	case FN_PERIOD_YEAR:
	default:
		return make_period(FN_PERIOD_YEAR, p.year + n, 0,
				   fiscal_start);
	}
}

void fn_period_format(const struct fn_period *p, char *out, int fiscal_start)
{
	int y, m, d;

	switch (p->kind) {
	case FN_PERIOD_MONTH:
		/* Named by the calendar month, whatever the fiscal start. */
		fn_day_to_ymd(make_period(p->kind, p->year, p->index,
					  fiscal_start).from, &y, &m, &d);
		snprintf(out, 16, "%04d-%02d", y, m);
		break;
	case FN_PERIOD_QUARTER:
		snprintf(out, 16, "%04d-Q%d", p->year, p->index);
		break;
	case FN_PERIOD_YEAR:
	default:
		snprintf(out, 16, "%04d", p->year);
		break;
	}
}

fn_code fn_period_parse(const char *s, int fiscal_start, struct fn_period *out,
			struct fn_err *err)
{
	const char *p = s;
	struct fn_period r;
	int y, v;

	if (!s)
		return fn_err_set(err, FN_EINVAL, "period missing");
	if (fiscal_start < 1 || fiscal_start > 12)
		return fn_err_set(err, FN_EINVAL,
				  "fiscal year start month %d is not 1..12",
				  fiscal_start);
	if ((y = digits(&p, 4)) < 0)
		goto bad;
	if (*p == '\0') {
		r = make_period(FN_PERIOD_YEAR, y, 0, fiscal_start);
	} else if (p[0] == '-' && (p[1] == 'Q' || p[1] == 'q')) {
		p += 2;
		if (*p < '0' || *p > '9' || strlen(p) > 2)
			goto bad;
		v = (int)strtol(p, NULL, 10);
		if (p[strspn(p, "0123456789")] != '\0')
			goto bad;
		if (v < 1 || v > 4)
			return fn_err_set(err, FN_EINVAL,
					  "period '%s': quarter must be 1..4",
					  s);
		r = make_period(FN_PERIOD_QUARTER, y, v, fiscal_start);
	} else if (p[0] == '-') {
		p++;
		if ((v = digits(&p, 2)) < 0 || *p != '\0')
			goto bad;
		if (v < 1 || v > 12)
			return fn_err_set(err, FN_EINVAL,
					  "period '%s': month must be 1..12",
					  s);
		r = fn_period_of(fn_day_from_ymd(y, v, 1), FN_PERIOD_MONTH,
				 fiscal_start);
	} else {
		goto bad;
	}
	if (out)
		*out = r;
	return FN_OK;
bad:
	return fn_err_set(err, FN_EINVAL,
			  "period '%s': expected YYYY, YYYY-Qn or YYYY-MM", s);
}

/* ---- windows ------------------------------------------------------------ */

/* One side of a window: a date, or a period standing for its first (left)
 * or last (right) day. */
static fn_code window_side(const char *whole, const char *side, int right,
			   int fiscal_start, fn_day *out, struct fn_err *err)
{
	struct fn_period p;
	fn_code rc;

	if (!*side)
		return fn_err_set(err, FN_EINVAL,
				  "window '%s': %s side is empty", whole,
				  fn_tr(right ? "right" : "left"));
	/* Anything shaped like YYYY-MM-DD is meant as a date, and gets a
	 * date's error rather than a period's. */
	if (strlen(side) >= 10 && side[4] == '-' && side[7] == '-') {
		if (fn_day_parse(side, out) != FN_OK)
			return fn_err_set(err, FN_EINVAL,
					  "window '%s': '%s' is not a valid "
					  "date YYYY-MM-DD", whole, side);
		return FN_OK;
	}
	rc = fn_period_parse(side, fiscal_start, &p, err);
	if (rc != FN_OK) {
		fn_err_prefix(err, "window '%s'", whole);
		return rc;
	}
	*out = right ? p.to : p.from;
	return FN_OK;
}

fn_code fn_window_parse(const char *s, int fiscal_start, struct fn_window *out,
			struct fn_err *err)
{
	const char *dots;
	char left[64], right[64];
	struct fn_window w;
	char a[11], b[11];
	size_t n;
	fn_code rc;

	if (!s)
		return fn_err_set(err, FN_EINVAL, "window missing");
	dots = strstr(s, "..");
	if (!dots || strstr(dots + 2, ".."))
		return fn_err_set(err, FN_EINVAL,
				  "window '%s': expected FROM..TO", s);
	n = (size_t)(dots - s);
	if (n >= sizeof left || strlen(dots + 2) >= sizeof right)
		return fn_err_set(err, FN_EINVAL, "window '%s': too long", s);
	memcpy(left, s, n);
	left[n] = '\0';
	strcpy(right, dots + 2);
	rc = window_side(s, left, 0, fiscal_start, &w.from, err);
	if (rc == FN_OK)
		rc = window_side(s, right, 1, fiscal_start, &w.to, err);
	if (rc != FN_OK)
		return rc;
	if (w.from > w.to) {
		fn_day_format(w.from, a);
		fn_day_format(w.to, b);
		return fn_err_set(err, FN_EINVAL,
				  "window '%s': starts %s, after its end %s",
				  s, a, b);
	}
	if (out)
		*out = w;
	return FN_OK;
}

struct fn_window fn_window_default(fn_day as_of, int fiscal_start)
{
	struct fn_period q = fn_period_of(as_of, FN_PERIOD_QUARTER,
					  fiscal_start);
	struct fn_window w;

	w.from = fn_period_add(q, -4, fiscal_start).from;
	w.to = q.from - 1;
	return w;
}
