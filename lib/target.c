/*
 * target.c - the target of an owner, a team or the company for a period
 * (target.h): the one set for the scope and period, else the sum over the
 * sub-periods, else the sum over the members, as PRODUCT.md and
 * docs/definitions.md define it.
 */
#include <string.h>
#include "engine_int.h"

/* ---- targets ------------------------------------------------------------ */

static int own_target(const struct fn_dataset *ds, int64_t user_id,
		      int64_t team_id, const char *name, int64_t *amount)
{
	size_t i;

	for (i = 0; i < ds->n_target; i++) {
		const struct fn_target_row *r = &ds->target[i];
		if (r->user_id == user_id && r->team_id == team_id &&
		    strcmp(r->period, name) == 0) {
			*amount = r->amount;
			return 1;
		}
	}
	return 0;
}

/* The scope's own target for p, else the sum over p's sub-periods that
 * have one (each resolved the same way, so a year can add up months). */
static int period_target(const struct fn_dataset *ds, int64_t user_id,
			 int64_t team_id, const struct fn_period *p,
			 int64_t *amount)
{
	char name[32];
	struct fn_period sub;
	enum fn_period_kind kind;
	int i, n, any = 0;
	int64_t sum = 0, a;

	fn_period_format(p, name, ds->fiscal_start);
	if (own_target(ds, user_id, team_id, name, amount))
		return 1;
	if (p->kind == FN_PERIOD_MONTH)
		return 0;
	kind = p->kind == FN_PERIOD_YEAR ? FN_PERIOD_QUARTER : FN_PERIOD_MONTH;
	n = p->kind == FN_PERIOD_YEAR ? 4 : 3;
	sub = fn_period_of(p->from, kind, ds->fiscal_start);
	for (i = 0; i < n; i++) {
		struct fn_period si = fn_period_add(sub, i, ds->fiscal_start);
		if (period_target(ds, user_id, team_id, &si, &a)) {
			sum += a;
			any = 1;
		}
	}
	*amount = sum;
	return any;
}

static int team_target(const struct fn_dataset *ds, long t,
		       const struct fn_period *p, int depth, int64_t *amount)
{
	size_t i;
	int64_t sum = 0, a;
	int any = 0;

	if (period_target(ds, 0, ds->team_id[t], p, amount))
		return 1;
	if (depth > (int)ds->n_team)
		return 0;
	for (i = 0; i < ds->n_user; i++) {
		if (ds->user_team[i] == t &&
		    period_target(ds, ds->user_id[i], 0, p, &a)) {
			sum += a;
			any = 1;
		}
	}
	for (i = 0; i < ds->n_team; i++) {
		if (ds->team_parent[i] == t &&
		    team_target(ds, (long)i, p, depth + 1, &a)) {
			sum += a;
			any = 1;
		}
	}
	*amount = sum;
	return any;
}

void fn_target_of(const struct fn_dataset *ds, int64_t user_id,
		  int64_t team_id, const struct fn_period *p, int *has,
		  int64_t *amount)
{
	size_t i;
	int64_t sum = 0, a = 0;
	int any = 0;

	*has = 0;
	*amount = 0;
	if (user_id) {
		*has = period_target(ds, user_id, 0, p, amount);
		return;
	}
	if (team_id) {
		long t = fn_dataset_team_index(ds, team_id);
		if (t >= 0)
			*has = team_target(ds, t, p, 0, amount);
		else
			*has = period_target(ds, 0, team_id, p, amount);
		return;
	}
	if (period_target(ds, 0, 0, p, amount)) {
		*has = 1;
		return;
	}
	for (i = 0; i < ds->n_team; i++) {
		if (ds->team_parent[i] < 0 &&
		    team_target(ds, (long)i, p, 0, &a)) {
			sum += a;
			any = 1;
		}
	}
	for (i = 0; i < ds->n_user; i++) {
		if (ds->user_team[i] < 0 &&
		    period_target(ds, ds->user_id[i], 0, p, &a)) {
			sum += a;
			any = 1;
		}
	}
	*has = any;
	*amount = any ? sum : 0;
}
