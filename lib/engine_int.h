/*
 * engine_int.h - what the files of the analytics engine share and nobody
 * else sees (private to lib/): small allocation helpers, the state of an
 * opportunity event by event, the exchange rates of one report, and the
 * scope of a query as one flag per user.
 *
 * The dataset load (dataset.c) and the figures (oppstate.c, query.c,
 * target.c, stats.c, report_*.c) share these helpers.
 */
#ifndef FUNNEL_ENGINE_INT_H
#define FUNNEL_ENGINE_INT_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/engine.h"
#include "funnel/msg.h"

static inline void *fn_xcalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* Grows *p to hold need elements of size bytes; -1 when out of memory. */
static inline int fn_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

static inline fn_code fn_nomem(const struct fn_query *q, struct fn_err *err)
{
	return fn_err_set(err, FN_ENOMEM, "%s",
			  fn_msg(q ? q->lang : NULL, FN_MSG_ERR_NOMEM));
}

/* Index of a process id in ds->proc, or -1. */
static inline int fn_proc_index(const struct fn_dataset *ds,
				int64_t process_id)
{
	for (size_t i = 0; i < ds->n_proc; i++)
		if (ds->proc[i].id == process_id)
			return (int)i;
	return -1;
}

/* A growable array of values to take quantiles of (stats.h). */
struct fn_samples {
	double *x;
	size_t n, cap;
};

/* Appends v; -1 when out of memory. */
static inline int fn_samples_push(struct fn_samples *s, double v)
{
	if (fn_grow((void **)&s->x, &s->cap, s->n + 1, sizeof *s->x))
		return -1;
	s->x[s->n++] = v;
	return 0;
}

/* Position of dense milestone m among the open milestones of process pi,
 * -1 when it is closed, retired or of another process. */
static inline int32_t fn_open_pos(const struct fn_dataset *ds, int32_t m,
				  int pi)
{
	if (m < 0 || ds->ms_proc[m] != pi || ds->ms_kind[m] != FN_MS_OPEN)
		return -1;
	return ds->ms_pos[m];
}

/* ---- the state of an opportunity, event by event ----
 * Inline: the reports call these once per event of the whole history. */

static inline void fn_state_init(struct fn_opp_state *st)
{
	memset(st, 0, sizeof *st);
	st->created = FN_DAY_NONE;
	st->ms = -1;
	st->ms_since = FN_DAY_NONE;
	st->close = FN_DAY_NONE;
	st->category = FN_CAT_PIPELINE;
	st->closed_on = FN_DAY_NONE;
	st->close_day = FN_DAY_NONE;
	st->close_set = FN_DAY_NONE;
	st->as_of = FN_DAY_NONE;
}

/* Applies event e; a milestone event naming the current milestone is no
 * change (same-milestone renames keep the entry day and the override). */
static inline void fn_state_apply(const struct fn_dataset *ds, size_t e,
				  struct fn_opp_state *st)
{
	int has = ds->ev_has[e] & FN_EVH_VALUE;
	int64_t v = ds->ev_value[e];
	fn_day day = ds->ev_day[e];

	if (!st->exists) {
		st->exists = 1;
		st->created = day;
	}
	switch (ds->ev_kind[e]) {
	case FN_EV_MILESTONE:
		if (!has || v == st->ms)
			break;
		st->ms = (int32_t)v;
		st->ms_since = day;
		st->has_prob = 0;
		st->prob_bp = 0;
		if (ds->ms_kind[v] == FN_MS_OPEN) {
			st->closed_on = st->close_day = FN_DAY_NONE;
		} else {
			st->closed_on = day;
			st->close_day = st->close_set == day &&
				st->close != FN_DAY_NONE ? st->close : day;
		}
		break;
	case FN_EV_AMOUNT:
		st->amount = has ? v : 0;
		break;
	case FN_EV_CLOSE_DATE:
		st->close = has ? (fn_day)v : FN_DAY_NONE;
		st->close_set = day;
		/* Recorded with the closing: on its day, after it. */
		if (st->closed_on == day)
			st->close_day = has ? (fn_day)v : day;
		break;
	case FN_EV_CATEGORY:
		st->category = has ? (enum fn_category)v : FN_CAT_PIPELINE;
		break;
	case FN_EV_OWNER:
		st->owner = has ? v : 0;
		break;
	case FN_EV_PROBABILITY:
		st->has_prob = has;
		st->prob_bp = has ? (int)v : 0;
		break;
	default:
		break;
	}
}

/* Milestone m's probability as of T (fn_ms_prob_at). */
static inline double fn_ms_prob_as_of(const struct fn_dataset *ds, int32_t m,
				      fn_day T)
{
	size_t a, b;

	if (!ds->msp_off || T == FN_DAY_NONE)
		return ds->ms_prob[m];
	a = ds->msp_off[m];
	b = ds->msp_off[m + 1];
	if (a == b)
		return ds->ms_prob[m];
	if (ds->msp[a].day > T)
		return ds->msp[a].previous;
	while (a + 1 < b && ds->msp[a + 1].day <= T)
		a++;
	return ds->msp[a].prob;
}

/* The probability in force (fn_opp_state_probability). */
static inline double fn_state_probability(const struct fn_dataset *ds,
					  const struct fn_opp_state *st)
{
	if (st->has_prob)
		return st->prob_bp / 10000.0;
	if (st->ms >= 0)
		return fn_ms_prob_as_of(ds, st->ms, st->as_of);
	return 0.0;
}

/* The day a state counts on for period arithmetic as of T
 * (fn_opp_state_period_day). */
static inline fn_day fn_state_period_day(const struct fn_dataset *ds,
					 const struct fn_opp_state *st,
					 fn_day T)
{
	if (st->ms < 0)
		return FN_DAY_NONE;
	if (ds->ms_kind[st->ms] != FN_MS_OPEN)
		return st->close_day;
	if (st->close == FN_DAY_NONE)
		return FN_DAY_NONE;
	return st->close < T ? T : st->close;
}

/* The state of opportunity opp as of a day (fn_opp_state_at). */
static inline void fn_state_at(const struct fn_dataset *ds, size_t opp,
			       fn_day as_of, struct fn_opp_state *out)
{
	size_t e, end = ds->opp_ev[opp + 1];

	fn_state_init(out);
	for (e = ds->opp_ev[opp]; e < end && ds->ev_day[e] <= as_of; e++)
		fn_state_apply(ds, e, out);
	out->as_of = as_of;
}

/* Scope flags per user, computed once per report; the owner of each
 * opportunity is then one binary search away (query.c). */
struct fn_scope {
	int all;
	uint8_t *user;
};
fn_code fn_scope_init(const struct fn_dataset *ds, const struct fn_query *q,
		      struct fn_scope *sc, struct fn_err *err);
/* Whether owner (a user id) is in the scope; inline, as it is asked once
 * per opportunity. */
static inline int fn_scope_has(const struct fn_dataset *ds,
			       const struct fn_scope *sc, int64_t owner)
{
	size_t lo = 0, hi = ds->n_user;

	if (sc->all)
		return 1;
	if (!owner)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->user_id[mid] < owner)
			lo = mid + 1;
		else if (ds->user_id[mid] > owner)
			hi = mid;
		else
			return sc->user[mid];
	}
	return 0;
}
void fn_scope_release(struct fn_scope *sc);

/* The rate in force on the query's as-of day for every currency, looked
 * up once per report instead of once per opportunity; NAN where there is
 * none (oppstate.c). proc is the process the report covers (-1: all), so
 * that an error can name the opportunities concerned. */
struct fn_rates {
	double *r;
	const struct fn_query *q;
	const struct fn_scope *sc;
	int proc;
};
fn_code fn_rates_init(const struct fn_dataset *ds, const struct fn_query *q,
		      const struct fn_scope *sc, int proc, struct fn_rates *rt,
		      struct fn_err *err);
/* cents of currency cur (-1: the reporting one) into the reporting
 * currency; without a rate, FN_EINVAL naming the currency, the day, the
 * opportunities in the report's scope that need it and the command that
 * adds one. */
fn_code fn_rates_missing(const struct fn_dataset *ds,
			 const struct fn_rates *rt, int32_t cur,
			 struct fn_err *err);
static inline fn_code fn_rates_convert(const struct fn_dataset *ds,
				       const struct fn_rates *rt, int32_t cur,
				       int64_t cents, int64_t *out,
				       struct fn_err *err)
{
	if (cur < 0) {
		*out = cents;
		return FN_OK;
	}
	if (isnan(rt->r[cur]))
		return fn_rates_missing(ds, rt, cur, err);
	*out = llround((double)cents * rt->r[cur]);
	return FN_OK;
}
void fn_rates_release(struct fn_rates *rt);

#endif
