/*
 * stats.h - the statistics the figures use: order statistics, a portable
 * random number generator, survival estimates and confidence intervals
 * (part of the engine; see engine.h).
 */
#ifndef FUNNEL_STATS_H
#define FUNNEL_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Median and p80 as defined in the README (linear interpolation between
 * closest ranks: the p-quantile of sorted x[0..n-1] is at rank p*(n-1)).
 * Sorts x in place. NAN when n is 0. */
double fn_quantile_sorted(const double *x, size_t n, double p);
void fn_sort_doubles(double *x, size_t n);

/* The significance tests of the diagnosis (report_diagnose.c), written
 * here rather than taken from GSL (GPL-3).
 *
 * Standard normal distribution function Phi(z). */
double fn_stats_normal_cdf(double z);
/* One-sided two-proportion z-test of "x1/n1 is below x2/n2" with the
 * pooled proportion: *z the statistic, *p = Phi(z) its p-value. -1 (and
 * NAN) when a count is 0 or the pooled proportion is 0 or 1. */
int fn_stats_two_prop_below(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
			    double *z, double *p);
/* One-sided Fisher exact test of "x1/n1 is below x2/n2": P(X <= x1)
 * for X hypergeometric (n1 drawn from n1 + n2 holding x1 + x2
 * successes). NAN when a count is 0. */
double fn_stats_fisher_below(int64_t x1, int64_t n1, int64_t x2, int64_t n2);
/* P(X >= k) for X Poisson with mean lambda (1 when k <= 0). */
double fn_stats_poisson_upper(int64_t k, double lambda);
/* ---- random numbers ----
 * splitmix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a
 * constant and mixed; written here, with integer arithmetic only, so that a
 * seed gives the same numbers on every machine and compiler. */
struct fn_rng {
	uint64_t s;
};
/* A stream for (seed, stream): trial k of a Monte Carlo run is stream k,
 * so the result does not depend on how trials are shared out. */
void fn_rng_seed(struct fn_rng *r, uint64_t seed, uint64_t stream);
#define FN_RNG_GAMMA 0x9e3779b97f4a7c15ULL
/* The output function: draw i (from 0) of a stream whose state is s is
 * fn_rng_mix(s + (i + 1) * FN_RNG_GAMMA), so a stream can also be read
 * out of order (Monte Carlo reads it opportunity by opportunity). */
static inline uint64_t fn_rng_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static inline uint64_t fn_rng_next(struct fn_rng *r)
{
	return fn_rng_mix(r->s += FN_RNG_GAMMA);
}
/* Uniform in [0, 1), 53 bits. */
static inline double fn_rng_uniform(struct fn_rng *r)
{
	return (double)(fn_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Posterior draws for Monte Carlo, on top of a stream, with IEEE
 * arithmetic and sqrt only (fn_det_log is a series, not libm's log), so a
 * seed gives the same numbers on every machine: a standard normal (polar
 * method), Gamma(a, 1) for a >= 1 (Marsaglia and Tsang 2000) and
 * Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), a, b >= 1. */
double fn_det_log(double x);
double fn_rng_normal(struct fn_rng *r);
double fn_rng_gamma(struct fn_rng *r, double a);
double fn_rng_beta(struct fn_rng *r, double a, double b);

/* ---- survival ----
 * Kaplan–Meier estimate of S(t) = P(D > t) from durations (days) that
 * ended with an event (cause 1 or 2) or were censored (cause 0), with the
 * Aalen–Johansen cumulative incidence of cause 1: F1(t) = P(D <= t and the
 * event is cause 1) = sum over event times u <= t of S(u-) d1(u) / n(u).
 * At a time with both events and censorings, the events come first (the
 * usual convention: a case censored at t was still at risk at t). */
struct fn_km {
	size_t n;      /* distinct event times */
	double *t;     /* ascending */
	double *s;     /* S(t[i]): survival just after t[i] */
	double *f1;    /* F1(t[i]) */
	int64_t n_obs, n_events, n_cause1;
};
/* time[i] >= 0, cause[i] in 0..2; n may be 0. -1 when out of memory. */
int fn_km_fit(const double *time, const uint8_t *cause, size_t n,
	      struct fn_km *out);
void fn_km_release(struct fn_km *km);
/* S(t) and F1(t): step functions, right-continuous; S(t) = 1 and F1 = 0
 * before the first event time. */
double fn_km_surv(const struct fn_km *km, double t);
double fn_km_f1(const struct fn_km *km, double t);

/* The same estimate in one pass at given points, for a subset: over the
 * cases i with key[i] > key_min (key NULL: all), with times t[i] - shift,
 * writes S and F1 at each x[j] (x ascending; f1 or s may be NULL). t must
 * be ascending, with the events of a time before its censorings (as
 * fn_km_fit orders them). Returns the number of cases in the subset and
 * sets *f1_end to F1 after the last event, *n_events to their count. */
size_t fn_km_points(const double *t, const uint8_t *cause, const double *key,
		    double key_min, size_t n, double shift, const double *x,
		    size_t nx, double *f1, double *s, double *f1_end,
		    size_t *n_events);

/* Wilson score interval of k successes in n trials at z (1.96: 95 %);
 * NAN, NAN when n is 0. */
void fn_wilson(int64_t k, int64_t n, double z, double *lo, double *hi);

/* Clopper-Pearson exact interval of x successes in n at level
 * 1 - alpha (0.05: 95 %); NAN when n is 0. */
void fn_stats_exact(int64_t x, int64_t n, double alpha, double *lo,
		    double *hi);
/* Benjamini-Hochberg at false discovery rate q over the p-values
 * p[0..m): reject[i] set to 1 for the discoveries; returns their number.
 * (Out of memory: no discoveries.) */
size_t fn_stats_bh(const double *p, size_t m, double q, int *reject);

/* One-sided test that x2/n2 exceeds x1/n1 by more than delta (a gap
 * larger than a minimum that matters): the p-value of the Wald statistic
 * of the Agresti-Caffo adjusted proportions (one success and one failure
 * added to each group), 1 - Phi((p2 - p1 - delta) / se). NAN when a count
 * is 0. */
double fn_stats_gap_above(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
			  double delta);

#endif
