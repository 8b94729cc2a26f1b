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
