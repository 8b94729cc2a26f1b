/*
 * dataset.c - the analytics engine's dataset: the store loaded once, in one
 * read transaction, into column arrays (or mapped from the snapshot beside
 * the store when that is proven current). The state of an opportunity on a
 * day is in oppstate.c and engine_int.h, the figures in the report files.
 *
 * The load is the only place that talks to the store; every report then
 * walks the in-memory events of each opportunity (a short contiguous run,
 * ordered by day then seq), so a report over a million opportunities is one
 * linear pass with no SQL and no per-event allocation.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine_int.h"
#include "snapshot.h"

/* ---- small helpers ------------------------------------------------------ */

/* A column of a table whose columns share one capacity (and one row
 * count); COLUMN(a) for the array a. */
struct column {
	void **p;
	size_t size;
};

#define COLUMN(a) {(void **)&(a), sizeof *(a)}
#define N_COLUMNS(c) (sizeof(c) / sizeof(c)[0])

/* Grows every column to hold need rows; *cap is their capacity. */
static int grow_columns(const struct column *c, size_t n_cols, size_t *cap,
			size_t need)
{
	size_t i, ncap = *cap;

	for (i = 0; i < n_cols; i++) {
		ncap = *cap;
		if (fn_grow(c[i].p, &ncap, need, c[i].size))
			return -1;
	}
	*cap = ncap;
	return 0;
}

static fn_code nomem(struct fn_err *err)
{
	return fn_err_set(err, FN_ENOMEM, "out of memory");
}

/* qsort, which must not be handed a NULL array even when it is empty */
static void sort(void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static long find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else if (ids[mid] > id)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

static void upcase(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && src && src[i]; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

long fn_dataset_opp_index(const struct fn_dataset *ds, int64_t opp_id)
{
	return find_id(ds->opp_id, ds->n_opp, opp_id);
}

long fn_dataset_user_index(const struct fn_dataset *ds, int64_t user_id)
{
	return find_id(ds->user_id, ds->n_user, user_id);
}

long fn_dataset_team_index(const struct fn_dataset *ds, int64_t team_id)
{
	return find_id(ds->team_id, ds->n_team, team_id);
}

long fn_dataset_ms_index(const struct fn_dataset *ds, int64_t milestone_id)
{
	size_t i;

	for (i = 0; i < ds->n_ms; i++)
		if (ds->ms_id[i] == milestone_id)
			return (long)i;
	return -1;
}

const char *fn_dataset_opp_ext(const struct fn_dataset *ds, size_t opp)
{
	return ds->opp_ext_pool + ds->opp_ext_off[opp];
}

size_t fn_dataset_contacts(const struct fn_dataset *ds, int64_t account_id,
			   size_t *first)
{
	size_t lo = 0, hi = ds->n_contact, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->contact_account[mid] < account_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ds->n_contact &&
		       ds->contact_account[end] == account_id;
	     end++)
		;
	*first = lo;
	return end - lo;
}

/* ---- loading ------------------------------------------------------------ */

struct load {
	struct fn_dataset *ds;
	fn_code rc;
	struct fn_err *err;

	size_t cap_opp;
	char *pool;          /* opportunity ext ids, NUL-separated */
	size_t pool_len, pool_cap;

	size_t cap_user, cap_team, cap_target, cap_rate, cap_cur, cap_call;
	size_t cap_rule, cap_coach;
	int64_t *user_team_id;   /* team id of each user until resolved */
	int64_t *team_manager;

	/* events in seq order, before grouping */
	size_t n_tev, cap_tev;
	int32_t *t_opp;
	int32_t *t_day;
	uint8_t *t_kind, *t_has;
	int64_t *t_value;
	/* activities and outcome checks in the store's order (by
	 * opportunity, day, id), before grouping */
	size_t n_tact, cap_tact;
	int32_t *ta_opp, *ta_day;
	uint8_t *ta_kind;
	int64_t *ta_user;
	size_t n_tchk, cap_tchk;
	int32_t *tc_opp, *tc_day, *tc_unchecked;
	int64_t *tc_outcome;
	size_t cap_contact;
	/* direct opp id -> index table when the ids are dense enough */
	int32_t *opp_direct;
	int64_t opp_direct_n;

	/* With a snapshot: the retired milestone ids its events refer to,
	 * instead of finding them in the events. */
	int from_snap;
	const int64_t *snap_extra;
	size_t n_snap_extra;
};

static int fail_nomem(struct load *l)
{
	l->rc = fn_err_set(l->err, FN_ENOMEM, "loading the dataset: out of memory");
	return 1;
}

/* The outcome of a store iteration with the callbacks above: theirs when
 * one failed (its code and message are in l), else the store's. */
static fn_code loaded(const struct load *l, fn_code rc)
{
	return l->rc != FN_OK ? l->rc : rc;
}

static int32_t cur_index(struct load *l, const char *code)
{
	struct fn_dataset *ds = l->ds;
	char up[8] = {0}; /* all 8 bytes go into snapshots */
	size_t i;

	upcase(up, code, sizeof up);
	if (!up[0] || strcmp(up, ds->currency) == 0)
		return -1;
	for (i = 0; i < ds->n_cur; i++)
		if (strcmp(ds->cur[i], up) == 0)
			return (int32_t)i;
	if (fn_grow((void **)&ds->cur, &l->cap_cur, ds->n_cur + 1, sizeof *ds->cur))
		return -2;
	memcpy(ds->cur[ds->n_cur], up, sizeof up);
	return (int32_t)ds->n_cur++;
}

static int on_opp(void *ctx, const struct fn_opp *o)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	size_t n = ds->n_opp, len;
	int p;
	int32_t c;

	if (n >= l->cap_opp) {
		const struct column cols[] = {
			COLUMN(ds->opp_id), COLUMN(ds->opp_proc),
			COLUMN(ds->opp_cur), COLUMN(ds->opp_ext_off),
			COLUMN(ds->opp_account),
		};

		if (grow_columns(cols, N_COLUMNS(cols), &l->cap_opp, n + 1))
			return fail_nomem(l);
	}
	p = fn_proc_index(ds, o->process_id);
	c = cur_index(l, o->currency);
	if (c == -2)
		return fail_nomem(l);
	ds->opp_id[n] = o->id;
	ds->opp_proc[n] = p < 0 ? 0 : p;
	ds->opp_cur[n] = c;
	ds->opp_account[n] = o->account_id;
	len = o->ext_id ? strlen(o->ext_id) : 0;
	if (fn_grow((void **)&l->pool, &l->pool_cap, l->pool_len + len + 1, 1))
		return fail_nomem(l);
	ds->opp_ext_off[n] = l->pool_len;
	if (len)
		memcpy(l->pool + l->pool_len, o->ext_id, len);
	l->pool[l->pool_len + len] = '\0';
	l->pool_len += len + 1;
	ds->n_opp = n + 1;
	return 0;
}

static char *dupstr(const char *s)
{
	return strdup(s ? s : "");
}

static int on_user(void *ctx, const struct fn_user *u)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	size_t n = ds->n_user;
	const struct column cols[] = {
		COLUMN(ds->user_id), COLUMN(ds->user_ext),
		COLUMN(ds->user_name), COLUMN(l->user_team_id),
	};

	if (grow_columns(cols, N_COLUMNS(cols), &l->cap_user, n + 1))
		return fail_nomem(l);
	ds->user_id[n] = u->id;
	ds->user_ext[n] = dupstr(u->ext_id);
	ds->user_name[n] = dupstr(u->name);
	l->user_team_id[n] = u->team_id;
	ds->n_user = n + 1;
	if (!ds->user_ext[n] || !ds->user_name[n])
		return fail_nomem(l);
	return 0;
}

static int on_team(void *ctx, const struct fn_team *t)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	size_t n = ds->n_team;
	const struct column cols[] = {
		COLUMN(ds->team_id), COLUMN(ds->team_ext),
		COLUMN(ds->team_name), COLUMN(l->team_manager),
	};

	if (grow_columns(cols, N_COLUMNS(cols), &l->cap_team, n + 1))
		return fail_nomem(l);
	ds->team_id[n] = t->id;
	ds->team_ext[n] = dupstr(t->ext_id);
	ds->team_name[n] = dupstr(t->name);
	l->team_manager[n] = t->manager_id;
	ds->n_team = n + 1;
	if (!ds->team_ext[n] || !ds->team_name[n])
		return fail_nomem(l);
	return 0;
}

static int on_target(void *ctx, const struct fn_target *t)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	struct fn_target_row *r;

	if (fn_grow((void **)&ds->target, &l->cap_target, ds->n_target + 1,
		 sizeof *ds->target))
		return fail_nomem(l);
	r = &ds->target[ds->n_target++];
	r->user_id = t->user_id;
	r->team_id = t->team_id;
	snprintf(r->period, sizeof r->period, "%s", t->period ? t->period : "");
	r->amount = t->amount;
	return 0;
}

static int on_call(void *ctx, const struct fn_call *c)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	struct fn_call_row *r;

	if (fn_grow((void **)&ds->call, &l->cap_call, ds->n_call + 1,
		 sizeof *ds->call))
		return fail_nomem(l);
	r = &ds->call[ds->n_call++];
	r->id = c->id;
	r->kind = (uint8_t)c->kind;
	r->user_id = c->user_id;
	r->team_id = c->team_id;
	r->by_id = c->by_id;
	snprintf(r->period, sizeof r->period, "%s", c->period ? c->period : "");
	r->day = c->day;
	r->commit = c->commit;
	r->best_case = c->best_case;
	return 0;
}

struct msp_load {
	struct fn_dataset *ds;
	size_t cap;
	int oom;
};

static int on_msp(void *ctx, const struct fn_ms_prob_change *c)
{
	struct msp_load *l = ctx;
	struct fn_dataset *ds = l->ds;
	long m = fn_dataset_ms_index(ds, c->milestone_id);

	if (m < 0)
		return 0;
	if (fn_grow((void **)&ds->msp, &l->cap, ds->n_msp + 1, sizeof *ds->msp)) {
		l->oom = 1;
		return 1;
	}
	ds->msp[ds->n_msp].ms = (int32_t)m;
	ds->msp[ds->n_msp].day = c->day;
	ds->msp[ds->n_msp].prob = c->probability;
	ds->msp[ds->n_msp].previous = c->previous;
	ds->n_msp++;
	return 0;
}

static int cmp_msp(const void *a, const void *b)
{
	const struct fn_msp_row *x = a, *y = b;

	if (x->ms != y->ms)
		return (x->ms > y->ms) - (x->ms < y->ms);
	return (x->day > y->day) - (x->day < y->day);
}

/* The dated probability changes, by milestone then day, with offsets. */
static fn_code load_ms_probs(struct fn_dataset *ds, struct fn_store *s,
			     struct fn_err *err)
{
	struct msp_load l = {ds, 0, 0};
	fn_code rc = fn_store_ms_prob_each(s, on_msp, &l, err);

	if (l.oom)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	if (rc != FN_OK || !ds->n_msp)
		return rc;
	/* stable by id within a day: qsort is not, but ids come in order
	 * and one day holds at most one change per milestone and apply */
	qsort(ds->msp, ds->n_msp, sizeof *ds->msp, cmp_msp);
	ds->msp_off = calloc(ds->n_ms + 1, sizeof *ds->msp_off);
	if (!ds->msp_off)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	for (size_t i = 0; i < ds->n_msp; i++)
		ds->msp_off[ds->msp[i].ms + 1]++;
	for (size_t m = 0; m < ds->n_ms; m++)
		ds->msp_off[m + 1] += ds->msp_off[m];
	return FN_OK;
}

static int on_rule(void *ctx, const struct fn_rule *r)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	struct fn_rule_row *w;

	if (fn_grow((void **)&ds->rule, &l->cap_rule, ds->n_rule + 1,
		 sizeof *ds->rule))
		return fail_nomem(l);
	w = &ds->rule[ds->n_rule++];
	snprintf(w->name, sizeof w->name, "%s", r->name ? r->name : "");
	w->threshold = r->threshold;
	w->enabled = r->enabled;
	return 0;
}

static int on_coach(void *ctx, const struct fn_coach_entry *c)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	struct fn_coach_row *w;

	if (fn_grow((void **)&ds->coach, &l->cap_coach, ds->n_coach + 1,
		 sizeof *ds->coach))
		return fail_nomem(l);
	w = &ds->coach[ds->n_coach++];
	w->id = c->id;
	w->day = c->day;
	w->user_id = c->user_id;
	w->follow_up = c->follow_up;
	w->focus = strdup(c->focus ? c->focus : "");
	w->actions = strdup(c->actions ? c->actions : "");
	if (!w->focus || !w->actions)
		return fail_nomem(l);
	return 0;
}

static int on_rate(void *ctx, const struct fn_rate *rt)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	int32_t c = cur_index(l, rt->currency);

	if (c == -2)
		return fail_nomem(l);
	if (c == -1)
		return 0;
	if (fn_grow((void **)&ds->rate, &l->cap_rate, ds->n_rate + 1,
		 sizeof *ds->rate))
		return fail_nomem(l);
	ds->rate[ds->n_rate].cur = c;
	ds->rate[ds->n_rate].day = rt->day;
	ds->rate[ds->n_rate].rate = rt->rate;
	ds->n_rate++;
	return 0;
}

static long opp_of(const struct load *l, int64_t opp_id)
{
	if (l->opp_direct)
		return opp_id >= 0 && opp_id < l->opp_direct_n ?
			       l->opp_direct[opp_id] : -1;
	return fn_dataset_opp_index(l->ds, opp_id);
}

static int on_activity(void *ctx, const struct fn_activity *a)
{
	struct load *l = ctx;
	long oi = opp_of(l, a->opp_id);
	size_t n = l->n_tact;

	if (oi < 0)
		return 0;
	if (n >= l->cap_tact) {
		const struct column cols[] = {
			COLUMN(l->ta_opp), COLUMN(l->ta_day),
			COLUMN(l->ta_kind), COLUMN(l->ta_user),
		};

		if (grow_columns(cols, N_COLUMNS(cols), &l->cap_tact, n + 1))
			return fail_nomem(l);
	}
	l->ta_opp[n] = (int32_t)oi;
	l->ta_day[n] = a->day;
	l->ta_kind[n] = (uint8_t)a->kind;
	l->ta_user[n] = a->user_id;
	l->n_tact = n + 1;
	return 0;
}

static int on_check(void *ctx, const struct fn_outcome_check *c)
{
	struct load *l = ctx;
	long oi = opp_of(l, c->opp_id);
	size_t n = l->n_tchk;

	if (oi < 0)
		return 0;
	if (n >= l->cap_tchk) {
		const struct column cols[] = {
			COLUMN(l->tc_opp), COLUMN(l->tc_day),
			COLUMN(l->tc_outcome), COLUMN(l->tc_unchecked),
		};

		if (grow_columns(cols, N_COLUMNS(cols), &l->cap_tchk, n + 1))
			return fail_nomem(l);
	}
	l->tc_opp[n] = (int32_t)oi;
	l->tc_day[n] = c->day;
	l->tc_outcome[n] = c->outcome_id;
	l->tc_unchecked[n] = c->unchecked ? c->unchecked_day : FN_DAY_NONE;
	l->n_tchk = n + 1;
	return 0;
}

static int on_contact(void *ctx, const struct fn_contact *c)
{
	struct load *l = ctx;
	struct fn_dataset *ds = l->ds;
	size_t n = ds->n_contact;
	const struct column cols[] = {
		COLUMN(ds->contact_id), COLUMN(ds->contact_account),
		COLUMN(ds->contact_role),
	};

	if (grow_columns(cols, N_COLUMNS(cols), &l->cap_contact, n + 1))
		return fail_nomem(l);
	ds->contact_id[n] = c->id;
	ds->contact_account[n] = c->account_id;
	ds->contact_role[n] = (uint8_t)c->buying_role;
	ds->n_contact = n + 1;
	return 0;
}

static int on_event(void *ctx, const struct fn_event *e)
{
	struct load *l = ctx;
	long oi = opp_of(l, e->opp_id);
	size_t n = l->n_tev;

	if (oi < 0)
		return 0;
	if (n >= l->cap_tev) {
		const struct column cols[] = {
			COLUMN(l->t_opp), COLUMN(l->t_day), COLUMN(l->t_kind),
			COLUMN(l->t_has), COLUMN(l->t_value),
		};

		if (grow_columns(cols, N_COLUMNS(cols), &l->cap_tev, n + 1))
			return fail_nomem(l);
	}
	l->t_opp[n] = (int32_t)oi;
	l->t_day[n] = e->day;
	l->t_kind[n] = (uint8_t)e->kind;
	l->t_has[n] = (uint8_t)((e->has_value ? FN_EVH_VALUE : 0) |
		(e->kind == FN_EV_MILESTONE && e->note &&
		 !strncmp(e->note, "override: ", 10) ? FN_EVH_OVERRIDE : 0));
	l->t_value[n] = e->value;
	l->n_tev = n + 1;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

struct ms_key {
	int64_t id;
	int32_t m;
};

static int cmp_ms_key(const void *a, const void *b)
{
	const struct ms_key *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int32_t ms_lookup(const struct ms_key *k, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k[mid].id < id)
			lo = mid + 1;
		else if (k[mid].id > id)
			hi = mid;
		else
			return k[mid].m;
	}
	return -1;
}

/* The ids of the milestones no process lists (retired ones, few) that the
 * events, or the snapshot, refer to; sorted, each once, heap allocated. */
static fn_code retired_ids(struct load *l, int64_t **out, size_t *n_out)
{
	struct fn_dataset *ds = l->ds;
	struct ms_key *live = NULL;
	int64_t *extra = NULL;
	size_t n = 0, i, j, k, n_extra = 0, cap_extra = 0;
	fn_code rc = FN_OK;

	for (i = 0; i < ds->n_proc; i++)
		n += ds->proc[i].n_ms;
	live = fn_xcalloc(n, sizeof *live);
	if (!live) {
		rc = nomem(l->err);
		goto out;
	}
	for (i = 0, k = 0; i < ds->n_proc; i++)
		for (j = 0; j < ds->proc[i].n_ms; j++, k++)
			live[k].id = ds->proc[i].ms[j].id;
	sort(live, n, sizeof *live, cmp_ms_key);
	if (l->from_snap && l->n_snap_extra) {
		extra = malloc(l->n_snap_extra * sizeof *extra);
		if (!extra) {
			rc = nomem(l->err);
			goto out;
		}
		memcpy(extra, l->snap_extra, l->n_snap_extra * sizeof *extra);
		n_extra = l->n_snap_extra;
	}
	for (i = 0; i < l->n_tev; i++) {
		if (l->t_kind[i] != FN_EV_MILESTONE || !l->t_has[i])
			continue;
		if (ms_lookup(live, n, l->t_value[i]) >= 0)
			continue;
		if (n_extra && extra[n_extra - 1] == l->t_value[i])
			continue;
		if (fn_grow((void **)&extra, &cap_extra, n_extra + 1,
			 sizeof *extra)) {
			rc = nomem(l->err);
			goto out;
		}
		extra[n_extra++] = l->t_value[i];
	}
	sort(extra, n_extra, sizeof *extra, cmp_i64);
	for (i = j = 0; i < n_extra; i++)
		if (!j || extra[j - 1] != extra[i])
			extra[j++] = extra[i];
	*out = extra;
	*n_out = j;
	extra = NULL;
out:
	free(live);
	free(extra);
	return rc;
}

/* Appends a milestone to the dense table (allocated to size beforehand). */
static int add_ms(struct fn_dataset *ds, int64_t id, int proc, int32_t pos,
		  enum fn_milestone_kind kind, double prob, const char *name)
{
	size_t d = ds->n_ms++;

	ds->ms_id[d] = id;
	ds->ms_proc[d] = proc < 0 ? 0 : proc;
	ds->ms_pos[d] = pos;
	ds->ms_kind[d] = (uint8_t)kind;
	ds->ms_prob[d] = prob;
	ds->ms_name[d] = dupstr(name);
	return ds->ms_name[d] ? 0 : -1;
}

/* Builds the dense milestone table: every milestone of every process in
 * process order, then the retired ones the events still refer to. */
static fn_code build_milestones(struct load *l, struct fn_store *s,
				struct ms_key **keys_out, size_t *n_keys)
{
	struct fn_dataset *ds = l->ds;
	struct ms_key *keys = NULL;
	int64_t *extra = NULL;
	size_t n = 0, i, j, n_extra = 0;
	fn_code rc;

	rc = retired_ids(l, &extra, &n_extra);
	if (rc != FN_OK)
		goto out;
	for (i = 0; i < ds->n_proc; i++)
		n += ds->proc[i].n_ms;
	n += n_extra;
	ds->ms_id = fn_xcalloc(n, sizeof *ds->ms_id);
	ds->ms_proc = fn_xcalloc(n, sizeof *ds->ms_proc);
	ds->ms_pos = fn_xcalloc(n, sizeof *ds->ms_pos);
	ds->ms_kind = fn_xcalloc(n, sizeof *ds->ms_kind);
	ds->ms_prob = fn_xcalloc(n, sizeof *ds->ms_prob);
	ds->ms_name = fn_xcalloc(n, sizeof *ds->ms_name);
	keys = fn_xcalloc(n, sizeof *keys);
	if (!ds->ms_id || !ds->ms_proc || !ds->ms_pos || !ds->ms_kind ||
	    !ds->ms_prob || !ds->ms_name || !keys) {
		rc = nomem(l->err);
		goto out;
	}
	for (i = 0; i < ds->n_proc; i++) {
		for (j = 0; j < ds->proc[i].n_ms; j++) {
			const struct fn_milestone *m = &ds->proc[i].ms[j];

			if (add_ms(ds, m->id, (int)i, (int32_t)j, m->kind,
				   m->probability, m->name)) {
				rc = nomem(l->err);
				goto out;
			}
		}
	}
	for (i = 0; i < n_extra; i++) {
		char name[256];
		enum fn_milestone_kind kind;
		int64_t pid;

		rc = fn_store_milestone_info(s, extra[i], name, sizeof name,
					     &kind, &pid, l->err);
		if (rc != FN_OK) {
			fn_err_prefix(l->err, "milestone %lld",
				      (long long)extra[i]);
			goto out;
		}
		/* The store keeps no probability for a retired milestone;
		 * only the closed ones have an obvious one. */
		if (add_ms(ds, extra[i], fn_proc_index(ds, pid), -1, kind,
			   kind == FN_MS_WON ? 1.0 : 0.0, name)) {
			rc = nomem(l->err);
			goto out;
		}
	}
	for (i = 0; i < ds->n_ms; i++) {
		keys[i].id = ds->ms_id[i];
		keys[i].m = (int32_t)i;
	}
	sort(keys, ds->n_ms, sizeof *keys, cmp_ms_key);
	*keys_out = keys;
	*n_keys = ds->n_ms;
	keys = NULL;
out:
	free(keys);
	free(extra);
	return rc;
}

struct day_idx {
	int32_t day;
	uint32_t i;
};

static int cmp_day_idx(const void *a, const void *b)
{
	const struct day_idx *x = a, *y = b;

	if (x->day != y->day)
		return (x->day > y->day) - (x->day < y->day);
	return (x->i > y->i) - (x->i < y->i);
}

/* Stable sort of one opportunity's events by day (they arrive in seq
 * order); the tie-break on the original position keeps seq order. */
static int sort_group(struct fn_dataset *ds, size_t a, size_t b,
		      struct day_idx **buf, size_t *cap)
{
	size_t n = b - a, i;
	int32_t *day;
	uint8_t *kind, *has;
	int64_t *val;

	for (i = a + 1; i < b; i++)
		if (ds->ev_day[i] < ds->ev_day[i - 1])
			break;
	if (i >= b)
		return 0;
	if (fn_grow((void **)buf, cap, n, sizeof **buf))
		return -1;
	for (i = 0; i < n; i++) {
		(*buf)[i].day = ds->ev_day[a + i];
		(*buf)[i].i = (uint32_t)i;
	}
	sort(*buf, n, sizeof **buf, cmp_day_idx);
	day = malloc(n * sizeof *day);
	kind = malloc(n);
	has = malloc(n);
	val = malloc(n * sizeof *val);
	if (!day || !kind || !has || !val) {
		free(day);
		free(kind);
		free(has);
		free(val);
		return -1;
	}
	for (i = 0; i < n; i++) {
		size_t k = a + (*buf)[i].i;
		day[i] = ds->ev_day[k];
		kind[i] = ds->ev_kind[k];
		has[i] = ds->ev_has[k];
		val[i] = ds->ev_value[k];
	}
	memcpy(ds->ev_day + a, day, n * sizeof *day);
	memcpy(ds->ev_kind + a, kind, n);
	memcpy(ds->ev_has + a, has, n);
	memcpy(ds->ev_value + a, val, n * sizeof *val);
	free(day);
	free(kind);
	free(has);
	free(val);
	return 0;
}

/* The dataset's event columns for n events, zeroed, and a cursor per
 * opportunity in pos (the caller's to free); on failure what was allocated
 * stays in ds for fn_dataset_free. */
static fn_code alloc_events(struct load *l, size_t n, size_t **pos)
{
	struct fn_dataset *ds = l->ds;

	ds->opp_ev = fn_xcalloc(ds->n_opp + 1, sizeof *ds->opp_ev);
	*pos = fn_xcalloc(ds->n_opp + 1, sizeof **pos);
	ds->ev_day = fn_xcalloc(n, sizeof *ds->ev_day);
	ds->ev_kind = fn_xcalloc(n, sizeof *ds->ev_kind);
	ds->ev_has = fn_xcalloc(n, sizeof *ds->ev_has);
	ds->ev_value = fn_xcalloc(n, sizeof *ds->ev_value);
	if (!ds->opp_ev || !*pos || !ds->ev_day || !ds->ev_kind ||
	    !ds->ev_has || !ds->ev_value)
		return nomem(l->err);
	ds->n_ev = n;
	return FN_OK;
}

/* Copies loaded event i (l->t_*) to row k of the dataset, its milestone
 * as a dense index (none when no milestone has that id). */
static void place_event(const struct load *l, size_t i, size_t k,
			const struct ms_key *keys, size_t n_keys)
{
	struct fn_dataset *ds = l->ds;
	int64_t v = l->t_value[i];
	uint8_t has = l->t_has[i];

	if (l->t_kind[i] == FN_EV_MILESTONE && has) {
		v = ms_lookup(keys, n_keys, v);
		if (v < 0)
			has = 0;
	}
	ds->ev_day[k] = l->t_day[i];
	ds->ev_kind[k] = l->t_kind[i];
	ds->ev_has[k] = has;
	ds->ev_value[k] = v;
}

/* Groups the seq-ordered events by opportunity with a counting sort (stable,
 * so seq order survives inside a group), then orders each group by day. */
static fn_code group_events(struct load *l, const struct ms_key *keys,
			    size_t n_keys)
{
	struct fn_dataset *ds = l->ds;
	size_t i, n = l->n_tev, *pos = NULL, cap = 0;
	struct day_idx *buf = NULL;
	fn_code rc;

	rc = alloc_events(l, n, &pos);
	if (rc != FN_OK)
		goto out;
	for (i = 0; i < n; i++)
		ds->opp_ev[l->t_opp[i] + 1]++;
	for (i = 0; i < ds->n_opp; i++)
		ds->opp_ev[i + 1] += ds->opp_ev[i];
	memcpy(pos, ds->opp_ev, (ds->n_opp + 1) * sizeof *pos);
	for (i = 0; i < n; i++)
		place_event(l, i, pos[l->t_opp[i]]++, keys, n_keys);
	for (i = 0; i < ds->n_opp; i++) {
		if (sort_group(ds, ds->opp_ev[i], ds->opp_ev[i + 1], &buf,
			       &cap)) {
			rc = nomem(l->err);
			goto out;
		}
	}
out:
	free(buf);
	free(pos);
	return rc;
}

/* Tables are sorted by id when the store did not give them in id order. */
struct id_perm {
	int64_t id;
	size_t i;
};

static int cmp_id_perm(const void *a, const void *b)
{
	const struct id_perm *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int sorted_ids(const int64_t *ids, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (ids[i] <= ids[i - 1])
			return 0;
	return 1;
}

/* Reorders the n elements of size bytes in col as p says, through tmp. */
static void permute(void *col, size_t size, const struct id_perm *p,
		    size_t n, char *tmp)
{
	char *b = col;
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(tmp + i * size, b + p[i].i * size, size);
	memcpy(b, tmp, n * size);
}

/* Orders the n rows of a table by its column ids, the other columns c
 * moving alike. */
static int sort_by_id(int64_t *ids, const struct column *c, size_t n_cols,
		      size_t n)
{
	struct id_perm *p;
	size_t i, width = sizeof *ids;
	char *tmp;
	int rc = -1;

	if (sorted_ids(ids, n))
		return 0;
	for (i = 0; i < n_cols; i++)
		if (c[i].size > width)
			width = c[i].size;
	p = fn_xcalloc(n, sizeof *p);
	tmp = fn_xcalloc(n, width);
	if (!p || !tmp)
		goto out;
	for (i = 0; i < n; i++) {
		p[i].id = ids[i];
		p[i].i = i;
	}
	sort(p, n, sizeof *p, cmp_id_perm);
	permute(ids, sizeof *ids, p, n, tmp);
	for (i = 0; i < n_cols; i++)
		permute(*c[i].p, c[i].size, p, n, tmp);
	rc = 0;
out:
	free(p);
	free(tmp);
	return rc;
}

static int sort_opps(struct fn_dataset *ds)
{
	const struct column cols[] = {
		COLUMN(ds->opp_proc), COLUMN(ds->opp_cur),
		COLUMN(ds->opp_ext_off), COLUMN(ds->opp_account),
	};

	return sort_by_id(ds->opp_id, cols, N_COLUMNS(cols), ds->n_opp);
}

static int sort_people(struct load *l)
{
	struct fn_dataset *ds = l->ds;
	const struct column users[] = {
		COLUMN(ds->user_ext), COLUMN(ds->user_name),
		COLUMN(l->user_team_id),
	};
	const struct column teams[] = {
		COLUMN(ds->team_ext), COLUMN(ds->team_name),
		COLUMN(l->team_manager),
	};

	return sort_by_id(ds->user_id, users, N_COLUMNS(users), ds->n_user) ||
	       sort_by_id(ds->team_id, teams, N_COLUMNS(teams), ds->n_team);
}

/* Team parent: the team of the team's manager. A cycle (a manager in a team
 * below their own) is cut where it is found, so walks up always end. */
static void link_teams(struct fn_dataset *ds, const int64_t *manager)
{
	size_t t, steps;

	for (t = 0; t < ds->n_team; t++) {
		long u = manager[t] ? fn_dataset_user_index(ds, manager[t]) : -1;
		ds->team_parent[t] = u >= 0 ? ds->user_team[u] : -1;
	}
	for (t = 0; t < ds->n_team; t++) {
		int32_t x = ds->team_parent[t];
		for (steps = 0; x >= 0 && steps <= ds->n_team; steps++) {
			if ((size_t)x == t) {
				ds->team_parent[t] = -1;
				break;
			}
			x = ds->team_parent[x];
		}
	}
}

static int cmp_rate(const void *a, const void *b)
{
	const struct fn_rate_row *x = a, *y = b;

	if (x->cur != y->cur)
		return (x->cur > y->cur) - (x->cur < y->cur);
	return (x->day > y->day) - (x->day < y->day);
}

/* The opportunities, in id order, with their currencies (which come first
 * in ds->cur: rates add theirs after), and a direct id -> index table for
 * the events when the ids are dense enough. */
/* Store ids are usually 1..n: a direct table then replaces a binary search
 * per event. */
static fn_code direct_table(struct load *l)
{
	struct fn_dataset *ds = l->ds;
	size_t i;

	if (ds->n_opp && ds->opp_id[0] >= 0 &&
	    ds->opp_id[ds->n_opp - 1] < (int64_t)ds->n_opp * 4 + 1024) {
		l->opp_direct_n = ds->opp_id[ds->n_opp - 1] + 1;
		l->opp_direct = malloc((size_t)l->opp_direct_n *
				       sizeof *l->opp_direct);
		if (!l->opp_direct)
			return nomem(l->err);
		for (i = 0; i < (size_t)l->opp_direct_n; i++)
			l->opp_direct[i] = -1;
		for (i = 0; i < ds->n_opp; i++)
			l->opp_direct[ds->opp_id[i]] = (int32_t)i;
	}
	return FN_OK;
}

static fn_code load_opps(struct load *l, struct fn_store *s, int64_t n_opps)
{
	struct fn_dataset *ds = l->ds;
	struct fn_err *err = l->err;
	fn_code rc = FN_OK;

	l->cap_opp = n_opps > 0 ? (size_t)n_opps : 0;
	if (l->cap_opp) {
		ds->opp_id = malloc(l->cap_opp * sizeof *ds->opp_id);
		ds->opp_proc = malloc(l->cap_opp * sizeof *ds->opp_proc);
		ds->opp_cur = malloc(l->cap_opp * sizeof *ds->opp_cur);
		ds->opp_ext_off = malloc(l->cap_opp * sizeof *ds->opp_ext_off);
		ds->opp_account = malloc(l->cap_opp * sizeof *ds->opp_account);
		if (!ds->opp_id || !ds->opp_proc || !ds->opp_cur ||
		    !ds->opp_ext_off || !ds->opp_account)
			return nomem(err);
	}
	rc = loaded(l, fn_store_opp_each(s, 0, on_opp, l, err));
	if (rc != FN_OK)
		return rc;
	if (sort_opps(ds))
		return nomem(err);
	ds->opp_ext_pool = l->pool ? l->pool : strdup("");
	l->pool = NULL;
	if (!ds->opp_ext_pool)
		return nomem(err);
	return direct_table(l);
}

static fn_code load_people(struct load *l, struct fn_store *s)
{
	struct fn_dataset *ds = l->ds;
	struct fn_err *err = l->err;
	fn_code rc;
	size_t i;

	rc = loaded(l, fn_store_user_each(s, on_user, l, err));
	if (rc != FN_OK)
		return rc;
	rc = loaded(l, fn_store_team_each(s, on_team, l, err));
	if (rc != FN_OK)
		return rc;
	if (sort_people(l))
		return nomem(err);
	ds->user_team = fn_xcalloc(ds->n_user, sizeof *ds->user_team);
	ds->team_parent = fn_xcalloc(ds->n_team, sizeof *ds->team_parent);
	ds->team_manager = fn_xcalloc(ds->n_team, sizeof *ds->team_manager);
	if (!ds->user_team || !ds->team_parent || !ds->team_manager)
		return nomem(err);
	for (i = 0; i < ds->n_user; i++) {
		long t = l->user_team_id[i] ?
				 fn_dataset_team_index(ds, l->user_team_id[i]) :
				 -1;
		ds->user_team[i] = (int32_t)t;
	}
	for (i = 0; i < ds->n_team; i++)
		ds->team_manager[i] = l->team_manager[i];
	link_teams(ds, l->team_manager);

	rc = loaded(l, fn_store_target_each(s, on_target, l, err));
	if (rc != FN_OK)
		return rc;
	rc = loaded(l, fn_store_call_each(s, on_call, l, err));
	if (rc != FN_OK)
		return rc;
	rc = loaded(l, fn_store_rate_each(s, on_rate, l, err));
	if (rc != FN_OK)
		return rc;
	rc = loaded(l, fn_store_rule_each(s, on_rule, l, err));
	if (rc != FN_OK)
		return rc;
	rc = loaded(l, fn_store_coach_each(s, on_coach, l, err));
	if (rc != FN_OK)
		return rc;
	sort(ds->rate, ds->n_rate, sizeof *ds->rate, cmp_rate);
	return FN_OK;
}

static fn_code load_events(struct load *l, struct fn_store *s,
			   int64_t n_events)
{
	l->cap_tev = n_events > 0 ? (size_t)n_events : 0;
	if (l->cap_tev) {
		l->t_opp = malloc(l->cap_tev * sizeof *l->t_opp);
		l->t_day = malloc(l->cap_tev * sizeof *l->t_day);
		l->t_kind = malloc(l->cap_tev);
		l->t_has = malloc(l->cap_tev);
		l->t_value = malloc(l->cap_tev * sizeof *l->t_value);
		if (!l->t_opp || !l->t_day || !l->t_kind || !l->t_has ||
		    !l->t_value)
			return nomem(l->err);
	}
	return loaded(l, fn_store_event_each(s, 0, on_event, l, l->err));
}

/* Activities, outcome checks and contacts: the first two grouped by
 * opportunity with a counting sort (stable, so the store's day, id order
 * survives inside a group), contacts ordered by account, then id. */
static fn_code load_records(struct load *l, struct fn_store *s)
{
	fn_code rc;

	rc = loaded(l, fn_store_activity_each(s, 0, on_activity, l, l->err));
	if (rc == FN_OK)
		rc = loaded(l, fn_store_outcome_check_each(s, 0, on_check, l,
							   l->err));
	if (rc == FN_OK)
		rc = loaded(l, fn_store_contact_each(s, on_contact, l, l->err));
	return rc;
}

/* Offsets (n_opp + 1) of rows grouped by opportunity and each row's place
 * in its group order, from their opportunity column; NULL when out of
 * memory. */
static size_t *group_offsets(size_t n_opp, const int32_t *opp, size_t n,
			     size_t **place)
{
	size_t *off = fn_xcalloc(n_opp + 1, sizeof *off), *pos, i;

	*place = fn_xcalloc(n, sizeof **place);
	pos = fn_xcalloc(n_opp + 1, sizeof *pos);
	if (!off || !*place || !pos) {
		free(off);
		free(*place);
		free(pos);
		*place = NULL;
		return NULL;
	}
	for (i = 0; i < n; i++)
		off[opp[i] + 1]++;
	for (i = 0; i < n_opp; i++)
		off[i + 1] += off[i];
	memcpy(pos, off, (n_opp + 1) * sizeof *pos);
	for (i = 0; i < n; i++)
		(*place)[i] = pos[opp[i]]++;
	free(pos);
	return off;
}

static fn_code group_records(struct load *l)
{
	struct fn_dataset *ds = l->ds;
	size_t *place = NULL, i, na = l->n_tact, nc = l->n_tchk;

	ds->opp_act = group_offsets(ds->n_opp, l->ta_opp, na, &place);
	ds->act_day = fn_xcalloc(na, sizeof *ds->act_day);
	ds->act_kind = fn_xcalloc(na, sizeof *ds->act_kind);
	ds->act_user = fn_xcalloc(na, sizeof *ds->act_user);
	if (!ds->opp_act || !ds->act_day || !ds->act_kind || !ds->act_user) {
		free(place);
		return nomem(l->err);
	}
	for (i = 0; i < na; i++) {
		ds->act_day[place[i]] = l->ta_day[i];
		ds->act_kind[place[i]] = l->ta_kind[i];
		ds->act_user[place[i]] = l->ta_user[i];
	}
	ds->n_act = na;
	free(place);
	ds->opp_chk = group_offsets(ds->n_opp, l->tc_opp, nc, &place);
	ds->chk_day = fn_xcalloc(nc, sizeof *ds->chk_day);
	ds->chk_outcome = fn_xcalloc(nc, sizeof *ds->chk_outcome);
	ds->chk_unchecked = fn_xcalloc(nc, sizeof *ds->chk_unchecked);
	if (!ds->opp_chk || !ds->chk_day || !ds->chk_outcome ||
	    !ds->chk_unchecked) {
		free(place);
		return nomem(l->err);
	}
	for (i = 0; i < nc; i++) {
		ds->chk_day[place[i]] = l->tc_day[i];
		ds->chk_outcome[place[i]] = l->tc_outcome[i];
		ds->chk_unchecked[place[i]] = l->tc_unchecked[i];
	}
	ds->n_chk = nc;
	free(place);
	return FN_OK;
}

struct contact_key {
	int64_t account, id;
	uint8_t role;
};

static int cmp_contact(const void *a, const void *b)
{
	const struct contact_key *x = a, *y = b;

	if (x->account != y->account)
		return (x->account > y->account) - (x->account < y->account);
	return (x->id > y->id) - (x->id < y->id);
}

static fn_code sort_contacts(struct load *l)
{
	struct fn_dataset *ds = l->ds;
	struct contact_key *k = fn_xcalloc(ds->n_contact, sizeof *k);
	size_t i;

	if (!k)
		return nomem(l->err);
	for (i = 0; i < ds->n_contact; i++) {
		k[i].account = ds->contact_account[i];
		k[i].id = ds->contact_id[i];
		k[i].role = ds->contact_role[i];
	}
	sort(k, ds->n_contact, sizeof *k, cmp_contact);
	for (i = 0; i < ds->n_contact; i++) {
		ds->contact_account[i] = k[i].account;
		ds->contact_id[i] = k[i].id;
		ds->contact_role[i] = k[i].role;
	}
	free(k);
	return FN_OK;
}

/* Saves what was just loaded for the next load. Failing to write only
 * means no snapshot, so errors are dropped. */
static void save_snapshot(const char *path, const struct fn_dataset *ds,
			  const struct fn_store_stamp *stamp, size_t n_cur)
{
	fn_snapshot_write(path, ds, stamp, n_cur, NULL);
}

/* The settings the figures depend on; defaults for those not set. */
static fn_code load_settings(struct fn_store *s, struct fn_dataset *ds,
			     struct fn_err *err)
{
	char buf[64];
	fn_code rc;

	ds->fiscal_start = 1;
	rc = fn_store_setting_get(s, "fiscal_start", buf, sizeof buf, err);
	if (rc == FN_OK) {
		int fs = atoi(buf);
		if (fs >= 1 && fs <= 12)
			ds->fiscal_start = fs;
	} else if (rc != FN_ENOTFOUND) {
		return rc;
	}
	snprintf(ds->currency, sizeof ds->currency, "USD");
	rc = fn_store_setting_get(s, "currency", buf, sizeof buf, err);
	if (rc == FN_OK && buf[0])
		upcase(ds->currency, buf, sizeof ds->currency);
	else if (rc != FN_OK && rc != FN_ENOTFOUND)
		return rc;
	return FN_OK;
}

/* The snapshot beside the store, unless there is none or the
 * environment says not to use one (FUNNEL_NO_SNAPSHOT=1: a load straight
 * from the store, the reference the tests compare with). */
static void snapshot_location(struct fn_store *s, char *path, size_t n)
{
	const char *off = getenv("FUNNEL_NO_SNAPSHOT");

	if ((off && *off && strcmp(off, "0") != 0) ||
	    fn_store_snapshot_path(s, path, n, NULL) != FN_OK)
		path[0] = '\0';
}

/* Everything is read inside one read transaction, so that it all comes
 * from one commit and waits for no writer. The large columns come from
 * the snapshot beside the store when it was built at the write version
 * this transaction sees (which proves it current), else from the store;
 * they are then saved as the snapshot for the next load, unless what was
 * read may still be rolled back (a load inside a write transaction). The
 * small tables are always read. */
fn_code fn_dataset_load(struct fn_store *s, struct fn_dataset **out,
			struct fn_err *err)
{
	struct load l;
	struct fn_dataset *ds;
	struct fn_snapshot *sn = NULL;
	struct fn_store_stamp stamp;
	struct ms_key *keys = NULL;
	size_t n_keys = 0, n_cur_opps = 0;
	int64_t n_opps = 0, n_events = 0;
	int have_stamp, reading = 0;
	char path[4096];
	fn_code rc;

	memset(&l, 0, sizeof l);
	*out = NULL;
	ds = calloc(1, sizeof *ds);
	if (!ds)
		return nomem(err);
	l.ds = ds;
	l.err = err;

	rc = fn_store_begin_read(s, err);
	if (rc != FN_OK)
		goto out;
	reading = 1;
	rc = load_settings(s, ds, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_store_process_load(s, &ds->proc, &ds->n_proc, err);
	if (rc != FN_OK)
		goto out;
	if (ds->n_proc == 0) {
		rc = fn_err_set(err, FN_ENOTFOUND,
				"no sales process defined (run `funnel init`)");
		goto out;
	}

	/* A store without a stamp or a file simply has no snapshot. */
	have_stamp = fn_store_stamp(s, &stamp, NULL) == FN_OK;
	path[0] = '\0';
	if (have_stamp)
		snapshot_location(s, path, sizeof path);
	if (path[0] && fn_snapshot_open(path, &stamp, ds, &sn, NULL) == FN_OK) {
		rc = fn_snapshot_attach(sn, ds, &l.snap_extra, &l.n_snap_extra,
					err);
		if (rc != FN_OK)
			goto out;
		l.from_snap = 1;
		l.cap_cur = ds->n_cur;
	} else {
		if (have_stamp) {
			n_opps = stamp.n_opps;
			n_events = stamp.n_events;
		} else {
			rc = fn_store_counts(s, &n_opps, &n_events, err);
			if (rc != FN_OK)
				goto out;
		}
		rc = load_opps(&l, s, n_opps);
		if (rc != FN_OK)
			goto out;
		n_cur_opps = ds->n_cur;
	}
	rc = load_people(&l, s);
	if (rc != FN_OK)
		goto out;
	if (!l.from_snap) {
		rc = load_events(&l, s, n_events);
		if (rc == FN_OK)
			rc = load_records(&l, s);
		if (rc != FN_OK)
			goto out;
	}
	rc = build_milestones(&l, s, &keys, &n_keys);
	if (rc == FN_OK)
		rc = load_ms_probs(ds, s, err);
	if (rc != FN_OK)
		goto out;
	reading = 0;
	rc = fn_store_end_read(s, err);
	if (rc != FN_OK)
		goto out;
	/* Rows read from the store are put in place and saved for the
	 * next load. */
	if (!l.from_snap) {
		free(l.opp_direct);
		l.opp_direct = NULL;
		rc = group_events(&l, keys, n_keys);
		if (rc == FN_OK)
			rc = group_records(&l);
		if (rc == FN_OK)
			rc = sort_contacts(&l);
		if (rc != FN_OK)
			goto out;
		if (path[0] && !stamp.uncommitted)
			save_snapshot(path, ds, &stamp, n_cur_opps);
	}
	*out = ds;
	ds = NULL;
out:
	if (reading)
		fn_store_end_read(s, NULL);
	free(keys);
	free(l.pool);
	free(l.user_team_id);
	free(l.team_manager);
	free(l.t_opp);
	free(l.t_day);
	free(l.t_kind);
	free(l.t_has);
	free(l.t_value);
	free(l.ta_opp);
	free(l.ta_day);
	free(l.ta_kind);
	free(l.ta_user);
	free(l.tc_opp);
	free(l.tc_day);
	free(l.tc_outcome);
	free(l.tc_unchecked);
	free(l.opp_direct);
	fn_dataset_free(ds);
	return rc;
}

void fn_dataset_free(struct fn_dataset *ds)
{
	size_t i;

	if (!ds)
		return;
	if (ds->proc)
		fn_processes_free(ds->proc, ds->n_proc);
	free(ds->ms_id);
	free(ds->ms_proc);
	free(ds->ms_pos);
	free(ds->ms_kind);
	free(ds->ms_prob);
	if (ds->ms_name)
		for (i = 0; i < ds->n_ms; i++)
			free(ds->ms_name[i]);
	free(ds->ms_name);
	if (ds->snap) {
		fn_snapshot_close(ds->snap);
	} else {
		free(ds->opp_id);
		free(ds->opp_proc);
		free(ds->opp_cur);
		free(ds->opp_ev);
		free(ds->opp_ext_off);
		free(ds->opp_ext_pool);
		free(ds->ev_day);
		free(ds->ev_kind);
		free(ds->ev_has);
		free(ds->ev_value);
		free(ds->opp_account);
		free(ds->opp_act);
		free(ds->act_day);
		free(ds->act_kind);
		free(ds->act_user);
		free(ds->opp_chk);
		free(ds->chk_day);
		free(ds->chk_outcome);
		free(ds->chk_unchecked);
		free(ds->contact_id);
		free(ds->contact_account);
		free(ds->contact_role);
	}
	for (i = 0; i < ds->n_user; i++) {
		free(ds->user_ext ? ds->user_ext[i] : NULL);
		free(ds->user_name ? ds->user_name[i] : NULL);
	}
	for (i = 0; i < ds->n_team; i++) {
		free(ds->team_ext ? ds->team_ext[i] : NULL);
		free(ds->team_name ? ds->team_name[i] : NULL);
	}
	free(ds->user_id);
	free(ds->user_team);
	free(ds->user_ext);
	free(ds->user_name);
	free(ds->team_id);
	free(ds->team_parent);
	free(ds->team_ext);
	free(ds->team_name);
	free(ds->team_manager);
	free(ds->target);
	free(ds->call);
	free(ds->msp);
	free(ds->msp_off);
	for (i = 0; i < ds->n_coach; i++) {
		free(ds->coach[i].focus);
		free(ds->coach[i].actions);
	}
	free(ds->coach);
	free(ds->rule);
	free(ds->cur);
	free(ds->rate);
	free(ds);
}

