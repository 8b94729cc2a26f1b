/*
 * test_date.c - days, fiscal periods and windows (lib/date.c).
 *
 * Expected day numbers were counted by hand (365 per year plus leap days)
 * and checked against Python's datetime; the long-range tests walk the
 * calendar one day at a time with a naive month table of their own.
 */
#include <time.h>
#include "testutil.h"

static fn_day ymd(int y, int m, int d)
{
	return fn_day_from_ymd(y, m, d);
}

static fn_day parse_ok(const char *s)
{
	fn_day d = 12345;

	if (fn_day_parse(s, &d) != FN_OK)
		fail_msg("'%s' should parse", s);
	return d;
}

static void known_days(void **state)
{
	(void)state;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1970, 1, 2), 1);
	assert_int_equal(ymd(1969, 12, 31), -1);
	/* 30 years of 365 days and the 7 leap days 1972..1996. */
	assert_int_equal(ymd(2000, 1, 1), 10957);
	/* 2000 is a leap year (divisible by 400): 31 + 29 days later. */
	assert_int_equal(ymd(2000, 3, 1), 10957 + 31 + 29);
	/* 70 years and the 17 leap days 1904..1968 before the epoch. */
	assert_int_equal(ymd(1900, 1, 1), -25567);
	/* 1900 is not a leap year: 31 + 28 days later. */
	assert_int_equal(ymd(1900, 3, 1), -25567 + 31 + 28);
	/* 2026-01-01 is 26 years and 7 leap days after 2000-01-01; then
	 * 304 days to November and 27 more. */
	assert_int_equal(ymd(2026, 11, 28), 10957 + 26 * 365 + 7 + 304 + 27);
	assert_int_equal(ymd(2024, 2, 29), 19782);
	assert_int_equal(ymd(1600, 1, 1), -135140);
	assert_int_equal(ymd(1, 1, 1), -719162);
	assert_int_equal(ymd(2400, 12, 31), 157419);
}

static void to_ymd_known(void **state)
{
	int y, m, d;

	(void)state;
	fn_day_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 19691231);
	fn_day_to_ymd(11016, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20000229);
	fn_day_to_ymd(-25509, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 19000228);
	fn_day_to_ymd(-719162, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 10101);
	fn_day_to_ymd(20785, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20261128);
}

static int naive_leap(int y)
{
	if (y % 400 == 0)
		return 1;
	if (y % 100 == 0)
		return 0;
	return y % 4 == 0;
}

/* From 1600-01-01 (-135140) to 2400-12-31 (157419) one day at a time. */
static void walk_long_range(void **state)
{
	static const int len[] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};
	int y = 1600, m = 1, d = 1;
	fn_day day = -135140;
	int gy, gm, gd;

	(void)state;
	for (;;) {
		int n = len[m - 1] + (m == 2 && naive_leap(y));

		if (ymd(y, m, d) != day)
			fail_msg("%04d-%02d-%02d: %d", y, m, d, ymd(y, m, d));
		fn_day_to_ymd(day, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			fail_msg("day %d: %d-%d-%d", day, gy, gm, gd);
		if (y == 2400 && m == 12 && d == 31)
			break;
		day++;
		if (++d > n) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(day, 157419);
}

/* Far outside the walk, including years before 0: to and back. */
static void round_trip_wide(void **state)
{
	int y, m, d;

	(void)state;
	for (fn_day day = -3000000; day <= 3000000; day += 7) {
		fn_day_to_ymd(day, &y, &m, &d);
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		if (ymd(y, m, d) != day)
			fail_msg("day %d -> %d-%d-%d", day, y, m, d);
	}
}

static void format_days(void **state)
{
	char buf[11];

	(void)state;
	fn_day_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	fn_day_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	fn_day_format(11016, buf);
	assert_string_equal(buf, "2000-02-29");
	fn_day_format(20785, buf);
	assert_string_equal(buf, "2026-11-28");
}

static void parse_accepts(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1970-01-01"), 0);
	assert_int_equal(parse_ok("2026-11-28"), 20785);
	assert_int_equal(parse_ok("2000-02-29"), 11016);
	assert_int_equal(parse_ok("2024-02-29"), 19782);
	assert_int_equal(parse_ok("1900-02-28"), -25509);
	assert_int_equal(parse_ok("2026-11-28 00:00:00"), 20785);
	assert_int_equal(parse_ok("2026-11-28 23:59:59"), 20785);
	assert_int_equal(parse_ok("2026-11-28T10:22:33"), 20785);
	assert_int_equal(parse_ok("2026-11-28T10:22:33.000Z"), 20785);
	assert_int_equal(parse_ok("2026-11-28T10:22:33.5"), 20785);
	assert_int_equal(parse_ok("2026-11-28T10:22:33Z"), 20785);
	assert_int_equal(parse_ok("2026-11-28T23:30:00+08:00"), 20785);
	assert_int_equal(parse_ok("2026-11-28T23:30:00-0500"), 20785);
	assert_int_equal(parse_ok("2026-11-28 23:30:00.123-05:00"), 20785);
	assert_int_equal(parse_ok("2016-12-31T23:59:60Z"), ymd(2016, 12, 31));
	/* A NULL out is allowed: only validation. */
	assert_ok(fn_day_parse("2026-01-01", NULL));
}

static void parse_rejects(void **state)
{
	static const char *bad[] = {
		"", "2023-5-1", "2023-05-1", "23-05-01", "2023/05/11",
		"20230511", " 2023-05-11", "2023-05-11 ", "2023-05-11x",
		"2023-05-11T", "2023-05-11 10:22", "2023-05-11T10:22:3",
		"2023-02-29", "1900-02-29", "2100-02-29", "2023-04-31",
		"2023-13-01", "2023-00-10", "2023-05-00", "2023-05-32",
		"2023-05-11T24:00:00", "2023-05-11T10:60:00",
		"2023-05-11T10:22:61", "2023-05-11T10:22:33.",
		"2023-05-11T10:22:33+8", "2023-05-11T10:22:33+08:0",
		"2023-05-11T10:22:33Zjunk", "2023-05-11T10:22:33Z ",
		"2023-05-11X10:22:33", "2023-05-11t10:22:33", "-023-05-11",
		"2023-05-11\n",
	};
	fn_day d = 77;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (fn_day_parse(bad[i], &d) != FN_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
	assert_int_equal(fn_day_parse(NULL, &d), FN_EINVAL);
	assert_int_equal(d, 77);
}

static void today_pinned(void **state)
{
	fn_day t;

	(void)state;
	assert_int_equal(setenv("FUNNEL_TODAY", "2026-11-28", 1), 0);
	assert_int_equal(fn_day_today(), 20785);
	assert_int_equal(unsetenv("FUNNEL_TODAY"), 0);
	t = fn_day_today();
	/* 2024-01-01 and 2200-01-01 bracket any day this test runs. */
	assert_true(t > 19722 && t < 84006);
	assert_int_equal((long long)t, (long long)(time(NULL) / 86400));
}

/* ---- periods ------------------------------------------------------------ */

static void check_period(const char *s, int fs, enum fn_period_kind kind,
			 int year, int index, fn_day from, fn_day to)
{
	struct fn_period p;
	struct fn_err err = {0};
	char name[16];

	if (fn_period_parse(s, fs, &p, &err) != FN_OK)
		fail_msg("'%s' (start %d): %s", s, fs, err.msg);
	assert_int_equal(p.kind, kind);
	assert_int_equal(p.year, year);
	assert_int_equal(p.index, index);
	assert_int_equal(p.from, from);
	assert_int_equal(p.to, to);
	fn_period_format(&p, name, fs);
	assert_string_equal(name, s);
}

static void periods_calendar(void **state)
{
	(void)state;
	check_period("2026", 1, FN_PERIOD_YEAR, 2026, 0, ymd(2026, 1, 1),
		     ymd(2026, 12, 31));
	check_period("2026-Q1", 1, FN_PERIOD_QUARTER, 2026, 1, ymd(2026, 1, 1),
		     ymd(2026, 3, 31));
	check_period("2026-Q4", 1, FN_PERIOD_QUARTER, 2026, 4,
		     ymd(2026, 10, 1), ymd(2026, 12, 31));
	check_period("2026-11", 1, FN_PERIOD_MONTH, 2026, 11, ymd(2026, 11, 1),
		     ymd(2026, 11, 30));
	check_period("2024-02", 1, FN_PERIOD_MONTH, 2024, 2, ymd(2024, 2, 1),
		     ymd(2024, 2, 29));
	check_period("1900-02", 1, FN_PERIOD_MONTH, 1900, 2, ymd(1900, 2, 1),
		     ymd(1900, 2, 28));
}

static void periods_fiscal_april(void **state)
{
	(void)state;
	check_period("2026", 4, FN_PERIOD_YEAR, 2026, 0, ymd(2026, 4, 1),
		     ymd(2027, 3, 31));
	check_period("2026-Q1", 4, FN_PERIOD_QUARTER, 2026, 1,
		     ymd(2026, 4, 1), ymd(2026, 6, 30));
	check_period("2026-Q3", 4, FN_PERIOD_QUARTER, 2026, 3,
		     ymd(2026, 10, 1), ymd(2026, 12, 31));
	check_period("2026-Q4", 4, FN_PERIOD_QUARTER, 2026, 4,
		     ymd(2027, 1, 1), ymd(2027, 3, 31));
	/* A month keeps its calendar name; March 2026 closes fiscal 2025. */
	check_period("2026-03", 4, FN_PERIOD_MONTH, 2025, 12, ymd(2026, 3, 1),
		     ymd(2026, 3, 31));
	check_period("2026-04", 4, FN_PERIOD_MONTH, 2026, 1, ymd(2026, 4, 1),
		     ymd(2026, 4, 30));
	check_period("2027-02", 4, FN_PERIOD_MONTH, 2026, 11, ymd(2027, 2, 1),
		     ymd(2027, 2, 28));
	check_period("2026", 12, FN_PERIOD_YEAR, 2026, 0, ymd(2026, 12, 1),
		     ymd(2027, 11, 30));
	check_period("2026-Q1", 12, FN_PERIOD_QUARTER, 2026, 1,
		     ymd(2026, 12, 1), ymd(2027, 2, 28));
}

static void period_of_day(void **state)
{
	struct fn_period p;
	char name[16];

	(void)state;
	p = fn_period_of(ymd(2026, 2, 15), FN_PERIOD_QUARTER, 4);
	fn_period_format(&p, name, 4);
	assert_string_equal(name, "2025-Q4");
	assert_int_equal(p.from, ymd(2026, 1, 1));
	assert_int_equal(p.to, ymd(2026, 3, 31));

	p = fn_period_of(ymd(2026, 2, 15), FN_PERIOD_MONTH, 4);
	fn_period_format(&p, name, 4);
	assert_string_equal(name, "2026-02");
	assert_int_equal(p.year, 2025);
	assert_int_equal(p.index, 11);

	p = fn_period_of(ymd(2026, 3, 31), FN_PERIOD_YEAR, 4);
	assert_int_equal(p.year, 2025);
	assert_int_equal(p.from, ymd(2025, 4, 1));
	p = fn_period_of(ymd(2026, 4, 1), FN_PERIOD_YEAR, 4);
	assert_int_equal(p.year, 2026);

	p = fn_period_of(ymd(2026, 11, 28), FN_PERIOD_QUARTER, 1);
	fn_period_format(&p, name, 1);
	assert_string_equal(name, "2026-Q4");

	/* Before the epoch the floor divisions matter. */
	p = fn_period_of(ymd(1969, 12, 31), FN_PERIOD_QUARTER, 1);
	assert_int_equal(p.year, 1969);
	assert_int_equal(p.index, 4);
	assert_int_equal(p.from, ymd(1969, 10, 1));
	p = fn_period_of(ymd(1970, 2, 1), FN_PERIOD_QUARTER, 3);
	assert_int_equal(p.year, 1969);
	assert_int_equal(p.index, 4);
	assert_int_equal(p.from, ymd(1969, 12, 1));
	assert_int_equal(p.to, ymd(1970, 2, 28));
}

static void add_named(const char *s, int fs, int n, const char *want)
{
	struct fn_period p, q;
	char name[16];

	assert_ok(fn_period_parse(s, fs, &p, NULL));
	q = fn_period_add(p, n, fs);
	fn_period_format(&q, name, fs);
	if (strcmp(name, want) != 0)
		fail_msg("%s %+d (start %d): %s, want %s", s, n, fs, name,
			 want);
	/* The moved period is the one its name parses to. */
	assert_ok(fn_period_parse(want, fs, &p, NULL));
	assert_int_equal(q.from, p.from);
	assert_int_equal(q.to, p.to);
	assert_int_equal(q.year, p.year);
	assert_int_equal(q.index, p.index);
}

static void period_add(void **state)
{
	(void)state;
	add_named("2026-Q4", 1, 1, "2027-Q1");
	add_named("2026-Q4", 1, -4, "2025-Q4");
	add_named("2026-Q1", 1, -1, "2025-Q4");
	add_named("2026-Q2", 1, 0, "2026-Q2");
	add_named("2026-Q1", 4, 7, "2027-Q4");
	add_named("2026-Q1", 4, -9, "2023-Q4");
	add_named("2026-11", 1, 3, "2027-02");
	add_named("2026-11", 4, 3, "2027-02");
	add_named("2026-01", 1, -13, "2024-12");
	add_named("2026-03", 4, 1, "2026-04");
	add_named("2026", 1, -1, "2025");
	add_named("2026", 4, 2, "2028");
}

static void period_errors(void **state)
{
	static const char *bad[] = {
		"", "26", "2026-", "2026-Q", "2026-1", "2026-111", "2026-Q1x",
		"2026 ", " 2026", "2026-Q-1", "Q1-2026", "2026-W01",
		"2026-11-01",
	};
	struct fn_err err = {0};
	struct fn_period p;

	(void)state;
	assert_int_equal(fn_period_parse("2026-Q5", 1, &p, &err), FN_EINVAL);
	assert_string_equal(err.msg, "period '2026-Q5': quarter must be 1..4");
	assert_int_equal(fn_period_parse("2026-Q0", 1, &p, &err), FN_EINVAL);
	assert_string_equal(err.msg, "period '2026-Q0': quarter must be 1..4");
	assert_int_equal(fn_period_parse("2026-13", 1, &p, &err), FN_EINVAL);
	assert_string_equal(err.msg, "period '2026-13': month must be 1..12");
	assert_int_equal(fn_period_parse("2026-00", 1, &p, &err), FN_EINVAL);
	assert_string_equal(err.msg, "period '2026-00': month must be 1..12");
	assert_int_equal(fn_period_parse("2026", 13, &p, &err), FN_EINVAL);
	assert_non_null(strstr(err.msg, "13"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.msg[0] = '\0';
		if (fn_period_parse(bad[i], 1, &p, &err) != FN_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
		assert_non_null(strstr(err.msg, "period '"));
		assert_int_equal(err.code, FN_EINVAL);
	}
	/* Lower-case q is accepted. */
	assert_ok(fn_period_parse("2026-q2", 1, &p, NULL));
	assert_int_equal(p.from, ymd(2026, 4, 1));
}

/* ---- windows ------------------------------------------------------------ */

static void window_is(const char *s, int fs, fn_day from, fn_day to)
{
	struct fn_window w = {0, 0};
	struct fn_err err = {0};

	if (fn_window_parse(s, fs, &w, &err) != FN_OK)
		fail_msg("'%s': %s", s, err.msg);
	assert_int_equal(w.from, from);
	assert_int_equal(w.to, to);
}

static void windows(void **state)
{
	(void)state;
	window_is("2026-01-01..2026-03-31", 1, ymd(2026, 1, 1),
		  ymd(2026, 3, 31));
	window_is("2026-01-01..2026-01-01", 1, ymd(2026, 1, 1),
		  ymd(2026, 1, 1));
	window_is("2025-Q4..2026-Q3", 1, ymd(2025, 10, 1), ymd(2026, 9, 30));
	window_is("2026..2026", 1, ymd(2026, 1, 1), ymd(2026, 12, 31));
	window_is("2026..2026", 4, ymd(2026, 4, 1), ymd(2027, 3, 31));
	window_is("2024-02..2024-02", 1, ymd(2024, 2, 1), ymd(2024, 2, 29));
	window_is("2026-Q1..2026-05-15", 4, ymd(2026, 4, 1), ymd(2026, 5, 15));
	window_is("2026-02-10..2026-Q1", 1, ymd(2026, 2, 10),
		  ymd(2026, 3, 31));
}

static void window_errors(void **state)
{
	static const char *bad[] = {
		"2026-01-01", "..2026", "2026..", "..", "2026...2027",
		"2026-02-30..2026-03-01", "2026..2027..2028", "x..y",
		"2026-01-01 .. 2026-02-01",
	};
	struct fn_err err = {0};
	struct fn_window w = {1, 2};

	(void)state;
	assert_int_equal(fn_window_parse("2026-05-01..2026-04-01", 1, &w, &err),
			 FN_EINVAL);
	assert_string_equal(err.msg, "window '2026-05-01..2026-04-01': starts "
				     "2026-05-01, after its end 2026-04-01");
	assert_int_equal(fn_window_parse("2026-Q5..2027", 1, &w, &err),
			 FN_EINVAL);
	assert_string_equal(err.msg, "window '2026-Q5..2027': period "
				     "'2026-Q5': quarter must be 1..4");
	/* A quarter's start is after a date inside the quarter before. */
	assert_int_equal(fn_window_parse("2026-Q2..2026-03-31", 1, &w, &err),
			 FN_EINVAL);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.msg[0] = '\0';
		if (fn_window_parse(bad[i], 1, &w, &err) != FN_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
		assert_non_null(strstr(err.msg, "window '"));
	}
	assert_int_equal(w.from, 1);
	assert_int_equal(w.to, 2);
}

static void window_default(void **state)
{
	struct fn_window w;

	(void)state;
	w = fn_window_default(ymd(2026, 11, 28), 1);
	assert_int_equal(w.from, ymd(2025, 10, 1));
	assert_int_equal(w.to, ymd(2026, 9, 30));
	/* The first day of a quarter is already in it. */
	w = fn_window_default(ymd(2026, 10, 1), 1);
	assert_int_equal(w.from, ymd(2025, 10, 1));
	assert_int_equal(w.to, ymd(2026, 9, 30));
	w = fn_window_default(ymd(2026, 9, 30), 1);
	assert_int_equal(w.from, ymd(2025, 7, 1));
	assert_int_equal(w.to, ymd(2026, 6, 30));
	/* Quarters Feb-Apr, May-Jul, Aug-Oct, Nov-Jan. */
	w = fn_window_default(ymd(2026, 11, 28), 2);
	assert_int_equal(w.from, ymd(2025, 11, 1));
	assert_int_equal(w.to, ymd(2026, 10, 31));
	w = fn_window_default(ymd(2026, 5, 1), 4);
	assert_int_equal(w.from, ymd(2025, 4, 1));
	assert_int_equal(w.to, ymd(2026, 3, 31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_days),
		cmocka_unit_test(to_ymd_known),
		cmocka_unit_test(walk_long_range),
		cmocka_unit_test(round_trip_wide),
		cmocka_unit_test(format_days),
		cmocka_unit_test(parse_accepts),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(today_pinned),
		cmocka_unit_test(periods_calendar),
		cmocka_unit_test(periods_fiscal_april),
		cmocka_unit_test(period_of_day),
		cmocka_unit_test(period_add),
		cmocka_unit_test(period_errors),
		cmocka_unit_test(windows),
		cmocka_unit_test(window_errors),
		cmocka_unit_test(window_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
