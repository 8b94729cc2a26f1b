/*
 * cmd_target.c - `funnel target set|list`: revenue targets per owner, team
 * or the whole company and fiscal period. Periods are stored under the
 * name fn_period_format gives them, so "2026-q4" and "2026-Q4" are one.
 */
#include <string.h>
#include <stdlib.h>
#include "cli.h"

const char cli_usage_target[] =
	"  funnel target set (--owner USER|--team TEAM|--company) PERIOD "
	"AMOUNT\n"
	"  funnel target list [--json]\n";

static fn_code set(struct cli *c, int argc, char **argv)
{
	const char *owner = NULL, *team = NULL;
	int company = 0;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"team", &team, NULL},
		{"company", NULL, &company}, {NULL, NULL, NULL},
	};
	struct fn_period period;
	struct fn_target t;
	char name[32], money[32];
	fn_code rc;

	memset(&t, 0, sizeof t);
	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 2, 2, "funnel target set (--owner USER|--team "
		       "TEAM|--company) PERIOD AMOUNT");
	if (rc)
		return rc;
	if (!!owner + !!team + company != 1)
		return cli_fail(c, FN_EUSAGE, "give exactly one of --owner, "
				"--team and --company");
	rc = cli_money(c, "AMOUNT", argv[1], &t.amount);
	if (rc)
		return rc;
	rc = cli_open(c);
	if (rc)
		return rc;
	if ((rc = cli_period(c, "PERIOD", argv[0], &period)))
		return rc;
	if (owner && (rc = cli_find(c, FN_REC_USER, "--owner", owner,
				    &t.user_id)))
		return rc;
	if (team && (rc = cli_find(c, FN_REC_TEAM, "--team", team,
				   &t.team_id)))
		return rc;
	fn_period_format(&period, name, cli_fiscal_start(c));
	t.period = name;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	rc = fn_store_target_set(c->store, &t, &c->err);
	if (rc) {
		struct fn_err ignored;
		fn_store_rollback(c->store, &ignored);
		return rc;
	}
	rc = fn_store_commit(c->store, &c->err);
	if (rc == FN_OK) {
		fn_money_format(t.amount, money);
		printf("target of %s%s for %s: %s\n",
		       owner ? "user " : team ? "team " : "the company",
		       owner ? owner : team ? team : "", name, money);
	}
	return rc;
}

struct trow {
	int64_t user_id, team_id, amount;
	char period[16];
};

struct trows {
	struct trow *v;
	size_t n;
	int oom;
};

static int trow_cb(void *ctx, const struct fn_target *t)
{
	struct trows *r = ctx;
	struct trow *p = realloc(r->v, (r->n + 1) * sizeof *p);

	if (!p) {
		r->oom = 1;
		return 1;
	}
	r->v = p;
	p = &r->v[r->n++];
	p->user_id = t->user_id;
	p->team_id = t->team_id;
	p->amount = t->amount;
	snprintf(p->period, sizeof p->period, "%s", t->period ? t->period : "");
	return 0;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	struct cli_names users = {0}, teams = {0};
	struct trows r = {0};
	json_t *doc;
	char money[32], scope[160];
	fn_code rc;

	rc = cli_parse(c, &argc, argv, NULL);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 0, 0, "funnel target list [--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_users_load(c, &users)) ||
	    (rc = cli_teams_load(c, &teams)))
		goto out;
	rc = fn_store_target_each(c->store, trow_cb, &r, &c->err);
	if (r.oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc)
		goto out;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++) {
			const struct trow *t = &r.v[i];
			json_t *o = json_object();

			if (t->user_id)
				json_object_set_new(o, "owner", json_string(
					cli_names_ext(&users, t->user_id)));
			else if (t->team_id)
				json_object_set_new(o, "team", json_string(
					cli_names_ext(&teams, t->team_id)));
			else
				json_object_set_new(o, "company", json_true());
			json_object_set_new(o, "period",
					    json_string(t->period));
			json_object_set_new(o, "amount",
					    cli_json_money(t->amount));
			json_array_append_new(doc, o);
		}
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf("%-28s %-8s %14s\n", "SCOPE", "PERIOD", "AMOUNT");
	for (size_t i = 0; i < r.n; i++) {
		const struct trow *t = &r.v[i];

		if (t->user_id)
			snprintf(scope, sizeof scope, "user %s",
				 cli_names_ext(&users, t->user_id));
		else if (t->team_id)
			snprintf(scope, sizeof scope, "team %s",
				 cli_names_ext(&teams, t->team_id));
		else
			snprintf(scope, sizeof scope, "company");
		fn_money_format(t->amount, money);
		printf("%-28s %-8s %14s\n", scope, t->period, money);
	}
out:
	free(r.v);
	cli_names_release(&users);
	cli_names_release(&teams);
	return rc;
}

static const struct cli_cmd subs[] = {
	{"set", set, "  funnel target set (--owner USER|--team TEAM|--company) "
		     "PERIOD AMOUNT\n"},
	{"list", list, "  funnel target list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_target(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
