/*
 * stats.h - the order statistics the figures use (part of the engine; see
 * engine.h).
 */
#ifndef FUNNEL_STATS_H
#define FUNNEL_STATS_H

#include <stddef.h>

/* Median and p80 as defined in the README (linear interpolation between
 * closest ranks: the p-quantile of sorted x[0..n-1] is at rank p*(n-1)).
 * Sorts x in place. NAN when n is 0. */
double fn_quantile_sorted(const double *x, size_t n, double p);
void fn_sort_doubles(double *x, size_t n);

#endif
