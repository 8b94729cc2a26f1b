/*
 * oppstate.c - an opportunity as of a day (its events dated on or before
 * it applied in order), its probability, and conversion into the
 * reporting currency, with an error that says which rate is missing, for
 * which opportunities, and how to add it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "engine_int.h"

/* ---- state as of a day -------------------------------------------------- */

void fn_state_init(struct fn_opp_state *st)
{
	memset(st, 0, sizeof *st);
	st->created = FN_DAY_NONE;
	st->ms = -1;
	st->ms_since = FN_DAY_NONE;
	st->close = FN_DAY_NONE;
	st->category = FN_CAT_PIPELINE;
	st->closed_on = FN_DAY_NONE;
}

/* Applies event e; a milestone event naming the current milestone is no
 * change (same-milestone renames keep the entry day and the override). */
void fn_state_apply(const struct fn_dataset *ds, size_t e,
			struct fn_opp_state *st)
{
	int has = ds->ev_has[e];
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
		st->closed_on = ds->ms_kind[v] == FN_MS_OPEN ? FN_DAY_NONE : day;
		break;
	case FN_EV_AMOUNT:
		st->amount = has ? v : 0;
		break;
	case FN_EV_CLOSE_DATE:
		st->close = has ? (fn_day)v : FN_DAY_NONE;
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

void fn_opp_state_at(const struct fn_dataset *ds, size_t opp, fn_day as_of,
		     struct fn_opp_state *out)
{
	size_t e, end = ds->opp_ev[opp + 1];

	fn_state_init(out);
	for (e = ds->opp_ev[opp]; e < end && ds->ev_day[e] <= as_of; e++)
		fn_state_apply(ds, e, out);
}

double fn_opp_state_probability(const struct fn_dataset *ds,
				const struct fn_opp_state *st)
{
	if (st->has_prob)
		return st->prob_bp / 10000.0;
	if (st->ms >= 0)
		return ds->ms_prob[st->ms];
	return 0.0;
}

/* ---- currencies --------------------------------------------------------- */

static long rate_at(const struct fn_dataset *ds, int32_t cur, fn_day day)
{
	long first = -1, best = -1;
	size_t lo = 0, hi = ds->n_rate, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->rate[mid].cur < cur)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < ds->n_rate && ds->rate[i].cur == cur; i++) {
		if (first < 0)
			first = (long)i;
		if (ds->rate[i].day <= day)
			best = (long)i;
		else
			break;
	}
	return best >= 0 ? best : first;
}

fn_code fn_dataset_convert(const struct fn_dataset *ds, int32_t cur,
			   int64_t cents, fn_day day, int64_t *out,
			   struct fn_err *err)
{
	long r;

	if (cur < 0) {
		*out = cents;
		return FN_OK;
	}
	r = (size_t)cur < ds->n_cur ? rate_at(ds, cur, day) : -1;
	if (r < 0)
		return fn_err_set(err, FN_EINVAL, "no exchange rate for %s; add "
				  "one with: funnel rate set %s DATE RATE",
				  (size_t)cur < ds->n_cur ? ds->cur[cur] : "?",
				  (size_t)cur < ds->n_cur ? ds->cur[cur] : "?");
	*out = llround((double)cents * ds->rate[r].rate);
	return FN_OK;
}

/* ---- the rates of one report -------------------------------------------- */

fn_code fn_rates_init(const struct fn_dataset *ds, const struct fn_query *q,
		      const struct fn_scope *sc, int proc, struct fn_rates *rt,
		      struct fn_err *err)
{
	size_t i;

	rt->q = q;
	rt->sc = sc;
	rt->proc = proc;
	rt->r = fn_xcalloc(ds->n_cur, sizeof *rt->r);
	if (!rt->r)
		return fn_nomem(q, err);
	for (i = 0; i < ds->n_cur; i++) {
		long k = rate_at(ds, (int32_t)i, q->as_of);
		rt->r[i] = k >= 0 ? ds->rate[k].rate : NAN;
	}
	return FN_OK;
}

void fn_rates_release(struct fn_rates *rt)
{
	free(rt->r);
	rt->r = NULL;
}

/* How many ext ids an error names before "and N more". */
#define NAMED_OPPS 5

/* The error for currency cur: the opportunities in the report's scope
 * (and process) that exist on the as-of day in that currency. */
static fn_code no_rate(const struct fn_dataset *ds, const struct fn_rates *rt,
		       int32_t cur, struct fn_err *err)
{
	const struct fn_lang *lang = rt->q->lang;
	char day[11], list[400], more[64];
	size_t i, len = 0, named = 0, n = 0;
	struct fn_opp_state st;

	list[0] = '\0';
	for (i = 0; i < ds->n_opp; i++) {
		if (ds->opp_cur[i] != cur ||
		    (rt->proc >= 0 && ds->opp_proc[i] != rt->proc))
			continue;
		fn_opp_state_at(ds, i, rt->q->as_of, &st);
		if (!st.exists || (rt->sc && !fn_scope_has(ds, rt->sc,
							   st.owner)))
			continue;
		n++;
		if (named < NAMED_OPPS && len < sizeof list) {
			int k = snprintf(list + len, sizeof list - len, "%s%s",
					 named ? ", " : "",
					 fn_dataset_opp_ext(ds, i));
			if (k > 0)
				len += (size_t)k;
			named++;
		}
	}
	more[0] = '\0';
	if (n > named)
		snprintf(more, sizeof more, fn_msg(lang, FN_MSG_AND_N_MORE),
			 n - named);
	if (len < sizeof list)
		snprintf(list + len, sizeof list - len, "%s", more);
	fn_day_format(rt->q->as_of, day);
	return fn_err_set(err, FN_EINVAL, fn_msg(lang, FN_MSG_ERR_NO_RATE),
			  ds->cur[cur], day,
			  fn_msg(lang, n == 1 ? FN_MSG_OPP_ONE : FN_MSG_OPP_MANY),
			  list, ds->cur[cur], day);
}

fn_code fn_rates_convert(const struct fn_dataset *ds,
			 const struct fn_rates *rt, int32_t cur, int64_t cents,
			 int64_t *out, struct fn_err *err)
{
	if (cur < 0) {
		*out = cents;
		return FN_OK;
	}
	if (isnan(rt->r[cur]))
		return no_rate(ds, rt, cur, err);
	*out = llround((double)cents * rt->r[cur]);
	return FN_OK;
}
