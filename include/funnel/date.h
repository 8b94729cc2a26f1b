/*
 * date.h - calendar days, periods of the fiscal calendar and windows.
 *
 * A day is a signed count of days since 1970-01-01 (UTC); all date
 * arithmetic in funnel is done on days, so "days between" is a subtraction.
 * Periods are months "2026-11", quarters "2026-Q4" and years "2026" of the
 * fiscal calendar whose year starts in month fiscal_start (1..12). Fiscal
 * year N starts on day 1 of month fiscal_start of calendar year N.
 */
#ifndef FUNNEL_DATE_H
#define FUNNEL_DATE_H

#include <stdint.h>
#include "funnel/error.h"

typedef int32_t fn_day;
#define FN_DAY_NONE INT32_MIN

/* Days since 1970-01-01 for a proleptic Gregorian date (no validation). */
fn_day fn_day_from_ymd(int y, int m, int d);
void fn_day_to_ymd(fn_day day, int *y, int *m, int *d);

/* Parses "YYYY-MM-DD", optionally followed by a time ("YYYY-MM-DD HH:MM:SS",
 * "YYYY-MM-DDTHH:MM:SS[.fff][Z]"), keeping the date part. Returns FN_OK or
 * FN_EINVAL (no message written; callers name the place). */
fn_code fn_day_parse(const char *s, fn_day *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into out. */
void fn_day_format(fn_day day, char out[11]);
/* Today in UTC, or the value of the environment variable FUNNEL_TODAY when
 * it is set (tests pin the date with it). */
fn_day fn_day_today(void);

enum fn_period_kind { FN_PERIOD_MONTH, FN_PERIOD_QUARTER, FN_PERIOD_YEAR };

struct fn_period {
	enum fn_period_kind kind;
	int year;   /* fiscal year */
	int index;  /* month 1..12 of the fiscal year, quarter 1..4, or 0 */
	fn_day from, to; /* inclusive */
};

/* Parses "2026", "2026-Q4" or "2026-11". A month is named by its calendar
 * month ("2026-11" is November 2026 whatever the fiscal start). */
fn_code fn_period_parse(const char *s, int fiscal_start, struct fn_period *out,
			struct fn_err *err);
/* The period of the given kind that holds day. */
struct fn_period fn_period_of(fn_day day, enum fn_period_kind kind,
			      int fiscal_start);
/* The period of the same kind n periods later (n may be negative). */
struct fn_period fn_period_add(struct fn_period p, int n, int fiscal_start);
/* Writes the period's name ("2026-Q4") into out (at least 16 bytes). */
void fn_period_format(const struct fn_period *p, char *out, int fiscal_start);

/* A window of days, inclusive at both ends. */
struct fn_window {
	fn_day from, to;
};
/* Parses "FROM..TO", each side a date or a period (a period side stands for
 * its first day on the left, its last day on the right). */
fn_code fn_window_parse(const char *s, int fiscal_start, struct fn_window *out,
			struct fn_err *err);
/* The default window for historical figures: the four full fiscal quarters
 * before the quarter holding as_of. */
struct fn_window fn_window_default(fn_day as_of, int fiscal_start);

#endif
