/*
 * test_forecast.c - the statistics under the forecast (stats.c) against
 * values computed by hand, and the Monte Carlo trials (forecast.c) against
 * the exact distribution of a small pipeline.
 *
 * Kaplan–Meier by hand, six cases (days, outcome): 2 won, 3 lost,
 * 3 censored, 5 won, 6 censored, 8 won. At a time with events and
 * censorings the events come first (a case censored at t is at risk at t).
 *
 *   t  at risk  won lost  S(t)                    F1(t) (won)
 *   2     6      1   0    1 * (1 - 1/6) = 5/6     0 + 1 * 1/6          = 1/6
 *   3     5      0   1    5/6 * (1 - 1/5) = 2/3   1/6
 *         (the lost case and the case censored at 3 leave: 3 at risk)
 *   5     3      1   0    2/3 * (1 - 1/3) = 4/9   1/6 + 2/3 * 1/3      = 7/18
 *   6     (censored: 2 -> 1 at risk)
 *   8     1      1   0    4/9 * 0 = 0             7/18 + 4/9 * 1       = 5/6
 *
 * Check: F1(8) + F2(8) + S(8) = 5/6 + (5/6 * 1/5 = 1/6) + 0 = 1.
 *
 * The landmark subset: with days in the milestone w = 1, 3, 2, 4, 6, 2 for
 * the six cases in that order, the cases still in it at age 2 (w > 2) are
 * (3 lost, w 3), (5 won, w 4), (6 censored, w 6); counted from age 2 their
 * times are 1 lost, 3 won, 4 censored:
 *   t=1: 3 at risk, lost: S = 2/3, F1 = 0
 *   t=3: 2 at risk, won:  F1 = 2/3 * 1/2 = 1/3, S = 2/3 * 1/2 = 1/3
 *   t=4: censored. F1 at x = 0, 1, 2.5, 3, 10: 0, 0, 0, 1/3, 1/3;
 *   S there: 1, 2/3, 2/3, 1/3, 1/3.
 *
 * Wilson 95 % interval of 8 in 10 (z = 1.96): centre
 * (0.8 + 1.96^2/20) / (1 + 1.96^2/10) = 0.99208 / 1.38416 = 0.716738,
 * half width 1.96 * sqrt(0.016 + 0.009604) / 1.38416 = 0.226581:
 * 0.490157 .. 0.943319.
 *
 * splitmix64 from state 0 (Vigna's reference splitmix64.c): 0xe220a8397b1dcdaf,
 * 0x6e789e6aa1b965f4, 0x06c45d188009454f.
 */
#include <math.h>
#include "testutil.h"

static fn_day D(const char *s)
{
	fn_day d;
	assert_ok(fn_day_parse(s, &d));
	return d;
}

static void test_km_by_hand(void **state)
{
	const double t[] = {2, 3, 3, 5, 6, 8};
	const uint8_t c[] = {1, 2, 0, 1, 0, 1};
	struct fn_km km;
	(void)state;

	assert_int_equal(fn_km_fit(t, c, 6, &km), 0);
	assert_int_equal(km.n, 4); /* event times 2, 3, 5, 8 */
	assert_true(fabs(fn_km_surv(&km, 1) - 1.0) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 2) - 5.0 / 6) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 2.5) - 5.0 / 6) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 3) - 2.0 / 3) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 5) - 4.0 / 9) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 7) - 4.0 / 9) < 1e-12);
	assert_true(fabs(fn_km_surv(&km, 8)) < 1e-12);
	assert_true(fabs(fn_km_f1(&km, 1)) < 1e-12);
	assert_true(fabs(fn_km_f1(&km, 2) - 1.0 / 6) < 1e-12);
	assert_true(fabs(fn_km_f1(&km, 4) - 1.0 / 6) < 1e-12);
	assert_true(fabs(fn_km_f1(&km, 5) - 7.0 / 18) < 1e-12);
	assert_true(fabs(fn_km_f1(&km, 100) - 5.0 / 6) < 1e-12);
	assert_int_equal(km.n_events, 4);
	assert_int_equal(km.n_cause1, 3);
	fn_km_release(&km);
}

static void test_km_points_by_hand(void **state)
{
	/* the six cases above, ordered by time, events first */
	const double t[] = {2, 3, 3, 5, 6, 8};
	const uint8_t c[] = {1, 2, 0, 1, 0, 1};
	const double w[] = {1, 3, 2, 4, 6, 2};
	const double x[] = {0, 1, 2.5, 3, 10};
	const double want_f1[] = {0, 0, 0, 1.0 / 3, 1.0 / 3};
	const double want_s[] = {1, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3};
	const double xa[] = {2, 4.9, 5, 8};
	const double all_f1[] = {1.0 / 6, 1.0 / 6, 7.0 / 18, 5.0 / 6};
	double f1[5], s[5], end;
	size_t ne, n;
	(void)state;

	n = fn_km_points(t, c, w, 2, 6, 2, x, 5, f1, s, &end, &ne);
	assert_int_equal(n, 3);
	assert_int_equal(ne, 2);
	for (int i = 0; i < 5; i++) {
		assert_true(fabs(f1[i] - want_f1[i]) < 1e-12);
		assert_true(fabs(s[i] - want_s[i]) < 1e-12);
	}
	assert_true(fabs(end - 1.0 / 3) < 1e-12);
	/* no subset, no shift: the whole estimate */
	n = fn_km_points(t, c, NULL, 0, 6, 0, xa, 4, f1, NULL, &end, &ne);
	assert_int_equal(n, 6);
	for (int i = 0; i < 4; i++)
		assert_true(fabs(f1[i] - all_f1[i]) < 1e-12);
	assert_true(fabs(end - 5.0 / 6) < 1e-12);
}

static void test_wilson(void **state)
{
	double lo, hi;
	(void)state;

	fn_wilson(8, 10, 1.96, &lo, &hi);
	assert_true(fabs(lo - 0.490157) < 1e-5);
	assert_true(fabs(hi - 0.943319) < 1e-5);
	fn_wilson(0, 0, 1.96, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
	fn_wilson(0, 10, 1.96, &lo, &hi);
	assert_true(lo == 0 && hi > 0.2 && hi < 0.35);
}

static void test_rng(void **state)
{
	struct fn_rng r = {0}, a, b;
	double u;
	(void)state;

	/* the reference sequence: the same on every machine */
	assert_true(fn_rng_next(&r) == 0xe220a8397b1dcdafULL);
	assert_true(fn_rng_next(&r) == 0x6e789e6aa1b965f4ULL);
	assert_true(fn_rng_next(&r) == 0x06c45d188009454fULL);
	/* streams: the same (seed, stream) repeats, another differs */
	fn_rng_seed(&a, 42, 7);
	fn_rng_seed(&b, 42, 7);
	assert_true(fn_rng_next(&a) == fn_rng_next(&b));
	fn_rng_seed(&b, 42, 8);
	assert_true(fn_rng_next(&a) != fn_rng_next(&b));
	for (int i = 0; i < 1000; i++) {
		u = fn_rng_uniform(&a);
		assert_true(u >= 0 && u < 1);
	}
}

/* The posterior draws: fn_det_log against libm's log, reference draws
 * (hex floats: the same bits on every machine, computed once with -O0 and
 * -O2), and the moments of Beta(366, 3254), the posterior of 365 wins in
 * 3,618 cases: mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)). */
static void test_posterior_draws(void **state)
{
	struct fn_rng g;
	double s = 0, s2 = 0, m, v, want_m, want_v;
	const int n = 100000;
	(void)state;

	for (double x = 1e-300; x < 1e300; x *= 1.37)
		assert_true(fabs(fn_det_log(x) - log(x)) <=
			    4e-16 * (fabs(log(x)) + 1));
	assert_true(fn_det_log(1) == 0);
	fn_rng_seed(&g, 7, 3);
	assert_true(fn_rng_beta(&g, 366, 3254) == 0x1.77f1d1cffd6aep-4);
	assert_true(fn_rng_gamma(&g, 1.0) == 0x1.650ac35439af2p-2);
	assert_true(fn_rng_normal(&g) == 0x1.4334525e10f02p-4);
	fn_rng_seed(&g, 1, 2);
	for (int i = 0; i < n; i++) {
		double x = fn_rng_beta(&g, 366, 3254);

		assert_true(x > 0 && x < 1);
		s += x;
		s2 += x * x;
	}
	m = s / n;
	v = s2 / n - m * m;
	want_m = 366.0 / 3620;
	want_v = 366.0 * 3254 / (3620.0 * 3620 * 3621);
	/* 4 standard errors of the mean; the variance within 3 % */
	assert_true(fabs(m - want_m) < 4 * sqrt(want_v / n));
	assert_true(fabs(v / want_v - 1) < 0.03);
	/* Gamma(1) is Exp(1): mean 1, variance 1 */
	s = s2 = 0;
	for (int i = 0; i < n; i++) {
		double x = fn_rng_gamma(&g, 1.0);

		s += x;
		s2 += x * x;
	}
	m = s / n;
	assert_true(fabs(m - 1) < 4 / sqrt(n));
	assert_true(fabs(s2 / n - m * m - 1) < 0.05);
}

/* ---- Monte Carlo over a small pipeline with no history -------------- */

static char dir[512];

/* Three deals closing in 2026-Q1 at the default probabilities 10 %, 50 %
 * and 90 % (qualify, prove, commit) for 1,000, 2,000 and 4,000, and one
 * of 3,000 in develop (25 %) closing in 2026-Q2. Nothing ever closed, so
 * every milestone's history is thin: the forecast falls back to the
 * probabilities and the expected close dates. */
static struct fn_store *pipeline(void)
{
	struct fn_store *s;
	struct fn_process p;
	char path[700];
	static const struct {
		const char *ext;
		int ms;
		int64_t units;
		const char *close;
	} deals[] = {
		{"A", 0, 1000, "2026-03-10"}, {"B", 2, 2000, "2026-02-20"},
		{"C", 4, 4000, "2026-03-31"}, {"D", 1, 3000, "2026-05-05"},
	};

	snprintf(path, sizeof path, "%s/mc.db", dir);
	assert_ok(fn_store_open(path, &s, NULL));
	assert_ok(fn_process_default(&p, NULL));
	assert_ok(fn_store_process_save(s, &p, NULL));
	assert_ok(fn_store_setting_set(s, "currency", "USD", NULL));
	for (size_t i = 0; i < 4; i++) {
		struct fn_opp o = {0, deals[i].ext, deals[i].ext, 0, p.id, "USD",
				   NULL, NULL};
		struct fn_event e;

		assert_ok(fn_store_opp_put(s, &o, NULL, NULL));
		memset(&e, 0, sizeof e);
		e.opp_id = o.id;
		e.day = D("2026-01-05");
		e.has_value = 1;
		e.kind = FN_EV_MILESTONE;
		e.value = p.ms[deals[i].ms].id;
		assert_ok(fn_store_event_append(s, &e, NULL, NULL));
		e.kind = FN_EV_AMOUNT;
		e.value = deals[i].units * 100;
		assert_ok(fn_store_event_append(s, &e, NULL, NULL));
		e.kind = FN_EV_CLOSE_DATE;
		e.value = D(deals[i].close);
		assert_ok(fn_store_event_append(s, &e, NULL, NULL));
	}
	fn_process_release(&p);
	return s;
}

static void test_montecarlo(void **state)
{
	struct fn_store *s;
	struct fn_dataset *ds;
	struct fn_query q;
	struct fn_forecast f, g;
	double var, se;
	(void)state;

	tu_tmpdir(dir, sizeof dir);
	s = pipeline();
	assert_ok(fn_dataset_load(s, &ds, NULL));
	fn_query_defaults(ds, &q);
	q.as_of = D("2026-01-15");
	q.window = fn_window_default(q.as_of, ds->fiscal_start);
	q.trials = 20000;
	q.seed = 12345;
	q.has_seed = 1;
	assert_ok(fn_forecast_compute(ds, &q, &f, NULL));
	assert_int_equal(f.n_open, 4);
	assert_int_equal(f.n_fallback, 4);
	/* Q1: the weighted sum by hand, 0.1*1000 + 0.5*2000 + 0.9*4000 */
	assert_true(fabs(f.per[0].o.weighted - 470000) < 1e-6);
	assert_true(fabs(f.per[0].historical - 470000) < 1e-6);
	/* Monte Carlo mean within 4 standard errors; variance by hand:
	 * 1000^2*.09 + 2000^2*.25 + 4000^2*.09 = 2,530,000 */
	var = 2530000.0;
	se = sqrt(var / 20000.0) * 100; /* cents */
	assert_true(fabs(f.per[0].mc_mean - 470000) < 4 * se);
	/* the exact distribution: P(sum <= 5000) = .55, P(<= 6000) = .955,
	 * so p90 is 6000; P(sum <= 0) = .045, P(<= 2000) = .095: p10 is
	 * between 2000 and 4000 */
	assert_true(fabs(f.per[0].mc_p90 - 600000) < 1e-6);
	assert_true(f.per[0].mc_p10 >= 200000 && f.per[0].mc_p10 <= 400000);
	assert_true(f.per[0].mc_p10 <= f.per[0].mc_p50 &&
		    f.per[0].mc_p50 <= f.per[0].mc_p90);
	/* Q2: D alone, 0.25 * 3000, mean within 4 se (sd 3000*sqrt(.1875)) */
	assert_true(fabs(f.per[1].historical - 75000) < 1e-6);
	assert_true(fabs(f.per[1].mc_mean - 75000) <
		    4 * 3000 * sqrt(0.1875 / 20000.0) * 100);
	/* the year holds both quarters */
	assert_true(fabs(f.per[4].historical - 545000) < 1e-6);
	/* the histogram counts every trial */
	{
		int64_t n = 0;
		for (int b = 0; b < FN_FORECAST_BINS; b++)
			n += f.per[0].hist[b];
		assert_int_equal(n, 20000);
	}
	/* the same seed gives the very same figures, another seed others */
	assert_ok(fn_forecast_compute(ds, &q, &g, NULL));
	assert_true(g.per[0].mc_mean == f.per[0].mc_mean);
	assert_true(g.per[4].mc_p50 == f.per[4].mc_p50);
	assert_memory_equal(g.per[0].hist, f.per[0].hist, sizeof g.per[0].hist);
	fn_forecast_release(&g);
	q.seed = 54321;
	assert_ok(fn_forecast_compute(ds, &q, &g, NULL));
	assert_true(g.per[0].mc_mean != f.per[0].mc_mean);
	fn_forecast_release(&g);
	fn_forecast_release(&f);
	fn_dataset_free(ds);
	fn_store_close(s);
	tu_rmtree(dir);
}

static void test_backtest_dates(void **state)
{
	fn_day d[8];
	char buf[11];
	static const char *const want[8] = {
		"2025-04-01", "2025-05-16", "2025-07-01", "2025-08-16",
		"2025-10-01", "2025-11-16", "2026-01-01", "2026-02-15",
	};
	(void)state;

	fn_backtest_default_dates(D("2026-05-20"), 1, d);
	for (int i = 0; i < 8; i++) {
		fn_day_format(d[i], buf);
		assert_string_equal(buf, want[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_km_by_hand),
		cmocka_unit_test(test_km_points_by_hand),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_rng),
		cmocka_unit_test(test_posterior_draws),
		cmocka_unit_test(test_montecarlo),
		cmocka_unit_test(test_backtest_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
