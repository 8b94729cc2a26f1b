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

void fn_opp_state_at(const struct fn_dataset *ds, size_t opp, fn_day as_of,
		     struct fn_opp_state *out)
{
	fn_state_at(ds, opp, as_of, out);
}

double fn_ms_prob_at(const struct fn_dataset *ds, int32_t m, fn_day T)
{
	if (m < 0 || (size_t)m >= ds->n_ms)
		return 0.0;
	return fn_ms_prob_as_of(ds, m, T);
}

double fn_opp_state_probability(const struct fn_dataset *ds,
				const struct fn_opp_state *st)
{
	return fn_state_probability(ds, st);
}

fn_day fn_opp_state_period_day(const struct fn_dataset *ds,
			       const struct fn_opp_state *st, fn_day T)
{
	return fn_state_period_day(ds, st, T);
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
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(NULL, FN_MSG_ERR_NO_RATE_AT_ALL),
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
fn_code fn_rates_missing(const struct fn_dataset *ds,
			 const struct fn_rates *rt, int32_t cur,
			 struct fn_err *err)
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

int fn_opp_outcome_checked(const struct fn_dataset *ds, size_t opp,
			   int64_t outcome_id, fn_day as_of)
{
	for (size_t c = ds->opp_chk[opp]; c < ds->opp_chk[opp + 1]; c++)
		if (ds->chk_outcome[c] == outcome_id && ds->chk_day[c] <= as_of &&
		    (ds->chk_unchecked[c] == FN_DAY_NONE ||
		     ds->chk_unchecked[c] > as_of))
			return 1;
	return 0;
}
