/*
 * engine_int.h - what the files of the analytics engine share and nobody
 * else sees (private to lib/): small allocation helpers, the state of an
 * opportunity event by event, the exchange rates of one report, and the
 * scope of a query as one flag per user.
 *
 * The helpers are copies of engine.c's own static ones, so that the
 * dataset load (engine.c) and the figures (oppstate.c, query.c, target.c,
 * stats.c, report_*.c) can change apart.
 */
#ifndef FUNNEL_ENGINE_INT_H
#define FUNNEL_ENGINE_INT_H

#include <stdint.h>
#include <stdlib.h>
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

/* An empty state, and event e applied to a state (oppstate.c). */
void fn_state_init(struct fn_opp_state *st);
void fn_state_apply(const struct fn_dataset *ds, size_t e,
		    struct fn_opp_state *st);

/* Scope flags per user, computed once per report; the owner of each
 * opportunity is then one binary search away (query.c). */
struct fn_scope {
	int all;
	uint8_t *user;
};
fn_code fn_scope_init(const struct fn_dataset *ds, const struct fn_query *q,
		      struct fn_scope *sc, struct fn_err *err);
int fn_scope_has(const struct fn_dataset *ds, const struct fn_scope *sc,
		 int64_t owner);
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
fn_code fn_rates_convert(const struct fn_dataset *ds,
			 const struct fn_rates *rt, int32_t cur, int64_t cents,
			 int64_t *out, struct fn_err *err);
void fn_rates_release(struct fn_rates *rt);

#endif
