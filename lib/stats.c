/*
 * stats.c - order statistics of the figures (stats.h): quantiles by linear
 * interpolation between closest ranks, and sorting.
 */
#include <math.h>
#include <stdlib.h>
#include "funnel/stats.h"

/* ---- quantiles ---------------------------------------------------------- */

double fn_quantile_sorted(const double *x, size_t n, double p)
{
	double r, f;
	size_t lo, hi;

	if (n == 0)
		return NAN;
	r = p * (double)(n - 1);
	lo = (size_t)floor(r);
	hi = (size_t)ceil(r);
	if (hi >= n)
		hi = n - 1;
	f = r - (double)lo;
	return x[lo] + f * (x[hi] - x[lo]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void fn_sort_doubles(double *x, size_t n)
{
	if (n > 1)
		qsort(x, n, sizeof *x, cmp_double);
}

/* ---- significance ------------------------------------------------------- */

double fn_stats_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

int fn_stats_two_prop_below(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
			    double *z, double *p)
{
	double p1, p2, pool, se;

	*z = NAN;
	*p = NAN;
	if (n1 <= 0 || n2 <= 0)
		return -1;
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	pool = (double)(x1 + x2) / (double)(n1 + n2);
	se = sqrt(pool * (1.0 - pool) * (1.0 / (double)n1 + 1.0 / (double)n2));
	if (se <= 0)
		return -1;
	*z = (p1 - p2) / se;
	*p = fn_stats_normal_cdf(*z);
	return 0;
}

double fn_stats_poisson_upper(int64_t k, double lambda)
{
	double term, cdf = 0;
	int64_t i;

	if (k <= 0)
		return 1.0;
	if (!(lambda > 0))
		return 0.0;
	/* P(X >= k) = 1 - sum_{i<k} e^-l l^i / i!, terms in logs */
	for (i = 0; i < k; i++) {
		term = exp(-lambda + (double)i * log(lambda) - lgamma((double)i + 1));
		cdf += term;
	}
	return cdf >= 1.0 ? 0.0 : 1.0 - cdf;
}

void fn_stats_wilson(int64_t x, int64_t n, double z, double *lo, double *hi)
{
	double ph, d, c, h;

	if (n <= 0) {
		*lo = *hi = NAN;
		return;
	}
	ph = (double)x / (double)n;
	d = 1.0 + z * z / (double)n;
	c = (ph + z * z / (2.0 * (double)n)) / d;
	h = z * sqrt(ph * (1.0 - ph) / (double)n +
		     z * z / (4.0 * (double)n * (double)n)) / d;
	*lo = c - h;
	*hi = c + h;
}

static double log_choose(int64_t n, int64_t k)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) -
	       lgamma((double)(n - k) + 1);
}

double fn_stats_fisher_below(int64_t x1, int64_t n1, int64_t x2, int64_t n2)
{
	int64_t K = x1 + x2, N = n1 + n2, lo, x;
	double den, p = 0;

	if (n1 <= 0 || n2 <= 0)
		return NAN;
	/* X ~ hypergeometric: n1 draws from N holding K successes */
	lo = K - n2 > 0 ? K - n2 : 0;
	den = log_choose(N, n1);
	for (x = lo; x <= x1; x++)
		p += exp(log_choose(K, x) + log_choose(N - K, n1 - x) - den);
	return p > 1.0 ? 1.0 : p;
}

/* P(X <= x) for X binomial(n, p). */
static double binom_cdf(int64_t x, int64_t n, double p)
{
	double s = 0;

	if (x < 0)
		return 0;
	if (x >= n)
		return 1;
	if (p <= 0)
		return 1;
	if (p >= 1)
		return 0;
	for (int64_t k = 0; k <= x; k++)
		s += exp(log_choose(n, k) + (double)k * log(p) +
			 (double)(n - k) * log1p(-p));
	return s > 1 ? 1 : s;
}

void fn_stats_exact(int64_t x, int64_t n, double alpha, double *lo,
		    double *hi)
{
	double a, b;

	if (n <= 0 || x < 0 || x > n) {
		*lo = *hi = NAN;
		return;
	}
	/* lower: P(X >= x | p) = alpha/2, which grows with p */
	if (x == 0) {
		*lo = 0;
	} else {
		a = 0;
		b = 1;
		for (int i = 0; i < 60; i++) {
			double m = (a + b) / 2;

			if (1 - binom_cdf(x - 1, n, m) < alpha / 2)
				a = m;
			else
				b = m;
		}
		*lo = (a + b) / 2;
	}
	/* upper: P(X <= x | p) = alpha/2, which falls with p */
	if (x == n) {
		*hi = 1;
	} else {
		a = 0;
		b = 1;
		for (int i = 0; i < 60; i++) {
			double m = (a + b) / 2;

			if (binom_cdf(x, n, m) > alpha / 2)
				a = m;
			else
				b = m;
		}
		*hi = (a + b) / 2;
	}
}

static int cmp_idx_p(const void *a, const void *b, void *ctx)
{
	const double *p = ctx;
	double x = p[*(const size_t *)a], y = p[*(const size_t *)b];

	return (x > y) - (x < y);
}

size_t fn_stats_bh(const double *p, size_t m, double q, int *reject)
{
	size_t *ix, k = 0, n = 0;
	double cut = -1;

	for (size_t i = 0; i < m; i++)
		reject[i] = 0;
	if (!m)
		return 0;
	ix = malloc(m * sizeof *ix);
	if (!ix)
		return 0;
	for (size_t i = 0; i < m; i++)
		ix[i] = i;
	qsort_r(ix, m, sizeof *ix, cmp_idx_p, (void *)p);
	for (size_t r = 1; r <= m; r++)
		if (p[ix[r - 1]] <= (double)r / (double)m * q)
			k = r;
	if (k)
		cut = p[ix[k - 1]];
	for (size_t i = 0; i < m; i++)
		if (k && p[i] <= cut) {
			reject[i] = 1;
			n++;
		}
	free(ix);
	return n;
}

double fn_stats_gap_above(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
			  double delta)
{
	double p1, p2, se;

	if (n1 <= 0 || n2 <= 0)
		return NAN;
	/* Agresti-Caffo: one success and one failure added to each group */
	p1 = ((double)x1 + 1) / ((double)n1 + 2);
	p2 = ((double)x2 + 1) / ((double)n2 + 2);
	se = sqrt(p1 * (1 - p1) / ((double)n1 + 2) +
		  p2 * (1 - p2) / ((double)n2 + 2));
	return 1.0 - fn_stats_normal_cdf((p2 - p1 - delta) / se);
}
