/*
 * forecast.h - the forecast methods of PRODUCT.md section 6 and the
 * back-test of section 7 (part of the engine; see engine.h), computed from
 * the dataset for a query: weighted, commit and best case (the overall
 * figures), `historical` (the win rate from each milestone times the
 * chance, from a survival estimate over time-to-close history, that a win
 * closes inside the period given the milestone and the age in it) and
 * `montecarlo` (trials drawing the estimates from their posterior, then
 * each open opportunity's outcome and close period from them).
 * docs/definitions.md ("Forecast") is the
 * contract.
 */
#ifndef FUNNEL_FORECAST_H
#define FUNNEL_FORECAST_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/figures.h"
#include "funnel/query.h"
#include "funnel/stats.h"

struct fn_dataset;
struct fn_opp_state;

/* A milestone's history is thin below this many closed cases (win rate
 * from it) or closings seen after entering it (survival): it then falls
 * back to its own probability and the expected close date. */
#define FN_FORECAST_MIN_CASES 20
#define FN_FORECAST_TRIALS 10000
#define FN_FORECAST_SEED 1
#define FN_FORECAST_NPER 5   /* this quarter, the next three, the year */
#define FN_FORECAST_BINS 20  /* histogram of the Monte Carlo outcomes */

/* What history says of one open milestone (dense index ms), over the
 * window, as of T: the win rate from it with its Wilson 95 % interval,
 * and each entry into it dated in the window with its time to closing (t,
 * days; cause 1 won, 2 lost, 0 still open at the window's end: censored)
 * and its days in the milestone (w), ordered by t (events first). */
struct fn_ms_history {
	int32_t ms;
	double probability;   /* the milestone's configured one */
	int64_t cases, won;
	double win_rate_from, lo, hi;
	size_t n;             /* entries */
	double *t, *w;
	uint8_t *c;
	int64_t n_events, n_won_events;
	int32_t age_cap;      /* older ones count as this old (see .c) */
	double (*share)[4];   /* per age 0..age_cap: cached quarter shares */
	uint8_t *have;
	double *wins;         /* per age: the wins the shares rest on */
	int thin;             /* falls back to probability */
	int32_t next;         /* the row of the process's next open
				 milestone, -1 after the last */
};

struct fn_history {
	fn_day as_of, end;    /* end = min(as_of, window.to) */
	struct fn_window window;
	struct fn_period quarter[4]; /* the quarter holding as_of, next 3 */
	size_t n;             /* open milestones of every process */
	struct fn_ms_history *ms;
	int32_t *row_of;      /* n_ms: dense milestone -> row, -1 */
};
/* Builds the history of every open milestone of every process from the
 * whole company's opportunities, over window as of T (events dated after
 * min(T, window.to) are never read). Release with fn_history_release. */
fn_code fn_history_build(const struct fn_dataset *ds, fn_day T,
			 struct fn_window window, struct fn_history *h,
			 const struct fn_query *q, struct fn_err *err);
void fn_history_release(struct fn_history *h);
/* The probability that an opportunity open at h->as_of in state st is won
 * with a close day inside h->quarter[k] by the historical method:
 * win_rate_from of its milestone times the share of the wins of the
 * entries that were still in that milestone at its age that closed that
 * many days later; a thin milestone gives its probability (the override
 * when one is in force) when the effective close date is inside, else 0.
 * -1 when out of memory. */
/* The age (days in its milestone, capped) that st's row of h counts. */
int32_t fn_history_age(const struct fn_history *h,
		       const struct fn_opp_state *st);
double fn_history_prob(const struct fn_dataset *ds, struct fn_history *h,
		       const struct fn_opp_state *st, int k);

/* One period of the forecast. Amounts are cents. */
struct fn_forecast_period {
	struct fn_period p;
	struct fn_overall o;      /* won, pipeline, weighted, commit, ... */
	double historical;
	double mc_mean, mc_p10, mc_p50, mc_p90;
	double mc_p_target;       /* NAN without a target */
	double hist_from, hist_width; /* the histogram's first edge and bin */
	int64_t hist[FN_FORECAST_BINS];
	/* Forecast calls as of T: the sum over the reps in scope of each
	 * one's latest call for the period (submitted or adjusted), and the
	 * latest adjustment of the team's own call when the scope is a team
	 * (has_team_call). */
	int64_t call_commit, call_best_case, call_reps;
	int has_team_call;
	int64_t team_commit, team_best_case;
};

struct fn_forecast {
	struct fn_forecast_period per[FN_FORECAST_NPER];
	struct fn_history h;
	int64_t trials;
	uint64_t seed;
	int64_t n_open;           /* open opportunities in scope at T */
	int64_t n_fallback;       /* of those, in a thin milestone */
};
/* The forecast of q's owner or team as of q->as_of for the fiscal quarter
 * holding it, the next three quarters and the fiscal year holding it,
 * with history over q->window and q->trials trials from q->seed.
 * Release with fn_forecast_release. */
fn_code fn_forecast_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, struct fn_forecast *out,
			    struct fn_err *err);
void fn_forecast_release(struct fn_forecast *f);

/* ---- back-test ---- */

enum fn_method {
	FN_METHOD_WEIGHTED,
	FN_METHOD_COMMIT,
	FN_METHOD_BEST_CASE,
	FN_METHOD_HISTORICAL,
	FN_METHOD_MONTECARLO,
	FN__NMETHODS
};
extern const char *const fn_method_names[FN__NMETHODS];

/* One as-of date of a back-test: each method's figure for the fiscal
 * quarter holding it, and what the opportunities that existed then won in
 * that quarter (actual; won_new: those created after it, which no method
 * sees). */
struct fn_backtest_date {
	fn_day as_of;
	struct fn_period p;
	double forecast[FN__NMETHODS];
	double mc_p10, mc_p90;
	double actual, won_new;
};

struct fn_method_acc {
	int64_t n, n_ape;      /* dates; dates with actual > 0 */
	double mean_error;     /* cents: mean of forecast - actual */
	double bias;           /* mean of (forecast - actual) / actual */
	double mape;           /* mean of |forecast - actual| / actual */
};

/* A rep's calls against what the rep won: per as-of date whose quarter
 * the rep had called by then (the latest call dated <= it), the commit
 * against the amount won in that quarter by the rep's opportunities (all
 * of them: a call is of the period's total), as of the back-test's T. */
struct fn_person_acc {
	int64_t user_id;
	struct fn_method_acc acc;
};

struct fn_backtest {
	size_t n_people;
	struct fn_person_acc *people;
	size_t n;
	struct fn_backtest_date *d;
	struct fn_method_acc acc[FN__NMETHODS];
	double band_hit_rate;  /* share of dates with p10 <= actual <= p90 */
	int64_t band_hits;
	struct fn_history h;   /* as of the back-test's own as-of: calibration */
	int64_t trials;
	uint64_t seed;
};
/* The default as-of dates for T: the first day and the middle (first day
 * + half its length, rounded down) of each of the four full fiscal quarters
 * before the one holding T, oldest first; writes 8 days into out. */
void fn_backtest_default_dates(fn_day T, int fiscal_start, fn_day out[8]);
/* Back-tests every method on q->dates (q->n_dates; none: the defaults),
 * each rebuilt from what was known on that date (its own default window),
 * against what was won as of q->as_of. Release with fn_backtest_release. */
fn_code fn_backtest_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, struct fn_backtest *out,
			    struct fn_err *err);
void fn_backtest_release(struct fn_backtest *b);
/* The suggested probability of a history row: the observed win rate when
 * the history is not thin and its interval excludes the configured value,
 * else the configured value. */
double fn_calibrate_suggest(const struct fn_ms_history *m);

#endif
