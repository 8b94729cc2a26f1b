/*
 * export.c - fn_export: everything in the store, either as the native CSV
 * files that `import --format native` reads back (docs/import-formats.md)
 * or as one JSON document funnel.json.
 *
 * Store ids never leave the store: every reference is written as the
 * referred record's ext_id. events.csv holds every event with its origin,
 * and opportunities.csv only the static attributes and the created day, so
 * nothing is written twice and an import of the export rebuilds the same
 * history. Each file is written to a temporary name and renamed, so a
 * reader never sees half a file.
 *
 * Every stored string goes out as valid UTF-8, whatever the store holds:
 * through fn_json_str into JSON, and repaired the same way (U+FFFD) into
 * the CSV files, so an export never fails or drops a record because of an
 * old string, and what it writes can be imported again.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "funnel/import.h"
#include "funnel/json.h"
#include "funnel/model.h"
#include "funnel/store.h"
#include "funnel/utf8.h"

/* Store id -> ext_id, sorted by id for bsearch. */
struct idname {
	int64_t id;
	char *ext;
	int64_t extra;   /* users: team id; teams: manager id; opps: process */
};

struct idmap {
	struct idname *v;
	size_t n, cap;
};

struct xp {
	struct fn_store *s;
	struct fn_err *err;
	struct fn_process *proc;
	size_t n_proc;
	struct idmap users, teams, accounts, opps;
	fn_day *created;   /* per opps.v index: day of the first event */
	struct idmap ms;   /* milestone id -> name (retired ones included) */
	int json;          /* writing funnel.json, not the CSV files */
	FILE *f;           /* the CSV file being written */
	json_t *arr;       /* the JSON array being filled */
	int oom;
};

static int idmap_add(struct idmap *m, int64_t id, const char *ext,
		     int64_t extra)
{
	char buf[32];

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		void *p = realloc(m->v, cap * sizeof *m->v);
		if (!p)
			return -1;
		m->v = p;
		m->cap = cap;
	}
	if (!ext || !*ext) {
		snprintf(buf, sizeof buf, "%lld", (long long)id);
		ext = buf;
	}
	m->v[m->n].ext = strdup(ext);
	if (!m->v[m->n].ext)
		return -1;
	m->v[m->n].id = id;
	m->v[m->n].extra = extra;
	m->n++;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	const struct idname *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static void idmap_sort(struct idmap *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, cmp_id);
}

static long idmap_index(const struct idmap *m, int64_t id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[mid].id < id)
			lo = mid + 1;
		else if (m->v[mid].id > id)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

static const char *idmap_ext(const struct idmap *m, int64_t id)
{
	long i = id ? idmap_index(m, id) : -1;

	return i >= 0 ? m->v[i].ext : "";
}

static void idmap_free(struct idmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].ext);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ---- the id maps --------------------------------------------------------- */

static int user_cb(void *ctx, const struct fn_user *u)
{
	struct xp *x = ctx;

	return idmap_add(&x->users, u->id, u->ext_id, u->team_id) ? -1 : 0;
}

static int team_cb(void *ctx, const struct fn_team *t)
{
	struct xp *x = ctx;

	return idmap_add(&x->teams, t->id, t->ext_id, t->manager_id) ? -1 : 0;
}

static int account_cb(void *ctx, const struct fn_account *a)
{
	struct xp *x = ctx;

	return idmap_add(&x->accounts, a->id, a->ext_id, 0) ? -1 : 0;
}

static int opp_cb(void *ctx, const struct fn_opp *o)
{
	struct xp *x = ctx;

	return idmap_add(&x->opps, o->id, o->ext_id, o->process_id) ? -1 : 0;
}

static int created_cb(void *ctx, const struct fn_event *e)
{
	struct xp *x = ctx;
	long i = idmap_index(&x->opps, e->opp_id);

	if (i >= 0 && (x->created[i] == FN_DAY_NONE || e->day < x->created[i]))
		x->created[i] = e->day;
	return 0;
}

/* Callbacks stop an iteration with -1 only when out of memory. */
static fn_code check(struct xp *x, fn_code rc)
{
	if (x->oom || (int)rc < 0)
		return fn_err_set(x->err, FN_ENOMEM, "export: out of memory");
	return rc;
}

static fn_code load_maps(struct xp *x)
{
	fn_code rc;
	size_t i, j, k;

	if ((rc = fn_store_process_load(x->s, &x->proc, &x->n_proc, x->err)))
		return rc;
	for (i = 0; i < x->n_proc; i++)
		for (j = 0; j < x->proc[i].n_ms; j++)
			if (idmap_add(&x->ms, x->proc[i].ms[j].id,
				      x->proc[i].ms[j].name, (int64_t)i))
				return fn_err_set(x->err, FN_ENOMEM,
						  "out of memory");
	idmap_sort(&x->ms);
	if ((rc = check(x, fn_store_user_each(x->s, user_cb, x, x->err))) ||
	    (rc = check(x, fn_store_team_each(x->s, team_cb, x, x->err))) ||
	    (rc = check(x, fn_store_account_each(x->s, account_cb, x,
						 x->err))) ||
	    (rc = check(x, fn_store_opp_each(x->s, 0, opp_cb, x, x->err))))
		return rc;
	idmap_sort(&x->users);
	idmap_sort(&x->teams);
	idmap_sort(&x->accounts);
	idmap_sort(&x->opps);
	x->created = malloc((x->opps.n + 1) * sizeof *x->created);
	if (!x->created)
		return fn_err_set(x->err, FN_ENOMEM, "out of memory");
	for (k = 0; k < x->opps.n; k++)
		x->created[k] = FN_DAY_NONE;
	return fn_store_event_each(x->s, 0, created_cb, x, x->err);
}

/* Name of a milestone id, retired ones through the store. */
static const char *ms_name(struct xp *x, int64_t id)
{
	char buf[256];
	enum fn_milestone_kind kind;
	int64_t pid;
	struct fn_err e2;
	long i = idmap_index(&x->ms, id);

	if (i >= 0)
		return x->ms.v[i].ext;
	if (fn_store_milestone_info(x->s, id, buf, sizeof buf, &kind, &pid,
				    &e2) != FN_OK)
		snprintf(buf, sizeof buf, "%lld", (long long)id);
	if (idmap_add(&x->ms, id, buf, 0)) {
		x->oom = 1;
		return "";
	}
	idmap_sort(&x->ms);
	return x->ms.v[idmap_index(&x->ms, id)].ext;
}

/* An opportunity's created day: its first event's. */
static fn_day created_day(const struct xp *x, int64_t opp)
{
	long i = idmap_index(&x->opps, opp);

	return i >= 0 ? x->created[i] : FN_DAY_NONE;
}

/* A target's scope as the native format writes it. */
static void scope_text(const struct xp *x, const struct fn_target *t,
		       char *out, size_t n)
{
	if (t->user_id)
		snprintf(out, n, "user:%s", idmap_ext(&x->users, t->user_id));
	else if (t->team_id)
		snprintf(out, n, "team:%s", idmap_ext(&x->teams, t->team_id));
	else
		snprintf(out, n, "company");
}

static const char *proc_name(const struct xp *x, int64_t id)
{
	size_t i;

	for (i = 0; i < x->n_proc; i++)
		if (x->proc[i].id == id)
			return x->proc[i].name;
	return "";
}

/* The text of an event's value, as the native format writes it. */
static void value_text(struct xp *x, const struct fn_event *e, char *out,
		       size_t n)
{
	out[0] = '\0';
	if (!e->has_value)
		return;
	switch (e->kind) {
	case FN_EV_MILESTONE:
		snprintf(out, n, "%s", ms_name(x, e->value));
		break;
	case FN_EV_AMOUNT:
		fn_money_format(e->value, out);
		break;
	case FN_EV_CLOSE_DATE:
		fn_day_format((fn_day)e->value, out);
		break;
	case FN_EV_CATEGORY:
		snprintf(out, n, "%s",
			 fn_category_name((enum fn_category)e->value));
		break;
	case FN_EV_OWNER:
		snprintf(out, n, "%s", idmap_ext(&x->users, e->value));
		break;
	case FN_EV_PROBABILITY:
		/* A percentage, as users type and import it. */
		snprintf(out, n, "%g", (double)e->value / 100.0);
		break;
	}
}

/* ---- CSV ----------------------------------------------------------------- */

static void put_field(FILE *f, const char *s, int last)
{
	const char *p;
	char *fixed = NULL;
	int quote;

	if (!s)
		s = "";
	if (!fn_utf8_valid(s) && (fixed = fn_utf8_repair(s)))
		s = fixed;
	quote = *s == ' ' || (*s && s[strlen(s) - 1] == ' ') ||
		strpbrk(s, ",\"\r\n\t") != NULL;
	if (quote) {
		fputc('"', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\n" : ",", f);
	free(fixed);
}

static void put_row(FILE *f, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put_field(f, v[i], i + 1 == n);
}

#define ROW(f, ...)                                                    \
	do {                                                           \
		const char *const row_[] = {__VA_ARGS__};              \
		put_row(f, row_, sizeof row_ / sizeof row_[0]);        \
	} while (0)

static int csv_user(void *ctx, const struct fn_user *u)
{
	struct xp *x = ctx;

	ROW(x->f, idmap_ext(&x->users, u->id), u->name, u->email,
	    fn_role_name(u->role), idmap_ext(&x->teams, u->team_id));
	return 0;
}

static int csv_team(void *ctx, const struct fn_team *t)
{
	struct xp *x = ctx;

	ROW(x->f, idmap_ext(&x->teams, t->id), t->name,
	    idmap_ext(&x->users, t->manager_id));
	return 0;
}

static int csv_account(void *ctx, const struct fn_account *a)
{
	struct xp *x = ctx;

	ROW(x->f, idmap_ext(&x->accounts, a->id), a->name, a->sector);
	return 0;
}

static int csv_contact(void *ctx, const struct fn_contact *c)
{
	struct xp *x = ctx;
	char id[32];

	snprintf(id, sizeof id, "%lld", (long long)c->id);
	ROW(x->f, c->ext_id && *c->ext_id ? c->ext_id : id,
	    idmap_ext(&x->accounts, c->account_id), c->name, c->email,
	    c->buying_role ? fn_buying_role_name(c->buying_role) : "");
	return 0;
}

static int csv_opp(void *ctx, const struct fn_opp *o)
{
	struct xp *x = ctx;
	fn_day created = created_day(x, o->id);
	char day[11] = "";

	fn_day_format(created != FN_DAY_NONE ? created : fn_day_today(), day);
	ROW(x->f, idmap_ext(&x->opps, o->id), o->name,
	    idmap_ext(&x->accounts, o->account_id),
	    proc_name(x, o->process_id), o->currency, o->product, o->source,
	    day);
	return 0;
}

static int csv_event(void *ctx, const struct fn_event *e)
{
	struct xp *x = ctx;
	char day[11], value[256];

	fn_day_format(e->day, day);
	value_text(x, e, value, sizeof value);
	ROW(x->f, idmap_ext(&x->opps, e->opp_id), day,
	    fn_event_kind_name(e->kind), value, e->note, e->origin, e->text);
	return 0;
}

static int csv_activity(void *ctx, const struct fn_activity *a)
{
	struct xp *x = ctx;
	char day[11];

	fn_day_format(a->day, day);
	ROW(x->f, idmap_ext(&x->opps, a->opp_id), day,
	    fn_activity_kind_name(a->kind), idmap_ext(&x->users, a->user_id),
	    a->note, a->origin);
	return 0;
}

/* Milestone and outcome names of an outcome definition id. */
static int outcome_names(const struct xp *x, int64_t id, const char **ms,
			 const char **name)
{
	size_t i, j, k;

	for (i = 0; i < x->n_proc; i++)
		for (j = 0; j < x->proc[i].n_ms; j++)
			for (k = 0; k < x->proc[i].ms[j].n_outcomes; k++)
				if (x->proc[i].ms[j].outcomes[k].id == id) {
					*ms = x->proc[i].ms[j].name;
					*name = x->proc[i].ms[j].outcomes[k].name;
					return 0;
				}
	return -1;
}

static int csv_outcome(void *ctx, const struct fn_outcome_check *c)
{
	struct xp *x = ctx;
	const char *ms, *name;
	char day[11], unchecked[11];

	if (outcome_names(x, c->outcome_id, &ms, &name))
		return 0;
	fn_day_format(c->day, day);
	unchecked[0] = '\0';
	if (c->unchecked)
		fn_day_format(c->unchecked_day, unchecked);
	ROW(x->f, idmap_ext(&x->opps, c->opp_id), ms, name, day, c->note,
	    c->origin, unchecked);
	return 0;
}

static int csv_target(void *ctx, const struct fn_target *t)
{
	struct xp *x = ctx;
	char scope[300], amount[32];

	scope_text(x, t, scope, sizeof scope);
	fn_money_format(t->amount, amount);
	ROW(x->f, scope, t->period, amount);
	return 0;
}

static int csv_rate(void *ctx, const struct fn_rate *r)
{
	struct xp *x = ctx;
	char day[11], rate[40];

	fn_day_format(r->day, day);
	snprintf(rate, sizeof rate, "%.17g", r->rate);
	ROW(x->f, r->currency, day, rate);
	return 0;
}

/* Opens dir/.name.tmp for writing; finish renames it to dir/name. */
static fn_code start(struct xp *x, const char *dir, const char *name,
		     char *tmp, size_t n)
{
	snprintf(tmp, n, "%s/.%s.tmp", dir, name);
	x->f = fopen(tmp, "w");
	if (!x->f)
		return fn_err_set(x->err, FN_EIO, "%s: %s", tmp,
				  strerror(errno));
	return FN_OK;
}

static fn_code finish(struct xp *x, const char *dir, const char *name,
		      const char *tmp, fn_code rc)
{
	char path[4096];
	int bad;

	if (!x->f)
		return rc;
	bad = fflush(x->f) != 0 || fsync(fileno(x->f)) != 0;
	bad |= fclose(x->f) != 0;
	x->f = NULL;
	if (rc == FN_OK && bad)
		rc = fn_err_set(x->err, FN_EIO, "%s: write error", tmp);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (rc == FN_OK && rename(tmp, path) != 0)
		rc = fn_err_set(x->err, FN_EIO, "%s: %s", path,
				strerror(errno));
	if (rc != FN_OK)
		unlink(tmp);
	return rc;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
	return fn_json_str_or_null(s);
}

static json_t *day_json(fn_day d)
{
	char b[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, b);
	return json_string(b);
}

static int push(struct xp *x, json_t *o)
{
	if (!o || json_array_append_new(x->arr, o)) {
		x->oom = 1;
		return -1;
	}
	return 0;
}

static int js_user(void *ctx, const struct fn_user *u)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:o, s:s, s:o}", "id",
				 fn_json_str(idmap_ext(&x->users, u->id)), "name",
				 str_or_null(u->name), "email",
				 str_or_null(u->email), "role",
				 fn_role_name(u->role), "team",
				 str_or_null(idmap_ext(&x->teams,
						       u->team_id))));
}

static int js_team(void *ctx, const struct fn_team *t)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:o}", "id",
				 fn_json_str(idmap_ext(&x->teams, t->id)), "name",
				 str_or_null(t->name), "manager",
				 str_or_null(idmap_ext(&x->users,
						       t->manager_id))));
}

static int js_account(void *ctx, const struct fn_account *a)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:o}", "id",
				 fn_json_str(idmap_ext(&x->accounts, a->id)),
				 "name",
				 str_or_null(a->name), "sector",
				 str_or_null(a->sector)));
}

static int js_contact(void *ctx, const struct fn_contact *c)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:o, s:o, s:s}", "id",
				 str_or_null(c->ext_id), "account",
				 str_or_null(idmap_ext(&x->accounts,
						       c->account_id)),
				 "name", str_or_null(c->name), "email",
				 str_or_null(c->email), "buying_role",
				 fn_buying_role_name(c->buying_role)));
}

static int js_opp(void *ctx, const struct fn_opp *o)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
				 "id", fn_json_str(idmap_ext(&x->opps, o->id)),
				 "name",
				 str_or_null(o->name), "account",
				 str_or_null(idmap_ext(&x->accounts,
						       o->account_id)),
				 "process",
				 fn_json_str(proc_name(x, o->process_id)),
				 "currency", str_or_null(o->currency),
				 "product", str_or_null(o->product), "source",
				 str_or_null(o->source), "created",
				 day_json(created_day(x, o->id))));
}

static int js_event(void *ctx, const struct fn_event *e)
{
	struct xp *x = ctx;
	char value[256];
	json_t *v;

	value_text(x, e, value, sizeof value);
	if (!e->has_value)
		v = json_null();
	else if (e->kind == FN_EV_AMOUNT)
		v = json_real((double)e->value / 100.0);
	else if (e->kind == FN_EV_PROBABILITY)
		v = json_real((double)e->value / 10000.0);
	else
		v = fn_json_str(value);
	return push(x, json_pack("{s:I, s:o, s:o, s:s, s:o, s:o, s:o, s:o}",
				 "seq", (json_int_t)e->seq, "opportunity",
				 fn_json_str(idmap_ext(&x->opps, e->opp_id)),
				 "date",
				 day_json(e->day), "field",
				 fn_event_kind_name(e->kind), "value", v,
				 "note", str_or_null(e->note), "origin",
				 str_or_null(e->origin), "text",
				 str_or_null(e->text)));
}

static int js_activity(void *ctx, const struct fn_activity *a)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:s, s:o, s:o}", "opportunity",
				 fn_json_str(idmap_ext(&x->opps, a->opp_id)),
				 "date",
				 day_json(a->day), "kind",
				 fn_activity_kind_name(a->kind), "user",
				 str_or_null(idmap_ext(&x->users, a->user_id)),
				 "note", str_or_null(a->note)));
}

static int js_outcome(void *ctx, const struct fn_outcome_check *c)
{
	struct xp *x = ctx;
	const char *ms, *name;

	if (outcome_names(x, c->outcome_id, &ms, &name))
		return 0;
	return push(x, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
				 "opportunity",
				 fn_json_str(idmap_ext(&x->opps, c->opp_id)),
				 "milestone", fn_json_str(ms), "outcome",
				 fn_json_str(name), "date", day_json(c->day),
				 "note", str_or_null(c->note),
				 "unchecked", c->unchecked ?
				 day_json(c->unchecked_day) : json_null()));
}

static int js_target(void *ctx, const struct fn_target *t)
{
	struct xp *x = ctx;
	char scope[300];

	scope_text(x, t, scope, sizeof scope);
	return push(x, json_pack("{s:o, s:o, s:f}", "scope",
				 fn_json_str(scope), "period",
				 fn_json_str(t->period), "amount",
				 (double)t->amount / 100.0));
}

static int js_rate(void *ctx, const struct fn_rate *r)
{
	struct xp *x = ctx;

	return push(x, json_pack("{s:o, s:o, s:f}", "currency",
				 fn_json_str(r->currency),
				 "date", day_json(r->day), "rate", r->rate));
}

/* ---- what an export holds ------------------------------------------------ */

/* One kind of record through the CSV or the JSON callback. */
static fn_code each_user(struct xp *x)
{
	return fn_store_user_each(x->s, x->json ? js_user : csv_user, x,
				  x->err);
}

static fn_code each_team(struct xp *x)
{
	return fn_store_team_each(x->s, x->json ? js_team : csv_team, x,
				  x->err);
}

static fn_code each_account(struct xp *x)
{
	return fn_store_account_each(x->s, x->json ? js_account : csv_account,
				     x, x->err);
}

static fn_code each_contact(struct xp *x)
{
	return fn_store_contact_each(x->s, x->json ? js_contact : csv_contact,
				     x, x->err);
}

static fn_code each_opp(struct xp *x)
{
	return fn_store_opp_each(x->s, 0, x->json ? js_opp : csv_opp, x,
				 x->err);
}

static fn_code each_event(struct xp *x)
{
	return fn_store_event_each(x->s, 0, x->json ? js_event : csv_event, x,
				   x->err);
}

static fn_code each_activity(struct xp *x)
{
	return fn_store_activity_each(x->s, 0,
				      x->json ? js_activity : csv_activity, x,
				      x->err);
}

static fn_code each_outcome(struct xp *x)
{
	return fn_store_outcome_check_each(x->s, 0,
					   x->json ? js_outcome : csv_outcome,
					   x, x->err);
}

static fn_code each_target(struct xp *x)
{
	return fn_store_target_each(x->s, x->json ? js_target : csv_target, x,
				    x->err);
}

static fn_code each_rate(struct xp *x)
{
	return fn_store_rate_each(x->s, x->json ? js_rate : csv_rate, x,
				  x->err);
}

/* The sections of funnel.json in order; each is also the CSV file
 * NAME.csv with the header cols (NULL-terminated). */
static const struct section {
	const char *name;
	const char *const *cols;
	fn_code (*each)(struct xp *x);
} sections[] = {
#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})
	{"users", COLS("id", "name", "email", "role", "team"), each_user},
	{"teams", COLS("id", "name", "manager"), each_team},
	{"accounts", COLS("id", "name", "sector"), each_account},
	{"contacts", COLS("id", "account", "name", "email", "buying_role"),
	 each_contact},
	{"opportunities", COLS("id", "name", "account", "process", "currency",
			       "product", "source", "created"), each_opp},
	{"events", COLS("opportunity", "date", "field", "value", "note",
			"origin", "text"), each_event},
	{"activities", COLS("opportunity", "date", "kind", "user", "note",
			    "origin"), each_activity},
	{"outcomes", COLS("opportunity", "milestone", "outcome", "date",
			  "note", "origin", "unchecked"), each_outcome},
	{"targets", COLS("scope", "period", "amount"), each_target},
	{"rates", COLS("currency", "date", "rate"), each_rate},
#undef COLS
};

#define N_SECTIONS (sizeof sections / sizeof sections[0])

static fn_code export_csv(struct xp *x, const char *dir)
{
	char name[32], tmp[4096];
	const char *const *col;
	size_t i;
	fn_code rc = FN_OK;

	for (i = 0; i < N_SECTIONS && !rc; i++) {
		snprintf(name, sizeof name, "%s.csv", sections[i].name);
		if ((rc = start(x, dir, name, tmp, sizeof tmp)))
			break;
		for (col = sections[i].cols; *col; col++)
			put_field(x->f, *col, !col[1]);
		rc = finish(x, dir, name, tmp, check(x, sections[i].each(x)));
	}
	return rc;
}

static json_t *process_json(const struct fn_process *p)
{
	json_t *ms = json_array(), *o, *outs;
	size_t i, k;

	for (i = 0; ms && i < p->n_ms; i++) {
		static const char *const kinds[] = {"open", "won", "lost"};
		outs = json_array();
		for (k = 0; outs && k < p->ms[i].n_outcomes; k++)
			json_array_append_new(
				outs, fn_json_str(p->ms[i].outcomes[k].name));
		o = json_pack("{s:o, s:s, s:f, s:o}", "name",
			      fn_json_str(p->ms[i].name),
			      "kind", kinds[p->ms[i].kind], "probability",
			      p->ms[i].probability, "outcomes",
			      outs ? outs : json_null());
		json_array_append_new(ms, o);
	}
	return json_pack("{s:o, s:o}", "name", fn_json_str(p->name),
			 "milestones", ms ? ms : json_null());
}

static fn_code export_json(struct xp *x, const char *dir)
{
	json_t *doc = json_object(), *procs = json_array();
	char tmp[4096], path[4096], buf[32];
	struct fn_err e2;
	size_t i;
	fn_code rc = FN_OK;

	if (!doc || !procs) {
		rc = fn_err_set(x->err, FN_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < x->n_proc; i++)
		json_array_append_new(procs, process_json(&x->proc[i]));
	json_object_set_new(doc, "format", json_string("funnel-export-1"));
	if (fn_store_setting_get(x->s, "currency", buf, sizeof buf, &e2))
		strcpy(buf, "USD");
	json_object_set_new(doc, "currency", fn_json_str(buf));
	if (fn_store_setting_get(x->s, "fiscal_start", buf, sizeof buf, &e2))
		strcpy(buf, "1");
	json_object_set_new(doc, "fiscal_start", json_integer(atoi(buf)));
	json_object_set(doc, "processes", procs);

	for (i = 0; i < N_SECTIONS; i++) {
		x->arr = json_array();
		if (!x->arr) {
			x->oom = 1;
			break;
		}
		json_object_set_new(doc, sections[i].name, x->arr);
		if ((rc = check(x, sections[i].each(x))))
			goto out;
	}
	if ((rc = check(x, FN_OK)))
		goto out;
	snprintf(tmp, sizeof tmp, "%s/.funnel.json.tmp", dir);
	snprintf(path, sizeof path, "%s/funnel.json", dir);
	if (json_dump_file(doc, tmp, JSON_INDENT(1) | JSON_ENSURE_ASCII) != 0) {
		unlink(tmp);
		rc = fn_err_set(x->err, FN_EIO, "%s: cannot write", tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		rc = fn_err_set(x->err, FN_EIO, "%s: %s", path,
				strerror(errno));
	}
out:
	json_decref(procs);
	json_decref(doc);
	return rc;
}

fn_code fn_export(struct fn_store *s, enum fn_export_format format,
		  const char *dir, struct fn_err *err)
{
	struct fn_err local;
	struct xp x;
	fn_code rc;

	if (!err)
		err = &local;
	memset(&x, 0, sizeof x);
	x.s = s;
	x.err = err;
	x.json = format == FN_EXPORT_JSON;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		rc = fn_err_set(err, FN_EIO, "%s: %s", dir, strerror(errno));
		goto out;
	}
	if ((rc = load_maps(&x)))
		goto out;
	rc = x.json ? export_json(&x, dir) : export_csv(&x, dir);
out:
	if (x.f)
		fclose(x.f);
	idmap_free(&x.users);
	idmap_free(&x.teams);
	idmap_free(&x.accounts);
	idmap_free(&x.opps);
	idmap_free(&x.ms);
	free(x.created);
	if (x.proc)
		fn_processes_free(x.proc, x.n_proc);
	return rc;
}
