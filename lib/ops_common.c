/*
 * ops_common.c - what every operation shares: the write transaction, the
 * date rule of dated changes, parsing a probability and reading a file the
 * same way for every front end, settings and ext id lookups, and the
 * growable copies of records a store walk lends.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/ops.h"
#include "ops_impl.h"

fn_code op_begin(struct fn_store *s, struct fn_err *err)
{
	return fn_store_begin(s, err);
}

fn_code op_end(struct fn_store *s, fn_code rc, struct fn_err *err)
{
	struct fn_err ignored;

	if (rc == FN_OK)
		rc = fn_store_commit(s, err);
	/* After a failed commit too: the transaction must not stay open on
	 * a connection a server keeps. */
	if (rc != FN_OK)
		fn_store_rollback(s, &ignored);
	return rc;
}

fn_day op_day(fn_day day)
{
	return day == FN_DAY_NONE ? fn_day_today() : day;
}

fn_code op_day_check(fn_day day, fn_day created, const char *ext,
		     struct fn_err *err)
{
	fn_day today = fn_day_today();
	char d[11], t[11];

	fn_day_format(day, d);
	if (day > today) {
		fn_day_format(today, t);
		return fn_err_set(err, FN_EINVAL, "date %s is in the future "
				  "(today is %s); a change is dated on or "
				  "before today", d, t);
	}
	if (created != FN_DAY_NONE && day < created) {
		fn_day_format(created, t);
		return fn_err_set(err, FN_EINVAL, "date %s is before "
				  "opportunity '%s' existed (created %s)", d,
				  ext, t);
	}
	return FN_OK;
}

/* ---- input ------------------------------------------------------------- */

fn_code fn_probability_parse(const char *s, int *bp)
{
	char *end;
	double v;

	if (!s || !*s)
		return FN_EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || isnan(v) || isinf(v))
		return FN_EINVAL;
	if (*end == '%')
		end++;
	if (*end || v < 0 || v > 100)
		return FN_EINVAL;
	*bp = (int)lround(v * 100);
	return FN_OK;
}

fn_code fn_file_open(const char *path, FILE **out, struct fn_err *err)
{
	*out = fopen(path, "rb");
	if (*out)
		return FN_OK;
	if (errno == ENOENT)
		return fn_err_set(err, FN_ENOTFOUND, "%s: no such file", path);
	return fn_err_set(err, FN_EIO, "%s: %s", path, strerror(errno));
}

fn_code fn_read_file(const char *path, char **out, struct fn_err *err)
{
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, got;
	fn_code rc;
	FILE *f;

	if ((rc = fn_file_open(path, &f, err)))
		return rc;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(buf, cap);
			if (!p) {
				rc = fn_err_set(err, FN_ENOMEM, "%s: out of "
						"memory", path);
				goto out;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		rc = fn_err_set(err, FN_EIO, "%s: cannot read", path);
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}

const char *fn_plural(char *buf, size_t n_buf, long long n, const char *one,
		      const char *many)
{
	snprintf(buf, n_buf, "%lld %s", n, fn_tr(n == 1 ? one : many));
	return buf;
}

/* ---- settings and lookups ---------------------------------------------- */

int fn_settings_fiscal_start(struct fn_store *s)
{
	char buf[16];
	struct fn_err e;
	long v;

	if (fn_store_setting_get(s, "fiscal_start", buf, sizeof buf, &e))
		return 1;
	v = strtol(buf, NULL, 10);
	return v >= 1 && v <= 12 ? (int)v : 1;
}

void fn_settings_currency(struct fn_store *s, char *buf, size_t n)
{
	struct fn_err e;

	if (fn_store_setting_get(s, "currency", buf, n, &e))
		snprintf(buf, n, "USD");
}

static const char *record_name(enum fn_record kind)
{
	switch (kind) {
	case FN_REC_USER:
		return "user";
	case FN_REC_TEAM:
		return "team";
	case FN_REC_ACCOUNT:
		return "account";
	case FN_REC_CONTACT:
		return "contact";
	case FN_REC_OPP:
		return "opportunity";
	}
	return "record";
}

fn_code fn_find_ext(struct fn_store *s, enum fn_record kind,
		    const char *ext_id, int64_t *id, struct fn_err *err)
{
	fn_code rc = fn_store_find(s, kind, ext_id, id, err);

	if (rc == FN_ENOTFOUND)
		return fn_err_set(err, FN_ENOTFOUND, "no %s with id '%s'",
				  record_name(kind), ext_id);
	return rc;
}

fn_code fn_period_named(struct fn_store *s, const char *name,
			struct fn_period *out, struct fn_err *err)
{
	struct fn_err e;

	if (fn_period_parse(name, fn_settings_fiscal_start(s), out, &e))
		return fn_err_set(err, FN_EINVAL, "'%s' is not a period (2026, "
				  "2026-Q4 or 2026-11)", name);
	return FN_OK;
}

/* ---- copies of what a store walk lends --------------------------------- */

/* A block of string copies; blocks are chained newest first. */
struct op_strs {
	struct op_strs *next;
	size_t used, cap;
	char s[];
};

void *op_vec_push(struct op_vec *a, const void *elem, size_t size)
{
	char *p;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;

		p = cap <= SIZE_MAX / size ? realloc(a->v, cap * size) : NULL;
		if (!p) {
			a->oom = 1;
			return NULL;
		}
		a->v = p;
		a->cap = cap;
	}
	p = (char *)a->v + a->n++ * size;
	memcpy(p, elem, size);
	return p;
}

const char *op_vec_strdup(struct op_vec *a, const char *s)
{
	struct op_strs *b = a->strs;
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	/* Copies share large blocks: a listing of a million opportunities
	 * would otherwise make millions of small allocations. */
	if (!b || b->cap - b->used < len) {
		size_t cap = len > 16384 ? len : 16384;

		b = malloc(sizeof *b + cap);
		if (!b) {
			a->oom = 1;
			return NULL;
		}
		b->next = a->strs;
		b->used = 0;
		b->cap = cap;
		a->strs = b;
	}
	p = memcpy(b->s + b->used, s, len);
	b->used += len;
	return p;
}

const char *op_vec_str(struct op_vec *a, const char *s)
{
	return op_vec_strdup(a, s ? s : "");
}

fn_code op_vec_done(struct op_vec *a, fn_code rc, struct fn_err *err)
{
	if (a->oom)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	return rc;
}

void op_vec_release(struct op_vec *a)
{
	while (a->strs) {
		struct op_strs *next = a->strs->next;

		free(a->strs);
		a->strs = next;
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* ---- names --------------------------------------------------------------- */

struct op_name {
	int64_t id;
	const char *ext;
};

static int names_add(struct op_vec *a, int64_t id, const char *ext)
{
	struct op_name n = {id, NULL}, *p = op_vec_push(a, &n, sizeof n);

	if (!p)
		return 1;
	p->ext = op_vec_str(a, ext);
	return a->oom;
}

static int user_name_cb(void *ctx, const struct fn_user *u)
{
	return names_add(ctx, u->id, u->ext_id);
}

static int team_name_cb(void *ctx, const struct fn_team *t)
{
	return names_add(ctx, t->id, t->ext_id);
}

static int account_name_cb(void *ctx, const struct fn_account *a)
{
	return names_add(ctx, a->id, a->ext_id);
}

static fn_code names_done(fn_code rc, struct op_names *out,
			  struct fn_err *err)
{
	rc = op_vec_done(&out->v, rc, err);
	if (rc)
		op_names_release(out);
	return rc;
}

fn_code op_users_load(struct fn_store *s, struct op_names *out,
		      struct fn_err *err)
{
	memset(out, 0, sizeof *out);
	return names_done(fn_store_user_each(s, user_name_cb, &out->v, err),
			  out, err);
}

fn_code op_teams_load(struct fn_store *s, struct op_names *out,
		      struct fn_err *err)
{
	memset(out, 0, sizeof *out);
	return names_done(fn_store_team_each(s, team_name_cb, &out->v, err),
			  out, err);
}

fn_code op_accounts_load(struct fn_store *s, struct op_names *out,
			 struct fn_err *err)
{
	memset(out, 0, sizeof *out);
	return names_done(fn_store_account_each(s, account_name_cb, &out->v,
						err), out, err);
}

const char *op_names_ext(const struct op_names *m, int64_t id)
{
	const struct op_name *e = m->v.v;

	for (size_t i = 0; id && i < m->v.n; i++)
		if (e[i].id == id)
			return e[i].ext;
	return "";
}

void op_names_release(struct op_names *m)
{
	op_vec_release(&m->v);
}

/* ---- JSON ----------------------------------------------------------------- */

json_t *op_json_money(int64_t cents)
{
	return json_real((double)cents / 100.0);
}

json_t *op_json_day(fn_day d)
{
	char buf[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, buf);
	return json_string(buf);
}

json_t *op_json_real(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *op_json_str(const char *s)
{
	return fn_json_str_or_null(s);
}

fn_code op_json_done(json_t *doc, json_t **out, struct fn_err *err)
{
	*out = doc;
	if (!doc)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	return FN_OK;
}
