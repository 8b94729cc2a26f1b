/*
 * test_stats.c - the statistics of lib/stats.c against values worked out
 * by hand (the arithmetic is in each comment), not against the code.
 */
#include <math.h>
#include "testutil.h"
#include "funnel/stats.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void normal_cdf(void **state)
{
	(void)state;
	NEAR(fn_stats_normal_cdf(0), 0.5, 1e-12);
	/* the 97.5 % quantile of the standard normal is 1.959964 */
	NEAR(fn_stats_normal_cdf(1.959964), 0.975, 1e-6);
	NEAR(fn_stats_normal_cdf(-1.959964), 0.025, 1e-6);
}

static void two_proportions(void **state)
{
	double z, p;
	(void)state;
	/* 10/50 against 30/50: pooled 0.4, se = sqrt(0.4*0.6*(2/50)) =
	 * 0.0979796, z = -0.4/0.0979796 = -4.0824829, Phi(z) = 2.2271e-5 */
	assert_int_equal(fn_stats_two_prop_below(10, 50, 30, 50, &z, &p), 0);
	NEAR(z, -4.0824829, 1e-6);
	NEAR(p, 2.2271e-5, 1e-8);
	/* no cases, or everyone converting: no test */
	assert_int_equal(fn_stats_two_prop_below(0, 0, 3, 4, &z, &p), -1);
	assert_int_equal(fn_stats_two_prop_below(5, 5, 4, 4, &z, &p), -1);
}

static void fisher(void **state)
{
	(void)state;
	/* 1/4 against 3/4: 4 successes among 8, 4 drawn; P(X <= 1) =
	 * (C(4,0)C(4,4) + C(4,1)C(4,3)) / C(8,4) = (1 + 16) / 70 */
	NEAR(fn_stats_fisher_below(1, 4, 3, 4), 17.0 / 70.0, 1e-12);
	/* P(X <= 4) of the same table is 1 */
	NEAR(fn_stats_fisher_below(4, 4, 0, 4), 1.0, 1e-12);
	/* 0/3 against 3/3: only the table itself, 1 / C(6,3) = 1/20 */
	NEAR(fn_stats_fisher_below(0, 3, 3, 3), 0.05, 1e-12);
	assert_true(isnan(fn_stats_fisher_below(0, 0, 1, 2)));
}

static void poisson(void **state)
{
	(void)state;
	/* P(X >= 2 | 1) = 1 - e^-1 (1 + 1) = 0.2642411 */
	NEAR(fn_stats_poisson_upper(2, 1.0), 1.0 - 2.0 / exp(1.0), 1e-12);
	/* P(X >= 10 | 3) = 1 - 0.9988975 (tables) = 0.0011025 */
	NEAR(fn_stats_poisson_upper(10, 3.0), 0.0011025, 1e-6);
	NEAR(fn_stats_poisson_upper(0, 3.0), 1.0, 0);
}

static void wilson(void **state)
{
	double lo, hi;
	(void)state;
	/* 5/10, z 1.96: centre (0.5 + 1.96^2/20) / (1 + 1.96^2/10) = 0.5,
	 * half 1.96 sqrt(0.025 + 1.96^2/400) / 1.38416 = 0.263411 */
	fn_wilson(5, 10, 1.96, &lo, &hi);
	NEAR(lo, 0.236589, 1e-6);
	NEAR(hi, 0.763411, 1e-6);
	fn_wilson(0, 0, 1.96, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

/* Clopper-Pearson: the closed forms at the ends (1 - (a/2)^(1/n) and
 * (a/2)^(1/n)) and the textbook interval of 5 in 10, [0.1871, 0.8129]. */
static void exact_interval(void **state)
{
	double lo, hi;

	(void)state;
	fn_stats_exact(0, 10, 0.05, &lo, &hi);
	assert_true(lo == 0 && fabs(hi - 0.3084971078) < 1e-8);
	fn_stats_exact(10, 10, 0.05, &lo, &hi);
	assert_true(fabs(lo - 0.6915028922) < 1e-8 && hi == 1);
	fn_stats_exact(5, 10, 0.05, &lo, &hi);
	assert_true(fabs(lo - 0.1871) < 1e-4 && fabs(hi - 0.8129) < 1e-4);
	fn_stats_exact(1, 0, 0.05, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

/* Benjamini-Hochberg by hand: with m = 8 and q = 0.05 the thresholds are
 * r/8 x 0.05; only ranks 1 and 2 pass, so two discoveries. */
static void benjamini_hochberg(void **state)
{
	double p[] = {0.041, 0.001, 0.205, 0.039, 0.008, 0.042, 0.06, 0.074};
	double q[] = {0.01, 0.04, 0.03, 0.20};
	int rej[8];

	(void)state;
	assert_int_equal(fn_stats_bh(p, 8, 0.05, rej), 2);
	assert_true(rej[1] && rej[4] && !rej[0] && !rej[3] && !rej[2]);
	assert_int_equal(fn_stats_bh(q, 4, 0.05, rej), 1);
	assert_true(rej[0] && !rej[1] && !rej[2] && !rej[3]);
	assert_int_equal(fn_stats_bh(q, 0, 0.05, rej), 0);
}

/* 3/10 against 8/10 with a 10-point margin: Agresti-Caffo 4/12 and 9/12,
 * se = sqrt((1/3)(2/3)/12 + (3/4)(1/4)/12), z = (5/12 - 0.1) / se,
 * p = 1 - Phi(z) = 0.0432870544 (computed apart). */
static void gap_above(void **state)
{
	(void)state;
	assert_true(fabs(fn_stats_gap_above(3, 10, 8, 10, 0.1) -
			 0.0432870544) < 1e-8);
	assert_true(fn_stats_gap_above(8, 10, 3, 10, 0.1) > 0.99);
	assert_true(isnan(fn_stats_gap_above(1, 0, 1, 1, 0.1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normal_cdf),
		cmocka_unit_test(two_proportions),
		cmocka_unit_test(fisher),
		cmocka_unit_test(poisson),
		cmocka_unit_test(wilson),
		cmocka_unit_test(exact_interval),
		cmocka_unit_test(benjamini_hochberg),
		cmocka_unit_test(gap_above),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
