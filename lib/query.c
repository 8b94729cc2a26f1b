/*
 * query.c - what a report is about: the defaults of a query, its scope
 * (an owner, or a team with its sub-teams), and the parsing of a report's
 * parameters from name/value pairs, with messages from the catalogue in
 * the query's language. The command line and the API both call
 * fn_query_parse, so a parameter means the same thing everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "engine_int.h"

/* ---- queries and scope -------------------------------------------------- */

void fn_query_defaults(const struct fn_dataset *ds, struct fn_query *q)
{
	memset(q, 0, sizeof *q);
	q->as_of = fn_day_today();
	q->period = fn_period_of(q->as_of, FN_PERIOD_QUARTER, ds->fiscal_start);
	q->window = fn_window_default(q->as_of, ds->fiscal_start);
	q->move_from = q->move_to = FN_DAY_NONE;
}

static int team_within(const struct fn_dataset *ds, long t, long top)
{
	size_t steps;

	for (steps = 0; t >= 0 && steps <= ds->n_team; steps++) {
		if (t == top)
			return 1;
		t = ds->team_parent[t];
	}
	return 0;
}

static int user_in_scope(const struct fn_dataset *ds, const struct fn_query *q,
			 long u, long top_team)
{
	if (q->user_id && (u < 0 || ds->user_id[u] != q->user_id))
		return 0;
	if (q->team_id) {
		if (u < 0 || top_team < 0)
			return 0;
		return team_within(ds, ds->user_team[u], top_team);
	}
	return 1;
}

int fn_query_in_scope(const struct fn_dataset *ds, const struct fn_query *q,
		      int64_t owner)
{
	long u = owner ? fn_dataset_user_index(ds, owner) : -1;
	long t = q->team_id ? fn_dataset_team_index(ds, q->team_id) : -1;

	return user_in_scope(ds, q, u, t);
}

fn_code fn_scope_init(const struct fn_dataset *ds, const struct fn_query *q,
		      struct fn_scope *sc, struct fn_err *err)
{
	long t = q->team_id ? fn_dataset_team_index(ds, q->team_id) : -1;
	size_t i;

	sc->all = !q->user_id && !q->team_id;
	sc->user = fn_xcalloc(ds->n_user, 1);
	if (!sc->user)
		return fn_nomem(q, err);
	for (i = 0; i < ds->n_user; i++)
		sc->user[i] = (uint8_t)user_in_scope(ds, q, (long)i, t);
	return FN_OK;
}

void fn_scope_release(struct fn_scope *sc)
{
	free(sc->user);
	sc->user = NULL;
}

/* ---- parameters --------------------------------------------------------- */

/* The leading dashes of a name as given ("--window": 2). */
static size_t dashes(const char *name)
{
	return strspn(name, "-");
}

/* The id of a parameter name as given, or -1. */
static int param_id(const char *name)
{
	const char *s = name + dashes(name);

	for (int id = 0; id < FN__NPARAMS; id++) {
		const char *p = fn_params[id].name;
		size_t i;

		for (i = 0; p[i] && s[i]; i++)
			if (s[i] != p[i] && !(s[i] == '_' && p[i] == '-'))
				break;
		if (!p[i] && !s[i])
			return id;
	}
	return -1;
}

/* "--as-of, --period" for the parameters of takes, written the way the
 * caller wrote name (with its dashes, or none). */
static void takes_list(unsigned takes, const char *name, char *out,
		       size_t n)
{
	size_t len = 0, d = dashes(name);

	out[0] = '\0';
	for (int id = 0; id < FN__NPARAMS && len < n; id++) {
		int k;

		if (!(takes & FN_TAKES(id)))
			continue;
		k = snprintf(out + len, n - len, "%s%.*s%s", len ? ", " : "",
			     (int)d, "--", fn_params[id].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
}

/* The library's reason without its "window '2026': " prefix, which the
 * message says already. */
static const char *reason(const char *msg, const char *value)
{
	const char *q = strchr(msg, '\'');
	size_t n = strlen(value);

	if (q && !strncmp(q + 1, value, n) && !strncmp(q + 1 + n, "': ", 3))
		return q + 4 + n;
	return msg;
}

static fn_code find_ext(char *const *ext, const int64_t *ids, size_t n,
			const char *want, int64_t *id)
{
	for (size_t i = 0; i < n; i++)
		if (ext[i] && !strcmp(ext[i], want)) {
			*id = ids[i];
			return FN_OK;
		}
	return FN_ENOTFOUND;
}

/* ---- one parse function per parameter ---------------------------------- */

static fn_code parse_as_of(const struct fn_dataset *ds, const char *name,
			   const char *value, struct fn_query *q,
			   struct fn_err *err)
{
	if (fn_day_parse(value, &q->as_of))
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_DATE), name,
				  value);
	/* the default period and window move with the day */
	q->period = fn_period_of(q->as_of, FN_PERIOD_QUARTER,
				 ds->fiscal_start);
	q->window = fn_window_default(q->as_of, ds->fiscal_start);
	return FN_OK;
}

/* --to of report movement: the day it ends, which is also the day it is
 * as of, so it moves the default period as --as-of does. */
static fn_code parse_to(const struct fn_dataset *ds, const char *name,
			const char *value, struct fn_query *q,
			struct fn_err *err)
{
	fn_code rc = parse_as_of(ds, name, value, q, err);

	if (rc == FN_OK)
		q->move_to = q->as_of;
	return rc;
}

static fn_code parse_from(const struct fn_dataset *ds, const char *name,
			  const char *value, struct fn_query *q,
			  struct fn_err *err)
{
	(void)ds;
	if (fn_day_parse(value, &q->move_from))
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_DATE), name,
				  value);
	return FN_OK;
}

static fn_code parse_period(const struct fn_dataset *ds, const char *name,
			    const char *value, struct fn_query *q,
			    struct fn_err *err)
{
	struct fn_err e;

	if (fn_period_parse(value, ds->fiscal_start, &q->period, &e))
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_PERIOD), name,
				  value, reason(e.msg, value));
	return FN_OK;
}

static fn_code parse_window(const struct fn_dataset *ds, const char *name,
			    const char *value, struct fn_query *q,
			    struct fn_err *err)
{
	struct fn_err e;

	if (fn_window_parse(value, ds->fiscal_start, &q->window, &e))
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_WINDOW), name,
				  value, reason(e.msg, value));
	return FN_OK;
}

static fn_code parse_owner(const struct fn_dataset *ds, const char *name,
			   const char *value, struct fn_query *q,
			   struct fn_err *err)
{
	if (find_ext(ds->user_ext, ds->user_id, ds->n_user, value,
		     &q->user_id))
		return fn_err_set(err, FN_ENOTFOUND,
				  fn_msg(q->lang, FN_MSG_ERR_NO_USER), name,
				  value);
	return FN_OK;
}

static fn_code parse_team(const struct fn_dataset *ds, const char *name,
			  const char *value, struct fn_query *q,
			  struct fn_err *err)
{
	if (find_ext(ds->team_ext, ds->team_id, ds->n_team, value,
		     &q->team_id))
		return fn_err_set(err, FN_ENOTFOUND,
				  fn_msg(q->lang, FN_MSG_ERR_NO_TEAM), name,
				  value);
	return FN_OK;
}

static fn_code parse_process(const struct fn_dataset *ds, const char *name,
			     const char *value, struct fn_query *q,
			     struct fn_err *err)
{
	char names[256];
	size_t i, len = 0;

	for (i = 0; i < ds->n_proc; i++)
		if (!strcasecmp(ds->proc[i].name, value)) {
			q->process_id = ds->proc[i].id;
			return FN_OK;
		}
	names[0] = '\0';
	for (i = 0; i < ds->n_proc && len < sizeof names; i++) {
		int k = snprintf(names + len, sizeof names - len, "%s%s",
				 i ? ", " : "", ds->proc[i].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	return fn_err_set(err, FN_ENOTFOUND,
			  fn_msg(q->lang, FN_MSG_ERR_NO_PROCESS), name, value,
			  names);
}

static fn_code parse_trials(const struct fn_dataset *ds, const char *name,
			    const char *value, struct fn_query *q,
			    struct fn_err *err)
{
	char *end;
	long long v;

	(void)ds;
	errno = 0;
	v = strtoll(value, &end, 10);
	if (errno || end == value || *end || v < 1 || v > 10000000)
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_TRIALS), name,
				  value);
	q->trials = v;
	return FN_OK;
}

static fn_code parse_seed(const struct fn_dataset *ds, const char *name,
			  const char *value, struct fn_query *q,
			  struct fn_err *err)
{
	char *end;
	unsigned long long v;

	(void)ds;
	errno = 0;
	v = strtoull(value, &end, 10);
	if (errno || end == value || *end || value[0] == '-')
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_SEED), name,
				  value);
	q->seed = v;
	q->has_seed = 1;
	return FN_OK;
}

/* D1,D2,... in any order; kept as given. */
static fn_code parse_dates(const struct fn_dataset *ds, const char *name,
			   const char *value, struct fn_query *q,
			   struct fn_err *err)
{
	char one[16];
	const char *p = value;

	(void)ds;
	q->n_dates = 0;
	for (;;) {
		size_t len = strcspn(p, ",");

		if (len == 0 || len >= sizeof one ||
		    q->n_dates >= FN_QUERY_MAX_DATES)
			goto bad;
		memcpy(one, p, len);
		one[len] = '\0';
		if (fn_day_parse(one, &q->dates[q->n_dates]))
			goto bad;
		q->n_dates++;
		if (!p[len])
			break;
		p += len + 1;
	}
	return FN_OK;
bad:
	q->n_dates = 0;
	return fn_err_set(err, FN_EINVAL, fn_msg(q->lang, FN_MSG_ERR_BAD_DATES),
			  name, value, FN_QUERY_MAX_DATES);
}

/* yes/no; the command line's bare --save is "yes". */
static fn_code parse_save(const struct fn_dataset *ds, const char *name,
			  const char *value, struct fn_query *q,
			  struct fn_err *err)
{
	(void)ds;
	if (!strcasecmp(value, "yes") || !strcmp(value, "1") ||
	    !strcasecmp(value, "true"))
		q->save = 1;
	else if (!strcasecmp(value, "no") || !strcmp(value, "0") ||
		 !strcasecmp(value, "false"))
		q->save = 0;
	else
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_BAD_SAVE), name,
				  value);
	return FN_OK;
}

/* In the order they are applied: --as-of first, as it moves the default
 * period and window that the others may then replace. */
const struct fn_param_def fn_params[FN__NPARAMS] = {
	[FN_PARAM_AS_OF] = {"as-of", "DATE", FN_MSG_PARAM_AS_OF,
			    FN_MSG_DEFAULT_AS_OF, parse_as_of},
	[FN_PARAM_TO] = {"to", "DATE", FN_MSG_PARAM_TO, FN_MSG_DEFAULT_TO,
			 parse_to},
	[FN_PARAM_FROM] = {"from", "DATE", FN_MSG_PARAM_FROM,
			   FN_MSG_DEFAULT_FROM, parse_from},
	[FN_PARAM_PERIOD] = {"period", "PERIOD", FN_MSG_PARAM_PERIOD,
			     FN_MSG_DEFAULT_PERIOD, parse_period},
	[FN_PARAM_WINDOW] = {"window", "FROM..TO", FN_MSG_PARAM_WINDOW,
			     FN_MSG_DEFAULT_WINDOW, parse_window},
	[FN_PARAM_OWNER] = {"owner", "USER", FN_MSG_PARAM_OWNER,
			    FN_MSG_DEFAULT_SCOPE, parse_owner},
	[FN_PARAM_TEAM] = {"team", "TEAM", FN_MSG_PARAM_TEAM,
			   FN_MSG_DEFAULT_SCOPE, parse_team},
	[FN_PARAM_PROCESS] = {"process", "NAME", FN_MSG_PARAM_PROCESS,
			      FN_MSG_DEFAULT_PROCESS, parse_process},
	[FN_PARAM_TRIALS] = {"trials", "N", FN_MSG_PARAM_TRIALS,
			     FN_MSG_DEFAULT_TRIALS, parse_trials},
	[FN_PARAM_SEED] = {"seed", "N", FN_MSG_PARAM_SEED,
			   FN_MSG_DEFAULT_SEED, parse_seed},
	[FN_PARAM_DATES] = {"dates", "D1,D2,...", FN_MSG_PARAM_DATES,
			    FN_MSG_DEFAULT_DATES, parse_dates},
	[FN_PARAM_SAVE] = {"save", "yes|no", FN_MSG_PARAM_SAVE,
			   FN_MSG_DEFAULT_SAVE, parse_save},
};

/* ---- the query ---------------------------------------------------------- */

fn_code fn_query_parse(const struct fn_dataset *ds, const char *report,
		       unsigned takes, const struct fn_param *params, size_t n,
		       const struct fn_lang *lang, struct fn_query *q,
		       struct fn_err *err)
{
	const char *val[FN__NPARAMS] = {0}, *name[FN__NPARAMS] = {0};
	char list[160];
	size_t i;
	fn_code rc;

	fn_query_defaults(ds, q);
	q->lang = lang;
	for (i = 0; i < n; i++) {
		int id = param_id(params[i].name);

		if (id < 0 || !(takes & FN_TAKES(id))) {
			takes_list(takes, params[i].name, list, sizeof list);
			return fn_err_set(err, FN_EUSAGE,
					  fn_msg(lang, FN_MSG_ERR_PARAM_UNKNOWN),
					  report, params[i].name, list);
		}
		if (!params[i].value)
			return fn_err_set(err, FN_EUSAGE,
					  fn_msg(lang, FN_MSG_ERR_PARAM_NO_VALUE),
					  params[i].name);
		val[id] = params[i].value;
		name[id] = params[i].name;
	}
	if (val[FN_PARAM_OWNER] && val[FN_PARAM_TEAM])
		return fn_err_set(err, FN_EUSAGE,
				  fn_msg(lang, FN_MSG_ERR_OWNER_AND_TEAM),
				  name[FN_PARAM_OWNER], name[FN_PARAM_TEAM]);
	for (int id = 0; id < FN__NPARAMS; id++)
		if (val[id] && (rc = fn_params[id].parse(ds, name[id], val[id],
							 q, err)) != FN_OK)
			return rc;
	return FN_OK;
}
