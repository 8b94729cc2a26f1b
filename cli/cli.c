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
	vsnprintf(c->err.msg, sizeof c->err.msg, fn_tr(fmt), ap);
	va_end(ap);
	return code;
}

int cli_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fn_tr(fmt), ap);
	va_end(ap);
	return n;
}

void cli_usage(FILE *out, const struct cli_cmd *table)
{
	for (; table->name; table++)
		fputs(fn_tr(table->usage), out);
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

int cli_fiscal_start(struct cli *c)
{
	return fn_settings_fiscal_start(c->store);
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
	if (fn_probability_parse(s, bp))
		return cli_fail(c, FN_EINVAL, "%s: '%s' is not a probability "
				"(a percentage 0..100: 35 or 35%%)", what, s);
	return FN_OK;
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

fn_code cli_find(struct cli *c, enum fn_record kind, const char *what,
		 const char *ext_id, int64_t *id)
{
	fn_code rc = fn_find_ext(c->store, kind, ext_id, id, &c->err);

	if (rc == FN_ENOTFOUND)
		fn_err_prefix(&c->err, "%s", what);
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
	return fn_read_file(path, out, &c->err);
}

void cli_cell(const char *s, size_t width, int cut, int right, int last)
{
	size_t w;

	s = s ? s : "";
	w = fn_utf8_width(s);
	if (cut || w >= width)
		fn_text_cell(stdout, s, cut ? width : w, right);
	else
		fn_text_cell(stdout, s, width, right);
	if (!last)
		putchar(' ');
}

void cli_header(const char *const *names, const int *widths)
{
	for (size_t i = 0; names[i]; i++) {
		int w = widths[i], last = !names[i + 1];

		cli_cell(fn_tr(names[i]), (size_t)(w < 0 ? -w : w), 0, w < 0,
			 last);
	}
	putchar('\n');
}

const char *cli_plural(char *buf, size_t n, long long count,
		       const char *one, const char *many)
{
	return fn_plural(buf, n, count, one, many);
}
