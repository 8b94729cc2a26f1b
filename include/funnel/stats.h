/*
 * stats.h - the order statistics the figures use (part of the engine; see
 * engine.h).
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
/* Wilson score interval of x successes in n at normal quantile z (1.96
 * for 95 %); NAN when n is 0. */
void fn_stats_wilson(int64_t x, int64_t n, double z, double *lo, double *hi);

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
