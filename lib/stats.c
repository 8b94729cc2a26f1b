/*
 * stats.c - the statistics of the figures (stats.h): quantiles by linear
 * interpolation between closest ranks, sorting, the splitmix64 random
 * numbers of Monte Carlo, Kaplan–Meier survival with the Aalen–Johansen
 * cumulative incidence of one cause, and the Wilson interval.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- random numbers ----------------------------------------------------- */

void fn_rng_seed(struct fn_rng *r, uint64_t seed, uint64_t stream)
{
	struct fn_rng m = {seed};

	/* two rounds of mixing, so that neighbouring seeds and streams start
	 * far apart */
	m.s = fn_rng_next(&m) ^ (stream * 0xd1342543de82ef95ULL);
	r->s = fn_rng_next(&m);
}

/* log x for finite x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), then
 * log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172, by its series to
 * s^21 (the next term is below 1e-17 of the sum). Only +, *, / and frexp,
 * exact or correctly rounded everywhere. */
double fn_det_log(double x)
{
	int e;
	double m = frexp(x, &e), s, s2, t;

	if (m < 0.70710678118654752440) {
		m *= 2;
		e--;
	}
	s = (m - 1) / (m + 1);
	s2 = s * s;
	t = 1.0 / 21;
	for (int k = 19; k >= 1; k -= 2)
		t = 1.0 / k + s2 * t;
	return 2 * s * t + (double)e * 0.69314718055994530942;
}

double fn_rng_normal(struct fn_rng *r)
{
	double u, v, s;

	do {
		u = 2 * fn_rng_uniform(r) - 1;
		v = 2 * fn_rng_uniform(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	/* the polar method gives two; the second is dropped, so a draw is
	 * a function of the stream's position alone */
	return u * sqrt(-2 * fn_det_log(s) / s);
}

double fn_rng_gamma(struct fn_rng *r, double a)
{
	double d = a - 1.0 / 3, c = 1 / sqrt(9 * d), x, v, u;

	for (;;) {
		do {
			x = fn_rng_normal(r);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = fn_rng_uniform(r);
		if (u < 1 - 0.0331 * (x * x) * (x * x))
			return d * v;
		if (u > 0 && fn_det_log(u) < 0.5 * x * x +
					     d * (1 - v + fn_det_log(v)))
			return d * v;
	}
}

double fn_rng_beta(struct fn_rng *r, double a, double b)
{
	double x = fn_rng_gamma(r, a), y = fn_rng_gamma(r, b);

	return x / (x + y);
}

/* ---- survival ----------------------------------------------------------- */

struct obs {
	double t;
	uint8_t c;
};

static int cmp_obs(const void *a, const void *b)
{
	const struct obs *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	/* events before censorings at the same time */
	return (x->c == 0) - (y->c == 0);
}

int fn_km_fit(const double *time, const uint8_t *cause, size_t n,
	      struct fn_km *out)
{
	struct obs *o = NULL;
	size_t i, j, k = 0;
	double s = 1.0, f1 = 0.0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	o = malloc((n ? n : 1) * sizeof *o);
	out->t = malloc((n ? n : 1) * sizeof *out->t);
	out->s = malloc((n ? n : 1) * sizeof *out->s);
	out->f1 = malloc((n ? n : 1) * sizeof *out->f1);
	if (!o || !out->t || !out->s || !out->f1)
		goto out;
	for (i = 0; i < n; i++) {
		o[i].t = time[i];
		o[i].c = cause[i];
		out->n_events += cause[i] != 0;
		out->n_cause1 += cause[i] == 1;
	}
	out->n_obs = (int64_t)n;
	qsort(o, n, sizeof *o, cmp_obs);
	for (i = 0; i < n; i = j) {
		size_t at_risk = n - i, d = 0, d1 = 0;

		for (j = i; j < n && o[j].t == o[i].t; j++) {
			d += o[j].c != 0;
			d1 += o[j].c == 1;
		}
		if (!d)
			continue;
		/* F1 takes S just before t; then S steps down */
		f1 += s * (double)d1 / (double)at_risk;
		s *= 1.0 - (double)d / (double)at_risk;
		out->t[k] = o[i].t;
		out->s[k] = s;
		out->f1[k] = f1;
		k++;
	}
	out->n = k;
	rc = 0;
out:
	free(o);
	if (rc)
		fn_km_release(out);
	return rc;
}

void fn_km_release(struct fn_km *km)
{
	free(km->t);
	free(km->s);
	free(km->f1);
	memset(km, 0, sizeof *km);
}

/* Index of the last event time <= t, or -1. */
static long km_at(const struct fn_km *km, double t)
{
	size_t lo = 0, hi = km->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (km->t[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

double fn_km_surv(const struct fn_km *km, double t)
{
	long i = km_at(km, t);

	return i < 0 ? 1.0 : km->s[i];
}

double fn_km_f1(const struct fn_km *km, double t)
{
	long i = km_at(km, t);

	return i < 0 ? 0.0 : km->f1[i];
}

/* ---- intervals ---------------------------------------------------------- */

void fn_wilson(int64_t k, int64_t n, double z, double *lo, double *hi)
{
	double p, z2, den, mid, half;

	if (n <= 0) {
		*lo = *hi = NAN;
		return;
	}
	p = (double)k / (double)n;
	z2 = z * z;
	den = 1.0 + z2 / (double)n;
	mid = (p + z2 / (2.0 * (double)n)) / den;
	half = z * sqrt(p * (1.0 - p) / (double)n +
			z2 / (4.0 * (double)n * (double)n)) / den;
	*lo = mid - half < 0 ? 0 : mid - half;
	*hi = mid + half > 1 ? 1 : mid + half;
}

size_t fn_km_points(const double *t, const uint8_t *cause, const double *key,
		    double key_min, size_t n, double shift, const double *x,
		    size_t nx, double *f1, double *s, double *f1_end,
		    size_t *n_events)
{
	size_t i, j, at_risk = 0, xi = 0, events = 0;
	double sv = 1.0, fv = 0.0;

	for (i = 0; i < n; i++)
		if (!key || key[i] > key_min)
			at_risk++;
	*n_events = 0;
	*f1_end = 0;
	if (!at_risk) {
		for (; xi < nx; xi++) {
			if (f1)
				f1[xi] = 0;
			if (s)
				s[xi] = 1;
		}
		return 0;
	}
	{
		size_t subset = at_risk;

		for (i = 0; i < n; i = j) {
			double ti = t[i] - shift;
			size_t d = 0, d1 = 0, gone = 0;

			for (j = i; j < n && t[j] == t[i]; j++) {
				if (key && !(key[j] > key_min))
					continue;
				gone++;
				d += cause[j] != 0;
				d1 += cause[j] == 1;
			}
			if (!gone)
				continue;
			/* the points before this time see the values so far */
			for (; xi < nx && x[xi] < ti; xi++) {
				if (f1)
					f1[xi] = fv;
				if (s)
					s[xi] = sv;
			}
			if (d) {
				fv += sv * (double)d1 / (double)at_risk;
				sv *= 1.0 - (double)d / (double)at_risk;
				events += d;
			}
			at_risk -= gone;
		}
		for (; xi < nx; xi++) {
			if (f1)
				f1[xi] = fv;
			if (s)
				s[xi] = sv;
		}
		*f1_end = fv;
		*n_events = events;
		return subset;
	}
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
