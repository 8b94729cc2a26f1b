/*
 * cli.c - the helpers of cli.h that every command file uses: option
 * parsing, dispatch to subcommands, store opening, argument conversion with
 * messages that name the option, ext id lookup and JSON printing.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

fn_code cli_fail(struct cli *c, fn_code code, const char *fmt, ...)
{
	va_list ap;

	c->err.code = code;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
	va_end(ap);
	return code;
}

void cli_usage(FILE *out, const struct cli_cmd *table)
{
	for (; table->name; table++)
		fputs(table->usage, out);
}

static int is_help(const char *s)
{
	return !strcmp(s, "help") || !strcmp(s, "--help") || !strcmp(s, "-h");
}

fn_code cli_dispatch(struct cli *c, const struct cli_cmd *table, int argc,
		     char **argv)
{
	const struct cli_cmd *t;
	size_t len;

	if (argc < 1) {
		fputs("usage:\n", stderr);
		cli_usage(stderr, table);
		return cli_fail(c, FN_EUSAGE, "missing subcommand");
	}
	if (is_help(argv[0])) {
		cli_usage(stdout, table);
		return FN_OK;
	}
	for (t = table; t->name; t++)
		if (!strcmp(t->name, argv[0]))
			break;
	if (!t->name)
		return cli_fail(c, FN_EUSAGE, "unknown subcommand '%s'",
				argv[0]);
	len = strlen(c->where);
	snprintf(c->where + len, sizeof c->where - len, "%s%s",
		 len ? " " : "", t->name);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(fn_msg_tr(c->lang, t->usage), stdout);
			return FN_OK;
		}
	}
	return t->fn(c, argc - 1, argv + 1);
}

static fn_code parse(struct cli *c, int *argc, char **argv,
		     const struct cli_opt *opts)
{
	int n = 0, i, rest = 0;

	for (i = 0; i < *argc; i++) {
		const struct cli_opt *o;
		const char *a = argv[i], *eq;
		size_t len;

		if (rest || a[0] != '-' || a[1] != '-' || !a[2]) {
			if (!rest && !strcmp(a, "--")) {
				rest = 1;
				continue;
			}
			argv[n++] = argv[i];
			continue;
		}
		eq = strchr(a + 2, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == len &&
			    !strncmp(o->name, a + 2, len))
				break;
		if (!o || !o->name)
			return cli_fail(c, FN_EUSAGE, "unknown option '%s'", a);
		if (o->flag) {
			if (eq)
				return cli_fail(c, FN_EUSAGE,
						"option --%s takes no value",
						o->name);
			*o->flag = 1;
		} else if (eq) {
			*o->arg = eq + 1;
		} else if (i + 1 < *argc) {
			*o->arg = argv[++i];
		} else {
			return cli_fail(c, FN_EUSAGE, "option --%s needs a value",
					o->name);
		}
	}
	*argc = n;
	return FN_OK;
}

fn_code cli_args(struct cli *c, int *argc, char **argv,
		 const struct cli_opt *opts, int min, int max,
		 const char *usage)
{
	fn_code rc = parse(c, argc, argv, opts);

	if (rc)
		return rc;
	if (*argc < min)
		return cli_fail(c, FN_EUSAGE, "missing argument (usage: %s)",
				usage);
	if (max >= 0 && *argc > max)
		return cli_fail(c, FN_EUSAGE,
				"too many arguments (usage: %s)", usage);
	return FN_OK;
}

fn_code cli_open(struct cli *c)
{
	return fn_store_open_existing(c->db, &c->store, &c->err);
}

fn_code cli_open_create(struct cli *c)
{
	return fn_store_open(c->db, &c->store, &c->err);
}

fn_code cli_commit(struct cli *c, fn_code rc)
{
	struct fn_err ignored;

	if (rc == FN_OK)
		return fn_store_commit(c->store, &c->err);
	fn_store_rollback(c->store, &ignored);
	return rc;
}

int cli_fiscal_start(struct cli *c)
{
	char buf[16];
	struct fn_err e;
	long v;

	if (fn_store_setting_get(c->store, "fiscal_start", buf, sizeof buf, &e))
		return 1;
	v = strtol(buf, NULL, 10);
	return v >= 1 && v <= 12 ? (int)v : 1;
}

fn_code cli_day(struct cli *c, const char *what, const char *s, fn_day *out)
{
	if (fn_day_parse(s, out))
		return cli_fail(c, FN_EINVAL,
				"%s: '%s' is not a date (YYYY-MM-DD)", what, s);
	return FN_OK;
}

fn_code cli_day_or_today(struct cli *c, const char *what, const char *s,
			 fn_day *out)
{
	if (!s) {
		*out = fn_day_today();
		return FN_OK;
	}
	return cli_day(c, what, s, out);
}

fn_code cli_money(struct cli *c, const char *what, const char *s,
		  int64_t *cents)
{
	if (fn_money_parse(s, cents))
		return cli_fail(c, FN_EINVAL,
				"%s: '%s' is not an amount (e.g. 1234.50)",
				what, s);
	return FN_OK;
}

fn_code cli_period(struct cli *c, const char *what, const char *s,
		   struct fn_period *out)
{
	struct fn_err e;

	if (fn_period_parse(s, cli_fiscal_start(c), out, &e))
		return cli_fail(c, FN_EINVAL,
				"%s: '%s' is not a period (2026, 2026-Q4 or "
				"2026-11)", what, s);
	return FN_OK;
}

fn_code cli_probability(struct cli *c, const char *what, const char *s,
			int *bp)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || isnan(v))
		goto bad;
	if (*end == '%' && !end[1])
		v /= 100;
	else if (*end)
		goto bad;
	else if (v > 1)
		v /= 100;
	if (v < 0 || v > 1)
		goto bad;
	*bp = (int)lround(v * 10000);
	return FN_OK;
bad:
	return cli_fail(c, FN_EINVAL,
			"%s: '%s' is not a probability (0.35 or 35%%)", what,
			s);
}

fn_code cli_category(struct cli *c, const char *what, const char *s,
		     enum fn_category *out)
{
	if (fn_category_parse(s, out))
		return cli_fail(c, FN_EINVAL,
				"%s: '%s' is not a forecast category (pipeline, "
				"best_case, commit, omitted)", what, s);
	return FN_OK;
}

fn_code cli_currency(struct cli *c, const char *what, const char *s)
{
	int ok = strlen(s) == 3;

	for (int i = 0; ok && i < 3; i++)
		ok = s[i] >= 'A' && s[i] <= 'Z';
	if (!ok)
		return cli_fail(c, FN_EINVAL, "%s: '%s' is not an ISO 4217 "
				"code such as USD", what, s);
	return FN_OK;
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

fn_code cli_find(struct cli *c, enum fn_record kind, const char *what,
		 const char *ext_id, int64_t *id)
{
	fn_code rc = fn_store_find(c->store, kind, ext_id, id, &c->err);

	if (rc == FN_ENOTFOUND)
		return cli_fail(c, FN_ENOTFOUND, "%s: no %s with id '%s'", what,
				record_name(kind), ext_id);
	return rc;
}

fn_code cli_owner_team(struct cli *c, const char *owner, const char *team,
		       int64_t *user_id, int64_t *team_id)
{
	fn_code rc = FN_OK;

	if (owner)
		rc = cli_find(c, FN_REC_USER, "--owner", owner, user_id);
	if (!rc && team)
		rc = cli_find(c, FN_REC_TEAM, "--team", team, team_id);
	return rc;
}

/* A block of string copies; blocks are chained newest first. */
struct cli_strs {
	struct cli_strs *next;
	size_t used, cap;
	char s[];
};

void *cli_vec_push(struct cli_vec *a, const void *elem, size_t size)
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

const char *cli_vec_strdup(struct cli_vec *a, const char *s)
{
	struct cli_strs *b = a->strs;
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

const char *cli_vec_str(struct cli_vec *a, const char *s)
{
	return cli_vec_strdup(a, s ? s : "");
}

fn_code cli_vec_done(struct cli *c, struct cli_vec *a, fn_code rc)
{
	if (a->oom)
		return cli_fail(c, FN_ENOMEM, "out of memory");
	return rc;
}

void cli_vec_release(struct cli_vec *a)
{
	while (a->strs) {
		struct cli_strs *next = a->strs->next;

		free(a->strs);
		a->strs = next;
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* One entry of struct cli_names. */
struct cli_name {
	int64_t id;
	const char *ext;
};

static int names_add(struct cli_vec *a, int64_t id, const char *ext)
{
	struct cli_name n = {id, NULL}, *p = cli_vec_push(a, &n, sizeof n);

	if (!p)
		return 1;
	p->ext = cli_vec_str(a, ext);
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

static fn_code names_done(struct cli *c, fn_code rc, struct cli_names *out)
{
	rc = cli_vec_done(c, &out->v, rc);
	if (rc)
		cli_names_release(out);
	return rc;
}

fn_code cli_users_load(struct cli *c, struct cli_names *out)
{
	memset(out, 0, sizeof *out);
	return names_done(c, fn_store_user_each(c->store, user_name_cb, &out->v,
						&c->err), out);
}

fn_code cli_teams_load(struct cli *c, struct cli_names *out)
{
	memset(out, 0, sizeof *out);
	return names_done(c, fn_store_team_each(c->store, team_name_cb, &out->v,
						&c->err), out);
}

fn_code cli_accounts_load(struct cli *c, struct cli_names *out)
{
	memset(out, 0, sizeof *out);
	return names_done(c, fn_store_account_each(c->store, account_name_cb,
						   &out->v, &c->err), out);
}

static const struct cli_name *names_find(const struct cli_names *m,
					 int64_t id)
{
	const struct cli_name *e = m->v.v;

	for (size_t i = 0; id && i < m->v.n; i++)
		if (e[i].id == id)
			return &e[i];
	return NULL;
}

const char *cli_names_ext(const struct cli_names *m, int64_t id)
{
	const struct cli_name *e = names_find(m, id);
	return e ? e->ext : "";
}

void cli_names_release(struct cli_names *m)
{
	cli_vec_release(&m->v);
}

fn_code cli_json_print(struct cli *c, json_t *doc)
{
	int rc;

	if (!doc)
		return cli_fail(c, FN_ENOMEM, "out of memory");
	rc = json_dumpf(doc, stdout,
			JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(doc);
	if (rc || fputc('\n', stdout) == EOF)
		return cli_fail(c, FN_EIO, "cannot write the output");
	return FN_OK;
}

json_t *cli_json_money(int64_t cents)
{
	return json_real((double)cents / 100.0);
}

json_t *cli_json_day(fn_day d)
{
	char buf[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, buf);
	return json_string(buf);
}

json_t *cli_json_real(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *cli_json_str(const char *s)
{
	return fn_json_str_or_null(s);
}

fn_code cli_read_file(struct cli *c, const char *path, char **out)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, got;
	fn_code rc = FN_OK;

	if (!f)
		return cli_fail(c, FN_EINVAL, "%s: %s", path, strerror(errno));
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(buf, cap);
			if (!p) {
				rc = cli_fail(c, FN_ENOMEM, "%s: out of memory",
					      path);
				goto out;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		rc = cli_fail(c, FN_EIO, "%s: cannot read", path);
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
